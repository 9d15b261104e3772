"""What the view shows on a speaker: the facts whose object is a clause or another literal ("X
said that …", "X warned that …"), which have no node to draw an edge to. Read with SPARQL from the
entity graph's store; the view puts them in the speaker's tooltip and details, and marks the
speaker on the canvas."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection
from dataclasses import dataclass

import pyoxigraph as ox

from kg.entitygraph import select, value
from kg.vocab import iri_label

# Claims kept per speaker: the page shows the first few (kg query has them all).
CLAIMS_PER_NODE = 6
CLAIM_CHARS = 300


@dataclass(frozen=True)
class Claim:
    relation: str  # the relation's label ("say")
    text: str  # the clause, as written
    date: str  # kg:time, when the fact has one
    source: str  # the document's title, else its source


def read_claims(store: ox.Store, nodes: Collection[str] | None = None) -> dict[str, list[Claim]]:
    """Per subject (of NODES, when given): its literal-object facts, each once, in document and
    sentence order. The page shows the first CLAIMS_PER_NODE of each and their number."""
    rows = select(
        store,
        """SELECT ?s ?p ?pl ?o ?time ?title ?source ?i WHERE {
             ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
             FILTER(isLiteral(?o))
             OPTIONAL { ?p rdfs:label ?pl } OPTIONAL { ?st kg:time ?time }
             OPTIONAL { ?st kg:sentence ?sent . OPTIONAL { ?sent kg:sentenceIndex ?i }
                        OPTIONAL { ?sent dcterms:isPartOf ?d .
                                   OPTIONAL { ?d dcterms:title ?title }
                                   OPTIONAL { ?d dcterms:source ?source } } }
           } ORDER BY ?s ?source ?i ?o""",
    )
    wanted = set(nodes) if nodes is not None else None
    found: dict[str, list[Claim]] = defaultdict(list)
    seen: set[tuple[str, str, str]] = set()
    for row in rows:
        subject = value(row["s"])
        if wanted is not None and subject not in wanted:
            continue
        relation = value(row["pl"]) or iri_label(value(row["p"]))
        text = value(row["o"])
        if (subject, relation, text) in seen:
            continue
        seen.add((subject, relation, text))
        if len(text) > CLAIM_CHARS:
            text = text[: CLAIM_CHARS - 1] + "\u2026"
        found[subject].append(
            Claim(relation, text, value(row["time"]), value(row["title"]) or value(row["source"]))
        )
    return dict(found)
