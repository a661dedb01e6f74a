"""Pinned runs: any training page pins its current run; the experiments page overlays the pinned runs.

A pin is a label and the run's RunSpec (a frozen value, so nothing aliases a widget's value); the experiments
page trains it again through ui/compute.train (cached). Pins live in this browser session's
st.session_state[KEY] as a list, oldest first, at most MAX_PINS of them: a reload of the page starts a new
session, without them.
"""

from typing import NamedTuple

import streamlit as st

import engine

KEY = "pinned_runs"
MAX_PINS = 8
LASTING = "pins last while this browser tab stays open without a reload; a reload or a new tab starts without them"


class Pin(NamedTuple):
    """A pinned run: what the page called it, and everything that defines it."""

    label: str
    spec: engine.RunSpec


def add(pins: list[Pin], label: str, spec: engine.RunSpec) -> tuple[list[Pin], str]:
    """A new list with the run pinned, and a message saying what happened.

    The same run pinned twice is kept once; a label already in use gets " (2)", " (3)"...; past MAX_PINS the
    oldest pin is dropped.
    """
    same = next((old for old in pins if old.spec == spec), None)
    if same is not None:
        return list(pins), f"This run is already pinned as “{same.label}”."
    labels = {old.label for old in pins}
    name, count = str(label), 2
    while name in labels:
        name, count = f"{label} ({count})", count + 1
    kept = [*pins, Pin(name, spec)]
    message = f"Pinned “{name}”: compare it on the Experiments page."
    if len(kept) > MAX_PINS:
        message += f" At most {MAX_PINS} pins: “{kept[0].label}” was unpinned."
        kept = kept[-MAX_PINS:]
    return kept, message


def pinned() -> list[Pin]:
    """This session's pins, oldest first (a copy: change them through pin_button, remove and clear)."""
    return list(st.session_state.get(KEY, []))


def remove(index: int) -> None:
    """Unpin the pin at position `index` (0-based); nothing happens for a position past the end."""
    pins = pinned()
    if 0 <= index < len(pins):
        del pins[index]
    st.session_state[KEY] = pins


def clear() -> None:
    """Unpin every run."""
    st.session_state[KEY] = []


def _pin(label: str, spec: engine.RunSpec) -> None:
    st.session_state[KEY], message = add(pinned(), label, spec)
    st.toast(message, icon=":material/push_pin:")


def pin_button(where, label: str, spec: engine.RunSpec, key: str = "pin") -> None:
    """A "Pin this run" button in `where` (st, st.sidebar or a column) that pins `spec` as `label`."""
    count = len(st.session_state.get(KEY, []))
    where.button("Pin this run", key=key, icon=":material/push_pin:", on_click=_pin, args=(label, spec),
                 help=f"Keep this run ({label}) to overlay its loss and parameters with other pinned runs on the "
                      f"Experiments page. {count} of at most {MAX_PINS} pinned now; {LASTING}.")


def in_words(spec: engine.RunSpec) -> str:
    """A pinned run's settings in words."""
    model = spec.model
    layers = "-".join(map(str, model.sizes[1:-1]))
    kind = "linear" if model.width == 0 else f"net of {layers} {model.activation} unit(s)"
    batch = f", batch {spec.batch_size}" if spec.mode == "minibatch" else ""
    return f"{kind}, {len(spec.data)} points, η = {spec.lr:g}, {spec.epochs} epochs, {spec.mode}{batch}"
