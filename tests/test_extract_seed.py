"""The extraction stage on the real, parsed seed article (issue #3's done-criteria)."""

from __future__ import annotations

import hashlib

import pytest
from conftest import SEED_SOURCE, SEED_TEXT

from kg.extract import extract
from kg.types import Document

# Words that must never be the node of a subject or object unless kept as a "pronoun" mention
# for the resolver.
BARE = {"this", "that", "these", "those", "which", "who", "it", "we", "he", "she", "they"}


@pytest.fixture(scope="module")
def seed(nlp):
    text = SEED_TEXT
    document = Document(hashlib.sha256(text.encode()).hexdigest(), SEED_SOURCE, text)
    return extract(nlp(text), document)


def _facts(extraction):
    return [(t.subject.mention.text, t.relation, t.object.mention.text) for t in extraction.triples]


def test_four_meetings_once_each(seed):
    meetings = [f for f in _facts(seed) if f[1] == "meet"]
    expected = {
        (a, "meet", b)
        for a in ("Scott Bessent", "Jamieson Greer")
        for b in ("He Lifeng", "Li Chenggang")
    }
    assert expected <= set(meetings)
    for fact in expected:
        assert meetings.count(fact) == 1, fact


def test_threat_and_agreement(seed):
    triples = seed.triples
    threat = [
        t
        for t in triples
        if t.subject.mention.text == "Trump"
        and t.relation == "threaten"
        and t.object.mention.key == "tariff"
    ]
    assert threat
    assert any(t.qualifiers.embedded == "threaten to impose" for t in threat)
    assert any(t.qualifiers.condition.startswith("if Beijing proceeds") for t in threat)
    assert any(
        t.subject.mention.key == "official"
        and t.relation == "reach"
        and t.object.mention.key == "agreement"
        for t in triples
    )


def test_roles(seed):
    roles = {(r.holder.text, r.title) for r in seed.roles}
    assert {
        ("Scott Bessent", "US Treasury Secretary"),
        ("Jamieson Greer", "Trade Representative"),
        ("He Lifeng", "Chinese Vice Premier"),
        ("Li Chenggang", "chief negotiator"),
        ("Donald Trump", "US President"),
        ("Xi Jinping", "Chinese President"),
    } <= roles


def test_no_bare_pronoun_or_determiner_nodes(seed):
    for t in seed.triples:
        for arg in (t.subject, t.object):
            if arg.mention.text.lower() in BARE:
                assert arg.mention.kind == "pronoun", t
            assert arg.mention.text.lower() not in {"this", "that", "which", "who"}, t


def test_attributed_consensus(seed):
    (fact,) = [
        t for t in seed.triples if t.relation == "reach" and t.object.mention.key == "consensus"
    ]
    assert fact.subject.mention.key == "side"
    assert fact.qualifiers.attribution == "Li"
    assert fact.qualifiers.attribution_mention is not None
    assert any(
        t.subject.mention.text == "Li"
        and t.relation == "confirm"
        and t.object.mention.kind == "clause"
        for t in seed.triples
    )


def test_offsets_and_sentences(seed):
    text = seed.document.text
    for s in seed.sentences:
        assert text[s.start : s.end] == s.text
    for t in seed.triples:
        for arg in (t.subject, t.object):
            assert text[arg.start : arg.end] == arg.text
            assert text[arg.mention.start : arg.mention.end] == arg.mention.text
        assert seed.sentences[t.sentence.index] == t.sentence
        assert 0 < t.confidence <= 1
    for m in seed.mentions:
        assert text[m.start : m.end] == m.text


def test_no_duplicate_facts(seed):
    keys = [(t.subject.text, t.relation, t.object.text, t.qualifiers) for t in seed.triples]
    assert len(keys) == len(set(keys))
