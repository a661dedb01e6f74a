"""AppTest of pages/experiments.py and ui/pins: sweeps show the engine's numbers, controls rerun, pins overlay."""

import numpy as np
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

import engine
from tests import helpers
from ui import pins

SWEEP, INIT, PINNED = "Learning-rate sweep", "Initialization sweep", "Pinned runs"
SEED_DATA = engine.make_dataset("line", 5)
DEFAULT_LRS = np.geomspace(1e-4, 10.0, 200)


def open_page(tab: str | None = None, state: dict | None = None, **query) -> AppTest:
    """The experiments page with tab `tab` open (the URL key `experiment`)."""
    return helpers.open_page("experiments", state=state, **({"experiment": tab} if tab else {}), **query)


def metric(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def linear_pin(lr: float, epochs: int = 100) -> engine.RunSpec:
    return engine.RunSpec(engine.Linear(), engine.make_dataset("line", 4), lr, epochs)


# ---- learning-rate sweep ---------------------------------------------------------------------------


def test_lr_sweep_at_defaults_shows_the_seed_nets_divergence():
    """Diverged: overflowed, or ended with an MSE over 10 times the start's (rates near 1.5 end at 1e40 to 1e300
    without overflowing, and were counted as fine)."""
    expected = engine.sweep(engine.MLP(), SEED_DATA, DEFAULT_LRS, 100)
    diverged = pd.Series(helpers.diverged_rates(engine.MLP(), SEED_DATA, DEFAULT_LRS, 100))
    assert diverged.sum() > expected["diverged_at"].notna().sum()  # some grew huge without overflowing
    assert 0 < diverged.sum() < 200 and diverged.iloc[-1]  # the largest rates diverge, the small ones do not
    at = open_page()
    assert metric(at, "Rates diverged") == f"{diverged.sum()} of 200"
    assert metric(at, "Smallest diverged η") == f"{expected.lr[diverged].min():.4g}"
    assert any(f"{diverged.sum()} of 200 rates diverged" in c.value for c in at.caption)
    assert len(at.get("vega_lite_chart")) == 1
    assert not at.error and not at.warning


def test_lr_sweep_of_the_linear_model_shows_the_theory_stable_lr():
    at = open_page()
    at.radio(key="model").set_value("seed_linear").run()
    assert not at.exception, at.exception
    stable = engine.stable_lr(SEED_DATA, "sgd")
    assert metric(at, "Stable η up to (theory)") == f"{stable:.4g}"
    diverged = helpers.diverged_rates(engine.Linear(), SEED_DATA, DEFAULT_LRS, 100)
    assert metric(at, "Rates diverged") == f"{diverged.sum()} of 200"
    assert np.asarray(DEFAULT_LRS)[diverged].min() > stable  # nothing diverges below the theory


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        ("radio", "model", "net"),
        ("radio", "model", "seed_linear"),
        ("number_input", "lr_min", 0.001),
        ("number_input", "lr_max", 1.0),
        ("number_input", "rates", 20),
        ("selectbox", "data", "sine"),
        ("number_input", "n", 9),
        ("number_input", "noise", 0.5),
        ("number_input", "seed", 3),
        ("number_input", "epochs", 30),
        ("radio", "mode", "batch"),
        ("radio", "mode", "minibatch"),
    ],
)
def test_every_lr_sweep_control_reruns(kind, key, value):
    at = open_page()
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception, at.exception
    assert metric(at, "Rates diverged").count(" of ") == 1


@pytest.mark.parametrize(
    ("key", "value"), [("hidden", 5), ("activation", "leaky_relu"), ("init", "xavier"), ("init_seed", 7)])
def test_every_net_control_reruns(key, value):
    at = open_page(model="net")
    widget = at.selectbox(key=key) if key == "activation" else (
        at.radio(key=key) if key == "init" else at.number_input(key=key))
    widget.set_value(value).run()
    assert not at.exception, at.exception
    assert metric(at, "Rates diverged").count(" of ") == 1


def test_lr_range_upside_down_and_work_cap_are_messages():
    at = open_page(lr_min="1", lr_max="0.1")
    assert any("must be below" in e.value for e in at.error)
    at = open_page(rates="1000", n="1000", data="noisy_line", epochs="100")
    assert any("cap" in e.value and "learning rates" in e.value for e in at.error)


