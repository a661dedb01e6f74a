"""Hostile input: every value a user controls, tried with bad values.

Each bad value must give a message naming the field and what is allowed, keep the page working with the last
valid settings (other settings keep their values), and never show a traceback. tests/HOSTILE_INPUT.md lists
every case, what the user sees and which test here covers it; tests/e2e/test_hostile_browser.py uploads files
through the real file uploader.
"""

import contextlib
import struct
import zlib
from pathlib import Path

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

import engine
from tests.helpers import prediction, run_page
from ui import compute, settings
from ui.controls import MAX_POINTS, dataset_from_csv

ROOT = Path(__file__).resolve().parent.parent
LINEAR_DEFAULT = "### Prediction at x = 7: 13.7864"
NETWORK_DEFAULT = "### Prediction at x = 9: 17.9969"


def open_page(name: str, **query) -> AppTest:
    script = ROOT / "app.py" if name == "start" else ROOT / "pages" / f"{name}.py"  # start's links need app.py
    return run_page(script, **query)


def warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


def errors(at: AppTest) -> str:
    return "\n".join(e.value for e in at.error)


def png_bytes() -> bytes:
    """A real 1x1 PNG: what a student uploads when they pick the wrong file."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


# ---- the CSV upload, as a pure function ------------------------------------------------------------------


def test_a_good_csv_is_read():
    data = dataset_from_csv(b"x,y\n1,2\n2,4.5\n3,-1e3\n")
    assert data == engine.Dataset(x=[1, 2, 3], y=[2, 4.5, -1000])


@pytest.mark.parametrize(
    ("raw", "points"),
    [
        (b"\xef\xbb\xbfx,y\n1,2\n2,4\n", 2),  # Excel's "CSV UTF-8" starts with a byte order mark
        (b"x, y\r\n1, 2\r\n2, 4\r\n", 2),  # Windows line ends, spaces after commas
        (b"y,x,label\n2,1,a\n4,2,b\n", 2),  # other column order, an extra column
        (b"x,y\n1,2\n\n2,4\n,\n", 2),  # blank lines and an empty row are skipped
        (b"x,y\n1,2\n", 1),  # one row: one point (the page says so)
        (b"x,y\n1,2\n1,3\n2,4\n", 3),  # duplicate x: least squares still has one answer
        (b"x,y\n1e300,1\n2,-1e300\n", 2),  # huge but finite: training diverges, a result to show
        (b"x,y\n1e-300,5e-324\n", 1),  # tiny numbers, a subnormal
    ],
)
def test_csv_shapes_that_are_fine(raw, points):
    assert len(dataset_from_csv(raw)) == points


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n ", "the file is empty"),
        (b"x,y\n", "no points"),  # a header only
        (b"x\n1\n2\n", "missing y"),
        (b"a,b\n1,2\n", "missing x, y"),
        (b"hello world, this is not a table", "missing x, y"),
        (b"x;y\n1;2\n", "separated by semicolons"),
        (b"x,y\n1,2\n2,abc\n", "row 2 has y = `abc`, which is not a finite number"),
        (b"x,y\n1,2\nnan,4\n", "row 2 has x = `nan`"),
        (b"x,y\ninf,2\n", "row 1 has x = `inf`"),
        (b"x,y\n1e400,2\n", "row 1 has x = `inf`"),  # pandas reads it as infinity
        (b"x,y\n1,\n", "row 1 has y = `nan`"),  # a missing cell
        ("x,y\n1,caf\u00e9\n".encode("latin-1"), "not UTF-8 text (byte 0xe9 at position 9"),
        (png_bytes(), "binary"),
        (b"\x89PNG\r\n\x1a\nno zero byte here", "not UTF-8 text (byte 0x89 at position 0"),
        (b'x,y\n1,"2\n', "not a readable CSV"),  # an unclosed quote
        (b"x,y\n" + b"1,2\n" * (MAX_POINTS + 1), "1,001 rows; the playground takes at most 1,000"),
        (b"x,y\n" + b"1,2\n" * 100_000, "100,000 rows; the playground takes at most 1,000"),
    ],
)
def test_bad_csv_says_what_is_wrong(raw, message):
    with pytest.raises(ValueError) as problem:
        dataset_from_csv(raw)
    assert message in str(problem.value)


def test_user_text_in_a_message_cannot_format_or_link():
    """Column names and cells are shown inside a code span: no Markdown, no links, no HTML, and short."""
    with pytest.raises(ValueError) as problem:
        dataset_from_csv(b"<img src=x onerror=alert(1)>,**bold**\n1,2\n")
    assert "`<img src=x onerror=a…`" in str(problem.value) and "`**bold**`" in str(problem.value)
    with pytest.raises(ValueError) as problem:
        dataset_from_csv(b"x,y\n1,[click](javascript:alert(1))`" + b"a" * 500 + b"\n")
    shown = str(problem.value)
    assert "`[click](javascript:alert(1))'aaaa" in shown and "…`" in shown and len(shown) < 200


# ---- links with bad values: linear page ------------------------------------------------------------------


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
    assert compute.least_squares((1.0,), (2.0,)) is None
    at = open_page("linear", n="1")
    assert prediction(at).startswith("### Prediction at x = 7: ")
    assert not at.error


# ---- links with bad values: network page -----------------------------------------------------------------


NETWORK_LINKS = [
    *[({"hidden": value}, "hidden", "a whole number from 1 to 16; using 2") for value in ("0", "33", "abc", "-2")],
    *[({"w": value}, "w", "a comma-separated list of numbers; using 0.1,-0.1") for value in ("a,b", ",", "", "1,nan")],
    ({"b": "0,inf"}, "b", "a comma-separated list of numbers; using 0,0"),
    ({"v": "1e400,1"}, "v", "a comma-separated list of numbers; using 0.1,0.1"),
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
    at = open_page(page, **dict.fromkeys(settings.KEYS, value))
    assert not at.exception
    assert not any("Traceback" in e.value for e in at.error)


# ---- typing bad values into the widgets ------------------------------------------------------------------


@pytest.mark.parametrize(("key", "value"), [("epochs", -5), ("epochs", 0), ("epochs", 10**9), ("lr", 0.0),
                                            ("lr", -1.0), ("lr", 1e400), ("n", 0), ("n", 100_000),
                                            ("noise", -1.0), ("x", 1e7)])
def test_a_number_field_refuses_values_outside_its_limits(key, value):
    """What a user can type: Streamlit refuses a number outside min/max, the page keeps the last valid value."""
    at = open_page("linear")
    before = at.number_input(key=key).value
    at.number_input(key=key).set_value(value).run()
    assert not at.exception
    assert at.number_input(key=key).value == before
    assert prediction(at) == LINEAR_DEFAULT


def test_a_typed_list_that_is_not_numbers_keeps_the_last_valid_list():
    at = open_page("network")
    at.text_input(key="w").input("0.5,0.2").run()
    good = prediction(at)
    assert good != NETWORK_DEFAULT
    for typed in ("abc", "", ",", "1,,2", "nan,1", "1;2"):
        at.text_input(key="w").input(typed).run()
        assert not at.exception
        assert ("**w** must be numbers separated by commas, like 0.1,-0.1 (each finite, at least one); "
                "using the last valid value 0.5,0.2.") in errors(at), typed
        assert prediction(at) == good
        assert at.number_input(key="lr").value == 0.01  # nothing else changed


def test_a_typed_list_of_the_wrong_length_warns():
    at = open_page("network")
    at.text_input(key="b").input("1,2,3").run()
    assert "**b** has 3 value(s), but the hidden layer has 2 unit(s)" in warnings(at)
    assert prediction(at) == NETWORK_DEFAULT


# ---- the work cap and progress ---------------------------------------------------------------------------


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
    x = tuple(np.linspace(0, 1, 1000).tolist())
    compute.train((0.0, 0.0), 0, None, x, x, 0.01, 200, "batch", None)
    assert shown == ["Training 1,000 points x 200 epochs…"]
    compute.train((0.0, 0.0), 0, None, x[:4], x[:4], 0.01, 100, "sgd", None)  # small: no spinner
    assert len(shown) == 1
    assert compute.progress_text(1000, 2000) == "Training 1,000 points x 2,000 epochs…"
    assert compute.progress_text(100, 125, 16) == "Training 100 points x 125 epochs x 16 hidden units…"


# ---- no eval, no raw HTML from user text -----------------------------------------------------------------


# every place that may render raw HTML, and why no user text reaches it; a new one fails until it is reviewed here
RAW_HTML = {
    ("presenter.py", "st.html(STYLE)"),  # a constant stylesheet
    # a colored square from the chart's palette; the pin's text is html.escape'd first
    ("experiments.py", """row[0].markdown(f"<span style='color:{color}'>■</span> {text}", unsafe_allow_html=True)"""),
}


def test_no_eval_and_no_raw_html_from_user_text():
    files = [*(path for folder in ("pages", "ui", "engine") for path in (ROOT / folder).glob("*.py")), ROOT / "app.py"]
    found = set()
    for path in files:
        for line in path.read_text().splitlines():
            assert "eval(" not in line, (path, line)
            if "st.html(" in line or "unsafe_allow_html" in line or "components.html" in line:
                found.add((path.name, line.strip()))
    assert found <= RAW_HTML, found - RAW_HTML
