"""The description sieves' rules for nominals of a named entity of their own document, each on
sentences written for it, through the pinned small pipeline (en_core_web_sm 3.8.0: SMALL_MODEL
in conftest). Each test says what must be linked and what must not."""

from __future__ import annotations

from test_pronouns import _chain_roots

from kg.coref import coreference, lexicon
from kg.extract import document_sentences
from kg.extract.tokens import extraction_cache


def chain_of(nlp, text: str, mention: str) -> set[str]:
    """The texts of the other mentions of the chain of the first mention written ``mention``."""
    mentions, roots = _chain_roots(nlp(text))
    i = next(i for i, m in enumerate(mentions) if m.text == mention)
    return {m.text for j, m in enumerate(mentions) if j != i and roots[j] == roots[i]}


# -- a noun of a person that is also a noun of an enterprise ---------------------------------


def test_a_person_noun_with_an_enterprise_sense_describes_the_company(sm_nlp):
    """ "the software giant", "the software maker": WordNet gives "giant" and "maker" a sense
    of an enterprise beside the person's, so they describe the company spoken of, and "it"
    after them is still the company."""
    for noun in ("software giant", "software maker"):
        text = f"Acme Corp. reported record profits on Monday. The {noun} said it would hire."
        assert chain_of(sm_nlp, text, noun) == {"Acme Corp.", "it"}


def test_a_person_noun_without_an_enterprise_sense_describes_no_company(sm_nlp):
    """ "the engineer" is someone, never the company."""
    text = "Acme Corp. reported record profits on Monday. The engineer said it would hire."
    assert chain_of(sm_nlp, text, "engineer") == set()


def test_a_person_noun_with_an_enterprise_sense_still_describes_a_person(sm_nlp):
    """ "the giant" of a boxer is the boxer, and "he" after it too."""
    text = "Tom Reed fought on Monday. The giant said he would retire."
    assert chain_of(sm_nlp, text, "giant") == {"Tom Reed", "he"}


# -- an apposition of a person and an event -----------------------------------------------------


def test_a_description_of_a_person_beside_an_event_is_not_it(sm_nlp):
    """ "the shooting: an unarmed teenager killed by a guard": the parse sets the victim beside
    the event, which no sense of "shooting" makes someone; an event beside an event ("the
    attack, a brutal beating") is still one."""
    text = "First came the shooting: an unarmed teenager killed by a guard on a dark street."
    assert chain_of(sm_nlp, text, "shooting") == set()
    text = "Police described the attack, a brutal beating of a young cyclist."
    assert chain_of(sm_nlp, text, "attack") == {"brutal beating of a young cyclist"}


def test_a_description_of_one_person_beside_a_plural_is_not_it(sm_nlp):
    """ "three suspects, a teacher from Leeds": one person described is not a plural set
    beside her by the parse; "the suspect, a teacher from Leeds" is one."""
    text = "Police arrested three suspects, a teacher from Leeds, on Monday."
    assert chain_of(sm_nlp, text, "teacher from Leeds") == set()
    text = "Police arrested the suspect, a teacher from Leeds, on Monday."
    assert chain_of(sm_nlp, text, "teacher from Leeds") == {"suspect"}


# -- a noun of a body politic and the land it governs -------------------------------------------


def test_the_country_describes_the_land_the_document_names(sm_nlp):
    """ "the country", "the nation" describe the country the document names, which the
    recogniser types a place; not a capital or a city in it ("Athens"), and "the city" still
    describes no country."""
    text = "Voters in Turkmenistan elected a parliament. Observers said the {} had not changed."
    assert chain_of(sm_nlp, text.format("country"), "country") == {"Turkmenistan"}
    assert chain_of(sm_nlp, text.format("city"), "city") == set()
    text = "Riots spread across Athens on Sunday. Observers said the country had not changed."
    assert chain_of(sm_nlp, text, "country") == set()


def test_a_land_is_a_place_a_people_is_named_after_but_no_capital():
    assert lexicon.land_name("Turkmenistan") and lexicon.land_name("Texas")
    assert not lexicon.land_name("Athens")  # "the capital of Greece" in WordNet
    assert not lexicon.land_name("Mombasa")  # no people named after it


# -- a description counted as one ---------------------------------------------------------------


