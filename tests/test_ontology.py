"""ontology/kg.ttl declares exactly the terms of kg.vocab.KG, each labelled, commented and
aligned to the standard vocabularies, and the shapes use only declared terms."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import OWL, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.validate import ONTOLOGY_FILE, SHAPES_FILE
from kg.vocab import KG, TYPE_CLASSES

KG_NS = str(KG._NS)
DATA = Path(__file__).parent / "data" / "kg_small.trig"


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(ONTOLOGY_FILE, format="turtle")


def vocab_terms() -> set[URIRef]:
    return {KG[name] for name in KG.__annotations__}


def kg_terms_in(statements) -> set[URIRef]:
    return {
        term
        for statement in statements
        for term in statement
        if isinstance(term, URIRef) and str(term).startswith(KG_NS)
    }


def test_every_vocab_term_is_declared_and_nothing_else(ontology):
    declared = {s for s in ontology.subjects() if str(s).startswith(KG_NS)}
    assert declared == vocab_terms()
    assert kg_terms_in(ontology) == vocab_terms()  # and no undeclared kg: term is used


def test_every_term_has_a_kind_a_label_and_a_comment(ontology):
    kinds = {OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty}
    for term in vocab_terms():
        assert set(ontology.objects(term, RDF.type)) & kinds, term
        assert ontology.value(term, RDFS.label) is not None, term
        assert ontology.value(term, RDFS.comment) is not None, term


def test_properties_have_domains_and_ranges(ontology):
    for prop in ontology.subjects(RDF.type, OWL.DatatypeProperty):
        assert ontology.value(prop, RDFS.domain) is not None, prop
        assert str(ontology.value(prop, RDFS.range)).startswith(str(XSD)), prop
    for prop in ontology.subjects(RDF.type, OWL.ObjectProperty):
        assert ontology.value(prop, RDFS.domain) is not None, prop
        assert str(ontology.value(prop, RDFS.range)).startswith(KG_NS), prop


@pytest.mark.parametrize(
    ("term", "parent"),
    [
        (KG.Person, SDO.Person),
        (KG.Organization, SDO.Organization),
        (KG.Place, SDO.Place),
        (KG.Event, SDO.Event),
        (KG.Work, SDO.CreativeWork),
        (KG.Thing, SDO.Thing),
        (KG.Concept, SKOS.Concept),
        (KG.Statement, RDF.Statement),
        (KG.Document, PROV.Entity),
        (KG.Document, SDO.CreativeWork),
        (KG.Sentence, PROV.Entity),
        (KG.Relation, RDF.Property),
    ],
)
def test_classes_are_aligned(ontology, term, parent):
    assert (term, RDFS.subClassOf, parent) in ontology


def test_entity_classes_are_entities(ontology):
    for cls in TYPE_CLASSES.values():
        assert (cls, RDFS.subClassOf, KG.Entity) in ontology, cls


def test_numeric_and_boolean_ranges(ontology):
    assert ontology.value(KG.confidence, RDFS.range) == XSD.double
    assert ontology.value(KG.negated, RDFS.range) == XSD.boolean
    for prop in (KG.beginIndex, KG.endIndex, KG.sentenceIndex):
        assert ontology.value(prop, RDFS.range) == XSD.integer
    assert (KG.sentence, RDFS.subPropertyOf, PROV.wasDerivedFrom) in ontology


def test_shapes_and_sample_output_use_only_declared_terms():
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    assert kg_terms_in(shapes) <= vocab_terms()
    sample = Dataset()
    sample.parse(DATA, format="trig")
    assert kg_terms_in(sample.quads((None, None, None, None))) <= vocab_terms()


def test_shapes_list_exactly_the_entity_classes():
    shapes = Graph().parse(SHAPES_FILE, format="turtle")
    listed = {
        term
        for term in shapes.objects()
        if isinstance(term, URIRef) and term in set(TYPE_CLASSES.values())
    }
    assert listed == set(TYPE_CLASSES.values())


@pytest.mark.parametrize("path", [ONTOLOGY_FILE, SHAPES_FILE])
def test_files_parse_strictly(path):
    assert list(ox.parse(path.read_bytes(), format=ox.RdfFormat.TURTLE))
    if shutil.which("rapper") is None:
        pytest.skip("rapper not found: apt-get install raptor2-utils")
    result = subprocess.run(
        ["rapper", "-c", "-i", "turtle", str(path)], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
