"""The experiments page's optimizer race: the same start, data and learning rate under several optimizers, their
MSE curves overlaid (and, for the line, their paths on the loss surface), then a sweep of the final MSE against
the learning rate, one curve per optimizer."""

import numpy as np
import pandas as pd
import streamlit as st

import engine

from .. import charts, compute, sentences
from ..charts.plotdata import surface_window, thin
from ..controls.model import SEED_NET, linear_start, net_controls
from ..link import Link
from .experiments import MODELS
from .line import SURFACE_GRID

RACERS = {  # the optimizers one can race, by their label (the URL's `racers=` values)
    "SGD": engine.SGD(), "momentum 0.9": engine.SGD(momentum=0.9),
    "Nesterov 0.9": engine.SGD(momentum=0.9, nesterov=True), "RMSprop": engine.RMSprop(), "Adam": engine.Adam(),
}
DEFAULT_RACERS = ("SGD", "momentum 0.9", "Adam")
SWEEP_RATES = 40  # learning rates per optimizer in the sweep below the race
CAPTIONS = ("the seed's 2 ReLU units", "y = w·x + b from the w and b set below", "the net set in the sidebar")


def optimizer_race(link: Link, template: engine.RunSpec, style: charts.Style) -> None:
    """The race and its sweep, for the model picked in the sidebar and the sidebar's data and training settings."""
    kind = link.choice(st.sidebar, "Model", "model", MODELS, "seed_linear", widget="radio", captions=CAPTIONS)
    racers = link.subset(st, "Optimizers", "racers", tuple(RACERS), DEFAULT_RACERS,
                         help="Each trains the same model from the same start on the same data with the same η: "
                              "PyTorch's torch.optim with default settings (momentum 0.9 where named).")
    if kind == "net":
        with st.sidebar:
            st.header("The net")
            model, _ = net_controls(link, st.sidebar, inits=engine.SCHEMES, default_init="he").net()
    elif kind == "seed_linear":
        model = linear_start(link, st.sidebar)
    else:
        model = SEED_NET
    specs = {label: template.with_changes(model=model, optimizer=RACERS[label]) for label in racers}
    too_much = compute.over_cap(template.with_changes(model=model), len(racers) * (1 + SWEEP_RATES), "runs")
    if too_much:
        st.error(too_much)
        return
    runs = {label: compute.train(spec) for label, spec in specs.items()}
    curves = {label: run.history["mse"].to_numpy() for label, run in runs.items()}
    finals = [float(np.nanmin(mse)) for mse in curves.values() if np.isfinite(mse).any()]
    floor = 1e-3 * float(np.var(template.data.y))  # 0.1% of the MSE of always predicting the mean of y
    threshold = max(1.1 * min(finals), floor) if finals else 0.0
    left, right = st.columns(2) if model.width == 0 else (st.container(), None)
    with left:
        st.subheader("MSE per epoch")
        frame = pd.concat([thin(run.history[["epoch", "mse"]]).assign(pin=label) for label, run in runs.items()])
        charts.draw(st, charts.pinned_curves_chart(frame, racers, "mse", "MSE (y units², log)", True, "optimizer"),
                    "race", style)
    if right is not None:
        with right:
            st.subheader("Their paths on the loss surface")
            _paths(runs, template.data, style)
    if finals:
        blown = tuple(label for label, run in runs.items() if engine.blew_up(run))
        st.markdown(sentences.race(curves, threshold, blown) + " (The target: within 10% of the lowest MSE any of them "
                    f"reached, {min(finals):.3g}, or 0.1% of the MSE of predicting y's mean, whichever is larger.)")
    _diverged(runs)
    st.subheader("Final MSE against the learning rate, one curve per optimizer")
    rates = tuple(np.geomspace(1e-4, 10.0, SWEEP_RATES).tolist())
    sweeps = pd.concat([compute.lr_sweep(spec, rates).assign(optimizer=label) for label, spec in specs.items()])
    ceiling = 100 * max(float(np.var(template.data.y)), 1e-12)  # the MSE of predicting y's mean, times 100
    shown = sweeps.assign(mse=sweeps["mse"].where(sweeps["mse"] <= ceiling))
    charts.draw(st, charts.optimizer_sweep_chart(shown, racers), "race_sweep", style)
    st.caption(f"{SWEEP_RATES} rates from 1e-4 to 10 per optimizer, the same epochs and data; a gap is a rate whose "
               f"run diverged or ended above {ceiling:.3g} (100 times the MSE of predicting y's mean). "
               + _widest(sweeps, racers))


def _paths(runs: dict, data: engine.Dataset, style: charts.Style) -> None:
    paths = {label: {"epoch": np.arange(-1, len(run.history)),
                     **{name: np.concatenate([[getattr(run.initial, name)], run.history[name].to_numpy()])
                        for name in ("w", "b")}} for label, run in runs.items()}
    optimum = compute.least_squares(data)
    everything = {name: np.concatenate([path[name] for path in paths.values()]) for name in ("epoch", "w", "b")}
    w_range, b_range = surface_window(everything, optimum)
    cells = compute.linear_surface(data, w_range, b_range, SURFACE_GRID)
    charts.draw(st, charts.surface_chart(cells, None, optimum, racers=paths), "race_surface", style,
                description="Each optimizer's path over (w, b) on the MSE surface")
    st.caption("Each optimizer's (w, b) after every epoch, from the same start (epoch -1); the diamond is the "
               "least-squares optimum.")


def _diverged(runs: dict) -> None:
    gone = [f"{label} ({f'overflowed at epoch {run.diverged_at}' if run.diverged_at is not None else 'its MSE grew'})"
            for label, run in runs.items() if engine.blew_up(run)]
    if gone:
        st.warning("Diverged at this learning rate: " + ", ".join(gone) + ".", icon=":material/trending_up:")


def _widest(sweeps: pd.DataFrame, racers) -> str:
    """Each optimizer's largest rate that did not diverge (the sweep's blew_up: engine/divergence.py),
    and its lowest final MSE (facts from the sweeps)."""
    facts = []
    for label in racers:
        finite = sweeps[(sweeps["optimizer"] == label) & ~sweeps["blew_up"]]
        if len(finite):
            best = finite.loc[finite["mse"].idxmin()]
            facts.append(f"{label}: largest η that did not diverge {finite['lr'].max():.3g}, lowest MSE "
                         f"{best['mse']:.3g} at η = {best['lr']:.3g}")
        else:
            facts.append(f"{label}: diverged at every rate")
    return "; ".join(facts) + "."
