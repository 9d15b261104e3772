"""TIMEX3 values: how a date, a period and a length of time are written, and which occurrence
of a named month, weekday, quarter or season the text means.

A relative name ("Thursday", "May") is resolved from the document date (the anchor) and the
direction the sentence looks in: PAST ("met on Thursday": the latest Thursday up to the anchor),
FUTURE ("will meet on Thursday": the first from the anchor on) or NEAREST (no tense to go by: the
closest, as HeidelTime does for news; a month or quarter then stays in the anchor's year).
"""

from __future__ import annotations

from datetime import date

from dateutil.relativedelta import relativedelta

PAST = "past"
FUTURE = "future"
NEAREST = ""

# Calendar units for relativedelta, by the name the grammar uses.
STEP = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "weekend": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "year": relativedelta(years=1),
    "decade": relativedelta(years=10),
    "century": relativedelta(years=100),
}


def day_value(day: date) -> str:
    """2025-10-30"""
    return day.isoformat()


def month_value(day: date) -> str:
    """2025-10"""
    return f"{day.year:04d}-{day.month:02d}"


def year_value(year: int) -> str:
    """2025"""
    return f"{year:04d}"


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def week_value(day: date) -> str:
    """2025-W43 (ISO 8601 week)"""
    iso = day.isocalendar()
    return f"{iso[0]:04d}-W{iso[1]:02d}"


def decade_value(year: int) -> str:
    """199 for the 1990s: TIMEX3 writes a decade as the first three digits of its years."""
    return f"{year // 10:03d}"


def period_value(anchor: date, unit: str) -> str:
    """The UNIT (day, week, weekend, month, quarter, year, decade, century) holding ANCHOR."""
    if unit == "day":
        return day_value(anchor)
    if unit == "week":
        return week_value(anchor)
    if unit == "weekend":
        return week_value(anchor) + "-WE"
    if unit == "month":
        return month_value(anchor)
    if unit == "quarter":
        return f"{anchor.year:04d}-Q{quarter_of(anchor)}"
    if unit == "year":
        return year_value(anchor.year)
    if unit == "decade":
        return decade_value(anchor.year)
    if unit == "century":
        return f"{anchor.year // 100:02d}"
    raise ValueError(f"no calendar period {unit!r}")


def shifted_period(anchor: date, unit: str, steps: int) -> str:
    """The UNIT STEPS units away from the one holding ANCHOR ("last month": steps -1)."""
    return period_value(anchor + STEP[unit] * steps, unit)


def duration_value(amount: float | None, unit_code: str, clock: bool = False) -> str:
    """P2D, P3M, PT2H, P2.5Y; PXY when the amount is not said ("several years")."""
    if unit_code == "2W":  # a fortnight
        amount, unit_code = (amount or 1) * 2, "W"
    if unit_code.endswith("0Y") and unit_code != "Y":  # decade, century: in years
        amount = None if amount is None else amount * int(unit_code[:-1])
        unit_code = "Y"
    if amount is None:
        number = "X"
    elif amount == int(amount):
        number = str(int(amount))
    else:
        number = f"{amount:g}"
    return f"P{'T' if clock else ''}{number}{unit_code}"


def weekday_date(anchor: date, weekday: int, direction: str) -> date:
    """The WEEKDAY (0 = Monday) the text means: the latest up to the anchor in the past, the
    first from the anchor on in the future, else the nearer of the two (the past on a tie)."""
    back = (anchor.weekday() - weekday) % 7
    ahead = (weekday - anchor.weekday()) % 7
    if direction == PAST or (direction == NEAREST and back <= ahead):
        return anchor - relativedelta(days=back)
    return anchor + relativedelta(days=ahead)


def yearly_occurrence(anchor: date, month: int, day: int | None, direction: str) -> int | None:
    """The year of MONTH (and DAY) the text means: in the past the latest one up to the anchor,
    in the future the first from the anchor on, else the anchor's year. None for 30 February."""
    try:
        candidate = date(anchor.year, month, day or 1)
    except ValueError:
        return None
    if day is None:  # a whole month: compare months, so "May" in May is this May
        later, earlier = month > anchor.month, month < anchor.month
    else:
        later, earlier = candidate > anchor, candidate < anchor
    if direction == PAST and later:
        return anchor.year - 1
    if direction == FUTURE and earlier:
        return anchor.year + 1
    return anchor.year


def month_day(year: int, month: int, day: int) -> str:
    """2025-11-01, or "" for a date that does not exist."""
    try:
        return day_value(date(year, month, day))
    except ValueError:
        return ""
