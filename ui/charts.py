"""The one module of chart builders. Pages pass DataFrames in, get a Figure back, and `draw` it.

Each builder is two parts: a `_shape` function that writes the chart with Altair from hashable settings
alone (marks, encodings, scales, tooltips; the data are named), built once per setting, and the builder
itself, which prepares the DataFrames for those names (and the few numbers that change with the data,
such as an axis domain). A rerun therefore pays for its data, not for building Altair objects.

Sections: figures and drawing, colors and thinning (shared), training curves, parameters, the loss
surface, data and fits, the network page, the experiments page, the player. Every parameter name keeps
one color everywhere (Okabe-Ito, color-blind safe); long histories are thinned to at most MAX_POINTS
rows a series.
"""

import functools
import json
import re
from dataclasses import dataclass

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

# ---- figures and drawing --------------------------------------------------------------------------

TABLE_ROWS = 40  # rows per layer in a chart's "Numbers behind this chart" table (evenly thinned)
TABLE_LABEL = "Numbers behind this chart"
NUMBERS_KEY = "numbers"  # the URL key of numbers_toggle


@dataclass(frozen=True)
class Figure:
    """A chart ready to draw: its Vega-Lite spec, whose layers name their data, and the DataFrames by name.

    Every Figure holds its own spec (a fresh dict from `_shape`); `at` returns a changed copy.
    """

    spec: dict
    data: dict[str, pd.DataFrame]

    def at(self, path: tuple, value) -> "Figure":
        """This figure with `value` at `path` in its spec (("encoding", "x", "scale") for example); the dicts
        along the path are copied, the rest shared. Every step but the last must exist (KeyError otherwise):
        a patch that missed its place would change nothing on screen and still be valid Vega-Lite."""

        def put(node, keys):
            if len(keys) == 1:
                copy = dict(node)
                copy[keys[0]] = value
                return copy
            copy = list(node) if isinstance(node, list) else dict(node)
            copy[keys[0]] = put(node[keys[0]], keys[1:])
            return copy

        return Figure(put(self.spec, tuple(path)), self.data)

    def to_dict(self, validate: bool = False) -> dict:
        """The whole Vega-Lite spec with the data written into it as JSON (what a Vega-Lite editor opens).

        validate : check it against the Vega-Lite JSON schema (raises on a spec Vega-Lite would reject).
        """
        datasets = {name: json.loads(frame.to_json(orient="records")) for name, frame in self.data.items()}
        spec = {**self.spec, "datasets": datasets}
        if validate:
            from altair.utils.schemapi import validate_jsonschema  # Altair internals: only when validating
            from altair.vegalite.v6.schema.core import load_schema

            schema = load_schema()
            validate_jsonschema(spec, schema, rootschema=schema)
        return spec


def _shape(build):
    """Decorate a function that builds a chart's shape with Altair from hashable settings alone (its data are
    `alt.NamedData`): each call, with the settings given positionally, returns that chart's Vega-Lite spec
    as a fresh dict (not the Altair chart its definition returns).

    Building and serializing Altair objects costs far more than anything else a chart does on a rerun, and
    a chart's shape changes only with its settings: it is built once per setting and kept as JSON text.
    """
    text = functools.lru_cache(maxsize=256)(lambda *settings: json.dumps(build(*settings).to_dict(validate=False)))

    @functools.wraps(build)
    def spec(*settings) -> dict:
        return json.loads(text(*settings))

    return spec


def draw(where, figure: Figure, description: str | None = None, table: pd.DataFrame | bool = True,
         **kwargs) -> None:
    """Draw `figure` in `where` (st, a column, a container) with a text alternative: a description (read out
    by screen readers) and, below it, its numbers as a table.

    description : what the chart shows, in words; by default its title, else "<y axis> against <x axis>".
    table : the DataFrame to show under "Numbers behind this chart"; True (default) for the chart's own data
        (each layer's, thinned to TABLE_ROWS rows) when the page's "numbers" toggle is on, False for none.
    kwargs : passed to st.vega_lite_chart (width defaults to "stretch").
    The data go to the browser as named datasets, which Streamlit sends as Arrow.
    """
    kwargs.setdefault("width", "stretch")
    if table is True:
        table = chart_table(figure) if st.session_state.get(NUMBERS_KEY, False) else False
    spec = dict(figure.spec)
    spec["datasets"] = {name: _drawable(frame) for name, frame in figure.data.items()}
    spec["description"] = description or describe(spec)
    if _dark():
        spec = _swap_ink(spec)
    where.vega_lite_chart(spec, **kwargs)
    if isinstance(table, pd.DataFrame) and len(table):
        with where.expander(TABLE_LABEL, icon=":material/table:"):
            st.caption(spec["description"])
            st.dataframe(table, hide_index=True, width="stretch", height=min(38 + 35 * len(table), 320))


