"""HTML pages: the main text and the page's own title, date and URL, by trafilatura (offline).

trafilatura finds the article in the page and leaves out scripts, styles, navigation, headers,
footers and comment sections; its metadata comes from the page's markup (meta tags, JSON-LD,
``<link rel=canonical>``, ``<time>``), with htmldate for the date. Nothing is fetched: the page
is parsed from the bytes given.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from kg.errors import InputError
from kg.inputs.text import bom_encoding

# The date from the page's markup only: htmldate's "extensive search" would otherwise take any
# date-like string of the text (a date the article mentions) for the page's date.
_DATE_PARAMS = {
    "extensive_search": False,
    "original_date": True,
    "outputformat": "%Y-%m-%dT%H:%M:%S%z",
}

# Where a page starts, after blanks and a byte order mark: how content is recognised as HTML.
_HTML_STARTS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<?xml")


@dataclass(frozen=True)
class HtmlText:
    text: str
    title: str
    date: str  # as htmldate gives it ("2025-10-26T09:30:00+0000"); normalised by the caller
    url: str


def looks_like_html(head: bytes) -> bool:
    """Whether HEAD (the first bytes of a file) is the start of an HTML page."""
    encoding, skip = bom_encoding(head)
    try:
        start = head[skip:].decode(encoding, "ignore").lstrip().lower().encode()
    except LookupError:
        return False
    while start.startswith(b"<!--"):  # comments before the doctype
        end = start.find(b"-->")
        if end < 0:
            return False
        start = start[end + 3 :].lstrip()
    if start.startswith(b"<?xml"):
        return b"<html" in start[:1024]
    return start.startswith(_HTML_STARTS)


def html_text(data: bytes, source: str) -> HtmlText:
    """The main text of the page in DATA (paragraphs separated by blank lines) and its metadata,
    or an InputError when the page has no main text."""
    import trafilatura
    from trafilatura.settings import Document

    encoding, skip = bom_encoding(data)
    page: bytes | str = data
    if skip and encoding != "utf-8":
        page = data[skip:].decode(encoding, "replace")  # trafilatura reads UTF-8 or a charset
    _quiet("trafilatura", "htmldate", "courlan")
    try:
        result = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=True,
            include_images=False,
            date_extraction_params=_DATE_PARAMS,
        )
    except Exception as error:  # a malformed page can fail anywhere in lxml or the extractor
        raise InputError(source, f"cannot be read as HTML ({type(error).__name__})") from None
    # A Document, or None when the page has no text (a dict only when asked with as_dict).
    text = (result.text or "") if isinstance(result, Document) else ""
    if not isinstance(result, Document) or not text.strip():
        raise InputError(source, "no main text found in the HTML page")
    date = (result.date or "").strip()
    if date.endswith("T00:00:00"):  # a day without a time: htmldate writes midnight, no offset
        date = date[: -len("T00:00:00")]
    paragraphs = [line.strip() for line in text.splitlines() if line.strip()]
    return HtmlText(
        text="\n\n".join(paragraphs),
        title=(result.title or "").strip(),
        date=date,
        url=(result.url or "").strip(),
    )


def _quiet(*names: str) -> None:
    # Their warnings ("discarding data", "empty HTML tree") would be lines of their own on
    # stderr; what matters reaches the user as kg's one-line error.
    for name in names:
        logging.getLogger(name).setLevel(logging.ERROR)
