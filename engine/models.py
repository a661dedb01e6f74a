"""Models as immutable values. Each model's backward pass sits right under its forward pass.

A model exposes its parameters as one flat tuple `theta` in column order (`names`), and `kernels`
returns the math of one sample, written to be read:

- forward(theta, x) -> (y_hat, z, h): the prediction, and the hidden pre-activations z_i and
  activations h_i (lists, empty for Linear). x may be a float or an ndarray; theta entries may
  be floats or ndarrays that broadcast against x (predictions, losses and surfaces over many
  points or parameter values at once).
- backprop(theta, x, y) -> (error, grads, trace): one sample's error y_hat - y, the gradient of
  the squared error (y_hat - y)^2 for every parameter (a list in `names` order), and the
  intermediate values of the chain rule (used by the ledger and `gradients`).

Training runs the same arithmetic compiled over the model's layers (engine/compiled/); the tests hold its
updates to these kernels.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from .activations import ACTIVATIONS
from .checks import finite_number, finite_numbers, one_of, whole_number

MAX_WIDTH = 32
SCHEMES = ("he", "xavier", "uniform")


class Kernels(NamedTuple):
    """The forward and backprop functions of one model structure (see the module docstring)."""

    forward: Callable
    backprop: Callable


@dataclass(frozen=True)
class Linear:
    """Linear regression y = w*x + b."""

    w: float = 0.0
    b: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "w", finite_number(self.w, "w"))
        object.__setattr__(self, "b", finite_number(self.b, "b"))

    width = 0  # no hidden units
    activation = None
    sizes = (1, 1)  # as layers: one linear unit on the one input

    @property
    def names(self) -> tuple[str, ...]:
        """Parameter names in column order: ("w", "b")."""
        return ("w", "b")

    @property
    def theta(self) -> tuple[float, ...]:
        """Parameters in `names` order."""
        return (self.w, self.b)

    def with_theta(self, theta) -> "Linear":
        """A new Linear with the parameters `theta` (in `names` order)."""
        return Linear(*theta)

    def kernels(self, arrays: bool = False) -> Kernels:
        """Forward and backprop for y = w*x + b (the same code for floats and ndarrays)."""

        def forward(theta, x):
            w, b = theta
            return w * x + b, [], []  # y_hat = w·x + b

        def backprop(theta, x, y):
            y_hat, _, _ = forward(theta, x)
            error = y_hat - y
            dy = 2 * error  # dL/dy_hat = 2(y_hat - y)
            dw = dy * x  # dL/dw = dL/dy_hat · x
            db = dy  # dL/db = dL/dy_hat · 1
            return error, [dw, db], (y_hat, dy)

        return Kernels(forward, backprop)

    def predict(self, x):
        """Prediction at x: a float for a number, an ndarray of the same shape for an array."""
        return _predict(self, x)


@dataclass(frozen=True)
class MLP:
    """One hidden layer: z_i = w_i*x + b_i, h_i = act(z_i), y = sum_i v_i*h_i + c.

    w, b, v : tuples of floats of length H = width (1..32); c : float; activation : a key of ACTIVATIONS.
    The seed notebook's names map as w1=w_1, b1=b_1, w2=w_2, b2=b_2, w3=v_1, w4=v_2, b3=c.
    """

    w: tuple = (0.1, -0.1)
    b: tuple = (0.0, 0.0)
    v: tuple = (0.1, 0.1)
    c: float = 0.0
    activation: str = "relu"

    def __post_init__(self):
        w, b, v = (finite_numbers(getattr(self, name), name) for name in "wbv")
        if not 1 <= len(w) <= MAX_WIDTH:
            raise ValueError(f"the hidden layer needs 1 to {MAX_WIDTH} units: w has {len(w)} values")
        if not len(w) == len(b) == len(v):
            raise ValueError(
                f"w, b and v need one value per hidden unit, the same count each; got {len(w)}, {len(b)} and {len(v)}"
            )
        object.__setattr__(self, "w", w)
        object.__setattr__(self, "b", b)
        object.__setattr__(self, "v", v)
        object.__setattr__(self, "c", finite_number(self.c, "c"))
        one_of(self.activation, "activation", tuple(ACTIVATIONS))

    @classmethod
    def init(cls, hidden: int = 2, scheme: str = "he", seed: int = 0, activation: str = "relu") -> "MLP":
        """A net of `hidden` units with random weights from `scheme`, reproducible from `seed`.

        he: w ~ N(0, 2/fan_in), v ~ N(0, 2/H); xavier: N(0, 2/(fan_in + fan_out)) for both layers;
        uniform: w, v ~ U(-1, 1). Biases start at 0, as in the seed notebook.
        """
        hidden = whole_number(hidden, "width", 1, MAX_WIDTH)
        one_of(scheme, "init scheme", SCHEMES)
        rng = np.random.default_rng(whole_number(seed, "seed", 0))
        if scheme == "he":
            w, v = rng.normal(0.0, np.sqrt(2.0), hidden), rng.normal(0.0, np.sqrt(2.0 / hidden), hidden)
        elif scheme == "xavier":
            w, v = (rng.normal(0.0, np.sqrt(2.0 / (1 + hidden)), hidden) for _ in range(2))
        else:
            w, v = (rng.uniform(-1.0, 1.0, hidden) for _ in range(2))
        return cls(w=tuple(w), b=(0.0,) * hidden, v=tuple(v), c=0.0, activation=activation)

    @property
    def width(self) -> int:
        """H, the number of hidden units."""
        return len(self.w)

    @property
    def sizes(self) -> tuple[int, ...]:
        """Units per layer, input to output: (1, H, 1)."""
        return (1, self.width, 1)

    @property
    def names(self) -> tuple[str, ...]:
        """Parameter names in column order: w_1..w_H, b_1..b_H, v_1..v_H, c."""
        units = range(1, self.width + 1)
        return (*(f"w_{i}" for i in units), *(f"b_{i}" for i in units), *(f"v_{i}" for i in units), "c")

    @property
    def theta(self) -> tuple[float, ...]:
        """Parameters in `names` order."""
        return (*self.w, *self.b, *self.v, self.c)

    def with_theta(self, theta) -> "MLP":
        """A new MLP of the same width and activation with the parameters `theta` (in `names` order)."""
        H = self.width
        return MLP(theta[:H], theta[H : 2 * H], theta[2 * H : 3 * H], theta[3 * H], self.activation)

    def kernels(self, arrays: bool = False) -> Kernels:
        """Forward and backprop of the net, on floats (arrays=False) or on ndarrays (arrays=True)."""
        H = self.width
        act = ACTIVATIONS[self.activation]
        f, df = (act.f_array, act.df_array) if arrays else (act.f, act.df)

        def forward(theta, x):
            w, b, v, c = theta[:H], theta[H : 2 * H], theta[2 * H : 3 * H], theta[3 * H]
            z = [w_i * x + b_i for w_i, b_i in zip(w, b)]  # z_i = w_i·x + b_i
            h = [f(z_i) for z_i in z]  # h_i = act(z_i)
            y_hat = sum([v_i * h_i for v_i, h_i in zip(v, h)]) + c  # y_hat = Σ v_i·h_i + c
            return y_hat, z, h

        def backprop(theta, x, y):
            y_hat, z, h = forward(theta, x)
            v = theta[2 * H : 3 * H]
            error = y_hat - y
            # go back from the loss to each parameter, one chain-rule factor a line
            dy = 2 * error  # dL/dy_hat = 2(y_hat - y)
            dv = [dy * h_i for h_i in h]  # dL/dv_i = dL/dy_hat · h_i
            dc = dy  # dL/dc = dL/dy_hat · 1
            dh = [dy * v_i for v_i in v]  # dL/dh_i = dL/dy_hat · v_i
            dz = [dh_i * df(z_i) for dh_i, z_i in zip(dh, z)]  # dL/dz_i = dL/dh_i · act'(z_i)
            dw = [dz_i * x for dz_i in dz]  # dL/dw_i = dL/dz_i · x
            db = dz  # dL/db_i = dL/dz_i · 1
            return error, [*dw, *db, *dv, dc], (y_hat, dy, z, h, dh, dz)

        return Kernels(forward, backprop)

    def predict(self, x):
        """Prediction at x: a float for a number, an ndarray of the same shape for an array."""
        return _predict(self, x)

    def kinks(self) -> np.ndarray:
        """Each unit's kink, the x where z_i = w_i*x + b_i changes sign: -b_i/w_i, shape (H,); NaN where w_i = 0."""
        w, b = np.asarray(self.w), np.asarray(self.b)
        with np.errstate(all="ignore"):
            return np.where(w != 0, -b / np.where(w != 0, w, 1.0), np.nan)

    def contributions(self, x) -> np.ndarray:
        """Each unit's share of the output, v_i*h_i(x): ndarray of shape (H, len(x))."""
        x = np.asarray(x, dtype=float)
        act = ACTIVATIONS[self.activation]
        with np.errstate(all="ignore"):
            z = np.asarray(self.w)[:, None] * x + np.asarray(self.b)[:, None]
            return np.asarray(self.v)[:, None] * act.f_array(z)


def _predict(model, x):
    if np.ndim(x) == 0:
        return float(model.kernels(arrays=False).forward(model.theta, finite_number(x, "x"))[0])
    with np.errstate(all="ignore"):
        return np.asarray(model.kernels(arrays=True).forward(model.theta, np.asarray(x, dtype=float))[0])
