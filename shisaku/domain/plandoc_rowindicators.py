"""One row of an indicator table, whatever its dress, becomes one :class:`DocIndicator`.

A row's value cells go to the header's value columns: each is read by the figure-cell reader
(a yearly target left empty or 「→」 sets none and gives no figure), and its period is the
cell's own, else the one a note gives for the row (「※現状値は令和2年の
値」), else the column's.  A year printed without its era takes the era the document last stated
(:mod:`shisaku.domain.plandoc_eras`).  A cell that holds two figures apart (「18.6% 412人
(2022年)」: a share and the count it stands for) is read as its first figure, the second kept
as the figure's scope, the period the cell gives applying to both.  A cell that cannot be read
keeps its text.
"""

from __future__ import annotations

import re
import unicodedata

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.figurecells import FigureCell, read_figure_cell
from shisaku.domain.periods import Period, PeriodError, read_period
from shisaku.domain.plandoc_columns import LEAD_ROLES, VALUE_ROLES, Column
from shisaku.domain.plandoc_eras import EraCarry
from shisaku.domain.plandoc_flatrows import TableRow
from shisaku.domain.values import DIRECTION_WORDS, CellError, Reading

_NOTE_OVERRIDE = re.compile(
    r"(現状値|基準値|目標値|現状|基準)(?:の(?:時点|年度))?(?:は|：|:)\s*(?P<period>[^、。の]+?)"
    r"(?:の値|の数値|時点|現在|のもの|です|。|$)"
)
_MARK_TAIL = re.compile(r"(?:[※＊*][0-9０-９]*)+$")
_LEAD_MARK = re.compile(r"^(?:[・●○◆◇■□◎▪•◦-]|[①-⑳]|[(（][0-9０-９]{1,2}[)）])\s*")
_NEW = frozenset({"新規", "新設", "新規指標"})


def _figure(cell: str, column: Column, override: Period | None, era: EraCarry) -> DocFigure:
    """Read one figure cell; the cell's period, else the override, else the column's.

    A baseline of 「新規」 (a new indicator) states that there is no baseline yet.
    """
    read = _read_cell(cell, era)
    if read is None:
        return DocFigure(cell.strip(), None, override or column.period)
    if read.period is not None:
        era.note(read.period.raw)
    reading = read.reading
    if column.role == "baseline" and reading.label in _NEW:
        reading = Reading(reading.raw, "missing", label=reading.label)
    period = read.period or override or column.period
    return DocFigure(cell.strip(), reading, period, read.scope)


def _read_cell(cell: str, era: EraCarry) -> FigureCell | None:
    """Return a cell read (its first figure when it holds two apart), or None."""
    try:
        return read_figure_cell(cell, default_era=era.era)
    except (CellError, PeriodError):
        return _first_figure(cell, era)


_TWO_FIGURES = re.compile(r"(?P<first>\S+)\s+(?P<second>\S*?[0-9][^\s(（]*)(?P<tail>\s*[(（].*)?")
_LABELLED = re.compile(r"(?P<label>[^\W\d_]*)(?P<figure>[0-9].*)")


def _first_figure(cell: str, era: EraCarry) -> FigureCell | None:
    """Read a cell of two figures apart, the second of another unit or labelled (18.6%
    412人(2022年), 74.8% 全国平均76.2%(2022年度)): the first is the value, the second its scope,
    the period after them both's.  Two figures alike (1,820人 2,000人) stay unread."""
    m = _TWO_FIGURES.fullmatch(cell.strip())
    if m is None:
        return None
    try:
        first = read_figure_cell(m["first"] + (m["tail"] or ""), default_era=era.era)
    except (CellError, PeriodError):
        return None
    if first.reading.kind not in ("number", "rank") or not _other(m["second"], first.reading):
        return None
    scope = "・".join(filter(None, (m["second"], first.scope)))
    return FigureCell(cell, first.reading, first.period, scope, first.marks)


def _other(text: str, first: Reading) -> bool:
    """Tell whether ``text`` is a figure of another kind than ``first``: labelled (全国平均
    76.2%) or of another unit (412人 beside 18.6%)."""
    m = _LABELLED.fullmatch(text)
    if m is None:
        return False
    try:
        second = read_figure_cell(m["figure"]).reading
    except (CellError, PeriodError):
        return False
    return second.kind == "number" and (bool(m["label"]) or second.unit != first.unit)


def clean_name(name: str) -> str:
    """Return an indicator name without a list mark in front or note marks behind it."""
    return _MARK_TAIL.sub("", _LEAD_MARK.sub("", name.strip())).strip()


