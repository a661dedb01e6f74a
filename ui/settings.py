"""The one place that reads and writes shareable settings: widgets bound to the URL's query parameters.

Every setting of a page is a widget created with ``bind="query-params"``, so its key is the URL key and
copying the address reproduces the view. Streamlit silently drops a link value it cannot use; these
helpers first check the raw value and say, in a visible warning, what was wrong and which default is used.

The documented keys are in KEYS (shared names; each page's URL holds its own); README.md lists them too.
"""

import contextlib
import math

import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

BIND = "query-params"
KEYS = {  # every URL key a page uses, and what it sets: stable, documented names
    "lr": "learning rate", "epochs": "number of epochs", "mode": "update mode: sgd, minibatch or batch",
    "batch_size": "samples per update in minibatch mode", "data": "data: a generated kind, table or csv",
    "n": "number of generated points", "noise": "standard deviation of the noise on y",
    "seed": "seed of the generated data", "w": "initial w (network page: comma-separated, one per unit)",
    "b": "initial b (network page: comma-separated)", "v": "initial output weights, comma-separated",
    "c": "initial output bias", "hidden": "number of hidden units", "activation": "hidden activation",
    "init": "initialization: seed (the typed values) or a scheme", "init_seed": "seed of a random initialization",
    "x": "where to predict", "numbers": "a table of numbers under every chart",
    "epoch": "the epoch the fit chart shows", "log": "log scale for the loss",
    "step_model": "backprop page: which model", "step_start": "backprop page: trained or initial parameters",
    "step_epoch": "backprop page: epoch of the update", "step_sample": "backprop page: sample of the update",
    "step_check": "backprop page: check-yourself mode", "experiment": "experiments page: the open tab",
    "model": "experiments page: model of the lr sweep", "lr_min": "smallest lr of the sweep",
    "lr_max": "largest lr of the sweep", "rates": "number of rates in the sweep",
    "seeds": "number of seeds in the initialization sweep", "pins_log": "log scale for pinned runs",
    "present": "presenter view: 1 for larger type, taller charts, only the `show` controls",
    "show": "presenter view: comma-separated URL keys of the controls shown", "quiz": "predict-then-reveal question",
    "lesson": "start page: the guided lesson's step (from 1)",
}
_WARNINGS = "link_warnings"  # session_state: the current run's warnings about malformed link values


def _warn(key: str, raw: str, allowed: str, default) -> None:
    st.session_state.setdefault(_WARNINGS, {})[key] = (
        f"`{key}={_quote(raw)}` in the link is not {allowed}; using {_show(default)}."
    )


def _quote(raw: str) -> str:
    """The link's value as shown inside a Markdown code span: at most 40 characters, no backticks."""
    shown = raw.replace("`", "'")
    return shown if len(shown) <= 40 else shown[:40] + "…"


def _show(value) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)


def _raw(key: str) -> str | None:
    """The link's value for `key` before its widget exists (None when absent or already in use)."""
    if key in st.session_state:
        return None  # the widget owns the value now; the link was checked on first load
    return st.query_params.get(key)


def _describe(lo, hi, integer: bool) -> str:
    kind = "a whole number" if integer else "a number"
    if lo is not None and hi is not None:
        return f"{kind} from {_show(lo)} to {_show(hi)}"
    if lo is not None:
        return "a positive number" if lo > 0 and not integer else f"{kind} of at least {_show(lo)}"
    return kind


def number(where, label: str, key: str, default, lo=None, hi=None, integer: bool = False, **kwargs):
    """A number input bound to the URL key `key`; a malformed link value warns and falls back to `default`."""
    reset = f"reset_to_default:{key}"
    if st.session_state.pop(reset, False):
        st.session_state[key] = default
    raw = _raw(key)
    warned = False
    if raw is not None:
        try:
            value = int(raw) if integer else float(raw)
            if not math.isfinite(value) or (lo is not None and value < lo) or (hi is not None and value > hi):
                raise ValueError
        except (ValueError, OverflowError):
            _warn(key, raw, _describe(lo, hi, integer), default)
            _forget_link_value(key)
            warned = True
    step = kwargs.pop("step", 1 if integer else None)
    value = where.number_input(
        label, min_value=lo, max_value=hi, value=default, step=step, key=key, bind=BIND,
        format=None if integer else kwargs.pop("format", "%g"), **kwargs,
    )
    if warned and value != default:
        # Streamlit kept what it could parse of the bad value (epochs=2.5 becomes 2): rerun from the default,
        # as the warning says (the warning waits in session_state for show_warnings)
        st.session_state[reset] = True
        st.rerun()
    return value


def _forget_link_value(key: str) -> None:
    """Keep Streamlit from seeding the widget with a rejected link value.

    Streamlit 1.67 crashes with OverflowError when it seeds a whole-number input from `inf` or `1e400`
    (int(float("inf"))), and reads `epochs=2.5` as 2. Its public API cannot delete a bound parameter, so this
    drops the value from the link snapshot Streamlit seeds widgets from (an internal; if it moves, the rerun
    in `number` still restores the default, and tests/test_hostile_input.py fails on the crash)."""
    ctx = get_script_run_ctx()
    if ctx is None:
        return
    with contextlib.suppress(AttributeError), ctx.session_state.query_params() as query:
        query._initial_query_params.pop(key, None)
        query.remove_param(key)


def choice(where, label: str, key: str, options, default, widget: str = "selectbox", **kwargs):
    """A selectbox (or radio / segmented_control) bound to `key`; an unknown link value warns and uses `default`."""
    raw = _raw(key)
    if raw is not None and raw not in [str(option) for option in options]:
        _warn(key, raw, "one of " + ", ".join(map(str, options)), default)
    make = getattr(where, widget)
    return make(label, options, index=list(options).index(default), key=key, bind=BIND, **kwargs)


def numbers(where, label: str, key: str, default: tuple[float, ...], **kwargs) -> tuple[float, ...]:
    """A comma-separated list of numbers bound to `key` (the network page's w, b, v)."""
    text_default = ",".join(_show(float(v)) for v in default)
    raw = _raw(key)
    if raw is not None and parse_numbers(raw) is None:
        _warn(key, raw, "a comma-separated list of numbers", text_default)
    text = where.text_input(label, value=text_default, key=key, bind=BIND, **kwargs)
    parsed = parse_numbers(text)
    last_key = f"last_valid_numbers:{key}"
    if parsed is None:
        last = st.session_state.get(last_key, tuple(default))
        if raw is None:
            shown = ",".join(_show(float(v)) for v in last)
            where.error(f"**{key}** must be numbers separated by commas, like {text_default} (each finite, "
                        f"at least one); using the last valid value {shown}.")
        return last
    st.session_state[last_key] = parsed
    return parsed


def parse_numbers(text: str) -> tuple[float, ...] | None:
    """Parse "0.1, -0.1" into (0.1, -0.1); None when any entry is not a finite number or the list is empty."""
    try:
        values = tuple(float(part) for part in text.split(","))
    except ValueError:
        return None
    return values if values and all(map(math.isfinite, values)) else None


def show_warnings(where) -> None:
    """Show this run's warnings about malformed link values (call after every setting widget is made)."""
    for message in st.session_state.pop(_WARNINGS, {}).values():
        where.warning(message, icon=":material/link:")
