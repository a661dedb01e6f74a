"""Reach everyone: every chart has a text alternative (a description and its numbers as a table), the palette is
Okabe-Ito, dark inks turn light on a dark page, and the themes are configured for switching."""

import json
import tomllib

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.helpers import ROOT, open_page
from ui import charts
from ui.charts.draw import _swap_ink
from ui.charts.palette import DIVERGED_COLOR

OKABE_ITO = {"#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7", "#000000", "#999999"}


def chart_specs(at: AppTest) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def numbers_tables(at: AppTest) -> list:
    return [expander for expander in at.expander if expander.label == charts.TABLE_LABEL]


@pytest.mark.parametrize(("panel", "last"), [
    (None, "Chart of b (intercept) against w (slope)"),
    ("w and b over epochs", "Chart of parameter value against epoch (-1 = start)")])
def test_every_chart_on_the_linear_page_has_a_description_and_its_numbers(panel, last):
    at = open_page("linear", **({"panel": panel} if panel else {}))
    assert not numbers_tables(at)  # off by default
    at.toggle(key="numbers").set_value(True).run()
    assert not at.exception, at.exception
    specs, tables = chart_specs(at), numbers_tables(at)
    assert len(specs) == len(tables) == 3  # the loss, the fit and the open tab's chart (only that one is built)
    assert specs[-1]["description"] == last, specs[-1]["description"]
    for spec, expander in zip(specs, tables):
        assert spec["description"], spec
        table = expander.dataframe[0].value
        assert 0 < len(table) <= 3 * charts.TABLE_ROWS  # thinned: at most TABLE_ROWS rows a layer
    loss = tables[0].dataframe[0].value
    assert list(loss.columns) == ["epoch", "loss", "mse"]  # one row per epoch, both curves side by side
    assert specs[0]["description"] == "Chart of squared error (y units²) against epoch"


def test_a_numbers_table_is_built_only_while_its_expander_is_open():
    at = open_page("linear", numbers="true")
    assert all(expander.dataframe for expander in numbers_tables(at))
    at.session_state["numbers_loss"] = False  # the user closes the loss chart's table
    at.run()
    tables = numbers_tables(at)
    assert not tables[0].dataframe and all(expander.dataframe for expander in tables[1:])


def test_every_chart_on_the_network_page_has_its_numbers():
    at = open_page("network", numbers="true")
    assert len(numbers_tables(at)) == len(chart_specs(at)) >= 3


def test_draw_takes_an_explicit_description_and_table():
    drawn = {}

    class Where:
        def vega_lite_chart(self, spec, **kwargs):
            drawn.update(spec=spec, kwargs=kwargs)

        def expander(self, *args, **kwargs):
            raise AssertionError("a page without numbers draws no table")

    chart = charts.fit_chart(pd.DataFrame({"x": [1.0], "y": [2.0]}), pd.DataFrame({"x": [0.0, 1.0], "y_hat": [0, 2]}))
    charts.draw(Where(), chart, "fit", description="The fitted line through four points", height=300)
    assert drawn["spec"]["description"] == "The fitted line through four points"
    assert drawn["kwargs"] == {"width": "stretch", "height": 300}


def test_chart_table_spells_out_each_kind_of_row_thinned():
    points = pd.DataFrame({"x": range(1000), "y": range(1000)})
    curve = pd.DataFrame({"x": [0.0, 999.0], "y_hat": [0.0, 999.0]})
    table = charts.chart_table(charts.fit_chart(points, curve))
    assert list(table["kind"].unique()) == ["prediction", "data point"]  # the browser's codes, in words
    assert (table["kind"] == "prediction").sum() == 2  # a short kind keeps every row beside a long one
    assert (table["kind"] == "data point").sum() == charts.TABLE_ROWS
    assert table.loc[table["kind"] == "data point", "x"].iloc[-1] == 999  # thinning keeps the ends


def test_palette_is_okabe_ito_and_dark_inks_turn_light():
    assert set(charts.PALETTE) <= OKABE_ITO
    assert {charts.param_color(f"w_{i}") for i in range(1, 8)} == set(charts.PALETTE)
    assert DIVERGED_COLOR in OKABE_ITO
    spec = {"mark": {"type": "circle", "color": "#000000"}, "encoding": {"color": {"scale": {"range": ["#000000"]}}},
            "layer": [{"mark": {"color": "black", "stroke": "#333333"}}]}
    swapped = _swap_ink(spec)
    assert swapped["mark"]["color"] == "#FFFFFF" and swapped["encoding"]["color"]["scale"]["range"] == ["#FFFFFF"]
    assert swapped["layer"][0]["mark"] == {"color": "black", "stroke": "#E0E0E0"}  # named colors stay


def test_both_themes_are_configured_and_switchable():
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    theme = config["theme"]
    assert "base" not in theme  # a base would pin one theme
    assert theme["baseFontSize"] >= 18
    assert {"light", "dark"} <= set(theme)
    assert set(theme["chartCategoricalColors"][:7]) == set(charts.PALETTE)
