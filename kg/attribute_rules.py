"""spaCy's attribute ruler, compiled: the same token attributes in a small part of the time.

An English pipeline's ``attribute_ruler`` gives every tagged token its part of speech and
morphology (the old tag map) and corrects some words (the morph rules): 179 Matcher patterns,
matched over every token of every Doc. That is about a sixth of the whole parse, more than all
of kg's own work on a document. Nearly all of those patterns look at one token only, at its
lowercase form, tag and dependency label, so what they set depends on those three values
alone: ``CompiledRules`` works it out once per distinct (lower, tag, dep), remembers it, and
sets it. The few two-token patterns ("gon na", "let 's") are matched directly.

The result is exactly spaCy's. Like ``AttributeRuler``, all patterns are matched against the
Doc as the earlier components left it, then applied in pattern order, a later pattern
overriding an earlier one. ``compile_rules`` accepts a ruler only when every one of its
patterns is of a kind implemented here (tests on the token attributes, no operators, no other
attributes); otherwise the pipeline keeps spaCy's component. tests/test_nlp.py compares the two
token by token on random tag sequences and on real text.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, cast

from spacy.attrs import DEP, LOWER, TAG
from spacy.language import Language
from spacy.tokens import Token

if TYPE_CHECKING:
    from spacy.pipeline import AttributeRuler
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# The attributes a pattern sets, as AttributeRuler keeps them (by attribute id or name).
_Attrs = dict[int | str, object]

set_token_attrs: Callable[[Token, _Attrs], object] | None
try:  # what AttributeRuler itself calls to set a match's attributes; private to spaCy
    from spacy.tokens._retokenize import set_token_attrs
except ImportError:  # another spaCy: its own ruler is kept (use_compiled_ruler)
    set_token_attrs = None

FACTORY = "kg_compiled_attribute_ruler"

# Distinct (lower, tag, dep) remembered at most: some 15 MB. The answers themselves are a few
# hundred, shared; a new word costs about 20 microseconds to work out.
MAX_KNOWN = 1 << 16

# A token's values as the patterns see them: lowercase form, tag, dependency label, is-space.
_Values = tuple[str, str, str, bool]
_Test = Callable[[_Values], bool]
_FIELD = {"LOWER": 0, "TAG": 1, "DEP": 2, "IS_SPACE": 3}
_IS_SPACE = _FIELD["IS_SPACE"]  # the one boolean value; the others are strings


class Unsupported(ValueError):
    """A pattern this module does not implement: the pipeline keeps spaCy's ruler."""


def _value_test(position: int, wanted: object) -> _Test:
    """One attribute's test, with the Matcher's meaning: a plain value is equality, IN and
    NOT_IN are membership, REGEX is ``re.search`` on the attribute's text."""
    if isinstance(wanted, bool if position == _IS_SPACE else str):
        return lambda values: values[position] == wanted
    if not isinstance(wanted, dict) or len(wanted) != 1:
        raise Unsupported(f"value {wanted!r}")
    ((predicate, argument),) = wanted.items()
    if predicate in ("IN", "NOT_IN") and position != _IS_SPACE and isinstance(argument, list):
        if not all(isinstance(item, str) for item in argument):
            raise Unsupported(f"value {wanted!r}")
        members = frozenset(argument)
        if predicate == "IN":
            return lambda values: values[position] in members
        return lambda values: values[position] not in members
    if predicate == "REGEX" and position != _IS_SPACE and isinstance(argument, str):
        search = re.compile(argument).search

        def matches(values: _Values) -> bool:
            text = values[position]  # a string: the position is not is-space's
            return isinstance(text, str) and search(text) is not None

        return matches
    raise Unsupported(f"predicate {predicate!r}")


def _token_test(spec: Mapping[int | str, object]) -> _Test:
    """The test of one token of a pattern: all of its attribute tests."""
    tests = []
    for key, wanted in spec.items():
        if not isinstance(key, str) or key not in _FIELD:  # OP, ORTH, POS, _, ...: not here
            raise Unsupported(f"token attribute {key!r}")
        tests.append(_value_test(_FIELD[key], wanted))
    return lambda values: all(test(values) for test in tests)


