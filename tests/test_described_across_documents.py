"""A description no name of its own document took ("the actress") joins the one entity that
other documents call by its head noun, when the documents share context (kg/resolve.py,
``CorpusIndex._link_descriptions``). Texts written for these tests, parsed by the real model."""

from __future__ import annotations

from conftest import corpus_mentions, mention_in

import kg.resolve as resolve_module

# Two documents call Maria Delgado an actress, with the Harbor Clinic and Malibu around her.
CALLED = [
    "Actress Maria Delgado checked into the Harbor Clinic in Malibu on Monday. "
    "Delgado has been treated there before, her lawyer Tom Avery said.",
    "Maria Delgado, an actress from Ohio, left the Harbor Clinic in Malibu on Friday. "
    "Tom Avery said she would return to work next month.",
]
# A third names nobody: its actress is Maria Delgado by its clinic, its town and its lawyer.
NAMELESS = (
    "The actress was seen leaving the Harbor Clinic in Malibu, Tom Avery said. "
    "The clinic declined to comment."
)
# A fourth shares none of that: its actress is someone else, and stays a node of its own.
ELSEWHERE = "The actress won the top prize at the Berlin festival on Sunday. The jury praised her."


def test_a_nameless_description_joins_the_entity_others_call_so(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*CALLED, NAMELESS, ELSEWHERE])
    delgado = mention_in(records, "doc0", "Maria Delgado")["node"]
    actress = mention_in(records, "doc2", "actress")
    assert actress["node"] == delgado
    assert actress["sieve"] == "description_across_documents"
    assert actress["reason"].startswith(
        "'actress' is 'Maria Delgado', called 'actress' in other documents and seen with"
    )
    # The festival's actress shares nothing with Delgado's documents: not her.
    other = mention_in(records, "doc3", "actress")
    assert other["node"] != delgado


def test_two_entities_called_so_in_like_company_leave_the_description_alone(sm_nlp) -> None:
    # Rosa Lind is an actress at the same clinic too: the homonym guard keeps the nameless
    # actress apart from both.
    rival = [
        "Actress Rosa Lind checked into the Harbor Clinic in Malibu on Monday, Tom Avery said.",
        "Rosa Lind, an actress from Texas, left the Harbor Clinic in Malibu, Tom Avery said.",
    ]
    records = corpus_mentions(sm_nlp, [*CALLED, *rival, NAMELESS])
    actress = mention_in(records, "doc4", "actress")
    people = {
        mention_in(records, "doc0", "Maria Delgado")["node"],
        mention_in(records, "doc2", "Rosa Lind")["node"],
    }
    assert actress["node"] not in people


def test_an_entity_called_so_in_one_document_only_is_not_enough(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [CALLED[0], NAMELESS])
    delgado = mention_in(records, "doc0", "Maria Delgado")["node"]
    assert mention_in(records, "doc1", "actress")["node"] != delgado


def test_a_description_joins_the_body_whose_name_says_what_it_is(sm_nlp) -> None:
    # "the clinic" of a document that names no clinic is the Harbor Clinic of the others, whose
    # name ends in "Clinic"; a clinic in Berlin, among none of their names, is not.
    nameless_clinic = "Staff at the clinic in Malibu said Tom Avery had visited on Friday."
    berlin_clinic = "The clinic in Berlin opened a new wing on Sunday, its director said."
    records = corpus_mentions(sm_nlp, [*CALLED, nameless_clinic, berlin_clinic])
    harbor = mention_in(records, "doc0", "Harbor Clinic")["node"]
    clinic = mention_in(records, "doc2", "clinic in Malibu")
    assert clinic["node"] == harbor
    assert "whose name says it is a clinic" in clinic["reason"]
    assert mention_in(records, "doc3", "clinic in Berlin")["node"] != harbor


# One document gives Dana Whitlock the title of publicist, among the clinic, the town, the
# court and the festival; the other speaks of "the publicist" among all four, naming nobody.
TITLED = (
    "Publicist Dana Whitlock said on Monday that the Harbor Clinic in Malibu had admitted the "
    "singer before her hearing at the Santa Monica courthouse. The Cannes festival was told."
)
TITLED_NAMELESS = (
    "The publicist said the Harbor Clinic in Malibu would release the singer before the "
    "Santa Monica courthouse hears her case. The Cannes festival is next week."
)


def test_a_description_joins_the_one_entity_another_document_titles_so(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [TITLED, TITLED_NAMELESS])
    whitlock = mention_in(records, "doc0", "Dana Whitlock")["node"]
    publicist = mention_in(records, "doc1", "publicist")
    assert publicist["node"] == whitlock
    assert publicist["sieve"] == "description_across_documents"
    assert publicist["reason"].startswith(
        "'publicist' is 'Dana Whitlock', given the title 'publicist' in another document"
    )


