"""The pronoun sieve's rules, each on sentences written for it, through the pinned small pipeline
(en_core_web_sm 3.8.0: SMALL_MODEL in conftest) and, where a parse cannot build the case, on
mentions built by hand. Each test says what must be linked and what must not."""

from __future__ import annotations

import pytest

from kg.coref import coreference
from kg.coref.mentions import CorefMention
from kg.coref.names import AliasRules, group_names
from kg.coref.sieves import Chains, _agree
from kg.extract import document_sentences
from kg.extract.tokens import extraction_cache
from kg.kinds import ObjectKind
from kg.types import Mention


def _chain_roots(doc) -> tuple[list[Mention], list[int]]:
    """The coreference stage's mentions of ``doc`` and, for each, the first mention of its
    chain (its links joined)."""
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc))
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for link in links:
        a, b = root(link.mention), root(link.antecedent)
        parent[max(a, b)] = min(a, b)
    return mentions, [root(i) for i in range(len(mentions))]


def pronoun_chains(nlp, text: str) -> dict[str, set[str]]:
    """Each pronoun (by its text, numbered from the second on: "his", "his#2") -> the texts of
    the other mentions of its chain."""
    mentions, roots = _chain_roots(nlp(text))
    chains: dict[str, set[str]] = {}
    for i, mention in enumerate(mentions):
        if mention.kind != ObjectKind.PRONOUN:
            continue
        key, n = mention.text, 1
        while key in chains:
            n += 1
            key = f"{mention.text}#{n}"
        chains[key] = {m.text for j, m in enumerate(mentions) if j != i and roots[j] == roots[i]}
    return chains


# -- which phrases hold a pronoun (i-within-i) ------------------------------------------------


def test_a_pronoun_may_refer_to_a_name_the_parser_hung_its_phrase_from(sm_nlp):
    """ "relieved Cheeks of his duties": the parser attaches "of his duties" to the name, but a
    name takes no complement, so the phrase does not hold "his" and he may be Cheeks."""
    chains = pronoun_chains(sm_nlp, "The team relieved Tom Cheeks of his duties on Monday.")
    assert chains["his"] == {"Tom Cheeks"}


def test_a_possessive_in_a_coordination_may_refer_to_the_other_conjunct(sm_nlp):
    chains = pronoun_chains(sm_nlp, "Sarah Palin and her family attend the church.")
    assert chains["her"] == {"Sarah Palin"}
    assert "family" not in chains["her"]  # "her family" still holds "her"


def test_a_pronoun_in_a_relative_clause_is_not_the_noun_the_clause_modifies(sm_nlp):
    chains = pronoun_chains(
        sm_nlp, "Three bank workers died when the building they were in burned."
    )
    assert "building" not in chains["they"]
    assert chains["they"] == {"Three bank workers"}


# -- agreement -------------------------------------------------------------------------------


def test_he_is_never_a_plural_description(sm_nlp):
    chains = pronoun_chains(sm_nlp, "Two gang members killed a police officer outside his house.")
    assert chains["his"] == {"police officer"}


def test_they_may_be_a_plural_name_of_no_known_type(sm_nlp):
    chains = pronoun_chains(
        sm_nlp, "The Marshals added a fugitive to the list. They offered a reward."
    )
    assert chains["They"] == {"Marshals"}
    # ... but a singular name of no known type is not "they".
    assert pronoun_chains(sm_nlp, "Comeaux left the van. They offered a reward.")["They"] == set()


def test_a_first_name_and_a_person_description_make_an_organisation_tagged_name_someone(sm_nlp):
    """The small model tags "Bettie Page" an organisation; a first name and "the pin-up model"
    in apposition say she is a woman."""
    chains = pronoun_chains(sm_nlp, "Bettie Page, the pin-up model, has died, her agent said.")
    assert "Bettie Page" in chains["her"]
    # A man's pronoun is not her.
    chains = pronoun_chains(sm_nlp, "Bettie Page, the pin-up model, has died, his agent said.")
    assert "Bettie Page" not in chains["his"]


def _mention(index: int, text: str, kind: str, **features: object) -> CorefMention:
    record = Mention(text, index * 10, index * 10 + len(text), 0, ObjectKind.ENTITY)
    values: dict[str, object] = {
        "words": frozenset(text.lower().split()),
        "modifiers": frozenset(),
        "number": "singular",
        "gender": "",
        "person": 3,
        "entity_type": "",
        "noun_class": "",
        "definite": True,
        "indefinite": False,
        "reflexive": False,
        "verb": -1,
        "role": "nsubj",
        "depth": 1,
    }
    values.update(features)
    return CorefMention(record, index, index, kind, 0, text.split()[-1].lower(), **values)  # type: ignore[arg-type]


def test_a_named_persons_gender_is_what_their_names_say_not_their_chains_other_mentions():
    """An earlier sieve may put a woman's description in a man's chain; "his" still agrees with
    "Wladimir Klitschko" (no first name of a known sex), and "she" still disagrees with "John
    Smith" however his chain is described."""
    klitschko = _mention(0, "Wladimir Klitschko", "name", entity_type="Person")
    actress = _mention(1, "actress", "nominal", noun_class="person", gender="female")
    smith = _mention(2, "John Smith", "name", entity_type="Person", gender="male")
    his = _mention(3, "his", "pronoun", gender="male", role="poss")
    she = _mention(4, "she", "pronoun", gender="female")
    chains = Chains([klitschko, actress, smith, his, she])
    chains.join(0, 1)
    assert _agree(chains, his, klitschko)
    assert not _agree(chains, she, smith)
    chains.join(2, 1)
    assert not _agree(chains, she, smith)


def test_a_singular_person_description_takes_he_whatever_its_chain_is_typed():
    """ "A 36-year-old man ... a New Zealander": the demonym is tagged a group, but the man is
    someone ("he"); a plural description is not."""
    man = _mention(0, "36-year-old man", "nominal", noun_class="person", gender="male")
    kiwi = _mention(1, "New Zealander", "name", entity_type="Group")
    men = _mention(2, "three men", "nominal", noun_class="person", number="plural")
    he = _mention(3, "he", "pronoun", gender="male")
    she = _mention(4, "she", "pronoun", gender="female")
    chains = Chains([man, kiwi, men, he, she])
    chains.join(0, 1)
    assert _agree(chains, he, man)
    assert not _agree(chains, she, man)
    assert not _agree(chains, he, men)


# -- salience --------------------------------------------------------------------------------


def test_in_its_own_sentence_the_parse_comes_before_a_person_named_earlier(sm_nlp):
    chains = pronoun_chains(
        sm_nlp, "Gaskin spoke to reporters. A man died on Friday after he slipped on the ice."
    )
    assert chains["he"] == {"man"}


def test_coordinated_verbs_share_their_subject_which_their_objects_are_not(sm_nlp):
    """ "Comeaux took the guns and handcuffed them": Comeaux is the subject of "handcuffed"
    too, so "them" is not Comeaux (principle B)."""
    chains = pronoun_chains(sm_nlp, "Comeaux took the officers' guns and handcuffed them together.")
    assert "Comeaux" not in chains["them"]


def test_a_pronoun_in_a_fronted_clause_names_the_subject_that_follows(sm_nlp):
    chains = pronoun_chains(
        sm_nlp, "As it promised on Tuesday, Microsoft issued an emergency patch."
    )
    assert chains["it"] == {"Microsoft"}
    # Only a subject that agrees: "the police" is not "she".
    chains = pronoun_chains(sm_nlp, "When she arrived, the police arrested her.")
    assert "police" not in chains["she"]


def test_a_reflexive_is_bound_by_its_clauses_subject_when_the_lexicons_cannot_say(sm_nlp):
    """A ship is "she": the grammar binds "herself" to the subject the lexicons call a thing."""
    assert pronoun_chains(sm_nlp, "The ship found herself in the thick of things.")["herself"] == {
        "ship"
    }
    # Not a person of the other sex.
    assert pronoun_chains(sm_nlp, "Mary Smith found himself alone.")["himself"] == set()


# -- it that refers to no thing --------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "A friend said that it was her decision to get help.",  # extraposed infinitive
        "The clinic said it is clear that she left.",  # extraposed that-clause
        "Lohan left the clinic. She made it to the new facility late Thursday.",  # an idiom
        "The academy asked her to do it again.",  # an action
        "Users should install the Fix-It tool today.",  # a piece of a name
    ],
)
def test_it_that_refers_to_no_thing_is_no_mention(sm_nlp, text):
    assert not [p for p in pronoun_chains(sm_nlp, text) if p.lower().startswith("it")]


def test_it_before_an_adjectives_infinitive_still_refers(sm_nlp):
    """ "it is unlicensed to perform surgery": the infinitive completes the adjective, so "it"
    is the clinic; and "made it available" is a thing made so."""
    text = (
        "A state official said the clinic is unlicensed, and it is unlicensed to perform surgery."
    )
    assert pronoun_chains(sm_nlp, text)["it"] == {"clinic"}
    text = "Microsoft wrote a patch. The company made it available on Tuesday."
    assert "it" in pronoun_chains(sm_nlp, text)


def test_a_demonym_adjective_is_not_they(sm_nlp):
    """ "The Greek prime minister": "Greek" is an adjective, not the Greeks."""
    text = (
        "The Greek prime minister denounced the murder of three bank workers killed when the "
        "building they were in was torched."
    )
    chains = pronoun_chains(sm_nlp, text)
    assert "Greek" not in chains["they"]
    assert any("workers" in m for m in chains["they"])


def test_a_relative_clauses_possessor_may_be_its_object(sm_nlp):
    """ "the mob boss whose crazy act earned him a nickname": "him" is the boss ("whose" is
    his), though "him" is an argument of the clause on "boss"."""
    text = "Vincent Gigante, the mob boss whose crazy act earned him a nickname, died in prison."
    assert "Vincent Gigante" in pronoun_chains(sm_nlp, text)["him"]


def test_a_partitives_pronoun_is_an_argument_of_the_verb_and_not_its_subject(sm_nlp):
    """ "took 23 of them": part of what "them" names is the verb's object, so "them" is not
    the verb's subject (principle B), here shared with the coordinated "caught"."""
    text = "Marines caught the pirates on Saturday and took 23 of them into custody."
    assert pronoun_chains(sm_nlp, text)["them"] == {"pirates"}
    assert pronoun_chains(sm_nlp, "The sailors took some of them to the ship.")["them"] == set()


def test_one_of_a_set_of_people_is_a_mention_a_reflexive_and_he_refer_to(sm_nlp):
    """ "One of the suspected Mafia bosses" is one person: a mention "himself" and "his" find;
    "one of them" stays the pronoun's, and makes no mention of its own."""
    text = "One of the suspected Mafia bosses has hanged himself in his cell, police said."
    chains = pronoun_chains(sm_nlp, text)
    assert "One of the suspected Mafia bosses" in chains["himself"]
    assert "One of the suspected Mafia bosses" in chains["his"]
    assert pronoun_chains(sm_nlp, "One of them hanged himself.")["himself"] == set()


def test_a_complement_without_subject_shares_its_verbs_subject_unless_an_object_controls(sm_nlp):
    """ "John Smith wanted to meet him": Smith is who would meet, so "him" is someone else
    (principle B through subject control); "asked Tom Jones to help him": Jones would help,
    and "him" may be Smith."""
    assert pronoun_chains(sm_nlp, "John Smith wanted to meet him.")["him"] == set()
    chains = pronoun_chains(sm_nlp, "John Smith asked Tom Jones to help him.")
    assert chains["him"] == {"John Smith"}
    text = "Gupta met reporters. Obama was so intent on recruiting him that he called twice."
    assert "Obama" not in pronoun_chains(sm_nlp, text)["him"]


