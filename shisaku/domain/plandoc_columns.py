"""The columns of an indicator table, as its header names them.

A header cell gives a column's role (基準値/現状値 → baseline, 目標値 → target, 中間目標値, 単位,
方向性, 担当課, 設定理由, 実績 and 見込 …) and may give the column's period once (「現状値（令和元年
度）」); a cell that is only a year (令和5年度) heads a target for that year.  A table's label
joined to its header as a first column (成果指標 over column names printed one a line) is no
column; a first column headed by the table's label (数値目標 | 単位 | 現状 …) names the
indicators.  Where the header names no baseline, its first year column is the baseline
(令和元年 | 令和3年実績 | … | 5か年目標).  Years between a baseline and a target dated later
than all of them (基準値 (R2年度) | R3年度 | R4年度 | R5年度 | 目標値 (R7年度)) are the actuals of a
progress table, never targets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shisaku.domain.periods import Period, PeriodError, read_period
from shisaku.domain.plandoc_sections import section_key, spoken_to_written

VALUE_ROLES = ("baseline", "intermediate", "target", "actual")
_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("rationale", ("理由", "考え方", "積算", "根拠")),  # before 目標値: 目標値の考え方
    ("unit", ("単位",)),
    ("intermediate", ("中間目標",)),
    ("baseline", ("基準値", "現状値", "現況値", "現在値", "策定時", "基準年度の値", "現状")),
    ("target", ("目標値", "最終目標", "数値目標", "目標")),
    ("actual", ("実績", "見込")),
    ("direction", ("方向性", "目指す方向", "めざす方向", "性質")),  # 指標の性質 ↑ ↓ →
    ("department", ("担当課", "担当")),
    ("definition", ("算出方法", "指標の説明", "定義")),
    ("source", ("出典", "出所")),
    ("other", ("達成状況", "検証結果", "評価", "備考")),
)
_NAME_WORDS = ("指標", "項目", "KPI")


@dataclass(frozen=True)
class Column:
    """One column of an indicator table: its role and the period its header gives."""

    role: str
    label: str = ""
    period: Period | None = None


DEFAULT_COLUMNS = (Column("name"), Column("baseline"), Column("target"))


def _header_period(label: str, era: str | None) -> Period | None:
    """Return the period a header cell gives in parentheses (現状値（令和元年度）), or None."""
    for found in re.findall(r"[(（]([^()（）]+)[)）]", label):
        try:
            return read_period(found, default_era=era)
        except PeriodError:
            continue
    return None


def _year_column(label: str, era: str | None) -> Period | None:
    """Return the period of a header cell that is only a year (R4, 2024年度), or None."""
    try:
        return read_period(label, default_era=era)
    except PeriodError:
        return None


def column_of(label: str, first: bool, era: str | None = None) -> Column:
    """Return the role of a header cell (a year without its era is in ``era``)."""
    text = "".join(spoken_to_written(label).split())
    year = _year_column(text, era)
    if year is not None:
        return Column("target", label, year)
    bare = re.sub(r"[(（][^()（）]*[)）]", "", text)
    if first and _table_label(bare):  # 数値目標 | 単位 | 現状 …: the label heads the names
        return Column("name", label)
    for role, words in _ROLE_WORDS:
        named = first and (role == "other" or any(w in bare for w in _NAME_WORDS))
        if any(w in bare for w in words) and not named:
            return Column(role, label, _header_period(text, era))
    return Column("name" if first or any(w in bare for w in _NAME_WORDS) else "other", label)


def _table_label(text: str) -> bool:
    """Tell whether a header cell is an indicator table's label (数値目標, 成果指標)."""
    found = section_key(text)
    return found is not None and found[0] == "indicators"


_CODE_WORDS = frozenset({"施策", "施策番号", "番号", "コード", "施策コード"})
_CODE_ENDS = ("コード", "番号")  # 主要施策コード, 事業番号
_NUMBER_WORDS = frozenset({"No", "No.", "NO", "no", "№"})  # a row's number, no node's code
LEAD_ROLES = ("number", "code")  # columns that may stand before the name


def _lead_column(label: str) -> Column | None:
    """Return the column of a row number (No) or a node's code (施策), or None."""
    key = "".join(label.split())
    if key in _NUMBER_WORDS:
        return Column("number", label)
    coded = key in _CODE_WORDS or key.endswith(_CODE_ENDS)
    return Column("code", label) if coded else None


def lead_roles(columns: tuple[Column, ...]) -> tuple[str, ...]:
    """Return the roles of the columns before the name when they are all row numbers or codes
    (No | 施策 | 指標名 …), else ()."""
    names = [n for n, c in enumerate(columns) if c.role == "name"]
    lead = tuple(c.role for c in columns[: names[0]]) if names else ()
    return lead if all(r in LEAD_ROLES for r in lead) else ()


TEXT_ROLES = ("rationale", "definition", "source", "other")


def text_columns(columns: tuple[Column, ...]) -> int:
    """Return how many text columns (reasons, sources) follow the last value column: a row's
    text then runs on over sentences and lines."""
    values = [n for n, c in enumerate(columns) if c.role in VALUE_ROLES]
    after = columns[values[-1] + 1 :] if values else ()
    return sum(c.role in TEXT_ROLES for c in after)


