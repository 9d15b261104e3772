"""The coreference lexicons shipped in kg/coref/data and their loader."""

from __future__ import annotations

import pytest

from kg.coref import lexicon
from kg.coref.lexicon import (
    DATA_DIR,
    demonym_place,
    demonym_place_names,
    first_name,
    first_name_gender,
    given_name,
    lies_within,
    may_be_person,
    nickname_of,
    noun_class,
    noun_classes,
    noun_gender,
    role_word,
    synonyms,
)


@pytest.mark.parametrize(
    ("lemma", "cls"),
    [
        ("actress", "person"),
        ("king", "person"),
        ("judge", "person"),
        ("company", "organization"),
        ("government", "organization"),
        ("police", "organization"),
        ("hospital", "place"),
        ("prison", "place"),
        ("city", "place"),
        ("island", "place"),
        ("dog", "animal"),
        ("year", "time"),
        ("war", "event"),
        ("election", "event"),
        ("tariff", "thing"),
        ("table", "thing"),
        ("people", "thing"),
        ("xyzzyplugh", "thing"),
    ],
)
def test_noun_class(lemma: str, cls: str) -> None:
    assert noun_class(lemma) == cls


def test_noun_class_normalises_and_falls_back_to_last_word() -> None:
    assert noun_class("Police_Officer") == "person"
    assert noun_class("police  officer") == "person"
    assert noun_class("ex-president") == "person"
    # a multi-word lemma listed because it differs from its last word
    assert noun_class("black widow") == "animal"
    assert noun_class("widow") == "person"


def test_may_be_person() -> None:
    for lemma in ("actress", "judge", "suspect", "star", "head", "minister"):
        assert may_be_person(lemma), lemma
    for lemma in ("table", "tariff", "police", "hospital", "company", "unknownword"):
        assert not may_be_person(lemma), lemma


def test_noun_classes_lists_other_senses() -> None:
    assert noun_classes("country") >= {"organization", "place"}
    assert "person" in noun_classes("star")
    assert noun_classes("table") == frozenset({"thing"})


@pytest.mark.parametrize(
    ("lemma", "gender"),
    [
        ("actress", "female"),
        ("mother", "female"),
        ("queen", "female"),
        ("wife", "female"),
        ("sister", "female"),
        ("girl", "female"),
        ("nun", "female"),
        ("king", "male"),
        ("husband", "male"),
        ("father", "male"),
        ("boy", "male"),
        ("son", "male"),
        ("actor", None),
        ("officer", None),
        ("president", None),
        ("chairman", None),  # one WordNet synset with chairwoman and chairperson
        ("table", None),
    ],
)
def test_noun_gender(lemma: str, gender: str | None) -> None:
    assert noun_gender(lemma) == gender


def test_noun_gender_multiword() -> None:
    assert noun_gender("queen mother") == "female"  # falls back to "queen"
    assert noun_gender("ex-wife") == "female"
    assert noun_gender("black widow") is None  # a spider: listed as neutral


@pytest.mark.parametrize(
    ("name", "gender"),
    [
        ("Mary", "female"),
        ("mary", "female"),
        ("John", "male"),
        ("JAMES", "male"),
        ("Jennifer", "female"),
        ("Mary-Kate", "female"),
        ("Jordan", None),  # used for both sexes
        ("Taylor", None),
        ("Xqzzyv", None),  # not a name
        ("", None),
    ],
)
def test_first_name_gender(name: str, gender: str | None) -> None:
    assert first_name_gender(name) == gender


@pytest.mark.parametrize("name", ["Peyton", "Jordan", "Casey", "kelly", "Taylor"])
def test_a_name_of_either_sex_is_a_given_name_of_no_gender(name: str) -> None:
    """ "Peyton Manning": a name the records give to both sexes says "a person", not "he"."""
    assert first_name(name)
    assert given_name(name)
    assert first_name_gender(name) is None


