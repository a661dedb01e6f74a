"""The one Streamlit workaround (ui/compat.py) still works and is still needed: a fresh server answering a deep
link shows the navigation. When Streamlit stops needing it, the second test fails and says to remove it."""

from streamlit.runtime.pages_manager import PagesManager

from tests.e2e.live import running_app
from tests.e2e.test_browser import open_page
from ui import compat

NAVIGATION = "[data-testid='stSidebarNav']"  # legacy mode has one too, listing file names: look for app.py's titles


def first_view_has_navigation(page, env: dict | None = None) -> bool:
    with running_app(env=env) as url:  # a fresh server: app.py has not run in it yet
        open_page(page, url, "linear")
        return page.locator(NAVIGATION).get_by_text("Start here", exact=True).count() == 1


def test_a_fresh_servers_deep_link_gets_the_navigation(page):
    assert hasattr(PagesManager, "uses_pages_directory"), "Streamlit moved the flag ui/compat.py switches off"
    assert first_view_has_navigation(page)


def test_the_workaround_is_still_needed(page):
    assert not first_view_has_navigation(page, {compat.DISABLED_ENV: "1"}), (
        "Streamlit now serves a fresh deep link with app.py's navigation by itself: remove ui/compat.py")
