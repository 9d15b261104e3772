"""The result formats of a query: SELECT/ASK as a text table, CSV, TSV, JSON or XML (the SPARQL
1.1 result formats); CONSTRUCT/DESCRIBE as Turtle, N-Triples, JSON-LD or RDF/XML."""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef

from kg.errors import QueryError
from kg.query.guard import QueryKind, one_line
from kg.query.result import (
    GRAPH_KINDS,
    XSD_STRING,
    QueryResult,
    Term,
    TripleTerms,
    triple_to_oxigraph,
)
from kg.vocab import PREFIXES, compact_iri

# Output formats of ``format_result``. SELECT/ASK take the SPARQL result formats; CONSTRUCT and
# DESCRIBE take RDF ones: turtle and ntriples, and for them "table" means Turtle, "json" JSON-LD
# and "xml" RDF/XML.
RESULT_FORMATS = ("table", "csv", "tsv", "json", "xml")
GRAPH_FORMATS = ("turtle", "ntriples")
FORMATS = RESULT_FORMATS + GRAPH_FORMATS
GRAPH_RDF_FORMATS: dict[str, ox.RdfFormat] = {
    "table": ox.RdfFormat.TURTLE,
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "json": ox.RdfFormat.JSON_LD,
    "xml": ox.RdfFormat.RDF_XML,
}

# Media types, for the endpoint's content negotiation.
MEDIA_TYPES: dict[str, str] = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "table": "text/plain",
}
GRAPH_MEDIA_TYPES: dict[str, str] = {
    "turtle": "text/turtle",
    "ntriples": "application/n-triples",
    "json": "application/ld+json",
    "xml": "application/rdf+xml",
}

# Widest cell of the text table; the full value is one --format csv away.
TABLE_CELL_CHARS = 80


