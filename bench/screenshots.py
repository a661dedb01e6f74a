"""Screenshot pages of the app in real Chromium at 1280x800.

Usage: .venv/bin/python bench/screenshots.py [--out screenshots] [--full] PAGE [PAGE ...]
PAGE is a URL path with its query, e.g. "" (start), "linear", "linear?lr=0.2". The script starts its own
Streamlit server on a free port and stops it when done.
"""

import argparse
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(port: int) -> subprocess.Popen:
    server = subprocess.Popen(
        [str(ROOT / ".venv/bin/streamlit"), "run", "app.py", "--server.headless", "true", "--server.port", str(port),
         "--browser.gatherUsageStats", "false"],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    for _ in range(100):
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=1)
            return server
        except OSError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("the Streamlit server did not start")


def shoot(pages: list[str], out: Path, full_page: bool) -> list[Path]:
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    server = start_server(port)
    made = []
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path="/usr/bin/chromium", headless=True,
                                                 args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 2600 if full_page else 800})
            # a pages/ folder next to app.py makes Streamlit run a page file on its own (legacy multipage mode)
            # until app.py has run once in this server, so open the root first
            page.goto(f"http://127.0.0.1:{port}/")
            page.wait_for_selector("h1", timeout=20_000)
            for path in pages:
                page.goto(f"http://127.0.0.1:{port}/{path}")
                page.wait_for_selector("[data-testid='stApp']")
                page.wait_for_selector("h1", timeout=20_000)
                try:
                    page.wait_for_selector("canvas, svg.marks", timeout=5_000)
                except Exception:  # noqa: BLE001 - a page without charts is fine
                    pass
                page.wait_for_timeout(1500)  # let the remaining charts finish drawing
                name = re.sub(r"[^A-Za-z0-9_=.-]+", "_", path) or "start"
                target = out / f"{name}.png"
                page.screenshot(path=str(target), full_page=full_page)
                made.append(target)
                print(target, page.url)
            browser.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return made


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pages", nargs="*", default=["", "linear"])
    parser.add_argument("--out", default=str(ROOT / "screenshots"))
    parser.add_argument("--full", action="store_true", help="a 1280x2600 window, to see the whole page")
    arguments = parser.parse_args()
    shoot(arguments.pages, Path(arguments.out), arguments.full)
    sys.exit(0)
