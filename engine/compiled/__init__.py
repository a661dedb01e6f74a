"""The training loop, compiled: per-sample, mini-batch or full-batch gradient descent on a layered net.

Every model trains here as layers (its `sizes`): Linear is one layer of 1 x 1, the seed's MLP two layers
(2 x 1 hidden, 1 x 2 output), a Network any stack. Parameters are one flat vector, layer by layer, each
layer its weights W (n_out, n_in) row by row, then its biases b (n_out,): the models' own `names` order.

Lanes: the loop trains R runs side by side (arrays carry a last axis of R), each lane with its own
parameters and learning rates and its own arithmetic, never mixed with another lane's. A single run is
one lane; a learning-rate sweep or an initialization sweep is many. The innermost loops run over lanes,
so many runs cost little more than one.

The arithmetic is the seed notebook's, operation for operation (each sum starts at 0.0 and adds in unit
order, every gradient is computed from the parameters before the update), so the seed's runs come out
bit for bit as the notebook printed them, and exported scripts (engine/program.py) run the same
operations in plain Python. The activations are engine/activations.py's own plain-Python functions,
compiled.

Modules: jit.py (how everything is compiled, and the activations), layers.py (forward, backward and the
MSE over a layered net), optimizers.py (one update step), loop.py (the epochs). No Python objects cross
into the loop: engine/training.py turns models and settings into arrays and codes.
"""

from .jit import IDENTITY, LEAKY_RELU, RELU, SIGMOID, TANH
from .loop import run_epochs
from .optimizers import ADAM, RMSPROP, SGD, STATE_ROWS

__all__ = ["ADAM", "IDENTITY", "LEAKY_RELU", "RELU", "RMSPROP", "SGD", "SIGMOID", "STATE_ROWS", "TANH", "run_epochs"]
