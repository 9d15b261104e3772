"""``kg explain``: why an entity is what it is — its names, type, roles and merge reasons (read
by kg/entitygraph.py), and the chain of mentions coreference linked to it."""

from __future__ import annotations

import difflib
from typing import TYPE_CHECKING

import pyoxigraph as ox

from kg.entitygraph import Description, describe
from kg.errors import KgError
from kg.prefixes import sparql_prologue
from kg.store import as_oxigraph, query_union
from kg.vocab import iri_label

if TYPE_CHECKING:
    from rdflib import Dataset

_FIND = """
SELECT DISTINCT ?e WHERE {
  { ?e rdfs:label ?name } UNION { ?e skos:altLabel ?name }
  ?e a ?class . FILTER(?class NOT IN (kg:Relation, kg:Document, kg:Sentence, kg:Statement))
  FILTER(LCASE(STR(?name)) = LCASE(STR(?wanted)))
} ORDER BY ?e
"""

_FIND_EXACT = """
SELECT DISTINCT ?e WHERE {
  { ?e rdfs:label ?wanted } UNION { ?e skos:altLabel ?wanted }
  ?e a ?class . FILTER(?class NOT IN (kg:Relation, kg:Document, kg:Sentence, kg:Statement))
} ORDER BY ?e
"""

_COUNTS = """
SELECT (COUNT(DISTINCT ?sentence) AS ?mentions) (COUNT(DISTINCT ?statement) AS ?facts) WHERE {
  { ?e kg:mentionedIn ?sentence } UNION { ?statement rdf:subject|rdf:object ?e }
}
"""

# The entity's chain of mentions is read in two steps, since a much-mentioned entity has
# thousands of mentions on a large build (Scott Bessent: 4,143 at 20,000 documents) and only
# CHAIN_SHOWN are printed: every mention with what puts it in reading order (sorted here), then
# what is shown of the first ones.
_CHAIN = """
SELECT ?m ?document ?start WHERE {
  ?m kg:denotes ?e ; kg:mentionStart ?start ; dcterms:isPartOf ?sentence .
  ?sentence dcterms:isPartOf ?doc .
  ?doc dcterms:source ?document .
}
"""

# Each OPTIONAL is one triple pattern on purpose: Oxigraph looks it up per mention by index,
# where an OPTIONAL of two patterns is evaluated on its own over every mention of the store and
# joined after (3.5 s on a 20,000-document build). A mention shows the rule that linked it to
# its chain only when it has both a sieve and a reason.
_SHOWN = """
SELECT ?m ?text ?kind ?sieve ?reason WHERE {
  ?m kg:mentionText ?text ; kg:mentionKind ?kind .
  OPTIONAL { ?m kg:corefSieve ?sieve }
  OPTIONAL { ?m kg:corefReason ?reason }
}
"""

# Mentions shown per entity: the chain of a much-mentioned entity is long.
CHAIN_SHOWN = 25

_NAMES = "SELECT DISTINCT ?name WHERE { ?e rdfs:label|skos:altLabel ?name }"


def explain_entity(dataset: Dataset | ox.Store, name: str) -> str:
    """A short report on the entity called ``name`` (label or alias, any case)."""
    store = as_oxigraph(dataset)

    def query(
        text: str, **bindings: ox.NamedNode | ox.Literal | list[ox.NamedNode]
    ) -> ox.QuerySolutions:
        # Bound with VALUES; str() of a pyoxigraph term is its escaped N-Triples form, so a
        # name with quotes or backslashes cannot change the query.
        values = "".join(
            f"VALUES ?{k} {{ {' '.join(map(str, v)) if isinstance(v, list) else v} }}\n"
            for k, v in bindings.items()
        )
        text = text.replace("WHERE {", "WHERE {\n" + values, 1)
        answer = store.query(
            sparql_prologue() + text, use_default_graph_as_union=query_union(store)
        )
        assert isinstance(answer, ox.QuerySolutions)  # every query here is a SELECT
        return answer

    # The name as written first: an index lookup. Only when no entity has it exactly are all
    # names compared without case (a scan of every label, slow on a large build).
    found = [row["e"] for row in query(_FIND_EXACT, wanted=ox.Literal(name))]
    if not found:
        found = [row["e"] for row in query(_FIND, wanted=ox.Literal(name))]
    if not found:
        names = [row["name"].value for row in query(_NAMES)]
        close = difflib.get_close_matches(name, names, n=3)
        hint = f"; did you mean {', '.join(repr(c) for c in close)}?" if close else ""
        raise KgError(f"no entity is called {name!r}{hint}")
    descriptions = describe(store, [entity.value for entity in found])
    blocks = []
    for entity in found:
        described = descriptions.get(entity.value, Description(entity.value))
        counts = next(iter(query(_COUNTS, e=entity)))
        lines = [
            f"{', '.join(described.labels or [name])}  <{entity.value}>",
            f"  type:     {', '.join(iri_label(c) for c in described.classes)}",
            f"  aliases:  {', '.join(described.aliases) or '-'}",
            f"  roles:    {', '.join(described.roles) or '-'}",
            f"  mentions: {counts['mentions'].value} sentence(s), {counts['facts'].value} fact(s)",
        ]
        reasons = described.merge_reasons
        lines.append("  merged because:" if reasons else "  merged because: - (one name only)")
        lines += [f"    - {reason}" for reason in reasons]
        chain = _reading_order(query(_CHAIN, e=entity))
        if chain:
            lines.append(f"  chain ({len(chain)} mention(s)):")
            shown = chain[:CHAIN_SHOWN]
            details = _first_per_mention(query(_SHOWN, m=[row["m"] for row in shown]))
            for row in shown:
                detail = details.get(row["m"])
                if detail is None:  # a mention without its text or kind: nothing to show
                    continue
                sieve, reason = detail["sieve"], detail["reason"]
                why = f"  <- {sieve.value}: {reason.value}" if sieve and reason else ""
                lines.append(
                    f"    {row['document'].value}:{row['start'].value}  "
                    f"{detail['kind'].value} '{detail['text'].value}'{why}"
                )
            if len(chain) > CHAIN_SHOWN:
                lines.append(f"    … {len(chain) - CHAIN_SHOWN} more (kg query has them all)")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _reading_order(rows: ox.QuerySolutions) -> list[ox.QuerySolution]:
    """Mentions by document and start (kg writes it as an integer), then IRI, so that ties
    come out the same every time."""
    return sorted(
        rows, key=lambda row: (row["document"].value, int(row["start"].value), row["m"].value)
    )


def _first_per_mention(rows: ox.QuerySolutions) -> dict[ox.NamedNode, ox.QuerySolution]:
    """One row of details per mention: one with its rule when it has one."""
    found: dict[ox.NamedNode, ox.QuerySolution] = {}
    for row in rows:
        earlier = found.get(row["m"])
        if earlier is None or (row["sieve"] and row["reason"] and not earlier["sieve"]):
            found[row["m"]] = row
    return found
