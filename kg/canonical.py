"""Canonical RDF serialisation: the same set of quads always gives the same bytes, whatever order
they were inserted in. ``kg export`` (kg/export.py) writes a store this way and a build
(kg/pipeline.py, from its graph spool, kg/graphspool.py) writes graph.trig and graph.ttl this
way, so a build's files are byte for byte what ``kg export`` writes of the same graphs.

- N-Quads: graph by graph (the default graph first, then named graphs by IRI), and inside a
  graph the N-Triples lines in byte order. TriG is that same quad stream, pretty-printed.
- N-Triples: the union of all graphs (each triple once), lines in byte order. Turtle is that
  same triple stream, pretty-printed with kg's prefixes.
- Blank nodes (kg writes none, hand-written input may) get canonical labels first (RDFC-1.0 as
  pyoxigraph implements it), so they do not make the order or the bytes depend on the run.

Memory stays bounded by the largest graph, not the dataset: N-Quads go out graph by graph, and
the union (N-Triples, Turtle) is an external merge sort: sorted runs of at most RUN_BYTES are
spilled to temporary files and merged a chunk at a time. A corpus of any size is written in the
memory of one run. A run's lines are held as Python bytes objects, about 2.5 times their size:
16 MB runs keep that near 40 MB, and a 10M-quad union is still only ~100 runs.
"""

from __future__ import annotations

import bisect
import contextlib
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from kg.vocab import PREFIXES

RUN_BYTES = 16 << 20


def in_memory(data: bytes | None) -> bytes:
    """What pyoxigraph's ``serialize`` and ``Store.dump`` return when given no output: the
    bytes. Their stubs type the result ``bytes | None`` for both uses (None is for a call that
    writes to an output), so a call without one says so through this."""
    if data is None:
        raise TypeError("pyoxigraph wrote to an output where its bytes were expected")
    return data


def sorted_lines(data: bytes) -> list[bytes]:
    """Unique N-Triples/N-Quads lines in byte order (one statement per line by definition)."""
    # Repeats dropped by a dict, not a set: it keeps the lines' order, and the runs of lines
    # already in order (a writer's blocks) make the sort a merge.
    return sorted(dict.fromkeys(data.splitlines(keepends=True)))


def _has_blank_nodes(text: bytes) -> bool:
    """Whether the N-Triples ``text`` of a graph holds a blank node (or a triple term, which may).

    A search of the text first: a blank node is written ``_:id``, and text without "_:" has
    none. Only a graph whose text has it (in an IRI or a literal, say) is parsed to be sure.
    """
    if b"_:" not in text:
        return False
    return any(
        isinstance(t.subject, ox.BlankNode | ox.Triple)
        or isinstance(t.object, ox.BlankNode | ox.Triple)
        for t in ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True)
    )


def _canonical_blank_nodes(store: ox.Store) -> ox.Store:
    """A copy of ``store`` whose blank nodes have canonical labels (RDFC-1.0 as pyoxigraph
    implements it), so that their labels do not depend on the run. kg writes no blank nodes:
    only hand-written input takes this (in-memory) path."""
    dataset = ox.Dataset(store.quads_for_pattern(None, None, None, None))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    canonical = ox.Store()
    canonical.bulk_extend(dataset)
    return canonical


# A graph's name in a dataset: a blank node only in hand-written input (kg names its graphs).
GraphName = ox.DefaultGraph | ox.NamedNode | ox.BlankNode
# One graph's statements in canonical form: the graph and its unique N-Triples lines in byte
# order. Stores and a build's graph spool (kg/graphspool.py) both give their graphs this way, so
# the files written from either are the same bytes.
GraphLines = tuple[GraphName, list[bytes]]
# The same with the lines as one text, as a graph's block is stored: for TriG, which writes a
# graph's lines together, splitting and joining them again would be wasted.
GraphText = tuple[GraphName, bytes]


