"""In-document coreference as ordered sieves, most precise first (Lee et al. 2013, Stanford's
deterministic multi-pass resolver).

Each sieve is one named rule with its linguistic reason. It looks at each mention that is not
yet the first of its chain and may link it to an earlier mention; later sieves see the chains
earlier ones built, so a pronoun meets "Scott Bessent, the Treasury Secretary" as one entity
whose gender, number and type its names and descriptions tell. Every link records its sieve
and a sentence saying why (`kg explain` shows them).

    mentions = find_mentions(doc, sentences)
    links = corefer(mentions)          # CorefLink(mention, antecedent, sieve, reason)

Names are grouped by the name rules of kg/coref/names.py (same name, surname, acronym); the
resolve stage groups them again under the user's alias file, so name links are not emitted
here, only used: the other sieves link descriptions and pronouns to what the names found.

Why one module of about 1,100 lines: the sieves are a pipeline that reads top to bottom, in the
order ``corefer`` applies them (the order is the algorithm: each sieve sees the chains the
earlier ones built), with ``Chains``, the state they all read and extend, before them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from operator import attrgetter

from kg.coref import lexicon
from kg.coref.mentions import SUBJECT_DEPS, CorefMention
from kg.coref.names import AliasRules, group_names
from kg.timex.lexicon import ORDINAL_WORDS
from kg.types import CorefLink

# How far back (in sentences) a pronoun looks for its antecedent: news pronouns point at the
# last sentence or two.
PRONOUN_WINDOW = {"he": 3, "she": 3, "it": 2, "they": 2}


# The opening sentences, where news introduces someone before naming them.
INTRODUCTION_SENTENCES = 3

# The headline and the first sentence, where a story speaks of its protagonist by description
# before naming them; and how often a story must speak of someone for them to be it.
OPENING_SENTENCES = 2
PROTAGONIST_MENTIONS = 3

# Which named types a class of common noun can describe ("the actress" a Person, "the firm" an
# Organization, "the city" a Place).
_CLASS_TYPES = {
    "person": frozenset({"Person"}),
    "organization": frozenset({"Organization", "Group"}),
    "place": frozenset({"Place"}),
}


# The roles of a mention that is the subject of its verb (active or passive).
_SUBJECTS = frozenset({"nsubj", "nsubjpass"})

# The roles of a verb's objects, and of its arguments: its subjects and objects.
_OBJECTS = frozenset({"dobj", "dative"})
_ARGUMENTS = _SUBJECTS | _OBJECTS


# The sieves that join a mention by the construction it stands in with another (an apposition,
# a copula, an "as" role, a title written with the name), not by likeness or salience: what
# a description so joined says of its chain's sex holds.
_CONSTRUCT_SIEVES = frozenset({"apposition", "predicate nominative", "role", "title"})

# How many of a chain's own "he" or "she" (and none of the other) tell its sex when nothing
# else does: one may be a wrong link, which would make the chain the wrong sex.
PRONOUNS_THAT_TELL_SEX = 2

# Mentions in document order (a C-level key: chains are merged thousands of times).
_BY_INDEX = attrgetter("index")


class Chains:
    """The chains built so far: a union-find over mention indices, with each chain's features."""

    def __init__(
        self,
        mentions: list[CorefMention],
        heads: list[int] | None = None,
        copulas: dict[int, int] | None = None,
        speakers: dict[int, int] | None = None,
        roles: dict[int, int] | None = None,
        headlines: frozenset[int] = frozenset(),
        namings: dict[int, tuple[int, str]] | None = None,
        announcing: frozenset[int] | None = None,
    ) -> None:
        self.mentions = mentions
        # Each mention by its head token, for the sieves that read a construction's words.
        self.by_head = {m.head: m for m in mentions}
        # Each sentence's mentions, in order, for the rules that read one sentence.
        self._sentences: dict[int, list[CorefMention]] = {}
        for m in mentions:
            self._sentences.setdefault(m.sentence, []).append(m)
        # Each chain's mentions, by its root: kept as chains join, since every agreement check
        # reads a whole chain.
        self._members: dict[int, list[CorefMention]] = {m.index: [m] for m in mentions}
        # The roots of the chains that hold a name, kept as chains join (asked of every
        # candidate of every pronoun).
        self._named = {m.index for m in mentions if m.kind == "name"}
        # Parse facts the construct sieves need: a token's head (by token index), and a copular
        # verb's subject head.
        self.heads = heads or []
        self.copulas = copulas or {}
        self.speakers = speakers or {}  # a quoted token -> the head of who speaks it
        self.roles = roles or {}  # an "as" phrase's head -> the head of what it describes
        self.headlines = headlines  # the sentence indices of title lines
        # ... and of a first line heading the text in any case: what the body introduces.
        self.announcing = headlines if announcing is None else announcing
        # A name a verb of naming gives -> the head of what it names, and the verb's lemma.
        self.namings = namings or {}
        self._parent = list(range(len(mentions)))
        self.links: list[CorefLink] = []
        # The names grouped as one (names_sieve), joined but not linked: the chain check after
        # the sieves reads them as links that are never cut (_consistent).
        self.same_names: list[CorefLink] = []
        # The mentions a construct sieve joined to their chain ("Estes Kefauver, the senator",
        # "Page was a model", "as an actress"): what these say of a chain, the grammar says.
        self.construed: set[int] = set()
        # Each chain's features, by its root, computed when first asked and joined when chains
        # join: the sieves ask them of a chain once per candidate antecedent, and a long
        # document's chains hold hundreds of mentions.
        self._features: dict[int, ChainFeatures] = {}

    def root(self, i: int) -> int:
        parent = self._parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def same(self, a: int, b: int) -> bool:
        return self.root(a) == self.root(b)

    def join(self, i: int, j: int) -> None:
        a, b = self.root(i), self.root(j)
        if a != b:
            # The earlier mention's root stays the chain's: chains are named by their first.
            first, second = min(a, b), max(a, b)
            self._parent[second] = first
            # A chain's features are unions over its mentions: the joined chain's are the
            # union of both halves'. A half not asked of yet (most often a pronoun's or a
            # description's own, of one mention) is worked out here, not the whole chain again.
            known = self._features.pop(first, None), self._features.pop(second, None)
            if known != (None, None):
                halves = [
                    features or ChainFeatures.of(self._members[root])
                    for features, root in zip(known, (first, second), strict=True)
                ]
                self._features[first] = halves[0].joined(halves[1])
            self._members[first] = sorted(
                self._members[first] + self._members.pop(second), key=_BY_INDEX
            )
            if second in self._named:
                self._named.discard(second)
                self._named.add(first)

    def link(
        self, mention: CorefMention, antecedent: CorefMention, sieve: str, reason: str
    ) -> None:
        self.join(mention.index, antecedent.index)
        self.links.append(CorefLink(mention.index, antecedent.index, sieve, reason))
        if sieve in _CONSTRUCT_SIEVES:
            self.construed.update((mention.index, antecedent.index))

    def reclassify(self, mention: CorefMention, noun_class: str, gender: str) -> None:
        """Read the noun of a description, and of its chain's descriptions by the same noun, in
        another of its senses: the class and gender its referent shows it has."""
        for m in self.members(mention.index):
            if m.kind == "nominal" and m.lemma == mention.lemma:
                m.noun_class, m.gender = noun_class, gender
        self._features.pop(self.root(mention.index), None)

    def acts_on(self, i: int, j: int) -> bool:
        """Whether one of two chains holds the subject of a verb and the other its object,
        neither reflexive: "the gunman surprised Deputy Ortiz", "Subryan struck Chohan" are two
        people (binding theory's principle B over whole chains, as Stanford's resolver checks
        a merge against every mention of both chains)."""
        if self.same(i, j) or not self.features(i).verbs & self.features(j).verbs:
            return False
        return any(
            _subject_and_object(a, b) or _subject_and_object(b, a)
            for a in self.members(i)
            for b in self.members(j)
        )

    def in_sentence(self, sentence: int) -> list[CorefMention]:
        return self._sentences.get(sentence, [])

    def members(self, i: int) -> list[CorefMention]:
        return self._members[self.root(i)]

    def is_first(self, mention: CorefMention) -> bool:
        return self.root(mention.index) == mention.index

    # What a chain is, from all its mentions.
    def features(self, i: int) -> ChainFeatures:
        root = self.root(i)
        known = self._features.get(root)
        if known is None:
            known = self._features[root] = ChainFeatures.of(self._members[root])
        return known

    def entity_types(self, i: int) -> frozenset[str]:
        return self.features(i).entity_types

    def noun_classes(self, i: int) -> frozenset[str]:
        return self.features(i).noun_classes

    def genders(self, i: int) -> frozenset[str]:
        return self.features(i).genders

    def has_name(self, i: int) -> bool:
        return self.root(i) in self._named

    def words(self, i: int) -> frozenset[str]:
        return self.features(i).words


@dataclass(frozen=True)
class ChainFeatures:
    """What a chain is, from all its mentions."""

    entity_types: frozenset[str]  # its names' types
    noun_classes: frozenset[str]  # its descriptions' classes of noun
    genders: frozenset[str]
    words: frozenset[str]  # the words of its names and descriptions
    ship: bool  # one of its names is a ship's
    verbs: frozenset[int]  # the verbs its mentions are arguments of (by token index)
    first_names: frozenset[str]  # the genders the first names of its names give

    def joined(self, other: ChainFeatures) -> ChainFeatures:
        return ChainFeatures(
            entity_types=self.entity_types | other.entity_types,
            noun_classes=self.noun_classes | other.noun_classes,
            genders=self.genders | other.genders,
            words=self.words | other.words,
            ship=self.ship or other.ship,
            verbs=self.verbs | other.verbs,
            first_names=self.first_names | other.first_names,
        )

    @staticmethod
    def of(members: list[CorefMention]) -> ChainFeatures:
        # One pass over the mentions: most chains asked of hold one (a pronoun's, a
        # description's, joining another), for which seven generators cost more than the work.
        entity_types, noun_classes, genders = set(), set(), set()
        words: set[str] = set()
        verbs, first_names = set(), set()
        ship = False
        for m in members:
            if m.entity_type:
                entity_types.add(m.entity_type)
            if m.kind == "nominal" and m.noun_class:
                noun_classes.add(m.noun_class)
            if m.gender:
                genders.add(m.gender)
            if m.kind != "pronoun":
                words.update(m.words)
            verbs.add(m.verb)
            if m.kind == "name":  # a ship's name and a first name are names' only
                ship = ship or m.ship
                if first_name := m.first_name_gender:
                    first_names.add(first_name)
        return ChainFeatures(
            entity_types=frozenset(entity_types),
            noun_classes=frozenset(noun_classes),
            genders=frozenset(genders),
            words=frozenset(words),
            ship=ship,
            verbs=frozenset(verbs),
            first_names=frozenset(first_names),
        )


@dataclass(frozen=True)
class Sieve:
    """One rule of the resolver: its name (recorded on every link it makes), why it holds, and
    the function that applies it to the chains."""

    name: str
    reason: str
    apply: Callable[[Chains], None]


def _candidates(
    chains: Chains, mention: CorefMention, window: int, clauses: dict[int, int] | None = None
) -> Iterator[CorefMention]:
    """Earlier mentions in the order a reader weighs them: the mention's own sentence first, then
    each sentence before it up to ``window`` back; within a sentence the more prominent first
    (nearer the root of the parse: subjects before objects before what is embedded), as Hobbs'
    search and Stanford's sieves order them."""
    by_sentence: dict[int, list[CorefMention]] = {}
    # Mentions are in document order, so their sentences never decrease: the window is the run
    # just before the mention (found walking back, not by reading every earlier mention).
    mentions, lowest, start = chains.mentions, mention.sentence - window, mention.index
    while start > 0 and mentions[start - 1].sentence >= lowest:
        start -= 1
    for other in mentions[start : mention.index]:
        # A title written before a name ("coach Maurice Cheeks") is weighed as that name, not
        # as an argument of its own (it has no verb to keep a pronoun off it: principle B).
        if mention.sentence - other.sentence <= window and not other.titles_name:
            by_sentence.setdefault(other.sentence, []).append(other)
    if clauses is None:
        clauses = _clauses_above(chains.heads, mention.head) if chains.heads else {}
    for sentence in sorted(by_sentence, reverse=True):
        if sentence == mention.sentence:
            # In its own sentence, the clauses around the mention first, nearest first: "King
            # announced that O'Brien was relieved of his duties" is O'Brien's duties.
            # A verb coordinated with one of those is at its level: "after pulling a gun and
            # handcuffing two officers, stealing their guns" is the officers' guns; and an
            # object is at the level of the infinitive it is the subject of: "the judge
            # ordered Lohan to stay until she finished" is Lohan, that clause's subject.
            yield from sorted(
                by_sentence[sentence],
                key=lambda m: (
                    min(
                        clauses.get(v, len(clauses))
                        for v in (m.verb, m.coordinated_with, m.controls)
                    ),
                    m.depth,
                    m.record.start,
                ),
            )
        else:
            yield from sorted(by_sentence[sentence], key=lambda m: (m.depth, m.record.start))


def _clauses_above(heads: list[int], token: int) -> dict[int, int]:
    """The tokens above ``token`` in its parse (its verbs, its clauses' heads), each with how
    many steps up it is."""
    steps: dict[int, int] = {}
    position, step = token, 0
    while heads[position] != position and step < 50:
        position = heads[position]
        step += 1
        steps.setdefault(position, step)
    return steps


def _contains(outer: CorefMention, inner: CorefMention) -> bool:
    a, b = outer.record, inner.record
    return a.start <= b.start and b.end <= a.end and (a.start, a.end) != (b.start, b.end)


def _holds(chains: Chains, outer: CorefMention, pronoun: CorefMention) -> bool:
    """Whether a phrase around a pronoun is one it cannot refer to (i-within-i): "her rep", "the
    president of its board", what the phrase's chain is set beside ("the lawyer, her friend").
    A noun whose phrase holds the pronoun only inside a clause or a coordination may be its
    referent: "a son accused of killing his mother", "the actress and her mother"."""
    return any(m.head in pronoun.containers for m in chains.members(outer.index))


def _subject_and_object(subject: CorefMention, obj: CorefMention) -> bool:
    """Whether ``subject`` is the subject of the verb ``obj`` is the object of, neither
    reflexive ("Lohan hurt herself" is one person)."""
    return (
        subject.verb >= 0
        and subject.verb == obj.verb
        and subject.role in _SUBJECTS
        and obj.role in _OBJECTS
        and not (subject.reflexive or obj.reflexive)
    )


def _same_clause_arguments(a: CorefMention, b: CorefMention) -> bool:
    """Two arguments of one verb are two things unless one is reflexive ("Lohan hit her": "her"
    is not Lohan; "Lohan hurt herself" is). Binding theory's principle B, as Stanford applies it."""
    return a.verb >= 0 and a.verb == b.verb and a.role != b.role


# -- names: grouped first, not emitted (see the module docstring) ---------------------------


def names_sieve(chains: Chains) -> None:
    named = [m for m in chains.mentions if m.kind == "name" and not m.is_time]
    by_span, _ = group_names([m.record for m in named], _NO_RULES)
    first: dict[int, CorefMention] = {}
    for mention in named:
        cluster = by_span.get((mention.record.start, mention.record.end))
        if cluster is None:
            continue
        earlier = first.setdefault(id(cluster), mention)
        if earlier is not mention:
            chains.join(mention.index, earlier.index)
            chains.same_names.append(CorefLink(mention.index, earlier.index, "names", ""))


def surname_sieve(chains: Chains) -> None:
    """ "Lindsay Lohan ... Lohan said": a one-word name that is the surname of a person named in
    the document is that person, whatever type the recogniser gave it (it tags bare surnames as
    places and organisations), unless it stands where places stand ("in Washington")."""
    people: dict[str, list[CorefMention]] = {}
    for mention in chains.mentions:
        words = mention.record.text.split()
        if mention.kind == "name" and mention.entity_type == "Person" and len(words) > 1:
            people.setdefault(words[-1], []).append(mention)
    for mention in chains.mentions:
        if mention.kind != "name" or mention.entity_type == "Person" or mention.is_time:
            continue
        word = mention.record.text
        if " " in word or word not in people or mention.locative:
            continue
        _link_to_the_one_person(chains, mention, people[word], "surname")


def _link_to_the_one_person(
    chains: Chains, mention: CorefMention, named: list[CorefMention], part: str
) -> None:
    """``mention`` (a one-word name) joins the person whose names ``named`` share it as their
    ``part`` ("surname", "given name"), when they are all one chain and it is not in it yet."""
    if len({chains.root(m.index) for m in named}) != 1 or chains.same(
        mention.index, named[0].index
    ):
        return
    person = named[0]
    chains.link(
        mention,
        person,
        part,
        f"'{mention.record.text}' is the {part} of '{person.record.text}' (the only one in the "
        "document)",
    )


