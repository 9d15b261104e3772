"""A fact's confidence: a product of factors, the subject rule's, the object rule's, the
sentence's length and the subject's kind, with penalties for an argument so long that it
probably swallowed a clause the parser misattached. ``make_triple`` makes a clause's or a
statement's Triple with it (kg.extract.clauses).
"""

from __future__ import annotations

from dataclasses import replace
from functools import cache

from kg.extract.rules import SUBJECT_RULES
from kg.types import Argument, Qualifiers, Sentence, Triple

__all__ = ["SUBJECT_CONFIDENCE", "make_triple", "rounded_confidence", "sentence_length_factor"]

# The subject rules' factors, by rule name (Triple.rule starts with it).
SUBJECT_CONFIDENCE = {r.name: r.confidence for r in SUBJECT_RULES}

# Parse errors grow with sentence length: (minimum words, factor), longest first.
_SENTENCE_LENGTH_FACTORS = ((40, 0.82), (30, 0.88), (20, 0.93))

# What the subject's node is: names are the most reliable subjects, common noun phrases the
# least (they are often a fragment of a larger phrase the parser split).
_SUBJECT_KIND_FACTORS = {"entity": 1.0, "pronoun": 0.95, "clause": 0.9, "literal": 0.9}
_CONCEPT_SUBJECT_FACTOR = 0.95

# A subject or object longer than these many words usually swallowed a clause the parser
# misattached.
_LONG_SUBJECT = 8
_LONG_OBJECT = 15


def make_triple(
    subject: Argument,
    relation: str,
    relation_text: str,
    obj: Argument,
    sentence: Sentence,
    qualifiers: Qualifiers,
    subject_conf: float,
    object_conf: float,
    rule_name: str,
    extras: tuple[str, ...],
    length_factor: float,
) -> Triple:
    """The triple; ``relation_text`` is the relation's words as written ("" for none),
    ``subject_conf`` and ``object_conf`` the factors of the rules that found its arguments,
    ``length_factor`` the sentence's (``sentence_length_factor``)."""
    confidence = subject_conf * object_conf
    confidence *= length_factor
    confidence *= _SUBJECT_KIND_FACTORS.get(subject.mention.kind, _CONCEPT_SUBJECT_FACTOR)
    if subject.text.count(" ") + 1 > _LONG_SUBJECT:
        confidence *= 0.7
    if obj.text.count(" ") + 1 > _LONG_OBJECT:
        confidence *= 0.85
    if subject.negative != obj.negative:
        # "No one was killed", "police found no weapons": a negative quantifier denies the
        # fact (two of them deny each other: "nobody found nothing").
        qualifiers = replace(qualifiers, negated=not qualifiers.negated)
    return Triple(
        subject=subject,
        relation=relation,
        relation_text=relation_text or "is",
        object=obj,
        sentence=sentence,
        confidence=rounded_confidence(confidence),
        qualifiers=qualifiers,
        extra_arguments=extras,
        rule=rule_name,
    )


@cache
def rounded_confidence(confidence: float) -> float:
    """The confidence clamped to [0.01, 1] and rounded to 4 decimals. Memoised: round() to
    decimals is slow (it goes through the decimal digits), and the confidence is a product of
    the few factors above, so a build meets only a few hundred distinct values."""
    return round(min(1.0, max(0.01, confidence)), 4)


@cache
def sentence_length_factor(words: int) -> float:
    """The confidence factor of a sentence of ``words`` words (memoised: a few dozen lengths)."""
    for minimum, factor in _SENTENCE_LENGTH_FACTORS:
        if words >= minimum:
            return factor
    return 1.0
