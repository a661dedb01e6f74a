"""Backprop by hand: one per-sample update worked out, every chain-rule factor with its numbers substituted."""

import streamlit as st

import engine
from ui import compute, selfcheck, settings, snapshots

# the model to work on; no format_func (URL-bound), so the options are the URL values and the captions explain
SOURCES = ("seed-net", "seed-linear", "network-page", "linear-page")
SOURCE_CAPTIONS = (
    "the seed's net: 2 ReLU units, x = 1..5",
    "the seed's y = w·x + b, x = 1..4",
    "as set on the ReLU network page",
    "as set on the Linear fit page",
)
PAGE_OF = {"linear-page": ("linear", "pages/linear.py", "Linear fit"),
           "network-page": ("network", "pages/network.py", "ReLU network")}
STARTS = ("trained", "initial")
START_CAPTIONS = ("as training has them just before this update", "the starting values (as in a hand calculation)")
STAGES = {
    "forward": ("Forward pass", "From the input x to the prediction ŷ and the squared error L."),
    "backward": ("Backward pass", "The chain rule, one factor at a time: each gradient is the one before it "
                                  "times a local derivative."),
    "update": ("Update", "Every parameter takes a step against its gradient, scaled by the learning rate η."),
}
MAX_EPOCH = 5000
TOLERANCE = 1e-6  # a relative error above this between backprop and finite differences is worth a look


def seed_source(name: str) -> snapshots.Snapshot:
    """The seed notebook's linear model or ReLU net with its data and learning rate."""
    if name == "seed-linear":
        return snapshots.Snapshot(engine.Linear(), engine.make_dataset("line", 4), 0.01, "sgd")
    return snapshots.Snapshot(engine.MLP(), engine.make_dataset("line", 5), 0.01, "sgd")


def source_ui(where, notices) -> snapshots.Snapshot:
    """Pick the model; another page's settings come from the snapshot it saved (or the seed if it has none).

    Messages about the choice go to `notices` (on the page, where they are seen)."""
    name = settings.choice(where, "Model", "step_model", SOURCES, "seed-net", widget="radio",
                           captions=SOURCE_CAPTIONS)
    if name not in PAGE_OF:
        return seed_source(name)
    page, path, title = PAGE_OF[name]
    saved = snapshots.load(page)
    if saved is None:
        fallback = "seed-linear" if page == "linear" else "seed-net"
        notices.info(f"Open the {title} page first: its current settings are used here once it has run in this "
                     f"session. Until then this page shows the seed's model (`{fallback}`).", icon=":material/info:")
        notices.page_link(path, label=f"Open the {title} page", icon=":material/arrow_forward:")
        return seed_source(fallback)
    if saved.mode != "sgd":
        notices.caption(f"The {title} page trains in `{saved.mode}` mode; this page works the per-sample (sgd) "
                        "updates of the seed, one sample at a time.")
    return saved


def _next_sample(points: int) -> None:
    state = st.session_state
    if state["step_sample"] + 1 < points:
        state["step_sample"] += 1
    else:
        state["step_sample"] = 0
        state["step_epoch"] += 1


def _previous_sample(points: int) -> None:
    state = st.session_state
    if state["step_sample"] > 0:
        state["step_sample"] -= 1
    elif state["step_epoch"] > 0:
        state["step_sample"] = points - 1
        state["step_epoch"] -= 1


def position_ui(points: int, trained: bool) -> tuple[int, int]:
    """The epoch and the sample (both from 0), with Previous / Next buttons that step through training."""
    if st.session_state.get("step_sample", 0) > points - 1:  # the data shrank (another model was picked)
        st.session_state["step_sample"] = points - 1
    epoch_column, sample_column, back_column, next_column = st.columns([2, 2, 1.2, 1.2], vertical_alignment="bottom")
    epoch = settings.number(epoch_column, "Epoch (from 0)", "step_epoch", 0, lo=0, hi=MAX_EPOCH, integer=True,
                            disabled=not trained, help="How many whole passes over the data came before.")
    sample = settings.number(sample_column, f"Sample (0 to {points - 1})", "step_sample", 0, lo=0,
                             hi=points - 1, integer=True, help="Which data point this update uses.")
    at_start = sample == 0 and (epoch == 0 or not trained)
    back_column.button("Previous", key="step_previous", icon=":material/skip_previous:", on_click=_previous_sample,
                       args=(points,), disabled=at_start, width="stretch")
    at_end = sample == points - 1 and (epoch == MAX_EPOCH or not trained)
    next_column.button("Next", key="step_next", icon=":material/skip_next:", on_click=_next_sample,
                       args=(points,), disabled=at_end, width="stretch", type="primary")
    return int(epoch), int(sample)


