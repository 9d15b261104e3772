"""Resolution on hand-built extractions: no model, so the rules are pinned independent of parses."""

from __future__ import annotations

from dataclasses import replace

import pytest

from kg.resolve import normalise_name, resolve
from kg.types import (
    Argument,
    CorefLink,
    Document,
    Extraction,
    Mention,
    Role,
    Sentence,
    Triple,
)


def make_extraction(
    text: str, names: list[tuple[str, str]], facts=(), roles=(), doc_id=None, links=()
):
    """An Extraction of ``text`` whose sentences split at '. ' and whose entity mentions are the
    first occurrence (in order) of each (surface, NER label) in ``names``; ``links`` are the
    coreference stage's (mention, antecedent) pairs, by position in ``names``."""
    sentences, start = [], 0
    for index, chunk in enumerate(text.split(". ")):
        sentences.append(Sentence(index, start, start + len(chunk), chunk))
        start += len(chunk) + 2
    cursor = 0
    mentions = []
    for surface, label in names:
        begin = text.index(surface, cursor)
        cursor = begin + len(surface)
        sentence = next(s.index for s in sentences if s.start <= begin <= s.end)
        kind = "pronoun" if label == "PRON" else "entity"
        mentions.append(
            Mention(
                surface,
                begin,
                cursor,
                sentence,
                kind,
                "" if kind == "pronoun" else label,
                head=begin,
            )
        )
    document = Document(doc_id or str(hash(text)), "test.txt", text)
    triples = []
    for subject_index, relation, object_index in facts:
        subject, obj = mentions[subject_index], mentions[object_index]
        triples.append(
            Triple(
                Argument(subject.text, subject.start, subject.end, subject),
                relation,
                relation,
                Argument(obj.text, obj.start, obj.end, obj),
                sentences[subject.sentence],
                0.9,
            )
        )
    role_records = [Role(mentions[i], title, sentences[mentions[i].sentence]) for i, title in roles]
    coref = tuple(CorefLink(a, b, "pronoun", "a test's link") for a, b in links)
    return Extraction(
        document,
        tuple(sentences),
        tuple(m for m in mentions),
        tuple(triples),
        tuple(role_records),
        coref,
    )


def test_names_are_normalised_for_comparison():
    assert normalise_name("the U.S.") == "United States"
    assert normalise_name("China’s") == "China"
    assert normalise_name("Scott   Bessent") == "Scott Bessent"


def test_surname_title_and_pronoun_resolve_to_one_person():
    text = (
        "Treasury Secretary Scott Bessent met Li Chenggang in Kuala Lumpur. "
        "Bessent told reporters about the framework. He praised Li"
    )
    extraction = make_extraction(
        text,
        [
            ("Scott Bessent", "PERSON"),
            ("Li Chenggang", "PERSON"),
            ("Kuala Lumpur", "GPE"),
            ("Bessent", "ORG"),  # the small model tags bare surnames ORG at times
            ("He", "PRON"),
            ("Li", "PERSON"),
        ],
        facts=[(0, "meet", 1), (4, "praise", 5)],
        roles=[(0, "Treasury Secretary")],
        links=[(4, 0)],  # the coreference stage found "He" is Scott Bessent
    )
    corpus = resolve([extraction])
    people = {k: e for k, e in corpus.entities.items() if e.type == "Person"}
    assert sorted(people) == ["Li Chenggang", "Scott Bessent"]
    assert people["Scott Bessent"].aliases == ("Bessent",)
    assert people["Scott Bessent"].roles == ("Treasury Secretary",)
    assert any("Bessent" in reason for reason in people["Scott Bessent"].merge_reasons)
    facts = [(f.subject, f.triple.relation, f.object) for f in corpus.documents[0].facts]
    assert ("Scott Bessent", "praise", "Li Chenggang") in facts
    assert all(e.label.lower() not in {"he", "she", "it"} for e in corpus.entities.values())