def _drawable(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with infinities as NaN: Vega-Lite draws a gap there (a diverging run reaches inf)."""
    infinite = any(np.isinf(values).any() for values in (frame[column].to_numpy() for column in frame.columns)
                   if values.dtype.kind == "f")
    return frame.replace([np.inf, -np.inf], np.nan) if infinite else frame


def numbers_toggle(where) -> bool:
    """A toggle (bound to the URL key "numbers") that puts a table of its numbers under every chart of the page.

    Off by default: the tables cost a rerun a third of its time. Every chart always carries a description
    that screen readers read out; with the toggle on, its data too.
    """
    from . import settings  # settings imports nothing from charts; imported here to keep charts standalone

    return where.toggle("Numbers behind the charts", key=NUMBERS_KEY, value=False, bind=settings.BIND,
                        help="Show a table of the numbers under every chart, for reading them exactly or "
                             "with a screen reader.")


def describe(spec: dict) -> str:
    """A chart's description in words: its title, or "<y axis title> against <x axis title>"."""
    title = spec.get("title")
    if title:
        return title if isinstance(title, str) else str(title.get("text", ""))
    for part in [spec, *spec.get("layer", [])]:
        encoding = part.get("encoding", {})
        if "x" in encoding and "y" in encoding:
            axes = [encoding[axis].get("title") or encoding[axis].get("field", axis) for axis in ("y", "x")]
            names = [" ".join(a) if isinstance(a, list) else str(a) for a in axes]
            return f"Chart of {names[0]} against {names[1]}"
    return "Chart"


def chart_table(figure: Figure, max_rows: int = TABLE_ROWS) -> pd.DataFrame:
    """The data a figure draws, each dataset thinned to `max_rows` rows, stacked with a `layer` column (the
    mark that draws it: line, circle, rect...) when there is more than one."""
    marks = {}
    for view in [figure.spec, *figure.spec.get("layer", [])]:
        name, mark = view.get("data", {}).get("name"), view.get("mark")
        if name and mark:
            marks.setdefault(name, mark["type"] if isinstance(mark, dict) else mark)
    frames = [(marks.get(name, "data"), thin(frame, max_rows)) for name, frame in figure.data.items() if len(frame)]
    if not frames:
        return pd.DataFrame()
    if len(frames) == 1:
        return frames[0][1].reset_index(drop=True)
    return pd.concat([frame.assign(layer=mark) for mark, frame in frames], ignore_index=True)


def _dark() -> bool:
    """True when the browser reports a dark theme (unknown, as on a session's very first run, counts as light)."""
    try:
        return st.context.theme.type == "dark"
    except Exception:  # noqa: BLE001 - no script context (bare Python): light
        return False


def _swap_ink(spec):
    """`spec` with the dark inks (INK_ON_DARK's keys) swapped for light ones, for a dark background.

    Named colors ("black", "white") are left alone: they sit on the heatmap's own colors, not on the page."""
    if isinstance(spec, dict):
        return {key: (INK_ON_DARK.get(value, value) if key in ("color", "fill", "stroke") and isinstance(value, str)
                      else _swap_ink(value)) for key, value in spec.items()}
    if isinstance(spec, list):
        return [INK_ON_DARK.get(value, value) if isinstance(value, str) else _swap_ink(value) for value in spec]
    return spec


# ---- colors and thinning ---------------------------------------------------------------------------

# Okabe-Ito without its yellow (unreadable on white); unit i of a net gets PALETTE[(i - 1) % 7]
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#999999")
FIXED_COLORS = {"w": PALETTE[0], "b": PALETTE[1], "c": "#000000", "loss": "#D55E00", "mse": "#0072B2"}
# black and greys on a white page; on a dark page draw swaps them for these (in marks and in color scales)
INK_ON_DARK = {"#000000": "#FFFFFF", "#222222": "#EEEEEE", "#333333": "#E0E0E0", "#444444": "#CCCCCC"}
MAX_POINTS = 500
HEIGHT = 260
# heatmaps draw a thousand or more cells: on a canvas, not as that many SVG elements for the page to lay out
CANVAS = {"embedOptions": {"renderer": "canvas"}}


def param_color(name: str) -> str:
    """The color of a parameter (or curve) name, the same on every page: w_i, b_i, v_i share unit i's color."""
    if name in FIXED_COLORS:
        return FIXED_COLORS[name]
    unit = re.search(r"_(\d+)$", name)
    return PALETTE[(int(unit.group(1)) - 1) % len(PALETTE)] if unit else "#444444"


def color_scale(names) -> alt.Scale:
    """An Altair color scale mapping each name to its fixed color."""
    names = list(dict.fromkeys(names))
    return alt.Scale(domain=names, range=[param_color(name) for name in names])


def thin(frame: pd.DataFrame, max_points: int = MAX_POINTS) -> pd.DataFrame:
    """At most `max_points` evenly spaced rows of `frame`, always keeping the first and the last."""
    if len(frame) <= max_points:
        return frame
    rows = np.unique(np.linspace(0, len(frame) - 1, max_points).round().astype(int))
    return frame.iloc[rows]


# ---- training curves -------------------------------------------------------------------------------


def loss_chart(history: pd.DataFrame, log_scale: bool = False) -> Figure:
    """The seed's running-sum loss and the end-of-epoch MSE against epoch.

    history : DataFrame with columns epoch, loss, mse (a Run's history).
    """
    return Figure(_loss_shape(log_scale, len(history) <= 60), {"history": thin(history)[["epoch", "loss", "mse"]]})


@_shape
def _loss_shape(log_scale: bool, points: bool) -> alt.Chart:
    chart = alt.Chart(alt.NamedData("history")).transform_fold(["loss", "mse"], as_=["curve", "value"])
    if log_scale:
        chart = chart.transform_filter("datum.value > 0")
    scale = alt.Scale(type="log") if log_scale else alt.Scale(zero=True)
    return (
        chart.mark_line(point=alt.OverlayMarkDef(size=12) if points else False)
        .encode(
            x=alt.X("epoch:Q", title="epoch"),
            y=alt.Y("value:Q", title="squared error (y units²)", scale=scale, axis=alt.Axis(format=".4~g")),
            color=alt.Color("curve:N", title=None, scale=color_scale(["loss", "mse"]),
                            legend=alt.Legend(orient="top", columns=1, labelLimit=0, labelExpr=(
                                "datum.label == 'loss' ? 'loss (epoch sum)' : 'MSE (epoch end)'"))),
            tooltip=[alt.Tooltip("epoch:Q"), alt.Tooltip("curve:N"), alt.Tooltip("value:Q", format=".6g")],
        )
        .properties(height=HEIGHT + 24)  # the legend stacks its two entries: they fit the narrowest column
    )


# ---- parameters ------------------------------------------------------------------------------------


def parameter_chart(history: pd.DataFrame, names, title: str = "value", initial: dict | None = None) -> Figure:
    """The trajectories of the parameters `names` over epochs, one fixed color each.

    initial : optional {name: value} drawn at epoch -1, so the path starts where training started.
    """
    return Figure(_parameter_shape(tuple(names), title, bool(initial), False), {"parameters": _trajectories(
        history, names, initial)})


def unit_parameter_chart(history: pd.DataFrame, names, title: str, initial: dict | None = None) -> Figure:
    """Like parameter_chart, for one group of a net's parameters (w_i, b_i or v_i and c) in a narrow column:
    the legend goes below in columns, so sixteen units stay readable."""
    return Figure(_parameter_shape(tuple(names), title, bool(initial), True), {"parameters": _trajectories(
        history, names, initial)})


def _trajectories(history: pd.DataFrame, names, initial: dict | None) -> pd.DataFrame:
    frame = thin(history)[["epoch", *names]]
    if initial:  # a row for epoch -1 on top
        start = np.array([[-1.0, *(initial[name] for name in names)]])
        frame = pd.DataFrame(np.vstack([start, frame.to_numpy(dtype=float)]), columns=frame.columns)
    return frame


@_shape
def _parameter_shape(names: tuple, title: str, initial: bool, narrow: bool) -> alt.Chart:
    legend = alt.Legend(orient="top")
    height = HEIGHT
    if narrow:
        columns = 3
        legend = alt.Legend(orient="bottom", columns=min(len(names), columns), symbolLimit=0, labelLimit=60,
                            columnPadding=8)
        if len(names) > 6:  # many units: label them by number only ("1", "2", ... and c), four to a row (three
            columns = 4 if len(names) <= 10 else 3  # for two-digit numbers)
            legend = alt.Legend(orient="bottom", columns=columns, symbolLimit=0, symbolSize=60, columnPadding=4,
                                title=f"{names[0].split('_')[0]}_i, i =",
                                labelExpr="replace(datum.label, /^[a-z]+_/, '')")
        height += 20 * -(-len(names) // columns)  # the legend's rows take height from the plot: give it back
    return (
        alt.Chart(alt.NamedData("parameters"))
        .transform_fold(list(names), as_=["parameter", "value"])
        .mark_line()
        .encode(
            x=alt.X("epoch:Q", title="epoch (-1 = start)" if initial else "epoch"),
            y=alt.Y("value:Q", title=title, axis=alt.Axis(format=".4~g")),
            color=alt.Color("parameter:N", title=None, scale=color_scale(names), legend=legend),
            tooltip=[alt.Tooltip("epoch:Q"), alt.Tooltip("parameter:N"), alt.Tooltip("value:Q", format=".6g")],
        )
        .properties(height=height)
    )


# ---- the loss surface ------------------------------------------------------------------------------


def surface_chart(surface: pd.DataFrame, path: pd.DataFrame, optimum: tuple[float, float] | None,
                  x: str = "w", y: str = "b") -> Figure:
    """A heatmap of log10(MSE) over two parameters, the training path on it, and the optimum marked.

    surface : long DataFrame with columns x, y, mse on a regular grid.
    path : DataFrame with columns epoch, x, y (epoch -1 is the start).
    optimum : (x, y) of the least-squares solution, or None.
    """
    steps = {name: float(np.diff(np.unique(surface[name]))[:1].sum() or 1.0) for name in (x, y)}
    # one cell per grid point, in 32-bit floats: a 41 x 41 grid is then 34 KB on every rerun instead of 90 KB
    grid = pd.DataFrame({
        x: surface[x] - steps[x] / 2, f"{x}2": surface[x] + steps[x] / 2,
        y: surface[y] - steps[y] / 2, f"{y}2": surface[y] + steps[y] / 2,
        "mse": surface["mse"].clip(upper=1e38),  # within float32
    }).astype("float32")
    x_domain = [float(grid[x].min()), float(grid[f"{x}2"].max())]
    y_domain = [float(grid[y].min()), float(grid[f"{y}2"].max())]
    # keep the path within one window's width of the view: far points would become absurd pixel coordinates
    # (a diverging run reaches 1e100), which browsers refuse to draw; the trail still leaves the view
    reach = {name: domain[1] - domain[0] for name, domain in ((x, x_domain), (y, y_domain))}
    inside = ((path[x] - x_domain[0]).between(-reach[x], 2 * reach[x])
              & (path[y] - y_domain[0]).between(-reach[y], 2 * reach[y]))
    data = {"surface": grid, "path": thin(path[inside])[["epoch", x, y]]}
    if optimum is not None:
        data["optimum"] = pd.DataFrame([{x: optimum[0], y: optimum[1], "label": "least-squares optimum"}])
    figure = Figure(_surface_shape(x, y, optimum is not None), data)
    return (figure.at(("layer", 0, "encoding", "x", "scale", "domain"), x_domain)
            .at(("layer", 0, "encoding", "y", "scale", "domain"), y_domain))


@_shape
def _surface_shape(x: str, y: str, optimum: bool) -> alt.LayerChart:
    x_axis = alt.X(f"{x}:Q", title=f"{x} (slope)", scale=alt.Scale(nice=False, zero=False), axis=alt.Axis(grid=False))
    y_axis = alt.Y(f"{y}:Q", title=f"{y} (intercept)", scale=alt.Scale(nice=False, zero=False),
                   axis=alt.Axis(grid=False))
    heat = alt.Chart(alt.NamedData("surface")).transform_calculate(
        log_mse="log(max(datum.mse, 1e-12)) / LN10").mark_rect(strokeWidth=0).encode(
        x=x_axis, x2=alt.X2(f"{x}2:Q"), y=y_axis, y2=alt.Y2(f"{y}2:Q"),
        color=alt.Color("log_mse:Q", title="log₁₀ MSE", scale=alt.Scale(scheme="viridis", reverse=True)),
        tooltip=[alt.Tooltip(f"{x}:Q", format=".3f"), alt.Tooltip(f"{y}:Q", format=".3f"),
                 alt.Tooltip("mse:Q", title="MSE", format=".4g")],
    )
    path = alt.Chart(alt.NamedData("path"))
    trail = path.mark_line(color="white", strokeWidth=2, clip=True).encode(
        x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"), order=alt.Order("epoch:Q"))
    stops = path.mark_circle(color="white", stroke="black", strokeWidth=0.5, size=30, clip=True).encode(
        x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"),
        tooltip=[alt.Tooltip("epoch:Q", title="epoch (-1 = start)"), alt.Tooltip(f"{x}:Q", format=".4f"),
                 alt.Tooltip(f"{y}:Q", format=".4f")])
    layers = [heat, trail, stops]
    if optimum:
        layers.append(alt.Chart(alt.NamedData("optimum")).mark_point(
            shape="diamond", size=160, color="black", stroke="white", strokeWidth=1.5, filled=True).encode(
            x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"),
            tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip(f"{x}:Q", format=".4f"),
                     alt.Tooltip(f"{y}:Q", format=".4f")]))
    return alt.layer(*layers).properties(height=HEIGHT + 60, usermeta=CANVAS)


def surface_window(points: pd.DataFrame, optimum: tuple[float, float] | None, x: str = "w", y: str = "b",
                   spread: float = 4.0) -> tuple[tuple[float, float], tuple[float, float]]:
    """The (x, y) ranges of a loss-surface plot: the start, the optimum and the path with a margin.

    Path points farther than `spread` times the start-to-optimum distance are left outside (a diverging
    run would otherwise shrink everything else to a dot).
    """
    start = points.iloc[0]
    anchors = [(start[x], start[y])] + ([optimum] if optimum is not None else [])
    centre = np.mean(anchors, axis=0)
    reach = max(float(np.max(np.abs(np.array(anchors) - centre))) * spread, 1.0)
    xs, ys = points[x].to_numpy(), points[y].to_numpy()
    near = (np.abs(xs - centre[0]) <= reach) & (np.abs(ys - centre[1]) <= reach)
    ranges = []
    for values, anchor in ((xs[near], [a[0] for a in anchors]), (ys[near], [a[1] for a in anchors])):
        lo, hi = min(*values, *anchor), max(*values, *anchor)
        margin = max(0.15 * (hi - lo), 0.5)
        ranges.append((float(lo - margin), float(hi + margin)))
    return ranges[0], ranges[1]


# ---- data and fits ---------------------------------------------------------------------------------


def fit_chart(points: pd.DataFrame, curve: pd.DataFrame, label: str = "fit") -> Figure:
    """The data as dots and a model's prediction as a line.

    points : DataFrame with columns x, y.  curve : DataFrame with columns x, y_hat (sorted by x).
    label : when the line is from (its numbers table says so), "epoch 7" for example.
    """
    return Figure(_fit_shape(), {"curve": curve[["x", "y_hat"]].assign(curve=label), "points": points[["x", "y"]]})


@_shape
def _fit_shape() -> alt.LayerChart:
    dots = alt.Chart(alt.NamedData("points")).mark_circle(size=70, color="#000000").encode(
        x=alt.X("x:Q", title="x (input)"), y=alt.Y("y:Q", title="y (target)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", format=".4g")])
    line = alt.Chart(alt.NamedData("curve")).mark_line(color=PALETTE[0], strokeWidth=2.5).encode(
        x=alt.X("x:Q"), y=alt.Y("y_hat:Q", title="y (target)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y_hat:Q", title="prediction", format=".4f")])
    return alt.layer(line, dots).properties(height=HEIGHT)


