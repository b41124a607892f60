"""Indicator files as Excel workbooks (xlsx), read and written with openpyxl.

A workbook holds sheets named definitions / figures (or 指標定義 / 数値); other sheets are
left alone.  A workbook without such sheets may have one sheet, recognised by its header.
Refused, with the place named: merged cells, formulas (the value must be entered), workbooks
over 20 MB (or over 100 MB unpacked, or with a part packed over 100:1), sheets over 100,000
rows or whose used range spans over 2,500,000 cells (a stray cell at XFD90000 would make
openpyxl build a billion empty cells), password-protected workbooks, and files that are not
xlsx.  These are checked on the archive before openpyxl reads it (a sheet of cells written
without addresses once made a 786 KB file take over 6 GB), and the sheets are then read in
read-only mode, a row at a time.

Numbers typed as numbers become text without float noise (48.2, not 48.200000000000003; 1820,
not 1820.0), rounded to the 15 significant digits Excel shows; a percentage-formatted cell
becomes 「48.2%」.  Written workbooks (by :func:`shisaku.tabular.to_xlsx`, the one xlsx writer)
hold every cell as text (format 「@」), so that 「△10」, 「-」 or 「=1+1」 are never turned into
numbers or formulas.
"""

from __future__ import annotations

import io
import warnings
import zipfile
from collections.abc import Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from shisaku.domain.indicatordata import InputError, Place
from shisaku.exchange.indicator_rows import Cell, RawRow, RawTable, TableKind
from shisaku.exchange.xlsx_archive import NOT_XLSX, ArchiveProblem, SheetExtent, check_archive
from shisaku.tabular import Sheet, to_xlsx

_OLD_XLS = "古い Excel 形式（.xls）は読めません。「Excel ブック (*.xlsx)」で保存し直してください"
MAX_BYTES = 20 * 1024 * 1024
MAX_ROWS = 100_000
MAX_CELLS = 2_500_000  # 100,000 rows of 25 columns
SHEET_KINDS: dict[str, TableKind] = {
    "definitions": "definitions",
    "指標定義": "definitions",
    "figures": "figures",
    "数値": "figures",
}
SHEET_NAMES: dict[TableKind, str] = {"definitions": "definitions", "figures": "figures"}
_NOT_XLSX = NOT_XLSX
_ENCRYPTED = (
    "パスワードで保護されたブックは読めません。Excel でパスワードを解除して保存し直してください"
)
# An encrypted xlsx is an OLE compound file (like an .xls) holding this stream.
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")


def _openpyxl() -> Any:  # openpyxl has no types
    """Return openpyxl, imported when a workbook is first read: writing needs none, and every
    command (``shisaku publish`` among them) would otherwise import it on starting (0.14 s)."""
    import openpyxl

    return openpyxl


def read_xlsx(data: bytes, name: str, errors: list[InputError]) -> list[RawTable]:
    """Return the tables of a workbook, or none after reporting why it cannot be read.

    The archive is checked first (:mod:`shisaku.exchange.xlsx_archive`), then read in
    openpyxl's read-only mode, one row at a time.
    """
    extents = _checked(data, name, errors)
    if extents is None:
        return []
    try:
        with warnings.catch_warnings():  # openpyxl warns of features it drops (e.g. slicers)
            warnings.simplefilter("ignore")
            book = _openpyxl().load_workbook(io.BytesIO(data), read_only=True, data_only=False)
            try:
                return _tables(book, extents, name, errors)
            finally:
                book.close()
    except Exception as error:  # openpyxl raises many kinds for a damaged or foreign file
        errors.append(InputError(Place(name), f"{_NOT_XLSX}（{type(error).__name__}）"))
        return []


def _checked(data: bytes, name: str, errors: list[InputError]) -> dict[str, SheetExtent] | None:
    """Return the extent of each part of a workbook safe to read, or None after the error."""
    if len(data) > MAX_BYTES:
        problem = f"ファイルが大きすぎます（{len(data) / 1024 / 1024:.1f} MB。20 MB までです）"
        errors.append(InputError(Place(name), problem))
        return None
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return check_archive(archive, MAX_ROWS, MAX_CELLS)
    except zipfile.BadZipFile:
        errors.append(InputError(Place(name), _not_a_zip(data)))
    except ArchiveProblem as error:
        errors.append(InputError(Place(name), str(error)))
    return None


def _not_a_zip(data: bytes) -> str:
    """Return what a file that is not a zip archive seems to be."""
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return _ENCRYPTED if _ENCRYPTED_STREAM in data else _OLD_XLS
    return _NOT_XLSX


def _extent(ws: Any, extents: dict[str, SheetExtent]) -> SheetExtent:
    """Return the scan of a sheet's part (openpyxl names it; scanned with every XML part)."""
    return extents[str(ws._worksheet_path).lstrip("/")]


def _tables(
    book: Any, extents: dict[str, SheetExtent], name: str, errors: list[InputError]
) -> list[RawTable]:
    """Return the tables of the named sheets, or of the only sheet."""
    named = [ws for ws in book.worksheets if ws.title.strip().lower() in SHEET_KINDS]
    filled = [ws for ws in book.worksheets if _extent(ws, extents).cells > 0]
    sheets = named or filled or book.worksheets[:1]
    if not named and len(sheets) > 1:
        message = (
            "どのシートを読むか分かりません。シート名を definitions と figures"
            "（または 指標定義 と 数値）にしてください"
        )
        errors.append(InputError(Place(name), message))
        return []
    tables = []
    for ws in sheets:
        kind = SHEET_KINDS.get(ws.title.strip().lower())
        table = _sheet(ws, _extent(ws, extents), f"{name} の {ws.title} シート", kind, errors)
        if table is not None:
            tables.append(table)
    return tables


