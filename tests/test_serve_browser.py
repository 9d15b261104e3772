"""kg serve's pages in a real browser: a real `kg serve` process on loopback, Debian's chromium
driven by Playwright, every request to another host aborted and counted. The entity page of the
seed, every example query of queries/ on the query page, and hostile labels shown, never run."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from conftest import NEEDS_CHROMIUM, ROOT, TURTLE_PREFIXES

from kg.view import HEADLESS_CHROMIUM, HEADLESS_CHROMIUM_ARGS

CHROMIUM = Path(HEADLESS_CHROMIUM)
KG = str(Path(sys.executable).with_name("kg"))
ENT = "https://w3id.org/kg/entity/"

pytestmark = NEEDS_CHROMIUM


class Served:
    """`kg serve GRAPH --port 0` as a user starts it; the URL read from what it prints."""

    def __init__(self, graph: Path) -> None:
        self.process = subprocess.Popen(
            [KG, "serve", str(graph), "--port", "0"],
            stderr=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            text=True,
        )
        assert self.process.stderr is not None
        line = self.process.stderr.readline()
        found = re.search(r"at (http://127\.0\.0\.1:\d+/)", line)
        assert found, line + self.process.stderr.read()
        self.url = found.group(1).rstrip("/")

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        # Chromium's own name lookups stay off, but the server on loopback must be reachable.
        args = [
            "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
            if arg.startswith("--host-resolver-rules")
            else arg
            for arg in HEADLESS_CHROMIUM_ARGS
        ]
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=args)
        yield browser
        browser.close()


class Tab:
    """A page of the server: what it asked other hosts for, its errors, its dialogs."""

    def __init__(self, browser: Any, base: str) -> None:
        self.base = base
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 900})
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("dialog", self._dialog)
        self.page.route("**/*", self._route)

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _route(self, route: Any) -> None:
        if route.request.url.startswith(self.base + "/"):
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def open(self, path: str) -> Any:
        return self.page.goto(self.base + path)

    def run_query(self) -> None:
        self.page.wait_for_function(
            "() => ['done', 'error'].includes(document.body.dataset.state)", timeout=20_000
        )

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def seed_server(seed_build: Path) -> Iterator[Served]:
    served = Served(seed_build)
    yield served
    served.stop()


@pytest.fixture
def tab(browser: Any, seed_server: Served) -> Iterator[Tab]:
    opened = Tab(browser, seed_server.url)
    yield opened
    opened.close()


def test_bessent_page_shows_the_meeting_facts_with_their_sentences(tab: Tab) -> None:
    response = tab.open("/entity?name=Bessent")
    assert response.status == 200
    page = tab.page
    assert page.text_content("h1") == "Scott Bessent"
    assert "Person" in page.text_content("p.kind")
    names = page.text_content("dl.names")
    assert "Bessent" in names and "US Treasury Secretary" in names
    meetings = page.locator("section.relation[data-relation='meet'] .fact")
    sentence = (
        "The announcement came after US Treasury Secretary Scott Bessent and Trade "
        "Representative Jamieson Greer met with Chinese Vice Premier He Lifeng and chief "
        "negotiator Li Chenggang."
    )
    facts = [meetings.nth(i).text_content() for i in range(meetings.count())]
    # The seed's meet statements with Bessent as a party: he met He Lifeng and Li Chenggang.
    assert len(facts) == 2
    assert ["He Lifeng" in facts[0] or "He Lifeng" in facts[1]] == [True]
    assert any("Li Chenggang" in fact for fact in facts)
    for fact in facts:
        assert sentence in fact
        assert "met with" in fact
        # The source document by its title, with its date.
        assert "US and China reach a framework for a trade deal" in fact and "2025-10-26" in fact
    # The sentence's other two meetings, Greer's, beside his: the four facts of the event.
    joint = page.locator("section.joint[data-relation='meet'] .fact")
    shared = [joint.nth(i).text_content() or "" for i in range(joint.count())]
    assert len(shared) == 2
    assert all("Jamieson Greer" in fact and sentence in fact for fact in shared)
    assert {"He Lifeng", "Li Chenggang"} == {
        name for name in ("He Lifeng", "Li Chenggang") for fact in shared if name in fact
    }
    # Greer is their subject: none of Bessent's own facts is repeated there.
    assert all(fact.strip().startswith("Jamieson Greer") for fact in shared)
    # Said facts, the merge reason and the mention chain (kg explain's content).
    assert "the framework could help avoid such measures" in page.text_content(
        "section.relation[data-relation='say']"
    )
    why = page.text_content("main")
    assert "'Bessent' is part of the personal name 'Scott Bessent'" in why
    chain = page.locator("table.chain tr")
    assert chain.count() >= 6  # a heading row and the mentions ("He", "Bessent", …)
    assert "pronoun" in page.text_content("table.chain")
    # Neighbours link to their own pages.
    page.click("ul.neighbours a:text-is('He Lifeng')")
    page.wait_for_load_state()
    assert page.text_content("h1") == "He Lifeng"
    assert page.url.endswith("/entity?iri=" + quote(ENT + "He_Lifeng", safe=""))
    # ... and back through a fact's link.
    page.click(".fact a:text-is('Scott Bessent')")
    page.wait_for_load_state()
    assert page.text_content("h1") == "Scott Bessent"
    assert tab.outside == [] and tab.errors == []


def test_unknown_entity_is_a_404_page(tab: Tab) -> None:
    assert tab.open("/entity?name=Nobody%20Here").status == 404
    assert "No entity is called" in tab.page.text_content("h1")
    assert tab.open("/entity?iri=" + quote(ENT + "Nobody", safe="")).status == 404


EXAMPLES = sorted(p.stem for p in (ROOT / "queries").glob("*.rq"))


def test_query_page_runs_every_example(tab: Tab) -> None:
    assert len(EXAMPLES) >= 5
    tab.open("/query")
    page = tab.page
    buttons = page.locator("#examples button")
    assert sorted(buttons.evaluate_all("bs => bs.map(b => b.dataset.example)")) == EXAMPLES
    for name in EXAMPLES:
        page.evaluate("() => { document.body.dataset.state = ''; }")
        page.click(f"#examples button[data-example='{name}']")
        tab.run_query()
        status = page.text_content("#status")
        assert page.evaluate("() => document.body.dataset.state") == "done", (name, status)
        rows = page.locator("#result tr")
        assert rows.count() >= 2, (name, status)  # the heading and at least one row
        assert re.search(r"\d+ rows? .*query \d+\.\d+ s", status), status
        expected = (ROOT / "queries" / f"{name}.rq").read_text(encoding="utf-8").strip()
        assert page.input_value("#query") == expected
    assert tab.outside == [] and tab.errors == []


def test_query_results_are_labelled_linked_and_downloadable(tab: Tab) -> None:
    tab.open("/query")
    page = tab.page
    page.fill("#query", "SELECT ?a ?r ?b WHERE { ?a ?r ?b . ?a rel:meet ?b } ORDER BY ?a ?b")
    page.click("#run")
    tab.run_query()
    links = page.locator("#result a.entity")
    texts = links.all_text_contents()
    assert "Scott Bessent" in texts and "He Lifeng" in texts
    # The relation is named by its label and is not an entity link.
    assert "meet" in page.text_content("#result")
    # CSV of the same query, from the server.
    href = page.get_attribute("#csv", "href")
    csv = page.evaluate("url => fetch(url).then(r => r.text())", href)
    assert csv.splitlines()[0] == "a,r,b"
    assert f"{ENT}Scott_Bessent" in csv
    data = page.evaluate(
        "url => fetch(url).then(r => r.json())", page.get_attribute("#json", "href")
    )
    assert data["head"]["vars"] == ["a", "r", "b"]
    page.click("#result a.entity:text-is('Scott Bessent') >> nth=0")
    page.wait_for_load_state()
    assert page.text_content("h1") == "Scott Bessent"
    assert tab.outside == [] and tab.errors == []


def test_query_errors_name_and_mark_their_line_and_column(tab: Tab) -> None:
    tab.open("/query")
    page = tab.page
    page.fill("#query", "SELECT ?a WHERE {\n  ?a rel:meet ?b\n  FILTER(\n}")
    page.click("#run")
    tab.run_query()
    assert page.evaluate("() => document.body.dataset.state") == "error"
    status = page.text_content("#status")
    # The parser's position, shown under the query's line and selected in the editor.
    assert "line 3, column 3" in status, status
    assert page.is_visible("#where")
    assert page.text_content("#where").splitlines() == ["line 3:   FILTER(", " " * 10 + "^"]
    selected = page.evaluate(
        "() => { const q = document.getElementById('query');"
        " return q.value.slice(q.selectionStart, q.selectionStart + 7); }"
    )
    assert selected == "FILTER("
    # The guard still refuses what it refused before, on this page too.
    page.fill("#query", "SELECT * WHERE { SERVICE <http://example.org/> { ?s ?p ?o } }")
    page.click("#run")
    tab.run_query()
    assert "SERVICE" in page.text_content("#status")
    assert tab.outside == []


PAYLOADS = [
    "<script>document.title='pwned'</script>",
    "<img src=x onerror=\"document.title='pwned'\">",
    "\"><svg onload=document.title='pwned'>",
    "javascript:document.title='pwned'",
]


def _hostile_trig() -> str:
    def lit(text: str) -> str:
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'

    joined = " ".join(PAYLOADS)
    return (
        TURTLE_PREFIXES
        + f"""
