"""Backprop Playground's engine: hand-written backprop for tiny models, pure numpy and pandas.

    import engine
    data = engine.Dataset(x=[1, 2, 3, 4], y=[2, 4, 6, 8])
    run = engine.train(engine.Linear(w=0.0, b=0.0), data, lr=0.01, epochs=100)
    run.history, run.model, run.predict(7), run.diverged_at
    deep = engine.train(engine.Network.init((8, 8), "he", 0, "tanh"), data, lr=0.01, epochs=100)
    deep.gradient_flow   # each layer's weight-gradient size per epoch
    train_part, held_out = data.split(0.25, seed=0)
    engine.train(engine.Linear(), train_part, lr=0.01, epochs=100, optimizer=engine.Adam(),
                 schedule=engine.StepLR(30, 0.5), l1=0.01, test=held_out)   # PyTorch's semantics
"""

from .activations import ACTIVATIONS
from .data import KINDS, Dataset, make_dataset
from .diagnostics import dead_units, flow_ratio
from .divergence import GREW, blew_up, start_mse
from .export import export_script
from .landscape import curvatures, epoch_matrix, least_squares, loss_surface, stable_lr
from .ledger import gradient_check, gradients, ledger, sample_loss
from .models import MAX_WIDTH, MLP, SCHEMES, Linear
from .network import MAX_DEEP_WIDTH, MAX_DEPTH, Network
from .optimizers import OPTIMIZERS, SCHEDULES, SGD, Adam, ConstantLR, CosineLR, ExponentialLR, RMSprop, StepLR
from .sweeps import init_sweep, sweep
from .training import MODES, Run, RunSpec, before_step, model_before_step, train

__all__ = [
    "ACTIVATIONS", "Adam", "ConstantLR", "CosineLR", "Dataset", "ExponentialLR", "GREW", "KINDS", "Linear",
    "MAX_DEEP_WIDTH", "MAX_DEPTH", "MAX_WIDTH", "MLP", "MODES", "Network", "OPTIMIZERS", "RMSprop", "Run",
    "RunSpec", "SCHEDULES", "SCHEMES", "SGD", "StepLR", "before_step", "blew_up", "curvatures", "dead_units",
    "epoch_matrix", "export_script", "flow_ratio", "gradient_check", "gradients", "init_sweep", "least_squares",
    "ledger", "loss_surface", "make_dataset", "model_before_step", "sample_loss", "stable_lr", "start_mse", "sweep",
    "train",
]
