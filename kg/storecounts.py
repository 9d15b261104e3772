"""What ``kg stats`` prints, kept with each generation of a build's store, so that ``kg stats``
reads a small file instead of counting over the whole store (27 s at 20,000 documents).

Every number ``kg stats`` prints is one of three counts of the store:

- per class, the triples of the union (the store's default graph) that type a node with it. The
  union is a set, so that is the number of distinct nodes of the class: what kg stats'
  ``COUNT(DISTINCT ?e) WHERE { ?e a kg:Document }`` and its entity counts by type count;
- the triples of the union;
- the quads of the document graphs.

A full build counts them on the store it has just loaded: the classes by one grouped query, the
document graphs' quads from the lines it loaded, the union's triples as the rest of the store
(``len`` of a store decodes no term). An incremental build or ``kg remove`` never recounts: it
adds to the earlier generation's counts what its change did, which ``graphstore.apply_change``
reports as a ``CountsDelta`` (the union triples it inserted and
removed, the document-graph quads it dropped and added). A generation from an older kg has no
counts; an incremental build on it writes none either, and ``kg stats`` counts as before.

The file lives inside the generation's folder (RocksDB leaves files it does not know alone), so
it is written before the generation is pointed at and goes with it.
"""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

COUNTS_FILE = "kg-counts.json"
# Bumped whenever what the file holds changes meaning: a file of another version is not read.
_VERSION = 1
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


@dataclass(frozen=True)
class StoreCounts:
    """The counts of one generation (see the module's docstring)."""

    classes: dict[str, int]  # class IRI -> nodes of that class in the union
    triples: int  # triples of the union
    quads: int  # quads of the document graphs

    def updated(self, delta: CountsDelta) -> StoreCounts:
        """These counts after the change DELTA describes; a class no node has any more is gone,
        as it is from a count."""
        classes = Counter(self.classes)
        classes.update(delta.classes)
        return StoreCounts(
            classes={name: n for name, n in sorted(classes.items()) if n != 0},
            triples=self.triples + delta.triples,
            quads=self.quads + delta.quads,
        )


@dataclass
class CountsDelta:
    """What one change did to the counts: filled in by ``graphstore.apply_change``."""

    classes: Counter[str] = field(default_factory=Counter)
    triples: int = 0
    quads: int = 0

    def union_added(self, triples: Iterable[ox.Triple]) -> None:
        """TRIPLES entered the union (none of them was in it before)."""
        for triple in triples:
            self.triples += 1
            if triple.predicate == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
                self.classes[triple.object.value] += 1

    def union_removed(self, triple: ox.Triple) -> None:
        """TRIPLE left the union (no document graph states it any more)."""
        self.triples -= 1
        if triple.predicate == RDF_TYPE and isinstance(triple.object, ox.NamedNode):
            self.classes[triple.object.value] -= 1


def count_store(store: ox.Store, *, named_quads: int | None = None) -> StoreCounts:
    """The counts of a build's store, counted: its default graph holds the union. A full build
    that knows how many quads its document graphs hold gives ``named_quads``: the union's
    triples are then the rest of the store, with no scan of the union."""

    def rows(query: str) -> list[ox.QuerySolution]:
        answer = store.query(query)
        assert isinstance(answer, ox.QuerySolutions)  # both queries are SELECTs
        return list(answer)

    # No filter on the class in the query: a FILTER on STR(?class) makes Oxigraph decode every
    # typed node's class (13 s at 20,000 documents against 2 s grouped as here).
    classes = {
        row["class"].value: int(row["n"].value)
        for row in rows("SELECT ?class (COUNT(*) AS ?n) WHERE { ?e a ?class } GROUP BY ?class")
        if isinstance(row["class"], ox.NamedNode)
    }
    # len() counts every quad, the union's too, without decoding a term.
    everything = len(store)
    if named_quads is not None:
        return StoreCounts(dict(sorted(classes.items())), everything - named_quads, named_quads)
    (total,) = rows("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    triples = int(total["n"].value)
    # The document graphs' quads are the rest (a COUNT over GRAPH ?g decodes each of them).
    return StoreCounts(dict(sorted(classes.items())), triples, everything - triples)


# A line of the union that types its subject with a class (an IRI): the predicate and object
# found first (a literal search, in C), the subject (one term, no space) checked after.
_TYPE_LINE_END = re.compile(
    rb" <http://www\.w3\.org/1999/02/22-rdf-syntax-ns#type> <([^>\n]*)> \.\n"
)


class UnionTally:
    """The counts of a new build's store taken from the union's lines as graph.ttl is written
    from them (each triple once, sorted: kg.canonical.union_of), ``add``-ed a chunk of whole
    lines at a time, instead of counted on the store once it is loaded: what ``count_store``
    gives of the same graphs (a test holds it to that).

    The store's load is what the write stage waits for, and counting on it after the load (a
    grouped query and ``len``) added 0.7 s to the 1,500-document benchmark's build; graph.ttl's
    writer has time to spare while the store loads, and counting its lines costs it 0.3 s."""

    def __init__(self) -> None:
        self.triples = 0
        self.classes: Counter[str] = Counter()

    def add(self, chunk: bytes) -> None:
        self.triples += chunk.count(b"\n")
        for match in _TYPE_LINE_END.finditer(chunk):
            line_start = chunk.rfind(b"\n", 0, match.start()) + 1
            if chunk.find(b" ", line_start, match.start()) >= 0:
                continue  # the type IRI inside a literal, not this line's predicate
            iri = match.group(1).decode("utf-8")
            if "\\" in iri:  # an escaped character: the IRI as a parser reads it
                (triple,) = ox.parse(chunk[line_start : match.end()], format=ox.RdfFormat.N_TRIPLES)
                assert isinstance(triple.object, ox.NamedNode)  # the line's object is an IRI
                iri = triple.object.value
            self.classes[iri] += 1

    def counts(self, named_quads: int) -> StoreCounts:
        """The counts of a store holding these union lines and ``named_quads`` quads in its
        document graphs."""
        return StoreCounts(dict(sorted(self.classes.items())), self.triples, named_quads)


def write_counts(folder: Path, counts: StoreCounts) -> None:
    """COUNTS into the generation FOLDER (before the generation is pointed at)."""
    text = json.dumps(
        {
            "version": _VERSION,
            "classes": counts.classes,
            "triples": counts.triples,
            "quads": counts.quads,
        },
        indent=1,
    )
    with open(folder / COUNTS_FILE, "w", encoding="utf-8") as handle:
        handle.write(text + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def read_counts(folder: Path) -> StoreCounts | None:
    """The counts kept in the generation FOLDER; None when it has none (an older kg wrote it)
    or none this version can read: then they are counted."""
    try:
        data = json.loads((folder / COUNTS_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("version") != _VERSION:
        return None
    try:
        classes = {str(name): int(n) for name, n in data["classes"].items()}
        return StoreCounts(classes, int(data["triples"]), int(data["quads"]))
    except (KeyError, TypeError, ValueError, AttributeError):
        return None
