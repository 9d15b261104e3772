"""Load a graph into a SPARQL server with the SPARQL 1.1 Graph Store HTTP Protocol.

    from kg.push import push
    report = push("output/", "http://localhost:7878/store")

Each named graph (one per document in a kg build) is sent with ``PUT {endpoint}?graph=<IRI>``
and an N-Triples body; triples outside any named graph go with ``PUT {endpoint}?default``.
PUT replaces the graph, so sending a graph twice leaves the server as sending it once: a push
interrupted at any point is finished by running it again, without duplicating or losing a graph.

Transient failures (connection refused or reset, timeouts, HTTP 408/429/5xx) are retried with
exponential back-off; a graph the server refuses outright (another 4xx) is reported and the push
goes on. A small progress file beside the graph file (``.kg-push-<endpoint hash>.jsonl``) records
each graph the server confirmed with the hash of its content, so a re-run skips the graphs that
are there already and unchanged; ``force=True`` sends everything again. The file is not trusted
alone: before a graph is skipped, the server is asked whether it still holds it (``HEAD``), so a
push after the server's data was wiped sends everything again.

The server mirrors the build: a graph kg pushed before whose document is no longer in the build
(removed, or replaced by a new version, which has a new name) is deleted (``DELETE``), once every
graph of the build is on the server. Only graphs the progress file says kg pushed are deleted:
whatever else the server holds is not kg's.

Only the standard library speaks HTTP here: the protocol is a handful of PUTs.
"""

from __future__ import annotations

import hashlib
import http.client
import ipaddress
import json
import os
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

import pyoxigraph as ox

from kg.errors import KgError
from kg.store import graph_file, rdf_format_for

NTRIPLES = "application/n-triples"
MAX_DELAY = 30.0  # seconds: a longer back-off looks like a hang to the user
# Statuses worth another try: the server is busy, restarting or timed out. Other 4xx statuses
# mean the request itself is wrong and will fail the same way again.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})

PushStatus = Literal["sent", "skipped", "deleted", "failed", "retry"]


@dataclass(frozen=True)
class PushEvent:
    """One step of a push, for progress display: a graph sent, skipped, failed or retried."""

    graph: str  # the graph IRI; "" for the default graph
    status: PushStatus
    done: int  # graphs finished so far, this one included (for "retry": not yet finished)
    total: int
    triples: int
    message: str = ""  # the error, for "failed" and "retry"


@dataclass
class PushReport:
    sent: int = 0
    skipped: int = 0  # already on the server with the same content (from the progress file)
    deleted: int = 0  # pushed before, no longer in the build: deleted from the server
    failed: int = 0
    pending: int = 0  # not attempted: the push stopped because the server stayed unreachable
    triples: int = 0  # triples sent
    seconds: float = 0.0
    errors: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.failed == 0 and self.pending == 0

    def summary(self) -> str:
        deleted = f", {self.deleted} deleted" if self.deleted else ""
        failed = f", {self.failed} failed" if self.failed else ""
        pending = f", {self.pending} not sent" if self.pending else ""
        return (
            f"{self.sent} graph(s) sent ({self.triples} triples), {self.skipped} unchanged"
            f"{deleted}{failed}{pending} in {self.seconds:.1f} s"
        )


class _Transient(Exception):
    """Worth retrying: the server may answer next time."""


class _Refused(Exception):
    """The server answered and refused this request; retrying will not help."""


