"""The resolve stage: mentions to entities, so that one real-world thing is one node.

Within a document, "US Treasury Secretary Scott Bessent", "Scott Bessent", "Bessent" and a later
"He" are one entity; across documents, entities with the same canonical name are one node, and a
bare surname joins a full name elsewhere only when that match is unique and type-compatible.
Everything here is deterministic and explains itself: each merge records its reason.

This module holds the within-document clusters and the corpus index that makes one Entity per
canonical name; ``kg.crossdoc`` decides which names of different documents join, and
``kg.aliasfile`` reads the user's alias file (``load_alias_rules``, importable from here too).
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field, replace
from functools import lru_cache
from typing import NamedTuple, TypeVar

from kg.aliasfile import load_alias_rules as load_alias_rules  # also kg.resolve's, as before
from kg.coref import lexicon
from kg.coref.mentions import PRONOUNS
from kg.coref.names import (
    SCORE_LABEL,
    AliasRules,
    NameCluster,
    NameIndex,
    alias_of,
    entity_type,
    group_names,
    has_legal_form,
    initials,
    is_ship,
    normalise_name,
)
from kg.crossdoc import (
    CONTEXT_LIMIT,
    Game,
    ScoreReport,
    document_context,
    games_of_scores,
    link_across_documents,
    name_cut_from_words_after,
    name_cut_from_words_before,
    names_by_spelling,
    places_named_after,
    spelling_key,
    teams_of_places,
)
from kg.extract.qualifiers import SPEECH_VERBS
from kg.kinds import MergeReason
from kg.labels import COUNT_LABELS, TIME_LABELS, VALUE_LABELS
from kg.structure import headline_sentences
from kg.types import (
    Argument,
    CorefLink,
    Corpus,
    Entity,
    EntityMention,
    Extraction,
    Fact,
    Mention,
    ResolvedDocument,
    ResolvedMention,
    Triple,
)

_T = TypeVar("_T")


@dataclass
class _Description:
    """A chain of descriptions that no sieve linked to a name ("new 100% tariffs on Chinese
    goods", "the 61-year-old man"): a node of its own document, typed by its head concept."""

    label: str  # the first description, without its determiner
    concept: str  # the key of its head concept ("concept:tariff"), shared across documents
    key: str = ""  # set when the document's descriptions are numbered


class _Choice(NamedTuple):
    """The entity a description joins (its key), the names and things it shares with the
    description's document (``common``), and the deed that told it from others sharing as many
    (a (verb, side) pair, _deeds_of), if one had to."""

    common: int
    key: str
    deed: tuple[str, str] | None = None


class _Whereabouts(NamedTuple):
    """What _of_another_place reads of an entity, the same for every document asking: the
    places its documents name or its own name holds, and every word of the names its
    documents name (for _named_within)."""

    places: set[str]
    name_words: frozenset[str]


class _Alike(NamedTuple):
    """What a description's document says of its person, to tell it from others called by its
    noun (_done_alike_instead): its label, what it does in the document's facts (_deeds_of)
    and the one sex its chain says (None when it says none, or both)."""

    label: str
    deeds: frozenset[tuple[str, str]]
    sex: str | None


@dataclass
class _DocumentClusters:
    """One document's entities: its name clusters (grouped under the user's rules) joined by the
    extraction stage's coreference links, and the chains of descriptions no name joined.
    Each mention's node is found by its span or by its head word."""

    names: NameIndex
    rules: AliasRules
    by_span: dict[tuple[int, int], NameCluster]
    # By mention index: its node (a name cluster, a description or None) and why it joined it.
    nodes: list[NameCluster | _Description | None]
    reasons: list[tuple[str, str]]  # (sieve, reason) per mention; ("", "") for a chain's first
    by_head: dict[int, int]  # head offset -> mention index
    descriptions: list[_Description]
    mentions: list[Mention]  # the extraction's, and arguments' names no mention covered
    merged: dict[int, NameCluster]  # id of a name cluster -> the cluster it was joined to
    document_id: str
    # The document's own nodes (descriptions), by key: kept with the document, not the corpus
    # index, so that memory does not grow with the corpus.
    local: dict[str, Entity] = field(default_factory=dict)
    # The spans of place names standing for the place's team, and the team's key: set by pass
    # two (CorpusIndex._teams_acting), once the corpus's teams are known.
    acting: dict[tuple[int, int], str] = field(default_factory=dict)
    # Why those of ``acting`` that are no place acting for its team are what they are read
    # as: (sieve, reason), CorpusIndex._teams_acting and _places_named_after_them.
    acting_reasons: dict[tuple[int, int], tuple[str, MergeReason]] = field(default_factory=dict)
    # What each node does in the document's facts (_deeds_of): read by pass one for its names
    # and by pass two for its descriptions.
    deeds: list[tuple[NameCluster | _Description, tuple[str, str]]] = field(default_factory=list)
    # The names each description stands against in one of the document's facts (_opponents_of):
    # read by pass two, which joins no description to such a name's entity.
    opponents: list[tuple[_Description, NameCluster]] = field(default_factory=list)
    _sorted: list[NameCluster] | None = field(default=None, repr=False, compare=False)
    _by_lower: dict[str, NameCluster] | None = field(default=None, repr=False, compare=False)
    _context: set[str] | None = field(default=None, repr=False, compare=False)

    def referring(self) -> list[Mention]:
        """The mentions given a node (a name cluster or a description) in the document."""
        return [m for m, node in zip(self.mentions, self.nodes, strict=True) if node is not None]

    def context(self) -> set[str]:
        """What the document is about (kg.crossdoc.document_context): read by pass one for the
        names' context and by pass two for its descriptions' links, computed once."""
        if self._context is None:
            self._context = document_context(self)
        return self._context

    def clusters(self) -> list[NameCluster]:
        if self._sorted is None:
            kept = [c for c in self.names.clusters if id(c) not in self.merged]
            self._sorted = sorted(kept, key=lambda c: c.name)
        return self._sorted

    def node_of(self, mention: Mention) -> NameCluster | _Description | None:
        """The node of an argument's mention: that of the document mention with its head word,
        else of the named mention with its span."""
        index = self.by_head.get(mention.head)
        if index is not None:
            return self.nodes[index]
        return self.by_span.get((mention.start, mention.end))

    def find(self, mention: Mention) -> NameCluster | None:
        node = self.node_of(mention)
        if isinstance(node, NameCluster):
            return node
        # An argument's mention may cover a slightly different span than the NER mention
        # (a title stripped); fall back to a name match within the document.
        return self.find_by_name(mention.text, entity_type(mention.label))

    def find_by_name(self, text: str, mention_type: str = "Person") -> NameCluster | None:
        """The one cluster this name can refer to, or None (none, or ambiguous)."""
        name = self.rules.canonical(normalise_name(text))
        if self._by_lower is None:
            self._by_lower = {}
            for cluster in self.clusters():  # the first of a name in clusters() order
                self._by_lower.setdefault(cluster.name.lower(), cluster)
        exact = self._by_lower.get(name.lower())
        if exact is not None:
            return exact
        aliases = {
            id(self.merged.get(id(c), c)): self.merged.get(id(c), c)
            for c in self.names.candidates(name)
            if alias_of(name, c, mention_type)
        }
        return next(iter(aliases.values())) if len(aliases) == 1 else None


# What a description says its entity is ("the actress": a person), as a type vote.
_CLASS_VOTES = {"person": "Person", "organization": "Organization", "place": "Place"}


def document_clusters(extraction: Extraction, rules: AliasRules) -> _DocumentClusters:
    """Group one document's mentions into entities: names by the name rules under the user's
    alias file, then the coreference links of the extraction stage on top (except between
    names the user keeps apart). A chain with a name is that name's entity; a chain of
    descriptions alone is a description node of this document; a pronoun with no antecedent
    refers to nothing kg keeps."""
    mentions = list(extraction.mentions)
    # Arguments that name something no mention covers (a name the recogniser missed and the
    # mention finder did not see either) still get a node of their own; so does a count or a
    # rank heading its phrase ("killing one", "finished sixth"), a description of its
    # document.
    heads = {m.head for m in mentions if m.head >= 0}
    spans = {(m.start, m.end) for m in mentions}
    for triple in extraction.triples:
        for mention in (triple.subject.mention, triple.object.mention):
            span = (mention.start, mention.end)
            if (
                (
                    (mention.kind == "entity" and mention.label not in VALUE_LABELS)
                    or (mention.kind == "concept" and mention.label in COUNT_LABELS)
                )
                and mention.head not in heads
                and span not in spans
            ):
                spans.add(span)
                mentions.append(mention)
    by_span, names = group_names(mentions, rules, extraction.document.text)
    chain = list(range(len(mentions)))

    def root(i: int) -> int:
        while chain[i] != i:
            chain[i] = chain[chain[i]]
            i = chain[i]
        return i

    def cluster_of(i: int) -> NameCluster | None:
        m = mentions[i]
        return by_span.get((m.start, m.end)) if m.kind == "entity" else None

    first_of: dict[int, int] = {}
    for i in range(len(mentions)):
        cluster = cluster_of(i)
        if cluster is not None:
            j = first_of.setdefault(id(cluster), i)
            chain[root(i)] = root(j)
    reasons: list[tuple[str, str]] = [("", "")] * len(mentions)
    # The names in each chain, by its root: a link never joins names the user keeps apart.
    named: dict[int, set[str]] = defaultdict(set)
    if rules.different:
        for i in range(len(mentions)):
            if (cluster := cluster_of(i)) is not None:
                named[root(i)].add(cluster.name)
    # The people each chain names in full, by its root (their surnames, and those of them
    # whose first word is a known given name, of either sex: "Chris"): a link that would make
    # two of them one person is a misreading ("Lopez ... the man ... Carrasquillo"), as is an
    # apposition between two given names and surnames, which is a list ("Charlie Sheen, Ben
    # Affleck"); an apposition may still name who a pseudonym is ("Deep Throat, W. Mark
    # Felt").
    people: dict[int, set[str]] = defaultdict(set)
    given: dict[int, set[str]] = defaultdict(set)
    # The bodies and places each chain names by a name of two words or more ("ABC
    # Entertainment Group"): a link that would make one of them a person named in full is a
    # misreading ("said Paul Lee, president, ABC Entertainment Group": the body read as in
    # apposition to his title). One-word names are left out: a surname the recogniser typed
    # an organisation or a place ("Ortiz") is often the person's.
    bodies: dict[int, set[str]] = defaultdict(set)
    for i in range(len(mentions)):
        cluster = cluster_of(i)
        if cluster is not None and _full_personal_name(cluster):
            people[root(i)].add(cluster.tokens[-1])
            if lexicon.given_name(cluster.tokens[0]):
                given[root(i)].add(cluster.tokens[-1])
        elif cluster is not None and len(cluster.tokens) > 1 and cluster.type in _BODY_TYPES:
            bodies[root(i)].add(cluster.name)
    for link in extraction.links:
        a, b = root(link.mention), root(link.antecedent)
        if a == b:
            continue
        if any(rules.forbids(x, y) for x in named.get(a, ()) for y in named.get(b, ())):
            continue
        apart = given if link.sieve in _IDENTITY_SIEVES else people
        if apart.get(a) and apart.get(b) and not apart[a] & apart[b]:
            continue
        if (given.get(a) and bodies.get(b)) or (bodies.get(a) and given.get(b)):
            continue
        first, second = min(a, b), max(a, b)
        chain[second] = first
        if second in named:
            named[first] |= named.pop(second)
        for index in (people, given, bodies):
            if second in index:
                index[first] |= index.pop(second)
        reasons[link.mention] = (link.sieve, link.reason)
    # Each chain's node.
    members: dict[int, list[int]] = defaultdict(list)
    for i in range(len(mentions)):
        members[root(i)].append(i)
    nodes: list[NameCluster | _Description | None] = [None] * len(mentions)
    descriptions: list[_Description] = []
    merged: dict[int, NameCluster] = {}  # id of a name cluster -> the chain's cluster it joined
    for indices in members.values():
        clusters = []
        for i in indices:
            cluster = cluster_of(i)
            if cluster is not None and cluster not in clusters:
                clusters.append(cluster)
        node: NameCluster | _Description | None = None
        if clusters:
            # The name the document uses most names the chain ("Wladimir Klitschko", not the
            # "Time Heavyweight Champion" of one apposition), a shorter name that is part of
            # it counting for it ("Klitschko"), the fullest among equals; other names in it
            # become its aliases.
            node = max(clusters, key=lambda c: _naming_weight(c, clusters))
            for other in clusters:
                if other is node:
                    continue
                node.mentions.extend(other.mentions)
                if _surname_of(other, node):
                    # A surname written alone is the person's, whatever the recogniser typed
                    # it ("Klitschko" a nationality, "Lohan" a place), as in a name's own
                    # cluster (kg/coref/names.py).
                    node.votes["Person"] += sum(other.votes.values())
                else:
                    node.votes.update(other.votes)
                node.reasons.append(MergeReason.COREFERENCE.say(name=other.name, other=node.name))
                merged[id(other)] = node
                for span, owner in by_span.items():
                    if owner is other:
                        by_span[span] = node
            for i in indices:
                member = mentions[i]
                if member.kind == "concept":
                    vote = _CLASS_VOTES.get(lexicon.noun_class(member.key))
                    if vote:
                        node.votes[vote] += 10  # a name word's weight (kg/coref/names.py)
            # A name that "he" or "she" refers to more than once is a person's, whatever the
            # recogniser typed it ("Bettie Page" an organisation); once may be a misreading
            # ("he" put on "The Hollywood Reporter"). A ship is "she" too.
            said = [i for i in indices if mentions[i].kind == "pronoun" and _gender_of(mentions[i])]
            if len(said) >= 2 and not is_ship(node):
                node.votes["Person"] += 10 * len(said)  # a name word's weight each
        else:
            nominals = [mentions[i] for i in indices if mentions[i].kind == "concept"]
            if nominals:
                opening = nominals[0]
                if opening.label == SCORE_LABEL:
                    # A game's score: its game's node, given in pass two (CorpusIndex._games),
                    # not a description nor a concept ("20-13" is no kind of thing).
                    node = _Description(opening.text, "")
                else:
                    node = _Description(opening.text, concept_key(opening))
                    descriptions.append(node)
        for i in indices:
            nodes[i] = node
    by_head = {m.head: i for i, m in enumerate(mentions) if m.head >= 0}
    found = _DocumentClusters(
        names,
        rules,
        by_span,
        nodes,
        reasons,
        by_head,
        descriptions,
        mentions,
        merged,
        extraction.document.id,
    )
    facts = _facts_by_side(extraction.triples)
    found.deeds = _deeds_of(facts, found)
    found.opponents = _opponents_of(facts, found)
    return found


# Sieves whose links read an identity the text states ("X, the Y", "X is Y", "named X as Y",
# "X, once named Y"): they may join two people's names; other links may not.
_IDENTITY_SIEVES = frozenset({"apposition", "predicate nominative", "role", "naming"})


# Sieves that join a description to a person for no more than being the one its document speaks
# of most (kg/coref/sieves.py), with no identity the text states.
_SALIENCE_SIEVES = frozenset({"description", "opening description"})


# Entity types of names that are no person: a body, a group or a place.
_BODY_TYPES = frozenset({"Organization", "Group", "Place"})


def _full_personal_name(cluster: NameCluster) -> bool:
    return cluster.type == "Person" and len(cluster.tokens) > 1


def _surname_of(short: NameCluster, person: NameCluster) -> bool:
    """Whether the one-word name ``short`` is the surname of the personal name ``person``."""
    return (
        len(short.tokens) == 1
        and _full_personal_name(person)
        and short.tokens[0] == person.tokens[-1]
    )


def _naming_weight(cluster: NameCluster, chain: list[NameCluster]) -> tuple[int, int, int]:
    """How well a name names its chain: the mentions of it and of the chain's names within it,
    then its length, then how early it came."""
    words = set(cluster.tokens)
    uses = sum(len(other.mentions) for other in chain if set(other.tokens) <= words)
    return uses, len(cluster.tokens), -chain.index(cluster)


def concept_key(mention: Mention) -> str:
    """Concepts are keyed by their lemmatised head with compounds: "tariffs" -> "tariff"."""
    return _concept_key(mention.key or mention.text)


@lru_cache(maxsize=1 << 16)  # the same concepts recur in every document
def _concept_key(key: str) -> str:
    # Numbers and symbols ("100 %" in "100% tariffs") qualify a concept, they do not name it.
    words = [w for w in key.lower().split() if any(ch.isalpha() for ch in w)]
    return "concept:" + " ".join(words)


class CorpusIndex:
    """Resolution in two passes, so that a corpus of any size streams through it.

    Pass one (``add``) groups each document's mentions and folds them into a corpus-wide index
    of names, type votes and aliases; only that index is kept, not the documents. ``finish``
    then decides the cross-document links (the homonym guard), and pass two
    (``resolve_document``) resolves each document's facts against the finished index.
    """

    def __init__(self, known: Iterable[Entity] = (), rules: AliasRules | None = None) -> None:
        self.rules = rules or AliasRules()
        self._known = {e.key: e for e in known}
        self._votes: dict[str, Counter[str]] = defaultdict(Counter)
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._reasons: dict[str, list[str]] = defaultdict(list)
        self.entities: dict[str, Entity] = {}
        self._links: dict[str, str] = {}
        # What each name is seen with (the other names and the descriptions' heads of its
        # documents) and in how many documents: the evidence for a cross-document link.
        self._context: dict[str, set[str]] = defaultdict(set)
        self._documents: Counter[str] = Counter()
        # What each name is called in its documents (the head nouns of its titles, appositions
        # and of descriptions chained to it: "actress"), and after ``finish`` the final keys
        # of the entities each noun describes, in order, with the number of documents calling
        # each so (a synonym needs more of them: SYNONYM_CALLED_IN_DOCUMENTS): where a
        # description no name of its own document took may find its entity in another document.
        self._called: dict[str, Counter[str]] = defaultdict(Counter)
        # Of those documents, the ones that call a name so by salience alone (a guess: "the
        # heartless driver" given to Raj Chohan as the person most spoken of); and the
        # documents that write a person description by the noun after the name and keep it
        # apart from the name (the driver who struck her): after ``finish``, guesses those
        # outnumber are not what the entity is called (_unconfirmed_guesses).
        self._guessed: dict[str, Counter[str]] = defaultdict(Counter)
        self._kept_apart: dict[str, Counter[str]] = defaultdict(Counter)
        # After ``finish``, the entities each noun was so guessed of: descriptions by it in
        # other documents do not join them (only the deeds may still tell them apart), and
        # the guesses in their own documents are undone (_part_unlike).
        self._guessed_by: dict[str, list[str]] = {}
        self._described_by: dict[str, dict[str, int]] = {}
        # After ``finish``, the entities each noun describes in any document, once is enough:
        # who else a description may be (_done_alike_instead, _agreeing).
        self._called_anywhere: dict[str, set[str]] = {}
        # Of those, the entities some document calls so in words (a title, an apposition, a
        # chain no salience sieve made): salience gives a story's protagonist the others'
        # descriptions ("the driver" to the woman he struck), and that guess does not say
        # whom a description of another document means: the person its own document names
        # (_named_in_its_own_story) or one of its place (_called_in_its_place).
        self._stated_anywhere: dict[str, set[str]] = {}
        # The nouns of each name's titles and appositions ("publicist Jack Ketsoyan"), and after
        # ``finish`` the entities one document alone titles by each noun: a title is read off
        # the name's own phrase, so one document's may stand where a chained description's
        # may not (CALLED_IN_DOCUMENTS).
        self._titles: dict[str, set[str]] = defaultdict(set)
        # What each name does in its documents' facts, as (verb, side) pairs (_deeds_of), and
        # after ``finish`` by final key: news reports of one event repeat its predicates ("the
        # driver was charged with DWI", "Subryan was charged with DWI"), which tells apart the
        # people of one story that the context a description shares cannot (the driver and
        # the one he hit).
        self._deeds: dict[str, set[tuple[str, str]]] = defaultdict(set)
        # How many documents say each name does each deed: one report's misparse or
        # misjoined pronoun gives a person a deed; two say it (_undergoing_it_here).
        self._deed_documents: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
        self._doers: dict[tuple[str, str], set[str]] = defaultdict(set)  # after ``finish``
        self._titled_once: dict[str, list[str]] = {}
        # How many documents call each name a work and how many a person, by a title, an
        # apposition or a description chained to it by more than salience ("the sequel,
        # Catching Fire"; "director Gary Ross"): a name called a work more often is one,
        # whatever the recogniser tagged it (_kind_called).
        self._kinds_called: dict[str, Counter[str]] = defaultdict(Counter)
        # The ages and nationalities each name's descriptions and titles give it in its
        # documents (_traits: "32-year-old British climber"), and after ``finish`` by final
        # key: a description of another age or nationality elsewhere is someone else.
        self._traits: dict[str, set[tuple[str, str]]] = defaultdict(set)
        # The words each name is called by with a noun of a work, and the noun ("The Hunger
        # Games sequel", "sequel"), and after ``finish`` by final key: a description of a
        # work writing another work's name ("the X-Men: First Class sequel") is no sequel
        # other documents call so without that name (_of_another_work).
        self._work_callings: dict[str, set[tuple[str, str]]] = defaultdict(set)
        # What each name's mentions and titles in its documents say of its sex (_gender_of:
        # "the widow", "she"; and its given name, once a document), counted, and after
        # ``finish`` by final key the sex a clear majority of them gives (_clear_gender).
        self._gender_votes: dict[str, Counter[str]] = defaultdict(Counter)
        self._genders: dict[str, str] = {}
        # The same for its age, from its descriptions, titles and appositions ("the
        # 66-year-old woman"): counted, and after ``finish`` the age a clear majority gives.
        self._age_votes: dict[str, Counter[str]] = defaultdict(Counter)
        self._ages: dict[str, str] = {}
        self._named_by: dict[str, list[str]] = {}
        # The (noun, key) pairs of _named_by whose noun is not the name's last word.
        self._named_before_kind: frozenset[tuple[str, str]] = frozenset()
        # The nouns each name is written right before in its documents ("the Bloomington Sam's
        # Club store"), with the context of each document writing it so, and after ``finish``
        # the bodies written so before each noun of an establishment that no name ends in
        # (_written_before_kinds). The names the recogniser takes for a place somewhere ("a
        # prison in Huntsville", GPE) are a town's, whatever another sentence types them.
        self._kind_nouns: dict[str, dict[str, list[set[str]]]] = defaultdict(
            lambda: defaultdict(list)
        )
        self._written_as_place: set[str] = set()
        # The names some document writes as a place within a country or a state ("Huntsville,
        # Texas", "Abu Talat (Egypt)", "Abu Talat in Egypt"): with a place's tag somewhere,
        # a place, whatever the other mentions' tags (a town read as a body in "a Huntsville
        # prison", a person in "Abu Talat and Marseilles").
        self._within_a_land: set[str] = set()
        # The names some document writes as a person's home, after the person's age ("LuAnn
        # Marie Johnson, 66, of Burnsville"): a town, whatever the recogniser tagged it.
        self._hometowns: set[str] = set()
        # Each place some document writes within another right after it ("Perth, Western
        # Australia", "Brooklyn, New York"): the places it lies in, which a person from the
        # one is from too (_same_trait).
        self._places_around: dict[str, set[str]] = defaultdict(set)
        # The names some document writes with a company's legal form ("Valley Dairy Inc."):
        # companies, whatever the recogniser tagged their other mentions (a person, a place).
        self._legal_forms: set[str] = set()
        # The names some document writes as the source of a story (_a_source): what a
        # statement is given to ("her rep told People"), who reports it ("ITAR-TASS
        # reported") or according to whom it is. News writes so an outlet or a person; one
        # that is no person is an outlet (``finish``).
        self._sources: set[str] = set()
        # The names as some document writes them where a capital says a name (inside a
        # sentence of its body: not its first word, not a title line), and after ``finish``
        # the final keys of the entities written so: a capitalised phrase the parser read as
        # a common noun elsewhere ("Internet") is that name (_written_as_a_name).
        self._written_names: dict[str, set[str]] = defaultdict(set)
        self._writing_documents: Counter[str] = Counter()
        # After ``finish``, the names of entities (lower case: their keys, and the names linked
        # to them) that are no town's (PLACE_LABELS).
        self._body_names: frozenset[str] = frozenset()
        self._written_before: dict[str, dict[str, list[set[str]]]] = {}
        self._place_names: frozenset[str] = frozenset()
        # Each entity's _Whereabouts, made in pass two when a description first weighs it.
        self._whereabouts: dict[str, _Whereabouts] = {}
        # After ``finish``, the teams named after each place (kg.crossdoc.teams_of_places).
        self._teams: dict[str, list[str]] = {}
        # After ``finish``, the place or body each name is the core of (places_named_after).
        self._named_after: dict[str, str] = {}
        # After ``finish``, the names of two words or more by spelling key, for names the
        # recogniser cut in two (kg.crossdoc.names_by_spelling).
        self._names_by_spelling: dict[str, str] = {}
        # The games' scores the documents report, and after ``finish`` the game each denotes,
        # by document and start (kg.crossdoc.games_of_scores).
        self._score_reports: list[ScoreReport] = []
        self._games: dict[tuple[str, int], Game] = {}
        self._finished = False

    def _clusters(self, extraction: Extraction) -> _DocumentClusters:
        return document_clusters(extraction, self.rules)

    def add(self, extraction: Extraction) -> _DocumentClusters:
        """Pass one: fold a document's named mentions into the index. Returns the document's
        clusters, which ``resolve_document`` can take back instead of grouping again."""
        if self._finished:
            raise RuntimeError("CorpusIndex.add after finish")
        clusters = self._clusters(extraction)
        context = clusters.context()
        text = extraction.document.text
        for cluster in clusters.clusters():
            self._votes[cluster.name].update(cluster.votes)
            self._documents[cluster.name] += 1
            known = self._context[cluster.name]
            if len(known) < CONTEXT_LIMIT:
                known.update(context)
            person = cluster.type == "Person"
            for mention in cluster.mentions:
                alias = " ".join(mention.text.split())
                if alias != cluster.name:
                    self._aliases[cluster.name].add(alias)
                # News gives a person's age after the name: "Raj K. Chohan, 59, of Queens".
                if person and (said := _AGE_AFTER_NAME.match(text, mention.end)):
                    self._age_votes[cluster.name][said.group(1)] += 1
            for reason in cluster.reasons:
                if reason not in self._reasons[cluster.name]:
                    self._reasons[cluster.name].append(reason)
            if person and len(cluster.tokens) > 1:
                gender = lexicon.first_name_gender(cluster.tokens[0])
                if gender is not None:
                    self._gender_votes[cluster.name][gender] += 1
        for node, deed in clusters.deeds:
            if isinstance(node, NameCluster):
                self._deeds[node.name].add(deed)
        for name, deed in {(n.name, d) for n, d in clusters.deeds if isinstance(n, NameCluster)}:
            self._deed_documents[name][deed] += 1
        lands = {
            mention.start: named
            for mention, named in zip(clusters.mentions, clusters.nodes, strict=True)
            if isinstance(named, NameCluster) and lexicon.land_name(named.name)
        }
        places = {
            mention.start: named
            for mention, named in zip(clusters.mentions, clusters.nodes, strict=True)
            if isinstance(named, NameCluster) and mention.label in PLACE_LABELS
        }
        people = {
            mention.end: named
            for mention, named in zip(clusters.mentions, clusters.nodes, strict=True)
            if isinstance(named, NameCluster) and named.type == "Person"
        }
        for mention, named in zip(clusters.mentions, clusters.nodes, strict=True):
            if not isinstance(named, NameCluster):
                continue
            if gender := _gender_of(mention):
                self._gender_votes[named.name][gender] += 1
            if mention.label in PLACE_LABELS:
                self._written_as_place.add(named.name)
            if _AGE_BEFORE_HOME.search(text, max(0, mention.start - 12), mention.start):
                self._hometowns.add(named.name)
            # A person's apposition says where the person is from ("Robert Buckley, 36, of
            # London"), as a description does ("a Perth man": _traits); after an age, whatever
            # the recogniser tagged the place (_hometowns).
            home = _HOME_AFTER_NAME.search(text, max(0, mention.start - 40), mention.start)
            if (
                home
                and (resident := people.get(home.start())) is not None
                and (home.group("age") or mention.label in PLACE_LABELS)
            ):
                self._traits[resident.name].add(("home", named.name))
            if mention.label in PLACE_LABELS and (within := _IN_A_LAND.match(text, mention.end)):
                around = places.get(within.end())
                if around is not None and around is not named:
                    self._places_around[named.name].add(around.name)
            if has_legal_form(mention.text):
                self._legal_forms.add(named.name)
            if _a_source(text, mention) and not is_ship(named):
                self._sources.add(named.name)
            if lands and (within := _IN_A_LAND.match(text, mention.end)):
                land = lands.get(within.end())
                if land is not None and land is not named:
                    self._within_a_land.add(named.name)
        self._score_reports += _score_reports(clusters)
        for written, name in set(_names_written_as_names(extraction, clusters)):
            self._written_names[written].add(name)
            self._writing_documents[written] += 1
        calls = list(_what_names_are_called(extraction, clusters))
        called_here = {(call.name, call.noun) for call in calls}
        stated_here = {(call.name, call.noun) for call in calls if not call.by_salience}
        for name, noun in called_here:
            self._called[name][noun] += 1  # documents that call it so
            if (name, noun) not in stated_here:
                self._guessed[name][noun] += 1
        for name, noun in _kept_apart(clusters) - called_here:
            self._kept_apart[name][noun] += 1
        for name, noun in set(_kinds_written_after_names(clusters)):
            self._kind_nouns[name][noun].append(context)
        for name, kind in {
            (call.name, kind)
            for call in calls
            if not call.by_salience and (kind := _kind_called(call.noun, call.words))
        }:
            self._kinds_called[name][kind] += 1
        for name, words, noun, titled, by_salience in calls:
            if lexicon.is_work(noun):
                self._work_callings[name].add((noun, words.lower()))
            traits = _traits(words, noun)
            self._traits[name] |= traits
            if not by_salience:
                # The ages salience alone put on a name ("the 36-year-old driver" on the woman
                # he struck) are what the ages it is known by are to check (_part_unlike).
                self._age_votes[name].update(value for kind, value in traits if kind == "age")
            if titled:
                self._titles[name].add(noun)
                # a title or apposition says the sex too ("actress Maria Delgado"); a
                # description chained to the name was counted with its mentions
                if gender := lexicon.noun_gender(noun):
                    self._gender_votes[name][gender] += 1
        return clusters

    def finish(self) -> None:
        """One Entity per canonical name, typed by the votes of all its mentions; then links."""
        for name, counter in self._votes.items():
            probe = NameCluster(name=name, votes=counter)
            self.entities[name] = Entity(
                key=name,
                label=name,
                type=probe.type,  # type: ignore[arg-type]
                aliases=tuple(sorted(self._aliases[name])),
                merge_reasons=tuple(self._reasons[name]),
            )
        for key, entity in self._known.items():
            self.entities.setdefault(key, entity)
        self._links = link_across_documents(
            self.entities, self.rules, self._context, self._documents
        )
        self._teams = teams_of_places(self.entities, self._links)
        self._named_after = places_named_after(self.entities, self._links)
        self._names_by_spelling = names_by_spelling(self.entities, self._links)
        # A team is a body, whatever the votes of its place's word ("Jacksonville Jaguars"
        # tagged a place) or of a nickname read as a title made it.
        for teams in self._teams.values():
            for team in teams:
                if self.entities[team].type != "Organization":
                    self.entities[team] = replace(self.entities[team], type="Organization")
        # Documents calling an entity so, over all its names ("Lohan" in one, "Lindsay Lohan"
        # in another: two documents call her an actress).
        called = self._counted_by_entity(self._called)
        unconfirmed = self._unconfirmed_guesses(called)
        guessed_by: dict[str, list[str]] = defaultdict(list)
        for key, noun in sorted(unconfirmed):
            guessed_by[noun].append(key)
        self._guessed_by = dict(guessed_by)
        self._deeds = self._gathered_by_entity(self._deeds)
        self._deed_documents = self._counted_by_entity(self._deed_documents)
        # Who does each deed: the people who may play a part (_playing_the_part), found
        # without reading every entity of the corpus for each description.
        self._doers = defaultdict(set)
        for key, deeds in self._deeds.items():
            for deed in deeds:
                self._doers[deed].add(key)
        self._traits = self._gathered_by_entity(
            {name: self._homes_known(traits) for name, traits in self._traits.items()}
        )
        self._work_callings = self._gathered_by_entity(self._work_callings)
        self._written_names = {
            written: {self._links.get(name, name) for name in names}
            for written, names in self._written_names.items()
        }
        votes = self._counted_by_entity(self._gender_votes)
        self._genders = {
            key: gender for key, counted in votes.items() if (gender := _clear_gender(counted))
        }
        ages = self._counted_by_entity(self._age_votes)
        self._ages = {key: age for key, counted in ages.items() if (age := _clear_age(counted))}
        titles = self._gathered_by_entity(self._titles)
        self._types_from_what_documents_write(titles)
        called_anywhere: dict[str, set[str]] = defaultdict(set)
        stated_anywhere: dict[str, set[str]] = defaultdict(set)
        described_by: dict[str, dict[str, int]] = defaultdict(dict)
        titled_once: dict[str, list[str]] = defaultdict(list)
        guessed = self._counted_by_entity(self._guessed)
        for key, nouns in called.items():
            for noun, documents in nouns.items():
                called_anywhere[noun].add(key)
                if documents > guessed[key][noun]:
                    stated_anywhere[noun].add(key)
                if (key, noun) in unconfirmed:
                    continue
                if documents >= CALLED_IN_DOCUMENTS:
                    described_by[noun][key] = documents
                elif noun in titles.get(key, ()):
                    titled_once[noun].append(key)
        self._called_anywhere = dict(called_anywhere)
        self._stated_anywhere = dict(stated_anywhere)
        self._described_by = {
            noun: dict(sorted(keys.items())) for noun, keys in described_by.items()
        }
        self._titled_once = {noun: sorted(keys) for noun, keys in titled_once.items()}
        # A body or a place whose name ends in a common noun of its kind is one ("Harbor
        # Clinic", "Indian Navy"): a description by that noun elsewhere may be it. So is each
        # noun of its kind written before that one ("Staunton Police Department" is a police
        # as much as a department: "the police" of another report may be it).
        named_by: dict[str, list[str]] = defaultdict(list)
        named_before_kind: set[tuple[str, str]] = set()
        for key, entity in self.entities.items():
            words = entity.label.split()
            if len(words) > 1 and entity.type in _NAMED_KINDS:
                for noun in _kind_nouns_ending(words):
                    named_by[noun].append(key)
                    if noun != words[-1].lower():
                        named_before_kind.add((noun, key))
        self._named_by = dict(named_by)
        self._named_before_kind = frozenset(named_before_kind)
        self._place_names = frozenset(
            key.lower() for key, entity in self.entities.items() if entity.type == "Place"
        )
        self._written_before = self._written_before_kinds()
        if self._score_reports:
            self._games, games = games_of_scores(self._score_reports, self._side_of, self.entities)
            self._score_reports.clear()
            for game in games:
                self.entities[game.key] = game
        # Each writing document's context was kept for its places only, now read.
        self._kind_nouns.clear()
        towns = {name.lower() for name in self._written_as_place}
        self._body_names = frozenset(
            name.lower()
            for name, key in [*self._links.items(), *((key, key) for key in self.entities)]
            if name.lower() not in towns and key.lower() not in towns
        )
        self._finished = True

    def _side_of(self, name: str) -> str:
        """The final key of a name a score's report names: a place's one team, where the
        corpus names one after it, as a place acting in a story of teams is (_teams_acting)."""
        key = self._links.get(name, name)
        teams = self._teams.get(key, [])
        return teams[0] if len(teams) == 1 else key

    def _unconfirmed_guesses(self, called: Mapping[str, Counter[str]]) -> set[tuple[str, str]]:
        """The (entity key, noun) pairs that every document calling the entity by the noun
        calls it so by salience alone, and that more documents naming the entity keep a
        description by the noun apart from: the sieves that guess by salience give a story's
        protagonist the descriptions of the others in it ("the heartless driver" to the
        woman he struck, "the suspect" to the chief he shot, "the officer" to the teenager
        the police shot), and other reports of the story, which name both, tell them apart.
        Such a guess does not make the entity one that descriptions by the noun in other
        documents may join (``called`` counts the documents calling each entity so)."""
        guessed = self._counted_by_entity(self._guessed)
        kept_apart = self._counted_by_entity(self._kept_apart)
        return {
            (key, noun)
            for key, nouns in guessed.items()
            for noun, documents in nouns.items()
            if documents == called[key][noun] and kept_apart[key][noun] > documents
        }

    def _counted_by_entity(self, per_name: Mapping[str, Counter[_T]]) -> dict[str, Counter[_T]]:
        """What is counted per name, pooled over the names each entity is linked from (by its
        key): "Lohan" called an actress in one document, "Lindsay Lohan" in another."""
        pooled: dict[str, Counter[_T]] = defaultdict(Counter)
        for name, counted in per_name.items():
            pooled[self._links.get(name, name)].update(counted)
        return pooled

    def _gathered_by_entity(self, per_name: Mapping[str, Iterable[_T]]) -> dict[str, set[_T]]:
        """What is gathered per name (deeds, traits, titles), pooled over the names each
        entity is linked from (by its key)."""
        pooled: dict[str, set[_T]] = defaultdict(set)
        for name, found in per_name.items():
            pooled[self._links.get(name, name)].update(found)
        return pooled

    def _types_from_what_documents_write(self, titles: Mapping[str, set[str]]) -> None:
        """Types that what the documents write of a name gives it over the recogniser's votes:
        a work, a place, an outlet. (``finish``, once the names are linked and their sexes
        known; ``titles``, the nouns of the titles each entity is given.)"""
        self._retype_works()
        self._retype_places()
        self._retype_outlets(titles)
        self._retype_companies()

    def _retype_works(self) -> None:
        """A name two documents or more call a work, and more of them than call it a person,
        is one: the recogniser tags a film's title a person ("Catching Fire") or a place
        ("New Moon"), the documents call it "the sequel" and "the film". One document may
        misread ("Microsoft ... the blog"). A name its mentions give a sex is a person's,
        whom a film's title may have taken in ("The Notorious Bettie Page"), and a
        country's name stays the country's, whose films are fewer than its mentions
        ("Australia")."""
        for key, kinds in self._counted_by_entity(self._kinds_called).items():
            called_a_work = self.entities.get(key)
            if (
                called_a_work is not None
                and kinds["Work"] >= CALLED_IN_DOCUMENTS
                and kinds["Work"] > kinds["Person"]
                and called_a_work.type != "Work"
                and key not in self._genders
                and not lexicon.land_name(key)
            ):
                self.entities[key] = replace(called_a_work, type="Work")

    def _retype_places(self) -> None:
        """A name the recogniser tags a place somewhere and some document writes as a place
        within a country or a state is a place: "Huntsville" is an organisation in "a
        Huntsville prison" and "a prison unit in Huntsville", "Abu Talat" a person in
        "between Abu Talat and Marseilles", but "Huntsville, Texas" and "Abu Talat
        (Egypt)" are towns; so is a name written as a person's home ("Johnson, 66, of
        Burnsville"). Not a person's name: one with a given name ("Mark Rockwell,
        California") or a sex ("Costas Karamanlis, Greece is still awaiting ...", and
        "he" eight times)."""
        for name in sorted((self._within_a_land & self._written_as_place) | self._hometowns):
            key = self._links.get(name, name)
            town = self.entities.get(key)
            if (
                town is not None
                and town.type != "Place"
                and not _given_name_first(key)
                and key not in self._genders
            ):
                self.entities[key] = replace(town, type="Place")

    def _retype_companies(self) -> None:
        """A name some document writes with a company's legal form is a company's: "Harry
        Winston Diamond Corp." (tagged a person, after the jeweller it is named for), "Valley
        Dairy Inc." (a place where its dairy stands). A given name in it says whom the company
        is named for, not that it is someone ("Harry", "Corwin"), so no sex is asked."""
        for name in sorted(self._legal_forms):
            key = self._links.get(name, name)
            company = self.entities.get(key)
            if company is not None and company.type != "Organization":
                self.entities[key] = replace(company, type="Organization")

    def _retype_outlets(self, titles: Mapping[str, set[str]]) -> None:
        """A source of a story that is no person is an outlet: "People" (the magazine) tagged
        a person, "ONE News" and "ITAR-TASS" things. A person is told things and reports
        them too: one with a given name ("told Roy Williams"), a sex ("told Nixon", "he"
        elsewhere) or a person's title ("Mayor Tarrow")."""
        for name in sorted(self._sources):
            key = self._links.get(name, name)
            outlet = self.entities.get(key)
            if (
                outlet is not None
                and outlet.type in _TYPES_AN_OUTLET_IS_READ_AS
                and not _given_name_first(key)
                and key not in self._genders
                and not any(lexicon.noun_class(title) == "person" for title in titles[key])
            ):
                self.entities[key] = replace(outlet, type="Organization")

    def _written_before_kinds(self) -> dict[str, dict[str, list[set[str]]]]:
        """For each noun of an establishment (a store, a prison: WordNet's establishment, a
        place a body keeps, lexicon.is_establishment) that no name of the corpus ends in, the
        bodies whose name is written right before it ("the Sam's Club store", "the Casty
        store"): the store one document names so is what "a store in Bloomington" of another
        may be. Not a building, a home or an area, which bear the name of their owner or of
        their place ("the Kappa-Marousi building", "the Thissio area") without being it.

        A body's only: "the Atlanta courthouse" is in Atlanta, not Atlanta; nor a name the
        recogniser takes for a town's anywhere: "a Huntsville prison" of one sentence is "a
        prison in Huntsville" of others. A noun some name ends in ("West Coast Bank") leaves
        the bank to that name: "the Woodburn bank" (a town the recogniser took for a body) is
        not another one. Each body comes with the places named by each document writing it
        before the noun, for _of_its_writers_places."""
        written_before: dict[str, dict[str, list[set[str]]]] = defaultdict(dict)
        for name, nouns in sorted(self._kind_nouns.items()):
            key = self._links.get(name, name)
            if (
                key not in self.entities
                or self.entities[key].type != "Organization"
                or key in self._written_as_place
                or name in self._written_as_place
            ):
                continue
            for noun, contexts in sorted(nouns.items()):
                if noun not in self._named_by and lexicon.is_establishment(noun):
                    places = written_before[noun].setdefault(key, [])
                    places.extend(context & self._place_names for context in contexts)
        return {noun: dict(bodies) for noun, bodies in written_before.items()}

    def _of_its_writers_places(self, key: str, noun: str, places_here: set[str]) -> bool:
        """Whether a document naming the places ``places_here`` may speak of the ``noun`` of
        ``key`` that other documents write as "<key> <noun>": unless one of those documents
        names places and none of them meets one of ``places_here``. A chain's name before
        its supermarket says which of its supermarkets the story of Wellington's fire speaks
        of; "the supermarket in Banstead" of another story is another of its stores."""
        writers = [places for places in self._written_before[noun][key] if places]
        return not (places_here and writers) or any(
            _places_meet(places, places_here) for places in writers
        )

    def _bodies_written_before_head(self, mention: Mention) -> set[str]:
        """The names of the corpus's bodies and people (lower case) that a description writes
        before its head, as runs of capitalised words: "the Harry Winston jewellery store"
        gives "harry winston", "the Sam's Club store" "sam's club"; not a place's ("the Paris
        store" says where the store is), nor capitalised words that name nothing ("Upmarket
        jewellery store" opening a sentence). Read from the words, not the recogniser's
        mentions, which often take "Harry Winston store" whole or "Sam" for a person."""
        words = mention.text[: mention.head - mention.start].split()
        found: set[str] = set()
        for i, word in enumerate(words):
            if not word[:1].isupper():
                continue
            for j in range(i + 1, len(words) + 1):
                if not words[j - 1][:1].isupper():
                    break
                name = " ".join(words[i:j]).removesuffix("'s").removesuffix("’s").lower()
                if name in self._body_names:
                    found.add(name)
        return found

    def key_of(self, cluster: NameCluster) -> str:
        return self._links.get(cluster.name, cluster.name)

    def resolve_document(
        self, extraction: Extraction, clusters: _DocumentClusters | None = None
    ) -> ResolvedDocument:
        """Pass two: one document's facts with their arguments resolved to entity keys."""
        if not self._finished:
            self.finish()
        clusters = clusters or self._clusters(extraction)
        merges: set[tuple[str, str]] = set()
        if self._described_by:
            merges |= self._correct_descriptions(clusters)
        if self._genders or self._ages:
            self._part_unlike(clusters, extraction.links)
        if self._described_by or self._named_by or self._written_before or self._written_names:
            merges |= self._link_descriptions(clusters)
        if self._games:
            merges |= self._score_games(clusters)
        for description in clusters.descriptions:
            self._key(description, clusters)
        key_of = self.key_of
        teams = clusters.acting = self._teams_acting(
            clusters, extraction.links, extraction.document.text
        )
        for span, named_after in self._places_named_after_them(clusters).items():
            teams.setdefault(span, named_after)
            clusters.acting_reasons[span] = ("place_named_after", MergeReason.PLACE_NAMED_AFTER)
        for span, (whole, why) in self._names_cut(clusters, extraction.document.text).items():
            if span not in teams:
                teams[span] = whole
                clusters.acting_reasons[span] = ("name_cut", why)

        def entity(key: str) -> Entity:
            return clusters.local.get(key) or self.entities[key]

        facts = []
        seen: set[tuple[object, ...]] = set()
        mentions: set[EntityMention] = {
            EntityMention(
                teams.get((m.start, m.end)) or key_of(c), " ".join(m.text.split()), m.sentence
            )
            for c in clusters.clusters()
            for m in c.mentions
        }
        resolved_mentions = []
        for index, mention in enumerate(clusters.mentions):
            node = clusters.nodes[index]
            key = self._key(node, clusters) if node is not None else None
            sieve, reason = clusters.reasons[index]
            if (mention.start, mention.end) in teams:
                key = teams[(mention.start, mention.end)]
                if mention.kind == "entity":
                    # A pronoun keeps the link to the name it refers to, which says why.
                    sieve, why = clusters.acting_reasons.get(
                        (mention.start, mention.end),
                        ("place_for_its_team", MergeReason.PLACE_FOR_ITS_TEAM),
                    )
                    reason = why.say(name=" ".join(mention.text.split()), other=entity(key).label)
                    merges.add((key, reason))
            resolved_mentions.append(ResolvedMention(mention, key, sieve, reason))
            if key is not None and mention.kind != "entity":
                # Described or referred to here: mentioned in this sentence, by its own name.
                mentions.add(EntityMention(key, entity(key).label, mention.sentence))
        for triple in extraction.triples:
            subject = self._node_for(triple.subject.mention, clusters)
            if subject is None:
                continue
            obj = self._node_for(triple.object.mention, clusters)
            if obj == subject and triple.object.mention.kind == "pronoun":
                # A plain pronoun object never refers to its own clause's subject (that would be
                # "itself"): "the White House may extend it" is not about extending the White
                # House. Rather than guess again, the fact is dropped.
                continue
            literal = ""
            if obj == subject and _says_what_it_is(triple):
                # "Tara Reid, a social drinker" and "Reid was a social drinker": the description
                # is Tara Reid (coreference links it), so the fact would read "Tara Reid - be -
                # Tara Reid". What it says is the words: the object is kept as written.
                literal = _what_it_is_called(triple, entity(subject))
                if not literal:
                    continue  # "Taradise, the show Taradise": nothing said
                obj = None
            elif obj is None:
                if triple.object.mention.kind in ("clause", "literal") or _is_time(
                    triple.object.mention
                ):
                    literal = triple.object.text
                else:
                    continue  # an unresolved pronoun: no fact is better than a wrong one
            attribution = place = None
            source = triple.qualifiers.attribution_mention
            if source is not None:
                attribution = self._node_for(source, clusters)
            if triple.qualifiers.place_mention is not None:
                place = self._node_for(triple.qualifiers.place_mention, clusters)
            identity = (subject, triple.relation, obj, literal, _qualifier_identity(triple))
            if identity in seen:
                continue  # the same fact said twice in one document is one fact
            seen.add(identity)
            for key in (subject, obj):
                if key and entity(key).type in ("Nominal", "Concept"):
                    mentions.add(EntityMention(key, entity(key).label, triple.sentence.index))
            facts.append(Fact(subject, obj, triple, literal, attribution, place))
        roles: set[tuple[str, str]] = set()
        for role in extraction.roles:
            cluster = clusters.find(role.holder)
            if cluster is not None:
                key = key_of(cluster)
                roles.add((key, role.title))
                holder = self.entities[key]
                if role.title not in holder.roles:
                    self.entities[key] = replace(holder, roles=holder.roles + (role.title,))
        merges |= {(key_of(c), reason) for c in clusters.clusters() for reason in c.reasons}
        merges |= {
            (target, self._link_reason(name, target))
            for c in clusters.clusters()
            if (name := c.name) in self._links and (target := self._links[name])
        }
        return ResolvedDocument(
            extraction,
            tuple(facts),
            tuple(sorted(mentions, key=lambda m: (m.sentence, m.key, m.text))),
            tuple(sorted(roles)),
            tuple(sorted(merges)),
            tuple(sorted(resolved_mentions, key=lambda r: (r.mention.start, -r.mention.end))),
            tuple(clusters.local.values()),
        )

    def _score_games(self, clusters: _DocumentClusters) -> set[tuple[str, str]]:
        """Gives each score mention of the document its game's node (``finish``), with the
        reason it joined an earlier report of the game; returns the reasons for the graph."""
        merges = set()
        for index, mention in enumerate(clusters.mentions):
            node = clusters.nodes[index]
            game = self._games.get((clusters.document_id, mention.start))
            if mention.label != SCORE_LABEL or game is None or not isinstance(node, _Description):
                continue
            node.key = game.key
            if game.reason:
                clusters.reasons[index] = ("score_of_one_game", game.reason)
                merges.add((game.key, game.reason))
        return merges

    def _link_reason(self, name: str, target: str) -> str:
        """Why ``name`` joined ``target`` across documents: the reason the cross-document rule
        recorded on the target ("'Jags' is 'Jacksonville Jaguars', its name clipped ..."),
        or, where the name joined a name that joined another in turn, that it is the one
        match."""
        said = f"'{name}' "
        return next(
            (r for r in self.entities[target].merge_reasons if r.startswith(said)),
            f"'{name}' matches only '{target}' in the corpus",
        )

    def _teams_acting(
        self, clusters: _DocumentClusters, links: Sequence[CorefLink] = (), text: str = ""
    ) -> dict[tuple[int, int], str]:
        """The spans of this document's place names that stand for the place's team: a name
        acting as an agent ("Indianapolis (10-5) clinched a berth", ``Mention.acts_as_agent``)
        in a story that names a team: the team of that place the document names (the one it
        names most if several: "the Colts", the Indianapolis Colts), else the one team the
        corpus names after the place ("overcame Jacksonville 31-24" in a story of the Colts
        alone). A town acting in a story that names no team is its people or government
        ("Springfield approved a budget"), and a town as where something is ("at home in
        Indianapolis") is the town: both keep the place's node. A place's name that the
        document ``text`` writes right before its team's nickname is the first words of the
        team's name, which the recogniser cut in two ("Indianapolis" of "Indianapolis Colts
        wide receiver Marvin Harrison"), whatever its grammar. A pronoun that coreference
        ``links`` to such a name, or to such a pronoun, is the team too ("Creighton stretched
        its lead")."""
        if not self._teams:
            return {}
        named: Counter[str] = Counter()
        for cluster in clusters.clusters():
            named[self.key_of(cluster)] += len(cluster.mentions)
        if not any(named[t] for teams in self._teams.values() for t in teams):
            return {}
        acting: dict[tuple[int, int], str] = {}
        stands_for: dict[int, set[str]] = defaultdict(set)  # a place's chain: its teams here
        for mention, node in zip(clusters.mentions, clusters.nodes, strict=True):
            if not isinstance(node, NameCluster):
                continue
            place = self.key_of(node)
            if self.entities[place].type != "Place":
                continue
            cut = _team_cut_after(text, mention.end, place, self._teams.get(place, ()))
            if cut is not None:
                acting[(mention.start, mention.end)] = cut
                clusters.acting_reasons[(mention.start, mention.end)] = (
                    "team_name_cut",
                    MergeReason.TEAM_NAME_CUT,
                )
                continue
            if not mention.acts_as_agent:
                continue
            # The place's own name or its acronym ("KC"), not another name its chain took in
            # ("the CHP said", read as San Diego's).
            written = self.rules.canonical(normalise_name(mention.text))
            if written not in (place, node.name) and written != initials(place):
                continue
            teams = self._teams.get(place, [])
            here = [t for t in teams if named[t]]
            if here:
                acting[(mention.start, mention.end)] = max(here, key=lambda t: (named[t], t))
            elif len(teams) == 1:
                acting[(mention.start, mention.end)] = teams[0]
            if (mention.start, mention.end) in acting:
                stands_for[id(node)].add(acting[(mention.start, mention.end)])
        # A place's name that stands for one team where it acts stands for it wherever the
        # story does not say where something is: the object of a deed ("McDermott fuels
        # Creighton past Drake", "help North Carolina beat Evansville") is the team that acts
        # elsewhere in the story, while "in Indianapolis" stays the town.
        for mention, node in zip(clusters.mentions, clusters.nodes, strict=True):
            span = (mention.start, mention.end)
            if (
                span in acting
                or not isinstance(node, NameCluster)
                or len(teams_here := stands_for.get(id(node), set())) != 1
                or mention.kind != "entity"
                or mention.the_place_itself
                or self.rules.canonical(normalise_name(mention.text)) != node.name
            ):
                continue
            (acting[span],) = teams_here
            clusters.acting_reasons[span] = (
                "place_for_its_team",
                MergeReason.PLACE_FOR_ITS_TEAM_HERE,
            )
        if acting:
            mentions = clusters.mentions
            for link in sorted(links, key=lambda k: k.mention):
                pronoun, antecedent = mentions[link.mention], mentions[link.antecedent]
                team = acting.get((antecedent.start, antecedent.end))
                if team is not None and pronoun.kind == "pronoun":
                    acting[(pronoun.start, pronoun.end)] = team
        return acting

    def _names_cut(
        self, clusters: _DocumentClusters, text: str
    ) -> dict[tuple[int, int], tuple[str, MergeReason]]:
        """The spans of this document's names that are a piece of a longer name the corpus
        writes whole, cut by the recogniser from the capitalised words before them ("the
        Aoraki Mount Cook| National Park", "Telecom| Egypt") or after them ("Hawaiian|
        Gardens", "INS| Tabar"): that name's key and the reason
        (kg.crossdoc.name_cut_from_words_before, name_cut_from_words_after). Whatever
        coreference joined the piece to (the name before it, as an apposition; the country
        Egypt), it is the whole name's. When every name of a chain is such a piece of one name,
        the chain's descriptions and pronouns are that name's too ("the park"). Not a person's
        name, where the words around are titles ("Angels GM| Tony Reagins")."""
        if not self._names_by_spelling:
            return {}
        found: dict[tuple[int, int], tuple[str, MergeReason]] = {}
        wholes: dict[int, set[str | None]] = defaultdict(set)
        for mention, node in zip(clusters.mentions, clusters.nodes, strict=True):
            if mention.kind != "entity" or not isinstance(node, NameCluster):
                continue
            written = " ".join(mention.text.split())
            why = MergeReason.NAME_CUT_FROM_WORDS_BEFORE
            whole = name_cut_from_words_before(
                written, text[: mention.start], self._names_by_spelling
            )
            if whole is None:
                why = MergeReason.NAME_CUT_FROM_WORDS_AFTER
                whole = name_cut_from_words_after(
                    written, text[mention.end :], self._names_by_spelling
                )
            if whole is not None and "Person" in (
                self.entities[whole].type,
                self.entities[self.key_of(node)].type,
            ):
                whole = None  # the words before a person's name are titles ("Angels GM")
            wholes[id(node)].add(whole)
            if whole is not None:
                found[(mention.start, mention.end)] = (whole, why)
        for mention, node in zip(clusters.mentions, clusters.nodes, strict=True):
            if not isinstance(node, NameCluster):
                continue
            if len(told := wholes[id(node)]) == 1:
                (whole,) = told
                if whole is not None:
                    found.setdefault(
                        (mention.start, mention.end),
                        (whole, MergeReason.NAME_CUT_FROM_WORDS_BEFORE),
                    )
        return found

    def _places_named_after_them(self, clusters: _DocumentClusters) -> dict[tuple[int, int], str]:
        """The spans of this document's names that stand for the place or body the corpus
        names after them with a word for its kind ("Betty Ford" for the Betty Ford Center):
        a name the document writes as a place at least once ("checked into Betty Ford",
        ``Mention.written_as_place``) and never as one who acts ("Betty Ford said"), every
        mention of it then. A person the document has act stays the person, and a place's
        own name is where it is ("in Fulton County" is no Fulton County Courthouse)."""
        if not self._named_after:
            return {}
        found: dict[tuple[int, int], str] = {}
        for cluster in clusters.clusters():
            key = self.key_of(cluster)
            place = self._named_after.get(key)
            if (
                place is not None
                and self.entities[key].type != "Place"
                and any(m.written_as_place for m in cluster.mentions)
                and not any(m.acts_as_agent for m in cluster.mentions)
            ):
                found.update({(m.start, m.end): place for m in cluster.mentions})
        return found

    def _link_descriptions(self, clusters: _DocumentClusters) -> set[tuple[str, str]]:
        """Descriptions of this document that no name of it took, joined to the one entity of
        the corpus that other documents call by the description's head noun ("the actress":
        Lindsay Lohan, called an actress elsewhere) or whose name ends in it ("the clinic": the
        Harbor Clinic), when the two share context and no other such entity shares as much
        (the homonym guard of kg.crossdoc); failing that, to the one that other documents call
        by a WordNet synonym of it ("the boss": the one called "chief"). Only singular
        descriptions of people, bodies, places and named things (ships, laws): "officials" are
        not one named thing. Returns the merge reasons, for the entities' records."""
        context = clusters.context()
        merges: set[tuple[str, str]] = set()
        first_mention = {
            id(node): i
            for i, node in reversed(list(enumerate(clusters.nodes)))
            if isinstance(node, _Description)
        }
        named_here = {self.key_of(cluster) for cluster in clusters.clusters()}
        # The people the document names in full, lower case, as contexts hold names.
        people_here = {
            cluster.name.lower()
            for cluster in clusters.clusters()
            if cluster.type == "Person" and len(cluster.name.split()) > 1
        }
        done_here: dict[int, set[tuple[str, str]]] = defaultdict(set)
        for node, pair in clusters.deeds:
            if isinstance(node, _Description):
                done_here[id(node)].add(pair)
        # The entities each description's own document has it act on or be acted on by: not
        # it, whatever other documents call them ("the driver" who hit Raj Chohan).
        against: dict[int, set[str]] = defaultdict(set)
        for description, name in clusters.opponents:
            against[id(description)].add(self.key_of(name))
        # Each description's mentions, and what they say of its age and nationality, and of
        # its sex (its nouns and pronouns: "the girl", "the driver ... he drove off").
        written: dict[int, list[Mention]] = defaultdict(list)
        described_as: dict[int, set[tuple[str, str]]] = defaultdict(set)
        sexes: dict[int, set[str]] = defaultdict(set)
        # The names each description of a work writes in its own words, by their keys ("the
        # X-Men: First Class sequel"), from the document's names where they stand, gathered
        # only for a document that describes a work (few do).
        names_at: list[tuple[int, int, str]] | None = None
        names_written: dict[int, set[str]] = defaultdict(set)
        # The descriptions written as someone's ("her 11-year-old daughter", "Horton's
        # daughter"): who they are depends on whose they are.
        possessors = {
            mention.end + 1 for mention in clusters.mentions if mention.text.lower() in _POSSESSIVES
        }
        possessed: set[int] = set()
        for mention, chain in zip(clusters.mentions, clusters.nodes, strict=True):
            if not isinstance(chain, _Description):
                continue
            if mention.kind == "concept" and mention.key:
                written[id(chain)].append(mention)
                if mention.start in possessors or _POSSESSOR_WRITTEN.search(
                    mention.text, 0, mention.head - mention.start
                ):
                    possessed.add(id(chain))
                if lexicon.is_work(mention.key.rsplit(" ", 1)[-1]):
                    if names_at is None:
                        names_at = self._names_at(clusters)
                    names_written[id(chain)].update(
                        key
                        for start, end, key in names_at
                        if start < mention.end and mention.start < end
                    )
                described_as[id(chain)] |= _traits(mention.text, mention.key.rsplit(" ", 1)[-1])
            if sex := _gender_of(mention):
                sexes[id(chain)].add(sex)
        for description in clusters.descriptions:
            deeds = frozenset(done_here.get(id(description), ()))
            opposed = against.get(id(description), set())
            traits = self._homes_known(described_as.get(id(description), set()))
            said = sexes.get(id(description), set())
            # What the description does there, and the one sex its chain says, if it says
            # one: who it is when the person called by its noun does none of it.
            alike = _Alike(description.label, deeds, next(iter(said)) if len(said) == 1 else None)
            noun = description.concept.rsplit(" ", 1)[-1].removeprefix("concept:")
            as_a_name = self._written_as_a_name(
                noun, description, written[id(description)], context, opposed
            )
            if as_a_name is not None:
                (common, key, _), words = as_a_name
                reason = MergeReason.WRITTEN_NAME_ACROSS_DOCUMENTS.say(
                    name=words, other=self.entities[key].label, common=common
                )
                self._join(description, key, reason, clusters, first_mention, merges)
                continue
            if noun not in description.label.lower().replace("-", " ").split():
                # plural ("officials"), or a head the label does not show (a hyphenated word
                # shows its last piece: "ex-employee", "co-workers"); members of a body may
                # stand for it ("the cops": the police force)
                members = self._body_of_members(
                    noun, written[id(description)], context, opposed, named_here
                )
                if members is not None:
                    body, (common, key, _) = members
                    reason = MergeReason.MEMBERS_ACROSS_DOCUMENTS.say(
                        name=description.label,
                        other=self.entities[key].label,
                        head=noun,
                        body=body,
                        common=common,
                    )
                    self._join(description, key, reason, clusters, first_mention, merges)
                continue
            noun_class = lexicon.noun_class(noun)
            if noun_class == "thing":
                # "driver", "climber": a person's, as the mention finder reads them; not an
                # animal's noun ("the pet dog"), whose person senses are insults.
                noun_class = lexicon.description_class(noun)
            if noun_class == "person" and id(description) not in possessed:
                aged = self._of_its_age(noun, traits, alike.sex, context, opposed)
                if aged is not None:
                    (common, key, _), age, sex = aged
                    reason = MergeReason.OF_ITS_AGE_ACROSS_DOCUMENTS.say(
                        name=description.label,
                        other=self.entities[key].label,
                        age=age,
                        sex=sex,
                        common=common,
                    )
                    self._join(description, key, reason, clusters, first_mention, merges)
                    continue
            wanted = {t for c in lexicon.noun_classes(noun) for t in _DESCRIBED_TYPES.get(c, ())}
            if lexicon.is_work(noun):
                # "the sequel", "the film", "the show": WordNet files films and shows under
                # events, which the rule leaves out, but a work's title names one.
                wanted.add("Work")
            # Called so by other documents: people and bodies; named so: bodies and places.
            candidates = {
                key: MergeReason.DESCRIBED_ACROSS_DOCUMENTS
                for key in self._described_by.get(noun, ())
                if key in self.entities and self.entities[key].type in wanted
            }
            if noun_class in ("organization", "place"):
                for key in self._named_by.get(noun, ()):
                    candidates.setdefault(
                        key,
                        MergeReason.NAMED_BEFORE_ITS_KIND_ACROSS_DOCUMENTS
                        if (noun, key) in self._named_before_kind
                        else MergeReason.NAMED_ACROSS_DOCUMENTS,
                    )
                # The bodies and people it writes before its head ("the Harry Winston
                # jewellery store"): a store written so is theirs, not the Casty store of
                # other reports.
                bodies = self._written_before.get(noun, {})
                owners = (
                    set().union(*map(self._bodies_written_before_head, written[id(description)]))
                    if bodies
                    else set()
                )
                for key in bodies:
                    if (
                        not owners or _named_within(owners, {key.lower()})
                    ) and self._of_its_writers_places(key, noun, context & self._place_names):
                        candidates.setdefault(
                            key, MergeReason.WRITTEN_BEFORE_ITS_KIND_ACROSS_DOCUMENTS
                        )
            for key in opposed:
                candidates.pop(key, None)
            if names_written.get(id(description)):
                # "the X-Men: First Class sequel" is the sequel of the work it names.
                candidates = {
                    key: why
                    for key, why in candidates.items()
                    if not self._of_another_work(key, noun, names_written[id(description)])
                }
            # A description that writes a body's own name before its noun ("the Palmer
            # police", "the Indian navy") is that body, not another of its kind that shares
            # more context ("Anchorage Police Department", "U.S. Navy").
            named_in_it = _named_before_head(
                candidates, self.entities, written[id(description)], noun
            )
            if named_in_it:
                candidates = {
                    key: MergeReason.ITS_NAME_WRITTEN_ACROSS_DOCUMENTS for key in named_in_it
                }
            best = self._best_candidate(candidates, context, noun, DESCRIPTION_CONTEXT, deeds=deeds)
            # The entity that would have been taken but for the places its documents name,
            # none of them the description's document's: of another story of the same kind set
            # elsewhere (the woman killed in Queens is not the woman killed in Bloomington).
            elsewhere = None
            if best is None:
                elsewhere = self._best_candidate(
                    candidates, context, noun, DESCRIPTION_CONTEXT, any_place=True, deeds=deeds
                )
            here = [key for key in candidates if key in named_here]
            unnamed_rival = named_rival = None
            if len(here) > 1:
                # Of several its document names, the one other documents call so by a clear
                # majority (CLEAR_MAJORITY times as many documents as any other): an obituary
                # naming the president its subject toppled and the one who pardoned him speaks
                # of "the president" as most stories do. Salience misreads a few others so.
                calls = self._described_by.get(noun, {})
                first, second = sorted(here, key=lambda k: (calls.get(k, 0), k), reverse=True)[:2]
                if calls.get(first, 0) >= CLEAR_MAJORITY * calls.get(second, 0) > 0:
                    here, named_rival = [first], second
            if len(here) == 1 and best is None:
                # Of the entities called so that the context cannot tell apart, the one the
                # document itself names is the one it speaks of: two actresses seen at one
                # clinic share its context alike (the homonym guard leaves a nameless
                # "actress" to neither), but a story naming one of them calls her "the
                # actress".
                candidates = {here[0]: candidates[here[0]]}
                best = self._best_candidate(
                    candidates, context, noun, DESCRIPTION_CONTEXT, deeds=deeds
                )
            elif len(here) == 1 and best is not None and best[1] != here[0]:
                # So too over one the document does not name, or names but fewer documents call
                # so, that shares more of its context, when the one it names (the one called so
                # most, of several) shares enough: "the president" of an obituary naming
                # the president its subject toppled is he, though another president, who
                # pardoned the subject, shares more of its names. More shared names say the
                # stories are alike, not that their president is one; and a much-spoken-of
                # person's context is full (CONTEXT_LIMIT) before the last story naming him.
                named_best = self._best_candidate(
                    {here[0]: candidates[here[0]]}, context, noun, DESCRIPTION_CONTEXT
                )
                if named_best is not None:
                    if best[1] in named_here:
                        named_rival = best[1]
                    else:
                        unnamed_rival = best[1]
                    best = named_best
            rival = best or elsewhere
            if rival is not None and noun_class == "person":
                own = self._named_in_its_own_story(noun, wanted, rival[1], named_here, people_here)
                if own is not None and own not in opposed:
                    reason = MergeReason.NAMED_IN_ITS_OWN_STORY.say(
                        name=description.label,
                        other=self.entities[own].label,
                        head=noun,
                        instead=self.entities[rival[1]].label,
                    )
                    own, reason = self._done_alike_instead(
                        own, reason, alike, context, noun, opposed
                    )
                    self._join(description, own, reason, clusters, first_mention, merges)
                    continue
            if elsewhere is not None and noun_class == "person":
                # Its own story's person, then, may be one only one document calls so.
                best = self._best_candidate(
                    self._called_in_its_place(noun, context),
                    context,
                    noun,
                    DESCRIPTION_CONTEXT,
                    excluded=opposed,
                )
                if best is not None:
                    common, key, _ = best
                    reason = MergeReason.CALLED_IN_ITS_PLACE.say(
                        name=description.label,
                        other=self.entities[key].label,
                        head=noun,
                        common=common,
                        instead=self.entities[elsewhere[1]].label,
                    )
                    key, reason = self._done_alike_instead(
                        key, reason, alike, context, noun, opposed
                    )
                    self._join(description, key, reason, clusters, first_mention, merges)
                    continue
                # Or the one person its own story names who plays the part that one of the
                # other story plays ("a co-worker has been charged": the woman charged in
                # Staunton, not the co-worker charged in Philadelphia).
                part = self._playing_the_part(elsewhere.key, alike, context, noun, opposed)
                part_reason = MergeReason.PLAYS_THE_PART_IN_ITS_STORY
                if part is None:
                    # Failing that (the other story's person is not said to do what the
                    # description does, or no one of its own story does that), the one person
                    # its own story names who does anything the description does ("a
                    # terminally ill woman was arrested": the one woman arrested in Staunton,
                    # not the woman the Philadelphia reports call so, of whose arrest they do
                    # not speak). The place guard has already said the stories are two; more
                    # parts can only add players, so a tie above stays one here.
                    part = self._the_one_playing(
                        _parts_of(alike.deeds), elsewhere.key, alike, context, noun, opposed
                    )
                    part_reason = MergeReason.DOES_IT_IN_ITS_STORY
                if part is not None:
                    key, (verb, side), common = part
                    reason = part_reason.say(
                        name=description.label,
                        other=self.entities[key].label,
                        head=noun,
                        instead=self.entities[elsewhere.key].label,
                        side=side,
                        verb=verb,
                        common=common,
                    )
                    self._join(description, key, reason, clusters, first_mention, merges)
                    continue
            if best is None and noun in self._guessed_by:
                # The person only salience called so (_unconfirmed_guesses) is not taken, but
                # who does what the description does may still tell its own person from that
                # one, as it would were the guess counted: "the driver was charged ... him"
                # is the man another report calls the driver and says was charged, not the
                # woman two reports' salience called so.
                guessed = [
                    key
                    for key in self._guessed_by[noun]
                    if key in self.entities and self.entities[key].type == "Person"
                ]
                would_be = self._best_candidate(
                    [*candidates, *guessed], context, noun, DESCRIPTION_CONTEXT, deeds=deeds
                )
                if would_be is not None and would_be.key in guessed:
                    key, reason = self._done_alike_instead(
                        would_be.key, "", alike, context, noun, opposed
                    )
                    if key != would_be.key:
                        self._join(description, key, reason, clusters, first_mention, merges)
                        continue
            if best is not None:
                common, key, deed = best
                if unnamed_rival is not None:
                    reason = MergeReason.NAMED_HERE_ACROSS_DOCUMENTS.say(
                        name=description.label,
                        other=self.entities[key].label,
                        head=noun,
                        common=common,
                        instead=self.entities[unnamed_rival].label,
                    )
                elif named_rival is not None and key == here[0]:
                    reason = MergeReason.CALLED_SO_MOST_ACROSS_DOCUMENTS.say(
                        name=description.label,
                        other=self.entities[key].label,
                        head=noun,
                        common=common,
                        documents=self._described_by[noun][key],
                        instead=self.entities[named_rival].label,
                        fewer=self._described_by[noun].get(named_rival, 0),
                    )
                elif deed is not None:
                    verb, side = deed
                    reason = MergeReason.DONE_ALIKE_ACROSS_DOCUMENTS.say(
                        name=description.label,
                        other=self.entities[key].label,
                        head=noun,
                        common=common,
                        side=side,
                        verb=verb,
                    )
                else:
                    reason = candidates[key].say(
                        name=description.label,
                        other=self.entities[key].label,
                        head=noun,
                        common=common,
                    )
            else:
                # No entity called by the noun itself is taken: one called by a WordNet synonym
                # of it in other documents may be ("the boss": the one they call "chief").
                synonyms = self._called_by_synonym(noun, wanted)
                best = self._best_candidate(
                    synonyms, context, noun, DESCRIPTION_CONTEXT, excluded=opposed
                )
                if best is not None:
                    common, key, _ = best
                    reason = MergeReason.DESCRIBED_BY_SYNONYM_ACROSS_DOCUMENTS.say(
                        name=description.label,
                        other=self.entities[key].label,
                        head=noun,
                        called=synonyms[key],
                        common=common,
                    )
                elif (
                    not candidates
                    # Failing both, the one entity another document gives the noun as a
                    # title ("the publicist": "publicist Jack Ketsoyan"), on more context.
                    and (best := self._best_titled_once(noun, noun_class, context, opposed))
                    is not None
                ):
                    common, key, _ = best
                    reason = MergeReason.TITLED_IN_ANOTHER_DOCUMENT.say(
                        name=description.label,
                        other=self.entities[key].label,
                        head=noun,
                        common=common,
                    )
                elif noun_class == "person" and (
                    player := self._one_named_playing_here(clusters, alike, opposed)
                ):
                    # Else the one person its own document names who plays a crime part the
                    # description plays there ("A sacked worker shot his former boss ... Novak
                    # shot Greer"), whom no other document's name for it told.
                    key, (verb, side) = player
                    reason = MergeReason.PLAYS_ITS_PART_HERE.say(
                        name=description.label, other=self.entities[key].label, side=side, verb=verb
                    )
                else:
                    continue  # entities called so that the context cannot tell apart, or none
            if traits and _traits_differ(traits, self._traits.get(key, set()), self._places_around):
                # "the Australian climber" is not the one other documents call "the British
                # climber": the one called by the noun whose age and nationality agree, if any.
                agreeing = self._agreeing(noun, wanted, traits, context)
                if agreeing is not None:
                    reason = MergeReason.DESCRIBED_ALIKE_ACROSS_DOCUMENTS.say(
                        name=description.label,
                        other=self.entities[agreeing.key].label,
                        head=noun,
                        common=agreeing.common,
                        instead=self.entities[key].label,
                    )
                    key = agreeing.key
                elif _traits_differ(
                    {trait for trait in traits if trait[0] in ("nationality", "home")},
                    self._traits.get(key, set()),
                    self._places_around,
                ):
                    # No one called so is of its nationality or home: the one taken is
                    # another person of its noun ("the Saudi cargo ship" is not the Indian
                    # warship other reports call a ship; "the Australian climber" not the
                    # British one, "a Perth man" not the one "of London"), so it stays
                    # apart, as it does when the ages differ.
                    continue
            ages = {value for kind, value in traits if kind == "age"}
            known_age = self._ages.get(key)
            if known_age is not None and ages and known_age not in ages:
                # Of another age than the one the entity's own names and appositions give
                # ("the 36-year-old driver" is not "LuAnn Marie Johnson, 66"), whatever other
                # documents' salience links called it.
                continue
            key, reason = self._done_alike_instead(key, reason, alike, context, noun, opposed)
            done_to_it = self._done_to_it_by(key, alike)
            undergoing = self._undergoing_it_here(done_to_it, key, alike, named_here)
            if (
                undergoing is None
                and done_to_it
                and not _parts_of(alike.deeds) & self._deeds.get(key, set())
            ):
                # No one its document names undergoes it, yet the person the description
                # would join is the one who does it to others, and plays no part the
                # description plays: the one shot is not the one who shot ("One man is dead
                # after being shot by a gunman" is not the gunman that other reports call "a
                # man" too), as _doer_and_done_to keeps them apart within a document. It stays
                # on its own. A description that shares a part with the person (the suspect
                # who shot someone and was stopped, the woman killed whom one report says
                # left) is the person, a deed misread aside.
                continue
            if undergoing is not None:
                other, verb = undergoing
                reason = MergeReason.UNDERGOES_IT_IN_ITS_STORY.say(
                    name=description.label,
                    other=self.entities[other].label,
                    verb=verb,
                    instead=self.entities[key].label,
                    head=noun,
                    documents=self._deed_documents[key][verb, "subject"],
                )
                key = other
            if (
                noun_class == "person"
                and key not in named_here
                and id(description) not in possessed
            ):
                fellow = self._fellow_doing_it(
                    description, key, alike, clusters, done_here, possessed
                )
                if fellow is not None and fellow[0] not in opposed:
                    other, (verb, side), label = fellow
                    reason = MergeReason.DOES_IT_AS_ITS_FELLOW.say(
                        name=description.label,
                        other=self.entities[other].label,
                        fellow=label,
                        side=side,
                        verb=verb,
                        instead=self.entities[key].label,
                    )
                    key = other
            self._join(description, key, reason, clusters, first_mention, merges)
        return merges

    def _fellow_doing_it(
        self,
        description: _Description,
        key: str,
        alike: _Alike,
        clusters: _DocumentClusters,
        done_here: Mapping[int, set[tuple[str, str]]],
        possessed: AbstractSet[int],
    ) -> tuple[str, tuple[str, str], str] | None:
        """The person another description of the same document was joined to, when the two
        play a part there (_parts_of) that no name of the document plays, and no third
        description joined to someone else plays it: "A 36-year-old Australian climber is
        dead after falling ... The man fell in the Tasman Glacier area" are one person, whom
        the climber's age and nationality placed, whoever other reports call "a man". Not
        ``key`` itself, nor one of the other sex than the description's chain says. Returns
        the person's key, the part and the other description's label, or None. Neither is
        written as someone's (``possessed``: "his mother and his ex-girlfriend were found"
        are two)."""
        parts = _parts_of(alike.deeds) - {
            deed for node, deed in clusters.deeds if isinstance(node, NameCluster)
        }
        if not parts:
            return None
        found: dict[str, tuple[tuple[str, str], str]] = {}
        for other in clusters.descriptions:
            if (
                other is description
                or id(other) in possessed
                or not other.key
                or other.key not in self.entities
            ):
                continue
            shared = parts & _parts_of(done_here.get(id(other), set()))
            if shared and self.entities[other.key].type == "Person":
                found.setdefault(other.key, (min(shared), other.label))
        if len(found) != 1:
            return None
        ((fellow, (part, label)),) = found.items()
        if fellow == key or self._of_other_sex(fellow, alike.sex):
            return None
        return fellow, part, label

    def _one_named_playing_here(
        self, clusters: _DocumentClusters, alike: _Alike, opposed: Collection[str]
    ) -> tuple[str, tuple[str, str]] | None:
        """The one person named in full in the description's own document (of ``clusters``)
        who plays there one of the crime parts the description plays (_parts_of: the subject
        or the object of a verb of lexicon.accuses_or_harms), and never the other side of it
        there, and whom OTHER_PART_DOCUMENTS documents or more say plays it (one document's
        reading of its verbs is not enough); none of ``opposed`` nor of the other sex than
        the description's chain says. Two people charged, or a name playing both sides, leave
        the description to no one. Returns the person's key and the part, or None."""
        # The parts of a crime story only: the one charged, the one who shot and the one shot
        # are told apart in news by these verbs, which name its people ("suspect", "victim").
        parts = {part for part in _parts_of(alike.deeds) if lexicon.accuses_or_harms(part[0])}
        if not parts:
            return None
        played: dict[str, set[tuple[str, str]]] = defaultdict(set)
        for node, deed in clusters.deeds:
            if isinstance(node, NameCluster) and _full_personal_name(node):
                played[self.key_of(node)].add(deed)
        players = [
            (key, min(parts & deeds))
            for key, deeds in played.items()
            if parts & deeds
            and not any((verb, _OTHER_SIDE[side]) in deeds for verb, side in parts & deeds)
            and any(
                self._deed_documents[key][part] >= OTHER_PART_DOCUMENTS for part in parts & deeds
            )
        ]
        if len(players) != 1:
            return None
        key, part = players[0]
        if key in opposed or key not in self.entities or self._of_other_sex(key, alike.sex):
            return None
        return key, part

    def _done_to_it_by(self, key: str, alike: _Alike) -> list[str]:
        """The verbs the description undergoes here (its chain the object, _deeds_of) that the
        person ``key`` does to someone in OTHER_PART_DOCUMENTS documents or more and undergoes
        in none: "a man was shot" and Kirkpatrick, whom two reports say shot someone and none
        that he was shot. Verbs of saying are left out (everyone in a story says something),
        and so are those no dictionary knows as verbs (a preposition after "be")."""
        if self.entities[key].type != "Person":
            return []
        done = self._deed_documents.get(key, Counter())
        return sorted(
            verb
            for verb, side in alike.deeds
            if side == "object"
            and verb not in SPEECH_VERBS
            and lexicon.is_verb(verb)
            and done[verb, "subject"] >= OTHER_PART_DOCUMENTS
            and not done[verb, "object"]
        )

    def _undergoing_it_here(
        self, verbs: Sequence[str], key: str, alike: _Alike, named_here: AbstractSet[str]
    ) -> tuple[str, str] | None:
        """The person the description's own document names who undergoes in other documents
        what the description undergoes here, of ``verbs``, which the person ``key`` it would
        join does to others (_done_to_it_by): "a gunman opened fire, killing one man ...
        Kirkpatrick is accused of fatally shooting Benjamin Banky" is Banky, whom other
        reports say was killed, not Kirkpatrick, called "the man" as often. One story's killer
        and killed are two people, and the report names both. Returns the person's key and
        the verb, or None unless exactly one person named here does so."""
        found = {
            (other, verb)
            for verb in verbs
            for other in named_here
            if other != key
            and other in self.entities
            and self.entities[other].type == "Person"
            and self._deed_documents.get(other, Counter())[verb, "object"]
            and not self._deed_documents.get(other, Counter())[verb, "subject"]
            and not self._of_other_sex(other, alike.sex)
        }
        people = {other for other, _ in found}
        if len(people) != 1:
            return None
        return min(found)

    def _done_alike_instead(
        self,
        key: str,
        reason: str,
        alike: _Alike,
        context: set[str],
        noun: str,
        excluded: Collection[str],
    ) -> tuple[str, str]:
        """The entity a description joins, and why: ``key`` (with ``reason``), unless the
        person ``key`` does in other documents none of what the description does here (its
        (verb, side) pairs, _deeds_of, other than saying: everyone in a story says something)
        and another person that other documents call by the noun does one alike, on the same
        side of the same verb and never on the other side, sharing the most context with the
        description's document (DESCRIPTION_CONTEXT at least, _best_candidate; none of
        ``excluded``, nor of the other sex than its chain says). Then it is that one: "an
        Atlanta judge sentenced Brian Nichols" is the judge other reports say sentenced him,
        not the judge he killed, whom more stories speak of. Two people of one story called
        by one noun share its context alike; what each did tells them apart.

        So too when the corpus gives ``key`` the other sex than the description's chain says
        (its nouns and pronouns, _clear_gender), whatever it does: then the person of its sex
        that a document calls by the noun, once being enough, doing alike ("a deputy ... her
        gun": the deputy beaten, not the one shot; two documents' salience may have made the
        boy on trial for a girl's death "the girl")."""
        done = {deed for deed in alike.deeds if deed[0] not in SPEECH_VERBS}
        other_sex = self._of_other_sex(key, alike.sex)
        if not other_sex and (
            self.entities[key].type != "Person" or not done or self._deeds.get(key, set()) & done
        ):
            return key, reason
        sided = {(verb, side) for verb, side in done if side in _OTHER_SIDE}

        def done_alike(other: str) -> set[tuple[str, str]]:
            deeds = self._deeds.get(other, set())
            return {
                (verb, side)
                for verb, side in sided & deeds
                if (verb, _OTHER_SIDE[side]) not in deeds
            }

        called = (
            self._called_anywhere.get(noun, set())
            if other_sex
            else self._described_by.get(noun, {})
        )
        people = [
            other
            for other in called
            if other != key
            and other in self.entities
            and self.entities[other].type == "Person"
            and (
                self._genders.get(other) == alike.sex
                if other_sex
                else not self._of_other_sex(other, alike.sex)
            )
            and done_alike(other)
        ]
        best = self._best_candidate(
            sorted(people), context, noun, DESCRIPTION_CONTEXT, excluded=excluded
        )
        if best is None:
            return key, reason
        verb, side = min(done_alike(best.key))
        said = (
            MergeReason.DONE_BY_ONE_OF_ITS_SEX_ACROSS_DOCUMENTS
            if other_sex
            else MergeReason.DONE_BY_ANOTHER_CALLED_SO_ACROSS_DOCUMENTS
        )
        return best.key, said.say(
            name=alike.label,
            other=self.entities[best.key].label,
            side=side,
            verb=verb,
            common=best.common,
            head=noun,
            instead=self.entities[key].label,
        )

    def _playing_the_part(
        self,
        rival: str,
        alike: _Alike,
        context: set[str],
        noun: str,
        excluded: Collection[str],
    ) -> tuple[str, tuple[str, str], int] | None:
        """The person a description of someone is in its own story when the one other
        documents call by its ``noun``, ``rival``, is of another story (_best_candidate's place
        guard): the one person named in full whose documents name a place its document
        (of ``context``) names, sharing DESCRIPTION_CONTEXT names or things with it (the noun
        not counted, _shared), who does something the description and ``rival`` both do, on
        the same side of the same verb and never on the other (_deeds_of; a verb, not a
        preposition after "be", nor a verb of saying: everyone in a story says something);
        none of ``excluded``, nor of the other sex than its chain says. Two stories of one
        kind tell of people in the same parts: the co-worker charged with the killings of one
        is the person charged in the other. Returns the person's key, the (verb, side) and the
        context shared, or None when no one or several play the part."""
        parts = _parts_of(alike.deeds & self._deeds.get(rival, set()))
        return self._the_one_playing(parts, rival, alike, context, noun, excluded)

    def _the_one_playing(
        self,
        parts: set[tuple[str, str]],
        rival: str,
        alike: _Alike,
        context: set[str],
        noun: str,
        excluded: Collection[str],
    ) -> tuple[str, tuple[str, str], int] | None:
        """The one person named in full, not ``rival`` nor of ``excluded`` nor of the other
        sex than the description's chain says, whose documents name a place the description's
        document (of ``context``) names, sharing DESCRIPTION_CONTEXT names or things with it,
        who plays one of ``parts`` ((verb, side) pairs) and never the other side of it; with
        the part and the context shared. None when no one or several do."""
        places_here = context & self._place_names
        if not parts or not places_here:
            return None
        players = []
        for key in set().union(*(self._doers.get(part, ()) for part in parts)):
            entity = self.entities.get(key)
            if (
                entity is None
                or key == rival
                or key in excluded
                or entity.type != "Person"
                or len(entity.label.split()) < 2
                or self._of_other_sex(key, alike.sex)
            ):
                continue
            deeds = self._deeds.get(key, set())
            played = {
                (verb, side)
                for verb, side in parts & deeds
                if (verb, _OTHER_SIDE[side]) not in deeds
            }
            known = self._context.get(key, set())
            if (
                played
                and _places_meet(known & self._place_names, places_here)
                and (common := _shared(known, context, key, noun)) >= DESCRIPTION_CONTEXT
            ):
                players.append((key, min(played), common))
        return players[0] if len(players) == 1 else None

    def _written_as_a_name(
        self,
        noun: str,
        description: _Description,
        mentions: list[Mention],
        context: set[str],
        excluded: Collection[str],
    ) -> tuple[_Choice, str] | None:
        """The entity whose name a description's mention writes in the same letters, capital
        first, as other documents write that name where a capital says a name
        (_names_written_as_names): the parser read "Internet" as a common noun here, the
        recogniser a name there. The one such entity sharing the most context with the
        description's document (DESCRIPTION_CONTEXT at least, _best_candidate), with the words
        written. CALLED_IN_DOCUMENTS documents must write it so: one writer's capital may be
        a slip ("the tourist Island of Qeshm") or a common noun's ("an MRI"). Not a singular
        noun of a person or a body ("President", "Police"), an office or a body of which the
        recogniser names many, as in the document (kg.coref.sieves.written_name_sieve)."""
        singular = noun in description.label.lower().replace("-", " ").split()
        if singular and lexicon.noun_class(noun) in ("person", "organization"):
            return None
        for mention in mentions:
            words = " ".join(mention.text.split())
            keys = self._written_names.get(words) if words[:1].isupper() else None
            if keys and self._writing_documents[words] >= CALLED_IN_DOCUMENTS:
                best = self._best_candidate(
                    sorted(key for key in keys if key in self.entities),
                    context,
                    noun,
                    DESCRIPTION_CONTEXT,
                    excluded=excluded,
                )
                if best is not None:
                    return best, words
        return None

    def _of_its_age(
        self,
        noun: str,
        traits: set[tuple[str, str]],
        sex: str | None,
        context: set[str],
        excluded: Collection[str],
    ) -> tuple[_Choice, str, str] | None:
        """The person a description of someone's age and sex is ("a 61-year-old man", "the
        60-year-old woman charged ..."): the one person of the corpus whose own statements
        give that age (_clear_age) and whose mentions that sex (_clear_gender), sharing the
        most context with the description's document (DESCRIPTION_CONTEXT at least, of its
        places: _best_candidate); with the age and sex. Its sex is its noun's or its chain's."""
        ages = {value for kind, value in traits if kind == "age"}
        sex = lexicon.noun_gender(noun) or sex
        if len(ages) != 1 or sex not in _SEXES:
            return None
        (age,) = ages
        people = [
            key
            for key, known in self._ages.items()
            if known == age
            and self._genders.get(key) == sex
            and key in self.entities
            and self.entities[key].type == "Person"
        ]
        best = self._best_candidate(people, context, noun, DESCRIPTION_CONTEXT, excluded=excluded)
        return None if best is None else (best, age, sex)

    def _of_other_sex(self, key: str, sex: str | None) -> bool:
        """Whether the corpus gives the entity ``key`` the other sex than ``sex`` (None: not
        said) by a clear majority of its mentions (_clear_gender)."""
        return sex is not None and self._genders.get(key, sex) != sex

    def _body_of_members(
        self,
        noun: str,
        mentions: list[Mention],
        context: set[str],
        opposed: set[str],
        named_here: set[str],
    ) -> tuple[str, _Choice] | None:
        """The body a bare plural of its members stands for ("the cops", "cops": the police
        force; WordNet's member holonyms, lexicon.member_of): the one body of the corpus that
        a noun of it names (its name ends in "Police", _named_by) or that two documents call
        by it (_described_by), sharing the most context with the description's document
        (_best_candidate, its guards, on MEMBERS_CONTEXT), or failing that the one such body
        its document names. A counted or qualified plural ("two cops", "plainclothes cops",
        "other detectives") is some of the members, not the body; nor is a noun of a body that
        is also a place or an event ("patrol") read so. Returns the body's noun and the
        choice, or None."""
        if not mentions or any(
            mention.text[: mention.head - mention.start].lower().split() not in ([], ["the"])
            for mention in mentions
        ):
            return None
        for body in lexicon.member_of(noun):
            if lexicon.noun_classes(body) != {"organization"}:
                continue
            candidates = [
                key
                for key in sorted(
                    {*self._named_by.get(body, ()), *self._described_by.get(body, ())}
                )
                if key in self.entities
                and self.entities[key].type in ("Organization", "Group")
                and key not in opposed
            ]
            best = self._best_candidate(candidates, context, body, MEMBERS_CONTEXT)
            here = [key for key in candidates if key in named_here]
            if best is None and len(here) == 1:
                best = self._best_candidate(here, context, body, MEMBERS_CONTEXT)
            if best is not None:
                return body, best
        return None

    def _homes_known(self, traits: AbstractSet[tuple[str, str]]) -> set[tuple[str, str]]:
        """``traits`` with each run of capitalised words a description writes before its
        noun (_traits) read as the home it names: the longest end of it that some document
        writes as a place ("Perth" of "A Perth"); a run that ends in no place is no home
        ("Former", "Oscar")."""
        known = set()
        for kind, value in traits:
            if kind != "home":
                known.add((kind, value))
                continue
            words = value.split()
            place = next(
                (
                    end
                    for start in range(len(words))
                    if (end := " ".join(words[start:])) in self._written_as_place
                    or end in self._hometowns
                ),
                None,
            )
            if place is not None:
                known.add((kind, place))
        return known

    def _agreeing(
        self, noun: str, wanted: set[str], traits: set[tuple[str, str]], context: set[str]
    ) -> _Choice | None:
        """The entity of a wanted type that a document calls by ``noun`` (once is enough),
        whose descriptions give it AGREEING_TRAITS of the ages and nationalities ``traits``
        gives and none other, sharing most context with the description's document
        (DESCRIPTION_CONTEXT at least)."""
        agreeing = [
            key
            for key in sorted(self._called_anywhere.get(noun, set()))
            if key in self.entities
            and self.entities[key].type in wanted
            and (known := self._traits.get(key, set()))
            and not _traits_differ(traits, known, self._places_around)
            and len(traits & known) >= AGREEING_TRAITS
        ]
        return self._best_candidate(agreeing, context, noun, DESCRIPTION_CONTEXT)

    def _named_in_its_own_story(
        self,
        noun: str,
        wanted: set[str],
        candidate: str,
        named_here: set[str],
        people_here: set[str],
    ) -> str | None:
        """Two stories of one kind in a corpus (two hit-and-runs, each with "the woman"
        killed): a person the description's document does not name, whose documents name
        none of the people it names (full names), is of another story. Its own is the one
        person of a wanted type it names whom a document calls by the noun, once is enough
        ("the 66-year-old woman" of a story naming LuAnn Johnson, whom one story calls a
        woman), when the genders agree. ``named_here`` are the keys the document names,
        ``people_here`` the people it names in full (lower case). Returns that person's key,
        or None."""
        if candidate in named_here:
            return None
        people = people_here - {candidate.lower()}
        if not people or people & self._context.get(candidate, set()):
            return None
        gender = lexicon.noun_gender(noun)
        named = [
            key
            for key in sorted(named_here & self._stated_anywhere.get(noun, set()))
            if key in self.entities
            and self.entities[key].type in wanted
            and _gender_agrees(self.entities[key].label, gender)
        ]
        return named[0] if len(named) == 1 else None

    def _best_titled_once(
        self, noun: str, noun_class: str, context: set[str], excluded: Collection[str] = ()
    ) -> _Choice | None:
        """The entity of the type of the noun's first WordNet sense (a title's other senses
        are seldom meant: "case" is a person only as a patient) that one document titles by
        the noun, sharing TITLED_CONTEXT names or things with the description's document;
        none of ``excluded``. No work: a story of one book or film speaks of the others of
        its series or of its author ("the second book, Catching Fire": "the book" of another
        report is as likely "New Moon"), and one apposition does not pick among them."""
        wanted = [kind for kind in _DESCRIBED_TYPES.get(noun_class, ()) if kind != "Work"]
        titled = [
            key
            for key in self._titled_once.get(noun, ())
            if key in self.entities and self.entities[key].type in wanted
        ]
        return self._best_candidate(titled, context, noun, TITLED_CONTEXT, excluded=excluded)

    def _best_candidate(
        self,
        candidates: Iterable[str],
        context: set[str],
        noun: str,
        least: int,
        any_place: bool = False,
        deeds: frozenset[tuple[str, str]] = frozenset(),
        excluded: Collection[str] = (),
    ) -> _Choice | None:
        """The candidate (an entity key) sharing the most context with the description's
        document, when it shares at least ``least`` names or things and no other shares as
        many; unless ``any_place``, none whose documents name places, none of them those
        the description's document names (_of_another_place). Of candidates sharing as much,
        the one alone doing most of what the description does (its ``deeds``, _deeds_of): the
        context of one story is its driver's as much as his victim's, but "the driver was
        charged" is the one another report says was charged. None of ``excluded`` (those the
        description's own document sets against it: _opponents_of)."""
        if excluded:
            candidates = [key for key in candidates if key not in excluded]
        places_here = context & self._place_names
        if places_here and not any_place:
            candidates = [
                key for key in candidates if not self._of_another_place(key, places_here, context)
            ]
        scored = sorted(
            (
                (_shared(self._context.get(key, _NOTHING), context, key, noun), key)
                for key in candidates
            ),
            reverse=True,
        )
        if not scored or scored[0][0] < least:
            return None
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            tied = [key for common, key in scored if common == scored[0][0]]
            doing = sorted(
                ((len(self._deeds.get(key, set()) & deeds), key) for key in tied), reverse=True
            )
            if doing[0][0] == 0 or doing[1][0] == doing[0][0]:
                return None
            key = doing[0][1]
            return _Choice(scored[0][0], key, min(self._deeds[key] & deeds))
        return _Choice(*scored[0])

    def _called_in_its_place(self, noun: str, context: set[str]) -> list[str]:
        """The people named in full whom a document calls by ``noun`` (once is enough), the
        genders agreeing, whose documents name a place the description's document (of
        ``context``) names: "the 66-year-old woman" of a Bloomington story is LuAnn Johnson,
        whom one Bloomington story calls a woman, when the woman other stories call so was
        killed in Queens."""
        places_here = context & self._place_names
        gender = lexicon.noun_gender(noun)
        return [
            key
            for key in sorted(self._stated_anywhere.get(noun, set()))
            if key in self.entities
            and self.entities[key].type == "Person"
            and len(self.entities[key].label.split()) > 1
            and _gender_agrees(self.entities[key].label, gender)
            and _places_meet(self._context.get(key, set()) & self._place_names, places_here)
        ]

    def _of_another_place(self, key: str, places_here: set[str], context: set[str]) -> bool:
        """Whether the entity ``key`` is of another story than a document naming the places
        ``places_here`` (of ``context``): its documents name places, and none of them is,
        holds or lies in one of those, nor is named within a name of the other side's ("the
        Vancouver Police" says where a story happened as "Vancouver" does). A news corpus tells
        two stories of one kind, two hit-and-runs, two police shootings, apart by where they
        happened; a document naming no place says nothing. Its places are those its
        documents name and those its own name holds ("Staunton Police Department" is of
        Staunton, whether or not its documents name the town apart)."""
        known = self._context.get(key, set())
        whereabouts = self._whereabouts_of(key)
        theirs = whereabouts.places
        return bool(theirs) and not (
            _places_meet(theirs, places_here)
            or _named_within(places_here, known, whereabouts.name_words)
            or _named_within(theirs, context)
        )

    def _names_at(self, clusters: _DocumentClusters) -> list[tuple[int, int, str]]:
        """Where the document's names stand, with their entities' keys (start, end, key): a
        name the recogniser cut across a description's words counts for it."""
        return [
            (mention.start, mention.end, key)
            for mention, node in zip(clusters.mentions, clusters.nodes, strict=True)
            if isinstance(node, NameCluster)
            and mention.kind != "concept"
            and (key := self.key_of(node)) in self.entities
        ]

    def _of_another_work(self, key: str, noun: str, named: set[str]) -> bool:
        """Whether a description by ``noun``, a noun of a work, that writes the names of
        ``named`` (entity keys) in its own words is of another work than ``key``: it names
        something that is not ``key`` and that no document calling ``key`` by the noun writes
        ("the X-Men: First Class sequel" is not Catching Fire, which documents call "the
        Hunger Games sequel"; "The Hunger Games' sequel" may be)."""
        callings = [words for called, words in self._work_callings.get(key, ()) if called == noun]
        for other in named - {key}:
            names = {other.lower(), *(alias.lower() for alias in self.entities[other].aliases)}
            if not any(name in words for name in names for words in callings):
                return True
        return False

    def _whereabouts_of(self, key: str) -> _Whereabouts:
        """The entity ``key``'s _Whereabouts, made once: _of_another_place asks of 248
        entities 17,761 times at 1,500 benchmark documents, and making them at each call
        (the words of a context of up to CONTEXT_LIMIT names, its places) was 0.48 of
        resolution's 3.5 CPU seconds. Its context and the corpus's places are final after
        ``finish``."""
        found = self._whereabouts.get(key)
        if found is None:
            known = self._context.get(key, set())
            found = _Whereabouts(
                places=(known & self._place_names) | self._places_in_name(key),
                name_words=_words_of(known),
            )
            self._whereabouts[key] = found
        return found

    def _places_in_name(self, key: str) -> set[str]:
        """The places of the corpus (lower case) whose whole name a body's or a place's name
        holds, as a run of its words: "Staunton Police Department" holds Staunton; not the
        name itself, which is what it is, not where; nor a person's ("Paris Hilton")."""
        entity = self.entities.get(key)
        if entity is None or entity.type == "Person":
            return set()
        words = key.lower().split()
        return {
            place
            for i in range(len(words))
            for j in range(i + 1, len(words) + (i > 0))
            if (place := " ".join(words[i:j])) in self._place_names
        }

    def _called_by_synonym(self, noun: str, wanted: set[str]) -> dict[str, str]:
        """Entities of a wanted type that SYNONYM_CALLED_IN_DOCUMENTS other documents call by a
        WordNet synonym of ``noun`` ("chief" for "boss"): key -> that synonym."""
        found: dict[str, str] = {}
        for other in sorted(lexicon.synonyms(noun)):
            for key, documents in self._described_by.get(other, {}).items():
                if (
                    documents >= SYNONYM_CALLED_IN_DOCUMENTS
                    and key in self.entities
                    and self.entities[key].type in wanted
                ):
                    found.setdefault(key, other)
        return found

    @staticmethod
    def _join(
        description: _Description,
        key: str,
        reason: str,
        clusters: _DocumentClusters,
        first_mention: dict[int, int],
        merges: set[tuple[str, str]],
    ) -> None:
        """The description is the entity ``key``; its first mention keeps the reason."""
        description.key = key
        merges.add((key, reason))
        index = first_mention.get(id(description))
        if index is not None:
            clusters.reasons[index] = ("description_across_documents", reason)

    def _part_unlike(self, clusters: _DocumentClusters, links: Sequence[CorefLink]) -> None:
        """A description that its document's salience alone joined to a person (the one it
        speaks of most: _SALIENCE_SIEVES) and whose noun is of the other sex than the one the
        corpus gives that person by a clear majority of its mentions (_clear_gender), or whose
        age is another than the one a clear majority of its descriptions gives (_clear_age),
        is someone else: "the husband" in a story of a woman killed (whose given name, "Raj",
        does not say, but whom her stories call "the woman" and "she"); "the 36-year-old
        driver" in a story of the 66-year-old woman he struck. It and what was linked to it
        after it (its repetitions, its pronouns but those of the person's sex) become a
        description node of their own, which may still join another document's entity. So
        too a description by a noun the corpus's salience alone gives the person, which more
        of the documents naming the person keep apart from them (_unconfirmed_guesses: "the
        heartless driver" of a story naming the woman he struck)."""
        after: dict[int, list[int]] = defaultdict(list)
        for link in links:
            after[link.antecedent].append(link.mention)
        for index, mention in enumerate(clusters.mentions):
            node = clusters.nodes[index]
            if (
                clusters.reasons[index][0] not in _SALIENCE_SIEVES
                or not isinstance(node, NameCluster)
                or mention.kind != "concept"
                or not mention.key
            ):
                continue
            key = self.key_of(node)
            known = self._genders.get(key)
            noun = mention.key.rsplit(" ", 1)[-1]
            unlike = _unlike(mention, known, self._ages.get(key))
            if unlike is not None:
                unlike = f"{unlike} to most of the corpus's mentions"
            elif key in self._guessed_by.get(noun, ()):
                unlike = f"whom the documents naming them tell apart from a {noun}"
            else:
                continue
            description = _Description(mention.text, concept_key(mention))
            clusters.descriptions.append(description)
            clusters.reasons[index] = ("", "")  # the first mention of its own chain now
            parted: set[int] = set()
            waiting = [index]
            while waiting:
                member = waiting.pop()
                if (
                    member in parted
                    or clusters.nodes[member] is not node
                    # a pronoun of the person's own sex linked through it is hers ("the
                    # husband said he was with her")
                    or _gender_of(clusters.mentions[member]) == known
                ):
                    continue
                parted.add(member)
                clusters.nodes[member] = description
                waiting.extend(after.get(member, ()))
                pronoun = clusters.mentions[member]
                if pronoun.kind == "pronoun":
                    # Its reason named the person it agreed with then: it says where it is now.
                    clusters.reasons[member] = (
                        clusters.reasons[member][0],
                        f"'{pronoun.text}' goes with '{mention.text}', through which it was "
                        f"linked, not with '{node.name}', {unlike}",
                    )

    def _correct_descriptions(self, clusters: _DocumentClusters) -> set[tuple[str, str]]:
        """A description the document's salience joined to one of its names ("the star":
        the publicist most spoken of) joins instead the one other name of the document that
        other documents call by its head noun ("Tara Reid", called a star in two documents),
        when its own is never called so. Returns the merge reasons."""
        merges: set[tuple[str, str]] = set()
        named: dict[str, NameCluster] = {}
        for cluster in clusters.clusters():
            named.setdefault(self.key_of(cluster), cluster)
        for index, mention in enumerate(clusters.mentions):
            node = clusters.nodes[index]
            if (
                clusters.reasons[index][0] != "description"
                or not isinstance(node, NameCluster)
                or mention.kind != "concept"
                or not mention.key
            ):
                continue
            noun = mention.key.rsplit(" ", 1)[-1]
            described = self._described_by.get(noun, ())
            if self.key_of(node) in described or noun not in mention.text.lower().split():
                continue
            wanted = {t for c in lexicon.noun_classes(noun) for t in _DESCRIBED_TYPES.get(c, ())}
            called = [
                key for key in described if key in named and self.entities[key].type in wanted
            ]
            if len(called) != 1:
                continue
            key = called[0]
            clusters.nodes[index] = named[key]
            reason = MergeReason.CALLED_SO_ACROSS_DOCUMENTS.say(
                name=mention.text,
                other=self.entities[key].label,
                head=noun,
                instead=self.entities[self.key_of(node)].label,
            )
            clusters.reasons[index] = ("description_across_documents", reason)
            merges.add((key, reason))
        return merges

    def _key(self, node: NameCluster | _Description, clusters: _DocumentClusters) -> str:
        if isinstance(node, NameCluster):
            return self.key_of(node)
        return node.key or self._register(node, clusters)

    def _register(self, description: _Description, clusters: _DocumentClusters) -> str:
        """A description's node: keyed by its document and label (numbered when two chains of
        one document read the same), typed by its head concept, which the corpus shares."""
        base = f"nominal:{clusters.document_id[:16]}:{description.label}"
        key, number = base, 1
        while key in clusters.local:
            number += 1
            key = f"{base} ({number})"
        description.key = key
        concept = description.concept if description.concept != "concept:" else ""
        if concept and concept not in self.entities:
            self.entities[concept] = Entity(concept, concept.split(":", 1)[1], "Concept")
        clusters.local[key] = Entity(key, description.label, "Nominal", concept=concept)
        return key

    def _node_for(self, mention: Mention, clusters: _DocumentClusters) -> str | None:
        """The entity key an argument's mention denotes, or None (a clause, a value, a pronoun
        with no antecedent)."""
        if mention.kind in ("clause", "literal") or (
            mention.kind == "entity" and mention.label in VALUE_LABELS
        ):
            return None  # a count heading its phrase is a concept: what it counts
        if _is_time(mention):
            return None  # a date is a value of the statement (kg:time), not a shared node
        index = clusters.by_head.get(mention.head)
        if index is not None and clusters.acting:
            own = clusters.mentions[index]
            team = clusters.acting.get((own.start, own.end))
            if team is not None:
                return team
        node: NameCluster | _Description | None = clusters.node_of(mention)
        if node is None and mention.kind == "entity":
            node = clusters.find(mention)
        if node is None and mention.kind == "concept":
            # A capitalised phrase the NER missed ("Bessent told reporters") is still the
            # entity of that name when the document names it elsewhere.
            if mention.text[:1].isupper():
                node = clusters.find_by_name(mention.text)
            if node is None:
                node = _Description(mention.text, concept_key(mention))
                for known in clusters.descriptions:
                    if known.label == node.label:
                        node = known
                        break
                else:
                    clusters.descriptions.append(node)
        if node is None:
            return None
        return self._key(node, clusters)


# The kinds of named entity whose name's last word may say what they are ("Harbor Clinic").
_NAMED_KINDS = frozenset({"Organization", "Group", "Place", "Thing"})

# Ages and nationalities a description and a person must share for the description to join that
# person rather than one other documents give another age or nationality: a nationality alone
# is many people's.
AGREEING_TRAITS = 2

# Names and things a description's document must share with the documents of the entity it
# joins: more than one, since a common noun ("the company") is weaker evidence than a name.
DESCRIPTION_CONTEXT = 2

# Names and things a bare plural of a body's members ("the cops") must share with the
# documents of the body it joins: twice DESCRIPTION_CONTEXT, since members stand for their body
# less surely than its own noun does (on ECB+ topics 1-35, 2 let a Cumbrian story's "cops"
# join the one force named, New Bedford's, on two words shared).
MEMBERS_CONTEXT = 4

# Documents that must call an entity by a noun before a description elsewhere may join it: one
# apposition can be misread ("Sarah Palin ... the arsonist"), the same one twice seldom is.
CALLED_IN_DOCUMENTS = 2

# The recogniser's labels of towns and regions: a name it gives one of somewhere is a place's,
# whatever another sentence types it ("a prison in Huntsville"). Not buildings (FAC): a store
# is one ("outside the Bloomington Sam's Club").
PLACE_LABELS = frozenset({"GPE", "LOC"})

# Names and things a description's document must share with the documents of the one entity
# another document alone titles by its noun: twice DESCRIPTION_CONTEXT, since one title is
# less evidence than two documents' words (on ECB+ topics 1-35, 2 link the same mentions
# as 4).
TITLED_CONTEXT = 4

# Documents that must call an entity by a WordNet synonym of a description's head before the
# description joins it ("the boss": the one called "chief" in three documents): one more than
# for the head itself, since a synonym stands for one of several senses and a misread title
# ("girl" for a shooter) spreads to all its synonyms. With two, 13 gold mentions were linked
# and about half of them wrongly; with three, 6, and B3 precision does not move.
SYNONYM_CALLED_IN_DOCUMENTS = 3

# How many times as many of an entity's mentions must give it one sex as the other for it to be
# of that sex (_clear_gender), and one age as any other (_clear_age): a story describes its
# people many times over, and a few descriptions or pronouns a salience link put on them ("the
# husband" on the woman killed, her "she" on the driver who killed her) must not make them of
# neither. With 3, Bettie Page (261 mentions a woman's, 96 a man's) and Vishwanand Subryan (13
# to 6) are of neither.
CLEAR_MAJORITY = 2

# The entity types a description of each WordNet class may denote.
_DESCRIBED_TYPES = {
    "person": ("Person",),
    "organization": ("Organization", "Group"),
    # Things by what other documents call them only ("the warship": INS Mysore, "the law": the
    # Endangered Species Act); no name of a thing says what it is.
    "thing": ("Thing", "Work"),
    # "place" is left out: "the office", "the store", "the courtroom" are seldom the city named
    # beside them, and a city is what a place-typed name mostly is.
}


def _score_reports(clusters: _DocumentClusters) -> list[ScoreReport]:
    """The games' scores of a document, each with the names of its sentence and the
    document's most named names (``ScoreReport``), of which the corpus's types tell the
    sides."""
    scores = [m for m in clusters.mentions if m.label == SCORE_LABEL]
    if not scores:
        return []
    by_sentence: dict[int, set[str]] = defaultdict(set)
    named: Counter[str] = Counter()
    for mention, node in zip(clusters.mentions, clusters.nodes, strict=True):
        if isinstance(node, NameCluster):
            by_sentence[mention.sentence].add(node.name)
            named[node.name] += 1
    most_named = tuple(name for name, _ in named.most_common(_MOST_NAMED))
    return [
        ScoreReport(
            clusters.document_id,
            mention.start,
            mention.text.replace("\u2013", "-"),
            frozenset(by_sentence.get(mention.sentence, ())),
            most_named,
        )
        for mention in scores
    ]


# The names a document names most that a score's report keeps, for the sides of a score whose
# sentence names fewer than two teams ("another fourth quarter victory, 20-13"): enough that
# two are left once the people among them are set aside.
_MOST_NAMED = 6


def _kind_nouns_ending(words: list[str]) -> list[str]:
    """The common nouns of a body's or a place's kind that end its name (lower case), the
    last first: "Harbor Clinic" gives clinic; "Staunton Police Department" department, and
    police, a noun written before it that WordNet knows only as a body's ("police", "navy",
    "team"): a police department is a police, while "Oregon State Police" is no state nor
    "Betty Ford Center" a ford. The first word is the name's own ("Police Department")."""
    if len(words) < 2 or lexicon.noun_class(words[-1].lower()) not in ("organization", "place"):
        return []
    nouns = [words[-1].lower()]
    for word in reversed(words[1:-1]):
        noun = word.lower()
        if lexicon.noun_classes(noun) != {"organization"}:
            break
        nouns.append(noun)
    return nouns


def _named_before_head(
    candidates: Iterable[str], entities: Mapping[str, Entity], mentions: list[Mention], noun: str
) -> list[str]:
    """The candidates named as a ``noun`` (their name ends in it, or in nouns of their kind
    after it: _kind_nouns_ending) whose own name, its other words, a description writes
    before its head in one of its ``mentions``, letter case aside ("the Palmer police":
    Palmer Police; "Indian navy": Indian Navy, not U.S. Navy). Not an owner's name written
    before another noun ("Tara Reid's representative", "the Democratic headquarters")."""
    written: set[str] = set()
    for mention in mentions:
        before = mention.text[: mention.head - mention.start].lower()
        written.update(word.removesuffix("'s").removesuffix("’s") for word in before.split())
    found = []
    for key in sorted(candidates):
        words = [word.lower() for word in entities[key].label.split()]
        kinds = _kind_nouns_ending(words)
        if noun not in kinds:
            continue
        own = [word for word in words if word not in kinds]
        if own and written.issuperset(own):
            found.append(key)
    return found


def _words_of(names: Iterable[str]) -> frozenset[str]:
    """Every word of ``names``, gathered in C."""
    return frozenset(" ".join(names).split())


def _named_within(
    places: set[str], names: set[str], name_words: frozenset[str] | None = None
) -> bool:
    """Whether a place is named within one of ``names``, all its words among the name's
    ("Vancouver", "Vancouver Police"); ``name_words`` are _words_of(names), when known."""
    # ``names`` is a whole document's or entity's context (240 names on average), and a story's
    # places may be thirty: the words of all the names are gathered once (in C), and a place
    # some of whose words no name has, the most of them, is passed over at once. Indexing every
    # name by its words, as this did, was a fifth of resolution's time (0.25 of 1.37 s for 600
    # benchmark documents).
    words = _words_of(names) if name_words is None else name_words
    for place in places:
        place_words = place.split()
        if not place_words or not words.issuperset(place_words):
            continue
        if len(place_words) == 1 or any(
            set(name.split()).issuperset(place_words) for name in names
        ):
            return True
    return False


def _places_meet(places: set[str], others: set[str]) -> bool:
    """Whether two sets of places' names (lower case) share one, or a name all of whose words
    another's name holds: a place named within another's name lies in it or is it
    ("Philadelphia", "Northeast Philadelphia"; "Banstead", "Banstead High Street")."""
    if places & others:
        return True
    words = [frozenset(place.split()) for place in places]
    other_words = [frozenset(place.split()) for place in others]
    return any(one <= other or other <= one for one in words for other in other_words)


# An entity's context when the index has none (never modified).
_NOTHING: frozenset[str] = frozenset()


def _shared(known: AbstractSet[str], context: AbstractSet[str], key: str, noun: str) -> int:
    """How many names or things an entity's context (``known``) shares with a document's
    ``context``, neither the entity's own name (``key``) nor the description's ``noun``
    counted: ``len((known & context) - {key.lower(), noun})``, without making the second set
    (asked of every candidate of every description)."""
    common = known & context
    shared = len(common)
    own = key.lower()
    if own in common:
        shared -= 1
    if noun != own and noun in common:
        shared -= 1
    return shared


def _gender_of(mention: Mention) -> str | None:
    """The sex a mention says its referent has: a pronoun's ("she", "his"), or a
    description's by its noun (WordNet: "the widow", "her husband"; "the driver" says
    none)."""
    if mention.kind == "pronoun":
        features = PRONOUNS.get(mention.text.lower())
        return features[2] if features and features[2] in _SEXES else None
    if mention.kind == "concept" and mention.key:
        noun = mention.key.rsplit(" ", 1)[-1]
        # Only a noun whose first sense is a person's says a sex: "knockout" and "blood" have
        # a gendered person sense too, far from what the news means by them.
        if lexicon.noun_class(noun) == "person":
            return lexicon.noun_gender(noun)
    return None


_SEXES = ("female", "male")

# The possessive determiners, and a possessor's mark written inside a description before its
# head ("Zurana Horton's daughter").
_POSSESSIVES = frozenset({"his", "her", "its", "their", "my", "our", "your"})
_POSSESSOR_WRITTEN = re.compile(r"(?:'s|’s|s'|s’)\s")

_OF_SEX = {"female": "a woman", "male": "a man"}


def _unlike(mention: Mention, sex: str | None, age: str | None) -> str | None:
    """What the person of sex ``sex`` and age ``age`` (None: not known) is that the
    description ``mention`` says it is not ("a woman", "66 years old"), or None when it does
    not contradict them."""
    said = _gender_of(mention)
    if sex is not None and said is not None and said != sex:
        return _OF_SEX[sex]
    if age is not None and mention.key:
        head = mention.key.rsplit(" ", 1)[-1]
        ages = {value for kind, value in _traits(mention.text, head) if kind == "age"}
        if ages and age not in ages:
            return f"{age} years old"
    return None


def _clear_age(votes: Counter[str]) -> str | None:
    """The age that two of an entity's descriptions at least give it, CLEAR_MAJORITY times as
    many as give it any other, else None (a story ages its people by a year as it goes on
    trial: those are of no age then)."""
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < 2:
        return None
    if len(ranked) > 1 and ranked[0][1] < CLEAR_MAJORITY * ranked[1][1]:
        return None
    return ranked[0][0]


def _clear_gender(votes: Counter[str]) -> str | None:
    """The sex that two of an entity's mentions at least give it, CLEAR_MAJORITY times as many
    as give it the other, else None: not one vote."""
    for sex, other in (_SEXES, _SEXES[::-1]):
        if votes[sex] >= 2 and votes[sex] >= CLEAR_MAJORITY * votes[other]:
            return sex
    return None


def _gender_agrees(label: str, gender: str | None) -> bool:
    """Whether a person's name may be of a description's gender ("the woman": not John
    Jenkin), by the first of its words that is a given name of one sex."""
    if gender is None:
        return True
    for word in label.split():
        named = lexicon.first_name_gender(word)
        if named is not None:
            return named == gender
    return True


# A fact read by the sides its arguments take in the active clause: (fact, verb, sides).
_FactSides = tuple[Triple, str, dict[str, Argument]]


def _facts_by_side(triples: Sequence[Triple]) -> list[_FactSides]:
    """A document's facts read once by the sides of their verbs (_sides), for what its nodes
    do (_deeds_of) and whom they stand against (_opponents_of); copulas left out."""
    found = []
    for triple in triples:
        read = _sides(triple)
        if read is not None:
            found.append((triple, *read))
    return found


def _deeds_of(
    facts: Sequence[_FactSides], clusters: _DocumentClusters
) -> list[tuple[NameCluster | _Description, tuple[str, str]]]:
    """What each node of a document does in its facts: (verb, side) pairs, the side the
    node's argument takes in the active clause (_sides)."""
    found = []
    for _, verb, sides in facts:
        for side, argument in sides.items():
            node = clusters.node_of(argument.mention)
            if node is not None:
                found.append((node, (verb, side)))
    return found


def _predicative(argument: Argument) -> bool:
    """Whether an object is a bare singular noun, which says what someone is or becomes
    ("swimmer turned actress", "held them hostage"), not a participant: the argument is its
    concept's key as written, with no determiner, possessor, number or plural ending."""
    mention = argument.mention
    return mention.kind == "concept" and " ".join(argument.text.lower().split()) == mention.key


def _sides(triple: Triple) -> tuple[str, dict[str, Argument]] | None:
    """A fact's verb and its arguments by the side each takes in the active clause. A passive
    is read as its active ("Lopez was hit by the driver": the driver is the subject of "hit",
    Lopez its object); a preposition's object takes the preposition as its side ("fell to his
    death"), so that the verb and the part played in it are what two reports of one event
    share. None for a copula, which says what the subject is, not what it does."""
    words = triple.relation.split()
    if not words or words == ["be"]:
        return None
    sides = {"subject": triple.subject, "object": triple.object}
    if words[0] == "be" and len(words) > 1:
        # Passive (or a copula, read alike on both sides): its subject undergoes it. The
        # participle is read as its verb, as the active's is ("was killed" and "killed him"
        # are one deed, "kill").
        verb, rest = lexicon.verb_lemma(words[1]), words[2:]
        if rest == ["by"]:
            sides = {"subject": triple.object, "object": triple.subject}
        else:
            sides = {"object": triple.subject, " ".join(rest) or "complement": triple.object}
    else:
        verb, rest = words[0], words[1:]
        if rest:
            sides = {"subject": triple.subject, " ".join(rest): triple.object}
    return verb, sides


def _opponents_of(
    facts: Sequence[_FactSides], clusters: _DocumentClusters
) -> list[tuple[_Description, NameCluster]]:
    """The names each description of a document stands against in one of its facts:
    the one the description's chain does something to, or has done to it ("Raj Chohan was
    killed by a drunk hit-and-run driver", "Orozco shot a man"), as subject and direct object
    of one active verb. Two arguments of one verb are two things (binding theory's principle
    B, which the coreference sieves apply within a clause), so the document itself says the
    description is not that name's entity, whatever other documents call it. Not a copula or
    a predicative verb ("became the candidate", "turned actress": what the subject is), nor a
    reflexive object ("checked herself in"), nor an argument inside the other's phrase ("a
    woman named Yvonne Hiller")."""
    found = []
    for triple, _, sides in facts:
        if set(sides) != {"subject", "object"} or _says_what_it_is(triple):
            continue
        subject, obj = sides["subject"], sides["object"]
        if (
            _predicative(obj)
            or obj.text.lower().endswith(("self", "selves"))
            or (subject.start <= obj.start < subject.end or obj.start <= subject.start < obj.end)
        ):
            continue
        one, other = clusters.node_of(subject.mention), clusters.node_of(obj.mention)
        for description, name in ((one, other), (other, one)):
            if isinstance(description, _Description) and isinstance(name, NameCluster):
                found.append((description, name))
    return found


_OTHER_SIDE = {"subject": "object", "object": "subject"}


def _parts_of(deeds: AbstractSet[tuple[str, str]]) -> set[tuple[str, str]]:
    """The deeds ((verb, side) pairs) that say a part someone plays in a story: a verb's
    subject or object, not a preposition after "be" (lexicon.is_verb), nor a verb of saying
    (everyone in a story says something)."""
    return {
        (verb, side)
        for verb, side in deeds
        if side in _OTHER_SIDE and verb not in SPEECH_VERBS and lexicon.is_verb(verb)
    }


# How many documents must say a person does something to someone before a description that
# undergoes it is taken for someone else (_undergoing_it_here).
OTHER_PART_DOCUMENTS = 2

# An age written as a modifier: "a 36-year-old man", "the 59-year-old woman".
_AGE = re.compile(r"\b(\d{1,3})-year-old\b", re.IGNORECASE)
# An age set after a person's name between commas: "LuAnn Marie Johnson, 66, of Burnsville".
_AGE_AFTER_NAME = re.compile(r",\s*(\d{1,3}),")

# What writes a name as a place within another, right after it: "Huntsville, Texas", "Abu
# Talat (Egypt)", "Abu Talat in Egypt".
_IN_A_LAND = re.compile(r",\s*|\s*\(|\s+in\s+")
# What writes a name as a person's home: the person's age and "of" right before it ("LuAnn
# Marie Johnson, 66, of Burnsville").
_AGE_BEFORE_HOME = re.compile(r",\s*\d{1,3},\s+of\s+$")
# What writes a name as a person's home right after the person's name, the age between, a
# street before it: "Robert Buckley, 36, of London", "Alice McMeekin, 58, of Newton Street,
# Millom".
_HOME_AFTER_NAME = re.compile(r"(?P<age>,\s*\d{1,3})?,\s+(?:of|from)\s+(?:[A-Z][\w.'’]*,?\s+)*$")
# What writes a name as the one a statement is given to, right before it: "told (the)",
# "said in a statement to", "confirmed to", "spoke to", "a statement released to"; not a
# "to" further on ("said the changes to the Endangered Species Act").
_TOLD_BEFORE = re.compile(
    r"\b(?:(?:told|tells|telling)|(?:(?:said|says|confirmed|confirms|spoke|speaks|speaking)"
    r"(?:\s+in\s+a\s+statement)?|statement(?:\s+released)?)\s+to)\s+(?:the\s+)?$"
)
# What writes a name as who reports a story, right after it: "ITAR-TASS reported", "Collider
# are reporting", in the active voice ("Gunfire was reported", "the $184 million reported by
# WCVB" are what is reported), or who issues a statement ("said Shavlik Technologies in a
# statement", "Shavlik said in a statement"); or right before it: "according to (the) X".
_REPORTS_AFTER = re.compile(
    r"\s+(?:(?:has|have|had)\s+reported|(?:is|are|was|were)\s+reporting|reports|reported)"
    r"\b(?!\s+by\b)|\s+(?:suggests|writes)\b|(?:\s+(?:said|says))?\s+in\s+a\s+statement\b"
)
_ACCORDING_TO_BEFORE = re.compile(r"\baccording\s+to\s+(?:the\s+)?$", re.IGNORECASE)
# What ends a noun phrase right after a name: "according to Turkmen officials" names the
# officials, not Turkmen.
_PHRASE_ENDS = re.compile(r"\s*(?:[,.;:)\"”]|$)")


def _given_name_first(name: str) -> bool:
    """Whether a name opens with a given name ("Roy Williams"); not a word in capitals in a
    name that is not all in capitals, which is an acronym's or a brand's ("ONE News")."""
    first = name.split()[0]
    return lexicon.given_name(first) and not (first.isupper() and not name.isupper())


def _a_source(text: str, mention: Mention) -> bool:
    """Whether the text writes the name ``mention`` as the source of a story: the one a
    statement is given to, who reports it or issues it, or according to whom it is."""
    if mention.label in VALUE_LABELS:  # "$184 million reported"
        return False
    before = max(0, mention.start - 60)
    return bool(
        _TOLD_BEFORE.search(text, before, mention.start)
        or _REPORTS_AFTER.match(text, mention.end)
        or (
            _ACCORDING_TO_BEFORE.search(text, before, mention.start)
            and _PHRASE_ENDS.match(text, mention.end)
        )
    )


# The types the recogniser's tags give an outlet's name: a person's ("People"), a thing's
# ("ONE News"), a work's ("SportsCenter").
_TYPES_AN_OUTLET_IS_READ_AS = frozenset({"Person", "Thing", "Work"})


@lru_cache(maxsize=1 << 16)  # asked of every description's mention, in both passes
def _traits(text: str, head: str) -> frozenset[tuple[str, str]]:
    """What a description says of a person that one person has one of, by the words before
    its head noun ``head`` (a lemma; "the mother of a 10-year-old girl" says nothing of the
    mother's age): an age ("32-year-old") and a nationality, by a capitalised demonym
    ("British", "Australian"), with the place it names; and of a person, each run of other
    capitalised words, which may be a home ("a Perth man", "a 39-year-old Troy man"): what
    the corpus writes as a place of it is one (CorpusIndex._homes_known)."""
    words = []
    for word in text.split():
        if word.lower().startswith(head):
            break
        words.append(word)
    own = " ".join(words)
    found = {("age", age) for age in _AGE.findall(own)}
    run: list[str] = []
    runs = [run]
    for word in own.replace("-", " ").split():
        place = lexicon.demonym_place(word) if word[:1].isupper() else None
        if place is not None:
            found.add(("nationality", place))
        if word[:1].isupper() and place is None:
            run.append(word)
        elif word.endswith(("'s", "’s")):
            # the words before a possessor are its own ("a Los Angeles County sheriff's
            # deputy": the county's sheriff, not the deputy's home)
            run = []
            runs = [run]
        elif run:
            run = []
            runs.append(run)
    if lexicon.noun_class(head) == "person":
        found.update(("home", " ".join(run)) for run in runs if run)
    return frozenset(found)


def _traits_differ(
    one: set[tuple[str, str]],
    other: set[tuple[str, str]],
    around: Mapping[str, Collection[str]] | None = None,
) -> bool:
    """Whether two sets of traits disagree on a kind both give (an age, a nationality, a
    home): "the Australian climber" is not the one called "the British climber", "a
    36-year-old man" not the one called "32-year-old", "a Perth man" not one "of London"."""
    for kind in {kind for kind, _ in one}:
        mine = {value for k, value in one if k == kind}
        theirs = {value for k, value in other if k == kind}
        if kind == "home" and not _places_related(theirs, around):
            # Homes of one person that nothing lies within the other ("of Queens", "of
            # College Point", a part of it) show places nested in ways the lexicon and the
            # corpus do not write: no clash can be told from them.
            continue
        if theirs and not any(_same_trait(kind, a, b, around) for a in mine for b in theirs):
            return True
    return False


def _places_related(places: set[str], around: Mapping[str, Collection[str]] | None = None) -> bool:
    """Whether every two of ``places`` lie one in the other (_same_trait), as one person's
    homes do."""
    return all(
        _same_trait("home", one, other, around) for one in places for other in places if one < other
    )


def _same_trait(
    kind: str, one: str, other: str, around: Mapping[str, Collection[str]] | None = None
) -> bool:
    """Whether two values of a trait can be one person's: the same, or for a nationality or a
    home one place lying in the other (an English climber is a British one, a Texan an
    American), by WordNet or, for a home, by the places ``around`` that the corpus writes
    each place within ("Perth, Western Australia")."""
    if one == other:
        return True
    if kind not in ("nationality", "home"):
        return False
    if lexicon.lies_within(one, other) or lexicon.lies_within(other, one):
        return True
    if kind == "nationality":
        return False
    # A place named after the place within it ("Los Angeles" in "Los Angeles County"), or
    # one the corpus writes within the other.
    if f"{one} ".startswith(f"{other} ") or f"{other} ".startswith(f"{one} "):
        return True
    around = around or {}
    return other in around.get(one, ()) or one in around.get(other, ())


class _Calling(NamedTuple):
    """What a document calls one of its names: the words that describe it and their head noun
    (lower case), whether they are its title or apposition ("actress Lindsay Lohan") or a
    description chained to it ("the 32-year-old British climber"), and whether that chain's
    link is salience alone (_SALIENCE_SIEVES: a guess, not something the text states)."""

    name: str
    words: str
    noun: str
    titled: bool
    by_salience: bool


def _what_names_are_called(
    extraction: Extraction, clusters: _DocumentClusters
) -> Iterator[_Calling]:
    """What the document calls each of its names: each title or apposition, and each
    description chained to it, once for every time it is written."""
    for role in extraction.roles:
        cluster = clusters.find(role.holder)
        words = role.title.split()
        if cluster is not None and words:
            yield _Calling(cluster.name, role.title, words[-1].lower(), True, False)
    described = [
        (node, mention, sieve, mention.key.rsplit(" ", 1)[-1])
        for node, mention, (sieve, _) in zip(
            clusters.nodes, clusters.mentions, clusters.reasons, strict=True
        )
        if isinstance(node, NameCluster) and mention.kind == "concept" and mention.key
    ]
    # A description repeating the noun of one salience gave the name ("An allegedly
    # intoxicated driver ... the driver") is that guess again, not something the text states.
    guessed = {(node.name, noun) for node, _, sieve, noun in described if sieve in _SALIENCE_SIEVES}
    for node, mention, sieve, noun in described:
        by_salience = sieve in _SALIENCE_SIEVES or (
            sieve == "strict head match" and (node.name, noun) in guessed
        )
        yield _Calling(node.name, mention.text, noun, False, by_salience)


def _kept_apart(clusters: _DocumentClusters) -> set[tuple[str, str]]:
    """The (name, noun) pairs of a document's people and the nouns of the person
    descriptions it writes after the person's first mention and does not chain to them
    (_unconfirmed_guesses): its coreference, which had the name before it, took it for
    someone else. A noun written in the plural ("other drivers") is of others anyway, and
    a description before the name (a title line's "Son suspected of killing mother and
    sister") is one the sieves seldom chain to a name written after it."""
    first_written: dict[str, int] = {}
    for mention, node in zip(clusters.mentions, clusters.nodes, strict=True):
        if isinstance(node, NameCluster) and node.type == "Person":
            first_written[node.name] = min(
                mention.start, first_written.get(node.name, mention.start)
            )
    apart: set[tuple[str, str]] = set()
    for mention, node in zip(clusters.mentions, clusters.nodes, strict=True):
        # A description chained to another person's name ("A co-worker, Smith, was charged
        # ... the suspect") is kept apart from the people named before it as much as one left
        # on its own: its coreference took it for someone else.
        other = node.name if isinstance(node, NameCluster) and node.type == "Person" else None
        if not (isinstance(node, _Description) or other):
            continue
        if mention.kind != "concept" or not mention.key:
            continue
        noun = mention.key.rsplit(" ", 1)[-1]
        # A description of someone: a noun one of whose first WordNet senses is a person's
        # ("driver", "climber"), as the mentions read them.
        if noun in mention.text.lower().split() and lexicon.person_among_first_senses(noun):
            apart.update(
                (name, noun)
                for name, start in first_written.items()
                if start < mention.start and name != other
            )
    return apart


def _kind_called(noun: str, words: str) -> str | None:
    """What calling a name by ``words`` (their head ``noun``) says it is: "Work" for a noun of
    a work written in the singular ("the sequel", "film": lexicon.is_work; a work is one,
    and "Notes: Chiefs WR Terrance Copper" is a heading), "Person" for a person's
    ("director"), else None."""
    if lexicon.is_work(noun):
        return "Work" if noun in words.lower().replace("-", " ").split() else None
    return "Person" if lexicon.noun_class(noun) == "person" else None


# What may stand before a sentence's first word ("“Riot ..."), and what a capital follows at a
# sentence's opening where the parser may not end the sentence (a title line's colon, a line).
_BEFORE_A_WORD = " \t\"'`‘“(["
_OPENING_PUNCTUATION = frozenset(".!?:;\n")
# A capitalised word right after a name: the name goes on, and the recogniser cut it ("Patch"
# of "Patch Tuesday").
_CAPITALISED_NEXT = re.compile(r"[ \t]+[A-Z]")


def _names_written_as_names(
    extraction: Extraction, clusters: _DocumentClusters
) -> Iterator[tuple[str, str]]:
    """The names of a document as written where a capital says a name, with their names'
    clusters' names: inside a sentence of its body, where any word is capitalised ("Internet
    Outage Hits Egypt", "Internet access was cut"): not in a title line, nor first in a
    sentence or after a colon or a line break (which may open one the parser did not end),
    nor before a capitalised word (a name the recogniser cut: "Patch" of "Patch Tuesday")."""
    sentences = {sentence.index: sentence for sentence in extraction.sentences}
    text = extraction.document.text
    headlines = headline_sentences(
        text, [(sentence.index, sentence.start, sentence.end) for sentence in sentences.values()]
    )
    for mention, node in zip(clusters.mentions, clusters.nodes, strict=True):
        sentence = sentences.get(mention.sentence)
        if (
            isinstance(node, NameCluster)
            and mention.kind != "concept"
            and sentence is not None
            and sentence.index not in headlines
            and (before := text[sentence.start : mention.start].rstrip(_BEFORE_A_WORD))
            and before[-1] not in _OPENING_PUNCTUATION
            and not _CAPITALISED_NEXT.match(text, mention.end)
        ):
            yield " ".join(mention.text.split()), node.name


def _kinds_written_after_names(clusters: _DocumentClusters) -> Iterator[tuple[str, str]]:
    """(name, noun) for each description that opens on a name with its head noun right after
    it ("the Bloomington Sam's Club store", "a Kessler Mart store in Bloomington"): the noun
    says what the name's thing is. Not a noun with words of its own between ("the Harry
    Winston jewellery store", "a Wells Fargo branch bank"), whose name may be the owner or
    the maker of the thing rather than it."""
    starts: dict[int, list[tuple[Mention, NameCluster]]] = defaultdict(list)
    for mention, node in zip(clusters.mentions, clusters.nodes, strict=True):
        if isinstance(node, NameCluster) and mention.kind != "concept":
            starts[mention.start].append((mention, node))
    for mention in clusters.mentions:
        if mention.kind != "concept" or not mention.key:
            continue
        noun = mention.key.rsplit(" ", 1)[-1]
        for name, node in starts.get(mention.start, ()):
            between = mention.text[name.end - mention.start : mention.head - mention.start]
            if between.isspace():
                yield node.name, noun


def resolve(
    extractions: Iterable[Extraction],
    known: Iterable[Entity] = (),
    rules: AliasRules | None = None,
) -> Corpus:
    """Resolve the mentions of every document into one corpus of entities and facts.

    ``known`` are entities of documents built earlier into the same graph (an incremental
    build): new mentions link to them by the same rules. ``rules`` are the user's alias file.
    """
    extractions = list(extractions)
    index = CorpusIndex(known, rules)
    clusters = [index.add(extraction) for extraction in extractions]
    index.finish()
    documents = tuple(
        index.resolve_document(e, c) for e, c in zip(extractions, clusters, strict=True)
    )
    entities = dict(index.entities)
    for document in documents:
        entities.update((e.key, e) for e in document.local_entities)
    return Corpus(entities=dict(sorted(entities.items())), documents=documents)


def _team_cut_after(text: str, end: int, place: str, teams: Iterable[str]) -> str | None:
    """The team among a place's ``teams`` (keys "<place> <nickname>") whose nickname ``text``
    writes right after a name of the place that ends at ``end`` ("Indianapolis| Colts"), a
    whole word: the place's name is then the first words of the team's name."""
    for team in teams:
        nickname = team[len(place) :]
        after = end + len(nickname)
        if text.startswith(nickname, end) and not text[after : after + 1].isalnum():
            return team
    return None


def _says_what_it_is(triple: Triple) -> bool:
    """Whether a fact says what its subject is or is called: a copula ("Reid was an actress"),
    an apposition ("Reid, an actress") or a predicative "as" ("served as the club's coach")."""
    return (
        triple.rule == "apposition"
        or triple.rule.endswith("-copula")
        or triple.relation.endswith(" as")
    )


def _what_it_is_called(triple: Triple, entity: Entity) -> str:
    """The words of a fact whose object is its subject that say something of it: the object as
    written, or the subject's words when the object is just its name ("the show, Taradise");
    "" when both are its names."""
    names = {spelling_key(name) for name in (entity.label, *entity.aliases)}
    for argument in (triple.object, triple.subject):
        if spelling_key(argument.text) not in names and argument.mention.kind != "pronoun":
            return argument.text
    return ""


def _is_time(mention: Mention) -> bool:
    return mention.label in TIME_LABELS


def _qualifier_identity(triple: Triple) -> tuple[bool, str, str, str]:
    q = triple.qualifiers
    return (q.negated, q.modality, q.condition, q.attribution)
