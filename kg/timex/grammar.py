"""kg's grammar of dates and times in news text, one rule per construction.

A rule reads the tokens of one sentence from a start position and returns a ``Reading`` (where
the expression ends, its TIMEX3 type and value) or None. Rules are registered with the words
(or word classes: a number, a month name, ...) an expression of theirs can start with, so a token
that starts no time expression costs one dictionary look-up. ``read_at`` tries every rule that
may start at a position and keeps the longest reading.

Extents follow TIMEX3 as MEANTIME annotates it: a determiner and modifiers are in ("the third
quarter of this year", "nearly five months", "early next year"), the preposition is out ("on
Thursday" gives "Thursday").

Why one module of about 950 lines: it is a registry of grammar rules that reads top to bottom,
the ``Reader`` first, then one rule per construction (dates, months, days named from the
document date, times of day, durations, sets), each registered where it is written. A rule is
read beside its neighbours, which share the reader's helpers and often defer to one another
("early next year" reads "next year"); split by family, they would import each other back.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from dateutil.relativedelta import relativedelta

from kg.timex.lexicon import (
    APPROXIMATORS,
    CLOCK_UNITS,
    DAY_KINDS,
    FREQUENCY_WORDS,
    FUTURE_WORDS,
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    NUMBER_WORDS,
    PARTS_OF_DAY,
    PAST_WORDS,
    PRESENT_WORDS,
    SEASONS,
    TENS_WORDS,
    UNIT_PLURALS,
    UNITS,
    VAGUE_QUANTITIES,
    WEEKDAY_NAMES,
)
from kg.timex.tense import direction_of
from kg.timex.values import (
    FUTURE,
    NEAREST,
    PAST,
    day_value,
    decade_value,
    duration_value,
    month_day,
    period_value,
    shifted_period,
    weekday_date,
    year_value,
    yearly_occurrence,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.types import TimexType


# The words in figures the rules read, compiled once: the rules try them on every number.
AMOUNT_TOKEN = re.compile(r"\d+(?:\.\d+)?")  # "12", "1.5"
DAY_NUMBER_TOKEN = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?")  # "1", "01", "23rd"
FISCAL_YEAR_TOKEN = re.compile(r"fy-?(\d{4})")  # "fy2009", "fy-2009"
MID_YEAR_TOKEN = re.compile(r"mid-?(\d{4})")  # "mid-2009"
TWO_DIGITS = re.compile(r"\d{2}")  # "'82"
FOUR_DIGITS = re.compile(r"\d{4}")  # "0800 UTC"


@dataclass(frozen=True)
class Reading:
    """A time expression read from token ``start`` (the caller's) to ``end`` (exclusive)."""

    end: int
    type: TimexType
    value: str


class Discourse:
    """What earlier sentences of the document said: the last day named ("the same day")."""

    def __init__(self, anchor: date | None):
        self.anchor = anchor
        self.last_day: date | None = anchor


class Reader:
    """One sentence's tokens as the rules see them, with the document date."""

    def __init__(self, tokens: Sequence[Token], discourse: Discourse):
        self.tokens = tokens
        self.words = [token.lower_ for token in tokens]
        self.discourse = discourse
        self.anchor = discourse.anchor

    def word(self, i: int) -> str:
        return self.words[i] if 0 <= i < len(self.words) else ""

    def is_capitalised(self, i: int) -> bool:
        return 0 <= i < len(self.tokens) and self.tokens[i].text[:1].isupper()

    def direction(self, start: int, end: int) -> str:
        """PAST, FUTURE or NEAREST from the verb governing tokens START..END (kg.timex.tense)."""
        span_tokens = self.tokens[start:end]
        indices = {token.i for token in span_tokens}
        for token in span_tokens:
            if token.head.i not in indices or token.head is token:
                return direction_of(token)
        return NEAREST

    def relative(self, value: Callable[[date], str]) -> str:
        """VALUE computed from the document date; "" when the document has none (no guessing)."""
        return value(self.anchor) if self.anchor is not None else ""

    # -- small pieces several rules share ------------------------------------------------

    def number(self, i: int) -> tuple[int, float | None] | None:
        """An amount: "12", "1.5", "two", "twenty-five", "two and a half", "a", "several", "a few".

        Returns (end, amount); the amount is None when it is not said ("several")."""
        word = self.word(i)
        if word in VAGUE_QUANTITIES:
            return i + 1, None
        if word == "a" and self.word(i + 1) in ("few", "couple"):
            return i + 2 + (self.word(i + 2) == "of"), (None if self.word(i + 1) == "few" else 2.0)
        if AMOUNT_TOKEN.fullmatch(word):
            amount, end = float(word), i + 1
        elif word in NUMBER_WORDS:
            amount, end = NUMBER_WORDS[word], i + 1
            end += word in ("couple", "dozen") and self.word(end) == "of"  # "the next couple of"
            if word in TENS_WORDS and self.word(i + 1) == "-" and self.word(i + 2) in NUMBER_WORDS:
                amount, end = amount + NUMBER_WORDS[self.word(i + 2)], i + 3
        else:
            return None
        if self.word(end) == "and" and self.word(end + 1) == "a" and self.word(end + 2) == "half":
            amount, end = amount + 0.5, end + 3
        return end, amount

    def unit(self, i: int) -> tuple[int, str, bool] | None:
        """A unit of time: "day", "years", "trading days". Returns (end, unit, plural)."""
        word = self.word(i)
        if word in DAY_KINDS and self.word(i + 1) in ("day", "days", "sessions"):
            return i + 2, "day", self.word(i + 1) != "day"
        if word in UNITS:
            return i + 1, word, False
        if word in UNIT_PLURALS:
            return i + 1, UNIT_PLURALS[word], True
        return None

    def year(self, i: int) -> tuple[int, int] | None:
        """A year as written in a date: "2008" -> (end, 2008)."""
        word = self.word(i)
        if len(word) == 4 and word.isdigit() and 1000 <= int(word) <= 2199:
            return i + 1, int(word)
        return None

    def year_reference(self, i: int) -> tuple[int, int | None] | None:
        """The year a quarter, half or season is "of": "2009", "this year", "last year".

        Returns (end, year); the year is None when it is relative and there is no anchor."""
        found = self.year(i)
        if found:
            return found
        steps = {"this": 0, "last": -1, "next": 1, "the": 0}.get(self.word(i))
        if steps is not None and self.word(i + 1) == "year":
            year = self.anchor.year + steps if self.anchor else None
            return i + 2, year
        return None

    def day_number(self, i: int) -> tuple[int, int] | None:
        """A day of the month: "1", "01", "1st", "23rd" -> (end, day)."""
        match = DAY_NUMBER_TOKEN.fullmatch(self.word(i))
        if match and 1 <= int(match.group(1)) <= 31:
            return i + 1, int(match.group(1))
        return None

    def month_name(self, i: int, abbreviated: bool = False) -> tuple[int, int] | None:
        """A capitalised month name ("March"; "Mar." too when ABBREVIATED) -> (end, month).

        "May" the modal and "march" the verb are not months: the name must be capitalised and
        not tagged as a modal."""
        names = MONTH_ABBREVIATIONS if abbreviated else MONTH_NAMES
        word = self.word(i).rstrip(".") if abbreviated else self.word(i)
        if word not in names or not self.is_capitalised(i) or self.tokens[i].tag_ == "MD":
            return None
        end = i + 1
        if abbreviated and self.word(end) == "." and word not in MONTH_NAMES:
            end += 1
        return end, names[word]


# --------------------------------------------------------------------------------------------
# Registering rules by the words they start with

Rule = Callable[[Reader, int], "Reading | None"]
RULES_BY_START: dict[str, list[Rule]] = {}

# Word classes a rule can start with, besides literal words.
NUMBER = "<number>"  # digits or a number word
MONTH = "<month>"
WEEKDAY = "<weekday>"


def starts_with(*starts: str) -> Callable[[Rule], Rule]:
    """Register a rule under the words (or word classes) its expressions can start with."""

    def register(rule: Rule) -> Rule:
        for start in starts:
            RULES_BY_START.setdefault(start, []).append(rule)
        return rule

    return register


def start_keys(word: str) -> Iterator[str]:
    """The keys of RULES_BY_START a token written WORD (lower case) can start: itself and its
    word classes."""
    yield word
    if word.rstrip(".") in MONTH_ABBREVIATIONS:
        yield MONTH
    if word.startswith(("mid-", "fy")):
        yield word[:3].rstrip("-")  # "mid-2009", "FY2009": one token
    if word in WEEKDAY_NAMES or word[:3] in WEEKDAY_NAMES and len(word) <= 4:
        yield WEEKDAY
    if word[:1].isdigit() or word in NUMBER_WORDS or word in VAGUE_QUANTITIES:
        yield NUMBER


# Every token of every sentence is tried as the start of an expression, and most start none: the
# rules a word can start are looked up once per distinct word.
@functools.lru_cache(maxsize=1 << 14)
def rules_starting(word: str) -> tuple[Rule, ...]:
    """The rules that may read an expression starting with WORD, each once."""
    return tuple(
        dict.fromkeys(rule for key in start_keys(word) for rule in RULES_BY_START.get(key, ()))
    )


def read_at(reader: Reader, i: int) -> Reading | None:
    """The longest reading of any rule starting at token I, or None."""
    if not 0 <= i < len(reader.words):
        return None
    best: Reading | None = None
    for rule in rules_starting(reader.words[i]):
        reading = rule(reader, i)
        if reading is not None and (best is None or reading.end > best.end):
            best = reading
    return best


# --------------------------------------------------------------------------------------------
# Calendar dates


@starts_with(MONTH, WEEKDAY)
def month_day_year(r: Reader, i: int) -> Reading | None:
    """A date written month first: "March 01, 2008", "Tuesday, November 4, 2008", "June 1st",
    "Nov. 10" (no year: the occurrence the tense points at)."""
    j = i
    if r.word(j) in WEEKDAY_NAMES:
        j += 1 + (r.word(j + 1) == ",")
    month = r.month_name(j, abbreviated=True)
    day = r.day_number(month[0]) if month else None
    if not month or not day:
        return None
    return _day_of_month(r, i, day[0], month[1], day[1])


def _day_of_month(r: Reader, i: int, end: int, month: int, day: int) -> Reading | None:
    """A day of a month read from token ``i`` to ``end``: of the year written after it ("March 3,
    2009"), else the nearest such day from the anchor, ahead or behind as the tense says."""
    year = r.year(end + (r.word(end) == ","))
    if year:
        value = month_day(year[1], month, day)
        return Reading(year[0], "DATE", value) if value else None
    direction = r.direction(i, end)

    def resolve(anchor: date) -> str:
        occurrence = yearly_occurrence(anchor, month, day, direction)
        return month_day(occurrence, month, day) if occurrence else ""

    return Reading(end, "DATE", r.relative(resolve))


@starts_with(NUMBER, WEEKDAY)
def day_month_year(r: Reader, i: int) -> Reading | None:
    """A date written day first: "11 December 2009", "Sunday 26 October 2025", "1 March"."""
    j = i
    if r.word(j) in WEEKDAY_NAMES:
        j += 1 + (r.word(j + 1) == ",")
    day = r.day_number(j)
    if not day:
        return None
    after_day = day[0] + (r.word(day[0]) == "of")
    month = r.month_name(after_day, abbreviated=True)
    if not month:
        return None
    return _day_of_month(r, i, month[0], month[1], day[1])


@starts_with(MONTH)
def month_and_year(r: Reader, i: int) -> Reading | None:
    """A month of a given year: "November 2008", "October of 2007", "May, 2008", "October of
    next year"."""
    month = r.month_name(i, abbreviated=True)
    if not month:
        return None
    after = r.word(month[0])
    year = r.year_reference(month[0] + 1) if after == "of" else r.year(month[0] + (after == ","))
    if not year:
        return None
    return Reading(year[0], "DATE", f"{year[1]:04d}-{month[1]:02d}" if year[1] else "")


@starts_with(MONTH, "this", "last", "next", "past", "coming")
def named_month(r: Reader, i: int) -> Reading | None:
    """A month by its name alone: "March", "last September", "next May", "this June".

    "May" in a sentence about May 2025 means the May the tense points at; "last May" is the one
    before the anchor's month, "next May" the one after."""
    relation = r.word(i) if r.word(i) in ("this", "last", "next", "past", "coming") else ""
    month = r.month_name(i + (relation != ""))
    if not month:
        return None
    end = month[0]
    direction = r.direction(i, end)

    def resolve(anchor: date) -> str:
        if relation == "last" or relation == "past":
            year = anchor.year if month[1] < anchor.month else anchor.year - 1
        elif relation in ("next", "coming"):
            year = anchor.year if month[1] > anchor.month else anchor.year + 1
        elif relation == "this":
            year = anchor.year
        else:
            occurrence = yearly_occurrence(anchor, month[1], None, direction)
            if occurrence is None:  # not for a month without a day
                return ""
            year = occurrence
        return f"{year:04d}-{month[1]:02d}"

    return Reading(end, "DATE", r.relative(resolve))


def full_year(two_digits: int, anchor: date | None, ahead: int = 10) -> int:
    """The year "'82" or "07" means: in this century unless that is more than AHEAD years after
    the anchor (or after 2049 with no anchor), then in the last."""
    latest = anchor.year + ahead if anchor else 2049
    return 2000 + two_digits if 2000 + two_digits <= latest else 1900 + two_digits


NUMERIC_DATE = re.compile(r"(\d{1,4})([/.-])(\d{1,2})\2(\d{2,4})")


@starts_with(NUMBER)
def numeric_date(r: Reader, i: int) -> Reading | None:
    """A date in figures: "2008-03-01" (ISO), "7/8/07" (month first, as American news writes
    it, unless the first number cannot be a month: "25/12/2008")."""
    end = i + 1
    match = NUMERIC_DATE.fullmatch(r.word(i))
    if not match:
        # "03-02-2009" can come as five tokens.
        match = NUMERIC_DATE.fullmatch("".join(r.words[i : i + 5]))
        if not match or r.word(i + 1) not in ("-", "/", "."):
            return None
        end = i + 5
    first, _, second, third = match.groups()
    if len(first) == 4:
        year, month, day = int(first), int(second), int(third)
    elif len(third) >= 2:
        month, day = int(first), int(second)
        if month > 12:
            month, day = day, month
        year = int(third) if len(third) == 4 else full_year(int(third), r.anchor)
    else:
        return None
    value = month_day(year, month, day) if 1 <= month <= 12 else ""
    return Reading(end, "DATE", value) if value else None


# --------------------------------------------------------------------------------------------
# Days named from the document date


@starts_with(WEEKDAY, "this", "last", "next", "coming")
def weekday(r: Reader, i: int) -> Reading | None:
    """A day by its weekday: "Thursday" (the one the tense points at), "last Friday", "next
    Monday", "Friday morning" (a TIME: 2025-10-24TMO)."""
    relation = r.word(i) if r.word(i) in ("this", "last", "next", "coming") else ""
    j = i + (relation != "")
    name = r.word(j)
    if name not in WEEKDAY_NAMES or not r.is_capitalised(j):
        return None
    end = j + 1
    part = PARTS_OF_DAY.get(r.word(end))
    end += part is not None
    direction = {"last": PAST, "next": FUTURE, "coming": FUTURE}.get(relation)
    if direction is None:
        direction = r.direction(i, end)

    def resolve(anchor: date) -> str:
        if relation == "last":
            day = weekday_date(anchor - relativedelta(days=1), WEEKDAY_NAMES[name], PAST)
        elif relation in ("next", "coming"):
            day = weekday_date(anchor + relativedelta(days=1), WEEKDAY_NAMES[name], FUTURE)
        elif relation == "this":
            day = anchor + relativedelta(days=WEEKDAY_NAMES[name] - anchor.weekday())
        else:
            day = weekday_date(anchor, WEEKDAY_NAMES[name], direction)
        return day_value(day) + (f"T{part}" if part else "")

    return Reading(end, "TIME" if part else "DATE", r.relative(resolve))


DAYS_FROM_TODAY = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}


