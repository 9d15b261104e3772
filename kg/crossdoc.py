"""Entities of different documents that are one thing: the cross-document links of the resolve
stage (``kg.resolve.CorpusIndex`` makes one Entity per canonical name, then asks
``link_across_documents`` which names join which).

A name joins another document's only on evidence: the same name in other letter case, an
acronym and its expansion, or a short name that is part of a longer one, with the types in
agreement and, for the last two, context the documents share (``document_context``). Every
link is recorded in the target's merge reasons.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from networkx.utils import UnionFind
from spacy.lang.en.lex_attrs import _num_words as _NUMBER_WORDS

from kg.coref import lexicon
from kg.coref.mentions import PRONOUNS
from kg.coref.names import (
    KIND_CORE,
    NUMERAL_NICKNAME,
    SHIP_PREFIXES,
    AliasRules,
    initials,
    kind_core,
    team_may_be_called,
    types_compatible,
)
from kg.kinds import MergeReason
from kg.types import Entity

if TYPE_CHECKING:
    from kg.resolve import _DocumentClusters

__all__ = ["CONTEXT_LIMIT", "SURNAME_CONTEXT", "document_context", "link_across_documents"]


# Types whose multi-word names are matched as variants of each other across documents.
_VARIANT_TYPES = frozenset({"Person", "Organization", "Group"})


# The letters of a short form the nickname table may lack ("Mo" for Maurice).
_SHORT_FORM = 2


def _short_form(word: str, other: str) -> bool:
    """Whether ``word`` can be a short form of the given name ``other`` that the nickname table
    does not list ("Mo" for "Maurice"): two letters, no given name of its own, opening with
    the other's initial, read as that initial is ("M. Cheeks"); the other a longer name."""
    return (
        len(word) == _SHORT_FORM
        and word.isalpha()
        and word[0].isupper()
        and word[1].islower()
        and len(other) > _SHORT_FORM
        and other[:1] == word[:1]
        and not lexicon.given_name(word)
    )


def _variant(short: list[str], long: list[str], entity_type: str) -> bool:
    """Whether the name ``short`` can be a way of writing ``long`` (same last word): a person's
    every other name matches one of the other's, in full, as a short form ("Fred",
    "Frederick"), as a nickname ("Katie", "Kathryn") or as an initial ("W."), whatever the
    capitals inside it ("Luann" and "LuAnn", "Latonya" and "LaTonya"); an organisation's name
    ends the other's."""
    if short[-1] != long[-1] or short == long:
        return False
    if entity_type != "Person":
        return long[-len(short) :] == short
    rest = long[:-1]
    for word in short[:-1]:
        bare = word.rstrip(".")
        if word[:1].isupper() and lexicon.role_word(word):
            continue  # "Deputy Ortiz" for "Jerry Ortiz": an office written before a surname
        folded = bare.casefold()
        if not any(
            other.rstrip(".").casefold() == folded
            or (
                len(bare) >= 3
                and (
                    other.casefold().startswith(folded)
                    or folded.startswith(other.rstrip(".").casefold())
                )
            )
            or (len(bare) == 1 and other[:1] == bare)
            or lexicon.nickname_of(bare, other)
            or _short_form(bare, other)
            for other in rest
        ):
            return False
    return True


# British spellings of the kind words names end in ("Promises Treatment Centre", "the Globe
# Theatre"): "-re" for American "-er" after "t" or "b" ("centre", "theatre", "fibre").
_BRITISH_RE = re.compile(r"(?<=[tb])re\b")
# Marks that do not change a name: quotes, dots, hyphens and slashes between its words.
_NAME_MARKS = re.compile(r"[\"'`‘’“”.]")
_NAME_JOINERS = re.compile(r"[-‐-―/]")
# Words that open place names, as they are abbreviated there ("Mt. Everest", "Ft. Worth"):
# hand-written, since WordNet knows "Mt" only as Montana, meitnerium and a metric ton, and
# "Ft" as a foot. "St" is left out: Saint or Street.
_PLACE_ABBREVIATIONS = {"mt": "mount", "mtn": "mountain", "ft": "fort"}


# The kind words that open a mountain's name ("Mount Cook", "Mt. Everest"), after which a
# name of the place in another language may stand before the whole ("Aoraki Mount Cook",
# "Aoraki/Mt Cook": the Maori name first). Mountains only: "South Lake Tahoe" is a town by
# the lake, "Port Arthur" no Arthur.
_MOUNTAIN_WORDS = frozenset({"mount", "mountain"})


def _second_name_before(words: list[str]) -> int:
    """Where a mountain's name begins after another name of it written before it ("Aoraki
    Mount Cook": 1), in a name's spelling key's words; 0 when it is no such name. The words
    before must be no English word (not "Upper", "South") and no person's given name."""
    for i, word in enumerate(words[1:-1], start=1):
        if word in _MOUNTAIN_WORDS:
            before = words[:i]
            if all(
                w.isalpha() and not lexicon.has_noun_class(w) and not lexicon.common_word(w)
                for w in before
            ) and not lexicon.given_name(before[0].title()):
                return i
            return 0
    return 0


def _named_place(key: str, entity: Entity) -> bool:
    """Whether a name is a place's: typed a place, or ending in a word for a kind of place
    ("Mt Cook National Park", which the recogniser often types a body)."""
    return entity.type == "Place" or (
        entity.type in _KIND_TYPES and lexicon.kind_of_place(key.split()[-1])
    )


# The kind words of a sea's or an island's name that the name is written without ("the
# Caspian", "the Pacific"; "Qeshm Island" and "Qeshm", as WordNet itself names "Crete" and
# "Sicily"), hand-written: WordNet classes "sea" and "island" a place as it does "hospital",
# whose name without it is a town ("Springfield Hospital"), and a river's or a lake's is
# often a state's ("Mississippi River", "Lake Michigan").
_KINDS_NAMES_GO_WITHOUT = frozenset({"sea", "ocean", "island"})

# Types of the names a kind word ends: a place, a body ("Betty Ford Clinic" is either to the
# recogniser), or a name it typed otherwise or not at all ("Morningside Recovery" a work).
_KIND_TYPES = frozenset({"Place", "Organization", "Group", "Thing", "Work", ""})


def _kind_variants(entities: dict[str, Entity], links: dict[str, str]) -> list[list[str]]:
    """Names of one place written with and without the words for its kind, or with other such
    words (see ``_kind_variant``), grouped by their core; a core that names a place itself
    is left out ("Los Angeles Times", "Los Angeles Superior Court": two things of one city)."""
    places = {spelling_key(k) for k, e in entities.items() if e.type == "Place"}
    groups: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = key.split()
        if key in links or len(words) < KIND_CORE or entity.type not in _KIND_TYPES:
            continue
        core = kind_core(words)
        if len(core) >= KIND_CORE:
            groups[spelling_key(" ".join(core))].append(key)
    return [
        keys
        for core, keys in groups.items()
        if core not in places and any(len(kind_core(k.split())) < len(k.split()) for k in keys)
    ]


def _kind_variant(name: str, other: str) -> bool:
    """Whether two names of one core are one place: one is the other's core, with no kind
    word ("Morningside Recovery", "Morningside Recovery Center"; "Staunton Police", "Staunton
    Police Department"); or both have kind words and the core is a person's name, which a
    place named after someone keeps whatever it is called ("Betty Ford Center", "Betty Ford
    Clinic"; but "Matanuska Maid Creamery" and "Matanuska Maid Block Building", a company and
    the building it left, are two)."""
    a, b = name.split(), other.split()
    core = kind_core(a)
    if core == tuple(a) or kind_core(b) == tuple(b):
        return True
    return lexicon.first_name(core[0])