def test_a_title_in_one_document_needs_more_context_than_two_documents_calls(sm_nlp) -> None:
    # Only the clinic and the town in common: two documents' calls would do, one title not.
    sparse = "The publicist said the Harbor Clinic in Malibu was full. Nobody else spoke."
    records = corpus_mentions(sm_nlp, [TITLED, sparse])
    whitlock = mention_in(records, "doc0", "Dana Whitlock")["node"]
    assert mention_in(records, "doc1", "publicist")["node"] != whitlock


def test_a_description_chained_in_one_document_is_no_title(sm_nlp) -> None:
    # "the publicist" chained to Whitlock by the description sieve, not written as her title.
    chained = (
        "Dana Whitlock said on Monday that the Harbor Clinic in Malibu had admitted the singer "
        "before her hearing at the Santa Monica courthouse. The publicist told the Cannes "
        "festival."
    )
    records = corpus_mentions(sm_nlp, [chained, TITLED_NAMELESS])
    whitlock = mention_in(records, "doc0", "Dana Whitlock")["node"]
    assert mention_in(records, "doc1", "publicist")["node"] != whitlock


def test_of_the_entities_called_so_the_one_its_own_document_names(sm_nlp) -> None:
    # Rosa Lind is an actress too, and her documents share the clinic, the town and the
    # lawyer with Maria Delgado's: a nameless "actress" there stays apart from both. A story
    # that names Rosa Lind beside them speaks of her: its "actress" is Rosa Lind.
    lind = [
        "Actress Rosa Lind checked into the Harbor Clinic in Malibu on Monday, Tom Avery said.",
        "Rosa Lind, an actress from Texas, left the Harbor Clinic in Malibu, Tom Avery said.",
    ]
    story = (
        "The actress checked into the Harbor Clinic in Malibu, Tom Avery said. "
        "Rosa Lind was seen there."
    )
    records = corpus_mentions(sm_nlp, [*CALLED, *lind, story])
    actress = mention_in(records, "doc4", "actress")
    assert actress["node"] == mention_in(records, "doc2", "Rosa Lind")["node"]
    assert actress["reason"].startswith("'actress' is 'Rosa Lind', called 'actress'")
    assert actress["node"] != mention_in(records, "doc0", "Maria Delgado")["node"]
    # Without her name, the story's actress is neither (the homonym guard).
    records = corpus_mentions(sm_nlp, [*CALLED, *lind, NAMELESS])
    assert mention_in(records, "doc4", "actress")["node"] not in {
        mention_in(records, "doc2", "Rosa Lind")["node"],
        mention_in(records, "doc0", "Maria Delgado")["node"],
    }


# Two hit-and-runs in one corpus: two documents call Maria Delgado of Queens a woman.
QUEENS = [
    "A woman, Maria Delgado, was killed by a hit-and-run driver in Queens, police said. "
    "The driver fled the scene in a car.",
    "Maria Delgado, a 59-year-old woman, was struck by a car in Queens. "
    "Police arrested the driver at the scene.",
]


def test_a_description_of_another_story_joins_the_person_its_document_names(sm_nlp) -> None:
    # The Bloomington story's "woman" shares a car, a driver, the police and a scene with
    # Maria Delgado's documents, but they name none of its people (Tom Hale, Ann Berg): its
    # woman is Ann Berg, whom one document calls a woman.
    bloomington = [
        "Ann Berg, a 66-year-old woman, was struck by a car outside a store in Bloomington.",
        "The woman was struck by a car outside a store, police said. The driver, Tom Hale, "
        "fled the scene. Ann Berg died at the hospital.",
    ]
    records = corpus_mentions(sm_nlp, [*QUEENS, *bloomington])
    woman = mention_in(records, "doc3", "woman")
    assert woman["node"] == mention_in(records, "doc2", "Ann Berg")["node"]
    assert woman["node"] != mention_in(records, "doc0", "Maria Delgado")["node"]
    assert woman["reason"].startswith(
        "'woman' is 'Ann Berg', whom its document names and another calls 'woman', rather "
        "than 'Maria Delgado' of other stories"
    )


def test_a_description_of_another_story_takes_no_person_of_the_other_sex(sm_nlp) -> None:
    # John Berg is called a woman by one misread document: the story's woman is not he.
    bloomington = [
        "John Berg, a woman, was struck by a car outside a store in Bloomington.",
        "The woman was struck by a car outside a store, police said. The driver, Tom Hale, "
        "fled the scene. John Berg died at the hospital.",
    ]
    records = corpus_mentions(sm_nlp, [*QUEENS, *bloomington])
    woman = mention_in(records, "doc3", "woman")
    assert woman["node"] != mention_in(records, "doc2", "John Berg")["node"]


