"""An incremental build's outputs spliced into the earlier ones instead of rewritten.

A build that adds (or drops) a few documents changes a few graphs of graph.trig and a few
subjects of graph.ttl; rewriting both in full costs time in proportion to the whole build (two
files of a gigabyte each at 20,000 documents, and parsing the earlier graph.trig to copy its
graphs into the spool first). Both files are canonical (kg/canonical.py): graph.trig is one
block per named graph in graph-name order, graph.ttl one block per subject of the union in the
order of its N-Triples lines. So the new file is the old one with blocks left out, replaced or
inserted at their sorted positions. Each position is found by a binary search over the old file
(seeking to the start of a block and reading its name: no index to keep), the bytes between the
changed blocks are copied by the kernel (``os.copy_file_range``), and only the changed blocks are
serialised, by the same writer a full build uses, so the bytes are those of a full build.

What an incremental build needs of the earlier one (the documents and the entities new ones may
link to) is read from the record of its files and from its store (``defer_earlier_build``), not
by parsing graph.trig, and the store itself takes only the changed graphs (kg/graphstore.py).

The splice applies only to files exactly as the build that made the store's current generation
wrote them: each generation has a record of its graph.trig and graph.ttl (size and modification
time: ``record_outputs``), and a folder whose files differ (edited by hand, copied from
elsewhere, or an older kg without the record) takes the full rewrite instead. So does a file
whose layout the splice does not expect (``SpliceUnavailable``): correctness first.
"""

from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor, wait
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING

import pyoxigraph as ox

from kg.atomic import fill_temp, write_temp
from kg.buildfolder import GRAPH_TRIG, GRAPH_TURTLE
from kg.canonical import _PREFIX_HEADER, in_memory, sorted_lines, trig_of
from kg.graphstore import STORE_FOLDER, current_generation, outputs_record_path
from kg.vocab import PREFIXES

if TYPE_CHECKING:
    from rdflib import Dataset

    from kg.graphspool import BuildContents, GraphSpool

# How many bytes a probe of the binary search reads at a time: a block's name is on its first
# line, so one read usually finds the next block's start and its name.
PROBE_BYTES = 1 << 16
# Bytes copied by the kernel per call (it may copy fewer: the loop goes on until done).
COPY_BYTES = 1 << 30

_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_DCTERMS_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
_KG_SHA256 = ox.NamedNode("https://w3id.org/kg/ontology#sha256")


class SpliceUnavailable(Exception):
    """The earlier files are not as the splice expects them: write them in full instead."""


# --- the record of a generation's files ----------------------------------------------------------


@dataclass(frozen=True)
class OutputsRecord:
    """What a build wrote beside a store generation: its files' fingerprints and the number of
    quads in its named graphs (the build summary's triple count)."""

    files: dict[str, list[int]]
    quads: int
    documents: dict[str, list[str]]  # graph name -> [sha256, source] of each document


def _fingerprint(path: Path) -> list[int]:
    # A rename keeps both, and so does a copy that keeps times (cp -p, shutil.copytree); an
    # edit changes the modification time. (Not the inode: a copied build is still the build.)
    status = path.stat()
    return [status.st_size, status.st_mtime_ns]


def record_outputs(
    out: Path,
    generation: str,
    files: dict[str, Path],
    quads: int,
    folder: Path,
    documents: dict[str, list[str]] | None = None,
) -> None:
    """Record the files a build is about to rename into ``out`` (their temporary files: a
    rename keeps the fingerprint) beside the store generation it made, with the build's
    documents (read from the generation when not given) and the part of the graph its page was
    drawn from when ``folder`` (the spool's) holds one."""
    from kg.graphspool import VIEW_PART_FILE, VIEW_SELECTION_FILE
    from kg.graphstore import VIEW_PART_SUFFIX, VIEW_SELECTION_SUFFIX, sidecar_path

    if documents is None:
        try:
            documents = store_documents(ox.Store.read_only(str(out / STORE_FOLDER / generation)))
        except SpliceUnavailable:
            return  # no record: the next build rewrites the files in full
    for name, suffix in (
        (VIEW_PART_FILE, VIEW_PART_SUFFIX),
        (VIEW_SELECTION_FILE, VIEW_SELECTION_SUFFIX),
    ):
        if (folder / name).exists():
            os.replace(folder / name, sidecar_path(out, generation, suffix))
    record = {
        "files": {name: _fingerprint(path) for name, path in files.items()},
        "quads": quads,
        "documents": documents,
    }
    path = outputs_record_path(out, generation)
    temp = write_temp(path, [json.dumps(record, sort_keys=True).encode()])
    os.replace(temp, path)


