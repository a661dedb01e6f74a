"""Backprop Playground behind HAProxy: N Streamlit replicas on one machine (see deploy/README.md).

`deploy/run` is the command; `deploy.cluster.Deployment` the same thing as a Python API.
"""