def test_a_hyphenated_description_shows_its_last_piece(sm_nlp) -> None:
    # "the co-owner" is called by "owner", the word's last piece, as the others call her.
    owner = [
        "Restaurant owner Maria Delgado checked into the Harbor Clinic in Malibu on Monday. "
        "Delgado has been treated there before, her lawyer Tom Avery said.",
        "Maria Delgado, the owner of a diner in Ohio, left the Harbor Clinic in Malibu. "
        "Tom Avery said she would return to work next month.",
        "The co-owner was seen leaving the Harbor Clinic in Malibu, Tom Avery said.",
    ]
    records = corpus_mentions(sm_nlp, owner)
    delgado = mention_in(records, "doc0", "Maria Delgado")["node"]
    co_owner = mention_in(records, "doc2", "co-owner")
    assert co_owner["node"] == delgado
    assert co_owner["reason"].startswith("'co-owner' is 'Maria Delgado', called 'owner'")


# One hit-and-run told three times: two reports name the driver and the man he struck, and call
# both of them men; the third names neither, and its "man" shares their context alike.
HIT_AND_RUN = [
    "Tom Subryan, a 40-year-old man, was charged with drunken driving in Queens on Sunday. "
    "Police said the man struck Peter Lopez, a 30-year-old man, on Main Street. "
    "Lopez died at Elmhurst Hospital.",
    "Peter Lopez, a man from Queens, was struck on Main Street on Sunday. Tom Subryan, a man "
    "from Jamaica, was charged with drunken driving. Lopez died at Elmhurst Hospital.",
]


def test_of_people_sharing_the_context_the_one_that_did_what_the_description_did(sm_nlp) -> None:
    # "A man was charged with drunken driving": the reports say Subryan was, not Lopez.
    charged = (
        "A man was charged with drunken driving after a crash on Main Street in Queens on "
        "Sunday. The man fled on foot. A pedestrian died at Elmhurst Hospital."
    )
    records = corpus_mentions(sm_nlp, [*HIT_AND_RUN, charged])
    driver = mention_in(records, "doc0", "Tom Subryan")["node"]
    victim = mention_in(records, "doc0", "Peter Lopez")["node"]
    man = mention_in(records, "doc2", "man")
    assert man["node"] == driver
    assert man["node"] != victim
    assert man["sieve"] == "description_across_documents"
    assert man["reason"].endswith("but alone the object of 'charge' there as here")


# One courtroom shooting told four times: two reports call the judge the gunman killed a judge,
# two the judge who sentenced him; the killed judge, his story told at more length, shares more
# of a later report's names and things.
JUDGES = [
    "Judge Rowan Hale was shot dead in his courtroom in Atlanta on Monday. Brian Nolan killed "
    "Hale and a deputy during the rape trial. Hale had been a judge for twenty years.",
    "Judge Rowan Hale died after Brian Nolan shot him in an Atlanta courtroom during the rape "
    "trial. A deputy also died. Nolan was arrested later that day.",
    "Judge Ellen Marsh sentenced Brian Nolan to life in prison on Friday.",
    "Judge Ellen Marsh sentenced Nolan in Atlanta. Marsh said he showed no remorse.",
]


def test_of_two_people_called_so_the_one_that_did_what_the_description_did(sm_nlp) -> None:
    # "An Atlanta judge sentenced Brian Nolan": the judge who sentenced him, not the one he shot,
    # who shares more of the report's context but did none of what it says its judge did.
    sentenced = (
        "An Atlanta judge sentenced Brian Nolan to life in prison for the courtroom shooting "
        "during the rape trial that killed a deputy."
    )
    records = corpus_mentions(sm_nlp, [*JUDGES, sentenced])
    killed = mention_in(records, "doc0", "Rowan Hale")["node"]
    sentencing = mention_in(records, "doc2", "Ellen Marsh")["node"]
    judge = mention_in(records, "doc4", "Atlanta judge")
    assert judge["node"] == sentencing
    assert judge["node"] != killed
    assert judge["reason"].startswith(
        "'Atlanta judge' is 'Ellen Marsh', called 'judge' in other documents and the subject "
        "of 'sentence' there as here"
    )
    assert judge["reason"].endswith("rather than 'Rowan Hale', who does nothing it does")


# Two deputies of one courthouse attack, a man two reports name and a woman one report names.
DEPUTIES = [
    "Deputy Tom Hart was shot dead at the Atlanta courthouse on Friday. Brian Nolan killed Hart "
    "as he fled.",
    "Deputy Tom Hart died outside the Atlanta courthouse. He had served for ten years.",
    "Brian Nolan beat Deputy Ann Hall in a holding cell at the Atlanta courthouse and took her "
    "gun.",
]