@pytest.mark.parametrize(
    ("text", "referent", "not_referent"),
    [
        # A participle set beside its clause is its main verb's subject's deed.
        (
            "Tom Walker beat Jim Brown in Denver, knocking him down twice.",
            "Jim Brown",
            "Tom Walker",
        ),
        ("Mary Evans met Susan Clark on Monday, giving her a book.", "Susan Clark", "Mary Evans"),
        # "By" with a gerund says how the subject did it, over the verb's own object.
        (
            "The virus let thieves take over laptops by steering them to fake sites.",
            "laptops",
            "thieves",
        ),
    ],
)
def test_a_participle_or_by_gerund_without_subject_is_its_main_verbs_subjects(
    sm_nlp, text, referent, not_referent
):
    """ "Klitschko dominated Rahman, knocking him down": a subjectless participle beside its
    clause (a free adjunct), or a gerund after "by", has the main verb's subject for its own,
    so its object pronoun is someone else (principle B through subject control)."""
    chains = pronoun_chains(sm_nlp, text)
    pronoun = next(p for p in ("him", "her", "them") if p in chains)
    assert referent in chains[pronoun]
    assert not_referent not in chains[pronoun]


@pytest.mark.parametrize(
    "text",
    [
        "John Smith was shot by a gunman on Monday, leaving him paralysed.",
        "John Smith fell down the stairs on Monday, leaving him badly hurt.",
    ],
)
def test_a_participle_after_a_passive_or_intransitive_verb_may_be_the_events(sm_nlp, text):
    """After a passive or an intransitive verb a participle may tell what the event did
    ("was shot, leaving him paralysed"): its object may be the main verb's subject."""
    assert pronoun_chains(sm_nlp, text)["him"] == {"John Smith"}


def test_a_participle_after_a_subordinator_is_not_a_free_adjunct(sm_nlp):
    """The rule is for subjectless free adjuncts: its possessives and reflexives stay the main
    subject's ("Tom Walker left, blaming himself")."""
    chains = pronoun_chains(sm_nlp, "Tom Walker left the room, blaming himself for the loss.")
    assert chains["himself"] == {"Tom Walker"}


@pytest.mark.parametrize(
    ("text", "referent", "not_referent"),
    [
        # Hung from the noun of a phrase inside the one it modifies: the phrase holding it.
        (
            "Tom Smith, the director of the agency during the scandal who later became "
            "famous, died on Monday.",
            "Tom Smith",
            "scandal",
        ),
        (
            "Police caught a man serving two life sentences who escaped from prison last week.",
            "man serving two life sentences",
            "two life sentences",
        ),
        # Hung from the head of a phrase whose complement is someone: that complement.
        (
            "The stories of women in history who fought for the vote are told here.",
            "women",
            "stories of women in history",
        ),
    ],
)
def test_a_who_hung_from_no_one_stands_for_the_nearest_someone_of_its_phrase(
    sm_nlp, text, referent, not_referent
):
    """ "Who" stands for someone: a clause the parser hangs from a noun that is no one ("the
    Watergate scandal who", "three life sentences who") modifies the nearest noun that is
    someone inside that noun's phrase or in the phrase that holds it."""
    chains = pronoun_chains(sm_nlp, text)
    assert referent in chains["who"]
    assert not_referent not in chains["who"]


@pytest.mark.parametrize(
    ("text", "referent", "not_referent"),
    [
        (
            "Firemen had to restrain an elderly woman outside the bank, who wept and cried.",
            "elderly woman outside the bank",
            "bank",
        ),
        (
            "Police were targeting members of the gang, who had a long feud with the crew.",
            "members of the gang",
            "gang",
        ),
        # A person in one frequent sense of the noun, not in its first ("star", "head").
        (
            "The star of the local theater company, who had been ill for years, died on Monday.",
            "star of the local theater company",
            "local theater company",
        ),
    ],
)
def test_a_who_hung_from_a_body_or_place_inside_a_persons_phrase_is_the_person(
    sm_nlp, text, referent, not_referent
):
    """A body may be a "who" ("the Tigers, who have lost six in a row"), but when its noun is
    the object of a preposition in the phrase of a person ("a woman outside the bank, who",
    "members of the gang, who", "the star of the company, who"), the person is the likelier
    one."""
    chains = pronoun_chains(sm_nlp, text)
    assert referent in chains["who"]
    assert not_referent not in chains["who"]
    assert pronoun_chains(sm_nlp, "The Orange beat the Tigers, who have lost six in a row.")[
        "who"
    ] == {"Tigers"}


@pytest.mark.parametrize(
    ("text", "referent", "not_referent"),
    [
        # Hung from a person with a body inside the person's phrase: the body.
        (
            "The plan is wrong, said attorney Kassie Siegel of the Center for Biological "
            "Diversity, which is suing the government.",
            "Center for Biological Diversity",
            "Kassie Siegel",
        ),
        # Hung from a person whose phrase another holds: that one.
        (
            "Two men were arrested in the murder of Deputy John Escalante which took place "
            "outside his home.",
            "murder of Deputy John Escalante",
            "John Escalante",
        ),
    ],
)
def test_a_which_hung_from_a_person_stands_for_the_nearest_thing_of_its_phrase(
    sm_nlp, text, referent, not_referent
):
    """ "Which" is never someone: a clause the parser hangs from a person modifies the nearest
    noun of no person in that person's phrase or in the phrase holding it. A name the
    recogniser typed a person with no first name or title to vouch for it ("the supertanker
    Sirius Star, which") keeps its clause."""
    chains = pronoun_chains(sm_nlp, text)
    assert referent in chains["which"]
    assert not_referent not in chains["which"]
    text = "The navy rescued the supertanker Sirius Star, which was loaded with oil."
    assert pronoun_chains(sm_nlp, text)["which"] == {"Sirius Star"}


def test_a_who_hung_from_a_group_or_a_pronoun_stays_there(sm_nlp):
    """A group noun ("the crowd who") with no one around it keeps its clause, and "those who"
    is the pronoun's, not someone else's."""
    assert pronoun_chains(sm_nlp, "The crowd who cheered the team stayed late.")["who"] == {"crowd"}
    assert pronoun_chains(sm_nlp, "Those who knew him were shocked.")["who"] == set()


def test_they_who_say_or_think_something_is_someone(sm_nlp):
    """ "They said they would return": who says or thinks a clause is people or a body, not an
    event or a time ("the protests"), however prominent; a "they" with only such before it is
    left alone. A verb of saying's raised complement is what it says ("the man who they say
    robbed the store")."""
    text = (
        "The protests ended on Friday after students met the minister. They said they would return."
    )
    chains = pronoun_chains(sm_nlp, text)
    assert "students" in chains["They"]
    assert "protests" not in chains["They"]
    text = "The charges were filed on Friday against the man who they say robbed the store."
    assert pronoun_chains(sm_nlp, text)["they"] == set()
    # Not a "they" that reports nothing: "The protests ended. They were peaceful."
    assert pronoun_chains(sm_nlp, "The protests ended on Friday. They were peaceful.")["They"] == {
        "protests"
    }


def test_the_object_of_a_coordinated_verb_is_first_that_verbs_object(sm_nlp):
    """ "Brown questioned the driver and police arrested him": the object of a verb coordinated
    with another is first of all that verb's object (parallel objects), ahead of a name the
    sentence gives elsewhere."""
    text = "Detective Tom Brown questioned the driver on Monday and police arrested him on Friday."
    chains = pronoun_chains(sm_nlp, text)
    assert chains["him"] == {"driver"}
    assert "Tom Brown" not in chains["him"]


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (
            "Tom Walker spoke about seeing his brother plunge to his death on the mountain.",
            "Tom Walker",
        ),
        ("Mary Page said her mother reclaimed her children after a year.", "Mary Page"),
        ("Tom Walker was in court when his brother admitted to faking his illness.", "Tom Walker"),
    ],
)
def test_a_possessive_in_a_predicate_is_its_possessed_subjects(sm_nlp, text, name):
    """ "his brother plunge to his death": a possessive in the predicate of a clause whose
    subject is a possessed description of someone ("his brother", "her mother") is that
    subject's, ahead of the name the sentence opens with."""
    chains = pronoun_chains(sm_nlp, text)
    second = next(key for key in chains if key.endswith("#2"))
    assert chains[second] == {"mother" if "mother" in text else "brother"}
    assert name not in chains[second]


def test_a_possessive_in_a_subject_is_not_a_possessed_subjects(sm_nlp):
    """In "his father was an engraver, and his mother was a seamstress" the second "his" is in
    a subject, not in a predicate: it is not the father's."""
    text = (
        "Tom Walker grew up in Ohio. His father was an engraver, and his mother was a seamstress."
    )
    chains = pronoun_chains(sm_nlp, text)
    assert "Tom Walker" in chains["his"]
    assert "father" not in chains["his"]


# -- rules added with the second tuning list --------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        # A parenthetical verb of seeming stands for its host clause.
        "Now, it seems, a dispute is going on between the studio and the magazine.",
        "The flaw, it appears, affects every version of the browser.",
        "As it turned out, the storm missed the city.",
        "As it happens, the mayor was away that week.",
        # "take" with a stretch of time and an infinitive: what takes the time is the infinitive.
        "The ferry will arrive on Monday, and it will take two weeks for the line to reopen.",
        "The fire spread quickly, and it took hours to put out the flames.",
        # A noun predicate of "be" and a clause bounding a stretch of time.
        "The team fired the coach, and it was only a matter of time before he came back.",
        "The plant closed in May, and it was years until the owners reopened the site.",
    ],
)
def test_it_that_stands_for_a_clause_or_a_time_is_no_mention(sm_nlp, text):
    chains = pronoun_chains(sm_nlp, text)
    assert all(not chains[p] for p in chains if p.lower() == "it")


def test_it_with_a_seeming_verb_of_its_own_or_a_thing_taking_something_still_refers(sm_nlp):
    """Not parenthetical: "it appears on every screen" is a thing that appears; "take" with no
    infinitive is a thing that takes something; "a hit when it opened" is the film."""
    chains = pronoun_chains(sm_nlp, "The company changed its logo. It appears on every screen.")
    assert chains["It"]
    # A clause of time is no parenthetical: "when it appeared" is the comet.
    text = "When it appeared, the comet was bright."
    assert pronoun_chains(sm_nlp, text)["it"] == {"comet"}
    chains = pronoun_chains(sm_nlp, "The navy sent a frigate, and it took two hostages aboard.")
    assert chains["it"]  # the navy or the frigate: a thing, not a clause
    text = "The studio made the film in 1999. It was a hit when it opened."
    assert pronoun_chains(sm_nlp, text)["It"]


def test_a_relative_pronoun_has_its_nouns_number(sm_nlp):
    """ "rivals who wanted to fight": "who" is plural like "rivals", so "he" is not it; "a man
    who" stays singular."""
    text = "John Smith met some rivals who wanted to fight, and then he left."
    chains = pronoun_chains(sm_nlp, text)
    assert "rivals" not in chains["he"]
    assert "John Smith" in chains["he"]


def test_an_amount_is_not_what_a_pronoun_refers_to(sm_nlp):
    """ "364 yards" is a value measured, not a thing: "They" is the Colts."""
    text = "The Colts beat the Jaguars. Manning threw for 364 yards. They won the game easily."
    chains = pronoun_chains(sm_nlp, text)
    assert not any("yards" in m for m in chains["They"])
    assert any("Colts" in m or "Jaguars" in m for m in chains["They"])


def test_they_is_never_one_person_named_in_full():
    """A person's full name is one person: "their" is not "Hasim Rahman" even when an earlier
    sieve put a group in his chain; a plural name typed a group still is."""
    rahman = _mention(0, "Hasim Rahman", "name", entity_type="Person")
    americans = _mention(1, "American", "name", entity_type="Group", number="plural")
    marshals = _mention(2, "U. S. Marshals", "name", entity_type="Organization")
    their = _mention(3, "their", "pronoun", number="plural", role="poss")
    chains = Chains([rahman, americans, marshals, their])
    chains.join(0, 1)
    assert not _agree(chains, their, rahman)
    assert _agree(chains, their, marshals)


