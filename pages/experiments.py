"""Experiments over many runs: a learning-rate sweep, an initialization sweep for the net, pinned runs overlaid."""

import html
from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

import engine
from ui import charts, compute, controls, pins, settings

SEED_NET = engine.MLP()  # the seed notebook's net: w = 0.1,-0.1; b = 0,0; v = 0.1,0.1; c = 0
MODELS = ("seed_net", "seed_linear", "net")
MODEL_CAPTIONS = ("the seed's 2 ReLU units", "y = w·x + b from w = b = 0", "the net set in the sidebar")
TABS = ("Learning-rate sweep", "Initialization sweep", "Pinned runs")  # the labels are the URL's `experiment=` values
MAX_HIDDEN = 16
MAX_RATES = 1000
MAX_SEEDS = 200

st.title("Experiments")
st.markdown("Many runs at once: sweep the learning rate, sweep the random start of the net, or lay pinned runs "
            "from the other pages over each other. Data and training settings are in the sidebar.")
notices = st.container()
sweep_tab, init_tab, pin_tab = st.tabs(TABS, key="experiment", bind=settings.BIND)
charts.numbers_toggle(st.sidebar)


def training_controls(with_lr: bool = False):
    """The sidebar's data and schedule; returns (data, lr or None, epochs, mode, batch_size)."""
    with st.sidebar:
        st.header("Data")
        data = controls.data_controls(st.sidebar, "experiments", n_default=5)
        st.header("Training")
        lr = controls.lr_control(st.sidebar) if with_lr else None
        epochs, mode, batch_size = controls.schedule_controls(st.sidebar, len(data))
    return data, lr, epochs, mode, batch_size


def net_controls(with_seed: bool):
    """The sidebar's net: (hidden, activation, init scheme, init seed or None)."""
    with st.sidebar:
        st.header("The net")
        hidden = int(settings.number(st.sidebar, "Hidden units", "hidden", 2, lo=1, hi=MAX_HIDDEN, integer=True))
        activation = settings.choice(st.sidebar, "Activation", "activation", tuple(engine.ACTIVATIONS), "relu")
        init = settings.choice(st.sidebar, "Initialization", "init", engine.SCHEMES, "he", widget="radio",
                               horizontal=True, help="Random w and v from this scheme; biases start at 0.")
        init_seed = None
        if with_seed:
            init_seed = int(settings.number(st.sidebar, "Init seed", "init_seed", 0, lo=0, hi=2**31 - 1,
                                            integer=True))
    return hidden, activation, init, init_seed


def plain(data: engine.Dataset) -> tuple[tuple[float, ...], tuple[float, ...]]:
    return tuple(data.x.tolist()), tuple(data.y.tolist())


# ---- 1. learning-rate sweep ------------------------------------------------------------------------


def learning_rate_sweep() -> None:
    st.sidebar.header("Model")
    model_kind = settings.choice(st.sidebar, "Model", "model", MODELS, "seed_net", widget="radio",
                                 captions=MODEL_CAPTIONS, label_visibility="collapsed")
    top = st.columns([1, 1, 1, 2], vertical_alignment="bottom")
    lr_min = float(settings.number(top[0], "Smallest η", "lr_min", 1e-4, lo=controls.LR_MIN, hi=controls.LR_MAX))
    lr_max = float(settings.number(top[1], "Largest η", "lr_max", 10.0, lo=controls.LR_MIN, hi=controls.LR_MAX))
    count = int(settings.number(top[2], "Rates", "rates", 200, lo=2, hi=MAX_RATES, integer=True,
                                help="how many learning rates, evenly spaced on a log scale"))
    top[3].caption("One run per learning rate η, all from the same start with the same data and schedule "
                   "(sidebar). Hover a dot for its numbers.")
    data, _, epochs, mode, batch_size = training_controls()
    if model_kind == "net":
        hidden, activation, init, init_seed = net_controls(with_seed=True)
        model = engine.MLP.init(hidden, init, init_seed, activation)
    else:
        model = SEED_NET if model_kind == "seed_net" else engine.Linear()
    settings.show_warnings(notices)
    if lr_min >= lr_max:
        st.error(f"The smallest learning rate ({lr_min:g}) must be below the largest ({lr_max:g}).")
        return
    too_much = compute.sweep_over_cap(count, len(data), epochs, model.width)
    if too_much:
        st.error(too_much)
        return

    x, y = plain(data)
    lrs = tuple(np.geomspace(lr_min, lr_max, count).tolist())
    theta = tuple(float(value) for value in model.theta)
    sweep = compute.lr_sweep(theta, model.width, model.activation, x, y, lrs, epochs, mode, batch_size)
    stable = compute.stable_lr(x, y, mode, batch_size) if model.width == 0 else None
    diverged = sweep[sweep["diverged_at"].notna()]
    finite = sweep[sweep["mse"].notna()]
    best = finite.loc[finite["mse"].idxmin()] if len(finite) else None

    chart, facts = st.columns([3, 1])
    metrics = [facts] * 3
    metrics[0].metric("Rates diverged", f"{len(diverged)} of {count}",
                      help="runs whose loss or parameters overflowed to infinity before the last epoch")
    metrics[1].metric("Lowest final MSE", f"{best['mse']:.3g}" if best is not None else "none",
                      help="the best run of the sweep" + (f", at η = {best['lr']:.4g}" if best is not None else ""))
    if model.width == 0:
        metrics[2].metric("Stable η up to (theory)", f"{stable:.4g}",
                          help="from the data alone: above it every epoch multiplies the distance to the optimum")
    else:
        metrics[2].metric("Smallest diverged η", f"{diverged['lr'].min():.4g}" if len(diverged) else "none")

    charts.draw(chart, charts.lr_sweep_chart(sweep, stable, float(np.var(data.y))))
    words = [f"Each dot is one run of {epochs} epochs ({mode}) from the same start, at one learning rate η; both "
             "axes are logarithmic. On the left η is too small to get far in that time; the MSE falls as η grows, "
             "until each step overshoots the minimum by more than it corrects."]
    if len(diverged):
        words.append(f"**{len(diverged)} of {count} rates diverged**: the red crosses along the top, from "
                     f"η = {diverged['lr'].min():.4g} up (hover for the epoch the run overflowed).")
    else:
        words.append(f"**No rate diverged** within {epochs} epochs.")
    if stable is not None:
        words.append(f"For the line, theory gives the largest stable η from the data alone: {stable:.4g} (dashed). "
                     "Runs right of it grow every epoch; those not yet crossed out just have not overflowed yet.")
    else:
        words.append("The dotted line is the MSE of always predicting the mean of y: a net that settles there has "
                     "lost all its units (each one dead) and only its output bias c still learns.")
    if best is not None:
        words.append(f"The lowest final MSE, {best['mse']:.3g}, is at η = {best['lr']:.4g}.")
    st.caption(" ".join(words))