def test_a_description_of_the_other_sex_is_the_one_of_its_sex_that_did_what_it_did(sm_nlp) -> None:
    # "a deputy ... her gun" is not the deputy two reports call so, a man, but the woman one
    # report calls a deputy, beaten as this one was.
    beaten = (
        "Brian Nolan beat a deputy guarding him at the Atlanta courthouse and took her gun, "
        "police said."
    )
    records = corpus_mentions(sm_nlp, [*DEPUTIES, beaten])
    deputy = mention_in(records, "doc3", "deputy guarding him at the Atlanta courthouse")
    assert deputy["node"] == mention_in(records, "doc2", "Ann Hall")["node"]
    assert deputy["node"] != mention_in(records, "doc0", "Tom Hart")["node"]
    assert deputy["reason"].endswith(
        "called 'deputy' in another document and the object of 'beat' there as here, seen "
        "with 4 of the same names and things, rather than 'Tom Hart', of the other sex"
    )


def test_a_description_of_the_sex_of_the_one_called_so_stays_with_them(sm_nlp) -> None:
    # "a deputy ... as he fled": the deputy the reports call so, a man as it is.
    shot = "Brian Nolan shot a deputy at the Atlanta courthouse as he fled."
    records = corpus_mentions(sm_nlp, [*DEPUTIES, shot])
    deputy = mention_in(records, "doc3", "deputy at the Atlanta courthouse")
    assert deputy["node"] == mention_in(records, "doc0", "Tom Hart")["node"]


def test_a_description_doing_what_its_person_did_stays_with_them(sm_nlp) -> None:
    # "Brian Nolan shot a judge": the judge he shot, whom the context chose already.
    shot = (
        "Brian Nolan shot a judge in an Atlanta courtroom during the rape trial. A deputy also "
        "died in the courtroom shooting."
    )
    records = corpus_mentions(sm_nlp, [*JUDGES, shot])
    judge = mention_in(records, "doc4", "judge")
    assert judge["node"] == mention_in(records, "doc0", "Rowan Hale")["node"]
    assert judge["reason"].endswith(
        "called 'judge' in other documents and seen with 5 of the same names and things"
    )


def test_what_a_description_says_tells_no_one_apart(sm_nlp) -> None:
    # Everyone in a story says something: "the judge said" is no deed of one judge, though
    # only the judge who sentenced Nolan is said to have said anything.
    said = (
        "An Atlanta judge said Brian Nolan will spend his life in prison for the courtroom "
        "shooting during the rape trial that killed a deputy."
    )
    records = corpus_mentions(sm_nlp, [*JUDGES, said])
    judge = mention_in(records, "doc4", "Atlanta judge")
    assert judge["node"] == mention_in(records, "doc0", "Rowan Hale")["node"]


def test_people_sharing_the_context_and_no_deed_leave_the_description_alone(sm_nlp) -> None:
    # Nothing the third report's man does is said of either of them: no telling which.
    unsaid = (
        "A man lived for years near Main Street in Queens, neighbours said on Sunday. "
        "A pedestrian died at Elmhurst Hospital."
    )
    records = corpus_mentions(sm_nlp, [*HIT_AND_RUN, unsaid])
    people = {
        mention_in(records, "doc0", "Tom Subryan")["node"],
        mention_in(records, "doc0", "Peter Lopez")["node"],
    }
    assert mention_in(records, "doc2", "man")["node"] not in people


# Two presidents: two documents call Harold Benton one, over an affair in Washington; two call
# Carl Moreno one, who pardoned the Bureau's informant Paul Kessler, whom Alan Ward knew.
BENTON = [
    "President Harold Benton resigned over the Brandt affair. Benton left Washington in August.",
    "Harold Benton, the president, was accused in the Brandt affair. He left Washington.",
]
MORENO = [
    "President Carl Moreno pardoned Paul Kessler, the informant of the Bureau, in Washington. "
    "Kessler had worked with Alan Ward at the Bureau for years.",
    "Carl Moreno, the president, pardoned Paul Kessler in Washington. Alan Ward and the Bureau "
    "welcomed the pardon of the informant.",
]
# Kessler's obituary: the president his affair toppled, among Moreno's names more than Benton's.
OBITUARY = (
    "Paul Kessler, the informant of the Bureau who exposed the Brandt affair that toppled a "
    "president, has died in Washington. Kessler had worked with Alan Ward. "
    "Harold Benton never forgave him."
)


