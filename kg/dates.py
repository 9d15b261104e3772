"""What a TIMEX3 value means as data: the RDF literal it is written as, and the days it covers.

A statement's time is kept three ways (kg/rdf.py): as written ("on Thursday", kg:timeText), as
its TIMEX3 value typed by its precision (kg:time: "2025-10-30"^^xsd:date, "2025-11"^^xsd:gYearMonth,
"2025"^^xsd:gYear, "2025-W44" as a plain string, "P2D"^^xsd:duration), and as the first and
last day it covers (kg:timeStart, kg:timeEnd as xsd:date), so that "what happened between two
dates" is one FILTER whatever the precision: a week, a quarter or a decade overlaps a range of
days like a day does.

    >>> time_interval("2025-W44")
    (datetime.date(2025, 10, 27), datetime.date(2025, 11, 2))
    >>> time_interval("2025-Q2")
    (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))
    >>> time_interval("199")
    (datetime.date(1990, 1, 1), datetime.date(1999, 12, 31))
    >>> time_interval("P2D") is None
    True
"""

from __future__ import annotations

import re
from datetime import date

from dateutil.relativedelta import relativedelta

XSD = "http://www.w3.org/2001/XMLSchema#"

# TIMEX3 calendar values: a year (or decade "199", century "19"), then an optional part of it.
_CALENDAR = re.compile(
    r"(?P<year>\d{4}|\d{3}|\d{2})"
    r"(?:-(?:(?P<month>\d{2})(?:-(?P<day>\d{2}))?"
    r"|W(?P<week>\d{2})(?:-(?P<weekday>\d))?"
    r"|Q(?P<quarter>[1-4])|H(?P<half>[12])|(?P<season>SP|SU|FA|WI)))?"
    r"(?P<time>T[\w:.+-]*)?$"
)
_DURATION = re.compile(r"P(?:\d+(?:\.\d+)?[YMWD])*(?:T(?:\d+(?:\.\d+)?[HMS])+)?$")
_CLOCK = re.compile(r"T(\d{2}):(\d{2})(?::(\d{2}))?$")

# The months a season covers (northern hemisphere, meteorological: what "this summer" means in
# the news kg reads); winter starts in December of the value's year.
_SEASON_MONTHS = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}


def time_interval(value: str) -> tuple[date, date] | None:
    """The first and last day a TIMEX3 date or time value covers; None for a duration, a set,
    a reference ("PRESENT_REF") or a value with unknown parts ("XXXX-10-30")."""
    match = _CALENDAR.match(value)
    if match is None:
        return None
    parts = match.groupdict()
    year = parts["year"]
    try:
        if len(year) < 4:  # a decade ("199") or a century ("19")
            span = 10 ** (4 - len(year))
            first = int(year) * span
            return date(first, 1, 1), date(first + span - 1, 12, 31)
        start = date(int(year), 1, 1)
        if parts["day"]:
            day = date(int(year), int(parts["month"]), int(parts["day"]))
            return day, day
        if parts["month"]:
            return _span(date(int(year), int(parts["month"]), 1), relativedelta(months=1))
        if parts["week"]:
            monday = date.fromisocalendar(int(year), int(parts["week"]), 1)
            if parts["weekday"]:
                day = monday + relativedelta(days=int(parts["weekday"]) - 1)
                return day, day
            return _span(monday, relativedelta(weeks=1))
        if parts["quarter"]:
            first_month = 3 * (int(parts["quarter"]) - 1) + 1
            return _span(date(int(year), first_month, 1), relativedelta(months=3))
        if parts["half"]:
            return _span(
                date(int(year), 6 * (int(parts["half"]) - 1) + 1, 1), relativedelta(months=6)
            )
        if parts["season"]:
            return _span(
                date(int(year), _SEASON_MONTHS[parts["season"]], 1), relativedelta(months=3)
            )
        return _span(start, relativedelta(years=1))
    except ValueError:  # a month 13, a 30 February, a week 54
        return None


def _span(first: date, length: relativedelta) -> tuple[date, date]:
    return first, first + length - relativedelta(days=1)


def time_literal(value: str) -> tuple[str, str]:
    """(lexical form, datatype IRI) of a TIMEX3 value as an RDF literal: typed by its precision
    where XML Schema has a type for it, a plain string otherwise ("2025-W44", "PRESENT_REF")."""
    match = _CALENDAR.match(value)
    if match is not None and time_interval(value) is not None:
        parts = match.groupdict()
        if len(parts["year"]) == 4 and not any(
            parts[k] for k in ("week", "quarter", "half", "season")
        ):
            if parts["time"]:
                clock = _CLOCK.match(parts["time"])
                if clock and parts["day"]:
                    seconds = clock.group(3) or "00"
                    lexical = f"{value[: match.start('time')]}T{clock[1]}:{clock[2]}:{seconds}"
                    return lexical, XSD + "dateTime"
                return value, XSD + "string"  # "2025-10-30TEV": an evening, not an instant
            if parts["day"]:
                return value, XSD + "date"
            if parts["month"]:
                return value, XSD + "gYearMonth"
            return value, XSD + "gYear"
    if _DURATION.match(value) and value != "P":
        return value, XSD + "duration"
    return value, XSD + "string"