def given_name_sieve(chains: Chains) -> None:
    """ "Kathina Thomas ... Kathina's mother": a one-word name the recogniser typed a place, a
    thing or a group that is the first word of the one person the document names with it is
    that person, when it is a known given name or no common noun, and no nationality
    ("Kathina", but not "Indian" of "Indian warship Mysore"), and the person's name ends as a
    person's does, in no common noun ("Palmer Fire" is a fire service the recogniser took for
    a person); not a body ("Colts"), nor where places stand ("in Regina")."""
    people: dict[str, list[CorefMention]] = {}
    for mention in chains.mentions:
        words = mention.record.text.split()
        if (
            mention.kind == "name"
            and mention.entity_type == "Person"
            and len(words) > 1
            and words[0].isalpha()
            and not lexicon.has_noun_class(words[-1].lower())
        ):
            people.setdefault(words[0], []).append(mention)
    if not people:
        return
    for mention in chains.mentions:
        word = mention.record.text
        if (
            mention.kind != "name"
            # a body is no one's given name ("Colts" of a misread "Colts QB Andrew Luck")
            or mention.entity_type in ("Person", "Organization", "")
            or mention.is_time
            or word not in people
            or mention.locative
            or not (lexicon.given_name(word) or not lexicon.has_noun_class(word.lower()))
            or lexicon.demonym_place(word) is not None  # "Indian", "German": a nationality
        ):
            continue
        _link_to_the_one_person(chains, mention, people[word], "given name")


def written_name_sieve(chains: Chains) -> None:
    """ "Saints place Bush on injured reserve | ... the Saints": a capitalised phrase the
    parser read as a common noun (a headline's first word, a sentence's, a plural: "colts",
    "chargers") is the name the document writes in the same letters where a capital says a
    name, inside a sentence of its body. A name written only where a capital is due to its
    place ("Today, the agency ...", "Friends and neighbours were shocked") proves nothing."""
    written: dict[str, CorefMention] = {}
    for mention in chains.mentions:
        if (
            mention.kind == "name"
            and not mention.is_time
            and not mention.opens_sentence
            and mention.sentence not in chains.headlines
        ):
            written.setdefault(mention.record.text, mention)
    for mention in chains.mentions:
        if mention.kind != "nominal" or not mention.record.text[:1].isupper():
            continue
        if mention.indefinite:
            continue  # "a Muslim", "a Kennedy": one of a kind, which a name is not
        if mention.number != "plural" and mention.noun_class in ("person", "organization"):
            continue  # "President", "Police": an office or a body, which the recogniser names
        name = written.get(mention.record.text)
        if name is None or chains.same(mention.index, name.index):
            continue
        if chains.has_name(mention.index):
            continue  # a description of another named thing already
        chains.link(
            mention,
            name,
            "written name",
            f"'{mention.record.text}' is written as the name '{name.record.text}' elsewhere "
            "in the document",
        )


# -- precise constructs -----------------------------------------------------------------------


def apposition_sieve(chains: Chains) -> None:
    """ "Ryan Boyette, a former aid worker" and "the actress, Lindsay Lohan": a noun phrase set
    beside another, between commas, names the same thing; so does a role with no determiner
    that the parser coordinated with a person's name ("actress and reporter Tara Reid") or
    wrote right before it ("Hollywood actress Esther Williams")."""
    by_head = chains.by_head
    doc_heads = chains.heads
    # The heads of phrases another mention is coordinated with ("the ambassador and the general").
    coordinated = {doc_heads[m.head] for m in chains.mentions if m.role == "conj" and doc_heads}
    for mention in chains.mentions:
        if mention.role != "appos" or mention.kind == "pronoun":
            continue
        anchor = by_head.get(doc_heads[mention.head]) if doc_heads else None
        if anchor is None or anchor.kind == "pronoun" or chains.same(mention.index, anchor.index):
            continue
        if anchor.is_time or mention.is_time:
            continue
        if _one_person_and_many(mention, anchor):
            # "Hasim Rahman (45-7-2, 36 KOs)": a plural beside a person's name is something
            # of theirs (a record), not them.
            continue
        if _place_and_where_it_lies(mention, anchor):
            continue
        if mention.says_next and anchor.role not in SUBJECT_DEPS:
            # "... on a freeway outside San Diego, the California Highway Patrol said": a
            # phrase that says what comes before it, set after the object of the clause it
            # reports, is its speaker, not another name of that object ("his sister Mahnefah
            # Gray said", "The team's general manager, A. J. Smith said": the subject is).
            continue
        if _person_and_event(mention, anchor):
            continue
        if _two_people_named(chains, mention, anchor):
            # "The three leads Jennifer Lawrence, Josh Hutcherson, and Liam Hemsworth": two
            # people named in full side by side are a list the parser read as an apposition.
            continue
        if mention is _noun_after_name(chains, anchor):
            # "as long as the CNN doc can accustom himself", "the trial of Brownsville mother
            # of 12": a noun right after a name, with no comma or article between, is the noun
            # the name modifies (a doctor of CNN's), which the parser read as an apposition.
            continue
        if mention.sentence in chains.headlines and not _of_one_kind(mention, anchor):
            # "Arcade Joseph Comeaux Jr, Prison Inmate, Pulls Gun": the parser reads title
            # case as a row of appositions, so in a title line one names the same thing only
            # when both may be one kind of thing ("Inmate" a person), not "Gun" or "Climber"
            # beside a person's or a place's name.
            continue
        if mention.head in coordinated and mention.kind == anchor.kind:
            # "the minister, the ambassador and the general", "Woodward, Bernstein and Deep
            # Throat": a phrase set beside one of its own kind and coordinated with a third is
            # the second item of a list the parser read as an apposition. An apposition names
            # a thing in another way (a description beside a name, a name beside a
            # description), and its own coordination lists roles ("Fred LaRue, a Watergate
            # figure and former Nixon aide").
            continue
        later, earlier = (mention, anchor) if mention.index > anchor.index else (anchor, mention)
        chains.link(
            later,
            earlier,
            "apposition",
            f"'{later.record.text}' is in apposition to '{earlier.record.text}'",
        )
    for mention in chains.mentions:
        # "American Pie actress and former travel reporter Tara Reid checked in": the parser
        # coordinates a role with the name it titles. A singular noun with no determiner
        # cannot be an argument on its own, so it is the named person's title, not another
        # person ("the actress and Tara Reid" stays two).
        if mention.kind != "name" or mention.role != "conj" or mention.entity_type != "Person":
            continue
        anchor = by_head.get(doc_heads[mention.head]) if doc_heads else None
        if (
            anchor is None
            or anchor.kind != "nominal"
            or anchor.noun_class != "person"
            or anchor.number != "singular"
            or anchor.definite
            or anchor.indefinite
            # "Beus, then a Valley dairy farmer, and Bob Havemeister": a noun in apposition
            # describes the name beside it already.
            or anchor.role == "appos"
            or anchor.index > mention.index
            or chains.same(mention.index, anchor.index)
        ):
            continue
        chains.link(
            mention,
            anchor,
            "apposition",
            f"'{anchor.record.text}', with no determiner, titles '{mention.record.text}'",
        )
    for mention in chains.mentions:
        # "Hollywood actress Esther Williams", "attorney Shawn Holley": a person's noun the
        # parser hangs on the name right after it is that person's title (the mention finder
        # makes it a description only there: kg/coref/mentions.py, _title_before_name).
        if not mention.titles_name:
            continue
        name = by_head.get(doc_heads[mention.head]) if doc_heads else None
        if name is None or name.kind != "name":
            # A title line's title, whose parse is no evidence: the name written right after
            # it ("Rehires Attorney Shawn Holley"; mentions.py, _titles_kept).
            following = chains.mentions[mention.index + 1 : mention.index + 2]
            if following and 0 < following[0].record.start - mention.record.end <= 1:
                name = following[0]
        if (
            name is None
            or name.kind != "name"
            or name.entity_type != "Person"
            or chains.same(mention.index, name.index)
        ):
            continue
        chains.link(
            mention,
            name,
            "apposition",
            f"'{mention.record.text}' is the title written before '{name.record.text}'",
        )


# The class of common nouns a name of each type may be described by (_CLASS_TYPES read back).
_NAME_CLASSES = {kind: cls for cls, kinds in _CLASS_TYPES.items() for kind in kinds}


def _kinds(mention: CorefMention) -> frozenset[str]:
    """What a mention is: the class of a nominal's first WordNet sense, a typed name's class;
    empty when unknown (a name of no such type)."""
    if mention.kind == "nominal":
        return frozenset({lexicon.noun_class(mention.lemma)})
    kind = _NAME_CLASSES.get(mention.entity_type)
    return frozenset({kind}) if kind else frozenset()


def _of_one_kind(a: CorefMention, b: CorefMention) -> bool:
    """Whether two mentions may be one kind of thing: they share a class, or one's is unknown."""
    kinds_a, kinds_b = _kinds(a), _kinds(b)
    return not kinds_a or not kinds_b or bool(kinds_a & kinds_b)


def of_apposition_sieve(chains: Chains) -> None:
    """ "the city of Hawaiian Gardens", "the island of Qeshm": a settlement or a polity followed
    by "of" and a name is the place so named (an appositive "of", Quirk et al. 17.42), not a
    place of that kind elsewhere ("the city of Coronado" is no other city). Nouns of a part or
    a neighbourhood ("the district of Palermo", "the coast of Sicily") and relations ("the
    capital city of Turkmenistan", "the largest city of Texas") name something else."""
    by_head = chains.by_head
    heads = chains.heads
    for name in chains.mentions:
        if name.kind != "name" or name.role != "pobj" or name.is_time or not heads:
            continue
        if name.entity_type not in _OF_APPOSITION_TYPES:
            continue
        preposition = heads[name.head]
        description = by_head.get(heads[preposition])
        if (
            description is None
            or description.kind != "nominal"
            or description.lemma not in _OF_APPOSITION_NOUNS
            or description.number != "singular"
            or description.possessed
            or not _contains(description, name)
            or any(_relational(word) for word in description.modifiers)
            or chains.same(name.index, description.index)
        ):
            continue
        before = description.record.text[: name.record.start - description.record.start]
        if not before.endswith(" of "):
            continue
        chains.link(
            description,
            name,
            "of-apposition",
            f"'{description.record.text}' is the {description.lemma} named '{name.record.text}'",
        )


# Nouns of a settlement or a polity, which an "of" and a name after them name ("the town of
# Forks"): lexicon.SETTLEMENT_NOUNS.
_OF_APPOSITION_NOUNS = lexicon.SETTLEMENT_NOUNS

# What the recogniser may type a place's name ("Forks" it often leaves untyped or a body).
_OF_APPOSITION_TYPES = frozenset({"Place", "Organization", ""})


def _relational(word: str) -> bool:
    """A modifier making the noun a relation to the place named ("capital city", "largest
    city", "second city", "sister city"), not the place itself."""
    word = word.lower()
    superlative = word.endswith("est") and not word.endswith("west") and len(word) > 4
    return superlative or word in {"capital", "sister", "twin", "second", "third", "rival"}


def _place_and_where_it_lies(a: CorefMention, b: CorefMention) -> bool:
    """ "Bayou La Batre, Alabama", "Wellington, Somerset": a place's name set beside another
    place's name says where the first lies (the news convention of town, then state or
    county), not another name for it."""
    return a.kind == b.kind == "name" and a.entity_type == b.entity_type == "Place"


def _one_person_and_many(a: CorefMention, b: CorefMention) -> bool:
    """Whether one of two mentions is a name and the other no name for it: a plural beside a
    person's name, or a count of things ("46 KOs", "47 KO's") beside any name (the small model
    types a boxer's bare surname a nationality, which is no person)."""
    return any(
        (x.kind == "name" and ((x.entity_type == "Person" and y.number == "plural") or y.counted))
        # "entered Promises for undisclosed reasons. The actress, 33, ...": one person
        # described is no plural either, whatever the parse set beside her.
        or (
            x.kind == "nominal"
            and x.noun_class == "person"
            and x.number == "singular"
            and y.kind == "nominal"
            and y.number == "plural"
        )
        for x, y in ((a, b), (b, a))
    )


def _full_names(chains: Chains, mention: CorefMention) -> list[frozenset[str]]:
    """The words of the personal names of two words or more in the mention's chain that are
    written as people's names are, of no common noun (not a pseudonym: "Deep Throat")."""
    return [
        frozenset(words)
        for m in chains.members(mention.index)
        if m.kind == "name"
        and m.entity_type == "Person"
        and len(words := m.record.text.split()) > 1
        and not any(lexicon.has_noun_class(w.lower()) for w in words)
    ]


def _two_people_named(chains: Chains, a: CorefMention, b: CorefMention) -> bool:
    """Whether the chains of two mentions each hold a person's full name and the two names
    share no word: no given name, no surname ("Jennifer Lawrence, Josh Hutcherson" a list).
    A name of one word may be a nickname ("Oddfather", Vincent Gigante), a name of common
    words a pseudonym ("Deep Throat, W. Mark Felt"), and two full names that share a word
    may be the same person's ("Lindsay Lohan", "Lindsay Dee Lohan"), so only full names that
    share nothing say two people."""
    names_a = _full_names(chains, a)
    names_b = _full_names(chains, b)
    if any(not (x & y) for x in names_a for y in names_b):
        return True
    return _full_name_and_another_surname(chains, a, names_a, b, names_b) or (
        _full_name_and_another_surname(chains, b, names_b, a, names_a)
    )


def _full_name_and_another_surname(
    chains: Chains,
    full: CorefMention,
    full_names: list[frozenset[str]],
    short: CorefMention,
    short_names: list[frozenset[str]],
) -> bool:
    """Whether a person named in full stands beside a chain that names someone by one word
    only, none of the full name's words, written twice or more ("Patel ... in choosing
    Patel, the TV star and surgeon, President Mary Stone"): a name said again is how the
    story calls someone it speaks of, another person, not a one-off nickname set beside the
    full name ("Vincent Gigante, 'the Oddfather'")."""
    if not full_names or short_names:
        return False
    said = Counter(
        m.record.text
        for m in chains.members(short.index)
        if m.kind == "name"
        and m.entity_type == "Person"
        and len(m.record.text.split()) == 1
        and not lexicon.has_noun_class(m.record.text.lower())
    )
    return any(
        times > 1 and all(word not in names for names in full_names) for word, times in said.items()
    )


def _person_and_event(a: CorefMention, b: CorefMention) -> bool:
    """Whether one of two mentions is a person, by name or by description, and the other a
    description of an act or an event that no sense of its noun makes a person ("Mark
    Teixeira, an eight-year deal worth $184 million": what he signed, set beside him by the
    parse, not him; "the shooting: an armed teenager killed by police" is what befell him)."""
    return any(
        (
            (x.kind == "name" and x.entity_type == "Person")
            or (x.kind == "nominal" and x.noun_class == "person")
        )
        and y.kind == "nominal"
        and not lexicon.may_be_person(y.lemma)
        and ("event" in lexicon.noun_classes(y.lemma) or y.noun_class == "time")
        for x, y in ((a, b), (b, a))
    )


def naming_sieve(chains: Chains) -> None:
    """ "a woman named Jane Doe", "the boat is named the Seahorse", "the editor dubbed him
    'Big Ears'", "a gang known as the Blue Hats": a name a verb of naming gives (as
    kg/coref/constructs.py, naming_complements, finds it) names what the verb is said of.
    Only a name: "named coach", "called him a traitor", "known as a prize fighter" give a role
    or a property (the role and predicate-nominative sieves' business), save after a verb
    that does nothing but name ("dubbed the Oddfather", "nicknamed the Jail Blazers"), whose
    definite complement is a name the recogniser missed. Not an honour "name" gives ("named
    the Person of the Week": see _an_honour), nor a name given to a plural ("teams named
    Rangers") or a time; kg/coref/constructs.py keeps no complement with an indefinite
    article ("known as a Fix It": a kind)."""
    by_head = chains.by_head
    for name_head, (named_head, verb) in chains.namings.items():
        name, named = by_head.get(name_head), by_head.get(named_head)
        if name is None or named is None or name.kind == "pronoun" or named.is_time:
            continue
        if named.number == "plural" or name.is_time or chains.same(name.index, named.index):
            continue
        if name.kind == "nominal" and (
            name.indefinite or name.possessed or verb not in _ONLY_NAMING
        ):
            continue
        if verb == "name" and _an_honour(name):
            continue
        later, earlier = (name, named) if name.index > named.index else (named, name)
        chains.link(
            later,
            earlier,
            "naming",
            f"'{named.record.text}' is named '{name.record.text}'",
        )


