"""The backprop page's worked update: the step worked out (or why there is none), its headline, the forward,
backward and update stages as equations, and beside them the answer sheet or the checked gradients."""

import pandas as pd
import streamlit as st

from .. import compute, sentences
from ..arrow import as_table
from . import backprop

START_VALUES = {"p": st.column_config.TextColumn("p"),
                "value": st.column_config.NumberColumn("value", format="%.6g")}
STAGES = {
    "forward": ("Forward pass", "From the input x to the prediction ŷ and the squared error L."),
    "backward": ("Backward pass", "The chain rule, one factor at a time: each gradient is the one before it times a "
                                  "local derivative."),
    "update": ("Update", None),  # the optimizer's own rule, in words (sentences.update_rule)
}


def step_or_why(spec, epoch: int, sample: int, trained: bool) -> dict | None:
    """The update at (epoch, sample) of `spec`'s run, from the trained or the initial parameters; None, with an
    error on the page saying why, when training up to it is over the work cap or there is no such update."""
    too_much = compute.over_cap(spec.with_changes(epochs=max(epoch, 1))) if trained else None
    if too_much:
        st.error(too_much)
        return None
    try:
        return compute.one_update(spec, epoch, sample, trained)
    except ValueError as problem:
        st.error(f"There is no update to show here: {problem}.", icon=":material/error:")
        return None


def worked(spec, step: dict, where: tuple[int, int, bool], follow: int | None, checking: bool) -> None:
    """The update worked out: its headline, the three stages (numbers substituted unless the reader checks
    themselves and has not revealed them), the answer sheet or the checked gradients, the computation graph.
    where : (epoch, sample, trained)."""
    epoch, sample, trained = where
    ledger = backprop.shown_rows(step["ledger"], step["model"], follow)
    values = step["ledger"].set_index("name")["value"]
    revealed = not checking or st.toggle("Reveal the worked numbers", key="step_reveal", value=False)
    x, y = spec.data.x[sample], spec.data.y[sample]
    st.markdown(sentences.update_headline(epoch, sample, x, y, values if revealed else None))
    st.caption(sentences.update_caption(step["state"]["lr"], spec.lr, epoch, trained))
    left, right = st.columns([1, 1] if checking else [3, 2], gap="medium")  # room for the tables
    with left:
        if not revealed:
            st.markdown(sentences.parameters_before(trained))
            before = step["before"]
            st.dataframe(as_table(pd.DataFrame({"p": list(before), "value": list(before.values())})), hide_index=True,
                         column_config=START_VALUES)  # ten rows show, more scroll
        for stage, (title, explanation) in STAGES.items():
            st.markdown(f"**{title}**")
            st.caption(explanation or sentences.update_rule(spec.optimizer, spec.l1))
            st.latex(backprop.equations(ledger[ledger["stage"] == stage], numbers=revealed))
    with right:
        if checking:
            backprop.answer_sheet(ledger, f"step_answers:{st.session_state['step_model']}:{trained}:{epoch}:{sample}:"
                                          f"{follow}")  # a new step or a new unit followed: a blank sheet
        if revealed:
            backprop.checked_gradients(step, getattr(spec.model, "activation", None))
    if revealed:
        backprop.computation_graph(step["model"], x, y, follow)
