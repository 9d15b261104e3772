"""Text structure and the mentions contract (`kg extract --format mentions`), on texts written for
them, through the real CLI and the trained pipeline."""

from __future__ import annotations

import json

from conftest import run_kg

from kg.store import load_dataset, oxigraph_store
from kg.structure import headline_sentences, paragraph_breaks
from kg.vocab import sparql_prologue

ARTICLE = (
    "Lindsay Lohan Checks Into Betty Ford Clinic After Court Order\n"
    "May 3, 2013\n"
    "Lindsay Lohan has checked into the Betty Ford Clinic in California, her lawyer said on\n"
    "Friday. The actress was ordered by a judge to spend 90 days in rehab.\n"
    "\n"
    "She had skipped an earlier placement. Lohan's lawyer, Mark Heller, asked for more time.\n"
)


def test_paragraph_breaks_end_sentences_but_not_inside_a_wrapped_line():
    breaks = paragraph_breaks(ARTICLE)
    assert ARTICLE.index("May 3") in breaks  # after the headline
    assert ARTICLE.index("Lindsay Lohan has") in breaks  # after the dateline
    assert ARTICLE.index("She had") in breaks  # after a blank line
    # "... her lawyer said on\nFriday." is one sentence wrapped over two lines.
    assert ARTICLE.index("Friday.") not in breaks


def test_only_the_title_line_is_a_headline():
    lines, start = [], 0
    for index, line in enumerate(ARTICLE.split("\n")):
        lines.append((index, start, start + len(line)))
        start += len(line) + 1
    assert headline_sentences(ARTICLE, lines) == frozenset({0})


def _mentions(tmp_path, files: dict[str, str]) -> list[dict]:
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_kg("extract", str(tmp_path), "--format", "mentions")
    assert result.returncode == 0, result.stderr
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_mentions_contract_on_an_article(tmp_path):
    records = _mentions(tmp_path, {"lohan.txt": ARTICLE})
    assert set(records[0]) == {
        "document",
        "start",
        "end",
        "text",
        "kind",
        "node",
        "type",
        "label",
        "sieve",
        "reason",
    }
    for record in records:
        assert ARTICLE[record["start"] : record["end"]] == record["text"]
        assert record["kind"] in {"name", "nominal", "pronoun", "time"}
    by_text: dict[str, list[dict]] = {}
    for record in records:
        by_text.setdefault(record["text"], []).append(record)
    lohan = by_text["Lindsay Lohan"][0]["node"]
    assert lohan.endswith("/Lindsay_Lohan")
    # The headline names Lohan as the body does, and its capitals mint nothing else.
    assert by_text["Lindsay Lohan"][0]["start"] == 0
    assert not [r for r in records if "Checks" in r["text"] or "Court Order" in r["text"]]
    # Descriptions and pronouns reach the person, each saying which sieve linked it.
    assert by_text["actress"][0]["node"] == lohan
    assert by_text["actress"][0]["sieve"] == "description"
    assert by_text["She"][0]["node"] == lohan
    assert by_text["Lohan"][0]["node"] == lohan
    # Her lawyer is not her: he is Mark Heller.
    (lawyer,) = by_text["Lohan's lawyer"]
    assert lawyer["node"] != lohan
    assert lawyer["node"] == by_text["Mark Heller"][0]["node"]


def test_undescribed_nominals_are_nodes_of_their_own_document(tmp_path):
    records = _mentions(
        tmp_path,
        {
            "a.txt": "A man was arrested in Detroit on Monday.\n",
            "b.txt": "A man was arrested in Chicago on Tuesday.\n",
        },
    )
    men = [r for r in records if r["text"] == "man"]
    assert len(men) == 2
    assert men[0]["node"] != men[1]["node"]  # no corpus-wide "man"
    assert all(r["type"] == "Nominal" and "/entity/nominal/" in r["node"] for r in men)


def test_the_graph_records_mentions_and_shares_only_head_concepts(tmp_path):
    source = tmp_path / "in"
    source.mkdir()
    (source / "a.txt").write_text("A man praised the new tariffs in Detroit.\n", encoding="utf-8")
    (source / "b.txt").write_text("A man opposed the tariffs in Chicago.\n", encoding="utf-8")
    out = tmp_path / "out"
    result = run_kg("build", str(source), "-o", str(out), "--no-view")
    assert result.returncode == 0, result.stderr
    store = oxigraph_store(load_dataset(out))

    def rows(query: str) -> list:
        return list(store.query(sparql_prologue() + query, use_default_graph_as_union=True))

    shared = rows(
        """SELECT ?n WHERE { GRAPH ?g { ?n a kg:Nominal } GRAPH ?h { ?n a kg:Nominal }
           FILTER(?g != ?h) }"""
    )
    assert shared == []
    concepts = rows("""SELECT DISTINCT ?n WHERE { ?n kg:concept ?c . ?c rdfs:label "tariff" }""")
    assert len(concepts) == 2  # "everything called a tariff" is one query
    (count,) = rows(
        """SELECT (COUNT(?m) AS ?n) WHERE { ?m a kg:Mention ; kg:denotes ?e ;
           kg:mentionText ?t ; kg:mentionStart ?s ; kg:mentionEnd ?x ; kg:mentionKind ?k }"""
    )
    assert int(count["n"].value) >= 8


