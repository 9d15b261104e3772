"""Dates from metadata (a CSV column, a meta tag, a PDF's info) as ISO 8601, never guessed."""

from __future__ import annotations

import warnings
from datetime import date, datetime

# Two defaults that differ in every field: what dateutil fills in from the default (because the
# string does not say it) comes out different in the two parses, so a missing day or time is
# seen, never invented.
_DEFAULTS = (datetime(2000, 1, 1, 0, 0, 0), datetime(2001, 2, 2, 1, 1, 1))


def normalise_date(value: str | date) -> str:
    """VALUE as ISO 8601: "2025-10-26" for a day, "2025-10-26T09:30:00+00:00" when it gives a
    time (with its offset when it gives one). Raises ValueError saying why when VALUE is not a
    date with a year, month and day ("October 2025" is refused, not completed)."""
    if isinstance(value, datetime):
        return _iso(value, with_time=True)
    if isinstance(value, date):
        return value.isoformat()
    from dateutil import parser as dateutil_parser  # imported when a date is read

    text = value.strip()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # unknown zone names ("EST"): read as no zone
        try:
            first, second = (dateutil_parser.parse(text, default=d) for d in _DEFAULTS)
        except (ValueError, OverflowError):
            raise ValueError(f"{value!r} cannot be read as a date") from None
    if first.date() != second.date():
        raise ValueError(f"{value!r} is not a full date (year, month and day)")
    return _iso(first, with_time=first.hour == second.hour)


def _iso(moment: datetime, *, with_time: bool) -> str:
    if not with_time:
        return moment.date().isoformat()
    return moment.replace(microsecond=0).isoformat()
