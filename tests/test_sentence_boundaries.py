"""Where a sentence must and must not end: title abbreviations before a name, datelines.

The texts are written for these tests; the parses are real (kg's own pipeline).
"""

from __future__ import annotations

from kg.structure import is_dateline, paragraph_breaks


def _sentences(nlp, text: str) -> list[str]:
    return [sentence.text.strip() for sentence in nlp(text).sents]


def test_a_title_abbreviation_before_a_name_ends_no_sentence(nlp):
    text = (
        "Officials named the firefighter who was hurt as 34-year-old Capt. Mark Ellison on "
        "Sunday. The crash also injured Sgt. Ana Ruiz and Lt. Paul Dorsey, said Cpl. Dean Moss."
    )
    assert _sentences(nlp, text) == [
        "Officials named the firefighter who was hurt as 34-year-old Capt. Mark Ellison on Sunday.",
        "The crash also injured Sgt. Ana Ruiz and Lt. Paul Dorsey, said Cpl. Dean Moss.",
    ]


def test_the_abbreviation_is_one_token_with_its_stop(nlp):
    doc = nlp("Det. Lucy Marsh and Maj. Omar Haddad spoke to reporters.")
    assert [token.text for token in doc][:6] == ["Det.", "Lucy", "Marsh", "and", "Maj.", "Omar"]


def test_two_abbreviations_in_a_row_stay_with_the_name(nlp):
    text = "The appeal was filed by Dist. Atty. Helen Brandt on Friday."
    assert _sentences(nlp, text) == [text]


def test_a_sentence_ending_before_an_abbreviation_still_ends(nlp):
    # "Sen." opens the second sentence: only the word after an abbreviation is held.
    text = "The vote was close. Sen. Alma Reyes voted against the bill."
    assert _sentences(nlp, text) == [
        "The vote was close.",
        "Sen. Alma Reyes voted against the bill.",
    ]


def test_a_line_ending_in_a_title_abbreviation_runs_on_into_the_name(nlp):
    text = (
        "The fire started in the kitchen, fire department spokesman Lt.\n"
        "Ray Okafor said on Monday.\n"
        "Nobody was hurt."
    )
    assert text.index("Ray Okafor") not in paragraph_breaks(text)
    assert text.index("Nobody") in paragraph_breaks(text)
    assert _sentences(nlp, text) == [
        "The fire started in the kitchen, fire department spokesman Lt.\nRay Okafor said on "
        "Monday.",
        "Nobody was hurt.",
    ]


def test_street_after_a_number_ends_its_line():
    # "St." is Street after a name as often as Saint before one: no title abbreviation.
    text = "They were talking outside a deli on W. 83rd St.\nShe said she heard three shots."
    assert text.index("She said") in paragraph_breaks(text)


def test_a_blank_line_after_an_abbreviation_is_still_a_paragraph_break():
    text = "He retired last year with the rank of Sgt.\n\nThe department thanked him."
    assert text.index("The department") in paragraph_breaks(text)


def test_a_long_dateline_is_a_paragraph_of_its_own(nlp):
    text = (
        "Posted on March 3, 2021 10: 12am | Updated on March 3, 2021 10: 12am\n"
        "A teenager who stole a delivery van crashed it into a bakery, police said.\n"
    )
    assert text.index("A teenager") in paragraph_breaks(text)
    sentences = _sentences(nlp, text)
    assert sentences[-1] == (
        "A teenager who stole a delivery van crashed it into a bakery, police said."
    )


def test_what_is_a_dateline():
    assert is_dateline("Posted on March 3, 2021 10: 12am | Updated on March 3, 2021 10: 12am")
    assert is_dateline("PUBLISHED: 08: 15 GMT, 4 May 2019 | UPDATED: 09: 40 GMT, 4 May 2019")
    assert is_dateline("Thursday, Aug 12, 2010")
    assert is_dateline("updated 3/14/2008 7: 05: 10 PM ET")
    assert not is_dateline("Rovers beat United 2-1")
    assert not is_dateline("The mayor moved to the city in 2004")
    assert not is_dateline("Storm closes schools across the county")


def test_a_hard_wrapped_sentence_stays_one():
    # A long line that ends mid-sentence, in a date or not, is wrapped prose.
    text = (
        "The council said the new library, which it first promised to residents in 2015\n"
        "and again in 2019, would open next spring after a decade of delays and disputes.\n"
    )
    assert paragraph_breaks(text) == []
