"""A build's named graphs on disk, one block of sorted N-Triples lines per graph, and no store.

A build writes graph.trig (every document graph) and graph.ttl (their union), both in a
canonical order (kg/canonical.py). Holding the whole graph in an Oxigraph store to write them makes
a build's memory grow with the corpus. The spool instead keeps each graph as one block in an
append-only file, and only an index of the blocks in memory (graph name -> where its block is):
a document graph is written once, when pass two has resolved it, and the files are written by
reading the blocks back in graph order. Memory is then one document graph, the index and the
external sort of the union (kg.canonical.union_of), whatever the size of the corpus.

Several processes may fill a spool: each writes a GraphFile of its own, and the parent adopts
their blocks (kg/passtwo.py runs pass two in forked workers this way).

The view of a large build cannot be drawn from the whole graph without holding it: ``view_dataset``
loads the whole graph only when it is small, and otherwise the part the view shows: the most
attested entities and edges (counted from the lines' text, without parsing them), with at most a
few statements per edge and sentences per entity as provenance (the view's tooltips list sources,
and a list of hundreds helps nobody; ``kg query`` gives them all).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox
from rdflib.namespace import RDF

from kg.canonical import (
    GraphLines,
    GraphText,
    canonical_triples,
    graph_order,
    in_memory,
    sorted_lines,
    trig_blocks,
)
from kg.entitygraph import ENTITY_TYPES, READ_PREDICATES
from kg.errors import KgError
from kg.types import Entity
from kg.vocab import KG, REL, TYPE_CLASSES

if TYPE_CHECKING:
    from rdflib import Dataset

# Key of the default graph in a spool (kg writes none; a hand-edited earlier build may hold one).
DEFAULT_GRAPH = ""

# The view of a build holds the whole graph up to this many quads, else a bounded part of it.
VIEW_FULL_GRAPH_QUADS = 250_000
VIEW_STATEMENTS_PER_EDGE = 3
VIEW_SENTENCES_PER_ENTITY = 5

RDF_TYPE = RDF.type
_RDF_TYPE = ox.NamedNode(str(RDF_TYPE))
_REL = str(REL)
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_DCTERMS_SOURCE = ox.NamedNode("http://purl.org/dc/terms/source")
_DCTERMS_IS_PART_OF = ox.NamedNode("http://purl.org/dc/terms/isPartOf")
_RDF_SUBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#subject")
_RDF_PREDICATE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#predicate")
_RDF_OBJECT = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#object")
_KG = {name: ox.NamedNode(str(KG[name])) for name in (
    "sha256", "Statement", "Sentence", "Document", "mentionedIn", "sentence",
)}  # fmt: skip
_ENTITY_CLASSES = {ox.NamedNode(iri): name for iri, name in ENTITY_TYPES.items()}
# Entities already in a build that new documents may link to by name (see kg/resolve.py).
_LINKABLE = {"Person", "Organization"}


def graph_key(graph: ox.DefaultGraph | ox.NamedNode) -> str:
    return DEFAULT_GRAPH if isinstance(graph, ox.DefaultGraph) else graph.value


def _graph_term(key: str) -> ox.DefaultGraph | ox.NamedNode:
    return ox.DefaultGraph() if key == DEFAULT_GRAPH else ox.NamedNode(key)


@dataclass(frozen=True)
class Block:
    """Where one graph's lines are: a spool file, the byte range, and how many lines."""

    path: Path
    offset: int
    size: int
    lines: int

    def read_text(self) -> bytes:
        with self.path.open("rb") as handle:
            handle.seek(self.offset)
            return handle.read(self.size)

    def read(self) -> list[bytes]:
        return self.read_text().splitlines(keepends=True)


@dataclass
class GraphFile:
    """An append-only file of graph blocks, and where each block is in it."""

    path: Path
    blocks: list[tuple[str, Block]] = field(default_factory=list)

    def write(self, key: str, lines: list[bytes]) -> None:
        self.write_text(key, b"".join(lines), len(lines))

    def write_text(self, key: str, text: bytes, lines: int) -> None:
        """A graph's block given as its text (its ``lines`` unique lines, sorted)."""
        with self.path.open("ab") as handle:
            offset = handle.tell()
            handle.write(text)
        self.blocks.append((key, Block(self.path, offset, len(text), lines)))


