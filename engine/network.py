"""A network of any depth: layers of units, each z = W a + b, then a = f(z); the last layer is the linear output.

    net = engine.Network.init((8, 8), "he", seed=0, activation="tanh")     # 1 -> 8 -> 8 -> 1
    net = engine.Network(weights=[[[0.1], [-0.1]], [[0.1, 0.1]]], biases=[[0, 0], [0]])   # the seed's net

Layer k (1-based) has weights W_k of shape (n_out, n_in) and biases b_k of shape (n_out,). Its parameters are
named w{k}_{j}_{i} (the weight from unit i of the layer below, or the input, to unit j) and b{k}_{j}, 1-based,
and `theta` lists them layer by layer, each layer's weights row by row, then its biases: the compiled loop's
order, so an `MLP` and the equivalent one-hidden-layer `Network` train bit for bit alike.
"""

from dataclasses import dataclass

import numpy as np

from .activations import ACTIVATIONS
from .checks import one_of, whole_number
from .models import MAX_WIDTH, MLP, SCHEMES, Kernels, Linear, _predict

MAX_DEPTH = 4  # hidden layers
MAX_DEEP_WIDTH = 8  # units per hidden layer when there are 2 or more (one hidden layer takes MLP's 1 to MAX_WIDTH)


SHAPES = {2: "a table of numbers (n_out rows of n_in numbers)", 1: "a flat list of numbers"}


def _array(values, name: str, ndim: int) -> np.ndarray:
    """`values` as a finite float ndarray of `ndim` dimensions (2: a layer's weights, 1: its biases), or ValueError."""
    try:
        array = np.array(values, dtype=float)
    except (TypeError, ValueError, OverflowError):
        raise ValueError(f"{name} must be {SHAPES[ndim]}, got {values!r}") from None
    if array.ndim != ndim:
        raise ValueError(f"{name} must be {SHAPES[ndim]}, got shape {array.shape}")
    if not np.isfinite(array).all():
        raise ValueError(f"{name} must hold finite numbers (no NaN or infinity)")
    return array


def check_widths(widths) -> tuple[int, ...]:
    """Hidden widths as a tuple of ints: 1 to MAX_DEPTH layers of 1 to MAX_DEEP_WIDTH units (one layer: 1 to
    MAX_WIDTH). Raises ValueError saying what to change."""
    if isinstance(widths, (str, bytes)) or not hasattr(widths, "__iter__"):
        raise ValueError(f"widths must be a list of hidden-layer widths such as (8, 8), got {widths!r}")
    widths = tuple(widths)
    if not 1 <= len(widths) <= MAX_DEPTH:
        raise ValueError(f"a network has 1 to {MAX_DEPTH} hidden layers, got {len(widths)}")
    most = MAX_WIDTH if len(widths) == 1 else MAX_DEEP_WIDTH
    return tuple(whole_number(width, f"width of hidden layer {k}", 1, most) for k, width in enumerate(widths, 1))


# what Network.init draws for each scheme, in words (its code below is the same, one branch a scheme)
SCHEME_FORMULAS = {"he": "W ~ N(0, 2/fan_in)", "xavier": "W ~ N(0, 2/(fan_in + fan_out))",
                   "uniform": "W ~ U(-1, 1)/√fan_in"}


