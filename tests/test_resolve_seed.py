"""Entity resolution on the seed article, checked with SPARQL on the built graph."""

from __future__ import annotations

from kg.store import load_dataset, oxigraph_store
from kg.vocab import sparql_prologue

PEOPLE = [
    "Scott Bessent",
    "Jamieson Greer",
    "He Lifeng",
    "Li Chenggang",
    "Donald Trump",
    "Xi Jinping",
]
PRONOUNS = [
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "him",
    "her",
    "them",
    "us",
    "this",
    "which",
    "who",
]


def select(graph, query: str) -> list[dict[str, str]]:
    store = oxigraph_store(load_dataset(graph))
    rows = store.query(sparql_prologue() + query, use_default_graph_as_union=True)
    return [{v.value: row[v].value for v in rows.variables if row[v] is not None} for row in rows]


def test_one_node_per_person_and_place(seed_build):
    rows = select(
        seed_build,
        """SELECT ?label (COUNT(DISTINCT ?e) AS ?n) (SAMPLE(?class) AS ?type) WHERE {
             ?e rdfs:label ?label ; a ?class .
             FILTER(?class IN (kg:Person, kg:Organization, kg:Place, kg:Group))
           } GROUP BY ?label""",
    )
    nodes = {row["label"]: (int(row["n"]), row["type"].rsplit("#", 1)[1]) for row in rows}
    for person in PEOPLE:
        assert nodes.get(person) == (1, "Person"), person
    assert nodes.get("United States") == (1, "Place")
    # Short forms were merged into the full names, not kept as nodes of their own.
    for short in ("Bessent", "Greer", "Trump", "Li", "Xi", "US", "U.S."):
        assert short not in nodes, short


def test_he_said_resolves_to_bessent(seed_build):
    rows = select(
        seed_build,
        """SELECT ?who WHERE {
             ?s rdf:subject ?e ; rdf:predicate rel:say ; kg:sentence/kg:text ?text .
             ?e rdfs:label ?who .
             FILTER(STRSTARTS(?text, "He said the upcoming Trump-Xi discussions"))
           }""",
    )
    assert rows and {row["who"] for row in rows} == {"Scott Bessent"}


def test_no_node_is_labelled_with_a_pronoun(seed_build):
    rows = select(seed_build, "SELECT DISTINCT ?label WHERE { ?e a ?c ; rdfs:label ?label }")
    labels = {row["label"].lower() for row in rows}
    assert not labels & set(PRONOUNS)


def test_aliases_roles_and_merge_reasons_are_recorded(seed_build):
    rows = select(
        seed_build,
        """SELECT ?alias ?role ?reason WHERE {
             ?e rdfs:label "Scott Bessent" ; skos:altLabel ?alias ; kg:role ?role ;
                kg:mergeReason ?reason }""",
    )
    assert {"alias": "Bessent", "role": "US Treasury Secretary"}.items() <= rows[0].items()
    assert "Bessent" in rows[0]["reason"]
