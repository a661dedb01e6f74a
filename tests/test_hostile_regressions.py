"""Issue 9's defects, each as the test that failed before it was fixed (tests/HOSTILE_INPUT.md lists them too)."""

import pytest
from streamlit.testing.v1 import AppTest

import engine
from tests.helpers import APP, messages, navigate, open_page, prediction, rerun
from ui import pins, sentences
from ui.limits import LR_MIN


@pytest.mark.parametrize("query", [{"n": "46"}, {"n": "1000"}, {"data": "sine", "n": "100", "lr": "1"}])
def test_a_valid_setting_that_diverges_is_a_result(query):
    """/linear?n=46 (any n from 46 up) crashed: the divergence advice asked engine.stable_lr, which raised
    LinAlgError on the scan's overflowed matrices. Now the page says what diverged and what to change."""
    at = open_page("linear", **query)
    said = messages(at, "error") + messages(at, "warning")
    data = engine.make_dataset(query.get("data", "line"), int(query["n"]))
    stable = engine.stable_lr(data)
    assert "diverg" in said and f"lower the learning rate below {stable:.4g}" in said


def test_the_linear_sweep_at_50_points_shows_its_theory_line():
    at = open_page("experiments", model="seed_linear", n="50")
    stable = engine.stable_lr(engine.make_dataset("line", 50))
    assert next(m.value for m in at.metric if m.label == "Stable η up to (theory)") == f"{stable:.4g}"


def test_advice_never_names_a_rate_below_the_fields_minimum():
    assert "below 0.13" in sentences.line_advice(0.13)
    tiny = sentences.line_advice(3e-301)  # x near 1e150: the largest stable rate is far below 1e-6
    assert "below the field's minimum" in tiny and f"{LR_MIN:g}" in tiny and "rescale x" in tiny
    assert sentences.net_advice(LR_MIN).startswith("the learning rate is already the field's smallest")
    assert sentences.net_advice(5e-6) == f"lower the learning rate (try {LR_MIN:g})"


@pytest.mark.parametrize(("first", "query", "then"), [("network", {"b": "0,1"}, "linear"),
                                                     ("linear", {"w": "0.5", "lr": "0.5"}, "network")])
def test_moving_between_pages_takes_no_value_along(first, query, then):
    """/network?b=0,1 -> Start -> Linear fit crashed the linear page (b, a list there, a number here, travelled
    with the navigation). Now each page reads only its own address, and a page left behind leaves nothing."""
    at = navigate(rerun(AppTest.from_file(str(APP), default_timeout=60)), first, **query)
    navigate(at, "start")
    navigate(at, then)
    assert prediction(at) == {"linear": "### Prediction at x = 7: 13.7864",
                              "network": "### Prediction at x = 9: 17.9969"}[then]
    assert at.number_input(key="lr").value == 0.01 and not at.warning


@pytest.mark.parametrize("value", ["\n\n# [Log in again](https://ev.il)", "\n\n![x](https://example.com/a.png)",
                                   "\r\r**bold** $x^2$ :red-background[red]", "`` <b>html</b> ``"])
def test_a_link_value_cannot_break_out_of_its_code_span(value):
    """A blank line in a link value ended the code span the warning quoted it in, and the rest rendered as the
    app's own Markdown (a heading linking outside, remote images). Now line breaks are written as \\n."""
    at = open_page("linear", lr=value, mode=value)
    for warning in at.warning:
        assert "\n" not in warning.value and "\r" not in warning.value
    shown = messages(at, "warning")
    assert "`lr=\\n\\n#" in shown or "lr=\\r\\r" in shown or "lr=`` <b>" in shown or "lr=\\n\\n!" in shown


def test_the_batch_size_a_smaller_data_set_forces_is_said_and_kept_in_the_link():
    """n = 4 silently turned batch size 8 into 2 while the link still said 8. Now the change is said, and the
    widget and the link both hold the batch size used, so a fresh session on the link shows the same numbers."""
    at = open_page("linear", n="10", mode="minibatch", batch_size="8")
    at.number_input(key="n").set_value(4).run()
    assert "**Batch size** was 8, outside 1 to 4 (the data has 4 points): using 4." in messages(at, "warning")
    assert at.number_input(key="batch_size").value == 4 and at.query_params["batch_size"] == "4"
    at.number_input(key="n").set_value(10).run()
    assert at.number_input(key="batch_size").value == 4
    fresh = open_page("linear", **dict(at.query_params))
    assert prediction(fresh) == prediction(at)


def test_the_worst_seed_link_is_offered_only_for_data_a_link_can_carry():
    """On typed or uploaded data the link opened a page without that data (and another MSE than promised)."""
    at = open_page("experiments", experiment="Initialization sweep", seeds="3", data="table")
    assert not [m for m in at.markdown if "See the worst seed" in m.value]
    assert any("cannot travel in a link" in c.value for c in at.caption)
    generated = open_page("experiments", experiment="Initialization sweep", seeds="3", data="abs", n="9")
    link = next(m.value for m in generated.markdown if "See the worst seed" in m.value)
    assert "data=abs" in link and "n=9" in link


def test_pins_say_a_reload_loses_them():
    """The pins' text promised they last while the tab is open; a reload loses them (a new session)."""
    assert "a reload" in pins.LASTING and "without them" in pins.LASTING
    at = open_page("experiments", experiment="Pinned runs")
    assert any("reload" in info.value for info in at.info)
