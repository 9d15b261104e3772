"""Take the README's pictures in headless Debian Chromium (network off but for a local kg serve):

- docs/graph.png: the seed build's graph view;
- docs/view-200-open.png, docs/view-200-search.png, docs/view-200-select.png: the view of a
  200-document build (seed-like articles from tests/newslike.py) as it opens, after a search, and
  with a node selected;
- docs/entity-page.png, docs/query-page.png: kg serve's entity page of Scott Bessent and its
  query page after an example, on the seed build.

    .venv/bin/python scripts/screenshot.py [SEED_BUILD (default output/)] [--docs docs/]

The views are written fresh from the builds' graphs (kg.view.write_view), so the pictures show
the current view code even if graph.html in a folder is older.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from kg.errors import KgError
from kg.store import load_dataset
from kg.view import HEADLESS_CHROMIUM, HEADLESS_CHROMIUM_ARGS, write_view

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path(HEADLESS_CHROMIUM)
# Chromium's own name lookups stay off; the local kg serve must be reachable.
CHROMIUM_ARGS = [
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"
    if arg.startswith("--host-resolver-rules")
    else arg
    for arg in HEADLESS_CHROMIUM_ARGS
]
KG = str(Path(sys.executable).with_name("kg"))


def _open_view(browser: Any, path: Path, width: int, height: int) -> Any:
    url = path.resolve().as_uri()
    # Twice the pixels, so that labels stay sharp when the README scales the picture.
    page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=2)
    page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
    page.goto(url)
    page.wait_for_function("() => window.kgReady === true", timeout=60_000)
    page.wait_for_timeout(300)
    return page


def seed_view(browser: Any, build: Path, out: Path, folder: Path) -> None:
    path = write_view(
        load_dataset(build), folder / "seed.html", heading="Knowledge graph of the seed article"
    )
    page = _open_view(browser, path, 1400, 860)
    page.screenshot(path=str(out / "graph.png"))
    page.close()


def view_200(browser: Any, out: Path, folder: Path) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from newslike import make_newslike

    corpus = make_newslike(folder / "news.jsonl", 200)
    build = folder / "news200"
    done = subprocess.run(
        [KG, "build", str(corpus), "-o", str(build), "-q"], capture_output=True, text=True
    )
    if done.returncode != 0:
        raise KgError(f"kg build failed: {done.stderr.strip()}")
    path = write_view(load_dataset(build), folder / "news200.html", heading="200 news articles")
    page = _open_view(browser, path, 1400, 860)
    page.screenshot(path=str(out / "view-200-open.png"))
    page.fill("#kg-search-input", "Scott Bessent")
    page.press("#kg-search-input", "Enter")
    page.wait_for_timeout(700)
    page.screenshot(path=str(out / "view-200-search.png"))
    page.click("#kg-clear")
    page.evaluate("() => kg.network.fit({animation: false})")
    page.wait_for_timeout(200)
    # A click on a hub, as a reader would select it.
    point = page.evaluate(
        """() => { const id = 'https://w3id.org/kg/entity/Gianni_Infantino';
                   const p = kg.network.canvasToDOM(kg.network.getPosition(id));
                   const box = document.getElementById('kg-network').getBoundingClientRect();
                   return [box.left + p.x, box.top + p.y]; }"""
    )
    page.mouse.click(point[0], point[1])
    page.wait_for_timeout(300)
    page.mouse.move(5, 5)
    page.screenshot(path=str(out / "view-200-select.png"))
    page.close()


def served_pages(browser: Any, build: Path, out: Path) -> None:
    server = subprocess.Popen(
        [KG, "serve", str(build), "--port", "0"], stderr=subprocess.PIPE, text=True
    )
    try:
        assert server.stderr is not None
        found = re.search(r"at (http://127\.0\.0\.1:\d+)/", server.stderr.readline())
        if found is None:
            raise KgError("kg serve did not start")
        base = found.group(1)
        page = browser.new_page(viewport={"width": 1100, "height": 1000}, device_scale_factor=2)
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
        page.goto(base + "/entity?name=Scott%20Bessent")
        page.screenshot(path=str(out / "entity-page.png"))
        page.set_viewport_size({"width": 1300, "height": 760})
        page.goto(base + "/query")
        page.click("#examples button[data-example='meetings']")
        page.wait_for_function("() => document.body.dataset.state === 'done'", timeout=20_000)
        page.screenshot(path=str(out / "query-page.png"))
        page.close()
    finally:
        server.terminate()
        server.wait(timeout=10)


def screenshot(build: Path, out: Path) -> list[Path]:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise KgError(f"{CHROMIUM} not found: install it with `apt-get install chromium`")
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as name, sync_playwright() as playwright:
        folder = Path(name)
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        seed_view(browser, build, out, folder)
        view_200(browser, out, folder)
        served_pages(browser, build, out)
        browser.close()
    names = ["graph", "view-200-open", "view-200-search", "view-200-select"]
    return [out / f"{n}.png" for n in [*names, "entity-page", "query-page"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", nargs="?", type=Path, default=Path("output"))
    parser.add_argument("--docs", type=Path, default=Path("docs"))
    args = parser.parse_args()
    try:
        for path in screenshot(args.build, args.docs):
            print(f"wrote {path}")
    except KgError as error:
        sys.exit(f"screenshot: error: {error}")


if __name__ == "__main__":
    main()
