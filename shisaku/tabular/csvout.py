"""CSV as RFC 4180 text (CRLF line ends), every cell guarded, UTF-8 with a BOM by default."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence

from shisaku.tabular.guard import GUARDED_HEADS, guard


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], *, delimiter: str = ",") -> str:
    """Return the header and rows as CSV text, every cell guarded against formulas."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(_guarded(header))
    writer.writerows(_guarded(row) for row in rows)
    return out.getvalue()


def _guarded(row: Sequence[str]) -> list[str]:
    """Return a row with every cell guarded (only a cell that starts like a formula can change)."""
    return [guard(cell) if cell[:1] in GUARDED_HEADS else cell for cell in row]


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]], *, bom: bool = True) -> bytes:
    """Return the table as UTF-8 CSV bytes, with a byte-order mark (for Excel) unless told not."""
    data = csv_text(header, rows).encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data
