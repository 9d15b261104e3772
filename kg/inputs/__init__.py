"""The read stage: paths and stdin to ``Document``s, whatever the format of the corpus.

One module per format: plain text (``text``), Markdown (``markdown``, markup stripped with
markdown-it-py), JSON Lines/JSON/CSV/TSV with one document per row (``tables``), HTML pages
(``html``, main text and metadata by trafilatura) and PDF (``pdf``, pypdf). The format is the
one the user forces (InputOptions.format), else the file's extension, else its content: a PDF
and an HTML page are recognised by their first bytes whatever their name (except a .jsonl/.csv
file), an extension-less file or stdin is JSON Lines when its first line is a JSON object, and
anything else is plain text (a .txt holding JSON Lines is text unless the format is forced).

Every way an input can be unusable is a one-line ``InputError`` naming it (``file`` or
``file:row``), so one bad file or row never stops the others; what a folder holds but kg does
not read is reported (``ReadLog.skip``) with the reason, never passed over in silence.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator
from datetime import datetime
from typing import IO

from kg.errors import InputError
from kg.inputs.dates import normalise_date
from kg.inputs.files import (
    STDIN,
    STDIN_SOURCE,
    head_of,
    open_input,
    read_all,
)
from kg.inputs.files import expand_paths as _expand_paths
from kg.inputs.html import html_text, looks_like_html
from kg.inputs.markdown import markdown_text
from kg.inputs.options import FORMATS, InputOptions, ReadLog
from kg.inputs.pdf import PDF_MAGIC, pdf_text
from kg.inputs.tables import RowReader, csv_rows, find_field, json_rows, jsonl_rows, scalar
from kg.inputs.text import bom_encoding, decode_text
from kg.types import Document

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORMATS",
    "STDIN",
    "STDIN_SOURCE",
    "SUFFIX_FORMATS",
    "InputOptions",
    "ReadLog",
    "decode_text",
    "detect_format",
    "document_id",
    "expand_paths",
    "read_document",
    "read_documents",
]

# A news article is a few kilobytes; a 10 MB "text" is almost always a mistake (a log, a dump)
# that would hold the parser for minutes. Overridable with --max-bytes. For a corpus of one
# document per row (JSON Lines, CSV) it limits each row's text, not the file.
DEFAULT_MAX_BYTES = 10_000_000

# The formats of the files a folder build reads, by extension; other files are reported as
# skipped. ".json": JSON Lines, or an array of objects.
SUFFIX_FORMATS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
    ".csv": "csv",
    ".tsv": "tsv",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
}
TABLE_FORMATS = frozenset({"jsonl", "json", "csv", "tsv"})

# Between a document's text and its date in what its id hashes: a text cannot hold it (a NUL).
_DATE_SEPARATOR = "\x00date:"


def document_id(text: str, date: str = "") -> str:
    """The content hash that names a document: the same text with the same date is the same
    document wherever it is. Without a date it is sha256 of the text alone (as before dates
    were read); with one, of the text, a line break, a separator and the ISO date, since the
    same words dated differently say different things ("Thursday" is another day)."""
    content = text if not date else f"{text}\n{_DATE_SEPARATOR}{date}"
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def detect_format(name: str, head: bytes, forced: str = "auto") -> str:
    """The format to read NAME as, given its first bytes HEAD: see the module's docstring."""
    if forced != "auto":
        return forced
    by_suffix = SUFFIX_FORMATS.get(_suffix(name))
    if by_suffix in TABLE_FORMATS or by_suffix in ("html", "pdf"):
        return by_suffix
    recognised = recognise_content(head)
    if recognised in ("pdf", "html"):
        return recognised
    return by_suffix or recognised or "text"


def recognise_content(head: bytes) -> str | None:
    """The format HEAD (a file's first bytes) shows by itself: pdf, html, jsonl, or None."""
    if head.startswith(PDF_MAGIC):
        return "pdf"
    if looks_like_html(head):
        return "html"
    if _looks_like_jsonl(head):
        return "jsonl"
    return None


def _looks_like_jsonl(head: bytes) -> bool:
    import json

    encoding, skip = bom_encoding(head)
    text = head[skip:].decode(encoding, "ignore").lstrip()
    if not text.startswith("{"):
        return False
    line, newline, _ = text.partition("\n")
    if not newline:  # the first line goes on past the head: a JSON object as far as it goes
        return line.startswith('{"')
    try:
        return isinstance(json.loads(line), dict)
    except ValueError:
        return False


def _suffix(name: str) -> str:
    if name == STDIN:
        return ""
    base = name.rsplit("/", 1)[-1]
    return base[base.rfind(".") :].lower() if "." in base.lstrip(".") else ""


