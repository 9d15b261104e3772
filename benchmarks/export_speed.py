"""How long kg's exports take on a synthetic graph shaped like kg output.

    .venv/bin/python benchmarks/export_speed.py [TRIPLES]   (default 1,000,000)

Prints seconds and output size per format. Figures, not assertions: the machine decides.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

import pyoxigraph as ox

from kg.export import export

KG = "https://w3id.org/kg/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
XSD = "http://www.w3.org/2001/XMLSchema#"


def synthetic_store(triples: int) -> ox.Store:
    """~``triples`` quads: 100 documents, statements with confidence and sentence, entities."""
    store = ox.Store()
    per_statement = 8
    statements = triples // per_statement
    quads = []
    for i in range(statements):
        doc = ox.NamedNode(f"https://w3id.org/kg/document/{i % 100:064d}")
        st = ox.NamedNode(f"https://w3id.org/kg/statement/{i:032x}")
        s = ox.NamedNode(f"https://w3id.org/kg/entity/Person_{i % 5000}")
        o = ox.NamedNode(f"https://w3id.org/kg/entity/Place_{(i * 7) % 3000}")
        p = ox.NamedNode(f"https://w3id.org/kg/relation/rel_{i % 200}")
        sentence = ox.NamedNode(f"{doc.value}/sentence/{i % 300}")
        quads += [
            ox.Quad(st, ox.NamedNode(RDF + "type"), ox.NamedNode(KG + "Statement"), doc),
            ox.Quad(st, ox.NamedNode(RDF + "subject"), s, doc),
            ox.Quad(st, ox.NamedNode(RDF + "predicate"), p, doc),
            ox.Quad(st, ox.NamedNode(RDF + "object"), o, doc),
            ox.Quad(
                st,
                ox.NamedNode(KG + "confidence"),
                ox.Literal(f"0.{i % 100:02d}", datatype=ox.NamedNode(XSD + "double")),
                doc,
            ),
            ox.Quad(st, ox.NamedNode(KG + "sentence"), sentence, doc),
            ox.Quad(s, p, o, doc),
            ox.Quad(s, ox.NamedNode(RDFS + "label"), ox.Literal(f"Person {i % 5000}"), doc),
        ]
    for i in range(5000):
        entity = ox.NamedNode(f"https://w3id.org/kg/entity/Person_{i}")
        quads.append(ox.Quad(entity, ox.NamedNode(RDF + "type"), ox.NamedNode(KG + "Person")))
    for i in range(3000):
        entity = ox.NamedNode(f"https://w3id.org/kg/entity/Place_{i}")
        quads.append(ox.Quad(entity, ox.NamedNode(RDF + "type"), ox.NamedNode(KG + "Place")))
    store.bulk_extend(quads)
    return store


def main() -> None:
    triples = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    started = time.perf_counter()
    store = synthetic_store(triples)
    print(f"built {len(store):,} quads in {time.perf_counter() - started:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        for fmt in ("nquads", "ntriples", "trig", "turtle", "jsonld", "graphml", "csv"):
            started = time.perf_counter()
            target = Path(folder) / fmt
            export(store, fmt, target)
            size = (
                sum(p.stat().st_size for p in target.rglob("*"))
                if target.is_dir()
                else (target.stat().st_size)
            )
            seconds = time.perf_counter() - started
            print(f"{fmt:9} {seconds:6.1f} s  {size / 1e6:7.1f} MB")


if __name__ == "__main__":
    main()