def push(
    graph_path: str | Path,
    endpoint: str,
    *,
    retries: int = 5,
    backoff: float = 0.5,
    force: bool = False,
    progress: Callable[[PushEvent], None] | None = None,
    timeout: float = 60.0,
    auth: tuple[str, str] | None = None,
    media_type: str = NTRIPLES,
) -> PushReport:
    """Send every graph of GRAPH (a build folder or a .trig/.nq/.ttl/.nt file) to ``endpoint``.

    ``endpoint`` is a Graph Store Protocol URL (Oxigraph ``http://host:7878/store``, Fuseki
    ``http://host:3030/ds/data``, Virtuoso ``http://host:8890/sparql-graph-crud-auth``).
    A graph is retried ``retries`` times after its first try, waiting ``backoff`` seconds, then
    twice that, and so on (at most MAX_DELAY). If the server stays unreachable the push stops and
    the graphs not attempted are counted as pending; run it again to finish. ``auth`` is a
    (user, password) pair for HTTP Basic or Digest authentication (Virtuoso wants Digest).
    ``media_type`` may be ``text/turtle`` for servers that do not take N-Triples: the body is
    N-Triples, which is valid Turtle.
    """
    started = time.monotonic()
    if retries < 0 or backoff < 0:
        raise KgError("retries and backoff must not be negative")
    base = _check_endpoint(endpoint)
    file = graph_file(Path(graph_path))
    fmt = rdf_format_for(file)
    opener = _opener(base, auth)
    state = _ProgressFile(file.parent / f".kg-push-{_digest(base.encode())[:16]}.jsonl", base)
    pushed_before = state.load()
    confirmed = {} if force else pushed_before
    retrying = {"retries": retries, "backoff": backoff, "timeout": timeout}

    report = PushReport()
    groups, total = _graph_groups(file, fmt)
    in_build: set[str] = set()
    try:
        for done, (name, body, triples) in enumerate(groups, start=1):
            in_build.add(name)
            event = PushEvent(name, "sent", done, total, triples)
            outcome = _push_graph(
                opener,
                base,
                event,
                body,
                confirmed,
                state,
                media_type=media_type,
                timeout=timeout,
                retries=retries,
                backoff=backoff,
                progress=progress,
            )
            if outcome == "sent":
                report.sent += 1
                report.triples += triples
            elif outcome == "skipped":
                report.skipped += 1
            else:
                report.failed += 1
                report.errors.append(f"{name or 'default graph'}: {outcome}")
                if outcome.startswith(_GAVE_UP):
                    # The server stayed unreachable: stop instead of waiting out the retries of
                    # every remaining graph. A re-run resumes here.
                    report.pending = total - done
                    break
        if report.pending == 0:
            stale = sorted(name for name in pushed_before if name not in in_build)
            _delete_stale(opener, base, stale, state, report, progress, **retrying)
    finally:
        state.close()
    report.seconds = time.monotonic() - started
    return report


_GAVE_UP = "gave up: "


def _push_graph(
    opener: urllib.request.OpenerDirector,
    base: str,
    event: PushEvent,
    body: bytes,
    confirmed: dict[str, str],
    state: _ProgressFile,
    *,
    media_type: str,
    timeout: float,
    retries: int,
    backoff: float,
    progress: Callable[[PushEvent], None] | None,
) -> str:
    """Send one graph unless the server has it already: "sent", "skipped" or the error."""

    def emit(status: PushStatus, message: str = "") -> None:
        if progress is not None:
            progress(replace(event, status=status, message=message))

    digest = _digest(body)
    if event.graph.startswith("_:"):
        message = "a graph named by a blank node cannot be addressed over HTTP"
        emit("failed", message)
        return message
    url = _graph_url(base, event.graph)
    retrying = {
        "retries": retries,
        "backoff": backoff,
        "on_retry": lambda message: emit("retry", message),
    }
    try:
        # The progress file says what was sent, not what the server still holds (it may have
        # been wiped since): a graph is skipped only when the server says it has it.
        if confirmed.get(event.graph) == digest and _with_retries(
            lambda: _on_server(opener, url, timeout), **retrying
        ):
            emit("skipped")
            return "skipped"
        _with_retries(lambda: _put(opener, url, body, media_type, timeout), **retrying)
    except _Refused as error:
        emit("failed", error.args[0])
        return error.args[0]
    except _Transient as error:
        message = f"{_GAVE_UP}{error.args[0]} (after {retries + 1} tries)"
        emit("failed", message)
        return message
    state.record(event.graph, digest)
    emit("sent")
    return "sent"