def current_record(out: Path) -> OutputsRecord | None:
    """The record of the current generation when the build folder's files are still those it
    describes; None otherwise (no store, no record, or a file changed since)."""
    generation = current_generation(out)
    if generation is None or not (out / STORE_FOLDER / generation).is_dir():
        return None
    try:
        data = json.loads(outputs_record_path(out, generation).read_text(encoding="utf-8"))
        record = OutputsRecord(
            files=data["files"], quads=int(data["quads"]), documents=data["documents"]
        )
        for name in (GRAPH_TRIG, GRAPH_TURTLE):
            if _fingerprint(out / name) != record.files[name]:
                return None
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return record


# --- what new documents need of the earlier build, from its store --------------------------------


def store_documents(store: ox.Store) -> dict[str, list[str]]:
    """graph name -> [sha256, source] of each document graph of a store, as ``load_build``
    reads them: a document graph names itself, and its node carries the hash and the source."""
    # Two scans of one predicate each, not a lookup per document. Even so each quad costs
    # lookups of its terms: 2-4 s at 20,000 documents, which is why a build keeps these in the
    # record of its files (``record_outputs``) and an incremental build reads them there.
    hashes: dict[ox.NamedNode, str] = {}
    for quad in store.quads_for_pattern(None, _KG_SHA256, None, None):
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode) and quad.subject == graph:
            if not isinstance(quad.object, ox.Literal) or graph in hashes:
                raise SpliceUnavailable("a document with two hashes")
            hashes[graph] = quad.object.value
    sources: dict[ox.NamedNode, str] = {}
    for quad in store.quads_for_pattern(None, _DCTERMS_SOURCE, None, None):
        graph = quad.graph_name
        if isinstance(graph, ox.NamedNode) and quad.subject == graph and graph in hashes:
            if not isinstance(quad.object, ox.Literal) or graph in sources:
                raise SpliceUnavailable("a document with two sources")
            sources[graph] = quad.object.value
    return {graph.value: [sha, sources.get(graph, "")] for graph, sha in hashes.items()}


def linkable_entities(store: ox.Store) -> list[tuple[str, str, str]]:
    """(IRI, class name, label) of each person and organisation of a build's store, sorted, as
    ``load_build`` reads them of graph.trig: the store's default graph is the union of its
    graphs (kg/graphstore.py), where each label and class is once whatever the graphs stating
    it. A few hundred indexed lookups."""
    from kg.graphspool import _ENTITY_CLASSES, _LINKABLE

    entities = []
    for iri, kind in _ENTITY_CLASSES.items():
        if kind not in _LINKABLE:
            continue
        for quad in store.quads_for_pattern(None, _RDF_TYPE, iri, ox.DefaultGraph()):
            if not isinstance(quad.subject, ox.NamedNode):
                raise SpliceUnavailable("a blank node")  # only in hand-written input
            labels = store.quads_for_pattern(quad.subject, _RDFS_LABEL, None, ox.DefaultGraph())
            for label in labels:
                if isinstance(label.object, ox.Literal):
                    entities.append((quad.subject.value, kind, label.object.value))
    return sorted(entities)


# --- finding blocks in a canonical file ------------------------------------------------------


def expand(token: bytes) -> bytes:
    """The IRI of a Turtle IRI token as kg's files write it: ``<iri>`` or a prefixed name of
    kg's prefixes (local names carry backslash escapes, ``doc:x\\/sentence\\/4``)."""
    if token.startswith(b"<") and token.endswith(b">"):
        return token[1:-1]
    prefix, colon, local = token.partition(b":")
    namespace = PREFIXES.get(prefix.decode("utf-8"))
    if not colon or namespace is None or token.startswith(b"_:"):
        raise SpliceUnavailable(f"not an IRI kg writes: {token[:80]!r}")
    unescaped = bytearray()
    escaped = False
    for byte in local:
        if byte == 0x5C and not escaped:  # a backslash escapes the next character
            escaped = True
            continue
        escaped = False
        unescaped.append(byte)
    return namespace.encode("utf-8") + bytes(unescaped)


