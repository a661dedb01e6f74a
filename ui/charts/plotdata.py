"""The arithmetic behind the charts: thinning, plot windows and grids, cells and spans. Pure pandas and numpy.

Builders and sections call these; pages never compute a window or a grid themselves.
"""

import numpy as np
import pandas as pd

Columns = pd.DataFrame | dict[str, np.ndarray]  # a chart's input: columns by name, either way

LINE_POINTS = 500  # rows a line chart draws per series: longer histories are thinned to this many


def finite(values) -> np.ndarray:
    """`values` as floats with infinities as NaN: Vega-Lite draws a gap there (a diverged model predicts inf)."""
    values = np.asarray(values, dtype=float)
    return np.where(np.isinf(values), np.nan, values)


def thin_rows(length: int, max_points: int = LINE_POINTS) -> slice | np.ndarray:
    """At most `max_points` evenly spaced row numbers of `length` rows, always keeping the first and the last."""
    if length <= max_points:
        return slice(None)
    return np.unique(np.linspace(0, length - 1, max_points).round().astype(int))


def thin(frame: pd.DataFrame, max_points: int = LINE_POINTS) -> pd.DataFrame:
    """At most `max_points` evenly spaced rows of `frame`, always keeping the first and the last."""
    return frame if len(frame) <= max_points else frame.iloc[thin_rows(len(frame), max_points)]


def columns(frame: pd.DataFrame, names, max_points: int = LINE_POINTS) -> dict[str, np.ndarray]:
    """The columns `names` of `frame` as numpy arrays, thinned to `max_points` rows (a chart's data, without
    building another DataFrame)."""
    rows = thin_rows(len(frame), max_points)
    return {name: frame[name].to_numpy()[rows] for name in names}


def trajectories(history: pd.DataFrame, names, initial: dict | None) -> dict[str, np.ndarray]:
    """Columns epoch and `names` of a history, thinned, with the starting values as epoch -1 when given."""
    values = columns(history, ["epoch", *names])
    if initial:
        start = {"epoch": -1, **initial}
        values = {name: np.concatenate([[start[name]], column]) for name, column in values.items()}
    return values


def surface_window(points, optimum: tuple[float, float] | None, x: str = "w", y: str = "b",
                   spread: float = 4.0) -> tuple[tuple[float, float], tuple[float, float]]:
    """The (x, y) ranges of a loss-surface plot: the start, the optimum and the path with a margin.

    points : the path, columns x and y by name (a DataFrame or a dict of arrays), the start first.
    Path points farther than `spread` times the start-to-optimum distance are left outside (a diverging run
    would otherwise shrink everything else to a dot).
    """
    xs, ys = np.asarray(points[x], dtype=float), np.asarray(points[y], dtype=float)
    anchors = np.array([(xs[0], ys[0])] + ([optimum] if optimum is not None else []), dtype=float)
    centre = anchors.mean(axis=0)
    reach = max(float(np.max(np.abs(anchors - centre))) * spread, 1.0)
    near = (np.abs(xs - centre[0]) <= reach) & (np.abs(ys - centre[1]) <= reach)
    ranges = []
    for values, anchor in ((xs[near], anchors[:, 0]), (ys[near], anchors[:, 1])):
        both = np.concatenate([values, anchor])
        lo, hi = float(both.min()), float(both.max())
        margin = max(0.15 * (hi - lo), 0.5)
        ranges.append((lo - margin, hi + margin))
    return ranges[0], ranges[1]


def surface_cells(surface: pd.DataFrame, x: str, y: str) -> dict[str, np.ndarray]:
    """One rectangle per grid point of a long (x, y, mse) surface, in 32-bit floats (a 41 x 41 grid is then 34 KB
    on a rerun instead of 90 KB); MSE clipped to what float32 holds."""
    centres = {name: surface[name].to_numpy() for name in (x, y)}
    steps = {name: float(np.diff(np.unique(values))[:1].sum() or 1.0) for name, values in centres.items()}
    cells = {x: centres[x] - steps[x] / 2, f"{x}2": centres[x] + steps[x] / 2,
             y: centres[y] - steps[y] / 2, f"{y}2": centres[y] + steps[y] / 2,
             "mse": np.minimum(surface["mse"].to_numpy(), 1e38)}
    return {name: values.astype("float32") for name, values in cells.items()}


