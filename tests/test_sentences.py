"""Every sentence true: over random settings of the pages (hypothesis), what the pages say is checked against facts
computed here, independently of the pages (tests/SENTENCES.md lists each kind of sentence and its fact)."""

import os
import re

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from tests.helpers import diverged_rates, grew, open_page

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "12"))
SLOW = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)
NAMES = {"relu": "ReLU", "leaky_relu": "leaky ReLU", "tanh": "tanh", "sigmoid": "sigmoid", "identity": "identity"}


def said(at) -> str:
    """Everything the page says in words: headings, text, captions and messages."""
    kinds = ("title", "subheader", "markdown", "caption", "error", "warning", "info", "success")
    return "\n".join(element.value for kind in kinds for element in getattr(at, kind))


@st.composite
def network_settings(draw) -> dict:
    return {"activation": draw(st.sampled_from(tuple(engine.ACTIVATIONS))), "hidden": str(draw(st.integers(1, 6))),
            "init": draw(st.sampled_from(engine.SCHEMES)), "init_seed": str(draw(st.integers(0, 50))),
            "data": draw(st.sampled_from(engine.KINDS)), "n": str(draw(st.integers(2, 25))),
            "lr": repr(10 ** draw(st.floats(-3, 1))), "mode": draw(st.sampled_from(("sgd", "batch"))),
            "epochs": str(draw(st.integers(1, 150)))}


def network_run(query: dict) -> engine.Run:
    """The run the page shows, trained here from the settings alone."""
    model = engine.MLP.init(int(query["hidden"]), query["init"], int(query["init_seed"]), query["activation"])
    return engine.train(model, engine.make_dataset(query["data"], int(query["n"])), float(query["lr"]),
                        int(query["epochs"]), query["mode"])


@SLOW
@given(query=network_settings())
def test_the_network_page_says_only_what_its_run_and_activation_bear_out(query):
    at = open_page("network", **query)
    text, act = said(at), engine.ACTIVATIONS[query["activation"]]
    run = network_run(query)
    assert NAMES[query["activation"]] in at.title[0].value  # the title names the activation the net has
    if not act.can_die:
        assert not re.search(r"\bdead\b|revive", text, re.IGNORECASE), "no dead units without ReLU"
        assert "switches" not in text and "outputs 0" not in text
    if not act.kink:
        assert "kink" not in text.lower()
        assert all("kinks" not in chart.proto.spec for chart in at.get("vega_lite_chart"))
    if act.name != "leaky_relu":
        assert "inactive" not in text and "shallow side" not in text
    # divergence, as the run's history has it
    if run.diverged_at is not None:
        assert f"Training diverged at epoch {run.diverged_at}:" in text
    else:
        assert "Training diverged" not in text
        assert ("The MSE grew from" in text) == grew(run)
    if run.diverged_at is not None or not len(run.history):
        return
    # each unit's verdict, against its pre-activations on the data
    z = np.array(run.model.w)[:, None] * run.data.x + np.array(run.model.b)[:, None]
    for unit, row in enumerate(z, 1):
        share = f"{(row > 0).mean():.0%}"
        if act.can_die and (row <= 0).all():
            assert f"Unit {unit} is dead" in text
        elif act.can_die:
            alone, together = f"Unit {unit} is alive: z_{unit} > 0 on {share} of the data", f"unit {unit} ({share})"
            assert alone in text or together in text
        if act.name == "identity" and int(query["hidden"]) <= 3:
            assert f"Unit {unit} outputs v_{unit}·z_{unit}" in text


@st.composite
def sweep_settings(draw) -> dict:
    model = draw(st.sampled_from(("seed_net", "seed_linear")))
    low = 10 ** draw(st.floats(-4, -1))
    return {"model": model, "lr_min": repr(low), "lr_max": repr(low * 10 ** draw(st.floats(1, 4))),
            "rates": str(draw(st.integers(2, 60))), "epochs": str(draw(st.integers(1, 120))),
            "data": draw(st.sampled_from(("line", "abs", "sine"))), "n": str(draw(st.integers(2, 12)))}


@SLOW
@given(query=sweep_settings())
def test_the_sweep_says_what_its_table_shows(query):
    at = open_page("experiments", **query)
    text = said(at)
    model = engine.MLP() if query["model"] == "seed_net" else engine.Linear()
    lrs = np.geomspace(float(query["lr_min"]), float(query["lr_max"]), int(query["rates"]))
    data = engine.make_dataset(query["data"], int(query["n"]))
    table = engine.sweep(model, data, lrs, int(query["epochs"]))
    diverged = diverged_rates(model, data, lrs, int(query["epochs"]))
    if not diverged.any():
        assert "**No rate diverged**" in text
    else:
        assert f"**{diverged.sum()} of {len(lrs)} rates diverged**" in text
        spans = sum(1 for i, flag in enumerate(diverged) if flag and (i == 0 or not diverged[i - 1]))
        monotone = spans == 1 and diverged[-1]
        assert bool(re.search(r"diverged\*\* \([^)]*\), from η = \S+ up\.", text)) == bool(monotone)
        assert ("not monotone" in text) == (spans > 1)
    finite = table[table["mse"].notna()]
    if len(finite):
        best = float(finite["mse"].min())
        ties = (finite["mse"].map(lambda v: float(f"{v:.3g}")) == float(f"{best:.3g}")).sum()
        assert (f"a plateau: {ties} rates reach it" in text) == (ties > 1)
        assert f"The lowest final MSE, {best:.3g}" in text
