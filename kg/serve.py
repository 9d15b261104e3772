"""``kg serve``: a read-only SPARQL 1.1 Protocol endpoint over one graph, plus the graph view.

Routes: ``/sparql`` (GET ``?query=``, POST url-encoded form or ``application/sparql-query``),
``/`` (the build folder's graph.html, else a short index), ``/query`` (a small query page),
``/health``. There is no update route, and update requests sent to /sparql get 403.

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
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import secrets
import shutil
import socket
import sys
import threading
import time
from html import escape as html_escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pyoxigraph as ox

from kg.errors import KgError, QueryError
from kg.query import (
    DEFAULT_MAX_ROWS,
    DEFAULT_TIMEOUT,
    GRAPH_KINDS,
    GRAPH_MEDIA_TYPES,
    MEDIA_TYPES,
    LongQueryLane,
    QueryBusy,
    QueryKind,
    QueryRefused,
    QueryTimeout,
    close_workers,
    format_result,
    load_parser,
    run_query,
    xml_replacements,
)
from kg.store import load_dataset, oxigraph_store, union_size

DEFAULT_PORT = 7878

# A SPARQL query is text a person wrote; a megabyte is far past any real one and bounds the
# memory a request can make the server hold.
MAX_BODY_BYTES = 1024 * 1024

# Queries evaluated at once; each is a forked process. Past this, a request waits for a slot
# (up to the query time limit) and then gets 503: the machine is not thrashed by a burst.
MAX_CONCURRENT_QUERIES = 8

# Of those, how many may run longer than SHORT_QUERY_SECONDS at once. A query still running
# then needs one of these places and is stopped (503) when none is left, so two slots are always
# back within about a second for the queries most people send, which take milliseconds.
LONG_QUERY_PLACES = 6
SHORT_QUERY_SECONDS = 1.0

# Requests that may wait for a slot; past this a request gets 503 at once instead of a thread
# parked for the whole time limit.
MAX_WAITING_QUERIES = 32

# Connections served at once (one thread each); past this a new connection is closed at once.
MAX_CONNECTIONS = 128

# Seconds a client may take to send a whole request (line, headers and body) and that an idle
# keep-alive connection is kept: a sender of one byte a minute must not hold a thread forever.
REQUEST_READ_TIMEOUT = 30

# What a Host header may be: a name or a bracketed IPv6 address, and an optional port. Anything
# else ("evil.example@127.0.0.1", two names) is refused before the loopback check reads it.
_HOST_HEADER = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?")

# Names a browser may use for a loopback server. Checking the Host header stops DNS rebinding:
# a web page whose name suddenly resolves to 127.0.0.1 would otherwise read the graph.
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1", "[::1]"}

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


class SparqlServer(ThreadingHTTPServer):
    """The endpoint: one loaded store shared by the request threads."""

    daemon_threads = True  # a stuck client must not keep the process alive at exit
    allow_reuse_address = True

    def __init__(
        self,
        address: tuple[str, int],
        store: ox.Store,
        *,
        timeout: float,
        max_rows: int,
        view_file: Path | None,
        triples: int,
        log: bool,
    ) -> None:
        super().__init__(address, SparqlHandler)
        self.store = store
        self.query_timeout = timeout
        self.max_rows = max_rows
        self.view_file = view_file
        self.triples = triples
        self.log = log
        self.slots = threading.BoundedSemaphore(MAX_CONCURRENT_QUERIES)
        self.long_lane = LongQueryLane(LONG_QUERY_PLACES, SHORT_QUERY_SECONDS)
        self.waiting = threading.BoundedSemaphore(MAX_WAITING_QUERIES)
        self.connections = threading.BoundedSemaphore(MAX_CONNECTIONS)
        self.check_host = address[0] in LOOPBACK_NAMES

    def process_request(self, request: Any, client_address: Any) -> None:
        if not self.connections.acquire(blocking=False):
            self.shutdown_request(request)  # too many connections open: this one is closed
            return
        super().process_request(request, client_address)

    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client that hangs up mid-answer (or is cut off) is not the server's error.
        if not isinstance(sys.exc_info()[1], ConnectionError | TimeoutError):
            super().handle_error(request, client_address)

    def process_request_thread(self, request: Any, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self.connections.release()

    @property
    def url(self) -> str:
        host, port = self.server_address[:2]
        return f"http://{host}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        close_workers(self.store)  # the pooled query workers of this store end with the server


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
    store = oxigraph_store(load_dataset(path))
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


class SparqlHandler(BaseHTTPRequestHandler):
    server: SparqlServer
    protocol_version = "HTTP/1.1"  # keep-alive: clients reuse one connection
    server_version = "kg"
    sys_version = ""
    timeout = REQUEST_READ_TIMEOUT

    # -- reading a request ---------------------------------------------------------------------

    def handle_one_request(self) -> None:
        # The socket timeout bounds each read, not the request: a client sending a byte every
        # 29 s would be waited for forever. A timer cuts the connection when the whole request
        # (or the idle time before it) takes longer; it is stopped once the request is read.
        self._timed_out = False
        self._watchdog = threading.Timer(REQUEST_READ_TIMEOUT, self._cut_off)
        self._watchdog.daemon = True
        self._watchdog.start()
        try:
            super().handle_one_request()
        finally:
            self._watchdog.cancel()

    def _cut_off(self) -> None:
        self._timed_out = True
        self.close_connection = True
        with contextlib.suppress(OSError):  # already closed
            self.connection.shutdown(socket.SHUT_RDWR)

    def parse_request(self) -> bool:
        if not super().parse_request():
            return False
        if self._timed_out:  # what arrived before the cut is not a whole request: no answer
            self.close_connection = True
            return False
        problem = self._request_problem()
        if problem is not None:
            status, message = problem
            self._refuse_body(status, message)
            return False
        return True

    def _request_problem(self) -> tuple[HTTPStatus, str] | None:
        """Why this request's head is refused, or None. Checked before any route runs, so that
        no route reads a head two parsers could read differently."""
        hosts = self.headers.get_all("Host") or []
        if len(hosts) > 1:
            return HTTPStatus.BAD_REQUEST, "more than one Host header\n"
        if self.server.check_host:
            host = hosts[0].strip() if hosts else ""
            match = _HOST_HEADER.fullmatch(host)
            if match is None or match.group(1).lower() not in LOOPBACK_NAMES:
                return HTTPStatus.FORBIDDEN, "this server answers requests to localhost only\n"
        lengths = self.headers.get_all("Content-Length") or []
        if len(lengths) > 1:
            return HTTPStatus.BAD_REQUEST, "more than one Content-Length header\n"
        # int() would take "+15", " 15" and "1_5"; HTTP allows digits only.
        if lengths and not re.fullmatch(r"[0-9]{1,18}", lengths[0]):
            return HTTPStatus.BAD_REQUEST, "bad Content-Length\n"
        if self.headers.get_all("Transfer-Encoding"):
            return HTTPStatus.LENGTH_REQUIRED, "send a Content-Length, not chunks\n"
        if self.command != "POST" and lengths and int(lengths[0]) > 0:
            # Left unread, the body would be taken for the next request on this connection.
            return HTTPStatus.BAD_REQUEST, f"a {self.command} request has no body\n"
        return None

    def _request_read(self) -> None:
        """The whole request is in: the read deadline no longer applies."""
        self._watchdog.cancel()

    # -- routing ------------------------------------------------------------------------------

    def do_GET(self) -> None:  # noqa: N802 - http.server's naming
        self._request_read()
        url = urlsplit(self.path)
        if url.path == "/sparql":
            if not self._same_site():
                return
            params = parse_qs(url.query, keep_blank_values=True)
            self._sparql(params.get("query", [None])[0], params, update="update" in params)
        elif url.path == "/health":
            body = {"status": "ok", "triples": self.server.triples}
            self._send(HTTPStatus.OK, json.dumps(body) + "\n", "application/json")
        elif url.path == "/query":
            self._query_page()
        elif url.path in ("/", "/index.html"):
            self._index()
        else:
            self._send(HTTPStatus.NOT_FOUND, f"no such page: {url.path}\n")

    def do_POST(self) -> None:  # noqa: N802
        url = urlsplit(self.path)
        if url.path != "/sparql":
            self._refuse_body(HTTPStatus.NOT_FOUND, f"no such endpoint: {url.path}\n")
            return
        if not self._same_site():
            return
        body = self._read_body()
        if body is None:
            return
        self._request_read()
        params = parse_qs(url.query, keep_blank_values=True)
        media = self.headers.get_content_type()
        if media == "application/sparql-update":
            self._sparql(None, params, update=True)
        elif media == "application/sparql-query":
            self._sparql(self._decode(body), params, update=False)
        elif media == "application/x-www-form-urlencoded":
            text = self._decode(body)
            if text is None:
                return
            form = parse_qs(text, keep_blank_values=True)
            params = {**params, **form}
            self._sparql(form.get("query", [None])[0], params, update="update" in form)
        else:
            self._send(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
                "send application/sparql-query or application/x-www-form-urlencoded\n",
            )

    def do_PUT(self) -> None:  # noqa: N802 - no Graph Store Protocol writes
        self._refuse_body(HTTPStatus.METHOD_NOT_ALLOWED, "the graph is read-only\n")

    do_DELETE = do_PATCH = do_PUT

    # -- the SPARQL protocol -------------------------------------------------------------------

    def _sparql(self, query: str | None, params: dict[str, list[str]], *, update: bool) -> None:
        if update:
            self._send(HTTPStatus.FORBIDDEN, "updates are not allowed: the graph is read-only\n")
            return
        if query is None:
            self._send(HTTPStatus.BAD_REQUEST, "missing the query parameter\n")
            return
        if "default-graph-uri" in params or "named-graph-uri" in params:
            self._send(
                HTTPStatus.FORBIDDEN,
                "default-graph-uri / named-graph-uri are not allowed: queries run on the "
                "loaded graph only\n",
            )
            return
        try:
            if not self._take_slot():
                self._send(HTTPStatus.SERVICE_UNAVAILABLE, "too many queries running; retry\n")
                return
            try:
                result = run_query(
                    self.server.store,
                    query,
                    timeout=self.server.query_timeout,
                    max_rows=self.server.max_rows,
                    reuse_workers=True,  # the endpoint's store never changes
                    long_lane=self.server.long_lane,
                )
            finally:
                self.server.slots.release()
            fmt, media = self._negotiate(result.kind, params)
            body = format_result(result, fmt)
            replaced = xml_replacements(result) if fmt == "xml" else 0
        except QueryRefused as error:
            self._send(HTTPStatus.FORBIDDEN, f"{error}\n")
            return
        except (QueryTimeout, QueryBusy) as error:
            self._send(HTTPStatus.SERVICE_UNAVAILABLE, f"{error}\n")
            return
        except QueryError as error:
            self._send(HTTPStatus.BAD_REQUEST, f"{error}\n")
            return
        headers = {"X-KG-Truncated": "true"} if result.truncated else {}
        if replaced:
            # XML 1.0 cannot carry control characters: they were written as U+FFFD.
            headers["X-KG-Replaced-Characters"] = str(replaced)
        self._send(HTTPStatus.OK, body, media, headers)

    def _take_slot(self) -> bool:
        """A query slot, waited for up to the time limit; False at once when too many requests
        are already waiting."""
        if not self.server.waiting.acquire(blocking=False):
            return False
        try:
            return self.server.slots.acquire(timeout=self.server.query_timeout)
        finally:
            self.server.waiting.release()

    def _same_site(self) -> bool:
        """Whether a query request comes from this server's own pages or from a client that is
        not a browser; a page on another site is refused (403), else any site could run queries
        here through its visitors' browsers, and fill every slot. A browser may send a form
        (url-encoded or text/plain) or a GET (an image, a script) to any site without asking
        first, but it says where the request comes from: Sec-Fetch-Site, Origin or Referer.
        Clients that are not browsers (curl, SPARQLWrapper) send none of them."""
        own = f"http://{self.headers.get('Host', '')}".lower()
        fetch_site = self.headers.get("Sec-Fetch-Site", "").lower()
        origin = self.headers.get("Origin")
        referer = self.headers.get("Referer")
        foreign = fetch_site in ("cross-site", "same-site")
        if origin is not None and origin.lower().rstrip("/") != own:
            foreign = True
        if referer is not None:
            parts = urlsplit(referer)
            foreign = foreign or f"{parts.scheme}://{parts.netloc}".lower() != own
        if foreign:
            self._refuse_body(
                HTTPStatus.FORBIDDEN,
                "queries from pages of another site are refused; use a SPARQL client or this "
                "server's /query page\n",
            )
        return not foreign

    def _negotiate(self, kind: QueryKind, params: dict[str, list[str]]) -> tuple[str, str]:
        """(kg.query format, media type) for the client: ?format=/?output= first, else the
        Accept header with its q-values; JSON results and Turtle graphs when nothing matches."""
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
        for media_range in _accepted(self.headers.get("Accept", "")):
            for offered, fmt in offers:
                if _matches(media_range, offered):
                    return fmt, _charset(offered)
        return offers[0][1], _charset(offers[0][0])

    # -- pages ---------------------------------------------------------------------------------

    def _index(self) -> None:
        view = self.server.view_file
        if view is not None:
            try:
                page = view.open("rb")  # opened each time: a rebuild shows without a restart
            except OSError:
                page = None
            if page is not None:
                with page:
                    self._send_file(page, "text/html; charset=utf-8")
                return
        body = _INDEX_PAGE.format(triples=self.server.triples)
        self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", _page_headers(""))

    def _query_page(self) -> None:
        nonce = secrets.token_urlsafe(16)
        body = _QUERY_PAGE.replace("{nonce}", nonce).replace(
            "{example}", html_escape(_EXAMPLE_QUERY)
        )
        self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", _page_headers(nonce))

    # -- plumbing ------------------------------------------------------------------------------

    def _read_body(self) -> bytes | None:
        # The header was checked to be one run of digits (_request_problem).
        length = self.headers.get("Content-Length")
        if length is None:
            self._refuse_body(HTTPStatus.LENGTH_REQUIRED, "Content-Length is required\n")
            return None
        size = int(length)
        if size > MAX_BODY_BYTES:
            self._refuse_body(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                f"request body too large ({size} bytes; at most {MAX_BODY_BYTES})\n",
            )
            return None
        return self.rfile.read(size)

    def _decode(self, body: bytes) -> str | None:
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            self._send(HTTPStatus.BAD_REQUEST, "the request body is not UTF-8\n")
            return None

    def _refuse_body(self, status: HTTPStatus, message: str) -> None:
        """Answer without reading the body, and close: what is left unread must not be taken
        for the next request on this connection."""
        self.close_connection = True
        self._send(status, message, headers={"Connection": "close"})

    def _send(
        self,
        status: HTTPStatus,
        body: str | bytes,
        content_type: str = "text/plain; charset=utf-8",
        headers: dict[str, str] | None = None,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)

    def _send_file(self, page: Any, content_type: str) -> None:
        """PAGE (an open file) in pieces: a view of hundreds of megabytes is never held whole,
        however many clients ask for it at once."""
        size = os.fstat(page.fileno()).st_size
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(size))
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        if self.command != "HEAD":
            shutil.copyfileobj(page, self.wfile, 1 << 20)

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 - http.server's name
        if self.server.log:
            sys.stderr.write(
                f"{time.strftime('%H:%M:%S')} {self.address_string()} {format % args}\n"
            )


def _charset(media: str) -> str:
    return f"{media}; charset=utf-8"


def _accepted(header: str) -> list[str]:
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


def _page_headers(nonce: str) -> dict[str, str]:
    # The pages run only their own inline script and talk only to this server.
    script = f"'nonce-{nonce}'" if nonce else "'none'"
    return {
        "Content-Security-Policy": (
            f"default-src 'none'; script-src {script}; style-src 'unsafe-inline'; "
            "connect-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
        ),
        "Referrer-Policy": "no-referrer",
    }


_EXAMPLE_QUERY = """\
SELECT ?subject ?relation ?object WHERE {
  ?s a kg:Statement ; rdf:subject ?subject ; rdf:predicate ?relation ; rdf:object ?object .
}
LIMIT 25"""

_INDEX_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg</title></head>
<body style="font-family: sans-serif; max-width: 40em; margin: 2em auto">
<h1>kg</h1>
<p>A read-only knowledge graph of {triples} triples.</p>
<ul>
<li><a href="/query">Query page</a></li>
<li>SPARQL 1.1 endpoint: <code>/sparql</code> (GET <code>?query=</code> or POST)</li>
<li><a href="/health">Health</a></li>
</ul>
<p>No graph view here: build one with <code>kg view</code> or <code>kg build</code>.</p>
</body></html>
"""

