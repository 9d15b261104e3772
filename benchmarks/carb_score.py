"""Score kg's extraction (and, with --textacy, textacy's SVO triples) on the CaRB dev split.

    .venv/bin/python benchmarks/carb_score.py [--data PATH] [--textacy] [--limit N] [--out FILE]

One process: the pipeline is loaded once, the sentences are parsed with ``nlp.pipe`` and each
line is extracted as its own Document, as ``kg extract --one-sentence-per-line`` does. Prints
precision, recall, F1 (best over thresholds), AUC, the number of extractions and sentences/s.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.extract import extract  # noqa: E402
from kg.extract.carb import CarbTuple, carb_rows, read_gold, score  # noqa: E402
from kg.nlp import load_pipeline  # noqa: E402
from kg.types import Document  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
from benchdata import data_folder, require  # noqa: E402

DEFAULT_DATA = data_folder("carb")


def kg_predictions(nlp, sentences: list[str]) -> tuple[dict[str, list[CarbTuple]], float]:
    predicted: dict[str, list[CarbTuple]] = {}
    start = time.perf_counter()
    for line, doc in zip(sentences, nlp.pipe(sentences, batch_size=64), strict=True):
        document = Document(hashlib.sha256(line.encode()).hexdigest(), "carb-dev", line)
        rows = carb_rows(extract(doc, document))
        predicted[line] = [CarbTuple(r[1], tuple(r[2:]), float(r[0])) for r in rows]
    return predicted, time.perf_counter() - start


def textacy_predictions(nlp, sentences: list[str]) -> tuple[dict[str, list[CarbTuple]], float]:
    from textacy.extract.triples import subject_verb_object_triples

    predicted: dict[str, list[CarbTuple]] = {}
    start = time.perf_counter()
    for line, doc in zip(sentences, nlp.pipe(sentences, batch_size=64), strict=True):
        rows = []
        for triple in subject_verb_object_triples(doc):
            words = [" ".join(t.text for t in part) for part in triple]
            # textacy has no confidence: every triple gets 1.0 (a single threshold).
            rows.append(CarbTuple(words[1], (words[0], words[2]), 1.0))
        predicted[line] = rows
    return predicted, time.perf_counter() - start


def report(name: str, gold, predicted, seconds: float, n_sentences: int) -> None:
    result = score(gold, predicted)
    n = sum(len(v) for v in predicted.values())
    print(
        f"{name:8} P {100 * result.precision:5.1f}  R {100 * result.recall:5.1f}  "
        f"F1 {100 * result.f1:5.1f}  AUC {100 * result.auc:5.1f}  "
        f"extractions {n}  sentences/s {n_sentences / seconds:6.1f}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--data",
        type=Path,
        default=DEFAULT_DATA,
        help="folder of the CaRB split (see benchdata.py)",
    )
    parser.add_argument("--textacy", action="store_true", help="also score textacy's SVO triples")
    parser.add_argument("--limit", type=int, default=0, help="score only the first N sentences")
    parser.add_argument("--out", type=Path, help="write kg's predictions in CaRB's tabbed form")
    args = parser.parse_args(argv)

    sentences_path = require(args.data / "dev_sentences.txt", "carb")
    gold_path = require(args.data / "dev_gold.tsv", "carb")
    sentences = [s.rstrip("\n") for s in sentences_path.open(encoding="utf-8")]
    sentences = [s for s in sentences if s.strip()]
    if args.limit:
        sentences = sentences[: args.limit]
    with gold_path.open(encoding="utf-8") as f:
        gold = read_gold(f)
    if args.limit:
        keep = set(sentences)
        gold = {k: v for k, v in gold.items() if k in keep}

    nlp = load_pipeline()
    nlp(sentences[0])  # warm up
    predicted, seconds = kg_predictions(nlp, sentences)
    report("kg", gold, predicted, seconds, len(sentences))
    if args.out:
        with args.out.open("w", encoding="utf-8") as f:
            for line, rows in predicted.items():
                for t in rows:
                    f.write("\t".join([line, str(t.confidence), t.relation, *t.args]) + "\n")
    if args.textacy:
        predicted, seconds = textacy_predictions(nlp, sentences)
        report("textacy", gold, predicted, seconds, len(sentences))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
