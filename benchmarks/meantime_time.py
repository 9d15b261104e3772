"""Time expressions on MEANTIME English: kg.timex end to end against the gold TIMEX3.

    .venv/bin/python benchmarks/meantime_time.py [--data PATH] [--by-type] [--errors N]
        [--skip-dateline] [--no-cache]

MEANTIME (NewsReader; 120 Wikinews articles, $KG_BENCHMARKS/meantime, by default
../shared/benchmarks/meantime) is the tuning split
of kg.timex: the figures printed here are tuning figures, not a held-out test.

Each article's tokens are joined back into prose, one sentence per paragraph (the first is the
headline, the second the date line). kg is given only that text and the document date (the value
of the CREATION_TIME TIMEX3; NOTE.md: in two articles the date line is untagged, and there it is
read from the date line itself; one value is written "03-02-2009" and means 3 February 2009). kg
finds the expressions itself in the whole text. MEANTIME annotates only the first six sentences
of an article (headline, date line and four sentences: no markable of any kind lies further on),
so only what kg finds there is scored. Each found expression is matched one-to-one to an
overlapping gold one (largest overlap first).

Scores: relaxed match (overlapping extents) precision, recall and F1; strict match (the same
extent); type accuracy on relaxed matches; value F1 (a relaxed match whose value is also the
gold value). Gold TIMEX3 with no token anchors (empty ones, TAG_DESCRIPTOR ones) are left out.
The date line's CREATION_TIME TIMEX3 counts: it is in the text and kg must read it like any
other date (``--skip-dateline`` leaves the date line out on both sides).

Beside kg, dateparser is given each GOLD extent and the document date (the component-versus-
answer comparison of issue #16): its value accuracy on DATE expressions and on all expressions,
its answer cut to the granularity dateparser reports (a day, a month, a year).

Parsed Docs are cached (spaCy DocBin in the temp dir, keyed by a hash of the texts and the
pipeline), so tuning runs skip the parse; the parse time of the run that filled the cache is kept
with it for the speed ratio. ``--no-cache`` parses from scratch.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
from benchdata import data_folder, require  # noqa: E402
from ecbplus_coref import join_tokens  # noqa: E402  (the same prose rebuilding as ECB+)

DEFAULT_DATA = data_folder("meantime")

# Published figures on TempEval-3 platinum, printed as reference lines (not MEANTIME).
REFERENCES = (
    ("HeidelTime (TempEval-3 platinum)", "value F1 77.6, relaxed F1 about 90"),
    ("SUTime (TempEval-3 platinum)", "value F1 67.4, relaxed F1 about 90"),
)

# --------------------------------------------------------------------------------------------
# Reading the corpus

# MEANTIME's annotators marked the first six sentences of each article (0-5) and no further.
ANNOTATED_SENTENCES = 6


@dataclass(frozen=True)
class Timex:
    """A time expression: character extent in the rebuilt text, TIMEX3 type and value."""

    start: int
    end: int
    type: str
    value: str
    text: str = ""


@dataclass
class Article:
    name: str
    text: str
    anchor: str  # the document date, YYYY-MM-DD
    gold: list[Timex] = field(default_factory=list)
    dateline: tuple[int, int] = (0, 0)  # character extent of the date line (second sentence)
    annotated_end: int = 0  # where the annotated sentences end (see ANNOTATED_SENTENCES)


def creation_date(value: str) -> str:
    """The CREATION_TIME value as ISO: "03-02-2009" is day-month-year (NOTE.md)."""
    if len(value) == 10 and value[2] == "-" and value[5] == "-":
        day, month, year = value.split("-")
        return f"{year}-{month}-{day}"
    return value[:10]


def dateline_date(words: Sequence[str]) -> str:
    """The date written on an untagged date line ("March 27 , 2008" -> 2008-03-27)."""
    return datetime.strptime(" ".join(words), "%B %d , %Y").date().isoformat()


def read_article(path: Path) -> Article:
    """One CAT XML article: its text (one sentence a paragraph), date and gold TIMEX3."""
    root = ET.parse(path).getroot()
    sentences: dict[int, list[tuple[str, str]]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence")), []).append(
            (token.get("t_id"), token.text or "")
        )
    offsets: dict[str, tuple[int, int]] = {}
    lines: list[str] = []
    line_extents: dict[int, tuple[int, int]] = {}
    position = 0
    for number in sorted(sentences):
        ids = [t_id for t_id, _ in sentences[number]]
        line, spans = join_tokens([word for _, word in sentences[number]])
        for t_id, (start, end) in zip(ids, spans, strict=True):
            offsets[t_id] = (position + start, position + end)
        line_extents[number] = (position, position + len(line))
        lines.append(line)
        position += len(line) + 2
    text = "\n\n".join(lines)
    anchor = ""
    gold: list[Timex] = []
    for timex in root.iter("TIMEX3"):
        anchors = [a.get("t_id") for a in timex.findall("token_anchor")]
        if not anchors:
            continue
        start, end = offsets[anchors[0]][0], offsets[anchors[-1]][1]
        value = timex.get("value") or ""
        if timex.get("functionInDocument") == "CREATION_TIME":
            value = anchor = creation_date(value)
        gold.append(Timex(start, end, timex.get("type") or "", value, text[start:end]))
    if not anchor:
        anchor = dateline_date([word for _, word in sentences[1]])
    last_annotated = min(ANNOTATED_SENTENCES - 1, max(line_extents))
    return Article(
        path.stem,
        text,
        anchor,
        sorted(gold, key=lambda t: t.start),
        line_extents[1],
        line_extents[last_annotated][1],
    )


def read_corpus(data: Path) -> list[Article]:
    paths = sorted(data.glob("intra-doc_annotation/corpus_*/*.xml"))
    if not paths:
        raise SystemExit(f"no MEANTIME articles under {data}/intra-doc_annotation/corpus_*/")
    return [read_article(path) for path in paths]


# --------------------------------------------------------------------------------------------
# Scoring


def match(gold: Sequence[Timex], found: Sequence[Timex]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, found index) of overlapping extents, largest overlap first."""
    candidates = []
    for g, gold_timex in enumerate(gold):
        for f, found_timex in enumerate(found):
            overlap = min(gold_timex.end, found_timex.end) - max(
                gold_timex.start, found_timex.start
            )
            if overlap > 0:
                candidates.append((-overlap, g, f))
    used_gold: set[int] = set()
    used_found: set[int] = set()
    pairs = []
    for _, g, f in sorted(candidates):
        if g not in used_gold and f not in used_found:
            used_gold.add(g)
            used_found.add(f)
            pairs.append((g, f))
    return sorted(pairs)


