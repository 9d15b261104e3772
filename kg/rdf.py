"""Map to RDF: a resolved document becomes the quads of its own named graph.

The model (declared in ontology/kg.ttl, checked by ontology/shapes.ttl):

- ``doc:<sha256>`` is both the kg:Document and the name of the graph holding everything read
  from it, so re-reading a file is a no-op and removing one is a graph drop;
- ``<doc:<sha256>/sentence/<i>>`` is a kg:Sentence with its text and character offsets;
- an entity is ``ent:<name>`` (``ent:concept/<key>`` for concepts) with its type, rdfs:label,
  skos:altLabel for the other names it has in this document, kg:role for titles;
- a fact is the direct edge ``subject rel:<relation> object`` (simple queries) plus a
  kg:Statement node carrying the qualifiers and the sentence it came from (trust and trace).

A document's graph depends on that document alone (and on the corpus only for the canonical
name and type of its entities), so adding a document never rewrites another one's graph.
Quads are made as pyoxigraph terms: building them through rdflib's term objects costs ~5x more.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from functools import lru_cache

import pyoxigraph as ox
from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SKOS, XSD

from kg.iri import mint_iri, safe_literal
from kg.types import Corpus, Entity, Fact, ResolvedDocument
from kg.vocab import DOC, ENT, KG, REL, STMT, TYPE_CLASSES

CONCEPT_NAMESPACE = str(ENT) + "concept/"


@lru_cache(maxsize=1 << 16)
def _node(iri: str) -> ox.NamedNode:
    # Terms are immutable: the same IRI (a predicate, a frequent entity) is made once.
    return ox.NamedNode(str(iri))


def _text(value: str) -> ox.Literal:
    # Lone surrogates and noncharacters cannot be in RDF: safe_literal makes them U+FFFD.
    return ox.Literal(safe_literal(value))


_XSD_INTEGER = ox.NamedNode(str(XSD.integer))
_XSD_DOUBLE = ox.NamedNode(str(XSD.double))
_XSD_BOOLEAN = ox.NamedNode(str(XSD.boolean))
_TYPE = _node(RDF.type)
_LABEL = _node(RDFS.label)
_ALT_LABEL = _node(SKOS.altLabel)


def _integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=_XSD_INTEGER)


def _double_text(value: float) -> str:
    """A confidence to four decimals in its shortest form ("0.837", "1"): the form Oxigraph
    gives a stored xsd:double back in, so a graph written straight from here and one that went
    through a store are the same bytes."""
    text = repr(round(value, 4))
    return text[:-2] if text.endswith(".0") else text


def document_iri(document_id: str) -> str:
    return str(DOC) + document_id


def sentence_iri(document_id: str, index: int) -> str:
    return f"{DOC}{document_id}/sentence/{index}"


def entity_iri(entity: Entity) -> str:
    return _entity_iri(entity.type == "Concept", entity.label)


# Minting percent-encodes character by character; the same few thousand names recur in every
# document of a corpus, so their IRIs are remembered.
@lru_cache(maxsize=1 << 16)
def _entity_iri(concept: bool, label: str) -> str:
    return str(mint_iri(CONCEPT_NAMESPACE if concept else ENT, label))


@lru_cache(maxsize=1 << 14)
def relation_iri(relation: str) -> str:
    return str(mint_iri(REL, relation))


def statement_iri(document_id: str, fact: Fact) -> str:
    """Stable for the same fact read from the same sentence of the same document."""
    triple = fact.triple
    q = triple.qualifiers
    identity = "\x1f".join(
        [
            document_id,
            str(triple.sentence.index),
            fact.subject,
            triple.relation,
            fact.object or fact.object_literal,
            str(q.negated),
            q.modality,
            q.condition,
            q.attribution,
            triple.subject.text,
            triple.object.text,
        ]
    )
    return str(STMT) + hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:32]


class _P:
    """Predicates and classes as pyoxigraph terms, made once (not per quad)."""

    type = ox.NamedNode(str(RDF.type))
    label = ox.NamedNode(str(RDFS.label))
    alt_label = ox.NamedNode(str(SKOS.altLabel))
    subject = ox.NamedNode(str(RDF.subject))
    predicate = ox.NamedNode(str(RDF.predicate))
    object = ox.NamedNode(str(RDF.object))
    source = ox.NamedNode(str(DCTERMS.source))
    is_part_of = ox.NamedNode(str(DCTERMS.isPartOf))
    derived_from = ox.NamedNode(str(PROV.wasDerivedFrom))
    Document = ox.NamedNode(str(KG.Document))
    Sentence = ox.NamedNode(str(KG.Sentence))
    Statement = ox.NamedNode(str(KG.Statement))
    Relation = ox.NamedNode(str(KG.Relation))
    sha256 = ox.NamedNode(str(KG.sha256))
    sentence_index = ox.NamedNode(str(KG.sentenceIndex))
    text = ox.NamedNode(str(KG.text))
    begin = ox.NamedNode(str(KG.beginIndex))
    end = ox.NamedNode(str(KG.endIndex))
    mentioned_in = ox.NamedNode(str(KG.mentionedIn))
    role = ox.NamedNode(str(KG.role))
    merge_reason = ox.NamedNode(str(KG.mergeReason))
    confidence = ox.NamedNode(str(KG.confidence))
    negated = ox.NamedNode(str(KG.negated))
    sentence = ox.NamedNode(str(KG.sentence))
    subject_text = ox.NamedNode(str(KG.subjectText))
    relation_text = ox.NamedNode(str(KG.relationText))
    object_text = ox.NamedNode(str(KG.objectText))
    attributed_to = ox.NamedNode(str(KG.attributedTo))
    optional = (
        ("modality", ox.NamedNode(str(KG.modality))),
        ("attribution", ox.NamedNode(str(KG.attribution))),
        ("condition", ox.NamedNode(str(KG.condition))),
        ("time", ox.NamedNode(str(KG.time))),
        ("embedded", ox.NamedNode(str(KG.embeddedRelation))),
    )
    rule = ox.NamedNode(str(KG.extractionRule))
    classes = {name: ox.NamedNode(str(iri)) for name, iri in TYPE_CLASSES.items()}


_TRUE = ox.Literal("true", datatype=_XSD_BOOLEAN)
_FALSE = ox.Literal("false", datatype=_XSD_BOOLEAN)


def document_quads(resolved: ResolvedDocument, entities: dict[str, Entity]) -> Iterator[ox.Quad]:
    """Every quad of one document's named graph."""
    document = resolved.extraction.document
    graph = _node(document_iri(document.id))
    Quad = ox.Quad  # noqa: N806 - a local name for the hot loop

    yield Quad(graph, _P.type, _P.Document, graph)
    yield Quad(graph, _P.sha256, ox.Literal(document.id), graph)
    yield Quad(graph, _P.source, _text(document.source), graph)

    sentence_nodes: dict[int, ox.NamedNode] = {}
    for sentence in resolved.extraction.sentences:
        node = sentence_nodes[sentence.index] = _node(sentence_iri(document.id, sentence.index))
        yield Quad(node, _P.type, _P.Sentence, graph)
        yield Quad(node, _P.sentence_index, _integer(sentence.index), graph)
        yield Quad(node, _P.text, _text(sentence.text), graph)
        yield Quad(node, _P.begin, _integer(sentence.start), graph)
        yield Quad(node, _P.end, _integer(sentence.end), graph)
        yield Quad(node, _P.is_part_of, graph, graph)

    nodes: dict[str, ox.NamedNode] = {}  # entity key -> node, its type and label written

    def entity(key: str) -> Iterator[ox.Quad]:
        """The entity's node, with its type and label the first time it is used here."""
        if key not in nodes:
            record = entities[key]
            node = nodes[key] = _node(entity_iri(record))
            yield Quad(node, _P.type, _P.classes[record.type], graph)
            yield Quad(node, _P.label, _text(record.label), graph)

    for mention in resolved.mentions:
        if mention.key not in entities:
            continue
        yield from entity(mention.key)
        node = nodes[mention.key]
        if mention.text != entities[mention.key].label:
            yield Quad(node, _P.alt_label, _text(mention.text), graph)
        if mention.sentence in sentence_nodes:
            yield Quad(node, _P.mentioned_in, sentence_nodes[mention.sentence], graph)
    for key, title in resolved.roles:
        yield from entity(key)
        yield Quad(nodes[key], _P.role, _text(title), graph)
    for key, reason in resolved.merges:
        yield from entity(key)
        yield Quad(nodes[key], _P.merge_reason, _text(reason), graph)

    relations: set[str] = set()
    for fact in resolved.facts:
        triple = fact.triple
        q = triple.qualifiers
        yield from entity(fact.subject)
        subject = nodes[fact.subject]
        predicate = _node(relation_iri(triple.relation))
        if triple.relation not in relations:
            relations.add(triple.relation)
            yield Quad(predicate, _P.type, _P.Relation, graph)
            yield Quad(predicate, _P.label, _text(triple.relation), graph)
        if fact.object is not None:
            yield from entity(fact.object)
            obj: ox.NamedNode | ox.Literal = nodes[fact.object]
            # The direct edge only for a plain assertion: "Beijing has yet to issue a statement"
            # must not give `Beijing issue statement` to a query that ignores the statement.
            if not q.negated and not q.condition:
                yield Quad(subject, predicate, obj, graph)
        else:
            obj = _text(fact.object_literal)

        statement = _node(statement_iri(document.id, fact))
        sentence = sentence_nodes.get(triple.sentence.index) or _node(
            sentence_iri(document.id, triple.sentence.index)
        )
        yield Quad(statement, _P.type, _P.Statement, graph)
        yield Quad(statement, _P.subject, subject, graph)
        yield Quad(statement, _P.predicate, predicate, graph)
        yield Quad(statement, _P.object, obj, graph)
        confidence = ox.Literal(_double_text(triple.confidence), datatype=_XSD_DOUBLE)
        yield Quad(statement, _P.confidence, confidence, graph)
        yield Quad(statement, _P.negated, _TRUE if q.negated else _FALSE, graph)
        yield Quad(statement, _P.sentence, sentence, graph)
        yield Quad(statement, _P.derived_from, sentence, graph)
        yield Quad(statement, _P.subject_text, _text(triple.subject.text), graph)
        yield Quad(statement, _P.relation_text, _text(triple.relation_text), graph)
        yield Quad(statement, _P.object_text, _text(triple.object.text), graph)
        for field_name, prop in _P.optional:
            value = getattr(q, field_name)
            if value:
                yield Quad(statement, prop, _text(value), graph)
        if triple.rule:
            yield Quad(statement, _P.rule, _text(triple.rule), graph)
        if fact.attribution:
            yield from entity(fact.attribution)
            yield Quad(statement, _P.attributed_to, nodes[fact.attribution], graph)


def corpus_quads(corpus: Corpus) -> Iterator[ox.Quad]:
    for resolved in corpus.documents:
        yield from document_quads(resolved, corpus.entities)
