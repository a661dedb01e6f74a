"""A hostile pass over the optimizer, schedule, held-out and deep settings: each defect as the test that failed
before it was fixed (tests/HOSTILE_INPUT.md lists them too)."""

import pytest
from streamlit.testing.v1 import AppTest

import engine
from tests.helpers import APP, grew, messages, navigate, open_page, rerun
from ui import quiz, sentences
from ui.link.fields import Numbers, Widths
from ui.numerals import plain_number
from ui.text import literal


@pytest.mark.parametrize(("page", "query"), [
    ("linear", {"optimizer": "adam", "lr": "1e9"}),
    ("linear", {"lr": "1", "schedule": "exponential", "gamma": "1e-06"}),
    ("network", {"layers": "4,4", "optimizer": "rmsprop", "lr": "1e9"}),
])
def test_a_run_that_blows_up_within_its_first_epoch_is_said_to_diverge(page, query):
    """Its MSE after epoch 0 was already huge, and the warning compared the last MSE with that one only."""
    at = open_page(page, **query)
    said = messages(at, "warning") + messages(at, "error")
    assert ("diverg" in said and "before training" in said) or "overflowed" in said, said
    assert "races down the steep side" not in " ".join(c.value for c in at.caption)


def test_the_held_out_tab_says_which_run_diverged():
    at = open_page("experiments", experiment="Held-out data", lr="1e9")
    said = messages(at, "error") + messages(at, "warning")
    assert "**As set.**" in said and "**Weight decay 0.05.**" in said and "diverg" in said


def test_the_held_out_tab_with_too_few_points_says_so():
    at = open_page("experiments", experiment="Held-out data", n="1")
    assert "it needs at least 2 points" in messages(at, "info")


@pytest.mark.parametrize(("key", "text"), [("layers", "3."), ("w", "0.1, 1. "), ("w", "1.,-1"), ("v", "# 1")])
def test_the_last_valid_typed_list_is_quoted_as_text_in_the_error(key, text):
    """The last valid list came back into the error unquoted: with newlines or `1.` it rendered as a code block
    or an ordered list (and `# 1` is not a number, so the default comes back quoted)."""
    at = open_page("network", **{key: text})
    at.text_input(key=key).set_value("abc").run()
    error = next(e.value for e in at.error if e.value.startswith(f"**{key}** must be"))
    kept = text if key != "v" else "0.1,0.1"
    assert error.endswith(f"Using the last valid value {literal(kept)}."), error


def test_a_link_number_with_newlines_is_refused_not_read():
    at = open_page("network", layers="\n\n    3")
    assert at.session_state["spec:network"].model.width == 2 and "layers" in messages(at, "warning")


@pytest.mark.parametrize("text", ["1_6", "２,３", "1_0,٣", "inf", "nan", "0x10", "1e", "--1", "٣"])
def test_typed_lists_and_link_numbers_refuse_what_is_not_plain_decimal_notation(text):
    """float() reads 1_6 as 16 and full-width or Arabic-Indic digits as numbers: a typo was read silently."""
    with pytest.raises(ValueError):
        Widths(4, 16, 8).values(text)
    with pytest.raises(ValueError):
        Numbers().values(text)
    at = open_page("network", layers=text)
    assert "layers" in messages(at, "warning") and at.session_state["spec:network"].model.width == 2


@pytest.mark.parametrize("text", ["3", " -2.5e-3 ", "1.", ".5", "+7", "1E3"])
def test_plain_decimal_notation_is_read_exactly(text):
    assert plain_number(text) == float(text)


def test_a_csv_cell_or_a_self_check_answer_in_another_scripts_digits_is_refused():
    from ui.datafile import dataset_from_csv
    from ui.selfcheck import read_answer

    with pytest.raises(ValueError, match="not a finite number"):
        dataset_from_csv("x,y\n1,2\n٣,6\n".encode())
    for typed in ("1_6", "٣", "１"):
        with pytest.raises(ValueError):
            read_answer(typed)
    assert read_answer(" -0.398 ") == -0.398


def test_raising_the_epochs_keeps_the_fit_at_the_end_of_the_run_or_where_it_was_scrubbed():
    """The Epoch slider jumped to 0 (and wrote epoch=0 into the address) whenever the epochs changed."""
    at = open_page("linear")
    at.number_input(key="epochs").set_value(200).run()
    assert at.slider(key="epoch").value == 199 and "epoch" not in at.query_params
    at.slider(key="epoch").set_value(50).run()
    at.number_input(key="epochs").set_value(300).run()
    assert at.slider(key="epoch").value == 50 and at.query_params["epoch"] == "50"


def test_nesterov_without_momentum_is_turned_off_and_said():
    at = open_page("linear", nesterov="true")
    assert "**Nesterov** is turned off" in messages(at, "warning")
    assert "nesterov" not in at.query_params and at.session_state["spec:linear"].optimizer == engine.SGD()