def expand_paths(paths: Iterable[str], *, log: ReadLog | None = None) -> Iterator[str | InputError]:
    """Files named directly, readable files found in folders (sorted, hidden ones skipped), or
    '-'; every file of a folder that is not read is reported to LOG with the reason."""
    return _expand_paths(
        paths,
        suffixes=SUFFIX_FORMATS,
        recognise=recognise_content,
        on_skip=log.skip if log is not None else None,
    )


def read_documents(
    paths: Iterable[str],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    options: InputOptions | None = None,
    log: ReadLog | None = None,
) -> Iterator[Document | InputError]:
    """Each document of the inputs (one per file, or one per row of a JSON Lines/CSV corpus),
    or the InputError that explains why a file or row cannot be one. LOG, when given, hears of
    every file a folder held that is not read, of every warning, and counts files and documents.

    The same text with the same date reached twice (two copies of one file, a repeated row) is
    read once: documents are named by their content, so the second would only repeat the first.
    """
    options = options or InputOptions()
    log = log if log is not None else ReadLog()
    seen: set[str] = set()
    for source in expand_paths(paths, log=log):
        if isinstance(source, InputError):
            yield source
            continue
        try:
            for item in _read_input(source, options, max_bytes, log):
                if isinstance(item, Document):
                    if item.id in seen:
                        continue
                    seen.add(item.id)
                    log.documents += 1
                yield item
        except InputError as error:
            yield error
            continue
        log.files += 1


def read_document(
    source: str, *, max_bytes: int = DEFAULT_MAX_BYTES, options: InputOptions | None = None
) -> Document:
    """Read one file (or stdin for '-') holding one document, or raise InputError naming it.
    A corpus of one document per row (JSON Lines, CSV) is read with read_documents."""
    options = options or InputOptions()
    name, stream, size = open_input(source)
    try:
        fmt = detect_format(source, head_of(stream), options.format)
        if fmt in TABLE_FORMATS:
            raise InputError(name, f"a {fmt} corpus (one document per row): use read_documents")
        data = read_all(stream, name, size, max_bytes)
    except OSError as error:
        raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    finally:
        if source != STDIN:
            stream.close()
    return _document(name, data, fmt, options, ReadLog())


def _read_input(
    source: str, options: InputOptions, max_bytes: int, log: ReadLog
) -> Iterator[Document | InputError]:
    name, stream, size = open_input(source)
    try:
        try:
            fmt = detect_format(source, head_of(stream), options.format)
            if fmt in TABLE_FORMATS:
                yield from _rows(name, stream, size, fmt, options, max_bytes, log)
                return
            data = read_all(stream, name, size, max_bytes)
        except OSError as error:
            raise InputError(name, f"cannot be read ({error.strerror or error})") from None
    finally:
        if source != STDIN:
            stream.close()
    yield _document(name, data, fmt, options, log)


def _rows(
    name: str,
    stream: IO[bytes],
    size: int | None,
    fmt: str,
    options: InputOptions,
    max_bytes: int,
    log: ReadLog,
) -> Iterator[Document | InputError]:
    rows = RowReader(name, options, max_bytes, log.warn, document_id)
    if fmt == "jsonl":
        records = jsonl_rows(stream, name, max_bytes)
    elif fmt == "json":
        records = json_rows(read_all(stream, name, size, max_bytes), name, max_bytes)
    else:
        header, records = csv_rows(stream, name, max_bytes, delimiter="\t" if fmt == "tsv" else "")
        rows.check_header(header)
    for number, record in records:
        yield record if isinstance(record, InputError) else rows.document(number, record)


def _document(name: str, data: bytes, fmt: str, options: InputOptions, log: ReadLog) -> Document:
    """The one document of a text, Markdown, HTML or PDF file."""
    title = url = ""
    raw_date: str | datetime = ""
    metadata: tuple[tuple[str, str], ...] = ()
    if fmt == "pdf":
        pdf = pdf_text(data, name)
        text, title, raw_date = pdf.text, pdf.title, pdf.date
    elif fmt == "html":
        page = html_text(data, name)
        text, title, raw_date, url = page.text, page.title, page.date, page.url
    elif fmt == "markdown":
        markdown = markdown_text(decode_text(data, name))
        text = markdown.text
        if not text.strip():
            raise InputError(name, "no text in the Markdown file (only markup)")
        fields = markdown.front_matter

        def field(role: str) -> str:
            key = find_field(fields, options.candidates(role))
            return scalar(fields[key]) if key is not None else ""

        title, raw_date, url = field("title"), field("date"), field("url")
        metadata = tuple(
            (keep, scalar(fields[key]))
            for keep in options.keep_fields
            if (key := find_field(fields, (keep,))) is not None
        )
    else:
        text = decode_text(data, name)
    date = ""
    if raw_date:
        try:
            date = normalise_date(raw_date)
        except ValueError as error:
            log.warn(f"{name}: {error}; the document is kept without a date")
    return Document(
        id=document_id(text, date),
        source=name,
        text=text,
        title=title,
        date=date,
        url=url,
        metadata=metadata,
    )
