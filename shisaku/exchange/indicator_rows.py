"""Tables read from indicator files → checked rows: the header, the shape and every cell's place.

CSV and xlsx readers both produce a ``RawTable`` (header cells and rows of text cells, with a
cell reference such as C5 for a workbook); ``shape_table`` recognises which file it is by its
header and checks the columns and the width of every row.  Reading the cells into definitions
and figures is in ``indicator_cells``.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from shisaku.domain.indicatordata import (
    COLUMN_KEYS_JA,
    DEFINITION_COLUMNS,
    DEFINITION_REQUIRED,
    FIGURE_COLUMNS,
    FIGURE_REQUIRED,
    InputError,
    Place,
)
from shisaku.domain.typedtext import refusal_ja, refused_character

TableKind = Literal["definitions", "figures"]

COLUMNS: dict[TableKind, tuple[str, ...]] = {
    "definitions": DEFINITION_COLUMNS,
    "figures": FIGURE_COLUMNS,
}
REQUIRED: dict[TableKind, tuple[str, ...]] = {
    "definitions": DEFINITION_REQUIRED,
    "figures": FIGURE_REQUIRED,
}
KIND_LABELS: dict[TableKind, str] = {"definitions": "指標定義ファイル", "figures": "数値ファイル"}
# Columns that only one layout has: they tell the two files apart.
_MARKS: dict[TableKind, frozenset[str]] = {
    "definitions": frozenset(DEFINITION_COLUMNS) - frozenset(FIGURE_COLUMNS),
    "figures": frozenset(FIGURE_COLUMNS) - frozenset(DEFINITION_COLUMNS),
}
# Header problems listed one by one; past this many, one more line counts the rest (a
# 10,000-column header gives a dozen lines, not 10,000).
SHOWN = 10


@dataclass(frozen=True)
class Cell:
    """One cell as text; ``ref`` is its A1 reference in a workbook, empty in a CSV file."""

    text: str
    ref: str = ""


@dataclass(frozen=True)
class RawRow:
    """One data row as read, numbered as a spreadsheet shows it (the header is row 1)."""

    number: int
    cells: tuple[Cell, ...]


@dataclass
class RawTable:
    """A header and rows read from a CSV file or a worksheet, before the columns are checked."""

    source: str
    header: tuple[Cell, ...]
    rows: list[RawRow]
    strict_width: bool = True  # CSV: every row has as many cells as the header
    kind: TableKind | None = None  # given by a worksheet's name


@dataclass(frozen=True)
class Row:
    """A data row whose cells are known by column name."""

    source: str
    number: int
    cells: dict[str, Cell]

    def text(self, column: str) -> str:
        """Return the cell of ``column``, stripped ('' when the file has no such column)."""
        cell = self.cells.get(column)
        return cell.text.strip() if cell else ""

    def place(self, column: str = "") -> Place:
        """Return the place of this row, or of one of its cells (C5 added in a workbook)."""
        cell = self.cells.get(column)
        label = f"{column}（{cell.ref}）" if cell and cell.ref else column
        return Place(self.source, self.number, label)


@dataclass
class Table:
    """The checked rows of one definitions or figures table."""

    source: str
    kind: TableKind
    rows: list[Row] = field(default_factory=list)


def column_name(text: str) -> str:
    """Return a header cell as a column name: NFKC, trimmed, lower case; a Japanese name → key."""
    name = unicodedata.normalize("NFKC", text).strip().lower()
    return COLUMN_KEYS_JA.get(name, name)


def shape_table(raw: RawTable, errors: list[InputError]) -> Table | None:
    """Check the header and every row's width; return the table, or None if the header is wrong."""
    header = _trimmed_header(raw)
    names = [column_name(c.text) for c in header]
    found = len(errors)
    _check_header_cells(raw, header, names, errors)
    kind = raw.kind or _recognise(raw.source, names, errors)
    if kind is not None:
        _check_columns(raw.source, kind, header, names, errors)
    if kind is None or len(errors) > found:
        return None
    table = Table(raw.source, kind)
    for raw_row in raw.rows:
        row = _shape_row(raw, names, raw_row, errors)
        if row is not None:
            table.rows.append(row)
    return table


def _trimmed_header(raw: RawTable) -> tuple[Cell, ...]:
    """Return the header without the empty cells a worksheet has at its right."""
    header = list(raw.header)
    while not raw.strict_width and header and not header[-1].text.strip():
        header.pop()
    return tuple(header)


def _header_place(source: str, cell: Cell, name: str) -> Place:
    """Return the place of a header cell."""
    return Place(source, 1, f"{name}（{cell.ref}）" if cell.ref else name)


