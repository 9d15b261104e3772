"""The mentions of a title line (``headline_mentions`` in kg/coref/mentions.py), on short
articles written for them and parsed by the trained pipeline: a person's full name the body
gives by surname or not at all, capitalised common nouns the body writes in lower case, and
the links they may and may not take."""

from __future__ import annotations

import json

from conftest import run_kg

from kg.coref import coreference
from kg.extract import document_sentences
from kg.extract.tokens import extraction_cache
from kg.kinds import ObjectKind


def _headline_mentions(nlp, text: str) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """The first line's mentions (text -> "name" or "nominal") and every link of the article
    (mention text, antecedent text, sieve), the first line read as a title line."""
    doc = nlp(text)
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc), frozenset({0}))
    end = text.index("\n")
    kinds = {
        m.text: "name" if m.kind == ObjectKind.ENTITY else "nominal"
        for m in mentions
        if m.start < end
    }
    pairs = [(mentions[k.mention].text, mentions[k.antecedent].text, k.sieve) for k in links]
    return kinds, pairs


def test_a_given_name_and_a_surname_in_a_title_line_are_a_name_the_body_need_not_repeat(nlp):
    # The body calls her "the actress" and "she" only: the first name from the table and a
    # word that is no English word make a name, and the verb after it is left out.
    kinds, _ = _headline_mentions(
        nlp,
        "Marla Hessling Checks Into Rehab After Court Order\n"
        "The 26-year-old actress checked into a clinic in California on Friday. "
        "She was ordered to spend 90 days in rehab.\n",
    )
    assert kinds.get("Marla Hessling") == "name"
    assert not [t for t in kinds if "Checks" in t or "Into" in t or "Order" in t]


def test_a_full_name_in_a_title_line_is_kept_where_the_body_gives_the_surname(nlp):
    kinds, _ = _headline_mentions(
        nlp,
        "Yvette Brannigan Kills Two At Bakery\n"
        "A worker shot two colleagues at a bakery on Thursday, police said. "
        "Brannigan, 43, was arrested at the scene.\n",
    )
    assert kinds.get("Yvette Brannigan") == "name"
    assert "Brannigan" not in kinds  # the full name, not its surname alone
    assert not [t for t in kinds if "Kills" in t]


def test_a_given_name_before_a_common_word_is_no_name(nlp):
    # "Grace" is a given name and "Period" an English word: no one is named (the body's
    # "grace" makes "Grace" a description).
    kinds, _ = _headline_mentions(
        nlp,
        "Grace Period Ends For Tenants\nThe grace period for tenants ended on Monday.\n",
    )
    assert not [t for t, kind in kinds.items() if "Grace" in t and kind == "name"]


def test_a_capitalised_noun_the_body_writes_in_lower_case_is_a_description(nlp):
    # WordNet's first sense of "driver" is no person, so only the body's "the driver" makes
    # the title's "Driver" a description; the verb and the preposition mint nothing.
    kinds, links = _headline_mentions(
        nlp,
        "Driver Charged In Fatal Crash\n"
        "Police said the driver struck a woman on Main Street on Monday night. "
        "The driver was arrested nearby.\n",
    )
    assert kinds.get("Driver") == "nominal"
    assert not [t for t in kinds if t in ("Charged", "In", "Fatal")]
    assert ("driver", "Driver", "strict head match") in links


def test_the_body_introduces_with_a_what_the_title_line_announces(nlp):
    # The title line's "Teacher" is the teacher the body brings in as new with "a": the first
    # description of the body with its head and number joins it (the headline noun sieve).
    _, links = _headline_mentions(
        nlp,
        "Teacher Arrested After Crash\n"
        "A teacher was arrested on Monday after a crash on the ring road. "
        "Police said he had been drinking.\n",
    )
    assert ("teacher", "Teacher", "headline noun") in links


def test_a_possessor_in_a_title_line_is_not_the_one_the_body_possesses_by_it(nlp):
    # "Sheriff's Deputy": the body's "a sheriff's deputy" introduces the deputy; its possessor
    # "sheriff's" is no sheriff the title line announces; the deputy is the title's "Deputy".
    _, links = _headline_mentions(
        nlp,
        "Sheriff's Deputy Hurt In Crash\n"
        "A sheriff's deputy was hurt when his car left the road on Friday, officials said.\n",
    )
    assert not [link for link in links if link[2] == "headline noun" and "Sheriff" in link[1]]
    assert ("sheriff's deputy", "Deputy", "headline noun") in links


