"""Cheap reads of a parsed Doc for the extraction rules.

spaCy's Token API makes a new Token object for every token it returns and recomputes what it
is asked: Doc.text and Span.text join the text of every token on each call, Token.children scans
the parse, Token.subtree walks it recursively. The rules read the same verbs' children a dozen
times and the text of every argument, so while extract() runs, the Doc keeps its text, its Token
objects and every token's children, built once; the functions below read them and give what the
spaCy attribute they are named after gives. Loops over many tokens (an argument's subtree, every
verb of a sentence) read the cache's arrays by token index instead (``doc_cache``): part of
speech, dependency label and head, and the children's indices, compared as ids (``string_ids``).

The rules name labels and words through ``DEP``, ``POS``, ``TAG``, ``ENT`` and ``WORD``:
``child.dep == DEP.conj``, ``child.dep in DEP("dobj", "dative")``, ``verb.lower == WORD.yet``.
Each is the integer id spaCy stores in ``Token.dep``, ``.pos``, ``.tag``, ``.ent_type`` and
``.lower``: reading the string (``dep_``, ``lower_``) looks it up on every read, and the rules read
every child of every verb.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter
from typing import cast

import numpy
from spacy import attrs
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

from kg.lemmas import straighten_clitics

__all__ = [
    "CLOSING_MARKS",
    "DEP",
    "EDGE_POS_IDS",
    "ENT",
    "OPENING_MARKS",
    "POS",
    "QUOTATION_MARKS",
    "STRAIGHT_MARKS",
    "TAG",
    "VERB_POS_IDS",
    "WORD",
    "children_with",
    "has_child",
    "is_verb",
    "by_position",
    "children",
    "doc_cache",
    "doc_text",
    "doc_tokens",
    "extraction_cache",
    "lefts",
    "rights",
    "span_text",
    "span_text_at",
    "string_ids",
    "strip_edges",
    "subtree",
    "subtree_text",
    "tokens_where",
]

by_position = attrgetter("i")  # sort key of tokens: their position in the Doc

# The children of a token without any (shared: never modified).
_NO_CHILDREN: tuple[()] = ()

# Where extract() keeps the cache in ``Doc.user_data`` while it runs.
_CACHE_KEY = "kg.extract.cache"


def string_ids(strings: Iterable[str]) -> frozenset[int]:
    """The ids of words or labels as Token.lower, .pos, .tag, .dep and .ent_type hold them. A
    rule that reads many tokens compares these: reading ``lower_``, ``tag_`` or ``pos_`` looks
    the string up on every read."""
    return frozenset(get_string_id(string) for string in strings)


class _Ids:
    """Labels or words as the ids spaCy stores: ``DEP.conj`` is the id of "conj" (an attribute is
    computed once, then kept), ``DEP("dobj", "dative")`` the frozenset of several. ``WORD`` holds
    lower-case words; a word that is a Python keyword is read as ``WORD("not")``."""

    def __init__(self, kind: str) -> None:
        self._kind = kind  # for repr only: every kind shares spaCy's one string table

    def __getattr__(self, name: str) -> int:
        if name.startswith("__"):
            raise AttributeError(name)
        value = get_string_id(name)
        setattr(self, name, value)  # later reads find it in the instance and skip this method
        return value

    def __call__(self, *names: str) -> frozenset[int]:
        return string_ids(names)

    def __repr__(self) -> str:
        return f"<{self._kind} ids>"


DEP = _Ids("dependency label")  # Token.dep: DEP.nsubj, DEP.conj, DEP.xcomp
POS = _Ids("part of speech")  # Token.pos: POS.VERB, POS.NOUN
TAG = _Ids("tag")  # Token.tag: TAG.VBN, TAG.TO
ENT = _Ids("entity label")  # Token.ent_type: ENT.GPE, ENT.DATE
WORD = _Ids("word")  # Token.lower: WORD.yet, WORD.going

# Token.pos of verbs: a clause is headed by a verb or an auxiliary used as one ("is").
VERB_POS_IDS = POS("VERB", "AUX")


# Quotation marks: opening, closing, and the straight ones that do both. The grave accent
# opens a quotation typed the TeX way (``...''), which the tokenizer may split into two "`".
OPENING_MARKS = frozenset({"“", "``", "`", "‘"})
CLOSING_MARKS = frozenset({"”", "''", "’"})
STRAIGHT_MARKS = frozenset({'"'})
# Every mark that may open or close a quotation.
QUOTATION_MARKS = OPENING_MARKS | CLOSING_MARKS | STRAIGHT_MARKS


# Token.pos of the words dropped at either end of a span (strip_edges, subtree_text, arguments).
EDGE_POS_IDS = string_ids(("PUNCT", "SPACE"))


@dataclass
class _DocCache:
    text: str  # Doc.text
    tokens: list[Token]  # list(doc)
    children: list[Sequence[Token]]  # by token index: the token's children in document order
    child_indices: list[Sequence[int]]  # by token index: the indices of those children
    heads: list[int]  # by token index: Token.head.i
    pos: list[int]  # by token index: Token.pos
    dep: list[int]  # by token index: Token.dep

    @classmethod
    def build(cls, doc: Doc, text: str | None = None) -> _DocCache:
        """The cache of ``doc``; ``text``, when given, is the text the Doc was parsed from."""
        tokens = list(doc)
        # One array for the three attributes: each Doc.to_array call costs about as much as one
        # more column.
        pos_dep_head = doc.to_array([attrs.POS, attrs.DEP, attrs.HEAD])
        pos, dep = pos_dep_head[:, 0].tolist(), pos_dep_head[:, 1].tolist()
        # Token.children yields exactly the tokens whose head is the token, in order (spaCy keeps
        # every child inside its head's l_edge..r_edge, the range it scans); a root is its own
        # head. HEAD is stored as an unsigned offset from the token.
        offsets = pos_dep_head[:, 2].astype(numpy.int64)
        heads = (offsets + numpy.arange(len(tokens))).tolist()
        # Most tokens have no children: they share one empty tuple, and a token gets its lists
        # at its first child (a list per token costs more to make and free than this check).
        # Each entry is a list or _NO_CHILDREN: the cast says it is a list once it has a child.
        kids: list[Sequence[Token]] = [_NO_CHILDREN] * len(tokens)
        kid_indices: list[Sequence[int]] = [_NO_CHILDREN] * len(tokens)
        for i, head in enumerate(heads):
            if head != i:
                if kid_indices[head] is _NO_CHILDREN:
                    kids[head] = [tokens[i]]
                    kid_indices[head] = [i]
                else:
                    cast("list[Token]", kids[head]).append(tokens[i])
                    cast("list[int]", kid_indices[head]).append(i)
        if text is None or not _spells(text, tokens):
            text = "".join([t.text_with_ws for t in tokens])  # what Doc.text computes
        return cls(text, tokens, kids, kid_indices, heads, pos, dep)


def _spells(text: str, tokens: list[Token]) -> bool:
    """Whether ``text`` is plausibly the Doc's text: the tokens start at its first character and
    the last one (with its trailing space) ends at its last. The caller vouches for the rest (a
    Doc parsed from ``text`` has its offsets); joining every token's text to check costs as much
    as Doc.text itself."""
    if not tokens:
        return not text
    first, last = tokens[0], tokens[-1]
    end = last.idx + len(last.text_with_ws)
    return first.idx == 0 and end == len(text) and text[last.idx : end] == last.text_with_ws


# The Doc extraction_cache() was last entered for, with its cache, as one tuple (read and set
# at once, so another thread never sees one Doc with another's cache). The rules ask for the
# cache about a million times per thousand documents: comparing the token's Doc with this one
# is cheaper than looking it up in Doc.user_data, which serves any other Doc (an extraction
# nested in another or running in another thread). With no Doc (None, never a token's Doc) the
# empty cache beside it is never read.
_NO_LATEST: tuple[Doc | None, _DocCache] = (None, _DocCache("", [], [], [], [], [], []))
_latest = _NO_LATEST


@contextmanager
def extraction_cache(doc: Doc, text: str | None = None) -> Iterator[None]:
    """Keep the Doc's text, tokens and children while extracting from it. The cache is removed
    afterwards, so a Doc that is changed or serialised later never carries a stale copy.
    ``text`` is the text the Doc was parsed from, if known: it saves rebuilding ``doc.text``."""
    global _latest
    # "It’s" read as "It's": the rules read a copula by its lemma (kg/lemmas.py).
    straighten_clitics(doc, doc.text if text is None else text)
    cache = doc.user_data[_CACHE_KEY] = _DocCache.build(doc, text)
    _latest = (doc, cache)
    try:
        yield
    finally:
        doc.user_data.pop(_CACHE_KEY, None)
        if _latest[0] is doc:
            _latest = _NO_LATEST  # not to keep the Doc alive


def doc_cache(doc: Doc) -> _DocCache:
    """The Doc's cached text, tokens and arrays, for loops that work on token indices rather than
    Token objects (read them, do not modify them): the cache extract() keeps, else one built for
    this call only (same answers, slower)."""
    latest_doc, cache = _latest
    if doc is latest_doc:
        return cache
    stored: _DocCache | None = doc.user_data.get(_CACHE_KEY)
    return _DocCache.build(doc) if stored is None else stored


def doc_text(doc: Doc) -> str:
    """``doc.text``."""
    return doc_cache(doc).text


def doc_tokens(doc: Doc) -> list[Token]:
    """``list(doc)``: slice it for the tokens of a span (do not modify it)."""
    return doc_cache(doc).tokens


def children(token: Token) -> Sequence[Token]:
    """``list(token.children)``: the token's syntactic children in order (do not modify it)."""
    doc = token.doc
    latest_doc, cache = _latest  # doc_cache(doc), inlined: hot
    if doc is not latest_doc:
        cache = doc_cache(doc)
    return cache.children[token.i]


