"""Placeholder: Experiments (another helper is building this page)."""

import streamlit as st

st.title("Experiments")
st.info("Coming soon.")
