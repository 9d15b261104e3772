"""The recall rules of entity resolution (kg/crossdoc.py, kg/resolve.py, kg/coref/sieves.py),
each with what must join and what must stay apart. Texts written for these tests; extractions
built by hand (no model), so that each rule is pinned independently of a parse."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from test_coref import links_of, parsed

from kg.crossdoc import _one_letter_apart, spelling_key
from kg.resolve import resolve
from kg.types import CorefLink, Corpus, Document, Extraction, Mention, Role, Sentence

# A name to find in the text (its first occurrence after the previous one), its NER label
# ("" for a description, whose key is then the lemma given third) or "PRON".
Item = tuple[str, str] | tuple[str, str, str]


def extraction(
    text: str,
    items: Sequence[Item],
    doc_id: str,
    links: Sequence[tuple[int, int, str]] = (),
    roles: Sequence[tuple[int, str]] = (),
) -> Extraction:
    """An Extraction of ``text`` (sentences split at '. ') whose mentions are ``items``; ``links``
    are coreference links (mention, antecedent, sieve) by position in ``items``, ``roles`` the
    titles and appositions (mention, title)."""
    sentences, start = [], 0
    for index, chunk in enumerate(text.split(". ")):
        sentences.append(Sentence(index, start, start + len(chunk), chunk))
        start += len(chunk) + 2
    mentions, cursor = [], 0
    for item in items:
        surface, label = item[0], item[1]
        begin = text.index(surface, cursor)
        cursor = begin + len(surface)
        sentence = next(s.index for s in sentences if s.start <= begin <= s.end)
        if label == "PRON":
            mentions.append(Mention(surface, begin, cursor, sentence, "pronoun", head=begin))
        elif label:
            mentions.append(Mention(surface, begin, cursor, sentence, "entity", label, head=begin))
        else:
            key = item[2] if len(item) > 2 else surface.lower()
            head = begin + surface.rfind(" ") + 1
            mentions.append(
                Mention(surface, begin, cursor, sentence, "concept", key=key, head=head)
            )
    return Extraction(
        Document(doc_id, f"{doc_id}.txt", text),
        tuple(sentences),
        tuple(mentions),
        (),
        tuple(Role(mentions[i], title, sentences[mentions[i].sentence]) for i, title in roles),
        tuple(CorefLink(a, b, sieve, f"a test's {sieve} link") for a, b, sieve in links),
    )


def node_of(corpus: Corpus, doc_id: str, text: str) -> str | None:
    """The entity key of the first mention of ``text`` in document ``doc_id``."""
    document = next(d for d in corpus.documents if d.extraction.document.id == doc_id)
    return next(m.key for m in document.coreference if m.mention.text == text)


def reason_of(corpus: Corpus, doc_id: str, text: str) -> str:
    document = next(d for d in corpus.documents if d.extraction.document.id == doc_id)
    return next(m.reason for m in document.coreference if m.mention.text == text)


# -- names written otherwise across documents ------------------------------------------------


def test_the_spelling_key_drops_what_does_not_change_a_name() -> None:
    assert spelling_key("Harbour Centre") == spelling_key("Harbour Center")
    assert spelling_key("Sky-Arena") == spelling_key("Sky Arena")
    assert spelling_key("'The Long Road") == spelling_key("Long Road")
    assert spelling_key("Café Noir") == spelling_key("Cafe Noir")
    assert spelling_key("U. S. Parole Board") == spelling_key("US Parole Board")
    assert spelling_key("Ann B. Lee") != spelling_key("Ann Lee")
    assert spelling_key("Harbour Centre") != spelling_key("Harbour Central")
    assert spelling_key("Andre Moss") == "andre moss"  # "-re" after neither "t" nor "b"


def test_names_written_with_other_punctuation_or_spelling_are_one_node() -> None:
    corpus = resolve(
        [
            extraction("The Harbour Centre opened in Leeds", [("Harbour Centre", "ORG")], "a"),
            extraction("The Harbour Center closed", [("Harbour Center", "ORG")], "b"),
            extraction("Fans filled the Sky-Arena", [("Sky-Arena", "FAC")], "c"),
            extraction("Fans left the Sky Arena", [("Sky Arena", "FAC")], "d"),
            extraction("Fans left the Sky Arenas", [("Sky Arenas", "FAC")], "e"),
        ]
    )
    assert node_of(corpus, "a", "Harbour Centre") == node_of(corpus, "b", "Harbour Center")
    assert node_of(corpus, "c", "Sky-Arena") == node_of(corpus, "d", "Sky Arena")
    (reason,) = [r for e in corpus.entities.values() for r in e.merge_reasons if "Harbour" in r]
    assert reason.endswith("written with other punctuation or spelling")
    # One letter more in a two-word name with a short first word: not a misspelling it reads.
    assert node_of(corpus, "e", "Sky Arenas") != node_of(corpus, "d", "Sky Arena")


def test_letter_case_and_spelling_variants_join_whatever_their_types() -> None:
    # A headline's capitals make the recogniser call a town an organisation.
    corpus = resolve(
        [
            extraction("Floods hit Millom", [("Millom", "GPE")], "a"),
            extraction("Floods hit Millom again", [("Millom", "GPE")], "b"),
            extraction("MILLOM FLOODS", [("MILLOM", "ORG")], "c"),
        ]
    )
    assert node_of(corpus, "c", "MILLOM") == "Millom"


def _salem_story(doc_id: str, person: str) -> Extraction:
    """A report of ``person`` at the Harbor Bank in Salem: reports sharing that context."""
    text = f"{person} defused the bomb at the Harbor Bank in Salem"
    names = [(person, "PERSON"), ("Harbor Bank", "ORG"), ("Salem", "GPE")]
    return extraction(text, names, doc_id)


def test_a_nickname_joins_the_full_given_name_on_shared_context() -> None:
    story = _salem_story
    corpus = resolve(
        [
            story("a", "William Hakim"),
            story("b", "Bill Hakim"),
            story("c", "Katie Voss"),
            story("d", "Kathryn Voss"),
            story("e", "Mary Voss"),
            extraction("Will Hakim sang in Oslo", [("Will Hakim", "PERSON"), ("Oslo", "GPE")], "f"),
        ]
    )
    # The nickname joins the full name, which labels the node.
    assert node_of(corpus, "b", "Bill Hakim") == node_of(corpus, "a", "William Hakim")
    assert corpus.entities[node_of(corpus, "a", "William Hakim") or ""].label == "William Hakim"
    assert node_of(corpus, "c", "Katie Voss") == node_of(corpus, "d", "Kathryn Voss")
    # Another given name is another person; a nickname with nothing in common stays apart.
    assert node_of(corpus, "e", "Mary Voss") != node_of(corpus, "d", "Kathryn Voss")
    assert node_of(corpus, "f", "Will Hakim") != node_of(corpus, "a", "William Hakim")


def test_a_given_name_written_with_other_capitals_joins_the_full_name() -> None:
    # "Luann Johnson" in one report is "LuAnn Marie Johnson" of two others: the capitals
    # inside a given name do not make another name. Another given name stays apart.
    story = _salem_story
    corpus = resolve(
        [
            story("a", "LuAnn Marie Johnson"),
            story("b", "LuAnn Marie Johnson"),
            story("c", "Luann Johnson"),
            story("d", "Lynn Johnson"),
        ]
    )
    assert node_of(corpus, "c", "Luann Johnson") == node_of(corpus, "a", "LuAnn Marie Johnson")
    assert node_of(corpus, "d", "Lynn Johnson") != node_of(corpus, "a", "LuAnn Marie Johnson")


def test_a_courtesy_title_tells_which_of_a_family_a_surname_names() -> None:
    # Gary Gomes is named first and most: his surname alone is his, but "Ms. Gomes" is the
    # one woman of the name, and "Mr. Gomes" him again.
    text = (
        "Gary Gomes was charged. Gary Gomes lived with Catherine Gomes. Ms. Gomes was the "
        "tenant. Mr. Gomes was held. Gomes said nothing"
    )
    names = [
        ("Gary Gomes", "PERSON"),
        ("Gary Gomes", "PERSON"),
        ("Catherine Gomes", "PERSON"),
        ("Gomes", "PERSON"),
        ("Gomes", "PERSON"),
        ("Gomes", "PERSON"),
    ]
    corpus = resolve([extraction(text, names, "a")])
    document = corpus.documents[0]
    nodes = [m.key for m in document.coreference if m.mention.text == "Gomes"]
    assert nodes == ["Catherine Gomes", "Gary Gomes", "Gary Gomes"]


def _game(doc_id: str, team: str, label: str) -> Extraction:
    text = f"{team} beat Denver at Arrowhead in Missouri"
    names = [(team, label), ("Denver", "ORG"), ("Arrowhead", "FAC"), ("Missouri", "GPE")]
    return extraction(text, names, doc_id)


def test_a_team_by_its_plural_last_word_joins_whatever_the_recogniser_typed_it() -> None:
    # "Chiefs" in a headline, typed a work of art: three names in common with the Kansas City
    # Chiefs' document make it the team (as for a surname typed a place).
    corpus = resolve(
        [
            _game("a", "Kansas City Chiefs", "ORG"),
            _game("b", "Chiefs", "WORK_OF_ART"),
            _game("c", "Harbor Fix", "ORG"),
            _game("d", "Fix", "WORK_OF_ART"),
        ]
    )
    assert node_of(corpus, "b", "Chiefs") == "Kansas City Chiefs"
    # A singular common noun typed a work is not the body whose name it ends.
    assert node_of(corpus, "d", "Fix") == "Fix"


def test_one_letter_apart() -> None:
    assert _one_letter_apart("aden", "eden")
    assert _one_letter_apart("service", "services")
    assert _one_letter_apart("recognised", "recognized")
    assert not _one_letter_apart("aden", "aden")
    assert not _one_letter_apart("aden", "oden ")
    assert not _one_letter_apart("north", "south")


def _gulf(doc_id: str, gulf: str, port: str = "Berbera") -> Extraction:
    text = f"Pirates seized a tanker in the {gulf} near {port}"
    return extraction(text, [(gulf, "LOC"), (port, "GPE")], doc_id)


def test_a_name_with_one_letter_wrong_joins_the_commoner_spelling_it_is_seen_with() -> None:
    corpus = resolve(
        [_gulf("a", "Gulf of Aden"), _gulf("b", "Gulf of Aden"), _gulf("c", "Gulf of Eden")]
    )
    assert node_of(corpus, "c", "Gulf of Eden") == "Gulf of Aden"
    (reason,) = [r for r in corpus.entities["Gulf of Aden"].merge_reasons if "Eden" in r]
    assert reason.startswith("'Gulf of Eden' is 'Gulf of Aden' with one letter changed, seen")


def test_a_misspelling_needs_shared_context_and_short_given_names_stay_apart() -> None:
    # Nothing in common with the Gulf of Aden's documents: left alone.
    corpus = resolve(
        [_gulf("a", "Gulf of Aden"), _gulf("b", "Gulf of Aden"), _gulf("c", "Gulf of Eden", "Oslo")]
    )
    assert node_of(corpus, "c", "Gulf of Eden") == "Gulf of Eden"
    # Joan Parker and Jon Parker, seen in like company, are two people.
    corpus = resolve(
        [
            extraction(
                "Joan Parker spoke in Leeds", [("Joan Parker", "PERSON"), ("Leeds", "GPE")], "a"
            ),
            extraction(
                "Joan Parker left Leeds", [("Joan Parker", "PERSON"), ("Leeds", "GPE")], "b"
            ),
            extraction(
                "Jon Parker stayed in Leeds", [("Jon Parker", "PERSON"), ("Leeds", "GPE")], "c"
            ),
        ]
    )
    assert node_of(corpus, "c", "Jon Parker") == "Jon Parker"


def _trial(doc_id: str, person: str, company: str = "Harbor Bank") -> Extraction:
    text = f"{person} was charged in Salem after the raid on {company} by Essex Police"
    names = [(person, "PERSON"), ("Salem", "GPE"), (company, "ORG"), ("Essex Police", "ORG")]
    return extraction(text, names, doc_id)


def test_a_person_named_with_one_letter_wrong_joins_the_commoner_spelling() -> None:
    # A given name no records know, one letter off the one two other documents write.
    corpus = resolve(
        [
            _trial("a", "Jeremiah Okafor"),
            _trial("b", "Jeremiah Okafor"),
            _trial("c", "Jeremish Okafor"),
        ]
    )
    assert node_of(corpus, "c", "Jeremish Okafor") == "Jeremiah Okafor"
    (reason,) = [r for r in corpus.entities["Jeremiah Okafor"].merge_reasons if "Jeremish" in r]
    assert reason.startswith("'Jeremish Okafor' is 'Jeremiah Okafor' with one letter changed")
    # A family name one letter off, the given name the same: it joins the node the commoner
    # spelling joined ("Duncan Rait" is "Duncan Robert Rait").
    corpus = resolve(
        [
            _trial("a", "Duncan Robert Rait"),
            _trial("b", "Duncan Rait"),
            _trial("c", "Duncan Rait"),
            _trial("d", "Duncan Raite"),
        ]
    )
    assert node_of(corpus, "d", "Duncan Raite") == "Duncan Robert Rait"


def test_a_person_misspelt_needs_much_shared_context_and_an_unknown_given_name() -> None:
    # Two known given names one letter apart are two people, however alike their company.
    corpus = resolve(
        [_trial("a", "Joan Parker"), _trial("b", "Joan Parker"), _trial("c", "Jean Parker")]
    )
    assert node_of(corpus, "c", "Jean Parker") == "Jean Parker"
    # A misspelling seen with one name in common only stays apart.
    lone = extraction(
        "Jeremish Okafor spoke in Salem", [("Jeremish Okafor", "PERSON"), ("Salem", "GPE")], "c"
    )
    corpus = resolve([_trial("a", "Jeremiah Okafor"), _trial("b", "Jeremiah Okafor"), lone])
    assert node_of(corpus, "c", "Jeremish Okafor") == "Jeremish Okafor"
    # A plural is no misspelling: "possible Deep Throats" are not Deep Throat.
    corpus = resolve(
        [
            _trial("a", "Silent Partner"),
            _trial("b", "Silent Partner"),
            _trial("c", "Silent Partners"),
        ]
    )
    assert node_of(corpus, "c", "Silent Partners") == "Silent Partners"


def _clinic(
    doc_id: str, clinic: str, label: str = "ORG", judge: str = "Santa Monica"
) -> Extraction:
    text = f"Dana Pryor checked into {clinic} near Malibu after a hearing in {judge}"
    names = [("Dana Pryor", "PERSON"), (clinic, label), ("Malibu", "GPE"), (judge, "GPE")]
    return extraction(text, names, doc_id)


def test_a_place_by_the_word_that_tells_it_apart_joins_its_full_name() -> None:
    # "Pellwood", typed a product, is the Malibu Pellwood Treatment Center: the place's name
    # without the town before it and the words for its kind after it.
    corpus = resolve(
        [
            _clinic("a", "Malibu Pellwood Treatment Center"),
            _clinic("b", "Malibu Pellwood Treatment Center"),
            _clinic("c", "Pellwood", "PRODUCT"),
        ]
    )
    assert node_of(corpus, "c", "Pellwood") == "Malibu Pellwood Treatment Center"
    (reason,) = [
        r
        for r in corpus.entities["Malibu Pellwood Treatment Center"].merge_reasons
        if r.startswith("'Pellwood'")
    ]
    assert "by the word that tells it apart" in reason


def test_a_company_a_town_a_surname_or_a_stranger_is_not_the_place_named_after_it() -> None:
    # A company and the theatre named after it are two.
    corpus = resolve(
        [
            _clinic("a", "Brantex Theatre", "FAC"),
            _clinic("b", "Brantex Theatre", "FAC"),
            _clinic("c", "Brantex", "ORG"),
        ]
    )
    assert node_of(corpus, "c", "Brantex") == "Brantex"
    # A town and its fire department are two.
    corpus = resolve(
        [
            _clinic("a", "Pellwood Fire Department"),
            _clinic("b", "Pellwood Fire Department"),
            _clinic("c", "Pellwood", "GPE"),
        ]
    )
    assert node_of(corpus, "c", "Pellwood") == "Pellwood"
    # The surname of someone named in full is that person's, not the clinic's.
    surname = extraction(
        "Pellwood met Anna Pellwood in Santa Monica near Malibu",
        [
            ("Pellwood", "PERSON"),
            ("Anna Pellwood", "PERSON"),
            ("Santa Monica", "GPE"),
            ("Malibu", "GPE"),
        ],
        "c",
    )
    corpus = resolve([_clinic("a", "Pellwood Clinic"), _clinic("b", "Pellwood Clinic"), surname])
    assert node_of(corpus, "c", "Pellwood") != "Pellwood Clinic"
    # Seen with one name in common only: apart.
    corpus = resolve(
        [
            _clinic("a", "Malibu Pellwood Treatment Center"),
            _clinic("b", "Malibu Pellwood Treatment Center"),
            extraction("Pellwood won in Oslo", [("Pellwood", "PRODUCT"), ("Oslo", "GPE")], "c"),
        ]
    )
    assert node_of(corpus, "c", "Pellwood") == "Pellwood"


def _more_kind_words(short: str, long: str, label: str = "ORG") -> str | None:
    """The node of ``short`` in a third document, when two others write ``long``."""
    corpus = resolve(
        [_clinic("a", long, label), _clinic("b", long, label), _clinic("c", short, label)]
    )
    return node_of(corpus, "c", short)


def test_a_place_or_body_with_more_words_for_its_kind_is_one_node() -> None:
    assert _more_kind_words("Harwick Bank", "Harwick Investment Bank") == "Harwick Investment Bank"
    assert (
        _more_kind_words("Harwick Hospital", "Harwick Hospital Medical Center")
        == "Harwick Hospital Medical Center"
    )
    # A county and its courthouse are two: "County" names no body.
    assert (
        _more_kind_words("Harwick County", "Harwick County Courthouse", "GPE") == "Harwick County"
    )
    # A noun of a person is part of the name: another creamery.
    assert _more_kind_words("Harwick Creamery", "Harwick Maid Creamery") == "Harwick Creamery"
    # Words before the name, a place's name, make another place of that name.
    assert _more_kind_words("Elmore Street", "Malibu Elmore Street", "FAC") == "Elmore Street"


def _match(doc_id: str, home: str, label: str = "ORG", home_town: str = "Salem") -> Extraction:
    text = f"The {home} beat the Leeds Owls in {home_town} as Ana Ruiz scored"
    names = [(home, label), ("Leeds Owls", "ORG"), (home_town, "GPE"), ("Ana Ruiz", "PERSON")]
    return extraction(text, names, doc_id)


def test_a_team_by_its_nickname_joins_the_name_with_its_place_before_it() -> None:
    # "Otters", typed a person, is the Salem Otters that two other documents name, typed a
    # place ("Jacksonville Jaguars" tagged GPE); Salem is a place of the corpus.
    corpus = resolve(
        [
            _match("a", "Salem Otters", "GPE"),
            _match("b", "Salem Otters", "GPE"),
            _match("c", "Otters", "PERSON"),
        ]
    )
    assert node_of(corpus, "c", "Otters") == "Salem Otters"
    (reason,) = [r for r in corpus.entities["Salem Otters"].merge_reasons if "Otters'" in r]
    assert "its place's name before it" in reason


def test_a_team_by_a_nickname_of_two_words_joins_the_name_with_its_place_before_it() -> None:
    # "Red Otters", typed a person, is the Salem Red Otters of two other documents, as "Tar
    # Heels" is the North Carolina Tar Heels.
    corpus = resolve(
        [
            _match("a", "Salem Red Otters"),
            _match("b", "Salem Red Otters"),
            _match("c", "Red Otters", "PERSON"),
        ]
    )
    assert node_of(corpus, "c", "Red Otters") == "Salem Red Otters"


def test_a_surname_or_a_stranger_is_no_team_of_a_place() -> None:
    # A person's name after a place's name is no team: "Williams" (typed a place, so no
    # surname either) stays apart from the person "Salem Williams".
    corpus = resolve(
        [
            _match("a", "Salem Williams", "PERSON"),
            _match("b", "Salem Williams", "PERSON"),
            _match("c", "Williams", "GPE"),
        ]
    )
    assert node_of(corpus, "c", "Williams") == "Williams"
    # Seen with too little in common: apart.
    lone = extraction("The Otters won in Oslo", [("Otters", "PERSON"), ("Oslo", "GPE")], "c")
    corpus = resolve([_match("a", "Salem Otters", "GPE"), _match("b", "Salem Otters", "GPE"), lone])
    assert node_of(corpus, "c", "Otters") == "Otters"


def _fans(doc_id: str, town: str, label: str = "GPE") -> Extraction:
    text = f"Fans in {town} cheered as Ana Ruiz scored for the Leeds Owls at Vale Arena"
    names = [(town, label), ("Ana Ruiz", "PERSON"), ("Leeds Owls", "ORG"), ("Vale Arena", "FAC")]
    return extraction(text, names, doc_id)


def test_a_place_by_its_name_clipped_to_a_pet_form_joins_it() -> None:
    # "Brooky", typed a person, is Brookhaven, as "Indy" is Indianapolis and "Philly"
    # Philadelphia (the last consonant doubled: "Tilly" for Tilbury).
    corpus = resolve(
        [_fans("a", "Brookhaven"), _fans("b", "Brookhaven"), _fans("c", "Brooky", "PERSON")]
    )
    assert node_of(corpus, "c", "Brooky") == "Brookhaven"
    (reason,) = [r for r in corpus.entities["Brookhaven"].merge_reasons if "Brooky" in r]
    assert "clipped" in reason
    # The document's record of the merge, which `kg explain` prints, says why too.
    document = next(d for d in corpus.documents if d.extraction.document.id == "c")
    assert ("Brookhaven", reason) in document.merges
    corpus = resolve([_fans("a", "Tilbury"), _fans("b", "Tilbury"), _fans("c", "Tilly", "PERSON")])
    assert node_of(corpus, "c", "Tilly") == "Tilbury"


def test_a_pet_form_that_is_a_word_a_given_name_or_a_stranger_stays_apart() -> None:
    # An English word is no pet form of a place ("Sandy" is no Sandwell).
    corpus = resolve(
        [_fans("a", "Sandwell"), _fans("b", "Sandwell"), _fans("c", "Sandy", "PERSON")]
    )
    assert node_of(corpus, "c", "Sandy") == "Sandy"
    # A name some person of the corpus is called by first is that person's.
    person = extraction("Brooky Vance spoke in Oslo", [("Brooky Vance", "PERSON")], "d")
    corpus = resolve(
        [_fans("a", "Brookhaven"), _fans("b", "Brookhaven"), _fans("c", "Brooky", "PERSON"), person]
    )
    assert node_of(corpus, "c", "Brooky") != "Brookhaven"
    # Seen with too little in common: apart.
    lone = extraction("Brooky won in Oslo", [("Brooky", "PERSON"), ("Oslo", "GPE")], "c")
    corpus = resolve([_fans("a", "Brookhaven"), _fans("b", "Brookhaven"), lone])
    assert node_of(corpus, "c", "Brooky") == "Brooky"


def test_a_team_by_its_nickname_clipped_joins_it() -> None:
    # "Pels", typed a person, is the Salem Pelicans, as "Jags" is the Jacksonville Jaguars
    # and "Bucs" the Tampa Bay Buccaneers: the plural's "s" kept.
    corpus = resolve(
        [
            _match("a", "Salem Pelicans", "GPE"),
            _match("b", "Salem Pelicans", "GPE"),
            _match("c", "Pels", "PERSON"),
        ]
    )
    assert node_of(corpus, "c", "Pels") == "Salem Pelicans"
    (reason,) = [r for r in corpus.entities["Salem Pelicans"].merge_reasons if "Pels" in r]
    assert "clipped" in reason
    # A body whose name is no place's then a team's nickname is no team ("Pelicans Trust").
    corpus = resolve(
        [
            _match("a", "Pelicans Trust"),
            _match("b", "Pelicans Trust"),
            _match("c", "Pels", "PERSON"),
        ]
    )
    assert node_of(corpus, "c", "Pels") == "Pels"


def test_a_team_by_its_places_pet_form_and_its_numeral_nickname_said_aloud_is_one_team() -> None:
    # "Brooky Niners" is the Brookhaven 49ers, as "Philly Sixers" is the Philadelphia 76ers:
    # "Brooky" the town's pet form (a name of its own in another document), "Niners" the
    # "forty-niners"; "Niners" alone is that team too. Another nickname, or another town's
    # Niners, is another team.
    def home(doc_id: str, team: str, label: str = "ORG") -> Extraction:
        return _match(doc_id, team, label, home_town="Brookhaven")

    corpus = resolve(
        [
            home("a", "Brookhaven 49ers"),
            home("b", "Brookhaven 49ers"),
            home("c", "Brooky Niners"),
            _fans("d", "Brooky", "PERSON"),
            _fans("e", "Brookhaven"),
            home("f", "Niners", "PERSON"),
            home("g", "Brooky Otters"),
        ]
    )
    assert node_of(corpus, "d", "Brooky") == "Brookhaven"
    assert node_of(corpus, "c", "Brooky Niners") == "Brookhaven 49ers"
    (reason,) = [r for r in corpus.entities["Brookhaven 49ers"].merge_reasons if "Brooky N" in r]
    assert "its place and its nickname written otherwise" in reason
    assert node_of(corpus, "f", "Niners") == "Brookhaven 49ers"
    assert node_of(corpus, "g", "Brooky Otters") == "Brooky Otters"
    corpus = resolve(
        [home("a", "Brookhaven 49ers"), home("b", "Brookhaven 49ers"), _match("h", "Salem Niners")]
    )
    assert node_of(corpus, "h", "Salem Niners") == "Salem Niners"


def _guild(doc_id: str, body: str, label: str = "ORG") -> Extraction:
    text = f"The {body} named Ana Ruiz its head in Salem, said Leeds Herald"
    names = [(body, label), ("Ana Ruiz", "PERSON"), ("Salem", "GPE"), ("Leeds Herald", "ORG")]
    return extraction(text, names, doc_id)


def test_a_body_by_the_first_word_of_its_name_joins_it() -> None:
    # "the Guild" of the Guild of Harbor Pilots, two other documents' name.
    corpus = resolve(
        [
            _guild("a", "Guild of Harbor Pilots"),
            _guild("b", "Guild of Harbor Pilots"),
            _guild("c", "Guild"),
        ]
    )
    assert node_of(corpus, "c", "Guild") == "Guild of Harbor Pilots"
    (reason,) = [
        r for r in corpus.entities["Guild of Harbor Pilots"].merge_reasons if "'Guild'" in r
    ]
    assert "by the first word of its name" in reason


def test_a_place_or_a_person_noun_is_not_a_body_by_its_first_word() -> None:
    # A town ("Salem", typed a place) is not the "Salem of ..." body; a noun that may name a
    # person ("Chair") is not the board it chairs.
    corpus = resolve(
        [
            _guild("a", "Salem of Harbor Pilots"),
            _guild("b", "Salem of Harbor Pilots"),
            _guild("c", "Guild"),
        ]
    )
    assert node_of(corpus, "c", "Salem") == "Salem"
    corpus = resolve(
        [
            _guild("a", "Chair of Harbor Pilots"),
            _guild("b", "Chair of Harbor Pilots"),
            _guild("c", "Chair", "PRODUCT"),
        ]
    )
    assert node_of(corpus, "c", "Chair") == "Chair"


# -- naming a chain of several names ---------------------------------------------------------


def test_a_chain_is_named_by_the_name_its_document_uses_most() -> None:
    # One apposition calls Ann Marsh "World Swimming Champion" (tagged a person); the document
    # calls her Ann Marsh three times: her node is Ann Marsh, which the other document names.
    first = extraction(
        "Ann Marsh, World Swimming Champion, won. Marsh smiled. Marsh left",
        [
            ("Ann Marsh", "PERSON"),
            ("World Swimming Champion", "PERSON"),
            ("Marsh", "PERSON"),
            ("Marsh", "PERSON"),
        ],
        "a",
        links=[(1, 0, "apposition")],
    )
    second = extraction(
        "Ann Marsh won again in Leeds", [("Ann Marsh", "PERSON"), ("Leeds", "GPE")], "b"
    )
    corpus = resolve([first, second])
    assert node_of(corpus, "a", "World Swimming Champion") == "Ann Marsh"
    assert node_of(corpus, "b", "Ann Marsh") == "Ann Marsh"
    assert "World Swimming Champion" in corpus.entities["Ann Marsh"].aliases


# -- two people named in full are never made one by a link ------------------------------------


def test_a_link_never_makes_two_people_named_in_full_one() -> None:
    # "She" was linked to both (a misreading): Ann Marsh and Tom Price stay two people.
    text = "Ann Marsh met Tom Price. She left"
    corpus = resolve(
        [
            extraction(
                text,
                [("Ann Marsh", "PERSON"), ("Tom Price", "PERSON"), ("She", "PRON")],
                "a",
                links=[(2, 0, "pronoun"), (2, 1, "description")],
            )
        ]
    )
    assert node_of(corpus, "a", "Ann Marsh") != node_of(corpus, "a", "Tom Price")
    assert node_of(corpus, "a", "She") == node_of(corpus, "a", "Ann Marsh")


def test_an_apposition_joins_a_pseudonym_but_not_a_list_of_people() -> None:
    # "Deep Throat" has no given name: the apposition names who he is.
    corpus = resolve(
        [
            extraction(
                "Deep Throat, Mark Felt, died",
                [("Deep Throat", "PERSON"), ("Mark Felt", "PERSON")],
                "a",
                links=[(1, 0, "apposition")],
            ),
            extraction(
                "Guests included Laura Hill, Ben Stone and others",
                [("Laura Hill", "PERSON"), ("Ben Stone", "PERSON")],
                "b",
                links=[(1, 0, "apposition")],
            ),
            # Given names of either sex are given names too: a list still ("Chris", "Pat").
            extraction(
                "Past hosts, Laura Hill, Chris Stone, Pat Reed, sang",
                [("Laura Hill", "PERSON"), ("Chris Stone", "PERSON"), ("Pat Reed", "PERSON")],
                "c",
                links=[(1, 0, "apposition"), (2, 1, "apposition")],
            ),
        ]
    )
    assert node_of(corpus, "a", "Deep Throat") == node_of(corpus, "a", "Mark Felt")
    assert node_of(corpus, "b", "Laura Hill") != node_of(corpus, "b", "Ben Stone")
    people = {node_of(corpus, "c", name) for name in ("Laura Hill", "Chris Stone", "Pat Reed")}
    assert len(people) == 3


def test_a_link_never_makes_a_person_named_in_full_a_body_of_several_words() -> None:
    # "said Paul Lee, president, ABC Entertainment Group": the parser reads the body as in
    # apposition to the title; one word typed an organisation may still be a surname.
    text = "It is an honor, said Paul Lee, president, ABC Entertainment Group. Lee smiled"
    items = [
        ("Paul Lee", "PERSON"),
        ("president", "", "president"),
        ("ABC Entertainment Group", "ORG"),
        ("Lee", "ORG"),
    ]
    corpus = resolve(
        [extraction(text, items, "a", links=[(1, 0, "apposition"), (2, 1, "apposition")])]
    )
    assert node_of(corpus, "a", "president") == node_of(corpus, "a", "Paul Lee")
    assert node_of(corpus, "a", "ABC Entertainment Group") != node_of(corpus, "a", "Paul Lee")
    assert node_of(corpus, "a", "Lee") == node_of(corpus, "a", "Paul Lee")


# -- what other documents call someone ---------------------------------------------------------

_CALLED_ACTRESS = [
    extraction(
        "Maria Delgado met Tom Avery in Malibu",
        [("Maria Delgado", "PERSON"), ("Tom Avery", "PERSON"), ("Malibu", "GPE")],
        "a",
        roles=[(0, "actress")],
    ),
    extraction(
        "Delgado thanked Tom Avery in Malibu",
        [("Delgado", "PERSON"), ("Tom Avery", "PERSON"), ("Malibu", "GPE")],
        "b",
        roles=[(0, "actress")],
    ),
]


def test_documents_calling_someone_so_are_counted_over_all_their_names() -> None:
    # One document calls "Maria Delgado" an actress, another "Delgado" (the same person): two
    # documents call her so, and the nameless actress of a third with her company is her.
    nameless = extraction(
        "The actress met Tom Avery in Malibu",
        [("The actress", "", "actress"), ("Tom Avery", "PERSON"), ("Malibu", "GPE")],
        "c",
    )
    corpus = resolve([*_CALLED_ACTRESS, nameless])
    assert node_of(corpus, "c", "The actress") == "Maria Delgado"
    assert reason_of(corpus, "c", "The actress").startswith(
        "'The actress' is 'Maria Delgado', called 'actress' in other documents"
    )


# Two documents call Silver Harbor "the sequel" (a title the recogniser took for a person's).
_CALLED_SEQUEL = [
    extraction(
        f"Silver Harbor opened for Rowan Vale and Ada Crane in Leeds on {day}",
        [
            ("Silver Harbor", "PERSON"),
            ("Rowan Vale", "PERSON"),
            ("Ada Crane", "PERSON"),
            ("Leeds", "GPE"),
        ],
        day,
        roles=[(0, "sequel")],
    )
    for day in ("Monday", "Friday")
]


def test_a_description_by_a_noun_of_a_film_joins_the_work_others_call_so() -> None:
    # WordNet files "sequel", "film" and "show" under events, which name no one; but the work
    # two documents call the sequel is a third report's "the sequel", among the same people.
    nameless = extraction(
        "The sequel opened for Rowan Vale and Ada Crane in Leeds",
        [("The sequel", "", "sequel"), ("Rowan Vale", "PERSON"), ("Ada Crane", "PERSON")],
        "c",
    )
    corpus = resolve([*_CALLED_SEQUEL, nameless])
    assert corpus.entities["Silver Harbor"].type == "Work"
    assert node_of(corpus, "c", "The sequel") == "Silver Harbor"
    assert reason_of(corpus, "c", "The sequel").startswith(
        "'The sequel' is 'Silver Harbor', called 'sequel' in other documents"
    )


def test_a_sequel_naming_another_work_is_that_ones() -> None:
    # "The Blue Ridge sequel" is the sequel of Blue Ridge: not the work other documents call
    # the sequel without that name.
    other = extraction(
        "The Blue Ridge sequel opened for Rowan Vale and Ada Crane in Leeds",
        [
            ("The Blue Ridge sequel", "", "sequel"),
            ("Rowan Vale", "PERSON"),
            ("Ada Crane", "PERSON"),
        ],
        "c",
    )
    blue_ridge = Mention("Blue Ridge", 4, 14, 0, "entity", "WORK_OF_ART", head=4)
    first, *rest = other.mentions
    other = replace(other, mentions=(first, blue_ridge, *rest))
    corpus = resolve([*_CALLED_SEQUEL, other])
    assert node_of(corpus, "c", "The Blue Ridge sequel") != "Silver Harbor"


def test_a_description_by_age_and_sex_joins_the_person_of_that_age() -> None:
    # Two reports give Eric Voss's age after his name, and his given name says he is a man:
    # "a 61-year-old man" of a third report of the same bank and town is he, whatever no
    # report calls him; not Tom Reed, 40, nor "a 61-year-old woman", nor "her 61-year-old
    # father", whose person is whoever is hers.
    named = [
        extraction(
            f"Eric Voss, 61, was charged and Tom Reed, 40, was hurt at the Harbor Bank in Salem "
            f"on {day}",
            [
                ("Eric Voss", "PERSON"),
                ("Tom Reed", "PERSON"),
                ("Harbor Bank", "ORG"),
                ("Salem", "GPE"),
            ],
            day,
        )
        for day in ("Monday", "Friday")
    ]
    nameless = [
        extraction(
            f"{words} was seen at the Harbor Bank in Salem",
            [*items, ("Harbor Bank", "ORG"), ("Salem", "GPE")],
            doc_id,
        )
        for doc_id, words, items in (
            ("man", "A 61-year-old man", [("61-year-old man", "", "man")]),
            ("woman", "A 61-year-old woman", [("61-year-old woman", "", "woman")]),
            (
                "father",
                "Ann Lee said her 61-year-old father",
                [("Ann Lee", "PERSON"), ("her", "PRON"), ("61-year-old father", "", "father")],
            ),
        )
    ]
    corpus = resolve([*named, *nameless])
    assert node_of(corpus, "man", "61-year-old man") == "Eric Voss"
    assert reason_of(corpus, "man", "61-year-old man").startswith(
        "'61-year-old man' is 'Eric Voss', 61 years old and male as other documents say"
    )
    assert node_of(corpus, "woman", "61-year-old woman") != "Eric Voss"
    assert node_of(corpus, "father", "61-year-old father") != "Eric Voss"


def test_a_description_given_to_the_wrong_name_moves_to_the_one_called_so() -> None:
    # The salience sieve gave "the actress" to Tom Avery; other documents call Maria Delgado,
    # named here too, an actress and never him: the actress is her.
    text = "Tom Avery met Maria Delgado. The actress smiled"
    items: list[Item] = [
        ("Tom Avery", "PERSON"),
        ("Maria Delgado", "PERSON"),
        ("actress", "", "actress"),
    ]
    misread = extraction(text, items, "c", links=[(2, 0, "description")])
    corpus = resolve([*_CALLED_ACTRESS, misread])
    assert node_of(corpus, "c", "actress") == "Maria Delgado"
    assert reason_of(corpus, "c", "actress") == (
        "'actress' is 'Maria Delgado', called 'actress' in other documents, rather than "
        "'Tom Avery', whom they do not call so"
    )


def test_a_description_stays_when_its_name_is_called_so_too_or_the_other_is_not_named() -> None:
    text = "Tom Avery met Maria Delgado. The actress smiled"
    items: list[Item] = [
        ("Tom Avery", "PERSON"),
        ("Maria Delgado", "PERSON"),
        ("actress", "", "actress"),
    ]
    # Two documents call Tom Avery an actress as well: no change.
    avery_called = [
        extraction(
            f"Tom Avery spoke in Malibu {n}",
            [("Tom Avery", "PERSON"), ("Malibu", "GPE")],
            f"t{n}",
            roles=[(0, "actress")],
        )
        for n in (1, 2)
    ]
    misread = extraction(text, items, "c", links=[(2, 0, "description")])
    corpus = resolve([*_CALLED_ACTRESS, *avery_called, misread])
    assert node_of(corpus, "c", "actress") == "Tom Avery"
    # Maria Delgado is not named in the document: the description stays with the one it names
    # (of a given name of either sex: "Tom", in three documents, would make a man of Tom Avery,
    # whom no salience link may call an actress).
    alone = extraction(
        "Jordan Avery met a fan. The actress smiled",
        [("Jordan Avery", "PERSON"), ("actress", "", "actress")],
        "d",
        links=[(1, 0, "description")],
    )
    corpus = resolve([*_CALLED_ACTRESS, alone])
    assert node_of(corpus, "d", "actress") == "Jordan Avery"


# -- the opening description -------------------------------------------------------------------


_ACTRESS_OPENS = [
    ("The", "DT", "DET", "det", 1, "the"),
    ("actress", "NN", "NOUN", "nsubj", 2, "actress"),
    ("returned", "VBD", "VERB", "ROOT", 2, "return"),
    (".", ".", "PUNCT", "punct", 2, "."),
]


def _named(first: str, last: str, verb: str = "smiled") -> list[tuple]:
    return [
        (first, "NNP", "PROPN", "compound", 1, first, "B-PERSON"),
        (last, "NNP", "PROPN", "nsubj", 2, last, "I-PERSON"),
        (verb, "VBD", "VERB", "ROOT", 2, verb),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]


def _surname(last: str, verb: str = "waved") -> list[tuple]:
    return [
        (last, "NNP", "PROPN", "nsubj", 1, last, "B-PERSON"),
        (verb, "VBD", "VERB", "ROOT", 1, verb),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]


def test_an_opening_description_is_the_protagonist_named_after_it() -> None:
    doc = parsed(
        _ACTRESS_OPENS, _named("Maria", "Delgado"), _surname("Delgado"), _surname("Delgado")
    )
    assert links_of(doc)["actress"] == ("Maria Delgado", "opening description")


def test_an_opening_description_needs_a_clear_protagonist_of_its_gender() -> None:
    # Two people spoken of as often: no protagonist.
    doc = parsed(
        _ACTRESS_OPENS,
        _named("Maria", "Delgado"),
        _named("Rosa", "Lind"),
        _surname("Delgado"),
        _surname("Lind"),
    )
    assert "actress" not in links_of(doc)
    # The protagonist is a man: not the actress.
    doc = parsed(_ACTRESS_OPENS, _named("Tom", "Price"), _surname("Price"), _surname("Price"))
    assert "actress" not in links_of(doc)
    # Deeper in the story, a description is not the opening's.
    doc = parsed(
        _surname("Delgado"),
        _surname("Delgado", "left"),
        _ACTRESS_OPENS,
        _named("Rosa", "Lind"),
        _surname("Lind"),
        _surname("Lind"),
    )
    assert links_of(doc).get("actress", ("", ""))[1] != "opening description"


def test_an_opening_sentence_describes_its_protagonist_once() -> None:
    # "The actress and the singer returned": two people, of whom the protagonist, Maria
    # Delgado, is one (the first, whose gender agrees), not both.
    doc = parsed(
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("actress", "NN", "NOUN", "nsubj", 5, "actress"),
            ("and", "CC", "CCONJ", "cc", 1, "and"),
            ("the", "DT", "DET", "det", 4, "the"),
            ("singer", "NN", "NOUN", "conj", 1, "singer"),
            ("returned", "VBD", "VERB", "ROOT", 5, "return"),
            (".", ".", "PUNCT", "punct", 5, "."),
        ],
        _named("Maria", "Delgado"),
        _surname("Delgado"),
        _surname("Delgado"),
    )
    links = links_of(doc)
    assert links["actress"] == ("Maria Delgado", "opening description")
    assert "singer" not in links


def _two_descriptions_open(first: str, second: str) -> list[tuple]:
    """ "The <first> and the <second> returned." """
    return [
        ("The", "DT", "DET", "det", 1, "the"),
        (first, "NN", "NOUN", "nsubj", 5, first),
        ("and", "CC", "CCONJ", "cc", 1, "and"),
        ("the", "DT", "DET", "det", 4, "the"),
        (second, "NN", "NOUN", "conj", 1, second),
        ("returned", "VBD", "VERB", "ROOT", 5, "return"),
        (".", ".", "PUNCT", "punct", 5, "."),
    ]


def test_one_of_two_descriptions_of_a_sex_is_not_the_protagonist() -> None:
    # "The mother and the sister returned": two women, whom the story may name in either
    # order; neither is Maria Delgado for being the woman it speaks of most.
    links = links_of(
        parsed(
            _two_descriptions_open("mother", "sister"),
            _named("Maria", "Delgado"),
            _surname("Delgado"),
            _surname("Delgado"),
        )
    )
    assert "mother" not in links
    assert "sister" not in links


def test_an_opening_description_of_a_sex_is_the_protagonist_of_that_sex() -> None:
    # "The actress returned": a man the story speaks of as often as of Maria Delgado is no
    # rival of "the actress", who is Delgado.
    story = (
        _named("Tom", "Price"),
        _named("Maria", "Delgado"),
        _surname("Price"),
        _surname("Delgado"),
        _surname("Price", "left"),
        _surname("Delgado", "left"),
    )
    doc = parsed(_ACTRESS_OPENS, *story)
    assert links_of(doc)["actress"] == ("Maria Delgado", "opening description")
    # "The actress and the waitress returned": two women the story may name in either order;
    # neither is Delgado for being the one woman named.
    links = links_of(parsed(_two_descriptions_open("actress", "waitress"), *story))
    assert "actress" not in links
    assert "waitress" not in links
    # Nor when the one woman named is not spoken of as the protagonist is (three times).
    doc = parsed(
        _ACTRESS_OPENS,
        _named("Tom", "Price"),
        _named("Maria", "Delgado"),
        _surname("Price"),
        _surname("Price", "left"),
    )
    assert "actress" not in links_of(doc)


# -- a description of a place ------------------------------------------------------------------


def _went_to(place: list[tuple]) -> list[tuple]:
    """ "Delgado went to <place> ." with the place's words as rows (the last one its head)."""
    head = 3 + len(place) - 1
    rows = [
        ("Delgado", "NNP", "PROPN", "nsubj", 1, "Delgado", "B-PERSON"),
        ("went", "VBD", "VERB", "ROOT", 1, "go"),
        ("to", "IN", "ADP", "prep", 1, "to"),
    ]
    for i, (word, entity) in enumerate(place):
        dep, parent = ("pobj", 2) if i == len(place) - 1 else ("compound", head)
        rows.append((word, "NNP", "PROPN", dep, parent, word, entity))
    return [*rows, (".", ".", "PUNCT", "punct", 1, ".")]


