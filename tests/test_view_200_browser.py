"""The view of a 200-document build in a real browser (Debian's chromium, Playwright): it opens
on the named part of the graph with no isolated node drawn, no two labels overlap at the opening
zoom, a filter lays out what is left again, a selection can be cleared, a speaker shows what it
said, and the time slider narrows the facts.

The build: 200 seed-like articles from tests/newslike.py (fixed cast and seed), built once per
session through the real CLI (about 12 s; a prebuilt TriG would be 10 MB)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import NEEDS_CHROMIUM, run_kg
from newslike import make_newslike

from kg.view import HEADLESS_CHROMIUM, HEADLESS_CHROMIUM_ARGS

CHROMIUM = Path(HEADLESS_CHROMIUM)

pytestmark = NEEDS_CHROMIUM


@pytest.fixture(scope="session")
def build_200(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("news200")
    corpus = make_newslike(folder / "news.jsonl", 200)
    out = folder / "out"
    result = run_kg("build", str(corpus), "-o", str(out))
    assert result.returncode == 0, result.stderr
    assert "200 document(s)" in result.stdout
    return out


@pytest.fixture(scope="module")
def page(build_200: Path) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    url = (build_200 / "graph.html").resolve().as_uri()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), args=list(HEADLESS_CHROMIUM_ARGS)
        )
        tab = browser.new_page(viewport={"width": 1400, "height": 860})
        errors: list[str] = []
        outside: list[str] = []
        tab.on("pageerror", lambda error: errors.append(str(error)))

        def route(r: Any) -> None:
            if r.request.url == url:
                r.continue_()
            else:
                outside.append(r.request.url)
                r.abort()

        tab.route("**/*", route)
        tab.goto(url)
        tab.wait_for_function("() => window.kgReady === true", timeout=60_000)
        tab.wait_for_timeout(200)
        tab.errors = errors
        tab.outside = outside
        yield tab
        browser.close()


DRAWN_WITHOUT_EDGE = """() => kg.network.body.nodeIndices.filter(
    id => kg.network.body.nodes[id].edges.filter(
        e => kg.network.body.edgeIndices.includes(e.id)).length === 0)"""


def overlapping(boxes: list[dict[str, float]]) -> list[tuple[str, str]]:
    found = []
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            if (
                a["x"] < b["x"] + b["w"]
                and b["x"] < a["x"] + a["w"]
                and a["y"] < b["y"] + b["h"]
                and b["y"] < a["y"] + a["h"]
            ):
                found.append((a["id"], b["id"]))
    return found


def test_opens_on_connected_named_nodes_with_labels_that_do_not_overlap(page: Any) -> None:
    total = page.evaluate("() => kg.nodes.length")
    drawn = page.evaluate("() => kg.network.body.nodeIndices.length")
    assert 300 < drawn < total  # minor nodes (no edge, no name within reach) wait to be asked
    assert page.evaluate(DRAWN_WITHOUT_EDGE) == []
    boxes = page.evaluate("() => kg.labelBoxes()")
    assert len(boxes) >= 40, len(boxes)  # readable names, not an empty picture
    assert overlapping(boxes) == []
    # Every box is a drawn node's, inside the canvas.
    width, height = page.evaluate(
        "() => [document.getElementById('kg-network').clientWidth,"
        " document.getElementById('kg-network').clientHeight]"
    )
    ids = set(page.evaluate("() => kg.network.body.nodeIndices"))
    for box in boxes:
        assert box["id"] in ids
        assert box["x"] >= 0 and box["x"] + box["w"] <= width
        assert box["y"] >= 0 and box["y"] + box["h"] <= height
    # Communities are coloured: the opening view has several colours and a legend.
    colours = set(
        page.evaluate("() => kg.network.body.nodeIndices.map(id => kg.nodes.get(id).color)")
    )
    assert len(colours) >= 5
    assert page.locator("#kg-communities div").count() >= 5
    assert page.errors == [] and page.outside == []


def test_minor_nodes_are_drawn_when_asked(page: Any) -> None:
    before = page.evaluate("() => kg.network.body.nodeIndices.length")
    page.check("#kg-isolated")
    page.wait_for_function("() => document.body.dataset.layout === 'done'", timeout=30_000)
    assert page.evaluate("() => kg.network.body.nodeIndices.length") > before
    page.uncheck("#kg-isolated")
    page.wait_for_function("() => document.body.dataset.layout === 'done'", timeout=30_000)
    assert page.evaluate("() => kg.network.body.nodeIndices.length") == before


def test_a_filter_lays_out_what_is_left(page: Any) -> None:
    ids = ["https://w3id.org/kg/entity/Scott_Bessent", "https://w3id.org/kg/entity/He_Lifeng"]
    before = page.evaluate("ids => ids.map(id => kg.network.getPosition(id))", ids)
    page.evaluate("() => { document.body.dataset.layout = ''; }")
    page.uncheck("#kg-types input[data-type='Nominal']")
    page.wait_for_function("() => document.body.dataset.layout === 'done'", timeout=30_000)
    assert "Nominal" not in page.evaluate(
        "() => kg.network.body.nodeIndices.map(id => kg.nodes.get(id).kg.type)"
    )
    assert page.evaluate(DRAWN_WITHOUT_EDGE) == []
    after = page.evaluate("ids => ids.map(id => kg.network.getPosition(id))", ids)
    assert after != before  # laid out again, not left where the hidden nodes held them
    assert overlapping(page.evaluate("() => kg.labelBoxes()")) == []
    page.check("#kg-types input[data-type='Nominal']")
    page.wait_for_function("() => document.body.dataset.layout === 'done'", timeout=30_000)


def test_search_select_clear_and_what_a_speaker_said(page: Any) -> None:
    page.fill("#kg-search-input", "Scott Bessent")
    page.press("#kg-search-input", "Enter")
    bessent = "https://w3id.org/kg/entity/Scott_Bessent"
    assert page.evaluate("() => kg.network.getSelectedNodes()") == [bessent]
    assert page.text_content("#kg-search-status") == "found Scott Bessent"
    details = page.text_content("#kg-details")
    assert "said" in details and "real progress" in details  # his clause facts, on him
    assert page.is_visible("#kg-clear")
    # During a selection only the neighbourhood is labelled, still without overlaps.
    labelled = {b["id"] for b in page.evaluate("() => kg.labelBoxes()")}
    near = set(page.evaluate("id => kg.network.getConnectedNodes(id)", bessent)) | {bessent}
    assert labelled <= near
    page.click("#kg-clear")
    assert page.evaluate("() => kg.network.getSelectedNodes()") == []
    assert not page.is_visible("#kg-clear")
    assert "Click a node" in page.text_content("#kg-details")
    page.fill("#kg-search-input", "Jensen Huang")
    page.press("#kg-search-input", "Enter")
    page.keyboard.press("Escape")
    assert page.evaluate("() => kg.network.getSelectedNodes()") == []


def test_time_slider_narrows_the_facts(page: Any) -> None:
    assert page.is_visible("#kg-time-section")
    days = page.evaluate("() => JSON.parse(document.getElementById('kg-data').textContent).days")
    assert len(days) > 20 and days == sorted(days)
    edges = page.evaluate("() => kg.network.body.edgeIndices.length")
    page.uncheck("#kg-time-undated")
    page.evaluate(
        """() => { const to = document.getElementById('kg-time-to');
                   to.value = String(Math.floor(to.max / 3));
                   to.dispatchEvent(new Event('input')); }"""
    )
    page.wait_for_function("() => document.body.dataset.layout === 'done'", timeout=30_000)
    narrowed = page.evaluate("() => kg.network.body.edgeIndices.length")
    assert 0 < narrowed < edges
    last = page.evaluate(
        "() => document.getElementById('kg-time-readout').textContent.split(' \\u2013 ')[1]"
    )
    shown_days = page.evaluate(
        "() => kg.network.body.edgeIndices.flatMap(id => kg.edges.get(id).kg.days)"
    )
    assert shown_days and min(shown_days) <= last
    assert page.evaluate(DRAWN_WITHOUT_EDGE) == []
    page.check("#kg-time-undated")
    page.evaluate(
        """() => { const to = document.getElementById('kg-time-to');
                   to.value = to.max; to.dispatchEvent(new Event('input')); }"""
    )
    page.wait_for_function("() => document.body.dataset.layout === 'done'", timeout=30_000)
    assert page.evaluate("() => kg.network.body.edgeIndices.length") == edges
    assert page.errors == [] and page.outside == []
