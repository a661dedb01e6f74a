"""Experiments over many runs: a learning-rate sweep, an optimizer race, held-out data with and without weight decay,
an initialization sweep for the net, pinned runs overlaid."""

import streamlit as st

import engine
from ui import charts
from ui.controls.data import data_controls
from ui.controls.model import SEED_NET
from ui.controls.optimizer import held_out
from ui.controls.training import lr_control, schedule_controls
from ui.link import Link, page_settings
from ui.sections import experiments, heldout, race

TABS = ("Learning-rate sweep", "Optimizer race", "Held-out data", "Initialization sweep",
        "Pinned runs")  # the URL's `experiment=` values
UNUSED_LR = 0.01  # the lr sweep sets its own rates


def training(link: Link, with_lr: bool, held: bool = False) -> engine.RunSpec:
    """The sidebar's data and schedule as a spec (its model is replaced by each experiment); held: with a share of
    the points held out (25% by default)."""
    with st.sidebar:
        st.header("Data")
        data, test = data_controls(link, st.sidebar, "experiments", n_default=5), None
        if held:
            data, test = held_out(link, st.sidebar, data, default=25, crosses=False)
        st.header("Training")
        lr = lr_control(link, st.sidebar) if with_lr else UNUSED_LR
        epochs, mode, batch_size = schedule_controls(link, st.sidebar, len(data))
    return engine.RunSpec(SEED_NET, data, lr, epochs, mode, batch_size, test=test)


st.title("Experiments")
st.markdown("Many runs at once: sweep the learning rate, race optimizers, follow held-out points with and without "
            "weight decay, sweep the random start of the net, or lay pinned runs from the other pages over each other. "
            "Data and training settings are in the sidebar.")
with page_settings("experiments") as link:
    sweep_tab, race_tab, held_tab, init_tab, pin_tab = link.tabs(TABS, "experiment", TABS[0])
    style = charts.Style(numbers=link.toggle(st.sidebar, "Numbers behind the charts", "numbers"))
    with sweep_tab:
        if sweep_tab.open:
            experiments.learning_rate_sweep(link, training(link, with_lr=False), style)
    with race_tab:
        if race_tab.open:
            race.optimizer_race(link, training(link, with_lr=True), style)
    with held_tab:
        if held_tab.open:
            heldout.held_out_experiment(link, training(link, with_lr=True, held=True), style)
    with init_tab:
        if init_tab.open:
            experiments.initialization_sweep(link, training(link, with_lr=True), style)
    with pin_tab:
        if pin_tab.open:
            experiments.pinned_runs(link, style)
