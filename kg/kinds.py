"""The closed sets of values kg's records carry, as enums: what an argument of a fact points at
(``ObjectKind``) and why two names became one node (``MergeReason``).

Both are str-valued (``StrEnum``): a member is equal to its value, is written as its value by
``str()``, f-strings, ``json`` and RDF literals, and so records, JSON lines and graphs are the
same bytes as when these were plain strings. Code that decides something compares with a
member (``kind is ObjectKind.CLAUSE``), never with a display text.
"""

from __future__ import annotations

import enum


class StrEnum(str, enum.Enum):
    """A str-valued enum whose ``str()`` is its value (Python 3.11's ``enum.StrEnum``; kg
    supports 3.10)."""

    def __str__(self) -> str:
        return str(self.value)

    def __format__(self, spec: str) -> str:
        return format(str(self.value), spec)


class ObjectKind(StrEnum):
    """What an argument of a fact points at in the graph."""

    ENTITY = "entity"  # a named entity (NER span): a typed node (Person, Organization, ...)
    CONCEPT = "concept"  # a common noun phrase: a Nominal node with its head concept
    PRONOUN = "pronoun"  # a personal or relative pronoun: resolved to an antecedent or dropped
    CLAUSE = "clause"  # a clausal complement ("that both sides had reached a consensus"): text
    LITERAL = "literal"  # a value that is not a node (a number, an adjective complement)


