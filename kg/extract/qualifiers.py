"""Qualifiers of a clause: negation, modality, condition, time and attribution.

Each reads the dependents of the clause's verbs (the matrix verb and the verbs of its control
chain), so "Trump has threatened to impose tariffs ... if Beijing proceeds" gives the fact the
condition attached to "impose".
"""

from __future__ import annotations

from collections.abc import Sequence

from spacy.strings import get_string_id
from spacy.tokens import Token

from kg.extract.tokens import children, doc_cache, string_ids, subtree_text
from kg.labels import TIME_LABELS

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

# Adverbs that hedge a fact as a modal verb does: "the man allegedly shot his wife" reports an
# allegation, not a fact. The modality is the adverb when the clause has no modal verb.
HEDGE_ADVERBS = frozenset(
    {
        "allegedly", "reportedly", "apparently", "possibly", "probably", "perhaps", "maybe",
        "supposedly", "purportedly", "presumably", "seemingly", "likely",
    }
)  # fmt: skip

# Subordinators that make an adverbial clause a condition on the main clause.
CONDITION_MARKS = frozenset({"if", "unless", "provided", "providing", "whether"})

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
_TIME_OBJECT_DEP_IDS = string_ids(("pobj", "npadvmod"))
_YET_ID = get_string_id("yet")
_HEDGE_ADVERB_IDS = string_ids(HEDGE_ADVERBS)
_LONGER_ID = get_string_id("longer")
_NO_ID = get_string_id("no")
_GOING_ID = get_string_id("going")
# The dependencies of the children chain_qualifiers reads: it skips the others at once.
_QUALIFIER_DEP_IDS = frozenset(
    {_NEG_ID, _XCOMP_ID, _ADVCL_ID, _PREP_ID, *_AUXILIARY_DEP_IDS, *_BARE_TIME_DEP_IDS}
)

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


# Verbs that report speech: their subject speaks the quotation beside them (kg.coref), and
# only someone who can speak is their subject (kg.extract.subjects).
SPEECH_VERBS = frozenset(
    {
        "say", "tell", "add", "state", "announce", "write", "tweet", "explain", "note",
        "claim", "insist", "reply", "ask", "declare", "confirm", "comment", "post", "testify",
    }
)  # fmt: skip

# Reporting verbs whose subject states that their complement is false: "Smith denied that he
# took the money" reports the fact "he took the money", denied.
DENYING_VERBS = frozenset({"deny"})

# Verbs of opinion that take a negation down into their complement ("neg-raising"): "he didn't
# think the team was heading in the right direction" says that he thinks it was not, not that
# whether it was is an open question.
NEG_RAISING_VERBS = frozenset({"think", "believe", "expect", "suppose", "imagine", "reckon"})

# Implicative verbs: whether their infinitive's event happened follows from them. "Declined to
# provide the value" says that the value was not provided, "managed to escape" that someone
# escaped: the fact is the infinitive's event (kg.extract.clauses), denied after a negative one.
# (An intention, "tried to", "wants to", says nothing of it: its relation is the chain, "try
# to storm".)
NEGATIVE_IMPLICATIVE_VERBS = frozenset({"refuse", "decline", "fail", "neglect"})
# "continued to keep the name a secret", "began to fall": an aspect of the event, which happens.
ASPECTUAL_VERBS = frozenset({"continue", "begin", "start"})
IMPLICATIVE_VERBS = frozenset({*NEGATIVE_IMPLICATIVE_VERBS, *ASPECTUAL_VERBS, "manage"})

# Factive reporting verbs: their complement is taken as true even when they are denied ("did not
# know that the plant had closed": it had), unlike "did not say that ...", which leaves it open.
FACTIVE_VERBS = frozenset(
    {"know", "reveal", "acknowledge", "admit", "find", "show", "recall", "note", "disclose"}
)


def chain_qualifiers(verbs: Sequence[Token]) -> tuple[bool, str, str, str]:
    """(negated, modality, condition, time) of a verb chain, read in one pass over each verb's
    children (a clause asks all four; a pass each cost four times the reads):

    - negated: any verb of the chain denied: "did not reach", "never met", "has yet to issue";
    - modality: the first modal of the chain as written ("may", "could", "will"), or "going to",
      else a hedging adverb ("allegedly", "reportedly");
    - condition: the text of the first "if"/"unless" clause attached to a verb of the chain;
    - time: the first time expression attached to the clause: a prepositional phrase or a bare
      noun phrase whose head is a DATE/TIME entity ("on November 10", "later this week").

    "" or False for what the chain does not have."""
    cache = doc_cache(verbs[0].doc)
    tokens, kids, deps = cache.tokens, cache.child_indices, cache.dep  # by token index
    negated = False
    modality = condition = time = hedge = ""
    for verb in verbs:
        has_xcomp = False
        for i in kids[verb.i]:
            dep = deps[i]
            if dep not in _QUALIFIER_DEP_IDS:
                continue  # most children: subjects, objects, punctuation
            if dep == _NEG_ID:
                negated = True
            elif dep in _AUXILIARY_DEP_IDS:
                if not modality and tokens[i].tag == _MODAL_TAG_ID:
                    spelled = tokens[i].lower_
                    modality = _MODAL_SPELLINGS.get(spelled, spelled)
            elif dep == _XCOMP_ID:
                has_xcomp = True
            elif dep == _ADVCL_ID:
                if not condition and _is_condition(tokens[i]):
                    condition = subtree_text(tokens[i])
            elif dep == _PREP_ID and not time and is_time_phrase(tokens[i]):
                time = subtree_text(tokens[i])
            if dep in _BARE_TIME_DEP_IDS:  # advmod among them: a negator or a time ("later")
                child = tokens[i]
                if dep == _ADVMOD_ID:
                    lower = child.lower
                    if (
                        lower in _NEGATION_WORD_IDS
                        # "has yet to issue": the event is still pending: it has not happened.
                        or (lower == _YET_ID and verb.lemma_ == "have")
                        # "no longer works there": it did, and does not now.
                        or (lower == _LONGER_ID and any(g.lower == _NO_ID for g in children(child)))
                    ):
                        negated = True
                    elif not hedge and lower in _HEDGE_ADVERB_IDS:
                        hedge = child.lower_
                if not time and child.ent_type in _TIME_LABEL_IDS:
                    time = subtree_text(child)
        if not modality and has_xcomp and verb.lower == _GOING_ID:
            modality = "going to"
    return negated, modality or hedge, condition, time


def _is_condition(clause: Token) -> bool:
    """Whether an adverbial clause's (first) subordinator makes it a condition ("if", "unless")."""
    for child in children(clause):
        if child.dep == _MARK_ID:
            return child.lower in _CONDITION_MARK_IDS
    return False


def is_time_phrase(prep: Token) -> bool:
    """Whether the preposition's (first) object is a DATE/TIME entity: "on November 10", and
    "starting November 1", where the parser takes "starting" for a preposition whose date is a
    bare noun phrase (npadvmod)."""
    for child in children(prep):
        if child.dep in _TIME_OBJECT_DEP_IDS:
            return child.ent_type in _TIME_LABEL_IDS
    return False
