"""A chart ready to draw, and the cache of chart shapes.

A chart is two parts: its shape, written with Altair from hashable settings alone (marks, encodings, scales,
tooltips; the data are named) and built once per setting, and its data, Arrow tables under those names (what
Streamlit sends to the browser as they are; builders make them from numpy columns with `ui.arrow.table`). The
few numbers that change with the data (an axis domain) are named Vega-Lite params of the shape, set by name
(`Figure.with_params`), never by a position in the spec.
"""

import functools
import json
from dataclasses import dataclass, field

import pandas as pd
import pyarrow as pa

from ..arrow import as_table


@dataclass(frozen=True)
class Figure:
    """A Vega-Lite spec whose layers name their data, and the data by name (Arrow tables; a DataFrame given is
    converted).

    Every Figure holds its own spec (a fresh dict from `shape`); `with_params` returns a changed copy.
    """

    spec: dict
    data: dict[str, pa.Table]
    codes: dict[str, dict[int, str]] = field(default_factory=dict)  # column -> {number: word} (see `words`)

    def __post_init__(self):
        object.__setattr__(self, "data", {name: as_table(data) for name, data in self.data.items()})

    def with_params(self, **values) -> "Figure":
        """This figure with the named params set to `values`; KeyError for a name the shape does not declare
        (a value that missed its place would change nothing on screen and still be valid Vega-Lite)."""
        params = {param["name"]: param for param in self.spec.get("params", [])}
        missing = set(values) - set(params)
        if missing:
            raise KeyError(f"the chart declares no param {', '.join(sorted(missing))}; it has {sorted(params)}")
        spec = {**self.spec, "params": [{**param, "value": values[param["name"]]} if param["name"] in values
                                        else param for param in self.spec["params"]]}
        return Figure(spec, self.data, self.codes)

    def param(self, name: str):
        """The value of the named param."""
        return next(param["value"] for param in self.spec.get("params", []) if param["name"] == name)

    def words(self, frame: pd.DataFrame) -> pd.DataFrame:
        """`frame` with its coded columns (numbers the browser filters on) spelled out as words, for a reader."""
        return frame.assign(**{column: frame[column].map(words) for column, words in self.codes.items()
                               if column in frame})

    def to_dict(self, validate: bool = False) -> dict:
        """The whole Vega-Lite spec with the data written into it as JSON (what a Vega-Lite editor opens).

        validate : check it against the Vega-Lite JSON schema (raises on a spec Vega-Lite would reject).
        """
        datasets = {name: data.to_pylist() for name, data in self.data.items()}
        spec = {**self.spec, "datasets": datasets}
        if validate:
            from altair.utils.schemapi import validate_jsonschema  # Altair internals: only when validating
            from altair.vegalite.v6.schema.core import load_schema

            schema = load_schema()
            validate_jsonschema(spec, schema, rootschema=schema)
        return spec


def shape(build):
    """Decorate a function that builds a chart's shape with Altair from hashable settings alone (its data are
    `alt.NamedData`): each call, with the settings given positionally, returns that chart's Vega-Lite spec as
    a fresh dict (not the Altair chart its definition returns).

    Building and serializing Altair objects costs far more than anything else a chart does on a rerun, and a
    chart's shape changes only with its settings: it is built once per setting and kept as JSON text.
    """
    text = functools.lru_cache(maxsize=256)(lambda *settings: json.dumps(build(*settings).to_dict(validate=False)))

    @functools.wraps(build)
    def spec(*settings) -> dict:
        return json.loads(text(*settings))

    return spec
