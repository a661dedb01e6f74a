"""The player's state, as pure functions: a dict in, a new dict out (tests call them directly).

    {"spec": RunSpec, "epoch": int | None, "sample": int, "playing": bool}

epoch : None while the player is idle: the whole run is shown, as when the page opens. Otherwise the number of
    finished epochs shown (0 = only the starting values), and `sample` the per-sample (sgd) updates of the next
    epoch shown on top of them.
spec : the run the state belongs to; when the settings change (another spec), an engaged player restarts from
    the start of the new run (a paused player stays paused, a playing one keeps playing).
"""

import pandas as pd

import engine

IDLE = {"epoch": None, "sample": 0, "playing": False}


def synced(state: dict | None, spec: engine.RunSpec) -> dict:
    """The state for the run of `spec`: a new run restarts an engaged player from its start."""
    if state is None:
        return {"spec": spec, **IDLE}
    if state["spec"] == spec:
        return state
    if state["epoch"] is None:
        return {**state, "spec": spec}
    return {**state, "spec": spec, "epoch": 0, "sample": 0}


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


def visible(frame: pd.DataFrame, state: dict) -> pd.DataFrame:
    """The rows of a run's history or activity (column epoch) that the player has revealed."""
    return frame if not engaged(state) else frame[frame["epoch"] < state["epoch"]]


def shown_model(run: engine.Run, state: dict, epoch: int | None = None):
    """The model the player shows: after `state["epoch"]` epochs and `state["sample"]` updates of the next.

    epoch : for an idle player, the (0-based) history row to show, e.g. the page's scrubbed epoch;
        None means the trained model.
    """
    params = run.history[list(run.initial.names)].to_numpy()  # row e: the parameters after epoch e
    if not engaged(state):
        if epoch is None:
            return run.model
        return run.initial.with_theta(tuple(params[epoch]))
    model = run.initial
    if state["epoch"] > 0:
        model = model.with_theta(tuple(params[state["epoch"] - 1]))
    if state["sample"] > 0:  # the next epoch's first updates, one sample each (as engine.model_before_step)
        model = engine.model_before_step(model, run.data, run.lr, 0, state["sample"])
    return model


def counter(state: dict, finished: int, points: int) -> str:
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
