"""The sentences the pages say about a run, each made from the fact that makes it true.

A function here takes facts (a run, its history, a stable learning rate) and returns the sentence, or None
when its fact does not hold, so a page shows a claim only where it is true. tests/SENTENCES.md lists every
kind of sentence and the fact that licenses it.
"""

import math

import engine

from .controls.training import LR_MIN


def seed_digits(value: float) -> str:
    """A number as the seed notebook prints it (4 decimals), or in scientific notation when a diverging run makes
    it huge."""
    return f"{value:.4f}" if abs(value) < 1e6 else f"{value:.4g}"


def divergence(run: engine.Run, advice: str) -> tuple[str, str] | None:
    """("error", text) when the run overflowed, ("warning", text) when its MSE ended more than 10x above its first
    epoch's, else None. advice : what to change, a clause ("lower the learning rate below 0.13")."""
    history = run.history
    if run.diverged_at is not None:
        return "error", (f"Training diverged at epoch {run.diverged_at}: the loss, the MSE or a parameter overflowed "
                         f"to infinity, so training stopped there. {advice[:1].upper()}{advice[1:]}.")
    if len(history) > 1 and history["mse"].iloc[-1] > 10 * history["mse"].iloc[0]:
        return "warning", (f"The MSE grew from {history['mse'].iloc[0]:.4g} to {history['mse'].iloc[-1]:.4g}: "
                           "training is diverging, each step overshoots by more than it corrects. "
                           f"{advice[:1].upper()}{advice[1:]}.")
    return None


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


# ---- the net's units, by what their activation can do ----------------------------------------------------


def unit_lines(act: engine.activations.Activation) -> str:
    """What the fit chart's thin lines (and dashed rules, for an activation with a kink) are."""
    line = "Each thin line is one unit's contribution vᵢ·hᵢ(x)"
    if act.switches_off:
        return (f"{line}; a dashed rule marks its kink x = −bᵢ/wᵢ, where zᵢ = 0: on one side the unit outputs 0, "
                "on the other it rises. A flat thin line at 0 is a unit that contributes nothing.")
    if act.kink:
        return (f"{line}; a dashed rule marks its kink x = −bᵢ/wᵢ, where zᵢ = 0 and the unit's slope changes "
                "(it never outputs a flat 0).")
    if act.name == "identity":
        return (f"{line} = vᵢ·(wᵢx + bᵢ): a straight line, so their sum is straight too (identity units cannot bend "
                "the fit).")
    return f"{line}: a smooth S-shaped curve, with no kink."


def input_weights(act) -> str:
    """The caption of the input weights' chart."""
    text = "Each wᵢ sets how steeply unit i's input zᵢ rises with x"
    return text + ("; its sign says on which side of the kink the unit is active." if act.switches_off else
                   "; its sign says on which side of the kink the unit's slope is 1." if act.kink else ".")


def biases(act) -> str:
    """The caption of the biases' chart."""
    text = ("Together with wᵢ, bᵢ places the kink at x = −bᵢ/wᵢ." if act.kink else
            "bᵢ shifts unit i's input zᵢ = wᵢx + bᵢ.")
    return text + (" A bias that never moves gets no gradient: with ReLU, a dead unit's." if act.can_die else "")


def output_weights(act) -> str:
    """The caption of the output weights' chart."""
    text = "vᵢ scales unit i's share of the output, c shifts it."
    return text + (" A dead unit's vᵢ stays where it was when the unit died (its start, if it was dead from the "
                   "start): vᵢ's gradient is exactly 0 from then on." if act.can_die else "")


def units_heading(act) -> str:
    """The heading of the units section: dead units only exist where an activation can die."""
    return "Dead units" if act.can_die else "Where each unit is active"


def activity_map(act) -> str:
    """The caption of the units x epochs map."""
    text = "One row per unit, one column per epoch: the share of data points on which the unit's zᵢ > 0. "
    if act.can_die:
        return text + ("A row that is dark from some epoch on is a unit that stopped learning: with ReLU, no point "
                       "with zᵢ > 0 means no gradient, ever.")
    if act.kink:
        return text + ("A dark row is a unit on its shallow side (slope 0.01) at every point: it still learns, "
                       "100 times slower, and can come back.")
    if act.name == "identity":
        return text + "An identity unit outputs vᵢ·zᵢ whatever its sign, so this map says nothing about its learning."
    return text + (f"A {act.name} unit has a slope everywhere, so none dies: a dark row only means zᵢ < 0 on every "
                   "point.")


def network_title(model) -> str:
    """The network page's title, naming the activation the net has."""
    name = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "tanh": "tanh", "sigmoid": "sigmoid",
            "identity": "linear (identity)"}[model.activation]
    return f"A network with one hidden layer of {model.width} {name} unit{'s' if model.width != 1 else ''}"


# ---- the gradient check ----------------------------------------------------------------------------------

CHECK_TOLERANCE = 1e-6  # a relative error above this between backprop and finite differences is worth a look


def gradient_check_caption() -> str:
    """What the finite-difference column is."""
    return ("Backprop's gradient beside a numerical estimate: nudge p up and down by ε and see how the loss moves. "
            "A relative error near 1e-9 means the chain rule on the left is right; 0 means both are exactly 0.")


