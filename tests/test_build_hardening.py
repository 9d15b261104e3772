"""Builds that are killed, crash between renames, meet unreadable entries, a full disk or an
overlong path (issue 20, breaks 3, 4 and 6). Real `kg` processes, real signals."""

from __future__ import annotations

import codecs
import fcntl
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import KG_SCRIPT, SEED_TEXT, run_kg

from kg.buildfolder import COMMIT_FILE, LOCK_FILE, SCRATCH_PREFIX

SEED = SEED_TEXT
SENTENCES = [s.strip() + "." for s in SEED.split(".") if len(s.split()) > 4]


def _corpus(folder: Path, documents: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(documents):
        # Each document different (its own number) so none is skipped as a duplicate.
        text = f"Report {i}. " + " ".join(SENTENCES[(i + k) % len(SENTENCES)] for k in range(6))
        (folder / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def _children(pid: int) -> set[int]:
    found = set()
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                fields = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.add(int(entry))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _lock_is_free(out: Path) -> bool:
    with open(out / LOCK_FILE, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


# --- break 3: a killed -j 2 build must not lock its folder ---------------------------------------


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_a_killed_parallel_build_leaves_no_worker_and_no_lock(tmp_path, signum) -> None:
    corpus = _corpus(tmp_path / "in", 400)
    out = tmp_path / "out"
    build = subprocess.Popen(
        [KG_SCRIPT, "build", str(corpus), "-o", str(out), "-j", "2", "--no-view"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        workers: set[int] = set()
        for _ in range(1200):  # the workers appear once the model is loaded (bounded: 120 s)
            workers = _children(build.pid)
            if len(workers) >= 2 or build.poll() is not None:
                break
            time.sleep(0.1)
        assert len(workers) >= 2, "the build never started its workers"
        time.sleep(0.5)  # let them take their first tasks
        build.send_signal(signum)
        build.wait(timeout=60)
    finally:
        if build.poll() is None:
            build.kill()
            build.wait()
    for _ in range(200):  # the kernel kills them with their parent (bounded: 20 s)
        if not any(_alive(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "a worker outlived the killed build"
    assert _lock_is_free(out)


# --- break 4: a crash between the final renames --------------------------------------------------

# Runs `kg` with os.replace made to SIGKILL the process right after the first output file is
# renamed into place: a real crash at the worst moment.
CRASH_AFTER_FIRST_RENAME = """
import os, signal, sys
real_replace = os.replace
def replace(source, target, *args, **kwargs):
    real_replace(source, target, *args, **kwargs)
    folder, name = os.path.split(str(target))
    if name.startswith("graph.") and not os.path.basename(folder).startswith(".kg-work-"):
        os.kill(os.getpid(), signal.SIGKILL)
os.replace = replace
from kg.cli import main
sys.argv = ["kg", *sys.argv[1:]]
main()
"""


def _union(path: Path, fmt: ox.RdfFormat) -> set:
    with path.open("rb") as handle:
        return {(q.subject, q.predicate, q.object) for q in ox.parse(handle, format=fmt)}


def test_a_crash_between_the_renames_is_repaired_by_the_next_build(tmp_path) -> None:
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text(SEED, encoding="utf-8")
    second.write_text(
        "Angela Merkel met Emmanuel Macron in Berlin. Macron praised the agreement.",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    assert run_kg("build", str(first), "-o", str(out)).returncode == 0
    old_page = (out / "graph.html").read_bytes()

    crashed = subprocess.run(
        [sys.executable, "-c", CRASH_AFTER_FIRST_RENAME, "build", str(first), str(second)]
        + ["-o", str(out)],
        capture_output=True,
        timeout=600,
    )
    assert crashed.returncode == -signal.SIGKILL
    assert (out / COMMIT_FILE).exists()
    assert "Merkel" in (out / "graph.trig").read_text(encoding="utf-8")
    assert "Merkel" not in (out / "graph.ttl").read_text(encoding="utf-8")  # mixed, for now

    again = run_kg("build", str(first), str(second), "-o", str(out))
    assert again.returncode == 0, again.stderr
    assert "2 unchanged" in again.stdout
    assert not (out / COMMIT_FILE).exists()
    assert not list(out.glob(SCRATCH_PREFIX + "*"))
    # The three files are of one build again: the union in graph.ttl is graph.trig's.
    assert _union(out / "graph.ttl", ox.RdfFormat.TURTLE) == _union(
        out / "graph.trig", ox.RdfFormat.TRIG
    )
    assert (out / "graph.html").read_bytes() != old_page
    assert "Merkel" in (out / "graph.html").read_text(encoding="utf-8")


def test_scratch_folders_of_dead_builds_are_removed(tmp_path) -> None:
    source = tmp_path / "a.txt"
    source.write_text(SEED, encoding="utf-8")
    out = tmp_path / "out"
    stale = out / f"{SCRATCH_PREFIX}dead"
    stale.mkdir(parents=True)
    (stale / "extractions-0.pickle").write_bytes(b"x" * 1000)
    result = run_kg("build", str(source), "-o", str(out), "--no-view")
    assert result.returncode == 0, result.stderr
    assert not stale.exists()


def test_a_live_build_keeps_its_lock_and_scratch_folder(tmp_path) -> None:
    out = tmp_path / "out"
    out.mkdir()
    scratch = out / f"{SCRATCH_PREFIX}live"
    scratch.mkdir()
    with open(out / LOCK_FILE, "w") as handle:  # a live build holds the lock
        fcntl.flock(handle, fcntl.LOCK_EX)
        source = tmp_path / "a.txt"
        source.write_text(SEED, encoding="utf-8")
        result = run_kg("build", str(source), "-o", str(out), "--no-view")
    assert result.returncode == 1 and "another kg build is writing" in result.stderr
    assert scratch.exists()


# --- break 6: unreadable entries, full disk, overlong paths, stdin, UTF-16 ------------------------


def test_a_folder_build_names_every_unreadable_entry_and_builds_the_rest(tmp_path) -> None:
    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / "good.txt").write_text(SEED, encoding="utf-8")
    os.mkfifo(corpus / "fifo.txt")
    (corpus / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    (corpus / "loop.txt").symlink_to(corpus / "loop.txt")
    (corpus / "back").symlink_to(corpus)  # a link to a folder already read: no error, no loop
    expected = ["fifo.txt", "dangling.txt", "zero.txt", "loop.txt"]
    closed = corpus / "closed"
    closed.mkdir()
    (closed / "inside.txt").write_text(SEED, encoding="utf-8")
    closed.chmod(0)
    if os.geteuid() != 0:  # root reads a mode-000 folder anyway
        expected.append("closed")
    try:
        result = run_kg("build", str(corpus), "-o", str(tmp_path / "out"), "--no-view")
    finally:
        closed.chmod(0o755)
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("kg: error: ")]
    for name in expected:
        assert sum(str(corpus / name) in line for line in errors) == 1, (name, result.stderr)
    assert "Traceback" not in result.stderr
    assert "1 document(s)" in result.stdout


def test_a_second_stdin_build_adds_a_document(tmp_path) -> None:
    out = tmp_path / "out"
    one = run_kg("build", "-", "-o", str(out), "--no-view", stdin=SEED)
    two = run_kg("build", "-", "-o", str(out), "--no-view", stdin="Angela Merkel met Macron.")
    assert one.returncode == 0 and two.returncode == 0, two.stderr
    stats = run_kg("stats", str(out))
    assert "documents" in stats.stdout
    documents = next(line for line in stats.stdout.splitlines() if line.startswith("documents"))
    assert documents.split()[-1] == "2"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_a_bom_are_read(tmp_path, encoding) -> None:
    from kg.documents import read_document

    path = tmp_path / "wide.txt"
    data = SEED.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    path.write_bytes(data)
    assert read_document(str(path)).text == SEED


def _full_disk() -> None:
    # A file size limit: a write past it fails with EFBIG, as on a full disk (Python ignores
    # SIGXFSZ, so the write raises instead of the process dying).
    import resource

    resource.setrlimit(resource.RLIMIT_FSIZE, (20_000, 20_000))


@pytest.fixture(scope="module")
def small_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("small")
    source = out.parent / "small.txt"
    source.write_text(SEED, encoding="utf-8")
    assert run_kg("build", str(source), "-o", str(out)).returncode == 0
    return out


def _one_line_error(result: subprocess.CompletedProcess, culprit: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("kg: error: ") and culprit in lines[0], lines
    assert "Traceback" not in result.stderr


def test_overlong_paths_are_one_line_errors(small_build, tmp_path) -> None:
    long = tmp_path / ("x" * 300)
    source = tmp_path / "a.txt"
    source.write_text(SEED, encoding="utf-8")
    _one_line_error(run_kg("build", str(source), "-o", str(long)), "File name too long")
    _one_line_error(
        run_kg("export", str(small_build), "--format", "ntriples", "-o", str(long / "g.nt")),
        "File name too long",
    )
    _one_line_error(run_kg("view", str(small_build), "-o", str(long)), "File name too long")
    _one_line_error(run_kg("remove", "a.txt", "-o", str(long)), "File name too long")


def test_a_full_disk_is_a_one_line_error_and_the_build_stays_whole(small_build, tmp_path) -> None:
    before = {p.name: p.read_bytes() for p in small_build.glob("graph.*")}
    second = tmp_path / "b.txt"
    second.write_text("Angela Merkel met Emmanuel Macron in Berlin.", encoding="utf-8")
    runs = {
        "build": [KG_SCRIPT, "build", str(second), "-o", str(small_build)],
        "export": [KG_SCRIPT, "export", str(small_build), "--format", "nquads", "-o"]
        + [str(tmp_path / "g.nq")],
        "view": [KG_SCRIPT, "view", str(small_build), "-o", str(tmp_path / "g.html")],
        "remove": [KG_SCRIPT, "remove", str(small_build.parent / "small.txt")]
        + ["-o", str(small_build)],
    }
    for command in runs.values():
        result = subprocess.run(
            command, capture_output=True, text=True, timeout=600, preexec_fn=_full_disk
        )
        _one_line_error(result, "File too large")
    assert {p.name: p.read_bytes() for p in small_build.glob("graph.*")} == before
