"""Join the column names of a table printed one a line into one table header.

PDF and e-book copies often print an indicator table's header a cell a line (指標 / 基準値 /
目標値), sometimes with each column's period on the line under its name (現状値 / （2020年度））
or all the periods on one line below the header (（令和2年度）（令和8年度））.  The reader wants
one header line with the periods put after the column names they belong to.
"""

from __future__ import annotations

import re
from dataclasses import replace

from shisaku.domain.periods import PeriodError, read_period
from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_sections import NAME_COLUMNS, header_word


def _header_cell(line: Line) -> bool:
    """Tell whether a line is one column name of a table printed a cell a line."""
    return line.kind in ("text", "section") and header_word(line.raw)


def _label_above(lines: list[Line], i: int) -> bool:
    """Tell whether line ``i`` is a table's label over its column names (成果指標 / 指標名 …),
    not a column of its own."""
    following = lines[i + 1].raw.strip() if i + 1 < len(lines) else ""
    return lines[i].kind == "section" and following in NAME_COLUMNS


_PERIOD_CELL = re.compile(r"^[(（][^()（）]{2,20}[)）]$")


def _header_cells(lines: list[Line], i: int) -> tuple[int, tuple[str, ...]]:
    """Return where a header printed a cell a line ends, and its cells; a period in
    parentheses on the next line belongs to the column name above it (現状値 / （2020年度））."""
    cells: list[str] = list(lines[i].cells) if lines[i].kind == "header" else []
    periods: list[str] = []
    j = i + 1 if cells else i
    while j < len(lines):
        raw = lines[j].raw.strip()
        if _header_cell(lines[j]) and not periods:
            cells.append(raw)
        elif cells and _PERIOD_CELL.match(raw):
            periods.append(raw)
        elif _header_cell(lines[j]):  # 現状値 / （2020年度） / 目標値 / （2026年度）
            cells, periods = [*_dated(cells, periods), raw], []
        else:
            break
        j += 1
    return j, tuple(_dated(cells, periods))


def _dated(cells: list[str], periods: list[str]) -> list[str]:
    """Return column names with the periods printed under them, given to the last ones."""
    if len(periods) >= len(cells):
        return cells
    head = cells[: len(cells) - len(periods)]
    return head + [c + p for c, p in zip(cells[len(head) :], periods, strict=True)]


_PERIODS_LINE = re.compile(r"^(?:[(（][^()（）]{2,20}[)）]\s*){1,6}$")


def _periods_below(below: Line) -> list[str]:
    """Return the periods a line under a table header gives its columns: 「（令和2年度）
    （令和8年度）」, or a second header row of cells that are periods or empty."""
    raw = below.raw.strip()
    if _PERIODS_LINE.match(raw):
        return re.findall(r"[(（][^()（）]+[)）]", raw)
    cells = [c.strip() for c in below.cells] if below.kind == "row" else []
    if cells and not cells[0] and all(_is_period(c) for c in cells[1:] if c):
        return [f"（{c}）" for c in cells[1:] if c]
    return []


def _is_period(text: str) -> bool:
    """Tell whether a cell is a period and nothing else (令和元年度, R7, 2026年度)."""
    try:
        read_period(text)
    except PeriodError:
        return False
    return True


def _with_periods(header: Line, below: Line) -> Line | None:
    """Return a header with the periods printed on the line below its column names (基準値
    目標値 / （令和2年度）（令和8年度）) put after the last ones, or None when it has none."""
    periods = _periods_below(below)
    if not periods:
        return None
    if len(periods) >= len(header.cells):
        return None
    cells = list(header.cells)
    for k, period in enumerate(periods, start=len(cells) - len(periods)):
        cells[k] += period
    return replace(header, cells=tuple(cells), text=" ".join(cells))


def join_header_cells(lines: list[Line]) -> list[Line]:
    """Join column names printed one a line (指標 / 基準値 / 目標値) into one table header,
    with the periods a line below gives them."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j, cells = (i, ()) if _label_above(lines, i) else _header_cells(lines, i)
        if len(cells) >= 2:
            out.append(replace(lines[i], kind="header", text=" ".join(cells), cells=cells))
            i = j
        else:
            out.append(lines[i])
            i += 1
        joined = (
            _with_periods(out[-1], lines[i])
            if out[-1].kind == "header" and i < len(lines)
            else None
        )
        if joined is not None:
            out[-1] = joined
            i += 1
    return out
