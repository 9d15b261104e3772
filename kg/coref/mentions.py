"""Mention detection: every referring expression of a parsed document, with what the sieves compare.

A referring expression is one of:

- a **name**: a named entity ("US Treasury Secretary Scott Bessent" gives "Scott Bessent"), or a
  proper noun the recogniser missed ("Bessent told reporters"), also where it modifies a common
  noun ("its Internet Explorer browser": "Internet Explorer" and the browser are both mentions);
- a **nominal**: a noun phrase headed by a common noun, definite ("the actress"), indefinite
  ("a 61-year-old man"), appositive ("Ryan Boyette, a former aid worker") or predicative ("he is
  the company's chief");
- a **pronoun**: personal, possessive or reflexive ("he", "her", "its", "themselves").

Each mention keeps its head word (how an argument of a fact finds its mention, and how the head
sieves compare nominals) and the grammatical features agreement is checked on: number, gender,
animacy and person. Gender and animacy come from lexicons (kg/coref/lexicon.py): first names
and WordNet's nouns; the NER label of a name says what kind of thing it is.

Why one module of about 510 lines: it is one pass over the Doc (``find_mentions``) and the maker
of each kind of mention it calls (name, nominal, pronoun, relative pronoun), title lines
included; the makers share the features they fill in and are read together.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import cached_property

from spacy.tokens import Doc, Span, Token

from kg.coref import lexicon
from kg.coref.names import (
    KIND_CORE,
    NER_TYPES,
    NUMERAL_NICKNAME,
    SCORE_LABEL,
    SHIP_PREFIXES,
    entity_type,
    honorific_gender,
    kind_core,
    normalise_name,
    team_may_be_called,
)
from kg.extract.arguments import (
    TITLE_WORDS,
    argument_tokens,
    concept_key,
    is_negative_phrase,
    is_role_word,
    name_tokens,
    office_words,
    written_as_a_figure,
)
from kg.extract.entities import quoted_name
from kg.extract.qualifiers import CONDITION_MARKS, SPEECH_VERBS
from kg.extract.tokens import (
    CLOSING_MARKS,
    DEP,
    OPENING_MARKS,
    POS,
    STRAIGHT_MARKS,
    TAG,
    WORD,
    children,
    doc_cache,
    doc_text,
    doc_tokens,
    lefts,
    opens_sentence,
    span_text_at,
    string_ids,
)
from kg.kinds import ObjectKind
from kg.labels import AMOUNT_LABELS, TIME_LABELS, VALUE_LABELS
from kg.timex.lexicon import CARDINAL_WORDS
from kg.types import Mention, Sentence, TimeExpression

# Pronouns and their agreement features: (person, number, gender, reflexive). Gender "neuter"
# is a thing ("it"); "" is unknown ("they" is people or things).
PRONOUNS: dict[str, tuple[int, str, str, bool]] = {
    "i": (1, "singular", "", False),
    "me": (1, "singular", "", False),
    "my": (1, "singular", "", False),
    "mine": (1, "singular", "", False),
    "myself": (1, "singular", "", True),
    "we": (1, "plural", "", False),
    "us": (1, "plural", "", False),
    "our": (1, "plural", "", False),
    "ours": (1, "plural", "", False),
    "ourselves": (1, "plural", "", True),
    "you": (2, "", "", False),
    "your": (2, "", "", False),
    "yours": (2, "", "", False),
    "yourself": (2, "singular", "", True),
    "he": (3, "singular", "male", False),
    "him": (3, "singular", "male", False),
    "his": (3, "singular", "male", False),
    "himself": (3, "singular", "male", True),
    "she": (3, "singular", "female", False),
    "her": (3, "singular", "female", False),
    "hers": (3, "singular", "female", False),
    "herself": (3, "singular", "female", True),
    "it": (3, "singular", "neuter", False),
    "its": (3, "singular", "neuter", False),
    "itself": (3, "singular", "neuter", True),
    "they": (3, "plural", "", False),
    "them": (3, "plural", "", False),
    "their": (3, "plural", "", False),
    "theirs": (3, "plural", "", False),
    "themselves": (3, "plural", "", True),
}

# Determiners that make a noun phrase definite (it can point back) or indefinite (it introduces
# something new, or means any member of a kind: "a man was charged", "some people").
DEFINITE_DETERMINERS = frozenset({"the", "this", "that", "these", "those"})
INDEFINITE_DETERMINERS = frozenset(
    {"a", "an", "some", "any", "another", "no", "every", "each", "many", "several", "few", "all"}
)

# Verbs whose "it" subject stands for an extraposed clause or the weather, not for a thing:
# "it is likely that ...", "it seems ...", "it was raining".
# Linking verbs whose predicate may take the clause "it" stands for: "it is clear that ...", "it
# seems likely (that) ...", "it appears unlikely that ...".
_LINKING_HOSTS = frozenset({"be", "seem", "appear", "become", "remain"})
_EXPLETIVE_HOSTS = _LINKING_HOSTS | {"take", "rain", "snow", "emerge", "transpire"}

# Verbs whose subject is often a that-clause set after them, "it" standing in its place ("it
# doesn't hurt that ...", "it helps that ...", "it matters whether ..."): with such a clause,
# "it" is the clause.
_CLAUSE_SUBJECT_VERBS = frozenset({"hurt", "help", "matter"})
_CLAUSE_MARKS = frozenset({"that", "if", "whether"})

# Verbs whose object is a claim, not a thing: "it" after them is what was said ("All have
# denied it", "he later admitted it"), which no noun phrase names.
_PROPOSITION_VERBS = frozenset({"deny", "admit", "acknowledge", "concede", "doubt"})

# Adjectives that take an extraposed infinitive as their subject ("it would be wrong to blame
# the police", "it is too early to say"): Lappin and Leass's (1994) modal adjectives for
# pleonastic "it", with the evaluative and time adjectives news uses so; not the raising ones
# ("it is likely to close" is a plant). After another adjective the infinitive completes it and
# "it" is a thing ("it is unlicensed to perform surgery").
_EXTRAPOSING_ADJECTIVES = frozenset(
    {
        "necessary",
        "possible",
        "impossible",
        "important",
        "good",
        "useful",
        "advisable",
        "convenient",
        "sufficient",
        "economical",
        "easy",
        "desirable",
        "difficult",
        "hard",
        "legal",
        "illegal",
        "wrong",
        "right",
        "fair",
        "unfair",
        "better",
        "best",
        "bad",
        "worse",
        "safe",
        "dangerous",
        "unusual",
        "rare",
        "common",
        "early",
        "late",
        "soon",
        "crucial",
        "essential",
        "imperative",
        "vital",
        "tough",
    }
)
# Of those, the ones whose subject may also be the infinitive's object ("it is hard to find"
# is a thing hard to find): extraposed only when the infinitive has an object of its own.
_TOUGH_ADJECTIVES = frozenset(
    {
        "easy",
        "hard",
        "difficult",
        "tough",
        "impossible",
        "possible",
        "safe",
        "dangerous",
        "convenient",
        "good",
        "useful",
        "better",
        "best",
        "worse",
    }
)

# Subjects: a reflexive's antecedent and the argument binding keeps apart from an object.
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "agent", "expl"})


@dataclass
class CorefMention:
    """One referring expression and the features the sieves compare."""

    record: Mention  # what leaves the stage (text, offsets, kind, label, head)
    index: int  # its position in the document's mentions (document order)
    head: int  # token index of the head word
    kind: str  # "name", "nominal", "pronoun" or "score" (a game's score: _scores)
    sentence: int
    lemma: str  # the head's lemma, lower case ("actress", "he")
    words: frozenset[str]  # lower-case content words, for word inclusion
    modifiers: frozenset[str]  # the head's adjectives, compounds and numbers ("61-year-old")
    number: str  # "singular", "plural" or ""
    gender: str  # "male", "female", "neuter" or ""
    person: int  # 1, 2 or 3
    entity_type: str  # Person, Organization, Place ... for names; "" otherwise
    noun_class: str  # WordNet class of a nominal's head ("person", "organization", ...)
    definite: bool
    indefinite: bool
    reflexive: bool
    verb: int  # token index of the verb it is an argument of (-1: none)
    role: str  # its dependency label ("nsubj", "dobj", "pobj" ...)
    depth: int  # its head's distance from the sentence root: salience, as in Hobbs' search
    titles: frozenset[str] = frozenset()  # a name's office words ("president", "secretary")
    relative_to: int = -1  # a relative pronoun's noun (token index): "who" in "Lohan, who ..."
    possessed: bool = False  # a nominal with a possessor ("her mother", "Lohan's lawyer")
    # Counted as one ("one person", "at least one officer"): one of a number of its kind,
    # someone or something the sentence brings in, not one the story has been about.
    counted_one: bool = False
    # A noun of a person written with a capital and no determiner inside a sentence ("God",
    # "'Mommy, I got hit'", "Playboy"): called by it as by a name, not described.
    called_by_noun: bool = False
    # Followed by a possessive ending the parser may have read as punctuation ("the
    # Bulldogs' deficit"): a possessor, whatever its dependency label.
    possessor: bool = False
    locative: bool = False  # the object of a preposition of place ("in Washington")
    preposition: str = ""  # the preposition it is the object of, lower case ("in", "to")
    # The number a count word says: of the noun it counts ("three bank workers": 3), or of a bare
    # count heading its own phrase ("Three were killed": 3, with ``bare_count``); -1: none.
    count: int = -1
    bare_count: bool = False
    opens_sentence: bool = False  # its first word opens its sentence (capitalised by its place)
    # A people's name set as a noun for one of them ("the lanky Australian"): someone.
    one_of_a_people: bool = False
    counted: bool = False  # an appositive counted by a number before it ("Rahman (36 KOs)")
    # An appositive followed right away by a verb of saying ("..., the California Highway
    # Patrol said."): the speaker of a report the parser hung on the phrase before it.
    says_next: bool = False
    speaker: int = -1  # mention index of who says the quote it stands in (first person)
    # A pronoun's: the nouns whose phrase holds it, which it cannot refer to (i-within-i).
    containers: frozenset[int] = frozenset()
    # The verb whose subject the mention's verb shares: its own, or the first of verbs
    # coordinated without a subject of their own ("Comeaux took the guns and handcuffed them").
    clause: int = -1
    # A pronoun in a clause fronted before its sentence's subject ("As it promised, Microsoft
    # issued a patch"): the token index of that subject's head, which it may name ahead (-1).
    fronted_subject: int = -1
    # The first of the verbs its verb is coordinated with ("pulled a gun and handcuffed two
    # officers": "pulled" for the officers); its own verb when not coordinated (-1: no verb).
    coordinated_with: int = -1
    # The infinitive an object is the understood subject of ("ordered Lohan to stay": "stay"),
    # by object control (-1: none).
    controls: int = -1
    # A reflexive in a clause with no subject of its own: the token indexes of the phrases that
    # may be that clause's understood subject, which binds it (_controllers), likeliest first.
    controllers: tuple[int, ...] = ()
    # A nominal headed inside an amount ("364 yards", "$2 million", "5 percent"): a value
    # measured, not a thing a pronoun refers to.
    measure: bool = False
    # A body of people named by what it is made of ("a gang of four thieves", "a group of
    # children"): "them" after it is its members, the plural noun (set for bodies only).
    of_members: bool = False
    # A subject pronoun's: the token ranges of the clauses it stands over as their reporter or
    # thinker (its verb's complement, a quotation its verb of saying follows), where no name
    # or description is it (principle C: "'Jermayne fired the shot,' he said").
    reported: tuple[tuple[int, int], ...] = ()
    # A name in the plural of a noun for people ("Protesters", "Demonstrators"): a group of
    # people, which "it" is not.
    people: bool = False
    # A singular noun of a set or an amount said to be made of a plural ("a group of women", "a
    # number of children"): the token index of that plural's head, which "they" refers to
    # through it (-1: none).
    members: int = -1
    # A possessive in a noun phrase coordinated with another ("LuAnn and her husband"): the
    # token index of that other phrase's head, whose referent the possessive is first of all
    # (-1: none).
    conjunct: int = -1
    # A person's noun written right before that person's name ("Hollywood actress Esther
    # Williams"): the name's title, which the apposition sieve links to it.
    titles_name: bool = False
    # An "it" that "be" says is something ("it was the worst violence in years", "it was a
    # factory"): the lemma of that predicate noun, which its referent must be able to be.
    predicate: str = ""
    # An "it" said to happen ("it happened in 1959", "watched it happen", "the event as it
    # unfolded"): an event, which its referent must be.
    happening: bool = False
    # The deed the mention takes part in and its side: the lemma of its verb and "agent" (the
    # doer: an active verb's subject, a passive's "by" object) or "patient" (the one it is
    # done to: an object, a passive's subject). Empty when neither, or when a reflexive object
    # makes the doer the one done to ("killed himself"). Within a document the doer and the
    # one done to of one deed are two participants (_participant).
    deed: str = ""
    side: str = ""
    # Whether its deed is denied or only supposed: a negated verb ("was not charged"), one
    # under a modal ("may have shot") or a condition ("if he is charged"). A description named
    # for a deed is not the one who only might have done it (deed_sieve).
    deed_hedged: bool = False

    @property
    def is_time(self) -> bool:
        return self.record.label in TIME_LABELS

    # Read by every agreement check on every mention of a chain: worked out once per mention.
    @cached_property
    def ship(self) -> bool:
        """A ship's name ("INS Mysore"): a name of two words or more opening with a ship
        prefix."""
        words = self.record.text.split()
        return self.kind == "name" and len(words) > 1 and words[0] in SHIP_PREFIXES

    @cached_property
    def first_name_gender(self) -> str:
        """The gender the first word of a name of two words or more gives, whatever the name's
        type ("" for other mentions, or a first word that is no first name)."""
        words = self.record.text.split()
        if self.kind != "name" or len(words) < 2:
            return ""
        return lexicon.first_name_gender(words[0]) or ""


def _with_numeral_nicknames(doc: Doc, names: list[Span]) -> list[Span]:
    """The recogniser's names, with each team's nickname made of a number (``NUMERAL_NICKNAME``,
    which it reads as a count or a noun) a body's name: with the name of its place before it,
    the two one name ("the Philadelphia 76ers", read as a town and a count), alone a name of
    its own ("the 76ers"); a name the recogniser ends with it is a body's ("the San Francisco
    49ers", read as a building), from its first capitalised word."""
    if NUMERAL_NICKNAME.search(doc_text(doc)) is None:
        return names  # most documents: no word of any token is one (each is a piece of the text)
    tokens = doc_tokens(doc)
    nicknames = [t for t in tokens if NUMERAL_NICKNAME.fullmatch(t.text)]
    if not nicknames:
        return names
    ending_at = {span.end: span for span in names}
    holding = {i: span for span in names for i in range(span.start, span.end)}
    made: list[Span] = []
    for token in nicknames:
        held, place = holding.get(token.i), ending_at.get(token.i)
        if held is not None and held.label_ not in VALUE_LABELS:
            if held.end != token.i + 1:
                continue  # inside a longer name
            start = next(t.i for t in held if t.text[:1].isupper() or t.i == token.i)
        elif place is not None and place.label_ in _PLACE_LABELS:
            start = place.start
        else:
            start = token.i
        made.append(Span(doc, start, token.i + 1, label="ORG"))
    covered = {i for span in made for i in range(span.start, span.end)}
    kept = [span for span in names if not any(i in covered for i in range(span.start, span.end))]
    return sorted(kept + made, key=lambda span: span.start)


def _names_parted(names: list[Span]) -> list[Span]:
    """The recogniser's names, each parted where it is two names coordinated ("Philly and
    Cheeks hooked up again", "the trial of Lopez and Carrasquillo": ``_coordinated_names``)."""
    if not any(t.lower_ == "and" for name in names for t in name):
        return names
    # What the document names without a coordination, as the recogniser typed it.
    labels: dict[str, str] = {}
    for name in names:
        if not any(t.lower_ == "and" for t in name):
            labels.setdefault(name.text, name.label_)
    # The words a name of the document begins or ends with ("Philly Sixers", "Andrew Lopez"),
    # and the proper nouns the recogniser read in no name ("the Philly Sixers canned O'Brien"):
    # names written alone too, of no type the recogniser gave them alone, but a person's
    # surname, which is the person's.
    inside = {t.i for name in names for t in name}
    written = {t.text for t in doc_tokens(names[0].doc) if t.pos_ == "PROPN" and t.i not in inside}
    for name in names:
        if name.text in labels:
            words = name.text.split()
            written.update((words[0], words[-1]))
            if name.label_ == "PERSON" and len(words) > 1:
                labels.setdefault(words[-1], "PERSON")
    parted: list[Span] = []
    for name in names:
        parted += _coordinated_names(name, labels, written) or [name]
    return parted


def _coordinated_names(name: Span, labels: dict[str, str], written: set[str]) -> list[Span]:
    """The two names a recogniser's name joins with "and", when each is a name the document
    writes without the other (a name of its own, typed as ``labels`` say, or a word of one,
    ``written``: of no type the recogniser gave it alone); [] when it is one name: a body
    named by what it does ("Fish and Wildlife Service", "Department of Health and Human
    Services", whose parts are no names the document gives alone) or by its founders, written
    together only ("Procter and Gamble")."""
    conjunctions = [t for t in name if t.lower_ == "and" and t.tag_ == "CC"]
    if len(conjunctions) != 1:
        return []
    cut = conjunctions[0].i
    left = Span(name.doc, name.start, cut)
    right = Span(name.doc, cut + 1, name.end)
    while len(right) and right[0].pos_ == "DET":  # "the Tar Heels and the Purple Aces"
        right = Span(name.doc, right.start + 1, right.end)
    if not len(left) or not len(right) or left.text == right.text:
        return []
    if not all(t.pos_ == "PROPN" for side in (left, right) for t in side):
        return []
    if not all(side.text in labels or side.text in written for side in (left, right)):
        return []
    return [
        Span(name.doc, side.start, side.end, label=labels.get(side.text, ""))
        for side in (left, right)
    ]


