"""Every URL key a page uses, and what it sets: stable, documented names (README.md lists them too).

A page's address holds only its own keys, and only where the value is not the default.
"""

KEYS = {
    "lr": "learning rate", "epochs": "number of epochs", "mode": "update mode: sgd, minibatch or batch",
    "batch_size": "samples per update in minibatch mode", "data": "data: a generated kind, table or csv",
    "n": "number of generated points", "noise": "standard deviation of the noise on y",
    "seed": "seed of the generated data", "w": "initial w (network page: comma-separated, one per unit)",
    "b": "initial b (network page: comma-separated)", "v": "initial output weights, comma-separated",
    "c": "initial output bias", "hidden": "number of hidden units (network page: an older link's layers)",
    "layers": "network page: units in each hidden layer, comma-separated (8,8: two layers of 8)",
    "activation": "hidden activation",
    "init": "initialization: seed (the typed values) or a scheme; typed, for a deeper net",
    "init_seed": "seed of a random initialization",
    **{f"w{k}": f"a deeper net's typed layer-{k} weights, row by row, comma-separated" for k in range(1, 6)},
    **{f"b{k}": f"a deeper net's typed layer-{k} biases, comma-separated" for k in range(1, 6)},
    "layer": "network page: the layer whose parameters are drawn",
    "x": "where to predict", "numbers": "a table of numbers under every chart",
    "epoch": "the epoch the fit chart shows", "log": "log scale for the loss",
    "step_model": "backprop page: which model", "step_start": "backprop page: trained or initial parameters",
    "step_epoch": "backprop page: epoch of the update", "step_sample": "backprop page: sample of the update",
    "step_check": "backprop page: check-yourself mode",
    "step_unit": "backprop page: the unit the equations and the graph follow through each wide layer",
    "experiment": "experiments page: the open tab",
    "model": "experiments page: model of the lr sweep", "lr_min": "smallest lr of the sweep",
    "lr_max": "largest lr of the sweep", "rates": "number of rates in the sweep",
    "seeds": "number of seeds in the initialization sweep", "pins_log": "log scale for pinned runs",
    "present": "presenter view: 1 for larger type, taller charts, only the `show` controls",
    "show": "presenter view: comma-separated URL keys of the controls shown", "quiz": "predict-then-reveal question",
    "lesson": "start page: the guided lesson's step (from 1)",
    "panel": "linear and network pages: the open tab under the loss and the fit (only the open one is drawn)",
    "optimizer": "sgd, rmsprop or adam (PyTorch's semantics)", "momentum": "sgd and rmsprop: momentum",
    "nesterov": "sgd: Nesterov's look-ahead", "alpha": "rmsprop: the average of g²'s smoothing",
    "beta1": "adam: the average of g's smoothing", "beta2": "adam: the average of g²'s smoothing",
    "eps": "rmsprop and adam: ε added to the denominator", "weight_decay": "weight decay (L2), every parameter",
    "l1": "L1 penalty on the weights", "schedule": "learning-rate schedule: constant, step, exponential or cosine",
    "step_size": "step schedule: epochs between changes", "gamma": "step and exponential schedules: the factor",
    "t_max": "cosine schedule: epochs from the rate to the smallest", "lr_floor": "cosine schedule: the smallest rate",
    "test_share": "percent of the points held out for testing (0 to 50)", "test_seed": "seed of the held-out draw",
    "racers": "experiments page: the optimizers raced, comma-separated (SGD, momentum 0.9, Nesterov 0.9, RMSprop, "
              "Adam)",
}