def test_of_the_entities_called_so_the_one_its_document_names_over_more_context(
    sm_nlp, monkeypatch
) -> None:
    # A much-spoken-of person's context is full long before the last story that names him
    # (CONTEXT_LIMIT): here after one document, so that Moreno, whom the obituary does not
    # name, shares more of its names than Benton, whom it does. Its president is Benton.
    monkeypatch.setattr(resolve_module, "CONTEXT_LIMIT", 5)
    records = corpus_mentions(sm_nlp, [*BENTON, *MORENO, OBITUARY])
    benton = mention_in(records, "doc0", "Harold Benton")["node"]
    president = mention_in(records, "doc4", "president")
    assert president["node"] == benton
    assert president["reason"].startswith(
        "'president' is 'Harold Benton', which its document names and other documents call a "
        "president or name as one, seen with 3 of the same names and things, rather than "
        "'Carl Moreno', which its document does not name"
    )
    # Without Benton's name, the obituary's president is Moreno, who shares most.
    unnamed = OBITUARY.removesuffix(" Harold Benton never forgave him.")
    records = corpus_mentions(sm_nlp, [*BENTON, *MORENO, unnamed])
    moreno = mention_in(records, "doc2", "Carl Moreno")["node"]
    assert mention_in(records, "doc4", "president")["node"] == moreno


# Four reports call Tom Reyes president, two call Ann Cole so; an obituary of the banker she
# pardoned names both presidents, and shares as many names and things with the reports of each.
PRESIDENTS = [
    "President Tom Reyes resigned over the Harbor scandal on Monday.",
    "President Tom Reyes left office after the Harbor scandal, his aides said.",
    "President Tom Reyes flew home to Ohio after he resigned.",
    "President Tom Reyes wrote a book about the Harbor scandal.",
    "President Ann Cole pardoned the banker Hugo Varga in Porto. Varga had leaked the Harbor "
    "files to the Daily Star.",
    "President Ann Cole defended her pardon of Hugo Varga, the banker who leaked the Harbor "
    "files to the Daily Star, in Porto.",
]
BANKER_OBITUARY = (
    "Hugo Varga, the banker who leaked the Harbor files to the Daily Star and brought down a "
    "president, has died in Porto. Ann Cole pardoned him, and Tom Reyes never forgave him."
)


def test_of_people_its_document_names_the_one_most_documents_call_so(sm_nlp) -> None:
    # "brought down a president": of the two presidents the obituary names, the one four
    # reports call so, not the one two do; the context alone leaves it to neither.
    records = corpus_mentions(sm_nlp, [*PRESIDENTS, BANKER_OBITUARY])
    president = mention_in(records, "doc6", "president")
    assert president["node"] == mention_in(records, "doc0", "Tom Reyes")["node"]
    assert president["reason"] == (
        "'president' is 'Tom Reyes', which its document names and 4 other documents call a "
        "president, seen with 7 of the same names and things, rather than 'Ann Cole', which it "
        "names too and 2 call so"
    )


def test_people_its_document_names_called_so_alike_are_told_apart_by_context(sm_nlp) -> None:
    # Three reports against two are no clear majority: the context decides, as before, and
    # tells them apart no better than the homonym guard allows.
    records = corpus_mentions(sm_nlp, [*PRESIDENTS[1:], BANKER_OBITUARY])
    president = mention_in(records, "doc5", "president")
    assert president["node"] not in {
        mention_in(records, "doc0", "Tom Reyes")["node"],
        mention_in(records, "doc3", "Ann Cole")["node"],
    }


def test_the_person_its_document_names_needs_context_of_its_own(sm_nlp, monkeypatch) -> None:
    # An obituary that names Benton but shares with his documents only Washington: his name
    # alone does not make him its president over Moreno, who shares the informant's story.
    monkeypatch.setattr(resolve_module, "CONTEXT_LIMIT", 5)
    sparse = (
        "Paul Kessler, the informant of the Bureau who helped topple a president, has died in "
        "Washington. Kessler had worked with Alan Ward. Harold Benton never forgave him."
    )
    records = corpus_mentions(sm_nlp, [*BENTON, *MORENO, sparse])
    president = mention_in(records, "doc4", "president")
    assert president["node"] == mention_in(records, "doc2", "Carl Moreno")["node"]


# A hit-and-run outside a store: two reports name the store's body before the word "store"; a
# third speaks of "a store in Bloomington" among the same town, officer and driver.
STORE = [
    "A woman was struck by a car outside the Kessler Mart store in Bloomington on Monday. "
    "Officer Dan Pruitt arrested the driver, Tom Hale, in the parking lot.",
    "Tom Hale hit the woman in the parking lot of the Kessler Mart store in Bloomington, "
    "Officer Dan Pruitt said. The driver had been drinking.",
]
NAMELESS_STORE = (
    "A woman died after a car hit her outside a store in Bloomington, Officer Dan Pruitt said. "
    "The driver, Tom Hale, was arrested in the parking lot."
)


