"""Real corpora in: JSON Lines, CSV/TSV, HTML, PDF and Markdown read to documents with their
title, date, URL and kept columns; markup, scripts and field names never become text; a bad row
or file is one error naming it (file:row) and the rest still comes through; a folder build says
what it skipped and why."""

from __future__ import annotations

import hashlib
import io
import json
import os
from pathlib import Path

import pytest
from conftest import run_kg

from kg.documents import (
    InputOptions,
    ReadLog,
    document_id,
    read_document,
    read_documents,
)
from kg.errors import InputError
from kg.inputs.dates import normalise_date
from kg.inputs.files import BUILD_MARKER, BUILD_VIEW
from kg.pipeline import GRAPH_HTML, LOCK_FILE
from kg.types import Document

ROWS = [
    {
        "id": "a1",
        "title": "Warren speaks in Boston",
        "date": "2025-10-26",
        "url": "https://news.example.org/a1",
        "section": "politics",
        "text": "Elizabeth Warren met Joe Biden in Boston on Thursday.",
    },
    {
        "id": "a2",
        "headline": "Li meets Scholz",
        "published": "Oct 27, 2025 09:30 UTC",
        "link": "https://news.example.org/a2",
        "body": "Li Qiang met Olaf Scholz in Berlin on Tuesday.",
    },
]


def read(paths, **options) -> tuple[list[Document], list[InputError], ReadLog]:
    log = ReadLog()
    items = list(read_documents([str(p) for p in paths], options=InputOptions(**options), log=log))
    documents = [i for i in items if isinstance(i, Document)]
    errors = [i for i in items if isinstance(i, InputError)]
    return documents, errors, log


def jsonl(path: Path, rows: list, extra_lines: tuple[str, ...] = ()) -> Path:
    lines = [json.dumps(row) if not isinstance(row, str) else row for row in rows]
    path.write_text("\n".join([*lines, *extra_lines]) + "\n", encoding="utf-8")
    return path


def one_line(error: InputError, prefix: str) -> None:
    assert str(error).startswith(prefix + ": "), str(error)
    assert "\n" not in str(error)


# --- document identity -------------------------------------------------------------------------


def test_document_id_hashes_the_text_alone_without_a_date_and_with_the_date_otherwise():
    text = "Trump met Xi."
    assert document_id(text) == hashlib.sha256(text.encode()).hexdigest()
    dated = document_id(text, "2025-10-26")
    assert dated != document_id(text)
    assert dated != document_id(text, "2025-10-27")
    assert dated == document_id(text, "2025-10-26")


def test_the_same_text_dated_differently_is_two_documents(tmp_path):
    rows = [{"text": "Talks resume on Thursday.", "date": d} for d in ("2025-10-26", "2025-11-02")]
    rows.append({"text": "Talks resume on Thursday.", "date": "2025-10-26"})  # a repeat
    documents, errors, log = read([jsonl(tmp_path / "c.jsonl", rows)])
    assert not errors
    assert [d.date for d in documents] == ["2025-10-26", "2025-11-02"]
    assert log.documents == 2


# --- JSON Lines ------------------------------------------------------------------------------


def test_jsonl_rows_are_documents_with_their_metadata(tmp_path):
    path = jsonl(tmp_path / "corpus.jsonl", ROWS)
    documents, errors, log = read([path], keep_fields=("section",))
    assert not errors
    first, second = documents
    assert first.text == ROWS[0]["text"]
    assert first.source == f"{path}#a1"
    assert first.title == "Warren speaks in Boston"
    assert first.date == "2025-10-26"
    assert first.url == "https://news.example.org/a1"
    assert first.metadata == (("id", "a1"), ("section", "politics"))
    assert first.id == document_id(ROWS[0]["text"], "2025-10-26")
    # The other usual names: headline, published, link, body.
    assert second.text == ROWS[1]["body"]
    assert (second.title, second.url) == ("Li meets Scholz", "https://news.example.org/a2")
    assert second.date == "2025-10-27T09:30:00+00:00"
    assert second.metadata == (("id", "a2"),)  # no section column in this row
    for document in documents:  # no field name or other column is text
        for word in ("title", "url", "section", "politics", "http", "{", '"'):
            assert word not in document.text
    assert (log.files, log.documents, log.skipped) == (1, 2, [])


