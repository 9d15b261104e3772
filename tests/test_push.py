"""`kg push` against a real Oxigraph server: every graph arrives exactly once, even across a
server restart in the middle of a push."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import TURTLE_PREFIXES

from kg.errors import KgError
from kg.push import PushEvent, push

OXIGRAPH = shutil.which("oxigraph", path=str(Path(sys.executable).parent)) or shutil.which(
    "oxigraph"
)
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed")

DOC = "https://w3id.org/kg/document/"
PREFIXES = (
    TURTLE_PREFIXES
    + """
"""
)


def _document_graph(i: int, extra_facts: int = 0) -> str:
    """One document's named graph in kg's model; graphs differ in size so counts tell them apart.

    Every document mentions ent:Scott_Bessent, as documents of one corpus share entities: the
    shared triples must land in each graph, not once overall.
    """
    sha = f"{i:064x}"
    sentence = f"<{DOC}{sha}/sentence/0>"
    lines = [
        f"doc:{sha} {{",
        f'  doc:{sha} a kg:Document ; kg:sha256 "{sha}" ; dcterms:source "news/{i}.txt" .',
        f"  {sentence} a kg:Sentence ; kg:sentenceIndex 0 ; "
        f'kg:text "Bessent met «Partner {i}» in \\"Kuala Lumpur\\"." ; '
        f"dcterms:isPartOf doc:{sha} .",
        f'  ent:Scott_Bessent a kg:Person ; rdfs:label "Scott Bessent" ; '
        f"kg:mentionedIn {sentence} .",
    ]
    for j in range(i + extra_facts):
        lines += [
            f"  ent:Scott_Bessent rel:meet ent:Partner_{i}_{j} .",
            f'  ent:Partner_{i}_{j} a kg:Person ; rdfs:label "Partner {i}.{j}" .',
            f"  stmt:s{i}_{j} a kg:Statement ; rdf:subject ent:Scott_Bessent ; "
            f"rdf:predicate rel:meet ; rdf:object ent:Partner_{i}_{j} ; "
            f'kg:confidence "0.87"^^xsd:double ; prov:wasDerivedFrom {sentence} .',
        ]
    lines.append("}")
    return "\n".join(lines)


def _write_trig(path: Path, *, changed: int | None = None) -> Path:
    graphs = [_document_graph(i, 1 if i == changed else 0) for i in range(5)]
    # One triple outside any named graph: it must go to the server's default graph.
    default = "ent:Scott_Bessent rdfs:comment 'built by kg' ."
    path.write_text(PREFIXES + default + "\n" + "\n".join(graphs) + "\n", encoding="utf-8")
    return path


def _source_quads(path: Path) -> set[ox.Quad]:
    return set(ox.parse(path=path))


def _graph_counts(path: Path) -> dict[str, int]:
    counts: dict[str, int] = {}
    for quad in _source_quads(path):
        name = "" if isinstance(quad.graph_name, ox.DefaultGraph) else quad.graph_name.value
        counts[name] = counts.get(name, 0) + 1
    return counts


class OxigraphServer:
    """``oxigraph serve`` on a loopback port with an on-disk store, restartable on the same
    port and location."""

    def __init__(self, location: Path) -> None:
        self.location = location
        with socket.socket() as probe:  # a free port, handed back to the OS at once
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.base = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                OXIGRAPH,
                "serve",
                "--location",
                str(self.location),
                "--bind",
                f"127.0.0.1:{self.port}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):  # at most ~20 s
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph exited with status {self.process.returncode}")
            try:
                self.select("ASK { ?s ?p ?o }")
                return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("oxigraph did not start listening")

    def kill(self) -> None:
        """A crash, not a clean shutdown: SIGKILL."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def select(self, query: str) -> dict:
        url = f"{self.base}/query?" + urllib.parse.urlencode({"query": query})
        request = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=10) as response:
            return json.load(response)

    def quads(self) -> set[ox.Quad]:
        request = urllib.request.Request(
            f"{self.base}/store", headers={"Accept": "application/n-quads"}
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=10) as response:
            return set(ox.parse(response.read(), format=ox.RdfFormat.N_QUADS))

    def graph_counts(self) -> list[tuple[str, int]]:
        """(graph, triples) for every named graph, one row per graph name the server holds."""
        rows = self.select(
            "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        )["results"]["bindings"]
        default = self.select("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")["results"]["bindings"]
        counts = [(row["g"]["value"], int(row["n"]["value"])) for row in rows]
        return counts + [("", int(default[0]["n"]["value"]))]


@pytest.fixture
def trig(tmp_path) -> Path:
    folder = tmp_path / "build"
    folder.mkdir()
    return _write_trig(folder / "graph.trig")


def _assert_server_holds_exactly(server: OxigraphServer, trig: Path) -> None:
    counts = server.graph_counts()
    names = [name for name, _ in counts]
    assert len(names) == len(set(names)) == 6  # 5 documents + the default graph, each once
    assert dict(counts) == _graph_counts(trig)
    assert server.quads() == _source_quads(trig)


def test_push_sends_every_graph_once(server, trig):
    report = push(trig.parent, f"{server.base}/store")
    assert (report.sent, report.skipped, report.failed, report.pending) == (6, 0, 0, 0)
    assert report.triples == len(_source_quads(trig))
    assert report.ok
    _assert_server_holds_exactly(server, trig)


def test_repush_is_idempotent_and_skips_unchanged(server, trig):
    push(trig, f"{server.base}/store")
    again = push(trig, f"{server.base}/store")
    assert (again.sent, again.skipped) == (0, 6)
    forced = push(trig, f"{server.base}/store", force=True)
    assert (forced.sent, forced.skipped) == (6, 0)
    _assert_server_holds_exactly(server, trig)  # sent twice, held once


def test_changed_graph_is_replaced_not_merged(server, trig):
    push(trig, f"{server.base}/store")
    _write_trig(trig, changed=3)
    report = push(trig, f"{server.base}/store")
    assert (report.sent, report.skipped) == (1, 5)
    _assert_server_holds_exactly(server, trig)


def test_server_restart_mid_push(server, trig):
    events: list[PushEvent] = []
    restarted = threading.Event()

    def restart_later() -> None:
        time.sleep(0.5)
        server.start()
        restarted.set()

    def crash_after_second_graph(event: PushEvent) -> None:
        events.append(event)
        if event.status == "sent" and event.done == 2 and not restarted.is_set():
            server.kill()
            threading.Thread(target=restart_later, daemon=True).start()

    try:
        report = push(
            trig, f"{server.base}/store", retries=8, backoff=0.1, progress=crash_after_second_graph
        )
    finally:
        # Let the restart finish before teardown, so the fixture kills the new server too.
        assert restarted.wait(timeout=30)
    assert any(e.status == "retry" for e in events)  # the third graph met the dead server
    assert (report.sent, report.failed, report.pending) == (6, 0, 0)
    sent = [e.graph for e in events if e.status == "sent"]
    assert sorted(sent) == sorted(_graph_counts(trig))  # each graph confirmed once
    _assert_server_holds_exactly(server, trig)


def test_resume_after_giving_up(server, trig):
    """The server stays down: the push stops, and a later run finishes without re-sending."""

    def crash_after_second_graph(event: PushEvent) -> None:
        if event.status == "sent" and event.done == 2:
            server.kill()

    first = push(
        trig, f"{server.base}/store", retries=1, backoff=0.05, progress=crash_after_second_graph
    )
    assert (first.sent, first.failed, first.pending) == (2, 1, 3)
    assert not first.ok and "gave up" in first.errors[0]

    server.start()
    second = push(trig, f"{server.base}/store")
    assert (second.sent, second.skipped, second.failed) == (4, 2, 0)
    _assert_server_holds_exactly(server, trig)


def test_interleaved_nquads(server, tmp_path, trig):
    """N-Quads may mix graphs line by line; each graph must still go in one PUT."""
    quads = sorted(_source_quads(trig), key=lambda q: (str(q.subject), str(q.predicate)))
    nq = tmp_path / "mixed.nq"
    nq.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS))
    report = push(nq, f"{server.base}/store")
    assert report.sent == 6
    _assert_server_holds_exactly(server, trig)


