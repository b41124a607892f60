"""CSV as RFC 4180 text (CRLF line ends), every cell guarded, UTF-8 with a BOM by default."""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterable, Sequence

from shisaku.tabular.guard import guard


def csv_text(header: Sequence[str], rows: Iterable[Sequence[str]], *, delimiter: str = ",") -> str:
    """Return the header and rows as CSV text, every cell guarded against formulas."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([guard(cell) for cell in header])
    writer.writerows([guard(cell) for cell in row] for row in rows)
    return out.getvalue()


def to_csv(header: Sequence[str], rows: Iterable[Sequence[str]], *, bom: bool = True) -> bytes:
    """Return the table as UTF-8 CSV bytes, with a byte-order mark (for Excel) unless told not."""
    data = csv_text(header, rows).encode("utf-8")
    return codecs.BOM_UTF8 + data if bom else data
