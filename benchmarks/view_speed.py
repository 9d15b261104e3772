"""How fast the graph view is at scale: a synthetic graph of 5,000 entities and 15,000 edges,
rendered to HTML (Python side: layout + page), then opened in headless Debian Chromium with the
network off, timed until the page says it is interactive (``window.kgReady``, set after the
first complete drawing). Target: under 3 s in the browser.

    .venv/bin/python benchmarks/view_speed.py [--nodes 5000] [--edges 15000] [--keep FILE]
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

from kg.view import (
    HEADLESS_CHROMIUM,
    HEADLESS_CHROMIUM_ARGS,
    TYPE_STYLES,
    Provenance,
    ViewEdge,
    ViewGraph,
    ViewNode,
    render_html,
)

CHROMIUM = HEADLESS_CHROMIUM
CHROMIUM_ARGS = list(HEADLESS_CHROMIUM_ARGS)
RELATIONS = [
    "meet",
    "say",
    "impose",
    "lead",
    "visit",
    "sign",
    "announce",
    "reach",
    "delay",
    "criticise",
    "support",
    "hold",
    "expect",
    "threaten",
    "plan",
    "discuss",
]


def synthetic_graph(n_nodes: int, n_edges: int, seed: int = 1) -> ViewGraph:
    """Preferential attachment, like a news graph: a few hubs (leaders, countries), many leaves."""
    rng = random.Random(seed)
    types = [t for t in TYPE_STYLES if t != "Other"]
    nodes = {
        f"https://w3id.org/kg/entity/e{i}": ViewNode(
            id=f"https://w3id.org/kg/entity/e{i}",
            label=f"Entity {i}",
            type=rng.choice(types),
            aliases=[f"E{i}"],
            roles=["official"] if i % 7 == 0 else [],
            sentences=[f"Entity {i} was mentioned in sentence {i}."],
        )
        for i in range(n_nodes)
    }
    ids = list(nodes)
    targets: list[str] = ids[:5]
    seen: set[tuple[str, str, str]] = set()
    edges: list[ViewEdge] = []
    while len(edges) < n_edges:
        source = ids[len(edges) % n_nodes] if len(edges) < n_nodes else rng.choice(ids)
        target = rng.choice(targets) if rng.random() < 0.7 else rng.choice(ids)
        relation = rng.choice(RELATIONS)
        key = (source, relation, target)
        if source == target or key in seen:
            continue
        seen.add(key)
        targets.append(target)
        targets.append(source)
        edges.append(
            ViewEdge(
                source,
                target,
                "https://w3id.org/kg/relation/" + relation,
                relation,
                [Provenance(sentence=f"{source} {relation} {target}.", confidence=0.8)],
            )
        )
    return ViewGraph(nodes=nodes, edges=edges)


def time_in_browser(path: Path, runs: int) -> list[float]:
    from playwright.sync_api import sync_playwright

    url = path.resolve().as_uri()
    outside: list[str] = []
    times = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for _ in range(runs):
            page = browser.new_page(viewport={"width": 1280, "height": 800})
            # Requests are watched, not routed: Playwright's routing of a file:// page of
            # megabytes fails (net::ERR_FAILED), and the page's CSP forbids connections anyway.
            page.on(
                "request",
                lambda request, page_url=url: (
                    request.url == page_url or outside.append(request.url)
                ),
            )
            start = time.perf_counter()
            page.goto(url, wait_until="commit")
            # A function, not an expression: the page's CSP forbids eval, which Playwright
            # uses to poll a string expression.
            page.wait_for_function("() => window.kgReady === true", timeout=120_000)
            times.append(time.perf_counter() - start)
            page.close()
        browser.close()
    if outside:
        sys.exit(f"the page asked other hosts for {len(outside)} resources: {outside[:3]}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--nodes", type=int, default=5000)
    parser.add_argument("--edges", type=int, default=15000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--keep", type=Path, help="also write the page here")
    args = parser.parse_args()

    view = synthetic_graph(args.nodes, args.edges)
    start = time.perf_counter()
    page = render_html(view, heading=f"Synthetic graph: {args.nodes} nodes, {args.edges} edges")
    render_seconds = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "synthetic.html"
        path.write_text(page, encoding="utf-8")
        if args.keep:
            args.keep.write_text(page, encoding="utf-8")
        times = time_in_browser(path, args.runs)
    print(f"graph: {args.nodes} nodes, {args.edges} edges; page {len(page) / 1e6:.1f} MB")
    print(f"python render (layout + HTML): {render_seconds:.2f} s")
    print(
        "browser, load to interactive (window.kgReady): "
        + ", ".join(f"{t:.2f} s" for t in times)
        + f"  (best {min(times):.2f} s; target < 3 s)"
    )


if __name__ == "__main__":
    main()
