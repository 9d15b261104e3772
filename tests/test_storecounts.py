"""``kg stats`` reads the counts a build keeps with its store (kg/storecounts.py): they must be
the numbers counting gives, after a full build, an incremental build, a changed file and
``kg remove``, and an incremental build must get them from its change, never by recounting."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import STORE_TEXTS, run_kg, write_store_texts

import kg.graphstore
from kg.graphstore import (
    STORE_FOLDER,
    GraphChange,
    apply_change,
    current_generation,
    generation_folder,
    write_incremental,
)
from kg.stats import counted_stats, graph_stats, stats_of
from kg.store import close_store, open_store
from kg.storecounts import COUNTS_FILE, StoreCounts, UnionTally, count_store, read_counts


@pytest.fixture
def texts(tmp_path) -> list[Path]:
    return write_store_texts(tmp_path)


def kg_ok(*args: str) -> str:
    result = run_kg(*args)
    assert result.returncode == 0, result.stderr
    assert "hint" not in result.stderr
    return result.stdout


def assert_kept_counts_are_the_counted_ones(out: Path) -> dict[str, int]:
    """The counts kept with OUT's current generation against a count of its store, and what
    ``kg stats`` prints against its count of graph.trig loaded into memory."""
    store = open_store(out)
    try:
        folder = generation_folder(store)
        assert folder is not None
        kept = read_counts(folder)
        assert kept is not None, f"{folder} keeps no counts"
        assert kept == count_store(store)
        stats = stats_of(kept)
        assert stats == counted_stats(store)
        assert graph_stats(store) == stats
    finally:
        close_store(store)
    assert kg_ok("stats", str(out)) == kg_ok("stats", str(out / "graph.trig"))
    return stats


def test_kept_counts_equal_counted_ones_through_builds_a_change_and_remove(tmp_path, texts):
    first, second, third = texts
    out = tmp_path / "out"
    kg_ok("build", str(first), "-o", str(out))
    one = assert_kept_counts_are_the_counted_ones(out)
    assert one["documents"] == 1 and one["entities: Person"] == 2

    kg_ok("build", str(second), str(third), "-o", str(out))  # incremental: two more documents
    three = assert_kept_counts_are_the_counted_ones(out)
    assert three["documents"] == 3
    fresh = tmp_path / "fresh"
    kg_ok("build", str(first), str(second), str(third), "-o", str(fresh))
    assert assert_kept_counts_are_the_counted_ones(fresh) == three

    kg_ok("remove", str(third), "-o", str(out))
    after_remove = assert_kept_counts_are_the_counted_ones(out)
    assert after_remove["documents"] == 2
    assert after_remove["entities: Place"] < three["entities: Place"]  # Berlin is gone

    first.write_text(STORE_TEXTS["third"], encoding="utf-8")  # a changed file replaces its graph
    kg_ok("build", str(first), "-o", str(out))
    assert assert_kept_counts_are_the_counted_ones(out)["documents"] == 2


def test_an_incremental_build_adds_the_delta_and_never_recounts(tmp_path, texts, monkeypatch):
    out = tmp_path / "out"
    kg_ok("build", str(texts[0]), str(texts[1]), "-o", str(out))
    earlier = out / STORE_FOLDER / str(current_generation(out))
    documents = [
        graph.value
        for graph in ox.Store.read_only(str(earlier)).named_graphs()
        if isinstance(graph, ox.NamedNode)
    ]
    stated = ox.Store.read_only(str(earlier)).dump(
        format=ox.RdfFormat.N_TRIPLES, from_graph=ox.NamedNode(documents[0])
    )

    def no_recount(store: ox.Store) -> StoreCounts:
        raise AssertionError("an incremental build recounted the store")

    monkeypatch.setattr(kg.graphstore, "count_store", no_recount)
    # One graph dropped; one added that repeats what the other still says (already in the union)
    # and adds a node of a new class.
    added = stated + b"<http://x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://C> .\n"
    change = GraphChange(dropped={documents[1]}, added=[("http://new", added)])
    generation = write_incremental(out, change)
    assert generation is not None
    folder = out / STORE_FOLDER / generation
    kept = read_counts(folder)
    assert kept is not None
    monkeypatch.undo()
    assert kept == count_store(ox.Store.read_only(str(folder)))
    assert kept.classes["http://C"] == 1


def test_apply_change_reports_what_it_did_to_the_counts():
    store = ox.Store()
    person = "<http://e> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://Person> .\n"
    label = '<http://e> <http://www.w3.org/2000/01/rdf-schema#label> "E" .\n'
    only = "<http://e> <http://p> <http://o> .\n"
    counts = count_store(store)
    steps = [
        GraphChange(added=[("http://g1", (person + label + only + only).encode())]),
        GraphChange(added=[("http://g2", (person + label).encode())]),
        GraphChange(dropped={"http://g1"}),
        GraphChange(added=[("http://g2", label.encode())]),  # replaces g2
        GraphChange(dropped={"http://g2", "http://never-there"}),
    ]
    for change in steps:
        counts = counts.updated(apply_change(store, change))
        assert counts == count_store(store)
    assert counts == StoreCounts({}, 0, 0)


def test_a_store_without_kept_counts_is_counted_with_a_hint(tmp_path, texts):
    out = tmp_path / "out"
    kg_ok("build", str(texts[0]), "-o", str(out))
    with_counts = kg_ok("stats", str(out))
    # As a build by an older kg left it: no counts file.
    (out / STORE_FOLDER / str(current_generation(out)) / COUNTS_FILE).unlink()
    counted = run_kg("stats", str(out))
    assert counted.returncode == 0, counted.stderr
    assert counted.stdout == with_counts
    assert "keeps no counts" in counted.stderr and "--rebuild" in counted.stderr
    # An incremental build on it does not recount either: still counted, still right.
    kg_ok("build", str(texts[1]), "-o", str(out))
    assert read_counts(out / STORE_FOLDER / str(current_generation(out))) is None
    again = run_kg("stats", str(out))
    assert "keeps no counts" in again.stderr
    assert again.stdout == kg_ok("stats", str(out / "graph.trig"))
    # A rebuild writes them.
    kg_ok("build", str(texts[0]), str(texts[1]), "-o", str(out), "--rebuild")
    assert_kept_counts_are_the_counted_ones(out)


def test_the_union_tally_gives_the_counts_counting_the_store_gives():
    """kg.storecounts.UnionTally counts the union's lines as graph.ttl is written from them:
    the same counts as the store's, whatever a line's literal or IRI holds."""
    rdf_type = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    union = [
        f"<http://a> {rdf_type} <http://Person> .\n",
        f"<http://b> {rdf_type} <http://Person> .\n",
        f"<http://b> {rdf_type} <http://Org\\u00E9> .\n",  # an escaped character
        f"_:n {rdf_type} <http://Place> .\n",
        f'<http://c> <http://p> "x {rdf_type} <http://Fake" .\n',  # the type inside a literal
        f'<http://c> <http://q> "y {rdf_type} <http://Fake"^^<http://d> .\n',
        '<http://c> <http://www.w3.org/2000/01/rdf-schema#label> "C" .\n',
    ]
    named = f"<http://a> {rdf_type} <http://Person> .\n<http://a> <http://p> <http://b> .\n"
    store = ox.Store()
    store.load("".join(union).encode(), format=ox.RdfFormat.N_TRIPLES)
    store.load(named.encode(), format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode("http://g"))
    tally = UnionTally()
    tally.add("".join(union[:3]).encode())  # in chunks of whole lines, as union_of gives them
    tally.add("".join(union[3:]).encode())
    assert tally.counts(named_quads=2) == count_store(store, named_quads=2)
    assert tally.counts(named_quads=2).classes == {
        "http://Person": 2,
        "http://Orgé": 1,
        "http://Place": 1,
    }


def test_a_full_build_tallies_its_counts_instead_of_counting_its_store(
    tmp_path, texts, monkeypatch
):
    """One job: graph.ttl's union lines give the counts (the store's load is not waited for
    to count them), and they are what counting the store gives."""
    from kg.pipeline import build

    def no_count(store: ox.Store, *, named_quads: int | None = None) -> StoreCounts:
        raise AssertionError("the build counted its store after loading it")

    monkeypatch.setattr(kg.graphstore, "count_store", no_count)
    out = tmp_path / "out"
    build([str(path) for path in texts], out, view=False)
    monkeypatch.undo()
    store = open_store(out)
    try:
        folder = generation_folder(store)
        assert folder is not None
        assert read_counts(folder) == count_store(store)
    finally:
        close_store(store)
