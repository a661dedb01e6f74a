"""Shared page code: settings bound to the URL, controls, cached engine calls and Altair chart builders.

Importing `ui` also fixes how a fresh server answers a shared link. Streamlit sees the `pages/` folder
next to app.py and, until app.py has called `st.navigation` once in the process, runs a linked page
file on its own (its legacy multipage mode: no navigation, no page config). The first page to import
`ui` in such a run turns that mode off and reruns, so app.py's navigation serves the link.
"""

import streamlit as st
from streamlit.runtime.pages_manager import PagesManager

if PagesManager.uses_pages_directory:
    PagesManager.uses_pages_directory = False
    st.rerun()
