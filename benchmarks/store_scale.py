"""The store at 1M facts: load, Turtle / N-Quads export, the README queries and peak memory, with
Oxigraph in memory and on disk.

    .venv/bin/python benchmarks/store_scale.py [--facts 1000000] [--variants memory,disk]
                                               [--graphs 8] [--dir DIR]

The graph is synthetic but in the kg RDF model (see kg/rdf.py): entities with a class, a label
and kg:mentionedIn links; for each fact a direct ``rel:`` edge and a kg:Statement node (rdf:
subject/predicate/object, kg:confidence, kg:negated, kg:relationText, kg:extractionRule,
kg:sentence, prov:wasDerivedFrom); sentences with their text and offsets, ten facts each; the
quads spread over a few document graphs. A fact is therefore about 13 triples: 1M facts are about
15M quads. The random choices use a fixed seed, so every run loads the same graph. "Donald Trump"
(a hub: 1 % of subjects) and the concept "tariff" exist so that the README queries find rows.

Each variant runs in a fresh process (this script with ``--variant``), so peak RSS is that of one
store only: ``ru_maxrss`` of the process, read after each step (it only grows, so each figure is
the peak so far). Queries go through ``kg.query.run_query`` (check, forked child, decoding), whose
child is not counted in the parent's peak; they are timed as the median of 3 runs after one
warm-up (or once, when the warm-up took over SLOW_QUERY seconds; stopped after
--query-timeout), with run_query's default row limit (10,000, as ``kg query`` gives): ORDER BY
makes Oxigraph evaluate and sort the whole answer anyway, and the row count is printed.

Before the queries, the union of the graphs is copied into the default graph as a set
(kg.store.materialise_union), as ``kg query`` and ``kg serve`` do: Oxigraph's own union default
graph is a multiset, and kg writes an entity's label into every document graph that mentions it.
That copy is a step of its own (time and memory); --graphs sets how many graphs the facts are
spread over.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from kg.errors import QueryError  # noqa: E402
from kg.export import export  # noqa: E402
from kg.query import run_query  # noqa: E402
from kg.store import materialise_union, new_dataset, oxigraph_store  # noqa: E402
from kg.vocab import DOC, ENT, KG, REL, STMT  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import DCTERMS, PROV, RDF, RDFS, RELATIONS, TWO_HOP, TYPES, XSD  # noqa: E402

FACTS_PER_SENTENCE = 10
# A query slower than this on its first run is timed once, not as the median of three.
SLOW_QUERY = 5.0


def synthetic_quads(n_facts: int, *, graphs: int = 8, seed: int = 7) -> Iterator[ox.Quad]:
    """``n_facts`` facts among ``n_facts / 10`` entities, in ``graphs`` document graphs."""
    rng = random.Random(seed)
    n_entities = max(10, n_facts // 10)
    names, weights = zip(*RELATIONS.items(), strict=True)
    cumulative = [sum(weights[: i + 1]) for i in range(len(weights))]
    node = ox.NamedNode
    a, label = node(RDF + "type"), node(RDFS + "label")
    double, boolean, integer = node(XSD + "double"), node(XSD + "boolean"), node(XSD + "integer")
    p = {
        name: node(iri)
        for name, iri in {
            "subject": RDF + "subject",
            "predicate": RDF + "predicate",
            "object": RDF + "object",
            "derived": PROV + "wasDerivedFrom",
            "part": DCTERMS + "isPartOf",
            "source": DCTERMS + "source",
        }.items()
    }
    kg = {name: node(KG[name]) for name in (
        "Document", "Sentence", "Statement", "Relation", "sha256", "sentenceIndex", "text",
        "beginIndex", "endIndex", "mentionedIn", "confidence", "negated", "subjectText",
        "relationText", "objectText",
        "extractionRule", "sentence",
    )}  # fmt: skip
    classes = {name: node(KG[name]) for name in set(TYPES)}
    false = ox.Literal("false", datatype=boolean)
    svo = ox.Literal("svo")
    relation = {name: node(f"{REL}{name}") for name in names}

    def entity_iri(e: int) -> ox.NamedNode:
        if e == 0:
            return node(f"{ENT}Donald_Trump")
        if e == 1:
            return node(f"{ENT}concept/tariff")
        return node(f"{ENT}{'concept/' if e % 7 == 6 else ''}E{e}")

    def entity_label(e: int) -> str:
        return {0: "Donald Trump", 1: "tariff"}.get(e, f"Entity {e}")

    def entity_class(e: int) -> ox.NamedNode:
        return classes["Person" if e == 0 else "Concept" if e == 1 else TYPES[e % 7]]

    documents = [
        node(f"{DOC}{hashlib_hex(index)}") for index in range(max(1, min(graphs, n_facts)))
    ]
    for index, doc in enumerate(documents):
        yield ox.Quad(doc, a, kg["Document"], doc)
        yield ox.Quad(doc, kg["sha256"], ox.Literal(doc.value.rsplit("/", 1)[1]), doc)
        yield ox.Quad(doc, p["source"], ox.Literal(f"news/{index:04d}.txt"), doc)
        for name in names:  # each graph declares the relations it uses, as kg/rdf.py does
            yield ox.Quad(relation[name], a, kg["Relation"], doc)
            yield ox.Quad(relation[name], label, ox.Literal(name), doc)

    per_graph = -(-n_facts // len(documents))
    declared: set[tuple[int, int]] = set()  # (graph, entity): an entity is described per graph
    sentence = doc = None
    for fact in range(n_facts):
        graph_index = fact // per_graph
        doc = documents[graph_index]
        if fact % FACTS_PER_SENTENCE == 0:
            index = (fact % per_graph) // FACTS_PER_SENTENCE
            sentence = node(f"{doc.value}/sentence/{index}")
            text = f"Sentence {fact // FACTS_PER_SENTENCE} of the synthetic corpus says things."
            yield ox.Quad(sentence, a, kg["Sentence"], doc)
            yield ox.Quad(
                sentence, kg["sentenceIndex"], ox.Literal(str(index), datatype=integer), doc
            )
            yield ox.Quad(sentence, kg["text"], ox.Literal(text), doc)
            yield ox.Quad(sentence, kg["beginIndex"], ox.Literal("0", datatype=integer), doc)
            yield ox.Quad(
                sentence, kg["endIndex"], ox.Literal(str(len(text)), datatype=integer), doc
            )
            yield ox.Quad(sentence, p["part"], doc, doc)
        s = 0 if rng.random() < 0.01 else rng.randrange(n_entities)
        o = rng.randrange(n_entities)
        name = names[_pick(cumulative, rng.random() * cumulative[-1])]
        if s == 0 and rng.random() < 0.3:  # Trump threatens tariffs, as in the seed article
            name, o = "threaten", 1
        for e in (s, o):
            iri = entity_iri(e)
            if (graph_index, e) not in declared:
                declared.add((graph_index, e))
                yield ox.Quad(iri, a, entity_class(e), doc)
                yield ox.Quad(iri, label, ox.Literal(entity_label(e)), doc)
            yield ox.Quad(iri, kg["mentionedIn"], sentence, doc)
        subject, obj = entity_iri(s), entity_iri(o)
        yield ox.Quad(subject, relation[name], obj, doc)
        statement = node(f"{STMT}{fact:016x}")
        yield ox.Quad(statement, a, kg["Statement"], doc)
        yield ox.Quad(statement, p["subject"], subject, doc)
        yield ox.Quad(statement, p["predicate"], relation[name], doc)
        yield ox.Quad(statement, p["object"], obj, doc)
        yield ox.Quad(
            statement, kg["confidence"], ox.Literal(f"{rng.random():.2f}", datatype=double), doc
        )
        yield ox.Quad(statement, kg["negated"], false, doc)
        yield ox.Quad(statement, kg["subjectText"], ox.Literal(entity_label(s)), doc)
        yield ox.Quad(statement, kg["relationText"], ox.Literal(name), doc)
        yield ox.Quad(statement, kg["objectText"], ox.Literal(entity_label(o)), doc)
        yield ox.Quad(statement, kg["extractionRule"], svo, doc)
        yield ox.Quad(statement, kg["sentence"], sentence, doc)
        yield ox.Quad(statement, p["derived"], sentence, doc)


def hashlib_hex(index: int) -> str:
    return hashlib.sha256(f"document {index}".encode()).hexdigest()


def _pick(cumulative: list[int], x: float) -> int:
    for index, bound in enumerate(cumulative):
        if x < bound:
            return index
    return len(cumulative) - 1


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def _step(name: str, seconds: float, detail: str = "") -> None:
    print(f"  {name:28}{seconds:9.1f} s   peak RSS {_peak_mb():8.0f} MB   {detail}", flush=True)


def run_variant(variant: str, n_facts: int, graphs: int, work: Path, query_timeout: float) -> None:
    """Load, export and query in this process; print each step with the peak RSS so far."""
    path = work / "store" if variant == "disk" else None
    dataset = new_dataset(path)
    store = oxigraph_store(dataset)
    started = time.perf_counter()
    # bulk_extend: Oxigraph's bulk loader (no transaction log); the generator is consumed as
    # it loads, so generating the quads is part of this time.
    store.bulk_extend(synthetic_quads(n_facts, graphs=graphs))
    if variant == "disk":
        store.flush()
    quads = len(store)
    _step("generate + load", time.perf_counter() - started, f"{quads:,} quads")

    for fmt, suffix in (("nquads", "nq"), ("turtle", "ttl")):
        target = work / f"graph.{suffix}"
        started = time.perf_counter()
        export(dataset, fmt, target)
        size = target.stat().st_size / 1024**2
        _step(f"export {fmt}", time.perf_counter() - started, f"{size:,.0f} MB")
    (work / "graph.ttl").unlink()

    # Loading the export back is what `kg query graph.nq` and a reload do, without the Python
    # generator in the way: the store's own parse-and-load speed.
    reload_path = work / "reload" if variant == "disk" else None
    reloaded = new_dataset(reload_path)
    started = time.perf_counter()
    with (work / "graph.nq").open("rb") as handle:
        oxigraph_store(reloaded).bulk_load(handle, format=ox.RdfFormat.N_QUADS)
    _step(
        "reload from N-Quads", time.perf_counter() - started, f"{len(oxigraph_store(reloaded)):,}"
    )
    del reloaded
    (work / "graph.nq").unlink()

    # kg query and kg serve query the union of the document graphs as a set, copied into the
    # default graph once (kg.store.materialise_union): that copy is part of their cost.
    started = time.perf_counter()
    materialise_union(store)
    if variant == "disk":
        store.flush()
    _step("materialise the union", time.perf_counter() - started, f"{len(store):,} quads")

    queries = {
        p.stem: p.read_text(encoding="utf-8") for p in sorted((REPO / "queries").glob("*.rq"))
    }
    queries["two_hop"] = TWO_HOP
    for name, query in queries.items():
        # The first run warms the caches; a query that slow needs no median to be judged.
        started = time.perf_counter()
        try:
            result = run_query(dataset, query, timeout=query_timeout)
        except QueryError as error:
            _step(f"query {name}", time.perf_counter() - started, f"failed: {error}")
            continue
        times = [time.perf_counter() - started]
        if times[0] < SLOW_QUERY:
            times = []
            for _ in range(3):
                started = time.perf_counter()
                result = run_query(dataset, query, timeout=query_timeout)
                times.append(time.perf_counter() - started)
        rows = f"{len(result.rows):,} rows{' (truncated)' if result.truncated else ''}"
        _step(f"query {name}", statistics.median(times), rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=1_000_000)
    parser.add_argument("--graphs", type=int, default=8, help="document graphs")
    parser.add_argument("--variants", default="memory,disk", help="memory, disk or both")
    parser.add_argument(
        "--query-timeout", type=float, default=60.0, help="stop a query after this many s"
    )
    parser.add_argument("--dir", type=Path, help="work folder (default: a temporary one)")
    parser.add_argument("--variant", help=argparse.SUPPRESS)  # a child: run one variant here
    args = parser.parse_args(argv)

    if args.variant:
        run_variant(args.variant, args.facts, args.graphs, args.dir, args.query_timeout)
        return 0
    print(
        f"{args.facts:,} facts in {args.graphs} graphs; pyoxigraph {ox.__version__}; "
        f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.2f}",
        flush=True,
    )
    for variant in args.variants.split(","):
        work = Path(tempfile.mkdtemp(prefix=f"kg-store-{variant}-", dir=args.dir))
        print(f"{variant}:", flush=True)
        started = time.perf_counter()
        try:
            command = [sys.executable, __file__, "--variant", variant, "--dir", str(work)]
            command += ["--facts", str(args.facts), "--graphs", str(args.graphs)]
            command += ["--query-timeout", str(args.query_timeout)]
            done = subprocess.run(command, check=False)
            if done.returncode != 0:
                print(f"  {variant} failed with exit status {done.returncode}")
            if variant == "disk" and (work / "store").exists():
                size = sum(f.stat().st_size for f in (work / "store").rglob("*") if f.is_file())
                print(f"  on-disk store size           {size / 1024**2:,.0f} MB")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(f"  total {time.perf_counter() - started:.1f} s", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
