"""Classroom features in real Chromium: a run plays (the counter and the charts advance, then pausing holds
them), and a presenter link shows only the controls it names."""

import re

from tests.e2e.test_browser import assert_clean, open_page, wait_until_idle

COUNTER = re.compile(r"^Epochs trained: (\d+) of (\d+)")


def trained(page) -> int:
    return int(COUNTER.match(page.get_by_text(COUNTER).first.inner_text()).group(1))


def test_playing_a_run_advances_the_counter_and_the_charts_then_pause_holds(page, app_url):
    open_page(page, app_url, "linear?epochs=400")
    loss = page.locator("[data-testid='stVegaLiteChart']").first
    page.get_by_role("button", name="Step one epoch").click()
    page.get_by_text("Epochs trained: 1 of 400").wait_for(timeout=15_000)
    wait_until_idle(page)
    page.wait_for_timeout(500)
    before = loss.screenshot()
    page.get_by_role("button", name="Play", exact=True).click()
    page.get_by_role("button", name="Pause", exact=True).wait_for(timeout=15_000)
    page.wait_for_function("() => /Epochs trained: ([2-9]\\d|\\d{3}) of 400/.test(document.body.innerText)",
                           timeout=30_000)  # 20 or more epochs shown: it advanced by itself
    page.get_by_role("button", name="Pause", exact=True).click()
    page.get_by_role("button", name="Play", exact=True).wait_for(timeout=15_000)
    wait_until_idle(page)
    held = trained(page)
    assert 1 < held < 400
    page.wait_for_timeout(1500)  # paused: nothing moves
    assert trained(page) == held
    assert loss.screenshot() != before
    assert_clean(page)


def test_a_presenter_link_shows_only_the_named_controls(page, app_url):
    open_page(page, app_url, "linear?present=1&show=lr,epochs&epochs=50")
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_label("Learning rate", exact=True).is_visible()
    assert sidebar.get_by_label("Epochs", exact=True).input_value() == "50"
    for hidden in ("Initial w", "Initial b", "Points n"):
        assert not page.get_by_label(hidden, exact=True).is_visible()
    assert not page.get_by_label("Predict at x", exact=True).is_visible()
    visible_inputs = sidebar.locator("input:visible")
    assert visible_inputs.count() == 3  # lr typed, lr slider, epochs
    page.get_by_text("Epochs trained: 50 of 50").wait_for()
    assert_clean(page)


def test_show_all_after_a_step_on_a_link_with_a_bad_epoch_does_not_break_the_fit(page, app_url):
    """/linear?epoch=500, Step one epoch, Show all: the Epoch slider came back inside the charts' fragment,
    re-read the arrival's epoch=500, and wrote its clamp warning outside the fragment, which Streamlit refuses:
    the fit chart became "This app has encountered an error"."""
    for path in ("linear?epoch=500", "network?epoch=-3"):
        open_page(page, app_url, path)
        page.get_by_role("button", name="Step one epoch").click()
        page.get_by_text(re.compile(r"^Epochs trained: 1 of 100")).first.wait_for(timeout=15_000)
        wait_until_idle(page)
        page.get_by_role("button", name="Show all").click()
        page.get_by_text(re.compile(r"^Epochs trained: 100 of 100")).first.wait_for(timeout=15_000)
        wait_until_idle(page)
        page.get_by_text("The fit at one epoch").wait_for(timeout=15_000)
        assert page.get_by_role("slider", name="Epoch").count() == 1
        assert_clean(page)
