"""Sentences about sweeps: which rates diverged (as ranges), the best rate or plateau, and the initialization
sweep's dead units."""

import engine


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
    diverged = sweep["blew_up"].to_numpy()
    spans = ranges(sweep["lr"].to_numpy(), diverged)
    overflowed = int(sweep["diverged_at"].notna().sum())
    if not spans:
        words.append(f"**No rate diverged** within {spec.epochs} epochs (none overflowed or ended with an MSE over "
                     f"{engine.GREW} times its start's or its first epoch's).")
    else:
        where = (f"from η = {spans[0][0]:.4g} up" if len(spans) == 1 and diverged[-1] else
                 "for " + ", ".join(f"η = {a:.4g}" if a == b else f"{a:.4g} ≤ η ≤ {b:.4g}" for a, b in spans))
        how = (f"{overflowed} overflowed: the crosses along the top" if overflowed else "none overflowed") + (
            f"; {int(diverged.sum()) - overflowed} ended with an MSE over {engine.GREW} times its start's or its "
            "first epoch's"
            if int(diverged.sum()) > overflowed else "")
        words.append(f"**{int(diverged.sum())} of {count} rates diverged** ({how}), {where}"
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


def init_sweep_summary(start, seeds: int, dead_start: int, dead_end: int, diverged: int, overflowed: int) -> str:
    """How many seeds end (and start) with a dead unit, for an activation that can have them."""
    act = engine.ACTIVATIONS[start.activation]
    if act.can_die:
        text = (f"In **{dead_end} of {seeds} seeds** at least one unit ends dead; in {dead_start} at least one was "
                "dead from the start.")
    else:
        text = (f"With {start.activation} no unit can die: its slope is never 0, so even a unit with z ≤ 0 on every "
                "point keeps learning.")
    left_out = f", {overflowed} of them overflowed (left out of the MSE plot)" if overflowed else ""
    return text + (f" {diverged} seed(s) diverged{left_out}." if diverged else "")