def test_a_jsonl_row_without_an_id_is_named_by_its_line(tmp_path):
    path = jsonl(tmp_path / "c.jsonl", [{"text": "First."}, "", {"text": "Third line."}])
    documents, _, _ = read([path])
    assert [d.source for d in documents] == [f"{path}:1", f"{path}:3"]


def test_broken_rows_are_one_line_errors_naming_file_and_row_and_the_others_still_read(tmp_path):
    path = jsonl(
        tmp_path / "corpus.jsonl",
        [
            ROWS[0],
            '{"id": "x", "text": "unterminated',
            {"id": "no-text", "title": "Only a title", "url": "https://example.org"},
            ["an", "array"],
            {"id": "blank", "text": "   "},
            {"id": "number", "text": 42},
            ROWS[1],
        ],
    )
    documents, errors, log = read([path])
    assert [d.source for d in documents] == [f"{path}#a1", f"{path}#a2"]
    assert [e.source for e in errors] == [f"{path}:{n}" for n in (2, 3, 4, 5, 6)]
    for error in errors:
        one_line(error, f"{path}:{error.source.rsplit(':', 1)[1]}")
    assert "not valid JSON" in str(errors[0])
    assert "no text field (looked for text, body, content, article)" in str(errors[1])
    assert "the row has: id, title, url" in str(errors[1])
    assert "not a JSON object" in str(errors[2])
    assert "empty text" in str(errors[3])
    assert "holds not text: 42" in str(errors[4])
    assert log.files == 1


def test_a_named_text_field_is_the_only_one_looked_for(tmp_path):
    path = jsonl(tmp_path / "c.jsonl", [{"text": "Not this.", "Story": "Merkel met Macron."}])
    documents, errors, _ = read([path], text_field="story")
    assert [d.text for d in documents] == ["Merkel met Macron."]
    documents, errors, _ = read([path], text_field="missing")
    assert not documents
    assert "no 'missing' field; the row has: text, Story" in str(errors[0])


def test_a_text_file_named_jsonl_is_one_error_not_one_per_line(tmp_path):
    path = tmp_path / "notes.jsonl"
    path.write_text("".join(f"Line {n} of plain prose.\n" for n in range(50)), encoding="utf-8")
    documents, errors, _ = read([path])
    assert not documents
    (error,) = errors
    one_line(error, str(path))
    assert "not JSON Lines" in str(error)


def test_max_bytes_limits_each_row_not_the_corpus(tmp_path):
    path = jsonl(
        tmp_path / "c.jsonl", [{"text": "Short one."}, {"text": "x" * 500}, {"text": "Short two."}]
    )
    log = ReadLog()
    items = list(read_documents([str(path)], max_bytes=200, log=log))
    assert [i.text for i in items if isinstance(i, Document)] == ["Short one.", "Short two."]
    (error,) = [i for i in items if isinstance(i, InputError)]
    assert str(error).startswith(f"{path}:2: row too large")


def test_a_repeated_id_is_a_warning_and_the_row_is_named_by_its_line(tmp_path):
    path = jsonl(tmp_path / "c.jsonl", [{"id": "7", "text": "One."}, {"id": 7, "text": "Two."}])
    documents, errors, log = read([path])
    assert not errors
    assert [d.source for d in documents] == [f"{path}#7", f"{path}:2"]
    (warning,) = log.warnings
    assert warning.startswith(f"{path}:2: id '7' is also the id of row 1")