class GraphSpool:
    """The graphs of a build, each one block in one of the spool's files."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._files = 0
        self._index: dict[str, Block] = {}  # graph key -> its block
        # What changed since the earlier build was read (``adopt(..., earlier=True)``): the
        # graphs added or replaced, and those dropped. The build's store is updated by these
        # alone (kg/graphstore.py).
        self.added: set[str] = set()
        self.dropped: set[str] = set()
        self.earlier = False  # whether the graphs of an earlier build were read into it
        # An incremental build that only adds and drops documents need not copy the earlier
        # build's graphs: kg/splice.py splices its files and its store takes the changes alone.
        # Then ``deferred`` is the earlier graph.trig, ``deferred_keys`` its graphs and
        # ``deferred_quads`` their number of quads; ``load_deferred`` copies them in after all
        # when the splice cannot be made (and the files are written in full).
        self.deferred: Path | None = None
        self.deferred_keys: set[str] = set()
        self.deferred_quads = 0
        self.spliced = False  # whether the outputs were spliced (kg/splice.py), not rewritten

    def new_file(self) -> GraphFile:
        """A file to write blocks into (in this process or a worker); ``adopt`` it afterwards."""
        graph_file = GraphFile(self.folder / f"graphs-{self._files:04d}.nt")
        self._files += 1
        graph_file.path.touch()
        return graph_file

    def adopt(self, graph_file: GraphFile, *, earlier: bool = False) -> None:
        """Index the blocks of ``graph_file`` (written here, or by a worker that returned it);
        ``earlier`` when they are the graphs of the earlier build, not changes to it."""
        for key, block in graph_file.blocks:
            if earlier:
                self.earlier = True
            else:
                self.added.add(key)
            if key in self._index:
                # The same graph twice (two input files with the same text, or a hand-edited
                # earlier build): the union of the two, as one block.
                merged = sorted(set(self._index[key].read()) | set(block.read()))
                extra = self.new_file()
                extra.write(key, merged)
                block = extra.blocks[-1][1]
            self._index[key] = block

    def drop(self, key: str) -> None:
        if self._index.pop(key, None) is not None or key in self.deferred_keys:
            self.dropped.add(key)
        self.deferred_keys.discard(key)
        self.added.discard(key)

    def defer_earlier(self, trig: Path, keys: set[str], quads: int) -> None:
        """Stand for the graphs of the earlier build ``trig`` without copying them (see
        ``deferred``): ``keys`` are their names and ``quads`` their number of quads."""
        self.deferred, self.deferred_keys, self.deferred_quads = trig, set(keys), quads
        self.earlier = True

    def load_deferred(self) -> None:
        """Copy the deferred earlier graphs in, as ``load_build`` would have at the start: the
        graphs dropped since stay dropped, and ``added`` and ``dropped`` keep their meaning."""
        if self.deferred is None:
            return
        trig, added, dropped = self.deferred, set(self.added), set(self.dropped)
        self.deferred, self.deferred_keys, self.deferred_quads = None, set(), 0
        load_build(trig, self)
        for key in dropped:
            self._index.pop(key, None)
        self.added, self.dropped = added, dropped

    def block(self, key: str) -> Block:
        return self._index[key]

    @property
    def quads(self) -> int:
        return sum(block.lines for block in self._index.values()) + self.deferred_quads

    def _in_order(self) -> Iterator[tuple[ox.DefaultGraph | ox.NamedNode, Block]]:
        if self.deferred is not None:  # a writer of every graph would leave the earlier ones out
            raise RuntimeError("the earlier build's graphs are deferred: load_deferred() first")
        graphs = sorted((_graph_term(key) for key in self._index), key=graph_order)
        for graph in graphs:
            yield graph, self._index[graph_key(graph)]

    def graph_lines(self) -> Iterator[GraphLines]:
        """Every graph with its lines, in the canonical order of kg/canonical.py, one at a time."""
        for graph, block in self._in_order():
            yield graph, block.read()

    def graph_texts(self) -> Iterator[GraphText]:
        """The same, each graph's lines as one text."""
        for graph, block in self._in_order():
            yield graph, block.read_text()


