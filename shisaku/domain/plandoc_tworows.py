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
from shisaku.domain.plandoc_columns import TEXT_ROLES, VALUE_ROLES, columns_of
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
    texts: frozenset[int]  # its text columns after the values (指標の説明, 出典 …)

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
    texts = frozenset(
        n - 1 for n, c in enumerate(columns) if n - 1 > max(values) and c.role in TEXT_ROLES
    )
    starts = tuple(at for at, _ in tier)
    return _Tiers(head[0][1], head[0][0], starts, header, values, texts)


def _name_part(tiers: _Tiers, line: Line) -> tuple[str, list[tuple[int, str]]] | None:
    """Return a line's name piece and the pieces after it when the line starts where the names
    do (a name alone, part of one, or a name with its cells), else None."""
    found = _pieces(line, _NAME_KINDS)
    if not found or abs(found[0][0] - tiers.name_at) > _SHIFT:
        return None
    return found[0][1], found[1:]


def _cells(tiers: _Tiers, found: list[tuple[int, str]]) -> list[str] | None:
    """Return a row's cells from pieces under the second tier's columns, or None when they
    start where the names do or give no value in a value column."""
    if not found or found[0][0] <= tiers.name_at + _SHIFT:
        return None
    if len(found) == len(tiers.starts):  # every column filled: the pieces in order
        row = [text for _, text in found]
    else:
        row = [""] * len(tiers.starts)
        for at, text in found:
            n = tiers.column(at)
            row[n] = f"{row[n]} {text}".strip()
    return row if any(is_value_cell(row[n]) for n in tiers.values) else None


def _row(tiers: _Tiers, lines: list[Line], at: int) -> tuple[list[str], int] | None:
    """Return the cells of the row whose name begins at line ``at`` (its name first) and the
    index after it, or None.  The name may wrap over lines; its cells follow on the line
    under it, or on its own line."""
    names: list[str] = []
    k = at
    while k < len(lines) and len(names) < _WRAPS and (part := _name_part(tiers, lines[k])):
        names.append(part[0])
        k += 1
        if part[1]:  # the name's line carries its cells too
            cells = _cells(tiers, part[1])
            return ([join_words(names), *cells], k) if cells is not None else None
    cells = _cells(tiers, _pieces(lines[k])) if names and k < len(lines) else None
    return ([join_words(names), *cells], k + 1) if cells is not None else None


def _continued(tiers: _Tiers, row: list[str], line: Line) -> bool:
    """Add a line that only continues the row's text columns (a description wrapped onto the
    next line) to the row; tell whether it did."""
    found = _pieces(line)
    placed = [(tiers.column(at), text) for at, text in found if at > tiers.name_at + _SHIFT]
    if not found or len(placed) < len(found) or any(n not in tiers.texts for n, _ in placed):
        return False
    for n, text in placed:
        row[n + 1] = join_words([row[n + 1], text])
    return True


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
        row, first, k = found[0], lines[k], found[1]
        while k < len(lines) and _continued(tiers, row, lines[k]):
            k += 1
        out.append(_line(first, "row", row))
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