def test_capitalised_words_inside_a_sentence_are_a_name_the_recogniser_missed(nlp):
    """The tagger takes "Explorer" for a common noun and the recogniser misses the name: its
    capitals inside the sentence still make it one, with a node shared across documents. An
    abbreviation of a common noun ("TV", "CEO") stays a description."""
    from kg.extract import extract
    from kg.types import Document

    text = (
        "Hackers attacked millions of users of Internet Explorer last week. "
        "The company said its CEO watched TV before the patch."
    )
    mentions = extract(nlp(text), Document("d", "d", text)).mentions
    kinds = {(m.text, m.kind) for m in mentions}
    assert ("Internet Explorer", "entity") in kinds
    assert ("Internet Explorer", "concept") not in kinds
    assert {("CEO", "concept"), ("TV", "concept")} <= kinds
    assert not {("CEO", "entity"), ("TV", "entity"), ("Hackers", "entity")} & kinds


def test_the_zone_after_a_clock_time_is_part_of_the_time_not_a_name(nlp):
    """The recogniser reads "BST" and "GMT" after a clock time as organisations, and a "they"
    could then refer to them: they are the time's zone, no mention at all. An abbreviation
    elsewhere is still a name."""
    from kg.extract import extract
    from kg.types import Document

    text = (
        "A large fire broke out at the store at 2: 21 pm BST. Crews left at 22: 07 GMT and "
        "the BBC reported it at 6:41pm GMT."
    )
    mentions = {m.text for m in extract(nlp(text), Document("d", "d", text)).mentions}
    assert "BBC" in mentions
    assert not {"BST", "GMT"} & mentions


def test_a_stop_or_a_number_taken_for_a_noun_is_no_description(nlp):
    """Text rebuilt from tokens writes "6. 4" for 6.4: the tagger takes the stop for a noun,
    and each "." was a description repeating the first one's head. A description has words."""
    from kg.extract import extract
    from kg.types import Document

    text = (
        "In February, a quake measuring 6. 4 on the Richter scale hit the town of Zarand. "
        "A 5. 9 magnitude earthquake has leveled seven villages."
    )
    mentions = [m.text for m in extract(nlp(text), Document("d", "d", text)).mentions]
    assert "seven villages" in mentions
    assert all(any(ch.isalpha() for ch in m) for m in mentions), mentions


def test_a_zone_in_a_facts_time_is_no_node():
    """ "called at 06:00 BST": the time grammar reads the zone as part of the time, so the fact's
    object is that time, and no node "BST" (an organisation to the recogniser) is minted."""
    import kg

    graph = kg.build(
        "The fire service was called at 06:00 BST to the store. Crews left at 9:15 pm BST.",
        view=False,
    )
    labels = {row["l"] for row in graph.query("SELECT ?l WHERE { ?e a ?t ; rdfs:label ?l }")}
    assert "fire service" in labels
    assert "BST" not in labels


def test_an_epithet_in_capitals_after_an_article_is_a_description_not_a_name(nlp):
    """A person's noun after an article, its capitalised words common English words with an
    adjective among them or an "of" after the noun, is an honour or an epithet written with
    capitals: a description. A newspaper named by a place and an agent noun, a capitalised
    "The" that opens a name, and a plural team's name stay names."""
    from kg.extract import extract
    from kg.types import Document

    text = (
        "The coach said the reigning National Player of the Year would start. "
        "A spokesman said the Eternal Party Boy had checked into a clinic, the Fresno Advocate "
        "reported. Fans of the Jaguars read The Springfield Reporter."
    )
    mentions = extract(nlp(text), Document("d", "d", text)).mentions
    kinds = {(m.text, m.kind) for m in mentions}
    assert ("reigning National Player of the Year", "concept") in kinds
    assert ("Eternal Party Boy", "concept") in kinds
    assert not {t for t, k in kinds if k == "entity" and ("Party" in t or "Player" in t)}
    assert ("Fresno Advocate", "entity") in kinds or ("the Fresno Advocate", "entity") in kinds
    assert any(k == "entity" and "Jaguars" in t for t, k in kinds)
    assert any(k == "entity" and "Springfield Reporter" in t for t, k in kinds)


def test_a_noun_the_tagger_reads_as_an_adjective_subject_is_a_description(nlp):
    """A sentence-case headline's "Gunman" is tagged an adjective, yet it is the clause's
    subject, where no adjective stands alone: a description of someone."""
    from kg.extract import extract
    from kg.types import Document

    text = (
        "Gunman kills 2, wounds 3 at bakery\n"
        "A former employee shot two women at a bakery on Monday, police said."
    )
    mentions = extract(nlp(text), Document("d", "d", text)).mentions
    assert ("Gunman", "concept") in {(m.text, m.kind) for m in mentions}
