"""The landing page: what the playground is, and one-click scenarios that open a page with its settings."""

import streamlit as st

# each scenario: (title, what you will see, page, query parameters); the keys are those of ui/settings.py
SCENARIOS = [
    ("1 · The seed's linear fit", "Gradient descent finds y = 2x from four points. Prediction at x = 7: 13.7864.",
     "pages/linear.py", {}),
    ("2 · Learning rate too large", "The same fit with lr = 0.2: every step overshoots and the loss explodes.",
     "pages/linear.py", {"lr": "0.2"}),
    ("3 · The seed's ReLU net", "Two ReLU units; unit 2 starts with w₂ < 0 and b₂ = 0, so it is dead from the "
     "start and never learns.", "pages/network.py", {}),
    ("4 · The dead unit revived", "Start unit 2 with b₂ = 1 so it fires on the data: both units now learn.",
     "pages/network.py", {"b": "0,1"}),
    ("5 · A curved target", "y = |x| on 20 points: a line cannot bend, four ReLU units can.",
     "pages/network.py", {"data": "abs", "n": "20", "hidden": "4", "init": "he", "seed": "1", "epochs": "500"}),
]

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
