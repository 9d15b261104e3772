"""Time expressions: every date and time of a parsed document with its TIMEX3 type and value.

    find_times(doc, sentences, anchor)   -> the TimeExpressions of the document, in text order
    document_anchor(document, doc=None)  -> the document date ("2025-10-26") or None

Values are anchored on the document date: "Thursday" in "will meet on Thursday" is the Thursday
after it, in "met on Thursday" the one before (kg/timex/tense.py). In a document with no date a
relative expression gets the value "" (never a guess) while "March 3, 2009" is still 2009-03-03.

The grammar (kg/timex/grammar.py) reads spaCy's tokens, one rule per construction; a token that
can start no time expression costs one dictionary look-up, so the stage adds about a hundredth
of the parse's time (benchmarks/meantime_time.py measures it).
"""

from __future__ import annotations

import re
from datetime import date
from typing import TYPE_CHECKING

from kg.timex.grammar import Discourse, Reader, read_at
from kg.types import Document, TimeExpression

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

    from kg.types import Sentence

__all__ = ["find_times", "document_anchor"]

ISO_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def find_times(
    doc: Doc,
    sentences: list[tuple[Sentence, Span]],
    anchor: str | None,
    text: str | None = None,
) -> tuple[TimeExpression, ...]:
    """Every time expression of DOC, read sentence by sentence, valued against ANCHOR.

    ``sentences`` are kg's (kg.extract.document_sentences); ``anchor`` is the document date as
    ISO 8601 (its date part is used), or None / "" when the document has none. ``text`` is the
    text DOC was parsed from, when the caller has it: spaCy rebuilds ``doc.text`` from the
    tokens at each call, which costs more than reading the times.
    """
    discourse = Discourse(parse_anchor(anchor))
    text = doc.text if text is None else text
    found: list[TimeExpression] = []
    for sentence, span in sentences:
        tokens = list(span)
        reader = Reader(tokens, discourse)
        i = 0
        while i < len(tokens):
            reading = read_at(reader, i)
            if reading is None:
                i += 1
                continue
            start, end = tokens[i].idx, tokens[reading.end - 1].idx + len(tokens[reading.end - 1])
            found.append(
                TimeExpression(
                    text[start:end], start, end, sentence.index, reading.type, reading.value
                )
            )
            if ISO_DATE.fullmatch(reading.value):
                # The day in hand for "the same day" and a bare "18:00 UTC" later on.
                discourse.last_day = date.fromisoformat(reading.value)
            i = reading.end
    return tuple(found)


def parse_anchor(anchor: str | None) -> date | None:
    """The date part of an ISO 8601 anchor ("2025-10-26T09:30:00Z" -> 2025-10-26), else None."""
    match = ISO_DATE.match(anchor or "")
    if not match:
        return None
    try:
        return date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


# A date line is one of the first lines of an article: the date alone, perhaps after a weekday,
# a word like "Published" or a place ("WASHINGTON, March 3, 2009 -"), perhaps before a time.
DATELINE_LINES = 6
DATELINE_MAX_CHARS = 80


def document_anchor(document: Document, doc: Doc | None = None) -> str | None:
    """The document's date as YYYY-MM-DD: ``document.date`` when set, else the date line among
    the first lines of its text ("March 01, 2008", "Tuesday, November 4, 2008", "2009-02-03"),
    else None. A date in figures whose day and month could be swapped ("03-02-2009") is not
    taken: which one the writer meant cannot be known.

    DOC, the parse of the text when there is one, is read instead of re-parsing the lines.
    """
    if document.date:
        parsed = parse_anchor(document.date)
        if parsed:
            return parsed.isoformat()
    if doc is not None:
        return _dateline(doc, document.text)
    from kg.nlp import load_pipeline

    head = _first_lines(document.text)
    return _dateline(load_pipeline()(head), head) if head else None


def _first_lines(text: str) -> str:
    lines = [line for line in text.splitlines() if line.strip()][:DATELINE_LINES]
    return "\n\n".join(line for line in lines if len(line.strip()) <= DATELINE_MAX_CHARS)


def _dateline(doc: Doc, text: str) -> str | None:
    """The first full date (day, month and year) that is most of a short line near the top of
    TEXT, DOC's text."""
    discourse = Discourse(None)
    line_start = 0
    for line_number, line in enumerate(text.split("\n")):
        if line_number >= DATELINE_LINES * 2:
            break
        stripped = line.strip()
        line_end = line_start + len(line)
        if stripped and len(stripped) <= DATELINE_MAX_CHARS:
            span = doc.char_span(line_start, line_end, alignment_mode="expand")
            tokens = list(span) if span is not None else []
            reader = Reader(tokens, discourse)
            for i in range(len(tokens)):
                reading = read_at(reader, i)
                if reading and ISO_DATE.fullmatch(reading.value) and not _ambiguous(tokens, i):
                    written = sum(len(t.text) for t in tokens[i : reading.end])
                    letters = sum(len(t.text) for t in tokens if not t.is_punct)
                    if written * 2 >= letters:
                        return reading.value
        line_start = line_end + 1
    return None


def _ambiguous(tokens: list[Token], i: int) -> bool:
    """Whether a date in figures at I could be read day first as well as month first."""
    parts = re.split(r"[/.-]", "".join(t.text for t in tokens[i : i + 5]))
    if len(parts) < 3 or not all(part.isdigit() for part in parts[:3]) or len(parts[0]) == 4:
        return False
    return int(parts[0]) <= 12 and int(parts[1]) <= 12 and parts[0] != parts[1]