class _Blocks:
    """A canonical file read as a sorted sequence of blocks. A block starts at a line that is
    not indented (a subject in Turtle, a graph's opening line in TriG; the lines inside a block
    start with a tab, and literals hold no raw line break), and its key is the N-Triples form
    of its first token: the order of the file's blocks."""

    def __init__(self, path: Path, header: bytes, *, trig: bool) -> None:
        self.fd = os.open(path, os.O_RDONLY)
        self.size = os.fstat(self.fd).st_size
        self.trig = trig
        if os.pread(self.fd, len(header), 0) != header:
            os.close(self.fd)
            raise SpliceUnavailable(f"{path.name} does not start with kg's prefixes")
        self.start = len(header)
        self._keys: dict[int, bytes] = {}

    def close(self) -> None:
        os.close(self.fd)

    def _is_start(self, line: bytes) -> bool:
        if line[:1] in (b"\t", b""):
            return False
        return not (self.trig and line.startswith(b"}"))

    def next_start(self, offset: int) -> int:
        """The first block start at or after ``offset``, or the file's size."""
        offset = self.start if offset <= self.start else self.line_after(offset - 1)
        while offset < self.size:
            chunk = os.pread(self.fd, PROBE_BYTES, offset)
            position = 0
            while True:
                end = chunk.find(b"\n", position)
                if end < 0:
                    break
                if self._is_start(chunk[position : end + 1]):
                    return offset + position
                position = end + 1
            if position == 0:  # a line longer than a probe: skip to its end
                offset = self.line_after(offset)
            else:
                offset += position
        return self.size

    def line_after(self, offset: int) -> int:
        """The start of the first line after ``offset`` (the byte after the next line break)."""
        while offset < self.size:
            chunk = os.pread(self.fd, PROBE_BYTES, offset)
            found = chunk.find(b"\n")
            if found >= 0:
                return offset + found + 1
            offset += len(chunk)
        return self.size

    def key(self, start: int) -> bytes:
        """The sort key of the block starting at ``start``: ``<iri>`` (TriG: the graph name as
        kg/canonical.py orders graphs) or ``<iri> `` (Turtle: how its N-Triples lines begin)."""
        if start not in self._keys:
            head = os.pread(self.fd, PROBE_BYTES, start)
            space = head.find(b" ")
            if space <= 0:
                raise SpliceUnavailable("a block without a name")
            token = head[:space]
            iri = b"<" + expand(token) + b">"
            self._keys[start] = iri if self.trig else iri + b" "
        return self._keys[start]

    def lower_bound(self, key: bytes, low: int) -> int:
        """The first block start at or after ``low`` (a block start) whose key is ``key`` or
        after it, or the file's size."""
        high = self.size
        if low >= high:
            return high
        while low < high:
            middle = self.next_start((low + high) // 2 + 1)
            if middle >= high:  # none from half way on: try the block right after low
                middle = self.next_start(self.line_after(low))
                if middle >= high:  # low is the only block before high
                    return low if self.key(low) >= key else high
            if self.key(middle) >= key:
                high = middle
            else:
                low = middle
        return low

    def read(self, start: int, end: int) -> bytes:
        return os.pread(self.fd, end - start, start)


def _copy(source: int, target: int, start: int, end: int) -> None:
    """Bytes ``start``..``end`` of ``source`` appended to ``target``, copied in the kernel."""
    while start < end:
        try:
            copied = os.copy_file_range(source, target, min(end - start, COPY_BYTES), start)
        except OSError:  # a file system or kernel without it: through user space
            copied = os.write(target, os.pread(source, min(end - start, 1 << 22), start))
        if copied <= 0:
            raise OSError("copying a range of the earlier file made no progress")
        start += copied


@dataclass
class _Edit:
    """A block to replace (or insert): its key, and how to make its new text from the old
    block's text (b"" when there was none; a result of b"" leaves the block out)."""

    key: bytes
    make: Callable[[bytes], bytes]


# A chunk of a spliced file: bytes to write, or a (start, end) range of the old file to copy.
_Chunk = bytes | tuple[int, int]


def _splice(old: Path, edits: list[_Edit], folder: Path, *, trig: bool, name: str) -> Path:
    """The old file with each edit's block replaced or inserted, in a temporary file in
    ``folder`` (fsynced, ready to be renamed)."""
    blocks = _Blocks(old, _PREFIX_HEADER, trig=trig)
    try:

        def chunks() -> Iterator[_Chunk]:
            yield _PREFIX_HEADER
            position = blocks.start
            for edit in sorted(edits, key=lambda e: e.key):
                start = blocks.lower_bound(edit.key, position)
                if start < blocks.size and blocks.key(start) == edit.key:
                    end = blocks.next_start(blocks.line_after(start))
                    before = blocks.read(start, end)
                else:
                    end, before = start, b""
                yield (position, start)
                yield edit.make(before)
                position = end
            yield (position, blocks.size)

        return _write_with_copies(old.parent / name, chunks(), blocks.fd, folder)
    finally:
        blocks.close()


def _write_with_copies(target: Path, chunks: Iterable[_Chunk], source: int, folder: Path) -> Path:
    """Like kg.atomic.write_temp, where a (start, end) chunk is that range of ``source``,
    copied by the kernel."""

    def fill(handle: IO[bytes]) -> None:
        for chunk in chunks:
            if isinstance(chunk, tuple):
                handle.flush()  # what was written so far goes before the copied range
                _copy(source, handle.fileno(), *chunk)
                handle.seek(0, os.SEEK_END)
            elif chunk:
                handle.write(chunk)

    return fill_temp(target, fill, folder)


# --- graph.trig --------------------------------------------------------------------------------


def splice_trig(
    old: Path, dropped: Iterable[str], added: list[tuple[str, bytes]], folder: Path
) -> Path:
    """graph.trig with the ``dropped`` graphs left out and the ``added`` ones (name, sorted
    N-Triples text) in place, in a temporary file in ``folder``."""
    blocks = {key: b"" for key in dropped}
    for key, text in added:
        # The block as a full build writes it: trig_of of this graph alone, less the prefixes.
        blocks[key] = b"".join(trig_of([(ox.NamedNode(key), text)]))[len(_PREFIX_HEADER) :]

    def replacement(block: bytes) -> Callable[[bytes], bytes]:
        return lambda _before: block

    edits = [
        _Edit(b"<" + key.encode("utf-8") + b">", replacement(block))
        for key, block in blocks.items()
    ]
    return _splice(old, edits, folder, trig=True, name=GRAPH_TRIG)


# --- graph.ttl ---------------------------------------------------------------------------------


def _nt_lines(triples: Iterable[ox.Triple]) -> list[bytes]:
    return sorted_lines(in_memory(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)))


