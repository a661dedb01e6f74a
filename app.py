"""Backprop Playground: navigation only. Each page lives in pages/."""

import streamlit as st

st.set_page_config(page_title="Backprop Playground", page_icon="🧮", layout="wide")
navigation = st.navigation(
    [
        st.Page("pages/start.py", title="Start here", icon=":material/waving_hand:", default=True),
        st.Page("pages/linear.py", title="Linear fit", icon=":material/show_chart:"),
        st.Page("pages/network.py", title="Network", icon=":material/hub:"),
        st.Page("pages/backprop.py", title="Backprop by hand", icon=":material/edit_note:"),
        st.Page("pages/experiments.py", title="Experiments", icon=":material/science:"),
    ]
)
navigation.run()
