"""The pure parts of benchmarks/ecbplus_coref.py on two tiny hand-written ECB+-like articles.

No corpus and no spaCy model: heads are given by hand.
"""

from __future__ import annotations

import dataclasses
import importlib.util
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _load_benchmark():
    spec = importlib.util.spec_from_file_location(
        "ecbplus_coref", ROOT / "benchmarks" / "ecbplus_coref.py"
    )
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


E = _load_benchmark()


def _tokens(sentences: list[list[str]], first_id: int = 1) -> str:
    rows, t_id = [], first_id
    for s, words in enumerate(sentences):
        for n, word in enumerate(words):
            rows.append(f'<token t_id="{t_id}" sentence="{s}" number="{n}">{word}</token>')
            t_id += 1
    return "\n".join(rows)


def _markable(tag: str, m_id: int, anchors: list[int]) -> str:
    inner = "".join(f'<token_anchor t_id="{t}"/>' for t in anchors)
    return f'<{tag} m_id="{m_id}">{inner}</{tag}>'


def _chain(tag: str, r_id: int, members: list[int], note: str = "") -> str:
    sources = "".join(f'<source m_id="{m}"/>' for m in members)
    note_attr = f' note="{note}"' if note else ""
    return f'<{tag} r_id="{r_id}"{note_attr}>{sources}<target m_id="99"/></{tag}>'


# 9_1ecb: tokens 1-8 are sentence 0, 9-25 sentence 1, 26-28 sentence 2 (not selected).
ECB = f"""<Document doc_name="9_1ecb.xml">
{
    _tokens(
        [
            ["Tara", "Reid", "checked", "into", "rehab", "in", "Malibu", "."],
            ["``", "She", "is", "n't", "well", ",", "''", "her", "rep", "'s", "aide", "said"]
            + ["(", "$", "5", ")", "."],
            ["Reid", "left", "."],
        ]
    )
}
<Markables>
{_markable("HUMAN_PART_PER", 1, [1, 2])}
{_markable("LOC_GEO", 2, [6, 7])}
{_markable("HUMAN_PART_PER", 3, [10])}
{_markable("HUMAN_PART_PER", 4, [16, 17])}
{_markable("ACTION_OCCURRENCE", 5, [3])}
{_markable("HUMAN_PART_PER", 6, [26])}
<HUMAN_PART_PER m_id="7" RELATED_TO="" TAG_DESCRIPTOR="Tara Reid" instance_id="HUM1" />
</Markables>
<Relations>
{_chain("CROSS_DOC_COREF", 1, [1, 3, 6], "HUM1")}
{_chain("CROSS_DOC_COREF", 2, [2], "LOC1")}
{_chain("CROSS_DOC_COREF", 3, [5], "ACT1")}
</Relations>
</Document>"""

# 9_1ecbplus: sentence 0 is the URL; "The actress" and "she" form an INTRA_DOC_COREF chain.
ECBPLUS = f"""<Document doc_name="9_1ecbplus.xml">
{
    _tokens(
        [
            ["http", ":", "/", "/", "x", ".", "com"],
            ["Reid", "entered", "rehab", "in", "Malibu", "."],
            ["The", "actress", "said", "she", "was", "tired", "."],
        ]
    )
}
<Markables>
{_markable("HUMAN_PART_PER", 1, [8])}
{_markable("LOC_GEO", 2, [12])}
{_markable("HUMAN_PART_PER", 3, [14, 15])}
{_markable("HUMAN_PART_PER", 4, [17])}
{_markable("NON_HUMAN_PART", 5, [5])}
</Markables>
<Relations>
{_chain("CROSS_DOC_COREF", 1, [1], "HUM1")}
{_chain("CROSS_DOC_COREF", 2, [2], "LOC1")}
{_chain("INTRA_DOC_COREF", 3, [3, 4])}
</Relations>
</Document>"""

