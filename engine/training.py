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
from .checks import finite_number, one_of, positive_number, whole_number
from .data import Dataset
from .network import MODELS
from .optimizers import OPTIMIZERS, SCHEDULES, SGD, ConstantLR

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
    optimizer : engine.SGD (default: plain SGD, the seed's), engine.RMSprop or engine.Adam; one optimizer step per
        update, with that update's (mean) gradient.
    schedule : engine.ConstantLR (default), StepLR, ExponentialLR or CosineLR: the learning rate per epoch.
    l1 : adds l1 * sum(|w|) over every weight (not the biases) to each update's loss: l1 * sign(w) (0 at w = 0) to
        each weight's gradient, before the optimizer's weight decay.
    test : held-out points (an engine.Dataset, e.g. from Dataset.split) whose MSE is recorded each epoch; never
        trained on. None: no held-out MSE.
    Raises ValueError naming the setting that is wrong.
    """

    model: object
    data: Dataset
    lr: float
    epochs: int
    mode: str = "sgd"
    batch_size: int | None = None
    optimizer: object = SGD()
    schedule: object = ConstantLR()
    l1: float = 0.0
    test: Dataset | None = None

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
        if not isinstance(self.optimizer, tuple(OPTIMIZERS.values())):
            raise ValueError(f"optimizer must be engine.SGD, engine.RMSprop or engine.Adam, got {self.optimizer!r}")
        if not isinstance(self.schedule, tuple(SCHEDULES.values())):
            raise ValueError("schedule must be engine.ConstantLR, engine.StepLR, engine.ExponentialLR or "
                             f"engine.CosineLR, got {self.schedule!r}")
        self.schedule.rates(self.lr, 1)  # a schedule that cannot start from this rate says so
        l1 = finite_number(self.l1, "l1")
        if l1 < 0:
            raise ValueError(f"l1 must be 0 or more, got {self.l1!r}")
        object.__setattr__(self, "l1", l1)
        if self.test is not None and not isinstance(self.test, Dataset):
            raise ValueError(f"test must be an engine.Dataset or None, got {type(self.test).__name__}")

    def rates(self) -> np.ndarray:
        """The learning rate in force during each epoch (the schedule's)."""
        return self.schedule.rates(self.lr, self.epochs)

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
        error before its update, the seed's total_loss; the data's loss, without the L1 penalty), mse (mean
        squared error of the end-of-epoch parameters), test_mse (the same on the held-out points, only when the
        spec has them), lr (the learning rate in force during the epoch), then one column per parameter
        (end-of-epoch values, in `model.names` order).
    state : the optimizer's state at the end: {"step": updates done, "buffer": {name: value}} with buffer the
        momentum buffer (SGD, RMSprop with momentum) or Adam's first moment, and "square": RMSprop's running
        average of squared gradients or Adam's second moment (zeros where the optimizer keeps none).
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
    state: dict | None = None

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
          batch_size: int | None = None, **options) -> Run:
    """Train a copy of `model` on `data`; the model passed in is unchanged.

    train(spec) trains a RunSpec; train(model, data, lr, epochs, mode, batch_size, optimizer=..., schedule=...,
    l1=..., test=...) is train(RunSpec(...)) (see RunSpec).
    """
    spec = model if isinstance(model, RunSpec) else RunSpec(model, data, lr, epochs, mode, batch_size, **options)
    rates = spec.rates()
    lanes = Lanes(spec, np.array(spec.model.theta, dtype=float)[:, None], rates[:, None])
    records = [lanes.run(start, record=True) for start in range(0, spec.epochs, BLOCK) if lanes.running]
    done = spec.epochs if lanes.diverged_at[0] < 0 else int(lanes.diverged_at[0])
    params = np.concatenate([record.params[:, :, 0] for record in records])[:done]
    test = {"test_mse": np.concatenate([record.test_mse[:, 0] for record in records])[:done]} if spec.test else {}
    history = pd.DataFrame({"epoch": np.arange(done),
                            "loss": np.concatenate([record.loss[:, 0] for record in records])[:done],
                            "mse": np.concatenate([record.mse[:, 0] for record in records])[:done],
                            **test, "lr": rates[:done], **dict(zip(spec.model.names, params.T))})
    active = np.concatenate([record.active[:, :, 0] for record in records])[:done] / len(spec.data)
    sizes = np.concatenate([record.gradient_size[:, :, 0] for record in records])[:done]
    final = spec.model.with_theta(tuple(params[-1])) if done else spec.model
    return Run(spec=spec, model=final, history=history, activity=_activity(active, spec.model.sizes[1:-1]),
               gradient_flow=_flow(sizes), diverged_at=None if done == spec.epochs else done,
               state=lanes.state_of(0))


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
        held = spec.test
        self.settings = (spec.optimizer.code, spec.optimizer.hyper(), spec.l1,
                         np.array(held.x, dtype=float) if held else _EMPTY,
                         np.array(held.y, dtype=float) if held else _EMPTY)

    def state_of(self, lane: int) -> dict:
        """The optimizer's state in one lane (see Run.state)."""
        names = self.spec.model.names
        return {"step": self.steps, "buffer": dict(zip(names, map(float, self.state[0, :, lane]))),
                "square": dict(zip(names, map(float, self.state[1, :, lane])))}

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
            self.theta, self.state, self.steps, *self.net, *self.points, self.spec.chunk, lrs, *self.settings,
            self.max_steps, *block.arrays(), diverged_here,
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
    return before_step(RunSpec(model, data, lr, whole_number(epoch, "epoch", 0) + 1), epoch, sample)[0]


def before_step(spec: RunSpec, epoch: int, sample: int) -> tuple:
    """(model, optimizer state) just before the per-sample update on sample `sample` of epoch `epoch`, training
    as `spec` says (its optimizer, schedule, penalty) one sample at a time (sgd mode, whatever the spec's mode).
    The state is as Run.state describes it; its "lr" is the rate that update uses. ValueError when training
    diverges before that step."""
    epoch = whole_number(epoch, "epoch", 0)
    sample = whole_number(sample, "sample", 0, len(spec.data) - 1)
    spec = spec.with_changes(mode="sgd", batch_size=None, epochs=epoch + 1)
    steps = epoch * len(spec.data) + sample
    rates = spec.rates()
    lanes = Lanes(spec, np.array(spec.model.theta, dtype=float)[:, None], rates[:, None], steps)
    while steps and lanes.running:
        lanes.run(lanes.steps // len(spec.data), record=False)
    if lanes.diverged_at[0] >= 0:
        raise ValueError(f"training diverged in epoch {lanes.diverged_at[0]}, before epoch {epoch}, sample {sample}: "
                         "pick an earlier step or a smaller learning rate")
    return spec.model.with_theta(tuple(lanes.theta[:, 0])), {**lanes.state_of(0), "lr": float(rates[epoch])}