def test_a_word_the_body_writes_in_a_name_and_as_a_noun_is_the_noun_in_the_title_line(nlp):
    # The body names a fire service "Kettering Fire" (the recogniser reads a person) and
    # writes "a fire": the title's "Fire" is the fire, no short form of the service's name.
    kinds, links = _headline_mentions(
        nlp,
        "Fire Destroys Old Mill In Kettering\n"
        "A fire destroyed the old mill in Kettering on Tuesday night. Crews from both "
        "Kettering Fire and the county fire department fought the blaze for six hours.\n",
    )
    assert kinds.get("Fire") == "nominal"
    assert not [link for link in links if "Kettering Fire" in (link[0], link[1])]
    # The body's first "a fire" is the fire the title line announces (the headline noun sieve).
    assert ("fire", "Fire", "headline noun") in links
    kinds, _ = _headline_mentions(
        nlp,
        "Fire Guts Warehouse Near Docks\n"
        "A fire gutted a warehouse near the docks on Sunday. Engines from Harwich Fire and "
        "Essex Fire and Rescue were called to the fire at 3 a.m.\n",
    )
    assert kinds.get("Fire") == "nominal"


def test_a_plural_or_a_word_in_capitals_of_the_title_line_is_the_body_s_noun(nlp):
    kinds, _ = _headline_mentions(
        nlp,
        "INMATE PULLS GUN ON GUARDS AT COUNTY JAIL\n"
        "An inmate pulled a gun on two guards at the county jail on Sunday. "
        "The gun was fake, a guard said.\n",
    )
    assert kinds.get("GUARDS") == "nominal"
    assert kinds.get("GUN") == "nominal"
    assert not [t for t in kinds if t in ("PULLS", "ON", "AT")]


def test_a_title_line_noun_of_no_kind_in_common_is_no_apposition(nlp):
    # The parser reads title case as appositions: a climber is no place.
    kinds, links = _headline_mentions(
        nlp,
        "New Zealand: British Climber Killed In Fall\n"
        "A British climber died after a fall on a mountain in New Zealand on Saturday. "
        "The climber was 32.\n",
    )
    assert kinds.get("Climber") == "nominal"
    assert not [link for link in links if {link[0], link[1]} == {"Climber", "New Zealand"}]


def test_a_role_before_a_name_in_a_title_line_is_its_title(nlp):
    kinds, links = _headline_mentions(
        nlp,
        "Singer Rehires Attorney Shawn Holloway\n"
        "The singer has hired Shawn Holloway again, her spokesman said. "
        "Holloway represented her in 2011.\n",
    )
    assert kinds.get("Shawn Holloway") == "name"
    # The name's title, not someone else: it is the person named right after it.
    assert ("Attorney", "Shawn Holloway", "apposition") in links


def test_a_noun_that_may_be_a_person_before_a_name_in_a_title_line_is_its_title(nlp):
    # WordNet's first "star" is a celestial body; before a person's name in a title line it is
    # that person's title, not a thing of its own.
    kinds, links = _headline_mentions(
        nlp,
        "Beloved Movie Star Marla Hessling Dies At 88\n"
        "The star of many films died on Monday. Hessling was 88.\n",
    )
    assert kinds.get("Marla Hessling") == "name"
    assert ("Star", "Marla Hessling", "apposition") in links


def test_a_title_line_with_nothing_to_mention_mints_nothing(nlp):
    kinds, _ = _headline_mentions(nlp, "Updated At Noon\nIt rained all morning.\n")
    assert kinds == {}


def test_a_surname_in_capitals_in_a_title_line_is_the_person_the_body_names(tmp_path):
    # The title line's "PRITCHARD" founds no person of its own that the body's "Pritchard" would
    # then join: all are Tony Pritchard.
    text = (
        "CHARGERS' PRITCHARD ARRESTED ON SUSPICION OF DUI\n"
        "San Diego Chargers defensive tackle Tony Pritchard was arrested on suspicion of drunk "
        "driving, police said.\n"
        "Pritchard was pulled over for speeding early Sunday.\n"
    )
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    result = run_kg("extract", str(tmp_path), "--format", "mentions")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    nodes = {
        r["node"] for r in records if r["text"] in ("PRITCHARD", "Pritchard", "Tony Pritchard")
    }
    assert len(nodes) == 1
    assert nodes.pop().endswith("/Tony_Pritchard")


