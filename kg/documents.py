"""The read stage: paths and stdin to ``Document``s, with every way a file can be unusable turned
into a one-line ``InputError`` that names it, so one bad file never stops the others."""

from __future__ import annotations

import hashlib
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from kg.errors import InputError
from kg.types import Document

# A news article is a few kilobytes; a 10 MB "text" is almost always a mistake (a log, a dump)
# that would hold the parser for minutes. Overridable with --max-bytes.
DEFAULT_MAX_BYTES = 10_000_000

# A NUL byte does not occur in text files; it does in almost every binary format.
_BINARY_SNIFF_BYTES = 8192

# Files in a folder that are read as text; other suffixes (images, archives, our own output) are
# skipped without error so that `kg build docs/` does the obvious thing.
TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})

STDIN = "-"


def document_id(text: str) -> str:
    """The content hash that names a document: the same text is the same document wherever it is."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def decode_text(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8 (a BOM is dropped), else an InputError that says where it failed."""
    if b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InputError(
            source,
            f"not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start}); "
            "convert it, e.g. with iconv -t utf-8",
        ) from None
    if not text.strip():
        raise InputError(source, "empty file (no text to read)")
    return text


def expand_paths(paths: Iterable[str]) -> Iterator[str]:
    """Files named directly, text files found in folders (sorted, hidden ones skipped), or '-'."""
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in child.relative_to(path).parts)
                if child.is_file() and not hidden and child.suffix.lower() in TEXT_SUFFIXES:
                    yield str(child)
        else:
            yield raw


def read_document(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file (or stdin for '-') as a Document, or raise InputError naming it."""
    if source == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = "<stdin>"
    else:
        path = Path(source)
        name = source
        if not path.exists():
            raise InputError(name, "no such file or folder")
        if not path.is_file():
            raise InputError(name, "not a regular file")
        try:
            size = path.stat().st_size
            if size > max_bytes:
                raise InputError(name, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
            data = path.read_bytes()
        except OSError as error:
            raise InputError(name, f"cannot be read ({error.strerror})") from None
    if len(data) > max_bytes:
        raise InputError(name, f"too large (over the limit of {max_bytes:,} bytes)")
    text = decode_text(data, name)
    return Document(id=document_id(text), source=name, text=text)


def read_documents(
    paths: Iterable[str], *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Iterator[Document | InputError]:
    """Each input as a Document, or the InputError that explains why it cannot be one.

    The same text reached twice (two copies of one file) is read once: documents are named by
    their content, so the second would only repeat the first.
    """
    seen: set[str] = set()
    for source in expand_paths(paths):
        try:
            document = read_document(source, max_bytes=max_bytes)
        except InputError as error:
            yield error
            continue
        if document.id in seen:
            continue
        seen.add(document.id)
        yield document