def format_result(result: QueryResult, fmt: str = "table") -> str:
    """RESULT as text: SELECT/ASK as a table, csv, tsv, json or xml (the SPARQL 1.1 result
    formats); CONSTRUCT/DESCRIBE as turtle, ntriples, json (JSON-LD) or xml (RDF/XML), with
    "table" giving Turtle."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown format {fmt!r} (allowed: {', '.join(FORMATS)})")
    if result.kind in GRAPH_KINDS:
        if fmt not in GRAPH_RDF_FORMATS:
            raise QueryError(
                f"{result.kind.value} returns RDF: use turtle, ntriples, json or xml, not {fmt}"
            )
        return _format_triples(result.triples, GRAPH_RDF_FORMATS[fmt])
    if fmt in GRAPH_FORMATS:
        raise QueryError(
            f"{fmt} is for CONSTRUCT and DESCRIBE; a {result.kind.value} result is "
            f"{', '.join(RESULT_FORMATS)}"
        )
    return _RESULT_WRITERS[fmt](result)


def xml_replacements(result: QueryResult) -> int:
    """How many terms of RESULT hold characters XML 1.0 cannot carry, even escaped (most C0
    controls, lone surrogates, U+FFFE/U+FFFF): the xml format writes U+FFFD for each of those
    characters, and its callers say so (a warning, a response header)."""
    terms = (
        (term for triple in result.triples for term in triple)
        if result.kind in GRAPH_KINDS
        else (term for row in result.rows for term in row)
    )
    return sum(1 for term in terms if term is not None and _NOT_XML.search(str(term)))


def _format_triples(triples: Iterable[TripleTerms], rdf_format: ox.RdfFormat) -> str:
    with_prefixes = rdf_format in (ox.RdfFormat.TURTLE, ox.RdfFormat.RDF_XML)
    if rdf_format == ox.RdfFormat.RDF_XML:
        # Oxigraph writes a literal's characters as they are: a control character in one made
        # the whole document unreadable to an XML parser.
        triples = (tuple(_xml_safe(term) for term in triple) for triple in triples)  # type: ignore[misc]
    data = ox.serialize(
        (triple_to_oxigraph(s, p, o) for s, p, o in triples),
        format=rdf_format,
        prefixes=PREFIXES if with_prefixes else None,
    )
    return data.decode("utf-8") if data else ""


def _json(result: QueryResult) -> str:
    if result.kind is QueryKind.ASK:
        document: dict[str, Any] = {"head": {}, "boolean": bool(result.boolean)}
    else:
        bindings = [
            {
                name: _json_term(value)
                for name, value in zip(result.variables, row, strict=True)
                if value is not None
            }
            for row in result.rows
        ]
        document = {"head": {"vars": list(result.variables)}, "results": {"bindings": bindings}}
    return json.dumps(document, ensure_ascii=False) + "\n"


def _json_term(term: Term) -> dict[str, str]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    encoded = {"type": "literal", "value": str(term)}
    if term.language:
        encoded["xml:lang"] = term.language
    elif term.datatype is not None and str(term.datatype) != XSD_STRING:
        encoded["datatype"] = str(term.datatype)
    return encoded


def _xml(result: QueryResult) -> str:
    out = ['<?xml version="1.0"?>\n<sparql xmlns="http://www.w3.org/2005/sparql-results#">\n<head>']
    out.extend(f"<variable name={quoteattr(name)}/>" for name in result.variables)
    out.append("</head>\n")
    if result.kind is QueryKind.ASK:
        out.append(f"<boolean>{'true' if result.boolean else 'false'}</boolean>\n")
    else:
        out.append("<results>\n")
        for row in result.rows:
            out.append("<result>")
            for name, value in zip(result.variables, row, strict=True):
                if value is not None:
                    out.append(f"<binding name={quoteattr(name)}>{_xml_term(value)}</binding>")
            out.append("</result>\n")
        out.append("</results>\n")
    out.append("</sparql>\n")
    return "".join(out)


def _xml_term(term: Term) -> str:
    if isinstance(term, URIRef):
        return f"<uri>{xml_escape(str(term))}</uri>"
    if isinstance(term, BNode):
        return f"<bnode>{xml_escape(str(term))}</bnode>"
    value = xml_escape(_xml_chars(str(term)))
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{value}</literal>"
    if term.datatype is not None and str(term.datatype) != XSD_STRING:
        return f"<literal datatype={quoteattr(str(term.datatype))}>{value}</literal>"
    return f"<literal>{value}</literal>"


# What XML 1.0 cannot carry, even as a character reference; RDF literals can hold all of it.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_chars(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _xml_safe(term: Term) -> Term:
    if not isinstance(term, Literal) or not _NOT_XML.search(str(term)):
        return term
    return Literal(_xml_chars(str(term)), lang=term.language, datatype=term.datatype)


def _csv(result: QueryResult) -> str:
    out = io.StringIO()
    writer = csv.writer(out)  # RFC 4180, CRLF line ends, as the SPARQL CSV format asks
    if result.kind is QueryKind.ASK:
        writer.writerow(["boolean"])
        writer.writerow(["true" if result.boolean else "false"])
        return out.getvalue()
    writer.writerow(result.variables)
    for row in result.rows:
        writer.writerow(["" if v is None else _csv_term(v) for v in row])
    return out.getvalue()


def _csv_term(term: Term) -> str:
    return f"_:{term}" if isinstance(term, BNode) else str(term)


def _tsv(result: QueryResult) -> str:
    if result.kind is QueryKind.ASK:
        return f"?boolean\n{'true' if result.boolean else 'false'}\n"
    lines = ["\t".join(f"?{name}" for name in result.variables)]
    for row in result.rows:
        lines.append("\t".join("" if v is None else ntriples_term(v) for v in row))
    return "\n".join(lines) + "\n"


_NT_ESCAPES = str.maketrans({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"})


def ntriples_term(term: Term) -> str:
    """TERM in N-Triples syntax (the encoding of the SPARQL TSV format)."""
    if isinstance(term, URIRef):
        return f"<{term}>"
    if isinstance(term, BNode):
        return f"_:{term}"
    text = f'"{str(term).translate(_NT_ESCAPES)}"'
    if term.language:
        return f"{text}@{term.language}"
    if term.datatype is not None and str(term.datatype) != XSD_STRING:
        return f"{text}^^<{term.datatype}>"
    return text


def _table(result: QueryResult) -> str:
    if result.kind is QueryKind.ASK:
        return ("true" if result.boolean else "false") + "\n"
    header = [f"?{name}" for name in result.variables]
    cells = [[_table_cell(v) for v in row] for row in result.rows]
    widths = [max([len(header[i])] + [len(row[i]) for row in cells]) for i in range(len(header))]
    lines = [_table_line(header, widths), _table_line(["-" * w for w in widths], widths)]
    lines.extend(_table_line(row, widths) for row in cells)
    count = len(result.rows)
    footer = f"{count} row{'s' if count != 1 else ''}"
    if result.truncated:
        footer += " (truncated: more rows exist; raise --max-rows)"
    lines.append(footer)
    return "\n".join(lines) + "\n"


def _table_line(cells: Sequence[str], widths: Sequence[int]) -> str:
    return "  ".join(cell.ljust(width) for cell, width in zip(cells, widths, strict=True)).rstrip()


def _table_cell(term: Term | None) -> str:
    if term is None:
        return ""
    if isinstance(term, URIRef):
        text = compact_iri(str(term))
    elif isinstance(term, BNode):
        text = f"_:{term}"
    else:
        text = one_line(str(term))
    # A literal is printed to a terminal: ESC would start a control sequence, U+202E reverse
    # what follows. Shown as \u escapes instead; the other formats carry them as they are.
    text = _TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if len(text) > TABLE_CELL_CHARS:
        text = text[: TABLE_CELL_CHARS - 1] + "…"
    return text


# C0 and C1 controls and DEL, and the bidirectional formatting characters.
_TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

_RESULT_WRITERS = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}
