"""The network's own sections: its fit with each unit's contribution, its parameters, its dead units and its
gradient flow, for one hidden layer (an MLP) or several (a Network)."""

import numpy as np
import pandas as pd
import streamlit as st

import engine

from .. import charts, compute, player, presenter, sentences
from ..charts.plotdata import finite, fit_grid, fit_window, layer_sizes, unit_frames
from . import common
from .scene import Scene


def deep(model) -> bool:
    """Whether `model` has more than one hidden layer (drawn layer by layer)."""
    return isinstance(model, engine.Network)


def start_caption(start, model) -> str:
    """Where the starting values come from (under the model's controls); "" for the typed values of one layer."""
    if deep(model):
        if start.init == "typed":
            return ("Starting values: as typed; each field starts from He initialization with init seed "
                    f"{start.init_seed}.")
        formula = engine.network.SCHEME_FORMULAS[start.init]
        return (f"Starting values: {start.init} initialization with init seed {start.init_seed}, {formula} per layer; "
                "biases 0.")
    if start.init == "seed":
        return ""
    return ("Starting values: " + "; ".join(f"{name} = " + ", ".join(f"{value:.3g}" for value in getattr(model, name))
                                            for name in "wv") + "; b = 0; c = 0.")


def equations(model) -> str:
    """The net's forward pass, loss and backward pass in LaTeX: unit by unit for one hidden layer, layer by layer
    (vectors and matrices) for more."""
    act = engine.ACTIVATIONS[model.activation]
    if deep(model):
        out = len(model.sizes) - 1
        return (r"\begin{gathered} a^{(0)} = x \qquad z^{(k)} = W^{(k)} a^{(k-1)} + b^{(k)} \qquad a^{(k)} = "
                rf"f(z^{{(k)}}) \quad (k = 1..{out - 1}) \\[4pt] \hat y = W^{{({out})}} a^{{({out - 1})}} + "
                rf"b^{{({out})}} \qquad L = (\hat y - y)^2 \qquad f(z) = {act.latex} \\[4pt] \delta^{{({out})}} = "
                r"2(\hat y - y) \qquad \delta^{(k)} = \big(W^{(k+1)\top} \delta^{(k+1)}\big) \odot f'(z^{(k)})"
                r" \\[4pt] \frac{\partial L}{\partial W^{(k)}} = \delta^{(k)} a^{(k-1)\top} \qquad "
                r"\frac{\partial L}{\partial b^{(k)}} = \delta^{(k)} \end{gathered}")
    return (r"\begin{gathered} z_i = w_i\,x + b_i \qquad h_i = f(z_i) \qquad \hat y = \sum_{i=1}^{"
            + str(model.width) + r"} v_i\,h_i + c \qquad L = (\hat y - y)^2 \\[4pt] f(z) = " + act.latex
            + r" \qquad f'(z) = " + act.dlatex
            + r" \qquad \delta_i = \frac{\partial L}{\partial z_i} = 2(\hat y - y)\,v_i\,f'(z_i) \\[4pt]"
            r" \frac{\partial L}{\partial v_i} = 2(\hat y - y)\,h_i \qquad \frac{\partial L}{\partial c} = "
            r"2(\hat y - y) \qquad \frac{\partial L}{\partial w_i} = \delta_i\,x \qquad "
            r"\frac{\partial L}{\partial b_i} = \delta_i \end{gathered}")


def seed_order(model) -> list[str]:
    """The parameters in the seed notebook's print order: w1, b1, w2, b2, ..., then v_i (w3, w4) and c (b3); a
    deeper net's in its own order (layer by layer), all of them when they are few, else its output layer's."""
    if deep(model):
        return list(model.names) if len(model.names) <= 24 else [name for name in model.names
                                                                 if name[1:].startswith(f"{len(model.sizes) - 1}_")]
    units = range(1, model.width + 1)
    return [*(name for i in units for name in (f"w_{i}", f"b_{i}")), *(f"v_{i}" for i in units), "c"]


