"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over one graph, plus the graph view.

Routes: ``/sparql`` (GET ``?query=``, POST url-encoded form or ``application/sparql-query``),
``/`` (the build folder's graph.html, else a short index), ``/query`` (the query page, with the
example queries), ``/entity?iri=`` or ``?name=`` (an entity's page), ``/health``. There is no
update route, and update requests sent to /sparql get 403.

Every query goes through ``kg.query.run_query``: the same checks (no SERVICE, FROM, updates), the
same time limit and row cap as ``kg query``; the check itself runs in the query's process, under
the time limit. Each request has its own thread and each query its own child process, so a
runaway query holds one thread in a ``select`` while the others answer, and at most
``LONG_QUERY_PLACES`` queries may run long at once, so cheap ones always find a slot.

Only the standard library is used (``http.server``): kg adds no web framework for five routes.
``http.server`` is lenient where leniency is a risk (duplicate Content-Length or Host headers,
a body on a GET read as the next request, a client that sends one byte a minute), so the
handler checks each request strictly before anything else (``_request_problem``) and closes
the connection on any doubt.

The package, by concern: kg/serve/endpoint.py (the server, its limits and the request handler),
kg/serve/negotiation.py (which result format a client gets), kg/serve/pages.py (the index page and
the pages' security headers), kg/serve/querypage.py (the query page), kg/serve/entity.py (the
entity pages). This module loads a graph and binds or runs the endpoint.
"""

from __future__ import annotations

import sys
from pathlib import Path

from kg.errors import KgError
from kg.query import DEFAULT_MAX_ROWS, DEFAULT_TIMEOUT, load_parser
from kg.serve.endpoint import (
    LOOPBACK_NAMES,
    MAX_BODY_BYTES,
    MAX_CONCURRENT_QUERIES,
    SparqlHandler,
    SparqlServer,
)
from kg.store import open_store, union_size

__all__ = [
    "DEFAULT_PORT",
    "LOOPBACK_NAMES",
    "MAX_BODY_BYTES",
    "MAX_CONCURRENT_QUERIES",
    "SparqlHandler",
    "SparqlServer",
    "make_server",
    "serve",
]

DEFAULT_PORT = 7878


def make_server(
    graph_path: str | Path,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
    log: bool = True,
) -> SparqlServer:
    """Load GRAPH (a graph file or build folder) and bind the endpoint; not yet serving.

    Port 0 picks a free port (see ``server.server_address``). Call ``serve_forever`` to run it.
    """
    if timeout <= 0:
        raise KgError(f"--timeout must be positive, got {timeout}")
    path = Path(graph_path)
    # A build folder's store, opened read-only (kg/graphstore.py); a file or an older build
    # folder loaded into memory.
    store = open_store(path, on_hint=lambda hint: print(f"kg: hint: {hint}", file=sys.stderr))
    load_parser()  # now, before any request thread forks a query worker
    view_file = path / "graph.html" if path.is_dir() else path.with_suffix(".html")
    try:
        return SparqlServer(
            (host, port),
            store,
            timeout=timeout,
            max_rows=max_rows,
            view_file=view_file if view_file.is_file() else None,
            triples=union_size(store),
            log=log,
        )
    except OSError as error:
        raise KgError(f"cannot listen on {host}:{port}: {error.strerror or error}") from None


def serve(
    graph_path: str | Path,
    *,
    host: str = "127.0.0.1",
    port: int = DEFAULT_PORT,
    timeout: float = DEFAULT_TIMEOUT,
    max_rows: int = DEFAULT_MAX_ROWS,
) -> None:
    """Serve GRAPH until interrupted (Ctrl-C)."""
    server = make_server(graph_path, host, port, timeout=timeout, max_rows=max_rows)
    print(
        f"kg: serving {graph_path} ({server.triples} triples) at {server.url}\n"
        f"    SPARQL endpoint {server.url}sparql, query page {server.url}query",
        file=sys.stderr,
        flush=True,
    )
    if host not in LOOPBACK_NAMES:
        print(f"kg: warning: listening on {host}, not only this machine", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
