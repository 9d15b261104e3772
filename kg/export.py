"""Exports: a kg dataset as Turtle, N-Triples, TriG, N-Quads, JSON-LD, GraphML or Neo4j CSV.

RDF formats are written by pyoxigraph (Rust), in a canonical order, so the same set of quads
always gives byte-identical files whatever order they were inserted in:

- N-Quads: graph by graph (the default graph first, then named graphs by IRI), and inside a
  graph the N-Triples lines in byte order. TriG is that same quad stream, pretty-printed.
- N-Triples: the union of all graphs (each triple once), lines in byte order. Turtle is that
  same triple stream, pretty-printed with kg's prefixes.
- Blank nodes (kg writes none, hand-written input may) get canonical labels first (RDFC-1.0 as
  pyoxigraph implements it), so they do not make the order or the bytes depend on the run.

GraphML and CSV are property-graph views of the entity graph: a node per entity (anything typed
with a kg entity class), an edge per kg:Statement whose object is an entity, plus an edge for any
direct ``rel:`` edge between entities that no statement describes. Their text is cleaned for the
format: XML 1.0 cannot hold NUL or other control characters even escaped, and Neo4j's importer
wants one record per line, so those characters become U+FFFD and line breaks become spaces.

Every file is written atomically (``atomic_write``): a temporary file in the same folder,
flushed and fsynced, then renamed over the old one, so a reader never sees half a file and a
failure part-way leaves the previous file untouched.
"""

from __future__ import annotations

import bisect
import contextlib
import csv
import io
import json
import os
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph
from rdflib.namespace import RDF, RDFS, SKOS

from kg.errors import KgError
from kg.vocab import KG, PREFIXES, REL, TYPE_CLASSES

# Format name -> what it writes. Aliases are the usual file suffixes and media-type names.
FORMATS = ("turtle", "ntriples", "trig", "nquads", "jsonld", "graphml", "csv")
_ALIASES = {
    "ttl": "turtle",
    "nt": "ntriples",
    "n-triples": "ntriples",
    "nq": "nquads",
    "n-quads": "nquads",
    "json-ld": "jsonld",
    "json": "jsonld",
}

# Neo4j CSV: the two files ``neo4j-admin database import full --nodes=nodes.csv
# --relationships=relationships.csv`` reads from the destination folder.
CSV_NODES = "nodes.csv"
CSV_RELATIONSHIPS = "relationships.csv"

# Neo4j's default array delimiter (``--array-delimiter``) for ``:LABEL`` and ``string[]``.
_ARRAY_DELIMITER = ";"


def normalise_format(fmt: str) -> str:
    name = fmt.strip().lower()
    name = _ALIASES.get(name, name)
    if name not in FORMATS:
        raise KgError(f"unknown export format {fmt!r} (allowed: {', '.join(FORMATS)})")
    return name


def export(
    dataset: Dataset | Graph | ox.Store, fmt: str, destination: Path | None = None
) -> bytes | None:
    """Write ``dataset`` as ``fmt`` to ``destination`` (atomically); the bytes if no destination.

    ``fmt`` is one of FORMATS. For "csv", ``destination`` is a folder that receives nodes.csv
    and relationships.csv (both replaced only once both are written).
    """
    name = normalise_format(fmt)
    store = as_store(dataset)
    if name == "csv":
        if destination is None:
            raise KgError("csv export writes two files: give a folder with -o")
        folder = Path(destination)
        if folder.exists() and not folder.is_dir():
            raise KgError(f"{folder}: csv export needs a folder, and this is a file")
        folder.mkdir(parents=True, exist_ok=True)
        nodes, relationships = render_csv(store)
        atomic_write_many({folder / CSV_NODES: nodes, folder / CSV_RELATIONSHIPS: relationships})
        return None
    chunks = _RENDERERS[name](store)
    if destination is None:
        return b"".join(chunks)
    atomic_write(Path(destination), chunks)
    return None


# --- input ---------------------------------------------------------------------------------