def test_unresolvable_pronoun_drops_the_fact_instead_of_making_a_node():
    extraction = make_extraction(
        "The markets fell. They blamed China",
        [("They", "PRON"), ("China", "GPE")],
        facts=[(0, "blame", 1)],
    )
    corpus = resolve([extraction])
    assert corpus.documents[0].facts == ()
    assert "They" not in corpus.entities


def test_place_variants_are_one_place_and_the_white_house_stays_itself():
    text = "The US and the U.S. Treasury. The United States spoke. The White House agreed"
    extraction = make_extraction(
        text,
        [
            ("US", "GPE"),
            ("the U.S.", "GPE"),
            ("The United States", "GPE"),
            ("The White House", "ORG"),
        ],
    )
    corpus = resolve([extraction])
    assert corpus.entities["United States"].type == "Place"
    assert set(corpus.entities["United States"].aliases) >= {"US", "the U.S."}
    assert corpus.entities["White House"].type == "Organization"


def test_type_vote_makes_a_person_of_a_surname_tagged_org():
    text = "President Donald Trump spoke. Trump threatened tariffs. Trump left"
    extraction = make_extraction(
        text, [("Donald Trump", "PERSON"), ("Trump", "ORG"), ("Trump", "ORG")]
    )
    corpus = resolve([extraction])
    assert list(corpus.entities) == ["Donald Trump"]
    assert corpus.entities["Donald Trump"].type == "Person"


def test_same_person_named_differently_in_two_documents_is_one_node():
    first = make_extraction(
        "Maria Lopez won the vote in Texas",
        [("Maria Lopez", "PERSON"), ("Texas", "GPE")],
        doc_id="a",
    )
    second = make_extraction(
        "Lopez thanked voters in Texas", [("Lopez", "PERSON"), ("Texas", "GPE")], doc_id="b"
    )
    corpus = resolve([first, second])
    assert sorted(corpus.entities) == ["Maria Lopez", "Texas"]
    assert corpus.documents[1].mentions[0].key == "Maria Lopez"
    (reason,) = [r for r in corpus.entities["Maria Lopez"].merge_reasons if "Lopez" in r]
    assert "seen with 1 of the same names" in reason


def test_a_surname_in_an_unrelated_document_stays_apart():
    # "LaCalamita is charged" must not become the suspect's wife of another story: the two
    # documents share nothing but the surname.
    first = make_extraction(
        "Anna LaCalamita spoke in Warren", [("Anna LaCalamita", "PERSON"), ("Warren", "GPE")]
    )
    second = make_extraction(
        "LaCalamita was charged in Detroit", [("LaCalamita", "PERSON"), ("Detroit", "GPE")]
    )
    corpus = resolve([first, second])
    assert "LaCalamita" in corpus.entities and "Anna LaCalamita" in corpus.entities


def test_acronym_and_letter_case_join_across_documents_with_context():
    first = make_extraction(
        "Advanced Micro Devices bought SeaMicro",
        [("Advanced Micro Devices", "ORG"), ("SeaMicro", "ORG")],
        doc_id="a",
    )
    second = make_extraction(
        "AMD paid for SEAMICRO", [("AMD", "ORG"), ("SEAMICRO", "ORG")], doc_id="b"
    )
    corpus = resolve([first, second])
    assert sorted(corpus.entities) == ["Advanced Micro Devices", "SeaMicro"]
    keys = {m.text: m.key for m in corpus.documents[1].mentions}
    assert keys == {"AMD": "Advanced Micro Devices", "SEAMICRO": "SeaMicro"}


