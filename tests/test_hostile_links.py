"""Hostile links: a bad value in a link warns, naming the key and what is allowed, and the page uses the default
for that key alone (tests/HOSTILE_INPUT.md lists every case)."""

import pytest
from streamlit.testing.v1 import AppTest

import engine
from tests.helpers import messages, open_page, prediction
from ui import compute
from ui.link import KEYS

LINEAR_DEFAULT = "### Prediction at x = 7: 13.7864"
NETWORK_DEFAULT = "### Prediction at x = 9: 17.9969"


def warnings(at: AppTest) -> str:
    return messages(at, "warning")


def minibatch_default() -> str:
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 100, "minibatch", 2)
    return f"### Prediction at x = 7: {run.predict(7.0):.4f}"


LINEAR_LINKS = [
    *[({"lr": value}, "lr", "a number from 1e-06 to 1e+09; using 0.01")
      for value in ("", "abc", "nan", "inf", "-inf", "-1", "0", "1e400", "1e-400", "1e10")],
    *[({"epochs": value}, "epochs", "a whole number from 1 to 5000; using 100")
      for value in ("-5", "0", "2.5", "1e9", "abc", "")],
    ({"mode": "adam"}, "mode", "one of sgd, minibatch, batch; using sgd"),
    ({"data": "spiral"}, "data", "one of line, noisy_line, abs, quadratic, sine, step, table, csv; using line"),
    *[({"n": value}, "n", "a whole number from 1 to 1000; using 4") for value in ("0", "-3", "100000", "2.5")],
    *[({"noise": value}, "noise", "a number from 0 to 100; using 0") for value in ("-1", "nan", "1e9")],
    ({"seed": "-1"}, "seed", "a whole number from 0 to 2147483647; using 0"),
    *[({"x": value}, "x", "a number from -1e+06 to 1e+06; using 7") for value in ("inf", "nan", "1e7", "seven")],
    ({"w": "abc"}, "w", "a number from -1e+06 to 1e+06; using 0"),
    ({"b": "nan"}, "b", "a number from -1e+06 to 1e+06; using 0"),
]


@pytest.mark.parametrize(("query", "key", "allowed"), LINEAR_LINKS, ids=lambda v: str(v) if isinstance(v, dict) else "")
def test_linear_bad_link_value_warns_and_uses_the_default(query, key, allowed):
    at = open_page("linear", **query)
    shown = warnings(at)
    assert f"`{key}={query[key]}` in the link is not {allowed}." in shown
    assert prediction(at) == LINEAR_DEFAULT
    assert not at.error


@pytest.mark.parametrize("value", ["0", "-1", "99999", "abc", "1.5"])
def test_linear_bad_batch_size_warns_and_uses_the_default(value):
    at = open_page("linear", mode="minibatch", batch_size=value)
    assert f"`batch_size={value}` in the link is not a whole number from 1 to 4; using 2." in warnings(at)
    assert at.radio(key="mode").value == "minibatch"  # the good setting is kept
    assert prediction(at) == minibatch_default()


def test_a_bad_value_loses_nothing_else():
    """Good settings in the same link keep their values; only the bad one falls back."""
    at = open_page("linear", lr="abc", epochs="50", w="1", x="9", noise="nan", data="noisy_line", n="12", seed="3")
    assert "`lr=abc`" in warnings(at) and "`noise=nan`" in warnings(at)
    assert (at.number_input(key="epochs").value, at.number_input(key="w").value) == (50, 1.0)
    assert (at.number_input(key="n").value, at.number_input(key="seed").value) == (12, 3)
    data = engine.make_dataset("noisy_line", 12, 0.0, 3)
    run = engine.train(engine.Linear(w=1.0), data, 0.01, 50)
    assert prediction(at) == f"### Prediction at x = 9: {run.predict(9.0):.4f}"


def test_epochs_that_streamlit_would_truncate_really_fall_back():
    """Streamlit itself reads epochs=2.5 as 2; the warning says 100, so 100 it must be."""
    at = open_page("linear", epochs="2.5")
    assert at.number_input(key="epochs").value == 100
    assert prediction(at) == LINEAR_DEFAULT


def test_one_point_and_all_x_equal_train_without_a_least_squares_optimum():
    """One point (or every x the same): engine.least_squares returns None and the page still draws."""
    assert compute.least_squares(engine.Dataset(x=[1.0], y=[2.0])) is None
    at = open_page("linear", n="1")
    assert prediction(at).startswith("### Prediction at x = 7: ")
    assert not at.error


