"""The activation table: one place to add one.

Each activation is written twice, side by side: as plain Python on one float (the functions below, which
the readable kernels call, the compiled training loop compiles, and exported scripts carry as their
source text) and elementwise on ndarrays (for curves, losses and surfaces). Both compute the same
formula: they agree to the last bit for relu, leaky_relu and identity, and to rounding for tanh and sigmoid.
"""

import inspect
import math
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

LEAK = 0.01  # slope of leaky_relu for z <= 0 (written out as 0.01 in leaky_relu's plain-Python source)


def relu(z):
    """ReLU: z where z > 0, else 0."""
    return z if z > 0 else 0.0


def relu_derivative(z):
    """ReLU's slope: 1 where z > 0, else 0."""
    return 1.0 if z > 0 else 0.0


def leaky_relu(z):
    """Leaky ReLU: z where z > 0, else 0.01 z."""
    return z if z > 0 else 0.01 * z


def leaky_relu_derivative(z):
    """Leaky ReLU's slope: 1 where z > 0, else 0.01."""
    return 1.0 if z > 0 else 0.01


def tanh(z):
    """Hyperbolic tangent."""
    return math.tanh(z)


def tanh_derivative(z):
    """tanh's slope: 1 - tanh(z)^2."""
    return 1.0 - math.tanh(z) ** 2


def sigmoid(z):
    """Logistic sigmoid 1 / (1 + e^-z)."""
    e = math.exp(-abs(z))  # never overflows
    return 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)


def sigmoid_derivative(z):
    """The sigmoid's slope: s (1 - s) with s = sigmoid(z)."""
    e = math.exp(-abs(z))
    s = 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)  # sigmoid(z)
    return s * (1.0 - s)


def identity(z):
    """Identity: z itself."""
    return z


def identity_derivative(z):
    """Identity's slope: 1."""
    return 1.0


def _sigmoid_array(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


@dataclass(frozen=True)
class Activation:
    """An activation h = f(z) and its derivative f'(z).

    f, df : the plain-Python functions on one float (standard library only).
    f_array, df_array : the same two functions, elementwise on an ndarray of any shape.
    latex, dlatex : f(z) and f'(z) in LaTeX.
    can_die : f'(z) = 0 for every z <= 0, so a unit whose z <= 0 on all data gets no gradient and stops learning.
    kink : f' jumps at z = 0 (relu, leaky_relu): the unit's output bends where w*x + b = 0.
    switches_off : f(z) = 0 for every z <= 0, so a unit with z <= 0 outputs nothing (relu).
    """

    name: str
    f: Callable[[float], float]
    df: Callable[[float], float]
    f_array: Callable[[np.ndarray], np.ndarray]
    df_array: Callable[[np.ndarray], np.ndarray]
    latex: str
    dlatex: str
    can_die: bool
    kink: bool
    switches_off: bool

    @property
    def source(self) -> str:
        """The plain-Python text of f and f', as exported scripts carry it (uses `math` for tanh and sigmoid)."""
        return inspect.getsource(self.f) + "\n\n" + inspect.getsource(self.df)


ACTIVATIONS = {
    "relu": Activation("relu", relu, relu_derivative, lambda z: np.maximum(z, 0.0),
                       lambda z: (z > 0).astype(float), r"\max(0, z)", r"[z > 0]",
                       can_die=True, kink=True, switches_off=True),
    "leaky_relu": Activation("leaky_relu", leaky_relu, leaky_relu_derivative,
                             lambda z: np.where(z > 0, z, LEAK * z), lambda z: np.where(z > 0, 1.0, LEAK),
                             rf"\max({LEAK}z,\ z)", rf"1 \text{{ if }} z > 0 \text{{ else }} {LEAK}",
                             can_die=False, kink=True, switches_off=False),
    "tanh": Activation("tanh", tanh, tanh_derivative, np.tanh, lambda z: 1.0 - np.tanh(z) ** 2,
                       r"\tanh z", r"1 - \tanh^2 z", can_die=False, kink=False, switches_off=False),
    "sigmoid": Activation("sigmoid", sigmoid, sigmoid_derivative, _sigmoid_array,
                          lambda z: _sigmoid_array(z) * (1.0 - _sigmoid_array(z)),
                          r"\sigma(z) = 1 / (1 + e^{-z})", r"\sigma(z)(1 - \sigma(z))",
                          can_die=False, kink=False, switches_off=False),
    "identity": Activation("identity", identity, identity_derivative, lambda z: z, lambda z: np.ones_like(z),
                           r"z", r"1", can_die=False, kink=False, switches_off=False),
}
