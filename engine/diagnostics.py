"""The units of a trained net: which learn from which points, which died (ReLU), since when, why, and how to
revive them. Every sentence here is made from the unit's facts and its activation's properties, so it holds for
that activation: only an activation that can die has dead units, only one with a kink has a kink to talk about.
"""

import numpy as np
import pandas as pd

from .activations import ACTIVATIONS
from .network import Network

SATURATED = 3.0  # |z| beyond which tanh and sigmoid are nearly flat (slope below 0.01 for tanh, 0.05 for sigmoid)
COLUMNS = ["unit", "status", "dead_since", "w", "b", "kink", "kink_in_data", "active_fraction", "saturated",
           "verdict", "cause", "revive"]


def _z(model, x: np.ndarray) -> np.ndarray:
    """Each unit's pre-activation on each point: shape (H, len(x))."""
    with np.errstate(all="ignore"):
        return np.asarray(model.w)[:, None] * x + np.asarray(model.b)[:, None]


def dead_units(run) -> pd.DataFrame:
    """One row per hidden unit of `run.model` (none for Linear).

    Columns: unit (1-based); status: "alive"; for an activation that can die (relu) "dead" or "dead from the start"
    when z_i <= 0 on all data at the start and at every epoch's end (no gradient: it stays so); for one with a kink
    but a slope everywhere (leaky_relu) "inactive" when z_i <= 0 on all data (on its shallow side, still learning);
    tanh, sigmoid and identity units are always "alive" (a slope everywhere). dead_since (first epoch from which the
    unit is dead, 0 when dead from the start; NA otherwise), w, b (final values), kink (x = -b/w where z_i changes
    sign; NaN when w = 0 or the activation has no kink), kink_in_data (that kink within [min x, max x]),
    active_fraction (share of points with z_i > 0 at the end), saturated (tanh and sigmoid: |z_i| > 3 on every
    point), verdict, cause, revive (plain-words sentences, "" where there is nothing to say).
    """
    model = run.model
    if model.width == 0:
        return pd.DataFrame(columns=COLUMNS)
    if isinstance(model, Network):
        return _layers(run)
    x = run.data.x
    low, high = float(x.min()), float(x.max())
    act = ACTIVATIONS[model.activation]
    start = (_z(run.initial, x) > 0).mean(axis=1)
    fractions = run.activity["active_fraction"].to_numpy().reshape(-1, model.width)  # (epochs, H)
    z = _z(model, x)
    final = (z > 0).mean(axis=1)
    kinks = model.kinks() if act.kink else np.full(model.width, np.nan)
    rows = []
    for i in range(model.width):
        k, w, b, kink = i + 1, model.w[i], model.b[i], float(kinks[i])
        silent = final[i] == 0
        saturated = bool(not act.kink and act.name != "identity" and np.all(np.abs(z[i]) > SATURATED))
        since = pd.NA
        if silent and act.can_die:
            alive_epochs = np.flatnonzero(fractions[:, i] > 0)
            status = "dead from the start" if start[i] == 0 and not len(alive_epochs) else "dead"
            since = int(alive_epochs[-1] + 1) if len(alive_epochs) else 0
        else:
            status = "inactive" if silent and act.kink else "alive"
        facts = {"unit": k, "status": status, "dead_since": since, "w": w, "b": b, "kink": kink,
                 "kink_in_data": bool(low <= kink <= high), "active_fraction": float(final[i]),
                 "saturated": saturated}
        rows.append({**facts, "verdict": verdict(facts, act),
                     "cause": cause(facts, act, low, high, never(run.spec, status == "dead"))
                     if status != "alive" else "",
                     "revive": revive(facts, act) if status != "alive" else ""})
    columns = {name: [row[name] for row in rows] for name in COLUMNS}
    return pd.DataFrame({**columns, "dead_since": pd.array(columns["dead_since"], dtype="Int64")})


def verdict(unit: dict, act) -> str:
    """What the unit does now, from its status, its share of points with z > 0 and its activation."""
    k, status, share = unit["unit"], unit["status"], unit["active_fraction"]
    if status == "dead from the start":
        return f"Unit {k} is dead from the start: it never outputs anything but 0 on the data."
    if status == "dead":
        return f"Unit {k} is dead since epoch {unit['dead_since']}: from then on it outputs 0 on every point."
    if status == "inactive":
        return (f"Unit {k} is on its shallow side: z_{k} <= 0 on every point, where {act.name}'s slope is 0.01, so it "
                "still learns, 100 times slower, and can come back.")
    if act.can_die:
        return f"Unit {k} is alive: z_{k} > 0 on {share:.0%} of the data, so it learns from those points."
    if act.kink:
        return (f"Unit {k} is alive: z_{k} > 0 on {share:.0%} of the data, where its slope is 1; on the rest its slope "
                "is 0.01, so it learns from every point, from those 100 times slower.")
    if act.name == "identity":
        return f"Unit {k} outputs v_{k}·z_{k} = v_{k}(w_{k}x + b_{k}): a straight line, learning from every point."
    if unit["saturated"]:
        return (f"Unit {k} is saturated: |z_{k}| > {SATURATED:g} on every point, where {act.name} is nearly flat, so "
                "its slope and its gradients are tiny (it still learns, slowly).")
    return f"Unit {k} learns from every point: {act.name} has a slope everywhere, largest where z_{k} is near 0."


