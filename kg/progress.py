"""The progress bar of ``kg build``: the stage, documents done of the total, rate, time left.

The total is known before the build starts: ``count_documents`` counts the documents of the
inputs without parsing them (a file is one document; a JSON Lines corpus has one per non-blank
line, a CSV or TSV corpus one per record, a JSON array one per item). Counting reads each corpus
file once more, at the speed of the disk, next to a parse at a few thousand words a second: it
costs nothing a build could measure. Stdin can be read only once, so with ``-`` among the
inputs the bar has no total until reading ends. A row that turns out unreadable, or a text
read twice, is counted but never extracted: the count is an upper bound, and the bar is set
to the number of documents actually met when the extraction stage ends.
"""

from __future__ import annotations

import csv
import io
import json
import time
from collections.abc import Iterable
from typing import IO, Any

from kg.errors import InputError

STAGE_LABELS = {
    "counting": "counting documents",
    "extracting": "reading, parsing, extracting",
    "resolving": "resolving names, writing graphs",
    "writing": "writing graph.trig, graph.ttl, graph.html",
}


def count_documents(paths: Iterable[str], *, input_format: str = "auto") -> int | None:
    """How many documents PATHS hold, counted as the module says, or None when one of them is
    stdin. Unreadable files count as none (the build reports them)."""
    from kg.inputs import STDIN, TABLE_FORMATS, detect_format, expand_paths
    from kg.inputs.files import head_of, open_input

    total = 0
    for source in expand_paths(paths):
        if isinstance(source, InputError):
            continue
        if source == STDIN:
            return None
        try:
            _, stream, _ = open_input(source)
        except (OSError, InputError):
            continue
        try:
            fmt = detect_format(source, head_of(stream), input_format)
            total += _rows(stream, fmt) if fmt in TABLE_FORMATS else 1
        except (OSError, InputError, ValueError, UnicodeDecodeError):
            continue
        finally:
            stream.close()
    return total


def _rows(stream: IO[bytes], fmt: str) -> int:
    if fmt == "jsonl":
        return sum(1 for line in stream if line.strip())
    if fmt == "json":
        data = stream.read()
        try:
            value = json.loads(data)
        except ValueError:  # read as JSON Lines, as kg.inputs does
            return sum(1 for line in data.splitlines() if line.strip())
        return len(value) if isinstance(value, list) else 1
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
    delimiter = "\t" if fmt == "tsv" else ","
    return max(0, sum(1 for row in csv.reader(text, delimiter=delimiter) if row) - 1)


class BuildProgress:
    """A rich progress bar on stderr for a build: shown only when stderr is a terminal (logs
    and pipes stay clean) and not quiet. Stage names come from ``stage``; documents are counted
    by ``advance`` (extracted, unchanged or unreadable alike)."""

    def __init__(self, *, enabled: bool = True) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        console = Console(stderr=True)
        self.progress = Progress(
            SpinnerColumn(),
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("documents"),
            TextColumn("{task.fields[rate]}"),
            TextColumn("eta"),
            TimeRemainingColumn(),
            TimeElapsedColumn(),
            console=console,
            transient=True,
            disable=not (enabled and console.is_terminal),
        )
        self.task = self.progress.add_task(STAGE_LABELS["counting"], total=None, rate="")
        self.started = time.perf_counter()
        self.documents = 0
        self.sentences = 0

    def __enter__(self) -> BuildProgress:
        self.progress.__enter__()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.progress.__exit__(*exc)

    @property
    def enabled(self) -> bool:
        return not self.progress.disable

    def set_total(self, total: int | None) -> None:
        self.progress.update(self.task, total=total)

    def stage(self, name: str) -> None:
        if name == "extracting":
            self.started = time.perf_counter()
        else:
            # Extraction is over: what was met is the total, whatever the count said.
            done = self.progress.tasks[0].completed
            self.progress.update(self.task, total=done, completed=done)
        self.progress.update(self.task, description=STAGE_LABELS.get(name, name))

    def advance(self, sentences: int = 0) -> None:
        self.documents += 1
        self.sentences += sentences
        seconds = max(time.perf_counter() - self.started, 1e-9)
        rate = f"{self.documents / seconds:.1f}/s, {self.sentences / seconds:.0f} sentences/s"
        self.progress.update(self.task, advance=1, rate=rate)
