"""The data and a model's prediction: the line's fit, and the net's fit with each unit's contribution.

Each chart sends one dataset (`fit`), its rows told apart by a numeric `kind` (what they are is in KINDS, which
the numbers table spells out) and filtered per layer in the browser: one Arrow table a rerun, not five.
"""

import altair as alt
import numpy as np
import pyarrow as pa

from ..arrow import table
from .figure import Figure, shape
from .palette import HEIGHT, PALETTE, param_color
from .plotdata import Columns

POINT, CURVE, PART, KINK, QUERY, HELD = range(6)
KINDS = {POINT: "data point", CURVE: "prediction", PART: "unit's contribution", KINK: "kink", QUERY: "asked-for x",
         HELD: "held-out point"}
HELD_COLOR = PALETTE[1]  # vermillion crosses: apart from the black training points for every kind of color vision


def _held(base, x_axis=None) -> alt.Chart:
    """The held-out points: crosses, never trained on."""
    return base.transform_filter(f"datum.kind == {HELD}").mark_point(
        shape="cross", size=90, filled=True, color=HELD_COLOR).encode(
        x=x_axis or alt.X("x:Q"), y=alt.Y("y:Q"),
        tooltip=[alt.Tooltip("x:Q", title="held-out x", format=".4g"), alt.Tooltip("y:Q", format=".4g")])


def _rows(*parts) -> pa.Table:
    """One table of rows of several kinds: each part is (kind, x, y or None, unit number(s) or None); `unit` is
    null for rows that belong to no unit."""
    xs, ys, units, kinds = [], [], [], []
    for kind, x, y, unit in parts:
        x = np.asarray(x, dtype=float)
        xs.append(x)
        ys.append(np.full(len(x), np.nan) if y is None else np.asarray(y, dtype=float))
        units.append(np.broadcast_to(np.asarray(-1 if unit is None else unit, dtype=np.int64), x.shape))
        kinds.append(np.full(len(x), kind, dtype=np.int64))
    unit = np.concatenate(units)
    return table(x=np.concatenate(xs), y=np.concatenate(ys), unit=pa.array(unit, mask=unit < 0),
                 kind=np.concatenate(kinds))


def fit_chart(points: Columns, curve: Columns, held: Columns | None = None) -> Figure:
    """The data as dots and a model's prediction as a line (held-out points, when given, as crosses).

    points : columns x, y.  curve : columns x, y_hat (sorted by x).  held : columns x, y, or None.
    """
    rows = [(CURVE, curve["x"], curve["y_hat"], None), (POINT, points["x"], points["y"], None)]
    if held is not None:
        rows.append((HELD, held["x"], held["y"], None))
    return Figure(_fit_shape(held is not None), {"fit": _rows(*rows)}, codes={"kind": KINDS})


@shape
def _fit_shape(held: bool = False) -> alt.LayerChart:
    base = alt.Chart(alt.NamedData("fit"))
    dots = base.transform_filter(f"datum.kind == {POINT}").mark_circle(size=70, color="#000000").encode(
        x=alt.X("x:Q", title="x (input)"), y=alt.Y("y:Q", title="y (target)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", format=".4g")])
    line = base.transform_filter(f"datum.kind == {CURVE}").mark_line(color=PALETTE[0], strokeWidth=2.5).encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q", title="y (target)"),
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", title="prediction", format=".4f")])
    return alt.layer(line, dots, *([_held(base)] if held else [])).properties(height=HEIGHT)


