"""Take the README's picture of the seed graph: render the build folder's graph view in headless
Debian Chromium (network off) and save docs/graph.png.

    .venv/bin/python scripts/screenshot.py [BUILD_FOLDER (default output/)] [-o docs/graph.png]

The page is written fresh from the folder's graph (kg.view.write_view), so the picture shows the
current view code even if graph.html in the folder is older.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from kg.errors import KgError
from kg.store import load_dataset
from kg.view import HEADLESS_CHROMIUM, HEADLESS_CHROMIUM_ARGS, write_view

CHROMIUM = Path(HEADLESS_CHROMIUM)
CHROMIUM_ARGS = list(HEADLESS_CHROMIUM_ARGS)


def screenshot(build: Path, out: Path, *, width: int = 1400, height: int = 860) -> Path:
    from playwright.sync_api import sync_playwright

    if not CHROMIUM.exists():
        raise KgError(f"{CHROMIUM} not found: install it with `apt-get install chromium`")
    with tempfile.TemporaryDirectory() as folder:
        page_path = write_view(
            load_dataset(build),
            Path(folder) / "graph.html",
            heading="Knowledge graph of the seed article",
        )
        url = page_path.resolve().as_uri()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            # Twice the pixels, so that labels stay sharp when the README scales the picture.
            page = browser.new_page(
                viewport={"width": width, "height": height}, device_scale_factor=2
            )
            page.route("**/*", lambda r: r.continue_() if r.request.url == url else r.abort())
            page.goto(url)
            page.wait_for_function("() => window.kgReady === true", timeout=30_000)
            # Fit the connected part (isolated entities go to the bottom rows of the layout)
            # so that names are readable, and show a tooltip as a reader would see it.
            page.evaluate(
                """() => {
                    const ids = kg.nodes.getIds().filter(
                        id => kg.network.getConnectedNodes(id).length > 0);
                    kg.network.fit({nodes: ids, animation: false});
                }"""
            )
            page.wait_for_timeout(300)
            out.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(out))
            browser.close()
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("build", nargs="?", type=Path, default=Path("output"))
    parser.add_argument("-o", "--out", type=Path, default=Path("docs/graph.png"))
    args = parser.parse_args()
    try:
        print(f"wrote {screenshot(args.build, args.out)}")
    except KgError as error:
        sys.exit(f"screenshot: error: {error}")


if __name__ == "__main__":
    main()