def test_an_acronym_joins_its_expansion_before_a_longer_name_ending_in_it():
    """ "GLC" is an acronym: the Great Lakes Commission other documents write out, not the
    "Urgent GLC" of a line whose adjective the recogniser took into its name, which only ends
    in it."""

    def keys(*, expanded: bool) -> dict[str, str]:
        documents = [
            make_extraction(
                "Urgent GLC notice reached Tom Varga",
                [("Urgent GLC", "ORG"), ("Tom Varga", "PERSON")],
                doc_id="a",
            )
        ]
        if expanded:
            documents.append(
                make_extraction(
                    "The Great Lakes Commission warned Tom Varga",
                    [("Great Lakes Commission", "ORG"), ("Tom Varga", "PERSON")],
                    doc_id="b",
                )
            )
        documents.append(
            make_extraction("GLC fined Tom Varga", [("GLC", "ORG"), ("Tom Varga", "PERSON")])
        )
        corpus = resolve(documents)
        return {m.text: m.key for m in corpus.documents[-1].mentions}

    assert keys(expanded=True)["GLC"] == "Great Lakes Commission"
    # With no expansion written anywhere, the longer name ending in it is still taken.
    assert keys(expanded=False)["GLC"] == "Urgent GLC"


def test_an_acronym_keeps_the_letter_of_a_titles_the():
    """ "TMG" for "The Morning Gazette": the name is kept without its "The", its acronym not."""

    def corpus(long: str, label: str = "ORG") -> list[str]:
        first = make_extraction(
            f"The {long} reviewed Harbour Lights",
            [(long, label), ("Harbour Lights", "WORK_OF_ART")],
        )
        second = make_extraction(
            "TMG panned Harbour Lights", [("TMG", "ORG"), ("Harbour Lights", "WORK_OF_ART")]
        )
        return sorted(resolve([first, second]).entities)

    assert corpus("Morning Gazette") == ["Harbour Lights", "Morning Gazette"]
    # A place is no title whose "The" an acronym keeps ("the Middle Glades").
    assert corpus("Middle Glades", "LOC") == ["Harbour Lights", "Middle Glades", "TMG"]


def test_two_people_sharing_a_surname_in_different_documents_stay_apart():
    first = make_extraction("Maria Lopez won the vote", [("Maria Lopez", "PERSON")], doc_id="a")
    second = make_extraction("Carlos Lopez lost the vote", [("Carlos Lopez", "PERSON")], doc_id="b")
    third = make_extraction("Lopez spoke", [("Lopez", "PERSON")], doc_id="c")
    corpus = resolve([first, second, third])
    # The bare "Lopez" matches two people: the homonym guard keeps it apart from both.
    assert sorted(corpus.entities) == ["Carlos Lopez", "Lopez", "Maria Lopez"]


def _concept(text: str, start: int, sentence: int, key: str = "") -> Mention:
    return Mention(text, start, start + len(text), sentence, "concept", "", key or text.lower())


def test_capitalised_concept_that_names_a_known_entity_becomes_that_entity():
    text = "Scott Bessent arrived. Bessent told reporters"
    base = make_extraction(text, [("Scott Bessent", "PERSON")])
    subject = _concept("Bessent", text.index("Bessent told"), 1)
    obj = _concept("reporters", text.index("reporters"), 1, key="reporter")
    triple = Triple(
        Argument(subject.text, subject.start, subject.end, subject),
        "tell",
        "told",
        Argument(obj.text, obj.start, obj.end, obj),
        base.sentences[1],
        0.9,
    )
    corpus = resolve([Extraction(base.document, base.sentences, base.mentions, (triple,))])
    (fact,) = corpus.documents[0].facts
    assert fact.subject == "Scott Bessent"
    # The undescribed "reporters" is a node of this document typed by its shared head concept,
    # not a corpus-wide "reporter" node.
    reporters = corpus.entities[fact.object]
    assert (reporters.type, reporters.label, reporters.concept) == (
        "Nominal",
        "reporters",
        "concept:reporter",
    )
    assert base.document.id[:16] in fact.object
    assert corpus.entities["concept:reporter"].type == "Concept"


def test_concept_key_drops_numbers_and_symbols():
    from kg.resolve import concept_key

    assert concept_key(_concept("100% tariffs", 0, 0, key="100 % tariff")) == "concept:tariff"


