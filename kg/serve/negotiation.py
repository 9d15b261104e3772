"""Content negotiation for the endpoint: which kg.query result format, and which media type, a
client gets, from ``?format=``/``?output=`` or the Accept header with its q-values."""

from __future__ import annotations

from kg.query import GRAPH_KINDS, GRAPH_MEDIA_TYPES, MEDIA_TYPES, QueryKind

# Offers for content negotiation, best first: (media type, format name of kg.query).
RESULT_OFFERS = [
    ("application/sparql-results+json", "json"),
    ("application/json", "json"),
    ("application/sparql-results+xml", "xml"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
    ("text/csv", "csv"),
    ("text/tab-separated-values", "tsv"),
    ("text/plain", "table"),
]
GRAPH_OFFERS = [
    ("text/turtle", "turtle"),
    ("application/x-turtle", "turtle"),
    ("application/n-triples", "ntriples"),
    ("text/plain", "ntriples"),
    ("application/ld+json", "json"),
    ("application/json", "json"),
    ("application/rdf+xml", "xml"),
    ("application/xml", "xml"),
    ("text/xml", "xml"),
]
# ?format= / ?output= (as some clients send, SPARQLWrapper among them) -> format name.
FORMAT_PARAMETERS = {
    "json": "json",
    "xml": "xml",
    "csv": "csv",
    "tsv": "tsv",
    "turtle": "turtle",
    "ttl": "turtle",
    "n3": "turtle",
    "ntriples": "ntriples",
    "nt": "ntriples",
    "json-ld": "json",
    "rdf+xml": "xml",
    "text": "table",
}


def negotiate(kind: QueryKind, params: dict[str, list[str]], accept: str) -> tuple[str, str]:
    """(kg.query format, media type) for the client: ?format=/?output= first, else the
    ACCEPT header with its q-values; JSON results and Turtle graphs when nothing matches."""
    graph = kind in GRAPH_KINDS
    offers = GRAPH_OFFERS if graph else RESULT_OFFERS
    media_of = GRAPH_MEDIA_TYPES if graph else MEDIA_TYPES
    for name in ("format", "output"):
        for value in params.get(name, []):
            fmt = FORMAT_PARAMETERS.get(value.lower().strip())
            if fmt is not None and (fmt in media_of):
                return fmt, _charset(media_of[fmt])
            media = value.lower().strip()
            for offered, fmt in offers:
                if offered == media:
                    return fmt, _charset(offered)
    for media_range in accepted(accept):
        for offered, fmt in offers:
            if _matches(media_range, offered):
                return fmt, _charset(offered)
    return offers[0][1], _charset(offers[0][0])


def _charset(media: str) -> str:
    return f"{media}; charset=utf-8"


def accepted(header: str) -> list[str]:
    """Media ranges of an Accept header, highest q first (ties keep the client's order)."""
    ranges: list[tuple[float, int, str]] = []
    for position, part in enumerate(header.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        quality = 1.0
        for field in fields[1:]:
            key, _, value = field.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranges.append((-quality, position, media))
    return [media for _, _, media in sorted(ranges)]


def _matches(media_range: str, offered: str) -> bool:
    if media_range in ("*/*", offered):
        return True
    kind, _, sub = media_range.partition("/")
    return sub == "*" and offered.startswith(kind + "/")
