"""Controls shared by pages: the data, the learning rate and the training schedule.

Each function draws its widgets into `where` (a container or st.sidebar) and returns plain values.
"""

import io

import numpy as np
import pandas as pd
import streamlit as st

import engine

from . import settings

SOURCES = (*engine.KINDS, "table", "csv")
SOURCE_LABELS = {
    **{kind: description for kind, (description, _, _) in engine.data.TARGETS.items()},
    "table": "points typed into the table below",
    "csv": "points from an uploaded CSV file with columns x and y",
}
MAX_POINTS = 1000
LR_MIN, LR_MAX = 1e-6, 1e9  # absurd rates are allowed: divergence is a result to show
# the log-scale slider's stops: 8 per decade, rounded to 3 significant digits (0.01, 0.1, 1 are stops)
LR_STOPS = tuple(float(f"{10 ** (k / 8):.3g}") for k in range(-48, 9))


def data_controls(where, page: str, n_default: int = 4) -> engine.Dataset:
    """Pick the training data: a generated set, points typed into a table, or a CSV upload.

    Invalid data shows what is wrong, and the page's last valid data (kept in session_state) is used.
    """
    # no format_func on URL-bound choices: Streamlit writes the formatted label into the URL
    kind = settings.choice(where, "Data", "data", SOURCES, "line")
    where.caption(SOURCE_LABELS[kind])
    last_key = f"last_valid_data:{page}"
    try:
        if kind in engine.KINDS:
            n = settings.number(where, "Points n", "n", n_default, lo=1, hi=MAX_POINTS, integer=True)
            noise = settings.number(where, "Noise (std of y)", "noise", 0.0, lo=0.0, hi=100.0, step=0.1)
            seed = settings.number(where, "Data seed", "seed", 0, lo=0, hi=2**31 - 1, integer=True)
            data = engine.make_dataset(kind, int(n), float(noise), int(seed))
        elif kind == "table":
            data = _table(where, page, st.session_state.get(last_key))
        else:
            data = _upload(where)
    except ValueError as problem:
        data = st.session_state.get(last_key) or engine.make_dataset("line", n_default)
        field = {"csv": "The uploaded CSV file", "table": "The table of points"}.get(kind, "The generated data")
        where.error(f"{field} cannot be used: {problem}. Training keeps the last valid data ({len(data)} points).")
        return data
    if data is None:  # nothing uploaded yet
        return st.session_state.get(last_key) or engine.make_dataset("line", n_default)
    st.session_state[last_key] = data
    return data


def _table(where, page: str, last: engine.Dataset | None) -> engine.Dataset:
    # the editor starts from the data in use when the table was first picked, and keeps that start
    # (a changing start would reset the user's edits)
    start = last or engine.make_dataset("line", 4)
    frame = st.session_state.setdefault(f"table_start:{page}", pd.DataFrame({"x": start.x, "y": start.y}))
    edited = where.data_editor(
        frame, num_rows="dynamic", key="points", hide_index=True,
        column_config={"x": st.column_config.NumberColumn("x"), "y": st.column_config.NumberColumn("y")},
    )
    return dataset_from_frame(edited)


def _upload(where) -> engine.Dataset | None:
    upload = where.file_uploader("CSV with columns x and y", type=["csv"], key="csv",
                                 help=f"A header row x,y, then one row per point: at most {MAX_POINTS:,} points, "
                                      "UTF-8 text, at most 1 MB.")
    if upload is None:
        where.info("Upload a CSV file with a header row `x,y`; until then the last valid data is used.")
        return None
    data = dataset_from_csv(upload.getvalue())
    if len(data) == 1:
        where.info("The file has one point: training runs, but every line through that point fits it exactly, "
                   "so there is no single best line.")
    elif np.all(data.x == data.x[0]):
        where.info("Every x in the file is the same: no single line fits best (any slope fits as well).")
    return data


