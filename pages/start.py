"""The landing page: what the playground is, a guided lesson through the scenarios, and one-click scenarios
that open a page with its settings."""

import streamlit as st

from ui import lesson
from ui.link import Link, page_settings
from ui.scenarios import SCENARIOS


def _move(by: int) -> None:
    st.session_state["lesson"] = lesson.clamp(st.session_state["lesson"] + by)


def lesson_ui(link: Link) -> None:
    """The guided lesson: one scenario at a time, what to notice and what to ask, with Previous / Next.

    The step lives in the URL key `lesson`, so a teacher's link reopens the lesson where it was."""
    st.subheader("Guided lesson")
    last = len(lesson.LESSON)
    with st.container(border=True):
        back, number, forward, open_link = st.columns([1, 1, 1, 2], vertical_alignment="bottom")
        step = int(link.number(number, "Step", "lesson", 1, lo=1, hi=last, whole=True,
                               help=f"The lesson's step, 1 to {last}; the address keeps it."))
        back.button("Previous", key="lesson_previous", icon=":material/skip_previous:", on_click=_move, args=(-1,),
                    disabled=step == 1, width="stretch")
        forward.button("Next", key="lesson_next", icon=":material/skip_next:", on_click=_move, args=(1,),
                       disabled=step == last, width="stretch", type="primary")
        current = lesson.LESSON[step - 1]
        open_link.page_link(current.scenario.page, label="Open this step", icon=":material/open_in_new:",
                            query_params=current.scenario.params or None)
        st.markdown(f"##### Step {step} of {last}: {current.scenario.title.split(' · ', 1)[-1]}")
        st.markdown(current.scenario.blurb)
        st.markdown(f"**Notice.** {current.notice}")
        st.markdown(f"**Ask the class.** {current.question}")


st.title("Backprop Playground")
st.markdown(
    "Train tiny models by gradient descent and see every number backpropagation computes. Each page starts from the "
    "seed notebook's example, so you first see its numbers, then change anything in the sidebar and watch the loss, "
    "the parameters and the fit respond. **Pick a scenario below to start**; every page's address holds its "
    "settings, so copy it to share a view."
)
PER_ROW = 4  # scenario cards per row

with page_settings("start") as link:
    for row in range(0, len(SCENARIOS), PER_ROW):
        for column, scenario in zip(st.columns(PER_ROW), SCENARIOS[row : row + PER_ROW]):
            with column.container(border=True, height="stretch"):
                st.markdown(f"**{scenario.title}**")
                st.caption(scenario.blurb)
                st.page_link(scenario.page, label="Open", icon=":material/play_arrow:",
                             query_params=scenario.params or None)
    lesson_ui(link)

st.divider()
st.markdown(
    "**Pages.** *Linear fit*: y = w·x + b with its loss surface. *Network*: 1 to 4 hidden layers, each unit's "
    "contribution, for ReLU which units are dead, and how the gradient flows back through the layers. *Backprop by "
    "hand*: one update with every chain-rule factor, and its computation graph. *Experiments*: sweeps of learning "
    "rate and initialization, and pinned runs side by side."
)
