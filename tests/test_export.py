"""Every export format read back by a tool nobody here wrote (pyoxigraph and rdflib parsers for
RDF, networkx for GraphML, Python's csv module for CSV), equal in content to the source,
byte-identical from run to run, and written atomically."""

from __future__ import annotations

import csv
import io
import json
import random
import subprocess
import sys
from pathlib import Path

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

import kg.canonical
import kg.export
import kg.vocab
from kg.errors import KgError
from kg.export import CSV_NODES, CSV_RELATIONSHIPS, FORMATS, export
from kg.store import load_dataset, new_dataset, oxigraph_store

SMALL = Path(__file__).parent / "data" / "kg_small.trig"
ENT = "https://w3id.org/kg/entity/"

OX_FORMAT = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "trig": ox.RdfFormat.TRIG,
    "nquads": ox.RdfFormat.N_QUADS,
    "jsonld": ox.RdfFormat.JSON_LD,
}
RDFLIB_FORMAT = {
    "turtle": "turtle",
    "ntriples": "nt",
    "trig": "trig",
    "nquads": "nquads",
    "jsonld": "json-ld",
}
QUAD_FORMATS = ("trig", "nquads", "jsonld")


@pytest.fixture(scope="module")
def source() -> rdflib.Dataset:
    return load_dataset(SMALL, union_default_graph=False)


@pytest.fixture(scope="module")
def source_quads() -> set[ox.Quad]:
    return set(ox.parse(SMALL.read_bytes(), format=ox.RdfFormat.TRIG))


def shuffled_copy(quads: set[ox.Quad], seed: int) -> rdflib.Dataset:
    """The same quads inserted in another order."""
    order = sorted(quads, key=str)
    random.Random(seed).shuffle(order)
    dataset = new_dataset()
    oxigraph_store(dataset).extend(order)
    return dataset


# --- RDF formats ---------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(OX_FORMAT))
def test_rdf_formats_read_back_equal(source, source_quads, fmt):
    data = export(source, fmt, None)
    parsed = set(ox.parse(data, format=OX_FORMAT[fmt]))
    if fmt in QUAD_FORMATS:
        assert parsed == source_quads
    else:  # triple formats hold the union: each triple once, whatever graphs it was in
        union = {q.triple for q in source_quads}
        assert {q.triple for q in parsed} == union
        assert len(parsed) == len(union)
        assert all(q.graph_name == ox.DefaultGraph() for q in parsed)


@pytest.mark.parametrize("fmt", sorted(RDFLIB_FORMAT))
def test_rdf_formats_read_back_by_rdflib(source, fmt):
    expected = rdflib.Dataset()
    expected.parse(SMALL, format="trig")
    data = export(source, fmt, None)
    if fmt in QUAD_FORMATS:
        parsed = rdflib.Dataset()
        parsed.parse(data=data, format=RDFLIB_FORMAT[fmt])
        names = {g.identifier for g in expected.graphs()} - {expected.default_graph.identifier}
        assert {g.identifier for g in parsed.graphs()} >= names
        for name in names:
            assert isomorphic(parsed.graph(name), expected.graph(name)), name
    else:
        union = rdflib.Graph()
        for quad in expected.quads((None, None, None, None)):
            union.add(quad[:3])
        parsed = rdflib.Graph().parse(data=data, format=RDFLIB_FORMAT[fmt])
        assert len(parsed) == len(union)
        assert isomorphic(parsed, union)


def test_turtle_uses_kg_prefixes(source):
    text = export(source, "turtle", None).decode("utf-8")
    assert text.startswith("@prefix kg: <https://w3id.org/kg/ontology#> .\n")
    assert "ent:Scott_Bessent" in text


def test_jsonld_has_kg_context(source):
    document = json.loads(export(source, "jsonld", None))
    assert document["@context"]["kg"] == "https://w3id.org/kg/ontology#"
    assert document["@context"]["ent"] == ENT
    assert "ent:Scott_Bessent" in json.dumps(document)


@pytest.mark.parametrize("fmt", FORMATS)
def test_exports_are_deterministic(source_quads, fmt, tmp_path: Path):
    """The same quads inserted in two different orders give byte-identical files."""
    outputs = []
    for seed in (1, 2):
        target = tmp_path / f"{seed}.{fmt}"
        export(shuffled_copy(source_quads, seed), fmt, target)
        if fmt == "csv":
            outputs.append([(target / n).read_bytes() for n in (CSV_NODES, CSV_RELATIONSHIPS)])
        else:
            outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]


