"""Exports keep their content however they read it: the entity graph's readers (GraphML, CSV and
the view read the graph through them) against one direct SPARQL reading of the same graph,
JSON-LD against pyoxigraph's own JSON-LD writer, blank nodes met late against the canonical
copy of the whole dataset, and ``kg view`` of a build against the build's own graph.html."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
from conftest import run_kg

import kg.canonical
import kg.entitygraph as entitygraph
import kg.graphspool
import kg.view.part
from kg.entitygraph import QUALIFIERS, Description, Statement, select, value
from kg.export import entity_graph, export
from kg.store import close_store, load_dataset, open_store, oxigraph_store
from kg.vocab import PREFIXES, compact_iri

SMALL = Path(__file__).parent / "data" / "kg_small.trig"


@pytest.fixture(scope="module", params=["seed", "small"])
def store(request, seed_build) -> Iterator[ox.Store]:
    """The seed build's store (opened as kg commands open it) and the hand-written graph."""
    if request.param == "small":
        yield oxigraph_store(load_dataset(SMALL, union_default_graph=False))
        return
    opened = open_store(seed_build)
    yield opened
    # Closed, or its descriptors outlive the module (a later test counts a worker's).
    close_store(opened)


# --- the entity graph: each reader against one SPARQL query ---------------------------------


def reference_descriptions(store: ox.Store) -> dict[str, Description]:
    classes = ", ".join(f"<{c}>" for c in entitygraph.ENTITY_TYPES)
    slots = {
        "rdf:type": "classes",
        "rdfs:label": "labels",
        "skos:altLabel": "aliases",
        "kg:role": "roles",
        "kg:mergeReason": "merge_reasons",
    }
    found: dict[str, dict[str, set[str]]] = {}
    for row in select(
        store,
        f"""SELECT ?e ?p ?v WHERE {{ VALUES ?p {{ {" ".join(slots)} }} ?e ?p ?v
              FILTER(?p != rdf:type || ?v IN ({classes})) }}""",
    ):
        slot = slots[compact_iri(value(row["p"]))]
        found.setdefault(value(row["e"]), {}).setdefault(slot, set()).add(value(row["v"]))
    return {
        iri: Description(iri, **{slot: sorted(items) for slot, items in slot_values.items()})
        for iri, slot_values in sorted(found.items())
    }


def reference_statements(store: ox.Store) -> list[Statement]:
    """kg writes one subject, relation, object, confidence and sentence per statement: read
    them (and each qualifier) with one query, joined as SPARQL joins them."""
    optional = "".join(
        f"OPTIONAL {{ ?st <{iri}> ?q{i} }}\n" for i, iri in enumerate(QUALIFIERS.values())
    )
    rows = select(
        store,
        f"""SELECT * WHERE {{
              ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
              FILTER(!isLiteral(?o))
              OPTIONAL {{ ?st kg:confidence ?conf }}
              OPTIONAL {{ ?st kg:sentence ?sent OPTIONAL {{ ?sent kg:text ?text }}
                          OPTIONAL {{ ?sent dcterms:isPartOf ?d . ?d dcterms:source ?source }} }}
              {optional} }}""",
    )
    found = {}
    for row in rows:
        qualifiers = {
            name: value(row[f"q{i}"])
            for i, name in enumerate(QUALIFIERS)
            if row[f"q{i}"] is not None
        }
        if qualifiers.get("negated") == "1":
            qualifiers["negated"] = "true"
        key = value(row["st"])
        assert key not in found, f"{key}: kg writes each of its slots once"
        found[key] = Statement(
            iri=key,
            subject=value(row["s"]),
            relation=value(row["p"]),
            object=value(row["o"]),
            object_is_iri=isinstance(row["o"], ox.NamedNode),
            confidence=None if row["conf"] is None else float(value(row["conf"])),
            sentence_iri=value(row["sent"]),
            sentence=value(row["text"]),
            source=value(row["source"]),
            qualifiers=qualifiers,
        )
    return [found[key] for key in sorted(found)]


def reference_direct_edges(store: ox.Store) -> list[tuple[str, str, str, bool]]:
    rows = select(
        store,
        """SELECT DISTINCT ?s ?p ?o WHERE {
             ?s ?p ?o . FILTER(STRSTARTS(STR(?p), STR(rel:)) && !isLiteral(?o)) }""",
    )
    return sorted(
        (value(row["s"]), value(row["p"]), value(row["o"]), isinstance(row["o"], ox.NamedNode))
        for row in rows
    )


