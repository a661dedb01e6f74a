"""The one-hidden-layer net: train it, watch every parameter, each unit's contribution, and which units are dead."""

import functools

import numpy as np
import pandas as pd
import streamlit as st

import engine
from ui import charts, compute, controls, downloads, pins, player, presenter, quiz, settings, snapshots

SEED_NET = engine.MLP()  # the seed notebook's net: w = 0.1,-0.1; b = 0,0; v = 0.1,0.1; c = 0
INITS = ("seed", *engine.SCHEMES)
MAX_HIDDEN = 16

PAGE = "network"
view = presenter.from_query(st.query_params)
presenter.setup(view)
st.title("A ReLU network with one hidden layer")
notices = st.container()

side = presenter.where(view, st.sidebar, "sidebar")
side.header("Data")
data = controls.data_controls(side, PAGE, n_default=5)
side.header("Network")
hidden = int(settings.number(side, "Hidden units", "hidden", 2, lo=1, hi=MAX_HIDDEN, integer=True))
activation = settings.choice(side, "Activation", "activation", tuple(engine.ACTIVATIONS), "relu")
init = settings.choice(side, "Initialization", "init", INITS, "seed", widget="radio", horizontal=True,
                       help="seed: the seed notebook's starting values, every one editable below. "
                            "he / xavier / uniform: random w and v from that scheme, reproducible from the "
                            "init seed; biases start at 0.")
if init == "seed":
    typed = {name: settings.numbers(side, f"{name} (one per unit, comma-separated)", name,
                                    getattr(SEED_NET, name)) for name in "wbv"}
    c0 = float(settings.number(side, "c (output bias)", "c", 0.0, lo=-1e6, hi=1e6, step=0.1))
else:
    init_seed = int(settings.number(side, "Init seed", "init_seed", 0, lo=0, hi=2**31 - 1, integer=True))
side.header("Training")
lr = controls.lr_control(side)
epochs, mode, batch_size = controls.schedule_controls(side, len(data))

if init == "seed":
    # a list of the wrong length falls back, field by field, to the seed's values (width 2) or He's (seed 0)
    fallback = SEED_NET if hidden == 2 else engine.MLP.init(hidden, "he", 0, activation)
    start = {}
    for name, values in typed.items():
        if len(values) == hidden:
            start[name] = values
        else:
            start[name] = getattr(fallback, name)
            shown = ", ".join(f"{value:.4g}" for value in start[name])
            source = "the seed's values" if hidden == 2 else "He initialization with init seed 0"
            notices.warning(f"**{name}** has {len(values)} value(s), but the hidden layer has {hidden} unit(s): "
                            f"type {hidden} comma-separated numbers, one per unit. Using {source} for {name} "
                            f"until then: {shown}.", icon=":material/format_list_numbered:")
    initial = engine.MLP(start["w"], start["b"], start["v"], c0, activation)
else:
    initial = engine.MLP.init(hidden, init, init_seed, activation)
    side.caption("Starting values: " + "; ".join(
        f"{name} = " + ", ".join(f"{value:.3g}" for value in getattr(initial, name)) for name in "wv")
        + "; b = 0; c = 0.")
charts.numbers_toggle(side)
settings.show_warnings(notices)
snapshots.save("network", initial, data, lr, mode)  # for the backprop page

act = engine.ACTIVATIONS[activation]
st.latex(r"z_i = w_i\,x + b_i \qquad h_i = f(z_i) \qquad \hat y = \sum_{i=1}^{" + str(hidden)
         + r"} v_i\,h_i + c \qquad L = (\hat y - y)^2")
st.latex(r"f(z) = " + act.latex + r" \qquad f'(z) = " + act.dlatex
         + r" \qquad \delta_i = \frac{\partial L}{\partial z_i} = 2(\hat y - y)\,v_i\,f'(z_i)")
st.latex(r"\frac{\partial L}{\partial v_i} = 2(\hat y - y)\,h_i \qquad \frac{\partial L}{\partial c} = 2(\hat y - y)"
         r"\qquad \frac{\partial L}{\partial w_i} = \delta_i\,x \qquad \frac{\partial L}{\partial b_i} = \delta_i")

too_much = compute.over_cap(len(data), epochs, hidden)
if too_much:
    st.error(too_much)
    st.stop()