@dataclass(frozen=True)
class _Sequence:
    """A pattern of several tokens: where the attributes go, and each token's test."""

    number: int  # the pattern's position in the ruler: later patterns win
    tests: tuple[_Test, ...]
    target: int  # index of the token that gets the attributes, from the sequence's start
    attrs: _Attrs


@dataclass
class _Known:
    """What one distinct (lower, tag, dep) gets: the patterns of one token it matches, their
    attributes merged in pattern order, and the positions of the sequences it can stand at."""

    hits: tuple[tuple[int, _Attrs], ...]
    merged: _Attrs
    steps: frozenset[tuple[int, int]]  # (index into sequences, token position)


def _required(spec: Mapping[int | str, object]) -> list[tuple[str, str]] | None:
    """The (attribute, value) pairs of which a token must have one to match ``spec``: its tag,
    else its lowercase form, when the spec asks for a value or a list of them; None if it asks
    neither (it must then be tried on every token)."""
    for key in ("TAG", "LOWER"):
        wanted = spec.get(key)
        if isinstance(wanted, str):
            return [(key, wanted)]
        if isinstance(wanted, dict) and isinstance(wanted.get("IN"), list):
            return [(key, value) for value in wanted["IN"]]
    return None


@dataclass
class CompiledRules:
    """The patterns of one AttributeRuler, in a form applied a token at a time."""

    vocab: Vocab
    singles: list[tuple[int, _Test, _Attrs]]
    sequences: list[_Sequence]
    # Which single-token patterns a token can match, by the tag or lowercase form they require
    # (indices into ``singles``); the others are tried on every token. A token is tried
    # against a handful of the ruler's patterns, not all of them.
    by_value: dict[tuple[str, str], list[int]]
    anywhere: list[int]
    # What each (lower, tag, dep) seen gets, and the few distinct answers they share.
    _known: dict[tuple[int, ...], _Known] = field(default_factory=dict)
    _answers: dict[tuple[tuple[int, ...], frozenset[tuple[int, int]]], _Known] = field(
        default_factory=dict
    )

    def _learn(self, key: tuple[int, ...]) -> _Known:
        """What the token whose (lower, tag, dep) ids are ``key`` gets."""
        strings = self.vocab.strings
        lower, tag = strings[key[0]], strings[key[1]]
        values: _Values = (lower, tag, strings[key[2]], lower.isspace())
        candidates = sorted(
            {
                *self.by_value.get(("TAG", tag), ()),
                *self.by_value.get(("LOWER", lower), ()),
                *self.anywhere,
            }
        )
        hits = tuple(
            (number, attrs)
            for number, test, attrs in map(self.singles.__getitem__, candidates)
            if test(values)
        )
        steps = frozenset(
            (k, position)
            for k, sequence in enumerate(self.sequences)
            for position, test in enumerate(sequence.tests)
            if test(values)
        )
        answer = (tuple(number for number, _ in hits), steps)
        known = self._answers.get(answer)
        if known is None:  # a new answer: its attributes merged once, for every token with it
            merged: _Attrs = {}
            for _, attrs in hits:
                merged.update(attrs)
            known = self._answers[answer] = _Known(hits, merged, steps)
        if len(self._known) >= MAX_KNOWN:
            self._known.clear()  # bounded memory; what is forgotten is worked out again
        self._known[key] = known
        return known

    def apply(self, doc: Doc) -> Doc:
        set_attrs = set_token_attrs
        if set_attrs is None:  # use_compiled_ruler compiles no rules then
            raise Unsupported("this spaCy has no set_token_attrs")
        known, learn = self._known, self._learn
        # Doc.to_array of several attributes gives one row of ids per token (spaCy's stub says
        # floats: its array is of uint64).
        rows = cast("list[list[int]]", doc.to_array([LOWER, TAG, DEP]).tolist())
        tokens = [known.get(key) or learn(key) for key in map(tuple, rows)]
        extra = self._sequence_matches(tokens) if self.sequences else {}
        for position, token in enumerate(tokens):
            more = extra.get(position)
            if more:
                attrs: _Attrs = {}
                for _, pattern_attrs in sorted((*token.hits, *more), key=lambda hit: hit[0]):
                    attrs.update(pattern_attrs)
            else:
                attrs = token.merged
            if attrs:
                set_attrs(doc[position], attrs)
        return doc

    def _sequence_matches(self, tokens: list[_Known]) -> dict[int, list[tuple[int, _Attrs]]]:
        """The multi-token patterns that match, as (pattern number, attrs) by target token."""
        found: dict[int, list[tuple[int, _Attrs]]] = {}
        for start, token in enumerate(tokens):
            # Only the sequences this token can begin (most tokens begin none).
            for k, position in token.steps:
                if position != 0:
                    continue
                sequence = self.sequences[k]
                length = len(sequence.tests)
                if start + length > len(tokens) or not all(
                    (k, offset) in tokens[start + offset].steps for offset in range(length)
                ):
                    continue
                found.setdefault(start + sequence.target, []).append(
                    (sequence.number, sequence.attrs)
                )
        return found