def test_coordinated_verbs_are_one_level_of_the_sentence_for_a_pronoun(sm_nlp):
    """ "after pulling a gun and handcuffing two guards, stealing their weapons": the guards are
    an argument of a verb coordinated with the pronoun's, nearer than the sentence's subject."""
    text = (
        "Prison officials could not say how the inmate escaped after pulling a gun and "
        "handcuffing two guards, stealing their weapons and walking away."
    )
    chains = pronoun_chains(sm_nlp, text)
    assert any("guards" in m for m in chains["their"])
    assert not any("officials" in m for m in chains["their"])


def test_a_pronoun_is_not_the_relative_pronoun_of_a_clause_that_holds_it(sm_nlp):
    """ "a flaw which it said had been exploited": "which" is the flaw, whose clause holds "it";
    "it" is Microsoft."""
    text = "Microsoft fixed a flaw in its browser which it said had been exploited by criminals."
    chains = pronoun_chains(sm_nlp, text)
    assert "Microsoft" in chains["it"]
    assert not any("flaw" in m for m in chains["it"])


def test_a_noun_whose_phrase_holds_the_pronoun_only_inside_a_clause_may_be_its_referent(sm_nlp):
    """ "a man accused of killing his wife": the participle clause on "man" holds "his", which
    may be the man (i-within-i stops at the clause); "his lawyer" and "the president of its
    board" still do not refer to the phrases that hold them."""
    text = "The court heard the case of a man accused of killing his wife in March."
    assert any("man" in m for m in pronoun_chains(sm_nlp, text)["his"])
    chains = pronoun_chains(sm_nlp, "A farmer spoke to his lawyer on Monday.")
    assert not any("lawyer" in m for m in chains["his"])
    chains = pronoun_chains(sm_nlp, "The company said the president of its board resigned.")
    assert not any("president" in m for m in chains["its"])


@pytest.mark.parametrize(
    "text",
    [
        "It was the driver who caused the crash, police said.",  # a cleft on a person
        "It was Smith who scored the last goal.",  # a cleft on a name
        "It was 2 a.m. when the fire started.",  # the time
        "It was Monday, and the store was closed.",  # the day
    ],
)
def test_it_said_to_be_a_person_or_a_time_is_no_mention(sm_nlp, text):
    assert not [p for p in pronoun_chains(sm_nlp, text) if p.lower().startswith("it")]


def test_it_said_to_be_a_thing_still_refers(sm_nlp):
    """ "It was a factory that made tires": a thing may be what "it" is."""
    text = "The company bought a plant. It was a factory that made tires."
    assert pronoun_chains(sm_nlp, text)["It"] == {"plant"}  # a factory is no company


def test_a_body_of_people_may_be_they_but_not_one_named_by_its_members(sm_nlp):
    """ "The family said their son ...": a body of people is "they" in the singular; "a gang of
    four thieves -- two of them": "them" is the thieves, not the gang; nor is a modifier
    ("gang-related") a referent."""
    chains = pronoun_chains(sm_nlp, "The family said their son had been missing since Friday.")
    assert chains["their"] == {"family"}
    assert pronoun_chains(sm_nlp, "The crew said they had seen the storm.")["they"] == {"crew"}
    text = "A gang of four thieves, two of them dressed as women, robbed the store."
    assert pronoun_chains(sm_nlp, text)["them"] == {"four thieves"}


def test_a_lower_case_noun_the_recogniser_took_for_a_name_is_a_description(sm_nlp):
    """A name is written with a capital: "colonists" tagged a person is a plural description,
    which "their" may refer to."""
    text = "The barn was built when colonists arrived from Ohio to try their hand at farming."
    assert pronoun_chains(sm_nlp, text)["their"] == {"colonists"}


@pytest.mark.parametrize(
    "text",
    [
        "The plant lost money. It emerged on Friday that the manager had resigned.",
        "The plant lost money. It would be wrong to blame the workers.",  # a modal adjective
        "The plant lost money. It is too early to say why.",  # a time adjective
        "The plant lost money. It was unclear if anyone would be laid off.",  # a question
        "The plant reopened. It was the first time in years that the town had jobs.",
        "The team lost again. It was a tough night for the coach.",  # the time
    ],
)
def test_it_of_an_extraposed_clause_after_a_modal_adjective_or_a_time_is_no_mention(sm_nlp, text):
    assert not [p for p in pronoun_chains(sm_nlp, text) if p.lower().startswith("it")]


def test_it_of_a_raising_or_tough_adjective_with_a_gap_still_refers(sm_nlp):
    """ "It is likely to close": the plant (raising); "it is hard to find": a thing hard to find
    (the infinitive's object is "it"); "hard to find work" has its own object and is
    extraposed."""
    assert pronoun_chains(sm_nlp, "The plant lost money. It is likely to close.")["It"] == {"plant"}
    assert pronoun_chains(sm_nlp, "The firm makes a rare part. It is hard to find.")["It"]
    text = "The firm makes a rare part. It is hard to find work in the town."
    assert "It" not in pronoun_chains(sm_nlp, text)


def test_an_infinitive_of_purpose_has_its_main_verbs_subject(sm_nlp):
    """ "Obama called Gupta to offer him the job": Obama offers, so "him" is not Obama
    (principle B through the purpose clause's understood subject), whatever objects "called"
    has; it is Gupta."""
    chains = pronoun_chains(sm_nlp, "Obama called Gupta to offer him the job.")
    assert chains["him"] == {"Gupta"}


def test_an_object_that_controls_an_infinitive_is_its_clauses_subject(sm_nlp):
    """ "The judge ordered the woman to stay until she finished": the woman is the subject of
    "stay", the clause that holds "she", nearer than the judge."""
    text = "The judge ordered the woman to stay in rehab until she finished her treatment."
    chains = pronoun_chains(sm_nlp, text)
    assert "woman" in chains["she"]
    assert "judge" not in chains["she"]


def test_a_reflexive_in_an_object_controlled_infinitive_is_the_object(sm_nlp):
    """ "asked Tom Jones to help himself": Jones helps, and binds the reflexive; with no object,
    the subject does ("wanted to help himself")."""
    assert pronoun_chains(sm_nlp, "John Smith asked Tom Jones to help himself.")["himself"] == {
        "Tom Jones"
    }
    assert pronoun_chains(sm_nlp, "John Smith wanted to help himself.")["himself"] == {"John Smith"}
    text = "The coach told the players to protect themselves."
    assert pronoun_chains(sm_nlp, text)["themselves"] == {"players"}


def test_a_reflexive_in_an_infinitive_completing_a_noun_is_bound_by_the_nouns_possessor(sm_nlp):
    """ "The senator's decision to defend herself": the possessor decides, and is the understood
    subject of the infinitive, which binds the reflexive; not the phrase that holds it ("the
    company's decision to sell itself" is the company's), and only if they agree."""
    text = "The senator's decision to defend herself angered the party."
    assert pronoun_chains(sm_nlp, text)["herself"] == {"senator"}
    text = "The company's decision to sell itself surprised investors."
    assert pronoun_chains(sm_nlp, text)["itself"] == {"company"}
    text = "It is the voters' turn to protect themselves."
    assert pronoun_chains(sm_nlp, text)["themselves"] == {"voters"}
    text = "His decision to give himself up ended the standoff."
    assert pronoun_chains(sm_nlp, text)["himself"] == {"His"}
    text = "Her decision to give himself up ended the standoff."
    assert pronoun_chains(sm_nlp, text)["himself"] == set()


def test_a_reflexive_in_a_participle_completing_a_noun_is_bound_by_the_noun(sm_nlp):
    """ "Police arrested a woman calling herself the queen": the woman calls, not the police
    (the noun's phrase, which holds the participle, is the mention)."""
    text = "Police arrested a woman calling herself the queen."
    (woman,) = pronoun_chains(sm_nlp, text)["herself"]
    assert woman.startswith("woman")
    text = "Officers met a woman seen throwing herself at the car."
    (woman,) = pronoun_chains(sm_nlp, text)["herself"]
    assert woman.startswith("woman")


def test_an_intensive_reflexive_beside_a_noun_is_that_nouns(sm_nlp):
    """ "in the words of the owner himself", "including the High Street itself": a reflexive set
    in apposition to a noun intensifies it, whatever its clause's subject; a thing is "itself",
    not "himself"."""
    text = "The team will not bid, in the words of the owner himself."
    assert pronoun_chains(sm_nlp, text)["himself"] == {"owner"}
    text = "Roads around the town, including the High Street itself, were closed."
    assert pronoun_chains(sm_nlp, text)["itself"] == {"High Street"}
    text = "Roads around the town, including the High Street himself, were closed."
    assert pronoun_chains(sm_nlp, text)["himself"] == set()


def test_a_reflexive_in_a_fronted_clause_with_no_subject_is_bound_by_the_sentences_subject(
    sm_nlp,
):
    """ "After locking herself in an office, the manager called the police": a participle
    clause before its sentence's subject has that subject for its own, which binds the
    reflexive when they agree; a dangling participle means the subject's possessor ("Smith's
    numbers" do not fend for themselves, Smith does)."""
    text = "After locking herself in an office, the manager called the police."
    assert pronoun_chains(sm_nlp, text)["herself"] == {"manager"}
    text = "Left to fend for himself, the rookie struggled."
    assert pronoun_chains(sm_nlp, text)["himself"] == {"rookie"}
    text = "Left to fend for himself, Smith's numbers have dropped."
    assert pronoun_chains(sm_nlp, text)["himself"] == {"Smith"}
    text = "After locking herself in an office, the managers called the police."
    assert pronoun_chains(sm_nlp, text)["herself"] == set()


def test_a_pronoun_is_not_what_the_pronoun_subject_of_its_clause_refers_to(sm_nlp):
    """Principle B through the subject's chain: in "it handed them to the police", "them" is not
    the navy that "it" is; in "they decided to spend it", "it" is not the Angels."""
    text = "The Indian Navy said it had captured 23 pirates, and it handed them to the police."
    assert pronoun_chains(sm_nlp, text)["them"] == {"23 pirates"}
    text = "The Angels have money, and they decided to spend it on Teixeira."
    assert "Angels" not in pronoun_chains(sm_nlp, text)["it"]
    text = "The protesters said they would march, and police said they would block them."
    assert "police" not in pronoun_chains(sm_nlp, text)["them"]


def test_a_ship_is_a_thing_however_the_recogniser_tags_it(sm_nlp):
    """ "INS Mysore" opens with a ship prefix: "its crew" is the ship's, and "he" is not the
    ship, even where the recogniser tags the name a person."""
    text = "INS Mysore foiled the attack and its crew captured the pirates."
    assert pronoun_chains(sm_nlp, text)["its"] == {"INS Mysore"}
    text = "INS Mysore stopped the boat. He said the pirates were armed."
    assert "INS Mysore" not in pronoun_chains(sm_nlp, text)["He"]


def test_a_possessed_description_of_no_known_gender_yields_to_its_possessor(sm_nlp):
    """ "Her rep said she was fine": the rep is of no known gender, the possessor is a woman, so
    "she" is the possessor; a description whose gender is known keeps its place ("Her husband
    said he ...")."""
    text = "The actress checked into the clinic. Her rep said she was fine."
    chains = pronoun_chains(sm_nlp, text)
    assert "actress" in chains["she"]
    assert "rep" not in chains["she"]
    text = "The actress checked into the clinic. Her husband said he was relieved."
    assert "husband" in pronoun_chains(sm_nlp, text)["he"]


