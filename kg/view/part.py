"""The view of a build's store: the part of the graph a build draws its graph.html from.

A build draws graph.html from its graph spool (kg/graphspool.py): the whole graph when it is
small, else a bounded part of it, the most attested entities and edges with a few statements and
sentences each as provenance. ``kg view BUILD`` draws from the build's store the same part, so that
its page is the build's graph.html, and its memory does not grow with the build: the whole entity
graph of 5,000 documents took 1.6 GB to draw.

The ranking reads only the entities' types and the direct ``rel:`` edges, by indexed patterns,
per document graph (an entity stated in many documents is the most attested). The part itself
is read graph by graph (kg.graphspool.view_part over the graphs' lines in canonical order), one
graph in memory at a time.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox
from rdflib import Dataset

from kg.canonical import GraphLines, graph_order, in_memory, sorted_lines
from kg.entitygraph import ENTITY_TYPES, READ_PREDICATES, predicates, select
from kg.graphspool import (
    VIEW_FULL_GRAPH_QUADS,
    VIEW_MAX_EDGES,
    VIEW_MAX_ENTITIES,
    VIEW_SENTENCES_PER_ENTITY,
    VIEW_STATEMENTS_PER_EDGE,
    view_part,
)
from kg.store import dataset_over, new_dataset, oxigraph_store
from kg.vocab import REL

# What view_part reads of a graph besides the rel: edges.
_READ = READ_PREDICATES | {"http://www.w3.org/1999/02/22-rdf-syntax-ns#type"}

# An entity as kg.graphspool ranks it: its N-Triples text (``<iri>``), which orders the ties.
_Key = bytes


@dataclass
class StoreView:
    """What ``kg view`` draws of a build's store, and how the page says which part it is."""

    dataset: Dataset
    selection: str | None  # None when it is the whole graph
    quads: int  # the quads of the document graphs


def store_view(store: ox.Store) -> StoreView:
    """The dataset to draw a build's store from: the store itself when its document graphs are
    small (VIEW_FULL_GRAPH_QUADS), else, in memory, the part kg.graphspool.view_part keeps of
    the VIEW_MAX_ENTITIES most attested entities and the VIEW_MAX_EDGES most attested edges
    between them, as a build's graph.html shows."""
    quads = document_quads(store)
    if quads <= VIEW_FULL_GRAPH_QUADS:
        return StoreView(dataset_over(store), None, quads)
    used = predicates(store)
    edges = _stated_edges(store, [p for p in used if p.value.startswith(str(REL))])
    entities = _most_attested_entities(store, edges, VIEW_MAX_ENTITIES)
    chosen = _most_attested_edges(edges, entities, VIEW_MAX_EDGES)
    part = view_part(
        _read_lines(store, used),
        entities={_named(entity) for entity in entities},
        edges={(_named(s), _named(p), _named(o)) for s, p, o in chosen},
        statements_per_edge=VIEW_STATEMENTS_PER_EDGE,
        sentences_per_entity=VIEW_SENTENCES_PER_ENTITY,
    )
    dataset = new_dataset()
    oxigraph_store(dataset).extend(ox.Quad(t.subject, t.predicate, t.object) for t in part)
    # The words of kg.graphspool.view_selection, which says the same of a build's spool.
    selection = (
        f"the {VIEW_MAX_ENTITIES} entities most attested across documents, "
        f"of a graph of {quads:,} triples"
    )
    return StoreView(dataset, selection, quads)


def write_store_view(store: ox.Store, path: Path) -> Path:
    """Write the view of a build's store to PATH as the build writes its graph.html: the part
    ``store_view`` gives, cut to the BUILD_VIEW_MAX_NODES entities in the most edges when it has
    more, under a heading that says which part it is."""
    from kg.pipeline import BUILD_VIEW_MAX_NODES
    from kg.view import write_view

    view = store_view(store)
    top = BUILD_VIEW_MAX_NODES if _labelled(view.dataset) > BUILD_VIEW_MAX_NODES else None
    heading = f"Knowledge graph \u2014 {view.selection}" if view.selection else None
    return write_view(view.dataset, path, top=top, heading=heading)


