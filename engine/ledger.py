"""One sample's gradients, worked out: the chain-rule ledger and its finite-difference check."""

import math
import sys

import numpy as np
import pandas as pd

from .activations import ACTIVATIONS
from .checks import finite_number, positive_number
from .latex import number as _n
from .latex import partial as _d
from .layered_ledger import layered_ledger
from .network import MODELS, Network
from .optimizers import SGD
from .program import weight_names
from .update_ledger import update_rows

SEED_NAMES = {  # the seed notebook's variable names for the 2-unit net
    "z_1": "z1", "h_1": "h1", "z_2": "z2", "h_2": "h2", "y_hat": "y_pred", "error": "error", "loss": "loss",
    "dL/dy_hat": "dL_dy", "dL/dv_1": "dw3", "dL/dv_2": "dw4", "dL/dc": "db3", "dL/dh_1": "dh1", "dL/dh_2": "dh2",
    "dL/dz_1": "dz1", "dL/dz_2": "dz2", "dL/dw_1": "dw1", "dL/db_1": "db1", "dL/dw_2": "dw2", "dL/db_2": "db2",
    "new w_1": "w1", "new b_1": "b1", "new w_2": "w2", "new b_2": "b2", "new v_1": "w3", "new v_2": "w4", "new c": "b3",
}
LINEAR_SEED_NAMES = {
    "y_hat": "y_pred", "error": "error", "loss": "loss", "dL/dw": "dw", "dL/db": "db", "new w": "w", "new b": "b",
}


def _check(model, x, y):
    if not isinstance(model, MODELS):
        raise ValueError(f"model must be engine.Linear, engine.MLP or engine.Network, got {type(model).__name__}")
    return finite_number(x, "x"), finite_number(y, "y")


def gradients(model, x: float, y: float) -> dict:
    """d(squared error)/d(parameter) of the single sample's loss (y_hat - y)^2 at (x, y).

    For Linear and MLP, a dict from parameter name to gradient. For a Network, {"weights": [...], "biases": [...]}
    shaped like the model's: ndarrays of shape (n_out, n_in) and (n_out,) per layer."""
    named = _gradients(model, x, y)
    if isinstance(model, Network):
        weights, biases = model.split(list(named.values()))
        return {"weights": weights, "biases": biases}
    return named


def _gradients(model, x: float, y: float) -> dict[str, float]:
    x, y = _check(model, x, y)
    _, grads, _ = model.kernels().backprop(model.theta, x, y)
    return dict(zip(model.names, map(float, grads)))


def sample_loss(model, x: float, y: float) -> float:
    """The squared error (y_hat - y)^2 of `model` at one sample."""
    x, y = _check(model, x, y)
    y_hat, _, _ = model.kernels().forward(model.theta, x)
    return (y_hat - y) * (y_hat - y)


def gradient_check(model, x: float, y: float, eps: float = 1e-4) -> pd.DataFrame:
    """Compare `gradients` with a finite-difference estimate, one row per parameter, and say whether they agree.

    Each parameter p is nudged by its own step h = eps * max(1, |p|), and the estimate is the fourth-order central
    difference (8 (L(p+h) - L(p-h)) - (L(p+2h) - L(p-2h))) / 12h, whose error from the step is of order h^4.
    Rounding still limits it: the losses carry errors near machine epsilon times |L|, which the division by h
    magnifies, so a tiny gradient next to a large loss (a saturated tanh unit) cannot be resolved any finer.

    Columns: parameter, analytic, numeric, rel_error (|analytic - numeric| / max(|analytic|, |numeric|), 0 where
    both are 0), step (h), tolerance (what rounding and the step can make them differ by: each loss (y_hat - y)^2
    carries the rounding of y_hat, a few machine-epsilons of S = |y| + the sizes of y_hat's terms, times 2|e|,
    and the difference divides it by h; plus 1e-6 relative), agree (|analytic - numeric| <= tolerance), kink (the
    hidden units
    whose z the nudges move across 0, where the activation's slope jumps and a finite difference averages two
    slopes, e.g. "z_2"; "" when none).
    """
    eps = positive_number(eps, "eps")
    x, y = _check(model, x, y)
    analytic = _gradients(model, x, y)
    machine = sys.float_info.epsilon
    kinked = getattr(model, "activation", None) and ACTIVATIONS[model.activation].kink
    theta = np.array(model.theta, dtype=float)
    count = len(theta)
    h = eps * np.maximum(1.0, np.abs(theta))
    # every nudged model at once, one column each: column 4i + s moves parameter i by (-2, -1, 1, 2)[s] * h_i
    nudged = np.repeat(theta[:, None], 4 * count, axis=1)
    nudged[np.repeat(np.arange(count), 4), np.arange(4 * count)] += np.tile(NUDGES, count) * np.repeat(h, 4)
    forward = model.kernels(arrays=True).forward
    with np.errstate(all="ignore"):
        y_hat, zs, _ = forward(nudged, x)
        losses = ((y_hat - y) * (y_hat - y)).reshape(count, 4)  # columns: p - 2h, p - h, p + h, p + 2h
        numeric = (8 * (losses[:, 2] - losses[:, 1]) - (losses[:, 3] - losses[:, 0])) / (12 * h)
        error = np.sqrt(losses.max(axis=1))  # the largest |y_hat - y| of each parameter's nudges
        scale = _terms(model, nudged, x, y).reshape(count, 4).max(axis=1)
        tolerance = 48 * machine * (error * scale + error * error) / h
    crossed = _crossed(model, forward(theta[:, None], x)[1], zs, count) if kinked else [""] * count
    rows = []
    for i, name in enumerate(model.names):
        estimate = float(numeric[i])
        bound = float(tolerance[i]) + 1e-6 * max(abs(analytic[name]), abs(estimate))
        rows.append((name, analytic[name], estimate, relative_error(analytic[name], estimate), float(h[i]), bound,
                     bool(abs(analytic[name] - estimate) <= bound), crossed[i]))
    return pd.DataFrame(rows, columns=["parameter", "analytic", "numeric", "rel_error", "step", "tolerance", "agree",
                                       "kink"])


