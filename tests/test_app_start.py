"""AppTest of the navigation (app.py) and the start page's scenarios."""

import re

import numpy as np
from streamlit.testing.v1 import AppTest

import engine
from tests.helpers import APP, ROOT, open_page
from ui import lesson
from ui.link import KEYS, Link
from ui.scenarios import SCENARIOS


def test_start_page_runs_and_offers_scenarios():
    # the start page's links name other pages, so it runs inside the navigation (it is app.py's default page)
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception, at.exception
    titles = [m.value for m in at.markdown if re.match(r"\*\*\d+ · ", m.value)]
    assert len(titles) == len(SCENARIOS) == 12


def test_app_navigation_runs():
    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Backprop Playground"


def test_scenario_links_use_documented_keys_and_valid_values():
    for scenario in SCENARIOS:
        assert (ROOT / scenario.page).exists()
        assert set(scenario.params) <= set(KEYS), scenario.title
        if "data" in scenario.params:
            assert scenario.params["data"] in engine.KINDS


def test_every_scenario_opens_its_page_without_errors():
    for scenario in SCENARIOS:
        at = AppTest.from_file(str(ROOT / scenario.page), default_timeout=60)
        for key, value in scenario.params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, scenario.title
        assert not at.warning or scenario.params.get("lr") == "0.2", [w.value for w in at.warning]


def test_too_large_scenario_diverges_on_the_linear_page():
    at = AppTest.from_file(str(ROOT / "pages" / "linear.py"), default_timeout=30)
    at.query_params["lr"] = "0.2"
    at.run()
    assert any("diverging" in w.value for w in at.warning)


def test_every_setting_in_the_address_uses_a_documented_key(monkeypatch):
    used = set()
    write, passive = Link._write, Link.passive_value
    monkeypatch.setattr(Link, "_write", lambda self, key, *args: used.add(key) or write(self, key, *args))
    monkeypatch.setattr(Link, "passive_value", lambda self, key, *args: used.add(key) or passive(self, key, *args))
    views = [("start", {}), ("linear", {"mode": "minibatch", "present": "1", "show": "lr", "quiz": "too_large"}),
             ("network", {"init": "he", "mode": "minibatch", "quiz": "dead_unit"}), ("network", {}),
             ("network", {"layers": "4,4", "init": "typed", "panel": "Every parameter over epochs"}),
             ("network", {"layers": "2,5", "panel": "Gradient flow"}),
             ("backprop", {"step_check": "true"}), ("experiments", {"model": "net"}),
             ("experiments", {"experiment": "Initialization sweep"}), ("experiments", {"experiment": "Pinned runs"})]
    for name, query in views:
        open_page(name, **query)
    assert {"lr", "epochs", "mode", "batch_size", "hidden", "init_seed", "step_check", "experiment", "lesson",
            "present", "quiz", "model", "seeds"} <= used  # every kind of page and setting was seen
    assert used <= set(KEYS), used - set(KEYS)


# ---- the guided lesson ---------------------------------------------------------------------------------

def lesson_link(at: AppTest):
    return next(link.proto for link in at.get("page_link") if link.proto.label == "Open this step")


def lesson_heading(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("##### Step"))


def test_lesson_steps_through_every_scenario_in_order_and_stops_at_the_ends():
    from urllib.parse import parse_qsl

    from ui.lesson import LESSON

    at = AppTest.from_file(str(APP), default_timeout=30).run()
    assert at.button(key="lesson_previous").disabled  # stops at the first step
    for number, step in enumerate(LESSON, start=1):
        assert lesson_heading(at).startswith(f"##### Step {number} of {len(LESSON)}:")
        assert any(step.question in m.value for m in at.markdown) and any(step.notice in m.value for m in at.markdown)
        link = lesson_link(at)
        assert link.page == step.scenario.page.removeprefix("pages/").removesuffix(".py")  # the scenario's page ...
        assert dict(parse_qsl(link.query_string)) == step.scenario.params  # ... with its settings
        assert at.query_params.get("lesson", ["1"]) in (str(number), [str(number)])
        if number < len(LESSON):
            at.button(key="lesson_next").click().run()
            assert not at.exception, at.exception
    assert at.button(key="lesson_next").disabled  # stops at the last step
    at.button(key="lesson_previous").click().run()
    assert lesson_heading(at).startswith(f"##### Step {len(LESSON) - 1} of")
    assert at.number_input(key="lesson").value == len(LESSON) - 1


def test_lesson_link_opens_at_its_step_and_a_bad_step_warns():
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params["lesson"] = "3"
    at.run()
    assert lesson_heading(at).startswith("##### Step 3 of 5: The seed's ReLU net")
    assert lesson_link(at).page == "network"
    at = AppTest.from_file(str(APP), default_timeout=30)
    at.query_params["lesson"] = "9"
    at.run()
    assert not at.exception, at.exception
    assert any("lesson=9" in w.value for w in at.warning)
    assert lesson_heading(at).startswith("##### Step 1 of 5")


def test_the_first_scenarios_and_the_lesson_say_what_their_runs_show():
    """Card 1 said gradient descent 'finds y = 2x' and lesson step 1 that 'w reaches 2 early while b creeps toward
    0'; step 4 that 'both units bend the fit'; card 6 that the sigmoid net 'barely fits' the sine."""
    line = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 100).history
    assert f"w = {line['w'].iloc[-1]:.4f}, b = {line['b'].iloc[-1]:.4f}" in SCENARIOS[0].blurb
    first = lesson.LESSON[0].notice
    assert (f"passes 1.9 only at epoch {int(line[line['w'] > 1.9]['epoch'].min())}" in first
            and f"climbs to {line['b'].max():.2f}" in first and f"({line['b'].iloc[-1]:.2f} after 100 epochs)" in first)
    revived = engine.train(engine.MLP(b=(0.0, 1.0)), engine.make_dataset("line", 5), 0.01, 100)
    kinks = revived.model.kinks()
    assert all(k < 1 or k > 5 for k in kinks) and "both kinks end outside the data" in lesson.LESSON[3].notice
    assert (revived.history[["w_2", "b_2", "v_2"]].nunique() > 1).all()  # unit 2 learns
    sine = engine.make_dataset("sine", 20)
    deep = engine.train(engine.Network.init((8, 8, 8, 8), "xavier", 0, "sigmoid"), sine, 0.01, 300)
    assert deep.final_mse >= 0.95 * np.var(sine.y) and "does not fit the sine" in SCENARIOS[5].blurb
    assert engine.flow_ratio(deep) < 1 / 100  # "hundreds of times smaller"


def test_every_scenario_link_is_the_address_its_page_writes():
    """A card whose link carried defaults (activation=relu) or 1 for 1.0 was rewritten on arrival, and the
    rewrite added a browser history entry: Back stayed on the same page once."""
    for scenario in SCENARIOS:
        at = open_page(scenario.page.split("/")[1].removesuffix(".py"), **scenario.params)
        assert dict(at.query_params) == scenario.params, scenario.title
