"""Altair charts shared by the pages: builders return a Figure (a cached shape and its named data), `draw` puts it
on the page.

Modules: figure.py (Figure, the shape cache), palette.py (colors and sizes), plotdata.py (thinning, windows,
grids), one module of builders per subject (training, surface, fits, units, experiments) and draw.py, the
only one that calls Streamlit.
"""

from .draw import TABLE_LABEL, TABLE_ROWS, Style, chart_description, chart_table, draw
from .experiments import dead_count_chart, lr_sweep_chart, optimizer_sweep_chart, pinned_curves_chart, seed_mse_chart
from .figure import Figure
from .fits import fit_chart, network_fit_chart
from .palette import PALETTE, param_color, pin_colors
from .plotdata import LINE_POINTS, thin
from .surface import surface_chart
from .training import gradient_flow_chart, loss_chart, parameter_chart, unit_parameter_chart
from .units import activity_chart

__all__ = [
    "LINE_POINTS", "PALETTE", "TABLE_LABEL", "TABLE_ROWS", "Figure", "Style", "activity_chart", "chart_description",
    "chart_table", "dead_count_chart", "draw", "fit_chart", "gradient_flow_chart", "loss_chart", "lr_sweep_chart",
    "network_fit_chart", "optimizer_sweep_chart", "param_color", "parameter_chart", "pin_colors",
    "pinned_curves_chart", "seed_mse_chart", "surface_chart", "thin", "unit_parameter_chart",
]
