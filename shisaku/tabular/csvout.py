"""CSV as RFC 4180 text (CRLF line ends), every cell guarded, UTF-8 with a BOM by default."""

from __future__ import annotations

import codecs
import csv
import io
import re
from collections.abc import Iterable, Sequence
from itertools import chain

from shisaku.tabular.guard import GUARDED_HEADS, guard

# A cell guard may change, in cells each written after a NUL: most tables have none, and then
# no cell is looked at one by one (a NUL inside a cell can only make a table looked at needlessly).
_GUARDED_CELL = re.compile(f"\x00[{re.escape(''.join(sorted(GUARDED_HEADS)))}]")
_QUOTED = ('"', "\r", "\n")  # a cell holding one is quoted (as is one holding the delimiter)
_CRLF = "\r\n"


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], *, delimiter: str = ",") -> str:
    """Return the header and rows as CSV text, every cell guarded against formulas.

    The whole table is looked at once: when no cell can change under the guard, and none
    needs quotes (a delimiter, a quote, a line end) and no row is one empty cell (written
    「""」), the text is the cells joined, as the csv module would write them."""
    table: list[Sequence[str]] = [header, *rows]
    joined = "\x00".join(chain([""], *table))
    if _GUARDED_CELL.search(joined):
        table = [_guarded(row) for row in table]  # adds apostrophes only: quotes stay as found
    quoted = any(mark in joined for mark in _QUOTED)  # three finds: faster than a pattern
    if quoted or delimiter in joined or [""] in table or ("",) in table:
        out = io.StringIO(newline="")
        csv.writer(out, delimiter=delimiter, lineterminator=_CRLF).writerows(table)
        return out.getvalue()
    return _CRLF.join(map(delimiter.join, table)) + _CRLF


def _guarded(row: Sequence[str]) -> list[str]:
    """Return a row with every cell guarded (only a cell that starts like a formula can change)."""
    return [guard(cell) if cell[:1] in GUARDED_HEADS else cell for cell in row]


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]], *, bom: bool = True) -> bytes:
    """Return the table as UTF-8 CSV bytes, with a byte-order mark (for Excel) unless told not."""
    data = csv_text(header, rows).encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data
