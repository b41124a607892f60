"""An indicator table that a text copy gives column by column (a page's sidebar).

A PDF page whose indicators stand in a box beside the text often comes out of a text copy one
column after another, a cell a line::

    指標名
    保育所等の待機児童数
    （4月1日時点）
    子育てが楽しいと感じる保護者の割合
    現状値
    （R3年度）
    14人
    68.2%
    目標値
    （R9年度）
    0人
    80.0%

The column that names the indicators (指標名) comes first with N names (a name wrapped onto a
line of its own in parentheses, 「（4月1日時点）」, stays part of it), then each value column:
its name, the period it gives on the line under it, and exactly N values, each one a line (a
value's own period, 「（R2年度）」, on the line under it stays with it); a 単位 column gives N
units.  Such a block is read
back into one header line and N row lines with their cells, as a table typed with tabs is read;
where the counts do not agree the lines are left as they are.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from shisaku.domain.plandoc_columns import VALUE_ROLES, column_of
from shisaku.domain.plandoc_flatrows import is_value_cell
from shisaku.domain.plandoc_lines import Line, LineKind
from shisaku.domain.plandoc_sections import NAME_COLUMNS, header_word
from shisaku.domain.plandoc_text import match_key

_PARENTHESIS = re.compile(r"^[(（][^()（）]{1,20}[)）]$")
_CELL_KINDS = frozenset({"text", "section"})
_VALUE_KINDS = _CELL_KINDS | {"page"}  # a bare number alone on its line reads as a page number


@dataclass
class _Block:
    """A sidebar being read: its column names and its columns of cells."""

    header: list[str]
    columns: list[list[str]]
    end: int


def _cell(line: Line, kinds: frozenset[str] = _CELL_KINDS) -> str | None:
    """Return the text of a line that may be one cell of a sidebar, or None."""
    return line.raw.strip() if line.kind in kinds and not line.cells else None


def _names(lines: list[Line], i: int) -> tuple[list[str], int]:
    """Return the names listed from line ``i`` on (a line in parentheses continues the name
    above it) and where they end: at the first column name or value."""
    names: list[str] = []
    while i < len(lines) and (text := _cell(lines[i])) is not None:
        if header_word(text) or is_value_cell(text):
            break
        if names and _PARENTHESIS.match(text):
            names[-1] += text
        else:
            names.append(text)
        i += 1
    return names, i


def _value_column(lines: list[Line], i: int, count: int) -> tuple[str, list[str], int] | None:
    """Return a value column from line ``i`` on: its name (with the period under it), its
    ``count`` values (each with the period under it) and where it ends; None when it is not.
    A 単位 column holds a unit a line (人, %) instead of values."""
    label = _cell(lines[i]) if i < len(lines) else None
    role = column_of(label, False).role if label is not None and header_word(label) else ""
    if label is None or role not in (*VALUE_ROLES, "unit"):
        return None
    i += 1
    if i < len(lines) and (dated := _cell(lines[i])) and _PARENTHESIS.match(dated):
        label, i = label + dated, i + 1
    values: list[str] = []
    while len(values) < count and i < len(lines) and (text := _cell(lines[i], _VALUE_KINDS)):
        if not (_unit_cell(text) if role == "unit" else is_value_cell(text)):
            return None
        values.append(text)
        i += 1
        if i < len(lines) and (dated := _cell(lines[i])) and _PARENTHESIS.match(dated):
            values[-1], i = values[-1] + dated, i + 1
    return (label, values, i) if len(values) == count else None


_UNIT_MAX = 8
_DASHES = frozenset({"―", "-", "－", "ー", "—", "─"})


def _unit_cell(text: str) -> bool:
    """Tell whether a cell of a 単位 column is a unit (人, %, 件/年, ―): short, no value, no
    column name."""
    if text in _DASHES:
        return True
    return len(text) <= _UNIT_MAX and not is_value_cell(text) and not header_word(text)


def _sidebar(lines: list[Line], i: int) -> _Block | None:
    """Return the sidebar that starts with the name column at line ``i``, or None."""
    head = _cell(lines[i])
    if head is None or match_key(head) not in NAME_COLUMNS:
        return None
    names, j = _names(lines, i + 1)
    if not names:
        return None
    block = _Block([head], [names], j)
    while (column := _value_column(lines, block.end, len(names))) is not None:
        block.header.append(column[0])
        block.columns.append(column[1])
        block.end = column[2]
    return block if len(block.header) > 1 else None


def _as_line(line: Line, kind: LineKind, cells: list[str]) -> Line:
    """Return a header or row line of the given cells, at the place of ``line``."""
    text = "\t".join(cells)
    return replace(line, kind=kind, raw=text, text=text, cells=tuple(cells))


def sidebar_tables(lines: list[Line]) -> list[Line]:
    """Return the lines with every table given column by column read back into rows."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        block = _sidebar(lines, i)
        if block is None:
            out.append(lines[i])
            i += 1
            continue
        rows = [list(cells) for cells in zip(*block.columns, strict=True)]
        out.append(_as_line(lines[i], "header", block.header))
        out.extend(_as_line(lines[i + 1 + n], "row", row) for n, row in enumerate(rows))
        i = block.end
    return out
