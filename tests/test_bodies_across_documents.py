"""A description of a body in a document that never names it ("the police", "the Norwegian
navy") joins the body other documents of the same story name, by the nouns of its kind its
name ends in, or by its own name written before the noun (kg/resolve.py,
``CorpusIndex._link_descriptions``). Texts written for these tests, parsed by the real model."""

from __future__ import annotations

from conftest import corpus_mentions, mention_in

# Two reports of one robbery in Millbrook name its police force, with the mall, the mayor and
# the jeweller around it.
NAMED_FORCE = [
    "The Millbrook Police Department arrested Carl Dunmore after a robbery at the Riverside "
    "Mall on Monday. Mayor Jane Holt thanked Owen Price, the jeweller.",
    "Carl Dunmore was charged by the Millbrook Police Department with the Riverside Mall "
    "robbery. Jane Holt said Owen Price had lost $40,000 in rings.",
]
# A third speaks of "the police" only, among the same names.
UNNAMED_FORCE = (
    "The police said Carl Dunmore took rings from Owen Price at the Riverside Mall. "
    "Jane Holt praised the police."
)


def test_the_police_of_a_story_is_the_police_department_other_reports_name(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*NAMED_FORCE, UNNAMED_FORCE])
    force = mention_in(records, "doc0", "Millbrook Police Department")["node"]
    police = mention_in(records, "doc2", "police")
    assert police["node"] == force
    assert police["sieve"] == "description_across_documents"
    assert police["reason"].startswith(
        "'police' is 'Millbrook Police Department', whose name calls it a police before the "
        "noun of its kind that ends it"
    )


def test_the_police_of_a_story_with_two_forces_is_neither(sm_nlp) -> None:
    # The reports of the robbery name two forces, the town's and the county's: "the police"
    # may be either, and joins neither.
    two_forces = [
        "The Millbrook Police Department and the Carver County Police Department arrested Carl "
        "Dunmore after a robbery at the Riverside Mall. Jane Holt thanked Owen Price.",
        "Carl Dunmore was charged by the Millbrook Police Department and the Carver County "
        "Police Department with the Riverside Mall robbery. Jane Holt praised Owen Price.",
    ]
    records = corpus_mentions(sm_nlp, [*two_forces, UNNAMED_FORCE])
    forces = {
        mention_in(records, "doc0", "Millbrook Police Department")["node"],
        mention_in(records, "doc0", "Carver County Police Department")["node"],
    }
    assert mention_in(records, "doc2", "police")["node"] not in forces


def test_the_police_of_another_story_stays_its_own(sm_nlp) -> None:
    elsewhere = "The police in Leeds closed a road after a crash on Sunday, a spokesman said."
    records = corpus_mentions(sm_nlp, [*NAMED_FORCE, elsewhere])
    force = mention_in(records, "doc0", "Millbrook Police Department")["node"]
    assert mention_in(records, "doc2", "police in Leeds")["node"] != force


# Two navies are named in reports of one rescue at sea; the U.S. Navy's reports share more of
# the third report's names, but the third writes the Norwegian Navy's own name before "navy".
NAVIES = [
    "The Norwegian Navy rescued the crew of the Elsa Marie off Bergen, Captain Lars Berg said.",
    "Lars Berg said the Norwegian Navy towed the Elsa Marie to Bergen on Friday.",
    "The U.S. Navy sent a helicopter to the Elsa Marie near Bergen, Lars Berg and Anna Moe "
    "said, as the Sea Falcon stood by.",
    "Anna Moe said the U.S. Navy and the Sea Falcon watched over the Elsa Marie near Bergen.",
]
NORWEGIAN = (
    "The Norwegian navy brought the Elsa Marie into Bergen, Lars Berg and Anna Moe said, "
    "thanking the Sea Falcon."
)


def test_a_description_writing_a_body_s_name_is_that_body(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*NAVIES, NORWEGIAN])
    norwegian = mention_in(records, "doc0", "Norwegian Navy")["node"]
    navy = mention_in(records, "doc4", "Norwegian navy")
    assert navy["node"] == norwegian
    assert navy["node"] != mention_in(records, "doc2", "U.S. Navy")["node"]
    assert "whose own name it writes before 'navy'" in navy["reason"]


# A fourth report of the robbery speaks of the force by its members: "cops", twice, one of
# them counted.
COPS = (
    "Cops said Carl Dunmore took rings from Owen Price at the Riverside Mall. Jane Holt "
    "thanked the cops. Two cops guarded the mall on Tuesday."
)


def test_a_bare_plural_of_its_members_is_the_police_force(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*NAMED_FORCE, COPS])
    force = mention_in(records, "doc0", "Millbrook Police Department")["node"]
    cops = mention_in(records, "doc2", "Cops")
    assert cops["node"] == force
    assert cops["reason"].startswith(
        "'Cops' is 'Millbrook Police Department', the police other documents name, a cop "
        "being a member of a police"
    )
    # "two cops" are some of its officers, not the force.
    assert mention_in(records, "doc2", "Two cops")["node"] != force


def test_members_of_a_force_in_another_story_stay_their_own(sm_nlp) -> None:
    elsewhere = "Cops in Leeds closed a road after a crash on Sunday, a spokesman said."
    records = corpus_mentions(sm_nlp, [*NAMED_FORCE, elsewhere])
    force = mention_in(records, "doc0", "Millbrook Police Department")["node"]
    assert mention_in(records, "doc2", "Cops in Leeds")["node"] != force


def test_wordnet_members_of_bodies_of_personnel() -> None:
    from kg.coref import lexicon

    assert "police" in lexicon.member_of("cop")
    assert "police" in lexicon.member_of("detective")
    # Members by birth or allegiance, or of a unit rather than a force, stand for no body.
    assert lexicon.member_of("parent") == ()
    assert lexicon.member_of("citizen") == ()
    assert lexicon.member_of("officer") == ()


def test_a_force_is_of_the_town_its_name_holds(sm_nlp) -> None:
    # The reports naming the Dayton Police Department name no place apart, but its name holds
    # Dayton, a town another document names: the police of a story set in Leeds, whatever
    # names it shares, are not Dayton's.
    named = [
        "The Dayton Police Department arrested Carl Dunmore after a robbery on Monday. Mayor "
        "Jane Holt thanked Owen Price, the jeweller.",
        "Carl Dunmore was charged by the Dayton Police Department with the robbery. Jane Holt "
        "said Owen Price had lost $40,000 in rings.",
    ]
    town = "Jane Holt lives in Dayton, Ohio, with her family."
    leeds = (
        "The police in Leeds arrested a man on Monday. Jane Holt, Carl Dunmore and Owen Price "
        "were questioned, the police said."
    )
    records = corpus_mentions(sm_nlp, [*named, town, leeds])
    force = mention_in(records, "doc0", "Dayton Police Department")["node"]
    assert mention_in(records, "doc2", "Dayton")["type"] == "Place"
    assert mention_in(records, "doc3", "police in Leeds")["node"] != force
