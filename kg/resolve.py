"""The resolve stage: mentions to entities, so that one real-world thing is one node.

Within a document, "US Treasury Secretary Scott Bessent", "Scott Bessent", "Bessent" and a later
"He" are one entity; across documents, entities with the same canonical name are one node, and a
bare surname joins a full name elsewhere only when that match is unique and type-compatible.
Everything here is deterministic and explains itself: each merge records its reason.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from rdflib.namespace import OWL, RDFS, SKOS

from kg.errors import KgError
from kg.types import (
    Corpus,
    Entity,
    EntityMention,
    Extraction,
    Fact,
    Mention,
    ResolvedDocument,
    Triple,
)

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

# Labels that name quantities, not things: they never become nodes.
NON_NODE_LABELS = frozenset({"CARDINAL", "ORDINAL", "QUANTITY", "PERCENT", "MONEY"})

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

# Pronouns and the entity types they can refer to. "we", "they" and "us" are left unresolved:
# in news they mostly point at a group the text never names ("we" in a quote is the speaker's
# side), and a wrong guess would be a confident false fact.
PERSON_PRONOUNS = frozenset({"he", "she", "him", "her", "his", "hers", "himself", "herself"})
THING_PRONOUNS = frozenset({"it", "its", "itself"})
# How far back an antecedent may be: pronouns in news refer to the last sentence or two.
PRONOUN_WINDOW_SENTENCES = 2

_TITLE_WORDS = frozenset({"the"})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")


# The same few thousand names recur in every document of a corpus: their forms are remembered.
@lru_cache(maxsize=1 << 16)
def normalise_name(text: str) -> str:
    """The form names are compared in: NFC, no leading "the", no possessive, no dots in acronyms.

    "the U.S." -> "US", "China's" -> "China", "Scott  Bessent" -> "Scott Bessent".
    """
    name = unicodedata.normalize("NFC", " ".join(text.split()))
    name = re.sub(r"^(?:the|The|THE)\s+", "", name)
    name = _POSSESSIVE.sub("", name).strip()
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}", name):
        name = name.replace(".", "")
    return KNOWN_VARIANTS.get(name, name)


@lru_cache(maxsize=1 << 16)  # asked of every cluster a capitalised name is compared with
def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper() and w.lower() not in {"of", "and"})


def entity_type(label: str) -> str:
    return NER_TYPES.get(label, "Thing")


def _compatible(a: str, b: str) -> bool:
    """Can entities of these types be one thing? The small model confuses Person/Organization
    (it tags a bare "Trump" ORG) but never a person with a place."""
    if a == b:
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
class _Cluster:
    """The mentions of one entity within a document, while they are being grouped."""

    name: str  # canonical name (the fullest form seen)
    mentions: list[Mention] = field(default_factory=list)
    votes: Counter = field(default_factory=Counter)
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
            self._type = max(_TYPE_ORDER, key=lambda t: (votes[t], _TYPE_RANK[t]))
        return self._type


_TYPE_ORDER = ("Person", "Organization", "Place", "Group", "Event", "Work", "Date", "Thing")
_TYPE_RANK = {name: -position for position, name in enumerate(_TYPE_ORDER)}  # earlier wins ties


def _alias_of(name: str, cluster: _Cluster, name_type: str) -> str | None:
    """Why ``name`` names the same thing as ``cluster``, or None.

    - same normalised name (any case);
    - a single word that is the first or last word of a longer personal name: a surname
      ("Bessent") or, in Chinese names written surname first, the family name ("Li");
    - an acronym of the cluster's name ("WTO" for "World Trade Organization").
    """
    if name.lower() == cluster.name.lower():
        return "same name"
    words = name.split()
    target = cluster.tokens
    if (
        len(words) == 1
        and len(target) > 1
        and cluster.type == "Person"
        and name_type in ("Person", "Organization")
        and words[0] in (target[0], target[-1])
    ):
        return f"'{name}' is part of the personal name '{cluster.name}'"
    if len(words) < len(target) and " ".join(target[-len(words) :]) == name and len(words) > 1:
        return f"'{name}' ends the name '{cluster.name}'"
    if name.isupper() and len(name) >= 2 and _initials(cluster.name) == name:
        return f"'{name}' is the acronym of '{cluster.name}'"
    return None


class _NameIndex:
    """A document's clusters, and which of them a name could be an alias of: every way to be an
    alias (same name, part of a name) shares a word with the name, except an acronym, so only
    the clusters sharing a word are compared (all of them for an acronym), not every one."""

    def __init__(self) -> None:
        self.clusters: list[_Cluster] = []
        self._by_word: dict[str, list[int]] = defaultdict(list)

    def add(self, cluster: _Cluster) -> None:
        for word in set(cluster.name.lower().split()):
            self._by_word[word].append(len(self.clusters))
        self.clusters.append(cluster)

    def candidates(self, name: str) -> list[_Cluster]:
        """The clusters ``name`` could be an alias of, in the order they were added."""
        if name.isupper():
            return self.clusters
        positions = {i for w in name.lower().split() for i in self._by_word.get(w, ())}
        return [self.clusters[i] for i in sorted(positions)]


def _cluster_mentions(
    mentions: Sequence[Mention], rules: AliasRules
) -> tuple[dict[tuple[int, int], _Cluster], _NameIndex]:
    """Group one document's entity mentions into clusters; returns span -> cluster, and the
    clusters indexed by name."""
    named = [m for m in mentions if m.kind == "entity" and m.label not in NON_NODE_LABELS]

    def name_of(mention: Mention) -> str:
        return rules.canonical(normalise_name(mention.text))

    # Fullest names first, so that "Scott Bessent" founds the cluster that "Bessent" joins.
    ordered = sorted(
        ((name_of(m), m) for m in named), key=lambda item: (-len(item[0].split()), item[1].start)
    )
    names = _NameIndex()
    by_span: dict[tuple[int, int], _Cluster] = {}
    for name, mention in ordered:
        if not name:
            continue
        mention_type = entity_type(mention.label)
        matches = []
        for cluster in names.candidates(name):
            if rules.forbids(name, cluster.name):
                continue
            reason = _alias_of(name, cluster, mention_type)
            if reason and _compatible(cluster.type, mention_type):
                matches.append((cluster, reason))
        exact = [(c, r) for c, r in matches if r == "same name"]
        if exact:
            matches = exact
        if len(matches) == 1:
            cluster, reason = matches[0]
            if reason != "same name":
                cluster.reasons.append(reason)
            # A surname used alone refers to a person even when the model tagged it ORG.
            vote = cluster.type if reason.startswith(f"'{name}' is part") else mention_type
        else:
            # No match, or several (two people share the surname): a cluster of its own.
            cluster = _Cluster(name=name)
            names.add(cluster)
            vote = mention_type
        written = normalise_name(mention.text)
        if written != name and f"user alias: '{written}' is '{name}'" not in cluster.reasons:
            cluster.reasons.append(f"user alias: '{written}' is '{name}'")
        cluster.mentions.append(mention)
        cluster.votes[vote] += len(name.split())
        by_span[(mention.start, mention.end)] = cluster
    return by_span, names


@dataclass
class _DocumentClusters:
    """One document's clusters, by the span of each mention and by name. Fixed once grouped, so
    what pass two asks of them again and again (the sorted clusters, the cluster of a name,
    where each mention starts) is worked out once."""

    by_span: dict[tuple[int, int], _Cluster]
    names: _NameIndex
    rules: AliasRules
    _sorted: list[_Cluster] | None = field(default=None, repr=False, compare=False)
    _by_lower: dict[str, _Cluster] | None = field(default=None, repr=False, compare=False)
    _starts: list[tuple[int, int, _Cluster]] | None = field(default=None, repr=False, compare=False)

    def clusters(self) -> list[_Cluster]:
        if self._sorted is None:
            self._sorted = sorted(self.names.clusters, key=lambda c: c.name)
        return self._sorted

    def find(self, mention: Mention) -> _Cluster | None:
        cluster = self.by_span.get((mention.start, mention.end))
        if cluster is not None:
            return cluster
        # An argument's mention may cover a slightly different span than the NER mention
        # (a title stripped); fall back to a name match within the document.
        return self.find_by_name(mention.text, entity_type(mention.label))

    def find_by_name(self, text: str, mention_type: str = "Person") -> _Cluster | None:
        """The one cluster this name can refer to, or None (none, or ambiguous)."""
        name = self.rules.canonical(normalise_name(text))
        if self._by_lower is None:
            self._by_lower = {}
            for cluster in self.clusters():  # the first of a name in clusters() order
                self._by_lower.setdefault(cluster.name.lower(), cluster)
        exact = self._by_lower.get(name.lower())
        if exact is not None:
            return exact
        aliases = [c for c in self.names.candidates(name) if _alias_of(name, c, mention_type)]
        return aliases[0] if len(aliases) == 1 else None

    def mention_starts(self) -> list[tuple[int, int, _Cluster]]:
        """(start, sentence, cluster) of every grouped mention."""
        if self._starts is None:
            self._starts = []
            for (start, _end), cluster in self.by_span.items():
                mention = next(m for m in cluster.mentions if m.start == start)
                self._starts.append((start, mention.sentence, cluster))
        return self._starts


def _antecedent(pronoun: Mention, document: _DocumentClusters) -> _Cluster | None:
    """The entity a personal pronoun refers to: the most recent compatible mention before it,
    within PRONOUN_WINDOW_SENTENCES sentences. None when nothing fits (the fact is then dropped:
    a pronoun never becomes a node)."""
    word = pronoun.text.lower()
    if word in PERSON_PRONOUNS:
        wanted = {"Person"}
    elif word in THING_PRONOUNS:
        wanted = {"Organization", "Place", "Group", "Thing", "Event", "Work"}
    else:
        return None
    best: tuple[int, _Cluster] | None = None
    for start, sentence, cluster in document.mention_starts():
        if start >= pronoun.start or pronoun.sentence - sentence > PRONOUN_WINDOW_SENTENCES:
            continue
        if cluster.type in wanted and (best is None or start > best[0]):
            best = (start, cluster)
    return best[1] if best else None


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
        self._votes: dict[str, Counter] = defaultdict(Counter)
        self._aliases: dict[str, set[str]] = defaultdict(set)
        self._reasons: dict[str, list[str]] = defaultdict(list)
        self.entities: dict[str, Entity] = {}
        self._links: dict[str, str] = {}
        self._finished = False

    def _clusters(self, extraction: Extraction) -> _DocumentClusters:
        by_span, names = _cluster_mentions(extraction.mentions, self.rules)
        return _DocumentClusters(by_span, names, self.rules)

    def add(self, extraction: Extraction) -> _DocumentClusters:
        """Pass one: fold a document's named mentions into the index. Returns the document's
        clusters, which ``resolve_document`` can take back instead of grouping again."""
        if self._finished:
            raise RuntimeError("CorpusIndex.add after finish")
        clusters = self._clusters(extraction)
        for cluster in clusters.clusters():
            self._votes[cluster.name].update(cluster.votes)
            for mention in cluster.mentions:
                alias = " ".join(mention.text.split())
                if alias != cluster.name:
                    self._aliases[cluster.name].add(alias)
            for reason in cluster.reasons:
                if reason not in self._reasons[cluster.name]:
                    self._reasons[cluster.name].append(reason)
        return clusters

    def finish(self) -> None:
        """One Entity per canonical name, typed by the votes of all its mentions; then links."""
        for name, counter in self._votes.items():
            probe = _Cluster(name=name, votes=counter)
            self.entities[name] = Entity(
                key=name,
                label=name,
                type=probe.type,  # type: ignore[arg-type]
                aliases=tuple(sorted(self._aliases[name])),
                merge_reasons=tuple(self._reasons[name]),
            )
        for key, entity in self._known.items():
            self.entities.setdefault(key, entity)
        self._links = _link_short_names(self.entities, self.rules)
        self._finished = True

    def key_of(self, cluster: _Cluster) -> str:
        return self._links.get(cluster.name, cluster.name)

    def resolve_document(
        self, extraction: Extraction, clusters: _DocumentClusters | None = None
    ) -> ResolvedDocument:
        """Pass two: one document's facts with their arguments resolved to entity keys."""
        if not self._finished:
            self.finish()
        clusters = clusters or self._clusters(extraction)
        key_of = self.key_of
        concepts = self.entities  # concept entities are added to the index as they are met
        facts = []
        seen: set[tuple] = set()
        mentions: set[EntityMention] = {
            EntityMention(key_of(c), " ".join(m.text.split()), m.sentence)
            for c in clusters.clusters()
            for m in c.mentions
        }
        for triple in extraction.triples:
            subject = _node_for(triple.subject.mention, clusters, key_of, concepts)
            if subject is None:
                continue
            obj = _node_for(triple.object.mention, clusters, key_of, concepts)
            if obj == subject and triple.object.mention.kind == "pronoun":
                # A plain pronoun object never refers to its own clause's subject (that would be
                # "itself"): "the White House may extend it" is not about extending the White
                # House. Rather than guess again, the fact is dropped.
                continue
            literal = ""
            if obj is None:
                if triple.object.mention.kind in ("clause", "literal"):
                    literal = triple.object.text
                else:
                    continue  # an unresolved pronoun: no fact is better than a wrong one
            attribution = None
            source = triple.qualifiers.attribution_mention
            if source is not None:
                attribution = _node_for(source, clusters, key_of, concepts)
            identity = (subject, triple.relation, obj, literal, _qualifier_identity(triple))
            if identity in seen:
                continue  # the same fact said twice in one document is one fact
            seen.add(identity)
            for key in (subject, obj):
                # A concept is mentioned where a fact uses it (entities are mentioned by NER).
                if key and key.startswith("concept:"):
                    mentions.add(EntityMention(key, concepts[key].label, triple.sentence.index))
            facts.append(Fact(subject, obj, triple, literal, attribution))
        roles: set[tuple[str, str]] = set()
        for role in extraction.roles:
            cluster = clusters.find(role.holder)
            if cluster is not None:
                key = key_of(cluster)
                roles.add((key, role.title))
                entity = self.entities[key]
                if role.title not in entity.roles:
                    self.entities[key] = _replace(entity, roles=entity.roles + (role.title,))
        merges = {(key_of(c), reason) for c in clusters.clusters() for reason in c.reasons}
        merges |= {
            (target, f"'{name}' matches only '{target}' in the corpus")
            for c in clusters.clusters()
            if (name := c.name) in self._links and (target := self._links[name])
        }
        return ResolvedDocument(
            extraction,
            tuple(facts),
            tuple(sorted(mentions, key=lambda m: (m.sentence, m.key, m.text))),
            tuple(sorted(roles)),
            tuple(sorted(merges)),
        )


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
    return Corpus(entities=dict(sorted(index.entities.items())), documents=documents)


