"""Ruled tables of a PDF page (indicator tables): one line per row, with its cells.

pdfplumber finds tables from the page's ruling lines; the text of each cell is read here from
the page's cleaned characters (overprint removed), so that a cell reads like the rest of the
page.  Table finding is slow, so it runs only on a page that draws lines or rectangles.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from shisaku.documents.pdf_chars import Char, is_bold
from shisaku.documents.pdf_lines import PageLine, join_cell_lines, join_words, rows_of, words_of

Box = tuple[float, float, float, float]  # x0, top, x1, bottom


@dataclass(frozen=True, slots=True)
class TableBlock:
    """A table found on a page: its box and its rows as lines (``cells`` set)."""

    box: Box
    rows: tuple[PageLine, ...]


def _inside(char: Char, box: Box) -> bool:
    """Return whether the middle of ``char`` lies in ``box``."""
    x: float = (char["x0"] + char["x1"]) / 2
    y: float = (char["top"] + char["bottom"]) / 2
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def cell_text(chars: Sequence[Char]) -> str:
    """Return the text of one cell: its lines joined (no separator between Japanese lines)."""
    return join_cell_lines([join_words(row) for row in rows_of(words_of(chars))])


def _row_line(cells: Sequence[Box | None], chars: Sequence[Char]) -> PageLine | None:
    """Return one table row as a line, or None when every cell is empty.

    A row that is one cell across the whole table (a framed heading ruled onto the table, a
    group title) is a plain line: its text without cells.
    """
    boxes = [b for b in cells if b]
    row: Box = (
        min(b[0] for b in boxes),
        min(b[1] for b in boxes),
        max(b[2] for b in boxes),
        max(b[3] for b in boxes),
    )
    inside = [c for c in chars if _inside(c, row)]
    texts = tuple(cell_text([c for c in inside if _inside(c, b)]) if b else "" for b in cells)
    if not any(texts):
        return None
    whole = len(boxes) == 1 < len(cells)
    return PageLine(
        text="".join(texts) if whole else "\t".join(texts),
        x0=row[0],
        top=row[1],
        x1=row[2],
        bottom=row[3],
        size=round(max((c["size"] for c in inside), default=0.0), 2),
        bold=sum(1 for c in inside if is_bold(c)) * 2 > len(inside),
        cells=() if whole else texts,
    )


def _block(table: Any, chars: Sequence[Char]) -> TableBlock | None:
    """Return a pdfplumber table as a block of row lines, or None for a mere frame."""
    rows = table.rows
    if max((len([c for c in row.cells if c]) for row in rows), default=0) < 2:
        return None  # a framed paragraph or heading, not a table
    x0, top, x1, bottom = table.bbox
    box = (float(x0), float(top), float(x1), float(bottom))
    mine = [c for c in chars if _inside(c, box)]
    lines = (_row_line(row.cells, mine) for row in rows)
    return TableBlock(box=box, rows=tuple(line for line in lines if line))


def has_rules(page: Any) -> bool:
    """Return whether a page draws any line or rectangle (a table needs them)."""
    objects = page.objects
    return bool(objects.get("line") or objects.get("rect"))


def find_tables(page: Any, chars: Sequence[Char]) -> tuple[list[TableBlock], list[Char]]:
    """Return the ruled tables of ``page`` and the characters outside them."""
    if not has_rules(page):
        return [], list(chars)
    blocks = [b for b in (_block(t, chars) for t in page.find_tables()) if b and b.rows]
    rest = [c for c in chars if not any(_inside(c, b.box) for b in blocks)]
    return blocks, rest
