"""The graph spool: a build's graphs on disk, written to the same bytes a store would give, and
the bounded part of a large build that its view is drawn from."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import TURTLE_PREFIXES, run_kg

import kg.graphspool as graphspool
from kg.canonical import trig_of, turtle_of
from kg.export import export
from kg.graphspool import GraphSpool, load_build, view_dataset, view_part
from kg.view import render_html, view_model

# Two document graphs, the first written in two pieces (as a hand-edited file might be), an
# entity described in both, and a Person and an Organization for new documents to link to.
HAND_WRITTEN = (
    TURTLE_PREFIXES
    + """
doc:aaa { doc:aaa a kg:Document ; kg:sha256 "aaa" ; dcterms:source "a.txt" .
          ent:Ada_Lovelace a kg:Person ; rdfs:label "Ada Lovelace" . }
doc:bbb { doc:bbb a kg:Document ; kg:sha256 "bbb" ; dcterms:source "b.txt" .
          ent:Ada_Lovelace a kg:Person ; rdfs:label "Ada Lovelace" ; rel:found ent:Acme .
          ent:Acme a kg:Organization ; rdfs:label "Acme" . }
doc:aaa { ent:Ada_Lovelace kg:role "mathematician" . }
"""
)


def spool_of(trig_text: str, folder: Path) -> tuple[GraphSpool, graphspool.BuildContents]:
    trig = folder / "graph.trig"
    trig.write_text(trig_text, encoding="utf-8")
    (folder / "spool").mkdir()
    spool = GraphSpool(folder / "spool")
    return spool, load_build(trig, spool)


def test_a_spool_writes_the_bytes_a_store_writes(tmp_path):
    spool, contents = spool_of(HAND_WRITTEN, tmp_path)
    store = ox.Store()
    store.bulk_load(HAND_WRITTEN.encode(), format=ox.RdfFormat.TRIG)
    assert b"".join(trig_of(spool.graph_texts())) == export(store, "trig")
    assert b"".join(turtle_of(spool.graph_lines())) == export(store, "turtle")
    assert spool.quads == len(store)  # the graph written in two pieces counts each quad once
    assert contents.documents == {"aaa": "a.txt", "bbb": "b.txt"}
    assert {(e.label, e.type) for e in contents.entities} == {
        ("Ada Lovelace", "Person"),
        ("Acme", "Organization"),
    }


def test_dropping_a_graph_leaves_the_others(tmp_path):
    spool, _ = spool_of(HAND_WRITTEN, tmp_path)
    spool.drop("https://w3id.org/kg/document/aaa")
    trig = b"".join(trig_of(spool.graph_texts())).decode()
    assert "a.txt" not in trig and "mathematician" not in trig
    assert "b.txt" in trig and "Acme" in trig


def test_blank_nodes_of_a_hand_edited_build_get_the_same_labels_every_time(tmp_path):
    text = TURTLE_PREFIXES + 'doc:ccc { [] rdfs:label "anonymous" ; rel:know [ rdfs:label "x" ] . }'
    written = []
    for run in ("one", "two"):
        (tmp_path / run).mkdir()
        spool, _ = spool_of(text, tmp_path / run)
        written.append(b"".join(trig_of(spool.graph_texts())))
    assert written[0] == written[1]
    assert b"anonymous" in written[0]


def test_an_unreadable_earlier_build_names_the_file(tmp_path):
    with pytest.raises(Exception, match=r"graph\.trig: earlier build is unreadable"):
        spool_of("doc:x { this is not trig", tmp_path)


# Three documents state the same edge; one entity is mentioned in each of their sentences.
def _statement_graph(number: int) -> str:
    doc = f"doc:d{number}"
    sentence = f"<https://w3id.org/kg/document/d{number}/sentence/0>"
    return f"""
{doc} {{
  {doc} a kg:Document ; kg:sha256 "d{number}" ; dcterms:source "news/{number}.txt" .
  {sentence} a kg:Sentence ; kg:text "Ada founded Acme ({number})." ; dcterms:isPartOf {doc} .
  ent:Ada a kg:Person ; rdfs:label "Ada" ; kg:mentionedIn {sentence} ; rel:found ent:Acme .
  ent:Acme a kg:Organization ; rdfs:label "Acme" .
  stmt:s{number} a kg:Statement ; rdf:subject ent:Ada ; rdf:predicate rel:found ;
      rdf:object ent:Acme ; kg:confidence 0.9 ; kg:sentence {sentence} .
}}"""


def test_the_view_part_keeps_the_first_statements_and_sentences_only(tmp_path):
    text = TURTLE_PREFIXES + "".join(_statement_graph(n) for n in (1, 2, 3))
    spool, _ = spool_of(text, tmp_path)
    part = ox.Store()
    part.extend(
        ox.Quad(t.subject, t.predicate, t.object)
        for t in view_part(spool.graph_lines(), statements_per_edge=2, sentences_per_entity=1)
    )
    kg = "https://w3id.org/kg/ontology#"
    statements = {
        str(q.subject) for q in part.quads_for_pattern(None, None, ox.NamedNode(kg + "Statement"))
    }
    assert statements == {
        "<https://w3id.org/kg/statement/s1>",
        "<https://w3id.org/kg/statement/s2>",
    }
    mentions = list(part.quads_for_pattern(None, ox.NamedNode(kg + "mentionedIn"), None))
    assert len(mentions) == 1
    sources = {q.object.value for q in part.quads_for_pattern(
        None, ox.NamedNode("http://purl.org/dc/terms/source"), None)}  # fmt: skip
    assert sources == {"news/1.txt", "news/2.txt"}  # the third document's sentence is left out
    texts = {q.object.value for q in part.quads_for_pattern(None, ox.NamedNode(kg + "text"), None)}
    assert texts == {"Ada founded Acme (1).", "Ada founded Acme (2)."}
    # The edge and every entity's label are there once, from whichever graph.
    assert (
        len(
            list(
                part.quads_for_pattern(
                    None, ox.NamedNode("https://w3id.org/kg/relation/found"), None
                )
            )
        )
        == 1
    )


def test_the_view_of_a_large_build_is_the_view_of_the_whole_graph_when_no_cap_binds(
    seed_build, tmp_path, monkeypatch
):
    spool, _ = spool_of((seed_build / "graph.trig").read_text(encoding="utf-8"), tmp_path)
    whole = render_html(view_model(view_dataset(spool)), heading="seed")
    assert graphspool.view_selection(spool) is None
    monkeypatch.setattr(graphspool, "VIEW_FULL_GRAPH_QUADS", 0)
    assert graphspool.view_selection(spool).startswith("the 2000 entities most attested")
    monkeypatch.setattr(graphspool, "VIEW_STATEMENTS_PER_EDGE", 1000)
    monkeypatch.setattr(graphspool, "VIEW_SENTENCES_PER_ENTITY", 1000)
    part = render_html(view_model(view_dataset(spool)), heading="seed")
    assert part == whole
    monkeypatch.setattr(graphspool, "VIEW_SENTENCES_PER_ENTITY", 1)
    capped = render_html(view_model(view_dataset(spool)), heading="seed")
    assert capped != whole and "Scott Bessent" in capped


def test_a_build_writes_what_kg_export_writes_of_it(seed_build, tmp_path):
    """The build writes its files from the spool; kg export from a store: the same bytes."""
    for fmt, name in (("trig", "graph.trig"), ("turtle", "graph.ttl")):
        target = tmp_path / name
        result = run_kg(
            "export", str(seed_build / "graph.trig"), "--format", fmt, "-o", str(target)
        )
        assert result.returncode == 0, result.stderr
        assert target.read_bytes() == (seed_build / name).read_bytes()


def test_a_large_view_keeps_the_most_attested_entities_and_edges(tmp_path):
    bob = (
        TURTLE_PREFIXES
        + """doc:d9 { ent:Bob a kg:Person ; rdfs:label "Bob" ; rel:found ent:Acme .
                     ent:Acme a kg:Organization ; rdfs:label "Acme" .
                     ent:Ada a kg:Person ; rdfs:label "Ada" ; rel:know ent:Acme . }"""
    )
    text = TURTLE_PREFIXES + "".join(_statement_graph(n) for n in (1, 2, 3)) + bob
    spool, _ = spool_of(text, tmp_path)
    entities = graphspool.most_attested_entities(spool.graph_lines(), 2)
    assert {e.value for e in entities} == {
        "https://w3id.org/kg/entity/Ada",
        "https://w3id.org/kg/entity/Acme",
    }
    edges = graphspool.most_attested_edges(spool.graph_lines(), entities, 1)
    assert {tuple(t.value.rsplit("/", 1)[1] for t in edge) for edge in edges} == {
        ("Ada", "found", "Acme")  # three documents state it; "know" only one
    }
    part = list(view_part(spool.graph_lines(), entities=entities, edges=edges))
    text_of_part = " ".join(str(t) for t in part)
    assert "Bob" not in text_of_part and "relation/know" not in text_of_part
    assert len([t for t in part if t.predicate.value.endswith("relation/found")]) == 1