# The letters of an office or a body abbreviated before a person's name ("GM", "CEO", "MEP").
_TITLE_ACRONYM = range(2, 5)


def _epithet(word: str) -> bool:
    """Whether a word written before a person's name says what the person is, not who: a
    nationality ("Peruvian"), a role ("Goalkeeper") or an office or a body in capitals ("GM
    Ana Quispe", "MEP Ana Quispe"), and no given name."""
    return (
        lexicon.demonym_place(word) is not None
        or lexicon.role_word(word)
        or (word.isupper() and word.isalpha() and len(word) in _TITLE_ACRONYM)
    )


# Types of names that open with a "The" the acronym keeps: a newspaper or a magazine, a band,
# a book or a show ("The Hollywood Reporter", THR).
_TITLED_TYPES = frozenset({"Organization", "Work"})


def _article_initial(acronym: str) -> bool:
    """Whether an acronym may open with the "T" of a leading "The": three letters or more, so
    that two are left for the name's own words."""
    return len(acronym) >= 3 and acronym[0] == "T"


# The last word of the words a ship's prefix abbreviates ("Indian Naval Ship", "Motor Vessel").
_SHIP_WORDS = frozenset({"ship", "vessel"})


def _ship_name(words: list[str]) -> list[str]:
    """A ship's name from its prefix on: without the words before the prefix ("Warship INS
    Vikrant", "frigate HMS Argyll") and with the prefix abbreviated ("Indian Naval Ship
    Vikrant", "Her Majesty's Ship Argyll": "INS Vikrant", "HMS Argyll"); other names as
    they are."""
    for i, word in enumerate(words[:-1]):
        if word in SHIP_PREFIXES:
            return words[i:]
        if i and word.lower() in _SHIP_WORDS:
            prefix = "".join(w[0] for w in words[: i + 1])
            if prefix.isupper() and prefix in SHIP_PREFIXES:
                return [prefix, *words[i + 1 :]]
    return words


def _personal(word: str) -> bool:
    """Whether a name's first word may be a given name: a known one, or no common noun
    ("Hasim", but not "County")."""
    return lexicon.given_name(word) or not lexicon.has_noun_class(word.lower())


def spelling_key(name: str) -> str:
    """The form two ways of writing one name share: accents, quotes, dots and letter case
    dropped, hyphens read as spaces, British "-re" as "-er", initials joined and a leading
    "the" left out ("SAP-Arena" and "SAP Arena", "'The Hunger Games" and "Hunger Games",
    "Promises Treatment Centre" and "... Center", "U. S. Surgeon General" and "US ...")."""
    text = unicodedata.normalize("NFKD", " ".join(_ship_name(name.split())))
    text = "".join(ch for ch in text if not unicodedata.combining(ch)).casefold()
    text = _NAME_JOINERS.sub(" ", _NAME_MARKS.sub("", text))
    words = _BRITISH_RE.sub("er", text).split()
    if len(words) > 1 and words[0] == "the":
        words = words[1:]
    # A place's name written with its kind word abbreviated before the rest: "Mt Cook",
    # "Mount Cook" (not last: "Helena, MT" is Montana).
    words = [
        _PLACE_ABBREVIATIONS.get(w, w) if i < len(words) - 1 else w for i, w in enumerate(words)
    ]
    # Initials written apart or together are one: "U. S. Surgeon General", "US Surgeon General".
    joined: list[str] = []
    initial = False  # whether the last word kept is a run of single letters
    for word in words:
        single = len(word) == 1 and word.isalpha()
        if single and initial:
            joined[-1] += word
        else:
            joined.append(word)
        initial = single
    return " ".join(joined)


def _one_letter_apart(a: str, b: str) -> bool:
    """Whether two different words differ by one letter changed, added or dropped."""
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) == 1
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


# A misspelt name is one word of a longer name with one letter wrong ("Gulf of Eden"): the word
# must be long enough that one letter does not make another word of it, and the name must not
# be a person's ("Jon Smith" and "Joan Smith" are two people; people have a stricter rule of
# their own, ``_join_misspelt_people``).
_MISSPELT_WORD = 4
_MISSPELT_TYPES = frozenset({"Organization", "Group", "Place", "Thing", "Work", "Event"})

# Shared names and things a one-word name typed other than a person needs to join a person of
# another document ("Lohan" tagged GPE): more than a name of the right type needs.
SURNAME_CONTEXT = 3


def _surname_read_as_nationality(
    name: str, entity: Entity, longer: Iterable[str], entities: dict[str, Entity]
) -> bool:
    """Whether a one-word name typed a group of people (NORP) is rather a surname: no
    nationality or people of that name is known, and a person of another document ends with
    it ("Klitschko", whom the small model takes for a nationality, and Wladimir Klitschko)."""
    return (
        entity.type == "Group"
        and lexicon.demonym_place(name.lower()) is None
        and any(entities[k].type == "Person" and k.split()[-1] == name for k in longer)
    )


def _is_surname_of(name: str, name_type: str, person: str) -> bool:
    """Whether ``name``, a one-word name of type ``name_type`` other than a person's, is the
    surname of the personal name ``person``: its last word, after a known given name. The
    recogniser also types as people names that are none, which a place must not join by a
    shared word: "Alaska" is no part of the newspaper "Alaska Dispatch", "Palmer" of the fire
    service "Palmer Fire", "Athens" of "Across Athens" (a sentence's first words), nor
    "Brooklyn" of "Brooklyn Councilman" (an office, not a surname)."""
    words = person.split()
    return (
        words[-1] == name
        # A nationality that is no known one is a surname already: the given name before it
        # may be one the US records do not list ("Wladimir"). A name given to either sex is
        # as often a place's ("Palmer", "Dallas"), so only one of one sex vouches.
        and (name_type == "Group" or lexicon.first_name_gender(words[0]) is not None)
        and not lexicon.may_be_person(name.lower())
    )


def _after_given_name(surname: str, person: str) -> bool:
    """Whether the personal name ``person`` is ``surname`` after a known given name."""
    words = person.split()
    return words[-1] == surname and lexicon.given_name(words[0])


# Names a context keeps, at most: enough to tell one Lohan from another, bounded in memory.
CONTEXT_LIMIT = 400


def document_context(clusters: _DocumentClusters) -> set[str]:
    """What a document is about, as far as telling namesakes apart goes: its names and the head
    words of its descriptions."""
    context = {c.name.lower() for c in clusters.clusters()}
    context.update(
        m.key.rsplit(" ", 1)[-1] for m in clusters.mentions if m.kind == "concept" and m.key
    )
    return context


def _plural_of(word: str, other: str) -> bool:
    """Whether one of two words is the other with a plural "s" ("possible Deep Throats")."""
    return word == other + "s" or other == word + "s"


# Types of a name that may be a place or a body by its one distinctive word: the recogniser
# types a bare "Promises" or "Marfin" as a thing or a person. Not an organisation: a company
# and the place named after it ("Kodak", "Kodak Theatre") are two; nor a place: a town and
# its bodies ("Palmer", "Palmer Fire Department") are two.
_DISTINCTIVE_TYPES = frozenset({"Person", "Thing", "Work", ""})
# Shared names and things a distinctive word needs to join the longer name: as a description
# needs (kg.resolve.DESCRIPTION_CONTEXT), since the word is read off the name's shape alone.
DISTINCTIVE_CONTEXT = 2


# The prepositions after the first word of a body's name that the body is called by alone
# ("Academy of ...", "Center for ...", "Committee on ...").
_NAME_PREPOSITIONS = frozenset({"of", "for", "on"})


