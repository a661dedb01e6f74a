"""The landing page: what the playground is, one-click scenarios that open a page with its settings, and a guided
lesson through them."""

import streamlit as st

from ui.link import page_settings
from ui.sections import start

st.title("Backprop Playground")
st.markdown(
    "Train tiny models by gradient descent and see every number backpropagation computes. Each page starts from the "
    "seed notebook's example, so you first see its numbers, then change anything in the sidebar and watch the loss, "
    "the parameters and the fit respond. **Pick a scenario below to start**; every page's address holds its "
    "settings, so copy it to share a view."
)
with page_settings("start") as link:
    start.scenario_cards()
    start.guided_lesson(link)

st.divider()
st.markdown(
    "**Pages.** *Linear fit*: y = w·x + b with its loss surface. *Network*: 1 to 4 hidden layers, each unit's "
    "contribution, for ReLU which units are dead, and how the gradient flows back through the layers. Both train "
    "with SGD (momentum, Nesterov), RMSprop or Adam, a learning-rate schedule, penalties and held-out points. "
    "*Backprop by hand*: one update with every chain-rule factor, the optimizer's step, and its computation graph. "
    "*Experiments*: a learning-rate sweep, an optimizer race, held-out data with and without weight decay, an "
    "initialization sweep, and pinned runs side by side."
)
