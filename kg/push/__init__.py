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

Only the standard library speaks HTTP here: the protocol is a handful of PU

The package, by concern: kg/push/protocol.py (the Graph Store Protocol requests and what counts as
transient), kg/push/groups.py (a graph file read graph by graph), kg/push/progress.py (the
progress file). This module runs a push: each graph sent or skipped, retries, stale graphs deleted.
"""

from __future__ import annotations

import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import Literal, TypeVar

from kg.errors import KgError
from kg.push.groups import graph_groups
from kg.push.progress import ProgressFile, content_digest
from kg.push.protocol import (
    NTRIPLES,
    Refused,
    Transient,
    check_endpoint,
    delete_graph,
    graph_on_server,
    graph_url,
    make_opener,
    put_graph,
)
from kg.store import graph_file, rdf_format_for

MAX_DELAY = 30.0  # seconds: a longer back-off looks like a hang to the user

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
    base = check_endpoint(endpoint)
    file = graph_file(Path(graph_path))
    fmt = rdf_format_for(file)
    opener = make_opener(base, auth)
    state = ProgressFile(file.parent / f".kg-push-{content_digest(base.encode())[:16]}.jsonl", base)
    pushed_before = state.load()
    confirmed = {} if force else pushed_before

    report = PushReport()
    groups, total = graph_groups(file, fmt)
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
            _delete_stale(
                opener,
                base,
                stale,
                state,
                report,
                progress,
                retries=retries,
                backoff=backoff,
                timeout=timeout,
            )
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
    state: ProgressFile,
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

    digest = content_digest(body)
    if event.graph.startswith("_:"):
        message = "a graph named by a blank node cannot be addressed over HTTP"
        emit("failed", message)
        return message
    url = graph_url(base, event.graph)

    def retried(attempt_once: Callable[[], T]) -> T:
        return _with_retries(
            attempt_once,
            retries=retries,
            backoff=backoff,
            on_retry=lambda message: emit("retry", message),
        )

    try:
        # The progress file says what was sent, not what the server still holds (it may have
        # been wiped since): a graph is skipped only when the server says it has it.
        if confirmed.get(event.graph) == digest and retried(
            lambda: graph_on_server(opener, url, timeout)
        ):
            emit("skipped")
            return "skipped"
        retried(lambda: put_graph(opener, url, body, media_type, timeout))
    except Refused as error:
        emit("failed", error.message)
        return error.message
    except Transient as error:
        message = f"{_GAVE_UP}{error.message} (after {retries + 1} tries)"
        emit("failed", message)
        return message
    state.record(event.graph, digest)
    emit("sent")
    return "sent"


def _delete_stale(
    opener: urllib.request.OpenerDirector,
    base: str,
    stale: list[str],
    state: ProgressFile,
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

        url = graph_url(base, name)
        try:
            _with_retries(
                partial(delete_graph, opener, url, timeout),
                retries=retries,
                backoff=backoff,
                on_retry=lambda message: emit("retry", message),
            )
        except (Refused, Transient) as error:
            report.failed += 1
            report.errors.append(f"{name or 'default graph'}: cannot delete: {error.message}")
            emit("failed", error.message)
            continue
        state.forget(name)
        report.deleted += 1
        emit("deleted")


# What one attempt returns (a HEAD's answer, or None for a PUT or DELETE).
T = TypeVar("T")


def _with_retries(
    attempt_once: Callable[[], T],
    *,
    retries: int,
    backoff: float,
    on_retry: Callable[[str], None],
) -> T:
    """ATTEMPT_ONCE's result, tried again after each transient failure, at most RETRIES times."""
    attempt = 0
    while True:
        try:
            return attempt_once()
        except Transient as error:
            if attempt == retries:
                raise
            delay = min(MAX_DELAY, backoff * 2**attempt)
            if error.retry_after is not None:
                delay = min(MAX_DELAY, max(delay, error.retry_after))  # the server's Retry-After
            on_retry(f"{error.message}; retrying in {delay:.1f} s")
            time.sleep(delay)
            attempt += 1
