"""The computation graph of one update, as Graphviz DOT text (drawn by st.graphviz_chart in the browser).

One node per value (the input, each unit's pre-activation z and activation h, the prediction, the error, the
loss, and the parameters), each with its value and the loss's gradient with respect to it; each edge carries
the local derivative that backprop multiplies by along it. A layer wider than `NARROW` units is one node (its
vectors written out), with the unit being followed drawn apart beside it.
Pure text: nothing here calls Streamlit.
"""

import numpy as np

import engine

NARROW = 3  # layers of at most this many units are drawn unit by unit
VALUE = "#E8F1FA"  # values (light blue), parameters (light orange), the loss (light red)
PARAMETER = "#FDEBD9"
LOSS = "#FADBD8"


def _g(value: float) -> str:
    return "0" if value == 0 else f"{value:.4g}"


def _vector(values) -> str:
    return "[" + ", ".join(f"{value:.2g}" for value in values) + "]"


def _node(name: str, title: str, value: str, grad: str, fill: str = VALUE) -> str:
    label = f"{title}\\nvalue {value}\\n∂L/∂(this) = {grad}"
    return f'  "{name}" [label="{label}", fillcolor="{fill}"];'


def _edge(a: str, b: str, label: str, dashed: bool = False) -> str:
    return f'  "{a}" -> "{b}" [label="{label}"{", style=dashed" if dashed else ""}];'


def as_network(model):
    """The model as a Network (an MLP's one hidden layer: w1_j_1 = w_j, w2_1_j = v_j, b2_1 = c); None for Linear."""
    if isinstance(model, engine.MLP):
        return engine.Network.from_mlp(model)
    return model if isinstance(model, engine.Network) else None


def followable(model) -> list[int]:
    """The unit numbers one can follow through the hidden layers wider than NARROW (1 to the widest of them)."""
    net = as_network(model)
    wide = [width for width in (net.widths if net else ()) if width > NARROW]
    return list(range(1, max(wide) + 1)) if wide else []


def dot(model, x: float, y: float, follow: int | None = None) -> str:
    """The graph of `model`'s forward and backward pass at the sample (x, y), as DOT text.

    follow : the unit number drawn apart in each wide layer (its last unit where the layer is narrower; see
        `followable`)."""
    net = as_network(model)
    direction = "TB" if net is not None and net.depth >= 3 else "LR"  # a deep net's layers stacked top to bottom
    lines = ["digraph backprop {", f"  rankdir={direction}; nodesep=0.25; ranksep=0.45;",
             '  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];',
             '  edge [fontname="Helvetica", fontsize=9, color="#555555"];']
    if net is None:
        lines += _linear(model, x, y)
    else:
        lines += _layers(net, x, y, follow)
    return "\n".join([*lines, "}"])


def _tail(y_hat: float, y: float) -> list[str]:
    error = y_hat - y
    return [_node("e", "e = ŷ − y", _g(error), _g(2 * error)), _node("L", "L = e²", _g(error * error), "1", LOSS),
            _edge("y_hat", "e", "∂e/∂ŷ = 1"), _edge("e", "L", f"∂L/∂e = 2e = {_g(2 * error)}")]


def _linear(model, x: float, y: float) -> list[str]:
    y_hat = model.predict(x)
    dy = 2 * (y_hat - y)
    return [_node("x", "x", _g(x), _g(dy * model.w)), _node("w", "w", _g(model.w), _g(dy * x), PARAMETER),
            _node("b", "b", _g(model.b), _g(dy), PARAMETER), _node("y_hat", "ŷ = w·x + b", _g(y_hat), _g(dy)),
            _edge("x", "y_hat", f"∂ŷ/∂x = w = {_g(model.w)}"), _edge("w", "y_hat", f"∂ŷ/∂w = x = {_g(x)}"),
            _edge("b", "y_hat", "∂ŷ/∂b = 1"), *_tail(y_hat, y)]