def test_a_placeholder_for_an_unnamed_child_is_no_given_name() -> None:
    assert not first_name("Baby")
    assert not first_name("Unknown")
    assert first_name("Mary") and not first_name("Xqzzyv")


def test_a_role_that_is_also_a_name_of_either_sex_stays_a_role() -> None:
    """ "Justice Scalia": the noun, though the records list "Justice" for either sex."""
    assert first_name("Justice")
    assert role_word("Justice")
    assert not role_word("Guy")  # a name of one sex is a name


@pytest.mark.parametrize(
    ("name", "other", "same"),
    [
        ("Katie", "Kathryn", True),
        ("Kathryn", "katie", True),  # either way round, in any case
        ("Bill", "William", True),
        ("Fred", "Frederick", True),
        ("Mary", "Kathryn", False),
        ("Bill", "Bill", False),  # a name is not its own nickname
        ("", "William", False),
    ],
)
def test_nickname_of(name: str, other: str, same: bool) -> None:
    assert nickname_of(name, other) is same


@pytest.mark.parametrize(
    ("word", "known"),
    [("Ellen", True), ("Chris", True), ("pat", True), ("Deep", False), ("Heavyweight", False)],
)
def test_given_name(word: str, known: bool) -> None:
    assert given_name(word) is known


@pytest.mark.parametrize(
    ("word", "place"),
    [
        ("Chinese", "China"),
        ("chinese", "China"),
        ("French", "France"),
        ("German", "Germany"),
        ("British", "Great Britain"),
        ("European", "Europe"),
        ("Texan", "Texas"),
        ("Parisian", "Paris"),
        ("Frenchman", "France"),
        ("Swede", "Sweden"),
        ("urban", None),  # pertains to "city", not a named place
        ("table", None),
    ],
)
def test_demonym_place(word: str, place: str | None) -> None:
    assert demonym_place(word) == place


def test_american_names_the_united_states() -> None:
    names = demonym_place_names("American")
    assert names[0] == demonym_place("American") == "America"
    assert "United States" in names
    assert demonym_place_names("nonsense") == ()


def test_a_demonyms_place_lies_within_the_places_wordnet_puts_it_in() -> None:
    # An English person is a British one and a Texan an American; not the other way round,
    # and an Australian is no Briton.
    assert lies_within("England", "Great Britain")
    assert lies_within("Texas", "United States")
    assert not lies_within("Great Britain", "England")
    assert not lies_within("Australia", "Great Britain")


def test_synonyms_share_a_synset_of_a_frequent_sense() -> None:
    assert {"chief", "foreman"} <= synonyms("boss")
    assert synonyms("Emcee") == {"host"}
    assert "sister" in synonyms("sis")
    # Not a hypernym ("representative" for "rep"), nor a word of a rare sense ("boss" as a knob
    # is sense 5), nor anything for multi-word or unknown lemmas.
    assert "representative" not in synonyms("rep")
    assert "knob" not in synonyms("boss")
    assert synonyms("chief executive officer") == synonyms("qwertyuiop") == frozenset()


def test_data_files_are_small_sorted_and_licensed() -> None:
    total = 0
    tables = ("noun_classes.tsv", "noun_gender.tsv", "first_names.tsv", "demonyms.tsv")
    for name in (*tables, "synonyms.tsv", "members.tsv", "agent_nouns.tsv"):
        path = DATA_DIR / name
        size = path.stat().st_size
        total += size
        assert size < 1_000_000, name
        lines = path.read_text(encoding="utf-8").splitlines()
        assert lines[0].startswith("# source:"), name
        assert any(line.startswith("# licence:") for line in lines[:5]), name
        keys = [line.split("\t")[0] for line in lines if not line.startswith("#")]
        assert keys == sorted(keys), name
        assert len(keys) == len(set(keys)), name
    assert total < 1_700_000
    assert "Princeton University" in (DATA_DIR / "LICENSE-WordNet.txt").read_text()
    assert "public domain" in (DATA_DIR / "NOTICE-first-names.txt").read_text()
    classes = {entry.cls for entry in lexicon._noun_classes().values()}
    assert classes <= set(lexicon.NOUN_CLASSES)
    assert set(lexicon._noun_gender().values()) == {"female", "male", "neutral"}
    assert set(lexicon._first_names().values()) == {"female", "male", "either"}