def canonical_triples(triples: list[ox.Triple]) -> list[ox.Triple]:
    """TRIPLES with canonical blank node labels when they hold any (kg writes none; a
    hand-edited build may), so that the bytes written do not depend on a parser's random
    labels."""
    if not any(
        isinstance(t.subject, ox.BlankNode) or isinstance(t.object, ox.BlankNode) for t in triples
    ):
        return triples
    dataset = ox.Dataset(ox.Quad(t.subject, t.predicate, t.object) for t in triples)
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    return [quad.triple for quad in dataset]


def graph_order(graph: GraphName) -> tuple[int, str]:
    """The canonical order of graphs: the default graph first, then by name as N-Quads writes it."""
    return (0, "") if isinstance(graph, ox.DefaultGraph) else (1, str(graph))


def graph_lines(store: ox.Store) -> Iterator[GraphLines]:
    """Each graph (the default graph first, then by name) with its unique N-Triples lines in
    byte order: the canonical order. One graph in memory at a time."""
    from kg.store import is_union_store

    # A build's store holds the union of its named graphs in the default graph (kg/graphstore.py):
    # it says nothing they do not, and the build's files do not write it.
    default = [] if is_union_store(store) else [ox.DefaultGraph()]
    names = list(store.named_graphs())
    canonical = any(isinstance(name, ox.BlankNode) for name in names)
    if canonical:  # a graph named by a blank node: its name's label decides its place
        store = _canonical_blank_nodes(store)
        names = list(store.named_graphs())
    for graph in [*default, *sorted(names, key=graph_order)]:
        text = in_memory(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph))
        # Blank nodes are found graph by graph as the graphs are read (a query for them read the
        # whole store first: half the time of an export). Canonical labels change only blank
        # nodes' labels, so the graphs read before the first one holding any are unchanged, and
        # from it on the graphs are read from the canonical copy.
        if not canonical and _has_blank_nodes(text):
            store, canonical = _canonical_blank_nodes(store), True
            text = in_memory(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph))
        lines = sorted_lines(text)
        if lines:
            yield graph, lines


def nquads_of(graphs: Iterable[GraphLines]) -> Iterator[bytes]:
    """N-Quads of graphs given in canonical order: one chunk per graph."""
    for graph, lines in graphs:
        if isinstance(graph, ox.DefaultGraph):
            yield b"".join(lines)
            continue
        suffix = b" " + str(graph).encode("utf-8") + b" .\n"
        # An N-Triples line ends with " .\n": put the graph name before the final dot.
        yield b"".join(line[:-3] + suffix for line in lines)


def union_of(graphs: Iterable[GraphLines]) -> Iterator[bytes]:
    """The union of the graphs as N-Triples, each triple once, lines sorted: an external merge
    sort, so memory is one run (RUN_BYTES) whatever the number of graphs."""
    with tempfile.TemporaryDirectory(prefix="kg-sort-") as folder:
        runs: list[Path] = []
        # Each graph's lines come sorted: kept as runs in a list (not a set, which would lose
        # their order), they are merged by Python's sort in far fewer comparisons than a sort
        # from scratch, and de-duplicated after it.
        pending: list[bytes] = []
        size = 0

        def unique_sorted() -> bytes:
            return b"".join(dict.fromkeys(sorted(pending)))

        def spill() -> None:
            run = Path(folder) / f"run{len(runs):06d}"
            run.write_bytes(unique_sorted())
            runs.append(run)
            pending.clear()

        for _, lines in graphs:
            pending.extend(lines)
            size += sum(map(len, lines))
            if size > RUN_BYTES:
                spill()
                size = 0
        if not runs:  # everything fits in one run: no file needed
            yield unique_sorted()
            return
        if pending:
            spill()
        with contextlib.ExitStack() as stack:
            files = [stack.enter_context(run.open("rb")) for run in runs]
            yield from _merge_runs(files)


