"""AppTest of the navigation (app.py) and the start page's scenarios."""

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

import engine
from ui import settings
from ui.scenarios import SCENARIOS

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
    for scenario in SCENARIOS:
        assert (ROOT / scenario.page).exists()
        assert set(scenario.params) <= set(settings.KEYS), scenario.title
        if "data" in scenario.params:
            assert scenario.params["data"] in engine.KINDS


def test_every_scenario_opens_its_page_without_errors():
    for scenario in SCENARIOS:
        at = AppTest.from_file(str(ROOT / scenario.page), default_timeout=60)
        for key, value in scenario.params.items():
            at.query_params[key] = value
        at.run()
        assert not at.exception, scenario.title
        assert not at.warning or scenario.params.get("lr") == "0.2", [w.value for w in at.warning]


def test_too_large_scenario_diverges_on_the_linear_page():
    at = AppTest.from_file(str(ROOT / "pages" / "linear.py"), default_timeout=30)
    at.query_params["lr"] = "0.2"
    at.run()
    assert any("diverging" in w.value for w in at.warning)


def test_every_url_bound_widget_uses_a_documented_key():
    used = set()
    for path in [*ROOT.glob("pages/*.py"), *ROOT.glob("ui/*.py")]:
        source = path.read_text()
        used |= set(re.findall(r'settings\.(?:number|choice|numbers)\(\s*[^,]+,\s*[^,]+,\s*"(\w+)"', source))
        used |= set(re.findall(r'key="(\w+)"[^()]*?bind=', source))
    assert used and used <= set(settings.KEYS), used - set(settings.KEYS)
