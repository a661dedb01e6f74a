"""Sentences about a net's units and layers, by what their activation can do: the fit's lines, the parameters,
the activity map, the title, and how the gradient flows back through the layers."""

import math

import engine

from .optimizers import scaled_steps


def unit_lines(act: engine.activations.Activation, kinks_shown: bool = True) -> str:
    """What the fit chart's thin lines (and dashed rules, for an activation with a kink) are; kinks_shown: some
    unit's kink lies in the x range drawn (else no dashed rule is drawn, and none is described)."""
    line = "Each thin line is one unit's contribution vᵢ·hᵢ(x)"
    if act.kink and not kinks_shown:
        flat = "either a flat 0 or a straight line" if act.switches_off else "a straight line"
        return (f"{line}. Every unit's kink x = −bᵢ/wᵢ (where zᵢ = 0) lies outside the x range shown, so here each "
                f"unit is {flat}, and the fit bends nowhere in view.")
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


def biases(act, movers: dict | None = None) -> str:
    """The caption of the biases' chart; movers: what moves a dead unit's parameters besides its (zero) gradient
    (engine.diagnostics.forces; the L1 penalty is on weights only)."""
    text = ("Together with wᵢ, bᵢ places the kink at x = −bᵢ/wᵢ." if act.kink else
            "bᵢ shifts unit i's input zᵢ = wᵢx + bᵢ.")
    if not act.can_die:
        return text
    words = [part for tag, part in (movers or {}).items() if tag != "l1"]
    return text + (" A bias that never moves gets no gradient: with ReLU, a dead unit's." if not words else
                   f" A dead unit's bᵢ gets no gradient; only {' and '.join(words)} can still move it.")


def output_weights(act, movers: dict | None = None) -> str:
    """The caption of the output weights' chart; movers as for `biases`."""
    text = "vᵢ scales unit i's share of the output, c shifts it."
    if not act.can_die:
        return text
    words = list((movers or {}).values())
    return text + (" A dead unit's vᵢ stays where it was when the unit died (its start, if it was dead from the "
                   "start): vᵢ's gradient is exactly 0 from then on." if not words else
                   f" A dead unit's vᵢ gets no gradient from then on; only {' and '.join(words)} can still move it.")


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


def activity_map(act, depth: int = 1, revivers: tuple = ()) -> str:
    """The caption of the units x epochs maps of a net with `depth` hidden layers; revivers: what can bring a dead
    first-layer unit back (engine.diagnostics.revivers)."""
    text = "One row per unit, one column per epoch: the share of data points on which the unit's zᵢ > 0. "
    if act.can_die:
        first = ("its input is x itself, so it stays dark" if not revivers else
                 f"its input is x itself, so only {' and '.join(revivers)} can bring it back")
        deeper = (" A unit of a deeper layer sees the layer below, which still learns, so its row can light up "
                  "again." if depth > 1 else "")
        return text + (f"A dark row{' in layer 1' if depth > 1 else ''} is a unit whose weights get no gradient "
                       f"(ReLU's slope is 0 where zᵢ <= 0): {first}.{deeper}")
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


def gradient_flow(ratio: float, depth: int, flat: bool = False, diverged_at: int | None = None,
                  adaptive: str | None = None) -> str:
    """What the gradient-flow chart says about this run, from the median ratio of the first layer's
    weight-gradient size to the output layer's (engine.flow_ratio); flat: no layer had any gradient in any epoch;
    diverged_at: the epoch the run diverged (the sentence covers the epochs before it); adaptive: the name of an
    optimizer that divides each parameter's step by its own gradient's running size (RMSprop, Adam), so the
    steps are not in the gradients' ratio."""
    when = f" (over the {diverged_at} epoch(s) before the run diverged)" if diverged_at is not None else ""
    if adaptive:
        slow, large = (f". {scaled_steps(adaptive)}, so the layers' steps are not in this ratio",) * 2
    else:
        slow, large = ", so the layers nearest the input learn the slowest", (", so the layers nearest the input take "
                                                                                "the largest steps")
    layers = f"{depth} hidden layer{'s' if depth != 1 else ''}"
    if flat:
        return ("**No gradient at all**: every layer's weight gradient is exactly 0 in every epoch" + when + ", so "
                "nothing learns (either the error is 0 on every point, or every path from the input to the output "
                "passes a unit that is constant on the data).")
    if not math.isfinite(ratio):
        return ("No epoch has a usable gradient at both ends of the net" + when
                + ", so nothing can be said about its flow.")
    if ratio == 0:
        return (f"**Vanishing gradients**: across {layers}, the first layer's weight gradient is exactly 0 in most "
                f"epochs{when}: no gradient reaches it (the paths back to it pass dead or flat units).")
    if ratio < 0.1:
        return (f"**Vanishing gradients**: across {layers}, the first layer's weight gradient is typically "
                f"{_times(1 / ratio)} times smaller than the output layer's{when}{slow}.")
    if ratio > 10:
        return (f"**Exploding gradients**: across {layers}, the first layer's weight gradient is typically "
                f"{_times(ratio)} times larger than the output layer's{when}{large}.")
    return (f"**No vanishing or exploding here**: the first layer's weight gradient is typically {ratio:.2g} times "
            f"the output layer's (within a factor of 10), across {layers}{when}.")


def _times(factor: float) -> str:
    return f"{factor:,.0f}" if factor < 1e6 else f"{factor:.3g}"
