"""One update of a Network worked out layer by layer: the forward pass, the backward recursion
delta(k) = (W(k+1)^T delta(k+1)) * f'(z(k)) with the numbers substituted, every gradient and every new value.

Names follow the Network's: z{k}_{j} and h{k}_{j} for unit j of hidden layer k, dL/dh{k}_{j}, f'(z{k}_{j}),
dL/dz{k}_{j} (its delta), dL/dw{k}_{j}_{i}, dL/db{k}_{j}, new w{k}_{j}_{i}. Each row also says which layer and unit
it belongs to (layer 0 for the prediction, the error and the loss), so a page can follow one unit of a wide layer.
"""

import pandas as pd

from .activations import ACTIVATIONS
from .latex import number as _n
from .latex import partial as _d
from .program import weight_names
from .update_ledger import update_rows


def _tex(name: str) -> str:
    """z2_3 -> z^{(2)}_{3}; w2_3_1 -> w^{(2)}_{31} (to unit 3 from unit 1 of the layer below)."""
    head, *rest = name.split("_")
    letter, layer = head[0], head[1:]
    return rf"{letter}^{{({layer})}}_{{{''.join(rest)}}}"


def layered_ledger(net, x: float, y: float, lr: float, optimizer, state: dict | None, l1: float) -> pd.DataFrame:
    """engine.ledger for a Network (see there): columns stage, name, seed (always ""), symbolic, latex, value,
    layer, unit."""
    act = ACTIVATIONS[net.activation]
    error, grads, (y_hat, deltas, zs, hs) = net.kernels().backprop(net.theta, x, y)
    weights, biases = net.weight_arrays(), net.bias_arrays()
    out = len(weights)
    rows = []

    def add(stage, name, symbolic, substituted, value, layer=0, unit=0):
        rows.append((stage, name, "", symbolic, f"{symbolic} = {substituted} = {_n(value, wrap=False)}", float(value),
                     layer, unit))

    def below(k):  # the values layer k reads: (names in LaTeX, values)
        if k == 1:
            return ["x"], [x]
        return [_tex(f"h{k - 1}_{i}") for i in range(1, len(hs[k - 2]) + 1)], hs[k - 2]

    for k in range(1, out + 1):
        symbols, values = below(k)
        for j in range(1, len(biases[k - 1]) + 1):
            w, b = weights[k - 1][j - 1], biases[k - 1][j - 1]
            terms = " + ".join(f"{_tex(f'w{k}_{j}_{i}')} {s}" for i, s in enumerate(symbols, 1))
            numbers = " + ".join(f"{_n(w_i)} \\cdot {_n(v)}" for w_i, v in zip(w, values))
            if k == out:
                add("forward", "y_hat", rf"\hat y = {terms} + {_tex(f'b{k}_{j}')}", f"{numbers} + {_n(b)}", y_hat, k, j)
                continue
            z = zs[k - 1][j - 1]
            add("forward", f"z{k}_{j}", rf"{_tex(f'z{k}_{j}')} = {terms} + {_tex(f'b{k}_{j}')}",
                f"{numbers} + {_n(b)}", z, k, j)
            add("forward", f"h{k}_{j}", f"{_tex(f'h{k}_{j}')} = " + act.latex.replace("z", _tex(f"z{k}_{j}")),
                f"f({_n(z, wrap=False)})", hs[k - 1][j - 1], k, j)
    add("forward", "error", r"e = \hat y - y", f"{_n(y_hat)} - {_n(y)}", error)
    add("forward", "loss", r"L = e^2", f"{_n(error)}^2", error * error)
    d_y = _d(r"\hat y")
    add("backward", "dL/dy_hat", rf"{d_y} = 2e", f"2 \\cdot {_n(error)}", deltas[-1][0])
    for k in range(out, 0, -1):
        symbols, values = below(k)
        delta = deltas[k - 1]
        if k < out:  # this layer's deltas, from the layer above: dL/dh_i = sum_j w_ji delta_j, times f'(z_i)
            above = deltas[k]
            for i in range(1, len(delta) + 1):
                z, slope = zs[k - 1][i - 1], act.df(zs[k - 1][i - 1])
                d_above = [d_y if k + 1 == out else _d(_tex(f"z{k + 1}_{j}")) for j in range(1, len(above) + 1)]
                column = [weights[k][j][i - 1] for j in range(len(above))]
                dh = sum(w_ji * d_j for w_ji, d_j in zip(column, above))
                add("backward", f"dL/dh{k}_{i}", f"{_d(_tex(f'h{k}_{i}'))} = "
                    + " + ".join(f"{_tex(f'w{k + 1}_{j}_{i}')} {s}" for j, s in enumerate(d_above, 1)),
                    " + ".join(f"{_n(w_ji)} \\cdot {_n(d_j)}" for w_ji, d_j in zip(column, above)), dh, k, i)
                add("backward", f"f'(z{k}_{i})", f"f'({_tex(f'z{k}_{i}')}) = "
                    + act.dlatex.replace("z", _tex(f"z{k}_{i}")), f"f'({_n(z, wrap=False)})", slope, k, i)
                add("backward", f"dL/dz{k}_{i}", f"{_d(_tex(f'z{k}_{i}'))} = {_d(_tex(f'h{k}_{i}'))} "
                    f"f'({_tex(f'z{k}_{i}')})", f"{_n(dh)} \\cdot {_n(slope)}", delta[i - 1], k, i)
        for j in range(1, len(delta) + 1):
            d_unit = d_y if k == out else _d(_tex(f"z{k}_{j}"))
            for i, (s, v) in enumerate(zip(symbols, values), 1):
                name = f"w{k}_{j}_{i}"
                add("backward", f"dL/d{name}", f"{_d(_tex(name))} = {d_unit} {s}", f"{_n(delta[j - 1])} \\cdot {_n(v)}",
                    delta[j - 1] * v, k, j)
            add("backward", f"dL/db{k}_{j}", f"{_d(_tex(f'b{k}_{j}'))} = {d_unit}", _n(delta[j - 1]), delta[j - 1],
                k, j)
    for name, symbolic, substituted, value, param in update_rows(net.names, net.theta, grads, lr, optimizer, state, l1,
                                                                  weight_names(net), _tex, _d):
        layer, unit = (int(part) for part in param[1:].split("_")[:2]) if param else (0, 0)
        add("update", name, symbolic, substituted, value, layer, unit)
    return pd.DataFrame(rows, columns=["stage", "name", "seed", "symbolic", "latex", "value", "layer", "unit"])