def find_mentions(
    doc: Doc,
    sentences: Sequence[tuple[Sentence, Span]],
    headlines: frozenset[int] = frozenset(),
    times: Sequence[TimeExpression] = (),
) -> list[CorefMention]:
    """Every referring expression of ``doc`` in document order. ``sentences`` are the
    document's (Sentence, spaCy sentence) pairs; a mention's sentence is its index there.
    ``headlines`` are the indices of title lines, whose names count only when the body
    confirms them (``headline_mentions``). ``times`` are the document's time expressions
    (kg/timex): a word the time grammar reads as part of a time is no name nor description,
    whatever the recogniser says ("2:21 pm BST", "(1023 GMT)": BST and GMT are no
    organisations that a "they" could refer to)."""
    tokens = doc_tokens(doc)
    timed = _timed_tokens(doc, times)
    sentence_of = [-1] * len(tokens)
    for record, sent in sentences:
        sentence_of[sent.start : sent.end] = [record.index] * (sent.end - sent.start)
    depth = _depths(doc_cache(doc).heads)
    found: list[CorefMention] = []
    modifiers: list[CorefMention] = []  # one-word names before a noun ("the Colts defense")
    in_entity = [False] * len(tokens)
    pos_of = doc_cache(doc).pos  # part-of-speech ids, by token index
    # Common nouns the document writes in lower case ("entered rehab"): the same word opening
    # a sentence ("Rehab has been calling her name") is that noun, capitalised by its place.
    # Those of the body, by form and by lemma, are what a title line's capitalised words may
    # be ("Driver" ... "the driver": headline_mentions).
    common: set[str] = set()
    body_nouns: dict[str, str] = {}
    for t in tokens:
        if pos_of[t.i] == POS.NOUN and t.is_lower:
            common.add(t.lower_)
            sentence = sentence_of[t.i]
            if headlines and t.is_alpha and sentence >= 0 and sentence not in headlines:
                body_nouns.setdefault(t.lower_, t.lemma_)
                body_nouns.setdefault(t.lemma_, t.lemma_)
    # A game's score is a mention of its own: no word of it is a name or a description.
    found += _scores(doc, sentence_of, depth)
    scored = {t.i for m in found for t in doc.char_span(m.record.start, m.record.end) or ()}
    # The recogniser's names as extraction settled them (kg.extract.entities: a nickname
    # inside a name, a quoted name, a code written with hyphens).
    for ent in _names_parted(_with_numeral_nicknames(doc, list(doc.ents))):
        if ent.label_ in VALUE_LABELS or sentence_of[ent.start] < 0:
            continue
        if scored and all(i in scored for i in range(ent.start, ent.end)):
            continue
        if len(ent) == 1 and ent[0].lower_ in common and opens_sentence(ent[0]):
            continue  # read as a nominal below
        if len(ent) == 1 and _capitalised_role(ent[0], [ent[0]]):
            continue  # "Attorney" tagged PERSON: a description, read as a nominal below
        if len(ent) == 1 and _settlement_before_its_name(ent[0]):
            continue  # "the tourist Island of Qeshm": a description, read as a nominal below
        if _capitalised_description(ent.root, list(ent), _determiner_of(ent.root)):
            continue  # "the Perennial Party Girl": a description, read as a nominal below
        if _name_as_a_kind(ent.root):
            continue  # "she is a Muslim": one of a kind, read as a nominal below
        if ent.label_ not in TIME_LABELS and not any(
            c.isupper() or c.isdigit() for t in ent for c in t.text
        ):
            continue  # "colonists" tagged PERSON: a name is written with a capital
        if written_as_a_figure(ent, ent.label_):
            continue  # "288 candidates", "288" typed a building: a count (below), no name
        if ent.label_ not in TIME_LABELS and all(timed[i] for i in range(ent.start, ent.end)):
            continue  # part of a time (no nominal below either)
        for i in range(ent.start, ent.end):
            in_entity[i] = True
        if sentence_of[ent.start] not in headlines:
            found.append(_name(ent, sentence_of[ent.start], depth))
    written_apart = _nouns_written_apart(tokens)
    pieces = {t.i for words in written_apart.values() for t in words} - written_apart.keys()
    for token in tokens:
        i = token.i
        if in_entity[i] or sentence_of[i] < 0 or timed[i] or i in pieces or i in scored:
            continue
        if _locative_there(token):
            found.append(_there(token, sentence_of[i], depth))
            continue
        if _bare_count(token):
            found.append(_count_mention(token, sentence_of[i], depth))
            continue
        in_headline = sentence_of[i] in headlines
        if in_headline and token.pos_ != "PRON" and not _relative_read_as_a_subject(token, True):
            continue
        pos = token.pos_
        if i in written_apart:
            mention = _noun_written_apart(token, written_apart[i], sentence_of[i], depth)
        elif (
            token.tag in _RELATIVE_TAG_IDS
            or _relative_where(token)
            or _relative_read_as_a_subject(token, in_headline)
        ):
            mention = _relative(token, sentence_of[i], depth)
            if mention is None and _relative_read_as_a_subject(token, in_headline):
                mention = _relative(token, sentence_of[i], depth, noun=tokens[i - 1])
        elif pos in ("PRON", "NOUN") and is_negative_phrase(token):
            # "no one", "nobody", "no weapons": a phrase that denies its referent refers to
            # nothing, so nothing refers back to it.
            mention = None
        elif _name_read_as_a_modal(token):
            mention = _modal_name(token, sentence_of[i], depth)
        elif token.lower_ == "one" and (
            token.dep_ in SUBJECT_DEPS or (token.dep_ == "appos" and _counts_a_set(token))
        ):
            mention = _one_of(token, sentence_of[i], depth)
        elif pos == "PRON" and sentence_of[i] not in headlines and _capitalised_in_a_name(token):
            mention = None  # "install the Fix It", "the Fix Its": a piece of a name
        elif pos == "PRON":
            mention = _pronoun(token, sentence_of[i], depth)
        elif _parted_given_name(token):
            mention = None  # the first word of the name after it (see _nominal)
        elif _prefix_parted_by_hyphen(token):
            mention = None  # "an ex-employee", "three co-workers": a piece of the noun after it
        elif (team_starts := _team_before_its_player(token)) >= 0:
            mention = _name(Span(doc, team_starts, i + 1, label="ORG"), sentence_of[i], depth)
        elif _verb_read_as_a_plural(token):
            mention = None  # "Microsoft issues patch": the headline's verb, no noun
        elif i > 0 and token.is_lower and _verb_read_as_a_plural(tokens[i - 1]):
            mention = _object_read_as_a_verb(token, sentence_of[i], depth)
        elif (
            pos in ("NOUN", "PROPN") and token.dep_ not in ("compound", "flat")
        ) or _noun_read_as_an_adjective(token):
            mention = _nominal(token, sentence_of[i], depth, common)
        elif _title_before_name(token):
            mention = _title_of_name(token, sentence_of[i], depth)
        elif token.dep_ == "compound" and _names_word(token):
            mention = _modifier_name(token, in_entity, sentence_of[i], depth)
            if mention is not None and " " not in mention.record.text:
                modifiers.append(mention)  # kept when the document names it elsewhere
                mention = None
        else:
            mention = None
        if mention is not None:
            found.append(mention)
    # A one-word modifier is a name when the document names it elsewhere too ("the Colts
    # defense" ... "the Colts"): alone, a capitalised word before a noun is as often a common
    # noun written with a capital ("Web site", "Police spokesman").
    named = {w for m in found if m.kind == "name" for w in m.record.text.lower().split()}
    found += [m for m in modifiers if m.record.text.lower() in named]
    _people_by_surname(found)
    _untyped_people(found, doc)
    if headlines:
        titled = headline_mentions(doc, sentences, headlines, found, body_nouns, depth)
        # A pronoun's word inside a title line's name is a piece of that name ("Scott Bessent
        # Meets He Lifeng"), which refers to no one before it.
        title_names = [(m.record.start, m.record.end) for m in titled if m.kind == "name"]
        if title_names:
            found = [
                m
                for m in found
                if m.kind != "pronoun"
                or not any(start <= m.record.start < end for start, end in title_names)
            ]
        found += titled
    _places_written_where_places_stand(found, doc)
    _bodies_named_by_a_plural(found, doc)
    # Where a capital tells nothing: a sentence's first word.
    openers = {
        next((t.idx for t in sent if not t.is_punct), sent.start_char) for _, sent in sentences
    }
    for mention in found:
        mention.opens_sentence = mention.record.start in openers
    found.sort(key=lambda m: (m.record.start, -m.record.end))
    for index, mention in enumerate(found):
        mention.index = index
    return found


# What a headline word may describe when it is not a name: "Swimmer", "Actress", "Facility".
_HEADLINE_NOUN_CLASSES = frozenset({"person", "organization", "place", "animal"})


# The recogniser's labels of a place's or a body's name ("" where it gave none).
_PLACE_OR_BODY_LABELS = frozenset({"ORG", "FAC", "GPE", "LOC", ""})


def headline_mentions(
    doc: Doc,
    sentences: Sequence[tuple[Sentence, Span]],
    headlines: frozenset[int],
    body: list[CorefMention],
    body_nouns: dict[str, str],
    depth: list[int],
) -> list[CorefMention]:
    """The mentions of title lines. Title case capitalises every word, so the recogniser's
    names there are not evidence: a run of words is a name when the body names it ("Lindsay
    Lohan" in "Lindsay Lohan Checks Into Rehab"), or a surname of a name the body gives (not a
    word the body also writes in lower case as a common noun: "Fire" of "Palmer Fire"); a
    capitalised common noun of a person, an organisation or a place ("Actress"), or one the
    body writes in lower case (``body_nouns``: form or lemma -> lemma), is a description;
    the other words mint nothing. A team the recogniser reads there by its
    place and its nickname is one name when the body names both (``_team_in_title``)."""
    known: dict[str, str] = {}  # normalised name -> label, from the body
    surnames: set[str] = set()  # the last words of the body's people named in full
    # The body's places and bodies named with a word for their kind, by their core ("betty
    # ford" of "Betty Ford Center"): a title may write one with another word for its kind
    # ("Betty Ford Clinic") or with none ("Checks Into Betty Ford"). -> label
    cores: dict[str, str] = {}
    for mention in body:
        if mention.kind != "name" or mention.is_time:
            continue
        # Compared without case: headlines may be written in capitals ("COLTS BEAT CHIEFS").
        name = normalise_name(mention.record.text).casefold()
        known.setdefault(name, mention.record.label)
        words = name.split()
        if mention.record.label in _PLACE_OR_BODY_LABELS and len(words) > KIND_CORE:
            kept = kind_core(words)
            if KIND_CORE <= len(kept) < len(words):
                cores.setdefault(" ".join(kept), mention.record.label)
        if len(words) > 1 and mention.record.label == "PERSON":
            surnames.add(words[-1])
        if len(words) > 1 and mention.record.label in ("PERSON", "ORG", ""):
            # A part of a longer name that the body also writes in lower case as a common
            # noun is that noun in the title: "Fire Destroys ..." over "Palmer Fire" and
            # "the fire", "Fire at Waitrose" over "Somerset Fire and Rescue".
            for word in (words[0], words[-1]):
                if word not in body_nouns:
                    known.setdefault(word, mention.record.label)
    found = []
    for record, sent in sentences:
        if record.index not in headlines:
            continue
        tokens = [t for t in sent if not t.is_space]
        i = 0
        while i < len(tokens):
            match = _team_in_title(tokens, i, known)
            label = "ORG"
            for j in range(min(len(tokens), i + 6), i, -1):
                if match is not None:
                    break
                if not tokens[i].text[:1].isupper():
                    continue
                name = normalise_name(span_text_at(tokens[i:j])[0]).casefold()
                core = name if name in cores else " ".join(kind_core(name.split()))
                if name in known:
                    match = j
                    label = known[name]
                elif core in cores:
                    match = j
                    label = cores[core]
            person = _person_in_title(tokens, i, known, body_nouns)
            if (
                person is not None
                and (match is None or person > match)
                and tokens[person - 1].lower_ not in surnames
            ):
                # "Lindsay Lohan" where the body says "Lohan" (or "Lindsay") alone. Where
                # the body names that person in full, its name is theirs, and the title's
                # ("Fred LaRue" for "Frederick Cheney LaRue") is read by its surname, as the
                # body's "LaRue" is.
                match, label = person, "PERSON"
            if match is not None and _name_as_a_kind(tokens[match - 1]):
                match = None  # "Hiller Is A Muslim": one of a kind, a description below
            if match is not None:
                piece = tokens[i:match]
                text, start, end = span_text_at(piece)
                head = piece[-1]
                index = record.index
                acts_as_agent = label not in TIME_LABELS and _acts_for_its_people(head, end)
                mention_record = Mention(
                    text,
                    start,
                    end,
                    index,
                    ObjectKind.ENTITY,
                    label,
                    head=head.idx,
                    acts_as_agent=acts_as_agent,
                )
                mention = _base(mention_record, head, "name", index, depth)
                mention.entity_type = entity_type(label) if label else ""
                mention.words = frozenset(w.lower() for w in text.split())
                mention.definite = True
                found.append(mention)
                i = match
                continue
            token = tokens[i]
            described = _body_noun(token, body_nouns)
            lemma = described or token.lower_
            pieces = _hyphenated_body_noun(tokens, i, body_nouns)
            if pieces:
                described = lemma = body_nouns[token.lower_]
            if token.is_alpha and (
                described is not None
                or lexicon.noun_class(lemma) in _HEADLINE_NOUN_CLASSES
                or _name_as_a_kind(token)
            ):
                index = record.index
                text, start, end = span_text_at(pieces or [token])
                mention_record = Mention(
                    text, start, end, index, ObjectKind.CONCEPT, key=lemma, head=token.idx
                )
                mention = _base(mention_record, token, "nominal", index, depth)
                mention.lemma = lemma
                mention.words = frozenset({lemma})
                if body_nouns.get(token.lower_, token.lower_) != token.lower_:
                    # The tagger reads a capitalised plural as a proper noun, singular
                    # ("BELTS", "Guards"); the body writes the word as an inflected form of
                    # its noun.
                    mention.number = "plural"
                if i and _picks_one_of_several(tokens[i - 1]):
                    # "Second Climber Dies": which one of several (the headline noun sieve).
                    mention.modifiers = frozenset({tokens[i - 1].lower_})
                mention.noun_class = lexicon.noun_class(lemma)
                mention.gender = lexicon.noun_gender(lemma) or ""
                mention.definite = True
                found.append(mention)
            i += 1
    return _titles_kept(_title_compounds(doc, found))


def _picks_one_of_several(token: Token) -> bool:
    """An ordinal or "another" before a noun ("Second Climber", "3rd Victim", "Another
    Fire"): it picks one of several of the noun's kind."""
    return token.lower_ in ("another", "other") or token.ent_type_ == "ORDINAL"


def _hyphenated_body_noun(tokens: list[Token], i: int, body_nouns: dict[str, str]) -> list[Token]:
    """The pieces of a hyphenated noun of a title line that the body writes too, when
    ``tokens[i]`` is its last piece and a noun of the body ("Shoots Co-workers" ... "two
    co-workers"): title case capitalises only its first piece, so the last is the word's
    head in lower case. Empty otherwise."""
    token = tokens[i]
    if i < 2 or not token.is_alpha or token.lower_ not in body_nouns or not token.is_lower:
        return []
    hyphen, prefix = tokens[i - 1], tokens[i - 2]
    if hyphen.text != "-" or hyphen.whitespace_ or prefix.whitespace_:
        return []
    if not prefix.is_alpha or not prefix.text[:1].isupper():
        return []
    whole = f"{prefix.lower_}-{token.lower_}"
    return [prefix, hyphen, token] if token.doc.text.lower().count(whole) > 1 else []


def _title_compounds(doc: Doc, found: list[CorefMention]) -> list[CorefMention]:
    """A title line's mentions, with a noun saying what kind of place or body something is
    taking the names and nouns written right before it as its modifiers, as the body's
    grammar does ("checked into the Betty Ford Clinic", "a rehab facility"): "Betty Ford
    Clinic", "Casty Shop" and "Other Rehab Facility" are each one description by their last
    word, the name inside it a mention of its own, not the names "Betty" and "Ford" and a
    bare "Clinic". Title case capitalises every word, so its capitals do not part a compound
    as a body's would."""
    dropped: set[int] = set()
    names = {m.record.start for m in found if m.kind == "name"}
    for index, mention in enumerate(found):
        if (
            mention.kind != "nominal"
            or not mention.record.text[:1].isupper()
            or not lexicon.kind_of_place(mention.lemma)
            or _before_a_name(doc, mention, names)
            or _modifies_the_next(doc, found, index)
            or _after_a_given_name(found, index)
        ):
            continue
        start = mention.record.start
        first = index
        while first > 0:
            before = found[first - 1]
            if before.sentence != mention.sentence or doc.text[before.record.end : start] != " ":
                break
            if before.kind == "nominal" and before.lemma != before.record.text.lower():
                break  # a plural or a verb ("Lifer Escapes Prison"): no modifier of a noun
            start = before.record.start
            first -= 1
        if first == index:
            continue
        # the nouns before it are its modifiers; the names stay mentions of their own
        dropped.update(id(m) for m in found[first:index] if m.kind == "nominal")
        text = doc.text[start : mention.record.end]
        mention.record = replace(mention.record, text=text, start=start)
        mention.modifiers = frozenset(w.lower() for w in text.split()[:-1])
        mention.words = mention.words | mention.modifiers
    return [m for m in found if id(m) not in dropped]


def _after_a_given_name(found: list[CorefMention], index: int) -> bool:
    """Whether a title line's noun follows a given name, which makes it a surname ("Betty
    Ford": WordNet's "ford" is a place to cross a river)."""
    before = found[index - 1] if index > 0 else None
    return (
        before is not None
        and before.kind == "name"
        and before.sentence == found[index].sentence
        and before.record.label not in _PLACE_LABELS  # "Brooklyn Neighborhood"
        and lexicon.given_name(before.record.text.split()[-1])
    )


def _modifies_the_next(doc: Doc, found: list[CorefMention], index: int) -> bool:
    """Whether a title line's noun is followed by another noun of the line, a space between:
    the compound's head is the last of them ("Ford" of "Betty Ford Clinic", "Dairy" of
    "Matanuska Maid Dairy Building")."""
    mention = found[index]
    after = found[index + 1] if index + 1 < len(found) else None
    return (
        after is not None
        and after.kind == "nominal"
        and after.sentence == mention.sentence
        and doc.text[mention.record.end : after.record.start] == " "
    )


def _before_a_name(doc: Doc, mention: CorefMention, names: set[int]) -> bool:
    """Whether the word after a title line's mention opens a name (``names``: the names'
    first characters): "Colts Beat Chiefs", "COLTS TOP JAGUARS", where the word between two
    names is their verb, not a noun the first name modifies ("Casty Shop Raid" is a noun)."""
    tokens = doc_tokens(doc)
    after = mention.head + 1
    while after < len(tokens) and tokens[after].is_space:
        after += 1
    return after < len(tokens) and tokens[after].idx in names


def _titles_kept(found: list[CorefMention]) -> list[CorefMention]:
    """A title line's mentions, with a description of a person written just before a
    person's name taken as that name's title ("Rehires Attorney Shawn Holley": the attorney is
    Shawn Holley, as "attorney Shawn Holley" is in the body), not as someone of its own: the
    name takes it among its titles, and the noun stays a mention that titles the name (the
    apposition sieve links the two). A noun that may name a person by a frequent sense is a
    title there too ("Musical Star Esther Williams": WordNet's first "star" is a celestial
    body), since title case writes no determiner that would make it an argument of its own."""
    for index, mention in enumerate(found):
        after = found[index + 1] if index + 1 < len(found) else None
        if (
            after is not None
            and mention.kind == "nominal"
            and (mention.noun_class == "person" or lexicon.may_be_person(mention.lemma))
            and after.kind == "name"
            and after.record.label == "PERSON"
            and after.sentence == mention.sentence
            and 0 < after.record.start - mention.record.end <= 1
        ):
            after.titles = after.titles | {mention.lemma}
            mention.titles_name = True
            mention.noun_class = "person"
    return found


def _body_noun(token: Token, body_nouns: dict[str, str]) -> str | None:
    """The lemma of the common noun the body writes in lower case that a capitalised word of a
    title line is ("Driver" ... "the driver"; "Guards" ... "a guard"; "DRIVER"), or None. Only a
    word that may be a noun: not a function word ("Into", "Out")."""
    if not token.is_alpha or token.is_stop or not token.text[:1].isupper():
        return None
    if token.ent_type_ in TIME_LABELS or _glued_to_hyphen(token):
        return None  # "Two Minutes Later"; "Co-workers", the prefix of the noun after it
    word = token.lower_
    if word in body_nouns:
        return body_nouns[word]
    lemma = lexicon.noun_lemma(word)
    return lemma if lemma is not None and lemma in body_nouns else None


# The recogniser's labels of places: a word the body names a place is no given name there.
_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})

# What may follow a person's name in a title line and still be part of it.
_NAME_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _person_in_title(
    tokens: list[Token], i: int, known: dict[str, str], body_nouns: dict[str, str]
) -> int | None:
    """Where a person's name that opens at ``tokens[i]`` of a title line ends, or None: a known
    given name that is no common word ("Lindsay", not "Will" or "Mark"), any further given
    names or initials, then a surname: a capitalised word the body gives as a surname or a name
    (``known``), or one that is no common English word (``lexicon.common_word``) and no noun
    the body writes in lower case. The surname closes the name, so the verb after it is left
    out however the recogniser ran on ("Lindsay Lohan Checks Into Rehab": Lindsay Lohan;
    "Yvonne Hiller Kills Two"; "Pierre Thomas Placed on IR")."""
    first = tokens[i]
    if not _title_word(first) or not lexicon.given_name(first.text):
        return None
    if lexicon.common_word(first.text) or first.lower_ in body_nouns:
        return None
    if first.ent_type_ in _PLACE_LABELS or known.get(first.lower_) in _PLACE_LABELS:
        return None  # "Philadelphia Kraft Killer": a place's name, read or written so
    end = i + 1
    while end < len(tokens) and end - i <= 3:
        word = tokens[end]
        initial = len(word.text) == 2 and word.text[0].isupper() and word.text[1] == "."
        if initial:
            end += 1
            continue
        if not _title_word(word) or word.is_stop or not _whole_word(word):
            break
        if word.lower_ in known:
            # A word the body names a company by is none's surname ("Philadelphia Kraft"); a
            # surname alone the recogniser reads as a place still is ("Lohan" as a GPE).
            surname = known[word.lower_] != "ORG"
        else:
            surname = not (lexicon.common_word(word.text) or word.lower_ in body_nouns)
        if not surname:
            break
        end += 1
        if not lexicon.given_name(word.text):
            break  # a surname closes the name; a given name may be a middle one
    if end == i + 1 or tokens[end - 1].text.endswith("."):
        return None
    if end < len(tokens) and tokens[end].lower_.rstrip(".") in _NAME_SUFFIXES:
        end += 1
    return end


def _whole_word(token: Token) -> bool:
    """Whether a token is a word of its own, not the first part of one the tokenizer split
    ("Wo" of "Won't"): a space, a punctuation mark or a possessive follows it."""
    if token.whitespace_ or token.i + 1 >= len(token.doc):
        return True
    after = token.doc[token.i + 1]
    return after.is_punct or after.tag_ == "POS"


