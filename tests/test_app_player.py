"""Classroom features: the player's state (pure functions of ui/player.py, then the pages), presenter links
(only the named controls show) and predict-then-reveal questions (the result hidden until answered)."""

import pytest
from streamlit.testing.v1 import AppTest

import engine
from tests import helpers
from ui import charts, presenter, quiz
from ui.charts.draw import PRESENTER_SCALE
from ui.player import state as player

LINEAR, NETWORK = "linear", "network"
SPEC_A = engine.RunSpec(engine.Linear(), engine.make_dataset("line", 4), 0.01, 10)
SPEC_B = SPEC_A.with_changes(lr=0.02)


# ---- the player's state ----------------------------------------------------------------------------


def test_a_new_player_is_idle_and_shows_the_whole_run():
    state = player.synced(None, SPEC_A)
    assert not player.engaged(state) and not state["playing"]
    history = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 5).history
    assert player.visible(history, state) is history


def test_stepping_reveals_one_epoch_then_one_sample_at_a_time():
    state = player.step_epoch(player.synced(None, SPEC_A), finished=100)
    assert (state["epoch"], state["sample"], state["playing"]) == (1, 0, False)
    for expected in (1, 2, 3):
        state = player.step_sample(state, points=4, finished=100)
        assert (state["epoch"], state["sample"]) == (1, expected)
    state = player.step_sample(state, points=4, finished=100)  # the 4th sample finishes epoch 2
    assert (state["epoch"], state["sample"]) == (2, 0)


def test_play_pause_and_the_end_of_the_run():
    state = player.play(player.synced(None, SPEC_A))
    assert state["playing"] and state["epoch"] == 0
    state = player.advance(state, 5, finished=12)
    paused = player.pause(state)
    assert (paused["epoch"], paused["playing"]) == (5, False)  # pausing keeps what is shown
    assert player.play(paused)["epoch"] == 5  # and playing resumes from there
    done = player.advance(state, 10, finished=12)  # past the end: the whole run again, stopped
    assert not player.engaged(done) and not done["playing"]


def test_a_changed_setting_restarts_an_engaged_player_only():
    paused = player.pause(player.advance(player.play(player.synced(None, SPEC_A)), 7, 100))
    restarted = player.synced(paused, SPEC_B)
    assert (restarted["epoch"], restarted["sample"], restarted["spec"]) == (0, 0, SPEC_B)
    idle = player.synced(player.synced(None, SPEC_A), SPEC_B)
    assert not player.engaged(idle)
    assert player.synced(paused, SPEC_A.with_changes()) is paused  # an equal spec is the same run


def test_shown_model_matches_the_engine():
    data = engine.make_dataset("line", 4)
    run = engine.train(engine.Linear(), data, 0.01, 10)
    state = {"spec": run.spec, "epoch": 3, "sample": 2, "playing": False}
    expected = engine.model_before_step(engine.Linear(), data, 0.01, 3, 2)
    assert player.shown_model(run, state).theta == pytest.approx(expected.theta, rel=1e-12)
    assert player.shown_model(run, {**state, "epoch": 0, "sample": 0}) == run.initial
    assert player.shown_model(run, player.synced(None, run.spec)).theta == run.model.theta
    assert player.counter(state, 10, 4) == "Epochs trained: 3 of 10 (+ 2 of 4 samples of the next)"


# ---- the player on the pages -----------------------------------------------------------------------


def open_page(name: str, **query) -> AppTest:
    return helpers.open_page(name, **query)


def counter(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("**Epochs trained"))


@pytest.mark.parametrize("page", [LINEAR, NETWORK])
def test_step_advances_and_pause_keeps_the_shown_epoch(page):
    at = open_page(page)
    assert counter(at) == "**Epochs trained: 100 of 100 (the whole run)**"
    at.button(key="player_step_epoch").click().run()
    at.button(key="player_step_epoch").click().run()
    assert counter(at) == "**Epochs trained: 2 of 100**"
    at.button(key="player_step_sample").click().run()
    assert counter(at).startswith("**Epochs trained: 2 of 100 (+ 1 of")
    at.button(key="player_play").click().run()  # AppTest shows one frame of 2 epochs per run
    assert counter(at) == "**Epochs trained: 4 of 100, playing**"
    at.button(key="player_pause").click().run()
    assert counter(at) == "**Epochs trained: 4 of 100**"
    at.run()
    assert counter(at) == "**Epochs trained: 4 of 100**"
    assert not at.exception, at.exception


