"""Charts of a run over its epochs: the loss and the parameters.

While a run plays, pass `epochs=(first, last)` to keep the epoch axis fixed to the whole run (the curves
grow along it instead of the axis stretching every frame); the range is the shape's named param
`epoch_domain`.
"""

import altair as alt
import pandas as pd

from ..arrow import table
from .figure import Figure, shape
from .palette import EPOCH_TICKS, HEIGHT, PALETTE, color_scale
from .plotdata import columns, flow_lines, trajectories


def epoch_axis(title: str, fixed: bool) -> alt.X:
    """The epoch x axis, its domain the param `epoch_domain` when `fixed`."""
    scale = alt.Scale(domain={"expr": "epoch_domain"}, nice=False, zero=False) if fixed else alt.Undefined
    return alt.X("epoch:Q", title=title, scale=scale, axis=EPOCH_TICKS)


def epoch_param(chart, fixed: bool):
    """`chart` with the param `epoch_domain` declared when the epoch axis is fixed."""
    return chart.add_params(alt.param(name="epoch_domain", value=[0, 1])) if fixed else chart


def follow(figure: Figure, epochs: tuple[int, int] | None) -> Figure:
    """`figure` with its epoch axis set to `epochs` (a shape built with fixed=True), or unchanged for None."""
    return figure if epochs is None else figure.with_params(epoch_domain=list(epochs))


def loss_chart(history: pd.DataFrame, log_scale: bool = False, epochs: tuple[int, int] | None = None) -> Figure:
    """The seed's running-sum loss and the end-of-epoch MSE against epoch.

    history : DataFrame with columns epoch, loss, mse and, with held-out points, test_mse (a Run's history).
    """
    curves = ["loss", "mse", *(["test_mse"] if "test_mse" in history else [])]
    data = {"history": table(**columns(history, ["epoch", *curves]))}
    return follow(Figure(_loss_shape(log_scale, len(history) <= 60, epochs is not None, tuple(curves)), data), epochs)


CURVE_NAMES = {"loss": "loss (epoch sum)", "mse": "MSE (epoch end)", "test_mse": "held-out MSE"}


@shape
def _loss_shape(log_scale: bool, points: bool, fixed: bool, curves: tuple = ("loss", "mse")) -> alt.Chart:
    chart = alt.Chart(alt.NamedData("history")).transform_fold(list(curves), as_=["curve", "value"])
    if log_scale:
        chart = chart.transform_filter("datum.value > 0")
    scale = alt.Scale(type="log") if log_scale else alt.Scale(zero=True)
    chart = (
        chart.mark_line(point=alt.OverlayMarkDef(size=12) if points else False)
        .encode(
            x=epoch_axis("epoch", fixed),
            y=alt.Y("value:Q", title="squared error (y units²)", scale=scale, axis=alt.Axis(format=".4~g")),
            color=alt.Color("curve:N", title=None, scale=color_scale(list(curves)),
                            legend=alt.Legend(orient="top", columns=1, labelLimit=0, labelExpr=" : ".join(
                                f"datum.label == '{name}' ? '{CURVE_NAMES[name]}'" for name in curves[:-1])
                                + f" : '{CURVE_NAMES[curves[-1]]}'")),
            tooltip=[alt.Tooltip("epoch:Q"), alt.Tooltip("curve:N"), alt.Tooltip("value:Q", format=".6g")],
        )
        .properties(height=HEIGHT + 12 * len(curves))  # the legend stacks its entries: they fit the narrowest column
    )
    return epoch_param(chart, fixed)


def parameter_chart(history: pd.DataFrame, names, title: str = "value", initial: dict | None = None,
                    epochs: tuple[int, int] | None = None, narrow: bool = False, heading: str = "") -> Figure:
    """The trajectories of the parameters `names` over epochs, one fixed color each.

    initial : optional {name: value} drawn at epoch -1, so the path starts where training started.
    narrow : for one group of a net's parameters in a narrow column: the legend goes below in columns, so
        sixteen units stay readable.
    heading : the chart's title ("" for none).
    """
    data = {"parameters": table(**trajectories(history, names, initial))}
    figure = Figure(_parameter_shape(tuple(names), title, bool(initial), narrow, epochs is not None, heading), data)
    return follow(figure, epochs)


