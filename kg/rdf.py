"""Map to RDF: a resolved document becomes the N-Triples of its own named graph.

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
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from functools import lru_cache

from rdflib.namespace import DCTERMS, PROV, RDF, RDFS, SDO, SKOS, XSD

from kg.dates import time_interval, time_literal
from kg.iri import mint_iri, safe_literal
from kg.labels import TIME_LABELS
from kg.types import (
    OPEN_QUESTION,
    Document,
    Entity,
    Extraction,
    Fact,
    Mention,
    ResolvedDocument,
    Sentence,
)
from kg.vocab import DOC, ENT, FIELD, KG, REL, STMT, TYPE_CLASSES

CONCEPT_NAMESPACE = str(ENT) + "concept/"
NOMINAL_NAMESPACE = str(ENT) + "nominal/"
_STATEMENT_NAMESPACE = str(STMT)


# N-Triples terms, written as text. A build writes each document's graph as sorted N-Triples
# lines (kg/graphspool.py); making pyoxigraph terms first and serialising them cost twice as
# much as the whole of pass two otherwise. The text is exactly what pyoxigraph's serialiser
# writes for the same terms (tests/test_rdf_terms.py checks every escape), so the files are the
# same bytes whichever way a graph went.

# N-Triples escapes in a string literal: the quote, the backslash, and control characters
# (five with short forms, the others and DEL as \uXXXX). Everything else is written as is.
_ESCAPES = {code: f"\\u{code:04X}" for code in [*range(0x20), 0x7F]}
_ESCAPES.update({0x08: "\\b", 0x09: "\\t", 0x0A: "\\n", 0x0C: "\\f", 0x0D: "\\r"})
_ESCAPES.update({ord('"'): '\\"', ord("\\"): "\\\\"})


def _iri(iri: str) -> str:
    return f"<{iri}>"


_NEEDS_ESCAPE = re.compile(r'[\x00-\x1f"\\\x7f]')


def _text(value: str) -> str:
    # Lone surrogates and noncharacters cannot be in RDF: safe_literal makes them U+FFFD. ASCII
    # text, most of what a graph says, holds neither (a build writes a million literals).
    if not value.isascii():
        value = safe_literal(value)
    # Most text needs no escape, and finding that out is much cheaper than translating.
    if _NEEDS_ESCAPE.search(value):
        value = value.translate(_ESCAPES)
    return f'"{value}"'


_XSD_INTEGER = _iri(str(XSD.integer))
_XSD_DOUBLE = _iri(str(XSD.double))
_XSD_BOOLEAN = _iri(str(XSD.boolean))
_XSD_DATE = _iri(str(XSD.date))
_XSD_STRING = str(XSD.string)


def _typed(lexical: str, datatype: str) -> str:
    """A literal of ``datatype`` (an IRI), written plain when it is xsd:string."""
    text = _text(lexical)
    return text if datatype == _XSD_STRING else f"{text}^^{_iri(datatype)}"


@lru_cache(maxsize=1 << 12)  # a corpus names a few thousand distinct dates
def _time_lines(value: str, timex_type: str) -> tuple[tuple[str, str], ...]:
    """(predicate, object) pairs of a statement's normalised time: its value typed by its
    precision, and the first and last day it covers (for range queries at any precision)."""
    if timex_type == "SET":  # a recurrence ("every week") is no point in time
        return ((_P.time, _text(value)), (_P.timex_type, _text(timex_type)))
    pairs = [(_P.time, _typed(*time_literal(value))), (_P.timex_type, _text(timex_type))]
    interval = time_interval(value) if timex_type in ("DATE", "TIME") else None
    if interval is not None:
        first, last = interval
        pairs.append((_P.time_start, f'"{first.isoformat()}"^^{_XSD_DATE}'))
        pairs.append((_P.time_end, f'"{last.isoformat()}"^^{_XSD_DATE}'))
    return tuple(pairs)


def _document_date(value: str) -> str:
    """A document's date as a literal: xsd:dateTime when it has a time of day, else xsd:date."""
    if "T" in value:
        return f"{_text(value)}^^{_iri(str(XSD.dateTime))}"
    lexical, datatype = time_literal(value)
    return _typed(lexical, datatype)


