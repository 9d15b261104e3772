"""Negation and hedges that live in a fact's arguments, not on its verb (issue #15, item 7).

A negative quantifier denies the fact it is part of: "No one was killed in the blast" says that
it is not the case that anyone was killed, so the fact is "anyone - be killed in - blast",
denied, and no node "no one" (or "one") exists. A clause that is an indirect question ("could
not say whether anyone was inside") is asked, not stated: modality "whether", and no direct
edge. "X denied that P" reports P, denied. The sentences are written for these tests.
"""

from __future__ import annotations

import hashlib

import pytest

import kg
from kg.extract import extract
from kg.types import OPEN_QUESTION, Document, Extraction, Triple


def run(nlp, text: str) -> Extraction:
    document = Document(hashlib.sha256(text.encode()).hexdigest(), "test", text)
    return extract(nlp(text), document)


def triples(nlp, text: str) -> dict[str, Triple]:
    """The facts of ``text`` as "subject node | relation | object node" with their triple."""
    return {
        f"{t.subject.mention.text} | {t.relation} | {t.object.mention.text}": t
        for t in run(nlp, text).triples
    }


# (sentence, the fact as its nodes read, whether it is denied)
DENIED = [
    # Negative pronouns: the denied fact reads with the positive word.
    ("Nobody saw the gunman.", "anyone | see | gunman", True),
    ("No one saw the gunman.", "anyone | see | gunman", True),
    # British "no-one" is one word (the tokenizer splits it at the hyphen otherwise).
    ("No-one was hurt in the blast.", "anyone | be hurt in | blast", True),
    ("Police said no-one saw the gunman.", "anyone | see | gunman", True),
    ("Nothing was found in the car.", "anything | be found in | car", True),
    # A negative determiner: the node is the noun phrase without it.
    ("The police found no weapons at the scene.", "police | find | weapons", True),
    ("Neither team scored a goal.", "team | score | goal", True),
    # A partitive: the node is the set it takes from.
    ("None of the passengers saw the crash.", "passengers | see | crash", True),
    # "neither ... nor" denies every conjunct.
    (
        "Neither the mayor nor the governor attended the ceremony.",
        "mayor | attend | ceremony",
        True,
    ),
    (
        "Neither the mayor nor the governor attended the ceremony.",
        "governor | attend | ceremony",
        True,
    ),
    # A negative quantifier and a negated verb deny each other.
    ("No one did not vote for the plan.", "anyone | vote for | plan", False),
    # A comparison asserts: "nothing less than", "nothing more than", "none other than".
    (
        "Nothing less than the future of the company is at stake.",
        "Nothing less than the future of the company | be at | stake",
        False,
    ),
    # "no longer": it did, and does not now.
    ("The engineer no longer works for the company.", "engineer | work for | company", True),
    ("The engineer still works for the company.", "engineer | work for | company", False),
    # The same sentences without the quantifier stay plain assertions.
    ("The witness saw the gunman.", "witness | see | gunman", False),
    ("The police found weapons at the scene.", "police | find | weapons", False),
    ("Some of the passengers saw the crash.", "Some of the passengers | see | crash", False),
]


@pytest.mark.parametrize(("sentence", "wanted", "denied"), DENIED)
def test_a_negative_quantifier_denies_its_fact(sm_nlp, sentence, wanted, denied):
    found = triples(sm_nlp, sentence)
    assert wanted in found, sorted(found)
    assert found[wanted].qualifiers.negated is denied


@pytest.mark.parametrize(
    "sentence",
    ["Nobody saw the gunman.", "No one saw the gunman.", "Nothing was found in the car."],
)
def test_a_negative_quantifier_is_no_node_of_its_own(sm_nlp, sentence):
    """No fact is about "nobody", "no one" or "one": that would read as a thing that exists."""
    found = triples(sm_nlp, sentence)
    nodes = {key.split(" | ")[0].lower() for key in found}
    assert nodes & {"anyone", "anything"}
    assert not nodes & {"nobody", "no one", "one", "nothing"}
    # The argument as written is kept for the reader.
    (triple,) = found.values()
    assert triple.subject.text == sentence.split(" saw")[0].split(" was")[0]


