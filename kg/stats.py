"""``kg stats``: what a graph holds, counted with SPARQL on the Oxigraph store."""

from __future__ import annotations

from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.prefixes import sparql_prologue
from kg.store import as_oxigraph, query_union

if TYPE_CHECKING:
    from rdflib import Dataset

_COUNTS = {
    "documents": "SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE { ?d a kg:Document }",
    "sentences": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Sentence }",
    "statements": "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a kg:Statement }",
    "relations": "SELECT (COUNT(DISTINCT ?r) AS ?n) WHERE { ?r a kg:Relation }",
}


def graph_stats(dataset: Dataset | ox.Store) -> dict[str, int]:
    """Counts by kind of node, entities by type, and the number of triples (quads)."""
    store = as_oxigraph(dataset)

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
