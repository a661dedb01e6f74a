"""Predict, then reveal: a scenario link with `quiz=<id>` asks a question before the page shows its result.

A question quotes the run's own settings and what actually happened is worked out from the run (`outcome_*`,
with the facts that decide it), so both stay true when the student changes a setting. Answers are plain data in
st.session_state: {"quiz_answers": {quiz id: option id, or SKIPPED}}.
"""

from collections.abc import Callable
from typing import NamedTuple

import numpy as np
import streamlit as st

import engine

from .link import Choice, Link

ANSWERS = "quiz_answers"
SKIPPED = "skipped"


class Quiz(NamedTuple):
    """A question asked on `page` and its options {option id: label}.

    question : (spec) -> the question, quoting the run's own settings, or None where it does not apply.
    outcome : (run) -> (the option id the run bears out, a sentence of the facts that decide it), or None.
    """

    page: str
    question: Callable
    options: dict
    outcome: Callable


def _first_layer_unit(model, unit: int) -> tuple[float, float] | None:
    """(w, b) of hidden unit `unit` (from 1) of the first layer, None when the layer is narrower."""
    net = model if isinstance(model, engine.Network) else engine.Network.from_mlp(model)
    weights, biases = net.weight_arrays()[0], net.bias_arrays()[0]
    return (float(weights[unit - 1, 0]), float(biases[unit - 1])) if unit <= len(biases) else None


def dead_unit_question(spec, unit: int = 2) -> str | None:
    """Whether unit `unit` will ever switch on; only for an activation whose units can die, and a unit that is there."""
    start = _first_layer_unit(spec.model, unit)
    if start is None or not engine.ACTIVATIONS[spec.model.activation].can_die:
        return None
    w, b = start
    return (f"Unit {unit} starts with w{_sub(unit)} = {w:g} and b{_sub(unit)} = {b:g}. During training, will unit "
            f"{unit} ever become active (z{_sub(unit)} > 0 on some data point)?")


def outcome_dead_unit(run, unit: int = 2) -> tuple[str, str] | None:
    """When unit `unit` of the first layer was first active (z > 0 on some point at an epoch's end): soon (before
    epoch 10), later, never; with what its parameters did. None where the question does not apply."""
    if dead_unit_question(run.spec, unit) is None:
        return None
    activity = run.activity
    rows = activity[(activity["unit"] == unit) & (activity["layer"] == 1)]
    active = rows.loc[rows["active_fraction"] > 0, "epoch"]
    if not active.empty:
        first = int(active.min())
        return ("soon" if first < 10 else "later"), f"unit {unit} was first active at the end of epoch {first}"
    columns = [name for name in (f"w_{unit}", f"b_{unit}", f"w1_{unit}_1", f"b1_{unit}") if name in run.history]
    moved = [f"{name[0]}{_sub(unit)}" for name in columns if run.history[name].nunique() > 1]
    if not moved:
        why = f"w{_sub(unit)} and b{_sub(unit)} never moved, because the unit passes no gradient back where z ≤ 0"
    else:
        movers = list(engine.diagnostics.forces(run.spec, ever_alive=False).values())
        by = (" and ".join(movers) if movers else
              "its gradient while it was briefly active within an epoch (activity is taken at each epoch's end)")
        why = f"{' and '.join(moved)} moved all the same, by {by}"
    return "never", f"unit {unit} never became active (z{_sub(unit)} ≤ 0 on every point at every epoch's end): {why}"


def too_large_question(spec) -> str:
    """Whether training converges at the run's own rate."""
    rate = f"starting at η = {spec.lr:g}" if spec.schedule != engine.ConstantLR() else f"η = {spec.lr:g}"
    return f"With the learning rate {rate}, will gradient descent converge?"


