"""A coreference chain's features (kg/coref/sieves.py ChainFeatures), gathered from its
mentions in one pass."""

from __future__ import annotations

from kg.coref.mentions import CorefMention
from kg.coref.sieves import ChainFeatures
from kg.kinds import ObjectKind
from kg.types import Mention


def _said(index: int, text: str, kind: str, verb: int, **features: object) -> CorefMention:
    """A mention of ``kind`` written ``text``, an argument of the verb at token ``verb``."""
    start = 20 * index
    return CorefMention(
        record=Mention(text, start, start + len(text), 0, ObjectKind.ENTITY),
        index=index,
        head=index,
        kind=kind,
        sentence=0,
        lemma=text.split()[-1].lower(),
        words=frozenset() if kind == "pronoun" else frozenset(text.lower().split()),
        modifiers=frozenset(),
        number="singular",
        gender=str(features.pop("gender", "")),
        person=3,
        entity_type=str(features.pop("entity_type", "")),
        noun_class=str(features.pop("noun_class", "")),
        definite=True,
        indefinite=False,
        reflexive=False,
        verb=verb,
        role="nsubj",
        depth=1,
    )


def test_a_chains_features_are_those_of_its_mentions_ship_and_first_names_its_names_only():
    """Its names' types, its descriptions' noun classes, every gender and verb, the words of
    all but its pronouns; a ship and a first name only from a name (a description written
    "the INS Mysore" or "Mary Jones" is neither)."""
    chain = [
        _said(0, "Mary Smith", "name", 3, entity_type="Person", gender="female"),
        _said(1, "the INS Mysore", "nominal", 7, noun_class="thing"),
        _said(2, "Mary Jones", "nominal", 9, noun_class="person"),
        _said(3, "she", "pronoun", 12, gender="female"),
    ]
    features = ChainFeatures.of(chain)
    assert features.entity_types == {"Person"}
    assert features.noun_classes == {"thing", "person"}
    assert features.genders == {"female"}
    assert features.words == {"mary", "smith", "the", "ins", "mysore", "jones"}
    assert features.verbs == {3, 7, 9, 12}
    assert features.first_names == {"female"}  # Mary Smith's, not the description's Mary
    assert not features.ship
    ship = ChainFeatures.of([_said(0, "INS Mysore", "name", 2, entity_type="Thing")])
    assert ship.ship
    assert ship.first_names == frozenset()


def test_joined_chains_have_the_features_of_all_their_mentions():
    """Two chains joined have what one chain of all their mentions has."""
    one = [_said(0, "Mary Smith", "name", 3, entity_type="Person", gender="female")]
    other = [_said(1, "the actress", "nominal", 5, noun_class="person", gender="female")]
    assert ChainFeatures.of(one).joined(ChainFeatures.of(other)) == ChainFeatures.of(one + other)
