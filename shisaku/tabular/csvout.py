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


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], *, delimiter: str = ",") -> str:
    """Return the header and rows as CSV text, every cell guarded against formulas."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerows(_guarded_table([header, *rows]))
    return out.getvalue()


def _guarded_table(rows: list[Sequence[str]]) -> list[Sequence[str]]:
    """Return the rows with every cell guarded, the same rows when no cell can change."""
    if not _GUARDED_CELL.search("\x00".join(chain([""], *rows))):
        return rows
    return [_guarded(row) for row in rows]


def _guarded(row: Sequence[str]) -> list[str]:
    """Return a row with every cell guarded (only a cell that starts like a formula can change)."""
    return [guard(cell) if cell[:1] in GUARDED_HEADS else cell for cell in row]


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]], *, bom: bool = True) -> bytes:
    """Return the table as UTF-8 CSV bytes, with a byte-order mark (for Excel) unless told not."""
    data = csv_text(header, rows).encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data
