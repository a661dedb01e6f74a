"""Points from a user: an uploaded CSV file or a typed table, read as the user meant or refused with a message.

Pure Python (no Streamlit). Every error is a ValueError whose message says what is wrong and where (the row,
the column, the cell as typed, shown through ui.text.literal), so a page can show it as is. Numbers are read
by Python's float() from the text as written (plain decimal notation only: ui.numerals), so 2.5e-3, 1e200 and
17-digit values keep their exact value.
"""

import codecs
import csv
import io
import math

import engine

from .numerals import plain_number
from .text import literal

MAX_POINTS = 1000  # the most points a file or table may hold (generated data has the same cap)
BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
        (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


def read_number(text, where: str) -> float:
    """The finite number written in `text` (surrounding spaces allowed); ValueError naming `where` otherwise."""
    try:
        return plain_number(str(text).strip())
    except ValueError:
        raise ValueError(f"{where} = {literal(text)}, which is not a finite number") from None


def decode(raw: bytes) -> str:
    """The text of an uploaded file: UTF-8 (with or without Excel's byte order mark), or UTF-16/32 with one."""
    if not raw.strip():
        raise ValueError("the file is empty: it needs a header row x,y and at least one row of numbers")
    encoding = next((name for mark, name in BOMS if raw.startswith(mark)), None)
    if encoding is None and b"\x00" in raw[:4096]:
        if all(byte == 0 for byte in raw[1:64:2]) or all(byte == 0 for byte in raw[0:64:2]):
            raise ValueError("the file looks like UTF-16 text without a byte order mark: save it as CSV UTF-8 "
                             "with a header row x,y")
        raise ValueError("the file is binary (a picture, a spreadsheet or an archive?), not a CSV text file: "
                         "save it as CSV with a header row x,y")
    try:
        return raw.decode(encoding or "utf-8")
    except UnicodeDecodeError as problem:
        raise ValueError(f"the file is not {encoding or 'UTF-8'} text (byte {raw[problem.start]:#04x} at position "
                         f"{problem.start:,} cannot be read): save it as CSV UTF-8 with a header row x,y") from None


def dataset_from_csv(raw: bytes) -> engine.Dataset:
    """Read an uploaded CSV (a header row naming columns x and y, then one row per point) into a Dataset.

    Blank rows are skipped; every other row must have one field per header column. Raises ValueError saying
    what is wrong: an empty or binary file, text that is not UTF-8 (or UTF-16/32 with a byte order mark),
    quoting that never closes, a header without x or y, a row with more or fewer fields than the header, a
    cell that is not a finite number, more than MAX_POINTS rows.
    """
    text = decode(raw)
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), strict=True, skipinitialspace=True))
    except csv.Error as problem:
        raise ValueError(f"the file is not a readable CSV ({str(problem)[:120]})") from None
    rows = [(number, row) for number, row in enumerate(rows, 1) if any(cell.strip() for cell in row)]
    if not rows:
        raise ValueError("the file is empty: it needs a header row x,y and at least one row of numbers")
    (_, header), body = rows[0], rows[1:]
    names = [name.strip() for name in header]
    if {"x", "y"} - set(names) and ";" in ",".join(header):
        raise ValueError("the columns are separated by semicolons: the playground reads commas (x,y)")
    check_columns(names)
    if len(body) > MAX_POINTS:
        raise ValueError(f"the file has {len(body):,} rows of points; the playground takes at most {MAX_POINTS:,}")
    x_at, y_at = names.index("x"), names.index("y")
    xs, ys = [], []
    for point, (line, row) in enumerate(body, 1):
        if len(row) != len(names):
            raise ValueError(f"row {point} (line {line}) has {len(row)} fields but the header has {len(names)} "
                             f"({', '.join(literal(name, 20) for name in names[:6])}): each row needs one value "
                             "per column")
        xs.append(read_number(row[x_at], f"row {point} has x"))
        ys.append(read_number(row[y_at], f"row {point} has y"))
    return engine.Dataset(x=xs, y=ys)


def check_columns(names: list[str]) -> None:
    """ValueError unless the header names x and y exactly once each."""
    missing = [name for name in ("x", "y") if name not in names]
    if missing:
        found = ", ".join(literal(name, 20) for name in names[:10]) or "none"
        raise ValueError(f"the table needs columns x and y; missing {', '.join(missing)} (found {found})")
    twice = [name for name in ("x", "y") if names.count(name) > 1]
    if twice:
        raise ValueError(f"the header names {' and '.join(twice)} more than once: which column is meant?")


def dataset_from_table(rows) -> tuple[engine.Dataset, list[str]]:
    """The points of a typed table: rows of (x text, y text), blank rows skipped.

    Returns the Dataset and what was read where the number differs in writing from what was typed (such as
    "row 1: x typed 2.5e-3 is read as 0.0025"), so the page can say exactly which numbers it uses.
    """
    xs, ys, notes = [], [], []
    filled = [(number, row) for number, row in enumerate(rows, 1) if any(_text(cell) for cell in row)]
    if len(filled) > MAX_POINTS:
        raise ValueError(f"the table has {len(filled):,} rows; the playground takes at most {MAX_POINTS:,}")
    for number, (x_text, y_text) in filled:
        for name, text, values in (("x", x_text, xs), ("y", y_text, ys)):
            value = read_number(_text(text), f"row {number} has {name}")
            values.append(value)
            if _text(text) != repr(value) and _text(text) != f"{value:g}":
                notes.append(f"row {number}: {name} typed {literal(_text(text), 30)} is read as {value!r}")
    return engine.Dataset(x=xs, y=ys), notes


def _text(cell) -> str:
    return "" if cell is None or (isinstance(cell, float) and math.isnan(cell)) else str(cell).strip()