NETWORK_LINKS = [
    *[({key: value}, key, "1 to 4 whole numbers separated by commas, the units of each hidden layer: 1 to 16 for one "
                          "layer, 1 to 8 each for more; using 2")
      for key, value in [("hidden", "0"), ("hidden", "33"), ("hidden", "abc"), ("hidden", "-2")]
      + [("layers", value) for value in ("9,9", "1,2,3,4,5", "2,,2", "0", "1.5")]],
    *[({"w": value}, "w", "a comma-separated list of finite numbers (at most 64); using 0.1,-0.1")
      for value in ("a,b", ",", "", "1,nan")],
    ({"b": "0,inf"}, "b", "a comma-separated list of finite numbers (at most 64); using 0,0"),
    ({"v": "1e400,1"}, "v", "a comma-separated list of finite numbers (at most 64); using 0.1,0.1"),
    ({"c": "abc"}, "c", "a number from -1e+06 to 1e+06; using 0"),
    ({"activation": "swish"}, "activation", "one of relu, leaky_relu, sigmoid, tanh, identity; using relu"),
    ({"init": "zeros"}, "init", "one of seed, he, xavier, uniform; using seed"),
    ({"x": "nan"}, "x", "a number from -1e+06 to 1e+06; using 9"),
    ({"lr": "-1"}, "lr", "a number from 1e-06 to 1e+09; using 0.01"),
    ({"epochs": "-5"}, "epochs", "a whole number from 1 to 5000; using 100"),
]


@pytest.mark.parametrize(("query", "key", "allowed"), NETWORK_LINKS,
                         ids=lambda v: str(v) if isinstance(v, dict) else "")
def test_network_bad_link_value_warns_and_uses_the_default(query, key, allowed):
    if key == "activation":
        allowed = f"one of {', '.join(engine.ACTIVATIONS)}; using relu"
    at = open_page("network", **query)
    assert f"`{key}={query[key]}` in the link is not {allowed}." in warnings(at)
    assert prediction(at) == NETWORK_DEFAULT


def test_network_bad_init_seed_warns():
    at = open_page("network", init="he", init_seed="-1")
    assert "`init_seed=-1` in the link is not a whole number from 0 to 2147483647; using 0." in warnings(at)
    good = open_page("network", init="he", init_seed="0")
    assert prediction(at) == prediction(good)


@pytest.mark.parametrize(("query", "name", "count"),
                         [({"w": "1,2,3", "hidden": "2"}, "w", 3), ({"v": "1", "hidden": "2"}, "v", 1),
                          ({"hidden": "3"}, "w", 2)])
def test_network_list_of_the_wrong_length_warns_and_falls_back(query, name, count):
    at = open_page("network", **query)
    hidden = int(query["hidden"])
    assert f"**{name}** has {count} value(s), but the hidden layer has {hidden} unit(s)" in warnings(at)
    if hidden == 2:
        assert prediction(at) == NETWORK_DEFAULT


def test_a_url_full_of_hostile_values_in_one_link():
    at = open_page("network", hidden="abc", w="<b>x</b>", lr="1e400", epochs="-5", mode="adam", x="inf")
    shown = warnings(at)
    for key in ("hidden", "w", "lr", "epochs", "mode", "x"):
        assert f"`{key}=" in shown
    assert prediction(at) == NETWORK_DEFAULT


@pytest.mark.parametrize("page", ["start", "linear", "network", "backprop", "experiments"])
@pytest.mark.parametrize("value", ["", "abc", "nan", "-inf", "-1", "1e400", "1,2,3", "`**x**`<script>"])
def test_every_key_bad_at_once_never_crashes(page, value):
    """Every documented link key set to the same bad value: the page runs, with no traceback."""
    at = open_page(page, **dict.fromkeys(KEYS, value))
    assert not at.exception
    assert not any("Traceback" in e.value for e in at.error)


def test_the_address_holds_only_this_pages_settings():
    """Keys the page does not use leave the address, with a message; a bad passive value is ignored, said once."""
    at = open_page("linear", foo="1", hidden="3", lr="0.02")
    assert ("In the link, `hidden` is not used by this page with these settings; `foo` is not a setting of this "
            "playground: left out of the address.") in warnings(at)
    assert dict(at.query_params) == {"lr": "0.02"}
    at = open_page("linear", batch_size="3")
    assert "`batch_size` is not used by this page with these settings" in warnings(at)
    at = open_page("linear", present="maybe", quiz="dead_unit")
    assert warnings(at).splitlines() == ["`present=maybe` in the link is not true or false; ignored.",
                                         "`quiz=dead_unit` in the link is not one of too_large; ignored."]
    at = open_page("linear", epoch="500")
    assert "**Epoch** was 500, past 99 (the run's last epoch): showing 99." in warnings(at)
    assert at.query_params.get("epoch") is None  # 99 is the slider's default: the end of the run
    at = open_page("linear", lr=["0.1", "0.02"])  # a key twice: the last one counts, written back once
    assert at.number_input(key="lr").value == 0.02 and at.query_params["lr"] == "0.02"
