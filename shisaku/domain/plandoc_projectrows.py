"""Project rows whose cells wrap onto the next line, in a table laid out with spaces.

A narrow column makes a project table's cells run on below their row::

     番号  事業名                      事業概要                                       担当課
      1    がん検診・特定健診同日     休日を含む年4回、村民センターで特定健診とがん   保健福祉課
           実施事業                   検診を同時に行う。
      2    ゲートキーパー養成事業     民生委員や商店主を対象に、悩みの聞き方を学ぶ     保健福祉課
                                      講座を各地区で開く。

A line whose pieces (two spaces or more apart) each start where one of the row's cells starts
(within a display column; a kanji is two wide) continues those cells: the name 「がん検診・特定
健診同日」 + 「実施事業」, the summary over two lines.  It must continue two cells, or one after the
name: a single piece under the name is the project's description (plandoc_projects), and a
line that fills every column is a row of its own.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from shisaku.domain.plandoc_lines import Line

_PIECE = re.compile(r"\S+(?:\s\S+)*")  # pieces separated by two spaces or more
_SLACK = 1  # display columns a wrapped piece may stand off its cell's start


def display_width(text: str) -> int:
    """Return the display width of ``text``: two for wide (kanji, kana, full-width) characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def pieces(raw: str) -> list[tuple[int, str]]:
    """Return the pieces of a line with the display column each starts at (an ideographic
    space is as wide as a kanji)."""
    text = raw.replace("\u3000", "  ")
    return [(display_width(text[: m.start()]), m[0]) for m in _PIECE.finditer(text)]


@dataclass(frozen=True)
class RowLayout:
    """Where a project row's name and cells start, in display columns."""

    name: int
    cells: tuple[int, ...]


def row_layout(row: Line) -> RowLayout | None:
    """Return where the name and the cells of a project row (read from spaced text) start, or
    None when its pieces are not its name and cells one for one."""
    if row.cells and "\t" in (row.original or row.raw):
        return None
    found = pieces(row.original or row.raw)
    at = next((k for k, (_, text) in enumerate(found) if text.endswith(row.text)), None)
    if at is None or len(found) - at - 1 != len(row.cells):
        return None
    return RowLayout(found[at][0], tuple(start for start, _ in found[at + 1 :]))


def _column(layout: RowLayout, start: int) -> int | None:
    """Return the cell a piece starting at ``start`` continues: -1 for the name, else the
    cell's index, or None when it stands under none."""
    columns = [(layout.name, -1), *((at, n) for n, at in enumerate(layout.cells))]
    return next((n for at, n in columns if abs(at - start) <= _SLACK), None)


def wrapped(row: Line, layout: RowLayout, line: Line) -> Line | None:
    """Return ``row`` with the cells ``line`` continues (see the module docstring), or None
    when ``line`` is no continuation of them."""
    text = line.original or line.raw
    if line.kind not in ("text", "bullet", "heading") or not text[:1].isspace():
        return None
    found = pieces(text)
    if len(found) > len(layout.cells):  # it fills every column: a row of its own
        return None
    columns = [_column(layout, start) for start, _ in found]
    if not found or None in columns or len(set(columns)) < len(columns):
        return None
    if len(found) < 2 and columns[0] == -1:
        return None
    title, cells = row.text, list(row.cells)
    for n, (_, piece) in zip(columns, found, strict=True):
        assert n is not None
        if n < 0:
            title += piece
        else:
            cells[n] += piece
    return replace(row, text=title, cells=tuple(cells))
