"""SPARQL over a kg graph, safe to expose: the one query path of the CLI, the Python API and the
endpoint (kg/serve/).

Every query goes through the same three steps:

1. The guard (kg/query/guard.py): ``check_query`` parses the query with rdflib's SPARQL parser
   and refuses SERVICE, FROM / FROM NAMED and every update before anything runs.
2. The query is evaluated by Oxigraph (``Store.query``, default graph = union of the document
   graphs): Rust, 2-3 orders of magnitude faster than rdflib's engine on joins.
3. The sandbox (kg/query/sandbox.py): the check and the evaluation happen in a forked child
   process, the check first, with no file descriptors to spare and a memory ceiling, killed at
   the time limit (Oxigraph cannot be interrupted otherwise).

The answer and its wire format between child and parent are kg/query/result.py, the result
formats (table, CSV, TSV, JSON, XML; Turtle and the other RDF forms) kg/query/formats.py. This
module ties them together in ``run_query`` and keeps every public name importable from
``kg.query``.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.query.formats import (
    FORMATS,
    GRAPH_FORMATS,
    GRAPH_MEDIA_TYPES,
    GRAPH_RDF_FORMATS,
    MEDIA_TYPES,
    RESULT_FORMATS,
    TABLE_CELL_CHARS,
    format_result,
    ntriples_term,
    xml_replacements,
)
from kg.query.guard import (
    MAX_QUERY_CHARS,
    QueryKind,
    QueryRefused,
    check_query,
    load_parser,
    normalise_query,
)
from kg.query.prefilter import needs_full_check
from kg.query.result import (
    GRAPH_KINDS,
    QueryResult,
    Row,
    Term,
    TripleTerms,
    decode_outcome,
    quad_to_oxigraph,
)
from kg.query.sandbox import (
    CHILD_MEMORY_BYTES,
    LongQueryLane,
    QueryBusy,
    QueryTimeout,
    check_and_evaluate,
    close_workers,
    evaluate_in_child,
    evaluate_in_worker,
    leave_the_network,
    raise_carried,
)

__all__ = [
    "CHILD_MEMORY_BYTES",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_TIMEOUT",
    "FORMATS",
    "GRAPH_FORMATS",
    "GRAPH_KINDS",
    "GRAPH_MEDIA_TYPES",
    "GRAPH_RDF_FORMATS",
    "MAX_QUERY_CHARS",
    "MEDIA_TYPES",
    "RESULT_FORMATS",
    "TABLE_CELL_CHARS",
    "LongQueryLane",
    "QueryBusy",
    "QueryKind",
    "QueryRefused",
    "QueryResult",
    "QueryTimeout",
    "Row",
    "Term",
    "TripleTerms",
    "check_query",
    "close_workers",
    "format_result",
    "leave_the_network",
    "load_parser",
    "normalise_query",
    "ntriples_term",
    "run_query",
    "xml_replacements",
]

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000


def run_query(
    dataset_or_store: Any,
    query: str,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    reuse_workers: bool = False,
    long_lane: LongQueryLane | None = None,
) -> QueryResult:
    """Run QUERY (SELECT, ASK, CONSTRUCT, DESCRIBE) on a kg dataset, a pyoxigraph Store, any
    rdflib graph, or a graph file/build folder path.

    Checked first (``check_query``); evaluated with the default graph as the union of all graphs;
    stopped after TIMEOUT seconds (QueryError "query stopped after N s"); at most MAX_ROWS rows
    or triples, with ``truncated`` set when there were more.

    ``reuse_workers`` keeps the forked evaluator alive between queries (a pool per store) for a
    store that no longer changes, as the endpoint's: a fresh fork of a large store costs more
    than the query itself (copy-on-write faults), a warm worker costs nothing. Only a worker
    that runs out of time is killed and replaced. Never use it on a store you still modify: the
    worker sees the store as it was when it was forked. With it, ``long_lane`` bounds how many
    queries may run past a short time at once (see ``LongQueryLane``).
    """
    if timeout <= 0:
        raise QueryError(f"timeout must be positive, got {timeout}")
    if max_rows < 0:
        raise QueryError(f"max_rows must be 0 or more, got {max_rows}")
    text = normalise_query(query)
    store = _as_store(dataset_or_store)
    # rdflib's parser (the full check) is loaded before forking when the query needs it, and
    # always for warm workers; a query that skips it and then fails to parse is asked again
    # with it loaded, for the full check's message (kg/query/prefilter.py).
    if reuse_workers or needs_full_check(text):
        load_parser()
    if not hasattr(os, "fork"):  # pragma: no cover - kg targets Linux and macOS
        load_parser()
        return decode_outcome(raise_carried(check_and_evaluate(store, text, max_rows)))
    if reuse_workers:
        outcome = evaluate_in_worker(
            store, text, timeout=timeout, max_rows=max_rows, long_lane=long_lane
        )
    else:
        outcome = evaluate_in_child(store, text, timeout=timeout, max_rows=max_rows)
        if outcome.get("recheck"):
            load_parser()
            outcome = evaluate_in_child(store, text, timeout=timeout, max_rows=max_rows)
    return decode_outcome(outcome)


def _as_store(target: Any) -> ox.Store:
    if isinstance(target, ox.Store):
        return target
    if isinstance(target, str | Path):
        from kg.store import open_store

        return open_store(target)
    inner = getattr(getattr(target, "store", None), "_inner", None)
    if isinstance(inner, ox.Store):  # an rdflib graph over oxrdflib (kg.store.new_dataset)
        return inner
    from rdflib import Graph

    if isinstance(target, Graph):
        # Any other rdflib graph: copy it once into Oxigraph rather than use rdflib's engine.
        store = ox.Store()
        quads = target.quads((None, None, None, None)) if hasattr(target, "quads") else None
        if quads is None:
            store.extend(quad_to_oxigraph(s, p, o, None) for s, p, o in target)
        else:
            store.extend(quad_to_oxigraph(s, p, o, g) for s, p, o, g in quads)
        return store
    raise QueryError(
        f"cannot query a {type(target).__name__}: give a kg dataset, a pyoxigraph Store, "
        "an rdflib Graph or a graph path"
    )
