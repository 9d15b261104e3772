"""Two stories of one kind in one corpus (two hit-and-runs, two police shootings) are told
apart by the places their documents name: a description no name of its own document took
joins no entity of other documents that name places, none of them its document's
(kg/resolve.py, ``CorpusIndex._of_another_place``). Texts written for these tests, parsed by
the real model."""

from __future__ import annotations

from conftest import corpus_mentions, mention_in

from kg.resolve import _named_within, _places_meet, _words_of

# A police shooting in Toledo, told by two documents that name the Toledo Police.
DAYTON = [
    "A teenager was shot dead by an officer in Toledo on Saturday, the Toledo Police said. "
    "Protesters gathered outside the station after the shooting.",
    "The Toledo Police suspended the officer who shot a teenager in Toledo. "
    "Protesters marched to the station on Sunday.",
]


def test_the_police_of_another_city_are_not_the_police_named_elsewhere(sm_nlp) -> None:
    # A shooting in Fresno shares the officer, the teenager, the protesters and the station
    # with Toledo's, but not its city: its police are Fresno's, not the Toledo Police.
    fresno = (
        "A teenager was shot dead by an officer in Fresno, the police said. "
        "Protesters gathered outside the station after the shooting in Fresno."
    )
    records = corpus_mentions(sm_nlp, [*DAYTON, fresno])
    dayton_police = mention_in(records, "doc0", "Toledo Police")["node"]
    assert mention_in(records, "doc2", "police")["node"] != dayton_police


def test_the_police_of_the_same_city_are_still_the_police_named_elsewhere(sm_nlp) -> None:
    # A third report of the Toledo shooting, naming Toledo but not its police by name.
    report = (
        "A teenager was shot dead by an officer in Toledo, the police said. "
        "Protesters gathered outside the station after the shooting."
    )
    records = corpus_mentions(sm_nlp, [*DAYTON, report])
    police = mention_in(records, "doc2", "police")
    assert police["node"] == mention_in(records, "doc0", "Toledo Police")["node"]
    assert police["sieve"] == "description_across_documents"


# Two documents call Maria Delgado, killed by a hit-and-run driver in Queens, a woman.
QUEENS = [
    "A woman, Maria Delgado, was killed by a hit-and-run driver in Queens, police said. "
    "The driver fled the scene in a car.",
    "Maria Delgado, a 59-year-old woman, was struck by a car in Queens. "
    "Police arrested the driver at the scene.",
]


def test_the_woman_of_another_town_is_not_the_woman_named_elsewhere(sm_nlp) -> None:
    # A hit-and-run in Bloomington shares the woman, the driver, the car, the scene and the
    # police with Maria Delgado's documents, but not the place.
    bloomington = (
        "A woman was killed by a hit-and-run driver in Bloomington, police said. "
        "The driver fled the scene in a car."
    )
    records = corpus_mentions(sm_nlp, [*QUEENS, bloomington])
    assert (
        mention_in(records, "doc2", "woman")["node"]
        != (mention_in(records, "doc0", "Maria Delgado")["node"])
    )


def test_the_woman_of_another_town_is_the_one_a_document_of_that_town_calls_so(sm_nlp) -> None:
    # One Bloomington story calls Ann Berg a woman: a nameless Bloomington "woman" is she,
    # not Maria Delgado of Queens, whom two documents call so.
    bloomington = [
        "Ann Berg, a 66-year-old woman, was killed by a hit-and-run driver in Bloomington. "
        "The driver fled the scene in a car.",
        "A woman was killed by a hit-and-run driver in Bloomington, police said. "
        "The driver fled the scene in a car.",
    ]
    records = corpus_mentions(sm_nlp, [*QUEENS, *bloomington])
    woman = mention_in(records, "doc3", "woman")
    assert woman["node"] == mention_in(records, "doc2", "Ann Berg")["node"]
    assert woman["reason"].startswith(
        "'woman' is 'Ann Berg', called 'woman' in a document of the same place"
    )
    assert woman["reason"].endswith(
        "rather than 'Maria Delgado', whose documents name none of the places its document names"
    )


def test_places_meet_when_one_names_a_part_of_the_other() -> None:
    assert _places_meet({"philadelphia"}, {"northeast philadelphia"})
    assert _places_meet({"banstead high street"}, {"banstead", "surrey"})
    assert _places_meet({"queens", "new york"}, {"new york"})
    assert not _places_meet({"athens", "greece"}, {"brooklyn", "new york"})
    assert not _places_meet({"bloomington"}, {"queens"})


def test_a_place_named_within_a_body_s_name_is_a_place_of_the_story(sm_nlp) -> None:
    # The third report names Oregon, where the gunman came from, and Vancouver only in the
    # name of its police: Vancouver is still where its story happened, Eric Kirk's.
    kirk = [
        "Eric Kirk, a former employee, opened fire at an office party in Vancouver. "
        "The gunman was arrested at the office.",
        "The gunman, Eric Kirk, killed his boss at an office party in Vancouver, police said.",
    ]
    report = (
        "A gunman opened fire at an office party, the Vancouver Police said. "
        "The gunman had moved from Oregon, and killed his boss at the office."
    )
    records = corpus_mentions(sm_nlp, [*kirk, report])
    gunman = mention_in(records, "doc2", "gunman")
    assert gunman["node"] == mention_in(records, "doc0", "Eric Kirk")["node"]


def test_a_place_is_named_within_a_name_only_when_one_name_holds_all_its_words() -> None:
    """_named_within gathers the words of all the names first, to pass over most places at
    once: a place whose words are spread over two names is still not named within one."""

    def plainly(places: set[str], names: set[str]) -> bool:
        return any(
            place.split() and set(place.split()) <= set(name.split())
            for place in places
            for name in names
        )

    names = {"vancouver police", "north shore rescue", "van", "police chief"}
    cases = [
        {"vancouver"},
        {"north vancouver"},  # "north" and "vancouver" are in two names, never in one
        {"north shore"},
        {"shore rescue", "queens"},
        {"queens", "bronx"},
        {"", "police"},
        set(),
    ]
    for places in cases:
        assert _named_within(places, names) == plainly(places, names), places
        # The words of an entity's names, gathered once for every document (_Whereabouts).
        assert _named_within(places, names, _words_of(names)) == plainly(places, names), places
    assert _named_within({"vancouver"}, names)
    assert not _named_within({"north vancouver"}, names)
    assert _named_within({"north shore"}, names)
