"""Names: how mentions that name something are compared and grouped within one document.

"US Treasury Secretary Scott Bessent", "Scott Bessent" and "Bessent" are one person; "WTO" is the
acronym of "World Trade Organization"; "the U.S." and "America" are "United States". The rules
here are the name sieves of the coreference stage (kg/coref) and, with the user's alias file,
of resolution (kg/resolve.py), which groups a document's names again under the user's rules.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from kg.coref import lexicon
from kg.kinds import MergeReason
from kg.labels import TIME_LABELS, VALUE_LABELS
from kg.types import Mention

# spaCy's OntoNotes NER labels -> kg entity types (the classes of ontology/kg.ttl).
NER_TYPES: dict[str, str] = {
    "PERSON": "Person",
    "ORG": "Organization",
    "GPE": "Place",
    "LOC": "Place",
    "FAC": "Place",
    "NORP": "Group",
    "DATE": "Date",
    "TIME": "Date",
    "EVENT": "Event",
    "WORK_OF_ART": "Work",
    "LAW": "Work",
    "PRODUCT": "Thing",
    "LANGUAGE": "Thing",
}


# The label kg's mention finder gives a game's score ("20-13", kg/coref/mentions.py), which the
# recogniser reads as a count or a date: the result of one game, one node for the reports of
# that game (kg/resolve.py), never one node for the string across the corpus.
SCORE_LABEL = "SCORE"

# A team's nickname made of a number and the "-ers" that makes a plural of people of it
# ("76ers", "49ers": the men of a year).
NUMERAL_NICKNAME = re.compile(r"[0-9]+ers", re.IGNORECASE)

# What a team's nickname is the plural of, by WordNet: someone ("Saints", "Chiefs") or an
# animal ("Colts", "Jaguars"), which a team may be whatever else the word means ("Tar Heels");
# a thing, or a coined word with no sense at all ("Isotopes", "Steelers"), unless the word is a
# body's or a place's kind, an activity's or a time's ("Alaska Airlines", "Verizon
# Communications", "New York Times", "Sales", "Parks"), which name companies, newspapers and
# departments.
_SOMEONE_CLASSES = frozenset({"person", "animal"})
_NO_TEAM_CLASSES = frozenset({"place", "organization", "event", "time"})


# The fewest words a name keeps without its kind words: one word is a surname or a town
# ("Ford Center", "Springfield Hospital"), not a name of its own.
KIND_CORE = 2


def kind_core(words: list[str]) -> tuple[str, ...]:
    """A name without the words that say what kind of place it is ("Betty Ford Treatment
    Center" -> "Betty Ford"): its last word a kind word, and the nouns before it that WordNet
    classes as acts, places, bodies and the like ("Treatment"), keeping two words. A name
    without a kind word is its own core."""
    if not lexicon.kind_of_place(words[-1]):
        return tuple(words)
    core = words[:-1]
    while len(core) > KIND_CORE and lexicon.has_noun_class(core[-1].lower()):
        core = core[:-1]
    return tuple(core)


def team_may_be_called(plural: str) -> bool:
    """Whether a plural ending in "s" may be a team's nickname by what it is the plural of
    (``_SOMEONE_CLASSES``, ``_NO_TEAM_CLASSES``)."""
    classes = lexicon.noun_classes(plural[:-1].lower())
    return bool(classes & _SOMEONE_CLASSES) or not classes & _NO_TEAM_CLASSES


# Prefixes of ships' names (navies' and merchant conventions: United States Ship, Her Majesty's
# Ship, Indian Naval Ship, motor vessel ...): a ship is a thing, not the person or organisation
# the recogniser often takes it for. No packaged lexicon lists them.
SHIP_PREFIXES = frozenset({"USS", "USNS", "HMS", "HMAS", "HMCS", "INS", "MV", "MS", "SS", "RMS"})

# Names that abbreviate or rename a place and cannot be recognised from their letters alone
# ("America" is not an acronym of "United States"). Keys are normalised (no dots, no "the").
KNOWN_VARIANTS: dict[str, str] = {
    "US": "United States",
    "USA": "United States",
    "America": "United States",
    "United States of America": "United States",
    "UK": "United Kingdom",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "EU": "European Union",
    "UN": "United Nations",
    "PRC": "China",
    "People's Republic of China": "China",
}

_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")

# A company's legal form is not part of what it is called: "Advanced Micro Devices, Inc." and
# "Advanced Micro Devices" are one company, in one document or across documents.
_CORPORATE_SUFFIX = re.compile(
    r",?\s+(?:Inc|Corp|Corporation|Co|Ltd|Limited|LLC|L\.L\.C|plc|PLC|AG|SA|S\.A|N\.V|GmbH)\.?$"
)


def has_legal_form(text: str) -> bool:
    """Whether a name is written with a company's legal form ("Valley Dairy Inc.", "Harry
    Winston Diamond Corp.'s"): a company's, whatever else it is called after."""
    name = _POSSESSIVE.sub("", " ".join(text.split())).strip()
    return " " in name and _CORPORATE_SUFFIX.search(name) is not None


# "Arcade Joseph Comeaux Jr." is written "Arcade Joseph Comeaux" too; in news a father and son
# of one name in one story are rare next to the suffix coming and going.
_GENERATION_SUFFIX = re.compile(r",?\s+(?:Jr|Sr)\.?$")
# So is a generation's numeral after a person's name ("Anthony LaCalamita III", "Anthony
# LaCalamita"): only after a given name and a surname, so that "World War II", "Division II",
# "Henry IV" and "John Paul II" (whose "Paul" is a given name, not a surname) keep theirs.
_GENERATION_NUMERAL = re.compile(r",?\s+(?:II|III|IV)$")


# The same few thousand names recur in every document of a corpus: their forms are remembered.
@lru_cache(maxsize=1 << 16)
def normalise_name(text: str) -> str:
    """The form names are compared in: NFC, no leading "the", no possessive, no dots in acronyms.

    "the U.S." -> "US", "China's" -> "China", "Scott  Bessent" -> "Scott Bessent".
    """
    name = unicodedata.normalize("NFC", " ".join(text.split()))
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    name = _POSSESSIVE.sub("", name).strip()
    if " " in name:
        name = _without_repetition(name)
        name = _CORPORATE_SUFFIX.sub("", name)
        name = _GENERATION_SUFFIX.sub("", name)
        name = _without_generation_numeral(_without_nickname(name))
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}", name):
        name = name.replace(".", "")
    return KNOWN_VARIANTS.get(name, name)


# A name of several words written twice, joined by a dash: a headline's "Esther
# Williams-Esther Williams" (a name and a title line run together). A place of one word
# doubled is a name of its own ("Baden-Baden", "Bora-Bora"), so the name must have a space.
_REPEATED = re.compile(r"(\S+(?: \S+)+)\s*[-\u2013\u2014]\s*\1")


def _without_repetition(name: str) -> str:
    """``name`` written once, when it is a name of several words written twice with a dash
    between (see _REPEATED)."""
    match = _REPEATED.fullmatch(name)
    return match.group(1) if match else name


# A nickname written inside a person's name, quoted or in brackets, between the given name and
# the surname: 'Vincent "The Chin" Gigante', "Vincent 'Chin' Gigante", "Luis Gerardo (Jerry)
# Ortiz" are the people "Vincent Gigante" and "Luis Gerardo Ortiz".
_INNER_NICKNAME = re.compile(
    r"""\s+(?:"[^"]+"|“[^”]+”|‘[^’]+’|'[^']+'|``[^']+''|\([^)]+\))(?=\s)"""
)