def forces(spec, ever_alive: bool = True) -> dict[str, str]:
    """What still moves a dead unit's parameters when their data gradient is 0: {tag: words} with tags momentum,
    adam, l1 (on weights only), decay ({} for the seed's plain SGD without penalties: nothing does). ever_alive:
    the unit had gradients once (a unit dead from the start has no momentum or running average to carry it)."""
    optimizer, moved = spec.optimizer, {}
    if getattr(optimizer, "momentum", 0) and ever_alive:
        moved["momentum"] = "the optimizer's momentum"
    if optimizer.name == "adam" and ever_alive:
        moved["adam"] = "Adam's running average of past gradients"
    if spec.l1:
        moved["l1"] = "the L1 penalty (on its weights)"
    if optimizer.weight_decay:
        moved["decay"] = "weight decay"
    return moved


def revivers(spec, ever_alive: bool = True) -> list[str]:
    """The words of the `forces` that can bring a dead first-layer unit's z back above 0. Not plain SGD's weight
    decay: it shrinks w and b by the same factor, so z = w·x + b keeps its sign (RMSprop and Adam divide each
    parameter's step by its own running size, so their decay moves w and b by different factors)."""
    moved = forces(spec, ever_alive)
    if spec.optimizer.name == "sgd":
        moved.pop("decay", None)
    return list(moved.values())


def never(spec, ever_alive: bool = True) -> str:
    """How a dead unit of the first layer ends: it can never recover, or only through what still moves it."""
    moved, reviving = forces(spec, ever_alive), revivers(spec, ever_alive)
    if not reviving:
        shrink = ("weight decay still shrinks w and b, by the same factor, so z keeps its sign: "
                  if "decay" in moved else "")
        return f"{shrink}the unit can never recover"
    verb = "act" if len(moved) > 1 else "acts"
    return (f"only {' and '.join(moved.values())} still {verb} on them: it stays dead unless that carries z back "
            "above 0")


def cause(unit: dict, act, low: float, high: float, ending: str = "the unit can never recover") -> str:
    """Why the unit has z <= 0 on every point, and what that does to its gradients; `ending` how its story ends
    (see `never`)."""
    k, w, b, kink = unit["unit"], unit["w"], unit["b"], unit["kink"]
    if w < 0:
        side = f"w_{k} = {w:.4g} < 0, so z_{k} = w_{k}·x + b_{k} <= 0 for every x >= {kink:.4g}"
    elif w > 0:
        side = f"w_{k} = {w:.4g} > 0, so z_{k} = w_{k}·x + b_{k} <= 0 for every x <= {kink:.4g}"
    else:
        side = f"w_{k} = 0 and b_{k} = {b:.4g} <= 0, so z_{k} <= 0 for every x"
    if w != 0 and b == 0:
        side += f" (b_{k} = 0, so that is every x {'> 0' if w < 0 else '< 0'})"
    where = f"and the data lie in [{low:.4g}, {high:.4g}]: "
    if not act.can_die:
        return f"{side}, {where}z_{k} <= 0 on every point, where {act.name}'s slope is 0.01."
    return (f"{side}, {where}ReLU outputs 0 there and its derivative is 0, so the gradients of w_{k}, b_{k} and v_{k} "
            f"are exactly zero on every sample and {ending}.")


def revive(unit: dict, act) -> str:
    """What would bring a dead unit back (nothing for one that still learns)."""
    k = unit["unit"]
    if not act.can_die:
        return "Nothing to do: it is not stuck."
    tips = [f"start w_{k} with the other sign or a bias b_{k} that puts the kink inside the data range",
            "switch to leaky_relu (slope 0.01 for z <= 0), so the unit still gets a gradient",
            "try another initialisation seed"]
    if unit["status"] == "dead":
        tips.insert(0, "lower the learning rate: a large step pushed its kink past the data")
    return "To revive it: " + "; ".join(tips) + "."


