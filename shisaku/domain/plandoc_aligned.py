"""Tables laid out with spaces, as a PDF copied to text gives an appendix table.

::

    分野        施策   掲載頁   指標                          策定時の値    中間目標    目標値
                                                              (2021年度)    (2024年度)  (2027年度)
    健康・福祉  1-1    P44      特定健康診査の受診率          37.6%         48%         60%
                                週1回以上運動する市民の割合   41.0%         46%         52%
                                                              (2020年度)

The header's column names (two spaces or more apart, two of them table words) give each column's
position, counted in display columns (a kanji is two).  Every line after it is cut the same way
and its pieces go to the column they start under: a line that only continues the name column
continues the name above it (a wrapped name, also on the line of the periods under the values:
「保護者の割合　(R元年度)　(R7年度)」), a period in parentheses under a value is that value's
period, a line of periods under the header gives the columns' periods, and a column before the
names left empty (分野, 施策) repeats the value above it.  A new row has a value in a value
column.  The table ends at a line that fits none of that, or whose words run over the next
column (a project's title, a line of description under the table).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from shisaku.domain.plandoc_columns import VALUE_ROLES, columns_of
from shisaku.domain.plandoc_flatrows import is_value_cell
from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_sections import header_word

_GAP = re.compile(r"\S+(?:\s\S+)*")  # pieces separated by two spaces or more
_PERIOD = re.compile(r"^[(（][^()（）]{2,20}[)）]$")
_CARRIED = 2  # the columns before the names (分野, 施策) that repeat down when left empty


def display_width(text: str) -> int:
    """Return the display width of ``text``: two for wide (kanji, kana, full-width) characters."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def spaced_pieces(raw: str) -> list[tuple[int, str]]:
    """Return the pieces of a line with the display column each starts at (an ideographic
    space is two columns, as wide as a kanji)."""
    text = raw.replace("\u3000", "  ")
    return [(display_width(text[: m.start()]), m[0]) for m in _GAP.finditer(text)]


@dataclass
class _Table:
    """A space-aligned table being read: its column positions, header and rows."""

    starts: list[int]
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)
    lines: list[Line] = field(default_factory=list)
    name: int = 0  # the column of the indicators' names
    values: frozenset[int] = frozenset()  # the columns of values (基準値, 目標値, a year …)

    def column(self, at: int) -> int:
        """Return the column a piece starting at display column ``at`` belongs to: the one
        whose name starts nearest (a copy shifts values a little either way)."""
        return min(range(len(self.starts)), key=lambda n: (abs(self.starts[n] - at), n))

    def overruns(self, at: int, text: str) -> bool:
        """Tell whether a piece starting at ``at`` runs over the start of the column after its
        own."""
        n = self.column(at) + 1
        return n < len(self.starts) and at + display_width(text) > self.starts[n]


def _header(line: Line) -> _Table | None:
    """Return a table started by ``line`` when it is a spaced header of table words."""
    pieces = spaced_pieces(line.original or line.raw)
    if len(pieces) < 3 or sum(header_word(text) for _, text in pieces) < 2:
        return None
    header = [text for _, text in pieces]
    columns = columns_of(header)
    names = [n for n, c in enumerate(columns) if c.role == "name"]
    values = frozenset(n for n, c in enumerate(columns) if c.role in VALUE_ROLES)
    name = names[0] if names else _named(header)
    return _Table([at for at, _ in pieces], header, lines=[line], name=name, values=values)


def _named(header: list[str]) -> int:
    """Return the column of indicator names when no column is named so (the first 指標 one)."""
    return next((n for n, h in enumerate(header) if "指標" in h), len(header) // 2)


def _placed(table: _Table, line: Line) -> list[tuple[int, str]] | None:
    """Return the pieces of a line by column, or None when the line is not part of the table."""
    text = line.original or line.raw
    indented = text.startswith((" ", "\u3000"))
    if line.kind in ("section", "page") or (not indented and len(spaced_pieces(text)) < 3):
        return None
    pieces = spaced_pieces(text)
    if pieces and pieces[0][0] < table.starts[0]:  # it starts left of the table
        return None
    if len(pieces) == len(table.starts):  # a full row: its pieces are the columns, in order
        return list(enumerate(piece for _, piece in pieces))
    if any(table.overruns(at, piece) for at, piece in pieces):
        return None
    return [(table.column(at), piece) for at, piece in pieces]


def _add(table: _Table, placed: list[tuple[int, str]]) -> bool:
    """Add a line's pieces: a new row, or what continues the row (or header) above; tell
    whether the line was the table's."""
    named = [text for n, text in placed if n == table.name]
    periods = all(_PERIOD.match(text) for n, text in placed if n != table.name)
    if periods and len(named) <= 1 and (table.rows or not named):
        target = table.rows[-1] if table.rows else table.header
        for n, text in placed:
            target[n] += text
        return True
    row = [""] * len(table.starts)
    for n, text in placed:
        row[n] = f"{row[n]} {text}".strip()
    if not any(is_value_cell(row[n]) for n in table.values):
        return False
    for n in range(min(_CARRIED, table.name)):
        if not row[n] and table.rows:
            row[n] = table.rows[-1][n]
    table.rows.append(row)
    return True


def _emit(table: _Table) -> list[Line]:
    """Return the table as a header line and one row line per row, with their cells."""
    first = table.lines[0]
    head = "\t".join(table.header)
    out = [replace(first, kind="header", text=head, raw=head, cells=tuple(table.header))]
    out += [
        replace(first, kind="row", text="\t".join(row), raw="\t".join(row), cells=tuple(row))
        for row in table.rows
    ]
    return out


def aligned_tables(lines: list[Line]) -> list[Line]:
    """Return the lines with each space-aligned table read into a header and rows of cells."""
    out: list[Line] = []
    table: _Table | None = None
    for line in lines:
        placed = _placed(table, line) if table is not None else None
        if table is not None and placed and _add(table, placed):
            table.lines.append(line)
            continue
        if table is not None:
            out.extend(_emit(table) if table.rows else table.lines)
        table = _header(line) if line.kind in ("text", "header") else None
        if table is None:
            out.append(line)
    if table is not None:
        out.extend(_emit(table) if table.rows else table.lines)
    return out
