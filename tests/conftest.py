"""Shared fixtures."""

from __future__ import annotations

import pytest

import kg.nlp


@pytest.fixture(scope="session")
def nlp():
    """The spaCy pipeline, loaded once per test session."""
    return kg.nlp.load_pipeline()