def network_fit_chart(points: Columns, curve: Columns, parts: Columns, kinks: Columns | None,
                      query: Columns | None = None, held: Columns | None = None) -> Figure:
    """The data, the net's prediction, each unit's contribution v_i*h_i(x) and, for activations with one, each
    unit's kink.

    points : columns x, y.  curve : columns x, y_hat (sorted by x).
    parts : long, columns x, unit (1-based number), value (v_i*h_i(x)).
    kinks : columns unit, x (only kinks inside the plotted range); None when none is drawn (an activation without a
        kink, or every kink outside the range: then the legend does not mention one).
    query : optional, one row, columns x, y_hat: the prediction asked for, drawn as a diamond.
    held : optional, columns x, y: the held-out points, drawn as crosses.
    """
    width = int(np.max(parts["unit"])) if len(parts["unit"]) else 1
    rows = [(PART, parts["x"], parts["value"], parts["unit"]), (CURVE, curve["x"], curve["y_hat"], None),
            (POINT, points["x"], points["y"], None)]
    if kinks is not None:
        rows.append((KINK, kinks["x"], None, kinks["unit"]))
    if query is not None and len(query["x"]):
        rows.append((QUERY, query["x"], query["y_hat"], None))
    if held is not None:
        rows.append((HELD, held["x"], held["y"], None))
    return Figure(_network_fit_shape(width, kinks is not None, query is not None and len(query["x"]) > 0,
                                     held is not None), {"fit": _rows(*rows)}, codes={"kind": KINDS})


@shape
def _network_fit_shape(width: int, kinks: bool, query: bool, held: bool = False) -> alt.LayerChart:
    units = list(range(1, width + 1))
    scale = alt.Scale(domain=units, range=[param_color(f"w_{i}") for i in units])
    x_axis = alt.X("x:Q", title="x (input)", scale=alt.Scale(nice=False, zero=False))
    legend = alt.Legend(orient="bottom", title="unit i: v_i·h_i(x) thin" + (", kink dashed" if kinks else ""),
                        symbolLimit=0, symbolSize=60, columns=min(width, 6), columnPadding=4, titleLimit=400)
    base = alt.Chart(alt.NamedData("fit"))
    y_axis = alt.Y("y:Q", title="y (target and prediction)")
    contributions = base.transform_filter(f"datum.kind == {PART}").mark_line(strokeWidth=1.5, opacity=0.9).encode(
        x=x_axis, y=y_axis, color=alt.Color("unit:O", scale=scale, legend=legend), detail=alt.Detail("unit:O"),
        tooltip=[alt.Tooltip("unit:O"), alt.Tooltip("x:Q", format=".4g"),
                 alt.Tooltip("y:Q", title="v_i·h_i(x)", format=".4f")])
    line = base.transform_filter(f"datum.kind == {CURVE}").mark_line(color="#333333", strokeWidth=3).encode(
        x=x_axis, y=y_axis,
        tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", title="prediction", format=".4f")])
    dots = base.transform_filter(f"datum.kind == {POINT}").mark_point(
        size=80, filled=False, strokeWidth=2, color="#000000").encode(
        x=alt.X("x:Q"), y=alt.Y("y:Q"), tooltip=[alt.Tooltip("x:Q", format=".4g"), alt.Tooltip("y:Q", format=".4g")])
    layers = [contributions, line, dots]
    if kinks:
        layers.insert(0, base.transform_filter(f"datum.kind == {KINK}").mark_rule(
            strokeDash=[5, 4], strokeWidth=1.5).encode(
            x=alt.X("x:Q"), color=alt.Color("unit:O", scale=scale, legend=legend),
            tooltip=[alt.Tooltip("unit:O"), alt.Tooltip("x:Q", title="kink x = -b_i/w_i", format=".4f")]))
    if query:
        layers.append(base.transform_filter(f"datum.kind == {QUERY}").mark_point(
            shape="diamond", size=150, filled=True, color="#000000").encode(
            x=alt.X("x:Q"), y=alt.Y("y:Q"),
            tooltip=[alt.Tooltip("x:Q", title="predict at x", format=".4g"),
                     alt.Tooltip("y:Q", title="prediction", format=".4f")]))
    if held:
        layers.append(_held(base))
    return alt.layer(*layers).properties(height=HEIGHT + 40 + 20 * -(-width // 6))
