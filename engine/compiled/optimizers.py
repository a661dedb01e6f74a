"""One optimizer step in every lane, with PyTorch's semantics (torch.optim.SGD, RMSprop and Adam, default flags).

Codes and the layout of each optimizer's settings array `hyper`:
SGD: momentum, dampening, nesterov (0/1), weight_decay. RMSprop: alpha, eps, momentum, weight_decay.
Adam: beta1, beta2, eps, weight_decay.
"""

import math

from .jit import count, part

SGD, RMSPROP, ADAM = range(3)
STATE_ROWS = 2  # optimizer state per parameter: [0] momentum buffer or Adam's first moment, [1] second moments


@part
def update(theta, grad, lr, optimizer, hyper, state, step, l1, sizes, w_at, b_at, lanes):
    """One optimizer step with the (mean) gradient grad in every lane, lr[r] the lane's learning rate; step
    counts this update from 1 (PyTorch's semantics). L1 adds l1 * sign(w) to each weight's gradient (not the
    biases'); weight decay adds decay * p to every parameter's."""
    P, R = theta.shape[0], count(lanes)
    if l1 != 0.0:
        for k in range(len(sizes) - 1):
            for p in range(w_at[k], b_at[k]):
                for r in range(R):
                    w = theta[p, r]
                    grad[p, r] += l1 * (1.0 if w > 0 else -1.0 if w < 0 else 0.0)
    if optimizer == SGD:
        momentum, dampening, nesterov, decay = hyper[0], hyper[1], hyper[2], hyper[3]
        for p in range(P):
            for r in range(R):
                g = grad[p, r] if decay == 0.0 else grad[p, r] + decay * theta[p, r]
                if momentum != 0.0:
                    state[0, p, r] = g if step == 1 else momentum * state[0, p, r] + (1 - dampening) * g
                    g = g + momentum * state[0, p, r] if nesterov != 0.0 else state[0, p, r]
                theta[p, r] = theta[p, r] - lr[r] * g
    elif optimizer == RMSPROP:
        alpha, eps, momentum, decay = hyper[0], hyper[1], hyper[2], hyper[3]
        for p in range(P):
            for r in range(R):
                g = grad[p, r] if decay == 0.0 else grad[p, r] + decay * theta[p, r]
                state[1, p, r] = alpha * state[1, p, r] + (1 - alpha) * g * g
                average = math.sqrt(state[1, p, r]) + eps
                if momentum > 0.0:
                    state[0, p, r] = momentum * state[0, p, r] + g / average
                    theta[p, r] = theta[p, r] - lr[r] * state[0, p, r]
                else:
                    theta[p, r] = theta[p, r] - lr[r] * (g / average)
    else:  # Adam
        beta1, beta2, eps, decay = hyper[0], hyper[1], hyper[2], hyper[3]
        correction1, correction2 = 1 - beta1**step, math.sqrt(1 - beta2**step)
        for p in range(P):
            for r in range(R):
                g = grad[p, r] if decay == 0.0 else grad[p, r] + decay * theta[p, r]
                state[0, p, r] = state[0, p, r] + (1 - beta1) * (g - state[0, p, r])  # PyTorch's lerp
                state[1, p, r] = beta2 * state[1, p, r] + (1 - beta2) * g * g
                denominator = math.sqrt(state[1, p, r]) / correction2 + eps
                theta[p, r] = theta[p, r] - (lr[r] / correction1) * (state[0, p, r] / denominator)
