"""Issue 17's figures for the build's store, printed side by side in one run.

    .venv/bin/python benchmarks/store_queries.py [--sizes 1,1000,20000] [--work DIR]
        [--repeat 3] [--old-max 1000] [--skip-old] [--exports 1000,5000] [--skip-build]

``--sizes ''`` leaves the queries out (the exports alone: ``--sizes '' --exports 1000,5000``).

For each size: a build of that many synthetic documents, then each command in a new process
(cold: imports, opening the graph, the query), its wall time (median of --repeat) and the peak RSS
of its process tree (GNU time's "Maximum resident set size", which covers the forked evaluator):

- ``kg query BUILD -f queries/meetings.rq``, ``kg query BUILD TWO_HOP`` (benchmarks/synthetic.py),
  ``kg stats BUILD``, ``kg explain BUILD NAME`` (NAME a person of the first synthetic document,
  which every build holds) and, on the builds that hold him, ``kg explain BUILD "Scott Bessent"``
  (the most mentioned person: 4,143 mentions at 20,000 documents, against the 1-document
  build's explain): through the store, read-only;
- the same commands on ``BUILD/graph.trig``: today's load-everything path (the file is loaded
  into memory and its union materialised, exactly as every command did before the store), at
  sizes up to --old-max (above it, the meetings query only, once: a minute or more each; none
  with --skip-old);
- bare pyoxigraph on the same store: a process that imports pyoxigraph alone, opens the store
  read-only and runs the same SPARQL (kg's prefixes in front); for stats, reads the counts the
  build keeps with the store (kg/storecounts.py), as kg stats does.

Then an incremental build (one new document into the largest build) against the full build, and
with --exports, every ``kg export`` format and ``kg view`` at those sizes against pyoxigraph's own
N-Quads dump of the same store, in rounds (the dump, each export, the view; median of --repeat
rounds), and one table with the sizes side by side.

Synthetic documents: building 20,000 real documents through spaCy takes about 14 minutes on two
shared cores, so the builds here parse only a pool of real documents (POOL documents of
benchmarks/corpus.py: CaRB dev and seed sentences) once, and a build of N documents gives the
i-th document the extraction of pool document i mod POOL under a new identity (its own sha256 and
source). Everything after extraction is kg's own code, unchanged: resolution, pass two, the
graph spool, graph.trig/graph.ttl/graph.html and the store (``kg.pipeline.build`` with
``extract_documents`` replaced by the pool lookup). The real corpus draws its documents from the
same few hundred sentences, so the graphs have the same kind of repetition.
"""

from __future__ import annotations

import argparse
import hashlib
import pickle
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "benchmarks"))

from synthetic import TWO_HOP  # noqa: E402

KG = str(REPO / ".venv" / "bin" / "kg")
PYTHON = str(REPO / ".venv" / "bin" / "python")
GNU_TIME = "/usr/bin/time"
POOL = 300
MEETINGS = (REPO / "queries" / "meetings.rq").read_text(encoding="utf-8")
# The entity ``kg explain`` is asked about: a person of the first synthetic document, which
# every build holds (set by ``main`` from the smallest build).
EXPLAIN = {"name": "", "iri": ""}
# The most mentioned person of the pool, asked about where a build holds him.
HEAVY = "Scott Bessent"

# Bare pyoxigraph: imports pyoxigraph alone, opens the store, runs each query given.
BARE = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
prefixes = dict(p.split("=", 1) for p in sys.argv[2].split(" "))
for query in sys.argv[3:]:
    rows = list(store.query(query, prefixes=prefixes))
