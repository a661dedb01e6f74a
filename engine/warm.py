"""Compile the training loop ahead of use: `python -m engine.warm` (a deployment runs it before serving).

numba keeps the machine code on disk, so this pays the first compile (several seconds on a new machine)
once, and every server process after it loads the loop in a fraction of a second. Prints how long each
part took, so a bench or a deploy log shows what a first page view would otherwise have waited for.
"""

import time

from . import MLP, Linear, make_dataset, sweep, train


def warm() -> dict[str, float]:
    """Run each compiled entry point once (a single run and a sweep); return the seconds each took."""
    data = make_dataset("line", 5)
    times = {}
    start = time.perf_counter()
    train(MLP(), data, 0.01, 1)
    train(Linear(), data, 0.01, 1)
    times["train"] = time.perf_counter() - start
    start = time.perf_counter()
    sweep(MLP(), data, [0.01, 0.1], 1)
    times["sweep"] = time.perf_counter() - start
    return times


if __name__ == "__main__":
    for name, seconds in warm().items():
        print(f"{name}: {seconds:.2f} s")