def fit(scene: Scene) -> None:
    """The prediction and each unit's contribution v_i*h_i(x) over the data, at the scrubbed epoch."""
    run, x_query = scene.run, scene.x_query
    act = engine.ACTIVATIONS[run.initial.activation]
    st.subheader("The fit at one epoch")
    model, when = scene.frame.scrubbed(run, scene.link, presenter.where(scene.view, st, "fit"))
    held = {"x": run.spec.test.x, "y": run.spec.test.y} if run.spec.test else None
    low, high, query_shown = fit_window(np.concatenate([run.data.x, held["x"]]) if held else run.data.x, x_query)
    kinks = model.kinks() if act.kink and not deep(model) else None
    grid = fit_grid(low, high, kinks)
    parts, kink_frame = unit_frames(model, grid, kinks)
    kinks_shown = kinks is not None and len(kink_frame["x"]) > 0  # no dashed rule, no legend entry, no sentence
    query = {"x": [x_query], "y_hat": finite([model.predict(x_query)])} if query_shown else None
    figure = charts.network_fit_chart({"x": run.data.x, "y": run.data.y},
                                      {"x": grid, "y_hat": finite(model.predict(grid))}, parts,
                                      kink_frame if kinks_shown else None, query, held)
    scene.draw(st, figure, "fit", description=f"The net's prediction {when}, each unit's contribution and the data")
    marks = (", the circles the data" + (" (the crosses: held out, never trained on)" if held else "")
             + (f", the diamond the prediction at x = {x_query:g}" if query_shown else "") + ". ")
    if deep(model):
        st.caption(f"{when.capitalize()}: the thick line is the prediction ŷ{marks}"
                   + sentences.deep_unit_lines(act, model.depth))
    else:
        st.caption(f"{when.capitalize()}: the thick line is the prediction ŷ = Σ vᵢ·hᵢ(x) + c = Σ (thin lines) + "
                   f"{sentences.seed_digits(model.c)}{marks}" + sentences.unit_lines(act, kinks_shown))
    common.offer_continue(model)


def parameters(scene: Scene) -> None:
    """Every parameter over epochs, in three narrow charts: input weights, biases, output weights and c (a deeper
    net: each layer's weight size, then one chosen layer's weights and biases)."""
    run = scene.run
    if deep(run.initial):
        _layer_parameters(scene)
        return
    units = range(1, run.initial.width + 1)
    start = dict(zip(run.initial.names, run.initial.theta))
    act = engine.ACTIVATIONS[run.initial.activation]
    groups = [("Input weights w_i", [f"w_{i}" for i in units], "input weight"),
              ("Biases b_i", [f"b_{i}" for i in units], "bias"),
              ("Output weights v_i and c", [*(f"v_{i}" for i in units), "c"], "value")]
    for column, (title, names, axis) in zip(presenter.columns(scene.view, 3), groups):
        scene.draw(column, charts.unit_parameter_chart(scene.frame.history, names, axis, start, scene.frame.epochs,
                                                       title), f"parameters_{names[0][0]}")
    movers = engine.diagnostics.forces(run.spec)
    st.caption(" ".join((sentences.input_weights(act), sentences.biases(act, movers),
                         sentences.output_weights(act, movers))))


def _layer_parameters(scene: Scene) -> None:
    run, frame = scene.run, scene.frame
    model = run.initial
    left, right = presenter.columns(scene.view, [2, 3])
    with left:
        sizes = layer_sizes(frame.history, model)
        names = [f"W_{k}" for k in range(1, len(model.sizes))]
        st.markdown("**Each layer's weight size**")
        scene.draw(st, charts.unit_parameter_chart(sizes, names, "weight size √Σw²", None, frame.epochs),
                   "parameters_sizes")
        st.caption(f"W_{len(names)} is the output layer. A layer whose size stays flat barely learns"
                   + ("." if sentences.adaptive(scene.run.spec) else
                      "; with vanishing gradients, the layers nearest the input move least."))
    with right:
        layers = tuple(f"layer {k}" for k in range(1, len(model.sizes)))
        chosen = scene.link.choice(st, "Layer", "layer", layers, layers[0], widget="segmented_control")
        k = layers.index(chosen or layers[0]) + 1
        weights = [name for name in model.names if name.startswith(f"w{k}_")]
        biases = [name for name in model.names if name.startswith(f"b{k}_")]
        start = dict(zip(model.names, model.theta))
        st.markdown(f"**Layer {k}'s {len(weights)} weights**")
        scene.draw(st, charts.unit_parameter_chart(frame.history, weights, "weight", start, frame.epochs),
                   "parameters_w")
        st.markdown(f"**Layer {k}'s biases**")
        scene.draw(st, charts.unit_parameter_chart(frame.history, biases, "bias", start, frame.epochs),
                   "parameters_b")
        st.caption(f"w{k}_j_i is the weight from unit i of the layer below (the input x, for layer 1) to unit j of "
                   f"layer {k}; b{k}_j is unit j's bias. Hover a line for its name and value.")


