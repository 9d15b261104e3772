"""The query guard reads a query as the evaluator does, parses under the time limit and holds no
lock while it does, and every XML output stays well-formed (issue 20, breaks 1, 2 and 5)."""

from __future__ import annotations

import contextlib
import os
import random
import socket
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import run_kg

import kg.query.guard
from kg.errors import QueryError
from kg.query import (
    MAX_QUERY_CHARS,
    QueryRefused,
    QueryTimeout,
    check_query,
    format_result,
    leave_the_network,
    normalise_query,
    run_query,
)
from kg.vocab import ENT, REL


class Trap:
    """A loopback socket that counts the connections made to it (an HTTP request from SERVICE
    is a connection), answering each with an empty SPARQL result."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/sparql"
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        body = (
            b'{"head":{"vars":["x"]},"results":{"bindings":[{"x":{"type":"uri","value":"u:x"}}]}}'
        )
        while self.running:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            self.connections += 1
            with connection:
                connection.settimeout(2)
                try:
                    connection.recv(65536)
                    connection.sendall(
                        b"HTTP/1.1 200 OK\r\nContent-Type: application/sparql-results+json\r\n"
                        + f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n".encode()
                        + body
                    )
                except OSError:
                    pass

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=5)
        self.listener.close()


@pytest.fixture()
def trap() -> Iterator[Trap]:
    trap = Trap()
    yield trap
    trap.close()


@pytest.fixture()
def disk_store(tmp_path: Path) -> ox.Store:
    # On disk, the evaluating child keeps its file descriptors (RocksDB needs them), so only
    # the guard stands between a SERVICE and the network.
    store = ox.Store(str(tmp_path / "store"))
    store.add(ox.Quad(ox.NamedNode(f"{ENT}a"), ox.NamedNode(f"{REL}r"), ox.Literal("1")))
    return store


# --- break 1: a comment that only one parser ends ----------------------------------------------


@pytest.mark.parametrize("line_end", ["\r", "\r\n"])
def test_a_carriage_return_does_not_hide_service_from_the_check(disk_store, trap, line_end):
    query = f"SELECT ?x WHERE {{ #{line_end} SERVICE <{trap.url}> {{ ?x ?y ?z }} \n }}"
    with pytest.raises(QueryRefused, match="SERVICE is not allowed"):
        run_query(disk_store, query, timeout=10)
    with pytest.raises(QueryRefused):
        check_query(query)
    assert trap.connections == 0


# Pieces that parsers may read differently: line ends of all kinds, escapes, comment and string
# openers. A generated query puts some between a comment marker and a SERVICE.
_PIECES = [
    "\n", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x85", "\u2028", "\u2029", " ", "#",
    "\\u000a", "\\u000d", "\\U0000000A", '"', "'", '"""', "<", ">", "}", "{", ".", "\\",
]  # fmt: skip


def test_fuzz_no_query_the_check_accepts_makes_oxigraph_call_out(trap) -> None:
    """Whatever the check accepts, Oxigraph, given the text the check saw, makes no request:
    the two parsers agree on where SERVICE is. Bounded: 400 generated queries."""
    rng = random.Random(20)
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(f"{ENT}a"), ox.NamedNode(f"{REL}r"), ox.Literal("1")))
    accepted = 0
    for _ in range(400):
        before = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 4)))
        after = "".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 3)))
        query = (
            f"SELECT ?x WHERE {{ ?a ?b ?c {before} SERVICE <{trap.url}> {{ ?x ?y ?z }} {after}\n}}"
        )
        try:
            check_query(query)
        except QueryError:
            continue
        accepted += 1
        with contextlib.suppress(SyntaxError, OSError, ValueError):
            list(store.query(normalise_query(query)))
        assert trap.connections == 0, f"the check accepted a query Oxigraph sent out: {query!r}"
    assert accepted > 0  # some mutations hide the SERVICE from both: those run, fetching nothing


# --- break 2: a query that takes the parser minutes ----------------------------------------------


def _filters(count: int) -> str:
    return "SELECT ?x WHERE { ?x ?y ?z " + "FILTER(1 = 1) " * count + "}"


def test_a_query_over_the_size_limit_is_refused_before_parsing(disk_store) -> None:
    query = _filters(7000)  # the red team's 99 KB query
    assert len(query) > MAX_QUERY_CHARS
    with pytest.raises(QueryError, match="query too long"):
        run_query(disk_store, query, timeout=30)