def _an_honour(name: CorefMention) -> bool:
    """Whether a name "name" gives is an honour or a post rather than a name ("was named the
    Person of the Week", "named People's Sexiest Man Alive", "named Miss Pinup Girl"): a word
    of it is a person's noun, and it does not open with a given name ("named John Baker")."""
    words = name.record.text.replace("'s", " ").split()
    return not lexicon.given_name(words[0]) and any(
        lexicon.may_be_person(word.lower()) for word in words
    )


# The verbs that do nothing but name (lemmas, hyphens dropped): their
# definite complement is a name even when the recogniser missed it ("dubbed the Oddfather").
_ONLY_NAMING = frozenset({"dub", "nickname", "codename", "christen"})


def relative_pronoun_sieve(chains: Chains) -> None:
    """ "Lohan, who checked herself in": a relative pronoun is the noun its clause modifies."""
    by_head = {m.head: m for m in chains.mentions if m.kind != "pronoun"}
    for mention in chains.mentions:
        if mention.relative_to < 0:
            continue
        noun = by_head.get(mention.relative_to)
        if (
            noun is not None
            and mention.lemma in ("who", "whom", "whose")
            and _body_or_place(chains, noun)
        ):
            # "The former FBI second-in-command who revealed himself": the parser hung the
            # clause on the body's name, which modifies the person's noun after it.
            noun = _person_noun_after(chains, noun) or noun
        if noun is not None and not chains.same(mention.index, noun.index):
            chains.link(
                mention,
                noun,
                "relative pronoun",
                f"'{mention.record.text}' opens a clause on '{noun.record.text}'",
            )


def locative_there_sieve(chains: Chains) -> None:
    """ "She checked into a clinic in Utah and will stay there": a locative "there" stands for
    the place named last before it, in its own sentence or the one before (a pro-form of place
    reaches no further back than a pronoun's nearest antecedent does).
    A place is a place's name, a noun whose first sense is a place ("the facility", "the
    site"), or a body that is a site, named or described, as the object of a preposition of
    place ("showed up to Morningside", "worked at a firm"). A place set after another to say
    where it lies ("Newport Beach, Calif.") is not the one meant: the first is."""
    for mention in chains.mentions:
        if mention.kind != "pronoun" or mention.lemma != "there" or mention.person != 0:
            continue
        place = _place_there_stands_for(chains, mention)
        if place is not None and not chains.same(mention.index, place.index):
            chains.link(
                mention,
                place,
                "locative there",
                f"'{mention.record.text}' is the place '{place.record.text}' named just before it",
            )


def _place_there_stands_for(chains: Chains, there: CorefMention) -> CorefMention | None:
    """The last place before a locative "there", in its sentence or the one before."""
    earlier = [
        m
        for m in chains.mentions[: there.index]
        if there.sentence - m.sentence <= 1 and m.record.start < there.record.start
    ]
    places = [
        m
        for m in earlier
        if _a_place_there(m)
        and not _contains(m, there)  # "a temple there": the phrase holds it
        and not _just_before(m, there)  # "the facilities there": what it says is there
        and "Person" not in chains.entity_types(m.index)  # "Palin ... there"
    ]
    # "The branch has been there for ten years": what the clause says is at the place is not
    # the place; nor is anything on its chain ("the bank ... the branch has been there").
    subjects = [
        m
        for m in chains.mentions
        if there.verb >= 0 and m.verb == there.verb and m.role in ("nsubj", "nsubjpass")
    ]
    places = [p for p in places if not any(chains.same(p.index, s.index) for s in subjects)]
    heads = {m.head for m in places}
    for place in reversed(places):
        if chains.heads and _says_where_another_lies(chains.heads, place, heads):
            # "Newport Beach, Calif.", "an apartment on Independent Street": the second place
            # says where the first lies; the first is the one spoken of.
            continue
        return place
    return None


def _just_before(mention: CorefMention, there: CorefMention) -> bool:
    """Whether a mention ends right before a "there" in the same sentence ("the renowned
    facilities there", "a temple there"): "there" says where that thing is, so the thing is
    not the place it stands for."""
    gap = there.record.start - mention.record.end
    return mention.sentence == there.sentence and 0 <= gap <= 1


# Prepositions of a path ("walked through the door", "drove past the bank", "flew via Dubai"):
# their object is a way passed on the way elsewhere, not a place a later "there" stands for.
_PREPOSITIONS_OF_A_PATH = frozenset({"through", "past", "via"})

# Prepositions that set a place where another lies ("an apartment on Independent Street", "a
# clinic in Utah"); not those of a direction ("the route to the site"), whose object is a place
# of its own that the phrase leads to.
_PREPOSITIONS_OF_SITE = frozenset({"in", "on", "at", "near", "outside", "inside"})


def _says_where_another_lies(heads: list[int], place: CorefMention, places: set[int]) -> bool:
    """Whether a place hangs from another place's head, set beside it ("Newport Beach,
    Calif.") or through a preposition of site ("on Independent Street")."""
    above = heads[place.head]
    if above == place.head:
        return False
    if above in places:
        return True
    return place.preposition in _PREPOSITIONS_OF_SITE and heads[above] in places


def _a_place_there(mention: CorefMention) -> bool:
    """A mention a locative "there" may stand for (see locative_there_sieve)."""
    if mention.is_time or mention.measure or mention.kind == "pronoun":
        return False
    if mention.kind == "name":
        if mention.entity_type == "Place":
            return True
        return mention.entity_type == "Organization" and (
            mention.locative or lexicon.kind_of_place(mention.record.text.split()[-1])
        )
    if mention.preposition in _PREPOSITIONS_OF_A_PATH:
        return False  # "walked through the door": a way passed, not a place one stays at
    if mention.kind != "nominal":
        return False
    if mention.number == "singular" and not (
        mention.definite or mention.indefinite or mention.possessed
    ):
        # A bare singular noun after a preposition is an idiom of a state or a goal, no place
        # set on a map: "not in place", "going right home", "sent to school".
        return False
    if mention.noun_class == "place":
        return True
    return mention.locative and "place" in lexicon.noun_classes(mention.lemma)


def bare_count_sieve(chains: Chains) -> None:
    """ "Three killed as rioters bomb bank" ... "three bank workers died": a bare count is the
    group of people the document counts with the same number just before or after it (two
    sentences either way: a title line's count is taken up by the report's first lines, and
    the title lines between, a dateline or a second title, count for none). The nearest such
    group before it first, then the nearest after."""
    for mention in chains.mentions:
        if not mention.bare_count:
            continue
        groups = [
            m
            for m in chains.mentions
            if m.count == mention.count
            and not m.bare_count
            and m.kind == "nominal"
            and _sentences_apart(chains, m.sentence, mention.sentence) <= 2
            and _people_counted(m)
        ]
        before = [m for m in groups if m.index < mention.index]
        after = [m for m in groups if m.index > mention.index]
        group = before[-1] if before else (after[0] if after else None)
        if group is not None and not chains.same(mention.index, group.index):
            chains.link(
                mention,
                group,
                "bare count",
                f"'{mention.record.text}' counts the {mention.count} of '{group.record.text}'",
            )


def _sentences_apart(chains: Chains, one: int, other: int) -> int:
    """How many sentences apart two sentences stand, not counting the title lines between
    them (a dateline under a headline: "Three Killed In Athens Bank Fire" / "7: 00pm UK,
    Wednesday 05 May 2010" / "Three people have died ...")."""
    low, high = sorted((one, other))
    return high - low - sum(1 for s in chains.headlines if low < s < high)


# Nouns of people WordNet files under groups, not persons ("people" is a body of persons), and
# "others", which counts more of whatever was counted before ("killing two and wounding two
# others"): without them the commonest counts of people in the news would go unmatched.
_PEOPLE_WORDS = frozenset({"people", "other"})


def _people_counted(mention: CorefMention) -> bool:
    """A description counting people ("three bank workers", "two women", "five people"), which a
    bare count may stand for; not things ("12 guns", "two safes"), amounts or times."""
    if mention.is_time or mention.measure or mention.number != "plural":
        return False
    # The first WordNet sense, not the mention's class (which reads "guns" as gunmen).
    return lexicon.noun_class(mention.lemma) == "person" or mention.lemma in _PEOPLE_WORDS


def predicate_nominative_sieve(chains: Chains) -> None:
    """ "Kirkpatrick is a 61-year-old retiree": the subject of a copula and its predicate noun
    are one thing (not for "is one of", a part, nor under negation). So is a relative pronoun
    "who" and its predicate noun ("Felt, who became the most famous source in history"):
    the pronoun is the noun its clause modifies (relative_pronoun_sieve, which runs before),
    so the predicate is that noun; a personal pronoun's is left to the pronoun sieve."""
    by_head = chains.by_head
    for mention in chains.mentions:
        if mention.role != "attr" or mention.kind == "pronoun" or mention.verb < 0:
            continue
        subject_head = chains.copulas.get(mention.verb)
        if subject_head is None:
            continue
        subject = by_head.get(subject_head)
        if (
            subject is None
            or (subject.kind == "pronoun" and not _relative_and_resolved(chains, subject))
            or chains.same(subject.index, mention.index)
        ):
            continue
        if subject.kind == "pronoun":
            noun = by_head.get(subject.relative_to)
            reason = (
                f"'{noun.record.text if noun else subject.record.text}', by the relative "
                f"'{subject.record.text}', is '{mention.record.text}'"
            )
        else:
            reason = f"'{subject.record.text}' is '{mention.record.text}'"
        chains.link(mention, subject, "predicate nominative", reason)


def _relative_and_resolved(chains: Chains, pronoun: CorefMention) -> bool:
    """Whether a pronoun opens a relative clause and the relative pronoun sieve has put it on
    the noun that clause modifies."""
    return (
        pronoun.relative_to >= 0
        # "who" only: "a blood-alcohol level that was five times the legal limit" says a
        # measure of the thing, not what it is, and a person's role is what this reads.
        and pronoun.lemma == "who"
        and len(chains.members(pronoun.index)) > 1
    )


def body_sieve(chains: Chains) -> None:
    """ "His body was found in a motel", "Smith's body was recovered": news speaks of a dead
    person's body as of the person, and the reader follows the person (ECB+ annotates it so).
    A singular "body" or "corpse" whose possessor is a person (a he or she, or a person's
    name), with no word of its own before it, is that person."""
    by_head = chains.by_head
    heads = chains.heads
    if not heads:
        return
    for possessor in chains.mentions:
        if possessor.role != "poss":
            continue
        if possessor.kind == "pronoun":
            if possessor.gender not in ("male", "female"):  # "his", "her"; not "its", "their"
                continue
        elif possessor.kind != "name" or possessor.entity_type != "Person":
            continue
        body = by_head.get(heads[possessor.head])
        if (
            body is None
            or body.kind != "nominal"
            or body.lemma not in _BODY_NOUNS
            or body.number != "singular"
            or body.modifiers  # "his upper body", "her slinky body": the living body
            or chains.same(body.index, possessor.index)
        ):
            continue
        chains.link(
            body,
            possessor,
            "body",
            f"'{body.record.text}' is the dead body of '{_name_of(chains, possessor)}'",
        )


# Nouns for a dead person's body, which a possessor makes that person's ("his body").
_BODY_NOUNS = frozenset({"body", "corpse"})


def role_sieve(chains: Chains) -> None:
    """ "Organizers unveiled Hugh Jackman as the host": a description introduced by "as" after a
    verb is the role of that verb's object (or passive subject), or, after a verb with neither,
    the role of a person its subject is ("Fred LaRue served as special assistant to John
    Mitchell", "Felt, who served as the source"). A name introduced so, after a verb of
    identifying, is who that object is ("the driver, who police identified as Vishwanand
    Subryan"; kg/coref/constructs.py keeps no other name)."""
    # A relative pronoun may be the subject that serves ("Felt, who served as the source").
    by_head = {
        m.head: m
        for m in chains.mentions
        if m.kind != "pronoun" or (m.relative_to >= 0 and m.role in SUBJECT_DEPS)
    }
    for mention in chains.mentions:
        if mention.kind not in ("nominal", "name"):
            continue
        described = by_head.get(chains.roles.get(mention.head, -1))
        if described is None or chains.same(described.index, mention.index):
            continue
        if (described.role, mention.kind) == ("nsubj", "nominal") and (
            mention.noun_class != "person"
            or mention.number != described.number
            or not (
                "Person" in chains.entity_types(described.index) or described.noun_class == "person"
            )
        ):
            # "Felt served as the source": the role a verb gives its subject is a person's,
            # and the subject a person; "it came as a surprise", "took to the streets as part
            # of" say what an act was, and in "the church received [attention] during her
            # campaign as the nominee" the parser hung the role on the wrong verb.
            continue
        if mention.kind == "name":
            if described.number == "plural" or described.is_time:
                # "The victims have been identified as Robyn Mendes, 48, and ...", "the most
                # affected villages were identified as Gabardin, Tonban ...": a group named
                # by its members' names is none of them.
                continue
            later, earlier = sorted((described, mention), key=_BY_INDEX, reverse=True)
            chains.link(
                later,
                earlier,
                "identification",
                f"'{described.record.text}' is identified as '{mention.record.text}'",
            )
            continue
        if mention.noun_class == "person" and (
            described.is_time
            or (
                described.kind == "nominal"
                and described.noun_class not in ("person", "organization")
            )
        ):
            # "Cheeks was starting his fourth season as coach", "As a new godfather, Gigante
            # imposed security measures": a role of someone is not what the verb's object is
            # (a time, a thing), but its subject's.
            continue
        chains.link(
            mention,
            described,
            "role",
            f"'{_name_of(chains, described)}' is named as '{mention.record.text}'",
        )


# -- heads ------------------------------------------------------------------------------------


def strict_head_sieve(chains: Chains) -> None:
    """ "the rehab center" ... "the center": a definite description whose head word is the head
    of an earlier mention, and whose other words all occur in that entity's mentions (so "the
    new tariffs" does not join "the old tariffs"), is that entity."""
    earlier: dict[str, list[CorefMention]] = {}  # head lemma -> the nominals so far, in order
    for mention in chains.mentions:
        if mention.kind != "nominal":
            continue
        # A description counted as one ("killing one man") is one of a number its sentence
        # brings in, new to the story like an indefinite one: not the man spoken of before.
        if not mention.indefinite and not mention.counted_one and chains.is_first(mention):
            for antecedent in reversed(earlier.get(mention.lemma, ())):
                if antecedent.number != mention.number or _contains(antecedent, mention):
                    continue
                if not mention.modifiers <= chains.words(antecedent.index):
                    continue
                chains.link(
                    mention,
                    antecedent,
                    "strict head match",
                    f"'{mention.record.text}' repeats the head of '{antecedent.record.text}'",
                )
                break
        if not mention.titles_name:
            # A title written before a name is repeated as that name's (the title sieve).
            earlier.setdefault(mention.lemma, []).append(mention)


def repeated_count_sieve(chains: Chains) -> None:
    """ "Ten people are killed and about 50 hurt." ... "Ten people were killed and at least 50
    injured": a report repeats in its body the count its lead line gave. A counted description
    of people ("ten people", "three bank workers") is new to the story by its grammar, as an
    indefinite one is, so the head sieves leave it alone; but the same number of the same noun
    said to undergo or do the same deed is that group again. Not a deed denied or supposed, nor
    one of no verb ("two people" beside a verb nowhere)."""
    earlier: dict[tuple[int, str, str, str], CorefMention] = {}
    for mention in chains.mentions:
        if (
            mention.kind != "nominal"
            or mention.bare_count
            or mention.count < 2
            or not mention.deed
            or mention.deed_hedged
            # People, not things: a player's "16 points" or "five passes" in one game are not
            # another's in the next.
            or not _people_counted(mention)
        ):
            continue
        key = (mention.count, mention.lemma, mention.deed, mention.side)
        antecedent = earlier.setdefault(key, mention)
        if antecedent is mention or chains.same(mention.index, antecedent.index):
            continue
        if _contains(antecedent, mention) or _contains(mention, antecedent):
            continue
        chains.link(
            mention,
            antecedent,
            "repeated count",
            f"'{mention.record.text}' counts again the {mention.count} {mention.lemma} "
            f"of '{antecedent.record.text}' ({mention.side} of '{mention.deed}')",
        )