def gradient_flow(scene: Scene) -> None:
    """Each layer's weight-gradient size over epochs (log scale), and what it says about this run."""
    run, frame = scene.run, scene.frame
    st.markdown("##### Gradient flow: how much gradient reaches each layer")
    flow = player.state.visible(run.gradient_flow, frame.state)
    if len(flow):
        scene.draw(st, charts.gradient_flow_chart(flow, frame.epochs), "gradient_flow",
                   description="Each layer's weight-gradient size per epoch, on a log scale")
    else:
        st.info("Press Step or Play: the chart fills in epoch by epoch.", icon=":material/show_chart:")
    depth = len(run.initial.sizes) - 2
    flat = bool(len(run.gradient_flow)) and not run.gradient_flow["size"].to_numpy().any()
    said = sentences.gradient_flow(engine.flow_ratio(run), depth, flat, run.diverged_at, sentences.adaptive(run.spec))
    st.markdown(said + (" (For the whole run.)" if frame.engaged else ""))
    st.caption("A layer's size is the length √(Σ (∂L/∂w)²) of the gradient of all its weights as each update used "
               "it (one sample's in sgd, the chunk's mean otherwise), averaged over the epoch's updates. Backprop "
               "multiplies it by each layer's weights and slopes f'(z) on the way to the input: slopes below 1 "
               "(sigmoid's are at most 0.25) shrink it layer by layer.")


def units(scene: Scene) -> None:
    """The units x epochs map of activity, and each unit's verdict with its cause and how to revive it."""
    run, frame = scene.run, scene.frame
    act = engine.ACTIVATIONS[run.initial.activation]
    verdicts = compute.dead_units(run.spec)
    st.markdown(f"##### {sentences.units_heading(act)}")
    left, right = presenter.columns(scene.view, [3, 2])
    with left:
        activity = player.state.visible(run.activity, frame.state)
        layers = len(run.initial.sizes) - 2
        for k in range(1, layers + 1):
            in_layer = activity[activity["layer"] == k] if layers > 1 else activity
            if layers > 1:
                st.markdown(f"**Layer {k}**")
            if len(in_layer):
                scene.draw(st, charts.activity_chart(in_layer, epochs=frame.epochs), f"activity_{k}")
            elif k == 1:
                st.info("Press Step or Play: the map fills in epoch by epoch.", icon=":material/grid_on:")
        st.caption(sentences.activity_map(act, layers, engine.diagnostics.revivers(run.spec)))
    with right:
        if frame.engaged:
            st.caption("The verdicts below are for the whole run.")
        _verdicts(verdicts, run)


def _verdicts(verdicts: pd.DataFrame, run: engine.Run) -> None:
    """Each unit's verdict (dead ones with their cause and how to revive them); many healthy units in one line."""
    act = engine.ACTIVATIONS[run.initial.activation]
    rows = list(zip(*(verdicts[name].tolist() for name in ("status", "saturated", "verdict", "cause", "revive"))))
    healthy = [status == "alive" and not saturated for status, saturated, *_ in rows]
    if sum(healthy) > 3:
        st.markdown(":green[:material/check_circle:] " + sentences.alive_summary(act, verdicts[healthy]))
    for (status, _, verdict, cause, revive), fine in zip(rows, healthy):
        if fine:
            if sum(healthy) <= 3:
                st.markdown(f":green[:material/check_circle:] {verdict}")
        elif status in ("alive", "inactive"):  # saturated, or on a leaky unit's shallow side: still learning
            st.markdown(f":orange[:material/pause_circle:] {verdict}")
        else:
            st.error(f"**{verdict}**\n\n**Why:** {cause}\n\n**{revive}**", icon=":material/block:")