print(len(rows))
"""

# Bare pyoxigraph for stats: opens the store and reads the counts kept beside its data.
BARE_STATS = """
import sys, json, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
print(json.loads(open(sys.argv[1] + "/kg-counts.json").read())["triples"])
"""


# --- synthetic builds ------------------------------------------------------------------------


def _pool(work: Path) -> list:
    """The extractions of POOL real documents, parsed once and kept in WORK."""
    cached = work / f"pool-{POOL}.pickle"
    if cached.exists():
        return pickle.loads(cached.read_bytes())
    from corpus import make_corpus

    from kg.documents import read_documents
    from kg.pipeline import extract_documents

    folder = make_corpus(work / "pool-corpus", POOL)
    documents = [d for d in read_documents([str(folder)]) if not isinstance(d, Exception)]
    pool = list(extract_documents(documents))
    cached.write_bytes(pickle.dumps(pool))
    return pool


def _synthetic_document(pool: list, index: int):  # type: ignore[no-untyped-def]
    import dataclasses

    base = pool[index % len(pool)].document
    sha = hashlib.sha256(f"synthetic document {index}".encode()).hexdigest()
    return dataclasses.replace(base, id=sha, source=f"synthetic/doc{index:06d}.txt")


def build_synthetic(work: Path, out: Path, first: int, count: int) -> float:
    """Build synthetic documents first .. first+count-1 into OUT (in this process); seconds."""
    import dataclasses

    import kg.pipeline as pipeline

    pool = _pool(work)

    def extract_documents(documents, **_options):  # type: ignore[no-untyped-def]
        for document in documents:
            number = int(document.source.rsplit("doc", 1)[1].split(".")[0])
            yield dataclasses.replace(pool[number % len(pool)], document=document)

    pipeline.extract_documents = extract_documents  # type: ignore[assignment]
    documents = [_synthetic_document(pool, i) for i in range(first, first + count)]
    started = time.perf_counter()
    report = pipeline.build([], out, documents=documents)
    seconds = time.perf_counter() - started
    print(f"built {out}: {report.summary()}", file=sys.stderr)
    return seconds


def _build_in_process(work: Path, out: Path, first: int, count: int) -> float:
    """The same in a fresh process (nothing shared between builds), timed there."""
    done = subprocess.run(
        [PYTHON, __file__, "--work", str(work), "--build", str(out), str(first), str(count)],
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr[-3000:])
    return float(done.stdout.strip().splitlines()[-1])


# --- measuring ---------------------------------------------------------------------------------


def measure(command: list[str]) -> tuple[float, float]:
    """(wall seconds, peak RSS in MB of the process tree) of COMMAND in a new process."""
    started = time.perf_counter()
    done = subprocess.run([GNU_TIME, "-v", *command], capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)[:200]} failed:\n{done.stderr[-2000:]}")
    found = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return seconds, (int(found.group(1)) / 1024 if found else float("nan"))


def median_of(command: list[str], repeat: int) -> tuple[float, float]:
    runs = [measure(command) for _ in range(repeat)]
    return statistics.median(s for s, _ in runs), max(m for _, m in runs)


def _generation(out: Path) -> Path:
    return out / "store" / (out / "store.current").read_text().strip()


def _prefixes() -> str:
    from kg.prefixes import PREFIXES

    return " ".join(f"{p}={ns}" for p, ns in PREFIXES.items())


def _heavy_iri(out: Path) -> str | None:
    """The IRI of HEAVY in the build OUT, None when it does not hold him."""
    import pyoxigraph as ox

    store = ox.Store.read_only(str(_generation(out)))
    found = store.query(
        f"SELECT ?e WHERE {{ ?e <http://www.w3.org/2000/01/rdf-schema#label> {ox.Literal(HEAVY)} }}"
    )
    assert isinstance(found, ox.QuerySolutions)
    row = next(iter(found), None)
    return None if row is None else row["e"].value


def _commands(target: Path, heavy: bool) -> dict[str, list[str]]:
    commands = {
        "query meetings": [KG, "query", str(target), MEETINGS],
        "query 2-hop": [KG, "query", str(target), TWO_HOP],
        "stats": [KG, "stats", str(target)],
        "explain": [KG, "explain", str(target), EXPLAIN["name"]],
    }
    if heavy:
        commands[f"explain {HEAVY}"] = [KG, "explain", str(target), HEAVY]
    return commands


def _bare_explain(name: str, iri: str) -> list[str]:
    """What kg explain asks of the store: the entity by its name, then its chain's order."""
    from kg.explain import _CHAIN, _FIND_EXACT

    return [
        _FIND_EXACT.replace("WHERE {", f'WHERE {{ VALUES ?wanted {{ "{name}" }}', 1),
        _CHAIN.replace("WHERE {", f"WHERE {{ VALUES ?e {{ <{iri}> }}", 1),
    ]


def _bare(out: Path, heavy_iri: str | None) -> dict[str, list[str]]:
    store, prefixes = str(_generation(out)), _prefixes()
    explain = _bare_explain(EXPLAIN["name"], EXPLAIN["iri"])
    commands = {
        "query meetings": [PYTHON, "-c", BARE, store, prefixes, MEETINGS],
        "query 2-hop": [PYTHON, "-c", BARE, store, prefixes, TWO_HOP],
        "stats": [PYTHON, "-c", BARE_STATS, store],
        "explain": [PYTHON, "-c", BARE, store, prefixes, *explain],
    }
    if heavy_iri is not None:
        heavy = _bare_explain(HEAVY, heavy_iri)
        commands[f"explain {HEAVY}"] = [PYTHON, "-c", BARE, store, prefixes, *heavy]
    return commands