def as_store(data: Dataset | Graph | ox.Store) -> ox.Store:
    """The pyoxigraph store holding ``data``: the store itself for kg datasets (no copy)."""
    if isinstance(data, ox.Store):
        return data
    inner = getattr(data.store, "_inner", None)  # oxrdflib keeps the pyoxigraph Store here
    if isinstance(data, Dataset) and isinstance(inner, ox.Store):
        return inner
    # Any other rdflib graph or dataset: copy through N-Quads (slower, but no triple is lost).
    quads = isinstance(data, Dataset)
    store = ox.Store()
    store.bulk_load(
        data.serialize(format="nquads" if quads else "nt", encoding="utf-8"),
        format=ox.RdfFormat.N_QUADS if quads else ox.RdfFormat.N_TRIPLES,
    )
    return store


# --- canonical order -----------------------------------------------------------------------
#
# Memory stays bounded by the largest graph, not the dataset: N-Quads go out graph by graph, and
# the union (N-Triples, Turtle) is an external merge sort: sorted runs of at most RUN_BYTES are
# spilled to temporary files and merged a chunk at a time. A corpus of any size exports in the
# memory of one run. A run's lines are held as Python bytes objects, about 2.5 times their
# size: 16 MB runs keep that near 40 MB, and a 10M-quad union is still only ~100 runs.

RUN_BYTES = 16 << 20


def sorted_lines(data: bytes) -> list[bytes]:
    """Unique N-Triples/N-Quads lines in byte order (one statement per line by definition)."""
    # Repeats dropped by a dict, not a set: it keeps the lines' order, and the runs of lines
    # already in order (a writer's blocks) make the sort a merge.
    return sorted(dict.fromkeys(data.splitlines(keepends=True)))


def _has_blank_nodes(store: ox.Store) -> bool:
    found = store.query(
        "ASK { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } "
        "FILTER(isBlank(?s) || isBlank(?o) || isBlank(?g)) }"
    )
    return bool(found)


def _canonical_blank_nodes(store: ox.Store) -> ox.Store:
    """A copy of ``store`` whose blank nodes have canonical labels (RDFC-1.0 as pyoxigraph
    implements it), so that their labels do not depend on the run. kg writes no blank nodes:
    only hand-written input takes this (in-memory) path."""
    dataset = ox.Dataset(store.quads_for_pattern(None, None, None, None))
    dataset.canonicalize(ox.CanonicalizationAlgorithm.UNSTABLE)
    canonical = ox.Store()
    canonical.bulk_extend(dataset)
    return canonical


# One graph's statements in canonical form: the graph (DefaultGraph or a NamedNode) and its
# unique N-Triples lines in byte order. Stores and a build's graph spool (kg/graphspool.py) both
# give their graphs this way, so the files written from either are the same bytes.
GraphLines = tuple[ox.DefaultGraph | ox.NamedNode, list[bytes]]
# The same with the lines as one text, as a graph's block is stored: for TriG, which writes a
# graph's lines together, splitting and joining them again would be wasted.
GraphText = tuple[ox.DefaultGraph | ox.NamedNode, bytes]


def graph_order(graph: ox.DefaultGraph | ox.NamedNode) -> tuple[int, str]:
    """The canonical order of graphs: the default graph first, then by name as N-Quads writes it."""
    return (0, "") if isinstance(graph, ox.DefaultGraph) else (1, str(graph))


def _graph_lines(store: ox.Store) -> Iterator[GraphLines]:
    """Each graph (the default graph first, then by name) with its unique N-Triples lines in
    byte order: the canonical order. One graph in memory at a time."""
    if _has_blank_nodes(store):
        store = _canonical_blank_nodes(store)
    for graph in [ox.DefaultGraph(), *sorted(store.named_graphs(), key=graph_order)]:
        lines = sorted_lines(store.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph))
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


def _merge_runs(files: list) -> Iterator[bytes]:
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
    return nquads_of(_graph_lines(store))


