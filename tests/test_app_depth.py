"""AppTest of deeper nets: the network page at every depth and activation, `layers` links (and older `hidden`
ones), typed weights in a link, the backprop page and its graph at depths 1 to 4, and the vanishing-gradient
scenario (decided from the run's numbers, not from the text)."""

import re

import numpy as np
import pytest

import engine
from tests.helpers import messages, open_page, prediction
from ui import graph
from ui.scenarios import SCENARIOS

LINE = engine.make_dataset("line", 5)


def warnings(at) -> str:
    return messages(at, "warning")


def widths_of(text: str) -> tuple[int, ...]:
    return tuple(int(part) for part in text.split(","))


@pytest.mark.parametrize("activation", list(engine.ACTIVATIONS))
@pytest.mark.parametrize("layers", ["3", "3,2", "2,3,2", "2,2,2,2"])
def test_the_network_page_at_each_depth_and_activation(layers, activation):
    at = open_page("network", layers=layers, activation=activation, init="xavier", init_seed="1", epochs="30",
                   panel="Gradient flow")
    widths = widths_of(layers)
    model = (engine.MLP.init(widths[0], "xavier", 1, activation) if len(widths) == 1 else
             engine.Network.init(widths, "xavier", 1, activation))
    run = engine.train(model, LINE, 0.01, 30)
    assert prediction(at) == f"### Prediction at x = 9: {run.predict(9.0):.4f}"
    assert (f"{len(widths)} hidden layers" if len(widths) > 1 else "one hidden layer") in at.title[0].value
    flow = [m.value for m in at.markdown if re.match(r"\*\*(Vanishing|Exploding|No vanishing)", m.value)]
    assert len(flow) == 1
    ratio = engine.flow_ratio(run)
    expected = "Vanishing" if ratio < 0.1 else "Exploding" if ratio > 10 else "No vanishing"
    assert flow[0].startswith(f"**{expected}")
    for panel in ("The units", "Every parameter over epochs"):  # the other panels draw too
        at.query_params["panel"] = panel
        at.session_state["panel"] = panel
        at.run()
        assert not at.exception, (panel, at.exception)


def test_a_deep_net_shows_one_activity_map_per_layer_and_its_verdicts():
    at = open_page("network", layers="2,3,2", init="he", init_seed="4")
    run = engine.train(engine.Network.init((2, 3, 2), "he", 4), LINE, 0.01, 100)
    headings = [m.value for m in at.markdown if re.fullmatch(r"\*\*Layer \d\*\*", m.value)]
    assert headings == ["**Layer 1**", "**Layer 2**", "**Layer 3**"]
    dead = engine.dead_units(run)
    shown = " ".join(e.value for e in at.error)
    for row in dead[dead["status"].str.startswith("dead")].itertuples():
        assert f"Unit {row.unit} of layer {row.layer}" in shown


def test_layers_in_the_link_and_an_older_hidden_link():
    at = open_page("network", layers="4,3", init="he")
    assert at.text_input(key="layers").value == "4,3"
    run = engine.train(engine.Network.init((4, 3), "he", 0), LINE, 0.01, 100)
    assert prediction(at) == f"### Prediction at x = 9: {run.predict(9.0):.4f}"
    older = open_page("network", hidden="4", init="he")
    assert older.text_input(key="layers").value == "4"
    assert older.query_params.get("layers") in ("4", ["4"]) and "hidden" not in older.query_params
    assert not warnings(older)
    mlp = engine.train(engine.MLP.init(4, "he", 0), LINE, 0.01, 100)
    assert prediction(older) == f"### Prediction at x = 9: {mlp.predict(9.0):.4f}"


def test_typed_weights_in_a_link_reproduce_the_view():
    values = {"w1": "0.5,-0.2", "b1": "0.1,0", "w2": "1,0.5,-1,2", "b2": "0,0.3", "w3": "0.7,-0.4", "b3": "0.2"}
    at = open_page("network", layers="2,2", init="typed", **values)
    assert not warnings(at)
    net = engine.Network([[[0.5], [-0.2]], [[1, 0.5], [-1, 2]], [[0.7, -0.4]]], [[0.1, 0], [0, 0.3], [0.2]], "relu")
    assert prediction(at) == f"### Prediction at x = 9: {engine.train(net, LINE, 0.01, 100).predict(9.0):.4f}"
    # a list of the wrong length says so and falls back, field by field
    short = open_page("network", layers="2,2", init="typed", w2="1,2,3")
    assert "**w2** has 3 value(s), but layer 2 has 2 x 2 = 4 weights" in warnings(short)


