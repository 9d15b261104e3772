"""The runnable examples of the public API's documentation (kg, kg.api, kg.component) run as
tests, with the real spaCy model and Oxigraph, so the documentation cannot go stale."""

from __future__ import annotations

import doctest
import importlib

import pytest

API_MODULES = ("kg", "kg.api", "kg.component")


@pytest.mark.parametrize("name", API_MODULES)
def test_docstring_examples_run(name: str) -> None:
    module = importlib.import_module(name)
    result = doctest.testmod(
        module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE, verbose=False
    )
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0, f"{result.failed} of {result.attempted} examples of {name} failed"


def test_every_public_function_has_an_example() -> None:
    import kg.api

    for name in ("build", "open", "read_inputs"):
        assert ">>>" in getattr(kg.api, name).__doc__, name
    for name, member in vars(kg.api.KnowledgeGraph).items():
        if callable(member) and not name.startswith("_") and name != "to_html":
            assert ">>>" in (member.__doc__ or ""), f"KnowledgeGraph.{name} has no example"
