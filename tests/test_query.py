"""kg.query: the one guarded SPARQL path (Python API and `kg query`), on real Oxigraph."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import TURTLE_PREFIXES
from rdflib import Graph, Literal
from rdflib.query import Result

from kg.errors import QueryError
from kg.query import QueryKind, check_query, format_result, run_query
from kg.store import load_dataset, oxigraph_store
from kg.vocab import ENT, REL

KG_BIN = Path(sys.executable).with_name("kg")

# Two documents in the shape kg/rdf.py writes: one named graph each, queried as their union.
SAMPLE_TRIG = (
    TURTLE_PREFIXES
    + """

doc:aaa {
  doc:aaa a kg:Document ; kg:sha256 "aaa" ; dcterms:source "seeds/one.txt" .
  <https://w3id.org/kg/document/aaa/sentence/0> a kg:Sentence ; kg:sentenceIndex 0 ;
      kg:text "US Treasury Secretary Scott Bessent met with Chinese Vice Premier He Lifeng." ;
      dcterms:isPartOf doc:aaa .
  ent:Scott_Bessent a kg:Person ; rdfs:label "Scott Bessent" ; skos:altLabel "Bessent" ;
      kg:role "US Treasury Secretary" ;
      kg:mentionedIn <https://w3id.org/kg/document/aaa/sentence/0> .
  ent:He_Lifeng a kg:Person ; rdfs:label "He Lifeng" ; kg:role "Chinese Vice Premier" .
  ent:Scott_Bessent rel:meet ent:He_Lifeng .
  rel:meet a kg:Relation ; rdfs:label "meet" .
  stmt:s1 a kg:Statement ; rdf:subject ent:Scott_Bessent ; rdf:predicate rel:meet ;
      rdf:object ent:He_Lifeng ; kg:confidence "0.87"^^xsd:double ; kg:negated false ;
      kg:timeText "on November 10" ;
      kg:sentence <https://w3id.org/kg/document/aaa/sentence/0> ;
      prov:wasDerivedFrom <https://w3id.org/kg/document/aaa/sentence/0> .
}

