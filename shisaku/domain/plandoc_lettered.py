"""Evaluation sheets that list their indicators by letter and give the values apart.

A 施策マネジメントシート (an evaluation sheet) as a PDF gives its text lists each group of
indicators under its label, one letter each, with the name and the unit on the lines below::

    ④ No.成果指標名(意図の達成度を表す指標)      ← the group's label: 成果
    A
    1
    子育てに不安や負担を感じる保護者の
    割合
    %
    B …

and prints the values later, one row a line keyed by the group and the letter, under a header
whose periods may sit on the line below::

    区分 基準値 R3年度 R4年度 R5年度 目標値
    (R2年度) (R7年度)
    成果 A 41.3 39.8 38.2 36.9 30.0

Each value row is tied to the name listed with its letter in the same sheet (the lists seen
since the last value table) and given back as a table typed with tabs: a header 指標名 | 単位 |
the value columns, dated, and a row per indicator.  Rows of a 対象指標 (the size of the group a
施策 serves: context, with no target) are no indicators of the plan: they stay text, before the
table.  A unit glued to the next letter (「人B」, as a PDF's one-character lines are joined) is
the unit of one entry and the start of the next.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace

from shisaku.domain.plandoc_columns import dated_cells
from shisaku.domain.plandoc_flatrows import is_value_cell, join_words
from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_sections import header_columns

_GROUP_LABEL = re.compile(r"(?:^|[\s.．、:：①-⑳])(?P<group>[\u3040-\u30ff\u3400-\u9fff]{1,4})指標")
_LETTER = re.compile(r"^(?P<letter>[A-Z])(?:\s+(?P<name>\S.*))?$")
_UNIT_LETTER = re.compile(r"^(?P<unit>[^\sA-Z]{1,4})(?P<letter>[A-Z])$")
_VALUE_ROW = re.compile(r"^(?P<group>\S{1,4})\s+(?P<letter>[A-Z])\s+(?P<values>\S.*)$")
_PERIODS = re.compile(r"^(?:[(（][^()（）]{2,20}[)）]\s*)+$")
_UNIT_MAX = 4
CONTEXT_GROUPS = frozenset({"対象"})  # 対象指標: the size of the group a 施策 serves
_ENDS = frozenset({"heading", "section", "header", "label"})


@dataclass
class _Entry:
    """One lettered indicator of a list: its name's lines and its unit."""

    letter: str
    lines: list[str] = field(default_factory=list)
    unit: str = ""

    def named(self) -> tuple[str, str] | None:
        """Return (name, unit), the last short line the unit when none was given apart."""
        lines, unit = self.lines, self.unit
        if not unit and len(lines) >= 2 and len(lines[-1]) <= _UNIT_MAX:
            lines, unit = lines[:-1], lines[-1]
        return (join_words(lines), unit) if lines else None


def _text(line: Line) -> str:
    """Return a line's text as matched: NFKC (Ａ → A, ％ → %), trimmed."""
    return unicodedata.normalize("NFKC", line.raw).strip()


def list_group(line: Line) -> str | None:
    """Return the group a list label names (成果 of 「④ No.成果指標名(…)」), or None."""
    if line.kind not in ("heading", "text", "section", "label"):
        return None
    m = _GROUP_LABEL.search(_text(line))
    return m["group"] if m else None


def _value_row(line: Line) -> tuple[str, str, list[str]] | None:
    """Return (group, letter, values) of a row keyed by a letter (「成果 A 41.3 … 30.0」)."""
    m = _VALUE_ROW.match(_text(line))
    if m is None or line.kind not in ("text", "row"):
        return None
    values = m["values"].split()
    return (m["group"], m["letter"], values) if all(map(is_value_cell, values)) else None


def read_list(lines: list[Line], start: int) -> tuple[dict[str, tuple[str, str]], int]:
    """Return the entries of the list whose label is line ``start`` (letter → name and unit)
    and where the list ends."""
    entries: list[_Entry] = []
    i = start + 1
    while i < len(lines) and not _ends_list(lines[i]):
        _take(entries, lines[i])
        i += 1
    named = {e.letter: found for e in entries if (found := e.named()) is not None}
    return named, i


