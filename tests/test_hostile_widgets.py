"""Hostile typing: values typed into the widgets, and runs too large for one interaction."""

import contextlib

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import engine
from tests.helpers import messages, open_page, prediction
from ui import compute

LINEAR_DEFAULT = "### Prediction at x = 7: 13.7864"
NETWORK_DEFAULT = "### Prediction at x = 9: 17.9969"


def warnings(at: AppTest) -> str:
    return messages(at, "warning")


def errors(at: AppTest) -> str:
    return messages(at, "error")


@pytest.mark.parametrize(("key", "value"), [("epochs", -5), ("epochs", 0), ("epochs", 10**9), ("lr", 0.0),
                                            ("lr", -1.0), ("lr", 1e400), ("n", 0), ("n", 100_000),
                                            ("noise", -1.0), ("x", 1e7)])
def test_a_number_outside_its_field_never_reaches_the_run(key, value):
    """The browser's field refuses such a number. A client that sends one anyway (the agent API, a test) gets
    Streamlit's own reset to the field's minimum, and the page keeps working with everything else unchanged."""
    at = open_page("linear")
    at.number_input(key=key).set_value(value).run()
    assert not at.exception
    field = at.number_input(key=key)
    assert field.value == field.min
    assert at.radio(key="mode").value == "sgd" and at.selectbox(key="data").value == "line"
    assert prediction(at).startswith("### Prediction at x = ")


def test_a_typed_list_that_is_not_numbers_keeps_the_last_valid_list():
    at = open_page("network")
    at.text_input(key="w").input("0.5,0.2").run()
    good = prediction(at)
    assert good != NETWORK_DEFAULT
    for typed in ("abc", "", ",", "1,,2", "nan,1", "1;2"):
        at.text_input(key="w").input(typed).run()
        assert not at.exception
        assert ("**w** must be a comma-separated list of finite numbers (at most 64), like `0.1,-0.1`; " in errors(at)
                and "Using the last valid value `0.5,0.2`." in errors(at)), typed
        assert prediction(at) == good
        assert at.number_input(key="lr").value == 0.01  # nothing else changed


def test_a_typed_list_of_the_wrong_length_warns():
    at = open_page("network")
    at.text_input(key="b").input("1,2,3").run()
    assert "**b** has 3 value(s), but the hidden layer has 2 unit(s)" in warnings(at)
    assert prediction(at) == NETWORK_DEFAULT


def test_work_cap_message_states_the_cap():
    at = open_page("linear", data="noisy_line", n="1000", epochs="2001")
    assert "over the playground's cap of 2,000,000" in errors(at)
    assert "1,000 points x 2,001 epochs" in errors(at)
    at = open_page("network", data="noisy_line", n="1000", epochs="200", hidden="16")
    assert "cap of 2,000,000" in errors(at) and "hidden units" in errors(at)


def test_a_run_at_the_cap_trains():
    at = open_page("linear", data="noisy_line", n="1000", epochs="2000", lr="0.001")
    assert not at.error
    assert prediction(at).startswith("### Prediction at x = 7: ")


def test_a_run_near_the_cap_shows_progress(monkeypatch):
    shown = []

    @contextlib.contextmanager
    def spinner(text, **kwargs):
        shown.append(text)
        yield

    monkeypatch.setattr(compute.st, "spinner", spinner)
    x = np.linspace(0, 1, 1000)
    compute.train(engine.RunSpec(engine.Linear(), engine.Dataset(x=x, y=x), 0.01, 200, "batch"))
    assert shown == ["Training 1,000 points x 200 epochs…"]
    compute.train(engine.RunSpec(engine.Linear(), engine.Dataset(x=x[:4], y=x[:4]), 0.01, 100))  # small: no spinner
    assert len(shown) == 1
    compute.train(engine.RunSpec(engine.MLP.init(16), engine.Dataset(x=x[:100], y=x[:100]), 0.01, 125))
    assert shown[-1] == "Training 100 points x 125 epochs x 16 hidden units…"


def test_while_a_typed_list_is_invalid_the_address_holds_the_last_valid_text_exactly():
    at = open_page("network")
    at.text_input(key="w").input("0.123456789012,0.2").run()
    at.text_input(key="w").input("0.5,abc").run()
    assert at.query_params["w"] in ("0.123456789012,0.2", ["0.123456789012,0.2"])  # not rounded to 6 digits
    fresh = open_page("network", w="0.123456789012,0.2")
    assert prediction(fresh) == prediction(at)
