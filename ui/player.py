"""Watch a run learn: play, pause, step (one epoch or one sample) and reset, over a run computed once.

The run itself is trained once (ui/compute.train, cached); the player only decides how much of it to show.
Its state is a plain dict in st.session_state, one per page:

    {"signature": str, "epoch": int | None, "sample": int, "playing": bool}

epoch : None while the player is idle: the whole run is shown, as when the page opens. Otherwise the number
    of finished epochs shown (0 = only the starting values), and `sample` the per-sample (sgd) updates of the
    next epoch shown on top of them.
signature : a digest of the run's settings; when the settings change, an engaged player restarts from the
    start of the new run (a paused player stays paused, a playing one keeps playing).

The functions that change the state are pure (a dict in, a new dict out), so tests call them directly;
`controls` draws the buttons, and pages call it inside their `@st.fragment(run_every=...)`.
"""

import hashlib
from typing import NamedTuple

import pandas as pd
import streamlit as st

import engine

from . import charts, presenter, settings

TICK_SECONDS = 0.5  # time between two frames while playing
SPEEDS = (1, 2, 5, 10, 20, 50, 100)  # epochs per frame the user can pick
IDLE = {"epoch": None, "sample": 0, "playing": False}


# ---- the state, as pure functions ------------------------------------------------------------------


def signature(*settings) -> str:
    """A short digest of everything that defines a run (its repr), to notice when a setting changes."""
    return hashlib.sha256(repr(settings).encode()).hexdigest()[:16]


def synced(state: dict | None, sig: str) -> dict:
    """The state for a run with signature `sig`: a new run restarts an engaged player from its start."""
    if state is None:
        return {"signature": sig, **IDLE}
    if state["signature"] == sig:
        return state
    if state["epoch"] is None:
        return {**state, "signature": sig}
    return {**state, "signature": sig, "epoch": 0, "sample": 0}


def engaged(state: dict) -> bool:
    """True when the player shows part of the run (False: the whole run, as the page opens)."""
    return state["epoch"] is not None


def play(state: dict) -> dict:
    """Start playing: from where it is paused, or from the start when the whole run was shown."""
    return {**state, "epoch": state["epoch"] if engaged(state) else 0, "sample": 0, "playing": True}


def pause(state: dict) -> dict:
    """Stop playing and keep everything shown as it is."""
    return {**state, "playing": False}


def reset(state: dict) -> dict:
    """Back to the starting values, paused."""
    return {**state, "epoch": 0, "sample": 0, "playing": False}


def show_all(state: dict) -> dict:
    """Show the whole run again (the page as it opens)."""
    return {**state, **IDLE}


def advance(state: dict, epochs: int, finished: int) -> dict:
    """`epochs` more epochs; at the run's end (`finished` epochs, fewer if it diverged) show all and stop."""
    start = state["epoch"] if engaged(state) else 0
    epoch = start + epochs
    if epoch >= finished:
        return show_all(state)
    return {**state, "epoch": epoch, "sample": 0}


def step_epoch(state: dict, finished: int) -> dict:
    """One epoch forward, paused (from the whole run: the first epoch)."""
    return pause(advance(state, 1, finished)) if engaged(state) else pause(advance(reset(state), 1, finished))


def step_sample(state: dict, points: int, finished: int) -> dict:
    """One per-sample update forward, paused; after the last sample of an epoch, the epoch is finished."""
    state = pause(state if engaged(state) else reset(state))
    if state["sample"] + 1 < points:
        return {**state, "sample": state["sample"] + 1}
    return advance(state, 1, finished)


# ---- what the state shows --------------------------------------------------------------------------


def visible(frame: pd.DataFrame, state: dict) -> pd.DataFrame:
    """The rows of a run's history or activity (column epoch) that the player has revealed."""
    return frame if not engaged(state) else frame[frame["epoch"] < state["epoch"]]


def shown_model(run: engine.Run, state: dict, epoch: int | None = None):
    """The model the player shows: after `state["epoch"]` epochs and `state["sample"]` updates of the next.

    epoch : for an idle player, the (0-based) history row to show, e.g. the page's scrubbed epoch;
        None means the trained model.
    """
    history = run.history
    if not engaged(state):
        if epoch is None:
            return run.model
        return run.initial.with_theta(tuple(history.loc[history["epoch"] == epoch, list(run.initial.names)].iloc[0]))
    model = run.initial
    if state["epoch"] > 0:
        model = model.with_theta(tuple(history.iloc[state["epoch"] - 1][list(model.names)]))
    if state["sample"] > 0:  # the next epoch's first updates, one sample each (as engine.model_before_step)
        model = engine.model_before_step(model, run.data, run.lr, 0, state["sample"])
    return model


def describe(state: dict, finished: int, points: int) -> str:
    """The counter shown above the charts, e.g. "Epochs trained: 12 of 100 (+ 2 of 4 samples of the next)"."""
    if not engaged(state):
        return f"Epochs trained: {finished} of {finished} (the whole run)"
    text = f"Epochs trained: {state['epoch']} of {finished}"
    if state["sample"]:
        text += f" (+ {state['sample']} of {points} samples of the next)"
    return text + (", playing" if state["playing"] else "")


def moment(state: dict) -> str:
    """What an engaged player shows, in words: "after 3 epoch(s)" or "after 3 epoch(s) and 2 sample(s)"."""
    text = f"after {state['epoch']} epoch(s)"
    return text + (f" and {state['sample']} sample(s)" if state["sample"] else "")


# ---- the controls ----------------------------------------------------------------------------------


def state_key(page: str) -> str:
    """The session_state key of a page's player state."""
    return f"player:{page}"


