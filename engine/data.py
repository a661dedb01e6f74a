"""Datasets: the points a model is trained on, and generators for the playground's examples."""

from dataclasses import dataclass

import numpy as np

from .checks import finite_number, finite_numbers, one_of, whole_number


@dataclass(frozen=True, eq=False)
class Dataset:
    """Training points in order.

    x, y : ndarray of shape (n_samples,), finite floats, read-only. Samples are visited in this order.
    """

    x: np.ndarray
    y: np.ndarray

    def __post_init__(self):
        x = np.array(finite_numbers(self.x, "x"), dtype=float)
        y = np.array(finite_numbers(self.y, "y"), dtype=float)
        if len(x) == 0:
            raise ValueError("the data has no points: give at least one (x, y) pair")
        if len(x) != len(y):
            raise ValueError(f"x and y must have the same length, got {len(x)} x values and {len(y)} y values")
        x.flags.writeable = False
        y.flags.writeable = False
        object.__setattr__(self, "x", x)
        object.__setattr__(self, "y", y)

    def split(self, test_fraction: float, seed: int = 0) -> tuple["Dataset", "Dataset"]:
        """(train, test): round(test_fraction * n) points drawn at random (numpy's default_rng(seed)) held out, the
        rest for training, each keeping the points' order. test_fraction in (0, 1); at least one point is held out
        and at least one stays in training (ValueError when n < 2). The same fraction and seed give the same split."""
        fraction = finite_number(test_fraction, "test_fraction")
        if not 0 < fraction < 1:
            raise ValueError(f"test_fraction must be between 0 and 1 (a share of the points), got {test_fraction!r}")
        n = len(self)
        if n < 2:
            raise ValueError("holding points out needs at least 2 points: one to train on, one to test")
        held = min(max(int(round(fraction * n)), 1), n - 1)
        chosen = np.zeros(n, dtype=bool)
        chosen[np.random.default_rng(whole_number(seed, "seed", 0)).choice(n, size=held, replace=False)] = True
        return Dataset(self.x[~chosen], self.y[~chosen]), Dataset(self.x[chosen], self.y[chosen])

    def __len__(self) -> int:
        return len(self.x)

    def __eq__(self, other) -> bool:
        return isinstance(other, Dataset) and np.array_equal(self.x, other.x) and np.array_equal(self.y, other.y)

    def __hash__(self) -> int:
        return hash((self.x.tobytes(), self.y.tobytes()))


def _seed_line(x):
    return 2 * x


TARGETS = {
    # name: (the target, x range (None: 1..n), target function); how x is placed is in `make_dataset`
    "line": ("the seed's line y = 2x", None, _seed_line),
    "noisy_line": ("y = 2x", (0.0, 5.0), _seed_line),
    "abs": ("y = |x|", (-3.0, 3.0), np.abs),
    "quadratic": ("y = x^2", (-2.0, 2.0), np.square),
    "sine": ("y = sin(x)", (-np.pi, np.pi), np.sin),
    "step": ("y = 1 if x > 0 else 0", (-2.0, 2.0), lambda x: (x > 0).astype(float)),
}
KINDS = tuple(TARGETS)


def make_dataset(kind: str = "line", n: int = 5, noise: float = 0.0, seed: int = 0) -> Dataset:
    """Generate a dataset of `n` points of the target `kind` (one of KINDS).

    "line" is the seed notebook's data: x = 1..n, y = 2x. "noisy_line" draws x uniformly in [0, 5];
    the others space x evenly over their range. Gaussian noise of standard deviation `noise` is added
    to y, drawn from `np.random.default_rng(seed)`, so the same arguments give the same data.
    """
    one_of(kind, "data", KINDS)
    n = whole_number(n, "n", 1)
    noise = finite_number(noise, "noise")
    if noise < 0:
        raise ValueError(f"noise must be 0 or more, got {noise!r}")
    rng = np.random.default_rng(whole_number(seed, "seed", 0))
    _, span, target = TARGETS[kind]
    if kind == "line":
        x = np.arange(1.0, n + 1.0)
    elif kind == "noisy_line":
        x = rng.uniform(*span, size=n)
    else:
        x = np.linspace(*span, n)
    y = target(x) + (rng.normal(0.0, noise, size=n) if noise > 0 else 0.0)
    return Dataset(x=x, y=y)
