"""Engine speed and memory, as ratios measured side by side in one process.

    python bench/engine_bench.py

1. engine.train on the seed net, 100 noisy points, 500 epochs of sgd, against the bare seed-style loop
   doing the same updates with no recording: target ratio <= 2.
2. engine.sweep over 1,000 learning rates (seed net, seed data, 100 epochs) against the bare loop run
   1,000 times: target speed-up >= 50.
3. A run of 1,000 points for 1,000 epochs: memory held by its history and activity, target well under 100 MB.
4. A deep net, 1-8-8-1 tanh (He initialization), sgd on 100 points for 500 epochs: engine.train against the same
   updates in a bare plain-Python loop (bench/seed_loop.py's deep_tanh_loop): target at least 10x faster.
5. Optimizers: an Adam run of the seed net (100 noisy points, 500 epochs) against the same run with plain SGD
   (target at most 1.5x), and the sweep of item 2 with Adam against 1,000 bare plain-Python Adam loops (its
   speed-up kept: target >= 50).
6. The compiled loop's first compile on a new machine (an empty numba cache, in a fresh process) and its
   load from the cache afterwards: what `python -m engine.warm` pays once, and what a server pays per start.
"""

import os
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import engine  # noqa: E402
from bench.seed_loop import deep_tanh_loop, seed_net_adam_loop, seed_net_loop  # noqa: E402


def best_of(repeats, function):
    """The fastest of `repeats` timed calls, in seconds (the least disturbed by other work)."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return min(times)


def train_ratio():
    data = engine.make_dataset("noisy_line", n=100, noise=0.3, seed=0)
    xs, ys = data.x.tolist(), data.y.tolist()
    bare = best_of(5, lambda: seed_net_loop(xs, ys, 0.01, 500))
    ours = best_of(5, lambda: engine.train(engine.MLP(), data, lr=0.01, epochs=500))
    return ours / bare, bare, ours


def sweep_speedup():
    data = engine.make_dataset("line", n=5)
    xs, ys = data.x.tolist(), data.y.tolist()
    lrs = np.geomspace(1e-4, 1.0, 1000)
    bare = best_of(2, lambda: [seed_net_loop(xs, ys, lr, 100) for lr in lrs])
    ours = best_of(3, lambda: engine.sweep(engine.MLP(), data, lrs, epochs=100))
    return bare / ours, bare, ours


def deep_speedup():
    data = engine.make_dataset("sine", n=100)
    net = engine.Network.init((8, 8), "he", 0, "tanh")
    weights, biases = [w.tolist() for w in net.weight_arrays()], [b.tolist() for b in net.bias_arrays()]
    xs, ys = data.x.tolist(), data.y.tolist()
    bare = best_of(2, lambda: deep_tanh_loop(xs, ys, 0.01, 500, weights, biases))
    ours = best_of(5, lambda: engine.train(net, data, lr=0.01, epochs=500))
    trained, _ = deep_tanh_loop(xs, ys, 0.01, 500, weights, biases)
    agree = np.allclose(np.concatenate([np.ravel(w) for w in trained]),
                        np.concatenate([w.ravel() for w in engine.train(net, data, 0.01, 500).model.weight_arrays()]),
                        rtol=1e-6, atol=1e-9)
    return bare / ours, bare, ours, agree


def optimizer_ratios():
    data = engine.make_dataset("noisy_line", n=100, noise=0.3, seed=0)
    sgd = best_of(7, lambda: engine.train(engine.MLP(), data, lr=0.01, epochs=500))
    adam = best_of(7, lambda: engine.train(engine.MLP(), data, lr=0.01, epochs=500, optimizer=engine.Adam()))
    line = engine.make_dataset("line", n=5)
    xs, ys = line.x.tolist(), line.y.tolist()
    lrs = np.geomspace(1e-4, 1.0, 1000)
    bare = best_of(2, lambda: [seed_net_adam_loop(xs, ys, lr, 100) for lr in lrs])
    swept = best_of(3, lambda: engine.sweep(engine.MLP(), line, lrs, epochs=100, optimizer=engine.Adam()))
    return adam / sgd, sgd, adam, bare / swept


def history_memory():
    data = engine.make_dataset("noisy_line", n=1000, noise=0.3, seed=0)
    tracemalloc.start()
    run = engine.train(engine.MLP(), data, lr=0.001, epochs=1000)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    held = run.history.memory_usage(deep=True).sum() + run.activity.memory_usage(deep=True).sum()
    return held / 2**20, peak / 2**20


def compile_times() -> tuple[str, str]:
    """`python -m engine.warm` in a fresh process with an empty numba cache, then again with that cache."""
    root = Path(__file__).resolve().parents[1]
    with tempfile.TemporaryDirectory() as cache:
        env = {**os.environ, "NUMBA_CACHE_DIR": cache}
        runs = [subprocess.run([sys.executable, "-m", "engine.warm"], cwd=root, env=env, capture_output=True,
                               text=True, check=True).stdout.strip().replace("\n", ", ") for _ in range(2)]
    return runs[0], runs[1]


if __name__ == "__main__":
    ratio, bare, ours = train_ratio()
    print(f"train / bare loop (seed net, 100 points, 500 epochs): {ratio:.2f}x  "
          f"({ours * 1e3:.0f} ms vs {bare * 1e3:.0f} ms; target <= 2)")
    speedup, bare, ours = sweep_speedup()
    print(f"bare loop x 1000 / sweep of 1000 lrs (seed net, 100 epochs): {speedup:.1f}x faster  "
          f"({bare * 1e3:.0f} ms vs {ours * 1e3:.0f} ms; target >= 50)")
    speedup, bare, ours, agree = deep_speedup()
    print(f"bare loop / train (1-8-8-1 tanh, 100 points, 500 epochs of sgd): {speedup:.1f}x faster  "
          f"({bare * 1e3:.0f} ms vs {ours * 1e3:.0f} ms; target >= 10; same weights: {agree})")
    ratio, sgd, adam, swept = optimizer_ratios()
    print(f"Adam / SGD (seed net, 100 points, 500 epochs): {ratio:.2f}x  ({adam * 1e3:.1f} ms vs {sgd * 1e3:.1f} ms; "
          f"target <= 1.5); bare Adam loop x 1000 / sweep of 1000 lrs with Adam: {swept:.1f}x faster (target >= 50)")
    held, peak = history_memory()
    print(f"1,000 points x 1,000 epochs: history + activity hold {held:.2f} MB, "
          f"peak while training {peak:.2f} MB (target well under 100 MB)")
    first, cached = compile_times()
    print(f"compiled loop, first compile on a new machine: {first}; loaded from the cache: {cached}")
