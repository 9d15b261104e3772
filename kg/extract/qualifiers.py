"""Qualifiers of a clause: negation, modality, condition, time and attribution.

Each reads the dependents of the clause's verbs (the matrix verb and the verbs of its control
chain), so "Trump has threatened to impose tariffs ... if Beijing proceeds" gives the fact the
condition attached to "impose".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Token

from kg.extract.tokens import children, span_text, strip_edges, subtree

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
            dep = child.dep_
            if dep == "neg" or (dep == "advmod" and child.lower_ in _NEGATION_WORDS):
                return True
            # "has yet to issue": the event is still pending, i.e. it has not happened.
            if dep == "advmod" and child.lower_ == "yet" and verb.lemma_ == "have":
                return True
    return False


def modality(verbs: Sequence[Token]) -> str:
    """The first modal of the chain as written ("may", "could", "will"), or "going to"."""
    for verb in verbs:
        for child in children(verb):
            if child.dep_ in ("aux", "auxpass") and child.tag_ == "MD":
                return _MODAL_SPELLINGS.get(child.lower_, child.lower_)
        if verb.lower_ == "going" and any(c.dep_ == "xcomp" for c in children(verb)):
            return "going to"
    return ""


def condition(verbs: Sequence[Token]) -> str:
    """The text of an "if"/"unless" clause attached to a verb of the chain."""
    for verb in verbs:
        for child in children(verb):
            if child.dep_ != "advcl":
                continue
            marks = [c for c in children(child) if c.dep_ == "mark"]
            if marks and marks[0].lower_ in CONDITION_MARKS:
                return _text(subtree(child))
    return ""


def time_expression(verbs: Sequence[Token]) -> str:
    """A time expression attached to the clause: a prepositional phrase or a bare noun phrase
    whose head is a DATE/TIME entity ("on November 10", "later this week", "in 1941")."""
    for verb in verbs:
        for child in children(verb):
            dep = child.dep_
            if dep == "prep":
                if is_time_phrase(child):
                    return _text(subtree(child))
            elif dep in ("npadvmod", "advmod", "tmod") and child.ent_type_ in TIME_LABELS:
                return _text(subtree(child))
    return ""


def is_time_phrase(prep: Token) -> bool:
    objects = [c for c in children(prep) if c.dep_ == "pobj"]
    return bool(objects) and objects[0].ent_type_ in TIME_LABELS


def _text(tokens: list[Token]) -> str:
    return span_text(strip_edges(tokens))
