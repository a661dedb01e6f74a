"""Charts of many runs: the learning-rate sweep, the initialization sweep, pinned runs overlaid."""

import altair as alt
import numpy as np
import pandas as pd

from .figure import Figure, shape
from .palette import DIVERGED_COLOR, EPOCH_TICKS, HEIGHT, PALETTE, pin_colors
from .plotdata import log_domain

MSE_CEILING = 1e12  # a sweep's y axis stops here; runs above it sit on the top edge (their tooltip tells the value)


def lr_sweep_chart(sweep: pd.DataFrame, stable: float | None = None, baseline: float | None = None) -> Figure:
    """Final MSE against learning rate on log-log axes; diverged runs as crosses along the top.

    sweep : DataFrame with columns lr, mse (NaN where diverged), diverged_at (Int64, NA where not).
    stable : the largest stable lr from theory (drawn as a labelled vertical rule), or None.
    baseline : the MSE of predicting the mean of y (a dotted horizontal rule), or None.
    """
    low, high = float(sweep["lr"].min()), float(sweep["lr"].max())
    finite = sweep[sweep["mse"] > 0].assign(mse=lambda frame: frame["mse"].astype(float))[["lr", "mse"]]
    bottom, top = log_domain(finite["mse"], MSE_CEILING)
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
    return figure.with_params(lr_domain=[low, high], mse_domain=[bottom, top])


@shape
def _lr_sweep_shape(rules: bool, right: bool, diverged: bool) -> alt.LayerChart:
    x_axis = alt.X("lr:Q", title="learning rate η (log scale)", axis=alt.Axis(format=".4~g"),
                   scale=alt.Scale(type="log", nice=False, domain={"expr": "lr_domain"}))
    y_scale = alt.Scale(type="log", clamp=True, nice=False, domain={"expr": "mse_domain"})
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
    return alt.layer(*layers).add_params(alt.param(name="lr_domain", value=[1e-3, 1]),
                                         alt.param(name="mse_domain", value=[1e-3, 1])).properties(height=HEIGHT + 60)


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


@shape
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
    bottom, top = log_domain(finite["mse"], np.inf)
    figure = Figure(_seed_mse_shape(), {"seeds": finite[["seed", "mse", "dead_at_start", "dead_at_end"]]})
    return figure.with_params(mse_domain=[bottom / 3, top * 3])


@shape
def _seed_mse_shape() -> alt.Chart:
    return (
        alt.Chart(alt.NamedData("seeds"))
        .transform_calculate(jitter="(random() - 0.5) * 14")
        .mark_circle(size=55, opacity=0.7, color=PALETTE[0])
        .encode(
            x=alt.X("mse:Q", title="final MSE (y units², log scale)", axis=alt.Axis(format=".0e"),
                    scale=alt.Scale(type="log", nice=False, domain={"expr": "mse_domain"})),
            y=alt.Y("dead_at_end:O", title="dead units at the end", sort="ascending"),
            yOffset=alt.YOffset("jitter:Q"),
            tooltip=[alt.Tooltip("seed:Q", title="init seed"), alt.Tooltip("mse:Q", title="final MSE", format=".4g"),
                     alt.Tooltip("dead_at_start:Q", title="dead at start"),
                     alt.Tooltip("dead_at_end:Q", title="dead at end")],
        )
        .add_params(alt.param(name="mse_domain", value=[1e-3, 1]))
        .properties(height=HEIGHT)
    )


def pinned_curves_chart(curves: pd.DataFrame, labels, column: str, title: str, log_scale: bool = False,
                        legend: str = "pinned run") -> Figure:
    """One line per run of `column` (MSE or a parameter) over epochs, colored by its label (a pin's, an optimizer's).

    curves : long DataFrame with columns epoch, pin (the run's label), and `column`; thin each run beforehand.
    legend : the legend's title.
    """
    frame = curves[curves[column] > 0] if log_scale else curves
    return Figure(_pinned_shape(tuple(labels), column, title, log_scale, legend),
                  {"pins": frame[["epoch", "pin", column]]})


def optimizer_sweep_chart(sweeps: pd.DataFrame, labels) -> Figure:
    """Final MSE against learning rate on log-log axes, one line per optimizer; a diverged run leaves a gap.

    sweeps : long DataFrame with columns lr, mse (NaN where diverged), optimizer (its label).
    """
    return Figure(_optimizer_sweep_shape(tuple(labels)), {"sweeps": sweeps[["lr", "mse", "optimizer"]]})


@shape
def _optimizer_sweep_shape(labels: tuple) -> alt.Chart:
    return (
        alt.Chart(alt.NamedData("sweeps"))
        .mark_line(point=alt.OverlayMarkDef(size=16))
        .encode(
            x=alt.X("lr:Q", title="learning rate η (log)", scale=alt.Scale(type="log")),
            y=alt.Y("mse:Q", title="final MSE (log)", scale=alt.Scale(type="log"), axis=alt.Axis(format=".0e")),
            color=alt.Color("optimizer:N", title="optimizer",
                            scale=alt.Scale(domain=list(labels), range=pin_colors(labels)),
                            legend=alt.Legend(orient="right")),
            tooltip=[alt.Tooltip("optimizer:N"), alt.Tooltip("lr:Q", title="η", format=".4g"),
                     alt.Tooltip("mse:Q", title="final MSE", format=".4g")],
        )
        .transform_filter("isValid(datum.mse) && datum.mse > 0")
        .properties(height=HEIGHT + 20)
    )


@shape
def _pinned_shape(labels: tuple, column: str, title: str, log_scale: bool, legend: str = "pinned run") -> alt.Chart:
    scale = alt.Scale(type="log") if log_scale else alt.Scale(zero=False)
    return (
        alt.Chart(alt.NamedData("pins"))
        .mark_line()
        .encode(
            x=alt.X("epoch:Q", title="epoch", axis=EPOCH_TICKS),
            y=alt.Y(f"{column}:Q", title=title, scale=scale, axis=alt.Axis(format=".4~g")),
            color=alt.Color("pin:N", title=legend, scale=alt.Scale(domain=list(labels), range=pin_colors(labels)),
                            legend=alt.Legend(orient="bottom", columns=1, labelLimit=420)),
            tooltip=[alt.Tooltip("pin:N", title=legend), alt.Tooltip("epoch:Q"),
                     alt.Tooltip(f"{column}:Q", format=".6g")],
        )
        .properties(height=HEIGHT + 40 + 20 * len(labels))  # the legend below takes a row per pin
    )