def _glued_to_hyphen(token: Token) -> bool:
    """Whether a token is joined by a hyphen to the word before or after it ("Co" and
    "workers" of "Co-workers", "Hit" of "Hit-And-Run"): a piece of a compound word."""
    doc = token.doc
    before = token.i > 0 and doc[token.i - 1].text == "-" and not doc[token.i - 1].whitespace_
    after = not token.whitespace_ and token.i + 1 < len(doc) and doc[token.i + 1].text == "-"
    return before or after


def _title_word(token: Token) -> bool:
    """Whether a token is a capitalised word ("Lohan", "DeGeneres", "O'Brien", "LOHAN")."""
    text = token.text
    return text[:1].isupper() and text.replace("'", "").replace("-", "").isalpha()


def _team_in_title(tokens: list[Token], i: int, known: dict[str, str]) -> int | None:
    """Where a team's name that opens at ``tokens[i]`` of a title line ends, or None: a name
    the recogniser reads as a body there, written as a place's name and a plural after it,
    each of which the body names (``known``: "No. 1 Creighton Bluejays 65" where the body
    writes "Creighton" and "the Bluejays"). The body names the team only in parts, so the
    line is the one place that says the two are one team."""
    first = tokens[i]
    if first.ent_iob_ != "B" or first.ent_type_ != "ORG":
        return None
    end = i + 1
    while end < len(tokens) and tokens[end].ent_iob_ == "I":
        end += 1
    words = tokens[i:end]
    last = words[-1].text
    if len(words) < 2 or not (last[:1].isupper() and last.endswith("s")):
        return None
    for cut in range(1, len(words)):
        place = normalise_name(span_text_at(words[:cut])[0]).casefold()
        nickname = normalise_name(span_text_at(words[cut:])[0]).casefold()
        if known.get(place) == "GPE" and nickname in known:
            return end
    return None


# Prepositions of place: a name after them is a place even when it is also a surname.
_LOCATIVE_PREPOSITIONS = frozenset(
    {"in", "at", "from", "near", "to", "into", "across", "outside", "inside", "around"}
)


def _depths(heads: list[int]) -> list[int]:
    """Each token's distance from the root of its sentence, from the heads' indices."""
    depth = [-1] * len(heads)
    for i in range(len(heads)):
        path: list[int] = []
        j = i
        while depth[j] < 0 and heads[j] != j and len(path) < 100:
            path.append(j)
            j = heads[j]
        base = depth[j] if depth[j] >= 0 else 0
        depth[j] = base
        for k in reversed(path):
            base += 1
            depth[k] = base
    return depth


def _verb_of(token: Token) -> tuple[int, str]:
    """The verb ``token`` is an argument of, and its role there (a preposition's object takes
    the role of its preposition's attachment: "met with him" is an argument of "met")."""
    role = token.dep_
    cache = doc_cache(token.doc)
    head = cache.tokens[cache.heads[token.i]]
    if role == "pobj" and head.dep_ in ("prep", "agent"):
        above = cache.tokens[cache.heads[head.i]]
        if above.pos_ in ("VERB", "AUX"):
            return above.i, "pobj"
        if head.lower_ == "of" and _quantity(above) and above.dep_ in _ARGUMENT_DEPS:
            # "took 23 of them": a part of the pronoun's referent is the argument, so the
            # pronoun is one of its verb's arguments too (not the verb's subject).
            verb = cache.tokens[cache.heads[above.i]]
            if verb.pos_ in ("VERB", "AUX") and verb.i != above.i:
                return verb.i, above.dep_
    if head.pos_ in ("VERB", "AUX") and head.i != token.i:
        return head.i, role
    return -1, role


def _participant(
    tokens: list[Token], heads: list[int], verb: int, role: str, head: Token
) -> tuple[str, str]:
    """The deed (its verb's lemma) a mention is the doer or the one done to of, and which:
    "agent" for the subject of an active verb with its object ("the guard shot him") or a
    passive's "by" object ("was shot by the guard"), "patient" for a direct object or a
    passive's subject ("he was shot"). ("", "") for any other role, for a verb of being or of
    saying (_NO_DEED_VERBS), and for a verb whose object is a reflexive: "the man who killed
    himself" is both, so no clash can tell him from either."""
    deed = tokens[verb]
    if deed.pos_ != "VERB" or deed.lemma_.lower() in _NO_DEED_VERBS:
        return "", ""
    low, high = sorted((verb, head.i))
    if any("\n" in tokens[i].text for i in range(low + 1, high)):
        # An argument on another line than its verb: title lines the parser ran together
        # ("... shot in her arm \n Testimony by a second witness"), not one clause.
        return "", ""
    kids = children(deed)
    passive = any(c.dep_ in ("nsubjpass", "auxpass") for c in kids)
    if any(c.dep_ == "dobj" and c.lower_ in _REFLEXIVES for c in kids):
        return "", ""
    if role == "nsubj" and not passive and any(_done_to(c) for c in kids):
        # Only with its object: an active verb with none may be a title line's passive ("Man
        # charged with DWI": the man is charged) or a verb of what befalls its subject.
        side = "agent"
    elif role == "pobj" and tokens[heads[head.i]].dep_ == "agent":
        side = "agent"
    elif role == "nsubjpass" or (role == "dobj" and not passive and _done_to(head)):
        side = "patient"
    else:
        return "", ""
    return deed.lemma_.lower(), side


def _hedged(verb: Token) -> bool:
    """Whether a verb's clause denies or only supposes what it says: a negation ("did not
    shoot"), a modal ("may have shot", "could be charged") or a condition ("if he shot"; the
    subordinators extraction reads as conditions, kg/extract/qualifiers.py)."""
    return any(
        c.dep_ == "neg"
        or (c.dep_ == "aux" and c.tag_ == "MD")
        or (c.dep_ == "mark" and c.lower_ in CONDITION_MARKS)
        for c in children(verb)
    )


def _done_to(token: Token) -> bool:
    """Whether a verb's dependent is its object, one it is done to: not a time the parser reads
    as one ("the fifth coach fired this season": a passive, the coach is the one fired)."""
    return token.dep_ == "dobj" and token.ent_type_ not in TIME_LABELS


# Verbs whose subject and object are not a doer and one done to, or that any two people may
# be on both sides of in one story: being, having, saying and thinking, meeting.
_NO_DEED_VERBS = frozenset({"be", "have", "do", "get", "say", "tell", "know", "think", "meet"})


# The dependencies of a verb's arguments other than its subject, for a partitive ("23 of them").
_ARGUMENT_DEPS = frozenset({"dobj", "dative", "attr", "oprd"})


def _quantity(token: Token) -> bool:
    """A word that picks a part of a set: "23", "some", "most", "one", "all", "both"."""
    return token.pos_ == "NUM" or token.lower_ in _PARTITIVE_WORDS


_PARTITIVE_WORDS = frozenset({"some", "most", "all", "both", "many", "few", "several", "none"})


def _subject_clause(verb: Token) -> int:
    """The verb whose subject ``verb`` shares: itself, or for a verb without a subject of its
    own, coordinated with an earlier one ("took the guns and handcuffed them") or a non-finite
    complement of a verb or predicate with no object ("wanted to meet him", "was intent on
    recruiting him"), that verb's (recursively); an infinitive of purpose ("called Gupta to offer
    him the job") its main verb's. Not past an object to a complement, which is then the subject
    ("asked Jones to help him")."""
    steps = 0
    while steps < 10 and not any(c.dep_ in SUBJECT_DEPS for c in children(verb)):
        steps += 1
        if verb.dep_ == "conj" and verb.head.pos_ in ("VERB", "AUX"):
            verb = verb.head
            continue
        if verb.dep_ == "advcl" and _infinitive(verb) and verb.head.pos_ in ("VERB", "AUX"):
            # An infinitive of purpose is its main verb's subject's, objects or not: "Obama
            # called Gupta to offer him the job" (Obama offers).
            verb = verb.head
            continue
        if (
            verb.dep_ == "advcl"
            and verb.tag_ == "VBG"
            and verb.head.pos_ in ("VERB", "AUX")
            and not any(c.dep_ in ("mark", "advmod") and c.i < verb.i for c in children(verb))
            and _active_transitive(verb.head)
        ):
            # A participle set beside its clause with no subordinator is its main verb's
            # subject's (subject control of a free adjunct): "Klitschko dominated Rahman,
            # knocking him down" (Klitschko knocks). Only after an active verb with an object:
            # after a passive or an intransitive one the participle may tell what the event did
            # ("Smith was shot, leaving him paralysed", "he fell, leaving him injured").
            verb = verb.head
            continue
        if verb.dep_ not in ("xcomp", "pcomp") or verb.tag_ not in ("VB", "VBG"):
            break
        above = verb.head
        # "By" with a gerund says how the subject did what its verb says, whatever objects
        # the verb has: "allowed hackers to take over computers by steering them" (the
        # hackers steer), where "accused Jones of killing him" is the object's deed.
        means = above.lower_ == "by" and above.dep_ == "prep"
        while above.dep_ in ("prep", "acomp") and above.pos_ not in ("VERB", "AUX"):
            above = above.head
        if above.pos_ not in ("VERB", "AUX") or (
            not means and any(c.dep_ in ("dobj", "dative") for c in children(above))
        ):
            break
        verb = above
    return verb.i


def _active_transitive(verb: Token) -> bool:
    """A verb in the active voice with a direct object ("dominated Rahman")."""
    kids = children(verb)
    return any(c.dep_ == "dobj" for c in kids) and not any(
        c.dep_ in ("nsubjpass", "auxpass") for c in kids
    )


# The possessive ending, and the apostrophe alone after a plural ("the Bulldogs' deficit").
_POSSESSIVE_ENDINGS = frozenset({"'s", "’s", "'", "’"})
_POSSESSIVE_ENDING_IDS = string_ids(_POSSESSIVE_ENDINGS)  # as Token.orth holds them


def _base(record: Mention, head: Token, kind: str, sentence: int, depth: list[int]) -> CorefMention:
    verb, role = _verb_of(head)
    cache = doc_cache(head.doc)  # tokens and heads from the cache: Token.head makes a Token
    tokens, heads = cache.tokens, cache.heads
    preposition = tokens[heads[head.i]]
    # "according to the Post": a source, not a place ("to" after "according" is no direction).
    locative = (
        role == "pobj"
        and preposition.lower_ in _LOCATIVE_PREPOSITIONS
        and not (preposition.i > 0 and tokens[preposition.i - 1].lower_ == "according")
    )
    # Only pronouns and subjects are compared by their clause (principle B, reflexives).
    wanted = verb >= 0 and (kind == "pronoun" or role in SUBJECT_DEPS)
    clause = _subject_clause(tokens[verb]) if wanted else -1
    controls = -1
    if verb >= 0 and role in ("dobj", "dative"):
        controls = next(
            (
                c.i
                for c in children(tokens[verb])
                if c.dep_ == "xcomp"
                and _infinitive(c)
                and not any(g.dep_ in SUBJECT_DEPS for g in children(c))
            ),
            -1,
        )
    first = tokens[verb] if verb >= 0 else None
    while (
        first is not None
        and first.dep_ == "conj"
        and tokens[heads[first.i]].pos_ in ("VERB", "AUX")
    ):
        first = tokens[heads[first.i]]
    if locative and record.kind == ObjectKind.ENTITY:
        record = replace(record, written_as_place=True, the_place_itself=True)
    elif record.kind == ObjectKind.ENTITY and _the_place_itself(head):
        record = replace(record, the_place_itself=True)
    deed, side = _participant(tokens, heads, verb, role, head) if verb >= 0 else ("", "")
    return CorefMention(
        record=record,
        index=-1,
        head=head.i,
        kind=kind,
        sentence=sentence,
        lemma=head.lemma_.lower(),
        words=frozenset(),
        modifiers=frozenset(),
        number="plural" if head.tag_ in ("NNS", "NNPS") else "singular",
        gender="",
        person=3,
        entity_type="",
        noun_class="",
        definite=False,
        indefinite=False,
        reflexive=False,
        verb=verb,
        role=role,
        deed=deed,
        side=side,
        deed_hedged=bool(deed) and _hedged(tokens[verb]),
        depth=depth[head.i],
        locative=locative,
        preposition=preposition.lower_ if role == "pobj" else "",
        possessor=head.i + 1 < len(tokens) and tokens[head.i + 1].orth in _POSSESSIVE_ENDING_IDS,
        # Read by the apposition sieve only. A number that is a date is when, not how many:
        # "the 1950s pinup girl" is one girl.
        counted=role == "appos"
        and any(
            c.dep_ == "nummod" and c.i < head.i and c.ent_type_ not in TIME_LABELS
            for c in children(head)
        ),
        says_next=role == "appos"
        and head.i + 1 < len(tokens)
        and tokens[head.i + 1].lemma_ in SPEECH_VERBS,
        clause=clause,
        coordinated_with=first.i if first is not None else -1,
        controls=controls,
        # A name's or a description's clauses it says or thinks (its verb's complement), where
        # no description is it (principle C, see _reported_clauses); a pronoun's are set apart.
        reported=(
            _reported_clauses(tokens[heads[head.i]])
            if kind != "pronoun" and head.dep_ == "nsubj" and heads[head.i] != head.i
            else _attributed_clause(head)
            if kind != "pronoun"
            else ()
        ),
    )


def _titles(name: list[Token], spanned: list[Token]) -> frozenset[str]:
    """The office and role words written with a name: those its entity span held before the name
    ("President Trump") and the run of nouns right before it ("US Treasury Secretary Scott
    Bessent", "actress Lindsay Lohan"), when they describe a person."""
    tokens = doc_tokens(name[0].doc)
    before = [t for t in spanned if t.i < name[0].i]
    i = spanned[0].i - 1
    while i >= 0 and tokens[i].pos_ in ("PROPN", "NOUN") and tokens[i].ent_type_ != "PERSON":
        before.append(tokens[i])
        i -= 1
    return frozenset(
        lemma
        for t in before
        if (lemma := t.lemma_.lower()) in TITLE_WORDS or lexicon.may_be_person(lemma)
    )


# What a name's last word says it names, when the recogniser took it for a person: "the Betty
# Ford Center" is a place, "Lohan Holdings" (were there one) a company.
_KIND_LABELS = {"place": "FAC", "organization": "ORG"}


def _label_from_evidence(tokens: list[Token], label: str) -> str:
    """The recogniser's label, unless the name's last word is the kind of thing it names and the
    name is not a person's (three words or more, or not opening with a first name: "Emma Stone"
    keeps PERSON, "Betty Ford Center" becomes a facility)."""
    if label != "PERSON" or len(tokens) < 2 or not tokens[-1].text[:1].isupper():
        return label
    kind = _KIND_LABELS.get(lexicon.noun_class(tokens[-1].lower_))
    if kind and (len(tokens) >= 3 or not lexicon.first_name(tokens[0].text)):
        return kind
    return label


def _people_by_surname(found: list[CorefMention]) -> None:
    """ "Hugh Jackman" tagged a place, where the document calls "Jackman" a person: a given name
    and a surname, whose surname the document gives a person elsewhere, is that person,
    whatever the recogniser said of it here (so that "he" may be him and the surname alone
    joins him). Not when its last word is a common noun of a place or an organisation
    ("Richmond Hill" beside a Mr Hill), the kind of thing the name calls itself; nor a name of
    three words ("Ike Parsons LaRue", a father, may not be the son the surname names); an
    organisation's tag already agrees with a person's (the recogniser confuses the two). A
    given name the birth records do not know counts when both words are foreign
    (:func:`_foreign_personal_name`: "Wladimir Klitschko" tagged a place, "Klitschko" a person),
    and says no gender."""
    surnames = {
        m.record.text.split()[-1] for m in found if m.kind == "name" and m.record.label == "PERSON"
    }
    for mention in found:
        words = mention.record.text.split()
        if (
            mention.kind != "name"
            or mention.record.label in ("PERSON", "ORG", "")
            or mention.is_time
            or len(words) != 2
            or words[-1] not in surnames
            or lexicon.noun_class(words[-1].lower()) in _KIND_LABELS
        ):
            continue
        if lexicon.first_name(words[0]):
            _read_as_a_person(mention, lexicon.first_name_gender(words[0]) or "")
        elif _foreign_personal_name(words):
            _read_as_a_person(mention, "")


def _read_as_a_person(mention: CorefMention, gender: str) -> None:
    """The name ``mention`` read as one person of ``gender``, whatever the recogniser made of
    it."""
    mention.record = replace(mention.record, label="PERSON")
    mention.entity_type, mention.gender, mention.number = "Person", gender, "singular"
    mention.people = False


# The prepositions of where a thing is ("in", "at"): not where it comes from or goes to ("a
# letter from Aberdare", "told to Bloomberg"), which a person or a body may be as well as a place.
_PREPOSITIONS_OF_WHERE = frozenset({"in", "at", "near", "outside", "inside", "around", "across"})


def _places_written_where_places_stand(found: list[CorefMention], doc: Doc) -> None:
    """ "Police arrest suspect in fatal Bloomington hit and run ... outside a Sam's Club store
    in Bloomington": a name the recogniser tags a person in one sentence is the place the
    document writes where places stand in another, tagged a place there ("in Bloomington",
    "at Aoraki Mount Cook"), so that "the driver" and "he" are not the town. Not a name that
    opens with a given name, nor the surname of a person the document names in full ("Quinn"
    of "Brady Quinn", which the recogniser tags a town as often), nor one the document makes
    the subject of a verb of saying ("directed at Palin ... Palin told"), nor one the
    recogniser tags a person more often than a place ("Jackson" thirteen times, "in Jackson"
    once). A name tagged a person that holds a place ("a Waitrose store in Surrey", "buildings
    in Bandar Abbas": ``_locates_a_place``) is written where places stand, and that mention
    counts as a place's tag, not a person's."""
    cache = doc_cache(doc)
    tags: dict[str, Counter[str]] = defaultdict(Counter)
    where: dict[str, str] = {}  # a name -> the place label it bears where places stand
    surnames: set[str] = set()  # the last words of the people named in full
    speakers: set[str] = set()  # who says things is someone ("Palin told an assistant pastor")
    placed: Counter[str] = Counter()  # a name tagged a person, written where a place stands
    for mention in found:
        if mention.kind != "name":
            continue
        text, label = mention.record.text, mention.record.label
        tags[text][label] += 1
        words = text.split()
        if label == "PERSON" and len(words) > 1:
            surnames.add(words[-1])
        preposition = cache.tokens[cache.heads[mention.head]]
        if mention.locative and preposition.lower_ in _PREPOSITIONS_OF_WHERE:
            if label in _PLACE_LABELS:
                where.setdefault(text, label)
            elif label == "PERSON" and _locates_a_place(preposition):
                # "a Waitrose store in Surrey": what holds a store is a place, whatever the
                # recogniser tagged it (a person, six times in one story's reports).
                where.setdefault(text, "GPE")
                placed[text] += 1
        if (
            mention.verb >= 0
            and mention.role in SUBJECT_DEPS
            and cache.tokens[mention.verb].lemma_ in SPEECH_VERBS
        ):
            speakers.add(text)
    for mention in found:
        text = mention.record.text
        if (
            mention.kind != "name"
            or mention.record.label != "PERSON"
            or text not in where
            or text in surnames
            or text in speakers
            or lexicon.given_name(text.split()[0])
            or tags[text]["PERSON"] - placed[text]
            > sum(tags[text][label] for label in _PLACE_LABELS) + placed[text]
        ):
            continue
        mention.record = replace(mention.record, label=where[text])
        mention.entity_type, mention.gender, mention.number = "Place", "neuter", "singular"
        mention.titles, mention.people = frozenset(), False


def _locates_a_place(preposition: Token) -> bool:
    """Whether a preposition of where hangs on a noun of a place ("a store in", "the village
    near"), so that what it introduces holds that place: a town, a county, not a person
    ("confidence in", "a role in" hang on nouns of no place)."""
    noun = preposition.head
    return (
        noun.i != preposition.i
        and noun.pos_ == "NOUN"
        and lexicon.noun_class(noun.lemma_.lower()) == "place"
    )


