"""Rules for places and groups (issue #15's recall): a relative "where", a capitalised noun the
document writes as a name, place names with and without their kind word across documents, and
abbreviated kind words. Texts written for these tests; Docs and extractions built by hand."""

from __future__ import annotations

from test_coref import links_of, mention_texts, parsed
from test_recall_rules import extraction, node_of, reason_of

from kg.crossdoc import spelling_key
from kg.resolve import resolve

# -- a relative "where" ------------------------------------------------------------------------


def _stayed_at(noun: list[tuple], tag: str = "NNP") -> list[tuple]:
    """ "Delgado stayed at <noun> , where she rested ." with the noun's words as rows (the last
    one its head; a common noun gets "the" before it)."""
    rows: list[tuple] = [
        ("Delgado", "NNP", "PROPN", "nsubj", 1, "Delgado", "B-PERSON"),
        ("stayed", "VBD", "VERB", "ROOT", 1, "stay"),
        ("at", "IN", "ADP", "prep", 1, "at"),
    ]
    head = len(rows) + len(noun) - 1
    for i, (word, lemma, entity) in enumerate(noun):
        pos = "PROPN" if tag == "NNP" else ("DET" if lemma == "the" else "NOUN")
        word_tag = "DT" if lemma == "the" else tag
        dep = "pobj" if i == len(noun) - 1 else ("det" if lemma == "the" else "compound")
        rows.append((word, word_tag, pos, dep, 2 if i == len(noun) - 1 else head, lemma, entity))
    verb = head + 4
    rows += [
        (",", ",", "PUNCT", "punct", head, ","),
        ("where", "WRB", "SCONJ", "advmod", verb, "where"),
        ("she", "PRP", "PRON", "nsubj", verb, "she"),
        ("rested", "VBD", "VERB", "relcl", head, "rest"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]
    return rows


def test_a_relative_where_is_the_place_its_clause_modifies() -> None:
    clinic = [("Harbor", "Harbor", "B-ORG"), ("Clinic", "Clinic", "I-ORG")]
    links = links_of(parsed(_stayed_at(clinic)))
    assert links["where"] == ("Harbor Clinic", "relative pronoun")
    lodge = [("the", "the", "O"), ("lodge", "lodge", "O")]
    links = links_of(parsed(_stayed_at(lodge, tag="NN")))
    assert links["where"] == ("lodge", "relative pronoun")
    # "the point where ...": no place, nothing for "where" to stand for.
    point = [("the", "the", "O"), ("point", "point", "O")]
    doc = parsed(_stayed_at(point, tag="NN"))
    assert "where" not in mention_texts(doc)
    assert "where" not in links_of(doc)


# -- a capitalised noun the document writes as a name ------------------------------------------

_HAWKS_WON = [
    ("Hawks", "NNS", "NOUN", "nsubj", 1, "hawk"),
    ("won", "VBD", "VERB", "ROOT", 1, "win"),
    (".", ".", "PUNCT", "punct", 1, "."),
]
_FANS_CHEERED_THE_HAWKS = [
    ("Fans", "NNS", "NOUN", "nsubj", 1, "fan"),
    ("cheered", "VBD", "VERB", "ROOT", 1, "cheer"),
    ("the", "DT", "DET", "det", 3, "the"),
    ("Hawks", "NNPS", "PROPN", "dobj", 1, "Hawks", "B-ORG"),
    (".", ".", "PUNCT", "punct", 1, "."),
]


def test_a_capitalised_noun_is_the_name_the_document_writes_mid_sentence() -> None:
    # The parser reads a sentence's first "Hawks" as birds; the document names the team so.
    links = links_of(parsed(_HAWKS_WON, _FANS_CHEERED_THE_HAWKS))
    assert links["Hawks"] == ("Hawks", "written name")
    # "Hawks" as a name only opening a sentence: its capital may be the sentence's.
    hawks_opening = [
        ("Hawks", "NNPS", "PROPN", "nsubj", 1, "Hawks", "B-ORG"),
        ("lost", "VBD", "VERB", "ROOT", 1, "lose"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]
    links = links_of(parsed(_HAWKS_WON, hawks_opening))
    assert all(sieve != "written name" for _, sieve in links.values())
    # A singular office or body the recogniser names is no name: "President" stays a role.
    president_spoke = [
        ("President", "NN", "NOUN", "nsubj", 1, "president"),
        ("spoke", "VBD", "VERB", "ROOT", 1, "speak"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]
    aides_met_president = [
        ("Aides", "NNS", "NOUN", "nsubj", 1, "aide"),
        ("met", "VBD", "VERB", "ROOT", 1, "meet"),
        ("President", "NNP", "PROPN", "dobj", 1, "President", "B-PERSON"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]
    links = links_of(parsed(president_spoke, aides_met_president))
    assert all(sieve != "written name" for _, sieve in links.values())


# -- place names with and without their kind word, across documents ----------------------------


def _stay(doc_id: str, place: str, label: str = "ORG") -> object:
    text = f"Delgado stayed at {place} near Palm Grove with Ruiz"
    names = [("Delgado", "PERSON"), (place, label), ("Palm Grove", "GPE"), ("Ruiz", "PERSON")]
    return extraction(text, names, doc_id)


def test_a_place_named_with_and_without_its_kind_word_is_one() -> None:
    corpus = resolve(
        [
            _stay("a", "Seaview Recovery Center"),
            _stay("b", "Seaview Recovery Center"),
            _stay("c", "Seaview Recovery", "WORK_OF_ART"),
        ]
    )
    assert node_of(corpus, "c", "Seaview Recovery") == "Seaview Recovery Center"
    reasons = [r for e in corpus.entities.values() for r in e.merge_reasons if "Seaview" in r]
    assert any("another word for its kind" in r for r in reasons)
    # "Lakeport" is a place: its hospital and its court are two things, not one by their kind.
    corpus = resolve(
        [
            _stay("a", "Lakeport City Hospital"),
            _stay("b", "Lakeport City Hospital"),
            _stay("c", "Lakeport City Court"),
            _stay("d", "Lakeport City", "GPE"),
        ]
    )
    assert node_of(corpus, "c", "Lakeport City Court") == "Lakeport City Court"
    assert node_of(corpus, "a", "Lakeport City Hospital") == "Lakeport City Hospital"


def test_a_place_named_after_a_person_keeps_its_name_whatever_its_kind_word() -> None:
    corpus = resolve(
        [
            _stay("a", "Nora Kent Center", "FAC"),
            _stay("b", "Nora Kent Center", "FAC"),
            _stay("c", "Nora Kent Clinic"),
            _stay("d", "Nora Kent Treatment Center", "FAC"),
        ]
    )
    assert node_of(corpus, "c", "Nora Kent Clinic") == "Nora Kent Center"
    assert node_of(corpus, "d", "Nora Kent Treatment Center") == "Nora Kent Center"
    # Other kind words after a core that names no one: a company and the building it left.
    corpus = resolve(
        [
            _stay("a", "Granite Falls Creamery"),
            _stay("b", "Granite Falls Creamery"),
            _stay("c", "Granite Falls Building", "FAC"),
        ]
    )
    assert node_of(corpus, "c", "Granite Falls Building") == "Granite Falls Building"


# -- abbreviated kind words ----------------------------------------------------------------------


def test_an_abbreviated_mount_or_fort_is_the_word() -> None:
    assert spelling_key("Mt Ruapehu") == spelling_key("Mount Ruapehu")
    assert spelling_key("Mt. Ruapehu") == spelling_key("Mount Ruapehu")
    assert spelling_key("Ft. Collins") == spelling_key("Fort Collins")
    # Last, "MT" is a state (Montana), not a mountain.
    assert spelling_key("Helena MT") != spelling_key("Helena Mount")


def _fell(doc_id: str, names: list[tuple[str, str]], where: str = "") -> object:
    """Hale fell in a park near Palm Grove: ``names`` are the park's names as the recogniser
    cut them, ``where`` the text they are written in (their own words joined by spaces)."""
    where = where or " ".join(name for name, _ in names)
    text = f"Hale fell in the {where} near Palm Grove"
    return extraction(text, [("Hale", "PERSON"), *names, ("Palm Grove", "GPE")], doc_id)


def test_a_park_is_one_under_its_names_and_its_kind_words_cut_off_are_its_own() -> None:
    corpus = resolve(
        [
            _fell("a", [("Kereru Mount Tane National Park", "FAC")]),
            _fell("b", [("Mt Tane National Park", "ORG")]),
            # the recogniser cut the name before its kind words, with a hyphen in it
            _fell(
                "c",
                [("Kereru", "GPE"), ("Mt. Tane", "GPE"), ("National Park", "FAC")],
                "Kereru-Mt. Tane National Park",
            ),
            _fell("d", [("Mount Tane", "LOC")]),
        ]
    )
    park = node_of(corpus, "a", "Kereru Mount Tane National Park")
    assert node_of(corpus, "b", "Mt Tane National Park") == park
    assert node_of(corpus, "c", "National Park") == park
    assert "recogniser cut" in reason_of(corpus, "c", "National Park")
    # the mountain the park is named after is another place
    assert node_of(corpus, "d", "Mount Tane") != park


def test_a_name_after_other_words_stays_itself_when_no_document_writes_the_whole() -> None:
    corpus = resolve(
        [
            _fell("a", [("Kereru Mount Tane National Park", "FAC")]),
            _fell("b", [("Ruiz", "PERSON"), ("White House", "ORG")], "Ruiz White House"),
        ]
    )
    assert node_of(corpus, "b", "White House") == "White House"


def _network(doc_id: str, names: list[tuple[str, str]], where: str = "") -> object:
    where = where or " ".join(name for name, _ in names)
    text = f"Hale said {where} restored the network near Palm Grove"
    return extraction(text, [("Hale", "PERSON"), *names, ("Palm Grove", "GPE")], doc_id)


def test_a_name_cut_after_its_first_word_is_the_name_another_document_writes_whole() -> None:
    corpus = resolve(
        [
            _network("a", [("Telekom Ruritania", "ORG")]),
            _network("b", [("Ruritania", "GPE")], "Telekom Ruritania"),
            _network("c", [("Ruritania", "GPE")]),
        ]
    )
    company = node_of(corpus, "a", "Telekom Ruritania")
    assert node_of(corpus, "b", "Ruritania") == company
    # the country written alone is the country
    assert node_of(corpus, "c", "Ruritania") != company
    assert "recogniser cut" in reason_of(corpus, "b", "Ruritania")
    # words before a person's name are titles, not the rest of a name (the person may join
    # the longer name by other rules, not this one)
    corpus = resolve(
        [
            _network("a", [("Board Chair Ann Vale", "PERSON")]),
            _network("b", [("Ann Vale", "PERSON")], "Board Chair Ann Vale"),
        ]
    )
    assert "recogniser cut" not in reason_of(corpus, "b", "Ann Vale")


def _sail(doc_id: str, sea: str, label: str = "LOC") -> object:
    text = f"The ferry Aurora crossed {sea} from Port Lavrio"
    return extraction(text, [(sea, label), ("Port Lavrio", "GPE")], doc_id)


def test_a_sea_named_without_its_kind_word_is_the_sea() -> None:
    corpus = resolve([_sail("a", "Ionian Sea"), _sail("b", "Ionian")])
    assert node_of(corpus, "b", "Ionian") == "Ionian Sea"
    # A people of the name is no sea, nor a kind word in lower case ("Arctic sea ice") a name.
    corpus = resolve([_sail("a", "Ionian Sea"), _sail("b", "Ionian", "NORP")])
    assert node_of(corpus, "b", "Ionian") == "Ionian"
    corpus = resolve([_sail("a", "Ionian sea"), _sail("b", "Ionian")])
    assert node_of(corpus, "b", "Ionian") == "Ionian"


def _landed(doc_id: str, island: str, label: str = "GPE") -> object:
    text = f"The ferry Aurora landed on {island} from Port Lavrio"
    return extraction(text, [(island, label), ("Port Lavrio", "GPE")], doc_id)


def test_an_island_named_without_its_kind_word_is_the_island() -> None:
    """ "Kythnos Island" and "Kythnos": an island goes by its name alone, as a sea does; a
    hospital's name without its kind word is still its town's (see the kind-word rules)."""
    corpus = resolve([_landed("a", "Kythnos Island", "LOC"), _landed("b", "Kythnos")])
    assert node_of(corpus, "b", "Kythnos") == "Kythnos Island"
    # A people of the name is no island.
    corpus = resolve([_landed("a", "Kythnos Island", "LOC"), _landed("b", "Kythnos", "NORP")])
    assert node_of(corpus, "b", "Kythnos") == "Kythnos"


# -- ships ---------------------------------------------------------------------------------------


def test_a_ships_name_is_written_from_its_prefix() -> None:
    assert spelling_key("Warship INS Vikrant") == spelling_key("INS Vikrant")
    assert spelling_key("Indian Naval Ship Vikrant") == spelling_key("INS Vikrant")
    assert spelling_key("Her Majesty's Ship Argyll") == spelling_key("HMS Argyll")
    # No prefix, or words that abbreviate none: the name as it is.
    assert spelling_key("Vikrant Shipping") == "vikrant shipping"
    assert spelling_key("Grand Banks Ship Repair") == "grand banks ship repair"


def test_a_ship_by_its_name_alone_is_the_ship_another_document_calls_so() -> None:
    def patrol(doc_id: str, items: list[tuple[str, str]]) -> object:
        text = " ".join(name for name, _ in items) + " patrolled off Port Blair"
        return extraction(text, [*items, ("Port Blair", "GPE")], doc_id)

    corpus = resolve(
        [
            patrol("a", [("INS Vikrant", "ORG"), ("Vikrant", "PERSON")]),
            patrol("b", [("Vikrant", "GPE")]),
        ]
    )
    assert node_of(corpus, "b", "Vikrant") == "INS Vikrant"
    # Without a document that calls the ship so, a name alone is not taken for it.
    corpus = resolve([patrol("a", [("INS Vikrant", "ORG")]), patrol("b", [("Vikrant", "GPE")])])
    assert node_of(corpus, "b", "Vikrant") == "Vikrant"


def test_a_name_cut_before_its_last_words_is_the_name_another_document_writes_whole() -> None:
    corpus = resolve(
        [
            _network("a", [("Kereru Gardens", "GPE")]),
            _network("b", [("Kereru", "GPE")], "Kereru Gardens"),
            # an office after a name makes another name of it: no cut
            _network("c", [("Kereru Secretary", "ORG")]),
            _network("d", [("Kereru", "GPE")], "Kereru Secretary"),
        ]
    )
    assert node_of(corpus, "b", "Kereru") == node_of(corpus, "a", "Kereru Gardens")
    assert "cut off the words after" in reason_of(corpus, "b", "Kereru")
    assert "recogniser cut" not in reason_of(corpus, "d", "Kereru")
