"""Builds into an existing folder: only new or changed documents are added, a re-run changes
nothing, and removing a document restores the earlier build byte for byte."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import run_kg

FIRST = "Angela Merkel met Emmanuel Macron in Paris. Merkel praised the agreement."
SECOND = "Olaf Scholz visited Joe Biden in Washington. Biden welcomed Scholz."
OUTPUTS = ("graph.ttl", "graph.trig", "graph.html")


def snapshot(out: Path) -> dict[str, bytes]:
    return {name: (out / name).read_bytes() for name in OUTPUTS}


def graph_quads(out: Path, source: str) -> set[str]:
    """The quads of the named graph whose document came from ``source``."""
    store = ox.Store()
    with (out / "graph.trig").open("rb") as handle:
        store.bulk_load(handle, format=ox.RdfFormat.TRIG)
    (row,) = store.query(
        f'SELECT ?g WHERE {{ GRAPH ?g {{ ?g <http://purl.org/dc/terms/source> "{source}" }} }}'
    )
    return {str(q) for q in store.quads_for_pattern(None, None, None, row["g"])}


@pytest.fixture
def texts(tmp_path) -> tuple[Path, Path]:
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(FIRST, encoding="utf-8")
    second.write_text(SECOND, encoding="utf-8")
    return first, second


def test_same_input_twice_gives_identical_files_and_rewrites_nothing(tmp_path, texts):
    out = tmp_path / "out"
    assert run_kg("build", str(texts[0]), "-o", str(out)).returncode == 0
    before = snapshot(out)
    mtimes = {name: (out / name).stat().st_mtime_ns for name in OUTPUTS}
    again = run_kg("build", str(texts[0]), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert "0 document(s), 1 unchanged" in again.stdout
    assert snapshot(out) == before
    assert {name: (out / name).stat().st_mtime_ns for name in OUTPUTS} == mtimes


def test_fresh_builds_of_the_same_input_are_byte_identical(tmp_path, texts):
    one, two = tmp_path / "one", tmp_path / "two"
    assert run_kg("build", str(texts[0]), str(texts[1]), "-o", str(one)).returncode == 0
    assert run_kg("build", str(texts[0]), str(texts[1]), "-o", str(two), "-j", "2").returncode == 0
    assert snapshot(one) == snapshot(two)


def test_adding_leaves_the_first_graph_untouched_and_removing_restores_the_build(tmp_path, texts):
    first, second = texts
    out = tmp_path / "out"
    assert run_kg("build", str(first), "-o", str(out)).returncode == 0
    before = snapshot(out)
    first_graph = graph_quads(out, str(first))

    added = run_kg("build", str(second), "-o", str(out))
    assert added.returncode == 0, added.stderr
    assert graph_quads(out, str(first)) == first_graph
    assert graph_quads(out, str(second))

    removed = run_kg("remove", str(second), "-o", str(out))
    assert removed.returncode == 0, removed.stderr
    assert f"removed {second}" in removed.stdout
    assert snapshot(out) == before


def test_changed_file_replaces_its_old_graph(tmp_path, texts):
    first, _ = texts
    out = tmp_path / "out"
    assert run_kg("build", str(first), "-o", str(out)).returncode == 0
    first.write_text("Joe Biden met Xi Jinping in Lima.", encoding="utf-8")
    result = run_kg("build", str(first), "-o", str(out))
    assert result.returncode == 0, result.stderr
    labels = {q.split('"')[1] for q in graph_quads(out, str(first)) if "rdf-schema#label" in q}
    assert "Xi Jinping" in labels and "Angela Merkel" not in labels
    trig = (out / "graph.trig").read_text(encoding="utf-8")
    assert "Angela Merkel" not in trig


def test_remove_of_an_unknown_document_is_a_clear_error(tmp_path, texts):
    out = tmp_path / "out"
    assert run_kg("build", str(texts[0]), "-o", str(out)).returncode == 0
    result = run_kg("remove", "nothing.txt", "-o", str(out))
    assert result.returncode == 1
    assert "nothing.txt: no document" in result.stderr


def test_every_build_step_conforms_to_the_shapes(tmp_path, texts):
    from kg.store import load_dataset
    from kg.validate import validate

    out = tmp_path / "out"
    for step in (["build", str(texts[0])], ["build", str(texts[1])], ["remove", str(texts[1])]):
        assert run_kg(*step, "-o", str(out)).returncode == 0
        conforms, report = validate(load_dataset(out))
        assert conforms, report


def test_a_second_build_into_a_locked_folder_is_refused_and_changes_nothing(tmp_path, texts):
    from kg.buildfolder import build_lock

    out = tmp_path / "out"
    assert run_kg("build", str(texts[0]), "-o", str(out)).returncode == 0
    before = snapshot(out)
    with build_lock(out):  # as if another build were writing the folder
        result = run_kg("build", str(texts[1]), "-o", str(out))
    assert result.returncode == 1
    assert "another kg build is writing this folder" in result.stderr
    assert snapshot(out) == before


def _children(pid: int) -> set[int]:
    """The children of process ``pid``, zombies included, from /proc."""
    found = set()
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:  # it has just gone
            continue
        if int(fields[1]) == pid:
            found.add(int(stat.parent.name))
    return found


def test_a_failing_build_worker_fails_the_build_and_keeps_the_earlier_files(
    tmp_path, texts, monkeypatch
):
    """Pass two runs in forked workers with -j 2: one that fails is reported in one line, no
    worker is left behind, and the earlier build stays byte for byte."""
    import os

    import kg.passtwo
    import kg.pipeline
    from kg.errors import KgError

    out = tmp_path / "out"
    assert run_kg("build", str(texts[0]), "-o", str(out)).returncode == 0
    before = snapshot(out)

    def broken(index, part, graph_file):
        raise RuntimeError(f"disk full while writing {part.path.name}")

    monkeypatch.setattr(kg.passtwo, "_resolve_part", broken)
    others = _children(os.getpid())  # other tests' servers and workers may be running
    with pytest.raises(KgError, match=r"a build worker failed: RuntimeError: disk full"):
        kg.pipeline.build([str(texts[1])], out, jobs=2)
    assert snapshot(out) == before
    assert not list(out.glob(".kg-work-*"))  # the scratch folder is gone
    assert _children(os.getpid()) <= others  # every worker of the build was reaped


def test_ctrl_c_in_the_middle_of_a_build_leaves_the_earlier_build_as_it_was(tmp_path, texts):
    """SIGINT to the build's process group, as a terminal sends it, while -j 2 workers parse."""
    import os
    import signal
    import subprocess
    import time

    from conftest import KG_SCRIPT

    out = tmp_path / "out"
    assert run_kg("build", str(texts[0]), "-o", str(out)).returncode == 0
    before = snapshot(out)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(300):  # a few seconds of parsing on two cores
        (corpus / f"news{number:03d}.txt").write_text(
            f"Report {number}. {SECOND} {FIRST} " * 3, encoding="utf-8"
        )
    build = subprocess.Popen(
        [KG_SCRIPT, "build", str(corpus), "-o", str(out), "-j", "2"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
        # As from a terminal: a test run in the background (CI, nohup) inherits SIGINT ignored,
        # and Python then leaves it ignored in the build too.
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and build.poll() is None:
        if _children(build.pid):
            break  # the model is loaded and the workers forked: documents are being parsed
        time.sleep(0.05)
    time.sleep(0.5)
    assert build.poll() is None, "the build ended before it could be interrupted"
    os.killpg(build.pid, signal.SIGINT)
    _, stderr = build.communicate(timeout=120)
    assert build.returncode == 130, stderr
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert snapshot(out) == before
    assert not list(out.glob(".kg-work-*")) and not list(out.glob(".graph.*"))
    with pytest.raises(ProcessLookupError):
        os.killpg(build.pid, 0)  # no worker of the build is left running


def test_removing_the_last_document_leaves_an_empty_build(tmp_path, texts):
    out = tmp_path / "out"
    assert run_kg("build", str(texts[0]), "-o", str(out)).returncode == 0
    result = run_kg("remove", str(texts[0]), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    stats = run_kg("stats", str(out))
    assert stats.returncode == 0, stats.stderr
    counts = dict(line.rsplit(None, 1) for line in stats.stdout.splitlines())
    assert counts["documents"] == "0" and counts["triples"] == "0"
    assert (out / "graph.html").exists()
