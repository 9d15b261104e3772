"""Dated, placed facts and documents with their metadata, end to end through the CLI (issue #16).

The seed is a JSON Lines row dated Sunday 2025-10-26; the other corpora are written here.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, SEED_ROW, run_kg

from kg.dates import time_interval, time_literal

XSD = "http://www.w3.org/2001/XMLSchema#"


def _rows(result) -> list[dict]:
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


def _select(build: Path, query: str) -> list[dict[str, str]]:
    result = run_kg("query", str(build), query, "--format", "json")
    assert result.returncode == 0, result.stderr
    bindings = json.loads(result.stdout)["results"]["bindings"]
    return [{name: cell["value"] for name, cell in row.items()} for row in bindings]


def _write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


# --- the seed ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_mentions() -> list[dict]:
    return _rows(run_kg("extract", str(ROOT / "seeds"), "--format", "mentions"))


@pytest.mark.parametrize(
    "written, value",
    [("Thursday", "2025-10-30"), ("November 1", "2025-11-01"), ("November 10", "2025-11-10")],
)
def test_the_seeds_dates_are_anchored_on_its_rows_date(seed_mentions, written, value):
    times = [m for m in seed_mentions if m["kind"] == "time" and m["text"] == written]
    assert times, f"{written!r} is not a time mention"
    assert {m["value"] for m in times} == {value}
    assert all(m["timex_type"] == "DATE" and m["node"] is None for m in times)


def test_may_is_the_most_recent_may_of_the_seeds_year(seed_mentions):
    values = {m["value"] for m in seed_mentions if m["kind"] == "time" and m["text"] == "May"}
    assert values == {"2025-05"}  # "since May", "in May": behind the October anchor, same year


def test_seed_mentions_name_the_row_by_its_id_with_offsets_into_its_text(seed_mentions):
    assert {m["document"] for m in seed_mentions} == {SEED_ROW["id"]}
    text = SEED_ROW["text"]
    for mention in seed_mentions:
        assert text[mention["start"] : mention["end"]] == mention["text"]


def test_the_seed_document_carries_its_title_and_date(seed_build):
    rows = _select(
        seed_build,
        "SELECT ?title ?date (DATATYPE(?date) AS ?type) WHERE "
        "{ ?d a kg:Document ; dcterms:title ?title ; dcterms:issued ?date }",
    )
    assert rows == [{"title": SEED_ROW["title"], "date": "2025-10-26", "type": XSD + "date"}]


def test_no_date_is_a_node_of_the_seed_graph(seed_build):
    assert _select(seed_build, "SELECT ?x WHERE { ?x a kg:Date }") == []
    labels = {r["l"] for r in _select(seed_build, "SELECT ?l WHERE { ?x rdfs:label ?l }")}
    assert not labels & {"Thursday", "November 1", "November 10", "May", "two days"}


def test_the_threat_is_dated_november_1_with_the_phrase_as_written(seed_build):
    rows = _select(
        seed_build,
        """SELECT ?time (DATATYPE(?time) AS ?type) ?text ?start ?end WHERE {
             ?st rdf:subject ent:Donald_Trump ; rdf:predicate rel:threaten ; kg:time ?time ;
                 kg:timeText ?text ; kg:timeStart ?start ; kg:timeEnd ?end }""",
    )
    dated = {r["text"]: r for r in rows}
    assert dated["starting November 1"]["time"] == "2025-11-01"
    assert dated["starting November 1"]["type"] == XSD + "date"
    assert dated["starting November 1"]["start"] == dated["starting November 1"]["end"]
    # "earlier this year" is a year, not a day: typed xsd:gYear, covering all of 2025.
    assert dated["earlier this year"]["type"] == XSD + "gYear"
    assert (dated["earlier this year"]["start"], dated["earlier this year"]["end"]) == (
        "2025-01-01",
        "2025-12-31",
    )


def test_between_dates_finds_what_happened_in_the_range_and_not_around_it(seed_build):
    query = (ROOT / "queries" / "between_dates.rq").read_text(encoding="utf-8")
    rows = _select(seed_build, query)
    found = {(r["subject"], r["relation"], r["object"], r["date"]) for r in rows}
    assert ("Donald Trump", "threaten", "new 100% tariffs on Chinese goods", "2025-11-01") in found
    # Threatened "earlier this year": the whole year is no part of a two-week range.
    assert not any(obj == "steep tariffs" for _, _, obj, _ in found)
    assert {r["document"] for r in rows} == {SEED_ROW["title"]}


# --- a corpus written for these tests ---------------------------------------------------------


@pytest.fixture(scope="module")
def news(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("news")
    return _write_jsonl(
        folder / "news.jsonl",
        [
            {
                "id": "berlin",
                "title": "Li and Scholz meet in Berlin",
                "published": "2025-10-26T09:30:00+00:00",
                "url": "https://news.example/berlin",
                "section": "Politics",
                "text": "Li Qiang met Olaf Scholz in Berlin on Tuesday. "
                "Olaf Scholz arrived in Paris on Friday.",
            },
            {
                "id": "undated",
                "title": "An undated note",
                "text": "Angela Merkel visited Rome on Thursday.",
            },
        ],
    )


@pytest.fixture(scope="module")
def news_facts(news) -> list[dict]:
    return _rows(run_kg("extract", str(news), "--format", "jsonl", "--keep-field", "section"))


@pytest.fixture(scope="module")
def news_build(news, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("news-build")
    result = run_kg("build", str(news), "-o", str(out), "--keep-field", "section", "--no-view")
    assert result.returncode == 0, result.stderr
    return out


def test_a_place_beside_an_object_qualifies_the_one_statement(news_facts):
    meetings = [f for f in news_facts if f["subject"] == "Li Qiang"]
    assert [(f["relation"], f["object"], f["place"]) for f in meetings] == [
        ("meet", "Olaf Scholz", "Berlin")
    ]
    # Past tense, a document of Sunday 26 October: the Tuesday before.
    assert (meetings[0]["time"], meetings[0]["time_value"]) == ("on Tuesday", "2025-10-21")
    assert not any(f["relation"] in ("meet in", "meet on") for f in news_facts)


def test_a_place_that_is_the_only_object_stays_the_object(news_facts):
    arrivals = [f for f in news_facts if f["relation"] == "arrive in"]
    assert [(f["subject"], f["object"], f["place"]) for f in arrivals] == [
        ("Olaf Scholz", "Paris", "")
    ]
    assert arrivals[0]["time_value"] == "2025-10-24"


def test_a_relative_date_without_a_document_date_is_not_guessed(news_facts):
    (visit,) = [f for f in news_facts if f["relation"] == "visit"]
    assert visit["document"] == "undated"
    assert (visit["time"], visit["time_value"]) == ("on Thursday", "")


def test_document_metadata_is_queryable(news_build):
    rows = _select(
        news_build,
        """SELECT ?title ?date (DATATYPE(?date) AS ?type) ?url ?section ?source WHERE {
             ?d a kg:Document ; dcterms:title ?title ; dcterms:source ?source ;
                dcterms:issued ?date ; schema:url ?url ; field:section ?section }""",
    )
    assert rows == [
        {
            "title": "Li and Scholz meet in Berlin",
            "date": "2025-10-26T09:30:00+00:00",
            "type": XSD + "dateTime",
            "url": "https://news.example/berlin",
            "section": "Politics",
            "source": rows[0]["source"],
        }
    ]
    assert rows[0]["source"].endswith("news.jsonl#berlin")  # the row, named by its id


def test_statements_carry_place_and_time_as_data(news_build):
    rows = _select(
        news_build,
        """SELECT ?place ?time ?type WHERE {
             ?st rdf:subject ent:Li_Qiang ; rdf:predicate rel:meet ; rdf:object ent:Olaf_Scholz ;
                 kg:place ?p ; kg:placeText "in Berlin" ; kg:time ?time ; kg:timexType ?type .
             ?p a kg:Place ; rdfs:label ?place }""",
    )
    assert rows == [{"place": "Berlin", "time": "2025-10-21", "type": "DATE"}]
    # No second edge to the place, no node for the date, no field name as a node.
    assert _select(news_build, "SELECT ?o WHERE { ent:Li_Qiang ?p ent:Berlin }") == []
    labels = {r["l"] for r in _select(news_build, "SELECT ?l WHERE { ?x rdfs:label ?l }")}
    assert not labels & {"Tuesday", "Friday", "Thursday", "title", "url", "section", "text"}


def test_an_undated_statement_keeps_its_time_as_written_only(news_build):
    rows = _select(
        news_build,
        """SELECT ?text ?time WHERE { ?st rdf:predicate rel:visit ; kg:timeText ?text .
             OPTIONAL { ?st kg:time ?time } }""",
    )
    assert rows == [{"text": "on Thursday"}]


# --- TIMEX3 values as data --------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, first, last",
    [
        ("2025-10-30", date(2025, 10, 30), date(2025, 10, 30)),
        ("2025-11", date(2025, 11, 1), date(2025, 11, 30)),
        ("2024-02", date(2024, 2, 1), date(2024, 2, 29)),
        ("2025", date(2025, 1, 1), date(2025, 12, 31)),
        ("2025-W44", date(2025, 10, 27), date(2025, 11, 2)),
        ("2025-Q4", date(2025, 10, 1), date(2025, 12, 31)),
        ("2025-H1", date(2025, 1, 1), date(2025, 6, 30)),
        ("2025-WI", date(2025, 12, 1), date(2026, 2, 28)),
        ("199", date(1990, 1, 1), date(1999, 12, 31)),
        ("2025-10-30T15:00", date(2025, 10, 30), date(2025, 10, 30)),
    ],
)
def test_a_calendar_value_covers_its_days(value, first, last):
    assert time_interval(value) == (first, last)


@pytest.mark.parametrize("value", ["P2D", "PRESENT_REF", "XXXX-10-30", "2025-02-30", "2025-W54"])
def test_durations_references_and_impossible_dates_cover_no_days(value):
    assert time_interval(value) is None


@pytest.mark.parametrize(
    "value, lexical, datatype",
    [
        ("2025-10-30", "2025-10-30", "date"),
        ("2025-11", "2025-11", "gYearMonth"),
        ("2025", "2025", "gYear"),
        ("2025-10-30T15:00", "2025-10-30T15:00:00", "dateTime"),
        ("P2D", "P2D", "duration"),
        ("PT1H30M", "PT1H30M", "duration"),
        ("2025-W44", "2025-W44", "string"),
        ("PRESENT_REF", "PRESENT_REF", "string"),
        ("2025-10-30TEV", "2025-10-30TEV", "string"),
    ],
)
def test_a_value_is_typed_by_its_precision(value, lexical, datatype):
    assert time_literal(value) == (lexical, XSD + datatype)
    # Every typed form is one Oxigraph accepts as valid for its type.
    literal = ox.Literal(lexical, datatype=ox.NamedNode(XSD + datatype))
    assert literal.value == lexical
