"""Export a run as a plain-Python script in the seed notebook's style, for students to take home."""

from .activations import ACTIVATIONS
from .checks import finite_number
from .program import epoch_lines, forward_lines, indent
from .training import RunSpec


def export_script(model, data=None, lr: float | None = None, epochs: int | None = None, mode: str = "sgd",
                  batch_size: int | None = None, x_test: float | None = None) -> str:
    """A standalone Python script (standard library only) that trains `model` on `data` as `engine.train` does.

    export_script(spec, x_test=...) exports a RunSpec; export_script(model, data, lr, epochs, ...) exports
    RunSpec(model, data, lr, epochs, ...). The script prints `Epoch {e}| Loss: ... | <param>: ...` every 10
    epochs with 4 decimals, then the prediction at x_test (7 for Linear and 9 for the nets by default, as in the
    seed notebook). Run, it reproduces `train(...).history`: it performs the compiled loop's operations in the
    same order (exactly for relu, leaky_relu and identity; tanh and sigmoid to within rounding, 1e-12 relative).
    """
    spec = model if isinstance(model, RunSpec) else RunSpec(model, data, lr, epochs, mode, batch_size)
    model, data, mode = spec.model, spec.data, spec.mode
    lr, epochs, chunk = spec.lr, spec.epochs, spec.chunk
    x_test = finite_number(x_test if x_test is not None else (7 if model.width == 0 else 9), "x_test")
    n = len(data)
    mode_text = {"sgd": "one update per sample (SGD)", "batch": "one update per epoch with the mean gradient",
                 "minibatch": f"one update per chunk of {chunk} samples with their mean gradient"}[mode]
    what = "y = w*x + b" if model.width == 0 else (
        f"a 1-input net with hidden layers of {', '.join(map(str, model.widths))} {model.activation} units and a "
        "linear output" if hasattr(model, "depth") else
        f"a 1-input net with {model.width} {model.activation} hidden unit(s) and a linear output")
    header = [
        f"# Backprop Playground: {what}, trained by hand, {mode_text}.",
        "# Exported by engine.export_script. Plain Python: no imports beyond the standard library.",
        "# Loss is the sum over the epoch of each sample's squared error, seen before its update.",
        "import math",
        "",
        f"inputs = {[float(x) for x in data.x]!r}",
        f"outputs = {[float(y) for y in data.y]!r}",
        "",
        *(f"{name} = {value!r}" for name, value in zip(model.names, model.theta)),
        f"lr = {lr!r}",
        f"epochs = {epochs}",
        "",
    ]
    if model.width:
        header += [ACTIVATIONS[model.activation].source, ""]
    shown = " | ".join(f"{name}: {{{name}:.4f}}" for name in model.names)
    finite = " and ".join(f"math.isfinite({name})" for name in ("total_loss", *model.names))
    loop = [
        "for epoch in range(epochs):",
        *indent(epoch_lines(model, chunk, n)),
        f"    if not ({finite}):",
        "        print(f'Diverged at epoch {epoch}: the learning rate is too large')",
        "        break",
        "    if epoch % 10 == 0:",
        f"        print(f'Epoch {{epoch}}| Loss: {{total_loss:.4f}} | {shown}')",
        "",
    ]
    predict = [
        "def predict(x):",
        *indent(forward_lines(model)),
        "    return y_pred",
        "",
        "",
        f"test_data = {x_test!r}",
        "print(f'Predicted value for input {test_data} is {predict(test_data)}')",
        "",
    ]
    return "\n".join(header + loop + predict)