def _delete_stale(
    opener: urllib.request.OpenerDirector,
    base: str,
    stale: list[str],
    state: _ProgressFile,
    report: PushReport,
    progress: Callable[[PushEvent], None] | None,
    *,
    retries: int,
    backoff: float,
    timeout: float,
) -> None:
    """DELETE each graph of STALE (pushed before, not in the build any more) from the server."""
    for done, name in enumerate(stale, start=1):
        event = PushEvent(name, "deleted", done, len(stale), 0)

        def emit(status: PushStatus, message: str = "", event: PushEvent = event) -> None:
            if progress is not None:
                progress(replace(event, status=status, message=message))

        url = _graph_url(base, name)
        try:
            _with_retries(
                lambda url=url: _delete(opener, url, timeout),
                retries=retries,
                backoff=backoff,
                on_retry=lambda message: emit("retry", message),
            )
        except (_Refused, _Transient) as error:
            report.failed += 1
            report.errors.append(f"{name or 'default graph'}: cannot delete: {error.args[0]}")
            emit("failed", str(error.args[0]))
            continue
        state.forget(name)
        report.deleted += 1
        emit("deleted")


def _with_retries(
    attempt_once: Callable[[], Any],
    *,
    retries: int,
    backoff: float,
    on_retry: Callable[[str], None],
) -> Any:
    """ATTEMPT_ONCE's result, tried again after each transient failure, at most RETRIES times."""
    for attempt in range(retries + 1):
        try:
            return attempt_once()
        except _Transient as error:
            if attempt == retries:
                raise
            delay = min(MAX_DELAY, backoff * 2**attempt)
            if error.args[1:] and error.args[1] is not None:
                delay = min(MAX_DELAY, max(delay, error.args[1]))  # the server's Retry-After
            on_retry(f"{error.args[0]}; retrying in {delay:.1f} s")
            time.sleep(delay)


def _put(
    opener: urllib.request.OpenerDirector, url: str, body: bytes, media_type: str, timeout: float
) -> None:
    request = urllib.request.Request(
        url, data=body, method="PUT", headers={"Content-Type": media_type}
    )
    _send(opener, request, timeout)


def _on_server(opener: urllib.request.OpenerDirector, url: str, timeout: float) -> bool:
    """Whether the server holds the graph at URL (HEAD: 200 yes, 404 no). A server that cannot
    say (HEAD not allowed) is taken at the progress file's word."""
    try:
        _send(opener, urllib.request.Request(url, method="HEAD"), timeout)
    except _Refused as error:
        return error.args[1] != 404
    return True


def _delete(opener: urllib.request.OpenerDirector, url: str, timeout: float) -> None:
    """DELETE the graph at URL; one the server no longer has (404) is as good as deleted."""
    try:
        _send(opener, urllib.request.Request(url, method="DELETE"), timeout)
    except _Refused as error:
        if error.args[1] != 404:
            raise


def _send(
    opener: urllib.request.OpenerDirector, request: urllib.request.Request, timeout: float
) -> None:
    """Send REQUEST; _Transient for what may work next time, _Refused(message, status) else."""
    url = request.full_url
    try:
        with opener.open(request, timeout=timeout) as response:
            response.read()
    except urllib.error.HTTPError as error:
        detail = error.read(300).decode("utf-8", "replace").strip().splitlines()
        message = f"HTTP {error.code} {error.reason}" + (f": {detail[0]}" if detail else "")
        if error.code in TRANSIENT_STATUSES:
            raise _Transient(message, _retry_after(error.headers.get("Retry-After"))) from None
        raise _Refused(message, error.code) from None
    except urllib.error.URLError as error:  # refused, reset, DNS, timeout while connecting
        raise _Transient(f"cannot reach {_origin(url)}: {error.reason}", None) from None
    except (OSError, http.client.HTTPException) as error:  # timeout or drop mid-response
        raise _Transient(f"{_origin(url)}: {error or type(error).__name__}", None) from None


def _retry_after(value: str | None) -> float | None:
    try:
        return float(value) if value else None
    except ValueError:  # an HTTP date: rare, and the back-off is a fine substitute
        return None


def _graph_groups(file: Path, fmt: ox.RdfFormat) -> tuple[Iterator[tuple[str, bytes, int]], int]:
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
    lines = sorted(set(ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).splitlines()))
    return b"\n".join(lines) + b"\n", len(lines)


