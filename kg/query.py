"""SPARQL over a kg graph, safe to expose: the one query path of the CLI, the Python API and the
endpoint (kg/serve.py).

Every query goes through the same three steps:

1. ``check_query`` parses the query with rdflib's SPARQL parser and inspects the algebra, before
   anything runs. SERVICE (an HTTP request to anywhere), FROM / FROM NAMED (rdflib reads local
   files and URLs for them) and every update form are refused. A check on the parsed algebra, not
   on the string, so that a literal containing the word SERVICE is an ordinary query. The check
   is only as good as its agreement with the evaluator: both parsers are given the same text,
   with its line ends normalised first (``normalise_query``), since that is where they differ.
2. The query is evaluated by Oxigraph (``Store.query``, default graph = union of the document
   graphs): Rust, 2-3 orders of magnitude faster than rdflib's engine on joins.
3. The check and the evaluation happen in a forked child process, the check first. Oxigraph
   evaluates in Rust with no point where Python could interrupt it, so a time limit can only be
   kept by a process that can be killed.
   The fork shares the loaded store copy-on-write (no reload), and the child also runs with no
   file descriptors to spare and a memory ceiling, so even a query the check missed could neither
   open a socket nor exhaust the machine. rdflib's parser is pure Python and some queries take it
   minutes (a few thousand repeated FILTERs): parsed in the child, such a query is stopped at the
   time limit like any other, and holds no lock the other queries need.
"""

from __future__ import annotations

import contextlib
import csv
import ctypes
import enum
import io
import json
import os
import pickle
import re
import resource
import select
import signal
import stat
import sys
import threading
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape as xml_escape
from xml.sax.saxutils import quoteattr

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Identifier

from kg.errors import QueryError
from kg.store import query_union
from kg.vocab import PREFIXES

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_ROWS = 10_000

# Longest query accepted. A query a person writes is a few hundred to a few thousand characters;
# this leaves room for a generated VALUES list of some hundreds of IRIs. The parse runs under the
# time limit anyway, but rdflib's parser grows faster than linearly on some inputs (a 99 KB query
# of repeated FILTERs took 95 s): there is no reason to start one of those.
MAX_QUERY_CHARS = 32_768

# Extra address space the evaluating child may take on top of what it inherits: a cartesian
# product under ORDER BY grows without bound, and the machine is shared.
CHILD_MEMORY_BYTES = 4 * 1024**3

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

XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"

# rdflib update operations -> the SPARQL keyword, for the refusal message.
UPDATE_KEYWORDS = {
    "InsertData": "INSERT DATA",
    "DeleteData": "DELETE DATA",
    "DeleteWhere": "DELETE WHERE",
    "Modify": "INSERT/DELETE",
    "Load": "LOAD",
    "Clear": "CLEAR",
    "Drop": "DROP",
    "Create": "CREATE",
    "Add": "ADD",
    "Move": "MOVE",
    "Copy": "COPY",
}


class QueryRefused(QueryError):
    """The query asks for something a read-only, local endpoint does not do (update, SERVICE,
    FROM). The endpoint answers 403 for it, 400 for other query errors."""


class QueryTimeout(QueryError):
    """The query ran past its time limit and was stopped."""


class QueryBusy(QueryError):
    """The query ran long while every place for long queries was taken, and was stopped so that
    short queries keep being answered (see ``LongQueryLane``)."""