def test_entity_graph_readers_read_what_one_query_reads(store):
    assert entitygraph.describe(store) == reference_descriptions(store)
    statements = entitygraph.statements(store)
    assert statements == reference_statements(store)
    assert any(s.qualifiers and s.sentence and s.source for s in statements)
    assert entitygraph.direct_edges(store) == reference_direct_edges(store)


def test_graphml_holds_every_entity_and_edge(store, tmp_path):
    """Every entity once, every statement between two entities and every direct edge no
    statement describes, each once, with its statement's sentence."""
    path = tmp_path / "graph.graphml"
    export(store, "graphml", path)
    graph = nx.read_graphml(path, force_multigraph=True)
    entities = {iri for iri, d in reference_descriptions(store).items() if d.types}
    assert set(graph.nodes) == entities
    statements = [
        s
        for s in reference_statements(store)
        if s.object_is_iri and s.subject in entities and s.object in entities
    ]
    described = {(s.subject, s.relation, s.object) for s in statements}
    direct = [
        (s, p, o)
        for s, p, o, is_iri in reference_direct_edges(store)
        if is_iri and s in entities and o in entities and (s, p, o) not in described
    ]
    assert graph.number_of_edges() == len(statements) + len(direct)
    for statement in statements:
        data = graph.edges[statement.subject, statement.object, statement.iri]
        assert data["sentence"] == statement.sentence
        assert data["relation_iri"] == statement.relation
    nodes, edges = entity_graph(store)
    assert len(nodes) == len(entities) and len(edges) == graph.number_of_edges()


# --- JSON-LD: pyoxigraph's own writer, compacted -------------------------------------------


def pyoxigraph_jsonld(store: ox.Store) -> list[object]:
    """pyoxigraph's expanded JSON-LD of the canonical N-Quads, IRIs compacted with kg's
    prefixes: what kg's JSON-LD export was before it was written a graph at a time."""

    def compacted(node: object) -> object:
        if isinstance(node, list):
            return [compacted(item) for item in node]
        if not isinstance(node, dict):
            return node
        return {
            (key if key.startswith("@") else compact_iri(key, jsonld=True)): (
                compact_iri(item, jsonld=True)
                if key in ("@id", "@type") and isinstance(item, str)
                else compacted(item)
            )
            for key, item in node.items()
        }

    quads = ox.parse(b"".join(kg.canonical.canonical_nquads(store)), format=ox.RdfFormat.N_QUADS)
    expanded = ox.serialize(quads, format=ox.RdfFormat.JSON_LD)
    assert expanded is not None
    return compacted(json.loads(expanded))  # type: ignore[return-value]


AWKWARD = """
<http://e/g> <http://e/p> "in the default graph" .
<http://e/s> <http://e/p> "a\\u0001\\b\\f\\t\\"\\\\é\\u2028"^^<http://www.w3.org/1999/02/22-rdf-syntax-ns#JSON> <http://e/g> .
<http://e/s> <http://e/p> "rtl"@ar--rtl <http://e/g> .
<http://e/s> <http://e/p> "English"@en <http://e/g> .
<http://e/s> <http://e/q> "1"^^<http://www.w3.org/2001/XMLSchema#integer> <http://e/g> .
<http://e/s> <http://e/p> <http://e/o> <http://e/g> .
_:b <http://e/p> _:c <https://w3id.org/kg/document/d> .
<https://w3id.org/kg/entity///x> <https://w3id.org/kg/relation/r> <https://w3id.org/kg/entity/é> <https://w3id.org/kg/document/d> .
"""  # noqa: E501


@pytest.fixture(scope="module")
def awkward() -> ox.Store:
    """Literals of every shape, the default graph beside named ones, blank nodes, IRIs that
    cannot be compacted."""
    store = ox.Store()
    store.load(AWKWARD.encode(), format=ox.RdfFormat.N_QUADS)
    return store


