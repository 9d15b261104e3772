"""The graph view without a browser: what view_model reads from the kg RDF model, how focus /
hops / top / construct cut it down, and what the page is made of."""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import pytest
from conftest import TURTLE_PREFIXES

from kg.errors import KgError, QueryError
from kg.store import load_dataset
from kg.view import (
    ViewEdge,
    ViewGraph,
    ViewNode,
    layout,
    render_html,
    view_model,
    write_view,
)

ENT = "https://w3id.org/kg/entity/"
REL = "https://w3id.org/kg/relation/"

TRIG = (
    TURTLE_PREFIXES
    + """

doc:aaa {
  doc:aaa a kg:Document ; dcterms:source "seeds/a.txt" .
  <https://w3id.org/kg/document/aaa/sentence/0> a kg:Sentence ; kg:sentenceIndex 0 ;
      kg:text "Scott Bessent met with He Lifeng." ; dcterms:isPartOf doc:aaa .
  <https://w3id.org/kg/document/aaa/sentence/1> a kg:Sentence ; kg:sentenceIndex 1 ;
      kg:text "China may delay export controls, Bessent said." ; dcterms:isPartOf doc:aaa .
  ent:Scott_Bessent a kg:Person ; rdfs:label "Scott Bessent" ; skos:altLabel "Bessent" ;
      kg:role "US Treasury Secretary" ;
      kg:mentionedIn <https://w3id.org/kg/document/aaa/sentence/0>,
                     <https://w3id.org/kg/document/aaa/sentence/1> .
  ent:He_Lifeng a kg:Person ; rdfs:label "He Lifeng" .
  ent:China a kg:Place ; rdfs:label "China" .
  ent:concept\\/export_control a kg:Concept ; rdfs:label "export control" .
  ent:Scott_Bessent rel:meet ent:He_Lifeng .
  ent:He_Lifeng rel:represent ent:China .
  ent:China rel:delay ent:concept\\/export_control .
  rel:meet a kg:Relation ; rdfs:label "meet" .
  stmt:s1 a kg:Statement ; rdf:subject ent:Scott_Bessent ; rdf:predicate rel:meet ;
      rdf:object ent:He_Lifeng ; kg:confidence 0.87 ; kg:negated false ;
      kg:sentence <https://w3id.org/kg/document/aaa/sentence/0> .
  stmt:s2 a kg:Statement ; rdf:subject ent:China ; rdf:predicate rel:delay ;
      rdf:object ent:concept\\/export_control ; kg:confidence 0.6 ; kg:modality "may" ;
      kg:attribution "Bessent" ; kg:sentence <https://w3id.org/kg/document/aaa/sentence/1> .
  stmt:s3 a kg:Statement ; rdf:subject ent:Scott_Bessent ; rdf:predicate rel:say ;
      rdf:object "China may delay export controls" .
}
doc:bbb {
  ent:Donald_Trump a kg:Person ; rdfs:label "Donald Trump" .
  ent:Xi_Jinping a kg:Person ; rdfs:label "Xi Jinping" .
  ent:Donald_Trump rel:meet ent:Xi_Jinping .
  ent:Donald_Trump rel:call ent:Xi_Jinping .
  ent:Scott_Bessent rel:meet ent:He_Lifeng .
}
"""
)


@pytest.fixture(scope="module")
def dataset(tmp_path_factory: pytest.TempPathFactory):
    path = tmp_path_factory.mktemp("model") / "graph.trig"
    path.write_text(TRIG, encoding="utf-8")
    return load_dataset(path)


def labels(view: ViewGraph) -> set[str]:
    return {node.label for node in view.nodes.values()}


