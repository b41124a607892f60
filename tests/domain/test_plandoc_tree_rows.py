"""The row readers of a 施策体系・成果指標一覧: the plan's levels in the leading columns, then the
indicator's name, unit, baseline and target (the tree itself is plandoc_treetable's)."""

from __future__ import annotations

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.plandoc_columns import columns_of
from shisaku.domain.plandoc_eras import EraCarry
from shisaku.domain.plandoc_rowindicators import cells_row, row_indicator

HEADER = (
    "基本目標\t施策\t施策の方向\t成果指標\t単位\t策定時（令和3年度）\t目標値（令和9年度）\t担当課"
)
ROWS_ONLY = "成果指標\t単位\t策定時（令和3年度）\t目標値（令和9年度）\t担当課"


def shown(figure: DocFigure | None) -> tuple[str, str | None] | None:
    """Return a figure as (value, period key)."""
    if figure is None:
        return None
    return figure.value_text(), figure.period.key() if figure.period else None


def read(header: str, row: str) -> DocIndicator:
    """Return the indicator a row states under a header."""
    columns = columns_of(header.split("\t"))
    return row_indicator(cells_row(row, 6, columns), columns, EraCarry())


def test_the_columns_before_the_names_are_the_plans_levels_never_values() -> None:
    roles = [c.role for c in columns_of(HEADER.split("\t"))]
    assert roles == ["level", "code", "level", "name", "unit", "baseline", "target", "department"]


def test_a_page_column_before_the_names_is_no_level() -> None:
    header = ["分野", "施策", "掲載頁", "指標", "策定時の値", "目標値"]
    assert [c.role for c in columns_of(header)] == [
        "level",
        "code",
        "other",
        "name",
        "baseline",
        "target",
    ]


def test_a_row_after_its_levels_reads_its_name_unit_baseline_and_target() -> None:
    row = (
        "1 安全で安心して暮らせるまち\t1-1 防災体制の充実\t(1) 地域防災力の向上\t"
        "自主防災組織の結成率\t%\t78.4\t90.0\t危機管理課"
    )
    indicator = read(HEADER, row)
    assert (indicator.name, indicator.unit, indicator.note) == (
        "自主防災組織の結成率",
        "%",
        "危機管理課",
    )
    assert (shown(indicator.baseline), shown(indicator.target)) == (
        ("78.4", "FY2021"),
        ("90", "FY2027"),
    )


def test_a_row_without_its_levels_reads_the_same_and_a_cells_own_year_wins() -> None:
    indicator = read(
        ROWS_ONLY, "交通事故の発生件数\t件\t214（令和3年）\t180（令和9年）\t市民安全課"
    )
    assert (indicator.name, indicator.unit) == ("交通事故の発生件数", "件")
    assert (shown(indicator.baseline), shown(indicator.target)) == (
        ("214", "CY2021"),
        ("180", "CY2027"),
    )


def test_a_dash_baseline_of_a_new_indicator_is_no_figure() -> None:
    indicator = read(ROWS_ONLY, "長寿命化改修を終えた校舎の数\t棟\t―\t6\t教育総務課")
    assert indicator.baseline is not None and indicator.baseline.reading is not None
    assert not indicator.baseline.reading.is_known()
    assert (indicator.unit, shown(indicator.target)) == ("棟", ("6", "FY2027"))