def children_with(token: Token, deps: frozenset[int]) -> list[Token]:
    """The token's children whose dependency label is one of ``deps`` (ids, ``DEP(...)``)."""
    return [c for c in children(token) if c.dep in deps]


def has_child(token: Token, deps: frozenset[int]) -> bool:
    """Whether the token has a child whose dependency label is one of ``deps``."""
    for c in children(token):  # noqa: SIM110 - a loop: a generator costs more than the few children
        if c.dep in deps:
            return True
    return False


def is_verb(token: Token) -> bool:
    """Whether the token is a verb or an auxiliary (part of speech read from the cached array)."""
    return doc_cache(token.doc).pos[token.i] in VERB_POS_IDS


def opens_sentence(token: Token) -> bool:
    """The first word of its sentence, after any opening quotation marks or brackets."""
    sentence = token.sent
    return all(t.is_punct for t in sentence[: token.i - sentence.start])


def lefts(token: Token) -> list[Token]:
    """``list(token.lefts)``: the token's children before it."""
    return [c for c in children(token) if c.i < token.i]


def rights(token: Token) -> list[Token]:
    """``list(token.rights)``: the token's children after it."""
    return [c for c in children(token) if c.i > token.i]


def subtree(token: Token) -> list[Token]:
    """The tokens of ``token.subtree`` (the token and all its descendants) in document order."""
    cache = doc_cache(token.doc)
    tokens = cache.tokens
    return [tokens[i] for i in _subtree_positions(cache, token.i)]


