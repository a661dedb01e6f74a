"""Backprop Playground's engine: hand-written backprop for tiny models, pure numpy and pandas."""

from .activations import ACTIVATIONS
from .data import KINDS, Dataset, make_dataset
from .models import MAX_WIDTH, MLP, SCHEMES, Linear
from .training import MODES, Run, sweep, train

__all__ = ["ACTIVATIONS", "KINDS", "MAX_WIDTH", "MODES", "SCHEMES", "Dataset", "Linear", "MLP", "Run",
           "make_dataset", "sweep", "train"]