def test_a_description_counted_as_one_is_someone_new(sm_nlp):
    """ "He killed one person and wounded two others": a noun counted as one is one of a number
    the sentence brings in, like "a person", not the man the story is about; "the person"
    may still be him."""
    text = (
        "Tom Reed opened fire at his old office on Monday. He killed one person and wounded "
        "two others, and he was arrested an hour later."
    )
    assert "Tom Reed" not in chain_of(sm_nlp, text, "one person")
    assert {"Tom Reed", "He"} <= chain_of(sm_nlp, text, "he")
    assert "one person" not in chain_of(sm_nlp, text, "he")


def test_a_description_counted_as_one_repeats_no_earlier_head(sm_nlp):
    """ "A 52-year-old man ... killing one man": a noun counted as one is new to the story,
    as an indefinite one is, so it does not repeat the head of the man spoken of before."""
    text = (
        "A 52-year-old man was arrested on Monday after opening fire at a warehouse in Dayton, "
        "killing one man, police said."
    )
    assert "52-year-old man" not in chain_of(sm_nlp, text, "one man")


# -- the source of "according to" ---------------------------------------------------------------


def test_a_description_in_a_clause_according_to_someone_is_not_that_source(sm_nlp):
    """ "According to Paul Stone, the singer was chosen": what a source reports is of someone
    else (principle C, as for the subject of "said")."""
    text = (
        "Maria Lopez will host the awards. According to Paul Stone, a producer of the show, "
        "the singer was chosen because she is funny."
    )
    assert "Paul Stone" not in chain_of(sm_nlp, text, "singer")


# -- a noun of a person written as a name ---------------------------------------------------------


def test_a_capitalised_bare_person_noun_is_called_by_it_not_described(sm_nlp):
    """ "she thanked God", "'Mommy, I got hit'": a noun of a person written with a capital and
    no determiner inside a sentence calls someone by it as by a name; it is not a
    description of the one most spoken of. "the Actress" (with its article) still is one."""
    text = "Tom Reed was shot on Monday. His sister said she thanked God that he survived."
    assert "Tom Reed" not in chain_of(sm_nlp, text, "God")
    text = "Maria Lopez won on Monday. The Actress thanked her fans."
    assert "Maria Lopez" in chain_of(sm_nlp, text, "Actress")


# -- the one a story introduces is not its source ----------------------------------------------


def test_a_person_introduced_is_not_the_source_named_next(sm_nlp):
    """ "A man shot two people ... Paul Stone said the victims ...": the first person named
    after an introduced one, when they report what the sentence says, is the story's source;
    the one introduced is named later ("John Smith, 45, was charged")."""
    text = (
        "A man shot two people at a bank on Monday. Paul Stone said the victims were in "
        "hospital. John Smith, 45, was charged with attempted murder."
    )
    chain = chain_of(sm_nlp, text, "man")
    assert "Paul Stone" not in chain
    assert "John Smith" in chain


# -- a description of a body or a country in the name's own sentence ---------------------------


def test_a_body_description_subject_of_a_later_clause_takes_up_the_name(sm_nlp):
    """ "Acme Corp. cut 300 jobs, the company said": the subject of another clause than the
    name's takes the name up as "it" would, for a body as for a country."""
    text = "Acme Corp. has cut 300 jobs at its plant in Ohio, the company announced on Monday."
    assert "Acme Corp." in chain_of(sm_nlp, text, "company")
    text = "Norland voted on Sunday in an election meant to show that the nation was changing."
    assert "Norland" in chain_of(sm_nlp, text, "nation")


def test_a_body_description_object_in_the_names_sentence_is_another_body(sm_nlp):
    """ "Acme Corp. bought the company": an object in the name's sentence is something else of
    its kind."""
    text = "Acme Corp. said on Monday that it had bought the company for $3 million."
    assert "Acme Corp." not in chain_of(sm_nlp, text, "company")


def test_a_country_description_owning_or_sited_in_its_sentence_takes_up_the_land(sm_nlp):
    """ "for the first time in the country's history", "officials in the nation": a possessor or
    a place after "in" in the land's own sentence is that land, as "its" would be."""
    text = "Elections in Turkmenistan will be held for the first time in the country's history."
    assert "Turkmenistan" in chain_of(sm_nlp, text, "country")
    text = "Voters in Turkmenistan went to the polls, and officials in the nation counted them."
    assert "Turkmenistan" in chain_of(sm_nlp, text, "nation")


