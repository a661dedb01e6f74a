"""The optimizer race in real Chromium: its curves, its paths on the loss surface and its sweep draw, picking another
optimizer puts it in the link, and the screenshot is a drawn page."""

from tests.e2e.test_browser import CHART, assert_clean, open_page, wait_until_idle


def test_the_optimizer_race_draws_and_takes_another_racer(page, app_url, tmp_path):
    open_page(page, app_url, "experiments?experiment=Optimizer+race&data=line&n=20&b=5&lr=0.004&mode=batch")
    page.wait_for_function(f"() => document.querySelectorAll(\"{CHART}\").length >= 3", timeout=30_000)
    assert page.get_by_text("reached an MSE below").count() == 1
    page.locator("[data-testid='stMultiSelect'] input").first.click()
    page.get_by_role("option", name="RMSprop").click()
    page.keyboard.press("Escape")
    page.wait_for_function("() => location.search.includes('RMSprop')", timeout=15_000)
    wait_until_idle(page)
    assert page.locator(CHART).count() >= 3
    assert page.get_by_text("RMSprop: ").count() == 1  # the sweep's facts name the new racer
    shot = tmp_path / "race.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000
    assert_clean(page)