# Bytes read from each run at a time while merging: memory is this times the number of runs.
MERGE_READ_BYTES = 1 << 18


def _merge_runs(files: Sequence[IO[bytes]]) -> Iterator[bytes]:
    """Merge sorted runs of unique lines into one sorted stream, each line once.

    A line-by-line heap merge costs a Python step per line. This merges a chunk at a time: of
    the chunk read from each run, every line up to the smallest of the chunks' last lines can be
    written, since every line still unread in any run is greater than it. Those lines are
    sorted (each chunk is a sorted run, which Python's sort merges rather than sorts) and
    de-duplicated in C, and the run whose chunk ended there is read again.
    """
    chunks = [file.readlines(MERGE_READ_BYTES) for file in files]
    while True:
        live = [k for k, chunk in enumerate(chunks) if chunk]
        if not live:
            return
        bound = min(chunks[k][-1] for k in live)
        ready: list[bytes] = []
        for k in live:
            chunk = chunks[k]
            cut = bisect.bisect_right(chunk, bound)
            ready.extend(chunk[:cut])
            chunks[k] = chunk[cut:] or files[k].readlines(MERGE_READ_BYTES)
        yield b"".join(dict.fromkeys(sorted(ready)))


def canonical_nquads(store: ox.Store) -> Iterator[bytes]:
    """All quads as N-Quads, graph by graph (default graph first), lines sorted in each."""
    return nquads_of(graph_lines(store))


def canonical_ntriples(store: ox.Store) -> Iterator[bytes]:
    """The union of all graphs (default graph included), each triple once, lines sorted."""
    return union_of(graph_lines(store))


def trig_blocks(graphs: Iterable[GraphText]) -> Iterator[bytes]:
    """Graphs given in canonical order as plain TriG: a named graph's N-Triples lines inside its
    ``<name> { }`` block. Half the bytes of the same quads as N-Quads (the graph name is written
    once, not on every line), so it is the cheaper text to hand the pretty-printer."""
    for graph, text in graphs:
        if isinstance(graph, ox.DefaultGraph):
            yield text
        else:  # in three pieces: joining them would copy every graph's text once more
            yield str(graph).encode("utf-8") + b" {\n"
            yield text
            yield b"}\n"


def trig_of(graphs: Iterable[GraphText]) -> Iterator[bytes]:
    """TriG with kg's prefixes of graphs given in canonical order, a graph at a time.

    Each graph's triples are pretty-printed as Turtle by pyoxigraph and indented into the
    graph's block: the same bytes as pyoxigraph's TriG writer gives for the whole dataset (a
    test holds it to that), in about 80 % of the time, because pyoxigraph's N-Triples parser is
    faster than its TriG one and makes triples, not quads (one Python object fewer each).
    A graph's text is in memory already, so its Turtle costs no more memory than that.
    """
    yield _PREFIX_HEADER
    for graph, text in graphs:
        body = _without_prefixes(
            in_memory(
                ox.serialize(
                    ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=_LENIENT),
                    format=ox.RdfFormat.TURTLE,
                    prefixes=PREFIXES,
                )
            )
        )
        if not body:
            continue
        if isinstance(graph, ox.DefaultGraph):
            yield body  # TriG writes the default graph's triples as Turtle does
            continue
        yield _graph_opening(graph)
        # Inside a block every line is indented once more. Literals never hold a raw line
        # break (the writer escapes it), so every line break is a line's end.
        yield b"\t" + body[:-1].replace(b"\n", b"\n\t") + b"\n}\n"


_ANY_PREDICATE = ox.NamedNode("urn:kg:predicate")


