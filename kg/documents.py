"""The read stage's import surface: everything is in the kg.inputs package (one module per
format); this module keeps the names the rest of kg and its users import from here."""

from __future__ import annotations

from kg.inputs import (
    DEFAULT_MAX_BYTES,
    STDIN,
    STDIN_SOURCE,
    SUFFIX_FORMATS,
    InputOptions,
    ReadLog,
    decode_text,
    detect_format,
    document_id,
    expand_paths,
    read_document,
    read_documents,
)

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "STDIN_SOURCE",
    "SUFFIX_FORMATS",
    "InputOptions",
    "ReadLog",
    "decode_text",
    "detect_format",
    "document_id",
    "expand_paths",
    "read_document",
    "read_documents",
]
