"""Facts without a graph: the records of ``kg extract`` (a user-facing contract, see the README).

The fields are fixed: subject, relation, object, subject_type, object_type, confidence, negated,
modality, attribution, condition, time (as written), time_value (TIMEX3, "" when unknown),
time_type, place, subject_text, relation_text, object_text, sentence, document (the row's id
for a row of a JSON Lines or CSV corpus that has one, else the source), rule (the extraction
rules that found it, see docs/rules.md). subject and object are resolved entity names (never a
bare pronoun).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, TypedDict

from kg.documents import InputOptions, ReadLog, document_id, read_documents
from kg.errors import InputError
from kg.labels import TIME_LABELS
from kg.types import Corpus, Document

if TYPE_CHECKING:
    from typing_extensions import Unpack

# A record as ``kg extract`` prints it (one JSON object a line): field name -> JSON scalar.
Record = dict[str, str | int | float | bool | None]

# The fields of a record, in the order `kg extract --format tsv` writes its columns.
FACT_FIELDS = (
    "subject",
    "relation",
    "object",
    "subject_type",
    "object_type",
    "confidence",
    "negated",
    "modality",
    "attribution",
    "condition",
    "time",
    "time_value",
    "time_type",
    "place",
    "subject_text",
    "relation_text",
    "object_text",
    "sentence",
    "document",
    "rule",
)


def _documents(
    paths: Iterable[str],
    one_sentence_per_line: bool,
    on_error: Callable[[InputError], None],
    input_options: InputOptions | None = None,
    read_log: ReadLog | None = None,
) -> Iterator[Document]:
    for item in read_documents(paths, options=input_options, log=read_log):
        if isinstance(item, InputError):
            on_error(item)
        elif one_sentence_per_line:
            # Every line is its own document; identical lines stay separate entries so that
            # the output has one block per input line, as benchmark scorers expect. A line
            # keeps its document's title, date and metadata.
            for number, line in enumerate(item.text.splitlines(), start=1):
                if line.strip():
                    yield dataclasses.replace(
                        item,
                        id=document_id(line, item.date),
                        source=f"{item.source}:{number}",
                        text=line,
                    )
        else:
            yield item


def resolved_corpus(
    paths: Iterable[str],
    *,
    model: str | None = None,
    one_sentence_per_line: bool = False,
    aliases: str | Path | None = None,
    on_error: Callable[[InputError], None] = lambda e: None,
    input_options: InputOptions | None = None,
    read_log: ReadLog | None = None,
) -> Corpus:
    """PATHS read, extracted and resolved across all of them, as ``kg build`` of the same inputs
    resolves them (in memory: ``kg extract`` is for corpora that fit). ``input_options`` and
    ``read_log``: those of ``kg.documents.read_documents``."""
    from kg.pipeline import extract_documents
    from kg.resolve import load_alias_rules, resolve

    rules = load_alias_rules(aliases) if aliases else None
    documents = _documents(paths, one_sentence_per_line, on_error, input_options, read_log)
    extractions = list(extract_documents(documents, model=model))
    return resolve(extractions, rules=rules)


class ReadOptions(TypedDict, total=False):
    """How the inputs are read (``kg.documents.read_documents``'s options and log), as the
    readers of this module take them."""

    input_options: InputOptions | None
    read_log: ReadLog | None


class CorpusOptions(ReadOptions, total=False):
    """The keyword options of ``resolved_corpus``, as the record readers pass them on."""

    model: str | None
    one_sentence_per_line: bool
    aliases: str | Path | None
    on_error: Callable[[InputError], None]


def fact_records(paths: Iterable[str], **options: Unpack[CorpusOptions]) -> Iterator[Record]:
    """One dict per resolved fact of PATHS, in document and sentence order (``options``: those
    of ``resolved_corpus``)."""
    yield from corpus_records(resolved_corpus(paths, **options))


def mention_records(paths: Iterable[str], **options: Unpack[CorpusOptions]) -> Iterator[Record]:
    """One dict per referring expression of PATHS (``kg extract --format mentions``): ``node``
    is the IRI the build mints (None for a mention that denotes nothing kg keeps)."""
    yield from corpus_mention_records(resolved_corpus(paths, **options))


def corpus_mention_records(corpus: Corpus) -> Iterator[Record]:
    from kg.rdf import entity_iri, mention_kind

    for resolved in corpus.documents:
        document = resolved.extraction.document
        source = document_name(document)
        records: list[Record] = []
        for item in resolved.coreference:
            mention = item.mention
            if mention.label in TIME_LABELS:
                continue  # a time expression: printed from the normalised times below
            entity = corpus.entities[item.key] if item.key is not None else None
            records.append(
                {
                    "document": source,
                    "start": mention.start,
                    "end": mention.end,
                    "text": mention.text,
                    "kind": mention_kind(mention),
                    "node": entity_iri(entity) if entity else None,
                    "type": entity.type if entity else None,
                    "label": entity.label if entity else None,
                    "sieve": item.sieve,
                    "reason": item.reason,
                }
            )
        for time in resolved.extraction.times:
            records.append(
                {
                    "document": source,
                    "start": time.start,
                    "end": time.end,
                    "text": time.text,
                    "kind": "time",
                    "node": None,
                    "type": None,
                    "label": None,
                    "sieve": "",
                    "reason": "",
                    "value": time.value,
                    "timex_type": time.type,
                }
            )
        records.sort(key=lambda record: (record["start"], record["end"]))
        yield from records


def document_name(document: Document) -> str:
    """How records name their document: the row's id for a row of a JSON Lines or CSV corpus
    that has one (its offsets are into that row's text), else the source (a file's path)."""
    return dict(document.metadata).get("id") or document.source


def corpus_records(corpus: Corpus) -> Iterator[Record]:
    for resolved in corpus.documents:
        source = document_name(resolved.extraction.document)
        for fact in resolved.facts:
            triple = fact.triple
            q = triple.qualifiers
            subject = corpus.entities[fact.subject]
            obj = corpus.entities[fact.object] if fact.object else None
            yield {
                "subject": subject.label,
                "relation": triple.relation,
                "object": obj.label if obj else fact.object_literal,
                "subject_type": subject.type,
                "object_type": obj.type if obj else triple.object.mention.kind.capitalize(),
                "confidence": round(triple.confidence, 4),
                "negated": q.negated,
                "modality": q.modality,
                "attribution": q.attribution,
                "condition": q.condition,
                "time": q.time,
                "time_value": q.time_value,
                "time_type": q.time_type,
                "place": corpus.entities[fact.place].label if fact.place else q.place,
                "subject_text": triple.subject.text,
                "relation_text": triple.relation_text,
                "object_text": triple.object.text,
                "sentence": triple.sentence.text,
                "document": source,
                "rule": triple.rule,
            }


def iter_carb_lines(
    paths: Iterable[str],
    *,
    model: str | None = None,
    one_sentence_per_line: bool = True,
    on_error: Callable[[InputError], None] = lambda e: None,
    input_options: InputOptions | None = None,
    read_log: ReadLog | None = None,
) -> Iterator[str]:
    """CaRB's tabbed form: sentence, confidence, relation, arg1, arg2, ... one extraction a line.

    CaRB scores sentence by sentence, so its input is one sentence per line and the sentence
    column is the input line verbatim (the scorer matches sentences by their text); without
    ``one_sentence_per_line`` each document is taken as one "sentence".
    """
    from kg.extract.carb import carb_rows
    from kg.pipeline import extract_documents

    documents = _documents(paths, one_sentence_per_line, on_error, input_options, read_log)
    for extraction in extract_documents(documents, model=model):
        sentence = " ".join(extraction.document.text.split("\t"))
        for columns in carb_rows(extraction):
            yield "\t".join([sentence, *columns])
