"""Text structure the parser cannot see: line breaks that end sentences, and headline lines.

News text arrives as paragraphs, one per line or separated by blank lines, under a headline and
often a dateline. spaCy's parser reads it as one stream, so a headline without a final period
runs into the first sentence ("Lindsay Lohan checks into Betty Ford Center May 03, 2013 After
skipping out ..."), and a title-case headline ("AMD Buys SeaMicro") reads as one long name.

- ``mark_line_breaks`` (a pipeline component, before the parser) makes a line break a sentence
  boundary where it ends a paragraph: at a blank line, after a line ending a sentence, and after
  a short line (a headline, a dateline) and after a dateline of any length ("on March 3, 2021
  10: 12am | Updated on March 3, 2021 10: 12am"). A line break inside a hard-wrapped paragraph
  (a long line ending mid-sentence) is left to the parser. The same component keeps a title
  abbreviation and the name after it in one sentence ("named the driver as Capt. Ann Lee"),
  where the parser read the abbreviation's stop as a sentence's end.
- ``headline_sentences`` tells the sentences of a title line: a whole line, short, in title
  case, without a final stop.
  Its capitalisation says nothing about what is a name, so kg keeps only the names the body
  confirms and states no fact from it (kg/coref/mentions.py, kg/extract).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import islice

from dateutil.parser import parserinfo
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

# Abbreviations written before a name, a title or rank above all ("Capt. Ann Lee", "Lt. Gov. Max
# Ortiz"): followed by a capitalised word, their stop ends no sentence. From pysbd 0.3.4's
# English PREPOSITIVE_ABBREVIATIONS (MIT licence, Copyright (c) 2019 Nipun Sadvilkar), less its
# entries that are no title or that also follow a name ("st", Street as well as Saint; "v",
# "vs", "fig", "ph", "ing"), with the titles of its general ABBREVIATIONS list ("msgr", "pfc",
# "pvt", "sfc", "insp", "hon", "comdr", "ens"). Written by hand, since no source at hand lists
# them: "atty" and the "dist" of "Dist. Atty.", "lieut", "spc" (a US Army specialist). Left out
# for now: "const" (a constable, Canadian and British police), right by the same grammar, but
# once its name stays in its sentence the join of descriptions across documents (kg/resolve.py)
# puts a shooting's victim, called "a man" as the gunman is elsewhere, on the gunman's node. The
# resolver now keeps a description that undergoes what that person does to others off it
# (_done_to_it_by), but "One man is dead" says no deed, and the victim's descriptions, apart,
# lose the partners they had by accident on the constable's node: still 0.03 B³ F1 below.
TITLE_ABBREVIATIONS = frozenset(
    {
        # pysbd's prepositive abbreviations
        "adm", "attys", "brig", "capt", "cmdr", "col", "cpl", "det", "dr", "gen", "gov", "lt",
        "maj", "mr", "mrs", "ms", "messrs", "mssrs", "mt", "prof", "rep", "reps", "rev", "sen",
        "sens", "sgt", "supt",
        # titles among pysbd's other abbreviations
        "msgr", "pfc", "pvt", "sfc", "insp", "hon", "comdr", "ens",
        # by hand (see above)
        "atty", "dist", "lieut", "spc",
    }
)  # fmt: skip

# The abbreviations as written before a name: capitalised, with their stop ("Capt.").
TITLE_ABBREVIATION_FORMS = frozenset(word.capitalize() + "." for word in TITLE_ABBREVIATIONS)


# A dateline ("Published June 2, 2019", "on March 3, 2021 10: 12am | Updated on March 3, 2021
# 10: 12am") is a paragraph of its own, however long: a line with a date or a clock
# time whose words are all month or weekday names, words dateutil's parser reads or skips in a
# date ("on", "at", "of", "am", "pm", "th"), time zones (capitals: "GMT", "PM ET") and the words
# that say when a story was published or updated, which no source at hand lists.
_CALENDAR_NAMES = frozenset(
    name.lower() for names in (*parserinfo.MONTHS, *parserinfo.WEEKDAYS) for name in names
)
_DATELINE_WORDS = frozenset(
    {
        *_CALENDAR_NAMES,
        *(word for word in parserinfo.JUMP if word.isalpha()),
        *(name for names in parserinfo.AMPM for name in names),
        "published", "updated", "posted", "modified", "last", "created",
    }
)  # fmt: skip
_CLOCK_TIME = re.compile(r"\b\d{1,2} ?[:.] ?\d{2}\b")
_YEAR = re.compile(r"\b(?:1[89]|20)\d{2}\b")


def is_dateline(line: str) -> bool:
    """Whether LINE is a dateline: a year, a clock time or a month or weekday's name with a
    number, and no other word than a date's."""
    words = re.findall(r"[^\W\d_]+", line)
    has_date = bool(_CLOCK_TIME.search(line) or _YEAR.search(line)) or any(
        word.lower() in _CALENDAR_NAMES for word in words
    )
    return (
        has_date
        and any(ch.isdigit() for ch in line)
        and all(word.lower() in _DATELINE_WORDS or word.isupper() for word in words)
    )


def _ends_in_title_abbreviation(line: str) -> bool:
    """Whether LINE's last word is a title abbreviation ("... police spokesman Const.")."""
    words = line.split()
    return bool(words) and words[-1].lstrip("\"'“‘([") in TITLE_ABBREVIATION_FORMS


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
        # A title abbreviation and its name cut by a line break ("fire department spokesman
        # Lt.\nRay Okafor said") stay one sentence: the stop is the abbreviation's.
        title_cut = _ends_in_title_abbreviation(line) and text[after : after + 1].isupper()
        if (
            after < len(text)
            and line
            and not (title_cut and not blank)
            and (
                blank
                or line.endswith(_SENTENCE_END)
                or len(line) < SHORT_LINE
                or _is_title(line)
                or is_dateline(line)
            )
        ):
            starts.append(after)
        position = text.find("\n", after)
    return starts


@Language.component(LINE_BREAKS)
def mark_line_breaks(doc: Doc) -> Doc:
    """Set the first token of every paragraph as a sentence start, and the name after a title
    abbreviation as none; the parser keeps what is set."""
    _join_title_abbreviations(doc)
    text = doc.text
    if "\n" not in text:
        return doc  # most sentences of a corpus read line by line, and every CaRB sentence
    offsets = [token.idx for token in doc]
    for start in paragraph_breaks(text):
        i = bisect_left(offsets, start)
        if 0 < i < len(doc) and offsets[i] == start:
            doc[i].is_sent_start = True
    return doc


def _join_title_abbreviations(doc: Doc) -> None:
    """The capitalised word after a title abbreviation ("Capt. Tom", "Dist. Atty.") starts no
    sentence, on the same line or the next: the stop is the abbreviation's, whatever the parser
    would make of it. A blank line between them is a paragraph break and stays one."""
    for token in doc[:-1]:
        if token.text not in TITLE_ABBREVIATION_FORMS:
            continue
        following = token.i + 1
        while following < len(doc) - 1 and doc[following].is_space:
            following += 1
        between = doc.text[token.idx + len(token) : doc[following].idx]
        if doc[following].text[:1].isupper() and "\n\n" not in between.replace(" ", ""):
            for word in doc[token.i + 1 : following + 1]:
                word.is_sent_start = False


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
