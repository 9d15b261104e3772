"""Which queries can skip rdflib's parser: a conservative test on the text alone, so that a cold
``kg query`` need not import rdflib's SPARQL grammar (about 0.2 s) for an ordinary query.

The guard (kg/query/guard.py) refuses SERVICE, FROM / FROM NAMED and every update. Each of those
needs its keyword written out in the query: SPARQL keywords are matched case-insensitively, but
letter for letter. So a query whose text holds none of these words anywhere (not as a keyword,
nor inside a name, a literal or a comment: a plain substring test, case-insensitive) cannot ask
for any of them, whatever either parser makes of it, and goes straight to Oxigraph, which parses
it and says where a syntax error is. SPARQL lets ``\\u`` and ``\\U`` escapes stand for any
character before parsing, so a query with a backslash followed by u takes the full check too,
as does one nested deeply (rdflib's parser refuses such with a clear message, Oxigraph's
evaluator could only fail) and a DESCRIBE (its kind could not be told from the answer).
Everything else takes the full check, in the evaluating child as before.
"""

from __future__ import annotations

# Words whose presence sends a query to the full check: the refused forms (SERVICE, FROM, LOAD
# and the update keywords) and DESCRIBE.
FULL_CHECK_WORDS = (
    "service",
    "from",
    "load",
    "insert",
    "delete",
    "clear",
    "drop",
    "create",
    "add",
    "move",
    "copy",
    "with",
    "using",
    "describe",
)
# Opening brackets beyond which a query takes the full check (its depth is at most this).
MAX_PLAIN_BRACKETS = 64


def needs_full_check(query: str) -> bool:
    """False only for a query that certainly asks for no refused form (see the module's doc)."""
    lowered = query.lower()
    if "\\u" in lowered:
        return True
    if lowered.count("{") + lowered.count("(") + lowered.count("[") > MAX_PLAIN_BRACKETS:
        return True
    return any(word in lowered for word in FULL_CHECK_WORDS)
