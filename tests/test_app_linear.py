"""AppTest of pages/linear.py: defaults reproduce the seed, every control reruns cleanly, links set the view."""

import functools

import pytest
from streamlit.testing.v1 import AppTest

import engine
from tests import helpers
from tests.helpers import TRAINING_CONTROLS, change, prediction

SEED_LINE = "Epoch 0| Loss: 79.8796 | w: 0.9710 | b: 0.3380"


open_page = functools.partial(helpers.open_page, "linear")


def test_defaults_reproduce_the_seed():
    at = open_page()
    assert prediction(at) == "### Prediction at x = 7: 13.7864"
    assert SEED_LINE in at.code[0].value
    assert not at.error and not at.warning


@pytest.mark.parametrize(
    ("kind", "key", "value"),
    [
        *TRAINING_CONTROLS,
        ("number_input", "w", 1.0),
        ("number_input", "b", -1.0),
    ],
)
def test_every_control_reruns(kind, key, value):
    change(open_page(), kind, key, value)


def test_minibatch_shows_batch_size():
    at = open_page()
    at.radio(key="mode").set_value("minibatch").run()
    at.number_input(key="batch_size").set_value(3).run()
    assert not at.exception
    expected = engine.train(engine.Linear(), engine.make_dataset("line", 4), 0.01, 100, "minibatch", 3).predict(7.0)
    assert prediction(at) == f"### Prediction at x = 7: {expected:.4f}"


def test_lr_slider_and_typed_value_stay_in_sync():
    at = open_page()
    at.select_slider(key="lr_slider").set_value(0.1).run()
    assert at.number_input(key="lr").value == pytest.approx(0.1)
    at.number_input(key="lr").set_value(0.003).run()
    assert at.select_slider(key="lr_slider").value == pytest.approx(0.00316)


def test_link_sets_widgets_and_result():
    at = open_page(lr="0.02", epochs="50", w="1", x="9")
    assert at.number_input(key="lr").value == pytest.approx(0.02)
    assert at.number_input(key="epochs").value == 50
    run = engine.train(engine.Linear(w=1.0), engine.make_dataset("line", 4), 0.02, 50)
    assert prediction(at) == f"### Prediction at x = 9: {run.predict(9.0):.4f}"


def test_malformed_link_warns_and_uses_default():
    at = open_page(lr="abc", mode="zigzag")
    warnings = " ".join(w.value for w in at.warning)
    assert "lr=abc" in warnings and "0.01" in warnings
    assert "mode=zigzag" in warnings and "sgd" in warnings
    assert prediction(at) == "### Prediction at x = 7: 13.7864"


def test_diverging_rate_is_a_result_not_a_crash():
    at = open_page(lr="0.2")
    assert any("diverging" in w.value and "below" in w.value for w in at.warning)
    at = open_page(lr="0.5", data="sine", n="30")
    assert any("diverged at epoch" in e.value for e in at.error)


def test_work_cap_stops_before_training():
    at = open_page(n="1000", epochs="5000", data="noisy_line")
    assert any("cap" in e.value for e in at.error)


def test_bad_table_data_keeps_the_last_valid_data():
    at = AppTest.from_function(_page_with_bad_table, default_timeout=30)
    at.query_params["data"] = "table"
    at.run()
    assert not at.exception, at.exception
    assert any("row 2 has y = `abc`" in e.value for e in at.error)
    assert any(m.value == "points: 4" for m in at.markdown)


def _page_with_bad_table():
    import pandas as pd
    import streamlit as st

    from ui.controls.data import data_controls
    from ui.link import Link

    class BadTable:
        def __getattr__(self, name):
            return getattr(st, name)

        def data_editor(self, *args, **kwargs):
            return pd.DataFrame({"x": ["1", "2"], "y": ["2", "abc"]})

    link = Link("test", st.container())
    data = data_controls(link, BadTable(), "test")
    st.markdown(f"points: {len(data)}")
    link.publish()


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        ([("1", None), ("2", "4")], "row 1 has y = \\(empty\\)"),
        ([("1", "2"), ("", "3")], "row 2 has x"),
        ([], "no points"),
        ([("1", "2"), ("2.5e-3", "nan")], "row 2 has y = `nan`"),
    ],
)
def test_table_errors_say_what_is_wrong(rows, message):
    from ui.datafile import dataset_from_table

    with pytest.raises(ValueError, match=message):
        dataset_from_table(rows)


def test_typed_numbers_are_read_exactly_and_the_page_says_how():
    """Issue 9: the number editor turned 2.5e-3 into -2.53 and 1e200 into 1200, and ignored 17-digit numbers.
    Cells are text now, read by Python's float(); where the reading differs in writing, the page says so."""
    from ui.datafile import dataset_from_table

    data, notes = dataset_from_table([("2.5e-3", "1e200"), ("12345678901234567", "-0.1"), ("3", "6")])
    assert list(data.x) == [0.0025, 12345678901234567.0, 3.0] and list(data.y) == [1e200, -0.1, 6.0]
    assert notes == ["row 1: x typed `2.5e-3` is read as 0.0025", "row 1: y typed `1e200` is read as 1e+200",
                     "row 2: x typed `12345678901234567` is read as 1.2345678901234568e+16"]
