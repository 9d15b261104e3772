"""The whole path from files to a build folder: read → parse → extract → resolve → RDF → outputs.

Each stage is a module of its own; this one only connects them and keeps the promises a build
makes: one bad file never stops the others, the output folder is written atomically and under a
lock, and the result says truthfully what failed. Pass one (read, parse, extract, index the names)
is here; the build folder's lock and journalled renames are kg/buildfolder.py, the forked worker
pools kg/forked.py, pass two (resolve and write each document's graph) kg/passtwo.py.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import os
import tempfile
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import pyoxigraph as ox

from kg.atomic import write_temp
from kg.buildfolder import (
    COMMIT_FILE,
    GRAPH_HTML,
    GRAPH_TRIG,
    GRAPH_TURTLE,
    LOCK_FILE,
    SCRATCH_PREFIX,
    build_lock,
    commit_outputs,
)
from kg.documents import DEFAULT_MAX_BYTES, STDIN_SOURCE, InputOptions, ReadLog, read_documents
from kg.errors import InputError, KgError
from kg.forked import forked_pool, worker_result, worker_results
from kg.graphspool import (
    BuildContents,
    GraphSpool,
    load_build,
    view_dataset,
    view_selection,
)
from kg.graphstore import (
    STORE_FOLDER,
    STORE_POINTER,
    FullLoad,
    GraphChange,
    has_store,
    pointer_text,
    remove_old_generations,
    write_incremental,
)
from kg.passtwo import ExtractionSpool, extraction_spools, resolve_to_graphs
from kg.splice import record_outputs
from kg.storecounts import UnionTally
from kg.types import Document, Extraction

if TYPE_CHECKING:
    from rdflib import Dataset
    from spacy.tokens import Doc

# Importable from here as before the build folder and pass two had modules of their own.
__all__ = [
    "COMMIT_FILE",
    "GRAPH_HTML",
    "GRAPH_TRIG",
    "GRAPH_TURTLE",
    "LOCK_FILE",
    "SCRATCH_PREFIX",
    "BuildReport",
    "ExtractionSpool",
    "build",
    "build_lock",
    "extract_documents",
    "remove",
    "write_outputs",
]


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
    # Whether the earlier build's files were spliced (kg/splice.py) rather than rewritten.
    spliced: bool = False
    failures: list[InputError] = field(default_factory=list)
    # The read stage: inputs read (a corpus file counts once), documents they held, files of
    # folders not read with the reason, and warnings (a date that cannot be read).
    files_read: int = 0
    documents_read: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    seconds: float = 0.0
    # Wall seconds of each stage ("read+parse+extract", "resolve+rdf", "write"), for benchmarks
    # and for anyone asking where a slow build spends its time.
    stages: dict[str, float] = field(default_factory=dict)

    def summary(self) -> str:
        failed = f", {len(self.failures)} failed" if self.failures else ""
        unchanged = f", {self.unchanged} unchanged" if self.unchanged else ""
        return (
            f"{self.documents} document(s){unchanged}{failed}, {self.sentences} sentences, "
            f"{self.entities} entities, {self.facts} facts, {self.triples} triples "
            f"in {self.seconds:.1f} s"
        )

    def read_summary(self) -> str:
        files, documents = self.files_read, self.documents_read
        return (
            f"read {files} file{'s' * (files != 1)} ({documents} "
            f"document{'s' * (documents != 1)}), skipped {len(self.skipped)}"
        )


def extract_documents(
    documents: Iterable[Document],
    *,
    model: str | None = None,
    jobs: int = 1,
    dask: str | None = None,
    on_document: Callable[[Extraction], None] | None = None,
    may_parse_here: Callable[[], bool] | None = None,
) -> Iterator[Extraction]:
    """Parse and extract each document, in input order; the spaCy Doc is dropped at once.

    With ``jobs`` > 1, batches of documents go to worker processes that each load the model once
    and send back Extraction records (small and picklable, unlike Docs). With ``dask`` (a
    scheduler address, or "local:N" for a local cluster) the same happens on a Dask cluster.
    With one job on a machine with a core to spare, the parse runs in a process of its own and
    this one extracts what it has parsed (``_parsed_beside``), and parses a batch itself when
    the next one is not parsed yet and ``may_parse_here()`` (by default it may).
    """
    if dask:
        from kg.distributed import extract_on_dask

        results: Iterator[Extraction] = extract_on_dask(documents, dask, model=model)
    elif jobs > 1:
        batches = _in_processes(documents, model, jobs, _worker_extract)
        results = (extraction for _, extractions in batches for extraction in extractions)
    else:
        from kg.extract import extract
        from kg.nlp import load_pipeline, parse_documents

        parsed = (
            _parsed_beside(documents, model, may_parse_here=may_parse_here or (lambda: True))
            if spare_cores()
            else parse_documents(load_pipeline(model), documents)
        )
        results = (extract(doc, document) for document, doc in parsed)
    for extraction in results:
        if on_document is not None:
            on_document(extraction)
        yield extraction


def _pass_two_workers(jobs: int, dask: str | None) -> int:
    """Processes for pass two: one per job; with one job, two when a core is spare. Pass two
    is kg's own work and waits for nothing but the finished index, so with one job the core
    the parse used in pass one resolves half the documents (their graphs are the same bytes
    whichever process makes them)."""
    if jobs == 1 and not dask and spare_cores():
        return 2
    return max(1, jobs)


def spare_cores() -> int:
    """Cores this process may run on beyond the one it runs on, for a process of its own: none
    where it cannot start one (a daemonic worker of the caller's own pool may have no children)
    or cannot fork (the parse process is forked with the model)."""
    if not may_start_processes() or not hasattr(os, "sched_getaffinity"):
        return 0
    return len(os.sched_getaffinity(0)) - 1


def may_start_processes() -> bool:
    """Whether this process may start processes of its own: not a daemonic one, such as a
    worker of the caller's ``multiprocessing.Pool``."""
    import multiprocessing

    return not multiprocessing.current_process().daemon


# What a worker process makes of a batch of documents.
Result = TypeVar("Result")

# Documents per task sent to a worker process: large enough that pickling and scheduling cost
# little next to parsing, small enough that progress is smooth and memory bounded.
PROCESS_BATCH_DOCUMENTS = 32


def _worker_extract(model: str | None, documents: list[Document]) -> list[Extraction]:
    from kg.extract import extract
    from kg.nlp import load_pipeline, parse_documents

    nlp = load_pipeline(model)  # inherited from the parent at fork: not loaded again
    return [extract(doc, document) for document, doc in parse_documents(nlp, documents)]


# What a parsed Doc leaves out on its way between processes: the tok2vec layer's output, which
# extraction never reads (it is most of a Doc's bytes), and user data, which the parse sets none of.
_DOC_BYTES_EXCLUDE = ("tensor", "user_data")


def _worker_parse(model: str | None, documents: list[Document]) -> list[bytes]:
    from kg.nlp import load_pipeline, parse_documents

    nlp = load_pipeline(model)  # inherited from the parent at fork: not loaded again
    return [doc.to_bytes(exclude=_DOC_BYTES_EXCLUDE) for _, doc in parse_documents(nlp, documents)]


def _parsed_beside(
    documents: Iterable[Document], model: str | None, *, may_parse_here: Callable[[], bool]
) -> Iterator[tuple[Document, Doc]]:
    """Each document with its Doc, parsed in one forked process while this one extracts the
    documents parsed before: the parse is most of pass one and runs on one core, and
    extraction, coreference and the store's early load are Python that would otherwise wait
    for it. A Doc crosses as its bytes (about 2 % of the parse's time, both ways); the Doc
    rebuilt here is the parse's, token for token, so the build is the same byte for byte.

    This process's work takes well under half of what the parse takes the other (on 600
    benchmark documents 7.9 CPU s of pass one, extraction and early load, against the parse
    process's 19.8 s): it waited for the parse most of pass one, one core idle. So whenever
    the batch due next is not parsed yet and ``may_parse_here()`` (the store's early load is
    not behind), it parses a later batch itself instead of waiting, up to PARSE_HERE_AHEAD
    batches ahead, while the parse process is kept PARSE_AHEAD batches ahead. Batches are
    the same in either process and parsed whole by the same ``nlp.pipe`` call, so the Docs,
    and the build, are the same whichever process parsed them."""
    from spacy.tokens import Doc

    from kg.nlp import load_pipeline, parse_documents

    # Loaded here, once, and the parse process forked with it (see _in_processes).
    nlp = load_pipeline(model)
    iterator = iter(documents)

    def next_batch() -> list[Document]:
        return list(islice(iterator, PROCESS_BATCH_DOCUMENTS))

    with forked_pool(1) as pool:
        # Batches in input order, each with its parse process's future or its Docs.
        ahead: deque[tuple[list[Document], Future[list[bytes]] | list[Doc]]] = deque()
        sent = here = 0  # batches in ``ahead`` parsed there, and here
        exhausted = False
        while True:
            while not exhausted and sent < PARSE_AHEAD:
                batch = next_batch()
                if not batch:
                    exhausted = True
                    break
                ahead.append((batch, pool.submit(_worker_parse, model, batch)))
                sent += 1
            if not ahead:
                return
            batch, due = ahead[0]
            if (
                not exhausted
                and isinstance(due, Future)
                and not due.done()
                and here < PARSE_HERE_AHEAD
                and may_parse_here()
            ):
                batch = next_batch()
                if batch:
                    ahead.append((batch, [doc for _, doc in parse_documents(nlp, batch)]))
                    here += 1
                else:
                    exhausted = True
                continue
            ahead.popleft()
            if isinstance(due, Future):
                sent -= 1
                docs = [Doc(nlp.vocab).from_bytes(data) for data in worker_result(due)]
            else:
                here -= 1
                docs = due
            yield from zip(batch, docs, strict=True)


# Batches the parse process is given ahead of the one this process extracts, and at most how
# many batches this process parses itself ahead of it (each some 32 parsed Docs in memory).
PARSE_AHEAD = 2
PARSE_HERE_AHEAD = 2


def _in_processes(
    documents: Iterable[Document],
    model: str | None,
    jobs: int,
    task: Callable[[str | None, list[Document]], list[Result]],
) -> Iterator[tuple[list[Document], list[Result]]]:
    """Each batch of documents with what ``task`` made of it in a pool of ``jobs`` processes,
    in input order, with at most 2 x jobs batches in flight so that a large corpus is never
    all in memory."""
    from kg.nlp import load_pipeline

    # The model is loaded here, once, and the workers are forked with it: a worker starts in
    # milliseconds instead of loading the model again (seconds each).
    load_pipeline(model)
    iterator = iter(documents)
    with forked_pool(jobs) as pool:
        in_flight: deque[tuple[list[Document], Future[list[Result]]]] = deque()
        while True:
            while len(in_flight) < 2 * jobs:
                batch = list(islice(iterator, PROCESS_BATCH_DOCUMENTS))
                if not batch:
                    break
                in_flight.append((batch, pool.submit(task, model, batch)))
            if not in_flight:
                return
            batch, future = in_flight.popleft()
            yield batch, worker_result(future)


# A build allocates millions of short-lived objects (tokens, spans, lines) and keeps few: with
# Python's default threshold (a young-generation collection every 700 allocations) the
# collector takes about 1 % of a build. Each collection walks every young object still alive,
# and the extractions held for pass two stay alive: on 1,500 documents the collector took
# 0.43 s at a threshold of 100,000 and 0.22 s at this one. The peak memory of a 1,000- and a
# 20,000-document build was the same at both thresholds (within 4 MB).
BUILD_GC_THRESHOLD = 300_000


@contextmanager
def _fewer_collections() -> Iterator[None]:
    """Python's cyclic collector runs less often for the duration of a build."""
    threshold = gc.get_threshold()
    gc.set_threshold(BUILD_GC_THRESHOLD, *threshold[1:])
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


def _earlier_build(out: Path, spool: GraphSpool, *, rebuild: bool = False) -> BuildContents:
    from kg.splice import defer_earlier_build

    trig = out / GRAPH_TRIG
    if rebuild or not trig.exists():
        return BuildContents()
    # Read from the store when the earlier files can be spliced (kg/splice.py): the earlier
    # graphs then stay where they are. Otherwise they are copied into the spool.
    deferred = defer_earlier_build(out, spool)
    return deferred if deferred is not None else load_build(trig, spool)


def _labelled_count(dataset: Dataset) -> int:
    from kg.store import oxigraph_store, query_union

    store = oxigraph_store(dataset)
    answer = store.query(
        "SELECT (COUNT(DISTINCT ?e) AS ?n) "
        "WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?l }",
        use_default_graph_as_union=query_union(store),
    )
    assert isinstance(answer, ox.QuerySolutions)  # a SELECT
    (row,) = answer
    count: ox.Literal = row["n"]  # a COUNT is always bound, to an integer literal
    return int(count.value)


def write_outputs(
    spool: GraphSpool,
    out: Path,
    *,
    view: bool = True,
    jobs: int = 1,
    store: FullLoad | None = None,
) -> list[Path]:
    """graph.trig, graph.ttl, graph.html and the store from the spool's graphs. Each file is
    written in full to a temporary file in the spool's folder first, and the store as a new
    generation, and only then are they renamed into ``out`` (the store by its pointer), so a
    failure or a Ctrl-C before that leaves every earlier output as it was. A full build loads
    the store in background threads while the files are written (kg.graphstore.FullLoad: the
    ``store`` a new build started in pass one, else a new one); with ``jobs`` > 1 the two RDF
    files are written by two forked workers at once.

    When the spool stands for the earlier build's graphs without holding them (an incremental
    build, kg/splice.py), the earlier files are spliced instead, and written in full only when
    the splice does not apply."""
    if spool.deferred is not None:
        from kg.splice import write_spliced

        spliced = write_spliced(spool, out, draw=_draw_page if view else None)
        if spliced is not None:
            return spliced
        spool.load_deferred()
    trig, turtle, page = out / GRAPH_TRIG, out / GRAPH_TURTLE, out / GRAPH_HTML
    targets = [("trig", trig), ("turtle", turtle)]
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(forked_pool(2)) if jobs > 1 else None
        # The workers are forked before the store's threads start: a process forked while
        # other threads run inherits whatever locks they held.
        futures = [pool.submit(_write_rdf, spool, f, path) for f, path in targets] if pool else []
        loading = _start_store(spool, out, store)
        # Written here, graph.ttl's union tallies the store's counts while the store loads
        # (kg.storecounts.UnionTally): counted on the store, they wait for the whole load.
        union = UnionTally() if not futures and isinstance(loading, FullLoad) else None
        try:
            if futures:
                written = worker_results(futures)
            else:
                written = [_write_rdf(spool, fmt, path, union) for fmt, path in targets]
            temps = list(zip(written, [trig, turtle], strict=True))
            if view:
                temps.append((_write_view(spool), page))
        except BaseException:
            if isinstance(loading, FullLoad):
                loading.abandon()  # never leave the store to a thread mid-write
            raise
    generation = loading if isinstance(loading, str) else loading.result(union)
    # What an incremental build checks before it splices these files (kg/splice.py).
    record_outputs(
        out,
        generation,
        {GRAPH_TRIG: temps[0][0], GRAPH_TURTLE: temps[1][0]},
        spool.quads,
        spool.folder,
    )
    pointer = write_temp(out / STORE_POINTER, [pointer_text(generation)], spool.folder)
    commit_outputs(out, [*temps, (pointer, out / STORE_POINTER)])
    remove_old_generations(out)
    return [target for _, target in temps] + [out / STORE_FOLDER / generation]


def _draw_page(dataset: Dataset, selection: str | None, folder: Path) -> Path:
    """graph.html drawn from ``dataset`` (the whole graph, or the part ``selection`` says) in a
    temporary file in ``folder``."""
    from kg.view import write_view

    # A page past a few thousand nodes is unreadable and slow to open: the build's view shows
    # the most connected entities; `kg view --focus/--top/--query` shows any other part.
    top = BUILD_VIEW_MAX_NODES if _labelled_count(dataset) > BUILD_VIEW_MAX_NODES else None
    # Drawn from a part of the graph, the page says which part, not the view's own heading.
    heading = f"Knowledge graph \u2014 {selection}" if selection else None
    return write_view(dataset, folder / GRAPH_HTML, top=top, heading=heading)


def _write_view(spool: GraphSpool) -> Path:
    """graph.html in the spool's folder, drawn from the part of the graph the view shows."""
    return _draw_page(view_dataset(spool), view_selection(spool), spool.folder)


def _start_store(spool: GraphSpool, out: Path, started: FullLoad | None) -> FullLoad | str:
    """The build's store as a new generation: the earlier one with only the spool's changes
    applied when there is one (done at once: one document's graphs cost little), else a full
    load of the spool's graphs (into ``started`` when pass one began it), in the background."""
    if started is None and has_store(out) and (spool.added or spool.dropped) and spool.earlier:
        change = GraphChange(
            dropped=set(spool.dropped),
            added=[(key, spool.block(key).read_text()) for key in sorted(spool.added)],
        )
        generation = write_incremental(out, change)
        if generation is not None:
            return generation
    load = started or FullLoad(out, spool.folder)
    load.load(spool.graph_texts())
    return load


def _write_rdf(spool: GraphSpool, fmt: str, path: Path, union: UnionTally | None = None) -> Path:
    """The spool's graphs as ``fmt`` ("trig" or "turtle") in a temporary file for ``path``;
    Turtle's union lines tallied by ``union`` when given."""
    from kg.canonical import trig_of, turtle_of

    if fmt == "trig":
        chunks = trig_of(spool.graph_texts())
    else:
        chunks = turtle_of(spool.graph_lines(), union.add if union is not None else None)
    return write_temp(path, chunks, spool.folder)


def build(
    paths: Iterable[str],
    out_dir: str | os.PathLike[str],
    *,
    model: str | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    view: bool = True,
    rebuild: bool = False,
    aliases: str | os.PathLike[str] | None = None,
    jobs: int = 1,
    dask: str | None = None,
    on_error: Callable[[InputError], None] | None = None,
    on_document: Callable[[Extraction], None] | None = None,
    input_options: InputOptions | None = None,
    on_skip: Callable[[str, str], None] | None = None,
    on_warning: Callable[[str], None] | None = None,
    documents: Iterable[Document | InputError] | None = None,
    read_log: ReadLog | None = None,
    on_stage: Callable[[str], None] | None = None,
    on_unchanged: Callable[[Document], None] | None = None,
) -> BuildReport:
    """Build the graph of ``paths`` into ``out_dir``: graph.trig, graph.ttl and graph.html.

    Into a folder that already holds a build, only new or changed documents are read: a
    document already there (same text, same hash) is skipped, and one whose source file now
    has other text replaces its old graph. A re-run on the same input writes nothing.

    The build streams, in two passes, and holds no graph in memory. Pass one parses and
    extracts documents in batches (``extract_documents``), folds each document's names into the
    resolution index and spools its extraction (``ExtractionSpool``: in memory up to
    MEMORY_SPOOL_SENTENCES, then on disk). Pass two resolves each document against the finished
    index and writes its named graph as one block of sorted N-Triples lines to the graph spool
    (kg/graphspool.py); graph.trig and graph.ttl are then written from the spool in canonical
    order (kg/canonical.py), and graph.html from the part of the graph the view shows. All of it
    happens in a scratch folder inside ``out_dir`` that is removed at the end, whatever happens;
    the output files are renamed into place (journalled, ``commit_outputs``) only once every one
    of them is written.

    ``input_options`` say how to read the inputs (the columns of a JSON Lines/CSV corpus, a
    forced format); ``on_skip`` hears of each file of a folder that is not read and why,
    ``on_warning`` of each warning of the read stage (both are in the report too).

    ``documents``, when given, are read instead of ``paths`` (documents made in memory, as
    ``kg.build`` makes them from strings or a DataFrame), and ``read_log`` is the log their
    reader keeps (its counts go into the report). ``on_stage`` hears the name of each stage as
    it starts ("extracting", "resolving", "writing"), ``on_unchanged`` of each document
    skipped because the build already holds it.
    """
    from kg.rdf import document_iri, early_lines
    from kg.resolve import CorpusIndex, load_alias_rules

    started = time.perf_counter()
    rules = load_alias_rules(Path(aliases)) if aliases else None
    out = Path(out_dir)
    report = BuildReport()
    with (
        build_lock(out, rebuild=rebuild),
        _fewer_collections(),
        tempfile.TemporaryDirectory(dir=out, prefix=SCRATCH_PREFIX) as folder,
        contextlib.ExitStack() as on_exit,  # left first: before the scratch folder goes
    ):
        work = Path(folder)
        spool = GraphSpool(work)
        earlier = _earlier_build(out, spool, rebuild=rebuild)
        existing = earlier.documents
        by_source = {source: sha for sha, source in existing.items()}
        replaced: list[str] = []
        if read_log is None:
            read_log = ReadLog(on_skip=on_skip, on_warning=on_warning)
        if jobs > 1 and not dask and not may_start_processes():
            read_log.warn(
                f"{jobs} jobs need worker processes, which a daemonic process (a worker of a "
                "multiprocessing pool) may not start: built with one job"
            )
            jobs = 1
        unchanged: set[str] = set()

        def new_documents() -> Iterator[Document]:
            items = documents
            if items is None:
                items = read_documents(
                    paths, max_bytes=max_bytes, options=input_options, log=read_log
                )
            for item in items:
                if isinstance(item, InputError):
                    report.failures.append(item)
                    if on_error is not None:
                        on_error(item)
                elif item.id in existing:
                    report.unchanged += 1
                    unchanged.add(item.id)
                    if on_unchanged is not None:
                        on_unchanged(item)
                else:
                    # A new text from a file (or a row: "corpus.jsonl#id") replaces what that
                    # source held before; stdin names no file, so a second stdin build adds a
                    # document beside the first.
                    if item.source in by_source and not item.source.startswith(STDIN_SOURCE):
                        replaced.append(by_source[item.source])
                    yield item

        # A new build's store is loaded from pass one on: what pass one already knows of each
        # graph goes in while the parse goes on, on the core one parse leaves to extraction
        # (kg.graphstore.FullLoad); the write stage loads only the rest.
        early_store = FullLoad(out, work) if jobs == 1 and not dask and not existing else None
        if early_store is not None:
            # Whatever happens, the store is never left to a thread mid-write.
            on_exit.callback(early_store.abandon)

        # Pass one: extract, index the names for resolution, spool the extraction. With jobs,
        # the spool is cut in one part per worker of pass two, documents dealt in turn.
        index = CorpusIndex(earlier.entities, rules)
        if on_stage is not None:
            on_stage("extracting")
        clock = time.perf_counter()
        part_count = _pass_two_workers(jobs, dask)
        parts = extraction_spools(work, part_count)
        with contextlib.ExitStack() as stack:
            for part in parts:
                stack.callback(part.close)
            for extraction in extract_documents(
                new_documents(),
                model=model,
                jobs=jobs,
                dask=dask,
                on_document=on_document,
                may_parse_here=early_store.keeping_up if early_store is not None else None,
            ):
                # The document's name clusters go with it: pass two need not group again.
                clusters = index.add(extraction)
                parts[report.documents % len(parts)].add(extraction, clusters)
                if early_store is not None:
                    graph = document_iri(extraction.document.id)
                    make = functools.partial(early_lines, extraction, clusters.referring())
                    early_store.add_early(graph, make)
                report.documents += 1
                report.sentences += len(extraction.sentences)
        report.stages["read+parse+extract"] = time.perf_counter() - clock
        report.files_read, report.documents_read = read_log.files, read_log.documents
        report.skipped, report.warnings = read_log.skipped, read_log.warnings
        # A text that moved (the old source's text now read from another file or row) is
        # still in the corpus: its graph stays.
        replaced = [sha for sha in replaced if sha not in unchanged]
        if report.documents == 0 and not existing:
            raise KgError("no document could be read; nothing was written")
        if report.documents:
            # Pass two: resolve each document against the whole corpus, spool its named graph.
            if on_stage is not None:
                on_stage("resolving")
            clock = time.perf_counter()
            index.finish()
            if early_store is not None and len(parts) > 1:
                # Pass two's workers are forked: never while a thread is inside the store.
                early_store.finish_early()
            for sha in replaced:
                spool.drop(document_iri(sha))
            report.facts, report.entities = resolve_to_graphs(index, parts, spool)
            parts.clear()  # the extractions held in memory are not needed any more
            report.stages["resolve+rdf"] = time.perf_counter() - clock
            # Each file is replaced atomically; a failure part-way leaves the earlier files whole.
            if on_stage is not None:
                on_stage("writing")
            clock = time.perf_counter()
            report.outputs = write_outputs(spool, out, view=view, jobs=jobs, store=early_store)
            report.stages["write"] = time.perf_counter() - clock
            report.spliced = spool.spliced
        report.replaced = len(replaced)
        report.triples = spool.quads
    report.seconds = time.perf_counter() - started
    return report


def remove(
    out_dir: str | os.PathLike[str], references: Iterable[str], *, view: bool = True
) -> list[str]:
    """Drop documents from a build, named by source path or by (a prefix of) their sha256."""
    from kg.rdf import document_iri

    out = Path(out_dir)
    with build_lock(out), tempfile.TemporaryDirectory(dir=out, prefix=SCRATCH_PREFIX) as folder:
        if not (out / GRAPH_TRIG).exists():
            raise KgError(f"{out}: no {GRAPH_TRIG} here; is this a kg build folder?")
        spool = GraphSpool(Path(folder))
        existing = _earlier_build(out, spool).documents
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
        for sha in dropped:
            spool.drop(document_iri(sha))
        write_outputs(spool, out, view=view)
    return [existing[sha] for sha in dropped]
