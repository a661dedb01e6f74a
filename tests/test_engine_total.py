"""Every engine helper a page calls is total over what a page can pass: any finite data a table or a CSV can hold
(up to 1e300), any starting values the fields allow, any learning rate from 1e-6 to 1e9, runs that diverge.
Each returns, or raises ValueError (which the pages turn into a message); never another exception."""

import math

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from ui.charts import plotdata

FINITE = st.floats(-1e300, 1e300, allow_nan=False, allow_infinity=False)
FIELD = st.floats(-1e6, 1e6, allow_nan=False)


@st.composite
def datasets(draw) -> engine.Dataset:
    n = draw(st.integers(1, 12))
    scale = draw(st.sampled_from([1.0, 1e-300, 1e3, 1e150, 1e300]))
    x = draw(st.lists(st.floats(-1, 1, allow_nan=False), min_size=n, max_size=n))
    y = draw(st.lists(FINITE, min_size=n, max_size=n))
    return engine.Dataset(x=[value * scale for value in x], y=y)


@st.composite
def models(draw):
    if draw(st.booleans()):
        return engine.Linear(draw(FIELD), draw(FIELD))
    width = draw(st.integers(1, 4))
    values = st.lists(FIELD, min_size=width, max_size=width)
    return engine.MLP(draw(values), draw(values), draw(values), draw(FIELD),
                      draw(st.sampled_from(tuple(engine.ACTIVATIONS))))


@st.composite
def specs(draw) -> engine.RunSpec:
    data = draw(datasets())
    mode = draw(st.sampled_from(engine.MODES))
    batch = draw(st.integers(1, len(data))) if mode == "minibatch" else None
    lr = 10 ** draw(st.floats(-6, 9))
    return engine.RunSpec(draw(models()), data, lr, draw(st.integers(1, 30)), mode, batch)


@settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck))
@given(spec=specs(), x=FIELD)
def test_training_and_what_the_pages_draw_from_it_never_raise(spec, x):
    with np.errstate(all="ignore"):
        run = engine.train(spec)
        assert len(run.history) == (spec.epochs if run.diverged_at is None else run.diverged_at)
        assert np.isfinite(run.history.drop(columns="epoch").to_numpy()).all()  # a diverged epoch is not recorded
        prediction = run.predict(x)
        assert isinstance(prediction, float)
        engine.export_script(spec, x_test=x)
        sweep = engine.sweep(spec.model, spec.data, [spec.lr, spec.lr * 10], spec.epochs, spec.mode, spec.batch_size)
        assert sweep["mse"].isna().tolist() == sweep["diverged_at"].notna().tolist()
        if spec.model.width:
            units = engine.dead_units(run)
            assert len(units) == spec.model.width
            low, high, _ = plotdata.fit_window(spec.data.x, x)
            grid = plotdata.fit_grid(low, high, run.model.kinks())
            plotdata.unit_frames(run.model, grid, run.model.kinks())
        else:
            optimum = engine.least_squares(spec.data)
            assert optimum is None or all(map(math.isfinite, optimum))
            stable = engine.stable_lr(spec.data, spec.mode, spec.batch_size)
            assert math.isfinite(stable) and stable >= 0
            start = pd.DataFrame([{"epoch": -1, "w": spec.model.w, "b": spec.model.b}])
            path = pd.concat([start, run.history[["epoch", "w", "b"]]], ignore_index=True)
            w_range, b_range = plotdata.surface_window(path, optimum)
            grid = np.linspace(*w_range, 5), np.linspace(*b_range, 5)
            engine.loss_surface(engine.Linear(), spec.data, "w", "b", *grid)


@settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
@given(spec=specs(), epoch=st.integers(0, 40), sample=st.integers(0, 11))
def test_one_update_is_shown_or_explained(spec, epoch, sample):
    sample = min(sample, len(spec.data) - 1)
    try:
        model = engine.model_before_step(spec.model, spec.data, spec.lr, epoch, sample)
    except ValueError as problem:
        assert "diverged" in str(problem)
        return
    x, y = float(spec.data.x[sample]), float(spec.data.y[sample])
    with np.errstate(all="ignore"):
        try:
            engine.ledger(model, x, y, spec.lr)
            engine.gradient_check(model, x, y)
        except ValueError as problem:  # a gradient check stepping a huge parameter by its own scale, say
            assert str(problem)


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=datasets(), width=st.integers(1, 4), scheme=st.sampled_from(engine.SCHEMES),
       activation=st.sampled_from(tuple(engine.ACTIVATIONS)), lr=st.floats(-6, 9).map(lambda e: 10**e))
def test_the_initialization_sweep_never_raises(data, width, scheme, activation, lr):
    with np.errstate(all="ignore"):
        table = engine.init_sweep(data, width, scheme, range(3), activation, lr, 5)
    assert len(table) == 3 and (table["dead_at_end"] <= width).all()
