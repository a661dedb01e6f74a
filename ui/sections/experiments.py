"""The experiments page's tabs: a learning-rate sweep, an initialization sweep, pinned runs overlaid."""

from urllib.parse import urlencode

import numpy as np
import pandas as pd
import streamlit as st

import engine

from .. import charts, compute, pins, sentences
from ..charts.plotdata import thin
from ..controls.model import SEED_NET, net_controls
from ..link import Link
from ..text import literal

MODELS = ("seed_net", "seed_linear", "net")
MODEL_CAPTIONS = ("the seed's 2 ReLU units", "y = w·x + b from w = b = 0", "the net set in the sidebar")
MAX_RATES = 1000
MAX_SEEDS = 200
EXAMPLES = [(f"example: seed's line, η = {lr:g}", engine.RunSpec(engine.Linear(), engine.make_dataset("line", 4), lr,
                                                                100)) for lr in (0.003, 0.01, 0.03, 0.12)]


def learning_rate_sweep(link: Link, template: engine.RunSpec, style: charts.Style) -> None:
    """One run per learning rate, all from the same start, data and schedule (`template`, its lr unused)."""
    kind = link.choice(st.sidebar, "Model", "model", MODELS, "seed_net", widget="radio", captions=MODEL_CAPTIONS)
    top = st.columns([1, 1, 1, 2], vertical_alignment="bottom")
    lr_min = float(link.number(top[0], "Smallest η", "lr_min", 1e-4, lo=1e-6, hi=1e9))
    lr_max = float(link.number(top[1], "Largest η", "lr_max", 10.0, lo=1e-6, hi=1e9))
    count = int(link.number(top[2], "Rates", "rates", 200, lo=2, hi=MAX_RATES, whole=True,
                            help="how many learning rates, evenly spaced on a log scale"))
    top[3].caption("One run per learning rate η, all from the same start with the same data, epochs and update mode "
                   "(sidebar). Hover a dot for its numbers.")
    if kind == "net":
        with st.sidebar:
            st.header("The net")
            model, _ = net_controls(link, st.sidebar, inits=engine.SCHEMES, default_init="he").net()
    else:
        model = SEED_NET if kind == "seed_net" else engine.Linear()
    spec = template.with_changes(model=model)
    if lr_min >= lr_max:
        st.error(f"The smallest learning rate ({lr_min:g}) must be below the largest ({lr_max:g}).")
        return
    too_much = compute.over_cap(spec, count, "learning rates")
    if too_much:
        st.error(too_much)
        return
    sweep = compute.lr_sweep(spec, tuple(np.geomspace(lr_min, lr_max, count).tolist()))
    stable = compute.stable_lr(spec) if model.width == 0 else None
    diverged = sweep[sweep["blew_up"]]
    finite = sweep[sweep["mse"].notna()]
    best = finite.loc[finite["mse"].idxmin()] if len(finite) else None

    chart, facts = st.columns([3, 1])
    facts.metric("Rates diverged", f"{len(diverged)} of {count}",
                 help="runs whose loss or parameters overflowed to infinity before the last epoch, or that ended "
                      f"with an MSE over {engine.GREW} times its start's or its first epoch's")
    facts.metric("Lowest final MSE", f"{best['mse']:.3g}" if best is not None else "none",
                 help="the best run of the sweep" + (f", at η = {best['lr']:.4g}" if best is not None else ""))
    if stable is not None:
        facts.metric("Stable η up to (theory)", f"{stable:.4g}",
                     help="from the data alone: above it every epoch multiplies the distance to the optimum")
    else:
        facts.metric("Smallest diverged η", f"{diverged['lr'].min():.4g}" if len(diverged) else "none")
    charts.draw(chart, charts.lr_sweep_chart(sweep, stable, float(np.var(spec.data.y))), "lr_sweep", style)
    st.caption(" ".join(sentences.lr_sweep(sweep, spec, stable)))


