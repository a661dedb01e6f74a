"""Optimizers, schedules, L1, held-out data: hand-worked updates, PyTorch's semantics from an independent plain-Python
reference, schedules' rates, the split, finite differences for the penalized loss, and random settings."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine

LINE = engine.Dataset(x=[1, 2, 3, 4], y=[2, 4, 6, 8])  # the seed's line
QUICK = settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def two_steps(optimizer, **options):
    """w, b and the optimizer's state just before the third per-sample update on the seed's line (w = b = 0,
    lr = 0.01): after the updates on (x=1, y=2) and (x=2, y=4)."""
    spec = engine.RunSpec(engine.Linear(), LINE, 0.01, 1, optimizer=optimizer, **options)
    model, state = engine.before_step(spec, 0, 2)
    return model.w, model.b, state


# Step 1 on (1, 2) from w = b = 0: y_hat = 0, e = -2, dL/dw = 2e*x = -4, dL/db = 2e = -4.

def test_sgd_with_momentum_two_steps_by_hand():
    # step 1: the buffer starts as the gradient, b = (-4, -4); w = 0 - 0.01 * -4 = 0.04, b = 0.04
    # step 2 on (2, 4): y_hat = 0.04*2 + 0.04 = 0.12, e = -3.88, dL/dw = -15.52, dL/db = -7.76
    #   buffers: 0.9 * -4 + -15.52 = -19.12 and 0.9 * -4 + -7.76 = -11.36
    #   w = 0.04 - 0.01 * -19.12 = 0.2312, b = 0.04 - 0.01 * -11.36 = 0.1536
    w, b, state = two_steps(engine.SGD(momentum=0.9))
    assert (w, b) == pytest.approx((0.2312, 0.1536), rel=1e-12)
    assert state["buffer"] == pytest.approx({"w": -19.12, "b": -11.36}, rel=1e-12) and state["step"] == 2


def test_nesterov_two_steps_by_hand():
    # step 1: buffer -4, the step looks ahead: g + 0.9 * buffer = -4 - 3.6 = -7.6, so w = b = 0.076
    # step 2: y_hat = 0.228, e = -3.772, dL/dw = -15.088, dL/db = -7.544
    #   buffers -3.6 - 15.088 = -18.688 and -3.6 - 7.544 = -11.144
    #   steps -15.088 + 0.9 * -18.688 = -31.9072 and -7.544 + 0.9 * -11.144 = -17.5736
    #   w = 0.076 + 0.319072 = 0.395072, b = 0.076 + 0.175736 = 0.251736
    w, b, _ = two_steps(engine.SGD(momentum=0.9, nesterov=True))
    assert (w, b) == pytest.approx((0.395072, 0.251736), rel=1e-12)


def test_weight_decay_adds_to_the_gradient():
    # step 1: g = -4 + 0.1 * 0 = -4: w = b = 0.04. step 2: dL/dw = -15.52 + 0.1 * 0.04 = -15.516, dL/db = -7.756
    #   w = 0.04 + 0.15516 = 0.19516, b = 0.04 + 0.07756 = 0.11756
    w, b, _ = two_steps(engine.SGD(weight_decay=0.1))
    assert (w, b) == pytest.approx((0.19516, 0.11756), rel=1e-12)


def test_rmsprop_two_steps_by_hand():
    # step 1: s = 0.99 * 0 + 0.01 * 16 = 0.16, sqrt(s) = 0.4: w = b = 0.01 * 4 / (0.4 + 1e-8) = 0.0999999975
    # step 2: y_hat = 0.2999999925, e = -3.7000000075, dL/dw = -14.80000003, dL/db = -7.400000015
    #   s_w = 0.99 * 0.16 + 0.01 * 14.80000003^2 = 2.34880000888, sqrt = 1.53258...
    #   w = 0.0999999975 + 0.01 * 14.80000003 / (1.5325795... + 1e-8) = 0.19656921...
    w, b, state = two_steps(engine.RMSprop())
    first = 0.01 * 4 / (0.4 + 1e-8)
    error = 3 * first - 4
    s_w, s_b = 0.99 * 0.16 + 0.01 * (4 * error) ** 2, 0.99 * 0.16 + 0.01 * (2 * error) ** 2
    assert state["square"] == pytest.approx({"w": s_w, "b": s_b}, rel=1e-12)
    assert s_w == pytest.approx(2.3488000089, rel=1e-10)
    assert w == pytest.approx(first - 0.01 * 4 * error / (math.sqrt(s_w) + 1e-8), rel=1e-12)
    assert w == pytest.approx(0.19656921081, rel=1e-10) and b == pytest.approx(0.18807027489, rel=1e-10)


def test_adam_two_steps_and_the_bias_correction_at_step_one():
    # step 1: m = 0 + 0.1 * (-4 - 0) = -0.4, v = 0.001 * 16 = 0.016; corrected m/0.1 = -4, v/0.001 = 16:
    #   the first step is lr * g / |g| (bias correction makes it lr whatever the betas): w = b = 0.01 (less 1e-10)
    first, _ = engine.before_step(engine.RunSpec(engine.Linear(), LINE, 0.01, 1, optimizer=engine.Adam(
        betas=(0.5, 0.6))), 0, 1)
    assert first.theta == pytest.approx((0.01, 0.01), rel=1e-8)
    # step 2 on (2, 4): y_hat = 0.03, e = -3.97, dL/dw = -15.88, dL/db = -7.94
    #   m_w = -0.4 + 0.1 * (-15.88 + 0.4) = -1.948, v_w = 0.999 * 0.016 + 0.001 * 252.1744 = 0.2681584
    #   w = 0.01 - (0.01 / (1 - 0.9^2)) * -1.948 / (sqrt(0.2681584) / sqrt(1 - 0.999^2) + 1e-8) = 0.0188521
    w, b, state = two_steps(engine.Adam())
    assert state["buffer"] == pytest.approx({"w": -1.948, "b": -1.154}, rel=1e-9)
    assert state["square"] == pytest.approx({"w": 0.2681584, "b": 0.0790276}, rel=1e-9)
    assert w == pytest.approx(0.01 + (0.01 / 0.19) * 1.948 / (math.sqrt(0.2681584) / math.sqrt(1 - 0.999**2)),
                              rel=1e-8)
    assert (w, b) == pytest.approx((0.01885209455, 0.01965982384), rel=1e-9)


def test_l1_adds_its_sign_to_the_weights_gradient_only():
    # step 1 at w = 0: sign(0) = 0, nothing added: w = b = 0.04. step 2: dL/dw = -15.52 + 0.5 * sign(0.04) = -15.02
    #   w = 0.04 + 0.1502 = 0.1902; b has no penalty: 0.04 + 0.0776 = 0.1176
    w, b, _ = two_steps(engine.SGD(), l1=0.5)
    assert (w, b) == pytest.approx((0.1902, 0.1176), rel=1e-12)


def reference(model_theta, data, lr_rates, epochs, chunk, optimizer, l1):
    """Plain-Python training of y = w*x + b with the optimizers written from PyTorch's documented algorithms,
    apart from the engine's code: what `engine.train` must reproduce."""
    w, b = model_theta
    xs, ys = list(data.x), list(data.y)
    state = {"w": [0.0, 0.0], "b": [0.0, 0.0]}
    step = 0
    history = []
    for epoch in range(epochs):
        lr = lr_rates[epoch]
        for start in range(0, len(xs), chunk):
            grads = {"w": 0.0, "b": 0.0}
            batch = list(zip(xs[start:start + chunk], ys[start:start + chunk]))
            for x, y in batch:
                error = w * x + b - y
                grads["w"] += 2 * error * x
                grads["b"] += 2 * error
            grads = {name: g / len(batch) for name, g in grads.items()}
            grads["w"] += l1 * (1.0 if w > 0 else -1.0 if w < 0 else 0.0)
            step += 1
            params = {"w": w, "b": b}
            for name in ("w", "b"):
                g = grads[name] + optimizer.weight_decay * params[name]
                s = state[name]
                if isinstance(optimizer, engine.SGD):
                    if optimizer.momentum:
                        s[0] = g if step == 1 else optimizer.momentum * s[0] + g
                        g = g + optimizer.momentum * s[0] if optimizer.nesterov else s[0]
                    params[name] -= lr * g
                elif isinstance(optimizer, engine.RMSprop):
                    s[1] = optimizer.alpha * s[1] + (1 - optimizer.alpha) * g * g
                    avg = math.sqrt(s[1]) + optimizer.eps
                    if optimizer.momentum:
                        s[0] = optimizer.momentum * s[0] + g / avg
                        params[name] -= lr * s[0]
                    else:
                        params[name] -= lr * g / avg
                else:
                    beta1, beta2 = optimizer.betas
                    s[0] = beta1 * s[0] + (1 - beta1) * g
                    s[1] = beta2 * s[1] + (1 - beta2) * g * g
                    m_hat, v_hat = s[0] / (1 - beta1**step), s[1] / (1 - beta2**step)
                    params[name] -= lr * m_hat / (math.sqrt(v_hat) + optimizer.eps)
            w, b = params["w"], params["b"]
        history.append((w, b))
    return history


