"""CaRB: the tabbed output form of extractions and the benchmark's metric.

The metric follows the reference scorer (dair-iitd/CaRB, ``carb.py`` and ``matcher.py``, whose
default matching function is ``binary_linient_tuple_match``):

- sentences are keyed by their text without spaces and ASCII punctuation;
- a gold and a predicted tuple are compared on whitespace tokens (case-sensitive), relation
  first: it must share a token (a predicted "be" also matches any form of "be" in the gold
  relation), else the pair scores (0, 0); then arg1 against arg1 and the remaining arguments
  joined against the gold's remaining arguments joined; each gold token found in the
  prediction counts once. A prediction with fewer than two arguments scores (0, 0) against a
  gold tuple with two or more. For "said"-type gold relations the prediction's arguments are
  also tried in reverse order and the better match kept;
- precision of a prediction = matched tokens / its tokens, recall of a gold tuple = matched
  tokens / its tokens;
- at each threshold (every distinct confidence), per sentence: the predictions at or above it
  are matched one-to-one to gold tuples greedily by best precision (unmatched predictions count
  0), and each gold tuple takes the best recall over those predictions;
- the F1 reported is the best over thresholds; AUC is the trapezoidal area under the
  precision-recall curve with the point (recall 0, precision 1) added.

The gold reader drops every gold argument holding "C: ", CaRB's context arguments ("C: Kasim
Mehaddi Hilas said that"), as the reference's ``GoldReader`` does (102 such arguments on dev).

Checked against the reference: ``tests/test_carb_golden.py`` scores CaRB's published OpenIE-5
output on the dev split and compares every point of :func:`pr_curve` with the curve the
reference scorer writes for the same files: all 676 points are equal, so is the best F1, and the
AUC agrees to 1e-12 (its trapezoids are summed in another order). What the reference code does
and this module does not, none of which changes a score there: its ``ignoreStopwords`` and
``ignoreCase`` flags are passed but unused by the tuple matchers, so tokens are compared as
written here too; it keys predictions by their raw sentence text before normalising it, so of two
spellings of one sentence only the last one's predictions count, where kg counts both (a system
writes each sentence one way: the OpenIE-5 output has no such pair); its gold reader fails on a
line with fewer than two fields, which kg skips.
"""

from __future__ import annotations

import re
import string
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from kg.types import Extraction, Triple

__all__ = [
    "carb_rows",
    "carb_row",
    "CarbTuple",
    "CarbScore",
    "CurvePoint",
    "match",
    "pr_curve",
    "score",
    "sentence_key",
]


# --- output -----------------------------------------------------------------------------------


def carb_row(triple: Triple) -> list[str]:
    """``[confidence, relation, arg1, arg2, ...]`` for one triple.

    The relation is the verb group as written, with auxiliaries, negation, the control chain
    and the preposition of a prepositional object ("has threatened to impose", "met with"), as
    CaRB's gold puts them there; further prepositional phrases follow as arg3, arg4 ...
    """
    return [
        f"{triple.confidence:.4f}",
        triple.relation_text or triple.relation,
        triple.subject.text,
        triple.object.text,
        *triple.extra_arguments,
    ]


def carb_rows(extraction: Extraction) -> list[list[str]]:
    """One CaRB row per triple, in the order of the triples, then one per role.

    CaRB's gold states titles as "is" facts ("Bush | is | President"); kg keeps them as
    Roles, so each role not already stated by a triple is written as such a row.
    """
    rows = [carb_row(t) for t in extraction.triples]
    stated = {(r[2], r[3]) for r in rows if r[1] == "is"}
    for role in extraction.roles:
        if (role.holder.text, role.title) not in stated:
            stated.add((role.holder.text, role.title))
            rows.append([f"{_ROLE_CONFIDENCE:.4f}", "is", role.holder.text, role.title])
    return rows


# Roles read from a title before a name are reliable but CaRB's gold states only some of them.
_ROLE_CONFIDENCE = 0.6


# --- metric -----------------------------------------------------------------------------------

