"""The start page's one-click scenarios: which page to open, with which settings (URL keys of ui/settings)."""

from typing import NamedTuple


class Scenario(NamedTuple):
    """A page and the query parameters that set it up, with a title and what to look for."""

    title: str
    blurb: str
    page: str
    params: dict


DEEP = {"data": "sine", "n": "20", "layers": "8,8,8,8", "epochs": "300", "panel": "Gradient flow"}
RACE = {"experiment": "Optimizer race"}
OVERFIT = {"data": "noisy_line", "n": "12", "noise": "1", "test_share": "33", "layers": "16", "activation": "tanh",
           "init": "he", "optimizer": "adam", "epochs": "3000"}

SCENARIOS = (
    Scenario("1 · The seed's linear fit",
             "Gradient descent heads for y = 2x from four points: after 100 epochs w = 1.9435, b = 0.1817. "
             "Prediction at x = 7: 13.7864.",
             "pages/linear.py", {}),
    Scenario("2 · Learning rate too large",
             "The same fit with lr = 0.2: every step overshoots and the loss explodes.",
             "pages/linear.py", {"lr": "0.2", "quiz": "too_large"}),
    Scenario("3 · The seed's ReLU net",
             "Two ReLU units; unit 2 starts with w₂ < 0 and b₂ = 0, so it is dead from the start and never learns.",
             "pages/network.py", {"quiz": "dead_unit"}),
    Scenario("4 · The dead unit revived",
             "Start unit 2 with b₂ = 1 so it fires on the data: both units now learn.",
             "pages/network.py", {"b": "0,1"}),
    Scenario("5 · A curved target",
             "y = |x| on 20 points: a line cannot bend, four ReLU units can.",
             "pages/network.py",
             {"data": "abs", "n": "20", "layers": "4", "init": "he", "init_seed": "1", "epochs": "500"}),
    Scenario("6 · Vanishing gradients",
             "Four sigmoid layers of 8: the gradient reaching the first layer is hundreds of times smaller than the "
             "output layer's, and the net does not fit the sine (its MSE stays at that of predicting y's mean).",
             "pages/network.py", DEEP | {"activation": "sigmoid", "init": "xavier"}),
    Scenario("7 · The same depth with ReLU and He",
             "Four ReLU layers of 8 with He initialization: the gradient reaches the first layer at full size and "
             "the sine is fitted.",
             "pages/network.py", DEEP),  # ReLU with He is a deeper net's default
    Scenario("8 · Momentum in a narrow valley",
             "The line on x = 1..20 from b = 5, full-batch steps: plain SGD crawls along the valley's floor; "
             "momentum gathers speed along it.",
             "pages/experiments.py", RACE | {"b": "5", "n": "20", "lr": "0.004", "mode": "batch",
                                            "racers": "SGD,momentum 0.9,Nesterov 0.9"}),
    Scenario("9 · Adam against SGD",
             "The seed's net at η = 0.05: plain SGD's first steps throw w₁ to about −7.8 and kill unit 1, leaving "
             "a constant; Adam's steps, about η per parameter, keep unit 1 alive and reach the line.",
             "pages/experiments.py", RACE | {"model": "seed_net", "lr": "0.05", "racers": "SGD,Adam"}),
    Scenario("10 · Overfitting, caught by held-out data",
             "16 tanh units on 8 noisy points for 3000 epochs, 4 points held out: the training MSE keeps falling "
             "while the held-out MSE rises. Try weight decay, or fewer epochs.",
             "pages/network.py", OVERFIT),
    Scenario("11 · The same, with weight decay",
             "Weight decay 0.1 on the same net and points: the training MSE stays higher, and the held-out MSE ends "
             "near its lowest: the fit no longer chases the noise.",
             "pages/network.py", OVERFIT | {"weight_decay": "0.1"}),
    Scenario("12 · Both side by side",
             "The same two runs on the experiments page: training and held-out MSE, with and without weight decay, "
             "and the epoch where stopping would have been best.",
             "pages/experiments.py", {"experiment": "Held-out data", "data": "noisy_line", "n": "12", "noise": "1",
                                      "test_share": "33", "hidden": "16", "activation": "tanh", "optimizer": "adam",
                                      "epochs": "3000", "compare_decay": "0.1"}),
)