@dataclass(frozen=True)
class Network:
    """A 1-input, 1-output network: weights[k] of shape (n_out, n_in), biases[k] of shape (n_out,), hidden layers
    use `activation` (a key of ACTIVATIONS), the last layer is the linear output unit. Stored as nested tuples
    (frozen, hashable); `weight_arrays()` and `bias_arrays()` give ndarrays. Raises ValueError for shapes that do
    not chain from 1 input to 1 output, for widths or depths out of range, and for non-finite values."""

    weights: tuple
    biases: tuple
    activation: str = "relu"

    def __post_init__(self):
        if isinstance(self.weights, (str, bytes)) or not hasattr(self.weights, "__len__"):
            raise ValueError("weights must be a list of one table per layer")
        if isinstance(self.biases, (str, bytes)) or not hasattr(self.biases, "__len__"):
            raise ValueError("biases must be a list of one list per layer")
        if len(self.weights) != len(self.biases):
            raise ValueError(f"weights and biases need one entry per layer: got {len(self.weights)} and "
                             f"{len(self.biases)}")
        if len(self.weights) < 2:
            raise ValueError("a network needs at least one hidden layer and the output layer (2 weight tables)")
        weights = [_array(w, f"weights[{k}]", 2) for k, w in enumerate(self.weights)]
        biases = [_array(b, f"biases[{k}]", 1) for k, b in enumerate(self.biases)]
        n_in = 1
        for k, (w, b) in enumerate(zip(weights, biases)):
            if w.shape[1] != n_in:
                below = "the 1 input" if k == 0 else f"the {n_in} unit(s) of layer {k}"
                raise ValueError(f"weights[{k}] needs {n_in} column(s), one per value of {below}; got shape {w.shape}")
            if b.shape != (w.shape[0],):
                raise ValueError(f"biases[{k}] needs {w.shape[0]} value(s), one per row of weights[{k}]; got {len(b)}")
            n_in = w.shape[0]
        if n_in != 1:
            raise ValueError(f"the last layer is the one output unit: weights[-1] needs 1 row, got {n_in}")
        check_widths(tuple(w.shape[0] for w in weights[:-1]))
        one_of(self.activation, "activation", tuple(ACTIVATIONS))
        object.__setattr__(self, "weights", tuple(tuple(map(tuple, w.tolist())) for w in weights))
        object.__setattr__(self, "biases", tuple(tuple(b.tolist()) for b in biases))

    @classmethod
    def init(cls, widths=(8, 8), scheme: str = "he", seed: int = 0, activation: str = "relu") -> "Network":
        """A net with hidden layers of `widths` units and random weights from `scheme`, reproducible from `seed`.

        For each layer in turn, with fan_in = n_in and fan_out = n_out: he: W ~ N(0, 2/fan_in); xavier:
        W ~ N(0, 2/(fan_in + fan_out)); uniform: W ~ U(-1, 1)/sqrt(fan_in). Biases start at 0, as in the seed.
        With one hidden layer, he and xavier draw exactly MLP.init's values (MLP.init's uniform output weights are
        U(-1, 1), not scaled)."""
        widths = check_widths(widths)
        one_of(scheme, "init scheme", SCHEMES)
        rng = np.random.default_rng(whole_number(seed, "seed", 0))
        sizes = (1, *widths, 1)
        weights = []
        for fan_in, fan_out in zip(sizes, sizes[1:]):
            if scheme == "he":
                weights.append(rng.normal(0.0, np.sqrt(2.0 / fan_in), (fan_out, fan_in)))
            elif scheme == "xavier":
                weights.append(rng.normal(0.0, np.sqrt(2.0 / (fan_in + fan_out)), (fan_out, fan_in)))
            else:
                weights.append(rng.uniform(-1.0, 1.0, (fan_out, fan_in)) / np.sqrt(fan_in))
        return cls(weights, [np.zeros(n) for n in sizes[1:]], activation)

    @classmethod
    def from_mlp(cls, mlp: MLP) -> "Network":
        """The one-hidden-layer Network equal to `mlp`: W_1 = w as a column, b_1 = b, W_2 = v as a row, b_2 = (c,)."""
        return cls([[[w] for w in mlp.w], [list(mlp.v)]], [mlp.b, [mlp.c]], mlp.activation)

    @property
    def sizes(self) -> tuple[int, ...]:
        """Units per layer, input to output: (1, widths..., 1)."""
        return (1, *(len(b) for b in self.biases))

    @property
    def widths(self) -> tuple[int, ...]:
        """The hidden layers' widths."""
        return self.sizes[1:-1]

    @property
    def depth(self) -> int:
        """The number of hidden layers."""
        return len(self.biases) - 1

    @property
    def width(self) -> int:
        """All hidden units, every layer."""
        return sum(self.widths)

    @property
    def names(self) -> tuple[str, ...]:
        """Parameter names in `theta` order: w{k}_{j}_{i} row by row, then b{k}_{j}, layer by layer (1-based)."""
        names = []
        for k, (n_in, n_out) in enumerate(zip(self.sizes, self.sizes[1:]), 1):
            names += [f"w{k}_{j}_{i}" for j in range(1, n_out + 1) for i in range(1, n_in + 1)]
            names += [f"b{k}_{j}" for j in range(1, n_out + 1)]
        return tuple(names)

    @property
    def theta(self) -> tuple[float, ...]:
        """Parameters in `names` order."""
        return tuple(value for w, b in zip(self.weights, self.biases) for value in (*sum(w, ()), *b))

    def with_theta(self, theta) -> "Network":
        """A new Network of the same shape and activation with the parameters `theta` (in `names` order)."""
        return Network(*self.split(theta), self.activation)

    def split(self, values) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Values in `names` order (parameters, gradients) as this net's shapes: (weights, biases), lists of
        ndarrays of shape (n_out, n_in) and (n_out,) per layer."""
        values, weights, biases, at = np.asarray(values, dtype=float), [], [], 0
        for n_in, n_out in zip(self.sizes, self.sizes[1:]):
            weights.append(values[at : at + n_out * n_in].reshape(n_out, n_in))
            at += n_out * n_in
            biases.append(values[at : at + n_out])
            at += n_out
        return weights, biases

    def weight_arrays(self) -> list[np.ndarray]:
        """W_k as ndarrays of shape (n_out, n_in)."""
        return [np.array(w, dtype=float) for w in self.weights]

    def bias_arrays(self) -> list[np.ndarray]:
        """b_k as ndarrays of shape (n_out,)."""
        return [np.array(b, dtype=float) for b in self.biases]

    def kernels(self, arrays: bool = False) -> Kernels:
        """Forward and backprop of the net, on floats (arrays=False) or on ndarrays (arrays=True).

        forward(theta, x) -> (y_hat, z, a): z[k] and a[k] the pre-activations and activations of hidden layer k+1.
        backprop(theta, x, y) -> (error, grads in `names` order, (y_hat, delta, z, a)): delta[k] = dL/dz of layer
        k+1's units, the output layer's last. The sums run in the compiled loop's order, so the numbers are its."""
        sizes, last = self.sizes, len(self.sizes) - 2
        act = ACTIVATIONS[self.activation]
        f, df = (act.f_array, act.df_array) if arrays else (act.f, act.df)

        def unpack(theta):
            layers, at = [], 0
            for n_in, n_out in zip(sizes, sizes[1:]):
                w = [theta[at + j * n_in : at + (j + 1) * n_in] for j in range(n_out)]
                at += n_out * n_in
                layers.append((w, theta[at : at + n_out]))
                at += n_out
            return layers

        def forward(theta, x):
            below, zs, hs = [x], [], []
            for k, (w, b) in enumerate(unpack(theta)):
                z = []
                for w_j, b_j in zip(w, b):
                    total = 0.0
                    for w_ji, a_i in zip(w_j, below):
                        total = total + w_ji * a_i  # z_j = sum_i W_ji a_i + b_j, summed in unit order
                    z.append(total + b_j)
                if k == last:
                    return z[0], zs, hs  # the output unit is linear: y_hat = z
                below = [f(z_j) for z_j in z]  # a_j = f(z_j)
                zs.append(z)
                hs.append(below)

        def backprop(theta, x, y):
            y_hat, zs, hs = forward(theta, x)
            layers = unpack(theta)
            error = y_hat - y
            deltas = [[2 * error]]  # dL/dz of the output: dL/dy_hat = 2 (y_hat - y)
            grads = []
            for k in range(last, -1, -1):
                w, _ = layers[k]
                below = hs[k - 1] if k else [x]
                delta = deltas[0]
                grads = [*(d_j * a_i for d_j in delta for a_i in below), *delta, *grads]  # dW_ji = delta_j a_i
                if k:  # delta_i = (sum_j W_ji delta_j) f'(z_i): dL/dh, then through the slope
                    back = []
                    for i, z_i in enumerate(zs[k - 1]):
                        total = 0.0
                        for d_j, w_j in zip(delta, w):
                            total = total + d_j * w_j[i]
                        back.append(total * df(z_i))
                    deltas.insert(0, back)
            return error, grads, (y_hat, deltas, zs, hs)

        return Kernels(forward, backprop)

    def predict(self, x):
        """Prediction at x: a float for a number, an ndarray of the same shape for an array."""
        return _predict(self, x)

    def hidden(self, x) -> tuple[list[np.ndarray], list[np.ndarray]]:
        """Every hidden layer's pre-activations and activations on the points x: two lists (one per hidden layer)
        of arrays of shape (width, len(x))."""
        x = np.asarray(x, dtype=float)
        with np.errstate(all="ignore"):
            _, zs, hs = self.kernels(arrays=True).forward(self.theta, x)
        return ([np.array([z_j * np.ones_like(x) for z_j in z]) for z in zs],
                [np.array([h_j * np.ones_like(x) for h_j in h]) for h in hs])

    def contributions(self, x) -> np.ndarray:
        """Each last-hidden-layer unit's share of the output, v_j * h_j(x): ndarray of shape (width, len(x))."""
        _, hs = self.hidden(x)
        with np.errstate(all="ignore"):
            return np.asarray(self.weights[-1][0])[:, None] * hs[-1]


MODELS = (Linear, MLP, Network)
