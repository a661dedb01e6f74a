"""Update modes, recording, divergence and the learning-rate sweep, against independent computations."""

import warnings

import numpy as np
import pandas as pd
import pytest

import engine


def full_batch_linear(x, y, w, b, lr, epochs):
    """Independent full-batch gradient descent on the MSE of y = w*x + b, vectorised with numpy."""
    x, y = np.asarray(x, float), np.asarray(y, float)
    for _ in range(epochs):
        error = w * x + b - y
        w, b = w - lr * np.mean(2 * error * x), b - lr * np.mean(2 * error)
    return w, b


def kernel_epoch(model, theta, xs, ys, lr, chunk):
    """One epoch written from the model's readable kernels (each backward under its forward), independently
    of the compiled seed-style program that `train` and `sweep` run."""
    backprop = model.kernels().backprop
    for start in range(0, len(xs), chunk):
        grads = [backprop(theta, x, y)[1] for x, y in zip(xs[start : start + chunk], ys[start : start + chunk])]
        theta = [p - lr * (sum(g[i] for g in grads) / len(grads)) for i, p in enumerate(theta)]
    return theta


@pytest.mark.parametrize(("mode", "batch_size"), [("sgd", None), ("minibatch", 3), ("batch", None)])
@pytest.mark.parametrize("activation", engine.ACTIVATIONS)
def test_training_runs_the_updates_of_the_readable_kernels(mode, batch_size, activation):
    data = engine.make_dataset("sine", n=7, seed=2)
    net = engine.MLP.init(hidden=3, seed=6, activation=activation)
    run = engine.train(net, data, lr=0.01, epochs=15, mode=mode, batch_size=batch_size)
    assert run.diverged_at is None
    chunk = {"sgd": 1, "batch": len(data)}.get(mode, batch_size)
    theta = list(net.theta)
    for epoch in range(15):
        theta = kernel_epoch(net, theta, data.x.tolist(), data.y.tolist(), 0.01, chunk)
        assert tuple(run.history.loc[epoch, list(net.names)]) == pytest.approx(theta, rel=1e-12, abs=1e-15)


def test_history_columns_and_recorded_values():
    data = engine.make_dataset("noisy_line", n=7, noise=0.5, seed=3)
    net = engine.MLP.init(hidden=3, seed=1)
    run = engine.train(net, data, lr=0.01, epochs=12)
    assert list(run.history.columns) == ["epoch", "loss", "mse", "lr", *net.names]
    assert list(run.history.epoch) == list(range(12)) and (run.history.lr == 0.01).all()
    for row in run.history.itertuples(index=False):  # mse and activity from the end-of-epoch parameters
        model = net.with_theta(tuple(row[4:]))
        assert row.mse == pytest.approx(np.mean((model.predict(data.x) - data.y) ** 2), rel=1e-12)
    last = net.with_theta(tuple(run.history.iloc[-1, 4:]))
    z = np.array(last.w)[:, None] * data.x + np.array(last.b)[:, None]
    active = run.activity[run.activity.epoch == 11].active_fraction.to_numpy()
    assert np.array_equal(active, (z > 0).mean(axis=1))
    assert len(run.activity) == 12 * 3


def test_loss_is_the_sum_of_squared_errors_before_each_update():
    data = engine.Dataset(x=[1, 2], y=[2, 4])
    run = engine.train(engine.Linear(), data, lr=0.1, epochs=1)
    # sample 1: y_pred = 0, error -2, loss 4, dw = -4, db = -4 -> w = b = 0.4
    # sample 2: y_pred = 0.4*2 + 0.4 = 1.2, error -2.8, loss 7.84
    assert run.history.loss[0] == pytest.approx(4 + 7.84)


def test_batch_mode_is_full_batch_gradient_descent():
    data = engine.make_dataset("noisy_line", n=6, noise=0.2, seed=0)
    run = engine.train(engine.Linear(w=0.5, b=-0.2), data, lr=0.02, epochs=30, mode="batch")
    w, b = full_batch_linear(data.x, data.y, 0.5, -0.2, 0.02, 30)
    assert (run.model.w, run.model.b) == pytest.approx((w, b), rel=1e-12)


def test_minibatch_covers_sgd_and_batch_as_its_extremes():
    data = engine.make_dataset("sine", n=6, seed=0)
    net = engine.MLP.init(hidden=4, seed=5, activation="tanh")
    sgd = engine.train(net, data, lr=0.05, epochs=20, mode="sgd")
    one = engine.train(net, data, lr=0.05, epochs=20, mode="minibatch", batch_size=1)
    batch = engine.train(net, data, lr=0.05, epochs=20, mode="batch")
    whole = engine.train(net, data, lr=0.05, epochs=20, mode="minibatch", batch_size=6)
    assert one.model.theta == pytest.approx(sgd.model.theta, rel=1e-12)
    assert whole.model.theta == pytest.approx(batch.model.theta, rel=1e-12)
    assert sgd.model.theta != pytest.approx(batch.model.theta, rel=1e-3)


