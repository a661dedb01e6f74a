"""Cached engine calls. Each is keyed on engine values (a RunSpec, a Dataset), so results are shared across
sessions: the defaults are computed once for everyone. A RunSpec or Dataset is keyed by its pickle (15 µs;
Streamlit's own hasher walks it in 500 µs, several times a rerun): values that differ pickle differently, and
an equal value pickled differently is only a cache miss.

st.cache_data is per server process and bounded (max_entries): it holds only pure functions of their
arguments, never anything tied to a person (pins, uploads and the last valid data stay in st.session_state).
"""

import functools
import pickle

import numpy as np
import pyarrow as pa
import streamlit as st

import engine

from .arrow import table
from .charts.plotdata import surface_cells

_KEYS = {engine.RunSpec: pickle.dumps, engine.Dataset: pickle.dumps}
cached = functools.partial(st.cache_data, show_spinner=False, hash_funcs=_KEYS)  # results copied out per call
shared = functools.partial(st.cache_resource, show_spinner=False, hash_funcs=_KEYS)  # immutable results, as they are

WORK_CAP = 2_000_000  # points x epochs x max(1, hidden units): the most training one interaction may ask for
PROGRESS_FROM = WORK_CAP // 10  # runs asking for more show a spinner while they train (about 0.1 s and up)


def work(spec: engine.RunSpec, runs: int = 1) -> int:
    """How much training `runs` runs of `spec` ask for, in sample-updates times hidden units."""
    return runs * len(spec.data) * spec.epochs * max(1, spec.model.width)


def over_cap(spec: engine.RunSpec, runs: int = 1, what: str = "") -> str | None:
    """A message when `runs` runs of `spec` would exceed WORK_CAP, else None. what : "learning rates", "seeds"."""
    asked = work(spec, runs)
    if asked <= WORK_CAP:
        return None
    width = spec.model.width
    sweep = f"{runs:,} {what} x " if runs > 1 else ""
    lower = f"the number of {what}, " if runs > 1 else ""
    return (
        f"This {'sweep' if runs > 1 else 'run'} asks for {sweep}{len(spec.data):,} points x {spec.epochs:,} epochs x "
        f"{max(1, width)} unit(s) = {asked:,} updates, over the playground's cap of {WORK_CAP:,}. Lower {lower}the "
        f"epochs{' or the hidden units' if width else ''} or the number of points. The results below are not shown "
        "until then."
    )


def train(spec: engine.RunSpec) -> engine.Run:
    """engine.train(spec), cached. A run near WORK_CAP shows a spinner saying how much it trains (Streamlit shows
    it only after 0.5 s, so a cached result does not flash it)."""
    if work(spec) < PROGRESS_FROM:
        return _train(spec)
    units = f" x {spec.model.width} hidden units" if spec.model.width else ""
    with st.spinner(f"Training {len(spec.data):,} points x {spec.epochs:,} epochs{units}…", show_time=True):
        return _train(spec)


@cached(max_entries=200)
def _train(spec: engine.RunSpec) -> engine.Run:
    return engine.train(spec)


@cached(max_entries=200)
def least_squares(data: engine.Dataset) -> tuple[float, float] | None:
    """engine.least_squares: the (w, b) minimizing the MSE, or None when there is no single one."""
    return engine.least_squares(data)


def stable_lr(spec: engine.RunSpec) -> float:
    """engine.stable_lr of the spec's data and mode (the linear model's largest stable learning rate): cached on
    those alone, so a new learning rate does not compute it again."""
    return _stable_lr(spec.data, spec.mode, spec.batch_size)


@cached(max_entries=200)
def _stable_lr(data: engine.Dataset, mode: str, batch_size: int | None) -> float:
    return engine.stable_lr(data, mode, batch_size)


@shared(max_entries=200)
def linear_surface(data: engine.Dataset, w_range: tuple[float, float], b_range: tuple[float, float],
                   points: int) -> pa.Table:
    """engine.loss_surface of the linear model over `points` x `points` (w, b) spanning the ranges, as the
    heatmap's cells (plotdata.surface_cells). An Arrow table cannot change, so it is shared as it is
    (st.cache_resource: no copy a rerun)."""
    surface = engine.loss_surface(engine.Linear(), data, "w", "b", np.linspace(*w_range, points),
                                  np.linspace(*b_range, points))
    return table(**surface_cells(surface, "w", "b"))


@cached(max_entries=200)
def export_script(spec: engine.RunSpec, x_test: float) -> str:
    """engine.export_script: the run as a plain seed-style Python program (predicting at x_test)."""
    return engine.export_script(spec, x_test=x_test)


@cached(max_entries=200)
def dead_units(spec: engine.RunSpec):
    """engine.dead_units of the (cached) run: one row per hidden unit with its status and the facts behind it."""
    return engine.dead_units(_train(spec))


@cached(max_entries=200)
def one_update(spec: engine.RunSpec, epoch: int, sample: int, trained: bool = True) -> dict:
    """One per-sample update worked out: sample `sample` (0-based) of epoch `epoch` (0-based), with the spec's
    optimizer, schedule and penalty.

    trained : True for the model (and optimizer state) just before that update (engine.before_step, sgd as in the
        seed); False for the starting model itself, evaluated on that sample as a first step (a hand calculation's
        usual start).
    Returns {"model": the model before the update, "state": the optimizer's state then (with the rate "lr"),
    "before": {parameter: value}, "ledger": engine.ledger(...), "check": engine.gradient_check(...)}; ValueError
    when training diverged before that step.
    """
    data = spec.data
    if trained:
        model, state = engine.before_step(spec, epoch, sample)
    else:
        model, state = spec.model, {"step": 0, "buffer": dict.fromkeys(spec.model.names, 0.0),
                                    "square": dict.fromkeys(spec.model.names, 0.0), "lr": float(spec.rates()[0])}
    x, y = float(data.x[sample]), float(data.y[sample])
    return {
        "model": model,
        "state": state,
        "before": dict(zip(model.names, map(float, model.theta))),
        "ledger": engine.ledger(model, x, y, state["lr"], spec.optimizer, state, spec.l1),
        "check": engine.gradient_check(model, x, y),
    }


@cached(max_entries=100)
def lr_sweep(spec: engine.RunSpec, lrs: tuple[float, ...]):
    """engine.sweep of the spec's model, data, mode, optimizer, schedule and penalty over `lrs`: one row per lr with
    lr, mse, diverged_at."""
    return engine.sweep(spec.model, spec.data, lrs, spec.epochs, spec.mode, spec.batch_size,
                        optimizer=spec.optimizer, schedule=spec.schedule, l1=spec.l1)


@cached(max_entries=100)
def init_sweep(spec: engine.RunSpec, scheme: str, seeds: int):
    """engine.init_sweep over init seeds 0..seeds-1 of nets shaped like the spec's: mse, diverged_at, dead units."""
    model = spec.model
    return engine.init_sweep(spec.data, model.width, scheme, range(seeds), model.activation, spec.lr, spec.epochs,
                             spec.mode, spec.batch_size)