def test_a_person_among_the_first_senses_is_told_from_a_rare_one():
    from kg.coref import lexicon

    assert lexicon.person_among_first_senses("driver")
    assert lexicon.person_among_first_senses("actress")
    assert not lexicon.person_among_first_senses("life")
    assert not lexicon.person_among_first_senses("tariff")
    # The rarer sense still counts where any person sense does.
    assert lexicon.may_be_person("life")


def test_foreign_word_is_one_wordnet_lists_under_no_part_of_speech_nor_as_a_name() -> None:
    """The words of many foreign names are in no English dictionary; an English word in any
    form, or a name WordNet lists ("Thomas", the apostle), is not foreign."""
    for word in ("Radovan", "Kuzmiczek", "Ostrenko"):
        assert lexicon.foreign_word(word), word
    for word in ("Thomas", "Manning", "Page", "dollars", "Checks", "", "Miller"):
        assert not lexicon.foreign_word(word), word


def test_common_word_knows_english_words_in_any_form_but_not_surnames() -> None:
    # Verbs, adjectives and nouns in any inflection are English words; surnames are not, even
    # those WordNet's noun index lists in lower case ("lohan", an arhat; "thomas").
    for word in ("Checks", "Dies", "placed", "Dead", "Guards", "women", "RETURNS"):
        assert lexicon.common_word(word), word
    for word in ("Lohan", "Hiller", "DeGeneres", "Thomas", "LaRue", ""):
        assert not lexicon.common_word(word), word


def test_noun_lemma_by_wordnet_and_english_rules() -> None:
    assert lexicon.noun_lemma("Guards") == "guard"
    assert lexicon.noun_lemma("WOMEN") == "woman"
    assert lexicon.noun_lemma("Villagers") == "villager"
    assert lexicon.noun_lemma("Lohan") is None


def test_a_verb_is_a_form_of_a_verb_wordnet_lists() -> None:
    # What "be" is followed by in a relation: a participle ("was charged") or a preposition
    # ("was at the shop"), which is no verb.
    for word in ("charged", "Leave", "struck", "killed"):
        assert lexicon.is_verb(word), word
    for word in ("at", "with", "Lohan", ""):
        assert not lexicon.is_verb(word), word


def test_an_establishment_is_a_place_a_body_keeps() -> None:
    # WordNet's establishment.n.04: stores, shops, prisons, offices; not buildings, homes,
    # areas or factories, which are places too. A compound falls back to its last word.
    for noun in ("store", "Supermarket", "prison", "jail", "office", "jewellery store"):
        assert lexicon.is_establishment(noun), noun
    for noun in ("building", "home", "area", "factory", "campus", "place", "prison unit"):
        assert not lexicon.is_establishment(noun), noun


def test_a_work_is_a_show_a_writing_or_a_publication() -> None:
    # A title names a work: films and series (shows), novels and sequels (writings), books,
    # songs; a compound falls back to its last word. Not a person, body or place that makes
    # or shows one, nor an event.
    for noun in ("film", "sequel", "series", "novel", "book", "song", "reality show", "TV show"):
        assert lexicon.is_work(noun), noun
    for noun in ("director", "studio", "theater", "actress", "fire", "election", "man"):
        assert not lexicon.is_work(noun), noun


def test_verb_form_reads_inflections_and_base_forms_that_are_only_verbs() -> None:
    assert all(lexicon.verb_form(w) for w in ("Having", "Stunning", "Following", "Born", "Enter"))
    # A base form that is also an adjective or a noun reads as that first; a name is none.
    assert not any(lexicon.verb_form(w) for w in ("White", "Shy", "Bush", "Kessling", ""))
