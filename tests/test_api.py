"""kg as a library (kg/api.py): kg.build from strings, pairs, paths and DataFrames, kg.open, and
what a KnowledgeGraph gives (query, rdflib, networkx, DataFrames, explain, export, save, the
notebook view), on texts written for these tests, with the real model and Oxigraph."""

from __future__ import annotations

import html
import io
import re
import subprocess
import sys
import warnings

import pandas as pd
import pyoxigraph as ox
import pytest
from conftest import ROOT, run_kg

import kg
from kg.errors import InputError, KgError, MissingDependency, QueryError

# Written for these tests: two people meet (a fact with a place), a pronoun, a dated plan
# ("on Thursday", anchored on the document's date), a denial, an attribution.
TEXTS = [
    "Scott Bessent met He Lifeng in Kuala Lumpur. He called the talks constructive.",
    "Li Qiang will meet Olaf Scholz on Thursday. Beijing has yet to issue a statement.",
    "Mary Barra said that General Motors would build a plant in Ohio.",
]
DATES = ["2025-10-19", "2025-10-26", "2025-10-27"]


@pytest.fixture(scope="module")
def graph() -> kg.KnowledgeGraph:
    return kg.build(TEXTS)


@pytest.fixture(scope="module")
def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["kl", "berlin", "ohio"],
            "headline": ["Talks in Kuala Lumpur", "A visit", "A plant"],
            "published": pd.to_datetime(DATES),  # a datetime64 column
            "link": ["https://example.org/1", "https://example.org/2", ""],
            "desk": ["Asia", "Europe", None],
            "body": TEXTS,
        }
    )


@pytest.fixture(scope="module")
def frame_graph(frame) -> kg.KnowledgeGraph:
    return kg.build(frame, keep_fields=["desk"])


def count(graph: kg.KnowledgeGraph, where: str) -> int:
    (row,) = graph.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {where} }}")
    return row["n"]


# --- building -------------------------------------------------------------------------------


def test_build_from_strings_counts_what_the_graph_holds(graph):
    stats = graph.stats()
    assert graph.path is None
    assert graph.report.documents == stats["documents"] == 3
    assert graph.report.facts == stats["statements"] == count(graph, "?s a kg:Statement")
    assert graph.report.triples == len(graph) == stats["quads in document graphs"]
    sources = {row["s"] for row in graph.query("SELECT ?s WHERE { ?d dcterms:source ?s }")}
    assert sources == {"text:1", "text:2", "text:3"}
    rows = graph.query(
        "SELECT ?who ?whom WHERE { ?a rel:meet ?b . ?a rdfs:label ?who . ?b rdfs:label ?whom }"
        " ORDER BY ?who"
    )
    assert rows == [
        {"who": "Li Qiang", "whom": "Olaf Scholz"},
        {"who": "Scott Bessent", "whom": "He Lifeng"},
    ]


def test_a_single_string_is_a_text_not_a_path(tmp_path):
    (tmp_path / "Bessent met Li.").write_text("A file named like the text.")
    single = kg.build("Bessent met Li.")
    assert single.query("SELECT ?s WHERE { ?d dcterms:source ?s }") == [{"s": "text:1"}]


def test_build_from_pairs_keeps_metadata_and_anchors_dates():
    graph = kg.build(
        [
            (
                TEXTS[1],
                {
                    "id": "berlin",
                    "title": "A visit",
                    "date": "Sunday, 26 October 2025",
                    "url": "https://example.org/2",
                    "extra": {"desk": "Europe", "words": 15},
                },
            )
        ]
    )
    (document,) = graph.documents().to_dict("records")
    assert document["document"] == "text#berlin"
    assert (document["title"], document["date"], document["url"]) == (
        "A visit",
        "2025-10-26",
        "https://example.org/2",
    )
    assert (document["desk"], document["words"]) == ("Europe", "15")
    meet = graph.facts().query("relation == 'meet'").iloc[0]
    assert (meet["time"], meet["time_value"], meet["time_type"]) == (
        "on Thursday",
        "2025-10-30",
        "DATE",
    )