def test_the_parse_runs_under_the_time_limit_and_blocks_no_other_query() -> None:
    store = ox.Store()
    store.add(ox.Quad(ox.NamedNode(f"{ENT}a"), ox.NamedNode(f"{REL}r"), ox.Literal("1")))
    slow = _filters(2330)  # just under the limit: rdflib's parser takes several seconds over it
    assert len(slow) <= MAX_QUERY_CHARS
    outcome: dict[str, object] = {}

    def run_slow() -> None:
        try:
            run_query(store, slow, timeout=2)
            outcome["slow"] = "answered"
        except QueryTimeout as error:
            outcome["slow"] = str(error)

    thread = threading.Thread(target=run_slow)
    thread.start()
    # A cheap query meanwhile is answered while the slow one is still being parsed (before, the
    # slow parse held a lock every query needed).
    answered = run_query(store, f"ASK {{ <{ENT}a> ?p ?o }}", timeout=30).boolean
    slow_still_running = thread.is_alive()
    thread.join(timeout=120)
    assert answered is True
    assert slow_still_running
    assert outcome["slow"] == "query stopped after 2 s (the time limit)"


def test_cli_timeout_covers_the_parse(tmp_path: Path) -> None:
    graph = tmp_path / "g.nt"
    graph.write_text(f'<{ENT}a> <{REL}r> "1" .\n', encoding="utf-8")
    result = run_kg("query", str(graph), _filters(2200), "--timeout", "1")
    assert result.returncode == 1
    assert result.stderr.strip() == "kg: error: query stopped after 1 s (the time limit)"


# --- break 5: control characters in XML -----------------------------------------------------------

CONTROL_TEXT = "bell\x07 escape\x1b nul\x00 tab\t end"


@pytest.fixture()
def control_graph(tmp_path: Path) -> Path:
    graph = tmp_path / "g.nt"
    graph.write_text(
        f'<{ENT}a> <{REL}says> "bell\\u0007 escape\\u001B nul\\u0000 tab\\t end" .\n'
        f'<{ENT}a> <{REL}name> "plain" .\n',
        encoding="utf-8",
    )
    return graph


def test_rdf_xml_of_a_literal_with_control_characters_is_well_formed(control_graph) -> None:
    result = run_query(control_graph, "CONSTRUCT WHERE { ?s ?p ?o }")
    assert CONTROL_TEXT in {str(o) for _, _, o in result.triples}
    document = ET.fromstring(format_result(result, "xml"))
    texts = {element.text for element in document.iter() if element.text and "end" in element.text}
    assert texts == {"bell\ufffd escape\ufffd nul\ufffd tab\t end"}


def test_cli_xml_outputs_are_well_formed_and_say_what_was_replaced(control_graph) -> None:
    for query in ("CONSTRUCT WHERE { ?s ?p ?o }", "SELECT ?o WHERE { ?s ?p ?o }"):
        result = run_kg("query", str(control_graph), query, "--format", "xml")
        assert result.returncode == 0, result.stderr
        ET.fromstring(result.stdout)  # well-formed
        assert "1 value(s) held characters XML 1.0 cannot carry" in result.stderr
        # the other formats keep the characters as they are
    turtle = run_kg(
        "query", str(control_graph), "CONSTRUCT WHERE { ?s ?p ?o }", "--format", "turtle"
    )
    assert "\\u0007" in turtle.stdout or "\x07" in turtle.stdout


def test_the_table_shows_terminal_controls_as_escapes(tmp_path: Path) -> None:
    graph = tmp_path / "g.nt"
    graph.write_text(
        f'<{ENT}a> <{REL}says> "red\\u001B[31m bell\\u0007 \\u202Eevil" .\n', encoding="utf-8"
    )
    result = run_kg("query", str(graph), "SELECT ?o WHERE { ?s ?p ?o }")
    assert result.returncode == 0, result.stderr
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert "\u202e" not in result.stdout
    assert "red\\u001b[31m bell\\u0007 \\u202eevil" in result.stdout


def _can_leave_the_network() -> bool:
    pid = os.fork()
    if pid == 0:
        os._exit(0 if leave_the_network() else 1)
    return os.waitpid(pid, 0)[1] == 0


@pytest.mark.skipif(not _can_leave_the_network(), reason="no network namespaces here")
def test_a_service_the_check_missed_still_reaches_no_network(disk_store, trap, monkeypatch):
    # Defence in depth: pretend the check has a hole (it sees no SERVICE anywhere). The child
    # evaluating on an on-disk store keeps its descriptors, but has no network to call out on.
    monkeypatch.setattr(kg.query.guard, "_contains", lambda node, name, depth=0: False)
    query = f"SELECT ?x WHERE {{ SERVICE <{trap.url}> {{ ?x ?y ?z }} }}"
    with pytest.raises(QueryError):
        run_query(disk_store, query, timeout=10)
    assert trap.connections == 0