def test_a_description_joins_the_body_written_before_its_noun(sm_nlp) -> None:
    # "the Kessler Mart store" says Kessler Mart is a store, though its name does not end in
    # the word: the nameless document's store is it; a store in Denver, among none of its
    # documents' names, is not.
    denver = "A store in Denver reopened on Friday after a flood, its owner said."
    records = corpus_mentions(sm_nlp, [*STORE, NAMELESS_STORE, denver])
    kessler = mention_in(records, "doc0", "Kessler Mart")["node"]
    store = mention_in(records, "doc2", "store in Bloomington")
    assert store["node"] == kessler
    assert store["reason"].startswith(
        "'store in Bloomington' is 'Kessler Mart', whose name is written before 'store' "
        "('Kessler Mart store')"
    )
    assert mention_in(records, "doc3", "store in Denver")["node"] != kessler


def test_a_town_written_before_a_noun_is_not_of_its_kind(sm_nlp) -> None:
    # "the Bloomington store" is a store in Bloomington: the town is no store.
    town = [text.replace("Kessler Mart store", "Bloomington store") for text in STORE]
    records = corpus_mentions(sm_nlp, [*town, NAMELESS_STORE])
    bloomington = mention_in(records, "doc2", "Bloomington")["node"]
    assert mention_in(records, "doc2", "store in Bloomington")["node"] != bloomington


def test_a_name_with_other_words_before_the_noun_is_not_of_its_kind(sm_nlp) -> None:
    # "the Kessler Mart grocery store": the store may be Kessler Mart's, not Kessler Mart.
    owned = [text.replace("Kessler Mart store", "Kessler Mart grocery store") for text in STORE]
    records = corpus_mentions(sm_nlp, [*owned, NAMELESS_STORE])
    kessler = mention_in(records, "doc0", "Kessler Mart")["node"]
    assert mention_in(records, "doc2", "store in Bloomington")["node"] != kessler


def test_a_chains_store_in_another_town_is_another_store(sm_nlp) -> None:
    # Kessler Mart's stores: the Bloomington reports write "the Kessler Mart store"; a report
    # of a woman hit outside a store in Denver names Kessler Mart too, but its store is not the
    # one the Bloomington reports wrote so.
    denver = (
        "A woman was struck by a car outside a store in Denver on Friday, Kessler Mart said. "
        "The driver fled the parking lot."
    )
    records = corpus_mentions(sm_nlp, [*STORE, NAMELESS_STORE, denver])
    kessler = mention_in(records, "doc0", "Kessler Mart")["node"]
    assert mention_in(records, "doc2", "store in Bloomington")["node"] == kessler
    assert mention_in(records, "doc3", "store in Denver")["node"] != kessler


# An inmate's death: one report writes "the Huntsville prison", where the recogniser may take the
# town for a body; another writes "a prison in Huntsville", the town's name as a place's.
PRISON = [
    "Guards at the Huntsville prison found the inmate Carl Reyes dead in his cell on Monday, "
    "warden Ann Ortiz said.",
    "Carl Reyes had been moved to a prison in Huntsville, Texas, last year, warden Ann Ortiz "
    "said. The inmate was 41.",
]
NAMELESS_PRISON = (
    "The inmate Carl Reyes was found dead in the prison on Monday, warden Ann Ortiz said. "
    "Guards found him in his cell."
)


def test_a_town_written_as_a_place_elsewhere_takes_no_prison(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, [*PRISON, NAMELESS_PRISON])
    huntsville = mention_in(records, "doc1", "Huntsville")["node"]
    assert mention_in(records, "doc2", "prison")["node"] != huntsville


# A fire: one report writes "the Kessler Corp. building", a building named after its owner (or,
# as "the Kappa-Marousi building", after a district the recogniser took for a body); a building
# is no body's establishment, as a store or a prison is, and the other report's is not Kessler.
BUILDING = [
    "Fire destroyed the Kessler Corp. building on Monday, fire chief Rob Lane said. "
    "The blaze spread to the roof.",
    "Fire chief Rob Lane said the blaze spread to the roof of the building on Monday.",
]


def test_a_name_written_before_a_building_is_not_the_building(sm_nlp) -> None:
    records = corpus_mentions(sm_nlp, BUILDING)
    kessler = mention_in(records, "doc0", "Kessler Corp.")["node"]
    assert mention_in(records, "doc1", "building")["node"] != kessler