def _bodies_named_by_a_plural(found: list[CorefMention], doc: Doc) -> None:
    """ "The Sixers made a power move ... the Sixers are committed to Dalembert", "the Crips
    retreated outside": a name the recogniser missed, written in the plural after "the", that
    the document writes in half its mentions or more as a side acting or contending in its
    own right (``_stands_as_a_side``: the subject of an active verb, the side played against
    or beaten, a name with its record) is a body of people named as one, a team, a band or a
    gang, and no thing. Not one the document writes only as hosted, watched or held, as an
    event or a work is ("the Oscars", "the NBA Finals"); nor a title that takes its article
    in, capitalised ("The Hunger Games grossed ..."), a work's; nor a plural written before
    another capitalised word, a longer name cut short ("[the Endangered Species Act]", the
    act parted from its last word by the bracket)."""
    cache = doc_cache(doc)
    tokens = doc_tokens(doc)
    mentions: dict[str, list[CorefMention]] = defaultdict(list)
    sides: Counter[str] = Counter()
    for mention in found:
        record = mention.record
        if mention.kind != "name" or record.label or mention.is_time:
            continue
        span = doc.char_span(record.start, record.end, alignment_mode="expand")
        if span is None or span.start == 0 or tokens[span.start - 1].text != "the":
            continue  # "The Hunger Games" takes its article into its title, a work's
        if span.end - 1 != mention.head or not _team_plural_word(tokens[mention.head]):
            continue  # "the Endangered Species Act" is an act, its head no plural
        if span.end < len(tokens) and tokens[span.end].text[:1].isupper():
            continue  # "the Endangered Species" of "[the Endangered Species Act]"
        mentions[record.text].append(mention)
        sides[record.text] += _stands_as_a_side(cache.tokens[mention.head], record.end)
    for text, written in mentions.items():
        if 2 * sides[text] < len(written):
            continue
        for mention in written:
            mention.record = replace(mention.record, label="ORG")
            mention.entity_type, mention.gender = "Organization", "neuter"


def _untyped_people(found: list[CorefMention], doc: Doc) -> None:
    """ "Lindsay Lohan has checked out ..., but she's not in the clear": a name of two words
    that the recogniser gave no type at all, opening with a given name and closing with a word
    in the singular that is no common noun of a place, a body or a person, is a person, of the
    given name's gender (so that "he" or "she" may be them). Not a plural or a possessive
    ("Cleveland Browns", "San Diego Chargers" cut to "Diego Chargers": a team), nor a
    description written in title case ("Brooklyn Mother"); two words only, for the reason the
    surname rule above gives; a name it typed keeps its type (another rule weighs that).

    A given name the US birth records hardly know ("Wladimir Klitschko won his 16th straight
    fight", "Jermayne Timmons") is found by its words instead: a name of two capitalised words
    that no English dictionary lists, even as a name, is a foreign person's, of no known
    gender (:func:`_foreign_personal_name`)."""
    tokens = doc_cache(doc).tokens
    for mention in found:
        words = mention.record.text.split()
        if (
            mention.kind != "name"
            or mention.record.label
            or mention.is_time
            or len(words) != 2
            or words[-1].lower().endswith("s")
            or lexicon.noun_class(words[-1].lower()) in (*_KIND_LABELS, "person")
        ):
            continue
        gender = lexicon.first_name_gender(words[0])
        if gender is not None:
            _read_as_a_person(mention, gender)
        elif (
            _either_sex_name_and_surname(words) or _foreign_personal_name(words)
        ) and not _written_as_a_place_or_thing(mention, tokens):
            _read_as_a_person(mention, "")


def _either_sex_name_and_surname(words: list[str]) -> bool:
    """ "Peyton Manning", "Devon Wylie": a given name of either sex, which says no gender and is
    as often a place's or a thing's ("Palmer Fire", "River Road"), before a word no English
    dictionary lists as a common noun (a surname, not the kind of thing named)."""
    return lexicon.first_name(words[0]) and not lexicon.has_noun_class(words[-1].lower())


def _foreign_personal_name(words: list[str]) -> bool:
    """Two words written as a person's names are ("Hasim Rahman"), a capital and then small
    letters only, neither of which WordNet lists ("Wladimir Klitschko", "Retief Goosen"; not
    "Peyton Manning", whose "Manning" is an English word, nor "INS Mysore")."""
    return all(
        len(word) > 1
        and word.isalpha()
        and word[0].isupper()
        and word[1:].islower()
        and lexicon.foreign_word(word)
        for word in words
    )


def _written_as_a_place_or_thing(mention: CorefMention, tokens: Sequence[Token]) -> bool:
    """Whether a name is written as no person's name is: after an article ("the Ekawat Nava 5",
    a trawler) or where places stand ("a seat in Akhal Oblast", "near Nostrand Ave.")."""
    first = tokens[mention.head].i
    while first > 0 and tokens[first - 1].idx >= mention.record.start:
        first -= 1
    before = tokens[first - 1] if first > 0 else None
    return mention.locative or (before is not None and before.lower_ in ("the", "a", "an"))


def _verb_read_as_a_plural(token: Token) -> bool:
    """ "Microsoft issues patch to fix IE bug", "Escape renews calls for ...": in a headline
    (a sentence with no final stop), a verb in "-s" right after the name that opens it, which
    the tagger reads as a plural noun with the name as its modifier, the subject of the noun
    after it read as the verb ("patch", "calls"). Read so only where the word after it is a
    common noun and the word itself a verb's form."""
    if token.tag != TAG.NNS or token.dep_ not in SUBJECT_DEPS:  # asked of every word: the id
        return False
    after = token.head
    sentence = token.sent
    before = sentence[: token.i - sentence.start]
    last = sentence[-1]
    while last.i > sentence.start and last.is_space:
        last = token.doc[last.i - 1]
    return (
        after.i == token.i + 1
        and after.tag_ in ("VBP", "VBZ")
        and bool(before)
        and all(t.dep_ == "compound" and t.head.i == token.i and t.is_title for t in before)
        and not last.is_punct
        and lexicon.verb_form(token.lower_)
        and lexicon.noun_lemma(after.lower_) is not None
    )


def _object_read_as_a_verb(token: Token, sentence: int, depth: list[int]) -> CorefMention:
    """The noun after a headline's verb read as a plural (``_verb_read_as_a_plural``): its
    object ("issues patch"), a description of one word, which the tagger read as the verb."""
    lemma = lexicon.noun_lemma(token.lower_) or token.lower_
    text, start, end = span_text_at([token])
    record = Mention(text, start, end, sentence, ObjectKind.CONCEPT, key=lemma, head=token.idx)
    mention = _base(record, token, "nominal", sentence, depth)
    mention.lemma = lemma
    mention.words = frozenset({lemma})
    mention.noun_class = lexicon.noun_class(lemma)
    mention.gender = lexicon.noun_gender(lemma) or ""
    return mention


def _name_read_as_a_modal(token: Token) -> bool:
    """ "'Will was tremendous,' McDermott said": a capitalised first name the tagger read as a
    modal verb. A modal takes a verb's bare form ("will be"), never a finite one ("was",
    "said"), so before one it is the subject, a person called by their first name."""
    if token.tag != TAG.MD or not token.text[:1].isupper():  # asked of every word: the tag's id
        return False
    tokens = doc_tokens(token.doc)
    following = tokens[token.i + 1] if token.i + 1 < len(tokens) else None
    return (
        following is not None
        and following.tag_ in ("VBD", "VBZ")
        and lexicon.first_name(token.text)
    )


def _modal_name(token: Token, sentence: int, depth: list[int]) -> CorefMention:
    """The name of ``_name_read_as_a_modal``: one word, of no type the recogniser gave."""
    text, start, end = span_text_at([token])
    record = Mention(text, start, end, sentence, ObjectKind.ENTITY, head=token.idx)
    mention = _base(record, token, "name", sentence, depth)
    mention.words = frozenset({token.lower_})
    mention.definite = True
    return mention


def _team_plural(token: Token) -> bool:
    """A capitalised plural after "the": "the Bulldogs", "the Colts" (not "the Jones's")."""
    doc = token.doc
    text = token.text
    return (
        token.i > 0
        and doc[token.i - 1].lower_ == "the"
        and len(text) > 3
        and text.endswith("s")
        and not text.endswith(("ss", "us", "is"))
    )


def _timed_tokens(doc: Doc, times: Sequence[TimeExpression]) -> list[bool]:
    """For each token of ``doc``, whether it lies inside one of the time expressions."""
    timed = [False] * len(doc)
    for time in times:
        span = doc.char_span(time.start, time.end, alignment_mode="expand")
        if span is not None:
            timed[span.start : span.end] = [True] * len(span)
    return timed


def _plural_of_people(name: list[Token]) -> bool:
    """A one-word "name" in the plural of a noun for people ("Protesters tried to storm
    parliament", "police said Demonstrators had ...": a plural, common or proper to the
    tagger, read as a name for its capital): a group of people, so "they" and not "it". Not a
    surname ("Jones", "Williams": no noun) nor a place ("Athens")."""
    if len(name) != 1 or name[0].tag_ not in ("NNS", "NNPS"):
        return False
    word = name[0].lower_
    singulars = (word[:-1], word[:-2]) if word.endswith("es") else (word[:-1],)
    return word.endswith("s") and any(lexicon.noun_class(w) == "person" for w in singulars)


def _name(ent: Span, sentence: int, depth: list[int]) -> CorefMention:
    spanned = doc_tokens(ent.doc)[ent.start : ent.end]
    tokens = name_tokens(spanned, ent.label_)
    text, start, end = span_text_at(tokens)
    head = ent.root
    label = _label_from_evidence(tokens, ent.label_)
    if office_words(spanned):
        label = "PERSON"  # "Secretary of the Interior Dirk Kempthorne": the one holding it
    acts_as_agent = label not in TIME_LABELS and _acts_for_its_people(head, end)
    record = Mention(
        text,
        start,
        end,
        sentence,
        ObjectKind.ENTITY,
        label=label,
        head=head.idx,
        acts_as_agent=acts_as_agent,
    )
    mention = _base(record, head, "name", sentence, depth)
    if label == "PERSON":
        mention.titles = _titles(tokens, spanned)
    mention.entity_type = entity_type(label)
    mention.words = frozenset(w.lower() for w in text.split())
    mention.definite = True
    if label == "PERSON":
        # A first name says the gender; a name of one word is as often a surname ("Regina
        # Benjamin ... Benjamin"), whose gender the chain gets from the full name.
        if len(tokens) > 1:
            mention.gender = lexicon.first_name_gender(tokens[0].text) or ""
        else:
            # ... but a courtesy title before a surname says it: "Ms. Gomes", "Mr. Jenkin".
            mention.gender = honorific_gender(doc_text(ent.doc), start) or ""
        mention.number = "singular"
        if len(tokens) == 1 and _team_plural(tokens[0]):
            # "the Bulldogs' deficit ... they": a team or a people named by a plural after
            # "the", which no one person is called, whatever the recogniser typed it.
            mention.number = "plural"
    elif label in ("NORP",):
        mention.number = "plural"
        if head.tag_ in ("NNP", "NN", "JJ") and any(
            t.dep_ == "poss" or (t.dep_ == "det" and t.lower_ in ("the", "a", "an"))
            for t in ent.doc[head.left_edge.i : head.i]
        ):
            # "The lanky Australian, who was named Sexiest Man Alive", "Carolina's
            # lunch-bucket All-American": a people's name in the singular after an article or
            # a possessor is one person of that people, as a noun would be.
            mention.number, mention.one_of_a_people = "singular", True
    elif label in NER_TYPES and label not in TIME_LABELS:
        mention.gender = "neuter"
    mention.people = _plural_of_people(tokens)
    if len(tokens) > 1 and tokens[0].text in SHIP_PREFIXES:
        # "INS Mysore ... its crew": a ship is a thing, whatever the recogniser said (as the
        # resolve stage types it).
        mention.entity_type, mention.gender, mention.titles = "Thing", "neuter", frozenset()
    return mention


# A won-lost record in brackets or a game's score written after a name: "Indianapolis (10-5)",
# "the Tar Heels (10-0)", "overcame Jacksonville 31-24".
_RECORD_OR_SCORE = re.compile(
    r"\s*(?:\(\d{1,3}[-\u2013]\d{1,3}(?:[-\u2013]\d{1,3})?\)|\d{1,3}[-\u2013]\d{1,3}\b)"
)

# A game's score written as one word: two numbers of one to three digits joined by a hyphen or
# an en dash ("20-13", "91–73"); not a piece of a longer run of numbers (a phone number, a
# date "12-19-05", "4-1/2", "9-11-01"), nor a year range (four digits: "1990-95").
_SCORE = re.compile(r"(?<![\w.,/$–-])\d{1,3}[-–]\d{1,3}(?![\w%/–-]|[.,:]\d)")

# The words news reports a game's result or state by, which make two numbers so joined its
# score: the verbs of a contest ("the Colts beat the Chiefs 20-13", "won 20-13", "lose 20-13
# to", "trailing 14-0", "tied 13-13") and the nouns of its outcome ("a 20-13 victory", "their
# 20-13 lead", "a 91-73 drubbing", "by a score of 20-13"). What the same numbers say without
# them is how a team stands, not a game's score: a record ("a 9-14 start", "improved to 25-7",
# "the Colts (10-5)"), a run of points ("a 15-2 run"), a date or a range ("the 9-11 attacks",
# "adults 18-49"). Written here rather than read from WordNet: its verbs of competition
# (verb.competition, 606 of them) are mostly of war and hunting ("attack", "bomb", "hunt"), and
# it files the sports page's "top", "edge", "lead", "trail" and "blank" elsewhere.
_CONTEST_VERBS = frozenset(
    {
        "beat",
        "defeat",
        "win",
        "lose",
        "lead",
        "top",
        "edge",
        "rout",
        "down",
        "dispatch",
        "trail",
        "tie",
        "overcome",
        "trounce",
        "blank",
        "best",
    }
)
_RESULT_NOUNS = frozenset(
    {
        "victory",
        "win",
        "loss",
        "defeat",
        "lead",
        "deficit",
        "rout",
        "drubbing",
        "thumping",
        "triumph",
        "upset",
        "setback",
        "shutout",
        "tie",
        "score",
        "final",
    }
)
# How far up the parse a score's numbers are read to reach the word that says what they are
# ("lost to a fourth quarter Colt stampede 20-13": the numbers, the stampede, "lost").
_SCORE_HEAD_STEPS = 3
# How many words a score may follow its contest word by, in a title line or after a comma, where
# the parse is poor ("COLTS TOP CHIEFS, 20-13", "lost to the Indianapolis Colts, 20-13"): the
# teams' names between them.
_SCORE_AFTER_WORDS = 6


def _contest_word(token: Token) -> bool:
    """Whether ``token`` says a contest's result or state: a noun of its outcome ("victory",
    "lead"), or a verb of it ("beat", "trailing"), read as one also when a title line's capitals
    made the parser take it for a noun or a name ("Colts Beat Chiefs", "COLTS TOP CHIEFS")."""
    word = token.lemma_.lower()
    if token.pos_ in ("NOUN", "PROPN") and word in _RESULT_NOUNS:
        return True
    if token.pos_ in ("VERB", "AUX"):
        return word in _CONTEST_VERBS
    if not token.is_lower:
        # The lemmatiser leaves a word in capitals as it is ("DEFEATS"): its verb's endings
        # are taken off here.
        lower = token.lower_
        forms = {lower, lower.removesuffix("s"), lower.removesuffix("ed"), lower.removesuffix("d")}
        return bool(forms & _CONTEST_VERBS)
    return False


def _read_as_score(span: Span) -> bool:
    """Whether two numbers joined by a dash (``span``) are a game's score by the words around
    them (``_CONTEST_VERBS``, ``_RESULT_NOUNS``): a score names the contest it ends or stands
    in; a record, a run, a date or a range does not."""
    doc = span.doc
    first, last = span[0], span[-1]
    start = first.sent.start
    before = doc[start : first.i]
    if before.text.count("(") > before.text.count(")"):
        return False  # "Indianapolis (10-5)", "South Florida (5-9, 0-2)": a record in brackets
    if any(t.lower_ == "score" for t in doc[max(start, first.i - 4) : first.i]):
        return True  # "by a score of 20-13", "the final score was 20-13"
    node = span.root
    for _ in range(_SCORE_HEAD_STEPS):
        head = node.head
        if head.i == node.i or span.start <= head.i < span.end:
            break
        if _contest_word(head):
            return True
        if node.dep_ == "nummod" and head.i == last.i + 1:
            return False  # "a 9-14 record", "his 12-3 Broncos": a number of the noun after it
        if head.pos_ in ("VERB", "AUX"):
            break
        node = head
    # After the teams' names, a comma or a preposition, in the words right after a contest word.
    for token in reversed(doc[max(start, first.i - _SCORE_AFTER_WORDS) : first.i]):
        if _contest_word(token):
            return True
        if not (token.pos_ in ("PROPN", "DET", "PUNCT", "ADP") or not token.is_lower):
            return False
    return False


def _scores(doc: Doc, sentence_of: list[int], depth: list[int]) -> list[CorefMention]:
    """The games' scores of ``doc`` (``_read_as_score``): mentions of a game's result, which no
    sieve links (a pronoun never refers to them: ``measure``) and resolution joins across the
    reports of one game (kg/resolve.py)."""
    text = doc_text(doc)
    if "-" not in text and "–" not in text:
        return []
    found = []
    for match in _SCORE.finditer(text):
        span = doc.char_span(match.start(), match.end())
        if span is None or sentence_of[span.start] < 0 or not _read_as_score(span):
            continue
        sentence = sentence_of[span.start]
        record = Mention(
            match.group(),
            match.start(),
            match.end(),
            sentence,
            ObjectKind.CONCEPT,
            label=SCORE_LABEL,
            head=span.root.idx,
        )
        mention = _base(record, span.root, "score", sentence, depth)
        mention.lemma = match.group()
        mention.measure = True
        found.append(mention)
    return found


# Noun classes of what a place owns as a place, not as those who act for it: its streets and
# areas ("Boston's streets", "the Indianapolis area") and its bodies ("the Springfield
# police", "Boston's council"), which are the town's own.
_A_PLACE_S_OWN = frozenset({"place", "organization"})


def _acts_for_its_people(head: Token, end: int) -> bool:
    """Whether a place's name, by its grammar, stands for those who act in the place's name
    (in sports news its team, elsewhere its government) rather than for where something is:
    a subject ("Kansas City managed a field goal"), the one given something ("give
    Jacksonville a 14-0 lead"), a possessor or a modifier of what is not a place or a body
    ("Boston's lineup", "the Indianapolis defense"), the side a game is won over or played
    against ("a 20-13 victory over Kansas City", "against Jacksonville") or something is
    done for ("one interception for Jacksonville"), the one led to an
    event ("leading Indianapolis to a 20-13 victory": who won it), or a name with a record or
    a score after it ("Indianapolis (10-5)", "beat Shelbyville 3-1"). After a
    preposition of place it is the place, a game's venue too: "a 20-13 lead at Kansas City"
    says where the lead was taken, not who took it. ``end`` is where the name ends."""
    dep = head.dep_
    if dep == "nsubjpass" or _stands_as_a_side(head, end):
        return True
    owner = head.head
    if dep in ("poss", "compound"):
        return owner.pos_ in ("NOUN", "PROPN") and not (
            lexicon.has_noun_class(owner.lemma_.lower())
            and lexicon.noun_class(owner.lemma_.lower()) in _A_PLACE_S_OWN
        )
    return False


def _the_place_itself(head: Token) -> bool:
    """Whether a name, by its grammar, is the place itself rather than those who act in its
    name, wherever it is not after a preposition of place: the owner or modifier of the
    place's own area or body ("the San Diego freeway", "Boston's council"), or what something
    is a part of ("the Clairemont section of San Diego")."""
    owner = head.head
    if head.dep_ in ("poss", "compound"):
        lemma = owner.lemma_.lower()
        return lexicon.has_noun_class(lemma) and lexicon.noun_class(lemma) in _A_PLACE_S_OWN
    return head.dep_ == "pobj" and owner.lower_ == "of" and owner.head.pos_ == "NOUN"


# The verbs and the noun of losing a game, after which "to" names the side that won it ("a
# 20-13 loss to Seattle", "Jaguars fall to Indy"), not where anything goes: by hand, since
# WordNet gives "to" no sense of its own after them.
_LOSING_WORDS = frozenset({"lose", "loss", "fall", "defeat"})


def _stands_as_a_side(head: Token, end: int) -> bool:
    """Whether a name, by its grammar, is a side that acts or contends in its own right: the
    subject of an active verb ("the Sixers made a move"), the one given something, the side a
    game is won over or played against or something done for, one led to an event, or a name
    with a record or a score after it (see ``_acts_for_its_people``, which counts the owner of
    things and the passive's subject too: "the Oscars telecast", "the Oscars were broadcast"
    say nothing of who acts)."""
    if _RECORD_OR_SCORE.match(doc_text(head.doc), end):
        return True
    dep = head.dep_
    if dep in ("nsubj", "dative"):
        return True
    owner = head.head
    if dep == "pobj":
        # "over" and "for" after a noun: the side beaten ("a win over Jacksonville") and the
        # side something is done for ("11 rebounds for Creighton"); after a verb they may
        # say where ("flew over Boston", "left for Boston").
        return (
            owner.lower_ == "against"
            or (owner.lower_ in ("over", "for") and owner.head.pos_ == "NOUN")
            or (owner.lower_ == "to" and owner.head.lemma_.lower() in _LOSING_WORDS)
        )
    if dep == "dobj":
        return any(_to_an_event(c) for c in children(owner) if c.dep_ == "prep")
    return False


