"""The one workaround for Streamlit behaviour that no public API covers. Nothing else imports Streamlit internals.

A fresh server answering a deep link: Streamlit sees the `pages/` folder next to app.py and, until app.py has
called `st.navigation` once in the process, runs a linked page file on its own (its legacy multipage mode: no
navigation, no page config). The first page to import `ui` in such a run (ui/__init__.py imports this module)
turns that mode off and reruns, so app.py's navigation serves the link. The design card keeps the top-level
`pages/` folder, so renaming it is not the fix.

Still needed? tests/test_compat.py starts a fresh server without this module's effect and opens /linear:
if the navigation shows anyway, Streamlit fixed it and this module can go. The test also fails loudly when
PagesManager.uses_pages_directory moves (then this module silently does nothing).
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

DISABLED_ENV = "BACKPROP_PLAYGROUND_NO_COMPAT"  # tests set it to see whether Streamlit still needs this


def leave_legacy_pages_mode() -> None:
    """If Streamlit runs a page file in its legacy pages-directory mode, switch the mode off and rerun."""
    import os

    if os.environ.get(DISABLED_ENV) or not PagesManager.uses_pages_directory:
        return
    PagesManager.uses_pages_directory = False
    st.rerun()
