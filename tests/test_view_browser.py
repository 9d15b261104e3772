"""The HTML graph view in a real browser: Debian's chromium, headless, driven by Playwright, with
every request that is not the page itself aborted and counted (the page must work offline and
ask no host for anything)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import NEEDS_CHROMIUM, TURTLE_PREFIXES

from kg.store import load_dataset
from kg.view import (
    HEADLESS_CHROMIUM,
    HEADLESS_CHROMIUM_ARGS,
    Provenance,
    ViewEdge,
    ViewGraph,
    ViewNode,
    render_html,
    write_view,
)

CHROMIUM = Path(HEADLESS_CHROMIUM)
CHROMIUM_ARGS = list(HEADLESS_CHROMIUM_ARGS)

pytestmark = NEEDS_CHROMIUM

SAMPLE_TRIG = (
    TURTLE_PREFIXES
    + """

doc:aaa {
  doc:aaa a kg:Document ; kg:sha256 "aaa" ; dcterms:source "seeds/a.txt" .
  <https://w3id.org/kg/document/aaa/sentence/0> a kg:Sentence ; kg:sentenceIndex 0 ;
      kg:text "US Treasury Secretary Scott Bessent met with Chinese Vice Premier He Lifeng." ;
      dcterms:isPartOf doc:aaa .
  ent:Scott_Bessent a kg:Person ; rdfs:label "Scott Bessent" ; skos:altLabel "Bessent" ;
      kg:role "US Treasury Secretary" ;
      kg:mentionedIn <https://w3id.org/kg/document/aaa/sentence/0> .
  ent:He_Lifeng a kg:Person ; rdfs:label "He Lifeng" ; kg:role "Chinese Vice Premier" .
  ent:China a kg:Place ; rdfs:label "China" .
  ent:US a kg:Place ; rdfs:label "US" .
  ent:US_Treasury a kg:Organization ; rdfs:label "US Treasury" .
  ent:concept\\/tariff a kg:Concept ; rdfs:label "tariff" .
  ent:Scott_Bessent rel:meet ent:He_Lifeng .
  ent:Scott_Bessent rel:lead ent:US_Treasury .
  ent:He_Lifeng rel:represent ent:China .
  ent:US rel:impose ent:concept\\/tariff .
  ent:China rel:delay ent:concept\\/tariff .
  rel:meet a kg:Relation ; rdfs:label "meet" .
  stmt:s1 a kg:Statement ; rdf:subject ent:Scott_Bessent ; rdf:predicate rel:meet ;
      rdf:object ent:He_Lifeng ; kg:confidence 0.87 ; kg:relationText "met with" ;
      kg:sentence <https://w3id.org/kg/document/aaa/sentence/0> .
}
"""
)

# Each tries to run script by a different road: an element with an event handler, ending the
# <script> element the data sits in, pyvis' "href" switch to innerHTML popups, breaking out of an
# attribute. Any that ran would change document.title or request a file (counted below).
PAYLOADS = [
    "<img src=x onerror=\"document.title='pwned'\">",
    "</script><script>document.title='pwned'</script>",
    "<a href=\"javascript:document.title='pwned'\">see href</a>",
    "\"><svg onload=document.title='pwned'>",
    "'); document.title='pwned'; ('\u2028<!--",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class Page:
    """A page of the view, offline: what it asked other hosts for and what it logged as errors."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.url = path.resolve().as_uri()
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.page = browser.new_page(viewport={"width": 1280, "height": 800})
        self.page.on("console", self._console)
        self.page.on("pageerror", lambda error: self.errors.append(f"pageerror: {error}"))
        self.page.route("**/*", self._route)
        self.page.goto(self.url)
        # A function, not a string expression: the page's CSP forbids the eval Playwright polls
        # an expression with.
        self.page.wait_for_function("() => window.kgReady === true", timeout=20_000)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            self.errors.append(message.text)

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            self.outside.append(route.request.url)
            route.abort()

    def evaluate(self, script: str, arg: Any = None) -> Any:
        return self.page.evaluate(script, arg)

    def node_point(self, node_id: str) -> tuple[float, float]:
        """Where NODE is on the screen, in page coordinates."""
        return tuple(
            self.evaluate(
                """id => {
                    const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                    const box = document.getElementById('kg-network').getBoundingClientRect();
                    return [box.left + p.x, box.top + p.y];
                }""",
                node_id,
            )
        )

    def hover(self, node_id: str) -> None:
        x, y = self.node_point(node_id)
        self.page.mouse.move(x - 3, y - 3)
        self.page.mouse.move(x, y, steps=3)

    def close(self) -> None:
        self.page.close()