def test_a_description_naming_another_owner_is_not_the_body_written_before_its_noun(
    sm_nlp,
) -> None:
    # "the Harry Winston jewellery store" is Harry Winston's store, not the Kessler Mart store
    # of the other reports, though it is in Bloomington among the same officer and driver;
    # "the Sam's Club store" would be the Bloomington Sam's Club's (_named_within).
    owned = (
        "A woman was struck by a car outside the Harry Winston jewellery store in Bloomington, "
        "Officer Dan Pruitt said. Harry Winston closed the store. The driver, Tom Hale, fled."
    )
    records = corpus_mentions(sm_nlp, [*STORE, NAMELESS_STORE, owned])
    kessler = mention_in(records, "doc0", "Kessler Mart")["node"]
    assert mention_in(records, "doc2", "store in Bloomington")["node"] == kessler
    store = mention_in(records, "doc3", "Harry Winston jewellery store in Bloomington")
    assert store["node"] != kessler


# Two killings of co-workers in one corpus. Two Philadelphia reports call Yvonne Hall a
# co-worker and say she was charged; a Staunton report names Sharon Smith, charged there.
CHARGED_IN_PHILADELPHIA = [
    "Yvonne Hall, a co-worker of the victims, was charged with murder after a shooting at a "
    "bakery in Philadelphia. Police said Yvonne Hall had been suspended that day.",
    "Yvonne Hall, a co-worker of the two women, was charged with the killings at the bakery "
    "in Philadelphia. The bakery was closed on Friday.",
]
STAUNTON_CO_WORKER = (
    "A co-worker was charged in the 1967 killings of two women at an ice cream shop in "
    "Staunton, police said. Chief Jim Moore said the case had been open for decades."
)


def staunton_names(charged: str) -> str:
    return (
        f"Police arrested Sharon Smith in Staunton on Friday. {charged} with the 1967 killings "
        "of two women at an ice cream shop in Staunton, Chief Jim Moore said."
    )


def test_a_description_of_another_story_is_the_one_who_plays_its_part_here(sm_nlp) -> None:
    # Its noun's person is Yvonne Hall, of Philadelphia; its own story's person charged with
    # the killings is Sharon Smith, whom no report calls a co-worker.
    staunton = staunton_names("Sharon Smith was charged")
    records = corpus_mentions(sm_nlp, [*CHARGED_IN_PHILADELPHIA, staunton, STAUNTON_CO_WORKER])
    co_worker = mention_in(records, "doc3", "co-worker")
    assert co_worker["node"] == mention_in(records, "doc2", "Sharon Smith")["node"]
    assert co_worker["node"] != mention_in(records, "doc0", "Yvonne Hall")["node"]
    assert co_worker["reason"].startswith(
        "'co-worker' is 'Sharon Smith', of its own story, the object of 'charge' there as "
        "here and seen with"
    )


def test_no_one_plays_the_part_of_another_story_unless_one_alone_does(sm_nlp) -> None:
    # Two people charged in Staunton: either may be the co-worker.
    both = staunton_names("Sharon Smith and Ann Price were charged")
    # Sharon Smith was arrested, not charged: she plays no part the co-worker plays.
    arrested = staunton_names("Sharon Smith was questioned")
    for staunton, named in ((both, ("Sharon Smith", "Ann Price")), (arrested, ("Sharon Smith",))):
        records = corpus_mentions(sm_nlp, [*CHARGED_IN_PHILADELPHIA, staunton, STAUNTON_CO_WORKER])
        co_worker = mention_in(records, "doc3", "co-worker")
        assert co_worker["node"] not in {
            mention_in(records, "doc2", name)["node"] for name in named
        }, co_worker
        assert co_worker["node"] != mention_in(records, "doc0", "Yvonne Hall")["node"]


# A Staunton report names Sharon Smith and says she was arrested; the Philadelphia reports
# call Yvonne Hall a co-worker but never say she was arrested.
STAUNTON_ARRESTS = (
    "Police arrested Sharon Smith in Staunton on Friday in the 1967 killings of two women at "
    "an ice cream shop, Chief Jim Moore said."
)
STAUNTON_ARRESTED_CO_WORKER = (
    "Police in Staunton arrested a co-worker on Friday in the 1967 killings of two women at an "
    "ice cream shop, Chief Jim Moore said."
)


def test_a_description_of_another_story_is_the_one_who_does_what_it_does_here(sm_nlp) -> None:
    # Hall, called a co-worker, is of Philadelphia and is not said to be arrested: the
    # co-worker arrested in Staunton is the one person that story names as arrested.
    records = corpus_mentions(
        sm_nlp, [*CHARGED_IN_PHILADELPHIA, STAUNTON_ARRESTS, STAUNTON_ARRESTED_CO_WORKER]
    )
    co_worker = mention_in(records, "doc3", "co-worker")
    assert co_worker["node"] == mention_in(records, "doc2", "Sharon Smith")["node"]
    assert co_worker["node"] != mention_in(records, "doc0", "Yvonne Hall")["node"]
    assert co_worker["reason"].startswith(
        "'co-worker' is 'Sharon Smith', the one person of its own story who is the object of "
        "'arrest' there as here"
    )