SELECTED = {("9", "9_1ecb", 0), ("9", "9_1ecb", 1), ("9", "9_1ecbplus", 1), ("9", "9_1ecbplus", 2)}


@pytest.fixture
def articles():
    return [E.parse_article(ECB, "9", "9_1ecb"), E.parse_article(ECBPLUS, "9", "9_1ecbplus")]


def _head(article, t_id: str, lemma: str, pos: str, tag: str = "") -> E.Head:
    start, end = article.offsets[t_id]
    return E.Head(start, end, lemma, pos, tag)


@pytest.fixture
def gold(articles):
    """The topic's gold mentions with hand-made heads (the object of "in Malibu" is its head)."""
    ecb, plus = articles
    heads = {
        "9/9_1ecb/1": _head(ecb, "2", "Reid", "PROPN", "NNP"),
        "9/9_1ecb/2": _head(ecb, "7", "Malibu", "PROPN", "NNP"),
        "9/9_1ecb/3": _head(ecb, "10", "she", "PRON", "PRP"),
        "9/9_1ecb/4": _head(ecb, "17", "rep", "NOUN", "NN"),
        "9/9_1ecbplus/1": _head(plus, "8", "Reid", "PROPN", "NNP"),
        "9/9_1ecbplus/2": _head(plus, "12", "Malibu", "PROPN", "NNP"),
        "9/9_1ecbplus/3": _head(plus, "15", "actress", "NOUN", "NN"),
        "9/9_1ecbplus/4": _head(plus, "17", "she", "PRON", "PRP"),
    }
    return E.attach_heads(E.entity_mentions(articles, SELECTED), heads)


def test_text_is_rebuilt_as_prose_with_offsets(articles):
    ecb, plus = articles
    assert ecb.text == (
        "Tara Reid checked into rehab in Malibu.\n"
        "``She isn't well,'' her rep's aide said ($5).\n"
        "Reid left.\n"
    )
    for article in articles:
        for t_id, (start, end) in article.offsets.items():
            assert article.text[start:end] == article.token_text[t_id]
    # The URL (sentence 0 of an ecbplus article) is left out, and its tokens have no offsets.
    assert plus.text == "Reid entered rehab in Malibu.\nThe actress said she was tired.\n"
    assert "1" not in plus.offsets
    assert plus.sentence_spans[2] == (30, 61)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (
            ["a", "high", "-", "profile", "case", "on", "05", "/", "03"],
            "a high-profile case on 05/03",
        ),
        (["he", "said", '"', "no", "way", '"', "."], 'he said "no way".'),
        (['"', "Yes", ",", '"', "he", "said"], '"Yes," he said'),
        (["we", "’", "ll", "see", "the", "world", "’", "s", "end"], "we’ll see the world’s end"),
        (["the", "Chargers", "'", "coach"], "the Chargers' coach"),
        (["Awards\t", "\t", "show"], "Awards show"),
    ],
)
def test_join_tokens(words, expected):
    text, spans = E.join_tokens(words)
    assert text == expected
    assert [text[s:e] for s, e in spans] == [" ".join(w.split()) for w in words]


def test_gold_mentions_and_clusters(gold):
    ids = [m.id for m in gold]
    # Entity markables of selected sentences only: no action (5), none in sentence 2 of the ecb
    # article (6), none in the URL (ecbplus 5), no instance descriptors (7).
    assert sorted(ids) == sorted(
        [f"9/9_1ecb/{m}" for m in (1, 2, 3, 4)] + [f"9/9_1ecbplus/{m}" for m in (1, 2, 3, 4)]
    )
    cluster = {m.id: m.cluster for m in gold}
    tara = {cluster["9/9_1ecb/1"], cluster["9/9_1ecb/3"], cluster["9/9_1ecbplus/1"]}
    assert len(tara) == 1
    assert cluster["9/9_1ecb/2"] == cluster["9/9_1ecbplus/2"]  # across documents
    assert cluster["9/9_1ecbplus/3"] == cluster["9/9_1ecbplus/4"]  # within one document
    assert cluster["9/9_1ecbplus/3"] not in tara
    assert len(set(cluster.values())) == 4  # and "her rep" is a singleton
    text = {m.id: m.text for m in gold}
    assert text["9/9_1ecb/2"] == "in Malibu"
    assert text["9/9_1ecb/4"] == "her rep"
    kinds = {m.id: m.kind for m in gold}
    assert kinds["9/9_1ecb/3"] == "pronoun"
    assert kinds["9/9_1ecb/1"] == "name"
    assert kinds["9/9_1ecb/4"] == "nominal"