def current(page: str, sig: str) -> dict:
    """This page's player state, synced to the run with signature `sig` (and stored back)."""
    state = synced(st.session_state.get(state_key(page)), sig)
    st.session_state[state_key(page)] = state
    return state


def playing(page: str) -> bool:
    """Whether the page's player is playing (for the fragment's run_every, decided before drawing)."""
    state = st.session_state.get(state_key(page))
    return bool(state and state["playing"])


def _update(page: str, change, *args) -> None:
    st.session_state[state_key(page)] = change(st.session_state[state_key(page)], *args)


def controls(page: str, run: engine.Run, ticking: bool) -> dict:
    """Draw Play/Pause, Step, Reset, Show all and the speed; advance one frame when playing; return the state.

    Call inside a fragment defined with run_every=TICK_SECONDS exactly when `ticking`; when a button starts
    or stops playing, the app reruns so that the fragment's timer follows.
    """
    finished, points = len(run.history), len(run.data)
    state = st.session_state[state_key(page)]
    speed = st.session_state.get(f"player_speed:{page}", SPEEDS[1])
    if state["playing"] and ticking:  # one frame
        state = advance(state, speed, finished)
        st.session_state[state_key(page)] = state
    if state["playing"] != ticking:  # started or stopped: the fragment's timer must follow
        st.rerun()
    row = st.container(horizontal=True, vertical_alignment="bottom", key=f"player_row_{page}")
    if state["playing"]:
        row.button("Pause", icon=":material/pause:", key="player_pause", on_click=_update, args=(page, pause),
                   help="Stop here; a setting changed while paused restarts from the new setting.")
    else:
        row.button("Play", icon=":material/play_arrow:", key="player_play", type="primary",
                   on_click=_update, args=(page, play), help="Reveal the run epoch by epoch.")
    row.button("Step one epoch", icon=":material/skip_next:", key="player_step_epoch", on_click=_update,
               args=(page, step_epoch, finished))
    per_sample = run.mode == "sgd"
    row.button("Step one sample", icon=":material/step:", key="player_step_sample", on_click=_update,
               args=(page, step_sample, points, finished), disabled=not per_sample,
               help="One per-sample update, as in the seed notebook." if per_sample
               else "Only in sgd mode: mini-batch and batch modes update once per batch.")
    row.button("Reset", icon=":material/replay:", key="player_reset", on_click=_update, args=(page, reset),
               help="Back to the starting values.")
    row.button("Show all", icon=":material/last_page:", key="player_show_all", on_click=_update,
               args=(page, show_all), disabled=not engaged(state), help="Show the whole run again.")
    row.select_slider("Playback speed", SPEEDS, value=SPEEDS[1], key=f"player_speed:{page}", width=240,
                      format_func=lambda count: f"{count} per frame", help="How many epochs each frame reveals.")
    st.markdown(f"**{describe(state, finished, points)}**")
    return state


def continue_button(where, values: dict, disabled: bool = False) -> None:
    """"Continue training from here": the shown model's parameters become the starting values.

    values : {widget key: value} that make the shown model the starting point; set in a callback, so the
        widgets, and with them the link, follow. Continuing is always this explicit step.
    """

    def take() -> None:
        for key, value in values.items():
            st.session_state[key] = value

    where.button("Continue training from here", icon=":material/fast_forward:", key="player_continue",
                 on_click=take, disabled=disabled,
                 help="Start a new run from the parameters shown now: they become the starting values (and the "
                      "link follows). Nothing continues by accident." if not disabled else
                      "The parameters shown are too large to start from.")


class Frame(NamedTuple):
    """One drawing of the charts that move while a run plays.

    state : the player's state; shown : the history up to the shown epoch; engaged : the player is in use
    (epoch axes then stay fixed to the whole run); last : the run's last epoch; view : the presenter view;
    ticking : playing right now.
    """

    state: dict
    shown: pd.DataFrame
    engaged: bool
    last: int
    view: object
    ticking: bool

    def follow(self, chart, low: int = 0):
        """`chart` with its epoch axis fixed to the whole run while the player is engaged."""
        return charts.epoch_domain(chart, low, self.last) if self.engaged else chart

    def scrubbed(self, run: engine.Run):
        """The model the fit chart shows and when, in words ("at epoch 7", or the player's moment).

        While the player is engaged that is its moment; otherwise an Epoch slider (URL key "epoch") picks it.
        """
        if self.engaged:
            return shown_model(run, self.state), moment(self.state)
        if st.session_state.get("epoch", 0) > self.last:
            del st.session_state["epoch"]  # a shorter run than the slider remembers
        at = (presenter.where(self.view, st, "fit").slider("Epoch", 0, self.last, self.last, key="epoch",
                                                           bind=settings.BIND) if self.last > 0 else 0)
        return shown_model(run, self.state, at), f"at epoch {at}"

    def show(self, chart) -> None:
        """Draw `chart` at presenter size; while playing, without a numbers table (it changes every frame)."""
        charts.draw(st, presenter.chart(self.view, chart), width="stretch", table=not self.ticking)


def frame(page: str, run: engine.Run, view, ticking: bool) -> Frame:
    """Draw the player's controls and return the frame they select."""
    state = controls(page, run, ticking)
    return Frame(state, visible(run.history, state), engaged(state), len(run.history) - 1, view, ticking)


def loss_section(shown: Frame, caption: str) -> None:
    """The loss-per-epoch chart with its log-scale toggle and a caption: the same on every training page."""
    st.subheader("Loss per epoch")
    log_scale = presenter.where(shown.view, st, "loss").toggle("Log scale", key="log", value=False,
                                                              bind=settings.BIND)
    shown.show(shown.follow(charts.loss_chart(shown.shown, log_scale)))
    st.caption(caption)
