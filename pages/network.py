"""A network of 1 to 4 hidden layers: train it, watch its parameters, each unit's contribution, its units and how
the gradient flows back through its layers."""

import streamlit as st

from ui import presenter, quiz, sentences, skeleton
from ui.controls.model import net_controls
from ui.sections import common, net

LOSS = ("**loss** is the seed's running sum of each sample's squared error just before its update; **MSE** is the "
        "mean squared error after the epoch. A curve that flattens high means the net cannot bend enough to fit.")


def model(link, side):
    start = net_controls(link, side, deep=True)
    built, warnings = start.net()
    caption = net.start_caption(start, built)
    if caption:
        side.caption(caption)
    return built, warnings


def heading(model) -> None:
    st.title(sentences.network_title(model))
    st.latex(net.equations(model))


PANELS = ("The units", "Every parameter over epochs", "Gradient flow")


def sections(scene) -> None:
    left, right = presenter.columns(scene.view, 2)
    with left:
        common.loss(scene, LOSS)
    with right:
        net.fit(scene)
    for tab, section in zip(scene.link.tabs(PANELS, "panel", PANELS[0]), (net.units, net.parameters,
                                                                          net.gradient_flow)):
        with tab:
            if tab.open:
                section(scene)


skeleton.show(skeleton.TrainingPage(
    name="network", n_default=5, x_default=9.0, model=model, heading=heading,
    caption=lambda run: f"after {len(run.history)} epoch(s), MSE = {run.history['mse'].iloc[-1]:.4g}",
    sections=sections, printed=net.seed_order,
    advice=lambda run: sentences.net_advice(run.lr),
    outcome=lambda run: quiz.outcome_dead_unit(run.activity),
    pin_label=lambda spec: (f"network, {'-'.join(map(str, spec.model.sizes[1:-1]))} {spec.model.activation} units, "
                            f"η = {spec.lr:g}, {spec.epochs} epochs, {spec.mode}"),
))
