"""The coreference sieves on hand-built parses: no model, so each rule is pinned by the grammar it
reads, and each test says what must be linked and what must not."""

from __future__ import annotations

import pytest
import spacy
from spacy.tokens import Doc

from kg.coref import coreference
from kg.coref.names import normalise_name
from kg.extract import document_sentences, extract
from kg.extract.entities import settle_entities
from kg.extract.tokens import extraction_cache
from kg.resolve import resolve
from kg.types import Document

# English lexical attributes (lower case, is_alpha ...), no trained component.
_VOCAB = spacy.blank("en").vocab


def parsed(*sentences: list[tuple]) -> Doc:
    """A Doc from rows (word, tag, pos, dep, head, lemma[, entity]) per sentence; ``head`` is the
    index of the head within its sentence (its own index for the root), entities are IOB tags
    such as "B-PERSON"."""
    words, spaces, tags, pos, deps, heads, lemmas, ents = [], [], [], [], [], [], [], []
    for rows in sentences:
        offset = len(words)
        for row in rows:
            word, tag, part, dep, head, lemma, *entity = row
            words.append(word)
            tags.append(tag)
            pos.append(part)
            deps.append(dep)
            heads.append(offset + head)
            lemmas.append(lemma)
            ents.append(entity[0] if entity else "O")
        spaces.extend([True] * len(rows))
    for i, word in enumerate(words[1:], start=1):
        if word in (",", ".", "'s"):
            spaces[i - 1] = False
        if word == "-":  # a hyphen inside a word ("ex-employee")
            spaces[i - 1] = spaces[i] = False
    return Doc(
        _VOCAB,
        words=words,
        spaces=spaces,
        tags=tags,
        pos=pos,
        deps=deps,
        heads=heads,
        lemmas=lemmas,
        ents=ents,
    )


def links_of(doc: Doc) -> dict[str, tuple[str, str]]:
    """mention text -> (antecedent text, sieve) for every link the sieves made."""
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc))
    return {mentions[k.mention].text: (mentions[k.antecedent].text, k.sieve) for k in links}


def mention_texts(doc: Doc) -> list[str]:
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    return [m.text for m in mentions]


LOHAN_MET_SMITH = [
    ("Lindsay", "NNP", "PROPN", "compound", 1, "Lindsay", "B-PERSON"),
    ("Lohan", "NNP", "PROPN", "nsubj", 2, "Lohan", "I-PERSON"),
    ("met", "VBD", "VERB", "ROOT", 2, "meet"),
    ("John", "NNP", "PROPN", "compound", 4, "John", "B-PERSON"),
    ("Smith", "NNP", "PROPN", "dobj", 2, "Smith", "I-PERSON"),
    (".", ".", "PUNCT", "punct", 2, "."),
]