doc:bad {{
  doc:bad a kg:Document ; dcterms:title {lit(joined)} ; dcterms:source {lit(PAYLOADS[0])} ;
      schema:url {lit(PAYLOADS[3])} .
  <https://w3id.org/kg/document/bad/sentence/0> a kg:Sentence ; kg:sentenceIndex 0 ;
      kg:text {lit("Sentence " + joined)} ; dcterms:isPartOf doc:bad .
  ent:Evil a kg:Person ; rdfs:label {lit(PAYLOADS[0])} ; skos:altLabel {lit(PAYLOADS[1])} ;
      kg:role {lit(PAYLOADS[2])} ; kg:mergeReason {lit(joined)} ;
      kg:mentionedIn <https://w3id.org/kg/document/bad/sentence/0> .
  ent:Other a kg:Organization ; rdfs:label {lit(PAYLOADS[1])} .
  rel:meet a kg:Relation ; rdfs:label {lit(PAYLOADS[2])} .
  ent:Evil rel:meet ent:Other .
  stmt:s1 a kg:Statement ; rdf:subject ent:Evil ; rdf:predicate rel:meet ;
      rdf:object ent:Other ; kg:relationText {lit(PAYLOADS[1])} ; kg:time {lit(PAYLOADS[2])} ;
      kg:sentence <https://w3id.org/kg/document/bad/sentence/0> .
  stmt:s2 a kg:Statement ; rdf:subject ent:Evil ; rdf:predicate rel:say ;
      rdf:object {lit(joined)} ; kg:sentence <https://w3id.org/kg/document/bad/sentence/0> .
}}
"""
    )


def test_hostile_labels_are_shown_never_run(browser: Any, tmp_path: Path) -> None:
    graph = tmp_path / "hostile.trig"
    graph.write_text(_hostile_trig(), encoding="utf-8")
    served = Served(graph)
    tab = Tab(browser, served.url)
    try:
        page = tab.page
        assert tab.open("/entity?iri=" + quote(ENT + "Evil", safe="")).status == 200
        assert page.text_content("h1") == PAYLOADS[0]
        text = page.text_content("main")
        for payload in PAYLOADS:
            assert payload in text
        # The javascript: URL of the document is text, not a link; the only links are ours.
        hrefs = page.eval_on_selector_all("a", "as => as.map(a => a.getAttribute('href'))")
        assert all(h.startswith("/") for h in hrefs), hrefs
        assert page.evaluate("() => document.querySelectorAll('img, svg, script').length") == 0
        # The query page, with the hostile labels in its results.
        tab.open("/query")
        page.fill("#query", "SELECT ?e ?name ?r WHERE { ?e rdfs:label ?name ; ?r ?o }")
        page.click("#run")
        tab.run_query()
        assert PAYLOADS[0] in page.text_content("#result")
        assert (
            page.evaluate(
                "() => document.querySelectorAll('#result img, #result svg, #result script').length"
            )
            == 0
        )
        page.wait_for_timeout(200)
        assert page.evaluate("() => document.title") == "kg query"
        assert tab.dialogs == [] and tab.outside == [] and tab.errors == []
    finally:
        tab.close()
        served.stop()