def initialization_sweep(link: Link, template: engine.RunSpec, style: charts.Style) -> None:
    """One net per init seed of a scheme, trained alike: how often units die, and what that costs the fit."""
    top = st.columns([1, 3])
    seeds = int(link.number(top[0], "Init seeds", "seeds", 50, lo=1, hi=MAX_SEEDS, whole=True,
                            help="train one net per init seed 0, 1, ..., N-1"))
    with st.sidebar:
        st.header("The net")
        start = net_controls(link, st.sidebar, inits=engine.SCHEMES, default_init="he")
    spec = template.with_changes(model=engine.MLP.init(start.hidden, start.init, 0, start.activation))
    top[1].markdown(sentences.init_sweep_intro(start, spec))
    too_much = compute.over_cap(spec, seeds, "seeds")
    if too_much:
        st.error(too_much)
        return
    table = compute.init_sweep(spec, start.init, seeds)
    dead_end, dead_start = int((table["dead_at_end"] > 0).sum()), int((table["dead_at_start"] > 0).sum())
    diverged, overflowed = int(table["blew_up"].sum()), int(table["diverged_at"].notna().sum())
    finite = table[table["mse"].notna()]
    can_die = engine.ACTIVATIONS[start.activation].can_die
    st.markdown(sentences.init_sweep_summary(start, seeds, dead_start, dead_end, diverged, overflowed))
    metrics = st.columns(4 if can_die else 2)
    if can_die:
        metrics[0].metric("A unit dead at the end", f"{dead_end} of {seeds}")
        metrics[1].metric("A unit dead at the start", f"{dead_start} of {seeds}")
    metrics[-2].metric("Median final MSE", f"{finite['mse'].median():.3g}" if len(finite) else "none")
    metrics[-1].metric("Diverged", f"{diverged} of {seeds}")
    left, right = st.columns(2) if can_die else (None, st.container())
    if can_die:
        with left:
            st.subheader("Dead units per seed")
            charts.draw(st, charts.dead_count_chart(table, start.hidden), "dead_count", style)
            st.caption("How many seeds start (gray) and end (orange) with 0, 1, 2, … dead units. A bar that grows "
                       "from start to end means training itself kills units: a large step pushed a kink past the data.")
    with right:
        st.subheader("Final MSE per seed")
        charts.draw(st, charts.seed_mse_chart(table), "seed_mse", style)
        st.caption("One dot per seed (hover for its number)" + (", in rows by dead units at the end" if can_die else "")
                   + ". The same settings end far apart only because of the random start.")
    blown = table[table["blew_up"]]
    if len(blown) or len(finite):  # a seed that diverged is worse than any that did not
        _worst_seed_link(link, start, spec, blown.iloc[0] if len(blown) else finite.loc[finite["mse"].idxmax()])


def _worst_seed_link(link: Link, start, spec: engine.RunSpec, worst) -> None:
    """A link to the worst seed on the network page, when its data can travel in a link."""
    seed = int(worst["seed"])
    ended = (f"diverged at epoch {worst['diverged_at']}" if not pd.isna(worst["diverged_at"]) else
             f"diverged: final MSE {float(worst['mse']):.3g}" if worst["blew_up"] else
             f"final MSE {float(worst['mse']):.3g}")
    data_keys = ("data", "n", "noise", "seed")
    if link.written.get("data") in ("table", "csv"):
        st.caption(f"The worst seed is {seed} ({ended}). Typed or uploaded points cannot travel in a link: on the "
                   f"network page, pick the same data, init seed {seed} and these settings to see it.")
        return
    query = {"init": start.init, "init_seed": str(seed), "hidden": str(start.hidden),
             "activation": start.activation, "lr": repr(spec.lr), "epochs": str(spec.epochs), "mode": spec.mode,
             **{key: link.written[key] for key in data_keys if link.written.get(key) is not None}}
    if spec.batch_size is not None:
        query["batch_size"] = str(spec.batch_size)
    st.markdown(f":material/open_in_new: [See the worst seed ({seed}, {ended}) on the network page]"
                f"(network?{urlencode(query)})")


