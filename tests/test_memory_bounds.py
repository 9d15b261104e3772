"""Memory bounded per sentence and per batch on pathological text (issue 20, break 9): a chain of
appositions does not give each person the whole chain as a role, and the parser never holds more
than BATCH_CHARS characters at once."""

from __future__ import annotations

from kg.documents import document_id
from kg.extract import extract
from kg.nlp import BATCH_CHARS, CHUNK_CHARS, _batches, _chunks, parse_documents
from kg.types import Document

NAMES = ["Alice Smith", "Bob Jones", "Carol White", "Dave Brown", "Eve Black", "Frank Green"]
ROLES = ["the friend of", "the brother of", "the sister of", "the lawyer of"]


def test_an_apposition_chain_gives_short_roles_only(nlp) -> None:
    parts = ["Alice Smith"] + [
        f", {ROLES[i % len(ROLES)]} {NAMES[(i + 1) % len(NAMES)]}" for i in range(120)
    ]
    text = "".join(parts) + ", met Bob Jones in Paris."
    document = Document(id=document_id(text), source="chain.txt", text=text)
    ((_, doc),) = list(parse_documents(nlp, [document]))
    roles = extract(doc, document).roles
    # Before, each person's roles held the rest of the chain: quadratic in its length.
    assert all(len(role.title.split()) <= 16 for role in roles)
    assert sum(len(role.title) for role in roles) < 4 * len(text)


def test_batches_hold_a_bounded_number_of_characters() -> None:
    text = ("word " * 40_000).strip()  # 200 KB on one line
    chunks = _chunks(text)
    assert "".join(chunks) == text and max(map(len, chunks)) <= CHUNK_CHARS
    pieces = [(chunk, None) for chunk in chunks] + [("short text", None)] * 50
    batches = list(_batches(pieces, 32))
    assert [p for batch in batches for p in batch] == pieces
    assert all(len(batch) <= 32 for batch in batches)
    assert all(sum(len(text) for text, _ in batch) <= BATCH_CHARS for batch in batches)


def test_tooltips_hold_a_few_sentences_each_cut_short(tmp_path) -> None:
    from conftest import TURTLE_PREFIXES

    from kg.store import load_dataset
    from kg.view import TOOLTIP_SENTENCE_CHARS, TOOLTIP_SENTENCES, view_model

    sentence = "Bessent spoke " + "at length " * 500
    lines = [
        f'<https://w3id.org/kg/document/a/sentence/{i}> kg:text "{i}: {sentence}." .\n'
        f"ent:Scott_Bessent kg:mentionedIn <https://w3id.org/kg/document/a/sentence/{i}> ."
        for i in range(40)
    ]
    graph = tmp_path / "g.trig"
    graph.write_text(
        TURTLE_PREFIXES
        + 'doc:a { ent:Scott_Bessent a kg:Person ; rdfs:label "Scott Bessent" .\n'
        + "\n".join(lines)
        + "\n}\n",
        encoding="utf-8",
    )
    node = view_model(load_dataset(graph)).nodes["https://w3id.org/kg/entity/Scott_Bessent"]
    # Before: all 40 sentences of 5,000 characters each, on every entity that they mention.
    assert len(node.sentences) == TOOLTIP_SENTENCES
    assert all(len(text) <= TOOLTIP_SENTENCE_CHARS for text in node.sentences)
    assert all(text.endswith("\u2026") for text in node.sentences)