def _qualifier_identity(triple: Triple) -> tuple:
    q = triple.qualifiers
    return (q.negated, q.modality, q.condition, q.attribution)


def _node_for(mention: Mention, clusters: _DocumentClusters, key_of, concepts) -> str | None:
    if mention.kind == "entity":
        if mention.label in NON_NODE_LABELS:
            return None
        cluster = clusters.find(mention)
        return key_of(cluster) if cluster else None
    if mention.kind == "pronoun":
        cluster = _antecedent(mention, clusters)
        return key_of(cluster) if cluster else None
    if mention.kind == "concept":
        # A capitalised phrase the NER missed ("Bessent told reporters") is still the entity
        # of that name when the document names it elsewhere.
        if mention.text[:1].isupper():
            cluster = clusters.find_by_name(mention.text)
            if cluster is not None:
                return key_of(cluster)
        key = concept_key(mention)
        if key == "concept:":
            return None
        if key not in concepts:
            concepts[key] = Entity(key=key, label=key.split(":", 1)[1], type="Concept")
        return key
    return None


def _link_short_names(entities: dict[str, Entity], rules: AliasRules) -> dict[str, str]:
    """Single-word names that match exactly one longer, type-compatible name in the corpus.

    This is the homonym guard: a bare "Lopez" joins "Maria Lopez" only when no other Lopez is
    known; with "Carlos Lopez" also in the corpus it stays a node of its own.
    """
    links: dict[str, str] = {}
    # Long personal names by their first and last word: a lookup per short name, not a scan of
    # every name in the corpus.
    by_word: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = entity.label.split()
        if len(words) > 1 and entity.type == "Person":
            for word in sorted({words[0], words[-1]}):
                by_word[word].append(key)
    for name, entity in list(entities.items()):
        if len(name.split()) != 1 or entity.type not in ("Person", "Organization"):
            continue
        candidates = [
            k for k in by_word.get(name, ()) if not rules.forbids(name, entities[k].label)
        ]
        if len(candidates) == 1:
            target = entities[candidates[0]]
            links[name] = target.key
            merged = _replace(
                target,
                aliases=tuple(sorted(set(target.aliases) | {name} | set(entity.aliases))),
                merge_reasons=target.merge_reasons
                + (f"'{name}' matches only '{target.label}' in the corpus",),
            )
            entities[target.key] = merged
    for name in links:
        del entities[name]
    return links