def _without_nickname(name: str) -> str:
    """``name`` without a nickname written inside it (see _INNER_NICKNAME), when it opens with a
    known given name: a title's quoted words stay ("Direct 'Hunger Games' Sequel")."""
    if not lexicon.first_name(name.split()[0]):
        return name
    return _INNER_NICKNAME.sub("", name)


def _without_generation_numeral(name: str) -> str:
    """``name`` without a generation's numeral after a person's name (see
    _GENERATION_NUMERAL): a known given name first, and a surname that is none before the
    numeral."""
    match = _GENERATION_NUMERAL.search(name)
    if match is None:
        return name
    words = name[: match.start()].split()
    if (
        len(words) >= 2
        and lexicon.first_name(words[0])
        # Many surnames are names of either sex ("Lee", "Kelly"): only one of one sex is none.
        and lexicon.first_name_gender(words[-1]) is None
    ):
        return name[: match.start()]
    return name


@lru_cache(maxsize=1 << 16)  # asked of every cluster a capitalised name is compared with
def initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in {"of", "and"})


def entity_type(label: str) -> str:
    return NER_TYPES.get(label, "Thing")


def types_compatible(a: str, b: str) -> bool:
    """Can entities of these types be one thing? The small model confuses Person/Organization
    (it tags a bare "Trump" ORG) but never a person with a place."""
    if a == b or not a or not b:  # "": a name the recogniser missed, of no known type
        return True
    return {a, b} <= {"Person", "Organization"} or {a, b} <= {"Organization", "Group"}


