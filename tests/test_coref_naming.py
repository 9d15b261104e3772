"""The naming sieve (kg/coref/sieves.py, naming_sieve; the construct read in
kg/coref/constructs.py, naming_complements): a name a verb of naming gives names what the verb
is said of. Sentences written for these tests, through the pinned small pipeline
(en_core_web_sm 3.8.0: SMALL_MODEL in conftest). Each test says what must be linked and what
must not."""

from __future__ import annotations

from test_coref_descriptions import chain_of
from test_pronouns import _chain_roots


def _linked(nlp, text: str) -> list[set[str]]:
    """The texts of each chain of two mentions or more."""
    mentions, roots = _chain_roots(nlp(text))
    chains: dict[int, set[str]] = {}
    for mention, root in zip(mentions, roots, strict=True):
        chains.setdefault(root, set()).add(mention.text)
    return [chain for chain in chains.values() if len(chain) > 1]


def test_a_participle_of_naming_names_the_noun_it_modifies(sm_nlp):
    """ "a woman named Jane Doe", "a gang known as the Blue Hats": the noun is the name's."""
    assert "Jane Doe" in chain_of(
        sm_nlp, "A woman named Jane Doe was hurt in the crash.", "woman named Jane Doe"
    )
    assert "Blue Hats" in chain_of(
        sm_nlp, "A gang known as the Blue Hats robbed the bank.", "gang known as the Blue Hats"
    )


def test_a_passive_verb_of_naming_names_its_subject(sm_nlp):
    assert chain_of(sm_nlp, "The larger boat is named the Seahorse.", "larger boat") == {"Seahorse"}


def test_an_active_verb_of_naming_names_its_object_quotation_marks_and_all(sm_nlp):
    text = 'An editor dubbed him "Big Ears," a joke on his looks.'
    assert "Big Ears" in chain_of(sm_nlp, text, "him")
    assert "editor" not in chain_of(sm_nlp, text, "Big Ears")


def test_a_relative_clause_of_naming_names_the_noun_of_its_gap(sm_nlp):
    """ "the man they called Big Ears": the clause's missing object is the man."""
    assert "Big Ears" in chain_of(sm_nlp, "Police found the man they called Big Ears.", "man")


def test_a_name_known_as_after_a_name_is_its_alias(sm_nlp):
    text = 'Tom Smith, known as "the Ghost," died on Monday.'
    assert chain_of(sm_nlp, text, "Tom Smith") == {"Ghost"}


def test_summoning_appointing_and_negation_name_nothing(sm_nlp):
    """ "called to the scene" summons, "named coach" appoints (a role, not a name), "not named
    the Yankees" denies the name."""
    for text in (
        "Police were called to the scene.",
        "Smith was named coach on Friday.",
        "Teams not named the Yankees spent money.",
    ):
        assert _linked(sm_nlp, text) == [], text


def test_an_honour_given_by_naming_is_no_name(sm_nlp):
    """ "named Sexiest Man Alive" is an honour; "named John Baker" a name all the same."""
    assert _linked(sm_nlp, "Jones was named Sexiest Man Alive by the magazine.") == []
    assert chain_of(sm_nlp, "The driver was named John Baker.", "driver") == {"John Baker"}


def test_an_indefinite_complement_is_a_kind_not_a_name(sm_nlp):
    """ "called him a traitor", "known as a tough negotiator": a property, not a name."""
    assert "traitor" not in chain_of(sm_nlp, "The critics called him a traitor.", "him")


def test_each_of_two_subjects_named_alike_is_not_the_other(sm_nlp):
    assert _linked(sm_nlp, "His wife and his sister were named Mary.") == []


def test_a_name_given_in_a_clause_on_a_preposition_is_not_the_clauses_noun(sm_nlp):
    """ "a hearing in which the man dubbed the Ghost admitted his ruse": "in which" is the
    clause's relative; the hearing is not named."""
    text = "It was a hearing in which the man dubbed the Ghost admitted his ruse."
    assert "Ghost" not in chain_of(sm_nlp, text, "hearing")
