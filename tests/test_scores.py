"""A game's score ("24-17") is a mention of that game's result (kg/coref/mentions.py,
``_scores``): one node for the reports of one game, joined across documents only where they
name the same two teams (kg/crossdoc.py, ``games_of_scores``), never by the string alone.
Texts written for these tests, parsed by the real model."""

from __future__ import annotations

from conftest import corpus_mentions, mention_in, run_kg

# Two reports of one game, the Hawks against the Owls, and a third of another game of the Hawks
# that ended with the same score.
ONE_GAME = [
    "The Portland Hawks beat the Salem Owls 24-17 on Sunday. "
    "Jake Morrow threw two touchdown passes for the Hawks.",
    "Owls lose 24-17 to Hawks\n\nThe Salem Owls fell to the Portland Hawks on Sunday, and coach "
    "Ben Ruiz said the 24-17 defeat hurt.",
]
ANOTHER_GAME = (
    "The Portland Hawks won again on Monday, a 24-17 victory over the Tacoma Bears at home."
)
# Numbers joined by a dash that are no game's score: a record, a range of years, a phone
# number, an age range, a date and a range of pages.
NOT_SCORES = (
    "The Salem Owls improved to 9-5 after the game. The club was founded in 1990-95, and the "
    "hotline is 555-0199. Fans aged 18-24 paid less, and the 9-11 memorial opened on page 12-13."
)


def test_the_reports_of_one_game_give_its_score_one_node(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*ONE_GAME, ANOTHER_GAME])
    first = mention_in(records, "doc0", "24-17")
    headline = mention_in(records, "doc1", "24-17")
    said = [r for r in records if r["document"] == "doc1.txt" and r["text"] == "24-17"]
    assert len(said) == 2  # the title line's and the body's
    assert first["kind"] == "nominal"
    assert first["type"] == "Thing"  # a score is neither a person nor a place
    assert first["label"] == "24-17 (Portland Hawks \u2013 Salem Owls)"
    assert {r["node"] for r in said} == {first["node"]} == {headline["node"]}
    joined = [r for r in (first, *said) if r["sieve"]]
    assert joined, "one of the reports joins the other"
    assert all(r["sieve"] == "score_of_one_game" for r in joined)
    assert any(
        r["reason"].startswith(
            "'24-17' is the score of the game between 'Portland Hawks' and 'Salem Owls' that "
            "another document reports"
        )
        for r in joined
    )


def test_the_same_score_of_another_game_stays_apart(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*ONE_GAME, ANOTHER_GAME])
    game = mention_in(records, "doc0", "24-17")["node"]
    other = mention_in(records, "doc2", "24-17")
    # The Hawks played both games: one team shared is not the same game.
    assert other["node"] != game
    assert other["label"] == "24-17 (Portland Hawks \u2013 Tacoma Bears)"
    assert other["sieve"] == ""


def test_numbers_joined_by_a_dash_that_are_no_score_are_no_mention(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [NOT_SCORES])
    for text in ("9-5", "1990-95", "555-0199", "18-24", "9-11", "12-13"):
        assert not [r for r in records if r["text"] == text and r["type"] == "Thing"], text


def test_kg_explain_shows_why_a_report_joined_the_game(tmp_path) -> None:
    for i, text in enumerate(ONE_GAME):
        (tmp_path / f"{i}.txt").write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    built = run_kg("build", str(tmp_path / "0.txt"), str(tmp_path / "1.txt"), "-o", str(out))
    assert built.returncode == 0, built.stderr
    result = run_kg("explain", str(out), "24-17 (Portland Hawks \u2013 Salem Owls)")
    assert result.returncode == 0, result.stderr
    assert "type:     Thing" in result.stdout
    assert "merged because:" in result.stdout
    assert (
        "'24-17' is the score of the game between 'Portland Hawks' and 'Salem Owls' that "
        "another document reports" in result.stdout
    )
    assert "<- score_of_one_game: '24-17' is the score of the game" in result.stdout
