"""The entity page of ``kg serve`` (``/entity?iri=…`` or ``/entity?name=…``): one entity's type,
names and roles, its facts as sentences grouped by relation (with their dates, places and source
documents), its neighbours, and why its names were merged (``kg explain``'s content: the merge
reasons and the chain of mentions coreference linked to it).

The page is read with kg's own SPARQL on the server's store (the entity's IRI bound with VALUES,
written as an escaped N-Triples term, so no IRI can change a query) and written as HTML on the
server: every text from the graph goes through ``html.escape``, links point only to this
server's pages or to a document's http(s) URL, and the page runs no script at all.

Why one module of about 540 lines: the page is one unit of a few sections (facts, neighbours,
merges, mentions), each a query beside the HTML that shows its rows; split apart, a change to
what a section shows would touch two files, and the escaping rules would be stated twice.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from html import escape
from urllib.parse import quote, urlsplit

import pyoxigraph as ox

from kg.entitygraph import Description, describe, value
from kg.store import query_union
from kg.vocab import iri_label, sparql_prologue

# What one page shows at most: an entity of a 20,000-document build has thousands of facts and
# mentions (kg query has them all).
MAX_FACTS = 400
MAX_NEIGHBOURS = 200
CHAIN_SHOWN = 50

_CLASSES_NOT_ENTITIES = "kg:Relation, kg:Document, kg:Sentence, kg:Statement, kg:Mention"

_FIND = f"""
SELECT DISTINCT ?e WHERE {{
  {{ ?e rdfs:label ?name }} UNION {{ ?e skos:altLabel ?name }}
  ?e a ?class . FILTER(?class NOT IN ({_CLASSES_NOT_ENTITIES}))
  FILTER(LCASE(STR(?name)) = LCASE(STR(?wanted)))
}} ORDER BY ?e LIMIT 20
"""

# The statements the entity is the subject or the object of, in a stable order.
_STATEMENTS = f"""
SELECT DISTINCT ?st WHERE {{
  {{ ?st rdf:subject ?e }} UNION {{ ?st rdf:object ?e }}
  ?st a kg:Statement .
}} ORDER BY ?st LIMIT {MAX_FACTS + 1}
"""

# Facts that share a sentence, a relation and a partner with one of the entity's own, naming
# others in its place: "Scott Bessent and Jamieson Greer met He Lifeng and Li Chenggang" gives
# four meet statements of one event, and Bessent's page shows Greer's two beside his own.
_JOINT = f"""
SELECT DISTINCT ?other WHERE {{
  ?st a kg:Statement ; rdf:predicate ?p ; kg:sentence ?sentence .
  {{ ?st rdf:subject ?e ; rdf:object ?partner . ?other rdf:object ?partner }}
  UNION
  {{ ?st rdf:object ?e ; rdf:subject ?partner . ?other rdf:subject ?partner }}
  ?other a kg:Statement ; rdf:predicate ?p ; kg:sentence ?sentence .
  FILTER NOT EXISTS {{ ?other rdf:subject ?e }}
  FILTER NOT EXISTS {{ ?other rdf:object ?e }}
}} ORDER BY ?other LIMIT {MAX_FACTS}
"""

_FACTS = """
SELECT ?st ?s ?p ?o ?sl ?pl ?ol ?text ?index ?time ?start ?placeText ?place ?placeLabel
       ?negated ?modality ?condition ?attribution ?relText ?conf
       ?doc ?title ?url ?source ?issued WHERE {
  ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o .
  OPTIONAL { ?s rdfs:label ?sl } OPTIONAL { ?p rdfs:label ?pl } OPTIONAL { ?o rdfs:label ?ol }
  OPTIONAL { ?st kg:sentence ?sentence . ?sentence kg:text ?text .
             OPTIONAL { ?sentence kg:sentenceIndex ?index }
             OPTIONAL { ?sentence dcterms:isPartOf ?doc .
                        OPTIONAL { ?doc dcterms:title ?title } OPTIONAL { ?doc schema:url ?url }
                        OPTIONAL { ?doc dcterms:source ?source }
                        OPTIONAL { ?doc dcterms:issued ?issued } } }
  OPTIONAL { ?st kg:time ?time } OPTIONAL { ?st kg:timeStart ?start }
  OPTIONAL { ?st kg:placeText ?placeText }
  OPTIONAL { ?st kg:place ?place OPTIONAL { ?place rdfs:label ?placeLabel } }
  OPTIONAL { ?st kg:negated ?negated } OPTIONAL { ?st kg:modality ?modality }
  OPTIONAL { ?st kg:condition ?condition } OPTIONAL { ?st kg:attribution ?attribution }
  OPTIONAL { ?st kg:relationText ?relText } OPTIONAL { ?st kg:confidence ?conf }
}
"""

# Nodes joined to the entity by a direct rel: edge, either way.
_NEIGHBOURS = f"""
SELECT ?n ?p ?out WHERE {{
  {{ ?e ?p ?n BIND(true AS ?out) }} UNION {{ ?n ?p ?e BIND(false AS ?out) }}
  FILTER(STRSTARTS(STR(?p), STR(rel:)) && isIRI(?n))
}} LIMIT {MAX_NEIGHBOURS * 4}
"""

_COUNTS = """
SELECT (COUNT(DISTINCT ?sentence) AS ?sentences) (COUNT(DISTINCT ?doc) AS ?documents) WHERE {
  ?e kg:mentionedIn ?sentence . OPTIONAL { ?sentence dcterms:isPartOf ?doc }
}
"""

# The mentions coreference linked to the entity, in reading order (kg explain's chain).
_CHAIN = f"""
SELECT ?source ?start ?text ?kind ?sieve ?reason WHERE {{
  ?m kg:denotes ?e ; kg:mentionText ?text ; kg:mentionStart ?start ; kg:mentionKind ?kind ;
     dcterms:isPartOf/dcterms:isPartOf ?doc .
  OPTIONAL {{ ?doc dcterms:source ?source }}
  OPTIONAL {{ ?m kg:corefSieve ?sieve ; kg:corefReason ?reason }}
}} ORDER BY ?source ?start LIMIT {CHAIN_SHOWN}
"""

_CHAIN_SIZE = "SELECT (COUNT(?m) AS ?n) WHERE { ?m kg:denotes ?e }"

_LABELS = "SELECT ?n ?l WHERE { ?n rdfs:label ?l }"


@dataclass
class Fact:
    """One statement about the entity, with what the page shows of it."""

    statement: str
    subject: str
    subject_label: str
    relation: str
    relation_label: str
    object: str  # an IRI, or the literal's text
    object_label: str
    object_is_iri: bool
    sentence: str = ""
    sentence_index: int = 0
    time: str = ""
    time_start: str = ""
    place_text: str = ""
    place: str = ""
    place_label: str = ""
    negated: bool = False
    modality: str = ""
    condition: str = ""
    attribution: str = ""
    relation_text: str = ""
    confidence: float | None = None
    document: str = ""
    title: str = ""
    url: str = ""
    source: str = ""
    issued: str = ""


@dataclass
class Neighbour:
    iri: str
    label: str
    type: str
    relations: list[str] = field(default_factory=list)  # "meet →", "← lead"


@dataclass
class Mention:
    source: str
    start: int
    text: str
    kind: str
    sieve: str
    reason: str


@dataclass
class EntityReport:
    """Everything the entity page shows of one entity."""

    iri: str
    label: str
    description: Description
    facts: list[Fact]
    facts_cut: bool
    joint: list[Fact]  # _JOINT's: facts of the same events that name others in its place
    neighbours: list[Neighbour]
    chain: list[Mention]
    chain_size: int
    sentences: int
    documents: int

    @property
    def types(self) -> list[str]:
        return self.description.types or [iri_label(c) for c in self.description.classes]


def _select(store: ox.Store, text: str, **bindings: ox.NamedNode | ox.Literal) -> ox.QuerySolutions:
    # str() of a pyoxigraph term is its escaped N-Triples form: a name or IRI cannot change the
    # query it is bound into.
    values = "".join(f"VALUES ?{k} {{ {v} }}\n" for k, v in bindings.items())
    text = text.replace("WHERE {", "WHERE {\n" + values, 1)
    answer = store.query(sparql_prologue() + text, use_default_graph_as_union=query_union(store))
    assert isinstance(answer, ox.QuerySolutions)  # every query here is a SELECT
    return answer


def _select_many(store: ox.Store, text: str, variable: str, iris: list[str]) -> ox.QuerySolutions:
    bound = " ".join(str(ox.NamedNode(i)) for i in iris)
    text = text.replace("WHERE {", f"WHERE {{\nVALUES ?{variable} {{ {bound} }}\n", 1)
    answer = store.query(sparql_prologue() + text, use_default_graph_as_union=query_union(store))
    assert isinstance(answer, ox.QuerySolutions)
    return answer


def find_entities(store: ox.Store, name: str) -> list[str]:
    """The entities whose label or alias is NAME (any letter case)."""
    return [value(row["e"]) for row in _select(store, _FIND, wanted=ox.Literal(name))]


def entity_report(store: ox.Store, iri: str) -> EntityReport | None:
    """What the page shows of IRI; None when the graph says nothing of it."""
    try:
        node = ox.NamedNode(iri)
    except ValueError:
        return None
    described = describe(store, [iri]).get(iri)
    if described is None:
        return None
    statements = [value(row["st"]) for row in _select(store, _STATEMENTS, e=node)]
    facts_cut = len(statements) > MAX_FACTS
    facts = _facts(store, statements[:MAX_FACTS])
    counts = next(iter(_select(store, _COUNTS, e=node)))
    chain = [
        Mention(
            source=value(row["source"]),
            start=int(value(row["start"]) or 0),
            text=value(row["text"]),
            kind=value(row["kind"]),
            sieve=value(row["sieve"]),
            reason=value(row["reason"]),
        )
        for row in _select(store, _CHAIN, e=node)
    ]
    chain_size = int(value(next(iter(_select(store, _CHAIN_SIZE, e=node)))["n"]) or 0)
    return EntityReport(
        iri=iri,
        label=described.labels[0] if described.labels else iri_label(iri),
        description=described,
        facts=facts,
        facts_cut=facts_cut,
        joint=_facts(store, [value(row["other"]) for row in _select(store, _JOINT, e=node)]),
        neighbours=_neighbours(store, node),
        chain=chain,
        chain_size=chain_size,
        sentences=int(value(counts["sentences"]) or 0),
        documents=int(value(counts["documents"]) or 0),
    )


def _facts(store: ox.Store, statements: list[str]) -> list[Fact]:
    if not statements:
        return []
    # Where the graph gives a slot several values (a label per document), the smallest is kept.
    slots: dict[str, dict[str, str]] = defaultdict(dict)
    kinds: dict[str, bool] = {}
    answer = _select_many(store, _FACTS, "st", statements)
    variables = [variable.value for variable in answer.variables]
    for row in answer:
        key = value(row["st"])
        slot = slots[key]
        kinds[key] = isinstance(row["o"], ox.NamedNode | ox.BlankNode)
        for name in variables:
            found = row[name]
            if found is None:
                continue
            text = value(found)
            if name not in slot or text < slot[name]:
                slot[name] = text
    facts = []
    for key, slot in slots.items():
        obj = slot.get("o", "")
        is_iri = kinds[key]
        facts.append(
            Fact(
                statement=key,
                subject=slot.get("s", ""),
                subject_label=slot.get("sl") or iri_label(slot.get("s", "")),
                relation=slot.get("p", ""),
                relation_label=slot.get("pl") or iri_label(slot.get("p", "")),
                object=obj,
                object_label=(slot.get("ol") or iri_label(obj)) if is_iri else obj,
                object_is_iri=is_iri,
                sentence=slot.get("text", ""),
                sentence_index=int(slot.get("index", "0") or 0),
                time=slot.get("time", ""),
                time_start=slot.get("start", ""),
                place_text=slot.get("placeText", ""),
                place=slot.get("place", ""),
                place_label=slot.get("placeLabel", ""),
                negated=slot.get("negated") in ("true", "1"),
                modality=slot.get("modality", ""),
                condition=slot.get("condition", ""),
                attribution=slot.get("attribution", ""),
                relation_text=slot.get("relText", ""),
                confidence=float(slot["conf"]) if "conf" in slot else None,
                document=slot.get("doc", ""),
                title=slot.get("title", ""),
                url=slot.get("url", ""),
                source=slot.get("source", ""),
                issued=slot.get("issued", ""),
            )
        )
    # In reading order within each document, documents by date then source.
    facts.sort(key=lambda f: (f.issued, f.source, f.document, f.sentence_index, f.statement))
    return facts


def _neighbours(store: ox.Store, node: ox.NamedNode) -> list[Neighbour]:
    found: dict[str, set[str]] = defaultdict(set)
    relations: set[str] = set()
    for row in _select(store, _NEIGHBOURS, e=node):
        other, relation = value(row["n"]), value(row["p"])
        if other == node.value:
            continue
        found[other].add(f"{relation}\t{value(row['out'])}")
        relations.add(relation)
    if not found:
        return []
    iris = sorted(found)[: MAX_NEIGHBOURS * 2]
    described = describe(store, iris)
    labels: dict[str, str] = {}
    for row in _select_many(store, _LABELS, "n", sorted(relations)):
        key, label = value(row["n"]), value(row["l"])
        if key not in labels or label < labels[key]:
            labels[key] = label
    neighbours = []
    for iri in iris:
        description = described.get(iri, Description(iri))
        names = []
        for item in sorted(found[iri]):
            relation, out = item.split("\t")
            label = labels.get(relation) or iri_label(relation)
            names.append(f"{label} \u2192" if out == "true" else f"\u2190 {label}")
        neighbours.append(
            Neighbour(
                iri=iri,
                label=description.labels[0] if description.labels else iri_label(iri),
                type=(description.types or ["Other"])[0],
                relations=names,
            )
        )
    neighbours.sort(key=lambda n: (-len(n.relations), n.label.casefold(), n.iri))
    return neighbours[:MAX_NEIGHBOURS]


# -- HTML ----------------------------------------------------------------------------------------


def entity_href(iri: str) -> str:
    """The path of IRI's entity page on this server (an attribute value, escaped)."""
    return escape("/entity?iri=" + quote(iri, safe=""))


