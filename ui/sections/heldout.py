"""The experiments page's held-out tab: the same net trained on the same points with and without weight decay, its
training and held-out MSE side by side, and what the held-out MSE says about each (when to stop, whether it
overfits)."""

from dataclasses import replace

import numpy as np
import pandas as pd
import streamlit as st

import engine

from .. import charts, compute, sentences
from ..charts.plotdata import thin
from ..controls.model import net_controls
from ..controls.optimizer import optimization_controls
from ..link import Link
from . import common


def held_out_experiment(link: Link, template: engine.RunSpec, style: charts.Style) -> None:
    """Train the sidebar's net twice, as set and with a weight decay to compare, on the sidebar's training points,
    and follow both MSEs on the held-out points."""
    with st.sidebar:
        st.header("The net")
        model, _ = net_controls(link, st.sidebar, inits=engine.SCHEMES, default_init="he").net()
        st.header("Optimizer")
        optimization = optimization_controls(link, st.sidebar, template.epochs)
    decay = float(link.number(st, "Weight decay to compare", "compare_decay", 0.05, lo=0.0, hi=10.0, step=0.01,
                              help="The second run: the same settings with this weight decay (L2) instead."))
    if template.test is None:
        st.info("No points are held out: set **Held out for testing** in the sidebar (it needs at least 2 points). "
                "Their MSE is what this compares.", icon=":material/science:")
        return
    base = template.with_changes(model=model, **optimization.fields())
    specs = {"as set": base, f"weight decay {decay:g}": base.with_changes(
        optimizer=replace(base.optimizer, weight_decay=decay))}
    too_much = compute.over_cap(base, len(specs), "runs")
    if too_much:
        st.error(too_much)
        return
    runs = {name: compute.train(spec) for name, spec in specs.items()}
    labels, frames = [], []
    for name, run in runs.items():
        for column, what in (("mse", "training"), ("test_mse", "held out")):
            label = f"{name}: {what}"
            labels.append(label)
            frames.append(thin(run.history[["epoch", column]]).rename(columns={column: "mse"}).assign(pin=label))
    log_scale = link.toggle(st, "Log scale", "held_log", True)
    charts.draw(st, charts.pinned_curves_chart(pd.concat(frames), labels, "mse", "MSE (y units²)", log_scale, "run"),
                "held_out", style)
    own = base.optimizer.weight_decay
    st.caption(f"{len(base.data)} point(s) train, {len(base.test)} held out (never trained on); the same net, data "
               f"and {type(base.optimizer).__name__} in both runs, the first with the sidebar's weight decay "
               f"({own:g}), the second with {decay:g} (L2 on every parameter).")
    if own == decay:
        st.info(f"Both runs have weight decay {decay:g}, so they are the same run: set another **Weight decay to "
                "compare** (or another in the sidebar).", icon=":material/compare_arrows:")
    for name, run in runs.items():
        common.divergence(run, lambda run: sentences.net_advice(run.lr), name.capitalize())
        said = sentences.held_out(run.history, float(np.var(run.data.y)))
        if said:
            st.markdown(f"**{name.capitalize()}.** {said}")
