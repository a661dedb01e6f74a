"""Each page's rerun after a widget change, against a minimal page, measured side by side with AppTest.

    python bench/page_bench.py

The floor is a page with one slider and one Altair line of 100 points. Each page runs once at its
defaults, then a widget is changed to a value not seen before (so nothing comes from the cache) and the
rerun is timed; the median of several changes is compared with the floor's. Target: at most 5x.
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
REPEATS = 7


def timed_reruns(at: AppTest, key: str, value_of) -> list[float]:
    """Times of `REPEATS` reruns, each after setting widget `key` to a new value."""
    at.run(timeout=120)
    assert not at.exception, at.exception
    times = []
    for i in range(REPEATS):
        _find(at, key).set_value(value_of(i))
        start = time.perf_counter()
        at.run(timeout=120)
        times.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    return times


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
    floor = statistics.median(timed_reruns(AppTest.from_string(FLOOR), "k", lambda i: 10 + i))
    print(f"floor (one slider, one 100-point Altair line): {floor * 1e3:.1f} ms per rerun")
    for page, (key, value_of) in CHANGES.items():
        median = statistics.median(timed_reruns(AppTest.from_file(str(ROOT / page)), key, value_of))
        print(f"{page:24s} rerun after changing {key}: {median * 1e3:7.1f} ms = {median / floor:4.1f}x the floor "
              f"(target <= 5x)")