# ---- network page ----------------------------------------------------------------------------------


def unit_scale(width: int) -> alt.Scale:
    """Colors for "unit 1".."unit H": unit i gets the color of w_i, b_i and v_i."""
    return alt.Scale(domain=[f"unit {i}" for i in range(1, width + 1)],
                     range=[param_color(f"w_{i}") for i in range(1, width + 1)])


def network_fit_chart(points: pd.DataFrame, curve: pd.DataFrame, parts: pd.DataFrame, kinks: pd.DataFrame,
                      query: pd.DataFrame | None = None) -> Figure:
    """The data, the net's prediction, each unit's contribution v_i*h_i(x) and each unit's kink.

    points : DataFrame with columns x, y.  curve : DataFrame with columns x, y_hat (sorted by x).
    parts : long DataFrame with columns x, unit ("unit i"), value (v_i*h_i(x)).
    kinks : DataFrame with columns unit ("unit i"), x (only kinks inside the plotted range).
    query : optional one-row DataFrame with columns x, y_hat: the prediction asked for, drawn as a diamond.
    """
    width = int(parts["unit"].str.removeprefix("unit ").astype(int).max()) if len(parts) else 1
    data = {"kinks": kinks, "parts": parts, "curve": curve, "points": points}
    if query is not None and len(query):
        data["query"] = query
    return Figure(_network_fit_shape(width, "query" in data), data)