def _plural_name(word: str) -> bool:
    """Whether a one-word name is written as a plural, as a team's nickname is: capitalised,
    ending in an "s" after a letter other than "s" or "u" ("Jaguars", "Nationals"; not
    "Ross", "Venus")."""
    return len(word) > 3 and word[0].isupper() and word.endswith("s") and word[-2] not in "su'"


def _kind_noun(word: str) -> bool:
    """Whether a capitalised word of a name is a noun saying what kind of place or body it
    is ("Investment", "Memorial", "Treatment"), not a person's ("Maid", "General")."""
    lemma = word.lower()
    return (
        word[:1].isupper()
        and lexicon.has_noun_class(lemma)
        and lexicon.noun_class(lemma) != "person"
    )


def _distinctive_words(
    entities: dict[str, Entity], links: dict[str, str], places: set[str]
) -> dict[str, list[str]]:
    """The one word telling each place or body apart, as a short name may call it: the word
    left of a name written (under any of its names) as a place's name, that word, and nouns
    saying what kind of place or body it is, the last of them a kind word ("Malibu Promises
    Treatment Center": "Promises"; "Marfin Investment Bank": "Marfin"; "Morningside Recovery
    Center": "Morningside"). ``places`` are the keys of the places. -> word: the keys so
    called."""
    found: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        if key in links or entity.type not in _KIND_TYPES:
            continue
        words_of = set()
        for name in (key, *entity.aliases):
            words = name.split()
            if len(words) < 2 or not lexicon.kind_of_place(words[-1]):
                continue
            for i, word in enumerate(words[:-1]):
                if i and " ".join(words[:i]) not in places:
                    break
                kind = words[i + 1 :]
                if (
                    word[:1].isupper()
                    and word.isalpha()
                    and all(w[:1].isupper() and lexicon.has_noun_class(w.lower()) for w in kind)
                ):
                    words_of.add(word)
                    break
        for word in words_of:
            found[word].append(key)
    return found


# The fewest letters a pet form keeps of the name it is made from ("Ind" of "Indy").
_CLIPPED_STEM = 3


def _clipping_shape(word: str) -> bool:
    """Whether a one-word name is shaped as a clipped name: a capital, then small letters only
    (not an acronym), ending in a plural "s" ("Jags"), or in the "-y" or "-ie" of a pet form
    and no English word ("Indy"; not "Grey", "Rocky")."""
    return (
        len(word) > _CLIPPED_STEM
        and word.isalpha()
        and word[0].isupper()
        and word[1:].islower()
        and (word.endswith("s") or (word.endswith(("y", "ie")) and not lexicon.common_word(word)))
    )


def _plural_clipped(short: str, nickname: str) -> bool:
    """Whether ``short`` is the plural ``nickname`` clipped, its "s" kept ("Jags", "Jaguars"):
    at least three letters kept and two cut off."""
    stem, full = short.removesuffix("s"), nickname.removesuffix("s")
    return (
        short.endswith("s")
        and len(stem) >= _CLIPPED_STEM
        and len(full) >= len(stem) + 2
        and full.startswith(stem)
    )


def _pet_form_of(short: str, full: str) -> bool:
    """Whether ``short`` is ``full`` clipped after its first letters with a pet "-y" or "-ie"
    after them, the last consonant doubled at times ("Indy", "Indianapolis"; "Philly",
    "Philadelphia"). At least three letters are kept, and at least two cut off."""
    if not short.endswith(("y", "ie")):
        return False
    stem = short.removesuffix("ie") if short.endswith("ie") else short.removesuffix("y")
    if len(stem) > _CLIPPED_STEM and stem[-1] == stem[-2] and stem[-1] not in "aeiou":
        stem = stem[:-1]  # "Philly": "Phil"
    return len(stem) >= _CLIPPED_STEM and len(full) >= len(stem) + 2 and full.startswith(stem)


def _numeral_said(nickname: str) -> str | None:
    """A numeral nickname as it is said, by the last word of its number and the "-ers" of a
    plural of people ("Sixers" of "76ers", seventy-sixers; "Niners" of "49ers"), or None for
    any other nickname or a number whose last word is no digit's ("10ers", "13ers")."""
    if not NUMERAL_NICKNAME.fullmatch(nickname):
        return None
    digits = nickname[:-3]
    if digits[-1] == "0" or digits[-2:-1] == "1":
        return None
    return _NUMBER_WORDS[int(digits[-1])].capitalize().removesuffix("e") + "ers"


def _final(links: dict[str, str], key: str) -> str:
    """The name ``key`` ends up joined to, following ``links`` from name to name."""
    while key in links:
        key = links[key]
    return key


# A nickname written inside a person's name: a given name, the nickname between quotation
# marks or brackets, the surname ("Vincent 'The Chin' Gigante", "Charles (Lucky) Luciano").
_NICKNAME_INSIDE = re.compile(
    r"\S+(?: \S+)*? [\"'“‘`(]+(?P<nickname>[^\"'“”‘’`()]+)[\"'”’`)]+ (?P<surname>\S+)"
)
# What the recogniser types a nickname standing alone: a person, or a title or a thing
# ("Chin" Gigante read as a work).
_NICKNAMED_TYPES = frozenset({"Person", "Thing", "Work", ""})


def _nickname_forms(name: str) -> list[str]:
    """The names a person's name written around a quoted nickname gives the person: the
    nickname without its article ("Chin" of "Vincent 'The Chin' Gigante") and the nickname
    before the surname ("Lucky Luciano" of "Charles (Lucky) Luciano"); [] for other names."""
    match = _NICKNAME_INSIDE.fullmatch(name)
    if match is None:
        return []
    words = match["nickname"].split()
    if words and words[0].lower() == "the":
        words = words[1:]
    if not words or not words[0][:1].isupper():
        return []
    nickname = " ".join(words)
    return [nickname, f"{nickname} {match['surname']}"]


# The letters of each part of a blended nickname at least: "LiLo" (Lindsay Lohan), "KStew"
# is left out (one letter of the given name says too little).
_BLEND_PART = 2
_BLEND_SHAPE = re.compile(r"(?P<given>[A-Z][a-z]+)(?P<surname>[A-Z][a-z]+)")


def _blended_from(nickname: str, person: str) -> bool:
    """Whether the one-word ``nickname`` runs together the openings of the given name and the
    surname of the two-word personal name ``person``, each part capitalised, as the press
    blends famous names ("LiLo" for Lindsay Lohan, "JoePa" for Joe Paterno): two letters of
    each at least, and not the whole name run together."""
    match = _BLEND_SHAPE.fullmatch(nickname)
    words = person.split()
    if match is None or len(words) != 2 or not all(w.isalpha() for w in words):
        return False
    given, surname = match["given"], match["surname"]
    return (
        len(given) >= _BLEND_PART
        and len(surname) >= _BLEND_PART
        and words[0].startswith(given)
        and words[1].startswith(surname)
        and (given, surname) != (words[0], words[1])
    )


# The letters two forms of one given name share first at least ("Alexis", "Alexandros";
# "Kate", "Katherine" is the nickname table's).
_GIVEN_NAME_STEM = 4


def _given_name_forms(a: str, b: str) -> bool:
    """Whether two different given names may be forms of one (a transliteration, a short form
    the nickname table lacks: "Alexis" and "Alexandros"): they open with the same four letters
    at least, and the records give them no two sexes ("Christopher", "Christina")."""
    genders = {lexicon.first_name_gender(a), lexicon.first_name_gender(b)}
    return (
        a != b
        and a.isalpha()
        and b.isalpha()
        and a[:_GIVEN_NAME_STEM] == b[:_GIVEN_NAME_STEM]
        and len(a) >= _GIVEN_NAME_STEM
        and len(b) >= _GIVEN_NAME_STEM
        and not {"male", "female"} <= genders
    )