def compile_rules(ruler: AttributeRuler) -> CompiledRules:
    """The ruler's patterns compiled; ``Unsupported`` if any is of a kind not implemented."""
    singles: list[tuple[int, _Test, _Attrs]] = []
    sequences: list[_Sequence] = []
    by_value: dict[tuple[str, str], list[int]] = {}
    anywhere: list[int] = []
    for number, pattern in enumerate(ruler.patterns):
        attrs, index = ruler.attrs[number], ruler.indices[number]  # attrs as spaCy applies them
        if "_" in attrs:
            raise Unsupported("extension attributes")
        alternatives = pattern["patterns"]
        if not isinstance(alternatives, list):
            raise Unsupported(f"patterns {alternatives!r}")
        for alternative in alternatives:
            if not isinstance(alternative, list) or not alternative:
                raise Unsupported(f"pattern {alternative!r}")
            tests = tuple(_token_test(spec) for spec in alternative)
            target = index if index >= 0 else len(tests) + index
            if not 0 <= target < len(tests):
                raise Unsupported(f"index {index} outside a pattern of {len(tests)} tokens")
            if len(tests) == 1:
                required = _required(alternative[0])
                for value in required or ():
                    by_value.setdefault(value, []).append(len(singles))
                if required is None:
                    anywhere.append(len(singles))
                singles.append((number, tests[0], attrs))
            else:
                sequences.append(_Sequence(number, tests, target, attrs))
    return CompiledRules(ruler.vocab, singles, sequences, by_value, anywhere)


class CompiledAttributeRuler:
    """A pipeline component that applies ``CompiledRules`` (set by ``use_compiled_ruler``)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.rules: CompiledRules | None = None

    def __call__(self, doc: Doc) -> Doc:
        assert self.rules is not None, "use_compiled_ruler sets the rules"
        return self.rules.apply(doc)


@Language.factory(FACTORY)
def _make_compiled_ruler(nlp: Language, name: str) -> CompiledAttributeRuler:
    return CompiledAttributeRuler(name)


def use_compiled_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Replace the pipeline's attribute ruler by its compiled form, when it has one that
    compiles. Returns whether it did."""
    from spacy.pipeline import AttributeRuler

    if set_token_attrs is None or name not in nlp.pipe_names:
        return False
    ruler = nlp.get_pipe(name)
    if not isinstance(ruler, AttributeRuler):
        return False
    try:
        rules = compile_rules(ruler)
    except Unsupported:
        return False
    component = nlp.replace_pipe(name, FACTORY)
    assert isinstance(component, CompiledAttributeRuler)  # what FACTORY makes
    component.rules = rules
    return True