def _integer(value: int) -> str:
    return f'"{value}"^^{_XSD_INTEGER}'


@lru_cache(maxsize=1 << 12)  # confidences take a few hundred values
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
    return _entity_iri(entity.type, entity.label, entity.key)


def _entity_iri(entity_type: str, label: str, key: str = "") -> str:
    if entity_type == "Nominal":
        # A description is a node of its own document: "nominal:<document>:<label>".
        _, document, local = key.split(":", 2)
        return str(mint_iri(NOMINAL_NAMESPACE + document + "/", local))
    return str(mint_iri(CONCEPT_NAMESPACE if entity_type == "Concept" else ENT, label))


def mention_iri(document_id: str, start: int, end: int) -> str:
    return f"{DOC}{document_id}/mention/{start}-{end}"


# How `kg extract --format mentions` and the graph name a mention's kind.
MENTION_KINDS = {"entity": "name", "concept": "nominal", "pronoun": "pronoun"}


def mention_kind(mention: Mention) -> str:
    if mention.label in TIME_LABELS:
        return "time"
    return MENTION_KINDS.get(mention.kind, mention.kind)


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
    return (
        _STATEMENT_NAMESPACE
        + hashlib.sha256(identity.encode("utf-8", "surrogatepass")).hexdigest()[:32]
    )


class _P:
    """Predicates and classes as N-Triples terms, made once (not per triple)."""

    type = _iri(str(RDF.type))
    label = _iri(str(RDFS.label))
    alt_label = _iri(str(SKOS.altLabel))
    subject = _iri(str(RDF.subject))
    predicate = _iri(str(RDF.predicate))
    object = _iri(str(RDF.object))
    source = _iri(str(DCTERMS.source))
    is_part_of = _iri(str(DCTERMS.isPartOf))
    derived_from = _iri(str(PROV.wasDerivedFrom))
    Document = _iri(str(KG.Document))
    Sentence = _iri(str(KG.Sentence))
    Statement = _iri(str(KG.Statement))
    Relation = _iri(str(KG.Relation))
    sha256 = _iri(str(KG.sha256))
    sentence_index = _iri(str(KG.sentenceIndex))
    text = _iri(str(KG.text))
    begin = _iri(str(KG.beginIndex))
    end = _iri(str(KG.endIndex))
    mentioned_in = _iri(str(KG.mentionedIn))
    role = _iri(str(KG.role))
    merge_reason = _iri(str(KG.mergeReason))
    concept = _iri(str(KG.concept))
    Mention = _iri(str(KG.Mention))
    denotes = _iri(str(KG.denotes))
    mention_text = _iri(str(KG.mentionText))
    mention_start = _iri(str(KG.mentionStart))
    mention_end = _iri(str(KG.mentionEnd))
    mention_kind = _iri(str(KG.mentionKind))
    coref_sieve = _iri(str(KG.corefSieve))
    coref_reason = _iri(str(KG.corefReason))
    confidence = _iri(str(KG.confidence))
    negated = _iri(str(KG.negated))
    sentence = _iri(str(KG.sentence))
    subject_text = _iri(str(KG.subjectText))
    relation_text = _iri(str(KG.relationText))
    object_text = _iri(str(KG.objectText))
    attributed_to = _iri(str(KG.attributedTo))
    optional = (
        ("modality", _iri(str(KG.modality))),
        ("attribution", _iri(str(KG.attribution))),
        ("condition", _iri(str(KG.condition))),
        ("time", _iri(str(KG.timeText))),
        ("embedded", _iri(str(KG.embeddedRelation))),
        ("place", _iri(str(KG.placeText))),
    )
    time = _iri(str(KG.time))
    timex_type = _iri(str(KG.timexType))
    time_start = _iri(str(KG.timeStart))
    time_end = _iri(str(KG.timeEnd))
    place = _iri(str(KG.place))
    title = _iri(str(DCTERMS.title))
    issued = _iri(str(DCTERMS.issued))
    url = _iri(str(SDO.url))
    rule = _iri(str(KG.extractionRule))
    classes = {name: _iri(str(iri)) for name, iri in TYPE_CLASSES.items()}