def test_minibatch_with_a_short_last_chunk_uses_its_own_mean():
    data = engine.Dataset(x=[1, 2, 3], y=[1, 2, 3])
    run = engine.train(engine.Linear(), data, lr=0.1, epochs=1, mode="minibatch", batch_size=2)
    w, b = full_batch_linear([1, 2], [1, 2], 0.0, 0.0, 0.1, 1)
    w, b = full_batch_linear([3], [3], w, b, 0.1, 1)
    assert (run.model.w, run.model.b) == pytest.approx((w, b), rel=1e-12)


def test_continuing_is_training_the_trained_model():
    data = engine.make_dataset("abs", n=8)
    net = engine.MLP.init(hidden=3, seed=4)
    once = engine.train(net, data, lr=0.02, epochs=40)
    halves = engine.train(engine.train(net, data, lr=0.02, epochs=20).model, data, lr=0.02, epochs=20)
    assert halves.model.theta == once.model.theta


def test_divergence_is_reported_without_warnings():
    data = engine.make_dataset("line", n=5)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = engine.train(engine.MLP(), data, lr=1e6, epochs=50)
        linear = engine.train(engine.Linear(), data, lr=0.5, epochs=2000)
    assert run.diverged_at is not None and linear.diverged_at is not None
    for r in (run, linear):
        assert len(r.history) == r.diverged_at
        assert np.isfinite(r.history.to_numpy(dtype=float)).all()
        assert np.isnan(r.final_mse)
    assert linear.diverged_at > 10  # the deviation grows geometrically before it overflows


def test_sweep_gives_the_numbers_of_each_run_alone():
    data = engine.make_dataset("line", n=5)
    lrs = [0.001, 0.01, 0.03, 0.1, 1.0, 1e6]
    table = engine.sweep(engine.MLP(), data, lrs, epochs=60)
    assert list(table.lr) == lrs
    for row in table.itertuples():
        alone = engine.train(engine.MLP(), data, lr=row.lr, epochs=60)
        assert (None if pd.isna(row.diverged_at) else row.diverged_at) == alone.diverged_at
        assert np.array_equal(row.mse, alone.final_mse, equal_nan=True)
    assert table.diverged_at.isna().sum() < len(lrs)


@pytest.mark.parametrize("mode", engine.MODES)
def test_sweep_matches_training_for_smooth_activations_to_rounding(mode):
    data = engine.make_dataset("sine", n=6)
    net = engine.MLP.init(hidden=3, seed=0, activation="tanh")
    table = engine.sweep(net, data, [0.01, 0.1], epochs=30, mode=mode, batch_size=3)
    for row in table.itertuples():
        alone = engine.train(net, data, lr=row.lr, epochs=30, mode=mode, batch_size=3)
        assert row.mse == pytest.approx(alone.final_mse, rel=1e-9)


def test_init_schemes_are_reproducible_and_distinct():
    for scheme in engine.SCHEMES:
        assert engine.MLP.init(8, scheme, seed=3) == engine.MLP.init(8, scheme, seed=3)
        assert engine.MLP.init(8, scheme, seed=3) != engine.MLP.init(8, scheme, seed=4)
    he = np.array([engine.MLP.init(32, "he", seed=s).w for s in range(50)])
    assert he.std() == pytest.approx(np.sqrt(2), rel=0.1)
    uniform = np.array([engine.MLP.init(32, "uniform", seed=s).v for s in range(50)])
    assert uniform.min() >= -1 and uniform.max() <= 1


def test_datasets_are_reproducible():
    assert engine.make_dataset("noisy_line", 10, 0.3, 1) == engine.make_dataset("noisy_line", 10, 0.3, 1)
    assert engine.make_dataset("noisy_line", 10, 0.3, 1) != engine.make_dataset("noisy_line", 10, 0.3, 2)
    seed = engine.make_dataset("line", 4)
    assert list(seed.x) == [1, 2, 3, 4] and list(seed.y) == [2, 4, 6, 8]
    assert np.allclose(engine.make_dataset("abs", 7).y, np.abs(np.linspace(-3, 3, 7)))


def test_a_huge_epoch_count_that_diverges_holds_only_what_ran():
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), lr=1.0, epochs=631_901_629)
    assert run.diverged_at is not None and len(run.history) == run.diverged_at


def test_the_record_grows_past_its_first_block():
    run = engine.train(engine.MLP(), engine.make_dataset("line", 5), lr=0.01, epochs=3000)
    assert list(run.history.epoch) == list(range(3000))
    assert len(run.activity) == 3000 * 2
    again = engine.train(engine.train(engine.MLP(), engine.make_dataset("line", 5), 0.01, 1000).model,
                         engine.make_dataset("line", 5), 0.01, 2000)
    assert again.model.theta == run.model.theta