def _to_an_event(preposition: Token) -> bool:
    """Whether a preposition is "to" before an event ("to a 20-13 victory", "to eighth
    straight win"), which a verb's object is carried to: the object takes part in it."""
    if preposition.lower_ != "to":
        return False
    return any(
        c.dep_ == "pobj" and "event" in lexicon.noun_classes(c.lemma_.lower())
        for c in children(preposition)
    )


def _team_plural_word(token: Token) -> bool:
    """A capitalised plural proper noun, as a team's nickname ends: "Heels", "Colts"."""
    return token.tag_ == "NNPS" or (token.pos_ == "PROPN" and _plural_name_word(token.text))


def _plural_name_word(word: str) -> bool:
    return len(word) > 3 and word[0].isupper() and word.endswith("s") and word[-2] not in "su'"


def _prefix_parted_by_hyphen(token: Token) -> bool:
    """Whether ``token`` is the first piece of a hyphenated common noun ("ex-employee",
    "co-workers") that the parser cut into nouns, the hyphen read as a noun too: the word is
    the noun after the hyphen, and the piece before it names no one (a pronoun taking "ex" or
    "co" for its referent misses the employee or the workers)."""
    if token.pos != POS.NOUN or token.whitespace_:
        return False  # asked of every word: most are no noun, or one a space follows
    tokens = doc_tokens(token.doc)
    if token.i + 2 >= len(tokens):
        return False
    hyphen, rest = tokens[token.i + 1], tokens[token.i + 2]
    return (
        hyphen.text == "-" and hyphen.pos_ == "NOUN" and not hyphen.whitespace_
    ) and rest.pos_ == "NOUN"


def _parted_given_name(token: Token) -> bool:
    """Whether ``token`` is a known given name that the parser parted from the surname after it,
    as the root of a fragment of its own ("... 3:23 PM ET Maurice Cheeks is running the show",
    a dateline run into the sentence): a proper noun of no entity, one space before a
    capitalised proper noun of none, attached to nothing. It is that name's first word."""
    # Asked of every word: the labels' ids first, not their strings.
    if token.dep != DEP.ROOT or token.pos != POS.PROPN:
        return False
    if token.ent_type_ or token.whitespace_ != " ":
        return False
    if not lexicon.first_name(token.text) or lexicon.role_word(token.text):
        return False
    tokens = doc_tokens(token.doc)
    if token.i + 1 >= len(tokens):
        return False
    after = tokens[token.i + 1]
    return (
        after.pos_ == "PROPN"
        and after.text[:1].isupper()
        and not after.ent_type_
        and after.head.i != token.i
    )


# The articles, which open a quoted title but are no part of its name ("The Rocketeer").
_ARTICLES = frozenset({"the", "a", "an"})


def _quotation_left_open(body: list[Token]) -> bool:
    """Whether the phrase opens a quotation inside it that the word just after it closes."""
    tokens = doc_tokens(body[0].doc)
    after = body[-1].i + 1
    if after >= len(tokens) or tokens[after].text not in _CLOSING_MARKS or body[-1].whitespace_:
        return False
    open_marks = 0
    for token in body:
        if token.text == "`" and token.i and tokens[token.i - 1].text == "`":
            continue  # the second half of "``", which the tokenizer may split
        if token.text in _OPENING_MARKS or (token.text == '"' and not token.whitespace_):
            open_marks += 1
        elif token.text in _CLOSING_MARKS and open_marks:
            open_marks -= 1
    return open_marks > 0


# The marks that open and close a quotation, as the tokenizer writes them ('"' does both).
_OPENING_MARKS = OPENING_MARKS
_CLOSING_MARKS = CLOSING_MARKS | STRAIGHT_MARKS


def _common_noun_capitalised_by_its_place(head: Token, common: AbstractSet[str]) -> bool:
    """Whether ``head``, tagged a proper noun, is a common noun the document writes in lower
    case (``common``) that opens its sentence with no other capitalised word of a name beside
    it ("Climber dead after fall" ... "a 36-year-old climber"): the capital is its place's, as
    a title line's or a sentence's first word, and the word is the description the body writes
    (``find_mentions`` skips the recogniser's one-word name there for the same reason)."""
    if not common or head.lower_ not in common:
        return False
    # Not in capitals ("CLIMBER DEAD"): a title line's, read there. Opening the sentence, no
    # name's word stands before it. (The spelling first: finding the sentence costs more.)
    text = head.text
    return text[:1].isupper() and text[1:].islower() and opens_sentence(head)


def _nominal(
    head: Token, sentence: int, depth: list[int], common: AbstractSet[str] = frozenset()
) -> CorefMention | None:
    """The description (or the name the recogniser missed) headed by ``head``. ``common`` are
    the nouns the document writes in lower case (``find_mentions``)."""
    if not any(ch.isalpha() for ch in head.text):
        # "a quake measuring 6. 4": a stop or a number the tagger took for a noun describes
        # nothing (and every "." of a document repeated the head of the first).
        return None
    if _exclamation(head):
        return None
    tokens = argument_tokens(head)
    by_its_place = _common_noun_capitalised_by_its_place(head, common)
    if by_its_place and head.dep_ == "ROOT":
        # A verbless line ("Climber dead after fall") hangs all its words on its noun, which
        # is the noun alone: the words after it say what befell it.
        tokens = [t for t in tokens if t.i <= head.i]
    # The phrase without its leading determiner is what it is called ("new 100% tariffs").
    body = list(tokens)
    determiner = ""
    while len(body) > 1 and (body[0].pos_ in ("DET", "PUNCT") or body[0].tag_ == "PRP$"):
        if body[0].pos_ != "PUNCT":
            determiner = determiner or body[0].lower_
        body = body[1:]
    text, start, end = span_text_at(body)
    if (
        (
            (head.pos_ == "PROPN" and not _proper_noun_in_lower_case(head))
            or _capitalised_mid_sentence(head)
        )
        and not _capitalised_role(head, body)
        and not _capitalised_description(head, body, _determiner_of(head))
        and not _settlement_before_its_name(head)
        and not _name_as_a_kind(head)
        and not by_its_place
    ):
        # A name the recogniser missed: its proper nouns around the head ("Bessent"), or its
        # capitalised words when the tagger took the head for a common noun ("Internet
        # Explorer", "the Colts": a capital letter inside a sentence is a name's).
        name = [
            t
            for t in body
            if (t.pos_ == "PROPN" or t.text[:1].isupper()) and (t.i == head.i or t.head.i == head.i)
        ]
        name = [t for t in name if head.i - 3 <= t.i <= head.i] or [head]
        if name[0].ent_iob_ == "I" and name[0].ent_type_ == "GPE" and _team_plural_word(head):
            # A team's name the recogniser cut after its place's first words ("North
            # Carolina" of "the North Carolina Tar Heels"): the place's words are the team's
            # name too, not only the last of them.
            tokens = doc_tokens(head.doc)
            first = name[0].i
            while first > 0 and tokens[first].ent_iob_ == "I":
                first -= 1
            name = [*tokens[first : name[0].i], *name]
        # A name written between quotation marks is all the words between them ("a gang known
        # as '8 Block'", whose number the tagger reads as no part of the name).
        # Not its article: "The Rocketeer" is "Rocketeer" (a name's key drops it, and a phrase
        # opening with "the" is read as a description of a person or a thing).
        quoted = quoted_name(doc_tokens(head.doc), name[0].i, name[-1].i + 1, inside=True)
        if quoted is not None:
            name = doc_tokens(head.doc)[quoted[0] : quoted[1]]
            while len(name) > 1 and name[0].lower_ in _ARTICLES:
                name = name[1:]
        if name[0].i and _parted_given_name(doc_tokens(head.doc)[name[0].i - 1]):
            name = [doc_tokens(head.doc)[name[0].i - 1], *name]
        # Office and role words are not part of the name: "Trade Representative Jamieson
        # Greer", "Forward Tyler Hansbrough" (capitalised as the sentence's first word).
        written = name
        while len(name) > 1 and (
            name[0].lower_ in TITLE_WORDS or (len(name) > 2 and is_role_word(name[0]))
        ):
            name = name[1:]
        if not (name[0].text[:1].isupper() or (quoted is not None and name[0].is_digit)):
            return None  # "a" in "Mar-a-Lago": a piece of a name, not one
        text, start, end = span_text_at(name)
        record = Mention(text, start, end, sentence, ObjectKind.ENTITY, head=head.idx)
        mention = _base(record, head, "name", sentence, depth)
        mention.titles = _titles(name, written)
        mention.words = frozenset(w.lower() for w in text.split())
        mention.definite = True
        mention.people = _plural_of_people(name)
        return mention
    while len(body) > 1 and body[-1].tag_ == "POS":  # "the president's" -> "president"
        body = body[:-1]
        text, start, end = span_text_at(body)
    if _quotation_left_open(body):
        # "a source known as ``Deep Throat''": the parser hangs the closing mark on the verb,
        # which cut the phrase inside its quotation; the phrase holds both marks.
        body = [*body, doc_tokens(head.doc)[body[-1].i + 1]]
        text, start, end = span_text_at(body)
    if body[0].i == head.i >= 2 and _prefix_parted_by_hyphen(doc_tokens(head.doc)[head.i - 2]):
        # "his ex-employee", "three co-workers": the word is written with its first piece,
        # which the parser hung the phrase's other words on (they stay out of it, as before).
        text, start, end = span_text_at([*doc_tokens(head.doc)[head.i - 2 : head.i], *body])
    lemma = head.lemma_.lower()
    record = Mention(
        text, start, end, sentence, ObjectKind.CONCEPT, key=concept_key(head), head=head.idx
    )
    before = lefts(head)
    possessed = any(c.dep_ == "poss" for c in before)
    mention = _base(record, head, "nominal", sentence, depth)
    mention.words = frozenset(
        t.lower_ for t in body if t.is_alpha and not t.is_stop and t.pos_ != "DET"
    )
    mention.modifiers = frozenset(
        c.lower_
        for c in before
        if c.dep_ in ("amod", "compound", "nummod", "nmod", "npadvmod") and not c.is_stop
    )
    mention.noun_class = lexicon.description_class(lemma)
    # The count of a noun counted by one number word ("three bank workers"); none when a
    # word of the count has no value here ("three dozen people", "12 million").
    counts = [
        count_of(t)
        for t in body
        if t.i < head.i and (t.like_num or t.tag_ == "CD" or t.lower_ in ("dozen", "dozens"))
    ]
    mention.count = counts[0] if len(counts) == 1 else -1
    mention.possessed = possessed
    # A number noun counting another ("more than a dozen people", "hundreds of protesters" are
    # the people): a count, which no pronoun refers to.
    mention.measure = head.ent_type_ in _MEASURE_LABELS or head.dep_ in ("nummod", "quantmod")
    # A group noun ("a small group of women") or a number noun ("hundreds of anarchists",
    # "thousands of dollars") followed by the plural it counts: "they" is that plural.
    if (head.tag_ == "NN" and mention.noun_class != "person") or head.vocab[lemma].like_num:
        mention.members = next(
            (
                g.i
                for c in children(head)
                if c.dep_ == "prep" and c.lower_ == "of"
                for g in children(c)
                if g.dep_ == "pobj" and g.tag_ in ("NNS", "NNPS")
            ),
            -1,
        )
    # Read for bodies only (the "they" of an organisation): not worked out for other nouns.
    mention.of_members = mention.noun_class == "organization" and any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.tag_ in ("NNS", "NNPS") for g in children(c))
        for c in children(head)
    )
    if mention.noun_class == "person":
        mention.gender = lexicon.noun_gender(lemma) or ""
    elif mention.noun_class not in ("animal", ""):
        mention.gender = "neuter"
    if possessed:
        mention.definite = True  # "Lohan's lawyer", "her father"
    mention.definite = mention.definite or determiner in DEFINITE_DETERMINERS
    mention.counted_one = any(c.dep_ == "nummod" and c.lower_ == "one" for c in before)
    mention.called_by_noun = (
        not determiner
        and not possessed
        and _capitalised_mid_sentence(head)
        and head.lower_ not in TITLE_WORDS
    )
    mention.indefinite = determiner in INDEFINITE_DETERMINERS or any(
        c.dep_ in ("nummod", "quantmod") and c.lower_ not in ("one",) for c in before
    )
    if not determiner and _capitalised_description(head, body, determiner):
        # "Heavyweight Champion, Wladimir Klitschko": the name's title, which introduces the
        # name beside it and refers back to no one ("Former Heavyweight Champion, Riddick Bowe"
        # is another boxer); the apposition sieve links it to the name, and the sieves that
        # find an earlier antecedent for a description pass it by (as _title_of_name's).
        mention.titles_name = True
        mention.definite, mention.indefinite = False, True
    return mention


# NER labels of amounts: a noun inside one is the unit of a value ("364 yards").
_MEASURE_LABELS = frozenset({"QUANTITY", "MONEY", "PERCENT"})


def _exclamation(head: Token) -> bool:
    """ "'Oh man, she was bad'", "Amen, sister": a common noun hailed with an interjection
    and no determiner, standing outside its clause's arguments, is an exclamation or a call,
    and describes no one (the "man" of "Oh man" is not the story's protagonist)."""
    # The cached children (kg.extract.tokens): Token.children walks the parse on every call,
    # and this is asked of every noun.
    return (
        head.pos_ == "NOUN"
        and head.dep_ not in SUBJECT_DEPS | _ARGUMENT_DEPS | {"pobj"}
        and not any(child.dep_ in ("det", "poss") for child in children(head))
        and any(child.tag_ == "UH" and child.i < head.i for child in children(head))
    )


def _counts_a_set(one: Token) -> bool:
    """Whether "one" has an "of" phrase: "one of 99 alleged Sicilian Mafia members"."""
    return any(c.dep_ == "prep" and c.lower_ == "of" for c in children(one))


def _one_of(head: Token, sentence: int, depth: list[int]) -> CorefMention | None:
    """ "One of the key suspected Mafia bosses has hanged himself": a subject "one of" a set is
    one member of it, a mention of what the set's noun names (a person, here), singular. So is
    one set beside a name ("Gaetano Lo Presti, one of 99 alleged Sicilian Mafia members"),
    which the apposition sieve links to the name."""
    of = next((c for c in children(head) if c.dep_ == "prep" and c.lower_ == "of"), None)
    noun = next((c for c in children(of) if c.dep_ == "pobj"), None) if of else None
    if noun is None or noun.pos_ != "NOUN" or noun.tag_ != "NNS":
        return None  # "one of them" is read through its pronoun
    mention = _nominal(noun, sentence, depth)
    if mention is None:
        return None
    text, start, end = span_text_at(argument_tokens(head))
    record = Mention(
        text, start, end, sentence, ObjectKind.CONCEPT, key=concept_key(noun), head=head.idx
    )
    one = _base(record, head, "nominal", sentence, depth)
    one.lemma = mention.lemma
    one.words = mention.words
    one.modifiers = mention.modifiers
    one.noun_class, one.gender = mention.noun_class, mention.gender
    one.indefinite = True
    return one


def _nouns_written_apart(tokens: Sequence[Token]) -> dict[int, list[Token]]:
    """The nouns of people WordNet lists as one word of several pieces that the parse does not
    read as one noun: a hyphenated word whose head piece the tagger read as another part of
    speech ("the FBI second-in-command": an adjective, a preposition and a noun), or two words
    after a determiner whose second is not a noun of the phrase ("The running back has been
    placed", "put the running back on IR": a verb or a noun and an adverb). Each by its head
    piece (the one the rest hang on) -> its pieces. ``tokens`` are the document's, as
    ``doc_tokens`` gives them (read by their index in the Doc's cached arrays)."""
    found: dict[int, list[Token]] = {}
    if not tokens:
        return found
    cache = doc_cache(tokens[0].doc)
    heads, pos, dep, child_indices = cache.heads, cache.pos, cache.dep, cache.child_indices
    i = 0
    while i < len(tokens):
        end = i
        while (
            end + 1 < len(tokens)
            and not tokens[end].whitespace_
            and "-" in (tokens[end].text, tokens[end + 1].text)
        ):
            end += 1
        if end > i:
            words = list(tokens[i : end + 1])
            head = next(
                (t for t in words if not i <= heads[t.i] <= end or heads[t.i] == t.i), words[0]
            )
            # Not a noun's own parse, nor the tail of a word written apart from its start,
            # hung on a preposition ("her mother in-law").
            misread = head.pos_ not in ("NOUN", "PROPN", "ADP")
        else:
            # One word (most are): read from the cache's arrays, as Token's string attributes
            # and its children make objects for each token of the document.
            head = tokens[i]
            misread = (
                i + 1 < len(tokens)
                and pos[i] not in _NOT_A_MISREAD_HEAD
                and tokens[i + 1].is_alpha
                and pos[i + 1] not in _NOUN_POS
                and any(dep[c] == DEP.det for c in child_indices[i])
            )
            words = list(tokens[i : i + 2]) if misread else [head]
        if misread:
            word = " ".join(span_text_at(words)[0].lower().split())
            if lexicon.has_noun_class(word) and lexicon.noun_class(word) == "person":
                found[head.i] = words
        i = end + 1
    return found


# Parts of speech (ids) of a one-word head that the parse read as it is written: a name, a
# preposition ("in" of "in-law"); and those of a noun after it.
_NOT_A_MISREAD_HEAD = POS("PROPN", "ADP")
_NOUN_POS = POS("NOUN", "PROPN")


def _noun_written_apart(
    head: Token, words: list[Token], sentence: int, depth: list[int]
) -> CorefMention | None:
    """A description by a noun of several pieces (_nouns_written_apart), read as that noun."""
    mention = _nominal(head, sentence, depth)
    if mention is None or mention.kind != "nominal":
        return None
    text, start, end = span_text_at(words)
    lemma = " ".join(text.lower().split())
    mention.record = replace(mention.record, text=text, start=start, end=end, key=lemma)
    mention.lemma = lemma
    mention.words = frozenset({lemma})
    mention.modifiers = frozenset()
    mention.number = "singular"
    mention.noun_class = "person"
    mention.gender = lexicon.noun_gender(lemma) or ""
    return mention


def _title_before_name(token: Token) -> bool:
    """A noun of a person written right before a person's name, as its title ("Hollywood
    actress Esther Williams", "Watergate figure Fred LaRue", "re-hired attorney Shawn
    Holley"): the parser hangs it on the name as a compound, and it describes the named
    person, as a role in apposition does."""
    if token.pos != POS.NOUN or token.dep != DEP.compound:  # asked of every word: the ids
        return False
    tokens = doc_tokens(token.doc)
    name = token.head
    if name.i <= token.i or name.pos_ != "PROPN" or not lexicon.role_word(token.lemma_):
        return False
    if token.lower_ in TITLE_WORDS:
        return False  # an office written as part of the name ("President Obama"): its title
    if token.tag_ != "NN":
        return False  # a plural titles a list ("producers Craig Zadan and Neil Meron")
    # The name starts right after the noun and holds the word the noun hangs on.
    span = tokens[token.i + 1 : name.i + 1]
    return (
        span[0].ent_iob_ == "B"
        and all(t.ent_type_ == "PERSON" for t in span)
        and all(t.ent_iob_ == "I" for t in span[1:])
    )


def _title_of_name(head: Token, sentence: int, depth: list[int]) -> CorefMention | None:
    """The title before a person's name as a description of its own ("actress" of "Hollywood
    actress Esther Williams"): the noun with the words before it that describe it, not a
    name before it ("Hollywood", "Chargers"), which is a mention of its own."""
    mention = _nominal(head, sentence, depth)
    if mention is None:
        return None
    tokens = doc_tokens(head.doc)
    first = head.i
    while (
        first > head.left_edge.i
        and tokens[first - 1].pos_ in ("NOUN", "ADJ", "NUM")
        and not tokens[first - 1].ent_type_
        and not _glued_to_hyphen(tokens[first - 1])
        and not tokens[first - 1].text[:1].isupper()  # a name's word: "Chargers receiver"
    ):
        first -= 1
    body = tokens[first : head.i + 1]
    text, start, end = span_text_at(body)
    mention.record = replace(mention.record, text=text, start=start, end=end)
    mention.words = frozenset(t.lower_ for t in body if t.is_alpha and not t.is_stop)
    mention.modifiers = frozenset(t.lower_ for t in body[:-1] if not t.is_stop)
    # It introduces the name after it and refers back to no one: the sieves that find an
    # earlier antecedent for a description ("the host" ... "the Oscar host") pass it by.
    mention.definite, mention.indefinite = False, True
    mention.titles_name = True
    return mention


