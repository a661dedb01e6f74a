"""The floor for bench/class_load.py: the least a Streamlit page with one number and one chart costs a server.

One number_input (key `k`) and one Altair line of 100 points that depends on it; nothing cached. A page of
the app costs at least this per interaction, so the bench prints each page's CPU per change as a ratio to it.
Run on its own server: `streamlit run bench/floor_app.py`.
"""

import altair as alt
import numpy as np
import pandas as pd
import streamlit as st

k = st.number_input("k", min_value=1, max_value=1000, value=50, key="k")
frame = pd.DataFrame({"x": np.arange(100), "y": np.sin(np.arange(100) / k)})
st.altair_chart(alt.Chart(frame).mark_line().encode(x="x", y="y"))