def test_blank_nodes_do_not_break_determinism():
    text = b"""
    _:a <http://e/p> _:b <http://e/g> .
    _:b <http://e/p> "x" <http://e/g> .
    <http://e/s> <http://e/q> _:a .
    """
    outputs = []
    for _ in range(2):
        store = ox.Store()
        store.load(text, format=ox.RdfFormat.N_QUADS)
        outputs.append([export(store, fmt, None) for fmt in ("turtle", "nquads", "trig")])
    assert outputs[0] == outputs[1]
    assert len(list(ox.parse(outputs[0][1], format=ox.RdfFormat.N_QUADS))) == 3


def test_unknown_format_is_a_one_line_error(source):
    with pytest.raises(KgError, match="allowed: turtle"):
        export(source, "rdfxml-ish", None)


def test_aliases(source):
    assert export(source, "ttl", None) == export(source, "turtle", None)


# --- GraphML -------------------------------------------------------------------------------


def test_graphml_reads_back_in_networkx(source, tmp_path: Path):
    path = tmp_path / "graph.graphml"
    export(source, "graphml", path)
    graph = nx.read_graphml(path)
    people = {n for n, a in graph.nodes(data=True) if a["type"] == "Person"}
    assert people == {
        ENT + "Scott_Bessent",
        ENT + "He_Lifeng",
        ENT + "Donald_Trump",
        ENT + "Li_Chenggang",
    }
    assert graph.nodes[ENT + "Donald_Trump"]["aliases"] == "Donald; Trump"
    assert graph.nodes[ENT + "concept/tariff"]["label"] == "tariff"
    assert graph.nodes[ENT + "Beijing"]["type"] == "Place"
    edges = list(graph.edges(data=True))
    # s1 and s2 (entity objects); s3 has a clause as object and is not an edge.
    assert len(edges) == 2
    (attributes,) = [
        data
        for source_id, target_id, data in edges
        if (source_id, target_id) == (ENT + "Scott_Bessent", ENT + "He_Lifeng")
    ]
    assert attributes["relation"] == "meet"
    assert attributes["confidence"] == pytest.approx(0.87)
    assert attributes["negated"] is False
    assert attributes["sentence"].startswith("US Treasury Secretary Scott Bessent met")
    # Gephi and Cytoscape read scalar attributes only.
    for _, data in graph.nodes(data=True):
        assert all(isinstance(v, str | int | float | bool) for v in data.values())
    for _, _, data in edges:
        assert all(isinstance(v, str | int | float | bool) for v in data.values())


def test_graphml_cleans_what_xml_cannot_hold(tmp_path: Path):
    dataset = new_dataset()
    dataset.parse(
        data="@prefix kg: <https://w3id.org/kg/ontology#> . "
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> . "
        '<https://w3id.org/kg/entity/x> a kg:Person ; rdfs:label "nul\\u0000 <b>&amp;" .',
        format="turtle",
    )
    path = tmp_path / "x.graphml"
    export(dataset, "graphml", path)
    graph = nx.read_graphml(path)
    assert graph.nodes[ENT + "x"]["label"] == "nul\ufffd <b>&amp;"


# --- Neo4j CSV -----------------------------------------------------------------------------


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_csv_in_neo4j_import_shape(source, tmp_path: Path):
    export(source, "csv", tmp_path / "neo4j")
    nodes = read_csv(tmp_path / "neo4j" / CSV_NODES)
    relationships = read_csv(tmp_path / "neo4j" / CSV_RELATIONSHIPS)
    assert list(nodes[0])[:3] == ["id:ID", "label", ":LABEL"]
    assert list(relationships[0])[:3] == [":START_ID", ":END_ID", ":TYPE"]
    by_id = {row["id:ID"]: row for row in nodes}
    assert len(by_id) == len(nodes) == 6
    assert by_id[ENT + "Donald_Trump"][":LABEL"] == "Entity;Person"
    assert by_id[ENT + "Donald_Trump"]["aliases:string[]"] == "Donald;Trump"
    assert by_id[ENT + "Scott_Bessent"]["roles:string[]"] == "US Treasury Secretary"
    # Every relationship joins two nodes of nodes.csv (neo4j-admin refuses dangling ids).
    for row in relationships:
        assert row[":START_ID"] in by_id and row[":END_ID"] in by_id
    threaten = next(r for r in relationships if r["relation"] == "threaten")
    assert threaten[":TYPE"] == "THREATEN"
    assert float(threaten["confidence:double"]) == pytest.approx(0.9)
    assert threaten["negated:boolean"] == "false"
    assert threaten["modality"] == "may"
    assert threaten["sentence"] == 'Trump threatened "100%" tariffs, Li said.'