def test_whole_model(dataset) -> None:
    view = view_model(dataset)
    assert labels(view) == {
        "Scott Bessent",
        "He Lifeng",
        "China",
        "export control",
        "Donald Trump",
        "Xi Jinping",
    }
    bessent = view.nodes[ENT + "Scott_Bessent"]
    assert (bessent.type, bessent.aliases, bessent.roles) == (
        "Person",
        ["Bessent"],
        ["US Treasury Secretary"],
    )
    assert bessent.sentences == [
        "Scott Bessent met with He Lifeng.",
        "China may delay export controls, Bessent said.",
    ]
    assert view.nodes[ENT + "concept/export_control"].type == "Concept"
    # One edge per direct triple, though two documents state the meeting; none for the clause.
    triples = sorted((e.source[len(ENT) :], e.label, e.target[len(ENT) :]) for e in view.edges)
    assert triples == [
        ("China", "delay", "concept/export_control"),
        ("Donald_Trump", "call", "Xi_Jinping"),
        ("Donald_Trump", "meet", "Xi_Jinping"),
        ("He_Lifeng", "represent", "China"),
        ("Scott_Bessent", "meet", "He_Lifeng"),
    ]
    delay = next(e for e in view.edges if e.label == "delay")
    (prov,) = delay.provenance
    assert prov.sentence == "China may delay export controls, Bessent said."
    assert prov.confidence == pytest.approx(0.6)
    assert prov.source == "seeds/a.txt"
    assert prov.qualifiers == {"modality": "may", "attribution": "Bessent"}
    meet = next(e for e in view.edges if e.source == ENT + "Scott_Bessent")
    assert [p.confidence for p in meet.provenance] == [pytest.approx(0.87)]
    assert meet.provenance[0].qualifiers == {}  # negated false is the normal case: not shown


@pytest.mark.parametrize(
    ("focus", "hops", "expected"),
    [
        ("scott bessent", 0, {"Scott Bessent"}),
        ("SCOTT  BESSENT", 1, {"Scott Bessent", "He Lifeng"}),
        ("Scott Bessent", 2, {"Scott Bessent", "He Lifeng", "China"}),
        ("Bessent", 3, {"Scott Bessent", "He Lifeng", "China", "export control"}),  # an alias
        ("Xi Jinping", 5, {"Xi Jinping", "Donald Trump"}),  # edges count in both directions
    ],
)
def test_focus_and_hops(dataset, focus: str, hops: int, expected: set[str]) -> None:
    view = view_model(dataset, focus=focus, hops=hops)
    assert labels(view) == expected
    assert all(e.source in view.nodes and e.target in view.nodes for e in view.edges)


def test_unknown_focus_names_close_matches(dataset) -> None:
    with pytest.raises(KgError, match=r"no entity named 'Scot Besent'.*'Scott Bessent'"):
        view_model(dataset, focus="Scot Besent")


def test_top_keeps_the_most_connected(dataset) -> None:
    # Degrees: Trump 2, Xi 2, He Lifeng 2, China 2, Bessent 1, export control 1; ties by label.
    view = view_model(dataset, top=3)
    assert labels(view) == {"China", "Donald Trump", "He Lifeng"}
    assert [e.label for e in view.edges] == ["represent"]
    with pytest.raises(KgError, match="--top"):
        view_model(dataset, top=0)


def test_construct_shows_the_query_result(dataset) -> None:
    view = view_model(
        dataset,
        construct="CONSTRUCT { ?a rel:meet ?b } WHERE { ?a rel:meet ?b }",
    )
    assert labels(view) == {"Scott Bessent", "He Lifeng", "Donald Trump", "Xi Jinping"}
    assert {e.label for e in view.edges} == {"meet"}
    # Details come from the whole model: provenance, types, aliases.
    meet = next(e for e in view.edges if e.source == ENT + "Scott_Bessent")
    assert meet.provenance[0].sentence == "Scott Bessent met with He Lifeng."
    assert view.nodes[ENT + "Scott_Bessent"].aliases == ["Bessent"]


