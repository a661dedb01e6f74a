"""A network with one hidden layer: train it, watch every parameter, each unit's contribution, and its units."""

import streamlit as st

import engine
from ui import presenter, quiz, sentences, skeleton
from ui.controls.model import net_controls
from ui.sections import common, net

LOSS = ("**loss** is the seed's running sum of each sample's squared error just before its update; **MSE** is the "
        "mean squared error after the epoch. A curve that flattens high means the net cannot bend enough to fit.")


def model(link, side):
    start = net_controls(link, side)
    built, warnings = start.net()
    if start.init != "seed":
        side.caption("Starting values: " + "; ".join(f"{name} = " + ", ".join(f"{value:.3g}" for value in
                                                                              getattr(built, name)) for name in "wv")
                     + "; b = 0; c = 0.")
    return built, warnings


def heading(model) -> None:
    act = engine.ACTIVATIONS[model.activation]
    st.title(sentences.network_title(model))
    st.latex(r"\begin{gathered} z_i = w_i\,x + b_i \qquad h_i = f(z_i) \qquad \hat y = \sum_{i=1}^{"
             + str(model.width) + r"} v_i\,h_i + c \qquad L = (\hat y - y)^2 \\[4pt] f(z) = " + act.latex
             + r" \qquad f'(z) = " + act.dlatex
             + r" \qquad \delta_i = \frac{\partial L}{\partial z_i} = 2(\hat y - y)\,v_i\,f'(z_i) \\[4pt]"
             r" \frac{\partial L}{\partial v_i} = 2(\hat y - y)\,h_i \qquad \frac{\partial L}{\partial c} = "
             r"2(\hat y - y) \qquad \frac{\partial L}{\partial w_i} = \delta_i\,x \qquad "
             r"\frac{\partial L}{\partial b_i} = \delta_i \end{gathered}")


PANELS = ("The units", "Every parameter over epochs")


def sections(scene) -> None:
    left, right = presenter.columns(scene.view, 2)
    with left:
        common.loss(scene, LOSS)
    with right:
        net.fit(scene)
    units, parameters = scene.link.tabs(PANELS, "panel", PANELS[0])
    with units:
        if units.open:
            net.units(scene)
    with parameters:
        if parameters.open:
            net.parameters(scene)


skeleton.show(skeleton.TrainingPage(
    name="network", n_default=5, x_default=9.0, model=model, heading=heading,
    caption=lambda run: f"after {len(run.history)} epoch(s), MSE = {run.history['mse'].iloc[-1]:.4g}",
    sections=sections, printed=net.seed_order,
    advice=lambda run: sentences.net_advice(run.lr),
    outcome=lambda run: quiz.outcome_dead_unit(run.activity),
    pin_label=lambda spec: (f"network, {spec.model.width} {spec.model.activation} units, η = {spec.lr:g}, "
                            f"{spec.epochs} epochs, {spec.mode}"),
))