# Results are put on the page with textContent only: a literal in the graph is text, never HTML.
_QUERY_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>kg query</title>
<style>
body { font-family: sans-serif; margin: 1.5em; }
textarea { width: 100%; height: 12em; font-family: monospace; }
table { border-collapse: collapse; margin-top: 1em; }
td, th { border: 1px solid #ccc; padding: 0.2em 0.5em; font-size: 0.9em; text-align: left; }
#status.error { color: #b00; }
pre { background: #f6f6f6; padding: 0.5em; }
</style></head>
<body>
<h1>kg query</h1>
<p>Prefixes kg:, ent:, rel:, doc:, stmt:, rdf:, rdfs:, owl:, xsd:, skos:, schema:, prov:,
dcterms: are declared for you. The graph is read-only. <a href="/">Graph</a></p>
<form id="form">
<textarea id="query" name="query" spellcheck="false">{example}</textarea>
<button type="submit">Run</button> <span id="status"></span>
</form>
<div id="results"></div>
<script nonce="{nonce}">
const form = document.getElementById("form");
const statusLine = document.getElementById("status");
const results = document.getElementById("results");

function cell(term) {
  if (!term) return "";
  if (term.type === "literal" && term["xml:lang"]) return term.value + " @" + term["xml:lang"];
  return term.value;
}

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  results.replaceChildren();
  statusLine.className = "";
  statusLine.textContent = "running…";
  const started = performance.now();
  try {
    const response = await fetch("/sparql", {
      method: "POST",
      headers: {
        "Content-Type": "application/sparql-query",
        "Accept": "application/sparql-results+json, text/turtle;q=0.9",
      },
      body: document.getElementById("query").value,
    });
    const text = await response.text();
    const seconds = ((performance.now() - started) / 1000).toFixed(2);
    if (!response.ok) {
      statusLine.className = "error";
      statusLine.textContent = text;
      return;
    }
    const truncated = response.headers.get("X-KG-Truncated") ? " (truncated)" : "";
    if (!(response.headers.get("Content-Type") || "").includes("json")) {
      const pre = document.createElement("pre");
      pre.textContent = text;
      results.append(pre);
      statusLine.textContent = seconds + " s" + truncated;
      return;
    }
    const data = JSON.parse(text);
    if ("boolean" in data) {
      statusLine.textContent = String(data.boolean) + " in " + seconds + " s";
      return;
    }
    const table = document.createElement("table");
    const head = table.insertRow();
    for (const name of data.head.vars) {
      const th = document.createElement("th");
      th.textContent = "?" + name;
      head.append(th);
    }
    for (const binding of data.results.bindings) {
      const row = table.insertRow();
      for (const name of data.head.vars) row.insertCell().textContent = cell(binding[name]);
    }
    results.append(table);
    const count = data.results.bindings.length;
    statusLine.textContent = count + " rows in " + seconds + " s" + truncated;
  } catch (error) {
    statusLine.className = "error";
    statusLine.textContent = String(error);
  }
});
</script>
</body></html>
"""