def test_a_json_array_of_objects_is_a_corpus(tmp_path):
    path = tmp_path / "corpus.json"
    path.write_text(json.dumps([ROWS[0], {"title": "no text"}], indent=2), encoding="utf-8")
    documents, errors, _ = read([path])
    assert [d.source for d in documents] == [f"{path}#a1"]
    assert [e.source for e in errors] == [f"{path}:2"]


# --- dates -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2025-10-26", "2025-10-26"),
        ("26 October 2025", "2025-10-26"),
        ("Sun, 26 Oct 2025 09:30:00 GMT", "2025-10-26T09:30:00+00:00"),
        ("2025-10-26T09:30:00Z", "2025-10-26T09:30:00+00:00"),
        ("2025-10-26 09:30", "2025-10-26T09:30:00"),
        ("2025-10-26T00:00:00+02:00", "2025-10-26T00:00:00+02:00"),
    ],
)
def test_dates_are_iso_8601(written, iso):
    assert normalise_date(written) == iso


@pytest.mark.parametrize("written", ["soon", "October 2025", "2025", "last Thursday"])
def test_a_date_that_is_not_a_full_day_is_refused_not_completed(written):
    with pytest.raises(ValueError):
        normalise_date(written)


def test_an_unreadable_date_keeps_the_document_without_it_and_warns(tmp_path):
    path = jsonl(tmp_path / "c.jsonl", [{"text": "Dated oddly.", "date": "next spring"}])
    (document,), errors, log = read([path])
    assert not errors and document.date == ""
    assert document.id == document_id("Dated oddly.")
    (warning,) = log.warnings
    assert warning.startswith(f"{path}:1: 'next spring' cannot be read as a date")
    assert "\n" not in warning


# --- CSV and TSV -----------------------------------------------------------------------------


def test_csv_rows_with_a_semicolon_dialect_quoted_text_and_any_case_headers(tmp_path):
    path = tmp_path / "corpus.csv"
    path.write_text(
        "ID;Title;Date;Text;Section;Ignored\n"
        'c1;One;2025-10-26;"Macron met Scholz; they talked.\n\nA second paragraph.";world;x\n'
        "c2;Two;26 October 2025;Merkel retired.;politics;y\n"
        "\n"
        "c3;Three;2025-10-28;;world;z\n"
        "c4;Four;2025-10-29;Too many fields.;world;z;extra\n",
        encoding="utf-8",
    )
    documents, errors, log = read([path], keep_fields=("section",))
    assert [d.source for d in documents] == [f"{path}#c1", f"{path}#c2"]
    assert documents[0].text == "Macron met Scholz; they talked.\n\nA second paragraph."
    assert documents[0].metadata == (("id", "c1"), ("section", "world"))
    assert [d.date for d in documents] == ["2025-10-26", "2025-10-26"]
    assert [d.title for d in documents] == ["One", "Two"]
    # Data rows are counted after the header; the blank line is row 3.
    assert [e.source for e in errors] == [f"{path}:4", f"{path}:5"]
    assert "empty text" in str(errors[0])
    assert "7 fields, but the header names 6" in str(errors[1])
    assert not any("Ignored" in d.text or d.text == "x" for d in documents)
    assert log.files == 1


def test_tsv_with_a_byte_order_mark_and_a_long_text(tmp_path):
    path = tmp_path / "corpus.tsv"
    long_text = "Olaf Scholz spoke. " * 10_000  # past the csv module's default field limit
    path.write_bytes(("\ufefftext\ttitle\n" + long_text + "\tLong\n").encode("utf-8"))
    (document,), errors, _ = read([path])
    assert not errors
    assert (document.text, document.title) == (long_text, "Long")
    assert document.source == f"{path}:1"


def test_a_csv_without_a_text_column_is_one_error_for_the_file(tmp_path):
    path = tmp_path / "people.csv"
    path.write_text("name,born\nAngela Merkel,1954\nOlaf Scholz,1958\n", encoding="utf-8")
    documents, errors, _ = read([path])
    assert not documents
    (error,) = errors
    one_line(error, str(path))
    assert "the header has: name, born; name the text column with --text-field" in str(error)


