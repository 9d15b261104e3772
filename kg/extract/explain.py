"""Why kg gives the facts it gives: the trace behind ``kg extract --explain``.

    from kg.extract.explain import explain_text, render
    report = explain_text("Bessent told reporters the talks went well.")
    print(render(report))

For every sentence: the parse (token, tag, dependency, head), the clauses the rules read, each
fact with the rules that found it (``Triple.rule``, see docs/rules.md), each candidate the rules
passed over with the reason (``kg.extract.trace.REASONS``), and what resolution did to each
argument: the node it was linked to and why (the coreference sieve and its reason), or why it
is a value, or why the fact was dropped. Resolution runs over all the given documents together,
as ``kg build`` and ``kg extract`` do.

The report is plain data (dicts, lists, strings, numbers: ``json.dumps`` writes it as is);
``render`` turns it into text.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from typing import TypedDict

from spacy.tokens import Doc

from kg.extract import extract, trace
from kg.labels import TIME_LABELS, VALUE_LABELS
from kg.types import (
    Argument,
    Corpus,
    Document,
    Extraction,
    Fact,
    ResolvedDocument,
    ResolvedMention,
    Sentence,
    Triple,
)

__all__ = [
    "ArgumentReport",
    "ClauseReport",
    "FactReport",
    "RejectionReport",
    "Report",
    "SentenceReport",
    "TokenReport",
    "explain_documents",
    "explain_text",
    "render",
]


class TokenReport(TypedDict):
    """A token of the parse; ``i`` and ``head`` are indices within the sentence."""

    i: int
    text: str
    tag: str
    pos: str
    dep: str
    head: int
    entity: str  # its entity label, "" outside a named entity


class ClauseReport(TypedDict):
    """A clause the rules read (``kg.extract.trace.ClauseRecord``)."""

    verbs: list[str]
    subjects: list[str]
    subject_rule: str


class _ArgumentBase(TypedDict):
    mention: str
    kind: str
    node: str | None  # the node's label, None when the argument has none


class ArgumentReport(_ArgumentBase, total=False):
    """What resolution did to an argument: its node and how (``node_type`` with a node)."""

    node_type: str
    how: str


class ArgumentReports(TypedDict):
    subject: ArgumentReport
    object: ArgumentReport


class FactReport(TypedDict):
    """A fact the rules found, the rules that found it and whether resolution kept it."""

    rule: str
    subject_rule: str
    object_rule: str
    subject: str
    relation: str
    relation_text: str
    object: str
    extra_arguments: list[str]
    confidence: float
    qualifiers: dict[str, str | bool]  # the qualifiers it has, by name
    kept: bool
    dropped_because: str
    resolution: ArgumentReports


class RejectionReport(TypedDict):
    """A candidate the rules passed over (``kg.extract.trace.Rejection``)."""

    code: str
    reason: str
    words: str
    of: str


class SentenceReport(TypedDict):
    index: int
    text: str
    start: int
    end: int
    headline: bool
    parse: list[TokenReport]
    clauses: list[ClauseReport]
    facts: list[FactReport]
    rejected: list[RejectionReport]


class Report(TypedDict):
    """The report of one document: its source and its sentences."""

    document: str
    sentences: list[SentenceReport]


def explain_text(text: str, *, model: str | None = None, source: str = "<text>") -> Report:
    """The report of one document whose text is ``text``."""
    document = Document(hashlib.sha256(text.encode("utf-8")).hexdigest(), source, text)
    return explain_documents([document], model=model)[0]


def explain_documents(
    documents: Iterable[Document], *, model: str | None = None, aliases: str | None = None
) -> list[Report]:
    """One report per document, resolved across all of them (``aliases``: an alias file, as
    ``kg extract --aliases`` takes)."""
    from kg.nlp import load_pipeline, parse_documents
    from kg.resolve import load_alias_rules, resolve

    nlp = load_pipeline(model)
    parsed: list[tuple[Extraction, list[list[TokenReport]], trace.Trace]] = []
    for document, doc in parse_documents(nlp, documents):
        with trace.tracing() as decisions:
            extraction = extract(doc, document)
        parsed.append((extraction, _parses(doc, extraction), decisions))
    rules = load_alias_rules(aliases) if aliases else None
    corpus = resolve([extraction for extraction, _, _ in parsed], rules=rules)
    return [
        _document_report(resolved, parses, decisions, corpus)
        for (_, parses, decisions), resolved in zip(parsed, corpus.documents, strict=True)
    ]


def _parses(doc: Doc, extraction: Extraction) -> list[list[TokenReport]]:
    """Each sentence's tokens with tag, part of speech, dependency and head (indices within the
    sentence), read while the Doc is alive."""
    out: list[list[TokenReport]] = []
    for sentence in extraction.sentences:
        span = doc.char_span(sentence.start, sentence.end, alignment_mode="expand")
        tokens = [t for t in span if not t.is_space] if span is not None else []
        start = span.start if span is not None else 0
        out.append(
            [
                {
                    "i": t.i - start,
                    "text": t.text,
                    "tag": t.tag_,
                    "pos": t.pos_,
                    "dep": t.dep_,
                    "head": t.head.i - start,
                    "entity": t.ent_type_,
                }
                for t in tokens
            ]
        )
    return out


def _document_report(
    resolved: ResolvedDocument,
    parses: list[list[TokenReport]],
    decisions: trace.Trace,
    corpus: Corpus,
) -> Report:
    extraction = resolved.extraction
    facts = {id(fact.triple): fact for fact in resolved.facts}
    nodes = _Nodes(resolved, corpus)
    sentences: list[SentenceReport] = []
    for sentence, parse in zip(extraction.sentences, parses, strict=True):

        def inside(start: int, s: Sentence = sentence) -> bool:
            return s.start <= start < s.end

        rejected = [r for r in decisions.rejections if inside(r.start)]
        sentences.append(
            {
                "index": sentence.index,
                "text": sentence.text,
                "start": sentence.start,
                "end": sentence.end,
                "headline": any(r.code == "headline" for r in rejected),
                "parse": parse,
                "clauses": [
                    {
                        "verbs": list(c.verbs),
                        "subjects": list(c.subjects),
                        "subject_rule": c.subject_rule,
                    }
                    for c in decisions.clauses
                    if inside(c.start)
                ],
                "facts": [
                    _fact_report(t, facts.get(id(t)), nodes)
                    for t in extraction.triples
                    if t.sentence.index == sentence.index
                ],
                "rejected": [
                    {"code": r.code, "reason": r.reason, "words": r.words, "of": r.detail}
                    for r in rejected
                ],
            }
        )
    return {"document": extraction.document.source, "sentences": sentences}


def _fact_report(triple: Triple, fact: Fact | None, nodes: _Nodes) -> FactReport:
    subject_rule, _, object_rule = triple.rule.partition("-")
    q = triple.qualifiers
    qualifiers: dict[str, str | bool] = {
        name: value
        for name, value in (
            ("negated", q.negated),
            ("modality", q.modality),
            ("attribution", q.attribution),
            ("condition", q.condition),
            ("time", q.time),
            ("time_value", q.time_value),
            ("place", q.place),
            ("chain", q.embedded),
        )
        if value
    }
    subject = nodes.argument(triple.subject, fact.subject if fact else None)
    obj = nodes.argument(triple.object, fact.object if fact else None)
    return {
        "rule": triple.rule,
        "subject_rule": subject_rule if object_rule else "",
        "object_rule": object_rule or subject_rule,
        "subject": triple.subject.text,
        "relation": triple.relation,
        "relation_text": triple.relation_text,
        "object": triple.object.text,
        "extra_arguments": list(triple.extra_arguments),
        "confidence": triple.confidence,
        "qualifiers": qualifiers,
        "kept": fact is not None,
        "dropped_because": "" if fact is not None else _why_dropped(triple, subject, obj),
        "resolution": {"subject": subject, "object": obj},
    }


class _Nodes:
    """What resolution did to arguments, read from its public results: the corpus's entities,
    the document's facts and its resolved mentions (node and sieve of every referring
    expression)."""

    def __init__(self, resolved: ResolvedDocument, corpus: Corpus) -> None:
        self.corpus = corpus
        self.by_span = {(r.mention.start, r.mention.end): r for r in resolved.coreference}
        self.by_head: dict[int, ResolvedMention] = {}
        for r in resolved.coreference:
            self.by_head.setdefault(r.mention.head, r)

    def argument(self, argument: Argument, key: str | None) -> ArgumentReport:
        """The argument's mention, its node (when resolution gave one) and how."""
        mention = argument.mention
        out: ArgumentReport = {"mention": mention.text, "kind": mention.kind, "node": None}
        if mention.kind == "clause":
            return {**out, "how": "a clause: kept as text, no node"}
        if mention.kind == "literal" or (
            mention.kind == "entity" and mention.label in VALUE_LABELS
        ):
            return {**out, "how": "a value (a number, an amount, an adjective): kept as a literal"}
        if mention.label in TIME_LABELS:
            return {**out, "how": "a date or time: a value of the statement (kg:time), not a node"}
        linked = self.by_span.get((mention.start, mention.end)) or self.by_head.get(mention.head)
        if key is None and linked is not None:
            key = linked.key
        if key is None:
            if mention.kind == "pronoun":
                return {**out, "how": "a pronoun with no antecedent: it denotes nothing"}
            return {**out, "how": "no node"}
        entity = self.corpus.entities.get(key)
        out["node"] = entity.label if entity else key
        out["node_type"] = entity.type if entity else ""
        if linked is not None and linked.key == key and linked.sieve:
            out["how"] = f"linked by the {linked.sieve} sieve: {linked.reason}"
        elif entity is not None and entity.type == "Nominal":
            out["how"] = "a description: a node of its own document"
        elif entity is not None and entity.merge_reasons and mention.text != entity.label:
            out["how"] = "the name: " + "; ".join(entity.merge_reasons)
        else:
            out["how"] = "the name"
        return out