def test_a_title_line_s_short_form_of_a_name_the_body_gives_in_full_is_read_by_its_surname(nlp):
    # The body names him in full: "Fred" is no second person beside "Frederick Cheney
    # Lamotte", so the title mentions him by his surname, as the body's "Lamotte" does.
    kinds, _ = _headline_mentions(
        nlp,
        "Watergate Figure Fred Lamotte Dies At 75\n"
        "Frederick Cheney Lamotte, a former aide, died on Tuesday at a motel. "
        "Lamotte was 75.\n",
    )
    assert "Fred Lamotte" not in kinds
    assert kinds.get("Lamotte") == "name"


def test_a_pronouns_word_inside_a_title_lines_name_is_no_pronoun(nlp):
    # "He" opens the name "He Lifeng", which the body gives in full: the title line names him,
    # and no "he" there refers back to the other man it names.
    kinds, pairs = _headline_mentions(
        nlp,
        "Scott Bessent Meets He Lifeng In Geneva\n"
        "US Treasury Secretary Scott Bessent met Chinese Vice Premier He Lifeng in Geneva on "
        "Saturday. The talks lasted two days.\n",
    )
    assert kinds.get("He Lifeng") == "name"
    assert "He" not in kinds
    assert not any(mention == "He" for mention, _, _ in pairs)


def test_a_kind_noun_of_a_title_line_takes_the_name_and_nouns_before_it(nlp):
    # As the body's "the Hartwell Treatment Center" is one phrase, the title's "Hartwell
    # Clinic" is one description by its last word, the name in it a mention of its own, not
    # a bare "Clinic" beside the name.
    kinds, _ = _headline_mentions(
        nlp,
        "Singer Checks Into Hartwell Clinic\n"
        "The singer Mara Quell checked into the Hartwell Treatment Center on Friday. "
        "Hartwell said she would stay for a month.\n",
    )
    assert kinds.get("Hartwell Clinic") == "nominal"
    assert kinds.get("Hartwell") == "name"
    assert "Clinic" not in kinds


def test_a_word_between_two_names_of_a_title_line_is_no_compound(nlp):
    # "Beat" and "Top" are places too in WordNet, but between two teams they are the verb.
    kinds, _ = _headline_mentions(
        nlp,
        "Falcons Beat Ravens In Overtime\n"
        "The Falcons won 27-24 on Sunday. The Ravens had led at half time.\n",
    )
    assert not [t for t in kinds if t.startswith("Falcons ")]


def test_a_title_line_noun_after_a_given_name_is_a_surname_not_a_kind(nlp):
    # "Ford" after "Betty" is a surname, not WordNet's place to cross a river: no description
    # "Betty Ford" is made of the two ("Betty Ford Clinic" still is one, by its "Clinic").
    kinds, _ = _headline_mentions(
        nlp,
        "Singer Returns To Betty Ford\n"
        "The singer Mara Quell went back to the Betty Ford Center on Friday.\n",
    )
    assert kinds.get("Betty Ford") != "nominal"


def test_a_title_lines_name_of_a_place_the_body_names_with_another_kind_word_is_a_name(nlp):
    # The body writes "the Betty Ford Center": the title's "Betty Ford Clinic" (another word
    # for its kind) and "Betty Ford" (none) are names of it, not a description and a person.
    for title, name in (
        ("Singer Checks Into Betty Ford Clinic", "Betty Ford Clinic"),
        ("Singer Leaves Betty Ford, Checks Into Rehab", "Betty Ford"),
    ):
        kinds, _ = _headline_mentions(
            nlp,
            f"{title}\nThe singer Mara Quell checked into the Betty Ford Center on Friday. "
            "She stayed at the Betty Ford Center for a month.\n",
        )
        assert kinds.get(name) == "name", title
        assert not [t for t in kinds if t != name and "Ford" in t], title


def _first_line_mentions(nlp, text: str) -> list[str]:
    """The texts of the mentions of a text's first line, read as the body reads it."""
    doc = nlp(text)
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    end = text.index("\n")
    return [m.text for m in mentions if m.start < end]


def test_a_sentence_case_headline_s_verb_read_as_a_plural_is_no_noun(nlp):
    # The tagger reads "issues" as a plural noun modified by the name and the object as the
    # verb: the name alone is the subject, and the object is a description of its own.
    first = _first_line_mentions(
        nlp,
        "Google issues patch to fix Chrome flaw\nGoogle released an update on Tuesday.\n",
    )
    assert "Google" in first
    assert "patch" in first
    assert not [t for t in first if "issues" in t]
    first = _first_line_mentions(
        nlp,
        "Toyota issues recall for faulty brakes\n"
        "Toyota said on Monday it would recall 20,000 cars.\n",
    )
    assert "recall" in first
    assert not [t for t in first if "issues" in t]


