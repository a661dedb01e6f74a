"""The activation table: one place to add one.

Each activation is written twice, side by side: as plain Python on one float (`source`, the text that
exported scripts carry and the per-sample training loop runs) and elementwise on ndarrays (for curves,
losses and learning-rate sweeps). Both compute the same formula: they agree to the last bit for relu,
leaky_relu and identity, and to rounding for tanh and sigmoid.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

LEAK = 0.01  # slope of leaky_relu for z <= 0


@dataclass(frozen=True)
class Activation:
    """An activation h = f(z) and its derivative f'(z).

    source : Python defining `<name>(z)` and `<name>_derivative(z)` on floats (standard library only).
    f_array, df_array : the same two functions, elementwise on an ndarray of any shape.
    can_die : True when f'(z) = 0 for every z <= 0, so a unit whose z <= 0 on all data stops learning.
    """

    name: str
    source: str
    f_array: Callable[[np.ndarray], np.ndarray]
    df_array: Callable[[np.ndarray], np.ndarray]
    latex: str
    dlatex: str
    can_die: bool
    f: Callable[[float], float] = field(init=False, repr=False)
    df: Callable[[float], float] = field(init=False, repr=False)

    def __post_init__(self):
        namespace = {}
        exec(compile(self.source, f"<activation {self.name}>", "exec"), namespace)  # noqa: S102 (constant text)
        object.__setattr__(self, "f", namespace[self.name])
        object.__setattr__(self, "df", namespace[f"{self.name}_derivative"])


def _sigmoid_array(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))  # never overflows
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


ACTIVATIONS = {
    "relu": Activation(
        "relu",
        "def relu(z):\n"
        "    return z if z > 0 else 0.0\n\n"
        "def relu_derivative(z):\n"
        "    return 1.0 if z > 0 else 0.0\n",
        lambda z: np.maximum(z, 0.0),
        lambda z: (z > 0).astype(float),
        r"\max(0, z)",
        r"[z > 0]",
        can_die=True,
    ),
    "leaky_relu": Activation(
        "leaky_relu",
        "def leaky_relu(z):\n"
        f"    return z if z > 0 else {LEAK} * z\n\n"
        "def leaky_relu_derivative(z):\n"
        f"    return 1.0 if z > 0 else {LEAK}\n",
        lambda z: np.where(z > 0, z, LEAK * z),
        lambda z: np.where(z > 0, 1.0, LEAK),
        rf"\max({LEAK}z,\ z)",
        rf"1 \text{{ if }} z > 0 \text{{ else }} {LEAK}",
        can_die=False,
    ),
    "tanh": Activation(
        "tanh",
        "import math\n\n"
        "def tanh(z):\n"
        "    return math.tanh(z)\n\n"
        "def tanh_derivative(z):\n"
        "    return 1.0 - math.tanh(z) ** 2\n",
        np.tanh,
        lambda z: 1.0 - np.tanh(z) ** 2,
        r"\tanh z",
        r"1 - \tanh^2 z",
        can_die=False,
    ),
    "sigmoid": Activation(
        "sigmoid",
        "import math\n\n"
        "def sigmoid(z):\n"
        "    e = math.exp(-abs(z))  # never overflows\n"
        "    return 1.0 / (1.0 + e) if z >= 0 else e / (1.0 + e)\n\n"
        "def sigmoid_derivative(z):\n"
        "    return sigmoid(z) * (1.0 - sigmoid(z))\n",
        _sigmoid_array,
        lambda z: _sigmoid_array(z) * (1.0 - _sigmoid_array(z)),
        r"\sigma(z) = 1 / (1 + e^{-z})",
        r"\sigma(z)(1 - \sigma(z))",
        can_die=False,
    ),
    "identity": Activation(
        "identity",
        "def identity(z):\n"
        "    return z\n\n"
        "def identity_derivative(z):\n"
        "    return 1.0\n",
        lambda z: z,
        lambda z: np.ones_like(z),
        r"z",
        r"1",
        can_die=False,
    ),
}
