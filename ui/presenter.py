"""Presenter view: a page opened with `present=1&show=lr,epochs` shows only the named controls, in larger type,
with charts taller and full width. Every other setting is still read from the link (its widget is drawn into a
container that the presenter style hides), so the view is exactly the one the link describes.

Pages ask `where(...)` where to draw each control and `columns(...)` for their chart rows (charts are drawn
taller through charts.Style); `link_popover` builds a presenter link from the current settings.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

import streamlit as st

from .link import Flag, Link

HIDDEN = "presenter_hidden"  # key prefix of the containers that hold the controls a presenter link leaves out
# one constant style sheet, no user text: larger type, and the hidden containers out of sight
STYLE = """<style>
.stApp { font-size: 1.25rem; }
.stApp h1 { font-size: 3rem; }
.stApp h2 { font-size: 2.2rem; }
.stApp h3 { font-size: 1.8rem; }
[data-testid="stMarkdownContainer"] p, [data-testid="stMarkdownContainer"] li { font-size: 1.3rem; }
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p { font-size: 1.1rem; }
[data-testid="stWidgetLabel"] p { font-size: 1.15rem; }
[class*="st-key-presenter_hidden"] { display: none; }
</style>"""
# a control that shows brings its companions: the lr's log slider, the data's table and upload
COMPANIONS = {"lr": ("lr_slider",), "data": ("points", "csv")}
TRAINING = {"data": "Data", "n": "Points n", "noise": "Noise", "seed": "Data seed", "test_share": "Held out (%)",
            "test_seed": "Held-out seed"}
SCHEDULE = {"lr": "Learning rate", "epochs": "Epochs", "mode": "Update mode", "batch_size": "Batch size",
            "optimizer": "Optimizer", "weight_decay": "Weight decay", "beta1": "β₁", "beta2": "β₂", "eps": "ε",
            "momentum": "Momentum", "alpha": "α", "nesterov": "Nesterov", "l1": "L1 penalty", "schedule": "Schedule",
            "step_size": "Step size", "gamma": "γ", "t_max": "t_max", "lr_floor": "Smallest rate",
            "x": "Predict at x", "log": "Log scale", "epoch": "Epoch slider"}
# the controls each page offers to a presenter link, in page order, with their labels
CONTROLS = {
    "linear": {**TRAINING, "w": "Initial w", "b": "Initial b", **SCHEDULE},
    "network": {**TRAINING, "layers": "Hidden layers", "activation": "Activation", "init": "Initialization", "w": "w",
                "b": "b", "v": "v", "c": "c", "init_seed": "Init seed",
                **{f"{kind}{k}": f"Layer {k} {'weights' if kind == 'w' else 'biases'}" for k in range(1, 6)
                   for kind in "wb"}, **SCHEDULE},
}
DEFAULT_SHOW = ("lr", "epochs")


class Shown:
    """The `show=` value: a comma-separated list of URL keys (unknown ones are ignored by `View.shows`)."""

    def allowed(self) -> str:
        """What the field takes, in words."""
        return "a comma-separated list of setting keys such as lr,epochs"

    def parse(self, text: str) -> frozenset:
        """The keys named, with their companions."""
        named = {part.strip() for part in text.split(",") if part.strip()}
        if not all(part.isidentifier() for part in named):
            raise ValueError(self.allowed())
        return frozenset(named.union(*(COMPANIONS.get(key, ()) for key in named)))


@dataclass(frozen=True)
class View:
    """How a page is drawn: presenting or not, and (presenting) the URL keys of the controls shown."""

    presenting: bool = False
    shown: frozenset = frozenset()

    def shows(self, key: str) -> bool:
        """Whether the control with URL key `key` is drawn visibly."""
        return not self.presenting or key in self.shown


def view(link: Link) -> View:
    """The view the link asks for: `present=1` (or true/yes) and `show=` a comma-separated list of URL keys."""
    if not link.passive_value("present", Flag(), False):
        return View()
    return View(True, link.passive_value("show", Shown(), frozenset()))


def link(base: str, params: dict, show) -> str:
    """A presenter link: `base` (the page's address) with the current `params`, present=1 and show=..."""
    query = {key: value for key, value in params.items() if key not in ("present", "show")}
    query.update(present="1", show=",".join(show))
    return f"{base}?{urlencode(query, safe=',')}"


class Placement:
    """A stand-in for a container (st.sidebar, st) that draws each keyed widget visibly or hidden.

    A widget goes where its `key` says (View.shows); an element without a key (a caption, an info box) follows
    the widget before it; errors and warnings always show; headers never do (presenting).
    """

    def __init__(self, view: View, shown, hidden):
        self.view, self.shown, self.hidden = view, shown, hidden
        self.last = hidden

    def __getattr__(self, name):
        def draw(*args, **kwargs):
            if "key" in kwargs:
                self.last = self.shown if self.view.shows(kwargs["key"]) else self.hidden
                target = self.last
            elif name in ("error", "warning", "exception"):
                target = self.shown
            elif name in ("header", "subheader", "title"):
                target = self.hidden
            else:
                target = self.last
            return getattr(target, name)(*args, **kwargs)

        return draw


def where(view: View, container, name: str):
    """`container` itself when not presenting, else a Placement into it and a hidden container inside it.

    name : a short unique name for the hidden container (its key is presenter_hidden_<name>).
    """
    if not view.presenting:
        return container
    return Placement(view, container, container.container(key=f"{HIDDEN}_{name}"))


def setup(view: View) -> None:
    """Presenting: inject the style sheet (once a run) and collapse the sidebar when no control shows there."""
    if not view.presenting:
        return
    st.html(STYLE)
    if not view.shown:
        st.set_page_config(initial_sidebar_state="collapsed")


def columns(view: View, spec, **kwargs) -> list:
    """st.columns(spec) normally; presenting, full-width containers one below the other."""
    if view.presenting:
        count = spec if isinstance(spec, int) else len(spec)
        return [st.container() for _ in range(count)]
    return st.columns(spec, **kwargs)


def link_popover(where, page: str, view: View, settings: dict) -> None:
    """A "Presenter link" popover: pick the controls to show, copy the link (the current settings kept).

    settings : the page's current link values (Link.current()), made in this run."""
    options = list(CONTROLS[page])
    default = [key for key in options if key in view.shown] if view.presenting else list(DEFAULT_SHOW)
    with where.popover("Presenter link", icon=":material/co_present:", key="presenter_popover",
                       on_change="rerun") as popover:
        if not popover.open:  # built only while open: a closed popover costs a rerun nothing
            return
        show = st.multiselect("Controls to show", options, default=default, key="presenter_show",
                              format_func=lambda key: f"{CONTROLS[page][key]} ({key})",
                              help="Every other setting stays as it is now, just out of sight.")
        st.code(link(st.context.url or page, settings, show), language=None, wrap_lines=True)
        st.caption("Open it on the projector: larger type, taller charts, only these controls.")
