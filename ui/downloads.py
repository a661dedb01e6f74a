"""The two downloads under a training page: the run's history as CSV and the run as a seed-style script."""

import functools

import engine

from . import compute


def run_downloads(history_column, script_column, page: str, run: engine.Run, x_test: float) -> None:
    """Draw both download buttons. Each file is made when its button is clicked (on a worker thread), not on
    every rerun, and a download does not rerun the page: a class clicking them costs the server little.

    page : "linear" or "network", for the file names.
    """
    history_column.download_button("Download history (CSV)", functools.partial(run.history.to_csv, index=False),
                                   f"{page}_history.csv", "text/csv", key="download_history", on_click="ignore",
                                   help="Every epoch's loss, MSE and parameters, one row an epoch.")
    script_column.download_button("Download script (.py)",  # short enough for a third of the page at 1280 px
                                  functools.partial(compute.export_script, run.spec, float(x_test)), f"{page}_run.py",
                                  "text/x-python", key="download_script", on_click="ignore",
                                  help="This run as a plain Python script in the seed notebook's style: it reproduces "
                                       "every number of the history.")
