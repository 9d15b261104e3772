"""A build folder's promises: its file names, one build at a time (a lock), and never a mixed
build (the outputs renamed into place under a journal that the next build finishes if a crash
stopped this one between two renames); scratch folders of a stopped build are removed."""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from kg.errors import KgError

GRAPH_TURTLE = "graph.ttl"
GRAPH_TRIG = "graph.trig"
GRAPH_HTML = "graph.html"
LOCK_FILE = ".kg.lock"
# The renames of a build's last step, written before the first of them and removed after the
# last: a build that finds it finishes the renames of the one that was stopped between them.
COMMIT_FILE = ".kg-commit.json"
SCRATCH_PREFIX = ".kg-work-"

# Descriptors of the build locks this process holds (see build_lock).
_HELD_LOCKS: set[int] = set()


def forget_inherited_locks() -> None:
    """In a forked worker (kg/forked.py): close its copies of the build locks' descriptors. The
    lock stays the parent's: a flock is released only when its last descriptor closes."""
    for fd in _HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(fd)
    _HELD_LOCKS.clear()


@contextmanager
def build_lock(out_dir: Path, *, rebuild: bool = False) -> Iterator[None]:
    """An exclusive lock on the output folder: two builds into one folder cannot interleave.

    The lock is the kernel's (flock), held by an open descriptor: it goes when the process
    goes, however it ends, and the file left behind means nothing. Once it is held, what a build
    stopped by a crash left is dealt with (``_recover``): its renames are finished and its
    scratch folders removed. No live build can be using them: it would hold the lock.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    with open(out_dir / LOCK_FILE, "w") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise KgError(f"{out_dir}: another kg build is writing this folder") from None
        _HELD_LOCKS.add(handle.fileno())
        try:
            _recover(out_dir, rebuild=rebuild)
            yield
        finally:
            _HELD_LOCKS.discard(handle.fileno())
            fcntl.flock(handle, fcntl.LOCK_UN)


def commit_outputs(out: Path, temps: list[tuple[Path, Path]]) -> None:
    """Rename each finished temporary file over its target in OUT so that a crash between two
    renames cannot leave a mixed build (a new graph.trig beside an old graph.ttl) for good: the
    list of renames is made durable first, and the next build finishes it (``_recover``)."""
    from kg.atomic import replace_files, write_temp

    journal = {
        "renames": [
            {"from": os.path.relpath(temp, out), "to": target.name, "inode": temp.stat().st_ino}
            for temp, target in temps
        ]
    }
    replace_files(
        [(write_temp(out / COMMIT_FILE, [json.dumps(journal).encode()]), out / COMMIT_FILE)]
    )
    replace_files(temps)
    (out / COMMIT_FILE).unlink()


def _recover(out: Path, *, rebuild: bool) -> None:
    """Finish the renames of a build stopped between them, then remove scratch folders."""
    journal_path = out / COMMIT_FILE
    if journal_path.exists():
        try:
            renames = json.loads(journal_path.read_text(encoding="utf-8"))["renames"]
        except (ValueError, KeyError, TypeError):
            renames = None
        lost = renames is None
        for entry in renames or []:
            temp, target = out / entry["from"], out / entry["to"]
            if target.exists() and target.stat().st_ino == entry["inode"]:
                continue  # this one was renamed before the stop
            if temp.exists():
                os.replace(temp, target)
            else:
                lost = True
        if lost and not rebuild:
            raise KgError(
                f"{out}: an earlier build was stopped while replacing its files, and what it "
                "left cannot finish them; run kg build --rebuild"
            )
        journal_path.unlink()
    for scratch in out.glob(SCRATCH_PREFIX + "*"):
        shutil.rmtree(scratch, ignore_errors=True)
    # Store generations no reader holds but the current one: those a stopped build left before
    # its commit, and those readers held when the last build ended (kg/graphstore.py).
    from kg.graphstore import remove_old_generations

    remove_old_generations(out)