# --- HTML ------------------------------------------------------------------------------------

PAGE = """<!DOCTYPE html>
<html lang="en"><head>
<meta charset="utf-8">
<title>Macron meets Scholz | Example News</title>
<meta property="og:title" content="Macron meets Scholz in Berlin">
<meta property="article:published_time" content="2025-10-26T09:30:00+00:00">
<link rel="canonical" href="https://news.example.org/2025/10/macron-scholz">
<script>var analytics = "tracking-code"; window.dataLayer = [];</script>
<style>body{font-family:serif} .menu{color:red}</style>
</head><body>
<nav class="menu"><ul><li><a href="/">Home page</a></li><li><a href="/world">World news</a></li>
<li><a href="/sport">Sport results</a></li></ul></nav>
<article>
<h1>Macron meets Scholz in Berlin</h1>
<p>Emmanuel Macron met Olaf Scholz in Berlin on Thursday to discuss the European budget and
the future of the defence industry.</p>
<p>The two leaders agreed that the talks would continue in Paris next month, according to a
joint statement released by both governments.</p>
</article>
<footer><p>Copyright 2025 Example News. All rights reserved. Contact the newsroom.</p></footer>
<script>trackPageView("macron-scholz");</script>
</body></html>
"""


def test_html_gives_the_article_and_the_pages_metadata_and_nothing_else(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    (document,), errors, _ = read([path])
    assert not errors
    assert "Emmanuel Macron met Olaf Scholz in Berlin on Thursday" in document.text
    assert "joint statement released by both governments." in document.text
    for never in (
        "analytics",
        "tracking",
        "dataLayer",
        "font-family",
        "trackPageView",
        "Home page",
        "Sport results",
        "Copyright",
        "<",
        "{",
    ):
        assert never not in document.text, never
    assert "\n\n" in document.text  # paragraphs stay paragraphs
    assert document.title == "Macron meets Scholz in Berlin"
    assert document.date == "2025-10-26T09:30:00+00:00"
    assert document.url == "https://news.example.org/2025/10/macron-scholz"


def test_html_is_recognised_by_its_content_without_an_extension_or_in_a_txt(tmp_path):
    bare = tmp_path / "page"
    bare.write_text(PAGE, encoding="utf-8")
    named = tmp_path / "saved.txt"
    named.write_text(PAGE, encoding="utf-8")
    for path in (bare, named):
        document = read_document(str(path))
        assert "Emmanuel Macron met Olaf Scholz" in document.text
        assert "analytics" not in document.text and document.url.startswith("https://")


def test_an_html_page_without_text_is_a_one_line_error(tmp_path):
    path = tmp_path / "empty.html"
    path.write_text("<html><head><script>x()</script></head><body></body></html>", "utf-8")
    (error,) = read([path])[1]
    one_line(error, str(path))
    assert "no main text" in str(error)


# --- PDF -------------------------------------------------------------------------------------


def make_pdf(pages: list[list[str]], info: bytes = b"") -> bytes:
    """A minimal PDF written by hand: one Helvetica text stream per page, an info dictionary."""
    objects = [b"<< /Type /Catalog /Pages 2 0 R >>"]
    kids = " ".join(f"{4 + 2 * k} 0 R" for k in range(len(pages)))
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {len(pages)} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for k, lines in enumerate(pages):
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
            b"/Resources << /Font << /F1 3 0 R >> >> /Contents " + f"{5 + 2 * k} 0 R >>".encode()
        )
        shown = b" ".join(b"(" + line.encode("latin-1") + b") Tj T*" for line in lines)
        ops = b"BT /F1 12 Tf 72 720 Td 14 TL " + shown + b" ET"
        objects.append(f"<< /Length {len(ops)} >>\nstream\n".encode() + ops + b"\nendstream")
    if info:
        objects.append(info)
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    trailer = f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R"
    if info:
        trailer += f" /Info {len(objects)} 0 R"
    out += f"{trailer} >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


