"""How much extraction adds to parsing: spaCy alone vs spaCy + extract, same sentences.

    .venv/bin/python benchmarks/extract_speed.py [--data PATH] [--repeat N]

Both runs happen in one process on the CaRB dev sentences (parsed as one Doc per line, as the
benchmark does). The extraction time is measured on the already parsed Docs, so the ratio is
extraction time / parse time.
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
from kg.nlp import load_pipeline  # noqa: E402
from kg.types import Document  # noqa: E402

sys.path.insert(0, str(REPO / "benchmarks"))
from benchdata import data_folder, require  # noqa: E402

DEFAULT_DATA = data_folder("carb")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--repeat", type=int, default=3, help="best of N runs of each")
    args = parser.parse_args(argv)

    path = require(args.data / "dev_sentences.txt", "carb")
    sentences = [s.rstrip("\n") for s in path.open(encoding="utf-8") if s.strip()]
    documents = [Document(hashlib.sha256(s.encode()).hexdigest(), "speed", s) for s in sentences]
    nlp = load_pipeline()
    nlp(sentences[0])  # warm up

    parse_times, extract_times = [], []
    docs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        docs = list(nlp.pipe(sentences, batch_size=64))
        parse_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        n = 0
        for doc, document in zip(docs, documents, strict=True):
            n += len(extract(doc, document).triples)
        extract_times.append(time.perf_counter() - start)
    parse, extraction = min(parse_times), min(extract_times)
    print(f"sentences     {len(sentences)}  triples {n}")
    print(f"parse         {parse:7.3f} s  ({len(sentences) / parse:7.1f} sentences/s)")
    print(f"extract       {extraction:7.3f} s  ({len(sentences) / extraction:7.1f} sentences/s)")
    print(f"parse+extract {parse + extraction:7.3f} s")
    print(f"ratio         {100 * extraction / parse:5.1f} % of parse time")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