@pytest.mark.parametrize("optimizer", [engine.SGD(momentum=0.8), engine.SGD(momentum=0.5, nesterov=True),
                                       engine.SGD(weight_decay=0.05), engine.RMSprop(momentum=0.3),
                                       engine.RMSprop(alpha=0.9, weight_decay=0.01), engine.Adam(),
                                       engine.Adam(betas=(0.8, 0.99), weight_decay=0.02)])
@pytest.mark.parametrize("schedule", [engine.ConstantLR(), engine.StepLR(7, 0.5), engine.CosineLR(10, 0.001)])
@pytest.mark.parametrize("mode, batch_size, chunk", [("sgd", None, 1), ("minibatch", 3, 3), ("batch", None, 4)])
def test_every_optimizer_schedule_and_mode_matches_pytorchs_algorithm(optimizer, schedule, mode, batch_size, chunk):
    data = engine.make_dataset("noisy_line", n=4, noise=0.3, seed=1)
    run = engine.train(engine.Linear(0.5, -0.2), data, 0.01, 25, mode, batch_size, optimizer=optimizer,
                       schedule=schedule, l1=0.05)
    expected = reference((0.5, -0.2), data, schedule.rates(0.01, 25), 25, chunk, optimizer, 0.05)
    np.testing.assert_allclose(run.history[["w", "b"]].to_numpy(), expected, rtol=1e-9, atol=1e-12)
    assert run.history["lr"].tolist() == schedule.rates(0.01, 25).tolist()