@starts_with("today", "tonight", "yesterday", "tomorrow", "this")
def today_and_neighbours(r: Reader, i: int) -> Reading | None:
    """The anchor's day and its neighbours: "today", "yesterday", "tomorrow", "tonight" (a
    TIME: 2025-10-26TNI), "this morning", "yesterday afternoon"."""
    word = r.word(i)
    if word == "this":
        part = PARTS_OF_DAY.get(r.word(i + 1))
        if part is None or r.word(i + 1) == "night" and r.word(i + 2) == "'s":
            return None
        return Reading(i + 2, "TIME", r.relative(lambda anchor: f"{day_value(anchor)}T{part}"))
    offset = DAYS_FROM_TODAY[word]
    part = "NI" if word == "tonight" else PARTS_OF_DAY.get(r.word(i + 1))
    end = i + 1 + (part is not None and word != "tonight")

    def resolve(anchor: date) -> str:
        day = day_value(anchor + relativedelta(days=offset))
        return f"{day}T{part}" if part else day

    return Reading(end, "TIME" if part else "DATE", r.relative(resolve))


@starts_with("the", "that")
def the_same_day(r: Reader, i: int) -> Reading | None:
    """A day named by reference to the last one: "the same day", "that day", "the day" (the day
    the text last named, else the document date)."""
    j = i + 1 + (r.word(i + 1) in ("same", "very"))
    if r.word(j) != "day" or r.word(j + 1) in ("of", "before", "after", "when", "'s", "-"):
        return None
    last_day = r.discourse.last_day
    return Reading(j + 1, "DATE", day_value(last_day) if last_day else "")


