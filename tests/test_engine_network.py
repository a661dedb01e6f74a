"""engine.Network: gradients against finite differences and a hand-worked net, MLP equivalence bit for bit,
initialization, gradient flow, dead units per layer, exports, and random shapes (valid never raise)."""

import subprocess
import sys

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine

LINE = engine.Dataset(x=[1, 2, 3, 4, 5], y=[2, 4, 6, 8, 10])
WAVE = engine.Dataset(x=np.linspace(-2, 2, 20), y=np.sin(np.linspace(-2, 2, 20)))
ACTS = {  # an independent reference of each activation, vectorized
    "relu": lambda z: np.maximum(z, 0.0), "leaky_relu": lambda z: np.where(z > 0, z, 0.01 * z), "tanh": np.tanh,
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)), "identity": lambda z: z,
}
QUICK = settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def reference_loss(weights, biases, activation, x, y):
    """(y_hat - y)^2 by matrix products, written apart from the engine: a = f(W a + b), the last layer linear."""
    a = np.array([x], dtype=float)
    for k, (w, b) in enumerate(zip(weights, biases)):
        z = w @ a + b
        a = z if k == len(weights) - 1 else ACTS[activation](z)
    return float((a[0] - y) ** 2)


def central_differences(net, x, y, h=1e-6):
    """dL/dW and dL/db of every layer by (L(p + h) - L(p - h)) / 2h, one parameter at a time."""
    weights, biases = net.weight_arrays(), net.bias_arrays()
    result = {"weights": [], "biases": []}
    for key, arrays in (("weights", weights), ("biases", biases)):
        for array in arrays:
            grad = np.zeros_like(array)
            for index in np.ndindex(array.shape):
                keep = array[index]
                array[index] = keep + h
                up = reference_loss(weights, biases, net.activation, x, y)
                array[index] = keep - h
                down = reference_loss(weights, biases, net.activation, x, y)
                array[index] = keep
                grad[index] = (up - down) / (2 * h)
            result[key].append(grad)
    return result


@pytest.mark.parametrize("activation", list(engine.ACTIVATIONS))
@pytest.mark.parametrize("widths", [(3,), (3, 2), (2, 3, 2), (2, 2, 2, 2)])
def test_each_layers_gradients_match_central_differences(activation, widths):
    start = engine.Network.init(widths, "xavier", seed=len(widths), activation=activation)
    rng = np.random.default_rng(len(widths))  # biases away from 0, so no unit's z is exactly 0 (dead inputs, 0 bias)
    net = engine.Network(start.weight_arrays(), [rng.normal(0, 0.5, b.shape) for b in start.bias_arrays()], activation)
    x, y = 0.7, -0.4
    zs, _ = net.hidden([x])
    assert min(abs(z).min() for z in zs) > 1e-3  # no unit sits on a kink, where a difference averages two slopes
    analytic, numeric = engine.gradients(net, x, y), central_differences(net, x, y)
    assert len(analytic["weights"]) == len(widths) + 1
    for key in ("weights", "biases"):
        for mine, theirs, shape in zip(analytic[key], numeric[key], (w.shape for w in net.weight_arrays())):
            assert mine.shape == (shape if key == "weights" else shape[:1])
            np.testing.assert_allclose(mine, theirs, rtol=1e-5, atol=1e-8)


def test_a_two_layer_net_worked_by_hand():
    # 1 -> 1 -> 1 -> 1, relu, at x = 1, y = 0:
    #   z1 = 2*1 + (-1) = 1      h1 = relu(1) = 1
    #   z2 = 3*h1 + 0.5 = 3.5    h2 = relu(3.5) = 3.5
    #   y_hat = -1*h2 + 2 = -1.5, error e = -1.5, L = e^2 = 2.25
    # backward, dL/dy_hat = 2e = -3:
    #   output layer: dL/dw3 = -3 * h2 = -10.5, dL/db3 = -3
    #   delta2 = (w3 * -3) * relu'(3.5) = (-1 * -3) * 1 = 3:    dL/dw2 = 3 * h1 = 3, dL/db2 = 3
    #   delta1 = (w2 * delta2) * relu'(1) = (3 * 3) * 1 = 9:    dL/dw1 = 9 * x = 9,  dL/db1 = 9
    net = engine.Network([[[2.0]], [[3.0]], [[-1.0]]], [[-1.0], [0.5], [2.0]], "relu")
    grads = engine.gradients(net, 1.0, 0.0)
    assert [w.item() for w in grads["weights"]] == [9.0, 3.0, -10.5]
    assert [b.item() for b in grads["biases"]] == [9.0, 3.0, -3.0]
    assert net.predict(1.0) == -1.5 and engine.sample_loss(net, 1.0, 0.0) == 2.25
    # one SGD step with lr = 0.1 on that sample: every parameter p - 0.1 * dL/dp
    run = engine.train(net, engine.Dataset(x=[1.0], y=[0.0]), lr=0.1, epochs=1)
    assert run.model.theta == pytest.approx((2 - 0.9, -1 - 0.9, 3 - 0.3, 0.5 - 0.3, -1 + 1.05, 2 + 0.3), abs=1e-15)
    assert run.history["loss"].iloc[0] == 2.25