def canonical_ntriples(store: ox.Store) -> Iterator[bytes]:
    """The union of all graphs (default graph included), each triple once, lines sorted."""
    return union_of(_graph_lines(store))


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
            ox.serialize(
                ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=_LENIENT),
                format=ox.RdfFormat.TURTLE,
                prefixes=PREFIXES,
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


def _graph_opening(graph: ox.NamedNode) -> bytes:
    """``name {`` line of a graph's TriG block, its name compacted as pyoxigraph does."""
    # A one-quad dataset in that graph: its TriG's first line after the prefixes.
    trig = ox.serialize(
        [ox.Quad(graph, graph, graph, graph)], format=ox.RdfFormat.TRIG, prefixes=PREFIXES
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


def turtle_of(graphs: Iterable[GraphLines]) -> Iterator[bytes]:
    """Turtle with kg's prefixes of the union of the graphs."""
    return _pretty(union_of(graphs), ox.RdfFormat.N_TRIPLES, ox.RdfFormat.TURTLE)


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

    def readinto(self, target) -> int:  # type: ignore[override]
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


def render_nquads(store: ox.Store) -> Iterator[bytes]:
    yield from canonical_nquads(store)


def render_trig(store: ox.Store) -> Iterator[bytes]:
    yield from trig_of((graph, b"".join(lines)) for graph, lines in _graph_lines(store))


def render_ntriples(store: ox.Store) -> Iterator[bytes]:
    yield from canonical_ntriples(store)


def render_turtle(store: ox.Store) -> Iterator[bytes]:
    yield from turtle_of(_graph_lines(store))


# --- JSON-LD -------------------------------------------------------------------------------

# Longest namespace first, so that an IRI is compacted with the most specific prefix.
_COMPACT = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def _compact_iri(iri: str) -> str:
    for prefix, namespace in _COMPACT:
        # A suffix starting with "//" would be read as an absolute IRI, not a compact one.
        if iri.startswith(namespace) and not iri[len(namespace) :].startswith("//"):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def _compact(node: object) -> object:
    """pyoxigraph's expanded JSON-LD with IRIs written as prefix:name (same RDF)."""
    if isinstance(node, list):
        return [_compact(item) for item in node]
    if not isinstance(node, dict):
        return node
    result = {}
    for key, value in node.items():
        if key in ("@id", "@type") and isinstance(value, str):
            result[key] = _compact_iri(value)
        elif key.startswith("@"):
            result[key] = _compact(value)
        else:
            result[_compact_iri(key)] = _compact(value)
    return result


def render_jsonld(store: ox.Store) -> Iterator[bytes]:
    """JSON-LD 1.1: kg's prefixes as ``@context``, one node object per subject, named graphs
    as ``@graph`` blocks, in the canonical N-Quads order."""
    expanded = ox.serialize(
        ox.parse(b"".join(canonical_nquads(store)), format=ox.RdfFormat.N_QUADS),
        format=ox.RdfFormat.JSON_LD,
    )
    # One node object per line: readable, diff-friendly, and json's C encoder (which indent=
    # would switch off) keeps a million-triple export fast.
    yield b'{"@context": ' + json.dumps(PREFIXES, indent=1).encode("utf-8") + b',\n"@graph": [\n'
    yield from _json_lines(_compact(json.loads(expanded)), depth=0)
    yield b"]}\n"


def _json_lines(nodes: list, depth: int) -> Iterator[bytes]:
    """Node objects one per line; a named graph's nodes one per line inside its block."""
    for index, node in enumerate(nodes):
        separator = b",\n" if index < len(nodes) - 1 else b"\n"
        if depth == 0 and "@graph" in node:
            inner = node.pop("@graph")
            head = json.dumps(node, ensure_ascii=False)[:-1].encode("utf-8")
            yield head + b', "@graph": [\n'
            yield from _json_lines(inner, depth + 1)
            yield b"]}" + separator
        else:
            yield json.dumps(node, ensure_ascii=False).encode("utf-8") + separator


# --- property-graph view (GraphML, CSV) ----------------------------------------------------

# Characters XML 1.0 cannot hold, not even as character references.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_LINE_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x85\u2028\u2029]")


def xml_text(text: str) -> str:
    """``text`` as XML 1.0 can hold it: forbidden characters become U+FFFD."""
    return _NOT_XML.sub("\ufffd", text)


# A spreadsheet opening a CSV runs a cell that starts with one of these as a formula ("CSV
# injection"): such a cell gets a leading apostrophe, which spreadsheets show as text. Labels
# from news rarely start so ("+15 %"), and the apostrophe tells a reader what happened.
_FORMULA_STARTS = ("=", "+", "@", "\t", "\r")


def csv_text(text: str) -> str:
    """``text`` as one CSV field on one line: line breaks become spaces (Neo4j's importer reads
    a record per line unless told ``--multiline-fields``), other forbidden characters U+FFFD,
    and a cell a spreadsheet would run as a formula starts with an apostrophe."""
    text = xml_text(_LINE_BREAK.sub(" ", text))
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


@dataclass
class EntityNode:
    iri: str
    label: str = ""
    types: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)