# ---- initialization sweep --------------------------------------------------------------------------


def test_init_sweep_counts_equal_the_engines():
    table = engine.init_sweep(SEED_DATA, 2, "he", range(50), "relu", 0.01, 100)
    dead_end, dead_start = int((table.dead_at_end > 0).sum()), int((table.dead_at_start > 0).sum())
    at = open_page(INIT)
    assert metric(at, "A unit dead at the end") == f"{dead_end} of 50"
    assert metric(at, "A unit dead at the start") == f"{dead_start} of 50"
    assert any(f"In **{dead_end} of 50 seeds** at least one unit ends dead" in m.value for m in at.markdown)
    assert len(at.get("vega_lite_chart")) == 2


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        ("number_input", "seeds", 10),
        ("number_input", "hidden", 4),
        ("selectbox", "activation", "tanh"),
        ("radio", "init", "uniform"),
        ("number_input", "lr", 0.05),
        ("number_input", "epochs", 20),
        ("selectbox", "data", "abs"),
    ],
)
def test_every_init_sweep_control_reruns(kind, key, value):
    at = open_page(INIT)
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception, at.exception
    assert metric(at, "Diverged").endswith(" of " + str(value if key == "seeds" else 50))


def test_init_sweep_link_sets_the_result():
    at = open_page(INIT, seeds="12", init="xavier", hidden="3")
    table = engine.init_sweep(SEED_DATA, 3, "xavier", range(12), "relu", 0.01, 100)
    assert metric(at, "A unit dead at the end") == f"{int((table.dead_at_end > 0).sum())} of 12"


# ---- pins ------------------------------------------------------------------------------------------


def test_add_dedupes_renames_and_caps():
    kept, message = pins.add([], "run", linear_pin(0.01))
    assert len(kept) == 1 and "Pinned" in message
    again, message = pins.add(kept, "other name", linear_pin(0.01))
    assert again == kept and "already pinned" in message
    kept, _ = pins.add(kept, "run", linear_pin(0.02))
    assert [pin.label for pin in kept] == ["run", "run (2)"]
    for k in range(pins.MAX_PINS):
        kept, message = pins.add(kept, f"run {k}", linear_pin(0.001 * (k + 3)))
    assert len(kept) == pins.MAX_PINS and "unpinned" in message
    assert kept[0].label == "run 0"  # the two oldest were dropped


def test_pin_button_on_the_linear_page_stores_the_run():
    at = helpers.open_page("linear", lr="0.02")
    at.button(key="pin").click().run()
    assert not at.exception, at.exception
    stored = at.session_state[pins.KEY]
    assert len(stored) == 1 and stored[0].spec == linear_pin(0.02)


def test_pinned_runs_overlay_and_remove():
    kept = []
    for lr in (0.01, 0.05):
        kept, _ = pins.add(kept, f"line {lr}", linear_pin(lr))
    at = open_page(PINNED, state={pins.KEY: kept})
    final = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.05, 100).final_mse
    assert any(f"final MSE {final:.4g}" in m.value for m in at.markdown)
    assert at.selectbox(key="pins_parameter").options == ["w", "b"]
    assert len(at.get("vega_lite_chart")) == 2
    at.selectbox(key="pins_parameter").set_value("b").run()
    at.toggle(key="pins_log").set_value(False).run()
    assert not at.exception, at.exception
    at.button(key="unpin_0").click().run()
    assert [pin.label for pin in at.session_state[pins.KEY]] == ["line 0.05"]
    at.button(key="clear_pins").click().run()
    assert at.session_state[pins.KEY] == []
    assert any("No pinned runs yet" in i.value for i in at.info)


def test_pinned_runs_without_common_parameters_and_examples():
    kept, _ = pins.add([], "line", linear_pin(0.01))
    kept, _ = pins.add(kept, "net", linear_pin(0.01).with_changes(model=engine.MLP()))
    at = open_page(PINNED, state={pins.KEY: kept})
    assert any("share no parameter" in i.value for i in at.info)
    at = open_page(PINNED)
    at.button(key="pin_examples").click().run()
    assert not at.exception, at.exception
    assert len(at.session_state[pins.KEY]) == 4