# --- an earlier build ------------------------------------------------------------------------


@dataclass
class BuildContents:
    """What new documents need to know of an earlier build."""

    documents: dict[str, str] = field(default_factory=dict)  # sha256 -> source
    entities: list[Entity] = field(default_factory=list)  # people and organisations, to link to


def load_build(trig: Path, spool: GraphSpool) -> BuildContents:
    """Copy the graphs of an earlier build's graph.trig into ``spool``, streaming (one graph in
    memory at a time), and read what new documents need of it on the way."""
    contents = BuildContents()
    labels: dict[str, set[str]] = defaultdict(set)
    classes: dict[str, set[str]] = defaultdict(set)
    graph_file = spool.new_file()
    current: ox.DefaultGraph | ox.NamedNode | None = None
    triples: list[ox.Triple] = []
    document: dict[ox.NamedNode, str] = {}  # this graph's kg:sha256 and dcterms:source

    def flush() -> None:
        if current is not None and triples:
            graph_file.write(
                graph_key(current),
                sorted_lines(
                    in_memory(
                        ox.serialize(canonical_triples(triples), format=ox.RdfFormat.N_TRIPLES)
                    )
                ),
            )
        if _KG["sha256"] in document:
            contents.documents[document[_KG["sha256"]]] = document.get(_DCTERMS_SOURCE, "")

    try:
        for quad in ox.parse(path=str(trig), format=ox.RdfFormat.TRIG):
            if quad.graph_name != current:
                flush()
                current, triples, document = quad.graph_name, [], {}
            triples.append(quad.triple)
            subject, predicate, obj = quad.subject, quad.predicate, quad.object
            if subject == quad.graph_name and isinstance(obj, ox.Literal):
                document[predicate] = obj.value
            if predicate == _RDFS_LABEL and isinstance(obj, ox.Literal):
                labels[subject.value].add(obj.value)
            elif predicate == _RDF_TYPE and _ENTITY_CLASSES.get(obj) in _LINKABLE:
                classes[subject.value].add(_ENTITY_CLASSES[obj])
    except SyntaxError as error:
        raise KgError(f"{trig}: earlier build is unreadable ({error}); use --rebuild") from None
    flush()
    spool.adopt(graph_file, earlier=True)
    contents.entities = [
        Entity(key=label, label=label, type=kind)  # type: ignore[arg-type]
        for iri in sorted(classes)
        for kind in sorted(classes[iri])
        for label in sorted(labels[iri])
    ]
    return contents


# --- the view of a build ---------------------------------------------------------------------

# What the view of a large build holds, whatever the size of the corpus: the most attested
# entities and edges among them, each edge with a few statements as its provenance.
VIEW_MAX_ENTITIES = 2000
VIEW_MAX_EDGES = 4000

_TYPE_LINE = b"<" + str(RDF_TYPE).encode() + b">"
_ENTITY_CLASS_IRIS = {b"<" + str(iri).encode() + b">" for iri in TYPE_CLASSES.values()}
_REL_PREFIX = b"<" + str(REL).encode()

# The predicates the reader of the entity graph reads (besides rel: edges: kg/entitygraph.py);
# nothing else goes into the view's part.
_VIEW_READS = {ox.NamedNode(iri) for iri in READ_PREDICATES}


def _drawn_whole(spool: GraphSpool) -> bool:
    return spool.quads <= VIEW_FULL_GRAPH_QUADS


def view_selection(spool: GraphSpool) -> str | None:
    """How ``view_dataset`` chose the part of the graph it gives, for the page's heading; None
    when it gives the whole graph."""
    if _drawn_whole(spool):
        return None
    return (
        f"the {VIEW_MAX_ENTITIES} entities most attested across documents, "
        f"of a graph of {spool.quads:,} triples"
    )


