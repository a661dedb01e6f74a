"""Reach everyone: every chart has a text alternative (a description and its numbers as a table), the palette is
Okabe-Ito, dark inks turn light on a dark page, and the themes are configured for switching."""

import json
import tomllib
from pathlib import Path

import pandas as pd
from streamlit.testing.v1 import AppTest

from ui import charts

ROOT = Path(__file__).resolve().parent.parent
OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"}


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def test_every_chart_on_the_linear_page_has_a_description_and_its_numbers():
    at = AppTest.from_file(str(ROOT / "pages" / "linear.py"), default_timeout=30).run()
    assert not [e for e in at.expander if e.label == charts.TABLE_LABEL]  # off by default: they cost time
    at.toggle(key="numbers").set_value(True).run()
    assert not at.exception, at.exception
    specs = chart_specs(at)
    numbers = [expander for expander in at.expander if expander.label == charts.TABLE_LABEL]
    assert len(specs) == len(numbers) == 4
    for spec, expander in zip(specs, numbers):
        assert spec["description"].startswith("Chart of "), spec["description"]
        table = expander.dataframe[0].value
        assert 0 < len(table) <= 3 * charts.TABLE_ROWS  # thinned: at most TABLE_ROWS rows a layer
    loss = numbers[0].dataframe[0].value
    assert list(loss.columns) == ["epoch", "loss", "mse"]  # one row per epoch, both curves side by side
    assert specs[0]["description"] == "Chart of squared error (y units²) against epoch"


def test_every_chart_on_the_network_page_has_its_numbers():
    at = AppTest.from_file(str(ROOT / "pages" / "network.py"), default_timeout=60)
    at.query_params["numbers"] = "true"
    at.run()
    assert not at.exception, at.exception
    numbers = [expander for expander in at.expander if expander.label == charts.TABLE_LABEL]
    assert len(numbers) == len(chart_specs(at)) >= 3


def test_draw_takes_an_explicit_description_and_table(monkeypatch):
    drawn = {}

    class Where:
        def vega_lite_chart(self, spec, **kwargs):
            drawn.update(spec=spec, kwargs=kwargs)

        def expander(self, *args, **kwargs):
            raise AssertionError("table=False draws no table")

    chart = charts.fit_chart(pd.DataFrame({"x": [1.0], "y": [2.0]}), pd.DataFrame({"x": [0.0, 1.0], "y_hat": [0, 2]}))
    charts.draw(Where(), chart, description="The fitted line through four points", table=False, height=300)
    assert drawn["spec"]["description"] == "The fitted line through four points"
    assert drawn["kwargs"] == {"width": "stretch", "height": 300}


def test_chart_table_stacks_each_layer_thinned():
    points = pd.DataFrame({"x": range(1000), "y": range(1000)})
    curve = pd.DataFrame({"x": [0.0, 999.0], "y_hat": [0.0, 999.0]})
    table = charts.chart_table(charts.fit_chart(points, curve))
    assert list(table["layer"].unique()) == ["line", "circle"]
    assert (table["layer"] == "circle").sum() == charts.TABLE_ROWS
    assert table.loc[table["layer"] == "circle", "x"].iloc[-1] == 999  # thinning keeps the ends


def test_palette_is_okabe_ito_and_dark_inks_turn_light():
    assert set(charts.PALETTE) <= OKABE_ITO
    assert {charts.param_color(f"w_{i}") for i in range(1, 8)} == set(charts.PALETTE)
    assert charts.DIVERGED_COLOR in OKABE_ITO
    spec = {"mark": {"type": "circle", "color": "#000000"}, "encoding": {"color": {"scale": {"range": ["#000000"]}}},
            "layer": [{"mark": {"color": "black", "stroke": "#333333"}}]}
    swapped = charts._swap_ink(spec)
    assert swapped["mark"]["color"] == "#FFFFFF" and swapped["encoding"]["color"]["scale"]["range"] == ["#FFFFFF"]
    assert swapped["layer"][0]["mark"] == {"color": "black", "stroke": "#E0E0E0"}  # named colors stay


def test_both_themes_are_configured_and_switchable():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    theme = config["theme"]
    assert "base" not in theme  # a base would pin one theme
    assert theme["baseFontSize"] >= 18
    assert {"light", "dark"} <= set(theme)
    assert set(theme["chartCategoricalColors"][:7]) == set(charts.PALETTE)