# --------------------------------------------------------------------------------------------
# Weeks, months, quarters, years and decades named from the document date

RELATIONS = {
    "this": 0,
    "current": 0,
    "last": -1,
    "previous": -1,
    "past": -1,
    "next": 1,
    "coming": 1,
    "following": 1,
}
PERIOD_UNITS = ("week", "weekend", "month", "quarter", "year", "decade", "century")


@starts_with("this", "last", "next", "past", "previous", "coming", "current", "the", "recent")
def this_last_next_period(r: Reader, i: int) -> Reading | None:
    """A period named from the anchor: "this week" (2025-W43), "last month" (2025-09), "next
    year" (2026), "the previous quarter", "this weekend" (2025-W43-WE); with an amount, a
    duration: "the past five trading days" (P5D), "the next six months" (P6M), "recent weeks"
    (PXW); "the past year" is a duration too (P1Y), as TIMEX3 reads it."""
    j = i + (r.word(i) == "the")
    relation = r.word(j)
    if relation not in RELATIONS and relation != "recent":
        return None
    amount = r.number(j + 1)
    unit_start = amount[0] if amount else j + 1
    unit_start += r.word(unit_start) in ("financial", "fiscal", "calendar", "trading")
    unit = r.unit(unit_start)
    if not unit:
        return None
    end, name, plural = unit
    if amount or plural or (relation == "past" and name != "weekend"):
        if not (amount or plural) and relation == "past":
            count: float | None = 1.0
        else:
            count = amount[1] if amount else None
        value = duration_value(count, UNITS[name], clock=name in CLOCK_UNITS)
        return Reading(end, "DURATION", value)
    if relation == "recent" or name not in PERIOD_UNITS:
        return None
    steps = RELATIONS[relation]
    return Reading(end, "DATE", r.relative(lambda anchor: shifted_period(anchor, name, steps)))


