"""The CaRB metric on tiny gold/prediction sets whose scores are computed by hand."""

from __future__ import annotations

import pytest

from kg.extract.carb import CarbTuple, match, read_gold, score, sentence_key

S = "Alice met Bob with Carol , a friend ."
G1 = CarbTuple("met", ("Alice", "Bob with Carol"))
G2 = CarbTuple("is", ("Bob", "a friend"))


@pytest.mark.parametrize(
    ("gold", "pred", "expected"),
    [
        # Exact match.
        (G1, CarbTuple("met", ("Alice", "Bob with Carol")), (1.0, 1.0)),
        # 3 predicted tokens, all in the gold; 3 of the gold's 5 tokens covered.
        (G1, CarbTuple("met", ("Alice", "Bob")), (1.0, 0.6)),
        # "be" matches any form of "be" in the gold relation.
        (G2, CarbTuple("be", ("Bob", "friend")), (1.0, 0.75)),
        # The relation must share a token.
        (G1, CarbTuple("saw", ("Alice", "Bob with Carol")), (0.0, 0.0)),
        # A prediction with one argument scores nothing.
        (G1, CarbTuple("met", ("Alice",)), (0.0, 0.0)),
        # Extra arguments are joined: "Bob" + "with Carol" is "Bob with Carol".
        (G1, CarbTuple("met", ("Alice", "Bob", "with Carol")), (1.0, 1.0)),
        # Tokens are case-sensitive: "alice" is not "Alice" (precision 2/3, recall 2/5).
        (G1, CarbTuple("met", ("alice", "Bob")), (2 / 3, 2 / 5)),
        # For "said"-type gold relations, the arguments may come in either order.
        (
            CarbTuple("said", ("the president", "the economy is strong")),
            CarbTuple("said", ("the economy is strong", "the president")),
            (1.0, 1.0),
        ),
    ],
)
def test_match(gold, pred, expected):
    assert match(gold, pred) == pytest.approx(expected)


def test_score_by_hand():
    gold = {S: [G1, G2]}
    predicted = {
        "Alice met Bob with Carol, a friend.": [  # same sentence, other spacing/punctuation
            CarbTuple("met", ("Alice", "Bob"), 0.9),  # G1: (1, 0.6)
            CarbTuple("be", ("Bob", "friend"), 0.5),  # G2: (1, 0.75)
            CarbTuple("saw", ("Carol",), 0.5),  # nothing
        ]
    }
    result = score(gold, predicted)
    # Threshold 0.9: P = 1/1, R = (0.6 + 0) / 2 = 0.3, F1 = 0.4615.
    # Threshold 0.5: P = (1 + 1 + 0) / 3, R = (0.6 + 0.75) / 2 = 0.675, F1 = 0.6708 (best).
    assert result.threshold == 0.5
    assert result.precision == pytest.approx(2 / 3)
    assert result.recall == pytest.approx(0.675)
    assert result.f1 == pytest.approx(2 * (2 / 3) * 0.675 / (2 / 3 + 0.675))
    # PR points (0.675, 2/3), (0.3, 1), (0, 1): 0.375 * (2/3 + 1) / 2 + 0.3 * 1 = 0.6125.
    assert result.auc == pytest.approx(0.6125)


def test_one_to_one_precision_and_unmatched_gold():
    gold = {S: [G1], "Carol left .": [CarbTuple("left", ("Carol", "early"))]}
    same = CarbTuple("met", ("Alice", "Bob with Carol"), 1.0)
    # Two copies of one prediction: only one may match G1, the other scores 0 -> P = 1/2.
    # The second sentence has no prediction: its gold tuple counts in recall -> R = 1/2.
    result = score(gold, {S: [same, same]})
    assert result.precision == pytest.approx(0.5)
    assert result.recall == pytest.approx(0.5)


def test_sentence_key_and_reader():
    assert sentence_key("Pittsburgh 's mayor -LRB- D -RRB- .") == sentence_key(
        "Pittsburghs mayor (D)"
    )
    gold = read_gold([f"{S}\tmet\tAlice\tBob with Carol\n", f"{S}\tis\tBob\ta friend\n"])
    assert gold == {S: [G1, G2]}


def test_context_arguments_are_dropped_as_the_reference_does():
    """The reference GoldReader skips every gold argument holding "C: " (CaRB's context)."""
    line = f"{S}\tmet\tAlice\tBob\tC: Carol said that\n"
    assert read_gold([line]) == {S: [CarbTuple("met", ("Alice", "Bob"))]}
    # Scored without the context, an exact prediction has full recall.
    result = score(read_gold([line]), {S: [CarbTuple("met", ("Alice", "Bob"), 1.0)]})
    assert (result.precision, result.recall) == (1.0, 1.0)
