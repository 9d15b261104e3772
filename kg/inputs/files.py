"""Paths to files: folders walked, what cannot be opened named, what is not read reported."""

from __future__ import annotations

import errno
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from kg.errors import InputError

STDIN = "-"
# The source name of a document read from stdin. It names no file, so it says nothing about
# which earlier document a new one replaces: every stdin document is a document of its own.
STDIN_SOURCE = "<stdin>"

# What a format is recognised by in its first bytes: enough for a JSON Lines first line.
HEAD_BYTES = 65536

# A folder holding this file is a kg build folder (kg.buildfolder.LOCK_FILE): its graph.html
# (kg.buildfolder.GRAPH_HTML) is kg's own output, never an input.
BUILD_MARKER = ".kg.lock"
BUILD_VIEW = "graph.html"

Skip = Callable[[str, str], None]


def expand_paths(
    paths: Iterable[str],
    *,
    suffixes: Iterable[str],
    recognise: Callable[[bytes], str | None] = lambda head: None,
    on_skip: Skip | None = None,
) -> Iterator[str | InputError]:
    """Files named directly, files with one of SUFFIXES found in folders (sorted), or '-'.

    Every other entry of a folder is reported to ON_SKIP with the reason it is not read (hidden,
    another file type, a kg build folder); an entry without a suffix is read when RECOGNISE
    names a format for its first bytes. What a folder holds but cannot be read is an InputError
    naming it, never a silent skip: a folder that cannot be listed, and an entry with a
    supported suffix that is not a regular file (a FIFO, a device, a dangling link, a link
    loop). Links to folders are followed once each.
    """
    wanted = frozenset(suffixes)
    report = on_skip or (lambda path, reason: None)
    for raw in paths:
        if raw == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, set(), wanted, recognise, report, top=True)
        else:
            yield raw


def _walk(
    folder: Path,
    seen: set[tuple[int, int]],
    wanted: frozenset[str],
    recognise: Callable[[bytes], str | None],
    report: Skip,
    *,
    top: bool = False,
) -> Iterator[str | InputError]:
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
    build_folder = any(entry.name == BUILD_MARKER for entry in entries)
    if build_folder and not top:
        report(str(folder), "kg's own output (a build folder)")
        return
    for entry in entries:
        child = Path(entry.path)
        if entry.name.startswith("."):
            if entry.name != BUILD_MARKER:
                report(str(child), "hidden")
            continue
        try:
            is_folder = entry.is_dir()  # follows links
        except OSError:
            is_folder = False
        if is_folder:
            yield from _walk(child, seen, wanted, recognise, report)
            continue
        suffix = Path(entry.name).suffix.lower()
        if build_folder and entry.name == BUILD_VIEW:
            report(str(child), "kg's own output (the view of the build in this folder)")
            continue
        problem = not_a_regular_file(child)
        if suffix in wanted:
            yield str(child) if problem is None else InputError(str(child), problem)
        elif suffix:
            report(str(child), f"not a supported input: {suffix}")
        elif problem is not None:
            report(str(child), problem)
        elif _recognised(child, recognise):
            yield str(child)
        else:
            report(
                str(child),
                "no file extension, and not HTML, PDF or JSON Lines by its content "
                "(name it .txt to read it as text)",
            )


def _recognised(path: Path, recognise: Callable[[bytes], str | None]) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with open(fd, "rb") as handle:
            return recognise(handle.read(HEAD_BYTES)) is not None
    except OSError:
        return True  # read it: the read says what is wrong, as an error that names it


def not_a_regular_file(path: Path) -> str | None:
    """Why PATH (a link is followed) cannot be read as a file, or None if it can."""
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


def open_input(source: str) -> tuple[str, IO[bytes], int | None]:
    """SOURCE opened for reading: its name for messages, a buffered stream whose ``peek`` shows
    the first HEAD_BYTES, and its size (None for stdin). Raises InputError naming it."""
    if source == STDIN:
        stream = sys.stdin.buffer
        if not hasattr(stream, "peek"):
            stream = io.BufferedReader(stream, HEAD_BYTES)
        return STDIN_SOURCE, stream, None
    path = Path(source)
    problem = not_a_regular_file(path)
    if problem is not None:
        raise InputError(source, problem)
    try:
        # O_NONBLOCK: if the file was swapped for a FIFO since the check, opening it does not
        # wait for a writer.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        raw = open(fd, "rb", buffering=0)  # noqa: SIM115 (the caller closes the stream)
        info = os.fstat(raw.fileno())
        if not stat.S_ISREG(info.st_mode):
            raw.close()
            raise InputError(source, "not a regular file")
    except OSError as error:
        raise InputError(source, f"cannot be read ({error.strerror})") from None
    return source, io.BufferedReader(raw, HEAD_BYTES), info.st_size


def read_all(stream: IO[bytes], name: str, size: int | None, max_bytes: int) -> bytes:
    """The whole of STREAM, refused (before reading when the size is known) past MAX_BYTES."""
    if size is not None and size > max_bytes:
        raise InputError(name, f"too large ({size:,} bytes; the limit is {max_bytes:,})")
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(name, f"too large (over the limit of {max_bytes:,} bytes)")
    return data


def head_of(stream: IO[bytes]) -> bytes:
    """The first bytes of STREAM, not consumed."""
    # open_input's streams are buffered (io.BufferedReader, which peeks); IO[bytes] says less.
    head: bytes = stream.peek(HEAD_BYTES)[:HEAD_BYTES]  # type: ignore[attr-defined]
    return head