def view_dataset(spool: GraphSpool) -> Dataset:
    """An in-memory dataset for kg/view/ to draw the build from: the whole graph when it is
    small (VIEW_FULL_GRAPH_QUADS), else the bounded part the view shows (``view_part`` of the
    VIEW_MAX_ENTITIES most attested entities and the VIEW_MAX_EDGES most attested edges
    between them)."""
    from kg.store import new_dataset, oxigraph_store

    dataset = new_dataset()
    store = oxigraph_store(dataset)
    if _drawn_whole(spool):
        # As plain TriG, the cheapest text of the graphs to make and to parse (kg/canonical.py).
        text = b"".join(trig_blocks(spool.graph_texts()))
        store.bulk_load(text, format=ox.RdfFormat.TRIG, lenient=True)
        return dataset
    entities = most_attested_entities(spool.graph_lines(), VIEW_MAX_ENTITIES)
    edges = most_attested_edges(spool.graph_lines(), entities, VIEW_MAX_EDGES)
    part = view_part(
        spool.graph_lines(),
        entities=entities,
        edges=edges,
        statements_per_edge=VIEW_STATEMENTS_PER_EDGE,
        sentences_per_entity=VIEW_SENTENCES_PER_ENTITY,
    )
    store.extend(ox.Quad(t.subject, t.predicate, t.object) for t in part)
    remember_view_part(spool.folder, store, entities, edges)
    return dataset


# The part of a large build its page was drawn from, and the entities and edges it was chosen
# by, kept in the spool's folder and then beside the build's store generation: an incremental
# build adds what new documents state about them (kg/splice.py) instead of reading every graph.
VIEW_PART_FILE = "view-part.nt"
VIEW_SELECTION_FILE = "view-selection.json"


def remember_view_part(
    folder: Path,
    part: ox.Store,
    entities: set[ox.NamedNode],
    edges: set[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]],
) -> None:
    import json

    (folder / VIEW_PART_FILE).write_bytes(
        in_memory(part.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=ox.DefaultGraph()))
    )
    selection = {
        "entities": sorted(e.value for e in entities),
        "edges": sorted([s.value, p.value, o.value] for s, p, o in edges),
    }
    (folder / VIEW_SELECTION_FILE).write_text(json.dumps(selection), encoding="utf-8")


def _edge_lines(graphs: Iterable[GraphLines]) -> Iterator[tuple[bytes, bytes, bytes]]:
    """(subject, predicate, object) of every line of the graphs that is an entity type or a
    direct rel: edge, read from the text (IRIs hold no spaces), without parsing the rest."""
    for _, lines in graphs:
        for line in lines:
            subject, predicate, rest = line.split(b" ", 2)
            if predicate == _TYPE_LINE or predicate.startswith(_REL_PREFIX):
                obj = rest[: rest.rfind(b" .")]
                if obj.startswith(b"<"):
                    yield subject, predicate, obj


def most_attested_entities(graphs: Iterable[GraphLines], limit: int) -> set[ox.NamedNode]:
    """The ``limit`` entities in the most edges, counted once per document that states one."""
    counts: Counter[bytes] = Counter()
    for subject, predicate, obj in _edge_lines(graphs):
        if predicate == _TYPE_LINE:
            if obj in _ENTITY_CLASS_IRIS:
                counts[subject] += 0  # every entity is a candidate, edges or not
        else:
            counts[subject] += 1
            counts[obj] += 1
    ranked = sorted(counts, key=lambda e: (-counts[e], e))[:limit]
    return {ox.NamedNode(entity[1:-1].decode()) for entity in ranked}


def most_attested_edges(
    graphs: Iterable[GraphLines], entities: set[ox.NamedNode], limit: int
) -> set[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]]:
    """The ``limit`` direct edges between ``entities`` stated by the most documents."""
    wanted = {b"<" + e.value.encode() + b">" for e in entities}
    counts: Counter[tuple[bytes, bytes, bytes]] = Counter(
        (subject, predicate, obj)
        for subject, predicate, obj in _edge_lines(graphs)
        if predicate != _TYPE_LINE and subject in wanted and obj in wanted
    )
    ranked = sorted(counts, key=lambda edge: (-counts[edge], edge))[:limit]
    return {(_named(subject), _named(predicate), _named(obj)) for subject, predicate, obj in ranked}


def _named(term: bytes) -> ox.NamedNode:
    """The IRI of an N-Triples ``<...>`` term."""
    return ox.NamedNode(term[1:-1].decode())


