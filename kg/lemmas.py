"""spaCy's lemmatizer, remembered: the same lemmas in a small part of the time.

An English pipeline's rule lemmatizer works a token's lemma out from its text, its part of
speech and its morphology, and nothing else. It remembers what it worked out, but not for the
commonest case: a word already in its base form ("noun" in the singular, a verb in the
infinitive, an adjective in the positive degree: most tokens) is worked out again for every
token, and every token is set through a Python ``Token``: some 4 % of the whole parse.
``RememberedLemmatizer`` asks spaCy's own lemmatizer once per distinct (text, part of speech,
morphology), remembers the answer, and sets a Doc's lemmas in one array, so the lemmas are
exactly spaCy's. Only lemmatizers whose answer depends on those three values alone (the rule
and lookup modes) are replaced; any other keeps spaCy's component.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, cast

import numpy
from spacy.attrs import LEMMA, MORPH, ORTH, POS
from spacy.language import Language

if TYPE_CHECKING:
    from spacy.pipeline import Lemmatizer
    from spacy.tokens import Doc
    from thinc.types import Ints2d

FACTORY = "kg_remembered_lemmatizer"

# Lemmatizer modes whose lemma is a function of the token's text, part of speech and morphology.
CONTEXT_FREE_MODES = ("rule", "lookup")

# Distinct (text, part of speech, morphology) remembered at most before starting afresh: some
# 33 MB (measured with tracemalloc on as many keys of 64-bit ids).
MAX_KNOWN = 1 << 17


class RememberedLemmatizer:
    """A pipeline component giving each token the lemma spaCy's ``lemmatizer`` (set by
    ``use_remembered_lemmatizer``) gives it, worked out once per distinct token."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.lemmatizer: Lemmatizer | None = None
        self._known: dict[tuple[int, int, int], int] = {}

    def __call__(self, doc: Doc) -> Doc:
        lemmatizer = self.lemmatizer
        assert lemmatizer is not None, "use_remembered_lemmatizer sets the lemmatizer"
        if not len(doc):
            return doc
        # One row of ids per token (spaCy's stub says floats: the array is of uint64).
        rows = cast("list[list[int]]", doc.to_array([ORTH, POS, MORPH, LEMMA]).tolist())
        lemmas = [row[3] for row in rows]
        known, strings = self._known, doc.vocab.strings
        for i, (orth, pos, morph, lemma) in enumerate(rows):
            # As spaCy's: a lemma set earlier (by the attribute ruler's exceptions) is kept
            # unless the lemmatizer is told to overwrite.
            if lemma and not lemmatizer.overwrite:
                continue
            key = (orth, pos, morph)
            answer = known.get(key)
            if answer is None:
                if len(known) >= MAX_KNOWN:
                    known.clear()
                answer = known[key] = strings.add(lemmatizer.lemmatize(doc[i])[0])
            lemmas[i] = answer
        column = numpy.array(lemmas, dtype=numpy.uint64).reshape(-1, 1)
        doc.from_array([LEMMA], cast("Ints2d", column))
        return doc


@Language.factory(FACTORY)
def _make_remembered_lemmatizer(nlp: Language, name: str) -> RememberedLemmatizer:
    return RememberedLemmatizer(name)


def use_remembered_lemmatizer(nlp: Language, name: str = "lemmatizer") -> bool:
    """Replace the pipeline's lemmatizer by one that remembers, when its mode allows it.
    Returns whether it did."""
    from spacy.pipeline import Lemmatizer

    if name not in nlp.pipe_names:
        return False
    lemmatizer = nlp.get_pipe(name)
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode not in CONTEXT_FREE_MODES:
        return False
    component = nlp.replace_pipe(name, FACTORY)
    assert isinstance(component, RememberedLemmatizer)  # what FACTORY makes
    component.lemmatizer = lemmatizer
    searchable_index(lemmatizer)
    return True


def searchable_index(lemmatizer: Lemmatizer) -> bool:
    """Make the rule lemmatizer's index (the known lemmas of each part of speech) answer ``in``
    from a set. Returns whether it did.

    spaCy's ``rule_lemmatize`` asks ``form in index`` of every form its rules make of a word
    it has not seen, and the pipelines ship the index as lists (57,000 nouns): each new word
    scanned them, some 100 µs a word, nearly all the lemmatizer's time (0.6 s of CPU per 300
    news articles). A set answers the same. Only for spaCy's own ``rule_lemmatize``, which
    reads the index for nothing else."""
    from spacy.pipeline import Lemmatizer

    if lemmatizer.mode != "rule" or type(lemmatizer).rule_lemmatize is not (
        Lemmatizer.rule_lemmatize
    ):
        return False
    table = lemmatizer.lookups.get_table("lemma_index", {})
    for key, words in list(table.items()):
        if isinstance(words, list) and not isinstance(words, WordList):
            table[key] = WordList(words)
    return True


class WordList(list[str]):
    """A list of words whose ``in`` is a set's: still the list spaCy ships (saved as one, the
    same bytes), searched in constant time. Not to be changed once made."""

    def __init__(self, words: list[str]) -> None:
        super().__init__(words)
        self._members = frozenset(words)

    def __contains__(self, word: object) -> bool:
        return word in self._members


# The clitic verbs written with a typographic apostrophe ("It’s", "they’re"), as the pipelines
# lemmatise them with a straight one: their rules match "'s" but not "’s", so "’s" is left a
# VERB lemmatised "’" and every rule that reads a copula by its lemma ("it is likely that ...")
# misses it. Only the verb readings: "Creighton’s team" (a possessive, tagged POS) is left alone.
_CURLY_CLITICS = {"’s": "be", "’re": "be", "’m": "be", "’ve": "have", "’ll": "will", "’d": "would"}
_VERB_TAGS = frozenset({"VBZ", "VBP", "VBD", "VB", "MD"})


def straighten_clitics(doc: Doc, text: str) -> None:
    """Give the clitic verbs written with "’" (``text`` is the Doc's) the lemma and part of
    speech the same clitic gets when written with "'": "’s" and "’re" are "be", an AUX."""
    if "’" not in text:
        return
    for token in doc:
        lemma = _CURLY_CLITICS.get(token.lower_)
        if lemma is not None and token.tag_ in _VERB_TAGS and token.lemma_ != lemma:
            token.lemma_ = lemma
            token.pos_ = "AUX"
