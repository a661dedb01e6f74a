"""The network's own sections: its fit with each unit's contribution, its parameters, and its dead units."""

import pandas as pd
import streamlit as st

import engine

from .. import charts, compute, player, presenter, sentences
from ..charts.plotdata import finite, fit_grid, fit_window, unit_frames
from . import common
from .scene import Scene


def seed_order(model) -> list[str]:
    """The parameters in the seed notebook's print order: w1, b1, w2, b2, ..., then v_i (w3, w4) and c (b3)."""
    units = range(1, model.width + 1)
    return [*(name for i in units for name in (f"w_{i}", f"b_{i}")), *(f"v_{i}" for i in units), "c"]


def fit(scene: Scene) -> None:
    """The prediction and each unit's contribution v_i*h_i(x) over the data, at the scrubbed epoch."""
    run, x_query = scene.run, scene.x_query
    act = engine.ACTIVATIONS[run.initial.activation]
    st.subheader("The fit at one epoch")
    model, when = scene.frame.scrubbed(run, scene.link, presenter.where(scene.view, st, "fit"))
    low, high, query_shown = fit_window(run.data.x, x_query)
    kinks = model.kinks() if act.kink else None
    grid = fit_grid(low, high, kinks)
    parts, kink_frame = unit_frames(model, grid, kinks)
    query = {"x": [x_query], "y_hat": finite([model.predict(x_query)])} if query_shown else None
    figure = charts.network_fit_chart({"x": run.data.x, "y": run.data.y},
                                      {"x": grid, "y_hat": finite(model.predict(grid))}, parts,
                                      kink_frame if act.kink else None, query)
    scene.draw(st, figure, "fit", description=f"The net's prediction {when}, each unit's contribution and the data")
    st.caption(f"{when.capitalize()}: the thick line is the prediction ŷ = Σ vᵢ·hᵢ(x) + c = Σ (thin lines) + "
               f"{sentences.seed_digits(model.c)}, the circles the data"
               + (f", the diamond the prediction at x = {x_query:g}" if query_shown else "") + ". "
               + sentences.unit_lines(act))
    common.continue_button(model)


def parameters(scene: Scene) -> None:
    """Every parameter over epochs, in three narrow charts: input weights, biases, output weights and c."""
    run = scene.run
    units = range(1, run.initial.width + 1)
    start = dict(zip(run.initial.names, run.initial.theta))
    act = engine.ACTIVATIONS[run.initial.activation]
    groups = [("Input weights w_i", [f"w_{i}" for i in units], "input weight"),
              ("Biases b_i", [f"b_{i}" for i in units], "bias"),
              ("Output weights v_i and c", [*(f"v_{i}" for i in units), "c"], "value")]
    for column, (title, names, axis) in zip(presenter.columns(scene.view, 3), groups):
        scene.draw(column, charts.unit_parameter_chart(scene.frame.history, names, axis, start, scene.frame.epochs,
                                                       title), f"parameters_{names[0][0]}")
    st.caption(" ".join((sentences.input_weights(act), sentences.biases(act), sentences.output_weights(act))))


def units(scene: Scene) -> None:
    """The units x epochs map of activity, and each unit's verdict with its cause and how to revive it."""
    run, frame = scene.run, scene.frame
    act = engine.ACTIVATIONS[run.initial.activation]
    verdicts = compute.dead_units(run.spec)
    st.markdown(f"##### {sentences.units_heading(act)}")
    left, right = presenter.columns(scene.view, [3, 2])
    with left:
        activity = player.state.visible(run.activity, frame.state)
        if len(activity):
            scene.draw(st, charts.activity_chart(activity, epochs=frame.epochs), "activity")
        else:
            st.info("Press Step or Play: the map fills in epoch by epoch.", icon=":material/grid_on:")
        st.caption(sentences.activity_map(act))
    with right:
        if frame.engaged:
            st.caption("The verdicts below are for the whole run.")
        _verdicts(verdicts, run)


def _verdicts(verdicts: pd.DataFrame, run: engine.Run) -> None:
    """Each unit's verdict (dead ones with their cause and how to revive them); many healthy units in one line."""
    act = engine.ACTIVATIONS[run.initial.activation]
    rows = list(zip(*(verdicts[name].tolist() for name in ("status", "saturated", "verdict", "cause", "revive"))))
    healthy = [status == "alive" and not saturated for status, saturated, *_ in rows]
    if sum(healthy) > 3:
        st.markdown(":green[:material/check_circle:] " + sentences.alive_summary(act, verdicts[healthy]))
    for (status, _, verdict, cause, revive), fine in zip(rows, healthy):
        if fine:
            if sum(healthy) <= 3:
                st.markdown(f":green[:material/check_circle:] {verdict}")
        elif status in ("alive", "inactive"):  # saturated, or on a leaky unit's shallow side: still learning
            st.markdown(f":orange[:material/pause_circle:] {verdict}")
        else:
            st.error(f"**{verdict}**\n\n**Why:** {cause}\n\n**{revive}**", icon=":material/block:")
