"""kg's CaRB scorer against the reference scorer, on published data (issue #19, item 4).

tests/data/carb/ holds CaRB's published OpenIE-5 output on the dev sentences, the dev gold, and
the curve CaRB's reference scorer (dair-iitd/CaRB ``carb.py``) writes for those two files; the
NOTICE there says where each comes from. CaRB publishes no dev curve of its own: its
``dump/*.dat`` are test-split curves, kept aside here like the rest of the test split.

The reader below does what the reference's ``OpenieFiveReader`` does, so kg's scorer is given
the very tuples the reference scored; the test then asks for the same curve, point by point.
"""

from __future__ import annotations

import gzip
from collections.abc import Iterable
from pathlib import Path

import pytest

from kg.extract.carb import CarbTuple, CurvePoint, pr_curve, read_gold, score, sentence_key

DATA = Path(__file__).parent / "data" / "carb"
SYSTEM_OUTPUT = DATA / "openie5_dev_output.txt.gz"
GOLD = DATA / "dev_gold.tsv.gz"
REFERENCE_CURVE = DATA / "openie5_dev_reference_curve.tsv"

# What carb.py printed for these files:
# "AUC: 0.24  Optimal (precision, recall, F1): [0.526 0.406 0.458]".
REFERENCE_AUC = 0.240
REFERENCE_OPTIMAL = (0.526, 0.406, 0.458)


def _inside(element: str) -> str:
    """The text of an OpenIE-5 element: ``SimpleArgument(the text,List([0, 8)))`` is "the text"."""
    return element[element.index("(") + 1 : element.index(",List(")]


def read_openie5(
    lines: Iterable[str], context_as_prefix: bool = True
) -> dict[str, list[CarbTuple]]:
    """OpenIE-5's native output as CaRB's ``OpenieFiveReader`` reads it.

    A line is ``confidence, context, arg1, relation, args ("; "-separated), sentence``. Lines
    without arg1, relation or args are skipped; a context ("Context(he said,...)") is prefixed
    to arg1 unless arg1 and the relation already start with it; the sentence key is the raw text.
    With ``context_as_prefix=False`` the context becomes an argument of its own instead (a wrong
    reading, used to show that the test notices one).
    """
    predicted: dict[str, list[CarbTuple]] = {}
    for line in lines:
        data = line.strip().split("\t")
        if not all(data[2:5]):
            continue
        arg1, relation = _inside(data[2]), _inside(data[3])
        args = [_inside(s) for s in data[4].strip().split(");")]
        if data[1] and not (arg1 + " " + relation).startswith(_inside(data[1])):
            if context_as_prefix:
                arg1 = _inside(data[1]) + " " + arg1
            else:
                args.append(_inside(data[1]))
        predicted.setdefault(data[5], []).append(CarbTuple(relation, (arg1, *args), float(data[0])))
    return predicted


def _lines(path: Path) -> list[str]:
    with gzip.open(path, "rt", encoding="utf-8") as f:
        return f.read().splitlines(keepends=True)


def _reference_curve() -> dict[float, tuple[float, float]]:
    rows = REFERENCE_CURVE.read_text(encoding="utf-8").splitlines()
    assert rows[0].split("\t") == ["Precision", "Recall", "Confidence"]
    curve = {}
    for row in rows[1:]:
        precision, recall, threshold = (float(x) for x in row.split("\t"))
        curve[threshold] = (precision, recall)
    assert len(curve) == len(rows) - 1  # one row per distinct confidence
    return curve


@pytest.fixture(scope="module")
def predicted() -> dict[str, list[CarbTuple]]:
    return read_openie5(_lines(SYSTEM_OUTPUT))


@pytest.fixture(scope="module")
def gold() -> dict[str, list[CarbTuple]]:
    return read_gold(_lines(GOLD))


@pytest.fixture(scope="module")
def reference() -> dict[float, tuple[float, float]]:
    return _reference_curve()


def _max_difference(points: list[CurvePoint], reference: dict[float, tuple[float, float]]) -> float:
    """The largest precision or recall difference; infinite if the thresholds differ."""
    if {pt.threshold for pt in points} != set(reference):
        return float("inf")
    return max(
        max(
            abs(pt.precision - reference[pt.threshold][0]),
            abs(pt.recall - reference[pt.threshold][1]),
        )
        for pt in points
    )