@dataclass(frozen=True)
class AliasRules:
    """A user's corrections: names that are one thing, and names that must stay apart.

    Loaded from a CSV or Turtle file (``load_alias_rules``); they win over every rule here.
    """

    same: dict[str, str] = field(default_factory=dict)  # normalised name -> canonical name
    different: frozenset[frozenset[str]] = frozenset()  # pairs never merged

    def canonical(self, name: str) -> str:
        return self.same.get(name, name)

    def forbids(self, a: str, b: str) -> bool:
        # Asked for every pair of mention and candidate cluster; most builds have no such rule.
        return bool(self.different) and frozenset((a, b)) in self.different


@dataclass
class NameCluster:
    """The mentions of one entity within a document, while they are being grouped."""

    name: str  # canonical name (the fullest form seen)
    mentions: list[Mention] = field(default_factory=list)
    votes: Counter[str] = field(default_factory=Counter)
    reasons: list[str] = field(default_factory=list)

    @property
    def tokens(self) -> list[str]:
        return self.name.split()

    @property
    def type(self) -> str:
        # Highest vote; ties broken by a fixed order so that the result never depends on
        # dictionary order. Cached: it is asked for every pair of mention and cluster.
        key = tuple(self.votes.items())
        if getattr(self, "_type_key", None) != key:
            self._type_key = key
            votes = self.votes
            self._type = max(TYPE_ORDER, key=lambda t: (votes[t], TYPE_RANK[t]))
        return self._type


TYPE_ORDER = ("Person", "Organization", "Place", "Group", "Event", "Work", "Date", "Thing")
TYPE_RANK = {name: -position for position, name in enumerate(TYPE_ORDER)}  # earlier wins ties


def alias_of(name: str, cluster: NameCluster, name_type: str) -> str | None:
    """Why ``name`` names the same thing as ``cluster``, or None.

    - same normalised name (any case);
    - a single word that is the first or last word of a longer personal name: a surname
      ("Bessent") or, in Chinese names written surname first, the family name ("Li");
    - an acronym of the cluster's name ("WTO" for "World Trade Organization").
    """
    if name.lower() == cluster.name.lower():
        return MergeReason.SAME_NAME
    words = name.split()
    target = cluster.tokens
    # A word in capitals, as title lines write them ("CHARGERS' WILLIAMS ARRESTED"), is the
    # surname written in any case.
    word = words[0].title() if name.isupper() and len(words) == 1 else words[0]
    if (
        len(words) == 1
        and len(target) > 1
        and (cluster.type == "Person" or _untyped_personal_name(cluster, name_type))
        and name_type in ("Person", "Organization", "")
        and word in (target[0], target[-1])
    ):
        return MergeReason.PART_OF_PERSONAL_NAME.say(name=name, other=cluster.name)
    if len(words) < len(target) and " ".join(target[-len(words) :]) == name and len(words) > 1:
        return MergeReason.ENDS_NAME.say(name=name, other=cluster.name)
    if len(words) == 1 and len(target) > 1 and is_ship(cluster) and words[0] == target[-1]:
        return MergeReason.SHIP_WITHOUT_PREFIX.say(name=name, other=cluster.name)
    if (
        len(words) == 1
        and len(target) > 1
        and cluster.type in ("Organization", "Group")
        and name_type in ("Organization", "Group", "")
        and words[0] == target[-1]
    ):
        # A team or a company by its last word: "the Colts" for "the Indianapolis Colts".
        return MergeReason.ENDS_NAME.say(name=name, other=cluster.name)
    if name.isupper() and len(name) >= 2 and initials(cluster.name) == name:
        return MergeReason.ACRONYM.say(name=name, other=cluster.name)
    return None


