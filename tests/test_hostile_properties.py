"""Properties over random settings (hypothesis, AppTest): no page raises whatever its link, the order of pages
visited or the values left behind, and the address always reproduces the view.

Settings are drawn from each field's whole range, its ends included; random links also mix in values a page
cannot use. Each example runs real pages, so the counts are modest (PROPERTY_EXAMPLES raises them).
"""

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import engine
from tests.helpers import APP, open_page, rerun
from ui.limits import LR_MAX, LR_MIN
from ui.link import KEYS
from ui.quiz import QUIZZES
from ui.sections.race import RACERS

EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "12"))
SLOW = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def number(lo: float, hi: float) -> st.SearchStrategy:
    """A float in [lo, hi] as a link writes it, the ends and log-spread values favoured."""
    return st.one_of(st.sampled_from([lo, hi]), st.floats(lo, hi, allow_nan=False)).map(repr)


def whole(lo: int, hi: int) -> st.SearchStrategy:
    return st.one_of(st.sampled_from([lo, hi]), st.integers(lo, hi)).map(str)


def rate() -> st.SearchStrategy:
    return st.one_of(st.sampled_from([LR_MIN, LR_MAX, 0.01]), st.floats(-6, 9).map(lambda e: 10**e)).map(repr)


def numbers_list(most: int = 17) -> st.SearchStrategy:
    return st.lists(st.floats(-10, 10, allow_nan=False), min_size=1, max_size=most).map(
        lambda values: ",".join(map(repr, values)))


TRAINING = {"data": st.sampled_from(engine.KINDS), "n": whole(1, 1000), "noise": number(0.0, 100.0),
            "seed": whole(0, 2**31 - 1), "lr": rate(), "epochs": whole(1, 5000),
            "mode": st.sampled_from(engine.MODES), "batch_size": whole(1, 1000), "x": number(-1e6, 1e6),
            "log": st.sampled_from(["true", "false"]), "epoch": whole(0, 5000), "numbers": st.sampled_from(["true"]),
            "optimizer": st.sampled_from(tuple(engine.OPTIMIZERS)), "momentum": number(0.0, 0.999),
            "nesterov": st.sampled_from(["true", "false"]), "alpha": number(0.0, 0.9999), "beta1": number(0.0, 0.9999),
            "beta2": number(0.0, 0.99999), "eps": number(1e-12, 1.0), "weight_decay": number(0.0, 10.0),
            "l1": number(0.0, 10.0), "schedule": st.sampled_from(tuple(engine.SCHEDULES)), "step_size": whole(1, 5000),
            "gamma": number(1e-6, 10.0), "t_max": whole(1, 5000), "lr_floor": number(0.0, 1e9),
            "test_share": whole(0, 50), "test_seed": whole(0, 2**31 - 1)}
NET = {"hidden": whole(1, 16), "activation": st.sampled_from(tuple(engine.ACTIVATIONS)),
       "layers": st.lists(st.integers(0, 17), min_size=1, max_size=5).map(lambda widths: ",".join(map(str, widths))),
       "init": st.sampled_from(("seed", "typed", *engine.SCHEMES)), "init_seed": whole(0, 2**31 - 1),
       "w": numbers_list(), "b": numbers_list(), "v": numbers_list(), "c": number(-1e6, 1e6),
       **{f"{kind}{k}": numbers_list() for kind in "wb" for k in range(1, 6)},
       "layer": st.sampled_from(["layer 1", "layer 2", "layer 9"]),
       "panel": st.sampled_from(["The units", "Every parameter over epochs", "Gradient flow", "nope"])}
