"""Cached engine calls. Arguments are hashable primitives only (tuples of floats, strings, ints), so
`st.cache_data` shares results across sessions: the defaults are computed once for everyone."""

import streamlit as st

import engine

WORK_CAP = 2_000_000  # points x epochs x max(1, width): the most training one interaction may ask for


def work(points: int, epochs: int, width: int = 0) -> int:
    """How much training a run asks for, in sample-updates times hidden units."""
    return points * epochs * max(1, width)


def over_cap(points: int, epochs: int, width: int = 0) -> str | None:
    """A message when a run would exceed WORK_CAP, else None."""
    asked = work(points, epochs, width)
    if asked <= WORK_CAP:
        return None
    return (
        f"This run asks for {points:,} points x {epochs:,} epochs x {max(1, width)} unit(s) = {asked:,} updates, "
        f"over the playground's cap of {WORK_CAP:,}. Lower the epochs or the number of points."
    )


def _model(theta: tuple[float, ...], width: int, activation: str | None):
    if width == 0:
        return engine.Linear(*theta)
    return engine.MLP(w=(0.0,) * width, activation=activation or "relu",
                      b=(0.0,) * width, v=(0.0,) * width).with_theta(theta)


@st.cache_data(max_entries=200, show_spinner=False)
def train(theta: tuple[float, ...], width: int, activation: str | None, x: tuple[float, ...], y: tuple[float, ...],
          lr: float, epochs: int, mode: str, batch_size: int | None) -> engine.Run:
    """engine.train on the model given by (theta, width, activation); width 0 means Linear."""
    return engine.train(_model(theta, width, activation), engine.Dataset(x=x, y=y), lr, epochs, mode, batch_size)


@st.cache_data(max_entries=200, show_spinner=False)
def least_squares(x: tuple[float, ...], y: tuple[float, ...]) -> tuple[float, float] | None:
    """engine.least_squares: the (w, b) minimizing the MSE, or None when x has a single distinct value."""
    return engine.least_squares(engine.Dataset(x=x, y=y))


@st.cache_data(max_entries=200, show_spinner=False)
def stable_lr(x: tuple[float, ...], y: tuple[float, ...], mode: str, batch_size: int | None) -> float | None:
    """engine.stable_lr for the linear model: the largest learning rate that does not diverge, or None."""
    return engine.stable_lr(engine.Dataset(x=x, y=y), mode, batch_size)


@st.cache_data(max_entries=200, show_spinner=False)
def linear_surface(x: tuple[float, ...], y: tuple[float, ...], w_values: tuple[float, ...],
                   b_values: tuple[float, ...]):
    """engine.loss_surface of the linear model over a (w, b) grid: a long DataFrame of w, b, mse."""
    return engine.loss_surface(engine.Linear(), engine.Dataset(x=x, y=y), "w", "b", w_values, b_values)


@st.cache_data(max_entries=200, show_spinner=False)
def export_script(theta: tuple[float, ...], width: int, activation: str | None, x: tuple[float, ...],
                  y: tuple[float, ...], lr: float, epochs: int, mode: str, batch_size: int | None,
                  x_test: float | None = None) -> str:
    """engine.export_script: the current run as a plain seed-style Python program (predicting at x_test)."""
    model = _model(theta, width, activation)
    return engine.export_script(model, engine.Dataset(x=x, y=y), lr, epochs, mode, batch_size, x_test)
