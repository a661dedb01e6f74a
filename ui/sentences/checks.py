"""Sentences about the gradient check: what agreed, and why a finite difference can miss."""

import math


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
        if not (math.isfinite(row["analytic"]) and math.isfinite(row["numeric"])):
            words.append(f"**{row['parameter']}**: the loss or its gradient is not a finite number here (the values "
                         "overflow), so nothing can be compared. Not a mistake in the chain rule.")
        elif row["kink"]:
            words.append(f"**{row['parameter']}**: the nudges move {row['kink']} across 0, a kink of {activation} "
                         "where its slope jumps, so the finite difference averages the slopes on both sides while the "
                         "chain rule takes the one at z itself. Not a mistake in the chain rule.")
        else:
            words.append(f"**{row['parameter']}**: backprop and the finite difference differ by "
                         f"{abs(row['analytic'] - row['numeric']):.3g}, more than rounding and the step explain "
                         f"({row['tolerance']:.3g}): that would be a mistake in the chain rule.")
    return "\n\n".join(words)