@dataclass
class Tally:
    """Counts over documents, from which every printed figure is computed."""

    gold: int = 0
    found: int = 0
    relaxed: int = 0
    strict: int = 0
    typed: int = 0
    valued: int = 0

    def add(self, gold: Sequence[Timex], found: Sequence[Timex]) -> list[tuple[int, int]]:
        pairs = match(gold, found)
        self.gold += len(gold)
        self.found += len(found)
        self.relaxed += len(pairs)
        for g, f in pairs:
            same_extent = (gold[g].start, gold[g].end) == (found[f].start, found[f].end)
            self.strict += same_extent
            self.typed += gold[g].type == found[f].type
            self.valued += gold[g].value == found[f].value
        return pairs

    def prf(self, hits: int) -> tuple[float, float, float]:
        precision = hits / self.found if self.found else 0.0
        recall = hits / self.gold if self.gold else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return 100 * precision, 100 * recall, 100 * f1

    def type_accuracy(self) -> float:
        return 100 * self.typed / self.relaxed if self.relaxed else 0.0


# --------------------------------------------------------------------------------------------
# dateparser on the gold extents

# dateparser's reported period -> how many characters of an ISO date to keep.
PERIOD_WIDTH = {"year": 4, "month": 7, "week": 10, "day": 10, "time": 16}


