"""Translation units as an xlsx workbook, for a contractor who works in Excel.

One sheet, ``translations``, with the columns id, field, Japanese, English, status; the
contractor fills in English and leaves the rest.  Written by the one xlsx writer
(:func:`shisaku.tabular.to_xlsx`, every cell text) and read back through the checked reader of
:mod:`shisaku.exchange.indicator_xlsx` (size, zip bombs, formulas refused with the cell named).
"""

from __future__ import annotations

from collections.abc import Sequence

from shisaku.domain.indicatordata import InputError
from shisaku.exchange.indicator_rows import RawRow
from shisaku.exchange.indicator_xlsx import read_xlsx
from shisaku.exchange.translation import BadTranslationFile, Slot, Unit
from shisaku.exchange.xliff import state
from shisaku.tabular import Sheet, to_xlsx

HEADER = ("id", "field", "Japanese", "English", "status")
SHEET = "translations"


def write_translation_xlsx(slots: Sequence[Slot]) -> bytes:
    """Return the slots as a workbook of one sheet."""
    rows = [(s.id, f"{s.kind} {s.field}", s.ja, s.en, state(s)) for s in slots]
    return to_xlsx([Sheet(SHEET, HEADER, rows)])


def _unit(row: RawRow) -> Unit:
    """Return the unit of one data row (row numbers as Excel shows them)."""
    cells = [cell.text for cell in row.cells] + [""] * len(HEADER)
    return Unit(cells[0].strip(), cells[2], cells[3], f"{row.number} 行目（id {cells[0]}）")


def read_translation_xlsx(data: bytes, name: str) -> list[Unit]:
    """Return the units of a workbook written by :func:`write_translation_xlsx`, or raise."""
    errors: list[InputError] = []
    tables = read_xlsx(data, name, errors)
    if errors:
        raise BadTranslationFile("; ".join(str(e) for e in errors))
    if not tables:
        raise BadTranslationFile(f"{name}: 読めるシートがありません")
    table = tables[0]
    header = tuple(cell.text.strip() for cell in table.header[: len(HEADER)])
    if header != HEADER:
        expected = ", ".join(HEADER)
        raise BadTranslationFile(f"{name}: 1 行目の見出しは {expected} にしてください")
    return [_unit(row) for row in table.rows if any(c.text for c in row.cells)]
