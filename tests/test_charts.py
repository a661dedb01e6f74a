"""Every chart builder makes valid Vega-Lite (pages draw without validation, for speed) from real runs,
and charts stay small: long histories are thinned."""

import json

import numpy as np
import pandas as pd
import pytest

import engine
from ui import charts
from ui.arrow import table
from ui.charts.figure import Figure
from ui.charts.plotdata import surface_cells, unit_frames


@pytest.fixture(scope="module")
def net_run():
    return engine.train(engine.MLP.init(3, "he", 1), engine.make_dataset("abs", 8), 0.01, 30)


@pytest.fixture(scope="module")
def linear_run():
    return engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 100)


def built_charts(net_run, linear_run):
    grid = np.linspace(-3, 3, 20)
    parts, _ = unit_frames(net_run.model, grid, None)
    path = pd.concat([pd.DataFrame([{"epoch": -1, "w": 0.0, "b": 0.0}]), linear_run.history[["epoch", "w", "b"]]])
    surface = engine.loss_surface(engine.Linear(), linear_run.data, "w", "b", np.linspace(-1, 3, 9),
                                  np.linspace(-1, 1, 9))
    sweep = engine.sweep(engine.MLP(), engine.make_dataset("line", 5), np.geomspace(1e-3, 10, 12), 30)
    seeds = engine.init_sweep(engine.make_dataset("line", 5), 3, "he", range(4), "relu", 0.01, 20)
    curves = pd.concat([linear_run.history.assign(pin="a"), linear_run.history.assign(pin="b")])
    return {
        "loss": charts.loss_chart(net_run.history, log_scale=True),
        "loss while playing": charts.loss_chart(net_run.history, epochs=(0, 40)),
        "parameters": charts.parameter_chart(linear_run.history, ["w", "b"], "value", {"w": 0.0, "b": 0.0}),
        "surface": charts.surface_chart(table(**surface_cells(surface, "w", "b")), path,
                                        engine.least_squares(linear_run.data)),
        "fit": charts.fit_chart(pd.DataFrame({"x": linear_run.data.x, "y": linear_run.data.y}),
                                pd.DataFrame({"x": grid, "y_hat": linear_run.predict(grid)})),
        "unit parameters": charts.unit_parameter_chart(net_run.history, ["w_1", "w_2", "w_3"], "input weight",
                                                       dict(zip(net_run.initial.names, net_run.initial.theta))),
        "network fit": charts.network_fit_chart(
            pd.DataFrame({"x": net_run.data.x, "y": net_run.data.y}),
            pd.DataFrame({"x": grid, "y_hat": net_run.predict(grid)}), parts,
            pd.DataFrame({"unit": [1], "x": [0.5]}), pd.DataFrame({"x": [1.0], "y_hat": [1.0]})),
        "network fit without kinks": charts.network_fit_chart(
            pd.DataFrame({"x": net_run.data.x, "y": net_run.data.y}),
            pd.DataFrame({"x": grid, "y_hat": net_run.predict(grid)}), parts, None),
        "activity": charts.activity_chart(net_run.activity),
        "lr sweep": charts.lr_sweep_chart(sweep, stable=0.1, baseline=8.0),
        "dead count": charts.dead_count_chart(seeds, 3),
        "seed mse": charts.seed_mse_chart(seeds),
        "pinned": charts.pinned_curves_chart(curves, ["a", "b"], "mse", "MSE", log_scale=True),
    }


def test_every_builder_makes_valid_vega_lite(net_run, linear_run):
    for name, chart in built_charts(net_run, linear_run).items():
        spec = chart.to_dict(validate=True)  # raises on a spec Vega-Lite would reject
        layers = [spec, *spec.get("layer", [])]
        named = {view["data"]["name"] for view in layers if "data" in view}
        assert named and named <= set(spec["datasets"]), name  # every layer's data is there, by name
        expressions = json.dumps(spec)
        for param in spec.get("params", []):  # every declared param is read by a scale
            assert f'"expr": "{param["name"]}"' in expressions, (name, param["name"])


def test_the_same_parameter_has_the_same_color_everywhere():
    # unit i's w_i, b_i and v_i share one color; units 1 to 7 each have their own, then the palette repeats
    colors = [charts.param_color(f"w_{i}") for i in range(1, 9)]
    assert colors[:7] == list(charts.PALETTE) and colors[7] == colors[0]
    assert all(charts.param_color(f"{name}_{i}") == colors[i - 1] for name in "bv" for i in range(1, 8))
    assert charts.param_color("w") != charts.param_color("b")  # the line's two parameters differ
    # a deeper net: the weights into unit j (w1_j_1, one a unit in layer 1) share unit j's bias's color; they were
    # all layer 1's one input's color, eight lines of one blue
    assert [charts.param_color(f"w1_{j}_1") for j in range(1, 8)] == [charts.param_color(f"b1_{j}") for j in
                                                                      range(1, 8)] == colors[:7]
    assert charts.param_color("w2_3_5") == colors[2]


def test_long_histories_are_thinned_but_keep_their_ends():
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 5000)
    thinned = charts.thin(run.history)
    assert len(thinned) <= charts.LINE_POINTS
    assert thinned.epoch.iloc[0] == 0 and thinned.epoch.iloc[-1] == 4999


def test_data_dependent_domains_are_named_params_the_scales_read():
    sweep = pd.DataFrame({"lr": [0.01, 0.1, 1.0], "mse": [1.0, 0.1, np.nan],
                          "diverged_at": pd.array([None, None, 3], dtype="Int64")})
    figure = charts.lr_sweep_chart(sweep)
    assert figure.param("lr_domain") == [0.01, 1.0]
    assert figure.param("mse_domain") == [0.1, 10.0]  # the finite MSEs, the top a decade up
    curve = figure.spec["layer"][0]["encoding"]
    assert curve["x"]["scale"]["domain"] == {"expr": "lr_domain"}
    assert curve["y"]["scale"]["domain"] == {"expr": "mse_domain"}
    history = pd.DataFrame({"epoch": [0, 1], "loss": [2.0, 1.0], "mse": [1.0, 0.5]})
    followed = charts.loss_chart(history, epochs=(0, 9))
    assert followed.param("epoch_domain") == [0, 9]
    assert followed.spec["encoding"]["x"]["scale"]["domain"] == {"expr": "epoch_domain"}
    assert "params" not in charts.loss_chart(history).spec  # a free axis declares no param
    with pytest.raises(KeyError, match="no param x_domain"):  # a value that misses its place fails
        charts.loss_chart(history, epochs=(0, 9)).with_params(x_domain=[0, 1])


def test_a_chart_sends_its_data_as_the_same_numbers_in_arrow():
    frame = pd.DataFrame({"x": np.array([0.5, -1.0, np.nan], dtype="float32"), "epoch": [1, 2, 3],
                          "unit": pd.array([1, None, 3], dtype="Int64"), "pin": ["a", "b", "c"]})
    for data in (frame, table(**{name: frame[name].array for name in frame})):  # a DataFrame, or columns
        sent = Figure({}, {"d": data}).data["d"]
        assert sent.column_names == ["x", "epoch", "unit", "pin"]
        back = sent.to_pandas()
        assert back["unit"].isna().tolist() == [False, True, False]  # a null stays a gap, not a zero
        assert back["x"].isna().tolist() == [False, False, True]
        pd.testing.assert_frame_equal(back.astype({"unit": "Int64"}), frame, check_dtype=False)