@starts_with("earlier", "later", "late", "early")
def earlier_in_the_period(r: Reader, i: int) -> Reading | None:
    """A part of the anchor's day or week: "earlier in the day" (2025-10-26), "late in the
    day", "later in the week" (2025-W43)."""
    name = r.word(i + 3)
    if r.word(i + 1) != "in" or r.word(i + 2) != "the" or name not in ("day", "week"):
        return None
    return Reading(i + 4, "DATE", r.relative(lambda anchor: period_value(anchor, name)))


@starts_with("the")
def the_weekend(r: Reader, i: int) -> Reading | None:
    """The weekend: the last one in the past (2025-W43-WE from Sunday 2025-10-26; from a
    Monday, the week before's), else the anchor week's."""
    if r.word(i + 1) != "weekend":
        return None
    direction = r.direction(i, i + 2)

    def resolve(anchor: date) -> str:
        if direction == PAST and anchor.weekday() < 5:
            anchor -= relativedelta(weeks=1)
        return period_value(anchor, "weekend")

    return Reading(i + 2, "DATE", r.relative(resolve))


@starts_with("the")
def the_period_of_the_anchor(r: Reader, i: int) -> Reading | None:
    """The period holding the anchor when a modifier points into it: "the end of the month",
    "the beginning of the year" (only after such a modifier, see modified_period)."""
    name = r.word(i + 1)
    if name not in ("week", "month", "year", "quarter") or r.word(i - 1) != "of":
        return None
    return Reading(i + 2, "DATE", r.relative(lambda anchor: period_value(anchor, name)))