def test_clusters_are_scoped_by_topic(articles):
    other = E.parse_article(ECB, "10", "10_1ecb")
    ours = E.gold_clusters(articles)
    theirs = E.gold_clusters([other])
    assert not set(ours.values()) & set(theirs.values())


def _kg(document: str, start: int, end: int, node: str | None, kind: str = "name") -> E.KgMention:
    return E.KgMention(document, start, end, "", kind, node)


def test_alignment_by_head(articles, gold):
    ecb, _ = articles
    lines = [
        # Covers "Tara Reid"'s head; so does the longer mention, but the shortest wins.
        '{"document": "/tmp/t/9/9_1ecb.txt", "start": 0, "end": 9, "text": "Tara Reid",'
        ' "kind": "name", "node": "kg:Tara", "type": "Person"}',
        '{"document": "/tmp/t/9/9_1ecb.txt", "start": 0, "end": 38, "text": "",'
        ' "kind": "nominal", "node": "kg:Long", "type": null}',
        "",
        # "Malibu" alone covers the head of "in Malibu".
        '{"document": "9/9_1ecb.txt", "start": 32, "end": 38, "text": "Malibu",'
        ' "kind": "name", "node": "kg:Malibu", "type": "Place"}',
    ]
    predicted = E.read_kg_mentions(lines)
    assert predicted[0].document == "9_1ecb"
    # No node, a time mention and a mention that misses the head: none of them finds "her rep".
    rep_start, rep_end = ecb.offsets["17"]
    predicted += [
        _kg("9_1ecb", rep_start, rep_end, None, "nominal"),
        _kg("9_1ecb", rep_start, rep_end, "kg:Time", "time"),
        _kg("9_1ecb", rep_start - 4, rep_start - 1, "kg:Her", "pronoun"),
    ]
    found = E.align(gold, predicted)
    assert found["9/9_1ecb/1"].node == "kg:Tara"
    assert found["9/9_1ecb/2"].node == "kg:Malibu"
    assert found["9/9_1ecb/4"] is None
    assert found["9/9_1ecbplus/1"] is None  # another document
    assert E.covered_without_node(gold, predicted) >= {"9/9_1ecb/4"}
    response = E.kg_response(gold, found)
    assert response["9/9_1ecb/1"] == "9|kg:Tara"
    assert response["9/9_1ecb/4"] != response["9/9_1ecbplus/1"]
    assert E.coverage(gold, found)["all"] == (2, 8)


def test_name_types_score_names_on_nodes_against_their_class(articles, gold):
    """A gold name on a node is scored: right when the node's type agrees with its ECB+ class
    (a person's name typed Person), wrong otherwise; names without a node are not scored."""
    tags = {m.id: m.tag for m in gold}
    assert tags["9/9_1ecb/1"] == "HUMAN_PART_PER" and tags["9/9_1ecb/2"].startswith("LOC")
    lines = [
        '{"document": "9/9_1ecb.txt", "start": 0, "end": 9, "text": "Tara Reid",'
        ' "kind": "name", "node": "kg:Tara", "type": "Person"}',
        '{"document": "9/9_1ecb.txt", "start": 32, "end": 38, "text": "Malibu",'
        ' "kind": "name", "node": "kg:Malibu", "type": "Person"}',
    ]
    found = E.align(gold, E.read_kg_mentions(lines))
    right, scored, wrong = E.name_types(gold, found)
    assert (right, scored) == (1, 2)
    assert wrong == {(tags["9/9_1ecb/2"], "Person"): 1}
    assert "1/2 (50.0 %)" in E.name_types_line(gold, found)


