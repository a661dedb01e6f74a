"""The activation table: one place to add one.

Each activation has a float version (for the per-sample loop, plain Python as in the seed notebook)
and an ndarray version (elementwise, for curves, losses and learning-rate sweeps). Both compute the
same formula, so they agree to the last bit for relu, leaky_relu and identity, and to rounding for
tanh and sigmoid.
"""

import math
from dataclasses import dataclass
from typing import Callable

import numpy as np

LEAK = 0.01  # slope of leaky_relu for z <= 0


@dataclass(frozen=True)
class Activation:
    """An activation h = f(z) and its derivative f'(z), on floats and on ndarrays."""

    name: str
    f: Callable[[float], float]
    df: Callable[[float], float]
    f_array: Callable[[np.ndarray], np.ndarray]
    df_array: Callable[[np.ndarray], np.ndarray]
    latex: str  # f(z) in LaTeX
    dlatex: str  # f'(z) in LaTeX
    can_die: bool  # True when f'(z) = 0 for every z <= 0, so a unit can stop learning for good


def _sigmoid(z: float) -> float:
    e = math.exp(-abs(z))  # never overflows
    return 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)


def _sigmoid_array(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


ACTIVATIONS = {
    "relu": Activation(
        "relu",
        lambda z: z if z > 0 else 0.0,
        lambda z: 1.0 if z > 0 else 0.0,
        lambda z: np.where(z > 0, z, 0.0),
        lambda z: np.where(z > 0, 1.0, 0.0),
        r"\max(0, z)",
        r"[z > 0]",
        can_die=True,
    ),
    "leaky_relu": Activation(
        "leaky_relu",
        lambda z: z if z > 0 else LEAK * z,
        lambda z: 1.0 if z > 0 else LEAK,
        lambda z: np.where(z > 0, z, LEAK * z),
        lambda z: np.where(z > 0, 1.0, LEAK),
        r"\max(0.01z, z)",
        r"1 \text{ if } z > 0 \text{ else } 0.01",
        can_die=False,
    ),
    "tanh": Activation(
        "tanh",
        math.tanh,
        lambda z: 1.0 - math.tanh(z) ** 2,
        np.tanh,
        lambda z: 1.0 - np.tanh(z) ** 2,
        r"\tanh z",
        r"1 - \tanh^2 z",
        can_die=False,
    ),
    "sigmoid": Activation(
        "sigmoid",
        _sigmoid,
        lambda z: _sigmoid(z) * (1.0 - _sigmoid(z)),
        _sigmoid_array,
        lambda z: _sigmoid_array(z) * (1.0 - _sigmoid_array(z)),
        r"\sigma(z)",
        r"\sigma(z)(1 - \sigma(z))",
        can_die=False,
    ),
    "identity": Activation(
        "identity",
        lambda z: z,
        lambda z: 1.0,
        lambda z: z,
        lambda z: np.ones_like(z),
        r"z",
        r"1",
        can_die=False,
    ),
}