@starts_with("the", "that", "this", "a")
def same_period_a_year_before(r: Reader, i: int) -> Reading | None:
    """The anchor's period one year back: "the same period last year", "the same month a year
    ago", "the same quarter a year earlier" (the period as long as the anchor's month)."""
    if r.word(i + 1) != "same":
        return None
    name = r.word(i + 2)
    if name not in ("period", "month", "quarter", "week", "time"):
        return None
    j = i + 3
    if r.word(j) == "last" and r.word(j + 1) == "year":
        end = j + 2
    elif (
        r.word(j) in ("a", "one")
        and r.word(j + 1) == "year"
        and r.word(j + 2) in ("ago", "earlier")
    ):
        end = j + 3
    else:
        return None
    unit = "quarter" if name == "quarter" else "week" if name == "week" else "month"
    return Reading(
        end, "DATE", r.relative(lambda anchor: period_value(anchor - relativedelta(years=1), unit))
    )


QUARTER_ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4}
QUARTER_FIGURES = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


@starts_with("the", "first", "second", "third", "fourth", "final", "1st", "2nd", "3rd", "4th")
def ordinal_quarter(r: Reader, i: int) -> Reading | None:
    """A quarter of a year: "the second quarter" (2025-Q2), "the first quarter of 2009",
    "third-quarter" (results), "the final quarter of last year"."""
    j = i + (r.word(i) == "the")
    ordinal = QUARTER_ORDINALS.get(r.word(j)) or QUARTER_FIGURES.get(r.word(j))
    if not ordinal:
        return None
    j += 1 + (r.word(j + 1) == "-")
    if r.word(j) == "half" and ordinal <= 2:
        return _part_of_year(r, i, j + 1, "H", ordinal, months_per_part=6)
    if r.word(j) != "quarter":
        return None
    return _part_of_year(r, i, j + 1, "Q", ordinal, months_per_part=3)


QUARTER_TOKEN = re.compile(r"(?:q([1-4])|([1-4])q|h([12]))(?:-?(\d{4}))?")


@starts_with(NUMBER, "q1", "q2", "q3", "q4", "h1", "h2")
def quarter_code(r: Reader, i: int) -> Reading | None:
    """A quarter or half as a code: "Q3" (2025-Q3), "Q3 2009", "3Q", "H1"."""
    match = QUARTER_TOKEN.fullmatch(r.word(i))
    if not match or not r.is_capitalised(i) and not r.word(i)[0].isdigit():
        return None
    quarter, quarter_first, half, year = match.groups()
    part, number = ("H", int(half)) if half else ("Q", int(quarter or quarter_first))
    if year:
        return Reading(i + 1, "DATE", f"{year}-{part}{number}")
    return _part_of_year(r, i, i + 1, part, number, months_per_part=6 if part == "H" else 3)


def _part_of_year(
    r: Reader, start: int, end: int, part: str, number: int, months_per_part: int
) -> Reading:
    """The quarter or half NUMBER of the year named after it ("of 2009", "2009", "of last
    year") or, when none is, of the year the tense points at."""
    of_year = r.year_reference(end + 1) if r.word(end) == "of" else r.year(end)
    if of_year:
        year = of_year[1]
        return Reading(of_year[0], "DATE", f"{year:04d}-{part}{number}" if year else "")
    direction = r.direction(start, end)

    def resolve(anchor: date) -> str:
        current = (anchor.month - 1) // months_per_part + 1
        year = anchor.year
        if direction == PAST and number > current:
            year -= 1
        elif direction == FUTURE and number < current:
            year += 1
        return f"{year:04d}-{part}{number}"

    return Reading(end, "DATE", r.relative(resolve))


@starts_with(*SEASONS, "this", "last", "next", "the")
def season(r: Reader, i: int) -> Reading | None:
    """A season: "spring" (2025-SP), "last summer", "the autumn of 2008", "Fall 2009"."""
    relation = r.word(i) if r.word(i) in ("this", "last", "next", "the") else ""
    j = i + (relation != "")
    if r.word(j) not in SEASONS or r.tokens[j].pos_ not in ("NOUN", "PROPN"):
        return None
    code, first_month = SEASONS[r.word(j)]
    end = j + 1
    of_year = r.year_reference(end + 1) if r.word(end) == "of" else r.year(end)
    if of_year:
        year = of_year[1]
        return Reading(of_year[0], "DATE", f"{year:04d}-{code}" if year else "")
    if r.word(end) == "of" or r.word(j) == "fall" and not relation:
        return None  # "the spring of discontent"; "fall" alone is mostly the verb or a drop
    direction = {"last": PAST, "next": FUTURE}.get(relation) or r.direction(i, end)

    def resolve(anchor: date) -> str:
        year = anchor.year
        if direction == PAST and first_month > anchor.month:
            year -= 1
        elif direction == FUTURE and first_month < anchor.month:
            year += 1
        return f"{year:04d}-{code}"

    return Reading(end, "DATE", r.relative(resolve))


DECADE_TOKEN = re.compile(r"'?(\d{2}|\d{4})s")


@starts_with("the", "'", NUMBER)
def decade(r: Reader, i: int) -> Reading | None:
    """A decade: "the 1990s" (199), "the '80s" (198, the latest such decade up to the anchor)."""
    j = i + (r.word(i) == "the")
    j += r.word(j) == "'"
    match = DECADE_TOKEN.fullmatch(r.word(j))
    if not match or not match.group(1).endswith("0"):
        return None
    digits = match.group(1)
    if len(digits) == 4:
        return Reading(j + 1, "DATE", decade_value(int(digits)))
    return Reading(j + 1, "DATE", decade_value(full_year(int(digits), r.anchor, ahead=0)))


