"""What the rules decided and why, recorded only while someone asks (``kg extract --explain``).

The rules call ``reject(...)`` where they pass over a candidate (a clause with no object, a time
phrase kept as a qualifier, a headline) and ``found_clause(...)`` for every clause they read.
Outside ``tracing()`` both return at once: extraction pays one check of a module variable.

Each rejection has a stable ``code`` (what programs compare) and a sentence saying why (what
people read); ``REASONS`` lists them all.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field

from spacy.tokens import Token

__all__ = ["REASONS", "ClauseRecord", "Rejection", "Trace", "found_clause", "reject", "tracing"]

# code -> why the candidate gives no fact (or no separate fact).
REASONS = {
    "headline": "a title line: its capitalisation misleads the parser, and the body says it"
    " in full",
    "duplicate": "the same fact as an earlier sentence of the document",
    "modifier": "a verb used as a modifier (an adjective, a compound), not a clause",
    "chain": "read with its matrix verb, as one control chain",
    "no-subject": "no subject: none written and none to inherit",
    "subject-no-node": "its subject names nothing the graph keeps (a demonstrative, an expletive,"
    " a relative pronoun without antecedent)",
    "relative-no-antecedent": "a relative pronoun whose clause modifies no noun",
    "no-object": "the clause has no object: it states no fact",
    "object-no-node": "the object names nothing the graph keeps (a demonstrative, an expletive,"
    " a relative pronoun without antecedent)",
    "preposition-no-object": "a preposition without a noun phrase object",
    "fronted-phrase": "a fronted phrase frames the whole clause: kept as an extra argument,"
    " not as the verb's object",
    "time-qualifier": "a time phrase beside another object: kept as the statement's time,"
    " not as a fact of its own",
    "place-qualifier": "a named place beside another object: kept as the statement's place,"
    " not as a fact of its own",
    "apposition-person": "an apposition of a person is a role (kg:role), not a fact",
    "apposition-compound": "an apposition inside a compound is a title misparsed",
    "apposition-not-nouns": "an apposition states a fact only between two nouns",
}


@dataclass(frozen=True)
class Rejection:
    """A candidate the rules passed over: its words, where they start, and why."""

    code: str
    words: str
    start: int  # character offset of the first word
    detail: str = ""  # the verb it was a candidate argument of ("of 'met'")

    @property
    def reason(self) -> str:
        return REASONS[self.code]


@dataclass(frozen=True)
class ClauseRecord:
    """A clause the rules read: its verbs (matrix verb first), subjects and subject rule."""

    verbs: tuple[str, ...]
    subjects: tuple[str, ...]
    subject_rule: str
    start: int  # character offset of the matrix verb


@dataclass
class Trace:
    clauses: list[ClauseRecord] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)


_active: Trace | None = None


@contextmanager
def tracing() -> Iterator[Trace]:
    """Record the rules' decisions while the block runs (one thread: the explain report)."""
    global _active
    previous, _active = _active, Trace()
    try:
        yield _active
    finally:
        _active = previous


def reject(
    code: str,
    tokens: Token | Sequence[Token] | None,
    of: Token | None = None,
    whole: bool = False,
    text: str = "",
    at: int = 0,
) -> None:
    """Record that the candidate ``tokens`` (or ``text`` at character ``at``) gives no fact, and
    why.
    ``of``: the verb it was a candidate argument of; ``whole``: the candidate is the phrase the
    token heads (its subtree), not the token alone. (Callers pass tokens, not text: nothing is
    computed unless tracing.)"""
    if _active is None:
        return
    if code not in REASONS:
        raise KeyError(f"unknown rejection code {code!r}")
    start = at
    if isinstance(tokens, Token):
        tokens = list(tokens.subtree) if whole else [tokens]
    if tokens:
        first, last = min(tokens, key=_position), max(tokens, key=_position)
        text = text or first.doc.text[first.idx : last.idx + len(last)]
        start = first.idx
    detail = f"of {of.text!r}" if of is not None else ""
    _active.rejections.append(Rejection(code, text, start, detail))


def found_clause(verbs: Sequence[Token], subjects: Sequence[str], subject_rule: str) -> None:
    """Record a clause the rules read."""
    if _active is None:
        return
    _active.clauses.append(
        ClauseRecord(tuple(v.text for v in verbs), tuple(subjects), subject_rule, verbs[0].idx)
    )


def active() -> bool:
    """Whether decisions are being recorded (to skip work done only for the record)."""
    return _active is not None


def _position(token: Token) -> int:
    return token.i