def _why_dropped(triple: Triple, subject: ArgumentReport, obj: ArgumentReport) -> str:
    """Why resolution kept no fact of the triple, in the order kg.resolve decides."""
    if subject["node"] is None:
        return f"its subject {triple.subject.text!r} denotes no node ({subject['how']})"
    if obj["node"] == subject["node"] and triple.object.mention.kind == "pronoun":
        return "a pronoun object never refers to its own clause's subject (that would be 'itself')"
    if obj["node"] is None and obj["kind"] in ("pronoun", "entity", "concept"):
        return f"its object {triple.object.text!r} denotes no node ({obj['how']})"
    return "the same fact as an earlier one of this document"


def render(report: Report) -> str:
    """The report as text, sentence by sentence."""
    lines = [f"document {report['document']}"]
    for s in report["sentences"]:
        lines.append("")
        lines.append(f"sentence {s['index']}: {s['text']}")
        if s["headline"]:
            lines.append("  a title line: no fact is read from it")
        lines.append("  parse:")
        width = max((len(t["text"]) for t in s["parse"]), default=1)
        for t in s["parse"]:
            head = s["parse"][t["head"]]["text"] if 0 <= t["head"] < len(s["parse"]) else ""
            arrow = "(root)" if t["head"] == t["i"] else f"-> {t['head']} {head}"
            entity = f"  [{t['entity']}]" if t["entity"] else ""
            lines.append(
                f"    {t['i']:>3} {t['text']:<{width}}  {t['tag']:<5} {t['pos']:<5} "
                f"{t['dep']:<10} {arrow}{entity}"
            )
        if s["clauses"]:
            lines.append("  clauses:")
            for c in s["clauses"]:
                verbs = " -> ".join(c["verbs"])
                subjects = ", ".join(repr(x) for x in c["subjects"])
                lines.append(f"    {verbs}: subject {subjects} (subject rule {c['subject_rule']})")
        if s["facts"]:
            lines.append("  facts:")
        for f in s["facts"]:
            lines.append(
                f"    [{f['rule']}] {f['subject']} | {f['relation']} | {f['object']}"
                f"  (confidence {f['confidence']})"
            )
            if f["qualifiers"]:
                shown = ", ".join(f"{k}={v!r}" for k, v in f["qualifiers"].items())
                lines.append(f"        qualifiers: {shown}")
            for role in ("subject", "object"):
                r = f["resolution"][role]
                node = f"-> {r['node']} ({r.get('node_type', '')})" if r["node"] else "-> no node"
                lines.append(f"        {role} {r['mention']!r} {node}: {r['how']}")
            lines.append(
                "        kept" if f["kept"] else f"        dropped: {f['dropped_because']}"
            )
        if s["rejected"]:
            lines.append("  passed over:")
            for passed in s["rejected"]:
                of = f" ({passed['of']})" if passed["of"] else ""
                lines.append(f"    {passed['words']!r}{of}: {passed['reason']}")
        if not s["facts"] and not s["headline"]:
            lines.append("  no fact")
    return "\n".join(lines) + "\n"