NUMERIC_ENTITIES = frozenset({"MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL"})
NAME_ENTITIES = frozenset({"ORG", "PRODUCT", "FAC", "WORK_OF_ART", "LAW", "PERSON", "GPE"})


@starts_with(NUMBER, "'", "fiscal", "fy", "mid", "the")
def year(r: Reader, i: int) -> Reading | None:
    """A year: "2008", "'82", "mid-2009", "fiscal 2009" / "FY2009" / "fiscal year 2009" (a
    fiscal year: FY2009). A four-digit number that is a count ("2000 jobs", "$1991") is not."""
    word = r.word(i)
    fiscal = FISCAL_YEAR_TOKEN.fullmatch(word)
    if fiscal:
        return Reading(i + 1, "DATE", f"FY{fiscal.group(1)}")
    if word in ("fiscal", "fy"):
        j = i + 1 + (r.word(i + 1) == "year")
        found = r.year(j)
        return Reading(found[0], "DATE", f"FY{found[1]}") if found else None
    if word == "the" and r.word(i + 1) == "year":
        found = r.year(i + 2)
        return Reading(found[0], "DATE", year_value(found[1])) if found else None
    mid = MID_YEAR_TOKEN.fullmatch(word)
    if mid:
        return Reading(i + 1, "DATE", mid.group(1))
    if word == "'" and TWO_DIGITS.fullmatch(r.word(i + 1)) and looks_like_a_year(r, i + 1):
        return Reading(i + 2, "DATE", year_value(full_year(int(r.word(i + 1)), r.anchor)))
    found = r.year(i)
    if not found or not looks_like_a_year(r, i):
        return None
    return Reading(found[0], "DATE", year_value(found[1]))


def looks_like_a_year(r: Reader, i: int) -> bool:
    """A four-digit number is a year when spaCy says DATE, or when it is no count or amount."""
    token = r.tokens[i]
    if token.ent_type_ in ("DATE", "EVENT"):
        return True
    if token.ent_type_ in NAME_ENTITIES:
        return False  # "the Russell 2000 Index", "iLife '11": part of a name
    if token.ent_type_ in NUMERIC_ENTITIES or r.word(i - 1) in ("$", "#", "€", "£", "us$", "no."):
        return False
    if r.word(i + 1) in ("%", "percent", "per", "-"):
        return False
    # "2000 jobs": a year is not the count of a common noun ("the 2008 Olympics" it can be).
    if token.dep_ == "nummod" and token.head.lower_ not in UNIT_PLURALS:
        return token.head.pos_ == "PROPN" or token.head.lower_ in ("season", "model", "budget")
    return len(token.text) != 4 or 1900 <= int(token.text) <= 2100


# --------------------------------------------------------------------------------------------
# Modifiers around a date: "early 2009", "the end of the month", "earlier this year"

PERIOD_MODIFIERS = (
    ("the", "very", "beginning", "of"),
    ("the", "very", "start", "of"),
    ("the", "very", "end", "of"),
    ("the", "beginning", "of"),
    ("the", "start", "of"),
    ("the", "end", "of"),
    ("the", "middle", "of"),
    ("the", "rest", "of"),
    ("the", "remainder", "of"),
    ("the", "turn", "of"),
    ("early",),
    ("late",),
    ("mid",),
    ("mid", "-"),
    ("earlier",),
    ("later",),
)


@starts_with("the", "early", "late", "mid", "earlier", "later")
def modified_period(r: Reader, i: int) -> Reading | None:
    """A date with a modifier that narrows it, value unchanged (TIMEX3 puts the narrowing in its
    "mod" attribute): "early next year" (2026), "the end of the month" (2025-10), "earlier this
    year", "mid-2009", "later this week"."""
    for words in PERIOD_MODIFIERS:
        if tuple(r.words[i : i + len(words)]) != words:
            continue
        reading = read_at(r, i + len(words))
        if reading and reading.type in ("DATE", "TIME"):
            return reading
    return None


# --------------------------------------------------------------------------------------------
# Lengths of time and recurrences

MORE_OR_LESS = (("more", "than"), ("less", "than"), ("at", "least"), ("up", "to"), ("over",))


@starts_with(NUMBER, "a", "an", *APPROXIMATORS, "more", "less", "at", "up", "over")
def amount_of_time(r: Reader, i: int) -> Reading | None:
    """A length of time: "two days" (P2D), "12-year" (P12Y), "18 months", "nearly five months",
    "several years" (PXY), "almost two and a half years" (P2.5Y), "four hours" (PT4H); with
    "ago" a date: "three years ago" (the anchor's year less three)."""
    j = i
    if r.word(j) in APPROXIMATORS:
        j += 1
    else:
        for words in MORE_OR_LESS:
            if tuple(r.words[j : j + len(words)]) == words:
                j += len(words)
                break
    amount = r.number(j)
    if not amount or amount[1] == 0:
        return None  # "zero-day" (a software flaw) is no length of time
    unit_start = amount[0] + (r.word(amount[0]) == "-")
    unit = r.unit(unit_start)
    if not unit:
        return None
    end, name, plural = unit
    if r.word(j) in ("a", "an"):
        if is_a_rate(r, j):
            return None  # "$5 billion a year": a recurrence (see rate)
        if name == "second" or name == "quarter" and r.word(end) == "of":
            return None  # "a second A380", "a quarter of its dealers": not lengths of time
    if r.word(end) == "ago":
        return _ago(r, end + 1, amount[1], name)
    if r.word(end) == "-" and r.word(end + 1) in ("long", "old"):
        end += 2
    value = duration_value(amount[1], UNITS[name], clock=name in CLOCK_UNITS)
    return Reading(end, "DURATION", value)


