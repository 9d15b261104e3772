"""Text structure the parser cannot see: line breaks that end sentences, and headline lines.

News text arrives as paragraphs, one per line or separated by blank lines, under a headline and
often a dateline. spaCy's parser reads it as one stream, so a headline without a final period
runs into the first sentence ("Lindsay Lohan checks into Betty Ford Center May 03, 2013 After
skipping out ..."), and a title-case headline ("AMD Buys SeaMicro") reads as one long name.

- ``mark_line_breaks`` (a pipeline component, before the parser) makes a line break a sentence
  boundary where it ends a paragraph: at a blank line, after a line ending a sentence, and after
  a short line (a headline, a dateline). A line break inside a hard-wrapped paragraph (a long
  line ending mid-sentence) is left to the parser.
- ``headline_sentences`` tells the sentences of a title line: a whole line, short, in title
  case, without a final stop.
  Its capitalisation says nothing about what is a name, so kg keeps only the names the body
  confirms and states no fact from it (kg/coref/mentions.py, kg/extract).
"""

from __future__ import annotations

from bisect import bisect_left
from itertools import islice

from spacy.language import Language
from spacy.tokens import Doc

# A line ending in one of these ends its sentence (closing quotes and brackets after a stop too).
_SENTENCE_END = tuple(".!?:;\"'”’)]")

# A line shorter than this (in characters) that ends without punctuation is a paragraph of its
# own: a headline, a dateline, a byline. A hard-wrapped line is longer (wrapping is at 60-80).
SHORT_LINE = 60

# Headlines: at most this many words, and at least this share of their words capitalised (the
# small words title case leaves in lower case are not counted).
HEADLINE_MAX_WORDS = 20
HEADLINE_CAPITALISED_SHARE = 0.75
_TITLE_CASE_SMALL_WORDS = frozenset(
    {
        "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for",
        "with", "by", "from", "as", "vs", "via", "into", "over", "after", "up",
    }
)  # fmt: skip

LINE_BREAKS = "kg_line_breaks"


def paragraph_breaks(text: str) -> list[int]:
    """Character offsets where a new paragraph (a new sentence) starts after a line break."""
    starts = []
    position = text.find("\n")
    while position >= 0:
        line_start = text.rfind("\n", 0, position) + 1
        line = text[line_start:position].strip()
        after = position + 1
        while after < len(text) and text[after] in " \t\r\n":
            after += 1
        blank = "\n" in text[position + 1 : after]
        if (
            after < len(text)
            and line
            and (blank or line.endswith(_SENTENCE_END) or len(line) < SHORT_LINE or _is_title(line))
        ):
            starts.append(after)
        position = text.find("\n", after)
    return starts


@Language.component(LINE_BREAKS)
def mark_line_breaks(doc: Doc) -> Doc:
    """Set the first token of every paragraph as a sentence start; the parser keeps what is set."""
    text = doc.text
    if "\n" not in text:
        return doc  # most sentences of a corpus read line by line, and every CaRB sentence
    offsets = [token.idx for token in doc]
    for start in paragraph_breaks(text):
        i = bisect_left(offsets, start)
        if 0 < i < len(doc) and offsets[i] == start:
            doc[i].is_sent_start = True
    return doc


def headline_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every title line of ``text``: a whole line, followed by more text, short,
    in title case and without a final stop."""
    found = []
    position = 0
    while position < len(text):
        end = text.find("\n", position)
        if end < 0:
            break  # the last line: nothing follows it, so it heads nothing
        if _is_title(text[position:end]) and text[end:].strip():
            found.append((position, end))
        position = end + 1
    return found


def _is_title(line: str) -> bool:
    line = line.strip()
    if line.endswith((".", "!", "?")):
        return False
    # The words with a letter, read only up to one more than a title has: a paragraph's line is
    # no title, and every line of a text is asked.
    lettered = (w for w in line.split() if any(ch.isalpha() for ch in w))
    words = list(islice(lettered, HEADLINE_MAX_WORDS + 1))
    if not 2 <= len(words) <= HEADLINE_MAX_WORDS:
        return False
    counted = [w for w in words if w.lower() not in _TITLE_CASE_SMALL_WORDS]
    capitalised = [w for w in counted if w[:1].isupper()]
    return len(counted) >= 2 and len(capitalised) >= HEADLINE_CAPITALISED_SHARE * len(counted)


def headline_sentences(text: str, sentences: list[tuple[int, int, int]]) -> frozenset[int]:
    """The indices of the sentences, given as (index, start, end), that lie in a title line
    (the parser may cut one line in two)."""
    lines = headline_lines(text) if "\n" in text else []
    return frozenset(
        index
        for index, start, end in sentences
        if any(line_start <= start and end <= line_end for line_start, line_end in lines)
    )


def heading_line_sentences(text: str, sentences: list[tuple[int, int, int]]) -> frozenset[int]:
    """The indices of the sentences, given as (index, start, end), that lie in the text's first
    line when it heads the text, in title case or in sentence case ("Climber dead after
    fall"): a whole line, followed by more text, of two to HEADLINE_MAX_WORDS words, without a
    final stop. Its case is the body's, so its words are read as the body's are; what it
    announces is what the body introduces (the headline noun sieve, kg/coref/sieves.py)."""
    stripped = text.lstrip()
    end = stripped.find("\n")
    if end < 0 or not stripped[end:].strip():
        return frozenset()
    line = stripped[:end].strip()
    lettered = [w for w in line.split() if any(ch.isalpha() for ch in w)]
    if line.endswith((".", "!", "?")) or not 2 <= len(lettered) <= HEADLINE_MAX_WORDS:
        return frozenset()
    start = len(text) - len(stripped)
    return frozenset(
        index for index, first, last in sentences if start <= first and last <= start + end
    )
