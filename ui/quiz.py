"""Predict, then reveal: a scenario link with `quiz=<id>` asks a question before the page shows its result.

The questions are data (QUIZZES); what actually happened is worked out from the run (`outcome_*`), so the
reveal stays true when the student changes a setting. Answers are plain data in st.session_state:
{"quiz_answers": {quiz id: option id, or SKIPPED}}.
"""

from typing import NamedTuple

import pandas as pd
import streamlit as st

from .link import Choice, Link

ANSWERS = "quiz_answers"
SKIPPED = "skipped"


class Quiz(NamedTuple):
    """A question asked on `page`, its options {option id: label}, and what each outcome id means."""

    page: str
    question: str
    options: dict
    outcomes: dict  # outcome id (one of the option ids) -> a sentence saying what happened


QUIZZES = {
    "dead_unit": Quiz(
        page="network",
        question="Unit 2 starts with w₂ = −0.1 and b₂ = 0. During training, will unit 2 ever become active "
                 "(z₂ > 0 on some data point)?",
        options={"soon": "Yes, within the first few epochs", "later": "Yes, but only late in training",
                 "never": "No, never"},
        outcomes={"soon": "unit 2 became active within the first 10 epochs",
                  "later": "unit 2 became active, but only after epoch 10",
                  "never": "unit 2 never became active: its gradients were exactly zero the whole run"},
    ),
    "too_large": Quiz(
        page="linear",
        question="With the learning rate η = 0.2, will gradient descent converge to the line y = 2x?",
        options={"converges": "Yes, it converges", "stalls": "It bounces around but stays bounded",
                 "diverges": "No, the loss grows without bound"},
        outcomes={"converges": "the MSE fell and the fit settled",
                  "stalls": "the MSE stayed bounded but did not settle",
                  "diverges": "every step overshot the minimum by more than it corrected: the MSE grew"},
    ),
}


def outcome_dead_unit(activity: pd.DataFrame, unit: int = 2) -> str | None:
    """When unit `unit` was first active (share of points with z > 0 above 0): soon, later, never.

    activity : a Run's activity (epoch, layer, unit, active_fraction): unit `unit` of the first hidden layer.
    None when the net has no such unit.
    """
    rows = activity[(activity["unit"] == unit) & (activity["layer"] == 1)]
    if rows.empty:
        return None
    active = rows.loc[rows["active_fraction"] > 0, "epoch"]
    if active.empty:
        return "never"
    return "soon" if active.min() < 10 else "later"


def outcome_too_large(history: pd.DataFrame, diverged_at: int | None) -> str:
    """diverges (overflowed, or the MSE ended higher than after the first epoch), converges, or stalls."""
    if diverged_at is not None or history.empty or history["mse"].iloc[-1] > history["mse"].iloc[0]:
        return "diverges"
    return "converges" if history["mse"].iloc[-1] < 1e-3 * max(history["mse"].iloc[0], 1e-12) else "stalls"


def asked(link: Link, page: str) -> str | None:
    """The quiz id the link asks for on this page, or None (an unknown or other page's id warns and is dropped)."""
    return link.passive_value("quiz", Choice(tuple(key for key, quiz in QUIZZES.items() if quiz.page == page)))


def answer(quiz_id: str) -> str | None:
    """The stored answer (an option id or SKIPPED), or None while unanswered."""
    return st.session_state.get(ANSWERS, {}).get(quiz_id)


def _store(quiz_id: str, choice: str | None) -> None:
    st.session_state[ANSWERS] = {**st.session_state.get(ANSWERS, {}), quiz_id: choice or SKIPPED}


def ask(quiz_id: str) -> bool:
    """Ask the question until it is answered or skipped; True once the result may be shown."""
    if answer(quiz_id) is not None:
        return True
    quiz = QUIZZES[quiz_id]
    with st.container(border=True, key=f"quiz_{quiz_id}"):
        st.markdown(f"**Predict first.** {quiz.question}")
        choice = st.radio("Your prediction", list(quiz.options), index=None, key=f"quiz_choice_{quiz_id}",
                          format_func=quiz.options.get)
        row = st.container(horizontal=True)
        row.button("Reveal what happens", key=f"quiz_reveal_{quiz_id}", type="primary", disabled=choice is None,
                   on_click=_store, args=(quiz_id, choice), icon=":material/visibility:")
        row.button("Skip", key=f"quiz_skip_{quiz_id}", on_click=_store, args=(quiz_id, None))
        st.caption("The charts appear once you answer.")
    return False


def reveal(quiz_id: str, outcome: str | None) -> None:
    """Say what the student predicted and what happened (outcome: an option id, None when it does not apply)."""
    quiz, said = QUIZZES[quiz_id], answer(quiz_id)
    if outcome is None:
        st.info("The question does not apply to these settings; here is the run.", icon=":material/help:")
        return
    happened = f"Here is what happened: {quiz.outcomes[outcome]}."
    if said == SKIPPED:
        st.info(f"You skipped the prediction. {happened}", icon=":material/visibility:")
    elif said == outcome:
        st.success(f"You said “{quiz.options[said]}”: right. {happened}", icon=":material/check_circle:")
    else:
        st.warning(f"You said “{quiz.options[said]}”. {happened}", icon=":material/lightbulb:")