def headline_noun_sieve(chains: Chains) -> None:
    """ "Driver Charged In Fatal Crash" ... "A driver has been charged": a title line announces
    what its story introduces, so the body's first description with the head and the number of
    a title line's description (and no earlier mention of its own) is the one the title line
    spoke of, though the body introduces it with "a" as new to its reader. "Two Women Shot"
    is the body's first "women", not an earlier "a woman"."""
    if not chains.announcing:
        return
    # (head lemma, number) -> the title lines' first description so
    titled: dict[tuple[str, str], CorefMention] = {}
    seen: set[tuple[str, str]] = set()  # the heads and numbers the body has written
    for mention in chains.mentions:
        if mention.kind != "nominal" or not mention.lemma:
            continue
        key = (mention.lemma, mention.number)
        if mention.sentence in chains.announcing:
            if not mention.titles_name:
                titled.setdefault(key, mention)
            continue
        if key in seen:
            continue
        seen.add(key)
        title = titled.get(key)
        if (
            title is None
            # A possessor ("a sheriff's deputy") introduces the one possessed, not itself.
            or mention.possessor
            or title.possessor
            or _one_of_several(title)
            or not chains.is_first(mention)
            or chains.same(mention.index, title.index)
        ):
            continue
        chains.link(
            mention,
            title,
            "headline noun",
            f"'{mention.record.text}' introduces the '{title.record.text}' of the title line",
        )


def _one_of_several(mention: CorefMention) -> bool:
    """Whether a description picks one of several of its kind by an ordinal or "another"
    ("Second climber dies", "Another victim named"): the story may speak of the others first,
    so its first description of the kind need not be this one."""
    words = [*mention.record.text.lower().split(), *mention.modifiers]
    return any(
        w in ORDINAL_WORDS or w in ("another", "other") or _ORDINAL_FIGURE.fullmatch(w)
        for w in words
    )


# An ordinal written in figures: "2nd", "3rd", "21st".
_ORDINAL_FIGURE = re.compile(r"\d+(st|nd|rd|th)")


def name_head_sieve(chains: Chains) -> None:
    """ "the Betty Ford Center" ... "the center", "Mt Cook" ... "the mountain": a description
    whose head word is a kind word of an earlier name (its last word: center, clinic,
    company, court; or a place's kind written first: see _kind_words) is that name."""
    latest: dict[str, CorefMention] = {}  # kind word of a name of two words or more -> the name
    for mention in chains.mentions:
        if mention.kind == "name" and not mention.is_time:
            if len(mention.record.text.split()) > 1:
                latest.update(dict.fromkeys(_kind_words(mention), mention))
            continue
        if mention.kind != "nominal" or mention.indefinite or not chains.is_first(mention):
            continue
        antecedent = latest.get(mention.lemma) or latest.get(mention.record.text.lower())
        if antecedent is None:
            continue
        chains.link(
            mention,
            antecedent,
            "name head match",
            f"'{mention.record.text}' is the kind of thing '{antecedent.record.text}' names",
        )


def title_sieve(chains: Chains) -> None:
    """ "US President Donald Trump" ... "the president": a definite description whose head word
    is an office or role written with a name earlier in the document refers to that person
    (the most recent one holding it)."""
    holders: dict[str, CorefMention] = {}  # each title, the latest name written with it so far
    for mention in chains.mentions:
        if (
            mention.kind == "nominal"
            and not mention.indefinite
            and chains.is_first(mention)
            and mention.number == "singular"
            and mention.definite
            and mention.lemma in holders
        ):
            antecedent = holders[mention.lemma]
            chains.link(
                mention,
                antecedent,
                "title",
                f"'{mention.record.text}' is the title of '{_name_of(chains, antecedent)}'",
            )
        if mention.kind == "name":
            holders.update(dict.fromkeys(mention.titles, mention))


def deed_sieve(chains: Chains) -> None:
    """ "A co-worker has been charged ... the suspect", "Smith shot two guards ... the gunman":
    news calls a person by what they did or what was done to them. A singular description
    whose noun names a deed and its side (``lexicon.deed_named``: "the killer" kills, "the
    driver" drives, "the suspect" is arrested, charged or accused, "the victim" is killed,
    shot, struck ...) is the one person of its document on that side of that deed (the subject
    of the active verb with an object, or the one it is done to: ``CorefMention.deed``), a
    name or a description of a person. A tie links nothing: two people charged leave "the
    suspect" to neither. A denied or supposed deed ("was not charged", "may have shot") does
    not count, nor does the one who speaks the quotation or says the clause the description is
    in (a witness speaks of "the gunman" as someone else: principle C), nor one of the other
    sex than the noun's. Decided for every description before any is linked, so that a
    description joined to one person is no candidate for another. Only in its own document:
    a description no sieve names stays a node of its document (the design keeps it so).
    Known misses: a doer the introduction sieve names wrongly carries the description along
    ("A gunman shot three people ... said Lt. X", where the parser cut the name off its verb),
    and title lines the parser runs together can give a "by" phrase to a far verb."""
    decided: list[tuple[CorefMention, CorefMention]] = []
    seen: set[int] = set()
    for mention in chains.mentions:
        if (
            mention.kind != "nominal"
            or mention.noun_class != "person"
            or mention.number != "singular"
            or mention.indefinite  # "a suspect": one brought in, not the one the story has
            or mention.possessed  # "his victim", "her attacker": of someone else's deed
            or mention.counted_one
            or chains.has_name(mention.index)
            or chains.root(mention.index) in seen
        ):
            continue
        deeds, side = lexicon.deed_named(mention.lemma)
        if not deeds:
            continue
        seen.add(chains.root(mention.index))
        speaker = chains.by_head.get(chains.speakers.get(mention.head, -1))
        doers: dict[int, CorefMention] = {}
        for other in chains.mentions:
            if (
                other.deed in deeds
                and other.side == side
                and not other.deed_hedged
                and other.number == "singular"
                # A title line's doer ("Sacked worker shoots ex-colleagues") is one the body
                # brings in again, by name or description: the body's mention counts.
                and other.sentence not in chains.headlines
                and _a_person(chains, other)
                and not chains.same(other.index, mention.index)
            ):
                doers.setdefault(chains.root(other.index), other)
        if len(doers) != 1:
            continue
        (doer,) = doers.values()
        if speaker is not None and chains.same(speaker.index, doer.index):
            continue  # "'The gunman came in shooting,' Smith said": Smith is a witness
        if any(
            start <= mention.head <= end
            for m in chains.in_sentence(mention.sentence)
            if chains.same(m.index, doer.index)
            for start, end in m.reported
        ):
            continue  # "Smith said the gunman fled": what Smith says is of someone else
        if not _may_have_gender(chains, doer.index, mention):
            continue
        decided.append((mention, doer))
    for mention, doer in decided:
        later, earlier = sorted((mention, doer), key=_BY_INDEX, reverse=True)
        side = "did" if lexicon.deed_named(mention.lemma)[1] == "agent" else "underwent"
        chains.link(
            later,
            earlier,
            "deed",
            f"'{mention.record.text}' is the one person who {side} '{doer.deed}' in its "
            f"document: '{_name_of(chains, doer)}'",
        )


def _a_person(chains: Chains, mention: CorefMention) -> bool:
    """Whether a mention is of a person by its own words or its chain's names: a person's name,
    or a description by a noun of a person (not a pronoun, which is not resolved yet)."""
    if mention.kind == "name":
        return "Person" in chains.entity_types(mention.index)
    return mention.kind == "nominal" and mention.noun_class == "person"


def description_sieve(chains: Chains) -> None:
    """ "Lindsay Lohan ... the actress", "AMD ... the company": a description of a person, an
    organisation or a place (definite or bare, not "a ...") refers to the entity of that type
    the document has spoken of most so far (news returns to its protagonist), the nearest one
    among equals, when the genders agree. A description of a place joins only a place named
    as a facility ("the Betty Ford Center" ... "the clinic"): the town or country most spoken
    of is seldom what "the area", "the door" or "the prison" means; and a facility named in
    the description's own sentence, in another clause, comes before the one most spoken of
    (see _facility_named_in_its_sentence)."""
    # What the document has said before the mention, chain by chain (by root), counted as the
    # sieve walks through it: a chain this sieve extends is a description's own, which has no
    # mention before it, so no root counted here stops being one.
    counts: dict[int, int] = {}
    subjects: dict[int, int] = {}
    names: dict[int, list[CorefMention]] = {}
    for mention in chains.mentions:
        antecedent = _described(chains, mention, counts, subjects, names)
        if antecedent is not None:
            if mention.noun_class == "person" and "Person" not in chains.entity_types(
                antecedent.index
            ):
                # "the software giant" of Microsoft is the enterprise, not someone: "it" and
                # "its" after it are still Microsoft's.
                chains.reclassify(mention, "organization", "neuter")
            chains.link(
                mention,
                antecedent,
                "description",
                f"'{mention.record.text}' describes '{_name_of(chains, antecedent)}' "
                f"(a {mention.noun_class}, the one most spoken of before it)",
            )
        if mention.titles_name:
            continue  # said once with its name, which is counted
        root = chains.root(mention.index)
        counts[root] = counts.get(root, 0) + 1
        subjects[root] = subjects.get(root, 0) + (mention.role in _SUBJECTS)
        if mention.kind == "name":
            names.setdefault(root, []).append(mention)


def _described(
    chains: Chains,
    mention: CorefMention,
    counts: dict[int, int],
    subjects: dict[int, int],
    names: dict[int, list[CorefMention]],
) -> CorefMention | None:
    """The name a description refers to (see ``description_sieve``), given how often each chain
    was spoken of before it, as a subject, and by which names; None when it describes none."""
    if (
        mention.kind != "nominal"
        or mention.indefinite
        or mention.possessed  # "her mother" is someone else than the one most spoken of
        # "A Michigan man shot to death one person and injured two others": a description
        # counted as one is one of a number the sentence brings in (a victim, a witness),
        # like "a person", not the one the story is about.
        or mention.counted_one
        # "she thanked God", "'Mommy, I got hit'", "a spread in Playboy": a capitalised
        # noun with no article calls someone by it as by a name, and describes no one the
        # story spoke of (a title line capitalises every noun, so not there).
        or (mention.called_by_noun and mention.sentence not in chains.headlines)
        or mention.number != "singular"
        or not chains.is_first(mention)
        # Named already, by an apposition or a predicate ("correspondent Dr. Sanjay
        # Gupta"): a description of someone named is not a description of someone else.
        or chains.has_name(mention.index)
    ):
        return None
    wanted = _description_types(mention)
    if not wanted:
        return None
    if mention.noun_class != "place" and any(
        _holds_a_known_person(chains, mention, other)
        for other in chains.in_sentence(mention.sentence)
    ):
        # "the Maurice Cheeks coach", "the Obama team", "the Tara Reid fan": a description
        # that holds a person's name is of that person or of someone or something the name
        # says it relates to, never of the protagonist it does not name. Not a place: "the
        # structure at 325 E. Dahlia Ave." holds a street the recogniser may type a person.
        return None
    # Among entities spoken of equally often, the one that has acted (been a subject) is
    # the protagonist: "Saints place him on IR ... the team" is the Saints, "Lohan ...
    # rehires attorney Shawn Holley ... the starlet" is Lohan; then the nearest.
    best: CorefMention | None = None
    best_rank = (0, 0, 0)
    for root, chain_names in names.items():
        if not _chain_describable(chains, mention, root, wanted):
            continue
        latest = next(
            (n for n in reversed(chain_names) if _name_describable(mention, n, wanted)), None
        )
        if latest is not None:
            rank = (counts[root], subjects[root], latest.index)
            if best is None or rank > best_rank:
                best, best_rank = latest, rank
    if best is not None and any(
        _holds_another_body_or_work(chains, mention, other, best)
        for other in chains.in_sentence(mention.sentence)
    ):
        return None
    if best is not None and "Place" in wanted and not _polity(mention):
        # A facility named earlier in the description's own sentence, in another clause, is
        # the one a place description there takes up, as a pronoun would the nearest ("left
        # the Ridge Clinic for the Sunrise Clinic, but disliked the place"): not the one
        # spoken of more before it.
        return _facility_named_in_its_sentence(chains, mention, wanted) or best
    return best


def _holds_a_known_person(chains: Chains, mention: CorefMention, name: CorefMention) -> bool:
    """Whether a description holds the name of a person the document knows: a full name, or
    one the document says again ("Obama" after "Barack Obama"). A lone capitalised word the
    recogniser typed a person once is as often an adjective ("Olympic swimmer")."""
    return (
        name.kind == "name"
        and name.entity_type == "Person"
        and _contains(mention, name)
        and (len(name.record.text.split()) > 1 or len(chains.members(name.index)) > 1)
    )


def _holds_another_body_or_work(
    chains: Chains, mention: CorefMention, name: CorefMention, chosen: CorefMention
) -> bool:
    """Whether a description of a body holds the name of another body or of a thing than the
    one the salience guess ``chosen`` would give it: "the Reuters news agency", "the Interpol
    liaison unit" are the agency and the unit that name says, or something of it, not the
    company the story speaks of most; as a person's name in a description
    (_holds_a_known_person) says whose it is. Only a description of a body: a person described
    with an employer's or a work's name ("the Acme plant worker", "the 'Dune' star") is the
    protagonist as often as not. Not a place's name, which a description carries to say where
    the body is ("the Leeds council"), nor a nationality adjective."""
    return (
        mention.noun_class == "organization"
        and name.kind == "name"
        and not name.is_time
        and name.entity_type not in ("Place", "Person")
        # "the gas-rich Central Asian nation": a nationality adjective, whose last word is
        # a people's name, says where the body is, not what it is.
        and not lexicon.demonym_place(name.record.text.split()[-1])
        and _contains(mention, name)
        and not chains.same(name.index, chosen.index)
    )


def _facility_named_in_its_sentence(
    chains: Chains, mention: CorefMention, wanted: frozenset[str]
) -> CorefMention | None:
    """The latest facility named before a place description in its sentence, in another
    clause (see _takes_up_place), unless a capitalised modifier names the description's
    own place (see _named_by_its_modifier)."""
    if _named_by_its_modifier(mention):
        return None
    return next(
        (
            name
            for name in reversed(chains.in_sentence(mention.sentence))
            if name.kind == "name"
            and name.index < mention.index
            and not name.is_time
            and _names_a_facility(name)
            and _takes_up_place(chains, mention, name)
            and _chain_describable(chains, mention, name.index, wanted)
        ),
        None,
    )


def _description_types(mention: CorefMention) -> frozenset[str] | None:
    """The named types a description may be, by the class of its noun. A noun of a person
    that WordNet also gives a sense of a body ("the software giant", "the maker", "the
    distributor", "the subsidiary": an enterprise as much as someone) may be an organisation
    too, unless the noun says a sex, which no organisation has."""
    if _polity(mention):
        return _CLASS_TYPES["organization"] | _CLASS_TYPES["place"]
    wanted = _CLASS_TYPES.get(mention.noun_class)
    if (
        wanted is not None
        and mention.noun_class == "person"
        and not mention.gender
        and "organization" in lexicon.noun_classes(mention.lemma)
    ):
        return wanted | _CLASS_TYPES["organization"]
    return wanted


def _polity(mention: CorefMention) -> bool:
    """A noun of a body politic that is also its land ("the country", "the nation": a polity
    noun, see _OF_APPOSITION_NOUNS, whose first WordNet sense is a body): it describes the
    country the document names, which the recogniser types a place, as much as its
    government, typed a body. Not "the city" or "the area", which are seldom the place most
    spoken of (see description_sieve), nor "the state", whose first sense is a territory and
    which is as often the government of one as a land."""
    return mention.lemma in _OF_APPOSITION_NOUNS and mention.noun_class == "organization"