NUDGES = np.array([-2.0, -1.0, 1.0, 2.0])


def _terms(model, thetas: np.ndarray, x: float, y: float) -> np.ndarray:
    """For each column of parameters: |y| plus the sizes of the terms y_hat adds up (|w x| + |b| for the line;
    sum |v_i| (|w_i x| + |b_i|) + |c| for the one-layer net; layer by layer |z_j| <= sum_i |W_ji| |a_i| + |b_j| for
    a deeper one, an activation's value being at most |z|, or 1 for sigmoid): what the rounding of y_hat - y
    scales with."""
    size = np.abs(thetas)
    if model.width == 0:
        return abs(y) + size[0] * abs(x) + size[1]
    if not isinstance(model, Network):
        H = model.width
        w, b, v, c = size[:H], size[H : 2 * H], size[2 * H : 3 * H], size[3 * H]
        return abs(y) + c + (v * (w * abs(x) + b)).sum(axis=0)
    below, at, last = np.full((1, thetas.shape[1]), abs(x)), 0, len(model.sizes) - 2
    for k, (n_in, n_out) in enumerate(zip(model.sizes, model.sizes[1:])):
        w = size[at : at + n_out * n_in].reshape(n_out, n_in, -1)
        at += n_out * n_in
        below = np.einsum("oik,ik->ok", w, below) + size[at : at + n_out]
        at += n_out
        if k < last and model.activation == "sigmoid":
            below = np.maximum(below, 1.0)
    return abs(y) + below[0]


def _crossed(model, base, nudged, count: int) -> list[str]:
    """For each parameter, the hidden units whose pre-activation z changes sign between the model (`base`, the
    forward pass's z) and any of that parameter's four nudged models (`nudged`, one column each): "z_2" or
    "z2_3, ..."; "" when none."""
    if isinstance(model, Network):
        labels = [f"z{k}_{j}" for k, width in enumerate(model.widths, 1) for j in range(1, width + 1)]
        base, nudged = [z for layer in base for z in layer], [z for layer in nudged for z in layer]
    else:
        labels = [f"z_{unit}" for unit in range(1, model.width + 1)]
    moved = np.array([(np.sign(np.asarray(z).reshape(count, 4)) != np.sign(np.asarray(z0).reshape(-1)[0])).any(axis=1)
                      for z, z0 in zip(nudged, base)])  # (units, parameters)
    return [", ".join(label for label, flag in zip(labels, moved[:, i]) if flag) for i in range(count)]




