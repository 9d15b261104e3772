"""Which way a sentence looks from the document date: the tense of the verb a time hangs on.

"The board will meet on Thursday" looks ahead, "the board met on Thursday" back. The verb is the
nearest verb above the expression in the parse; its tag and auxiliaries give the direction:

- will / 'll / shall, "going to", a modal of possibility, or an infinitive ("plans to meet on
  Thursday") look ahead;
- a past tense (VBD), or a participle with a perfect or past auxiliary ("has met", "was
  signed") looks back;
- anything else (the present, a headline with no verb) says nothing: the nearest date is taken.

A preposition that fixes the direction whatever the verb ("since May") wins.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from kg.timex.values import FUTURE, NEAREST, PAST

if TYPE_CHECKING:
    from spacy.tokens import Token

FUTURE_AUXILIARIES = frozenset({"will", "'ll", "shall", "wo", "could", "may", "might", "should"})
PAST_AUXILIARIES = frozenset({"has", "have", "had", "'ve", "was", "were", "did", "'d"})
# "since May" can only look back, whatever the verb ("has risen since May").
PAST_PREPOSITIONS = frozenset({"since"})
# The links a time climbs to reach its verb: "on Thursday" (pobj, prep), "announced Monday"
# (npadvmod), "on Monday and Tuesday" (conj), "Tuesday, March 3" (appos).
ADJUNCT_LINKS = frozenset(
    {"pobj", "prep", "pcomp", "npadvmod", "advmod", "tmod", "conj", "appos", "dobj", "attr"}
)
# How far up the parse to look for the verb: a time is an adjunct of its clause.
MAX_CLIMB = 6


def direction_of(head: Token) -> str:
    """PAST, FUTURE or NEAREST for a time expression whose syntactic head is HEAD.

    Only a time that is an adjunct of its clause takes the clause's tense: "met on Thursday"
    does, "a June 3 hearing has been scheduled" does not (the date belongs to the hearing)."""
    token = head
    for _ in range(MAX_CLIMB):
        if token.pos_ in ("VERB", "AUX"):
            return verb_direction(token)
        if token.dep_ == "pobj" and token.head.lower_ in PAST_PREPOSITIONS:
            return PAST
        if token.dep_ not in ADJUNCT_LINKS or token.head is token:
            return NEAREST
        token = token.head
    return NEAREST


def verb_direction(verb: Token) -> str:
    """The direction of VERB from its tag and auxiliaries."""
    auxiliaries = [child for child in verb.children if child.dep_ in ("aux", "auxpass")]
    words = {child.lower_ for child in auxiliaries}
    if words & FUTURE_AUXILIARIES:
        return FUTURE
    if verb.tag_ == "VB" and "to" in words:
        # "is going to sign", "plans to fly", "expected to close": all ahead of the saying.
        return FUTURE
    if verb.tag_ == "VBD" or any(child.tag_ == "VBD" for child in auxiliaries):
        return PAST
    if verb.tag_ == "VBN" and words & PAST_AUXILIARIES:
        return PAST
    return NEAREST