def equations(rows, numbers: bool = True) -> str:
    """Ledger rows as one aligned LaTeX block, the seed notebook's variable name beside each.

    numbers : True for each formula with its numbers substituted and its result (the `latex` column);
        False for the formulas alone (the `symbolic` column), for working them out yourself.
    The block aligns each row on the "=" after its name.
    """
    lines = []
    for row in rows.itertuples():
        text = row.latex if numbers else row.symbolic
        left, _, rest = text.partition(" = ")
        seed_name = row.seed.replace("_", r"\_")
        tag = rf"\quad \textcolor{{gray}}{{\texttt{{{seed_name}}}}}" if seed_name else ""
        lines.append(rf"{left} &= {rest} {tag}" if rest else rf"{left} & {tag}")
    return r"\footnotesize\begin{aligned}" + r" \\[6pt] ".join(lines) + r"\end{aligned}"


def gradient_table(step: dict):
    """Per parameter: its value, backprop's gradient, the finite-difference estimate, their relative error, the
    new value. Only joins the engine's tables (the engine computed every number)."""
    ledger = step["ledger"].set_index("name")
    table = step["check"].rename(columns={"analytic": "gradient", "numeric": "finite difference",
                                          "rel_error": "relative error"})
    names = table["parameter"]
    table.insert(1, "seed", [ledger.at[f"dL/d{name}", "seed"] for name in names])
    table.insert(2, "before", [step["before"][name] for name in names])
    table["after"] = [ledger.at[f"new {name}", "value"] for name in names]
    return table


def answer_sheet_ui(ledger, key: str) -> None:
    """Check yourself: the student's values for any quantity, marked, and the first factor that differs.

    key : the answer sheet's widget key; a new step gets a new key, so a blank sheet."""
    st.markdown("**Your answers**")
    sheet = st.data_editor(
        selfcheck.blank_answers(ledger), hide_index=True, width="stretch", height=280, key=key,
        column_order=("name", "seed", "answer", "what"), disabled=("name", "seed", "what"),
        column_config={"name": st.column_config.TextColumn("quantity", width="small"),
                       "seed": st.column_config.TextColumn("seed", width="small"),
                       "what": st.column_config.TextColumn("what it is", width="medium"),
                       "answer": st.column_config.NumberColumn("your value", format="%.6g", width="small")})
    graded = selfcheck.grade(ledger, sheet)
    answered = graded[graded["verdict"] != ""]
    st.markdown(f"Type a value in any row, in any order. **Tolerance:** a value is right "
                f"{selfcheck.tolerance_text()}.")
    if answered.empty:
        return
    right_ones = answered.loc[answered["verdict"] == "right", "name"].tolist()
    if right_ones:
        st.success("Right: " + ", ".join(right_ones), icon=":material/check_circle:")
    first = selfcheck.first_wrong(ledger, graded)
    if first is not None:
        wrong_ones = answered.loc[answered["verdict"] == "wrong", "name"].tolist()
        seed_note = f" (seed: `{first['seed']}`)" if first["seed"] else ""
        st.error(f"Not right: {', '.join(wrong_ones)}. The first factor of the chain rule that differs is "
                 f"**{first['name']}**{seed_note}, {selfcheck.describe(first['name'])}; later ones may only "
                 "inherit its error. Work it out again from its formula:", icon=":material/error:")
        st.latex(first["symbolic"])


# ---- the page -----------------------------------------------------------------------------------------

st.title("Backprop by hand: one update")
st.caption("Pick a model, an epoch and a sample: every number of that one update is worked out below, "
           "exactly as the seed notebook's training loop computes it. Step through training with **Next**.")
notices = st.container()

