"""Replay the red team's attacks of issue 20 and say, area by area, how many held.

    .venv/bin/python benchmarks/red_team.py [--skip-memory] [--verbose]

Every attack runs for real: queries against pyoxigraph stores, `kg` commands in subprocesses
killed with real signals, an endpoint on 127.0.0.1 spoken to over raw sockets, a real Oxigraph
server for `kg push`. Network traffic stays on loopback; every wait is bounded. The last area
builds the pathological inputs (a 134 KB apposition chain, a 2 MB single line) and prints the
peak memory of each build (target: under 1 GB).

Prints the attacks that broke (every attempt with --verbose), then one line per area: attempts,
held, broke; exits 1 if any broke.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import http.client
import json
import os
import random
import resource
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlencode

REPO = Path(__file__).resolve().parent.parent
BIN = REPO / ".venv" / "bin"
KG = str(BIN / "kg")
SEED = json.loads((REPO / "seeds" / "news.jsonl").read_text(encoding="utf-8").splitlines()[0])[
    "text"
]
ENT = "https://w3id.org/kg/entity/"
REL = "https://w3id.org/kg/relation/"
MEMORY_TARGET_MB = 1024

Attack = Callable[[], str | None]  # None: held; a string: how it broke


class Tally:
    def __init__(self, *, verbose: bool = False) -> None:
        self.areas: dict[str, list[tuple[str, str | None]]] = {}
        self.verbose = verbose

    def run(self, area: str, name: str, attack: Attack) -> None:
        try:
            broke = attack()
        except Exception as error:  # an attack that crashes the harness counts as broken
            broke = f"{type(error).__name__}: {error}"
        self.areas.setdefault(area, []).append((name, broke))
        if broke is not None or self.verbose:
            mark = "held" if broke is None else f"BROKE: {broke}"
            print(f"  [{area}] {name}: {mark}", flush=True)

    def report(self) -> bool:
        print("\narea                          attempts  held  broke")
        total = [0, 0, 0]
        for area, results in self.areas.items():
            broke = sum(1 for _, b in results if b is not None)
            row = (len(results), len(results) - broke, broke)
            total = [t + r for t, r in zip(total, row, strict=True)]
            print(f"{area:<30}{row[0]:>8}{row[1]:>6}{row[2]:>7}")
        print(f"{'all':<30}{total[0]:>8}{total[1]:>6}{total[2]:>7}")
        return total[2] == 0


def kg(*args: str, stdin: str | None = None, limit_file_bytes: int | None = None):
    def full_disk() -> None:  # a write past this fails with EFBIG, as on a full disk
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_bytes, limit_file_bytes))

    return subprocess.run(
        [KG, *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
        preexec_fn=full_disk if limit_file_bytes else None,
    )


def one_line_error(result: subprocess.CompletedProcess, culprit: str) -> str | None:
    lines = result.stderr.strip().splitlines()
    if result.returncode != 1:
        return f"exit status {result.returncode}"
    if "Traceback" in result.stderr or len(lines) != 1:
        return f"{len(lines)} lines on stderr: {lines[-1] if lines else ''}"
    return None if culprit in lines[0] else f"error does not name {culprit}: {lines[0]}"


class Trap:
    """A loopback listener that counts connections (what a SERVICE call would make)."""

    def __init__(self) -> None:
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.listener.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}/x"
        self.connections = 0
        self.running = True
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while self.running:
            try:
                connection, _ = self.listener.accept()
            except OSError:
                continue
            self.connections += 1
            connection.close()

    def close(self) -> None:
        self.running = False
        self.thread.join(timeout=5)
        self.listener.close()


# --- 1. guard bypass -----------------------------------------------------------------------------


def guard(tally: Tally, work: Path) -> None:
    import pyoxigraph as ox

    from kg.errors import QueryError
    from kg.query import check_query, normalise_query, run_query

    trap = Trap()
    store = ox.Store(str(work / "disk-store"))
    store.add(ox.Quad(ox.NamedNode(f"{ENT}a"), ox.NamedNode(f"{REL}r"), ox.Literal("1")))
    graph = work / "guard.nt"
    graph.write_text(f'<{ENT}a> <{REL}r> "1" .\n', encoding="utf-8")

    for line_end in ("\r", "\r\n", "\x0b", "\x0c", "\x85", "\u2028"):
        query = f"SELECT ?x WHERE {{ #{line_end} SERVICE <{trap.url}> {{ ?x ?y ?z }} \n }}"

        def on_disk(query: str = query) -> str | None:
            before = trap.connections
            with contextlib.suppress(QueryError):
                run_query(store, query, timeout=10)
            return None if trap.connections == before else "SERVICE reached the network"

        def cli(query: str = query) -> str | None:
            before = trap.connections
            kg("query", str(graph), query)
            return None if trap.connections == before else "SERVICE reached the network"

        tally.run("1 guard bypass", f"run_query on disk, comment ended by {line_end!r}", on_disk)
        tally.run("1 guard bypass", f"kg query, comment ended by {line_end!r}", cli)

    pieces = ["\n", "\r", "\r\n", "\t", "\x0b", "\x0c", "\x85", "\u2028", "#", "\\u000a",
              "\\u000d", '"', "'", '"""', "<", ">", "{", "}", "\\"]  # fmt: skip
    rng = random.Random(20)
    memory_store = ox.Store()
    for attempt in range(300):
        before = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 4)))
        after = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 3)))
        query = (
            f"SELECT * WHERE {{ ?a ?b ?c {before} SERVICE <{trap.url}> {{ ?x ?y ?z }} {after}\n}}"
        )

        def fuzz(query: str = query) -> str | None:
            try:
                check_query(query)
            except QueryError:
                return None
            count = trap.connections
            with contextlib.suppress(SyntaxError, OSError, ValueError):
                list(memory_store.query(normalise_query(query)))
            return None if trap.connections == count else f"accepted and ran: {query!r}"

        tally.run("1 guard bypass", f"fuzz {attempt}", fuzz)
    trap.close()


