"""The update stage of a ledger, for every optimizer: the gradient with its penalties, the optimizer's running
averages and corrections, the new value, each with its numbers substituted.

The arithmetic is the compiled loop's (engine/compiled/optimizers.py), operation for operation, so each "new p"
is the value training gives p after this update. Rows are named g(p) (the gradient the optimizer uses: the
loss's, plus l1 * sign(p) for a weight, plus weight_decay * p), buf(p) (a momentum buffer), m(p) and s(p)
(Adam's first and second moments; s(p) is RMSprop's average of squares too), and new p; Adam's step count t and
its two bias corrections come first.
"""

import math

from .latex import number as _n


def update_rows(names, theta, grads, lr: float, optimizer, state: dict | None, l1: float, weights, tex, d) -> list:
    """The update's rows as (name, symbolic LaTeX, substituted numbers, value, parameter or None).

    state : the optimizer's state before this update (Run.state's layout; None: a first step, all zeros).
    weights : the names of the weights (L1 applies to them). tex, d : a name's LaTeX, and LaTeX of dL/d(that)."""
    kind = type(optimizer).__name__
    momentum, decay = getattr(optimizer, "momentum", 0.0), optimizer.weight_decay
    rows = []
    if kind == "SGD" and not momentum and not decay and not l1:  # the seed's p <- p - lr * dL/dp
        for name, value, grad in zip(names, theta, grads):
            t = tex(name)
            rows.append((f"new {name}", rf"{t} \leftarrow {t} - \eta {d(t)}",
                         f"{_n(value)} - {_n(lr)} \\cdot {_n(grad)}", value - lr * grad, name))
        return rows
    state = state or {"step": 0, "buffer": dict.fromkeys(names, 0.0), "square": dict.fromkeys(names, 0.0)}
    step = state["step"] + 1
    if kind == "Adam":
        beta1, beta2 = optimizer.betas
        c1, c2 = 1 - beta1**step, math.sqrt(1 - beta2**step)
        rows += [("t", "t", f"{step - 1} + 1", step, None),
                 ("1 - beta1^t", r"1 - \beta_1^t", f"1 - {beta1:g}^{{{step}}}", c1, None),
                 ("sqrt(1 - beta2^t)", r"\sqrt{1 - \beta_2^t}", rf"\sqrt{{1 - {beta2:g}^{{{step}}}}}", c2, None)]
    for name, value, grad in zip(names, theta, grads):
        t = tex(name)
        g, symbolic, numbers = grad, [d(t)], [_n(grad)]
        if l1 and name in weights:
            sign = 1.0 if value > 0 else -1.0 if value < 0 else 0.0
            g = g + l1 * sign
            symbolic.append(rf"\lambda_1 \operatorname{{sign}}({t})")
            numbers.append(f"{_n(l1)} \\cdot {_n(sign)}")
        if decay:
            g = g + decay * value
            symbolic.append(rf"\lambda_2 {t}")
            numbers.append(f"{_n(decay)} \\cdot {_n(value)}")
        if len(symbolic) > 1:
            rows.append((f"g({name})", rf"g_{{{t}}} = " + " + ".join(symbolic), " + ".join(numbers), g, name))
        gt = rf"g_{{{t}}}" if len(symbolic) > 1 else d(t)
        before_buf, before_sq = state["buffer"][name], state["square"][name]
        if kind == "SGD":
            step_value, step_symbol = g, gt
            if momentum:
                buf = g if step == 1 else momentum * before_buf + g
                rows.append((f"buf({name})", rf"b_{{{t}}} = " + (gt if step == 1 else rf"\mu b_{{{t}}} + {gt}"),
                             _n(g) if step == 1 else f"{_n(momentum)} \\cdot {_n(before_buf)} + {_n(g)}", buf, name))
                if optimizer.nesterov:
                    step_value, step_symbol = g + momentum * buf, rf"({gt} + \mu b_{{{t}}})"
                    rows.append((f"step({name})", rf"{gt} + \mu b_{{{t}}}",
                                 f"{_n(g)} + {_n(momentum)} \\cdot {_n(buf)}", step_value, name))
                else:
                    step_value, step_symbol = buf, rf"b_{{{t}}}"
            rows.append((f"new {name}", rf"{t} \leftarrow {t} - \eta {step_symbol}",
                         f"{_n(value)} - {_n(lr)} \\cdot {_n(step_value)}", value - lr * step_value, name))
        elif kind == "RMSprop":
            alpha, eps = optimizer.alpha, optimizer.eps
            square = alpha * before_sq + (1 - alpha) * g * g
            rows.append((f"s({name})", rf"s_{{{t}}} = \alpha s_{{{t}}} + (1 - \alpha) {gt}^2",
                         f"{_n(alpha)} \\cdot {_n(before_sq)} + {_n(1 - alpha)} \\cdot {_n(g)}^2", square, name))
            average = math.sqrt(square) + eps
            if momentum > 0:
                buf = momentum * before_buf + g / average
                rows.append((f"buf({name})", rf"b_{{{t}}} = \mu b_{{{t}}} + {gt} / (\sqrt{{s_{{{t}}}}} + \epsilon)",
                             f"{_n(momentum)} \\cdot {_n(before_buf)} + {_n(g)} / {_n(average)}", buf, name))
                rows.append((f"new {name}", rf"{t} \leftarrow {t} - \eta b_{{{t}}}",
                             f"{_n(value)} - {_n(lr)} \\cdot {_n(buf)}", value - lr * buf, name))
            else:
                rows.append((f"new {name}", rf"{t} \leftarrow {t} - \eta {gt} / (\sqrt{{s_{{{t}}}}} + \epsilon)",
                             f"{_n(value)} - {_n(lr)} \\cdot {_n(g)} / {_n(average)}", value - lr * (g / average),
                             name))
        else:
            first = before_buf + (1 - beta1) * (g - before_buf)
            second = beta2 * before_sq + (1 - beta2) * g * g
            rows.append((f"m({name})", rf"m_{{{t}}} = m_{{{t}}} + (1 - \beta_1)({gt} - m_{{{t}}})",
                         f"{_n(before_buf)} + {_n(1 - beta1)} \\cdot ({_n(g)} - {_n(before_buf)})", first, name))
            rows.append((f"s({name})", rf"s_{{{t}}} = \beta_2 s_{{{t}}} + (1 - \beta_2) {gt}^2",
                         f"{_n(beta2)} \\cdot {_n(before_sq)} + {_n(1 - beta2)} \\cdot {_n(g)}^2", second, name))
            denominator = math.sqrt(second) / c2 + optimizer.eps
            symbolic = (rf"{t} \leftarrow {t} - \frac{{\eta}}{{1 - \beta_1^t}} \cdot \frac{{m_{{{t}}}}}"
                        rf"{{\sqrt{{s_{{{t}}}}} / \sqrt{{1 - \beta_2^t}} + \epsilon}}")
            numbers = (f"{_n(value)} - \\frac{{{_n(lr)}}}{{{_n(c1)}}} \\cdot "
                       f"\\frac{{{_n(first)}}}{{{_n(denominator)}}}")
            rows.append((f"new {name}", symbolic, numbers, value - (lr / c1) * (first / denominator), name))
    return rows
