"""Words read into a person's name for their capital: a verb opening a sentence ("Joining
Brunhoff at the news conference was ...", "Enter Kessling, then a dairy farmer") and the end of
an office's "of" phrase ("Secretary of the Interior Laura Whitfield"), on texts written for
them."""

from __future__ import annotations

from conftest import corpus_mentions
from spacy.tokens import Doc, Span

from kg.extract.arguments import name_tokens, office_words

NEWS_CONFERENCE = (
    "The county sheriff, Dale Brunhoff, spoke to reporters on Friday.\n"
    "Joining Brunhoff at the news conference was his deputy.\n"
    "Brunhoff said the suspect would be held without bail.\n"
)

DAIRY = (
    "Dairy prices fell in the state.\n"
    "Enter Kessling, then a dairy farmer, and his partner Ron Abt.\n"
    "Dave Kessling formed a venture with Abt.\n"
)


def test_a_verb_opening_the_sentence_is_no_part_of_the_name(nlp):
    """The recogniser reads "Joining Brunhoff" and "Enter Kessling" as names: the verb's capital
    is the sentence's, the document names the person without it, so the name is the surname,
    and it is the person the document names in full."""
    records = corpus_mentions(nlp, [NEWS_CONFERENCE, DAIRY])
    names = {(r["document"], r["text"]): r["node"] for r in records if r["kind"] == "name"}
    assert ("doc0.txt", "Joining Brunhoff") not in names
    assert names[("doc0.txt", "Brunhoff")] == names[("doc0.txt", "Dale Brunhoff")]
    assert ("doc1.txt", "Enter Kessling") not in names
    assert names[("doc1.txt", "Kessling")] == names[("doc1.txt", "Dave Kessling")]
    assert not any(node.endswith(("Joining_Brunhoff", "Enter_Kessling")) for node in names.values())


def _doc(
    nlp, text: str, sentence_starts: list[int], names: list[tuple[int, int]], label="PERSON"
) -> Doc:
    """A Doc of the words of ``text`` (split at spaces) whose sentences open at the words
    ``sentence_starts``, with ``names`` (start, end) labelled ``label``: the recogniser's
    reading, written out."""
    words = text.split(" ")
    starts = [i in sentence_starts for i in range(len(words))]
    doc = Doc(nlp.vocab, words=words, sent_starts=starts)
    doc.ents = [Span(doc, start, end, label) for start, end in names]
    return doc


def _name(doc: Doc, start: int, end: int, label="PERSON") -> list[str]:
    return [t.text for t in name_tokens(list(doc[start:end]), label)]


def test_a_verb_stays_in_a_name_the_document_writes_with_it_inside_a_sentence(nlp):
    """The name "Following Seas" opens one sentence and is written with its capital inside
    another: the verb is the name's own word there, whatever else the document names "Seas"."""
    text = "Following Seas won . Critics praised Following Seas . The Seas label sold it ."
    doc = _doc(nlp, text, [0, 4, 9], [(0, 2), (6, 8), (10, 11)])
    assert _name(doc, 0, 2) == ["Following", "Seas"]


def test_a_given_name_that_is_a_verb_opens_a_name(nlp):
    """A verb that is also a given name ("Rob") is a name first: "Rob Kessling" stays whole
    though "Kessling" is named alone elsewhere."""
    doc = _doc(nlp, "Rob Kessling won . Kessling said so .", [0, 4], [(0, 2), (4, 5)])
    assert _name(doc, 0, 2) == ["Rob", "Kessling"]


def test_a_verb_opening_a_name_that_is_named_elsewhere_is_cut(nlp):
    """The same shapes with the verb written nowhere else: "Losing Kessling" is "Kessling"."""
    doc = _doc(nlp, "Losing Kessling hurts . Dave Kessling said so .", [0, 4], [(0, 2), (4, 6)])
    assert _name(doc, 0, 2) == ["Kessling"]


def test_an_office_of_the_x_ends_before_the_holders_given_name(nlp):
    """The recogniser reads "the Interior Laura Whitfield" as one organisation after "Secretary
    of": the office ends at "Interior", the name is the person's from the given name on."""
    doc = _doc(nlp, "said Secretary of the Interior Laura Whitfield .", [0], [(3, 7)], "ORG")
    assert _name(doc, 3, 7, "ORG") == ["Laura", "Whitfield"]
    assert office_words(list(doc[3:7])) == 2  # "the Interior": the label is a person's


def test_an_office_or_a_team_without_a_persons_name_stays_whole(nlp):
    """No given name after the office ("Secretary of Homeland Security"), or a name that ends
    in a common word ("coach of the San Diego Chargers", "Diego" a given name): no cut."""
    doc = _doc(nlp, "said Secretary of Homeland Security .", [0], [(3, 5)], "ORG")
    assert _name(doc, 3, 5, "ORG") == ["Homeland", "Security"]
    doc = _doc(nlp, "the coach of the San Diego Chargers .", [0], [(3, 7)], "ORG")
    assert _name(doc, 3, 7, "ORG") == ["San", "Diego", "Chargers"]
    assert office_words(list(doc[3:7])) == 0


def test_an_adverb_or_adjective_opening_the_sentence_is_no_part_of_the_name(nlp):
    """The adverb "Naturally" and the adjective "Jobless" are nothing else: their capital is
    the sentence's, so "Naturally Megan Fairlie" is "Megan Fairlie" (the rest opens with a
    given name) and "Jobless Kessling" is "Kessling" (named alone elsewhere)."""
    doc = _doc(nlp, "Naturally Megan Fairlie declined .", [0], [(0, 3)])
    assert _name(doc, 0, 3) == ["Megan", "Fairlie"]
    doc = _doc(nlp, "Jobless Kessling was held . Kessling said so .", [0, 5], [(0, 2), (5, 6)])
    assert _name(doc, 0, 2) == ["Kessling"]


def test_a_surname_or_given_name_that_is_also_an_adjective_opens_a_name(nlp):
    """The nouns "Young" and "Frank", the given names "Rich" and "Earnest": the names stay
    whole. An adjective the document writes capitalised inside a sentence is the name's own
    word ("Stout Kessling" twice), and a word before a surname named nowhere else may be a given
    name the records miss ("Bright Addae")."""
    for first in ("Young", "Frank", "Rich", "Earnest"):
        doc = _doc(nlp, f"{first} Megan Fairlie declined .", [0], [(0, 3)])
        assert _name(doc, 0, 3) == [first, "Megan", "Fairlie"]
    text = "Stout Kessling won . Critics praised Stout Kessling ."
    doc = _doc(nlp, text, [0, 4], [(0, 2), (6, 8)])
    assert _name(doc, 0, 2) == ["Stout", "Kessling"]
    doc = _doc(nlp, "Bright Addae scored twice .", [0], [(0, 2)])
    assert _name(doc, 0, 2) == ["Bright", "Addae"]
