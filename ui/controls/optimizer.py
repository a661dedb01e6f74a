"""How the steps are taken: the optimizer and its settings, the learning-rate schedule, the L1 and L2 penalties,
and the share of points held out for testing. Every setting is in the link; an old link has none of them and
gets the seed's plain SGD, a constant rate, no penalty and no held-out points."""

from dataclasses import dataclass

import engine

from .. import sentences
from ..limits import MAX_EPOCHS
from ..link import Link

OPTIMIZER_HELP = ("sgd: p ← p − η·g (with momentum μ, g is replaced by a running sum of past gradients, each "
                  "decayed by μ per step; Nesterov looks ahead along it). rmsprop: each step divided by the root of "
                  "a running average of g². adam: running averages of g and g², bias-corrected. PyTorch's "
                  "torch.optim semantics, so any run can be reproduced there.")
SCHEDULE_HELP = ("The learning rate during each epoch, changed after every epoch as PyTorch's schedulers do. step: "
                 "times gamma every step_size epochs; exponential: times gamma every epoch; cosine: down to the "
                 "smallest rate along half a cosine over t_max epochs (then back up).")
PENALTY_HELP = ("L1 adds l1·Σ|w| over the weights (not the biases) to each update's loss: its gradient l1·sign(w) "
                "pulls weights to exactly 0. Weight decay (L2) adds decay·p to every parameter's gradient.")
EPS_HELP = ("Added to the denominator so a parameter whose gradients are all 0 (a dead unit's) takes no step "
            "instead of 0/0; 1e-12 at the least.")
HELD_HELP = ("A share of the points, drawn at random (from the held-out seed), never trained on: their MSE after "
             "each epoch shows whether the fit generalizes or memorizes.")


@dataclass(frozen=True)
class Optimization:
    """The optimizer, schedule and L1 penalty a run uses (engine.RunSpec's fields of those names)."""

    optimizer: object = engine.SGD()
    schedule: object = engine.ConstantLR()
    l1: float = 0.0

    def fields(self) -> dict:
        """As keyword arguments of engine.RunSpec."""
        return {"optimizer": self.optimizer, "schedule": self.schedule, "l1": self.l1}


def held_out(link: Link, where, data: engine.Dataset, default: int = 0, crosses: bool = True) -> tuple[
        engine.Dataset, engine.Dataset | None]:
    """(training points, held-out points or None): the share held out for testing (0 to 50 %, `default` by
    default) and its seed. crosses: the page draws the held-out points as crosses on a fit (said in the caption)."""
    share = link.number(where, "Held out for testing (%)", "test_share", default, lo=0, hi=50, whole=True, step=5,
                        help=HELD_HELP)
    if not share:
        return data, None
    seed = link.number(where, "Held-out seed", "test_seed", 0, lo=0, hi=2**31 - 1, whole=True)
    if len(data) < 2:
        where.caption("Holding points out needs at least 2 points: all of them train.")
        return data, None
    train, test = data.split(share / 100, int(seed))
    where.caption(sentences.held_out_split(len(train), len(test), share, crosses))
    return train, test


def optimization_controls(link: Link, where, epochs: int) -> Optimization:
    """The optimizer with its settings, the schedule with its settings, and the L1 penalty (weight decay is the
    optimizer's)."""
    where.markdown("**Optimizer**")
    kind = link.choice(where, "Optimizer", "optimizer", tuple(engine.OPTIMIZERS), "sgd", help=OPTIMIZER_HELP)
    decay = link.number(where, "Weight decay (L2)", "weight_decay", 0.0, lo=0.0, hi=10.0, step=0.001, help=PENALTY_HELP)
    if engine.OPTIMIZERS[kind].adaptive:  # RMSprop and Adam divide by a running size: their ε
        eps = link.number(where, "ε", "eps", 1e-8, lo=1e-12, hi=1.0, help=EPS_HELP)
    if kind == "adam":
        beta1 = link.number(where, "β₁ (average of g)", "beta1", 0.9, lo=0.0, hi=0.9999, step=0.01)
        beta2 = link.number(where, "β₂ (average of g²)", "beta2", 0.999, lo=0.0, hi=0.99999, step=0.001)
        optimizer = engine.Adam((beta1, beta2), eps, decay)
    else:
        momentum = link.number(where, "Momentum", "momentum", 0.0, lo=0.0, hi=0.999, step=0.1)
        if kind == "rmsprop":
            alpha = link.number(where, "α (average of g²)", "alpha", 0.99, lo=0.0, hi=0.9999, step=0.01)
            optimizer = engine.RMSprop(alpha, eps, momentum, decay)
        else:
            nesterov = link.toggle(where, "Nesterov", "nesterov", help="Look ahead along the momentum (needs a "
                                   "momentum above 0).", off_because="Nesterov looks ahead along the momentum, and "
                                   "the momentum is 0" if momentum == 0 else None)
            optimizer = engine.SGD(momentum, bool(nesterov), decay)
    l1 = link.number(where, "L1 penalty", "l1", 0.0, lo=0.0, hi=10.0, step=0.001, help=PENALTY_HELP)
    return Optimization(optimizer, _schedule(link, where, epochs), float(l1))


def _schedule(link: Link, where, epochs: int):
    kind = link.choice(where, "Learning-rate schedule", "schedule", tuple(engine.SCHEDULES), "constant",
                       help=SCHEDULE_HELP)
    if kind == "step":
        step_size = link.number(where, "Step size (epochs)", "step_size", max(1, epochs // 4), lo=1, hi=MAX_EPOCHS,
                                whole=True)
        return engine.StepLR(int(step_size), link.number(where, "γ (factor)", "gamma", 0.5, lo=1e-6, hi=10.0))
    if kind == "exponential":
        return engine.ExponentialLR(link.number(where, "γ (factor)", "gamma", 0.99, lo=1e-6, hi=10.0))
    if kind == "cosine":
        t_max = link.number(where, "t_max (epochs)", "t_max", epochs, lo=1, hi=MAX_EPOCHS, whole=True)
        return engine.CosineLR(int(t_max), link.number(where, "Smallest rate", "lr_floor", 0.0, lo=0.0, hi=1e9))
    return engine.ConstantLR()
