"""ontology/shapes.ttl through kg.validate: a hand-written graph in kg's shape conforms, and each
way of breaking the shape fails with the broken shape named in the report."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph

from kg.store import load_dataset
from kg.validate import union_graph, validate

DATA = Path(__file__).parent / "data" / "kg_small.trig"

PROLOGUE = """
PREFIX kg: <https://w3id.org/kg/ontology#>
PREFIX ent: <https://w3id.org/kg/entity/>
PREFIX rel: <https://w3id.org/kg/relation/>
PREFIX doc: <https://w3id.org/kg/document/>
PREFIX stmt: <https://w3id.org/kg/statement/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
DOC_A = "doc:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
SENTENCE_0 = (
    "<https://w3id.org/kg/document/"
    "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/sentence/0>"
)


@pytest.fixture(scope="module")
def conforming() -> Graph:
    return union_graph(load_dataset(DATA))


def broken(graph: Graph, update: str) -> Graph:
    copy = Graph()
    for triple in graph:
        copy.add(triple)
    copy.update(PROLOGUE + update)
    return copy


def test_hand_written_graph_conforms(conforming):
    conforms, report = validate(conforming)
    assert conforms, report


def test_dataset_is_validated_as_the_union():
    conforms, report = validate(load_dataset(DATA))
    assert conforms, report