def _labelled(dataset: Dataset) -> int:
    """How many nodes have a label: the count the build compares with BUILD_VIEW_MAX_NODES."""
    rows = select(
        oxigraph_store(dataset), "SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE { ?e rdfs:label ?l }"
    )
    return int(next(rows)[0].value)


def document_quads(store: ox.Store) -> int:
    """How many quads the named (document) graphs hold, each graph's triples counted once."""
    answer = store.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert isinstance(answer, ox.QuerySolutions)  # a SELECT
    count: ox.Literal = next(iter(answer))["n"]  # a COUNT is always bound
    return int(count.value)


def _read_lines(store: ox.Store, used: list[ox.NamedNode]) -> Iterator[GraphLines]:
    """The document graphs in canonical order (kg.canonical.graph_lines), each with the lines
    view_part reads of it: those whose predicate is rdf:type, a ``rel:`` relation or one of
    READ_PREDICATES. view_part keeps no other line and decides nothing from one, so it gives
    the same part of these; a mention's text and position (half a graph's lines) are not read
    out of the store."""
    unused = [p for p in used if p.value not in _READ and not p.value.startswith(str(REL))]
    restrict = f"FILTER(?p NOT IN ({', '.join(map(str, unused))}))" if unused else ""
    for graph in sorted(store.named_graphs(), key=graph_order):
        answer = store.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {graph} {{ ?s ?p ?o {restrict} }} }}"
        )
        assert isinstance(answer, ox.QueryTriples)  # a CONSTRUCT
        lines = sorted_lines(in_memory(answer.serialize(format=ox.RdfFormat.N_TRIPLES)))
        if lines:
            yield graph, lines


def _stated_edges(store: ox.Store, found: list[ox.NamedNode]) -> Counter[tuple[_Key, _Key, _Key]]:
    """Each direct ``rel:`` edge (of the relations FOUND) whose object is an IRI, with the number
    of document graphs that state it: what kg.graphspool counts from the graphs' lines, read by
    indexed patterns."""
    if not found:
        return Counter()
    # No DISTINCT: a row per graph that states the edge.
    rows = store.query(
        f"""SELECT ?s ?p ?o WHERE {{ GRAPH ?g {{
              VALUES ?p {{ {" ".join(map(str, found))} }} ?s ?p ?o FILTER(isIRI(?o)) }} }}"""
    )
    assert isinstance(rows, ox.QuerySolutions)  # a SELECT
    return Counter(
        (str(row[0]).encode(), str(row[1]).encode(), str(row[2]).encode()) for row in rows
    )


def _most_attested_entities(
    store: ox.Store, edges: Counter[tuple[_Key, _Key, _Key]], limit: int
) -> list[_Key]:
    """kg.graphspool.most_attested_entities of the store: every entity a candidate, ranked by the
    edges it is in, counted once per document that states one; ties by IRI."""
    counts: Counter[_Key] = Counter()
    classes = " ".join(f"<{iri}>" for iri in ENTITY_TYPES)
    typed = select(
        store,
        f"SELECT DISTINCT ?e WHERE {{ GRAPH ?g {{ VALUES ?c {{ {classes} }} ?e a ?c }} }}",
    )
    for row in typed:
        counts[str(row[0]).encode()] += 0
    for (subject, _, obj), documents in edges.items():
        counts[subject] += documents
        counts[obj] += documents
    return sorted(counts, key=lambda e: (-counts[e], e))[:limit]


def _most_attested_edges(
    edges: Counter[tuple[_Key, _Key, _Key]], entities: list[_Key], limit: int
) -> list[tuple[_Key, _Key, _Key]]:
    """kg.graphspool.most_attested_edges: the edges between ENTITIES stated by the most
    documents; ties by their text."""
    wanted = set(entities)
    among = [edge for edge in edges if edge[0] in wanted and edge[2] in wanted]
    return sorted(among, key=lambda edge: (-edges[edge], edge))[:limit]


def _named(term: _Key) -> ox.NamedNode:
    return ox.NamedNode(term[1:-1].decode())