@dataclass
class RelationEdge:
    source: str
    target: str
    relation_iri: str
    relation: str
    key: str  # the statement IRI, or "s p o" for a direct edge no statement describes
    confidence: float | None = None
    negated: bool | None = None
    modality: str = ""
    sentence: str = ""
    sentence_iri: str = ""
    statement: str = ""


_CLASS_NAMES = {str(iri): name for name, iri in TYPE_CLASSES.items()}
_VALUES = " ".join(f"<{iri}>" for iri in sorted(_CLASS_NAMES))

_ENTITIES = f"""
SELECT ?e ?type ?label WHERE {{
  ?e <{RDF.type}> ?type . VALUES ?type {{ {_VALUES} }}
  OPTIONAL {{ ?e <{RDFS.label}> ?label }}
}}"""
_ENTITY_TEXT = f"""
SELECT ?e ?p ?value WHERE {{
  ?e ?p ?value . VALUES ?p {{ <{SKOS.altLabel}> <{KG.role}> }}
}}"""
_STATEMENTS = f"""
SELECT ?st ?s ?p ?o ?label ?conf ?neg ?modality ?sent ?text WHERE {{
  ?st <{RDF.type}> <{KG.Statement}> ; <{RDF.subject}> ?s ; <{RDF.predicate}> ?p ;
      <{RDF.object}> ?o .
  FILTER(isIRI(?o))
  OPTIONAL {{ ?p <{RDFS.label}> ?label }}
  OPTIONAL {{ ?st <{KG.confidence}> ?conf }}
  OPTIONAL {{ ?st <{KG.negated}> ?neg }}
  OPTIONAL {{ ?st <{KG.modality}> ?modality }}
  OPTIONAL {{ ?st <{KG.sentence}> ?sent OPTIONAL {{ ?sent <{KG.text}> ?text }} }}
}}"""
_DIRECT = f"""
SELECT ?s ?p ?o ?label WHERE {{
  ?s ?p ?o . FILTER(isIRI(?o) && STRSTARTS(STR(?p), "{REL}"))
  OPTIONAL {{ ?p <{RDFS.label}> ?label }}
}}"""


def _value(term: object) -> str:
    return "" if term is None else term.value


def _first(current: str, candidate: str) -> str:
    """Of several values for one slot, the smallest: deterministic whatever the query order."""
    if not candidate:
        return current
    return candidate if not current or candidate < current else current


def _local_label(iri: str) -> str:
    from urllib.parse import unquote

    return unquote(re.split(r"[/#]", iri)[-1]).replace("_", " ")


def _query(store: ox.Store, sparql: str) -> Iterable:
    return store.query(sparql, use_default_graph_as_union=True)


