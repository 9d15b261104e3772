"""Pass one hands its extractions to pass two through a spool: memory first, a file after."""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import pytest

import kg.nlp
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


# Texts whose extraction reads what a parse sets beyond tags and arcs: a tokenizer exception
# with its own norm ("no-one"), a date anchored on the document's, names, a pronoun, a quote.
BESIDE_TEXTS = (
    "No-one was hurt when the ferry ran aground on Thursday, the coastguard said.",
    "Angela Merkel met Emmanuel Macron in Paris on 3 May 2024. She praised him.\n\n"
    '"We agree," Macron told reporters.',
)


# Where _recorded_parse notes the process it runs in (set by the test before the fork).
_PARSE_LOG: list[Path] = []
_PARSE = kg.pipeline._worker_parse


def _note_process(log: list[Path]) -> None:
    with log[0].open("a") as file:
        file.write(f"{os.getpid()}\n")


def _recorded_parse(model, batch):
    _note_process(_PARSE_LOG)
    return _PARSE(model, batch)


def _parse_pids(path):
    return {int(line) for line in path.read_text().split()} if path.exists() else set()


def test_a_parse_in_a_process_of_its_own_gives_what_a_parse_in_this_one_gives(
    tmp_path, monkeypatch
):
    from kg.types import Document

    # Chunks of a few hundred characters: the second text is parsed in pieces, joined again.
    monkeypatch.setattr(kg.nlp, "CHUNK_CHARS", 60)
    documents = [
        Document(id=f"d{number}", source=f"{number}.txt", text=text, date="2024-05-05")
        for number, text in enumerate(BESIDE_TEXTS)
    ]
    pids = tmp_path / "pids"
    monkeypatch.setattr(sys.modules[__name__], "_PARSE_LOG", [pids])
    monkeypatch.setattr(kg.pipeline, "_worker_parse", _recorded_parse)
    monkeypatch.setattr(kg.pipeline, "spare_cores", lambda: 0)
    here = list(kg.pipeline.extract_documents(documents))
    assert not pids.exists()
    monkeypatch.setattr(kg.pipeline, "spare_cores", lambda: 1)
    beside = list(kg.pipeline.extract_documents(documents))
    assert _parse_pids(pids) and os.getpid() not in _parse_pids(pids)
    assert sum(len(extraction.mentions) for extraction in here) > 8
    assert any(time.value == "2024-05-02" for time in here[0].times)  # Thursday before Sunday
    assert beside == here


def _slow_parse(model, batch):
    # A parse process slower than this one's extraction: this process parses some batches too.
    time.sleep(0.5)
    return _recorded_parse(model, batch)


def test_batches_parsed_here_while_the_parse_process_is_busy_give_the_same_extractions(
    tmp_path, monkeypatch
):
    from kg.types import Document

    texts = [*TEXTS, *BESIDE_TEXTS] * 2
    documents = [
        Document(id=f"d{number}", source=f"{number}.txt", text=text, date="2024-05-05")
        for number, text in enumerate(texts)
    ]
    monkeypatch.setattr(kg.pipeline, "spare_cores", lambda: 0)
    alone = list(kg.pipeline.extract_documents(documents))
    pids = tmp_path / "pids"
    here_log = tmp_path / "here"
    monkeypatch.setattr(sys.modules[__name__], "_PARSE_LOG", [pids])
    monkeypatch.setattr(kg.pipeline, "_worker_parse", _slow_parse)
    monkeypatch.setattr(kg.pipeline, "PROCESS_BATCH_DOCUMENTS", 1)  # a batch per document
    parse_here, this_process = kg.nlp.parse_documents, os.getpid()

    def recorded_parse_here(nlp, batch):
        if os.getpid() == this_process:  # the parse process calls it too
            _note_process([here_log])
        return parse_here(nlp, batch)

    monkeypatch.setattr(kg.nlp, "parse_documents", recorded_parse_here)
    monkeypatch.setattr(kg.pipeline, "spare_cores", lambda: 1)
    beside = list(kg.pipeline.extract_documents(documents))
    assert _parse_pids(pids) and os.getpid() not in _parse_pids(pids)
    assert _parse_pids(here_log) == {os.getpid()}  # some batches were parsed here
    assert len(pids.read_text().split()) + len(here_log.read_text().split()) == len(texts)
    assert [e.document.id for e in beside] == [d.id for d in documents]  # in input order
    assert beside == alone
    # Told that the store's early load is behind, this process only waits for the parse.
    here_log.unlink()
    behind = list(kg.pipeline.extract_documents(documents, may_parse_here=lambda: False))
    assert not here_log.exists()
    assert behind == alone


# Where _recorded_resolve notes the process each part of pass two runs in.
_RESOLVE_LOG: list[Path] = []
_RESOLVE = kg.passtwo._resolve_part_in_worker


def _recorded_resolve(number, graph_file):
    _note_process(_RESOLVE_LOG)
    return _RESOLVE(number, graph_file)


