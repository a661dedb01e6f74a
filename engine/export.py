"""Export a run as a plain-Python script in the seed notebook's style, for students to take home."""

from .activations import ACTIVATIONS
from .checks import finite_number
from .program import epoch_lines, forward_lines, indent, plain, schedule_lines, state_lines
from .training import RunSpec


def export_script(model, data=None, lr: float | None = None, epochs: int | None = None, mode: str = "sgd",
                  batch_size: int | None = None, x_test: float | None = None, **options) -> str:
    """A standalone Python script (standard library only) that trains `model` on `data` as `engine.train` does.

    export_script(spec, x_test=...) exports a RunSpec; export_script(model, data, lr, epochs, ...) exports
    RunSpec(model, data, lr, epochs, ..., **options) (optimizer, schedule, l1: the script carries them; held-out
    data are not part of the script). The script prints `Epoch {e}| Loss: ... | <param>: ...` every 10
    epochs with 4 decimals, then the prediction at x_test (7 for Linear and 9 for the nets by default, as in the
    seed notebook). Run, it reproduces `train(...).history`: it performs the compiled loop's operations in the
    same order (exactly for relu, leaky_relu and identity with SGD, RMSprop and the step and exponential
    schedules; tanh, sigmoid, Adam's powers and the cosine schedule to within rounding, 1e-12 relative).
    """
    spec = model if isinstance(model, RunSpec) else RunSpec(model, data, lr, epochs, mode, batch_size, **options)
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
    optimizer = "" if plain(spec.optimizer, spec.l1) else (
        f"# Optimizer: {spec.optimizer!r}" + (f", L1 penalty {spec.l1!r}" if spec.l1 else "")
        + " (PyTorch's semantics: torch.optim with default flags).")
    header = [
        f"# Backprop Playground: {what}, trained by hand, {mode_text}.",
        *([optimizer] if optimizer else []),
        *([f"# Learning-rate schedule: {spec.schedule!r}, stepped after every epoch (torch.optim.lr_scheduler)."]
          if type(spec.schedule).__name__ != "ConstantLR" else []),
        "# Exported by engine.export_script. Plain Python: no imports beyond the standard library.",
        "# Loss is the sum over the epoch of each sample's squared error, seen before its update.",
        "import math",
        "",
        f"inputs = {[float(x) for x in data.x]!r}",
        f"outputs = {[float(y) for y in data.y]!r}",
        "",
        *(f"{name} = {value!r}" for name, value in zip(model.names, model.theta)),
        f"lr = {lr!r}",
        *([f"base_lr = lr  # {type(spec.schedule).__name__}: the rate changes after every epoch"]
          if type(spec.schedule).__name__ != "ConstantLR" else []),
        f"epochs = {epochs}",
        *state_lines(model, spec.optimizer, spec.l1),
        "",
    ]
    if model.width:
        header += [ACTIVATIONS[model.activation].source, ""]
    shown = " | ".join(f"{name}: {{{name}:.4f}}" for name in model.names)
    finite = " and ".join(f"math.isfinite({name})" for name in ("total_loss", *model.names))
    loop = [
        "for epoch in range(epochs):",
        *indent(schedule_lines(spec.schedule)),
        *indent(epoch_lines(model, chunk, n, spec.optimizer, spec.l1)),
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

