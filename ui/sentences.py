"""The sentences the pages say about a run, each made from the fact that makes it true.

A function here takes facts (a run, its history, a stable learning rate) and returns the sentence, or None
when its fact does not hold, so a page shows a claim only where it is true. tests/SENTENCES.md lists every
kind of sentence and the fact that licenses it.
"""

import math

import numpy as np

import engine

from .limits import LR_MIN


def seed_digits(value: float) -> str:
    """A number as the seed notebook prints it (4 decimals), or in scientific notation when a diverging run makes
    it huge."""
    return f"{value:.4f}" if abs(value) < 1e6 else f"{value:.4g}"


def divergence(run: engine.Run, what_to_change) -> tuple[str, str] | None:
    """("error", text) when the run overflowed, ("warning", text) when its MSE ended more than 10x above its first
    epoch's, else None. what_to_change : (run) -> a clause ("lower the learning rate below 0.13"), asked only then."""
    history = run.history
    if run.diverged_at is not None:
        advice = what_to_change(run)
        return "error", (f"Training diverged at epoch {run.diverged_at}: the loss, the MSE or a parameter overflowed "
                         f"to infinity, so training stopped there. {advice[:1].upper()}{advice[1:]}.")
    if len(history) > 1 and history["mse"].iloc[-1] > 10 * history["mse"].iloc[0]:
        advice = what_to_change(run)
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
    return f"{line}: a smooth S-shaped curve, bending everywhere a little rather than at one point."


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


def alive_summary(act, units) -> str:
    """One line for many healthy units: each one's share of points with z > 0, and what it learns from."""
    shares = ", ".join(f"{f'layer {row.layer} ' if 'layer' in units else ''}unit {row.unit} "
                       f"({row.active_fraction:.0%})" for row in units.itertuples())
    if act.can_die:
        return f"**Alive**, each learning from the points where its z_i > 0 (the share of the data): {shares}."
    return (f"**Every unit learns from every point** ({act.name} has a slope everywhere); z_i > 0 on: {shares}.")


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
    """The network page's title, naming the activation the net has and its layers."""
    name = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "tanh": "tanh", "sigmoid": "sigmoid",
            "identity": "linear (identity)"}[model.activation]
    if getattr(model, "depth", 1) > 1:
        return f"A network with {model.depth} hidden layers of {', '.join(map(str, model.widths))} {name} units"
    return f"A network with one hidden layer of {model.width} {name} unit{'s' if model.width != 1 else ''}"


def deep_unit_lines(act, depth: int) -> str:
    """What the fit chart's thin lines are for a net of `depth` hidden layers (no kinks drawn: a deeper unit's
    input is itself a bent function of x, so it has no one kink)."""
    text = (f"Each thin line is one unit of the last hidden layer (layer {depth}) times its output weight: the "
            "prediction is their sum plus the output bias.")
    if act.name == "identity":
        return text + " Identity units compose to a straight line, however many layers: the fit cannot bend."
    if act.kink:
        return text + (f" Each {act.name} layer bends the lines of the layer below again, so a unit here can have "
                       "several corners, or none in the data's range.")
    return text + f" Each {act.name} layer bends the curves of the layer below again, smoothly."


def gradient_flow(ratio: float, depth: int) -> str:
    """What the gradient-flow chart says about this run, from the median ratio of the first layer's
    weight-gradient size to the output layer's (engine.flow_ratio)."""
    if not math.isfinite(ratio):
        return "No epoch has a finite gradient at both ends of the net, so nothing can be said about its flow."
    layers = f"{depth} hidden layer{'s' if depth != 1 else ''}"
    if ratio < 0.1:
        return (f"**Vanishing gradients**: across {layers}, the first layer's weight gradient is typically "
                f"{1 / ratio:,.0f} times smaller than the output layer's, so the layers nearest the input learn "
                "the slowest.")
    if ratio > 10:
        return (f"**Exploding gradients**: across {layers}, the first layer's weight gradient is typically "
                f"{ratio:,.0f} times larger than the output layer's, so the layers nearest the input take the "
                "largest steps.")
    return (f"**No vanishing or exploding here**: the first layer's weight gradient is typically {ratio:.2g} times "
            f"the output layer's (within a factor of 10), across {layers}.")


# ---- the gradient check ----------------------------------------------------------------------------------


def gradient_check_caption(table) -> str:
    """How the finite differences were made, and whether all of them agree with backprop (engine.gradient_check)."""
    how = ("Backprop's gradient beside a numerical estimate: each p nudged by ±ε and ±2ε (ε = 1e-4 · max(1, |p|)) and "
           "the change of the loss divided out, a fourth-order difference. ")
    if table["agree"].all():
        return how + (f"All {len(table)} agree to within what rounding and the step can make (the tolerance): the "
                      "chain rule on the left is right.")
    return how + f"{int(table['agree'].sum())} of {len(table)} agree to within their tolerance; see below for the rest."


def gradient_mismatch(table, activation: str | None) -> str | None:
    """Why a gradient and its finite difference disagree, from the check's facts, or None when all agree."""
    off = table[~table["agree"]]
    if not len(off):
        return None
    words = []
    for _, row in off.iterrows():  # columns as engine.gradient_check names them
        if row["kink"]:
            words.append(f"**{row['parameter']}**: the nudges move {row['kink']} across 0, a kink of {activation} "
                         "where its slope jumps, so the finite difference averages the slopes on both sides while the "
                         "chain rule takes the one at z itself. Not a mistake in the chain rule.")
        else:
            words.append(f"**{row['parameter']}**: backprop and the finite difference differ by "
                         f"{abs(row['analytic'] - row['numeric']):.3g}, more than rounding and the step explain "
                         f"({row['tolerance']:.3g}): that would be a mistake in the chain rule.")
    return "\n\n".join(words)


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


# ---- the data and the batches -----------------------------------------------------------------------------


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


# ---- the line ----------------------------------------------------------------------------------------------


def line_pace(data: engine.Dataset) -> str:
    """Which of w and b learns faster on this data: w's gradient carries a factor x, b's does not."""
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
    return f"The least-squares line of these points is w = {optimum[0]:.4g}, b = {optimum[1]:.4g}."


def valley(curvatures: tuple[float, float]) -> str:
    """The loss surface's shape, from the MSE's two curvatures."""
    steep, shallow = curvatures
    if not math.isfinite(steep):
        return "The data's scale overflows the valley's curvature: no shape to describe."
    ratio = steep / shallow if shallow > 0 else math.inf
    if ratio >= 10:
        return (f"The valley is long and narrow (its walls {ratio:,.0f} times steeper across than along its floor): "
                "training races down the steep side, then creeps along the floor.")
    return (f"The valley is nearly round (its curvatures within {ratio:.2g} times of each other): training heads "
            "almost straight for the optimum.")