def flow_ratio(run) -> float:
    """How the gradient reaches the first layer: the median over epochs of the first layer's weight-gradient size
    over the output layer's (run.gradient_flow), NaN where no epoch has both finite and the output's above 0.
    Well below 1: gradients vanish on their way back to the input; well above 1: they grow (explode)."""
    flow = run.gradient_flow
    layers = int(flow["layer"].max()) if len(flow) else 0
    if layers < 2:
        return float("nan")
    sizes = flow["size"].to_numpy().reshape(-1, layers)
    with np.errstate(all="ignore"):
        ratios = sizes[:, 0] / sizes[:, -1]
    ratios = ratios[np.isfinite(ratios)]
    return float(np.median(ratios)) if len(ratios) else float("nan")


LAYER_COLUMNS = ["layer", "unit", "status", "dead_since", "active_fraction", "saturated", "verdict", "cause", "revive"]


def _layers(run) -> pd.DataFrame:
    """dead_units for a Network: one row per hidden unit, layer by layer (columns LAYER_COLUMNS, meant as above).

    A unit of layer 1 sees x itself, so once dead (relu) it stays dead. A unit of a deeper layer sees the layer
    below: its own weights get no gradient while it is dead, but the layers below still learn through their
    other paths and can bring its input back, so it is dead for the data as they are now, not for ever."""
    model, act, x = run.model, ACTIVATIONS[run.model.activation], run.data.x
    z_start, _ = run.initial.hidden(x)
    z_end, _ = model.hidden(x)
    activity = run.activity
    rows = []
    for k, (start, end) in enumerate(zip(z_start, z_end), 1):
        in_layer = activity[activity["layer"] == k]
        fractions = in_layer["active_fraction"].to_numpy().reshape(-1, len(end))
        for j in range(1, len(end) + 1):
            z, share, name = end[j - 1], float((end[j - 1] > 0).mean()), f"z{k}_{j}"
            silent = share == 0
            saturated = bool(not act.kink and act.name != "identity" and np.all(np.abs(z) > SATURATED))
            status, since, cause_text, revive_text = "alive", pd.NA, "", ""
            if silent and act.can_die:
                alive = np.flatnonzero(fractions[:, j - 1] > 0)
                silent_at_start = not (start[j - 1] > 0).any()
                status = "dead from the start" if silent_at_start and not len(alive) else "dead"  # a deeper unit
                since = int(alive[-1] + 1) if len(alive) else 0  # silent at the start may come back, then die again
                inputs = f"w{k}_{j}_1·x" if k == 1 else f"Σᵢ w{k}_{j}_i·h{k - 1}_i"
                reviving = " and ".join(revivers(run.spec, status == "dead"))
                cause_text = (f"{name} = {inputs} + b{k}_{j} <= 0 on every point: ReLU outputs 0 there and "
                              f"its slope is 0, so w{k}_{j}_*, b{k}_{j} and the weights out of it get exactly zero "
                              "gradient, and nothing flows back through it to the layers below. "
                              + (f"Its input is x itself: {never(run.spec, status == 'dead')}." if k == 1 else
                                 "It can come back only if the layers below change what it receives"
                                 + (f", or through {reviving} acting on its own parameters." if reviving else ".")))
                revive_text = ("To revive it: " + ("lower the learning rate (a large step pushed it off), "
                                                   if status == "dead" else "")
                               + "try another init seed or scheme, or switch to leaky_relu (slope 0.01 for z <= 0).")
            elif silent and act.kink:
                status = "inactive"
            label = f"Unit {j} of layer {k}"
            if status.startswith("dead"):
                verdict_text = (f"{label} is dead from the start: it outputs 0 on every point." if since == 0 and
                                status == "dead from the start" else
                                f"{label} is dead since epoch {since}: from then on it outputs 0 on every point.")
            elif status == "inactive":
                verdict_text = (f"{label} is on its shallow side ({name} <= 0 on every point): it learns 100 times "
                                "slower.")
            elif saturated:
                verdict_text = (f"{label} is saturated: |{name}| > {SATURATED:g} on every point, where {act.name} is "
                                "nearly flat, so little gradient passes through it.")
            elif act.can_die:
                verdict_text = (f"{label} is alive: {name} > 0 on {share:.0%} of the data, so it learns from those "
                                "points.")
            else:
                verdict_text = f"{label} learns from every point: {act.name} has a slope everywhere."
            rows.append((k, j, status, since, share, saturated, verdict_text, cause_text, revive_text))
    columns = dict(zip(LAYER_COLUMNS, map(list, zip(*rows))))
    return pd.DataFrame({**columns, "dead_since": pd.array(columns["dead_since"], dtype="Int64")})
