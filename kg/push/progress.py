"""The push progress file: which graphs an endpoint confirmed, with the hash of their content."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import TextIO

from kg.errors import KgError


def content_digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class ProgressFile:
    """Graphs the endpoint confirmed, one JSON line each, appended as they are confirmed.

    Appending (not rewriting a JSON document) keeps the cost per graph constant for pushes of
    many thousand graphs. It is not fsynced: a line lost in a crash only means that graph is
    sent again, which PUT makes harmless. A half-written last line is ignored.
    """

    def __init__(self, path: Path, endpoint: str) -> None:
        self.path = path
        self.endpoint = endpoint
        self._handle: TextIO | None = None

    def load(self) -> dict[str, str]:
        confirmed: dict[str, str] = {}
        lines = 0
        try:
            with self.path.open(encoding="utf-8") as handle:
                for line in handle:
                    lines += 1
                    try:
                        entry = json.loads(line)
                        if entry.get("deleted"):
                            confirmed.pop(entry["graph"], None)
                        else:
                            confirmed[entry["graph"]] = entry["sha256"]
                    except (ValueError, KeyError, TypeError, AttributeError):
                        continue
        except FileNotFoundError:
            return confirmed
        except OSError as error:
            raise KgError(f"{self.path}: cannot read the push progress file: {error}") from None
        if lines > 2 * len(confirmed) + 100:
            self._compact(confirmed)  # graphs re-sent many times: keep the file small
        return confirmed

    def record(self, graph: str, digest: str) -> None:
        self._append({"graph": graph, "sha256": digest, "endpoint": self.endpoint})

    def _append(self, entry: dict[str, str | bool]) -> None:
        if self._handle is None:
            try:
                self._handle = self.path.open("a", encoding="utf-8")
            except OSError as error:
                raise KgError(
                    f"{self.path}: cannot write the push progress file: {error}"
                ) from None
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._handle.flush()

    def forget(self, graph: str) -> None:
        """GRAPH is no longer on the server (deleted): a later load leaves it out."""
        self._append({"graph": graph, "deleted": True, "endpoint": self.endpoint})

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _compact(self, confirmed: dict[str, str]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            for graph, digest in confirmed.items():
                entry = {"graph": graph, "sha256": digest, "endpoint": self.endpoint}
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        os.replace(tmp, self.path)
