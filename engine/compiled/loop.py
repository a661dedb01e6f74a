"""The epochs: every lane trained and recorded, stopping where a lane diverges."""

import math

import numpy as np

from .jit import count, jit, layout
from .layers import backward, evaluate, forward
from .optimizers import update


@jit
def run_epochs(theta, state, steps, sizes, code, xs, ys, chunk, lrs, optimizer, hyper, l1, test_xs, test_ys,
               max_steps, loss, mse, test_mse, params, active, gradient_size, diverged_at, lanes):
    """Train every lane in place for len(lrs) epochs (lrs[e, r]: lane r's learning rate in epoch e).

    theta (P, R), state (STATE_ROWS, P, R) and the update count `steps` continue from a previous call.
    Records per epoch e and lane r: loss[e, r] the sum of each sample's squared error before its update (the
    seed's total_loss); mse[e, r] and test_mse[e, r] at the end-of-epoch parameters; params[e, :, r] those
    parameters; active[e, u, r] the points where hidden unit u has z > 0; gradient_size[e, k, r] the mean
    over the epoch's updates of the Frobenius norm of layer k's weight gradient (the data loss's, before L1
    and weight decay). params and active may have no rows (not recorded).
    diverged_at[r] (-1 while finite) gets the first epoch whose loss, MSE or parameters are not finite.
    Stops when every lane has diverged, or once `max_steps` updates are done (< 0: no limit), and returns
    (epochs recorded, updates done). lanes : None for one lane (compiled apart: the lane loops vanish), else R.
    """
    w_at, b_at, a_at = layout(sizes)
    layers, P, R, n = len(sizes) - 1, theta.shape[0], count(lanes), len(xs)
    units = a_at[layers] + 1
    z, a, delta = np.zeros((units, R)), np.zeros((units, R)), np.zeros((units, R))
    grad, total, error = np.zeros((P, R)), np.zeros((P, R)), np.zeros(R)
    no_active = np.zeros((0, R), np.int64)
    for e in range(len(lrs)):
        loss[e, :] = 0.0
        gradient_size[e, :, :] = 0.0
        updates = 0
        for start in range(0, n, chunk):
            stop = min(start + chunk, n)
            for s in range(start, stop):
                forward(theta, sizes, code, w_at, b_at, a_at, xs[s], z, a, lanes)
                for r in range(R):
                    error[r] = a[a_at[layers], r] - ys[s]
                    loss[e, r] += error[r] * error[r]
                backward(theta, sizes, code, w_at, b_at, a_at, z, a, delta, error, grad if chunk > 1 else total, lanes)
                if chunk > 1:  # add this sample's gradients to the chunk's sums
                    for p in range(P):
                        for r in range(R):
                            total[p, r] = (0.0 if s == start else total[p, r]) + grad[p, r]
            if chunk > 1:  # the chunk's mean gradient
                for p in range(P):
                    for r in range(R):
                        total[p, r] = total[p, r] / (stop - start)
            for k in range(layers):
                for r in range(R):
                    size = 0.0
                    for p in range(w_at[k], b_at[k]):
                        size += total[p, r] * total[p, r]
                    gradient_size[e, k, r] += math.sqrt(size)
            steps += 1
            updates += 1
            update(theta, total, lrs[e], optimizer, hyper, state, steps, l1, sizes, w_at, b_at, lanes)
            if steps == max_steps:
                break
        for k in range(layers):
            for r in range(R):
                gradient_size[e, k, r] /= updates
        evaluate(theta, sizes, code, w_at, b_at, a_at, xs, ys, z, a, mse[e], active[e] if len(active) else no_active,
                 lanes)
        evaluate(theta, sizes, code, w_at, b_at, a_at, test_xs, test_ys, z, a, test_mse[e], no_active, lanes)
        if len(params):
            params[e, :, :] = theta
        running = 0
        for r in range(R):
            if diverged_at[r] < 0:
                finite = math.isfinite(loss[e, r]) and math.isfinite(mse[e, r])
                for p in range(P):
                    finite = finite and math.isfinite(theta[p, r])
                if finite:
                    running += 1
                else:
                    diverged_at[r] = e
        if running == 0 or steps == max_steps:
            return e + 1, steps
    return len(lrs), steps
