"""The bare seed-style training loop: plain Python, no recording. The yardstick for engine speed."""

import math


def relu(x):
    return max(0, x)


def relu_derivative(x):
    return 1 if x > 0 else 0


def seed_net_loop(xs, ys, lr, epochs, w1=0.1, b1=0.0, w2=-0.1, b2=0.0, w3=0.1, w4=0.1, b3=0.0):
    """Train the seed's 2-unit ReLU net with per-sample SGD exactly as the notebook does; return its weights."""
    for _ in range(epochs):
        total_loss = 0
        for x, y in zip(xs, ys):
            z1 = w1 * x + b1
            h1 = relu(z1)
            z2 = w2 * x + b2
            h2 = relu(z2)
            y_pred = w3 * h1 + w4 * h2 + b3
            error = y_pred - y
            total_loss += error * error
            dL_dy = 2 * error
            dw3 = dL_dy * h1
            dw4 = dL_dy * h2
            db3 = dL_dy
            dz1 = dL_dy * w3 * relu_derivative(z1)
            dz2 = dL_dy * w4 * relu_derivative(z2)
            w1 = w1 - lr * dz1 * x
            b1 = b1 - lr * dz1
            w2 = w2 - lr * dz2 * x
            b2 = b2 - lr * dz2
            w3 = w3 - lr * dw3
            w4 = w4 - lr * dw4
            b3 = b3 - lr * db3
    return w1, b1, w2, b2, w3, w4, b3


def deep_tanh_loop(xs, ys, lr, epochs, weights, biases):
    """A layered tanh net (the last layer linear) trained with per-sample SGD in plain Python lists, no recording:
    what a hand-written loop of a 1-8-8-1 net costs. weights[k][j][i], biases[k][j] are copied, not changed."""
    weights = [[list(row) for row in w] for w in weights]
    biases = [list(b) for b in biases]
    last = len(weights) - 1
    for _ in range(epochs):
        for x, y in zip(xs, ys):
            acts, zs = [[x]], []
            for k, (w, b) in enumerate(zip(weights, biases)):
                z = [sum(w_ji * a_i for w_ji, a_i in zip(w_j, acts[-1])) + b_j for w_j, b_j in zip(w, b)]
                zs.append(z)
                acts.append(z if k == last else [math.tanh(z_j) for z_j in z])
            delta = [2 * (acts[-1][0] - y)]
            for k in range(last, -1, -1):
                w, below = weights[k], acts[k]
                back = None
                if k:
                    back = [sum(delta[j] * w[j][i] for j in range(len(w))) * (1 - math.tanh(zs[k - 1][i]) ** 2)
                            for i in range(len(below))]
                for j, d in enumerate(delta):
                    row = w[j]
                    for i, a_i in enumerate(below):
                        row[i] -= lr * d * a_i
                    biases[k][j] -= lr * d
                delta = back
    return weights, biases


def seed_net_adam_loop(xs, ys, lr, epochs, beta1=0.9, beta2=0.999, eps=1e-8):
    """The seed's 2-unit ReLU net with per-sample Adam (PyTorch's algorithm) in plain Python: the yardstick for a sweep
    with Adam."""
    p = [0.1, 0.0, -0.1, 0.0, 0.1, 0.1, 0.0]  # w1, b1, w2, b2, w3, w4, b3
    m, v = [0.0] * 7, [0.0] * 7
    step = 0
    for _ in range(epochs):
        for x, y in zip(xs, ys):
            w1, b1, w2, b2, w3, w4, b3 = p
            z1, z2 = w1 * x + b1, w2 * x + b2
            h1, h2 = relu(z1), relu(z2)
            dL_dy = 2 * (w3 * h1 + w4 * h2 + b3 - y)
            dz1, dz2 = dL_dy * w3 * relu_derivative(z1), dL_dy * w4 * relu_derivative(z2)
            grads = (dz1 * x, dz1, dz2 * x, dz2, dL_dy * h1, dL_dy * h2, dL_dy)
            step += 1
            c1, c2 = 1 - beta1**step, math.sqrt(1 - beta2**step)
            for i, g in enumerate(grads):
                m[i] += (1 - beta1) * (g - m[i])
                v[i] = beta2 * v[i] + (1 - beta2) * g * g
                p[i] -= (lr / c1) * (m[i] / (math.sqrt(v[i]) / c2 + eps))
    return p