def pinned_runs(link: Link, style: charts.Style) -> None:
    """Every pinned run's MSE and one shared parameter over epochs, overlaid, with the pins listed."""
    st.sidebar.caption("Pinned runs keep the settings they were pinned with; nothing in the sidebar changes them.")
    kept = pins.pinned()
    if not kept:
        st.info("No pinned runs yet. Press **Pin this run** on the Linear fit or network page, then come back here to "
                "lay the runs over each other. Or start with four runs of the seed's line at different learning "
                f"rates. ({pins.LASTING[:1].upper()}{pins.LASTING[1:]}.)", icon=":material/push_pin:")
        st.button("Pin four example runs", key="pin_examples", on_click=_pin_examples, icon=":material/science:")
        return
    runs, labels = [compute.train(pin.spec) for pin in kept], [pin.label for pin in kept]
    left, right = st.columns(2)
    with left:
        st.subheader("MSE per epoch")
        log_scale = link.toggle(st, "Log scale", "pins_log", True)
        curves = pd.concat([thin(run.history)[["epoch", "mse"]].assign(pin=label) for run, label in zip(runs, labels)],
                           ignore_index=True)
        charts.draw(st, charts.pinned_curves_chart(curves, labels, "mse", "MSE (y units²)", log_scale), "pins_mse",
                    style)
        st.caption("One line per pinned run. Steeper is faster; a line that stops early overflowed, one that climbs "
                   "is diverging; a line that flattens high has settled on a poor fit.")
    with right:
        st.subheader("One parameter per epoch")
        common = [name for name in runs[0].model.names if all(name in run.model.names for run in runs[1:])]
        if common:
            name = st.selectbox("Parameter", common, key="pins_parameter")
            values = pd.concat([thin(run.history)[["epoch", name]].rename(columns={name: "value"}).assign(pin=label)
                                for run, label in zip(runs, labels)], ignore_index=True)
            charts.draw(st, charts.pinned_curves_chart(values, labels, "value", f"{name} (parameter value)"),
                        "pins_parameter", style)
            st.caption(f"{name} after each epoch, for every pinned run.")
        else:
            st.info("These runs share no parameter (a line has w and b, a net w_1, b_1, …): pin runs of the same kind "
                    "of model to compare their parameters.")
    st.markdown(f"**{len(kept)} pinned run(s)** (at most {pins.MAX_PINS}; {pins.LASTING})")
    for index, (pin, run, color) in enumerate(zip(kept, runs, charts.pin_colors(labels))):
        row = st.columns([6, 1], vertical_alignment="center")
        outcome = (f"diverged at epoch {run.diverged_at}" if run.diverged_at is not None else
                   f"diverged: final MSE {run.final_mse:.4g}" if engine.blew_up(run) else
                   f"final MSE {run.final_mse:.4g}")
        row[0].markdown(f"{_swatch(color)} {literal(pin.label, 80)}: {pins.in_words(pin.spec)}; {outcome}")
        row[1].button("Remove", key=f"unpin_{index}", on_click=pins.remove, args=(index,), width="stretch")  # no
        # icon: with one the label is cut to "Re…" in a seventh of the page at 1280 px
    st.button("Clear all pins", key="clear_pins", on_click=pins.clear, icon=":material/delete_sweep:")


def _pin_examples() -> None:
    kept = pins.pinned()
    for label, spec in EXAMPLES:
        kept, _ = pins.add(kept, label, spec)
    st.session_state[pins.KEY] = kept


def _swatch(color: str) -> str:
    """The pin's color as a Markdown color word and a mark (no raw HTML), one of each pin color's own: the seven
    color words Streamlit has cannot name eight colors, so the lighter of a pair is a hollow square. The chart's
    legend shows the exact color."""
    marks = {"#0072B2": ":blue[■]", "#D55E00": ":red[■]", "#009E73": ":green[■]", "#CC79A7": ":violet[■]",
             "#E69F00": ":orange[■]", "#56B4E9": ":blue[□]", "#999999": ":gray[□]", "#000000": ":gray[■]"}
    return marks.get(color, ":gray[■]")
