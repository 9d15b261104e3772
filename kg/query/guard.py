"""The query guard: parse a query and refuse what a read-only, local endpoint must not do,
before anything runs.

``check_query`` parses the query with rdflib's SPARQL parser and inspects the algebra. SERVICE
(an HTTP request to anywhere), FROM / FROM NAMED (rdflib reads local files and URLs for them) and
every update form are refused. A check on the parsed algebra, not on the string, so that a
literal containing the word SERVICE is an ordinary query. The check is only as good as its
agreement with the evaluator (Oxigraph, kg/query/sandbox.py): both parsers are given the same
text, with its line ends normalised first (``normalise_query``), since that is where they differ.
"""

from __future__ import annotations

import enum
import threading
from functools import lru_cache
from typing import Any

from kg.errors import QueryError
from kg.prefixes import PREFIXES

# Longest query accepted. A query a person writes is a few hundred to a few thousand characters;
# this leaves room for a generated VALUES list of some hundreds of IRIs. The parse runs under the
# time limit anyway, but rdflib's parser grows faster than linearly on some inputs (a 99 KB query
# of repeated FILTERs took 95 s): there is no reason to start one of those.
MAX_QUERY_CHARS = 32_768

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


class QueryKind(str, enum.Enum):
    SELECT = "SELECT"
    ASK = "ASK"
    CONSTRUCT = "CONSTRUCT"
    DESCRIBE = "DESCRIBE"


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
        return check_normalised(text)


@lru_cache(maxsize=512)
def check_normalised(query: str) -> QueryKind:
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
            raise QueryError(f"cannot read the query: {one_line(str(error))}") from None
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
    found = one_line(str(getattr(error, "msg", error)))
    if len(found) > 160:  # pyparsing lists whole grammar alternatives
        found = found[:157] + "..."
    return f"syntax error at line {error.lineno}, column {error.col}: {found}"


def one_line(text: str) -> str:
    """TEXT with every run of white space (line breaks included) as one space."""
    return " ".join(text.split())
