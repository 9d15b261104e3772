"""The words of the time grammar: names of months and weekdays, numbers, units, seasons.

Month and weekday names come from python-dateutil's English tables and number words from
spaCy's English lexical attributes, so only the words that are the grammar itself (units,
seasons, parts of the day, reference words) are listed here.
"""

from __future__ import annotations

from dateutil.parser import parserinfo
from spacy.lang.en.lex_attrs import _num_words, _ordinal_words

# "january" / "jan" / "sept" -> 1 .. 12. Abbreviations are only taken before a day number
# (kg.timex.grammar): "Mar" and "May" alone are also words.
MONTH_NAMES: dict[str, int] = {
    name.lower(): number
    for number, names in enumerate(parserinfo.MONTHS, start=1)
    for name in names
    if len(name) > 3 or name == "May"
}
MONTH_ABBREVIATIONS: dict[str, int] = {
    name.lower(): number
    for number, names in enumerate(parserinfo.MONTHS, start=1)
    for name in names
}

# "monday" -> 0 .. "sunday" -> 6 (date.weekday()); "mon" etc. only before a date.
WEEKDAY_NAMES: dict[str, int] = {
    names[-1].lower(): number for number, names in enumerate(parserinfo.WEEKDAYS)
}


def _cardinal_values() -> dict[str, int]:
    # spaCy's list runs zero .. twenty, then the tens thirty .. ninety, then hundred and up.
    values = {word: n for n, word in enumerate(_num_words[:21])}
    for n, word in enumerate(_num_words[21:28]):
        values[word] = 30 + 10 * n
    return values


# The cardinals written as one word, zero .. twenty and the tens: "three", "forty".
CARDINAL_WORDS: dict[str, int] = _cardinal_values()
# The ordinals written as one word, spaCy's list: "first", "second" .. "hundredth".
ORDINAL_WORDS = frozenset(_ordinal_words)
# Every word that gives an amount its value, the article and "dozen" too: "a day", "a dozen".
NUMBER_WORDS: dict[str, float] = {
    **{word: float(value) for word, value in CARDINAL_WORDS.items()},
    **{"a": 1.0, "an": 1.0, "single": 1.0, "couple": 2.0, "dozen": 12.0},
}
TENS_WORDS = frozenset(word for word, value in NUMBER_WORDS.items() if value >= 20)

# A quantity that is there but not said: "several years" is PXY.
VAGUE_QUANTITIES = frozenset({"several", "few", "many", "some", "numerous", "multiple"})

# Units of a duration and the letters TIMEX3 writes them with (P2D, PT3H, P2Q, P10Y).
# Times of day take a "T" before the number: see kg.timex.values.duration.
UNITS: dict[str, str] = {
    "second": "S",
    "minute": "M",
    "hour": "H",
    "day": "D",
    "night": "D",
    "week": "W",
    "weekend": "WE",
    "fortnight": "2W",
    "month": "M",
    "quarter": "Q",
    "year": "Y",
    "decade": "10Y",
    "century": "100Y",
}
CLOCK_UNITS = frozenset({"second", "minute", "hour"})
UNIT_PLURALS: dict[str, str] = {
    "seconds": "second",
    "minutes": "minute",
    "hours": "hour",
    "days": "day",
    "nights": "night",
    "weeks": "week",
    "weekends": "weekend",
    "months": "month",
    "quarters": "quarter",
    "years": "year",
    "decades": "decade",
    "centuries": "century",
}
# "five trading days", "three business days": a kind of day that is still counted in days.
DAY_KINDS = frozenset({"trading", "business", "working", "calendar", "straight", "consecutive"})

# Seasons as TIMEX3 writes them, with the month each starts (to tell past from future).
SEASONS: dict[str, tuple[str, int]] = {
    "spring": ("SP", 3),
    "summer": ("SU", 6),
    "autumn": ("FA", 9),
    "fall": ("FA", 9),
    "winter": ("WI", 12),
}

# Parts of the day: "Friday morning" is 2025-10-24TMO.
PARTS_OF_DAY: dict[str, str] = {
    "morning": "MO",
    "afternoon": "AF",
    "evening": "EV",
    "night": "NI",
    "overnight": "NI",
}

# Words that name a recurrence by themselves: "annual" is SET P1Y.
FREQUENCY_WORDS: dict[str, str] = {
    "annual": "P1Y",
    "annually": "P1Y",
    "yearly": "P1Y",
    "biannual": "P6M",
    "quarterly": "P3M",
    "monthly": "P1M",
    "weekly": "P1W",
    "daily": "P1D",
    "nightly": "P1D",
    "hourly": "PT1H",
}

# Words that are a vague time of their own: "now", "recently", "the future".
PRESENT_WORDS = frozenset({"now", "currently", "presently", "nowadays"})
PAST_WORDS = frozenset({"recently", "lately"})
FUTURE_WORDS = frozenset({"soon"})

# Words before an amount of time that TIMEX3 keeps in the extent ("nearly five months").
APPROXIMATORS = frozenset({"nearly", "almost", "about", "around", "approximately", "roughly"})