def _replace(entity: Entity, **changes) -> Entity:
    from dataclasses import replace

    return replace(entity, **changes)


def load_alias_rules(path: str | Path) -> AliasRules:
    """Read a user's alias file: CSV rows ``name,canonical[,same|different]`` (a header row is
    optional), or Turtle in which ``skos:altLabel`` / ``owl:sameAs`` merge and
    ``owl:differentFrom`` splits entities named by their ``rdfs:label``."""
    file = Path(path)
    if not file.is_file():
        raise KgError(f"{file}: alias file not found")
    same: dict[str, str] = {}
    different: set[frozenset[str]] = set()
    if file.suffix.lower() in (".ttl", ".turtle"):
        _read_alias_turtle(file, same, different)
    else:
        for number, row in _csv_rows(file):
            cells = [c.strip() for c in row]
            if not any(cells) or (number == 1 and cells[:2] == ["name", "canonical"]):
                continue
            if len(cells) < 2 or not cells[0] or not cells[1]:
                raise KgError(f"{file}:{number}: expected name,canonical[,same|different]")
            relation = cells[2].lower() if len(cells) > 2 and cells[2] else "same"
            name, other = normalise_name(cells[0]), normalise_name(cells[1])
            if relation == "same":
                same[name] = other
            elif relation == "different":
                different.add(frozenset((name, other)))
            else:
                raise KgError(f"{file}:{number}: relation {relation!r} is not same or different")
    return AliasRules(same=same, different=frozenset(different))


