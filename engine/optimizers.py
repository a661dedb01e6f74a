"""Optimizers and learning-rate schedules as frozen values, with PyTorch's semantics.

    engine.train(model, data, lr=0.01, epochs=100, optimizer=engine.Adam(), schedule=engine.StepLR(30, 0.5))

Optimizers (torch.optim.SGD, RMSprop and Adam with their default flags: no dampening, not centered, no amsgrad,
no maximize; weight decay as L2 added to the gradient of every parameter, before the optimizer's own arithmetic):

- SGD(momentum=0.0, nesterov=False, weight_decay=0.0): g = grad + weight_decay * p; with momentum, the buffer
  b = g at the first step, then b = momentum * b + g, and the step uses g + momentum * b (nesterov) or b;
  p = p - lr * step. SGD() is the seed's plain gradient descent, bit for bit.
- RMSprop(alpha=0.99, eps=1e-8, momentum=0.0, weight_decay=0.0): s = alpha * s + (1 - alpha) * g^2 (s starts
  at 0); with momentum b = momentum * b + g / (sqrt(s) + eps) and p = p - lr * b, else p = p - lr * g / (sqrt(s) + eps).
- Adam(betas=(0.9, 0.999), eps=1e-8, weight_decay=0.0): m = m + (1 - beta1) * (g - m), v = beta2 * v +
  (1 - beta2) * g^2 (both start at 0), at step t:
  p = p - (lr / (1 - beta1^t)) * m / (sqrt(v) / sqrt(1 - beta2^t) + eps).

Schedules (torch.optim.lr_scheduler.StepLR, ExponentialLR and CosineAnnealingLR, stepped once after every epoch;
`rates(lr, epochs)` is the learning rate in force during each epoch, computed by PyTorch's own recursions):

- ConstantLR(): lr every epoch (the default; not PyTorch's ConstantLR, whose factor this does not have).
- StepLR(step_size, gamma=0.1): multiplied by gamma every step_size epochs.
- ExponentialLR(gamma): multiplied by gamma after every epoch.
- CosineLR(t_max, lr_min=0.0): from lr down to lr_min over t_max epochs along half a cosine, then back up (the
  cosine continues, period 2 t_max, as PyTorch's CosineAnnealingLR does).

Bad values raise ValueError naming the field.
"""

import math
from dataclasses import dataclass

import numpy as np

from . import compiled as kernel
from .checks import finite_number, whole_number


def _at_least(value, name: str, low: float = 0.0) -> float:
    number = finite_number(value, name)
    if number < low:
        raise ValueError(f"{name} must be {low:g} or more, got {value!r}")
    return number


def _unit_interval(value, name: str) -> float:
    number = finite_number(value, name)
    if not 0.0 <= number < 1.0:
        raise ValueError(f"{name} must be in [0, 1), got {value!r}")
    return number


@dataclass(frozen=True)
class SGD:
    """Stochastic gradient descent, with optional (Nesterov) momentum and weight decay (see the module docstring)."""

    momentum: float = 0.0
    nesterov: bool = False
    weight_decay: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "momentum", _at_least(self.momentum, "momentum"))
        object.__setattr__(self, "weight_decay", _at_least(self.weight_decay, "weight_decay"))
        if not isinstance(self.nesterov, (bool, np.bool_)):
            raise ValueError(f"nesterov must be True or False, got {self.nesterov!r}")
        object.__setattr__(self, "nesterov", bool(self.nesterov))
        if self.nesterov and self.momentum == 0:
            raise ValueError("nesterov needs a momentum above 0 (Nesterov's look-ahead follows the momentum)")

    name = "sgd"
    adaptive = False  # each step the rate times the gradient (and momentum)
    code = kernel.SGD

    def hyper(self) -> np.ndarray:
        """The compiled loop's settings: momentum, dampening (0), nesterov, weight_decay."""
        return np.array([self.momentum, 0.0, float(self.nesterov), self.weight_decay])


@dataclass(frozen=True)
class RMSprop:
    """RMSprop: each step divided by the root of a running average of squared gradients (see the module docstring)."""

    alpha: float = 0.99
    eps: float = 1e-8
    momentum: float = 0.0
    weight_decay: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "alpha", _unit_interval(self.alpha, "alpha"))
        object.__setattr__(self, "eps", _at_least(self.eps, "eps"))
        object.__setattr__(self, "momentum", _at_least(self.momentum, "momentum"))
        object.__setattr__(self, "weight_decay", _at_least(self.weight_decay, "weight_decay"))

    name = "rmsprop"
    adaptive = True  # each step divided by the running size of its own gradient
    code = kernel.RMSPROP

    def hyper(self) -> np.ndarray:
        """The compiled loop's settings: alpha, eps, momentum, weight_decay."""
        return np.array([self.alpha, self.eps, self.momentum, self.weight_decay])