def dateparser_value(text: str, anchor: str) -> str:
    """dateparser's reading of TEXT against ANCHOR, cut to its reported granularity."""
    from dateparser.date import DateDataParser

    settings = {
        "RELATIVE_BASE": datetime.fromisoformat(anchor),
        "PREFER_DATES_FROM": "past",  # news reports mostly what happened
        "RETURN_TIME_AS_PERIOD": True,
    }
    data = DateDataParser(languages=["en"], settings=settings).get_date_data(text)
    if data.date_obj is None:
        return ""
    width = PERIOD_WIDTH.get(data.period or "day", 10)
    return data.date_obj.isoformat()[:width]


def dateparser_accuracy(articles: Sequence[Article]) -> tuple[float, float, int, int]:
    """Value accuracy of dateparser on gold DATE expressions and on all gold expressions."""
    right = Counter()
    total = Counter()
    for article in articles:
        for gold in article.gold:
            kinds = ("ALL", "DATE") if gold.type == "DATE" else ("ALL",)
            hit = dateparser_value(gold.text, article.anchor) == gold.value
            for kind in kinds:
                total[kind] += 1
                right[kind] += hit
    return (
        100 * right["DATE"] / max(total["DATE"], 1),
        100 * right["ALL"] / max(total["ALL"], 1),
        total["DATE"],
        total["ALL"],
    )


# --------------------------------------------------------------------------------------------
# Running kg


def parse(texts: Sequence[str], use_cache: bool) -> tuple[list, float, bool]:
    """The Docs of TEXTS, the seconds their parse took and whether they came from the cache."""
    from spacy.tokens import DocBin

    from kg.nlp import choose_model, load_pipeline

    nlp = load_pipeline()
    key = hashlib.sha256(("\0".join(texts) + choose_model() + str(nlp.pipe_names)).encode())
    folder = Path(tempfile.gettempdir()) / "kg-meantime-time"
    cached = folder / f"{key.hexdigest()[:20]}.spacy"
    timing = cached.with_suffix(".json")
    if use_cache and cached.exists() and timing.exists():
        docs = list(DocBin().from_disk(cached).get_docs(nlp.vocab))
        return docs, json.loads(timing.read_text())["parse_seconds"], True
    started = time.perf_counter()
    docs = list(nlp.pipe(texts, batch_size=32))
    seconds = time.perf_counter() - started
    folder.mkdir(exist_ok=True)
    DocBin(store_user_data=False, docs=docs).to_disk(cached)
    timing.write_text(json.dumps({"parse_seconds": seconds}))
    return docs, seconds, False


def run_kg(articles: Sequence[Article], docs: Sequence) -> tuple[list[list[Timex]], float]:
    """kg's expressions for every article, and the seconds find_times took over all of them."""
    from kg.extract import document_sentences
    from kg.timex import find_times

    found: list[list[Timex]] = []
    seconds = 0.0
    for article, doc in zip(articles, docs, strict=True):
        sentences = document_sentences(doc)
        started = time.perf_counter()
        times = find_times(doc, sentences, article.anchor)
        seconds += time.perf_counter() - started
        found.append([Timex(t.start, t.end, t.type, t.value, t.text) for t in times])
    return found, seconds


def outside(extent: tuple[int, int], timexes: Sequence[Timex]) -> list[Timex]:
    return [t for t in timexes if t.end <= extent[0] or t.start >= extent[1]]