def test_a_possessive_in_a_phrase_fronted_before_the_subject_names_that_subject(sm_nlp):
    """ "In its latest report, the agency said ...": the possessive of a phrase set before the
    subject is the subject's, not an earlier report's."""
    text = "The report came out on Monday. In its latest report, the agency said prices rose."
    assert pronoun_chains(sm_nlp, text)["its"] == {"agency"}
    text = "The Colts won on Sunday. After their loss, the Chiefs fired their coach."
    assert "Chiefs" in pronoun_chains(sm_nlp, text)["their"]


# -- rules of the fourth round ------------------------------------------------------------------


def test_a_person_holds_a_pronoun_in_an_adjunct_but_not_in_a_complement_or_a_things(sm_nlp):
    """i-within-i bars a noun from its own complement ("the president of its board"), not from
    an adjunct of place or company set beside a person ("a deputy outside his house" may be
    his); a thing's adjunct is its maker's ("a flaw in its browser" is not the flaw's)."""
    chains = pronoun_chains(
        sm_nlp, "Two men were arrested for the murder of a deputy outside his house."
    )
    assert any("deputy" in text for text in chains["his"])
    chains = pronoun_chains(sm_nlp, "Microsoft said a flaw in its browser was fixed.")
    assert chains["its"] == {"Microsoft"}


def test_a_description_named_by_its_apposition_describes_no_one_else(sm_nlp):
    """ "neurosurgeon and CNN medical correspondent Dr. Anna Smith": the description is named
    already, so the description sieve does not give it to the person named before it, and
    "she" is Anna Smith, not Tom Baker too."""
    chains = pronoun_chains(
        sm_nlp,
        "President-elect Tom Baker has asked neurosurgeon and CNN medical correspondent Dr. "
        "Anna Smith to be U.S. surgeon general, a senior Democrat said on Tuesday. She said she "
        "was honoured.",
    )
    assert "Anna Smith" in chains["She"]
    assert "Tom Baker" not in chains["She"]


@pytest.mark.parametrize(
    "text",
    [
        'The witness sat down beside Bob Jones. "Jones fired the shot," he told the jury.',
        "The witness sat beside Bob Jones. He said Jones had fired the shot.",
    ],
)
def test_a_subject_pronoun_is_no_one_named_in_the_clause_it_reports(sm_nlp, text):
    """Principle C: the subject of "say" stands over its complement, a quotation before it
    too, and is no one named there, wherever else that one is named; a pronoun there may be
    the subject ("Bob Jones ... He said he had fired")."""
    chains = pronoun_chains(sm_nlp, text)
    (pronoun,) = chains
    assert chains[pronoun] == {"witness"}
    chains = pronoun_chains(sm_nlp, "Bob Jones was arrested. He said he had fired the shot.")
    assert chains["he"] == {"Bob Jones", "He"}


def test_he_goes_on_speaking_of_the_he_subject_of_the_sentence_before(sm_nlp):
    """Centering: a "he" subject of the sentence before comes before a person named there, and
    the subject of a verb of saying set as an aside is not who the clause it reports names."""
    chains = pronoun_chains(
        sm_nlp,
        "Bob Jones took the stand on Monday. After a fight with some rivals, he testified, Tom "
        "Smith pulled the trigger. Then he left the court.",
    )
    assert chains["he"] == {"Bob Jones", "he"}
    assert chains["he#2"] == {"Bob Jones", "he"}


def test_their_in_its_own_sentence_is_someones_before_a_things(sm_nlp):
    """What "their" possesses is mostly had by people and bodies: in its own sentence a person
    comes before a thing; in the sentence before, the nearest still wins ("Their repair")."""
    chains = pronoun_chains(
        sm_nlp,
        "A prisoner overpowered two guards, stole their weapons and walked off in one of their "
        "uniforms.",
    )
    assert chains["their#2"] == {"two guards", "their"}
    chains = pronoun_chains(
        sm_nlp, "Three undersea cables were cut on Friday. Their repair will take two weeks."
    )
    assert chains["Their"] == {"Three undersea cables"}


def test_a_pronoun_in_a_quotation_is_not_its_speaker(sm_nlp):
    """A speaker calls themself "I": a "he" in what they say is someone else, in the speaker's
    sentence ("'He is the best player I have coached,' Baker said") or in a quotation whose
    speaker is named in the sentence after it."""
    chains = pronoun_chains(
        sm_nlp,
        "Tom Baker watched Sam Ortiz play on Friday. “He is the best player I have coached,” "
        "Baker said.",
    )
    assert chains["He"] >= {"Sam Ortiz"}
    assert not chains["He"] & {"Tom Baker", "Baker", "I"}
    chains = pronoun_chains(
        sm_nlp,
        "Coach Tom Baker praised Sam Ortiz after the game. “I told him he had to lead the "
        "team,” Baker said.",
    )
    assert chains["he"] >= {"Sam Ortiz"}
    assert not chains["he"] & {"Tom Baker", "Baker", "I"}


def test_a_him_in_a_quotation_is_not_the_he_who_says_it_after(sm_nlp):
    """ "'They cuffed him on the ground,' he said": the speaker written after the quotation as a
    pronoun is resolved before the quotation's pronouns, so that "him" is someone else than
    whoever "he" turns out to be (the witness, not the suspect he speaks of)."""
    chains = pronoun_chains(
        sm_nlp,
        "Police arrested a suspect near the house of Tom Baker. “They cuffed him on the "
        "ground,” he said.",
    )
    assert chains["he"] >= {"Tom Baker"}
    assert "Tom Baker" not in chains["him"]
    assert chains["him"] >= {"suspect"}


def test_a_copula_written_with_a_typographic_apostrophe_is_a_copula(sm_nlp):
    """ "It’s too early to judge" is "It's too early to judge": the pipelines lemmatise "’s"
    as "’" (their rules know "'s" only), and the expletive rules read "be" by its lemma. The
    possessive "’s" is no verb; a "ready" subject is still the company."""
    chains = pronoun_chains(
        sm_nlp, "The city opened a new bridge. It’s too early to judge the traffic."
    )
    assert "It" not in chains
    chains = pronoun_chains(
        sm_nlp, "The team moved into a new arena in May. It’s great to have a home of our own."
    )
    assert "It" not in chains
    chains = pronoun_chains(sm_nlp, "The company said it’s ready to ship the first cars.")
    assert chains["it"] == {"company"}


def test_he_is_not_a_name_set_before_someones_title(sm_nlp):
    """ "Marshall coach Tom Baker": the name before the title says whom the coach works for
    (the recogniser may take it for a person), and is no participant a "he" goes on speaking
    of."""
    chains = pronoun_chains(
        sm_nlp,
        "Sam Ortiz scored twenty points on Friday. Marshall coach Tom Baker agreed. “Look at "
        "his numbers,” Baker said.",
    )
    assert chains["his"] == {"Sam Ortiz"}


def test_who_reports_a_quotation_stands_outside_it(sm_nlp):
    """In text set one sentence a line, a quotation's straight marks may fall unpaired on each
    line ("I was scared, "she testified."): the subject of the verb reporting it is not in the
    quotation, and so not barred from being someone the speaker search finds elsewhere."""
    chains = pronoun_chains(
        sm_nlp,
        'Ann Lee told the court what she saw that day.\n"I ran to my son.\nI was scared, "she '
        "testified.\nLee said she hid in a store.",
    )
    assert chains["she#2"] >= {"Ann Lee"}


def test_a_common_noun_opening_a_sentence_is_no_name(sm_nlp):
    """ "entered rehab ... Rehab has been calling her name": a word the document writes in
    lower case as a noun is that noun when it opens a sentence with a capital, whatever the
    recogniser tagged it, and "her" is not it. A name opening a sentence stays one."""
    chains = pronoun_chains(
        sm_nlp, "Sarah Jones finally entered rehab on Monday. Rehab has been calling her name."
    )
    assert chains["her"] == {"Sarah Jones"}
    chains = pronoun_chains(sm_nlp, "Sarah Jones was in court. Jones said she was sorry.")
    assert chains["she"] >= {"Jones"}


def test_it_after_a_verb_of_denying_is_a_claim(sm_nlp):
    """ "The mayor denied it": what one denies or admits is a claim, which no noun phrase names;
    "it" is left alone. Idiomatic "it goes without saying that ..." stands for the clause."""
    chains = pronoun_chains(
        sm_nlp,
        "Reporters said the mayor took money from the company. The mayor denied it on Monday.",
    )
    assert "it" not in chains
    chains = pronoun_chains(
        sm_nlp,
        "The city built a new arena for the team. It goes without saying that the fans love "
        "the place.",
    )
    assert "It" not in chains


def test_he_goes_on_speaking_of_a_described_subject_of_the_sentence_before(sm_nlp):
    """Centering on a description: "The man was caught" makes the man the one the story is on,
    so the next sentence's "he" is him, ahead of a person named further back; an indefinite
    subject, new to the story, does not come first."""
    chains = pronoun_chains(
        sm_nlp,
        "Witnesses told Lt. Tom Baker that a man ran from the store. The man was caught an "
        "hour later. He was stopped on the highway.",
    )
    assert "man" in chains["He"]
    assert "Tom Baker" not in chains["He"]


def test_a_clause_of_time_with_a_verb_of_saying_is_no_aside(sm_nlp):
    """ "Baker said Ortiz lied when he claimed the money was gone": "when he claimed" is a
    clause of time on "lied", not an aside reporting the clause it hangs from ("Timmons, he
    testified, pulled the trigger"), so principle C does not bar Ortiz: he is the liar."""
    chains = pronoun_chains(
        sm_nlp, "Tom Baker said Sam Ortiz lied when he claimed the money was gone."
    )
    assert chains["he"] == {"Sam Ortiz"}


def test_it_raised_over_a_passive_with_an_infinitive_is_a_thing(sm_nlp):
    """ "It is expected to carry most of the traffic": the subject of the infinitive, raised,
    refers; only a that-clause makes a passive's "it" stand for a clause ("It was reported
    that ...")."""
    chains = pronoun_chains(
        sm_nlp, "The new cable cost a lot. It is expected to carry most of the traffic."
    )
    assert chains["It"] == {"new cable"}
    chains = pronoun_chains(
        sm_nlp,
        "The company released the report on Monday. It was reported that the firm lost money.",
    )
    assert "It" not in chains


def test_a_capitalised_plural_after_the_is_they(sm_nlp):
    """ "the Bulldogs' deficit ... they": a name that is a plural after "the" is a team or a
    people, whatever the recogniser typed it (a person here), and "they" may be it."""
    chains = pronoun_chains(
        sm_nlp,
        "Tom Baker scored late. A late layup cut the Bulldogs' deficit to four, but they did "
        "not score again.",
    )
    assert chains["they"] == {"Bulldogs"}


# (text, the "it" that stands for a clause, or None for one that is a thing): extraposition
# after a linking verb's predicate, in a small clause, and after a verb whose subject is often a
# that-clause.
EXTRAPOSED = [
    (
        "The coach praised the young striker. It seems likely he will sign a new deal.",
        "It",
    ),
    ("The club made an offer. It appears highly unlikely that the player will stay.", "It"),
    (
        "The flaw was severe, making it imperative for the company to release a fix.",
        "it",
    ),
    ("The singer won the award. It doesn't hurt that he is tall.", "It"),
    # A thing: no clause ("it helps farmers"), or a tough adjective whose infinitive has no
    # object of its own ("made it easy to sell": the phone is easy to sell).
    ("The company sold a new tool. It helps farmers.", None),
    ("The company built a cheap phone, making it easy to sell.", None),
    # Nor after an adjective that does not take an infinitive as its subject: the drone is
    # ready to ship.
    ("The company packed the drone, making it ready to ship.", None),
]


@pytest.mark.parametrize(("text", "expletive"), EXTRAPOSED, ids=[t for t, _ in EXTRAPOSED])
def test_an_it_that_stands_for_a_clause_after_it_refers_to_nothing(sm_nlp, text, expletive):
    chains = pronoun_chains(sm_nlp, text)
    if expletive is not None:
        assert expletive not in chains, chains
    else:
        it = "It" if "It" in text else "it"
        assert it in chains, chains