# ---- 2. initialization sweep -----------------------------------------------------------------------


def initialization_sweep() -> None:
    top = st.columns([1, 3])
    seeds = int(settings.number(top[0], "Init seeds", "seeds", 50, lo=1, hi=MAX_SEEDS, integer=True,
                                help="train one net per init seed 0, 1, ..., N-1"))
    data, lr, epochs, mode, batch_size = training_controls(with_lr=True)
    hidden, activation, init, _ = net_controls(with_seed=False)
    settings.show_warnings(notices)
    top[1].markdown(f"One net of **{hidden} {activation} unit(s)** per init seed, **{init}** initialization, "
                    f"trained {epochs} epochs at η = {lr:g} ({mode}). A unit is *dead* when z ≤ 0 on every data "
                    "point, so it outputs a constant and (for ReLU) gets no gradient.")
    too_much = compute.sweep_over_cap(seeds, len(data), epochs, hidden, what="seeds")
    if too_much:
        st.error(too_much)
        return

    x, y = plain(data)
    table = compute.init_sweep(x, y, hidden, init, seeds, activation, lr, epochs, mode, batch_size)
    dead_end = int((table["dead_at_end"] > 0).sum())
    dead_start = int((table["dead_at_start"] > 0).sum())
    diverged = int(table["diverged_at"].notna().sum())
    finite = table[table["mse"].notna()]

    if engine.ACTIVATIONS[activation].can_die:
        summary = (f"In **{dead_end} of {seeds} seeds** at least one unit ends dead; in {dead_start} at least one "
                   "was dead from the start.")
    else:
        summary = (f"With {activation} no unit can die: its slope is never 0, so even a unit with z ≤ 0 on every "
                   f"point keeps learning ({dead_end} of {seeds} seeds end with a dead unit).")
    if diverged:
        summary += f" {diverged} seed(s) diverged (left out of the MSE plot)."
    st.markdown(summary)
    metrics = st.columns(4)
    metrics[0].metric("A unit dead at the end", f"{dead_end} of {seeds}")
    metrics[1].metric("A unit dead at the start", f"{dead_start} of {seeds}")
    metrics[2].metric("Median final MSE", f"{finite['mse'].median():.3g}" if len(finite) else "none")
    metrics[3].metric("Diverged", f"{diverged} of {seeds}")

    left, right = st.columns(2)
    with left:
        st.subheader("Dead units per seed")
        charts.draw(st, charts.dead_count_chart(table, hidden))
        st.caption("How many seeds start (gray) and end (orange) with 0, 1, 2, … dead units. A bar that grows from "
                   "start to end means training itself kills units: a large step pushed a kink past the data.")
    with right:
        st.subheader("Final MSE per seed")
        charts.draw(st, charts.seed_mse_chart(table))
        st.caption("One dot per seed (hover for its number), in rows by dead units at the end. The same "
                   "settings end far apart only because of the random start; more dead units usually means a "
                   "worse fit, because fewer units can bend the prediction.")
    if len(finite):
        worst = finite.loc[finite["mse"].idxmax()]
        link = {"init": init, "init_seed": str(int(worst["seed"])), "hidden": str(hidden), "activation": activation,
                "lr": f"{lr:g}", "epochs": str(epochs), "mode": mode, **data_link()}
        if batch_size is not None:
            link["batch_size"] = str(batch_size)
        st.markdown(f":material/open_in_new: [See the worst seed ({int(worst['seed'])}, final MSE "
                    f"{worst['mse']:.3g}) on the ReLU network page](network?{urlencode(link)})")