@pytest.fixture(scope="module")
def sample_page(browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Page]:
    folder = tmp_path_factory.mktemp("view")
    (folder / "graph.trig").write_text(SAMPLE_TRIG, encoding="utf-8")
    write_view(load_dataset(folder / "graph.trig"), folder / "graph.html", heading="Sample")
    page = Page(browser, folder / "graph.html")
    yield page
    page.close()


ENT = "https://w3id.org/kg/entity/"


def test_page_renders_every_node_and_edge_offline(sample_page: Page, tmp_path: Path) -> None:
    counts = sample_page.evaluate(
        "[kg.nodes.length, kg.edges.length, kg.network.body.nodeIndices.length,"
        " kg.network.body.edgeIndices.length]"
    )
    assert counts == [6, 5, 6, 5]
    assert sample_page.evaluate("document.title") == "Sample"
    # The canvas has been drawn on: some pixel is not the white background.
    assert sample_page.evaluate(
        """(() => { const c = document.querySelector('#kg-network canvas');
                    const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                    for (let i = 0; i < d.length; i += 4) if (d[i] < 200) return true;
                    return false; })()"""
    )
    shot = tmp_path / "sample.png"
    sample_page.page.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    assert sample_page.outside == []
    assert sample_page.errors == []


def test_hover_shows_type_aliases_roles_and_sentences(sample_page: Page) -> None:
    sample_page.hover(ENT + "Scott_Bessent")
    tooltip = sample_page.page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=5_000)
    text = tooltip.text_content()
    for expected in (
        "Scott Bessent",
        "Person",
        "Bessent",
        "US Treasury Secretary",
        "met with Chinese Vice Premier He Lifeng.",
    ):
        assert expected in text
    edge = sample_page.evaluate(
        "kg.edgeDetails(kg.edges.get({filter: e => e.kg.label === 'meet'})[0]).textContent"
    )
    assert "confidence 0.87" in edge and "Scott Bessent met with" in edge


def test_search_focuses_the_node(sample_page: Page) -> None:
    sample_page.page.fill("#kg-search-input", "bessent")
    sample_page.page.press("#kg-search-input", "Enter")
    target = ENT + "Scott_Bessent"
    assert sample_page.evaluate("kg.network.getSelectedNodes()") == [target]
    # After the focus animation the node sits in the middle of the view.
    sample_page.page.wait_for_function(
        """id => { const v = kg.network.getViewPosition(), p = kg.network.getPosition(id);
                   return Math.abs(v.x - p.x) < 1 && Math.abs(v.y - p.y) < 1; }""",
        arg=target,
        timeout=5_000,
    )
    assert sample_page.page.text_content("#kg-search-status") == "found Scott Bessent"
    # Its neighbourhood is highlighted: a neighbour keeps its colour, a stranger is faded.
    colours = sample_page.evaluate(
        "ids => ids.map(id => [kg.nodes.get(id).color, kg.colourOf(kg.nodes.get(id))])",
        [ENT + "He_Lifeng", ENT + "China"],
    )
    assert colours[0][0] == colours[0][1]
    assert colours[1][0].startswith("rgba(")
    sample_page.page.fill("#kg-search-input", "no such thing")
    sample_page.page.press("#kg-search-input", "Enter")
    assert "no match" in sample_page.page.text_content("#kg-search-status")
    assert sample_page.errors == []


