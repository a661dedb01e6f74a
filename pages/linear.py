"""The linear model y = w*x + b: train it, watch the loss, the parameters and the path on the loss surface."""

import streamlit as st

from ui import compute, sentences, skeleton
from ui.controls.model import linear_start
from ui.sections import line

LOSS = ("**loss** is the seed's running sum: each sample's squared error just before its own update. **MSE** is the "
        "mean squared error after the epoch. Both should fall; on a log scale a straight slope means steady progress, "
        "a flat tail means the fit has settled.")


def heading(model) -> None:
    st.title("Linear regression: y = w·x + b")
    st.latex(r"\hat y = w\,x + b \qquad L = (\hat y - y)^2 \qquad "
             r"\frac{\partial L}{\partial w} = 2(\hat y - y)\,x \qquad \frac{\partial L}{\partial b} = 2(\hat y - y)")


skeleton.show(skeleton.TrainingPage(
    name="linear", n_default=4, x_default=7.0,
    model=lambda link, side: (linear_start(link, side), []),
    heading=heading, loss_caption=LOSS, fit=line.fit,
    panels={"The loss surface": line.surface, "w and b over epochs": line.parameters},
    printed=lambda model: ["w", "b"],
    advice=lambda run: sentences.line_advice(compute.stable_lr(run.spec)),
))
