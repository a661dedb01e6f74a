"""AppTest of optimizers, schedules, penalties and held-out data on the pages: the controls and their links (old
links unchanged), the loss chart's held-out MSE and rate, the backprop page's optimizer rows and self-check, the
optimizer race, and the start page's scenarios, each claim decided from the run's own numbers."""

import dataclasses
import json
import re

import numpy as np
import pytest

import engine
from tests.helpers import change, messages, open_page, prediction
from ui.scenarios import SCENARIOS
from ui.sections.race import RACERS

LINE = engine.make_dataset("line", 4)


def specs(at) -> list[dict]:
    return [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]


def test_an_old_link_trains_the_seeds_plain_sgd():
    at = open_page("linear", lr="0.02")
    spec = at.session_state["spec:linear"]
    assert spec.optimizer == engine.SGD() and spec.schedule == engine.ConstantLR() and spec.l1 == 0 and not spec.test
    assert prediction(at) == f"### Prediction at x = 7: {engine.train(engine.Linear(), LINE, 0.02, 100).predict(7):.4f}"


def test_every_new_setting_in_the_link_reaches_the_run():
    query = {"optimizer": "adam", "beta1": "0.8", "beta2": "0.99", "eps": "1e-06", "weight_decay": "0.01",
             "l1": "0.05", "schedule": "step", "step_size": "10", "gamma": "0.5", "test_share": "25",
             "test_seed": "3", "data": "noisy_line", "n": "12", "lr": "0.05"}
    at = open_page("linear", **query)
    data = engine.make_dataset("noisy_line", 12)
    train, test = data.split(0.25, 3)
    expected = engine.RunSpec(engine.Linear(), train, 0.05, 100, optimizer=engine.Adam((0.8, 0.99), 1e-6, 0.01),
                              schedule=engine.StepLR(10, 0.5), l1=0.05, test=test)
    assert at.session_state["spec:linear"] == expected
    assert prediction(at) == f"### Prediction at x = 7: {engine.train(expected).predict(7):.4f}"
    assert "9 point(s) train, 3 held out (the crosses on the fit)." in messages(at, "caption")
    shapes = specs(at)
    loss = next(spec for spec in shapes if "fold" in json.dumps(spec))
    assert "test_mse" in json.dumps(loss)  # the held-out MSE is a curve of the loss chart
    assert any("datum.kind == 5" in json.dumps(spec) for spec in shapes)  # the held-out points on the fit
    assert any("learning rate" in json.dumps(spec) for spec in shapes)  # the rate changes: its chart shows
    assert any(m.value.startswith(("**Overfitting**", "The held-out MSE ends at")) for m in at.markdown)


@pytest.mark.parametrize(("kind", "key", "value"), [
    ("selectbox", "optimizer", "rmsprop"), ("number_input", "momentum", 0.5), ("number_input", "weight_decay", 0.1),
    ("number_input", "l1", 0.2), ("selectbox", "schedule", "cosine"), ("number_input", "test_share", 30)])
def test_every_new_control_reruns(kind, key, value):
    change(open_page("network"), kind, key, value)


def test_bad_values_warn_and_impossible_combinations_say_what_to_change():
    at = open_page("linear", optimizer="lbfgs", beta1="2", test_share="80", schedule="cosine", lr_floor="abc")
    shown = messages(at, "warning")
    for key in ("optimizer", "test_share", "lr_floor"):
        assert f"`{key}=" in shown
    assert not at.exception
    floor = open_page("linear", schedule="cosine", lr_floor="0.5")  # the floor above the rate of 0.01
    assert ("These settings cannot train together: the cosine schedule's smallest rate lr_min (0.5) must not be above "
            "the learning rate (0.01)") in messages(floor, "error")


def test_the_backprop_page_writes_out_adams_update_and_checks_an_answer():
    spec = engine.RunSpec(engine.MLP(), engine.make_dataset("line", 5), 0.01, 10, optimizer=engine.Adam(), l1=0.1)
    at = open_page("backprop", state={"spec:network": spec}, step_model="network-page", step_epoch="2",
                   step_sample="1")
    update = at.latex[2].value
    for symbol in (r"1 - \beta_1^t", r"m_{w_1}", r"s_{w_1}", r"\lambda_1 \operatorname{sign}(w_1)"):
        assert symbol in update
    model, state = engine.before_step(spec, 2, 1)
    ledger = engine.ledger(model, 2.0, 4.0, state["lr"], spec.optimizer, state, spec.l1).set_index("name")
    after, _ = engine.before_step(spec, 2, 2)
    assert [ledger.at[f"new {name}", "value"] for name in model.names] == pytest.approx(after.theta, rel=1e-14)
    assert "Adam (β₁ = 0.9, β₂ = 0.999" in messages(at, "caption")
    checking = open_page("backprop", state={"spec:network": spec}, step_model="network-page", step_epoch="2",
                         step_sample="1", step_check="true")
    sheet = checking.get("data_editor") or checking.get("arrow_data_editor")
    assert sheet  # the answer sheet lists the optimizer's quantities too
    assert "m(w_1)" in list(ledger.index)


