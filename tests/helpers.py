"""Shared AppTest helpers: run a page with a query string, and read what it shows."""

from streamlit.testing.v1 import AppTest


def run_page(script, timeout: int = 60, **query) -> AppTest:
    """Run `script` once with `query` as its URL parameters; fail on an exception."""
    at = AppTest.from_file(str(script), default_timeout=timeout)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def prediction(at: AppTest) -> str:
    """The page's "### Prediction at x = ...: ..." line."""
    return next(m.value for m in at.markdown if m.value.startswith("### Prediction"))


def messages(at: AppTest, kind: str) -> str:
    """Every message of one kind ("warning", "error", "info", ...) the page shows, one a line."""
    return "\n".join(element.value for element in getattr(at, kind))