def test_type_and_relation_filters_hide_what_they_name(sample_page: Page) -> None:
    page = sample_page.page
    page.uncheck("#kg-types input[data-type='Place']")
    visible = set(sample_page.evaluate("kg.network.body.nodeIndices"))
    # The tariff's edges both went with the places: it is not left drawn on its own.
    assert visible == {ENT + n for n in ("Scott_Bessent", "He_Lifeng", "US_Treasury")}
    page.check("#kg-types input[data-type='Place']")
    assert len(sample_page.evaluate("kg.network.body.nodeIndices")) == 6

    page.uncheck("#kg-relations input[data-relation='meet']")
    labels = sample_page.evaluate(
        "kg.network.body.edgeIndices.map(id => kg.edges.get(id).kg.label).sort()"
    )
    assert labels == ["delay", "impose", "lead", "represent"]
    page.check("#kg-relations input[data-relation='meet']")
    assert len(sample_page.evaluate("kg.network.body.edgeIndices")) == 5
    assert sample_page.errors == []


def hostile_graph() -> ViewGraph:
    """Every text field, the ids included, carries every payload."""
    joined = " ".join(PAYLOADS)
    nodes = {
        payload: ViewNode(
            id=payload,
            label=payload,
            type="Person" if i % 2 else "Organization",
            aliases=[joined],
            roles=[payload],
            sentences=[f"Sentence {i}: {joined}"],
        )
        for i, payload in enumerate(PAYLOADS)
    }
    edges = [
        ViewEdge(
            source=a,
            target=b,
            relation="https://w3id.org/kg/relation/" + a,
            label=a,
            provenance=[
                Provenance(sentence=joined, confidence=0.5, source=a, qualifiers={"attribution": b})
            ],
        )
        for a, b in zip(PAYLOADS, PAYLOADS[1:], strict=False)
    ]
    return ViewGraph(nodes=nodes, edges=edges)


def test_hostile_text_is_shown_never_run(browser: Any, tmp_path: Path) -> None:
    heading = "Heading " + " ".join(PAYLOADS)
    path = tmp_path / "hostile.html"
    path.write_text(render_html(hostile_graph(), heading=heading), encoding="utf-8")
    page = Page(browser, path)
    try:
        assert page.evaluate("document.title") == heading
        assert page.page.text_content("#kg-heading") == heading
        assert page.evaluate("kg.nodes.getIds().sort()") == sorted(PAYLOADS)
        for payload in PAYLOADS:
            page.hover(payload)
            tooltip = page.page.locator("div.vis-tooltip")
            tooltip.wait_for(state="visible", timeout=5_000)
            assert payload in tooltip.text_content()
            x, y = page.node_point(payload)
            page.page.mouse.click(x, y)
            assert payload in page.page.text_content("#kg-details")
        for payload in PAYLOADS:  # after the hovers: a search zooms in, others leave the view
            page.page.fill("#kg-search-input", payload)
            page.page.press("#kg-search-input", "Enter")
            assert page.evaluate("kg.network.getSelectedNodes()") == [payload]
            assert page.page.text_content("#kg-search-status") == "found " + payload
        for edge_id in page.evaluate("kg.edges.getIds()"):
            text = page.evaluate(
                "id => { const t = kg.edgeDetails(kg.edges.get(id));"
                " document.body.appendChild(t); return t.textContent; }",
                edge_id,
            )
            assert " ".join(PAYLOADS) in text
        labels = page.evaluate(
            "[...document.querySelectorAll('#kg-panel label')].map(l => l.textContent)"
        )
        assert any(PAYLOADS[1] in label for label in labels)
        # Nothing ran, nothing was parsed into elements, nothing was fetched.
        page.page.wait_for_timeout(200)
        assert page.evaluate("document.title") != "pwned"
        assert page.evaluate("document.title") == heading
        assert page.evaluate("document.querySelectorAll('img, svg, a, iframe').length") == 0
        assert page.evaluate("document.scripts.length") == 3
        assert page.outside == []
        assert page.errors == []
    finally:
        page.close()