def dataset_from_csv(raw: bytes) -> engine.Dataset:
    """Read an uploaded CSV (UTF-8 text, header x,y, at most MAX_POINTS rows) into a Dataset.

    Raises ValueError saying what is wrong: an empty file, bytes that are not UTF-8 text (a picture, a
    spreadsheet), a file pandas cannot read, missing columns, a cell that is not a number, too many rows.
    """
    if not raw.strip():
        raise ValueError("the file is empty: it needs a header row x,y and at least one row of numbers")
    if b"\x00" in raw[:4096]:
        raise ValueError("the file is binary (a picture, a spreadsheet or an archive?), not a CSV text file: "
                         "save it as CSV with a header row x,y")
    try:
        text = raw.decode("utf-8-sig")  # -sig: Excel's "CSV UTF-8" starts with a byte order mark
    except UnicodeDecodeError as problem:
        raise ValueError(f"the file is not UTF-8 text (byte {raw[problem.start]:#04x} at position "
                         f"{problem.start:,} cannot be read): save it as CSV UTF-8 with a header row x,y") from None
    try:
        frame = pd.read_csv(io.StringIO(text), skipinitialspace=True)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as problem:
        first = str(problem).splitlines()[0] if str(problem) else type(problem).__name__
        raise ValueError(f"the file is not a readable CSV ({first[:120]})") from None
    frame.columns = [str(name).strip() for name in frame.columns]
    header = text.splitlines()[0] if text else ""
    if {"x", "y"} - set(frame.columns) and ";" in header:
        raise ValueError("the columns are separated by semicolons: the playground reads commas (x,y)")
    return dataset_from_frame(frame)


def _plain(value, limit: int = 40) -> str:
    """User text shown in a message: a Markdown code span (no formatting, links or HTML), at most `limit` long."""
    text = str(value).replace("`", "'").replace("\n", " ")
    return f"`{text if len(text) <= limit else text[:limit] + '…'}`"


def dataset_from_frame(frame: pd.DataFrame) -> engine.Dataset:
    """Turn a table with columns x and y into a Dataset; ValueError saying what is wrong otherwise."""
    missing = [name for name in ("x", "y") if name not in frame.columns]
    if missing:
        found = ", ".join(_plain(name, 20) for name in list(frame.columns)[:10]) or "none"
        raise ValueError(f"the table needs columns x and y; missing {', '.join(missing)} (found {found})")
    frame = frame[["x", "y"]].dropna(how="all")
    if len(frame) > MAX_POINTS:
        raise ValueError(f"the table has {len(frame):,} rows; the playground takes at most {MAX_POINTS:,}")
    for name in ("x", "y"):
        values = pd.to_numeric(frame[name], errors="coerce")
        bad = np.flatnonzero(~np.isfinite(values.to_numpy(dtype=float)))
        if len(bad):
            raise ValueError(f"row {bad[0] + 1} has {name} = {_plain(frame[name].iloc[bad[0]])}, which is not a "
                             "finite number")
    return engine.Dataset(x=frame["x"].astype(float).tolist(), y=frame["y"].astype(float).tolist())


def lr_control(where, default: float = 0.01) -> float:
    """The learning rate: a typed value and a log-scale slider, kept in sync (the typed value is in the URL)."""
    lr = settings.number(where, "Learning rate", "lr", default, lo=LR_MIN, hi=LR_MAX, step=None,
                         on_change=_typed_lr_changed)
    if "lr_slider" not in st.session_state:
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


def schedule_controls(where, points: int, epochs_default: int = 100, max_epochs: int = 5000):
    """Epochs, update mode and batch size; returns (epochs, mode, batch_size or None)."""
    epochs = settings.number(where, "Epochs", "epochs", epochs_default, lo=1, hi=max_epochs, integer=True)
    mode = settings.choice(where, "Update mode", "mode", engine.MODES, "sgd", widget="radio", horizontal=True,
                           help="sgd: update after each sample, as in the seed; minibatch: after each batch of "
                                "batch_size samples, with their mean gradient; batch: once per epoch.")
    batch_size = None
    if mode == "minibatch":
        batch_size = settings.number(where, "Batch size", "batch_size", min(2, points), lo=1, hi=max(points, 1),
                                     integer=True)
    return int(epochs), mode, (int(batch_size) if batch_size is not None else None)