def test_a_country_description_owning_something_is_no_city_nor_body(sm_nlp):
    """A city ("Florence", "Athens") or a body ("Acme Corp.") named in the sentence is no land,
    so "the nation's" there is another polity."""
    text = "The prison in Athens is among the nation's toughest prisons."
    assert "Athens" not in chain_of(sm_nlp, text, "nation")
    text = "Acme Corp. hired a chemist who is among the nation's best-known scientists."
    assert "Acme Corp." not in chain_of(sm_nlp, text, "nation")


# -- a description its pronouns show is someone else --------------------------------------------


def test_a_description_whose_verb_has_the_name_for_object_is_not_the_name(sm_nlp):
    """ "Tom Hart was arrested ... the guard had beaten him": the description sieve joins "the
    guard" to Tom Hart, the one person spoken of, before "him" is resolved; the subject and the
    object of "beaten" are two people, so the guard leaves Tom Hart's chain and "him" stays."""
    text = "Tom Hart was arrested on Monday. Police said the guard had beaten him."
    assert chain_of(sm_nlp, text, "guard") == set()
    assert chain_of(sm_nlp, text, "Tom Hart") == {"him"}
    text = "John Reed was arrested on Monday. Police said the neighbour called him."
    assert chain_of(sm_nlp, text, "neighbour") == set()
    assert chain_of(sm_nlp, text, "John Reed") == {"him"}


def test_a_description_that_is_the_subject_of_its_own_verb_stays_with_the_name(sm_nlp):
    """ "the neighbour said he saw him": the description and "he" are one, "him" another; no
    verb has the description for subject and its chain for object, so it stays."""
    text = "John Reed was arrested on Monday. The neighbour said he saw him."
    assert chain_of(sm_nlp, text, "neighbour") == {"John Reed", "he"}


def test_a_pronoun_linked_through_a_split_off_description_is_resolved_again(sm_nlp):
    """ "The officer who stopped her said she was drunk": the description sieve joins "the
    officer" to Mary Cole before the pronouns are resolved, and "she" to the officer through
    her chain. "who" and "her" are the subject and the object of "stopped", so the officer
    leaves the chain; "she" was linked through the officer, and the pronoun sieve, asked again
    with the officer and Mary Cole two candidates, finds Mary Cole (the named person of her
    sex) rather than letting the officer take it along."""
    for text, description in (
        (
            "Mary Cole was charged on Friday. The officer who stopped her said she was drunk.",
            "officer",
        ),
        (
            "Mary Cole was charged on Friday. The neighbour who saw her said she had a knife.",
            "neighbour",
        ),
    ):
        assert chain_of(sm_nlp, text, description) == {"who"}
        assert chain_of(sm_nlp, text, "Mary Cole") == {"her", "she"}


# -- a description that holds a person's name ----------------------------------------------------


def test_a_description_holding_a_persons_name_describes_no_other_person(sm_nlp):
    """ "the Tom Hale adviser" is someone of Tom Hale's, never Mary Stone, however much the
    story has spoken of her."""
    text = (
        "Mary Stone won the race on Monday. Mary Stone thanked voters. "
        "The Tom Hale adviser spoke to reporters."
    )
    assert not chain_of(sm_nlp, text, "Tom Hale adviser") & {"Mary Stone"}


def test_a_body_description_holding_another_bodys_name_is_not_the_one_spoken_of(sm_nlp):
    """ "the Reuters news agency" is the agency its name says, not Acme Corp., however much
    the story has spoken of Acme; a nationality adjective ("the South Korean company") names
    no body, so that description still takes up Acme."""
    story = "Acme Corp. reported record profits on Monday. Acme Corp. said it would hire. "
    text = story + "The Reuters news agency said the figures were strong."
    assert "Acme Corp." not in chain_of(sm_nlp, text, "Reuters news agency")
    text = story + "The South Korean company said it would open a plant."
    assert "Acme Corp." in chain_of(sm_nlp, text, "South Korean company")


def test_a_lone_capitalised_word_typed_a_person_does_not_stop_a_description(sm_nlp):
    """ "the Olympic sprinter": a lone capitalised adjective the recogniser may type a person
    names no one, so the description still describes the protagonist."""
    text = "Ann Cole won the race on Monday. The Olympic sprinter said she would rest."
    assert "Ann Cole" in chain_of(sm_nlp, text, "Olympic sprinter")


# -- the predicate noun of a relative "who" --------------------------------------------------------


