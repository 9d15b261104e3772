"""Cheap reads of a parsed Doc for the extraction rules.

spaCy's Token API makes a new Token object for every token it returns and recomputes what it
is asked: Doc.text and Span.text join the text of every token on each call, Token.children scans
the parse, Token.subtree walks it recursively. The rules read the same verbs' children a dozen
times and the text of every argument, so while extract() runs, the Doc keeps its text, its Token
objects and every token's children, built once; the functions below read them and give what the
spaCy attribute they are named after gives. Loops over many tokens (an argument's subtree, every
verb of a sentence) read the cache's arrays by token index instead (``doc_cache``): part of
speech, dependency label and head, and the children's indices, compared as ids (``string_ids``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from operator import attrgetter

import numpy
from spacy.attrs import DEP, HEAD, POS
from spacy.strings import get_string_id
from spacy.tokens import Doc, Span, Token

__all__ = [
    "by_position",
    "children",
    "doc_cache",
    "doc_text",
    "doc_tokens",
    "extraction_cache",
    "lefts",
    "rights",
    "span_text",
    "string_ids",
    "strip_edges",
    "subtree",
    "subtree_text",
    "tokens_where",
]

by_position = attrgetter("i")  # sort key of tokens: their position in the Doc

# Where extract() keeps the cache in ``Doc.user_data`` while it runs.
_CACHE_KEY = "kg.extract.cache"


def string_ids(strings: Iterable[str]) -> frozenset[int]:
    """The ids of words or labels as Token.lower, .pos, .tag, .dep and .ent_type hold them. A
    rule that reads many tokens compares these: reading ``lower_``, ``tag_`` or ``pos_`` looks
    the string up on every read."""
    return frozenset(get_string_id(string) for string in strings)


# Token.pos of the words strip_edges and subtree_text drop at either end of a span.
_EDGE_POS_IDS = string_ids(("PUNCT", "SPACE"))


@dataclass
class _DocCache:
    text: str  # Doc.text
    tokens: list[Token]  # list(doc)
    children: list[list[Token]]  # by token index: the token's children in document order
    child_indices: list[list[int]]  # by token index: the indices of those children
    heads: list[int]  # by token index: Token.head.i
    pos: list[int]  # by token index: Token.pos
    dep: list[int]  # by token index: Token.dep

    @classmethod
    def build(cls, doc: Doc, text: str | None = None) -> _DocCache:
        """The cache of ``doc``; ``text``, when given, is the text the Doc was parsed from."""
        tokens = list(doc)
        pos, dep = doc.to_array([POS, DEP]).T.tolist() if tokens else ([], [])
        # Token.children yields exactly the tokens whose head is the token, in order (spaCy keeps
        # every child inside its head's l_edge..r_edge, the range it scans); a root is its own
        # head. HEAD is stored as an unsigned offset from the token.
        heads = (doc.to_array(HEAD).astype(numpy.int64) + numpy.arange(len(doc))).tolist()
        kids: list[list[Token]] = [[] for _ in tokens]
        kid_indices: list[list[int]] = [[] for _ in tokens]
        for i, head in enumerate(heads):
            if head != i:
                kids[head].append(tokens[i])
                kid_indices[head].append(i)
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


@contextmanager
def extraction_cache(doc: Doc, text: str | None = None) -> Iterator[None]:
    """Keep the Doc's text, tokens and children while extracting from it. The cache is removed
    afterwards, so a Doc that is changed or serialised later never carries a stale copy.
    ``text`` is the text the Doc was parsed from, if known: it saves rebuilding ``doc.text``."""
    doc.user_data[_CACHE_KEY] = _DocCache.build(doc, text)
    try:
        yield
    finally:
        doc.user_data.pop(_CACHE_KEY, None)


def _cache(doc: Doc) -> _DocCache:
    """The cache extract() keeps, else one built for this call only (same answers, slower)."""
    cache = doc.user_data.get(_CACHE_KEY)
    return _DocCache.build(doc) if cache is None else cache


def doc_cache(doc: Doc) -> _DocCache:
    """The Doc's cached arrays, for loops that work on token indices rather than Token objects
    (read them, do not modify them)."""
    return _cache(doc)


def doc_text(doc: Doc) -> str:
    """``doc.text``."""
    return _cache(doc).text


def doc_tokens(doc: Doc) -> list[Token]:
    """``list(doc)``: slice it for the tokens of a span (do not modify it)."""
    return _cache(doc).tokens


def children(token: Token) -> list[Token]:
    """``list(token.children)``: the token's syntactic children in order (do not modify it)."""
    doc = token.doc
    cache = doc.user_data.get(_CACHE_KEY) or _DocCache.build(doc)  # _cache(doc), inlined: hot
    return cache.children[token.i]


def lefts(token: Token) -> list[Token]:
    """``list(token.lefts)``: the token's children before it."""
    return [c for c in children(token) if c.i < token.i]


def rights(token: Token) -> list[Token]:
    """``list(token.rights)``: the token's children after it."""
    return [c for c in children(token) if c.i > token.i]


def subtree(token: Token) -> list[Token]:
    """The tokens of ``token.subtree`` (the token and all its descendants) in document order."""
    cache = _cache(token.doc)
    tokens = cache.tokens
    return [tokens[i] for i in _subtree_positions(cache, token.i)]


def subtree_text(token: Token) -> str:
    """``span_text(strip_edges(subtree(token)))``: the text of the token's subtree without
    punctuation or space at either end, read from the cache without making the token list."""
    cache = _cache(token.doc)
    positions = _subtree_positions(cache, token.i)
    pos = cache.pos
    start, end = 0, len(positions)
    while start < end and pos[positions[start]] in _EDGE_POS_IDS:
        start += 1
    while end > start and pos[positions[end - 1]] in _EDGE_POS_IDS:
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
    cache = doc.user_data.get(_CACHE_KEY) or _DocCache.build(doc)  # _cache(doc), inlined: hot
    return cache.text[first.idx : last.idx + len(last)]  # len(last) is len(last.text)


def strip_edges(ordered: list[Token]) -> list[Token]:
    """The tokens, given in document order (as subtree gives them), without punctuation or space
    at either end."""
    start, end = 0, len(ordered)
    while start < end and ordered[start].pos in _EDGE_POS_IDS:
        start += 1
    while end > start and ordered[end - 1].pos in _EDGE_POS_IDS:
        end -= 1
    return ordered[start:end]


def tokens_where(span: Span, pos: Iterable[str] = (), deps: Iterable[str] = ()) -> list[Token]:
    """The span's tokens whose part of speech (``pos_``) is in ``pos`` or whose dependency label
    (``dep_``) is in ``deps``, in order. The labels are read from arrays: making and reading a
    Token object for every word costs more than the rules that read the few that matter."""
    cache = _cache(span.doc)
    strings = span.doc.vocab.strings  # label -> id, as Token.pos and Token.dep hold them
    pos_ids = {strings[p] for p in pos}
    dep_ids = {strings[d] for d in deps}
    return [
        cache.tokens[i]
        for i in range(span.start, span.end)
        if cache.pos[i] in pos_ids or cache.dep[i] in dep_ids
    ]
