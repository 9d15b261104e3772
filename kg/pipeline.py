"""The whole path from files to a build folder: read → parse → extract → resolve → RDF → outputs.

Each stage is a module of its own; this one only connects them and keeps the promises a build
makes: one bad file never stops the others, the output folder is written atomically and under a
lock, and the result says truthfully what failed.
"""

from __future__ import annotations

import fcntl
import os
import pickle
import tempfile
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from kg.documents import DEFAULT_MAX_BYTES, read_documents
from kg.errors import InputError, KgError
from kg.types import Corpus, Document, Entity, Extraction

GRAPH_TURTLE = "graph.ttl"
GRAPH_TRIG = "graph.trig"
GRAPH_HTML = "graph.html"
LOCK_FILE = ".kg.lock"
BUILD_VIEW_MAX_NODES = 2000


@dataclass
class BuildReport:
    """What a build did, for the summary line and the exit status."""

    documents: int = 0
    sentences: int = 0
    entities: int = 0
    facts: int = 0
    triples: int = 0
    unchanged: int = 0  # documents already in the build, skipped
    replaced: int = 0  # documents whose source had other text before
    failures: list[InputError] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0

    def summary(self) -> str:
        failed = f", {len(self.failures)} failed" if self.failures else ""
        unchanged = f", {self.unchanged} unchanged" if self.unchanged else ""
        return (
            f"{self.documents} document(s){unchanged}{failed}, {self.sentences} sentences, "
            f"{self.entities} entities, {self.facts} facts, {self.triples} triples "
            f"in {self.seconds:.1f} s"
        )


def extract_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    jobs: int = 1,
    dask: str | None = None,
    on_document: Callable[[Extraction], None] | None = None,
) -> Iterator[Extraction]:
    """Parse and extract each document, in input order; the spaCy Doc is dropped at once.

    With ``jobs`` > 1, batches of documents go to worker processes that each load the model once
    and send back Extraction records (small and picklable, unlike Docs). With ``dask`` (a
    scheduler address, or "local:N" for a local cluster) the same happens on a Dask cluster.
    """
    batches = _extract_in_processes(documents, model, jobs) if jobs > 1 else None
    if dask:
        from kg.distributed import extract_on_dask

        results: Iterator[Extraction] = extract_on_dask(documents, dask, model=model)
    elif batches is None:
        from kg.extract import extract
        from kg.nlp import load_pipeline, parse_documents

        nlp = load_pipeline(model)
        results = (extract(doc, document) for document, doc in parse_documents(nlp, documents))
    else:
        results = (extraction for batch in batches for extraction in batch)
    for extraction in results:
        if on_document is not None:
            on_document(extraction)
        yield extraction


# Documents per task sent to a worker process: large enough that pickling and scheduling cost
# little next to parsing, small enough that progress is smooth and memory bounded.
PROCESS_BATCH_DOCUMENTS = 32


def _worker_extract(model: str | None, documents: list[Document]) -> list[Extraction]:
    from kg.extract import extract
    from kg.nlp import load_pipeline, parse_documents

    nlp = load_pipeline(model)  # cached per process: loaded once per worker
    return [extract(doc, document) for document, doc in parse_documents(nlp, documents)]


def _extract_in_processes(
    documents: Iterable[Document], model: str | None, jobs: int
) -> Iterator[list[Extraction]]:
    """Batches of extractions from a pool of ``jobs`` processes, in input order, with at most
    2 x jobs batches in flight so that a large corpus is never all in memory."""
    import multiprocessing
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor
    from itertools import islice

    # spawn, not fork: the parent may hold threads (progress bar) and a loaded model.
    context = multiprocessing.get_context("spawn")
    iterator = iter(documents)
    with ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        in_flight: deque = deque()
        while True:
            while len(in_flight) < 2 * jobs:
                batch = list(islice(iterator, PROCESS_BATCH_DOCUMENTS))
                if not batch:
                    break
                in_flight.append(pool.submit(_worker_extract, model, batch))
            if not in_flight:
                return
            yield in_flight.popleft().result()


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


