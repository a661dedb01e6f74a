"""Backprop by hand: one per-sample update worked out, every chain-rule factor with its numbers substituted."""

import streamlit as st

from ui import compute, sentences
from ui.link import Link
from ui.sections import backprop

STARTS = ("trained", "initial")
START_CAPTIONS = ("as training has them just before this update", "the starting values (as in a hand calculation)")
STAGES = {
    "forward": ("Forward pass", "From the input x to the prediction ŷ and the squared error L."),
    "backward": ("Backward pass", "The chain rule, one factor at a time: each gradient is the one before it times a "
                                  "local derivative."),
    "update": ("Update", "Every parameter takes a step against its gradient, scaled by the learning rate η."),
}
NUMBERS = {"parameter": st.column_config.TextColumn("p"),
           "gradient": st.column_config.NumberColumn("∂L/∂p", format="%.6g", help="backprop's gradient"),
           "finite difference": st.column_config.NumberColumn("finite diff.", format="%.6g"),
           "relative error": st.column_config.NumberColumn("rel. error", format="%.1e")}
UPDATE = {"parameter": st.column_config.TextColumn("p"),
          "before": st.column_config.NumberColumn("before", format="%.6g"),
          "after": st.column_config.NumberColumn("after: p − η·∂L/∂p", format="%.6g")}

st.title("Backprop by hand: one update")
st.caption("Pick a model, an epoch and a sample: every number of that one update is worked out below, exactly as the "
           "seed notebook's training loop computes it. Step through training with **Next**.")
notices = st.container()
link = Link("backprop", notices)
try:
    with st.sidebar:
        st.header("Model")
        spec = backprop.source(link, st.sidebar, notices)
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
        st.stop()
    try:
        step = compute.one_update(spec, epoch, sample, trained)
    except ValueError as problem:
        st.error(f"There is no update to show here: {problem}.", icon=":material/error:")
        st.stop()
    ledger = step["ledger"]
    values = ledger.set_index("name")["value"]
    revealed = not checking or st.toggle("Reveal the worked numbers", key="step_reveal", value=False)
    where = "before this update" if trained else "at the start"
    result = f", ŷ = {values['y_hat']:.6g}, loss = {values['loss']:.6g}" if revealed else ""
    x, y = spec.data.x[sample], spec.data.y[sample]
    st.markdown(f"#### Sample {sample} of epoch {epoch}: x = {x:g}, y = {y:g}{result}")
    st.caption(f"Learning rate η = {spec.lr:g}. The parameters are those {where}; ∂L/∂p is the gradient of this one "
               "sample's squared error L with respect to p.")

    left, right = st.columns([1, 1] if checking else [3, 2], gap="medium")  # room for the tables
    with left:
        if not revealed:
            st.markdown(f"**Parameters {where}**: " + ", ".join(f"{name} = {value:.6g}"
                                                               for name, value in step["before"].items()))
        for stage, (title, explanation) in STAGES.items():
            st.markdown(f"**{title}**")
            st.caption(explanation)
            st.latex(backprop.equations(ledger[ledger["stage"] == stage], numbers=revealed))
    with right:
        if checking:
            backprop.answer_sheet(ledger, f"step_answers:{st.session_state['step_model']}:{start}:{epoch}:{sample}")
        if revealed:
            st.markdown("**Gradients, checked by finite differences**")
            table = backprop.gradient_table(step)
            st.dataframe(table, hide_index=True, width="stretch",
                         column_order=("parameter", "gradient", "finite difference", "relative error"),
                         column_config=NUMBERS)
            st.caption(sentences.gradient_check_caption())
            mismatch = sentences.gradient_mismatch(table)
            if mismatch:
                st.warning(mismatch, icon=":material/warning:")
            st.markdown("**The update, parameter by parameter**")
            st.dataframe(table, hide_index=True, width="stretch", column_order=("parameter", "before", "after"),
                         column_config=UPDATE)
            st.caption("The next sample's update starts from the **after** column: press **Next** to see it.")
finally:
    link.publish()
