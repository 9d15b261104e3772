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
from kg.types import Corpus, Entity, Fact, ResolvedDocument, Sentence
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


def document_quads(resolved: ResolvedDocument, entities: dict[str, Entity]) -> Iterator[ox.Quad]:
    """Every quad of one document's named graph."""
    document = resolved.extraction.document
    graph = _node(document_iri(document.id))

    def quad(s, p, o) -> ox.Quad:
        return ox.Quad(s, p if isinstance(p, ox.NamedNode) else _node(p), o, graph)

    yield quad(graph, _TYPE, _node(KG.Document))
    yield quad(graph, KG.sha256, ox.Literal(document.id))
    yield quad(graph, DCTERMS.source, _text(document.source))

    sentences: dict[int, Sentence] = {s.index: s for s in resolved.extraction.sentences}
    for sentence in resolved.extraction.sentences:
        node = _node(sentence_iri(document.id, sentence.index))
        yield quad(node, _TYPE, _node(KG.Sentence))
        yield quad(node, KG.sentenceIndex, _integer(sentence.index))
        yield quad(node, KG.text, _text(sentence.text))
        yield quad(node, KG.beginIndex, _integer(sentence.start))
        yield quad(node, KG.endIndex, _integer(sentence.end))
        yield quad(node, DCTERMS.isPartOf, graph)

    written: set[str] = set()

    def entity_quads(key: str) -> Iterator[ox.Quad]:
        if key in written:
            return
        written.add(key)
        entity = entities[key]
        node = _node(entity_iri(entity))
        yield quad(node, _TYPE, _node(TYPE_CLASSES[entity.type]))
        yield quad(node, _LABEL, _text(entity.label))

    for mention in resolved.mentions:
        if mention.key not in entities:
            continue
        yield from entity_quads(mention.key)
        node = _node(entity_iri(entities[mention.key]))
        if mention.text != entities[mention.key].label:
            yield quad(node, _ALT_LABEL, _text(mention.text))
        if mention.sentence in sentences:
            yield quad(node, KG.mentionedIn, _node(sentence_iri(document.id, mention.sentence)))
    for key, title in resolved.roles:
        yield from entity_quads(key)
        yield quad(_node(entity_iri(entities[key])), KG.role, _text(title))
    for key, reason in resolved.merges:
        yield from entity_quads(key)
        yield quad(_node(entity_iri(entities[key])), KG.mergeReason, _text(reason))

    for fact in resolved.facts:
        yield from _fact_quads(document.id, fact, entities, quad, entity_quads)


def _fact_quads(document_id, fact: Fact, entities, quad, entity_quads) -> Iterator[ox.Quad]:
    triple = fact.triple
    q = triple.qualifiers
    yield from entity_quads(fact.subject)
    subject = _node(entity_iri(entities[fact.subject]))
    predicate = _node(relation_iri(triple.relation))
    yield quad(predicate, _TYPE, _node(KG.Relation))
    yield quad(predicate, _LABEL, _text(triple.relation))
    if fact.object is not None:
        yield from entity_quads(fact.object)
        obj: ox.NamedNode | ox.Literal = _node(entity_iri(entities[fact.object]))
        # The direct edge only for a plain assertion: "Beijing has yet to issue a statement" must
        # not give `Beijing issue statement` to a query that ignores the statement node.
        if not q.negated and not q.condition:
            yield quad(subject, predicate, obj)
    else:
        obj = _text(fact.object_literal)

    statement = _node(statement_iri(document_id, fact))
    sentence = _node(sentence_iri(document_id, triple.sentence.index))
    yield quad(statement, _TYPE, _node(KG.Statement))
    yield quad(statement, RDF.subject, subject)
    yield quad(statement, RDF.predicate, predicate)
    yield quad(statement, RDF.object, obj)
    yield quad(
        statement, KG.confidence, ox.Literal(f"{triple.confidence:.4f}", datatype=_XSD_DOUBLE)
    )
    yield quad(statement, KG.negated, ox.Literal(str(q.negated).lower(), datatype=_XSD_BOOLEAN))
    yield quad(statement, KG.sentence, sentence)
    yield quad(statement, PROV.wasDerivedFrom, sentence)
    yield quad(statement, KG.subjectText, _text(triple.subject.text))
    yield quad(statement, KG.relationText, _text(triple.relation_text))
    yield quad(statement, KG.objectText, _text(triple.object.text))
    optional = (
        (KG.modality, q.modality),
        (KG.attribution, q.attribution),
        (KG.condition, q.condition),
        (KG.time, q.time),
        (KG.embeddedRelation, q.embedded),
        (KG.extractionRule, triple.rule),
    )
    for prop, value in optional:
        if value:
            yield quad(statement, prop, _text(value))
    if fact.attribution:
        yield from entity_quads(fact.attribution)
        yield quad(statement, KG.attributedTo, _node(entity_iri(entities[fact.attribution])))


def corpus_quads(corpus: Corpus) -> Iterator[ox.Quad]:
    for resolved in corpus.documents:
        yield from document_quads(resolved, corpus.entities)