def _graph_opening(graph: ox.NamedNode | ox.BlankNode) -> bytes:
    """``name {`` line of a graph's TriG block, its name compacted as pyoxigraph does."""
    # A one-quad dataset in that graph: its TriG's first line after the prefixes. (A predicate
    # is an IRI: a graph named by a blank node, only in hand-written input, takes another.)
    predicate = graph if isinstance(graph, ox.NamedNode) else _ANY_PREDICATE
    trig = in_memory(
        ox.serialize(
            [ox.Quad(graph, predicate, graph, graph)], format=ox.RdfFormat.TRIG, prefixes=PREFIXES
        )
    )
    body = _without_prefixes(trig)
    return body[: body.index(b"\n") + 1]


def _without_prefixes(text: bytes) -> bytes:
    """``text`` from pyoxigraph's writer without its ``@prefix`` lines (ours are written once,
    in PREFIXES order: pyoxigraph writes them in an order of its own)."""
    start = 0
    while text.startswith(b"@prefix ", start):
        start = text.index(b"\n", start) + 1
    return text[start:]


def turtle_of(
    graphs: Iterable[GraphLines], seen: Callable[[bytes], None] | None = None
) -> Iterator[bytes]:
    """Turtle with kg's prefixes of the union of the graphs; ``seen`` is given each chunk of the
    union's N-Triples lines (whole lines, each triple once) on its way to the pretty-printer."""
    union = union_of(graphs)
    if seen is not None:
        union = _shown_to(seen, union)
    return _pretty(union, ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)


def _shown_to(seen: Callable[[bytes], None], chunks: Iterable[bytes]) -> Iterator[bytes]:
    for chunk in chunks:
        seen(chunk)
        yield chunk


class _ChunkReader(io.RawIOBase):
    """A readable binary stream over an iterator of byte chunks, for a streaming parser."""

    def __init__(self, chunks: Iterable[bytes]) -> None:
        self._chunks = iter(chunks)
        # The current chunk and how much of it was read: a view, so that reading a large chunk
        # a piece at a time does not copy the rest of it on every read.
        self._buffer = memoryview(b"")
        self._read = 0

    def readable(self) -> bool:
        return True

    # io.BufferedReader hands a memoryview; the base class types it as any writable buffer,
    # which has no item assignment in its type.
    def readinto(self, target: memoryview) -> int:  # type: ignore[override]
        while self._read == len(self._buffer):
            chunk = next(self._chunks, None)
            if chunk is None:
                return 0
            self._buffer, self._read = memoryview(chunk), 0
        size = min(len(target), len(self._buffer) - self._read)
        target[:size] = self._buffer[self._read : self._read + size]
        self._read += size
        return size


# Lenient parsing for kg's own N-Triples on its way to the pretty-printer: the text is already
# N-Triples as pyoxigraph (a store's dump) or kg/rdf.py (checked against pyoxigraph's serialiser
# by tests) writes it, so validating every IRI again would only cost time (a third of the whole
# rewrite).
_LENIENT = True

_PREFIX_HEADER = (
    "".join(f"@prefix {prefix}: <{iri}> .\n" for prefix, iri in PREFIXES.items()) + "\n"
).encode("utf-8")


def _pretty(chunks: Iterable[bytes], source: ox.RdfFormat, target: ox.RdfFormat) -> Iterator[bytes]:
    """The statements of ``chunks`` re-serialised as Turtle/TriG with kg's prefixes, in the same
    order, streamed through a temporary file so that memory does not grow with the graph.

    pyoxigraph writes the prefix declarations in an order of its own: they are replaced by
    ours (PREFIXES order), so the header is as deterministic as the body.
    """
    with tempfile.TemporaryFile() as body:
        reader = io.BufferedReader(_ChunkReader(chunks), buffer_size=1 << 20)
        statements = ox.parse(reader, format=source, lenient=_LENIENT)
        ox.serialize(statements, body, format=target, prefixes=PREFIXES)
        body.seek(0)
        yield _PREFIX_HEADER
        # Skip pyoxigraph's own @prefix lines.
        while True:
            position = body.tell()
            line = body.readline()
            if not line.startswith(b"@prefix "):
                body.seek(position)
                break
        while chunk := body.read(1 << 20):
            yield chunk
