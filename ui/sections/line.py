"""The linear model's own sections: w and b over epochs, the loss surface with the path, the fit at one epoch."""

import numpy as np
import streamlit as st

import engine

from .. import charts, compute, presenter, sentences
from ..charts.plotdata import finite, surface_window
from . import common
from .scene import Scene

SURFACE_GRID = 41  # points a side of the loss surface


def parameters(scene: Scene) -> None:
    """w and b after each epoch, from their starting values."""
    start = scene.run.initial
    scene.draw(st, charts.parameter_chart(scene.frame.history, ["w", "b"], "parameter value",
                                          {"w": start.w, "b": start.b}, scene.frame.epochs), "parameters")
    st.caption(sentences.line_pace(scene.run.data, sentences.adaptive(scene.run.spec)) + " "
               + sentences.line_target(compute.least_squares(scene.run.data)))


def surface(scene: Scene) -> None:
    """The MSE over (w, b) with the path training took on it and the least-squares optimum."""
    run, start = scene.run, scene.run.initial
    optimum = compute.least_squares(run.data)
    path = {name: np.concatenate([[first], run.history[name].to_numpy()])
            for name, first in (("epoch", -1), ("w", start.w), ("b", start.b))}
    w_range, b_range = surface_window(path, optimum)  # the whole run's window: it stays put while playing
    cells = compute.linear_surface(run.data, w_range, b_range, SURFACE_GRID)
    shown = {name: values[:len(scene.frame.history) + 1] for name, values in path.items()}
    scene.draw(st, charts.surface_chart(cells, shown, optimum), "surface")
    st.caption("Color is the MSE for every (w, b) (brighter is lower, log scale); the white dots are the parameters "
               "after each epoch" + (", the black diamond the least-squares optimum" if optimum else "") + ". "
               + sentences.valley(engine.curvatures(run.data), steady=sentences.plain(run.spec)
                                  and sentences.divergence(run, lambda run: "") is None))


def fit(scene: Scene) -> None:
    """The line at the scrubbed epoch (or the player's moment) over the data, and Continue training from it."""
    run = scene.run
    st.subheader("The fit at one epoch")
    model, when = scene.frame.scrubbed(run, scene.link, presenter.where(scene.view, st, "fit"))
    held = {"x": run.spec.test.x, "y": run.spec.test.y} if run.spec.test else None
    xs = np.concatenate([run.data.x, held["x"] if held else [], [scene.x_query]])
    span = np.array([xs.min(), xs.max()])
    curve = {"x": span, "y_hat": finite(model.predict(span))}
    scene.draw(st, charts.fit_chart({"x": run.data.x, "y": run.data.y}, curve, held), "fit",
               description=f"The line {when} and the data" + (", the held-out points as crosses" if held else ""))
    slider = " or drag the Epoch slider" if scene.view.shows("epoch") else ""  # a presenter may hide it
    onto = ("swing onto the points" if sentences.divergence(run, lambda run: "") is None else
            "move")  # a diverging line swings away from them
    st.caption(f"The line {when}: ŷ = {sentences.line_formula(model)}. "
               + ("" if scene.frame.engaged else f"Press Play{slider} to watch it {onto}."))
    common.offer_continue(model)
