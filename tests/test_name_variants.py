"""Ways of writing a person's name: a surname several people of a story share, a generation's
numeral, a nickname inside the name (hand-built extractions, sentences written for these tests)."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc
from test_resolve import make_extraction

from kg.extract.arguments import name_tokens
from kg.extract.tokens import span_text_at
from kg.resolve import normalise_name, resolve


def _keys(corpus, document: int = 0) -> list[tuple[str, str]]:
    return [(m.text, m.key) for m in corpus.documents[document].mentions]


def _entities(*documents: tuple[str, str, str]) -> list[str]:
    """The entities of documents, each a sentence with a person's name and a place, both as
    written in it, resolved together."""
    extractions = [
        make_extraction(text, [(person, "PERSON"), (place, "GPE")], doc_id=f"d{number}")
        for number, (text, person, place) in enumerate(documents)
    ]
    return sorted(resolve(extractions).entities)


def test_a_shared_surname_names_the_person_named_first_and_most_in_full():
    text = (
        "Walter Brennan opened the bakery on Monday. Walter Brennan hired four bakers. "
        "His sister Ruth Brennan kept the books. Brennan thanked the town"
    )
    extraction = make_extraction(
        text,
        [
            ("Walter Brennan", "PERSON"),
            ("Walter Brennan", "PERSON"),
            ("Ruth Brennan", "PERSON"),
            ("Brennan", "PERSON"),
        ],
    )
    corpus = resolve([extraction])
    assert ("Brennan", "Walter Brennan") in _keys(corpus)
    assert ("Brennan", "Ruth Brennan") not in _keys(corpus)
    assert "Brennan" not in corpus.entities

    # A story may open on its victim: named first is not enough, each is named in full once.
    text = (
        "The body of Carla Moss was found in a barn. Police arrested Dean Moss at dawn. "
        "Moss was charged on Friday"
    )
    extraction = make_extraction(
        text, [("Carla Moss", "PERSON"), ("Dean Moss", "PERSON"), ("Moss", "PERSON")]
    )
    corpus = resolve([extraction])
    keys = dict(_keys(corpus)[2:])
    assert keys["Moss"] not in ("Carla Moss", "Dean Moss")

    # Nor is named most enough: the surname is no one the story names in full only after it.
    text = (
        "Brennan opened the bakery on Monday. Walter Brennan hired four bakers. "
        "Walter Brennan was pleased. His sister Ruth Brennan kept the books"
    )
    extraction = make_extraction(
        text,
        [
            ("Brennan", "PERSON"),
            ("Walter Brennan", "PERSON"),
            ("Walter Brennan", "PERSON"),
            ("Ruth Brennan", "PERSON"),
        ],
    )
    corpus = resolve([extraction])
    assert ("Brennan", "Walter Brennan") not in _keys(corpus)


def test_a_shared_surname_on_a_tie_names_the_one_person_met_before_it():
    # Named in full as often as his sister, but she comes in only after the surname alone:
    # a reader reading "Brennan" has met Walter alone.
    text = (
        "Walter Brennan opened the bakery on Monday. Brennan hired four bakers. "
        "Brennan thanked the town. His sister Ruth Brennan kept the books"
    )
    extraction = make_extraction(
        text,
        [
            ("Walter Brennan", "PERSON"),
            ("Brennan", "PERSON"),
            ("Brennan", "PERSON"),
            ("Ruth Brennan", "PERSON"),
        ],
    )
    corpus = resolve([extraction])
    assert _keys(corpus).count(("Brennan", "Walter Brennan")) == 2
    assert ("Brennan", "Ruth Brennan") not in _keys(corpus)

    # Both met before the surname alone, once each: still a tie, no one's.
    text = (
        "Walter Brennan opened the bakery on Monday. His sister Ruth Brennan kept the books. "
        "Brennan thanked the town"
    )
    extraction = make_extraction(
        text, [("Walter Brennan", "PERSON"), ("Ruth Brennan", "PERSON"), ("Brennan", "PERSON")]
    )
    corpus = resolve([extraction])
    keys = dict(_keys(corpus))
    assert keys["Brennan"] not in ("Walter Brennan", "Ruth Brennan")


def test_a_generation_numeral_after_a_persons_name_is_no_part_of_it():
    assert normalise_name("Peter Lacroix III") == "Peter Lacroix"
    assert normalise_name("Peter Lacroix II") == "Peter Lacroix"
    # Not after a given name and a surname: a war, a division, a king, a pope.
    assert normalise_name("World War II") == "World War II"
    assert normalise_name("Division II") == "Division II"
    assert normalise_name("Henry IV") == "Henry IV"
    assert normalise_name("John Paul II") == "John Paul II"


def test_a_person_written_with_and_without_a_generation_numeral_is_one_node():
    entities = _entities(
        ("Peter Lacroix III was charged in Dayton", "Peter Lacroix III", "Dayton"),
        ("Peter Lacroix pleaded guilty in Dayton", "Peter Lacroix", "Dayton"),
    )
    assert entities == ["Dayton", "Peter Lacroix"]


def test_a_nickname_inside_a_persons_name_is_no_part_of_it():
    assert normalise_name('Frank "The Fox" Moretti') == "Frank Moretti"
    assert normalise_name("Frank 'Fox' Moretti") == "Frank Moretti"
    assert normalise_name("Frank “The Fox” Moretti") == "Frank Moretti"
    assert normalise_name("Luis Alberto (Lou) Carrera") == "Luis Alberto Carrera"
    # Not in a title, which opens with no given name.
    assert normalise_name("Another 'Star Wars' Film") == "Another 'Star Wars' Film"


def test_a_person_written_with_two_forms_of_a_nickname_is_one_node():
    entities = _entities(
        ('Frank "The Fox" Moretti died in Queens', 'Frank "The Fox" Moretti', "Queens"),
        ("Frank 'Fox' Moretti was buried in Queens", "Frank 'Fox' Moretti", "Queens"),
    )
    assert entities == ["Frank Moretti", "Queens"]


def test_a_nickname_another_document_writes_inside_a_name_is_that_person():
    full = ('Frank "The Fox" Moretti died in Queens', 'Frank "The Fox" Moretti', "Queens")
    alone = ("The Fox was buried in Queens", "Fox", "Queens")
    before_surname = ("Fox Moretti ran a bakery in Queens", "Fox Moretti", "Queens")
    assert _entities(full, alone) == ["Frank Moretti", "Queens"]
    assert _entities(full, before_surname) == ["Frank Moretti", "Queens"]


def test_a_nickname_stays_itself_when_two_people_have_it_or_nothing_is_shared():
    frank = ('Frank "The Fox" Moretti died in Queens', 'Frank "The Fox" Moretti', "Queens")
    paul = ("Paul 'Fox' Rinaldi lived in Queens", "Paul 'Fox' Rinaldi", "Queens")
    alone = ("The Fox was buried in Queens", "Fox", "Queens")
    assert _entities(frank, paul, alone) == ["Fox", "Frank Moretti", "Paul Rinaldi", "Queens"]
    elsewhere = ("Fox sang in Dublin", "Fox", "Dublin")
    assert _entities(frank, elsewhere) == ["Dublin", "Fox", "Frank Moretti", "Queens"]


def test_an_office_before_a_surname_is_a_way_of_writing_a_persons_name():
    jerry = ("Jerry Ortiz patrolled Hawaiian Gardens", "Jerry Ortiz", "Hawaiian Gardens")
    deputy = ("Deputy Ortiz was shot in Hawaiian Gardens", "Deputy Ortiz", "Hawaiian Gardens")
    assert _entities(jerry, deputy) == ["Hawaiian Gardens", "Jerry Ortiz"]
    # A given name is no office: two people of one surname stay two.
    rosa = ("Rosa Ortiz spoke in Hawaiian Gardens", "Rosa Ortiz", "Hawaiian Gardens")
    assert _entities(jerry, rosa) == ["Hawaiian Gardens", "Jerry Ortiz", "Rosa Ortiz"]


def test_a_surname_joins_the_person_with_a_given_name_not_words_the_recogniser_took_for_one():
    """ "Having Marlow host was a coup" tagged a person: the clause's first words are no namesake
    of Hugh Marlow, so "Marlow" in a third document is Hugh Marlow, not left unsure between the
    two. Two people with given names still keep a bare surname apart (the homonym guard)."""
    hugh = ("Hugh Marlow hosted the show in Sydney", "Hugh Marlow", "Sydney")
    having = ("Having Marlow host was a coup in Sydney", "Having Marlow", "Sydney")
    bare = ("Marlow danced in Sydney", "Marlow", "Sydney")
    assert _entities(hugh, having, bare) == ["Having Marlow", "Hugh Marlow", "Sydney"]
    anne = ("Anne Marlow sang in Sydney", "Anne Marlow", "Sydney")
    assert _entities(hugh, anne, bare) == ["Anne Marlow", "Hugh Marlow", "Marlow", "Sydney"]
    # A given name of either sex is a given name too ("Chris", as lexicon.given_name reads it).
    chris = ("Chris Marlow sang in Sydney", "Chris Marlow", "Sydney")
    assert _entities(hugh, chris, bare) == ["Chris Marlow", "Hugh Marlow", "Marlow", "Sydney"]


def test_a_name_written_twice_with_a_dash_between_is_written_once():
    assert normalise_name("Oscar Delgado-Oscar Delgado") == "Oscar Delgado"
    assert normalise_name("Oscar Delgado – Oscar Delgado") == "Oscar Delgado"
    # A place of one word doubled is a name of its own, and two names are two.
    assert normalise_name("Wagga-Wagga") == "Wagga-Wagga"
    assert normalise_name("Oscar Delgado-Rita Delgado") == "Oscar Delgado-Rita Delgado"


def test_a_person_named_twice_in_a_headline_is_the_person_named_once():
    entities = _entities(
        ("Oscar Delgado-Oscar Delgado dies in Tucson", "Oscar Delgado-Oscar Delgado", "Tucson"),
        ("Oscar Delgado was buried in Tucson", "Oscar Delgado", "Tucson"),
    )
    assert entities == ["Oscar Delgado", "Tucson"]


def _name_of(words: list[str], spaces: list[bool]) -> str:
    doc = Doc(spacy.blank("en").vocab, words=words, spaces=spaces)
    return span_text_at(name_tokens(list(doc), "ORG"))[0]


def test_a_score_after_a_teams_name_is_no_part_of_it():
    assert _name_of(["Dayton", "64", "-", "58"], [True, False, False, False]) == "Dayton"
    assert _name_of(["Dayton", "64-58"], [True, False]) == "Dayton"
    # A product's number, a range of years and a model's series are parts of their names.
    assert _name_of(["Windows", "7"], [True, False]) == "Windows 7"
    assert _name_of(["Expo", "1998", "-", "2001"], [True, False, False, False]) == (
        "Expo 1998-2001"
    )
    assert _name_of(["Boeing", "747", "-", "400"], [True, False, False, False]) == (
        "Boeing 747-400"
    )
    assert _name_of(["Dayton", "58", "-", "64"], [True, False, False, False]) == "Dayton 58-64"


def test_a_two_letter_short_form_no_table_lists_is_read_as_an_initial():
    """ "Ro Hadley" is "Roland Hadley" written short, as "R. Hadley" would be: two letters that
    are no given name of their own, with the other's initial, same surname, shared context."""
    roland = ("Roland Hadley coached in Fresno", "Roland Hadley", "Fresno")
    ro = ("Ro Hadley was hired in Fresno", "Ro Hadley", "Fresno")
    assert _entities(roland, ro) == ["Fresno", "Roland Hadley"]
    # Another initial is another person; a two-letter given name is a name of its own.
    dennis = ("Dennis Hadley coached in Fresno", "Dennis Hadley", "Fresno")
    assert _entities(dennis, ro) == ["Dennis Hadley", "Fresno", "Ro Hadley"]
    di = ("Di Hadley was hired in Fresno", "Di Hadley", "Fresno")
    assert _entities(dennis, di) == ["Dennis Hadley", "Di Hadley", "Fresno"]


