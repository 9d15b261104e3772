"""kg's prefixes as plain strings, for code that must not import rdflib (a cold ``kg query``
imports only what a query needs). kg.vocab builds the same namespaces with rdflib; a test holds
the two to the same values."""

from __future__ import annotations

BASE = "https://w3id.org/kg/"

# Prefixes bound in every graph kg writes and pre-bound in every query kg runs.
PREFIXES: dict[str, str] = {
    "kg": BASE + "ontology#",
    "ent": BASE + "entity/",
    "rel": BASE + "relation/",
    "doc": BASE + "document/",
    "stmt": BASE + "statement/",
    "field": BASE + "field/",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "https://schema.org/",
    "prov": "http://www.w3.org/ns/prov#",
    "dcterms": "http://purl.org/dc/terms/",
}


def sparql_prologue() -> str:
    """PREFIX lines for every prefix kg binds, to put in front of a user's query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
