"""Backprop by hand: one per-sample update worked out, every chain-rule factor with its numbers substituted."""

import streamlit as st

from ui import compute, sentences
from ui.link import page_settings
from ui.sections import backprop

STARTS = ("trained", "initial")
START_CAPTIONS = ("as training has them just before this update", "the starting values (as in a hand calculation)")
STAGES = {
    "forward": ("Forward pass", "From the input x to the prediction ŷ and the squared error L."),
    "backward": ("Backward pass", "The chain rule, one factor at a time: each gradient is the one before it times a "
                                  "local derivative."),
    "update": ("Update", ""),  # the optimizer's own rule, in words (sentences.update_rule)
}

def show(link) -> None:
    """The page, once its settings are read (returns early when there is no update to show)."""
    with st.sidebar:
        st.header("Model")
        spec = backprop.source(link, st.sidebar, link.notices)
        start = link.choice(st.sidebar, "Parameters", "step_start", STARTS, "trained", widget="radio",
                            captions=START_CAPTIONS)
    trained = start == "trained"
    epoch, sample = backprop.position(link, len(spec.data), trained)
    checking = link.toggle(st, "Check yourself: hide the numbers and type my own", "step_check",
                           help="Work out the update by hand, type your values in the answer sheet, and see which "
                                "factor of the chain rule differs first.")
    too_much = compute.over_cap(spec.with_changes(epochs=max(epoch, 1))) if trained else None
    if too_much:
        st.error(too_much)
        return
    try:
        step = compute.one_update(spec, epoch, sample, trained)
    except ValueError as problem:
        st.error(f"There is no update to show here: {problem}.", icon=":material/error:")
        return
    follow = backprop.follow_control(link, step["model"])
    ledger = backprop.shown_rows(step["ledger"], step["model"], follow)
    values = step["ledger"].set_index("name")["value"]
    revealed = not checking or st.toggle("Reveal the worked numbers", key="step_reveal", value=False)
    where = "before this update" if trained else "at the start"
    result = f", ŷ = {values['y_hat']:.6g}, loss = {values['loss']:.6g}" if revealed else ""
    x, y = spec.data.x[sample], spec.data.y[sample]
    st.markdown(f"#### Sample {sample} of epoch {epoch}: x = {x:g}, y = {y:g}{result}")
    rate = step["state"]["lr"]
    st.caption(f"Learning rate η = {rate:g}" + (f" (epoch {epoch} of the schedule)" if rate != spec.lr else "")
               + f". The parameters are those {where}; ∂L/∂p is the gradient of this one "
               "sample's squared error L with respect to p.")
    left, right = st.columns([1, 1] if checking else [3, 2], gap="medium")  # room for the tables
    with left:
        if not revealed:
            st.markdown(f"**Parameters {where}**: " + ", ".join(f"{name} = {value:.6g}"
                                                               for name, value in step["before"].items()))
        for stage, (title, explanation) in STAGES.items():
            st.markdown(f"**{title}**")
            st.caption(sentences.update_rule(spec.optimizer, spec.l1) if stage == "update" else explanation)
            st.latex(backprop.equations(ledger[ledger["stage"] == stage], numbers=revealed))
    with right:
        if checking:
            backprop.answer_sheet(ledger, f"step_answers:{st.session_state['step_model']}:{start}:{epoch}:{sample}:"
                                          f"{follow}")  # a new step or a new unit followed: a blank sheet
        if revealed:
            backprop.checked_gradients(step, getattr(spec.model, "activation", None))
    if revealed:
        backprop.computation_graph(step["model"], x, y, follow)


st.title("Backprop by hand: one update")
st.caption("Pick a model, an epoch and a sample: every number of that one update is worked out below, exactly as the "
           "seed notebook's training loop computes it. Step through training with **Next**.")
with page_settings("backprop") as settings:
    show(settings)
