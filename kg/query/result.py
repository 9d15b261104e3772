"""The answer to a query (``QueryResult``) and how it crosses from the evaluating child to the
caller: the child encodes Oxigraph's terms as plain tuples (fast to pickle), the parent decodes
them into rdflib terms once."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from kg.errors import QueryError
from kg.prefixes import PREFIXES
from kg.query.guard import QueryKind

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

Term = URIRef | BNode | Literal
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


def triple_to_oxigraph(s: object, p: object, o: object) -> ox.Triple:
    """An rdflib triple as a pyoxigraph one; a QueryError if a term cannot stand where it is."""
    subject, predicate = to_oxigraph(s), to_oxigraph(p)
    if isinstance(subject, ox.Literal) or not isinstance(predicate, ox.NamedNode):
        raise QueryError(f"not an RDF triple: {s!r} {p!r} {o!r}")
    return ox.Triple(subject, predicate, to_oxigraph(o))


def quad_to_oxigraph(s: object, p: object, o: object, g: object) -> ox.Quad:
    triple = triple_to_oxigraph(s, p, o)
    name = getattr(g, "identifier", g)
    if name is None or str(name) == "urn:x-rdflib:default":
        return ox.Quad(triple.subject, triple.predicate, triple.object)
    graph = to_oxigraph(name)
    if isinstance(graph, ox.Literal):
        raise QueryError(f"not a graph name: {name!r}")
    return ox.Quad(triple.subject, triple.predicate, triple.object, graph)


def to_oxigraph(term: object) -> ox.NamedNode | ox.BlankNode | ox.Literal:
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
Encoded = tuple[int, str] | tuple[int, str, str | None, str]


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
    # A CONSTRUCT/DESCRIBE result has no unbound cell: each decoded term is there.
    complete = tuple(
        (s, p, o) for s, p, o in triples if s is not None and p is not None and o is not None
    )
    return QueryResult(kind=kind, triples=complete, truncated=outcome["truncated"])


def _term_decoder(iris: dict[str, URIRef]) -> Callable[[Encoded | None], Term | None]:
    def decode(cell: Encoded | None) -> Term | None:
        if cell is None:
            return None
        tag = cell[0]
        if tag == 0:
            iri = iris.get(cell[1])
            if iri is None:
                iri = iris[cell[1]] = URIRef(cell[1])
            return iri
        if tag == 1 or len(cell) != 4:  # (0 and 1 are two-part cells, literals four-part)
            return BNode(cell[1])
        _, value, language, datatype = cell
        if language:
            return Literal(value, lang=language)
        if datatype == XSD_STRING:
            return Literal(value)
        return Literal(value, datatype=iris.get(datatype) or URIRef(datatype))

    return decode
