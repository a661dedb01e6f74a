"""Numbers as a user writes them: plain ASCII decimal notation, read exactly by float().

Python's float() also takes underscores (1_6 is 16), other scripts' digits (٣ and ３ are 3), "inf", "nan" and
surrounding newlines; a user who typed those did not mean a number, so every number read from a link, a typed
list, a self-check answer, a table cell or a CSV cell goes through `plain_number` and is refused instead of
silently read. (Table, CSV and answer cells are trimmed of surrounding whitespace first: a cell's edges are not
part of what was typed; a link's or a list's newlines are refused.)
"""

import math
import re

DECIMAL = re.compile(r"[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?")


def plain_number(text: str) -> float:
    """The finite number `text` writes in decimal notation (spaces and tabs around it allowed); ValueError else."""
    cleaned = str(text).strip(" \t")
    if not DECIMAL.fullmatch(cleaned):
        raise ValueError(f"{text!r} is not a number in decimal notation")
    value = float(cleaned)
    if not math.isfinite(value):
        raise ValueError(f"{text!r} is too large for a finite number")
    return value
