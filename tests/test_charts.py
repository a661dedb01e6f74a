"""Every chart builder makes valid Vega-Lite (pages draw without validation, for speed) from real runs,
and charts stay small: long histories are thinned."""

import numpy as np
import pandas as pd
import pytest

import engine
from ui import charts


@pytest.fixture(scope="module")
def net_run():
    return engine.train(engine.MLP.init(3, "he", 1), engine.make_dataset("abs", 8), 0.01, 30)


@pytest.fixture(scope="module")
def linear_run():
    return engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 100)


def built_charts(net_run, linear_run):
    grid = np.linspace(-3, 3, 20)
    parts = pd.DataFrame({"x": np.tile(grid, 3), "unit": np.repeat(["unit 1", "unit 2", "unit 3"], 20),
                          "value": net_run.model.contributions(grid).reshape(-1)})
    path = pd.concat([pd.DataFrame([{"epoch": -1, "w": 0.0, "b": 0.0}]), linear_run.history[["epoch", "w", "b"]]])
    surface = engine.loss_surface(engine.Linear(), linear_run.data, "w", "b", np.linspace(-1, 3, 9),
                                  np.linspace(-1, 1, 9))
    sweep = engine.sweep(engine.MLP(), engine.make_dataset("line", 5), np.geomspace(1e-3, 10, 12), 30)
    seeds = engine.init_sweep(engine.make_dataset("line", 5), 3, "he", range(4), "relu", 0.01, 20)
    curves = pd.concat([linear_run.history.assign(pin="a"), linear_run.history.assign(pin="b")])
    return {
        "loss": charts.loss_chart(net_run.history, log_scale=True),
        "parameters": charts.parameter_chart(linear_run.history, ["w", "b"], "value", {"w": 0.0, "b": 0.0}),
        "surface": charts.surface_chart(surface, path, engine.least_squares(linear_run.data)),
        "fit": charts.fit_chart(pd.DataFrame({"x": linear_run.data.x, "y": linear_run.data.y}),
                                pd.DataFrame({"x": grid, "y_hat": linear_run.predict(grid)})),
        "unit parameters": charts.unit_parameter_chart(net_run.history, ["w_1", "w_2", "w_3"], "input weight",
                                                       dict(zip(net_run.initial.names, net_run.initial.theta))),
        "network fit": charts.network_fit_chart(
            pd.DataFrame({"x": net_run.data.x, "y": net_run.data.y}),
            pd.DataFrame({"x": grid, "y_hat": net_run.predict(grid)}), parts,
            pd.DataFrame({"unit": ["unit 1"], "x": [0.5]}), pd.DataFrame({"x": [1.0], "y_hat": [1.0]})),
        "activity": charts.activity_chart(net_run.activity),
        "lr sweep": charts.lr_sweep_chart(sweep, stable=0.1, baseline=8.0),
        "dead count": charts.dead_count_chart(seeds, 3),
        "seed mse": charts.seed_mse_chart(seeds),
        "pinned": charts.pinned_curves_chart(curves, ["a", "b"], "mse", "MSE", log_scale=True),
    }


def test_every_builder_makes_valid_vega_lite(net_run, linear_run):
    for name, chart in built_charts(net_run, linear_run).items():
        spec = chart.to_dict(validate=True)  # raises on a spec Vega-Lite would reject
        assert spec, name


def test_the_same_parameter_has_the_same_color_everywhere():
    assert charts.param_color("w") == charts.param_color("w")
    assert charts.param_color("w_2") == charts.param_color("b_2") == charts.param_color("v_2")
    assert charts.param_color("w_1") != charts.param_color("w_2")


def test_long_histories_are_thinned_but_keep_their_ends():
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 5000)
    thinned = charts.thin(run.history)
    assert len(thinned) <= charts.MAX_POINTS
    assert thinned.epoch.iloc[0] == 0 and thinned.epoch.iloc[-1] == 4999


def test_data_dependent_domains_land_on_the_scales_that_draw():
    sweep = pd.DataFrame({"lr": [0.01, 0.1, 1.0], "mse": [1.0, 0.1, np.nan],
                          "diverged_at": pd.array([None, None, 3], dtype="Int64")})
    curve = charts.lr_sweep_chart(sweep).spec["layer"][0]["encoding"]
    assert curve["x"]["scale"] == {"type": "log", "nice": False, "domain": [0.01, 1.0]}
    assert curve["y"]["scale"]["domain"] == [0.1, 10.0]  # the finite MSEs, the top a decade up
    history = pd.DataFrame({"epoch": [0, 1], "loss": [2.0, 1.0], "mse": [1.0, 0.5]})
    followed = charts.epoch_domain(charts.loss_chart(history), 0, 9)
    assert followed.spec["encoding"]["x"]["scale"]["domain"] == [0, 9]
    assert charts.loss_chart(history).spec["encoding"]["x"].get("scale") is None  # the cached shape is untouched
    with pytest.raises(KeyError):  # a patch that misses its place fails instead of changing nothing
        charts.loss_chart(history).at(("layer", 0, "encoding", "x", "scale"), {})
