"""The RDF vocabulary kg writes: its own terms (declared in ontology/kg.ttl) and the namespaces of
the instance data. ``KG`` is a closed namespace: a typo such as ``KG.confidnce`` raises at import
time of the calling code instead of minting a new, silently wrong IRI (rdflib's DefinedNamespace).
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, PROV, RDF, RDFS, SDO, SKOS, XSD, DefinedNamespace

BASE = "https://w3id.org/kg/"


class KG(DefinedNamespace):
    """Terms of the kg ontology (ontology/kg.ttl)."""

    _fail = True
    _NS = Namespace(BASE + "ontology#")

    # classes
    Entity: URIRef
    Person: URIRef
    Organization: URIRef
    Place: URIRef
    Group: URIRef
    Date: URIRef
    Event: URIRef
    Work: URIRef
    Thing: URIRef
    Concept: URIRef
    Nominal: URIRef
    Mention: URIRef
    Statement: URIRef
    Document: URIRef
    Sentence: URIRef
    Relation: URIRef

    # entity properties
    role: URIRef
    mergeReason: URIRef
    concept: URIRef  # a Nominal's head concept

    # mention properties: where a referring expression stands and what it denotes
    denotes: URIRef
    mentionText: URIRef
    mentionStart: URIRef
    mentionEnd: URIRef
    mentionKind: URIRef
    corefSieve: URIRef
    corefReason: URIRef

    # statement properties
    confidence: URIRef
    negated: URIRef
    modality: URIRef
    attribution: URIRef  # the source as written (literal)
    attributedTo: URIRef  # the source as a node, when resolved
    condition: URIRef
    time: URIRef  # the TIMEX3 value, typed by its precision (kg/dates.py)
    timeText: URIRef  # the time phrase as written
    timexType: URIRef  # DATE, TIME, DURATION or SET
    timeStart: URIRef  # the first day the value covers
    timeEnd: URIRef  # the last day it covers
    place: URIRef  # where the statement happened, a node
    placeText: URIRef  # the place phrase as written
    embeddedRelation: URIRef
    subjectText: URIRef
    relationText: URIRef
    objectText: URIRef
    objectLiteral: URIRef
    extractionRule: URIRef
    sentence: URIRef
    mentionedIn: URIRef

    # document and sentence properties
    sha256: URIRef
    sentenceIndex: URIRef
    text: URIRef
    beginIndex: URIRef
    endIndex: URIRef


# Instance namespaces. Entities, relations and documents live under BASE so that a graph built
# from the same input always has the same IRIs (see kg/iri.py).
ENT = Namespace(BASE + "entity/")
REL = Namespace(BASE + "relation/")
DOC = Namespace(BASE + "document/")
STMT = Namespace(BASE + "statement/")
# Further columns of a corpus row the user asked to keep (`--keep-field section`) are written as
# properties of the document in this namespace: <doc> field:section "Politics".
FIELD = Namespace(BASE + "field/")

# Prefixes bound in every graph kg writes and pre-bound in every query kg runs.
PREFIXES: dict[str, str] = {
    "kg": str(KG._NS),
    "ent": str(ENT),
    "rel": str(REL),
    "doc": str(DOC),
    "stmt": str(STMT),
    "field": str(FIELD),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
    "skos": str(SKOS),
    "schema": str(SDO),
    "prov": str(PROV),
    "dcterms": str(DCTERMS),
}

# kg entity type -> ontology class
TYPE_CLASSES: dict[str, URIRef] = {
    "Person": KG.Person,
    "Organization": KG.Organization,
    "Place": KG.Place,
    "Group": KG.Group,
    "Date": KG.Date,
    "Event": KG.Event,
    "Work": KG.Work,
    "Thing": KG.Thing,
    "Concept": KG.Concept,
    "Nominal": KG.Nominal,
}


def sparql_prologue() -> str:
    """PREFIX lines for every prefix kg binds, to put in front of a user's query."""
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())


# kg's namespaces, the longest first: an IRI is shortened with the most specific one.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))


def compact_iri(iri: str, *, jsonld: bool = False) -> str:
    """IRI shortened with a kg prefix (``ent:Scott_Bessent``): the one IRI shortener of kg.

    For SPARQL results and Turtle (the default) the local part must read as a prefixed name
    there (letters, digits, ``_-.``, not ending in a dot), else the IRI is written ``<iri>``.
    For JSON-LD (``jsonld``) any local part will do except one starting with ``//``, which a
    reader would take for an absolute IRI; with no prefix the IRI is given as it is.
    """
    for prefix, namespace in _BY_LENGTH:
        if not iri.startswith(namespace):
            continue
        local = iri[len(namespace) :]
        if jsonld:
            if not local.startswith("//"):
                return f"{prefix}:{local}"
            continue
        if local and all(c.isalnum() or c in "_-." for c in local) and not local.endswith("."):
            return f"{prefix}:{local}"
        break
    return iri if jsonld else f"<{iri}>"


def iri_label(iri: str) -> str:
    """A readable name for a node or relation the graph gives no label: what follows kg's
    namespace (else the IRI's last segment), percent-decoded, underscores as spaces."""
    from urllib.parse import unquote

    for _, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return unquote(iri[len(namespace) :]).replace("_", " ")
    tail = iri.rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]
    return unquote(tail).replace("_", " ") or iri
