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
    # Called for every value the readers read (a million at 1,000 documents): the attribute
    # first, as the common case, rather than a type test.
    try:
        lexical: str = term.value  # type: ignore[attr-defined]
    except AttributeError:
        return "" if term is None else str(term)
    return lexical


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


# Any term a reader receives.
Term = ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple


def objects_of(
    store: ox.Store, path: str, subjects: Collection[str] | None = None, where: str = ""
) -> dict[str, set[Term]]:
    """Each subject ``?s`` (of SUBJECTS, when given) with the objects ``?o`` that PATH (a
    predicate as SPARQL, ``<iri>``, or a property path) gives it; WHERE: more SPARQL patterns
    that restrict either.

    One indexed read of a single predicate. The readers below read each predicate alone and join
    here: Oxigraph's join of a statement's parts with their optional qualifiers and sentence in
    one query took several times longer than reading each predicate once, and its cost grew
    with the number of optional parts.
    """
    found: dict[str, set[Term]] = defaultdict(set)
    for row in select(store, f"SELECT DISTINCT ?s ?o WHERE {{ {where} ?s {path} ?o }}"):
        subject = value(row[0])
        if subjects is None or subject in subjects:
            found[subject].add(row[1])
    return found


def describe(store: ox.Store, iris: Collection[str] | None = None) -> dict[str, Description]:
    """The description of each of IRIS (all its classes), or of every node that has one when
    IRIS is None (then only the entity classes are read: an entity is a node whose ``types`` is
    not empty). Sorted by IRI."""
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    if iris is not None:
        values = " ".join(f"<{p}>" for p in _DESCRIBING)
        bound = "VALUES ?e { " + " ".join(str(ox.NamedNode(i)) for i in iris) + " }"
        query = f"SELECT ?e ?p ?v WHERE {{ {bound} VALUES ?p {{ {values} }} ?e ?p ?v }}"
        for row in select(store, query):
            found[value(row["e"])][_DESCRIBING[value(row["p"])]].add(value(row["v"]))
    else:
        # Of the whole graph, only the entity classes: every statement, sentence and mention
        # has a type too, and there are far more of them than of entities.
        classes = "VALUES ?o { " + " ".join(f"<{c}>" for c in ENTITY_TYPES) + " }"
        for predicate, slot in _DESCRIBING.items():
            restrict = classes if predicate == str(RDF.type) else ""
            for subject, objects in objects_of(store, f"<{predicate}>", where=restrict).items():
                found[subject][slot].update(map(value, objects))
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
    """Every statement whose object is a node, sorted by IRI.

    Each slot takes the smallest value the graph gives it (the lowest confidence, compared as a
    number; negated when any value says so); a statement's text and source are the smallest of
    those of all its sentences.
    """
    typed = {value(row[0]) for row in select(store, "SELECT ?st WHERE { ?st a kg:Statement }")}
    subjects, relations, objects = (
        objects_of(store, f"<{part}>", typed) for part in (RDF.subject, RDF.predicate, RDF.object)
    )
    confidences = objects_of(store, f"<{KG.confidence}>", typed)
    sentences = objects_of(store, f"<{KG.sentence}>", typed)
    qualifiers = {name: objects_of(store, f"<{iri}>", typed) for name, iri in QUALIFIERS.items()}
    # The texts of the statements' sentences and their documents' sources (every mention is part
    # of a document too, and there are many more of them: only statements' sentences are read).
    of_statements = "?st a kg:Statement ; kg:sentence ?s ."
    texts = objects_of(store, "kg:text", where=of_statements)
    sources = objects_of(store, "dcterms:isPartOf/dcterms:source", where=of_statements)

    found_statements = []
    for key in sorted(typed):
        nodes = [o for o in objects.get(key, ()) if not isinstance(o, ox.Literal)]
        if key not in subjects or key not in relations or not nodes:
            continue
        target = min(nodes, key=lambda o: (value(o), not isinstance(o, ox.NamedNode)))
        sentence = sorted(value(s) for s in sentences.get(key, ()))
        text = {value(t) for s in sentence for t in texts.get(s, ())}
        source = {value(o) for s in sentence for o in sources.get(s, ())}
        found_qualifiers = {}
        for name, by_statement in qualifiers.items():
            given = {value(q) for q in by_statement.get(key, ())}
            if not given:
                continue
            if name == "negated" and given & {"true", "1"}:  # negated when any value says so
                found_qualifiers[name] = "true"
            else:
                found_qualifiers[name] = min(given)
        confidence = [float(value(c)) for c in confidences.get(key, ())]
        found_statements.append(
            Statement(
                iri=key,
                subject=min(map(value, subjects[key])),
                relation=min(map(value, relations[key])),
                object=value(target),
                object_is_iri=isinstance(target, ox.NamedNode),
                confidence=min(confidence) if confidence else None,
                sentence_iri=sentence[0] if sentence else "",
                sentence=min(text, default=""),
                source=min(source, default=""),
                qualifiers=found_qualifiers,
            )
        )
    return found_statements


def predicates(store: ox.Store) -> list[ox.NamedNode]:
    """Every predicate the graph uses, sorted."""
    found = select(store, "SELECT DISTINCT ?p WHERE { ?s ?p ?o }")
    return sorted((row[0] for row in found), key=lambda p: p.value)


def relations(store: ox.Store) -> list[ox.NamedNode]:
    """The ``rel:`` predicates the graph uses, sorted: read before their triples, since a filter
    on the predicate's text would read out every triple of the graph."""
    return [p for p in predicates(store) if p.value.startswith(str(REL))]


def direct_edges(store: ox.Store) -> list[tuple[str, str, str, bool]]:
    """The direct ``rel:`` edges between nodes, each once: (subject, relation IRI, object,
    whether the object is an IRI), sorted. A fact that is denied or conditional has a statement
    but no direct edge (kg/rdf.py)."""
    found = relations(store)
    if not found:
        return []
    rows = select(
        store,
        f"""SELECT DISTINCT ?s ?p ?o WHERE {{
              VALUES ?p {{ {" ".join(map(str, found))} }} ?s ?p ?o FILTER(!isLiteral(?o)) }}""",
    )
    return sorted(
        (value(row[0]), value(row[1]), value(row[2]), isinstance(row[2], ox.NamedNode))
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