def _turtle_block(lines: list[bytes]) -> bytes:
    """One subject's sorted N-Triples lines as the Turtle writer of a full build writes them."""
    if not lines:
        return b""
    text = in_memory(
        ox.serialize(
            ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES),
            format=ox.RdfFormat.TURTLE,
            prefixes=PREFIXES,
        )
    )
    start = 0
    while text.startswith(b"@prefix ", start):
        start = text.index(b"\n", start) + 1
    return text[start:]


def splice_turtle(old: Path, added: set[bytes], removed: set[bytes], folder: Path) -> Path:
    """graph.ttl with the union's ``added`` N-Triples lines in and its ``removed`` lines out:
    each subject they touch re-serialised whole at its place, in a temporary file in ``folder``."""
    by_subject: dict[bytes, tuple[list[bytes], list[bytes]]] = defaultdict(lambda: ([], []))
    for line in added:
        by_subject[line[: line.index(b" ") + 1]][0].append(line)
    for line in removed:
        by_subject[line[: line.index(b" ") + 1]][1].append(line)

    def make(key: bytes, plus: list[bytes], minus: list[bytes]) -> Callable[[bytes], bytes]:
        def new_block(before: bytes) -> bytes:
            lines = set(plus)
            if before:
                triples = list(ox.parse(_PREFIX_HEADER + before, format=ox.RdfFormat.TURTLE))
                if any(not isinstance(t.subject, ox.NamedNode) for t in triples):
                    raise SpliceUnavailable("a blank node in graph.ttl")
                lines.update(_nt_lines(triples))
                if any(not line.startswith(key) for line in lines):
                    raise SpliceUnavailable("a subject block holds another subject")
            return _turtle_block(sorted(lines - set(minus)))

        return new_block

    for key in by_subject:
        if not key.startswith(b"<"):
            raise SpliceUnavailable("a blank node")  # kg writes none; hand-written input may
    edits = [_Edit(key, make(key, *changes)) for key, changes in by_subject.items()]
    return _splice(old, edits, folder, trig=False, name=GRAPH_TURTLE)