def _sheet(
    ws: Any, extent: SheetExtent, source: str, kind: TableKind | None, errors: list[InputError]
) -> RawTable | None:
    """Return one sheet as a table, or None after reporting merged cells, formulas or its size."""
    problem = _extent_problem(extent)
    if problem:
        errors.append(InputError(Place(source), problem))
        return None
    found = len(errors)
    _merged(extent, source, errors)
    ws.reset_dimensions()  # each row as long as it is: a wrong <dimension> cannot cut or pad it
    rows = _rows(ws, source, errors)
    if len(errors) > found:
        return None
    if not rows or not any(c.text for c in rows[0].cells):
        errors.append(InputError(Place(source), "空のシートです（1 行目に見出しがありません）"))
        return None
    return RawTable(source, rows[0].cells, rows[1:], strict_width=False, kind=kind)


def _merged(extent: SheetExtent, source: str, errors: list[InputError]) -> None:
    """Report each range of merged cells, top to bottom."""
    bounds = _openpyxl().utils.range_boundaries
    ranges = sorted((bounds(ref)[1::-1], ref) for ref in extent.merged if ref)
    for (row, _), ref in ranges:
        message = (
            f"セル {ref} が結合されています。結合を解除し、1 つのセルに 1 つの値を入れてください"
        )
        errors.append(InputError(Place(source, row), message))


def _rows(ws: Any, source: str, errors: list[InputError]) -> list[RawRow]:
    """Return the sheet's rows as text, read one row at a time."""
    rows: list[RawRow] = []
    header: list[str] = []
    for number, cells in enumerate(ws.iter_rows(), start=1):
        rows.append(_row(number, cells, header, source, errors))
        if number == 1:
            header = [cell.text.strip() for cell in rows[0].cells]
    return rows


def _extent_problem(extent: SheetExtent) -> str | None:
    """Return why a sheet is too big to read (too many rows, too wide a used range), or None."""
    if not extent.over:
        return None
    if extent.max_row > MAX_ROWS:
        found = f"{extent.max_row:,} 行。{MAX_ROWS:,} 行まで"
        return f"行が多すぎます（{found}）。ファイルを分けてください"
    cells = max(extent.span, extent.cells, extent.strings, len(extent.merged))
    corner = f"{_column_name(extent.max_col)}{extent.max_row}"
    return (
        f"表の範囲が広すぎます（A1:{corner}、{cells:,} セル。{MAX_CELLS:,} セルまで）。"
        "使っていない行と列を削除してください"
    )


def _column_name(number: int) -> str:
    """Return a column's letters, or its number past the last column Excel can have (XFD)."""
    return _openpyxl().utils.get_column_letter(number) if number <= 16_384 else f"[{number:,} 列目]"


def _row(
    number: int, cells: Sequence[Any], header: list[str], source: str, errors: list[InputError]
) -> RawRow:
    """Return one worksheet row as text cells, reporting formulas and Excel error values."""
    texts = []
    for column, cell in enumerate(cells, start=1):
        ref = f"{_openpyxl().utils.get_column_letter(column)}{number}"
        problem = _PROBLEMS.get(cell.data_type)
        if problem:
            name = header[column - 1] if column <= len(header) else ""
            place = Place(source, number, f"{name}（{ref}）" if name else ref)
            errors.append(InputError(place, problem.format(ref=ref, value=cell.value)))
        texts.append(Cell(cell_text(cell.value, cell.number_format or "General"), ref))
    return RawRow(number, tuple(texts))


_PROBLEMS = {
    "f": "セル {ref} は数式です。数式ではなく値を入力してください",
    "e": "セル {ref} はエラー値 {value} です。値を入力してください",
}


def number_text(value: float | int | Decimal) -> str:
    """Return a number as Excel shows it: 48.2 (not 48.200000000000003), 1820 (not 1820.0)."""
    if isinstance(value, int):
        return str(value)
    number = Decimal(f"{value:.15g}") if isinstance(value, float) else value
    text = format(number.normalize(), "f")
    return "0" if text == "-0" else text


def cell_text(value: Any, number_format: str = "General") -> str:
    """Return a cell's value as the text a user typed: numbers without noise, dates as 2019/4/1."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float | Decimal):
        if "%" in number_format:
            return number_text(Decimal(f"{value:.15g}") * 100) + "%"
        return number_text(value)
    if isinstance(value, datetime | date):
        return f"{value.year}/{value.month}/{value.day}"
    if isinstance(value, time):
        return value.isoformat()
    return str(value)


def write_xlsx(
    sheets: Sequence[tuple[TableKind, Sequence[str], Sequence[dict[str, str]]]],
) -> bytes:
    """Return a workbook with one sheet per table: bold frozen header, every cell text."""
    return to_xlsx(
        [
            Sheet(SHEET_NAMES[kind], columns, [[row.get(c, "") for c in columns] for row in rows])
            for kind, columns, rows in sheets
        ]
    )