def document_graphs(dataset) -> dict[str, str]:
    """The documents already in a dataset: sha256 -> source, read from their named graphs."""
    from kg.store import oxigraph_store
    from kg.vocab import sparql_prologue

    rows = oxigraph_store(dataset).query(
        sparql_prologue()
        + "SELECT ?sha ?source WHERE { GRAPH ?g { ?g a kg:Document ; kg:sha256 ?sha ;"
        " dcterms:source ?source } }"
    )
    return {row["sha"].value: row["source"].value for row in rows}


def known_entities(dataset) -> list[Entity]:
    """People and organisations already in a dataset, for new documents to link to."""
    from kg.store import oxigraph_store
    from kg.vocab import sparql_prologue

    rows = oxigraph_store(dataset).query(
        sparql_prologue()
        + "SELECT DISTINCT ?label ?class WHERE { ?e rdfs:label ?label ; a ?class ."
        " VALUES ?class { kg:Person kg:Organization } }",
        use_default_graph_as_union=True,
    )
    return [
        Entity(
            key=row["label"].value, label=row["label"].value, type=row["class"].value.split("#")[-1]
        )
        for row in rows
    ]


def drop_documents(dataset, document_ids: Iterable[str]) -> None:
    import pyoxigraph as ox

    from kg.rdf import document_iri
    from kg.store import oxigraph_store

    store = oxigraph_store(dataset)
    for document_id in document_ids:
        store.remove_graph(ox.NamedNode(document_iri(document_id)))


def open_build(out: Path, *, rebuild: bool = False, store_path: Path | None = None):
    """The dataset of an earlier build in ``out`` (empty when there is none or on rebuild),
    in memory or, with ``store_path``, in an on-disk Oxigraph store there."""
    from kg.store import new_dataset, oxigraph_store, rdf_format_for

    dataset = new_dataset(store_path)
    trig = out / GRAPH_TRIG
    if trig.exists() and not rebuild:
        with trig.open("rb") as handle:
            try:
                oxigraph_store(dataset).bulk_load(handle, format=rdf_format_for(trig))
            except SyntaxError as error:
                raise KgError(
                    f"{trig}: earlier build is unreadable ({error}); use --rebuild"
                ) from None
    return dataset


def _entity_count(dataset) -> int:
    from kg.store import oxigraph_store

    (row,) = oxigraph_store(dataset).query(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) "
        "WHERE { GRAPH ?g { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l } }"
    )
    return int(row["n"].value)


def write_outputs(dataset, out: Path, *, view: bool = True) -> list[Path]:
    """graph.trig, graph.ttl and graph.html, each replaced atomically."""
    from kg.export import export

    export(dataset, "trig", out / GRAPH_TRIG)
    export(dataset, "turtle", out / GRAPH_TURTLE)
    outputs = [out / GRAPH_TRIG, out / GRAPH_TURTLE]
    if view:
        from kg.view import write_view

        # A page past a few thousand nodes is unreadable and slow to open: the build's view shows
        # the most connected entities; `kg view --focus/--top/--query` shows any other part.
        top = BUILD_VIEW_MAX_NODES if _entity_count(dataset) > BUILD_VIEW_MAX_NODES else None
        write_view(dataset, out / GRAPH_HTML, top=top)
        outputs.append(out / GRAPH_HTML)
    return outputs