def test_no_one_does_it_in_its_story_when_two_do_or_none_is_of_its_place(sm_nlp) -> None:
    # Two people arrested in Staunton: either may be the co-worker.
    two = STAUNTON_ARRESTS.replace("Sharon Smith", "Sharon Smith and Ann Price")
    # The one arrested is of Denver, not of the co-worker's Staunton.
    denver = STAUNTON_ARRESTS.replace("Staunton", "Denver")
    for arrests, named in ((two, ("Sharon Smith", "Ann Price")), (denver, ("Sharon Smith",))):
        records = corpus_mentions(
            sm_nlp, [*CHARGED_IN_PHILADELPHIA, arrests, STAUNTON_ARRESTED_CO_WORKER]
        )
        co_worker = mention_in(records, "doc3", "co-worker")
        assert co_worker["node"] not in {
            mention_in(records, "doc2", name)["node"] for name in named
        }, co_worker
        assert co_worker["node"] != mention_in(records, "doc0", "Yvonne Hall")["node"]


# An office shooting: two reports call Carl Mays "a man" and say he killed Tom Reed.
KILLED_BY_MAYS = [
    "Carl Mays, a man from Denver, shot and killed Tom Reed at an office party, police said. "
    "Mays had been fired last week.",
    "Police said Carl Mays, a 61-year-old man, killed Tom Reed at the office party in Denver. "
    "Reed was 40.",
]


def test_a_description_undergoing_what_its_candidate_does_is_the_one_named_who_undergoes_it(
    sm_nlp,
) -> None:
    # "One man was killed" is called by Mays's noun, but the reports say Mays killed someone
    # and Reed, whom this report names too, was killed: the man killed is Reed.
    report = (
        "Police said Carl Mays opened fire at an office party in Denver on Friday, shooting "
        "Tom Reed. One man was shot and killed in the office, but the other guests escaped."
    )
    records = corpus_mentions(sm_nlp, [*KILLED_BY_MAYS, report])
    man = mention_in(records, "doc2", "One man")
    assert man["node"] == mention_in(records, "doc0", "Tom Reed")["node"]
    assert man["node"] != mention_in(records, "doc0", "Carl Mays")["node"]
    assert man["reason"].startswith(
        "'One man' is 'Tom Reed', whom its document names and other documents say was the "
        "object of 'kill' as it is here, not 'Carl Mays'"
    )


def test_no_one_named_here_undergoing_it_leaves_the_description_to_its_noun(sm_nlp) -> None:
    # The report names no one killed: the rule has no one to offer, and Reed, whom it does not
    # name, is not taken.
    report = (
        "Police said Carl Mays opened fire at an office party in Denver on Friday. "
        "One man was shot and killed in the office, but the other guests escaped."
    )
    records = corpus_mentions(sm_nlp, [*KILLED_BY_MAYS, report])
    man = mention_in(records, "doc2", "One man")
    assert man["node"] != mention_in(records, "doc0", "Tom Reed")["node"]


def test_a_description_undergoing_what_its_candidate_does_to_others_stays_apart(sm_nlp) -> None:
    # The report names no one killed, but the man it says was killed is not Mays, whom two
    # reports call "a man" and say killed someone: the one shot is not the one who shot.
    report = (
        "A man was shot and killed at an office party in Denver on Friday, police said. "
        "Officers searched the building."
    )
    records = corpus_mentions(sm_nlp, [*KILLED_BY_MAYS, report])
    man = mention_in(records, "doc2", "man")
    assert man["node"] != mention_in(records, "doc0", "Carl Mays")["node"]
    assert man["node"] != mention_in(records, "doc0", "Tom Reed")["node"]


def test_a_description_doing_what_its_candidate_does_joins_it_whatever_it_undergoes(
    sm_nlp,
) -> None:
    # The man who killed someone is Mays, whom two reports say killed someone, though this
    # report also says he was killed himself: he plays Mays's part too.
    report = (
        "Police said a man killed a guest at an office party in Denver on Friday and was "
        "killed by an officer minutes later."
    )
    records = corpus_mentions(sm_nlp, [*KILLED_BY_MAYS, report])
    man = mention_in(records, "doc2", "man")
    assert man["node"] == mention_in(records, "doc0", "Carl Mays")["node"]