BREAKAGES = [
    ("entity without label", "DELETE WHERE { ent:He_Lifeng rdfs:label ?l }", "EntityLabelShape"),
    (
        "entity with two labels",
        'INSERT DATA { ent:He_Lifeng rdfs:label "Lifeng" }',
        "EntityLabelShape",
    ),
    (
        "label with a language tag",
        'DELETE WHERE { ent:Beijing rdfs:label ?l } ; INSERT DATA { ent:Beijing rdfs:label "B"@en }',  # noqa: E501
        "EntityLabelShape",
    ),
    ("entity with two types", "INSERT DATA { ent:Beijing a kg:Organization }", "EntityTypeShape"),
    ("statement subject with no type", "DELETE WHERE { ent:Donald_Trump a ?t }", "EntityTypeShape"),
    ("statement without object", "DELETE WHERE { stmt:s1 rdf:object ?o }", "StatementObjectShape"),
    (
        "statement with two subjects",
        "INSERT DATA { stmt:s1 rdf:subject ent:Beijing }",
        "StatementSubjectShape",
    ),
    (
        "literal subject",
        'INSERT DATA { stmt:s9 a kg:Statement ; rdf:subject "Trump" }',
        "StatementSubjectShape",
    ),
    (
        "confidence above 1",
        "DELETE WHERE { stmt:s1 kg:confidence ?c } ;"
        ' INSERT DATA { stmt:s1 kg:confidence "1.5"^^xsd:double }',
        "StatementConfidenceShape",
    ),
    (
        "confidence below 0",
        "DELETE WHERE { stmt:s1 kg:confidence ?c } ;"
        ' INSERT DATA { stmt:s1 kg:confidence "-0.1"^^xsd:double }',
        "StatementConfidenceShape",
    ),
    (
        "confidence as a decimal",
        "DELETE WHERE { stmt:s1 kg:confidence ?c } ; INSERT DATA { stmt:s1 kg:confidence 0.5 }",
        "StatementConfidenceShape",
    ),
    (
        "two confidences",
        'INSERT DATA { stmt:s1 kg:confidence "0.1"^^xsd:double }',
        "StatementConfidenceShape",
    ),
    ("no confidence", "DELETE WHERE { stmt:s2 kg:confidence ?c }", "StatementConfidenceShape"),
    ("no negation flag", "DELETE WHERE { stmt:s1 kg:negated ?n }", "StatementNegatedShape"),
    (
        "negation as a string",
        'DELETE WHERE { stmt:s1 kg:negated ?n } ; INSERT DATA { stmt:s1 kg:negated "no" }',
        "StatementNegatedShape",
    ),
    ("no sentence", "DELETE WHERE { stmt:s1 kg:sentence ?s }", "StatementSentenceShape"),
    (
        "sentence that is a document",
        f"DELETE WHERE {{ stmt:s1 kg:sentence ?s }} ; INSERT DATA {{ stmt:s1 kg:sentence {DOC_A} }}",  # noqa: E501
        "StatementSentenceShape",
    ),
    (
        "two sentences",
        "INSERT DATA { stmt:s1 kg:sentence <https://w3id.org/kg/document/"
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/sentence/1> }",
        "StatementSentenceShape",
    ),
    ("empty modality", 'INSERT DATA { stmt:s1 kg:modality "" }', "StatementModalityShape"),
    (
        "predicate that is not a relation",
        "DELETE WHERE { rel:meet a kg:Relation }",
        "RelationTypeShape",
    ),
    ("relation without label", "DELETE WHERE { rel:meet rdfs:label ?l }", "RelationLabelShape"),
    ("sentence without text", f"DELETE WHERE {{ {SENTENCE_0} kg:text ?t }}", "SentenceTextShape"),
    (
        "begin after end",
        f"DELETE WHERE {{ {SENTENCE_0} kg:beginIndex ?b }} ;"
        f" INSERT DATA {{ {SENTENCE_0} kg:beginIndex 500 }}",
        "SentenceBeginShape",
    ),
    (
        "negative begin",
        f"DELETE WHERE {{ {SENTENCE_0} kg:beginIndex ?b }} ;"
        f" INSERT DATA {{ {SENTENCE_0} kg:beginIndex -1 }}",
        "SentenceBeginShape",
    ),
    (
        "offset as a string",
        f"DELETE WHERE {{ {SENTENCE_0} kg:endIndex ?e }} ;"
        f' INSERT DATA {{ {SENTENCE_0} kg:endIndex "76" }}',
        "SentenceEndShape",
    ),
    (
        "sentence in no document",
        f"DELETE WHERE {{ {SENTENCE_0} dcterms:isPartOf ?d }}",
        "SentenceDocumentShape",
    ),
    (
        "sentence in something that is not a document",
        f"DELETE WHERE {{ {SENTENCE_0} dcterms:isPartOf ?d }} ;"
        f" INSERT DATA {{ {SENTENCE_0} dcterms:isPartOf ent:Beijing }}",
        "SentenceDocumentShape",
    ),
    (
        "hash with upper-case digits",
        f"DELETE WHERE {{ {DOC_A} kg:sha256 ?h }} ; INSERT DATA {{ {DOC_A} kg:sha256 '{'A' * 64}' }}",  # noqa: E501
        "DocumentHashShape",
    ),
    (
        "short hash",
        f"DELETE WHERE {{ {DOC_A} kg:sha256 ?h }} ; INSERT DATA {{ {DOC_A} kg:sha256 'abc' }}",
        "DocumentHashShape",
    ),
    ("no hash", f"DELETE WHERE {{ {DOC_A} kg:sha256 ?h }}", "DocumentHashShape"),
    ("no source", f"DELETE WHERE {{ {DOC_A} dcterms:source ?s }}", "DocumentSourceShape"),
]


@pytest.mark.parametrize(
    ("update", "shape"), [case[1:] for case in BREAKAGES], ids=[case[0] for case in BREAKAGES]
)
def test_each_breakage_fails_with_its_shape_named(conforming, update, shape):
    graph = broken(conforming, update)
    assert len(graph) != len(conforming) or set(graph) != set(conforming)  # the update did bite
    conforms, report = validate(graph)
    assert not conforms
    assert f"kgsh:{shape}" in report, report


def test_seed_build_conforms(seed_build):
    """What `kg build seeds/` writes is well formed (the shared seed build of conftest.py)."""
    conforms, report = validate(load_dataset(seed_build))
    assert conforms, report
