"""Indicator tables whose text lost every space between its cells.

An e-book viewer's text of a page runs a table's cells together: 「区分現状値（令和3年度）目標値
（令和9年度）特定健康診査の受診率41.5%60.0%朝食を毎日食べる中学生の割合83.6%95.0%」.  Such a
block begins with its column names glued (two or more, one of them a value column, each with
its period in parentheses or not).  Each row after them is a name and then as many figures as
the header has value columns: a figure's unit runs up to the next figure, and the last figure of
a row takes the unit the row's first one has when the text goes on with it (「95.0%朝食を…」);
where no such reading fits, the name holds the digits (「65歳以上の割合12.0%15.0%」), and
figures that no unit parts (「1.441.60」) are no row.  A ※ note after the rows is the row's it
names (「※漁業経営体数は…」); others stay text.  A block without a glued header is left to the
other readers.
"""

from __future__ import annotations

import re

from shisaku.domain.amounts import NUMBER, PLACES
from shisaku.domain.plandoc_columns import DEFAULT_COLUMNS, VALUE_ROLES, columns_of
from shisaku.domain.plandoc_flatrows import TableRow
from shisaku.domain.plandoc_sections import HEADER_WORDS

_NAME_WORDS = ("区分", "項目名")  # name columns that only a glued header uses alone
_CELL = re.compile(
    "(?:"
    + "|".join(map(re.escape, sorted({*HEADER_WORDS, *_NAME_WORDS}, key=len, reverse=True)))
    + r")(?:[（(][^（()）]{1,20}[）)])?"
)
_FIGURE = re.compile(rf"[△▲]?(?:{NUMBER})(?:{PLACES})?")
_UNIT = re.compile(r"[^0-9０-９\s※.,、。・][^0-9０-９\s※]{0,5}")
_NOTE = re.compile(r"^\s*[※＊*]")
_NOTES = re.compile(r"[※＊*][^※＊*]*")


def glued_header(text: str) -> tuple[list[str], str] | None:
    """Return the column names a block begins with, glued together, and the text after them
    (None when it begins with fewer than two, or with no value column)."""
    cells: list[str] = []
    pos = 0
    while (m := _CELL.match(text, pos)) is not None:
        cells.append(m[0])
        pos = m.end()
    columns = columns_of(cells) if len(cells) >= 2 else DEFAULT_COLUMNS
    if columns is DEFAULT_COLUMNS or not any(c.role in VALUE_ROLES for c in columns):
        return None  # (the default columns stand in for a header without a value column)
    return cells, text[pos:]


def glued_rows(text: str, line: int, width: int) -> tuple[list[TableRow], str]:
    """Return the rows of a glued table's body (after its header) and the text left over: a
    ※ note after the rows goes to the row whose name it begins with, others are left over.
    A table of one value column has no unit to part its rows by, and gives none."""
    rows: list[TableRow] = []
    rest = text.strip()
    while width >= 2 and rest and (found := _row(rest, width)) is not None:
        name, cells, rest = found
        rows.append(TableRow(name, cells, line))
    if not rows or not _NOTE.match(rest):
        return rows, rest
    left: list[str] = []
    for note in _NOTES.findall(rest):
        owner = next((r for r in rows if note.lstrip("※＊*").startswith(r.name)), None)
        (owner.notes if owner is not None else left).append(note)
    return rows, "".join(left)


def _row(text: str, width: int) -> tuple[str, list[str], str] | None:
    """Return the first row of ``text`` (name, figure cells, the text after it), or None."""
    for start in (m.start() for m in _FIGURE.finditer(text)):
        name = text[:start].strip()
        if name.startswith(("※", "＊", "*")):
            return None
        cells = _figures(text, start, width) if name else None
        if cells is not None:
            return name, cells[0], cells[1]
    return None


def _figures(text: str, start: int, width: int) -> tuple[list[str], str] | None:
    """Return ``width`` figures with their units from ``start``, and the text after them."""
    cells: list[str] = []
    pos = start
    unit = ""
    for n in range(width):
        m = _FIGURE.match(text, pos)
        if m is None:
            return None
        after = _FIGURE.search(text, m.end()) if n + 1 < width else None
        if after is not None:  # the unit runs up to the next figure
            unit = text[m.end() : after.start()]
            if not _UNIT.fullmatch(unit):
                return None
            cells.append(m[0] + unit)
            pos = after.start()
        elif unit and not text.startswith(unit, m.end()):
            return None  # the last figure of a row has the unit of the first
        else:
            cells.append(m[0] + unit)
            pos = m.end() + len(unit)
    return cells, text[pos:]