def _link(iri: str, label: str) -> str:
    return f'<a href="{entity_href(iri)}">{escape(label)}</a>'


def _external(url: str, text: str) -> str:
    """A link to a document's own URL, only when it is http(s): a javascript: or data: URL in
    the graph stays text."""
    if urlsplit(url).scheme.lower() in ("http", "https"):
        return f'<a href="{escape(url)}" rel="noopener noreferrer">{escape(text)}</a>'
    return escape(text)


PAGE_STYLE = """
body { font-family: system-ui, sans-serif; margin: 0; color: #1f2933; }
header { display: flex; gap: 1rem; align-items: center; padding: 0.5rem 1.2rem;
  background: #f5f7fa; border-bottom: 1px solid #d9e2ec; flex-wrap: wrap; }
header nav a { margin-right: 0.8rem; }
header form { margin-left: auto; }
main { max-width: 60rem; margin: 1rem auto; padding: 0 1.2rem 3rem; }
h1 { margin: 0.2rem 0; font-size: 1.6rem; }
h2 { font-size: 1.1rem; margin: 1.6rem 0 0.5rem; border-bottom: 1px solid #d9e2ec; }
h3 { font-size: 0.95rem; margin: 1rem 0 0.3rem; color: #334e68; }
.kind { color: #52606d; }
dl.names { display: grid; grid-template-columns: 8rem 1fr; gap: 0.2rem 1rem; margin: 0.6rem 0; }
dl.names dt { color: #52606d; }
dl.names dd { margin: 0; }
.fact { margin: 0.4rem 0 0.8rem; padding-left: 0.7rem; border-left: 3px solid #bcccdc; }
.fact .line { font-weight: 600; }
.fact blockquote { margin: 0.2rem 0; font-style: italic; }
.fact .meta { color: #52606d; font-size: 0.85rem; }
.fact.negated { border-left-color: #e15759; }
.tag { display: inline-block; font-size: 0.75rem; padding: 0 0.35rem; border-radius: 3px;
  background: #e4e7eb; margin-right: 0.3rem; font-style: normal; font-weight: normal; }
ul.neighbours { columns: 2; padding-left: 1.2rem; }
ul.neighbours li { break-inside: avoid; margin-bottom: 0.2rem; }
.muted { color: #7b8794; }
table.chain { border-collapse: collapse; font-size: 0.85rem; }
table.chain td, table.chain th { border-bottom: 1px solid #e4e7eb; padding: 0.2rem 0.5rem;
  text-align: left; vertical-align: top; }
code { overflow-wrap: anywhere; }
"""