doc:bbb {
  doc:bbb a kg:Document ; kg:sha256 "bbb" ; dcterms:source "seeds/two.txt" .
  ent:He_Lifeng a kg:Person ; rdfs:label "He Lifeng" .
  ent:He_Lifeng rel:threaten ent:concept\\/tariff .
  ent:concept\\/tariff a kg:Concept ; rdfs:label "tariff" .
  ent:Li_Chenggang a kg:Person ; rdfs:label "Li Chenggang" ;
      kg:role "China's \\"trade\\" negotiator,\\tsaid:\\nhello" .
  rel:threaten a kg:Relation ; rdfs:label "threaten" .
}
"""
)

WHO_MET = """
SELECT ?a ?b WHERE { ?a rel:meet ?b } ORDER BY ?a
"""

TWO_HOP = """
SELECT ?a ?b ?c WHERE { ?a rel:meet ?b . ?b rel:threaten ?c }
"""

# Four unconnected patterns: (n triples)^4 rows. Streamed, the row cap ends it at once (rows
# come out one at a time); sorted, the whole product must be built first: effectively endless.
CARTESIAN_STREAMED = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
CARTESIAN = CARTESIAN_STREAMED + " ORDER BY ?l ?i"
# The same product under an aggregate: Oxigraph computes it in one call that never returns
# to Python, which only a killed process can stop.
CARTESIAN_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


@pytest.fixture(scope="module")
def graph_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("graph") / "graph.trig"
    path.write_text(SAMPLE_TRIG, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def dataset(graph_file: Path):
    return load_dataset(graph_file)


@pytest.fixture(scope="module")
def big_store() -> ox.Store:
    """A few thousand triples: enough to make a cartesian product run for hours."""
    store = ox.Store()
    store.extend(
        ox.Quad(ox.NamedNode(f"{ENT}e{i}"), ox.NamedNode(f"{REL}r{i % 7}"), ox.Literal(str(i)))
        for i in range(3000)
    )
    return store


class CountingHandler(BaseHTTPRequestHandler):
    requests: list[str] = []

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        CountingHandler.requests.append(self.path)
        self.send_response(200)
        self.send_header("Content-Type", "application/sparql-results+json")
        self.end_headers()
        self.wfile.write(b'{"head":{"vars":["s"]},"results":{"bindings":[]}}')

    do_POST = do_GET

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def trap_server() -> Iterator[str]:
    """A loopback HTTP server that counts every request it receives."""
    CountingHandler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), CountingHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def kg_query(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(KG_BIN), "query", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


# --- answers -----------------------------------------------------------------------------------


def test_select_uses_prebound_prefixes_over_the_union_of_document_graphs(dataset) -> None:
    result = run_query(dataset, TWO_HOP)
    assert result.kind is QueryKind.SELECT
    assert result.variables == ("a", "b", "c")
    # meet is in document aaa, threaten in bbb: only the union joins them.
    assert result.rows == ((ENT.Scott_Bessent, ENT.He_Lifeng, ENT["concept/tariff"]),)
    assert result.truncated is False


def test_a_query_may_declare_its_own_prefix_for_a_prebound_name(dataset) -> None:
    mine = "PREFIX rel: <http://example.org/other/> SELECT ?a WHERE { ?a rel:meet ?b }"
    assert run_query(dataset, mine).rows == ()
    same = "PREFIX rel: <https://w3id.org/kg/relation/> SELECT ?a WHERE { ?a rel:meet ?b }"
    assert run_query(dataset, same).rows == ((ENT.Scott_Bessent,),)


def test_ask_construct_describe(dataset) -> None:
    assert run_query(dataset, "ASK { ent:Scott_Bessent rel:meet ent:He_Lifeng }").boolean is True
    assert run_query(dataset, "ASK { ent:He_Lifeng rel:meet ent:Scott_Bessent }").boolean is False
    built = run_query(dataset, "CONSTRUCT { ?b rel:metBy ?a } WHERE { ?a rel:meet ?b }")
    assert built.kind is QueryKind.CONSTRUCT
    assert built.triples == ((ENT.He_Lifeng, REL.metBy, ENT.Scott_Bessent),)
    described = run_query(dataset, "DESCRIBE ent:Scott_Bessent")
    assert described.kind is QueryKind.DESCRIBE
    assert (ENT.Scott_Bessent, REL.meet, ENT.He_Lifeng) in described.graph()


def test_literals_keep_their_datatype(dataset) -> None:
    result = run_query(dataset, "SELECT ?c WHERE { ?s kg:confidence ?c }")
    (confidence,) = result.rows[0]
    assert isinstance(confidence, Literal) and confidence.toPython() == 0.87


def test_plain_rdflib_graph_and_path_are_accepted(graph_file: Path) -> None:
    graph = Graph()
    graph.add((ENT.A, REL.meet, ENT.B))
    assert run_query(graph, "SELECT ?b WHERE { ent:A rel:meet ?b }").rows == ((ENT.B,),)
    assert run_query(graph_file, WHO_MET).rows == ((ENT.Scott_Bessent, ENT.He_Lifeng),)


def test_row_cap_sets_truncated(dataset) -> None:
    everything = "SELECT ?s ?p ?o WHERE { ?s ?p ?o }"
    total = len(run_query(dataset, everything).rows)
    assert total > 10
    capped = run_query(dataset, everything, max_rows=5)
    assert len(capped.rows) == 5 and capped.truncated is True
    exact = run_query(dataset, everything, max_rows=total)
    assert len(exact.rows) == total and exact.truncated is False
    assert "truncated" in format_result(capped, "table")


# --- guards ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "template",
    [
        "SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ SERVICE SILENT <{url}> {{ ?s ?p ?o }} }}",
        "SELECT * WHERE {{ ?s ?p ?o FILTER EXISTS {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
        "SELECT * WHERE {{ {{ SELECT ?s WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }} }}",
        "ASK {{ SERV\\u0049CE <{url}> {{ ?s ?p ?o }} }}",  # a SPARQL codepoint escape
        "CONSTRUCT {{ ?s ?p ?o }} WHERE {{ OPTIONAL {{ SERVICE <{url}> {{ ?s ?p ?o }} }} }}",
    ],
)
def test_service_is_refused_and_nothing_is_fetched(dataset, trap_server: str, template) -> None:
    query = template.format(url=trap_server)
    with pytest.raises(QueryError, match="SERVICE is not allowed"):
        run_query(dataset, query)
    assert CountingHandler.requests == []


def test_the_word_service_in_a_literal_is_an_ordinary_query(dataset) -> None:
    query = 'SELECT ?s WHERE { ?s rdfs:label ?l FILTER(?l != "SERVICE <http://x/> { }") }'
    assert len(run_query(dataset, query).rows) > 0


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }",
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }",
        "CONSTRUCT { ?s ?p ?o } FROM <http://127.0.0.1:9/x.ttl> WHERE { ?s ?p ?o }",
    ],
)
def test_from_and_from_named_are_refused(dataset, query: str) -> None:
    with pytest.raises(QueryError, match="FROM / FROM NAMED are not allowed"):
        run_query(dataset, query)


@pytest.mark.parametrize(
    ("update", "keyword"),
    [
        ("INSERT DATA { ent:X rel:meet ent:Y }", "INSERT DATA"),
        ("LOAD <file:///etc/passwd>", "LOAD"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
        ("CLEAR ALL", "CLEAR"),
        ("DROP GRAPH <https://w3id.org/kg/document/aaa>", "DROP"),
        ("CREATE GRAPH <urn:x>", "CREATE"),
        ("DELETE { ?s ?p ?o } INSERT { ?s ?p 1 } WHERE { ?s ?p ?o }", "INSERT/DELETE"),
    ],
)
def test_updates_are_refused_and_the_graph_is_unchanged(dataset, update, keyword) -> None:
    store = oxigraph_store(dataset)
    before = len(store)
    with pytest.raises(QueryError, match=f"updates are not allowed \\({keyword}\\)"):
        run_query(dataset, update)
    assert len(store) == before


def test_syntax_error_is_one_line_with_line_and_column(dataset) -> None:
    with pytest.raises(QueryError) as caught:
        run_query(dataset, "SELECT ?s\nWHERE { ?s ?p }")
    message = str(caught.value)
    assert "\n" not in message
    assert message.startswith("syntax error at line 2, column ")


def test_unknown_prefix_is_a_clean_error(dataset) -> None:
    with pytest.raises(QueryError, match="nope"):
        run_query(dataset, "SELECT ?s WHERE { ?s nope:x ?o }")


def test_deep_nesting_is_a_clean_error_and_moderate_nesting_works(dataset) -> None:
    deep = "SELECT * WHERE " + "{" * 200 + " ?s ?p ?o " + "}" * 200
    with pytest.raises(QueryError, match="nested too deeply"):
        run_query(dataset, deep)
    moderate = "SELECT * WHERE " + "{" * 20 + " ?s rel:meet ?o " + "}" * 20
    assert len(run_query(dataset, moderate).rows) == 1


@pytest.mark.parametrize("query", [CARTESIAN, CARTESIAN_COUNT])
def test_time_limit_stops_the_work_and_the_store_stays_usable(big_store, query) -> None:
    # Other tests may leave long-lived helpers of their own (multiprocessing's resource
    # tracker after a Dask cluster): compare with what was there before.
    before = set(_children())
    with pytest.raises(QueryError, match=r"query stopped after 2 s"):
        run_query(big_store, query, timeout=2)
    # No evaluating child is left behind, and the next query answers normally.
    assert set(_children()) <= before
    assert run_query(big_store, "ASK { ?s ?p ?o }").boolean is True


def test_a_streamed_cartesian_product_ends_at_the_row_cap(big_store) -> None:
    result = run_query(big_store, CARTESIAN_STREAMED, timeout=20, max_rows=1000)
    assert len(result.rows) == 1000 and result.truncated is True


def _children() -> list[str]:
    own = str(os.getpid())
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if stat.rsplit(")", 1)[1].split()[1] == own:
                found.append(entry.name)
    return found


def test_bad_limits_are_refused(dataset) -> None:
    with pytest.raises(QueryError, match="timeout"):
        run_query(dataset, WHO_MET, timeout=0)
    with pytest.raises(QueryError, match="empty query"):
        check_query("   ")


# --- formats -----------------------------------------------------------------------------------


def test_json_is_sparql_results_json(dataset) -> None:
    result = run_query(dataset, "SELECT ?s ?role WHERE { ?s kg:role ?role } ORDER BY ?s")
    parsed = json.loads(format_result(result, "json"))
    assert parsed["head"]["vars"] == ["s", "role"]
    roles = {b["s"]["value"]: b["role"]["value"] for b in parsed["results"]["bindings"]}
    assert roles[str(ENT.Scott_Bessent)] == "US Treasury Secretary"
    assert roles[str(ENT.Li_Chenggang)] == 'China\'s "trade" negotiator,\tsaid:\nhello'
    again = Result.parse(io.StringIO(format_result(result, "json")), format="json")
    assert [tuple(row) for row in again] == [tuple(row) for row in result.rows]
    ask = json.loads(format_result(run_query(dataset, "ASK { ?s ?p ?o }"), "json"))
    assert ask == {"head": {}, "boolean": True}


def test_xml_parses_back_with_etree_and_rdflib(dataset) -> None:
    query = """SELECT ?s ?c ?role WHERE {
        ?s kg:role ?role OPTIONAL { ?x rdf:subject ?s ; kg:confidence ?c } }"""
    result = run_query(dataset, query)
    text = format_result(result, "xml")
    root = ET.fromstring(text)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [v.get("name") for v in root.findall("r:head/r:variable", ns)] == ["s", "c", "role"]
    assert len(root.findall("r:results/r:result", ns)) == len(result.rows)
    again = Result.parse(io.StringIO(text), format="xml")
    assert sorted(map(str, (tuple(row) for row in again))) == sorted(map(str, result.rows))


def test_csv_and_tsv_parse_back(dataset) -> None:
    result = run_query(dataset, "SELECT ?s ?role WHERE { ?s kg:role ?role } ORDER BY ?s")
    rows = list(csv.reader(io.StringIO(format_result(result, "csv"), newline="")))
    assert rows[0] == ["s", "role"]
    assert rows[1:] == [[str(s), str(role)] for s, role in result.rows]

    tsv = format_result(result, "tsv").splitlines()
    assert tsv[0] == "?s\t?role"
    assert len(tsv) == 1 + len(result.rows)  # the newline in a role is escaped, not a new row
    again = Result.parse(io.StringIO(format_result(result, "tsv")), format="tsv")
    assert [tuple(row) for row in again] == list(result.rows)


def test_construct_as_turtle_and_ntriples_parse_back(dataset) -> None:
    result = run_query(dataset, "CONSTRUCT { ?s ?p ?o } WHERE { GRAPH doc:aaa { ?s ?p ?o } }")
    assert len(result.triples) > 10
    for fmt, rdf_format in (("turtle", ox.RdfFormat.TURTLE), ("ntriples", ox.RdfFormat.N_TRIPLES)):
        text = format_result(result, fmt)
        parsed = list(ox.parse(text.encode(), format=rdf_format))
        assert len(parsed) == len(result.triples)
    assert "ent:Scott_Bessent" in format_result(result, "turtle")  # prefixes are used
    for fmt, rdflib_format in (("json", "json-ld"), ("xml", "xml")):
        graph = Graph().parse(data=format_result(result, fmt), format=rdflib_format)
        assert len(graph) == len(result.triples)
    with pytest.raises(QueryError, match="returns RDF"):
        format_result(result, "csv")


def test_table_is_aligned_and_compact(dataset) -> None:
    text = format_result(run_query(dataset, WHO_MET), "table")
    lines = text.splitlines()
    assert lines[0].split() == ["?a", "?b"]
    assert lines[2].split() == ["ent:Scott_Bessent", "ent:He_Lifeng"]
    assert lines[-1] == "1 row"


def test_wrong_format_for_the_query_kind(dataset) -> None:
    with pytest.raises(QueryError, match="turtle is for CONSTRUCT"):
        format_result(run_query(dataset, WHO_MET), "turtle")
    with pytest.raises(QueryError, match="unknown format"):
        format_result(run_query(dataset, WHO_MET), "yaml")


# --- the command line --------------------------------------------------------------------------


def test_cli_query_argument_file_and_stdin(graph_file: Path, tmp_path: Path) -> None:
    by_argument = kg_query(str(graph_file), WHO_MET, "--format", "csv")
    assert by_argument.returncode == 0, by_argument.stderr
    assert list(csv.reader(io.StringIO(by_argument.stdout))) == [
        ["a", "b"],
        [str(ENT.Scott_Bessent), str(ENT.He_Lifeng)],
    ]
    query_file = tmp_path / "q.rq"
    query_file.write_text(WHO_MET, encoding="utf-8")
    by_file = kg_query(str(graph_file), "-f", str(query_file), "--format", "csv")
    by_stdin = kg_query(str(graph_file), "-", "--format", "csv", stdin=WHO_MET)
    # A saved query's file name in place of the SPARQL is read as the file.
    by_name = kg_query(str(graph_file), str(query_file), "--format", "csv")
    assert by_file.stdout == by_stdin.stdout == by_name.stdout == by_argument.stdout
    missing = kg_query(str(graph_file), str(tmp_path / "nowhere.rq"))
    assert missing.returncode != 0
    assert "nowhere.rq: cannot read the query" in missing.stderr
    assert missing.stderr.count("\n") == 1
    table = kg_query(str(graph_file), WHO_MET)
    assert "ent:Scott_Bessent" in table.stdout


def test_cli_json_and_construct(graph_file: Path) -> None:
    out = kg_query(str(graph_file), TWO_HOP, "--format", "json")
    assert json.loads(out.stdout)["results"]["bindings"][0]["c"]["value"] == str(
        ENT["concept/tariff"]
    )
    turtle = kg_query(str(graph_file), "CONSTRUCT WHERE { ?a rel:meet ?b }", "--format", "turtle")
    parsed = ox.parse(turtle.stdout.encode(), format=ox.RdfFormat.TURTLE)
    assert [quad.triple for quad in parsed] == [
        ox.Triple(
            ox.NamedNode(str(ENT.Scott_Bessent)),
            ox.NamedNode(str(REL.meet)),
            ox.NamedNode(str(ENT.He_Lifeng)),
        )
    ]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("INSERT DATA { ent:X rel:meet ent:Y }", "updates are not allowed (INSERT DATA)"),
        ("LOAD <file:///etc/passwd>", "updates are not allowed (LOAD)"),
        ("SELECT * FROM NAMED <file:///etc/passwd> WHERE { ?s ?p ?o }", "FROM / FROM NAMED"),
        ("SELECT ?s\nWHERE { ?s ?p }", "syntax error at line 2, column"),
        ("SELECT * WHERE " + "{" * 200 + "?s ?p ?o" + "}" * 200, "nested too deeply"),
    ],
)
def test_cli_refusals_are_one_line_without_traceback(graph_file: Path, query, expected) -> None:
    out = kg_query(str(graph_file), query)
    assert out.returncode == 1
    assert out.stdout == ""
    assert out.stderr.startswith("kg: error: ")
    assert expected in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    assert "Traceback" not in out.stderr


def test_cli_service_fetches_nothing(graph_file: Path, trap_server: str) -> None:
    out = kg_query(str(graph_file), f"SELECT * WHERE {{ SERVICE <{trap_server}> {{ ?s ?p ?o }} }}")
    assert out.returncode == 1 and "SERVICE is not allowed" in out.stderr
    assert CountingHandler.requests == []


def test_cli_timeout_and_truncation(tmp_path: Path) -> None:
    lines = [f"<{ENT}e{i}> <{REL}r{i % 5}> <{ENT}e{(i * 7) % 2000}> ." for i in range(2000)]
    path = tmp_path / "big.nt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    stopped = kg_query(str(path), CARTESIAN, "--timeout", "2")
    assert stopped.returncode == 1
    assert "query stopped after 2 s" in stopped.stderr
    capped = kg_query(
        str(path), "SELECT * WHERE { ?s ?p ?o }", "--max-rows", "3", "--format", "csv"
    )
    assert capped.returncode == 0
    assert len(list(csv.reader(io.StringIO(capped.stdout)))) == 4
    assert "truncated" in capped.stderr


def test_language_tags_round_trip() -> None:
    # A term kg writes with a datatype must come back as the same rdflib term.
    store = ox.Store()
    store.add(
        ox.Quad(
            ox.NamedNode(str(ENT.A)),
            ox.NamedNode(str(REL.p)),
            ox.Literal("chat", language="fr"),
        )
    )
    (row,) = run_query(store, "SELECT ?o WHERE { ?s ?p ?o }").rows
    assert row == (Literal("chat", lang="fr"),)


def test_reused_workers_answer_like_fresh_ones_and_are_replaced_after_a_timeout(
    big_store,
) -> None:
    from kg.query import close_workers

    query = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    try:
        fresh = run_query(big_store, query)
        assert run_query(big_store, query, reuse_workers=True).rows == fresh.rows
        assert run_query(big_store, query, reuse_workers=True).rows == fresh.rows
        with pytest.raises(QueryError, match=r"query stopped after 1 s"):
            run_query(big_store, CARTESIAN, timeout=1, reuse_workers=True)
        assert run_query(big_store, query, reuse_workers=True).rows == fresh.rows
    finally:
        close_workers(big_store)


def test_an_evaluator_holds_no_descriptor_of_its_parent_but_its_own_pipes(big_store):
    """A worker that kept copies of the parent's other pipes and sockets would keep another
    query's pipe open (its answer then waits for this worker to die) and outlive a killed
    server; it may keep only standard I/O and its two pipes."""
    from kg.query.sandbox import _POOLS, close_workers

    other_read, other_write = os.pipe()  # as another query's pipe, open in the parent
    try:
        run_query(big_store, "ASK { ?s ?p ?o }", reuse_workers=True)
        (worker,) = _POOLS[id(big_store)][1]
        held = {int(fd) for fd in os.listdir(f"/proc/{worker.pid}/fd")}
        assert other_read not in held and other_write not in held
        assert len(held - {0, 1, 2}) == 2
    finally:
        close_workers(big_store)
        os.close(other_read)
        os.close(other_write)


@pytest.mark.parametrize("reuse_workers", [False, True])
def test_a_store_on_disk_answers_through_the_same_guarded_path(tmp_path, reuse_workers) -> None:
    """An on-disk Oxigraph store (for graphs that outgrow memory) reads its tables through
    descriptors the evaluating child inherits: they must survive the child's clean-up, and it
    must still be refused the outside world."""
    from kg.query import close_workers
    from kg.store import materialise_union, new_dataset

    on_disk = new_dataset(tmp_path / "store")
    store = oxigraph_store(on_disk)
    store.bulk_load(SAMPLE_TRIG.encode(), format=ox.RdfFormat.TRIG)
    materialise_union(store)
    store.flush()
    in_memory = load_dataset_from_text(SAMPLE_TRIG)
    try:
        assert run_query(on_disk, TWO_HOP, reuse_workers=reuse_workers).rows == (
            run_query(in_memory, TWO_HOP).rows
        )
        with pytest.raises(QueryError, match="SERVICE"):
            run_query(on_disk, "SELECT * { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    finally:
        close_workers()


def load_dataset_from_text(trig: str):
    from kg.store import materialise_union, new_dataset

    dataset = new_dataset()
    store = oxigraph_store(dataset)
    store.bulk_load(trig.encode(), format=ox.RdfFormat.TRIG)
    materialise_union(store)
    return dataset
