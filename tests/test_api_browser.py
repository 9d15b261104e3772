"""KnowledgeGraph._repr_html_ in a real browser, as a notebook shows it: the view in a sandboxed
iframe inside another page, drawn offline (Debian's chromium, headless, via Playwright; every
request that is not the outer page is aborted and counted)."""

from __future__ import annotations

from pathlib import Path

import pytest

import kg
from kg.view import HEADLESS_CHROMIUM, HEADLESS_CHROMIUM_ARGS

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(HEADLESS_CHROMIUM).exists(),
        reason="needs Debian's chromium at /usr/bin/chromium: sudo apt-get install chromium "
        "(or run `make system-deps`)",
    ),
]


def test_the_notebook_view_draws_the_graph_offline(tmp_path):
    from playwright.sync_api import sync_playwright

    graph = kg.build(["Scott Bessent met He Lifeng in Kuala Lumpur. He praised the talks."])
    notebook = tmp_path / "notebook.html"
    notebook.write_text(
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>notebook</title></head>"
        f"<body><div class='output'>{graph._repr_html_()}</div></body></html>",
        encoding="utf-8",
    )
    url = notebook.resolve().as_uri()
    outside: list[str] = []
    errors: list[str] = []

    def route(request_route) -> None:
        if request_route.request.url == url:
            request_route.continue_()
        else:
            outside.append(request_route.request.url)
            request_route.abort()

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=HEADLESS_CHROMIUM, args=list(HEADLESS_CHROMIUM_ARGS)
        )
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.route("**/*", route)
            page.goto(url)
            (frame,) = [f for f in page.frames if f != page.main_frame]
            frame.wait_for_function("() => window.kgReady === true", timeout=20_000)
            drawn = frame.evaluate(
                "[kg.network.body.nodeIndices.length, kg.network.body.edgeIndices.length]"
            )
            labels = sorted(frame.evaluate("kg.nodes.get().map(n => n.label)"))
            box = page.evaluate(
                "(() => { const r = document.querySelector('iframe').getBoundingClientRect();"
                " return [r.width, r.height]; })()"
            )
        finally:
            browser.close()
    network = graph.to_networkx()
    # Every node with an edge is drawn; a node without one waits behind "minor nodes".
    linked = [n for n in network if network.degree(n) > 0]
    assert drawn == [len(linked), network.number_of_edges()]
    assert labels == sorted(network.nodes[n]["label"] for n in network)
    assert box[0] > 1000 and 600 <= box[1] <= 604  # full width, 600 px and its border
    assert outside == [] and errors == []
