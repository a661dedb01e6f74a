"""Browser fixtures: a live app and headless Chromium. Without a browser the tests skip, with a reason,
unless E2E_REQUIRED=1 (set by .ci/run after it installs Chromium): then a missing browser fails."""

import os
import re

import pytest

from tests.e2e.live import launch, running_app

REQUIRED = os.environ.get("E2E_REQUIRED") == "1"


def _unavailable(reason: str):
    if REQUIRED:
        pytest.fail(f"E2E_REQUIRED=1 but {reason}")
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("playwright is not installed (pip install -r requirements-dev.txt)")
    with sync_playwright() as playwright:
        try:
            chromium = launch(playwright)
        except Exception as problem:  # noqa: BLE001 - any launch failure means no browser here
            _unavailable(f"no Chromium could be launched ({str(problem).splitlines()[0]}); "
                         "install Debian's chromium or run `playwright install chromium`")
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def app_url():
    with running_app() as base:
        yield base


# Streamlit's frontend probes these relative to a page's path (/linear/_stcore/health) before the root
STREAMLIT_PROBES = re.compile(r"/[^/]+/_stcore/(health|host-config)$")


def watch(tab):
    """Collect JavaScript errors, console errors and failed requests on `tab.errors`."""
    tab.errors = []
    tab.on("pageerror", lambda error: tab.errors.append(f"pageerror: {error}"))
    tab.on("console", lambda message: message.type == "error" and not message.text.startswith(
        "Failed to load resource") and tab.errors.append(f"console: {message.text}"))
    tab.on("requestfailed", lambda request: tab.errors.append(f"request failed: {request.url} {request.failure}"))
    tab.on("response", lambda response: response.status >= 400 and not STREAMLIT_PROBES.search(response.url)
           and tab.errors.append(f"HTTP {response.status}: {response.url}"))


@pytest.fixture
def page(browser, app_url):
    """A fresh browser context at 1280x800, its errors collected on `page.errors` (see `watch`)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    tab = context.new_page()
    watch(tab)
    yield tab
    context.close()
