"""Training by gradient descent on the squared error, recording every epoch.

A run is described by one value, `RunSpec` (the model to start from, the data, the learning rate, the
epochs, the update mode and batch size): frozen and hashable, so a cache can key on it, and carried by the
`Run` that `train` returns. The loop itself is compiled (engine/compiled/).
"""

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from . import compiled as kernel
from .activations import ACTIVATIONS
from .checks import one_of, positive_number, whole_number
from .data import Dataset
from .network import MODELS

MODES = ("sgd", "minibatch", "batch")
BLOCK = 1024  # epochs recorded per call of the compiled loop: a long run's record grows as its epochs finish


@dataclass(frozen=True)
class RunSpec:
    """Everything that defines a training run; `train(spec)` gives the same Run for equal specs.

    model : the model training starts from (engine.Linear, engine.MLP or engine.Network), unchanged by training.
    data : the training points, visited in order.
    lr : the learning rate (> 0).  epochs : whole number >= 1.
    mode : "sgd" updates after each sample in data order (the seed), "minibatch" after each consecutive
        chunk of `batch_size` samples (the last chunk may be smaller) with the chunk's mean gradient,
        "batch" once per epoch with the mean over all samples.
    batch_size : 1..len(data), only for "minibatch" (None otherwise: the other modes have no batch size).
    Raises ValueError naming the setting that is wrong.
    """

    model: object
    data: Dataset
    lr: float
    epochs: int
    mode: str = "sgd"
    batch_size: int | None = None

    def __post_init__(self):
        if not isinstance(self.model, MODELS):
            raise ValueError(
                f"model must be engine.Linear, engine.MLP or engine.Network, got {type(self.model).__name__}")
        if not isinstance(self.data, Dataset):
            raise ValueError(f"data must be an engine.Dataset, got {type(self.data).__name__}")
        object.__setattr__(self, "lr", positive_number(self.lr, "learning rate"))
        object.__setattr__(self, "epochs", whole_number(self.epochs, "epochs", 1))
        one_of(self.mode, "mode", MODES)
        if self.batch_size is not None:
            object.__setattr__(self, "batch_size", whole_number(self.batch_size, "batch_size", 1, len(self.data)))
        if self.mode == "minibatch" and self.batch_size is None:
            raise ValueError(f"mode 'minibatch' needs a batch_size between 1 and {len(self.data)}")
        if self.mode != "minibatch":
            object.__setattr__(self, "batch_size", None)

    @property
    def chunk(self) -> int:
        """Samples per update: 1 (sgd), batch_size (minibatch) or every sample (batch)."""
        return {"sgd": 1, "batch": len(self.data)}.get(self.mode) or self.batch_size

    def with_changes(self, **changes) -> "RunSpec":
        """This spec with some fields replaced (validated again)."""
        fields = {name: getattr(self, name) for name in self.__dataclass_fields__}
        return RunSpec(**{**fields, **changes})


