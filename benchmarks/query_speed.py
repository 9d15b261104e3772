"""How fast the README's kind of 2-hop query answers: Oxigraph through kg.query (with its guard,
forked child and time limit) against rdflib's default in-memory store, on synthetic graphs in
the kg model.

    .venv/bin/python benchmarks/query_speed.py [--facts 100000] [--rdflib-facts 2000 10000]

100k facts make about 1M triples (each fact: a direct edge, a statement node with its
qualifiers, and its share of entities, sentences and documents). rdflib's engine is run on
smaller graphs only, and each run is stopped after --rdflib-cap seconds: on the full graph it
would take far longer than this benchmark is allowed to (< 3 min on 2 cores).
"""

from __future__ import annotations

import argparse
import multiprocessing
import random
import statistics
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from kg.query import run_query  # noqa: E402
from kg.store import materialise_union, new_dataset, oxigraph_store  # noqa: E402
from kg.vocab import DOC, ENT, KG, PREFIXES, REL, STMT  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from synthetic import DCTERMS, PROV, RDF, RDFS, RELATIONS, TWO_HOP, TYPES, XSD  # noqa: E402

TWO_HOP_ANY = "SELECT ?a ?b ?r ?c WHERE { ?a rel:meet ?b . ?b ?r ?c }"
# From one entity, as a README question would ask it ("whom did E1 meet, and what did they do").
TWO_HOP_FROM = "SELECT ?b ?r ?c WHERE { ent:E1 rel:meet ?b . ?b ?r ?c }"


