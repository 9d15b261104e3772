"""Pass one hands its extractions to pass two through a spool: memory first, a file after."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

import kg.passtwo
import kg.pipeline
from kg.passtwo import ExtractionSpool

TEXTS = (
    "Angela Merkel met Emmanuel Macron in Paris. Merkel praised the agreement.",
    "Olaf Scholz visited Joe Biden in Washington. Biden welcomed Scholz.",
    "The European Commission may fine Google. Margrethe Vestager announced it in Brussels.",
)
OUTPUTS = ("graph.trig", "graph.ttl", "graph.html")


def _record(number: int, sentences: int) -> SimpleNamespace:
    return SimpleNamespace(number=number, sentences=[None] * sentences)


def test_spool_keeps_the_first_extractions_in_memory_and_the_rest_in_order_on_disk(tmp_path):
    spool = ExtractionSpool(tmp_path / "part.pickle", memory_sentences=5)
    sizes = [2, 3, 1, 4, 1, 2]  # the third (1 sentence) would still fit, but order comes first
    for number, size in enumerate(sizes):
        spool.add(_record(number, size), clusters=f"clusters {number}")
    spool.close()
    read = [(record.number, clusters) for record, clusters in spool]
    assert read == [(n, f"clusters {n}") for n in range(len(sizes))]
    assert (tmp_path / "part.pickle").exists()  # four of them went to the file
    assert len(spool._held) == 2


def test_spool_within_its_budget_writes_no_file(tmp_path):
    spool = ExtractionSpool(tmp_path / "part.pickle", memory_sentences=100)
    spool.add(_record(0, 10), clusters=None)
    spool.close()
    assert [record.number for record, _ in spool] == [0]
    assert not (tmp_path / "part.pickle").exists()


@pytest.mark.parametrize("jobs", [1, 2])
def test_a_build_spilled_to_disk_equals_one_held_in_memory(tmp_path, monkeypatch, jobs):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, text in enumerate(TEXTS):
        (corpus / f"{number}.txt").write_text(text, encoding="utf-8")
    held = tmp_path / "held"
    kg.pipeline.build([str(corpus)], held, jobs=jobs)
    # A budget of one sentence per part: every (two-sentence) document goes through the file.
    monkeypatch.setattr(kg.passtwo, "MEMORY_SPOOL_SENTENCES", jobs)
    spilled = tmp_path / "spilled"
    kg.pipeline.build([str(corpus)], spilled, jobs=jobs)
    for name in OUTPUTS:
        assert (spilled / name).read_bytes() == (held / name).read_bytes(), name


def test_the_view_of_a_build_too_large_to_draw_whole_says_which_part_it_shows(
    tmp_path, monkeypatch
):
    import kg.graphspool

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.txt").write_text(TEXTS[0], encoding="utf-8")
    monkeypatch.setattr(kg.graphspool, "VIEW_FULL_GRAPH_QUADS", 0)
    kg.pipeline.build([str(corpus)], tmp_path / "out")
    page = (tmp_path / "out" / "graph.html").read_text(encoding="utf-8")
    assert "entities most attested across documents" in page
    assert "by degree" not in page