@dataclass(frozen=True, eq=False)
class Run:
    """The result of `train`.

    spec : the RunSpec that made it (its model is the starting model).
    history : DataFrame, one row per finished epoch: epoch (0-based), loss (sum of each sample's squared
        error before its update, the seed's total_loss), mse (mean squared error of the end-of-epoch
        parameters), then one column per parameter (end-of-epoch values, in `model.names` order).
    activity : DataFrame of epoch, layer and unit (1-based: hidden layer, unit within it), active_fraction
        (share of points with z > 0 under the end-of-epoch parameters); no rows for Linear.
    gradient_flow : DataFrame of epoch, layer (1-based, every layer with weights: the hidden layers, then the
        output layer), size: the mean, over the epoch's updates, of the Frobenius norm sqrt(sum dL/dW_ji^2) of
        that layer's weight gradient as the update used it (one sample's in sgd, the chunk's mean in minibatch
        and batch). Vanishing gradients show as sizes that shrink layer by layer towards the input.
    model : the model at the end of the last finite epoch (the initial model if epoch 0 diverged).
    diverged_at : None, or the first epoch whose loss, MSE or parameters stopped being finite; training
        stops there, and history holds only the epochs before it.
    """

    spec: RunSpec
    model: object
    history: pd.DataFrame
    activity: pd.DataFrame
    gradient_flow: pd.DataFrame
    diverged_at: int | None

    initial = property(lambda self: self.spec.model, doc="The model training started from.")
    data = property(lambda self: self.spec.data, doc="The training data.")
    lr = property(lambda self: self.spec.lr, doc="The learning rate.")
    epochs = property(lambda self: self.spec.epochs, doc="The epochs asked for.")
    mode = property(lambda self: self.spec.mode, doc="The update mode.")
    batch_size = property(lambda self: self.spec.chunk, doc="Samples per update (1 in sgd, all in batch).")

    def predict(self, x):
        """The trained model's prediction: a float for a number, an ndarray for an array."""
        return self.model.predict(x)

    @property
    def final_mse(self) -> float:
        """MSE of the trained model, or NaN when the run diverged."""
        return math.nan if self.diverged_at is not None else float(self.history["mse"].iloc[-1])


def train(model, data: Dataset | None = None, lr: float | None = None, epochs: int | None = None, mode: str = "sgd",
          batch_size: int | None = None) -> Run:
    """Train a copy of `model` on `data`; the model passed in is unchanged.

    train(spec) trains a RunSpec; train(model, data, lr, epochs, mode, batch_size) is train(RunSpec(...)).
    """
    spec = model if isinstance(model, RunSpec) else RunSpec(model, data, lr, epochs, mode, batch_size)
    lanes = Lanes(spec, np.array(spec.model.theta, dtype=float)[:, None], np.full((spec.epochs, 1), spec.lr))
    records = [lanes.run(start, record=True) for start in range(0, spec.epochs, BLOCK) if lanes.running]
    done = spec.epochs if lanes.diverged_at[0] < 0 else int(lanes.diverged_at[0])
    params = np.concatenate([record.params[:, :, 0] for record in records])[:done]
    history = pd.DataFrame({"epoch": np.arange(done),
                            "loss": np.concatenate([record.loss[:, 0] for record in records])[:done],
                            "mse": np.concatenate([record.mse[:, 0] for record in records])[:done],
                            **dict(zip(spec.model.names, params.T))})
    active = np.concatenate([record.active[:, :, 0] for record in records])[:done] / len(spec.data)
    sizes = np.concatenate([record.gradient_size[:, :, 0] for record in records])[:done]
    final = spec.model.with_theta(tuple(params[-1])) if done else spec.model
    return Run(spec=spec, model=final, history=history, activity=_activity(active, spec.model.sizes[1:-1]),
               gradient_flow=_flow(sizes), diverged_at=None if done == spec.epochs else done)


class Record:
    """What the compiled loop records for a block of epochs, every lane (see kernel.run_epochs)."""

    def __init__(self, epochs: int, model, lanes: int, full: bool):
        P, layers = len(model.theta), len(model.sizes) - 1
        self.loss, self.mse, self.test_mse = (np.empty((epochs, lanes)) for _ in range(3))
        self.params = np.empty((epochs if full else 0, P, lanes))
        self.active = np.zeros((epochs if full else 0, model.width, lanes), np.int64)
        self.gradient_size = np.empty((epochs, layers, lanes))

    def arrays(self) -> tuple:
        """The arrays in kernel.run_epochs's argument order."""
        return self.loss, self.mse, self.test_mse, self.params, self.active, self.gradient_size

    def cut(self, epochs: int) -> "Record":
        """Only the first `epochs` epochs."""
        for name in ("loss", "mse", "test_mse", "params", "active", "gradient_size"):
            setattr(self, name, getattr(self, name)[:epochs])
        return self


