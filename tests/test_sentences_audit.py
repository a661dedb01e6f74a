"""Sentences a second audit found false for settings other than the seed's (deep nets, adaptive optimizers,
penalties, sweeps that grow huge without overflowing), each as the test that failed before."""

import json

import numpy as np
import pytest

import engine
from tests.helpers import open_page
from ui import quiz, sentences

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


# ---- a second audit: scenario texts, captions that describe charts, the quiz, the race, the schedule ----


def test_no_dashed_kink_is_described_when_every_kink_is_out_of_view():
    """The seed net's kinks (0.217 and 0) lie left of the x range drawn: the caption and legend described dashed
    rules that were not there."""
    at = open_page("network")
    fit = next(json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart") if "kink" in chart.proto.spec
               or "unit i" in chart.proto.spec)
    assert "kink dashed" not in json.dumps(fit)
    captions = " ".join(c.value for c in at.caption)
    assert "a dashed rule marks" not in captions and "lies outside the x range shown" in captions
    inside = open_page("network", w="1,-1", b="-2,4")  # kinks at x = 2 and 4, inside [1, 5]
    assert "a dashed rule marks its kink" in " ".join(c.value for c in inside.caption)


def test_the_quiz_calls_a_steady_slow_fall_converging():
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.003, 100)
    assert (np.diff(run.history["mse"].to_numpy()) <= 0).all()  # the fact: it falls at every epoch
    assert quiz.outcome_too_large(run)[0] == "converges"


def test_the_race_names_an_optimizer_that_diverged_as_diverged():
    at = open_page("experiments", experiment="Optimizer race", model="seed_linear", lr="1", racers="SGD,Adam")
    said = " ".join(m.value for m in at.markdown)
    assert "Diverged: SGD." in said and "Not in these epochs: SGD" not in said


def test_a_cosine_schedule_is_not_described_as_a_steady_fall():
    rates = engine.CosineLR(5).rates(0.01, 20)
    said = sentences.schedule_path("CosineLR", rates)
    assert "not steadily" in said and f"lowest {rates.min():.4g} (epoch {int(rates.argmin())})" in said
    assert "not steadily" not in sentences.schedule_path("StepLR", engine.StepLR(5, 0.5).rates(0.01, 20))


def test_the_held_out_tab_says_when_both_runs_have_the_same_decay():
    at = open_page("experiments", experiment="Held-out data", weight_decay="0.1", compare_decay="0.1")
    assert "Both runs have weight decay 0.1, so they are the same run" in " ".join(i.value for i in at.info)


def test_a_presenter_who_hides_the_epoch_slider_is_not_told_to_drag_it():
    hidden = " ".join(c.value for c in open_page("linear", present="1", show="lr").caption)
    assert "Press Play to watch" in hidden and "slider" not in hidden
    assert "Press Play or drag the Epoch slider" in " ".join(c.value for c in open_page("linear").caption)


def test_rounding_noise_in_the_least_squares_line_is_a_zero():
    w, b = engine.least_squares(engine.make_dataset("abs", 10))
    assert abs(w) < 1e-15 and "w = 0," in sentences.line_target((w, b))


def test_the_graph_caption_names_the_unit_a_narrower_layer_shows():
    from ui.sections.backprop import _shorter

    assert _shorter(engine.Network.init((8, 4)), 6) == " (layer 2's unit 4, the last it has, where it has fewer)"
    assert _shorter(engine.Network.init((8, 8)), 6) == ""


def test_each_pin_color_has_its_own_mark():
    from ui.charts.palette import PIN_COLORS
    from ui.sections.experiments import _swatch

    assert len({_swatch(color) for color in PIN_COLORS}) == len(PIN_COLORS)


def test_the_init_caption_gives_each_schemes_own_scaling():
    for scheme, formula in (("he", "2/fan_in"), ("xavier", "2/(fan_in + fan_out)"), ("uniform", "√fan_in")):
        at = open_page("network", layers="4,4", init=scheme)
        assert formula in " ".join(c.value for c in at.sidebar.caption), scheme



def test_a_diverging_line_is_not_said_to_swing_onto_the_points():
    said = " ".join(c.value for c in open_page("linear", lr="0.3").caption)
    assert "swing onto the points" not in said and "to watch it move." in said
    assert "swing onto the points" in " ".join(c.value for c in open_page("linear").caption)


def test_a_schedule_that_decays_to_zero_says_so_and_the_backprop_page_works_its_update():
    """A step schedule with γ = 1e-6 reaches a rate of exactly 0; the backprop page said "learning rate must be
    greater than 0, got 0.0" of a run its page trained without a word."""
    rates = engine.StepLR(1, 1e-6).rates(0.01, 200)
    zero = int(np.flatnonzero(rates == 0)[0])
    assert f"from epoch {zero} on it is 0, so nothing moves" in sentences.schedule_path("StepLR", rates)
    before = engine.Linear(1.0, 0.5)
    table = engine.ledger(before, 2.0, 4.0, 0.0).set_index("name")["value"]
    assert table["new w"] == before.w and table["new b"] == before.b  # a rate of 0 changes nothing
    with pytest.raises(ValueError, match="0 or more"):
        engine.ledger(before, 2.0, 4.0, -0.1)
