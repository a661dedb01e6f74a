"""Each page's rerun after a widget change, against a minimal page, measured side by side with AppTest.

    python bench/page_bench.py

The floor is a page with one slider and one Altair line of 100 points. Each page runs once at its
defaults, then a widget is changed to a value not seen before (so nothing comes from the cache) and the
rerun is timed against a rerun of the floor taken just before it, so both see the same machine (this
one's speed drifts by a fifth from minute to minute); the ratio printed is the median of those pairs.
Target: at most 4x (issue 10); the server CPU per change under a class is bench/class_load.py's (at most 2x its floor).
"""

import statistics
import sys
import time
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

FLOOR = '''
import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

k = st.slider("k", 1, 100, 50, key="k")
frame = pd.DataFrame({"x": np.arange(100), "y": np.sin(np.arange(100) / k)})
st.altair_chart(alt.Chart(frame).mark_line().encode(x="x", y="y"))
'''

# page -> (widget key, a function of the repeat number giving a new value)
CHANGES = {
    "pages/linear.py": ("lr", lambda i: 0.01 + 0.0001 * (i + 1)),
    "pages/network.py": ("lr", lambda i: 0.01 + 0.0001 * (i + 1)),
    "pages/backprop.py": ("step_epoch", lambda i: i + 1),
    "pages/experiments.py": ("epochs", lambda i: 100 + i + 1),
}
REPEATS = 15


def rerun_times(page: AppTest, key: str, value_of, floor: AppTest) -> tuple[list[float], list[float]]:
    """Times of `REPEATS` reruns of `page`, each after setting widget `key` to a new value, and of as many
    reruns of `floor` after a new slider value, taken in turns."""
    for app in (page, floor):
        app.run(timeout=120)
        assert not app.exception, app.exception
    times = {"page": [], "floor": []}
    for i in range(REPEATS):
        for name, app, widget, value in (("floor", floor, "k", 10 + i % 2),  # the floor caches nothing
                                         ("page", page, key, value_of(i))):
            _find(app, widget).set_value(value)
            start = time.perf_counter()
            app.run(timeout=120)
            times[name].append(time.perf_counter() - start)
            assert not app.exception, app.exception
    return times["page"], times["floor"]


def _find(at: AppTest, key: str):
    for kind in ("number_input", "slider", "select_slider", "selectbox", "text_input", "radio", "toggle"):
        for widget in getattr(at, kind):
            if widget.key == key:
                return widget
        for widget in getattr(at.sidebar, kind):
            if widget.key == key:
                return widget
    raise KeyError(f"no widget with key {key!r}")


if __name__ == "__main__":
    floor = AppTest.from_string(FLOOR)
    for page, (key, value_of) in CHANGES.items():
        page_times, floor_times = rerun_times(AppTest.from_file(str(ROOT / page)), key, value_of, floor)
        ratio = statistics.median(p / f for p, f in zip(page_times, floor_times))  # each rerun against the floor's
        median, base = statistics.median(page_times), statistics.median(floor_times)  # run just before it
        print(f"{page:24s} rerun after changing {key:10s} {median * 1e3:6.1f} ms = {ratio:4.1f}x the floor "
              f"({base * 1e3:.1f} ms: one slider, one 100-point Altair line; target <= 4x)")