def test_a_reflexive_in_a_relative_clause_is_bound_by_its_relative_pronoun(sm_nlp):
    """ "the prisoner, who handed himself in": the relative clause's subject "who" is the noun it
    modifies, so a reflexive argument of that clause is that noun (an object that is no
    reflexive still is not: "the prisoner who hit him")."""
    chains = pronoun_chains(
        sm_nlp, "Officers talked for hours with the prisoner, who handed himself over at noon."
    )
    assert "prisoner" in chains["himself"]
    chains = pronoun_chains(sm_nlp, "Tom Baker met the prisoner who hit him.")
    assert "prisoner" not in chains["him"]


def test_a_copula_reports_no_clause(sm_nlp):
    """ "Mark Dale is a cousin of the victims, he is the brother of ...": the parser hangs the
    first clause from the second's "is" as its complement, but a copula's subject says or
    thinks nothing, so principle C does not keep "he" off the name in it."""
    chains = pronoun_chains(
        sm_nlp,
        "Police arrested a man on Sunday. Mark Dale is related to the victims, he is the "
        "nephew of Ann Dale.",
    )
    assert "Mark Dale" in chains["he"]


def test_a_pronoun_written_with_a_capital_after_a_word_is_part_of_a_name(sm_nlp):
    """ "install the Fix It": a third-person pronoun capitalised inside a sentence is a word of a
    name or title, no pronoun; one opening its sentence still is."""
    chains = pronoun_chains(
        sm_nlp,
        "The company released a tool called Fix It. Users should install the Fix It before "
        "the update arrives. It fixes the flaw.",
    )
    assert "It" in chains  # the sentence's first word
    assert "It#2" not in chains and "It#3" not in chains


def test_it_is_no_name_in_the_plural_of_a_noun_for_people(sm_nlp):
    """ "Police said Demonstrators had ...": a plural of a noun for people, read as a name for
    its capital, is a group of people, which "they" may be but "it" is not."""
    chains = pronoun_chains(
        sm_nlp,
        "Police said Demonstrators had surrounded the building before it opened. They threw "
        "stones.",
    )
    assert "Demonstrators" not in chains["it"]
    assert "building" in chains["it"]
    chains = pronoun_chains(
        sm_nlp, "Police said Protesters had entered the square. Later it was cleared."
    )
    assert "Protesters" not in chains["it"]


def test_they_refers_to_a_set_through_its_members_at_the_sets_place(sm_nlp):
    """ "a small group of volunteers ... They": a singular noun of a set or an amount made of a
    plural is "they" through that plural, weighed at the set's place in its sentence (the
    plural itself, one phrase down, would come after an object nearer the root)."""
    chains = pronoun_chains(
        sm_nlp,
        "The blaze started while a small group of volunteers were painting signs. They were "
        "warned by a smoke alarm.",
    )
    assert "volunteers" in chains["They"]
    assert "signs" not in chains["They"]
    chains = pronoun_chains(
        sm_nlp, "A number of pupils suffered cuts as they ran to leave their classrooms."
    )
    assert "pupils" in chains["they"]
    assert "cuts" not in chains["they"]


def test_they_refers_to_what_a_number_noun_counts(sm_nlp):
    """ "hundreds of students holding candles ... They": a plural number noun ("hundreds",
    "thousands") counts the plural after it, which "they" is; the number is no referent, and
    two counts by the same number are not one set ("Hundreds of shops")."""
    chains = pronoun_chains(
        sm_nlp,
        "Hundreds of shops were looted overnight. Later, hundreds of students holding candles "
        "gathered outside the school. They left flowers at the gate.",
    )
    assert "students holding candles" in chains["They"]
    assert not chains["They"] & {"Hundreds of shops", "hundreds of students holding candles"}


def test_a_possessive_coordinated_with_a_phrase_is_first_of_all_that_phrases(sm_nlp):
    """ "Mary Dunn and her husband": a possessive in a noun phrase coordinated with another is
    that phrase's referent's, ahead of the sentence's subject; not in a list with commas,
    where it may be the subject's."""
    chains = pronoun_chains(sm_nlp, "Anna Cole lives next door to Mary Dunn and her husband Paul.")
    assert "Mary Dunn" in chains["her"]
    assert "Anna Cole" not in chains["her"]
    chains = pronoun_chains(
        sm_nlp, "Anna Cole fooled a judge, a Texas prosecutor and apparently her own lawyer."
    )
    assert "Anna Cole" in chains["her"]


def test_a_number_noun_counting_another_is_no_referent(sm_nlp):
    """ "about a dozen people were hurt by a blast. It ...": "a dozen" counts the people, an
    amount no pronoun refers to."""
    chains = pronoun_chains(
        sm_nlp, "Last week about a dozen people were hurt by a blast at a plant. It shook the town."
    )
    assert "about a dozen" not in chains["It"]
    assert "blast" in chains["It"]


def test_the_subject_of_a_coordinated_clause_is_first_the_other_clauses_subject(sm_nlp):
    """ "it is unknown if a gunman is still inside or if he escaped": parallel subjects of
    coordinated clauses, ahead of a name elsewhere in the sentence."""
    chains = pronoun_chains(
        sm_nlp,
        "Sergeant Tom Reed told reporters that it is unknown if a gunman is still inside or if "
        "he escaped.",
    )
    assert "gunman" in chains["he"]
    assert "Tom Reed" not in chains["he"]


@pytest.mark.parametrize(
    "text",
    [
        "Police found a car near the station. It is unclear as to the cause of the fire.",
        "Police found a car near the station. It was not clear in what order the doors opened.",
        "Police found a car near the station. It was unclear when the owner would return.",
    ],
)
def test_it_said_to_be_unknown_stands_for_a_question(sm_nlp, text):
    """ "It is unclear as to ...", "it was not clear in what order ...": what is not known is a
    question, however the parser hangs it, and no thing is "it"."""
    chains = pronoun_chains(sm_nlp, text)
    assert "It" not in chains or not chains["It"]


def test_it_known_as_something_or_clear_is_a_thing(sm_nlp):
    chains = pronoun_chains(sm_nlp, "The bridge opened in 1937. It is known as the Golden Gate.")
    assert "bridge" in chains["It"]
    chains = pronoun_chains(sm_nlp, "The river looked dirty, but it was clear.")
    assert "river" in chains["it"]


def test_a_chains_features_are_its_mentions_after_every_join():
    """The sieves ask a chain's types and genders once per candidate, and the chain keeps them;
    a join must make them the joined chain's, not the features either half had before."""
    lohan = _mention(0, "Lindsay Lohan", "name", entity_type="Person", gender="female")
    actress = _mention(1, "actress", "nominal", noun_class="person", gender="female")
    smith = _mention(2, "John Smith", "name", entity_type="Person", gender="male")
    firm = _mention(3, "firm", "nominal", noun_class="organization")
    mysore = _mention(4, "INS Mysore", "name", entity_type="Person")
    chains = Chains([lohan, actress, smith, firm, mysore])
    assert chains.entity_types(1) == frozenset()
    assert chains.genders(0) == {"female"}
    chains.join(0, 1)
    assert chains.entity_types(1) == {"Person"}
    assert chains.noun_classes(0) == {"person"}
    chains.join(3, 2)
    assert chains.noun_classes(3) == {"organization"}
    assert chains.genders(3) == {"male"}
    chains.join(2, 1)
    assert chains.genders(0) == {"female", "male"}
    assert chains.noun_classes(2) == {"person", "organization"}
    assert chains.words(3) == {"lindsay", "lohan", "actress", "john", "smith", "firm"}
    assert not chains.features(0).ship
    chains.join(4, 0)  # a chain asked of joins one never asked of
    assert chains.features(4).ship
    assert "mysore" in chains.words(0)


# -- rules of the eleventh round ----------------------------------------------------------------


def _relabelled(nlp, text: str, labels: list[tuple[str, int, str]]):
    """``text`` parsed, with the recogniser's entities replaced by ``labels`` (a name's text,
    which of its occurrences from 0, and its label): the small model's mistakes, made on
    purpose."""
    doc = nlp(text)
    spans = []
    for name, occurrence, label in labels:
        at = -1
        for _ in range(occurrence + 1):
            at = text.index(name, at + 1)
        spans.append(doc.char_span(at, at + len(name), label=label))
    doc.set_ents(spans, default="outside")
    return doc


def _chains_of(doc) -> dict[str, set[str]]:
    """Each mention (by its text and offset: "Jackman@40") -> the texts of its chain's."""
    mentions, roots = _chain_roots(doc)
    return {
        f"{m.text}@{m.start}": {o.text for j, o in enumerate(mentions) if roots[j] == roots[i]}
        for i, m in enumerate(mentions)
    }


def test_a_first_name_and_a_surname_the_document_calls_a_person_is_a_person(sm_nlp):
    """ "Hugh Jackman" tagged a place, "Jackman" a person further on: a given name and a surname
    is that person, so "he" after the full name and the surname alone (also tagged a place) is
    him, not the film named between them."""
    text = (
        "The academy said Walter Brennick will host the show. Brennick is best known for "
        "playing Titan in Titan Rising. The 40-year-old Brennick has hosting experience. "
        "He emceed the awards twice. Brennick said he was thrilled."
    )
    doc = _relabelled(
        sm_nlp,
        text,
        [
            ("Walter Brennick", 0, "GPE"),
            ("Brennick", 1, "PERSON"),
            ("Titan", 0, "PERSON"),
            ("Titan Rising", 0, "WORK_OF_ART"),
            ("Brennick", 2, "GPE"),
            ("Brennick", 3, "PERSON"),
        ],
    )
    chains = _chains_of(doc)
    he = chains[f"He@{text.index('He emceed')}"]
    assert {"Walter Brennick", "Brennick"} <= he
    assert "Titan" not in he and "Titan Rising" not in he


def test_a_place_named_after_a_person_keeps_its_kind(sm_nlp):
    """ "Richmond Hill" beside a Mr Hill: a name whose last word is a common noun of a place is
    the place, though it opens with a first name and the document has a person of that
    surname."""
    text = "Officer Tom Hill patrols Richmond Hill. Richmond Hill is quiet, and it has a park."
    doc = _relabelled(
        sm_nlp,
        text,
        [("Tom Hill", 0, "PERSON"), ("Richmond Hill", 0, "GPE"), ("Richmond Hill", 1, "GPE")],
    )
    chains = _chains_of(doc)
    it = chains[f"it@{text.index('it has')}"]
    assert "Richmond Hill" in it
    assert "Tom Hill" not in it


def test_a_first_name_read_as_a_modal_before_a_finite_verb_is_a_name(sm_nlp):
    """ "'Will was tremendous,' the coach said": a modal takes a bare verb, so "Will" before
    "was" is a person called by their first name (the one named in full before); "Will" before
    a bare verb stays a modal, no one."""
    text = (
        "Will Carter scored 20 points for the team. "
        "\u201cWill was tremendous,\u201d the coach said. "
        "\u201cWill the team win again?\u201d a reporter asked."
    )
    doc = sm_nlp(text)
    called, asked = text.index("Will was"), text.index("Will the")
    assert doc.char_span(called, called + 4)[0].tag_ == "MD"  # the tagger's reading
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    by_start = {m.start: m for m in mentions}
    assert by_start[called].kind == ObjectKind.ENTITY
    assert asked not in by_start
    clusters, _ = group_names(mentions, AliasRules())
    assert clusters[(called, called + 4)].name == "Will Carter"


