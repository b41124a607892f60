"""xlsx workbooks: one sheet per table, a bold frozen header, widths to fit, every cell text.

Every cell is written as a string (format 「@」), so 「=1+1」 is never a formula and 「△10」 or
「-」 never become numbers: what the reader sees is what the source wrote.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

# Characters an xlsx cannot hold (C0 controls other than tab, LF and CR).
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
MAX_SHEET_NAME = 31  # Excel refuses longer sheet names


@dataclass(frozen=True)
class Sheet:
    """One table of a workbook: its sheet name, header and rows of text cells."""

    name: str
    header: Sequence[str]
    rows: Sequence[Sequence[str]]


def sheet_name(name: str, taken: set[str]) -> str:
    """Return ``name`` as Excel accepts it: no []:*?/\\, 31 characters at most, not yet used."""
    base = _SHEET_FORBIDDEN.sub("_", name).strip("'") or "Sheet"
    candidate, number = base[:MAX_SHEET_NAME], 1
    while candidate.lower() in taken:
        number += 1
        suffix = f" ({number})"
        candidate = base[: MAX_SHEET_NAME - len(suffix)] + suffix
    taken.add(candidate.lower())
    return candidate


def to_xlsx(sheets: Sequence[Sheet]) -> bytes:
    """Return a workbook with one sheet per table (a workbook needs at least one sheet)."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    taken: set[str] = set()
    for sheet in sheets or [Sheet("Sheet", [], [])]:
        ws = book.create_sheet(sheet_name(sheet.name, taken))
        _fill(ws, sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _fill(ws: Any, sheet: Sheet) -> None:
    """Fill one sheet: header, rows as text cells, frozen header row, widths to fit."""
    bold = Font(bold=True)
    for col, title in enumerate(sheet.header, start=1):
        _text_cell(ws, 1, col, title).font = bold
    for number, row in enumerate(sheet.rows, start=2):
        for col, text in enumerate(row, start=1):
            _text_cell(ws, number, col, text)
    ws.freeze_panes = "A2"
    for col, title in enumerate(sheet.header, start=1):
        texts = [title, *(row[col - 1] for row in sheet.rows if len(row) >= col)]
        ws.column_dimensions[get_column_letter(col)].width = _width(texts)


def _text_cell(ws: Any, row: int, col: int, text: str) -> Any:
    """Write ``text`` as a text cell, never a formula or a number."""
    cell = ws.cell(row=row, column=col)
    clean = _ILLEGAL.sub("\ufffd", text)
    cell.value = clean or None
    if clean:
        cell.data_type = "s"  # openpyxl takes a leading = for a formula
    cell.number_format = "@"
    return cell


def _width(texts: list[str]) -> float:
    """Return a column width fitting the longest first line (wide characters count two)."""
    widest = max(display_width(t.split("\n", 1)[0]) for t in texts)
    return float(min(max(widest + 2, 8), 60))


def display_width(text: str) -> int:
    """Return how many half-width columns ``text`` takes."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)
