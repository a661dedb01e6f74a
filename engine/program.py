"""The seed notebook's training loop as source text, for one model and update mode: what `export_script`
writes for students. It performs the compiled loop's operations (engine/compiled/) in the same order, so
the script reproduces the engine's run; tests/test_engine_export.py runs it and compares.
"""


def forward_lines(model) -> list[str]:
    """The forward pass for one sample x: ends with y_pred.

    model : a model; the lines here read only its shape and activation."""
    if model.width == 0:
        return ["y_pred = w * x + b"]
    if hasattr(model, "depth"):
        return _layer_forward(model)
    act = model.activation
    lines = []
    for i in range(1, model.width + 1):
        lines += [f"z_{i} = w_{i} * x + b_{i}", f"h_{i} = {act}(z_{i})"]
    terms = " + ".join(f"v_{i} * h_{i}" for i in range(1, model.width + 1))
    return [*lines, f"y_pred = {terms} + c"]


def backward_lines(model) -> list[str]:
    """Backpropagation for one sample: the gradient d<p> of the squared error for every parameter p."""
    head = [
        "error = y_pred - y",
        "loss = error * error",
        "total_loss += loss",
        "",
        "# Backpropagation",
        "dL_dy = 2 * error  # dL/dy_pred",
    ]
    if hasattr(model, "depth"):
        return [*head, *_layer_backward(model)]
    if model.width == 0:
        return [
            *head,
            "# Calculate gradients dl/dw and dl/db",
            "# where dl is the loss and dw, db are the weights and bias",
            "dw = dL_dy * x  # w_grad",
            "db = dL_dy  # b_grad",
        ]
    units = range(1, model.width + 1)
    return [
        *head,
        "# Calculate gradients for the output layer: dL/dv_i = dL/dy * h_i, dL/dc = dL/dy",
        *(f"dv_{i} = dL_dy * h_{i}" for i in units),
        "dc = dL_dy",
        "# Calculate gradients for the hidden outputs: dL/dh_i = dL/dy * v_i",
        *(f"dh_{i} = dL_dy * v_{i}" for i in units),
        f"# Calculate gradients for z: dL/dz_i = dL/dh_i * {model.activation}'(z_i)",
        *(f"dz_{i} = dh_{i} * {model.activation}_derivative(z_{i})" for i in units),
        "# Calculate gradients for the input weights and biases: dL/dw_i = dL/dz_i * x, dL/db_i = dL/dz_i",
        *(line for i in units for line in (f"dw_{i} = dz_{i} * x", f"db_{i} = dz_{i}")),
    ]


def _inputs(k: int, n_in: int) -> list[str]:
    """The values layer k (1-based) reads: x for the first layer, else layer k-1's activations."""
    return ["x"] if k == 1 else [f"h{k - 1}_{i}" for i in range(1, n_in + 1)]


def _layer_forward(model) -> list[str]:
    """A Network's forward pass: z{k}_{j} = 0.0 + sum_i w{k}_{j}_{i} * a_i + b{k}_{j} (the compiled loop's order of
    additions), h{k}_{j} = act(z{k}_{j}); the last layer is y_pred."""
    lines, last = [], len(model.sizes) - 1
    for k, (n_in, n_out) in enumerate(zip(model.sizes, model.sizes[1:]), 1):
        lines.append(f"# layer {k}" + (" (the linear output)" if k == last else f": {n_out} {model.activation} units"))
        for j in range(1, n_out + 1):
            terms = " + ".join(f"w{k}_{j}_{i} * {a}" for i, a in enumerate(_inputs(k, n_in), 1))
            if k == last:
                lines.append(f"y_pred = 0.0 + {terms} + b{k}_{j}")
            else:
                lines += [f"z{k}_{j} = 0.0 + {terms} + b{k}_{j}", f"h{k}_{j} = {model.activation}(z{k}_{j})"]
    return lines


