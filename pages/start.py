"""The landing page: what the playground is, and one-click scenarios that open a page with its settings."""

import streamlit as st

from ui.scenarios import SCENARIOS

st.title("Backprop Playground")
st.markdown(
    "Train tiny models by gradient descent and see every number backpropagation computes. "
    "Each page starts from the seed notebook's example, so you first see its numbers, then change anything "
    "in the sidebar and watch the loss, the parameters and the fit respond. "
    "**Pick a scenario below to start**; every page's address holds its settings, so copy it to share a view."
)

columns = st.columns(len(SCENARIOS))
for column, (title, blurb, page, params) in zip(columns, SCENARIOS):
    with column.container(border=True, height="stretch"):
        st.markdown(f"**{title}**")
        st.caption(blurb)
        st.page_link(page, label="Open", icon=":material/play_arrow:", query_params=params or None)

st.divider()
st.markdown(
    "**Pages.** *Linear fit*: y = w·x + b with its loss surface. *ReLU network*: one hidden layer, "
    "each unit's contribution and which units are dead. *Backprop by hand*: one update with every chain-rule "
    "factor. *Experiments*: sweeps of learning rate and initialization, and pinned runs side by side."
)
