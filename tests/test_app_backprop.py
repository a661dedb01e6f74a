"""AppTest of pages/backprop.py: the seed net's update worked by hand, stepping, the gradient check, links."""

import functools

import pytest
from streamlit.testing.v1 import AppTest

import engine
from tests import helpers
from tests.helpers import messages, navigate

open_page = functools.partial(helpers.open_page, "backprop")


def heading(at: AppTest) -> str:
    return next(m.value for m in at.markdown if m.value.startswith("#### Sample"))


def equations(at: AppTest) -> str:
    return "\n".join(latex.value for latex in at.latex)


def gradient_table(at: AppTest):
    return at.dataframe[0].value.set_index("parameter")


def test_defaults_show_the_seed_net_first_update():
    at = open_page()
    # the seed net at x = 1, y = 2: y_pred = 0.1*0.1 + 0 = 0.01, error = -1.99, dL/dy = -3.98, dw3 = -3.98*0.1
    assert heading(at) == "#### Sample 0 of epoch 0: x = 1, y = 2, ŷ = 0.01, loss = 3.9601"
    text = equations(at)
    assert r"2 \cdot (-1.99) = -3.98" in text
    assert r"(-3.98) \cdot 0.1 = -0.398" in text and r"\texttt{dw3}" in text
    assert not at.error and not at.warning


def test_hand_worked_numbers_at_sample_2_from_the_starting_parameters():
    # worked by hand (as in test_engine_gradients): x = 3, y = 6; z1 = 0.3, h1 = 0.3, z2 = -0.3, h2 = 0
    # y_pred = 0.1*0.3 + 0.1*0 + 0 = 0.03; dL/dy = 2*(0.03 - 6) = -11.94; dw3 = -11.94*0.3 = -3.582; dw4 = 0; dz2 = 0
    at = open_page(step_sample="2", step_start="initial")
    assert heading(at).startswith("#### Sample 2 of epoch 0: x = 3, y = 6, ŷ = 0.03,")
    text = equations(at)
    assert r"0.1 \cdot 0.3 + 0.1 \cdot 0 + 0 = 0.03" in text  # y_pred
    assert r"2 \cdot (-5.97) = -11.94" in text  # dL/dy
    assert r"(-11.94) \cdot 0.3 = -3.582 \quad \textcolor{gray}{\texttt{dw3}}" in text
    assert r"(-11.94) \cdot 0 = 0 \quad \textcolor{gray}{\texttt{dw4}}" in text
    assert r"(-1.194) \cdot 0 = 0 \quad \textcolor{gray}{\texttt{dz2}}" in text
    table = gradient_table(at)
    assert table.loc["v_1", "gradient"] == pytest.approx(-3.582)
    assert table.loc["v_2", "gradient"] == 0 and table.loc["w_2", "gradient"] == 0


def test_trained_parameters_are_those_just_before_the_update():
    # at sample 2 of epoch 0 the seed loop has already updated on samples 0 and 1
    at = open_page(step_sample="2")
    model = engine.model_before_step(engine.MLP(), engine.make_dataset("line", 5), 0.01, 0, 2)
    y_hat = model.predict(3.0)
    assert heading(at).startswith(f"#### Sample 2 of epoch 0: x = 3, y = 6, ŷ = {y_hat:.6g},")
    expected = engine.gradients(model, 3.0, 6.0)
    table = gradient_table(at)
    for name, gradient in expected.items():
        assert table.loc[name, "gradient"] == pytest.approx(gradient)


def test_next_steps_through_samples_and_wraps_to_the_next_epoch():
    at = open_page(step_sample="3")
    at.button(key="step_next").click().run()
    assert (at.number_input(key="step_epoch").value, at.number_input(key="step_sample").value) == (0, 4)
    at.button(key="step_next").click().run()
    assert (at.number_input(key="step_epoch").value, at.number_input(key="step_sample").value) == (1, 0)
    assert heading(at).startswith("#### Sample 0 of epoch 1: x = 1, y = 2,")
    at.button(key="step_previous").click().run()
    assert (at.number_input(key="step_epoch").value, at.number_input(key="step_sample").value) == (0, 4)
    assert not at.exception


def test_previous_is_disabled_at_the_very_first_update():
    at = open_page()
    assert at.button(key="step_previous").disabled
    assert not at.button(key="step_next").disabled


def test_finite_differences_agree_with_backprop():
    at = open_page(step_epoch="3", step_sample="1")
    table = gradient_table(at)
    assert (table["relative error"] < 1e-6).all(), table
    smooth = table[table["gradient"] != 0]
    assert len(smooth) >= 4  # the live unit's w_1, b_1, v_1 and the output bias c


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        ("radio", "step_model", "seed-linear"),
        ("radio", "step_model", "linear-page"),
        ("radio", "step_model", "network-page"),
        ("radio", "step_start", "initial"),
        ("number_input", "step_epoch", 7),
        ("number_input", "step_sample", 4),
    ],
)
def test_every_control_reruns(kind, key, value):
    at = open_page()
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception, at.exception
    assert heading(at).startswith("#### Sample")


def test_seed_linear_model_and_sample_clamped_to_its_data():
    at = open_page(step_sample="4")
    at.radio(key="step_model").set_value("seed-linear").run()  # 4 points: sample 4 no longer exists
    assert not at.exception, at.exception
    assert at.number_input(key="step_sample").value == 3
    assert "**Sample (0 to 3)** was 4, outside 0 to 3 (the data has 4 points): using 3." in messages(at, "warning")
    assert at.query_params["step_sample"] == "3"
    assert r"\hat y &= w x + b" in equations(at)
    assert list(gradient_table(at).index) == ["w", "b"]


