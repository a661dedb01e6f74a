"""AppTest of the navigation (app.py) and the start page's scenarios."""

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parent.parent


def test_start_page_runs_and_offers_scenarios():
    # the start page's links name other pages, so it runs inside the navigation (it is app.py's default page)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception, at.exception
    titles = [m.value for m in at.markdown if re.match(r"\*\*\d · ", m.value)]
    assert len(titles) == 5


def test_app_navigation_runs():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Backprop Playground"


def test_scenario_links_use_documented_keys_and_valid_values():
    import importlib.util

    import engine

    spec = importlib.util.spec_from_file_location("start_page", ROOT / "pages" / "start.py")
    source = spec.loader.get_source("start_page")
    namespace = {}
    exec(source.split("st.title")[0], namespace)  # the SCENARIOS table, without drawing the page
    keys = {"lr", "epochs", "mode", "batch_size", "w", "b", "v", "c", "hidden", "activation", "init", "seed",
            "data", "n", "noise", "x"}
    for _, _, page, params in namespace["SCENARIOS"]:
        assert (ROOT / page).exists()
        assert set(params) <= keys
        if "data" in params:
            assert params["data"] in engine.KINDS


def test_too_large_scenario_diverges_on_the_linear_page():
    at = AppTest.from_file(str(ROOT / "pages" / "linear.py"), default_timeout=30)
    at.query_params["lr"] = "0.2"
    at.run()
    assert any("diverging" in w.value for w in at.warning)