_THE_FACILITY_CLOSED = [
    ("The", "DT", "DET", "det", 1, "the"),
    ("facility", "NN", "NOUN", "nsubj", 2, "facility"),
    ("closed", "VBD", "VERB", "ROOT", 2, "close"),
    (".", ".", "PUNCT", "punct", 2, "."),
]


def test_a_description_of_a_place_joins_a_facility_not_the_town() -> None:
    facility = [("Harbor", "B-FAC"), ("Center", "I-FAC")]
    links = links_of(parsed(_went_to(facility), _THE_FACILITY_CLOSED))
    assert links["facility"] == ("Harbor Center", "description")
    # Malibu is the place most spoken of, but "the facility" is not the town.
    links = links_of(parsed(_went_to([("Malibu", "B-GPE")]), _THE_FACILITY_CLOSED))
    assert "facility" not in links


# -- "become" as a copula ------------------------------------------------------------------------


def test_the_complement_of_become_is_its_subject_or_its_controllers() -> None:
    # "Doug Reed scored to become the leader .": "become" has no subject of its own; the one who
    # scored became the leader.
    doc = parsed(
        [
            ("Doug", "NNP", "PROPN", "compound", 1, "Doug", "B-PERSON"),
            ("Reed", "NNP", "PROPN", "nsubj", 2, "Reed", "I-PERSON"),
            ("scored", "VBD", "VERB", "ROOT", 2, "score"),
            ("to", "TO", "PART", "aux", 4, "to"),
            ("become", "VB", "AUX", "advcl", 2, "become"),
            ("the", "DT", "DET", "det", 6, "the"),
            ("leader", "NN", "NOUN", "attr", 4, "leader"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ]
    )
    assert links_of(doc)["leader"] == ("Doug Reed", "predicate nominative")
    # "Doug Reed did not become the leader": not under negation.
    doc = parsed(
        [
            ("Doug", "NNP", "PROPN", "compound", 1, "Doug", "B-PERSON"),
            ("Reed", "NNP", "PROPN", "nsubj", 4, "Reed", "I-PERSON"),
            ("did", "VBD", "AUX", "aux", 4, "do"),
            ("not", "RB", "PART", "neg", 4, "not"),
            ("become", "VB", "AUX", "ROOT", 4, "become"),
            ("the", "DT", "DET", "det", 6, "the"),
            ("leader", "NN", "NOUN", "attr", 4, "leader"),
            (".", ".", "PUNCT", "punct", 4, "."),
        ]
    )
    assert "leader" not in links_of(doc)


# -- a description of a person in the person's own sentence ------------------------------------


def _said_that(owner: list[tuple], description: str) -> list[tuple]:
    """ "<owner>'s spokesman said the <description> left ." (the owner's words as rows)."""
    n = len(owner)
    rows = [
        (
            word,
            "NNP",
            "PROPN",
            "compound" if i < n - 1 else "poss",
            n - 1 if i < n - 1 else n + 1,
            word,
            entity,
        )
        for i, (word, entity) in enumerate(owner)
    ]
    return [
        *rows,
        ("'s", "POS", "PART", "case", n - 1, "'s"),
        ("spokesman", "NN", "NOUN", "nsubj", n + 2, "spokesman"),
        ("said", "VBD", "VERB", "ROOT", n + 2, "say"),
        ("the", "DT", "DET", "det", n + 4, "the"),
        (description, "NN", "NOUN", "nsubj", n + 5, description),
        ("left", "VBD", "VERB", "ccomp", n + 2, "leave"),
        (".", ".", "PUNCT", "punct", n + 2, "."),
    ]


def test_a_description_of_a_person_may_be_the_person_named_before_it_in_its_sentence() -> None:
    doc = parsed(_said_that([("Tara", "B-PERSON"), ("Reid", "I-PERSON")], "actress"))
    assert links_of(doc)["actress"] == ("Tara Reid", "description")
    # A facility in the sentence is not what a description of a place there means.
    doc = parsed(_said_that([("Harbor", "B-FAC"), ("Center", "I-FAC")], "facility"))
    assert "facility" not in links_of(doc)


# -- things called so across documents -----------------------------------------------------------


def _port(doc_id: str, text: str, items: list[Item], roles: list[tuple[int, str]]) -> Extraction:
    return extraction(text, [*items, ("Berbera", "GPE"), ("Somalia", "GPE")], doc_id, roles=roles)


def test_a_description_of_a_thing_joins_the_named_thing_other_documents_call_so() -> None:
    docked = "The MV Orla docked at Berbera in Somalia"
    called = [_port(d, docked, [("MV Orla", "PRODUCT")], [(0, "vessel")]) for d in ("a", "b")]
    nameless = _port("c", "The vessel left Berbera in Somalia", [("vessel", "", "vessel")], [])
    sank = "The vessel sank off Norway"
    elsewhere = extraction(sank, [("vessel", "", "vessel"), ("Norway", "GPE")], "d")
    corpus = resolve([*called, nameless, elsewhere])
    assert node_of(corpus, "c", "vessel") == "MV Orla"
    assert node_of(corpus, "d", "vessel") != "MV Orla"


# -- descriptions by a synonym across documents --------------------------------------------------


def _chief(doc_id: str) -> Extraction:
    # "Chief Dan Ruiz": a title calling him "chief", with the company and the city around him.
    return extraction(
        "Chief Dan Ruiz ran Gordon Advisors in Vancouver",
        [("Dan Ruiz", "PERSON"), ("Gordon Advisors", "ORG"), ("Vancouver", "GPE")],
        doc_id,
        roles=[(0, "chief")],
    )


def _nameless(doc_id: str, text: str, noun: str) -> Extraction:
    return extraction(
        text,
        [(noun, "", noun), ("Gordon Advisors", "ORG"), ("Vancouver", "GPE")],
        doc_id,
    )


def test_a_description_joins_the_entity_other_documents_call_by_a_synonym_of_its_noun() -> None:
    # Three documents call Dan Ruiz "chief"; WordNet puts "boss" in a synset with "chief":
    # "the boss" of a fourth document with his company and city is he. "The captain" (no
    # synonym of "chief") and a boss of a document sharing nothing with his stay apart.
    called = [_chief(d) for d in ("a", "b", "c")]
    boss = _nameless("d", "The boss left Gordon Advisors in Vancouver", "boss")
    captain = _nameless("e", "The captain left Gordon Advisors in Vancouver", "captain")
    quit = "The boss quit in Norway"
    elsewhere = extraction(quit, [("boss", "", "boss"), ("Norway", "GPE")], "f")
    corpus = resolve([*called, boss, captain, elsewhere])
    assert node_of(corpus, "d", "boss") == "Dan Ruiz"
    assert reason_of(corpus, "d", "boss") == (
        "'boss' is 'Dan Ruiz', called 'chief' in other documents (a synonym of 'boss' in "
        "WordNet) and seen with 2 of the same names and things"
    )
    assert node_of(corpus, "e", "captain") != "Dan Ruiz"
    assert node_of(corpus, "f", "boss") != "Dan Ruiz"


def test_a_synonym_must_be_said_in_three_documents_and_the_noun_itself_comes_first() -> None:
    boss = _nameless("d", "The boss left Gordon Advisors in Vancouver", "boss")
    # Called "chief" in two documents only: a synonym stands for one of several senses, so
    # it needs one document more than the noun itself.
    corpus = resolve([_chief("a"), _chief("b"), boss])
    assert node_of(corpus, "d", "boss") != "Dan Ruiz"
    corpus = resolve([_chief("a"), _chief("b"), _chief("c"), boss])
    assert node_of(corpus, "d", "boss") == "Dan Ruiz"
    # An entity that two documents call "boss" itself, sharing as much, comes first (pooled
    # with the synonym's, the two would tie and neither be taken).
    called_boss = [
        extraction(
            f"Ann Berg spoke in Vancouver at Gordon Advisors {n}",
            [("Ann Berg", "PERSON"), ("Vancouver", "GPE"), ("Gordon Advisors", "ORG")],
            f"g{n}",
            roles=[(0, "boss")],
        )
        for n in (1, 2)
    ]
    corpus = resolve([_chief("a"), _chief("b"), _chief("c"), *called_boss, boss])
    assert node_of(corpus, "d", "boss") == "Ann Berg"


def test_a_blended_nickname_is_the_one_person_whose_name_it_runs_together() -> None:
    # "MaBo": the openings of Marisol Boyce's given name and surname, each capitalised.
    corpus = resolve(
        [
            _trial("a", "Marisol Boyce"),
            _trial("b", "Marisol Boyce"),
            _trial("c", "MaBo"),
        ]
    )
    assert node_of(corpus, "c", "MaBo") == "Marisol Boyce"
    (reason,) = [r for r in corpus.entities["Marisol Boyce"].merge_reasons if "MaBo" in r]
    assert reason.startswith("'MaBo' is 'Marisol Boyce', the openings of its given name")
    # Two people it could run together: neither.
    corpus = resolve(
        [
            _trial("a", "Marisol Boyce"),
            _trial("b", "Martin Boyle"),
            _trial("c", "MaBo"),
        ]
    )
    assert node_of(corpus, "c", "MaBo") == "MaBo"
    # Nothing in common with the person's documents: left alone.
    lone = extraction("MaBo sang in Oslo", [("MaBo", "PERSON"), ("Oslo", "GPE")], "c")
    corpus = resolve([_trial("a", "Marisol Boyce"), _trial("b", "Marisol Boyce"), lone])
    assert node_of(corpus, "c", "MaBo") == "MaBo"


def test_another_form_of_a_given_name_before_a_rare_surname_is_the_same_person() -> None:
    # "Nikos" and "Nikolaos" before the one Vlachopoulos of the corpus: one man.
    corpus = resolve(
        [
            _trial("a", "Nikolaos Vlachopoulos"),
            _trial("b", "Nikolaos Vlachopoulos"),
            _trial("c", "Nikos Vlachopoulos"),
        ]
    )
    assert node_of(corpus, "c", "Nikos Vlachopoulos") == "Nikolaos Vlachopoulos"
    (reason,) = [r for r in corpus.entities["Nikolaos Vlachopoulos"].merge_reasons if "Nikos " in r]
    assert "another form of the given name" in reason
    # A third person of that surname: a family, each stays apart.
    corpus = resolve(
        [
            _trial("a", "Nikolaos Vlachopoulos"),
            _trial("b", "Nikos Vlachopoulos"),
            _trial("c", "Eleni Vlachopoulos"),
        ]
    )
    assert node_of(corpus, "b", "Nikos Vlachopoulos") == "Nikos Vlachopoulos"
    # Given names of two sexes ("Christopher", "Christina") are a brother and a sister.
    corpus = resolve(
        [
            _trial("a", "Christopher Vlachopoulos"),
            _trial("b", "Christopher Vlachopoulos"),
            _trial("c", "Christina Vlachopoulos"),
        ]
    )
    assert node_of(corpus, "c", "Christina Vlachopoulos") == "Christina Vlachopoulos"


def _climb(doc_id: str, mountain: str) -> Extraction:
    text = f"A climber from Perth fell on {mountain} near Twizel"
    names = [("Perth", "GPE"), (mountain, "LOC"), ("Twizel", "GPE")]
    return extraction(text, names, doc_id)


def test_a_mountain_with_another_name_of_it_before_is_the_mountain() -> None:
    # "Kahurangi Mount Arden", "Kahurangi-Mt. Arden": the mountain other documents call
    # "Mount Arden" or "Mt Arden", with a name of it in another language first.
    for written in ("Kahurangi Mount Arden", "Kahurangi-Mt. Arden"):
        corpus = resolve(
            [_climb("a", "Mount Arden"), _climb("b", "Mt Arden"), _climb("c", written)]
        )
        assert node_of(corpus, "c", written) == node_of(corpus, "a", "Mount Arden")
    # An English word before it makes another place ("South Mount Arden", a town by it).
    corpus = resolve([_climb("a", "Mount Arden"), _climb("c", "South Mount Arden")])
    assert node_of(corpus, "c", "South Mount Arden") != node_of(corpus, "a", "Mount Arden")
