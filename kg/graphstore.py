"""A build's on-disk Oxigraph store: what ``kg query``, ``stats``, ``explain``, ``view``,
``export`` and ``serve`` open read-only instead of loading graph.trig for every call.

Layout, inside a build folder::

    store.current        the generation readers open: one line, e.g. "g000007"
    store/g000007/       an Oxigraph (RocksDB) store: one named graph per document, and the
                         union of them in the default graph, each triple once (a set: Oxigraph's
                         union default graph is a bag, and a label would come back once per
                         document that states it)
    store/g000007/kg-counts.json
                         what ``kg stats`` prints, kept with the generation (kg/storecounts.py)
    store/g000007.lock   readers hold a shared flock on it while the generation is open
    store/g000007.outputs.json
                         the graph.trig and graph.ttl written with the generation (their
                         fingerprints) and its number of quads: an incremental build splices
                         those files only when they are still these (kg/splice.py)
    store/g000007.view.nt, .view.json
                         the part of a large build its graph.html was drawn from, and how it
                         was chosen: an incremental build adds to it (kg/splice.py)

Generations. A store that readers have open is never written: a build makes a new generation
and points ``store.current`` at it with an atomic rename, journalled with the build's other
renames (kg/buildfolder.py), so a reader sees the old build or the new one, never a mix. An
incremental build or ``kg remove`` starts the new generation as a checkpoint of the current one
(RocksDB hard-links its immutable table files: milliseconds, no copy) and changes only the
graphs of the documents added, replaced or removed, keeping the union in step. A full build
bulk-loads its graphs while it writes graph.trig and graph.ttl (``FullLoad``).

Old generations go once no reader holds them: after its commit a build (and the next one, if
a reader still held one) takes each old generation's lock exclusively without waiting, and
removes the generation only when that succeeds. A reader reads the pointer, takes the shared
lock, and checks that the generation is still there (a build may have removed it between the
two steps); if not, it reads the pointer again.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import queue
import re
import shutil
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from kg.canonical import GraphName, GraphText
from kg.errors import KgError
from kg.storecounts import CountsDelta, UnionTally, count_store, read_counts, write_counts

STORE_POINTER = "store.current"
STORE_FOLDER = "store"
_GENERATION = re.compile(r"^g(\d{6,})$")
_LOCK_SUFFIX = ".lock"
_OUTPUTS_SUFFIX = ".outputs.json"
VIEW_PART_SUFFIX = ".view.nt"
VIEW_SELECTION_SUFFIX = ".view.json"
# Files beside a generation that go with it.
_SIDECAR_SUFFIXES = (_OUTPUTS_SUFFIX, VIEW_PART_SUFFIX, VIEW_SELECTION_SUFFIX)
# How often a reader retries when builds keep replacing the generation it was about to open.
_OPEN_ATTEMPTS = 50


def current_generation(out: Path) -> str | None:
    """The generation ``store.current`` names, or None when the folder has no store."""
    try:
        name = (out / STORE_POINTER).read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        return None
    if not _GENERATION.match(name):
        raise KgError(f"{out / STORE_POINTER}: names no store generation ({name[:40]!r})")
    return name


def has_store(out: Path) -> bool:
    return out.is_dir() and (out / STORE_POINTER).is_file()


def outputs_record_path(out: Path, generation: str) -> Path:
    """Where the record of the files written with ``generation`` is (kg/splice.py)."""
    return sidecar_path(out, generation, _OUTPUTS_SUFFIX)


def sidecar_path(out: Path, generation: str, suffix: str) -> Path:
    return out / STORE_FOLDER / (generation + suffix)


def _remove_sidecars(out: Path, generation: str) -> None:
    for suffix in _SIDECAR_SUFFIXES:
        sidecar_path(out, generation, suffix).unlink(missing_ok=True)


def _generations(out: Path) -> list[str]:
    folder = out / STORE_FOLDER
    if not folder.is_dir():
        return []
    return sorted(name for name in os.listdir(folder) if _GENERATION.match(name))


def next_generation(out: Path) -> str:
    """A generation name not used in ``out`` yet (one more than the highest there)."""
    numbers = [int(_GENERATION.match(name).group(1)) for name in _generations(out)]  # type: ignore[union-attr]
    current = current_generation(out)
    if current is not None:
        numbers.append(int(current[1:]))
    return f"g{max(numbers, default=0) + 1:06d}"


# --- readers -----------------------------------------------------------------------------------


@dataclass
class OpenStore:
    """A generation open read-only, with the shared lock that keeps builds from removing it."""

    store: ox.Store
    folder: Path
    generation: str
    _lock: int | None = field(default=None, repr=False)

    def close(self) -> None:
        """Let builds remove this generation (the store object itself is closed when dropped)."""
        if self._lock is not None:
            with contextlib.suppress(OSError):
                os.close(self._lock)
            self._lock = None


# Generations this process has open (by the id of their store), so that their locks live as
# long as the process uses them; ``close_store`` lets one go.
_OPEN: dict[int, OpenStore] = {}


def close_store(store: ox.Store) -> None:
    """Let go of a store ``open_store`` opened: its lock is released (builds may then remove its
    generation) and the store is closed once the caller drops it too."""
    opened = _OPEN.pop(id(store), None)
    if opened is not None and opened.store is store:
        opened.close()


def open_store(out: Path) -> OpenStore:
    """The current generation of the build folder ``out``, read-only, locked against removal."""
    for _ in range(_OPEN_ATTEMPTS):
        generation = current_generation(out)
        if generation is None:
            raise KgError(f"{out}: no store in this folder")
        folder = out / STORE_FOLDER / generation
        try:
            lock = os.open(folder.with_name(generation + _LOCK_SUFFIX), os.O_RDONLY)
        except FileNotFoundError:
            continue  # removed by a build since the pointer was read: read it again
        try:
            fcntl.flock(lock, fcntl.LOCK_SH)
            if not folder.is_dir() or current_generation(out) is None:
                os.close(lock)
                continue
            store = ox.Store.read_only(str(folder))
        except BaseException:
            with contextlib.suppress(OSError):
                os.close(lock)
            raise
        opened = OpenStore(store, folder, generation, lock)
        _OPEN[id(store)] = opened
        return opened
    raise KgError(f"{out}: the store kept changing while it was being opened; try again")


def generation_folder(store: ox.Store) -> Path | None:
    """The generation folder of a store ``open_store`` opened; None for any other store."""
    opened = _OPEN.get(id(store))
    return opened.folder if opened is not None and opened.store is store else None


# --- writers (under the build lock: kg/buildfolder.py) -------------------------------------------


def _new_folder(out: Path, generation: str) -> Path:
    folder = out / STORE_FOLDER / generation
    folder.parent.mkdir(parents=True, exist_ok=True)
    folder.with_name(generation + _LOCK_SUFFIX).touch()
    if folder.exists():  # left by a build stopped before its commit: never pointed at
        shutil.rmtree(folder)
    return folder


class FullLoad:
    """A new generation bulk-loaded from a build's graphs in background threads: ``result``
    waits for it and names it, for ``pointer_text``.

    Oxigraph's on-disk bulk load costs about twice as much as everything else the write stage
    does (some 9 CPU seconds for 600 documents, 680,000 quads); it releases the GIL, so it runs
    on the cores the build's own thread leaves free. It goes in two steps:

    - ``add_early``, during pass one: the lines of a document's graph that pass one already
      knows (kg.rdf.early_lines: its sentences and its mentions, some 40 % of the quads) are
      loaded in batches by one background thread, on the core the parse leaves to extraction;
    - ``load``, once the graphs are written: the rest, in parts of some LATE_PART_BYTES
      (_LatePart: the named graphs, and their union into the default graph), each loaded by
      one of LATE_LOADERS threads as soon as it is written, while the build writes the next
      part and then its text files. Parts, not one file per thread: Oxigraph's bulk loader
      holds what it loads in memory (up to some 2 GB per thread) before it writes its
      tables, so a whole corpus in three files made the build's peak memory grow with the
      corpus (1.47 GB at 1,000 benchmark documents, 4.9 GB at 5,000; 0.62 and 1.21 GB in
      parts).

    What was loaded early is checked against the graph as written: each document's early lines
    are found in its graph (kg.rdf.split_early) and compared by digest with what was loaded. A
    document whose graph says otherwise (pass two may, in principle, leave a mention without a
    node) has its early quads taken out again and its whole graph loaded with the rest, so the
    store holds exactly the graphs, whatever pass two did (``repaired`` counts them).

    The graphs are handed over as the spool keeps them (each graph's N-Triples text), written
    first to scratch files (_LatePart).
    """

    def __init__(self, out: Path, scratch: Path) -> None:
        self.generation = next_generation(out)
        self.folder = _new_folder(out, self.generation)
        self._scratch = scratch
        # Opened at first use, not here: pass one may fork its parse process after the build
        # has made this object, and a forked process must not inherit an open RocksDB.
        self._store: ox.Store | None = None
        self._closed = False  # by result() or abandon(): never opened again
        self._errors: list[BaseException] = []
        self._threads: list[threading.Thread] = []
        # The document graphs' quads, for kg stats (kg/storecounts.py).
        self._quads = 0
        self.repaired = 0
        # Early lines: the documents whose lines are still to be made, the thread that makes
        # and loads them, the digest of each graph's lines it loaded, and its batches.
        self._early_queue: queue.SimpleQueue[_EarlyLines | None] = queue.SimpleQueue()
        self._early_thread: threading.Thread | None = None
        self._early_digests: dict[str, bytes] = {}
        self._batches = 0
        self.early_documents = 0  # handed to the loader thread
        self._abandoned = False  # a build stopped: batches not loaded yet are not loaded
        # The write stage's load: the parts written so far, and those for its threads to load.
        self._parts = 0
        self._late_queue: queue.SimpleQueue[_LatePart | None] = queue.SimpleQueue()

    # --- pass one ------------------------------------------------------------------------

    def add_early(self, graph: str, lines: Callable[[], Iterable[str]]) -> None:
        """Load, in the background, the lines ``lines()`` makes of the named graph ``graph`` (an
        IRI), which its final text must hold (kg.rdf.early_lines). They are made, sorted and
        written by the loader thread too: the parse releases the GIL while it multiplies
        matrices, and the build's own thread has no time to spare."""
        if self._early_thread is None:
            self._open()
            self._early_thread = threading.Thread(target=self._load_early)
            self._early_thread.start()
        self._early_queue.put((graph, lines))
        self.early_documents += 1

    def _load_early(self) -> None:
        """The loader thread: documents' early lines gathered in batches, each batch loaded
        when it is large enough, the last one when pass one is over."""
        _behind_the_build()
        batch_named: list[bytes] = []
        batch_union: list[bytes] = []
        size = 0
        while True:
            item = self._early_queue.get()
            if self._abandoned or self._errors:
                if item is None:
                    return
                continue  # the build stops, or the store failed: result() says so
            try:
                if item is not None:
                    graph, lines = item
                    text = "".join(sorted(set(lines()))).encode("utf-8")
                    self._early_digests[graph] = _digest(text)
                    batch_union.append(text)
                    batch_named.append(_as_quads(text, f"<{graph}>".encode()))
                    size += len(text)
                if batch_union and (item is None or size >= EARLY_BATCH_BYTES):
                    self._load_early_batch(batch_named, batch_union)
                    batch_named, batch_union, size = [], [], 0
            except BaseException as error:  # handed to the build's thread by ``result``
                self._errors.append(error)
            if item is None:
                return

    def _load_early_batch(self, named_texts: list[bytes], union_texts: list[bytes]) -> None:
        self._batches += 1
        named = self._scratch / f"store-early-{self._batches}.nq"
        union = self._scratch / f"store-early-{self._batches}.nt"
        named.write_bytes(b"".join(named_texts))
        union.write_bytes(b"".join(union_texts))
        self._load(named, ox.RdfFormat.N_QUADS)
        self._load(union, ox.RdfFormat.N_TRIPLES)
        named.unlink()
        union.unlink()

    def keeping_up(self) -> bool:
        """Whether the loader thread has at most EARLY_BACKLOG documents' early lines still to
        make and load: the build's thread may then take on other work (a parse) without
        leaving the early load for the write stage to wait for."""
        return self._early_queue.qsize() <= EARLY_BACKLOG

    def finish_early(self) -> None:
        """Every early line loaded (the loader thread told that pass one is over), and the
        thread ended: a process may be forked then without inheriting a store mid-write."""
        if self._early_thread is None:
            return
        self._early_queue.put(None)
        self._early_thread.join()
        self._early_thread = None

    # --- the write stage -----------------------------------------------------------------

    def load(self, graphs: Iterable[GraphText]) -> None:
        """Start loading the graphs as written, less what was loaded early, in the
        background: written to scratch files a part at a time (_LatePart), each part loading
        while the next is written."""
        from kg.rdf import split_early  # not on the readers' path: they import this module too

        self.finish_early()
        self._open()
        # Writing the parts (splitting off each graph's early lines, writing its quads) took
        # the build's thread 0.8-0.9 s at 1,500 benchmark documents, and the late load, which
        # the build waits for at its end, began only after it: now the first part loads
        # after a fraction of that, on the core the build's thread leaves free.
        self._threads = [threading.Thread(target=self._load_late) for _ in range(LATE_LOADERS)]
        for thread in self._threads:
            thread.start()
        early = self._early_digests
        mismatched: list[tuple[str, bytes]] = []  # named graphs: (name, text)
        part = self._new_part()
        try:
            for graph, text in graphs:
                if not isinstance(graph, ox.DefaultGraph):
                    # Each graph's lines are unique: their count is its quads.
                    self._quads += text.count(b"\n")
                    name = graph.value
                    if name in early:
                        loaded, rest = split_early(name, text)
                        if _digest(loaded) != early[name]:
                            mismatched.append((name, text))
                            continue
                        text = rest
                part.add(graph, text)
                if part.size >= LATE_PART_BYTES:
                    self._late_queue.put(part.close())
                    part = self._new_part()
            if not mismatched:
                self._late_queue.put(part.close())
        finally:
            part.close()  # a part not handed over is loaded by _repair, or not at all
            for _ in self._threads:
                self._late_queue.put(None)
        if mismatched:
            self._repair(mismatched, part)

    def _new_part(self) -> _LatePart:
        self._parts += 1
        return _LatePart(self._scratch, self._parts)

    def _repair(self, mismatched: list[tuple[str, bytes]], part: _LatePart) -> None:
        """The graphs whose early lines differ from what was loaded early, loaded whole into
        ``part`` (not handed over yet) once their early quads are taken out, with no load
        running then. Rare (pass two would have to leave a mention without a node): the
        build's thread waits for the loads before it."""
        for thread in self._threads:
            thread.join()
        part.reopen()
        for name, text in mismatched:
            part.add(ox.NamedNode(name), text)
            self._unload_graph(name)
        part.close()
        for path, rdf_format in part.files():
            if not self._errors:
                self._load(path, rdf_format)

    def _load_late(self) -> None:
        """A loader thread of the write stage: parts loaded as they come, until told there
        are no more."""
        _behind_the_build()
        while (part := self._late_queue.get()) is not None:
            for path, rdf_format in part.files():
                if not (self._abandoned or self._errors):
                    self._load(path, rdf_format)

    def _open(self) -> ox.Store:
        """The generation's store, opened on the build's thread before any thread loads it."""
        if self._store is None:
            assert not self._closed
            self._store = ox.Store(str(self.folder))
        return self._store

    def _unload_graph(self, name: str) -> None:
        """Take out what was loaded early for the graph ``name``: its quads (nothing else is
        in it yet), and the same triples from the default graph (its own nodes' lines: no
        other graph states them)."""
        assert self._store is not None
        graph = ox.NamedNode(name)
        for quad in list(self._store.quads_for_pattern(None, None, None, graph)):
            self._store.remove(quad)
            self._store.remove(ox.Quad(quad.subject, quad.predicate, quad.object))
        self.repaired += 1

    def _load(self, path: Path, rdf_format: ox.RdfFormat) -> None:
        assert self._store is not None
        try:
            # Lenient: the lines are kg's own N-Triples, which the build's text files parse
            # strictly enough to have checked already (kg/canonical.py); validating every IRI
            # again would cost a tenth of the load.
            self._store.bulk_load(path=str(path), format=rdf_format, lenient=True)
        except BaseException as error:  # handed to the build's thread by ``result``
            self._errors.append(error)

    def wait(self) -> None:
        """Every load finished (a build stopped by an error or Ctrl-C still waits: the store is
        closed before the process goes on, never left to a thread mid-write)."""
        self.finish_early()
        for thread in self._threads:
            thread.join()

    def abandon(self) -> None:
        """For a build that stops before its commit: every load finished and the store closed
        (its folder, never pointed at, goes with the next build's). Nothing once ``result``
        has closed it."""
        self._abandoned = True
        self.wait()
        self._closed = True
        self._store = None  # the last reference: RocksDB lets go of the folder's lock

    def result(self, union: UnionTally | None = None) -> str:
        """The generation, loaded, flushed and closed; a load's error raised here. Its counts
        (kg/storecounts.py) are ``union``'s when the build tallied the union's lines as it
        wrote graph.ttl, else counted on the store."""
        self.wait()
        if self._errors:
            raise KgError(f"the build's store could not be written: {self._errors[0]}")
        if not self._closed:
            store = self._open()
            if union is not None:
                counts = union.counts(named_quads=self._quads)
            else:
                counts = count_store(store, named_quads=self._quads)
            _close(store)
            self._store = None
            self._closed = True
            write_counts(self.folder, counts)
        return self.generation


# How much less of the processor the store's loader threads ask for than the build's own
# thread: their nice value is this much higher (at most 19).
LOADER_NICENESS = 10


def _behind_the_build() -> None:
    """The calling thread, and the threads Oxigraph's bulk load starts from it, run at a lower
    priority than the build's own work for the rest of their lives. The store has until the
    build's last step to be loaded, while the parse (in pass one) and the writing of the text
    files (in the write stage) hold up everything after them: three loads of several threads
    each, at equal priority, took two thirds of the processor from the text files' writer.
    On Linux a thread's nice value is its own, and threads inherit it from the thread that
    starts them; elsewhere this does nothing."""
    with contextlib.suppress(AttributeError, OSError):
        thread = threading.get_native_id()
        niceness = os.getpriority(os.PRIO_PROCESS, thread) + LOADER_NICENESS
        os.setpriority(os.PRIO_PROCESS, thread, min(niceness, 19))


# A document graph's name, and what makes the lines of it pass one knows.
_EarlyLines = tuple[str, Callable[[], Iterable[str]]]

# Bytes of early lines (N-Triples) loaded at a time: large enough that the store gets few
# table files to merge, small enough that the last batch, left for the write stage, is small.
EARLY_BATCH_BYTES = 8 << 20

# Documents whose early lines may wait for the loader thread while the build's thread parses.
EARLY_BACKLOG = 64


# The write stage's loader threads. The named graphs cost most to load (their quads go into
# six indexes, the default graph's triples into three), and each part is loaded as two files,
# so three threads share the cores evenly with the build's own thread.
LATE_LOADERS = 3

# Bytes of graphs' lines (N-Triples) in a part of the write stage's load: what one bulk load
# holds in memory is bounded by it, whatever the corpus's size; the first part starts loading
# after a small share of the graphs is written; and each load is still large enough that the
# store gets few table files to merge.
LATE_PART_BYTES = 16 << 20


class _LatePart:
    """Graphs' lines for the write stage's load, in two scratch files: the named graphs as
    N-Quads, and every graph's lines as they are for the default graph. A triple stated by
    several documents is loaded into the default graph several times and stored once (a store
    is a set of quads), which makes it their set union."""

    def __init__(self, scratch: Path, number: int) -> None:
        self.named = scratch / f"store-graphs-{number}.nq"
        self.union = scratch / f"store-union-{number}.nt"
        self._named_file = self.named.open("wb")
        self._union_file = self.union.open("wb")
        self.size = 0

    def reopen(self) -> None:
        """Closed, to be added to again."""
        self._named_file = self.named.open("ab")
        self._union_file = self.union.open("ab")

    def add(self, graph: GraphName, text: bytes) -> None:
        self._union_file.write(text)
        if not isinstance(graph, ox.DefaultGraph):
            text = _as_quads(text, str(graph).encode())
        self._named_file.write(text)
        self.size += len(text)

    def close(self) -> _LatePart:
        self._named_file.close()
        self._union_file.close()
        return self

    def files(self) -> list[tuple[Path, ox.RdfFormat]]:
        return [(self.named, ox.RdfFormat.N_QUADS), (self.union, ox.RdfFormat.N_TRIPLES)]


def _digest(text: bytes) -> bytes:
    return hashlib.blake2b(text, digest_size=16).digest()


def _as_quads(text: bytes, graph: bytes) -> bytes:
    """N-Triples lines as N-Quads in ``graph`` (an N-Triples IRI). N-Triples escapes line
    breaks inside literals, so " .\n" ends a statement and nothing else: each line gets the
    graph's name before its final dot."""
    return text.replace(b" .\n", b" " + graph + b" .\n")


@dataclass
class GraphChange:
    """Named graphs to drop, and graphs to add (each a graph name and its N-Triples text)."""

    dropped: set[str] = field(default_factory=set)
    added: list[tuple[str, bytes]] = field(default_factory=list)


def write_incremental(out: Path, change: GraphChange) -> str | None:
    """A new generation: a checkpoint of the current one with only ``change`` applied, the union
    in the default graph kept in step. None when the folder has no store to start from."""
    current = current_generation(out)
    if current is None or not (out / STORE_FOLDER / current).is_dir():
        return None
    generation = next_generation(out)
    folder = _new_folder(out, generation)
    ox.Store.read_only(str(out / STORE_FOLDER / current)).backup(str(folder))
    # The earlier counts with this change's delta: never a recount. None from an older kg: the
    # new generation has none either, and kg stats counts.
    earlier_counts = read_counts(out / STORE_FOLDER / current)
    store = ox.Store(str(folder))
    delta = apply_change(store, change)
    _close(store)
    if earlier_counts is not None:
        write_counts(folder, earlier_counts.updated(delta))
    return generation


def apply_change(store: ox.Store, change: GraphChange) -> CountsDelta:
    """Drop and add named graphs in ``store``, and keep its default graph the set union of them:
    a dropped graph's triple leaves the union only when no other graph states it. Returns what
    that did to the counts kg stats prints (kg/storecounts.py)."""
    delta = CountsDelta()
    default = ox.DefaultGraph()
    added_names = {name for name, _ in change.added}
    gone: set[ox.Triple] = set()
    for name in sorted(change.dropped | added_names):
        graph = ox.NamedNode(name)
        if not store.contains_named_graph(graph):
            continue
        triples = [quad.triple for quad in store.quads_for_pattern(None, None, None, graph)]
        delta.quads -= len(triples)
        gone.update(triples)
        store.remove_graph(graph)
    for name, text in change.added:
        graph = ox.NamedNode(name)
        # Each triple once, as the graph holds it, so that the counts count it once.
        triples = list(dict.fromkeys(ox.parse(text, format=ox.RdfFormat.N_TRIPLES)))
        delta.quads += len(triples)
        delta.union_added(
            [t for t in triples if ox.Quad(t.subject, t.predicate, t.object, default) not in store]
        )
        store.extend(ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples)
        store.extend(ox.Quad(t.subject, t.predicate, t.object, default) for t in triples)
    for triple in gone:
        stated = (
            quad
            for quad in store.quads_for_pattern(triple.subject, triple.predicate, triple.object)
            if not isinstance(quad.graph_name, ox.DefaultGraph)
        )
        if next(stated, None) is None:
            store.remove(ox.Quad(triple.subject, triple.predicate, triple.object, default))
            delta.union_removed(triple)
    return delta


def _close(store: ox.Store) -> None:
    """Everything on disk (no write-ahead log left to replay), and the store closed."""
    store.flush()
    del store


def pointer_text(generation: str) -> bytes:
    return generation.encode() + b"\n"


def remove_old_generations(out: Path) -> list[str]:
    """Remove every generation but the current one that no reader holds; returns their names.
    One a reader still holds is left for a later build."""
    current = current_generation(out)
    removed = []
    folder = out / STORE_FOLDER
    for name in _generations(out) + _orphan_locks(out):
        if name == current:
            continue
        lock_path = folder / (name + _LOCK_SUFFIX)
        try:
            lock = os.open(lock_path, os.O_RDONLY)
        except FileNotFoundError:
            shutil.rmtree(folder / name, ignore_errors=True)
            _remove_sidecars(out, name)
            removed.append(name)
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(lock)
            continue
        try:
            shutil.rmtree(folder / name, ignore_errors=True)
            _remove_sidecars(out, name)
            lock_path.unlink(missing_ok=True)
        finally:
            os.close(lock)
        removed.append(name)
    return sorted(set(removed))


def _orphan_locks(out: Path) -> list[str]:
    folder = out / STORE_FOLDER
    if not folder.is_dir():
        return []
    # A lock or an outputs record whose generation is gone (or never was: a stopped build).
    names = {name.split(".", 1)[0] for name in os.listdir(folder)}
    return sorted(name for name in names if _GENERATION.match(name))


# --- what an incremental build needs of the earlier build ---------------------------------------

_DOCUMENTS = """
SELECT ?sha ?source WHERE {
  ?d a <https://w3id.org/kg/ontology#Document> ; <https://w3id.org/kg/ontology#sha256> ?sha .
  OPTIONAL { ?d <http://purl.org/dc/terms/source> ?source }
}"""


def store_documents(store: ox.Store) -> dict[str, str]:
    """sha256 -> source of every document in a build's store."""
    answer = store.query(_DOCUMENTS)
    assert isinstance(answer, ox.QuerySolutions)
    return {
        row["sha"].value: (row["source"].value if row["source"] is not None else "")
        for row in answer
    }


def graph_texts(store: ox.Store, names: Iterable[str]) -> Iterator[tuple[str, bytes]]:
    """Each named graph's N-Triples text."""
    for name in names:
        data = store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name))
        yield name, data or b""
