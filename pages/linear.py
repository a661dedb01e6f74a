"""The linear model y = w*x + b: train it, watch the loss, the parameters and the path on the loss surface."""

import streamlit as st

from ui import compute, presenter, quiz, sentences, skeleton
from ui.controls.model import linear_start
from ui.sections import common, line

LOSS = ("**loss** is the seed's running sum: each sample's squared error just before its own update. **MSE** is the "
        "mean squared error after the epoch. Both should fall; on a log scale a straight slope means steady progress, "
        "a flat tail means the fit has settled.")


def heading(model) -> None:
    st.title("Linear regression: y = w·x + b")
    st.latex(r"\hat y = w\,x + b \qquad L = (\hat y - y)^2 \qquad "
             r"\frac{\partial L}{\partial w} = 2(\hat y - y)\,x \qquad \frac{\partial L}{\partial b} = 2(\hat y - y)")


PANELS = ("The loss surface", "w and b over epochs")


def sections(scene) -> None:
    left, right = presenter.columns(scene.view, 2)
    with left:
        common.loss(scene, LOSS)
    with right:
        line.fit(scene)
    surface, parameters = scene.link.tabs(PANELS, "panel", PANELS[0])
    with surface:
        if surface.open:
            line.surface(scene)
    with parameters:
        if parameters.open:
            line.parameters(scene)


def caption(run) -> str:
    d = sentences.seed_digits
    return (f"after {len(run.history)} epoch(s): w = {d(run.model.w)}, b = {d(run.model.b)}, "
            f"MSE = {run.history['mse'].iloc[-1]:.4g}")


skeleton.show(skeleton.TrainingPage(
    name="linear", n_default=4, x_default=7.0,
    model=lambda link, side: (linear_start(link, side), []),
    heading=heading, caption=caption, sections=sections,
    printed=lambda model: ["w", "b"],
    advice=lambda run: sentences.line_advice(compute.stable_lr(run.spec)),
    outcome=lambda run: quiz.outcome_too_large(run.history, run.diverged_at),
    pin_label=lambda spec: f"linear, η = {spec.lr:g}, {spec.epochs} epochs, {spec.mode}",
))