@pytest.mark.parametrize(
    ("text", "referent"),
    [
        ("Microsoft released a patch on Tuesday. It is the third update this month.", "patch"),
        ("The storm hit the coast on Friday. It was the worst storm in a decade.", "storm"),
        ("The fire destroyed the church. Officials said it was the work of an arsonist.", "fire"),
        ("Police in riot gear clashed with youths. It was the worst violence in years.", None),
    ],
)
def test_what_it_is_said_to_be_its_referent_can_be(sm_nlp, text, referent):
    """ "It is the third update": the predicate noun says what kind of thing "it" is, so not a
    company (a patch is an update), and when nothing the likeliest sentence mentions can be
    it (no riot gear is violence), "it" is the event that sentence told, which no mention
    names."""
    chains = pronoun_chains(sm_nlp, text)
    it = chains.get("It", chains.get("it"))
    if referent is None:
        assert it == set()
    else:
        assert referent in it
        assert not it & {"Microsoft", "coast", "church", "Officials"}


def test_it_in_a_take_it_or_leave_it_formula_is_left_alone(sm_nlp):
    """ "a 'take it or leave it' deal", "a love it or hate it reaction": a formula "X it or Y
    it" between an article and its noun says what kind of deal or reaction it is, and its "it"
    is nothing the text names. Outside that place "it" keeps its referent: "whether he bought
    it or stole it" is the car."""
    chains = pronoun_chains(
        sm_nlp,
        "The club made the pitcher a new offer on Monday. His agent said it was not a "
        "“take it or leave it” deal.",
    )
    assert set(chains) == {"His", "it"}  # the formula's two "it" are no mentions
    chains = pronoun_chains(
        sm_nlp,
        "The team sold the house on Monday. Fans had a love it or hate it reaction to the design.",
    )
    assert not any(key.startswith("it") for key in chains)
    chains = pronoun_chains(
        sm_nlp, "Police found a car near the river. They do not know if he bought it or stole it."
    )
    assert "car" in chains["it"] and "car" in chains["it#2"]


def test_a_speakers_it_is_not_a_thing_the_narrator_named_before_the_quotation(sm_nlp):
    """A quoted "it" is what the speaker's own words name, or the state of affairs spoken of:
    "'It is very sad,' the mayor said" after a sentence on a company's plant is neither the
    company nor the plant. Inside the speaker's words it is ("We built the plant ... It is the
    biggest"), and outside a quotation the narrator's "it" keeps its antecedent."""
    chains = pronoun_chains(
        sm_nlp,
        'The company closed its old plant in Dayton on Monday. "It is very sad," the mayor said.',
    )
    assert not chains["It"]
    chains = pronoun_chains(
        sm_nlp,
        'Police told the workers to stay inside the warehouse. "It is tough," one worker said.',
    )
    assert not chains["It"]
    # Also when the quoted "it" is the subject of a verb with a clause of its own.
    chains = pronoun_chains(
        sm_nlp,
        'After the foul, Smith raised the intensity of his game. "It made me mad when that '
        'happened," Smith said.',
    )
    assert not chains["It"]
    chains = pronoun_chains(
        sm_nlp, '"We built the plant in a year. It is the biggest in the state," the mayor said.'
    )
    assert chains["It"] == {"plant"}
    chains = pronoun_chains(
        sm_nlp, "The fire started in the kitchen on Friday. Officials said it spread to the roof."
    )
    assert chains["it"] == {"fire"}


def test_a_quotation_typed_the_tex_way_has_its_speaker(sm_nlp):
    """``...'' is a quotation as “...” is: its "I" and "me" are the speaker, and its "he" is
    someone else ("``He was very kind to me,'' Jones said" after Baker met Jones)."""
    chains = pronoun_chains(
        sm_nlp,
        "Tom Baker met Bill Jones in Ohio on Monday. ``He was very kind to me,'' Jones said.",
    )
    assert chains["me"] == {"Jones"}
    assert chains["He"] == {"Tom Baker"}


def test_a_quotation_closed_on_the_next_line_runs_across_the_line_break(sm_nlp):
    """A text written a sentence a line breaks a quotation of two sentences in two lines; the
    line that closes it goes on with it, so its "I" is the speaker named after it."""
    chains = pronoun_chains(
        sm_nlp,
        "``Tara Reid has checked into a clinic.\nI ask for privacy,'' her rep Jack Ketsoyan said.",
    )
    assert chains["I"] == {"Jack Ketsoyan", "rep"}  # "rep", the title written before the name
    assert "Jack Ketsoyan" not in chains["her"]


def test_a_quoted_sentence_without_a_verb_of_saying_goes_on_the_quotation_before(sm_nlp):
    """ "'Mary Page captured the crowd,' said agent Mark Roesler. 'I have known her for
    years.'": the second quotation is the agent's still, not said by whoever speaks in the
    sentence after it."""
    chains = pronoun_chains(
        sm_nlp,
        '"Mary Page captured the crowd," said agent Mark Roesler. "I have known her for years." '
        "Her sister Ann Page told reporters that the family was proud.",
    )
    assert chains["I"] == {"Mark Roesler", "agent"}  # "agent", the title before the name


def test_they_is_not_a_name_set_before_another_noun_in_its_sentence(sm_nlp):
    """A name set before another noun says what kind of thing that is or whom someone works
    for ("Brooklyn Supreme Court Judge Tom Rossi", "the Uzbek community"); a "they" in its
    sentence goes on speaking of a participant. The body someone speaks for stays theirs in
    what that one says: "MWEB CEO Rudi Jansen said that their clients ..." is MWEB's."""
    chains = pronoun_chains(
        sm_nlp,
        "Brooklyn Supreme Court Judge Tom Rossi closed the courtroom at the request of "
        "prosecutors because their witness had been threatened.",
    )
    assert chains["their"] == {"prosecutors"}
    chains = pronoun_chains(
        sm_nlp,
        "Ethnic minorities, such as the Uzbek community, were not allowed to nominate their "
        "own candidates.",
    )
    assert chains["their"] == {"Ethnic minorities"}
    chains = pronoun_chains(sm_nlp, "MWEB CEO Rudi Jansen said that their clients saw no outage.")
    assert chains["their"] == {"MWEB"}


@pytest.mark.parametrize(
    "text",
    [
        # A verb of seeming with a "that" clause of its own says how matters stand.
        "The council passed the budget. It turns out that the mayor had written most of the plan.",
        "The club signed the striker, and it seems that the fans are pleased.",
        # A verb of how things look or sound with a clause after "like" or "as if".
        "The strike went on for a month. It looks like the union will settle this week.",
        "The ship left the port, and it sounded as if the engine had failed.",
        # "when it comes to": an idiom for "as for".
        "The bank lends freely, but when it comes to mortgages the rules are strict.",
    ],
)
def test_it_of_how_matters_seem_or_look_is_no_mention(sm_nlp, text):
    chains = pronoun_chains(sm_nlp, text)
    assert all(not chains[p] for p in chains if p.lower() == "it"), chains


def test_it_that_looks_like_a_thing_or_comes_to_a_place_still_refers(sm_nlp):
    """With a noun after "like", the thing looks like one; "come to" with no "when" is a thing
    that comes somewhere; a seeming verb with no clause keeps its subject."""
    chains = pronoun_chains(sm_nlp, "The parcel was left at the door. It looked like a bomb.")
    assert chains["It"] == {"parcel"}
    chains = pronoun_chains(sm_nlp, "The storm hit the coast, and it came to the city at night.")
    assert chains["it"] == {"storm"}


def test_he_in_a_clause_according_to_someone_is_another_person(sm_nlp):
    """ "According to a reporter, he will accept": a "he" in what a source is said to report
    is someone the source reports on; "they" may be a group's account of itself."""
    chains = pronoun_chains(
        sm_nlp, "Tom Reed was offered the post. According to Paul Stone, he will accept it."
    )
    assert "Tom Reed" in chains["he"]
    assert "Paul Stone" not in chains["he"]
    chains = pronoun_chains(
        sm_nlp, "According to the officers, they left their car to look at the teenager."
    )
    assert "officers" in chains["they"]


def test_an_untyped_name_opening_with_a_given_name_is_a_person(sm_nlp):
    """ "Lindsay Lohan has checked out ..., but she's not in the clear": a name the recogniser
    gave no type, a given name and a word that is no noun of a place, body or person, is
    someone of the given name's gender, so "she" is her and not the centre named after her."""
    text = (
        "Marla Quintero has checked out of the Desert Hills Center after a 30-day program, "
        "but she is not in the clear yet."
    )
    doc = _relabelled(sm_nlp, text, [("Desert Hills Center", 0, "ORG")])
    assert not any(e.text.startswith("Marla") for e in doc.ents)
    she = _chains_of(doc)[f"she@{text.index('she')}"]
    assert "Marla Quintero" in she
    assert "Desert Hills Center" not in she


@pytest.mark.parametrize("pronoun", ["he", "she"])
def test_an_untyped_name_opening_with_a_name_of_either_sex_is_a_person_of_no_gender(
    sm_nlp, pronoun
):
    """ "Peyton Manning threw for 300 yards, and he said ...": a given name the records give
    to both sexes makes the untyped name someone, whom "he" or "she" may be alike (the name
    forces neither), and not the team named before."""
    text = (
        "The Ravens lost on Sunday. Peyton Hale threw three touchdowns, "
        f"and {pronoun} said the win was easy."
    )
    doc = _relabelled(sm_nlp, text, [("Ravens", 0, "ORG")])
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    assert {m.text: m.label for m in mentions}["Peyton Hale"] == "PERSON"
    chain = _chains_of(doc)[f"{pronoun}@{text.index(pronoun + ' said')}"]
    assert "Peyton Hale" in chain
    assert "Ravens" not in chain


def test_an_untyped_name_of_either_sex_before_a_common_noun_stays_no_person(sm_nlp):
    """ "Palmer Fire", "River Road": a name of either sex, as often a place's or a thing's,
    before a common noun names the thing."""
    text = "Firefighters of Palmer Fire came at noon. A witness said he saw the smoke."
    doc = _relabelled(sm_nlp, text, [])
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    labels = {m.text: m.label for m in mentions if m.kind == ObjectKind.ENTITY}
    assert "Palmer Fire" in labels
    assert labels["Palmer Fire"] != "PERSON"
    assert "Palmer Fire" not in _chains_of(doc)[f"he@{text.index('he saw')}"]


def test_an_untyped_plural_or_title_case_description_stays_no_person(sm_nlp):
    """A plural after a given name is a team ("Cleveland Browns"), a person noun after one a
    description in title case ("Brooklyn Mother"): neither is a person whom "he" or "she"
    may be."""
    text = (
        "Cleveland Browns lost on Sunday, and the coach said he was angry. "
        "Brooklyn Mother shields children, and a witness said she ran."
    )
    chains = _chains_of(_relabelled(sm_nlp, text, []))
    he = chains[f"he@{text.index('he was')}"]
    she = chains[f"she@{text.index('she ran')}"]
    assert "Cleveland Browns" not in he
    assert "Brooklyn Mother" not in she


def test_an_untyped_name_of_two_foreign_words_is_a_person(sm_nlp):
    """ "Wladimir Klitschko won his 16th straight fight": a name the recogniser gave no type,
    whose given name the birth records do not know, is someone when no English dictionary lists
    either of its words, so "his" is his and not the boxer named before him."""
    text = "Tony Miller lost on Saturday. Radovan Kuzmiczek won his tenth straight fight."
    doc = _relabelled(sm_nlp, text, [("Tony Miller", 0, "PERSON")])
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    assert {m.text: m.label for m in mentions}["Radovan Kuzmiczek"] == "PERSON"
    his = _chains_of(doc)[f"his@{text.index('his')}"]
    assert "Radovan Kuzmiczek" in his
    assert "Tony Miller" not in his


