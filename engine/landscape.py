"""The loss as a function of the parameters: surfaces, the least-squares line, stable learning rates."""

import math

import numpy as np
import pandas as pd

from .checks import finite_numbers, one_of, whole_number
from .data import Dataset
from .training import MODES


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
    with np.errstate(all="ignore"):
        y_hat, _, _ = model.kernels(arrays=True).forward(theta, data.x)
        mse = np.mean((y_hat - data.y) ** 2, axis=-1)
    mse = np.broadcast_to(mse, (p_grid.shape[0], q_grid.shape[1]))
    return pd.DataFrame({
        p: np.repeat(p_grid[:, 0, 0], q_grid.shape[1]),
        q: np.tile(q_grid[0, :, 0], p_grid.shape[0]),
        "mse": mse.reshape(-1),
    })


def least_squares(data: Dataset) -> tuple[float, float] | None:
    """The closed-form line minimising the MSE: (w, b), or None when there is no unique finite one.

    None when all x are equal (every slope fits as well) or the line is not representable in floats (x or y
    so large that the slope or intercept overflows). x is centred and scaled before squaring, so data near
    1e200 still gives its line rather than an overflow.
    """
    x, y = data.x, data.y
    with np.errstate(all="ignore"):
        dx = x - x.mean()
        scale = float(np.max(np.abs(dx)))
        if scale == 0 or not np.isfinite(scale):
            return None
        u = dx / scale  # |u| <= 1: its squares cannot overflow
        w = float(u @ (y - y.mean())) / float(u @ u) / scale
        b = float(y.mean() - w * x.mean())
    return (w, b) if np.isfinite(w) and np.isfinite(b) else None


def _curvature(x: np.ndarray) -> np.ndarray:
    """Hessian of the mean squared error of y = w*x + b over points x: (2/m) sum [[x^2, x], [x, 1]]."""
    with np.errstate(all="ignore"):
        return 2 * np.array([[x @ x, x.sum()], [x.sum(), len(x)]]) / len(x)


def curvatures(data: Dataset) -> tuple[float, float]:
    """The MSE of the line's two curvatures (the Hessian's eigenvalues, largest first): how steep the valley's walls
    are across it and along its floor. Their ratio is how long and narrow the valley is; (inf, inf) on overflow."""
    curvature = _curvature(data.x)
    if not np.isfinite(curvature).all():
        return math.inf, math.inf
    low, high = np.linalg.eigvalsh(curvature)
    return float(high), float(low)


def _chunk(data: Dataset, mode: str, batch_size: int | None) -> int:
    one_of(mode, "mode", MODES)
    return {"sgd": 1, "batch": len(data)}.get(mode) or whole_number(batch_size, "batch_size", 1, len(data))


def epoch_matrix(data: Dataset, lrs, mode: str = "sgd", batch_size: int | None = None) -> np.ndarray:
    """For Linear: the matrix A with (w, b) - optimum <- A ((w, b) - optimum) over one epoch, per lr.

    Each update multiplies the deviation by (I - lr * H_chunk), H_chunk the curvature of the chunk's MSE.
    lrs : shape (L,). Returns shape (L, 2, 2); entries overflow to inf or NaN where the product does.
    """
    chunk = _chunk(data, mode, batch_size)
    lrs = np.asarray(lrs, dtype=float)[:, None, None]
    product = np.broadcast_to(np.eye(2), lrs.shape[:1] + (2, 2))
    with np.errstate(all="ignore"):
        for start in range(0, len(data.x), chunk):
            product = (np.eye(2) - lrs * _curvature(data.x[start : start + chunk])) @ product
    return product


def _log_growth(data: Dataset, lrs: np.ndarray, chunk: int) -> np.ndarray:
    """log of the spectral radius of the epoch matrix, per lr, without overflow: each factor's product is
    rescaled by its largest entry and the scales are added up as logs. NaN where a factor is not finite."""
    product = np.broadcast_to(np.eye(2), lrs.shape + (2, 2))
    log_scale = np.zeros(len(lrs))
    with np.errstate(all="ignore"):
        for start in range(0, len(data.x), chunk):
            product = (np.eye(2) - lrs[:, None, None] * _curvature(data.x[start : start + chunk])) @ product
            size = np.abs(product).max(axis=(1, 2))
            size = np.where(np.isfinite(size) & (size > 0), size, 1.0)
            product = product / size[:, None, None]
            log_scale += np.log(size)
        finite = np.isfinite(product).all(axis=(1, 2))
        radius = np.zeros(len(lrs))
        radius[finite] = np.abs(np.linalg.eigvals(product[finite])).max(axis=1)
        return np.where(finite, log_scale + np.log(radius), np.nan)


def stable_lr(data: Dataset, mode: str = "sgd", batch_size: int | None = None) -> float:
    """The largest learning rate for which Linear training does not blow up, from the data alone.

    Full batch: 2 / (largest eigenvalue of the MSE's curvature), exactly. Per-sample and mini-batch: the
    largest lr below which the spectral radius of the epoch matrix stays <= 1, by a scan around 1/curvature
    and bisection. Defined for any finite data: 0.0 when x is so large that its squares overflow (no
    representable rate is stable), and never an error.
    """
    chunk = _chunk(data, mode, batch_size)
    curvature = _curvature(data.x)
    if not np.isfinite(curvature).all():
        return 0.0
    largest = float(np.linalg.eigvalsh(curvature).max())
    if mode == "batch" or chunk >= len(data):
        return float(2 / largest)

    def unstable(lrs):
        growth = _log_growth(data, lrs, chunk)
        return ~(growth <= np.log1p(1e-9))  # NaN (a factor overflowed) counts as unstable

    grid = np.geomspace(1e-8, 1e4, 1200) / largest  # stable rates scale as 1 / curvature
    bad = np.flatnonzero(unstable(grid))
    if len(bad) == 0:
        return float(grid[-1])
    low, high = (grid[bad[0] - 1] if bad[0] else 0.0), grid[bad[0]]
    for _ in range(60):
        middle = (low + high) / 2
        low, high = (low, middle) if unstable(np.array([middle]))[0] else (middle, high)
    return float(low)
