"""The rule catalogue: every registered rule has its reason and example, every example still
gives the facts registered for it (by that rule), and docs/rules.md is what the registry
generates. Pinned to en_core_web_sm (conftest.SMALL_MODEL)."""

from __future__ import annotations

import importlib.util

import pytest
from conftest import ROOT

from kg.extract import rules as registry
from kg.extract.rules import RULES


def _rules_doc():
    spec = importlib.util.spec_from_file_location("rules_doc", ROOT / "scripts" / "rules_doc.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


rules_doc = _rules_doc()


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_has_a_reason_an_example_and_facts(rule):
    assert len(rule.reason.split()) >= 8, rule.reason
    assert rule.example.endswith("."), rule.example
    assert rule.yields and all(f.count(" | ") == 2 for f in rule.yields)
    assert 0 < rule.confidence <= 1
    assert rule.part in ("subject", "object", "statement")


def test_rule_names_are_unique_and_cannot_be_confused():
    names = [r.name for r in RULES]
    assert len(names) == len(set(names))
    # A triple's rule is "<subject rule>-<object rule>": no name may hold the separator.
    assert not [n for n in names if "-" in n]


@pytest.mark.parametrize("rule", RULES, ids=[r.name for r in RULES])
def test_every_rule_example_still_yields_its_facts(sm_nlp, rule):
    got = rules_doc.example_facts(sm_nlp, rule.example)
    by_this_rule = {fact for fact, name in got if rules_doc.fired(rule, name)}
    assert set(rule.yields) <= by_this_rule, got


def test_the_rules_page_is_generated_from_the_registry(sm_nlp):
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert page == rules_doc.page(sm_nlp), "docs/rules.md is stale: run scripts/rules_doc.py"
    for rule in RULES:
        assert f"### {rule.name}\n" in page
        assert rule.example in page


def test_object_rules_are_found_by_their_dependency_labels():
    # The assembly reads a verb's dependents through this table: a rule registered with
    # @dependents is used without touching kg/extract/clauses.py.
    from kg.extract.tokens import DEP

    assert [r.name for r in registry.OBJECT_RULES_BY_DEP[DEP.dobj]] == ["direct"]
    assert [r.name for r in registry.OBJECT_RULES_BY_DEP[DEP.attr]] == ["copula"]
    assert [r.name for r in registry.PREPOSITION_RULES] == ["time", "agent", "place", "prep"]
    assert registry.rule("apposition") in registry.STATEMENT_RULES_BY_DEP[DEP.appos]
