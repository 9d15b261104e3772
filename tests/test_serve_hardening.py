"""kg serve against a hostile client (issue 20, breaks 2 and 8): requests two parsers could read
differently are refused, a slow sender is cut off, an expensive query cannot freeze the others,
a page of another site cannot run queries. Everything over real sockets on 127.0.0.1."""

from __future__ import annotations

import http.client
import socket
import threading
import time
import tracemalloc
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

import kg.serve.endpoint
from kg.serve import MAX_CONCURRENT_QUERIES, make_server
from kg.vocab import ENT, REL


class Running:
    def __init__(self, path: Path, timeout: float) -> None:
        self.server = make_server(path, "127.0.0.1", 0, timeout=timeout, log=False)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, str]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, response.read().decode()
        finally:
            connection.close()

    def ask(self) -> int:
        query = urlencode({"query": f"ASK {{ <{ENT}e1> ?p ?o }}"})
        return self.request("GET", f"/sparql?{query}")[0]

    def raw(self, data: bytes) -> bytes:
        """Send DATA as is and read until the server closes (bounded)."""
        with socket.create_connection(("127.0.0.1", self.port), timeout=10) as sock:
            sock.sendall(data)
            received = b""
            deadline = time.monotonic() + 20
            while time.monotonic() < deadline:
                try:
                    chunk = sock.recv(65536)
                except (TimeoutError, ConnectionResetError):
                    break
                if not chunk:
                    break
                received += chunk
            return received