def test_a_negative_quantifier_is_nothing_a_pronoun_refers_to(sm_nlp):
    """ "No passenger was hurt ... he": "he" cannot be the passenger there was none of. The
    phrase is no mention, so no link reaches it; the driver is one."""
    text = "No passenger was hurt when the bus crashed. The driver said he was sorry."
    extraction = run(sm_nlp, text)
    texts = {m.text for m in extraction.mentions}
    assert "driver" in texts
    assert not texts & {"passenger", "No passenger"}
    mentions = extraction.mentions
    he = next(i for i, m in enumerate(mentions) if m.text == "he")
    antecedents = {
        mentions[link.antecedent].text for link in extraction.links if link.mention == he
    }
    assert antecedents == {"driver"}


# (sentence, the fact, its modality, whether it is denied, its attribution)
HEDGED = [
    # An indirect question states nothing, whoever asks it.
    (
        "Police could not say whether anyone was inside the building.",
        "anyone | be inside | building",
        OPEN_QUESTION,
        False,
        "Police",
    ),
    (
        "Officials asked if the ship carried weapons.",
        "ship | carry | weapons",
        OPEN_QUESTION,
        False,
        "",  # "ask" reports no statement
    ),
    # "deny" reports its complement as false.
    ("Smith denied that he took the money.", "he | take | money", "", True, "Smith"),
    # A denied report leaves its complement open, unless the verb takes it as true.
    (
        "Police did not confirm that the suspect owned the car.",
        "suspect | own | car",
        OPEN_QUESTION,
        False,
        "Police",
    ),
    (
        "The board did not know that the firm had sold the plant.",
        "firm | sell | plant",
        "",
        False,
        "board",
    ),
    # A verb of opinion takes its negation down into its complement: "did not think P" is
    # "thinks not P", stated by its subject.
    (
        "The coach did not think the team would win the title.",
        "team | win | title",
        "would",
        True,
        "coach",
    ),
    (
        "Residents do not believe the officer fired a warning shot.",
        "officer | fire | warning shot",
        "",
        True,
        "Residents",
    ),
    # Nobody states what no one says.
    (
        "No one said that the firm had sold the plant.",
        "firm | sell | plant",
        OPEN_QUESTION,
        False,
        "",
    ),
    # A complement introduced by "that" is stated by the reporter, as before.
    (
        "The minister said that the two countries had signed a treaty.",
        "two countries | sign | treaty",
        "",
        False,
        "minister",
    ),
]


@pytest.mark.parametrize(("sentence", "wanted", "modality", "denied", "source"), HEDGED)
def test_a_hedged_complement_keeps_its_hedge(sm_nlp, sentence, wanted, modality, denied, source):
    found = triples(sm_nlp, sentence)
    assert wanted in found, sorted(found)
    qualifiers = found[wanted].qualifiers
    assert qualifiers.modality == modality
    assert qualifiers.negated is denied
    assert qualifiers.attribution == source


def test_an_if_clause_that_is_a_condition_is_no_question(sm_nlp):
    """ "If the talks fail, Trump will impose tariffs": the condition of a stated fact."""
    found = triples(sm_nlp, "If the talks fail, Trump will impose tariffs.")
    triple = found["Trump | impose | tariffs"]
    assert triple.qualifiers.modality == "will"
    assert triple.qualifiers.condition == "If the talks fail"


def test_denied_and_asked_facts_get_no_direct_edge_in_the_graph():
    """A query that reads the direct edges must not find what the text denies or asks; the
    statements keep the facts with their qualifiers."""
    graph = kg.build(
        "No one attacked the embassy. Police could not say whether the gunman owned the car. "
        "The gunman attacked the consulate.",
        view=False,
    )
    edges = graph.query(
        "SELECT ?sl ?ol WHERE { ?s ?p ?o . ?p a kg:Relation . "
        "?s rdfs:label ?sl . ?o rdfs:label ?ol }"
    )
    assert edges == [{"sl": "gunman", "ol": "consulate"}]
    statements = graph.query(
        "SELECT ?sl ?ol ?negated ?modality WHERE { ?st a kg:Statement ; rdf:subject ?s ; "
        "rdf:object ?o ; kg:negated ?negated . OPTIONAL { ?st kg:modality ?modality } "
        "?s rdfs:label ?sl . ?o rdfs:label ?ol }"
    )
    by_ends = {(r["sl"], r["ol"]): (r["negated"], r.get("modality")) for r in statements}
    assert by_ends[("anyone", "embassy")][0] is True
    assert by_ends[("gunman", "car")] == (False, OPEN_QUESTION)
    assert by_ends[("gunman", "consulate")][0] is False