def test_refused_request_is_not_retried(server, trig):
    events: list[PushEvent] = []
    report = push(trig, f"{server.base}/no-such-endpoint", progress=events.append)
    assert report.sent == 0 and report.failed == 6 and report.pending == 0
    assert "HTTP 404" in report.errors[0]
    assert not any(e.status == "retry" for e in events)


@pytest.mark.parametrize("endpoint", ["ftp://host/store", "localhost:7878/store", "http:///x"])
def test_bad_endpoint(trig, endpoint):
    with pytest.raises(KgError, match="bad endpoint"):
        push(trig, endpoint)


def test_kg_push_command_sends_a_real_build(server, tmp_path):
    from conftest import run_kg

    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text("Angela Merkel met Emmanuel Macron in Paris.", encoding="utf-8")
    (texts / "b.txt").write_text("Olaf Scholz visited Joe Biden.", encoding="utf-8")
    out = tmp_path / "out"
    assert run_kg("build", str(texts), "-o", str(out), "--no-view").returncode == 0
    first = run_kg("push", str(out), "--endpoint", f"{server.base}/store")
    assert first.returncode == 0, first.stderr
    assert server.quads() == _source_quads(out / "graph.trig")
    again = run_kg("push", str(out), "--endpoint", f"{server.base}/store")
    assert (
        again.returncode == 0
        and "0 graph(s) sent" in again.stdout
        and "2 unchanged" in again.stdout
    )
    assert server.quads() == _source_quads(out / "graph.trig")