def _layer_backward(model) -> list[str]:
    """A Network's backward pass, layer by layer from the output: each weight's gradient is its unit's delta times
    the value it multiplies; a hidden unit's delta is (sum_j w_ji delta_j) * act'(z_i)."""
    sizes, last = model.sizes, len(model.sizes) - 1
    lines = []
    for k in range(last, 0, -1):
        n_in, n_out = sizes[k - 1], sizes[k]
        delta = ["dL_dy"] if k == last else [f"dz{k}_{j}" for j in range(1, n_out + 1)]
        lines.append(f"# layer {k}'s weights and biases: dL/dw = delta * (the value it multiplies), dL/db = delta")
        for j, d in enumerate(delta, 1):
            lines += [f"dw{k}_{j}_{i} = {d} * {a}" for i, a in enumerate(_inputs(k, n_in), 1)]
            lines.append(f"db{k}_{j} = {d}")
        if k > 1:
            lines.append(f"# layer {k - 1}'s deltas: dL/dz_i = (sum_j w_ji * delta_j) * {model.activation}'(z_i)")
            for i in range(1, n_in + 1):
                back = " + ".join(f"{d} * w{k}_{j}_{i}" for j, d in enumerate(delta, 1))
                lines.append(f"dz{k - 1}_{i} = (0.0 + {back}) * {model.activation}_derivative(z{k - 1}_{i})")
    return lines


def weight_names(model) -> list[str]:
    """The names of the model's weights (not its biases), from its layers: the parameters L1 penalizes."""
    names, at, weights = model.names, 0, []
    for n_in, n_out in zip(model.sizes, model.sizes[1:]):
        weights += names[at : at + n_in * n_out]
        at += n_in * n_out + n_out
    return weights


def plain(optimizer, l1: float) -> bool:
    """Whether the update is the seed's own p = p - lr * dp (plain SGD, no penalty)."""
    return type(optimizer).__name__ == "SGD" and not optimizer.momentum and not optimizer.weight_decay and not l1


def state_lines(model, optimizer, l1: float) -> list[str]:
    """The optimizer's state before training: the update count and each parameter's buffers, at 0."""
    if plain(optimizer, l1):
        return []
    kind, momentum = type(optimizer).__name__, getattr(optimizer, "momentum", 0.0)
    kept = {"SGD": ("buf",) if momentum else (), "Adam": ("m", "s"),
            "RMSprop": ("s", "buf") if momentum else ("s",)}[kind]
    return ["step = 0", *(f"{prefix}_{p} = 0.0" for p in model.names for prefix in kept)]


def update_lines(model, optimizer, l1: float, grad: str) -> list[str]:
    """Every parameter's update from its gradient (`grad` formats with p: "d{p}" or "(sum_d{p} / len(batch))"), in the
    compiled loop's order of operations (engine/compiled/optimizers.py), with PyTorch's semantics."""
    names = model.names
    if plain(optimizer, l1):
        return ["# Update weights and biases: p = p - lr * dp",
                *(f"{p} = {p} - lr * {grad.format(p=p)}" for p in names)]
    kind, decay = type(optimizer).__name__, optimizer.weight_decay
    lines = [f"# Update with {kind}" + (f", L1 = {l1!r}" if l1 else "")
             + (f", weight decay {decay!r}" if decay else ""), "step += 1"]
    if kind == "Adam":
        beta1, beta2 = optimizer.betas
        lines += [f"correction1 = 1 - {beta1!r} ** step", f"correction2 = math.sqrt(1 - {beta2!r} ** step)"]
    weights = set(weight_names(model))
    for p in names:
        lines.append(f"g = {grad.format(p=p)}")
        if l1 and p in weights:
            lines.append(f"g = g + {l1!r} * (1.0 if {p} > 0 else -1.0 if {p} < 0 else 0.0)  # L1: l1 * sign({p})")
        if decay:
            lines.append(f"g = g + {decay!r} * {p}  # weight decay")
        if kind == "SGD":
            if optimizer.momentum:
                lines.append(f"buf_{p} = g if step == 1 else {optimizer.momentum!r} * buf_{p} + g")
                lines.append(f"g = g + {optimizer.momentum!r} * buf_{p}" if optimizer.nesterov else f"g = buf_{p}")
            lines.append(f"{p} = {p} - lr * g")
        elif kind == "RMSprop":
            alpha = optimizer.alpha
            lines += [f"s_{p} = {alpha!r} * s_{p} + (1 - {alpha!r}) * g * g",
                      f"average = math.sqrt(s_{p}) + {optimizer.eps!r}"]
            if optimizer.momentum:
                lines += [f"buf_{p} = {optimizer.momentum!r} * buf_{p} + g / average", f"{p} = {p} - lr * buf_{p}"]
            else:
                lines.append(f"{p} = {p} - lr * (g / average)")
        else:
            lines += [f"m_{p} = m_{p} + (1 - {beta1!r}) * (g - m_{p})",
                      f"s_{p} = {beta2!r} * s_{p} + (1 - {beta2!r}) * g * g",
                      f"{p} = {p} - (lr / correction1) * (m_{p} / (math.sqrt(s_{p}) / correction2 "
                      f"+ {optimizer.eps!r}))"]
    return lines


