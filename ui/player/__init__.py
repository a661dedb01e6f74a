"""Watch a run learn: play, pause, step (one epoch or one sample) and reset, over a run computed once.

state.py holds the state's pure functions, view.py the buttons and the frame they select.
"""

from . import state
from .view import TICK_SECONDS, Frame, continue_button, current, frame, offer_continue

__all__ = ["TICK_SECONDS", "Frame", "continue_button", "current", "frame", "offer_continue", "state"]