def opening_description_sieve(chains: Chains) -> None:
    """ "Actress checks into rehab ... Tara Reid's publicist said": news opens on its
    protagonist by description and names them afterwards. A description of a person
    (singular, not "a ...", not possessed) in the document's first sentences, with no person
    named before it, refers to the person the document speaks of most, when it speaks of
    them at least twice as often as of anyone else and the genders agree; and to one of the
    people a sentence describes, not two ("Son suspected of killing mother and sister",
    "GRANDMOTHER KILLED BY DRUNK DRIVER")."""
    for mention in chains.mentions:
        if (
            mention.kind != "nominal"
            or mention.indefinite
            or mention.possessed
            or mention.number != "singular"
            or mention.noun_class != "person"
            or mention.sentence >= OPENING_SENTENCES
            or not chains.is_first(mention)
            or chains.has_name(mention.index)  # named already (see description_sieve)
        ):
            continue
        wanted = _CLASS_TYPES["person"]
        counts: dict[int, int] = {}
        first: dict[int, CorefMention] = {}
        for other in chains.mentions:
            if other.titles_name:
                continue  # said once with its name, which is counted
            root = chains.root(other.index)
            counts[root] = counts.get(root, 0) + 1
            if other.kind != "name" or other.is_time:
                continue
            if "Person" in chains.entity_types(other.index):
                first.setdefault(root, other)
        if not first or any(m.index < mention.index for m in first.values()):
            continue
        if mention.gender and _one_of_its_sex(chains, mention):
            # "Man charged with killing mother and sister": one of two of its sex, whom the
            # story may name in either order, is not the protagonist for being the one of
            # that sex it speaks of most.
            continue
        if mention.gender:
            # "Video of Brooklyn woman's fatal shooting is played at trial of two men": a
            # description that says a sex opens on the protagonist of that sex, whom the
            # story names with that sex; a man it speaks of as often is no rival of "the
            # woman" (whose sex the name, a title or a pronoun told).
            first = {r: m for r, m in first.items() if _may_have_gender(chains, r, mention)}
            if not first:
                continue
        ranked = sorted(first, key=lambda r: counts[r], reverse=True)
        top = ranked[0]
        if counts[top] < PROTAGONIST_MENTIONS or (
            len(ranked) > 1 and counts[top] < 2 * counts[ranked[1]]
        ):
            continue
        antecedent = first[top]
        if not _describable(chains, mention, antecedent, wanted, later=True):
            continue
        if any(
            m.sentence == mention.sentence and not (_contains(m, mention) or _contains(mention, m))
            for m in chains.members(antecedent.index)
        ):
            # "GRANDMOTHER KILLED BY DRUNK DRIVER", "killing mother and sister": two
            # descriptions in one sentence, neither inside the other, are two people (one
            # that says the other's role is joined earlier, by apposition or predicate).
            continue
        chains.link(
            mention,
            antecedent,
            "opening description",
            f"'{mention.record.text}' opens the story on '{_name_of(chains, antecedent)}', "
            "the person it speaks of most, named after it",
        )


def _one_of_its_sex(chains: Chains, mention: CorefMention) -> bool:
    """Whether a description of a person's sex stands beside another description of someone
    of that sex in its sentence ("Man charged with killing mother and sister"): one of two
    whom the story may name in either order."""
    return any(
        other is not mention
        and other.kind == "nominal"
        and other.noun_class == "person"
        and other.gender == mention.gender
        and not (_contains(other, mention) or _contains(mention, other))
        for other in chains.in_sentence(mention.sentence)
    )


def _describable(
    chains: Chains,
    mention: CorefMention,
    antecedent: CorefMention,
    wanted: frozenset[str],
    later: bool = False,
) -> bool:
    """Whether a description (whose noun describes the types ``wanted``) may be the named
    ``antecedent``: by the name itself and by its whole chain."""
    return _name_describable(mention, antecedent, wanted, later) and _chain_describable(
        chains, mention, antecedent.index, wanted
    )


def _name_describable(
    mention: CorefMention, antecedent: CorefMention, wanted: frozenset[str], later: bool = False
) -> bool:
    if antecedent.is_time or antecedent.sentence > mention.sentence and not later:
        return False
    if antecedent.role in ("amod", "compound") and lexicon.demonym_place(antecedent.record.text):
        # "Greek police", "the Greek government": a nationality adjective says whose the
        # thing is; it names no body or land that "the police" or "the country" may be.
        return False
    if antecedent.sentence == mention.sentence and (
        later
        or antecedent.index > mention.index
        or ("Person" not in wanted and not _takes_up(mention, antecedent))
    ):
        # Within one sentence a description of a body or a place is another one ("Lohan's
        # lawyer says"), or an apposition, which the apposition sieve reads from the parse,
        # unless it takes the name up as a pronoun would (see _takes_up); a description of
        # a person after the person's name may be them ("Reid's publicist confirmed that the
        # actress was admitted"), unless possessed (excluded before).
        return False
    if _polity(mention):
        # A country is named as a land, not as a city in it ("Athens" is not "the country").
        if antecedent.entity_type == "Place" and not lexicon.land_name(antecedent.record.text):
            return False
    elif "Place" in wanted and not _names_a_facility(antecedent):
        return False
    return not (_contains(antecedent, mention) or _contains(mention, antecedent))


def _takes_up(mention: CorefMention, name: CorefMention) -> bool:
    """Whether a description of a body or a country stands where a pronoun taking up a name
    earlier in its sentence would: as the subject of another verb than the name's ("Since
    CNN learned of it, the cable network has made sure ...", "Turkmenistan voted to show
    that the nation was shedding its past"). An object or a possessor in the name's
    sentence is as often something else of the same kind ("AMD bought the company", "the
    nation's toughest prison" of a prison in Florence), and a description of a place
    there is another place ("Harbor Center's spokesman said the facility ...": see
    description_sieve).

    A country's noun ("the country", "the nation") takes up a land named in its sentence as
    a possessor or a place after "in" too, where "its" or "there" would: "elections in
    Turkmenistan, for the first time in the country's history", "voters in Turkmenistan ...
    authorities in the nation". Only a land (lexicon.land_name): "the nation's toughest
    prison" of a prison in Florence, or "the nation's best-known physicians" of a CNN
    reporter, is another polity than the city or the body named beside it."""
    if (
        _polity(mention)
        and (mention.possessor or mention.preposition in _PREPOSITIONS_OF_SITE)
        and lexicon.land_name(name.record.text)
    ):
        return True
    return mention.role in _SUBJECTS and mention.verb != name.verb and mention.noun_class != "place"


def _named_by_its_modifier(mention: CorefMention) -> bool:
    """Whether a description of a place carries a capitalised modifier ("the Independent
    Street apartment", "the Alexandria cable station"): a place named by it, another than
    the facility the story has named."""
    return any(
        word[:1].isupper() and word.lower() in mention.modifiers
        for word in mention.record.text.split()[1:]
    )


def _takes_up_place(chains: Chains, mention: CorefMention, name: CorefMention) -> bool:
    """Whether a description of a place takes up a named facility or feature earlier in its
    sentence from another clause ("she checked into the Sunrise Clinic but left because she
    disliked the place", "a climber fell from a ridge on Mount Kent ... two nights high on
    the mountain"), where a pronoun would take it up: its path up the parse meets the name's
    only at least _OTHER_CLAUSE steps above it. Not a description of the name's own clause
    ("moved from the Sunrise Clinic to the hospital": two steps up, the verb both places
    hang from), nor when the name is a possessor ("Harbor Center's spokesman said the
    facility ...", about something else the name has)."""
    if (
        mention.noun_class != "place"
        or _polity(mention)
        or name.possessor
        or name.role == "poss"
        or not chains.heads
    ):
        return False
    above_name = _clauses_above(chains.heads, name.head)
    above_name[name.head] = 0
    if mention.head in above_name:
        return False  # the name's phrase holds the description
    for token, steps in sorted(
        _clauses_above(chains.heads, mention.head).items(), key=lambda t: t[1]
    ):
        if token in above_name:
            return steps >= _OTHER_CLAUSE
    return False


# How far up the parse a description's path must meet a name's for the two to stand in
# different clauses: its preposition or verb (1), that one's head (2), and beyond.
_OTHER_CLAUSE = 3


def _chain_describable(
    chains: Chains, mention: CorefMention, antecedent: int, wanted: frozenset[str]
) -> bool:
    if ("Place" not in wanted or _polity(mention)) and not chains.entity_types(antecedent) & wanted:
        return False
    # Nor what another argument of its verb already is, by any of the chain's mentions: in
    # "the gunman struck the boy", once "the gunman" is Carl Mays, "the boy" is someone else
    # (principle C), though Mays's latest name is in another sentence.
    if (
        mention.verb >= 0
        and mention.verb in chains.features(antecedent).verbs
        and any(_same_clause_arguments(mention, m) for m in chains.members(antecedent))
    ):
        return False
    # Nor whom it stands in a clause said or thought by: in "Christopher Budd said the
    # software giant encourages all users to ...", what Budd says is of someone else, as a
    # pronoun's reported clause names no one the pronoun is (principle C). A predicate noun
    # refers to no one of its own, and says what the subject is, whoever reports it ("Reid
    # told People she was a social drinker", "'I'm the guy they used to call Deep Throat,'
    # Felt told ...").
    if mention.role not in _PREDICATE_ROLES and any(
        start <= mention.head <= end
        for m in chains.in_sentence(mention.sentence)
        if chains.same(m.index, antecedent)
        for start, end in m.reported
    ):
        return False
    return _may_have_gender(chains, antecedent, mention)


def _may_have_gender(chains: Chains, chain: int, mention: CorefMention) -> bool:
    """Whether a description's sex, when its noun says one, is not the other one than the
    chain's ("the woman" may be Zurana Horton or someone unsexed, not Andrew Lopez)."""
    genders = chains.genders(chain) - {"neuter"}
    return not (mention.gender and genders and mention.gender not in genders)


# The dependency labels of a predicate noun: a copula's ("she was a social drinker") and an
# object predicate's ("named him the coach").
_PREDICATE_ROLES = frozenset({"attr", "oprd"})


def _names_a_facility(name: CorefMention) -> bool:
    """A facility is named like an organisation and tagged so ("the Betty Ford Center", "the
    Sunrise Clinic"): its last word says it is a place, or a body with a place among its
    senses (lexicon.kind_of_place: "clinic", "hospital"). Not a name the recogniser reads as
    a town, a country or a region ("Newport Beach", "Kansas City", "Chapel Hill", "the
    Mediterranean Sea"), whose last word says a place too: "the door", "the field" or "the
    region" of a story set there is something in it, not the town or the sea itself."""
    return name.record.label not in _SETTLEMENT_LABELS and lexicon.kind_of_place(
        name.record.text.split()[-1]
    )


# The recogniser's labels of polities, settlements and natural regions (OntoNotes GPE, LOC),
# as against its facilities (FAC) and bodies (ORG).
_SETTLEMENT_LABELS = frozenset({"GPE", "LOC"})


# Kind words written before a name ("Mt Cook", "Ft. Hood", "Mount Cook") as the nouns that
# describe what they name: WordNet lists no abbreviation, and its first sense of "mount" is
# a horse, not the mountain the word means before a name.
_KIND_ABBREVIATIONS = {
    "mt": "mountain",
    "mt.": "mountain",
    "mount": "mountain",
    "ft": "fort",
    "ft.": "fort",
}


def _kind_words(name: CorefMention) -> list[str]:
    """The words of a name of two words or more that may say what kind of thing it names,
    lower case: its last word ("the Betty Ford Center"), and its first when that is a
    place's kind, where English writes the kind of a mountain, a lake or a fort ("Mount
    Cook", "Lake Tahoe", "Fort Hood"). A first word that is no place's kind ("Swimmer And
    Actress Dies", a headline) is not the name's kind. ("The Island of Qeshm" ... "the
    island" would be right too, but the name, unlike "Qeshm Island", then keeps the island's
    descriptions from the other documents' node: not read.)"""
    words = [word.lower() for word in name.record.text.split()]
    first = _KIND_ABBREVIATIONS.get(words[0], words[0])
    return [words[-1], first] if lexicon.kind_of_place(first) else [words[-1]]


def introduction_sieve(chains: Chains) -> None:
    """ "A 61-year-old man was charged ... Eric Allen Kirkpatrick, 61, ...": news often
    introduces a person by description and names them a sentence or two later. An indefinite
    description of a person, subject of one of the first sentences before anyone is named,
    refers to the first person named after it, when the genders agree. A name in the headline
    does not count as named before: the body introduces whom the headline names. Undecided
    when the introducing sentence has the description act on another person it describes
    ("a driver ... he struck and killed a woman": the name may be either), or when the name's
    chain is the subject or object of a verb the description's chain is the other argument of
    ("a gunman ... who surprised Deputy Jerry Ortiz")."""
    for mention in chains.mentions:
        if (
            mention.kind != "nominal"
            or not mention.indefinite
            or mention.noun_class != "person"
            or mention.number != "singular"
            or mention.role not in ("nsubj", "nsubjpass")
            or mention.sentence > INTRODUCTION_SENTENCES
            or not chains.is_first(mention)
        ):
            continue
        # A name in a title line does not count: the headline names whom the story's first
        # sentence then introduces ("Comeaux on the lam | A convicted child molester ...").
        named_before = {
            chains.root(m.index)
            for m in chains.mentions[: mention.index]
            if m.kind == "name"
            and m.sentence not in chains.headlines
            and "Person" in chains.entity_types(m.index)
        }
        if named_before:
            continue  # someone is named already: "a judge" later on is someone else
        if _acts_on_someone(chains, mention):
            continue
        for later in chains.mentions[mention.index + 1 :]:
            if later.sentence > mention.sentence + 2:
                break
            if later.kind != "name" or "Person" not in chains.entity_types(later.index):
                continue
            if chains.root(later.index) in named_before:
                continue
            if later.sentence == mention.sentence and not _contains(mention, later):
                # "A judge sentenced Brian Nichols", "An arsonist damaged the church attended
                # by Sarah Palin": a name the introducing sentence writes outside the
                # description's own phrase is someone else it brings in (the one acted on),
                # and the names after it may be either: the introduction is left undecided.
                break
            if _contains(mention, later) and (later.role in _MODIFIER_ROLES or later.possessor):
                # "A man accused of killing a woman in front of a Bloomington store": a name
                # modifying another noun of the description's phrase is not whom it introduces.
                continue
            if later.reported:
                # "A gunman shot three people ... Police spokesman Paul Stone said the victims
                # were in hospital": a name that says or knows a clause is the story's source
                # (an official, a spokesman), not the one it introduced, who is named later.
                continue
            if not _may_have_gender(chains, later.index, mention):
                continue
            if chains.acts_on(later.index, mention.index):
                # "A gunman ... who apparently surprised Deputy Jerry Ortiz": the name is the
                # one the description's chain acted on (or was acted on by), someone else;
                # whom the description is, the names after it do not tell.
                break
            chains.link(
                later,
                mention,
                "introduction",
                f"'{_name_of(chains, later)}' names '{mention.record.text}', introduced "
                "before the name",
            )
            break


def _acts_on_someone(chains: Chains, mention: CorefMention) -> bool:
    """ "A driver has been charged after police say he struck and killed a woman", "A judge
    sentenced the man who killed four people": the sentence that introduces someone by a
    description has them act on another person it describes, so the name the story gives next
    may be either (and is as often the one acted on: the victim, the convicted)."""
    sentence = chains.in_sentence(mention.sentence)
    # Who stands for the description as a subject in its sentence: itself, or a "he" or "she"
    # after it of its gender (the only person the sentence has brought in before it).
    clauses = {mention.coordinated_with} | {
        m.coordinated_with
        for m in sentence
        if m.kind == "pronoun"
        and m.index > mention.index
        and m.role in _SUBJECTS
        and m.gender in ("male", "female")
        and (not mention.gender or m.gender == mention.gender)
    }
    # The verbs of a clause: its own and those coordinated with it, which share its subject
    # ("struck and killed a woman").
    return any(
        other.kind == "nominal"
        and other.noun_class == "person"
        and other.role in _OBJECTS
        and other.coordinated_with >= 0
        and other.coordinated_with in clauses
        for other in sentence
        if other is not mention
    )


def speaker_sieve(chains: Chains) -> None:
    """ "'I am thrilled,' Zadan said", "'We are thrilled,' the company said": "I" in a
    quotation is its speaker, and so is "we" when the speaker is a body or several people.
    A single person's "we" is a group they belong to and speak for ("'We are thrilled,'
    Zadan said" of the two producers, "'We ask for privacy,' her publicist said" of the
    family), not that person: it is left alone."""
    by_head = chains.by_head
    for mention in chains.mentions:
        if mention.kind != "pronoun" or mention.person != 1:
            continue
        speaker = by_head.get(chains.speakers.get(mention.head, -1))
        if speaker is None or speaker is mention or chains.same(speaker.index, mention.index):
            continue
        if mention.number == "plural" and _one_person(chains, speaker):
            continue
        chains.link(
            mention,
            speaker,
            "speaker",
            f"'{mention.record.text}' is said in a quotation by '{_name_of(chains, speaker)}'",
        )


def _one_person(chains: Chains, mention: CorefMention) -> bool:
    """Whether a mention is of one person: singular, and its chain typed a person only."""
    return mention.number == "singular" and chains.entity_types(mention.index) == {"Person"}


# -- pronouns ---------------------------------------------------------------------------------


