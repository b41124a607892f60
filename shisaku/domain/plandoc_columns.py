"""The columns of an indicator table, as its header names them.

A header cell gives a column's role (基準値/現状値 → baseline, 目標値 → target, 中間目標値, 単位,
方向性, 担当課 …) and may give the column's period once (「現状値（令和元年度）」); a cell that is
only a year (令和5年度) heads a target for that year.  A table's label joined to its header as a
first column (成果指標 over column names printed one a line) is no column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shisaku.domain.periods import Period, PeriodError, read_period
from shisaku.domain.plandoc_sections import section_key, spoken_to_written

VALUE_ROLES = ("baseline", "intermediate", "target", "actual")
_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("unit", ("単位",)),
    ("intermediate", ("中間目標",)),
    ("baseline", ("基準値", "現状値", "現況値", "現在値", "策定時", "基準年度の値", "現状")),
    ("target", ("目標値", "最終目標", "数値目標", "目標")),
    ("actual", ("実績",)),
    ("direction", ("方向性", "目指す方向", "めざす方向")),
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


def _header_period(label: str) -> Period | None:
    """Return the period a header cell gives in parentheses (現状値（令和元年度）), or None."""
    for found in re.findall(r"[(（]([^()（）]+)[)）]", label):
        try:
            return read_period(found)
        except PeriodError:
            continue
    return None


def _year_column(label: str) -> Period | None:
    """Return the period of a header cell that is only a year (R4, 2024年度), or None."""
    try:
        return read_period(label)
    except PeriodError:
        return None


def column_of(label: str, first: bool) -> Column:
    """Return the role of a header cell."""
    text = "".join(spoken_to_written(label).split())
    year = _year_column(text)
    if year is not None:
        return Column("target", label, year)
    bare = re.sub(r"[(（][^()（）]*[)）]", "", text)
    for role, words in _ROLE_WORDS:
        named = first and (role == "other" or any(w in bare for w in _NAME_WORDS))
        if any(w in bare for w in words) and not named:
            return Column(role, label, _header_period(text))
    return Column("name" if first or any(w in bare for w in _NAME_WORDS) else "other", label)


_CODE_WORDS = frozenset({"施策", "施策番号", "番号", "No", "No.", "コード", "施策コード"})


def _named_later(header: list[str]) -> bool:
    """Tell whether a column after the first names the indicators (分野 | 施策 | 指標 …)."""
    return any(w in label for label in header[1:] for w in _NAME_WORDS)


def _without_label(header: list[str]) -> list[str]:
    """Return a header without the table's label joined to it as a first column (成果指標 over
    column names printed one a line: 成果指標 | 指標名 | 現状値 | 目標値)."""
    found = section_key("\t".join(header)) if len(header) >= 3 else None
    return list(found[2]) if found and found[2] else header


def columns_of(header: list[str]) -> tuple[Column, ...]:
    """Return the columns of a header (the default name/baseline/target when there is none).

    When a later column names the indicators (an appendix: 分野 | 施策 | 掲載頁 | 指標 …), the
    first columns are not the name, and a 施策 column holds the code of each row's node.
    """
    header = _without_label(header)
    if not header:
        return DEFAULT_COLUMNS
    later = _named_later(header)
    columns = tuple(
        Column("code", label)
        if "".join(label.split()) in _CODE_WORDS
        else column_of(label, i == 0 and not later)
        for i, label in enumerate(header)
    )
    if not any(c.role in VALUE_ROLES for c in columns):
        return DEFAULT_COLUMNS
    return columns
