"""The sentences the pages say about a run, each made from the fact that makes it true.

A function here takes facts (a run, its history, a stable learning rate) and returns the sentence, or None
when its fact does not hold, so a page shows a claim only where it is true. tests/SENTENCES.md lists every
kind of sentence and the fact that licenses it. Modules by subject: run (digits, divergence, prediction),
units (a net's units and layers, gradient flow), checks (the gradient check), sweeps, data (the data, the
batches and the line), optimizers (update rules, the race), update (the backprop page's one update).
"""

from .checks import gradient_check_caption, gradient_mismatch
from .data import batches, data_caption, held_out_split, line_formula, line_pace, line_target, valley
from .optimizers import adaptive, plain, race, scaled_steps, schedule_path, step_advice, update_rule
from .run import (
                  after_training,
                  divergence,
                  held_out,
                  line_advice,
                  net_advice,
                  pin_label,
                  prediction,
                  seed_digits,
                  start_advice,
)
from .sweeps import baseline, best_rate, init_sweep_intro, init_sweep_summary, lr_sweep, ranges
from .units import (
                  activity_map,
                  alive_summary,
                  biases,
                  deep_unit_lines,
                  gradient_flow,
                  input_weights,
                  network_title,
                  output_weights,
                  unit_lines,
                  units_heading,
)
from .update import parameters_before, update_caption, update_headline

__all__ = [
    "activity_map", "adaptive", "after_training", "alive_summary", "baseline", "batches", "best_rate", "biases",
    "data_caption", "deep_unit_lines", "divergence", "gradient_check_caption", "gradient_flow", "gradient_mismatch",
    "held_out", "held_out_split", "init_sweep_intro", "init_sweep_summary", "input_weights", "line_advice",
    "line_formula", "line_pace", "line_target", "lr_sweep", "net_advice", "network_title", "output_weights",
    "parameters_before", "pin_label", "plain", "prediction", "race", "ranges", "scaled_steps", "schedule_path",
    "seed_digits", "start_advice", "step_advice", "unit_lines", "units_heading", "update_caption",
    "update_headline", "update_rule", "valley",
]
