"""Qualifiers of a clause: negation, modality, condition, time and attribution.

Each reads the dependents of the clause's verbs (the matrix verb and the verbs of its control
chain), so "Trump has threatened to impose tariffs ... if Beijing proceeds" gives the fact the
condition attached to "impose".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.strings import get_string_id
from spacy.tokens import Token

from kg.extract.tokens import children, string_ids, subtree_text

# Negators that attach to a verb: "not", "n't", "never" (dep neg) and the adverbs that deny the
# event outright.
_NEGATION_WORDS = frozenset({"not", "n't", "never", "no"})

# Modal auxiliaries (tag MD) as written, with the clitic and contracted spellings mapped to the
# full word: a modal hedges the fact ("may extend"), it does not name the relation.
_MODAL_SPELLINGS = {
    "'ll": "will",
    "’ll": "will",
    "wo": "will",
    "ca": "can",
    "'d": "would",
    "’d": "would",
}

# Subordinators that make an adverbial clause a condition on the main clause.
CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "whether"})

# NER labels of time expressions.
TIME_LABELS = frozenset({"DATE", "TIME"})

# The words and labels the functions below compare, as ids (see string_ids): they read every
# child of every verb of every clause.
_NEGATION_WORD_IDS = string_ids(_NEGATION_WORDS)
_CONDITION_MARK_IDS = string_ids(CONDITION_MARKS)
_TIME_LABEL_IDS = string_ids(TIME_LABELS)
_AUXILIARY_DEP_IDS = string_ids(("aux", "auxpass"))
_BARE_TIME_DEP_IDS = string_ids(("npadvmod", "advmod", "tmod"))  # a time phrase without "on"
_MODAL_TAG_ID = get_string_id("MD")
_NEG_ID = get_string_id("neg")
_ADVMOD_ID = get_string_id("advmod")
_ADVCL_ID = get_string_id("advcl")
_XCOMP_ID = get_string_id("xcomp")
_MARK_ID = get_string_id("mark")
_PREP_ID = get_string_id("prep")
_POBJ_ID = get_string_id("pobj")
_YET_ID = get_string_id("yet")
_GOING_ID = get_string_id("going")

# Verbs that report speech or thought: the subject of such a verb is the source of what its
# clausal complement states ("Li confirmed that both sides had reached a consensus").
REPORTING_VERBS = frozenset(
    {
        "say", "tell", "add", "confirm", "announce", "state", "report", "claim", "note",
        "indicate", "suggest", "warn", "argue", "insist", "explain", "write", "believe",
        "think", "reckon", "expect", "hope", "fear", "acknowledge", "admit", "deny", "assert",
        "allege", "declare", "predict", "estimate", "reveal", "disclose", "signal", "stress",
        "emphasise", "emphasize", "conclude", "find", "show", "know", "hint", "agree",
        "recall", "observe", "remark", "reply", "respond", "contend", "maintain", "mention",
    }
)  # fmt: skip


def negated(verbs: Sequence[Token]) -> bool:
    """Any verb of the chain denied: "did not reach", "never met", "has yet to issue"."""
    for verb in verbs:
        for child in children(verb):
            dep = child.dep
            if dep == _NEG_ID or (dep == _ADVMOD_ID and child.lower in _NEGATION_WORD_IDS):
                return True
            # "has yet to issue": the event is still pending, i.e. it has not happened.
            if dep == _ADVMOD_ID and child.lower == _YET_ID and verb.lemma_ == "have":
                return True
    return False


def modality(verbs: Sequence[Token]) -> str:
    """The first modal of the chain as written ("may", "could", "will"), or "going to"."""
    for verb in verbs:
        for child in children(verb):
            if child.dep in _AUXILIARY_DEP_IDS and child.tag == _MODAL_TAG_ID:
                return _MODAL_SPELLINGS.get(child.lower_, child.lower_)
        if verb.lower == _GOING_ID and any(c.dep == _XCOMP_ID for c in children(verb)):
            return "going to"
    return ""


def condition(verbs: Sequence[Token]) -> str:
    """The text of an "if"/"unless" clause attached to a verb of the chain."""
    for verb in verbs:
        for child in children(verb):
            if child.dep != _ADVCL_ID:
                continue
            marks = [c for c in children(child) if c.dep == _MARK_ID]
            if marks and marks[0].lower in _CONDITION_MARK_IDS:
                return subtree_text(child)
    return ""


def time_expression(verbs: Sequence[Token]) -> str:
    """A time expression attached to the clause: a prepositional phrase or a bare noun phrase
    whose head is a DATE/TIME entity ("on November 10", "later this week", "in 1941")."""
    for verb in verbs:
        for child in children(verb):
            dep = child.dep
            if dep == _PREP_ID:
                if is_time_phrase(child):
                    return subtree_text(child)
            elif dep in _BARE_TIME_DEP_IDS and child.ent_type in _TIME_LABEL_IDS:
                return subtree_text(child)
    return ""


def is_time_phrase(prep: Token) -> bool:
    """Whether the preposition's (first) object is a DATE/TIME entity."""
    for child in children(prep):
        if child.dep == _POBJ_ID:
            return child.ent_type in _TIME_LABEL_IDS
    return False
