"""The backprop page's sections: which run to work on, where in it, the worked equations and the answer sheet."""

import streamlit as st

import engine

from .. import graph, selfcheck, sentences
from ..arrow import as_table
from ..link import Link

# the model to work on; the options are the URL values themselves and the captions explain them
SOURCES = ("seed-net", "seed-linear", "network-page", "linear-page")
SOURCE_CAPTIONS = ("the seed's net: 2 ReLU units, x = 1..5", "the seed's y = w·x + b, x = 1..4",
                   "as set on the network page", "as set on the Linear fit page")
PAGE_OF = {"linear-page": ("linear", "pages/linear.py", "Linear fit"),
           "network-page": ("network", "pages/network.py", "Network")}
MAX_EPOCH = 5000
NUMBERS = {"parameter": st.column_config.TextColumn("p"),
           "gradient": st.column_config.NumberColumn("∂L/∂p", format="%.6g", help="backprop's gradient"),
           "finite difference": st.column_config.NumberColumn("finite diff.", format="%.6g"),
           "tolerance": st.column_config.NumberColumn("tolerance", format="%.1e",
                                                      help="what rounding and the step can make them differ by"),
           "agree": st.column_config.CheckboxColumn("agree", width=48)}
UPDATE = {"parameter": st.column_config.TextColumn("p"),
          "before": st.column_config.NumberColumn("before", format="%.6g"),
          "after": st.column_config.NumberColumn("after this update", format="%.6g")}


def seed_spec(name: str) -> engine.RunSpec:
    """The seed notebook's linear model or ReLU net with its data and learning rate."""
    if name == "seed-linear":
        return engine.RunSpec(engine.Linear(), engine.make_dataset("line", 4), 0.01, 1)
    return engine.RunSpec(engine.MLP(), engine.make_dataset("line", 5), 0.01, 1)


def source(link: Link, where, notices) -> engine.RunSpec:
    """Pick the run; another page's comes from the spec it left in this session (or the seed's if it has none).

    Messages about the choice go to `notices` (on the page, where they are seen)."""
    name = link.choice(where, "Model", "step_model", SOURCES, "seed-net", widget="radio", captions=SOURCE_CAPTIONS)
    if name not in PAGE_OF:
        return seed_spec(name)
    page, path, title = PAGE_OF[name]
    saved = st.session_state.get(f"spec:{page}")
    if saved is None:
        fallback = "seed-linear" if page == "linear" else "seed-net"
        notices.info(f"The {title} page has no run in this session (not opened yet, or its settings cannot train "
                     f"together): once it has one, its settings are used here. Until then this page shows the seed's "
                     f"model (`{fallback}`).", icon=":material/info:")
        notices.page_link(path, label=f"Open the {title} page", icon=":material/arrow_forward:")
        return seed_spec(fallback)
    if saved.mode != "sgd":
        notices.caption(f"The {title} page trains in `{saved.mode}` mode; this page works the per-sample (sgd) updates "
                        "of the seed, one sample at a time.")
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


def position(link: Link, points: int, trained: bool) -> tuple[int, int]:
    """The epoch and the sample (both from 0), with Previous / Next buttons that step through training."""
    epoch_column, sample_column, back_column, next_column = st.columns([2, 2, 1.2, 1.2], vertical_alignment="bottom")
    epoch = link.number(epoch_column, "Epoch (from 0)", "step_epoch", 0, lo=0, hi=MAX_EPOCH, whole=True,
                        disabled=not trained, help="How many whole passes over the data came before.")
    sample = link.number(sample_column, f"Sample (0 to {points - 1})", "step_sample", 0, lo=0, hi=points - 1,
                         whole=True, why=f"the data has {points} point{'s' if points != 1 else ''}",
                         help="Which data point this update uses.")
    at_start = sample == 0 and (epoch == 0 or not trained)
    back_column.button("Previous", key="step_previous", icon=":material/skip_previous:", on_click=_previous_sample,
                       args=(points,), disabled=at_start, width="stretch")
    at_end = sample == points - 1 and (epoch == MAX_EPOCH or not trained)
    next_column.button("Next", key="step_next", icon=":material/skip_next:", on_click=_next_sample, args=(points,),
                       disabled=at_end, width="stretch", type="primary")
    return int(epoch), int(sample)


def equations(rows, numbers: bool = True) -> str:
    """Ledger rows as one aligned LaTeX block, the seed notebook's variable name beside each.

    numbers : True for each formula with its numbers substituted and its result (the `latex` column); False for
        the formulas alone (the `symbolic` column), for working them out yourself.
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
    """Per parameter: its value, backprop's gradient, the finite-difference estimate, their relative error, the new
    value. Only joins the engine's tables (the engine computed every number)."""
    ledger = step["ledger"].set_index("name")
    table = step["check"].rename(columns={"analytic": "gradient", "numeric": "finite difference",
                                          "rel_error": "relative error"})
    names = table["parameter"]
    table.insert(1, "seed", [ledger.at[f"dL/d{name}", "seed"] for name in names])
    table.insert(2, "before", [step["before"][name] for name in names])
    table["after"] = [ledger.at[f"new {name}", "value"] for name in names]
    return table


