"""The model a run starts from: the line's w and b, or the net's layers, activation and starting values."""

from dataclasses import dataclass

import numpy as np

import engine

from ..limits import MAX_HIDDEN, VALUE_LIMIT
from ..link import Link
from ..link.fields import Widths

SEED_NET = engine.MLP()  # the seed notebook's net: w = 0.1,-0.1; b = 0,0; v = 0.1,0.1; c = 0
INIT_HELP = ("seed: the seed notebook's starting values, every one editable below. he / xavier / uniform: random w "
             "and v from that scheme, reproducible from the init seed; biases start at 0.")
LAYERS_HELP = (f"One number per hidden layer, input to output: 8,8 is two layers of 8 units. Up to {engine.MAX_DEPTH} "
               f"layers of up to {engine.MAX_DEEP_WIDTH} units each; one layer alone takes up to {MAX_HIDDEN}.")
DEEP_INIT_HELP = ("he / xavier / uniform: random weights from that scheme, scaled by each layer's size (he by its "
                  "inputs, xavier by its inputs and outputs, uniform by its inputs), reproducible from the init seed; "
                  "biases start at 0. typed: every weight and bias editable, starting from He "
                  "with the init seed.")


def linear_start(link: Link, where) -> engine.Linear:
    """The line's starting w and b."""
    w = link.number(where, "Initial w", "w", 0.0, lo=-VALUE_LIMIT, hi=VALUE_LIMIT, step=0.1)
    b = link.number(where, "Initial b", "b", 0.0, lo=-VALUE_LIMIT, hi=VALUE_LIMIT, step=0.1)
    return engine.Linear(float(w), float(b))


@dataclass(frozen=True)
class NetStart:
    """A net's starting point as set: from a scheme and its seed, or typed values (init "seed" for one hidden
    layer: w, b, v, c; "typed" for a deeper net: each layer's weights and biases), whose lists may not match the
    shape (`net` says what is used then)."""

    widths: tuple[int, ...]
    activation: str
    init: str
    init_seed: int = 0
    typed: tuple = ()  # ((name, values), ...): w, b, v for one layer; w1, b1, w2, ... for a deeper net
    c: float = 0.0

    @property
    def hidden(self) -> int:
        """All hidden units."""
        return sum(self.widths)

    def net(self) -> tuple[engine.MLP | engine.Network, list[str]]:
        """The net to train (an MLP for one hidden layer, else a Network), and a warning for each typed list of
        the wrong length (it falls back, field by field, to the values it replaces)."""
        if len(self.widths) > 1:
            return self._deep()
        if self.init != "seed":
            return engine.MLP.init(self.hidden, self.init, self.init_seed, self.activation), []
        fallback = SEED_NET if self.hidden == 2 else engine.MLP.init(self.hidden, "he", 0, self.activation)
        source = "the seed's values" if self.hidden == 2 else "He initialization with init seed 0"
        start, warnings = {}, []
        for name, values in self.typed:
            start[name] = values if len(values) == self.hidden else getattr(fallback, name)
            if len(values) != self.hidden:
                warnings.append(_mismatch(name, len(values), self.hidden, f"the hidden layer has {self.hidden} "
                                          "unit(s)", source, start[name], ", one per unit"))
        return engine.MLP(start["w"], start["b"], start["v"], self.c, self.activation), warnings

    def _deep(self) -> tuple[engine.Network, list[str]]:
        scheme = "he" if self.init == "typed" else self.init
        base = engine.Network.init(self.widths, scheme, self.init_seed, self.activation)
        if self.init != "typed":
            return base, []
        weights, biases = base.weight_arrays(), base.bias_arrays()
        typed, warnings = dict(self.typed), []
        source = f"He initialization with init seed {self.init_seed}"
        for k, (w, b) in enumerate(zip(weights, biases), 1):
            for name, array in ((f"w{k}", w), (f"b{k}", b)):
                values = typed.get(name, ())
                if len(values) == array.size:
                    array[...] = np.reshape(values, array.shape)
                else:
                    where = (f"layer {k} has {array.shape[0]} x {array.shape[1]} = {array.size} weights"
                             if name[0] == "w" else f"layer {k} has {array.size} biases")
                    warnings.append(_mismatch(name, len(values), array.size, where, source, array.ravel()))
        return engine.Network(weights, biases, self.activation), warnings


