"""One student in a real browser: how long a change to a settled page takes to show, per page.

    python bench/browser_latency.py [--changes 5] [--pages linear,network,backprop,experiments] [--url URL]

Starts `streamlit run app.py` on a free loopback port (or uses --url, e.g. the HAProxy deployment) and one
headless Chromium (Debian's, with the arguments of tests/e2e/live.py). On each page, once it has settled
(its field drawn, nothing stale, no run going, then a second's pause for the charts), it types a new value
into the page's field (linear, network: the learning rate; backprop: the epoch; experiments: the epochs),
presses Enter and times until the page shows that value's result (the prediction engine.train gives, the
epoch's heading, the sweep's caption) and no element is still marked stale by the rerun (every chart has its
new data). Prints the median and the largest of --changes changes per page. A measurement, not a test:
nothing is asserted (the issue's target is at most 0.5 s). One browser and one server share this machine's
cores; nothing else runs.
"""

import argparse
import contextlib
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

import engine  # noqa: E402
from tests.e2e.live import launch, running_app  # noqa: E402


def prediction(model, points: int, x: int):
    """The prediction line a page shows for a learning rate (its other settings at their defaults)."""
    data = engine.make_dataset("line", points)
    return lambda lr: f"Prediction at x = {x}: {engine.train(model, data, lr, 100).predict(x):.4f}"


# page -> (the field's label, the k-th new value, the text that shows the result of a value). The learning rates
# are far enough apart for every prediction to differ in its 4 decimals (near 0.01 the net's do not).
PAGES = {
    "linear": ("Learning rate", lambda k: round(0.002 + 0.001 * k, 6), prediction(engine.Linear(), 4, 7)),
    "network": ("Learning rate", lambda k: round(0.002 + 0.001 * k, 6), prediction(engine.MLP(), 5, 9)),
    "backprop": ("Epoch (from 0)", lambda k: 3 + 7 * k, lambda v: f"Sample 0 of epoch {v}:"),
    "experiments": ("Epochs", lambda k: 110 + 10 * k, lambda v: f"Each dot is one run of {v} epochs"),
}

IDLE = """!document.querySelector('[data-testid="stElementContainer"][data-stale="true"]')
    && !document.querySelector('[data-testid="stStatusWidgetRunningIcon"]')"""
TEXTS = '[data-testid="stMarkdownContainer"], [data-testid="stCaptionContainer"]'  # markdown, headings, captions
LINES = f"[...document.querySelectorAll('{TEXTS}')].map(e => e.innerText)"
SHOWN = f"text => {LINES}.some(line => line.includes(text)) && {IDLE}"  # the result is in, nothing stale or running


def settle(tab, field) -> None:
    """Wait until the page is drawn and idle: its field visible, nothing stale, no run going, a second's pause."""
    field.wait_for(timeout=60_000)
    tab.wait_for_function(f"() => {IDLE}", timeout=60_000)
    time.sleep(1.0)


def measure(browser, base: str, page: str, changes: int) -> list[float]:
    """Seconds from Enter to the new result shown, for `changes` new values typed into `page`'s field."""
    label, value_of, text_of = PAGES[page]
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        tab = context.new_page()
        tab.goto(f"{base}/{page}", timeout=60_000)
        field = tab.get_by_label(label, exact=True)
        times = []
        for k in range(changes):
            settle(tab, field)
            value = value_of(k)
            field.fill(str(value))
            start = time.perf_counter()
            field.press("Enter")
            tab.wait_for_function(SHOWN, arg=text_of(value), timeout=60_000, polling="raf")
            times.append(time.perf_counter() - start)
        return times
    finally:
        context.close()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--changes", type=int, default=5)
    parser.add_argument("--pages", default=",".join(PAGES))
    parser.add_argument("--url", help="measure this running app (e.g. the HAProxy deployment) instead of starting one")
    arguments = parser.parse_args()
    pages = [page for page in arguments.pages.split(",") if page]
    if unknown := set(pages) - set(PAGES):
        parser.error(f"unknown pages {unknown}; choose from {', '.join(PAGES)}")
    server = contextlib.nullcontext(arguments.url.rstrip("/")) if arguments.url else running_app()
    with server as base, sync_playwright() as playwright:
        browser = launch(playwright)
        print(f"one Chromium user at {base}: Enter -> the new result shown and nothing stale, "
              f"{arguments.changes} changes per page (target at most 0.5 s)")
        for page in pages:
            times = measure(browser, base, page, arguments.changes)
            print(f"{page:12} median {statistics.median(times):5.2f} s   max {max(times):5.2f} s   "
                  f"({', '.join(f'{t:.2f}' for t in times)})", flush=True)
        browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
