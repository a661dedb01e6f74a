"""Shared test helpers: where things are, open a page with a query string, read what it shows."""

from pathlib import Path

import numpy as np
from streamlit.testing.v1 import AppTest

import engine

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app.py"
# pages whose links name other pages (st.page_link) run inside app.py's navigation
IN_NAVIGATION = ("start", "backprop")


def page_path(name: str) -> Path:
    """The file of page `name` ("linear", "network", "backprop", "experiments", "start")."""
    return ROOT / "pages" / f"{name}.py"


def open_page(name: str, timeout: int = 60, state: dict | None = None, **query) -> AppTest:
    """Run page `name` once with `query` as its URL parameters and `state` in its session; fail on an exception.

    The start and backprop pages run inside app.py (their page links need the navigation)."""
    if name in IN_NAVIGATION:
        at = AppTest.from_file(str(APP), default_timeout=timeout)
        rerun(at)
        if name != "start":
            at.switch_page(f"pages/{name}.py")
    else:
        at = AppTest.from_file(str(page_path(name)), default_timeout=timeout)
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return rerun(at, **query)


def navigate(at: AppTest, name: str, **query) -> AppTest:
    """Go to page `name` in the same session, as the sidebar does (Streamlit clears the address; `query` is then a
    link's parameters); fail on an exception."""
    at.switch_page(f"pages/{name}.py")
    at.query_params.clear()
    return rerun(at, **query)


def rerun(at: AppTest, **query) -> AppTest:
    """Run `at` (again) with `query` added to its URL parameters; fail on an exception."""
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def prediction(at: AppTest) -> str:
    """The page's "### Prediction at x = ...: ..." line."""
    return next(m.value for m in at.markdown if m.value.startswith("### Prediction"))


def messages(at: AppTest, kind: str) -> str:
    """Every message of one kind ("warning", "error", "info", ...) the page shows, one a line."""
    return "\n".join(element.value for element in getattr(at, kind))


# the controls both training pages share: (AppTest element kind, widget key, a new value)
TRAINING_CONTROLS = [
    ("selectbox", "data", "abs"),
    ("number_input", "n", 9),
    ("number_input", "noise", 0.5),
    ("number_input", "seed", 3),
    ("number_input", "lr", 0.02),
    ("select_slider", "lr_slider", 0.001),
    ("number_input", "epochs", 30),
    ("radio", "mode", "batch"),
    ("number_input", "x", 3.0),
    ("toggle", "log", True),
    ("slider", "epoch", 5),
    ("toggle", "numbers", True),
]


def change(at: AppTest, kind: str, key: str, value) -> AppTest:
    """Set one widget and rerun; fail on an exception, and require the prediction still to be shown."""
    getattr(at, kind)(key=key).set_value(value).run()
    assert not at.exception, at.exception
    assert prediction(at).startswith("### Prediction")
    return at


def grew(run) -> bool:
    """Whether a run that did not overflow counts as diverged, worked out here from its history: its final MSE is
    over 10 times the starting model's (computed point by point) or its first epoch's, MSEs under a millionth of
    y's variance counted as that."""
    data, mse = run.data, run.history["mse"].to_numpy()
    start = np.mean([(run.initial.predict(float(x)) - float(y)) ** 2 for x, y in zip(data.x, data.y)])
    least = max(1e-6 * float(np.var(data.y)), 1e-12)
    return bool(len(mse)) and (mse[-1] > 10 * max(start, least) or mse[-1] > 10 * max(mse[0], least))


def diverged_rates(model, data, lrs, epochs: int, **options) -> np.ndarray:
    """Which rates a sweep must call diverged, from runs trained one at a time: overflowed, or `grew`."""
    runs = [engine.train(model, data, lr, epochs, **options) for lr in lrs]
    return np.array([run.diverged_at is not None or grew(run) for run in runs])
