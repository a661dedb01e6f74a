"""The arithmetic behind the charts: thinning, plot windows and grids, cells and spans. Pure pandas and numpy.

Builders and sections call these; pages never compute a window or a grid themselves.
"""

import numpy as np
import pandas as pd

LINE_POINTS = 500  # rows a line chart draws per series: longer histories are thinned to this many


def finite(values) -> np.ndarray:
    """`values` as floats with infinities as NaN: Vega-Lite draws a gap there (a diverged model predicts inf)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isinf(values), np.nan, values)


def thin(frame: pd.DataFrame, max_points: int = LINE_POINTS) -> pd.DataFrame:
    """At most `max_points` evenly spaced rows of `frame`, always keeping the first and the last."""
    if len(frame) <= max_points:
        return frame
    rows = np.unique(np.linspace(0, len(frame) - 1, max_points).round().astype(int))
    return frame.iloc[rows]


def trajectories(history: pd.DataFrame, names, initial: dict | None) -> pd.DataFrame:
    """Columns epoch and `names` of a history, thinned, with the starting values as epoch -1 when given."""
    frame = thin(history)[["epoch", *names]]
    if initial:
        start = np.array([[-1.0, *(initial[name] for name in names)]])
        frame = pd.DataFrame(np.vstack([start, frame.to_numpy(dtype=float)]), columns=frame.columns)
    return frame


def surface_window(points: pd.DataFrame, optimum: tuple[float, float] | None, x: str = "w", y: str = "b",
                   spread: float = 4.0) -> tuple[tuple[float, float], tuple[float, float]]:
    """The (x, y) ranges of a loss-surface plot: the start, the optimum and the path with a margin.

    Path points farther than `spread` times the start-to-optimum distance are left outside (a diverging run
    would otherwise shrink everything else to a dot).
    """
    start = points.iloc[0]
    anchors = [(start[x], start[y])] + ([optimum] if optimum is not None else [])
    centre = np.mean(anchors, axis=0)
    reach = max(float(np.max(np.abs(np.array(anchors) - centre))) * spread, 1.0)
    xs, ys = points[x].to_numpy(), points[y].to_numpy()
    near = (np.abs(xs - centre[0]) <= reach) & (np.abs(ys - centre[1]) <= reach)
    ranges = []
    for values, anchor in ((xs[near], [a[0] for a in anchors]), (ys[near], [a[1] for a in anchors])):
        lo, hi = min(*values, *anchor), max(*values, *anchor)
        margin = max(0.15 * (hi - lo), 0.5)
        ranges.append((float(lo - margin), float(hi + margin)))
    return ranges[0], ranges[1]


def surface_cells(surface: pd.DataFrame, x: str, y: str) -> pd.DataFrame:
    """One rectangle per grid point of a long (x, y, mse) surface, in 32-bit floats (a 41 x 41 grid is then 34 KB
    on a rerun instead of 90 KB); MSE clipped to what float32 holds."""
    steps = {name: float(np.diff(np.unique(surface[name]))[:1].sum() or 1.0) for name in (x, y)}
    return pd.DataFrame({
        x: surface[x] - steps[x] / 2, f"{x}2": surface[x] + steps[x] / 2,
        y: surface[y] - steps[y] / 2, f"{y}2": surface[y] + steps[y] / 2,
        "mse": surface["mse"].clip(upper=1e38),
    }).astype("float32")


def path_near(path: pd.DataFrame, x: str, y: str, x_domain, y_domain) -> pd.DataFrame:
    """The path points within one window's width of the view (a diverging run reaches 1e100, which browsers
    refuse to draw as pixel coordinates; the trail still visibly leaves the view)."""
    reach = {x: x_domain[1] - x_domain[0], y: y_domain[1] - y_domain[0]}
    inside = ((path[x] - x_domain[0]).between(-reach[x], 2 * reach[x])
              & (path[y] - y_domain[0]).between(-reach[y], 2 * reach[y]))
    return thin(path[inside])


def fit_window(data_x: np.ndarray, x_query: float) -> tuple[float, float, bool]:
    """The x range a fit chart shows: the data with a 5% margin, widened to the asked-for x unless that is far
    (more than the data's width) outside; and whether x_query lies in it."""
    low, high = float(np.min(data_x)), float(np.max(data_x))
    reach = max(high - low, 1.0)
    if low - reach <= x_query <= high + reach:
        low, high = min(low, x_query), max(high, x_query)
    margin = 0.05 * max(high - low, 1.0)
    low, high = low - margin, high + margin
    return low, high, bool(low <= x_query <= high)


def fit_grid(low: float, high: float, kinks: np.ndarray | None = None, points: int = 100) -> np.ndarray:
    """Evenly spaced x over [low, high], plus each kink inside it, so a ReLU sum keeps its corners sharp."""
    grid = np.linspace(low, high, points)
    if kinks is None:
        return grid
    inside = np.isfinite(kinks) & (kinks >= low) & (kinks <= high)
    return np.union1d(grid, kinks[inside])


def unit_frames(model, grid: np.ndarray, kinks: np.ndarray | None) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Each unit's contribution v_i*h_i(x) over the grid (long: x, unit, value; units numbered from 1), and the
    kinks inside the grid's range (unit, x); no kinks when `kinks` is None (an activation without one)."""
    width = model.width
    units = np.arange(1, width + 1)
    parts = pd.DataFrame({"x": np.tile(grid, width), "unit": np.repeat(units, len(grid)),
                          "value": finite(model.contributions(grid).reshape(-1))})
    if kinks is None:
        return parts, pd.DataFrame({"unit": pd.Series(dtype=np.int64), "x": pd.Series(dtype=float)})
    inside = np.isfinite(kinks) & (kinks >= grid[0]) & (kinks <= grid[-1])
    return parts, pd.DataFrame({"unit": units[inside], "x": kinks[inside]})


def activity_cells(activity: pd.DataFrame, max_columns: int = 200) -> pd.DataFrame:
    """A units x epochs activity table as rectangles: at most `max_columns` evenly spaced epochs, each cell
    reaching the next kept epoch (epoch to epoch_end, unit_low to unit_high)."""
    epochs = np.unique(activity["epoch"].to_numpy())
    kept = epochs[np.unique(np.linspace(0, len(epochs) - 1, min(len(epochs), max_columns)).round().astype(int))]
    frame = activity[activity["epoch"].isin(kept)] if len(kept) < len(epochs) else activity
    ends = np.append(kept[1:], kept[-1] + 1)
    return frame.assign(epoch_end=ends[np.searchsorted(kept, frame["epoch"].to_numpy())],
                        unit_low=frame["unit"] - 0.5, unit_high=frame["unit"] + 0.5)


def log_domain(values: pd.Series, ceiling: float, floor: float = 1e-30) -> tuple[float, float]:
    """A log axis's [bottom, top] over the positive finite values (top capped at `ceiling`); (1e-3, 1) if none."""
    finite = values[(values > 0) & np.isfinite(values)]
    if not len(finite):
        return 1e-3, 1.0
    return max(float(finite.min()), floor), float(min(finite.max(), ceiling))


def table_rows(frame: pd.DataFrame, max_rows: int) -> pd.DataFrame:
    """A chart's data for its numbers table: at most `max_rows` evenly spaced rows."""
    return thin(frame, max_rows).reset_index(drop=True)
