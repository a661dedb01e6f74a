"""When a run diverged: one rule for the pages' warnings, the sweeps' tables and the quiz.

A run overflowed (`diverged_at`: its loss, MSE or a parameter became infinite), or it blew up without
overflowing: its final MSE is more than GREW times the MSE it started from (the starting model's, before any
update), or GREW times its MSE after the first epoch (a run that first improved, then grew). MSEs below FLOOR
times y's variance count as FLOOR times it: a run that starts at the optimum and ends 1e-5 from it has not
diverged, and ratios of rounding-sized numbers say nothing.
"""

import numpy as np

GREW = 10
FLOOR = 1e-6


def start_mse(model, data) -> float:
    """The MSE of `model` on `data` before any update (inf where it overflows)."""
    with np.errstate(all="ignore"):
        errors = np.asarray(model.predict(data.x), dtype=float) - data.y
        value = float(np.mean(errors * errors))
    return value if np.isfinite(value) else np.inf


def floor(data) -> float:
    """The smallest MSE a ratio is taken from: FLOOR times y's variance (1e-12 for a constant y)."""
    return max(FLOOR * float(np.var(data.y)), 1e-12)


def grew(final, first, start: float, least: float):
    """Which baseline the final MSE grew past, GREW times: "start", "first" (after the first epoch) or None; for
    arrays (a sweep's lanes), a boolean array of whether it grew past either. NaN (overflowed) counts as grown."""
    final, first = np.asarray(final, dtype=float), np.asarray(first, dtype=float)
    with np.errstate(invalid="ignore"):
        past_start = ~(final <= GREW * max(start, least))
        past_first = ~(final <= GREW * np.maximum(first, least))
    if final.ndim:
        return past_start | past_first
    return "start" if past_start else "first" if past_first else None


def blew_up(run) -> str | None:
    """Why `run` counts as diverged: "overflow", "start", "first" (see the module docstring), or None."""
    if run.diverged_at is not None:
        return "overflow"
    if not len(run.history):
        return None
    mse = run.history["mse"].to_numpy()
    return grew(mse[-1], mse[0], start_mse(run.initial, run.data), floor(run.data))


def spike(run) -> tuple[int, float, float] | None:
    """A run that did not blow up but whose MSE rose past GREW times its start's on the way (and came back down):
    (the epoch of its highest MSE, that MSE, the MSE before training); else None."""
    if blew_up(run) is not None or not len(run.history):
        return None
    mse = run.history["mse"].to_numpy()
    start, peak = start_mse(run.initial, run.data), int(mse.argmax())
    if not mse[peak] > GREW * max(start, floor(run.data)):
        return None
    return int(run.history["epoch"].iloc[peak]), float(mse[peak]), start