def pronoun_sieve(
    chains: Chains, only: frozenset[int] | None = None, among: frozenset[int] | None = None
) -> None:
    """A third-person pronoun (of ``only``, by index, when given) refers to the most prominent
    earlier mention that agrees with it in number, gender and animacy, in its own sentence or
    the few before it; a pronoun and another
    argument of its own verb are two things unless it is reflexive. Not a phrase that holds it
    (i-within-i), nor an adjective ("the Greek prime minister"); in a clause fronted before its
    sentence's subject it names that subject ahead; a reflexive in a clause with no subject of
    its own is bound by the clause's understood subject ("His decision to unmask himself"), and
    one the lexicons cannot match by its clause's subject. With ``among``, only those mentions
    are candidates (``_consistent`` asks which half of a split chain a pronoun is in)."""
    by_head = chains.by_head
    # A pronoun speaking a quotation before it is read first: the speaker check below needs
    # to know whom it is ("'They cuffed him,' he said": "him" is not whoever "he" is).
    for mention in _speakers_first(chains):
        if mention.kind != "pronoun" or mention.person != 3 or mention.relative_to >= 0:
            continue
        if only is not None and mention.index not in only:
            continue
        window = PRONOUN_WINDOW.get(_pronoun_family(mention), 2)
        # Who speaks the quotation the pronoun is in: a speaker calls themself "I", so a "he"
        # or "they" they say is someone else ("'I told him he was our guy,' Doug said"). Not
        # for the subject of a verb reporting a quotation, which is outside it ("... way,"
        # she testified" after a quotation whose straight marks a line break unpaired). That
        # the pronoun is quoted at all holds for both ("'It made me mad when that happened,'
        # he said": a quoted "it", whatever its verb reports).
        quoted_by = by_head.get(chains.speakers.get(mention.head, -1))
        speaker = None if mention.reported else quoted_by
        # The words the pronoun's phrase hangs from order the candidates of its own sentence.
        above = _clauses_above(chains.heads, mention.head) if chains.heads else {}
        candidates = list(_candidates(chains, mention, window, above))
        if mention.gender in ("male", "female"):
            # News refers by "he" and "she" to the people it names: in the sentences before
            # the pronoun's, an agreeing named person comes before an unnamed one ("a judge
            # will accept her placement" after a sentence on Lohan is Lohan's placement). In
            # its own sentence the parse decides ("a man ... from which he was fired"). First
            # of all, a "he" or "she" subject of the sentence before is the one the story is
            # on, whom a pronoun goes on speaking of (centering: the center is kept as a
            # pronoun): "After the fight, he testified, Smith fired. Then he left."
            candidates.sort(
                key=lambda m: (
                    m.sentence != mention.sentence,
                    not (
                        m.kind == "pronoun"
                        and m.role in SUBJECT_DEPS
                        and m.sentence == mention.sentence - 1
                        and m.gender == mention.gender
                    ),
                    # Next, the subject of the sentence before when it is a definite
                    # description of someone not named ("The suspect was caught. He was
                    # stopped ..."): the center a story keeps, ahead of names further back; not
                    # an indefinite one, new to the story, nor a possessed one ("her lawyer"),
                    # whose possessor is the center.
                    not (
                        m.kind == "nominal"
                        and m.definite
                        and not m.possessed
                        and m.role in SUBJECT_DEPS
                        and m.sentence == mention.sentence - 1
                        and m.noun_class == "person"
                        and not chains.has_name(m.index)
                    ),
                    not chains.has_name(m.index),
                )
            )
        elif mention.role == "poss" and _pronoun_family(mention) == "they":
            # What "their" possesses is mostly had by people and bodies ("stole their weapons",
            # "one of their uniforms", "their deaths"): in its own sentence, someone comes
            # before a thing ("overpowered two guards ... stole their weapons and walked off
            # in one of their uniforms" is the guards', not the weapons').
            candidates.sort(
                key=lambda m: (
                    m.sentence != mention.sentence,
                    m.sentence == mention.sentence and not _animate(chains, m),
                )
            )
        elif _pronoun_family(mention) == "it" and _has_people(chains, mention):
            # "Microsoft has released a security update for Internet Explorer that will help
            # protect its customers": whose customers, users or residents they are is someone
            # who has people, a company, a body or a place; in its own sentence, one known to
            # be such comes before a thing or a name of no known type.
            candidates.sort(
                key=lambda m: (
                    m.sentence != mention.sentence,
                    m.sentence == mention.sentence and not _may_have_people(chains, m),
                )
            )
        possessed = by_head.get(chains.heads[mention.head]) if chains.heads else None
        if (
            mention.gender in ("male", "female")
            and mention.role == "poss"
            and above
            and not (possessed is not None and possessed.role in SUBJECT_DEPS)
        ):
            # "A climber who watched his brother fall to his death": a possessive in the
            # predicate of a clause whose subject is someone's kin or the like ("his brother",
            # "her mother") is that subject's, the parse ahead of names: a possessive in a
            # predicate is mostly its subject's ("lost his job"), and a possessed description
            # is the one the clause is about. So too a relative clause on someone ("a
            # salesman who recognized the inmate outside his business", "Page, the model who
            # provided inspiration for everybody from Madonna to artist Olivia De Berardinis,
            # as well as having her image used"): its "who" is that someone, the subject the
            # clause is about, ahead of the names in its predicate and the sentence's subject.
            nearest = min(
                (
                    m
                    for m in candidates
                    if m.sentence == mention.sentence and m.role in SUBJECT_DEPS and m.verb in above
                ),
                key=lambda m: above[m.verb],
                default=None,
            )
            if (
                nearest is not None
                and nearest.kind == "nominal"
                and nearest.possessed
                and nearest.noun_class == "person"
                and not _contains(nearest, mention)
            ):
                candidates.sort(key=lambda m: m is not nearest)
            elif nearest is not None and (
                relative_noun := _person_a_relative_is(chains, nearest, mention.gender)
            ):
                candidates.sort(key=lambda m: m is not relative_noun)
        if mention.role in _SUBJECTS and mention.coordinated_with not in (-1, mention.verb):
            # "it's unknown if the shooter is still in the building or if he escaped": the
            # subject of a clause coordinated with another is first of all that clause's
            # subject (parallel subjects), ahead of names elsewhere in the sentence.
            candidates.sort(
                key=lambda m: (
                    not (
                        m.sentence == mention.sentence
                        and m.role in _SUBJECTS
                        and m.verb == mention.coordinated_with
                    )
                )
            )
        if mention.role in ("dobj", "dative") and mention.coordinated_with not in (
            -1,
            mention.verb,
        ):
            # "Police stopped the driver and arrested him": the object of a verb coordinated
            # with another is first of all that verb's object (parallel objects), ahead of
            # names elsewhere in the sentence.
            candidates.sort(
                key=lambda m: (
                    not (
                        m.sentence == mention.sentence
                        and m.role in ("dobj", "dative")
                        and m.verb == mention.coordinated_with
                    )
                )
            )
        if mention.conjunct >= 0:
            # "Scholz lives across the hall from LuAnn and her husband": a possessive in a
            # phrase coordinated with another is first of all that phrase's ("the actress and
            # her mother", "Smith and his wife"), ahead of the sentence's subject.
            candidates.sort(key=lambda m: m.head != mention.conjunct)
        controller = _controller_mention(chains, mention)
        if controller is not None:
            binder = (
                "the noun it intensifies"
                if mention.role == "appos"
                else "the understood subject of its clause"
            )
            chains.link(
                mention,
                controller,
                "pronoun",
                f"'{mention.record.text}' is bound by '{_name_of(chains, controller)}', {binder}",
            )
            continue
        cataphor = _fronted_subject_mention(chains, mention)
        if cataphor is not None:
            chains.link(
                mention,
                cataphor,
                "pronoun",
                f"'{mention.record.text}' stands in a clause before its sentence's subject "
                f"'{_name_of(chains, cataphor)}', which it names ahead",
            )
            continue
        plural = _pronoun_family(mention) == "they"
        predicate_sentence = -1  # the sentence of the likeliest referent, for "it is a ..."
        # The chains of the candidates passed over so far, which no later candidate yields to.
        passed_over: set[int] = set()
        for candidate in candidates:
            # "a small group of women were working ... They were alerted": a body named by its
            # members is "they" through them, at the body's place in the sentence (its members'
            # noun, one phrase down, would come after nouns nearer the root).
            antecedent = (
                chains.by_head.get(candidate.members, candidate)
                if plural and candidate.members >= 0
                else candidate
            )
            passed_over.add(chains.root(antecedent.index))
            if among is not None and antecedent.index not in among:
                continue
            if antecedent.kind == "pronoun" and not _agree(chains, mention, antecedent):
                continue
            if antecedent.lemma == "there" and antecedent.person == 0:
                continue  # an adverb of place: "it" takes up its place, through the place
            if antecedent.is_time or antecedent.measure:
                continue  # a time or an amount ("364 yards") is a value, not a referent
            if _contains(antecedent, mention) and _holds(chains, antecedent, mention):
                continue
            if antecedent.role == "amod":
                continue  # "the Greek prime minister": an adjective, not the Greeks
            if (
                plural
                and antecedent.kind == "name"
                and antecedent.role in _MODIFIER_ROLES
                and antecedent.sentence == mention.sentence
                and not antecedent.possessor
                and not _speaks_for(chains, antecedent, mention)
            ):
                # "Ethnic minorities, such as the Uzbek community, could not nominate their
                # own candidates", "Brooklyn Supreme Court Judge Del Giudice sealed the
                # courtroom at the request of prosecutors because their next witness ...": a
                # name set before another noun in the pronoun's sentence says what kind of thing
                # that is or whom a person works for; it is no participant "they" goes on
                # speaking of. Not a possessor whose ending the parser took for punctuation
                # ("the Bulldogs' deficit, but they ..."), nor the body a person speaks for in
                # what that person says ("MWEB CEO Rudi Jansen said that their clients ...").
                continue
            if mention.gender in ("male", "female") and _affiliation(chains, antecedent):
                continue  # "Drake coach Mark Phelps": the team he coaches, not him
            if antecedent.sentence == mention.sentence and (
                antecedent.head in mention.containers
                # A relative pronoun stands for its noun: "a flaw which it said ..." holds "it".
                or antecedent.relative_to in mention.containers
            ):
                continue
            if mention.reported and _reported_in(chains, mention, antecedent):
                continue
            if _attributed_to(chains, mention, antecedent):
                continue
            if (
                speaker is not None
                and chains.same(speaker.index, antecedent.index)
                and not _names_itself(chains, mention, antecedent)
            ):
                continue
            if quoted_by is not None and _narrated_before(chains, mention, antecedent):
                continue
            if not _agree(chains, mention, antecedent):
                continue
            if mention.happening and not _an_event(chains, antecedent):
                # "Surveillance footage captures the horrific event as it unfolded", "her
                # husband watched it happen" after "the driver fled the scene": what happens
                # is an event, not the footage or the place; no event named, the story's.
                continue
            if (
                _pronoun_family(mention) == "it"
                and _has_people(chains, mention)
                and _a_mere_thing(chains, antecedent)
            ):
                # "... an update that will help protect its customers": not the update. Only
                # "its": "their" may be of a people a noun the lexicons class otherwise names
                # ("ethnic minorities ... their own candidates").
                continue
            if plural and mention.reported and _lifeless(chains, antecedent):
                # "the man who they say hit a woman": who says, knows or thinks a clause is
                # someone, people or a body, not the charges filed against him.
                continue
            if _yields_to_possessor(chains, mention, antecedent, passed_over):
                continue
            if mention.reflexive:
                # "Reid is taking time and checking herself in": the subject of its clause or
                # of the clause it is coordinated with or embedded in.
                if antecedent.sentence != mention.sentence or not (
                    antecedent.role in SUBJECT_DEPS
                    # or the object that is its infinitive's subject: "asked Jones to help
                    # himself" is Jones.
                    or (mention.clause >= 0 and antecedent.controls == mention.clause)
                ):
                    continue
            elif _bound_apart(mention, antecedent) or (
                mention.lemma != "her"
                and any(
                    m.kind == "pronoun" and m.role in SUBJECT_DEPS and _bound_apart(mention, m)
                    for m in chains.members(antecedent.index)
                )
            ):
                # Nor what the pronoun subject of its clause already refers to: in "they decided
                # to spend it", "it" is not what "they" is (principle B through that chain).
                # Not for "her", object and possessive alike, which the parser may read as an
                # object where it is a possessive ("she turned her back on modeling").
                continue
            # "Microsoft released a patch. It is the third update this month": what "it" is
            # said to be, Microsoft cannot be, and the patch, another argument of its
            # sentence, can. "Police in riot gear clashed with youths. It was the worst
            # violence in years": nothing the likeliest referent's sentence mentions can, and
            # "it" is the event that sentence told, which no mention names.
            if predicate_sentence >= 0 and antecedent.sentence != predicate_sentence:
                break
            if mention.predicate and not _may_be(chains, antecedent, mention.predicate):
                predicate_sentence = antecedent.sentence
                continue
            if predicate_sentence >= 0 and antecedent.role not in _ARGUMENTS:
                continue
            chains.link(
                mention,
                antecedent,
                "pronoun",
                f"'{mention.record.text}' agrees with '{_name_of(chains, antecedent)}', "
                f"the most prominent match before it",
            )
            break
        else:
            if mention.reflexive:
                _bind_reflexive(chains, mention)


def _person_a_relative_is(
    chains: Chains, mention: CorefMention, gender: str
) -> CorefMention | None:
    """The noun a relative "who" stands for ("a salesman who recognized ..."), when it is a
    person's of ``gender``: a nominal for people or a person's name, whose chain is known to be
    of that sex (the lexicons give "salesman", "son" or a "he" after them one; "a mechanic who
    alerted co-workers to her whereabouts" may be the other's). Not a predicate noun ("She is
    a true professional who puts her patients first"), which says what its subject is: the
    subject is the one the sentence is about."""
    if mention.kind != "pronoun" or mention.relative_to < 0 or mention.lemma != "who":
        return None
    noun = chains.by_head.get(mention.relative_to)
    if (
        noun is None
        or noun.role == "attr"
        or not (
            (noun.kind == "nominal" and noun.noun_class == "person")
            or (noun.kind == "name" and noun.entity_type == "Person")
        )
    ):
        return None
    if not any(m.gender == gender for m in chains.members(noun.index)):
        return None
    return noun


def _speakers_first(chains: Chains) -> list[CorefMention]:
    """The mentions in document order, but a pronoun that speaks a quotation before it in its
    own sentence ("'They cuffed him on the ground,' he said") just before the quotation's first
    mention: a "him" in what someone says is someone else than the speaker, which the pronoun
    sieve can tell only once it knows whom the speaker's pronoun refers to. Only in one
    sentence: a quotation running on from sentences before may have its marks unpaired, and
    their narration read as quoted."""
    first_quoted: dict[int, int] = {}  # a speaker's head -> the first mention it says
    for mention in chains.mentions:
        said_by = chains.speakers.get(mention.head)
        speaker = chains.by_head.get(said_by) if said_by is not None else None
        if speaker is not None and speaker.sentence == mention.sentence:
            first_quoted.setdefault(speaker.head, mention.index)

    def place(mention: CorefMention) -> tuple[int, int]:
        quoted = first_quoted.get(mention.head, mention.index)
        if mention.kind == "pronoun" and quoted < mention.index:
            return (quoted, 0)
        return (mention.index, 1)

    return sorted(chains.mentions, key=place)


def _speaks_for(chains: Chains, body: CorefMention, pronoun: CorefMention) -> bool:
    """ "MWEB CEO Rudi Jansen said that their clients ...": a name set before the title of
    someone who reports the clause a pronoun is in is the body that person speaks for."""
    if not _affiliation(chains, body):
        return False
    heads = chains.heads
    above = {heads[body.head], heads[heads[body.head]]}
    return any(
        m.head in above and any(start <= pronoun.head <= end for start, end in m.reported)
        for m in chains.in_sentence(body.sentence)
    )


def _affiliation(chains: Chains, mention: CorefMention) -> bool:
    """A name set as a modifier before someone's title or name ("Drake coach Mark Phelps",
    "Microsoft spokesman Frank Shaw"): it says whom that person works for or plays with, a team
    or a company, and is not a participant a "he" or "she" goes on speaking of."""
    if mention.kind != "name" or mention.role != "compound" or not chains.heads:
        return False
    # The title may be a modifier itself: "Drake coach Mark Phelps" hangs "Drake" from "coach"
    # and "coach" from "Phelps".
    heads = chains.heads
    above = {heads[mention.head], heads[heads[mention.head]]}
    return any(
        m.head in above
        and (m.entity_type == "Person" or (m.kind == "nominal" and m.noun_class == "person"))
        for m in chains.in_sentence(mention.sentence)
        if m is not mention
    )