def test_a_layer_the_net_no_longer_has_is_said_when_it_falls_back():
    at = open_page("network", layers="3,3,3", panel="Every parameter over epochs", layer="layer 4")
    at.text_input(key="layers").set_value("3,3").run()  # layers 1 and 2, and the output layer 3
    assert "**Layer** was `layer 4`, which these settings do not offer; using `layer 1`." in messages(at, "warning")
    assert "layer" not in at.query_params


def test_the_backprop_page_does_not_work_a_run_the_network_page_no_longer_has():
    at = open_page("network", layers="3")
    assert at.session_state["spec:network"].model.width == 3
    at.selectbox(key="schedule").set_value("cosine").run()
    at.number_input(key="lr_floor").set_value(1.0).run()
    assert "cannot train together" in messages(at, "error") and "spec:network" not in at.session_state


def test_a_held_out_share_that_whole_points_cannot_make_is_said():
    at = open_page("linear", test_share="50", n="3")
    assert any("2 held out (67% of the points: the nearest whole number to 50%" in c.value for c in at.caption)


def test_an_older_hidden_beside_layers_is_said_to_give_way():
    at = open_page("network", hidden="5", layers="3")
    assert ("`hidden=5` in the link is an older name for `layers`, which the link also has: using `layers=3`."
            in messages(at, "warning"))
    assert at.session_state["spec:network"].model.width == 3 and "hidden" not in at.query_params


def test_a_run_that_spikes_and_comes_back_down_is_pointed_at():
    """Adam at η = 1000 on the seed's line: the MSE rises to 2.75e6 and ends at 10.7, with no word (it only warned
    about runs that end high)."""
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), 1000.0, 100, optimizer=engine.Adam())
    peak = run.history["mse"].max()
    assert peak > 10 * 30 > run.history["mse"].iloc[-1]  # the seed's line starts at MSE 30
    at = open_page("linear", optimizer="adam", lr="1000")
    assert f"The MSE spiked to {peak:.4g} at epoch" in messages(at, "info") and not at.warning



def test_a_run_that_starts_at_the_optimum_and_drifts_by_rounding_has_not_diverged():
    """w = 2, b = 0 fits the seed's line exactly; a small weight decay moves it 3e-5 away: that was "diverging",
    and every rate of the sweep "blew up"."""
    at = open_page("linear", w="2", b="0", weight_decay="0.01")
    assert "diverging" not in messages(at, "warning")
    table = engine.sweep(engine.Linear(2.0, 0.0), engine.make_dataset("line", 4), [0.001, 0.01], 100,
                         optimizer=engine.SGD(weight_decay=0.01))
    assert not table["blew_up"].any()


def test_the_page_the_sweep_and_the_quiz_agree_on_what_diverged():
    """The sweep counted only growth past the start, the page also growth past the first epoch, and the quiz
    compared with the first epoch alone: three answers for one run."""
    data = engine.make_dataset("line", 20)
    for lr in (0.0227, 0.01, 1.0):
        spec = engine.RunSpec(engine.MLP(), data, lr, 100, "batch")
        run = engine.train(spec.model, data, lr, 100, "batch")
        page = sentences.divergence(run, lambda run: "")
        swept = bool(engine.sweep(spec.model, data, [lr], 100, "batch")["blew_up"].iloc[0])
        answer = quiz.outcome_too_large(run)[0]
        expected = run.diverged_at is not None or grew(run)  # worked out in the test from the run's history
        assert (page is not None and page[0] in ("error", "warning")) == swept == (answer == "diverges") == expected
    assert [grew(engine.train(engine.MLP(), data, lr, 100, "batch")) for lr in (0.0227, 0.01)] == [True, False]


def test_weights_that_overflow_on_their_own_get_the_advice_to_start_smaller():
    """Typed 1e308 biases: the advice said to lower the learning rate, and again at every lower rate."""
    at = open_page("network", layers="2,2", init="typed", b1="1e308,1e308")
    said = messages(at, "error")
    assert "Start from smaller weights: the starting ones (the largest |p| = 1e+308)" in said
    assert "lower the learning rate" not in said.lower()


def test_a_field_hidden_a_while_comes_back_as_it_was_on_that_page_only():
    """adam -> rmsprop -> adam reset a typed β₁ of 0.5 to 0.9 (Streamlit drops a hidden widget's value); another
    page does not inherit it."""
    at = navigate(rerun(AppTest.from_file(str(APP), default_timeout=60)), "linear", optimizer="adam")
    at.number_input(key="beta1").set_value(0.5).run()
    at.selectbox(key="optimizer").set_value("rmsprop").run()
    assert "beta1" not in at.query_params
    at.selectbox(key="optimizer").set_value("adam").run()
    assert at.number_input(key="beta1").value == 0.5 and at.query_params["beta1"] == "0.5"
    assert at.session_state["spec:linear"].optimizer.betas == (0.5, 0.999)
    navigate(at, "network")
    at.selectbox(key="optimizer").set_value("adam").run()
    assert at.number_input(key="beta1").value == 0.9  # the network page's own default, not the linear page's 0.5