def _names_word(token: Token) -> bool:
    """A proper noun, or a common noun written with a capital inside a sentence."""
    return token.pos_ == "PROPN" or _capitalised_mid_sentence(token)


# The parts of speech of nouns, as Token.pos holds them (read for every word).
_NOUN_POS_IDS = POS("PROPN", "NOUN")


# The most words of a place's name before a team's nickname ("San Diego", "Kansas City").
_PLACE_NAME_WORDS = 2


def _place_word_before(token: Token) -> bool:
    """Whether a word before a team's nickname may be a word of its place's name: a proper
    noun of letters written with a capital ("San", "Diego")."""
    return token.pos_ == "PROPN" and token.is_alpha and token.is_title


def _team_before_its_player(token: Token) -> int:
    """Where a team's name starts that ends in this word and is written before what one of its
    people is and who ("Chargers defensive tackle Jamal Williams", "San Diego Chargers
    defensive tackle Jamal Williams", "Chiefs quarterback Brady Quinn"), which the parser reads
    as a compound or even a subject; -1 when the word ends no such name. The word is a
    capitalised plural (a team's nickname) of what a team may be called (not "Sales manager
    Ana Ruiz"), after the proper nouns of its place's name if any (none of them a name the
    recogniser found: it names the team then), then comes a noun of what a person is, after
    its adjectives, then the person's name as the recogniser reads it. A capitalised singular
    before a role is often a common noun ("Police spokesman")."""
    if not (token.pos in _NOUN_POS_IDS and _plural_name_word(token.text)):  # asked of every word
        return -1
    if not team_may_be_called(token.text):
        return -1  # "Sales manager Ana Ruiz", "Parks director": a department's kind
    doc = token.doc
    start = token.i
    while start > 0 and _place_word_before(doc[start - 1]):
        if doc[start - 1].ent_type or token.i - start == _PLACE_NAME_WORDS:
            return -1
        start -= 1
    after = token.i + 1
    while after < len(doc) and doc[after].pos_ == "ADJ":
        after += 1
    while after + 1 < len(doc) and doc[after].pos_ == "NOUN" == doc[after + 1].pos_:
        after += 1  # "general manager"
    if after + 1 >= len(doc):
        return -1
    role, name = doc[after], doc[after + 1]
    if (
        role.pos_ == "NOUN"
        and lexicon.role_word(role.lemma_)
        and name.ent_type_ == "PERSON"
        and name.ent_iob_ == "B"
    ):
        return start
    return -1


def _modifier_name(
    last: Token, in_entity: list[bool], sentence: int, depth: list[int]
) -> CorefMention | None:
    """A name the recogniser missed that modifies a common noun ("its Internet Explorer
    browser", "the Colts defense"): the named thing is mentioned too, as "Lohan" is in
    "Lohan's lawyer". ``last`` is the name's last word, a compound of the noun; the name is
    its capitalised compounds before it. Office words are left out ("President Obama")."""
    noun = last.head
    if noun.i <= last.i or noun.pos_ != "NOUN" or _names_word(noun):
        return None  # the noun is itself a name's word: the whole phrase is the name
    name = [last]
    for token in reversed(lefts(last)):
        if token.i != name[0].i - 1 or token.dep_ not in ("compound", "flat"):
            break
        if not _names_word(token):
            break
        name.insert(0, token)
    while name and name[0].lower_ in TITLE_WORDS:
        name = name[1:]
    if not name or any(in_entity[t.i] for t in name) or _capitalised_role(last, name):
        return None
    if not name[0].text[:1].isupper():
        return None
    if len(name) > 1 and lexicon.first_name_gender(name[0].text) is not None:
        # A name of either sex is as often an English word ("Golden Compass", "Young Goon").
        # A person's name before a noun is more often a verb misread as that noun ("Constable
        # Tim Fanning allege the man ...") than a person's thing, which the recogniser tags.
        return None
    text, start, end = span_text_at(name)
    record = Mention(text, start, end, sentence, ObjectKind.ENTITY, head=last.idx)
    mention = _base(record, last, "name", sentence, depth)
    mention.words = frozenset(w.lower() for w in text.split())
    mention.definite = True
    return mention


def _proper_noun_in_lower_case(head: Token) -> bool:
    """A word the tagger read as a proper noun written in lower case, alone ("checked into
    rehab", "the mag"): a common noun, which the phrase describes, as the argument finder reads
    it (kg/extract/arguments.py); not a piece of a name joined by hyphens (the "a" of
    "Mar-a-Lago") nor one with a capitalised proper noun of its own ("the rehab of Betty
    Ford")."""
    if not head.is_lower or not head.is_alpha or _glued_to_hyphen(head):
        return False
    return not any(t.pos_ == "PROPN" and not t.is_lower for t in children(head))


def _capitalised_mid_sentence(head: Token) -> bool:
    """A common noun written with a capital inside a sentence ("Explorer" in "users of Internet
    Explorer"): a name's word, unless it is an abbreviation of a common noun ("TV", "CEO")."""
    if not head.text[:1].isupper() or head.is_sent_start or head.i == head.sent.start:
        return False
    return not (head.text.isupper() and lexicon.noun_class(head.lower_))


def _capitalised_role(head: Token, body: list[Token]) -> bool:
    """A capitalised office or role standing alone ("the President said", "Host Ellen ...") is
    a description of someone, not a name."""
    word = head.lower_
    capitalised = [t for t in body if t.text[:1].isupper()]
    return (
        len([t for t in body if t.pos_ == "PROPN"]) <= 1
        # A person noun alone ("the Actress"), but not inside a longer name ("Internet
        # Explorer"); an office is one whatever precedes it ("Vice President").
        and (word in TITLE_WORDS or (len(capitalised) == 1 and lexicon.may_be_person(word)))
        # A role that is also a name of either sex ("Justice") reads as the role, as role_word.
        and lexicon.first_name_gender(head.text) is None
    )


# Where a noun stands, not an adjective: a clause's subject. (Not an object: the tagger's
# adjective there is more often a noun phrase's last word the parser cut off, "a career
# criminal", "the US surgeon general", whose head is the noun before it.)
_NOUN_PLACES = frozenset({"nsubj", "nsubjpass"})


def _noun_read_as_an_adjective(token: Token) -> bool:
    """A word the tagger read as an adjective standing as a clause's subject, which WordNet
    knows as a noun: a noun ("Gunman kills 1, wounds 2": the headline's subject). An adjective
    is no subject of a verb on its own."""
    return (
        token.pos == POS.ADJ  # asked of every word: the id, not the string
        and token.dep_ in _NOUN_PLACES
        and token.is_alpha
        and lexicon.noun_lemma(token.lower_) is not None
    )


def _determiner_of(head: Token) -> str:
    """The article or demonstrative a noun's phrase opens with ("the", "a"), or "", where it
    is seen to stand outside the capitalised words: written in lower case, or followed by a
    word in lower case ("The reigning National Player of the Year"). "The" with a capital
    before a capitalised word may be a piece of the name ("The Hollywood Reporter says")."""
    tokens = doc_tokens(head.doc)
    return next(
        (
            c.lower_
            for c in lefts(head)
            if c.dep_ == "det"
            and c.lower_ in DEFINITE_DETERMINERS | INDEFINITE_DETERMINERS
            and (c.is_lower or (c.i + 1 < len(tokens) and tokens[c.i + 1].is_lower))
        ),
        "",
    )


def _capitalised_description(head: Token, body: list[Token], determiner: str) -> bool:
    """A person's noun after a determiner, every capitalised word of its phrase a common
    English word, is a description written with capitals (an honour, an epithet: "the
    reigning National Player of the Year", "the Perennial Party Girl"), not a name: a
    person's name takes no article, and no given name or surname is among its words. An
    epithet says what someone is like or is of: an adjective among its capitalised words or
    an "of" after its noun; a newspaper's name is a place's and an agent noun ("the Baton
    Rouge Advocate"). Only a singular ("the Colts", "the Tar Heels" are teams' names) and not
    a work's title the recogniser read. Without an article, a title of two capitalised words or
    more set beside a person's name ("Heavyweight Champion, Wladimir Klitschko, ..."): the
    name is who holds it, and a person's name is not set beside another as what it is."""
    beside_a_name = _name_in_apposition(head)
    if (
        not (determiner or beside_a_name)
        or head.tag_ not in ("NN", "NNP")
        or head.ent_type_ == "WORK_OF_ART"
    ):
        return False
    if not lexicon.may_be_person(head.lower_):
        return False
    capitalised = [t for t in body if t.text[:1].isupper() and t.is_alpha]
    if not capitalised or not all(
        lexicon.common_word(t.text) and not lexicon.given_name(t.text) for t in capitalised
    ):
        return False
    if not determiner:
        return len(capitalised) >= 2
    return any(lexicon.adjective(t.text) for t in capitalised if t.i != head.i) or any(
        c.dep_ == "prep" and c.lower_ == "of" for c in children(head)
    )


def _settlement_before_its_name(head: Token) -> bool:
    """ "The tourist Island of Qeshm": a settlement's noun written with a capital, after an
    article and before "of" and a name, is the noun of an appositive "of" (the of-apposition
    sieve), not a name of its own; "the Republic of Korea" is one name when the recogniser
    reads it whole."""
    if head.lower_ not in lexicon.SETTLEMENT_NOUNS or _determiner_of(head) != "the":
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.pos_ == "PROPN" for g in children(c))
        for c in children(head)
    )


def _name_in_apposition(head: Token) -> bool:
    """Whether a person's name stands in apposition to ``head`` ("Champion, Wladimir
    Klitschko"): a proper noun the recogniser reads as a person's, or a word of letters only
    that is no English word (the recogniser took "Wladimir Klitschko" for a place); not a
    product's version ("Internet Explorer 8, IE8", "Windows Server 2012 R2")."""
    return any(
        child.dep_ == "appos"
        and child.pos_ == "PROPN"
        and (
            child.ent_type_ == "PERSON"
            or (child.is_alpha and child.is_title and not lexicon.common_word(child.text))
        )
        for child in children(head)
    )


def _name_as_a_kind(head: Token) -> bool:
    """A proper noun after "a" or "an" that a copula says its subject is ("Hiller is a Muslim",
    "he is a Kennedy", "revealed to be an American"): one of those the name is given to, a
    common noun that describes the subject as "a nurse" would, not the subject's name. A name
    takes no indefinite article; the predicate says what kind of one someone is."""
    return (
        head.pos_ == "PROPN"
        and head.dep_ == "attr"
        # Any case: a title line capitalises its article ("Hiller Is A Muslim").
        and any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in lefts(head))
        and head.head.lemma_ in ("be", "become")
    )


def _pronoun(token: Token, sentence: int, depth: list[int]) -> CorefMention | None:
    word = token.lower_
    features = PRONOUNS.get(word)
    if features is None or token.dep_ == "expl" or _is_expletive_it(token):
        return None
    if _in_hyphenated_word(token):
        return None  # "the Fix-It tool": a piece of a name
    person, number, gender, reflexive = features
    text, start, end = span_text_at([token])
    record = Mention(text, start, end, sentence, ObjectKind.PRONOUN, head=token.idx)
    mention = _base(record, token, "pronoun", sentence, depth)
    mention.lemma = word
    mention.person, mention.number, mention.gender = person, number, gender
    mention.reflexive = reflexive
    mention.definite = True
    mention.containers = _containing_nouns(token)
    mention.fronted_subject = _fronted_subject(token) if not reflexive else -1
    if reflexive and token.dep_ == "appos" and token.head.pos_ in ("NOUN", "PROPN"):
        # An intensive reflexive set beside a noun is that noun's, whatever its clause: "But
        # Bettie herself remained elusive", "in the words of the owner himself".
        mention.controllers = (token.head.i,)
    elif reflexive and mention.clause >= 0:
        mention.controllers = _controllers(doc_tokens(token.doc)[mention.clause])
    if token.tag_ == "PRP$":
        mention.conjunct = _conjunct(token)
    if token.dep_ == "nsubj" and person == 3:
        mention.reported = _reported_clauses(token.head)
    if word == "it" and token.dep_ == "nsubj":
        mention.happening = _happens(token.head)
    if word == "it" and token.dep_ == "nsubj" and token.head.lemma_ == "be":
        mention.predicate = next(
            (
                c.lemma_.lower()
                for c in children(token.head)
                if c.dep_ == "attr" and c.pos_ == "NOUN"
            ),
            "",
        )
    return mention


# Verbs that say something happens: their subject is an event ("it happened", "it occurred").
_HAPPENING_VERBS = frozenset({"happen", "occur", "unfold", "transpire"})


def _happens(verb: Token) -> bool:
    """Whether a verb says its subject happens: "happen", "occur", "unfold", or "take place"."""
    if verb.lemma_ == "take":
        return any(c.dep_ == "dobj" and c.lower_ == "place" for c in children(verb))
    return verb.lemma_ in _HAPPENING_VERBS


def _conjunct(possessive: Token) -> int:
    """The head of the noun phrase a possessive's phrase is coordinated with, two phrases alone
    ("LuAnn and her husband", "the Chargers and their players"), else -1. Not in a list of
    three or more, nor with commas between ("a judge, a prosecutor and her own lawyer": her is
    the subject's), nor after a possessed noun, whose possessor the possessive parallels
    ("President Nixon's attorney general and later his campaign director")."""
    phrase = possessive.head
    other = phrase.head
    if (
        phrase.dep_ != "conj"
        or other.pos_ not in ("NOUN", "PROPN")
        or other.dep_ in ("conj", "appos")  # a list's later item
    ):
        return -1
    kids = children(other)
    if sum(c.dep_ == "conj" for c in kids) != 1 or any(c.dep_ == "poss" for c in kids):
        return -1
    if any(t.text == "," for t in doc_tokens(possessive.doc)[other.i : phrase.i]):
        return -1  # a list, or an aside in between ("Gomes' mother, Katherine, 61, and his")
    return other.i


def _reported_clauses(verb: Token) -> tuple[tuple[int, int], ...]:
    """The clauses a verb's subject stands over (c-commands) as the one who says, knows or
    thinks them: the verb's complement clauses, before it or after ("he said Timmons fired",
    "'Jermayne fired the shot,' he said"), and, for a verb of saying set as an aside into
    another clause, that clause ("Timmons, he testified, pulled the trigger"); as token
    ranges."""
    # A copula reports nothing: a clause the parser hangs from "be" as its complement is a
    # clause spliced on with a comma ("John Smith is related to the victims, he is the son
    # of ..."), not one its subject says or thinks.
    # A verb of saying's open complement is what it says too: "the man who they say hit a
    # woman" (the parser's reading of "say" with a clause whose subject it raised).
    spans = [
        (c.left_edge.i, c.right_edge.i)
        for c in children(verb)
        if (c.dep_ == "ccomp" and verb.lemma_ != "be")
        or (c.dep_ == "xcomp" and verb.lemma_ in SPEECH_VERBS)
    ]
    if (
        verb.dep_ in ("parataxis", "advcl")  # an aside is parsed as either, with no subordinator
        and verb.lemma_ in SPEECH_VERBS
        # neither a conjunction nor a wh-adverb: "lied when he claimed Nixon knew" is a clause
        # of time, whose subject may be the liar
        and not any(c.dep_ == "mark" or c.tag_ == "WRB" for c in children(verb))
    ):
        host = verb.head
        spans.append((host.left_edge.i, host.right_edge.i))
    return tuple(spans)


def _attributed_clause(source: Token) -> tuple[tuple[int, int], ...]:
    """The clause "according to" attributes to its object ("According to Laurence Mark, the
    actor was chosen because ..."): its source says it as the subject of "said" would, so the
    clause's descriptions and pronouns are of someone else (principle C); as a token range."""
    if source.dep != DEP.pobj:
        return ()  # asked of most names and descriptions: most are no object of "to"
    cache = doc_cache(source.doc)  # heads from the cache: Token.head makes a new Token
    tokens, heads = cache.tokens, cache.heads
    to = tokens[heads[source.i]]
    according = tokens[heads[to.i]]
    if not (
        to.lower_ == "to" and according.lower_ == "according" and according.i != heads[according.i]
    ):
        return ()
    # The clause around the phrase, not the phrase itself ("according to the foundation,
    # which gave her its grant": the relative clause is the source's own).
    clause = according.head
    spans = [(clause.left_edge.i, according.left_edge.i - 1)]
    spans.append((according.right_edge.i + 1, clause.right_edge.i))
    return tuple((start, end) for start, end in spans if start <= end)


def _fronted_subject(token: Token) -> int:
    """The subject a fronted adverbial clause or phrase holding ``token`` comes before: "As it
    promised, Microsoft issued a patch", "After spraining his knee, Bush was placed on injured
    reserve" (the token index of the subject's head, else -1)."""
    cache = doc_cache(token.doc)  # heads from the cache: Token.head makes a new Token
    tokens, heads = cache.tokens, cache.heads
    current, steps = token, 0
    while heads[current.i] != current.i and steps < 30:
        steps += 1
        head = tokens[heads[current.i]]
        if current.dep_ in ("advcl", "prep") and head.pos_ in ("VERB", "AUX"):
            if (current.dep_ == "advcl" and current.i < head.i) or _fronted_phrase(current, token):
                subjects = [
                    c for c in children(head) if c.dep_ in ("nsubj", "nsubjpass") and c.i < head.i
                ]
                if subjects and current.i < subjects[0].i and token.i < subjects[0].i:
                    return subjects[0].i
            return -1
        current = head
    return -1


def _fronted_phrase(phrase: Token, pronoun: Token) -> bool:
    """A prepositional phrase at the start of its sentence holding a clause ("After spraining
    his knee, ..."), or a possessive ("In its latest report, the agency said ...", "After
    their loss, the Chiefs fired their coach": what the phrase is about is the subject's)."""
    return (
        phrase.dep_ == "prep"
        and phrase.i == phrase.sent.start
        and (pronoun.tag_ == "PRP$" or any(c.dep_ == "pcomp" for c in children(phrase)))
    )


def _controllers(clause: Token) -> tuple[int, ...]:
    """The understood subject of a clause with no subject of its own, which binds a reflexive in
    it (binding theory's principle A through control), as token indexes, likeliest first. Of an
    infinitive that completes a noun, the noun's possessor, who does what the noun names ("His
    decision to unmask himself", "users' turn to protect themselves"), else the noun itself ("a
    suspect to give himself up"); of a participle that completes a noun, the noun ("a man
    calling himself Gary"). Of a clause or phrase fronted before its sentence's subject, that
    subject ("After shutting herself in a room, Hiller made calls"), then the subject's
    possessor, whom a dangling participle means ("Left to fend for himself, Dalembert's numbers
    have plummeted"). A verb's objects control its complements already (``controls``)."""
    kids = children(clause)
    if any(c.dep_ in SUBJECT_DEPS for c in kids):
        return ()
    head = clause.head
    if clause.dep_ == "acl" and head.pos_ in ("NOUN", "PROPN") and head.i != clause.i:
        possessors = [c.i for c in children(head) if c.dep_ == "poss"]
        if _infinitive(clause) and possessors:
            return tuple(possessors)
        return (head.i,)
    adjunct = head if clause.dep_ == "pcomp" and head.dep_ == "prep" else clause
    main = adjunct.head
    if adjunct.dep_ not in ("advcl", "prep") or main.pos_ not in ("VERB", "AUX"):
        return ()
    subject = next(
        (c for c in children(main) if c.dep_ in ("nsubj", "nsubjpass") and c.i < main.i), None
    )
    if subject is None or adjunct.right_edge.i >= subject.left_edge.i:
        return ()
    return (subject.i, *(c.i for c in children(subject) if c.dep_ == "poss"))


def _capitalised_in_a_name(token: Token) -> bool:
    """A third-person pronoun written with a capital after a word of its sentence ("install
    the Fix It or stop using the browser", "reverse-engineer the Fix Its"): the capital says it
    is a word of a title or a name, which a pronoun inside a sentence never takes (a title
    line, all capitals, is read apart)."""
    features = PRONOUNS.get(token.lower_)
    if features is None or features[0] != 3 or not token.text[:1].isupper():
        return False
    tokens = doc_tokens(token.doc)
    before = tokens[token.i - 1] if token.i > 0 else None
    # After a word, not after punctuation or a line break: the parser may start a sentence
    # there, but no sentence starts right after a word.
    return (
        before is not None
        and before.is_alpha
        and not before.is_upper  # a line in capitals ("FIRE DESTROYS IT")
    )


