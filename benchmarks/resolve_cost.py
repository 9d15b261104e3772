"""What entity resolution costs next to the rest of a build, on a 1,000-document corpus.

Runs in one process on the same corpus: read, parse + extract, resolve, map to RDF, and prints
the time of each stage and resolution's share of the total (target: at most 5 %).

    .venv/bin/python benchmarks/resolve_cost.py [--documents 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus import make_corpus  # noqa: E402

from kg.documents import read_documents  # noqa: E402
from kg.pipeline import extract_documents  # noqa: E402
from kg.rdf import document_graph  # noqa: E402
from kg.resolve import resolve  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = make_corpus(Path(folder), args.documents)
        started = time.perf_counter()
        documents = list(read_documents([str(corpus)]))
        read_seconds = time.perf_counter() - started

        started = time.perf_counter()
        extractions = list(extract_documents(documents))
        extract_seconds = time.perf_counter() - started

        started = time.perf_counter()
        resolved = resolve(extractions)
        resolve_seconds = time.perf_counter() - started

        # As the build maps a document: its graph as sorted, unique N-Triples lines.
        started = time.perf_counter()
        quads = sum(
            document_graph(document, resolved.entities)[1] for document in resolved.documents
        )
        rdf_seconds = time.perf_counter() - started

    total = read_seconds + extract_seconds + resolve_seconds + rdf_seconds
    sentences = sum(len(e.sentences) for e in extractions)
    mentions = sum(len(e.mentions) for e in extractions)
    print(f"corpus: {len(documents)} documents, {sentences} sentences, {mentions} entity mentions")
    print(f"read            {read_seconds:8.2f} s")
    print(f"parse+extract   {extract_seconds:8.2f} s")
    print(f"resolve         {resolve_seconds:8.2f} s   ({len(resolved.entities)} entities)")
    print(f"map to RDF      {rdf_seconds:8.2f} s   ({quads} quads)")
    print(f"resolution share of build time: {100 * resolve_seconds / total:.2f} % (target <= 5 %)")


if __name__ == "__main__":
    main()
