"""AppTest of pages/network.py: defaults reproduce the seed's net and its dead unit, every control reruns cleanly,
links set the view, and bad lists, wide nets and huge learning rates are results, not crashes."""

import functools

import pytest

import engine
from tests import helpers
from tests.helpers import ROOT, TRAINING_CONTROLS, change, messages, prediction

SEED_NAMES = {"w1": "w_1", "b1": "b_1", "w2": "w_2", "b2": "b_2", "w3": "v_1", "w4": "v_2", "b3": "c"}


open_page = functools.partial(helpers.open_page, "network")


def test_defaults_reproduce_the_seed_net():
    at = open_page()
    # engine: the seed net (w = 0.1,-0.1; b = 0,0; v = 0.1,0.1; c = 0) after 100 epochs predicts 17.99692772369434
    assert prediction(at) == "### Prediction at x = 9: 17.9969"
    assert not at.warning
    assert at.text_input(key="w").value == "0.1,-0.1"
    assert at.code[0].value.startswith("Epoch 0| Loss: 197.5878 | w_1: 0.5108 | b_1: ")


def test_the_printout_is_the_seed_notebooks_own_table():
    """Issue 11: the page said it prints "as the seed notebook prints it" but ordered w_1, w_2, b_1, ... . Started
    from the first run's trained weights (the notebook's second execution of its cell), the page prints the
    notebook's table line for line, in its order w1, b1, w2, b2, w3, w4, b3."""
    first = engine.train(engine.MLP(), engine.make_dataset("line", 5), 0.01, 100).model
    at = open_page(w=",".join(map(repr, first.w)), b=",".join(map(repr, first.b)), v=",".join(map(repr, first.v)),
                   c=repr(first.c))
    golden = (ROOT / "tests" / "golden" / "seed_relu_second_run.txt").read_text().splitlines()
    for seed_name, name in SEED_NAMES.items():
        golden = [line.replace(f" {seed_name}: ", f" {name}: ") for line in golden]
    printed = at.code[0].value.splitlines()
    assert printed[: len(golden) - 1] == golden[:-1]  # the seed file ends mid-line
    assert printed[len(golden) - 1].startswith(golden[-1])


def test_defaults_report_unit_2_dead_from_the_start():
    at = open_page()
    errors = messages(at, "error")
    assert "Unit 2 is dead from the start" in errors
    assert "w_2 = -0.1 < 0" in errors and "b_2 = 0" in errors and "exactly zero" in errors
    assert "can never recover" in errors and "To revive it" in errors and "leaky_relu" in errors
    assert any("Unit 1 is alive" in m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        *TRAINING_CONTROLS,
        ("text_input", "layers", "3"),
        ("text_input", "layers", "3,2"),
        ("selectbox", "activation", "leaky_relu"),
        ("radio", "init", "xavier"),
        ("text_input", "w", "0.2,0.3"),
        ("text_input", "b", "1,1"),
        ("text_input", "v", "-0.5,0.5"),
        ("number_input", "c", 1.0),
    ],
)
def test_every_control_reruns(kind, key, value):
    change(open_page(), kind, key, value)


def test_scheme_init_has_its_own_seed():
    at = open_page(init="he")
    at.number_input(key="init_seed").set_value(4).run()
    assert not at.exception, at.exception
    run = engine.train(engine.MLP.init(2, "he", 4), engine.make_dataset("line", 5), 0.01, 100)
    assert prediction(at) == f"### Prediction at x = 9: {run.predict(9.0):.4f}"


def test_minibatch_shows_batch_size():
    at = open_page()
    at.radio(key="mode").set_value("minibatch").run()
    at.number_input(key="batch_size").set_value(3).run()
    assert not at.exception, at.exception
    expected = engine.train(engine.MLP(), engine.make_dataset("line", 5), 0.01, 100, "minibatch", 3).predict(9.0)
    assert prediction(at) == f"### Prediction at x = 9: {expected:.4f}"