def _in_hyphenated_word(token: Token) -> bool:
    """A pronoun written as part of a hyphenated word ("Fix-It", "Do-It-Yourself"). A dash typed
    as a hyphen between two clauses ("She checked in herself-it was her decision") joins no
    word: the tagger reads it as a dash (not HYPH), and the words on its two sides belong to no
    one phrase (neither is the other's head)."""
    tokens = doc_tokens(token.doc)
    before = tokens[token.i - 1] if token.i > 0 else None
    after = tokens[token.i + 1] if token.i + 1 < len(tokens) else None
    if before is not None and before.text == "-" and not before.whitespace_:
        return _joins_words(before, token, tokens[token.i - 2] if token.i > 1 else None)
    if after is not None and after.text == "-" and not token.whitespace_:
        return _joins_words(
            after, token, tokens[token.i + 2] if token.i + 2 < len(tokens) else None
        )
    return False


def _joins_words(dash: Token, word: Token, other: Token | None) -> bool:
    """Whether a dash glued to ``word`` is a hyphen joining it to ``other``, the word across it."""
    if dash.tag_ == "HYPH" or other is None:
        return True
    return other.head.i == word.i or word.head.i == other.i


# The reflexive pronouns, bound in their clause.
_REFLEXIVES = frozenset(word for word, features in PRONOUNS.items() if features[3])


def _containing_nouns(token: Token) -> frozenset[int]:
    """The nouns whose phrase holds the pronoun, which it cannot refer to (i-within-i): "her
    rep", "the president of its board". Read up the parse through nouns and prepositions to
    the pronoun's clause; there, the noun a relative clause modifies, when the pronoun is one
    of that clause's arguments ("the way it works", "the building they were in"), but not when
    it is a possessive ("Hansbrough, who came back for his senior season") or the noun is the
    clause's possessor ("the boss whose act earned him a nickname"). Not across
    coordination ("Palin and her family") nor above a name (a name takes no complement:
    "relieved Cheeks of his duties" is the parser attaching "of" to the name)."""
    found: set[int] = set()
    possessive = token.tag_ == "PRP$"
    cache = doc_cache(token.doc)
    tokens, heads = cache.tokens, cache.heads
    current, steps = token, 0
    while heads[current.i] != current.i and steps < 30:
        steps += 1
        head = tokens[heads[current.i]]
        if current.dep_ in ("conj", "appos", "parataxis"):
            break
        if head.pos_ in ("VERB", "AUX"):
            if (
                head.dep_ in ("relcl", "acl")
                and current.i == token.i
                and not possessive
                # A reflexive is bound by its clause's subject, which a relative clause's
                # subject pronoun makes the noun it modifies: "the suspect, who gave himself
                # up" is the suspect.
                and token.lower_ not in _REFLEXIVES
                and not any(t.tag_ == "WP$" for t in head.subtree)
            ):
                noun = tokens[heads[head.i]]
                if noun.pos_ in ("NOUN", "PROPN", "PRON"):
                    found.add(noun.i)
            break
        if head.pos_ == "PROPN":
            break
        if (
            current.dep_ == "prep"
            and current.lower_ != "of"
            and head.pos_ == "NOUN"
            and lexicon.noun_class(head.lemma_.lower()) == "person"
        ):
            # A person set somewhere or with someone: "a deputy outside his house", "a man
            # with his dog" may be his (an adjunct, not what the noun is made of); a
            # complement is ("the president of its board" is not its), and so is a thing's
            # ("a flaw in its browser" is the maker's).
            break
        if head.pos_ in ("NOUN", "PRON", "NUM"):
            found.add(head.i)
        current = head
    return frozenset(found)


def _made_it(verb: Token) -> bool:
    """ "made it to the clinic" (an idiom) or "made it clear that ..." (an extraposed clause),
    not "made it available" (a thing made so)."""
    complements = [c for c in children(verb) if c.dep_ in ("oprd", "acomp", "xcomp", "ccomp")]
    return not complements or any(
        c.dep_ == "ccomp" or any(_extraposed(g) for g in children(c)) for c in complements
    )


def _someone_or_a_time(predicate: Token) -> bool:
    """A noun predicate naming a person ("the driver", "Smith") or a time ("Monday", "2
    a.m.")."""
    if predicate.dep_ != "attr" or predicate.pos_ not in ("NOUN", "PROPN", "NUM"):
        return False
    if predicate.ent_type_ in ("PERSON", "DATE", "TIME"):
        return True
    lemma = predicate.lemma_.lower()
    if lemma == "time" or lexicon.noun_class(lemma) == "time":
        # "it was a tough night for the team", "it is the first time a woman has hosted
        # the show": the time or the occasion.
        return True
    return predicate.pos_ == "NOUN" and (
        lexicon.noun_class(lemma) == "person" or lexicon.may_be_person(lemma)
    )


def _seeming(verb: Token) -> bool:
    """A verb of seeming or of how things came out: "seem", "appear", "happen", "turn out"."""
    if verb.lemma_ in ("seem", "appear", "happen"):
        return True
    return verb.lemma_ == "turn" and any(
        c.dep_ == "prt" and c.lower_ == "out" for c in children(verb)
    )


# Verbs of how things look, sound or feel, which take a clause after "like" or "as if".
_APPEARANCE_VERBS = frozenset({"look", "sound", "feel", "seem", "appear"})


def _how_things_look(verb: Token) -> bool:
    """ "It turns out that action behind the scenes may duplicate it", "it looks like it's over
    at the top tier", "it seems as if nobody cared": a verb of seeming, or of how things look
    or sound, with a clause of its own after it says how matters stand, and "it" is no thing.
    Not with a noun after "like" ("it looks like a bomb": the thing looks like one)."""
    clauses = [c for c in children(verb) if c.dep_ in ("ccomp", "advcl")]
    if _seeming(verb) and any(
        any(m.dep_ == "mark" and m.lower_ == "that" for m in children(c)) for c in clauses
    ):
        return True
    return verb.lemma_ in _APPEARANCE_VERBS and any(
        any(m.dep_ == "mark" and m.lower_ in ("like", "if", "though") for m in children(c))
        and any(g.dep_ in ("nsubj", "nsubjpass", "expl") for g in children(c))
        for c in clauses
    )


def _when_it_comes_to(verb: Token) -> bool:
    """ "when it comes to their pursuit of Teixeira": an idiom for "as for", whose "it" is no
    thing."""
    kids = children(verb)
    return (
        verb.lemma_ == "come"
        and any(c.dep_ == "prep" and c.lower_ == "to" for c in kids)
        and any(c.lower_ == "when" and c.dep_ in ("advmod", "mark") for c in kids)
    )


def _parenthetical(verb: Token) -> bool:
    """A verb set inside another clause, with no complement of its own ("Now, it seems, a
    battle ..."; "The flaw, it appears, affects all versions"; "as it turned out, ...")."""
    ignored = ("nsubj", "punct", "advmod", "neg", "aux", "mark", "prt")
    if any(c.dep_ not in ignored for c in children(verb)):
        return False
    # Set in by commas, or by "as" ("as it happens"); not a clause of time ("when it appeared").
    marks = {c.lower_ for c in children(verb) if c.dep_ == "mark"}
    return verb.dep_ == "parataxis" or (verb.dep_ == "advcl" and marks == {"as"})


def _infinitive(clause: Token) -> bool:
    """A clause whose verb is a to-infinitive ("for the situation to return")."""
    return any(c.tag_ == "TO" for c in children(clause))


# Subordinators of a clause that ends or starts a stretch of time ("before", "until", "since");
# not "when", after which "it" may be a thing ("it was a hit when it came out").
_TIME_SUBORDINATORS = frozenset({"before", "until", "till", "since"})


def _has_object(clause: Token) -> bool:
    """An infinitive with an object or a clause of its own ("to believe that ...", "to find
    work"), so no gap its subject fills."""
    return any(c.dep_ in ("dobj", "ccomp", "dative", "attr", "xcomp") for c in children(clause))


def _question(clause: Token) -> bool:
    """A clause opened by "if" or "whether" (an indirect question)."""
    return any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in children(clause))


def _time_until(copula: Token) -> bool:
    """ "It was only a matter of time before Philly and Cheeks hooked up", "it was years until
    they met again", "it has been two years since the fire": a noun predicate of "be" followed
    by a clause bounding a stretch of time; "it" stands for that time, not for a thing."""
    if not any(c.dep_ == "attr" and c.pos_ in ("NOUN", "NUM") for c in children(copula)):
        return False
    for clause in children(copula):
        if clause.dep_ != "advcl" or clause.i < copula.i:
            continue
        if any(
            c.lower_ in _TIME_SUBORDINATORS and c.dep_ in ("mark", "advmod") and c.i < clause.i
            for c in children(clause)
        ):
            return True
    return False


# Subordinators of a clause that an "it" judged by its predicate may stand for: "it's pretty bad
# when ...", "it would be a shame if ...".
_OCCASION_SUBORDINATORS = frozenset({"when", "whenever", "if"})


def _judged_occasion(it: Token, copula: Token) -> bool:
    """ "It's pretty bad when security experts are telling your customers to switch", "it was
    probably chance when the church was burned": "it" with a predicate (an adjective or a noun)
    and, after it, a clause of when or if that says what is judged so; "it" stands for that
    clause, as it does for an extraposed that-clause. Not when the clause has an "it" of its
    own, which is then the thing the first one is ("it was a hit when it came out", "it was
    broken when I found it")."""
    # An adjective that takes a clause as its subject ("bad", "important"), not one that says
    # how a thing was ("it was empty when police arrived": the house); or any noun ("chance",
    # "a shame"): a thing said to be one ("a hit") is caught by the clause's own "it" below.
    predicates = [
        c
        for c in children(copula)
        if c.i > copula.i
        and (
            (c.dep_ == "acomp" and c.lemma_.lower() in _EXTRAPOSING_ADJECTIVES)
            or (c.dep_ == "attr" and c.pos_ == "NOUN")
        )
    ]
    if not predicates:
        return False
    # The parser hangs the clause from the copula (advcl) or, after a noun, from the noun as
    # if it were a relative clause of time ("chance when the church was burned").
    clauses = [c for c in children(copula) if c.dep_ == "advcl"] + [
        c for p in predicates if p.dep_ == "attr" for c in children(p) if c.dep_ == "relcl"
    ]
    return any(
        clause.i > predicates[0].i
        and any(
            c.lower_ in _OCCASION_SUBORDINATORS and c.dep_ in ("mark", "advmod") and c.i < clause.i
            for c in children(clause)
        )
        and not any(t.lower_ == "it" and t is not it for t in clause.subtree)
        for clause in clauses
    )


# Adjectives saying that something is not known ("it is unclear ..."), and those that say so
# negated ("it is not clear ...").
_UNKNOWN_ADJECTIVES = frozenset({"unclear", "unknown", "uncertain"})
_KNOWN_ADJECTIVES = frozenset({"clear", "known"})


def _unknown(predicate: Token, verb: Token) -> bool:
    """Whether a linking verb's predicate adjective says that something is not known:
    "unclear", "unknown", "uncertain", or "clear" and "known" negated; not "known as" or
    "known for", which say what a thing is called or famous for."""
    lemma = predicate.lower_
    if lemma == "known" and any(
        c.dep_ == "prep" and c.lower_ in ("as", "for") for c in children(predicate)
    ):
        return False
    if lemma in _UNKNOWN_ADJECTIVES:
        return True
    negated = any(c.dep_ == "neg" for c in (*children(verb), *children(predicate)))
    return lemma in _KNOWN_ADJECTIVES and negated


def _stands_for(predicate: Token, clause: Token) -> bool:
    """Whether ``clause``, under the predicate of an "it" (after a linking verb, or in a small
    clause: "making it imperative to ..."), is the clause that "it" stands for: a that-clause
    ("it is clear that ..."), an infinitive after a noun ("it was her decision to get help") or
    after an adjective that takes one as its subject ("it is important to ..."; a tough
    adjective only when the infinitive has an object of its own, else "it" is what the
    infinitive is done to: "it is easy to sell"). After another adjective the infinitive
    completes it, and "it" is a thing ("it is unlicensed to perform surgery")."""
    if clause.dep_ == "ccomp":
        return True
    if predicate.dep_ == "attr":
        return _extraposed(clause)
    infinitive = _extraposed(clause) or (clause.dep_ == "advcl" and _infinitive(clause))
    return (
        infinitive
        and predicate.lemma_ in _EXTRAPOSING_ADJECTIVES
        and (predicate.lemma_ not in _TOUGH_ADJECTIVES or _has_object(clause))
    )


def _extraposed(clause: Token) -> bool:
    """A clause an expletive "it" stands for: a that-clause, or an infinitive ("to get help")."""
    if clause.dep_ in ("ccomp", "csubj"):
        return True
    if clause.dep_ not in ("acl", "xcomp"):
        return False
    return any(c.tag_ == "TO" or c.lower_ == "that" for c in children(clause))


# Adverbs that make a deictic phrase of "there", pointing at a place in the world around the
# speaker rather than at one the text named ("out there", "over there", "up there", "in
# there"): a short closed class of particles, which no lexicon in the repository lists.
_DEICTIC_PARTICLES = frozenset({"out", "over", "up", "down", "in", "back", "around", "along"})


def _locative_there(token: Token) -> bool:
    """ "She checked into a clinic and will stay there": a locative "there", an adverb of place
    modifying a verb or a noun ("her arrival there"), is a pro-form of a place as "it" is of a
    thing. Not the expletive of "there is" (tagged EX), not a deictic phrase ("out there"), and
    not a "there" whose own phrase says where ("there in Malibu"), which names its place."""
    if token.lower != WORD.there:  # asked of every word: the id, not the string
        return False
    # "her arrival there was not without drama": an expletive opens its clause, before its
    # verb and with no subject before it; a "there" after the subject is of place.
    after_subject = any(
        c.dep_ in ("nsubj", "nsubjpass") and c.i < token.i for c in children(token.head)
    )
    if token.tag_ == "EX" and after_subject:
        return True
    if token.tag_ != "RB" or token.dep_ != "advmod":
        return False
    if token.head.pos_ not in ("VERB", "AUX", "NOUN"):
        return False
    if not _there_says_where(token):
        return False
    tokens = doc_tokens(token.doc)
    before = tokens[token.i - 1] if token.i > 0 else None
    if before is not None and before.lower_ in _DEICTIC_PARTICLES:
        return False
    after = tokens[token.i + 1] if token.i + 1 < len(tokens) else None
    if after is not None and (after.lemma_ == "be" or after.tag_ == "MD") and not after_subject:
        return False  # "with such facilities there won't be room": the expletive, mistagged
    if after is not None and after.tag_ == "IN" and after.lower_ in _LOCATIVE_PREPOSITIONS:
        return False  # "sitting there at the table": the phrase after it names the place
    return not any(c.dep_ == "prep" for c in children(token))


# Verbs of an end: "the fight ended there", "let's stop there": "there" is the point the event
# or the argument reached, not a place. A closed class of aspectual verbs no table lists.
_VERBS_OF_AN_END = frozenset({"end", "stop", "cease", "halt"})

# Verbs of posture: "you can't just sit there", "everybody was standing there": "there" points
# at the scene around the speaker, idle, and seldom at a place the text named.
_VERBS_OF_POSTURE = frozenset({"sit", "stand"})

# What may be at a place: people, bodies and animals ("the owner was there", "police there",
# "prisoners there"), places themselves ("a temple there") and events ("her stay there", "her
# arrival there"); by WordNet's first sense of the noun. Not an abstract thing: "any
# connection there", "her commitment there", "the science is there" (it exists).
_FOUND_AT_A_PLACE = frozenset({"person", "organization", "animal", "place", "event"})


def _there_says_where(token: Token) -> bool:
    """Whether an adverb "there" is said of a place by the grammar around it: fronted ("There,
    she served the poor"), after a verb of an event that happens somewhere ("will stay there",
    "worked there", "set a fire there"), not of an end or a posture; after a noun of what
    may be at a place ("a woman there"); after copular "be" only with a subject that may be
    at a place ("the owner was there", not "the science is there", nor a clause with no
    subject, "is still there", whose subject an ellipsis leaves unknown)."""
    head = token.head
    tokens = doc_tokens(token.doc)
    after = tokens[token.i + 1] if token.i + 1 < len(tokens) else None
    if token.i == token.sent.start and after is not None and after.lower_ == ",":
        return True  # "There, anarchists are helping": fronted, it takes up the place named
    if head.pos_ == "NOUN":
        return lexicon.noun_class(head.lemma_.lower()) in _FOUND_AT_A_PLACE
    if head.lemma_ == "be":
        subjects = [c for c in children(head) if c.dep_ in ("nsubj", "nsubjpass")]
        if not subjects and head.dep_ == "xcomp":
            # "Gallagher happened to be right there": the subject the verb above it raises.
            subjects = [c for c in children(head.head) if c.dep_ in ("nsubj", "nsubjpass")]
        return any(_may_be_at_a_place(s) for s in subjects)
    return head.lemma_ not in _VERBS_OF_AN_END | _VERBS_OF_POSTURE


def _may_be_at_a_place(subject: Token) -> bool:
    """Whether the subject of "be there" is one that may be at a place: a pronoun or a name of
    a person ("he was there", "members who were there"), or a noun of what may be at one."""
    if subject.pos_ in ("PRON", "PROPN"):
        return subject.lower_ not in ("it", "this", "that", "what")
    return lexicon.noun_class(subject.lemma_.lower()) in _FOUND_AT_A_PLACE - {"event"}


def _there(token: Token, sentence: int, depth: list[int]) -> CorefMention:
    """A locative "there" as a mention: a pronoun of place (the locative sieve gives it the
    place it stands for), with no person, so the personal pronoun sieve leaves it alone."""
    text, start, end = span_text_at([token])
    record = Mention(text, start, end, sentence, ObjectKind.PRONOUN, head=token.idx)
    mention = _base(record, token, "pronoun", sentence, depth)
    mention.lemma = "there"
    mention.person = 0
    mention.number, mention.gender = "singular", "neuter"
    mention.definite = True
    return mention


def count_of(token: Token) -> int:
    """The value of a count written in figures ("3") or as a cardinal word ("Three", spaCy's
    list, as the time expressions read it), else -1."""
    word = token.lower_
    if word.isdigit() and len(word) <= 6:
        return int(word)
    return CARDINAL_WORDS.get(word, -1)


def _bare_count(token: Token) -> bool:
    """ "Three were killed", "2 hurt in office shooting", "killing two": a count with no noun
    heads its own phrase, and stands for the people (or things) it counts. Only as a subject
    or an object, and not a value the recogniser reads as a date, a time, money or a
    percentage, nor an age or a score (which are no arguments of a verb of their own)."""
    if token.tag != TAG.CD and not _count_word_in_title_case(token):  # the tag's id first
        return False
    if count_of(token) < 2:
        return False
    # A title line's "3 dead after ...", "1 Dead, 2 Hurt": the parser hangs the count from the
    # adjective or participle as if it counted it, but a count counts no adjective.
    read_as_counting = token.dep_ == "nummod" and (
        token.head.pos_ in ("ADJ", "VERB") or _title_case_verb_before(token)
    )
    # "Three killed as rioters bomb bank": a title line's reduced passive, read as the count
    # modified by its participle; "Ten dead in southern Iran quake": a reduced copula, read as
    # the count modified by its adjective.
    reduced_predicate = token.dep_ == "ROOT" and any(
        (c.dep_ == "acl" and c.tag_ == "VBN") or _predicate_after_count(c) for c in children(token)
    )
    if (
        token.dep_ not in ("nsubj", "nsubjpass", "dobj", "pobj")
        and not read_as_counting
        and not reduced_predicate
    ):
        return False
    if token.ent_type_ in TIME_LABELS or token.ent_type_ in AMOUNT_LABELS:
        return False
    tokens = doc_tokens(token.doc)
    if token.i + 1 < len(tokens) and tokens[token.i + 1].text in (":", ".", ",", "-"):
        return False  # "9:03", "5.9", "120,000", "31-24": a time, a figure, a score
    before = tokens[token.i - 1] if token.i > 0 else None
    figure = before is not None and before.text in (":", ".") and before.i > 0
    if before is not None and (
        before.is_currency
        or (before.text in ("-", "/") and not before.whitespace_)
        or (figure and tokens[before.i - 1].like_num)
    ):
        # "£1.2m", "6. 4" (a text rebuilt from tokens), "four-by-four": a piece of a figure
        # or of a word
        return False
    return not any(
        c.dep_ in ("compound", "amod", "prep", "det")
        and not _predicate_after_count(c)
        and not (reduced_predicate and _circumstance_after_count(c))
        for c in children(token)
    )


