"""Placeholder: The ReLU network (another helper is building this page)."""

import streamlit as st

st.title("The ReLU network")
st.info("Coming soon.")