def path_near(path, x: str, y: str, x_domain, y_domain) -> dict[str, np.ndarray]:
    """The path's points (its columns by name: a DataFrame or a dict of arrays) within one window's width of the
    view, thinned (a diverging run reaches 1e100, which browsers refuse to draw as pixel coordinates; the trail
    still visibly leaves the view)."""
    values = {name: np.asarray(path[name]) for name in ("epoch", x, y)}
    inside = ((values[x] - x_domain[0] >= -(x_domain[1] - x_domain[0]))
              & (values[x] - x_domain[0] <= 2 * (x_domain[1] - x_domain[0]))
              & (values[y] - y_domain[0] >= -(y_domain[1] - y_domain[0]))
              & (values[y] - y_domain[0] <= 2 * (y_domain[1] - y_domain[0])))
    rows = thin_rows(int(inside.sum()))
    return {name: column[inside][rows] for name, column in values.items()}


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


def unit_frames(model, grid: np.ndarray, kinks: np.ndarray | None) -> tuple[Columns, Columns]:
    """Each (last hidden layer's) unit's contribution to the output over the grid (long: x, unit, value; units
    numbered from 1), and the kinks inside the grid's range (unit, x); no kinks when `kinks` is None."""
    contributions = model.contributions(grid)
    units = np.arange(1, len(contributions) + 1)
    parts = {"x": np.tile(grid, len(units)), "unit": np.repeat(units, len(grid)),
             "value": finite(contributions.reshape(-1))}
    if kinks is None:
        return parts, {"unit": units[:0], "x": np.zeros(0)}
    inside = np.isfinite(kinks) & (kinks >= grid[0]) & (kinks <= grid[-1])
    return parts, {"unit": units[inside], "x": kinks[inside]}


def flow_lines(flow: pd.DataFrame, max_points: int = LINE_POINTS) -> Columns:
    """A run's gradient flow (epoch, layer, size; every layer each epoch) thinned by epoch, every layer kept."""
    layers = int(flow["layer"].max()) if len(flow) else 1
    rows = thin_rows(len(flow) // layers, max_points)
    return {name: flow[name].to_numpy().reshape(-1, layers)[rows].reshape(-1) for name in ("epoch", "layer", "size")}


def layer_sizes(history: pd.DataFrame, model) -> pd.DataFrame:
    """Each layer's weight size sqrt(sum W_ji^2) per epoch of a Network's history: columns epoch, W_1 .. W_L."""
    sizes = {"epoch": history["epoch"].to_numpy()}
    for k, (n_in, n_out) in enumerate(zip(model.sizes, model.sizes[1:]), 1):
        names = [f"w{k}_{j}_{i}" for j in range(1, n_out + 1) for i in range(1, n_in + 1)]
        sizes[f"W_{k}"] = np.sqrt((history[names].to_numpy() ** 2).sum(axis=1))
    return pd.DataFrame(sizes)


def activity_cells(activity: pd.DataFrame, max_columns: int = 200) -> dict[str, np.ndarray]:
    """A units x epochs activity table (columns epoch, unit, active_fraction) as rectangles: at most
    `max_columns` evenly spaced epochs, each cell reaching the next kept epoch (epoch to epoch_end, unit_low to
    unit_high)."""
    epoch, unit, share = (activity[name].to_numpy() for name in ("epoch", "unit", "active_fraction"))
    epochs = np.unique(epoch)
    kept = epochs[thin_rows(len(epochs), max_columns)]
    rows = np.isin(epoch, kept)
    ends = np.append(kept[1:], kept[-1] + 1)
    return {"epoch": epoch[rows], "unit": unit[rows], "active_fraction": share[rows],
            "epoch_end": ends[np.searchsorted(kept, epoch[rows])], "unit_low": unit[rows] - 0.5,
            "unit_high": unit[rows] + 0.5}


def log_domain(values: pd.Series, ceiling: float, floor: float = 1e-30) -> tuple[float, float]:
    """A log axis's [bottom, top] over the positive finite values (top capped at `ceiling`); (1e-3, 1) if none."""
    finite = values[(values > 0) & np.isfinite(values)]
    if not len(finite):
        return 1e-3, 1.0
    return max(float(finite.min()), floor), float(min(finite.max(), ceiling))


def table_rows(frame: pd.DataFrame, max_rows: int) -> pd.DataFrame:
    """A chart's data for its numbers table: at most `max_rows` evenly spaced rows."""
    return thin(frame, max_rows).reset_index(drop=True)
