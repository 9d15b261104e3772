"""Corpora of one document per row: JSON Lines (.jsonl, .ndjson), a JSON array (.json) and
CSV/TSV, read with the json and csv modules.

A row is a document when it has a non-empty text field; its title, date, URL and id come from
the columns InputOptions names (else the usual names), and the columns the user asks to keep
become its metadata. No field name and no other column ever becomes text. A row that cannot be
a document is a one-line InputError naming ``file:row`` (the line for JSON Lines, the data row
after the header for CSV, the item for a JSON array); the other rows still come through.
Files are streamed row by row, so a corpus may be far larger than memory; ``max_bytes`` limits
each row's text, not the file.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterable, Iterator
from typing import IO, Any

from kg.errors import InputError
from kg.inputs.dates import normalise_date
from kg.inputs.options import InputOptions
from kg.inputs.text import BINARY_SNIFF_BYTES, bom_encoding, decode_text
from kg.types import Document

# A file whose first rows are all unreadable is not a corpus of this format at all (a text file
# named .jsonl): one error for the file instead of one per line.
FIRST_ROWS_TRIED = 5

CSV_DELIMITERS = (",", ";", "\t", "|")

Row = tuple[int, "dict[str, Any] | InputError"]


def jsonl_rows(stream: IO[bytes], source: str, max_bytes: int) -> Iterator[Row]:
    """(line number, object or InputError) for each non-blank line of a JSON Lines stream."""
    head = _peek(stream)
    encoding, skip = bom_encoding(head)
    if encoding != "utf-8":  # UTF-16/32 JSON Lines: rare; decoded whole, within max_bytes
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(source, f"too large (over the limit of {max_bytes:,} bytes)")
        lines: Iterable[bytes | None] = (
            line.encode("utf-8") for line in decode_text(data, source).splitlines()
        )
    else:
        if b"\x00" in head[:BINARY_SNIFF_BYTES]:
            raise InputError(source, "binary file (contains NUL bytes), not JSON Lines")
        stream.read(skip)
        lines = _lines(stream, max_bytes)
    return _first_rows_checked(_parse_lines(lines, source, max_bytes), source, "JSON Lines")


def _lines(stream: IO[bytes], max_bytes: int) -> Iterator[bytes | None]:
    """Each line of STREAM; None for a line longer than max_bytes (read past, not kept)."""
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            yield None
            continue
        yield line


def _parse_lines(lines: Iterable[bytes | None], source: str, max_bytes: int) -> Iterator[Row]:
    for number, line in enumerate(lines, start=1):
        where = f"{source}:{number}"
        if line is None:
            yield (
                number,
                InputError(where, f"row too large (over the limit of {max_bytes:,} bytes)"),
            )
            continue
        if not line.strip():
            continue
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError as error:
            reason = f"not UTF-8 text (byte 0x{line[error.start]:02x} at column {error.start + 1})"
            yield number, InputError(where, reason)
            continue
        try:
            value = json.loads(text)
        except json.JSONDecodeError as error:
            yield number, InputError(where, f"not valid JSON ({error.msg} at column {error.colno})")
            continue
        yield number, _object_or_error(value, where)


def json_rows(data: bytes, source: str, max_bytes: int) -> Iterator[Row]:
    """The rows of a .json file: the items of an array of objects, one object, or, when the file
    is not one JSON value, its lines as JSON Lines."""
    text = decode_text(data, source)
    try:
        value = json.loads(text)
    except json.JSONDecodeError:
        yield from jsonl_rows(io.BytesIO(data), source, max_bytes)
        return
    items = value if isinstance(value, list) else [value]
    for number, item in enumerate(items, start=1):
        yield number, _object_or_error(item, f"{source}:{number}")


def _object_or_error(value: Any, where: str) -> dict[str, Any] | InputError:
    if isinstance(value, dict):
        return value
    kind = {list: "an array", str: "a string", bool: "a boolean", type(None): "null"}.get(
        type(value), "a number"
    )
    return InputError(where, f"{kind}, not a JSON object with a text field")


def _first_rows_checked(rows: Iterator[Row], source: str, kind: str) -> Iterator[Row]:
    """ROWS, unless the first FIRST_ROWS_TRIED rows are all errors: then one error for the file."""
    held: list[tuple[int, InputError]] = []
    for row in rows:
        number, value = row
        if not isinstance(value, InputError):
            yield from held
            yield row
            yield from rows
            return
        held.append((number, value))
        if len(held) == FIRST_ROWS_TRIED:
            number, first = held[0]
            raise InputError(
                source,
                f"not {kind}: its first {FIRST_ROWS_TRIED} rows fail (row {number}: "
                f"{first.reason})",
            )
    yield from held


def csv_rows(
    stream: IO[bytes], source: str, max_bytes: int, *, delimiter: str = ""
) -> tuple[list[str], Iterator[Row]]:
    """The header of a CSV stream and (data row number, row as a dict or InputError) for each
    data row. The delimiter is DELIMITER, else the one of , ; tab | the header line holds most."""
    head = _peek(stream)
    encoding, _ = bom_encoding(head)
    if encoding == "utf-8":
        if b"\x00" in head[:BINARY_SNIFF_BYTES]:
            raise InputError(source, "binary file (contains NUL bytes), not CSV")
        encoding = "utf-8-sig"
    else:
        encoding = {"utf-16-le": "utf-16", "utf-16-be": "utf-16", "utf-32-le": "utf-32"}.get(
            encoding, "utf-32"
        )
    text = io.TextIOWrapper(stream, encoding=encoding, newline="")
    try:
        first_line = text.readline()
    except UnicodeDecodeError as error:
        raise InputError(source, f"not {encoding.upper()} text ({error.reason})") from None
    if not first_line.strip():
        raise InputError(source, "empty file (no header line)")
    if not delimiter:
        counts = {d: _unquoted(first_line).count(d) for d in CSV_DELIMITERS}
        delimiter = max(CSV_DELIMITERS, key=lambda d: counts[d]) if any(counts.values()) else ","
    if csv.field_size_limit() < max_bytes + 1:
        csv.field_size_limit(max_bytes + 1)
    lines = _chain([first_line], text)
    reader = csv.reader(lines, delimiter=delimiter, doublequote=True, quotechar='"')
    header = [name.strip() for name in next(reader)]
    return header, _csv_records(reader, header, source, encoding)


def _csv_records(
    reader: Iterator[list[str]], header: list[str], source: str, encoding: str
) -> Iterator[Row]:
    number = 0
    while True:
        number += 1
        where = f"{source}:{number}"
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            yield number, InputError(where, f"not a CSV row ({error})")
            continue
        except UnicodeDecodeError as error:
            yield (
                number,
                InputError(
                    where,
                    f"not {encoding.upper()} text ({error.reason}); the rest of the file is unread",
                ),
            )
            return
        if not any(cell.strip() for cell in record):
            continue
        if len(record) > len(header):
            yield (
                number,
                InputError(where, f"{len(record)} fields, but the header names {len(header)}"),
            )
            continue
        # A short row (trailing empty cells left out): the missing cells are empty.
        yield number, dict(zip(header, record, strict=False))


def _unquoted(line: str) -> str:
    """LINE without its double-quoted parts (a quoted header name may hold a delimiter)."""
    return "".join(part for k, part in enumerate(line.split('"')) if k % 2 == 0)


def _chain(first: list[str], rest: Iterable[str]) -> Iterator[str]:
    yield from first
    yield from rest


def _peek(stream: IO[bytes]) -> bytes:
    peek = getattr(stream, "peek", None)
    return peek(BINARY_SNIFF_BYTES)[:BINARY_SNIFF_BYTES] if peek else b""


def find_field(values: dict[str, Any], names: tuple[str, ...]) -> str | None:
    """The key of VALUES that the first of NAMES matches, exactly or ignoring case and blanks."""
    folded = {str(key).strip().casefold(): key for key in reversed(list(values))}
    for name in names:
        if name in values:
            return name
        key = folded.get(name.strip().casefold())
        if key is not None:
            return key
    return None


def scalar(value: Any) -> str:
    """A field's value as text: a string as it is, null as "", anything else as compact JSON."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class RowReader:
    """Turns the rows of one file into Documents (or InputErrors naming ``file:row``), with
    the warnings of a date that cannot be read or an id used twice."""

    def __init__(
        self,
        source: str,
        options: InputOptions,
        max_bytes: int,
        warn: Callable[[str], None],
        make_id: Callable[[str, str], str],
    ) -> None:
        self.source = source
        self.options = options
        self.max_bytes = max_bytes
        self.warn = warn
        self.make_id = make_id
        self.ids: dict[str, int] = {}

    def check_header(self, header: list[str]) -> None:
        """A CSV header without a text column is one error for the file, not one per row; a
        column to keep that is not there is one warning."""
        columns = {name: "" for name in header}
        if find_field(columns, self.options.candidates("text")) is None:
            raise InputError(self.source, self._no_text(header, "the header"))
        missing = [
            name for name in self.options.keep_fields if find_field(columns, (name,)) is None
        ]
        if missing:
            self.warn(
                f"{self.source}: no column {', '.join(map(repr, missing))} to keep "
                f"(the header has: {', '.join(header)})"
            )

    def document(self, number: int, values: dict[str, Any]) -> Document | InputError:
        where = f"{self.source}:{number}"
        text_key = find_field(values, self.options.candidates("text"))
        if text_key is None:
            return InputError(where, self._no_text(list(values), "the row"))
        text = values[text_key]
        if isinstance(text, list) and all(isinstance(part, str) for part in text):
            text = "\n\n".join(part.strip() for part in text if part.strip())
        if not isinstance(text, str):
            kind = "an object" if isinstance(text, dict) else "not text"
            return InputError(
                where, f"the text field {text_key!r} holds {kind}: {scalar(text)[:40]}"
            )
        if not text.strip():
            return InputError(where, f"empty text (field {text_key!r})")
        if len(text.encode("utf-8", "surrogatepass")) > self.max_bytes:
            return InputError(where, f"text too large (over the limit of {self.max_bytes:,} bytes)")
        fields = {role: self._field(values, role) for role in ("title", "date", "url", "id")}
        row_id = fields["id"]
        source = f"{self.source}#{row_id}" if row_id else where
        if row_id:
            if row_id in self.ids:
                self.warn(
                    f"{where}: id {row_id!r} is also the id of row {self.ids[row_id]}; "
                    f"this row is named {where}"
                )
                source = where
            else:
                self.ids[row_id] = number
        date = ""
        if fields["date"]:
            try:
                date = normalise_date(fields["date"])
            except ValueError as error:
                self.warn(f"{where}: {error}; the document is kept without a date")
        # The row's id is kept too: records and the graph name the row by it.
        metadata = [("id", row_id)] if row_id else []
        for name in self.options.keep_fields:
            key = find_field(values, (name,))
            if key is not None and scalar(values[key]) and name != "id":
                metadata.append((name, scalar(values[key])))
        return Document(
            id=self.make_id(text, date),
            source=source,
            text=text,
            title=fields["title"],
            date=date,
            url=fields["url"],
            metadata=tuple(metadata),
        )

    def _field(self, values: dict[str, Any], role: str) -> str:
        key = find_field(values, self.options.candidates(role))
        return "" if key is None else scalar(values[key])

    def _no_text(self, columns: list[str], whose: str) -> str:
        names = self.options.candidates("text")
        looked = (
            f"no {names[0]!r} field"
            if len(names) == 1
            else (f"no text field (looked for {', '.join(names)})")
        )
        has = ", ".join(str(c) for c in columns[:12]) or "none"
        return f"{looked}; {whose} has: {has}; name the text column with --text-field"