def test_the_predicate_of_a_relative_who_is_the_noun_its_clause_modifies(sm_nlp):
    """ "Helen Park, who became the most famous spy of the war": "who" is Helen Park, so what
    it became is too."""
    text = "Helen Park, who became the most famous spy of the war, died on Sunday."
    assert "Helen Park" in chain_of(sm_nlp, text, "most famous spy of the war")


def test_the_predicate_of_a_relative_that_is_left_alone(sm_nlp):
    """ "a fuel level that was five times the legal limit" says a measure of the level, not
    what it is."""
    text = "The car had a fuel level that was five times the legal limit."
    assert not chain_of(sm_nlp, text, "five times the legal limit") & {"fuel level", "that"}


# -- a place description of a facility named in its own sentence ----------------------------


def test_a_place_description_takes_up_the_facility_named_in_its_sentence(sm_nlp):
    """Two facilities: "the place" in another clause of the Sunrise Clinic's sentence is the
    Sunrise Clinic, though the Harbor Center was spoken of more before it."""
    text = (
        "Jane Doe entered the Harbor Center on Monday. "
        "The Harbor Center said Jane Doe was calm. "
        "Jane Doe then checked into the Sunrise Clinic on Tuesday, but she left because she "
        "did not like the place."
    )
    assert "Sunrise Clinic" in chain_of(sm_nlp, text, "place")
    assert "Harbor Center" not in chain_of(sm_nlp, text, "place")


def test_a_place_description_is_no_town_whose_name_ends_in_a_place_noun(sm_nlp):
    """ "Newport Beach" and "Chapel Hill" end in a noun of a place, but the recogniser reads
    them as a town: "the door" and "the field" of a story set there are things in it, while a
    facility so named ("the Sunrise Recovery Center") is what "the place" takes up."""
    text = (
        "Jane Doe drove to Newport Beach on Thursday. "
        "She walked through the door and left two minutes later."
    )
    assert "Newport Beach" not in chain_of(sm_nlp, text, "door")
    text = "The Tar Heels beat Evansville in Chapel Hill. Ellington scored from the field."
    assert "Chapel Hill" not in chain_of(sm_nlp, text, "field")
    text = (
        "Jane Doe checked into the Sunrise Recovery Center on Thursday. "
        "Her father said she did not like the place."
    )
    assert chain_of(sm_nlp, text, "place") == {"Sunrise Recovery Center"}


def test_a_where_clause_after_the_town_of_a_site_is_the_site_s(sm_nlp):
    """ "the Sunrise Clinic in Malibu, where she will continue": a clause set off by a comma
    after the town that says where a site lies is the site's, whether the parser hangs the
    town on the site or on the verb; a restrictive clause (no comma) narrows the town, and a
    town named alone keeps its "where"."""
    text = "Jane Doe moved to the Sunrise Clinic in Malibu, where she will continue her treatment."
    assert chain_of(sm_nlp, text, "where") == {"Sunrise Clinic"}
    text = "Jane Doe was taken to the Harbor Medical Center in Springfield, where she died."
    assert chain_of(sm_nlp, text, "where") == {"Harbor Medical Center"}
    text = "Police found him in a house on Elm Road in the North End where his mother lived."
    assert chain_of(sm_nlp, text, "where") == {"North End"}
    text = "Jane Doe flew to Boston, where she met her lawyer."
    assert chain_of(sm_nlp, text, "where") == {"Boston"}


def test_a_place_description_with_a_name_of_its_own_is_another_place(sm_nlp):
    """ "the Elm Street apartment" is named by its modifier: not the clinic named in its
    sentence."""
    text = (
        "Jane Doe entered the Harbor Center on Monday. "
        "The Harbor Center said Jane Doe was calm. "
        "Jane Doe then checked into the Sunrise Clinic on Tuesday, but she left because she "
        "did not like the Elm Street apartment."
    )
    assert "Sunrise Clinic" not in chain_of(sm_nlp, text, "Elm Street apartment")


def test_a_place_description_in_the_facility_s_own_clause_is_another_place(sm_nlp):
    """ "moved from the Sunrise Clinic to the hospital": one verb's two places are two."""
    text = (
        "Jane Doe entered the Harbor Center on Monday. "
        "The Harbor Center said Jane Doe was calm. "
        "Jane Doe moved from the Sunrise Clinic to the hospital on Tuesday."
    )
    assert "Sunrise Clinic" not in chain_of(sm_nlp, text, "hospital")


