"""Load on `kg serve`: N concurrent clients on loopback for a bounded time against a synthetic
100k-fact graph in the kg model, then a health check while a runaway query is being stopped.

    .venv/bin/python benchmarks/query_load.py [--facts 100000] [--clients 8] [--seconds 20]

The server runs as its own process (`kg serve`), as a user would run it; the clients are
threads here, each with one keep-alive connection. Prints throughput, p50/p99 latency, errors.
"""

from __future__ import annotations

import argparse
import http.client
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent))

from query_speed import synthetic_quads  # noqa: E402

KG_BIN = Path(sys.executable).with_name("kg")

RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?i ?f"


def query_mix(rng: random.Random, n_entities: int) -> str:
    """What a client of a news graph asks: an entity's facts, its neighbours, its statements."""
    e = f"ent:E{rng.randrange(n_entities)}"
    return rng.choice(
        [
            f"SELECT ?r ?o WHERE {{ {e} ?r ?o }}",
            f"SELECT ?b ?r ?c WHERE {{ {e} rel:meet ?b . ?b ?r ?c }}",
            f"SELECT ?s ?label WHERE {{ ?s ?r {e} . ?s rdfs:label ?label }}",
            f"""SELECT ?p ?o ?confidence ?text WHERE {{
                  ?st rdf:subject {e} ; rdf:predicate ?p ; rdf:object ?o ;
                      kg:confidence ?confidence ; kg:sentence ?s . ?s kg:text ?text }}""",
            f"ASK {{ {e} rel:threaten ?x }}",
        ]
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(connection: http.client.HTTPConnection, path: str) -> tuple[int, bytes]:
    connection.request("GET", path, headers={"Accept": "application/sparql-results+json"})
    response = connection.getresponse()
    return response.status, response.read()


def client(port: int, seed: int, until: float, n_entities: int, out: list, errors: list) -> None:
    rng = random.Random(seed)
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    while time.monotonic() < until:
        path = "/sparql?" + urlencode({"query": query_mix(rng, n_entities)})
        started = time.perf_counter()
        try:
            status, _ = get(connection, path)
        except (OSError, http.client.HTTPException) as error:
            errors.append(repr(error))
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
            continue
        out.append(time.perf_counter() - started)
        if status != 200:
            errors.append(status)
    connection.close()


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=20.0)
    parser.add_argument("--timeout", type=float, default=3.0, help="server query time limit")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as folder:
        graph = Path(folder) / "graph.nq"
        started = time.perf_counter()
        with graph.open("wb") as handle:
            ox.serialize(synthetic_quads(args.facts), handle, ox.RdfFormat.N_QUADS)
        print(f"graph: {args.facts} facts written in {time.perf_counter() - started:.1f} s")

        port = free_port()
        server = subprocess.Popen(
            [str(KG_BIN), "serve", str(graph), "--port", str(port), "--timeout", str(args.timeout)],
            stderr=subprocess.DEVNULL,
        )
        try:
            run(port, args, server)
        finally:
            server.terminate()
            server.wait(timeout=10)


def run(port: int, args: argparse.Namespace, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while True:  # wait for the graph to load
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            status, body = get(connection, "/health")
            connection.close()
            if status == 200:
                print(f"server up: {body.decode().strip()}")
                break
        except OSError:
            pass
        if time.monotonic() > deadline or server.poll() is not None:
            raise SystemExit("kg serve did not come up")
        time.sleep(0.2)

    n_entities = max(10, args.facts // 10)
    latencies: list[float] = []
    errors: list = []
    until = time.monotonic() + args.seconds
    threads = [
        threading.Thread(target=client, args=(port, i, until, n_entities, latencies, errors))
        for i in range(args.clients)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    print(
        f"load: {args.clients} clients for {elapsed:.1f} s: {len(latencies)} queries, "
        f"{len(latencies) / elapsed:.1f} queries/s, p50 {statistics.median(latencies) * 1000:.1f}"
        f" ms, p99 {percentile(latencies, 0.99) * 1000:.1f} ms, errors {len(errors)}"
    )
    if errors:
        print(f"  first errors: {errors[:5]}")

    # A runaway query, and health checks while it is being stopped.
    outcome: dict[str, object] = {}

    def runaway() -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        begun = time.perf_counter()
        outcome["status"], outcome["body"] = get(
            connection, "/sparql?" + urlencode({"query": RUNAWAY})
        )
        outcome["seconds"] = time.perf_counter() - begun

    thread = threading.Thread(target=runaway)
    thread.start()
    health: list[float] = []
    health_errors = 0
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while thread.is_alive():
        begun = time.perf_counter()
        status, _ = get(connection, "/health")
        health.append(time.perf_counter() - begun)
        health_errors += status != 200
        time.sleep(0.05)
    thread.join()
    body = outcome["body"].decode().strip()  # type: ignore[union-attr]
    print(
        f"runaway: HTTP {outcome['status']} after {outcome['seconds']:.2f} s ({body!r}); "
        f"{len(health)} health checks meanwhile, max {max(health) * 1000:.1f} ms, "
        f"errors {health_errors}"
    )


if __name__ == "__main__":
    main()