@pytest.mark.parametrize("which", ["build", "awkward"])
def test_jsonld_is_pyoxigraphs_jsonld_compacted(which, store, awkward):
    source = awkward if which == "awkward" else store
    data = export(source, "jsonld", None)
    assert data is not None
    document = json.loads(data)
    assert document["@context"] == PREFIXES
    assert document["@graph"] == pyoxigraph_jsonld(source)
    # And a JSON-LD 1.1 reader gives back the same quads (blank nodes aside, relabelled).
    parsed = set(ox.parse(data, format=ox.RdfFormat.JSON_LD))
    expected = set(
        ox.parse(b"".join(kg.canonical.canonical_nquads(source)), format=ox.RdfFormat.N_QUADS)
    )
    assert parsed == expected


# --- blank nodes found late -------------------------------------------------------------------


def canonical_first(store: ox.Store) -> list[kg.canonical.GraphLines]:
    """The graphs as they were read before: the whole store relabelled up front."""
    copy = kg.canonical._canonical_blank_nodes(store)
    graphs = [ox.DefaultGraph(), *sorted(copy.named_graphs(), key=kg.canonical.graph_order)]
    found = []
    for graph in graphs:
        text = copy.dump(format=ox.RdfFormat.N_TRIPLES, from_graph=graph)
        assert text is not None
        if text:
            found.append((graph, kg.canonical.sorted_lines(text)))
    return found


def test_blank_nodes_in_a_later_graph_get_the_canonical_labels():
    """Graphs before the first blank node are read as they are, the rest from the canonical
    copy: the same lines as relabelling the whole store first, whatever the insertion order."""
    text = """
    <urn:s> <urn:p> "a literal with _:x in it" <urn:g1> .
    <urn:s> <urn:p> <urn:o> <urn:g1> .
    _:x <urn:p> _:y <urn:g2> .
    _:y <urn:p> "y" <urn:g2> .
    <urn:t> <urn:p> _:x <urn:g3> .
    <urn:t> <urn:p> "t" .
    """
    quads = list(ox.parse(text.encode(), format=ox.RdfFormat.N_QUADS))
    outputs = []
    for order in (quads, quads[::-1]):
        store = ox.Store()
        store.extend(order)
        lines = list(kg.canonical.graph_lines(store))
        assert lines == canonical_first(store)
        outputs.append(lines)
    assert outputs[0] == outputs[1]
    assert b"_:c14n" in b"".join(outputs[0][2][1])


def test_a_literal_that_looks_like_a_blank_node_changes_nothing():
    store = ox.Store()
    store.load(b'<urn:s> <urn:p> "_:x" <urn:g> .\n', format=ox.RdfFormat.N_QUADS)
    assert list(kg.canonical.graph_lines(store)) == [
        (ox.NamedNode("urn:g"), [b'<urn:s> <urn:p> "_:x" .\n'])
    ]


# --- kg view of a build: the build's graph.html -----------------------------------------------


def test_kg_view_of_a_small_build_is_its_graph_html(seed_build, tmp_path):
    result = run_kg("view", str(seed_build), "-o", str(tmp_path / "view.html"))
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "view.html").read_bytes() == (seed_build / "graph.html").read_bytes()


def test_kg_view_of_a_large_build_draws_the_part_the_build_draws(tmp_path, monkeypatch):
    """Past VIEW_FULL_GRAPH_QUADS the build draws graph.html from the most attested entities
    and edges, read from its spool; ``kg view`` reads the same part from the store. Made small
    here, so that the seed is a large build of a few entities."""
    from kg.pipeline import build

    for module in (kg.graphspool, kg.view.part):
        monkeypatch.setattr(module, "VIEW_FULL_GRAPH_QUADS", 10)
        monkeypatch.setattr(module, "VIEW_MAX_ENTITIES", 8)
        monkeypatch.setattr(module, "VIEW_MAX_EDGES", 5)
    out = tmp_path / "build"
    build([str(Path(__file__).parent.parent / "seeds")], out)
    page = (out / "graph.html").read_text(encoding="utf-8")
    assert "the 8 entities most attested across documents" in page
    store = open_store(out)
    try:
        part = kg.view.part.store_view(store)
        assert part.selection is not None and part.quads > 10
        kg.view.part.write_store_view(store, tmp_path / "view.html")
    finally:
        close_store(store)
    assert (tmp_path / "view.html").read_text(encoding="utf-8") == page