def entity_graph(store: ox.Store) -> tuple[list[EntityNode], list[RelationEdge]]:
    """Entities and the relations between them, sorted, with one value per scalar slot."""
    nodes: dict[str, EntityNode] = {}
    for row in _query(store, _ENTITIES):
        node = nodes.setdefault(row["e"].value, EntityNode(row["e"].value))
        name = _CLASS_NAMES[row["type"].value]
        if name not in node.types:
            node.types.append(name)
        node.label = _first(node.label, _value(row["label"]))
    for row in _query(store, _ENTITY_TEXT):
        node = nodes.get(row["e"].value)
        if node is None:
            continue
        values = node.aliases if row["p"].value == str(SKOS.altLabel) else node.roles
        if row["value"].value not in values:
            values.append(row["value"].value)
    for node in nodes.values():
        node.types.sort()
        node.aliases.sort()
        node.roles.sort()
        node.label = node.label or _local_label(node.iri)

    edges: dict[str, RelationEdge] = {}
    described: set[tuple[str, str, str]] = set()
    for row in _query(store, _STATEMENTS):
        source, relation, target = row["s"].value, row["p"].value, row["o"].value
        described.add((source, relation, target))
        if source not in nodes or target not in nodes:
            continue
        key = row["st"].value
        edge = edges.setdefault(key, RelationEdge(source, target, relation, "", key, statement=key))
        edge.relation = _first(edge.relation, _value(row["label"]))
        if row["conf"] is not None:
            confidence = float(row["conf"].value)
            edge.confidence = (
                confidence if edge.confidence is None else min(edge.confidence, confidence)
            )
        if row["neg"] is not None:
            edge.negated = bool(edge.negated) or row["neg"].value in ("true", "1")
        edge.modality = _first(edge.modality, _value(row["modality"]))
        edge.sentence_iri = _first(edge.sentence_iri, _value(row["sent"]))
        edge.sentence = _first(edge.sentence, _value(row["text"]))
    for row in _query(store, _DIRECT):
        source, relation, target = row["s"].value, row["p"].value, row["o"].value
        if (source, relation, target) in described or source not in nodes or target not in nodes:
            continue
        key = f"{source} {relation} {target}"
        edge = edges.setdefault(key, RelationEdge(source, target, relation, "", key))
        edge.relation = _first(edge.relation, _value(row["label"]))
    for edge in edges.values():
        edge.relation = edge.relation or _local_label(edge.relation_iri)
    return (
        [nodes[iri] for iri in sorted(nodes)],
        sorted(edges.values(), key=lambda e: (e.source, e.relation_iri, e.target, e.key)),
    )


def render_graphml(store: ox.Store) -> Iterator[bytes]:
    """GraphML through networkx, as Gephi and Cytoscape read it: string and number attributes
    only (lists are joined with "; "), node ids are the entity IRIs."""
    import networkx as nx

    nodes, edges = entity_graph(store)
    graph = nx.MultiDiGraph()
    for node in nodes:
        attributes = {"label": node.label, "type": _ARRAY_DELIMITER.join(node.types)}
        if node.aliases:
            attributes["aliases"] = "; ".join(node.aliases)
        if node.roles:
            attributes["roles"] = "; ".join(node.roles)
        graph.add_node(xml_text(node.iri), **{k: xml_text(v) for k, v in attributes.items()})
    for edge in edges:
        attributes: dict[str, str | float | bool] = {
            "relation": xml_text(edge.relation),
            "relation_iri": xml_text(edge.relation_iri),
        }
        if edge.confidence is not None:
            attributes["confidence"] = edge.confidence
        if edge.negated is not None:
            attributes["negated"] = edge.negated
        for name in ("modality", "sentence", "sentence_iri", "statement"):
            if getattr(edge, name):
                attributes[name] = xml_text(getattr(edge, name))
        graph.add_edge(xml_text(edge.source), xml_text(edge.target), key=edge.key, **attributes)
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8", prettyprint=True)
    yield buffer.getvalue()


def _neo4j_type(relation: str) -> str:
    """A Neo4j relationship type in its usual UPPER_SNAKE style: "meet with" -> MEET_WITH."""
    return re.sub(r"\W+", "_", relation).strip("_").upper() or "RELATED_TO"


