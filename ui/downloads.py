"""The two downloads under a training page: the run's history as CSV and the run as a seed-style script."""

from collections.abc import Callable

import pandas as pd


def run_downloads(history_column, script_column, page: str, history: pd.DataFrame, script: Callable[[], str]) -> None:
    """Draw both download buttons. Each file is made when its button is clicked (on a worker thread), not on
    every rerun, and a download does not rerun the page: a class clicking them costs the server little.

    page : "linear" or "network", for the file names.  script : makes the Python script of this run.
    """
    history_column.download_button("Download the history (CSV)", lambda: history.to_csv(index=False),
                                   f"{page}_history.csv", "text/csv", key="download_history", on_click="ignore")
    script_column.download_button("Download this run as a Python script", script, f"{page}_run.py",
                                  "text/x-python", key="download_script", on_click="ignore")