def test_schedules_rates_for_their_first_epochs():
    assert engine.ConstantLR().rates(0.1, 3).tolist() == [0.1, 0.1, 0.1]
    assert engine.StepLR(2, 0.5).rates(0.1, 5).tolist() == [0.1, 0.1, 0.05, 0.05, 0.025]
    assert engine.ExponentialLR(0.9).rates(0.1, 4) == pytest.approx([0.1, 0.09, 0.081, 0.0729], rel=1e-15)
    cosine = engine.CosineLR(4, 0.01).rates(0.1, 9)
    closed = [0.01 + 0.09 * (1 + math.cos(math.pi * e / 4)) / 2 for e in range(9)]  # periodic: down, then up again
    np.testing.assert_allclose(cosine, closed, rtol=1e-12, atol=1e-15)
    assert cosine[4] == pytest.approx(0.01) and cosine[8] == pytest.approx(0.1)


def test_a_growing_schedule_overflows_to_infinity_quietly_and_training_says_it_diverged():
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # an overflow warning would reach the server's log on every rerun
        rates = engine.ExponentialLR(10.0).rates(0.01, 400)
        run = engine.train(engine.Linear(), engine.Dataset([1, 2, 3, 4], [2, 4, 6, 8]), lr=0.01, epochs=400,
                           schedule=engine.ExponentialLR(10.0))
    assert rates[0] == 0.01 and math.isinf(rates[-1])
    assert run.diverged_at is not None and run.diverged_at < 400


