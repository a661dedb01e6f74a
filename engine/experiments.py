"""Experiments over many runs and single steps inside a run."""

import pandas as pd

from .checks import whole_number
from .data import Dataset
from .diagnostics import dead_units
from .models import MLP
from .training import train


def init_sweep(data: Dataset, hidden: int, scheme: str, seeds, activation: str, lr: float, epochs: int,
               mode: str = "sgd", batch_size: int | None = None) -> pd.DataFrame:
    """Train one net per initialisation seed of `scheme`.

    Returns one row per seed: seed, mse (final; NaN if diverged), diverged_at (Int64, NA if not),
    dead_at_start (units with z <= 0 on all data at initialisation), dead_at_end (units dead after training).
    """
    rows = []
    for seed in seeds:
        run = train(MLP.init(hidden, scheme, seed, activation), data, lr, epochs, mode, batch_size)
        units = dead_units(run)
        rows.append({
            "seed": int(seed),
            "mse": run.final_mse,
            "diverged_at": run.diverged_at,
            "dead_at_start": int((units.status == "dead from the start").sum()),
            "dead_at_end": int(units.status.str.startswith("dead").sum()),
        })
    table = pd.DataFrame(rows, columns=["seed", "mse", "diverged_at", "dead_at_start", "dead_at_end"])
    table["diverged_at"] = table["diverged_at"].astype("Int64")
    return table


def model_before_step(model, data: Dataset, lr: float, epoch: int, sample: int):
    """The model just before the per-sample (sgd) update on sample `sample` (0-based) of epoch `epoch`.

    Equal to training `epoch` whole epochs, then the first `sample` updates of the next one. Raises
    ValueError when training diverges before that step (there is no finite model to show).
    """
    epoch = whole_number(epoch, "epoch", 0)
    sample = whole_number(sample, "sample", 0, len(data) - 1)
    if epoch:
        run = train(model, data, lr, epoch)
        if run.diverged_at is not None:
            raise ValueError(f"training diverged in epoch {run.diverged_at}, before epoch {epoch}: "
                             "pick an earlier epoch or a smaller learning rate")
        model = run.model
    if sample:
        run = train(model, Dataset(x=data.x[:sample], y=data.y[:sample]), lr, 1)
        if run.diverged_at is not None:
            raise ValueError(f"training diverged in epoch {epoch}, before sample {sample}: "
                             "pick an earlier step or a smaller learning rate")
        model = run.model
    return model

