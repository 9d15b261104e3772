"""The view's model: the part of a kg graph to draw, as plain nodes and edges (``ViewGraph``).

Read from the entity graph (kg/entitygraph.py) by SPARQL on the Oxigraph store, then optionally cut
down to the graph of a CONSTRUCT query, the neighbourhood of one entity or the most connected
nodes. Nothing here knows how the graph is drawn (kg/view/positions.py, kg/view/page.py).
"""

from __future__ import annotations

import difflib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx
from rdflib import BNode, Dataset, Literal, URIRef

from kg.entitygraph import (
    ENTITY_TYPES,
    describe,
    direct_edges,
    mentioned_in,
    relation_labels,
    statements,
)
from kg.errors import KgError, QueryError
from kg.store import oxigraph_store
from kg.vocab import REL, compact_iri, iri_label

# What a tooltip shows of the sentences behind an entity: the first few, each cut to a paragraph's
# length. An entity of a 2 MB text was mentioned in thousands of sentences, some a page long, and
# the page repeated all of them for every entity (kg query has them all).
TOOLTIP_SENTENCES = 5
TOOLTIP_SENTENCE_CHARS = 600

# The type of a node the graph gives no entity type (the legend's last entry).
OTHER_TYPE = "Other"

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
_SKOS_ALT = "http://www.w3.org/2004/02/skos/core#altLabel"


@dataclass
class Provenance:
    """One statement behind an edge: the sentence it was read from and its qualifiers."""

    sentence: str = ""
    confidence: float | None = None
    source: str = ""
    qualifiers: dict[str, str] = field(default_factory=dict)


@dataclass
class ViewNode:
    id: str  # the IRI (or blank node id) of the entity
    label: str
    type: str = OTHER_TYPE
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    sentences: list[str] = field(default_factory=list)


@dataclass
class ViewEdge:
    source: str
    target: str
    relation: str  # predicate IRI
    label: str  # relation label ("meet")
    provenance: list[Provenance] = field(default_factory=list)


@dataclass
class ViewGraph:
    """Plain nodes and edges, ready to lay out and draw; ``nodes`` keyed by id."""

    nodes: dict[str, ViewNode] = field(default_factory=dict)
    edges: list[ViewEdge] = field(default_factory=list)

    def to_networkx(self) -> nx.MultiDiGraph[str]:
        graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
        graph.add_nodes_from(self.nodes)
        for edge in self.edges:
            graph.add_edge(edge.source, edge.target, key=edge.relation)
        return graph

    def subgraph(self, ids: Iterable[str]) -> ViewGraph:
        """The nodes ``ids`` and the edges between them."""
        keep = set(ids) & self.nodes.keys()
        return ViewGraph(
            nodes={i: n for i, n in self.nodes.items() if i in keep},
            edges=[e for e in self.edges if e.source in keep and e.target in keep],
        )

    def degrees(self) -> Counter[str]:
        degree: Counter[str] = Counter({i: 0 for i in self.nodes})
        for edge in self.edges:
            degree[edge.source] += 1
            degree[edge.target] += 1
        return degree


def view_model(
    dataset: Dataset,
    *,
    focus: str | None = None,
    hops: int = 2,
    top: int | None = None,
    construct: str | None = None,
) -> ViewGraph:
    """The part of DATASET to show.

    The whole entity graph by default; ``construct``: the graph a SPARQL CONSTRUCT (or DESCRIBE)
    query returns, with entity details from DATASET; ``focus``: the entity with that label or
    alias (case-insensitive) and everything within ``hops`` edges of it, either direction;
    ``top``: the N entities with the most edges. They combine in that order.
    """
    if hops < 0:
        raise KgError(f"--hops must be 0 or more, got {hops}")
    if top is not None and top < 1:
        raise KgError(f"--top must be 1 or more, got {top}")
    full = _read_model(dataset)
    view = _construct_view(dataset, full, construct) if construct is not None else full
    if focus is not None:
        view = _neighbourhood(view, focus, hops)
    if top is not None:
        degree = view.degrees()
        ranked = sorted(view.nodes, key=lambda i: (-degree[i], view.nodes[i].label.lower(), i))
        view = view.subgraph(ranked[:top])
    return view


def _tooltip_text(text: str) -> str:
    if len(text) <= TOOLTIP_SENTENCE_CHARS:
        return text
    return text[: TOOLTIP_SENTENCE_CHARS - 1] + "\u2026"


