"""Loss surfaces, the least-squares line and the largest stable learning rate, checked independently."""

import numpy as np
import pytest

import engine


def test_least_squares_matches_polyfit():
    data = engine.make_dataset("noisy_line", 20, 0.5, 7)
    w, b = np.polyfit(data.x, data.y, 1)
    assert engine.least_squares(data) == pytest.approx((w, b), rel=1e-10)
    assert engine.least_squares(engine.Dataset(x=[2, 2], y=[1, 3])) is None


def test_linear_surface_is_the_exact_mse_and_its_minimum_is_least_squares():
    data = engine.make_dataset("noisy_line", 12, 0.4, 1)
    ws, bs = np.linspace(0, 4, 41), np.linspace(-2, 2, 41)
    surface = engine.loss_surface(engine.Linear(), data, "w", "b", ws, bs)
    assert len(surface) == 41 * 41 and list(surface.columns) == ["w", "b", "mse"]
    row = surface.iloc[123]
    assert row.mse == pytest.approx(np.mean((row.w * data.x + row.b - data.y) ** 2), rel=1e-12)
    w, b = engine.least_squares(data)
    best = engine.loss_surface(engine.Linear(), data, "w", "b", [w], [b]).mse[0]
    assert best <= surface.mse.min()


def test_net_surface_holds_the_other_parameters():
    data = engine.make_dataset("abs", 9)
    net = engine.MLP.init(3, seed=2)
    surface = engine.loss_surface(net, data, "w_1", "c", [0.5, 1.0], [0.0, 0.2, 0.4])
    for row in surface.itertuples():
        theta = list(net.theta)
        theta[net.names.index("w_1")], theta[net.names.index("c")] = row.w_1, row.c
        model = net.with_theta(theta)
        assert row.mse == pytest.approx(np.mean((model.predict(data.x) - data.y) ** 2), rel=1e-12)


@pytest.mark.parametrize(("mode", "batch_size"), [("batch", None), ("sgd", None), ("minibatch", 2)])
def test_stable_lr_separates_converging_from_diverging_training(mode, batch_size):
    data = engine.make_dataset("line", 4)
    bound = engine.stable_lr(data, mode, batch_size)
    below = engine.train(engine.Linear(), data, bound * 0.97, 3000, mode, batch_size)
    above = engine.train(engine.Linear(), data, bound * 1.03, 3000, mode, batch_size)
    assert below.diverged_at is None and below.final_mse < 1e-6
    blew_up = above.diverged_at is not None or above.history.mse.iloc[-1] > 1e6 * above.history.mse.iloc[0]
    assert blew_up


def test_batch_bound_is_two_over_the_largest_curvature():
    # x = 1..4: the MSE's Hessian is 2/4 * [[30, 10], [10, 4]] = [[15, 5], [5, 2]]
    largest = (17 + np.sqrt(13**2 + 4 * 25)) / 2
    assert engine.stable_lr(engine.make_dataset("line", 4), "batch") == pytest.approx(2 / largest, rel=1e-12)


@pytest.mark.parametrize(("kind", "n", "mode", "batch_size"), [
    ("line", 46, "sgd", None), ("line", 200, "sgd", None), ("line", 1000, "minibatch", 7), ("sine", 100, "sgd", None),
])
def test_stable_lr_is_defined_where_the_epoch_matrix_overflows(kind, n, mode, batch_size):
    """Issue 9: from n = 46 on the default data the scan's large rates overflowed the epoch matrix and
    np.linalg.eigvals raised LinAlgError, crashing the linear page. The bound must still bracket training."""
    data = engine.make_dataset(kind, n)
    bound = engine.stable_lr(data, mode, batch_size)
    assert 0 < bound < 2
    below = engine.train(engine.Linear(), data, bound * 0.9, 300, mode, batch_size)
    above = engine.train(engine.Linear(), data, bound * 1.1, 300, mode, batch_size)
    assert below.diverged_at is None
    assert above.diverged_at is not None or above.history.mse.iloc[-1] > 10 * above.history.mse.iloc[0]


@pytest.mark.parametrize("scale", [1e150, 1e160, 1e300])
def test_huge_x_gives_a_stable_lr_and_a_line_not_an_error(scale):
    data = engine.Dataset(x=[scale, 2 * scale, 3 * scale], y=[1.0, 2.0, 3.0])
    for mode in ("sgd", "batch"):
        bound = engine.stable_lr(data, mode)
        assert 0 <= bound < 1e-290
    w, b = engine.least_squares(data)  # centred and scaled: the exact line y = x / scale
    assert w == pytest.approx(1 / scale, rel=1e-12) and b == pytest.approx(0.0, abs=1e-9)
    assert engine.least_squares(engine.Dataset(x=[1e308, 1.7e308], y=[0.0, 1.0])) is None  # the mean of x overflows
