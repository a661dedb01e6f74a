"""The training settings: the learning rate (typed, with a log-scale slider), the epochs, the update mode and
the batch size."""

import numpy as np
import streamlit as st

import engine

from .. import sentences
from ..limits import LR_MAX, LR_MIN, MAX_EPOCHS
from ..link import Link

# the log-scale slider's stops: 8 per decade, rounded to 3 significant digits (0.01, 0.1, 1 are stops)
LR_STOPS = tuple(float(f"{10 ** (k / 8):.3g}") for k in range(-48, 9))
MODE_HELP = ("sgd: update after each sample, in data order, as in the seed; minibatch: after each consecutive "
             "batch of batch_size samples, in data order (not shuffled; the last batch may be smaller), with "
             "their mean gradient; batch: once per epoch, with the mean over all samples.")


def lr_control(link: Link, where, default: float = 0.01) -> float:
    """The learning rate: a typed value (in the link) and a log-scale slider, kept in sync."""
    lr = link.number(where, "Learning rate", "lr", default, lo=LR_MIN, hi=LR_MAX, on_change=_typed_lr_changed)
    if "lr_slider" not in st.session_state or link.fresh:
        st.session_state["lr_slider"] = nearest_stop(lr)
    where.select_slider("Learning rate (log scale)", LR_STOPS, key="lr_slider", format_func=lambda v: f"{v:g}",
                        on_change=_slider_lr_changed, label_visibility="collapsed")
    return float(lr)


def nearest_stop(lr: float) -> float:
    """The log-slider stop closest to `lr` on a log scale."""
    return min(LR_STOPS, key=lambda stop: abs(np.log10(stop) - np.log10(lr)))


def _typed_lr_changed() -> None:
    st.session_state["lr_slider"] = nearest_stop(st.session_state["lr"])


def _slider_lr_changed() -> None:
    st.session_state["lr"] = st.session_state["lr_slider"]


def schedule_controls(link: Link, where, points: int, epochs_default: int = 100) -> tuple[int, str, int | None]:
    """Epochs, update mode and batch size; returns (epochs, mode, batch_size or None)."""
    epochs = link.number(where, "Epochs", "epochs", epochs_default, lo=1, hi=MAX_EPOCHS, whole=True)
    mode = link.choice(where, "Update mode", "mode", engine.MODES, "sgd", widget="radio", horizontal=True,
                       help=MODE_HELP)
    batch_size = None
    if mode == "minibatch":
        batch_size = link.number(where, "Batch size", "batch_size", min(2, points), lo=1, hi=points, whole=True,
                                 why=f"the data has {points} point{'s' if points != 1 else ''}")
        where.caption(sentences.batches(points, int(batch_size)))
    return int(epochs), mode, (int(batch_size) if batch_size is not None else None)
