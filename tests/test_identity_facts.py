"""A fact that says what its subject is ("Maria Lopez is a pediatric surgeon", "Her new show,
Island Nights") has an object that coreference links to the subject itself: the fact keeps the
words that say it, never an edge from a node to itself."""

from __future__ import annotations

import dataclasses

import pytest
from test_resolve import make_extraction

import kg
from kg.resolve import resolve

TEXT = (
    "Maria Lopez is a pediatric surgeon. Lopez performed the operation on Monday. "
    "Walter Brandt opened a second plant in Ohio. Brandt was later named as chairman of the "
    "board. Her new show, Island Nights, was cancelled."
)


@pytest.fixture(scope="module")
def graph():
    return kg.build(TEXT, view=False)


def statements(graph) -> dict[tuple[str, str], str]:
    """(subject label, relation as written) -> the statement's object: a label or a literal."""
    rows = graph.query(
        "SELECT ?sl ?rel ?o ?ol WHERE { ?st a kg:Statement ; rdf:subject ?s ; kg:relationText "
        "?rel ; rdf:object ?o . ?s rdfs:label ?sl . OPTIONAL { ?o rdfs:label ?ol } }"
    )
    return {(r["sl"], r["rel"]): r.get("ol") or r["o"] for r in rows}


def test_no_fact_is_an_edge_from_a_node_to_itself(graph):
    loops = graph.query("SELECT ?sl ?p WHERE { ?s ?p ?s . ?p a kg:Relation . ?s rdfs:label ?sl }")
    assert loops == []
    same_ends = graph.query(
        "SELECT ?st WHERE { ?st a kg:Statement ; rdf:subject ?s ; rdf:object ?s }"
    )
    assert same_ends == []


@pytest.mark.parametrize(
    "subject, relation, said",
    [
        # A predicate nominative: the words after the copula.
        ("Maria Lopez", "is", "a pediatric surgeon"),
        # A predicative "as".
        ("Walter Brandt", "was named as", "chairman of the board"),
        # An apposition whose name is the node: the description's words, not the name again.
        ("Island Nights", "is", "Her new show"),
    ],
)
def test_what_a_fact_says_its_subject_is_stays_as_written(graph, subject, relation, said):
    assert statements(graph)[(subject, relation)] == said


def test_a_fact_saying_a_thing_is_its_own_name_is_left_out():
    """ "Acme Corp, Acme" says nothing: both are the node's names."""
    extraction = make_extraction(
        "Acme Corp hired Lee Park. Acme Corp, Acme, makes tools",
        [("Acme Corp", "ORG"), ("Lee Park", "PERSON"), ("Acme Corp", "ORG"), ("Acme", "ORG")],
        facts=[(0, "hire", 1), (2, "be", 3)],
    )
    apposition = dataclasses.replace(extraction.triples[1], rule="apposition")
    extraction = dataclasses.replace(extraction, triples=(extraction.triples[0], apposition))
    corpus = resolve([extraction])
    facts = [(f.subject, f.triple.relation, f.object) for d in corpus.documents for f in d.facts]
    assert [(relation, obj) for _, relation, obj in facts] == [("hire", "Lee Park")]


def test_a_fact_between_two_names_of_one_thing_by_another_verb_is_kept():
    """Only a fact saying what its subject is loses its object node: another verb whose ends
    are one node is another matter (a reflexive, or a link to correct elsewhere)."""
    extraction = make_extraction(
        "Acme Corp sued Acme",
        [("Acme Corp", "ORG"), ("Acme", "ORG")],
        facts=[(0, "sue", 1)],
    )
    corpus = resolve([extraction])
    facts = [(f.subject, f.triple.relation, f.object) for d in corpus.documents for f in d.facts]
    assert len(facts) == 1
    subject, relation, obj = facts[0]
    assert (relation, obj) == ("sue", subject)