def subtree_text(token: Token) -> str:
    """``span_text(strip_edges(subtree(token)))``: the text of the token's subtree without
    punctuation or space at either end, read from the cache without making the token list."""
    cache = doc_cache(token.doc)
    positions = _subtree_positions(cache, token.i)
    pos = cache.pos
    start, end = 0, len(positions)
    while start < end and pos[positions[start]] in EDGE_POS_IDS:
        start += 1
    while end > start and pos[positions[end - 1]] in EDGE_POS_IDS:
        end -= 1
    if start == end:
        return ""
    first, last = cache.tokens[positions[start]], cache.tokens[positions[end - 1]]
    return cache.text[first.idx : last.idx + len(last)]


def _subtree_positions(cache: _DocCache, root: int) -> list[int]:
    """The indices of the token ``root`` and all its descendants, in document order."""
    kids = cache.child_indices
    positions = [root]
    stack = list(kids[root])
    while stack:
        i = stack.pop()
        positions.append(i)
        stack.extend(kids[i])
    positions.sort()
    return positions


def span_text(tokens: Sequence[Token]) -> str:
    """The text from the first token to the last one as written (``Span.text``); "" for none."""
    if not tokens:
        return ""
    first, last = tokens[0], tokens[-1]
    doc = first.doc
    latest_doc, cache = _latest  # doc_cache(doc), inlined: hot
    if doc is not latest_doc:
        cache = doc_cache(doc)
    return cache.text[first.idx : last.idx + len(last)]  # len(last) is len(last.text)


def span_text_at(tokens: Sequence[Token]) -> tuple[str, int, int]:
    """``span_text(tokens)`` with its start and end character offsets (tokens: one or more)."""
    first, last = tokens[0], tokens[-1]
    doc = first.doc
    latest_doc, cache = _latest  # doc_cache(doc), inlined: hot
    if doc is not latest_doc:
        cache = doc_cache(doc)
    start, end = first.idx, last.idx + len(last)
    return cache.text[start:end], start, end


def strip_edges(ordered: list[Token]) -> list[Token]:
    """The tokens, given in document order (as subtree gives them), without punctuation or space
    at either end."""
    start, end = 0, len(ordered)
    while start < end and ordered[start].pos in EDGE_POS_IDS:
        start += 1
    while end > start and ordered[end - 1].pos in EDGE_POS_IDS:
        end -= 1
    return ordered[start:end]


def tokens_where(
    span: Span, pos_ids: frozenset[int] = frozenset(), dep_ids: frozenset[int] = frozenset()
) -> list[Token]:
    """The span's tokens whose part of speech (``pos``) is in ``pos_ids`` or whose dependency
    label (``dep``) is in ``dep_ids``, ids as ``string_ids`` gives them, in order. The labels are
    read from arrays: making and reading a Token object for every word costs more than the rules
    that read the few that matter."""
    cache = doc_cache(span.doc)
    tokens, pos_of, dep_of = cache.tokens, cache.pos, cache.dep  # locals: read for every token
    return [
        tokens[i]
        for i in range(span.start, span.end)
        if pos_of[i] in pos_ids or dep_of[i] in dep_ids
    ]
