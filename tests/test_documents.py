"""The read stage: every unusable input is one named error, and the good ones still come through."""

from __future__ import annotations

from pathlib import Path

import pytest

from kg.documents import ReadLog, document_id, read_document, read_documents
from kg.errors import InputError


def write(path: Path, data: bytes) -> str:
    path.write_bytes(data)
    return str(path)


def test_utf8_with_bom_is_read_without_the_bom(tmp_path):
    source = write(tmp_path / "a.txt", "\ufeffTrump met Xi.".encode())
    document = read_document(source)
    assert document.text == "Trump met Xi."
    assert document.id == document_id("Trump met Xi.")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ("Café Müller".encode("latin-1"), "not UTF-8 text (byte 0xe9 at offset 3)"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00", "binary file"),
        (b"", "empty file"),
        (b"  \n\t\n", "empty file"),
    ],
)
def test_bad_file_gets_a_one_line_error_naming_it(tmp_path, data, reason):
    source = write(tmp_path / "bad.txt", data)
    with pytest.raises(InputError) as caught:
        read_document(source)
    message = str(caught.value)
    assert message.startswith(source + ": ")
    assert reason in message
    assert "\n" not in message


def test_too_large_file_is_refused_before_reading(tmp_path):
    source = write(tmp_path / "big.txt", b"word " * 100)
    with pytest.raises(InputError, match="too large"):
        read_document(source, max_bytes=100)


def test_folder_is_read_in_order_and_bad_files_do_not_stop_good_ones(tmp_path):
    write(tmp_path / "b.txt", b"Second text.")
    write(tmp_path / "a.txt", b"First text.")
    write(tmp_path / "c.txt", b"\xff\xfe broken")
    write(tmp_path / "image.png", b"\x89PNG\x00")  # not an input format: skipped, not an error
    (tmp_path / ".hidden").mkdir()
    write(tmp_path / ".hidden" / "d.txt", b"Hidden.")
    log = ReadLog()
    items = list(read_documents([str(tmp_path)], log=log))
    good = [i.text for i in items if not isinstance(i, InputError)]
    bad = [i.source for i in items if isinstance(i, InputError)]
    assert good == ["First text.", "Second text."]
    assert bad == [str(tmp_path / "c.txt")]
    # What is not read is said, with the reason.
    assert log.skipped == [
        (str(tmp_path / ".hidden"), "hidden"),
        (str(tmp_path / "image.png"), "not a supported input: .png"),
    ]
    assert (log.files, log.documents) == (2, 2)


def test_same_text_twice_is_one_document(tmp_path):
    one = write(tmp_path / "one.txt", b"Same words.")
    two = write(tmp_path / "two.txt", b"Same words.")
    assert len(list(read_documents([one, two]))) == 1


def test_missing_file_is_named(tmp_path):
    (item,) = read_documents([str(tmp_path / "nope.txt")])
    assert isinstance(item, InputError)
    assert "nope.txt: no such file" in str(item)
