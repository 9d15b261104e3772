"""Shared vocabulary of the synthetic kg-model graphs that the store and query benchmarks make."""

from __future__ import annotations

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"
PROV = "http://www.w3.org/ns/prov#"
DCTERMS = "http://purl.org/dc/terms/"

# Relation frequencies loosely like news text: "say" everywhere, "meet" and "threaten" common.
RELATIONS = {
    "say": 20,
    "meet": 8,
    "threaten": 6,
    "impose": 5,
    "announce": 5,
    "visit": 4,
    "criticize": 4,
    "sign": 3,
    "reject": 3,
    "hold": 3,
    "lead": 3,
    "urge": 2,
    "accuse": 2,
    "warn": 2,
    "raise": 2,
    "cut": 2,
    "ban": 1,
    "join": 1,
    "sue": 1,
    "praise": 1,
}
# Entity types drawn for synthetic entities: people most often, as in news.
TYPES = ("Person", "Person", "Person", "Organization", "Organization", "Place", "Concept")

# The README's kind of 2-hop query: who met someone who threatened something.
TWO_HOP = "SELECT ?a ?b ?c WHERE { ?a rel:meet ?b . ?b rel:threaten ?c }"