def test_pronoun_object_never_resolves_to_its_own_subject():
    text = "The truce ends soon. The White House may extend it"
    extraction = make_extraction(
        text, [("The White House", "ORG"), ("it", "PRON")], facts=[(0, "extend", 1)]
    )
    corpus = resolve([extraction])
    assert corpus.documents[0].facts == ()


def test_user_alias_file_forces_a_merge_and_a_split(tmp_path):
    from kg.resolve import load_alias_rules

    rules_file = tmp_path / "aliases.csv"
    rules_file.write_text(
        "name,canonical,relation\nPOTUS,Donald Trump,same\nLopez,Maria Lopez,different\n",
        encoding="utf-8",
    )
    rules = load_alias_rules(rules_file)
    first = make_extraction(
        "Donald Trump spoke. POTUS left", [("Donald Trump", "PERSON"), ("POTUS", "ORG")], doc_id="a"
    )
    second = make_extraction("Maria Lopez won", [("Maria Lopez", "PERSON")], doc_id="b")
    third = make_extraction("Lopez spoke", [("Lopez", "PERSON")], doc_id="c")
    corpus = resolve([first, second, third], rules=rules)
    assert "POTUS" in corpus.entities["Donald Trump"].aliases
    assert "user alias: 'POTUS' is 'Donald Trump'" in dict(corpus.documents[0].merges).values()
    # Without the rule the unique surname would merge; the user said these are different.
    assert "Lopez" in corpus.entities and "Maria Lopez" in corpus.entities


def test_alias_turtle_file_and_bad_rows_are_reported(tmp_path):
    from kg.errors import KgError
    from kg.resolve import load_alias_rules

    turtle = tmp_path / "aliases.ttl"
    turtle.write_text(
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .\n"
        '<urn:x:t> rdfs:label "Donald Trump" ; skos:altLabel "The Donald" .\n',
        encoding="utf-8",
    )
    assert load_alias_rules(turtle).same == {"Donald": "Donald Trump"}
    bad = tmp_path / "bad.csv"
    bad.write_text("only-one-cell\n", encoding="utf-8")
    with pytest.raises(KgError, match=r"bad.csv:1: expected name,canonical"):
        load_alias_rules(bad)


def test_a_ship_is_a_thing_whatever_the_recogniser_said():
    extraction = make_extraction(
        "INS Sukanya foiled the attack. Sukanya sailed on",
        [("INS Sukanya", "PERSON"), ("Sukanya", "PERSON")],
    )
    entities = resolve([extraction]).entities
    assert entities["INS Sukanya"].type == "Thing"
    assert "Sukanya" not in entities or entities["Sukanya"].type != "Person"


def test_a_name_two_documents_call_a_work_is_one_whatever_the_recogniser_said():
    """The small model tags a film's title a person ("Silver Harbor" PERSON): two documents
    calling it the sequel and the novel make it a work. One document calling a name a film
    may misread it; a title that is a person's name, given a sex by its mentions, stays the
    person's ("Nora Finch", a biopic); and a country's name stays the country's."""
    first = make_extraction(
        "Rowan Vale will direct the sequel, Silver Harbor. Marlow Reach opens in May",
        [("Rowan Vale", "PERSON"), ("Silver Harbor", "PERSON"), ("Marlow Reach", "PERSON")],
        roles=[(1, "sequel"), (2, "film")],
    )
    second = make_extraction(
        "Silver Harbor, the second novel of the series, sold well",
        [("Silver Harbor", "PERSON")],
        roles=[(0, "novel")],
    )
    biopics = [
        make_extraction(
            f"Nora Finch, the film, opens in {town}. Australia, the film, opens too",
            [("Nora Finch", "PERSON"), ("Australia", "GPE")],
            roles=[(0, "film"), (1, "film")],
        )
        for town in ("Leeds", "York")
    ]
    entities = resolve([first, second, *biopics]).entities
    assert entities["Silver Harbor"].type == "Work"
    assert entities["Marlow Reach"].type == "Person"
    assert entities["Nora Finch"].type == "Person"
    assert entities["Australia"].type == "Place"