# --- an endpoint on loopback, for areas 2, 5 and 8 ------------------------------------------------


class Endpoint:
    def __init__(self, folder: Path, timeout: float) -> None:
        from kg.serve import make_server

        self.server = make_server(folder, "127.0.0.1", 0, timeout=timeout, log=False)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def request(self, method: str, path: str, body=None, headers=None) -> tuple[int, dict, bytes]:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=120)
        try:
            connection.request(method, path, body=body, headers=headers or {})
            response = connection.getresponse()
            return response.status, dict(response.getheaders()), response.read()
        finally:
            connection.close()

    def query(self, query: str, accept: str = "application/sparql-results+json"):
        return self.request(
            "GET", "/sparql?" + urlencode({"query": query}), None, {"Accept": accept}
        )

    def raw(self, data: bytes) -> bytes:
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


@contextlib.contextmanager
def endpoint(work: Path, timeout: float) -> Iterator[Endpoint]:
    folder = work / f"endpoint-{timeout:g}"
    if not folder.exists():
        folder.mkdir()
        lines = [f"<{ENT}e{i}> <{REL}r{i % 5}> <{ENT}e{(i * 7) % 3000}> ." for i in range(3000)]
        lines.append(f'<{ENT}e0> <{REL}says> "bell\\u0007 escape\\u001B end" .')
        (folder / "graph.trig").write_text("\n".join(lines) + "\n", encoding="utf-8")
    running = Endpoint(folder, timeout)
    try:
        yield running
    finally:
        running.close()


ASK = f"ASK {{ <{ENT}e1> ?p ?o }}"
CARTESIAN = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l } ORDER BY ?l ?i"