def _animate(chains: Chains, mention: CorefMention) -> bool:
    """Whether a chain is someone: a person, a body of people or an organisation, by its
    names' types or its descriptions' classes (a name of no known type may be one)."""
    for m in chains.members(mention.index):
        if m.entity_type in ("Person", "Organization", "Group"):
            return True
        if m.kind == "nominal" and m.noun_class in ("person", "organization"):
            return True
        if m.kind == "name" and not m.entity_type:
            return True
    return False


def _lifeless(chains: Chains, mention: CorefMention) -> bool:
    """Whether a chain is known to be no one: none of its mentions may be someone, and one
    is an event, a time or a place by its noun's class, or a thing or a work by its name's
    type (a noun WordNet gives no class, "coworkers", may be anyone)."""
    if _animate(chains, mention):
        return False
    return any(
        (m.kind == "nominal" and m.noun_class in ("event", "time", "place"))
        or m.entity_type in ("Thing", "Work", "Event", "Place")
        for m in chains.members(mention.index)
    )


def _names_itself(chains: Chains, pronoun: CorefMention, antecedent: CorefMention) -> bool:
    """ "'Microsoft has released an update that will help protect its customers,' said the
    company": a company's or a body's statement speaks of it by its name and goes on with "it"
    or "they", as a press release does; a person speaking says "I". Only for an "it" or a
    "they" whose antecedent is a name of the body in the quotation's own sentence."""
    return (
        _pronoun_family(pronoun) in ("it", "they")
        and antecedent.kind == "name"
        and antecedent.sentence == pronoun.sentence
        and chains.speakers.get(antecedent.head) == chains.speakers.get(pronoun.head)
        and any(
            m.entity_type in ("Organization", "Group")
            or (m.kind == "nominal" and m.noun_class == "organization")
            for m in chains.members(antecedent.index)
        )
    )


def _has_people(chains: Chains, pronoun: CorefMention) -> bool:
    """Whether a possessive pronoun possesses people: "its customers", "their employees",
    "its residents" (a plural description whose noun is first of all a person's)."""
    if pronoun.role != "poss" or not chains.heads:
        return False
    possessed = chains.by_head.get(chains.heads[pronoun.head])
    return (
        possessed is not None
        and possessed.kind == "nominal"
        and possessed.noun_class == "person"
        and possessed.number == "plural"
    )


def _may_have_people(chains: Chains, mention: CorefMention) -> bool:
    """Whether a chain is known to be a body or a place, which has customers, members or
    residents: an organisation, a group or a place by a name's type or a noun's class."""
    return any(
        (m.kind == "nominal" and m.noun_class in ("organization", "place"))
        or m.entity_type in ("Organization", "Group", "Place")
        for m in chains.members(mention.index)
    )


def _a_mere_thing(chains: Chains, mention: CorefMention) -> bool:
    """Whether a chain is known to be a thing or an event and nothing that may have people:
    one of its mentions is a thing or an event by its noun's class or its name's type ("the
    security update", "the fire"), and none is someone, a body or a place (a name of no known
    type says nothing either way)."""
    members = chains.members(mention.index)
    if _may_have_people(chains, mention) or any(
        (m.kind == "nominal" and m.noun_class == "person") or m.entity_type == "Person"
        for m in members
    ):
        return False
    return any(
        (m.kind == "nominal" and m.noun_class in ("thing", "event"))
        or m.entity_type in ("Thing", "Work", "Event")
        for m in members
    )


def _an_event(chains: Chains, mention: CorefMention) -> bool:
    """Whether a chain is an event: a description whose noun is first of all one ("the
    shooting", "this horrible tragedy") or a name typed one."""
    return any(
        (m.kind == "nominal" and m.noun_class == "event") or m.entity_type == "Event"
        for m in chains.members(mention.index)
    )


# The class of noun a name's type says its bearer is.
_TYPE_CLASSES = {
    "Person": "person",
    "Organization": "organization",
    "Group": "organization",
    "Place": "place",
    "Event": "event",
    "Work": "thing",
    "Thing": "thing",
}


def _may_be(chains: Chains, antecedent: CorefMention, predicate: str) -> bool:
    """Whether the chain of ``antecedent`` may be what a predicate noun says "it" is: of the
    predicate's class by the first sense of a description's noun or by a name's type ("a
    plant ... it was a factory", "a fire ... it may have been the work of an arsonist"; no
    piece of riot gear is violence). Things and places are one kind here (a building is
    both); a name of no known type may be anything."""
    if antecedent.kind == "nominal" and antecedent.role in _MODIFIER_ROLES:
        return False  # "flash bombs": a noun modifying another says what kind, it is no thing
    wanted = {lexicon.noun_class(predicate)}
    if wanted & {"thing", "place"}:
        wanted |= {"thing", "place"}
    for member in chains.members(antecedent.index):
        if member.kind == "nominal" and member.noun_class in wanted:
            return True
        if (
            member.kind == "name"
            and not member.is_time
            and (not member.entity_type or _TYPE_CLASSES.get(member.entity_type) in wanted)
        ):
            return True
    return False


def _reported_in(chains: Chains, pronoun: CorefMention, antecedent: CorefMention) -> bool:
    """Principle C: a subject pronoun is no one named or described in the clause it reports
    ("'Jermayne fired the shot,' he said" is not Jermayne, wherever else he is named)."""
    return any(
        m.kind != "pronoun" and m.sentence == pronoun.sentence and start <= m.head <= end
        for m in chains.members(antecedent.index)
        for start, end in pronoun.reported
    )


def _attributed_to(chains: Chains, pronoun: CorefMention, antecedent: CorefMention) -> bool:
    """ "According to Howard Kurtz, he is expected to accept", "according to a relative, he
    had a history of mental illness": a "he" or "she" in the clause "according to"
    attributes to someone is another person, whom the source reports on (one who speaks of
    themself says "I"; the subject of "said" may be its own "he"). Not "they": "according to
    the officers, they got out of their car" is a group's account of itself."""
    if pronoun.gender not in ("male", "female"):
        return False
    return any(
        m.role == "pobj" and m.sentence == pronoun.sentence and start <= pronoun.head <= end
        for m in chains.members(antecedent.index)
        for start, end in m.reported
    )


def _narrated_before(chains: Chains, pronoun: CorefMention, antecedent: CorefMention) -> bool:
    """ "The boasting was recalled in court. 'It was too much,' his mother said": a speaker's
    "it" is what the speaker's own words name, or the state of affairs they speak of; not a
    thing the narrator's words named in a sentence before the quotation, which the speaker
    did not say ("'It's tough,' Adgate said" after "police told the group to stay put")."""
    return (
        _pronoun_family(pronoun) == "it"
        and antecedent.sentence != pronoun.sentence
        and antecedent.head not in chains.speakers
    )


def _yields_to_possessor(
    chains: Chains, pronoun: CorefMention, other: CorefMention, passed_over: set[int]
) -> bool:
    """ "Her rep said she was fine", "Lohan's lawyer said she had entered the clinic": a
    description of someone of no known gender, possessed by someone of the pronoun's gender,
    is passed over for that possessor, whom the pronoun agrees with on evidence. Not for a
    possessor the pronoun has already passed over (``passed_over``, by chain): "Timmons' best
    friend took the stand. He said the gun ..." is the friend when "he" cannot be Timmons,
    whom a rule before ruled out; the preference is between the two, not against the friend."""
    if pronoun.gender not in ("male", "female") or other.kind != "nominal" or not other.possessed:
        return False
    if chains.genders(other.index) & {"male", "female"}:
        return False
    heads = chains.heads
    for possessor in chains.mentions:
        if possessor.role == "poss" and heads and heads[possessor.head] == other.head:
            features = chains.features(possessor.index)
            genders = (features.genders & {"male", "female"}) | features.first_names
            return pronoun.gender in genders and chains.root(possessor.index) not in passed_over
    return False


def _controller_mention(chains: Chains, mention: CorefMention) -> CorefMention | None:
    """ "His decision to unmask himself", "After shutting herself in a room, Hiller made calls":
    a reflexive in a clause with no subject of its own is bound by that clause's understood
    subject (mentions._controllers), an intensive one by the noun it is set beside ("the owner
    himself"): the first of its candidates that agrees with it."""
    for head in mention.controllers:
        controller = chains.by_head.get(head)
        if controller is None or controller.is_time:
            continue
        if controller.kind == "pronoun":
            # A pronoun agrees by its own person, number and gender, whether or not it has
            # found its referent yet: "his" binds "himself", "their" "themselves".
            agrees = controller.person == mention.person and _pronoun_family(
                controller
            ) == _pronoun_family(mention)
        else:
            agrees = _agree(chains, mention, controller)
        if agrees:
            return controller
    return None


def _fronted_subject_mention(chains: Chains, mention: CorefMention) -> CorefMention | None:
    """ "As it promised, Microsoft issued a patch", "Before he was shot, Deputy Ortiz was
    looking for a man": a pronoun in a clause fronted before its sentence's subject names that
    subject ahead, when they agree."""
    if mention.fronted_subject < 0:
        return None
    for later in chains.mentions[mention.index + 1 :]:
        if later.sentence != mention.sentence:
            break
        if later.head == mention.fronted_subject and later.kind != "pronoun":
            if later.is_time or _reported_in(chains, mention, later):
                return None  # "After the fight, he testified, Smith fired": principle C
            return later if _agree(chains, mention, later) else None
    return None


def _bind_reflexive(chains: Chains, mention: CorefMention) -> None:
    """ "The ship found herself in the thick of things": a reflexive is bound by the subject of
    its clause, which the grammar names even where the lexicons do not (a ship is "she"), as
    long as the numbers agree and it is not a person of the other gender."""
    for antecedent in chains.in_sentence(mention.sentence):
        if antecedent.index >= mention.index:
            break
        if (
            antecedent.role not in SUBJECT_DEPS
            or antecedent.kind == "pronoun"
            or antecedent.is_time
            or antecedent.clause < 0
            or antecedent.clause != mention.clause
        ):
            continue
        plural = antecedent.number == "plural" or bool(
            chains.entity_types(antecedent.index) & {"Group"}
        )
        if plural != (mention.number == "plural"):
            continue
        genders = chains.genders(antecedent.index) - {"neuter"}
        if mention.gender in ("male", "female") and genders and mention.gender not in genders:
            continue
        if mention.gender in ("male", "female") and _body_or_place(chains, antecedent):
            # A ship may be "herself", a company or a city is "itself": in "the CNN doc can
            # accustom himself" the parser made "CNN" the subject, and the subject is the
            # noun that name modifies, the doctor.
            noun = _person_noun_after(chains, antecedent)
            if noun is None:
                continue
            antecedent = noun
        chains.link(
            mention,
            antecedent,
            "pronoun",
            f"'{mention.record.text}' is bound by '{_name_of(chains, antecedent)}', "
            "the subject of its clause",
        )
        return


def _noun_after_name(chains: Chains, name: CorefMention) -> CorefMention | None:
    """The description written right after a name, with nothing but a space between ("the CNN
    doc", "Brownsville mother of 12"): the noun the name modifies; None if there is none."""
    if name.kind != "name" or name.index + 1 >= len(chains.mentions):
        return None
    after = chains.mentions[name.index + 1]
    gap = after.record.start - name.record.end
    return after if after.kind == "nominal" and 0 < gap <= 1 else None


def _person_noun_after(chains: Chains, name: CorefMention) -> CorefMention | None:
    """The person's noun written right after a name (_noun_after_name: "the CNN doc"), which
    the parser may have hung on the name what it says of the person; None if there is none."""
    after = _noun_after_name(chains, name)
    return after if after is not None and after.noun_class == "person" else None


def _body_or_place(chains: Chains, mention: CorefMention) -> bool:
    """Whether a mention's chain is an organisation's or a place's and nobody's."""
    types = chains.entity_types(mention.index)
    return bool(types) and types <= {"Organization", "Place"}


def _bound_apart(pronoun: CorefMention, antecedent: CorefMention) -> bool:
    """A pronoun that is not reflexive and another argument of its clause are two things."""
    return _same_clause_arguments(pronoun, antecedent) or _shared_subject(pronoun, antecedent)


def _shared_subject(pronoun: CorefMention, antecedent: CorefMention) -> bool:
    """ "Comeaux took the guns and handcuffed them": the subject of coordinated verbs is the
    subject of each, so an object of the second is not it either (principle B); nor is the
    object that is an infinitive's understood subject ("asked Jones to help him")."""
    if pronoun.role in SUBJECT_DEPS or pronoun.clause < 0:
        return False
    # An object that controls an infinitive is its subject: "asked Jones to help him".
    return (
        antecedent.role in SUBJECT_DEPS and pronoun.clause == antecedent.clause
    ) or pronoun.clause == antecedent.controls


def _pronoun_family(mention: CorefMention) -> str:
    if mention.gender == "male":
        return "he"
    if mention.gender == "female":
        return "she"
    return "it" if mention.gender == "neuter" else "they"


def _sex_its_chain_tells(chains: Chains, members: list[CorefMention]) -> set[str]:
    """The sex of a named person whose names say none ("Leroy", "Jean", a foreign or either-sex
    given name, a surname alone), as the chain's own mentions tell it: a description of a sex
    joined to it by its construction ("her husband Leroy", "his sister, Jean", "Robin Achebe,
    the actress"); failing that, its "he" or "she" when at least two say one sex and none the
    other. A description joined by likeness or salience, or a lone pronoun, may be someone
    else's (a wrong link would make the chain the wrong sex and draw more pronouns of that
    sex); where the chain's descriptions or its pronouns disagree, or its names are several
    people's, it says no sex."""
    if not _one_person_named(members):
        return set()
    described = {
        m.gender
        for m in members
        if m.kind == "nominal"
        and m.noun_class == "person"
        and m.index in chains.construed
        and m.gender in ("male", "female")
    }
    if described:
        return described if len(described) == 1 else set()
    pronouns = [m.gender for m in members if m.kind == "pronoun" and m.gender in ("male", "female")]
    if len(set(pronouns)) == 1 and len(pronouns) >= PRONOUNS_THAT_TELL_SEX:
        return set(pronouns)
    return set()


def _one_person_named(members: list[CorefMention]) -> bool:
    """Whether a chain's names are all one person's: each within its fullest name ("Estes
    Kefauver ... Kefauver"), not a family's ("Jerry Ortiz", "Chela Ortiz", "Ortiz"), whose
    descriptions and pronouns are several people's."""
    names = [m.words for m in members if m.kind == "name"]
    fullest = max(names, key=len, default=frozenset())
    return all(words <= fullest for words in names)


def _agree(chains: Chains, pronoun: CorefMention, antecedent: CorefMention) -> bool:
    """Number, gender and animacy of a pronoun against the whole chain of the antecedent."""
    members = chains.members(antecedent.index)
    features = chains.features(antecedent.index)
    types, ship = features.entity_types, features.ship
    classes, genders = features.noun_classes, features.genders
    # "Bettie Page, the pin-up model", tagged an organisation: a first name and a description
    # of a person say it is someone; so they do of "Page" further on, or of "she", in the
    # chain whose name "Bettie Page" opens with that first name.
    first_name = antecedent.first_name_gender
    named_person = bool(first_name or features.first_names) and "person" in classes
    person_like = "Person" in types or "person" in classes
    family = _pronoun_family(pronoun)
    if family in ("he", "she"):
        if ship:
            return False  # a ship is a thing, even tagged a person (a reflexive aside)
        if antecedent.kind in ("nominal", "pronoun") and antecedent.number == "plural":
            return False  # "two gang members ... his house", "rivals who ... he"
        if antecedent.kind == "nominal" and antecedent.noun_class == "person":
            # "A 36-year-old man ... he": the description says it is someone, whatever other
            # mentions its chain holds ("a New Zealander", tagged a group).
            gendered = {antecedent.gender} if antecedent.gender else genders | features.first_names
            return pronoun.gender in gendered or not (gendered - {"neuter"})
        if (
            antecedent.kind == "name"
            and antecedent.one_of_a_people
            and antecedent.sentence == pronoun.sentence
        ):
            # "The lanky Australian, who was named Sexiest Man Alive, is best known ... for
            # his roles": one of a people, someone of either sex, for a pronoun of its own
            # sentence. Beyond it, a story goes on about the person by name ("The New
            # Zealand-born Australian was planning ... He'd been dropped off" is Duncan Rait,
            # whom the description sieve does not join to "the Australian").
            return pronoun.gender in genders or not (genders - {"neuter"})
        if not person_like or (types - {"Person"} and "Person" not in types and not named_person):
            return False
        if antecedent.kind == "name" and (antecedent.entity_type == "Person" or named_person):
            # A named person's gender is what their names say (a first name), not what the
            # other mentions of a chain earlier sieves built say of it.
            named = {m.gender for m in members if m.kind == "name" and m.gender}
            named |= {first_name} if first_name else set()
            if not (named - {"neuter"}):
                named = _sex_its_chain_tells(chains, members)
            return pronoun.gender in named or not (named - {"neuter"})
        return pronoun.gender in genders or not (genders - {"neuter"})
    if family == "it":
        if ship and antecedent.number != "plural":
            return True  # "INS Mysore and its commandos": a ship is a thing, however tagged
        if named_person or "Group" in types or (person_like and not _mostly_a_body(members)):
            return False
        if antecedent.number == "plural" and antecedent.kind != "name":
            return False
        if antecedent.people:
            return False  # a name in the plural of a noun for people ("Protesters")
        return not (genders - {"neuter"})
    # they / them / their: a plural description, a group, or an organisation ("the police",
    # "Democrats", "AMD ... they").
    if antecedent.kind == "nominal":
        # A body of people is "they" in the singular too ("the family said their son ...",
        # "the crew said they ..."), as an organisation's name is; not one named by its
        # members ("a gang of four thieves -- two of them": the thieves), nor a modifier
        # ("gang-related").
        return antecedent.number == "plural" or (
            (
                antecedent.noun_class == "organization"
                # "Subsea cable operator, Seacom, announced that they have restored
                # services": a description of someone in the chain of a body is the body.
                or (antecedent.noun_class == "person" and _mostly_a_body(members))
            )
            and not antecedent.of_members
            and antecedent.role not in _MODIFIER_ROLES
        )
    if antecedent.kind == "pronoun":
        return antecedent.number == "plural"
    if _personal_name(antecedent, members):
        return False  # "stopping Hasim Rahman ... their contest": one person is not "they"
    # A plural name ("the U. S. Marshals") is a group whatever the recogniser typed it.
    return bool(types & {"Group", "Organization"}) or antecedent.number == "plural"


