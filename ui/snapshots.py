"""What a training page is currently set to, saved for other pages (the backprop page works one of its updates).

Each page's widgets share names in st.session_state ("w", "lr", ...) but hold per-page values in the URL, so a
page cannot read another page's settings from its widgets. Instead a training page, after reading its widgets,
calls `save`; another page calls `load`. The snapshot is a plain dict of primitives (no engine objects), so it
survives reruns and never aliases a model or a dataset.
"""

from typing import NamedTuple

import streamlit as st

import engine


class Snapshot(NamedTuple):
    """A page's starting model, its training data, learning rate and update mode."""

    model: engine.Linear | engine.MLP
    data: engine.Dataset
    lr: float
    mode: str


def _key(page: str) -> str:
    return f"snapshot:{page}"


def save(page: str, model, data: engine.Dataset, lr: float, mode: str = "sgd") -> None:
    """Remember `page`'s current starting model, data, learning rate and update mode for this session."""
    if isinstance(model, engine.MLP):
        params = {"w": tuple(model.w), "b": tuple(model.b), "v": tuple(model.v), "c": float(model.c),
                  "activation": model.activation}
    else:
        params = {"w": float(model.w), "b": float(model.b)}
    st.session_state[_key(page)] = {
        "model": "mlp" if isinstance(model, engine.MLP) else "linear", **params,
        "x": tuple(map(float, data.x)), "y": tuple(map(float, data.y)), "lr": float(lr), "mode": str(mode),
    }


def load(page: str) -> Snapshot | None:
    """The snapshot `page` saved in this session, or None when that page has not been opened yet."""
    saved = st.session_state.get(_key(page))
    if saved is None:
        return None
    if saved["model"] == "mlp":
        model = engine.MLP(w=saved["w"], b=saved["b"], v=saved["v"], c=saved["c"], activation=saved["activation"])
    else:
        model = engine.Linear(w=saved["w"], b=saved["b"])
    return Snapshot(model, engine.Dataset(x=saved["x"], y=saved["y"]), saved["lr"], saved["mode"])