def freeze(tally: Tally, work: Path) -> None:
    with endpoint(work, timeout=8) as server:

        def huge() -> str | None:
            query = "SELECT ?x WHERE { ?x ?y ?z " + "FILTER(1 = 1) " * 7000 + "}"
            status, _, _ = server.request(
                "POST", "/sparql", query, {"Content-Type": "application/sparql-query"}
            )
            return None if status == 400 else f"99 KB query answered {status}"

        def slow_parse() -> str | None:
            slow = "SELECT ?x WHERE { ?x ?y ?z " + "FILTER(1 = 1) " * 2300 + "}"
            thread = threading.Thread(
                target=server.request,
                args=("POST", "/sparql", slow, {"Content-Type": "application/sparql-query"}),
            )
            thread.start()
            time.sleep(0.5)
            status = server.query(ASK)[0]
            running = thread.is_alive()
            thread.join(timeout=120)
            if status != 200 or not running:
                return "a cheap query waited for the slow parse"
            return None

        def cartesians() -> str | None:
            ended: list[float] = []

            def send() -> None:
                server.query(CARTESIAN)
                ended.append(time.monotonic())

            threads = [threading.Thread(target=send) for _ in range(8)]
            for thread in threads:
                thread.start()
            time.sleep(2.5)
            status = server.query(ASK)[0]
            answered = time.monotonic()
            for thread in threads:
                thread.join(timeout=120)
            late = sum(1 for at in ended if at > answered)
            if status != 200 or late == 0:
                return "the cheap ASK waited for the cartesian products"
            return None

        tally.run("2 endpoint freeze", "99 KB FILTER query", huge)
        tally.run("2 endpoint freeze", "31 KB query parsing while an ASK comes", slow_parse)
        tally.run("2 endpoint freeze", "8 cartesian products, then an ASK", cartesians)
        form = urlencode({"query": ASK})
        for headers in (
            {"Origin": "http://evil.example"},
            {"Origin": "null"},
            {"Sec-Fetch-Site": "cross-site"},
            {"Referer": "http://evil.example/"},
        ):
            for media in ("application/x-www-form-urlencoded", "text/plain"):

                def csrf(headers: dict = headers, media: str = media) -> str | None:
                    status = server.request(
                        "POST", "/sparql", form, {"Content-Type": media, **headers}
                    )[0]
                    return None if status == 403 else f"cross-site POST answered {status}"

                tally.run("2 endpoint freeze", f"cross-site {media} POST {headers}", csrf)


# --- 3 and 4. killed builds ----------------------------------------------------------------------


def corpus(folder: Path, documents: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    sentences = [s.strip() + "." for s in SEED.split(".") if len(s.split()) > 4]
    for i in range(documents):
        text = f"Report {i}. " + " ".join(sentences[(i + k) % len(sentences)] for k in range(6))
        (folder / f"doc{i:04d}.txt").write_text(text, encoding="utf-8")
    return folder


def children(pid: int) -> set[int]:
    found = set()
    for entry in filter(str.isdigit, os.listdir("/proc")):
        with contextlib.suppress(OSError, IndexError):
            if int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry))
    return found


