"""Descriptions of people that only their own story can place: "the driver" of a story whose
noun WordNet files first under a thing (kg/coref/lexicon.py ``description_class``), the person
a document calls so in words and not by salience's guess (kg/resolve.py
``CorpusIndex._stated_anywhere``), the one person a document names in the part the
description plays (``CorpusIndex._one_named_playing_here``), and a name that modifies another
noun of an introducing description (kg/coref/sieves.py ``introduction_sieve``). Texts written
for these tests, parsed by the real model."""

from __future__ import annotations

from conftest import corpus_mentions, mention_in

from kg.coref import lexicon

# Two Bloomington documents call Tom Kessler the driver; one Queens document calls Victor Ramos
# so in an apposition, another's salience gives "the driver" to the woman he struck, and a
# third names only her.
KESSLER = [
    "Tom Kessler, the driver, struck a woman outside a store in Bloomington on Friday. "
    "Police arrested Kessler.",
    "Police in Bloomington charged Tom Kessler, the driver who struck a woman outside a store.",
]
QUEENS = [
    "Victor Ramos, the driver, was charged with manslaughter in Queens after Maria Delgado was "
    "killed.",
    "Maria Delgado, 59, died in Queens on Friday after she was struck by a car. The driver fled.",
    "Driver charged in Queens crash\nA woman was killed by a car in Queens on Friday. Maria "
    "Delgado, 59, was crossing the street when she was struck. Police caught the driver a few "
    "blocks away. He was charged with manslaughter.",
]


def test_a_description_s_class_reads_a_person_among_a_noun_s_first_senses() -> None:
    assert lexicon.noun_class("driver") == "thing"  # WordNet's first sense: an operator
    assert lexicon.description_class("driver") == "person"
    assert lexicon.description_class("climber") == "person"  # first a climbing plant
    assert lexicon.description_class("man") == "person"
    assert lexicon.description_class("tariff") == "thing"
    assert lexicon.description_class("hospital") == "place"


def test_the_driver_of_its_own_place_is_the_one_called_so_in_words(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*KESSLER, *QUEENS])
    driver = mention_in(records, "doc4", "Driver")
    ramos = mention_in(records, "doc2", "Victor Ramos")["node"]
    assert driver["node"] == ramos
    assert driver["sieve"] == "description_across_documents"
    # Not the woman another report's salience called "the driver", though this one names her.
    assert driver["node"] != mention_in(records, "doc4", "Maria Delgado")["node"]
    assert driver["node"] != mention_in(records, "doc0", "Tom Kessler")["node"]


# A report that calls the gunman only "a sacked worker" and his victim only "his former boss"
# in its title line and first sentence, then names both; another report says the gunman shot.
TROY = [
    "Sacked worker shoots former boss\nA sacked worker shot his former boss at an office in "
    "Troy on Friday. Police said Anthony Novak, 61, was arrested at the scene after he shot "
    "Paul Greer.",
    "Anthony Novak shot Paul Greer at an office in Troy on Friday, police said. Novak had lost "
    "his job.",
]


def test_a_description_is_the_one_person_its_document_names_in_its_part(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, TROY)
    worker = mention_in(records, "doc0", "Sacked worker")
    assert worker["node"] == mention_in(records, "doc0", "Anthony Novak")["node"]
    assert worker["reason"] == (
        "'Sacked worker' is 'Anthony Novak', the one person its document names who is the "
        "subject of 'shoot' there as it is"
    )
    boss = mention_in(records, "doc0", "former boss")
    assert boss["node"] == mention_in(records, "doc0", "Paul Greer")["node"]
    assert boss["node"] != worker["node"]


def test_a_part_only_its_own_document_gives_the_person_places_no_one(sm_nlp) -> None:
    # No other report says Novak shot anyone: one document's reading of its verbs is not
    # enough to place a description.
    alone = "Anthony Novak lost his job at an office in Troy, police said."
    records = corpus_mentions(sm_nlp, [TROY[0], alone])
    worker = mention_in(records, "doc0", "Sacked worker")
    assert worker["node"] != mention_in(records, "doc0", "Anthony Novak")["node"]


def test_a_name_modifying_another_noun_of_an_introduction_is_not_whom_it_introduces(
    sm_nlp,
) -> None:
    text = (
        "Store crash driver was drunk, police say\nA man accused of running down a woman in "
        "front of a Richfield store had been drinking, according to charges filed on Friday. "
        "Daniel Olsen, 36, was charged with murder."
    )
    records = corpus_mentions(sm_nlp, [text])
    man = mention_in(
        records, "doc0", "man accused of running down a woman in front of a Richfield store"
    )
    assert man["node"] == mention_in(records, "doc0", "Daniel Olsen")["node"]
    assert man["node"] != mention_in(records, "doc0", "Richfield")["node"]


# Two reports call Peter Hale, a British climber, "the man"; one calls Andrew Burns a
# 36-year-old Australian climber.
MT_COOK = [
    "Peter Hale, 32, of London, died after a fall at Mt Cook on Saturday. The man, a British "
    "climber, fell 600 metres near the hut.",
    "A British climber has died at Mt Cook. Police named the man as Peter Hale, a climber from "
    "London. The man fell near the hut on Saturday.",
    "Andrew Burns, a 36-year-old Australian climber, died after a fall at Mt Cook on Friday. "
    "Burns fell near the Tasman Glacier.",
]


def test_a_description_is_whom_its_fellow_doing_the_same_there_is(sm_nlp) -> None:
    report = (
        "Climber dead after Mt Cook fall\nA 36-year-old Australian climber is dead after "
        "falling at Mt Cook. The man, from Hampton East, fell in the Tasman Glacier area."
    )
    records = corpus_mentions(sm_nlp, [*MT_COOK, report])
    burns = mention_in(records, "doc2", "Andrew Burns")["node"]
    assert mention_in(records, "doc3", "Climber")["node"] == burns
    man = mention_in(records, "doc3", "man")
    assert man["node"] == burns
    assert man["reason"] == (
        "'man' is 'Andrew Burns', as 'Climber' of its document is, both the subject of 'fall' "
        "there, rather than 'Peter Hale'"
    )


def test_a_description_doing_nothing_its_fellow_does_keeps_its_own_reading(sm_nlp) -> None:
    report = (
        "Climber dead after Mt Cook fall\nA 36-year-old Australian climber is dead at Mt Cook. "
        "The man, from Hampton East, fell in the Tasman Glacier area."
    )
    records = corpus_mentions(sm_nlp, [*MT_COOK, report])
    man = mention_in(records, "doc3", "man")
    assert man["node"] != mention_in(records, "doc2", "Andrew Burns")["node"]