def queries(
    out: Path, size: int, repeat: int, old_max: int | None
) -> dict[str, dict[str, tuple[float, float]]]:
    results: dict[str, dict[str, tuple[float, float]]] = {}
    heavy_iri = _heavy_iri(out)
    heavy = heavy_iri is not None
    store_cmds, old_cmds = _commands(out, heavy), _commands(out / "graph.trig", heavy)
    bare_cmds = _bare(out, heavy_iri)
    for name in store_cmds:
        row = {
            "store": median_of(store_cmds[name], repeat),
            "bare": median_of(bare_cmds[name], repeat),
        }
        if old_max is None:
            pass
        elif size <= old_max:
            row["old"] = median_of(old_cmds[name], repeat)
        elif name == "query meetings":
            row["old"] = measure(old_cmds[name])
        results[name] = row
    return results


def _cell(value: tuple[float, float] | None) -> str:
    return "-" if value is None else f"{value[0]:6.2f} s {value[1]:6.0f} MB"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="1,1000,20000")
    parser.add_argument("--work", type=Path, default=None)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--old-max", type=int, default=1000)
    parser.add_argument(
        "--skip-old", action="store_true", help="leave out the load-everything path"
    )
    parser.add_argument("--exports", default="")
    parser.add_argument("--skip-build", action="store_true", help="reuse the builds in --work")
    parser.add_argument(
        "--build", nargs=3, metavar=("OUT", "FIRST", "COUNT"), help=argparse.SUPPRESS
    )
    args = parser.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="kg-store-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    if args.build:
        out, first, count = Path(args.build[0]), int(args.build[1]), int(args.build[2])
        print(build_synthetic(work, out, first, count))
        return 0
    _pool(work)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    export_sizes = [int(s) for s in args.exports.split(",") if s]
    print(
        f"work folder {work}; cold commands, median of {args.repeat}; "
        "RSS = peak of the process tree"
    )

    if sizes:
        seed_figures(work, args.repeat, args.skip_build, args.skip_old)

    builds: dict[int, float] = {}
    for size in sorted(set(sizes + export_sizes)):
        out = work / f"build-{size}"
        if not (args.skip_build and out.exists()):
            shutil.rmtree(out, ignore_errors=True)
            builds[size] = _build_in_process(work, out, 0, size)
            print(f"built {size} synthetic documents in {builds[size]:.1f} s", flush=True)

    if sizes:
        query_figures(work, sizes, builds, args.repeat, None if args.skip_old else args.old_max)
    if export_sizes:
        export_figures(work, export_sizes, args.repeat)
    return 0


def seed_figures(work: Path, repeat: int, skip_build: bool, skip_old: bool) -> None:
    """The seed, built for real: the cold meetings query through the store and loaded whole."""
    seed = work / "seed"
    if not (skip_build and seed.exists()):
        shutil.rmtree(seed, ignore_errors=True)
        subprocess.run([KG, "build", str(REPO / "seeds"), "-o", str(seed), "-q"], check=True)
    seed_query = median_of(
        [KG, "query", str(seed), "-f", str(REPO / "queries" / "meetings.rq")], max(repeat, 5)
    )
    seed_old = None
    if not skip_old:
        seed_old = median_of(
            [KG, "query", str(seed / "graph.trig"), "-f", str(REPO / "queries" / "meetings.rq")],
            max(repeat, 5),
        )
    print(
        f"\nseed build, cold kg query meetings.rq: store {_cell(seed_query)}; "
        f"load-everything {_cell(seed_old)}"
    )


def query_figures(
    work: Path, sizes: list[int], builds: dict[int, float], repeat: int, old_max: int | None
) -> None:
    """The cold commands at each size, and one new document into the largest build."""
    import pyoxigraph as ox

    first = ox.Store.read_only(str(_generation(work / f"build-{min(sizes)}")))
    row = next(
        iter(
            first.query(
                "SELECT ?e ?name WHERE { ?e a <https://w3id.org/kg/ontology#Person> ; "
                "<http://www.w3.org/2000/01/rdf-schema#label> ?name } ORDER BY ?e LIMIT 1"
            )
        )
    )
    EXPLAIN.update(name=row["name"].value, iri=row["e"].value)
    del first
    print("\n| size | command | store (kg) | load-everything (before) | bare pyoxigraph |")
    print("|---|---|---|---|---|")
    table: dict[int, dict[str, dict[str, tuple[float, float]]]] = {}
    for size in sizes:
        table[size] = queries(work / f"build-{size}", size, repeat, old_max)
        for name, row in table[size].items():
            print(
                f"| {size:,} | {name} | {_cell(row['store'])} | {_cell(row.get('old'))} "
                f"| {_cell(row['bare'])} |",
                flush=True,
            )
    if len(sizes) > 1:
        small, large = min(sizes), max(sizes)

        def ratio(name: str) -> float:
            # HEAVY is not in the smallest build: his explain is held to its explain.
            reference = name if name in table[small] else "explain"
            return table[large][name]["store"][0] / table[small][reference]["store"][0]

        print(
            f"\nratio {large:,} / {small:,} documents (store, kg; target <= 3x): "
            + ", ".join(f"{name} {ratio(name):.2f}x" for name in table[large])
        )
        print(
            f"peak RSS at {large:,}: "
            + ", ".join(f"{name} {table[large][name]['store'][1]:.0f} MB" for name in table[large])
        )

    # One new document into the largest build.
    large = max(sizes)
    out = work / f"build-{large}"
    if large in builds:
        copy = work / f"build-{large}-plus-one"
        shutil.rmtree(copy, ignore_errors=True)
        shutil.copytree(out, copy)
        added = _build_in_process(work, copy, large, 1)
        print(
            f"\nincremental build of 1 document into {large:,}: {added:.1f} s, "
            f"full build {builds[large]:.1f} s: {100 * added / builds[large]:.1f} % (target < 2 %)"
        )
        shutil.rmtree(copy, ignore_errors=True)


