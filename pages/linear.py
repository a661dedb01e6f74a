"""The linear model y = w*x + b: train it, watch the loss, the parameters and the path on the loss surface."""

import functools

import numpy as np
import pandas as pd
import streamlit as st

import engine
from ui import charts, compute, controls, downloads, pins, player, presenter, quiz, settings, snapshots

PAGE = "linear"
view = presenter.from_query(st.query_params)
presenter.setup(view)
st.title("Linear regression: y = w·x + b")
st.latex(r"\hat y = w\,x + b \qquad L = (\hat y - y)^2 \qquad "
         r"w \leftarrow w - \eta\,2(\hat y - y)\,x \qquad b \leftarrow b - \eta\,2(\hat y - y)")
notices = st.container()

side = presenter.where(view, st.sidebar, "sidebar")
side.header("Data")
data = controls.data_controls(side, PAGE)
side.header("Starting point")
w0 = settings.number(side, "Initial w", "w", 0.0, lo=-1e6, hi=1e6, step=0.1)
b0 = settings.number(side, "Initial b", "b", 0.0, lo=-1e6, hi=1e6, step=0.1)
side.header("Training")
lr = controls.lr_control(side)
epochs, mode, batch_size = controls.schedule_controls(side, len(data))
charts.numbers_toggle(side)
settings.show_warnings(notices)
snapshots.save("linear", engine.Linear(float(w0), float(b0)), data, lr, mode)  # for the backprop page

too_much = compute.over_cap(len(data), epochs)
if too_much:
    st.error(too_much)
    st.stop()

x, y = tuple(data.x.tolist()), tuple(data.y.tolist())
run = compute.train((float(w0), float(b0)), 0, None, x, y, lr, epochs, mode, batch_size)
history = run.history
optimum = compute.least_squares(x, y)


def decimals(value: float) -> str:
    """4 decimals like the seed, or scientific notation for the huge numbers of a diverging run."""
    return f"{value:.4f}" if abs(value) < 1e6 else f"{value:.4g}"


def divergence_advice() -> str:
    stable = compute.stable_lr(x, y, mode, batch_size)
    return f"lower the learning rate below {stable:.4g}" if stable else "lower the learning rate"


quiz_id = quiz.asked(PAGE)
if quiz_id:  # a scenario link asks for a prediction first: nothing of the result shows until it is answered
    if not quiz.ask(quiz_id):
        st.stop()
    quiz.reveal(quiz_id, quiz.outcome_too_large(history, run.diverged_at))

if run.diverged_at is not None:
    st.error(f"Training diverged at epoch {run.diverged_at}: the loss overflowed to infinity. "
             f"With this data and update mode, {divergence_advice()}.", icon=":material/error:")
elif len(history) > 1 and history["mse"].iloc[-1] > 10 * history["mse"].iloc[0]:
    st.warning(f"The MSE grew from {history['mse'].iloc[0]:.4g} to {history['mse'].iloc[-1]:.4g}: training is "
               f"diverging, each step overshoots the minimum by more than it corrects. "
               f"{divergence_advice().capitalize()}.",
               icon=":material/trending_up:")

left, right = presenter.columns(view, [1, 3], vertical_alignment="bottom")
with left:
    here = presenter.where(view, st, "prediction")
    x_query = settings.number(here, "Predict at x", "x", 7.0, lo=-1e6, hi=1e6, step=1.0)
settings.show_warnings(notices)  # a bad x in the link: the x input is made after the first call
with right:
    if len(history):
        st.markdown(f"### Prediction at x = {x_query:g}: {decimals(run.predict(float(x_query)))}")
        st.caption(f"after {len(history)} epoch(s): w = {decimals(run.model.w)}, b = {decimals(run.model.b)}, "
                   f"MSE = {history['mse'].iloc[-1]:.4g}")
    else:
        st.markdown("### No prediction: the very first epoch diverged")

if len(history) == 0:
    st.stop()