def test_a_description_joins_no_work_that_one_document_titles_so():
    """ "The second book, Silver Harbor" titles the work once; "the book" of another report
    of the same people may be another of its series, and stays a node of its own (a person
    titled once is taken: test_described_across_documents)."""
    people = [
        ("Rowan Vale", "PERSON"),
        ("Ada Crane", "PERSON"),
        ("Tom Reed", "PERSON"),
        ("Northgate", "ORG"),
        ("Leeds", "GPE"),
    ]
    titled = make_extraction(
        "The second book, Silver Harbor, sold well for Rowan Vale, Ada Crane, Tom Reed and "
        "Northgate in Leeds",
        [("Silver Harbor", "PERSON"), *people],
        roles=[(0, "second book"), (2, "author")],
        doc_id="titled",
    )
    sequel = make_extraction(
        "Silver Harbor, the sequel by Ada Crane, opens in Leeds",
        [("Silver Harbor", "PERSON"), ("Ada Crane", "PERSON"), ("Leeds", "GPE")],
        roles=[(0, "sequel"), (1, "author")],
        doc_id="sequel",
    )
    nameless = make_extraction(
        "The book sold well for Rowan Vale, Ada Crane, Tom Reed and Northgate in Leeds",
        people,
        doc_id="nameless",
    )
    book = Mention("The book", 0, 8, 0, "concept", key="book", head=4)
    nameless = replace(nameless, mentions=(book, *nameless.mentions))
    entities = resolve([titled, sequel, nameless]).entities
    assert entities["Silver Harbor"].type == "Work"
    assert "nominal:nameless:The book" in entities  # a node of its own, not joined


def test_a_name_written_as_a_place_is_one_whatever_the_recogniser_said():
    """The small model tags a town a body where it is a word of a phrase ("a Huntsville
    prison", ORG): a document writing it within a state ("Huntsville, Texas") makes it a
    place, when the recogniser tags it a place somewhere; so does a person's home after their
    age ("Dana Reyes, 66, of Burnsville"), whatever the tags. A body written before a state
    and never tagged a place stays a body, a person's name with a given name stays a person's,
    and a town written only before a person's noun keeps its tags."""
    prison = make_extraction(
        "Guards at a Huntsville prison and at Redline Telecom, Texas were questioned. The "
        "Huntsville warden resigned and Mark Rockwell, Texas said nothing",
        [
            ("Huntsville", "ORG"),
            ("Redline Telecom", "ORG"),
            ("Texas", "GPE"),
            ("Huntsville", "ORG"),
            ("Mark Rockwell", "PERSON"),
            ("Texas", "GPE"),
        ],
    )
    transfer = make_extraction(
        "The inmate was moved from Huntsville, Texas. Mark Rockwell was there",
        [("Huntsville", "GPE"), ("Texas", "GPE"), ("Mark Rockwell", "GPE")],
    )
    crash = make_extraction(
        "Dana Reyes, 66, of Burnsville was struck on Friday. A Lakeville woman saw it",
        [("Dana Reyes", "PERSON"), ("Burnsville", "PERSON"), ("Lakeville", "PERSON")],
    )
    entities = resolve([prison, transfer, crash]).entities
    assert entities["Huntsville"].type == "Place"
    assert entities["Burnsville"].type == "Place"
    assert entities["Redline Telecom"].type == "Organization"
    assert entities["Mark Rockwell"].type == "Person"
    assert entities["Lakeville"].type == "Person"


