"""Errors kg raises on purpose. The CLI prints them as one line and exits non-zero; anything else
is a bug and keeps its traceback."""

from __future__ import annotations


class KgError(Exception):
    """A problem with the user's input or environment, explained in one line."""


class InputError(KgError):
    """One input file cannot be read as text (not UTF-8, binary, empty, too large)."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class QueryError(KgError):
    """A SPARQL query was refused, failed to parse, or ran past its limits."""


class MissingDependency(KgError):
    """An optional part of kg is used without the package it needs; the message names the
    extra that installs it (``pip install 'kg[pandas]'``)."""
