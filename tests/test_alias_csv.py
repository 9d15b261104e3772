"""The alias CSV is read as CSV, not as lines (issue 20, break 10): quoted fields may hold line
breaks and characters Python's splitlines() takes for one, and errors name the right line."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import KgError
from kg.resolve import load_alias_rules


def test_quoted_fields_with_line_breaks_and_separators_are_read(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    rows = ['"Big\x0bBlue",Big Company', '"A\x0cB",AB', '"C\x85D",CD', '"E\u2028F",EF', '"G\rH",GH']
    path.write_bytes(("name,canonical\n" + "\n".join(rows) + "\n").encode("utf-8"))
    same = load_alias_rules(path).same
    assert same == {
        "Big Blue": "Big Company",
        "A B": "AB",
        "C D": "CD",
        "E F": "EF",
        "G H": "GH",
    }


def test_an_error_names_the_line_it_is_on(tmp_path: Path) -> None:
    path = tmp_path / "aliases.csv"
    path.write_bytes(b'name,canonical\n"two\r\nlines",TL\n"E\xe2\x80\xa8F",EF\nbroken\n')
    with pytest.raises(KgError, match=r"aliases.csv:5: expected name,canonical"):
        load_alias_rules(path)