def test_perfect_output_scores_100(gold):
    key = E.key_assignment(gold)
    topic_of = {m.id: m.topic for m in gold}
    response = {m.id: f"node-{m.cluster}" for m in gold}
    scores = E.coref_scores(key, response, topic_of)
    for metric in (*E.METRICS, "CoNLL"):
        assert scores[metric].f1 == pytest.approx(1.0)
        assert scores[metric].precision == pytest.approx(1.0)


def test_all_singletons(gold):
    key = E.key_assignment(gold)
    topic_of = {m.id: m.topic for m in gold}
    scores = E.coref_scores(key, {}, topic_of)  # nothing found: every mention its own cluster
    # Clusters of sizes 3, 2, 2, 1 over 8 mentions.
    assert scores["MUC"] == (0.0, 0.0, 0.0)
    assert scores["B3"].precision == pytest.approx(1.0)
    assert scores["B3"].recall == pytest.approx(4 / 8)
    aligned = 2 / 4 + 2 / 3 + 2 / 3 + 1  # phi4 of each key cluster with one of its singletons
    assert scores["CEAF-e"].recall == pytest.approx(aligned / 4)
    assert scores["CEAF-e"].precision == pytest.approx(aligned / 8)


def test_recall_loss_by_cause_sums_to_the_recall_lost(gold):
    key = E.key_assignment(gold)
    topic_of = {m.id: m.topic for m in gold}
    # Tara Reid found in both articles but as two nodes, her "she" on the first one; Malibu one
    # node; the actress and her "she" one node; "her rep" found.
    node = {
        "9/9_1ecb/1": "reid-a",
        "9/9_1ecb/3": "reid-a",
        "9/9_1ecbplus/1": "reid-b",
        "9/9_1ecb/2": "malibu",
        "9/9_1ecbplus/2": "malibu",
        "9/9_1ecbplus/3": "actress",
        "9/9_1ecbplus/4": "actress",
        "9/9_1ecb/4": "rep",
    }
    response = {m.id: f"9|{node[m.id]}" for m in gold}
    loss = E.recall_loss(gold, response)
    recall = E.coref_scores(key, response, topic_of)["B3"].recall
    assert sum(loss.values()) == pytest.approx(100 * (1 - recall))
    # Of the three Reid mentions, the names miss one and two of the others (charged to names),
    # the pronoun one, each a third of a mention in eight.
    assert loss == {
        "names of an entity their document names, across documents": pytest.approx(3 / 3 / 8 * 100),
        "pronouns of an entity their document names, across documents": pytest.approx(
            1 / 3 / 8 * 100
        ),
    }
    # Nothing found: every mention of a cluster of two or more loses for having no node.
    nothing = {m.id: f"single|{m.id}" for m in gold}
    assert set(E.recall_loss(gold, nothing)) == {"mentions kg gave no node"}
    assert sum(E.recall_loss(gold, nothing).values()) == pytest.approx(50.0)


def test_pooled_scores_equal_scorch_on_the_whole_corpus():
    from scorch.scores import b_cubed, ceaf_e, muc

    key = {"a1": "A", "a2": "A", "a3": "B", "a4": "C", "b1": "D", "b2": "D", "b3": "D", "b4": "E"}
    response = {"a1": "x", "a2": "y", "a3": "y", "a4": "y", "b1": "z", "b2": "z", "b4": "z"}
    topic_of = {m: m[0] for m in key}
    scores = E.coref_scores(key, response, topic_of)
    k, r = E.partition(key, key), E.partition(response, key)
    for name, metric in (("MUC", muc), ("B3", b_cubed), ("CEAF-e", ceaf_e)):
        recall, precision, f1 = metric(k, r)
        assert scores[name] == pytest.approx((precision, recall, f1))