def show_errors(articles, found, limit: int) -> None:
    """Up to LIMIT misses, spurious finds and wrong values, with their sentence."""
    misses, spurious, wrong = [], [], []
    for article, system in zip(articles, found, strict=True):
        pairs = match(article.gold, system)
        matched_gold = {g for g, _ in pairs}
        matched_found = {f for _, f in pairs}

        def line(t: Timex, text: str = article.text) -> str:
            start = text.rfind("\n", 0, t.start) + 1
            end = text.find("\n", t.end)
            end = len(text) if end < 0 else end
            return f"{text[start : t.start]}[{text[t.start : t.end]}]{text[t.end : end]}"

        for g, gold in enumerate(article.gold):
            if g not in matched_gold:
                misses.append(f"  {gold.type} {gold.value!r} ({article.anchor}): {line(gold)}")
        for f, sys_t in enumerate(system):
            if f not in matched_found:
                spurious.append(f"  {sys_t.type} {sys_t.value!r} ({article.anchor}): {line(sys_t)}")
        for g, f in pairs:
            gold, sys_t = article.gold[g], system[f]
            if gold.value != sys_t.value or gold.type != sys_t.type:
                wrong.append(
                    f"  gold {gold.type} {gold.value!r} kg {sys_t.type} {sys_t.value!r} "
                    f"({article.anchor}): {line(gold)}"
                )
    for title, rows in (("missed", misses), ("spurious", spurious), ("wrong value", wrong)):
        print(f"\n{title} ({len(rows)}):")
        for row in rows[:limit]:
            print(row)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--by-type", action="store_true", help="figures per gold TIMEX3 type")
    parser.add_argument("--errors", type=int, default=0, metavar="N", help="print N misses")
    parser.add_argument("--skip-dateline", action="store_true", help="leave the date line out")
    parser.add_argument("--no-cache", action="store_true", help="parse from scratch")
    args = parser.parse_args(argv)

    articles = read_corpus(require(args.data, "meantime"))
    docs, parse_seconds, from_cache = parse([a.text for a in articles], not args.no_cache)
    found, timex_seconds = run_kg(articles, docs)
    for article, system in zip(articles, found, strict=True):
        system[:] = [t for t in system if t.start < article.annotated_end]
    if args.skip_dateline:
        for article, system in zip(articles, found, strict=True):
            article.gold = outside(article.dateline, article.gold)
            system[:] = outside(article.dateline, system)

    total = Tally()
    by_type: dict[str, Tally] = {}
    for article, system in zip(articles, found, strict=True):
        total.add(article.gold, system)
        for kind in ("DATE", "TIME", "DURATION", "SET"):
            gold = [t for t in article.gold if t.type == kind]
            mine = [t for t in system if t.type == kind]
            by_type.setdefault(kind, Tally()).add(gold, mine)

    print(
        f"MEANTIME English (tuning split): {len(articles)} articles, {total.gold} gold TIMEX3, "
        f"{total.found} found by kg"
        + (" (date lines left out)" if args.skip_dateline else " (date lines counted)")
    )
    for label, hits in (("relaxed match", total.relaxed), ("strict match", total.strict)):
        p, r, f = total.prf(hits)
        print(f"  {label:<14} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")
    p, r, f = total.prf(total.valued)
    print(f"  {'value':<14} P {p:5.1f}  R {r:5.1f}  F1 {f:5.1f}")
    print(f"  type accuracy on relaxed matches: {total.type_accuracy():.1f}")
    if args.by_type:
        print("  by type (gold and kg of the same type matched):")
        for kind, tally in by_type.items():
            _, _, relaxed = tally.prf(tally.relaxed)
            vp, vr, vf = tally.prf(tally.valued)
            print(
                f"    {kind:<9} gold {tally.gold:4d} kg {tally.found:4d}  relaxed F1 {relaxed:5.1f}"
                f"  value P {vp:5.1f} R {vr:5.1f} F1 {vf:5.1f}"
            )
    kg_date = by_type["DATE"]
    kg_date_recall = 100 * kg_date.valued / max(kg_date.gold, 1)
    kg_all_recall = 100 * total.valued / max(total.gold, 1)
    date_acc, all_acc, n_date, n_all = dateparser_accuracy(articles)
    print("Values beside dateparser (share of gold expressions given their exact value):")
    print(
        f"  dateparser, given the gold extent: DATE {date_acc:5.1f} ({n_date})  "
        f"all {all_acc:5.1f} ({n_all})"
    )
    print(
        f"  kg, finding the expression itself: DATE {kg_date_recall:5.1f}  all {kg_all_recall:5.1f}"
    )
    print("Published anchors (another corpus, for reference):")
    for name, figures in REFERENCES:
        print(f"  {name}: {figures}")
    ratio = 100 * timex_seconds / parse_seconds if parse_seconds else 0.0
    print(
        f"Speed: find_times {timex_seconds:.3f} s over {len(articles)} articles; the parse "
        f"{parse_seconds:.2f} s{' (cached run)' if from_cache else ''}; ratio {ratio:.2f}%"
    )
    if args.errors:
        show_errors(articles, found, args.errors)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
