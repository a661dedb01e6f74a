"""Pick the training data: a generated set, points typed into a table, or an uploaded CSV file."""

import numpy as np
import pandas as pd
import streamlit as st

import engine

from .. import sentences
from ..datafile import MAX_POINTS, dataset_from_csv, dataset_from_table
from ..link import Link

SOURCES = (*engine.KINDS, "table", "csv")


def data_controls(link: Link, where, page: str, n_default: int = 4) -> engine.Dataset:
    """The data, as the user set it; invalid data shows what is wrong and the page's last valid data is used
    (kept in session_state per page)."""
    # options are the URL values themselves: the link holds what the selectbox shows
    kind = link.choice(where, "Data", "data", SOURCES, "line")
    said = where.empty()  # what the data is, said once its settings are read
    last_key = f"last_valid_data:{page}"
    try:
        if kind in engine.KINDS:
            n = link.number(where, "Points n", "n", n_default, lo=1, hi=MAX_POINTS, whole=True)
            noise = link.number(where, "Noise (std of y)", "noise", 0.0, lo=0.0, hi=100.0, step=0.1)
            seed = link.number(where, "Data seed", "seed", 0, lo=0, hi=2**31 - 1, whole=True)
            said.caption(sentences.data_caption(kind, int(n), float(noise)))
            data = engine.make_dataset(kind, int(n), float(noise), int(seed))
        elif kind == "table":
            said.caption("points typed into the table below (any number Python reads: 2.5e-3, 1e200, -0.1)")
            data = _table(where, page, st.session_state.get(last_key))
        else:
            said.caption("points from an uploaded CSV file with columns x and y")
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
    # text cells, read by Python's float(): a number widget would turn 2.5e-3 into -2.53. The editor starts from
    # the data in use when the table was first picked and keeps that start (a changing start would reset edits).
    start = last or engine.make_dataset("line", 4)
    frame = st.session_state.setdefault(f"table_start:{page}", pd.DataFrame(
        {"x": [repr(float(x)) for x in start.x], "y": [repr(float(y)) for y in start.y]}))
    edited = where.data_editor(
        frame, num_rows="dynamic", key="points", hide_index=True,
        column_config={"x": st.column_config.TextColumn("x"), "y": st.column_config.TextColumn("y")},
    )
    data, notes = dataset_from_table(edited[["x", "y"]].itertuples(index=False))
    if notes:
        where.caption("Read as: " + "; ".join(notes[:5]) + (f"; and {len(notes) - 5} more" if len(notes) > 5 else ""))
    return data


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
