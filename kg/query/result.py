"""The answer to a query (``QueryResult``) and how it crosses from the evaluating child to the
caller: the child encodes Oxigraph's terms as plain tuples (fast to pickle), the parent decodes
them into rdflib terms once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.query.guard import QueryKind
from kg.vocab import PREFIXES

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Term = Identifier  # URIRef, BNode or Literal
Row = tuple[Term | None, ...]
TripleTerms = tuple[Term, Term, Term]


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query. ``rows`` (SELECT) hold rdflib terms in ``variables`` order, None
    for an unbound variable; ``triples`` hold CONSTRUCT/DESCRIBE output; ``truncated`` says the
    row cap cut the answer short."""

    kind: QueryKind
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[TripleTerms, ...] = ()
    truncated: bool = False

    def bindings(self) -> list[dict[str, Term]]:
        """SELECT rows as dicts, unbound variables left out."""
        return [
            {
                name: value
                for name, value in zip(self.variables, row, strict=True)
                if value is not None
            }
            for row in self.rows
        ]

    def graph(self) -> Graph:
        """CONSTRUCT/DESCRIBE output as an rdflib Graph with kg's prefixes bound."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        for triple in self.triples:
            graph.add(triple)
        return graph

    def __len__(self) -> int:
        return len(self.triples) if self.kind in GRAPH_KINDS else len(self.rows)


GRAPH_KINDS = (QueryKind.CONSTRUCT, QueryKind.DESCRIBE)


def quad_to_oxigraph(s: Term, p: Term, o: Term, g: Any) -> ox.Quad:
    name = getattr(g, "identifier", g)
    if name is None or str(name) == "urn:x-rdflib:default":
        return ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o))
    return ox.Quad(to_oxigraph(s), to_oxigraph(p), to_oxigraph(o), to_oxigraph(name))


def to_oxigraph(term: Term) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot convert {term!r} to an RDF term")


# The child sends plain tuples (fast to pickle); the parent builds rdflib terms once.
# IRI: (0, iri); blank node: (1, id); literal: (2, lexical form, language, datatype).
Encoded = tuple


def encode_term(term: Any) -> Encoded | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return (0, term.value)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.Literal):
        return (2, term.value, term.language, term.datatype.value)
    return (2, str(term), None, XSD_STRING)  # an RDF-star triple term: shown as its text


def _encode_triple(triple: Any) -> tuple:
    return (encode_term(triple.subject), encode_term(triple.predicate), encode_term(triple.object))


def decode_outcome(outcome: dict[str, Any]) -> QueryResult:
    kind = QueryKind(outcome["kind"])
    iris: dict[str, URIRef] = {}
    decode = _term_decoder(iris)
    if "boolean" in outcome:
        return QueryResult(kind=QueryKind.ASK, boolean=outcome["boolean"])
    if "variables" in outcome:
        rows = tuple(tuple(decode(cell) for cell in row) for row in outcome["rows"])
        return QueryResult(
            kind=QueryKind.SELECT,
            variables=tuple(outcome["variables"]),
            rows=rows,
            truncated=outcome["truncated"],
        )
    triples = tuple((decode(s), decode(p), decode(o)) for s, p, o in outcome["triples"])
    return QueryResult(kind=kind, triples=triples, truncated=outcome["truncated"])  # type: ignore[arg-type]


def _term_decoder(iris: dict[str, URIRef]) -> Any:
    def decode(cell: Encoded | None) -> Term | None:
        if cell is None:
            return None
        tag = cell[0]
        if tag == 0:
            iri = iris.get(cell[1])
            if iri is None:
                iri = iris[cell[1]] = URIRef(cell[1])
            return iri
        if tag == 1:
            return BNode(cell[1])
        _, value, language, datatype = cell
        if language:
            return Literal(value, lang=language)
        if datatype == XSD_STRING:
            return Literal(value)
        return Literal(value, datatype=iris.get(datatype) or URIRef(datatype))

    return decode
