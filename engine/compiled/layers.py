"""A layered net in every lane: the activations a layer at a time, forward, backward, and the MSE."""

import math

from .jit import (
    LEAKY_RELU,
    RELU,
    SIGMOID,
    TANH,
    identity,
    identity_slope,
    leaky_relu,
    leaky_relu_slope,
    part,
    relu,
    relu_slope,
    sigmoid,
    sigmoid_slope,
    tanh,
    tanh_slope,
)
from .jit import count as count


@part
def f(code, z, slope):
    """h = f(z), or f'(z) when `slope`, for the activation `code` (a call site's `slope` is a constant: inlined,
    the branch on it compiles away)."""
    if code == RELU:
        return relu_slope(z) if slope else relu(z)
    if code == LEAKY_RELU:
        return leaky_relu_slope(z) if slope else leaky_relu(z)
    if code == TANH:
        return tanh_slope(z) if slope else tanh(z)
    if code == SIGMOID:
        return sigmoid_slope(z) if slope else sigmoid(z)
    return identity_slope(z) if slope else identity(z)


@part
def activate(code, z, a, u, lanes):
    """a[u] = f(z[u]) in every lane."""
    for r in range(count(lanes)):
        a[u, r] = f(code, z[u, r], False)


@part
def times_slope(code, z, delta, u, lanes):
    """delta[u] = delta[u] * f'(z[u]) in every lane: dL/dz = dL/dh * f'(z)."""
    for r in range(count(lanes)):
        delta[u, r] = delta[u, r] * f(code, z[u, r], True)


@part
def forward(theta, sizes, code, w_at, b_at, a_at, x, z, a, lanes):
    """One sample x through the net in every lane: z (pre-activations) and a (activations, a[0] = x).

    z_j = sum_i W_ji a_i + b_j, a_j = f(z_j) in hidden layers; the output unit (the last row) is linear."""
    layers, R = len(sizes) - 1, count(lanes)
    for r in range(R):
        a[0, r] = x
    for k in range(layers):
        n_in, n_out = sizes[k], sizes[k + 1]
        for j in range(n_out):
            u = a_at[k + 1] + j
            for r in range(R):
                z[u, r] = 0.0
            for i in range(n_in):
                p, v = w_at[k] + j * n_in + i, a_at[k] + i
                for r in range(R):
                    z[u, r] += theta[p, r] * a[v, r]
            for r in range(R):
                z[u, r] = z[u, r] + theta[b_at[k] + j, r]
            if k < layers - 1:
                activate(code, z, a, u, lanes)
            else:
                for r in range(R):
                    a[u, r] = z[u, r]


@part
def backward(theta, sizes, code, w_at, b_at, a_at, z, a, delta, error, grad, lanes):
    """Backpropagation of one sample's squared error (y_hat - y)^2 into grad (theta's shape), every lane.

    delta holds dL/dz for every unit: 2 * error at the output, then layer by layer
    delta_i = (sum_j W_ji delta_j) * f'(z_i); each weight's gradient is delta_j * a_i, each bias's delta_j."""
    layers, R = len(sizes) - 1, count(lanes)
    out = a_at[layers]
    for r in range(R):
        delta[out, r] = 2 * error[r]  # dL/dy_hat = 2 (y_hat - y)
    for k in range(layers - 1, -1, -1):
        n_in, n_out = sizes[k], sizes[k + 1]
        for j in range(n_out):
            d = a_at[k + 1] + j
            for i in range(n_in):
                p, v = w_at[k] + j * n_in + i, a_at[k] + i
                for r in range(R):
                    grad[p, r] = delta[d, r] * a[v, r]  # dL/dW_ji = delta_j * a_i
            for r in range(R):
                grad[b_at[k] + j, r] = delta[d, r]  # dL/db_j = delta_j
        if k > 0:  # the units below: dL/dh_i = sum_j delta_j W_ji, then dL/dz_i = dL/dh_i * f'(z_i)
            for i in range(n_in):
                u = a_at[k] + i
                for r in range(R):
                    delta[u, r] = 0.0
                for j in range(n_out):
                    d, p = a_at[k + 1] + j, w_at[k] + j * n_in + i
                    for r in range(R):
                        delta[u, r] += delta[d, r] * theta[p, r]
                times_slope(code, z, delta, u, lanes)


@part
def evaluate(theta, sizes, code, w_at, b_at, a_at, xs, ys, z, a, mse, active, lanes):
    """mse[r]: the MSE of lane r over (xs, ys) (NaN without points); active[u, r]: the points where hidden
    unit u has z > 0 (active may have no rows: then nothing is counted)."""
    R, out = count(lanes), a_at[len(sizes) - 1]
    for r in range(R):
        mse[r] = 0.0 if len(xs) else math.nan
    counting = active.shape[0] > 0
    if counting:
        active[:, :] = 0
    for s in range(len(xs)):
        forward(theta, sizes, code, w_at, b_at, a_at, xs[s], z, a, lanes)
        for r in range(R):
            error = a[out, r] - ys[s]
            mse[r] += error * error
        if counting:
            for u in range(out - 1):
                for r in range(R):
                    if z[1 + u, r] > 0:
                        active[u, r] += 1
    if len(xs):
        for r in range(R):
            mse[r] = mse[r] / len(xs)