def data_link() -> dict:
    """This page's generated-data settings as query parameters (typed or uploaded data cannot travel in a link)."""
    keys = ("data", "n", "noise", "seed")
    return {key: str(st.query_params[key]) for key in keys if key in st.query_params}


# ---- 3. pinned runs --------------------------------------------------------------------------------


EXAMPLES = [(f"example: seed's line, η = {lr:g}", {"theta": (0.0, 0.0), "width": 0, "activation": None,
                                                     "x": (1.0, 2.0, 3.0, 4.0), "y": (2.0, 4.0, 6.0, 8.0), "lr": lr,
                                                     "epochs": 100, "mode": "sgd", "batch_size": None})
            for lr in (0.003, 0.01, 0.03, 0.12)]


def pin_examples() -> None:
    kept = pins.pinned()
    for label, run_settings in EXAMPLES:
        kept, _ = pins.add(kept, label, run_settings)
    st.session_state[pins.KEY] = kept


def describe(pin: dict) -> str:
    model = "linear" if pin["width"] == 0 else f"net of {pin['width']} {pin['activation']} unit(s)"
    batch = f", batch {pin['batch_size']}" if pin["mode"] == "minibatch" else ""
    return f"{model}, {len(pin['x'])} points, η = {pin['lr']:g}, {pin['epochs']} epochs, {pin['mode']}{batch}"


def pinned_runs() -> None:
    st.sidebar.caption("Pinned runs keep the settings they were pinned with; nothing in the sidebar changes them.")
    kept = pins.pinned()
    if not kept:
        st.info("No pinned runs yet. Press **Pin this run** on the Linear fit or ReLU network page, then come back "
                "here to lay the runs over each other. Or start with four runs of the seed's line at different "
                "learning rates.", icon=":material/push_pin:")
        st.button("Pin four example runs", key="pin_examples", on_click=pin_examples, icon=":material/science:")
        return

    runs = []
    for pin in kept:
        run = compute.train(pin["theta"], pin["width"], pin["activation"], pin["x"], pin["y"], pin["lr"],
                            pin["epochs"], pin["mode"], pin["batch_size"])
        runs.append(run)
    labels = [pin["label"] for pin in kept]

    left, right = st.columns(2)
    with left:
        st.subheader("MSE per epoch")
        log_scale = st.toggle("Log scale", key="pins_log", value=True, bind=settings.BIND)
        curves = pd.concat([charts.thin(run.history)[["epoch", "mse"]].assign(pin=label)
                            for run, label in zip(runs, labels)], ignore_index=True)
        charts.draw(st, charts.pinned_curves_chart(curves, labels, "mse", "MSE (y units²)", log_scale))
        st.caption("One line per pinned run. Steeper is faster; a line that stops early diverged; a line that "
                   "flattens high has settled on a poor fit (or lost its units).")
    with right:
        st.subheader("One parameter per epoch")
        common = [name for name in runs[0].model.names if all(name in run.model.names for run in runs[1:])]
        if common:
            name = st.selectbox("Parameter", common, key="pins_parameter")
            values = pd.concat([charts.thin(run.history)[["epoch", name]].rename(columns={name: "value"})
                                .assign(pin=label) for run, label in zip(runs, labels)], ignore_index=True)
            charts.draw(st, charts.pinned_curves_chart(values, labels, "value", f"{name} (parameter value)"))
            st.caption(f"{name} after each epoch, for every pinned run. Runs with a small η creep towards the same "
                       "value, large ones overshoot and oscillate around it.")
        else:
            st.info("These runs share no parameter (a line has w and b, a net w_1, b_1, …): pin runs of the same "
                    "kind of model to compare their parameters.")

    st.markdown(f"**{len(kept)} pinned run(s)** (at most {pins.MAX_PINS}; pins last while this browser tab is open)")
    for index, (pin, run, color) in enumerate(zip(kept, runs, charts.pin_colors(labels))):
        row = st.columns([6, 1], vertical_alignment="center")
        outcome = (f"diverged at epoch {run.diverged_at}" if run.diverged_at is not None
                   else f"final MSE {run.final_mse:.4g}")
        text = html.escape(f"{pin['label']}: {describe(pin)}; {outcome}")  # a label may come from a page's text
        row[0].markdown(f"<span style='color:{color}'>■</span> {text}", unsafe_allow_html=True)
        row[1].button("Remove", key=f"unpin_{index}", on_click=pins.remove, args=(index,),
                      icon=":material/close:", width="stretch")
    st.button("Clear all pins", key="clear_pins", on_click=pins.clear, icon=":material/delete_sweep:")


with sweep_tab:
    if sweep_tab.open:
        learning_rate_sweep()
with init_tab:
    if init_tab.open:
        initialization_sweep()
with pin_tab:
    if pin_tab.open:
        pinned_runs()