def test_a_mountain_is_taken_up_by_the_kind_written_before_its_name(sm_nlp):
    """ "Mt Kent", "Mount Kent" ... "the mountain": the kind written before the name."""
    for name in ("Mt Kent", "Mount Kent"):
        text = f"Two climbers reached {name} on Monday. Snow fell on the mountain all night."
        assert chain_of(sm_nlp, text, "mountain") == {name}


def test_a_first_word_that_is_no_kind_of_place_is_not_a_kind():
    """A headline's first noun ("Swimmer Wins Gold") is not what the name is a kind of."""
    from kg.coref.sieves import _kind_words

    class _Record:
        def __init__(self, text: str) -> None:
            self.text = text

    class _Name:
        def __init__(self, text: str) -> None:
            self.record = _Record(text)

    assert _kind_words(_Name("Swimmer Wins Gold")) == ["gold"]  # type: ignore[arg-type]
    assert _kind_words(_Name("Lake Tahoe")) == ["tahoe", "lake"]  # type: ignore[arg-type]
    assert lexicon.kind_of_place("lake")


# -- the doer and the one done to of one deed ------------------------------------------------------


def test_the_doer_of_a_deed_is_not_the_one_it_was_done_to(sm_nlp):
    """ "Tom Reed was killed by a police bullet ... The officer who fired the shot says he killed
    the boy": the description sieve may join "the officer" to Tom Reed, the one most spoken of,
    but in one story the one who kills and the one killed are two people, so the officer leaves
    Tom Reed's chain and its "he" follows it."""
    text = (
        "Tom Reed, 15, was killed by a police bullet on Friday. "
        "The officer who fired the shot says he killed the boy by accident."
    )
    assert chain_of(sm_nlp, text, "officer") == {"who", "he"}
    assert not chain_of(sm_nlp, text, "Tom Reed") & {"officer", "he"}


def test_a_clash_is_seen_through_a_name_written_twice(sm_nlp):
    """ "Tom Reed was shot ... Tom Reed was taken to hospital. The officer ... he shot": the
    two "Tom Reed" are one chain before any link is made, so the one shot clashes with the
    "he" who shot, though the description joined the second."""
    text = (
        "Tom Reed was shot by a guard on Friday. Tom Reed was taken to hospital. "
        "The officer who chased him says he shot the thief in self-defence."
    )
    assert chain_of(sm_nlp, text, "officer") >= {"who", "he"}
    assert "Tom Reed" not in chain_of(sm_nlp, text, "officer")


def test_a_reflexive_makes_the_doer_the_one_done_to(sm_nlp):
    """ "The man killed himself": a reflexive object gives its verb no sides, so no clash tells
    the man from one killed elsewhere in the story; "The man killed the clerk" makes him the
    doer, and "The clerk was killed" the clerk the one done to."""
    from kg.coref.mentions import _participant
    from kg.extract.tokens import doc_cache, doc_tokens

    def side(text: str, word: str) -> tuple[str, str]:
        doc = sm_nlp(text)
        token = next(t for t in doc if t.text == word)
        return _participant(doc_tokens(doc), doc_cache(doc).heads, token.head.i, token.dep_, token)

    assert side("The man killed himself.", "man") == ("", "")
    assert side("The man killed the clerk.", "man") == ("kill", "agent")
    assert side("The man killed the clerk.", "clerk") == ("kill", "patient")
    assert side("The clerk was killed by a robber.", "clerk") == ("kill", "patient")


# -- a name after "a" or "an" as a predicate -----------------------------------------------------


def test_a_name_after_an_indefinite_article_as_a_predicate_is_a_kind_not_a_name(sm_nlp):
    """ "Ann Vale has been revealed to be a Methodist who was very devout": a proper noun after
    "a" that a copula (here a raised "to be") says the subject is, is one of a kind, a
    description of her as "a nurse" would be: it joins her chain, and its "who" with it, but as
    a common noun, neither her name nor a name other Methodists of the story share."""
    from kg.kinds import ObjectKind

    text = (
        "Ann Vale was arrested on Monday. Ann Vale has been revealed to be a Methodist who "
        "was very devout. Many Methodists prayed for the victims."
    )
    mentions, _ = _chain_roots(sm_nlp(text))
    assert {"Ann Vale", "who"} <= chain_of(sm_nlp, text, "Methodist")
    assert "Methodists" not in chain_of(sm_nlp, text, "Methodist")
    methodist = next(m for m in mentions if m.text == "Methodist")
    assert methodist.kind != ObjectKind.ENTITY