with st.sidebar:
    st.header("Model")
    source = source_ui(st.sidebar, notices)
    start = settings.choice(st.sidebar, "Parameters", "step_start", STARTS, "trained", widget="radio",
                            captions=START_CAPTIONS)

data, lr = source.data, source.lr
width = getattr(source.model, "width", 0)
epoch, sample = position_ui(len(data), trained=start == "trained")
settings.show_warnings(notices)

too_much = compute.over_cap(len(data), epoch, width) if start == "trained" else None
if too_much:
    st.error(too_much)
    st.stop()

x, y = tuple(data.x.tolist()), tuple(data.y.tolist())
try:
    step = compute.one_update(tuple(source.model.theta), width, getattr(source.model, "activation", None), x, y,
                              float(lr), epoch, sample, start == "trained")
except ValueError as problem:
    st.error(f"There is no update to show here: {problem}.", icon=":material/error:")
    st.stop()

ledger = step["ledger"]
values = ledger.set_index("name")["value"]
checking = st.toggle("Check yourself: hide the numbers and type my own", key="step_check", value=False,
                     bind=settings.BIND, help="Work out the update by hand, type your values in the answer sheet, "
                                              "and see which factor of the chain rule differs first.")
revealed = not checking or st.toggle("Reveal the worked numbers", key="step_reveal", value=False)
where = "before this update" if start == "trained" else "at the start"
result = f", ŷ = {values['y_hat']:.6g}, loss = {values['loss']:.6g}" if revealed else ""
st.markdown(f"#### Sample {sample} of epoch {epoch}: x = {x[sample]:g}, y = {y[sample]:g}{result}")
st.caption(f"Learning rate η = {lr:g}. The parameters are those {where}; ∂L/∂p is the gradient of this one "
           "sample's squared error L with respect to p.")

left, right = st.columns([1, 1] if checking else [3, 2], gap="medium")  # room for the tables
with left:
    if not revealed:
        st.markdown("**Parameters " + where + "**: " + ", ".join(
            f"{name} = {value:.6g}" for name, value in step["before"].items()))
    for stage, (title, explanation) in STAGES.items():
        st.markdown(f"**{title}**")
        st.caption(explanation)
        st.latex(equations(ledger[ledger["stage"] == stage], numbers=revealed))
with right:
    if checking:
        answer_sheet_ui(ledger, f"step_answers:{st.session_state['step_model']}:{start}:{epoch}:{sample}")
    if revealed:
        st.markdown("**Gradients, checked by finite differences**")
        table = gradient_table(step)
        st.dataframe(
            table, hide_index=True, width="stretch",
            column_order=("parameter", "gradient", "finite difference", "relative error"),
            column_config={
                "parameter": st.column_config.TextColumn("p"),
                "gradient": st.column_config.NumberColumn("∂L/∂p", format="%.6g", help="backprop's gradient"),
                "finite difference": st.column_config.NumberColumn(
                    "finite diff.", format="%.6g", help="(L(p + ε) − L(p − ε)) / 2ε with ε = 1e-6"),
                "relative error": st.column_config.NumberColumn("rel. error", format="%.1e"),
            },
        )
        st.caption("Backprop's gradient beside a numerical estimate: nudge p up and down by ε and see how the loss "
                   "moves. A relative error near 1e-9 means the chain rule on the left is right; "
                   "0 means both are exactly 0 (a unit that did not fire).")
        suspicious = table[table["relative error"] > TOLERANCE]
        if len(suspicious):
            st.warning(f"{', '.join(suspicious['parameter'])}: backprop and finite differences disagree here. "
                       "That happens at a kink of the activation (z exactly 0, where ReLU's slope jumps), "
                       "not in smooth places.", icon=":material/warning:")
        st.markdown("**The update, parameter by parameter**")
        st.dataframe(table, hide_index=True, width="stretch", column_order=("parameter", "before", "after"),
                     column_config={"parameter": st.column_config.TextColumn("p"),
                                    "before": st.column_config.NumberColumn("before", format="%.6g"),
                                    "after": st.column_config.NumberColumn("after: p − η·∂L/∂p", format="%.6g")})
        st.caption("The next sample's update starts from the **after** column: press **Next** to see it.")