# How "N units ago" moves back from the anchor: (the shift per unit, precision).
AGO_SHIFTS = {
    "day": (relativedelta(days=1), "day"),
    "night": (relativedelta(days=1), "day"),
    "week": (relativedelta(weeks=1), "day"),
    "month": (relativedelta(months=1), "month"),
    "quarter": (relativedelta(months=3), "quarter"),
    "year": (relativedelta(years=1), "year"),
    "decade": (relativedelta(years=10), "year"),
    "century": (relativedelta(years=100), "year"),
}


@starts_with(*UNIT_PLURALS)
def unsaid_amount(r: Reader, i: int) -> Reading | None:
    """A length of time with no amount: "for years" (PXY), "in minutes" (PTXM), "over the
    years", "decades-long" (PXY: a decade is ten years); "years ago" is PAST_REF."""
    unit = UNIT_PLURALS[r.word(i)]
    end = i + 1
    if r.word(end) == "ago" and not r.number(i - 1):
        return Reading(end + 1, "DATE", "PAST_REF")  # "years ago"
    if r.word(end) == "-" and r.word(end + 1) in ("long", "old"):
        end += 2
    elif r.word(i - 1) not in ("for", "in", "within", "after"):
        return None  # "over the years" is read from "the" (over_the_years)
    return Reading(end, "DURATION", duration_value(None, UNITS[unit], unit in CLOCK_UNITS))


@starts_with("the")
def over_the_years(r: Reader, i: int) -> Reading | None:
    """An unsaid length of time read from "the" (TIMEX3 leaves the preposition out): "over the
    years" (PXY), "through the decades"."""
    unit = UNIT_PLURALS.get(r.word(i + 1))
    if unit is None or r.word(i - 1) not in ("over", "through", "across"):
        return None
    return Reading(i + 2, "DURATION", duration_value(None, UNITS[unit], unit in CLOCK_UNITS))


def _ago(r: Reader, end: int, amount: float | None, unit: str) -> Reading:
    """Three years ago: the anchor less the amount, as precise as the unit ("a week ago" to
    the day); "several years ago" is only PAST_REF."""
    if amount is None or amount != int(amount) or unit not in AGO_SHIFTS:
        return Reading(end, "DATE", "PAST_REF")
    per_unit, precision = AGO_SHIFTS[unit]
    shift = per_unit * int(amount)
    return Reading(end, "DATE", r.relative(lambda anchor: period_value(anchor - shift, precision)))


def is_a_rate(r: Reader, i: int) -> bool:
    """Whether "a" at I means "per": after an amount or a frequency ("$5 billion a year",
    "twice a week", "1,000 planes a year")."""
    before = r.tokens[i - 1] if i > 0 else None
    if before is None:
        return False
    return (
        before.like_num
        or before.ent_type_ in ("MONEY", "CARDINAL", "QUANTITY", "PERCENT")
        or before.lower_ in ("once", "twice", "times", "%", "percent")
    )


@starts_with("a", "per", "every", "each", "once", "twice", *FREQUENCY_WORDS)
def rate(r: Reader, i: int) -> Reading | None:
    """A recurrence: "annual" / "weekly" (SET P1Y / P1W), "every week", "every two years"
    (P2Y), "each Tuesday" (XXXX-WXX-2), "$5 billion a year" ("a year": P1Y), "twice a week"."""
    word = r.word(i)
    if word in FREQUENCY_WORDS:
        return Reading(i + 1, "SET", FREQUENCY_WORDS[word])
    j = i
    if word in ("once", "twice"):
        if r.word(i + 1) not in ("a", "per", "every", "each"):
            return None
        j += 1
    elif word == "a" and not is_a_rate(r, i):
        return None
    j += 1
    if r.word(j) in WEEKDAY_NAMES and r.word(i) in ("every", "each"):
        return Reading(j + 1, "SET", f"XXXX-WXX-{WEEKDAY_NAMES[r.word(j)] + 1}")
    amount = r.number(j) if r.word(i) in ("every", "each") else None
    unit = r.unit(amount[0] if amount else j)
    if not unit or unit[2] and not amount:
        return None
    count = amount[1] if amount else 1.0
    return Reading(unit[0], "SET", duration_value(count, UNITS[unit[1]], unit[1] in CLOCK_UNITS))


# --------------------------------------------------------------------------------------------
# Times of day

CLOCK = re.compile(r"(\d{1,2})(?:([:.])(\d{2}))?(am|pm|a\.m\.|p\.m\.)?")
MERIDIEMS = ("am", "pm", "a.m.", "p.m.", "a.m", "p.m")
# Universal time, which a value marks "Z".
UTC_ZONES = frozenset({"utc", "gmt", "z"})
# Other zones news writes after a clock ("7:40 PM ET", "2:21 pm BST", "11 am (IST)"): read
# as part of the time, whose value keeps the local clock. Hand-written: the tz database names
# zones by region and gives no list of these abbreviations, and news also writes ones it never
# uses ("ET", "PT").
LOCAL_ZONES = frozenset(
    {
        "est", "edt", "et", "cst", "cdt", "ct", "mst", "mdt", "mt", "pst", "pdt", "pt",
        "akst", "akdt", "hst", "ast", "adt", "nst", "ndt",
        "bst", "ist", "wet", "west", "cet", "cest", "eet", "eest", "msk",
        "pkt", "hkt", "sgt", "jst", "kst", "aest", "aedt", "acst", "awst", "nzst", "nzdt",
    }
)  # fmt: skip
ZONES = UTC_ZONES | LOCAL_ZONES