def test_the_optimizer_race_draws_and_its_sentence_follows_the_runs():
    at = open_page("experiments", experiment="Optimizer race", racers="SGD,Adam", lr="0.05", model="seed_net")
    assert len(at.get("vega_lite_chart")) == 2  # the curves and the sweep (no surface for a net)
    data = engine.make_dataset("line", 5)
    runs = {label: engine.train(engine.MLP(), data, 0.05, 100, optimizer=RACERS[label]) for label in ("SGD", "Adam")}
    said = next(m.value for m in at.markdown if "reached an MSE below" in m.value or "None of them" in m.value)
    lowest = min(float(run.history["mse"].min()) for run in runs.values())
    threshold = max(1.1 * lowest, 1e-3 * float(np.var(data.y)))
    reached = {label: np.flatnonzero(run.history["mse"].to_numpy() < threshold) for label, run in runs.items()}
    first = min((hits[0], label) for label, hits in reached.items() if len(hits))
    assert said.startswith(f"**{first[1]}** reached an MSE below {threshold:.3g} first")
    line = open_page("experiments", experiment="Optimizer race")
    assert len(line.get("vega_lite_chart")) == 3  # the line adds its paths on the loss surface


def test_the_start_pages_optimizer_scenarios_show_what_they_say():
    valley, adam, overfit, decayed = (next(s for s in SCENARIOS if s.title.startswith(f"{n} ·"))
                                      for n in (8, 9, 10, 11))
    data = engine.make_dataset("line", 20)
    sgd, momentum = (engine.train(engine.Linear(0.0, 5.0), data, 0.004, 100, "batch", optimizer=RACERS[label])
                     for label in ("SGD", "momentum 0.9"))
    assert momentum.final_mse < sgd.final_mse / 10  # momentum gathers speed where plain SGD crawls
    seed = engine.make_dataset("line", 5)
    plain, adaptive = (engine.train(engine.MLP(), seed, 0.05, 100, optimizer=RACERS[label])
                       for label in ("SGD", "Adam"))
    assert plain.final_mse > 1 and adaptive.final_mse < 1e-3  # SGD stalls high, Adam reaches the line
    # the card's cause: SGD's first steps throw w₁ to about −7.8 and kill unit 1 (a constant, MSE ≈ y's variance)
    assert round(plain.model.w[0], 1) == -7.8 and engine.dead_units(plain)["status"].iloc[0] == "dead"
    assert abs(plain.final_mse - np.var(seed.y)) < 0.5 and engine.dead_units(adaptive)["status"].iloc[0] == "alive"
    assert "throw w₁ to about −7.8 and kill unit 1" in adam.blurb
    for scenario in (valley, adam):
        at = open_page("experiments", **scenario.params)
        assert re.search(r"\*\*(momentum 0\.9|Adam)\*\* reached", " ".join(m.value for m in at.markdown))
    params = overfit.params
    train, test = engine.make_dataset("noisy_line", 12, 1.0).split(0.33, 0)
    run = engine.train(engine.MLP.init(16, "he", 0, "tanh"), train, 0.01, 3000, optimizer=engine.Adam(), test=test)
    history = run.history
    best = int(history["test_mse"].idxmin())
    assert history["test_mse"].iloc[-1] > 2 * history["test_mse"].min() and history["mse"].iloc[-1] < \
        history["mse"].iloc[best]  # held-out MSE rose while the training MSE fell: overfitting
    at = open_page("network", **params)
    assert any(m.value.startswith(f"**Overfitting**: the held-out MSE was lowest at epoch {best}") for m in at.markdown)
    # with weight decay 0.1: the held-out MSE ends within 10% of its lowest, far below the undecayed run's end
    calmer = engine.train(engine.MLP.init(16, "he", 0, "tanh"), train, 0.01, 3000,
                          optimizer=engine.Adam(weight_decay=0.1), test=test).history
    assert calmer["test_mse"].iloc[-1] <= 1.1 * calmer["test_mse"].min() < history["test_mse"].iloc[-1] / 3
    assert calmer["mse"].iloc[-1] > history["mse"].iloc[-1]  # the training MSE stays higher
    at = open_page("network", **decayed.params)
    assert any("no sign of overfitting yet" in m.value for m in at.markdown)