def _layers(net, x: float, y: float, follow) -> list[str]:
    act = engine.ACTIVATIONS[net.activation]
    error, grads, (y_hat, deltas, zs, hs) = net.kernels().backprop(net.theta, x, y)
    weights, biases = net.weight_arrays(), net.bias_arrays()
    grad_w, grad_b = net.split(grads)
    out = len(weights)
    dh = [weights[k].T @ np.asarray(deltas[k]) for k in range(1, out)]  # dL/dh of hidden layer k (0-based)
    lines = [_node("x", "x (input)", _g(x), _g(float(weights[0][:, 0] @ np.asarray(deltas[0]))))]
    below = [("x", x)]  # the nodes layer k reads, with their values (a collapsed layer: one node, value None)
    for k in range(1, out + 1):
        width = len(biases[k - 1])
        last = k == out
        if width > NARROW and not last:
            name = f"layer{k}"
            lines.append(f'  "{name}" [label="layer {k}: {width} {net.activation} units\\nz = {_vector(zs[k - 1])}'
                         f'\\nh = f(z) = {_vector(hs[k - 1])}\\n∂L/∂z = {_vector(deltas[k - 1])}", '
                         f'fillcolor="{VALUE}"];')
            lines.append(_node(f"W{k}", f"W{k} ({width} x {net.sizes[k - 1]}), b{k}",
                               f"‖W‖ = {_g(np.linalg.norm(weights[k - 1]))}",
                               f"‖∂L/∂W‖ = {_g(np.linalg.norm(grad_w[k - 1]))}", PARAMETER))
            lines.append(_edge(f"W{k}", name, "∂z/∂W = a (below)"))
            lines += [_edge(node, name, f"∂z/∂a = W{k}") for node, _ in below]
            shown = [(name, None)]
            if follow:
                j = min(follow, width)  # every wide layer shows one unit: the followed one, or its last
                lines += _unit(net, act, k, j, below, weights, biases, zs, hs, deltas, dh, grad_w, grad_b,
                               followed=True)
                lines.append(_edge(name, f"z{k}_{j}", f"unit {j} of layer {k}", dashed=True))
            below = shown
            continue
        shown = []
        for j in range(1, width + 1):
            if last:
                lines += _output(net, k, below, weights, biases, y_hat, deltas, grad_w, grad_b)
                shown.append(("y_hat", y_hat))
            else:
                lines += _unit(net, act, k, j, below, weights, biases, zs, hs, deltas, dh, grad_w, grad_b)
                shown.append((f"h{k}_{j}", hs[k - 1][j - 1]))
        below = shown
    return [*lines, *_tail(y_hat, y)]


def _inputs(k: int, j: int, below, weights, biases, grad_w, grad_b, target: str) -> list[str]:
    """The parameters of unit j of layer k as nodes (one for all its weights when it has several inputs), and the
    edges from them and from its inputs into `target`."""
    w, g = weights[k - 1][j - 1], grad_w[k - 1][j - 1]
    lines = []
    if below[0][1] is None:  # the layer below is one node: its weights into this unit as one node
        lines.append(_node(f"w{k}_{j}", f"w{k}_{j}_· ({len(w)} weights), b{k}_{j}", _vector(w),
                           _vector(g), PARAMETER))
        lines += [_edge(f"w{k}_{j}", target, "∂z/∂w = h (below)"),
                  _edge(below[0][0], target, f"∂z/∂h = w{k}_{j}_·")]
        return lines
    if len(below) > 1:  # several inputs: the unit's weights as one node, each input's edge labelled with its weight
        lines.append(_node(f"w{k}_{j}", f"w{k}_{j}_· ({len(w)} weights)", _vector(w), _vector(g), PARAMETER))
        lines.append(_edge(f"w{k}_{j}", target, "∂z/∂w = " + _vector([value for _, value in below])))
        lines += [_edge(node, target, f"∂z/∂h = {_g(w_i)}") for (node, _), w_i in zip(below, w)]
        return [*lines, _node(f"b{k}_{j}", f"b{k}_{j}", _g(biases[k - 1][j - 1]), _g(grad_b[k - 1][j - 1]),
                              PARAMETER), _edge(f"b{k}_{j}", target, "∂z/∂b = 1")]
    for i, ((node, value), w_i, g_i) in enumerate(zip(below, w, g), 1):
        lines += [_node(f"w{k}_{j}_{i}", f"w{k}_{j}_{i}", _g(w_i), _g(g_i), PARAMETER),
                  _edge(f"w{k}_{j}_{i}", target, f"∂z/∂w = {_g(value)}"),
                  _edge(node, target, f"∂z/∂{'x' if node == 'x' else 'h'} = {_g(w_i)}")]
    lines += [_node(f"b{k}_{j}", f"b{k}_{j}", _g(biases[k - 1][j - 1]), _g(grad_b[k - 1][j - 1]), PARAMETER),
              _edge(f"b{k}_{j}", target, "∂z/∂b = 1")]
    return lines


def _unit(net, act, k, j, below, weights, biases, zs, hs, deltas, dh, grad_w, grad_b, followed=False) -> list[str]:
    """Unit j of hidden layer k: its z and h nodes, its parameters, and the edges into it."""
    z, h = zs[k - 1][j - 1], hs[k - 1][j - 1]
    tag = " (followed)" if followed else ""
    return [_node(f"z{k}_{j}", f"z{k}_{j}{tag}", _g(z), _g(deltas[k - 1][j - 1])),
            _node(f"h{k}_{j}", f"h{k}_{j} = {net.activation}(z)", _g(h), _g(dh[k - 1][j - 1])),
            _edge(f"z{k}_{j}", f"h{k}_{j}", f"∂h/∂z = f′(z) = {_g(act.df(z))}"),
            *_inputs(k, j, below, weights, biases, grad_w, grad_b, f"z{k}_{j}")]


def _output(net, k, below, weights, biases, y_hat, deltas, grad_w, grad_b) -> list[str]:
    return [_node("y_hat", f"ŷ = z{k}_1 (linear output)", _g(y_hat), _g(deltas[k - 1][0])),
            *_inputs(k, 1, below, weights, biases, grad_w, grad_b, "y_hat")]