# Minting percent-encodes character by character, and the same few thousand entities recur in
# every document of a corpus: their nodes and head lines are made once.
@lru_cache(maxsize=1 << 16)
def _entity_head(entity_type: str, label: str, key: str = "") -> tuple[str, tuple[str, str]]:
    """An entity's node and the lines every graph that uses it has: its type and its label."""
    node = _iri(_entity_iri(entity_type, label, key))
    return node, (
        f"{node} {_P.type} {_P.classes[entity_type]} .\n",
        f"{node} {_P.label} {_text(label)} .\n",
    )


_TRUE = f'"true"^^{_XSD_BOOLEAN}'
_FALSE = f'"false"^^{_XSD_BOOLEAN}'


def _document_head_lines(document: Document, graph: str) -> list[str]:
    """The document node's own lines: what it is, its hash, source and metadata."""
    lines = [
        f"{graph} {_P.type} {_P.Document} .\n",
        f"{graph} {_P.sha256} {_text(document.id)} .\n",
        f"{graph} {_P.source} {_text(document.source)} .\n",
    ]
    if document.title:
        lines.append(f"{graph} {_P.title} {_text(document.title)} .\n")
    if document.date:
        lines.append(f"{graph} {_P.issued} {_document_date(document.date)} .\n")
    if document.url:
        lines.append(f"{graph} {_P.url} {_text(document.url)}^^{_iri(str(XSD.anyURI))} .\n")
    for name, value in document.metadata:
        if name != "id":
            lines.append(f"{graph} {_iri(str(mint_iri(FIELD, name)))} {_text(value)} .\n")
    return lines


def _sentence_lines(
    document: Document, graph: str, sentences: Iterable[Sentence], lines: list[str]
) -> dict[int, str]:
    """Each sentence's lines added to ``lines``; returns the sentences' nodes by index."""
    sentence_nodes: dict[int, str] = {}
    for sentence in sentences:
        node = sentence_nodes[sentence.index] = _iri(sentence_iri(document.id, sentence.index))
        # The lines every node of a kind has are added at once (there are a million of them in
        # a large build, and one call is cheaper than six).
        lines.extend(
            (
                f"{node} {_P.type} {_P.Sentence} .\n",
                f"{node} {_P.sentence_index} {_integer(sentence.index)} .\n",
                f"{node} {_P.text} {_text(sentence.text)} .\n",
                f"{node} {_P.begin} {_integer(sentence.start)} .\n",
                f"{node} {_P.end} {_integer(sentence.end)} .\n",
                f"{node} {_P.is_part_of} {graph} .\n",
            )
        )
    return sentence_nodes


def _mention_own_lines(
    document: Document, mention: Mention, sentence_nodes: dict[int, str], lines: list[str]
) -> str:
    """A referring mention's own lines (where it is, what it says, its kind) added to
    ``lines``, not what it denotes; returns its node."""
    node = _iri(mention_iri(document.id, mention.start, mention.end))
    lines.extend(
        (
            f"{node} {_P.type} {_P.Mention} .\n",
            f"{node} {_P.mention_text} {_text(mention.text)} .\n",
            f"{node} {_P.mention_start} {_integer(mention.start)} .\n",
            f"{node} {_P.mention_end} {_integer(mention.end)} .\n",
            f"{node} {_P.mention_kind} {_text(mention_kind(mention))} .\n",
        )
    )
    if mention.sentence in sentence_nodes:
        lines.append(f"{node} {_P.is_part_of} {sentence_nodes[mention.sentence]} .\n")
    return node


def early_lines(extraction: Extraction, referring: Iterable[Mention]) -> list[str]:
    """The lines of a document's graph that pass one already knows: the document's own, its
    sentences', and the own lines of the mentions that refer (``referring``: those the
    document's coreference gave a node), all but what each denotes and why. A build loads
    them into its store while it still parses (kg.graphstore.FullLoad); the graph pass two
    writes holds them (``document_lines``), as ``split_early`` finds them there."""
    document = extraction.document
    graph = _iri(document_iri(document.id))
    lines = _document_head_lines(document, graph)
    sentence_nodes = _sentence_lines(document, graph, extraction.sentences, lines)
    for mention in referring:
        _mention_own_lines(document, mention, sentence_nodes, lines)
    return lines