class Lanes:
    """Runs of one spec's model structure, data and mode, trained side by side by the compiled loop.

    theta0 : (P, R) starting parameters, one column a lane.  lrs : (epochs, R) learning rates per epoch and lane.
    """

    def __init__(self, spec: RunSpec, theta0: np.ndarray, lrs: np.ndarray, max_steps: int = -1):
        self.spec, self.lrs, self.max_steps = spec, lrs, max_steps
        self.theta = np.ascontiguousarray(theta0, dtype=float)
        self.state = np.zeros((kernel.STATE_ROWS, *self.theta.shape))
        self.steps = 0
        self.diverged_at = np.full(self.theta.shape[1], -1, dtype=np.int64)
        activation = getattr(spec.model, "activation", None) or "identity"
        self.net = (np.array(spec.model.sizes, dtype=np.int64), list(ACTIVATIONS).index(activation))
        self.points = (np.array(spec.data.x, dtype=float), np.array(spec.data.y, dtype=float))  # writable copies

    @property
    def running(self) -> bool:
        """Some lane is still finite and the step limit is not reached."""
        return bool((self.diverged_at < 0).any()) and self.steps != self.max_steps

    def run(self, start: int, record: bool) -> Record:
        """Epochs start .. start + BLOCK - 1 (or to the end); record=False keeps only losses, MSEs and sizes."""
        lrs = np.ascontiguousarray(self.lrs[start : start + BLOCK])
        block = Record(len(lrs), self.spec.model, self.theta.shape[1], record)
        diverged_here = np.where(self.diverged_at < 0, -1, 0)  # the loop marks lanes as they diverge
        done, self.steps = kernel.run_epochs(
            self.theta, self.state, self.steps, *self.net, *self.points, self.spec.chunk, lrs, kernel.SGD,
            np.zeros(4), 0.0, _EMPTY, _EMPTY, self.max_steps, *block.arrays(), diverged_here,
            None if self.theta.shape[1] == 1 else self.theta.shape[1])
        newly = (self.diverged_at < 0) & (diverged_here >= 0)
        self.diverged_at[newly] = start + diverged_here[newly]
        return block.cut(done)


_EMPTY = np.empty(0)


def _activity(fractions: np.ndarray, widths: tuple[int, ...]) -> pd.DataFrame:
    epochs, width = fractions.shape
    layer = np.repeat(np.arange(1, len(widths) + 1), widths)
    unit = np.concatenate([np.arange(1, w + 1) for w in widths]) if width else np.zeros(0, np.int64)
    return pd.DataFrame({"epoch": np.repeat(np.arange(epochs), width), "layer": np.tile(layer, epochs),
                         "unit": np.tile(unit, epochs), "active_fraction": fractions.reshape(-1)})


def _flow(sizes: np.ndarray) -> pd.DataFrame:
    epochs, layers = sizes.shape
    return pd.DataFrame({"epoch": np.repeat(np.arange(epochs), layers), "layer": np.tile(np.arange(1, layers + 1),
                                                                                           epochs),
                         "size": sizes.reshape(-1)})


def model_before_step(model, data: Dataset, lr: float, epoch: int, sample: int):
    """The model just before the per-sample (sgd) update on sample `sample` (0-based) of epoch `epoch`.

    Equal to training `epoch` whole epochs, then the first `sample` updates of the next one (the same
    compiled loop, stopped after epoch * len(data) + sample updates). Raises ValueError when training
    diverges before that step (there is no finite model to show).
    """
    spec = RunSpec(model, data, lr, whole_number(epoch, "epoch", 0) + 1)
    sample = whole_number(sample, "sample", 0, len(data) - 1)
    steps = epoch * len(data) + sample
    if steps == 0:
        return model
    lanes = Lanes(spec, np.array(model.theta, dtype=float)[:, None], np.full((spec.epochs, 1), spec.lr), steps)
    while lanes.running:
        lanes.run(lanes.steps // len(data), record=False)
    if lanes.diverged_at[0] >= 0:
        raise ValueError(f"training diverged in epoch {lanes.diverged_at[0]}, before epoch {epoch}, sample {sample}: "
                         "pick an earlier step or a smaller learning rate")
    return model.with_theta(tuple(lanes.theta[:, 0]))
