"""``kg explain`` reads an entity's mention chain in two steps (kg/explain.py: the reading order
of every mention, then what is shown of the first ones): what it prints must be what one query
over the whole chain gives, in reading order (by document, then by start as a number)."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from conftest import run_kg

from kg.explain import CHAIN_SHOWN
from kg.prefixes import sparql_prologue
from kg.store import close_store, open_store

# The chain as one query would read it: every mention with everything shown of it, in order.
WHOLE_CHAIN = """
SELECT ?document ?start ?text ?kind ?sieve ?reason WHERE {
  ?m kg:denotes ?e ; kg:mentionText ?text ; kg:mentionStart ?start ; kg:mentionKind ?kind ;
     dcterms:isPartOf/dcterms:isPartOf ?doc .
  ?doc dcterms:source ?document .
  OPTIONAL { ?m kg:corefSieve ?sieve ; kg:corefReason ?reason }
} ORDER BY ?document ?start ?m
"""


def expected_chain(out: Path, label: str) -> list[str]:
    store = open_store(out)
    try:
        named = f"VALUES ?l {{ {ox.Literal(label)} }} ?e rdfs:label ?l ."
        answer = store.query(sparql_prologue() + WHOLE_CHAIN.replace("WHERE {", "WHERE {" + named))
        assert isinstance(answer, ox.QuerySolutions)
        rows = list(answer)
    finally:
        close_store(store)
    lines = [f"  chain ({len(rows)} mention(s)):"]
    for row in rows[:CHAIN_SHOWN]:
        why = f"  <- {row['sieve'].value}: {row['reason'].value}" if row["sieve"] else ""
        lines.append(
            f"    {row['document'].value}:{row['start'].value}  "
            f"{row['kind'].value} '{row['text'].value}'{why}"
        )
    if len(rows) > CHAIN_SHOWN:
        lines.append(f"    … {len(rows) - CHAIN_SHOWN} more (kg query has them all)")
    return lines


def printed_chain(out: Path, name: str) -> list[str]:
    result = run_kg("explain", str(out), name)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("  chain ("))
    return lines[start:]


def test_the_chain_shows_each_mention_with_its_coref_rule(seed_build):
    printed = printed_chain(seed_build, "Bessent")
    assert printed == expected_chain(seed_build, "Scott Bessent")
    assert any("  <- " in line for line in printed)  # a mention linked by a coref rule


def test_a_long_chain_shows_its_first_mentions_in_reading_order(tmp_path):
    text = "Angela Merkel met Joe Biden in Berlin. " + " ".join(["Merkel praised Biden."] * 30)
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "b.txt").write_text("Joe Biden met Angela Merkel in Paris.", encoding="utf-8")
    out = tmp_path / "out"
    built = run_kg("build", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "-o", str(out))
    assert built.returncode == 0, built.stderr
    printed = printed_chain(out, "Merkel")
    assert printed == expected_chain(out, "Angela Merkel")
    assert len(printed) == 1 + CHAIN_SHOWN + 1 and "more (kg query has them all)" in printed[-1]
    starts = [int(line.split(":")[1].split()[0]) for line in printed[1:-1]]
    assert starts == sorted(starts) and starts[-1] >= 100  # numbers, not text: 39 before 105
