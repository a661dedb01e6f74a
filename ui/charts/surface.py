"""The loss surface of the line: log10(MSE) over (w, b), the training path on it and the optimum."""

import altair as alt
import numpy as np
import pyarrow as pa

from ..arrow import table
from .figure import Figure, shape
from .palette import CANVAS, HEIGHT, pin_colors
from .plotdata import path_near


def surface_chart(cells: pa.Table, path, optimum: tuple[float, float] | None, x: str = "w", y: str = "b",
                  racers: dict | None = None) -> Figure:
    """A heatmap of log10(MSE) over two parameters, the training path on it, and the optimum marked.

    cells : the heatmap's rectangles, columns x, x2, y, y2, mse (plotdata.surface_cells of a regular grid).
    path : columns epoch, x, y by name, a DataFrame or a dict of arrays (epoch -1 is the start).
    optimum : (x, y) of the least-squares solution, or None.
    racers : instead of one path, {label: path}: each drawn in its own color (an optimizer race); path is ignored.
    """
    x_domain = [float(np.min(cells[x])), float(np.max(cells[f"{x}2"]))]
    y_domain = [float(np.min(cells[y])), float(np.max(cells[f"{y}2"]))]
    if racers:
        parts = [path_near(one, x, y, x_domain, y_domain) for one in racers.values()]
        columns = {name: np.concatenate([part[name] for part in parts]) for name in ("epoch", x, y)}
        columns["racer"] = np.concatenate([[label] * len(part["epoch"]) for label, part in zip(racers, parts)])
        data = {"surface": cells, "path": table(**columns)}
    else:
        data = {"surface": cells, "path": table(**path_near(path, x, y, x_domain, y_domain))}
    if optimum is not None:
        data["optimum"] = table(**{x: [optimum[0]], y: [optimum[1]], "label": ["least-squares optimum"]})
    figure = Figure(_surface_shape(x, y, optimum is not None, tuple(racers or ())), data)
    return figure.with_params(x_domain=x_domain, y_domain=y_domain)


@shape
def _surface_shape(x: str, y: str, optimum: bool, racers: tuple = ()) -> alt.LayerChart:
    x_axis = alt.X(f"{x}:Q", title=f"{x} (slope)", axis=alt.Axis(grid=False),
                   scale=alt.Scale(domain={"expr": "x_domain"}, nice=False, zero=False))
    y_axis = alt.Y(f"{y}:Q", title=f"{y} (intercept)", axis=alt.Axis(grid=False),
                   scale=alt.Scale(domain={"expr": "y_domain"}, nice=False, zero=False))
    heat = alt.Chart(alt.NamedData("surface")).transform_calculate(
        log_mse="log(max(datum.mse, 1e-12)) / LN10").mark_rect(strokeWidth=0).encode(
        x=x_axis, x2=alt.X2(f"{x}2:Q"), y=y_axis, y2=alt.Y2(f"{y}2:Q"),
        color=alt.Color("log_mse:Q", title="log₁₀ MSE", scale=alt.Scale(scheme="viridis", reverse=True)),
        tooltip=[alt.Tooltip(f"{x}:Q", format=".3f"), alt.Tooltip(f"{y}:Q", format=".3f"),
                 alt.Tooltip("mse:Q", title="MSE", format=".4g")],
    )
    path = alt.Chart(alt.NamedData("path"))
    tooltip = [alt.Tooltip("epoch:Q", title="epoch (-1 = start)"), alt.Tooltip(f"{x}:Q", format=".4f"),
               alt.Tooltip(f"{y}:Q", format=".4f")]
    if racers:  # one colored path per optimizer, the colors of the race's curves
        scale = alt.Scale(domain=list(racers), range=pin_colors(racers))
        color = alt.Color("racer:N", title="optimizer", scale=scale, legend=alt.Legend(orient="bottom", columns=3))
        trail = path.mark_line(strokeWidth=2.5, clip=True).encode(
            x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"), order=alt.Order("epoch:Q"), color=color, detail="racer:N")
        stops = path.mark_circle(size=18, clip=True, stroke="white", strokeWidth=0.5).encode(
            x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"), color=alt.Color("racer:N", scale=scale, legend=None),
            tooltip=[alt.Tooltip("racer:N", title="optimizer"), *tooltip])
    else:
        trail = path.mark_line(color="white", strokeWidth=2, clip=True).encode(
            x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"), order=alt.Order("epoch:Q"))
        stops = path.mark_circle(color="white", stroke="black", strokeWidth=0.5, size=30, clip=True).encode(
            x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"), tooltip=tooltip)
    layers = [heat, trail, stops]
    if optimum:
        layers.append(alt.Chart(alt.NamedData("optimum")).mark_point(
            shape="diamond", size=160, color="black", stroke="white", strokeWidth=1.5, filled=True).encode(
            x=alt.X(f"{x}:Q"), y=alt.Y(f"{y}:Q"),
            tooltip=[alt.Tooltip("label:N", title=" "), alt.Tooltip(f"{x}:Q", format=".4f"),
                     alt.Tooltip(f"{y}:Q", format=".4f")]))
    return alt.layer(*layers).add_params(alt.param(name="x_domain", value=[0, 1]),
                                         alt.param(name="y_domain", value=[0, 1])).properties(
        height=HEIGHT + 60, usermeta=CANVAS)