def test_baselines_stay_within_a_topic(gold):
    lemma = E.same_head_lemma_response(gold)
    assert lemma["9/9_1ecb/1"] == lemma["9/9_1ecbplus/1"] == "9|reid"
    assert lemma["9/9_1ecb/3"] == lemma["9/9_1ecbplus/4"]  # "she" and "she"
    string = E.same_string_response(gold)
    assert string["9/9_1ecb/2"] != string["9/9_1ecbplus/2"]  # "in malibu" is not "malibu"
    other = [m.__class__(**{**m.__dict__, "topic": "10"}) for m in gold]
    assert not set(E.same_head_lemma_response(other).values()) & set(lemma.values())


def test_pronoun_verdicts(gold):
    # Both "she" resolved; the first to Tara's node (right: it holds "Tara Reid"), the second to
    # a node holding nothing else of its cluster (wrong).
    found = {
        "9/9_1ecb/1": _kg("9_1ecb", 0, 9, "kg:Tara"),
        "9/9_1ecb/3": _kg("9_1ecb", 0, 0, "kg:Tara", "pronoun"),
        "9/9_1ecbplus/4": _kg("9_1ecbplus", 0, 0, "kg:Tara", "pronoun"),
    }
    response = E.kg_response(gold, found)
    verdicts = {v.mention.id: v for v in E.pronoun_verdicts(gold, response, found)}
    assert verdicts["9/9_1ecb/3"].right
    assert not verdicts["9/9_1ecbplus/4"].right
    # Left unresolved, a pronoun of a larger cluster is wrong.
    verdicts = E.pronoun_verdicts(gold, E.kg_response(gold, {}), {})
    assert [v.right for v in verdicts] == [False, False]


def test_two_pronouns_on_a_wrong_node_are_wrong(gold):
    # Make "Reid" of the ecbplus article a pronoun: Tara's cluster is then "Tara Reid" and two
    # pronouns. Both pronouns on a node of their own are wrong: the node holds no name of theirs.
    gold = [
        dataclasses.replace(m, head=m.head._replace(pos="PRON", tag="PRP"))
        if m.id == "9/9_1ecbplus/1"
        else m
        for m in gold
    ]
    other = _kg("9_1ecb", 0, 0, "kg:Other", "pronoun")
    found = {"9/9_1ecb/3": other, "9/9_1ecbplus/1": other}
    verdicts = E.pronoun_verdicts(gold, E.kg_response(gold, found), found)
    assert {v.mention.id: (v.right, v.reason) for v in verdicts if v.hit} == {
        "9/9_1ecb/3": (False, "only with pronouns"),
        "9/9_1ecbplus/1": (False, "only with pronouns"),
    }
    found["9/9_1ecb/1"] = other  # with "Tara Reid" on the node, both are right
    verdicts = E.pronoun_verdicts(gold, E.kg_response(gold, found), found)
    assert all(v.right for v in verdicts if v.hit)


def test_cluster_label_prefers_the_most_frequent_name(gold):
    tara = [m for m in gold if m.cluster == gold[0].cluster]
    assert E.cluster_label(tara) in {"Tara Reid", "Reid"}


# The hand-checked list's format: a comment header, then one pronoun a row. Text of 9_5ecb:
# "Tara Reid checked into rehab. The actress said she was fine. It is true that her rep left."
CHECKED = """# a comment line, as the committed list has
topic\tdocument\tstart\tend\tpronoun\treferent\treferent_text\tnote\tsentence
9\t9_5ecb\t47\t50\tshe\t30-41 | 0-9\tThe actress | Tara Reid\t\tThe actress said she was fine.
9\t9_5ecb\t61\t63\tIt\tnone\t\texpletive\tIt is true that her rep left.
9\t9_5ecb\t77\t80\ther\t30-41\tThe actress\t\tIt is true that her rep left.
"""