def note_periods(notes: list[str], era: EraCarry) -> dict[str, Period]:
    """Return the periods notes give for a role: 「※現状値は令和2年の値」 → baseline 2020."""
    found: dict[str, Period] = {}
    for note in notes:
        for m in _NOTE_OVERRIDE.finditer(note):
            try:
                period = read_period(m["period"], default_era=era.era)
            except PeriodError:
                continue
            found["target" if m[1].startswith("目標") else "baseline"] = period
    return found


def row_indicator(row: TableRow, columns: tuple[Column, ...], era: EraCarry) -> DocIndicator:
    """Return the indicator a row states."""
    overrides = note_periods(row.notes, era)
    value_columns = [c for c in columns if c.role in (*VALUE_ROLES, "unit")]
    indicator = DocIndicator(clean_name(row.name), row.line, note=" ".join(row.notes))
    indicator.unit = row.unit
    final = max((n for n, c in enumerate(value_columns) if c.role in _TARGETS), default=-1)
    for n, (column, cell) in enumerate(zip(value_columns, row.cells, strict=False)):
        given = _given_period(row, n, era)
        if column.role == "unit":
            indicator.unit = _unit(cell)
        elif column.role == "baseline":
            indicator.baseline = _figure(cell, column, given or overrides.get("baseline"), era)
        elif column.role in _TARGETS and (n == final or not _unset(cell)):
            figure = _figure(cell, column, given or overrides.get("target"), era)
            indicator.targets.append(figure)
    indicator.unit = indicator.unit or _unit_of(indicator)
    defined = [row.definition] if row.definition else []  # shown last: no word is lost
    indicator.row = "\t".join([row.name, *row.cells, *row.notes, *defined])
    indicator.node_code = _code(row.node_code)
    indicator.definition = row.definition
    indicator.direction = stated_direction(row.direction)
    return indicator


_TARGETS = ("target", "intermediate")
_NO_UNIT = frozenset({"―", "-", "－", "ー", "—", "─", "／", "/"})


def _unit(cell: str) -> str:
    """Return a unit column's cell, "" for a dash (合計特殊出生率 has no unit)."""
    text = cell.strip()
    return "" if text in _NO_UNIT else text


_UNSET = frozenset({"", "→", "⇒", "➡"})


def _unset(cell: str) -> bool:
    """Tell whether a yearly target's cell sets none: empty, or an arrow (「→」: no guide that
    year, the work goes on towards the final target)."""
    return "".join(cell.split()) in _UNSET


def _given_period(row: TableRow, n: int, era: EraCarry) -> Period | None:
    """Return the period a row gives apart for its n-th cell (「現状値の時点、令和元年度」)."""
    text = row.periods[n] if n < len(row.periods) else ""
    try:
        return read_period(text, default_era=era.era) if text else None
    except PeriodError:
        return None


def _code(text: str) -> str:
    """Return a node code as the tree writes it (「１－２」 → 1-2), or "" when it is none."""
    folded = re.sub(r"[‐－ー―−‑–—.・]", "-", unicodedata.normalize("NFKC", text.strip()))
    return folded if re.fullmatch(r"[0-9]{1,3}(?:-[0-9]{1,3})*", folded) else ""


def _unit_of(indicator: DocIndicator) -> str:
    """Return the unit the figures print (% of 62.0%), the target's first."""
    figures = [*indicator.targets[::-1], indicator.baseline]
    return next((f.reading.unit for f in figures if f and f.reading and f.reading.unit), "")


def cells_row(text: str, line: int, columns: tuple[Column, ...]) -> TableRow:
    """Return a tab-separated row as name, value cells and the rest as notes (the cells of the
    plan's levels before the name, 基本目標 | 施策の方向, are the tree's, not the row's)."""
    cells = [c.strip() for c in text.split("\t")]
    by_role = list(zip(columns, cells, strict=False))
    name = next((c for col, c in by_role if col.role == "name"), cells[0])
    values = [c for col, c in by_role if col.role in (*VALUE_ROLES, "unit")]
    kept = (*VALUE_ROLES, "unit", "name", "level", *LEAD_ROLES)
    notes = [c for col, c in by_role if col.role not in kept and c]
    code = next((c for col, c in by_role if col.role == "code"), "")
    direction = next((c for col, c in by_role if col.role == "direction"), "")
    return TableRow(name, values, line, notes, node_code=code, direction=direction)


_ARROWS = {"↑": "increase", "↗": "increase", "↓": "decrease", "↘": "decrease", "→": "maintain"}
_WORDS = {"増加": "increase", "減少": "decrease", "維持": "maintain"}


def stated_direction(cell: str) -> str:
    """Return the direction a direction column states (↑ increase, ↓ decrease, → maintain,
    or 増加/向上, 減少/低下, 維持 in words), or "" when it states none."""
    text = "".join(cell.split())
    if text in _ARROWS:
        return _ARROWS[text]
    return _WORDS.get(DIRECTION_WORDS.get(text, ""), "")
