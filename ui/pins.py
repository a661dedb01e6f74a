"""Pinned runs: any training page pins its current run; the experiments page overlays the pinned runs.

A pin is a plain dict of primitives (no engine objects, nothing that aliases a widget's value):

    {"label": str, "theta": tuple of floats, "width": int (0 = Linear), "activation": str or None,
     "x": tuple of floats, "y": tuple of floats, "lr": float, "epochs": int, "mode": str,
     "batch_size": int or None}

so the experiments page can retrain it through ui/compute.train (cached). Pins live in this session's
st.session_state[KEY] as a list, oldest first, at most MAX_PINS of them.
"""

import streamlit as st

KEY = "pinned_runs"
MAX_PINS = 8
FIELDS = ("theta", "width", "activation", "x", "y", "lr", "epochs", "mode", "batch_size")


def make_pin(label: str, run_settings: dict) -> dict:
    """The plain description of a run: `run_settings` holds FIELDS (model theta/width/activation, data, schedule).

    ValueError naming the missing fields when some are absent.
    """
    missing = [name for name in FIELDS if name not in run_settings]
    if missing:
        raise ValueError(f"a pinned run needs {', '.join(missing)}")
    s = run_settings
    return {
        "label": str(label),
        "theta": tuple(float(value) for value in s["theta"]),
        "width": int(s["width"]),
        "activation": None if s["activation"] is None or int(s["width"]) == 0 else str(s["activation"]),
        "x": tuple(float(value) for value in s["x"]),
        "y": tuple(float(value) for value in s["y"]),
        "lr": float(s["lr"]),
        "epochs": int(s["epochs"]),
        "mode": str(s["mode"]),
        "batch_size": None if s["batch_size"] is None else int(s["batch_size"]),
    }


def add(pins: list[dict], label: str, run_settings: dict) -> tuple[list[dict], str]:
    """A new list with the run pinned, and a message saying what happened.

    The same run pinned twice is kept once; a label already in use gets " (2)", " (3)"...; past MAX_PINS the
    oldest pin is dropped.
    """
    pin = make_pin(label, run_settings)
    same = next((old for old in pins if _setup(old) == _setup(pin)), None)
    if same is not None:
        return list(pins), f"This run is already pinned as “{same['label']}”."
    labels = {old["label"] for old in pins}
    base, count = pin["label"], 2
    while pin["label"] in labels:
        pin["label"], count = f"{base} ({count})", count + 1
    kept = list(pins) + [pin]
    message = f"Pinned “{pin['label']}”: compare it on the Experiments page."
    if len(kept) > MAX_PINS:
        message += f" At most {MAX_PINS} pins: “{kept[0]['label']}” was unpinned."
        kept = kept[-MAX_PINS:]
    return kept, message


def _setup(pin: dict) -> tuple:
    return tuple(pin[name] for name in FIELDS)


def pinned() -> list[dict]:
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


def _pin(label: str, run_settings: dict) -> None:
    st.session_state[KEY], message = add(pinned(), label, run_settings)
    st.toast(message, icon=":material/push_pin:")


def pin_button(where, label: str, run_settings: dict, key: str = "pin") -> None:
    """A "Pin this run" button in `where` (st, st.sidebar or a column) that pins `run_settings` as `label`.

    run_settings : dict with FIELDS, e.g. {"theta": (w, b), "width": 0, "activation": None, "x": x, "y": y,
        "lr": lr, "epochs": epochs, "mode": mode, "batch_size": batch_size}.
    """
    count = len(st.session_state.get(KEY, []))
    where.button("Pin this run", key=key, icon=":material/push_pin:", on_click=_pin, args=(label, run_settings),
                 help=f"Keep this run ({label}) to overlay its loss and parameters with other pinned runs on the "
                      f"Experiments page. {count} of at most {MAX_PINS} pinned now.")
