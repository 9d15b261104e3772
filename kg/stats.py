"""``kg stats``: what a graph holds. A build's store keeps the counts with each generation
(kg/storecounts.py), read here at once; any other graph is counted with SPARQL on the Oxigraph
store, as is a build's store from an older kg (with a hint to rebuild)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.graphstore import generation_folder
from kg.prefixes import PREFIXES, sparql_prologue
from kg.store import as_oxigraph, query_union
from kg.storecounts import StoreCounts, read_counts

if TYPE_CHECKING:
    from rdflib import Dataset

_COUNTS = {
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }",
    "sentences": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Sentence }",
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Statement }",
    "relations": "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:Relation }",
}


# The classes kg stats counts on their own lines, by the name it prints them under.
_KINDS = {
    name: PREFIXES["kg"] + kind
    for name, kind in (
        ("documents", "Document"),
        ("sentences", "Sentence"),
        ("statements", "Statement"),
        ("relations", "Relation"),
    )
}

# Heard (``on_hint``) when a build's store has no counts: it was written by an older kg.
COUNTS_HINT = (
    "{path}: this build's store keeps no counts (made by an older kg), so they are counted over "
    "the whole store; kg build --rebuild writes them and kg stats then answers at once"
)


def graph_stats(
    dataset: Dataset | ox.Store, *, on_hint: Callable[[str], None] | None = None
) -> dict[str, int]:
    """Counts by kind of node, entities by type, and the number of triples (quads): those kept
    with a build's store when it has them, else counted (``on_hint`` hears why, for a build's
    store without them)."""
    store = as_oxigraph(dataset)
    folder = generation_folder(store)
    if folder is not None:
        kept = read_counts(folder)
        if kept is not None:
            return stats_of(kept)
        if on_hint is not None:
            # A generation's folder is BUILD/store/gNNNNNN: the user named BUILD.
            on_hint(COUNTS_HINT.format(path=folder.parent.parent))
    return counted_stats(store)


def stats_of(counts: StoreCounts) -> dict[str, int]:
    """What ``counted_stats`` gives, from a store's kept counts: the same keys in the same
    order (entity types by class IRI, as the query orders them), the same numbers."""
    stats = {name: counts.classes.get(iri, 0) for name, iri in _KINDS.items()}
    kinds = set(_KINDS.values())
    for iri, n in sorted(counts.classes.items()):
        if iri.startswith(PREFIXES["kg"]) and iri not in kinds and n > 0:
            stats[f"entities: {iri.rsplit('#', 1)[-1]}"] = n
    stats["triples"] = counts.triples
    stats["quads in document graphs"] = counts.quads
    return stats


def counted_stats(store: ox.Store) -> dict[str, int]:
    """The stats counted with SPARQL over the whole store (slow on a large one)."""

    def count(query: str) -> int:
        answer = store.query(
            sparql_prologue() + query, use_default_graph_as_union=query_union(store)
        )
        assert isinstance(answer, ox.QuerySolutions)  # every query here is a SELECT
        rows = list(answer)
        return int(rows[0]["n"].value) if rows else 0

    counts = {name: count(query) for name, query in _COUNTS.items()}
    type_rows = store.query(
        sparql_prologue()
        + """SELECT ?class (COUNT(DISTINCT ?e) AS ?n) WHERE {
               ?e a ?class . FILTER(STRSTARTS(STR(?class), STR(kg:)))
               FILTER(?class NOT IN (kg:Document, kg:Sentence, kg:Statement, kg:Relation))
             } GROUP BY ?class ORDER BY ?class""",
        use_default_graph_as_union=query_union(store),
    )
    assert isinstance(type_rows, ox.QuerySolutions)
    for row in type_rows:
        name = row["class"].value.rsplit("#", 1)[-1]
        counts[f"entities: {name}"] = int(row["n"].value)
    counts["triples"] = count("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    counts["quads in document graphs"] = count(
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    )
    return counts
