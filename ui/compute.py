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
        f"over the playground's cap of {WORK_CAP:,}. Lower the epochs{' or the hidden units' if width else ''} "
        f"or the number of points. The results below are not shown until then."
    )


PROGRESS_FROM = WORK_CAP // 10  # runs asking for more than this show a spinner while they train (about 0.1 s and up)


def progress_text(points: int, epochs: int, width: int = 0) -> str:
    """The spinner's text for a long run, e.g. "Training 1,000 points x 2,000 epochs…"."""
    units = f" x {width} hidden units" if width else ""
    return f"Training {points:,} points x {epochs:,} epochs{units}…"


def train(theta: tuple[float, ...], width: int, activation: str | None, x: tuple[float, ...], y: tuple[float, ...],
          lr: float, epochs: int, mode: str, batch_size: int | None) -> engine.Run:
    """engine.train on the model given by (theta, width, activation), cached; width 0 means Linear.

    A run near WORK_CAP shows a spinner saying how much it trains (Streamlit shows it only after 0.5 s,
    so a cached result does not flash it)."""
    setup = (theta, width, activation, x, y, lr, epochs, mode, batch_size)
    if work(len(x), epochs, width) < PROGRESS_FROM:
        return _train(*setup)
    with st.spinner(progress_text(len(x), epochs, width), show_time=True):
        return _train(*setup)


def _model(theta: tuple[float, ...], width: int, activation: str | None):
    if width == 0:
        return engine.Linear(*theta)
    return engine.MLP(w=(0.0,) * width, activation=activation or "relu",
                      b=(0.0,) * width, v=(0.0,) * width).with_theta(theta)


@st.cache_data(max_entries=200, show_spinner=False)
def _train(theta: tuple[float, ...], width: int, activation: str | None, x: tuple[float, ...],
           y: tuple[float, ...], lr: float, epochs: int, mode: str, batch_size: int | None) -> engine.Run:
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


# ---- backprop page ----


@st.cache_data(max_entries=200, show_spinner=False)
def one_update(theta: tuple[float, ...], width: int, activation: str | None, x: tuple[float, ...],
               y: tuple[float, ...], lr: float, epoch: int, sample: int, trained: bool = True) -> dict:
    """One per-sample update worked out: sample `sample` (0-based) of epoch `epoch` (0-based).

    trained : True for the model just before that update (engine.model_before_step, sgd as in the seed);
        False for the starting model itself, evaluated on that sample (a hand calculation's usual start).
    Returns {"before": {parameter: value}, "ledger": engine.ledger(...), "check": engine.gradient_check(...)};
    ValueError when training diverged before that step.
    """
    data = engine.Dataset(x=x, y=y)
    model = _model(theta, width, activation)
    if trained:
        model = engine.model_before_step(model, data, lr, epoch, sample)
    return {
        "before": dict(zip(model.names, map(float, model.theta))),
        "ledger": engine.ledger(model, x[sample], y[sample], lr),
        "check": engine.gradient_check(model, x[sample], y[sample]),
    }


# ---- network page ----------------------------------------------------------------------------------


@st.cache_data(max_entries=200, show_spinner=False)
def dead_units(theta: tuple[float, ...], width: int, activation: str, x: tuple[float, ...], y: tuple[float, ...],
               lr: float, epochs: int, mode: str, batch_size: int | None):
    """engine.dead_units of the (cached) run: one row per hidden unit with status, verdict, cause, revive."""
    return engine.dead_units(_train(theta, width, activation, x, y, lr, epochs, mode, batch_size))


# ---- experiments page ------------------------------------------------------------------------------


def sweep_over_cap(runs: int, points: int, epochs: int, width: int = 0, what: str = "learning rates") -> str | None:
    """A message when a sweep of `runs` trainings would exceed WORK_CAP, else None."""
    asked = runs * work(points, epochs, width)
    if asked <= WORK_CAP:
        return None
    return (
        f"This sweep asks for {runs:,} {what} x {points:,} points x {epochs:,} epochs x {max(1, width)} unit(s) = "
        f"{asked:,} updates, over the playground's cap of {WORK_CAP:,}. Lower the number of {what}, the epochs "
        f"or the number of points."
    )


@st.cache_data(max_entries=100, show_spinner=False)
def lr_sweep(theta: tuple[float, ...], width: int, activation: str | None, x: tuple[float, ...],
             y: tuple[float, ...], lrs: tuple[float, ...], epochs: int, mode: str, batch_size: int | None):
    """engine.sweep of the model given by (theta, width, activation): one row per lr with lr, mse, diverged_at."""
    return engine.sweep(_model(theta, width, activation), engine.Dataset(x=x, y=y), lrs, epochs, mode, batch_size)


@st.cache_data(max_entries=100, show_spinner=False)
def init_sweep(x: tuple[float, ...], y: tuple[float, ...], hidden: int, scheme: str, seeds: int, activation: str,
               lr: float, epochs: int, mode: str, batch_size: int | None):
    """engine.init_sweep over init seeds 0..seeds-1: one row per seed with mse, diverged_at, dead units."""
    return engine.init_sweep(engine.Dataset(x=x, y=y), hidden, scheme, range(seeds), activation, lr, epochs, mode,
                             batch_size)
