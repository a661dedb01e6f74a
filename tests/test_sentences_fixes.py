"""Issue 11's false sentences, each as the test that failed before: a sentence is shown only where its fact holds."""

import json

import pandas as pd
import pytest

import engine
from tests.helpers import messages, navigate, open_page
from ui import sentences

LINE = engine.make_dataset("line", 5)


def said(at) -> str:
    return "\n".join(e.value for kind in ("title", "markdown", "caption", "error", "warning", "subheader")
                     for e in getattr(at, kind))


@pytest.mark.parametrize(("activation", "title"), [("tanh", "3 tanh units"), ("identity", "3 linear (identity) units"),
                                                   ("relu", "3 ReLU units")])
def test_the_network_page_is_titled_by_its_activation(activation, title):
    at = open_page("network", activation=activation, hidden="3", init="he")
    assert at.title[0].value == f"A network with one hidden layer of {title}"


@pytest.mark.parametrize("activation", ["tanh", "sigmoid", "identity"])
def test_no_kink_is_drawn_or_told_where_there_is_none(activation):
    at = open_page("network", activation=activation, hidden="3", init="he")
    fit = next(json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")
               if "datum.kind ==" in chart.proto.spec and '"field": "unit"' in chart.proto.spec)
    assert "kink" not in json.dumps(fit)  # no layer of kinks, no legend or tooltip naming one
    assert "kink" not in said(at) and "switches on" not in said(at)


def test_verdicts_follow_the_activation():
    def verdicts(activation, w=(0.1, -0.1), b=(0.0, 0.0)):
        net = engine.MLP(w=w, b=b, v=(0.1, 0.1), activation=activation)
        return engine.dead_units(engine.train(net, LINE, 0.01, 50)).set_index("unit")

    tanh = verdicts("tanh")
    assert (tanh.status == "alive").all() and "learns from every point" in tanh.loc[2, "verdict"]
    assert "so it learns from those points" not in " ".join(tanh.verdict)
    identity = verdicts("identity")
    assert (identity.status == "alive").all() and "outputs v_2·z_2" in identity.loc[2, "verdict"]
    leaky = verdicts("leaky_relu")
    assert leaky.loc[2, "status"] == "inactive" and "still learns, 100 times slower" in leaky.loc[2, "verdict"]
    saturated = verdicts("tanh", w=(8.0, 1.0), b=(5.0, 0.0))
    assert saturated.loc[1, "saturated"] and "is saturated" in saturated.loc[1, "verdict"]


def test_a_dead_units_v_stays_where_it_died_not_at_its_start():
    assert "stays frozen at its start" not in sentences.output_weights(engine.ACTIVATIONS["relu"])
    assert "where it was when the unit died" in sentences.output_weights(engine.ACTIVATIONS["relu"])
    smooth = sentences.output_weights(engine.ACTIVATIONS["tanh"])
    assert smooth == "vᵢ scales unit i's share of the output, c shifts it."


def sweep_table(mse, diverged):
    return pd.DataFrame({"lr": [0.1, 0.2, 0.3, 0.4, 0.5], "mse": mse,
                         "diverged_at": pd.array(diverged, dtype="Int64"),
                         "blew_up": [at is not None for at in diverged]})


def test_divergence_that_is_not_monotone_names_its_ranges():
    table = sweep_table([1.0, None, 0.5, None, None], [None, 3, None, 7, 2])
    words = " ".join(sentences.lr_sweep(table, engine.RunSpec(engine.MLP(), LINE, 0.1, 10), None))
    assert "for η = 0.2, 0.4 ≤ η ≤ 0.5" in words and "not monotone" in words and "from η" not in words
    table = sweep_table([1.0, 0.5, None, None, None], [None, None, 3, 2, 1])
    words = " ".join(sentences.lr_sweep(table, engine.RunSpec(engine.MLP(), LINE, 0.1, 10), None))
    assert "from η = 0.3 up." in words and "not monotone" not in words


