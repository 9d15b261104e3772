"""Exports: a kg dataset as Turtle, N-Triples, TriG, N-Quads, JSON-LD, GraphML or Neo4j CSV.

RDF formats are written by pyoxigraph (Rust) in kg's canonical order (kg/canonical.py): the
same set of quads always gives byte-identical files, and a build's graph.trig and graph.ttl are
those bytes too.

GraphML and CSV are property-graph views of the entity graph: a node per entity (anything typed
with a kg entity class), an edge per kg:Statement whose object is an entity, plus an edge for any
direct ``rel:`` edge between entities that no statement describes. Their text is cleaned for the
format: XML 1.0 cannot hold NUL or other control characters even escaped, and Neo4j's importer
wants one record per line, so those characters become U+FFFD and line breaks become spaces.

Every file is written atomically (kg/atomic.py): a reader never sees half a file and a
failure part-way leaves the previous file untouched.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset, Graph

from kg.atomic import atomic_write, atomic_write_many
from kg.canonical import (
    canonical_nquads,
    canonical_ntriples,
    graph_lines,
    trig_of,
    turtle_of,
)
from kg.entitygraph import describe, direct_edges, relation_labels, statements
from kg.errors import KgError
from kg.vocab import PREFIXES, compact_iri, iri_label

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


def render_nquads(store: ox.Store) -> Iterator[bytes]:
    yield from canonical_nquads(store)


def render_trig(store: ox.Store) -> Iterator[bytes]:
    yield from trig_of((graph, b"".join(lines)) for graph, lines in graph_lines(store))


def render_ntriples(store: ox.Store) -> Iterator[bytes]:
    yield from canonical_ntriples(store)


def render_turtle(store: ox.Store) -> Iterator[bytes]:
    yield from turtle_of(graph_lines(store))


# --- JSON-LD -------------------------------------------------------------------------------


def render_jsonld(store: ox.Store) -> Iterator[bytes]:
    """JSON-LD 1.1: kg's prefixes as ``@context``, one node object per subject, named graphs
    as ``@graph`` blocks, in the canonical N-Quads order; written a graph at a time.

    The node objects are pyoxigraph's expanded JSON-LD (the same keys, values and order) with
    IRIs written as prefix:name. They are written here from the parsed triples rather than by
    parsing pyoxigraph's JSON-LD back: the whole dataset as Python objects took over a gigabyte
    at 1,000 documents and three times the N-Quads' time.
    """
    # One node object per line: readable and diff-friendly.
    yield b'{"@context": ' + json.dumps(PREFIXES, indent=1).encode("utf-8") + b',\n"@graph": [\n'
    separator = b""
    for graph, lines in graph_lines(store):
        nodes = _node_objects(b"".join(lines))
        if isinstance(graph, ox.DefaultGraph):
            text = ",\n".join(nodes)
        else:
            name = json.dumps(compact_iri(graph.value, jsonld=True), ensure_ascii=False)
            text = '{"@id": ' + name + ', "@graph": [\n' + ",\n".join(nodes) + "\n]}"
        yield separator + text.encode("utf-8")
        separator = b",\n"
    yield b"\n]}\n" if separator else b"]}\n"


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"


def _node_objects(text: bytes) -> list[str]:
    """The node objects of one graph's N-Triples lines, sorted (a subject's lines and a
    subject's lines with one predicate are then together), as JSON text, one per subject."""
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    # Predicates and datatypes are few: each compacted once (compact_iri tries every prefix).
    keys: dict[str, str] = {}

    def key(iri: str) -> str:
        found = keys.get(iri)
        if found is None:
            found = keys[iri] = dumps(compact_iri(iri, jsonld=True))
        return found

    nodes: list[str] = []
    node: list[str] = []  # the current node object's pieces
    subject: object = None
    predicate: ox.NamedNode | None = None
    for triple in ox.parse(text, format=ox.RdfFormat.N_TRIPLES, lenient=True):
        if triple.subject != subject:
            if node:
                nodes.append("".join(node) + "]}")
            subject, predicate = triple.subject, None
            node = ['{"@id": ', _node_id(subject, dumps)]
        if triple.predicate != predicate:
            predicate = triple.predicate
            node.append(", " if len(node) == 2 else "], ")
            node.append(key(predicate.value) + ": [")
        else:
            node.append(", ")
        term = triple.object
        if isinstance(term, ox.Literal):
            value = dumps(term.value)
            if term.language:
                direction = f', "@direction": "{term.direction}"' if term.direction else ""
                node.append(
                    f'{{"@language": {dumps(term.language)}{direction}, "@value": {value}}}'
                )
            elif term.datatype.value == _XSD_STRING:
                node.append('{"@value": ' + value + "}")
            else:
                node.append('{"@type": ' + key(term.datatype.value) + ', "@value": ' + value + "}")
        else:
            node.append('{"@id": ' + _node_id(term, dumps) + "}")
    if node:
        nodes.append("".join(node) + "]}")
    return nodes