class MergeReason(StrEnum):
    """Why two names are one node. The value is the template of the sentence a graph keeps
    (``kg:mergeReason``) and ``kg explain`` shows; ``say`` fills it in."""

    # Within a document (kg/coref/names.py, kg/resolve.py).
    SAME_NAME = "same name"
    PART_OF_PERSONAL_NAME = "'{name}' is part of the personal name '{other}'"
    ENDS_NAME = "'{name}' ends the name '{other}'"
    SHIP_WITHOUT_PREFIX = "'{name}' is the ship '{other}' without its prefix"
    ACRONYM = "'{name}' is the acronym of '{other}'"
    USER_ALIAS = "user alias: '{name}' is '{other}'"
    COREFERENCE = "'{name}' and '{other}' are one by coreference"
    PLACE_FOR_ITS_TEAM = (
        "'{name}', acting here, stands for its team '{other}', which the document names"
    )
    PLACE_FOR_ITS_TEAM_HERE = (
        "'{name}' stands for its team '{other}', as the name does where it acts in this "
        "document, and is not where something is"
    )
    PLACE_NAMED_AFTER = (
        "'{name}', written here as a place, is '{other}', the place named so with a word for "
        "its kind"
    )
    NAME_CUT_FROM_WORDS_BEFORE = (
        "'{name}' is the last words of the name '{other}', written whole here, which the "
        "recogniser cut off the words before them"
    )
    NAME_CUT_FROM_WORDS_AFTER = (
        "'{name}' is the first words of the name '{other}', written whole here, which the "
        "recogniser cut off the words after them"
    )
    TEAM_NAME_CUT = "'{name}' is the first words of the team's name '{other}', written whole here"
    # Across documents (kg/resolve.py), when the documents share context.
    PART_OF_ACROSS_DOCUMENTS = (
        "'{name}' is part of '{other}', seen with {common} of the same names and things in "
        "other documents"
    )
    DISTINCTIVE_WORD_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}' by the word that tells it apart, seen with {common} of the same "
        "names and things in other documents"
    )
    MORE_KIND_WORDS_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}' with fewer words for its kind, seen with {common} of the same "
        "names and things in other documents"
    )
    SECOND_NAME_BEFORE_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}' with another name of it written before, seen with {common} of "
        "the same names and things in other documents"
    )
    NICKNAME_AFTER_PLACE_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', its place's name before it in other documents, seen with "
        "{common} of the same names and things"
    )
    SAME_TEAM_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', its place and its nickname written otherwise ('Philly Sixers' "
        "for 'Philadelphia 76ers'), seen with {common} of the same names and things in other "
        "documents"
    )
    CLIPPED_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', its name clipped as nicknames are ('Indy' for 'Indianapolis', "
        "'Jags' for 'Jaguars'), seen with {common} of the same names and things in other "
        "documents"
    )
    FIRST_WORD_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}' by the first word of its name, seen with {common} of the same "
        "names and things in other documents"
    )
    ACRONYM_ACROSS_DOCUMENTS = (
        "'{name}' is the acronym of '{other}', seen with {common} of the same names and things "
        "in other documents"
    )
    DESCRIBED_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', called '{head}' in other documents and seen with {common} of "
        "the same names and things"
    )
    DONE_ALIKE_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', called '{head}' in other documents and seen with {common} of "
        "the same names and things, as others called so are, but alone the {side} of "
        "'{verb}' there as here"
    )
    DONE_BY_ANOTHER_CALLED_SO_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', called '{head}' in other documents and the {side} of "
        "'{verb}' there as here, seen with {common} of the same names and things, rather "
        "than '{instead}', who does nothing it does"
    )
    DONE_BY_ONE_OF_ITS_SEX_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', called '{head}' in another document and the {side} of "
        "'{verb}' there as here, seen with {common} of the same names and things, rather "
        "than '{instead}', of the other sex"
    )
    TITLED_IN_ANOTHER_DOCUMENT = (
        "'{name}' is '{other}', given the title '{head}' in another document and seen with "
        "{common} of the same names and things"
    )
    DESCRIBED_BY_SYNONYM_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', called '{called}' in other documents (a synonym of '{head}' in "
        "WordNet) and seen with {common} of the same names and things"
    )
    WRITTEN_NAME_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', written in the same letters as a name in other documents and "
        "seen with {common} of the same names and things"
    )
    WRITTEN_OTHERWISE_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}' written with other punctuation or spelling"
    )
    NICKNAME_IN_NAME_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', whose nickname it is, written inside the name in other "
        "documents, seen with {common} of the same names and things"
    )
    BLENDED_NAME_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', the openings of its given name and surname run together, "
        "seen with {common} of the same names and things in other documents"
    )
    GIVEN_NAME_FORM_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', the same surname after another form of the given name, seen "
        "with {common} of the same names and things in other documents"
    )
    MISSPELT_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}' with one letter changed, seen with {common} of the same names "
        "and things in other documents"
    )
    CALLED_SO_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', called '{head}' in other documents, rather than '{instead}', "
        "whom they do not call so"
    )
    NAMED_HERE_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', which its document names and other documents call a {head} "
        "or name as one, seen with {common} of the same names and things, rather than "
        "'{instead}', which its document does not name"
    )
    CALLED_SO_MOST_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', which its document names and {documents} other documents call "
        "a {head}, seen with {common} of the same names and things, rather than '{instead}', "
        "which it names too and {fewer} call so"
    )
    NAMED_IN_ITS_OWN_STORY = (
        "'{name}' is '{other}', whom its document names and another calls '{head}', rather "
        "than '{instead}' of other stories, which name none of the people its document names"
    )
    PLAYS_THE_PART_IN_ITS_STORY = (
        "'{name}' is '{other}', of its own story, the {side} of '{verb}' there as here and "
        "seen with {common} of the same names and things, as '{instead}', called '{head}' in "
        "another story, is there"
    )
    DOES_IT_IN_ITS_STORY = (
        "'{name}' is '{other}', the one person of its own story who is the {side} of "
        "'{verb}' there as here, seen with {common} of the same names and things; "
        "'{instead}', called '{head}' in another story, is not said to be"
    )
    PLAYS_ITS_PART_HERE = (
        "'{name}' is '{other}', the one person its document names who is the {side} of "
        "'{verb}' there as it is"
    )
    DOES_IT_AS_ITS_FELLOW = (
        "'{name}' is '{other}', as '{fellow}' of its document is, both the {side} of "
        "'{verb}' there, rather than '{instead}'"
    )
    UNDERGOES_IT_IN_ITS_STORY = (
        "'{name}' is '{other}', whom its document names and other documents say was the "
        "object of '{verb}' as it is here, not '{instead}', called '{head}' there, whom "
        "{documents} documents say did it to someone"
    )
    DESCRIBED_ALIKE_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', called '{head}' in another document with the same age and "
        "nationality and seen with {common} of the same names and things, rather than "
        "'{instead}', whom other documents give another"
    )
    OF_ITS_AGE_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', {age} years old and {sex} as other documents say, seen with "
        "{common} of the same names and things"
    )
    CALLED_IN_ITS_PLACE = (
        "'{name}' is '{other}', called '{head}' in a document of the same place and seen with "
        "{common} of the same names and things, rather than '{instead}', whose documents name "
        "none of the places its document names"
    )
    NAMED_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', whose name says it is a {head}, seen with {common} of the same "
        "names and things in other documents"
    )
    NAMED_BEFORE_ITS_KIND_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', whose name calls it a {head} before the noun of its kind "
        "that ends it, seen with {common} of the same names and things in other documents"
    )
    ITS_NAME_WRITTEN_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', whose own name it writes before '{head}', seen with {common} "
        "of the same names and things in other documents"
    )
    MEMBERS_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', the {body} other documents name, a {head} being a member of "
        "a {body}, seen with {common} of the same names and things in other documents"
    )
    WRITTEN_BEFORE_ITS_KIND_ACROSS_DOCUMENTS = (
        "'{name}' is '{other}', whose name is written before '{head}' ('{other} {head}'), "
        "seen with {common} of the same names and things in other documents"
    )
    # A game's score (kg/crossdoc.py, games_of_scores): within its document or across documents.
    SCORE_OF_ONE_GAME = "'{name}' is the score of the game between {sides} that {where} reports"

    def say(self, **values: object) -> str:
        """The reason as the sentence a reader sees."""
        return self.value.format(**values)
