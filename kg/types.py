"""Records passed between the stages of kg.

spaCy objects stop at the extraction stage: everything after it works on these frozen
dataclasses, so resolution, RDF mapping and export can be tested without a model and the
records can cross process boundaries (multiprocessing, Dask) by pickling.

Character offsets are always into ``Document.text`` (not into the sentence), so a fact can be
traced back to the exact characters of the source file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from kg.kinds import ObjectKind

# What an argument of a fact points at in the graph: kg.kinds.ObjectKind (entity, concept,
# pronoun, clause, literal). Its old name stays for the code that imports it.
MentionKind = ObjectKind


@dataclass(frozen=True)
class Document:
    """One input text and what its source says about it.

    ``id`` names the document by its content (kg.documents.document_id): the same text with the
    same date is the same document wherever it is found. ``date`` is ISO 8601 ("2025-10-26" or
    "2025-10-26T09:30:00Z"), "" when the source gives none; ``metadata`` holds further columns
    the user asked to keep, as (name, value) pairs.
    """

    id: str
    source: str
    text: str
    title: str = ""
    date: str = ""
    url: str = ""
    metadata: tuple[tuple[str, str], ...] = ()


# TIMEX3 types: a calendar date or period, a time of day, a length of time, a recurrence.
TimexType = Literal["DATE", "TIME", "DURATION", "SET"]


@dataclass(frozen=True)
class TimeExpression:
    """A date or time expression as written and its TIMEX3 value.

    ``value`` is ISO 8601 as TIMEX3 writes it ("2025-10-30", "2025-11", "2025-W44", "2025-Q3",
    "P2D", "PRESENT_REF", "2025-10-30T15:00"), or "" when it cannot be known without guessing (a
    relative expression in a document with no date).
    """

    text: str
    start: int
    end: int
    sentence: int
    type: TimexType
    value: str


@dataclass(frozen=True)
class Sentence:
    index: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Mention:
    """The part of an argument that maps to a node of the graph.

    ``text`` is the name as written ("US Treasury Secretary Scott Bessent" gives the mention
    "Scott Bessent"), ``label`` the spaCy NER label ("PERSON", "GPE", ...; "" for concepts,
    but for a count or a rank heading its phrase, "CARDINAL" or "ORDINAL": "one of the victims"),
    ``key`` the lemmatised form concepts are keyed by ("tariff" for "tariffs"; "trade deal").
    """

    text: str
    start: int
    end: int
    sentence: int
    kind: ObjectKind
    label: str = ""
    key: str = ""
    head: int = -1  # character offset of its head word (how arguments find their mention)
    # A place's name used for those who act in the place's name, not for where something is
    # ("Indianapolis (10-5) clinched a berth", "Boston's offer"): resolution reads it as the
    # place's team where the document names one (kg/resolve.py).
    acts_as_agent: bool = False
    # A name after a preposition of place ("at Betty Ford", "checked into Betty Ford"): where
    # something is or goes, which a person is not (kg/resolve.py reads it as the place named
    # after the person where the corpus names one).
    written_as_place: bool = False
    # A name that by its grammar is a place itself, not those who act in its name: written as
    # a place (above), or the place whose own area or body is named ("the San Diego freeway",
    # "Boston's council") or that something is part of ("the Clairemont section of San
    # Diego"). Resolution keeps it the place in a story where the name elsewhere stands for
    # its team (kg/resolve.py).
    the_place_itself: bool = False

    def __post_init__(self) -> None:
        # Extraction rules may give the kind by its value ("entity"): the record holds the
        # member, so that code deciding on it compares members, and it is the same bytes in
        # every output (ObjectKind is str-valued). Most are given the member already, which
        # needs no look-up (a hundred thousand mentions in a build of a thousand documents).
        kind: object = self.kind  # a str when given by its value, whatever the annotation says
        if not isinstance(kind, ObjectKind):
            object.__setattr__(self, "kind", ObjectKind(kind))


@dataclass(frozen=True)
class CorefLink:
    """Why a mention refers to the same thing as an earlier one (the coreference stage's output).

    ``mention`` and ``antecedent`` index ``Extraction.mentions``; ``sieve`` names the rule that
    made the link (kg/coref/sieves.py) and ``reason`` says it in words, for `kg explain`.
    """

    mention: int
    antecedent: int
    sieve: str
    reason: str


@dataclass(frozen=True)
class Argument:
    """A full argument span (what CaRB scores and what the statement shows) and its node."""

    text: str
    start: int
    end: int
    mention: Mention
    # A phrase that denies its referent ("no one", "nobody", "no weapons", "none of the
    # passengers"): the fact it is part of is denied (kg.extract.confidence.make_triple), and
    # its node is what the phrase quantifies over ("anyone", "weapons", "the passengers").
    negative: bool = False


# The modality of a clause that is an indirect question ("could not say whether anyone was
# inside", "asked if the ship carried weapons"): its fact is asked, not stated, so it gets no
# direct edge in the graph (kg.rdf).
OPEN_QUESTION = "whether"


@dataclass(frozen=True)
class Qualifiers:
    """What a careful reader keeps next to a fact: denied, hedged, reported, conditional, dated."""

    negated: bool = False
    modality: str = ""  # "may", "could", "will", ... as written; "" for a plain assertion
    attribution: str = ""  # who says so ("Li" in "Li confirmed that ..."); "" when the narrator
    attribution_mention: Mention | None = None  # the attribution's node, when it is one
    condition: str = ""  # "if Beijing proceeds with restrictions ..."
    time: str = ""  # "on November 10", "later this week": the phrase as written
    time_value: str = ""  # its TIMEX3 value ("2025-11-10"); "" when it cannot be known
    time_type: str = ""  # its TIMEX3 type: DATE, TIME, DURATION or SET
    embedded: str = ""  # the full verb chain when it was shortened ("threaten to impose")
    place: str = ""  # "in Berlin": where, when the clause has another object
    place_mention: Mention | None = None  # the place's node


@dataclass(frozen=True)
class Triple:
    """One subject-relation-object fact with its qualifiers and the sentence it came from."""

    subject: Argument
    relation: str  # normalised relation: lemma plus particle/preposition ("meet", "hint at")
    relation_text: str  # the relation as written ("met with")
    object: Argument
    sentence: Sentence
    confidence: float
    qualifiers: Qualifiers = field(default_factory=Qualifiers)
    extra_arguments: tuple[str, ...] = ()  # further argument spans (time, place) for n-ary output
    rule: str = ""  # the extraction rule that produced it, for debugging and provenance


@dataclass(frozen=True)
class Role:
    """A title or apposition that names what someone is: Scott Bessent - US Treasury Secretary."""

    holder: Mention
    title: str
    sentence: Sentence


@dataclass(frozen=True)
class Extraction:
    """Everything the extraction stage found in one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    # Every referring expression: names ("entity"), nominals ("concept") and pronouns, in
    # document order, including ones in no fact.
    mentions: tuple[Mention, ...]
    triples: tuple[Triple, ...]
    roles: tuple[Role, ...] = ()
    links: tuple[CorefLink, ...] = ()  # in-document coreference between ``mentions``
    times: tuple[TimeExpression, ...] = ()  # every date and time expression, in document order


# Entity types, named after the ontology classes in ontology/kg.ttl.
# "Nominal" is a thing the text describes but never names ("a 61-year-old man"): a node of its
# own document, whose ``concept`` is its head concept ("man").
EntityType = Literal[
    "Person",
    "Organization",
    "Place",
    "Group",
    "Date",
    "Event",
    "Work",
    "Thing",
    "Concept",
    "Nominal",
]


@dataclass(frozen=True)
class Entity:
    """One node of the graph: the resolved real-world thing behind one or more mentions."""

    key: str  # stable, unique within a build: IRIs are minted from it
    label: str  # the canonical name ("Scott Bessent")
    type: EntityType
    aliases: tuple[str, ...] = ()  # other names it was mentioned by ("Bessent")
    roles: tuple[str, ...] = ()  # titles ("US Treasury Secretary")
    merge_reasons: tuple[str, ...] = ()  # why mentions were merged, human-readable
    concept: str = ""  # a Nominal's head concept (the key of a Concept entity)


@dataclass(frozen=True)
class Fact:
    """A triple whose arguments are resolved to entities (keys into ``Corpus.entities``)."""

    subject: str
    object: str | None  # None when the object is a clause or literal: see ``object_literal``
    triple: Triple
    object_literal: str = ""
    attribution: str | None = None  # entity key of the attributed source, when resolved
    place: str | None = None  # entity key of the place the statement happened at, when resolved


@dataclass(frozen=True)
class EntityMention:
    """Where an entity is mentioned in a document, and by which name: the per-document part of an
    entity, so that a document's named graph depends on that document alone."""

    key: str
    text: str
    sentence: int


@dataclass(frozen=True)
class ResolvedMention:
    """A referring expression and the node it denotes (None: nothing kg keeps, such as a pronoun
    with no antecedent), with the sieve and reason that linked it to its chain ("" for the
    first mention of a chain or a name grouped by the name rules)."""

    mention: Mention
    key: str | None
    sieve: str = ""
    reason: str = ""


@dataclass(frozen=True)
class ResolvedDocument:
    extraction: Extraction
    facts: tuple[Fact, ...]
    mentions: tuple[EntityMention, ...]  # every resolved mention of an entity in this document
    roles: tuple[tuple[str, str], ...] = ()  # (entity key, title) found in this document
    merges: tuple[tuple[str, str], ...] = ()  # (entity key, why two names became one)
    coreference: tuple[ResolvedMention, ...] = ()  # every referring expression and its node
    local_entities: tuple[Entity, ...] = ()  # the document's own nodes (its descriptions)


@dataclass(frozen=True)
class Corpus:
    """The resolved corpus: entities shared across documents, facts per document."""

    entities: dict[str, Entity]
    documents: tuple[ResolvedDocument, ...]