def test_the_held_out_tab_compares_weight_decay_from_the_runs_own_numbers():
    scenario = next(s for s in SCENARIOS if s.title.startswith("12 ·"))
    at = open_page("experiments", **scenario.params)
    train, test = engine.make_dataset("noisy_line", 12, 1.0).split(0.33, 0)
    said = {m.value.split(".**")[0].strip("*"): m.value for m in at.markdown if m.value.startswith(("**As set",
                                                                                                   "**Weight decay"))}
    for name, decay in (("As set", 0.0), ("Weight decay 0.1", 0.1)):
        history = engine.train(engine.MLP.init(16, "he", 0, "tanh"), train, 0.01, 3000,
                               optimizer=engine.Adam(weight_decay=decay), test=test).history
        overfits = history["test_mse"].iloc[-1] > 1.1 * history["test_mse"].min()
        assert ("**Overfitting**" in said[name]) == bool(overfits), name
    assert len(at.get("vega_lite_chart")) == 1
    empty = open_page("experiments", experiment="Held-out data", test_share="0")
    assert any("No points are held out" in info.value for info in empty.info) and not at.info


def test_check_yourself_grades_adams_rows():
    # the seed's net with Adam, sample 1 of epoch 2, as training has it: answers typed for Adam's quantities
    spec = engine.RunSpec(engine.MLP(), engine.make_dataset("line", 5), 0.01, 10, optimizer=engine.Adam())
    at = open_page("backprop", state={"spec:network": spec}, step_model="network-page", step_epoch="2",
                   step_sample="1", step_check="true")
    model, state = engine.before_step(spec, 2, 1)
    worked = engine.ledger(model, 2.0, 4.0, state["lr"], spec.optimizer, state).set_index("name")["value"]
    names = list(at.data_editor[0].value["name"])
    editor = at.data_editor[0]
    at.session_state[editor.key] = {"edited_rows": {
        names.index("t"): {"answer": str(worked["t"])},
        names.index("m(w_1)"): {"answer": repr(float(worked["m(w_1)"]))},
        names.index("s(w_1)"): {"answer": repr(2 * float(worked["s(w_1)"]))},  # wrong: twice the worked value
    }, "added_rows": [], "deleted_rows": []}
    at.run()
    assert worked["t"] == 12  # 2 epochs of 5 samples, then 1: this update is the 12th
    assert "t" in at.success[0].value and "m(w_1)" in at.success[0].value
    assert "**s(w_1)**" in at.error[0].value


def test_two_runs_pinned_with_different_optimizers_are_told_apart_by_their_labels():
    labels = []
    for query in ({}, {"optimizer": "sgd", "momentum": "0.9", "nesterov": "true"},
                  {"optimizer": "adam", "schedule": "step", "step_size": "25", "gamma": "0.5", "l1": "0.01"}):
        at = open_page("linear", **query)
        at.button(key="pin").click().run()
        assert not at.exception, at.exception
        labels.append(at.session_state["pinned_runs"][0].label)
    assert labels == ["linear, η = 0.01, 100 epochs, sgd",
                      "linear, η = 0.01, SGD (momentum 0.9, nesterov), 100 epochs, sgd",
                      "linear, η = 0.01, Adam, StepLR (step_size 25, gamma 0.5), l1 0.01, 100 epochs, sgd"]


@pytest.mark.parametrize("optimizer", [engine.SGD(momentum=0.5, nesterov=True, weight_decay=0.1),
                                       engine.RMSprop(alpha=0.9, eps=1e-6, momentum=0.5, weight_decay=0.1),
                                       engine.Adam(betas=(0.8, 0.99), eps=1e-6, weight_decay=0.1)])
def test_a_pin_label_names_every_changed_field_of_each_optimizer(optimizer):
    from ui import sentences

    label = sentences.pin_label(engine.RunSpec(engine.Linear(), LINE, 0.01, 10, optimizer=optimizer))
    for field in ("weight_decay 0.1", "eps 1e-06", "momentum 0.5", "betas (0.8, 0.99)", "alpha 0.9", "nesterov"):
        assert (field in label) == (field.split()[0] in {f.name for f in dataclasses.fields(optimizer)}), label
