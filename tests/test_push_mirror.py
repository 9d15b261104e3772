"""`kg push` mirrors the build on the server (issue 20, break 7): graphs of removed and replaced
documents are deleted, and a server that lost its data gets everything again. A real Oxigraph
server on loopback."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from conftest import TURTLE_PREFIXES, run_kg
from test_push import OXIGRAPH, OxigraphServer, _document_graph, _graph_counts

from kg.push import push

pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server is not installed")


def _write(path: Path, documents: list[int]) -> Path:
    path.write_text(
        TURTLE_PREFIXES + "\n".join(_document_graph(i) for i in documents) + "\n",
        encoding="utf-8",
    )
    return path


def _server_graphs(server: OxigraphServer) -> dict[str, int]:
    return {name: count for name, count in server.graph_counts() if name}


def test_removed_and_replaced_documents_are_deleted_from_the_server(server, tmp_path) -> None:
    trig = _write(tmp_path / "graph.trig", [1, 2, 3, 4])
    assert push(trig, f"{server.base}/store").sent == 4
    # Document 4 removed; document 2 replaced by a new version, which has a new name (5).
    _write(trig, [1, 3, 5])
    report = push(trig, f"{server.base}/store")
    assert (report.sent, report.skipped, report.deleted, report.failed) == (1, 2, 2, 0)
    assert "2 deleted" in report.summary()
    assert _server_graphs(server) == _graph_counts(trig)
    # Deleted graphs are forgotten: pushing again deletes nothing more.
    again = push(trig, f"{server.base}/store")
    assert (again.sent, again.skipped, again.deleted) == (0, 3, 0)


def test_graphs_kg_did_not_push_are_left_alone(server, tmp_path) -> None:
    other = _write(tmp_path / "other.trig", [7])
    folder = tmp_path / "build"
    folder.mkdir()
    push(other, f"{server.base}/store")  # someone else's graph (another progress file)
    trig = _write(folder / "graph.trig", [1, 2])
    push(trig, f"{server.base}/store")
    _write(trig, [1])
    assert push(trig, f"{server.base}/store").deleted == 1
    assert set(_server_graphs(server)) == set(_graph_counts(trig)) | set(_graph_counts(other))


def test_after_the_server_is_wiped_push_sends_everything_again(server, tmp_path) -> None:
    trig = _write(tmp_path / "graph.trig", [1, 2, 3])
    assert push(trig, f"{server.base}/store").sent == 3
    server.kill()
    shutil.rmtree(server.location)
    server.start()
    assert _server_graphs(server) == {}
    result = run_kg("push", str(trig), "--endpoint", f"{server.base}/store")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("3 graph(s) sent")
    assert _server_graphs(server) == _graph_counts(trig)
