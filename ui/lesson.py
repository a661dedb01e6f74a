"""The start page's guided lesson: the scenarios in teaching order, each with what to notice and a question
for the class. Content only (no Streamlit); ui/sections/start.py draws it and steps through it with the URL key
`lesson` (the step's number, from 1).
"""

from typing import NamedTuple

from ui.scenarios import SCENARIOS, Scenario


class Step(NamedTuple):
    """One step of the lesson: a scenario, what to point out on its page, and what to ask the class."""

    scenario: Scenario
    notice: str
    question: str


LESSON = (
    Step(SCENARIOS[0],
         "The loss falls fast for the first few epochs, then crawls: w passes 1.9 only at epoch 54, and b first "
         "climbs to 0.59, then creeps back toward 0 (0.18 after 100 epochs).",
         "Why does b learn so much more slowly than w, when both start at 0 and see the same errors?"),
    Step(SCENARIOS[1],
         "Each step jumps to the other side of the valley on the loss surface, farther every time: "
         "the loss grows instead of shrinking.",
         "Somewhere between lr = 0.01 and 0.2 training stops converging. Where would you guess, and why there?"),
    Step(SCENARIOS[2],
         "Unit 2's kink sits outside the data and its parameters never move: every gradient through it is 0.",
         "If a unit's output is 0 on every data point, what does the chain rule say about its weight's gradient?"),
    Step(SCENARIOS[3],
         "With b₂ = 1 unit 2 fires on the data, so its parameters get gradients and both units learn (both kinks "
         "end outside the data, so on it the fit is still a straight line).",
         "Which single number did we change, and why was that enough to bring the unit back?"),
    Step(SCENARIOS[4],
         "The net places its kinks near x = 0 and adds up ramps to make a V; the linear model cannot.",
         "How many ReLU units does y = |x| need at the very least? What would one unit draw?"),
)


def clamp(step: int) -> int:
    """A step number (from 1) kept within the lesson: below 1 is 1, past the end is the last step."""
    return min(max(int(step), 1), len(LESSON))
