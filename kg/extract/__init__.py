"""The extraction stage: a parsed Doc in, sentences, mentions, facts and roles out.

    from kg.extract import extract
    extraction = extract(doc, document)

Everything here is a pure function of the Doc: no state, no re-parsing, so extraction costs
little next to the parser.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from spacy.tokens import Doc, Span

from kg.coref import coreference
from kg.extract import trace
from kg.extract.clauses import sentence_triples
from kg.extract.entities import settle_entities
from kg.extract.roles import sentence_roles
from kg.extract.tokens import doc_text, extraction_cache
from kg.labels import TIME_LABELS
from kg.structure import headline_sentences
from kg.timex import document_anchor, find_times
from kg.types import Document, Extraction, Role, Sentence, TimeExpression, Triple

__all__ = ["extract", "document_sentences"]


def document_sentences(doc: Doc) -> list[tuple[Sentence, Span]]:
    """(Sentence record, spaCy sentence) for every sentence that holds more than whitespace."""
    out: list[tuple[Sentence, Span]] = []
    text = doc_text(doc)
    for sent in doc.sents:
        raw = text[sent.start_char : sent.end_char]
        stripped = raw.strip()
        if not stripped:
            continue
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        out.append((Sentence(len(out), start, start + len(stripped), stripped), sent))
    return out


def extract(doc: Doc, document: Document) -> Extraction:
    """Sentences, entity mentions, triples and roles of one parsed document.

    ``doc`` must be the parse of ``document.text`` (its character offsets are the text's).
    Identical facts (same subject, relation, object and qualifiers) are kept once, at their
    first occurrence: news articles repeat their key sentence.
    """
    # The Doc's text is the Document's (kg.nlp.parse_documents keeps the offsets of the whole
    # text, chunked documents included): the cache takes it instead of joining every token.
    with extraction_cache(doc, document.text):
        return _extract(doc, document)


def _extract(doc: Doc, document: Document) -> Extraction:
    # The names every stage reads, settled once (a nickname inside a person's name, a quoted
    # name, a code written with hyphens): facts and coreference then name the same thing.
    settle_entities(doc)
    sentences = document_sentences(doc)
    triples: list[Triple] = []
    roles: list[Role] = []
    seen_facts: set[_FactKey] = set()
    seen_roles: set[tuple[str, str]] = set()
    # Each sentence's named entities, from one pass over Doc.ents: Span.ents walks the whole
    # document's entities on every call, which made a long article quadratic. Entities and
    # sentences are both in document order: an entity's sentence (the last one starting at or
    # before it, else the first) is found by walking both lists, not by a search per entity.
    starts = [sent.start for _, sent in sentences]
    ends = [sent.end for _, sent in sentences]
    entities: dict[int, list[Span]] = {}
    position, last = 0, len(starts) - 1
    for ent in doc.ents:
        start = ent.start
        while position < last and starts[position + 1] <= start:
            position += 1
        if sentences and starts[position] <= start and ent.end <= ends[position]:
            entities.setdefault(position, []).append(ent)  # what Span.ents would give
    # Title lines state no fact: their capitalisation misleads the parser and the recogniser
    # ("AMD Buys SeaMicro" is read as one name), and the body says the same in full.
    headlines = headline_sentences(
        document.text, [(record.index, record.start, record.end) for record, _ in sentences]
    )
    for record, sent in sentences:
        if record.index in headlines:
            trace.reject("headline", None, text=record.text, at=record.start)
            continue
        for triple in sentence_triples(sent, record):
            key = _fact_key(triple)
            if key in seen_facts:
                trace.reject("duplicate", None, text=_fact_text(triple), at=record.start)
                continue
            seen_facts.add(key)
            triples.append(triple)
        for role in sentence_roles(sent, record, entities.get(record.index, ())):
            role_key = (role.holder.text, role.title)
            if role_key not in seen_roles:
                seen_roles.add(role_key)
                roles.append(role)
    times = find_times(doc, sentences, document_anchor(document, doc), doc_text(doc))
    mentions, links = coreference(doc, sentences, headlines, times)
    return Extraction(
        document=document,
        sentences=tuple(record for record, _ in sentences),
        mentions=mentions,
        triples=tuple(dated(triples, times)),
        roles=tuple(roles),
        links=links,
        times=times,
    )


def dated(triples: list[Triple], times: tuple[TimeExpression, ...]) -> Iterator[Triple]:
    """Each triple with the value of its time phrase: "on Thursday" in a document of Sunday 26
    October 2025 is 2025-10-30 when the clause looks ahead. A triple whose object is itself a
    time ("met on Thursday") is dated by it."""
    by_sentence: dict[int, list[TimeExpression]] = {}
    for expression in times:
        by_sentence.setdefault(expression.sentence, []).append(expression)
    for triple in triples:
        candidates = by_sentence.get(triple.sentence.index)
        q = triple.qualifiers
        time: TimeExpression | None = None
        if candidates:
            obj = triple.object
            mention = obj.mention
            held = next(
                (t for t in candidates if t.start <= mention.start and mention.end <= t.end), None
            )
            if held is not None and mention.label not in TIME_LABELS:
                # A word the time grammar reads as part of a time ("called at 06:00 BST":
                # the recogniser's organisation BST) is that time, no thing of the story.
                label = "TIME" if held.type == "TIME" else "DATE"
                obj = replace(obj, mention=replace(mention, label=label))
                triple = replace(triple, object=obj)
            if q.time:
                # The time phrase as written holds the expression ("on Thursday": "Thursday").
                inside = [t for t in candidates if t.text in q.time]
                time = max(inside, key=lambda t: t.end - t.start, default=None)
            elif obj.mention.label in TIME_LABELS:
                time = next(
                    (t for t in candidates if t.start < obj.end and obj.start < t.end), None
                )
        if time is not None:
            triple = replace(
                triple,
                qualifiers=replace(
                    q, time=q.time or triple.object.text, time_value=time.value, time_type=time.type
                ),
            )
        yield triple


def _fact_text(triple: Triple) -> str:
    return f"{triple.subject.text} | {triple.relation} | {triple.object.text}"


# What makes two facts the same: subject, relation, object and qualifiers (but the place).
_FactKey = tuple[str, str, str, bool, str, str, str, str, str]


def _fact_key(triple: Triple) -> _FactKey:
    qualifiers = triple.qualifiers
    return (
        triple.subject.text,
        triple.relation,
        triple.object.text,
        qualifiers.negated,
        qualifiers.modality,
        qualifiers.attribution,
        qualifiers.condition,
        qualifiers.time,
        qualifiers.embedded,
    )
