"""kg.timex on sentences written for these tests, parsed with kg's real pipeline.

The anchor is Sunday 2025-10-26 unless a test says otherwise. Each test names what must be found
and what must not (the wrong direction, a guess where there is no anchor).
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from kg.extract import document_sentences
from kg.nlp import load_pipeline
from kg.timex import document_anchor, find_times
from kg.types import Document

ROOT = Path(__file__).resolve().parent.parent
ANCHOR = "2025-10-26"  # a Sunday


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def times(nlp, text: str, anchor: str | None = ANCHOR) -> dict[str, tuple[str, str]]:
    """What find_times finds in TEXT: {text as written: (type, value)}."""
    doc = nlp(text)
    found = find_times(doc, document_sentences(doc), anchor)
    for expression in found:
        assert text[expression.start : expression.end] == expression.text
    return {expression.text: (expression.type, expression.value) for expression in found}


def test_weekday_follows_the_tense(nlp):
    ahead = times(nlp, "The two leaders will meet on Thursday in Seoul.")
    assert ahead == {"Thursday": ("DATE", "2025-10-30")}
    behind = times(nlp, "The two leaders met on Thursday in Seoul.")
    assert behind == {"Thursday": ("DATE", "2025-10-23")}
    assert behind["Thursday"][1] != "2025-10-30"


def test_month_and_day_without_a_year(nlp):
    found = times(nlp, "New tariffs apply starting November 1, and talks resume on November 10.")
    assert found["November 1"] == ("DATE", "2025-11-01")
    assert found["November 10"] == ("DATE", "2025-11-10")
    assert "starting November 1" not in found and "on November 10" not in found


def test_named_month_and_relative_periods(nlp):
    found = times(nlp, "Prices have risen since May and will rise again next month.")
    assert found["May"] == ("DATE", "2025-05")
    assert found["next month"] == ("DATE", "2025-11")
    assert "may" not in {text.lower() for text in times(nlp, "Prices may rise.")}
    assert times(nlp, "Exports fell last year.") == {"last year": ("DATE", "2024")}


def test_quarters_and_decades(nlp):
    found = times(nlp, "Profit fell in the second quarter, its worst result since the 1990s.")
    assert found["the second quarter"] == ("DATE", "2025-Q2")
    assert found["the 1990s"] == ("DATE", "199")
    assert "1990" not in str(found.values())


def test_durations_and_ago(nlp):
    found = times(nlp, "The strike lasted two days and ended three years ago.")
    assert found["two days"] == ("DURATION", "P2D")
    assert found["three years ago"] == ("DATE", "2022")
    assert "three years" not in found  # the date, not a duration, is what the text says


def test_recurrences(nlp):
    annual = times(nlp, "The annual meeting is held in Geneva.")
    assert annual == {"annual": ("SET", "P1Y")}
    weekly = times(nlp, "The committee meets every week.")
    assert weekly == {"every week": ("SET", "P1W")}
    assert not any(kind == "DURATION" for kind, _ in weekly.values())


def test_modified_and_coded_periods(nlp):
    found = times(nlp, "A recovery is expected early next year, after a weak end of the month.")
    assert found["early next year"] == ("DATE", "2026")
    assert times(nlp, "Sales fell at the end of the month.") == {
        "the end of the month": ("DATE", "2025-10")
    }
    found = times(nlp, "The plant opened in mid-2009; revenue rose in Q3 and in fiscal 2024.")
    assert found["mid-2009"] == ("DATE", "2009")
    assert found["Q3"] == ("DATE", "2025-Q3")
    assert found["fiscal 2024"] == ("DATE", "FY2024")
    assert "2024" not in found  # the fiscal year, not the calendar year


def test_counts_and_names_are_not_years(nlp):
    found = times(nlp, "The company will cut 1500 jobs by 2027 and joined the Russell 2000 Index.")
    assert found == {"2027": ("DATE", "2027")}
    assert times(nlp, "Microsoft patched a zero-day flaw.") == {}


def test_later_only_when_ahead(nlp):
    assert times(nlp, "He later said he had signed it.") == {}
    assert times(nlp, "The company will decide later.") == {"later": ("DATE", "FUTURE_REF")}


def test_present_reference(nlp):
    found = times(nlp, "The company now employs 3,000 people.")
    assert found == {"now": ("DATE", "PRESENT_REF")}


def test_no_anchor_no_guess(nlp):
    found = times(nlp, "The board met on Thursday and signed the deal on March 3, 2009.", None)
    assert found["Thursday"] == ("DATE", "")
    assert found["March 3, 2009"] == ("DATE", "2009-03-03")
    assert times(nlp, "Sales rose last year.", None) == {"last year": ("DATE", "")}


def test_times_of_day_take_the_day_in_hand(nlp):
    found = times(nlp, "Trading resumed on Tuesday at 15:00 UTC.", ANCHOR)
    assert found["Tuesday"] == ("DATE", "2025-10-21")
    assert found["15:00 UTC"] == ("TIME", "2025-10-21T15:00Z")


def test_document_anchor_from_metadata_and_dateline(nlp):
    dated = Document("d1", "x.txt", "Some text.", date="2025-10-26T09:30:00Z")
    assert document_anchor(dated) == "2025-10-26"
    text = "Airbus wins order\n\nTuesday, November 4, 2008\n\nAirbus said on Monday it had won."
    undated = Document("d2", "x.txt", text)
    assert document_anchor(undated, nlp(text)) == "2008-11-04"
    assert document_anchor(undated) == "2008-11-04"  # parses the first lines itself
    plain = Document("d3", "x.txt", "Airbus wins order\n\nAirbus said it had won an order.")
    assert document_anchor(plain, nlp(plain.text)) is None
    # Day and month could be swapped: not taken.
    ambiguous = Document("d4", "x.txt", "Headline\n\n03-02-2009\n\nText.")
    assert document_anchor(ambiguous, nlp(ambiguous.text)) is None


def _benchmark():
    spec = importlib.util.spec_from_file_location(
        "meantime_time", ROOT / "benchmarks" / "meantime_time.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


def test_benchmark_scorer_on_a_hand_made_pair():
    bench = _benchmark()
    timex = bench.Timex
    gold = [
        timex(0, 8, "DATE", "2025-10-30"),  # "Thursday"
        timex(20, 28, "DURATION", "P2D"),  # "two days"
        timex(40, 50, "DATE", "2025-11"),  # missed
    ]
    found = [
        timex(0, 8, "DATE", "2025-10-23"),  # exact extent, wrong value
        timex(16, 28, "DURATION", "P2D"),  # "for two days": overlaps, right value
        timex(60, 64, "DATE", "2024"),  # spurious
    ]
    tally = bench.Tally()
    assert tally.add(gold, found) == [(0, 0), (1, 1)]
    assert (tally.relaxed, tally.strict, tally.valued, tally.typed) == (2, 1, 1, 2)
    precision, recall, f1 = tally.prf(tally.relaxed)
    assert round(precision, 1) == round(recall, 1) == round(f1, 1) == 66.7
    assert tally.prf(tally.valued)[2] == pytest.approx(100 / 3)
    # One found expression overlapping two gold ones is matched once, to the larger overlap.
    assert bench.match(
        [timex(0, 4, "DATE", ""), timex(5, 20, "DATE", "")], [timex(2, 18, "DATE", "")]
    ) == [(1, 0)]
    assert bench.creation_date("03-02-2009") == "2009-02-03"
