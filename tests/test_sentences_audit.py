"""Sentences a second audit found false for settings other than the seed's (deep nets, adaptive optimizers,
penalties, sweeps that grow huge without overflowing), each as the test that failed before."""

import numpy as np
import pytest

import engine
from tests.helpers import open_page
from ui import sentences

LINE = engine.make_dataset("line", 5)


@pytest.mark.parametrize(("widths", "seed", "scheme", "optimizer"), [((8, 8), 1, "he", engine.Adam()),
                                                                       ((8, 8), 0, "xavier", engine.SGD()),
                                                                       ((4, 4, 4, 4), 1, "he", engine.SGD())])
def test_a_unit_called_dead_from_the_start_was_never_active(widths, seed, scheme, optimizer):
    run = engine.train(engine.Network.init(widths, scheme, seed), LINE, 0.01, 100, optimizer=optimizer)
    units = engine.dead_units(run)
    activity = run.activity
    for row in units.itertuples():
        ever = activity[(activity["layer"] == row.layer) & (activity["unit"] == row.unit)]["active_fraction"].max()
        if row.status == "dead from the start":
            assert ever == 0, row.verdict
        if row.status == "dead":  # active at the start or in some epoch, silent since
            active = activity[(activity["layer"] == row.layer) & (activity["unit"] == row.unit)
                              & (activity["active_fraction"] > 0)]["epoch"]
            assert row.dead_since == (active.max() + 1 if len(active) else 0), row.verdict


def test_a_deep_unit_dead_from_the_start_is_not_told_to_lower_the_rate_after_it_can_never_recover():
    run = engine.train(engine.Network.init((8, 8), "he", 1), LINE, 0.01, 100)
    for row in engine.dead_units(run).itertuples():
        if row.status == "dead from the start":
            assert "lower the learning rate" not in row.revive


@pytest.mark.parametrize("optimizer", ["Adam", "RMSprop"])
def test_gradient_flow_under_an_adaptive_optimizer_claims_nothing_about_step_sizes(optimizer):
    for ratio in (1e-3, 1e3):
        said = sentences.gradient_flow(ratio, 4, adaptive=optimizer)
        assert "learn the slowest" not in said and "largest steps" not in said
        assert f"{optimizer} divides each parameter's step" in said
    assert "learn the slowest" in sentences.gradient_flow(1e-3, 4)


def test_the_deep_page_under_adam_does_not_say_the_first_layers_learn_slowest():
    at = open_page("network", layers="4,4,4,4", activation="sigmoid", init="uniform", optimizer="adam", lr="0.001",
                   panel="Gradient flow")
    text = " ".join(m.value for m in at.markdown)
    assert "Adam divides each parameter's step" in text and "learn the slowest" not in text


@pytest.mark.parametrize(("weight_decay", "moved"), [(0.0, False), (0.1, True)])
def test_a_dead_units_v_is_said_to_stay_put_only_where_nothing_else_moves_it(weight_decay, moved):
    spec = engine.RunSpec(engine.MLP(), LINE, 0.01, 100, optimizer=engine.SGD(weight_decay=weight_decay))
    said = sentences.output_weights(engine.ACTIVATIONS["relu"], engine.diagnostics.forces(spec))
    assert ("stays where it was" in said) == (not moved)
    run = engine.train(spec.model, spec.data, spec.lr, spec.epochs, optimizer=spec.optimizer)
    assert (run.history["v_2"].nunique() == 1) == (not moved)  # the fact: unit 2 is dead from the start


def test_under_adam_a_dead_units_v_is_not_said_to_stay_put():
    """A unit that dies mid-run keeps moving on Adam's running averages (the audit's 8-unit He net: unit 1)."""
    spec = engine.RunSpec(engine.MLP(), LINE, 0.01, 100, optimizer=engine.Adam())
    said = sentences.output_weights(engine.ACTIVATIONS["relu"], engine.diagnostics.forces(spec))
    assert "stays where it was" not in said and "Adam's running average of past gradients can still move it" in said


def test_weight_decay_alone_is_said_to_revive_a_dead_unit_only_where_it_can():
    """Plain SGD's decay scales w and b alike, so z keeps its sign; Adam's scales each step by its own running
    size, and the seed's dead unit 2 comes back (first active at the end of epoch 33)."""
    sgd = engine.RunSpec(engine.MLP(), LINE, 0.01, 100, optimizer=engine.SGD(weight_decay=0.1))
    assert engine.diagnostics.never(sgd, ever_alive=False) == (
        "weight decay still shrinks w and b, by the same factor, so z keeps its sign: the unit can never recover")
    run = engine.train(sgd.model, LINE, 0.01, 300, optimizer=sgd.optimizer)
    assert run.activity[(run.activity["unit"] == 2)]["active_fraction"].max() == 0  # the fact: it stays dead
    adam = sgd.with_changes(optimizer=engine.Adam(weight_decay=0.1))
    assert engine.diagnostics.never(adam, ever_alive=False) == (
        "only weight decay still acts on them: it stays dead unless that carries z back above 0")
    run = engine.train(adam.model, LINE, 0.01, 100, optimizer=adam.optimizer)
    assert run.activity[(run.activity["unit"] == 2)]["active_fraction"].max() > 0  # the fact: it came back
    momentum = sgd.with_changes(optimizer=engine.SGD(momentum=0.9, weight_decay=0.1))
    assert "only the optimizer's momentum and weight decay still act" in engine.diagnostics.never(momentum)


def test_the_lines_divergence_advice_with_weight_decay_does_not_quote_plain_sgds_stable_rate():
    spec = engine.RunSpec(engine.Linear(), engine.make_dataset("line", 4), 0.118, 100, "batch",
                          optimizer=engine.SGD(weight_decay=1.0))
    advice = sentences.step_advice(spec)
    assert advice is not None and "plain SGD's stable rate for this data does not hold" in advice
    at = open_page("linear", lr="0.118", mode="batch", weight_decay="1")
    assert "below 0.1198" not in " ".join(m.value for m in [*at.warning, *at.error])


@pytest.mark.parametrize("optimizer", ["adam", "rmsprop"])
def test_the_line_pace_under_an_adaptive_optimizer_does_not_say_w_settles_first(optimizer):
    at = open_page("linear", optimizer=optimizer, panel="w and b over epochs")
    text = " ".join(c.value for c in at.caption)
    assert "settles first" not in text and "take steps of a similar size" in text
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 10,
                       optimizer=engine.OPTIMIZERS[optimizer]())
    moved = np.abs(run.history[["w", "b"]].iloc[-1].to_numpy())  # from w = b = 0
    assert 0.5 < moved[0] / moved[1] < 2  # the fact: similar paces (plain SGD's w moves about 3x b's here)


def test_the_worst_seed_of_an_initialization_sweep_is_one_that_diverged():
    query = {"experiment": "Initialization sweep", "activation": "identity", "hidden": "4", "seeds": "10",
             "lr": "0.01", "init": "he"}
    table = engine.init_sweep(LINE, 4, "he", range(10), "identity", 0.01, 100)
    blown = table[table["diverged_at"].notna()]
    assert len(blown) and len(blown) < 10
    at = open_page("experiments", **query)
    text = " ".join(m.value for m in at.markdown)
    assert f"See the worst seed ({int(blown['seed'].iloc[0])}, diverged at epoch" in text