def outcome_too_large(run) -> tuple[str, str]:
    """diverges (engine.blew_up: overflowed, or its MSE ended over engine.GREW times its start's or its first
    epoch's: the page's warning says the same), converges (the MSE ended below half its start's and was still
    falling or flat over the last quarter of the epochs, or ended as good as 0), or stalls (bounded, but not that);
    each with the MSE that decides it."""
    why, history = engine.blew_up(run), run.history
    if why == "overflow" or not len(history):
        return "diverges", f"training overflowed at epoch {run.diverged_at}"
    mse = history["mse"].to_numpy()
    start, last = engine.start_mse(run.initial, run.data), mse[-1]
    moved = f"the MSE went from {start:.3g} before training to {last:.3g}"
    if why is not None:
        return "diverges", f"{moved}: it grew"
    if last <= engine.divergence.floor(run.data):
        return "converges", f"{moved}, as good as 0 for this data (a millionth of y's variance)"
    tail = mse[-max(2, len(mse) // 4):]
    rose = float(np.max(np.diff(tail))) if len(tail) > 1 else 0.0
    if last < start / 2 and rose <= 1e-9 * max(start, 1e-12):
        return "converges", f"{moved}, falling or flat at every epoch of the last quarter"
    return "stalls", (f"{moved}: it stayed bounded, but " + ("ended above half its start" if last >= start / 2 else
                      f"still rose in the last quarter of the epochs (by up to {rose:.3g} in one epoch)"))


def _sub(unit: int) -> str:
    return str(unit).translate(str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉"))


QUIZZES = {
    "dead_unit": Quiz(
        page="network", question=dead_unit_question, outcome=outcome_dead_unit,
        options={"soon": "Yes, within the first few epochs", "later": "Yes, but only late in training",
                 "never": "No, never"},
    ),
    "too_large": Quiz(
        page="linear", question=too_large_question, outcome=outcome_too_large,
        options={"converges": "Yes, it converges", "stalls": "It stays bounded but does not settle",
                 "diverges": "No, the loss grows without bound"},
    ),
}


def asked(link: Link, page: str) -> str | None:
    """The quiz id the link asks for on this page, or None (an unknown or other page's id warns and is dropped)."""
    return link.passive_value("quiz", Choice(tuple(key for key, quiz in QUIZZES.items() if quiz.page == page)))


def answer(quiz_id: str) -> str | None:
    """The stored answer (an option id or SKIPPED), or None while unanswered."""
    return st.session_state.get(ANSWERS, {}).get(quiz_id)


def _store(quiz_id: str, choice: str | None) -> None:
    st.session_state[ANSWERS] = {**st.session_state.get(ANSWERS, {}), quiz_id: choice or SKIPPED}


def ask(quiz_id: str, spec) -> bool:
    """Ask the question until it is answered or skipped; True once the result may be shown (at once where the
    question does not apply to these settings)."""
    quiz = QUIZZES[quiz_id]
    question = quiz.question(spec)
    if answer(quiz_id) is not None or question is None:
        return True
    with st.container(border=True, key=f"quiz_{quiz_id}"):
        st.markdown(f"**Predict first.** {question}")
        choice = st.radio("Your prediction", list(quiz.options), index=None, key=f"quiz_choice_{quiz_id}",
                          format_func=quiz.options.get)
        row = st.container(horizontal=True)
        row.button("Reveal what happens", key=f"quiz_reveal_{quiz_id}", type="primary", disabled=choice is None,
                   on_click=_store, args=(quiz_id, choice), icon=":material/visibility:")
        row.button("Skip", key=f"quiz_skip_{quiz_id}", on_click=_store, args=(quiz_id, None))
        st.caption("The charts appear once you answer.")
    return False


def reveal(quiz_id: str, run) -> None:
    """Say what the student predicted and what happened in `run`."""
    quiz, said = QUIZZES[quiz_id], answer(quiz_id)
    outcome = quiz.outcome(run)
    if outcome is None:
        st.info("The question does not apply to these settings; here is the run.", icon=":material/help:")
        return
    bore_out, facts = outcome
    happened = f"Here is what happened: {facts}."
    if said == SKIPPED or said is None:
        st.info(f"You skipped the prediction. {happened}" if said else happened, icon=":material/visibility:")
    elif said == bore_out:
        st.success(f"You said “{quiz.options[said]}”: right. {happened}", icon=":material/check_circle:")
    else:
        st.warning(f"You said “{quiz.options[said]}”; it was “{quiz.options[bore_out]}”. {happened}",
                   icon=":material/lightbulb:")