SUMMIT_PDF = make_pdf(
    [
        ["Emmanuel Macron met Olaf Scholz in Berlin.", "They discussed the budget."],
        ["The talks continue in Paris."],
    ],
    info=b"<< /Title (Summit report) /CreationDate (D:20251026093000Z) >>",
)


def test_pdf_text_of_every_page_and_its_title_and_date(tmp_path):
    path = tmp_path / "report.pdf"
    path.write_bytes(SUMMIT_PDF)
    document = read_document(str(path))
    assert document.text == (
        "Emmanuel Macron met Olaf Scholz in Berlin.\nThey discussed the budget.\n\n"
        "The talks continue in Paris."
    )
    assert document.title == "Summit report"
    assert document.date == "2025-10-26T09:30:00+00:00"
    for never in ("BT", "Tj", "Helvetica", "obj"):
        assert never not in document.text


def test_a_pdf_is_recognised_by_its_content(tmp_path):
    path = tmp_path / "download"
    path.write_bytes(SUMMIT_PDF)
    assert read_document(str(path)).title == "Summit report"


def test_broken_and_encrypted_pdfs_are_one_line_errors(tmp_path):
    from pypdf import PdfReader, PdfWriter

    broken = tmp_path / "broken.pdf"
    broken.write_bytes(SUMMIT_PDF[:300])
    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(SUMMIT_PDF)).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    encrypted = tmp_path / "locked.pdf"
    with encrypted.open("wb") as handle:
        writer.write(handle)
    good = tmp_path / "good.pdf"
    good.write_bytes(SUMMIT_PDF)
    documents, errors, _ = read([broken, encrypted, good])
    assert [d.source for d in documents] == [str(good)]
    assert [e.source for e in errors] == [str(broken), str(encrypted)]
    one_line(errors[0], str(broken))
    assert "cannot be read as PDF" in str(errors[0])
    one_line(errors[1], str(encrypted))
    assert "encrypted PDF" in str(errors[1])


def test_a_pdf_without_text_says_so(tmp_path):
    path = tmp_path / "scan.pdf"
    path.write_bytes(make_pdf([[]]))
    (error,) = read([path])[1]
    assert "without a text layer" in str(error)


# --- Markdown --------------------------------------------------------------------------------

MARKDOWN = """---
title: "Summit notes"
date: 2025-10-26
tags: [trade, europe]
---
# Summit in *Berlin*

**Emmanuel Macron** met [Olaf Scholz](https://example.org/scholz) on Thursday.
The talks were _friendly_ ![a photo](photo.png) and `productive`.

## Next steps

- Talks continue in [Paris](https://example.org/paris).
- A statement follows.

```
print("code is not prose")
```

<div class="ad">Buy now</div>
"""


def test_markdown_markup_is_stripped_and_blocks_stay_paragraphs(tmp_path):
    path = tmp_path / "notes.md"
    path.write_text(MARKDOWN, encoding="utf-8")
    document = read_document(str(path))
    assert document.text.split("\n\n") == [
        "Summit in Berlin",
        "Emmanuel Macron met Olaf Scholz on Thursday. The talks were friendly and productive.",
        "Next steps",
        "Talks continue in Paris.",
        "A statement follows.",
    ]
    for never in ("](", "http", "**", "*", "#", "`", "photo", "code is not prose", "Buy now"):
        assert never not in document.text, never
    assert (document.title, document.date) == ("Summit notes", "2025-10-26")
    assert "title" not in document.text and "tags" not in document.text


# --- formats by extension and content --------------------------------------------------------


def test_a_txt_holding_json_lines_is_text_unless_the_format_is_forced(tmp_path):
    path = jsonl(tmp_path / "rows.txt", ROWS)
    (document,), _, _ = read([path])
    assert document.text.startswith('{"id": "a1"')
    documents, errors, _ = read([path], format="jsonl")
    assert not errors and [d.text for d in documents] == [ROWS[0]["text"], ROWS[1]["body"]]


