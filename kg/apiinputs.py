"""``kg.build``'s inputs as documents: texts, ``(text, metadata)`` pairs and pandas DataFrames
read as rows of a corpus, as ``kg build`` reads a CSV corpus's rows (``kg.api.read_inputs``
puts them together with paths).

Importing this module costs nothing of pandas or of the readers of kg.inputs: they are imported
when an input needs them.
"""

from __future__ import annotations

import datetime as _dt
import os
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING, Any

from kg.errors import InputError, KgError

if TYPE_CHECKING:
    import pandas

    from kg.inputs import InputOptions, ReadLog
    from kg.types import Document

__all__ = [
    "DATAFRAME_SOURCE",
    "METADATA_KEYS",
    "TEXT_SOURCE",
    "CountedLog",
    "as_list",
    "dataframe_documents",
    "is_dataframe",
    "is_pair",
    "plain",
    "text_document",
]

# The keys a (text, metadata) pair may have; "extra" holds further fields kept as metadata.
METADATA_KEYS = ("title", "date", "url", "id", "extra")

# How documents made in memory are named (a row of a corpus file is "corpus.jsonl:3" or
# "corpus.jsonl#<id>"): texts and pairs are rows of "text", a DataFrame's rows of "dataframe".
TEXT_SOURCE = "text"
DATAFRAME_SOURCE = "dataframe"


class CountedLog:
    """A ReadLog's stand-in for one ``read_documents`` call: the files, skips and warnings go
    to the real log, the documents are counted once, after the inputs' own de-duplication."""

    def __init__(self, log: ReadLog) -> None:
        self._log = log
        self.documents = 0

    @property
    def files(self) -> int:
        return self._log.files

    @files.setter
    def files(self, value: int) -> None:
        self._log.files = value

    def skip(self, path: str, reason: str) -> None:
        self._log.skip(path, reason)

    def warn(self, message: str) -> None:
        self._log.warn(message)


def as_list(inputs: Any) -> list[Any]:
    if isinstance(inputs, (str, os.PathLike)) or is_pair(inputs) or is_dataframe(inputs):
        return [inputs]
    if isinstance(inputs, Mapping) or not isinstance(inputs, Iterable):
        raise KgError(
            f"cannot build from {type(inputs).__name__}: give texts (str), (text, metadata) "
            "pairs, paths (pathlib.Path) or a pandas DataFrame, or a list of them"
        )
    return list(inputs)


def is_pair(value: Any) -> bool:
    return (
        isinstance(value, tuple)
        and len(value) == 2
        and isinstance(value[0], str)
        and isinstance(value[1], Mapping)
    )


def is_dataframe(value: Any) -> bool:
    # Without importing pandas: a DataFrame can only be given by someone who has it.
    return any(
        cls.__name__ == "DataFrame" and cls.__module__.startswith("pandas")
        for cls in type(value).__mro__
    )


def text_document(reader: Any, number: int, item: str | tuple[Any, ...]) -> Document | InputError:
    """A text, or a (text, metadata) pair, as the ``number``-th row of the "text" corpus."""
    if isinstance(item, str):
        document: Document | InputError = reader.document(number, {"text": item})
        return document
    if not is_pair(item):
        return InputError(
            f"{TEXT_SOURCE}:{number}", "not a (text, metadata) pair: a tuple of a str and a dict"
        )
    text, metadata = item
    unknown = sorted(str(key) for key in metadata if key not in METADATA_KEYS)
    if unknown:
        return InputError(
            f"{TEXT_SOURCE}:{number}",
            f"unknown metadata {', '.join(map(repr, unknown))} (allowed: "
            f"{', '.join(METADATA_KEYS)}; further fields go in 'extra')",
        )
    extra = metadata.get("extra") or {}
    if not isinstance(extra, Mapping):
        return InputError(f"{TEXT_SOURCE}:{number}", "'extra' must be a dict of fields")
    values: dict[str, Any] = {name: plain(value) for name, value in extra.items()}
    values.update(
        {key: plain(metadata[key]) for key in ("title", "date", "url", "id") if key in metadata}
    )
    values["text"] = text
    from kg.inputs import InputOptions

    reader.options = InputOptions(keep_fields=tuple(str(name) for name in extra))
    row: Document | InputError = reader.document(number, values)
    return row


def dataframe_documents(
    frame: pandas.DataFrame, options: InputOptions, max_bytes: int, log: ReadLog
) -> Iterator[Document | InputError]:
    """Each row of a DataFrame as a row of a CSV corpus named "dataframe"."""
    from kg.inputs import document_id
    from kg.inputs.tables import RowReader

    reader = RowReader(DATAFRAME_SOURCE, options, max_bytes, log.warn, document_id)
    columns = [str(column) for column in frame.columns]
    reader.check_header(columns)  # no text column: one InputError for the DataFrame
    for number, row in enumerate(frame.itertuples(index=False, name=None), start=1):
        values = {column: plain(value) for column, value in zip(columns, row, strict=True)}
        yield reader.document(number, values)


def plain(value: Any) -> Any:
    """A cell as the JSON-like value a corpus row holds: missing values (None, NaN, NaT) are
    None, dates are ISO 8601 (a datetime at midnight without a time zone is that day), numpy
    scalars are Python's."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    if type(value).__name__ in ("NaTType", "NAType"):
        return None
    if isinstance(value, _dt.datetime):
        if value.tzinfo is None and value.time() == _dt.time():
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    item = getattr(value, "item", None)  # a numpy scalar
    if callable(item) and type(value).__module__ == "numpy":
        return plain(item())
    return value
