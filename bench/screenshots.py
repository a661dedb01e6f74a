"""Screenshot pages of the app in real Chromium at 1280x800, to look at.

Usage: python bench/screenshots.py [--out screenshots] [--full] PAGE [PAGE ...]
PAGE is a URL path with its query, e.g. "" (start), "linear", "linear?lr=0.2". The script starts its own
Streamlit server on a free port and stops it when done. With no PAGE, every page at its defaults.
"""

import argparse
import re
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.e2e.live import launch, running_app  # noqa: E402

ALL_PAGES = ["", "linear", "network", "backprop", "experiments"]


def settle(page) -> None:
    """Wait until the script run has finished and the charts have drawn."""
    page.wait_for_selector("h1", timeout=30_000)
    page.wait_for_timeout(500)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')"
                           " && !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=60_000)
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')]"
        ".every(chart => chart.querySelector('canvas, svg.marks'))", timeout=30_000)
    page.wait_for_timeout(800)  # let Vega finish its transitions


def shoot(pages: list[str], out: Path, full_page: bool, dark: bool = False) -> list[Path]:
    """Save a PNG of each page into `out`; return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    made = []
    with running_app() as base, sync_playwright() as playwright:
        browser = launch(playwright)
        # Streamlit scrolls inside its own container, so a whole page needs a tall window
        page = browser.new_page(viewport={"width": 1280, "height": 3000 if full_page else 800},
                                color_scheme="dark" if dark else "light")
        for path in pages:
            page.goto(f"{base}/{path}")
            settle(page)
            target = out / f"{re.sub(r'[^A-Za-z0-9_=.-]+', '_', path) or 'start'}{'-dark' if dark else ''}.png"
            page.screenshot(path=str(target))
            made.append(target)
            print(target, page.url)
        browser.close()
    return made


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=ALL_PAGES)
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--full", action="store_true", help="a 1280x3000 window: the whole page, not the first 800 px")
    parser.add_argument("--dark", action="store_true", help="a browser that prefers dark: the app's dark theme")
    arguments = parser.parse_args()
    shoot(arguments.pages, Path(arguments.out), arguments.full, arguments.dark)