# What ``export_figures`` measures at each size, in this order: pyoxigraph's own dump first.
EXPORTS = ("nquads", "trig", "ntriples", "turtle", "jsonld", "graphml", "csv")
DUMP = "pyoxigraph N-Quads dump"
VIEW = "kg view"


def export_figures(work: Path, sizes: list[int], repeat: int) -> None:
    """Every ``kg export`` format and ``kg view`` at each size against pyoxigraph's own N-Quads
    dump of the same store: one round is the dump, then each export, then the view, and the
    median of REPEAT rounds is printed (the machine's load changes from round to round; a
    round measures all of them under about the same load). Then one table, sizes side by side."""
    target = work / "export-out"
    figures: dict[int, dict[str, tuple[float, float]]] = {}
    for size in sizes:
        out = work / f"build-{size}"
        commands = {
            DUMP: [
                PYTHON,
                "-c",
                "import sys, pyoxigraph as ox\n"
                "ox.Store.read_only(sys.argv[1]).dump(sys.argv[2], format=ox.RdfFormat.N_QUADS)",
                str(_generation(out)),
                str(target),
            ],
            **{
                f"kg export --format {fmt}": [
                    KG, "export", str(out), "--format", fmt, "-o", str(target)
                ]
                for fmt in EXPORTS
            },
            VIEW: [KG, "view", str(out), "-o", str(work / "view.html")],
        }  # fmt: skip
        runs: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for round_ in range(repeat):
            for name, command in commands.items():
                shutil.rmtree(target, ignore_errors=True)
                target.unlink(missing_ok=True)
                runs[name].append(measure(command))
                seconds, megabytes = runs[name][-1]
                print(
                    f"{size:,} documents, round {round_ + 1}: {name} {seconds:.1f} s "
                    f"{megabytes:.0f} MB",
                    file=sys.stderr,
                    flush=True,
                )
        figures[size] = {
            name: (statistics.median(s for s, _ in found), max(m for _, m in found))
            for name, found in runs.items()
        }
    shutil.rmtree(target, ignore_errors=True)
    target.unlink(missing_ok=True)

    print(
        f"\nexports and the view against pyoxigraph's N-Quads dump of the same store "
        f"(median of {repeat}; peak RSS the largest)\n"
    )
    print(
        "| what | "
        + " | ".join(f"{size:,} documents: seconds, peak RSS, × dump" for size in sizes)
        + (f" | {sizes[-1]:,} ÷ {sizes[0]:,} documents (time) |" if len(sizes) > 1 else " |")
    )
    print("|---" * (len(sizes) + 1 + (len(sizes) > 1)) + "|")
    for name in figures[sizes[0]]:
        cells = []
        for size in sizes:
            seconds, megabytes = figures[size][name]
            ratio = seconds / figures[size][DUMP][0]
            cells.append(f"{seconds:.1f} s, {megabytes:.0f} MB, {ratio:.2f}×")
        growth = (
            f" | {figures[sizes[-1]][name][0] / figures[sizes[0]][name][0]:.2f}×"
            if len(sizes) > 1
            else ""
        )
        print(f"| {name} | " + " | ".join(cells) + growth + " |")
    largest = sizes[-1]
    worst = max(
        (figures[size][name][0] / figures[size][DUMP][0], name, size)
        for size in sizes
        for name in figures[size]
        if name.startswith("kg export")
    )
    print(
        f"\nslowest export: {worst[1]} at {worst[2]:,} documents, {worst[0]:.2f}× the dump "
        f"(target ≤ 2×); kg view at {largest:,} documents: {figures[largest][VIEW][1]:.0f} MB "
        "peak RSS (target < 500 MB)"
    )


if __name__ == "__main__":
    raise SystemExit(main())
