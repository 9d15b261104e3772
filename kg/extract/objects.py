"""Object rules: what a clause says of its subject, one rule per kind of object.

A clause's objects are dependents of its verb (of the last verb of a control chain: "threatened
to impose tariffs" takes its object from "impose"; prepositional phrases count on every verb of
the chain). Each rule below says which dependents are its kind of object: the dependency
labels it reads (``@dependents``) and, when the label is not enough, a test on the phrase.
``kg.extract.rules`` lists them; a prepositional phrase is read by the first of its rules that
applies (time, agent, place, then any other preposition).

Two rules work on what the others found: ``comitative`` renames a "with" object of a verb of
meeting, ``relational_noun`` reads a second fact from a copula's noun ("capital of France").
"""

from __future__ import annotations

from collections.abc import Callable
from typing import ParamSpec, Protocol, TypeVar, cast

from spacy.tokens import Token

from kg.extract import qualifiers as q
from kg.extract.arguments import argument_tokens
from kg.extract.tokens import DEP, ENT, POS, WORD, children, rights

__all__ = [
    "ObjectTest",
    "ReadsDependents",
    "agent_object",
    "clause_object",
    "comitative",
    "copula_complement",
    "dependents",
    "direct_object",
    "place_object",
    "prepositional_object",
    "relational_noun",
    "time_object",
]

P = ParamSpec("P")
R_co = TypeVar("R_co", covariant=True)


class ReadsDependents(Protocol[P, R_co]):
    """A rule that starts from a dependent with one of the labels ``deps`` (its ids; ``dep_names``
    the labels): the function ``@dependents`` declares. ``last_verb_only``: an object rule read
    on the last verb of a control chain only (else on every verb)."""

    deps: frozenset[int]
    dep_names: tuple[str, ...]
    last_verb_only: bool

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R_co: ...


# An object rule: whether a dependent of one of the labels ``deps`` is its kind of object.
ObjectTest = ReadsDependents[[Token], bool]


def dependents(
    *labels: str, last_verb_only: bool = False
) -> Callable[[Callable[P, R_co]], ReadsDependents[P, R_co]]:
    """Declare the dependency labels an object rule (or a statement rule) reads."""

    def declare(test: Callable[P, R_co]) -> ReadsDependents[P, R_co]:
        rule = cast("ReadsDependents[P, R_co]", test)  # the function, once given its attributes
        rule.deps = DEP(*labels)
        rule.dep_names = labels
        rule.last_verb_only = last_verb_only
        return rule

    return declare


@dependents("dobj", "oprd", last_verb_only=True)
def direct_object(dependent: Token) -> bool:
    """The direct object, or an object predicative ("named him chairman"): what the event acts
    on, the most reliable object.

    Example: The company reached a deal."""
    return True


@dependents("attr", "acomp", last_verb_only=True)
def copula_complement(dependent: Token) -> bool:
    """The complement of a copula, a noun ("is a footballer") or an adjective ("has been
    tough"): what the subject is. The relation is "be" (also for "have" as a copula).

    Example: Paris is the capital of France."""
    return True


@dependents("ccomp", last_verb_only=True)
def clause_object(dependent: Token) -> bool:
    """A clausal complement: what is said, thought or known ("confirmed that ..."), kept as text
    (a clause is no node of the graph); its own clause gives its facts, attributed to the
    subject of a reporting verb.

    Example: The minister confirmed that the two countries had signed a treaty."""
    return True


@dependents("prep", "agent")
def time_object(prep: Token) -> bool:
    """A prepositional phrase whose object is a date or time ("on March 3", "starting November
    1"): the statement's time when the clause has another object, else the object itself.

    Example: The museum reopened on March 3."""
    return q.is_time_phrase(prep)


@dependents("agent")
def agent_object(prep: Token) -> bool:
    """The "by" phrase of a passive: who did it ("was built by Roman engineers"). The relation
    keeps its voice: "be built by".

    Example: The bridge was built by Roman engineers."""
    return True


@dependents("prep")
def place_object(prep: Token) -> bool:
    """ "in"/"at" and a named place (a country, city, region or building): where the event
    happened. Beside another object it is the statement's place (kg:place), not a second edge;
    alone it is the object ("arrived in Paris"). "in the talks" is not a place on a map.

    Example: The delegation arrived in Paris."""
    objects = [c for c in children(prep) if c.dep == DEP.pobj]
    return bool(objects) and prep.lower in _PLACE_PREPOSITIONS and objects[0].ent_type in _PLACES


@dependents("prep")
def prepositional_object(prep: Token) -> bool:
    """Any other prepositional phrase: its noun is an object and the preposition joins the
    relation ("hinted at a new strategy": hint at). The clause's other prepositional phrases
    stay as further (n-ary) arguments.

    Example: Mary hinted at a new strategy."""
    return True


def comitative(relation: str, preposition: Token) -> bool:
    """ "with" after a verb of meeting marks the other participant: "met with C" is the symmetric
    relation "meet", as "met C" is.

    Example: Alice met with Carol."""
    return relation in _COMITATIVE_VERBS and preposition.lower in _WITH


def relational_noun(noun: Token) -> tuple[Token, list[Token]] | None:
    """A copula whose noun has a prepositional phrase also names the relation by the noun:
    "Paris is the capital of France" gives Paris - be capital of - France, as CaRB's gold and
    OpenIE systems write it ("was a notable influence on"). Returns the preposition and the
    noun's words before it, or None when the noun has no such phrase.

    Example: Paris is the capital of France."""
    for prep in rights(noun):
        if prep.dep != DEP.prep:
            continue
        words = [t for t in argument_tokens(noun) if t.i < prep.i]
        if not words or any(t.pos in _NOT_IN_A_RELATION for t in words):
            continue
        return prep, words
    return None


# Verbs that mean "meet with": the preposition "with" marks the other participant.
_COMITATIVE_VERBS = frozenset({"meet", "talk", "negotiate", "speak", "confer", "consult"})

_WITH = WORD("with")  # a keyword in Python: WORD.with cannot be written

# A place phrase: a locative preposition and a named place.
_PLACE_PREPOSITIONS = WORD("in", "at")
_PLACES = ENT("GPE", "LOC", "FAC")

# A relational noun's words never hold a verb or punctuation (the parser took a clause for it).
_NOT_IN_A_RELATION = POS("VERB", "PUNCT")
