"""Drawing a chart on the page: the one module of the charts package that calls Streamlit.

Each chart is drawn with a text alternative: a description (read out by screen readers) and, when the page's
"Numbers behind the charts" toggle is on, its numbers as a table in an expander, built only while the
expander is open (a table nobody opened costs the rerun nothing). A presenter view draws charts taller with
larger type; a dark theme turns the dark inks light.
"""

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from ..arrow import as_table
from .figure import Figure
from .palette import HEIGHT, INK_ON_DARK
from .plotdata import table_rows

TABLE_ROWS = 40  # rows per layer in a chart's numbers table (evenly thinned)
TABLE_LABEL = "Numbers behind this chart"
PRESENTER_SCALE = 1.5  # presenter charts are this much taller
PRESENTER_CONFIG = {"axis": {"labelFontSize": 15, "titleFontSize": 17}, "legend": {"labelFontSize": 15,
                                                                                   "titleFontSize": 15}}


@dataclass(frozen=True)
class Style:
    """How a page draws its charts: presenting (taller, larger type), numbers (tables under the charts) and
    ticking (a run playing: its charts change every frame, so they get no tables)."""

    presenting: bool = False
    numbers: bool = False
    ticking: bool = False


def draw(where, figure: Figure, key: str, style: Style = Style(), description: str | None = None,
         table: pd.DataFrame | None = None, **kwargs) -> None:
    """Draw `figure` in `where` (st, a column, a container) with its description and, if asked, its numbers.

    key : unique on the page: names the chart's numbers expander.
    description : what the chart shows, in words; by default its title, else "<y axis> against <x axis>".
    table : the DataFrame for the numbers table; by default the chart's own data (each layer's, thinned).
    kwargs : passed to st.vega_lite_chart (width defaults to "stretch").
    The data go to the browser as named datasets, the figure's Arrow tables as they are.
    """
    kwargs.setdefault("width", "stretch")
    spec = dict(figure.spec)
    spec["description"] = description or chart_description(spec)
    if style.presenting:
        spec["height"] = int((spec.get("height") or HEIGHT) * PRESENTER_SCALE)
        spec["config"] = {**spec.get("config", {}), **PRESENTER_CONFIG}
    if _dark():
        spec = _swap_ink(spec)
    spec["datasets"] = figure.data
    where.vega_lite_chart(spec, **kwargs)
    if style.numbers and not style.ticking:
        with where.expander(TABLE_LABEL, expanded=True, key=f"numbers_{key}", on_change="rerun",
                            icon=":material/table:") as box:
            if box.open:
                rows = chart_table(figure) if table is None else table
                st.caption(spec["description"])
                st.dataframe(as_table(rows), hide_index=True, width="stretch", height=min(38 + 35 * len(rows), 320))


def chart_description(spec: dict) -> str:
    """A chart's description in words: its own, its title, or "Chart of <y axis title> against <x axis title>"."""
    if spec.get("description"):
        return spec["description"]
    title = spec.get("title")
    if title:
        return title if isinstance(title, str) else str(title.get("text", ""))
    for part in [spec, *spec.get("layer", [])]:
        encoding = part.get("encoding", {})
        if "x" in encoding and "y" in encoding:
            axes = [encoding[axis].get("title") or encoding[axis].get("field", axis) for axis in ("y", "x")]
            names = [" ".join(a) if isinstance(a, list) else str(a) for a in axes]
            return f"Chart of {names[0]} against {names[1]}"
    return "Chart"


def chart_table(figure: Figure, max_rows: int = TABLE_ROWS) -> pd.DataFrame:
    """The data a figure draws, each dataset (and each coded kind of row within one) thinned to `max_rows` rows,
    coded columns spelled out, empty columns left out, stacked with a `layer` column (the mark that draws it:
    line, circle, rect...) when there is more than one dataset."""
    marks = {}
    for view in [figure.spec, *figure.spec.get("layer", [])]:
        name, mark = view.get("data", {}).get("name"), view.get("mark")
        if name and mark:
            marks.setdefault(name, mark["type"] if isinstance(mark, dict) else mark)
    frames = [(marks.get(name, "data"), figure.words(_thinned(data.to_pandas(), figure.codes, max_rows)))
              for name, data in figure.data.items() if data.num_rows]
    frames = [(mark, frame.dropna(axis=1, how="all")) for mark, frame in frames]
    if not frames:
        return pd.DataFrame()
    if len(frames) == 1:
        return frames[0][1]
    return pd.concat([frame.assign(layer=mark) for mark, frame in frames], ignore_index=True)


def _thinned(frame: pd.DataFrame, codes: dict, max_rows: int) -> pd.DataFrame:
    """`frame` thinned to `max_rows` rows per group of its coded columns (a few data points keep all their rows
    beside a long curve)."""
    groups = [column for column in codes if column in frame]
    if not groups:
        return table_rows(frame, max_rows)
    return pd.concat([table_rows(part, max_rows) for _, part in frame.groupby(groups, sort=False)],
                     ignore_index=True)


def _dark() -> bool:
    """True when the browser reports a dark theme (unknown, as on a session's very first run, counts as light)."""
    try:
        return st.context.theme.type == "dark"
    except Exception:  # noqa: BLE001 - no script context (bare Python): light
        return False


def _swap_ink(spec):
    """`spec` with the dark inks (INK_ON_DARK's keys) swapped for light ones, for a dark background.

    Named colors ("black", "white") are left alone: they sit on the heatmap's own colors, not on the page."""
    if isinstance(spec, dict):
        return {key: (INK_ON_DARK.get(value, value) if key in ("color", "fill", "stroke") and isinstance(value, str)
                      else _swap_ink(value)) for key, value in spec.items()}
    if isinstance(spec, list):
        return [INK_ON_DARK.get(value, value) if isinstance(value, str) else _swap_ink(value) for value in spec]
    return spec
