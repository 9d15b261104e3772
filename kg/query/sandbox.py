"""The sandbox: a checked query evaluated by Oxigraph in a forked child process that can be
stopped, alone (``evaluate_in_child``) or in a pool of warm workers per store
(``evaluate_in_worker``, the endpoint's).

Oxigraph evaluates in Rust with no point where Python could interrupt it, so a time limit can
only be kept by a process that can be killed. The fork shares the loaded store copy-on-write (no
reload), and the child also runs with no file descriptors to spare and a memory ceiling, so even
a query the check missed could neither open a socket nor exhaust the machine. The check itself
(kg/query/guard.py) runs in the child, first: rdflib's parser is pure Python and some queries
take it minutes (a few thousand repeated FILTERs); parsed in the child, such a query is stopped
at the time limit like any other, and holds no lock the other queries need.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import pickle
import resource
import select
import signal
import stat
import sys
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import pyoxigraph as ox

from kg.errors import QueryError
from kg.prefixes import PREFIXES
from kg.query.guard import QueryKind, QueryRefused, check_normalised, one_line
from kg.query.prefilter import needs_full_check
from kg.query.result import encode_term
from kg.store import query_union

# Extra address space the evaluating child may take on top of what it inherits: a cartesian
# product under ORDER BY grows without bound, and the machine is shared.
CHILD_MEMORY_BYTES = 4 * 1024**3


# The module of rdflib's parser: once it is imported, the full check needs no more imports.
PARSER_MODULE = "rdflib.plugins.sparql.parser"


class QueryTimeout(QueryError):
    """The query ran past its time limit and was stopped."""


class QueryBusy(QueryError):
    """The query ran long while every place for long queries was taken, and was stopped so that
    short queries keep being answered (see ``LongQueryLane``)."""


def check_and_evaluate(store: ox.Store, query: str, max_rows: int) -> dict[str, Any]:
    """In the evaluating process: the check, then the evaluation; refusals and errors are
    returned as outcomes (see ``_outcome``), the kind goes with the answer."""
    if not needs_full_check(query):
        # Certainly no refused form (kg/query/prefilter.py): Oxigraph parses it, the kind is
        # that of the answer. A query Oxigraph cannot read gets the full check after all: its
        # messages say more ("unknown prefix nope" where Oxigraph lists what it expected).
        outcome = _evaluate(store, query, max_rows)
        if "error" not in outcome:
            return outcome
        if PARSER_MODULE not in sys.modules:
            # This process could not import the parser (a child has no descriptors left): the
            # parent loads it and asks again.
            return {"recheck": True}
    try:
        kind = check_normalised(query)
    except QueryRefused as error:
        return {"refused": str(error)}
    except QueryError as error:
        return {"error": str(error)}
    return {**_evaluate(store, query, max_rows), "kind": kind.value}


def raise_carried(outcome: dict[str, Any]) -> dict[str, Any]:
    """OUTCOME of ``_check_and_evaluate``, or the error it carries raised here."""
    if "refused" in outcome:
        raise QueryRefused(outcome["refused"])
    if "error" in outcome:
        raise QueryError(outcome["error"])
    return outcome


def _evaluate(store: ox.Store, query: str, max_rows: int) -> dict[str, Any]:
    """Evaluate QUERY (already checked) and encode at most MAX_ROWS answers."""
    try:
        answer = store.query(
            query, prefixes=PREFIXES, use_default_graph_as_union=query_union(store)
        )
        if isinstance(answer, ox.QueryBoolean):
            return {"kind": QueryKind.ASK.value, "boolean": bool(answer)}
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows, truncated = _first(
                answer, max_rows, lambda s: tuple(encode_term(s[name]) for name in variables)
            )
            return {
                "kind": QueryKind.SELECT.value,
                "variables": variables,
                "rows": rows,
                "truncated": truncated,
            }
        triples, truncated = _first(
            answer,
            max_rows,
            lambda t: (encode_term(t.subject), encode_term(t.predicate), encode_term(t.object)),
        )
        # CONSTRUCT, or a DESCRIBE (which the full check names: its kind overrides this one).
        return {"kind": QueryKind.CONSTRUCT.value, "triples": triples, "truncated": truncated}
    except SyntaxError as error:  # Oxigraph's grammar is stricter than rdflib's in places
        return {"error": _oxigraph_syntax_message(str(error))}
    except (OSError, ValueError, RuntimeError) as error:
        return {"error": f"query failed: {one_line(str(error))}"}


def _first(
    answers: Iterable[Any], limit: int, encode: Callable[[Any], object]
) -> tuple[list[object], bool]:
    """At most ``limit`` encoded answers, and whether there were more (the stream is not read
    past the first one over the limit)."""
    encoded: list[object] = []
    for answer in answers:
        if len(encoded) == limit:
            return encoded, True
        encoded.append(encode(answer))
    return encoded, False


def _oxigraph_syntax_message(message: str) -> str:
    # Oxigraph says "error at 2:9: expected ..."; say it the way check_query does.
    head, _, rest = message.partition(": ")
    position = head.removeprefix("error at ")
    line, _, column = position.partition(":")
    if line.isdigit() and column.isdigit():
        return f"syntax error at line {line}, column {column}: {one_line(rest)}"
    return f"syntax error: {one_line(message)}"


# One fork at a time: forking while another thread of the endpoint is mid-fork is where
# multi-threaded fork goes wrong, and a fork is a few milliseconds.
_FORK_LOCK = threading.Lock()


def evaluate_in_child(
    store: ox.Store, query: str, *, timeout: float, max_rows: int
) -> dict[str, Any]:
    with _FORK_LOCK:  # pipes made and forked under one lock: no other child inherits them
        read_end, write_end = os.pipe()
        pid = os.fork()
    if pid == 0:  # the child: evaluate, send, and leave without running the parent's code
        status = 0
        try:
            _limit_child(_close_fds_except(write_end))
            outcome = check_and_evaluate(store, query, max_rows)
            payload = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
            view = memoryview(payload)
            while view:
                view = view[os.write(write_end, view) :]
        except BaseException:  # noqa: B036 - nothing may escape into the parent's code path
            status = 1
        finally:
            os._exit(status)

    os.close(write_end)
    deadline = time.monotonic() + timeout
    chunks: list[bytes] = []
    finished = False
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            ready, _, _ = select.select([read_end], [], [], remaining)
            if not ready:
                break
            chunk = os.read(read_end, 1 << 20)
            if not chunk:
                finished = True
                break
            chunks.append(chunk)
    finally:
        os.close(read_end)
        if not finished:
            _kill(pid)
        _, status = os.waitpid(pid, 0)

    if not finished:
        raise QueryTimeout(f"query stopped after {timeout:g} s (the time limit)")
    if status != 0 or not chunks:
        # A Rust stack overflow (deep nesting) aborts the child; so does running out of the
        # memory allowed to it.
        raise QueryError(
            "query could not be evaluated: too deeply nested or too large for the memory "
            "allowed to it"
        )
    return raise_carried(pickle.loads(b"".join(chunks)))


class _Worker:
    """A forked child that evaluates queries on its copy-on-write view of one store, one request
    at a time, over a pair of pipes (8-byte length, then a pickle), until it is killed."""

    def __init__(self, store: ox.Store) -> None:
        with _FORK_LOCK:  # pipes made and forked under one lock: no other child inherits them
            request_read, request_write = os.pipe()
            response_read, response_write = os.pipe()
            pid = os.fork()
        if pid == 0:
            status = 0
            try:
                _limit_child(_close_fds_except(request_read, response_write))
                while True:
                    try:
                        request = _read_frame(request_read, deadline=None)
                    except EOFError:  # the parent has gone: nothing more to do
                        break
                    query, max_rows = pickle.loads(request or b"")
                    outcome = check_and_evaluate(store, query, max_rows)
                    _write_frame(response_write, pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL))
            except BaseException:  # noqa: B036 - nothing may escape into the parent's code path
                status = 1
            finally:
                os._exit(status)
        os.close(request_read)
        os.close(response_write)
        self.pid = pid
        self.requests = request_write
        self.responses = response_read

    def send(self, query: str, max_rows: int) -> None:
        """Start evaluating QUERY; EOFError when the worker has died."""
        try:
            _write_frame(self.requests, pickle.dumps((query, max_rows)))
        except OSError:
            raise EOFError from None

    def answered_within(self, seconds: float) -> bool:
        """Whether the answer has started to arrive within SECONDS (nothing is read)."""
        return bool(select.select([self.responses], [], [], max(seconds, 0))[0])

    def answer(self, deadline: float) -> bytes | None:
        """The pickled outcome; None when DEADLINE passes first; EOFError when the worker died."""
        return _read_frame(self.responses, deadline=deadline)

    def close(self) -> None:
        _kill(self.pid)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)
        for fd in (self.requests, self.responses):
            with contextlib.suppress(OSError):
                os.close(fd)


def _write_frame(fd: int, payload: bytes) -> None:
    view = memoryview(len(payload).to_bytes(8, "big") + payload)
    while view:
        view = view[os.write(fd, view) :]


def _read_frame(fd: int, *, deadline: float | None) -> bytes | None:
    """One frame from ``fd``; None when ``deadline`` passes first; EOFError at end of file."""
    buffer = bytearray()
    needed = 8
    while len(buffer) < needed:
        if deadline is not None:
            remaining = deadline - time.monotonic()
            if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
                return None
        chunk = os.read(fd, max(needed - len(buffer), 1 << 16))
        if not chunk:
            raise EOFError
        buffer += chunk
        if needed == 8 and len(buffer) >= 8:
            needed = 8 + int.from_bytes(buffer[:8], "big")
    return bytes(buffer[8:needed])


# Idle workers per store (kept alive with the store), and how many stores keep a pool: a
# process that queries many stores in turn (a test suite) does not pile up children.
_POOLS: dict[int, tuple[ox.Store, list[_Worker]]] = {}
_POOL_LOCK = threading.Lock()
MAX_POOLED_STORES = 4


def close_workers(store: ox.Store | None = None) -> None:
    """End the pooled workers of ``store`` (of every store when None)."""
    with _POOL_LOCK:
        keys = list(_POOLS) if store is None else [id(store)]
        pools = [_POOLS.pop(key) for key in keys if key in _POOLS]
    for _, idle in pools:
        for worker in idle:
            worker.close()


class LongQueryLane:
    """How many queries may run longer than ``short_seconds`` at once.

    A query that is still running after ``short_seconds`` must take a place in the lane; when
    every place is taken it is stopped (``QueryBusy``) rather than left to hold its slot. With
    fewer places than the endpoint has query slots, expensive queries (eight cartesian products
    sent by one page) can never take every slot: a cheap query always finds one free within
    about ``short_seconds``.
    """

    def __init__(self, places: int, short_seconds: float) -> None:
        self.short_seconds = short_seconds
        self._places = threading.BoundedSemaphore(places)

    def enter(self) -> bool:
        return self._places.acquire(blocking=False)

    def leave(self) -> None:
        self._places.release()


def evaluate_in_worker(
    store: ox.Store,
    query: str,
    *,
    timeout: float,
    max_rows: int,
    long_lane: LongQueryLane | None = None,
) -> dict[str, Any]:
    with _POOL_LOCK:
        if id(store) not in _POOLS:
            while len(_POOLS) >= MAX_POOLED_STORES:
                _, (_, idle) = _POOLS.popitem()
                for worker in idle:
                    worker.close()
            _POOLS[id(store)] = (store, [])
        idle = _POOLS[id(store)][1]
        pooled = idle.pop() if idle else None
    worker = pooled if pooled is not None else _Worker(store)
    deadline = time.monotonic() + timeout
    in_lane = False
    try:
        worker.send(query, max_rows)
        if long_lane is not None and not worker.answered_within(
            min(long_lane.short_seconds, timeout)
        ):
            in_lane = long_lane.enter()
            if not in_lane:
                worker.close()
                raise QueryBusy(
                    "query stopped: it ran long while the server was busy with other long "
                    "queries; retry later"
                )
        payload = worker.answer(deadline)
    except EOFError:
        # A Rust stack overflow (deep nesting) aborts the worker; so does running out of the
        # memory allowed to it.
        worker.close()
        raise QueryError(
            "query could not be evaluated: too deeply nested or too large for the memory "
            "allowed to it"
        ) from None
    finally:
        if in_lane:
            long_lane.leave()  # type: ignore[union-attr]
    if payload is None:
        worker.close()
        raise QueryTimeout(f"query stopped after {timeout:g} s (the time limit)")
    with _POOL_LOCK:
        if id(store) in _POOLS:
            _POOLS[id(store)][1].append(worker)
        else:
            worker.close()
    return raise_carried(pickle.loads(payload))


def _close_fds_except(*keep: int) -> list[str]:
    """In a forked child: close every inherited descriptor but standard I/O, ``keep`` and the
    files of an on-disk store. Returns the folders of such a store (none for one in memory).

    Otherwise a child holds copies of other children's pipes (so their reader never sees end
    of file, and a runaway query delays the answers of others) and of the server's sockets.
    An on-disk Oxigraph store (RocksDB) reads its tables through descriptors it opened in the
    parent: those are regular files in a folder with RocksDB's MANIFEST, and they stay.
    """
    try:
        inherited = sorted(int(name) for name in os.listdir("/proc/self/fd"))
    except OSError:  # no /proc (not Linux): close by range, as for a store in memory
        low = 3
        for fd in sorted(keep):
            os.closerange(low, fd)
            low = fd + 1
        os.closerange(low, resource.getrlimit(resource.RLIMIT_NOFILE)[0])
        return []
    is_store: dict[str, bool] = {}  # folder -> holds a RocksDB store (asked once per folder)
    for fd in inherited:
        if fd < 3 or fd in keep:
            continue
        try:
            is_file = stat.S_ISREG(os.fstat(fd).st_mode)
            folder = os.path.dirname(os.readlink(f"/proc/self/fd/{fd}")) if is_file else ""
        except OSError:  # the listing's own descriptor, closed by now
            continue
        if is_file and folder not in is_store:
            is_store[folder] = any(n.startswith("MANIFEST-") for n in os.listdir(folder or "."))
        if is_file and is_store[folder]:
            continue
        with contextlib.suppress(OSError):
            os.close(fd)
    return sorted(folder for folder, store in is_store.items() if store)


def _limit_child(store_folders: Sequence[str] = ()) -> None:
    # The size is read first: /proc needs a file descriptor, and none are left afterwards.
    ceiling = _address_space() + CHILD_MEMORY_BYTES
    if store_folders:
        # An on-disk store maps and opens its table files as it reads them: its size is added
        # to the ceiling, and descriptors stay allowed (the query itself cannot name a file:
        # SERVICE, LOAD and FROM were refused before it got here). Sockets are taken away
        # another way where the system allows it: should a SERVICE ever get past the check,
        # it finds no network.
        ceiling += sum(
            entry.stat().st_size
            for folder in store_folders
            for entry in os.scandir(folder)
            if entry.is_file()
        )
        leave_the_network()
    else:
        # No new file descriptors: no socket, no file, whatever the query asks for. The pipe to
        # the parent is already open.
        _, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (0, hard))
    _, hard_as = resource.getrlimit(resource.RLIMIT_AS)
    if hard_as == resource.RLIM_INFINITY or ceiling < hard_as:
        resource.setrlimit(resource.RLIMIT_AS, (ceiling, hard_as))
    # The parent may have set handlers (the CLI's Ctrl-C, a server's SIGTERM): default here.
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


# From <sched.h>.
_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000


def leave_the_network() -> bool:
    """Move this process into a network namespace of its own, where no interface is up and no
    socket reaches anything, not even this machine. Root may do that directly; another user
    through a user namespace of its own, where the kernel allows it (the process must have one
    thread: a forked child). False when neither works (then the check is the only guard)."""
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        return any(
            libc.unshare(flags) == 0 for flags in (_CLONE_NEWNET, _CLONE_NEWUSER | _CLONE_NEWNET)
        )
    except (OSError, AttributeError):
        return False


_PAGE_SIZE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


def _address_space() -> int:
    """Current virtual size of this process, read before any limit applies."""
    try:
        with open("/proc/self/statm") as statm:
            return int(statm.read().split()[0]) * _PAGE_SIZE
    except OSError:  # not Linux: start from the resident size as a rough floor
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # it may have just finished
        os.kill(pid, signal.SIGKILL)