def synthetic_quads(n_facts: int, *, seed: int = 7) -> Iterator[ox.Quad]:
    """A graph in the kg model: n_facts facts among n_facts/10 entities, 10 facts per sentence,
    20 sentences per document, one named graph per document."""
    rng = random.Random(seed)
    n_entities = max(10, n_facts // 10)
    names, weights = zip(*RELATIONS.items(), strict=True)
    iri = ox.NamedNode
    a, label = iri(RDF + "type"), iri(RDFS + "label")
    xsd_double = iri(XSD + "double")
    relation_nodes = {name: iri(f"{REL}{name}") for name in names}
    entity = [iri(f"{ENT}E{i}") for i in range(n_entities)]
    declared: set[int] = set()
    doc = graph = None
    sentence = None
    for fact in range(n_facts):
        if fact % 200 == 0:  # a new document
            sha = f"{fact:064x}"
            doc = graph = iri(f"{DOC}{sha}")
            yield ox.Quad(doc, a, iri(KG.Document), graph)
            yield ox.Quad(doc, iri(KG.sha256), ox.Literal(sha), graph)
            yield ox.Quad(doc, iri(DCTERMS + "source"), ox.Literal(f"seeds/{fact}.txt"), graph)
        if fact % 10 == 0:  # a new sentence
            sentence = iri(f"{doc.value}/sentence/{fact % 200 // 10}")
            yield ox.Quad(sentence, a, iri(KG.Sentence), graph)
            yield ox.Quad(sentence, iri(KG.text), ox.Literal(f"Sentence {fact} text."), graph)
            yield ox.Quad(sentence, iri(DCTERMS + "isPartOf"), doc, graph)
        s = rng.randrange(n_entities)
        o = rng.randrange(n_entities)
        relation = rng.choices(names, weights)[0]
        for e in (s, o):
            if e not in declared:
                declared.add(e)
                yield ox.Quad(entity[e], a, iri(KG[TYPES[e % len(TYPES)]]), graph)
                yield ox.Quad(entity[e], label, ox.Literal(f"Entity {e}"), graph)
        yield ox.Quad(entity[s], relation_nodes[relation], entity[o], graph)
        statement = iri(f"{STMT}{fact:x}")
        yield ox.Quad(statement, a, iri(KG.Statement), graph)
        yield ox.Quad(statement, iri(RDF + "subject"), entity[s], graph)
        yield ox.Quad(statement, iri(RDF + "predicate"), relation_nodes[relation], graph)
        yield ox.Quad(statement, iri(RDF + "object"), entity[o], graph)
        confidence = ox.Literal(f"{rng.random():.2f}", datatype=xsd_double)
        yield ox.Quad(statement, iri(KG.confidence), confidence, graph)
        yield ox.Quad(statement, iri(KG.sentence), sentence, graph)
        yield ox.Quad(statement, iri(PROV + "wasDerivedFrom"), sentence, graph)


def oxigraph_dataset(n_facts: int):
    """As `kg query` and `kg serve` load a graph: named graphs plus their union, as a set, in
    the default graph (kg.store.materialise_union)."""
    dataset = new_dataset()
    oxigraph_store(dataset).bulk_extend(synthetic_quads(n_facts))
    materialise_union(oxigraph_store(dataset))
    return dataset


def time_kg_query(
    dataset, query: str, runs: int = 7, *, reuse_workers: bool = False
) -> tuple[float, int]:
    """Median seconds of run_query (guard + fork + evaluation + decoding), and the row count.

    ``reuse_workers`` is the endpoint's path: a warm forked worker instead of a fork per query.
    """
    times = []
    rows = 0
    run_query(dataset, query, reuse_workers=reuse_workers)  # warm caches (and the worker)
    for _ in range(runs):
        started = time.perf_counter()
        result = run_query(dataset, query, max_rows=1_000_000, reuse_workers=reuse_workers)
        times.append(time.perf_counter() - started)
        rows = len(result.rows)
    return statistics.median(times), rows


def time_store_query(dataset, query: str, runs: int = 7) -> float:
    """Median seconds of the bare Oxigraph query in this process (no guard, no fork)."""
    store = oxigraph_store(dataset)
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        for _row in store.query(query, prefixes=PREFIXES):
            pass
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def _rdflib_worker(n_facts: int, queries: list[str], queue) -> None:
    from rdflib import BNode, Dataset, Literal, URIRef

    def term(t):
        if isinstance(t, ox.NamedNode):
            return URIRef(t.value)
        if isinstance(t, ox.BlankNode):
            return BNode(t.value)
        return Literal(t.value, datatype=URIRef(t.datatype.value))

    dataset = Dataset(default_union=True)  # rdflib's default in-memory store
    started = time.perf_counter()
    for quad in synthetic_quads(n_facts):
        dataset.graph(term(quad.graph_name)).add(
            (term(quad.subject), term(quad.predicate), term(quad.object))
        )
    load = time.perf_counter() - started
    for query in queries:
        started = time.perf_counter()
        rows = len(list(dataset.query(query, initNs=PREFIXES)))
        queue.put((load, time.perf_counter() - started, rows, len(dataset)))


def time_rdflib(
    n_facts: int, queries: list[str], cap: float
) -> list[tuple[float, float, int, int] | None]:
    """Per query (load s, query s, rows, triples) on rdflib's default store, None past CAP s."""
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    process = context.Process(target=_rdflib_worker, args=(n_facts, queries, queue))
    process.start()
    results: list[tuple[float, float, int, int] | None] = []
    deadline = time.monotonic() + cap
    try:
        for _ in queries:
            try:
                results.append(queue.get(timeout=max(0.1, deadline - time.monotonic())))
            except Exception:
                results.append(None)
        return results
    finally:
        process.kill()
        process.join()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--facts", type=int, default=100_000)
    parser.add_argument("--rdflib-facts", type=int, nargs="*", default=[2_000, 10_000])
    parser.add_argument("--rdflib-cap", type=float, default=60.0)
    args = parser.parse_args(argv)

    print(f"queries: {TWO_HOP}\n         {TWO_HOP_ANY}\n         {TWO_HOP_FROM}")
    started = time.perf_counter()
    dataset = oxigraph_dataset(args.facts)
    triples = len(oxigraph_store(dataset))
    print(
        f"\nOxigraph: {args.facts} facts, {triples} triples, loaded in "
        f"{time.perf_counter() - started:.1f} s"
    )
    # The README's question starts from one person: take the one with the most meetings.
    (busiest,) = oxigraph_store(dataset).query(
        "SELECT ?a WHERE { ?a rel:meet ?b } GROUP BY ?a ORDER BY DESC(COUNT(*)) ?a LIMIT 1",
        prefixes=PREFIXES,
    )
    from_one = TWO_HOP_FROM.replace("ent:E1", f"<{busiest['a'].value}>")
    for query in (from_one, TWO_HOP, TWO_HOP_ANY):
        seconds, rows = time_kg_query(dataset, query, runs=5)
        warm, _ = time_kg_query(dataset, query, runs=5, reuse_workers=True)
        bare = time_store_query(dataset, query, runs=5)
        print(
            f"  kg.query fork {seconds * 1000:8.1f} ms  warm worker {warm * 1000:7.1f} ms"
            f"  bare Store.query {bare * 1000:7.1f} ms"
            f"  {rows} rows  [{query.split('WHERE')[1].strip()}]"
        )

    print("\nrdflib default in-memory store (same generator; one load, then each query):")
    for n_facts in args.rdflib_facts:
        small = oxigraph_dataset(n_facts)
        (busiest,) = oxigraph_store(small).query(
            "SELECT ?a WHERE { ?a rel:meet ?b } GROUP BY ?a ORDER BY DESC(COUNT(*)) ?a LIMIT 1",
            prefixes=PREFIXES,
        )
        queries = [TWO_HOP_FROM.replace("ent:E1", f"<{busiest['a'].value}>"), TWO_HOP]
        measured = time_rdflib(n_facts, queries, args.rdflib_cap)
        for query, outcome in zip(queries, measured, strict=True):
            ox_seconds, ox_rows = time_kg_query(small, query)
            shape = query.split("WHERE")[1].strip()
            if outcome is None:
                print(
                    f"  {n_facts:>7} facts: rdflib did not finish within {args.rdflib_cap:g} s;"
                    f" kg.query {ox_seconds * 1000:.1f} ms ({ox_rows} rows)  [{shape}]"
                )
                continue
            load, seconds, rows, n_triples = outcome
            print(
                f"  {n_facts:>7} facts, {n_triples:>8} triples: rdflib {seconds * 1000:9.1f} ms"
                f" ({rows} rows; load {load:.1f} s)  kg.query {ox_seconds * 1000:6.1f} ms"
                f" ({ox_rows} rows)  [{shape}]"
            )


if __name__ == "__main__":
    main()
