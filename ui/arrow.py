"""Data for the browser as Arrow tables, which Streamlit sends as they are (charts' datasets, st.dataframe).

A DataFrame Streamlit converts through pyarrow's pandas layer, which cost five times as much as building the
table column by column and was a fifth of a page's server time under a class (py-spy over bench/class_load.py).
"""

import numpy as np
import pandas as pd
import pyarrow as pa


def table(**columns) -> pa.Table:
    """Named columns (numpy arrays, sequences or Arrow arrays) as an Arrow table; NaN becomes null, which
    Vega-Lite leaves out (a gap in a line) and a table shows empty."""
    return pa.Table.from_arrays([column if isinstance(column, pa.Array) else pa.array(np.asarray(column),
                                                                                      from_pandas=True)
                                 for column in columns.values()], names=list(columns))


def as_table(data: pa.Table | pd.DataFrame) -> pa.Table:
    """`data` as an Arrow table: a DataFrame's columns (not its index), a table as it is."""
    if isinstance(data, pa.Table):
        return data
    return pa.Table.from_arrays([pa.array(column, from_pandas=True) for _, column in data.items()],
                                names=[str(name) for name in data.columns])
