"""The build is a store (issue 17, item 1): ``kg build`` writes an Oxigraph store beside its files,
commands open it read-only, incremental builds and ``kg remove`` change only the graphs that
changed, and a reader never sees half of a build (generations, kg/graphstore.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, STORE_TEXTS, run_kg, write_store_texts

from kg.graphstore import (
    LOADER_NICENESS,
    STORE_FOLDER,
    STORE_POINTER,
    FullLoad,
    GraphChange,
    apply_change,
    current_generation,
)
from kg.query import QueryRefused, run_query
from kg.query.prefilter import needs_full_check
from kg.store import load_dataset, open_store, oxigraph_store

MEETINGS = (ROOT / "queries" / "meetings.rq").read_text(encoding="utf-8")


def contents(store: ox.Store) -> tuple[frozenset[str], frozenset[str]]:
    """(named-graph quads, default-graph triples) of a store, as N-Quads/N-Triples text."""
    named = frozenset(
        str(q)
        for q in store.quads_for_pattern(None, None, None)
        if q.graph_name != ox.DefaultGraph()
    )
    default = frozenset(
        str(q.triple) for q in store.quads_for_pattern(None, None, None, ox.DefaultGraph())
    )
    return named, default


def assert_union_is_set_of_named(store: ox.Store) -> None:
    named, default = contents(store)
    assert default == {
        str(q.triple)
        for q in store.quads_for_pattern(None, None, None)
        if q.graph_name != ox.DefaultGraph()
    }
    assert named


@pytest.fixture
def texts(tmp_path) -> list[Path]:
    return write_store_texts(tmp_path)


def build(*args: str) -> None:
    result = run_kg("build", *args)
    assert result.returncode == 0, result.stderr


def test_build_writes_a_store_that_opens_read_only_and_answers_as_the_files_do(tmp_path, texts):
    out = tmp_path / "out"
    build(str(texts[0]), str(texts[1]), "-o", str(out))
    generation = current_generation(out)
    assert generation is not None and (out / STORE_FOLDER / generation).is_dir()
    store = open_store(out)
    with pytest.raises((OSError, RuntimeError)):
        store.add(ox.Quad(ox.NamedNode("http://a"), ox.NamedNode("http://b"), ox.Literal("c")))
    # The same quads as graph.trig, and its union (graph.ttl) as the default graph, once each.
    from_files = oxigraph_store(load_dataset(out))
    assert contents(store) == contents(from_files)
    assert_union_is_set_of_named(store)
    assert run_query(store, MEETINGS).rows == run_query(from_files, MEETINGS).rows
    # kg query says the same through the store as through the TriG file.
    via_store = run_kg("query", str(out), "-f", str(ROOT / "queries" / "meetings.rq"))
    via_file = run_kg("query", str(out / "graph.trig"), "-f", str(ROOT / "queries" / "meetings.rq"))
    assert via_store.returncode == 0, via_store.stderr
    assert via_store.stdout == via_file.stdout and "Merkel" in via_store.stdout
    assert "hint" not in via_store.stderr
    # Exports of the store are the build's own files, byte for byte.
    for fmt, name in (("trig", "graph.trig"), ("turtle", "graph.ttl")):
        exported = run_kg("export", str(out), "--format", fmt)
        assert exported.returncode == 0, exported.stderr
        assert exported.stdout == (out / name).read_text(encoding="utf-8")


def test_incremental_build_and_remove_give_what_a_fresh_build_gives(tmp_path, texts):
    first, second, third = texts
    out, fresh = tmp_path / "out", tmp_path / "fresh"
    build(str(first), "-o", str(out))
    one = current_generation(out)
    build(str(second), str(third), "-o", str(out))
    two = current_generation(out)
    assert two != one
    # No reader held the first generation: the build removed it (and its record of the files).
    assert sorted(os.listdir(out / STORE_FOLDER)) == [two, f"{two}.lock", f"{two}.outputs.json"]
    build(str(first), str(second), str(third), "-o", str(fresh))
    assert contents(open_store(out)) == contents(open_store(fresh))

    removed = run_kg("remove", str(third), "-o", str(out))
    assert removed.returncode == 0, removed.stderr
    again = tmp_path / "again"
    build(str(first), str(second), "-o", str(again))
    assert contents(open_store(out)) == contents(open_store(again))
    assert_union_is_set_of_named(open_store(out))
    # A changed file replaces its graph in the store too.
    first.write_text(STORE_TEXTS["third"], encoding="utf-8")
    build(str(first), "-o", str(out))
    changed = tmp_path / "changed"
    build(str(first), str(second), "-o", str(changed))
    assert contents(open_store(out)) == contents(open_store(changed))


def test_apply_change_keeps_a_triple_in_the_union_while_any_graph_states_it():
    store = ox.Store()
    label = '<http://e> <http://www.w3.org/2000/01/rdf-schema#label> "E" .\n'
    only = "<http://e> <http://p> <http://o> .\n"
    apply_change(store, GraphChange(added=[("http://g1", (label + only).encode())]))
    apply_change(store, GraphChange(added=[("http://g2", label.encode())]))
    apply_change(store, GraphChange(dropped={"http://g1"}))
    named, default = contents(store)
    assert default == {label.strip().removesuffix(" .")} and len(named) == 1


READER = """
import json, sys, time
from pathlib import Path
from kg.store import close_store, open_store
out, seconds = Path(sys.argv[1]), float(sys.argv[2])
seen, stop = [], time.monotonic() + seconds
while time.monotonic() < stop:
    store = open_store(out)
    named = {(str(q.triple), q.graph_name.value) for q in store.quads_for_pattern(None, None, None)
             if q.graph_name.__class__.__name__ == "NamedNode"}
    default = {str(q.triple) for q in store.quads_for_pattern(None, None, None, None)
               if q.graph_name.__class__.__name__ == "DefaultGraph"}
    seen.append([len({g for _, g in named}), default == {t for t, _ in named}])
    close_store(store)
    del store
