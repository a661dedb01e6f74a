"""The data and a model's prediction: the line's fit, and the net's fit with each unit's contribution."""

import altair as alt
import pandas as pd

from .figure import Figure, shape
from .palette import HEIGHT, PALETTE, unit_scale


def fit_chart(points: pd.DataFrame, curve: pd.DataFrame, label: str = "fit") -> Figure:
    """The data as dots and a model's prediction as a line.

    points : DataFrame with columns x, y.  curve : DataFrame with columns x, y_hat (sorted by x).
    label : when the line is from (its numbers table says so), "epoch 7" for example.
    """
    return Figure(_fit_shape(), {"curve": curve[["x", "y_hat"]].assign(curve=label), "points": points[["x", "y"]]})


@shape
def _fit_shape() -> alt.LayerChart:
    dots = alt.Chart(alt.NamedData("points")).mark_circle(size=70, color="#000000").encode(
        x=alt.X("x:Q", title="x (input)"), y=alt.Y("y:Q", title="y (target)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", format=".4g")])
    line = alt.Chart(alt.NamedData("curve")).mark_line(color=PALETTE[0], strokeWidth=2.5).encode(
        x=alt.X("x:Q"), y=alt.Y("y_hat:Q", title="y (target)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y_hat:Q", title="prediction", format=".4f")])
    return alt.layer(line, dots).properties(height=HEIGHT)


def network_fit_chart(points: pd.DataFrame, curve: pd.DataFrame, parts: pd.DataFrame, kinks: pd.DataFrame | None,
                      query: pd.DataFrame | None = None) -> Figure:
    """The data, the net's prediction, each unit's contribution v_i*h_i(x) and, for activations with one, each
    unit's kink.

    points : DataFrame with columns x, y.  curve : DataFrame with columns x, y_hat (sorted by x).
    parts : long DataFrame with columns x, unit ("unit i"), value (v_i*h_i(x)).
    kinks : DataFrame with columns unit ("unit i"), x (only kinks inside the plotted range); None when the
        activation has no kink (then none is drawn and the legend does not mention one).
    query : optional one-row DataFrame with columns x, y_hat: the prediction asked for, drawn as a diamond.
    """
    width = int(parts["unit"].str.removeprefix("unit ").astype(int).max()) if len(parts) else 1
    data = {"parts": parts, "curve": curve, "points": points}
    if kinks is not None:
        data["kinks"] = kinks
    if query is not None and len(query):
        data["query"] = query
    return Figure(_network_fit_shape(width, kinks is not None, "query" in data), data)


@shape
def _network_fit_shape(width: int, kinks: bool, query: bool) -> alt.LayerChart:
    scale = unit_scale(width)
    x_axis = alt.X("x:Q", title="x (input)", scale=alt.Scale(nice=False, zero=False))
    legend = alt.Legend(orient="bottom", title="unit i: v_i·h_i(x) thin" + (", kink dashed" if kinks else ""),
                        symbolLimit=0, symbolSize=60, columns=min(width, 6), columnPadding=4, titleLimit=400,
                        labelExpr="replace(datum.label, 'unit ', '')")
    contributions = alt.Chart(alt.NamedData("parts")).mark_line(strokeWidth=1.5, opacity=0.9).encode(
        x=x_axis, y=alt.Y("value:Q"),
        color=alt.Color("unit:N", scale=scale, legend=legend),
        detail=alt.Detail("unit:N"),
        tooltip=[alt.Tooltip("unit:N"), alt.Tooltip("x:Q", format=".4g"),
                 alt.Tooltip("value:Q", title="v_i·h_i(x)", format=".4f")])
    line = alt.Chart(alt.NamedData("curve")).mark_line(color="#333333", strokeWidth=3).encode(
        x=x_axis, y=alt.Y("y_hat:Q", title="y (target and prediction)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y_hat:Q", title="prediction", format=".4f")])
    dots = alt.Chart(alt.NamedData("points")).mark_point(size=80, filled=False, strokeWidth=2, color="#000000").encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"), tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", format=".4g")])
    layers = [contributions, line, dots]
    if kinks:
        layers.insert(0, alt.Chart(alt.NamedData("kinks")).mark_rule(strokeDash=[5, 4], strokeWidth=1.5).encode(
            x=alt.X("x:Q"), color=alt.Color("unit:N", scale=scale, legend=legend),
            tooltip=[alt.Tooltip("unit:N"), alt.Tooltip("x:Q", title="kink x = -b_i/w_i", format=".4f")]))
    if query:
        layers.append(alt.Chart(alt.NamedData("query")).mark_point(
            shape="diamond", size=150, filled=True, color="#000000").encode(
            x=alt.X("x:Q"), y=alt.Y("y_hat:Q"),
            tooltip=[alt.Tooltip("x:Q", title="predict at x", format=".4g"),
                     alt.Tooltip("y_hat:Q", title="prediction", format=".4f")]))
    return alt.layer(*layers).properties(height=HEIGHT + 40 + 20 * -(-width // 6))