def schedule_lines(schedule) -> list[str]:
    """The learning rate for this epoch, at the top of the epoch loop (PyTorch's scheduler recursions)."""
    kind = type(schedule).__name__
    if kind == "StepLR":
        return [f"if epoch and epoch % {schedule.step_size} == 0:", f"    lr = lr * {schedule.gamma!r}"]
    if kind == "ExponentialLR":
        return ["if epoch:", f"    lr = lr * {schedule.gamma!r}"]
    if kind == "CosineLR":
        period, low = schedule.t_max, schedule.lr_min
        return [f"if epoch and (epoch - 1 - {period}) % {2 * period} == 0:",
                f"    lr = lr + (base_lr - {low!r}) * (1 - math.cos(math.pi / {period})) / 2",
                "elif epoch:",
                f"    lr = ((1 + math.cos(math.pi * epoch / {period}))"
                f" / (1 + math.cos(math.pi * (epoch - 1) / {period})) * (lr - {low!r}) + {low!r})"]
    return []


def epoch_lines(model, chunk: int, n: int, optimizer, l1: float) -> list[str]:
    """One epoch over `inputs`/`outputs`: per-sample updates when chunk == 1, else the chunk's mean; the update is
    `optimizer`'s with the L1 penalty `l1`."""
    names = model.names
    body = ["# Forward pass", *forward_lines(model), *backward_lines(model), ""]
    if chunk == 1:
        update = update_lines(model, optimizer, l1, "d{p}")
        return ["total_loss = 0.0", "for x, y in zip(inputs, outputs):", *indent(body + update)]
    accumulate = ["# Add this sample's gradients to the batch's sums", *(f"sum_d{p} += d{p}" for p in names)]
    update = update_lines(model, optimizer, l1, "(sum_d{p} / len(batch))")
    if plain(optimizer, l1):
        update[0] = "# Update weights and biases with the batch's mean gradient: p = p - lr * mean(dp)"
    batch = "batch = list(zip(inputs, outputs))" if chunk >= n else (
        f"batch = list(zip(inputs[start : start + {chunk}], outputs[start : start + {chunk}]))"
    )
    loop = [
        " = ".join(f"sum_d{p}" for p in names) + " = 0.0",
        batch,
        "for x, y in batch:",
        *indent(body + accumulate),
        *update,
    ]
    if chunk >= n:
        return ["total_loss = 0.0", *loop]
    return ["total_loss = 0.0", f"for start in range(0, len(inputs), {chunk}):", *indent(loop)]


def indent(lines: list[str]) -> list[str]:
    """The lines one level (4 spaces) deeper."""
    return [f"    {line}" if line else "" for line in lines]
