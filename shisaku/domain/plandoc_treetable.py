"""A table whose leading columns hold the plan's tree: a 施策体系・成果指標一覧 spreadsheet.

A spreadsheet of the whole plan copied as tab-separated text repeats its merged cells on every
row::

    基本目標                施策                施策の方向            成果指標 単位 策定時
    1 安全で安心なまち      1-1 防災体制の充実  (1) 地域防災力の向上  結成率   %    78.4
    1 安全で安心なまち      1-1 防災体制の充実  (2) 避難所の機能強化  指定数   か所 6

The leading columns whose every cell is a numbered heading (「1 …」「1-1 …」「(1) …」; an empty
cell is the one above, merged), one of them repeated down the rows as merged cells are, are the
tree; each row's remaining cells are the indicator row of its deepest heading.  The table is
read as the lines a plan would print: each heading where its value changes, then under the
deepest one the table's header (its header rows merged, 「策定時」 over 「（令和3年度）」) and its
rows, which the indicator readers read like any table; a row with no indicator (「―」 in every
cell but its department) only names its heading.

A cell holding a line break comes quoted over two physical lines (「"子育てに関する相談窓口を」 /
「知っている保護者の割合"」): :func:`join_quoted` joins it again first.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from itertools import pairwise

from shisaku.domain.plandoc_lines import Line, LineKind, title_ok
from shisaku.domain.plandoc_numbering import Numbering, read_numbering
from shisaku.domain.plandoc_source import SourceLine
from shisaku.domain.plandoc_text import collapse_title

_DASHES = frozenset({"", "-", "－", "―", "—", "–", "ー", "‐"})
_CJK_END = "\u3040-\u30ff\u3400-\u9fff々"


# --- cells quoted over several lines ------------------------------------------------------------


def _open_quote(text: str) -> bool:
    """Tell whether a tab-separated line leaves a quoted cell open (its quotes are odd and a
    cell starts with one)."""
    cells = text.split("\t")
    return "\t" in text and text.count('"') % 2 == 1 and any(c.startswith('"') for c in cells)


def _unquoted(text: str) -> str:
    """Return tab-separated cells without the quotes around each quoted cell."""
    cells = text.split("\t")
    return "\t".join(
        c[1:-1].replace('""', '"') if len(c) > 1 and c[0] == c[-1] == '"' else c for c in cells
    )


def _joined(head: str, tail: str) -> str:
    """Return two pieces of a cell a line break parted (no space between Japanese words)."""
    if head and tail and (head[-1] > "\u3000" or tail[0] > "\u3000"):
        return head + tail
    return f"{head} {tail}"


def join_quoted(lines: Iterable[SourceLine]) -> list[SourceLine]:
    """Return the lines with every cell quoted over several lines joined again (a spreadsheet
    copied as tab-separated text)."""
    out: list[SourceLine] = []
    open_line: SourceLine | None = None
    for line in lines:
        if open_line is not None:
            text = _joined(open_line.text, line.text.strip())
            open_line = replace(open_line, text=text)
            if text.count('"') % 2 == 0:
                out.append(replace(open_line, text=_unquoted(text)))
                open_line = None
        elif not line.cells and _open_quote(line.text):
            open_line = line
        else:
            out.append(line)
    return out + ([open_line] if open_line is not None else [])


# --- the tree in the leading columns ---------------------------------------------------------


def _heading(cell: str) -> Numbering | None:
    """Return a cell's numbering when it is a numbered heading with a title, else None."""
    numbering = read_numbering(cell.strip())
    if numbering is None or not numbering.numbers:
        return None
    return numbering if title_ok(collapse_title(numbering.title)) else None


def _filled(rows: list[list[str]], width: int) -> list[list[str]]:
    """Return the rows with an empty leading cell given the value above it (a merged cell)."""
    out: list[list[str]] = []
    for row in rows:
        above = out[-1] if out else [""] * width
        out.append([c.strip() or above[i] for i, c in enumerate(row[:width])] + row[width:])
    return out


