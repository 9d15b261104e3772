"""The endpoint's server and request handler: the limits, the strict checks of each request's
head, the routes and the SPARQL protocol.

``SparqlServer`` holds what every request shares (the store, the query slots, the connection
count); ``SparqlHandler`` is the ``http.server`` class that reads one request, checks it and
answers it, read top to bottom as that request's path.
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

from kg.entitygraph import describe
from kg.errors import QueryError
from kg.query import (
    LongQueryLane,
    QueryBusy,
    QueryRefused,
    QueryTimeout,
    close_workers,
    format_result,
    run_query,
    xml_replacements,
)
from kg.serve.entity import (
    entity_report,
    find_entities,
    page_frame,
    render_choice_page,
    render_entity_page,
)
from kg.serve.negotiation import negotiate
from kg.serve.pages import INDEX_PAGE, page_headers
from kg.serve.querypage import example_queries, render_query_page
from kg.vocab import PREFIXES

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
        # An IP server's host is a str; the stubs allow bytes, which only other families use.
        return f"http://{host!s}:{port}/"

    def server_close(self) -> None:
        super().server_close()
        close_workers(self.store)  # the pooled query workers of this store end with the server


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
        elif url.path == "/entity":
            self._entity_page(parse_qs(url.query, keep_blank_values=True))
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
            started = time.perf_counter()
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
            seconds = time.perf_counter() - started
            fmt, media = negotiate(result.kind, params, self.headers.get("Accept", ""))
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
        headers = {"X-KG-Seconds": f"{seconds:.4f}"}
        if result.truncated:
            headers["X-KG-Truncated"] = "true"
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
        body = INDEX_PAGE.format(triples=self.server.triples)
        self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", page_headers(""))

    def _query_page(self) -> None:
        nonce = secrets.token_urlsafe(16)
        prefixes = {prefix: str(namespace) for prefix, namespace in PREFIXES.items()}
        body = render_query_page(nonce, example_queries(), prefixes)
        self._send(HTTPStatus.OK, body, "text/html; charset=utf-8", page_headers(nonce))

    def _entity_page(self, params: dict[str, list[str]]) -> None:
        iri = params.get("iri", [""])[0]
        name = params.get("name", [""])[0].strip()
        store = self.server.store
        if not iri and name:
            found = find_entities(store, name)
            if len(found) != 1:
                page = render_choice_page(name, found, describe(store, found) if found else {})
                status = HTTPStatus.OK if found else HTTPStatus.NOT_FOUND
                self._send(status, page, "text/html; charset=utf-8", page_headers(""))
                return
            iri = found[0]
        report = entity_report(store, iri) if iri else None
        if report is None:
            page = page_frame(
                "no such entity — kg", f"<h1>No entity <code>{html_escape(iri)}</code></h1>"
            )
            self._send(HTTPStatus.NOT_FOUND, page, "text/html; charset=utf-8", page_headers(""))
            return
        self._send(
            HTTPStatus.OK, render_entity_page(report), "text/html; charset=utf-8", page_headers("")
        )

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
