"""Atomic writes: a file is replaced all or nothing. The new content goes to a temporary file in
the same folder, flushed and fsynced, then renamed over the old one, so a reader never sees half
a file and a failure part-way leaves the previous file untouched. ``kg export``, ``kg view`` and
the build (which renames several files at once, with a journal: kg/buildfolder.py) all write this
way."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import IO


def write_temp(path: Path, chunks: Iterable[bytes], folder: Path | None = None) -> Path:
    """``chunks`` in a new temporary file beside ``path`` (or in ``folder``, which must be on
    the same file system), flushed and fsynced to disk, ready to be renamed to ``path``."""

    def write(handle: IO[bytes]) -> None:
        for chunk in chunks:
            handle.write(chunk)

    return fill_temp(path, write, folder)


def fill_temp(path: Path, fill: Callable[[IO[bytes]], None], folder: Path | None = None) -> Path:
    """A new temporary file beside ``path`` (or in ``folder``) that ``fill`` writes, flushed and
    fsynced, ready to be renamed to ``path``; removed again if ``fill`` fails."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = tempfile.NamedTemporaryFile(  # noqa: SIM115 - closed below, kept on success
        dir=folder or path.parent, prefix=f".{path.name}.", suffix=".tmp", delete=False
    )
    temp = Path(handle.name)
    try:
        with handle:
            fill(handle)
            handle.flush()
            os.fsync(handle.fileno())
        # Keep the permissions a plain open() would give, not mkstemp's 0600.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    return temp


def _fsync_folder(folder: Path) -> None:
    # The rename itself is durable only once the folder entry is on disk.
    with contextlib.suppress(OSError):  # some file systems cannot open a folder for fsync
        fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def atomic_write(path: Path, chunks: Iterable[bytes]) -> None:
    """Replace ``path`` with ``chunks``, all or nothing: if writing fails the old file stays."""
    atomic_write_many({Path(path): chunks})


def atomic_write_many(files: Mapping[Path, Iterable[bytes]]) -> None:
    """Write every file to a temporary file first; rename them into place only when all are
    written, so a failure leaves every previous file untouched."""
    temps: list[tuple[Path, Path]] = []
    try:
        for path, chunks in files.items():
            temps.append((write_temp(Path(path), chunks), Path(path)))
    except BaseException:
        for temp, _ in temps:
            temp.unlink(missing_ok=True)
        raise
    replace_files(temps)


def replace_files(temps: Iterable[tuple[Path, Path]]) -> None:
    """Rename each written temporary file over its target, then make the renames durable."""
    targets = []
    for temp, path in temps:
        os.replace(temp, path)
        targets.append(path)
    for folder in {path.parent for path in targets}:
        _fsync_folder(folder)
