"""The build is a store (issue 17, item 1): ``kg build`` writes an Oxigraph store beside its files,
commands open it read-only, incremental builds and ``kg remove`` change only the graphs that
changed, and a reader never sees half of a build (generations, kg/graphstore.py)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import ROOT, STORE_TEXTS, run_kg, write_store_texts

from kg.graphstore import (
    STORE_FOLDER,
    STORE_POINTER,
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
