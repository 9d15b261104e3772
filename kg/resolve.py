"""The resolve stage: mentions to entities, so that one real-world thing is one node.

Within a document, "US Treasury Secretary Scott Bessent", "Scott Bessent", "Bessent" and a later
"He" are one entity; across documents, entities with the same canonical name are one node, and a
bare surname joins a full name elsewhere only when that match is unique and type-compatible.
Everything here is deterministic and explains itself: each merge records its reason.
"""

from __future__ import annotations

import csv
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import lru_cache
from pathlib import Path

from rdflib.namespace import OWL, RDFS, SKOS

from kg.coref import lexicon
from kg.coref.names import (
    NON_NODE_LABELS,
    TIME_LABELS,
    AliasRules,
    NameCluster,
    NameIndex,
    alias_of,
    entity_type,
    group_names,
    initials,
    normalise_name,
    types_compatible,
)
from kg.errors import KgError
from kg.kinds import MergeReason
from kg.types import (
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


@dataclass
class _Description:
    """A chain of descriptions that no sieve linked to a name ("new 100% tariffs on Chinese
    goods", "the 61-year-old man"): a node of its own document, typed by its head concept."""

    label: str  # the first description, without its determiner
    concept: str  # the key of its head concept ("concept:tariff"), shared across documents
    key: str = ""  # set when the document's descriptions are numbered


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
    _sorted: list[NameCluster] | None = field(default=None, repr=False, compare=False)
    _by_lower: dict[str, NameCluster] | None = field(default=None, repr=False, compare=False)

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
    # mention finder did not see either) still get a node of their own.
    heads = {m.head for m in mentions if m.head >= 0}
    spans = {(m.start, m.end) for m in mentions}
    for triple in extraction.triples:
        for mention in (triple.subject.mention, triple.object.mention):
            span = (mention.start, mention.end)
            if (
                mention.kind == "entity"
                and mention.head not in heads
                and span not in spans
                and mention.label not in NON_NODE_LABELS
            ):
                spans.add(span)
                mentions.append(mention)
    by_span, names = group_names(mentions, rules)
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
    for link in extraction.links:
        a, b = root(link.mention), root(link.antecedent)
        if a == b:
            continue
        if any(rules.forbids(x, y) for x in named.get(a, ()) for y in named.get(b, ())):
            continue
        first, second = min(a, b), max(a, b)
        chain[second] = first
        if second in named:
            named[first] |= named.pop(second)
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
            # The fullest name of the chain names it; other names in it become its aliases.
            node = max(clusters, key=lambda c: (len(c.name.split()), -clusters.index(c)))
            for other in clusters:
                if other is node:
                    continue
                node.mentions.extend(other.mentions)
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
        else:
            nominals = [mentions[i] for i in indices if mentions[i].kind == "concept"]
            if nominals:
                opening = nominals[0]
                node = _Description(opening.text, concept_key(opening))
                descriptions.append(node)
        for i in indices:
            nodes[i] = node
    by_head = {m.head: i for i, m in enumerate(mentions) if m.head >= 0}
    return _DocumentClusters(
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
        self._finished = False

    def _clusters(self, extraction: Extraction) -> _DocumentClusters:
        return document_clusters(extraction, self.rules)

    def add(self, extraction: Extraction) -> _DocumentClusters:
        """Pass one: fold a document's named mentions into the index. Returns the document's
        clusters, which ``resolve_document`` can take back instead of grouping again."""
        if self._finished:
            raise RuntimeError("CorpusIndex.add after finish")
        clusters = self._clusters(extraction)
        context = _document_context(clusters)
        for cluster in clusters.clusters():
            self._votes[cluster.name].update(cluster.votes)
            self._documents[cluster.name] += 1
            known = self._context[cluster.name]
            if len(known) < CONTEXT_LIMIT:
                known.update(context)
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
        self._finished = True

    def key_of(self, cluster: NameCluster) -> str:
        return self._links.get(cluster.name, cluster.name)

    def resolve_document(
        self, extraction: Extraction, clusters: _DocumentClusters | None = None
    ) -> ResolvedDocument:
        """Pass two: one document's facts with their arguments resolved to entity keys."""
        if not self._finished:
            self.finish()
        clusters = clusters or self._clusters(extraction)
        for description in clusters.descriptions:
            self._key(description, clusters)
        key_of = self.key_of

        def entity(key: str) -> Entity:
            return clusters.local.get(key) or self.entities[key]

        facts = []
        seen: set[tuple[object, ...]] = set()
        mentions: set[EntityMention] = {
            EntityMention(key_of(c), " ".join(m.text.split()), m.sentence)
            for c in clusters.clusters()
            for m in c.mentions
        }
        resolved_mentions = []
        for index, mention in enumerate(clusters.mentions):
            node = clusters.nodes[index]
            key = self._key(node, clusters) if node is not None else None
            sieve, reason = clusters.reasons[index]
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
            if obj is None:
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
            tuple(sorted(resolved_mentions, key=lambda r: (r.mention.start, -r.mention.end))),
            tuple(clusters.local.values()),
        )

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
        if mention.kind in ("clause", "literal") or mention.label in NON_NODE_LABELS:
            return None
        if _is_time(mention):
            return None  # a date is a value of the statement (kg:time), not a shared node
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


def _is_time(mention: Mention) -> bool:
    return mention.label in TIME_LABELS


def _qualifier_identity(triple: Triple) -> tuple[bool, str, str, str]:
    q = triple.qualifiers
    return (q.negated, q.modality, q.condition, q.attribution)


# Types whose multi-word names are matched as variants of each other across documents.
_VARIANT_TYPES = frozenset({"Person", "Organization", "Group"})


def _variant(short: list[str], long: list[str], entity_type: str) -> bool:
    """Whether the name ``short`` can be a way of writing ``long`` (same last word): a person's
    every other name matches one of the other's, in full, as a short form ("Fred",
    "Frederick") or as an initial ("W."); an organisation's name ends the other's."""
    if short[-1] != long[-1] or short == long:
        return False
    if entity_type != "Person":
        return long[-len(short) :] == short
    rest = long[:-1]
    for word in short[:-1]:
        bare = word.rstrip(".")
        if not any(
            other == word
            or (len(bare) >= 3 and (other.startswith(bare) or bare.startswith(other.rstrip("."))))
            or (len(bare) == 1 and other[:1] == bare)
            for other in rest
        ):
            return False
    return True


# Shared names and things a one-word name typed other than a person needs to join a person of
# another document ("Lohan" tagged GPE): more than a name of the right type needs.
SURNAME_CONTEXT = 3

# Names a context keeps, at most: enough to tell one Lohan from another, bounded in memory.
CONTEXT_LIMIT = 400


def _document_context(clusters: _DocumentClusters) -> set[str]:
    """What a document is about, as far as telling namesakes apart goes: its names and the head
    words of its descriptions."""
    context = {c.name.lower() for c in clusters.clusters()}
    context.update(
        m.key.rsplit(" ", 1)[-1] for m in clusters.mentions if m.kind == "concept" and m.key
    )
    return context


def link_across_documents(
    entities: dict[str, Entity],
    rules: AliasRules,
    context: dict[str, set[str]],
    documents: Counter[str],
) -> dict[str, str]:
    """Names of different documents that are one thing: name -> the key it joins.

    - the same name written in other letter case ("SEACOM", "Seacom"): the commonest spelling;
    - an acronym and its expansion ("AMD", "Advanced Micro Devices");
    - a short name and a longer one it is part of: a surname ("Lohan", "Lindsay Lohan") or an
      organisation's last word ("Colts", "Indianapolis Colts").

    An acronym or a short name joins a longer name only when the types agree and the documents
    share context (another name or a described thing in common); among several candidates it
    joins the one it shares the most context with, and only when no other shares as much (the
    homonym guard: a bare "Lopez" seen with two Lopezes in like company stays itself). Every
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

    # Letter case.
    by_case: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        if entity.type not in ("Concept", "Date"):
            by_case[key.casefold()].append(key)
    for keys in by_case.values():
        if len(keys) < 2:
            continue
        target = max(keys, key=lambda k: (documents[k], k))
        for key in keys:
            if (
                key != target
                and types_compatible(entities[key].type, entities[target].type)
                and not rules.forbids(key, target)
            ):
                join(key, target, f"'{key}' is '{target}' written in other letter case")

    def shared(name: str, candidate: str) -> int:
        return len(
            (context.get(name, set()) & context.get(candidate, set()))
            - {
                name.lower(),
                candidate.lower(),
            }
        )

    def best(name: str, candidates: list[str], needed: int) -> tuple[str, int] | None:
        scored = sorted(((shared(name, c), c) for c in candidates), reverse=True)
        if not scored or scored[0][0] < needed:
            return None
        if len(scored) > 1 and scored[1][0] == scored[0][0]:
            return None
        return scored[0][1], scored[0][0]

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
        if entity.type not in ("Person", "Organization", "Group", "Place", "Thing"):
            continue
        # The recogniser types a bare surname as a place or an organisation at times: it may
        # still join a person, on more shared context than a name of the right type needs.
        needed = 1 if entity.type in ("Person", "Organization", "Group") else SURNAME_CONTEXT
        candidates = [
            k
            for k in by_word.get(name, ())
            if (
                types_compatible(entities[k].type, entity.type)
                or (entities[k].type == "Person" and needed == SURNAME_CONTEXT)
            )
            and not rules.forbids(name, entities[k].label)
        ]
        reason = MergeReason.PART_OF_ACROSS_DOCUMENTS
        if not candidates and name.isupper() and len(name) >= 2:
            candidates = [k for k in by_initials.get(name, ()) if not rules.forbids(name, k)]
            reason = MergeReason.ACRONYM_ACROSS_DOCUMENTS
        chosen = best(
            name, candidates, needed if reason is MergeReason.PART_OF_ACROSS_DOCUMENTS else 1
        )
        if chosen is not None:
            target, common = chosen
            join(name, target, reason.say(name=name, other=entities[target].label, common=common))
    # Longer names written shorter or otherwise: "Mark Felt" and "W. Mark Felt", "Fred LaRue"
    # and "Frederick C. LaRue", "Surgeon General" and "U. S. Surgeon General".
    by_last: dict[str, list[str]] = defaultdict(list)
    for key, entity in entities.items():
        words = entity.label.split()
        if key not in links and len(words) > 1 and entity.type in _VARIANT_TYPES:
            by_last[words[-1]].append(key)
    for keys in by_last.values():
        for name in sorted(keys, key=lambda k: len(k.split())):
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
    for name, target in links.items():
        while target in links:  # "SEACOM" -> "Seacom" -> "Seacom Ltd"
            target = links[target]
        links[name] = target
    for name in links:
        del entities[name]
    return links


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


def _read_alias_turtle(file: Path, same: dict[str, str], different: set[frozenset[str]]) -> None:
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
