"""The one module of Altair chart builders. Pages pass DataFrames in and get alt.Chart objects back.

Sections: colors and thinning (shared), training curves, parameters, the loss surface, data and fits.
Every parameter name keeps one color everywhere (Okabe-Ito, color-blind safe); long histories are thinned
to at most MAX_POINTS rows a series.
"""

import re

import altair as alt
import numpy as np
import pandas as pd

# ---- colors and thinning ---------------------------------------------------------------------------

# Okabe-Ito without its yellow (unreadable on white); unit i of a net gets PALETTE[(i - 1) % 7]
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#999999")
FIXED_COLORS = {"w": PALETTE[0], "b": PALETTE[1], "c": "#000000", "loss": "#D55E00", "mse": "#0072B2"}
MAX_POINTS = 500
HEIGHT = 260


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


def loss_chart(history: pd.DataFrame, log_scale: bool = False) -> alt.Chart:
    """The seed's running-sum loss and the end-of-epoch MSE against epoch.

    history : DataFrame with columns epoch, loss, mse (a Run's history).
    """
    long = thin(history)[["epoch", "loss", "mse"]].melt("epoch", var_name="curve", value_name="value")
    if log_scale:
        long = long[long["value"] > 0]
    scale = alt.Scale(type="log") if log_scale else alt.Scale(zero=True)
    return (
        alt.Chart(long)
        .mark_line(point=alt.OverlayMarkDef(size=12) if len(history) <= 60 else False)
        .encode(
            x=alt.X("epoch:Q", title="epoch"),
            y=alt.Y("value:Q", title="squared error (y units²)", scale=scale, axis=alt.Axis(format="~g")),
            color=alt.Color("curve:N", title=None, scale=color_scale(["loss", "mse"]),
                            legend=alt.Legend(orient="top", labelExpr=(
                                "datum.label == 'loss' ? 'loss (sum over the epoch)' : 'MSE at epoch end'"))),
            tooltip=[alt.Tooltip("epoch:Q"), alt.Tooltip("curve:N"), alt.Tooltip("value:Q", format=".6g")],
        )
        .properties(height=HEIGHT)
    )


# ---- parameters ------------------------------------------------------------------------------------


def parameter_chart(history: pd.DataFrame, names, title: str = "value", initial: dict | None = None) -> alt.Chart:
    """The trajectories of the parameters `names` over epochs, one fixed color each.

    initial : optional {name: value} drawn at epoch -1, so the path starts where training started.
    """
    frame = thin(history)[["epoch", *names]]
    if initial:
        start = pd.DataFrame([{"epoch": -1, **{name: initial[name] for name in names}}])
        frame = pd.concat([start, frame], ignore_index=True)
    long = frame.melt("epoch", var_name="parameter", value_name="value")
    return (
        alt.Chart(long)
        .mark_line()
        .encode(
            x=alt.X("epoch:Q", title="epoch (-1 = start)" if initial else "epoch"),
            y=alt.Y("value:Q", title=title, axis=alt.Axis(format="~g")),
            color=alt.Color("parameter:N", title=None, scale=color_scale(names), legend=alt.Legend(orient="top")),
            tooltip=[alt.Tooltip("epoch:Q"), alt.Tooltip("parameter:N"), alt.Tooltip("value:Q", format=".6g")],
        )
        .properties(height=HEIGHT)
    )


# ---- the loss surface ------------------------------------------------------------------------------


def surface_chart(surface: pd.DataFrame, path: pd.DataFrame, optimum: tuple[float, float] | None,
                  x: str = "w", y: str = "b") -> alt.Chart:
    """A heatmap of log10(MSE) over two parameters, the training path on it, and the optimum marked.

    surface : long DataFrame with columns x, y, mse on a regular grid.
    path : DataFrame with columns epoch, x, y (epoch -1 is the start).
    optimum : (x, y) of the least-squares solution, or None.
    """
    grid = surface.assign(log_mse=np.log10(surface["mse"].clip(lower=1e-12)))
    steps = {name: float(np.diff(np.unique(grid[name]))[:1].sum() or 1.0) for name in (x, y)}
    grid = grid.assign(**{f"{x}2": grid[x] + steps[x], f"{y}2": grid[y] + steps[y]})
    grid[x] -= steps[x] / 2
    grid[f"{x}2"] -= steps[x] / 2
    grid[y] -= steps[y] / 2
    grid[f"{y}2"] -= steps[y] / 2
    x_domain = [float(grid[x].min()), float(grid[f"{x}2"].max())]
    y_domain = [float(grid[y].min()), float(grid[f"{y}2"].max())]
    x_axis = alt.X(f"{x}:Q", title=f"{x} (slope)", scale=alt.Scale(domain=x_domain, nice=False, zero=False),
                   axis=alt.Axis(grid=False))
    y_axis = alt.Y(f"{y}:Q", title=f"{y} (intercept)", scale=alt.Scale(domain=y_domain, nice=False, zero=False),
                   axis=alt.Axis(grid=False))
    heat = (
        alt.Chart(grid)
        .mark_rect(strokeWidth=0)
        .encode(
            x=x_axis, x2=f"{x}2:Q", y=y_axis, y2=f"{y}2:Q",
            color=alt.Color("log_mse:Q", title="log₁₀ MSE", scale=alt.Scale(scheme="viridis", reverse=True)),
            tooltip=[alt.Tooltip(f"{x}:Q", format=".3f"), alt.Tooltip(f"{y}:Q", format=".3f"),
                     alt.Tooltip("mse:Q", title="MSE", format=".4g")],
        )
    )
    path = thin(path)
    trail = alt.Chart(path).mark_line(color="white", strokeWidth=2, clip=True).encode(
        x=f"{x}:Q", y=f"{y}:Q", order="epoch:Q")
    stops = alt.Chart(path).mark_circle(color="white", stroke="black", strokeWidth=0.5, size=30, clip=True).encode(
        x=f"{x}:Q", y=f"{y}:Q",
        tooltip=[alt.Tooltip("epoch:Q", title="epoch (-1 = start)"), alt.Tooltip(f"{x}:Q", format=".4f"),
                 alt.Tooltip(f"{y}:Q", format=".4f")])
    layers = [heat, trail, stops]
    if optimum is not None:
        best = pd.DataFrame([{x: optimum[0], y: optimum[1], "label": "least-squares optimum"}])
        layers.append(alt.Chart(best).mark_point(shape="diamond", size=160, color="#000000", stroke="white",
                                                 strokeWidth=1.5, filled=True).encode(
            x=f"{x}:Q", y=f"{y}:Q",
            tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip(f"{x}:Q", format=".4f"),
                     alt.Tooltip(f"{y}:Q", format=".4f")]))
    return alt.layer(*layers).properties(height=HEIGHT + 60)


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


def fit_chart(points: pd.DataFrame, curve: pd.DataFrame, label: str = "fit") -> alt.Chart:
    """The data as dots and a model's prediction as a line.

    points : DataFrame with columns x, y.  curve : DataFrame with columns x, y_hat (sorted by x).
    """
    dots = alt.Chart(points).mark_circle(size=70, color="#000000").encode(
        x=alt.X("x:Q", title="x (input)"), y=alt.Y("y:Q", title="y (target)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", format=".4g")])
    line = alt.Chart(curve.assign(curve=label)).mark_line(color=PALETTE[0], strokeWidth=2.5).encode(
        x="x:Q", y=alt.Y("y_hat:Q", title="y (target)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y_hat:Q", title="prediction", format=".4f")])
    return alt.layer(line, dots).properties(height=HEIGHT)
