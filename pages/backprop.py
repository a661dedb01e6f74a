"""Placeholder: Backprop by hand (another helper is building this page)."""

import streamlit as st

st.title("Backprop by hand")
st.info("Coming soon.")