def _mostly_a_body(members: list[CorefMention]) -> bool:
    """ "Seacom announced that it has restored all its customers": a chain whose names the
    recogniser types an organisation more often than a person (it reads a company's name
    either way, sentence by sentence), and whose every description of someone is a noun of no
    sex that WordNet also gives a sense of a body or first a sense of no person ("Subsea cable
    operator, Seacom": an operator is a firm as much as someone), is a body, which "it" may
    be (a person's first name still says a gender, which no "it" has)."""
    names = [m for m in members if m.kind == "name"]
    bodies = sum(m.entity_type == "Organization" for m in names)
    people = sum(m.entity_type == "Person" for m in names)
    return bodies > people and all(
        not m.gender
        and (
            "organization" in lexicon.noun_classes(m.lemma)
            or lexicon.noun_class(m.lemma) != "person"
        )
        for m in members
        if m.kind == "nominal" and m.noun_class == "person"
    )


def _personal_name(name: CorefMention, members: list[CorefMention]) -> bool:
    """A name of one person: the recogniser's person of two words or more written in singular
    proper nouns ("Hasim Rahman"), or any name whose chain holds a person's name opening with a
    first name ("Mo Cheeks" beside "Maurice Cheeks"), whatever else the chain holds (a surname
    the recogniser took for a company). A team called after a plural ("the Blazers") is not."""
    if name.kind != "name":
        return False
    words = name.record.text.split()
    if name.entity_type == "Person" and len(words) >= 2 and not words[-1].endswith("s"):
        return True
    return any(m.entity_type == "Person" and m.first_name_gender for m in members)


# Dependencies of a noun that modifies another word rather than naming a participant.
_MODIFIER_ROLES = frozenset({"compound", "npadvmod", "amod", "nmod"})


def _name_of(chains: Chains, mention: CorefMention) -> str:
    names = [m.record.text for m in chains.members(mention.index) if m.kind == "name"]
    return max(names, key=lambda n: len(n.split())) if names else mention.record.text


# The alias rules of the extraction stage: none (the user's file applies at resolution).
_NO_RULES = AliasRules()

# The sieves in the order they run: the most precise first, pronouns last.
SIEVES: tuple[Sieve, ...] = (
    Sieve("names", "same name, surname of a full name, acronym (kg/coref/names.py)", names_sieve),
    Sieve("surname", "a surname whatever the recogniser typed it", surname_sieve),
    Sieve("given name", "a given name whatever the recogniser typed it", given_name_sieve),
    Sieve("apposition", "a noun phrase beside another names the same thing", apposition_sieve),
    Sieve("naming", "a name a verb of naming gives what it names", naming_sieve),
    Sieve(
        "of-apposition",
        "a settlement or polity of a name is the place so named",
        of_apposition_sieve,
    ),
    Sieve("relative pronoun", "a relative clause's pronoun is its noun", relative_pronoun_sieve),
    Sieve("bare count", "a bare count is the group counted with its number", bare_count_sieve),
    Sieve(
        "predicate nominative",
        "the subject and the predicate noun of a copula",
        predicate_nominative_sieve,
    ),
    Sieve(
        "role",
        "a description after 'as' is the role of the verb's object, or of its subject when it "
        "has none; a name after 'identified as' or 'named as' is who it is",
        role_sieve,
    ),
    Sieve("body", "a person's dead body is the person", body_sieve),
    Sieve("written name", "a capitalised noun the document writes as a name", written_name_sieve),
    Sieve("strict head match", "a description repeating an earlier head", strict_head_sieve),
    Sieve(
        "repeated count",
        "a counted description repeating the number, the noun and the deed of an earlier one",
        repeated_count_sieve,
    ),
    Sieve(
        "headline noun",
        "the body's first description with the head of a title line's description",
        headline_noun_sieve,
    ),
    Sieve("name head match", "a description by the kind a name ends in", name_head_sieve),
    Sieve("title", "a description by a title written with a name", title_sieve),
    Sieve(
        "deed",
        "a description named for a deed is the one person who did or underwent it",
        deed_sieve,
    ),
    Sieve("description", "a description of the entity most spoken of", description_sieve),
    Sieve("introduction", "an opening description named shortly after", introduction_sieve),
    Sieve(
        "opening description",
        "an opening description of the story's protagonist, named after it",
        opening_description_sieve,
    ),
    Sieve("speaker", "I and we in a quotation are its speaker", speaker_sieve),
    Sieve("pronoun", "the most prominent agreeing mention", pronoun_sieve),
    Sieve(
        "locative there",
        "a locative 'there' is the place named last before it",
        locative_there_sieve,
    ),
)


def corefer(
    mentions: list[CorefMention],
    heads: list[int],
    copulas: dict[int, int],
    speakers: dict[int, int] | None = None,
    roles: dict[int, int] | None = None,
    headlines: frozenset[int] = frozenset(),
    namings: dict[int, tuple[int, str]] | None = None,
    announcing: frozenset[int] | None = None,
) -> list[CorefLink]:
    """The links between ``mentions`` (one document's, in order) that the sieves find.

    ``heads`` gives each token's syntactic head (by token index), ``copulas`` a copular verb's token
    index to its subject's head, ``speakers`` a quoted token to the head of who speaks it,
    ``roles`` an "as" phrase's head to what it describes (the parse facts the construct sieves
    need: kg/coref/constructs.py), ``headlines`` the sentence indices of title lines, ``namings``
    the head of a name a verb of naming gives to the head of what it names."""
    chains = Chains(mentions, heads, copulas, speakers, roles, headlines, namings, announcing)
    for sieve in SIEVES:
        sieve.apply(chains)
    return _consistent(chains)


# The sieves that join a description to a chain by what it is said to be, not by the grammar
# of its sentence: a repeated head, a title, the entity most spoken of, an opening. Each reads
# the chain as it stands before the pronouns are resolved.
_DESCRIBING_SIEVES = frozenset(
    {
        "strict head match",
        "repeated count",
        "headline noun",
        "title",
        "deed",
        "description",
        "introduction",
        "opening description",
    }
)


def _consistent(chains: Chains) -> list[CorefLink]:
    """The links, less those by which a description joined a chain that its pronouns show it is
    not in: "he" and "she" in one chain, or the subject and the object of one verb ("the
    supervisor who had suspended her" is not Hiller). A description joins before the pronouns
    are resolved, so its sieve could not see them; the links are checked once all are made, as
    Stanford's resolver checks a merge against every mention of both chains. Of the describing
    links between the two clashing mentions the last made goes (the sieves run from the most
    precise to the least). The pronouns linked through it were resolved against the whole
    chain: the pronoun sieve resolves them again, by its own agreement and salience, among the
    mentions of its two halves ("Hiller shot the supervisor who had suspended her": "her" is
    Hiller's, the nearest agreeing, not the supervisor's through which it was linked)."""
    links, mentions = list(chains.links), chains.mentions
    # A name's mentions are one chain before any link is made ("Tom Reed was shot ... Tom Reed
    # ... the officer ... he shot"): read with the links, never cut, always last.
    names = chains.same_names
    while True:
        cut = _link_to_cut(links + names, mentions)
        if cut is None:
            return links
        whole = frozenset(_chain_of(links[cut].mention, links + names))
        split_off = links.pop(cut)
        side = _chain_of(split_off.mention, links + names)
        again = frozenset(
            link.mention for link in links if link.sieve == "pronoun" and link.mention in side
        )
        if again:
            links = _resolved_again(chains, links, again, whole, split_off)


def _resolved_again(
    chains: Chains,
    links: list[CorefLink],
    pronouns: frozenset[int],
    whole: frozenset[int],
    split_off: CorefLink,
) -> list[CorefLink]:
    """``links`` with those of ``pronouns`` made again by the pronoun sieve, its candidates the
    mentions of the chain ``split_off`` was cut from. A pronoun for which neither half has an
    agreeing mention in its window keeps its link, but goes back to the chain the description
    left when it clashes on the description's side and not there ("the husband said he was
    with her": "her" is the woman's)."""
    mentions = chains.mentions
    kept = [link for link in links if link.mention not in pronouns]
    fresh = Chains(
        mentions,
        chains.heads,
        chains.copulas,
        chains.speakers,
        chains.roles,
        chains.headlines,
        chains.namings,
    )
    for link in kept:
        fresh.join(link.mention, link.antecedent)
    pronoun_sieve(fresh, pronouns, whole)
    resolved = {link.mention for link in fresh.links}
    side = _chain_of(split_off.mention, links)
    side_mentions = [mentions[i] for i in side]
    left = [mentions[i] for i in _chain_of(split_off.antecedent, links)]
    # The chain's name as the sieves knew it (the union-find still holds the whole chain).
    left_name = _name_of(chains, mentions[split_off.antecedent])
    description = mentions[split_off.mention].record.text
    unresolved = []
    for link in links:
        if link.mention not in pronouns or link.mention in resolved:
            continue
        pronoun = mentions[link.mention]
        if any(_clash(pronoun, other) for other in side_mentions if other is not pronoun) and (
            not any(_clash(pronoun, other) for other in left)
        ):
            link = CorefLink(link.mention, split_off.antecedent, link.sieve, link.reason)
        else:
            # Its reason named the chain it agreed with then: it says where it is now.
            link = CorefLink(
                link.mention,
                link.antecedent,
                link.sieve,
                f"'{pronoun.record.text}' goes with '{description}', through which it was "
                f"linked, not with '{left_name}', whose chain its pronouns show it is not in",
            )
        unresolved.append(link)
    return kept + fresh.links + unresolved


def _link_to_cut(links: list[CorefLink], mentions: list[CorefMention]) -> int | None:
    """The position of the describing link to cut from a chain whose mentions clash (see
    ``_consistent``), or None when no chain's do."""
    linked: dict[int, list[int]] = {}  # mention -> the positions of the links it is part of
    for n, link in enumerate(links):
        linked.setdefault(link.mention, []).append(n)
        linked.setdefault(link.antecedent, []).append(n)
    seen: set[int] = set()
    for start in linked:
        if start in seen:
            continue
        chain = _chain_of(start, links, linked)
        seen.update(chain)
        if not any(links[n].sieve in _DESCRIBING_SIEVES for i in chain for n in linked[i]):
            continue  # nothing to cut: its names, constructions and pronouns stay as joined
        for a, b in _clashing_pairs([mentions[i] for i in sorted(chain)]):
            describing = [
                n
                for n in _path(a.index, b.index, links, linked)
                if links[n].sieve in _DESCRIBING_SIEVES
            ]
            if describing:
                return max(describing)
    return None


def _clash(a: CorefMention, b: CorefMention) -> bool:
    """Whether two mentions cannot be one: a "he" and a "she", the subject and the object of
    one verb, neither reflexive, or the doer and the one done to of one deed ("Alexis was
    killed by a police bullet ... the officer says he killed the boy": the officer's "he" is
    not Alexis)."""
    sexes = {a.gender, b.gender} if a.kind == b.kind == "pronoun" else set()
    return (
        sexes == {"male", "female"}
        or _subject_and_object(a, b)
        or _subject_and_object(b, a)
        or _doer_and_done_to(a, b)
    )


def _doer_and_done_to(a: CorefMention, b: CorefMention) -> bool:
    """Whether one mention did a deed and the other had it done to them, in two clauses of one
    document: the verb's lemma is the deed (``CorefMention.deed``: "shot the guard", "the guard
    was shot"). In one story the one who kills and the one killed are two people; a reflexive
    ("killed himself") gives its verb no sides. Only of people: a thing may be on both sides of
    one deed in a story ("the law protects speech", "we should protect the law")."""
    return (
        bool(a.deed)
        and a.deed == b.deed
        and {a.side, b.side} == {"agent", "patient"}
        and _someone(a)
        and _someone(b)
    )


def _someone(mention: CorefMention) -> bool:
    """Whether a mention speaks of a person: a person's name, a noun of a person, "he", "she",
    "who"."""
    if mention.kind == "name":
        return mention.entity_type == "Person"
    if mention.kind == "nominal":
        return mention.noun_class == "person"
    return mention.gender in ("male", "female") or mention.lemma in ("who", "whom")


def _clashing_pairs(members: list[CorefMention]) -> Iterator[tuple[CorefMention, CorefMention]]:
    """The pairs of a chain's mentions that clash (``_clash``), read only among its pronouns of
    a sex and its verbs' arguments: a chain may hold hundreds of mentions."""
    telling = [
        m
        for m in members
        if m.role in _ARGUMENTS
        or m.deed
        or (m.kind == "pronoun" and m.gender in ("male", "female"))
    ]
    # Only a pronoun of the other sex or an argument of the same verb can clash with a
    # mention: each is compared with those alone, not with the whole chain (a long document's
    # protagonist has thousands of mentions).
    by_sex: dict[str, list[int]] = {}
    by_verb: dict[int, list[int]] = {}
    by_deed: dict[str, list[int]] = {}
    for k, m in enumerate(telling):
        if m.kind == "pronoun" and m.gender in ("male", "female"):
            by_sex.setdefault(m.gender, []).append(k)
        if m.verb >= 0:
            by_verb.setdefault(m.verb, []).append(k)
        if m.deed:
            by_deed.setdefault(m.deed, []).append(k)
    other_sex = {"male": "female", "female": "male"}
    for k, a in enumerate(telling):
        others: set[int] = set()
        if a.kind == "pronoun" and a.gender in other_sex:
            others.update(by_sex.get(other_sex[a.gender], ()))
        if a.verb >= 0:
            others.update(by_verb[a.verb])
        if a.deed:
            others.update(by_deed[a.deed])
        for j in sorted(j for j in others if j > k):
            if _clash(a, telling[j]):
                yield a, telling[j]


def _chain_of(
    start: int, links: list[CorefLink], linked: dict[int, list[int]] | None = None
) -> set[int]:
    """The mentions the links join to ``start`` (itself included)."""
    if linked is None:
        linked = {}
        for n, link in enumerate(links):
            linked.setdefault(link.mention, []).append(n)
            linked.setdefault(link.antecedent, []).append(n)
    chain, todo = {start}, [start]
    while todo:
        for n in linked.get(todo.pop(), ()):
            for other in (links[n].mention, links[n].antecedent):
                if other not in chain:
                    chain.add(other)
                    todo.append(other)
    return chain


def _path(start: int, end: int, links: list[CorefLink], linked: dict[int, list[int]]) -> list[int]:
    """The positions of the links on a path from one mention to another in their chain."""
    came_by: dict[int, tuple[int, int]] = {start: (start, -1)}  # mention -> (from, link)
    todo = [start]
    while todo and end not in came_by:
        mention = todo.pop(0)
        for n in linked.get(mention, ()):
            for other in (links[n].mention, links[n].antecedent):
                if other not in came_by:
                    came_by[other] = (mention, n)
                    todo.append(other)
    path = []
    while end != start:
        end, n = came_by[end]
        path.append(n)
    return path