def test_changing_lr_while_paused_restarts_from_the_new_setting():
    at = open_page(LINEAR)
    for _ in range(3):
        at.button(key="player_step_epoch").click().run()
    assert counter(at) == "**Epochs trained: 3 of 100**"
    at.number_input(key="lr").set_value(0.02).run()
    assert counter(at) == "**Epochs trained: 0 of 100**"
    at.button(key="player_reset").click().run()
    at.button(key="player_show_all").click().run()
    assert counter(at) == "**Epochs trained: 100 of 100 (the whole run)**"


def test_continue_sets_the_starting_values_to_the_trained_ones():
    at = open_page(LINEAR)
    trained = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 100).model
    at.button(key="player_continue").click().run()
    assert at.number_input(key="w").value == pytest.approx(trained.w, rel=1e-12)
    assert at.number_input(key="b").value == pytest.approx(trained.b, rel=1e-12)
    again = engine.train(trained, engine.make_dataset("line", 4), 0.01, 100)
    assert any(m.value == f"### Prediction at x = 7: {again.predict(7.0):.4f}" for m in at.markdown)


def test_continue_on_the_network_page_from_a_scheme_switches_to_typed_values():
    at = open_page(NETWORK, init="he", init_seed="3")
    at.button(key="player_step_epoch").click().run()
    at.button(key="player_continue").click().run()
    assert not at.exception, at.exception
    after_one = engine.train(engine.MLP.init(2, "he", 3), engine.make_dataset("line", 5), 0.01, 1).model
    assert at.radio(key="init").value == "seed"
    assert [float(v) for v in at.text_input(key="w").value.split(",")] == list(after_one.w)
    assert counter(at) == "**Epochs trained: 0 of 100**"  # a new run, the player restarted on it


# ---- presenter links -------------------------------------------------------------------------------


def visible_widget_keys(at: AppTest) -> set:
    """Keys of the widgets drawn outside the presenter's hidden containers."""
    keys = set()

    def walk(node, hidden):
        hidden = hidden or (getattr(node, "key", None) or "").startswith(presenter.HIDDEN)
        children = getattr(node, "children", None)
        if children:
            for child in children.values():
                walk(child, hidden)
        elif not hidden and getattr(node, "key", None) and hasattr(node, "value"):
            keys.add(node.key)

    walk(at._tree, False)
    return keys


SETTINGS = {"data", "n", "noise", "seed", "w", "b", "v", "c", "hidden", "layers", "activation", "init", "init_seed",
            "lr", "lr_slider", "epochs", "mode", "batch_size", "x", "log", "epoch"}


@pytest.mark.parametrize("page", [LINEAR, NETWORK])
def test_a_presenter_link_shows_only_the_named_controls(page):
    normal = open_page(page)
    assert {"data", "w", "b", "lr", "epochs", "mode", "x", "log", "epoch"} <= visible_widget_keys(normal) & SETTINGS
    at = open_page(page, present="1", show="lr,epochs", epochs="50")
    assert visible_widget_keys(at) & SETTINGS == {"lr", "lr_slider", "epochs"}
    assert at.number_input(key="epochs").value == 50  # the hidden and shown settings still come from the link
    assert "**Epochs trained: 50 of 50 (the whole run)**" in [m.value for m in at.markdown]
    assert at.button(key="player_play")  # the player always shows


def test_presenter_view_and_link_are_pure_functions_of_the_query():
    assert presenter.View().shows("w")
    view = presenter.View(True, presenter.Shown().parse("lr, epochs,data"))
    assert view.shown == {"lr", "lr_slider", "epochs", "data", "points", "csv"}
    assert not view.shows("w") and view.shows("lr")
    with pytest.raises(ValueError):
        presenter.Shown().parse("lr,<b>x</b>")
    assert presenter.link("http://host/linear", {"lr": "0.2", "present": "0"}, ["lr", "epochs"]) == \
        "http://host/linear?lr=0.2&present=1&show=lr,epochs"


def test_presenting_draws_the_charts_taller_with_larger_type():
    history = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 10).history
    figure = charts.loss_chart(history)
    drawn = []

    class Where:
        def vega_lite_chart(self, spec, **kwargs):
            drawn.append(spec)

    charts.draw(Where(), figure, "loss", charts.Style(presenting=True))
    charts.draw(Where(), figure, "loss", charts.Style())
    presenting, normal = drawn
    assert presenting["height"] == int(figure.spec["height"] * PRESENTER_SCALE) > normal["height"]
    assert presenting["config"]["axis"]["labelFontSize"] > 11  # Vega-Lite's default axis labels are 10 px
    assert presenting["config"]["view"] == normal["config"]["view"]  # the rest of the config kept
    assert normal == {**figure.spec, "datasets": normal["datasets"], "description": normal["description"]}