def test_a_name_written_with_a_legal_form_is_a_company_whatever_the_recogniser_said():
    """The small model tags a company named after its founder a person ("Corwin Hale
    Diamonds", PERSON) and a dairy a place ("Brindle Dairy", GPE) in most of their mentions:
    one document writing the name with a company's legal form ("Corp.", "Inc.") makes it a
    company. The founder, named without one, stays a person."""
    filing = make_extraction(
        "Corwin Hale Diamonds Corp.'s Paris store was robbed, and Brindle Dairy Inc. was sold",
        [("Corwin Hale Diamonds Corp.'s", "PERSON"), ("Brindle Dairy Inc.", "ORG")],
    )
    robbery = make_extraction(
        "Thieves robbed Corwin Hale Diamonds in Paris. Corwin Hale founded it. Corwin Hale "
        "Diamonds said nothing",
        [
            ("Corwin Hale Diamonds", "PERSON"),
            ("Paris", "GPE"),
            ("Corwin Hale", "PERSON"),
            ("Corwin Hale Diamonds", "PERSON"),
        ],
    )
    dairy = make_extraction(
        "Workers left Brindle Dairy on Monday and Brindle Dairy closed",
        [("Brindle Dairy", "GPE"), ("Brindle Dairy", "GPE")],
    )
    entities = resolve([filing, robbery, dairy]).entities
    assert entities["Corwin Hale Diamonds"].type == "Organization"
    assert entities["Brindle Dairy"].type == "Organization"
    assert entities["Corwin Hale"].type == "Person"


def test_a_source_that_is_no_person_is_an_outlet_whatever_the_recogniser_said():
    """The small model tags a magazine a person ("told Brightwater", PERSON) and an agency a
    thing: a name a statement is given to, who reports a story or according to whom it is,
    is an outlet, when nothing says it is a person. A person is told things too: one with a
    given name, one "she" is said of, one with a person's title; a name reported on ("Hallam
    was reported missing") is no source, nor one written before the noun it qualifies
    ("according to Vantor officials")."""
    sources = make_extraction(
        "Her publicist told Brightwater she was resting. Kestrel-Nord reported that the tour "
        "was off, according to Lumen Daily. The singer said in a statement to Tolo Nine that "
        "she was well",
        [
            ("Brightwater", "PERSON"),
            ("Kestrel-Nord", "PRODUCT"),
            ("Lumen Daily", "WORK_OF_ART"),
            ("Tolo Nine", "PERSON"),
        ],
    )
    people = make_extraction(
        "The manager told Mark Ellison the news. He told Marlowe she would stay and she smiled. "
        "Hallam was reported missing, according to Vantor officials. Mayor Tarrow said "
        "nothing, and the police told Tarrow",
        [
            ("Mark Ellison", "PERSON"),
            ("Marlowe", "PERSON"),
            ("she", "PRON"),
            ("she", "PRON"),
            ("Hallam", "PERSON"),
            ("Vantor", "PERSON"),
            ("Tarrow", "PERSON"),
            ("Tarrow", "PERSON"),
        ],
        links=[(2, 1), (3, 1)],
        roles=[(6, "mayor")],
    )
    entities = resolve([sources, people]).entities
    for outlet in ("Brightwater", "Kestrel-Nord", "Lumen Daily", "Tolo Nine"):
        assert entities[outlet].type == "Organization", outlet
    for person in ("Mark Ellison", "Marlowe", "Hallam", "Vantor", "Tarrow"):
        assert entities[person].type == "Person", person


def test_a_name_called_she_twice_is_a_person_whatever_the_recogniser_said():
    """The small model tags a woman's name an organisation ("Mara Quill" ORG): "she" and "her"
    said of it make it a person. One "he" put on a newspaper may be a misreading, and leaves
    it the body the recogniser said; and a ship is "she" too."""
    writer = make_extraction(
        "Mara Quill wrote the column. She said her editor agreed",
        [("Mara Quill", "ORG"), ("She", "PRON"), ("her", "PRON")],
        links=[(1, 0), (2, 0)],
    )
    paper = make_extraction(
        "The Lantern printed it. He said nothing",
        [("The Lantern", "ORG"), ("He", "PRON")],
        links=[(1, 0)],
    )
    ship = make_extraction(
        "HMS Ardent left port. She sailed at dawn and her crew cheered",
        [("HMS Ardent", "ORG"), ("She", "PRON"), ("her", "PRON")],
        links=[(1, 0), (2, 0)],
    )
    entities = resolve([writer, paper, ship]).entities
    assert entities["Mara Quill"].type == "Person"
    assert entities["Lantern"].type == "Organization"
    assert entities["HMS Ardent"].type != "Person"


