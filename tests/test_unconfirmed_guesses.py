"""A noun that documents give a person only by salience (the sieves' guess that a description
is the person most spoken of) does not make descriptions by that noun in other documents that
person, when more documents naming the person keep a description by the noun apart from them
(kg/resolve.py, ``CorpusIndex._unconfirmed_guesses``): "the driver" of a hit-and-run is not the
woman he struck. Texts written for these tests, parsed by the real model."""

from __future__ import annotations

from conftest import corpus_mentions, mention_in

# Two reports name only the woman killed: salience gives her their "the driver" (in the second
# twice, the repeat chained to the first by its head).
GUESSED = [
    "Priya Raman, 59, was killed on Friday near a Sikh temple in Queens. Raman had parked her "
    "car on Lefferts Boulevard. Police said the driver fled in a gray Toyota Camry.",
    "Priya Raman was walking to a Sikh temple in Queens on Friday. Raman was struck on "
    "Lefferts Boulevard and died at Jamaica Hospital. The driver fled in a gray Toyota Camry. "
    "Officers arrested the driver an hour later.",
]
# Three more name her and bring in the driver after her name, as someone else.
APART = [
    "Priya Raman died at Jamaica Hospital on Friday. A drunk driver struck Raman near a Sikh "
    "temple in Queens, and the driver fled in a gray Toyota Camry, police said.",
    "Priya Raman, 59, was struck near a Sikh temple in Queens on Friday. A driver in a gray "
    "Toyota Camry hit Raman on Lefferts Boulevard, and officers stopped the driver later.",
    "Priya Raman was crossing Lefferts Boulevard in Queens on Friday. A driver hit Raman and "
    "sped off in a gray Toyota Camry; the driver was arrested near Jamaica Hospital.",
]
# A report naming nobody, among the same places and things.
NAMELESS = (
    "The driver of a gray Toyota Camry was charged on Saturday in the death of a woman near a "
    "Sikh temple in Queens, police said. Jamaica Hospital confirmed the death."
)


def test_a_guess_other_reports_tell_apart_is_not_what_the_person_is_called(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*GUESSED, *APART, NAMELESS])
    raman = mention_in(records, "doc0", "Priya Raman")["node"]
    # The guesses are undone in their own documents ...
    guess = mention_in(records, "doc0", "driver")
    assert guess["node"] != raman
    assert mention_in(records, "doc1", "driver")["node"] != raman
    # ... and the driver of the nameless report is not the woman he killed.
    driver = mention_in(records, "doc5", "driver of a gray Toyota Camry")
    assert driver["node"] != raman
    assert driver["sieve"] != "description_across_documents"
    # The reports that tell the driver apart keep him apart.
    assert mention_in(records, "doc2", "drunk driver")["node"] != raman


def test_without_reports_telling_them_apart_the_guesses_still_count(sm_nlp) -> None:
    # Only the two guessing reports: two documents call her so, as before.
    records = corpus_mentions(sm_nlp, [*GUESSED, NAMELESS])
    raman = mention_in(records, "doc0", "Priya Raman")["node"]
    assert mention_in(records, "doc0", "driver")["node"] == raman
    driver = mention_in(records, "doc2", "driver of a gray Toyota Camry")
    assert driver["node"] == raman
    assert driver["reason"].startswith(
        "'driver of a gray Toyota Camry' is 'Priya Raman', called 'driver' in other documents"
    )


def test_what_the_description_does_still_finds_its_own_person(sm_nlp) -> None:
    # A report names the driver and says he was charged; a nameless one says the driver was
    # charged. The woman is no candidate of the nameless driver's, but the deeds that would
    # have told him from her tell him as before: he is Dev Sharma.
    named = (
        "Police identified the driver as Dev Sharma, 23, of Schenectady. Sharma was charged "
        "with manslaughter after the crash near a Sikh temple in Queens. He was held without "
        "bail."
    )
    nameless = (
        "The driver was charged with manslaughter on Saturday after the crash near a Sikh "
        "temple in Queens, police said. He had fled in a gray Toyota Camry."
    )
    records = corpus_mentions(sm_nlp, [*GUESSED, *APART, named, nameless])
    sharma = mention_in(records, "doc5", "Dev Sharma")["node"]
    driver = mention_in(records, "doc6", "driver")
    assert driver["node"] == sharma
    assert driver["node"] != mention_in(records, "doc0", "Priya Raman")["node"]
    assert "the object of 'charge' there as here" in driver["reason"]