def test_an_extension_less_json_lines_file_named_directly_is_read_as_rows(tmp_path):
    path = jsonl(tmp_path / "export", ROWS)
    documents, errors, _ = read([path])
    assert not errors and [d.source for d in documents] == [f"{path}#a1", f"{path}#a2"]


def test_read_document_refuses_a_corpus_of_rows(tmp_path):
    path = jsonl(tmp_path / "c.jsonl", ROWS)
    with pytest.raises(InputError, match="one document per row"):
        read_document(str(path))


def test_an_unknown_input_format_is_refused():
    with pytest.raises(ValueError, match="unknown input format 'docx'"):
        InputOptions(format="docx")


# --- folders: what is read, what is skipped, what fails ------------------------------------


def test_a_folder_reads_every_supported_format_and_reports_every_other_file(tmp_path):
    (tmp_path / "a.txt").write_text("Plain text here.", encoding="utf-8")
    jsonl(tmp_path / "b.jsonl", ROWS)
    (tmp_path / "c.html").write_text(PAGE, encoding="utf-8")
    (tmp_path / "d.pdf").write_bytes(SUMMIT_PDF)
    (tmp_path / "e.md").write_text(MARKDOWN, encoding="utf-8")
    (tmp_path / "f.csv").write_text("text\nA row of text.\n", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    (tmp_path / "page").write_text(PAGE, encoding="utf-8")  # no extension, HTML by content
    (tmp_path / "LICENSE").write_text("Permission is granted.", encoding="utf-8")
    (tmp_path / ".DS_Store").write_bytes(b"\x00\x01")
    build = tmp_path / "out"  # an earlier build written inside the folder
    build.mkdir()
    (build / LOCK_FILE).write_text("")
    (build / GRAPH_HTML).write_text(PAGE, encoding="utf-8")
    documents, errors, log = read([tmp_path])
    assert not errors
    assert [Path(d.source.split("#")[0].split(":")[0]).name for d in documents] == [
        "a.txt",
        "b.jsonl",
        "b.jsonl",
        "c.html",
        "d.pdf",
        "e.md",
        "f.csv",
    ]  # "page" has the text of c.html: read once
    skipped = {Path(path).name: reason for path, reason in log.skipped}
    assert skipped == {
        ".DS_Store": "hidden",
        "LICENSE": "no file extension, and not HTML, PDF or JSON Lines by its content "
        "(name it .txt to read it as text)",
        "out": "kg's own output (a build folder)",
        "photo.png": "not a supported input: .png",
    }
    assert (log.files, log.documents) == (7, 7)  # "page" is read, its text is a repeat


def test_the_build_marker_is_the_pipelines_lock_file():
    assert (BUILD_MARKER, BUILD_VIEW) == (LOCK_FILE, GRAPH_HTML)


def test_unreadable_files_are_named_and_do_not_stop_the_others(tmp_path):
    (tmp_path / "good.md").write_text("# Title\n\nMerkel met Macron.", encoding="utf-8")
    (tmp_path / "gone.jsonl").symlink_to(tmp_path / "nowhere.jsonl")
    os.mkfifo(tmp_path / "pipe.csv")
    locked = tmp_path / "locked.txt"
    locked.write_text("Secret.", encoding="utf-8")
    locked.chmod(0)
    try:
        documents, errors, log = read([tmp_path])
    finally:
        locked.chmod(0o644)
    root = os.geteuid() == 0  # root reads any file
    assert [d.text for d in documents] == ["Title\n\nMerkel met Macron."] + ["Secret."] * root
    reasons = {Path(e.source).name: e.reason for e in errors}
    assert reasons["gone.jsonl"].startswith("dangling symbolic link")
    assert reasons["pipe.csv"] == "not a regular file (a FIFO)"
    if not root:
        assert reasons["locked.txt"] == "cannot be read (Permission denied)"
    assert log.files == len(documents)


# --- one sentence per line keeps the document's date -----------------------------------------


def test_one_sentence_per_line_documents_keep_the_rows_date(tmp_path):
    from kg.facts import _documents

    path = jsonl(tmp_path / "c.jsonl", [{"id": "r", "date": "2025-10-26", "text": "One.\nTwo."}])
    lines = list(_documents([str(path)], True, lambda error: None))
    assert [(d.source, d.text, d.date) for d in lines] == [
        (f"{path}#r:1", "One.", "2025-10-26"),
        (f"{path}#r:2", "Two.", "2025-10-26"),
    ]
    assert lines[0].id == document_id("One.", "2025-10-26")


# --- end to end through the CLI --------------------------------------------------------------


def test_kg_build_of_a_corpus_with_a_broken_row_builds_the_others_and_fails(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    corpus = jsonl(folder / "corpus.jsonl", [ROWS[0], '{"text": broken', ROWS[1]])
    (folder / "photo.png").write_bytes(b"\x89PNG\x00")
    out = tmp_path / "out"
    result = run_kg("build", str(folder), "-o", str(out), "--no-view")
    assert result.returncode == 1, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error: ")]
    assert errors[0] == f"kg: error: {corpus}:2: not valid JSON (Expecting value at column 10)"
    assert f"kg: skipped: {folder / 'photo.png'} (not a supported input: .png)" in result.stderr
    assert "read 1 file (2 documents), skipped 1" in result.stdout
    assert "Traceback" not in result.stderr
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert "Elizabeth Warren met Joe Biden in Boston on Thursday." in trig
    assert "Li Qiang met Olaf Scholz in Berlin on Tuesday." in trig
    assert "broken" not in trig
    query = run_kg(
        "query",
        str(out),
        "SELECT ?label WHERE { ?e <http://www.w3.org/2000/01/rdf-schema#label> ?label }",
        "--format",
        "csv",
    )
    labels = set(query.stdout.split())
    assert {"title", "url", "text", "section"}.isdisjoint(labels)


def test_kg_build_of_a_folder_with_only_skips_exits_zero(tmp_path):
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "a.csv").write_text(
        "Headline,Story\nSummit,Angela Merkel met Emmanuel Macron in Paris.\n", encoding="utf-8"
    )
    (corpus / "b.png").write_bytes(b"\x89PNG\x00")
    result = run_kg(
        "build", str(corpus), "-o", str(tmp_path / "out"), "--no-view", "--text-field", "story"
    )
    assert result.returncode == 0, result.stderr
    assert "read 1 file (1 document), skipped 1" in result.stdout
    assert result.stderr.strip() == f"kg: skipped: {corpus / 'b.png'} (not a supported input: .png)"


def test_kg_extract_reads_a_csv_corpus_with_its_input_flags(tmp_path):
    corpus = tmp_path / "c.csv"
    corpus.write_text(
        "key,Story,when\nr1,Angela Merkel met Emmanuel Macron in Paris.,someday\n",
        encoding="utf-8",
    )
    result = run_kg(
        "extract", str(corpus), "--text-field", "Story", "--id-field", "key", "--date-field", "when"
    )
    assert result.returncode == 0, result.stderr
    assert f"kg: warning: {corpus}:1: 'someday' cannot be read as a date" in result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert records and all("Merkel" in r["sentence"] for r in records)
    bad = run_kg("extract", str(corpus), "--input-format", "docx")
    assert bad.returncode == 2 and "unknown input format 'docx'" in bad.stderr


def test_json_lines_on_stdin_are_recognised_by_their_content(tmp_path):
    rows = "".join(json.dumps(row) + "\n" for row in ROWS)
    result = run_kg("extract", "-", "--format", "tsv", stdin=rows)
    assert result.returncode == 0, result.stderr
    header, *rows = result.stdout.splitlines()
    column = header.split("\t").index("sentence")
    sentences = {line.split("\t")[column] for line in rows}
    assert sentences == {ROWS[0]["text"], ROWS[1]["body"]}