def _csv_rows(file: Path) -> list[tuple[int, list[str]]]:
    """The CSV rows of FILE, each with the line it starts on. The csv module reads the file
    itself (newline=""): splitting it into lines first broke quoted fields holding a line break
    or a character str.splitlines() takes for one (\\x0b, \\x0c, \\x85, U+2028), and made every
    later line number wrong."""
    rows: list[tuple[int, list[str]]] = []
    try:
        with file.open(encoding="utf-8-sig", newline="") as handle:
            reader = csv.reader(handle)
            while True:
                start = reader.line_num + 1
                try:
                    row = next(reader)
                except StopIteration:
                    return rows
                except csv.Error as error:
                    raise KgError(f"{file}:{start}: not valid CSV ({error})") from None
                rows.append((start, row))
    except UnicodeDecodeError:
        raise KgError(f"{file}: alias file is not UTF-8 text") from None


def _read_alias_turtle(file: Path, same: dict[str, str], different: set) -> None:
    import pyoxigraph as ox

    try:
        with file.open("rb") as handle:
            triples = list(ox.parse(handle, format=ox.RdfFormat.TURTLE))
    except SyntaxError as error:
        raise KgError(f"{file}: not valid Turtle: {error}") from None
    label_of = {t.subject: t.object.value for t in triples if t.predicate.value == str(RDFS.label)}
    for t in triples:
        predicate = t.predicate.value
        if predicate == str(SKOS.altLabel) and t.subject in label_of:
            same[normalise_name(t.object.value)] = normalise_name(label_of[t.subject])
        elif (
            predicate in (str(OWL.sameAs), str(OWL.differentFrom))
            and t.subject in label_of
            and t.object in label_of
        ):
            a, b = normalise_name(label_of[t.subject]), normalise_name(label_of[t.object])
            if predicate == str(OWL.sameAs):
                same[a] = b
            else:
                different.add(frozenset((a, b)))