def _join_name_forms(
    entities: dict[str, Entity],
    links: dict[str, str],
    documents: Counter[str],
    rules: AliasRules,
    join_best: Callable[[str, list[str], int, MergeReason], None],
) -> None:
    """A person by a blended nickname (``_blended_from``) or by another form of the given
    name before the same surname (``_given_name_forms``): the one person of the corpus it can
    be, on as much shared context as a surname typed a place needs. Brothers and sisters share
    a surname and may have given names alike, so the surname must be no other person's of the
    corpus (the homonym guard: "Alexis Grigoropoulos" stays apart when a third Grigoropoulos
    is named), and the rarer form joins the commoner."""
    people = [
        key
        for key, entity in entities.items()
        if entity.type == "Person" and key not in links and len(key.split()) == 2
    ]
    by_surname: dict[str, list[str]] = defaultdict(list)
    for key in people:
        by_surname[key.split()[1]].append(key)
    for keys in by_surname.values():
        if len(keys) != 2:
            continue
        rare, common = sorted(keys, key=lambda k: (documents[k], k))
        if _given_name_forms(rare.split()[0], common.split()[0]) and not rules.forbids(
            rare, common
        ):
            join_best(rare, [common], SURNAME_CONTEXT, MergeReason.GIVEN_NAME_FORM_ACROSS_DOCUMENTS)
    for name, entity in list(entities.items()):
        if (
            name in links
            or entity.type != "Person"
            or _BLEND_SHAPE.fullmatch(name) is None
            or lexicon.given_name(name)  # "DeShawn", "LeBron": a name of its own
        ):
            continue
        blended = [
            key
            for key in people
            if key not in links and _blended_from(name, key) and not rules.forbids(name, key)
        ]
        # the homonym guard: of two people the blend could be, neither
        if len(blended) == 1:
            join_best(name, blended, SURNAME_CONTEXT, MergeReason.BLENDED_NAME_ACROSS_DOCUMENTS)


def _join_misspelt_people(
    entities: dict[str, Entity],
    links: dict[str, str],
    documents: Counter[str],
    rules: AliasRules,
    shared: Callable[[str, str], int],
    join: Callable[[str, str, str], None],
) -> None:
    """A person's name with one letter wrong in one word joins the commoner spelling of the
    same name that other documents share context with: "Jerymayne Timmons" for "Jermayne
    Timmons", "Duncan Raite" for "Duncan Rait" (and so "Duncan Robert Rait", which that one
    joined). Two people may share a family name and two given names may be one letter apart
    ("Joan Smith", "Jean Smith"), so a given name one letter apart must be none the records
    know, the other words must be the same, and the documents must share as much context as a
    surname typed a place needs to join a person; of several such spellings, none is chosen."""

    by_masked: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = key.split()
        if entity.type != "Person" or len(words) < 2:
            continue
        for i, word in enumerate(words):
            if len(word) >= _MISSPELT_WORD and word.isalpha():
                by_masked[tuple(words[:i]) + ("",) + tuple(words[i + 1 :])].append(key)
    candidates: dict[str, dict[str, int]] = defaultdict(dict)
    for masked, keys in by_masked.items():
        position = masked.index("")
        for name in keys:
            word = name.split()[position]
            if name in links or (position < len(masked) - 1 and lexicon.given_name(word)):
                continue
            for other in keys:
                target = _final(links, other)
                if (
                    target == name
                    or (documents[other], other) <= (documents[name], name)
                    or entities[target].type != "Person"
                    or not _one_letter_apart(word, other.split()[position])
                    or _plural_of(word, other.split()[position])
                    or rules.forbids(name, other)
                ):
                    continue
                common = shared(name, other)
                candidates[name][target] = max(common, candidates[name].get(target, 0))
    for name in sorted(candidates, key=lambda k: (documents[k], k)):
        scored = sorted(((c, t) for t, c in candidates[name].items()), reverse=True)
        if name in links or scored[0][0] < SURNAME_CONTEXT:
            continue
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            continue
        common, target = scored[0]
        join(
            name,
            target,
            MergeReason.MISSPELT_ACROSS_DOCUMENTS.say(name=name, other=target, common=common),
        )


