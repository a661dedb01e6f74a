"""User text on screen: shown as its characters, never interpreted.

Everything a user can put in front of other people (a link's values, a CSV file's cells and headers, a typed
table cell) reaches Streamlit's Markdown only through `literal`, which makes it a code span: inside one,
Markdown, LaTeX, HTML, links, images and Streamlit's :color[...] directives are plain characters. A code span
ends at a line break or at a backtick run of its own length, so `literal` writes every line break and other
control or format character as its escape (\\n, \\r, \\u2028, ...) and fences the text with more backticks
than it contains.
"""

import re
import unicodedata

_ESCAPED = {"Cc", "Cf", "Zl", "Zp"}  # control, format (bidi overrides, zero-width), line and paragraph separators


def visible(text: str) -> str:
    """`text` with each control or format character written as its Python escape ('\\n', '\\u202e')."""
    return "".join(
        char.encode("unicode_escape").decode("ascii") if unicodedata.category(char) in _ESCAPED else char
        for char in text
    )


def literal(value, limit: int = 40) -> str:
    """`value` (any object, as str) as a Markdown code span of at most `limit` characters, cut with '…'."""
    text = str(value)
    text = visible(text if len(text) <= limit else text[:limit] + "…")
    if not text.strip(" "):
        return f"({len(text)} spaces)" if text else "(empty)"
    fence = "`" * (max((len(run) for run in re.findall(r"`+", text)), default=0) + 1)
    pad = " " if text[0] in "` " or text[-1] in "` " else ""
    return f"{fence}{pad}{text}{pad}{fence}"
