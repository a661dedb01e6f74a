"""Backprop by hand: one per-sample update worked out, every chain-rule factor with its numbers substituted."""

import streamlit as st

from ui.link import page_settings
from ui.sections import backprop, update

STARTS = ("trained", "initial")
START_CAPTIONS = ("as training has them just before this update", "the starting values (as in a hand calculation)")


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
    step = update.step_or_why(spec, epoch, sample, trained)
    if step is not None:
        update.worked(spec, step, (epoch, sample, trained), backprop.follow_control(link, step["model"]), checking)


st.title("Backprop by hand: one update")
st.caption("Pick a model, an epoch and a sample: every number of that one update is worked out below, exactly as "
           "training computes it (for the seed's models, the seed notebook's own loop). Step through training with "
           "**Next**.")
with page_settings("backprop") as settings:
    show(settings)
