"""What entity resolution costs next to the rest of a build, on a 1,000-document corpus.

Runs in one process on the same corpus: read, parse + extract, resolve, map to RDF, and prints
the time of each stage, and the share of the total taken by the two parts of resolution:
in-document coreference (mentions and sieves, kg/coref, timed inside parse + extract, where
each document's extraction runs it) and the resolution across documents (kg/resolve.py;
target: at most 5 %).

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

import kg.extract  # noqa: E402
from kg.documents import read_documents  # noqa: E402
from kg.pipeline import extract_documents  # noqa: E402
from kg.rdf import document_graph  # noqa: E402
from kg.resolve import resolve  # noqa: E402


def timed_coreference() -> list[float]:
    """Time every call of the in-document coreference as extraction makes it; the list the
    seconds of each call go into."""
    seconds: list[float] = []
    coreference = kg.extract.coreference

    def timed(*args, **options):
        started = time.perf_counter()
        try:
            return coreference(*args, **options)
        finally:
            seconds.append(time.perf_counter() - started)

    kg.extract.coreference = timed
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--documents", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        corpus = make_corpus(Path(folder), args.documents)
        started = time.perf_counter()
        documents = list(read_documents([str(corpus)]))
        read_seconds = time.perf_counter() - started

        # Extraction runs in this process (a job of one: the parse alone is elsewhere when a
        # core is spare), so its calls of the coreference are timed here.
        coreference_calls = timed_coreference()
        started = time.perf_counter()
        extractions = list(extract_documents(documents))
        extract_seconds = time.perf_counter() - started
        coreference_seconds = sum(coreference_calls)

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
    print(
        f"  coreference   {coreference_seconds:8.2f} s   (in-document: mentions and sieves, "
        f"{len(coreference_calls)} documents)"
    )
    print(f"resolve         {resolve_seconds:8.2f} s   ({len(resolved.entities)} entities)")
    print(f"map to RDF      {rdf_seconds:8.2f} s   ({quads} quads)")
    print(f"coreference share of build time: {100 * coreference_seconds / total:.2f} %")
    print(f"resolution share of build time: {100 * resolve_seconds / total:.2f} % (target <= 5 %)")
    both = coreference_seconds + resolve_seconds
    print(f"coreference and resolution together: {100 * both / total:.2f} %")


if __name__ == "__main__":
    main()
