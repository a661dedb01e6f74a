"""The start page's sections: the scenario cards, and the guided lesson stepped through with Previous / Next."""

import streamlit as st

from .. import lesson
from ..link import Link
from ..scenarios import SCENARIOS

PER_ROW = 4  # scenario cards per row


def scenario_cards() -> None:
    """Every scenario as a card that opens its page with its settings."""
    for row in range(0, len(SCENARIOS), PER_ROW):
        for column, scenario in zip(st.columns(PER_ROW), SCENARIOS[row : row + PER_ROW]):
            with column.container(border=True, height="stretch"):
                st.markdown(f"**{scenario.title}**")
                st.caption(scenario.blurb)
                st.page_link(scenario.page, label="Open", icon=":material/play_arrow:",
                             query_params=scenario.params or None)


def _move(by: int) -> None:
    st.session_state["lesson"] = lesson.clamp(st.session_state["lesson"] + by)


def guided_lesson(link: Link) -> None:
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