# What a mention denotes, and the sieve and reason that linked it: the lines of a document's
# own nodes that pass two decides.
_RESOLVED_PREDICATE = re.compile(
    b"|".join(re.escape(f" {p} ".encode()) for p in (_P.denotes, _P.coref_sieve, _P.coref_reason))
)


def split_early(graph_name: str, text: bytes) -> tuple[bytes, bytes]:
    """A document graph's canonical text (sorted lines, kg.canonical) cut in two: the lines
    ``early_lines`` makes (the document's own nodes as subject, and not what a mention
    denotes or why), in order, and all the other lines."""
    # Sorted lines that start alike are next to each other: the lines about the document's
    # own nodes (its IRI, or its IRI and a path) are one run, from the first such line to
    # the last.
    own = (f"<{graph_name}/".encode(), f"<{graph_name}>".encode())
    firsts = [0] if text.startswith(own) else []
    firsts += [found + 1 for found in (text.find(b"\n" + start) for start in own) if found >= 0]
    if not firsts:
        return b"", text
    first = min(firsts)
    lasts = [found + 1 for found in (text.rfind(b"\n" + start) for start in own) if found >= 0]
    end = text.find(b"\n", max([first, *lasts])) + 1
    # In the run, the lines of what mentions denote and why, cut out a line at a time.
    early: list[bytes] = []
    resolved: list[bytes] = []
    kept = first
    for match in _RESOLVED_PREDICATE.finditer(text, first, end):
        line_start = text.rfind(b"\n", first, match.start()) + 1 or first
        line_end = text.find(b"\n", match.end()) + 1
        early.append(text[kept:line_start])
        resolved.append(text[line_start:line_end])
        kept = line_end
    early.append(text[kept:end])
    return b"".join(early), b"".join([text[:first], *resolved, text[end:]])