PAGES = {
    "linear": {**TRAINING, "w": number(-1e6, 1e6), "b": number(-1e6, 1e6)},
    "network": {**TRAINING, **NET},
    "backprop": {"step_model": st.sampled_from(("seed-net", "seed-linear", "network-page", "linear-page")),
                 "step_start": st.sampled_from(("trained", "initial")), "step_epoch": whole(0, 5000),
                 "step_sample": whole(0, 4), "step_check": st.sampled_from(["true", "false"]),
                 "step_unit": whole(0, 9), **TRAINING, **NET},
    "experiments": {**TRAINING, **NET, "experiment": st.sampled_from(
        ("Learning-rate sweep", "Optimizer race", "Held-out data", "Initialization sweep", "Pinned runs")),
        "model": st.sampled_from(("seed_net", "seed_linear", "net")), "lr_min": rate(), "lr_max": rate(),
        "rates": whole(2, 1000), "seeds": whole(1, 200), "pins_log": st.sampled_from(["true", "false"]),
        "compare_decay": number(0.0, 10.0), "held_log": st.sampled_from(["true", "false"]),
        "racers": st.lists(st.sampled_from(sorted(RACERS)), max_size=5, unique=True).map(",".join)},
    "start": {"lesson": whole(1, 5)},
}
ANY_PAGE = {"present": st.sampled_from(["1", "0"]), "show": st.sampled_from(["lr,epochs", "lr", "nope,mode"]),
            "quiz": st.sampled_from([*QUIZZES, "nope"])}
JUNK = st.sampled_from(["", "abc", "nan", "-inf", "1e400", "1,2,3", "\n\n# x", "`**y**`<b>"])


def test_every_documented_key_is_drawn_by_some_page():
    drawn = set(ANY_PAGE).union(*PAGES.values())
    assert set(KEYS) <= drawn, f"keys no property draws: {sorted(set(KEYS) - drawn)}"


def link(page: str, junk: bool = False) -> st.SearchStrategy:
    """A random subset of the page's settings, valid values (or, with junk, some replaced by bad ones)."""
    fields = {**PAGES[page], **ANY_PAGE}
    values = st.fixed_dictionaries({}, optional={key: (st.one_of(strategy, JUNK) if junk else strategy)
                                                 for key, strategy in fields.items()})
    return values


@SLOW
@given(page=st.sampled_from(sorted(PAGES)), data=st.data())
def test_any_valid_link_opens_every_page(page, data):
    query = data.draw(link(page))
    at = open_page(page, **query)
    assert not any("Traceback" in error.value for error in at.error)


@SLOW
@given(page=st.sampled_from(sorted(PAGES)), data=st.data())
def test_any_link_with_bad_values_opens_every_page_with_warnings(page, data):
    query = data.draw(link(page, junk=True))
    at = open_page(page, **query)
    for warning in at.warning:
        assert "\n" not in warning.value  # a link's text never becomes Markdown structure


@SLOW
@given(visits=st.lists(st.tuples(st.sampled_from(["linear", "network", "backprop", "experiments", "start"]),
                                 st.booleans()), min_size=2, max_size=5), data=st.data())
def test_any_order_of_pages_with_any_links_never_raises(visits, data):
    from streamlit.testing.v1 import AppTest

    at = rerun(AppTest.from_file(str(APP), default_timeout=60))
    for page, with_link in visits:
        at.switch_page(f"pages/{page}.py")
        at.query_params.clear()
        rerun(at, **(data.draw(link(page, junk=True)) if with_link else {}))


EDITS = {"lr": st.floats(1e-4, 1.0), "epochs": st.integers(1, 300), "n": st.integers(1, 30), "x": st.floats(-20, 20),
         "mode": st.sampled_from(engine.MODES)}


@SLOW
@given(page=st.sampled_from(["linear", "network"]), data=st.data())
def test_a_fresh_session_on_the_address_shows_the_same_view(page, data):
    start = {key: value for key, value in data.draw(link(page)).items() if key not in ("numbers",)}
    at = open_page(page, **start)
    for key in data.draw(st.lists(st.sampled_from(sorted(EDITS)), max_size=3, unique=True)):
        value = data.draw(EDITS[key])
        widgets = at.radio if key == "mode" else at.number_input
        if not any(widget.key == key for widget in widgets):  # a page that stopped early (over the cap) has no x
            continue
        widget = widgets(key=key)
        if key != "mode":
            value = min(max(value, widget.min), widget.max)
        widget.set_value(value).run()
        assert not at.exception, at.exception
    address = dict(at.query_params)
    assert set(address) <= set(KEYS)
    fresh = open_page(page, **address)
    assert _view(fresh) == _view(at)


def _view(at) -> tuple:
    """What a view shows that the address must reproduce: its headline (the prediction, or what stands in for it),
    its errors, and the printed table of the run."""
    return (tuple(m.value for m in at.markdown if m.value.startswith("### ")), tuple(e.value for e in at.error),
            tuple(code.value for code in at.code))
