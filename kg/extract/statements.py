"""Statement rules: facts that are not clauses.

Each rule starts from a token with one of its dependency labels (``@dependents``) and returns
the (subject, object) pairs it states; the relation is the rule's own.
"""

from __future__ import annotations

from spacy.tokens import Token

from kg.extract import trace
from kg.extract.arguments import make_argument, nominal_arguments
from kg.extract.objects import dependents
from kg.extract.tokens import DEP, ENT, POS
from kg.types import Argument

__all__ = ["apposition", "place_in_place"]

_NOUNS = POS("NOUN", "PROPN")
_PLACES = ENT("GPE", "LOC", "FAC")


@dependents("appos")
def apposition(appos: Token, sentence: int) -> list[tuple[Argument, Argument]]:
    """A noun phrase set beside another says what it is: "the crisis - a key driver of hikes"
    gives crisis - be - key driver of hikes. Titles of people are read as roles instead, and an
    apposition inside a compound is a misparsed title ("Secretary Scott Bessent").

    Example: Oslo, the capital of Norway, hosted the talks."""
    head = appos.head
    if head.pos not in _NOUNS or appos.pos not in _NOUNS:
        trace.reject("apposition-not-nouns", appos)
        return []
    if head.dep == DEP.compound:
        trace.reject("apposition-compound", appos)
        return []
    if appos.ent_type == ENT.PERSON or head.ent_type == ENT.PERSON:
        trace.reject("apposition-person", appos)
        return []
    if _place_beside_place(appos):
        trace.reject("apposition-place-in-place", appos)  # the location rule reads it
        return []
    obj = make_argument(appos, sentence)
    if obj is None:
        trace.reject("object-no-node", appos)
        return []
    return [(subject, obj) for subject in nominal_arguments(head, sentence)]


@dependents("appos")
def place_in_place(appos: Token, sentence: int) -> list[tuple[Argument, Argument]]:
    """A place's name set beside another place's name says where the first lies (the news
    convention of town, then state or county), not what it is: "Rosslyn, Virginia" gives
    Rosslyn - be in - Virginia. The coreference sieves read it so too.

    Example: The storm hit Bayou La Batre, Alabama, last night."""
    if not _place_beside_place(appos):
        return []
    obj = make_argument(appos, sentence)
    if obj is None:
        trace.reject("object-no-node", appos)
        return []
    return [(subject, obj) for subject in nominal_arguments(appos.head, sentence)]


def _place_beside_place(appos: Token) -> bool:
    head = appos.head
    return (
        head.pos == appos.pos == POS.PROPN
        and head.ent_type in _PLACES
        and appos.ent_type in _PLACES
        and head.dep != DEP.compound
    )