def _named_later(header: list[str]) -> bool:
    """Tell whether a column after the first names the indicators (分野 | 施策 | 指標 …)."""
    return any(w in label for label in header[1:] for w in _NAME_WORDS)


def _without_label(header: list[str]) -> list[str]:
    """Return a header without the table's label joined to it as a first column (成果指標 over
    column names printed one a line: 成果指標 | 指標名 | 現状値 | 目標値)."""
    found = section_key("\t".join(header)) if len(header) >= 3 else None
    return list(found[2]) if found and found[2] else header


def columns_of(header: list[str], era: str | None = None) -> tuple[Column, ...]:
    """Return the columns of a header (the default name/baseline/target when there is none).

    When a later column names the indicators (an appendix: 分野 | 施策 | 掲載頁 | 指標 …), the
    first columns are not the name, and a 施策 column holds the code of each row's node (a No
    column the row's number); the other columns before the names hold the plan's levels (role
    ``level``: 基本目標 | 施策の方向 | 成果指標 …), never values.  Text columns of reasons and
    reckoning (指標として設定する理由, 目標値の考え方・積算など) are no value columns.
    """
    header = _without_label(header)
    if not header:
        return DEFAULT_COLUMNS
    later = _named_later(header)
    columns = _levels(
        tuple(
            _lead_column(label) or column_of(label, i == 0 and not later, era)
            for i, label in enumerate(header)
        )
    )
    if not any(c.role in VALUE_ROLES for c in columns):
        return DEFAULT_COLUMNS
    return _progress_years(_year_baseline(columns))


def _levels(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Return the columns with those before the names that hold the plan's levels as levels:
    基本目標 | 施策の方向 | 成果指標 … (基本目標 names a level, not a target column)."""
    names = [n for n, c in enumerate(columns) if c.role == "name"]
    if not names:
        return columns
    return tuple(
        Column("level", c.label) if n < names[0] and _level_column(c) else c
        for n, c in enumerate(columns)
    )


_LEVEL_WORDS = ("目標", "政策", "施策", "分野", "方向", "方針", "柱", "取組")


def _level_column(column: Column) -> bool:
    """Tell whether a column before the names holds one of the plan's levels (基本目標,
    施策の方向, 分野), not a page or a note (掲載頁)."""
    named = any(w in column.label for w in _LEVEL_WORDS)
    return column.role in VALUE_ROLES or (column.role == "other" and named)


def _year_of(column: Column) -> int | None:
    """Return the year a column is headed by alone (令和元年, R4: a target column so far), or
    None for a column named by a word."""
    if column.role != "target" or column.period is None:
        return None
    headed = column.period.raw == "".join(spoken_to_written(column.label).split())
    return column.period.end if headed else None


def _as_role(columns: tuple[Column, ...], role: str, picked: set[int]) -> tuple[Column, ...]:
    """Return the columns with those at ``picked`` given ``role``."""
    return tuple(
        Column(role, c.label, c.period) if n in picked else c for n, c in enumerate(columns)
    )


def _year_baseline(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Return the columns with the first year column as the baseline when the header names
    none and a value column follows it (令和元年 | 令和3年実績 | 5か年目標)."""
    values = [n for n, c in enumerate(columns) if c.role in VALUE_ROLES]
    named = any(columns[n].role == "baseline" for n in values)
    if named or len(values) < 2 or _year_of(columns[values[0]]) is None:
        return columns
    return _as_role(columns, "baseline", {values[0]})


def _progress_years(columns: tuple[Column, ...]) -> tuple[Column, ...]:
    """Return the columns with the years between the baseline and a final target dated later
    than all of them as actuals (基準値 (R2年度) | R3年度 … R5年度 | 目標値 (R7年度)); years that
    run up to the final target's (R4 … R7 | 目標) are yearly targets and stay."""
    roles = [c.role for c in columns]
    if "baseline" not in roles or "target" not in roles:
        return columns
    start, end = roles.index("baseline"), len(roles) - 1 - roles[::-1].index("target")
    final = columns[end].period
    if final is None or _year_of(columns[end]) is not None:
        return columns
    years = {n: y for n in range(start + 1, end) if (y := _year_of(columns[n])) is not None}
    if not years or max(years.values()) >= final.start:
        return columns
    return _as_role(columns, "actual", set(years))


def dated_cells(cells: list[str], periods: list[str]) -> list[str]:
    """Return a header's cells with the periods printed on the line under it (「(R2年度)
    (R7年度)」) put after the columns they date: the value columns named by a word (基準値,
    目標値) when there are as many of them, years between them keeping their own
    (区分 | 基準値 | R3年度 | … | 目標値); else the last columns."""
    undated = [
        n
        for n, cell in enumerate(cells)
        if (column := column_of(cell, n == 0)).role in VALUE_ROLES and column.period is None
    ]
    if len(undated) != len(periods):
        undated = list(range(len(cells)))[-len(periods) :] if periods else []
    out = list(cells)
    for n, period in zip(undated, periods, strict=False):
        out[n] += period
    return out
