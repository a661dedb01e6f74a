"""Dead-unit facts: the seed's unit 2, a unit that dies in training, and activations that cannot die."""

import numpy as np
import pytest

import engine


def test_seed_unit_2_is_dead_from_the_start_and_why():
    run = engine.train(engine.MLP(), engine.make_dataset("line", 5), lr=0.01, epochs=100)
    table = engine.dead_units(run).set_index("unit")
    assert table.loc[1, "status"] == "alive"
    assert table.loc[2, "status"] == "dead from the start" and table.loc[2, "dead_since"] == 0
    assert "w_2 = -0.1 < 0" in table.loc[2, "cause"] and "b_2 = 0" in table.loc[2, "cause"]
    assert "can never recover" in table.loc[2, "cause"]
    assert "leaky_relu" in table.loc[2, "revive"]
    assert (run.activity[run.activity.unit == 2].active_fraction == 0).all()
    assert run.model.w[1] == -0.1 and run.model.b[1] == 0.0  # exactly zero gradients: it never moved


def test_a_unit_killed_by_a_large_step_is_dead_since_that_epoch():
    data = engine.make_dataset("line", 5)
    for lr in np.geomspace(0.02, 0.2, 30):
        run = engine.train(engine.MLP(w=[0.1, 0.2], b=[0.0, 0.0], v=[0.1, 0.1]), data, lr=lr, epochs=50)
        table = engine.dead_units(run)
        if (table.status == "dead").any():
            break
    else:
        raise AssertionError("expected some learning rate in the scan to kill a unit")
    unit = table[table.status == "dead"].iloc[0]
    fractions = run.activity[run.activity.unit == unit.unit].active_fraction.to_numpy()
    assert fractions[unit.dead_since] == 0 and (fractions[: unit.dead_since] > 0)[-1]
    assert (fractions[unit.dead_since :] == 0).all()


def test_leaky_units_are_inactive_but_not_dead():
    net = engine.MLP(w=[0.1, -0.1], b=[0.0, 0.0], v=[0.1, 0.1], activation="leaky_relu")
    run = engine.train(net, engine.make_dataset("line", 5), lr=0.01, epochs=100)
    table = engine.dead_units(run)
    assert not table.status.str.startswith("dead").any()
    assert run.model.w[1] != -0.1  # the leak carried a gradient to unit 2


def test_linear_has_no_units():
    run = engine.train(engine.Linear(), engine.make_dataset("line", 4), lr=0.01, epochs=5)
    assert engine.dead_units(run).empty and run.activity.empty


def test_init_sweep_counts_dead_units_per_seed():
    data = engine.make_dataset("line", 5)
    table = engine.init_sweep(data, 4, "he", range(6), "relu", 0.01, 20)
    assert list(table.seed) == list(range(6))
    for row in table.itertuples():
        run = engine.train(engine.MLP.init(4, "he", row.seed, "relu"), data, 0.01, 20)
        start = (np.array(run.initial.w)[:, None] * data.x + np.array(run.initial.b)[:, None] > 0).mean(axis=1)
        assert row.dead_at_start == (start == 0).sum()
        assert row.mse == run.final_mse


def test_model_before_step_is_the_seed_loop_stopped_early():
    data = engine.make_dataset("line", 5)
    before = engine.model_before_step(engine.MLP(), data, 0.01, epoch=2, sample=3)
    # replay by hand: two epochs, then three single-sample epochs on points 1, 2, 3
    model = engine.train(engine.MLP(), data, 0.01, 2).model
    for k in range(3):
        model = engine.train(model, engine.Dataset(x=[data.x[k]], y=[data.y[k]]), 0.01, 1).model
    assert before.theta == model.theta


def test_model_before_step_refuses_a_step_after_divergence():
    data = engine.make_dataset("line", 5)
    diverged_at = engine.train(engine.MLP(), data, 1e6, 50).diverged_at
    with pytest.raises(ValueError, match="diverged"):
        engine.model_before_step(engine.MLP(), data, 1e6, epoch=diverged_at + 1, sample=0)


def test_kinks_are_where_each_unit_switches():
    net = engine.MLP(w=[2.0, -0.5, 0.0], b=[1.0, 1.0, 3.0], v=[1.0, 1.0, 1.0])
    kinks = net.kinks()
    assert kinks[0] == -0.5 and kinks[1] == 2.0 and np.isnan(kinks[2])
    for i in (0, 1):  # z_i = w_i x + b_i is zero there
        assert net.w[i] * kinks[i] + net.b[i] == 0