def test_another_page_without_a_snapshot_says_to_open_it_first():
    at = open_page(step_model="linear-page")
    assert any("The Linear fit page has no run in this session" in info.value for info in at.info)
    assert r"\hat y &= w x + b" in equations(at)  # meanwhile the seed's linear model


def test_linear_page_settings_are_used_once_it_has_run():
    at = helpers.open_page("start")
    at.switch_page("pages/linear.py").run()
    at.number_input(key="w").set_value(1.0).run()
    at.number_input(key="b").set_value(0.5).run()
    at.number_input(key="lr").set_value(0.02).run()
    at = navigate(at, "backprop", step_model="linear-page")
    assert not at.info
    # the linear page's starting point w = 1, b = 0.5 on x = 1..4, lr 0.02; sample 0: y_hat = 1*1 + 0.5
    assert heading(at) == "#### Sample 0 of epoch 0: x = 1, y = 2, ŷ = 1.5, loss = 0.25"
    assert r"1 - 0.02 \cdot (-1) = 1.02" in equations(at)


def test_link_sets_the_widgets():
    at = open_page(step_model="seed-linear", step_epoch="2", step_sample="1", step_start="trained")
    assert at.radio(key="step_model").value == "seed-linear"
    assert at.number_input(key="step_epoch").value == 2
    assert at.number_input(key="step_sample").value == 1
    model = engine.model_before_step(engine.Linear(), engine.make_dataset("line", 4), 0.01, 2, 1)
    assert heading(at).startswith(f"#### Sample 1 of epoch 2: x = 2, y = 4, ŷ = {model.predict(2.0):.6g},")


def test_malformed_link_warns_and_uses_defaults():
    at = open_page(step_model="bogus", step_sample="99")
    warnings = " ".join(w.value for w in at.warning)
    assert "step_model=bogus" in warnings and "step_sample=99" in warnings
    assert heading(at).startswith("#### Sample 0 of epoch 0: x = 1, y = 2,")


def test_a_diverged_run_is_a_message_not_a_crash():
    at = helpers.open_page("start")
    at.switch_page("pages/linear.py").run()
    at.number_input(key="lr").set_value(1.0).run()
    at = navigate(at, "backprop", step_model="linear-page", step_epoch="600")
    assert any("diverged" in error.value for error in at.error)


def answer(at: AppTest, rows: dict[int, float]) -> AppTest:
    """Type values into the answer sheet (row index -> value) and rerun."""
    editor = at.data_editor[0]
    at.session_state[editor.key] = {"edited_rows": {i: {"answer": v} for i, v in rows.items()},
                                    "added_rows": [], "deleted_rows": []}
    return at.run()


def test_check_yourself_hides_the_numbers_until_revealed():
    at = open_page(step_check="true", step_sample="2", step_start="initial")
    assert heading(at) == "#### Sample 2 of epoch 0: x = 3, y = 6"
    assert "-3.582" not in equations(at) and r"h_1 &= \max(0, z_1)" in equations(at)
    # the parameters to start from, and the answer sheet: the gradient tables would give answers away
    assert len(at.dataframe) == 2
    start = at.dataframe[0].value
    assert list(start["p"]) == list(engine.MLP().names) and list(start["value"]) == list(engine.MLP().theta)
    at.toggle(key="step_reveal").set_value(True).run()
    assert r"(-11.94) \cdot 0.3 = -3.582" in equations(at)


def test_check_yourself_marks_right_and_names_the_first_wrong_factor():
    at = open_page(step_check="true", step_sample="2", step_start="initial")
    names = list(at.data_editor[0].value["name"])
    # right: z_1 = 0.3, y_hat = 0.03, dL/dy_hat = -11.94; wrong: f'(z_2) = 1 (the dead unit's slope is 0), then dL/dz_2
    at = answer(at, {names.index("z_1"): 0.3, names.index("y_hat"): 0.03, names.index("dL/dy_hat"): -11.94,
                     names.index("f'(z_2)"): 1.0, names.index("dL/dz_2"): -1.194})
    assert not at.exception, at.exception
    assert "z_1" in at.success[0].value and "dL/dy_hat" in at.success[0].value
    assert "**f'(z_2)**" in at.error[0].value and "dL/dz_2" in at.error[0].value


def test_check_yourself_states_its_tolerance_and_counts_a_close_value_as_right():
    at = open_page(step_check="true", step_sample="2", step_start="initial")
    assert any("**Tolerance:** a value is right within 0.1% of the worked value" in m.value for m in at.markdown)
    names = list(at.data_editor[0].value["name"])
    # dL/dy_hat = -11.94: -11.95 is 0.08% off (right); z_1 = 0.3: 0.31 is 3% off (wrong)
    at = answer(at, {names.index("dL/dy_hat"): -11.95, names.index("z_1"): 0.31})
    assert "dL/dy_hat" in at.success[0].value
    assert "Not right: z_1." in at.error[0].value


def test_check_yourself_names_the_first_wrong_factor_in_words_with_its_formula():
    at = open_page(step_check="true", step_sample="2", step_start="initial")
    sheet = at.data_editor[0].value
    assert "the slope of unit 2's activation at its weighted input" in list(sheet["what"])
    names = list(sheet["name"])
    # a wrong dL/dh_2 (should be -11.94 * 0.1 = -1.194) comes before the wrong dL/dw_2 in backprop's order
    at = answer(at, {names.index("dL/dw_2"): 5.0, names.index("dL/dh_2"): 1.194})
    message = at.error[0].value
    assert "**dL/dh_2** (seed: `dh2`), the gradient reaching unit 2's output" in message
    assert r"\frac{\partial L}{\partial h_2} = \frac{\partial L}{\partial \hat y} v_2" in at.latex[-1].value
    assert not at.success  # nothing right yet