def test_a_name_after_a_definite_article_or_none_stays_a_name(sm_nlp):
    """ "The winner is John Ray": a predicate name with no indefinite article is a name."""
    from kg.kinds import ObjectKind

    mentions, _ = _chain_roots(sm_nlp("The winner of the race is John Ray."))
    assert next(m for m in mentions if m.text == "John Ray").kind == ObjectKind.ENTITY


# -- a participle of identifying after an object ----------------------------------------------


def test_a_participle_of_identifying_after_an_object_names_that_object(sm_nlp):
    """ "apprehended the suspect, identified as ...": the parser hangs the participle on the
    main verb, but set right after the object it says who the object is, not the subject."""
    text = (
        "Police in Denver arrested a suspect on Friday. Officers later apprehended the "
        "suspect, identified as Carl Mays, at his home."
    )
    assert "Carl Mays" in chain_of(sm_nlp, text, "suspect")
    assert "Officers" not in chain_of(sm_nlp, text, "Carl Mays")


def test_a_participle_of_identifying_away_from_the_object_names_no_one(sm_nlp):
    """A participle that does not follow the object ("..., later identified as ...", after a
    phrase of time) is left alone: who it identifies is not written."""
    text = "Officers apprehended the suspect on Friday night, identified as Carl Mays."
    assert "suspect" not in chain_of(sm_nlp, text, "Carl Mays")


# -- a description named for a deed ----------------------------------------------------------


def deed_links(nlp, text: str) -> set[tuple[str, str]]:
    """The (mention, antecedent) texts of the links the deed sieve made."""
    doc = nlp(text)
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc))
    return {
        (mentions[k.mention].text, mentions[k.antecedent].text) for k in links if k.sieve == "deed"
    }


def test_a_description_named_for_a_deed_is_the_one_who_did_it(sm_nlp):
    """ "the killer" is the one person the document says killed someone (WordNet's agent noun
    of "kill"), "the suspect" the one person charged, "the victim" the one person shot."""
    text = (
        "Mark Dunn killed his neighbour on Sunday in Leeds. "
        "Witnesses said the killer fled in a red van."
    )
    assert "Mark Dunn" in chain_of(sm_nlp, text, "killer")
    text = "Anna Price was charged with fraud on Monday. Lawyers for the suspect asked for bail."
    assert "Anna Price" in chain_of(sm_nlp, text, "suspect")
    text = "A guard shot Tom Lake at a bank in Ohio. Doctors said the victim would recover."
    assert "Tom Lake" in chain_of(sm_nlp, text, "victim")


def test_a_description_named_for_a_deed_two_people_did_is_neither(sm_nlp):
    """Two people charged leave "the suspect" to neither."""
    text = (
        "Anna Price was charged with fraud on Monday. Paul Hart was charged with theft. "
        "Lawyers for the suspect asked for bail."
    )
    assert deed_links(sm_nlp, text) == set()


def test_a_denied_deed_names_no_one_for_it(sm_nlp):
    """ "was not charged": the one denied the deed is not "the suspect"."""
    text = (
        "Anna Price was not charged with fraud on Monday. Lawyers for the suspect asked for bail."
    )
    assert deed_links(sm_nlp, text) == set()
    text = "Anna Price was charged with fraud on Monday. Lawyers for the suspect asked for bail."
    assert deed_links(sm_nlp, text) == {("suspect", "Anna Price")}


def test_a_deed_noun_in_the_doers_own_quotation_is_someone_else(sm_nlp):
    """A witness who shot someone and speaks of "the gunman" speaks of another."""
    text = (
        'Tom Lake shot a burglar at his farm in Ohio. "The gunman ran toward the barn," Lake said.'
    )
    assert deed_links(sm_nlp, text) == set()
    text = (
        "Tom Lake shot a burglar at his farm in Ohio. Police said the gunman ran toward the barn."
    )
    assert deed_links(sm_nlp, text) == {("gunman", "Tom Lake")}


def test_deed_named_reads_wordnet_and_the_hand_list():
    assert lexicon.deed_named("killer") == (frozenset({"kill"}), "agent")
    assert lexicon.deed_named("driver")[1] == "agent"
    assert "arrest" in lexicon.deed_named("suspect")[0]
    assert lexicon.deed_named("victim")[1] == "patient"
    assert lexicon.deed_named("table") == (frozenset(), "")