def test_a_plateau_of_lowest_mse_is_called_one():
    table = sweep_table([1.0, 0.012341, 0.012344, 0.0123449, 0.5], [None] * 5)
    assert sentences.best_rate(table) == ("The lowest final MSE, 0.0123, is a plateau: 3 rates reach it (to 3 "
                                         "significant digits), from η = 0.2 to 0.4.")
    table = sweep_table([1.0, 0.02, 0.0123, 0.5, 0.7], [None] * 5)
    assert sentences.best_rate(table) == "The lowest final MSE, 0.0123, is at η = 0.3."


def test_the_sweeps_mean_of_y_line_blames_dead_units_only_for_relu():
    assert "every unit dead" in sentences.baseline(engine.ACTIVATIONS["relu"])
    for name in ("tanh", "sigmoid", "identity", "leaky_relu"):
        assert "dead" not in sentences.baseline(engine.ACTIVATIONS[name])
    at = open_page("experiments", model="net", activation="tanh")
    assert "dead" not in " ".join(c.value for c in at.caption)


def test_a_saturated_smooth_unit_raises_no_finite_difference_alarm():
    """The backprop page blamed any mismatch on a kink; a saturated tanh unit (tiny gradient, ordinary loss) made
    one with a fixed step of 1e-6. The step now scales with the parameter, the difference is fourth-order and the
    tolerance is what rounding can make."""
    net = engine.MLP(w=(8.0,), b=(5.0,), v=(1.0,), c=0.0, activation="tanh")
    check = engine.gradient_check(net, 1.0, 5.0)
    assert check.agree.all() and abs(check.loc[0, "analytic"]) < 1e-9
    at = navigate(open_page("start"), "network", activation="tanh", hidden="1", w="8", b="5", v="1")
    navigate(at, "backprop", step_model="network-page", step_start="initial")
    assert "disagree" not in messages(at, "warning")
    assert "All 4 agree" in " ".join(c.value for c in at.caption)


def test_a_mismatch_at_a_kink_is_explained_by_the_unit_that_crossed_it():
    net = engine.MLP(w=(1.0, -1.0), b=(-1.0, 0.0), v=(1.0, 1.0), c=0.0)  # z_1 = 0 at x = 1: on the kink
    check = engine.gradient_check(net, 1.0, 3.0)
    assert check.set_index("parameter").loc["w_1", "kink"] == "z_1"
    words = sentences.gradient_mismatch(check, "relu")
    assert "**w_1**: the nudges move z_1 across 0, a kink of relu" in words and "**w_2**" not in words


def test_the_data_and_the_batches_are_said_as_they_are():
    assert sentences.data_caption("noisy_line", 20, 0.0) == ("y = 2x at 20 x drawn uniformly from [0, 5], no noise "
                                                             "(set it below)")
    assert "+ Gaussian noise of sd 0.3 on y" in sentences.data_caption("noisy_line", 20, 0.3)
    at = open_page("linear", n="10", mode="minibatch", batch_size="3")
    assert ("Each epoch: 4 updates, one per batch of 3 consecutive points in data order (not shuffled), the last "
            "of 1 point.") in " ".join(c.value for c in at.caption)


def test_a_converged_net_raises_no_finite_difference_alarm():
    """At the end of a long run the loss is near 0 and the gradients near 1e-15: the tolerance follows the
    rounding of y_hat - y, not the (tiny) loss, so they still agree."""
    model = engine.model_before_step(engine.MLP(), LINE, 0.01, 5000, 0)
    check = engine.gradient_check(model, 1.0, 2.0)
    assert check.agree.all() and check.analytic.abs().max() < 1e-13


@pytest.mark.parametrize("seed", range(40))
def test_random_nets_agree_with_their_finite_differences_unless_a_nudge_crosses_a_kink(seed):
    import numpy as np

    rng = np.random.default_rng(seed)
    width, scale = int(rng.integers(1, 5)), [0.5, 5.0, 20.0][seed % 3]
    net = engine.MLP(w=tuple(rng.normal(0, scale, width)), b=tuple(rng.normal(0, scale, width)),
                     v=tuple(rng.normal(0, 2, width)), c=float(rng.normal()),
                     activation=sorted(engine.ACTIVATIONS)[seed % 5])
    check = engine.gradient_check(net, float(rng.normal(0, 2)), float(rng.normal(0, 5)))
    assert (check.agree | (check.kink != "")).all(), check
