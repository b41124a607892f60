"""The grid of a Word table: which cell element fills each column of each row.

Merged cells are **left empty** beyond their first position, the way pdfplumber gives the
tables of a PDF, so that a Word row and a PDF row of the same table look alike: a cell that
spans columns (``w:gridSpan``) gives its text to its first column and "" to the others, and a
cell that continues a vertical merge (``w:vMerge`` without ``restart``) is "" (the text stays
in the row where the merge starts).  Every row is as wide as the table grid, with
``w:gridBefore`` / ``w:gridAfter`` columns and a short row's missing columns empty.
"""

from __future__ import annotations

from collections.abc import Iterator

from shisaku.documents.word_xml import Element, attr, child, children, int_val, is_w

_ROW_WRAPPERS = ("sdt", "sdtContent", "customXml")


def _wrapped(container: Element, local: str) -> Iterator[Element]:
    """Yield the ``w:local`` children of ``container``, also inside content controls."""
    for item in container:
        if is_w(item, local):
            yield item
        elif is_w(item, *_ROW_WRAPPERS):
            yield from _wrapped(item, local)


def table_rows(table: Element) -> Iterator[Element]:
    """Yield the rows of a ``w:tbl`` that are not tracked deletions."""
    for row in _wrapped(table, "tr"):
        if child(child(row, "trPr"), "del") is None:
            yield row


def _continues_merge(cell: Element) -> bool:
    """Tell whether ``cell`` continues a vertical merge begun in a row above."""
    merge = child(child(cell, "tcPr"), "vMerge")
    return merge is not None and attr(merge) in (None, "continue")


def row_grid(table: Element, row: Element) -> list[Element | None]:
    """Return one entry per grid column: the cell that shows its text there, or None."""
    row_pr = child(row, "trPr")
    grid: list[Element | None] = [None] * (int_val(row_pr, "gridBefore") or 0)
    for cell in _wrapped(row, "tc"):
        span = max(1, int_val(child(cell, "tcPr"), "gridSpan") or 1)
        grid.append(None if _continues_merge(cell) else cell)
        grid.extend([None] * (span - 1))
    grid.extend([None] * (int_val(row_pr, "gridAfter") or 0))
    width = len(children(child(table, "tblGrid"), "gridCol"))
    return grid + [None] * (width - len(grid))