def test_a_hyphenated_noun_in_a_title_line_that_the_body_writes_is_a_description(nlp):
    # Title case capitalises only the first piece of "Co-workers": the word is the body's
    # "co-workers", one description, not a prefix "Co" and a bare "workers".
    kinds, _ = _headline_mentions(
        nlp,
        "Angry Clerk Threatens Co-workers\n"
        "A clerk threatened three co-workers at a warehouse on Friday. "
        "The co-workers called the police.\n",
    )
    assert kinds.get("Co-workers") == "nominal"
    assert "Co" not in kinds and "workers" not in kinds


def test_a_first_line_in_sentence_case_announces_what_the_body_introduces(nlp):
    # Not a title line (its case is the body's), but a line heading the text all the same:
    # the body's first "a teacher" is the teacher it announces.
    doc = nlp(
        "Police arrest teacher after crash on ring road\n"
        "A teacher was arrested on Monday after a crash on the ring road. "
        "Police said he had been drinking.\n"
    )
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc))
    pairs = [(mentions[k.mention].text, mentions[k.antecedent].text, k.sieve) for k in links]
    # (the parse may take in the line's other words: the first line's description of him)
    assert [b for a, b, sieve in pairs if a == "teacher" and sieve == "headline noun"]
    assert all(
        "teacher" in b for a, b, sieve in pairs if a == "teacher" and sieve == "headline noun"
    )


def test_one_of_several_in_a_title_line_is_not_the_body_s_first_of_its_kind(nlp):
    # "Second Teacher": the story may speak of the first teacher first.
    _, links = _headline_mentions(
        nlp,
        "Second Teacher Arrested After Crash\n"
        "A teacher was arrested on Sunday after a crash on the ring road. "
        "On Monday police arrested another teacher at the school.\n",
    )
    assert not [link for link in links if link[2] == "headline noun" and link[1] == "Teacher"]
    assert ("crash on the ring road", "Crash", "headline noun") in links  # the crash is one


def test_the_title_line_s_plural_is_the_body_s_first_plural(nlp):
    # "Two Nurses Hurt": the body's first "nurses", not its earlier "a nurse".
    _, links = _headline_mentions(
        nlp,
        "Two Nurses Hurt In Crash\n"
        "A nurse who saw the crash called an ambulance. Two nurses were taken to hospital.\n",
    )
    heads = [(a, b) for a, b, sieve in links if sieve == "headline noun"]
    assert heads and all("nurses" in a.lower() for a, _ in heads)


def test_a_sentence_s_capitalised_first_word_the_body_writes_in_lower_case_is_a_description(nlp):
    # "Climber" opens a sentence-case first line; the body writes "climber": its capital is its
    # place's, and the line's noun is the body's climber (a description, joined by the
    # headline noun sieve), not a name that would stand for no one.
    text = (
        "Climber dead after fall on glacier\n"
        "A 36-year-old climber died on Saturday after falling 150 metres on a glacier. "
        "The climber was found by a rescue team.\n"
    )
    doc = nlp(text)
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc))
    first = [m for m in mentions if m.start == 0]
    assert first and all(m.kind != ObjectKind.ENTITY for m in first)
    assert first[0].text == "Climber"
    pairs = [(mentions[k.mention].text, mentions[k.antecedent].text) for k in links]
    assert ("36-year-old climber", "Climber") in pairs


def test_a_sentence_s_first_word_the_body_never_writes_in_lower_case_stays_a_name(nlp):
    text = (
        "Hartley wins the regional final\n"
        "Hartley beat the holders 3-1 on Saturday. The club's coach praised Hartley.\n"
    )
    doc = nlp(text)
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    assert [m for m in mentions if m.start == 0 and m.kind == ObjectKind.ENTITY]


def test_a_capitalised_plural_of_a_title_line_is_the_body_s_first_plural(nlp):
    # The tagger reads "BELTS" as a verb, singular; the body writes "belts", an inflected form
    # of "belt", so the title line's word is plural and the body's first "belts" is the one
    # it announces.
    _, links = _headline_mentions(
        nlp,
        "BOXER RETAINS WORLD HEAVYWEIGHT BELTS\n"
        "The champion kept his world heavyweight belts on Saturday in Hamburg.\n",
    )
    assert [a for a, b, sieve in links if b == "BELTS" and sieve == "headline noun"]
