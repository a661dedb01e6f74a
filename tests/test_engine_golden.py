"""The seed notebook's printed numbers, reproduced digit for digit."""

from pathlib import Path

import engine

GOLDEN = Path(__file__).parent / "golden"
SEED_NET_NAMES = {"w_1": "w1", "b_1": "b1", "w_2": "w2", "b_2": "b2", "v_1": "w3", "v_2": "w4", "c": "b3"}
SEED_NET_ORDER = ["w_1", "b_1", "w_2", "b_2", "v_1", "v_2", "c"]  # the notebook's print order


def seed_table(history, names, order):
    return [
        f"Epoch {row.epoch}| Loss: {row.loss:.4f} | " + " | ".join(f"{names[p]}: {getattr(row, p):.4f}" for p in order)
        for row in history.itertuples()
        if row.epoch % 10 == 0
    ]


def test_linear_table_and_prediction_match_the_seed():
    data = engine.Dataset(x=[1, 2, 3, 4], y=[2, 4, 6, 8])
    run = engine.train(engine.Linear(w=0.0, b=0.0), data, lr=0.01, epochs=100)
    *table, prediction = (GOLDEN / "seed_linear.txt").read_text().splitlines()
    assert seed_table(run.history, {"w": "w", "b": "b"}, ["w", "b"]) == table
    assert run.predict(7) == 13.786374872617987
    assert prediction == f"Predicted value for input 7 is {run.predict(7)}"


def test_relu_net_prediction_after_one_run():
    data = engine.Dataset(x=[1, 2, 3, 4, 5], y=[2, 4, 6, 8, 10])
    run = engine.train(engine.MLP(w=[0.1, -0.1], b=[0.0, 0.0], v=[0.1, 0.1], c=0.0), data, lr=0.01, epochs=100)
    assert run.predict(9) == 17.99692772369434


def test_relu_table_is_the_notebooks_second_execution():
    data = engine.Dataset(x=[1, 2, 3, 4, 5], y=[2, 4, 6, 8, 10])
    first = engine.train(engine.MLP(w=[0.1, -0.1], b=[0.0, 0.0], v=[0.1, 0.1], c=0.0), data, lr=0.01, epochs=100)
    second = engine.train(first.model, data, lr=0.01, epochs=100)
    printed = (GOLDEN / "seed_relu_second_run.txt").read_text().splitlines()
    ours = seed_table(second.history, SEED_NET_NAMES, SEED_NET_ORDER)
    assert len(printed) == 9  # eight whole lines, then the seed file is cut off mid-line
    assert ours[:8] == printed[:8]
    assert ours[8].startswith(printed[8])
    # the first run alone would not print this table: its epoch 0 loss is far from 0
    assert f"{first.history.loss[0]:.4f}" != "0.0000"


def test_training_does_not_mutate_the_model_it_was_given():
    net = engine.MLP()
    before = net.theta
    run = engine.train(net, engine.make_dataset("line", 5), lr=0.01, epochs=10)
    assert net.theta == before == run.initial.theta
    assert run.model.theta != before
