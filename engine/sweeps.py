"""Many runs at once: one per learning rate (`sweep`) or one per initialization seed (`init_sweep`)."""

import numpy as np
import pandas as pd

from .checks import positive_number
from .data import Dataset
from .diagnostics import dead_units
from .divergence import blew_up, floor, grew, start_mse
from .models import MLP
from .training import BLOCK, Lanes, RunSpec, train


def sweep(model, data: Dataset, lrs, epochs: int, mode: str = "sgd", batch_size: int | None = None,
          **options) -> pd.DataFrame:
    """Train `model` once per learning rate, all side by side (one lane each, engine/compiled/).

    options : optimizer, schedule, l1, test, as for `train` (the schedule starts from each lane's rate).
    Returns a DataFrame with one row per lr: lr, mse (final MSE; NaN where the run diverged), diverged_at (the
    epoch it overflowed, or NA), blew_up (it overflowed or grew: engine/divergence.py, the rule the pages use; a
    run can grow to 1e270 without overflowing) and, with test data, test_mse -- the same numbers as `train` gives
    for each lr alone.
    """
    rates = np.array([positive_number(lr, f"learning rate {i + 1}") for i, lr in enumerate(lrs)], dtype=float)
    if len(rates) == 0:
        raise ValueError("give at least one learning rate to sweep")
    spec = RunSpec(model, data, float(rates.min()), epochs, mode, batch_size, **options)
    theta0 = np.repeat(np.array(model.theta, dtype=float)[:, None], len(rates), axis=1)
    lanes = Lanes(spec, theta0, spec.schedule.rates(rates, spec.epochs))
    last = first = None
    for start in range(0, spec.epochs, BLOCK):
        if lanes.running:
            last = lanes.run(start, record=False)
            first = last.mse[0] if first is None else first
    diverged = lanes.diverged_at >= 0
    test = {"test_mse": np.where(diverged, np.nan, last.test_mse[-1])} if spec.test else {}
    final = np.where(diverged, np.nan, last.mse[-1])
    blew_up = diverged | grew(final, first, start_mse(model, spec.data), floor(spec.data))
    return pd.DataFrame({"lr": rates, "mse": final,
                         "diverged_at": pd.array(np.where(diverged, lanes.diverged_at, None), dtype="Int64"),
                         "blew_up": blew_up, **test})


def init_sweep(data: Dataset, hidden: int, scheme: str, seeds, activation: str, lr: float, epochs: int,
               mode: str = "sgd", batch_size: int | None = None) -> pd.DataFrame:
    """Train one net per initialisation seed of `scheme`.

    Returns one row per seed: seed, mse (final; NaN if diverged), diverged_at (Int64, NA if not), blew_up
    (overflowed or grew: engine/divergence.py), dead_at_start (units dead from the start), dead_at_end (units dead
    after training).
    """
    rows = []
    for seed in seeds:
        run = train(MLP.init(hidden, scheme, seed, activation), data, lr, epochs, mode, batch_size)
        units = dead_units(run)
        rows.append({
            "seed": int(seed),
            "mse": run.final_mse,
            "diverged_at": run.diverged_at,
            "blew_up": blew_up(run) is not None,
            "dead_at_start": int((units.status == "dead from the start").sum()),
            "dead_at_end": int(units.status.str.startswith("dead").sum()),
        })
    table = pd.DataFrame(rows, columns=["seed", "mse", "diverged_at", "blew_up", "dead_at_start", "dead_at_end"])
    table["diverged_at"] = table["diverged_at"].astype("Int64")
    return table
