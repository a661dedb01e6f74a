"""Bad input raises ValueError saying what to change; odd but valid input trains without raising."""

import math
import warnings

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine

DATA = engine.make_dataset("line", 4)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: engine.Dataset(x=[1, 2], y=[1]), "same length"),
        (lambda: engine.Dataset(x=[], y=[]), "no points"),
        (lambda: engine.Dataset(x=[1, "a"], y=[1, 2]), r"x\[1\] must be a number"),
        (lambda: engine.Dataset(x=[1, 2], y=[1, float("nan")]), "finite"),
        (lambda: engine.Dataset(x=[1, math.inf], y=[1, 2]), "finite"),
        (lambda: engine.Dataset(x=[10**400], y=[1]), "finite"),
        (lambda: engine.Dataset(x="12", y="12"), "list of numbers"),
        (lambda: engine.Linear(w="0", b=0), "w must be a number"),
        (lambda: engine.Linear(w=0, b=math.nan), "b must be a finite"),
        (lambda: engine.MLP(w=[1, 2], b=[0], v=[1, 1]), "the same count"),
        (lambda: engine.MLP(w=[], b=[], v=[]), "1 to 32"),
        (lambda: engine.MLP(w=[0.1] * 33, b=[0] * 33, v=[0] * 33), "1 to 32"),
        (lambda: engine.MLP(activation="softmax"), "activation must be one of"),
        (lambda: engine.MLP.init(hidden=0), "width must be between 1 and 32"),
        (lambda: engine.MLP.init(hidden=2.5), "width must be a whole number"),
        (lambda: engine.MLP.init(scheme="kaiming"), "init scheme must be one of"),
        (lambda: engine.MLP.init(seed=-1), "seed must be at least 0"),
        (lambda: engine.train(engine.Linear(), DATA, lr=0, epochs=10), "learning rate must be greater than 0"),
        (lambda: engine.train(engine.Linear(), DATA, lr=-0.1, epochs=10), "greater than 0"),
        (lambda: engine.train(engine.Linear(), DATA, lr=math.inf, epochs=10), "finite"),
        (lambda: engine.train(engine.Linear(), DATA, lr=math.nan, epochs=10), "finite"),
        (lambda: engine.train(engine.Linear(), DATA, lr=0.01, epochs=0), "epochs must be at least 1"),
        (lambda: engine.train(engine.Linear(), DATA, lr=0.01, epochs=-5), "epochs must be at least 1"),
        (lambda: engine.train(engine.Linear(), DATA, lr=0.01, epochs=10, mode="adam"), "mode must be one of"),
        (lambda: engine.train(engine.Linear(), DATA, lr=0.01, epochs=10, mode="minibatch"), "needs a batch_size"),
        (lambda: engine.train(engine.Linear(), DATA, 0.01, 10, "minibatch", batch_size=5), "between 1 and 4"),
        (lambda: engine.train(engine.Linear(), DATA, 0.01, 10, "minibatch", batch_size=0), "between 1 and 4"),
        (lambda: engine.train("net", DATA, lr=0.01, epochs=10), "engine.Linear, engine.MLP or engine.Network"),
        (lambda: engine.train(engine.Linear(), [1, 2], lr=0.01, epochs=10), "engine.Dataset"),
        (lambda: engine.make_dataset("spiral"), "data must be one of"),
        (lambda: engine.make_dataset("line", n=0), "n must be at least 1"),
        (lambda: engine.make_dataset("line", noise=-1), "noise must be 0 or more"),
        (lambda: engine.sweep(engine.Linear(), DATA, [], 10), "at least one learning rate"),
        (lambda: engine.sweep(engine.Linear(), DATA, [0.1, -1], 10), "learning rate 2 must be greater than 0"),
    ],
)
def test_bad_input_raises_a_message_saying_what_to_change(make, message):
    with pytest.raises(ValueError, match=message):
        make()


finite = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False)
anything = st.one_of(st.floats(), st.integers(-10**6, 10**6), st.text(max_size=3), st.none(), st.booleans())


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    points=st.lists(st.tuples(finite, finite), min_size=1, max_size=8),
    width=st.integers(1, 6),
    activation=st.sampled_from(sorted(engine.ACTIVATIONS)),
    scheme=st.sampled_from(engine.SCHEMES),
    seed=st.integers(0, 2**32 - 1),
    lr=st.floats(min_value=1e-12, max_value=1e12),
    epochs=st.integers(1, 30),
    mode=st.sampled_from(engine.MODES),
    batch_size=st.integers(1, 8),
)
def test_random_valid_input_never_raises_or_warns(points, width, activation, scheme, seed, lr, epochs, mode,
                                                   batch_size):
    data = engine.Dataset(x=[p[0] for p in points], y=[p[1] for p in points])
    batch_size = min(batch_size, len(points))
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for model in (engine.Linear(w=points[0][1], b=0.5), engine.MLP.init(width, scheme, seed, activation)):
            run = engine.train(model, data, lr=lr, epochs=epochs, mode=mode, batch_size=batch_size)
            assert np.isfinite(run.history.to_numpy(dtype=float)).all()
            assert len(run.history) == (epochs if run.diverged_at is None else run.diverged_at)
            engine.dead_units(run)
            engine.export_script(model, data, lr, epochs, mode, batch_size)
            engine.ledger(model, points[0][0], points[0][1], lr)
        engine.sweep(model, data, [lr, lr / 2], epochs, mode, batch_size)


@settings(max_examples=80, deadline=None)
@given(x=st.lists(anything, min_size=0, max_size=4), y=st.lists(anything, min_size=0, max_size=4))
def test_random_dataset_input_is_accepted_or_rejected_with_value_error(x, y):
    ok = (
        len(x) == len(y) > 0
        and all(isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v) for v in x + y)
    )
    if ok:
        assert len(engine.Dataset(x=x, y=y)) == len(x)
    else:
        with pytest.raises(ValueError):
            engine.Dataset(x=x, y=y)


# epochs stay small enough to finish: a valid huge count with a tiny lr would train for hours
some_epochs = st.one_of(st.floats(max_value=2000), st.integers(-10**6, 2000), st.text(max_size=3), st.none(),
                        st.booleans())


@settings(max_examples=80, deadline=None)
@given(lr=anything, epochs=some_epochs, mode=st.one_of(st.sampled_from(engine.MODES), st.text(max_size=5)),
       batch_size=st.one_of(st.none(), anything))
def test_random_training_arguments_are_accepted_or_rejected_with_value_error(lr, epochs, mode, batch_size):
    try:
        run = engine.train(engine.Linear(), DATA, lr=lr, epochs=epochs, mode=mode, batch_size=batch_size)
    except ValueError as error:
        assert str(error)
    else:
        assert 0 < lr and 1 <= epochs and mode in engine.MODES and len(run.history) <= epochs