state = player.current(PAGE, player.signature(w0, b0, x, y, lr, epochs, mode, batch_size))
ticking = state["playing"]


def starting_values(model) -> dict:
    """The widgets' values that make `model` the starting point (Continue training from here)."""
    return {"w": float(model.w), "b": float(model.b)}


@st.fragment(run_every=player.TICK_SECONDS if ticking else None)
def watch() -> None:
    """Everything that moves while a run plays: the player, the curves, the path and the fit."""
    now = player.frame(PAGE, run, view, ticking)
    shown, playing_view, follow, show = now.shown, now.engaged, now.follow, now.show

    left, right = presenter.columns(view, 2)
    with left:
        player.loss_section(now, "**loss** is the seed's running sum: each sample's squared error just before its "
                            "own update. **MSE** is the mean squared error after the epoch. Both should fall; on a "
                            "log scale a straight slope means steady progress, a flat tail means the fit has settled.")

        st.subheader("w and b over epochs")
        show(follow(charts.parameter_chart(shown, ["w", "b"], "parameter value", {"w": w0, "b": b0}), -1))
        st.caption("w (the slope) is learned fast; b (the intercept) drifts slowly, because its gradient "
                   "2(ŷ − y) is not multiplied by x. The seed's target is w = 2, b = 0.")

    with right:
        st.subheader("The loss surface")
        start = pd.DataFrame([{"epoch": -1, "w": w0, "b": b0}])
        path = pd.concat([start, history[["epoch", "w", "b"]]], ignore_index=True)
        w_range, b_range = charts.surface_window(path, optimum)  # the whole run's window: it stays put
        surface = compute.linear_surface(x, y, tuple(np.linspace(*w_range, 41).tolist()),
                                         tuple(np.linspace(*b_range, 41).tolist()))
        shown_path = pd.concat([start, shown[["epoch", "w", "b"]]], ignore_index=True)
        show(charts.surface_chart(surface, shown_path, optimum))
        st.caption("Color is the MSE for every (w, b) (brighter is lower, log scale); the white dots are the "
                   "parameters after each epoch, the black diamond the least-squares optimum. The valley is long "
                   "and narrow: training races down its steep side, then creeps along the floor.")

        st.subheader("The fit at one epoch")
        model, title = now.scrubbed(run)
        label = title.removeprefix("at ")
        span = np.array([min(data.x.min(), x_query), max(data.x.max(), x_query)])
        curve = pd.DataFrame({"x": span, "y_hat": model.predict(span)})
        show(charts.fit_chart(pd.DataFrame({"x": data.x, "y": data.y}), curve, label))
        st.caption(f"The line {title}: ŷ = {decimals(model.w)}·x + {decimals(model.b)}. "
                   + ("Press Play or drag the slider to watch it swing onto the points: the slope settles first, "
                      "the intercept later." if not playing_view else
                      "The slope settles first, the intercept later."))
    values = starting_values(model)
    player.continue_button(st, values, disabled=max(map(abs, values.values())) > 1e6)


watch()

st.subheader("Every 10 epochs, as the seed notebook prints it")
every_ten = history[history["epoch"] % 10 == 0]
st.code("\n".join(f"Epoch {row.epoch}| Loss: {decimals(row.loss)} | w: {decimals(row.w)} | b: {decimals(row.b)}"
                  for row in every_ten.itertuples()), language=None)

first, second, third = st.columns(3)
downloads.run_downloads(first, second, PAGE, history, functools.partial(
    compute.export_script, (float(w0), float(b0)), 0, None, x, y, lr, epochs, mode, batch_size, float(x_query)))
pins.pin_button(st, f"linear, η = {lr:g}, {epochs} epochs, {mode}",
                {"theta": (float(w0), float(b0)), "width": 0, "activation": None, "x": x, "y": y, "lr": lr,
                 "epochs": epochs, "mode": mode, "batch_size": batch_size})
presenter.link_popover(third, PAGE)
