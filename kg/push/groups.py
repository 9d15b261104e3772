"""A graph file read graph by graph for a push: (graph name, N-Triples body, triple count)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from kg.canonical import in_memory
from kg.errors import KgError


def graph_groups(file: Path, fmt: ox.RdfFormat) -> tuple[Iterator[tuple[str, bytes, int]], int]:
    """(graph name, N-Triples body, triple count) per graph of the file, and how many graphs.

    kg writes each named graph in one block, so the file is streamed graph by graph and memory
    stays bounded by the largest graph. A file whose graphs are interleaved (legal in N-Quads)
    is loaded into an in-memory store first, as a PUT of part of a graph would drop the rest.
    """
    seen: set[str] = set()
    current: str | None = None
    contiguous = True
    try:
        for quad in ox.parse(path=file, format=fmt):
            name = _graph_name(quad.graph_name)
            if name != current:
                if name in seen:
                    contiguous = False
                seen.add(name)
                current = name
    except SyntaxError as error:
        raise KgError(f"{file}: not valid {fmt.name}: {error}") from None
    total = len(seen)
    if contiguous:
        return _stream_groups(file, fmt), total
    return _stored_groups(file, fmt), total


def _stream_groups(file: Path, fmt: ox.RdfFormat) -> Iterator[tuple[str, bytes, int]]:
    name: str | None = None
    triples: list[ox.Triple] = []
    for quad in ox.parse(path=file, format=fmt):
        quad_graph = _graph_name(quad.graph_name)
        if quad_graph != name:
            if name is not None:
                yield name, *_body(triples)
            name, triples = quad_graph, []
        triples.append(quad.triple)
    if name is not None:
        yield name, *_body(triples)


def _stored_groups(file: Path, fmt: ox.RdfFormat) -> Iterator[tuple[str, bytes, int]]:
    store = ox.Store()
    with file.open("rb") as handle:
        store.bulk_load(handle, format=fmt)
    graphs: list[ox.NamedNode | ox.BlankNode | ox.DefaultGraph] = [ox.DefaultGraph()]
    graphs += sorted(store.named_graphs(), key=str)
    for graph in graphs:
        triples = [q.triple for q in store.quads_for_pattern(None, None, None, graph)]
        if triples:
            yield _graph_name(graph), *_body(triples)


def _body(triples: list[ox.Triple]) -> tuple[bytes, int]:
    """Sorted, duplicate-free N-Triples: the same graph always gives the same bytes and hash."""
    lines = sorted(
        set(in_memory(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)).splitlines())
    )
    return b"\n".join(lines) + b"\n", len(lines)


def _graph_name(graph: ox.NamedNode | ox.BlankNode | ox.DefaultGraph) -> str:
    if isinstance(graph, ox.DefaultGraph):
        return ""
    if isinstance(graph, ox.BlankNode):
        return f"_:{graph.value}"
    return graph.value