def test_continue_training_from_a_deep_net_types_its_weights():
    at = open_page("network", layers="2,2", init="he", epochs="20")
    at.button(key="player_continue").click().run()
    assert at.radio(key="init").value == "typed"
    trained = engine.train(engine.Network.init((2, 2), "he", 0), LINE, 0.01, 20).model
    assert np.allclose([float(v) for v in at.text_input(key="w2").value.split(",")], trained.weight_arrays()[1].ravel())


@pytest.mark.parametrize("widths", [(2,), (5,), (3, 2), (2, 5, 2), (4, 2, 2, 3)])
def test_the_backprop_page_and_its_graph_at_each_depth(widths):
    model = engine.MLP.init(widths[0], "he", 0, "tanh") if len(widths) == 1 else engine.Network.init(
        widths, "he", 0, "tanh")
    spec = engine.RunSpec(model, LINE, 0.01, 10)
    at = open_page("backprop", state={"spec:network": spec, "step_graph": True}, step_model="network-page",
                   step_epoch="2", step_sample="3")
    assert not at.exception
    before = engine.model_before_step(model, LINE, 0.01, 2, 3)
    ledger = engine.ledger(before, 4.0, 8.0, 0.01)
    assert f"ŷ = {ledger.set_index('name').at['y_hat', 'value']:.6g}" in at.markdown[0].value
    dots = at.get("graphviz_chart")
    assert len(dots) == 1
    source = dots[0].proto.spec
    assert source == graph.dot(before, 4.0, 8.0, 1 if graph.followable(before) else None)
    gradients = ledger[ledger["name"].str.startswith("dL/d")].set_index("name")["value"]
    assert f"{gradients['dL/dy_hat']:.4g}" in source  # the graph's numbers are the engine's ledger's
    if all(width <= graph.NARROW for width in widths):  # every unit drawn: each gradient the ledger works out
        shown = [name for name in gradients.index if name.startswith(("dL/dz", "dL/db"))]
        assert all(f"{gradients[name]:.4g}" in source for name in shown), shown
    assert "L = e²" in source and "x (input)" in source
    follow = at.get("button_group")  # a wide layer: a unit to follow
    assert bool(follow) == any(width > graph.NARROW for width in widths)
    check = at.dataframe[0].value
    assert len(check) == len(before.names) and check["agree"].all()


def test_the_equations_follow_one_unit_of_a_wide_layer():
    model = engine.Network.init((5, 2), "he", 0, "relu")
    at = open_page("backprop", state={"spec:network": engine.RunSpec(model, LINE, 0.01, 10)},
                   step_model="network-page", step_unit="4")
    text = " ".join(latex.value for latex in at.latex)
    assert "z^{(1)}_{4}" in text and "z^{(1)}_{3}" not in text  # layer 1 is wide: unit 4 only
    assert "z^{(2)}_{1}" in text and "z^{(2)}_{2}" in text  # layer 2 is narrow: every unit


def test_the_vanishing_gradient_scenario_vanishes_and_relu_with_he_does_not():
    vanishing, relu = (next(s for s in SCENARIOS if s.title.startswith(number)) for number in ("6 ·", "7 ·"))
    runs = []
    for scenario in (vanishing, relu):
        params = scenario.params
        at = open_page("network", **params)
        assert not at.exception
        widths = widths_of(params["layers"])
        data = engine.make_dataset(params["data"], int(params["n"]))
        start = engine.Network.init(widths, params.get("init", "he"), 0, params.get("activation", "relu"))  # defaults
        run = engine.train(start, data, 0.01, int(params["epochs"]))
        assert prediction(at) == f"### Prediction at x = 9: {run.predict(9.0):.4f}"
        runs.append(run)
    sizes = [run.gradient_flow.query("epoch == 0")["size"].to_numpy() for run in runs]
    assert sizes[0][0] / sizes[0][-1] < 0.01  # sigmoid: the first layer's gradient under 1% of the output's
    assert 0.1 < sizes[1][0] / sizes[1][-1] < 10  # relu + He: the same order of size
    assert runs[1].final_mse < runs[0].final_mse / 10