@starts_with(NUMBER, "noon", "midday", "midnight")
def clock_time(r: Reader, i: int) -> Reading | None:
    """A time of day: "18:00 UTC" (2009-12-15T18:00Z on the day in hand), "6:40 p.m.", "3pm",
    "0800 UTC", "noon"; with its day: "16:00 UTC today", "12:00 UTC Monday"."""
    word = r.word(i)
    end = i + 1
    if word in ("noon", "midday", "midnight"):
        hour, minute = (0 if word == "midnight" else 12), 0
    elif FOUR_DIGITS.fullmatch(word) and r.word(i + 1) in ZONES:
        hour, minute = int(word[:2]), int(word[2:])  # military time: "0800 UTC"
    else:
        match = CLOCK.fullmatch(word)
        if not match:
            return None
        hours, separator, minutes, written_meridiem = match.groups()
        hour, minute = int(hours), int(minutes or 0)
        meridiem = written_meridiem or (r.word(end) if r.word(end) in MERIDIEMS else "")
        end += bool(meridiem) and not written_meridiem
        if separator == "." and not meridiem:
            return None  # "2.40" is a number unless "pm" follows
        if not (minutes or meridiem or r.word(end) in ZONES or r.word(end) == "o'clock"):
            return None  # a bare number is not a time
        end += r.word(end) == "o'clock"
        if meridiem.startswith("p") and hour < 12:
            hour += 12
        elif meridiem.startswith("a") and hour == 12:
            hour = 0
    if hour > 23 or minute > 59:
        return None
    zone = ""
    if r.word(end) in ZONES:
        zone, end = ("Z" if r.word(end) in UTC_ZONES else ""), end + 1
    elif r.word(end) == "(" and r.word(end + 1) in ZONES:
        closing = next((k for k in range(end + 2, end + 6) if r.word(k) == ")"), None)
        end = closing + 1 if closing else end
    day = None
    names_a_day = r.word(end) in DAYS_FROM_TODAY or r.word(end) in WEEKDAY_NAMES
    following = read_at(r, end) if names_a_day else None
    if following and len(following.value) == 10:
        day, end = following.value, following.end
    elif r.word(end) in (",", "on"):
        # "16:15 UTC, June 1st": the day is a date of its own (TIMEX3 keeps the two apart).
        apart = read_at(r, end + 1)
        day = apart.value if apart and len(apart.value) == 10 else None
    if day is None:
        day = day_value(r.discourse.last_day) if r.discourse.last_day else ""
    clock = f"T{hour:02d}:{minute:02d}{zone}"
    return Reading(end, "TIME", day + clock if day else "")


# --------------------------------------------------------------------------------------------
# The present, the past and the future as such


@starts_with(*PRESENT_WORDS, *PAST_WORDS, *FUTURE_WORDS, "current", "recent", "the", "later")
def reference_word(r: Reader, i: int) -> Reading | None:
    """A time that is only now, before or after: "now", "currently", "current" (PRESENT_REF),
    "recently", "recent", "the past" (PAST_REF), "soon", "the future", "the long term", "later"
    (FUTURE_REF)."""
    word = r.word(i)
    if r.word(i + 1) == "-":
        return None  # "the now-cancelled deal", "the soon-to-open terminal": part of a word
    if word in PRESENT_WORDS:
        return Reading(i + 1, "DATE", "PRESENT_REF")
    if word in PAST_WORDS:
        return Reading(i + 1, "DATE", "PAST_REF")
    token = r.tokens[i]
    if word in FUTURE_WORDS or word == "later" and token.pos_ == "ADV" and not r.unit(i - 1):
        # Only a later that is still ahead: "he later said" and "as soon as" are not times.
        if r.word(i - 1) == "as" or r.direction(i, i + 1) == PAST:
            return None
        return Reading(i + 1, "DATE", "FUTURE_REF")
    if word == "current" and token.dep_ == "amod":
        return Reading(i + 1, "DATE", "PRESENT_REF")
    if word == "recent" and token.dep_ == "amod" and not r.unit(i + 1):
        return Reading(i + 1, "DATE", "PAST_REF")
    if word != "the":
        return None
    j = i + 1 + (r.word(i + 1) in ("near", "distant", "long", "short", "immediate"))
    following = r.word(j + 1)
    if r.word(j) == "past" and r.tokens[j].pos_ == "NOUN" and not r.unit(j + 1):
        return Reading(j + 1, "DATE", "PAST_REF")
    if r.word(j) == "future" and following not in ("of", "-"):
        return Reading(j + 1, "DATE", "FUTURE_REF")
    if r.word(j) == "term" and j > i + 1:
        return Reading(j + 1, "DATE", "FUTURE_REF")
    if r.word(i + 1) == "time" and r.word(i + 2) == "being":
        return Reading(i + 3, "DATE", "PRESENT_REF")
    return None