def test_csv_needs_a_folder(source, tmp_path: Path):
    with pytest.raises(KgError, match="folder"):
        export(source, "csv", None)
    (tmp_path / "file").write_text("x")
    with pytest.raises(KgError, match="folder"):
        export(source, "csv", tmp_path / "file")


# --- atomic writes -------------------------------------------------------------------------


def test_failed_export_leaves_the_previous_file_untouched(source, tmp_path, monkeypatch):
    target = tmp_path / "graph.ttl"
    export(source, "turtle", target)
    before = target.read_bytes()

    def broken(store):
        yield b"@prefix kg: <https://w3id.org/kg/ontology#> .\n"
        raise RuntimeError("disk full, say")

    monkeypatch.setitem(kg.export._RENDERERS, "turtle", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        export(source, "turtle", target)
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["graph.ttl"]  # no temp file left


def test_failed_csv_export_leaves_both_files_untouched(source, tmp_path, monkeypatch):
    folder = tmp_path / "neo4j"
    export(source, "csv", folder)
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    real = kg.export.render_csv

    def broken(store):
        nodes, _ = real(store)

        def failing():
            yield b":START_ID,:END_ID,:TYPE\n"
            raise RuntimeError("interrupted")

        return nodes, failing()

    monkeypatch.setattr(kg.export, "render_csv", broken)
    with pytest.raises(RuntimeError, match="interrupted"):
        export(source, "csv", folder)
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


# --- CLI -----------------------------------------------------------------------------------


def test_cli_export_to_stdout_and_file(tmp_path: Path):
    # The installed entry point, as a user runs it.
    kg_command = [str(Path(sys.executable).parent / "kg")]
    result = subprocess.run(
        [*kg_command, "export", str(SMALL), "--format", "ntriples"],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert len(list(ox.parse(result.stdout, format=ox.RdfFormat.N_TRIPLES))) > 0
    result = subprocess.run(
        [*kg_command, "export", str(SMALL), "--format", "csv", "-o", str(tmp_path / "csv")],
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "csv" / CSV_NODES).is_file()
    result = subprocess.run(
        [*kg_command, "export", str(SMALL), "--format", "nope"], capture_output=True, timeout=120
    )
    assert result.returncode == 1
    assert b"unknown export format" in result.stderr


@pytest.mark.parametrize("fmt", ["trig", "nquads", "jsonld"])
def test_seed_build_round_trips(seed_build, fmt):
    """The real seed graph, not just the hand-written one, survives each quad format."""
    dataset = load_dataset(seed_build, union_default_graph=False)
    expected = set(oxigraph_store(dataset).quads_for_pattern(None, None, None, None))
    parsed = set(ox.parse(export(dataset, fmt, None), format=OX_FORMAT[fmt]))
    assert parsed == expected


def test_union_export_spilled_to_disk_in_small_runs_is_identical(monkeypatch, seed_build):
    """The external merge sort (bounded memory) gives the same bytes as one in-memory run."""
    store = oxigraph_store(load_dataset(seed_build, union_default_graph=False))
    in_memory = b"".join(kg.canonical.canonical_ntriples(store))
    monkeypatch.setattr(kg.canonical, "RUN_BYTES", 2000)
    assert b"".join(kg.canonical.canonical_ntriples(store)) == in_memory
    # Merged a few lines at a time too: chunks of each run end at every possible place.
    monkeypatch.setattr(kg.canonical, "MERGE_READ_BYTES", 300)
    assert b"".join(kg.canonical.canonical_ntriples(store)) == in_memory
    assert in_memory.count(b"\n") == len(set(in_memory.splitlines()))


def test_merging_runs_keeps_every_line_once_in_byte_order(tmp_path, monkeypatch):
    """Runs that share lines, end unevenly and are read a line at a time merge to the sorted
    union: what the chunked merge must get right at each chunk's edge."""
    import random

    rng = random.Random(5)
    words = [f'<urn:x:{n:03d}> <urn:p> "{n}" .\n'.encode() for n in range(300)]
    runs = [sorted(set(rng.sample(words, rng.randint(0, 120)))) for _ in range(7)]
    files = []
    for number, run in enumerate(runs):
        path = tmp_path / f"run{number}"
        path.write_bytes(b"".join(run))
        files.append(path.open("rb"))
    monkeypatch.setattr(kg.canonical, "MERGE_READ_BYTES", 1)
    merged = b"".join(kg.canonical._merge_runs(files))
    for handle in files:
        handle.close()
    assert merged == b"".join(sorted(set().union(*runs)))


def test_chunk_reader_streams_chunks_of_any_size_exactly():
    # Chunks larger than a read (a whole union run), empty ones, and many small ones: the stream
    # is their concatenation, read a piece at a time.
    rng = random.Random(5)
    chunks = [
        b"",
        rng.randbytes(3 << 20),
        b"",
        *(rng.randbytes(rng.randrange(1, 5000)) for _ in range(50)),
    ]
    reader = io.BufferedReader(kg.canonical._ChunkReader(chunks), buffer_size=1 << 16)
    pieces = []
    while piece := reader.read(rng.randrange(1, 1 << 17)):
        pieces.append(piece)
    assert b"".join(pieces) == b"".join(chunks)


def _pyoxigraph_trig(quads: list[ox.Quad]) -> bytes:
    """pyoxigraph's TriG writer over the whole dataset, its prefix lines replaced by kg's."""
    body = ox.serialize(quads, format=ox.RdfFormat.TRIG, prefixes=kg.vocab.PREFIXES)
    return kg.canonical._PREFIX_HEADER + kg.canonical._without_prefixes(body)


def test_trig_written_a_graph_at_a_time_is_pyoxigraphs_trig(seed_build):
    """kg writes TriG graph by graph (each as indented Turtle): the bytes must be those of
    pyoxigraph's own TriG writer, on the seed graph and on awkward hand-made graphs: the
    default graph, blank nodes shared between graphs, literals with line breaks and tabs, IRIs
    no prefix covers, a graph name that cannot be compacted."""
    store = oxigraph_store(load_dataset(seed_build, union_default_graph=False))
    lines = list(kg.canonical.graph_lines(store))
    quads = list(ox.parse(b"".join(kg.canonical.nquads_of(lines)), format=ox.RdfFormat.N_QUADS))
    texts = [(graph, b"".join(graph_lines)) for graph, graph_lines in lines]
    assert b"".join(kg.canonical.trig_of(texts)) == _pyoxigraph_trig(quads)

    shared = ox.BlankNode("c14n0")
    entity = ox.NamedNode(ENT + "Scott_Bessent")
    label = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
    odd = ox.NamedNode("http://example.org/odd(name)")  # no prefix covers it
    awkward = [
        ox.Quad(entity, label, ox.Literal("two\nlines\tand a tab"), ox.DefaultGraph()),
        ox.Quad(entity, label, ox.Literal("Bessent", language="en"), ox.DefaultGraph()),
        ox.Quad(shared, label, ox.Literal("x"), ox.NamedNode("https://w3id.org/kg/document/a")),
        ox.Quad(entity, odd, shared, ox.NamedNode("https://w3id.org/kg/document/a")),
        ox.Quad(
            shared,
            odd,
            ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer")),
            odd,
        ),
    ]
    store = ox.Store()
    store.extend(awkward)
    lines = list(kg.canonical.graph_lines(store))
    quads = list(ox.parse(b"".join(kg.canonical.nquads_of(lines)), format=ox.RdfFormat.N_QUADS))
    texts = [(graph, b"".join(graph_lines)) for graph, graph_lines in lines]
    written = b"".join(kg.canonical.trig_of(texts))
    assert written == _pyoxigraph_trig(quads)
    assert b'"two\\nlines\\tand a tab"' in written  # escaped: no raw line break to indent
    assert set(ox.parse(written, format=ox.RdfFormat.TRIG)) == set(quads)


@pytest.mark.parametrize("label", ['=HYPERLINK("http://x")', "+15", "@SUM(A1)"])
def test_csv_cells_a_spreadsheet_would_run_as_formulas_start_with_an_apostrophe(label):
    from kg.export import csv_text

    assert csv_text(label) == "'" + label
    assert csv_text("Scott Bessent") == "Scott Bessent"
    assert csv_text("-5 %") == "-5 %"
