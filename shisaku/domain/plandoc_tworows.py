"""Indicator tables printed two lines a row, under a header of two tiers.

::

      指標名
            単位    現状値（令和５年度）    目標値（令和11年度）    指標の説明
      地域の見守り活動に参加している市民の割合
            ％      18.6                    25.0                    市民意識調査で…
      週１回以上開かれる通いの場に参加している高齢者の
      割合
            ％      4.8                     8.0                     参加者数÷65歳以上人口

The header's first tier names the indicators alone on its line (指標名); its second tier, set
further in, names the other columns (単位, 現状値, 目標値, 指標の説明) where they start.  Each row
is printed the same way: its name on a line of its own at the first tier's place (a name wrapped
onto a second line stays one name), then its cells on one line under the second tier's columns.
Read apart, the name and unit would run together and every value would fall one column off;
read here back into one header line and one row line per row, with their cells, as a table typed
with tabs is read (a text column after the values, 指標の説明, becomes the row's note).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from shisaku.domain.plandoc_aligned import spaced_pieces
from shisaku.domain.plandoc_columns import VALUE_ROLES, columns_of
from shisaku.domain.plandoc_flatrows import is_value_cell, join_words
from shisaku.domain.plandoc_lines import Line, LineKind
from shisaku.domain.plandoc_sections import header_word, names_indicators

_KINDS = frozenset({"text", "header", "row"})  # what a line of such a table is classified as
_NAME_KINDS = _KINDS | {"heading"}  # a name may read as a heading (「週１回以上…」)
_SHIFT = 1  # how far a copy may shift a name from the first tier's place
_WRAPS = 3  # the most lines a name is printed over


@dataclass(frozen=True)
class _Tiers:
    """A two-tier header: the name tier's label and place, the second tier's columns."""

    label: str
    name_at: int  # the display column the names start at
    starts: tuple[int, ...]  # the display columns the second tier's columns start at
    header: tuple[str, ...]
    values: frozenset[int]  # the second tier's columns of values (基準値, 目標値 …)

    def column(self, at: int) -> int:
        """Return the second-tier column a piece starting at ``at`` belongs to (the nearest)."""
        return min(range(len(self.starts)), key=lambda n: (abs(self.starts[n] - at), n))


def _pieces(line: Line, kinds: frozenset[str] = _KINDS) -> list[tuple[int, str]]:
    """Return a line's pieces with their display columns, or [] for a line of another kind."""
    return spaced_pieces(line.original or line.raw) if line.kind in kinds else []


def _tiers(first: Line, second: Line) -> _Tiers | None:
    """Return the header two lines print when the first names the indicators alone and the
    second, set further in, names two value columns or more."""
    head, tier = _pieces(first), _pieces(second)
    if len(head) != 1 or len(tier) < 2 or not names_indicators(head[0][1]):
        return None
    if tier[0][0] <= head[0][0] or sum(header_word(text) for _, text in tier) < 2:
        return None
    header = tuple(text for _, text in tier)
    columns = columns_of([head[0][1], *header])
    values = frozenset(n - 1 for n, c in enumerate(columns) if n and c.role in VALUE_ROLES)
    if columns[0].role != "name" or not values:
        return None
    return _Tiers(head[0][1], head[0][0], tuple(at for at, _ in tier), header, values)


def _name_part(tiers: _Tiers, line: Line) -> str | None:
    """Return a line's text when it is (part of) a row's name: one piece where the names
    start."""
    found = _pieces(line, _NAME_KINDS)
    placed = len(found) == 1 and abs(found[0][0] - tiers.name_at) <= _SHIFT
    return found[0][1] if placed else None


def _cells(tiers: _Tiers, line: Line) -> list[str] | None:
    """Return a row's cells under the second tier's columns, or None when the line has no
    value in a value column or starts where the names do."""
    found = _pieces(line)
    if not found or found[0][0] <= tiers.name_at:
        return None
    if len(found) == len(tiers.starts):  # every column filled: the pieces in order
        row = [text for _, text in found]
    else:
        row = [""] * len(tiers.starts)
        for at, text in found:
            n = tiers.column(at)
            row[n] = f"{row[n]} {text}".strip()
    return row if any(is_value_cell(row[n]) for n in tiers.values) else None


def _row(tiers: _Tiers, lines: list[Line], at: int) -> tuple[Line, int] | None:
    """Return the row whose name begins at line ``at`` and the index after it, or None."""
    names: list[str] = []
    k = at
    while k < len(lines) and len(names) < _WRAPS and (part := _name_part(tiers, lines[k])):
        names.append(part)
        k += 1
    cells = _cells(tiers, lines[k]) if names and k < len(lines) else None
    if cells is None:
        return None
    return _line(lines[at], "row", [join_words(names), *cells]), k + 1


def _line(line: Line, kind: LineKind, cells: list[str]) -> Line:
    """Return ``line`` as a header or row of cells, joined by tabs."""
    text = "\t".join(cells)
    return replace(line, kind=kind, text=text, raw=text, cells=tuple(cells))


def _table(lines: list[Line], at: int) -> tuple[list[Line], int] | None:
    """Return the two-tier table whose header begins at line ``at`` (a header line and its
    rows) and the index after it, or None when none begins there."""
    tiers = _tiers(lines[at], lines[at + 1]) if at + 1 < len(lines) else None
    if tiers is None:
        return None
    out = [_line(lines[at + 1], "header", [tiers.label, *tiers.header])]
    k = at + 2
    while (found := _row(tiers, lines, k)) is not None:
        out.append(found[0])
        k = found[1]
    return (out, k) if len(out) > 1 else None


def two_tier_tables(lines: list[Line]) -> list[Line]:
    """Return the lines with each table printed two lines a row read into rows of cells."""
    out: list[Line] = []
    at = 0
    while at < len(lines):
        found = _table(lines, at)
        if found is None:
            out.append(lines[at])
            at += 1
            continue
        out.extend(found[0])
        at = found[1]
    return out
