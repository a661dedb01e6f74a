"""Analytic gradients against central finite differences and a hand-worked example."""

import math

import numpy as np
import pytest

import engine


def finite_difference(model, x, y, eps=1e-6):
    grads = {}
    for i, name in enumerate(model.names):
        up, down = list(model.theta), list(model.theta)
        up[i] += eps
        down[i] -= eps
        loss_up = (model.with_theta(up).predict(x) - y) ** 2
        loss_down = (model.with_theta(down).predict(x) - y) ** 2
        grads[name] = (loss_up - loss_down) / (2 * eps)
    return grads


@pytest.mark.parametrize("activation", sorted(engine.ACTIVATIONS))
@pytest.mark.parametrize("seed", range(5))
def test_gradients_match_finite_differences_for_every_activation(activation, seed):
    rng = np.random.default_rng(seed)
    net = engine.MLP.init(hidden=4, scheme="xavier", seed=seed, activation=activation)
    net = net.with_theta(tuple(rng.normal(0, 1, len(net.theta))))
    x, y = rng.normal(0, 2), rng.normal(0, 2)
    z = np.array(net.w) * x + np.array(net.b)
    assert np.abs(z).min() > 1e-3, "keep away from the ReLU kink, where the derivative jumps"
    analytic = engine.gradients(net, x, y)
    numeric = finite_difference(net, x, y)
    for name in net.names:
        assert analytic[name] == pytest.approx(numeric[name], rel=1e-5, abs=1e-7), name


def test_linear_gradients_match_finite_differences():
    model = engine.Linear(w=0.7, b=-1.3)
    analytic = engine.gradients(model, 2.5, 4.0)
    numeric = finite_difference(model, 2.5, 4.0)
    assert analytic == pytest.approx(numeric, rel=1e-6)


def test_seed_net_gradients_worked_by_hand():
    # seed net at x = 3, y = 6:
    # z1 = 0.1*3 = 0.3 -> h1 = 0.3;  z2 = -0.1*3 = -0.3 -> h2 = 0
    # y_pred = 0.1*0.3 + 0.1*0 + 0 = 0.03;  error = -5.97;  dL/dy = -11.94
    # dw3 = -11.94*0.3 = -3.582;  dw4 = 0;  db3 = -11.94
    # dh1 = -11.94*0.1 = -1.194;  dz1 = -1.194*1;  dw1 = -1.194*3 = -3.582;  db1 = -1.194
    # dh2 = -1.194 but relu'(z2) = 0, so dz2 = dw2 = db2 = 0: unit 2 learns nothing
    grads = engine.gradients(engine.MLP(), x=3.0, y=6.0)
    expected = {"w_1": -3.582, "b_1": -1.194, "w_2": 0.0, "b_2": 0.0, "v_1": -3.582, "v_2": 0.0, "c": -11.94}
    assert grads == pytest.approx(expected, abs=1e-12)


def test_gradient_check_reports_small_errors_away_from_kinks():
    check = engine.gradient_check(engine.MLP.init(hidden=3, seed=2, activation="tanh"), 1.5, -0.5)
    assert list(check.parameter) == list(engine.MLP.init(hidden=3).names)
    assert check.rel_error.max() < 1e-6


def test_ledger_values_match_gradients_and_one_training_step():
    net = engine.MLP()
    table = engine.ledger(net, 3.0, 6.0, lr=0.01).set_index("name")
    grads = engine.gradients(net, 3.0, 6.0)
    for name in net.names:
        symbol = {"v_1": "dL/dv_1", "v_2": "dL/dv_2", "c": "dL/dc"}.get(name, f"dL/d{name}")
        assert table.loc[symbol, "value"] == grads[name]
    one_step = engine.train(net, engine.Dataset(x=[3.0], y=[6.0]), lr=0.01, epochs=1).model
    assert [table.loc[f"new {name}", "value"] for name in net.names] == list(one_step.theta)
    assert table.loc["z_2", "seed"] == "z2" and table.loc["dL/dv_2", "seed"] == "dw4"
    assert math.isclose(table.loc["loss", "value"], 5.97**2)
    assert table.loc["dL/dz_1", "latex"].endswith("= -1.194")


def test_linear_ledger_uses_the_seed_names():
    table = engine.ledger(engine.Linear(), 1.0, 2.0, lr=0.01).set_index("name")
    # y_pred = 0; error = -2; dw = 2*(-2)*1 = -4; w <- 0 - 0.01*(-4) = 0.04
    assert table.loc["dL/dw", "value"] == -4.0 and table.loc["dL/dw", "seed"] == "dw"
    assert table.loc["new w", "value"] == 0.04