def _checked(tmp_path):
    path = tmp_path / "checked.tsv"
    path.write_text(CHECKED, encoding="utf-8")
    return E.read_checked(path)


def test_read_checked(tmp_path):
    she, it, her = _checked(tmp_path)
    assert (she.document, she.start, she.end, she.text) == ("9_5ecb", 47, 50, "she")
    assert [r.text for r in she.referents] == ["The actress", "Tara Reid"]
    assert she.referents[1].head == (8, 9)  # the last letter of "Reid"
    assert it.referents == () and it.note == "expletive"
    assert E.Referent(0, 15, "Microsoft Corp.").head == (13, 14)  # not the full stop


def test_checked_verdicts(tmp_path):
    checked = _checked(tmp_path)

    def verdicts(*mentions):
        return [(v.right, v.reason) for v in E.checked_verdicts(checked, {"9": list(mentions)})]

    reid = _kg("9_5ecb", 0, 9, "kg:Tara")
    actress = _kg("9_5ecb", 34, 41, "kg:Actress", "nominal")  # "actress", without "The"
    # "she" on the name's node: right through the second referent; "It" and "her" without a
    # node: "It" rightly left alone, "her" unresolved.
    assert verdicts(reid, actress, _kg("9_5ecb", 47, 50, "kg:Tara", "pronoun")) == [
        (True, "resolved"),
        (True, "left alone"),
        (False, "unresolved"),
    ]
    # "It" on a node of its own is left alone; on the actress's node it is wrong, and so is
    # "her" on the name's node when the name and the description are two nodes.
    assert verdicts(
        reid,
        actress,
        _kg("9_5ecb", 47, 50, "kg:Actress", "pronoun"),
        _kg("9_5ecb", 61, 63, "kg:It", "pronoun"),
        _kg("9_5ecb", 77, 80, "kg:Tara", "pronoun"),
    ) == [(True, "resolved"), (True, "left alone"), (False, "wrong node")]
    assert verdicts(reid, _kg("9_5ecb", 61, 63, "kg:Tara", "pronoun"))[1] == (
        False,
        "resolved, should be left alone",
    )
    # A referent kg made no node for: the pronoun cannot be right.
    assert verdicts(_kg("9_5ecb", 77, 80, "kg:Tara", "pronoun"), reid)[2] == (
        False,
        "referent without a node",
    )
    # Another document's mentions do not count.
    other = _kg("9_6ecb", 47, 50, "kg:Tara", "pronoun")
    assert verdicts(reid, other)[0] == (False, "unresolved")


@pytest.mark.parametrize("path", [E.CHECKED_PRONOUNS, E.TUNING2_PRONOUNS, E.HELDOUT_PRONOUNS])
def test_the_committed_lists_read(path):
    checked = E.read_checked(path)
    assert len(checked) >= 200
    assert all(p.end - p.start == len(p.text) for p in checked)
    assert all(r.start < r.end <= p.start or r.start >= p.end for p in checked for r in p.referents)


def test_the_third_tuning_list_reads():
    """The third list samples fewer pronouns (172, from the sentences outside the selected
    ones), quoted sentences included (the TSV quotes a field holding a straight quote)."""
    checked = E.read_checked(E.TUNING3_PRONOUNS)
    assert len(checked) == 172
    assert all(p.end - p.start == len(p.text) for p in checked)
    assert all(r.start < r.end <= p.start or r.start >= p.end for p in checked for r in p.referents)


