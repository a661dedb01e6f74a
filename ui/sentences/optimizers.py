"""Sentences about how the steps are taken: the optimizer's update rule in words, and how optimizers compared."""


import numpy as np


def update_rule(optimizer, l1: float) -> str:
    """What the update stage of one step does, for this optimizer and penalty (the backprop page's caption)."""
    kind = type(optimizer).__name__
    momentum, decay = getattr(optimizer, "momentum", 0.0), optimizer.weight_decay
    extra = []
    if l1:
        extra.append(f"the L1 penalty adds λ₁·sign(w) = {l1:g}·sign(w) to each weight's gradient (not the biases')")
    if decay:
        extra.append(f"weight decay adds λ₂·p = {decay:g}·p to every parameter's")
    penalties = (" First " + ", and ".join(extra) + ": that sum is g.") if extra else ""
    if kind == "SGD" and not momentum:
        if not extra:
            return "Every parameter takes a step against its gradient, scaled by the learning rate η."
        return f"Every parameter takes a step −η·g.{penalties}"
    if kind == "SGD":
        look = (" Nesterov's look-ahead steps along g + μ·b instead of b." if optimizer.nesterov else "")
        return (f"SGD with momentum μ = {momentum:g}: the buffer b = μ·b + g (b = g at the first step) keeps a running "
                f"sum of past steps, and p takes the step −η·b.{look}{penalties}")
    if kind == "RMSprop":
        text = (f"RMSprop (α = {optimizer.alpha:g}, ε = {optimizer.eps:g}): s = α·s + (1 − α)·g² averages the squared "
                "gradient, and the step is divided by √s + ε, so steep directions take smaller steps")
        if momentum:
            text += f"; with momentum μ = {momentum:g} the divided steps are summed in b, and p takes −η·b"
        return text + "." + penalties
    beta1, beta2 = optimizer.betas
    return (f"Adam (β₁ = {beta1:g}, β₂ = {beta2:g}, ε = {optimizer.eps:g}): m averages the gradient and s its square; "
            "both start at 0, so step t divides them by 1 − β₁ᵗ and √(1 − β₂ᵗ) (the bias corrections), and p takes "
            f"the step −η/(1 − β₁ᵗ) · m / (√s / √(1 − β₂ᵗ) + ε).{penalties}")


def step_advice(spec) -> str | None:
    """What to change when a run with another optimizer, a changing rate or a penalty diverges (None for the seed's
    plain SGD at a constant rate without penalties, whose own advice, from the data's stable rate, holds): the
    levers this run has."""
    optimizer, schedule = spec.optimizer, spec.schedule
    kind, momentum = type(optimizer).__name__, getattr(optimizer, "momentum", 0.0)
    gamma = getattr(schedule, "gamma", 1.0)
    penalties = optimizer.weight_decay or spec.l1
    if kind == "SGD" and not momentum and type(schedule).__name__ == "ConstantLR" and not penalties:
        return None
    plain = kind == "SGD" and not momentum
    name = kind + (" with momentum" if momentum else "")
    levers = [f"lower the learning rate ({spec.lr:g}"
              + ("; with a penalty, plain SGD's stable rate for this data does not hold)" if penalties else ")")
              if plain else
              f"lower the learning rate ({spec.lr:g}; the stable rates of plain SGD do not hold for {name})"]
    if gamma > 1:
        levers.append(f"the {type(schedule).__name__} schedule multiplies the rate by γ = {gamma:g} > 1, so it grows: "
                      "use γ below 1")
    if momentum >= 0.9:
        levers.append(f"or lower the momentum ({momentum:g}: each step carries that share of all the steps before)")
    if penalties:
        levers.append("or lower the penalties (weight decay, L1), which add to every step")
    return "; ".join(levers)


def race(curves: dict[str, np.ndarray], threshold: float, diverged: tuple = ()) -> str:
    """Which optimizer reached an MSE below `threshold` first, from each one's MSE per epoch ({label: mse}): the
    sentence names a winner only when one got there in fewer epochs than every other. diverged: the labels whose
    runs diverged (engine.blew_up), named as such rather than as not there yet."""
    reached = {}
    for label, mse in curves.items():
        below = np.flatnonzero(np.isfinite(mse) & (mse < threshold))
        reached[label] = int(below[0]) if len(below) else None
    arrived = sorted((epoch, label) for label, epoch in reached.items() if epoch is not None)
    diverged = [label for label in curves if label in diverged]
    never = [label for label, epoch in reached.items() if epoch is None and label not in diverged]
    if not arrived:
        return f"None of them brought the MSE below {threshold:.3g} in these epochs." + (
            f" Diverged: {', '.join(diverged)}." if diverged else "")
    parts = [f"{label} at epoch {epoch}" for epoch, label in arrived]
    first = arrived[0]
    if len(arrived) > 1 and arrived[1][0] == first[0]:
        lead = f"Several reached an MSE below {threshold:.3g} at the same epoch ({first[0]})"
    else:
        lead = f"**{first[1]}** reached an MSE below {threshold:.3g} first"
    text = f"{lead}: " + ", ".join(parts) + "."
    if never:
        text += f" Not in these epochs: {', '.join(never)}."
    if diverged:
        text += f" Diverged: {', '.join(diverged)}."
    return text


def adaptive(spec) -> str | None:
    """The optimizer's name when it divides each parameter's step by its own gradient's running size (RMSprop,
    Adam): then a parameter's or a layer's steps do not follow its gradient's size (see `scaled_steps`)."""
    return type(spec.optimizer).__name__ if spec.optimizer.adaptive else None


def scaled_steps(name: str) -> str:
    """What an adaptive optimizer (`adaptive`) does to the steps, in words."""
    return f"{name} divides each parameter's step by the running size of its own gradient"


def plain(spec) -> bool:
    """Plain SGD: each step is the rate times the gradient (no momentum, no adaptive scaling)."""
    return spec.optimizer.name == "sgd" and not spec.optimizer.momentum


def schedule_path(name: str, rates: np.ndarray) -> str:
    """How a schedule moved the rate over the epochs: from the first to the last, and, where it did not only fall
    or only rise (a cosine's restarts), its lowest and highest on the way."""
    text = f"The {name} schedule: η from {rates[0]:.4g} (epoch 0) to {rates[-1]:.4g} (epoch {len(rates) - 1})"
    steps = np.diff(rates)
    if (steps <= 0).all() or (steps >= 0).all():
        zero = np.flatnonzero(rates == 0)  # a step or exponential schedule's rate can decay to exactly 0
        return text + (f"; from epoch {zero[0]} on it is 0, so nothing moves." if len(zero) else ".")
    low, high = int(rates.argmin()), int(rates.argmax())
    return (text + f", not steadily: lowest {rates[low]:.4g} (epoch {low}), highest {rates[high]:.4g} (epoch {high}), "
            "falling and rising again on the way.")