def test_a_build_parsed_beside_equals_one_parsed_in_process(tmp_path, monkeypatch):
    # With one job and a spare core the parse runs in a process of its own, and pass two in
    # two forked workers; without one, all of it in this process: the same files and store.
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, text in enumerate(TEXTS + BESIDE_TEXTS):
        (corpus / f"{number}.txt").write_text(text, encoding="utf-8")
    resolved_in = tmp_path / "pass-two-pids"
    monkeypatch.setattr(sys.modules[__name__], "_RESOLVE_LOG", [resolved_in])
    monkeypatch.setattr(kg.passtwo, "_resolve_part_in_worker", _recorded_resolve)
    monkeypatch.setattr(kg.pipeline, "spare_cores", lambda: 0)
    here = kg.pipeline.build([str(corpus)], tmp_path / "here")
    assert not resolved_in.exists()
    monkeypatch.setattr(kg.pipeline, "spare_cores", lambda: 1)
    beside = kg.pipeline.build([str(corpus)], tmp_path / "beside")
    # Two parts, each resolved in a forked worker. Which worker takes which part is the pool's
    # choice: on a busy machine the first one started may take both.
    parts_resolved_by = [int(pid) for pid in resolved_in.read_text().split()]
    assert len(parts_resolved_by) == 2 and os.getpid() not in parts_resolved_by
    assert (beside.facts, beside.entities, beside.triples) == (
        here.facts,
        here.entities,
        here.triples,
    )
    for name in OUTPUTS:
        assert (tmp_path / "beside" / name).read_bytes() == (tmp_path / "here" / name).read_bytes()
    assert _store_quads(tmp_path / "beside") == _store_quads(tmp_path / "here")


def _store_quads(folder: Path) -> set[str]:
    from kg.store import close_store, open_store

    store = open_store(folder)
    try:
        return {str(quad) for quad in store.quads_for_pattern(None, None, None, None)}
    finally:
        close_store(store)


def _facts_in_a_pool_worker(text: str) -> int:
    from kg.types import Document

    return sum(len(e.triples) for e in kg.pipeline.extract_documents([Document("d", "d", text)]))


def test_a_build_in_a_worker_of_the_callers_own_pool_parses_in_that_worker():
    # A daemonic worker (multiprocessing.Pool's) may start no process: the parse stays in it.
    import multiprocessing

    with multiprocessing.get_context("fork").Pool(1) as pool:
        facts = pool.apply(_facts_in_a_pool_worker, (TEXTS[0],))
    assert facts >= 2


def _build_in_a_pool_worker(corpus: str, out: str) -> tuple[int, list[str]]:
    report = kg.pipeline.build([corpus], out, jobs=2, view=False)
    return report.facts, report.warnings


def test_jobs_asked_of_a_build_in_a_worker_of_the_callers_own_pool_are_one_with_a_warning(
    tmp_path,
):
    """Such a worker may start no process: the build runs with one job and says so, instead of
    failing on multiprocessing's assertion. (The pool's workers are spawned: one forked from
    this process, whose earlier tests opened stores, could inherit RocksDB's locks held.)"""
    import multiprocessing

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number, text in enumerate(TEXTS):
        (corpus / f"{number}.txt").write_text(text, encoding="utf-8")
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        facts, warnings = pool.apply(_build_in_a_pool_worker, (str(corpus), str(tmp_path / "a")))
    kg.pipeline.build([str(corpus)], tmp_path / "b", view=False)
    assert facts >= 2
    assert warnings == [
        "2 jobs need worker processes, which a daemonic process (a worker of a multiprocessing "
        "pool) may not start: built with one job"
    ]
    for name in ("graph.trig", "graph.ttl"):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()


def _killed_parse(model, batch):
    os._exit(9)  # as the kernel's out-of-memory killer would end it


def test_a_parse_process_that_dies_fails_the_build_in_one_line_and_keeps_the_earlier_one(
    tmp_path, monkeypatch
):
    from kg.errors import KgError

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "news.txt").write_text(TEXTS[0], encoding="utf-8")
    out = tmp_path / "out"
    kg.pipeline.build([str(corpus)], out)
    before = (out / "graph.trig").read_bytes()
    (corpus / "more.txt").write_text(TEXTS[1], encoding="utf-8")
    monkeypatch.setattr(kg.pipeline, "spare_cores", lambda: 1)
    monkeypatch.setattr(kg.pipeline, "_worker_parse", _killed_parse)
    with pytest.raises(KgError, match="a build worker stopped; nothing was written"):
        kg.pipeline.build([str(corpus)], out)
    assert (out / "graph.trig").read_bytes() == before


def test_a_documents_graph_lines_are_freed_without_the_cyclic_collector():
    # A build runs the cyclic collector seldom (kg.pipeline.BUILD_GC_THRESHOLD): what a cycle
    # holds stays in memory until a collection, and pass two made one per document's graph.
    import gc

    from kg.rdf import document_lines
    from kg.resolve import CorpusIndex
    from kg.types import Document

    (extraction,) = kg.pipeline.extract_documents([Document("d", "d.txt", TEXTS[0])])
    index = CorpusIndex()
    clusters = index.add(extraction)
    index.finish()
    resolved = index.resolve_document(extraction, clusters)
    gc.collect()
    gc.disable()
    try:
        lines = document_lines(resolved, index.entities)
        assert len(lines) > 20
        del lines
        assert gc.collect() == 0
    finally:
        gc.enable()