print(json.dumps(seen))
"""


def test_a_reader_during_a_build_sees_the_old_or_the_new_build_never_a_mix(tmp_path, texts):
    first, second, third = texts
    out = tmp_path / "out"
    build(str(first), "-o", str(out))
    # A reader that keeps the first generation open throughout, and one that opens the store
    # again and again while the build runs (real processes, as kg query would be).
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time\nfrom kg.store import open_store\n"
            "s = open_store(sys.argv[1]); print(len(s), flush=True); time.sleep(60)",
            str(out),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    held = current_generation(out)
    try:
        assert int(holder.stdout.readline()) > 0  # it has the store open
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(out), "25"], stdout=subprocess.PIPE, text=True
        )
        time.sleep(1)
        build(str(second), str(third), "-o", str(out))
        seen = json.loads(reader.communicate(timeout=120)[0])
        assert reader.returncode == 0
        documents = {graphs for graphs, _ in seen}
        assert documents <= {1, 3} and 3 in documents, documents
        assert all(consistent for _, consistent in seen)
        # The held generation is still there: the build could not remove it.
        assert held != current_generation(out)
        assert (out / STORE_FOLDER / held).is_dir()
    finally:
        holder.kill()
        holder.wait()
    # Once nobody holds it, the next build removes it.
    build(str(first), "-o", str(out), "--rebuild")
    assert not (out / STORE_FOLDER / held).exists()


def test_an_older_build_folder_and_a_trig_file_still_answer_with_a_hint(tmp_path, texts):
    out = tmp_path / "out"
    build(str(texts[0]), "-o", str(out))
    expected = run_kg("query", str(out), MEETINGS).stdout
    (out / STORE_POINTER).unlink()
    shutil.rmtree(out / STORE_FOLDER)
    older = run_kg("query", str(out), MEETINGS)
    assert older.returncode == 0 and older.stdout == expected
    assert "kg: hint:" in older.stderr and "--rebuild" in older.stderr
    assert len(older.stderr.strip().splitlines()) == 1
    for command in (["stats"], ["explain", "Merkel"]):
        answer = run_kg(*command[:1], str(out), *command[1:])
        assert answer.returncode == 0, answer.stderr
    trig = run_kg("query", str(out / "graph.trig"), MEETINGS)
    assert trig.returncode == 0 and trig.stdout == expected and not trig.stderr
    # An incremental build into it makes the store again.
    build(str(texts[1]), "-o", str(out))
    assert current_generation(out) is not None
    assert "hint" not in run_kg("query", str(out), MEETINGS).stderr


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "LOAD <file:///etc/passwd>",
        "INSERT DATA { <http://a> <http://b> <http://c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "DROP ALL",
        "SELECT * WHERE { \\u0053ERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    ],
)
def test_the_guards_still_refuse_against_the_store(tmp_path, texts, query):
    out = tmp_path / "out"
    build(str(texts[0]), "-o", str(out))
    store = open_store(out)
    before = len(store)
    with pytest.raises(QueryRefused):
        run_query(store, query)
    answer = run_kg("query", str(out), query)
    assert answer.returncode == 1 and "not allowed" in answer.stderr
    assert len(open_store(out)) == before


@pytest.mark.parametrize(
    ("query", "full"),
    [
        (MEETINGS, False),
        ("ASK { ?s ?p ?o }", False),
        ("SELECT * WHERE { SERVICE <x> {} }", True),
        ("select * where { service <x> {} }", True),
        ("SELECT * FROM <x> WHERE {}", True),
        ('SELECT * WHERE { ?s ?p "loaded" }', True),
        ("SELECT * WHERE { \\u0053ERVICE <x> {} }", True),
        ("DESCRIBE <x>", True),
        ("SELECT * WHERE " + "{" * 70 + "}" * 70, True),
    ],
)
def test_only_queries_that_cannot_ask_for_a_refused_form_skip_the_full_check(query, full):
    assert needs_full_check(query) is full


def test_a_cold_query_imports_neither_spacy_nor_rdflibs_parser(tmp_path, texts):
    out = tmp_path / "out"
    build(str(texts[0]), "-o", str(out))
    probe = (
        "import sys\nfrom kg.cli import main\n"
        "sys.argv = ['kg', 'query', sys.argv[1], sys.argv[2]]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        "heavy = [m for m in ('spacy', 'networkx', 'pandas', 'rdflib.plugins.sparql.parser',"
        " 'kg.extract', 'kg.nlp') if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    answer = subprocess.run(
        [sys.executable, "-c", probe, str(out), MEETINGS],
        capture_output=True,
        text=True,
        check=False,
    )
    assert "HEAVY []" in answer.stdout, answer.stdout + answer.stderr


def test_plain_prefixes_are_kg_vocab_prefixes():
    from kg.prefixes import PREFIXES as plain
    from kg.vocab import PREFIXES

    assert list(plain.items()) == list(PREFIXES.items())


# --- a new build's store, loaded from pass one on (kg.graphstore.FullLoad) ---------------------


class _RecordedLoad(FullLoad):
    """FullLoad, remembered by the test, with the batches sent before each stage began."""

    made: list[_RecordedLoad] = []

    def __init__(self, out: Path, scratch: Path) -> None:
        super().__init__(out, scratch)
        _RecordedLoad.made.append(self)
        self.niceness: list[int] = []  # of the thread of each load, as it began

    def _load(self, path: Path, rdf_format: ox.RdfFormat) -> None:
        self.niceness.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        super()._load(path, rdf_format)


@pytest.fixture
def recorded(monkeypatch):
    import kg.graphstore
    import kg.pipeline

    _RecordedLoad.made = []
    monkeypatch.setattr(kg.pipeline, "FullLoad", _RecordedLoad)
    monkeypatch.setattr(kg.graphstore, "EARLY_BATCH_BYTES", 1)  # a batch per document
    return _RecordedLoad.made


def _in_process_build(paths, out, **options):
    from kg.pipeline import build as pipeline_build

    return pipeline_build([str(p) for p in paths], out, view=False, **options)


def test_a_new_build_loads_what_pass_one_knows_while_it_parses(tmp_path, texts, recorded):
    out = tmp_path / "out"
    handed_when: dict[str, int] = {}

    def on_stage(stage: str) -> None:
        handed_when[stage] = recorded[0].early_documents if recorded else -1

    _in_process_build(texts, out, on_stage=on_stage)
    (load,) = recorded
    # Each document's sentences and mentions went to the loader thread before pass two began,
    # in a batch of its own, and pass two's graphs held every one of those lines: nothing had
    # to be taken out again.
    assert handed_when["resolving"] == len(texts)
    assert load._batches == len(texts)
    assert load.repaired == 0
    assert contents(open_store(out)) == contents(oxigraph_store(load_dataset(out)))
    assert_union_is_set_of_named(open_store(out))


def test_the_store_loads_at_a_lower_priority_than_the_build_itself(tmp_path, texts, recorded):
    # The parse and the text files hold up the build; the store has until its end: its loader
    # threads ask for less of the processor, in pass one (early lines) and in the write stage.
    build_niceness = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    _in_process_build(texts, tmp_path / "out")
    (load,) = recorded
    # A batch per document (two files each), then two files a part of the write stage.
    assert len(load.niceness) == 2 * len(texts) + 2 * load._parts
    assert set(load.niceness) == {min(build_niceness + LOADER_NICENESS, 19)}
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == build_niceness


def test_the_write_stage_loads_in_parts_of_bounded_size(tmp_path, texts, recorded, monkeypatch):
    # Oxigraph's bulk loader holds a file's quads in memory before it writes them, so the
    # write stage loads its graphs in parts of about LATE_PART_BYTES: the build's peak memory
    # does not grow with the corpus. Parts of one byte: a part per graph; the store holds
    # exactly the graphs all the same.
    import kg.graphstore

    monkeypatch.setattr(kg.graphstore, "LATE_PART_BYTES", 1)
    out = tmp_path / "out"
    _in_process_build(texts, out)
    (load,) = recorded
    assert load._parts > len(texts)  # a part per document graph, and the default graph's
    assert contents(open_store(out)) == contents(oxigraph_store(load_dataset(out)))
    assert_union_is_set_of_named(open_store(out))


def test_early_lines_pass_two_disagrees_with_are_taken_out_again(tmp_path, texts, recorded):
    """Should pass two's graph of a document differ from what pass one loaded (a line more,
    a line fewer), that document's early quads are taken out and its whole graph loaded: the
    store holds the graphs exactly."""
    import kg.rdf

    early_lines = kg.rdf.early_lines
    seen: list[str] = []

    def disagreeing(extraction, referring):
        lines = early_lines(extraction, referring)
        seen.append(extraction.document.id)
        if len(seen) == 1:  # a line the graph will not have
            lines.append(f'<{kg.rdf.document_iri(extraction.document.id)}> <urn:x:p> "x" .\n')
        elif len(seen) == 2:  # a line the graph will have, left out
            lines = sorted(lines)[1:]
        return lines

    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(kg.rdf, "early_lines", disagreeing)
    try:
        out = tmp_path / "out"
        _in_process_build(texts, out)
    finally:
        monkeypatch.undo()
    (load,) = recorded
    assert load.repaired == 2
    store = open_store(out)
    assert contents(store) == contents(oxigraph_store(load_dataset(out)))
    assert not list(store.quads_for_pattern(None, ox.NamedNode("urn:x:p"), None))
    assert_union_is_set_of_named(store)


def test_a_build_stopped_in_pass_one_leaves_no_loader_and_the_earlier_outputs(
    tmp_path, texts, recorded
):
    import threading

    out = tmp_path / "out"
    threads = threading.active_count()

    def stop_at_the_second(extraction) -> None:
        if extraction.document.source.endswith("second.txt"):
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _in_process_build(texts, out, on_document=stop_at_the_second)
    assert recorded[0].early_documents == 1  # it had started loading
    assert threading.active_count() == threads
    assert current_generation(out) is None and not (out / "graph.trig").exists()
    # The next build into the folder is whole.
    _in_process_build(texts, out)
    assert contents(open_store(out)) == contents(oxigraph_store(load_dataset(out)))


def test_split_early_finds_a_documents_own_lines_but_what_its_mentions_denote():
    from kg.rdf import split_early

    doc = "https://w3id.org/kg/document/ab"
    kg_ = "https://w3id.org/kg/ontology#"
    lines = sorted(
        [
            f'<{doc}> <{kg_}sha256> "ab" .\n',
            f"<{doc}/mention/0-5> <{kg_}denotes> <https://w3id.org/kg/entity/Merkel> .\n",
            f'<{doc}/mention/0-5> <{kg_}corefSieve> "names" .\n',
            f'<{doc}/mention/0-5> <{kg_}mentionText> "Merkel" .\n',
            f'<{doc}/sentence/0> <{kg_}text> "Merkel spoke." .\n',
            f'<{doc}b/sentence/0> <{kg_}text> "Another document." .\n',
            f'<https://w3id.org/kg/entity/Merkel> <{kg_}role> "chancellor" .\n',
            f"<https://w3id.org/kg/entity/Merkel> <{kg_}mentionedIn> <{doc}/sentence/0> .\n",
        ]
    )
    early, rest = split_early(doc, "".join(lines).encode())
    assert early.decode().splitlines() == [
        f'<{doc}/mention/0-5> <{kg_}mentionText> "Merkel" .',
        f'<{doc}/sentence/0> <{kg_}text> "Merkel spoke." .',
        f'<{doc}> <{kg_}sha256> "ab" .',
    ]
    assert sorted((early + rest).decode().splitlines(keepends=True)) == lines


def test_a_store_that_fails_to_load_early_fails_the_build_in_one_line_and_commits_nothing(
    tmp_path, texts, recorded
):
    import kg.rdf
    from kg.errors import KgError

    def failing(extraction, referring):
        raise RuntimeError("disk full")

    out = tmp_path / "out"
    monkeypatch = pytest.MonkeyPatch()
    monkeypatch.setattr(kg.rdf, "early_lines", failing)
    try:
        with pytest.raises(KgError, match=r"^the build's store could not be written: disk full$"):
            _in_process_build(texts, out)
    finally:
        monkeypatch.undo()
    assert current_generation(out) is None and not (out / "graph.trig").exists()
    _in_process_build(texts, out)
    assert contents(open_store(out)) == contents(oxigraph_store(load_dataset(out)))
