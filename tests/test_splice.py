"""Incremental builds splice the earlier files (kg/splice.py): the bytes are a fresh build's,
the earlier graph.trig is not parsed, and files the build did not write are rewritten in full."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pyoxigraph as ox
import pytest

import kg.graphspool
import kg.pipeline
from kg.canonical import trig_of, turtle_of
from kg.graphstore import close_store, open_store
from kg.splice import expand, splice_trig, splice_turtle

FIRST = "Angela Merkel met Emmanuel Macron in Paris. Merkel praised the agreement."
SECOND = "Olaf Scholz visited Joe Biden in Washington. Biden welcomed Scholz."
THIRD = "Angela Merkel met Joe Biden in Berlin. Biden thanked Merkel."
FILES = ("graph.trig", "graph.ttl", "graph.html")


def files(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in FILES}


def store_contents(out: Path) -> frozenset[str]:
    opened = open_store(out)
    try:
        return frozenset(str(q) for q in opened.store.quads_for_pattern(None, None, None, None))
    finally:
        # Closed, not only unlocked: a store left open in the test process keeps descriptors
        # of a generation the next build removes, and forked query workers inherit them.
        close_store(opened.store)


def fresh(tmp_path: Path, name: str, *paths: Path) -> tuple[Path, int]:
    """A fresh build of ``paths`` (nothing earlier to read) and its number of triples."""
    out = tmp_path / name
    return out, kg.pipeline.build([str(p) for p in paths], out).triples


@pytest.fixture
def no_parse_of_the_earlier_build(monkeypatch):
    """Any read of the earlier graph.trig fails: the splice must not need one."""

    def refuse(*_args, **_kwargs):
        raise AssertionError("the earlier graph.trig was parsed")

    def refused() -> None:
        monkeypatch.setattr(kg.pipeline, "load_build", refuse)
        monkeypatch.setattr(kg.graphspool, "load_build", refuse)

    return refused


def test_add_replace_and_remove_splice_the_bytes_of_a_fresh_build(
    tmp_path, no_parse_of_the_earlier_build
):
    texts = []
    for name, text in (("first", FIRST), ("second", SECOND), ("third", THIRD)):
        path = tmp_path / f"{name}.txt"
        path.write_text(text, encoding="utf-8")
        texts.append(path)
    first, second, third = texts
    out = tmp_path / "out"
    kg.pipeline.build([str(first)], out)
    no_parse_of_the_earlier_build()

    added = kg.pipeline.build([str(second), str(third)], out)
    assert added.spliced and added.documents == 2
    expected, triples = fresh(tmp_path, "fresh-add", first, second, third)
    assert files(out) == files(expected)
    assert store_contents(out) == store_contents(expected)
    assert added.triples == triples
    # A re-run reads the build's size from its record, as it reads nothing else.
    unchanged = kg.pipeline.build([str(first), str(second), str(third)], out)
    assert unchanged.unchanged == 3 and unchanged.triples == triples

    first.write_text(SECOND + " " + FIRST, encoding="utf-8")  # the same source, other text
    replaced = kg.pipeline.build([str(first)], out)
    assert replaced.spliced and replaced.replaced == 1
    expected, triples = fresh(tmp_path, "fresh-replace", first, second, third)
    assert replaced.triples == triples
    assert files(out) == files(expected)
    assert store_contents(out) == store_contents(expected)

    assert kg.pipeline.remove(out, [str(third)]) == [str(third)]
    expected, _ = fresh(tmp_path, "fresh-remove", first, second)
    assert files(out) == files(expected)
    assert store_contents(out) == store_contents(expected)


def test_files_changed_since_the_build_are_rewritten_in_full(tmp_path):
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    out = tmp_path / "out"
    kg.pipeline.build([str(first)], out)
    # Touched (as an edit would): its record no longer matches, so it is not spliced.
    stat = (out / "graph.ttl").stat()
    os.utime(out / "graph.ttl", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1))
    added = kg.pipeline.build([str(second)], out)
    assert not added.spliced
    expected, _ = fresh(tmp_path, "fresh", first, second)
    assert files(out) == files(expected)
    # The full rewrite records its files again: the next build splices.
    third = tmp_path / "third.txt"
    third.write_text(THIRD, encoding="utf-8")
    assert kg.pipeline.build([str(third)], out).spliced


def _random_iri(rng: random.Random, space: str) -> str:
    # Local names that Turtle writes as prefixed names with escapes (/ . - ( ) ~), as <...>
    # (a space-free name its grammar cannot take as a prefixed name) and non-ASCII ones.
    pieces = ["a", "b", "Z", "é", "/", ".", "-", "(", ")", "~", "%41", "_", "1", "ß"]
    local = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 6)))
    return space + local


def _random_lines(rng: random.Random, count: int) -> set[bytes]:
    spaces = [
        "https://w3id.org/kg/entity/",
        "https://w3id.org/kg/document/",
        "https://w3id.org/kg/statement/",
        "http://example.org/other#",
    ]
    predicates = [ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")] + [
        ox.NamedNode(f"https://w3id.org/kg/relation/r{k}") for k in range(3)
    ]
    lines = set()
    for _ in range(count):
        subject = ox.NamedNode(_random_iri(rng, rng.choice(spaces)))
        predicate = rng.choice(predicates)
        obj: ox.NamedNode | ox.Literal = (
            ox.Literal(f"name {rng.randint(0, 5)}")
            if predicate.value.endswith("label")
            else ox.NamedNode(_random_iri(rng, rng.choice(spaces)))
        )
        lines.add(str(ox.Triple(subject, predicate, obj)).encode() + b" .\n")
    return lines


def _graphs(lines_of: dict[str, set[bytes]]) -> list[tuple[ox.NamedNode, list[bytes]]]:
    return [
        (ox.NamedNode(k), sorted(lines_of[k])) for k in sorted(lines_of, key=lambda k: f"<{k}>")
    ]


@pytest.mark.parametrize("seed", range(6))
def test_a_splice_gives_the_bytes_of_the_full_writer(tmp_path, seed):
    """Random graphs over awkward IRIs: a few graphs dropped and added, and the spliced files
    are byte for byte what the full writers give of the result."""
    rng = random.Random(seed)
    graphs = {
        f"https://w3id.org/kg/document/g{k:03d}{rng.choice('/.-x')}": _random_lines(rng, 40)
        for k in range(60)
    }
    union = set().union(*graphs.values())
    old_trig, old_ttl = tmp_path / "graph.trig", tmp_path / "graph.ttl"
    old_trig.write_bytes(b"".join(trig_of((g, b"".join(lines)) for g, lines in _graphs(graphs))))
    old_ttl.write_bytes(b"".join(turtle_of(_graphs(graphs))))

    dropped = set(rng.sample(sorted(graphs), 5))
    added = {f"https://w3id.org/kg/document/n{k}": _random_lines(rng, 30) for k in range(3)}
    # One added graph repeats lines of graphs that stay and of a dropped one.
    added["https://w3id.org/kg/document/n0"] |= set(list(union)[:20])
    after = {k: v for k, v in graphs.items() if k not in dropped} | added
    new_union = set().union(*after.values())

    trig = splice_trig(
        old_trig, dropped, [(k, b"".join(sorted(v))) for k, v in added.items()], tmp_path
    )
    ttl = splice_turtle(old_ttl, new_union - union, union - new_union, tmp_path)
    assert trig.read_bytes() == b"".join(
        trig_of((g, b"".join(lines)) for g, lines in _graphs(after))
    )
    assert ttl.read_bytes() == b"".join(turtle_of(_graphs(after)))


def test_prefixed_names_expand_to_the_iris_the_parser_reads(seed_build):
    """Every subject of a build's graph.ttl, expanded from its token, is the parsed subject."""
    text = (seed_build / "graph.ttl").read_bytes()
    header_end = text.index(b"\n\n") + 2
    blocks = [line for line in text[header_end:].split(b"\n") if line and line[:1] != b"\t"]
    parsed = {t.subject.value for t in ox.parse(text, format=ox.RdfFormat.TURTLE)}
    assert {expand(line.split(b" ", 1)[0]).decode() for line in blocks} == parsed