@pytest.mark.parametrize("activation", list(engine.ACTIVATIONS))
@pytest.mark.parametrize("mode, batch_size", [("sgd", None), ("minibatch", 2), ("batch", None)])
def test_an_mlp_trains_bit_for_bit_like_its_one_layer_network(activation, mode, batch_size):
    mlp = engine.MLP.init(5, "he", 4, activation)
    net = engine.Network.from_mlp(mlp)
    assert net.sizes == mlp.sizes and net.theta == mlp.theta
    a, b = engine.train(mlp, WAVE, 0.05, 40, mode, batch_size), engine.train(net, WAVE, 0.05, 40, mode, batch_size)
    assert np.array_equal(a.history.to_numpy(), b.history.to_numpy())  # every parameter, loss and MSE, bit for bit
    assert np.array_equal(a.activity.to_numpy(), b.activity.to_numpy())
    grid = np.linspace(-3, 3, 13)
    assert np.array_equal(a.predict(grid), b.predict(grid))


def test_the_seed_net_as_a_network_prints_the_seed_digits():
    run = engine.train(engine.Network.from_mlp(engine.MLP()), LINE, 0.01, 100)
    seed = engine.train(engine.MLP(), LINE, 0.01, 100)
    assert run.history["loss"].tolist() == seed.history["loss"].tolist()
    assert f"{run.predict(9):.4f}" == f"{seed.predict(9):.4f}"


def test_init_scales_each_layer_with_its_fan_in_and_is_reproducible():
    net = engine.Network.init((8, 8, 8), "he", 3, "relu")
    assert net == engine.Network.init((8, 8, 8), "he", 3, "relu") and net != engine.Network.init((8, 8, 8), "he", 4)
    assert net.sizes == (1, 8, 8, 8, 1) and net.depth == 3 and net.width == 24
    assert all(b.tolist() == [0.0] * len(b) for b in net.bias_arrays())
    big = engine.Network.init((8, 8, 8), "he", 0, "relu")
    spreads = [w.std() * np.sqrt(w.shape[1]) for w in big.weight_arrays()[1:-1]]  # sqrt(2) for He at every layer
    assert all(0.9 < spread < 1.9 for spread in spreads)
    uniform = engine.Network.init((8, 8), "uniform", 0)
    assert np.abs(uniform.weight_arrays()[1]).max() <= 1 / np.sqrt(8)
    # one hidden layer: He and Xavier draw exactly MLP.init's numbers
    for scheme in ("he", "xavier"):
        assert engine.Network.init((6,), scheme, 2, "tanh").theta == engine.MLP.init(6, scheme, 2, "tanh").theta


def test_gradient_flow_is_the_mean_norm_of_each_layers_update_gradient():
    net = engine.Network.init((3, 2), "xavier", 1, "tanh")
    run = engine.train(net, LINE, 0.01, 3, "batch")
    assert run.gradient_flow.columns.tolist() == ["epoch", "layer", "size"]
    assert len(run.gradient_flow) == 3 * 3
    # batch mode: one update per epoch, with the mean gradient over the points at the epoch's starting parameters
    per_sample = [engine.gradients(net, x, y)["weights"] for x, y in zip(LINE.x, LINE.y)]
    for layer in range(3):
        mean = sum(grads[layer] for grads in per_sample) / len(per_sample)
        expected = np.sqrt((mean**2).sum())
        got = run.gradient_flow.query("epoch == 0 and layer == @layer + 1")["size"].item()
        assert got == pytest.approx(expected, rel=1e-12)


def test_sigmoid_gradients_vanish_towards_the_input_and_relu_with_he_keeps_them():
    def first_to_last(run):
        first = run.gradient_flow.query("epoch == 0").set_index("layer")["size"]
        return first.iloc[0] / first.iloc[-1]

    sigmoid = engine.train(engine.Network.init((8, 8, 8, 8), "xavier", 0, "sigmoid"), WAVE, 0.1, 5)
    relu = engine.train(engine.Network.init((8, 8, 8, 8), "he", 0, "relu"), WAVE, 0.1, 5)
    assert first_to_last(sigmoid) < 0.01 < 0.1 < first_to_last(relu)


