"""Dead-unit facts for a trained ReLU net: which unit, since when, why, and what would revive it."""

import numpy as np
import pandas as pd

from .activations import ACTIVATIONS


def _fraction_active(model, x: np.ndarray) -> np.ndarray:
    z = np.asarray(model.w)[:, None] * x + np.asarray(model.b)[:, None]
    return (z > 0).mean(axis=1)


def dead_units(run) -> pd.DataFrame:
    """One row per hidden unit of `run.model` (none for Linear).

    Columns: unit (1-based), status ("alive", "dead", "dead from the start", or "inactive" for a unit with
    z_i <= 0 on all data whose activation still has a gradient there), dead_since (first epoch from which
    the unit is dead, 0 when dead from the start; NA if alive), w, b (final values), kink (x = -b/w where
    z_i changes sign; NaN when w = 0), kink_in_data (kink within [min x, max x]), verdict, cause, revive
    (plain-words sentences).
    """
    model = run.model
    if model.width == 0:
        return pd.DataFrame(columns=["unit", "status", "dead_since", "w", "b", "kink", "kink_in_data",
                                     "verdict", "cause", "revive"])
    x = run.data.x
    low, high = float(x.min()), float(x.max())
    can_die = ACTIVATIONS[model.activation].can_die
    start = _fraction_active(run.initial, x)
    fractions = run.activity["active_fraction"].to_numpy().reshape(-1, model.width)  # (epochs, H)
    final = _fraction_active(model, x)
    kinks = model.kinks()
    rows = []
    for i in range(model.width):
        k, w, b = i + 1, model.w[i], model.b[i]
        kink = float(kinks[i])
        silent = final[i] == 0
        if not silent:
            status, since = "alive", pd.NA
        elif not can_die:
            status, since = "inactive", pd.NA
        elif start[i] == 0:
            status, since = "dead from the start", 0
        else:
            alive_epochs = np.flatnonzero(fractions[:, i] > 0)
            status, since = "dead", int(alive_epochs[-1] + 1) if len(alive_epochs) else 0
        rows.append({
            "unit": k, "status": status, "dead_since": since, "w": w, "b": b, "kink": kink,
            "kink_in_data": bool(low <= kink <= high),
            "verdict": _verdict(k, status, since, final[i]),
            "cause": _cause(k, w, b, kink, low, high, model.activation) if silent else "",
            "revive": _revive(k, status, model.activation) if silent else "",
        })
    table = pd.DataFrame(rows)
    table["dead_since"] = table["dead_since"].astype("Int64")
    return table


def _verdict(k, status, since, fraction):
    if status == "alive":
        return f"Unit {k} is alive: z_{k} > 0 on {fraction:.0%} of the data, so it learns from those points."
    if status == "inactive":
        return (f"Unit {k} is inactive (z_{k} <= 0 on every point), but its activation still has a slope there, "
                "so it keeps learning.")
    if status == "dead from the start":
        return f"Unit {k} is dead from the start: it never outputs anything but 0 on the data."
    return f"Unit {k} is dead since epoch {since}: from then on it outputs 0 on every point."


def _cause(k, w, b, kink, low, high, activation):
    if w < 0:
        side = f"w_{k} = {w:.4g} < 0, so z_{k} = w_{k}·x + b_{k} <= 0 for every x >= {kink:.4g}"
    elif w > 0:
        side = f"w_{k} = {w:.4g} > 0, so z_{k} = w_{k}·x + b_{k} <= 0 for every x <= {kink:.4g}"
    else:
        side = f"w_{k} = 0 and b_{k} = {b:.4g} <= 0, so z_{k} <= 0 for every x"
    if w != 0 and b == 0:
        side += f" (b_{k} = 0, so that is every x {'> 0' if w < 0 else '< 0'})"
    where = f"and the data lie in [{low:.4g}, {high:.4g}]: "
    if activation != "relu":
        return f"{side}, {where}z_{k} <= 0 on every point."
    return (f"{side}, {where}ReLU outputs 0 there and its derivative is 0, so the gradients of w_{k}, b_{k} "
            f"and v_{k} are exactly zero on every sample and the unit can never recover.")


def _revive(k, status, activation):
    if status == "inactive":
        return "Nothing to do: it is not stuck."
    tips = [f"start w_{k} with the other sign or a bias b_{k} that puts the kink inside the data range",
            "switch to leaky_relu (slope 0.01 for z <= 0), so the unit still gets a gradient",
            "try another initialisation seed"]
    if status == "dead":
        tips.insert(0, "lower the learning rate: a large step pushed its kink past the data")
    return "To revive it: " + "; ".join(tips) + "."