_PUNCT = re.compile(f"[{re.escape(string.punctuation)}]")

# The bracket escapes of the Penn Treebank, undone before a sentence is keyed (as CaRB does).
_PTB_ESCAPES = (
    ("(", "-LRB-"), (")", "-RRB-"), ("[", "-LSB-"), ("]", "-RSB-"), ("{", "-LCB-"), ("}", "-RCB-"),
)  # fmt: skip

_FORMS_OF_BE = ("be", "is", "am", "are", "was", "were", "been", "being")

# Gold relations whose arguments may be written in either order ("X said Y" / "Y, X said").
_SAID_TYPE = ("said", "told", "added", "adds", "says")


@dataclass(frozen=True)
class CarbTuple:
    relation: str
    args: tuple[str, ...]
    confidence: float = 1.0


@dataclass(frozen=True)
class CurvePoint:
    """One point of the precision-recall curve: the predictions at or above ``threshold``."""

    threshold: float
    precision: float
    recall: float


@dataclass(frozen=True)
class CarbScore:
    precision: float
    recall: float
    f1: float
    auc: float
    threshold: float  # the confidence at which the best F1 is reached


def sentence_key(sentence: str) -> str:
    """CaRB's sentence key: no spaces, PTB brackets unescaped, no ASCII punctuation."""
    s = sentence.replace(" ", "")
    for raw, escaped in _PTB_ESCAPES:
        s = s.replace(escaped, raw)
    return _PUNCT.sub("", s)


def _count_matches(gold_words: list[str], predicted_words: list[str]) -> int:
    remaining = list(predicted_words)
    n = 0
    for w in gold_words:
        if w in remaining:
            n += 1
            remaining.remove(w)
    return n


def _lenient(gold: CarbTuple, pred: CarbTuple) -> tuple[float, float]:
    """``linient_tuple_match`` on tuples already reduced to two arguments."""
    pred_words = pred.relation.split()
    gold_words = gold.relation.split()
    p_num, p_den = 0, len(pred_words)
    r_num, r_den = 0, len(gold_words)
    remaining = list(pred_words)
    matched = 0
    for w in gold_words:
        if w in remaining:
            matched += 1
            remaining.remove(w)
    if "be" in remaining and any(form in gold_words for form in _FORMS_OF_BE):
        matched += 1
        remaining.remove("be")
    if matched == 0:
        return 0.0, 0.0
    p_num += matched
    r_num += matched
    for i, gold_arg in enumerate(gold.args):
        g = gold_arg.split()
        r_den += len(g)
        if len(pred.args) <= i:
            if i < 2:
                return 0.0, 0.0
            continue
        p = pred.args[i].split()
        p_den += len(p)
        m = _count_matches(g, p)
        p_num += m
        r_num += m
    return (p_num / p_den if p_den else 0.0), (r_num / r_den if r_den else 0.0)


def _binary(t: CarbTuple, reverse: bool = False) -> CarbTuple:
    if len(t.args) < 2:
        return t
    args = (" ".join(t.args[1:]), t.args[0]) if reverse else (t.args[0], " ".join(t.args[1:]))
    return CarbTuple(t.relation, args, t.confidence)


def match(gold: CarbTuple, pred: CarbTuple) -> tuple[float, float]:
    """(precision, recall) of ``pred`` against ``gold``: ``binary_linient_tuple_match``."""
    g = _binary(gold)
    straight = _lenient(g, _binary(pred))
    if not any(verb in gold.relation for verb in _SAID_TYPE):
        return straight
    reverse = _lenient(g, _binary(pred, reverse=True))
    return max(straight, reverse)