def ledger(model, x: float, y: float, lr: float, optimizer=None, state: dict | None = None,
           l1: float = 0.0) -> pd.DataFrame:
    """Every value of one update at sample (x, y): forward pass, chain-rule factors, gradients, new parameters.

    Returns a DataFrame in computation order with columns: stage ("forward", "backward", "update"),
    name (e.g. "z_1", "dL/dz_1", "new w_1"), seed (the seed notebook's variable name, "" if none),
    symbolic (LaTeX of the formula), latex (the formula with numbers substituted and its result), value.
    A Network's ledger goes layer by layer (engine/layered_ledger.py) and adds the columns layer and unit.
    optimizer, state, l1 : the update's optimizer (default plain SGD), its state before this update (Run.state's
    layout, e.g. from before_step; None: the first step) and the L1 penalty; the update stage then writes out the
    penalties, running averages and corrections (engine/update_ledger.py).
    """
    optimizer = optimizer or SGD()
    x, y = _check(model, x, y)
    lr = finite_number(lr, "learning rate")
    if lr < 0:  # 0 is an update that changes nothing: a schedule's rate can decay to it
        raise ValueError(f"learning rate must be 0 or more, got {lr!r}")
    if isinstance(model, Network):
        return layered_ledger(model, x, y, lr, optimizer, state, l1)
    error, grads, trace = model.kernels().backprop(model.theta, x, y)
    rows = []

    def add(stage, name, symbolic, substituted, value):
        rows.append((stage, name, symbolic, f"{symbolic} = {substituted} = {_n(value, wrap=False)}", float(value)))

    if model.width == 0:
        y_hat, dy = trace
        add("forward", "y_hat", r"\hat y = w x + b", f"{_n(model.w)} \\cdot {_n(x)} + {_n(model.b)}", y_hat)
    else:
        y_hat, dy, z, h, dh, dz = trace
        H, act = model.width, ACTIVATIONS[model.activation]
        for i, k in enumerate(range(1, H + 1)):
            add("forward", f"z_{k}", f"z_{k} = w_{k} x + b_{k}",
                f"{_n(model.w[i])} \\cdot {_n(x)} + {_n(model.b[i])}", z[i])
            add("forward", f"h_{k}", f"h_{k} = {act.latex.replace('z', f'z_{k}')}", f"f({_n(z[i], wrap=False)})", h[i])
        terms = " + ".join(f"{_n(model.v[i])} \\cdot {_n(h[i])}" for i in range(H))
        add("forward", "y_hat", r"\hat y = \sum_i v_i h_i + c", f"{terms} + {_n(model.c)}", y_hat)
    add("forward", "error", r"e = \hat y - y", f"{_n(y_hat)} - {_n(y)}", error)
    add("forward", "loss", r"L = e^2", f"{_n(error)}^2", error * error)
    d_y = _d(r"\hat y")
    add("backward", "dL/dy_hat", rf"{d_y} = 2e", f"2 \\cdot {_n(error)}", dy)
    if model.width == 0:
        add("backward", "dL/dw", rf"{_d('w')} = {d_y} x", f"{_n(dy)} \\cdot {_n(x)}", grads[0])
        add("backward", "dL/db", rf"{_d('b')} = {d_y}", _n(dy), grads[1])
    else:
        for i, k in enumerate(range(1, H + 1)):
            dv = grads[2 * H + i]
            add("backward", f"dL/dv_{k}", f"{_d(f'v_{k}')} = {d_y} h_{k}", f"{_n(dy)} \\cdot {_n(h[i])}", dv)
        add("backward", "dL/dc", f"{_d('c')} = {d_y}", _n(dy), dy)
        for i, k in enumerate(range(1, H + 1)):
            d_h, d_z, slope = _d(f"h_{k}"), _d(f"z_{k}"), act.df(z[i])
            add("backward", f"dL/dh_{k}", f"{d_h} = {d_y} v_{k}", f"{_n(dy)} \\cdot {_n(model.v[i])}", dh[i])
            add("backward", f"f'(z_{k})", f"f'(z_{k}) = " + act.dlatex.replace("z", f"z_{k}"),
                f"f'({_n(z[i], wrap=False)})", slope)
            add("backward", f"dL/dz_{k}", f"{d_z} = {d_h} f'(z_{k})", f"{_n(dh[i])} \\cdot {_n(slope)}", dz[i])
            add("backward", f"dL/dw_{k}", f"{_d(f'w_{k}')} = {d_z} x", f"{_n(dz[i])} \\cdot {_n(x)}", grads[i])
            add("backward", f"dL/db_{k}", f"{_d(f'b_{k}')} = {d_z}", _n(dz[i]), grads[H + i])
    for name, symbolic, substituted, value, _ in update_rows(model.names, model.theta, grads, lr, optimizer, state,
                                                              l1, weight_names(model), str, _d):
        add("update", name, symbolic, substituted, value)
    table = pd.DataFrame(rows, columns=["stage", "name", "symbolic", "latex", "value"])
    seed = SEED_NAMES if model.width == 2 else LINEAR_SEED_NAMES if model.width == 0 else {}
    table.insert(2, "seed", [seed.get(name, "") for name in table["name"]])
    return table




def relative_error(a: float, b: float) -> float:
    """|a - b| / max(|a|, |b|), 0 when both are 0: the scale-free distance used by the gradient check."""
    scale = max(abs(a), abs(b))
    if not math.isfinite(scale):
        return math.nan
    return abs(a - b) / scale if scale else 0.0