@pytest.fixture(scope="module")
def graph(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A few thousand triples (a cartesian product over them never ends) and a view page."""
    folder = tmp_path_factory.mktemp("big")
    lines = [f"<{ENT}e{i}> <{REL}r{i % 5}> <{ENT}e{(i * 7) % 3000}> ." for i in range(3000)]
    (folder / "graph.trig").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "graph.html").write_bytes(b"<html>" + b"x" * (24 << 20) + b"</html>")
    return folder


@pytest.fixture(scope="module")
def endpoint(graph: Path) -> Iterator[Running]:
    running = Running(graph, timeout=8)
    yield running
    running.stop()


def _responses(raw: bytes) -> int:
    return raw.count(b"HTTP/1.")


# --- break 8: requests read two ways --------------------------------------------------------------

SMUGGLED = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def test_duplicate_content_length_is_refused_and_nothing_is_smuggled(endpoint) -> None:
    body = b"ASK { ?s ?p ?o }" + SMUGGLED
    raw = endpoint.raw(
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: 16\r\nContent-Length: %d\r\n\r\n" % len(body) + body
    )
    assert raw.startswith(b"HTTP/1.1 400") and b"more than one Content-Length" in raw
    assert _responses(raw) == 1


@pytest.mark.parametrize("length", [b"+16", b"1_6", b"16 ", b"0x10", b"-1", b"16,16"])
def test_content_length_must_be_digits(endpoint, length: bytes) -> None:
    raw = endpoint.raw(
        b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/sparql-query\r\n"
        b"Content-Length: " + length + b"\r\n\r\nASK { ?s ?p ?o }" + SMUGGLED
    )
    assert raw.startswith(b"HTTP/1.1 400"), raw[:80]
    assert _responses(raw) == 1


def test_a_get_body_is_not_run_as_a_second_request(endpoint) -> None:
    raw = endpoint.raw(
        b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n" % len(SMUGGLED)
        + SMUGGLED
    )
    assert raw.startswith(b"HTTP/1.1 400") and b"has no body" in raw
    assert _responses(raw) == 1


@pytest.mark.parametrize(
    "hosts",
    [
        [b"127.0.0.1", b"evil.example"],
        [b"evil.example", b"127.0.0.1"],
        [b"localhost:@evil.example"],
        [b"localhost:80@evil.example"],
        [b"evil.example@localhost"],
        [b"localhost evil.example"],
        [b""],
    ],
)
def test_host_headers_that_are_not_one_loopback_name_are_refused(endpoint, hosts) -> None:
    head = b"".join(b"Host: " + host + b"\r\n" for host in hosts)
    raw = endpoint.raw(b"GET /health HTTP/1.1\r\n" + head + b"\r\n")
    assert raw.split(b" ", 2)[1] in (b"400", b"403"), raw[:80]
    assert b'"status"' not in raw


def test_a_slow_sender_is_cut_off(endpoint, monkeypatch) -> None:
    monkeypatch.setattr(kg.serve.endpoint, "REQUEST_READ_TIMEOUT", 2)
    with socket.create_connection(("127.0.0.1", endpoint.port), timeout=5) as sock:
        sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        closed = False
        for _ in range(60):  # one header byte every half second, up to 30 s
            time.sleep(0.5)
            try:
                sock.sendall(b"X")
                sock.setblocking(False)
                closed = sock.recv(1) == b""
            except BlockingIOError:
                pass
            except OSError:  # reset or broken pipe: cut off
                closed = True
            finally:
                sock.setblocking(True)
            if closed:
                break
        assert closed


def test_the_view_is_streamed_not_read_whole(endpoint, graph: Path) -> None:
    tracemalloc.start()
    try:
        status, body = endpoint.request("GET", "/")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert status == 200 and len(body) == (graph / "graph.html").stat().st_size
    # The client holds the 24 MB page as bytes, then as text; the server held at most a piece.
    assert peak < 2 * (24 << 20) + (8 << 20)


# --- break 2: no query freezes the endpoint -----------------------------------------------------


def test_a_huge_query_is_refused_and_a_slow_parse_blocks_nobody(endpoint) -> None:
    huge = "SELECT ?x WHERE { ?x ?y ?z " + "FILTER(1 = 1) " * 7000 + "}"
    status, body = endpoint.request(
        "POST", "/sparql", huge, {"Content-Type": "application/sparql-query"}
    )
    assert status == 400 and "query too long" in body
    slow = "SELECT ?x WHERE { ?x ?y ?z " + "FILTER(1 = 1) " * 2200 + "}"
    outcome: dict[str, tuple] = {}

    def send_slow() -> None:
        outcome["slow"] = endpoint.request(
            "POST", "/sparql", slow, {"Content-Type": "application/sparql-query"}
        )

    thread = threading.Thread(target=send_slow)
    thread.start()
    time.sleep(0.5)  # let it start parsing; nothing below depends on the timing
    cheap = endpoint.ask()
    slow_still_running = thread.is_alive()
    thread.join(timeout=120)
    assert cheap == 200 and slow_still_running
    assert outcome["slow"][0] in (200, 503)  # answered or stopped at the limit, by the load


def test_cheap_queries_are_answered_while_every_slot_runs_an_expensive_one(endpoint) -> None:
    cartesian = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?l ?i"
    ended: list[tuple[float, int, str]] = []

    def send() -> None:
        query = urlencode({"query": cartesian})
        status, body = endpoint.request("GET", f"/sparql?{query}")
        ended.append((time.monotonic(), status, body))

    threads = [threading.Thread(target=send) for _ in range(MAX_CONCURRENT_QUERIES)]
    for thread in threads:
        thread.start()
    time.sleep(2.5)  # past SHORT_QUERY_SECONDS: the long lane is full
    cheap = [endpoint.ask() for _ in range(3)]
    cheap_done = time.monotonic()
    for thread in threads:
        thread.join(timeout=120)
    assert cheap == [200, 200, 200]
    # Answered before any expensive query reached its time limit (before, they waited for one
    # of those to end), and the expensive ones were all stopped: the lane's at the time limit,
    # the others as soon as they ran long with the lane full.
    limit_stops = [at for at, _, body in ended if "the time limit" in body]
    assert limit_stops and cheap_done < min(limit_stops)
    assert [status for _, status, _ in ended] == [503] * MAX_CONCURRENT_QUERIES
    assert any("busy with other long queries" in body for _, _, body in ended)


# --- break 2: a page of another site cannot run queries -----------------------------------------


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": "http://evil.example"},
        {"Origin": "null"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Referer": "http://evil.example/page.html"},
        {"Origin": "http://localhost:9999"},  # another server on this machine
    ],
)
@pytest.mark.parametrize("media", ["application/x-www-form-urlencoded", "text/plain"])
def test_cross_site_posts_are_refused(endpoint, headers, media) -> None:
    body = urlencode({"query": f"ASK {{ <{ENT}e1> ?p ?o }}"})
    status, text = endpoint.request("POST", "/sparql", body, {"Content-Type": media, **headers})
    assert status == 403 and "another site" in text


def test_cross_site_gets_are_refused_and_own_pages_and_clients_are_not(endpoint) -> None:
    query = "/sparql?" + urlencode({"query": f"ASK {{ <{ENT}e1> ?p ?o }}"})
    assert endpoint.request("GET", query, headers={"Sec-Fetch-Site": "cross-site"})[0] == 403
    own = f"http://127.0.0.1:{endpoint.port}"
    body = urlencode({"query": f"ASK {{ <{ENT}e1> ?p ?o }}"})
    form = {"Content-Type": "application/x-www-form-urlencoded"}
    assert endpoint.request("POST", "/sparql", body, {**form, "Origin": own})[0] == 200
    assert endpoint.request("POST", "/sparql", body, form)[0] == 200  # curl, SPARQLWrapper
    same = {"Sec-Fetch-Site": "same-origin", "Referer": own + "/query"}
    assert endpoint.request("GET", query, headers=same)[0] == 200


# --- break 5: control characters over the endpoint ---------------------------------------------


def test_xml_answers_with_control_characters_are_well_formed(tmp_path) -> None:
    import xml.etree.ElementTree as ET

    graph = tmp_path / "g.nt"
    graph.write_text(f'<{ENT}a> <{REL}says> "bell\\u0007 escape\\u001B end" .\n', encoding="utf-8")
    running = Running(graph, timeout=10)
    try:
        for query, accept in [
            ("CONSTRUCT WHERE { ?s ?p ?o }", "application/rdf+xml"),
            ("SELECT ?o WHERE { ?s ?p ?o }", "application/sparql-results+xml"),
        ]:
            connection = http.client.HTTPConnection("127.0.0.1", running.port, timeout=30)
            connection.request(
                "GET", "/sparql?" + urlencode({"query": query}), headers={"Accept": accept}
            )
            response = connection.getresponse()
            body = response.read()
            connection.close()
            assert response.status == 200
            assert response.getheader("X-KG-Replaced-Characters") == "1"
            texts = [e.text for e in ET.fromstring(body).iter() if e.text and "end" in e.text]
            assert texts == ["bell\ufffd escape\ufffd end"]
    finally:
        running.stop()
