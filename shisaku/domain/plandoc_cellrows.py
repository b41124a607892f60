"""Tables whose every cell stands on a line of its own, ending in 「 |」.

A web page's table copied as text sometimes gives each cell its own line, closed by the pipe
that stood between the cells::

    主要施策コード |
    成果指標 |
    …
    5か年目標 |
    21101 |
    地域子育て支援センターの利用者数 |
    当初 |
    8,420人 |
    …

A run of such lines is one table: its header and its rows, each as many cells wide as the
header.  The width is the smallest that makes the first cells a table header and every column
below it of one kind (values, or words and codes), the run holding whole rows; where none
does, the lines are left as they are.  The table is given back as one header line and one row
line per row, with their cells, as a table typed with tabs is read.
"""

from __future__ import annotations

from dataclasses import replace

from shisaku.domain.plandoc_flatrows import is_value_cell
from shisaku.domain.plandoc_lines import Line, LineKind
from shisaku.domain.plandoc_sections import header_columns

_PIPE = "|"


def _cell(line: Line) -> str | None:
    """Return the cell a line holds alone before its closing pipe (「当初 |」, 「| 当初 |」), or
    None."""
    raw = line.raw.strip()
    if line.cells or not raw.endswith(_PIPE):
        return None
    cell = raw.strip(_PIPE).strip()
    return cell if cell and _PIPE not in cell else None


_WIDTH_MAX = 20  # no indicator table has more columns


def width_of(cells: list[str]) -> int | None:
    """Return how many cells make a row of a table given one cell at a time (see the module
    docstring), or None when no width makes a table of them."""
    values = [is_value_cell(cell) for cell in cells]
    for width in range(2, min(len(cells) // 2, _WIDTH_MAX) + 1):
        if len(cells) % width or not header_columns("\t".join(cells[:width])):
            continue
        kinds = [set(values[width + k :: width]) for k in range(width)]
        if all(len(kind) == 1 for kind in kinds) and {True} in kinds:
            return width
    return None


_LEADING = 3  # cells before the header that a run may carry (a caption, a note)


def _table(run: list[Line]) -> list[Line] | None:
    """Return a run of cell lines as a header line and row lines (a few lines before the
    header left as they are), or None."""
    cells = [c for line in run if (c := _cell(line)) is not None]
    for skip in range(min(_LEADING, len(cells)) + 1):
        width = width_of(cells[skip:])
        if width is not None:
            return run[:skip] + _rows(run[skip:], cells[skip:], width)
    return None


def _rows(run: list[Line], cells: list[str], width: int) -> list[Line]:
    """Return the cells as a header line and row lines of ``width`` cells each."""
    out: list[Line] = []
    for k in range(0, len(cells), width):
        row = tuple(cells[k : k + width])
        text = "\t".join(row)
        kind: LineKind = "header" if k == 0 else "row"
        out.append(replace(run[k], kind=kind, raw=text, text=text, cells=row))
    return out


def join_cell_lines(lines: list[Line]) -> list[Line]:
    """Return the lines with every run of cells printed one a line read as a table."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and _cell(lines[j]) is not None:
            j += 1
        if j == i:
            out.append(lines[i])
            i += 1
            continue
        out.extend(_table(lines[i:j]) or lines[i:j])
        i = j
    return out