def _named_before(
    name: str,
    mention: Mention,
    matches: list[tuple[NameCluster, str]],
    surnames: dict[str, NameCluster | None],
) -> list[tuple[NameCluster, str]]:
    """The one of several people sharing a surname that the surname alone names: the person the
    document named in full first, before its first use of the surname alone, when it names
    that person in full more often than any other of the name. News names the person it is
    about in full and then by surname, and a relative in full wherever it brings them in
    ("Vincent Gigante ... Gigante ... his brother, the Rev. Louis Gigante ... Gigante"). Named
    first alone is not enough: a story may open on its victims ("the body of Katherine Gomes
    ... Gary Gomes ... Gomes", each named in full once), nor named most (a sister quoted twice
    in a story about her brother). Named in full as often as another, the one named first wins
    when the others are named in full only after the surname's first use alone. The choice is
    made at the surname's first use alone and kept for the rest of the document; otherwise the
    surname stays ambiguous, as before."""
    if name not in surnames:
        people = [
            cluster
            for cluster, _ in matches
            if len(cluster.tokens) > 1 and cluster.tokens[-1] == name and cluster.type == "Person"
        ]
        opened = {id(c): min(m.start for m in c.mentions) for c in people}
        first = min(people, key=lambda c: opened[id(c)], default=None)
        # Each other person named in full less often than the first, or as often but only
        # after the surname's first use alone: on such a tie the surname is the one person a
        # reader has met by then ("Vincent Gigante" in the title and the lead, then "Gigante"
        # all through, his brother "Louis Gigante" twice in the last lines). Two people met
        # before it ("the body of Katherine Gomes ... Gary Gomes ... Gomes") stay a tie.

        def gives_way(other: NameCluster, to: NameCluster) -> bool:
            if len(other.mentions) == len(to.mentions):
                return opened[id(other)] > mention.start
            return len(other.mentions) < len(to.mentions)

        surnames[name] = (
            first
            if first is not None
            and len(people) == len(matches)  # every candidate a person of this surname
            and opened[id(first)] < mention.start
            and all(gives_way(c, first) for c in people if c is not first)
            else None
        )
    chosen = surnames[name]
    kept = [(c, r) for c, r in matches if c is chosen]
    return kept or matches


# A courtesy title written before a surname, and the sex it tells ("Ms. Gomes", "Mr. Gomes").
_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.?\s+$")
_HONORIFIC_GENDER = {"Mr": "male", "Mrs": "female", "Ms": "female", "Miss": "female"}


def honorific_gender(text: str, start: int) -> str | None:
    """ "male" or "female" when a courtesy title stands just before offset ``start`` of
    ``text`` ("Mr. Gomes", "Ms. Gomes"), else None."""
    found = _HONORIFIC.search(text, max(0, start - 6), start)
    return _HONORIFIC_GENDER[found.group(1)] if found else None


def _of_the_sex(
    matches: list[tuple[NameCluster, str]], gender: str
) -> list[tuple[NameCluster, str]]:
    """The people among several sharing a surname whose given name is of the sex a courtesy
    title before the surname tells ("Ms. Gomes": Catherine Gomes, not Gary Gomes): all of them
    when not exactly one is."""
    agreeing = [
        (cluster, reason)
        for cluster, reason in matches
        if len(cluster.tokens) > 1 and lexicon.first_name_gender(cluster.tokens[0]) == gender
    ]
    return agreeing if len(agreeing) == 1 else matches


def _untyped_personal_name(cluster: NameCluster, name_type: str) -> bool:
    """A short name the recogniser missed ("Mo Cheeks", of no type) is a person's when one of
    its words is tagged a person on its own ("Cheeks said ...")."""
    return cluster.type == "Thing" and name_type == "Person" and len(cluster.tokens) <= 3


def is_ship(cluster: NameCluster) -> bool:
    """Whether a name is a ship's, by its prefix ("INS Sukanya", "HMS Ardent")."""
    return len(cluster.tokens) > 1 and cluster.tokens[0] in SHIP_PREFIXES