def test_the_fourth_tuning_list_is_broad_and_new():
    """The fourth list: about 200 pronouns of the sentences outside the selected ones, at most
    10 a document, from at least 30 documents of at least 20 topics, none of the third's."""
    checked = E.read_checked(E.TUNING4_PRONOUNS)
    assert len(checked) == 209
    assert all(p.end - p.start == len(p.text) for p in checked)
    assert all(r.start < r.end <= p.start or r.start >= p.end for p in checked for r in p.referents)
    per_document = Counter(p.document for p in checked)
    assert max(per_document.values()) <= 10 and len(per_document) >= 30
    assert len({p.topic for p in checked}) >= 20
    assert not set(per_document) & {p.document for p in E.read_checked(E.TUNING3_PRONOUNS)}


def test_the_held_out_list_shares_no_document_with_the_tuning_lists():
    first = {p.document for p in E.read_checked(E.CHECKED_PRONOUNS)}
    second = {p.document for p in E.read_checked(E.TUNING2_PRONOUNS)}
    held_out = {p.document for p in E.read_checked(E.HELDOUT_PRONOUNS)}
    assert not first & held_out and not second & held_out and not first & second


def test_the_lists_are_scored_by_default():
    args = E.parse_args([])
    assert (args.checked, args.tuning2, args.tuning3, args.tuning4, args.heldout) == (
        E.CHECKED_PRONOUNS,
        E.TUNING2_PRONOUNS,
        E.TUNING3_PRONOUNS,
        E.TUNING4_PRONOUNS,
        E.HELDOUT_PRONOUNS,
    )
    assert E.parse_args(["--tuning2-out", "t2.tsv"]).tuning2_out.name == "t2.tsv"
    assert E.parse_args(["--tuning3-out", "t3.tsv"]).tuning3_out.name == "t3.tsv"
    assert E.parse_args(["--tuning4-out", "t4.tsv"]).tuning4_out.name == "t4.tsv"
    assert E.parse_args(["--tuning4", "mine.tsv"]).tuning4.name == "mine.tsv"


def test_write_checked(tmp_path):
    checked = _checked(tmp_path)
    reid = _kg("9_5ecb", 0, 9, "kg:Tara")
    she = _kg("9_5ecb", 47, 50, "kg:Tara", "pronoun")
    verdicts = E.checked_verdicts(checked, {"9": [reid, she]})
    out = tmp_path / "verdicts.tsv"
    E.write_checked(out, verdicts, {"9": [reid, she]})
    rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    assert rows[0] == ["document", "offsets", "pronoun", "referent", "kg", "verdict"]
    assert rows[1] == [
        "9_5ecb",
        "47-50",
        "she",
        "The actress | Tara Reid",
        "kg:Tara",  # no text given: the end of its IRI
        "right (resolved)",
    ]
    assert rows[2][3:] == ["none", "-", "right (left alone)"]


def test_the_pronoun_target_reads_the_list_it_is_given_and_names_it(tmp_path):
    checked = _checked(tmp_path)
    reid = _kg("9_5ecb", 0, 9, "kg:Tara")
    she = _kg("9_5ecb", 47, 50, "kg:Tara", "pronoun")
    # The first pronoun of the list ("she", referent Tara Reid), on her node and on another.
    right = E.checked_verdicts(checked, {"9": [reid, she]})[:1]
    wrong = E.checked_verdicts(checked, {"9": [reid, _kg("9_5ecb", 47, 50, "kg:X", "pronoun")]})[:1]
    assert right[0].right and not wrong[0].right
    score = E.Score(0.9, 0.9, 0.9)
    scores, cover = {"B3": score}, {k: (9, 10) for k in ("all", "nominal", "pronoun")}
    assert "pronouns >= 85 % (held-out list): FAIL" in E.targets_line(
        scores, scores, cover, wrong, "held-out list"
    )
    assert "pronouns >= 85 % (tuning list): pass" in E.targets_line(
        scores, scores, cover, right, "tuning list"
    )
    assert E.checked_line(wrong, "held out, checked by hand").startswith(
        "pronouns  held out, checked by hand: right 0/1 "
    )