def test_a_nationality_or_a_role_before_a_persons_name_is_no_part_of_it():
    """ "Peruvian Ana Quispe", typed an organisation, is the person another document names
    "Ana Quispe": the word before the name says what she is, not who."""

    def entities(*documents: tuple[str, str, str]) -> list[str]:
        extractions = [
            make_extraction(text, [(name, label), ("Cusco", "GPE")], doc_id=f"d{number}")
            for number, (text, name, label) in enumerate(documents)
        ]
        return sorted(resolve(extractions).entities)

    ana = ("Ana Quispe won the race in Cusco", "Ana Quispe", "PERSON")
    peruvian = ("Peruvian Ana Quispe ran in Cusco", "Peruvian Ana Quispe", "ORG")
    goalkeeper = ("Goalkeeper Ana Quispe trained in Cusco", "Goalkeeper Ana Quispe", "ORG")
    assert entities(ana, peruvian) == ["Ana Quispe", "Cusco"]
    assert entities(ana, goalkeeper) == ["Ana Quispe", "Cusco"]
    # An office or a body in capitals ("MEP"), before a person's name, not before an office.
    mep = ("MEP Ana Quispe spoke in Cusco", "MEP Ana Quispe", "ORG")
    assert entities(ana, mep) == ["Ana Quispe", "Cusco"]
    clerk = ("County Clerk said so in Cusco", "County Clerk", "PERSON")
    ny_clerk = ("NY County Clerk said so in Cusco", "NY County Clerk", "ORG")
    assert entities(clerk, ny_clerk) == ["County Clerk", "Cusco", "NY County Clerk"]
    # A given name before the name is another person's name.
    maria = ("Maria Ana Quispe ran in Cusco", "Maria Ana Quispe", "ORG")
    assert entities(ana, maria) == ["Ana Quispe", "Cusco", "Maria Ana Quispe"]