# Any term of a triple, as pyoxigraph types it.
_Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def view_part(
    graphs: Iterable[GraphLines],
    *,
    entities: set[ox.NamedNode] | None = None,
    edges: set[tuple[ox.NamedNode, ox.NamedNode, ox.NamedNode]] | None = None,
    statements_per_edge: int = VIEW_STATEMENTS_PER_EDGE,
    sentences_per_entity: int = VIEW_SENTENCES_PER_ENTITY,
) -> Iterator[ox.Triple]:
    """What the view reads of a graph, with a cap on the provenance of each edge and entity.

    Of ``entities`` (all when None): everything the view shows (types, labels, aliases, roles),
    the edges among them that are in ``edges`` (all when None) and the relations' labels; of
    statements (an edge's provenance), the first ``statements_per_edge`` of each edge kept, and
    of an entity's sentences the first ``sentences_per_entity``, in graph order; then the
    sentences those point to and their documents' sources. Only predicates the view reads are
    kept. The triples go to one default graph, where the labels that every document repeats
    become one triple each.
    """
    # A statement's edge as its rdf:subject, rdf:predicate and rdf:object (None when missing).
    per_edge: Counter[tuple[_Term | None, _Term | None, _Term | None]] = Counter()
    per_entity: Counter[_Term] = Counter()
    # What every document repeats (labels, types, edges) is yielded once: a store's bulk loader
    # would otherwise hold all the repeats before it drops them.
    said: set[ox.Triple] = set()
    for _, lines in graphs:
        by_subject: defaultdict[_Term, list[ox.Triple]] = defaultdict(list)
        for triple in ox.parse(b"".join(lines), format=ox.RdfFormat.N_TRIPLES):
            by_subject[triple.subject].append(triple)
        wanted: set[_Term] = set()
        later: list[ox.Triple] = []  # sentences and documents: kept once something points there
        for subject, triples in by_subject.items():
            kinds = {t.object for t in triples if t.predicate == _RDF_TYPE}
            if _KG["Statement"] in kinds:
                parts = {t.predicate: t.object for t in triples}
                edge = (parts.get(_RDF_SUBJECT), parts.get(_RDF_PREDICATE), parts.get(_RDF_OBJECT))
                if not isinstance(edge[2], ox.NamedNode):
                    continue  # a clause object: no edge in the view
                if edges is not None and edge not in edges:
                    continue
                if entities is not None and not (edge[0] in entities and edge[2] in entities):
                    continue
                if per_edge[edge] < statements_per_edge:
                    per_edge[edge] += 1
                    wanted.update(t.object for t in triples if t.predicate == _KG["sentence"])
                    yield from (t for t in triples if t.predicate in _VIEW_READS)
            elif _KG["Sentence"] in kinds or _KG["Document"] in kinds:
                later.extend(triples)
            elif kinds & _ENTITY_CLASSES.keys():
                if entities is not None and subject not in entities:
                    continue
                for triple in triples:
                    if triple.predicate == _KG["mentionedIn"]:
                        if per_entity[subject] < sentences_per_entity:
                            per_entity[subject] += 1
                            wanted.add(triple.object)
                            yield triple
                    elif triple in said:
                        continue
                    elif triple.predicate.value.startswith(_REL):
                        edge = (subject, triple.predicate, triple.object)
                        if (edges is None or edge in edges) and (
                            entities is None or triple.object in entities
                        ):
                            said.add(triple)
                            yield triple
                    elif triple.predicate in _VIEW_READS:
                        said.add(triple)
                        yield triple
            else:  # relations: their labels
                for triple in triples:
                    if triple.predicate == _RDFS_LABEL and triple not in said:
                        said.add(triple)
                        yield triple
        documents = {
            t.object for t in later if t.subject in wanted and t.predicate == _DCTERMS_IS_PART_OF
        }
        for triple in later:
            if triple.subject in wanted and triple.predicate in _VIEW_READS:
                yield triple
            elif (
                triple.subject in documents
                and triple.predicate == _DCTERMS_SOURCE
                and triple not in said
            ):
                said.add(triple)
                yield triple
