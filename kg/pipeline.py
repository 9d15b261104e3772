"""The whole path from files to a build folder: read → parse → extract → resolve → RDF → outputs.

Each stage is a module of its own; this one only connects them and keeps the promises a build
makes: one bad file never stops the others, the output folder is written atomically and under a
lock, and the result says truthfully what failed.
"""

from __future__ import annotations

import fcntl
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.documents import DEFAULT_MAX_BYTES, read_documents
from kg.errors import InputError, KgError
from kg.types import Corpus, Document, Extraction

GRAPH_TURTLE = "graph.ttl"
GRAPH_TRIG = "graph.trig"
GRAPH_HTML = "graph.html"
LOCK_FILE = ".kg.lock"


@dataclass
class BuildReport:
    """What a build did, for the summary line and the exit status."""

    documents: int = 0
    sentences: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0
    failures: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        failed = f", {len(self.failures)} failed" if self.failures else ""
        return (
            f"{self.documents} document(s){failed}, {self.sentences} sentences, "
            f"{self.entities} entities, {self.facts} facts, {self.triples} triples "
            f"in {self.seconds:.1f} s"
        )


def extract_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    on_document: Callable[[Extraction], None] | None = None,
) -> Iterator[Extraction]:
    """Parse and extract each document; the spaCy Doc is dropped as soon as it is read."""
    from kg.extract import extract
    from kg.nlp import load_pipeline, parse_documents

    nlp = load_pipeline(model)
    for document, doc in parse_documents(nlp, documents):
        extraction = extract(doc, document)
        if on_document is not None:
            on_document(extraction)
        yield extraction


def read_and_extract(
    paths: Iterable[str],
    *,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    on_error: Callable[[InputError], None] | None = None,
    on_document: Callable[[Extraction], None] | None = None,
) -> tuple[list[Extraction], list[InputError]]:
    """Read every input, extracting from the good ones and collecting the failures."""
    failures: list[InputError] = []

    def good_documents() -> Iterator[Document]:
        for item in read_documents(paths, max_bytes=max_bytes):
            if isinstance(item, InputError):
                failures.append(item)
                if on_error is not None:
                    on_error(item)
            else:
                yield item

    extractions = list(extract_documents(good_documents(), model=model, on_document=on_document))
    return extractions, failures


def corpus_dataset(corpus: Corpus):
    """An rdflib Dataset (Oxigraph store) holding one named graph per document of the corpus."""
    from kg.rdf import corpus_quads
    from kg.store import new_dataset, oxigraph_store

    dataset = new_dataset()
    oxigraph_store(dataset).extend(corpus_quads(corpus))
    return dataset


@contextmanager
def build_lock(out_dir: Path) -> Iterator[None]:
    """An exclusive lock on the output folder: two builds into one folder cannot interleave."""
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KgError(f"{out_dir}: another kg build is writing this folder") from None
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def build(
    paths: Iterable[str],
    out_dir: str | os.PathLike,
    *,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    view: bool = True,
    on_error: Callable[[InputError], None] | None = None,
    on_document: Callable[[Extraction], None] | None = None,
) -> BuildReport:
    """Build the graph of ``paths`` into ``out_dir``: graph.trig, graph.ttl and graph.html."""
    from kg.export import export
    from kg.resolve import resolve

    started = time.perf_counter()
    out = Path(out_dir)
    report = BuildReport()
    with build_lock(out):
        extractions, report.failures = read_and_extract(
            paths, model=model, max_bytes=max_bytes, on_error=on_error, on_document=on_document
        )
        if not extractions:
            report.seconds = time.perf_counter() - started
            raise KgError("no document could be read; nothing was written")
        corpus = resolve(extractions)
        dataset = corpus_dataset(corpus)
        # Each file is replaced atomically; a failure part-way leaves the earlier files whole.
        export(dataset, "trig", out / GRAPH_TRIG)
        export(dataset, "turtle", out / GRAPH_TURTLE)
        report.outputs += [out / GRAPH_TRIG, out / GRAPH_TURTLE]
        if view:
            from kg.view import write_view

            write_view(dataset, out / GRAPH_HTML)
            report.outputs.append(out / GRAPH_HTML)
        report.documents = len(extractions)
        report.sentences = sum(len(e.sentences) for e in extractions)
        report.entities = len(corpus.entities)
        report.facts = sum(len(d.facts) for d in corpus.documents)
        report.triples = len(dataset)
    report.seconds = time.perf_counter() - started
    return report