def test_construct_can_add_its_own_edges_and_labels(dataset) -> None:
    view = view_model(
        dataset,
        construct="""CONSTRUCT { ?a <http://example.org/knows> ?b . ?b rdfs:label ?name }
                     WHERE { ?a rel:meet ?b . ?b rdfs:label ?l BIND(UCASE(?l) AS ?name) }""",
    )
    assert {e.label for e in view.edges} == {"<http://example.org/knows>".strip("<>")}
    assert view.nodes[ENT + "He_Lifeng"].label == "HE LIFENG"
    focused = view_model(dataset, construct="DESCRIBE ent:China", focus="china", hops=1)
    assert "China" in labels(focused)


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ("SELECT * WHERE { ?s ?p ?o }", "CONSTRUCT"),
        (
            "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
            "SERVICE",
        ),
        ("CONSTRUCT { ?s ?p ?o  WHERE", "syntax error"),
    ],
)
def test_construct_refuses_other_queries(dataset, query: str, message: str) -> None:
    with pytest.raises(QueryError, match=message):
        view_model(dataset, construct=query)


HOSTILE = '</script><script>alert(1)</script><!-- <img src=x onerror=alert(2)> \u2028 & "'


def test_page_is_self_contained_and_embeds_text_as_inert_json() -> None:
    view = ViewGraph(
        nodes={
            HOSTILE: ViewNode(id=HOSTILE, label=HOSTILE, aliases=[HOSTILE], sentences=[HOSTILE]),
            "b": ViewNode(id="b", label="b"),
        },
        edges=[ViewEdge(HOSTILE, "b", REL + "x", HOSTILE)],
    )
    page = render_html(view, heading=HOSTILE)
    # The page's own three script elements end where they should (the data cannot end its
    # element early), and no element fetches anything.
    assert page.lower().count("</script") == 3
    assert "sourceMappingURL" not in page
    assert not re.search(
        r"<(link|img|iframe)\b|<script[^>]*\ssrc=|https?://[^\"' ]*\.(js|css)\b", page
    )
    assert "<img src=x" not in page
    assert "&lt;/script&gt;&lt;script&gt;alert(1)" in page  # the heading, HTML-escaped
    data = re.search(
        r'<script type="application/json" id="kg-data">(.*?)</script>', page, re.S
    ).group(1)
    assert "\u2028" not in data and "<" not in data and "&" not in data
    parsed = json.loads(data)
    assert parsed["heading"] == HOSTILE
    assert {n["id"] for n in parsed["nodes"]} == {HOSTILE, "b"}
    assert parsed["nodes"][0]["kg"]["sentences"] == [HOSTILE] or parsed["nodes"][1]["kg"][
        "sentences"
    ] == [HOSTILE]
    assert "Content-Security-Policy" in page and "connect-src &#x27;none&#x27;" in page


def test_write_view_replaces_the_file_atomically(dataset, tmp_path: Path) -> None:
    target = tmp_path / "out" / "graph.html"
    write_view(dataset, target, focus="China", hops=1)
    first = target.read_text(encoding="utf-8")
    assert "Knowledge graph" in first and "around China" in first
    write_view(dataset, target)
    assert target.read_text(encoding="utf-8") != first
    assert [p.name for p in target.parent.iterdir()] == ["graph.html"]  # no temporary files


def test_big_layout_spreads_nodes_out() -> None:
    # A 600-node ring of rings takes the fast (grid) layout path.
    nodes = {f"n{i}": ViewNode(id=f"n{i}", label=f"n{i}") for i in range(600)}
    edges = [ViewEdge(f"n{i}", f"n{(i + 1) % 600}", REL + "next", "next") for i in range(600)]
    edges += [
        ViewEdge(f"n{i}", f"n{(i + 7) % 600}", REL + "skip", "skip") for i in range(0, 600, 3)
    ]
    positions = layout(ViewGraph(nodes=nodes, edges=edges))
    points = list(positions.values())
    assert len(positions) == 600
    assert all(math.isfinite(x) and math.isfinite(y) for x, y in points)
    assert len(set(points)) > 590  # hardly any two nodes on the same spot
    width = max(x for x, _ in points) - min(x for x, _ in points)
    assert width > 600  # spread over more than a screen at zoom 1, not one clump