def _shown(errors: list[InputError], found: list[InputError], rest: str) -> None:
    """Add the first SHOWN of ``found`` to ``errors``, then one line counting the others."""
    errors.extend(found[:SHOWN])
    if len(found) > SHOWN:
        place = Place(found[0].place.source, 1)
        errors.append(InputError(place, f"ほかに {len(found) - SHOWN:,} 列{rest}"))


def _check_header_cells(
    raw: RawTable, header: tuple[Cell, ...], names: list[str], errors: list[InputError]
) -> None:
    """Report empty and repeated header cells."""
    if not header:
        errors.append(InputError(Place(raw.source, 1), "見出しの行（1 行目）が空です"))
    found: list[InputError] = []
    kinds: list[str] = []  # what each problem is, to count the ones not listed
    seen: set[str] = set()
    for index, (cell, name) in enumerate(zip(header, names, strict=True), start=1):
        if not name:
            where = cell.ref or f"{index} 番目の列"
            found.append(InputError(Place(raw.source, 1), f"見出しが空です（{where}）"))
            kinds.append("が空です")
        elif name in seen:
            message = "同じ見出しの列が二つあります（一つにしてください）"
            found.append(InputError(_header_place(raw.source, cell, name), message))
            kinds.append("がほかの列と同じです")
        seen.add(name)
    rest = set(kinds[SHOWN:])
    what = rest.pop() if len(rest) == 1 else "が空か、ほかの列と同じです"
    _shown(errors, found, f"の見出し{what}")


def _recognise(source: str, names: list[str], errors: list[InputError]) -> TableKind | None:
    """Tell a definitions file from a figures file by the columns only one of them has."""
    kinds: list[TableKind] = [k for k, marks in _MARKS.items() if marks & set(names)]
    if len(kinds) == 1:
        return kinds[0]
    if names:
        message = (
            "見出しから指標定義ファイルか数値ファイルかを判別できません"
            "（定義は name・direction、数値は kind・period・value の列を持ちます）"
        )
        errors.append(InputError(Place(source, 1), message))
    return None


def _check_columns(
    source: str,
    kind: TableKind,
    header: tuple[Cell, ...],
    names: list[str],
    errors: list[InputError],
) -> None:
    """Report unknown columns (listing the accepted ones) and missing required columns."""
    accepted = "、".join(COLUMNS[kind])
    message = f"{KIND_LABELS[kind]}にない列です。使える列: {accepted}"
    unknown = [(c, n) for c, n in zip(header, names, strict=True) if n and n not in COLUMNS[kind]]
    found = [InputError(_header_place(source, c, n), message) for c, n in unknown]
    more = "、".join(n for _, n in unknown[SHOWN : SHOWN + 3])
    _shown(errors, found, f"が{KIND_LABELS[kind]}にない列です（{more} …）。使える列: {accepted}")
    for name in REQUIRED[kind]:
        if name not in names:
            message = (
                f"必須の列がありません（{KIND_LABELS[kind]}の必須列: {'、'.join(REQUIRED[kind])}）"
            )
            errors.append(InputError(Place(source, 1, name), message))


def _shape_row(
    raw: RawTable, names: list[str], raw_row: RawRow, errors: list[InputError]
) -> Row | None:
    """Return a row keyed by column, or None (with an error) if it is ragged or holds controls."""
    cells = raw_row.cells
    if not any(c.text.strip() for c in cells):
        return None  # a blank line separates nothing and says nothing
    place = Place(raw.source, raw_row.number)
    if raw.strict_width and len(cells) != len(names):
        message = f"セルの数が見出しと合いません（見出し {len(names)} 列、この行 {len(cells)} 列）"
        errors.append(InputError(place, message))
        return None
    stray = [c for c in cells[len(names) :] if c.text.strip()]
    if stray:
        message = f"見出しのない列のセル {stray[0].ref} に値があります"
        message += "（見出しを付けるか、消してください）"
        errors.append(InputError(place, message))
        return None
    row = Row(raw.source, raw_row.number, dict(zip(names, cells, strict=False)))
    return row if _no_controls(row, errors) else None


def _no_controls(row: Row, errors: list[InputError]) -> bool:
    """Report cells holding characters no typed text may hold (shisaku.domain.typedtext)."""
    ok = True
    for column, cell in row.cells.items():
        bad = refused_character(cell.text)
        if bad is not None:
            errors.append(InputError(row.place(column), refusal_ja(bad)))
            ok = False
    return ok
