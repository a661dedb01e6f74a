"""Training by gradient descent on the squared error, recording every epoch."""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .checks import one_of, positive_number, whole_number
from .data import Dataset
from .models import MODELS
from .program import compile_epoch

MODES = ("sgd", "minibatch", "batch")


@dataclass(frozen=True, eq=False)
class Run:
    """The result of `train`.

    history : DataFrame, one row per finished epoch: epoch (0-based), loss (sum of each sample's squared
        error before its update, the seed's total_loss), mse (mean squared error of the end-of-epoch
        parameters), then one column per parameter (end-of-epoch values, in `model.names` order).
    activity : DataFrame of epoch, unit (1-based), active_fraction (share of points with z_i > 0 under the
        end-of-epoch parameters); no rows for Linear.
    model : the model at the end of the last finite epoch (the initial model if epoch 0 diverged).
    initial : the model training started from.
    diverged_at : None, or the first epoch whose loss or parameters stopped being finite; training stops
        there, and history holds only the epochs before it.
    """

    model: object
    initial: object
    data: Dataset
    lr: float
    epochs: int
    mode: str
    batch_size: int
    history: pd.DataFrame
    activity: pd.DataFrame
    diverged_at: int | None

    def predict(self, x):
        """The trained model's prediction: a float for a number, an ndarray for an array."""
        return self.model.predict(x)

    @property
    def final_mse(self) -> float:
        """MSE of the trained model, or NaN when the run diverged."""
        return math.nan if self.diverged_at is not None else float(self.history["mse"].iloc[-1])


def check_setup(model, data, lr, epochs, mode, batch_size) -> tuple[float, int, int]:
    """Validate the training arguments; return (lr, epochs, chunk) where chunk is the update's batch size."""
    if not isinstance(model, MODELS):
        raise ValueError(f"model must be engine.Linear or engine.MLP, got {type(model).__name__}")
    if not isinstance(data, Dataset):
        raise ValueError(f"data must be an engine.Dataset, got {type(data).__name__}")
    lr = positive_number(lr, "learning rate")
    epochs = whole_number(epochs, "epochs", 1)
    one_of(mode, "mode", MODES)
    if batch_size is not None:
        batch_size = whole_number(batch_size, "batch_size", 1, len(data))
    if mode == "minibatch" and batch_size is None:
        raise ValueError(f"mode 'minibatch' needs a batch_size between 1 and {len(data)}")
    chunk = {"sgd": 1, "batch": len(data)}.get(mode, batch_size)
    return lr, epochs, chunk


def evaluate(forward, theta, data: Dataset):
    """MSE over the data (float, or ndarray over the leading axis of theta) and the hidden z_i."""
    with np.errstate(all="ignore"):
        y_hat, z, _ = forward(theta, data.x)
        return np.mean((y_hat - data.y) ** 2, axis=-1), z


def train(model, data: Dataset, lr: float, epochs: int, mode: str = "sgd", batch_size: int | None = None) -> Run:
    """Train a copy of `model` on `data`; the model passed in is unchanged.

    mode : "sgd" updates after each sample in data order (the seed), "minibatch" after each consecutive
        chunk of `batch_size` samples with the chunk's mean gradient, "batch" once per epoch with the mean.
    """
    lr, epochs, chunk = check_setup(model, data, lr, epochs, mode, batch_size)
    run_epoch_seed_style = compile_epoch(model, chunk, len(data))
    forward = model.kernels(arrays=True).forward
    xs, ys = data.x.tolist(), data.y.tolist()
    theta = model.theta
    # the record grows as epochs finish: a run asked for a billion epochs that diverges at epoch 3 holds 3 rows
    table = np.empty((min(epochs, 1024), 3 + len(theta)))
    active = np.empty((len(table), model.width))
    done, diverged_at = epochs, None
    for epoch in range(epochs):
        theta, loss = run_epoch_seed_style(theta, xs, ys, lr)
        mse, z = evaluate(forward, theta, data)
        if not (math.isfinite(loss) and math.isfinite(mse) and all(map(math.isfinite, theta))):
            done, diverged_at = epoch, epoch
            break
        if epoch == len(table):
            table, active = _grown(table, epochs), _grown(active, epochs)
        table[epoch, :3] = epoch, loss, mse
        table[epoch, 3:] = theta
        active[epoch] = [np.count_nonzero(z_i > 0) for z_i in z]
    history = pd.DataFrame(table[:done], columns=["epoch", "loss", "mse", *model.names])
    history["epoch"] = history["epoch"].astype(int)
    final = model.with_theta(tuple(history.iloc[-1, 3:])) if done else model
    return Run(
        model=final,
        initial=model,
        data=data,
        lr=lr,
        epochs=epochs,
        mode=mode,
        batch_size=chunk,
        history=history,
        activity=_activity(active[:done] / len(data)),
        diverged_at=diverged_at,
    )


def _grown(rows: np.ndarray, limit: int) -> np.ndarray:
    """`rows` with room for twice as many (at most `limit`), the filled ones copied over."""
    grown = np.empty((min(2 * len(rows), limit), *rows.shape[1:]))
    grown[: len(rows)] = rows
    return grown


def _activity(fractions: np.ndarray) -> pd.DataFrame:
    epochs, width = fractions.shape
    return pd.DataFrame(
        {
            "epoch": np.repeat(np.arange(epochs), width),
            "unit": np.tile(np.arange(1, width + 1), epochs),
            "active_fraction": fractions.reshape(-1),
        }
    )


def sweep(model, data: Dataset, lrs, epochs: int, mode: str = "sgd", batch_size: int | None = None) -> pd.DataFrame:
    """Train `model` once per learning rate, all at once (each parameter an ndarray over the rates).

    Returns a DataFrame with one row per lr: lr, mse (final MSE; NaN where the run diverged) and
    diverged_at (the epoch, or NA) -- the same numbers as `train` gives for each lr alone.
    """
    rates = np.array([positive_number(lr, f"learning rate {i + 1}") for i, lr in enumerate(lrs)], dtype=float)
    if len(rates) == 0:
        raise ValueError("give at least one learning rate to sweep")
    _, epochs, chunk = check_setup(model, data, rates[0], epochs, mode, batch_size)
    run_epoch = compile_epoch(model, chunk, len(data), arrays=True)
    forward = model.kernels(arrays=True).forward
    xs, ys = data.x.tolist(), data.y.tolist()
    theta = [np.full(len(rates), p) for p in model.theta]
    diverged_at = np.full(len(rates), -1)
    with np.errstate(all="ignore"):
        for epoch in range(epochs):
            theta, loss = run_epoch(theta, xs, ys, rates)
            mse, _ = evaluate(forward, [p[:, None] for p in theta], data)
            finite = np.isfinite(loss) & np.isfinite(mse) & np.all(np.isfinite(theta), axis=0)
            diverged_at[~finite & (diverged_at < 0)] = epoch
    return pd.DataFrame(
        {
            "lr": rates,
            "mse": np.where(diverged_at < 0, mse, np.nan),
            "diverged_at": pd.array(np.where(diverged_at < 0, None, diverged_at), dtype="Int64"),
        }
    )