def test_the_data_is_the_published_data(predicted, gold):
    text = "".join(_lines(SYSTEM_OUTPUT))
    assert (len(text), text.count("\n")) == (592918, 1659)
    assert sum(len(v) for v in predicted.values()) == 1579  # lines with arg1, relation, args
    assert len(_lines(GOLD)) == 2548
    assert sum(len(v) for v in gold.values()) == 2548
    # The reference keys predictions by raw sentence text and keeps the last of two spellings
    # that normalise alike, where kg merges them: on this file there is no such pair, so both
    # score the same tuples.
    keys = [sentence_key(sentence) for sentence in predicted]
    assert len(keys) == len(set(keys)) == 556


def test_kg_reproduces_the_reference_curve_point_by_point(predicted, gold, reference):
    points = pr_curve(gold, predicted)
    assert len(points) == len(reference) == 676
    assert [pt.threshold for pt in points] == sorted(reference)
    for pt in points:
        assert (pt.precision, pt.recall) == pytest.approx(reference[pt.threshold], abs=1e-12), pt
    assert _max_difference(points, reference) <= 1e-12


def test_kg_reproduces_the_reference_auc_and_best_f1(predicted, gold, reference):
    result = score(gold, predicted)
    # The reference's AUC: trapezoids under the curve in threshold order, with (recall 0,
    # precision 1) added (sklearn.metrics.auc); its optimum: the first point of highest F1.
    ordered = [reference[t] for t in sorted(reference)]
    recalls = [r for _, r in ordered] + [0.0]
    precisions = [p for p, _ in ordered] + [1.0]
    auc = sum(
        (recalls[k - 1] - recalls[k]) * (precisions[k] + precisions[k - 1]) / 2
        for k in range(1, len(recalls))
    )
    f1s = [2 * p * r / (p + r) if p + r else 0.0 for p, r in ordered]
    best = f1s.index(max(f1s))
    assert result.auc == pytest.approx(auc, abs=1e-12)
    assert result.f1 == pytest.approx(f1s[best], abs=1e-12)
    assert (result.precision, result.recall) == pytest.approx(ordered[best], abs=1e-12)
    assert result.threshold == sorted(reference)[best]
    # And what carb.py printed, at its rounding.
    assert round(result.auc, 3) == REFERENCE_AUC
    assert tuple(round(x, 3) for x in (result.precision, result.recall, result.f1)) == (
        REFERENCE_OPTIMAL
    )


def _relation_of_the_top_prediction_changed(predicted, gold):
    top = max((t.confidence, s, i) for s, ts in predicted.items() for i, t in enumerate(ts))
    _, sentence, i = top
    changed = {s: list(ts) for s, ts in predicted.items()}
    t = changed[sentence][i]
    changed[sentence][i] = CarbTuple("xyzzy", t.args, t.confidence)
    return changed, gold


def _one_prediction_dropped(predicted, gold):
    sentence = next(iter(predicted))
    return {**predicted, sentence: predicted[sentence][1:]}, gold


def _context_read_as_an_argument(predicted, gold):
    return read_openie5(_lines(SYSTEM_OUTPUT), context_as_prefix=False), gold


def _gold_context_arguments_kept(predicted, gold):
    # The reference's GoldReader drops every gold argument holding "C: "; keep them instead.
    kept: dict[str, list[CarbTuple]] = {}
    for line in _lines(GOLD):
        sentence, relation, *args = line.rstrip("\n").split("\t")
        kept.setdefault(sentence.strip(), []).append(
            CarbTuple(relation.strip(), tuple(a.strip() for a in args))
        )
    return predicted, kept


@pytest.mark.parametrize(
    "perturb",
    [
        _relation_of_the_top_prediction_changed,
        _one_prediction_dropped,
        _context_read_as_an_argument,
        _gold_context_arguments_kept,
    ],
)
def test_a_perturbed_input_no_longer_matches_the_reference(perturb, predicted, gold, reference):
    """The comparison is discriminating: one changed prediction, or a reader that handles the
    context differently from the reference, moves the curve away from the reference's."""
    points = pr_curve(*perturb(predicted, gold))
    assert _max_difference(points, reference) > 1e-6