def _node_id(term: object, dumps: Callable[[object], str]) -> str:
    """A node's ``@id`` as JSON: an IRI as prefix:name, a blank node as ``_:id``."""
    if isinstance(term, ox.NamedNode):
        return dumps(compact_iri(term.value, jsonld=True))
    if isinstance(term, ox.BlankNode):
        return dumps("_:" + term.value)
    # A triple term (RDF 1.2): JSON-LD 1.1 has no way to write one.
    raise KgError(f"JSON-LD cannot hold the triple term {term}: export as N-Quads or TriG")


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


def entity_graph(store: ox.Store) -> tuple[list[EntityNode], list[RelationEdge]]:
    """Entities and the relations between them (kg/entitygraph.py reads them), sorted, with one
    value per scalar slot: the smallest where the graph gives several."""
    nodes = {
        iri: EntityNode(
            iri,
            label=next((label for label in found.labels if label), "") or iri_label(iri),
            types=sorted(found.types),
            aliases=found.aliases,
            roles=found.roles,
        )
        for iri, found in describe(store).items()
        if found.types
    }
    labels = relation_labels(store)
    edges: dict[str, RelationEdge] = {}
    described: set[tuple[str, str, str]] = set()
    for statement in statements(store):
        if not statement.object_is_iri:
            continue
        source, relation, target = statement.subject, statement.relation, statement.object
        described.add((source, relation, target))
        if source not in nodes or target not in nodes:
            continue
        negated = statement.qualifiers.get("negated")
        edges[statement.iri] = RelationEdge(
            source,
            target,
            relation,
            labels.get(relation) or iri_label(relation),
            statement.iri,
            confidence=statement.confidence,
            negated=None if negated is None else negated in ("true", "1"),
            modality=statement.qualifiers.get("modality", ""),
            sentence=statement.sentence,
            sentence_iri=statement.sentence_iri,
            statement=statement.iri,
        )
    for source, relation, target, target_is_iri in direct_edges(store):
        if not target_is_iri or (source, relation, target) in described:
            continue
        if source not in nodes or target not in nodes:
            continue
        key = f"{source} {relation} {target}"
        label = labels.get(relation) or iri_label(relation)
        edges[key] = RelationEdge(source, target, relation, label, key)
    return (
        list(nodes.values()),
        sorted(edges.values(), key=lambda e: (e.source, e.relation_iri, e.target, e.key)),
    )


def edge_attributes(
    edge: RelationEdge, text: Callable[[str], str] = str
) -> dict[str, str | float | bool]:
    """A statement edge's attributes as GraphML and networkx users get them: its relation, and
    its confidence, negation, modality and sentence when it has them; ``text`` makes each text
    value fit the target (XML-safe for GraphML)."""
    attributes: dict[str, str | float | bool] = {
        "relation": text(edge.relation),
        "relation_iri": text(edge.relation_iri),
    }
    if edge.confidence is not None:
        attributes["confidence"] = edge.confidence
    if edge.negated is not None:
        attributes["negated"] = edge.negated
    for name in ("modality", "sentence", "sentence_iri", "statement"):
        value = getattr(edge, name)
        if value:
            attributes[name] = text(value)
    return attributes


def render_graphml(store: ox.Store) -> Iterator[bytes]:
    """GraphML through networkx, as Gephi and Cytoscape read it: string and number attributes
    only (lists are joined with "; "), node ids are the entity IRIs."""
    import networkx as nx

    nodes, edges = entity_graph(store)
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    for node in nodes:
        node_attributes = {"label": node.label, "type": _ARRAY_DELIMITER.join(node.types)}
        if node.aliases:
            node_attributes["aliases"] = "; ".join(node.aliases)
        if node.roles:
            node_attributes["roles"] = "; ".join(node.roles)
        graph.add_node(xml_text(node.iri), **{k: xml_text(v) for k, v in node_attributes.items()})
    for edge in edges:
        attributes = edge_attributes(edge, xml_text)
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


def _csv_bytes(header: list[str], rows: Iterable[Sequence[object]]) -> Iterator[bytes]:
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