# (sentence, the fact, whether it is denied, the chain as written)
IMPLICATIVES = [
    # A negative implicative verb: its infinitive's event did not happen.
    ("The company refused to pay the fine.", "company | pay | fine", True, "refuse to pay"),
    (
        "The agency declined to release the report.",
        "agency | release | report",
        True,
        "decline to release",
    ),
    ("The firm failed to repay the loan.", "firm | repay | loan", True, "fail to repay"),
    # Denied, it happened.
    ("The firm did not fail to repay the loan.", "firm | repay | loan", False, "fail to repay"),
    # An aspect of the event: it happens.
    (
        "The reporters continued to protect the source.",
        "reporters | protect | source",
        False,
        "continue to protect",
    ),
    # "manage to": it happened.
    (
        "The prisoner managed to escape the prison.",
        "prisoner | escape | prison",
        False,
        "manage to escape",
    ),
]


@pytest.mark.parametrize(("sentence", "wanted", "denied", "chain"), IMPLICATIVES)
def test_an_implicative_verb_says_whether_its_event_happened(
    sm_nlp, sentence, wanted, denied, chain
):
    found = triples(sm_nlp, sentence)
    assert wanted in found, sorted(found)
    assert found[wanted].qualifiers.negated is denied
    assert found[wanted].qualifiers.embedded == chain


@pytest.mark.parametrize(
    ("sentence", "wanted", "unwanted"),
    [
        # An intention says nothing of its event: the intention is the fact. What is
        # threatened is the event's object; any other intention's relation is its chain.
        (
            "Trump threatened to impose tariffs.",
            "Trump | threaten | tariffs",
            "Trump | impose | tariffs",
        ),
        (
            "The officers tried to move the van.",
            "officers | try to move | van",
            "officers | move | van",
        ),
    ],
)
def test_an_intention_stays_the_relation(sm_nlp, sentence, wanted, unwanted):
    found = triples(sm_nlp, sentence)
    assert wanted in found, sorted(found)
    assert unwanted not in found
    assert not found[wanted].qualifiers.negated


@pytest.mark.parametrize(
    ("sentence", "wanted", "modality"),
    [
        # A hedging adverb hedges as a modal verb does.
        ("The man allegedly shot his neighbour.", "man | shoot | his neighbour", "allegedly"),
        ("The company reportedly bought the startup.", "company | buy | startup", "reportedly"),
        # A modal verb wins: it is the first hedge of the clause as written.
        ("The man may have shot his neighbour.", "man | shoot | his neighbour", "may"),
        # Other adverbs hedge nothing.
        ("The man quickly shot his neighbour.", "man | shoot | his neighbour", ""),
    ],
)
def test_a_hedging_adverb_is_the_facts_modality(sm_nlp, sentence, wanted, modality):
    found = triples(sm_nlp, sentence)
    assert wanted in found, sorted(found)
    assert found[wanted].qualifiers.modality == modality


def test_the_relation_takes_its_own_verbs_particle(sm_nlp):
    """ "plans to head off the rules": the relation is the chain with the particle of the verb
    it belongs to, "plan to head off", not "plan off"; "is going to shut down" is "shut
    down"."""
    found = triples(sm_nlp, "The administration plans to head off the rules.")
    assert "administration | plan to head off | rules" in found, sorted(found)
    assert "administration | plan off | rules" not in found
    assert found["administration | plan to head off | rules"].qualifiers.embedded == "plan to head"
    found = triples(sm_nlp, "The company is going to shut down the plant.")
    assert "company | shut down | plant" in found, sorted(found)
