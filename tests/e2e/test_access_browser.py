"""Reach everyone, in real Chromium: the lesson and a slider work from the keyboard alone, the dark theme draws the
linear page without errors, and each chart's numbers open as a table."""

import re

import pytest

from tests.e2e.conftest import watch
from tests.e2e.test_browser import CHART, assert_clean, open_page, wait_until_idle


def tab_to(page, locator, limit: int = 80) -> None:
    """Press Tab until `locator` has the keyboard focus (fails after `limit` presses)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if locator.evaluate("element => element === document.activeElement"):
            return
    raise AssertionError(f"Tab never reached {locator}")


def test_lesson_next_works_from_the_keyboard(page, app_url):
    open_page(page, app_url, "")
    page.get_by_text("Step 1 of 5").wait_for()
    tab_to(page, page.get_by_role("button", name=re.compile("Next")))
    page.keyboard.press("Enter")
    page.get_by_text("Step 2 of 5").wait_for(timeout=15_000)
    assert "lesson=2" in page.url
    link = page.get_by_role("link", name=re.compile("Open this step"))
    assert "lr=0.2" in link.get_attribute("href")
    assert_clean(page)


def test_a_slider_moves_from_the_keyboard(page, app_url):
    open_page(page, app_url, "linear")
    slider = page.locator("[data-testid='stSlider']").filter(has=page.get_by_text("Epoch", exact=True))
    value = slider.locator("[data-testid='stSliderThumbValue']")
    before = value.inner_text()
    tab_to(page, slider.get_by_role("slider"), limit=150)
    for key, expected in (("ArrowLeft", int(before) - 1), ("ArrowRight", int(before))):
        page.keyboard.press(key)
        wait_until_idle(page)
        page.wait_for_timeout(500)
        assert int(value.inner_text()) == expected, key
    assert_clean(page)


def test_a_charts_numbers_open_as_a_table(page, app_url):
    open_page(page, app_url, "linear?numbers=true")
    page.get_by_text("Numbers behind this chart").first.click()
    page.locator("[data-testid='stExpander'] [data-testid='stDataFrame']").first.wait_for(timeout=15_000)
    assert page.locator("[data-testid='stVegaLiteChart'][aria-label^='Chart of']").count() >= 1
    assert_clean(page)


@pytest.fixture
def dark_page(browser, app_url):
    """A fresh context whose browser prefers a dark color scheme (as a projector laptop set to dark would)."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    tab = context.new_page()
    watch(tab)
    yield tab
    context.close()


def test_dark_theme_draws_the_linear_page_without_errors(dark_page, app_url):
    open_page(dark_page, app_url, "linear")
    background = dark_page.evaluate(
        "() => getComputedStyle(document.querySelector('[data-testid=\"stApp\"]')).backgroundColor")
    assert background == "rgb(14, 17, 23)"  # [theme.dark]'s backgroundColor
    # the loss, the fit and the open tab's loss surface (the other tab is built only when opened)
    assert dark_page.locator(CHART).count() >= 3
    assert_clean(dark_page)