def build(
    paths: Iterable[str],
    out_dir: str | os.PathLike,
    *,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    view: bool = True,
    rebuild: bool = False,
    aliases: str | os.PathLike | None = None,
    jobs: int = 1,
    dask: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_document: Callable[[Extraction], None] | None = None,
) -> BuildReport:
    """Build the graph of ``paths`` into ``out_dir``: graph.trig, graph.ttl and graph.html.

    Into a folder that already holds a build, only new or changed documents are read: a
    document already there (same text, same hash) is skipped, and one whose source file now
    has other text replaces its old graph. A re-run on the same input writes nothing.

    The build streams: documents are parsed and extracted in batches, each extraction is
    spooled to disk as soon as resolution has indexed its names, and the graph is assembled in
    an on-disk Oxigraph store, so memory does not grow with the number of documents. All of it
    happens in a scratch folder inside ``out_dir`` that is removed at the end, whatever happens;
    the output files are replaced only once everything else has succeeded.
    """
    from kg.rdf import document_quads
    from kg.resolve import CorpusIndex, load_alias_rules
    from kg.store import oxigraph_store

    started = time.perf_counter()
    rules = load_alias_rules(aliases) if aliases else None
    out = Path(out_dir)
    report = BuildReport()
    with build_lock(out), tempfile.TemporaryDirectory(dir=out, prefix=".kg-work-") as work:
        dataset = open_build(out, rebuild=rebuild, store_path=Path(work) / "store")
        store = oxigraph_store(dataset)
        existing = document_graphs(dataset)
        by_source = {source: sha for sha, source in existing.items()}
        replaced: list[str] = []

        def new_documents() -> Iterator[Document]:
            for item in read_documents(paths, max_bytes=max_bytes):
                if isinstance(item, InputError):
                    report.failures.append(item)
                    if on_error is not None:
                        on_error(item)
                elif item.id in existing:
                    report.unchanged += 1
                else:
                    if item.source in by_source:
                        replaced.append(by_source[item.source])
                    yield item

        # Pass one: extract, index the names for resolution, spool the extraction.
        index = CorpusIndex(known_entities(dataset), rules)
        spool_path = Path(work) / "extractions.pickle"
        with spool_path.open("wb") as spool:
            for extraction in extract_documents(
                new_documents(), model=model, jobs=jobs, dask=dask, on_document=on_document
            ):
                # The document's name clusters go with it: pass two need not group again.
                clusters = index.add(extraction)
                pickle.dump((extraction, clusters), spool, protocol=pickle.HIGHEST_PROTOCOL)
                report.documents += 1
                report.sentences += len(extraction.sentences)
        if report.documents == 0 and not existing:
            raise KgError("no document could be read; nothing was written")
        if report.documents:
            # Pass two: resolve each document against the whole corpus, add its named graph.
            index.finish()
            drop_documents(dataset, replaced)
            for extraction, clusters in _read_spool(spool_path):
                resolved = index.resolve_document(extraction, clusters)
                report.facts += len(resolved.facts)
                store.extend(document_quads(resolved, index.entities))
            report.entities = len(index.entities)
            # Each file is replaced atomically; a failure part-way leaves the earlier files whole.
            report.outputs = write_outputs(dataset, out, view=view)
        report.replaced = len(replaced)
        report.triples = len(store)
        del store, dataset  # close the on-disk store before its folder is removed
    report.seconds = time.perf_counter() - started
    return report


def _read_spool(path: Path) -> Iterator[tuple]:
    with path.open("rb") as spool:
        while True:
            try:
                yield pickle.load(spool)
            except EOFError:
                return


def remove(
    out_dir: str | os.PathLike, references: Iterable[str], *, view: bool = True
) -> list[str]:
    """Drop documents from a build, named by source path or by (a prefix of) their sha256."""
    out = Path(out_dir)
    with build_lock(out):
        if not (out / GRAPH_TRIG).exists():
            raise KgError(f"{out}: no {GRAPH_TRIG} here; is this a kg build folder?")
        dataset = open_build(out)
        existing = document_graphs(dataset)
        dropped: list[str] = []
        for reference in references:
            matches = [
                sha
                for sha, source in existing.items()
                if source == reference or (len(reference) >= 8 and sha.startswith(reference))
            ]
            if len(matches) != 1:
                problem = "no document" if not matches else f"{len(matches)} documents"
                raise KgError(f"{reference}: {problem} in {out} match this source or hash")
            dropped.append(matches[0])
        drop_documents(dataset, dropped)
        write_outputs(dataset, out, view=view)
    return [existing[sha] for sha in dropped]