def _title_case_verb_before(count: Token) -> bool:
    """ "Powerful Quake in Iran Kills 10": a title line's verb in "-s", capitalised, which the
    tagger reads as a proper noun counted by the number after it (its object); a number
    counts the noun after it, and one after a noun numbers it in the singular ("Round 6").
    Not a team's name before its score ("Drake Bulldogs 53"): a plural of someone or of an
    animal is a team's nickname, whatever verb it is also a form of."""
    verb = count.head
    lemma = lexicon.verb_lemma(verb.lower_)
    return (
        verb.i < count.i
        and verb.pos_ == "PROPN"
        and verb.is_title
        and verb.lower_.endswith("s")
        and lemma != verb.lower_
        and not lexicon.noun_classes(lemma) & {"person", "animal"}
    )


def _count_word_in_title_case(token: Token) -> bool:
    """ "Ten dead in southern Iran quake": a count spelled as a word with a capital, which the
    tagger reads as a proper noun where the recogniser still reads it as a count."""
    return token.ent_type_ == "CARDINAL" and token.lower_ in CARDINAL_WORDS


def _predicate_after_count(child: Token) -> bool:
    """ "Three dead after fire-bomb hits bank": an adjective after a bare count says what befell
    the ones counted (a reduced "are dead"); an adjective that describes a noun stands before
    it ("three dead men")."""
    return child.dep_ == "amod" and child.i > child.head.i and child.tag_ in ("JJ", "VBN", "VBD")


def _circumstance_after_count(child: Token) -> bool:
    """ "Three Killed In Athens Bank Fire Amid Strike": a title line's phrase after its reduced
    passive belongs to the participle, though the parser hangs it from the count; not "of",
    which picks the counted from a set ("three of the victims")."""
    return child.dep_ == "prep" and child.i > child.head.i and child.lower_ != "of"


def _count_mention(token: Token, sentence: int, depth: list[int]) -> CorefMention:
    """A bare count as a mention: a group of as many as it says, linked by the count sieve to
    the group the document names with the same number."""
    text, start, end = span_text_at([token])
    record = Mention(
        text, start, end, sentence, ObjectKind.CONCEPT, key=concept_key(token), head=token.idx
    )
    mention = _base(record, token, "nominal", sentence, depth)
    mention.lemma = token.lower_
    mention.words = frozenset({token.lower_})
    mention.count = count_of(token)
    mention.bare_count = True
    mention.number = "singular" if mention.count == 1 else "plural"
    mention.indefinite = True
    return mention


# Tags of relative and interrogative pronouns: "who", "which", "that" (WDT), "whose".
_RELATIVE_TAGS = frozenset({"WP", "WDT", "WP$"})
_RELATIVE_TAG_IDS = string_ids(_RELATIVE_TAGS)  # as Token.tag holds them: read for every word

# The classes of noun a relative "where" may stand for: a place ("the clinic where she
# stayed") or a body at its seat ("the school where he taught"); not a time or a state of
# affairs ("a point where", "a situation where"), which is no thing of the story.
_WHERE_CLASSES = frozenset({"place", "organization"})


def _relative_where(token: Token) -> bool:
    """ "the Betty Ford Center, where she was treated": a relative "where" (an adverb to the
    tagger) stands for the place its clause modifies, as "which" would ("in which she was
    treated"): a place named or a noun of place, the head of the clause's noun."""
    if token.tag != TAG.WRB or token.lower_ != "where":  # asked of every word: the tag's id
        return False
    clause = token.head
    if clause.dep_ != "relcl":
        return False
    noun = clause.head
    if noun.ent_type_ in TIME_LABELS or noun.ent_type_ in VALUE_LABELS:
        return False  # "the day where": a time
    if noun.pos_ == "PROPN" or noun.ent_type_:
        return True
    return noun.pos_ == "NOUN" and lexicon.noun_class(noun.lemma_.lower()) in _WHERE_CLASSES


# The finite verbs' tags: a relative clause's verb is finite ("rules that cut", "a rule that
# cuts"), a demonstrative's may be too, but a bare infinitive or a participle is neither.
_FINITE_TAGS = frozenset({"VBD", "VBP", "VBZ", "MD"})
_CLAUSE_SUBJECTS = frozenset({"nsubj", "nsubjpass", "expl", "csubj"})


_THAT_WHICH_IDS = string_ids(("that", "which"))


def _relative_read_as_a_subject(token: Token, in_headline: bool) -> bool:
    """ "Judges Strike Down Laws That Ban Street Protests": a "that" or "which" written right
    after a noun and subject of a finite verb after it opens a relative clause on that noun,
    where the parser hung the clause on the verb before the noun (title case misleads it) and
    _relative, which reads the clauses the parser did hang on a noun, finds none. Outside a
    title line only when the tagger read the word as a relative (WDT): a demonstrative subject
    after a noun is mostly tagged DT. Not where the clause completes the verb of the noun
    ("told reporters that was all", tagged WDT too; a title line seldom reports, and its
    parse hangs the clause there), nor when a comma follows or the verb has a subject of its
    own ("told the council that, at first, the workers were"): a conjunction."""
    if token.lower not in _THAT_WHICH_IDS:  # asked of every word: the id, not the string
        return False
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if not (in_headline or token.tag_ == "WDT") or token.i == 0:
        return False
    noun, verb = token.nbor(-1), token.head
    if noun.tag_ not in ("NN", "NNS", "NNP", "NNPS") or noun.ent_type_ in TIME_LABELS:
        return False
    if verb.i <= token.i or verb.tag_ not in _FINITE_TAGS or token.nbor(1).is_punct:
        return False
    if not in_headline and verb.dep_ == "ccomp" and verb.head == noun.head:
        return False  # "told reporters that was all": the clause the noun's own verb reports
    return not any(c.dep_ in _CLAUSE_SUBJECTS and c.i != token.i for c in verb.children)


def _site_set_in_a_town(noun: Token) -> Token | None:
    """ "the Cliffside Rehab Center in Malibu, where she will continue", "the Hennepin County
    Medical Center in Minneapolis, where she was pronounced dead": a clause set off by a comma
    (a non-restrictive "where" or "which") that the parser hangs on a town or a region set
    after "in" to say where a site lies is the site's, the place the sentence speaks of (the
    town is said only to place it). The site is a body's or a facility's name or a noun of a
    place ("a village in Iran, where"). A restrictive clause, with no comma, narrows the town
    itself ("a dwelling in the North End where she lived")."""
    if noun.ent_type_ not in ("GPE", "LOC") or noun.dep_ != "pobj":
        return None
    preposition = noun.head
    if preposition.lower_ != "in" or preposition.dep_ != "prep":
        return None
    site = preposition.head
    if site.pos_ not in ("NOUN", "PROPN") and preposition.i > 0:
        # "was taken to the Harbor Medical Center in Springfield, where": the parser hangs
        # the place on the verb; the site is the noun phrase written right before it.
        site = preposition.nbor(-1)
        if site.dep_ in ("compound", "amod", "poss"):
            return None
    if site.pos_ not in ("NOUN", "PROPN") or site.ent_type_ in ("GPE", "LOC", "PERSON"):
        return None
    if site.ent_type_ in ("ORG", "FAC") or lexicon.noun_class(site.lemma_.lower()) == "place":
        return site
    return None


def _relative(
    token: Token, sentence: int, depth: list[int], noun: Token | None = None
) -> CorefMention | None:
    """A relative pronoun ("the actress, who checked herself in") stands for the noun its clause
    modifies; an interrogative one ("what") stands for nothing. ``noun`` is that noun where
    the parser did not hang the clause on it (_relative_read_as_a_subject)."""
    text, start, end = span_text_at([token])
    if noun is not None:
        record = Mention(text, start, end, sentence, ObjectKind.PRONOUN, head=token.idx)
        mention = _base(record, token, "pronoun", sentence, depth)
        mention.lemma = token.lower_
        mention.relative_to = noun.i
        mention.number = "plural" if noun.tag_ in ("NNS", "NNPS") else "singular"
        mention.definite = True
        return mention
    clause = token.head
    steps = 0
    while clause.dep_ != "relcl" and clause.head.i != clause.i and steps < 3:
        clause = clause.head
        steps += 1
    if clause.dep_ != "relcl":
        return None
    record = Mention(text, start, end, sentence, ObjectKind.PRONOUN, head=token.idx)
    mention = _base(record, token, "pronoun", sentence, depth)
    mention.lemma = token.lower_
    noun = clause.head
    if (
        token.lower_ in ("who", "whom")
        and noun.pos_ in ("NOUN", "PROPN")  # not "those who", "one who"
        and not _someone(noun, strict=False)
    ):
        noun = _whos_noun(noun, token) or noun
    elif (
        token.lower_ in ("who", "whom")
        and noun.pos_ in ("NOUN", "PROPN")
        and noun.dep_ == "pobj"
        and noun.head.dep_ == "prep"
        and not _person(noun)
        and _may_be_person(noun.head.head)
    ):
        # "The head of the Genovese crime family, who had suffered from heart disease": a body
        # may be a "who", but a person whose phrase holds it is the likelier one (a noun of
        # which one frequent sense is a person: "head", "leader", "member").
        noun = noun.head.head
    elif token.lower_ == "which" and _surely_person(noun):
        # "Which" is never someone: a clause hung from a person modifies the nearest noun of
        # no person in the phrase around it ("attorney Kassie Siegel of the Center for
        # Biological Diversity, which is suing", "the murder of Deputy Juan Escalante, which
        # took place outside his home").
        noun = _whichs_noun(noun, token) or noun
    elif token.lower_ in ("where", "which") and token.i > 0 and token.nbor(-1).lower_ == ",":
        noun = _site_set_in_a_town(noun) or noun
    # "Pierre Thomas and Mike Bell, who has had only six carries": the parser hangs a clause
    # after a coordination from its first noun; a "who" or "which" subject of a verb in the
    # singular is not the two of them but the one it follows, the last.
    # Not in an appositive, whose nouns describe one person twice ("Monrose, a pastor and
    # community leader who is working with the family").
    conjuncts = [c for c in noun.conjuncts if noun.i < c.i < token.i]
    if (
        conjuncts
        and noun.dep_ != "appos"
        and token.dep_ in ("nsubj", "nsubjpass")
        and _singular_verb(token.head)
        and conjuncts[-1].tag_ in ("NN", "NNP")
    ):
        noun = conjuncts[-1]
    mention.relative_to = noun.i
    # A relative pronoun has the number of the noun it stands for, as its verb shows ("rivals
    # who want", "a man who wants"): "he" is never a "who" of rivals.
    mention.number = "plural" if noun.tag_ in ("NNS", "NNPS") else "singular"
    mention.definite = True
    return mention


# Recogniser labels of names that may be someone: a person, a body, a people, or a place
# standing for its team or government ("Syracuse, who have won six in a row").
_SOMEONE_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def _someone(noun: Token, strict: bool = True) -> bool:
    """Whether a noun may be someone, a "who": a name of a person or a body, or a noun whose
    first WordNet sense is a person or a body (``strict``), or any of whose frequent senses is
    one (not ``strict``: "a star who", "the people who")."""
    if noun.ent_type_:
        return noun.ent_type_ in _SOMEONE_LABELS
    if noun.pos_ == "PROPN":
        return True
    if noun.pos_ != "NOUN":
        return False
    lemma = noun.lemma_.lower()
    if strict:
        return lexicon.noun_class(lemma) in ("person", "organization")
    return bool(lexicon.noun_classes(lemma) & {"person", "organization"})


def _person_noun(noun: Token) -> bool:
    """A common noun whose first WordNet sense is a person ("the attorney")."""
    return noun.pos_ == "NOUN" and lexicon.noun_class(noun.lemma_.lower()) == "person"


def _may_be_person(noun: Token) -> bool:
    """A name of a person or a common noun one of whose frequent senses is a person."""
    if noun.ent_type_:
        return noun.ent_type_ == "PERSON"
    return noun.pos_ == "NOUN" and lexicon.may_be_person(noun.lemma_.lower())


def _person(noun: Token) -> bool:
    """A name of a person or a noun whose first WordNet sense is a person."""
    if noun.ent_type_:
        return noun.ent_type_ == "PERSON"
    return _person_noun(noun)


def _surely_person(noun: Token) -> bool:
    """A noun of a person, or a person's name that a first name or a title before it
    vouches for ("Kassie Siegel", "dictator Saparmurat Niyazov"; the recogniser types ships
    and teams as people too: "supertanker Sirius Star", "Gonzaga")."""
    if noun.pos_ == "NOUN":
        return _person_noun(noun)
    if noun.pos_ != "PROPN" or noun.ent_type_ != "PERSON":
        return False
    name = next((e for e in noun.doc.ents if e.start <= noun.i < e.end), None)
    if name is not None and len(name) > 1 and lexicon.first_name(name[0].text):
        return True
    return any(c.dep_ == "compound" and _person_noun(c) for c in children(noun))


def _whichs_noun(noun: Token, which: Token) -> Token | None:
    """The noun a "which" hung from a person stands for: one inside that person's phrase,
    between it and "which", that is no person (the nearest), else the noun whose phrase holds
    the person, when it is none."""
    inside = [
        t
        for t in noun.doc[noun.i + 1 : which.i]
        if t.dep_ == "pobj" and noun in t.ancestors and not _person(t)
    ]
    if inside:
        # A word inside a name stands for the whole name, whose head is its mention's.
        last = inside[-1]
        return next((e.root for e in noun.doc.ents if e.start <= last.i < e.end), last)
    if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
        above = noun.head.head
        if above.pos_ in ("NOUN", "PROPN") and not _person(above):
            return above
    return None


def _whos_noun(noun: Token, who: Token) -> Token | None:
    """A "who" stands for someone; when the parser hangs its clause from a noun that cannot be
    one, the clause modifies the nearest noun that is someone in the phrase around it: one
    inside that noun's phrase, between it and "who" ("the stories of women who", "points for
    the Orange, who", "the shooting of a deputy who"), else the noun whose phrase holds it
    ("an iconic figure in pop culture who", "a man serving three life sentences who")."""
    inside = [
        t
        for t in noun.doc[noun.i + 1 : who.i]
        # A place inside the phrase is where its people are from ("the people of Mobile,
        # Alabama, who"), not whom "who" stands for: a place by its type, or by the state or
        # country set beside it, whatever the recogniser typed the name.
        if t.dep_ == "pobj"
        and t.ent_type_ != "GPE"
        and not any(c.dep_ == "appos" and c.ent_type_ == "GPE" for c in t.children)
        and noun in t.ancestors
        and _someone(t)
    ]
    if inside:
        return inside[-1]
    above, steps = noun, 0
    while steps < 4 and above.dep_ in ("pobj", "dobj") and above.head.i != above.i:
        steps += 1
        above = above.head  # the preposition or the participle
        if above.dep_ == "prep" or (above.dep_ == "acl" and above.pos_ == "VERB"):
            above = above.head
        else:
            return None
        if above.pos_ in ("NOUN", "PROPN") and _someone(above):
            return above
    return None


def _singular_verb(verb: Token) -> bool:
    """Whether a verb, or the auxiliary it carries, is in the singular: "has", "is", "was"."""
    for word in (verb, *(c for c in children(verb) if c.dep_ in ("aux", "auxpass"))):
        if word.tag_ == "VBZ" or word.lower_ == "was":
            return True
        if word.tag_ == "VBP" or word.lower_ == "were":
            return False
    return False


def _either_it_formula(token: Token) -> bool:
    """Whether "it" is in a formula "X it or Y it" set as a modifier between an article and
    its noun: a "take it or leave it" offer, a "love it or hate it" reaction. A phrase in that
    place says what kind of offer or reaction it is, as an adjective would; its "it" points at
    nothing the text names. Read on the words, as the parser makes a verb so placed a noun or
    an object of anything near it, and its noun a verb."""
    doc, i = token.doc, token.i
    if i + 3 < len(doc) and doc[i + 1].lower_ == "or" and doc[i + 3].lower_ == "it":
        first, last = i - 1, i + 3
    elif i >= 4 and doc[i - 2].lower_ == "or" and doc[i - 3].lower_ == "it":
        first, last = i - 4, i
    else:
        return False
    if first < 1 or last + 1 >= len(doc) or not (doc[first].is_alpha and doc[first + 3].is_alpha):
        return False
    before = first - 1
    while before > 0 and doc[before].pos_ == "PUNCT":
        before -= 1
    after = last + 1
    while after < len(doc) - 1 and doc[after].pos_ == "PUNCT":
        after += 1
    return doc[before].tag_ == "DT" and doc[after].pos_ in ("NOUN", "VERB")


def _is_expletive_it(token: Token) -> bool:
    """'It' that stands for an extraposed clause or the weather: "it is likely that ...",
    "it was reported that ...", "it seems ...", "it was her decision to get help"; or for no
    thing: "she made it to the clinic", "asked her to do it" (an idiom, an action)."""
    if token.lower_ != "it":
        return False
    verb = token.head
    if token.dep_ == "dobj" and verb.lemma_ in ("make", "do"):
        return verb.lemma_ == "do" or _made_it(verb)
    if token.dep_ == "dobj" and verb.lemma_ in _PROPOSITION_VERBS:
        return True  # "All have denied it": a claim, not a thing
    if _either_it_formula(token):
        return True  # "a 'take it or leave it' offer": a set phrase, no thing taken or left
    if verb.lemma_ == "go" and any(
        c.lower_ == "without" and any(g.lower_ == "saying" for g in children(c))
        for c in children(verb)
    ):
        return True  # "it goes without saying that ...": an idiom over the clause after it
    if token.dep_ not in ("nsubj", "nsubjpass"):
        return False
    if verb.pos_ == "ADJ" and any(_stands_for(verb, c) for c in children(verb)):
        # The subject of a small clause whose adjective takes the clause after it: "making it
        # imperative for Microsoft to release a fix", "found it odd that no one called".
        return True
    if verb.lemma_ in _CLAUSE_SUBJECT_VERBS and any(
        c.dep_ == "ccomp"
        and any(m.dep_ == "mark" and m.lower_ in _CLAUSE_MARKS for m in children(c))
        for c in children(verb)
    ):
        return True  # "It doesn't hurt that he looks amazing": what does not hurt is the clause
    if _how_things_look(verb) or _when_it_comes_to(verb):
        return True
    if _seeming(verb) and _parenthetical(verb):
        # "Now, it seems, a battle is going on", "as it turned out, the storm missed the city":
        # it stands for its host clause.
        return True
    clausal = any(c.dep_ in ("ccomp", "xcomp", "csubj") for c in children(verb))
    if verb.lemma_ == "take" and not clausal:
        # "it will take two weeks for the situation to return to normal", "it took hours to
        # reach him": what takes the time is the infinitive, which "it" stands for.
        clausal = any(c.dep_ == "advcl" and _infinitive(c) for c in children(verb))
    if verb.lemma_ in _LINKING_HOSTS and not clausal:
        # The clause hangs from the predicate: "it was her decision to get help", "it is clear
        # that ...", "it seems likely (that) he will sign" (after an adjective only a
        # that-clause: "it is unlicensed to perform surgery" is a clinic).
        clausal = any(
            _stands_for(p, c)
            for p in children(verb)
            if p.dep_ in ("attr", "acomp", "advmod", "oprd")  # "too soon to tell": an adverb
            for c in children(p)
        )
        # "it was unclear if anyone was hurt": an adjective and a question it stands for.
        clausal = clausal or (
            any(p.dep_ == "acomp" for p in children(verb))
            and any(c.dep_ == "advcl" and _question(c) for c in children(verb))
        )
        # "It is unclear as to the nature of the dispute", "It was not clear in what order the
        # shots struck": what is (not) known is a question, whatever the parser hung it from;
        # no thing is said to be unknown by "it".
        clausal = clausal or any(p.dep_ == "acomp" and _unknown(p, verb) for p in children(verb))
    if token.dep_ == "nsubjpass" and any(c.dep_ in ("ccomp", "csubj") for c in children(verb)):
        # "it was reported that ...": a that-clause; not an infinitive, whose subject "it"
        # is, raised ("it is expected to cost $5 million", "it's supposed to be fun").
        return True
    if verb.lemma_ == "be" and _time_until(verb):
        return True  # "it was only a matter of time before ...", "it was years until ..."
    if verb.lemma_ == "be" and _judged_occasion(token, verb):
        return True  # "it's pretty bad when experts tell your customers to switch"
    if verb.lemma_ == "be" and any(_someone_or_a_time(c) for c in children(verb)):
        # "It was the driver who caused the crash" (a cleft), "it was 2 a.m. when the fire
        # started": "it" is no thing when what it is said to be is a person or a time.
        return True
    return verb.lemma_ in _EXPLETIVE_HOSTS and (clausal or verb.lemma_ in ("rain", "snow"))


__all__ = ["CorefMention", "find_mentions", "PRONOUNS", "SUBJECT_DEPS"]