class QueryKind(str, enum.Enum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"


Term = Identifier  # URIRef, BNode or Literal
Row = tuple[Term | None, ...]
TripleTerms = tuple[Term, Term, Term]


@dataclass(frozen=True)
class QueryResult:
    """The answer to one query. ``rows`` (SELECT) hold rdflib terms in ``variables`` order, None
    for an unbound variable; ``triples`` hold CONSTRUCT/DESCRIBE output; ``truncated`` says the
    row cap cut the answer short."""

    kind: QueryKind
    variables: tuple[str, ...] = ()
    rows: tuple[Row, ...] = ()
    boolean: bool | None = None
    triples: tuple[TripleTerms, ...] = ()
    truncated: bool = False

    def bindings(self) -> list[dict[str, Term]]:
        """SELECT rows as dicts, unbound variables left out."""
        return [
            {
                name: value
                for name, value in zip(self.variables, row, strict=True)
                if value is not None
            }
            for row in self.rows
        ]

    def graph(self) -> Graph:
        """CONSTRUCT/DESCRIBE output as an rdflib Graph with kg's prefixes bound."""
        graph = Graph()
        for prefix, namespace in PREFIXES.items():
            graph.bind(prefix, namespace, override=True)
        for triple in self.triples:
            graph.add(triple)
        return graph

    def __len__(self) -> int:
        return len(self.triples) if self.kind in GRAPH_KINDS else len(self.rows)


GRAPH_KINDS = (QueryKind.CONSTRUCT, QueryKind.DESCRIBE)


# ---------------------------------------------------------------------------------------------
# 1. The check: parse, then refuse what a read-only, local endpoint must not do.

# pyparsing keeps a shared packrat cache; one parse at a time keeps it consistent when threads
# call ``check_query``. Queries run by ``run_query`` are parsed in their own child process instead,
# where this lock is never taken: a slow parse there holds nobody else up.
_PARSE_LOCK = threading.Lock()


def normalise_query(query: str) -> str:
    """QUERY as both parsers must see it, or a QueryError if it is empty or too long.

    SPARQL ends a ``#`` comment at the end of the line. Oxigraph, which evaluates, takes a
    carriage return for a line end; rdflib's parser, which checks, only a line feed. In
    ``{ #<CR> SERVICE <...> { ... } <LF> }`` rdflib read the SERVICE as part of the comment and
    Oxigraph ran it. Every CR LF and lone CR becomes LF before either parser sees the text, so the
    text checked is the text evaluated. (A raw CR inside a triple-quoted literal becomes LF too;
    ``\\r`` in a literal is unchanged.)
    """
    if not query.strip():
        raise QueryError("empty query")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    return query.replace("\r\n", "\n").replace("\r", "\n")


def check_query(query: str) -> QueryKind:
    """The kind of QUERY, or a QueryError if it cannot or must not run.

    Refused: syntax errors (one line, with line and column), nesting too deep to parse, updates,
    SERVICE, FROM / FROM NAMED. Prefixes of kg.vocab.PREFIXES are pre-bound. The parse runs in
    this process with no time limit; ``run_query`` runs the same check under its time limit.
    """
    text = normalise_query(query)
    with _PARSE_LOCK:
        return _check_query(text)


@lru_cache(maxsize=512)
def _check_query(query: str) -> QueryKind:
    """The check itself, on normalised text."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        try:
            parsed = parseQuery(query)
        except ParseException as error:
            _refuse_if_update(query, parseUpdate)
            raise QueryError(_syntax_message(error)) from None
        try:
            translated = translateQuery(parsed, initNs=PREFIXES)
        except QueryError:
            raise
        except Exception as error:  # rdflib raises bare Exceptions, e.g. unknown prefix
            raise QueryError(f"cannot read the query: {_one_line(str(error))}") from None
    except RecursionError:
        raise QueryError(
            "query is nested too deeply to parse (about 40 levels of { } at most)"
        ) from None

    algebra = translated.algebra
    if algebra.get("datasetClause"):
        raise QueryRefused(
            "FROM / FROM NAMED are not allowed: queries run on the loaded graph only, "
            "nothing is fetched"
        )
    if _contains(algebra, "ServiceGraphPattern"):
        raise QueryRefused("SERVICE is not allowed: kg does not call other endpoints")
    kind = {
        "SelectQuery": QueryKind.SELECT,
        "AskQuery": QueryKind.ASK,
        "ConstructQuery": QueryKind.CONSTRUCT,
        "DescribeQuery": QueryKind.DESCRIBE,
    }.get(algebra.name)
    if kind is None:  # pragma: no cover - the grammar has no other query form
        raise QueryError(f"unsupported query form {algebra.name}")
    return kind


@lru_cache(maxsize=1)
def load_parser() -> None:
    """Run the check once here, before forking: the modules rdflib's parser imports as it goes
    are then loaded in every child, which could not open their files (it has no descriptors)."""
    check_query("ASK { ?s ?p ?o }")


def _refuse_if_update(query: str, parse_update: Any) -> None:
    from pyparsing import ParseException

    try:
        parsed = parse_update(query)
    except (ParseException, RecursionError):
        return
    operations = [getattr(op, "name", "") for op in parsed.get("request", [])]
    keywords = ", ".join(UPDATE_KEYWORDS.get(op, op) for op in operations) or "update"
    raise QueryRefused(f"updates are not allowed ({keywords}): the graph is read-only")


def _contains(node: Any, name: str, depth: int = 0) -> bool:
    """Whether the rdflib algebra tree under NODE has a node called NAME (SERVICE may sit in a
    subquery, an OPTIONAL, a FILTER EXISTS: everywhere is searched)."""
    if depth > 2000:  # the parser's own recursion limit keeps real trees far shallower
        return True
    if getattr(node, "name", None) == name:
        return True
    if isinstance(node, dict):
        return any(_contains(value, name, depth + 1) for value in node.values())
    if isinstance(node, list | tuple | set):
        return any(_contains(value, name, depth + 1) for value in node)
    return False


def _syntax_message(error: Any) -> str:
    found = _one_line(str(getattr(error, "msg", error)))
    if len(found) > 160:  # pyparsing lists whole grammar alternatives
        found = found[:157] + "..."
    return f"syntax error at line {error.lineno}, column {error.col}: {found}"


def _one_line(text: str) -> str:
    return " ".join(text.split())


# ---------------------------------------------------------------------------------------------
# 2 and 3. Evaluation on Oxigraph, in a child process that can be stopped.


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
    load_parser()
    if not hasattr(os, "fork"):  # pragma: no cover - kg targets Linux and macOS
        return _decode(_outcome(_check_and_evaluate(store, text, max_rows)))
    if reuse_workers:
        outcome = _evaluate_in_worker(
            store, text, timeout=timeout, max_rows=max_rows, long_lane=long_lane
        )
    else:
        outcome = _evaluate_in_child(store, text, timeout=timeout, max_rows=max_rows)
    return _decode(outcome)


def _as_store(target: Any) -> ox.Store:
    if isinstance(target, ox.Store):
        return target
    if isinstance(target, str | Path):
        from kg.store import load_dataset, oxigraph_store

        return oxigraph_store(load_dataset(target))
    inner = getattr(getattr(target, "store", None), "_inner", None)
    if isinstance(inner, ox.Store):  # an rdflib graph over oxrdflib (kg.store.new_dataset)
        return inner
    if isinstance(target, Graph):
        # Any other rdflib graph: copy it once into Oxigraph rather than use rdflib's engine.
        store = ox.Store()
        quads = target.quads((None, None, None, None)) if hasattr(target, "quads") else None
        if quads is None:
            store.extend(ox.Quad(*map(_to_ox, t)) for t in target)
        else:
            store.extend(_quad_to_ox(s, p, o, g) for s, p, o, g in quads)
        return store
    raise QueryError(
        f"cannot query a {type(target).__name__}: give a kg dataset, a pyoxigraph Store, "
        "an rdflib Graph or a graph path"
    )


def _quad_to_ox(s: Term, p: Term, o: Term, g: Any) -> ox.Quad:
    name = getattr(g, "identifier", g)
    if name is None or str(name) == "urn:x-rdflib:default":
        return ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o))
    return ox.Quad(_to_ox(s), _to_ox(p), _to_ox(o), _to_ox(name))


def _to_ox(term: Term) -> Any:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise QueryError(f"cannot convert {term!r} to an RDF term")


# The child sends plain tuples (fast to pickle); the parent builds rdflib terms once.
# IRI: (0, iri); blank node: (1, id); literal: (2, lexical form, language, datatype).
Encoded = tuple


def _encode(term: Any) -> Encoded | None:
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return (0, term.value)
    if isinstance(term, ox.BlankNode):
        return (1, term.value)
    if isinstance(term, ox.Literal):
        return (2, term.value, term.language, term.datatype.value)
    return (2, str(term), None, XSD_STRING)  # an RDF-star triple term: shown as its text


def _check_and_evaluate(store: ox.Store, query: str, max_rows: int) -> dict[str, Any]:
    """In the evaluating process: the check, then the evaluation; refusals and errors are
    returned as outcomes (see ``_outcome``), the kind goes with the answer."""
    try:
        kind = _check_query(query)
    except QueryRefused as error:
        return {"refused": str(error)}
    except QueryError as error:
        return {"error": str(error)}
    return {"kind": kind.value, **_evaluate(store, query, max_rows)}


def _outcome(outcome: dict[str, Any]) -> dict[str, Any]:
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
            return {"boolean": bool(answer)}
        if isinstance(answer, ox.QuerySolutions):
            variables = [v.value for v in answer.variables]
            rows, truncated = _first(
                answer, max_rows, lambda s: tuple(_encode(s[name]) for name in variables)
            )
            return {"variables": variables, "rows": rows, "truncated": truncated}
        triples, truncated = _first(
            answer,
            max_rows,
            lambda t: (_encode(t.subject), _encode(t.predicate), _encode(t.object)),
        )
        return {"triples": triples, "truncated": truncated}
    except SyntaxError as error:  # Oxigraph's grammar is stricter than rdflib's in places
        return {"error": _oxigraph_syntax_message(str(error))}
    except (OSError, ValueError, RuntimeError) as error:
        return {"error": f"query failed: {_one_line(str(error))}"}


def _encode_triple(triple: Any) -> tuple:
    return (_encode(triple.subject), _encode(triple.predicate), _encode(triple.object))


def _first(answers: Any, limit: int, encode: Any) -> tuple[list, bool]:
    """At most ``limit`` encoded answers, and whether there were more (the stream is not read
    past the first one over the limit)."""
    encoded = []
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
        return f"syntax error at line {line}, column {column}: {_one_line(rest)}"
    return f"syntax error: {_one_line(message)}"


# One fork at a time: forking while another thread of the endpoint is mid-fork is where
# multi-threaded fork goes wrong, and a fork is a few milliseconds.
_FORK_LOCK = threading.Lock()


def _evaluate_in_child(
    store: ox.Store, query: str, *, timeout: float, max_rows: int
) -> dict[str, Any]:
    with _FORK_LOCK:  # pipes made and forked under one lock: no other child inherits them
        read_end, write_end = os.pipe()
        pid = os.fork()
    if pid == 0:  # the child: evaluate, send, and leave without running the parent's code
        status = 0
        try:
            _limit_child(_close_fds_except(write_end))
            outcome = _check_and_evaluate(store, query, max_rows)
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
    return _outcome(pickle.loads(b"".join(chunks)))


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
                    outcome = _check_and_evaluate(store, query, max_rows)
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


def _evaluate_in_worker(
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
        worker = idle.pop() if idle else None
    if worker is None:
        worker = _Worker(store)
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
    return _outcome(pickle.loads(payload))


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


def _decode(outcome: dict[str, Any]) -> QueryResult:
    kind = QueryKind(outcome["kind"])
    iris: dict[str, URIRef] = {}
    decode = _term_decoder(iris)
    if "boolean" in outcome:
        return QueryResult(kind=QueryKind.ASK, boolean=outcome["boolean"])
    if "variables" in outcome:
        rows = tuple(tuple(decode(cell) for cell in row) for row in outcome["rows"])
        return QueryResult(
            kind=QueryKind.SELECT,
            variables=tuple(outcome["variables"]),
            rows=rows,
            truncated=outcome["truncated"],
        )
    triples = tuple((decode(s), decode(p), decode(o)) for s, p, o in outcome["triples"])
    return QueryResult(kind=kind, triples=triples, truncated=outcome["truncated"])  # type: ignore[arg-type]


def _term_decoder(iris: dict[str, URIRef]) -> Any:
    def decode(cell: Encoded | None) -> Term | None:
        if cell is None:
            return None
        tag = cell[0]
        if tag == 0:
            iri = iris.get(cell[1])
            if iri is None:
                iri = iris[cell[1]] = URIRef(cell[1])
            return iri
        if tag == 1:
            return BNode(cell[1])
        _, value, language, datatype = cell
        if language:
            return Literal(value, lang=language)
        if datatype == XSD_STRING:
            return Literal(value)
        return Literal(value, datatype=iris.get(datatype) or URIRef(datatype))

    return decode


# ---------------------------------------------------------------------------------------------
# Output formats.


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
        (ox.Triple(_to_ox(s), _to_ox(p), _to_ox(o)) for s, p, o in triples),
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


def compact_iri(iri: str) -> str:
    """IRI with a kg prefix when one applies (ent:Scott_Bessent), else <iri>."""
    best = ""
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and len(namespace) > len(PREFIXES.get(best, "")):
            best = prefix
    if best:
        local = iri[len(PREFIXES[best]) :]
        if local and all(c.isalnum() or c in "_-." for c in local) and not local.endswith("."):
            return f"{best}:{local}"
    return f"<{iri}>"


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
        text = _one_line(str(term))
    # A literal is printed to a terminal: ESC would start a control sequence, U+202E reverse
    # what follows. Shown as \u escapes instead; the other formats carry them as they are.
    text = _TERMINAL_CONTROLS.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    if len(text) > TABLE_CELL_CHARS:
        text = text[: TABLE_CELL_CHARS - 1] + "…"
    return text


# C0 and C1 controls and DEL, and the bidirectional formatting characters.
_TERMINAL_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")

_RESULT_WRITERS = {"table": _table, "csv": _csv, "tsv": _tsv, "json": _json, "xml": _xml}