def answer_sheet(ledger, key: str) -> None:
    """Check yourself: the student's values for any quantity, marked, and the first factor that differs.

    key : the answer sheet's widget key; a new step gets a new key, so a blank sheet. Answers are typed as text
    in plain decimal notation (ui.numerals), so 2.5e-3 means 0.0025 exactly."""
    st.markdown("**Your answers**")
    sheet = st.data_editor(
        selfcheck.blank_answers(ledger), hide_index=True, width="stretch", height=280, key=key,
        column_order=("name", "answer", "what", "seed"), disabled=("name", "seed", "what"),  # what to type first:
        column_config={"name": st.column_config.TextColumn("quantity", width="small"),  # a narrow column scrolls
                       "seed": st.column_config.TextColumn("seed", width="small"),
                       "what": st.column_config.TextColumn("what it is", width="medium"),
                       "answer": st.column_config.TextColumn("your value", width="medium")})
    graded = selfcheck.grade(ledger, sheet)
    st.markdown(f"Type a value in any row, in any order. **Tolerance:** a value is right {selfcheck.tolerance_text()}.")
    unreadable = graded[graded["verdict"] == "unreadable"]
    if len(unreadable):
        st.warning("Not a number: " + ", ".join(unreadable["name"]) + ". Type digits, a decimal point, and e for a "
                   "power of ten (like 2.5e-3).", icon=":material/error:")
    answered = graded[graded["verdict"].isin(["right", "wrong"])]
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
                 f"**{first['name']}**{seed_note}, {selfcheck.quantity_in_words(first['name'])}; later ones may only "
                 "inherit its error. Work it out again from its formula:", icon=":material/error:")
        st.latex(first["symbolic"])


def checked_gradients(step: dict, activation: str | None) -> None:
    """Backprop's gradients beside finite differences, then the update parameter by parameter."""
    st.markdown("**Gradients, checked by finite differences**")
    table = gradient_table(step)
    st.dataframe(as_table(table), hide_index=True, width="stretch",
                 column_order=("parameter", "agree", "gradient", "finite difference", "tolerance"),  # the verdict
                 # first: a narrow column scrolls sideways, and what it cuts should be the detail
                 column_config=NUMBERS)
    st.caption(sentences.gradient_check_caption(step["check"]))
    mismatch = sentences.gradient_mismatch(step["check"], activation)
    if mismatch:
        st.warning(mismatch, icon=":material/warning:")
    st.markdown("**The update, parameter by parameter**")
    st.dataframe(as_table(table), hide_index=True, width="stretch", column_order=("parameter", "before", "after"),
                 column_config=UPDATE)
    st.caption("The next sample's update starts from the **after** column: press **Next** to see it.")


def follow_control(link: Link, model) -> int | None:
    """For a net with hidden layers wider than graph.NARROW units: which unit the equations and the graph follow
    through each of them (URL key step_unit); None when every layer is narrow."""
    units = graph.followable(model)
    if not units:
        return None
    chosen = link.choice(st, "Follow unit", "step_unit", tuple(units), units[0], widget="segmented_control",
                         help=f"Layers of more than {graph.NARROW} units show this unit's equations (and it alone, in "
                              "the graph, beside its layer); the gradient table below checks every parameter.")
    return chosen or units[0]


def shown_rows(ledger, model, follow: int | None):
    """The ledger rows the page writes out: all of them, except that a layer wider than graph.NARROW units shows
    only the followed unit's rows (its last unit, in a layer narrower than the number followed: every layer keeps
    one; the prediction, error, loss and output layer always show)."""
    if follow is None or "layer" not in ledger:
        return ledger
    widths = dict(enumerate(graph.as_network(model).widths, 1))
    keep = [widths.get(k, 0) <= graph.NARROW or j == min(follow, widths[k])
            for k, j in zip(ledger["layer"], ledger["unit"])]
    return ledger[keep]


def computation_graph(model, x: float, y: float, follow: int | None) -> None:
    """The update's computation graph in an expander, built only while it is open."""
    with st.expander("The computation graph of this update", key="step_graph", on_change="rerun",
                     icon=":material/account_tree:") as box:
        if not box.open:
            return
        st.graphviz_chart(graph.dot(model, x, y, follow), width="stretch")
        mapping = (" The one-hidden-layer net's names here: w1_j_1 is w_j, b1_j is b_j, w2_1_j is v_j, b2_1 is c."
                   if isinstance(model, engine.MLP) else "")
        st.caption("Blue: values; orange: parameters; red: the loss. Each node shows its value in the forward pass and "
                   "∂L/∂(this), the gradient backprop gives it; each edge, the local derivative backprop multiplies "
                   "by along it, from the loss back to the parameters." + mapping
                   + (f" Layers of more than {graph.NARROW} units are one node each (their vectors written out), with "
                      f"unit {follow} drawn apart beside it{_shorter(model, follow)}." if follow else ""))


def _shorter(model, follow: int) -> str:
    """The wide layers with fewer units than the one followed, whose last unit the graph draws instead."""
    widths = getattr(model, "widths", (model.width,))
    short = [f"layer {k}'s unit {width}" for k, width in enumerate(widths, 1) if graph.NARROW < width < follow]
    return f" ({', '.join(short)}, the last it has, where it has fewer)" if short else ""