def gradient_mismatch(table) -> str | None:
    """A warning naming the parameters whose backprop gradient and finite difference disagree, or None."""
    suspicious = table[table["relative error"] > CHECK_TOLERANCE]
    if not len(suspicious):
        return None
    return (f"{', '.join(suspicious['parameter'])}: backprop and finite differences disagree here. That happens at a "
            "kink of the activation (z exactly 0, where ReLU's slope jumps), not in smooth places.")


# ---- sweeps ------------------------------------------------------------------------------------------------


def ranges(values, members) -> list[tuple[float, float]]:
    """The runs of consecutive `values` (sorted) whose `members` flag is set, as (first, last) pairs."""
    spans, start = [], None
    for index, member in enumerate(members):
        if member and start is None:
            start = index
        if start is not None and (not member or index == len(values) - 1):
            last = index if member else index - 1
            spans.append((float(values[start]), float(values[last])))
            start = None
    return spans


def lr_sweep(sweep, spec: engine.RunSpec, stable: float | None) -> list[str]:
    """What the learning-rate sweep shows, sentence by sentence, each from the sweep's own table."""
    count = len(sweep)
    words = [f"Each dot is one run of {spec.epochs} epochs ({spec.mode}) from the same start, at one learning rate "
             "η; both axes are logarithmic."]
    diverged = sweep["diverged_at"].notna().to_numpy()
    spans = ranges(sweep["lr"].to_numpy(), diverged)
    if not spans:
        words.append(f"**No rate diverged** within {spec.epochs} epochs.")
    else:
        where = (f"from η = {spans[0][0]:.4g} up" if len(spans) == 1 and diverged[-1] else
                 "for " + ", ".join(f"η = {a:.4g}" if a == b else f"{a:.4g} ≤ η ≤ {b:.4g}" for a, b in spans))
        words.append(f"**{int(diverged.sum())} of {count} rates diverged** (the crosses along the top), {where}"
                     + ("" if len(spans) == 1 else ": divergence is not monotone in η here, a larger rate can "
                        "settle where a smaller one blew up") + ".")
    if stable is not None:
        words.append(f"For the line, theory gives the largest stable η from the data alone: {stable:.4g} (dashed). "
                     "Runs right of it move away from the optimum epoch after epoch; those not crossed out have not "
                     f"overflowed within {spec.epochs} epochs.")
    elif spec.model.width:
        words.append(baseline(engine.ACTIVATIONS[spec.model.activation]))
    words.append(best_rate(sweep))
    return [word for word in words if word]


def baseline(act) -> str:
    """What the dotted line (the MSE of predicting the mean of y) means for a net of this activation."""
    if act.can_die:
        return ("The dotted line is the MSE of always predicting the mean of y: a ReLU net that settles there has "
                "every unit dead or constant on the data, and only its output bias c still learns.")
    return ("The dotted line is the MSE of always predicting the mean of y: a run that settles there has learned only "
            "the average of y.")


def best_rate(sweep, digits: int = 3) -> str:
    """The lowest final MSE and where: one rate, or the plateau of rates equal to it at `digits` significant digits."""
    finite = sweep[sweep["mse"].notna()]
    if not len(finite):
        return ""
    best = float(finite["mse"].min())
    rounded = finite["mse"].map(lambda value: float(f"{value:.{digits}g}"))
    ties = finite[rounded == float(f"{best:.{digits}g}")]
    if len(ties) == 1:
        return f"The lowest final MSE, {best:.{digits}g}, is at η = {float(ties['lr'].iloc[0]):.4g}."
    return (f"The lowest final MSE, {best:.{digits}g}, is a plateau: {len(ties)} rates reach it (to {digits} "
            f"significant digits), from η = {float(ties['lr'].min()):.4g} to {float(ties['lr'].max()):.4g}.")


def init_sweep_intro(start, spec: engine.RunSpec) -> str:
    """What the initialization sweep trains."""
    act = engine.ACTIVATIONS[start.activation]
    dead = (" A unit is *dead* when z ≤ 0 on every data point: with ReLU it then outputs 0 and gets no gradient."
            if act.can_die else "")
    return (f"One net of **{start.hidden} {start.activation} unit(s)** per init seed, **{start.init}** initialization, "
            f"trained {spec.epochs} epochs at η = {spec.lr:g} ({spec.mode}).{dead}")


def init_sweep_summary(start, seeds: int, dead_start: int, dead_end: int, diverged: int) -> str:
    """How many seeds end (and start) with a dead unit, for an activation that can have them."""
    act = engine.ACTIVATIONS[start.activation]
    if act.can_die:
        text = (f"In **{dead_end} of {seeds} seeds** at least one unit ends dead; in {dead_start} at least one was "
                "dead from the start.")
    else:
        text = (f"With {start.activation} no unit can die: its slope is never 0, so even a unit with z ≤ 0 on every "
                "point keeps learning.")
    return text + (f" {diverged} seed(s) diverged (left out of the MSE plot)." if diverged else "")