def pr_curve(
    gold: dict[str, Sequence[CarbTuple]], predicted: dict[str, Sequence[CarbTuple]]
) -> list[CurvePoint]:
    """CaRB's precision-recall curve: one point per distinct confidence, in ascending order.

    The reference scorer writes the same points (its ``compare``), sorted by recall.
    """
    gold_n = {sentence_key(k): list(v) for k, v in gold.items()}
    pred_n: dict[str, list[CarbTuple]] = defaultdict(list)
    for k, v in predicted.items():
        pred_n[sentence_key(k)].extend(v)

    thresholds = sorted({t.confidence for v in pred_n.values() for t in v})
    n = len(thresholds)
    position = {c: i for i, c in enumerate(thresholds)}
    p = [0.0] * n
    pl = [0] * n
    r = [0.0] * n
    rl = [0] * n

    for key, gold_tuples in gold_n.items():
        preds = pred_n.get(key, [])
        scores = [[match(g, e) for e in preds] for g in gold_tuples]
        prev = 0
        for conf in sorted({e.confidence for e in preds}):
            c = position[conf]
            selected = [j for j, e in enumerate(preds) if e.confidence >= conf]
            recall_num = sum(max((row[j][1] for j in selected), default=0.0) for row in scores)
            precision_num = _greedy_precision(scores, selected)
            for i in range(prev, c + 1):
                p[i] += precision_num
                pl[i] += len(selected)
                r[i] += recall_num
                rl[i] += len(scores)
            prev = c + 1
        for i in range(prev, n):
            rl[i] += len(scores)

    return [
        CurvePoint(t, p_num / p_den if p_den > 0 else 1.0, r_num / r_den if r_den > 0 else 0.0)
        for t, p_num, p_den, r_num, r_den in zip(thresholds, p, pl, r, rl, strict=True)
    ]


def score(
    gold: dict[str, Sequence[CarbTuple]], predicted: dict[str, Sequence[CarbTuple]]
) -> CarbScore:
    """CaRB's P/R/F1 at the best threshold and its AUC; both dicts keyed by sentence text."""
    points = pr_curve(gold, predicted)
    if not points:
        return CarbScore(0.0, 0.0, 0.0, 0.0, 0.0)
    precisions = [pt.precision for pt in points]
    recalls = [pt.recall for pt in points]
    f1s = [_f1(a, b) for a, b in zip(precisions, recalls, strict=True)]
    best = max(range(len(points)), key=lambda i: (f1s[i], -i))
    auc = _trapezoid([*recalls, 0.0], [*precisions, 1.0])
    return CarbScore(precisions[best], recalls[best], f1s[best], auc, points[best].threshold)


def _greedy_precision(scores: list[list[tuple[float, float]]], selected: list[int]) -> float:
    """Match predictions to gold tuples one-to-one, best precision first (CaRB's global match)."""
    used_rows: set[int] = set()
    used_cols: set[int] = set()
    total = 0.0
    for _ in range(min(len(scores), len(selected))):
        best, best_i, best_j = -1.0, -1, -1
        for i, row in enumerate(scores):
            if i in used_rows:
                continue
            for j in selected:
                if j not in used_cols and row[j][0] > best:
                    best, best_i, best_j = row[j][0], i, j
        used_rows.add(best_i)
        used_cols.add(best_j)
        total += best
    return total


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def _trapezoid(x: Sequence[float], y: Sequence[float]) -> float:
    """Area under y(x) for x monotonic (as sklearn.metrics.auc computes it)."""
    area = 0.0
    for k in range(1, len(x)):
        area += (x[k] - x[k - 1]) * (y[k] + y[k - 1]) / 2
    return abs(area)


def read_gold(lines: Iterable[str]) -> dict[str, list[CarbTuple]]:
    """CaRB gold: ``sentence<TAB>relation<TAB>arg1<TAB>arg2...`` per line."""
    gold: dict[str, list[CarbTuple]] = defaultdict(list)
    for line in lines:
        fields = line.strip().split("\t")
        if len(fields) < 2:
            continue
        sentence, relation, *args = fields
        # Context arguments ("C: X said that") are not part of the tuple the reference scores.
        kept = tuple(a.strip() for a in args if _CONTEXT_MARK not in a)
        gold[sentence.strip()].append(CarbTuple(relation.strip(), kept))
    return dict(gold)


# What marks a context argument in CaRB's gold, as the reference's GoldReader tests for it.
_CONTEXT_MARK = "C: "
