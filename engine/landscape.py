"""The loss as a function of the parameters: surfaces, the least-squares line, stable learning rates."""

import numpy as np
import pandas as pd

from .checks import finite_numbers, one_of, whole_number
from .data import Dataset
from .training import MODES, evaluate


def loss_surface(model, data: Dataset, p: str, q: str, p_values, q_values) -> pd.DataFrame:
    """MSE over a grid of two parameters `p` and `q`, the others held at the model's values.

    p_values, q_values : sequences of floats, shapes (P,) and (Q,). Returns a long DataFrame of P*Q rows
    with columns p, q, mse. For Linear over (w, b) this is the exact loss surface.
    """
    names = list(model.names)
    for name in (p, q):
        one_of(name, "parameter", names)
    if p == q:
        raise ValueError("pick two different parameters for the loss surface")
    p_grid = np.array(finite_numbers(p_values, p))[:, None, None]
    q_grid = np.array(finite_numbers(q_values, q))[None, :, None]
    theta = [p_grid if name == p else q_grid if name == q else value for name, value in zip(names, model.theta)]
    mse, _ = evaluate(model.kernels(arrays=True).forward, theta, data)
    mse = np.broadcast_to(mse, (p_grid.shape[0], q_grid.shape[1]))
    return pd.DataFrame({
        p: np.repeat(p_grid[:, 0, 0], q_grid.shape[1]),
        q: np.tile(q_grid[0, :, 0], p_grid.shape[0]),
        "mse": mse.reshape(-1),
    })


def least_squares(data: Dataset) -> tuple[float, float] | None:
    """The closed-form line minimising the MSE: (w, b), or None when all x are equal (no unique line)."""
    x, y = data.x, data.y
    dx = x - x.mean()
    sxx = float(dx @ dx)
    if sxx == 0:
        return None
    w = float(dx @ (y - y.mean())) / sxx
    return w, float(y.mean() - w * x.mean())


def _curvature(x: np.ndarray) -> np.ndarray:
    """Hessian of the mean squared error of y = w*x + b over points x: (2/m) sum [[x^2, x], [x, 1]]."""
    return 2 * np.array([[x @ x, x.sum()], [x.sum(), len(x)]]) / len(x)


def epoch_matrix(data: Dataset, lrs, mode: str = "sgd", batch_size: int | None = None) -> np.ndarray:
    """For Linear: the matrix A with (w, b) - optimum <- A ((w, b) - optimum) over one epoch, per lr.

    Each update multiplies the deviation by (I - lr * H_chunk), H_chunk the curvature of the chunk's MSE.
    lrs : shape (L,). Returns shape (L, 2, 2).
    """
    one_of(mode, "mode", MODES)
    chunk = {"sgd": 1, "batch": len(data.x)}.get(mode) or whole_number(batch_size, "batch_size", 1, len(data.x))
    lrs = np.asarray(lrs, dtype=float)[:, None, None]
    product = np.broadcast_to(np.eye(2), lrs.shape[:1] + (2, 2))
    for start in range(0, len(data.x), chunk):
        step = np.eye(2) - lrs * _curvature(data.x[start : start + chunk])
        product = step @ product
    return product


def stable_lr(data: Dataset, mode: str = "sgd", batch_size: int | None = None) -> float:
    """The largest learning rate for which Linear training does not blow up, from the data alone.

    Full batch: 2 / (largest eigenvalue of the MSE's curvature), exactly. Per-sample and mini-batch: the
    largest lr below which the spectral radius of the epoch matrix stays <= 1, by scan and bisection.
    """
    if mode == "batch":
        return float(2 / np.linalg.eigvalsh(_curvature(data.x)).max())

    def unstable(lrs):
        return np.abs(np.linalg.eigvals(epoch_matrix(data, lrs, mode, batch_size))).max(axis=1) > 1 + 1e-9

    grid = np.geomspace(1e-8, 1e4, 1200)
    bad = np.flatnonzero(unstable(grid))
    if len(bad) == 0:
        return float(grid[-1])
    low, high = (grid[bad[0] - 1] if bad[0] else 0.0), grid[bad[0]]
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (low, middle) if unstable(np.array([middle]))[0] else (middle, high)
    return float(low)