def _graph_name(graph: object) -> str:
    if isinstance(graph, ox.DefaultGraph):
        return ""
    if isinstance(graph, ox.BlankNode):
        return f"_:{graph.value}"
    return graph.value  # type: ignore[attr-defined]


def _graph_url(base: str, name: str) -> str:
    separator = "&" if urllib.parse.urlsplit(base).query else "?"
    if not name:
        return f"{base}{separator}default"
    return f"{base}{separator}graph={urllib.parse.quote(name, safe='')}"


def _check_endpoint(endpoint: str) -> str:
    base = endpoint.strip()
    parts = urllib.parse.urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise KgError(
            f"bad endpoint {endpoint!r}: give the Graph Store URL, e.g. http://localhost:7878/store"
        )
    if parts.fragment:
        raise KgError(f"bad endpoint {endpoint!r}: a URL fragment (#...) is not sent to servers")
    return base


def _origin(url: str) -> str:
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.netloc.rpartition('@')[2]}"


def _opener(base: str, auth: tuple[str, str] | None) -> urllib.request.OpenerDirector:
    handlers: list[urllib.request.BaseHandler] = []
    host = urllib.parse.urlsplit(base).hostname or ""
    if _is_loopback(host):
        # A proxy from the environment cannot reach this machine's own server.
        handlers.append(urllib.request.ProxyHandler({}))
    if auth is not None:
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        passwords.add_password(None, base, *auth)
        handlers += [
            urllib.request.HTTPBasicAuthHandler(passwords),
            urllib.request.HTTPDigestAuthHandler(passwords),
        ]
    return urllib.request.build_opener(*handlers)


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def _digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class _ProgressFile:
    """Graphs the endpoint confirmed, one JSON line each, appended as they are confirmed.

    Appending (not rewriting a JSON document) keeps the cost per graph constant for pushes of
    many thousand graphs. It is not fsynced: a line lost in a crash only means that graph is
    sent again, which PUT makes harmless. A half-written last line is ignored.
    """

    def __init__(self, path: Path, endpoint: str) -> None:
        self.path = path
        self.endpoint = endpoint
        self._handle = None

    def load(self) -> dict[str, str]:
        confirmed: dict[str, str] = {}
        lines = 0
        try:
            with self.path.open(encoding="utf-8") as handle:
                for line in handle:
                    lines += 1
                    try:
                        entry = json.loads(line)
                        if entry.get("deleted"):
                            confirmed.pop(entry["graph"], None)
                        else:
                            confirmed[entry["graph"]] = entry["sha256"]
                    except (ValueError, KeyError, TypeError, AttributeError):
                        continue
        except FileNotFoundError:
            return confirmed
        except OSError as error:
            raise KgError(f"{self.path}: cannot read the push progress file: {error}") from None
        if lines > 2 * len(confirmed) + 100:
            self._compact(confirmed)  # graphs re-sent many times: keep the file small
        return confirmed

    def record(self, graph: str, digest: str) -> None:
        self._append({"graph": graph, "sha256": digest, "endpoint": self.endpoint})

    def _append(self, entry: dict) -> None:
        if self._handle is None:
            try:
                self._handle = self.path.open("a", encoding="utf-8")
            except OSError as error:
                raise KgError(
                    f"{self.path}: cannot write the push progress file: {error}"
                ) from None
        self._handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        self._handle.flush()

    def forget(self, graph: str) -> None:
        """GRAPH is no longer on the server (deleted): a later load leaves it out."""
        self._append({"graph": graph, "deleted": True, "endpoint": self.endpoint})

    def close(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None

    def _compact(self, confirmed: dict[str, str]) -> None:
        tmp = self.path.with_name(self.path.name + ".tmp")
        with tmp.open("w", encoding="utf-8") as handle:
            for graph, digest in confirmed.items():
                entry = {"graph": graph, "sha256": digest, "endpoint": self.endpoint}
                handle.write(json.dumps(entry, ensure_ascii=False) + "\n")
        os.replace(tmp, self.path)
