"""The read stage: paths and stdin to ``Document``s, with every way a file can be unusable turned
into a one-line ``InputError`` that names it, so one bad file never stops the others."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
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
# The source name of a document read from stdin. It names no file, so it says nothing about
# which earlier document a new one replaces: every stdin document is a document of its own.
STDIN_SOURCE = "<stdin>"

# Byte order marks that say how a text is encoded, longest first (UTF-32's starts like UTF-16's).
# Windows tools write UTF-16 with a BOM; its NUL bytes must not get it called binary.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def document_id(text: str) -> str:
    """The content hash that names a document: the same text is the same document wherever it is."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def decode_text(data: bytes, source: str) -> str:
    """Bytes to text: UTF-8, or the UTF-16/UTF-32 its byte order mark names (the BOM is dropped),
    else an InputError that says where it failed."""
    encoding = "utf-8"
    for bom, name in _BOMS:
        if data.startswith(bom):
            encoding, data = name, data[len(bom) :]
            break
    if encoding == "utf-8" and b"\x00" in data[:_BINARY_SNIFF_BYTES]:
        raise InputError(source, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as error:
        raise InputError(
            source,
            f"not {encoding.upper()} text (byte 0x{data[error.start]:02x} at offset "
            f"{error.start}); convert it, e.g. with iconv -t utf-8",
        ) from None
    if not text.strip():
        raise InputError(source, "empty file (no text to read)")
    return text


def expand_paths(paths: Iterable[str]) -> Iterator[str | InputError]:
    """Files named directly, text files found in folders (sorted, hidden ones skipped), or '-'.

    What a folder holds but cannot be read is an InputError naming it, never a silent skip: a
    folder that cannot be listed, and a *.txt/*.md/*.text entry that is not a regular file (a
    FIFO, a device, a dangling link, a link loop). Links to folders are followed once each.
    """
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, set())
        else:
            yield raw


def _walk(folder: Path, seen: set[tuple[int, int]]) -> Iterator[str | InputError]:
    try:
        info = folder.stat()
        if (info.st_dev, info.st_ino) in seen:
            return  # a link back to a folder already read
        seen.add((info.st_dev, info.st_ino))
        with os.scandir(folder) as listing:
            entries = sorted(listing, key=lambda entry: entry.name)
    except OSError as error:
        yield InputError(str(folder), f"folder cannot be read ({error.strerror})")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        child = Path(entry.path)
        try:
            is_folder = entry.is_dir()  # follows links
        except OSError:
            is_folder = False
        if is_folder:
            yield from _walk(child, seen)
        elif Path(entry.name).suffix.lower() in TEXT_SUFFIXES:
            problem = _not_a_regular_file(child)
            yield str(child) if problem is None else InputError(str(child), problem)


def _not_a_regular_file(path: Path) -> str | None:
    """Why PATH (a link is followed) cannot be read as a text file, or None if it can."""
    try:
        mode = path.stat().st_mode
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "symbolic link loop"
        if error.errno == errno.ENOENT:
            if path.is_symlink():
                return f"dangling symbolic link (to {os.readlink(path)})"
            return "no such file or folder"
        return f"cannot be read ({error.strerror})"
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "not a regular file (a FIFO)"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "not a regular file (a device)"
    return "not a regular file"


def read_document(source: str, *, max_bytes: int = DEFAULT_MAX_BYTES) -> Document:
    """Read one file (or stdin for '-') as a Document, or raise InputError naming it."""
    if source == STDIN:
        data = sys.stdin.buffer.read(max_bytes + 1)
        name = STDIN_SOURCE
    else:
        path = Path(source)
        name = source
        problem = _not_a_regular_file(path)
        if problem is not None:
            raise InputError(name, problem)
        try:
            # O_NONBLOCK: if the file was swapped for a FIFO since the check, opening it does not
            # wait for a writer.
            fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
            with open(fd, "rb") as handle:
                info = os.fstat(handle.fileno())
                if not stat.S_ISREG(info.st_mode):
                    raise InputError(name, "not a regular file")
                size = info.st_size
                if size > max_bytes:
                    raise InputError(
                        name, f"too large ({size:,} bytes; the limit is {max_bytes:,})"
                    )
                data = handle.read(max_bytes + 1)
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
        if isinstance(source, InputError):
            yield source
            continue
        try:
            document = read_document(source, max_bytes=max_bytes)
        except InputError as error:
            yield error
            continue
        if document.id in seen:
            continue
        seen.add(document.id)
        yield document
