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