def test_the_page_of_a_large_build_grows_by_the_new_documents_without_reading_the_others(
    tmp_path, monkeypatch, no_parse_of_the_earlier_build
):
    """Past VIEW_FULL_GRAPH_QUADS the page shows a bounded part: an incremental build adds what
    the new documents state about its entities to the part kept beside the store, and reads no
    earlier graph."""
    monkeypatch.setattr(kg.graphspool, "VIEW_FULL_GRAPH_QUADS", 0)  # every build is large
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST + " " + SECOND, encoding="utf-8")
    second.write_text(THIRD, encoding="utf-8")
    out = tmp_path / "out"
    kg.pipeline.build([str(first)], out)
    assert "Berlin" not in (out / "graph.html").read_text(encoding="utf-8")
    no_parse_of_the_earlier_build()
    added = kg.pipeline.build([str(second)], out)
    assert added.spliced
    page = (out / "graph.html").read_text(encoding="utf-8")
    # The new sentence is provenance of entities the page already showed.
    assert "Merkel met Joe Biden in Berlin" in page
    assert "of a graph of" in page  # the part, as the heading says


def test_a_file_the_splice_cannot_read_is_rewritten_in_full(tmp_path):
    """Same size, same time, other bytes (a header the splice does not know): the fast path
    gives up before anything is renamed, and the full rewrite gives a fresh build's files."""
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    out = tmp_path / "out"
    kg.pipeline.build([str(first)], out)
    turtle = out / "graph.ttl"
    stat = turtle.stat()
    turtle.write_bytes(turtle.read_bytes().replace(b"@prefix kg:", b"@PREFIX kg:", 1))
    os.utime(turtle, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    added = kg.pipeline.build([str(second)], out)
    assert not added.spliced
    expected, _ = fresh(tmp_path, "fresh", first, second)
    assert files(out) == files(expected)
    assert store_contents(out) == store_contents(expected)