def test_link_sets_widgets_and_result():
    at = open_page(hidden="3", activation="leaky_relu", w="0.5,-0.2,0.1", b="0,1,-1", v="0.3,0.3,0.3", c="0.5",
                   lr="0.005", epochs="60", x="4", data="abs", n="12")
    assert at.text_input(key="layers").value == "3"  # an older link's hidden=3 is layers=3
    assert at.selectbox(key="activation").value == "leaky_relu"
    assert at.text_input(key="w").value == "0.5,-0.2,0.1"
    assert at.number_input(key="lr").value == pytest.approx(0.005)
    model = engine.MLP(w=(0.5, -0.2, 0.1), b=(0, 1, -1), v=(0.3, 0.3, 0.3), c=0.5, activation="leaky_relu")
    run = engine.train(model, engine.make_dataset("abs", 12), 0.005, 60)
    assert prediction(at) == f"### Prediction at x = 4: {run.predict(4.0):.4f}"
    assert not at.warning


def test_link_with_scheme_and_init_seed():
    at = open_page(init="uniform", init_seed="7", hidden="5", epochs="40")
    assert at.radio(key="init").value == "uniform"
    run = engine.train(engine.MLP.init(5, "uniform", 7), engine.make_dataset("line", 5), 0.01, 40)
    assert prediction(at) == f"### Prediction at x = 9: {run.predict(9.0):.4f}"


def test_wrong_length_list_in_link_warns_and_falls_back():
    at = open_page(w="0.1,-0.1,0.5")
    warnings = messages(at, "warning")
    assert "**w** has 3 value(s)" in warnings and "2 unit(s)" in warnings and "seed's values" in warnings
    assert prediction(at) == "### Prediction at x = 9: 17.9969"  # the seed's w for width 2
    at = open_page(hidden="3")  # the seed's lists have 2 values each: all three fall back to He, seed 0
    warnings = messages(at, "warning")
    assert all(f"**{name}** has 2 value(s)" in warnings for name in "wbv")
    fallback = engine.MLP.init(3, "he", 0)
    run = engine.train(fallback, engine.make_dataset("line", 5), 0.01, 100)
    assert prediction(at) == f"### Prediction at x = 9: {run.predict(9.0):.4f}"


def test_malformed_link_values_warn():
    at = open_page(w="0.1,abc", hidden="99", activation="swish")
    warnings = messages(at, "warning")
    assert "w=0.1,abc" in warnings and "hidden=99" in warnings and "activation=swish" in warnings
    assert prediction(at) == "### Prediction at x = 9: 17.9969"


def test_width_16_with_a_scheme():
    at = open_page(hidden="16", init="he", init_seed="2", data="sine", n="20", epochs="200")
    run = engine.train(engine.MLP.init(16, "he", 2), engine.make_dataset("sine", 20), 0.01, 200)
    assert prediction(at) == f"### Prediction at x = 9: {run.predict(9.0):.4f}"
    assert "w_16" in at.code[0].value


def test_huge_learning_rate_is_a_result_not_a_crash():
    at = open_page(lr="10")
    expected = engine.train(engine.MLP(), engine.make_dataset("line", 5), 10.0, 100).diverged_at
    assert expected is not None
    assert f"diverged at epoch {expected}" in messages(at, "error")
    assert "Lower the learning rate (try 1)" in messages(at, "error")
    # absurd rates train too, and diverge at once
    for huge in ("1e6", "1e9"):
        at = open_page(lr=huge)
        assert not at.exception, at.exception
        assert "diverged at epoch" in messages(at, "error")


def test_work_cap_stops_before_training():
    at = open_page(n="1000", epochs="5000", hidden="16", init="he", data="noisy_line")
    assert any("cap" in e.value for e in at.error)


def test_pin_button_pins_this_run():
    at = open_page()
    at.button(key="pin").click().run()
    assert not at.exception, at.exception
    pinned = at.session_state["pinned_runs"]
    assert len(pinned) == 1 and pinned[0].label.startswith("network, 2 relu units")
    assert pinned[0].spec == engine.RunSpec(engine.MLP(), engine.make_dataset("line", 5), 0.01, 100)
