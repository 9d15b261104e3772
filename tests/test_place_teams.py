"""A place's name standing for its team ("Springfield beat Shelbyville 3-1"): read off the
grammar on hand-built parses (no model), and resolved to the team a document names after the
place ("the Springfield Isotopes"); a town where something is, and a town acting in a story that
names no team of it, stay the place. Texts written for these tests."""

from __future__ import annotations

from test_coref import parsed

from kg.coref import coreference
from kg.extract import document_sentences
from kg.extract.tokens import extraction_cache
from kg.resolve import resolve
from kg.types import Document, Extraction, Mention

# "Springfield beat Shelbyville 3-1. The Springfield Isotopes play at the stadium in
# Springfield."
MATCH = (
    [
        ("Springfield", "NNP", "PROPN", "nsubj", 1, "Springfield", "B-GPE"),
        ("beat", "VBD", "VERB", "ROOT", 1, "beat"),
        ("Shelbyville", "NNP", "PROPN", "dobj", 1, "Shelbyville", "B-GPE"),
        ("3-1", "CD", "NUM", "npadvmod", 1, "3-1", "B-CARDINAL"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
    [
        ("The", "DT", "DET", "det", 2, "the"),
        ("Springfield", "NNP", "PROPN", "compound", 2, "Springfield", "B-ORG"),
        ("Isotopes", "NNPS", "PROPN", "nsubj", 3, "Isotopes", "I-ORG"),
        ("play", "VBP", "VERB", "ROOT", 3, "play"),
        ("at", "IN", "ADP", "prep", 3, "at"),
        ("the", "DT", "DET", "det", 6, "the"),
        ("stadium", "NN", "NOUN", "pobj", 4, "stadium"),
        ("in", "IN", "ADP", "prep", 6, "in"),
        ("Springfield", "NNP", "PROPN", "pobj", 7, "Springfield", "B-GPE"),
        (".", ".", "PUNCT", "punct", 3, "."),
    ],
)

# "Springfield approved a budget. The council met in Springfield."
COUNCIL = (
    [
        ("Springfield", "NNP", "PROPN", "nsubj", 1, "Springfield", "B-GPE"),
        ("approved", "VBD", "VERB", "ROOT", 1, "approve"),
        ("a", "DT", "DET", "det", 3, "a"),
        ("budget", "NN", "NOUN", "dobj", 1, "budget"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
    [
        ("The", "DT", "DET", "det", 1, "the"),
        ("council", "NN", "NOUN", "nsubj", 2, "council"),
        ("met", "VBD", "VERB", "ROOT", 2, "meet"),
        ("in", "IN", "ADP", "prep", 2, "in"),
        ("Springfield", "NNP", "PROPN", "pobj", 3, "Springfield", "B-GPE"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ],
)

# "The Ogdenville Otters lost in Ogdenville as Jones led Springfield to a win."
OTHER_MATCH = (
    [
        ("The", "DT", "DET", "det", 2, "the"),
        ("Ogdenville", "NNP", "PROPN", "compound", 2, "Ogdenville", "B-ORG"),
        ("Otters", "NNPS", "PROPN", "nsubj", 3, "Otters", "I-ORG"),
        ("lost", "VBD", "VERB", "ROOT", 3, "lose"),
        ("in", "IN", "ADP", "prep", 3, "in"),
        ("Ogdenville", "NNP", "PROPN", "pobj", 4, "Ogdenville", "B-GPE"),
        ("as", "IN", "SCONJ", "mark", 8, "as"),
        ("Jones", "NNP", "PROPN", "nsubj", 8, "Jones", "B-PERSON"),
        ("led", "VBD", "VERB", "advcl", 3, "lead"),
        ("Springfield", "NNP", "PROPN", "dobj", 8, "Springfield", "B-GPE"),
        ("to", "IN", "ADP", "prep", 8, "to"),
        ("a", "DT", "DET", "det", 12, "a"),
        ("win", "NN", "NOUN", "pobj", 10, "win"),
        (".", ".", "PUNCT", "punct", 3, "."),
    ],
)

# "Jones had 11 rebounds for Springfield. Smith left for Shelbyville."
FOR_WHOM = (
    [
        ("Jones", "NNP", "PROPN", "nsubj", 1, "Jones", "B-PERSON"),
        ("had", "VBD", "VERB", "ROOT", 1, "have"),
        ("11", "CD", "NUM", "nummod", 3, "11", "B-CARDINAL"),
        ("rebounds", "NNS", "NOUN", "dobj", 1, "rebound"),
        ("for", "IN", "ADP", "prep", 3, "for"),
        ("Springfield", "NNP", "PROPN", "pobj", 4, "Springfield", "B-GPE"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
    [
        ("Smith", "NNP", "PROPN", "nsubj", 1, "Smith", "B-PERSON"),
        ("left", "VBD", "VERB", "ROOT", 1, "leave"),
        ("for", "IN", "ADP", "prep", 1, "for"),
        ("Shelbyville", "NNP", "PROPN", "pobj", 2, "Shelbyville", "B-GPE"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
)

# "Springfield Isotopes 65" (a title line), then "The Isotopes won in Springfield. Springfield
# stretched its lead."
TITLED = (
    [
        ("Springfield", "NNP", "PROPN", "compound", 1, "Springfield", "B-ORG"),
        ("Isotopes", "NNPS", "PROPN", "ROOT", 1, "Isotopes", "I-ORG"),
        ("65", "CD", "NUM", "nummod", 1, "65"),
    ],
    [
        ("The", "DT", "DET", "det", 1, "the"),
        ("Isotopes", "NNPS", "PROPN", "nsubj", 2, "Isotopes", "B-ORG"),
        ("won", "VBD", "VERB", "ROOT", 2, "win"),
        ("in", "IN", "ADP", "prep", 2, "in"),
        ("Springfield", "NNP", "PROPN", "pobj", 3, "Springfield", "B-GPE"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ],
    [
        ("Springfield", "NNP", "PROPN", "nsubj", 1, "Springfield", "B-GPE"),
        ("stretched", "VBD", "VERB", "ROOT", 1, "stretch"),
        ("its", "PRP$", "PRON", "poss", 3, "its"),
        ("lead", "NN", "NOUN", "dobj", 1, "lead"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
)

# "The Capital City Goofballs won.", the recogniser's place cut before the nickname.
CUT = (
    [
        ("The", "DT", "DET", "det", 3, "the"),
        ("Capital", "NNP", "PROPN", "compound", 2, "Capital", "B-GPE"),
        ("City", "NNP", "PROPN", "compound", 3, "City", "I-GPE"),
        ("Goofballs", "NNPS", "PROPN", "nsubj", 4, "Goofballs"),
        ("won", "VBD", "VERB", "ROOT", 4, "win"),
        (".", ".", "PUNCT", "punct", 4, "."),
    ],
)

# "The Springfield 76ers fired Ana Ruiz. The 76ers lost. Springfield won." A nickname made of
# a number, which the recogniser reads as a count or a noun.
NUMERAL = (
    [
        ("The", "DT", "DET", "det", 2, "the"),
        ("Springfield", "NNP", "PROPN", "compound", 2, "Springfield", "B-GPE"),
        ("76ers", "NNS", "NOUN", "nsubj", 3, "76er"),
        ("fired", "VBD", "VERB", "ROOT", 3, "fire"),
        ("Ana", "NNP", "PROPN", "compound", 5, "Ana", "B-PERSON"),
        ("Ruiz", "NNP", "PROPN", "dobj", 3, "Ruiz", "I-PERSON"),
        (".", ".", "PUNCT", "punct", 3, "."),
    ],
    [
        ("The", "DT", "DET", "det", 1, "the"),
        ("76ers", "NNS", "NOUN", "nsubj", 2, "76er", "B-CARDINAL"),
        ("lost", "VBD", "VERB", "ROOT", 2, "lose"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ],
    [
        ("Springfield", "NNP", "PROPN", "nsubj", 1, "Springfield", "B-GPE"),
        ("won", "VBD", "VERB", "ROOT", 1, "win"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
)

# "Otters defensive tackle Ana Ruiz was arrested. Police spokesman Tom Lee said so. Sales
# manager Eve Hart left." A team written before what one of its people is, a body's singular
# word before a role, and the plural of a department's kind before one.
PLAYER = (
    [
        ("Otters", "NNPS", "PROPN", "compound", 4, "Otters"),
        ("defensive", "JJ", "ADJ", "amod", 2, "defensive"),
        ("tackle", "NN", "NOUN", "compound", 4, "tackle"),
        ("Ana", "NNP", "PROPN", "compound", 4, "Ana", "B-PERSON"),
        ("Ruiz", "NNP", "PROPN", "nsubjpass", 6, "Ruiz", "I-PERSON"),
        ("was", "VBD", "AUX", "auxpass", 6, "be"),
        ("arrested", "VBN", "VERB", "ROOT", 6, "arrest"),
        (".", ".", "PUNCT", "punct", 6, "."),
    ],
    [
        ("Police", "NNP", "PROPN", "compound", 1, "Police"),
        ("spokesman", "NN", "NOUN", "compound", 3, "spokesman"),
        ("Tom", "NNP", "PROPN", "compound", 3, "Tom", "B-PERSON"),
        ("Lee", "NNP", "PROPN", "nsubj", 4, "Lee", "I-PERSON"),
        ("said", "VBD", "VERB", "ROOT", 4, "say"),
        ("so", "RB", "ADV", "advmod", 4, "so"),
        (".", ".", "PUNCT", "punct", 4, "."),
    ],
    [
        ("Sales", "NNS", "NOUN", "compound", 3, "sale"),
        ("manager", "NN", "NOUN", "compound", 3, "manager"),
        ("Eve", "NNP", "PROPN", "compound", 3, "Eve", "B-PERSON"),
        ("Hart", "NNP", "PROPN", "nsubj", 4, "Hart", "I-PERSON"),
        ("left", "VBD", "VERB", "ROOT", 4, "leave"),
        (".", ".", "PUNCT", "punct", 4, "."),
    ],
)

# "Salem Otters coach Ana Ruiz resigned." as the parser may read it: the coach an apposition
# of the team.
COACH = (
    [
        ("Salem", "NNP", "PROPN", "compound", 1, "Salem", "B-ORG"),
        ("Otters", "NNPS", "PROPN", "nsubj", 5, "Otters", "I-ORG"),
        ("coach", "NN", "NOUN", "appos", 1, "coach"),
        ("Ana", "NNP", "PROPN", "compound", 4, "Ana", "B-PERSON"),
        ("Ruiz", "NNP", "PROPN", "appos", 2, "Ruiz", "I-PERSON"),
        ("resigned", "VBD", "VERB", "ROOT", 5, "resign"),
        (".", ".", "PUNCT", "punct", 5, "."),
    ],
)

# "Boston's streets were quiet as Dallas took a 7-0 lead over Boston."
STREETS = (
    [
        ("Boston", "NNP", "PROPN", "poss", 2, "Boston", "B-GPE"),
        ("'s", "POS", "PART", "case", 0, "'s"),
        ("streets", "NNS", "NOUN", "nsubj", 3, "street"),
        ("were", "VBD", "AUX", "ROOT", 3, "be"),
        ("quiet", "JJ", "ADJ", "acomp", 3, "quiet"),
        ("as", "IN", "SCONJ", "mark", 6, "as"),
        ("Dallas", "NNP", "PROPN", "nsubj", 7, "Dallas", "B-GPE"),
        ("took", "VBD", "VERB", "advcl", 3, "take"),
        ("a", "DT", "DET", "det", 10, "a"),
        ("7-0", "CD", "NUM", "nummod", 10, "7-0"),
        ("lead", "NN", "NOUN", "dobj", 7, "lead"),
        ("over", "IN", "ADP", "prep", 10, "over"),
        ("Boston", "NNP", "PROPN", "pobj", 11, "Boston", "B-GPE"),
        (".", ".", "PUNCT", "punct", 3, "."),
    ],
)


# "Springfield Isotopes pitcher Ana Ruiz was hurt in Springfield." The recogniser cut the
# team's name after its place, and the parser hung the place on the person.
SPLIT_TEAM = (
    [
        ("Springfield", "NNP", "PROPN", "nmod", 4, "Springfield", "B-GPE"),
        ("Isotopes", "NNPS", "PROPN", "compound", 2, "Isotopes", "B-ORG"),
        ("pitcher", "NN", "NOUN", "compound", 4, "pitcher"),
        ("Ana", "NNP", "PROPN", "compound", 4, "Ana", "B-PERSON"),
        ("Ruiz", "NNP", "PROPN", "nsubjpass", 6, "Ruiz", "I-PERSON"),
        ("was", "VBD", "AUX", "auxpass", 6, "be"),
        ("hurt", "VBN", "VERB", "ROOT", 6, "hurt"),
        ("in", "IN", "ADP", "prep", 6, "in"),
        ("Springfield", "NNP", "PROPN", "pobj", 7, "Springfield", "B-GPE"),
        (".", ".", "PUNCT", "punct", 6, "."),
    ],
)


def _extraction(
    rows: tuple[list[tuple], ...], doc_id: str, headlines: frozenset[int] = frozenset()
) -> Extraction:
    doc = parsed(*rows)
    with extraction_cache(doc, doc.text):
        sentences = document_sentences(doc)
        mentions, links = coreference(doc, sentences, headlines)
    return Extraction(
        Document(doc_id, f"{doc_id}.txt", doc.text),
        tuple(record for record, _ in sentences),
        mentions,
        (),
        (),
        links,
    )


def _acting(extraction: Extraction) -> list[tuple[str, bool]]:
    return [(m.text, m.acts_as_agent) for m in extraction.mentions if m.label == "GPE"]


def test_a_place_acting_is_read_off_its_grammar_and_a_place_where_something_is_is_not() -> None:
    # A subject, and a name with a score after it, act; after "in" the name says where.
    assert _acting(_extraction(MATCH, "match")) == [
        ("Springfield", True),
        ("Shelbyville", True),
        ("Springfield", False),
    ]
    # The one led to a win acts, the town a game is lost in does not.
    assert _acting(_extraction(OTHER_MATCH, "other")) == [
        ("Ogdenville", False),
        ("Springfield", True),
    ]
    # Rebounds are had for a side; one leaves for a town.
    assert _acting(_extraction(FOR_WHOM, "for")) == [("Springfield", True), ("Shelbyville", False)]
    # A possessor of a place's own parts does not act; the side a lead is taken over does.
    assert _acting(_extraction(STREETS, "streets")) == [
        ("Boston", False),
        ("Dallas", True),
        ("Boston", True),
    ]


def _node_of(corpus, doc_id: str, start: int) -> str | None:
    (document,) = [d for d in corpus.documents if d.extraction.document.id == doc_id]
    (node,) = [m.key for m in document.coreference if m.mention.start == start]
    return node


def test_a_place_acting_in_a_match_report_is_the_team_its_story_names_after_it() -> None:
    match, council = _extraction(MATCH, "match"), _extraction(COUNCIL, "council")
    corpus = resolve([match, council])
    springfield: list[Mention] = [m for m in match.mentions if m.text == "Springfield"]
    winner, town = springfield[0], springfield[-1]
    team = _node_of(corpus, "match", match.document.text.index("Springfield Isotopes"))
    assert team == "Springfield Isotopes"
    # "Springfield beat Shelbyville": the team, one node with "the Springfield Isotopes".
    assert _node_of(corpus, "match", winner.start) == team
    # "the stadium in Springfield": the town.
    assert _node_of(corpus, "match", town.start) == "Springfield"
    # No team of Shelbyville is named: the town, though it lost.
    assert _node_of(corpus, "match", match.document.text.index("Shelbyville")) == "Shelbyville"
    # "Springfield approved a budget", in a story that names no team: the town, not the team,
    # though another document of the corpus names the team.
    for mention in council.mentions:
        if mention.text == "Springfield":
            assert _node_of(corpus, "council", mention.start) == "Springfield"
    assert corpus.entities["Springfield"].type == "Place"


def test_a_place_acting_in_a_story_of_another_team_is_its_one_team_of_the_corpus() -> None:
    # The story names the Ogdenville Otters only: "led Springfield to a win" is the one team
    # the corpus names after Springfield; the council's story names no team, and its
    # "Springfield approved a budget" stays the town.
    match, other = _extraction(MATCH, "match"), _extraction(OTHER_MATCH, "other")
    council = _extraction(COUNCIL, "council")
    corpus = resolve([match, other, council])
    led = other.document.text.index("Springfield")
    assert _node_of(corpus, "other", led) == "Springfield Isotopes"
    assert _node_of(corpus, "other", other.document.text.index("Ogdenville Otters")) == (
        "Ogdenville Otters"
    )
    assert _node_of(corpus, "council", 0) == "Springfield"


def test_a_place_read_as_its_team_says_why() -> None:
    match = _extraction(MATCH, "match")
    corpus = resolve([match])
    (document,) = corpus.documents
    (winner,) = [m for m in document.coreference if m.mention.start == 0]
    assert winner.sieve == "place_for_its_team"
    assert "stands for its team 'Springfield Isotopes'" in winner.reason


def test_a_team_named_after_its_place_is_a_body_whatever_the_recogniser_tagged_it() -> None:
    # "The Springfield Isotopes" tagged a place (as "Jacksonville Jaguars" is): a body; the
    # town keeps its type.
    as_place = [
        tuple(row[:-1]) + (row[-1].replace("ORG", "GPE"),) if len(row) > 6 else row
        for row in MATCH[1]
    ]
    corpus = resolve([_extraction((MATCH[0], as_place), "match")])
    assert corpus.entities["Springfield Isotopes"].type == "Organization"
    assert corpus.entities["Springfield"].type == "Place"


def test_a_title_line_names_a_team_its_body_names_by_place_and_nickname_apart() -> None:
    # The body writes "the Isotopes" and "Springfield" apart: the title line's "Springfield
    # Isotopes" says they are one team, and "Springfield stretched its lead" is that team.
    titled = _extraction(TITLED, "titled", frozenset({0}))
    assert [m.text for m in titled.mentions if m.sentence == 0] == ["Springfield Isotopes"]
    corpus = resolve([titled])
    text = titled.document.text
    stretched = text.index("Springfield stretched")
    assert _node_of(corpus, "titled", stretched) == "Springfield Isotopes"
    assert _node_of(corpus, "titled", text.index("its")) == "Springfield Isotopes"
    assert _node_of(corpus, "titled", text.index("Springfield.")) == "Springfield"
    # A body that names no nickname confirms no team: the title line's name is the town's.
    untitled = _extraction((TITLED[0], TITLED[2]), "untitled", frozenset({0}))
    assert [m.text for m in untitled.mentions if m.sentence == 0] == ["Springfield"]


def test_a_team_name_the_recogniser_cut_after_its_place_is_read_whole() -> None:
    names = [m.text for m in _extraction(CUT, "cut").mentions if m.kind == "entity"]
    assert "Capital City Goofballs" in names
    assert "City Goofballs" not in names


def test_a_nickname_made_of_a_number_is_a_teams_name_with_its_place_before_it() -> None:
    # "the Springfield 76ers" is one name, a body's, not the town and a count; "the 76ers"
    # alone is that team, and so is "Springfield" acting in its story.
    numeral = _extraction(NUMERAL, "numeral")
    names = [(m.text, m.label) for m in numeral.mentions if m.kind == "entity"]
    assert ("Springfield 76ers", "ORG") in names
    assert ("76ers", "ORG") in names
    assert ("Springfield", "GPE") in names  # the third sentence's
    assert not [m for m in numeral.mentions if m.kind == "concept" and "76ers" in m.text]
    corpus = resolve([numeral])
    text = numeral.document.text
    assert _node_of(corpus, "numeral", text.index("Springfield 76ers")) == "Springfield 76ers"
    assert _node_of(corpus, "numeral", text.index("76ers lost")) == "Springfield 76ers"
    assert _node_of(corpus, "numeral", text.index("Springfield won")) == "Springfield 76ers"


def test_a_team_written_before_what_one_of_its_people_is_is_a_name() -> None:
    # "Otters defensive tackle Ana Ruiz": the recogniser names the person only; the plural
    # before the role is the team, a body's name. "Police spokesman": a singular, no name;
    # "Sales manager": sales are no team's people.
    player = _extraction(PLAYER, "player")
    names = [(m.text, m.label) for m in player.mentions if m.kind == "entity"]
    assert ("Otters", "ORG") in names
    assert not [text for text, _ in names if text in ("Police", "Sales")]


def test_a_role_written_right_after_a_teams_name_is_no_apposition_of_it() -> None:
    # "Salem Otters coach Ana Ruiz": the coach is Ana Ruiz, one of the team's people, not the
    # team, however the parser reads it.
    coach = _extraction(COACH, "coach")
    (team,) = [m for m in coach.mentions if m.text == "Salem Otters"]
    (role,) = [m for m in coach.mentions if m.text == "coach"]
    linked = {
        (coach.mentions[k.mention].text, coach.mentions[k.antecedent].text) for k in coach.links
    }
    assert ("coach", "Salem Otters") not in linked
    assert team.label == "ORG" and role.kind == "concept"


def test_a_pronoun_of_a_place_read_as_its_team_keeps_its_own_reason() -> None:
    titled = _extraction(TITLED, "titled", frozenset({0}))
    (document,) = resolve([titled]).documents
    (its,) = [m for m in document.coreference if m.mention.text == "its"]
    assert its.key == "Springfield Isotopes"
    assert its.sieve != "place_for_its_team"


# "Yesterday the Vashers won the final. Fans of the Vashers sang. Fans watched the Tollies.
# Viewers loved the Tollies." The recogniser leaves both plurals untyped.
PLURALS = (
    [
        ("Yesterday", "NN", "NOUN", "npadvmod", 3, "yesterday"),
        ("the", "DT", "DET", "det", 2, "the"),
        ("Vashers", "NNPS", "PROPN", "nsubj", 3, "Vashers"),
        ("won", "VBD", "VERB", "ROOT", 3, "win"),
        ("the", "DT", "DET", "det", 5, "the"),
        ("final", "NN", "NOUN", "dobj", 3, "final"),
        (".", ".", "PUNCT", "punct", 3, "."),
    ],
    [
        ("Fans", "NNS", "NOUN", "nsubj", 4, "fan"),
        ("of", "IN", "ADP", "prep", 0, "of"),
        ("the", "DT", "DET", "det", 3, "the"),
        ("Vashers", "NNPS", "PROPN", "pobj", 1, "Vashers"),
        ("sang", "VBD", "VERB", "ROOT", 4, "sing"),
        (".", ".", "PUNCT", "punct", 4, "."),
    ],
    [
        ("Fans", "NNS", "NOUN", "nsubj", 1, "fan"),
        ("watched", "VBD", "VERB", "ROOT", 1, "watch"),
        ("the", "DT", "DET", "det", 3, "the"),
        ("Tollies", "NNPS", "PROPN", "dobj", 1, "Tollies"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
    [
        ("Viewers", "NNS", "NOUN", "nsubj", 1, "viewer"),
        ("loved", "VBD", "VERB", "ROOT", 1, "love"),
        ("the", "DT", "DET", "det", 3, "the"),
        ("Tollies", "NNPS", "PROPN", "dobj", 1, "Tollies"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
)


def test_a_plural_name_written_as_a_side_is_a_body_and_one_only_watched_is_not() -> None:
    # "the Vashers won": a side in half its mentions at least, so a body (a team), in every
    # mention of the document; "the Tollies", only watched and loved, stays untyped, a thing.
    extraction = _extraction(PLURALS, "plurals")
    labels = {(m.text, m.label) for m in extraction.mentions if m.text in ("Vashers", "Tollies")}
    assert labels == {("Vashers", "ORG"), ("Tollies", "")}
    corpus = resolve([extraction])
    assert corpus.entities["Vashers"].type == "Organization"
    assert corpus.entities["Tollies"].type == "Thing"


def test_a_place_written_right_before_its_teams_nickname_is_the_team_whatever_its_grammar() -> None:
    # "Springfield Isotopes pitcher Ana Ruiz", the recogniser's place cut from the team's
    # nickname: the team of that name (which another document writes whole), and says why;
    # "hurt in Springfield" is the town.
    split, match = _extraction(SPLIT_TEAM, "split"), _extraction(MATCH, "match")
    corpus = resolve([split, match])
    (document,) = [d for d in corpus.documents if d.extraction.document.id == "split"]
    cut, town = [m for m in document.coreference if m.mention.text == "Springfield"]
    assert (cut.key, cut.sieve) == ("Springfield Isotopes", "team_name_cut")
    assert "first words of the team's name 'Springfield Isotopes'" in cut.reason
    assert town.key == "Springfield"


# "Ana Ruiz checked into the Betty Ford Center." / "Ana Ruiz left Betty Ford for Oslo." with
# "Betty Ford" tagged a person, as the recogniser does / "Betty Ford said Ana Ruiz left."
CENTER = (
    [
        ("Ana", "NNP", "PROPN", "compound", 1, "Ana", "B-PERSON"),
        ("Ruiz", "NNP", "PROPN", "nsubj", 2, "Ruiz", "I-PERSON"),
        ("checked", "VBD", "VERB", "ROOT", 2, "check"),
        ("into", "IN", "ADP", "prep", 2, "into"),
        ("the", "DT", "DET", "det", 7, "the"),
        ("Betty", "NNP", "PROPN", "compound", 6, "Betty", "B-ORG"),
        ("Ford", "NNP", "PROPN", "compound", 7, "Ford", "I-ORG"),
        ("Center", "NNP", "PROPN", "pobj", 3, "Center", "I-ORG"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ],
)
BACK_AT = (
    [
        ("Ana", "NNP", "PROPN", "compound", 1, "Ana", "B-PERSON"),
        ("Ruiz", "NNP", "PROPN", "nsubj", 2, "Ruiz", "I-PERSON"),
        ("stayed", "VBD", "VERB", "ROOT", 2, "stay"),
        ("at", "IN", "ADP", "prep", 2, "at"),
        ("Betty", "NNP", "PROPN", "compound", 5, "Betty", "B-PERSON"),
        ("Ford", "NNP", "PROPN", "pobj", 3, "Ford", "I-PERSON"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ],
)
SAID = (
    [
        ("Betty", "NNP", "PROPN", "compound", 1, "Betty", "B-PERSON"),
        ("Ford", "NNP", "PROPN", "nsubj", 2, "Ford", "I-PERSON"),
        ("said", "VBD", "VERB", "ROOT", 2, "say"),
        ("Ana", "NNP", "PROPN", "compound", 4, "Ana", "B-PERSON"),
        ("Ruiz", "NNP", "PROPN", "nsubj", 5, "Ruiz", "I-PERSON"),
        ("left", "VBD", "VERB", "ccomp", 2, "leave"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ],
)


def test_a_persons_name_written_as_a_place_is_the_place_named_after_the_person() -> None:
    # "stayed at Betty Ford": the Betty Ford Center another document names, and says why;
    # "Betty Ford said" is the person, who acts.
    center, back = _extraction(CENTER, "center"), _extraction(BACK_AT, "back")
    said = _extraction(SAID, "said")
    corpus = resolve([center, back, said])
    (document,) = [d for d in corpus.documents if d.extraction.document.id == "back"]
    (ford,) = [m for m in document.coreference if m.mention.text == "Betty Ford"]
    assert (ford.key, ford.sieve) == ("Betty Ford Center", "place_named_after")
    assert "written here as a place" in ford.reason
    assert _node_of(corpus, "said", 0) == "Betty Ford"


# "Springfield beat Shelbyville 3-1. Fans cheered Springfield. The north section of Springfield
# was quiet. The Springfield Isotopes play in Springfield."
STORY = (
    MATCH[0],
    [
        ("Fans", "NNS", "NOUN", "nsubj", 1, "fan"),
        ("cheered", "VBD", "VERB", "ROOT", 1, "cheer"),
        ("Springfield", "NNP", "PROPN", "dobj", 1, "Springfield", "B-GPE"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
    [
        ("The", "DT", "DET", "det", 2, "the"),
        ("north", "JJ", "ADJ", "amod", 2, "north"),
        ("section", "NN", "NOUN", "nsubj", 5, "section"),
        ("of", "IN", "ADP", "prep", 2, "of"),
        ("Springfield", "NNP", "PROPN", "pobj", 3, "Springfield", "B-GPE"),
        ("was", "VBD", "AUX", "ROOT", 5, "be"),
        ("quiet", "JJ", "ADJ", "acomp", 5, "quiet"),
        (".", ".", "PUNCT", "punct", 5, "."),
    ],
    MATCH[1],
)


def test_a_place_standing_for_its_team_in_a_story_is_the_team_wherever_it_is_not_a_place() -> None:
    # "Fans cheered Springfield": neither acting nor where something is, in a story where
    # "Springfield beat Shelbyville" stands for the team: the team, and says why. "The north
    # section of Springfield" and "play in Springfield" are the town.
    story, council = _extraction(STORY, "story"), _extraction(COUNCIL, "council")
    corpus = resolve([story, council])
    text = story.document.text
    (document,) = [d for d in corpus.documents if d.extraction.document.id == "story"]
    (cheered,) = [m for m in document.coreference if m.mention.start == text.index("Springfield.")]
    assert (cheered.key, cheered.sieve) == ("Springfield Isotopes", "place_for_its_team")
    assert "as the name does where it acts in this document" in cheered.reason
    assert _node_of(corpus, "story", text.index("Springfield was")) == "Springfield"
    assert _node_of(corpus, "story", text.rindex("Springfield")) == "Springfield"
    # The council's story names no team: its town stays the town.
    assert _node_of(corpus, "council", text.index("Springfield")) == "Springfield"
    # Read off the grammar: the winner and the one cheered are not the place itself.
    assert [m.the_place_itself for m in story.mentions if m.text == "Springfield"] == [
        False,
        False,
        True,
        True,
    ]


# "Shelbyville fell to Springfield. Smith moved to Springfield."
LOST_TO = (
    [
        ("Shelbyville", "NNP", "PROPN", "nsubj", 1, "Shelbyville", "B-GPE"),
        ("fell", "VBD", "VERB", "ROOT", 1, "fall"),
        ("to", "IN", "ADP", "prep", 1, "to"),
        ("Springfield", "NNP", "PROPN", "pobj", 2, "Springfield", "B-GPE"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
    [
        ("Smith", "NNP", "PROPN", "nsubj", 1, "Smith", "B-PERSON"),
        ("moved", "VBD", "VERB", "ROOT", 1, "move"),
        ("to", "IN", "ADP", "prep", 1, "to"),
        ("Springfield", "NNP", "PROPN", "pobj", 2, "Springfield", "B-GPE"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ],
)


def test_the_side_a_game_is_lost_to_acts_and_a_town_one_moves_to_does_not() -> None:
    assert _acting(_extraction(LOST_TO, "lost")) == [
        ("Shelbyville", True),
        ("Springfield", True),
        ("Springfield", False),
    ]


# "Salem Otters defensive tackle Ana Ruiz was arrested." The recogniser names the person only.
PLACED_PLAYER = (
    [
        ("Salem", "NNP", "PROPN", "compound", 1, "Salem"),
        ("Otters", "NNPS", "PROPN", "compound", 5, "Otters"),
        ("defensive", "JJ", "ADJ", "amod", 3, "defensive"),
        ("tackle", "NN", "NOUN", "compound", 5, "tackle"),
        ("Ana", "NNP", "PROPN", "compound", 5, "Ana", "B-PERSON"),
        ("Ruiz", "NNP", "PROPN", "nsubjpass", 7, "Ruiz", "I-PERSON"),
        ("was", "VBD", "AUX", "auxpass", 7, "be"),
        ("arrested", "VBN", "VERB", "ROOT", 7, "arrest"),
        (".", ".", "PUNCT", "punct", 7, "."),
    ],
)


def test_a_team_written_with_its_place_before_one_of_its_people_is_one_name() -> None:
    player = _extraction(PLACED_PLAYER, "placed")
    names = [(m.text, m.label) for m in player.mentions if m.kind == "entity"]
    assert ("Salem Otters", "ORG") in names
    assert not [text for text, _ in names if text in ("Otters", "Salem")]