def _csv_array(values: list[str]) -> str:
    # The delimiter inside a value would split it into two: it becomes a comma.
    return _ARRAY_DELIMITER.join(csv_text(v).replace(_ARRAY_DELIMITER, ",") for v in values)


def _csv_bytes(header: list[str], rows: Iterable[list[object]]) -> Iterator[bytes]:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    yield buffer.getvalue().encode("utf-8")


def render_csv(store: ox.Store) -> tuple[Iterator[bytes], Iterator[bytes]]:
    """nodes.csv and relationships.csv with the header syntax of ``neo4j-admin database import``
    (``id:ID``, ``:LABEL``, ``:START_ID``, ``:END_ID``, ``:TYPE``, typed properties)."""
    nodes, edges = entity_graph(store)
    node_rows = (
        [
            csv_text(node.iri),
            csv_text(node.label),
            _ARRAY_DELIMITER.join(["Entity", *node.types]),
            _csv_array(node.aliases),
            _csv_array(node.roles),
        ]
        for node in nodes
    )
    edge_rows = (
        [
            csv_text(edge.source),
            csv_text(edge.target),
            _neo4j_type(edge.relation),
            csv_text(edge.relation),
            csv_text(edge.relation_iri),
            "" if edge.confidence is None else repr(edge.confidence),
            "" if edge.negated is None else str(edge.negated).lower(),
            csv_text(edge.modality),
            csv_text(edge.sentence),
            csv_text(edge.sentence_iri),
            csv_text(edge.statement),
        ]
        for edge in edges
    )
    return (
        _csv_bytes(["id:ID", "label", ":LABEL", "aliases:string[]", "roles:string[]"], node_rows),
        _csv_bytes(
            [
                ":START_ID",
                ":END_ID",
                ":TYPE",
                "relation",
                "relation_iri",
                "confidence:double",
                "negated:boolean",
                "modality",
                "sentence",
                "sentence_iri",
                "statement",
            ],
            edge_rows,
        ),
    )


_RENDERERS: dict[str, Callable[[ox.Store], Iterable[bytes]]] = {
    "turtle": render_turtle,
    "ntriples": render_ntriples,
    "trig": render_trig,
    "nquads": render_nquads,
    "jsonld": render_jsonld,
    "graphml": render_graphml,
}


# --- atomic writes -------------------------------------------------------------------------


def write_temp(path: Path, chunks: Iterable[bytes], folder: Path | None = None) -> Path:
    """``chunks`` in a new temporary file beside ``path`` (or in ``folder``, which must be on
    the same file system), flushed and fsynced to disk, ready to be renamed to ``path``."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
        dir=folder or path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    temp = Path(handle.name)
    try:
        with handle:
            for chunk in chunks:
                handle.write(chunk)
            handle.flush()
            os.fsync(handle.fileno())
        # Keep the permissions a plain open() would give, not mkstemp's 0600.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _fsync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder entry is on disk.
    with contextlib.suppress(OSError):  # some file systems cannot open a folder for fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, chunks: Iterable[bytes]) -> None:
    """Replace ``path`` with ``chunks``, all or nothing: if writing fails the old file stays."""
    atomic_write_many({Path(path): chunks})


def atomic_write_many(files: Mapping[Path, Iterable[bytes]]) -> None:
    """Write every file to a temporary file first; rename them into place only when all are
    written, so a failure leaves every previous file untouched."""
    temps: list[tuple[Path, Path]] = []
    try:
        for path, chunks in files.items():
            temps.append((write_temp(Path(path), chunks), Path(path)))
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    replace_files(temps)


def replace_files(temps: Iterable[tuple[Path, Path]]) -> None:
    """Rename each written temporary file over its target, then make the renames durable."""
    targets = []
    for temp, path in temps:
        os.replace(temp, path)
        targets.append(path)
    for folder in {path.parent for path in targets}:
        _fsync_folder(folder)