@_shape
def _network_fit_shape(width: int, query: bool) -> alt.LayerChart:
    scale = unit_scale(width)
    x_axis = alt.X("x:Q", title="x (input)", scale=alt.Scale(nice=False, zero=False))
    legend = alt.Legend(orient="bottom", title="unit i: v_i·h_i(x) thin, kink dashed",
                        symbolLimit=0, symbolSize=60, columns=min(width, 6), columnPadding=4, titleLimit=400,
                        labelExpr="replace(datum.label, 'unit ', '')")
    contributions = alt.Chart(alt.NamedData("parts")).mark_line(strokeWidth=1.5, opacity=0.9).encode(
        x=x_axis, y=alt.Y("value:Q"),
        color=alt.Color("unit:N", scale=scale, legend=legend),
        detail=alt.Detail("unit:N"),
        tooltip=[alt.Tooltip("unit:N"), alt.Tooltip("x:Q", format=".4g"),
                 alt.Tooltip("value:Q", title="v_i·h_i(x)", format=".4f")])
    rules = alt.Chart(alt.NamedData("kinks")).mark_rule(strokeDash=[5, 4], strokeWidth=1.5).encode(
        x=alt.X("x:Q"), color=alt.Color("unit:N", scale=scale, legend=legend),
        tooltip=[alt.Tooltip("unit:N"), alt.Tooltip("x:Q", title="kink x = -b_i/w_i", format=".4f")])
    line = alt.Chart(alt.NamedData("curve")).mark_line(color="#333333", strokeWidth=3).encode(
        x=x_axis, y=alt.Y("y_hat:Q", title="y (target and prediction)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y_hat:Q", title="prediction", format=".4f")])
    dots = alt.Chart(alt.NamedData("points")).mark_point(size=80, filled=False, strokeWidth=2, color="#000000").encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"), tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", format=".4g")])
    layers = [rules, contributions, line, dots]
    if query:
        layers.append(alt.Chart(alt.NamedData("query")).mark_point(
            shape="diamond", size=150, filled=True, color="#000000").encode(
            x=alt.X("x:Q"), y=alt.Y("y_hat:Q"),
            tooltip=[alt.Tooltip("x:Q", title="predict at x", format=".4g"),
                     alt.Tooltip("y_hat:Q", title="prediction", format=".4f")]))
    return alt.layer(*layers).properties(height=HEIGHT + 40 + 20 * -(-width // 6))


def activity_chart(activity: pd.DataFrame, max_columns: int = 200) -> Figure:
    """A units x epochs heatmap of the share of data points on which each unit is active (z_i > 0).

    activity : long DataFrame with columns epoch, unit (1-based), active_fraction (a Run's activity).
    Long runs keep at most `max_columns` evenly spaced epochs; each cell spans until the next kept epoch.
    """
    epochs = np.unique(activity["epoch"].to_numpy())
    kept = epochs[np.unique(np.linspace(0, len(epochs) - 1, min(len(epochs), max_columns)).round().astype(int))]
    frame = activity[activity["epoch"].isin(kept)] if len(kept) < len(epochs) else activity
    ends = np.append(kept[1:], kept[-1] + 1)  # each kept epoch's cell reaches the next kept one
    frame = frame.assign(epoch_end=ends[np.searchsorted(kept, frame["epoch"].to_numpy())],
                         unit_low=frame["unit"] - 0.5, unit_high=frame["unit"] + 0.5)
    return Figure(_activity_shape(int(activity["unit"].max())), {"activity": frame})


@_shape
def _activity_shape(width: int) -> alt.Chart:
    return (
        alt.Chart(alt.NamedData("activity"))
        .mark_rect(strokeWidth=0)
        .encode(
            x=alt.X("epoch:Q", title="epoch", scale=alt.Scale(nice=False, zero=False)),
            x2=alt.X2("epoch_end:Q"),
            y=alt.Y("unit_low:Q", title="unit", scale=alt.Scale(domain=[width + 0.5, 0.5], nice=False),
                    axis=alt.Axis(values=list(range(1, width + 1)), format="d", grid=False)),
            y2=alt.Y2("unit_high:Q"),
            color=alt.Color("active_fraction:Q", title=["share of points", "with z_i > 0"],
                            scale=alt.Scale(domain=[0, 1], scheme="viridis"),
                            legend=alt.Legend(format="%", values=[0, 0.5, 1])),
            tooltip=[alt.Tooltip("unit:Q"), alt.Tooltip("epoch:Q"),
                     alt.Tooltip("active_fraction:Q", title="active on", format=".0%")],
        )
        .properties(height=max(130, 24 * width), usermeta=CANVAS)
    )


# ---- experiments page ------------------------------------------------------------------------------

DIVERGED_COLOR = PALETTE[1]  # vermillion: apart from the sweep's blue line for every kind of color vision
PIN_COLORS = (*PALETTE, "#000000")  # one color a pinned run, in pin order (ui/pins caps pins at 8)
MSE_CEILING = 1e12  # a sweep's y axis stops here; runs above it sit on the top edge (their tooltip tells the value)


def lr_sweep_chart(sweep: pd.DataFrame, stable: float | None = None, baseline: float | None = None) -> Figure:
    """Final MSE against learning rate on log-log axes; diverged runs as red crosses along the top.

    sweep : DataFrame with columns lr, mse (NaN where diverged), diverged_at (Int64, NA where not).
    stable : the largest stable lr from theory (drawn as a labelled vertical rule), or None.
    baseline : the MSE of predicting the mean of y (a dotted horizontal rule), or None.
    """
    low, high = float(sweep["lr"].min()), float(sweep["lr"].max())
    finite = sweep[sweep["mse"] > 0].assign(mse=lambda frame: frame["mse"].astype(float))[["lr", "mse"]]
    top = float(min(finite["mse"].max(), MSE_CEILING)) if len(finite) else 1.0
    bottom = float(finite["mse"].min()) if len(finite) else 1e-3
    if baseline:
        top, bottom = max(top, baseline), min(bottom, baseline)
    top *= 10
    # the theory's stable lr (vertical, dashed) and the mean-of-y MSE (horizontal, dotted): segments in one layer,
    # their labels in one text layer, on the side of the stable lr that has room
    show_stable = stable is not None and low <= stable <= high
    right = bool(show_stable and np.log10(stable / low) > 0.65 * np.log10(high / low))
    rules, labels = [], []
    if baseline:
        text = f"predict the mean of y: MSE {baseline:.4g}"
        rules.append({"lr": low, "lr2": high, "mse": baseline, "mse2": baseline, "rule": "mean", "label": text})
        labels.append({"lr": high if right else low, "mse": baseline, "label": text})
    if show_stable:
        text = f"largest stable η (theory) = {stable:.4g}"
        rules.append({"lr": stable, "lr2": stable, "mse": bottom, "mse2": top, "rule": "stable", "label": text})
        labels.append({"lr": stable, "mse": top, "label": text})
    diverged = sweep[sweep["diverged_at"].notna()]
    data = {"sweep": finite}
    if rules:
        data.update(rules=pd.DataFrame(rules), labels=pd.DataFrame(labels))
    if len(diverged):
        data["diverged"] = pd.DataFrame({"lr": diverged["lr"],
                                         "status": [f"diverged at epoch {int(k)}" for k in diverged["diverged_at"]]})
    figure = Figure(_lr_sweep_shape(bool(rules), right, bool(len(diverged))), data)
    return (figure.at(("layer", 0, "encoding", "x", "scale", "domain"), [low, high])
            .at(("layer", 0, "encoding", "y", "scale", "domain"), [bottom, top]))


@_shape
def _lr_sweep_shape(rules: bool, right: bool, diverged: bool) -> alt.LayerChart:
    x_scale = alt.Scale(type="log", nice=False)
    x_axis = alt.X("lr:Q", title="learning rate η (log scale)", scale=x_scale, axis=alt.Axis(format=".4~g"))
    y_scale = alt.Scale(type="log", clamp=True, nice=False)
    curve = alt.Chart(alt.NamedData("sweep")).mark_line(point=alt.OverlayMarkDef(size=14), color=PALETTE[0],
                                                        clip=True).encode(
        x=x_axis,
        y=alt.Y("mse:Q", title="final MSE (y units², log scale)", scale=y_scale, axis=alt.Axis(format=".0e")),
        tooltip=[alt.Tooltip("lr:Q", title="learning rate", format=".4g"),
                 alt.Tooltip("mse:Q", title="final MSE", format=".4g")])
    layers = [curve]
    if rules:
        layers.append(alt.Chart(alt.NamedData("rules")).mark_rule(color="#444444", strokeWidth=1.5).encode(
            x=alt.X("lr:Q"), x2=alt.X2("lr2:Q"), y=alt.Y("mse:Q"), y2=alt.Y2("mse2:Q"),
            strokeDash=alt.StrokeDash("rule:N", scale=alt.Scale(domain=["stable", "mean"], range=[[6, 4], [2, 3]]),
                                      legend=None),
            tooltip=[alt.Tooltip("label:N", title=" ")]))
        layers.append(alt.Chart(alt.NamedData("labels")).mark_text(
            fontSize=11, baseline="bottom", dy=-3, align="right" if right else "left", dx=-5 if right else 5,
            color="#222222").encode(x=alt.X("lr:Q"), y=alt.Y("mse:Q"), text=alt.Text("label:N")))
    if diverged:
        layers.append(alt.Chart(alt.NamedData("diverged")).mark_point(
            shape="cross", filled=True, size=60, color=DIVERGED_COLOR).encode(
            x=alt.X("lr:Q"), y=alt.value(5),
            tooltip=[alt.Tooltip("lr:Q", title="learning rate", format=".4g"), alt.Tooltip("status:N", title=" ")]))
    return alt.layer(*layers).properties(height=HEIGHT + 60)


def dead_count_chart(table: pd.DataFrame, width: int) -> Figure:
    """How many seeds have 0, 1, ... `width` dead units, at the start and at the end of training (side by side).

    table : DataFrame with columns seed, dead_at_start, dead_at_end (engine.init_sweep).
    """
    counts = pd.DataFrame([
        {"dead units": dead, "when": when, "seeds": int((table[column] == dead).sum())}
        for dead in range(width + 1)
        for when, column in (("at the start", "dead_at_start"), ("at the end", "dead_at_end"))
    ])
    return Figure(_dead_count_shape(), {"counts": counts})


@_shape
def _dead_count_shape() -> alt.Chart:
    scale = alt.Scale(domain=["at the start", "at the end"], range=["#999999", PALETTE[1]])
    return (
        alt.Chart(alt.NamedData("counts"))
        .mark_bar()
        .encode(
            x=alt.X("dead units:O", title="dead hidden units in the net", axis=alt.Axis(labelAngle=0)),
            xOffset=alt.XOffset("when:N", sort=["at the start", "at the end"]),
            y=alt.Y("seeds:Q", title="number of seeds", axis=alt.Axis(tickMinStep=1)),
            color=alt.Color("when:N", title=None, scale=scale, legend=alt.Legend(orient="top")),
            tooltip=[alt.Tooltip("when:N"), alt.Tooltip("dead units:O"), alt.Tooltip("seeds:Q")],
        )
        .properties(height=HEIGHT)
    )


def seed_mse_chart(table: pd.DataFrame) -> Figure:
    """Each seed's final MSE (log scale), one row of dots per number of units dead at the end.

    table : DataFrame with columns seed, mse (NaN where diverged), dead_at_start, dead_at_end.
    """
    finite = table[table["mse"].notna()].assign(mse=lambda frame: frame["mse"].astype(float).clip(lower=1e-30))
    domain = [float(finite["mse"].min()) / 3, float(finite["mse"].max()) * 3] if len(finite) else [1e-3, 1.0]
    figure = Figure(_seed_mse_shape(), {"seeds": finite[["seed", "mse", "dead_at_start", "dead_at_end"]]})
    return figure.at(("encoding", "x", "scale", "domain"), domain)


@_shape
def _seed_mse_shape() -> alt.Chart:
    return (
        alt.Chart(alt.NamedData("seeds"))
        .transform_calculate(jitter="(random() - 0.5) * 14")
        .mark_circle(size=55, opacity=0.7, color=PALETTE[0])
        .encode(
            x=alt.X("mse:Q", title="final MSE (y units², log scale)", scale=alt.Scale(type="log", nice=False),
                    axis=alt.Axis(format=".0e")),
            y=alt.Y("dead_at_end:O", title="dead units at the end", sort="ascending"),
            yOffset=alt.YOffset("jitter:Q"),
            tooltip=[alt.Tooltip("seed:Q", title="init seed"), alt.Tooltip("mse:Q", title="final MSE", format=".4g"),
                     alt.Tooltip("dead_at_start:Q", title="dead at start"),
                     alt.Tooltip("dead_at_end:Q", title="dead at end")],
        )
        .properties(height=HEIGHT)
    )


def pin_colors(labels) -> list[str]:
    """The color of each pinned run, by its place in pin order."""
    return [PIN_COLORS[i % len(PIN_COLORS)] for i in range(len(list(labels)))]


def pinned_curves_chart(curves: pd.DataFrame, labels, column: str, title: str, log_scale: bool = False) -> Figure:
    """One line per pinned run of `column` (MSE or a parameter) over epochs, colored by pin label.

    curves : long DataFrame with columns epoch, pin (the pin's label), and `column`; thin each run beforehand.
    """
    frame = curves[curves[column] > 0] if log_scale else curves
    return Figure(_pinned_shape(tuple(labels), column, title, log_scale), {"pins": frame[["epoch", "pin", column]]})


@_shape
def _pinned_shape(labels: tuple, column: str, title: str, log_scale: bool) -> alt.Chart:
    scale = alt.Scale(type="log") if log_scale else alt.Scale(zero=False)
    return (
        alt.Chart(alt.NamedData("pins"))
        .mark_line()
        .encode(
            x=alt.X("epoch:Q", title="epoch"),
            y=alt.Y(f"{column}:Q", title=title, scale=scale, axis=alt.Axis(format=".4~g")),
            color=alt.Color("pin:N", title="pinned run", scale=alt.Scale(domain=list(labels), range=pin_colors(labels)),
                            legend=alt.Legend(orient="bottom", columns=1, labelLimit=420)),
            tooltip=[alt.Tooltip("pin:N", title="pinned run"), alt.Tooltip("epoch:Q"),
                     alt.Tooltip(f"{column}:Q", format=".6g")],
        )
        .properties(height=HEIGHT + 40 + 20 * len(labels))  # the legend below takes a row per pin
    )


# ---- classroom: the player -------------------------------------------------------------------------


def epoch_domain(figure: Figure, low: float, high: float) -> Figure:
    """`figure` (one whose x is epoch) with its x axis fixed to [low, high]: while a run plays, the axis
    stays put and the curves grow along it instead of the axis stretching every frame."""
    return figure.at(("encoding", "x", "scale"), {"domain": [low, high], "nice": False, "zero": False})