def _mismatch(name: str, got: int, needed: int, where: str, source: str, used, each: str = "") -> str:
    shown = ", ".join(f"{value:.4g}" for value in used)
    return (f"**{name}** has {got} value(s), but {where}: type {needed} comma-separated numbers{each}. "
            f"Using {source} for {name} until then: {shown}.")


DEEP_INITS = (*engine.SCHEMES, "typed")
LAYERS = Widths(depth=engine.MAX_DEPTH, single=MAX_HIDDEN, deep=engine.MAX_DEEP_WIDTH)


def net_controls(link: Link, where, inits=("seed", *engine.SCHEMES), default_init: str = "seed",
                 deep: bool = False) -> NetStart:
    """The hidden layers, activation and initialization (typed values, or a scheme and its seed), as one NetStart.

    deep : the hidden layers' widths in one field (`layers`, e.g. 8,8; an older link's `hidden` is read as it),
        else the one hidden layer's units (`hidden`)."""
    if deep:
        link.rename("hidden", "layers")
        widths = link.typed_list(where, "Hidden layers (units in each, comma-separated)", "layers", LAYERS, "2",
                                 help=LAYERS_HELP)
    else:
        widths = (int(link.number(where, "Hidden units", "hidden", 2, lo=1, hi=MAX_HIDDEN, whole=True)),)
    activation = link.choice(where, "Activation", "activation", tuple(engine.ACTIVATIONS), "relu")
    if len(widths) > 1:
        init = link.choice(where, "Initialization", "init", DEEP_INITS, "he", widget="radio", horizontal=True,
                           help=DEEP_INIT_HELP)
        init_seed = int(link.number(where, "Init seed", "init_seed", 0, lo=0, hi=2**31 - 1, whole=True))
        typed = ()
        if init == "typed":
            base = engine.Network.init(widths, "he", init_seed, activation)
            typed = tuple((f"{kind}{k}", link.number_list(where, label, f"{kind}{k}", tuple(values.ravel())))
                          for k, (w, b) in enumerate(zip(base.weight_arrays(), base.bias_arrays()), 1)
                          for kind, label, values in (("w", f"Layer {k} weights ({w.shape[0]} x {w.shape[1]}, row "
                                                             "by row)", w), ("b", f"Layer {k} biases", b)))
        return NetStart(widths, activation, init, init_seed, typed)
    init = link.choice(where, "Initialization", "init", inits, default_init, widget="radio", horizontal=True,
                       help=INIT_HELP)
    if init == "seed":
        typed = tuple((name, link.number_list(where, f"{name} (one per unit, comma-separated)", name,
                                          getattr(SEED_NET, name))) for name in "wbv")
        c = float(link.number(where, "c (output bias)", "c", 0.0, lo=-VALUE_LIMIT, hi=VALUE_LIMIT, step=0.1))
        return NetStart(widths, activation, init, typed=typed, c=c)
    init_seed = int(link.number(where, "Init seed", "init_seed", 0, lo=0, hi=2**31 - 1, whole=True))
    return NetStart(widths, activation, init, init_seed)


def starting_values(model) -> dict:
    """The widgets' values that make `model` the starting point (Continue training from here)."""
    if model.width == 0:
        return {"w": float(model.w), "b": float(model.b)}
    if isinstance(model, engine.Network):
        values = {"init": "typed"}
        for k, (w, b) in enumerate(zip(model.weight_arrays(), model.bias_arrays()), 1):
            values[f"w{k}"] = ",".join(repr(float(value)) for value in w.ravel())
            values[f"b{k}"] = ",".join(repr(float(value)) for value in b)
        return values
    return {"init": "seed", **{name: ",".join(repr(float(value)) for value in getattr(model, name)) for name in "wbv"},
            "c": float(model.c)}
