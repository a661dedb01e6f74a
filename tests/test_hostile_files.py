"""Hostile files and tables: a CSV or a typed table is read as the user meant, or refused with a message saying
what is wrong and where (tests/HOSTILE_INPUT.md lists every case). The readers are pure (ui/datafile.py)."""

import struct
import zlib

import pytest

import engine
from ui.datafile import MAX_POINTS, dataset_from_csv


def png_bytes() -> bytes:
    """A real 1x1 PNG: what a student uploads when they pick the wrong file."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def test_a_good_csv_is_read():
    data = dataset_from_csv(b"x,y\n1,2\n2,4.5\n3,-1e3\n")
    assert data == engine.Dataset(x=[1, 2, 3], y=[2, 4.5, -1000])


@pytest.mark.parametrize(
    ("raw", "points"),
    [
        (b"\xef\xbb\xbfx,y\n1,2\n2,4\n", 2),  # Excel's "CSV UTF-8" starts with a byte order mark
        (b"x, y\r\n1, 2\r\n2, 4\r\n", 2),  # Windows line ends, spaces after commas
        (b"y,x,label\n2,1,a\n4,2,b\n", 2),  # other column order, an extra column
        (b"x,y\n1,2\n\n2,4\n,\n", 2),  # blank lines and an empty row are skipped
        (b"x,y\n1,2\n", 1),  # one row: one point (the page says so)
        (b"x,y\n1,2\n1,3\n2,4\n", 3),  # duplicate x: least squares still has one answer
        (b"x,y\n1e300,1\n2,-1e300\n", 2),  # huge but finite: training diverges, a result to show
        (b"x,y\n1e-300,5e-324\n", 1),  # tiny numbers, a subnormal
        ("x,y\n1,2\n2,4\n".encode("utf-16"), 2),  # UTF-16 with its byte order mark (Excel's "Unicode text")
        ("x,y\n1,2\n".encode("utf-32"), 1),
        (b"x,y\r\r1,2\r\r3,4\r", 2),  # old Mac line ends, blank lines between
        (b"x,y\n1e150,1\n2e150,2\n", 2),  # x near 1e150: the page says no rate is stable (a result, not a crash)
    ],
)
def test_csv_shapes_that_are_fine(raw, points):
    assert len(dataset_from_csv(raw)) == points


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"", "the file is empty"),
        (b"  \n\n ", "the file is empty"),
        (b"x,y\n", "no points"),  # a header only
        (b"x,y\n1,2,3\n2,4,6\n", "row 1 (line 2) has 3 fields but the header has 2"),  # pandas made x an index
        (b"x,y,z\n1,2\n", "row 1 (line 2) has 2 fields but the header has 3"),
        (b"x,x,y\n1,2,3\n", "names x more than once"),
        (b"x,y\n1_000,2\n", "row 1 has x = `1_000`"),
        ("x,y\n1,2\n".encode("utf-16-le"), "UTF-16 text without a byte order mark"),
        (b"x\n1\n2\n", "missing y"),
        (b"a,b\n1,2\n", "missing x, y"),
        (b"hello world, this is not a table", "missing x, y"),
        (b"x;y\n1;2\n", "separated by semicolons"),
        (b"x,y\n1,2\n2,abc\n", "row 2 has y = `abc`, which is not a finite number"),
        (b"x,y\n1,2\nnan,4\n", "row 2 has x = `nan`"),
        (b"x,y\ninf,2\n", "row 1 has x = `inf`"),
        (b"x,y\n1e400,2\n", "row 1 has x = `1e400`"),  # beyond the largest float
        (b"x,y\n1,\n", "row 1 has y = (empty)"),  # a missing cell
        ("x,y\n1,caf\u00e9\n".encode("latin-1"), "not UTF-8 text (byte 0xe9 at position 9"),
        (png_bytes(), "binary"),
        (b"\x89PNG\r\n\x1a\nno zero byte here", "not UTF-8 text (byte 0x89 at position 0"),
        (b'x,y\n1,"2\n', "not a readable CSV"),  # an unclosed quote
        (b"x,y\n" + b"1,2\n" * (MAX_POINTS + 1), "1,001 rows of points; the playground takes at most 1,000"),
        (b"x,y\n" + b"1,2\n" * 100_000, "100,000 rows of points; the playground takes at most 1,000"),
    ],
)
def test_bad_csv_says_what_is_wrong(raw, message):
    with pytest.raises(ValueError) as problem:
        dataset_from_csv(raw)
    assert message in str(problem.value)


def test_user_text_in_a_message_cannot_format_or_link():
    """Column names and cells are shown inside a code span: no Markdown, no links, no HTML, and short."""
    with pytest.raises(ValueError) as problem:
        dataset_from_csv(b"<img src=x onerror=alert(1)>,**bold**\n1,2\n")
    assert "`<img src=x onerror=a…`" in str(problem.value) and "`**bold**`" in str(problem.value)
    with pytest.raises(ValueError) as problem:
        dataset_from_csv(b"x,y\n1,[click](javascript:alert(1))`" + b"a" * 500 + b"\n")
    shown = str(problem.value)  # the backtick stays a backtick: the span's fence is longer than any run inside it
    assert "``[click](javascript:alert(1))`aaaa" in shown and "…``" in shown and len(shown) < 200