def page_frame(title: str, body: str) -> str:
    """A page of this server with its header (links to the graph and the query page, a name
    box that opens an entity page). TITLE and BODY must already be escaped HTML."""
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><style>{PAGE_STYLE}</style></head>
<body><header><nav><a href="/">Graph</a><a href="/query">Query</a></nav>
<form action="/entity" method="get" role="search"><input name="name" type="search"
 placeholder="Entity name…" aria-label="Entity name"> <button type="submit">Open</button></form>
</header>
<main>
{body}
</main></body></html>
"""


def _fact_html(fact: Fact, iri: str) -> str:
    def end(node: str, label: str, is_iri: bool) -> str:
        if not is_iri:
            return f"\u201c{escape(label)}\u201d"
        if node == iri:
            return f"<strong>{escape(label)}</strong>"
        return _link(node, label)

    verb = fact.relation_text or fact.relation_label
    line = (
        f"{end(fact.subject, fact.subject_label, True)} "
        f'<span class="kind">{"not " if fact.negated else ""}{escape(verb)}</span> '
        f"{end(fact.object, fact.object_label, fact.object_is_iri)}"
    )
    tags = []
    if fact.negated:
        tags.append("negated")
    if fact.modality:
        tags.append(fact.modality)
    if fact.attribution:
        tags.append(f"according to {fact.attribution}")
    if fact.condition:
        tags.append(fact.condition)
    meta = []
    if fact.time:
        when = (
            fact.time
            if not fact.time_start or fact.time_start == fact.time
            else (f"{fact.time} (from {fact.time_start})")
        )
        meta.append(f'<span class="date">{escape(when)}</span>')
    if fact.place_label or fact.place_text:
        place = fact.place_label or fact.place_text
        meta.append("in " + (_link(fact.place, place) if fact.place else escape(place)))
    document = fact.title or fact.source or iri_label(fact.document)
    if document:
        where = _external(fact.url, document) if fact.url else escape(document)
        if fact.issued:
            where += f", {escape(fact.issued[:10])}"
        meta.append(f'<span class="source">{where}</span>')
    if fact.confidence is not None:
        meta.append(f"confidence {fact.confidence:.2f}")
    return (
        f'<div class="fact{" negated" if fact.negated else ""}">'
        f'<div class="line">{line} '
        + "".join(f'<span class="tag">{escape(t)}</span>' for t in tags)
        + "</div>"
        + (f"<blockquote>{escape(fact.sentence)}</blockquote>" if fact.sentence else "")
        + (f'<div class="meta">{" · ".join(meta)}</div>' if meta else "")
        + "</div>"
    )


def render_entity_page(report: EntityReport) -> str:
    """The entity page, as HTML; every text from the graph escaped."""
    described = report.description
    aliases = [*described.labels[1:], *described.aliases]
    parts = [
        f'<p class="kind">{escape(" · ".join(report.types))}</p>',
        f"<h1>{escape(report.label)}</h1>",
        f'<p><code class="muted">{escape(report.iri)}</code></p>',
        '<dl class="names">',
        f"<dt>names</dt><dd>{escape('; '.join(aliases)) or '<span class=muted>-</span>'}</dd>",
        f"<dt>roles</dt><dd>{escape('; '.join(described.roles)) or '<span class=muted>-</span>'}"
        "</dd>",
        f"<dt>mentioned</dt><dd>in {report.sentences} sentence(s) of {report.documents} "
        f"document(s)</dd>",
        "</dl>",
    ]
    # Facts grouped by relation: those the entity is the subject of first, then the others.
    groups: dict[tuple[bool, str], list[Fact]] = defaultdict(list)
    for fact in report.facts:
        groups[(fact.subject != report.iri, fact.relation_label)].append(fact)
    count = len(report.facts)
    cut = f" (the first {count}; kg query has them all)" if report.facts_cut else ""
    parts.append(f'<h2 id="facts">Facts ({count}){escape(cut)}</h2>')
    if not groups:
        parts.append('<p class="muted">No fact names this entity.</p>')
    for (passive, relation), facts in sorted(groups.items()):
        heading = f"\u2190 {relation} (of others)" if passive else relation
        parts.append(
            f'<section class="relation" data-relation="{escape(relation)}">'
            f'<h3>{escape(heading)} <span class="muted">({len(facts)})</span></h3>'
            + "".join(_fact_html(f, report.iri) for f in facts)
            + "</section>"
        )
    if report.joint:
        parts.append(
            f'<h2 id="joint">With others ({len(report.joint)})</h2>'
            '<p class="muted">Facts of the same sentence and relation that name a partner of '
            "this entity\u2019s facts, as \u201cA and B met C\u201d gives B\u2019s beside "
            "A\u2019s.</p>"
        )
        joint: dict[str, list[Fact]] = defaultdict(list)
        for fact in report.joint:
            joint[fact.relation_label].append(fact)
        for relation, facts in sorted(joint.items()):
            parts.append(
                f'<section class="joint" data-relation="{escape(relation)}">'
                f'<h3>{escape(relation)} <span class="muted">({len(facts)})</span></h3>'
                + "".join(_fact_html(f, report.iri) for f in facts)
                + "</section>"
            )
    parts.append(f'<h2 id="neighbours">Neighbours ({len(report.neighbours)})</h2>')
    if report.neighbours:
        parts.append('<ul class="neighbours">')
        for n in report.neighbours:
            parts.append(
                f'<li>{_link(n.iri, n.label)} <span class="muted">{escape(n.type)} · '
                f"{escape(', '.join(n.relations))}</span></li>"
            )
        parts.append("</ul>")
    else:
        parts.append('<p class="muted">No direct edge joins it to another node.</p>')
    parts.append('<h2 id="why">Why these names are one entity</h2>')
    if described.merge_reasons:
        parts.append("<ul>" + "".join(f"<li>{escape(r)}</li>" for r in described.merge_reasons))
        parts.append("</ul>")
    else:
        parts.append('<p class="muted">One name only: nothing was merged.</p>')
    if report.chain:
        shown = len(report.chain)
        more = f", the first {shown}" if report.chain_size > shown else ""
        parts.append(
            f"<h3>Mention chain ({report.chain_size} mention(s){more})</h3>"
            '<table class="chain"><tr><th>where</th><th>mention</th><th>linked by</th></tr>'
        )
        for m in report.chain:
            why = f"{m.sieve}: {m.reason}" if m.sieve else ""
            parts.append(
                f"<tr><td>{escape(m.source)}:{m.start}</td><td>{escape(m.kind)} "
                f"\u2018{escape(m.text)}\u2019</td><td>{escape(why)}</td></tr>"
            )
        parts.append("</table>")
    return page_frame(escape(f"{report.label} — kg"), "\n".join(parts))


def render_choice_page(name: str, iris: list[str], labels: dict[str, Description]) -> str:
    """The page for a name that several entities (or none) carry."""
    if not iris:
        body = f"<h1>No entity is called \u201c{escape(name)}\u201d</h1>"
    else:
        items = "".join(
            f"<li>{_link(i, (labels[i].labels or [iri_label(i)])[0])} "
            f'<span class="muted">{escape(", ".join(labels[i].types))}</span></li>'
            if i in labels
            else f"<li>{_link(i, iri_label(i))}</li>"
            for i in iris
        )
        body = f"<h1>Entities called \u201c{escape(name)}\u201d</h1><ul>{items}</ul>"
    return page_frame(escape(f"{name} — kg"), body)


__all__ = [
    "EntityReport",
    "Fact",
    "Mention",
    "Neighbour",
    "entity_href",
    "entity_report",
    "find_entities",
    "page_frame",
    "render_choice_page",
    "render_entity_page",
]