def test_dead_units_are_reported_per_layer():
    # layer 1: unit 2 has w < 0, b = 0 on x > 0, so z <= 0 on every point: dead from the start, as in the seed
    net = engine.Network([[[0.5], [-0.5]], [[1.0, 1.0], [-1.0, -1.0]], [[0.1, 0.1]]], [[0, 0], [0, 0], [0]], "relu")
    table = engine.dead_units(engine.train(net, LINE, 0.001, 5)).set_index(["layer", "unit"])
    assert table.loc[(1, 2), "status"] == "dead from the start"
    assert table.loc[(2, 2), "status"] == "dead from the start"  # -h1 - h2 <= 0 for every point
    assert table.loc[(1, 1), "status"] == "alive" and table.loc[(2, 1), "status"] == "alive"
    assert "can never recover" in table.loc[(1, 2), "cause"]
    assert "only if the layers below" in table.loc[(2, 2), "cause"]  # a deeper unit's input can still change


@pytest.mark.parametrize("activation, tolerance", [("relu", 0.0), ("identity", 0.0), ("tanh", 1e-12),
                                                   ("sigmoid", 1e-12)])
@pytest.mark.parametrize("mode, batch_size", [("sgd", None), ("minibatch", 3)])
def test_the_exported_script_reproduces_a_deep_run(activation, tolerance, mode, batch_size):
    net = engine.Network.init((3, 2, 2), "xavier", 5, activation)
    run = engine.train(net, LINE, 0.01, 21, mode, batch_size)
    script = engine.export_script(net, LINE, 0.01, 21, mode, batch_size)
    shown = "print(repr([" + ", ".join(net.names) + "]))"
    out = subprocess.run([sys.executable, "-I", "-c", f"{script}\n{shown}"], capture_output=True, text=True, timeout=60)
    final = [float(value) for value in out.stdout.strip().splitlines()[-1].strip("[]").split(",")]
    np.testing.assert_allclose(final, run.model.theta, rtol=tolerance, atol=0)
    assert [line for line in script.splitlines() if line.startswith(("import", "from"))] == ["import math"]


shapes = st.lists(st.integers(1, 8), min_size=1, max_size=4)
values = st.floats(-3, 3, allow_nan=False)


@QUICK
@given(widths=shapes, activation=st.sampled_from(list(engine.ACTIVATIONS)), data=st.data())
def test_random_valid_networks_never_raise(widths, activation, data):
    sizes = (1, *widths, 1)
    weights = [data.draw(st.lists(st.lists(values, min_size=n_in, max_size=n_in), min_size=n_out, max_size=n_out))
               for n_in, n_out in zip(sizes, sizes[1:])]
    biases = [data.draw(st.lists(values, min_size=n, max_size=n)) for n in sizes[1:]]
    net = engine.Network(weights, biases, activation)
    assert net.sizes == sizes and len(net.theta) == len(net.names)
    assert net.with_theta(net.theta) == net
    grads = engine.gradients(net, data.draw(values), data.draw(values))
    assert [g.shape for g in grads["weights"]] == [w.shape for w in net.weight_arrays()]
    run = engine.train(net, LINE, 0.001, 3, data.draw(st.sampled_from(engine.MODES)), 2)
    assert run.history["epoch"].tolist() == list(range(len(run.history)))


@QUICK
@given(bad=st.sampled_from([
    lambda: engine.Network.init((), "he"),
    lambda: engine.Network.init((2, 2, 2, 2, 2), "he"),
    lambda: engine.Network.init((9, 2), "he"),
    lambda: engine.Network.init((0,), "he"),
    lambda: engine.Network.init((2.5,), "he"),
    lambda: engine.Network.init((2,), "lecun"),
    lambda: engine.Network.init((2,), "he", -1),
    lambda: engine.Network([[[1.0]]], [[0.0]]),
    lambda: engine.Network([[[1.0, 2.0]], [[1.0]]], [[0.0], [0.0]]),
    lambda: engine.Network([[[1.0], [2.0]], [[1.0]]], [[0.0, 0.0], [0.0]]),
    lambda: engine.Network([[[1.0]], [[1.0], [1.0]]], [[0.0], [0.0, 0.0]]),
    lambda: engine.Network([[[1.0]], [[1.0]]], [[0.0, 1.0], [0.0]]),
    lambda: engine.Network([[[float("nan")]], [[1.0]]], [[0.0], [0.0]]),
    lambda: engine.Network([[["a"]], [[1.0]]], [[0.0], [0.0]]),
    lambda: engine.Network([[[1.0]], [[1.0]]], [[0.0], [0.0]], "softmax"),
    lambda: engine.Network("weights", [[0.0]]),
]))
def test_invalid_networks_raise_value_error(bad):
    with pytest.raises(ValueError):
        bad()