def test_the_split_sizes_order_and_determinism():
    data = engine.make_dataset("sine", n=10)
    train, test = data.split(0.3, seed=4)
    assert (len(train), len(test)) == (7, 3)
    again = data.split(0.3, seed=4)
    assert np.array_equal(again[1].x, test.x) and not np.array_equal(data.split(0.3, seed=5)[1].x, test.x)
    assert sorted([*train.x, *test.x]) == sorted(data.x)
    assert list(train.x) == sorted(train.x) and list(test.x) == sorted(test.x)  # each keeps the points' order
    assert len(engine.make_dataset("line", 3).split(0.01)[1]) == 1  # at least one held out ...
    assert len(engine.make_dataset("line", 3).split(0.99)[0]) == 1  # ... and at least one to train on
    for bad in (0, 1, -0.1, float("nan")):
        with pytest.raises(ValueError, match="test_fraction"):
            data.split(bad)
    with pytest.raises(ValueError, match="at least 2 points"):
        engine.make_dataset("line", 1).split(0.5)


def test_the_held_out_mse_is_recorded_each_epoch():
    train, test = engine.make_dataset("noisy_line", n=12, noise=0.5).split(0.25, seed=1)
    run = engine.train(engine.MLP.init(3, "he", 2), train, 0.01, 20, test=test)
    assert list(run.history.columns[:5]) == ["epoch", "loss", "mse", "test_mse", "lr"]
    for row in run.history.itertuples():
        model = run.initial.with_theta(tuple(getattr(row, name) for name in run.initial.names))
        assert row.test_mse == pytest.approx(np.mean((model.predict(test.x) - test.y) ** 2), rel=1e-12)
    assert "test_mse" not in engine.train(engine.MLP(), train, 0.01, 5).history


def test_the_penalized_loss_gradient_by_finite_differences():
    # one full-batch step: theta - lr * gradient of (mean squared error + l1 * sum |w|); the gradient read back from
    # the step matches central differences of that penalized loss (away from w = 0, where |w| has its kink)
    net = engine.MLP.init(3, "xavier", 3, "tanh")
    data, lr, l1 = engine.make_dataset("sine", n=6), 1e-3, 0.2
    after = engine.train(net, data, lr, 1, "batch", l1=l1).model

    def penalized(theta):
        model = net.with_theta(theta)
        weights = [*model.w, *model.v]
        return float(np.mean((model.predict(data.x) - data.y) ** 2)) + l1 * sum(map(abs, weights))

    read = (np.array(net.theta) - np.array(after.theta)) / lr
    for i in range(len(net.theta)):
        up, down = list(net.theta), list(net.theta)
        up[i] += 1e-6
        down[i] -= 1e-6
        assert read[i] == pytest.approx((penalized(up) - penalized(down)) / 2e-6, rel=1e-5, abs=1e-8)


def test_the_seed_net_with_default_sgd_is_bit_exact():
    data = engine.make_dataset("line", 5)
    plain = engine.train(engine.MLP(), data, 0.01, 100)
    named = engine.train(engine.MLP(), data, 0.01, 100, optimizer=engine.SGD(), schedule=engine.ConstantLR(), l1=0.0)
    assert plain.history.equals(named.history)
    assert f"{named.predict(9):.4f}" == "17.9969"  # the seed notebook's digits (tests/golden)


optimizers = st.one_of(
    st.builds(engine.SGD, momentum=st.floats(0, 0.99), weight_decay=st.floats(0, 0.1)),
    st.builds(lambda m: engine.SGD(momentum=m, nesterov=True), st.floats(0.01, 0.99)),
    st.builds(engine.RMSprop, alpha=st.floats(0, 0.999), eps=st.floats(1e-10, 1e-3), momentum=st.floats(0, 0.9),
              weight_decay=st.floats(0, 0.1)),
    st.builds(lambda b1, b2, eps, wd: engine.Adam((b1, b2), eps, wd), st.floats(0, 0.999), st.floats(0, 0.9999),
              st.floats(1e-10, 1e-3), st.floats(0, 0.1)))
schedules = st.one_of(st.just(engine.ConstantLR()), st.builds(engine.StepLR, st.integers(1, 20), st.floats(0.01, 2)),
                      st.builds(engine.ExponentialLR, st.floats(0.5, 1.5)),
                      st.builds(engine.CosineLR, st.integers(1, 30), st.floats(0, 1e-3)))


@QUICK
@given(optimizer=optimizers, schedule=schedules, l1=st.floats(0, 1), lr=st.floats(1e-4, 10),
       mode=st.sampled_from(engine.MODES))