x, y = tuple(data.x.tolist()), tuple(data.y.tolist())
theta = tuple(float(value) for value in initial.theta)
setup = (theta, hidden, activation, x, y, lr, epochs, mode, batch_size)
run = compute.train(*setup)
history = run.history


def decimals(value: float) -> str:
    """4 decimals like the seed, or scientific notation for the huge numbers of a diverging run."""
    return f"{value:.4f}" if abs(value) < 1e6 else f"{value:.4g}"


quiz_id = quiz.asked(PAGE)
if quiz_id:  # a scenario link asks for a prediction first: nothing of the result shows until it is answered
    if not quiz.ask(quiz_id):
        st.stop()
    quiz.reveal(quiz_id, quiz.outcome_dead_unit(run.activity))

if run.diverged_at is not None:
    st.error(f"Training diverged at epoch {run.diverged_at}: the loss or a parameter overflowed to infinity, so "
             f"training stopped there. Lower the learning rate (try {lr / 10:g}).", icon=":material/error:")
elif len(history) > 1 and history["mse"].iloc[-1] > 10 * history["mse"].iloc[0]:
    st.warning(f"The MSE grew from {history['mse'].iloc[0]:.4g} to {history['mse'].iloc[-1]:.4g}: training is "
               f"diverging, each step overshoots by more than it corrects. Lower the learning rate.",
               icon=":material/trending_up:")

left, right = presenter.columns(view, [1, 3], vertical_alignment="bottom")
with left:
    here = presenter.where(view, st, "prediction")
    x_query = float(settings.number(here, "Predict at x", "x", 9.0, lo=-1e6, hi=1e6, step=1.0))
settings.show_warnings(notices)  # a bad x in the link: the x input is made after the first call
with right:
    if len(history):
        st.markdown(f"### Prediction at x = {x_query:g}: {decimals(run.predict(x_query))}")
        st.caption(f"after {len(history)} epoch(s), MSE = {history['mse'].iloc[-1]:.4g}")
    else:
        st.markdown("### No prediction: the very first epoch diverged")

if len(history) == 0:
    st.stop()

units = range(1, hidden + 1)
verdicts = compute.dead_units(*setup)
state = player.current(PAGE, player.signature(*setup))
ticking = state["playing"]


def starting_values(model) -> dict:
    """The widgets' values that make `model` the starting point (Continue training from here)."""
    return {"init": "seed", **{name: ",".join(repr(float(value)) for value in getattr(model, name)) for name in "wbv"},
            "c": float(model.c)}


