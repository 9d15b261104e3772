"""A capitalised phrase the parser read as a common noun ("Internet and phone links ...") is
the name other documents write in the same letters where a capital says a name, inside a
sentence of their bodies (kg/resolve.py, ``CorpusIndex._written_as_a_name``): the
cross-document side of the in-document written-name sieve. Texts written for these tests,
parsed by the real model."""

from __future__ import annotations

from conftest import corpus_mentions, mention_in

# Two reports of a cable cut write "the Internet" inside a sentence: a name to the recogniser.
WRITTEN_AS_A_NAME = [
    "Ships cut two cables near Alexandria on Friday, and the Internet slowed across Egypt. "
    "Telecom Egypt said repairs would take a week.",
    "Telecom Egypt said on Saturday that the Internet was slow in Cairo after two cables were "
    "cut near Alexandria.",
]
# Two more open their sentences with it, where the parser reads a common noun.
OPENING_SENTENCES = [
    "Internet and phone links to Cairo slowed on Friday. Telecom Egypt blamed two cables cut "
    "near Alexandria.",
    "Internet was slow in Cairo on Friday after cables were cut near Alexandria, Telecom Egypt "
    "said.",
]


def test_a_phrase_written_as_other_documents_name_is_that_name(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*WRITTEN_AS_A_NAME, *OPENING_SENTENCES])
    name = mention_in(records, "doc0", "Internet")
    assert name["kind"] == "name"
    for source in ("doc2", "doc3"):
        written = mention_in(records, source, "Internet")
        assert written["kind"] == "nominal"
        assert written["node"] == name["node"]
        assert written["sieve"] == "description_across_documents"
        assert written["reason"].startswith(
            "'Internet' is 'Internet', written in the same letters as a name in other documents"
        )


def test_one_document_writing_the_name_is_not_enough(sm_nlp) -> None:
    # One writer's capital may be a slip, or a common noun's ("an MRI"): the nominal stays
    # a node of its own document.
    records = corpus_mentions(sm_nlp, [WRITTEN_AS_A_NAME[0], *OPENING_SENTENCES])
    name = mention_in(records, "doc0", "Internet")
    assert mention_in(records, "doc1", "Internet")["node"] != name["node"]
    assert mention_in(records, "doc2", "Internet")["node"] != name["node"]