def test_a_surname_tagged_a_person_makes_a_person_of_a_name_the_recogniser_missed():
    """ "The Sixers fired Mo Cheeks. Cheeks said little": the recogniser missed "Mo Cheeks" (no
    type), and tagged "Cheeks" alone a person; the two are one person. A place named by one
    word of an untyped name stays apart: only a person's word joins it."""
    extraction = make_extraction(
        "The Sixers fired Mo Cheeks. Cheeks said little. Visitors of Grand Rapids like Rapids",
        [("Mo Cheeks", ""), ("Cheeks", "PERSON"), ("Grand Rapids", ""), ("Rapids", "GPE")],
    )
    corpus = resolve([extraction])
    assert corpus.entities["Mo Cheeks"].type == "Person"
    assert corpus.entities["Mo Cheeks"].aliases == ("Cheeks",)
    assert "Cheeks" not in corpus.entities
    assert "Rapids" in corpus.entities and corpus.entities["Rapids"].type == "Place"


def _three_shared(doc_id: str, text: str, names: list[tuple[str, str]]):
    """An extraction whose names include three that the other documents share."""
    shared = [("Bern", "GPE"), ("Acme", "ORG"), ("Zurich", "GPE")]
    return make_extraction(text + ". Bern, Acme and Zurich", names + shared, doc_id=doc_id)


def test_a_place_joins_a_person_of_another_document_only_as_a_surname():
    """The recogniser types a bare surname a place at times ("Lohan"), so a one-word place may
    join a person named in full elsewhere, on enough shared context, by the surname: not by a
    first word ("Alaska" of a newspaper it took for a person), and not by an office written
    after a place ("Brooklyn Councilman")."""
    person = _three_shared("a", "Lindsay Lohan spoke", [("Lindsay Lohan", "PERSON")])
    surname = _three_shared("b", "Lohan was seen", [("Lohan", "GPE")])
    paper = _three_shared("c", "Alaska Dispatch reported it", [("Alaska Dispatch", "PERSON")])
    state = _three_shared("d", "It burned in Alaska", [("Alaska", "GPE")])
    office = _three_shared("e", "Brooklyn Councilman spoke", [("Brooklyn Councilman", "PERSON")])
    borough = _three_shared("f", "It rained in Brooklyn", [("Brooklyn", "GPE")])
    corpus = resolve([person, surname, paper, state, office, borough])
    keys = {d.extraction.document.id: d.mentions[0].key for d in corpus.documents}
    assert keys["b"] == "Lindsay Lohan"
    assert keys["d"] == "Alaska" and corpus.entities["Alaska"].type == "Place"
    assert keys["f"] == "Brooklyn" and corpus.entities["Brooklyn"].type == "Place"


def test_a_surname_written_alone_votes_for_its_person_whatever_its_label():
    """The small model tags a boxer's bare surname a nationality (NORP) more often than not: in
    a chain with the full name, it is the person's surname, and the node stays a Person."""
    text = "Wladimir Klitschko won. Klitschko smiled. Klitschko left. Klitschko waved"
    extraction = make_extraction(
        text,
        [
            ("Wladimir Klitschko", "PERSON"),
            ("Klitschko", "NORP"),
            ("Klitschko", "NORP"),
            ("Klitschko", "NORP"),
        ],
        links=[(1, 0), (2, 0), (3, 0)],
    )
    corpus = resolve([extraction])
    assert corpus.entities["Wladimir Klitschko"].type == "Person"


