"""The training page, written once: controls -> run spec -> cached run -> sections.

A page (pages/linear.py, pages/network.py) names its parts in a TrainingPage: how its model is set, its heading,
its own sections, and its question. Everything else (the data, the training settings, the link, the work cap,
divergence, the prediction, the player, the loss, the printout, the downloads) is here, the same for each.
"""

from collections.abc import Callable
from dataclasses import dataclass

import streamlit as st

import engine

from . import charts, compute, player, presenter, quiz
from .controls.data import data_controls
from .controls.optimizer import held_out, optimization_controls
from .controls.training import lr_control, schedule_controls
from .link import Link, page_settings
from .sections import common
from .sections.scene import Scene

PASSIVE = ("present", "show", "quiz")  # link keys read without a widget


@dataclass(frozen=True)
class TrainingPage:
    """The parts of a training page.

    name : "linear" or "network" (its session keys, file names, presenter controls).
    n_default, x_default : the generated points and where it predicts, by default.
    model : (link, sidebar) -> (the starting model, warnings about its settings).
    heading : (model) -> None, draws the title and the equations.
    loss_caption : what the loss chart's caption says the page's loss and MSE are.
    fit : (scene) -> None, the chart beside the loss (the model's fit to the data).
    panels : {tab title: (scene) -> None}, the tabs under the loss and the fit (URL key `panel`; only the open
        one is built).
    printed : (model) -> parameter names in the order the seed notebook prints them.
    advice : (run) -> what to change when it diverges (a clause).
    """

    name: str
    n_default: int
    x_default: float
    model: Callable
    heading: Callable
    loss_caption: str
    fit: Callable
    panels: dict
    printed: Callable
    advice: Callable


def show(page: TrainingPage) -> None:
    """Draw the training page `page`."""
    top = st.container()
    with page_settings(page.name, PASSIVE) as link:
        _show(page, link, top, link.notices)


def _show(page: TrainingPage, link: Link, top, notices) -> None:
    view = presenter.view(link)
    presenter.setup(view)
    side = presenter.where(view, st.sidebar, "sidebar")
    side.header("Data")
    data, test = held_out(link, side, data_controls(link, side, page.name, page.n_default))
    side.header("Model")
    model, warnings = page.model(link, side)
    side.header("Training")
    lr = lr_control(link, side)
    epochs, mode, batch_size = schedule_controls(link, side, len(data))
    optimization = optimization_controls(link, side, epochs)
    numbers = link.toggle(side, "Numbers behind the charts", "numbers",
                          help="A table of the numbers under every chart, for reading them exactly or with a screen "
                               "reader.")
    try:
        spec = engine.RunSpec(model, data, lr, epochs, mode, batch_size, **optimization.fields(), test=test)
    except ValueError as problem:  # settings that are each allowed but not together (a cosine floor above the rate)
        st.session_state.pop(f"spec:{page.name}", None)  # the backprop page must not work an earlier run as current
        with top:
            page.heading(model)
        st.error(f"These settings cannot train together: {problem}. Change one of them.", icon=":material/error:")
        return
    st.session_state[f"spec:{page.name}"] = spec  # what the backprop page works on when asked for this page's run
    with top:
        page.heading(model)
    for warning in warnings:
        notices.warning(warning, icon=":material/format_list_numbered:")

    too_much = compute.over_cap(spec)
    if too_much:
        st.error(too_much)
        return
    run = compute.train(spec)
    question = quiz.asked(link, page.name)
    if question:  # a scenario link asks for a prediction first: nothing of the result shows until it is answered
        if not quiz.ask(question, spec):
            return
        quiz.reveal(question, run)
    common.divergence(run, page.advice)
    x_query = common.prediction_row(link, view, run, page.x_default)
    if not len(run.history):
        return

    scene = Scene(page.name, link, view, charts.Style(view.presenting, numbers), run, x_query)
    ticking = player.current(page.name, spec)["playing"]

    @st.fragment(run_every=player.TICK_SECONDS if ticking else None)
    def watch() -> None:
        """Everything that moves while a run plays."""
        _sections(page, scene.at(player.frame(page.name, run, scene.style, ticking)))

    watch()
    player.continue_button(st)  # outside the fragment: a click reruns the page, so the sidebar takes the values
    common.printout(run, page.printed(run.initial))
    common.actions(scene)


def _sections(page: TrainingPage, scene: Scene) -> None:
    """The charts that move with the player: the loss beside the fit, the page's panels as tabs below."""
    left, right = presenter.columns(scene.view, 2)
    with left:
        common.loss(scene, page.loss_caption)
    with right:
        page.fit(scene)
    titles = tuple(page.panels)
    for tab, title in zip(scene.link.tabs(titles, "panel", titles[0]), titles):
        with tab:
            if tab.open:
                page.panels[title](scene)