def alive(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def lock_free(out: Path) -> bool:
    with open(out / ".kg.lock", "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        fcntl.flock(handle, fcntl.LOCK_UN)
        return True


def killed_builds(tally: Tally, work: Path) -> None:
    source = corpus(work / "corpus", 400)
    for number, signum in enumerate([signal.SIGKILL, signal.SIGTERM, signal.SIGKILL]):

        def attack(signum: int = signum, number: int = number) -> str | None:
            out = work / f"killed-{number}"
            build = subprocess.Popen(
                [KG, "build", str(source), "-o", str(out), "-j", "2", "--no-view"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            workers: set[int] = set()
            for _ in range(1200):
                workers = children(build.pid)
                if len(workers) >= 2 or build.poll() is not None:
                    break
                time.sleep(0.1)
            time.sleep(0.5)
            build.send_signal(signum)
            build.wait(timeout=60)
            for _ in range(200):
                if not any(alive(pid) for pid in workers):
                    break
                time.sleep(0.1)
            if any(alive(pid) for pid in workers):
                return "a worker outlived the build"
            if not lock_free(out):
                return "the folder stays locked"
            return None

        tally.run("3 killed -j 2 build", f"{signal.Signals(signum).name} #{number}", attack)


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


def mixed_builds(tally: Tally, work: Path) -> None:
    import pyoxigraph as ox

    first, second = work / "a.txt", work / "b.txt"
    first.write_text(SEED, encoding="utf-8")
    second.write_text("Angela Merkel met Emmanuel Macron in Berlin.", encoding="utf-8")

    def crash() -> str | None:
        out = work / "mixed"
        kg("build", str(first), "-o", str(out))
        python = str(BIN / "python")
        subprocess.run(
            [python, "-c", CRASH_AFTER_FIRST_RENAME, "build", str(first), str(second), "-o"]
            + [str(out)],
            capture_output=True,
            timeout=600,
        )
        again = kg("build", str(first), str(second), "-o", str(out))
        union = {}
        for name, fmt in (("graph.ttl", ox.RdfFormat.TURTLE), ("graph.trig", ox.RdfFormat.TRIG)):
            with (out / name).open("rb") as handle:
                union[name] = {
                    (q.subject, q.predicate, q.object) for q in ox.parse(handle, format=fmt)
                }
        if again.returncode != 0 or union["graph.ttl"] != union["graph.trig"]:
            return "graph.ttl and graph.trig are of different builds"
        if "Merkel" not in (out / "graph.html").read_text(encoding="utf-8"):
            return "graph.html is of the earlier build"
        return None

    def stale_scratch() -> str | None:
        out = work / "stale"
        (out / ".kg-work-dead").mkdir(parents=True)
        kg("build", str(first), "-o", str(out), "--no-view")
        return None if not list(out.glob(".kg-work-*")) else "scratch folder left behind"

    tally.run("4 mixed build", "SIGKILL between the final renames", crash)
    tally.run("4 mixed build", "scratch folder of a killed build", stale_scratch)


# --- 5. control characters in XML ---------------------------------------------------------------


def xml_output(tally: Tally, work: Path) -> None:
    graph = work / "control.nt"
    graph.write_text(f'<{ENT}a> <{REL}says> "bell\\u0007 escape\\u001B nul\\u0000" .\n')
    for query in ("CONSTRUCT WHERE { ?s ?p ?o }", "SELECT ?o WHERE { ?s ?p ?o }"):

        def cli(query: str = query) -> str | None:
            result = kg("query", str(graph), query, "--format", "xml")
            try:
                ET.fromstring(result.stdout)
            except ET.ParseError as error:
                return f"not well-formed: {error}"
            return None

        tally.run("5 XML control characters", f"kg query --format xml: {query}", cli)
    with endpoint(work, timeout=10) as server:
        for accept, query in (
            ("application/rdf+xml", "CONSTRUCT WHERE { ?s ?p ?o }"),
            ("application/sparql-results+xml", "SELECT ?o WHERE { ?s ?p ?o }"),
        ):

            def served(accept: str = accept, query: str = query) -> str | None:
                _, _, body = server.query(query, accept)
                try:
                    ET.fromstring(body)
                except ET.ParseError as error:
                    return f"not well-formed: {error}"
                return None

            tally.run("5 XML control characters", f"endpoint Accept: {accept}", served)


# --- 6. errors -----------------------------------------------------------------------------------


def errors(tally: Tally, work: Path) -> None:
    build = work / "errors-build"
    source = work / "source.txt"
    source.write_text(SEED, encoding="utf-8")
    kg("build", str(source), "-o", str(build))
    long = work / ("x" * 300)
    overlong = {
        "build": ("build", str(source), "-o", str(long)),
        "export": ("export", str(build), "--format", "nquads", "-o", str(long / "g.nq")),
        "view": ("view", str(build), "-o", str(long)),
        "remove": ("remove", "x", "-o", str(long)),
    }
    for name, args in overlong.items():
        tally.run(
            "6 errors",
            f"overlong path: kg {name}",
            lambda args=args: one_line_error(kg(*args), "File name too long"),
        )
    full = {
        "build": ("build", str(work / "b.txt"), "-o", str(build)),
        "export": ("export", str(build), "--format", "nquads", "-o", str(work / "g.nq")),
        "view": ("view", str(build), "-o", str(work / "g.html")),
        "remove": ("remove", str(source), "-o", str(build)),
    }
    (work / "b.txt").write_text("Angela Merkel met Emmanuel Macron in Berlin.", encoding="utf-8")
    for name, args in full.items():
        tally.run(
            "6 errors",
            f"full disk: kg {name}",
            lambda args=args: one_line_error(kg(*args, limit_file_bytes=20_000), "File too large"),
        )

    folder = work / "unreadable"
    folder.mkdir()
    (folder / "good.txt").write_text(SEED, encoding="utf-8")
    os.mkfifo(folder / "fifo.txt")
    (folder / "dangling.txt").symlink_to(work / "missing.txt")
    (folder / "zero.txt").symlink_to("/dev/zero")
    (folder / "loop.txt").symlink_to(folder / "loop.txt")
    result = kg("build", str(folder), "-o", str(work / "unreadable-out"), "--no-view")
    for name in ("fifo.txt", "dangling.txt", "zero.txt", "loop.txt"):

        def named(name: str = name) -> str | None:
            if result.returncode != 1:
                return f"exit status {result.returncode}"
            lines = [line for line in result.stderr.splitlines() if str(folder / name) in line]
            return None if len(lines) == 1 else f"{name} not named in one line"

        tally.run("6 errors", f"folder entry {name}", named)

    def stdin_twice() -> str | None:
        out = work / "stdin-out"
        kg("build", "-", "-o", str(out), "--no-view", stdin=SEED)
        kg("build", "-", "-o", str(out), "--no-view", stdin="Angela Merkel met Macron.")
        stats = kg("stats", str(out)).stdout
        line = next((x for x in stats.splitlines() if x.startswith("documents")), "")
        return None if line.split()[-1:] == ["2"] else f"after two stdin builds: {line}"

    def utf16() -> str | None:
        path = work / "wide.txt"
        path.write_bytes(SEED.encode("utf-16"))
        result = kg("build", str(path), "-o", str(work / "wide-out"), "--no-view")
        return None if result.returncode == 0 else result.stderr.strip()

    tally.run("6 errors", "a second stdin build", stdin_twice)
    tally.run("6 errors", "UTF-16 with a BOM", utf16)


# --- 7. push -------------------------------------------------------------------------------------


def push_mirror(tally: Tally, work: Path) -> None:
    import json
    import urllib.request

    from kg.push import push

    oxigraph = shutil.which("oxigraph", path=str(BIN)) or shutil.which("oxigraph")
    if oxigraph is None:
        print("  [7 push] skipped: the oxigraph server is not installed")
        return
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    location = work / "oxigraph-db"
    base = f"http://127.0.0.1:{port}"
    opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

    def graphs() -> set[str]:
        query = urlencode({"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"})
        request = urllib.request.Request(
            f"{base}/query?{query}", headers={"Accept": "application/sparql-results+json"}
        )
        with opener.open(request, timeout=10) as response:
            return {row["g"]["value"] for row in json.load(response)["results"]["bindings"]}

    def start() -> subprocess.Popen:
        process = subprocess.Popen(
            [oxigraph, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(200):
            with contextlib.suppress(OSError):
                graphs()
                return process
            time.sleep(0.1)
        raise RuntimeError("oxigraph did not start")

    def trig(documents: list[int]) -> Path:
        path = work / "push" / "graph.trig"
        path.parent.mkdir(exist_ok=True)
        blocks = [
            f'<https://w3id.org/kg/document/{i}> {{ <{ENT}x{i}> <{REL}r> "{i}" . }}'
            for i in documents
        ]
        path.write_text("\n".join(blocks) + "\n", encoding="utf-8")
        return path

    server = start()
    try:
        push(trig([1, 2, 3]), f"{base}/store")

        def removal() -> str | None:
            push(trig([1, 3]), f"{base}/store")
            return (
                None
                if graphs() == {f"https://w3id.org/kg/document/{i}" for i in (1, 3)}
                else (f"server holds {sorted(graphs())}")
            )

        def replacement() -> str | None:
            push(trig([1, 4]), f"{base}/store")  # document 3 replaced by its new version 4
            return (
                None
                if graphs() == {f"https://w3id.org/kg/document/{i}" for i in (1, 4)}
                else (f"server holds {sorted(graphs())}")
            )

        def wipe() -> str | None:
            nonlocal server
            server.kill()
            server.wait()
            shutil.rmtree(location)
            server = start()
            report = push(trig([1, 4]), f"{base}/store")
            return None if report.sent == 2 and len(graphs()) == 2 else report.summary()

        tally.run("7 push", "a removed document", removal)
        tally.run("7 push", "a replaced document", replacement)
        tally.run("7 push", "a wiped server", wipe)
    finally:
        server.kill()
        server.wait()


# --- 8. HTTP edges --------------------------------------------------------------------------------

SMUGGLED = b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"


def http_edges(tally: Tally, work: Path) -> None:
    import kg.serve.endpoint

    with endpoint(work, timeout=10) as server:

        def single_answer(raw: bytes) -> str | None:
            answered = server.raw(raw)
            if answered.count(b"HTTP/1.") != 1:
                return f"{answered.count(b'HTTP/1.')} responses: a request was smuggled"
            return None if answered.split(b" ", 2)[1] in (b"400", b"403") else "accepted"

        body = b"ASK { ?s ?p ?o }" + SMUGGLED
        head = (
            b"POST /sparql HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/sparql-query\r\n"
        )
        tally.run(
            "8 HTTP edges",
            "duplicate Content-Length",
            lambda: single_answer(
                head + b"Content-Length: 16\r\nContent-Length: %d\r\n\r\n" % len(body) + body
            ),
        )
        for length in (b"+16", b"1_6", b" 16 ", b"16,16"):
            tally.run(
                "8 HTTP edges",
                f"Content-Length {length!r}",
                lambda length=length: single_answer(
                    head + b"Content-Length: " + length + b"\r\n\r\n" + body
                ),
            )
        tally.run(
            "8 HTTP edges",
            "a body on GET",
            lambda: single_answer(
                b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: %d\r\n\r\n"
                % len(SMUGGLED)
                + SMUGGLED
            ),
        )
        for hosts in (
            [b"127.0.0.1", b"evil.example"],
            [b"evil.example", b"localhost"],
            [b"localhost:@evil.example"],
            [b"localhost:80@evil.example"],
            [b"evil.example@127.0.0.1"],
        ):

            def host(hosts: list[bytes] = hosts) -> str | None:
                raw = server.raw(
                    b"GET /health HTTP/1.1\r\n"
                    + b"".join(b"Host: " + h + b"\r\n" for h in hosts)
                    + b"\r\n"
                )
                return "answered" if b'"status"' in raw else None

            tally.run("8 HTTP edges", f"Host {hosts}", host)

        def slowloris() -> str | None:
            saved = kg.serve.endpoint.REQUEST_READ_TIMEOUT
            # The real limit is 30 s; the mechanism is the same.
            kg.serve.endpoint.REQUEST_READ_TIMEOUT = 3
            try:
                with socket.create_connection(("127.0.0.1", server.port), timeout=5) as sock:
                    sock.sendall(b"GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\n")
                    for _ in range(60):
                        time.sleep(0.5)
                        try:
                            sock.sendall(b"X")
                            sock.setblocking(False)
                            if sock.recv(1) == b"":
                                return None
                        except BlockingIOError:
                            pass
                        except OSError:
                            return None
                        finally:
                            sock.setblocking(True)
                    return "still open after 30 s of one byte every half second"
            finally:
                kg.serve.endpoint.REQUEST_READ_TIMEOUT = saved

        tally.run("8 HTTP edges", "slowloris", slowloris)

    def page_memory() -> str | None:
        folder = work / "big-page"
        folder.mkdir()
        (folder / "graph.trig").write_text(f'<{ENT}a> <{REL}r> "1" .\n', encoding="utf-8")
        (folder / "graph.html").write_bytes(b"<html>" + b"x" * (128 << 20) + b"</html>")
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            port = probe.getsockname()[1]
        process = subprocess.Popen(
            [KG, "serve", str(folder), "--port", str(port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        try:
            for _ in range(300):
                with contextlib.suppress(OSError):
                    socket.create_connection(("127.0.0.1", port), timeout=1).close()
                    break
                time.sleep(0.1)

            def fetch() -> None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
                connection.request("GET", "/")
                response = connection.getresponse()
                while response.read(1 << 20):
                    pass
                connection.close()

            threads = [threading.Thread(target=fetch) for _ in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(timeout=300)
            status = Path(f"/proc/{process.pid}/status").read_text()
            peak_kb = int(next(x for x in status.splitlines() if x.startswith("VmHWM")).split()[1])
        finally:
            process.terminate()
            process.wait(timeout=30)
        print(f"    kg serve peak RSS after 8 GETs of a 128 MB page: {peak_kb // 1024} MB")
        return None if peak_kb < (128 << 10) else f"peak RSS {peak_kb // 1024} MB"

    tally.run("8 HTTP edges", "8 GETs of a 128 MB page", page_memory)


# --- 9. memory on pathological input --------------------------------------------------------------


def peak_memory_mb(command: list[str]) -> tuple[float, float]:
    """(peak RSS in MB, seconds) of COMMAND, measured in a fresh wrapper process."""
    wrapper = (
        "import resource, subprocess, sys; subprocess.run(sys.argv[1:], capture_output=True); "
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
    )
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-c", wrapper, *command], capture_output=True, text=True, timeout=1800
    )
    return int(done.stdout.strip()) / 1024, time.perf_counter() - started


def memory(tally: Tally, work: Path) -> None:
    rng = random.Random(1)
    names = ["Alice Smith", "Bob Jones", "Carol White", "Dave Brown", "Eve Black", "Frank Green"]
    roles = ["the friend of", "the brother of", "the sister of", "the chief of", "a colleague of"]
    parts = ["Alice Smith"]
    while sum(map(len, parts)) < 134_000:
        parts.append(f", {rng.choice(roles)} {rng.choice(names)}")
    chain = work / "apposition.txt"
    chain.write_text("".join(parts) + ", met Bob Jones in Paris.\n", encoding="utf-8")
    words = ["tariff", "trade", "China", "talks", "Bessent", "market", "agreement", "the", "of"]
    line = " ".join(rng.choice(words) for _ in range(330_000))[:2_000_000]
    single = work / "single-line.txt"
    single.write_text(line + "\n", encoding="utf-8")
    for path, label in ((chain, "134 KB apposition chain"), (single, "2 MB single line")):

        def attack(path: Path = path, label: str = label) -> str | None:
            out = work / f"memory-{path.stem}"
            peak, seconds = peak_memory_mb([KG, "build", str(path), "-o", str(out)])
            page = (out / "graph.html").stat().st_size / 1e6
            print(
                f"    peak memory, build of the {label}: {peak:.0f} MB in {seconds:.0f} s; "
                f"graph.html {page:.1f} MB"
            )
            return None if peak < MEMORY_TARGET_MB else f"peak {peak:.0f} MB"

        tally.run("9 memory", label, attack)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-memory", action="store_true", help="skip the pathological builds")
    parser.add_argument(
        "--verbose", action="store_true", help="print every attempt, not only breaks"
    )
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    tally = Tally(verbose=args.verbose)
    with tempfile.TemporaryDirectory(prefix="kg-red-team-") as folder:
        work = Path(folder)
        for area in (guard, freeze, killed_builds, mixed_builds, xml_output, errors,
                     push_mirror, http_edges):  # fmt: skip
            print(f"{area.__name__} ...", flush=True)
            area(tally, work)
        if not args.skip_memory:
            print("memory ...", flush=True)
            memory(tally, work)
    sys.exit(0 if tally.report() else 1)


if __name__ == "__main__":
    main()
