"""Colors and sizes every chart shares: each parameter name keeps one color everywhere (Okabe-Ito, distinct for
every kind of color vision), and unit i of a net has the color of w_i, b_i and v_i."""

import re

import altair as alt

# Okabe-Ito without its yellow (unreadable on white); unit i of a net gets PALETTE[(i - 1) % 7]
PALETTE = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#999999")
FIXED_COLORS = {"w": PALETTE[0], "b": PALETTE[1], "c": "#000000", "loss": "#D55E00", "mse": "#0072B2",
                "test_mse": "#009E73", "lr": "#444444"}
# black and greys on a white page; on a dark page the drawing swaps them for these (in marks and in color scales)
INK_ON_DARK = {"#000000": "#FFFFFF", "#222222": "#EEEEEE", "#333333": "#E0E0E0", "#444444": "#CCCCCC"}
DIVERGED_COLOR = PALETTE[1]  # vermillion: apart from the sweep's blue line for every kind of color vision
PIN_COLORS = (*PALETTE, "#000000")  # one color a pinned run, in pin order (ui/pins caps pins at 8)
EPOCH_TICKS = alt.Axis(tickMinStep=1, format="d")  # epochs are whole: no 0.5 between two of them
HEIGHT = 260
# heatmaps draw a thousand or more cells: on a canvas, not as that many SVG elements for the page to lay out
CANVAS = {"embedOptions": {"renderer": "canvas"}}


def param_color(name: str) -> str:
    """The color of a parameter (or curve) name, the same on every page: w_i, b_i, v_i share unit i's color; in a
    deeper net, w{k}_j_i (the weight into unit j from unit i below) and b{k}_j share unit j's."""
    if name in FIXED_COLORS:
        return FIXED_COLORS[name]
    unit = re.fullmatch(r"[wb]\d+_(\d+)(?:_\d+)?", name) or re.search(r"_(\d+)$", name)
    return PALETTE[(int(unit.group(1)) - 1) % len(PALETTE)] if unit else "#444444"


def color_scale(names) -> alt.Scale:
    """An Altair color scale mapping each name to its fixed color."""
    names = list(dict.fromkeys(names))
    return alt.Scale(domain=names, range=[param_color(name) for name in names])


def unit_scale(width: int) -> alt.Scale:
    """Colors for "unit 1".."unit H": unit i gets the color of w_i, b_i and v_i."""
    return alt.Scale(domain=[f"unit {i}" for i in range(1, width + 1)],
                     range=[param_color(f"w_{i}") for i in range(1, width + 1)])


def pin_colors(labels) -> list[str]:
    """The color of each pinned run, by its place in pin order."""
    return [PIN_COLORS[i % len(PIN_COLORS)] for i in range(len(list(labels)))]
