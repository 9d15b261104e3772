"""Roles: what a person is, read from a title before the name or an apposition after it.

"US Treasury Secretary Scott Bessent" -> Scott Bessent has the role "US Treasury Secretary";
"Scott Bessent, the Treasury Secretary, said" -> Scott Bessent has the role "Treasury Secretary".
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from spacy.tokens import Span, Token

from kg.extract.arguments import TITLE_WORDS, entity_mention
from kg.extract.tokens import (
    by_position,
    children,
    doc_tokens,
    lefts,
    rights,
    span_text,
    string_ids,
    subtree,
)
from kg.types import Role, Sentence

# Labels of the names a role is read for: offices are held by people.
_HOLDER_LABELS = frozenset({"PERSON"})

# Labels a person's name is sometimes mistaken for by a small NER model.
_MISTAKEN_LABELS = frozenset({"ORG", "GPE", "NORP", "PRODUCT", "WORK_OF_ART"})

# Parts of speech a prenominal title is made of: "US Treasury Secretary" (PROPN), "chief
# negotiator" (ADJ NOUN). A determiner, a conjunction, a preposition or a verb ends the title.
_TITLE_POS = frozenset({"PROPN", "NOUN", "ADJ"})

# Entity types that may be part of a title ("US" GPE, "Treasury" ORG, "Chinese" NORP), as
# opposed to a date or a number that happens to precede the name.
_TITLE_ENTITY_LABELS = frozenset({"", "GPE", "ORG", "NORP", "LOC", "FAC"})

# Longest title, in tokens: "the Deputy Director of the US National Economic Council" is ten.
# Past this a phrase is not a title but a clause or a chain: in "A, the friend of B, the brother
# of C, ..." each apposition's phrase holds every later one, and 134 KB of it made each person's
# roles add up to 40 MB of text.
MAX_TITLE_TOKENS = 16


def sentence_roles(
    sent: Span, sentence: Sentence, entities: Sequence[Span] | None = None
) -> Iterator[Role]:
    """Roles of the people named in ``sent``, from prenominal titles and appositions.
    ``entities`` are the sentence's named entities when the caller has them (else
    ``sent.ents``)."""
    seen: set[tuple[str, str]] = set()
    tokens = doc_tokens(sent.doc)
    for ent in sent.ents if entities is None else entities:
        label = ent.label_
        if label in _HOLDER_LABELS:
            titles: tuple[str, ...] = (_prenominal_title(ent, sent), _appositive_title(ent))
        elif (
            label in _MISTAKEN_LABELS
            and ent.start > sent.start
            and tokens[ent.start - 1].lower in _TITLE_WORD_IDS
        ):
            # The small model tags some people ORG ("Chancellor Olaf Scholz"): an office word
            # right before the name says it is a person.
            titles = (_prenominal_title(ent, sent),)
        else:
            continue
        holder = entity_mention(ent, sentence.index)
        for title in titles:
            if title and (holder.text, title) not in seen:
                seen.add((holder.text, title))
                yield Role(holder=holder, title=title, sentence=sentence)


def _prenominal_title(ent: Span, sent: Span) -> str:
    """The title words right before a name: a run of nouns and adjectives whose last word is a
    common word (not part of a name), e.g. "Chinese Vice Premier" before "He Lifeng"."""
    tokens = doc_tokens(ent.doc)  # the Doc's Token objects, by index
    i = ent.start - 1
    if i < sent.start or not _is_title_head(tokens[i]):
        # Titles folded into the entity span ("President Trump") count too.
        inner = [t for t in tokens[ent.start : ent.end - 1] if t.lower in _INNER_TITLE_WORD_IDS]
        return span_text(inner) if inner and inner[0].i == ent.start else ""
    start = i
    while start - 1 >= sent.start and _is_title_word(tokens[start - 1]):
        start -= 1
    return span_text(tokens[start : ent.start]) if ent.start - start <= MAX_TITLE_TOKENS else ""


def _is_title_head(token: Token) -> bool:
    return (
        token.pos_ in ("PROPN", "NOUN")
        and token.ent_type_ == ""
        and token.is_alpha
        and not token.like_num
    )


def _is_title_word(token: Token) -> bool:
    return (
        token.pos_ in _TITLE_POS
        and token.ent_type_ in _TITLE_ENTITY_LABELS
        and token.tag_ != "POS"
        and not token.like_num
    )


def _appositive_title(ent: Span) -> str:
    """A common noun phrase in apposition to the name: "Bessent, the Treasury Secretary"."""
    root = ent.root
    for child in children(root):
        if child.dep_ == "appos" and child.pos_ == "NOUN" and not child.ent_type_:
            return _title_text(_noun_phrase(child))
    # The name as the apposition of a title noun: "the Treasury Secretary, Scott Bessent".
    head = root.head
    if root.dep_ == "appos" and head.pos_ == "NOUN" and not head.ent_type_ and head.i < ent.start:
        return _title_text(_noun_phrase(head))
    return ""


def _title_text(tokens: list[Token]) -> str:
    return span_text(tokens) if len(tokens) <= MAX_TITLE_TOKENS else ""


def _noun_phrase(head: Token) -> list[Token]:
    tokens = [head]
    for child in lefts(head):
        if child.dep_ in ("compound", "amod", "nmod", "poss") or child.pos_ == "PROPN":
            tokens.extend(subtree(child))
    tokens.extend(
        t for c in rights(head) if c.dep_ == "prep" and c.lower_ == "of" for t in subtree(c)
    )
    return sorted(tokens, key=by_position)


# Title words the NER sometimes includes in a person's span.
_INNER_TITLE_WORDS = frozenset({"president", "mr.", "mrs.", "ms.", "dr.", "secretary", "premier"})

# The title words as ids (Token.lower), as the rules above compare them (see string_ids).
_TITLE_WORD_IDS = string_ids(TITLE_WORDS)
_INNER_TITLE_WORD_IDS = string_ids(_INNER_TITLE_WORDS)
