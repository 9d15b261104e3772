"""The names extraction settles before every stage reads them (kg/extract/entities.py): a
person's name around a quoted nickname, a name written in quotation marks, a code written with
hyphens. Sentences written for these tests, through the pinned small pipeline (en_core_web_sm
3.8.0: SMALL_MODEL in conftest). Each test says what must be one name and what must not."""

from __future__ import annotations

from conftest import corpus_mentions

from kg.extract import extract
from kg.extract.entities import settle_entities
from kg.inputs import document_id
from kg.types import Document


def _names(sm_nlp, text: str) -> list[tuple[str, str]]:
    """(text, node label) of every name mention of ``text``."""
    return [(r["text"], r["label"]) for r in corpus_mentions(sm_nlp, [text]) if r["kind"] == "name"]


def _settled(sm_nlp, text: str) -> list[str]:
    doc = sm_nlp(text)
    settle_entities(doc)
    return [ent.text for ent in doc.ents]


def test_a_name_around_a_quoted_nickname_is_one_person_in_mentions_and_facts(sm_nlp):
    # The recogniser reads "Anthony" and '"The Pearl" Marchetti' (a work): one person.
    text = (
        'Mob boss Anthony "The Pearl" Marchetti, who ran the docks for decades, died on '
        "Sunday. Marchetti was 81."
    )
    names = _names(sm_nlp, text)
    assert ('Anthony "The Pearl" Marchetti', "Anthony Marchetti") in names
    assert ("Marchetti", "Anthony Marchetti") in names
    assert not [name for name, _ in names if '"' in name and not name.startswith("Anthony")]
    doc = sm_nlp(text)
    facts = extract(doc, Document(document_id(text), "d.txt", text)).triples
    # No fact is said of a piece of the name cut at its marks.
    assert not [t for t in facts if t.subject.text.startswith(("Pearl", '"', "The Pearl"))]


def test_a_quoted_name_is_the_words_between_its_marks(sm_nlp):
    # 'the "Iron Gulls' (read with its determiner and its opening mark) is "Iron Gulls".
    text = (
        'Fans nicknamed the club the "Iron Gulls" after a string of fights. The "Iron Gulls" '
        "lost again on Friday."
    )
    assert [name for name, _ in _names(sm_nlp, text)] == ["Iron Gulls", "Iron Gulls"]
    # The comma American style puts inside the marks is no part of the name.
    text = "She won praise for her role in ``Harbor Lights,'' a drama set in Maine."
    assert "Harbor Lights" in _settled(sm_nlp, text)


def test_a_quoted_phrase_or_a_possessive_is_no_quoted_name(sm_nlp):
    # A quoted sentence is no name; the apostrophe of a plural's possessive opens nothing.
    assert "Smith" in _settled(sm_nlp, 'He said "Smith is right" to reporters.')
    assert "Michael Jordan" in _settled(sm_nlp, "The Bulls' Michael Jordan scored 40 points.")


def test_a_code_written_with_hyphens_is_one_name(sm_nlp):
    text = (
        "Microsoft released bulletin MS11-045 on Tuesday. The bulletin MS11-045 fixes a flaw in "
        "Excel, the company said."
    )
    names = _names(sm_nlp, text)
    assert [n for n in names if "045" in n[0] or "MS11" in n[0]] == [("MS11-045", "MS11-045")] * 2
    # Initials joined by hyphens and numbered after a space name one thing (a cable); two
    # pieces with no number are as often two places written together.
    text = "Engineers will repair the ASIA-EU-AF 2 cable first, then the link used for US-UK calls."
    settled = _settled(sm_nlp, text)
    assert "ASIA-EU-AF 2" in settled
    assert not [e for e in settled if e.startswith("US-")]
    # Words joined by hyphens with no capital code first are no code: the names stay.
    text = "The 2010-11 season ended with a 3-2 win in a well-known way on Dec-19-05."
    assert _settled(sm_nlp, text) == [ent.text for ent in sm_nlp(text).ents]


def test_a_phrase_holding_a_quotation_holds_both_its_marks(sm_nlp):
    # The parser hangs the closing mark on the verb: the phrase was cut inside the quotation.
    text = "Reporters met a shadowy source known as ``Blue Lantern'' in a garage last year."
    texts = [r["text"] for r in corpus_mentions(sm_nlp, [text]) if r["kind"] == "nominal"]
    assert "shadowy source known as ``Blue Lantern''" in texts
    assert "shadowy source known as ``Blue Lantern" not in texts


def test_a_quoted_name_the_recogniser_missed_is_all_its_words(sm_nlp):
    # The tagger reads the number of "'7 Street'" as no part of the name.
    text = "Lopez joined a crew known as '7 Street,' who police say sold drugs on the corner."
    names = [name for name, _ in _names(sm_nlp, text)]
    assert "7 Street" in names
    assert "Street" not in names
