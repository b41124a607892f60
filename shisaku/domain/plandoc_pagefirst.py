"""An indicator table a page prints before its heading belongs to that page's heading.

A page whose indicators stand in a sidebar comes out of a text copy with the sidebar first::

    - 43 -                          ← the foot of the page before
    成果指標                         ← this page's sidebar
    指標名 …  現状値 …  目標値 …
    推進担当 こども未来部
    政策2 子ども・子育て             ← this page's headings
    施策2-1 安心して子どもを産み育てられる環境づくり
    現状認識 …

Read in order, the table would belong to the heading before it, on the page before.  A block
that opens a page with an indicator table (its label or its header) and runs up to the page's
first heading is moved after that heading and the headings printed right under it (施策2-1 under
政策2): the sidebar is the page's own.  A table the page before left open (its rows run on over
the page break, its header printed again) is that table's continuation and stays; and only a
document that prints every table so has its sidebars first (where tables follow their headings,
a table at the top of a page belongs to the heading on the page before).

Pages are known where the document marks them: a PDF's page numbers, a form feed, or a page
number line at a page's foot (「- 43 -」).
"""

from __future__ import annotations

from shisaku.domain.plandoc_lines import Line

_TABLE_LINES = frozenset({"header", "row"})


def _opens_table(line: Line) -> bool:
    """Tell whether ``line`` opens an indicator table: its label or its header."""
    return line.kind == "header" or (line.kind == "section" and line.key == "indicators")


def _in_table(line: Line) -> bool:
    """Tell whether ``line`` is part of a table (a page that ends in it leaves it open)."""
    return line.kind in _TABLE_LINES or _opens_table(line)


def page_starts(lines: list[Line], breaks: set[int]) -> set[int]:
    """Return the positions of the lines that start a page: after a page break (``breaks``:
    the positions of lines a page number was dropped before), a form feed, or a new PDF page."""
    starts = set(breaks)
    for i, line in enumerate(lines):
        fed = line.original.startswith("\f")
        turned = i > 0 and line.page != lines[i - 1].page
        if fed or turned:
            starts.add(i)
    return starts


def _move(lines: list[Line], start: int, end: int) -> list[Line] | None:
    """Return the lines with the table block opening the page at ``start`` (which ends at
    ``end``) moved after the page's first headings, or None when the page has no heading."""
    first = next((i for i in range(start, end) if lines[i].kind == "heading"), None)
    if first is None or first == start:
        return None
    last = first
    while last + 1 < end and lines[last + 1].kind == "heading":
        last += 1
    block = lines[start:first]
    return lines[:start] + lines[first : last + 1] + block + lines[last + 1 :]


def _tables(lines: list[Line]) -> set[int]:
    """Return where the document's indicator tables open (a continuation is none)."""
    return {
        i
        for i, line in enumerate(lines)
        if _opens_table(line) and not (i > 0 and _in_table(lines[i - 1]))
    }


def _pages(lines: list[Line], breaks: set[int]) -> list[tuple[int, int]]:
    """Return each page as (start, end) positions."""
    starts = sorted(page_starts(lines, breaks) | {0})
    return list(zip(starts, [*starts[1:], len(lines)], strict=True))


def tables_to_their_page(lines: list[Line], breaks: set[int]) -> list[Line]:
    """Return the lines with every indicator table that opens a page before its heading moved
    under that heading, where the document prints all its tables so (see the module
    docstring): in a document whose tables follow their headings, a table at the top of a page
    before the next measure's heading is the end of the measure before."""
    tables = _tables(lines)
    pages = [(a, b) for a, b in _pages(lines, breaks) if a in tables]
    first = [(a, b) for a, b in pages if any(x.kind == "heading" for x in lines[a:b])]
    if not first or len(first) != len(tables):
        return lines
    out = list(lines)
    for start, end in first:
        out = _move(out, start, end) or out
    return out
