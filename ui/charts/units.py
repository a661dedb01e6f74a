"""The units x epochs map of a net: on how many data points each unit is active, epoch by epoch."""

import altair as alt
import pandas as pd

from ..arrow import table
from .figure import Figure, shape
from .palette import CANVAS, EPOCH_TICKS
from .plotdata import activity_cells
from .training import epoch_param, follow


def activity_chart(activity: pd.DataFrame, max_columns: int = 200, epochs: tuple[int, int] | None = None) -> Figure:
    """A units x epochs heatmap of the share of data points on which each unit is active (z_i > 0).

    activity : long DataFrame with columns epoch, unit (1-based), active_fraction (a Run's activity).
    Long runs keep at most `max_columns` evenly spaced epochs; each cell spans until the next kept epoch.
    """
    figure = Figure(_activity_shape(int(activity["unit"].max()), epochs is not None),
                    {"activity": table(**activity_cells(activity, max_columns))})
    return follow(figure, epochs)


@shape
def _activity_shape(width: int, fixed: bool) -> alt.Chart:
    scale = alt.Scale(domain={"expr": "epoch_domain"}, nice=False, zero=False) if fixed else alt.Scale(
        nice=False, zero=False)
    chart = (
        alt.Chart(alt.NamedData("activity"))
        .mark_rect(strokeWidth=0)
        .encode(
            x=alt.X("epoch:Q", title="epoch", scale=scale, axis=EPOCH_TICKS),
            x2=alt.X2("epoch_end:Q"),
            y=alt.Y("unit_low:Q", title="unit", scale=alt.Scale(domain=[width + 0.5, 0.5], nice=False),
                    axis=alt.Axis(values=list(range(1, width + 1)), format="d", grid=False)),
            y2=alt.Y2("unit_high:Q"),
            color=alt.Color("active_fraction:Q", title=["share of points", "with z_i > 0"],
                            scale=alt.Scale(domain=[0, 1], scheme="viridis"),
                            legend=alt.Legend(format="%", values=[0, 0.5, 1])),
            tooltip=[alt.Tooltip("unit:Q"), alt.Tooltip("epoch:Q"),
                     alt.Tooltip("active_fraction:Q", title="active on", format=".0%")],
        )
        .properties(height=max(130, 24 * width), usermeta=CANVAS)
    )
    return epoch_param(chart, fixed)
