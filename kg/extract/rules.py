"""The catalogue of extraction rules: every rule kg applies, in the order it tries them.

A fact is a clause's subject and one of its objects: ``Triple.rule`` names the subject rule and
the object rule that found them ("shared-prep": a subject shared by conjoined verbs, a
prepositional object), or the statement rule alone ("apposition"). Each rule is a function in
``subjects.py``, ``objects.py`` or ``statements.py`` whose docstring gives its linguistic reason
and an example sentence; this module registers it with its confidence (the reliability measured
on CaRB's dev split) and the facts its example must give. ``docs/rules.md`` is generated from
this list (``scripts/rules_doc.py``) and the tests check every example.

To add a rule: write its function next to its kind, then add its ``Rule`` here.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeGuard, TypeVar

from spacy.tokens import Token

from kg.extract import objects, statements, subjects
from kg.extract.objects import ObjectTest, ReadsDependents
from kg.types import Argument

__all__ = [
    "AnyRule",
    "COMITATIVE",
    "OBJECT_RULES",
    "PREPOSITION_RULES",
    "RELATIONAL_NOUN",
    "RULES",
    "STATEMENT_RULES",
    "SUBJECT_RULES",
    "Rule",
    "StatementFind",
    "rule",
]


# What a rule calls to find its part: each kind of rule its own signature (subjects.py,
# objects.py, statements.py).
F_co = TypeVar("F_co", bound=Callable[..., object], covariant=True)


@dataclass(frozen=True)
class Rule(Generic[F_co]):
    """One extraction rule. ``part`` is what it finds: "subject", "object" or "statement".
    ``find`` is the function that finds it. ``confidence`` is its factor in a triple's confidence
    (the subject rule's times the object rule's, for clause facts). ``yields`` are facts its
    example gives by this rule, written ``subject | relation | object`` with each argument's
    node text."""

    name: str
    part: str
    find: F_co
    confidence: float
    yields: tuple[str, ...]
    relation: str = "be"  # a statement rule's relation (a clause's comes from its verb)

    @property
    def reason(self) -> str:
        """The linguistic reason: the function's docstring without its example."""
        text = inspect.getdoc(self.find) or ""
        return " ".join(text.split("Example:")[0].split())

    @property
    def example(self) -> str:
        """The example sentence of the function's docstring."""
        text = inspect.getdoc(self.find) or ""
        return " ".join(text.split("Example:")[1].split()) if "Example:" in text else ""


# Tried in this order; the first that applies decides who the clause is about. Confidence: a
# subject written next to its verb is the most reliable; every inference costs a little.
SUBJECT_RULES = (
    Rule(subjects.OWN, "subject", subjects.own_subject, 1.0, ("company | reach | deal",)),
    Rule(
        subjects.SHARED,
        "subject",
        subjects.shared_subject,
        0.92,
        ("company | pave | way for new investment",),
    ),
    Rule(
        subjects.RELATIVE,
        "subject",
        subjects.relative_subject,
        0.85,
        ("storm | flood | several towns",),
    ),
    Rule(
        subjects.PARTICIPLE,
        "subject",
        subjects.participle_subject,
        0.7,
        ("truce | be signed in | May",),
    ),
    Rule(subjects.CONTROL, "subject", subjects.control_subject, 0.8, ("him | sign | contract",)),
    Rule(
        subjects.ADJUNCT,
        "subject",
        subjects.adjunct_subject,
        0.7,
        ("rebels | attack | base",),
    ),
)

# The objects of a clause. Prepositional and clausal objects are as reliable as direct ones once
# attached to the right verb; a time as object is the weakest.
OBJECT_RULES = (
    Rule("direct", "object", objects.direct_object, 0.9, ("company | reach | deal",)),
    Rule("copula", "object", objects.copula_complement, 0.85, ("Paris | be | capital of France",)),
    Rule(
        "clause",
        "object",
        objects.clause_object,
        0.6,
        ("minister | confirm | the two countries had signed a treaty",),
    ),
    Rule("time", "object", objects.time_object, 0.5, ("museum | reopen on | March 3",)),
    Rule("agent", "object", objects.agent_object, 0.8, ("bridge | be built by | Roman engineers",)),
    Rule("place", "object", objects.place_object, 0.75, ("delegation | arrive in | Paris",)),
    Rule("prep", "object", objects.prepositional_object, 0.75, ("Mary | hint at | new strategy",)),
    Rule("comitative", "object", objects.comitative, 0.9, ("Alice | meet | Carol",)),
    Rule("noun", "object", objects.relational_noun, 0.7, ("Paris | be capital of | France",)),
)
# The two that work on what the others found, by their own signatures (objects.py).
COMITATIVE, RELATIONAL_NOUN = OBJECT_RULES[-2:]

# A rule of any kind (each calls its ``find`` with its own arguments).
AnyRule = Rule[Callable[..., object]]

# A statement rule: the (subject, object) pairs it states from a token and the index of its
# sentence.
StatementFind = ReadsDependents[[Token, int], list[tuple[Argument, Argument]]]

# Facts that are not clauses.
STATEMENT_RULES = (
    Rule(
        "apposition",
        "statement",
        statements.apposition,
        0.6,
        ("Oslo | be | capital of Norway",),
    ),
    Rule(
        "location",
        "statement",
        statements.place_in_place,
        0.6,
        ("Bayou La Batre | be in | Alabama",),
        relation="be in",
    ),
)

RULES = (*SUBJECT_RULES, *OBJECT_RULES, *STATEMENT_RULES)

_BY_NAME: dict[str, AnyRule] = {r.name: r for r in RULES}


def _reads_dependents(rule: AnyRule) -> TypeGuard[Rule[ObjectTest]]:
    """Whether an object rule is declared with ``@dependents`` (objects.py)."""
    return hasattr(rule.find, "deps")


# The object rules that read a dependent by its label, in the order they are tried, by label id.
OBJECT_RULES_BY_DEP: dict[int, tuple[Rule[ObjectTest], ...]] = {}
for _object_rule in OBJECT_RULES:
    if _reads_dependents(_object_rule):
        for _dep in _object_rule.find.deps:
            OBJECT_RULES_BY_DEP[_dep] = (*OBJECT_RULES_BY_DEP.get(_dep, ()), _object_rule)

# The rules of a prepositional phrase (by its own label, "prep" or "agent").
PREPOSITION_RULES = tuple(
    r for r in OBJECT_RULES if _reads_dependents(r) and {"prep", "agent"} & set(r.find.dep_names)
)

# The statement rules by the label of the token they start from.
STATEMENT_RULES_BY_DEP: dict[int, tuple[Rule[StatementFind], ...]] = {}
for _rule in STATEMENT_RULES:
    for _dep in _rule.find.deps:
        STATEMENT_RULES_BY_DEP[_dep] = (*STATEMENT_RULES_BY_DEP.get(_dep, ()), _rule)


def rule(name: str) -> AnyRule:
    """The rule called ``name`` (KeyError if none)."""
    return _BY_NAME[name]
