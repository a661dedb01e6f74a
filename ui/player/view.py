"""The player on the page: Play/Pause, Step, Reset, Show all and the speed, and what one frame shows.

The run itself is trained once (ui/compute.train, cached); the player only decides how much of it to show.
Its state (state.py) lives in st.session_state, one per page; pages draw everything that moves inside an
`@st.fragment(run_every=TICK_SECONDS if ticking else None)` and call `frame` there.
"""

import dataclasses
from typing import NamedTuple

import pandas as pd
import streamlit as st

import engine

from .. import charts
from ..link import Link
from . import state as player

TICK_SECONDS = 0.5  # time between two frames while playing
SPEEDS = (1, 2, 5, 10, 20, 50, 100)  # epochs per frame the user can pick


def state_key(page: str) -> str:
    """The session_state key of a page's player state."""
    return f"player:{page}"


def current(page: str, spec: engine.RunSpec) -> dict:
    """This page's player state, synced to the run of `spec` (and stored back)."""
    state = player.synced(st.session_state.get(state_key(page)), spec)
    st.session_state[state_key(page)] = state
    return state


def _update(page: str, change, *args) -> None:
    st.session_state[state_key(page)] = change(st.session_state[state_key(page)], *args)


def controls(page: str, run: engine.Run, ticking: bool) -> dict:
    """Draw Play/Pause, Step, Reset, Show all and the speed; advance one frame when playing; return the state.

    Call inside a fragment defined with run_every=TICK_SECONDS exactly when `ticking`; when a button starts or
    stops playing, the app reruns so that the fragment's timer follows.
    """
    finished, points = len(run.history), len(run.data)
    state = st.session_state[state_key(page)]
    speed = st.session_state.get(f"player_speed:{page}", SPEEDS[1])
    if state["playing"] and ticking:  # one frame
        state = player.advance(state, speed, finished)
        st.session_state[state_key(page)] = state
    if state["playing"] != ticking:  # started or stopped: the fragment's timer must follow
        st.rerun()
    row = st.container(horizontal=True, vertical_alignment="bottom", key=f"player_row_{page}")
    if state["playing"]:
        row.button("Pause", icon=":material/pause:", key="player_pause", on_click=_update, args=(page, player.pause),
                   help="Stop here; a setting changed while paused restarts from the new setting.")
    else:
        row.button("Play", icon=":material/play_arrow:", key="player_play", type="primary",
                   on_click=_update, args=(page, player.play), help="Reveal the run epoch by epoch.")
    row.button("Step one epoch", icon=":material/skip_next:", key="player_step_epoch", on_click=_update,
               args=(page, player.step_epoch, finished))
    per_sample = run.mode == "sgd"
    row.button("Step one sample", icon=":material/step:", key="player_step_sample", on_click=_update,
               args=(page, player.step_sample, points, finished), disabled=not per_sample,
               help="One per-sample update, as in the seed notebook." if per_sample
               else "Only in sgd mode: mini-batch and batch modes update once per batch.")
    row.button("Reset", icon=":material/replay:", key="player_reset", on_click=_update, args=(page, player.reset),
               help="Back to the starting values.")
    row.button("Show all", icon=":material/last_page:", key="player_show_all", on_click=_update,
               args=(page, player.show_all), disabled=not player.engaged(state), help="Show the whole run again.")
    row.select_slider("Playback speed", SPEEDS, value=SPEEDS[1], key=f"player_speed:{page}", width=240,
                      format_func=lambda count: f"{count} per frame", help="How many epochs each frame reveals.")
    st.markdown(f"**{player.counter(state, finished, points)}**")
    return state


CONTINUE_FROM = "player:continue_from"  # the starting values of the model the fit chart shows now


def offer_continue(values: dict, disabled: bool = False) -> None:
    """Record the model the charts show (inside their fragment) as what "Continue training from here" takes.

    values : {widget key: value} that make the shown model the starting point."""
    st.session_state[CONTINUE_FROM] = (values, disabled)


def continue_button(where) -> None:
    """"Continue training from here": the shown model's parameters become the starting values.

    Drawn outside the charts' fragment, so a click reruns the whole page and the sidebar's fields (and with them
    the link) take the values; it reads them at the click, so it follows the fragment's scrubbing. Continuing is
    always this explicit step."""
    values, disabled = st.session_state.get(CONTINUE_FROM, ({}, True))

    def take() -> None:
        for key, value in st.session_state.get(CONTINUE_FROM, ({}, True))[0].items():
            st.session_state[key] = value

    where.button("Continue training from here", icon=":material/fast_forward:", key="player_continue",
                 on_click=take, disabled=disabled or not values,
                 help="Start a new run from the parameters the fit chart shows now: they become the starting values "
                      "(and the link follows). Nothing continues by accident." if not disabled else
                      "The parameters shown are too large to start from.")


class Frame(NamedTuple):
    """One drawing of the charts that move while a run plays.

    state : the player's state; history : the run's history up to the shown epoch; engaged : the player is in use (epoch
    axes then stay fixed to the whole run: `epochs`); last : the run's last epoch; style : how charts are drawn
    (no numbers tables while ticking).
    """

    state: dict
    history: pd.DataFrame
    engaged: bool
    last: int
    style: charts.Style

    @property
    def epochs(self) -> tuple[int, int] | None:
        """The epoch axis to keep while the player is engaged (the whole run), else None (fit the data)."""
        return (0, self.last) if self.engaged else None

    def scrubbed(self, run: engine.Run, link: Link, where):
        """The model the fit chart shows and when, in words ("at epoch 7", or the player's moment).

        While the player is engaged that is its moment; otherwise an Epoch slider (URL key "epoch") picks it.
        """
        if self.engaged:
            return player.shown_model(run, self.state), player.moment(self.state)
        at = link.slider(where, "Epoch", "epoch", 0, self.last, self.last, why="the run's last epoch") \
            if self.last > 0 else 0
        return player.shown_model(run, self.state, at), f"at epoch {at}"


def frame(page: str, run: engine.Run, style: charts.Style, ticking: bool) -> Frame:
    """Draw the player's controls and return the frame they select."""
    state = controls(page, run, ticking)
    engaged = player.engaged(state)
    return Frame(state, player.visible(run.history, state), engaged, len(run.history) - 1,
                 dataclasses.replace(style, ticking=ticking))