def document_lines(resolved: ResolvedDocument, entities: dict[str, Entity]) -> list[str]:
    """Every triple of one document's named graph as an N-Triples line (in no order; a line may
    repeat). The graph's name is the document's IRI, ``document_iri(document.id)``."""
    document = resolved.extraction.document
    graph = _iri(document_iri(document.id))
    lines = _document_head_lines(document, graph)
    add = lines.append
    add_all = lines.extend

    def triple(subject: str, predicate: str, obj: str) -> None:
        add(f"{subject} {predicate} {obj} .\n")

    sentence_nodes = _sentence_lines(document, graph, resolved.extraction.sentences, lines)

    nodes: dict[str, str] = {}  # entity key -> node, its type and label written
    local = {e.key: e for e in resolved.local_entities}  # the document's own nodes

    # Neither helper calls itself: a nested function that does is a reference cycle with its
    # closure, which holds ``lines`` (through ``add``), and a build runs the cyclic collector
    # seldom (kg.pipeline.BUILD_GC_THRESHOLD): every document's lines stayed in memory until a
    # collection, some 0.3 MB a document in each of pass two's workers.
    def corpus_node(key: str) -> str:
        """The node of an entity of the corpus (not a document's own description), with its
        type and label the first time it is used here."""
        if key not in nodes:
            record = local.get(key) or entities[key]
            nodes[key], head = _entity_head(record.type, record.label)
            add_all(head)
        return nodes[key]

    def entity(key: str) -> str:
        """The entity's node, with its type and label the first time it is used here."""
        if key not in nodes:
            record = local.get(key) or entities[key]
            if record.type != "Nominal":
                return corpus_node(key)
            # Its own document's node: not worth a place in the shared cache.
            nodes[key] = _iri(_entity_iri(record.type, record.label, key))
            triple(nodes[key], _P.type, _P.classes["Nominal"])
            triple(nodes[key], _P.label, _text(record.label))
            if record.concept:  # a concept of the corpus, never a document's own node
                triple(nodes[key], _P.concept, corpus_node(record.concept))
        return nodes[key]

    for mention in resolved.mentions:
        if mention.key not in entities:
            continue
        node = entity(mention.key)
        if mention.text != entities[mention.key].label:
            triple(node, _P.alt_label, _text(mention.text))
        if mention.sentence in sentence_nodes:
            triple(node, _P.mentioned_in, sentence_nodes[mention.sentence])
    for resolved_mention in resolved.coreference:
        if resolved_mention.key is None:
            continue
        node = _mention_own_lines(document, resolved_mention.mention, sentence_nodes, lines)
        triple(node, _P.denotes, entity(resolved_mention.key))
        if resolved_mention.sieve:
            triple(node, _P.coref_sieve, _text(resolved_mention.sieve))
            triple(node, _P.coref_reason, _text(resolved_mention.reason))
    for key, title in resolved.roles:
        triple(entity(key), _P.role, _text(title))
    for key, reason in resolved.merges:
        triple(entity(key), _P.merge_reason, _text(reason))

    relations: set[str] = set()
    for fact in resolved.facts:
        fact_triple = fact.triple
        q = fact_triple.qualifiers
        subject = entity(fact.subject)
        predicate = _iri(relation_iri(fact_triple.relation))
        if fact_triple.relation not in relations:
            relations.add(fact_triple.relation)
            triple(predicate, _P.type, _P.Relation)
            triple(predicate, _P.label, _text(fact_triple.relation))
        if fact.object is not None:
            obj = entity(fact.object)
            # The direct edge only for a plain assertion: "Beijing has yet to issue a statement"
            # must not give `Beijing issue statement` to a query that ignores the statement,
            # nor "asked whether the ship carried weapons" `ship carry weapons`.
            if not q.negated and not q.condition and q.modality != OPEN_QUESTION:
                triple(subject, predicate, obj)
        else:
            obj = _text(fact.object_literal)

        statement = _iri(statement_iri(document.id, fact))
        sentence_node = sentence_nodes.get(fact_triple.sentence.index) or _iri(
            sentence_iri(document.id, fact_triple.sentence.index)
        )
        confidence = f'"{_double_text(fact_triple.confidence)}"^^{_XSD_DOUBLE}'
        add_all(
            (
                f"{statement} {_P.type} {_P.Statement} .\n",
                f"{statement} {_P.subject} {subject} .\n",
                f"{statement} {_P.predicate} {predicate} .\n",
                f"{statement} {_P.object} {obj} .\n",
                f"{statement} {_P.confidence} {confidence} .\n",
                f"{statement} {_P.negated} {_TRUE if q.negated else _FALSE} .\n",
                f"{statement} {_P.sentence} {sentence_node} .\n",
                f"{statement} {_P.derived_from} {sentence_node} .\n",
                f"{statement} {_P.subject_text} {_text(fact_triple.subject.text)} .\n",
                f"{statement} {_P.relation_text} {_text(fact_triple.relation_text)} .\n",
                f"{statement} {_P.object_text} {_text(fact_triple.object.text)} .\n",
            )
        )
        for field_name, prop in _P.optional:
            value = getattr(q, field_name)
            if value:
                triple(statement, prop, _text(value))
        if fact_triple.rule:
            triple(statement, _P.rule, _text(fact_triple.rule))
        if fact.attribution:
            triple(statement, _P.attributed_to, entity(fact.attribution))
        if fact.place:
            triple(statement, _P.place, entity(fact.place))
        if q.time_value:
            add_all(f"{statement} {p} {o} .\n" for p, o in _time_lines(q.time_value, q.time_type))
    return lines


def document_graph(resolved: ResolvedDocument, entities: dict[str, Entity]) -> tuple[bytes, int]:
    """One document's graph in canonical form: its unique N-Triples lines in byte order, as one
    text, and how many they are.

    The lines are sorted as text, before encoding: the order of code points is the order of
    their UTF-8 bytes (there are no lone surrogates: ``_text`` replaces them), and sorting the
    lines as made saves cutting the encoded text into lines again.
    """
    lines = sorted(dict.fromkeys(document_lines(resolved, entities)))
    return "".join(lines).encode("utf-8"), len(lines)