class NameIndex:
    """A document's clusters, and which of them a name could be an alias of: every way to be an
    alias (same name, part of a name) shares a word with the name, except an acronym, which is
    its cluster's initials; so only the clusters sharing a word are compared, and for a name in
    capitals those whose initials it is, not every one."""

    def __init__(self) -> None:
        self.clusters: list[NameCluster] = []
        self._by_word: dict[str, list[int]] = defaultdict(list)
        self._by_initials: dict[str, list[int]] = defaultdict(list)

    def add(self, cluster: NameCluster) -> None:
        for word in set(cluster.name.lower().split()):
            self._by_word[word].append(len(self.clusters))
        self._by_initials[initials(cluster.name)].append(len(self.clusters))
        self.clusters.append(cluster)

    def candidates(self, name: str) -> list[NameCluster]:
        """The clusters ``name`` could be an alias of, in the order they were added."""
        positions = {i for w in name.lower().split() for i in self._by_word.get(w, ())}
        if name.isupper():
            positions.update(self._by_initials.get(name, ()))
        return [self.clusters[i] for i in sorted(positions)]


def group_names(
    mentions: Sequence[Mention], rules: AliasRules, text: str = ""
) -> tuple[dict[tuple[int, int], NameCluster], NameIndex]:
    """Group one document's entity mentions into clusters; returns span -> cluster, and the
    clusters indexed by name. With the document's ``text``, a surname several people share
    after a courtesy title ("Ms. Gomes") names the one of that sex."""
    named = [
        m
        for m in mentions
        if m.kind == "entity" and m.label not in VALUE_LABELS and m.label not in TIME_LABELS
    ]

    def name_of(mention: Mention) -> str:
        return rules.canonical(normalise_name(mention.text))

    # Fullest names first, so that "Scott Bessent" founds the cluster that "Bessent" joins.
    ordered = sorted(
        ((name_of(m), m) for m in named), key=lambda item: (-len(item[0].split()), item[1].start)
    )
    names = NameIndex()
    by_span: dict[tuple[int, int], NameCluster] = {}
    surnames: dict[str, NameCluster | None] = {}  # a shared surname -> whom it names alone
    for name, mention in ordered:
        if not name:
            continue
        # A name the recogniser missed ("Bessent told reporters") has no type of its own: it
        # may join any name it matches, and casts only a token vote for "Thing".
        mention_type = entity_type(mention.label) if mention.label else ""
        if name.split()[0] in SHIP_PREFIXES and len(name.split()) > 1:
            mention_type = "Thing"  # "INS Sukanya" is a ship, whatever the recogniser said
        matches: list[tuple[NameCluster, str]] = []
        for cluster in names.candidates(name):
            if rules.forbids(name, cluster.name):
                continue
            reason = alias_of(name, cluster, mention_type)
            if reason and (
                types_compatible(cluster.type, mention_type)
                or is_ship(cluster)
                or _untyped_personal_name(cluster, mention_type)
            ):
                matches.append((cluster, reason))
        exact = [(c, r) for c, r in matches if r == MergeReason.SAME_NAME]
        if exact:
            matches = exact
        if len(matches) > 1 and " " not in name and text:
            gender = honorific_gender(text, mention.start)
            if gender is not None:
                matches = _of_the_sex(matches, gender)
        if len(matches) > 1 and " " not in name:
            matches = _named_before(name, mention, matches, surnames)
        if len(matches) == 1:
            cluster, reason = matches[0]
            if reason is not MergeReason.SAME_NAME:
                cluster.reasons.append(reason)
            # A surname used alone refers to a person even when the model tagged it ORG, and a
            # ship's name without its prefix is still the ship.
            short = len(name.split()) < len(cluster.tokens)
            vote = (
                cluster.type
                if short and (cluster.type == "Person" or is_ship(cluster))
                else mention_type
            )
        else:
            # No match, or several (two people share the surname): a cluster of its own.
            cluster = NameCluster(name=name)
            names.add(cluster)
            vote = mention_type
        # Votes are in tenths: a name's words count ten each, an untyped name's one.
        weight = 10 * len(name.split()) if vote else 1
        vote = vote or "Thing"
        written = normalise_name(mention.text)
        if written != name:  # the user's alias file named it (most names are as written)
            alias = MergeReason.USER_ALIAS.say(name=written, other=name)
            if alias not in cluster.reasons:
                cluster.reasons.append(alias)
        cluster.mentions.append(mention)
        cluster.votes[vote] += weight
        by_span[(mention.start, mention.end)] = cluster
    return by_span, names