@st.fragment(run_every=player.TICK_SECONDS if ticking else None)
def watch() -> None:
    """Everything that moves while a run plays: the player, the loss, the fit, the trajectories, the dead-unit map."""
    now = player.frame(PAGE, run, view, ticking)
    state, shown, playing_view, follow, show = now.state, now.shown, now.engaged, now.follow, now.show
    finished = now.last + 1

    left, right = presenter.columns(view, 2)
    with left:
        player.loss_section(now, "**loss** is the seed's running sum of each sample's squared error just before its "
                            "update; **MSE** is the mean squared error after the epoch. A curve that flattens high "
                            "means the net cannot bend enough: often a unit is dead (see below).")

    with right:
        st.subheader("The fit at one epoch")
        model_at, moment = now.scrubbed(run)
        low, high = float(data.x.min()), float(data.x.max())
        reach = max(high - low, 1.0)
        if low - reach <= x_query <= high + reach:  # show the asked-for x unless it is far outside the data
            low, high = min(low, x_query), max(high, x_query)
        margin = 0.05 * max(high - low, 1.0)
        low, high = low - margin, high + margin
        kinks = model_at.kinks()
        inside = np.isfinite(kinks) & (kinks >= low) & (kinks <= high)
        grid = np.union1d(np.linspace(low, high, 100), kinks[inside])  # the kinks keep the corners sharp
        contributions = model_at.contributions(grid)
        parts = pd.DataFrame({"x": np.tile(grid, hidden), "unit": np.repeat([f"unit {i}" for i in units], len(grid)),
                              "value": contributions.reshape(-1)})
        kink_frame = pd.DataFrame({"unit": [f"unit {i}" for i in units], "x": kinks})[inside]
        query = pd.DataFrame({"x": [x_query], "y_hat": [model_at.predict(x_query)]})
        fit = charts.network_fit_chart(pd.DataFrame({"x": data.x, "y": data.y}),
                                       pd.DataFrame({"x": grid, "y_hat": model_at.predict(grid)}), parts,
                                       kink_frame, query if low <= x_query <= high else None)
        show(fit)
        st.caption(f"{moment.capitalize()}: the thick line is the prediction ŷ = Σ vᵢ·hᵢ(x) + c = Σ (thin lines) + "
                   f"{decimals(model_at.c)}, the circles the data, the diamond the prediction at x = {x_query:g}. "
                   "Each thin line is one unit's contribution vᵢ·hᵢ(x); a dashed rule marks its kink x = −bᵢ/wᵢ, "
                   "where it switches on. A flat thin line at 0 is a unit that contributes nothing.")
    values = starting_values(model_at)
    player.continue_button(st, values, disabled=abs(values["c"]) > 1e6)

    st.subheader("Every parameter over epochs")
    start_values = dict(zip(initial.names, initial.theta))
    groups = [
        ("Input weights w_i", [f"w_{i}" for i in units], "input weight",
         "Each wᵢ sets how steeply unit i's input zᵢ rises with x; its sign says on which side of the kink "
         "the unit is on."),
        ("Biases b_i", [f"b_{i}" for i in units], "bias",
         "Together with wᵢ, bᵢ places the kink at x = −bᵢ/wᵢ. A bias that never moves belongs to a unit with no "
         "gradient."),
        ("Output weights v_i and c", [*(f"v_{i}" for i in units), "c"], "value",
         "vᵢ scales unit i's share of the output, c shifts it. A dead unit's vᵢ stays frozen at its start."),
    ]
    for column, (title, names, axis, caption) in zip(presenter.columns(view, 3), groups):
        with column:
            st.markdown(f"**{title}**")
            chart = follow(charts.unit_parameter_chart(shown, names, axis, start_values), -1)
            show(chart)
            st.caption(caption)

    st.subheader("Dead units")
    left, right = presenter.columns(view, [3, 2])
    with left:
        activity = player.visible(run.activity, state)
        if len(activity):
            chart = charts.activity_chart(activity)
            show(follow(chart) if playing_view else chart)
        else:
            st.info("Press Step or Play: the map fills in epoch by epoch.", icon=":material/grid_on:")
        st.caption("One row per unit, one column per epoch: the share of data points on which the unit is active "
                   "(zᵢ > 0). A row that is dark from some epoch on is a unit that stopped learning: with ReLU, no "
                   "active point means no gradient, ever.")
    with right:
        alive = verdicts[verdicts["status"] == "alive"]
        if len(alive) > 3:  # many healthy units: one line for all of them
            final = run.activity[run.activity["epoch"] == finished - 1].set_index("unit")["active_fraction"]
            st.markdown(":green[:material/check_circle:] **Alive** (each learns from the points where its z_i > 0): "
                        + ", ".join(f"unit {unit} ({final[unit]:.0%} of the data)" for unit in alive["unit"]) + ".")
        if playing_view:
            st.caption("The verdicts below are for the whole run.")
        for row in verdicts.itertuples():
            if row.status == "alive":
                if len(alive) <= 3:
                    st.markdown(f":green[:material/check_circle:] {row.verdict}")
            elif row.status == "inactive":
                st.markdown(f":orange[:material/pause_circle:] {row.verdict}")
            else:
                st.error(f"**{row.verdict}**\n\n**Why:** {row.cause}\n\n**{row.revive}**", icon=":material/block:")


watch()

st.subheader("Every 10 epochs, as the seed notebook prints it")
every_ten = history[history["epoch"] % 10 == 0]
st.code("\n".join(f"Epoch {row['epoch']:.0f}| Loss: {decimals(row['loss'])} | "
                  + " | ".join(f"{name}: {decimals(row[name])}" for name in initial.names)
                  for _, row in every_ten.iterrows()), language=None,
        height="content" if len(every_ten) <= 20 else 420)  # long runs scroll inside the box

first, second, third = st.columns(3)
downloads.run_downloads(first, second, PAGE, history, functools.partial(compute.export_script, *setup, x_query))
pins.pin_button(st, f"network, {hidden} {activation} units, init {init}, η = {lr:g}, {epochs} epochs, {mode}",
                {"theta": theta, "width": hidden, "activation": activation, "x": x, "y": y, "lr": lr,
                 "epochs": epochs, "mode": mode, "batch_size": batch_size})
presenter.link_popover(third, PAGE)
