"""The one reader of the entity graph: what kg's RDF says about entities, statements and the
direct edges between entities, read with SPARQL from an Oxigraph store.

``kg view`` (kg/view/), the property-graph exports (GraphML and CSV, kg/export.py) and
``kg explain`` (kg/explain.py) read the graph through these functions; the build's view of a
large graph (kg/graphspool.py) keeps, of each document graph, the predicates listed in
``READ_PREDICATES``, which are the ones read here. Each reader gives every value it finds,
sorted, so that its callers choose (the smallest label, the first type in TYPE_CLASSES order)
deterministically whatever the order the store answers in.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, RDF, RDFS, SKOS

from kg.store import query_union
from kg.vocab import KG, REL, TYPE_CLASSES, sparql_prologue

# Class IRI -> kg entity type name ("Person"), in TYPE_CLASSES order: a node with several
# classes takes the first.
ENTITY_TYPES: dict[str, str] = {str(iri): name for name, iri in TYPE_CLASSES.items()}
TYPE_ORDER: dict[str, int] = {name: i for i, name in enumerate(TYPE_CLASSES)}

# A statement's qualifiers, by the name a reader shows them under, in this order.
QUALIFIERS: dict[str, str] = {
    "negated": str(KG.negated),
    "modality": str(KG.modality),
    "attribution": str(KG.attribution),
    "condition": str(KG.condition),
    "time": str(KG.timeText),
    "date": str(KG.time),
    "place": str(KG.placeText),
    "relation text": str(KG.relationText),
}

# What an entity's description is made of.
_DESCRIBING = {
    str(RDF.type): "classes",
    str(RDFS.label): "labels",
    str(SKOS.altLabel): "aliases",
    str(KG.role): "roles",
    str(KG.mergeReason): "merge_reasons",
}

# Every predicate the readers below look at, besides the direct ``rel:`` edges: a part of a graph
# that keeps these (kg.graphspool.view_part) reads the same as the whole graph.
READ_PREDICATES: frozenset[str] = frozenset(
    {
        *_DESCRIBING,
        *QUALIFIERS.values(),
        str(KG.mentionedIn),
        str(KG.text),
        str(KG.sentenceIndex),
        str(KG.confidence),
        str(KG.sentence),
        str(DCTERMS.isPartOf),
        str(DCTERMS.source),
        str(RDF.subject),
        str(RDF.predicate),
        str(RDF.object),
    }
)


def select(store: ox.Store, body: str) -> Iterator[ox.QuerySolution]:
    """Solutions of a SELECT (kg's prefixes bound) over the union of the document graphs."""
    answer = store.query(sparql_prologue() + body, use_default_graph_as_union=query_union(store))
    assert isinstance(answer, ox.QuerySolutions)  # every query of this module is a SELECT
    return iter(answer)


def value(term: object) -> str:
    """The lexical value of TERM (an IRI, a blank node's id, a literal's text); "" for None."""
    if term is None:
        return ""
    if isinstance(term, ox.NamedNode | ox.BlankNode | ox.Literal):
        return term.value
    return str(term)


@dataclass
class Description:
    """What the graph says of one node: each list sorted, each value once."""

    iri: str
    classes: list[str] = field(default_factory=list)  # rdf:type IRIs
    labels: list[str] = field(default_factory=list)  # rdfs:label
    aliases: list[str] = field(default_factory=list)  # skos:altLabel
    roles: list[str] = field(default_factory=list)  # kg:role
    merge_reasons: list[str] = field(default_factory=list)  # kg:mergeReason

    @property
    def types(self) -> list[str]:
        """The kg entity types among its classes, in TYPE_CLASSES order."""
        found = {ENTITY_TYPES[c] for c in self.classes if c in ENTITY_TYPES}
        return sorted(found, key=TYPE_ORDER.__getitem__)


def describe(store: ox.Store, iris: Collection[str] | None = None) -> dict[str, Description]:
    """The description of each of IRIS (all its classes), or of every node that has one when
    IRIS is None (then only the entity classes are read: an entity is a node whose ``types`` is
    not empty). Sorted by IRI."""
    values = " ".join(f"<{p}>" for p in _DESCRIBING)
    if iris is not None:
        bound = "VALUES ?e { " + " ".join(str(ox.NamedNode(i)) for i in iris) + " }"
    else:
        # Of the whole graph, only the entity classes: every statement, sentence and mention
        # has a type too, and there are far more of them than of entities.
        classes = ", ".join(f"<{c}>" for c in ENTITY_TYPES)
        bound = f"FILTER(?p != rdf:type || ?v IN ({classes}))"
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    query = f"SELECT ?e ?p ?v WHERE {{ VALUES ?p {{ {values} }} ?e ?p ?v {bound} }}"
    for row in select(store, query):
        found[value(row["e"])][_DESCRIBING[value(row["p"])]].add(value(row["v"]))
    return {
        iri: Description(iri, **{slot: sorted(items) for slot, items in slots.items()})
        for iri, slots in sorted(found.items())
    }


@dataclass(frozen=True)
class Statement:
    """A kg:Statement whose object is a node (IRI or blank node): one edge of the entity graph
    with its provenance. Where the graph gives a slot several values, the smallest is kept."""

    iri: str
    subject: str
    relation: str  # the predicate IRI
    object: str
    object_is_iri: bool
    confidence: float | None
    sentence_iri: str
    sentence: str  # the sentence's text
    source: str  # the dcterms:source of the sentence's document
    qualifiers: dict[str, str]  # by QUALIFIERS name; absent when the graph has none


def statements(store: ox.Store) -> list[Statement]:
    """Every statement whose object is a node, sorted by IRI."""
    names = list(QUALIFIERS)
    optional = "".join(
        f"OPTIONAL {{ ?st <{iri}> ?q{i} }}\n" for i, iri in enumerate(QUALIFIERS.values())
    )
    rows = select(
        store,
        f"""SELECT DISTINCT ?st ?s ?p ?o ?conf ?sent ?text ?source {
            " ".join(f"?q{i}" for i in range(len(names)))
        } WHERE {{
              ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
              FILTER(!isLiteral(?o))
              OPTIONAL {{ ?st kg:confidence ?conf }}
              OPTIONAL {{ ?st kg:sentence ?sent OPTIONAL {{ ?sent kg:text ?text }}
                          OPTIONAL {{ ?sent dcterms:isPartOf ?d . ?d dcterms:source ?source }} }}
              {optional}
            }}""",
    )
    slots: dict[str, dict[str, str]] = {}
    edges: dict[str, tuple[str, str, str, bool]] = {}
    for row in rows:
        key = value(row["st"])
        edges[key] = (
            value(row["s"]),
            value(row["p"]),
            value(row["o"]),
            isinstance(row["o"], ox.NamedNode),
        )
        slot = slots.setdefault(key, {})
        for name, variable in (
            ("conf", "conf"),
            ("sent", "sent"),
            ("text", "text"),
            ("source", "source"),
            *((name, f"q{i}") for i, name in enumerate(names)),
        ):
            found = row[variable]
            if found is None:
                continue
            text = value(found)
            if name == "conf":  # the lowest confidence, compared as a number
                known = slot.get(name)
                slot[name] = text if known is None or float(text) < float(known) else known
            elif name == "negated":  # negated when any value says so
                slot[name] = "true" if text in ("true", "1") or slot.get(name) == "true" else text
            elif name not in slot or text < slot[name]:
                slot[name] = text
    found_statements = []
    for key in sorted(edges):
        subject, relation, obj, is_iri = edges[key]
        slot = slots[key]
        found_statements.append(
            Statement(
                iri=key,
                subject=subject,
                relation=relation,
                object=obj,
                object_is_iri=is_iri,
                confidence=float(slot["conf"]) if "conf" in slot else None,
                sentence_iri=slot.get("sent", ""),
                sentence=slot.get("text", ""),
                source=slot.get("source", ""),
                qualifiers={name: slot[name] for name in names if name in slot},
            )
        )
    return found_statements


def direct_edges(store: ox.Store) -> list[tuple[str, str, str, bool]]:
    """The direct ``rel:`` edges between nodes, each once: (subject, relation IRI, object,
    whether the object is an IRI), sorted. A fact that is denied or conditional has a statement
    but no direct edge (kg/rdf.py)."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?s ?p ?o WHERE {{
              ?s ?p ?o . FILTER(STRSTARTS(STR(?p), "{REL}") && !isLiteral(?o)) }}""",
    )
    return sorted(
        (value(row["s"]), value(row["p"]), value(row["o"]), isinstance(row["o"], ox.NamedNode))
        for row in rows
    )


def relation_labels(store: ox.Store) -> dict[str, str]:
    """Each relation IRI with a label (``rel:meet`` -> "meet"): the smallest, if it has several."""
    labels: dict[str, str] = {}
    rows = select(store, "SELECT DISTINCT ?p ?l WHERE { ?p rdfs:label ?l }")
    for row in rows:
        relation, label = value(row["p"]), value(row["l"])
        if relation.startswith(str(REL)) and (relation not in labels or label < labels[relation]):
            labels[relation] = label
    return labels


def mentioned_in(store: ox.Store) -> Iterator[tuple[str, str]]:
    """(node, sentence text) for each sentence a node is mentioned in, in the order of the
    node, the sentence's document source and its index in the document."""
    rows = select(
        store,
        """SELECT DISTINCT ?e ?text ?source ?i WHERE {
             ?e kg:mentionedIn ?s . ?s kg:text ?text .
             OPTIONAL { ?s kg:sentenceIndex ?i }
             OPTIONAL { ?s dcterms:isPartOf ?d . ?d dcterms:source ?source } }
           ORDER BY ?e ?source ?i""",
    )
    for row in rows:
        yield value(row["e"]), value(row["text"])
