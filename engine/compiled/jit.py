"""How the loop is compiled, and the activations it calls.

numba compiles each function once per argument types and keeps the machine code on disk (`cache=True`,
in engine/compiled/__pycache__), so a new process loads it in a fraction of a second; the first process on
a new machine compiles it (several seconds: `python -m engine.warm` does that ahead of a deployment).
numba keys each cached function on its own file's text, but the loop inlines functions from the other files
here and from engine/activations.py: `_stamp` deletes the cached loop when any of them changed, so a cached
loop never runs code older than its sources. (With NUMBA_CACHE_DIR set, numba caches elsewhere and that
directory is the user's to clear.)

error_model="numpy": a division by zero gives inf or NaN (a diverged run to show), not an exception.
The pieces of the loop are inlined into it (`part`): a call between compiled functions would count
references to every array it passes, which costs more than the arithmetic of a small net.
"""

import hashlib
from pathlib import Path

import numpy as np
from numba import njit

from .. import activations

HERE = Path(__file__).resolve().parent
SOURCES = (*sorted(HERE.glob("*.py")), Path(activations.__file__))


def _stamp() -> None:
    """When any source of the loop differs from the one the cache was built from, delete the cached loop: numba
    keys each cached function on its own file's text only, and the loop inlines code from the other files."""
    digest = hashlib.sha256(b"".join(path.read_bytes() for path in SOURCES)).hexdigest()
    cache = HERE / "__pycache__"
    stamp = cache / "sources.sha256"
    try:
        if stamp.read_text() == digest:
            return
    except OSError:
        pass
    try:
        cache.mkdir(exist_ok=True)
        for path in [*cache.glob("*.nbi"), *cache.glob("*.nbc")]:
            path.unlink(missing_ok=True)
        stamp.write_text(digest)
    except OSError:  # a read-only install: nothing was edited there either
        pass


_stamp()
jit = njit(cache=True, error_model="numpy")
part = njit(cache=True, error_model="numpy", inline="always")

# the activations' plain-Python functions, compiled (one description of each: engine/activations.py)
assert tuple(activations.ACTIVATIONS) == ("relu", "leaky_relu", "tanh", "sigmoid", "identity")
RELU, LEAKY_RELU, TANH, SIGMOID, IDENTITY = range(5)  # activation codes, in the table's order
relu, leaky_relu, tanh, sigmoid, identity = (jit(a.f) for a in activations.ACTIVATIONS.values())
relu_slope, leaky_relu_slope, tanh_slope, sigmoid_slope, identity_slope = (
    jit(a.df) for a in activations.ACTIVATIONS.values())


@part
def count(lanes):
    """The number of lanes: 1 when `lanes` is None. The loop is compiled once for None and once for a number,
    so a single run's lane loops have a constant trip count of 1 and compile away."""
    return 1 if lanes is None else lanes


@part
def layout(sizes):
    """Where each layer's weights and biases start in theta, and each layer's first unit in z and a."""
    layers = len(sizes) - 1
    w_at, b_at, a_at = np.empty(layers, np.int64), np.empty(layers, np.int64), np.empty(layers + 1, np.int64)
    at = 0
    for k in range(layers):
        w_at[k] = at
        at += sizes[k + 1] * sizes[k]
        b_at[k] = at
        at += sizes[k + 1]
    units = 0
    for k in range(layers + 1):
        a_at[k] = units
        units += sizes[k]
    return w_at, b_at, a_at
