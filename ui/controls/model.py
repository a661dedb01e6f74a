"""The model a run starts from: the line's w and b, or the net's width, activation and starting values."""

from dataclasses import dataclass

import engine

from ..limits import MAX_HIDDEN, VALUE_LIMIT
from ..link import Link

SEED_NET = engine.MLP()  # the seed notebook's net: w = 0.1,-0.1; b = 0,0; v = 0.1,0.1; c = 0
INIT_HELP = ("seed: the seed notebook's starting values, every one editable below. he / xavier / uniform: random w "
             "and v from that scheme, reproducible from the init seed; biases start at 0.")


def linear_start(link: Link, where) -> engine.Linear:
    """The line's starting w and b."""
    w = link.number(where, "Initial w", "w", 0.0, lo=-VALUE_LIMIT, hi=VALUE_LIMIT, step=0.1)
    b = link.number(where, "Initial b", "b", 0.0, lo=-VALUE_LIMIT, hi=VALUE_LIMIT, step=0.1)
    return engine.Linear(float(w), float(b))


@dataclass(frozen=True)
class NetStart:
    """A net's starting point as set: from a scheme and its seed, or (init "seed") typed values, whose lists may
    not match the width (`net` says what is used then)."""

    hidden: int
    activation: str
    init: str
    init_seed: int = 0
    typed: tuple = ()  # ((name, values), ...) for w, b, v
    c: float = 0.0

    def net(self) -> tuple[engine.MLP, list[str]]:
        """The MLP to train, and a warning for each typed list of the wrong length (it falls back, field by field,
        to the seed's values at width 2, else to He initialization with init seed 0)."""
        if self.init != "seed":
            return engine.MLP.init(self.hidden, self.init, self.init_seed, self.activation), []
        fallback = SEED_NET if self.hidden == 2 else engine.MLP.init(self.hidden, "he", 0, self.activation)
        source = "the seed's values" if self.hidden == 2 else "He initialization with init seed 0"
        start, warnings = {}, []
        for name, values in self.typed:
            start[name] = values if len(values) == self.hidden else getattr(fallback, name)
            if len(values) != self.hidden:
                shown = ", ".join(f"{value:.4g}" for value in start[name])
                warnings.append(f"**{name}** has {len(values)} value(s), but the hidden layer has {self.hidden} "
                                f"unit(s): type {self.hidden} comma-separated numbers, one per unit. Using {source} "
                                f"for {name} until then: {shown}.")
        return engine.MLP(start["w"], start["b"], start["v"], self.c, self.activation), warnings


def net_controls(link: Link, where, inits=("seed", *engine.SCHEMES), default_init: str = "seed") -> NetStart:
    """Width, activation and initialization (typed values, or a scheme and its seed), as one NetStart."""
    hidden = int(link.number(where, "Hidden units", "hidden", 2, lo=1, hi=MAX_HIDDEN, whole=True))
    activation = link.choice(where, "Activation", "activation", tuple(engine.ACTIVATIONS), "relu")
    init = link.choice(where, "Initialization", "init", inits, default_init, widget="radio", horizontal=True,
                       help=INIT_HELP)
    if init == "seed":
        typed = tuple((name, link.number_list(where, f"{name} (one per unit, comma-separated)", name,
                                          getattr(SEED_NET, name))) for name in "wbv")
        c = float(link.number(where, "c (output bias)", "c", 0.0, lo=-VALUE_LIMIT, hi=VALUE_LIMIT, step=0.1))
        return NetStart(hidden, activation, init, typed=typed, c=c)
    init_seed = int(link.number(where, "Init seed", "init_seed", 0, lo=0, hi=2**31 - 1, whole=True))
    return NetStart(hidden, activation, init, init_seed)


def starting_values(model) -> dict:
    """The widgets' values that make `model` the starting point (Continue training from here)."""
    if model.width == 0:
        return {"w": float(model.w), "b": float(model.b)}
    return {"init": "seed", **{name: ",".join(repr(float(value)) for value in getattr(model, name)) for name in "wbv"},
            "c": float(model.c)}