def test_random_valid_settings_never_raise_and_keep_the_epochs_in_order(optimizer, schedule, l1, lr, mode):
    run = engine.train(engine.MLP.init(3, "he", 1, "relu"), engine.make_dataset("sine", 8), lr, 30, mode, 3,
                       optimizer=optimizer, schedule=schedule, l1=l1)
    epochs = run.history["epoch"].to_numpy()
    assert np.array_equal(epochs, np.arange(len(epochs)))
    assert len(run.history) == 30 or run.diverged_at == len(run.history)


@pytest.mark.parametrize(("make", "field"), [
    (lambda: engine.SGD(momentum=-0.1), "momentum"), (lambda: engine.SGD(weight_decay=-1), "weight_decay"),
    (lambda: engine.SGD(nesterov=True), "nesterov"), (lambda: engine.SGD(nesterov="yes"), "nesterov"),
    (lambda: engine.RMSprop(alpha=1.0), "alpha"), (lambda: engine.RMSprop(eps=-1e-8), "eps"),
    (lambda: engine.Adam(betas=(1.0, 0.9)), "beta1"), (lambda: engine.Adam(betas=(0.9, -0.1)), "beta2"),
    (lambda: engine.Adam(betas=(0.9,)), "betas"), (lambda: engine.Adam(eps=float("nan")), "eps"),
    (lambda: engine.StepLR(0, 0.5), "step_size"), (lambda: engine.StepLR(3, 0), "gamma"),
    (lambda: engine.ExponentialLR(-0.5), "gamma"), (lambda: engine.CosineLR(0), "t_max"),
    (lambda: engine.CosineLR(5, -1), "lr_min"), (lambda: engine.CosineLR(5, 1.0).rates(0.1, 3), "lr_min"),
    (lambda: engine.train(engine.Linear(), LINE, 0.01, 5, optimizer="adam"), "optimizer"),
    (lambda: engine.train(engine.Linear(), LINE, 0.01, 5, schedule=0.5), "schedule"),
    (lambda: engine.train(engine.Linear(), LINE, 0.01, 5, l1=-0.1), "l1"),
    (lambda: engine.train(engine.Linear(), LINE, 0.01, 5, test=[1, 2]), "test"),
    (lambda: engine.train(engine.Linear(), LINE, -0.01, 5, optimizer=engine.Adam()), "learning rate"),
])
def test_invalid_settings_raise_value_error_naming_the_field(make, field):
    with pytest.raises(ValueError, match=field):
        make()


@pytest.mark.parametrize(("optimizer", "schedule", "l1", "exact"), [
    (engine.SGD(momentum=0.5), engine.StepLR(5, 0.5), 0.0, True),
    (engine.SGD(momentum=0.5, nesterov=True, weight_decay=0.01), engine.ExponentialLR(0.95), 0.1, True),
    (engine.RMSprop(momentum=0.2, weight_decay=0.01), engine.ConstantLR(), 0.05, True),
    (engine.Adam(weight_decay=0.001), engine.CosineLR(8, 1e-4), 0.02, False),
])
@pytest.mark.parametrize(("mode", "batch_size"), [("sgd", None), ("minibatch", 2)])
def test_the_exported_script_reproduces_a_run_with_its_optimizer(optimizer, schedule, l1, exact, mode, batch_size):
    import subprocess
    import sys

    net = engine.MLP.init(3, "he", 5, "relu")
    data = engine.make_dataset("sine", 5)
    options = {"optimizer": optimizer, "schedule": schedule, "l1": l1}
    run = engine.train(net, data, 0.01, 21, mode, batch_size, **options)
    assert run.diverged_at is None
    script = engine.export_script(net, data, 0.01, 21, mode, batch_size, **options)
    shown = "print(repr([" + ", ".join(net.names) + "]))"
    out = subprocess.run([sys.executable, "-I", "-c", f"{script}\n{shown}"], capture_output=True, text=True,
                         timeout=60)
    final = [float(value) for value in out.stdout.strip().splitlines()[-1].strip("[]").split(",")]
    if exact:
        assert final == list(run.model.theta)
    else:  # Adam's beta ** step and the cosine: the standard library's pow and cos may differ in the last bit
        np.testing.assert_allclose(final, run.model.theta, rtol=1e-12, atol=0)
