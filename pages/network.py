"""A network of 1 to 4 hidden layers: train it, watch its parameters, each unit's contribution, its units and how
the gradient flows back through its layers."""

import streamlit as st

from ui import sentences, skeleton
from ui.controls.model import net_controls
from ui.sections import net

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


skeleton.show(skeleton.TrainingPage(
    name="network", n_default=5, x_default=9.0, model=model, heading=heading, loss_caption=LOSS, fit=net.fit,
    panels={"The units": net.units, "Every parameter over epochs": net.parameters, "Gradient flow": net.gradient_flow},
    printed=net.seed_order,
    advice=lambda run: sentences.net_advice(run.lr),
))