def union_change(
    store: ox.Store, dropped: Iterable[str], added: Iterable[bytes]
) -> tuple[set[bytes], set[bytes], int]:
    """(lines the union gains, lines it loses, quads dropped) when the ``dropped`` graphs leave
    the build of ``store`` and graphs of the ``added`` N-Triples lines join it: a dropped
    graph's triple leaves the union only when no graph that stays states it."""
    dropped = set(dropped)
    kept_added = set(added)
    gone: set[bytes] = set()
    quads = 0
    for name in dropped:
        lines = sorted_lines(
            in_memory(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(name)))
        )
        quads += len(lines)
        gone.update(lines)
    gone -= kept_added
    removed = set()
    for line in gone:
        (triple,) = ox.parse(line, format=ox.RdfFormat.N_TRIPLES)
        stated = any(
            isinstance(quad.graph_name, ox.NamedNode) and quad.graph_name.value not in dropped
            for quad in store.quads_for_pattern(triple.subject, triple.predicate, triple.object)
        )
        if not stated:
            removed.add(line)
    return kept_added, removed, quads


# --- an incremental build ----------------------------------------------------------------------


def defer_earlier_build(out: Path, spool: GraphSpool) -> BuildContents | None:
    """What new documents need of the earlier build in ``out``, read from its store, with the
    earlier graphs left where they are (``GraphSpool.defer_earlier``); None when the splice does
    not apply to this folder (then ``load_build`` copies the graphs in, as before)."""
    from kg.graphspool import BuildContents
    from kg.types import Entity

    record = current_record(out)
    generation = current_generation(out)
    if record is None or generation is None:
        return None
    try:
        store = ox.Store.read_only(str(out / STORE_FOLDER / generation))
        entities = linkable_entities(store)
    except (SpliceUnavailable, OSError):
        return None
    spool.defer_earlier(out / GRAPH_TRIG, set(record.documents), record.quads)
    documents = {sha: source for sha, source in record.documents.values()}
    return BuildContents(
        documents=documents,
        entities=[
            Entity(key=label, label=label, type=kind)  # type: ignore[arg-type]
            for _, kind, label in entities
        ],
    )


# What draws the page of a build: (the dataset, the part of the graph it shows or None, the
# folder for its temporary file) -> the temporary file (kg/pipeline.py).
DrawPage = Callable[["Dataset", "str | None", Path], Path]


def write_spliced(spool: GraphSpool, out: Path, *, draw: DrawPage | None) -> list[Path] | None:
    """The outputs of an incremental build whose earlier graphs are deferred in ``spool``:
    graph.trig and graph.ttl spliced, a store generation with the changes alone, the page, all
    renamed into place as a full build's are. None when the splice does not apply (nothing is
    then written: the caller writes the files in full)."""
    from kg.buildfolder import GRAPH_HTML, commit_outputs
    from kg.graphspool import view_selection
    from kg.graphstore import (
        STORE_POINTER,
        GraphChange,
        pointer_text,
        remove_old_generations,
        write_incremental,
    )

    record = current_record(out)
    generation = current_generation(out)
    if record is None or generation is None or spool.deferred is None:
        return None
    if spool.added & (record.documents.keys() - spool.dropped):
        # A graph both in the earlier build and added again: the full path merges the two
        # (GraphSpool.adopt), which a splice that replaces blocks would not.
        return None
    added = [(key, spool.block(key).read_text()) for key in sorted(spool.added)]
    added_quads = sum(spool.block(key).lines for key in spool.added)
    # The lines as pyoxigraph writes them, as the store's lines are, so that sets compare.
    added_lines = {
        line
        for _, text in added
        for line in _nt_lines(ox.parse(text, format=ox.RdfFormat.N_TRIPLES))
    }
    earlier = ox.Store.read_only(str(out / STORE_FOLDER / generation))
    gained, lost, dropped_quads = union_change(earlier, spool.dropped, added_lines)
    del earlier
    # The spool now counts the quads of the whole build, as if the earlier graphs were in it.
    spool.deferred_quads = record.quads - dropped_quads
    assert spool.quads == record.quads - dropped_quads + added_quads
    # The two files are spliced in threads while this one updates the store and draws the
    # page: most of a splice is the kernel copying, which holds no lock of Python's.
    with ThreadPoolExecutor(max_workers=2, thread_name_prefix="kg-splice") as pool:
        splices = [
            pool.submit(splice_trig, out / GRAPH_TRIG, spool.dropped, added, spool.folder),
            pool.submit(splice_turtle, out / GRAPH_TURTLE, gained, lost, spool.folder),
        ]
        new = write_incremental(out, GraphChange(dropped=set(spool.dropped), added=added))
        page = None
        if new is not None and draw is not None:
            page = draw(
                _view_dataset(spool, out, generation, new), view_selection(spool), spool.folder
            )
        wait(splices)
    temps = [future.result() for future in splices if future.exception() is None]
    if new is None or len(temps) < len(splices):
        # A file not as the splice expects it (SpliceUnavailable), or no store after all: the
        # caller writes everything in full, and the generation made here is never pointed at.
        for temp in temps:
            temp.unlink(missing_ok=True)
        for future in splices:
            error = future.exception()
            if error is not None and not isinstance(error, SpliceUnavailable):
                raise error
        return None
    renames = list(zip(temps, [out / GRAPH_TRIG, out / GRAPH_TURTLE], strict=True))
    if page is not None:
        renames.append((page, out / GRAPH_HTML))
    # The documents now: the earlier ones less those dropped, and those of the added graphs.
    documents = {k: v for k, v in record.documents.items() if k not in spool.dropped}
    added_store = ox.Store()
    added_store.bulk_extend(
        ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(key))
        for key, text in added
        for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES)
    )
    documents.update(store_documents(added_store))
    record_outputs(
        out,
        new,
        {GRAPH_TRIG: temps[0], GRAPH_TURTLE: temps[1]},
        spool.quads,
        spool.folder,
        documents,
    )
    pointer = write_temp(out / STORE_POINTER, [pointer_text(new)], spool.folder)
    commit_outputs(out, [*renames, (pointer, out / STORE_POINTER)])
    remove_old_generations(out)
    spool.spliced = True
    return [target for _, target in renames] + [out / STORE_FOLDER / new]


