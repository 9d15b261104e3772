"""kg extract --explain: why the seed's sentences give the facts they give (issue #19).

Run through the real CLI on the seed (resolution needs the whole article), pinned to
en_core_web_sm; the Python API (kg.extract.explain) on small texts."""

from __future__ import annotations

import json

import pytest
from conftest import SEED_CORPUS, SMALL_MODEL, run_kg

from kg.extract.explain import explain_text, render


@pytest.fixture(scope="module")
def seed_report() -> dict:
    result = run_kg(
        "extract", "--explain", "--format", "json", "--model", SMALL_MODEL, str(SEED_CORPUS)
    )
    assert result.returncode == 0, result.stderr
    (report,) = [json.loads(line) for line in result.stdout.splitlines()]
    return report


def sentence_with(report: dict, words: str) -> dict:
    # The seed repeats its first sentence: the last one holding the words is the body's.
    return [s for s in report["sentences"] if words in s["text"]][-1]


def fact(sentence: dict, subject: str, relation: str, obj: str) -> dict:
    found = [
        f
        for f in sentence["facts"]
        if (f["subject"], f["relation"], f["object"]) == (subject, relation, obj)
    ]
    assert found, [(f["subject"], f["relation"], f["object"]) for f in sentence["facts"]]
    return found[0]


def test_why_the_framework_could_help_avoid_such_measures(seed_report):
    s = sentence_with(seed_report, "the framework could help avoid such measures")
    # The parse: "help" heads the reported clause, "avoid" is its infinitival complement.
    words = {t["text"]: t for t in s["parse"]}
    assert words["avoid"]["dep"] == "xcomp"
    assert s["parse"][words["avoid"]["head"]]["text"] == "help"
    # One clause per embedded verb of the control chain "help avoid / help secure".
    clauses = {tuple(c["verbs"]): c for c in s["clauses"]}
    assert clauses[("help", "avoid")]["subjects"] == ["the framework"]
    assert clauses[("help", "avoid")]["subject_rule"] == "subject"
    assert ("help", "secure") in clauses
    # The facts: the report, and the chain ("help avoid", "help secure") with each object.
    assert {(f["subject"], f["relation"], f["object"]) for f in s["facts"]} == {
        ("Bessent", "say", s["facts"][0]["object"]),
        ("the framework", "help avoid", "such measures"),
        ("the framework", "help secure", "a deferral of China’s proposed export curbs"),
    }
    help_avoid = fact(s, "the framework", "help avoid", "such measures")
    assert help_avoid["rule"] == "subject-direct"
    assert (help_avoid["subject_rule"], help_avoid["object_rule"]) == ("subject", "direct")
    assert help_avoid["qualifiers"] == {
        "modality": "could",
        "attribution": "Bessent",
        "chain": "help avoid",
    }
    assert help_avoid["kept"]
    # Resolution: "the framework" is the framework of an earlier sentence.
    subject = help_avoid["resolution"]["subject"]
    assert subject["node"] == "very successful framework for the leaders"
    assert "strict head match" in subject["how"]
    # Why there is no "framework | avoid | such measures": avoid is read with help.
    passed = {(r["words"], r["code"]) for r in s["rejected"]}
    assert ("avoid", "chain") in passed
    assert ("secure", "chain") in passed
    assert not [f for f in s["facts"] if f["relation"] == "avoid"]


def test_why_bessent_told_reporters_gives_a_fact(seed_report):
    s = sentence_with(seed_report, "Bessent told reporters")
    told = fact(s, "Bessent", "tell", "reporters")
    assert told["rule"] == "subject-direct"
    assert told["kept"] and told["dropped_because"] == ""
    subject = told["resolution"]["subject"]
    assert (subject["node"], subject["node_type"]) == ("Scott Bessent", "Person")
    assert "'Bessent' is part of the personal name 'Scott Bessent'" in subject["how"]
    obj = told["resolution"]["object"]
    assert (obj["node"], obj["node_type"]) == ("reporters", "Nominal")
    # The quotation's speaker is the subject of "I think", linked by the speaker sieve.
    think = fact(s, "I", "think", s["facts"][0]["object"])
    assert think["resolution"]["subject"]["node"] == "Scott Bessent"
    assert "speaker" in think["resolution"]["subject"]["how"]


def test_a_repeated_sentence_is_passed_over_as_the_same_fact(seed_report):
    first, second = [
        s for s in seed_report["sentences"] if s["text"].startswith("The announcement")
    ][:2]
    assert first["facts"] and not second["facts"]
    assert {r["code"] for r in second["rejected"]} >= {"duplicate"}


def test_the_text_report_says_the_same(seed_report):
    result = run_kg("extract", "--explain", "--model", SMALL_MODEL, str(SEED_CORPUS))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert "[subject-direct] Bessent | tell | reporters" in text
    assert "'avoid': read with its matrix verb, as one control chain" in text
    assert "qualifiers: modality='could', attribution='Bessent', chain='help avoid'" in text


def test_a_pronoun_without_antecedent_drops_its_fact():
    report = explain_text("He met with Li in Berlin.", model=SMALL_MODEL)
    (s,) = report["sentences"]
    (met,) = s["facts"]
    assert met["rule"] == "subject-comitative"
    assert not met["kept"]
    assert "no antecedent" in met["dropped_because"]
    assert met["qualifiers"] == {"place": "in Berlin"}
    assert ("in Berlin", "place-qualifier") in {(r["words"], r["code"]) for r in s["rejected"]}
    assert "dropped: its subject 'He' denotes no node" in render(report)


def test_a_demonstrative_subject_gives_no_fact_and_says_why():
    (s,) = explain_text("This surprised everyone.", model=SMALL_MODEL)["sentences"]
    assert s["facts"] == []
    assert [(r["words"], r["code"], r["of"]) for r in s["rejected"]] == [
        ("This", "subject-no-node", "of 'surprised'")
    ]


def test_a_clause_without_object_says_so():
    (s,) = explain_text("Alice met Bob.", model=SMALL_MODEL)["sentences"]
    # en_core_web_sm reads "Bob" as an adverbial (npadvmod), so "met" has no object.
    assert s["facts"] == []
    assert ("met", "no-object") in {(r["words"], r["code"]) for r in s["rejected"]}


def test_the_rule_is_a_field_of_the_json_lines():
    result = run_kg(
        "extract", "--model", SMALL_MODEL, "-", stdin="Mary hinted at a new strategy.\n"
    )
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["rule"] == "subject-prep"
    assert (record["subject"], record["relation"], record["object"]) == (
        "Mary",
        "hint at",
        "new strategy",
    )


def test_explain_refuses_a_record_format():
    result = run_kg("extract", "--explain", "--format", "jsonl", "-", stdin="Hi.\n")
    assert result.returncode == 2
    assert "allowed: text, json" in result.stderr
