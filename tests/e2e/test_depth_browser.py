"""Deeper nets in real Chromium: a 3-layer network page with its gradient flow, and the backprop page's computation
graph stepping from one sample to the next. Screenshots go to the test's tmp directory (and are checked to be
drawn: not blank)."""

import re

import engine
from tests.e2e.test_browser import CHART, assert_clean, open_page, prediction, wait_until_idle

GRAPH = "[data-testid='stGraphVizChart'] svg"


def graph_lines(page) -> list[str]:
    """The drawn graph's text, one SVG text element a line."""
    return page.locator(GRAPH).first.evaluate("svg => [...svg.querySelectorAll('text')].map(t => t.textContent)")


def test_a_three_layer_network_page_draws_its_layers_and_gradient_flow(page, app_url, tmp_path):
    open_page(page, app_url, "network?layers=4,3,2&activation=tanh&init=xavier&init_seed=2&epochs=60")
    assert page.locator("h1").first.inner_text() == "A network with 3 hidden layers of 4, 3, 2 tanh units"
    net = engine.Network.init((4, 3, 2), "xavier", 2, "tanh")
    run = engine.train(net, engine.make_dataset("line", 5), 0.01, 60)
    assert prediction(page) == f"Prediction at x = 9: {run.predict(9):.4f}"
    assert page.get_by_text("Layer 3", exact=True).count() == 1  # one activity map per hidden layer
    page.get_by_role("tab", name="Gradient flow").click()
    page.locator("[data-testid='stVegaLiteChart'][aria-label^='Each layer']").first.wait_for(timeout=15_000)
    wait_until_idle(page)
    assert "panel=Gradient+flow" in page.url or "panel=Gradient%20flow" in page.url
    assert page.get_by_text(re.compile(r"^(Vanishing gradients|Exploding gradients|No vanishing)")).count() == 1
    assert page.locator(CHART).count() >= 3
    page.get_by_role("button", name="Continue training from here").click()  # outside the charts' fragment
    page.wait_for_function("() => location.search.includes('init=typed')", timeout=15_000)
    wait_until_idle(page)
    assert page.get_by_label("Layer 1 weights (4 x 1, row by row)").input_value() == ",".join(
        repr(float(w)) for w in run.model.weight_arrays()[0].ravel())
    shot = tmp_path / "network_3_layers.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 50_000  # a drawn page, not a blank one
    assert_clean(page)


def test_the_computation_graph_of_a_deep_net_steps_with_the_sample(page, app_url, tmp_path):
    open_page(page, app_url, "network?layers=5,2&activation=relu")  # sets this session's network-page run
    page.get_by_role("link", name="Backprop by hand").click()
    page.wait_for_selector(".katex", timeout=30_000)
    page.get_by_text("network-page", exact=True).click()
    wait_until_idle(page)
    assert "step_model=network-page" in page.url
    page.get_by_text("The computation graph of this update").click()
    graph = page.locator(GRAPH).first
    graph.wait_for(timeout=30_000)
    text = graph_lines(page)
    assert "layer 1: 5 relu units" in text  # the wide layer as one node ...
    assert "z1_1 (followed)" in text and "z2_2" in text and "L = e²" in text  # ... its followed unit, the rest apart
    shot = tmp_path / "graph.png"
    graph.screenshot(path=str(shot))
    assert shot.stat().st_size > 10_000
    before = text
    page.get_by_role("button", name="Next").click()
    page.wait_for_function("() => new URLSearchParams(location.search).get('step_sample') === '1'", timeout=15_000)
    wait_until_idle(page)
    page.locator(GRAPH).first.wait_for(timeout=30_000)
    after = graph_lines(page)
    assert after != before  # the next sample's values
    assert after[after.index("x (input)") + 1] == "value 2"  # x of sample 1 is 2
    assert_clean(page)
