"""What the user says about the inputs (InputOptions) and what the read stage reports besides
documents (ReadLog): files read, files skipped and why, warnings."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

# Formats a user can force with --input-format ("auto": by extension, else by content).
FORMATS = ("auto", "text", "markdown", "jsonl", "json", "csv", "tsv", "html", "pdf")

# The columns of a JSON Lines or CSV corpus looked for when the user names none, in order.
DEFAULT_TEXT_FIELDS = ("text", "body", "content", "article")
DEFAULT_TITLE_FIELDS = ("title", "headline")
DEFAULT_DATE_FIELDS = ("date", "published", "published_at", "pubdate")
DEFAULT_URL_FIELDS = ("url", "link")
DEFAULT_ID_FIELDS = ("id",)


@dataclass(frozen=True)
class InputOptions:
    """How to read the inputs. A field name given here is the only one looked for; left empty,
    the defaults above are tried in order. Names match case-insensitively ("Text" is text)."""

    text_field: str = ""
    title_field: str = ""
    date_field: str = ""
    url_field: str = ""
    id_field: str = ""
    keep_fields: tuple[str, ...] = ()  # further columns kept as Document.metadata
    format: str = "auto"

    def __post_init__(self) -> None:
        if self.format not in FORMATS:
            raise ValueError(
                f"unknown input format {self.format!r} (allowed: {', '.join(FORMATS)})"
            )

    def candidates(self, role: str) -> tuple[str, ...]:
        given = getattr(self, f"{role}_field")
        return (given,) if given else _DEFAULTS[role]


_DEFAULTS = {
    "text": DEFAULT_TEXT_FIELDS,
    "title": DEFAULT_TITLE_FIELDS,
    "date": DEFAULT_DATE_FIELDS,
    "url": DEFAULT_URL_FIELDS,
    "id": DEFAULT_ID_FIELDS,
}


@dataclass
class ReadLog:
    """What the read stage did besides yielding documents and errors. ``on_skip`` and
    ``on_warning`` are told as it happens (the CLI prints them), the counts are for the summary.

    files: inputs read without a file-level error (a corpus with some bad rows counts);
    documents: documents yielded (a text reached twice counts once); skipped: (path, reason) of
    every file a folder held that is not read; warnings: one line each, naming file and row.
    """

    files: int = 0
    documents: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    on_skip: Callable[[str, str], None] | None = None
    on_warning: Callable[[str], None] | None = None

    def skip(self, path: str, reason: str) -> None:
        self.skipped.append((path, reason))
        if self.on_skip is not None:
            self.on_skip(path, reason)

    def warn(self, message: str) -> None:
        self.warnings.append(message)
        if self.on_warning is not None:
            self.on_warning(message)
