"""Sentences about the data, the batches, and the line's fit and loss surface."""

import math

import numpy as np

import engine

from .optimizers import scaled_steps
from .run import seed_digits


def data_caption(kind: str, n: int, noise: float) -> str:
    """What a generated data set is, with its noise as set (none at 0)."""
    target, span, _ = engine.data.TARGETS[kind]
    if span is None:
        where = f"x = 1..{n}"
    elif kind == "noisy_line":
        where = f"{n} x drawn uniformly from [{span[0]:g}, {span[1]:g}]"
    else:
        where = f"{n} x evenly spaced on [{span[0]:.3g}, {span[1]:.3g}]"
    noisy = f" + Gaussian noise of sd {noise:g} on y" if noise > 0 else ", no noise (set it below)"
    return f"{target} at {where}{noisy}"


def batches(points: int, batch_size: int) -> str:
    """How an epoch splits into mini-batches: consecutive chunks in data order, the last one smaller if need be."""
    full, rest = divmod(points, batch_size)
    count = full + (rest > 0)
    last = f", the last of {rest} point{'s' if rest != 1 else ''}" if rest else ""
    return (f"Each epoch: {count} update{'s' if count != 1 else ''}, one per batch of {batch_size} consecutive points "
            f"in data order (not shuffled){last}.")


def line_pace(data: engine.Dataset, adaptive: str | None = None) -> str:
    """Which of w and b learns faster on this data: w's gradient carries a factor x, b's does not. adaptive: the
    name of an optimizer that divides each parameter's step by its own gradient's running size (RMSprop, Adam),
    which takes that factor out of the steps."""
    if adaptive:
        return (f"w's gradient carries a factor x and b's does not, but {scaled_steps(adaptive)}, so w and b take "
                "steps of a similar size.")
    rms = float(np.sqrt(np.mean(np.square(data.x)))) if np.isfinite(data.x).all() else math.inf
    if 0.8 <= rms <= 1.25:
        return (f"w's gradient carries a factor x and b's does not; here x is about ±1 (root mean square {rms:.3g}), "
                "so both move at a similar pace.")
    first, second = ("w (the slope)", "b (the intercept)") if rms > 1 else ("b (the intercept)", "w (the slope)")
    return (f"w's gradient carries a factor x and b's does not; with these x (root mean square {rms:.3g}) "
            f"{first} moves faster, so it settles first and {second} later.")


def line_formula(model) -> str:
    """The line as an equation, "1.9435·x − 0.1817", in the seed's digits."""
    sign = "−" if model.b < 0 else "+"
    return f"{seed_digits(model.w)}·x {sign} {seed_digits(abs(model.b))}"


def line_target(optimum: tuple[float, float] | None) -> str:
    """Where the fit is going: the least-squares line of this data, when there is a single one."""
    if optimum is None:
        return "These points have no single best line (every x is the same)."
    scale = max(abs(optimum[0]), abs(optimum[1]))
    w, b = (0.0 if abs(value) < 1e-12 * scale else value for value in optimum)  # rounding noise is a 0
    return f"The least-squares line of these points is w = {w:.4g}, b = {b:.4g}."


def valley(curvatures: tuple[float, float], steady: bool = True) -> str:
    """The loss surface's shape, from the MSE's two curvatures; steady: plain SGD (no momentum, no adaptive steps)
    that did not diverge, whose path the shape explains (what it does otherwise is the run's own: the dots show it)."""
    steep, shallow = curvatures
    if not math.isfinite(steep):
        return "The data's scale overflows the valley's curvature: no shape to describe."
    if shallow <= 0:
        return ("The valley has a flat floor: along one direction the MSE does not change at all (too few distinct x "
                "to fix both w and b)" + (", so training settles wherever it reaches the floor." if steady else "."))
    ratio = steep / shallow
    if ratio >= 10:
        return (f"The valley is long and narrow (its walls {ratio:,.0f} times steeper across than along its floor)"
                + (": training races down the steep side, then creeps along the floor." if steady else "."))
    return (f"The valley is nearly round (its curvatures within {ratio:.2g} times of each other)"
            + (": training heads almost straight for the optimum." if steady else "."))


def held_out_split(train: int, test: int, share: float, crosses: bool = False) -> str:
    """How many points train and how many are held out, with the share it comes to when a whole number of points
    (at least one each side) is not the share that was set."""
    actual = test / (train + test)
    off = (f" ({actual:.0%} of the points: the nearest whole number to {share:g}%, at least one each side)"
           if abs(actual * 100 - share) >= 0.5 else "")
    return f"{train} point(s) train, {test} held out{off}" + (" (the crosses on the fit)." if crosses else ".")
