"""The README's two commands stay true: CI runs the test command verbatim."""

import re

from tests.helpers import ROOT


def readme_commands():
    return re.findall(r"```bash\n(.+?)\n```", (ROOT / "README.md").read_text())


def test_ci_runs_the_readme_test_command():
    app, tests = readme_commands()[:2]
    assert "streamlit run app.py" in app
    assert "pytest" in tests
    assert tests in (ROOT / ".ci" / "run").read_text().splitlines()


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            assert line.startswith("-r ") or "==" in line, f"{name}: pin {line!r}"