def _view_dataset(spool: GraphSpool, out: Path, earlier: str, generation: str) -> Dataset:
    """What the page of the build is drawn from: the whole graph when it is small, read from
    the new store generation; else the bounded part ``view_dataset`` chooses. When documents
    were only added, that is the earlier build's part (kept beside its generation) and what the
    new graphs state about the same entities and edges (``view_part`` of them alone, so the
    provenance caps apply to each build's additions); which entities and edges are shown is
    chosen again by a full build or a removal, which read every graph."""
    from kg.graphspool import (
        VIEW_PART_FILE,
        VIEW_SELECTION_FILE,
        VIEW_SENTENCES_PER_ENTITY,
        VIEW_STATEMENTS_PER_EDGE,
        _drawn_whole,
        view_dataset,
        view_part,
    )
    from kg.graphstore import VIEW_PART_SUFFIX, VIEW_SELECTION_SUFFIX, sidecar_path
    from kg.store import new_dataset, oxigraph_store

    dataset = new_dataset()
    store = oxigraph_store(dataset)
    if _drawn_whole(spool):
        # The named graphs only: the default graph of a build's store is their union, which
        # the files (and so a full build's page) do not hold as a graph of its own.
        generation_store = ox.Store.read_only(str(out / STORE_FOLDER / generation))
        store.bulk_extend(
            quad
            for quad in generation_store.quads_for_pattern(None, None, None, None)
            if not isinstance(quad.graph_name, ox.DefaultGraph)
        )
        return dataset
    part_path = sidecar_path(out, earlier, VIEW_PART_SUFFIX)
    selection_path = sidecar_path(out, earlier, VIEW_SELECTION_SUFFIX)
    if spool.dropped or not part_path.exists() or not selection_path.exists():
        spool.load_deferred()
        return view_dataset(spool)
    selection = json.loads(selection_path.read_text(encoding="utf-8"))
    entities = {ox.NamedNode(e) for e in selection["entities"]}
    edges = {(ox.NamedNode(s), ox.NamedNode(p), ox.NamedNode(o)) for s, p, o in selection["edges"]}
    store.bulk_load(path=str(part_path), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.DefaultGraph())
    added = sorted(spool.added, key=lambda key: f"<{key}>")
    store.extend(
        ox.Quad(t.subject, t.predicate, t.object)
        for t in view_part(
            ((ox.NamedNode(key), spool.block(key).read()) for key in added),
            entities=entities,
            edges=edges,
            statements_per_edge=VIEW_STATEMENTS_PER_EDGE,
            sentences_per_entity=VIEW_SENTENCES_PER_ENTITY,
        )
    )
    # The new generation keeps the grown part, for the next build.
    (spool.folder / VIEW_PART_FILE).write_bytes(
        in_memory(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
    )
    (spool.folder / VIEW_SELECTION_FILE).write_text(json.dumps(selection), encoding="utf-8")
    return dataset
