"""The graph as tables: the rows of ``KnowledgeGraph.facts``, ``.entities`` and ``.documents``
(kg.api makes the pandas DataFrames of them), read with kg's own SPARQL queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from kg.facts import FACT_FIELDS

if TYPE_CHECKING:
    import rdflib

__all__ = [
    "DOCUMENT_COLUMNS",
    "ENTITY_COLUMNS",
    "FACT_COLUMNS",
    "document_rows",
    "entity_rows",
    "fact_rows",
    "select",
]

# kg extract's fields read back from the graph (the rule aside), and the statement's IRIs.
FACT_COLUMNS = (
    *(field for field in FACT_FIELDS if field != "rule"),
    "statement",
    "subject_iri",
    "object_iri",
)
ENTITY_COLUMNS = ("iri", "label", "type", "aliases", "roles", "documents", "sentences", "facts")
DOCUMENT_COLUMNS = ("document", "iri", "sha256", "title", "date", "url")


def select(dataset: rdflib.Dataset, sparql: str) -> Iterator[Any]:
    """kg's own queries (trusted, fixed text): straight on the store, as kg stats runs them."""
    import pyoxigraph as ox

    from kg.store import oxigraph_store, query_union
    from kg.vocab import sparql_prologue

    store = oxigraph_store(dataset)
    solutions = store.query(
        sparql_prologue() + sparql, use_default_graph_as_union=query_union(store)
    )
    assert isinstance(solutions, ox.QuerySolutions)  # kg's own SELECT queries
    return iter(solutions)


def term_value(term: Any) -> str:
    return "" if term is None else term.value


_STATEMENTS = """
SELECT ?st ?s ?relation ?o ?confidence ?negated ?modality ?attribution ?condition ?time
       ?timeValue ?timeType ?placeText ?place ?subjectText ?relationText ?objectText
       ?sentence ?index ?source WHERE {
  ?st a kg:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      kg:confidence ?confidence ; kg:negated ?negated ; kg:sentence ?sent ;
      kg:subjectText ?subjectText ; kg:relationText ?relationText ; kg:objectText ?objectText .
  ?p rdfs:label ?relation .
  ?sent kg:text ?sentence ; kg:sentenceIndex ?index ; dcterms:isPartOf ?doc .
  ?doc dcterms:source ?source .
  OPTIONAL { ?st kg:modality ?modality }
  OPTIONAL { ?st kg:attribution ?attribution }
  OPTIONAL { ?st kg:condition ?condition }
  OPTIONAL { ?st kg:timeText ?time }
  OPTIONAL { ?st kg:time ?timeValue }
  OPTIONAL { ?st kg:timexType ?timeType }
  OPTIONAL { ?st kg:placeText ?placeText }
  OPTIONAL { ?st kg:place ?place }
}"""


def entity_types(dataset: rdflib.Dataset) -> dict[str, tuple[str, str]]:
    """IRI -> (label, type) of every entity."""
    from kg.export import entity_graph

    nodes, _ = entity_graph(store_of(dataset))
    return {node.iri: (node.label, "; ".join(node.types)) for node in nodes}


def store_of(dataset: rdflib.Dataset) -> Any:
    from kg.store import oxigraph_store

    return oxigraph_store(dataset)


def fact_rows(dataset: rdflib.Dataset) -> list[tuple[Any, ...]]:
    entities = entity_types(dataset)
    rows = []
    for row in select(dataset, _STATEMENTS):
        subject = row["s"].value
        obj = row["o"]
        is_node = obj.__class__.__name__ == "NamedNode"
        place = row["place"].value if row["place"] is not None else ""
        record = (
            entities.get(subject, ("", ""))[0],
            row["relation"].value,
            entities.get(obj.value, ("", ""))[0] if is_node else obj.value,
            entities.get(subject, ("", ""))[1],
            entities.get(obj.value, ("", ""))[1] if is_node else "",
            float(row["confidence"].value),
            row["negated"].value in ("true", "1"),
            term_value(row["modality"]),
            term_value(row["attribution"]),
            term_value(row["condition"]),
            term_value(row["time"]),
            term_value(row["timeValue"]),
            term_value(row["timeType"]),
            entities[place][0] if place in entities else term_value(row["placeText"]),
            row["subjectText"].value,
            row["relationText"].value,
            row["objectText"].value,
            row["sentence"].value,
            row["source"].value,
            row["st"].value,
            subject,
            obj.value if is_node else "",
        )
        rows.append((record, (row["source"].value, int(row["index"].value), row["st"].value)))
    rows.sort(key=lambda pair: pair[1])
    return [record for record, _ in rows]


_ENTITY_COUNTS = """
SELECT ?e (COUNT(DISTINCT ?doc) AS ?documents) (COUNT(DISTINCT ?sentence) AS ?sentences)
       (COUNT(DISTINCT ?statement) AS ?facts) WHERE {
  { ?e kg:mentionedIn ?sentence . ?sentence dcterms:isPartOf ?doc }
  UNION { ?statement rdf:subject|rdf:object ?e }
} GROUP BY ?e"""


def entity_rows(dataset: rdflib.Dataset) -> list[tuple[Any, ...]]:
    from kg.export import entity_graph

    counts = {
        row["e"].value: (
            int(row["documents"].value),
            int(row["sentences"].value),
            int(row["facts"].value),
        )
        for row in select(dataset, _ENTITY_COUNTS)
    }
    nodes, _ = entity_graph(store_of(dataset))
    return [
        (
            node.iri,
            node.label,
            "; ".join(node.types),
            "; ".join(node.aliases),
            "; ".join(node.roles),
            *counts.get(node.iri, (0, 0, 0)),
        )
        for node in nodes
    ]


_DOCUMENTS = """
SELECT ?doc ?sha ?source ?title ?date ?url WHERE {
  ?doc a kg:Document ; kg:sha256 ?sha ; dcterms:source ?source .
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?doc dcterms:issued ?date }
  OPTIONAL { ?doc schema:url ?url }
}"""

_FIELDS = """
SELECT ?doc ?field ?value WHERE {
  ?doc a kg:Document ; ?field ?value . FILTER(STRSTARTS(STR(?field), STR(field:)))
}"""


def document_rows(dataset: rdflib.Dataset) -> tuple[list[tuple[Any, ...]], list[str]]:
    from urllib.parse import unquote

    from kg.vocab import FIELD

    kept: dict[str, dict[str, str]] = {}
    for row in select(dataset, _FIELDS):
        name = unquote(row["field"].value[len(str(FIELD)) :])
        kept.setdefault(row["doc"].value, {})[name] = row["value"].value
    fields = sorted({name for values in kept.values() for name in values})
    rows = []
    for row in select(dataset, _DOCUMENTS):
        iri = row["doc"].value
        values = kept.get(iri, {})
        rows.append(
            (
                row["source"].value,
                iri,
                row["sha"].value,
                term_value(row["title"]),
                term_value(row["date"]),
                term_value(row["url"]),
                *(values.get(name, "") for name in fields),
            )
        )
    rows.sort()
    return rows, fields