def test_a_foreign_name_tagged_a_place_whose_surname_the_document_calls_a_person_is_one(sm_nlp):
    """ "Heavyweight champion Wladimir Klitschko once again displayed his dominance", the name
    tagged a place, "Klitschko" a person further on: two foreign words whose last the document
    gives a person are that person, so "his" is his and not the boxer named before."""
    text = (
        "Tony Miller lost on Saturday. Radovan Kuzmiczek displayed his dominance again. "
        "Kuzmiczek said the fight was easy."
    )
    doc = _relabelled(
        sm_nlp,
        text,
        [("Tony Miller", 0, "PERSON"), ("Radovan Kuzmiczek", 0, "GPE"), ("Kuzmiczek", 1, "PERSON")],
    )
    his = _chains_of(doc)[f"his@{text.index('his')}"]
    assert "Radovan Kuzmiczek" in his
    assert "Tony Miller" not in his


def test_an_untyped_foreign_name_after_an_article_or_where_places_stand_is_no_person(sm_nlp):
    """ "the Ekawat Nava 5", a trawler, "a seat in Akhal Oblast", a province: foreign words
    written after an article or where a place stands name no person."""
    text = "Pirates seized the Sorapong Navakit on Monday. Ostrenko won a seat in Akhal Oblast."
    doc = _relabelled(sm_nlp, text, [])
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    labels = {m.text: m.label for m in mentions if m.kind == ObjectKind.ENTITY}
    assert labels.get("Sorapong Navakit", "") != "PERSON"
    assert labels.get("Akhal Oblast", "") != "PERSON"


def test_a_body_the_recogniser_types_a_person_now_and_then_is_it(sm_nlp):
    """ "Seacom announced that it has restored all its customers": a company's name typed an
    organisation more often than a person is a body, which "it" and "its" may be."""
    text = (
        "Nettel said on Monday that a cable had broken. Nettel said the repair would take "
        "days. Nettel announced that it had restored services to its customers."
    )
    doc = _relabelled(
        sm_nlp, text, [("Nettel", 0, "ORG"), ("Nettel", 1, "PERSON"), ("Nettel", 2, "ORG")]
    )
    chains = _chains_of(doc)
    assert "Nettel" in chains[f"it@{text.index('it had')}"]
    assert "Nettel" in chains[f"its@{text.index('its customers')}"]


def test_a_person_typed_an_organisation_more_often_stays_someone(sm_nlp):
    """A name opening with a first name is someone however often the recogniser calls it an
    organisation: "it" is the report, not her."""
    text = (
        "Marla Quintero filed a report on Monday. Marla Quintero said the report was late. "
        "Marla Quintero said it had been sent to the court."
    )
    doc = _relabelled(
        sm_nlp,
        text,
        [
            ("Marla Quintero", 0, "ORG"),
            ("Marla Quintero", 1, "PERSON"),
            ("Marla Quintero", 2, "ORG"),
        ],
    )
    it = _chains_of(doc)[f"it@{text.index('it had')}"]
    assert "Marla Quintero" not in it


def test_the_pronouns_of_a_person_named_in_full_under_a_body_tag_are_someone(sm_nlp):
    """ "Bettie Page, the pin-up model" tagged an organisation: the first name of the chain's
    full name and a description of a person say that the pronouns the chain gathers are
    someone, so a "she" sentences later may go on through them ("Her teaching career ...")."""
    text = (
        "Marla Quintero, the pin-up model, died on Thursday. She was 85. "
        "She was born in a small town. Her family was poor. "
        "Her teaching career was short. She moved to Miami."
    )
    doc = _relabelled(sm_nlp, text, [("Marla Quintero", 0, "ORG"), ("Miami", 0, "GPE")])
    chains = _chains_of(doc)
    for pronoun in ("Her teaching", "She moved"):
        chain = chains[f"{pronoun.split()[0]}@{text.index(pronoun)}"]
        assert "Marla Quintero" in chain
        assert "Miami" not in chain


def test_a_possessed_description_yields_only_to_a_possessor_the_pronoun_may_be(sm_nlp):
    """ "Timmons' best friend took the stand. He said ...": a description of no known gender
    gives way to its possessor of the pronoun's gender, but not when the pronoun cannot be
    the possessor (here "he" reports a clause naming Reyes): then it is the friend, not a
    man named further back."""
    text = (
        "Deputies arrested a man outside the courthouse. "
        "Then Tom Reyes's best friend took the stand. "
        "He said Reyes had hidden the gun in a car."
    )
    he = pronoun_chains(sm_nlp, text)["He"]
    assert "Tom Reyes's best friend" in he
    assert not he & {"man", "Tom Reyes", "Reyes"}


def test_a_possessed_description_still_yields_to_a_possessor_the_pronoun_may_be(sm_nlp):
    """ "Lohan's lawyer said she had entered the clinic": the possessor, of the pronoun's
    gender on evidence, comes before her lawyer, of none."""
    chains = pronoun_chains(sm_nlp, "Marla Quintero's lawyer said she had entered the clinic.")
    assert "Marla Quintero" in chains["she"]
    assert "Marla Quintero's lawyer" not in chains["she"]


def test_a_description_of_someone_in_a_body_s_chain_is_they(sm_nlp):
    """ "Subsea cable operator, Seacom, announced that they have restored services": an
    operator is someone to WordNet, but set beside a company's name it is the company, which
    "they" may be as its name may."""
    text = (
        "Nettel said on Monday that a cable had broken. Cable operator Nettel said the repair "
        "would take days. Subsea cable operator, Nettel, announced that they had restored "
        "services."
    )
    doc = _relabelled(
        sm_nlp,
        text,
        [("Nettel", 0, "ORG"), ("Nettel", 1, "PERSON"), ("Subsea", 0, "ORG"), ("Nettel", 2, "ORG")],
    )
    they = _chains_of(doc)[f"they@{text.index('they had')}"]
    assert "Nettel" in they
    assert "Subsea" not in they


def test_one_of_a_people_set_as_a_noun_is_someone_in_its_sentence(sm_nlp):
    """ "The lanky Australian, who was named Sexiest Man Alive, is best known ... for his
    roles": a people's name after an article or a possessor is one person of that people, whom
    a "he" of its own sentence may be, ahead of the title the relative clause gives him."""
    text = (
        "The lanky Australian, who was recently named People magazine's Sexiest Man Alive, "
        "is best known for playing Wolverine and for his romantic roles."
    )
    doc = _relabelled(
        sm_nlp,
        text,
        [("Australian", 0, "NORP"), ("People", 0, "ORG"), ("Sexiest Man Alive", 0, "PERSON")],
    )
    his = _chains_of(doc)[f"his@{text.index('his')}"]
    assert "Australian" in his
    assert "Sexiest Man Alive" not in his


def test_a_people_named_in_the_plural_stays_no_one_person(sm_nlp):
    """ "Australians" or "the Australians" is a people, not someone "he" may be."""
    text = "The Australians won the cup, and the coach said he was proud."
    doc = _relabelled(sm_nlp, text, [("Australians", 0, "NORP")])
    he = _chains_of(doc)[f"he@{text.index('he was')}"]
    assert "Australians" not in he


# -- rules of the nineteenth round --------------------------------------------------------------


def test_a_name_tagged_a_person_once_and_a_place_where_places_stand_is_the_place(sm_nlp):
    """ "Dunmore" tagged a person in one sentence and a place in "a store in Dunmore": the town,
    so "the driver" and "he" are not it."""
    text = (
        "Dunmore mourns the woman. The driver hit her outside a store in Dunmore, "
        "and he drove away."
    )
    doc = _relabelled(sm_nlp, text, [("Dunmore", 0, "PERSON"), ("Dunmore", 1, "GPE")])
    chains = _chains_of(doc)
    town = chains["Dunmore@0"]
    assert "driver" not in town and "he" not in town
    assert "Dunmore" not in chains[f"he@{text.index('he drove')}"]


def test_a_name_that_says_things_stays_a_person_though_written_after_at(sm_nlp):
    """ "The fire was directed at Kessler ... Kessler told an assistant pastor she was sorry":
    whoever tells things is someone, though the recogniser tags her a place after "at", so
    "she" is her."""
    text = (
        "The fire was directed at Kessler, the candidate. "
        "Kessler told an assistant pastor that she was sorry."
    )
    doc = _relabelled(sm_nlp, text, [("Kessler", 0, "GPE"), ("Kessler", 1, "PERSON")])
    chains = _chains_of(doc)
    said = text.index("Kessler told")
    assert "Kessler" in chains[f"she@{text.index('she was')}"]
    assert chains[f"Kessler@{said}"] == chains[f"she@{text.index('she was')}"]


# -- an "it" judged by its predicate, with a clause of when or if ------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The firm released the patch late. It's pretty bad when experts tell your users to switch.",
        "The barn burned down. It was probably chance when the roof caught fire.",
        "Nobody knows the motive. It would be a good thing if the fire was an accident.",
    ],
)
def test_it_judged_by_its_predicate_stands_for_a_clause_of_when_or_if(sm_nlp, text):
    """ "It's pretty bad when experts tell users to switch": "it" is what the clause after it
    says, judged by an adjective that takes a clause or by a noun; no firm, barn or motive."""
    chains = pronoun_chains(sm_nlp, text)
    assert all(not chains[p] for p in chains if p.lower() == "it")


def test_it_judged_with_a_clause_holding_its_own_it_or_after_a_plain_adjective_refers(sm_nlp):
    """ "It was a hit when it opened" is the film, as the clause's own "it" says; "it was empty
    when police arrived" says how the house was (an adjective that takes no clause)."""
    text = "The studio made the film in 1999. It was a hit when it opened in Ohio."
    assert pronoun_chains(sm_nlp, text)["It"]
    text = "Police searched the house on Monday. It was empty when the officers arrived."
    assert "house" in pronoun_chains(sm_nlp, text)["It"]


# -- an "it" said to happen is an event --------------------------------------------------------


def test_it_said_to_happen_is_an_event_not_a_thing_or_a_place(sm_nlp):
    """ "A camera recorded the attack as it unfolded": what unfolds is the attack, not the
    camera; "watched it happen" after a sentence naming only a place and people is no place."""
    text = "A security camera recorded the attack as it unfolded."
    chains = pronoun_chains(sm_nlp, text)
    assert "attack" in chains["it"]
    assert "security camera" not in chains["it"]
    text = "The driver fled the scene. Her husband watched it happen."
    assert "scene" not in pronoun_chains(sm_nlp, text)["it"]


def test_it_that_does_not_happen_may_be_a_thing(sm_nlp):
    """Only what happens must be an event: "it broke down" may be the camera."""
    text = "A security camera recorded the attack, but it broke down."
    assert "security camera" in pronoun_chains(sm_nlp, text)["it"]


# -- the speaker of a quotation under one verb of saying among several -------------------------


def test_a_quotation_is_said_by_the_subject_of_the_verb_of_saying_it_hangs_from(sm_nlp):
    """ "A spokesman said the witness told detectives ... 'from the angle I was at'": the
    quotation hangs from "told", so "I" is the witness, not the spokesman who reports her."""
    text = (
        "A police spokesman said the witness told detectives she could not see the car "
        '"from the angle I was at."'
    )
    chains = pronoun_chains(sm_nlp, text)
    assert "witness" in chains["I"]
    assert "police spokesman" not in chains["I"]


def test_a_quotation_said_aloud_is_its_crier_s_and_goes_on_in_the_next_sentence(sm_nlp):
    """ "The teacher said that her son shouted, 'Mommy, I got hit'": a verb of saying aloud
    that the quotation hangs from says it; and the quotation's next sentence goes on with the
    same speaker's words ("Somebody hit me")."""
    chains = pronoun_chains(sm_nlp, 'The teacher said that her son shouted, "Mommy, I got hit."')
    assert chains["I"] == {"son"}
    text = 'Her son screamed, "Mommy, I got hit. Somebody hit me in my back."'
    assert "son" in pronoun_chains(sm_nlp, text)["me"]


# -- a possessive in a relative clause on someone ------------------------------------------------