def unit_parameter_chart(history: pd.DataFrame, names, title: str, initial: dict | None = None,
                         epochs: tuple[int, int] | None = None, heading: str = "") -> Figure:
    """parameter_chart for one group of a net's parameters (w_i, b_i or v_i and c) in a narrow column."""
    return parameter_chart(history, names, title, initial, epochs, narrow=True, heading=heading)


def _index_title(name: str) -> str:
    """The legend title for a group numbered by unit: w_i (one layer's w_1, w_2, ...) or b2_j (a deeper net's b2_1, ...,
    the units of layer 2)."""
    head = name.split("_")[0]
    index = "j" if any(ch.isdigit() for ch in head) else "i"
    return f"{head}_{index}, {index} ="


@shape
def _parameter_shape(names: tuple, title: str, initial: bool, narrow: bool, fixed: bool, heading: str) -> alt.Chart:
    legend = alt.Legend(orient="top")
    height = HEIGHT
    if narrow:
        columns = 3
        legend = alt.Legend(orient="bottom", columns=min(len(names), columns), symbolLimit=0, labelLimit=90,
                            columnPadding=8)
        if len(names) > 16:  # a whole layer of a deep net: too many for a legend; the tooltip names each line
            legend, columns = None, 1
        elif len(names) > 6:  # many units: label them by number only ("1", "2", ... and c), four to a row (three
            columns = 4 if len(names) <= 10 else 3  # for two-digit numbers)
            legend = alt.Legend(orient="bottom", columns=columns, symbolLimit=0, symbolSize=60, columnPadding=4,
                                title=_index_title(names[0]),
                                labelExpr="replace(datum.label, /^[a-z]+[0-9]*_/, '')")
        if legend is not None:  # the legend's rows take height from the plot: give it back
            height += 20 * -(-len(names) // columns)
    chart = (
        alt.Chart(alt.NamedData("parameters"))
        .transform_fold(list(names), as_=["parameter", "value"])
        .mark_line()
        .encode(
            x=epoch_axis("epoch (-1 = start)" if initial else "epoch", fixed),
            y=alt.Y("value:Q", title=title, axis=alt.Axis(format=".4~g")),
            color=alt.Color("parameter:N", title=None, scale=color_scale(names), legend=legend),
            tooltip=[alt.Tooltip("epoch:Q"), alt.Tooltip("parameter:N"), alt.Tooltip("value:Q", format=".6g")],
        )
        .properties(height=height)
    )
    if heading:
        chart = chart.properties(title=alt.TitleParams(heading, anchor="start", fontSize=15))
    return epoch_param(chart, fixed)


LAYER_COLORS = (PALETTE[0], PALETTE[2], PALETTE[3], PALETTE[1])  # hidden layers 1-4; the output layer is black


def gradient_flow_chart(flow: pd.DataFrame, epochs: tuple[int, int] | None = None) -> Figure:
    """Each layer's weight-gradient size per epoch (a Run's gradient_flow: epoch, layer, size) on a log scale, one
    line per layer, the output layer last."""
    layers = int(flow["layer"].max()) if len(flow) else 1
    return follow(Figure(_flow_shape(layers, epochs is not None), {"flow": table(**flow_lines(flow))}), epochs)


@shape
def _flow_shape(layers: int, fixed: bool) -> alt.Chart:
    names = [f"layer {k}" if k < layers else f"layer {k} (output)" for k in range(1, layers + 1)]
    chart = (
        alt.Chart(alt.NamedData("flow"))
        .transform_filter("isFinite(datum.size) && datum.size > 0")
        .transform_calculate(name=f"datum.layer == {layers} ? 'layer ' + datum.layer + ' (output)' : "
                                  "'layer ' + datum.layer")
        .mark_line()
        .encode(
            x=epoch_axis("epoch", fixed),
            y=alt.Y("size:Q", title="weight-gradient size (log)", scale=alt.Scale(type="log"),
                    axis=alt.Axis(format=".0e")),
            color=alt.Color("name:N", title=None, sort=names,
                            scale=alt.Scale(domain=names, range=[*LAYER_COLORS[: layers - 1], "#000000"]),
                            legend=alt.Legend(orient="right", labelLimit=0)),
            tooltip=[alt.Tooltip("epoch:Q"), alt.Tooltip("name:N", title="layer"),
                     alt.Tooltip("size:Q", title="size", format=".4g")],
        )
        .properties(height=HEIGHT)
    )
    return epoch_param(chart, fixed)
