"""The document's names, settled once before extraction and coreference read them.

The recogniser cuts some names at quotation marks and hyphens: a person's name written around a
quoted nickname ('Vincent "The Chin" Gigante' read as 'Vincent' and '"The Chin" Gigante', a
work of art), a quoted name taken with its marks ('the "Jail Blazers'), a code written with
hyphens ("MS08-078" read as "MS08" and "078", or as no name). Extraction reads names from the
tokens' entity tags (subjects, objects, roles) and coreference from ``Doc.ents``: so the
settled names are written back to ``Doc.ents`` (``settle_entities``), and every stage reads
the same name.

    from kg.extract.entities import settle_entities
    settle_entities(doc)
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from kg.coref import lexicon
from kg.extract.tokens import QUOTATION_MARKS
from kg.labels import TIME_LABELS, VALUE_LABELS

__all__ = ["quoted_name", "settle_entities"]

# Quotation marks around a nickname written inside a person's name: those of quotations, and
# the straight single one, which quotations leave out because it is also an apostrophe.
_QUOTES = QUOTATION_MARKS | {"'"}
# The most words a nickname inside a name has ("Sammy the Bull").
_NICKNAME_WORDS = 4
# The most words of a name written between quotation marks ("The Notorious Bettie Page").
_QUOTED_NAME_WORDS = 5
# The labels of values and times: no name is made of them (a date written "Dec-19-05").
_VALUE_OR_TIME_LABELS = VALUE_LABELS | TIME_LABELS
# A code written with hyphens: a piece in capitals, or capitals with digits ("MS08", "AK",
# "CVE"), then pieces of capitals or digits, one at least holding a digit ("MS08-078",
# "AK-47", "CVE-2013-3893").
_CODE = re.compile(r"[A-Z]{1,6}[0-9]*(?:-[A-Z0-9]{1,8})+")
# A code of three pieces in capitals or more, numbered after a space ("SEA-ME-WE 4", a cable
# named by the initials of the places it joins): two pieces are as often two bodies or places
# written together ("US-EU talks").
_INITIALS_CODE = re.compile(r"[A-Z]{2,6}(?:-[A-Z]{1,6}){2,}")


def settle_entities(doc: Doc) -> None:
    """Write the document's names, settled (see the module's docstring), to ``doc.ents``."""
    names = list(doc.ents)
    settled = _codes_joined(doc, _quoted_names_trimmed(doc, _nicknames_joined(doc, names)))
    if settled != names:
        doc.ents = settled


def _replaced(names: list[Span], made: list[Span]) -> list[Span]:
    """``names`` with those overlapping a span of ``made`` replaced by it, in document order."""
    if not made:
        return names
    covered = {i for span in made for i in range(span.start, span.end)}
    kept = [span for span in names if not any(i in covered for i in range(span.start, span.end))]
    return sorted(kept + made, key=lambda span: span.start)


def _nicknames_joined(doc: Doc, names: list[Span]) -> list[Span]:
    """The names, with a person's name written around a quoted nickname made one ("Vincent
    'The Chin' Gigante", "Salvatore "Sammy the Bull" Gravano"), which the recogniser cuts into
    pieces ("Vincent 'Chin", "Chin" Gigante", the nickname and surname often typed a work of
    art): a known given name, the nickname in quotes, and a capitalised word that is no common
    noun, the surname, some word of it in a name the recogniser found. The name's key drops
    the nickname (``normalise_name``), so it is "Vincent Gigante"."""
    tokens = list(doc)
    joined: list[Span] = []
    i = 0
    while i < len(tokens) - 3:
        token = tokens[i]
        if (
            tokens[i + 1].text in _QUOTES
            and token.text[:1].isupper()
            and lexicon.first_name(token.text)
        ):
            close = next(
                (
                    j
                    for j in range(i + 2, min(len(tokens) - 1, i + 3 + _NICKNAME_WORDS))
                    if tokens[j].text in _QUOTES
                ),
                None,
            )
            if close is not None and close > i + 2:
                surname = tokens[close + 1]
                if (
                    surname.text[:1].isupper()
                    and surname.is_alpha
                    and not lexicon.has_noun_class(surname.lower_)
                    and not lexicon.has_noun_class(surname.lemma_.lower())
                    and tokens[i + 2].text[:1].isupper()
                    and any(t.ent_type_ for t in tokens[i : close + 2])
                ):
                    # from the first of the capitalised words before it in the recogniser's
                    # name that holds the given name: "Luis Gerardo "Jerry" Ortiz", not
                    # "Gerardo ... Ortiz"; but "ex-Gotti underboss Salvatore "Sammy the Bull"
                    # Gravano" is "Salvatore ... Gravano" (a title in lower case ends it)
                    holder = next((e for e in names if e.start <= i < e.end), None)
                    start = i
                    while (
                        holder is not None
                        and start > holder.start
                        and tokens[start - 1].is_alpha
                        and tokens[start - 1].text[:1].isupper()
                    ):
                        start -= 1
                    joined.append(Span(doc, start, close + 2, label="PERSON"))
                    i = close + 2
                    continue
        i += 1
    return _replaced(names, joined)


def _quoted_names_trimmed(doc: Doc, names: list[Span]) -> list[Span]:
    """The names, each that the recogniser took with a quotation mark ('the "Jail Blazers',
    '``Revolutionary Road') or cut inside a quoted name made the words between the marks: a
    name written in quotes is those words, and the words are one name. A name running on past
    the closing mark is left whole (a nickname before a surname: '"The Chin" Gigante'); a
    name with a mark at an edge and no pair of marks around it loses the mark ('Deep
    Throat\'' after a mistyped opening mark, "Nationals'" of a possessive)."""
    tokens = list(doc)
    made: list[Span] = []
    for name in names:
        if name.label_ in _VALUE_OR_TIME_LABELS:
            continue
        bounds = (name.start, name.end)
        start, end = quoted_name(tokens, *bounds) or _marks_stripped(tokens, *bounds)
        if (start, end) != (name.start, name.end) and start < end:
            made.append(Span(doc, start, end, label=name.label_))
    return _replaced(names, _first_of_overlapping(made))


def _marks_stripped(tokens: list[Token], start: int, end: int) -> tuple[int, int]:
    """The name's words without the quotation marks at its edges (start, end token indices),
    and without a determiner before an opening mark ('the "Commission')."""
    while start < end and (
        _is_quote(tokens[start])
        or (tokens[start].pos_ == "DET" and start + 1 < end and _is_quote(tokens[start + 1]))
    ):
        start += 1
    while end > start and _is_quote(tokens[end - 1]):
        end -= 1
    return start, end


def quoted_name(
    tokens: list[Token], start: int, end: int, *, inside: bool = False
) -> tuple[int, int] | None:
    """The words between the pair of quotation marks the name ``tokens[start:end]`` is written
    in or starts with (start, end token indices), when they are a name: a few words, each
    capitalised or a number but for short words inside ("Sammy the Bull") and hyphens inside
    a word ("X-Men"), before a comma or a full stop the closing mark may follow
    ("``Revolutionary Road,''"); with ``inside``, the name may start after the opening mark's
    first words ("Block" of "'8 Block'"). None when the name is not quoted or runs on past
    the closing mark."""
    start, end = _marks_stripped(tokens, start, end)
    opening = start - 1
    if inside:
        while opening > max(start - _QUOTED_NAME_WORDS, 0) and not _is_quote(tokens[opening]):
            opening -= 1
        start = opening + 1
    if start == end or opening < 0 or not _opens(tokens, opening):
        return None
    close = next(
        (
            j
            for j in range(start + 1, min(len(tokens), start + _QUOTED_NAME_WORDS + 2))
            if _is_quote(tokens[j]) or "\n" in tokens[j].text
        ),
        None,
    )
    if close is None or not _closes(tokens, close) or close < end:
        return None
    last = close
    if tokens[last - 1].text in (",", "."):
        last -= 1  # the comma or stop American style puts inside the marks
    words = tokens[start:last]
    if not words or len(words) > _QUOTED_NAME_WORDS or end > last:
        return None
    if not (words[0].text[:1].isupper() or words[0].is_digit):
        return None
    for word in words:
        hyphen = word.text == "-" and not word.whitespace_ and not tokens[word.i - 1].whitespace_
        if hyphen:
            continue  # a hyphen inside a word ("X-Men")
        # A short word in lower case between a name's words ("Sammy the Bull"), not a piece
        # of a word after its hyphen, which a name capitalises too ("X-Men", not "Fix-it").
        short = word.is_lower and len(word) <= 3 and tokens[word.i - 1].text != "-"
        if word.is_punct or not (word.text[:1].isupper() or word.is_digit or short):
            return None  # a quoted phrase or sentence, not a name
    return start, last


def _is_quote(token: Token) -> bool:
    return token.text in _QUOTES


def _opens(tokens: list[Token], i: int) -> bool:
    """Whether the mark at ``i`` opens a quotation: written against the word after it, and
    after a space, the text's start or another mark (the grave accents of "``" split in two);
    not the apostrophe of a possessive ("the Bulls' Jordan")."""
    mark = tokens[i]
    if mark.text not in _QUOTES or mark.whitespace_:
        return False
    return (
        i == 0
        or bool(tokens[i - 1].whitespace_)
        or tokens[i - 1].text in _QUOTES
        or tokens[i - 1].is_space
    )


def _closes(tokens: list[Token], i: int) -> bool:
    """Whether the mark at ``i`` closes a quotation: written against the word before it."""
    return tokens[i].text in _QUOTES and not tokens[i - 1].whitespace_


def _first_of_overlapping(spans: list[Span]) -> list[Span]:
    """The spans in document order, each that overlaps one before it left out (``Doc.ents``
    takes no overlapping names)."""
    kept: list[Span] = []
    for span in sorted(spans, key=lambda s: s.start):
        if not kept or span.start >= kept[-1].end:
            kept.append(span)
    return kept


def _codes_joined(doc: Doc, names: list[Span]) -> list[Span]:
    """The names, with a code written with hyphens ("MS08-078", "AK-47", "CVE-2013-3893",
    "SEA-ME-WE 4"), which the tokenizer parts at its hyphens and the recogniser reads as pieces
    or as no name, made one name: the recogniser's type of a piece, else a product (a
    bulletin, a model, a weapon, a cable). A date written so is no code (a piece the
    recogniser reads as a date)."""
    tokens = list(doc)
    made: list[Span] = []
    i = 0
    while i < len(tokens):
        end = i + 1
        # the pieces written together: a hyphen, then a piece, each with no space between
        while (
            end + 1 < len(tokens)
            and tokens[end].text == "-"
            and not tokens[end - 1].whitespace_
            and not tokens[end].whitespace_
            and tokens[end + 1].text[:1].isalnum()
        ):
            end += 2
        written = doc[i:end].text
        numbered = (
            _INITIALS_CODE.fullmatch(written) is not None
            and end < len(tokens)
            and bool(tokens[end - 1].whitespace_)
            and tokens[end].is_digit
        )
        if numbered:
            end += 1  # its number, written apart
        if numbered or (end > i + 1 and _CODE.fullmatch(written) and _has_digit(written)):
            labels = [t.ent_type_ for t in tokens[i:end] if t.ent_type_]
            if not any(label in TIME_LABELS for label in labels):  # a date is no code
                label = next((x for x in labels if x not in _VALUE_OR_TIME_LABELS), "PRODUCT")
                made.append(Span(doc, i, end, label=label))
        i = end
    # A recogniser's name holding the code and more ("Microsoft MS08-078") keeps its words.
    made = [
        span
        for span in made
        if not any(
            n.start <= span.start
            and span.end <= n.end
            and (n.start, n.end) != (span.start, span.end)
            and n.label_ not in _VALUE_OR_TIME_LABELS
            for n in names
        )
    ]
    return _replaced(names, made)


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)