def test_build_from_a_dataframe_with_a_date_column(frame, frame_graph):
    documents = frame_graph.documents().set_index("document")
    assert list(documents.index) == ["dataframe#berlin", "dataframe#kl", "dataframe#ohio"]
    for row in frame.itertuples():
        got = documents.loc[f"dataframe#{row.id}"]
        assert got["title"] == row.headline
        assert got["date"] == row.published.date().isoformat()  # midnight: the day
        assert got["url"] == row.link
        assert got["desk"] == (row.desk or "")
    # The date anchors relative times, as a corpus row's date does in kg build.
    meet = frame_graph.facts().query("relation == 'meet' and subject == 'Li Qiang'").iloc[0]
    assert meet["time_value"] == "2025-10-30"
    # The same rows as a CSV corpus through the command make the same document graphs (the
    # sources differ only in the corpus's name).
    assert frame_graph.stats()["statements"] == kg.build(TEXTS).stats()["statements"]


def test_a_dataframe_round_trips_through_csv_and_kg_build(tmp_path, frame, frame_graph):
    corpus = tmp_path / "dataframe"  # named so that its rows are named as the DataFrame's
    frame.assign(published=[d for d in DATES]).to_csv(corpus, index=False)
    out = tmp_path / "out"
    result = run_kg(
        "build", str(corpus), "--input-format", "csv", "--keep-field", "desk", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    from_cli = kg.open(out).documents()
    from_cli["document"] = from_cli["document"].str.replace(str(corpus), "dataframe")
    assert from_cli.to_dict("records") == frame_graph.documents().to_dict("records")
    assert _nquads(kg.open(out)) == _nquads(frame_graph).replace(
        b'"dataframe#', b'"' + str(corpus).encode() + b"#"
    )


def test_dataframe_columns_are_chosen_by_the_cli_flags():
    frame = pd.DataFrame({"story": [TEXTS[0]], "when": ["2025-10-19"], "text": ["not this"]})
    graph = kg.build(frame, text_field="story", date_field="when")
    (document,) = graph.documents().to_dict("records")
    assert document["date"] == "2025-10-19"
    assert all(sentence in TEXTS[0] for sentence in graph.facts()["sentence"])


def test_built_in_memory_and_into_a_folder_are_the_same_graph(tmp_path, graph):
    folder = kg.build(TEXTS, tmp_path / "out")
    assert folder.path == tmp_path / "out" / "graph.trig"
    assert folder.report.documents == 3
    assert _nquads(folder) == _nquads(graph)
    # save() writes the files kg build writes, byte for byte.
    saved = graph.save(tmp_path / "saved")
    for name in ("graph.trig", "graph.ttl"):
        assert (saved / name).read_bytes() == (tmp_path / "out" / name).read_bytes(), name
    assert (saved / "graph.html").is_file()


def test_build_from_a_path_is_kg_build(seed_build):
    graph = kg.build(ROOT / "seeds")
    assert _nquads(graph) == _nquads(kg.open(seed_build))
    assert graph.report.files_read == 1


def test_mixed_inputs_and_repeated_texts(tmp_path):
    note = tmp_path / "note.txt"
    note.write_text(TEXTS[2], encoding="utf-8")
    graph = kg.build([TEXTS[0], note, (TEXTS[0], {}), TEXTS[0]])
    assert graph.report.documents == 2  # the same text (no date) is one document
    sources = sorted(graph.documents()["document"])
    assert sources == sorted(["text:1", str(note)])


# --- errors ---------------------------------------------------------------------------------


def test_an_unreadable_input_raises_the_cli_message(tmp_path):
    bad = tmp_path / "notes.txt"
    bad.write_bytes(b"caf\xe9 au lait")
    with pytest.raises(InputError) as raised:
        kg.build([TEXTS[0], bad])
    cli = run_kg("build", str(bad), "-o", str(tmp_path / "out"))
    assert cli.returncode == 1
    assert f"kg: error: {raised.value}" in cli.stderr.splitlines()


def test_errors_warn_builds_the_others(tmp_path):
    with pytest.warns(UserWarning, match=r"text:2: empty text"):
        graph = kg.build([TEXTS[0], "   "], errors="warn")
    assert graph.report.documents == 1
    assert [str(f) for f in graph.report.failures] == ["text:2: empty text (field 'text')"]
    out = tmp_path / "out"
    with pytest.raises(InputError):
        kg.build([TEXTS[0], "   "], out)
    assert not (out / "graph.trig").exists()  # nothing written


def test_a_dataframe_without_a_text_column_is_the_cli_error(tmp_path):
    frame = pd.DataFrame({"headline": ["A"], "words": ["B"]})
    with pytest.raises(InputError) as raised:
        kg.build(frame)
    corpus = tmp_path / "corpus.csv"
    frame.to_csv(corpus, index=False)
    cli = run_kg("build", str(corpus), "-o", str(tmp_path / "out"))
    assert str(raised.value) == cli.stderr.splitlines()[0].replace(
        f"kg: error: {corpus}", "dataframe"
    )


def test_bad_metadata_and_bad_inputs_are_named():
    with pytest.raises(InputError, match=r"text:1: unknown metadata 'author'"):
        kg.build([("Text.", {"author": "Me"})])
    with pytest.raises(KgError, match=r"cannot build from int"):
        kg.build([3])
    with pytest.raises(KgError, match=r"no document could be read"):
        kg.build([], errors="warn")


def test_query_errors_are_the_cli_messages(graph, tmp_path):
    folder = graph.save(tmp_path / "out")
    for text in (
        "SELECT ?x WHERE { ?x ?y }",
        "SELECT * WHERE { SERVICE <http://x/> { ?s ?p ?o } }",
    ):
        with pytest.raises(QueryError) as raised:
            graph.query(text)
        cli = run_kg("query", str(folder), text)
        assert cli.returncode == 1
        assert cli.stderr.strip() == f"kg: error: {raised.value}"


def test_kg_open_errors_are_the_cli_messages(tmp_path):
    broken = tmp_path / "broken.ttl"
    broken.write_text("<a> <b> .\n", encoding="utf-8")
    with pytest.raises(KgError) as raised:
        kg.open(broken)
    cli = run_kg("stats", str(broken))
    assert cli.stderr.strip() == f"kg: error: {raised.value}"


def test_without_pandas_the_error_names_the_extra(graph, monkeypatch):
    monkeypatch.setitem(sys.modules, "pandas", None)  # import pandas now raises ImportError
    for method in (graph.facts, graph.entities, graph.documents):
        with pytest.raises(MissingDependency, match=re.escape("pip install 'kg[pandas]'")):
            method()


# --- what a graph gives ---------------------------------------------------------------------


def test_query_rows_are_python_values(graph):
    rows = graph.query(
        "SELECT ?c ?n ?when ?none WHERE { ?s kg:confidence ?c ; kg:negated ?n ."
        " OPTIONAL { ?s kg:timeStart ?when } OPTIONAL { ?s kg:nothing ?none } }"
    )
    assert {type(row["c"]) for row in rows} == {float}
    assert {type(row["n"]) for row in rows} == {bool}
    assert all(set(row) == {"c", "n", "when", "none"} and row["none"] is None for row in rows)
    construct = graph.query("CONSTRUCT { ?a rel:meet ?b } WHERE { ?a rel:meet ?b }")
    assert len(construct) == 2
    assert graph.query("ASK { ent:Scott_Bessent rel:meet ent:He_Lifeng }") is True
    with pytest.warns(UserWarning, match="result truncated at 1"):
        assert len(graph.query("SELECT ?s WHERE { ?s a kg:Sentence }", max_rows=1)) == 1


def test_to_networkx_counts_equal_the_graphs(graph, tmp_path):
    import networkx as nx

    network = graph.to_networkx()
    classes = " ".join(f"kg:{name}" for name in ("Person", "Organization", "Place", "Group",
                                                  "Event", "Work", "Thing", "Concept",
                                                  "Nominal", "Date"))  # fmt: skip
    entities = count(graph, f"SELECT DISTINCT ?e WHERE {{ ?e a ?t VALUES ?t {{ {classes} }} }}")
    statements = count(
        graph,
        "?st a kg:Statement ; rdf:subject ?s ; rdf:object ?o . FILTER(isIRI(?o))"
        " ?s a ?ts . ?o a ?to . VALUES ?ts { " + classes + " } VALUES ?to { " + classes + " }",
    )
    undescribed = count(
        graph,
        "?s ?p ?o . FILTER(isIRI(?o) && STRSTARTS(STR(?p), STR(rel:)))"
        " FILTER NOT EXISTS { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o }",
    )
    assert network.number_of_nodes() == entities > 0
    assert network.number_of_edges() == statements + undescribed > 0
    assert set(network) == set(graph.entities()["iri"])
    graphml = nx.read_graphml(graph.export(tmp_path / "g.graphml"))
    assert (graphml.number_of_nodes(), graphml.number_of_edges()) == (
        network.number_of_nodes(),
        network.number_of_edges(),
    )


def test_facts_are_the_graphs_statements_and_kg_extracts_records(graph):
    from kg.api import read_inputs
    from kg.facts import corpus_records
    from kg.pipeline import extract_documents
    from kg.resolve import resolve

    facts = graph.facts()
    assert len(facts) == count(graph, "?s a kg:Statement") == graph.report.facts
    assert facts["statement"].is_unique
    assert facts.dtypes["confidence"] == "float64" and facts.dtypes["negated"] == "bool"
    documents = [d for d in read_inputs(TEXTS) if not isinstance(d, InputError)]
    corpus = resolve(extract_documents(documents))
    records = list(corpus_records(corpus))
    compared = [c for c in facts.columns if c not in ("document", "statement", "subject_iri",
                                                      "object_iri", "object_type")]  # fmt: skip

    def key(record) -> tuple:
        # The graph states a time's TIMEX3 type only with its value (kg/rdf.py): without a
        # date to anchor it, "on Thursday" has neither there, and its type is "" here.
        time_type = record["time_type"] if record["time_value"] else ""
        return tuple(str(time_type if c == "time_type" else record[c]) for c in compared)

    assert sorted(key(r) for r in facts.to_dict("records")) == sorted(key(r) for r in records)
    nodes = facts[facts["object_iri"] != ""]
    node_types = {(r["subject"], r["relation"], r["object"], r["object_type"]) for r in records}
    assert {tuple(r) for r in nodes[["subject", "relation", "object", "object_type"]].values} <= (
        node_types
    )
    denied = facts.query("negated")
    assert list(denied["subject"]) == ["Beijing"]
    said = facts.query("attribution != ''").iloc[0]
    assert said["attribution"] == "Mary Barra"


def test_dataframes_round_trip_through_csv(graph):
    for frame in (graph.facts(), graph.entities(), graph.documents()):
        text = frame.to_csv(index=False)
        strings = {c: str for c in frame.columns if pd.api.types.is_object_dtype(frame.dtypes[c])}
        back = pd.read_csv(io.StringIO(text), dtype=strings, keep_default_na=False)
        pd.testing.assert_frame_equal(back, frame)


def test_entities_count_their_documents_sentences_and_facts(graph):
    entities = graph.entities().set_index("label")
    bessent = entities.loc["Scott Bessent"]
    assert (bessent["type"], bessent["documents"], bessent["sentences"]) == ("Person", 1, 2)
    assert bessent["facts"] == count(graph, "?s rdf:subject|rdf:object ent:Scott_Bessent")


def test_to_rdflib_is_a_copy_with_a_named_graph_per_document(graph):
    from rdflib import URIRef

    dataset = graph.to_rdflib()
    named = {g.identifier for g in dataset.graphs() if isinstance(g.identifier, URIRef)}
    documents = {URIRef(iri) for iri in graph.documents()["iri"]}
    assert documents <= named
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(graph)
    dataset.remove((None, None, None))
    assert len(graph) == graph.report.triples  # the graph itself is untouched


def test_explain_is_kg_explain(graph, tmp_path):
    folder = graph.save(tmp_path / "out")
    cli = run_kg("explain", str(folder), "scott bessent")
    assert cli.returncode == 0, cli.stderr
    assert graph.explain("Scott Bessent") + "\n" == cli.stdout.replace(str(folder), "")


def test_export_is_kg_export(graph, tmp_path):
    folder = graph.save(tmp_path / "out")
    for fmt, name in (("turtle", "g.ttl"), ("nquads", "g.nq"), ("jsonld", "g.jsonld")):
        written = graph.export(tmp_path / name)  # the format from the suffix
        cli = run_kg("export", str(folder), "--format", fmt)
        assert cli.returncode == 0, cli.stderr
        assert written.read_text(encoding="utf-8") == cli.stdout, fmt
    graph.export(tmp_path / "neo4j", "csv")
    assert (tmp_path / "neo4j" / "nodes.csv").is_file()
    with pytest.raises(KgError, match="cannot tell the format"):
        graph.export(tmp_path / "g.xyz")


def test_repr_html_is_the_view_in_a_sandboxed_iframe(graph):
    shown = graph._repr_html_()
    match = re.fullmatch(r'<iframe sandbox="allow-scripts" [^>]*srcdoc="([^"]*)"></iframe>', shown)
    assert match, shown[:200]
    page = html.unescape(match.group(1))
    assert page == graph.to_html()
    assert page.startswith("<!DOCTYPE html>")
    assert "Scott Bessent" in page and "He Lifeng" in page
    # Offline: nothing is loaded from another host.
    assert not re.search(r"""(src|href)\s*=\s*["']?(https?:)?//""", page)


def test_repr_names_what_it_holds(graph, tmp_path):
    assert repr(graph) == "<KnowledgeGraph in memory: 3 documents, 5 sentences, 7 facts>"


def test_import_kg_does_not_import_spacy_or_rdflib():
    code = (
        "import sys, kg; "
        "print(sorted(m for m in ('spacy', 'rdflib', 'pyoxigraph', 'pandas', 'kg.api') "
        "if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr
    assert kg.__version__ == "0.1.0"


def _nquads(graph: kg.KnowledgeGraph) -> bytes:
    """The graph's canonical N-Quads (kg export's bytes): equal bytes, equal graphs."""
    from kg.export import export

    with warnings.catch_warnings():
        return export(graph._dataset, "nquads")


def test_nquads_helper_sees_differences(graph):
    other = kg.build(TEXTS[:2])
    assert _nquads(other) != _nquads(graph)
    store = ox.Store()
    store.load(_nquads(graph), format=ox.RdfFormat.N_QUADS)
    assert len(store) == len(graph)


def test_an_in_memory_build_writes_no_file(monkeypatch, nlp, graph):
    import tempfile

    def refuse(*args, **kwargs):
        raise AssertionError("an in-memory build made a temporary file")

    for name in ("mkstemp", "mkdtemp", "TemporaryDirectory", "NamedTemporaryFile", "TemporaryFile"):
        monkeypatch.setattr(tempfile, name, refuse)
    assert _nquads(kg.build(TEXTS)) == _nquads(graph)


def test_jobs_build_the_same_graph(graph):
    assert _nquads(kg.build(TEXTS, jobs=2)) == _nquads(graph)
