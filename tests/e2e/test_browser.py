"""The real app in real Chromium: pages draw, controls update charts, links and downloads work."""

import io
import re
import subprocess
import sys

import pandas as pd
import pytest

import engine

CHART = "[data-testid='stVegaLiteChart'] canvas, [data-testid='stVegaLiteChart'] svg.marks"
EQUATION = ".katex"
# each page and what it must draw: charts, or (the backprop page) equations
PAGES = {"": "[data-testid='stPageLink']", "linear": CHART, "network": CHART, "backprop": EQUATION,
         "experiments": CHART}


def open_page(page, app_url, path, charts=True):
    page.goto(f"{app_url}/{path}")
    page.wait_for_selector("h1", timeout=30_000)
    if charts:
        page.wait_for_selector(PAGES[path.split("?")[0]], timeout=30_000)
    wait_until_idle(page)


def wait_until_idle(page):
    """Wait for the script run to finish (Streamlit shows a running indicator meanwhile)."""
    page.wait_for_timeout(300)
    page.wait_for_function("() => !document.querySelector('[data-testid=\"stStatusWidget\"]')", timeout=30_000)


def prediction(page):
    return page.get_by_text(re.compile(r"^Prediction at x = ")).first.inner_text()


def assert_clean(page):
    assert page.locator("[data-testid='stException']").count() == 0
    assert page.errors == []


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_with_charts_and_no_error(page, app_url, path):
    open_page(page, app_url, path)
    assert page.locator("[data-testid='stSidebarNav']").get_by_text("Linear fit").count() == 1
    assert page.locator(PAGES[path]).count() >= 1
    assert_clean(page)


def test_typing_a_learning_rate_updates_the_results_and_the_link(page, app_url):
    open_page(page, app_url, "linear")
    assert prediction(page) == "Prediction at x = 7: 13.7864"
    field = page.get_by_label("Learning rate", exact=True)
    field.fill("0.02")
    field.press("Enter")
    expected = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.02, 100).predict(7)
    page.get_by_text(f"Prediction at x = 7: {expected:.4f}").wait_for(timeout=15_000)
    assert "lr=0.02" in page.url
    assert_clean(page)


def test_moving_a_slider_updates_the_chart(page, app_url):
    open_page(page, app_url, "linear")
    slider = page.locator("[data-testid='stSlider']").filter(has_text="Epoch")
    fit = page.locator("[data-testid='stVegaLiteChart'][aria-label^='The line']")  # the fit at the scrubbed epoch
    before, picture = slider.locator("[data-testid='stSliderThumbValue']").inner_text(), fit.screenshot()
    slider.get_by_role("slider").focus()
    page.keyboard.press("Home")  # to epoch 0
    wait_until_idle(page)
    page.wait_for_timeout(500)
    assert slider.locator("[data-testid='stSliderThumbValue']").inner_text() != before
    assert "epoch=" in page.url
    assert fit.screenshot() != picture
    assert_clean(page)


@pytest.mark.parametrize(("path", "panel", "heading"), [("linear", "w and b over epochs", "Chart of parameter value"),
                                                        ("network", "Every parameter over epochs", "Input weights")])
def test_a_tab_opens_into_the_link_and_back_closes_it(page, app_url, path, panel, heading):
    open_page(page, app_url, path)
    charts = page.locator("[data-testid='stVegaLiteChart']")
    shown = charts.count()
    page.get_by_role("tab", name=panel).click()
    page.locator(f"[data-testid='stVegaLiteChart'][aria-label^='{heading}']").first.wait_for(timeout=15_000)
    assert "panel=" in page.url
    page.go_back()
    page.wait_for_function("() => !location.search.includes('panel=')", timeout=15_000)
    wait_until_idle(page)
    assert page.locator(f"[data-testid='stVegaLiteChart'][aria-label^='{heading}']").count() == 0
    assert charts.count() == shown
    assert_clean(page)


def test_a_scenario_link_on_the_start_page_lands_with_its_settings(page, app_url):
    open_page(page, app_url, "")
    page.get_by_role("link", name=re.compile("Open")).nth(1).click()
    page.wait_for_url(re.compile(r"/linear\?.*lr=0\.2"), timeout=15_000)
    page.get_by_role("button", name="Skip").click()  # the scenario asks for a prediction first (quiz=too_large)
    page.wait_for_selector(CHART, timeout=30_000)
    wait_until_idle(page)
    assert page.get_by_label("Learning rate", exact=True).input_value() == "0.2"
    assert_clean(page)


def test_a_share_link_reproduces_the_view(page, app_url):
    open_page(page, app_url, "linear?lr=0.02&epochs=50&w=1&x=9")
    run = engine.train(engine.Linear(w=1.0), engine.make_dataset("line", 4), 0.02, 50)
    assert prediction(page) == f"Prediction at x = 9: {run.predict(9):.4f}"
    assert page.get_by_label("Epochs", exact=True).input_value() == "50"
    assert_clean(page)


def test_the_history_download_is_a_csv_of_the_run(page, app_url):
    open_page(page, app_url, "linear")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Download history")).click()
    frame = pd.read_csv(io.BytesIO(open(download.value.path(), "rb").read()))
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 100)
    assert list(frame.columns) == list(run.history.columns)
    assert frame.loss.to_numpy() == pytest.approx(run.history.loss.to_numpy(), rel=1e-12)
    assert_clean(page)


def test_the_script_download_reproduces_the_prediction(page, app_url, tmp_path):
    open_page(page, app_url, "network")
    with page.expect_download() as download:
        page.get_by_role("button", name=re.compile("Download script")).click()
    script = tmp_path / download.value.suggested_filename
    download.value.save_as(script)
    printed = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, timeout=60, check=True)
    assert "17.9969" in printed.stdout  # the seed net's prediction at x = 9, made by the script itself
    assert_clean(page)