def _ends_list(line: Line) -> bool:
    """Tell whether a line ends a lettered list (the next label, a heading, a table)."""
    return line.kind in _ENDS or list_group(line) is not None or _value_row(line) is not None


def _take(entries: list[_Entry], line: Line) -> None:
    """Take one line of a list: a letter opens an entry, a unit glued to the next letter
    closes one and opens the next, other text continues the open entry."""
    text = _text(line)
    if line.kind in ("page", "blank") or not text or text.isdigit():
        return
    letter, glued = _LETTER.match(text), _UNIT_LETTER.match(text)
    if letter is not None:
        entries.append(_Entry(letter["letter"], [letter["name"]] if letter["name"] else []))
    elif glued is not None and entries:
        entries[-1].unit = glued["unit"]
        entries.append(_Entry(glued["letter"]))
    elif entries:
        entries[-1].lines.append(text)


@dataclass
class _Sheet:
    """The lists of the sheet being read, by group, since the last value table."""

    lists: dict[str, dict[str, tuple[str, str]]] = field(default_factory=dict)


def _header_cells(line: Line) -> list[str]:
    """Return the cells of a table header line, or [] when the line is none."""
    if line.kind != "header":
        return []
    return list(line.cells) or list(header_columns(line.raw))


def _value_table(lines: list[Line], i: int, sheet: _Sheet) -> tuple[list[Line], int] | None:
    """Return the lines a value table at line ``i`` becomes and where it ends, or None when
    no row of it is keyed by a letter listed in the sheet."""
    cells = _header_cells(lines[i])
    j = i + 1
    periods: list[str] = []
    if cells and j < len(lines) and _PERIODS.match(_text(lines[j])):
        periods = re.findall(r"[(（][^()（）]+[)）]", _text(lines[j]))
        j += 1
    keyed: list[tuple[Line, tuple[str, str, list[str]]]] = []
    while cells and j < len(lines) and (row := _value_row(lines[j])) is not None:
        keyed.append((lines[j], row))
        j += 1
    if not any(group in sheet.lists for _, (group, _, _) in keyed):
        return None
    return _rewritten(lines[i], cells, periods, keyed, sheet), j


def _rewritten(
    header: Line,
    cells: list[str],
    periods: list[str],
    keyed: list[tuple[Line, tuple[str, str, list[str]]]],
    sheet: _Sheet,
) -> list[Line]:
    """Return a value table as context lines, then a header and a row per listed indicator."""
    width = max(len(values) for _, (_, _, values) in keyed)
    values = dated_cells(cells[max(len(cells) - width, 0) :], periods)
    head = ("指標名", "単位", *values)
    context: list[Line] = []
    out = [_cells_line(header, "header", head)]
    for line, (group, letter, found) in keyed:
        entry = sheet.lists.get(group, {}).get(letter)
        if entry is None or group in CONTEXT_GROUPS:
            context.append(line)
        else:
            out.append(_cells_line(line, "row", (*entry, *found)))
    return context + out


def _cells_line(line: Line, kind: str, cells: tuple[str, ...]) -> Line:
    """Return ``line`` as a header or row of ``cells``, typed with tabs."""
    text = "\t".join(cells)
    if kind == "header":
        return replace(line, kind="header", raw=text, text=text, cells=cells)
    return replace(line, kind="row", raw=text, text=text, cells=cells)


def lettered_tables(lines: list[Line]) -> list[Line]:
    """Return the lines with each value table keyed by letters read as a table of the
    indicators the sheet lists by those letters (see the module docstring)."""
    out: list[Line] = []
    sheet = _Sheet()
    i = 0
    while i < len(lines):
        group = list_group(lines[i])
        if group is not None:
            sheet.lists[group], end = read_list(lines, i)
            out.extend(lines[i:end])
            i = end
            continue
        table = _value_table(lines, i, sheet)
        if table is not None:
            out.extend(table[0])
            i, sheet = table[1], _Sheet()
            continue
        out.append(lines[i])
        i += 1
    return out