def test_a_possessive_in_a_who_clause_is_the_clause_s_someone(sm_nlp):
    """ "a salesman who recognized the inmate outside his shop", "the man, who had recently lost
    his job": the relative "who" is the subject the clause is about, so the possessive in its
    predicate is that someone's, not a name in the predicate nor the sentence's speaker."""
    text = (
        "Police caught the escaped convict Tom Baker on Monday after a tip from a salesman "
        "who recognized the inmate outside his shop."
    )
    chains = pronoun_chains(sm_nlp, text)
    assert "salesman" in chains["his"]
    assert "Tom Baker" not in chains["his"]
    text = "Officer Dan Roe said the man, who had recently lost his job at the plant, walked in."
    chains = pronoun_chains(sm_nlp, text)
    assert "man" in chains["his"]
    assert "Dan Roe" not in chains["his"]


def test_a_possessive_in_a_who_clause_on_a_predicate_noun_is_the_subject_s(sm_nlp):
    """ "She is a true professional who puts her patients first": the predicate noun says what
    its subject is, so "her" is the subject's, and a noun of no known sex ("a mechanic who
    alerted co-workers to her whereabouts") does not draw a "her" to it."""
    chains = pronoun_chains(sm_nlp, "Ann Lee is a true professional who puts her patients first.")
    assert "Ann Lee" in chains["her"]
    text = (
        "Jane Hill fired shots at a mechanic who was using a radio to alert co-workers to her "
        "whereabouts."
    )
    chains = pronoun_chains(sm_nlp, text)
    assert "Jane Hill" in chains["her"]
    assert "mechanic" not in chains["her"]


# -- quotations between straight single marks ---------------------------------------------------


def test_a_quotation_between_straight_single_marks_is_its_speaker_s(sm_nlp):
    """ "'We are actively looking for him and the car,' he said": single marks set a quotation
    off as double ones do, so "we" is the speaker and "him" someone else."""
    text = (
        "Officer Gerry Scott spoke to reporters. "
        "'We are actively looking for him and the car,' he said."
    )
    chains = pronoun_chains(sm_nlp, text)
    assert "Gerry Scott" in chains["We"]
    assert "Gerry Scott" not in chains["him"]


def test_a_single_mark_written_onto_the_word_before_is_an_apostrophe(sm_nlp):
    """ "the players' coach": a mark closing a word, with none open, opens no quotation, so the
    words after it have no speaker who could not be "he"."""
    text = "Tim Hale met the players' parents on Monday, and he said the team was tired."
    assert "Tim Hale" in pronoun_chains(sm_nlp, text)["he"]


def test_a_quotation_woven_into_a_reported_clause_may_speak_of_its_speaker(sm_nlp):
    """ "Lopez told police that 'he did not mean to shoot anyone'": the quoted words are the
    reporter's way of giving what Lopez said, so their "he" may be Lopez."""
    text = "Tom Lane told police that 'he did not mean to shoot anyone,' a source said."
    assert "Tom Lane" in pronoun_chains(sm_nlp, text)["he"]


# -- a named person's sex from their own chain ---------------------------------------------------


def test_a_name_of_no_known_sex_takes_the_sex_of_its_apposed_description(sm_nlp):
    """ "Robin Achebe, the actress": neither name says a sex (Robin is given to either), the
    apposition does, so "he" is the man beside her and "she" is her."""
    chains = pronoun_chains(
        sm_nlp,
        "Robin Achebe, the actress, flew to Lagos with Bill Moss on Monday. "
        "Achebe said he had booked the flight and she had paid for it.",
    )
    assert chains["he"] == {"Bill Moss"}
    assert "Achebe" in chains["she"]
    assert "he" not in chains["she"]


def test_a_name_of_no_known_sex_takes_the_sex_its_pronouns_agree_on(sm_nlp):
    """Two "he" of Dana Okafor and no "she" say he is a man: a "she" after them is the woman
    beside him, not him."""
    chains = pronoun_chains(
        sm_nlp,
        "Dana Okafor arrived at the hearing with Ellen Moss. He said the trial had been fair, "
        "and he thanked the jury. Outside, she said the verdict was wrong.",
    )
    assert chains["she"] == {"Ellen Moss"}
    assert "Dana Okafor" in chains["He"]


def test_one_pronoun_tells_no_sex_of_a_name(sm_nlp):
    """A lone "He" may be a wrong link: it does not make Dana Okafor a man for the "she"
    after it (which the sieve may still give him, the nearest subject)."""
    chains = pronoun_chains(
        sm_nlp, "Dana Okafor arrived at the hearing with Ellen Moss. He said she had driven."
    )
    assert "Dana Okafor" in chains["she"]


# -- a dash typed as a hyphen, and the locative "there" -----------------------------------------


def test_a_reflexive_before_a_dash_typed_as_a_hyphen_is_a_pronoun(sm_nlp):
    """ "He paid for it himself-it was his money": a dash glued to the words on both sides
    between two clauses joins no word, so "himself" is a pronoun bound in its clause; a
    hyphenated word's pronoun ("a do-it-yourself kit") stays a piece of that word."""
    chains = pronoun_chains(sm_nlp, "Tom Baker paid for the car himself-it was his money.")
    assert "Tom Baker" in chains["himself"]
    chains = pronoun_chains(sm_nlp, "Tom Baker sold a do-it-yourself kit.")
    assert "yourself" not in chains and "it" not in chains


def test_a_locative_there_is_the_place_named_before_it(sm_nlp):
    """ "checked into a clinic ... stayed there": a locative "there" is the place named last
    before it, not a place set after it to say where it lies ("a clinic in Utah")."""
    chains = pronoun_chains(
        sm_nlp, "Anna Berg checked into a clinic in Utah on Monday. She stayed there for a month."
    )
    assert "clinic in Utah" in chains["there"] or "clinic" in chains["there"]
    assert "Utah" not in chains["there"]


def test_an_expletive_or_deictic_there_is_no_place(sm_nlp):
    """The "there" of "there is", of "out there", and one whose own phrase names its place
    ("sat there at the table") stand for no place named before."""
    for text in (
        "Anna Berg moved to Boston. There is a park near her house.",
        "Anna Berg moved to Boston. She said the truth is out there.",
        "Anna Berg moved to Boston. She sat there at the kitchen table.",
    ):
        chains = pronoun_chains(sm_nlp, text)
        assert not chains.get("There") and not chains.get("there"), text


def test_there_is_no_person(sm_nlp):
    """A name of a person is no place for a "there" to stand for, whatever its preposition."""
    chains = pronoun_chains(sm_nlp, "Reporters went to Anna Berg. They waited there for hours.")
    assert "Anna Berg" not in chains.get("there", set())


# -- a bare count -----------------------------------------------------------------------------


def test_a_bare_count_is_the_group_counted_with_its_number(sm_nlp):
    """ "Four were hurt": a count heading its own phrase is the group of people the document
    counts with the same number nearby, not a group of another number, nor things."""
    mentions, roots = _chain_roots(
        sm_nlp(
            "A gas blast hurt four miners and two guards at the pit on Monday. "
            "Four were taken to a hospital in the town."
        )
    )
    by_text = {m.text: i for i, m in enumerate(mentions)}
    four = by_text["Four"]
    assert roots[four] == roots[by_text["four miners"]]
    assert roots[four] != roots[by_text["two guards"]]


def test_a_count_in_a_figure_or_a_time_is_no_mention(sm_nlp):
    """The pieces of a figure ("1.2 million", "9:30") and a count with a noun are no bare count."""
    mentions, _ = _chain_roots(sm_nlp("The firm paid 2 workers £1.2 million at 9:30 on Monday."))
    assert not any(m.text in ("2", "9", "30", "1.2") for m in mentions)


def test_there_after_a_route_to_a_place_is_that_place(sm_nlp):
    """ "a boat is on its way to the site, but will not get there": a place a direction leads to
    is a place of its own, the one "there" stands for, not the route."""
    chains = pronoun_chains(
        sm_nlp, "A repair boat took the long route to the crash site, but it did not get there."
    )
    assert any("site" in text for text in chains["there"]), chains["there"]
    assert not any(text.startswith("long route") for text in chains["there"])


def test_a_there_of_no_place_stands_for_none(sm_nlp):
    """ "the match ended there" (a point the event reached), "the proof is there" (it exists),
    "a link there" (an abstract thing), "just sit there" (idle, at the scene), "is still there"
    (a subject the ellipsis leaves unknown): no place named before is meant."""
    for text in (
        "The boxers met at the arena in Denver. The match ended there.",
        "Police searched the house in Salem. The proof is there, the chief said.",
        "Police searched the house in Salem. They found no link there.",
        "Police searched the house in Salem. You can't just sit there and wait.",
        "A shell hit the barn in Salem and is still there.",
    ):
        chains = pronoun_chains(sm_nlp, text)
        assert not chains.get("there"), (text, chains.get("there"))


def test_a_there_of_a_place_after_a_verb_a_noun_or_be(sm_nlp):
    """A "there" after a verb of an event that happens somewhere, a noun of what may be at a
    place, copular "be" with a person for its subject, or fronted, is the place named before."""
    for text in (
        "Anna Berg moved to a farm in Vermont. She worked there for years.",
        "Anna Berg moved to a farm in Vermont. The workers there liked her.",
        "Anna Berg moved to a farm in Vermont. Her brother was there too.",
        "Anna Berg moved to a farm in Vermont. Her brother happened to be there too.",
        "Anna Berg moved to a farm in Vermont. There, she grew apples.",
    ):
        chains = pronoun_chains(sm_nlp, text)
        there = chains.get("there", set()) | chains.get("There", set())
        assert any("farm" in t for t in there), (text, there)


def test_the_thing_a_there_locates_is_not_its_place(sm_nlp):
    """ "the old barns there": "there" says where the barns are, so they are not its place; the
    place named before them is."""
    chains = pronoun_chains(
        sm_nlp,
        "Anna Berg bought a farm in Vermont. She said the old barns there would need new roofs.",
    )
    assert not any("barns" in t for t in chains.get("there", set())), chains.get("there")


def test_a_bare_noun_of_an_idiom_is_no_place_for_there(sm_nlp):
    """ "not in place", "went home": a bare singular noun after a preposition is an idiom of a
    state or a goal, not a place a later "there" stands for."""
    for text in (
        "The new rules were not in place, and reporters could not work there.",
        "Anna Berg went home early. She had worked there for years.",
    ):
        chains = pronoun_chains(sm_nlp, text)
        there = chains.get("there", set())
        assert not any(t in ("place", "home") for t in there), (text, there)


def test_a_way_passed_is_no_place_for_there(sm_nlp):
    """ "walked through the gate ... stayed there": the object of a preposition of a path is a
    way passed, not the place one stays at; the place named before it is."""
    chains = pronoun_chains(
        sm_nlp,
        "Anna Berg drove to a clinic in Utah and walked through the gate. She stayed there a week.",
    )
    there = chains.get("there", set())
    assert not any("gate" in t for t in there), there


def test_what_is_there_is_not_its_place(sm_nlp):
    """ "The bank has been there for years": the subject is what stands at the place, so
    neither it nor its chain is the place "there" stands for."""
    chains = pronoun_chains(
        sm_nlp, "Police guarded the bank in Salem. The bank has been there for many years."
    )
    there = chains.get("there", set())
    assert not any("bank" in t for t in there), there


# -- whose customers: a body's statement on itself ---------------------------------------------


def test_a_bodys_statement_may_call_it_by_name_and_go_on_with_its(sm_nlp):
    """ "'Intel has released a new driver that will protect its customers,' the company said":
    a company's statement names it and goes on with "its"; the speaker check (a person
    speaking calls themself "I") does not hold for a body, and whose customers they are is
    someone who has people, not the driver."""
    chains = pronoun_chains(
        sm_nlp,
        '"Intel has released a new driver that will protect its customers from attacks," '
        "the company said in a statement.",
    )
    assert "Intel" in chains["its"]
    assert "new driver" not in chains["its"]