def _tree_width(rows: list[list[str]]) -> int:
    """Return how many leading columns hold the tree: every cell a numbered heading, one column
    repeated down the rows as merged cells are, and a column left for the indicators."""
    width = 0
    while all(len(r) > width + 1 for r in rows) and all(
        _heading(r[width]) for r in _filled(rows, width + 1)
    ):
        width += 1
    filled = _filled(rows, width)
    repeated = any(a[i] == b[i] for a, b in pairwise(filled) for i in range(width))
    return width if repeated else 0


def _cells(line: Line) -> list[str]:
    """Return a table line's cells."""
    return list(line.cells) if line.cells else line.raw.split("\t")


def _merged_header(headers: list[Line]) -> list[str]:
    """Return the header rows merged by column (策定時 over （R3年度）: 策定時（R3年度））."""
    merged: list[str] = []
    for line in headers:
        for i, cell in enumerate(_cells(line)):
            cell = cell.strip()
            if i >= len(merged):
                merged.append(cell)
            elif cell and cell not in merged[i]:
                merged[i] += cell
    return merged


def _heading_line(cell: str, source: Line) -> Line:
    """Return a heading cell as the heading line a plan would print."""
    numbering = read_numbering(cell)
    assert numbering is not None  # _tree_width read every tree cell as a heading
    return replace(
        source,
        kind="heading",
        raw=cell,
        text=collapse_title(numbering.title),
        style=numbering.style,
        numbers=numbering.numbers,
        word=numbering.word,
        cells=(),
        key="",
    )


def _table_line(source: Line, kind: LineKind, cells: list[str]) -> Line:
    """Return a header or a row of the indicator part of the table."""
    text = "\t".join(cells)
    return replace(source, kind=kind, raw=text, text=text, cells=tuple(cells))


def _names_nothing(cells: list[str]) -> bool:
    """Tell whether a row holds no indicator (its name and values empty or 「―」)."""
    return all(c.strip() in _DASHES for c in cells[:-1]) or cells[0].strip() in _DASHES


def _as_plan(headers: list[Line], body: list[Line], width: int) -> list[Line]:
    """Return the table's rows as headings, and a header and rows under each deepest one."""
    header = _merged_header(headers)[width:]
    rows = _filled([_cells(line) for line in body], width)
    out: list[Line] = []
    previous: list[str] = []
    for line, row in zip(body, rows, strict=True):
        changed = next((i for i in range(width) if row[: i + 1] != previous[: i + 1]), None)
        if changed is not None:
            out += [_heading_line(cell, line) for cell in row[changed:width]]
        if not _names_nothing(row[width:]):
            if changed is not None or out[-1].kind == "heading":
                out.append(_table_line(headers[0], "header", header))
            out.append(_table_line(line, "row", row[width:]))
        previous = row
    return out


def _run_end(lines: list[Line], start: int) -> int:
    """Return where the run of table lines starting at ``start`` ends."""
    end = start
    while end < len(lines) and lines[end].kind in ("header", "row"):
        end += 1
    return end


def _read_run(run: list[Line]) -> list[Line]:
    """Return a run of table lines read as a tree table, or as it was."""
    first = next((i for i, line in enumerate(run) if _heading(_cells(line)[0])), None)
    if not first:
        return run
    body = run[first:]
    width = _tree_width([_cells(line) for line in body])
    return _as_plan(run[:first], body, width) if width else run


def tree_tables(lines: list[Line]) -> list[Line]:
    """Return the lines with every table whose leading columns hold the tree read as the plan's
    headings with the indicator rows under them (see the module docstring)."""
    out: list[Line] = []
    i = 0
    while i < len(lines):
        end = _run_end(lines, i)
        if end == i:
            out.append(lines[i])
            i += 1
            continue
        out += _read_run(lines[i:end])
        i = end
    return out
