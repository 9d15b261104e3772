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

# The entity's mentions in reading order, each with the rule that linked it to its chain.
# Each OPTIONAL is one triple pattern on purpose: Oxigraph looks one up per mention by index,
# where an OPTIONAL of two patterns is evaluated on its own over every mention of the store
# and joined after (3.5 s on a 20,000-document build, against 0.1 s). A mention shows its
# rule only when it has both a sieve and a reason, as before.
_CHAIN = """
SELECT ?document ?start ?text ?kind ?sieve ?reason WHERE {
  ?m kg:denotes ?e ; kg:mentionText ?text ; kg:mentionStart ?start ; kg:mentionKind ?kind ;
     dcterms:isPartOf ?sentence .
  ?sentence dcterms:isPartOf ?doc .
  ?doc dcterms:source ?document .
  OPTIONAL { ?m kg:corefSieve ?sieve }
  OPTIONAL { ?m kg:corefReason ?reason }
} ORDER BY ?document ?start
"""

# Mentions shown per entity: the chain of a much-mentioned entity is long.
CHAIN_SHOWN = 25

_NAMES = "SELECT DISTINCT ?name WHERE { ?e rdfs:label|skos:altLabel ?name }"


def explain_entity(dataset: Dataset | ox.Store, name: str) -> str:
    """A short report on the entity called ``name`` (label or alias, any case)."""
    store = as_oxigraph(dataset)

    def query(text: str, **bindings: ox.NamedNode | ox.Literal) -> ox.QuerySolutions:
        # Bound with VALUES; str() of a pyoxigraph term is its escaped N-Triples form, so a
        # name with quotes or backslashes cannot change the query.
        values = "".join(f"VALUES ?{k} {{ {v} }}\n" for k, v in bindings.items())
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
        chain = list(query(_CHAIN, e=entity))
        if chain:
            lines.append(f"  chain ({len(chain)} mention(s)):")
            for row in chain[:CHAIN_SHOWN]:
                sieve, reason = row["sieve"], row["reason"]
                why = f"  <- {sieve.value}: {reason.value}" if sieve and reason else ""
                lines.append(
                    f"    {row['document'].value}:{row['start'].value}  "
                    f"{row['kind'].value} '{row['text'].value}'{why}"
                )
            if len(chain) > CHAIN_SHOWN:
                lines.append(f"    … {len(chain) - CHAIN_SHOWN} more (kg query has them all)")
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)