def _pronoun_sentence(pronoun: str, tag: str = "PRP") -> list[tuple]:
    return [
        (pronoun, tag, "PRON", "nsubj", 1, pronoun.lower()),
        ("smiled", "VBD", "VERB", "ROOT", 1, "smile"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]


@pytest.mark.parametrize(
    ("pronoun", "antecedent"), [("She", "Lindsay Lohan"), ("He", "John Smith")]
)
def test_pronoun_agrees_in_gender_with_a_first_name(pronoun, antecedent):
    links = links_of(parsed(LOHAN_MET_SMITH, _pronoun_sentence(pronoun)))
    assert links[pronoun] == (antecedent, "pronoun")


def test_it_never_refers_to_a_person_and_finds_no_antecedent_here():
    links = links_of(parsed(LOHAN_MET_SMITH, _pronoun_sentence("It")))
    assert "It" not in links


def test_a_pronoun_object_is_not_its_own_verbs_subject_but_a_reflexive_is():
    doc = parsed(
        [
            ("Lohan", "NNP", "PROPN", "nsubj", 1, "Lohan", "B-PERSON"),
            ("hit", "VBD", "VERB", "ROOT", 1, "hit"),
            ("her", "PRP", "PRON", "dobj", 1, "she"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
        [
            ("Lohan", "NNP", "PROPN", "nsubj", 1, "Lohan", "B-PERSON"),
            ("hurt", "VBD", "VERB", "ROOT", 1, "hurt"),
            ("herself", "PRP", "PRON", "dobj", 1, "herself"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
    )
    links = links_of(doc)
    assert "her" not in links  # principle B: "Lohan hit her" is someone else
    assert links["herself"] == ("Lohan", "pronoun")


def test_a_body_does_not_bind_himself_or_herself():
    # "Acme found himself short": "himself" is someone's, a body is "itself", whatever the
    # parser takes for the clause's subject ("the CNN doc ... himself", CNN read as it).
    doc = parsed(
        [
            ("Acme", "NNP", "PROPN", "nsubj", 1, "Acme", "B-ORG"),
            ("found", "VBD", "VERB", "ROOT", 1, "find"),
            ("himself", "PRP", "PRON", "dobj", 1, "himself"),
            ("short", "JJ", "ADJ", "oprd", 1, "short"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    assert links_of(doc).get("himself", ("", ""))[0] != "Acme"


def test_expletive_it_is_no_mention():
    doc = parsed(
        [
            ("It", "PRP", "PRON", "nsubj", 1, "it"),
            ("is", "VBZ", "AUX", "ROOT", 1, "be"),
            ("likely", "JJ", "ADJ", "acomp", 1, "likely"),
            ("that", "IN", "SCONJ", "mark", 5, "that"),
            ("Lohan", "NNP", "PROPN", "nsubj", 5, "Lohan", "B-PERSON"),
            ("left", "VBD", "VERB", "ccomp", 1, "leave"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    assert "It" not in mention_texts(doc)
    assert "Lohan" in mention_texts(doc)


def test_apposition_and_relative_pronoun_link_to_the_name():
    # "Ryan Boyette, a former aid worker who fled, spoke."
    doc = parsed(
        [
            ("Ryan", "NNP", "PROPN", "compound", 1, "Ryan", "B-PERSON"),
            ("Boyette", "NNP", "PROPN", "nsubj", 10, "Boyette", "I-PERSON"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("a", "DT", "DET", "det", 6, "a"),
            ("former", "JJ", "ADJ", "amod", 6, "former"),
            ("aid", "NN", "NOUN", "compound", 6, "aid"),
            ("worker", "NN", "NOUN", "appos", 1, "worker"),
            ("who", "WP", "PRON", "nsubj", 8, "who"),
            ("fled", "VBD", "VERB", "relcl", 6, "flee"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("spoke", "VBD", "VERB", "ROOT", 10, "speak"),
            (".", ".", "PUNCT", "punct", 10, "."),
        ]
    )
    links = links_of(doc)
    assert links["former aid worker"] == ("Ryan Boyette", "apposition")
    assert links["who"] == ("former aid worker", "relative pronoun")


def _record_beside(name: list[tuple], count: str, noun: tuple[str, str]) -> Doc:
    """ "<name> (<count> <noun>) won.": a fighter's record in parentheses after the name."""
    head = len(name) - 1
    word, tag = noun
    return parsed(
        [
            *name,
            ("(", "-LRB-", "PUNCT", "punct", head, "("),
            (count, "CD", "NUM", "nummod", head + 3, count),
            (word, tag, "NOUN" if tag == "NNS" else "PROPN", "appos", head, word.lower()),
            (")", "-RRB-", "PUNCT", "punct", head, ")"),
            ("won", "VBD", "VERB", "ROOT", head + 5, "win"),
            (".", ".", "PUNCT", "punct", head + 5, "."),
        ]
    )


def _role_and_name(*determiner: tuple) -> Doc:
    """ "[The] actress and reporter Tara Reid checked in.", parsed as the small model does: the
    role the subject, the name coordinated with it."""
    shift = len(determiner)
    return parsed(
        [
            *determiner,
            ("actress", "NN", "NOUN", "nsubj", shift + 6, "actress"),
            ("and", "CC", "CCONJ", "cc", shift, "and"),
            ("reporter", "NN", "NOUN", "compound", shift + 4, "reporter"),
            ("Tara", "NNP", "PROPN", "compound", shift + 4, "Tara", "B-PERSON"),
            ("Reid", "NNP", "PROPN", "conj", shift, "Reid", "I-PERSON"),
            ("checked", "VBD", "VERB", "ROOT", shift + 5, "check"),
            (".", ".", "PUNCT", "punct", shift + 5, "."),
        ]
    )


def test_a_role_without_a_determiner_coordinated_with_a_name_titles_it():
    """A singular noun with no determiner is no argument of its own: "actress and reporter
    Tara Reid" is one person. "The actress and Tara Reid" are two."""
    assert links_of(_role_and_name())["Tara Reid"] == ("actress", "apposition")
    the = ("The", "DT", "DET", "det", 1, "the")
    assert "Tara Reid" not in links_of(_role_and_name(the))


def _title_before_name(title: tuple) -> Doc:
    """ "The Hollywood <title> Esther Williams died.", parsed as the small model does: the
    title and the place before it compounds of the name."""
    return parsed(
        [
            ("The", "DT", "DET", "det", 4, "the"),
            ("Hollywood", "NNP", "PROPN", "compound", 2, "Hollywood", "B-GPE"),
            title,
            ("Esther", "NNP", "PROPN", "compound", 4, "Esther", "B-PERSON"),
            ("Williams", "NNP", "PROPN", "nsubj", 5, "Williams", "I-PERSON"),
            ("died", "VBD", "VERB", "ROOT", 5, "die"),
            (".", ".", "PUNCT", "punct", 5, "."),
        ]
    )


def test_a_persons_noun_right_before_a_name_titles_it():
    """ "Hollywood actress Esther Williams": the noun is a description of the named person (the
    place before it a mention of its own); an office is part of the name ("President")."""
    doc = _title_before_name(("actress", "NN", "NOUN", "compound", 4, "actress"))
    assert links_of(doc)["actress"] == ("Esther Williams", "apposition")
    texts = mention_texts(doc)
    assert "Hollywood" in texts
    assert "Hollywood actress" not in texts
    office = _title_before_name(("President", "NNP", "NOUN", "compound", 4, "president"))
    assert "President" not in mention_texts(office)
    thing = _title_before_name(("tax", "NN", "NOUN", "compound", 4, "tax"))
    assert "tax" not in mention_texts(thing)


def test_a_persons_noun_the_tagger_read_in_pieces_is_one_description():
    """WordNet's "running back" and "second-in-command", read by the tagger as a verb and an
    adverb, an adjective, a preposition and a noun: one description each, not "command"."""
    back = parsed(
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("running", "VBG", "VERB", "nsubjpass", 5, "run"),
            ("back", "RB", "ADV", "advmod", 1, "back"),
            ("has", "VBZ", "AUX", "aux", 5, "have"),
            ("been", "VBN", "AUX", "auxpass", 5, "be"),
            ("placed", "VBN", "VERB", "ROOT", 5, "place"),
            (".", ".", "PUNCT", "punct", 5, "."),
        ]
    )
    assert "running back" in mention_texts(back)
    put = parsed(
        [
            ("They", "PRP", "PRON", "nsubj", 1, "they"),
            ("put", "VBD", "VERB", "ROOT", 1, "put"),
            ("the", "DT", "DET", "det", 3, "the"),
            ("running", "NN", "NOUN", "dobj", 1, "running"),
            ("back", "RB", "ADV", "advmod", 1, "back"),
            ("on", "IN", "ADP", "prep", 1, "on"),
            ("waivers", "NNS", "NOUN", "pobj", 5, "waiver"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    texts = mention_texts(put)
    assert "running back" in texts
    assert "running" not in texts
    second = parsed(
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("FBI", "NNP", "PROPN", "nsubj", 7, "FBI", "B-ORG"),
            ("second", "JJ", "ADJ", "nmod", 1, "second"),
            ("-", "HYPH", "PUNCT", "punct", 2, "-"),
            ("in", "IN", "ADP", "prep", 2, "in"),
            ("-", "HYPH", "PUNCT", "punct", 4, "-"),
            ("command", "NN", "NOUN", "pobj", 4, "command"),
            ("resigned", "VBD", "VERB", "ROOT", 7, "resign"),
            (".", ".", "PUNCT", "punct", 7, "."),
        ]
    )
    texts = mention_texts(second)
    assert "second-in-command" in texts
    assert "command" not in texts


def test_a_verb_and_its_adverb_are_no_noun_without_a_determiner():
    # "He was running back home.": the verb of WordNet's "running back", but no noun phrase.
    doc = parsed(
        [
            ("He", "PRP", "PRON", "nsubj", 2, "he"),
            ("was", "VBD", "AUX", "aux", 2, "be"),
            ("running", "VBG", "VERB", "ROOT", 2, "run"),
            ("back", "RB", "ADV", "advmod", 2, "back"),
            ("home", "RB", "ADV", "advmod", 2, "home"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ]
    )
    assert "running back" not in mention_texts(doc)


def test_a_noun_hailed_with_an_interjection_is_no_mention():
    # "Tom Price left. Oh man, she was sad.": an exclamation describes no one (a salience
    # sieve would give it to Price); "the man" of a clause is someone.
    oh_man = [
        ("Oh", "UH", "INTJ", "intj", 1, "oh"),
        ("man", "NN", "NOUN", "npadvmod", 4, "man"),
        (",", ",", "PUNCT", "punct", 4, ","),
        ("she", "PRP", "PRON", "nsubj", 4, "she"),
        ("was", "VBD", "AUX", "ROOT", 4, "be"),
        ("sad", "JJ", "ADJ", "acomp", 4, "sad"),
        (".", ".", "PUNCT", "punct", 4, "."),
    ]
    price_left = [
        ("Tom", "NNP", "PROPN", "compound", 1, "Tom", "B-PERSON"),
        ("Price", "NNP", "PROPN", "nsubj", 2, "Price", "I-PERSON"),
        ("left", "VBD", "VERB", "ROOT", 2, "leave"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]
    doc = parsed(price_left, oh_man)
    assert "man" not in mention_texts(doc)
    assert "Oh man" not in mention_texts(doc)
    the_man = [
        ("The", "DT", "DET", "det", 1, "the"),
        ("man", "NN", "NOUN", "nsubj", 2, "man"),
        ("left", "VBD", "VERB", "ROOT", 2, "leave"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]
    assert "man" in mention_texts(parsed(the_man))


def test_one_of_a_set_beside_a_name_is_that_named_member():
    """ "Gaetano Lo Presti, one of 99 alleged bosses, died.": the apposition is one member of
    the set, the named one; a "one" with no set ("a combination, one that kills") is left as
    it was, a description of its own."""
    doc = parsed(
        [
            ("Gaetano", "NNP", "PROPN", "compound", 2, "Gaetano", "B-PERSON"),
            ("Lo", "NNP", "PROPN", "compound", 2, "Lo", "I-PERSON"),
            ("Presti", "NNP", "PROPN", "nsubj", 11, "Presti", "I-PERSON"),
            (",", ",", "PUNCT", "punct", 2, ","),
            ("one", "CD", "NUM", "appos", 2, "one"),
            ("of", "IN", "ADP", "prep", 4, "of"),
            ("99", "CD", "NUM", "nummod", 8, "99"),
            ("alleged", "JJ", "ADJ", "amod", 8, "alleged"),
            ("bosses", "NNS", "NOUN", "pobj", 5, "boss"),
            (",", ",", "PUNCT", "punct", 2, ","),
            ("has", "VBZ", "AUX", "aux", 11, "have"),
            ("died", "VBN", "VERB", "ROOT", 11, "die"),
            (".", ".", "PUNCT", "punct", 11, "."),
        ]
    )
    assert links_of(doc)["one of 99 alleged bosses"] == ("Gaetano Lo Presti", "apposition")
    alone = parsed(
        [
            ("It", "PRP", "PRON", "nsubj", 1, "it"),
            ("is", "VBZ", "AUX", "ROOT", 1, "be"),
            ("a", "DT", "DET", "det", 4, "a"),
            ("deadly", "JJ", "ADJ", "amod", 4, "deadly"),
            ("combination", "NN", "NOUN", "attr", 1, "combination"),
            (",", ",", "PUNCT", "punct", 4, ","),
            ("one", "NN", "NOUN", "appos", 4, "one"),
            ("that", "WDT", "PRON", "nsubj", 8, "that"),
            ("kills", "VBZ", "VERB", "relcl", 6, "kill"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    assert "one" in mention_texts(alone)


def test_a_noun_right_after_a_body_is_the_noun_it_modifies_not_an_apposition():
    """ "As the CNN doc can accustom himself, ...", parsed as the small model does: "doc" an
    apposition of "CNN", which the subject. With no comma between, the name modifies the noun:
    the doctor is no CNN, and "himself", which no company is, is the doctor."""
    doc = parsed(
        [
            ("the", "DT", "DET", "det", 1, "the"),
            ("CNN", "NNP", "PROPN", "nsubj", 4, "CNN", "B-ORG"),
            ("doc", "NN", "NOUN", "appos", 1, "doc"),
            ("can", "MD", "AUX", "aux", 4, "can"),
            ("accustom", "VB", "VERB", "ROOT", 4, "accustom"),
            ("himself", "PRP", "PRON", "dobj", 4, "himself"),
            (".", ".", "PUNCT", "punct", 4, "."),
        ]
    )
    links = links_of(doc)
    assert "doc" not in links
    assert links["himself"] == ("doc", "pronoun")


def test_a_reflexive_in_an_infinitive_completing_a_noun_with_no_possessor_is_the_noun():
    """ "Police negotiated with a suspect to give himself up", with the infinitive on the noun
    (the small model hangs it on the verb): the noun is the infinitive's understood subject, as
    in "the first man to walk on the moon", and binds the reflexive; the police do not."""
    doc = parsed(
        [
            ("Police", "NNS", "NOUN", "nsubj", 1, "police"),
            ("negotiated", "VBD", "VERB", "ROOT", 1, "negotiate"),
            ("with", "IN", "ADP", "prep", 1, "with"),
            ("a", "DT", "DET", "det", 4, "a"),
            ("suspect", "NN", "NOUN", "pobj", 2, "suspect"),
            ("to", "TO", "PART", "aux", 6, "to"),
            ("give", "VB", "VERB", "acl", 4, "give"),
            ("himself", "PRP", "PRON", "dobj", 6, "himself"),
            ("up", "RP", "ADP", "prt", 6, "up"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    antecedent, sieve = links_of(doc)["himself"]
    assert antecedent.startswith("suspect") and sieve == "pronoun"


def test_who_after_a_body_and_the_persons_noun_it_modifies_opens_on_the_noun():
    """ "The FBI second-in-command who revealed himself died.", parsed as the small model does:
    the relative clause hung on "FBI", the subject. The clause is on the person's noun."""
    doc = parsed(
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("FBI", "NNP", "PROPN", "nsubj", 11, "FBI", "B-ORG"),
            ("second", "JJ", "ADJ", "nmod", 1, "second"),
            ("-", "HYPH", "PUNCT", "punct", 2, "-"),
            ("in", "IN", "ADP", "prep", 2, "in"),
            ("-", "HYPH", "PUNCT", "punct", 4, "-"),
            ("command", "NN", "NOUN", "pobj", 4, "command"),
            ("who", "WP", "PRON", "nsubj", 8, "who"),
            ("revealed", "VBD", "VERB", "relcl", 1, "reveal"),
            ("himself", "PRP", "PRON", "dobj", 8, "himself"),
            ("has", "VBZ", "AUX", "aux", 11, "have"),
            ("died", "VBN", "VERB", "ROOT", 11, "die"),
            (".", ".", "PUNCT", "punct", 11, "."),
        ]
    )
    links = links_of(doc)
    assert links["who"] == ("second-in-command", "relative pronoun")
    assert links["himself"][0] in ("who", "second-in-command")


def _offered_teixeira(noun: str, lemma: str) -> list[tuple]:
    """ "The Angels offered Mark Teixeira, an eight-year <noun> ." with the parse's apposition."""
    return [
        ("The", "DT", "DET", "det", 1, "the"),
        ("Angels", "NNPS", "PROPN", "nsubj", 2, "Angels", "B-ORG"),
        ("offered", "VBD", "VERB", "ROOT", 2, "offer"),
        ("Mark", "NNP", "PROPN", "compound", 4, "Mark", "B-PERSON"),
        ("Teixeira", "NNP", "PROPN", "dative", 2, "Teixeira", "I-PERSON"),
        (",", ",", "PUNCT", "punct", 4, ","),
        ("an", "DT", "DET", "det", 8, "an"),
        ("eight-year", "JJ", "ADJ", "amod", 8, "eight-year"),
        (noun, "NN", "NOUN", "appos", 4, lemma),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]


def test_an_act_or_event_beside_a_persons_name_is_no_apposition():
    """ "offered Mark Teixeira, an eight-year contract": what he was offered, set beside him by
    the parse, is not him; a noun that may be a person still is ("an eight-year veteran")."""
    links = links_of(parsed(_offered_teixeira("contract", "contract")))
    assert "eight-year contract" not in links
    links = links_of(parsed(_offered_teixeira("veteran", "veteran")))
    assert links["eight-year veteran"] == ("Mark Teixeira", "apposition")


def test_a_year_before_an_apposition_is_no_count():
    """ "Bettie Page, the 1950s pinup girl": "1950s" is when, not how many, so the girl is an
    apposition to the name (tagged an organisation by the recogniser), not a record of hers."""
    doc = parsed(
        [
            ("Bettie", "NNP", "PROPN", "compound", 1, "Bettie", "B-ORG"),
            ("Page", "NNP", "PROPN", "nsubj", 8, "Page", "I-ORG"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("the", "DT", "DET", "det", 6, "the"),
            ("1950s", "CD", "NUM", "nummod", 6, "1950s", "B-DATE"),
            ("pinup", "NN", "NOUN", "compound", 6, "pinup"),
            ("girl", "NN", "NOUN", "appos", 1, "girl"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("died", "VBD", "VERB", "ROOT", 8, "die"),
            (".", ".", "PUNCT", "punct", 8, "."),
        ]
    )
    assert links_of(doc)["1950s pinup girl"] == ("Bettie Page", "apposition")


def test_a_count_or_a_plural_beside_a_name_is_no_apposition():
    """ "Hasim Rahman (36 KOs)", "Klitschko (47 KO's)": a record is something of theirs, not
    them; the same count beside two fighters made them one person through it."""
    rahman = [
        ("Hasim", "NNP", "PROPN", "compound", 1, "Hasim", "B-PERSON"),
        ("Rahman", "NNP", "PROPN", "nsubj", 6, "Rahman", "I-PERSON"),
    ]
    assert "KOs" not in links_of(_record_beside(rahman, "36", ("KOs", "NNS")))
    klitschko = [("Klitschko", "NNP", "PROPN", "nsubj", 5, "Klitschko", "B-NORP")]
    assert "KO" not in links_of(_record_beside(klitschko, "47", ("KO", "NNP")))
    # An apposition that names the person still links.
    doc = parsed(
        [
            ("Hasim", "NNP", "PROPN", "compound", 1, "Hasim", "B-PERSON"),
            ("Rahman", "NNP", "PROPN", "nsubj", 7, "Rahman", "I-PERSON"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("the", "DT", "DET", "det", 5, "the"),
            ("former", "JJ", "ADJ", "amod", 5, "former"),
            ("champion", "NN", "NOUN", "appos", 1, "champion"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("lost", "VBD", "VERB", "ROOT", 7, "lose"),
            (".", ".", "PUNCT", "punct", 7, "."),
        ]
    )
    assert links_of(doc)["former champion"] == ("Hasim Rahman", "apposition")


def test_predicate_nominative_links_but_not_under_negation():
    def copula(negated: bool) -> Doc:
        rows = [
            ("Kirkpatrick", "NNP", "PROPN", "nsubj", 1, "Kirkpatrick", "B-PERSON"),
            ("is", "VBZ", "AUX", "ROOT", 1, "be"),
        ]
        if negated:
            rows.append(("not", "RB", "PART", "neg", 1, "not"))
        offset = len(rows)
        rows += [
            ("a", "DT", "DET", "det", offset + 1, "a"),
            ("retiree", "NN", "NOUN", "attr", 1, "retiree"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
        return parsed(rows)

    assert links_of(copula(False))["retiree"] == ("Kirkpatrick", "predicate nominative")
    assert "retiree" not in links_of(copula(True))


ACTRESS_SENTENCE = [
    ("The", "DT", "DET", "det", 1, "the"),
    ("actress", "NN", "NOUN", "nsubj", 2, "actress"),
    ("smiled", "VBD", "VERB", "ROOT", 2, "smile"),
    (".", ".", "PUNCT", "punct", 2, "."),
]


def test_a_description_refers_to_the_person_of_its_gender_named_before():
    links = links_of(parsed(LOHAN_MET_SMITH, ACTRESS_SENTENCE))
    # "actress" is female (WordNet): not John Smith, although he is named last.
    assert links["actress"] == ("Lindsay Lohan", "description")


def test_a_description_among_equals_is_the_one_that_acted_not_the_nearest():
    """ "Acme sued Globex. The company grew.": each named once, so the subject (Acme, who
    acted) is the protagonist the description returns to, not the nearer object."""
    sued = [
        ("Acme", "NNP", "PROPN", "nsubj", 1, "Acme", "B-ORG"),
        ("sued", "VBD", "VERB", "ROOT", 1, "sue"),
        ("Globex", "NNP", "PROPN", "dobj", 1, "Globex", "B-ORG"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]
    grew = [
        ("The", "DT", "DET", "det", 1, "the"),
        ("company", "NN", "NOUN", "nsubj", 2, "company"),
        ("grew", "VBD", "VERB", "ROOT", 2, "grow"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]
    links = links_of(parsed(sued, grew))
    assert links["company"] == ("Acme", "description")
    assert links["company"][0] != "Globex"


def test_a_description_in_the_names_own_sentence_is_someone_else():
    doc = parsed(
        [
            ("Lohan", "NNP", "PROPN", "nsubj", 1, "Lohan", "B-PERSON"),
            ("met", "VBD", "VERB", "ROOT", 1, "meet"),
            ("the", "DT", "DET", "det", 3, "the"),
            ("actress", "NN", "NOUN", "dobj", 1, "actress"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    assert "actress" not in links_of(doc)


def test_a_title_written_with_a_name_finds_that_person():
    doc = parsed(
        [
            ("President", "NNP", "PROPN", "compound", 2, "President"),
            ("Donald", "NNP", "PROPN", "compound", 2, "Donald", "B-PERSON"),
            ("Trump", "NNP", "PROPN", "nsubj", 3, "Trump", "I-PERSON"),
            ("met", "VBD", "VERB", "ROOT", 3, "meet"),
            ("Lindsay", "NNP", "PROPN", "compound", 5, "Lindsay", "B-PERSON"),
            ("Lohan", "NNP", "PROPN", "dobj", 3, "Lohan", "I-PERSON"),
            (".", ".", "PUNCT", "punct", 3, "."),
        ],
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("president", "NN", "NOUN", "nsubj", 2, "president"),
            ("left", "VBD", "VERB", "ROOT", 2, "leave"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )
    assert links_of(doc)["president"] == ("Donald Trump", "title")


def test_an_opening_description_is_the_person_named_next():
    doc = parsed(
        [
            ("A", "DT", "DET", "det", 1, "a"),
            ("man", "NN", "NOUN", "nsubjpass", 3, "man"),
            ("was", "VBD", "AUX", "auxpass", 3, "be"),
            ("charged", "VBN", "VERB", "ROOT", 3, "charge"),
            (".", ".", "PUNCT", "punct", 3, "."),
        ],
        [
            ("Eric", "NNP", "PROPN", "compound", 1, "Eric", "B-PERSON"),
            ("Kirkpatrick", "NNP", "PROPN", "nsubj", 2, "Kirkpatrick", "I-PERSON"),
            ("denied", "VBD", "VERB", "ROOT", 2, "deny"),
            ("it", "PRP", "PRON", "dobj", 2, "it"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )
    links = links_of(doc)
    assert links["Eric Kirkpatrick"] == ("man", "introduction")


def test_a_name_the_introducing_sentence_acts_on_is_not_the_description():
    # "A judge sentenced Brian Nichols . | Nichols denied it .": the judge is not Nichols,
    # nor anyone named after him in the next sentences.
    doc = parsed(
        [
            ("A", "DT", "DET", "det", 1, "a"),
            ("judge", "NN", "NOUN", "nsubj", 2, "judge"),
            ("sentenced", "VBD", "VERB", "ROOT", 2, "sentence"),
            ("Brian", "NNP", "PROPN", "compound", 4, "Brian", "B-PERSON"),
            ("Nichols", "NNP", "PROPN", "dobj", 2, "Nichols", "I-PERSON"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
        [
            ("Nichols", "NNP", "PROPN", "nsubj", 1, "Nichols", "B-PERSON"),
            ("denied", "VBD", "VERB", "ROOT", 1, "deny"),
            ("it", "PRP", "PRON", "dobj", 1, "it"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
        [
            ("Eric", "NNP", "PROPN", "compound", 1, "Eric", "B-PERSON"),
            ("Kirkpatrick", "NNP", "PROPN", "nsubj", 2, "Kirkpatrick", "I-PERSON"),
            ("left", "VBD", "VERB", "ROOT", 2, "leave"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )
    links = links_of(doc)
    assert links.get("Brian Nichols", ("", ""))[1] != "introduction"
    assert links.get("Eric Kirkpatrick", ("", ""))[1] != "introduction"
    assert "judge" not in links


def _driver_then_name(acted_on: bool) -> Doc:
    """ "A driver was charged after he struck and killed a woman . | Dana Kowalski was
    walking ." or, with no one acted on, "... after he fled ."."""
    if acted_on:
        clause = [
            ("struck", "VBD", "VERB", "advcl", 3, "strike"),
            ("and", "CC", "CCONJ", "cc", 6, "and"),
            ("killed", "VBD", "VERB", "conj", 6, "kill"),
            ("a", "DT", "DET", "det", 10, "a"),
            ("woman", "NN", "NOUN", "dobj", 8, "woman"),
            (".", ".", "PUNCT", "punct", 3, "."),
        ]
    else:
        clause = [("fled", "VBD", "VERB", "advcl", 3, "flee"), (".", ".", "PUNCT", "punct", 3, ".")]
    return parsed(
        [
            ("A", "DT", "DET", "det", 1, "a"),
            ("driver", "NN", "NOUN", "nsubjpass", 3, "driver"),
            ("was", "VBD", "AUX", "auxpass", 3, "be"),
            ("charged", "VBN", "VERB", "ROOT", 3, "charge"),
            ("after", "IN", "SCONJ", "mark", 6, "after"),
            ("he", "PRP", "PRON", "nsubj", 6, "he"),
            *clause,
        ],
        [
            ("Dana", "NNP", "PROPN", "compound", 1, "Dana", "B-PERSON"),
            ("Kowalski", "NNP", "PROPN", "nsubj", 3, "Kowalski", "I-PERSON"),
            ("was", "VBD", "AUX", "aux", 3, "be"),
            ("walking", "VBG", "VERB", "ROOT", 3, "walk"),
            (".", ".", "PUNCT", "punct", 3, "."),
        ],
    )


def test_a_description_that_acts_on_another_person_is_not_named_next():
    # The sentence brings in two people, the driver and the woman he struck: the name after it
    # may be either, so the introduction is left undecided.
    links = links_of(_driver_then_name(acted_on=True))
    assert links.get("Dana Kowalski", ("", ""))[1] != "introduction"
    # With no one acted on, the name is the driver's.
    assert links_of(_driver_then_name(acted_on=False))["Dana Kowalski"] == (
        "driver",
        "introduction",
    )


def _gunman_then(verb: tuple, name_role: str) -> Doc:
    """ "A gunman opened fire . | The gunman surprised Leo Marsh ." (Marsh the object), or
    "Leo Marsh fled ." (Marsh a subject, nothing said of the gunman)."""
    opening = [
        ("A", "DT", "DET", "det", 1, "a"),
        ("gunman", "NN", "NOUN", "nsubj", 2, "gunman"),
        ("opened", "VBD", "VERB", "ROOT", 2, "open"),
        ("fire", "NN", "NOUN", "dobj", 2, "fire"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]
    if name_role == "dobj":
        second = [
            ("The", "DT", "DET", "det", 1, "the"),
            ("gunman", "NN", "NOUN", "nsubj", 2, "gunman"),
            verb,
            ("Leo", "NNP", "PROPN", "compound", 4, "Leo", "B-PERSON"),
            ("Marsh", "NNP", "PROPN", "dobj", 2, "Marsh", "I-PERSON"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ]
    else:
        second = [
            ("Leo", "NNP", "PROPN", "compound", 1, "Leo", "B-PERSON"),
            ("Marsh", "NNP", "PROPN", "nsubj", 2, "Marsh", "I-PERSON"),
            verb,
            (".", ".", "PUNCT", "punct", 2, "."),
        ]
    return parsed(opening, second)


def test_a_name_the_description_acts_on_later_is_not_the_description():
    # "The gunman surprised Leo Marsh": once "the gunman" is the chain of "a gunman", the
    # object of its verb is someone else (principle B over the whole chain).
    doc = _gunman_then(("surprised", "VBD", "VERB", "ROOT", 2, "surprise"), "dobj")
    assert links_of(doc).get("Leo Marsh", ("", ""))[1] != "introduction"
    doc = _gunman_then(("fled", "VBD", "VERB", "ROOT", 2, "flee"), "nsubj")
    assert links_of(doc)["Leo Marsh"] == ("gunman", "introduction")


def test_a_nationality_adjective_names_no_body_a_description_may_be():
    # "Greek police arrested a student . | The government resigned .": "Greek" says whose the
    # police are; the government is not "Greek".
    doc = parsed(
        [
            ("Greek", "JJ", "ADJ", "amod", 1, "greek", "B-NORP"),
            ("police", "NNS", "NOUN", "nsubj", 2, "police"),
            ("arrested", "VBD", "VERB", "ROOT", 2, "arrest"),
            ("a", "DT", "DET", "det", 4, "a"),
            ("student", "NN", "NOUN", "dobj", 2, "student"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("government", "NN", "NOUN", "nsubj", 2, "government"),
            ("resigned", "VBD", "VERB", "ROOT", 2, "resign"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )
    assert links_of(doc).get("government", ("", ""))[0] != "Greek"


def _headline_then_introduction() -> Doc:
    """ "Comeaux escapes | A man fled . | Arcade Comeaux was armed ." """
    return parsed(
        [
            ("Comeaux", "NNP", "PROPN", "nsubj", 1, "Comeaux", "B-PERSON"),
            ("escapes", "VBZ", "VERB", "ROOT", 1, "escape"),
        ],
        [
            ("A", "DT", "DET", "det", 1, "a"),
            ("man", "NN", "NOUN", "nsubj", 2, "man"),
            ("fled", "VBD", "VERB", "ROOT", 2, "flee"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
        [
            ("Arcade", "NNP", "PROPN", "compound", 1, "Arcade", "B-PERSON"),
            ("Comeaux", "NNP", "PROPN", "nsubj", 2, "Comeaux", "I-PERSON"),
            ("was", "VBD", "AUX", "ROOT", 2, "be"),
            ("armed", "JJ", "ADJ", "acomp", 2, "armed"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )


def test_a_name_in_the_headline_does_not_stop_the_body_introducing_the_person():
    doc = _headline_then_introduction()
    with extraction_cache(doc, doc.text):
        sentences = document_sentences(doc)
        mentions, links = coreference(doc, sentences, frozenset({0}))
    pairs = {mentions[k.mention].text: (mentions[k.antecedent].text, k.sieve) for k in links}
    assert pairs["Arcade Comeaux"] == ("man", "introduction")


def test_a_person_named_in_the_body_before_an_indefinite_description_is_not_it():
    # The same words with the first line a sentence of the body: "a man" after "Comeaux" is
    # someone else.
    links = links_of(_headline_then_introduction())
    assert links.get("Arcade Comeaux", ("", ""))[1] != "introduction"
    assert "man" not in links


def test_a_surname_typed_as_a_place_is_the_person_but_not_after_in():
    doc = parsed(
        LOHAN_MET_SMITH,
        [
            ("Lohan", "NNP", "PROPN", "nsubj", 1, "Lohan", "B-GPE"),
            ("left", "VBD", "VERB", "ROOT", 1, "leave"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
        [
            ("Smith", "NNP", "PROPN", "nsubj", 1, "Smith", "B-ORG"),
            ("lives", "VBZ", "VERB", "ROOT", 1, "live"),
            ("in", "IN", "ADP", "prep", 1, "in"),
            ("Lohan", "NNP", "PROPN", "pobj", 2, "Lohan", "B-GPE"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
    )
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc))
    linked = {(mentions[link.mention].start, link.sieve) for link in links}
    second_lohan = doc.text.index("Lohan left")
    third_lohan = doc.text.index("in Lohan") + 3
    assert (second_lohan, "surname") in linked
    assert not [s for start, s in linked if start == third_lohan]


def _named_then(first: str, rest: str, label: str, *clauses: list[tuple]) -> Doc:
    """ "<first> <rest> arrived." then each clause."""
    return parsed(
        [
            (first, "NNP", "PROPN", "compound", 1, first, "B-PERSON"),
            (rest, "NNP", "PROPN", "nsubj", 2, rest, "I-PERSON"),
            ("arrived", "VBD", "VERB", "ROOT", 2, "arrive"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
        *clauses,
    )


def _one_word_left(word: str, label: str) -> list[tuple]:
    return [
        (word, "NNP", "PROPN", "nsubj", 1, word, f"B-{label}"),
        ("left", "VBD", "VERB", "ROOT", 1, "leave"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]


def _lives_in(word: str, label: str) -> list[tuple]:
    return [
        ("Smith", "NNP", "PROPN", "nsubj", 1, "Smith", "B-PERSON"),
        ("lives", "VBZ", "VERB", "ROOT", 1, "live"),
        ("in", "IN", "ADP", "prep", 1, "in"),
        (word, "NNP", "PROPN", "pobj", 2, word, f"B-{label}"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]


def test_a_given_name_typed_as_a_place_is_the_person_but_not_after_in():
    # "Kathina" (no given name the records know, no common noun) and "Tyler" (a given name)
    # typed places are the one person named with them; "in Tyler" is the town.
    for given in ("Kathina", "Tyler"):
        doc = _named_then(
            given, "Okoro", "GPE", _one_word_left(given, "GPE"), _lives_in(given, "GPE")
        )
        with extraction_cache(doc, doc.text):
            mentions, links = coreference(doc, document_sentences(doc))
        linked = {(mentions[link.mention].start, link.sieve) for link in links}
        assert (doc.text.index(f"{given} left"), "given name") in linked
        assert not [s for start, s in linked if start == doc.text.index(f"in {given}") + 3]


def test_a_body_a_common_noun_or_a_service_is_no_given_name():
    # A body ("Colts" of a misread "Colts QB"), a common noun ("Indian") and a name ending in a
    # common noun ("Palmer Fire", a fire service taken for a person) are no one's given name.
    for first, rest, label in (
        ("Colts", "Okoro", "ORG"),
        ("Indian", "Okoro", "NORP"),
        ("Palmer", "Fire", "GPE"),
    ):
        links = links_of(_named_then(first, rest, label, _one_word_left(first, label)))
        assert links.get(first, ("", ""))[1] != "given name"


def _quoted_nickname(
    first: str, nickname: str, last: str, labels: tuple[str, ...], last_lemma: str = ""
) -> Doc:
    """ "<first> "<nickname>" <last> left." with the recogniser's labels of its five words."""
    words = [first, '"', nickname, '"', last]
    rows = [
        (word, "NNP", "PROPN", "compound", 4, word, label)
        for word, label in zip(words, labels, strict=True)
    ]
    rows[4] = (last, "NNP", "PROPN", "nsubj", 5, last_lemma or last, labels[4])
    return parsed(
        [*rows, ("left", "VBD", "VERB", "ROOT", 5, "leave"), (".", ".", "PUNCT", "punct", 5, ".")]
    )


def test_a_name_around_a_quoted_nickname_is_one_name_without_it():
    # The recogniser cuts "Vincent "Chin" Gigante" into a person and a work: one name, whose
    # key is "Vincent Gigante" (extraction settles the names: kg/extract/entities.py).
    doc = _quoted_nickname(
        "Vincent", "Chin", "Gigante", ("B-PERSON", "I-PERSON", "I-PERSON", "O", "B-WORK_OF_ART")
    )
    settle_entities(doc)
    texts = mention_texts(doc)
    assert 'Vincent " Chin " Gigante' in texts
    assert "Gigante" not in texts
    assert normalise_name('Vincent " Chin " Gigante') == "Vincent Gigante"


def test_a_title_in_lower_case_is_no_part_of_a_name_joined_around_a_nickname():
    # The recogniser's name holding the given name opens with a title in lower case
    # ("underboss Salvatore"): the joined name starts at the given name.
    words = [
        ("underboss", "NN", "NOUN", "compound", 5, "underboss", "B-PERSON"),
        ("Salvatore", "NNP", "PROPN", "compound", 5, "Salvatore", "I-PERSON"),
        ('"', "``", "PUNCT", "punct", 5, '"'),
        ("Sammy", "NNP", "PROPN", "compound", 5, "Sammy", "B-WORK_OF_ART"),
        ('"', "''", "PUNCT", "punct", 5, '"', "I-WORK_OF_ART"),
        ("Gravano", "NNP", "PROPN", "nsubj", 6, "Gravano", "I-WORK_OF_ART"),
        ("left", "VBD", "VERB", "ROOT", 6, "leave"),
        (".", ".", "PUNCT", "punct", 6, "."),
    ]
    doc = parsed(words)
    settle_entities(doc)
    assert [(e.text, e.label_) for e in doc.ents] == [('Salvatore " Sammy " Gravano', "PERSON")]


def test_quoted_words_between_other_words_are_no_nickname():
    # No given name first ("Direct 'Hunger Games' Sequel" has none): the pieces stay.
    doc = _quoted_nickname("Direct", "Fire", "Gigante", ("O", "O", "B-PERSON", "O", "B-PERSON"))
    settle_entities(doc)
    assert "Gigante" in mention_texts(doc)
    # A common noun after the quotes is no surname ("Ross 'Catching Fire' Negotiations").
    doc = _quoted_nickname(
        "Ross", "Fire", "Negotiations", ("B-PERSON", "O", "B-WORK_OF_ART", "O", "O"), "negotiation"
    )
    settle_entities(doc)
    assert 'Ross " Fire " Negotiations' not in mention_texts(doc)


def test_strict_head_match_needs_the_modifiers_of_the_earlier_mention():
    def sentence(determiner: str, adjective: str) -> list[tuple]:
        return [
            (determiner, "DT", "DET", "det", 2, determiner.lower()),
            (adjective, "JJ", "ADJ", "amod", 2, adjective),
            ("tariffs", "NNS", "NOUN", "nsubj", 3, "tariff"),
            ("rose", "VBD", "VERB", "ROOT", 3, "rise"),
            (".", ".", "PUNCT", "punct", 3, "."),
        ]

    same = links_of(parsed(sentence("New", "steep"), sentence("The", "steep")))
    assert same["steep tariffs"][1] == "strict head match"
    other = links_of(parsed(sentence("New", "steep"), sentence("The", "old")))
    assert "old tariffs" not in other


def _quoted(pronoun: str, speaker: list[tuple]) -> Doc:
    """' " PRONOUN are thrilled , " SPEAKER said . ' by hand: the speaker's tokens, then "said"."""
    said = 5 + len(speaker)
    return parsed(
        [
            ('"', "``", "PUNCT", "punct", 3, '"'),
            (pronoun, "PRP", "PRON", "nsubj", 2, pronoun.lower()),
            ("are", "VBP", "AUX", "ccomp", said, "be"),
            ("thrilled", "JJ", "ADJ", "acomp", 2, "thrilled"),
            ('"', "''", "PUNCT", "punct", said, '"'),
            *speaker,
            ("said", "VBD", "VERB", "ROOT", said, "say"),
            (".", ".", "PUNCT", "punct", said, "."),
        ]
    )


def test_first_person_in_a_quotation_is_its_speaker():
    zadan = [("Zadan", "NNP", "PROPN", "nsubj", 6, "Zadan", "B-PERSON")]
    assert links_of(_quoted("I", zadan))["I"] == ("Zadan", "speaker")
    # A body's "we" is the body; one person's "we" is a group the person speaks for (the two
    # producers, a star's family), not that person: left alone.
    company = [
        ("the", "DT", "DET", "det", 6, "the"),
        ("company", "NN", "NOUN", "nsubj", 7, "company"),
    ]
    assert links_of(_quoted("We", company))["We"] == ("company", "speaker")
    assert "We" not in links_of(_quoted("We", zadan))
    # Outside a quotation "we" is nobody kg can name.
    plain = parsed(
        [
            ("We", "PRP", "PRON", "nsubj", 1, "we"),
            ("left", "VBD", "VERB", "ROOT", 1, "leave"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    assert "We" not in links_of(plain)


def test_a_quotation_after_a_clause_of_where_is_not_said_by_that_clauses_speaker():
    # White told reporters after a hearing where Smith said she left " I hear she is gone . "
    # The parser hung the quotation from "said", whose clause is opened by "where": it tells of
    # the hearing, and the quotation is White's, the sentence's first speaker.
    doc = parsed(
        [
            ("White", "NNP", "PROPN", "nsubj", 1, "White", "B-PERSON"),
            ("told", "VBD", "VERB", "ROOT", 1, "tell"),
            ("reporters", "NNS", "NOUN", "dobj", 1, "reporter"),
            ("after", "IN", "ADP", "prep", 1, "after"),
            ("a", "DT", "DET", "det", 5, "a"),
            ("hearing", "NN", "NOUN", "pobj", 3, "hearing"),
            ("where", "WRB", "SCONJ", "advmod", 8, "where"),
            ("Smith", "NNP", "PROPN", "nsubj", 8, "Smith", "B-PERSON"),
            ("said", "VBD", "VERB", "ccomp", 1, "say"),
            ("she", "PRP", "PRON", "nsubj", 10, "she"),
            ("left", "VBD", "VERB", "ccomp", 8, "leave"),
            ('"', "``", "PUNCT", "punct", 13, '"'),
            ("I", "PRP", "PRON", "nsubj", 13, "I"),
            ("hear", "VBP", "VERB", "ccomp", 8, "hear"),
            ("she", "PRP", "PRON", "nsubj", 15, "she"),
            ("is", "VBZ", "AUX", "ccomp", 13, "be"),
            ("gone", "JJ", "ADJ", "acomp", 15, "gone"),
            (".", ".", "PUNCT", "punct", 1, "."),
            ('"', "''", "PUNCT", "punct", 1, '"'),
        ]
    )
    assert links_of(doc)["I"] == ("White", "speaker")


def test_a_description_after_as_is_the_role_of_the_verbs_object():
    # "Organizers named Hugh Jackman as the host."
    doc = parsed(
        [
            ("Organizers", "NNS", "NOUN", "nsubj", 1, "organizer"),
            ("named", "VBD", "VERB", "ROOT", 1, "name"),
            ("Hugh", "NNP", "PROPN", "compound", 3, "Hugh", "B-PERSON"),
            ("Jackman", "NNP", "PROPN", "dobj", 1, "Jackman", "I-PERSON"),
            ("as", "IN", "ADP", "prep", 1, "as"),
            ("the", "DT", "DET", "det", 6, "the"),
            ("host", "NN", "NOUN", "pobj", 4, "host"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    links = links_of(doc)
    assert links["host"] == ("Hugh Jackman", "role")
    assert "Organizers" not in links


def _served_as(subject: list[tuple], verb: tuple, role: str) -> list[tuple]:
    """ "<subject> <verb> as the <role>." with the subject's words as rows (the last its head)."""
    head = len(subject)
    rows = [
        (word, tag, pos, "nsubj", head, word, *entity)
        if i == head - 1
        else (word, tag, pos, "compound", head - 1, word, *entity)
        for i, (word, tag, pos, *entity) in enumerate(subject)
    ]
    return [
        *rows,
        (verb[0], verb[1], "VERB", "ROOT", head, verb[2]),
        ("as", "IN", "ADP", "prep", head, "as"),
        ("the", "DT", "DET", "det", head + 3, "the"),
        (role, "NN", "NOUN", "pobj", head + 1, role),
        (".", ".", "PUNCT", "punct", head, "."),
    ]


def test_a_person_after_as_is_the_role_of_the_subject_of_a_verb_with_no_object():
    felt = [("Mark", "NNP", "PROPN", "B-PERSON"), ("Felt", "NNP", "PROPN", "I-PERSON")]
    # "Mark Felt served as the informant.": who serves in the role is the subject.
    links = links_of(parsed(_served_as(felt, ("served", "VBD", "serve"), "informant")))
    assert links["informant"] == ("Mark Felt", "role")
    # "The news came as the surprise.": a role that is no one's says what an act was.
    news = [("news", "NN", "NOUN")]
    links = links_of(parsed(_served_as(news, ("came", "VBD", "come"), "surprise")))
    assert "surprise" not in links
    # "Mark Felt held as the informant ...": a participle with no auxiliary modifies a noun
    # or opens a headline ("Goth son held as mum and sister found dead"); it gives no role.
    links = links_of(parsed(_served_as(felt, ("held", "VBN", "hold"), "informant")))
    assert "informant" not in links


def test_a_person_tagged_name_ending_in_a_place_word_is_a_place():
    # "Lohan entered the Betty Ford Center." with "Betty Ford Center" tagged PERSON.
    doc = parsed(
        [
            ("Lohan", "NNP", "PROPN", "nsubj", 1, "Lohan", "B-PERSON"),
            ("entered", "VBD", "VERB", "ROOT", 1, "enter"),
            ("the", "DT", "DET", "det", 5, "the"),
            ("Betty", "NNP", "PROPN", "compound", 5, "Betty", "B-PERSON"),
            ("Ford", "NNP", "PROPN", "compound", 5, "Ford", "I-PERSON"),
            ("Center", "NNP", "PROPN", "dobj", 1, "Center", "I-PERSON"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    labels = {m.text: m.label for m in mentions}
    assert labels == {"Lohan": "PERSON", "Betty Ford Center": "FAC"}


def test_a_pronoun_never_refers_to_a_phrase_that_holds_it():
    """ "The department issued rules changing the way it works": "it" stands inside the
    relative clause of "the way", the nearest clause's object, so it cannot be the way
    (i-within-i); it is the department."""
    doc = parsed(
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("department", "NN", "NOUN", "nsubj", 2, "department"),
            ("issued", "VBD", "VERB", "ROOT", 2, "issue"),
            ("rules", "NNS", "NOUN", "dobj", 2, "rule"),
            ("changing", "VBG", "VERB", "acl", 3, "change"),
            ("the", "DT", "DET", "det", 6, "the"),
            ("way", "NN", "NOUN", "dobj", 4, "way"),
            ("it", "PRP", "PRON", "nsubj", 8, "it"),
            ("works", "VBZ", "VERB", "relcl", 6, "work"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ]
    )
    links = links_of(doc)
    assert links.get("it") == ("department", "pronoun")


def test_a_one_word_name_takes_no_gender_from_the_first_names_list():
    """ "Regina Benjamin ... Benjamin": a name of one word is as often a surname, so "Benjamin"
    (a man's first name) does not make Regina Benjamin's chain male, and "He" is not her."""
    doc = parsed(
        [
            ("Regina", "NNP", "PROPN", "compound", 1, "Regina", "B-PERSON"),
            ("Benjamin", "NNP", "PROPN", "nsubj", 2, "Benjamin", "I-PERSON"),
            ("met", "VBD", "VERB", "ROOT", 2, "meet"),
            ("Barack", "NNP", "PROPN", "compound", 4, "Barack", "B-PERSON"),
            ("Obama", "NNP", "PROPN", "dobj", 2, "Obama", "I-PERSON"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
        [
            ("Benjamin", "NNP", "PROPN", "nsubj", 1, "Benjamin", "B-PERSON"),
            ("thanked", "VBD", "VERB", "ROOT", 1, "thank"),
            ("him", "PRP", "PRON", "dobj", 1, "he"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
        _pronoun_sentence("He"),
    )
    he = links_of(doc).get("He", ("",))[0]
    assert he not in ("Benjamin", "Regina Benjamin")
    assert he in ("him", "Barack Obama")


def _patched(*modifiers: tuple, then: list[tuple] | None = None) -> Doc:
    """ "Microsoft patched the <modifiers> browser ." and the sentence ``then``."""
    n = len(modifiers)
    rows = [
        ("Microsoft", "NNP", "PROPN", "nsubj", 1, "Microsoft", "B-ORG"),
        ("patched", "VBD", "VERB", "ROOT", 1, "patch"),
        ("the", "DT", "DET", "det", 3 + n, "the"),
    ]
    for i, (word, tag, pos) in enumerate(modifiers):
        rows.append((word, tag, pos, "compound", 4 + i if i < n - 1 else 3 + n, word))
    rows.append(("browser", "NN", "NOUN", "dobj", 1, "browser"))
    rows.append((".", ".", "PUNCT", "punct", 1, "."))
    return parsed(rows, then) if then else parsed(rows)


def test_a_name_the_recogniser_missed_modifying_a_noun_is_a_mention_of_its_own():
    doc = _patched(("Internet", "NNP", "PROPN"), ("Explorer", "NNP", "PROPN"))
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    names = [m.text for m in mentions if m.kind == "entity"]
    assert names == ["Microsoft", "Internet Explorer"]
    # The description is still a mention: "the Internet Explorer browser" is a browser.
    assert "Internet Explorer browser" in [m.text for m in mentions if m.kind == "concept"]


def test_a_common_noun_modifier_or_an_office_word_is_not_a_name():
    doc = _patched(("security", "NN", "NOUN"))
    assert "security" not in mention_texts(doc)
    spoke = [
        ("Obama", "NNP", "PROPN", "nsubj", 1, "Obama", "B-PERSON"),
        ("spoke", "VBD", "VERB", "ROOT", 1, "speak"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]
    doc = _patched(("President", "NNP", "PROPN"), ("Obama", "NNP", "PROPN"), then=spoke)
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    assert [m.text for m in mentions if m.kind == "entity"] == ["Microsoft", "Obama", "Obama"]


def test_a_one_word_name_before_a_noun_needs_the_document_to_name_it_elsewhere():
    firefox = ("Firefox", "NNP", "PROPN")
    # Alone, a capitalised word before a noun may be a common noun ("Web site").
    assert "Firefox" not in mention_texts(_patched(firefox))
    crashed = [
        ("Firefox", "NNP", "PROPN", "nsubj", 1, "Firefox"),
        ("crashed", "VBD", "VERB", "ROOT", 1, "crash"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]
    assert mention_texts(_patched(firefox, then=crashed)).count("Firefox") == 2


def test_a_persons_name_before_a_noun_is_left_to_the_recogniser():
    # "Constable Tim Fanning allege the man ...": a verb misread as the noun the name modifies.
    assert "Tim Fanning" not in mention_texts(
        _patched(("Tim", "NNP", "PROPN"), ("Fanning", "NNP", "PROPN"))
    )


def _town_of(noun: str, modifier: tuple | None = None) -> Doc:
    """ "The fire spread through the [modifier] <noun> of Ashbury." with Ashbury a GPE."""
    rows = [
        ("The", "DT", "DET", "det", 1, "the"),
        ("fire", "NN", "NOUN", "nsubj", 2, "fire"),
        ("spread", "VBD", "VERB", "ROOT", 2, "spread"),
        ("through", "IN", "ADP", "prep", 2, "through"),
        ("the", "DT", "DET", "det", 6, "the"),
    ]
    if modifier is not None:
        rows.append((*modifier, "amod", 6, modifier[0]))
    else:
        rows.append(("old", "JJ", "ADJ", "amod", 6, "old"))
    noun_index = 6
    rows += [
        (noun, "NN", "NOUN", "pobj", 3, noun),
        ("of", "IN", "ADP", "prep", noun_index, "of"),
        ("Ashbury", "NNP", "PROPN", "pobj", noun_index + 1, "Ashbury", "B-GPE"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]
    return parsed(rows)


def test_a_town_of_a_name_is_the_town_so_named():
    """ "the old town of Ashbury" is Ashbury (an appositive "of"); across documents it had
    been joined to another place whose name ends in "town"."""
    assert links_of(_town_of("town"))["old town of Ashbury"] == ("Ashbury", "of-apposition")
    assert links_of(_town_of("island"))["old island of Ashbury"] == ("Ashbury", "of-apposition")


def test_a_part_or_a_relation_of_a_place_is_not_the_place():
    """ "the old district of Ashbury" may be a part of it, "the capital city of Ashbury" and
    "the largest city of Ashbury" are other places: none of them is Ashbury."""
    assert "old district of Ashbury" not in links_of(_town_of("district"))
    assert "old coast of Ashbury" not in links_of(_town_of("coast"))
    capital = links_of(_town_of("city", ("capital", "NN", "NOUN")))
    assert "capital city of Ashbury" not in capital
    largest = links_of(_town_of("city", ("largest", "JJS", "ADJ")))
    assert "largest city of Ashbury" not in largest


def test_a_place_beside_a_place_is_where_it_lies():
    """ "Dunmore, Ohio" says where Dunmore is: the town is not the state (the apposition had
    made every "Ohio" of the story the town). A description beside a place still names it."""
    doc = parsed(
        [
            ("Police", "NNS", "NOUN", "nsubj", 1, "police"),
            ("searched", "VBD", "VERB", "ROOT", 1, "search"),
            ("Dunmore", "NNP", "PROPN", "dobj", 1, "Dunmore", "B-GPE"),
            (",", ",", "PUNCT", "punct", 2, ","),
            ("Ohio", "NNP", "PROPN", "appos", 2, "Ohio", "B-GPE"),
            (",", ",", "PUNCT", "punct", 2, ","),
            ("a", "DT", "DET", "det", 8, "a"),
            ("small", "JJ", "ADJ", "amod", 8, "small"),
            ("town", "NN", "NOUN", "appos", 2, "town"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ]
    )
    links = links_of(doc)
    assert "Ohio" not in links and "Dunmore" not in links
    assert links["small town"] == ("Dunmore", "apposition")


def test_a_role_word_capitalised_before_a_name_the_recogniser_missed_is_not_the_name():
    """ "Forward Tyler Hansbrough broke the record", no entity recognised: the name is read from
    the proper nouns, and "Forward" (a player's position, capitalised as the first word) is
    what he is, not his name, as an office is ("Trade Representative Jamieson Greer")."""
    doc = parsed(
        [
            ("Forward", "NNP", "PROPN", "compound", 2, "Forward"),
            ("Tyler", "NNP", "PROPN", "compound", 2, "Tyler"),
            ("Hansbrough", "NNP", "PROPN", "nsubj", 3, "Hansbrough"),
            ("broke", "VBD", "VERB", "ROOT", 3, "break"),
            ("the", "DT", "DET", "det", 5, "the"),
            ("record", "NN", "NOUN", "dobj", 3, "record"),
            (".", ".", "PUNCT", "punct", 3, "."),
        ]
    )
    texts = mention_texts(doc)
    assert "Tyler Hansbrough" in texts
    assert "Forward Tyler Hansbrough" not in texts


MAYS_SHOT_A_GUARD = [
    ("Carl", "NNP", "PROPN", "compound", 1, "Carl", "B-PERSON"),
    ("Mays", "NNP", "PROPN", "nsubj", 2, "Mays", "I-PERSON"),
    ("shot", "VBD", "VERB", "ROOT", 2, "shoot"),
    ("a", "DT", "DET", "det", 4, "a"),
    ("guard", "NN", "NOUN", "dobj", 2, "guard"),
    (".", ".", "PUNCT", "punct", 2, "."),
]


def test_a_description_is_not_what_another_argument_of_its_verb_already_is():
    """ "The gunman struck the boy": "the gunman" is Carl Mays, so "the boy", the other
    argument of "struck", is someone else, though Mays is the person most spoken of
    (principle C)."""
    doc = parsed(
        MAYS_SHOT_A_GUARD,
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("gunman", "NN", "NOUN", "nsubj", 2, "gunman"),
            ("struck", "VBD", "VERB", "ROOT", 2, "strike"),
            ("the", "DT", "DET", "det", 4, "the"),
            ("boy", "NN", "NOUN", "dobj", 2, "boy"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )
    links = links_of(doc)
    # Mays shot a guard: the one person who shoots is "the gunman" (the deed sieve).
    assert links["gunman"] == ("Carl Mays", "deed")
    assert "boy" not in links


def _said_the_gunman_fled(speaker: tuple) -> list[tuple]:
    return [
        speaker,
        ("said", "VBD", "VERB", "ROOT", 1, "say"),
        ("the", "DT", "DET", "det", 3, "the"),
        ("gunman", "NN", "NOUN", "nsubj", 4, "gunman"),
        ("fled", "VBD", "VERB", "ccomp", 1, "flee"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]


def test_a_description_is_not_whoever_reports_the_clause_it_stands_in():
    """ "Mays said the gunman fled": what Mays says is of someone else, though Mays is the
    person most spoken of (principle C, as for a reported clause's pronoun); reported by
    someone else, "the gunman" is Mays again."""
    mays = ("Mays", "NNP", "PROPN", "nsubj", 1, "Mays", "B-PERSON")
    links = links_of(parsed(MAYS_SHOT_A_GUARD, _said_the_gunman_fled(mays)))
    assert links.get("gunman", ("", ""))[0] not in ("Carl Mays", "Mays")
    police = ("Police", "NNS", "NOUN", "nsubj", 1, "police")
    links = links_of(parsed(MAYS_SHOT_A_GUARD, _said_the_gunman_fled(police)))
    assert links["gunman"] == ("Carl Mays", "deed")  # the one person who shoots


def test_a_description_in_a_clause_of_its_own_still_describes_the_protagonist():
    doc = parsed(
        MAYS_SHOT_A_GUARD,
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("boy", "NN", "NOUN", "nsubj", 2, "boy"),
            ("fled", "VBD", "VERB", "ROOT", 2, "flee"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )
    assert links_of(doc)["boy"] == ("Carl Mays", "description")


def test_a_noun_whose_person_sense_is_a_rare_one_describes_no_one():
    """ "He faces life in prison": "life" is a person only in a rare WordNet sense ("a living
    person"), so it is not the protagonist; "the driver", whose second sense is a person, is."""
    life = [
        ("He", "PRP", "PRON", "nsubj", 1, "he"),
        ("faces", "VBZ", "VERB", "ROOT", 1, "face"),
        ("life", "NN", "NOUN", "dobj", 1, "life"),
        ("in", "IN", "ADP", "prep", 2, "in"),
        ("prison", "NN", "NOUN", "pobj", 3, "prison"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]
    links = links_of(parsed(MAYS_SHOT_A_GUARD, life))
    assert links["He"] == ("Carl Mays", "pronoun")
    assert "life in prison" not in links
    driver = [
        ("The", "DT", "DET", "det", 1, "the"),
        ("driver", "NN", "NOUN", "nsubj", 2, "driver"),
        ("fled", "VBD", "VERB", "ROOT", 2, "flee"),
        (".", ".", "PUNCT", "punct", 2, "."),
    ]
    assert links_of(parsed(MAYS_SHOT_A_GUARD, driver))["driver"] == ("Carl Mays", "description")


def test_a_list_the_parser_read_as_an_apposition_links_no_two_of_its_items():
    """ "The minister, the ambassador and the general arrived": three people, not the minister
    named twice (the parser sets the second beside the first and coordinates the third with
    it); likewise three names in a row."""
    doc = parsed(
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("minister", "NN", "NOUN", "nsubj", 9, "minister"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("the", "DT", "DET", "det", 4, "the"),
            ("ambassador", "NN", "NOUN", "appos", 1, "ambassador"),
            ("and", "CC", "CCONJ", "cc", 4, "and"),
            ("the", "DT", "DET", "det", 7, "the"),
            ("general", "NN", "NOUN", "conj", 4, "general"),
            ("arrived", "VBD", "VERB", "ROOT", 8, "arrive"),
            (".", ".", "PUNCT", "punct", 8, "."),
        ]
    )
    assert "ambassador" not in links_of(doc)
    names = parsed(
        [
            ("Woodward", "NNP", "PROPN", "nsubj", 5, "Woodward", "B-PERSON"),
            (",", ",", "PUNCT", "punct", 0, ","),
            ("Bernstein", "NNP", "PROPN", "appos", 0, "Bernstein", "B-PERSON"),
            ("and", "CC", "CCONJ", "cc", 2, "and"),
            ("Felt", "NNP", "PROPN", "conj", 2, "Felt", "B-PERSON"),
            ("arrived", "VBD", "VERB", "ROOT", 5, "arrive"),
            (".", ".", "PUNCT", "punct", 5, "."),
        ]
    )
    assert "Bernstein" not in links_of(names)


def test_an_apposition_that_coordinates_roles_still_names_the_person():
    """ "Fred LaRue, a Watergate figure and former aide, arrived": the roles are his."""
    doc = parsed(
        [
            ("Fred", "NNP", "PROPN", "compound", 1, "Fred", "B-PERSON"),
            ("LaRue", "NNP", "PROPN", "nsubj", 7, "LaRue", "I-PERSON"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("a", "DT", "DET", "det", 4, "a"),
            ("figure", "NN", "NOUN", "appos", 1, "figure"),
            ("and", "CC", "CCONJ", "cc", 4, "and"),
            ("aide", "NN", "NOUN", "conj", 4, "aide"),
            ("arrived", "VBD", "VERB", "ROOT", 7, "arrive"),
            (".", ".", "PUNCT", "punct", 7, "."),
        ]
    )
    assert links_of(doc)["figure"] == ("Fred LaRue", "apposition")


def _body_of(possessor: list[tuple], modifier: tuple | None = None) -> Doc:
    """ "Police found <possessor> [modifier] body in a motel." (the possessor's last row is
    its head, a "poss" of the noun)."""
    rows = [
        ("Police", "NNS", "NOUN", "nsubj", 1, "police"),
        ("found", "VBD", "VERB", "ROOT", 1, "find"),
    ]
    noun = 2 + len(possessor) + (1 if modifier else 0)
    for row in possessor:
        word, tag, pos, dep, _head, lemma, *entity = row
        rows.append((word, tag, pos, dep, noun if dep == "poss" else len(rows) + 1, lemma, *entity))
    if modifier is not None:
        rows.append((*modifier, "amod", noun, modifier[0]))
    rows += [
        ("body", "NN", "NOUN", "dobj", 1, "body"),
        ("in", "IN", "ADP", "prep", 1, "in"),
        ("a", "DT", "DET", "det", noun + 3, "a"),
        ("motel", "NN", "NOUN", "pobj", noun + 1, "motel"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]
    return parsed(rows)


_FRED_HALE = [
    ("Fred", "NNP", "PROPN", "compound", 0, "Fred", "B-PERSON"),
    ("Hale", "NNP", "PROPN", "poss", 0, "Hale", "I-PERSON"),
    ("'s", "POS", "PART", "case", 0, "'s"),
]


def test_a_persons_dead_body_is_the_person():
    """ "Police found Fred Hale's body", "... his body": news speaks of the dead person's body
    as of the person."""
    named = _body_of(_FRED_HALE)
    assert links_of(named)["Fred Hale's body"] == ("Fred Hale", "body")
    pronoun = _body_of([("his", "PRP$", "PRON", "poss", 0, "his")])
    assert links_of(pronoun)["body"] == ("his", "body")  # the span leaves "his" out


def test_a_body_described_or_of_a_thing_is_not_its_possessor():
    """ "his upper body" is a living body's part; "its body" and "the company's body" are not
    a person's."""
    upper = _body_of([("his", "PRP$", "PRON", "poss", 0, "his")], ("upper", "JJ", "ADJ"))
    assert "upper body" not in links_of(upper)
    thing = _body_of([("its", "PRP$", "PRON", "poss", 0, "its")])
    assert "body" not in links_of(thing)


def test_a_courtesy_title_gives_a_surname_its_gender():
    """ "Mr. Hale met Ms. Gomes. She smiled.": a surname alone has no first name to tell its
    gender, but "Ms." does, so "she" is Gomes, not the subject Hale."""
    doc = parsed(
        [
            ("Mr.", "NNP", "PROPN", "compound", 1, "Mr."),
            ("Hale", "NNP", "PROPN", "nsubj", 2, "Hale", "B-PERSON"),
            ("met", "VBD", "VERB", "ROOT", 2, "meet"),
            ("Ms.", "NNP", "PROPN", "compound", 4, "Ms."),
            ("Gomes", "NNP", "PROPN", "dobj", 2, "Gomes", "B-PERSON"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
        [
            ("She", "PRP", "PRON", "nsubj", 1, "she"),
            ("smiled", "VBD", "VERB", "ROOT", 1, "smile"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
    )
    assert links_of(doc)["She"] == ("Gomes", "pronoun")


def _parted(first: str) -> Doc:
    """ "<first> Castell resigned." with <first> parsed as a root of its own (a dateline run
    into the sentence splits it so)."""
    return parsed(
        [(first, "NNP", "PROPN", "ROOT", 0, first)],
        [
            ("Castell", "NNP", "PROPN", "nsubj", 1, "Castell"),
            ("resigned", "VBD", "VERB", "ROOT", 1, "resign"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
    )


def test_a_given_name_the_parser_parted_from_the_surname_is_the_names_first_word():
    assert "Mina Castell" in mention_texts(_parted("Mina"))
    assert "Mina" not in mention_texts(_parted("Mina"))
    # A word that is no given name stays a word of its own.
    texts = mention_texts(_parted("Harbor"))
    assert "Harbor Castell" not in texts and "Castell" in texts


def _rely_on_two(verb: tuple[str, str, str], head: str = "pobj") -> Doc:
    """ "Coach Payton will rely on Tom Brown and Mike Bell, who <verb> had six carries.", the
    relative clause hung from the first of the coordinated names, as the parser often does."""
    word, tag, lemma = verb
    return parsed(
        [
            ("Payton", "NNP", "PROPN", "nsubj", 2, "Payton", "B-PERSON"),
            ("will", "MD", "AUX", "aux", 2, "will"),
            ("rely", "VB", "VERB", "ROOT", 2, "rely"),
            ("on", "IN", "ADP", "prep", 2, "on"),
            ("Tom", "NNP", "PROPN", "compound", 5, "Tom", "B-PERSON"),
            ("Brown", "NNP", "PROPN", head, 3, "Brown", "I-PERSON"),
            ("and", "CC", "CCONJ", "cc", 5, "and"),
            ("Mike", "NNP", "PROPN", "compound", 8, "Mike", "B-PERSON"),
            ("Bell", "NNP", "PROPN", "conj", 5, "Bell", "I-PERSON"),
            (",", ",", "PUNCT", "punct", 5, ","),
            ("who", "WP", "PRON", "nsubj", 12, "who"),
            (word, tag, "AUX", "aux", 12, lemma),
            ("had", "VBN", "VERB", "relcl", 5, "have"),
            ("six", "CD", "NUM", "nummod", 14, "six"),
            ("carries", "NNS", "NOUN", "dobj", 12, "carry"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ]
    )


def test_a_who_after_two_coordinated_names_with_a_singular_verb_is_the_last():
    """ "Tom Brown and Mike Bell, who has had six carries": the clause is the last name's, the
    one it follows, though the parser hangs it from the first; with a plural verb ("who have")
    it is about both and stays where the parse put it. Not in an appositive, whose nouns
    describe one person twice ("Smith, a pastor and leader who is ...")."""
    assert links_of(_rely_on_two(("has", "VBZ", "have")))["who"] == (
        "Mike Bell",
        "relative pronoun",
    )
    assert links_of(_rely_on_two(("have", "VBP", "have")))["who"] == (
        "Tom Brown",
        "relative pronoun",
    )
    assert links_of(_rely_on_two(("has", "VBZ", "have"), head="appos"))["who"][0] == "Tom Brown"


def _hyphenated_noun_parted(prefix: str, noun: str, lemma: str) -> list[tuple]:
    """ "Two ex-employees sued the firm and their lawyer spoke.", parsed as the small model
    parses such words: the two pieces and the hyphen all nouns of one role, the phrase's
    other words hung on the first piece."""
    return [
        ("Two", "CD", "NUM", "nummod", 1, "two"),
        (prefix, "NN", "NOUN", "nsubj", 4, prefix),
        ("-", "NN", "NOUN", "nsubj", 4, "-"),
        (noun, "NNS", "NOUN", "nsubj", 4, lemma),
        ("sued", "VBD", "VERB", "ROOT", 4, "sue"),
        ("the", "DT", "DET", "det", 6, "the"),
        ("firm", "NN", "NOUN", "dobj", 4, "firm"),
        ("and", "CC", "CCONJ", "cc", 4, "and"),
        ("their", "PRP$", "PRON", "poss", 9, "their"),
        ("lawyer", "NN", "NOUN", "nsubj", 10, "lawyer"),
        ("spoke", "VBD", "VERB", "conj", 4, "speak"),
        (".", ".", "PUNCT", "punct", 4, "."),
    ]


@pytest.mark.parametrize(
    ("prefix", "noun", "lemma"), [("ex", "employees", "employee"), ("co", "workers", "worker")]
)
def test_a_hyphenated_noun_the_parser_parted_is_one_mention(prefix, noun, lemma):
    """The piece before the hyphen is no one: "their" is the ex-employees or the co-workers,
    the one mention of the whole word."""
    doc = parsed(_hyphenated_noun_parted(prefix, noun, lemma))
    texts = mention_texts(doc)
    word = f"{prefix}-{noun}"
    assert word in texts
    assert prefix not in texts and f"Two {prefix}" not in texts and noun not in texts
    assert links_of(doc)["their"] == (word, "pronoun")


# "Dana Marsh met Kyle Brandt ." and a second sentence whose coordination the recogniser read
# as one organisation's name.
_MARSH_MET_BRANDT = [
    ("Dana", "NNP", "PROPN", "compound", 1, "Dana", "B-PERSON"),
    ("Marsh", "NNP", "PROPN", "nsubj", 2, "Marsh", "I-PERSON"),
    ("met", "VBD", "VERB", "ROOT", 2, "meet"),
    ("Kyle", "NNP", "PROPN", "compound", 4, "Kyle", "B-PERSON"),
    ("Brandt", "NNP", "PROPN", "dobj", 2, "Brandt", "I-PERSON"),
    (".", ".", "PUNCT", "punct", 2, "."),
]


def _arrested(left: str, right: str) -> list[tuple]:
    # "Police arrested <left> and <right> ."
    return [
        ("Police", "NNS", "NOUN", "nsubj", 1, "police"),
        ("arrested", "VBD", "VERB", "ROOT", 1, "arrest"),
        (left, "NNP", "PROPN", "dobj", 1, left, "B-ORG"),
        ("and", "CC", "CCONJ", "cc", 2, "and", "I-ORG"),
        (right, "NNP", "PROPN", "conj", 2, right, "I-ORG"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]


def _nodes(doc: Doc) -> dict[str, str]:
    """Each mention's text -> its node, once the document is resolved."""
    extraction = extract(doc, Document(id="d1", source="test", text=doc.text))
    coreference = resolve([extraction]).documents[0].coreference
    return {r.mention.text: r.key or "" for r in coreference}


def test_two_names_the_recogniser_read_as_one_are_two_when_the_document_names_each():
    # "Police arrested Marsh and Brandt": the recogniser's one organisation is the two people
    # the document named in full, each their node.
    nodes = _nodes(parsed(_MARSH_MET_BRANDT, _arrested("Marsh", "Brandt")))
    assert "Marsh and Brandt" not in nodes
    assert nodes["Marsh"] == "Dana Marsh"
    assert nodes["Brandt"] == "Kyle Brandt"


def test_a_name_with_and_stays_one_when_its_parts_are_named_nowhere_alone():
    # "Police arrested Barnes and Noble": no part is a name of its own in the document (a
    # company named after its founders), so the name stays whole.
    nodes = _nodes(parsed(_MARSH_MET_BRANDT, _arrested("Barnes", "Noble")))
    assert nodes["Barnes and Noble"] == "Barnes and Noble"
    assert "Noble" not in nodes


def _identified_as(*rows: tuple) -> dict[str, tuple[str, str]]:
    """The links the sieves make in one sentence given by its rows."""
    return links_of(parsed(list(rows)))


def _as_mary_smith(start: int, verb: int) -> list[tuple]:
    """ "as Mary Smith" (a person's name) from token ``start``, "as" attached to ``verb``."""
    return [
        ("as", "IN", "ADP", "prep", verb, "as"),
        ("Mary", "NNP", "PROPN", "compound", start + 2, "Mary", "B-PERSON"),
        ("Smith", "NNP", "PROPN", "pobj", start, "Smith", "I-PERSON"),
    ]


def test_a_description_identified_as_a_name_is_the_one_so_named():
    # Passive: "The victim was identified as Mary Smith."
    passive = _identified_as(
        ("The", "DT", "DET", "det", 1, "the"),
        ("victim", "NN", "NOUN", "nsubjpass", 3, "victim"),
        ("was", "VBD", "AUX", "auxpass", 3, "be"),
        ("identified", "VBN", "VERB", "ROOT", 3, "identify"),
        *_as_mary_smith(4, 3),
        (".", ".", "PUNCT", "punct", 3, "."),
    )
    assert passive["Mary Smith"] == ("victim", "identification")
    # Active: "Police named the woman as Mary Smith."
    active = _identified_as(
        ("Police", "NNS", "NOUN", "nsubj", 1, "police"),
        ("named", "VBD", "VERB", "ROOT", 1, "name"),
        ("the", "DT", "DET", "det", 3, "the"),
        ("woman", "NN", "NOUN", "dobj", 1, "woman"),
        *_as_mary_smith(4, 1),
        (".", ".", "PUNCT", "punct", 1, "."),
    )
    assert active["Mary Smith"] == ("woman", "identification")
    # Relative clause: "The driver, who police identified as Mary Smith, fled."
    relative = _identified_as(
        ("The", "DT", "DET", "det", 1, "the"),
        ("driver", "NN", "NOUN", "nsubj", 10, "driver"),
        (",", ",", "PUNCT", "punct", 1, ","),
        ("who", "WP", "PRON", "dobj", 5, "who"),
        ("police", "NNS", "NOUN", "nsubj", 5, "police"),
        ("identified", "VBD", "VERB", "relcl", 1, "identify"),
        *_as_mary_smith(6, 5),
        (",", ",", "PUNCT", "punct", 1, ","),
        ("fled", "VBD", "VERB", "ROOT", 10, "flee"),
        (".", ".", "PUNCT", "punct", 10, "."),
    )
    assert relative["Mary Smith"] == ("driver", "identification")
    # Participle: "The driver, identified by police as Mary Smith, fled."
    participle = _identified_as(
        ("The", "DT", "DET", "det", 1, "the"),
        ("driver", "NN", "NOUN", "nsubj", 10, "driver"),
        (",", ",", "PUNCT", "punct", 1, ","),
        ("identified", "VBN", "VERB", "acl", 1, "identify"),
        ("by", "IN", "ADP", "agent", 3, "by"),
        ("police", "NNS", "NOUN", "pobj", 4, "police"),
        *_as_mary_smith(6, 3),
        (",", ",", "PUNCT", "punct", 1, ","),
        ("fled", "VBD", "VERB", "ROOT", 10, "flee"),
        (".", ".", "PUNCT", "punct", 10, "."),
    )
    assert participle["Mary Smith"] == ("driver", "identification")


def test_a_name_after_as_is_no_identity_but_after_a_verb_of_identifying():
    # "The studio cast the actress as Mary Smith.": a part she plays, not who she is.
    cast = _identified_as(
        ("The", "DT", "DET", "det", 1, "the"),
        ("studio", "NN", "NOUN", "nsubj", 2, "studio"),
        ("cast", "VBD", "VERB", "ROOT", 2, "cast"),
        ("the", "DT", "DET", "det", 4, "the"),
        ("actress", "NN", "NOUN", "dobj", 2, "actress"),
        *_as_mary_smith(5, 2),
        (".", ".", "PUNCT", "punct", 2, "."),
    )
    assert "Mary Smith" not in cast and "actress" not in cast
    # "The girl was named after Mary Smith.": her namesake, not her.
    after = _identified_as(
        ("The", "DT", "DET", "det", 1, "the"),
        ("girl", "NN", "NOUN", "nsubjpass", 3, "girl"),
        ("was", "VBD", "AUX", "auxpass", 3, "be"),
        ("named", "VBN", "VERB", "ROOT", 3, "name"),
        ("after", "IN", "ADP", "prep", 3, "after"),
        ("Mary", "NNP", "PROPN", "compound", 6, "Mary", "B-PERSON"),
        ("Smith", "NNP", "PROPN", "pobj", 4, "Smith", "I-PERSON"),
        (".", ".", "PUNCT", "punct", 3, "."),
    )
    assert "Mary Smith" not in after and "girl" not in after
    # "Mary Smith was named to the board.": a post, not a name.
    to_board = _identified_as(
        ("Mary", "NNP", "PROPN", "compound", 1, "Mary", "B-PERSON"),
        ("Smith", "NNP", "PROPN", "nsubjpass", 3, "Smith", "I-PERSON"),
        ("was", "VBD", "AUX", "auxpass", 3, "be"),
        ("named", "VBN", "VERB", "ROOT", 3, "name"),
        ("to", "IN", "ADP", "prep", 3, "to"),
        ("the", "DT", "DET", "det", 6, "the"),
        ("board", "NN", "NOUN", "pobj", 4, "board"),
        (".", ".", "PUNCT", "punct", 3, "."),
    )
    assert "board" not in to_board and "Mary Smith" not in to_board
    # "The victims were identified as Mary Smith and Ann Lee.": a group is none of its members.
    victims = _identified_as(
        ("The", "DT", "DET", "det", 1, "the"),
        ("victims", "NNS", "NOUN", "nsubjpass", 3, "victim"),
        ("were", "VBD", "AUX", "auxpass", 3, "be"),
        ("identified", "VBN", "VERB", "ROOT", 3, "identify"),
        *_as_mary_smith(4, 3),
        ("and", "CC", "CCONJ", "cc", 6, "and"),
        ("Ann", "NNP", "PROPN", "compound", 9, "Ann", "B-PERSON"),
        ("Lee", "NNP", "PROPN", "conj", 6, "Lee", "I-PERSON"),
        (".", ".", "PUNCT", "punct", 3, "."),
    )
    assert "Mary Smith" not in victims and "victims" not in victims
    # "The victim was not identified as Mary Smith.": under negation, as a copula is.
    denied = _identified_as(
        ("The", "DT", "DET", "det", 1, "the"),
        ("victim", "NN", "NOUN", "nsubjpass", 4, "victim"),
        ("was", "VBD", "AUX", "auxpass", 4, "be"),
        ("not", "RB", "PART", "neg", 4, "not"),
        ("identified", "VBN", "VERB", "ROOT", 4, "identify"),
        *_as_mary_smith(5, 4),
        (".", ".", "PUNCT", "punct", 4, "."),
    )
    assert "Mary Smith" not in denied and "victim" not in denied


def test_a_description_identified_as_a_description_is_its_role():
    # "The man was identified as a suspect.": no name, but what he is said to be, as "named
    # Hugh Jackman as the host" says (the role sieve).
    links = _identified_as(
        ("The", "DT", "DET", "det", 1, "the"),
        ("man", "NN", "NOUN", "nsubjpass", 3, "man"),
        ("was", "VBD", "AUX", "auxpass", 3, "be"),
        ("identified", "VBN", "VERB", "ROOT", 3, "identify"),
        ("as", "IN", "ADP", "prep", 3, "as"),
        ("a", "DT", "DET", "det", 6, "a"),
        ("suspect", "NN", "NOUN", "pobj", 4, "suspect"),
        (".", ".", "PUNCT", "punct", 3, "."),
    )
    assert links["suspect"] == ("man", "role")


def _name_labels(doc: Doc) -> list[tuple[str, str]]:
    """(text, label) of every name mention the coreference stage finds."""
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    return [(m.text, m.label) for m in mentions if m.kind == "entity" and m.label]


def test_a_name_tagged_a_person_that_holds_a_place_is_a_place():
    # "A store in Brackley burned. Brackley police said nothing.": what holds a store is a
    # place, though the recogniser tags the town a person (twice); the police of the town
    # are not someone's either.
    doc = parsed(
        [
            ("A", "DT", "DET", "det", 1, "a"),
            ("store", "NN", "NOUN", "nsubj", 4, "store"),
            ("in", "IN", "ADP", "prep", 1, "in"),
            ("Brackley", "NNP", "PROPN", "pobj", 2, "Brackley", "B-PERSON"),
            ("burned", "VBD", "VERB", "ROOT", 4, "burn"),
            (".", ".", "PUNCT", "punct", 4, "."),
        ],
        [
            ("Brackley", "NNP", "PROPN", "compound", 1, "Brackley", "B-PERSON"),
            ("police", "NNS", "NOUN", "nsubj", 2, "police"),
            ("said", "VBD", "VERB", "ROOT", 2, "say"),
            ("nothing", "NN", "PRON", "dobj", 2, "nothing"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )
    labels = _name_labels(doc)
    assert ("Brackley", "GPE") in labels
    assert ("Brackley", "PERSON") not in labels


def test_a_person_one_has_confidence_in_stays_a_person():
    # "Voters lost confidence in Keane. Keane resigned.": "in" hangs on no noun of a place.
    doc = parsed(
        [
            ("Voters", "NNS", "NOUN", "nsubj", 1, "voter"),
            ("lost", "VBD", "VERB", "ROOT", 1, "lose"),
            ("confidence", "NN", "NOUN", "dobj", 1, "confidence"),
            ("in", "IN", "ADP", "prep", 2, "in"),
            ("Keane", "NNP", "PROPN", "pobj", 3, "Keane", "B-PERSON"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
        [
            ("Keane", "NNP", "PROPN", "nsubj", 1, "Keane", "B-PERSON"),
            ("resigned", "VBD", "VERB", "ROOT", 1, "resign"),
            (".", ".", "PUNCT", "punct", 1, "."),
        ],
    )
    assert _name_labels(doc) == [("Keane", "PERSON"), ("Keane", "PERSON")]


def _two_names_side_by_side(first: tuple[str, str], second: tuple[str, str]) -> list[tuple]:
    """ "<first>, <second> ran ." with the parse's apposition between the two names."""
    return [
        (first[0], "NNP", "PROPN", "compound", 1, first[0], "B-PERSON"),
        (first[1], "NNP", "PROPN", "nsubj", 6, first[1], "I-PERSON"),
        (",", ",", "PUNCT", "punct", 1, ","),
        (second[0], "NNP", "PROPN", "compound", 4, second[0], "B-PERSON"),
        (second[1], "NNP", "PROPN", "appos", 1, second[1], "I-PERSON"),
        (",", ",", "PUNCT", "punct", 1, ","),
        ("ran", "VBD", "VERB", "ROOT", 6, "run"),
        (".", ".", "PUNCT", "punct", 6, "."),
    ]


def test_two_full_names_side_by_side_are_two_people_not_an_apposition():
    """ "Harriet Vance, Tobias Quill, ran.": two people named in full that share no word are a
    list the parser read as an apposition; a pseudonym of common words still names who it is
    ("Silver Fox, Harriet Vance")."""
    links = links_of(parsed(_two_names_side_by_side(("Harriet", "Vance"), ("Tobias", "Quill"))))
    assert "Tobias Quill" not in links
    links = links_of(parsed(_two_names_side_by_side(("Silver", "Fox"), ("Harriet", "Vance"))))
    assert links["Harriet Vance"] == ("Silver Fox", "apposition")


def test_a_full_name_beside_a_surname_said_again_is_another_person():
    """ "Quill spoke. Quill, Harriet Vance, ran.": a one-word name the story writes again is
    someone it speaks of, another person than a full name sharing none of its words; said
    once, it may be a nickname set beside the full name ("Fox, Harriet Vance")."""
    spoke = [
        ("Quill", "NNP", "PROPN", "nsubj", 1, "Quill", "B-PERSON"),
        ("spoke", "VBD", "VERB", "ROOT", 1, "speak"),
        (".", ".", "PUNCT", "punct", 1, "."),
    ]

    def beside(short: str) -> list[tuple]:
        return [
            (short, "NNP", "PROPN", "nsubj", 5, short, "B-PERSON"),
            (",", ",", "PUNCT", "punct", 0, ","),
            ("Harriet", "NNP", "PROPN", "compound", 3, "Harriet", "B-PERSON"),
            ("Vance", "NNP", "PROPN", "appos", 0, "Vance", "I-PERSON"),
            (",", ",", "PUNCT", "punct", 0, ","),
            ("ran", "VBD", "VERB", "ROOT", 5, "run"),
            (".", ".", "PUNCT", "punct", 5, "."),
        ]

    assert "Harriet Vance" not in links_of(parsed(spoke, beside("Quill")))
    links = links_of(parsed(beside("Fox")))
    assert links["Harriet Vance"] == ("Fox", "apposition")


def test_a_deed_read_across_title_lines_names_no_one():
    """Title lines the parser ran together ("Mays was shot | By a witness ..."): an argument
    on another line than its verb gets no deed, so "the gunman" is not the witness; on one
    line the "by" object is the one who shot."""

    def lines(breaks: bool) -> Doc:
        newline = [("\n", "_SP", "SPACE", "dep", 3, "\n")] if breaks else []
        first = [
            ("Carl", "NNP", "PROPN", "compound", 1, "Carl", "B-PERSON"),
            ("Mays", "NNP", "PROPN", "nsubjpass", 3, "Mays", "I-PERSON"),
            ("was", "VBD", "AUX", "auxpass", 3, "be"),
            ("shot", "VBN", "VERB", "ROOT", 3, "shoot"),
            *newline,
        ]
        by = len(first)
        first += [
            ("by", "IN", "ADP", "agent", 3, "by"),
            ("a", "DT", "DET", "det", by + 2, "a"),
            ("witness", "NN", "NOUN", "pobj", by, "witness"),
            (".", ".", "PUNCT", "punct", 3, "."),
        ]
        return parsed(
            first,
            [
                ("The", "DT", "DET", "det", 1, "the"),
                ("gunman", "NN", "NOUN", "nsubj", 2, "gunman"),
                ("fled", "VBD", "VERB", "ROOT", 2, "flee"),
                (".", ".", "PUNCT", "punct", 2, "."),
            ],
        )

    assert links_of(lines(breaks=True)).get("gunman", ("", ""))[1] != "deed"
    assert links_of(lines(breaks=False))["gunman"] == ("witness", "deed")


def _headline_with_a_relative_read_as_a_subject() -> Doc:
    """ "Judges Strike Down Laws That Ban Street Protests | The laws were old ." as the parser
    reads a title-cased line: "That" a demonstrative subject of "Ban", hung on "Strike"."""
    return parsed(
        [
            ("Judges", "NNS", "NOUN", "nsubj", 1, "judge"),
            ("Strike", "VBP", "VERB", "ROOT", 1, "strike"),
            ("Down", "RP", "ADP", "prt", 1, "down"),
            ("Laws", "NNS", "NOUN", "dobj", 1, "law"),
            ("That", "DT", "DET", "nsubj", 5, "that"),
            ("Ban", "VBP", "VERB", "ccomp", 1, "ban"),
            ("Street", "NNP", "PROPN", "compound", 7, "Street"),
            ("Protests", "NNS", "NOUN", "dobj", 5, "protest"),
        ],
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("laws", "NNS", "NOUN", "nsubj", 2, "law"),
            ("were", "VBD", "AUX", "ROOT", 2, "be"),
            ("old", "JJ", "ADJ", "acomp", 2, "old"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )


def test_a_that_after_a_noun_of_a_title_line_is_a_relative_pronoun_on_the_noun():
    """Title case misleads the parser: "Laws That Ban Street Protests" hangs "That Ban ..." on
    the verb before the noun, but a "that" right after a noun and subject of a finite verb
    after it opens a relative clause on that noun."""
    doc = _headline_with_a_relative_read_as_a_subject()
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc), frozenset({0}))
    pairs = {mentions[k.mention].text: (mentions[k.antecedent].text, k.sieve) for k in links}
    assert pairs["That"] == ("Laws", "relative pronoun")


@pytest.mark.parametrize(
    "text",
    [
        # A demonstrative subject after a noun (tagged DT), not a relative.
        "Police told reporters that was all they knew.",
        # A conjunction: a comma follows it and the clause has its own subject.
        "The mayor told the council that, at first, the workers were calm.",
    ],
)
def test_a_that_after_a_noun_that_opens_no_relative_clause_is_not_that_noun(sm_nlp, text):
    links = links_of(sm_nlp(text))
    assert links.get("that", ("", ""))[1] != "relative pronoun"


def test_a_speaker_after_the_object_of_a_report_is_no_apposition_of_it():
    """ "The car crashed near Springfield, the Highway Patrol said.": the parser sets the
    speaker beside the clause's last name; the patrol is no town. "His sister Ana Ruiz said
    so": the phrase beside a subject is that subject."""
    doc = parsed(
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("car", "NN", "NOUN", "nsubj", 2, "car"),
            ("crashed", "VBD", "VERB", "ccomp", 9, "crash"),
            ("near", "IN", "ADP", "prep", 2, "near"),
            ("Springfield", "NNP", "PROPN", "pobj", 3, "Springfield", "B-GPE"),
            (",", ",", "PUNCT", "punct", 4, ","),
            ("the", "DT", "DET", "det", 8, "the"),
            ("Highway", "NNP", "PROPN", "compound", 8, "Highway", "B-ORG"),
            ("Patrol", "NNP", "PROPN", "appos", 4, "Patrol", "I-ORG"),
            ("said", "VBD", "VERB", "ROOT", 9, "say"),
            (".", ".", "PUNCT", "punct", 9, "."),
        ],
        [
            ("His", "PRP$", "PRON", "poss", 1, "his"),
            ("sister", "NN", "NOUN", "nsubj", 4, "sister"),
            ("Ana", "NNP", "PROPN", "compound", 3, "Ana", "B-PERSON"),
            ("Ruiz", "NNP", "PROPN", "appos", 1, "Ruiz", "I-PERSON"),
            ("said", "VBD", "VERB", "ROOT", 4, "say"),
            ("so", "RB", "ADV", "advmod", 4, "so"),
            (".", ".", "PUNCT", "punct", 4, "."),
        ],
    )
    links = links_of(doc)
    assert "Highway Patrol" not in links
    assert links["Ana Ruiz"] == ("sister", "apposition")


# -- counts in title lines, capitalised titles beside names, settlements before their names ------


def _links_with_titles(doc: Doc, titles: frozenset[int]) -> dict[str, tuple[str, str]]:
    """mention text -> (antecedent text, sieve), the sentences ``titles`` read as title lines."""
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc), titles)
    return {mentions[k.mention].text: (mentions[k.antecedent].text, k.sieve) for k in links}


def _title_count_report() -> Doc:
    """ "Ten dead in mine blast" / "Rescuers search the pit" / "Monday" / "The blast killed ten
    miners." : the title line's count, two title lines before the body."""
    return parsed(
        [
            ("Ten", "NNP", "PROPN", "ROOT", 0, "ten", "B-CARDINAL"),
            ("dead", "JJ", "ADJ", "amod", 0, "dead"),
            ("in", "IN", "ADP", "prep", 0, "in"),
            ("mine", "NN", "NOUN", "compound", 4, "mine"),
            ("blast", "NN", "NOUN", "pobj", 2, "blast"),
        ],
        [
            ("Rescuers", "NNS", "NOUN", "nsubj", 1, "rescuer"),
            ("search", "VBP", "VERB", "ROOT", 1, "search"),
            ("the", "DT", "DET", "det", 3, "the"),
            ("pit", "NN", "NOUN", "dobj", 1, "pit"),
        ],
        [("Monday", "NNP", "PROPN", "ROOT", 0, "Monday", "B-DATE")],
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("blast", "NN", "NOUN", "nsubj", 2, "blast"),
            ("killed", "VBD", "VERB", "ROOT", 2, "kill"),
            ("ten", "CD", "NUM", "nummod", 4, "ten", "B-CARDINAL"),
            ("miners", "NNS", "NOUN", "dobj", 2, "miner"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
    )


def test_a_title_lines_count_with_its_adjective_is_the_group_the_body_counts():
    """ "Ten dead in mine blast": a count the tagger reads as a proper noun, with the adjective
    after it that says what befell the ones counted, is a bare count; the title lines between
    it and the body's first sentence count for no distance."""
    links = _links_with_titles(_title_count_report(), frozenset({0, 1, 2}))
    assert links["Ten"] == ("ten miners", "bare count")


def test_a_count_three_sentences_into_the_body_is_too_far():
    """Read as body sentences, the same lines leave the count three sentences away: unlinked."""
    links = links_of(_title_count_report())
    assert "Ten" not in links


def test_a_title_lines_reduced_passive_keeps_its_phrase_and_a_partitive_is_no_bare_count():
    """ "Three Killed In Bank Fire": the phrase the parser hangs on the count is the
    participle's; "Three of the miners" picks from a set and is no bare count."""
    doc = parsed(
        [
            ("Three", "CD", "NUM", "ROOT", 0, "three", "B-CARDINAL"),
            ("Killed", "VBN", "VERB", "acl", 0, "kill"),
            ("In", "IN", "ADP", "prep", 0, "in"),
            ("Bank", "NNP", "PROPN", "compound", 4, "Bank"),
            ("Fire", "NNP", "PROPN", "pobj", 2, "Fire"),
        ],
        [
            ("Three", "CD", "NUM", "nummod", 2, "three", "B-CARDINAL"),
            ("bank", "NN", "NOUN", "compound", 2, "bank"),
            ("workers", "NNS", "NOUN", "nsubj", 3, "worker"),
            ("died", "VBD", "VERB", "ROOT", 3, "die"),
            (".", ".", "PUNCT", "punct", 3, "."),
        ],
        [
            ("Three", "CD", "NUM", "nsubj", 4, "three", "B-CARDINAL"),
            ("of", "IN", "ADP", "prep", 0, "of"),
            ("the", "DT", "DET", "det", 3, "the"),
            ("miners", "NNS", "NOUN", "pobj", 1, "miner"),
            ("fled", "VBD", "VERB", "ROOT", 4, "flee"),
            (".", ".", "PUNCT", "punct", 4, "."),
        ],
    )
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc), frozenset({0}))
    linked = {(mentions[k.mention].start, k.sieve) for k in links}
    assert (0, "bare count") in linked  # the title line's "Three"
    assert all(start == 0 for start, sieve in linked if sieve == "bare count")
    assert not any(m.text == "Three" and m.start > 40 for m in mentions)  # the partitive's


def test_a_title_lines_verb_read_as_a_name_counts_its_object_but_a_teams_score_is_no_count():
    """ "Quake Kills 10": a verb in "-s" the tagger reads as a proper noun, the count after it
    its object; "Drake Bulldogs 53" is a team and its score."""
    doc = parsed(
        [
            ("Quake", "NNP", "PROPN", "nsubj", 1, "Quake"),
            ("Kills", "NNPS", "PROPN", "ROOT", 1, "Kills"),
            ("10", "CD", "NUM", "nummod", 1, "10", "B-CARDINAL"),
        ],
        [
            ("The", "DT", "DET", "det", 1, "the"),
            ("quake", "NN", "NOUN", "nsubj", 2, "quake"),
            ("killed", "VBD", "VERB", "ROOT", 2, "kill"),
            ("10", "CD", "NUM", "nummod", 4, "10", "B-CARDINAL"),
            ("people", "NNS", "NOUN", "dobj", 2, "people"),
            (".", ".", "PUNCT", "punct", 2, "."),
        ],
        [
            ("Drake", "NNP", "PROPN", "compound", 1, "Drake", "B-ORG"),
            ("Bulldogs", "NNPS", "PROPN", "ROOT", 1, "Bulldogs", "I-ORG"),
            ("53", "CD", "NUM", "nummod", 1, "53", "B-CARDINAL"),
        ],
    )
    links = _links_with_titles(doc, frozenset({0, 2}))
    assert links["10"] == ("10 people", "bare count")
    assert "53" not in mention_texts(doc)


def _killed(count: str, noun: str, verb: str, lemma: str, tail: str) -> list[tuple]:
    """ "<count> <noun> were <verb> <tail> ." """
    return [
        (count, "CD", "NUM", "nummod", 1, count.lower(), "B-CARDINAL"),
        (noun, "NNS", "NOUN", "nsubjpass", 3, noun.rstrip("s")),
        ("were", "VBD", "AUX", "auxpass", 3, "be"),
        (verb, "VBN", "VERB", "ROOT", 3, lemma),
        (tail, "RB", "ADV", "advmod", 3, tail),
        (".", ".", "PUNCT", "punct", 3, "."),
    ]


def test_a_count_of_people_repeated_with_its_deed_is_that_group_again():
    """A lead line's "Ten people were killed" and the body's "Ten people were killed": the same
    number of the same noun undergoing the same deed. Not those who undergo another deed."""
    doc = parsed(
        _killed("Ten", "people", "killed", "kill", "overnight"),
        _killed("Ten", "people", "arrested", "arrest", "later"),
        _killed("Ten", "people", "killed", "kill", "there"),
    )
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc))
    linked = {
        (mentions[k.mention].sentence, mentions[k.antecedent].sentence, k.sieve) for k in links
    }
    assert (2, 0, "repeated count") in linked
    assert not any(sieve == "repeated count" and 1 in (a, b) for a, b, sieve in linked)


def test_a_count_of_things_repeated_is_not_joined():
    """A player's "16 points" in one game and another's in the next are two sets of points."""
    doc = parsed(
        _killed("16", "points", "scored", "score", "first"),
        _killed("16", "points", "scored", "score", "later"),
    )
    with extraction_cache(doc, doc.text):
        _, links = coreference(doc, document_sentences(doc))
    assert not any(k.sieve == "repeated count" for k in links)


def test_a_capitalised_title_set_beside_a_persons_name_is_a_description():
    """ "Heavyweight Champion, Wladimir Klitschko, ...": capitalised common words naming a
    person's title, set beside a person's name, describe that person; read as a name, the same
    title before another boxer's name put both boxers on one node."""
    doc = parsed(
        [
            ("Heavyweight", "NNP", "PROPN", "compound", 1, "Heavyweight", "B-ORG"),
            ("Champion", "NNP", "PROPN", "nsubj", 6, "Champion", "I-ORG"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("Anton", "NNP", "PROPN", "compound", 4, "Anton", "B-PERSON"),
            ("Brenner", "NNP", "PROPN", "appos", 1, "Brenner", "I-PERSON"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("won", "VBD", "VERB", "ROOT", 6, "win"),
            (".", ".", "PUNCT", "punct", 6, "."),
        ],
        [
            ("Former", "JJ", "ADJ", "amod", 2, "former"),
            ("Heavyweight", "NNP", "PROPN", "compound", 2, "Heavyweight", "B-ORG"),
            ("Champion", "NNP", "PROPN", "nsubj", 7, "Champion", "I-ORG"),
            (",", ",", "PUNCT", "punct", 2, ","),
            ("Riddick", "NNP", "PROPN", "compound", 5, "Riddick", "B-PERSON"),
            ("Bowe", "NNP", "PROPN", "appos", 2, "Bowe", "I-PERSON"),
            (",", ",", "PUNCT", "punct", 2, ","),
            ("lost", "VBD", "VERB", "ROOT", 7, "lose"),
            (".", ".", "PUNCT", "punct", 7, "."),
        ],
    )
    with extraction_cache(doc, doc.text):
        mentions, links = coreference(doc, document_sentences(doc))
    kinds = {m.text: m.kind for m in mentions}
    assert kinds["Heavyweight Champion"] == "concept"  # a description, not a name
    parent = list(range(len(mentions)))

    def root(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    for link in links:
        parent[root(link.mention)] = root(link.antecedent)
    by_text = {m.text: i for i, m in enumerate(mentions)}
    assert root(by_text["Anton Brenner"]) != root(by_text["Riddick Bowe"])
    assert root(by_text["Anton Brenner"]) == root(by_text["Heavyweight Champion"])


def test_a_products_version_beside_its_name_leaves_the_name_a_name():
    """ "Internet Explorer 8, IE8": what stands beside the capitalised words is a version's
    code, not a person's name, so the words stay a name."""
    doc = parsed(
        [
            ("Internet", "NNP", "PROPN", "compound", 1, "Internet", "B-ORG"),
            ("Explorer", "NNP", "PROPN", "nsubj", 5, "Explorer", "I-ORG"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("IE8", "NNP", "PROPN", "appos", 1, "IE8", "B-PRODUCT"),
            (",", ",", "PUNCT", "punct", 1, ","),
            ("crashed", "VBD", "VERB", "ROOT", 5, "crash"),
            (".", ".", "PUNCT", "punct", 5, "."),
        ]
    )
    with extraction_cache(doc, doc.text):
        mentions, _ = coreference(doc, document_sentences(doc))
    assert {m.text: m.kind for m in mentions}["Internet Explorer"] == "entity"


def test_a_capitalised_settlement_before_of_and_a_name_is_the_place_so_named():
    """ "The tourist Island of Qeshm": a settlement's noun the recogniser took for a name is the
    noun of an appositive "of", the island named Qeshm (the of-apposition sieve)."""
    doc = parsed(
        [
            ("The", "DT", "DET", "det", 2, "the"),
            ("tourist", "NN", "NOUN", "compound", 2, "tourist"),
            ("Island", "NNP", "PROPN", "nsubjpass", 7, "Island", "B-GPE"),
            ("of", "IN", "ADP", "prep", 2, "of"),
            ("Qeshm", "NNP", "PROPN", "pobj", 3, "Qeshm", "B-GPE"),
            ("was", "VBD", "AUX", "auxpass", 7, "be"),
            ("badly", "RB", "ADV", "advmod", 7, "badly"),
            ("hit", "VBN", "VERB", "ROOT", 7, "hit"),
            (".", ".", "PUNCT", "punct", 7, "."),
        ]
    )
    links = links_of(doc)
    assert links["tourist Island of Qeshm"] == ("Qeshm", "of-apposition")
    assert "Island" not in {m for m in mention_texts(doc) if m == "Island"}