def test_a_surname_read_as_a_nationality_joins_its_person_of_another_document():
    """The small model tags a bare "Klitschko" a nationality (NORP): it is no known one, and a
    person of another document sharing its context ends with it, so it is his surname; a
    real nationality stays a group of people."""
    person = _three_shared("a", "Wladimir Klitschko won", [("Wladimir Klitschko", "PERSON")])
    surname = _three_shared("b", "Klitschko won", [("Klitschko", "NORP")])
    nationality = _three_shared("d", "A Ukrainian won", [("Ukrainian", "NORP")])
    corpus = resolve([person, surname, nationality])
    keys = {d.extraction.document.id: d.mentions[0].key for d in corpus.documents}
    assert keys["b"] == "Wladimir Klitschko"
    assert "seen with" in next(
        r for r in corpus.entities[keys["b"]].merge_reasons if "'Klitschko'" in r
    )
    assert keys["d"] == "Ukrainian" and corpus.entities["Ukrainian"].type == "Group"


def test_a_name_in_capitals_is_compared_with_the_names_it_shares_a_word_with_or_abbreviates():
    """The index a document's names are grouped with: a name in capitals may be an acronym of a
    cluster that shares no word with it, or the same name in other letters; no other cluster
    can be its alias, so none is offered."""
    from kg.coref.names import NameCluster, NameIndex

    index = NameIndex()
    for name in ("World Trade Organization", "Scott Bessent", "Wall Street", "Trade Desk"):
        index.add(NameCluster(name=name))
    assert [c.name for c in index.candidates("WTO")] == ["World Trade Organization"]
    assert [c.name for c in index.candidates("TRADE")] == ["World Trade Organization", "Trade Desk"]
    assert [c.name for c in index.candidates("WS")] == ["Wall Street"]
    assert [c.name for c in index.candidates("Bessent")] == ["Scott Bessent"]
    assert index.candidates("IMF") == []


def test_shared_context_leaves_out_the_entity_and_the_noun():
    """_shared counts what ``len((known & context) - {key.lower(), noun})`` counts, without
    making the second set: the entity's own name and the description's noun are not shared
    context, each counted out once, whichever of them the two contexts hold."""
    from kg.resolve import _shared

    known = {"salahuddin", "candidate", "dhaka", "election", "bnp"}
    context = {"salahuddin", "candidate", "dhaka", "election", "vote"}
    cases = [
        ("Salahuddin", "candidate"),  # both in common: two counted out
        ("Salahuddin", "leader"),  # the name only
        ("Sheikh Hasina", "candidate"),  # the noun only
        ("Sheikh Hasina", "leader"),  # neither
        ("Candidate", "candidate"),  # the name is the noun: counted out once
    ]
    for key, noun in cases:
        assert _shared(known, context, key, noun) == len((known & context) - {key.lower(), noun})
    assert _shared(frozenset(), context, "Salahuddin", "candidate") == 0


def test_a_naming_link_may_join_two_peoples_names_another_link_may_not():
    """ "Karim Abdul Salem, once named H. Rex Brown": the text states the identity (the naming
    sieve), so two full names join, as an apposition's do; a link by salience may not."""
    text = "Karim Abdul Salem, once named H. Rex Brown, was convicted"
    names = [("Karim Abdul Salem", "PERSON"), ("H. Rex Brown", "PERSON")]

    def people(sieve: str) -> list[str]:
        extraction = make_extraction(text, names)
        link = CorefLink(1, 0, sieve, "a test's link")
        corpus = resolve([replace(extraction, links=(link,))])
        return sorted(k for k, e in corpus.entities.items() if e.type == "Person")

    assert people("naming") == ["Karim Abdul Salem"]
    assert people("description") == ["H. Rex Brown", "Karim Abdul Salem"]
