"""What every training page shows: divergence, the prediction, the loss, the seed-style printout, the actions."""

import numpy as np
import streamlit as st

from .. import charts, pins, player, presenter, sentences
from ..controls.model import starting_values
from ..downloads import run_downloads
from ..limits import VALUE_LIMIT
from .scene import Scene


def divergence(run, advice, name: str = "") -> None:
    """The error or warning when the run diverged or is diverging (nothing otherwise).

    advice : (run) -> what to change, a clause; asked only when there is something to say (a run with another
        optimizer, a changing rate or a penalty gets the levers it has instead).
    name : the run's name, where a page shows several."""
    said = sentences.divergence(run, lambda run: sentences.start_advice(run) or sentences.step_advice(run.spec)
                                or advice(run))
    if said is not None:
        kind, text = said
        icons = {"error": ":material/error:", "warning": ":material/trending_up:", "info": ":material/show_chart:"}
        getattr(st, kind)(f"**{name}.** {text}" if name else text, icon=icons[kind])


def prediction_row(link, view, run, default_x: float) -> float:
    """The "Predict at x" input beside the prediction headline and what training ended at; returns x."""
    left, right = presenter.columns(view, [1, 3], vertical_alignment="bottom")
    x_query = float(link.number(presenter.where(view, left, "prediction"), "Predict at x", "x", default_x,
                                lo=-VALUE_LIMIT, hi=VALUE_LIMIT, step=1.0))
    right.markdown(sentences.prediction(x_query, run))
    if len(run.history):
        right.caption(sentences.after_training(run))
    return x_query


def loss(scene: Scene, caption: str) -> None:
    """The loss-per-epoch chart with its log-scale toggle and a caption: the same on every training page."""
    st.subheader("Loss per epoch")
    log_scale = scene.link.toggle(presenter.where(scene.view, st, "loss"), "Log scale", "log")
    scene.draw(st, charts.loss_chart(scene.frame.history, log_scale, scene.frame.epochs), "loss")
    st.caption(caption + (" **Held-out MSE**: the same on the points held out for testing, never trained on."
                          if "test_mse" in scene.run.history else ""))
    said = sentences.held_out(scene.run.history, float(np.var(scene.run.data.y)))
    if said:
        st.markdown(said + (" (For the whole run.)" if scene.frame.engaged else ""))
    rates = scene.run.history["lr"].to_numpy()
    if len(rates) and rates.min() != rates.max():  # a schedule changed the rate: show how
        scene.draw(st, charts.parameter_chart(scene.frame.history, ["lr"], "learning rate η", epochs=scene.frame.epochs,
                                              heading="Learning rate per epoch"), "lr")
        st.caption(sentences.schedule_path(type(scene.spec.schedule).__name__, rates))


def printout(run, names) -> None:
    """Every tenth epoch as the seed notebook prints it, parameters in the seed's order `names` (when they are not
    all of the model's, a caption says which)."""
    st.subheader("Every 10 epochs, as the seed notebook prints it")
    if len(names) < len(run.initial.names):
        st.caption(f"The net's {len(run.initial.names)} parameters do not fit on a line: this prints the output "
                   "layer's, as the seed prints w3, w4 and b3. The history download (below) has every one.")
    rows = np.flatnonzero(run.history["epoch"].to_numpy() % 10 == 0)
    columns = {name: run.history[name].to_numpy()[rows] for name in ("epoch", "loss", *names)}
    digits = sentences.seed_digits
    lines = [f"Epoch {columns['epoch'][i]:.0f}| Loss: {digits(columns['loss'][i])} | "
             + " | ".join(f"{name}: {digits(columns[name][i])}" for name in names) for i in range(len(rows))]
    st.code("\n".join(lines), language=None, height="content" if len(rows) <= 20 else 420)


def actions(scene: Scene) -> None:
    """Downloads (history and script), Pin this run, and the presenter link."""
    first, second, third = st.columns(3)
    run_downloads(first, second, scene.page, scene.run, scene.x_query)
    pins.pin_button(st, sentences.pin_label(scene.spec), scene.spec)
    presenter.link_popover(third, scene.page, scene.view, scene.link.current())


def offer_continue(model) -> None:
    """Offer the model shown to "Continue training from here" (not when a parameter is past what the fields take)."""
    player.offer_continue(starting_values(model), disabled=any(abs(p) > VALUE_LIMIT for p in model.theta))
