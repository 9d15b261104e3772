"""Numbers, ranks, amounts and lower-case words an argument is made of are no names: a count or a
rank heading its phrase ("one of the passengers", "counted two", "came in third") is a
description of its own document, an amount ("$3 million") a value with no node, a proper noun
written in lower case ("checked into rehab") a description (kg/extract/arguments.py,
``mention_for``; kg/resolve.py, ``document_clusters``). None of them is one node the corpus
shares, as a name would be. Texts written for these tests, parsed by the real model."""

from __future__ import annotations

from conftest import corpus_mentions, mention_in

from kg.extract import extract
from kg.types import Document, Extraction

BUS_ATTACK = [
    "Gunmen attacked a bus near the border on Monday. The police said one of the passengers "
    "died and two were wounded. The company paid $3 million to the families.",
    "A bus was attacked near the border. One of the passengers died, the police said, and the "
    "driver counted two. The company paid $3 million in damages.",
]
REHAB = [
    "The actress has checked herself into rehab, her publicist said.",
    "Her publicist said the actress checked into rehab on Friday.",
]
RACE = [
    "The driver started the race from pole and finished sixth. His teammate came in third.",
    "His teammate finished sixth in the race, and the driver came in third.",
]


def arguments(nlp, text: str) -> dict[str, tuple[str, str]]:
    """Each argument's mention text -> its kind and label."""
    extraction: Extraction = extract(nlp(text), Document("d", "d.txt", text))
    return {
        a.mention.text: (a.mention.kind, a.mention.label)
        for t in extraction.triples
        for a in (t.subject, t.object)
    }


def test_a_count_and_a_rank_are_descriptions_and_an_amount_a_value(sm_nlp) -> None:
    bus = arguments(sm_nlp, BUS_ATTACK[1])
    assert bus["two"] == ("concept", "CARDINAL")
    assert bus["$3 million"] == ("literal", "MONEY")
    assert arguments(sm_nlp, RACE[0])["third"] == ("concept", "ORDINAL")


def test_a_time_is_read_whole_as_the_recogniser_reads_it(sm_nlp) -> None:
    # Not "two", a name without its noun: the date "two nights".
    spent = arguments(sm_nlp, "The mayor was arrested and spent two nights in jail.")
    assert spent["two nights"] == ("entity", "DATE")


def test_a_count_is_a_node_of_its_own_document(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, BUS_ATTACK)
    counted = mention_in(records, "doc1", "two")
    assert counted["kind"] == "nominal"
    assert counted["type"] == "Nominal"
    assert counted["node"] != mention_in(records, "doc0", "two")["node"]


def test_a_rank_is_a_node_of_its_own_document(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, RACE)
    first, second = mention_in(records, "doc0", "third"), mention_in(records, "doc1", "third")
    assert first["kind"] == second["kind"] == "nominal"
    assert first["node"] != second["node"]


def test_an_amount_has_no_node(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, BUS_ATTACK)
    assert not [r for r in records if "$3 million" in r["text"] and r["node"]]


def test_a_proper_noun_in_lower_case_is_a_description_of_its_document(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, REHAB)
    first, second = mention_in(records, "doc0", "rehab"), mention_in(records, "doc1", "rehab")
    assert first["kind"] == second["kind"] == "nominal"
    assert first["type"] == "Nominal"
    assert first["node"] != second["node"]


def test_a_name_written_in_figures_alone_is_a_number(sm_nlp) -> None:
    """The recogniser types a figure as a building or a product now and then ("288" of "288
    candidates"): with no letter, it is a number; an event's or a work's name may be figures."""
    from kg.extract.arguments import written_as_a_figure

    doc = sm_nlp("Voters chose among 288 candidates after the 9/11 attacks on the 76ers arena.")
    words = {t.text: doc[t.i : t.i + 1] for t in doc}
    assert written_as_a_figure(words["288"], "FAC")
    assert not written_as_a_figure(words["9/11"], "EVENT")
    assert not written_as_a_figure(words["76ers"], "ORG")
    assert not written_as_a_figure(words["288"], "CARDINAL")  # a count already