def test_the_presenter_popover_builds_the_link_from_the_current_settings():
    at = open_page(LINEAR, lr="0.02")
    assert not [code for code in at.code if "present=1" in code.value]  # closed: nothing built
    at.session_state["presenter_popover"] = True  # the user opens it
    at.run()
    at.multiselect(key="presenter_show").set_value(["lr"]).run()
    link = next(code.value for code in at.code if "present=1" in code.value)
    assert "lr=0.02" in link and link.endswith("present=1&show=lr")


# ---- predict, then reveal --------------------------------------------------------------------------


def test_dead_unit_question_hides_the_result_until_answered():
    at = open_page(NETWORK, quiz="dead_unit")
    assert len(at.get("vega_lite_chart")) == 0
    assert not any("dead from the start" in e.value for e in at.error)
    assert at.button(key="quiz_reveal_dead_unit").disabled
    at.radio(key="quiz_choice_dead_unit").set_value("soon").run()
    at.button(key="quiz_reveal_dead_unit").click().run()
    assert not at.exception, at.exception
    assert any("You said “Yes, within the first few epochs”" in w.value and "never became active" in w.value
               for w in at.warning)
    assert any("Unit 2 is dead from the start" in e.value for e in at.error)
    assert len(at.get("vega_lite_chart")) > 0


def test_too_large_question_skip_reveals_and_a_right_answer_is_confirmed():
    at = open_page(LINEAR, lr="0.2", quiz="too_large")
    assert not any("diverging" in w.value for w in at.warning)
    at.button(key="quiz_skip_too_large").click().run()
    assert any("You skipped" in i.value for i in at.info)
    assert any("diverging" in w.value for w in at.warning)
    at = open_page(LINEAR, lr="0.2", quiz="too_large")
    at.radio(key="quiz_choice_too_large").set_value("diverges").run()
    at.button(key="quiz_reveal_too_large").click().run()
    assert any(": right." in s.value for s in at.success)


def test_quiz_outcomes_follow_the_run():
    line5 = engine.make_dataset("line", 5)
    seed = engine.train(engine.MLP(), line5, 0.01, 100)
    assert quiz.outcome_dead_unit(seed) == ("never", "unit 2 never became active (z₂ ≤ 0 on every point at every "
                                            "epoch's end): w₂ and b₂ never moved, because the unit passes no "
                                            "gradient back where z ≤ 0")
    revived = engine.train(engine.MLP(b=(0.0, 1.0)), line5, 0.01, 100)
    assert quiz.outcome_dead_unit(revived) == ("soon", "unit 2 was first active at the end of epoch 0")
    assert quiz.outcome_dead_unit(seed, unit=3) is None
    decayed = engine.train(engine.MLP(), line5, 0.01, 100, optimizer=engine.SGD(weight_decay=0.1))
    assert quiz.outcome_dead_unit(decayed)[1].endswith(": w₂ moved all the same, by weight decay")
    assert decayed.history["w_2"].nunique() > 1 and decayed.history["b_2"].nunique() == 1  # b₂ = 0 stays 0
    penalized = engine.train(engine.MLP(), line5, 0.01, 100, l1=0.01)
    assert quiz.outcome_dead_unit(penalized)[1].endswith(": w₂ moved all the same, by the L1 penalty (on its "
                                                         "weights)")
    assert penalized.history["w_2"].nunique() > 1 and penalized.history["b_2"].nunique() == 1
    data = engine.make_dataset("line", 4)
    assert quiz.outcome_too_large(engine.train(engine.Linear(), data, 0.2, 100))[0] == "diverges"
    good = engine.train(engine.Linear(), data, 0.01, 2000)
    assert quiz.outcome_too_large(good)[0] == "converges"


def test_quiz_questions_quote_the_runs_own_settings_and_apply_only_where_they_can():
    """The dead-unit question quoted the seed's w₂ = −0.1 and b₂ = 0 whatever the link set, and was asked of tanh
    nets, whose units cannot die; the learning-rate question quoted η = 0.2 at any rate."""
    at = open_page(NETWORK, quiz="dead_unit", b="0,-1")
    assert any("w₂ = -0.1 and b₂ = -1." in m.value for m in at.markdown)
    tanh = open_page(NETWORK, quiz="dead_unit", activation="tanh")
    assert not any(radio.key == "quiz_choice_dead_unit" for radio in tanh.radio)
    assert len(tanh.get("vega_lite_chart")) > 0 and any("does not apply" in i.value for i in tanh.info)
    at = open_page(LINEAR, quiz="too_large", lr="0.01")
    assert any("With the learning rate η = 0.01, will" in m.value for m in at.markdown)
    at = open_page(LINEAR, quiz="too_large", lr="0.01", schedule="step")
    assert any("starting at η = 0.01" in m.value for m in at.markdown)
