"""The exported seed-style script runs on its own and prints the engine's history to the printed digits."""

import ast
import subprocess
import sys

import pytest

import engine


def run_script(source):
    result = subprocess.run([sys.executable, "-I", "-c", source], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines()


def expected_lines(run):
    names = run.model.names
    return [
        f"Epoch {row.epoch}| Loss: {row.loss:.4f} | " + " | ".join(f"{p}: {getattr(row, p):.4f}" for p in names)
        for row in run.history.itertuples()
        if row.epoch % 10 == 0
    ]


CASES = [
    (engine.Linear(), engine.make_dataset("line", 4), 0.01, 100, "sgd", None),
    (engine.MLP(), engine.make_dataset("line", 5), 0.01, 100, "sgd", None),
    (engine.MLP.init(3, "he", 1, "tanh"), engine.make_dataset("sine", 9, 0.1, 2), 0.05, 60, "minibatch", 4),
    (engine.MLP.init(2, "xavier", 2, "sigmoid"), engine.make_dataset("step", 6), 0.5, 40, "batch", None),
    (engine.MLP.init(4, "uniform", 3, "leaky_relu"), engine.make_dataset("abs", 7), 0.02, 30, "sgd", None),
    (engine.MLP.init(1, "he", 0, "identity"), engine.make_dataset("quadratic", 5), 0.01, 25, "minibatch", 2),
]


@pytest.mark.parametrize(("model", "data", "lr", "epochs", "mode", "batch_size"), CASES)
def test_exported_script_reproduces_the_history(model, data, lr, epochs, mode, batch_size):
    source = engine.export_script(model, data, lr, epochs, mode, batch_size)
    run = engine.train(model, data, lr, epochs, mode, batch_size)
    *table, prediction = run_script(source)
    assert table == expected_lines(run)
    x_test = 7.0 if model.width == 0 else 9.0
    assert prediction == f"Predicted value for input {x_test} is {run.predict(x_test)}"


def test_exported_script_imports_only_the_standard_library():
    source = engine.export_script(engine.MLP.init(2, activation="tanh"), engine.make_dataset("sine", 5), 0.1, 10)
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(ast.parse(source))
        if isinstance(node, (ast.Import, ast.ImportFrom))
        for alias in node.names
    }
    assert imported <= set(sys.stdlib_module_names)


def test_exported_script_stops_at_divergence_like_the_engine():
    data = engine.make_dataset("line", 4)
    run = engine.train(engine.Linear(), data, lr=0.5, epochs=3000)
    lines = run_script(engine.export_script(engine.Linear(), data, lr=0.5, epochs=3000))
    assert f"Diverged at epoch {run.diverged_at}: the learning rate is too large" in lines