def link_across_documents(
    entities: dict[str, Entity],
    rules: AliasRules,
    context: dict[str, set[str]],
    documents: Counter[str],
) -> dict[str, str]:
    """Names of different documents that are one thing: name -> the key it joins.

    - the same name written in other letter case ("SEACOM", "Seacom") or with other
      punctuation or spelling ("SAP-Arena", "Harbour Centre"): the commonest form, whatever
      types the recogniser gave them (the same string is one entity already, and capitals in a
      headline mislead it: "MILLOM" an organisation, "Millom" a town);
    - a name with one letter wrong in one word of a longer name ("Gulf of Eden"), seen with the
      same context: the commoner spelling;
    - an acronym and its expansion ("AMD", "Advanced Micro Devices"), before a longer name
      the acronym ends ("IE" is Internet Explorer, not "Critical IE");
    - a short name and a longer one it is part of: a surname ("Lohan", "Lindsay Lohan") or an
      organisation's last word ("Colts", "Indianapolis Colts").

    An acronym or a short name joins a longer name only when the types agree and the documents
    share context (another name or a described thing in common); among several candidates it
    joins the one it shares the most context with, and only when no other shares as much (the
    homonym guard: a bare "Lopez" seen with two Lopezes in like company stays itself); of
    several people, only those written with a given name before the surname count when any is
    ("Having Jackman", a clause's first words tagged a person, is no namesake). Every
    link is recorded in the target's merge reasons.
    """
    links: dict[str, str] = {}

    def join(name: str, target: str, reason: str) -> None:
        entity, into = entities[name], entities[target]
        links[name] = target
        entities[target] = replace(
            into,
            aliases=tuple(sorted(set(into.aliases) | {name} | set(entity.aliases))),
            merge_reasons=into.merge_reasons + (reason,),
        )

    # Letter case, punctuation and spelling: "SEACOM" and "Seacom", "SAP-Arena" and "SAP
    # Arena", "Centre" and "Center" (spelling_key folds the case too): one pass, each name
    # joining the form most documents use.
    by_spelling: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        if entity.type not in ("Concept", "Date"):
            by_spelling[spelling_key(key)].append(key)
    for spelt, keys in by_spelling.items():
        if len(keys) < 2 or not spelt:
            continue
        target = max(keys, key=lambda k: (documents[k], k))
        for key in keys:
            if key == target or rules.forbids(key, target):
                continue
            if key.casefold() == target.casefold():
                reason = f"'{key}' is '{target}' written in other letter case"
            else:
                reason = MergeReason.WRITTEN_OTHERWISE_ACROSS_DOCUMENTS.say(name=key, other=target)
            join(key, target, reason)

    def shared(name: str, candidate: str) -> int:
        return len(
            (context.get(name, set()) & context.get(candidate, set()))
            - {
                name.lower(),
                candidate.lower(),
            }
        )

    def join_on_context(name: str, target: str, saying: str) -> None:
        """``name`` joins ``target`` when their documents share a name or a thing and no rule
        forbids it; the reason is ``saying`` and what they share."""
        common = shared(name, target)
        if common >= 1 and not rules.forbids(name, target):
            join(
                name,
                target,
                f"{saying}, seen with {common} of the same names and things in other documents",
            )

    def best(name: str, candidates: list[str], needed: int) -> tuple[str, int] | None:
        scored = sorted(((shared(name, c), c) for c in candidates), reverse=True)
        if not scored or scored[0][0] < needed:
            return None
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None
        return scored[0][1], scored[0][0]

    def join_best(name: str, candidates: list[str], needed: int, reason: MergeReason) -> None:
        """``name`` joins the one candidate sharing the most context with it (at least
        ``needed`` names or things, and more than any other), for ``reason``."""
        chosen = best(name, candidates, needed)
        if chosen is not None:
            target, common = chosen
            join(name, target, reason.say(name=name, other=target, common=common))

    # A place or body named with and without the word for its kind, or with another one:
    # "Betty Ford Center", "Betty Ford Clinic", "Betty Ford Treatment Center";
    # "Morningside Recovery", "Morningside Recovery Center".
    for keys in _kind_variants(entities, links):
        target = max(keys, key=lambda k: (documents[k], len(k), k))
        for key in keys:
            if key != target and key not in links and _kind_variant(key, target):
                join_on_context(
                    key,
                    target,
                    f"'{key}' is '{target}', the same name with another word for its kind",
                )

    # A mountain with another name of it written before ("Aoraki Mount Cook", "Aoraki-Mt.
    # Cook") is the mountain other documents name without it ("Mount Cook", "Mt Cook").
    # So is the park or other place named after it ("Aoraki Mount Cook National Park", "Mt
    # Cook National Park"), which the recogniser may type a body.
    mountains: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        if key not in links and _named_place(key, entity):
            mountains[spelling_key(key)].append(key)
    for key, entity in list(entities.items()):
        if key in links or not _named_place(key, entity):
            continue
        words = spelling_key(key).split()
        cut = _second_name_before(words)
        if cut:
            without = [_final(links, k) for k in mountains.get(" ".join(words[cut:]), ())]
            join_best(
                key,
                sorted({k for k in without if k != key and not rules.forbids(key, k)}),
                1,
                MergeReason.SECOND_NAME_BEFORE_ACROSS_DOCUMENTS,
            )

    # A ship by its name alone ("Vikrant"), as another document writes it beside its prefix
    # ("INS Vikrant ... Vikrant"): the one ship whose name it is there.
    ships: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = _ship_name(key.split())
        if (
            key not in links
            and len(words) > 1
            and words[0] in SHIP_PREFIXES
            and words[-1] in entity.aliases
        ):
            ships[words[-1]].append(key)
    for ship_name, keys in ships.items():
        if len(keys) != 1 or ship_name not in entities or ship_name in links:
            continue
        join_on_context(
            ship_name,
            keys[0],
            f"'{ship_name}' is the ship '{keys[0]}', called so in other documents",
        )

    # A place or body by the one word that tells it apart ("Promises" for "Malibu Promises
    # Treatment Center", "Marfin" for "Marfin Investment Bank"): see _distinctive_words.
    # Joins change no entity's type: the places are the same for every rule below.
    places = {key for key, entity in entities.items() if entity.type == "Place"}
    distinctive = _distinctive_words(entities, links, places)
    people = {
        words[-1]
        for entity in entities.values()
        if entity.type == "Person" and len(words := entity.label.split()) > 1
    }

    def tells_apart(word: str) -> bool:
        """Whether a word may be all a place or body is called by: no common noun ("Summit"
        for "Summit Entertainment"), no given name ("Estelle Unit" is named after someone),
        no surname of someone named in full ("Ford" is not the "Ford Clinic") and no place
        ("Palmer" is not the "Palmer Fire Department")."""
        return not (
            lexicon.has_noun_class(word.lower())
            or lexicon.given_name(word)
            or word in people
            or (word in entities and entities[word].type == "Place")
        )

    for name, entity in list(entities.items()):
        if (
            name in links
            or name not in distinctive
            or entity.type not in _DISTINCTIVE_TYPES
            or not tells_apart(name)
        ):
            continue
        join_best(
            name,
            [k for k in distinctive[name] if k not in links],
            DISTINCTIVE_CONTEXT,
            MergeReason.DISTINCTIVE_WORD_ACROSS_DOCUMENTS,
        )
    # The same place or body with more words for its kind before its kind word: "Marfin Bank"
    # and "Marfin Investment Bank", "Westwood Cemetery" and "Westwood Memorial Cemetery" (not
    # another kind word: "Fulton County" is not the "Fulton County Courthouse"; nor after the
    # name of a place: "High Street" and "Wellington High Street" are two streets; nor a noun
    # of a person, part of a name: "Matanuska Creamery" is not the "Matanuska Maid Creamery").
    for word, keys in distinctive.items():
        if not tells_apart(word):
            continue
        for name in keys:
            words = name.split()
            if name in links or len(words) != KIND_CORE or words[0] != word:
                continue
            longer = [
                key
                for key in keys
                if key not in links
                and len(kinds := key.split()) > KIND_CORE
                and kinds[0] == word
                and (
                    (kinds[-1] == words[-1] and all(_kind_noun(w) for w in kinds[1:-1]))
                    # "Harbor Hospital", "Harbor Hospital Medical Center": a body's kind word
                    # and more after it (a county's courthouse is not the county)
                    or (
                        kinds[1] == words[-1]
                        and "organization" in lexicon.noun_classes(words[-1].lower())
                        and all(_kind_noun(w) for w in kinds[2:])
                        and lexicon.kind_of_place(kinds[-1])
                    )
                )
                and not rules.forbids(name, key)
            ]
            join_best(
                name, longer, DISTINCTIVE_CONTEXT, MergeReason.MORE_KIND_WORDS_ACROSS_DOCUMENTS
            )

    # A sea or an island named with and without its kind word: "Caspian Sea", "the Caspian";
    # "Qeshm Island", "Qeshm".
    for key, entity in list(entities.items()):
        words = key.split()
        if (
            key in links
            or len(words) != 2
            or entity.type != "Place"
            or words[1].lower() not in _KINDS_NAMES_GO_WITHOUT
            or not words[1][0].isupper()  # "Arctic sea ice": a common noun after a name
        ):
            continue
        bare = entities.get(words[0])
        if bare is None or words[0] in links or bare.type != "Place":
            continue
        join_on_context(words[0], key, f"'{words[0]}' is '{key}' without the word for its kind")

    # A person's name after a word saying what the person is, which the recogniser took into
    # the name: a nationality ("Peruvian Ana Quispe", typed an organisation) or a role
    # ("Goalkeeper Ana Quispe"). It is the person another document names without it.
    for key, entity in list(entities.items()):
        words = key.split()
        if key in links or len(words) < 3 or entity.type in ("Place", "Date", "Concept"):
            continue
        rest = " ".join(words[1:])
        person = entities.get(rest)
        if (
            person is None
            or rest in links
            or person.type != "Person"
            or not _epithet(words[0])
            # a person's name after it, not an office ("LA County Sheriff")
            or not _personal(words[1])
        ):
            continue
        join_on_context(key, rest, f"'{key}' is '{rest}' with a word saying what the person is")

    # Longer names by their initials and by their first and last words: a lookup per short name,
    # not a scan of every name in the corpus.
    by_initials: dict[str, list[str]] = defaultdict(list)
    by_word: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        if key in links:
            continue
        words = entity.label.split()
        if len(words) < 2:
            continue
        if entity.type in ("Organization", "Group", "Place", "Thing", "Work", "Event"):
            by_initials[initials(entity.label)].append(key)
        if entity.type == "Person":
            for word in sorted({words[0], words[-1]}):
                by_word[word].append(key)
        elif entity.type in ("Organization", "Group"):
            by_word[words[-1]].append(key)
    for name, entity in list(entities.items()):
        if name in links or len(name.split()) != 1:
            continue
        if entity.type not in ("Person", "Organization", "Group", "Place", "Thing", "Work"):
            continue
        # The recogniser types a bare surname as a place or an organisation at times: it may
        # still join a person, on more shared context than a name of the right type needs.
        needed = 1 if entity.type in ("Person", "Organization", "Group") else SURNAME_CONTEXT
        if _surname_read_as_nationality(name, entity, by_word.get(name, ()), entities):
            needed = SURNAME_CONTEXT
        candidates = [
            k
            for k in by_word.get(name, ())
            if (
                types_compatible(entities[k].type, entity.type)
                or (
                    entities[k].type == "Person"
                    and needed == SURNAME_CONTEXT
                    and _is_surname_of(name, entity.type, entities[k].label)
                )
                or (
                    # "Chiefs" read as a title in a headline: a team by its plural last word.
                    entities[k].type in ("Organization", "Group")
                    and entity.type in ("Thing", "Work")
                    and name.endswith("s")
                )
            )
            and not rules.forbids(name, entities[k].label)
        ]
        # Of several people the surname could be, those written with a given name before it:
        # "Having Jackman" (a clause's first words the recogniser took for a person) is no
        # namesake of "Hugh Jackman" for "Jackman" to be unsure between.
        if all(entities[k].type == "Person" for k in candidates):
            given = [k for k in candidates if _after_given_name(name, entities[k].label)]
            candidates = given or candidates
        acronym = name.isupper() and len(name) >= 2
        expansions = (
            [k for k in by_initials.get(name, ()) if not rules.forbids(name, k)] if acronym else []
        )
        # A name written in capitals is an acronym: what it stands for, when the corpus writes
        # that out, before a longer name it merely ends ("IE", Internet Explorer, not the
        # "Critical IE" of a title line whose adjective the recogniser took in).
        chosen = best(name, expansions, 1) if expansions else None
        reason = MergeReason.ACRONYM_ACROSS_DOCUMENTS
        if chosen is None and candidates:
            chosen = best(name, candidates, needed)
            reason = MergeReason.PART_OF_ACROSS_DOCUMENTS
        elif chosen is None and acronym and not expansions and _article_initial(name):
            # "THR" for "The Hollywood Reporter": a title's "The", which the name is kept
            # without, has its letter in the acronym.
            titled = [
                k
                for k in by_initials.get(name[1:], ())
                if entities[k].type in _TITLED_TYPES and not rules.forbids(name, k)
            ]
            chosen = best(name, titled, 1)
        if chosen is not None:
            target, common = chosen
            join(name, target, reason.say(name=name, other=entities[target].label, common=common))
    # A body by the first word of its name, before "of", "for" or "on" ("the Academy", the
    # Academy of Motion Picture Arts and Sciences; "the Center", the Center for Biological
    # Diversity; "Defenders", Defenders of Wildlife): not a place ("Troy", "Gulf"), and not
    # a word that may name a person ("Chair" of the Federation of State Medical Boards).
    by_head_word: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = key.split()
        if (
            key not in links
            and len(words) > 2
            and words[1] in _NAME_PREPOSITIONS
            and entity.type in ("Organization", "Group")
        ):
            by_head_word[words[0]].append(key)
    for head_word, bodies in by_head_word.items():
        short = entities.get(head_word)
        if (
            short is None
            or head_word in links
            or short.type not in ("Organization", "Group", "Thing", "")
            or lexicon.person_among_first_senses(head_word.lower())
            or lexicon.given_name(head_word)
        ):
            continue
        join_best(
            head_word,
            [k for k in bodies if not rules.forbids(head_word, k)],
            DISTINCTIVE_CONTEXT,
            MergeReason.FIRST_WORD_ACROSS_DOCUMENTS,
        )
    # A team by its plural nickname ("Jaguars", "Nationals", "Tar Heels"), the name other
    # documents write after its place's name ("Jacksonville Jaguars", "Washington Nationals",
    # "North Carolina Tar Heels"): the small model types both as people, places or things, so
    # the types are not asked, but the documents must share as much as a surname typed a place
    # needs, and the longer name must not be a person's ("Jackson Williams" is no team of
    # Jackson).
    after_place: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = key.split()
        if key in links or len(words) < 2 or entity.type == "Person":
            continue
        # The nickname is what follows the place's name, of one word or two ("Tar Heels" of
        # the North Carolina Tar Heels).
        for cut in range(len(words) - 1, max(0, len(words) - 3), -1):
            if " ".join(words[:cut]) in places:
                after_place[" ".join(words[cut:])].append(key)
                break
    for nickname, teams in after_place.items():
        if nickname in links or nickname not in entities or not _plural_name(nickname.split()[-1]):
            continue
        join_best(
            nickname,
            [k for k in teams if not rules.forbids(nickname, k)],
            SURNAME_CONTEXT,
            MergeReason.NICKNAME_AFTER_PLACE_ACROSS_DOCUMENTS,
        )
    # A place by its name clipped to a pet form, as nicknames are made ("Indy" for
    # Indianapolis, "Philly" for Philadelphia), a place's name of one word (in sports news the
    # place's team then, as the place's own name is when it acts: CorpusIndex._teams_acting).
    # The pet form says little by its letters, so it must be no English word ("Grey" is no
    # Greece), no person of the corpus may be called by it first ("Indy Smith"), and the
    # documents must share as much as a surname typed a place needs.
    given_names = {
        words[0]
        for entity in entities.values()
        if entity.type == "Person" and len(words := entity.label.split()) > 1
    }
    places_by_opening: dict[str, list[str]] = defaultdict(list)
    for key in places:
        if key not in links and len(key.split()) == 1:
            places_by_opening[key[:_CLIPPED_STEM]].append(key)
    # A team by its nickname clipped, the plural kept ("Jags" for the Jacksonville Jaguars):
    # a nickname written after a place's name (see above), whatever the team is typed yet.
    teams_by_opening: dict[str, list[str]] = defaultdict(list)
    for nickname, teams in after_place.items():
        last = nickname.split()[-1]
        if _team_nickname(nickname.split()):
            teams_by_opening[last[:_CLIPPED_STEM]] += [t for t in teams if t not in links]
    for name in list(entities):
        if name in links or name in given_names or not _clipping_shape(name):
            continue
        opening = name[:_CLIPPED_STEM]
        clipped_from = [
            key
            for key in places_by_opening.get(opening, ())
            if _pet_form_of(name, key) and not rules.forbids(name, key)
        ] + [
            key
            for key in teams_by_opening.get(opening, ())
            if _plural_clipped(name, key.split()[-1]) and not rules.forbids(name, key)
        ]
        join_best(name, clipped_from, SURNAME_CONTEXT, MergeReason.CLIPPED_ACROSS_DOCUMENTS)
    # One team under another name of its place or its nickname said aloud: "Philly Sixers"
    # and "Philadelphia 76ers" ("Philly" the place's pet form, joined above whatever the
    # recogniser typed it; "Sixers" the "seventy-sixers"), "Indy Colts" and "Indianapolis
    # Colts". Each joins the name written with the place's own name that most documents
    # write, on shared context; a nickname said aloud that no document writes after a place's
    # name ("the Sixers") then joins the team it is said of, as a nickname joins the name with
    # its place before it (above).
    same_team: dict[tuple[str, str], list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = key.split()
        if key in links or len(words) < 2 or entity.type == "Person":
            continue
        for cut in range(len(words) - 1, max(0, len(words) - 3), -1):
            place = _final(links, " ".join(words[:cut]))
            if place in places and _team_nickname(words[cut:]):
                nickname = " ".join(words[cut:])
                same_team[(place, _numeral_said(nickname) or nickname)].append(key)
                break
    for (place, said), teams in same_team.items():
        target = max(teams, key=lambda k: (k.startswith(f"{place} "), documents[k], k))
        if len(teams) > 1 and target.startswith(f"{place} "):
            for team in teams:
                if team != target and not rules.forbids(team, target):
                    join_best(team, [target], 1, MergeReason.SAME_TEAM_ACROSS_DOCUMENTS)
        if said in entities and said not in links and said not in after_place:
            join_best(
                said,
                sorted({_final(links, team) for team in teams} - {said}),
                SURNAME_CONTEXT,
                MergeReason.NICKNAME_AFTER_PLACE_ACROSS_DOCUMENTS,
            )
    # Longer names written shorter or otherwise: "Mark Felt" and "W. Mark Felt", "Fred LaRue"
    # and "Frederick C. LaRue", "Surgeon General" and "U. S. Surgeon General".
    by_last: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = entity.label.split()
        if key not in links and len(words) > 1 and entity.type in _VARIANT_TYPES:
            by_last[words[-1]].append(key)
    for keys in by_last.values():
        # Shorter names first, each joining a longer one: of two names of as many words, the
        # shorter in letters is the nickname ("Bill Hakim" joins "William Hakim").
        for name in sorted(keys, key=lambda k: (len(k.split()), len(k), k)):
            if name in links:
                continue
            words = name.split()
            candidates = [
                k
                for k in keys
                if k != name
                and k not in links
                and len(k.split()) >= len(words)
                and entities[k].type == entities[name].type
                and _variant(words, k.split(), entities[k].type)
                and not rules.forbids(name, k)
            ]
            chosen = best(name, candidates, 1)
            if chosen is not None:
                target, common = chosen
                join(
                    name,
                    target,
                    f"'{name}' is written '{target}' elsewhere, seen with {common} of the same "
                    "names and things in other documents",
                )
    # A person by a nickname another document writes inside the person's name ("Vincent 'The
    # Chin' Gigante", "Mark 'Deep Throat' Felt", "Charles (Lucky) Luciano"): the nickname
    # alone ("the Chin", "Deep Throat") or before the surname ("Lucky Luciano") is that person,
    # when no other person of the corpus has it and the documents share context.
    nicknamed: dict[str, set[str]] = defaultdict(set)
    for key, entity in entities.items():
        if entity.type != "Person":
            continue
        for alias in entity.aliases:
            for called in _nickname_forms(alias):
                nicknamed[called].add(_final(links, key))
    for called, people in nicknamed.items():
        named = entities.get(called)
        if (
            named is None
            or len(people) != 1
            or called in links
            or called in people
            or named.type not in _NICKNAMED_TYPES
        ):
            continue
        join_best(
            called,
            [p for p in people if not rules.forbids(called, p)],
            1,
            MergeReason.NICKNAME_IN_NAME_ACROSS_DOCUMENTS,
        )
    # One letter wrong in one word of a longer name: "Gulf of Eden" for "Gulf of Aden". The
    # rarer spelling joins the commoner one it shares context with, if only one.
    by_masked: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = key.split()
        if key in links or len(words) < 2 or entity.type not in _MISSPELT_TYPES:
            continue
        for i, word in enumerate(words):
            if len(word) >= _MISSPELT_WORD and word.isalpha():
                by_masked[tuple(words[:i]) + ("",) + tuple(words[i + 1 :])].append(key)
    rank = {key: (documents[key], key) for keys in by_masked.values() for key in keys}
    misspelt: dict[str, list[str]] = defaultdict(list)
    for masked, keys in by_masked.items():
        position = masked.index("")
        for name in keys:
            for other in keys:
                if (
                    rank[other] > rank[name]
                    and types_compatible(entities[name].type, entities[other].type)
                    and _one_letter_apart(name.split()[position], other.split()[position])
                    and not rules.forbids(name, other)
                ):
                    misspelt[name].append(other)
    for name in sorted(misspelt, key=lambda k: rank[k]):
        if name in links:
            continue
        join_best(
            name,
            [k for k in misspelt[name] if k not in links],
            1,
            MergeReason.MISSPELT_ACROSS_DOCUMENTS,
        )
    _join_misspelt_people(entities, links, documents, rules, shared, join)
    _join_name_forms(entities, links, documents, rules, join_best)
    for name, target in links.items():
        links[name] = _final(links, target)  # "SEACOM" -> "Seacom" -> "Seacom Ltd"
    for name in links:
        del entities[name]
    return links


def _team_nickname(words: list[str]) -> bool:
    """Whether the words after a place's name in a body's name are a team's nickname: one or
    two capitalised words ("Colts", "Tar Heels"), the last a plural (``_plural_name``) of what
    a team may be called (``kg.coref.names.team_may_be_called``), and no word of its own
    ("Acropolis", a singular that ends in "s"); or a number made a plural of people ("76ers",
    "49ers": the men of a year)."""
    if len(words) == 1 and NUMERAL_NICKNAME.fullmatch(words[0]):
        return True
    if not 1 <= len(words) <= 2 or not all(w[:1].isupper() for w in words):
        return False
    last = words[-1]
    if not _plural_name(last) or lexicon.has_noun_class(last.lower()):
        return False
    return team_may_be_called(last)


def teams_of_places(entities: dict[str, Entity], links: dict[str, str]) -> dict[str, list[str]]:
    """The teams named after each place, by the place's key: a body or anything but a person
    written "<place> <nickname>" ("Indianapolis Colts", "Jacksonville Jaguars", which the small
    model may type a place), its nickname a team's (``_team_nickname``), not a newspaper's or
    a company's ("Washington Post", "Verizon Communications"). ``links`` are the names joined
    across documents (``link_across_documents``): a team is given by its final key."""
    teams: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = key.split()
        if key in links or len(words) < 2 or entity.type == "Person":
            continue
        for cut in range(len(words) - 1, 0, -1):
            place = " ".join(words[:cut])
            if place in entities and entities[place].type == "Place" and place not in links:
                if _team_nickname(words[cut:]):
                    teams[place].append(key)
                break
    return dict(teams)


def places_named_after(entities: dict[str, Entity], links: dict[str, str]) -> dict[str, str]:
    """The place or body each name of the corpus is the core of (``kind_core``), by the name's
    key: a place or a body named with words for its kind ("Betty Ford Center") is called by
    the rest of its name ("checked into Betty Ford"), which the recogniser often takes for a
    person's. A core that two places or bodies share, or that names nothing of its own in the
    corpus, is left out."""
    found: dict[str, set[str]] = defaultdict(set)
    for key, entity in entities.items():
        words = key.split()
        if key in links or entity.type not in _KIND_TYPES or len(words) <= KIND_CORE:
            continue
        core = kind_core(words)
        if KIND_CORE <= len(core) < len(words):
            found[" ".join(core)].add(key)
    return {core: key for core, (key, *others) in found.items() if not others and core in entities}


# How many capitalised words before a name may be the rest of it, which the recogniser cut
# off ("Aoraki Mount Cook| National Park", "Telecom| Egypt", "Million| Dollar Mermaid").
NAME_CUT_WORDS = 4
# The capitalised words written right before a name, joined by spaces, hyphens or slashes
# ("the Aoraki-Mt. Cook " before "National Park"), the last of them touching it.
_CAPITALISED_BEFORE = re.compile(r"(?:[A-Z][\w.'’]*[ \-/‐–])+$")
# Words that open a noun phrase, not a name ("The Navy" is the navy).
_ARTICLES = frozenset({"the", "a", "an"})


def names_by_spelling(entities: dict[str, Entity], links: dict[str, str]) -> dict[str, str]:
    """The corpus's names of two words or more ("Aoraki Mount Cook National Park", "Telecom
    Egypt"), by their spelling key (``spelling_key``), each given by its final key
    (``links``): where a document writes such a name, the recogniser may have cut it in two
    (``name_cut_from_words_before``). Names only: not a capitalised concept or a description
    ("Nominal", "Concept"), which no recogniser cut."""
    found: dict[str, str] = {}
    for key in (*entities, *links):
        final = _final(links, key)
        if (
            final in entities
            and entities[final].type not in ("Nominal", "Concept")
            and len(key.split()) >= KIND_CORE
        ):
            found.setdefault(spelling_key(key), final)
    return found


def name_cut_from_words_before(name: str, before: str, named: Mapping[str, str]) -> str | None:
    """The name of ``named`` (``names_by_spelling``) that ``name`` is the end of, the
    recogniser having cut it from the capitalised words the text writes right ``before`` it
    ("in the Aoraki-Mt. Cook| National Park", "Telecom| Egypt's network"): the longest run of
    those words (not opening with an article) that, with the name, is a name the corpus writes
    whole; else None. The text writes the whole name here, so that is what it names."""
    if not name.split():
        return None
    run = _CAPITALISED_BEFORE.search(before[-80:])
    if run is None:
        return None
    pieces = re.split(r"[ \-/‐–]+", run.group().strip(" -/‐–"))[-NAME_CUT_WORDS:]
    for first in range(len(pieces)):
        if pieces[first].lower() in _ARTICLES:
            continue
        whole = named.get(spelling_key(" ".join([*pieces[first:], name])))
        if whole is not None:
            return whole
    return None


# The capitalised words written right after a name, joined by spaces or hyphens ("Hawaiian"
# before " Gardens"), the first of them touching it; not after a slash, which sets another
# name beside it ("NYPD/KKK", "Wood/Adenhart").
_CAPITALISED_AFTER = re.compile(r"^(?:[ \-‐–][A-Z][\w'’]*)+")


def name_cut_from_words_after(name: str, after: str, named: Mapping[str, str]) -> str | None:
    """The name of ``named`` (``names_by_spelling``) that ``name`` is the start of, the
    recogniser having cut it from the capitalised words the text writes right ``after`` it
    ("Hawaiian| Gardens", "INS| Tabar", "Endangered Species| Act"): the longest run of those
    words that, with the name, is a name the corpus writes whole; else None. Not when a word
    of the run may be a person ("Commerce| Secretary", "Doris Duke| Professor": an office or
    a title after a name makes another name of it), is a pronoun (a title line's "Microsoft
    Says It …" capitalises its pronouns), or is abbreviated ("Alaska| Gov.")."""
    if not name.split():
        return None
    run = _CAPITALISED_AFTER.search(after[:80])
    if run is None or after[run.end() : run.end() + 1] == ".":
        return None
    pieces = re.split(r"[ \-‐–]+", run.group().strip(" -‐–"))[:NAME_CUT_WORDS]
    for last in range(len(pieces), 0, -1):
        if any(lexicon.may_be_person(w.lower()) or w.lower() in PRONOUNS for w in pieces[:last]):
            continue
        whole = named.get(spelling_key(" ".join([name, *pieces[:last]])))
        if whole is not None:
            return whole
    return None


class ScoreReport(NamedTuple):
    """A game's score as one document reports it (kg/coref/mentions.py, ``SCORE_LABEL``): the
    score, where it is written, the names of its sentence and its document's most named names,
    most first. Its sides are the names of its sentence that are no person's, with the
    document's most named when the sentence gives fewer than two ("another fourth quarter
    victory, 20-13"): read in ``games_of_scores``, once the corpus has typed the names (one
    document's recogniser may call the Colts a person)."""

    document: str
    start: int
    score: str  # the numbers joined by a hyphen ("91-73" for "91\u201373")
    names: frozenset[str]
    most_named: tuple[str, ...]


class Game(NamedTuple):
    """The node a score mention denotes (its key), and why it joined an earlier mention of it
    ("" for the first)."""

    key: str
    reason: str


# The types of a game's sides: teams, and the places and peoples whose names stand for them
# ("Indianapolis", "Evansville"); not players, nor the counts and times the recogniser names.
_SIDE_TYPES = frozenset({"Organization", "Place", "Group"})

# Sides two documents' reports of one score must share to be the score of one game: its two
# teams. A score alone is many games' ("1-0"), and one team plays many games; the node of a
# score is that of a game, so the string never joins across the corpus by itself.
SCORE_SIDES = 2


def games_of_scores(
    reports: Iterable[ScoreReport],
    final: Callable[[str], str],
    entities: Mapping[str, Entity],
) -> tuple[dict[tuple[str, int], Game], list[Entity]]:
    """Each score mention's game (by document and start) and the games' entities. Reports of
    one score join within their document when they share a side (or either names none), and
    across documents when they share ``SCORE_SIDES`` sides, ``final`` giving each side's final
    key (a place standing for its team gives the team). A game is a Thing labelled by its
    score and the sides its reports name most."""

    def sides_of(names: Iterable[str]) -> list[str]:
        keys = [final(name) for name in names]
        return [k for k in keys if k in entities and entities[k].type in _SIDE_TYPES]

    by_score: dict[str, list[tuple[ScoreReport, frozenset[str]]]] = defaultdict(list)
    for report in sorted(reports):
        sides = set(sides_of(report.names))
        for side in sides_of(report.most_named):
            if len(sides) >= SCORE_SIDES:
                break
            sides.add(side)
        by_score[report.score].append((report, frozenset(sides)))
    games: dict[tuple[str, int], Game] = {}
    made: list[Entity] = []
    for score, told in sorted(by_score.items()):
        for members in _one_game_each(told):
            first = told[members[0]][0]
            named: Counter[str] = Counter(side for i in members for side in told[i][1])
            # The two its reports name most, a team before a place or a people among equals
            # (a venue is a place too), then by name (a set's order is no order).
            most = sorted(
                named,
                key=lambda side: (-named[side], entities[side].type != "Organization", side),
            )[:SCORE_SIDES]
            labels = [entities[side].label for side in sorted(most)]
            if len(labels) == SCORE_SIDES:
                label = f"{score} ({' – '.join(labels)})"
            else:
                label = f"{score} ({first.document[:16]})"
            key = f"score:{first.document}:{first.start}:{score}"
            between = " and ".join(f"'{side}'" for side in labels) or "its sides"
            across = ""
            for i in members:
                report = told[i][0]
                reason = ""
                if report is not first:
                    here = report.document == first.document
                    where = "its document" if here else "another document"
                    reason = MergeReason.SCORE_OF_ONE_GAME.say(
                        name=report.score, sides=between, where=where
                    )
                    across = across or ("" if here else reason)
                games[(report.document, report.start)] = Game(key, reason)
            made.append(Entity(key, label, "Thing", merge_reasons=(across,) if across else ()))
    return games, made


def _one_game_each(told: list[tuple[ScoreReport, frozenset[str]]]) -> list[list[int]]:
    """The reports of one score (each with its sides) grouped by game, as indexes into
    ``told``, in order: within a document, those sharing a side or naming none; across
    documents, those sharing ``SCORE_SIDES`` sides (found by each pair of sides a report
    names, so that a score reported thousands of times is not compared pair by pair)."""
    games = UnionFind(range(len(told)))
    in_document: dict[str, list[int]] = defaultdict(list)
    by_pair: dict[tuple[str, str], int] = {}
    for i, (report, sides) in enumerate(told):
        for j in in_document[report.document]:
            other = told[j][1]
            if not sides or not other or sides & other:
                games.union(i, j)
        in_document[report.document].append(i)
        ordered = sorted(sides)
        for n, side in enumerate(ordered):
            for another in ordered[n + 1 :]:
                games.union(i, by_pair.setdefault((side, another), i))
    return sorted(sorted(game) for game in games.to_sets())
