"""kg serve: the read-only SPARQL 1.1 Protocol endpoint, exercised over real HTTP on loopback,
with a client nobody here wrote (SPARQLWrapper) and the `kg query` command as the reference."""

from __future__ import annotations

import csv
import http.client
import importlib.util
import io
import json
import subprocess
import sys
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox
import pytest
from rdflib.query import Result
from SPARQLWrapper import JSON, TURTLE, SPARQLWrapper

from kg.query import run_query
from kg.serve import MAX_BODY_BYTES, SparqlServer, make_server
from kg.serve.negotiation import accepted
from kg.vocab import ENT, REL

KG_BIN = Path(sys.executable).with_name("kg")


def _sample_module():
    # The sample graph lives beside the query tests; loaded by path so that this works whether
    # or not tests/ is a package.
    spec = importlib.util.spec_from_file_location(
        "kg_query_test_sample", Path(__file__).with_name("test_query.py")
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


SAMPLE = _sample_module()

# Queries a client sends to the endpoint and `kg query` runs on the same graph; the lead points
# this list at the README's queries.
CLIENT_QUERIES = [
    "SELECT ?a ?b WHERE { ?a rel:meet ?b }",
    "SELECT ?a ?b ?c WHERE { ?a rel:meet ?b . ?b rel:threaten ?c }",
    """SELECT ?person ?label ?role WHERE {
         ?person a kg:Person ; rdfs:label ?label . OPTIONAL { ?person kg:role ?role } }""",
    """SELECT ?s ?confidence ?time ?sentence WHERE {
         ?st a kg:Statement ; rdf:subject ?s ; kg:confidence ?confidence ;
             kg:sentence ?sent . ?sent kg:text ?sentence OPTIONAL { ?st kg:time ?time } }""",
    "SELECT ?doc (COUNT(*) AS ?n) WHERE { GRAPH ?doc { ?s ?p ?o } } GROUP BY ?doc ORDER BY ?doc",
]


class Running:
    def __init__(self, server: SparqlServer) -> None:
        self.server = server
        self.port = server.server_address[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=server.serve_forever, daemon=True)
        self.thread.start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def request(
        self,
        method: str,
        path: str,
        body: bytes | str | None = None,
        headers: dict[str, str] | None = None,
    ) -> tuple[int, dict[str, str], str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read().decode()
        finally:
            connection.close()

    def get_query(self, query: str, accept: str = "application/sparql-results+json"):
        return self.request(
            "GET", "/sparql?" + urlencode({"query": query}), None, {"Accept": accept}
        )


@pytest.fixture(scope="module")
def build_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("output")
    (folder / "graph.trig").write_text(SAMPLE.SAMPLE_TRIG, encoding="utf-8")
    (folder / "graph.html").write_text("<html><body>the graph view</body></html>")
    return folder


@pytest.fixture(scope="module")
def endpoint(build_folder: Path) -> Iterator[Running]:
    running = Running(make_server(build_folder, "127.0.0.1", 0, timeout=2, log=False))
    yield running
    running.stop()


@pytest.fixture(scope="module")
def big_endpoint(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    """A few thousand triples: a cartesian product over them never ends by itself."""
    path = tmp_path_factory.mktemp("big") / "big.nt"
    lines = [f"<{ENT}e{i}> <{REL}r{i % 5}> <{ENT}e{(i * 7) % 3000}> ." for i in range(3000)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    running = Running(make_server(path, "127.0.0.1", 0, timeout=2, log=False))
    yield running
    running.stop()


def rows_of(sparql_json: dict) -> list[tuple]:
    names = sparql_json["head"]["vars"]
    return sorted(
        tuple(
            (b[n]["type"], b[n]["value"], b[n].get("datatype"), b[n].get("xml:lang"))
            if n in b
            else None
            for n in names
        )
        for b in sparql_json["results"]["bindings"]
    )


# --- a real client gets what `kg query` gets -----------------------------------------------------


@pytest.mark.parametrize("query", CLIENT_QUERIES)
def test_sparqlwrapper_gets_the_rows_kg_query_prints(endpoint: Running, build_folder, query):
    client = SPARQLWrapper(f"{endpoint.url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    from_endpoint = client.query().convert()
    cli = subprocess.run(
        [str(KG_BIN), "query", str(build_folder), query, "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert cli.returncode == 0, cli.stderr
    from_cli = json.loads(cli.stdout)
    assert from_endpoint["head"]["vars"] == from_cli["head"]["vars"]
    assert rows_of(from_endpoint) == rows_of(from_cli)
    assert rows_of(from_cli)  # every query here has an answer on the sample


def test_sparqlwrapper_post_construct_and_ask(endpoint: Running) -> None:
    client = SPARQLWrapper(f"{endpoint.url}/sparql")
    client.setMethod("POST")
    client.setQuery("CONSTRUCT { ?b rel:metBy ?a } WHERE { ?a rel:meet ?b }")
    client.setReturnFormat(TURTLE)
    turtle = client.query().convert()
    parsed = [q.triple for q in ox.parse(turtle, format=ox.RdfFormat.TURTLE)]
    assert parsed == [
        ox.Triple(
            ox.NamedNode(str(ENT.He_Lifeng)),
            ox.NamedNode(str(REL.metBy)),
            ox.NamedNode(str(ENT.Scott_Bessent)),
        )
    ]
    client.setQuery("ASK { ent:Scott_Bessent rel:meet ent:He_Lifeng }")
    client.setReturnFormat(JSON)
    assert client.query().convert()["boolean"] is True


# --- the protocol --------------------------------------------------------------------------------


def test_content_negotiation_and_every_format_parses_back(endpoint: Running, build_folder):
    query = "SELECT ?s ?role WHERE { ?s kg:role ?role } ORDER BY ?s"
    expected = run_query(build_folder, query)

    status, headers, body = endpoint.get_query(query, "application/sparql-results+json")
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    assert len(json.loads(body)["results"]["bindings"]) == len(expected.rows)

    status, headers, body = endpoint.get_query(query, "application/sparql-results+xml")
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert len(ET.fromstring(body).findall("r:results/r:result", ns)) == len(expected.rows)

    status, headers, body = endpoint.get_query(query, "text/csv")
    assert headers["Content-Type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(body, newline="")))[1:] == [
        [str(s), str(r)] for s, r in expected.rows
    ]

    status, headers, body = endpoint.get_query(query, "text/tab-separated-values")
    assert headers["Content-Type"].startswith("text/tab-separated-values")
    again = Result.parse(io.StringIO(body), format="tsv")
    assert [tuple(row) for row in again] == list(expected.rows)

    # q-values decide; unknown types fall back to JSON
    _, headers, _ = endpoint.get_query(query, "text/csv;q=0.5, application/sparql-results+xml")
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    _, headers, _ = endpoint.get_query(query, "image/png")
    assert headers["Content-Type"].startswith("application/sparql-results+json")


def test_construct_negotiates_rdf(endpoint: Running) -> None:
    query = "CONSTRUCT WHERE { ?a rel:meet ?b }"
    status, headers, body = endpoint.get_query(query, "text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    assert len(list(ox.parse(body.encode(), format=ox.RdfFormat.TURTLE))) == 1
    _, headers, body = endpoint.get_query(query, "application/n-triples")
    assert len(list(ox.parse(body.encode(), format=ox.RdfFormat.N_TRIPLES))) == 1


def test_post_form_and_sparql_query_bodies(endpoint: Running) -> None:
    query = "SELECT ?b WHERE { ent:Scott_Bessent rel:meet ?b }"
    expected = [[["uri", str(ENT.He_Lifeng)]]]
    for body, media in (
        (urlencode({"query": query}), "application/x-www-form-urlencoded"),
        (query, "application/sparql-query"),
    ):
        status, _, text = endpoint.request("POST", "/sparql", body, {"Content-Type": media})
        assert status == 200, text
        bindings = json.loads(text)["results"]["bindings"]
        assert [[[b["b"]["type"], b["b"]["value"]]] for b in bindings] == expected


def test_health_view_and_query_page(endpoint: Running, tmp_path: Path) -> None:
    status, _, body = endpoint.request("GET", "/health")
    assert status == 200 and json.loads(body)["status"] == "ok"
    status, _, body = endpoint.request("GET", "/")
    assert status == 200 and "the graph view" in body
    status, headers, body = endpoint.request("GET", "/query")
    assert status == 200 and "<textarea" in body and 'fetch("/sparql"' in body
    assert "script-src 'nonce-" in headers["Content-Security-Policy"]
    assert endpoint.request("GET", "/nothing")[0] == 404

    # Without a graph.html beside the graph, / links to the query page instead.
    lone = tmp_path / "lone.trig"
    lone.write_text(SAMPLE.SAMPLE_TRIG, encoding="utf-8")
    other = Running(make_server(lone, "127.0.0.1", 0, timeout=2, log=False))
    try:
        status, _, body = other.request("GET", "/")
        assert status == 200 and 'href="/query"' in body
    finally:
        other.stop()


def test_syntax_error_is_400_with_line_and_column(endpoint: Running) -> None:
    status, _, body = endpoint.get_query("SELECT ?s\nWHERE { ?s ?p }")
    assert status == 400
    assert body.startswith("syntax error at line 2, column ") and body.count("\n") == 1


# --- refusals ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "update",
    ["INSERT DATA { ent:X rel:meet ent:Y }", "LOAD <file:///etc/passwd>", "CLEAR ALL"],
)
def test_updates_are_refused_every_way_they_can_be_sent(endpoint: Running, update) -> None:
    attempts = [
        endpoint.get_query(update),
        endpoint.request("POST", "/sparql", update, {"Content-Type": "application/sparql-query"}),
        endpoint.request("POST", "/sparql", update, {"Content-Type": "application/sparql-update"}),
        endpoint.request(
            "POST",
            "/sparql",
            urlencode({"update": update}),
            {"Content-Type": "application/x-www-form-urlencoded"},
        ),
    ]
    for status, _, body in attempts:
        assert status == 403
        assert "updates are not allowed" in body
    assert endpoint.request("POST", "/update", update)[0] == 404
    status, _, body = endpoint.get_query("ASK { ent:X rel:meet ent:Y }")
    assert json.loads(body)["boolean"] is False


@pytest.fixture()
def trap_url() -> Iterator[str]:
    """A loopback HTTP server that counts the requests it receives."""
    handler = SAMPLE.CountingHandler
    handler.requests = []
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/sparql"
    finally:
        server.shutdown()
        server.server_close()


def test_service_is_refused_and_nothing_is_fetched(endpoint: Running, trap_url: str) -> None:
    query = f"SELECT * WHERE {{ SERVICE <{trap_url}> {{ ?s ?p ?o }} }}"
    status, _, body = endpoint.get_query(query)
    assert status == 403 and "SERVICE is not allowed" in body
    status, _, body = endpoint.request(
        "POST", "/sparql", query, {"Content-Type": "application/sparql-query"}
    )
    assert status == 403
    assert SAMPLE.CountingHandler.requests == []


def test_from_named_and_graph_parameters_are_refused(endpoint: Running) -> None:
    status, _, body = endpoint.get_query(
        "SELECT * FROM NAMED <file:///etc/passwd> WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    assert status == 403 and "FROM / FROM NAMED are not allowed" in body
    assert "root" not in body
    query = urlencode(
        {"query": "SELECT * WHERE { ?s ?p ?o }", "named-graph-uri": "file:///etc/passwd"}
    )
    status, _, body = endpoint.request("GET", "/sparql?" + query)
    assert status == 403 and "named-graph-uri" in body


def test_oversized_body_is_413_and_not_read(endpoint: Running) -> None:
    # Only the headers are sent: the server must answer from Content-Length alone, before
    # reading (or waiting for) a byte of the body.
    connection = http.client.HTTPConnection("127.0.0.1", endpoint.port, timeout=30)
    try:
        connection.putrequest("POST", "/sparql")
        connection.putheader("Content-Type", "application/sparql-query")
        connection.putheader("Content-Length", str(MAX_BODY_BYTES + 1))
        connection.endheaders()
        response = connection.getresponse()
        assert response.status == 413
        assert "too large" in response.read().decode()
    finally:
        connection.close()


def test_requests_for_another_host_name_are_refused(endpoint: Running) -> None:
    # DNS rebinding: a page on evil.example resolved to 127.0.0.1 sends its own Host header.
    status, _, _ = endpoint.request("GET", "/health", headers={"Host": "evil.example"})
    assert status == 403
    assert endpoint.request("GET", "/health", headers={"Host": "localhost:1234"})[0] == 200


# --- a runaway query ----------------------------------------------------------------------------


def test_runaway_query_is_stopped_and_others_are_answered_meanwhile(big_endpoint: Running):
    runaway = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?l ?i"
    outcome: dict[str, tuple] = {}

    def send_runaway() -> None:
        outcome["runaway"] = big_endpoint.get_query(runaway)

    thread = threading.Thread(target=send_runaway)
    thread.start()
    time.sleep(0.3)  # let it start; the asserts below do not depend on timing
    answered_while_running = []
    for _ in range(3):
        status, _, body = big_endpoint.request("GET", "/health")
        other = big_endpoint.get_query(f"ASK {{ <{ENT}e1> ?p ?o }}")
        answered_while_running.append((status, other[0], thread.is_alive()))
    thread.join(timeout=30)
    status, _, body = outcome["runaway"]
    assert status == 503
    assert body.strip() == "query stopped after 2 s (the time limit)"
    assert all(h == 200 and q == 200 for h, q, _ in answered_while_running)
    # at least the first answers came while the runaway was still being evaluated
    assert answered_while_running[0][2] is True
    assert big_endpoint.request("GET", "/health")[0] == 200


def test_accept_header_parsing() -> None:
    assert accepted("text/csv;q=0.5, application/json, */*;q=0.1, image/png;q=0") == [
        "application/json",
        "text/csv",
        "*/*",
    ]


README_QUERIES = sorted((Path(__file__).resolve().parent.parent / "queries").glob("*.rq"))


@pytest.fixture(scope="module")
def seed_endpoint(seed_build: Path) -> Iterator[Running]:
    running = Running(make_server(seed_build, "127.0.0.1", 0, timeout=30, log=False))
    yield running
    running.stop()


@pytest.mark.parametrize("query_file", README_QUERIES, ids=lambda p: p.name)
def test_readme_queries_over_the_seed_give_the_same_rows_to_sparqlwrapper(
    seed_endpoint: Running, seed_build: Path, query_file: Path
):
    query = query_file.read_text(encoding="utf-8")
    client = SPARQLWrapper(f"{seed_endpoint.url}/sparql")
    client.setQuery(query)
    client.setReturnFormat(JSON)
    from_endpoint = client.query().convert()
    cli = subprocess.run(
        [str(KG_BIN), "query", str(seed_build), "-f", str(query_file), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert cli.returncode == 0, cli.stderr
    from_cli = json.loads(cli.stdout)
    assert rows_of(from_endpoint) == rows_of(from_cli)
    assert rows_of(from_cli)  # each README query answers something on the seed


def test_health_counts_the_triples_a_query_sees(endpoint: Running, build_folder: Path) -> None:
    status, _, body = endpoint.request("GET", "/health")
    assert status == 200
    union = {q.triple for q in ox.parse(SAMPLE.SAMPLE_TRIG, format=ox.RdfFormat.TRIG)}
    assert json.loads(body)["triples"] == len(union)