@dataclass(frozen=True)
class Adam:
    """Adam: running averages of the gradient and its square, bias-corrected (see the module docstring)."""

    betas: tuple = (0.9, 0.999)
    eps: float = 1e-8
    weight_decay: float = 0.0

    def __post_init__(self):
        if isinstance(self.betas, (str, bytes)) or not hasattr(self.betas, "__len__") or len(self.betas) != 2:
            raise ValueError(f"betas must be two numbers (beta1, beta2), got {self.betas!r}")
        object.__setattr__(self, "betas", (_unit_interval(self.betas[0], "beta1"),
                                           _unit_interval(self.betas[1], "beta2")))
        object.__setattr__(self, "eps", _at_least(self.eps, "eps"))
        object.__setattr__(self, "weight_decay", _at_least(self.weight_decay, "weight_decay"))

    name = "adam"
    adaptive = True  # each step divided by the running size of its own gradient
    code = kernel.ADAM

    def hyper(self) -> np.ndarray:
        """The compiled loop's settings: beta1, beta2, eps, weight_decay."""
        return np.array([*self.betas, self.eps, self.weight_decay])


OPTIMIZERS = {"sgd": SGD, "rmsprop": RMSprop, "adam": Adam}


@dataclass(frozen=True)
class ConstantLR:
    """The same learning rate every epoch."""

    name = "constant"

    def rates(self, lr, epochs: int) -> np.ndarray:
        """The learning rate in force during each of `epochs` epochs (lr a number, or an array of lanes' rates:
        then one column a lane)."""
        lr = np.asarray(lr, dtype=float)
        return np.broadcast_to(lr, (epochs, *lr.shape)).copy()


@dataclass(frozen=True)
class StepLR:
    """PyTorch's StepLR: the rate times gamma every `step_size` epochs."""

    step_size: int
    gamma: float = 0.1

    def __post_init__(self):
        object.__setattr__(self, "step_size", whole_number(self.step_size, "step_size", 1))
        object.__setattr__(self, "gamma", _positive(self.gamma, "gamma"))

    name = "step"

    def rates(self, lr, epochs: int) -> np.ndarray:
        """The learning rate in force during each of `epochs` epochs (PyTorch's recursion: one multiply a step)."""
        rate = np.asarray(lr, dtype=float)
        rates = np.empty((epochs, *rate.shape))
        with np.errstate(over="ignore"):  # gamma > 1 may grow the rate past the largest float: inf, and training says
            for epoch in range(epochs):   # it diverged
                if epoch and epoch % self.step_size == 0:
                    rate = rate * self.gamma
                rates[epoch] = rate
        return rates


@dataclass(frozen=True)
class ExponentialLR:
    """PyTorch's ExponentialLR: the rate times gamma after every epoch."""

    gamma: float

    def __post_init__(self):
        object.__setattr__(self, "gamma", _positive(self.gamma, "gamma"))

    name = "exponential"

    def rates(self, lr, epochs: int) -> np.ndarray:
        """The learning rate in force during each of `epochs` epochs: StepLR with a step every epoch, the same
        recursion PyTorch's ExponentialLR runs (one multiply by gamma an epoch)."""
        return StepLR(1, self.gamma).rates(lr, epochs)


@dataclass(frozen=True)
class CosineLR:
    """PyTorch's CosineAnnealingLR(T_max=t_max, eta_min=lr_min)."""

    t_max: int
    lr_min: float = 0.0

    def __post_init__(self):
        object.__setattr__(self, "t_max", whole_number(self.t_max, "t_max", 1))
        object.__setattr__(self, "lr_min", _at_least(self.lr_min, "lr_min"))

    name = "cosine"

    def rates(self, lr, epochs: int) -> np.ndarray:
        """The learning rate in force during each of `epochs` epochs, by CosineAnnealingLR's chainable recursion
        (what torch computes when stepped once an epoch). Raises ValueError when lr_min is above lr."""
        base, low, period = np.asarray(lr, dtype=float), self.lr_min, self.t_max
        if np.any(low > base):
            raise ValueError(f"the cosine schedule's smallest rate lr_min ({low:g}) must not be above the learning "
                             f"rate ({np.min(base):g})")
        rates, rate = np.empty((epochs, *base.shape)), base
        for epoch in range(epochs):
            if epoch == 0:
                rate = base
            elif (epoch - 1 - period) % (2 * period) == 0:
                rate = rate + (base - low) * (1 - math.cos(math.pi / period)) / 2
            else:
                rate = ((1 + math.cos(math.pi * epoch / period)) / (1 + math.cos(math.pi * (epoch - 1) / period))
                        * (rate - low) + low)
            rates[epoch] = rate
        return rates


SCHEDULES = {"constant": ConstantLR, "step": StepLR, "exponential": ExponentialLR, "cosine": CosineLR}


def _positive(value, name: str) -> float:
    number = finite_number(value, name)
    if number <= 0:
        raise ValueError(f"{name} must be greater than 0, got {value!r}")
    return number