def _read_model(dataset: Dataset) -> ViewGraph:
    """The whole entity graph (read by kg/entitygraph.py) as plain nodes and edges: every
    entity, the direct ``rel:`` edges (with the nodes at their ends), each edge's statements as
    its provenance, and each node's first sentences."""
    store = oxigraph_store(dataset)
    descriptions = describe(store)
    nodes: dict[str, ViewNode] = {
        iri: ViewNode(id=iri, label=iri_label(iri), type=found.types[0])
        for iri, found in descriptions.items()
        if found.types
    }
    # Edges: the direct rel: triples between nodes. A fact that is denied or conditional has
    # no direct edge, and so no edge here either.
    labels = relation_labels(store)
    edges: dict[tuple[str, str, str], ViewEdge] = {}
    for s, p, o, _ in direct_edges(store):
        for end in (s, o):
            if end not in nodes:
                nodes[end] = ViewNode(id=end, label=iri_label(end))
        edges[(s, p, o)] = ViewEdge(s, o, p, labels.get(p, iri_label(p)))

    for iri, node in nodes.items():
        found = descriptions.get(iri)
        if found is None:
            continue
        # The first label in order is the name; other labels and the aliases are aliases.
        if found.labels:
            node.label = found.labels[0]
        for alias in [*found.labels[1:], *found.aliases]:
            if alias not in node.aliases and alias != node.label:
                node.aliases.append(alias)
        node.roles.extend(found.roles)
    for iri, text in mentioned_in(store):
        entity = nodes.get(iri)
        text = _tooltip_text(text)
        if (
            entity is not None
            and len(entity.sentences) < TOOLTIP_SENTENCES
            and text not in entity.sentences
        ):
            entity.sentences.append(text)

    for statement in statements(store):
        edge = edges.get((statement.subject, statement.relation, statement.object))
        if edge is None:
            continue
        edge.provenance.append(
            Provenance(
                sentence=_tooltip_text(statement.sentence),
                confidence=statement.confidence,
                source=statement.source,
                qualifiers={
                    name: found for name, found in statement.qualifiers.items() if found != "false"
                },
            )
        )
    # Sorted, so that the same graph always gives the same page (and the same layout).
    return ViewGraph(
        nodes={key: nodes[key] for key in sorted(nodes)},
        edges=[edges[key] for key in sorted(edges)],
    )


def _construct_view(dataset: Dataset, full: ViewGraph, query: str) -> ViewGraph:
    """The graph a CONSTRUCT/DESCRIBE query returns: its IRI-valued triples are the edges, its
    subjects and objects the nodes (with their details from FULL where it has them)."""
    from kg.query import GRAPH_KINDS, run_query

    result = run_query(dataset, query)
    if result.kind not in GRAPH_KINDS:
        raise QueryError(f"--query must be a CONSTRUCT or DESCRIBE query, not {result.kind.value}")
    known_edges = {(e.source, e.relation, e.target): e for e in full.edges}
    view = ViewGraph()

    # A CONSTRUCT result types its subjects as any term; a node is keyed by the term's text.
    def node(term: URIRef | BNode | Literal) -> ViewNode:
        key = str(term)
        if key not in view.nodes:
            model = full.nodes.get(key)
            view.nodes[key] = (
                ViewNode(**{**model.__dict__, "aliases": list(model.aliases)})
                if model is not None
                else ViewNode(id=key, label=iri_label(key))
            )
        return view.nodes[key]

    seen: set[tuple[str, str, str]] = set()
    for s, p, o in result.triples:
        subject, predicate = node(s), str(p)
        if isinstance(o, Literal):
            if predicate == _RDFS_LABEL:
                subject.label = str(o)
            elif predicate == _SKOS_ALT and str(o) not in subject.aliases:
                subject.aliases.append(str(o))
            continue
        if predicate == _RDF_TYPE:
            if str(o) in ENTITY_TYPES:
                subject.type = ENTITY_TYPES[str(o)]
            continue
        target = node(o)
        key = (subject.id, predicate, target.id)
        if key in seen:
            continue
        seen.add(key)
        known = known_edges.get(key)
        if known is not None:
            view.edges.append(known)
        else:
            label = (
                iri_label(predicate) if predicate.startswith(str(REL)) else compact_iri(predicate)
            )
            view.edges.append(ViewEdge(subject.id, target.id, predicate, label.strip("<>")))
    return view


def _neighbourhood(view: ViewGraph, name: str, hops: int) -> ViewGraph:
    wanted = " ".join(name.split()).casefold()
    centres = [i for i, n in view.nodes.items() if n.label.casefold() == wanted]
    if not centres:
        centres = [i for i, n in view.nodes.items() if wanted in (a.casefold() for a in n.aliases)]
    if not centres:
        names = sorted({n.label for n in view.nodes.values()})
        by_fold = {n.casefold(): n for n in names}
        close = difflib.get_close_matches(wanted, list(by_fold), n=5, cutoff=0.6)
        close += [by_fold[n] for n in by_fold if wanted in n and by_fold[n] not in close][:5]
        hint = (
            "; did you mean: " + ", ".join(repr(by_fold.get(c, c)) for c in close[:5])
            if close
            else ""
        )
        raise KgError(f"no entity named {name!r} in the graph{hint}")
    graph = view.to_networkx().to_undirected(as_view=True)
    keep: set[str] = set()
    for centre in centres:
        keep |= set(nx.single_source_shortest_path_length(graph, centre, cutoff=hops))
    return view.subgraph(keep)
