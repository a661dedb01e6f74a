"""Sentences about a run as a whole: its digits, its divergence and what to change, its prediction."""

import dataclasses
import math

import numpy as np

import engine

from ..limits import LR_MIN


def seed_digits(value: float) -> str:
    """A number as the seed notebook prints it (4 decimals), or in scientific notation when a diverging run makes
    it huge."""
    return f"{value:.4f}" if abs(value) < 1e6 else f"{value:.4g}"


def divergence(run: engine.Run, what_to_change) -> tuple[str, str] | None:
    """("error", text) when the run overflowed; ("warning", text) when it blew up without overflowing (its MSE
    ended over engine.GREW times its start's or its first epoch's: engine/divergence.py, the rule the sweeps use
    too); ("info", text) when it rose that far on the way and came back down; else None.
    what_to_change : (run) -> a clause ("lower the learning rate below 0.13"), asked only for an error or a warning."""
    why = engine.blew_up(run)
    if why == "overflow":
        advice = what_to_change(run)
        return "error", (f"Training diverged at epoch {run.diverged_at}: the loss, the MSE or a parameter overflowed "
                         f"to infinity, so training stopped there. {advice[:1].upper()}{advice[1:]}.")
    if not len(run.history):
        return None
    mse = run.history["mse"].to_numpy()
    if why is not None:
        start = engine.start_mse(run.initial, run.data)
        grew = f"{start:.4g} before training" if why == "start" else f"{mse[0]:.4g} after the first epoch"
        advice = what_to_change(run)
        return "warning", (f"The MSE grew from {grew} to {mse[-1]:.4g}: training is diverging, each step overshoots "
                           f"by more than it corrects. {advice[:1].upper()}{advice[1:]}.")
    spiked = engine.divergence.spike(run)
    if spiked is None:
        return None
    epoch, peak, start = spiked  # it blew up and came back: a result worth pointing at
    times = peak / max(start, engine.divergence.floor(run.data))
    return "info", (f"The MSE spiked to {peak:.4g} at epoch {epoch} ({times:,.0f} times its {start:.4g} before "
                    f"training) and came back down to {mse[-1]:.4g}: some steps overshot far on the way.")


def start_advice(run: engine.Run) -> str | None:
    """What to change when the starting parameters overflow on their own (typed 1e308 weights): no learning rate
    helps then. None when the starting model's MSE is finite."""
    if math.isfinite(engine.start_mse(run.initial, run.data)):
        return None
    largest = max(abs(value) for value in run.initial.theta)
    return (f"start from smaller weights: the starting ones (the largest |p| = {largest:.3g}) overflow the MSE before "
            "any update, so no learning rate can help")


def line_advice(stable: float) -> str:
    """What to change when the line diverges, from the largest stable learning rate of its data and mode."""
    if stable >= LR_MIN:
        return f"with this data and update mode, lower the learning rate below {stable:.4g}"
    return (f"no learning rate the field allows is stable for this data: the largest stable one is {stable:.3g}, "
            f"below the field's minimum {LR_MIN:g}, because x is so large (its squares set the step's scale); "
            "rescale x, for example divide it by 1,000")


def net_advice(lr: float) -> str:
    """What to change when the net diverges: a tenth of the learning rate, within the field's range."""
    smaller = max(lr / 10, LR_MIN)
    if lr <= LR_MIN:
        return "the learning rate is already the field's smallest: start from smaller weights, or rescale x and y"
    return f"lower the learning rate (try {smaller:g})"


def prediction(x: float, run: engine.Run) -> str:
    """The prediction headline: "### Prediction at x = 7: 13.7864", or that there is none."""
    if not len(run.history):
        return "### No prediction: the very first epoch diverged"
    y_hat = run.predict(float(x))
    shown = seed_digits(y_hat) if math.isfinite(y_hat) else "not a finite number (the trained weights overflow there)"
    return f"### Prediction at x = {x:g}: {shown}"


def after_training(run: engine.Run) -> str:
    """The line under the prediction: the epochs trained, the line's w and b (a net has too many to list), the MSE."""
    weights = (f": w = {seed_digits(run.model.w)}, b = {seed_digits(run.model.b)}"
               if isinstance(run.model, engine.Linear) else "")
    return f"after {len(run.history)} epoch(s){weights}, MSE = {run.history['mse'].iloc[-1]:.4g}"


def pin_label(spec: engine.RunSpec) -> str:
    """A pinned run's label: its model, rate, optimizer and schedule (where not plain SGD at a constant rate),
    L1, epochs and mode."""
    model = spec.model
    what = ("linear" if isinstance(model, engine.Linear)
            else f"network, {'-'.join(map(str, model.sizes[1:-1]))} {model.activation} units")
    changed = [_setting(spec.optimizer), _setting(spec.schedule), f"l1 {spec.l1:g}" if spec.l1 else ""]
    return ", ".join([what, f"η = {spec.lr:g}", *filter(None, changed), f"{spec.epochs} epochs", spec.mode])


def held_out(history, scale: float = 0.0) -> str | None:
    """What the held-out MSE says about the run (None without held-out points): where it was lowest, and whether it
    rose since while the training MSE went on falling (overfitting: the fit memorizes the training points).
    scale: y's variance; a held-out MSE below a millionth of it is a near-perfect fit, whatever its ratio."""
    if "test_mse" not in history or not len(history):
        return None
    test, train = history["test_mse"].to_numpy(), history["mse"].to_numpy()
    best, last = int(np.nanargmin(test)) if np.isfinite(test).any() else -1, len(test) - 1
    if best < 0:
        return "The held-out MSE is not a finite number: the fit diverged."
    end = (f"The held-out MSE ends at {test[-1]:.4g} (training MSE {train[-1]:.4g})")
    near_perfect = test[-1] <= 1e-6 * scale  # rises and ratios between rounding-sized numbers say nothing
    if best < last and test[-1] > 1.1 * test[best] and train[-1] < train[best] and not near_perfect:
        return (f"**Overfitting**: the held-out MSE was lowest at epoch {best} ({test[best]:.4g}) and has risen "
                f"{test[-1] / test[best] - 1:.0%} since, while the training MSE fell further. {end}: training "
                f"{best + 1} epochs (to epoch {best}, counting from 0) would have kept the held-out MSE at its lowest; "
                "a penalty (L1, weight decay) may help too.")
    if test[-1] > 3 * train[-1] and not near_perfect:
        return f"{end}: the fit is much closer to the training points than to new ones."
    return f"{end}: no sign of overfitting yet (the held-out MSE is within 10% of its lowest)." if (
        test[-1] <= 1.1 * test[best]) else f"{end}."


def _setting(value) -> str:
    """An optimizer or a schedule in a few words: "" for plain SGD and the constant rate (what every run has unless
    told otherwise), else its class's name (PyTorch's) with an optimizer's changed fields or all of a schedule's."""
    shown = [field.name for field in dataclasses.fields(value)
             if value.name in engine.SCHEDULES or getattr(value, field.name) != field.default]
    if value.name in ("sgd", "constant") and not shown:
        return ""
    words = [name if getattr(value, name) is True else f"{name} {_number(getattr(value, name))}" for name in shown]
    return f"{type(value).__name__} ({', '.join(words)})" if words else type(value).__name__


def _number(value) -> str:
    """A field's value in few digits: a number, or a pair of them (Adam's betas)."""
    return f"({', '.join(f'{part:g}' for part in value)})" if isinstance(value, tuple) else f"{value:g}"
