"""Indicator tables in every dress a plan prints them, read through read_plan."""

from __future__ import annotations

from shisaku.domain.docindicators import DocFigure
from shisaku.domain.plandoc import PlanReading, read_plan
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import Node, walk

Figure = tuple[str, str | None, str | None]
Row = tuple[str, str, Figure | None, list[Figure]]

# A field and a measure that owns the table under it (lines 1-3; the table starts at line 4).
HEAD = "1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n"


def read(text: str) -> PlanReading:
    """Read an inline document."""
    return read_plan(document_from_text(text, name="雲雀野町.txt"))


def measure(reading: PlanReading) -> Node:
    """Return the measure 1-1 that owns the table."""
    return next(n for n in walk(reading.tree.nodes) if n.code == "1-1")


def figure(fig: DocFigure | None) -> Figure | None:
    """Return a figure as (cell text, value, period key)."""
    if fig is None:
        return None
    value = fig.value_text() if fig.reading is not None else None
    return fig.raw, value, fig.period.key() if fig.period is not None else None


def rows(table: str) -> list[Row]:
    """Return the indicator rows of the measure as (name, unit, baseline, targets)."""
    node = measure(read(HEAD + table))
    return [
        (i.name, i.unit, figure(i.baseline), [figure(t) for t in i.targets])
        for i in node.indicators
    ]


KENSHIN = ("特定健康診査の受診率", "%")
GAN = ("がん検診の受診率", "%")

# --- cells: tab rows ------------------------------------------------------------------------------


def test_it_reads_tab_rows_with_the_periods_the_header_gives_and_a_cells_own_period() -> None:
    assert rows(
        "成果指標\n指標名\t現状値（令和元年度）\t目標値（令和7年度）\n"
        "特定健康診査の受診率\t38.6%\t50.0%\nがん検診の受診率\t12.0%（令和2年度）\t20.0%\n"
    ) == [
        (*KENSHIN, ("38.6%", "38.6", "FY2019"), [("50.0%", "50", "FY2025")]),
        (*GAN, ("12.0%（令和2年度）", "12", "FY2020"), [("20.0%", "20", "FY2025")]),
    ]


def test_it_reads_a_unit_column_and_an_intermediate_target_before_the_final_one() -> None:
    assert rows(
        "成果指標\n指標名\t単位\t現状値（令和元年度）\t中間目標値（令和4年度）\t目標値（令和7年度）\n"
        "特定健康診査の受診率\t%\t38.6\t45.0\t50.0\n"
    ) == [
        (
            *KENSHIN,
            ("38.6", "38.6", "FY2019"),
            [("45.0", "45", "FY2022"), ("50.0", "50", "FY2025")],
        )
    ]


def test_it_reads_a_column_headed_by_a_year_as_a_target_for_that_year() -> None:
    assert rows(
        "成果指標\n指標名\t現状値（令和元年度）\t令和5年度\t令和7年度\n"
        "特定健康診査の受診率\t38.6%\t45.0%\t50.0%\n"
    ) == [
        (
            *KENSHIN,
            ("38.6%", "38.6", "FY2019"),
            [("45.0%", "45", "FY2023"), ("50.0%", "50", "FY2025")],
        )
    ]


def test_it_reads_an_indicator_name_without_its_list_mark_and_note_mark() -> None:
    assert rows(
        "成果指標\n指標名\t現状値（令和元年度）\t目標値（令和7年度）\n"
        "①特定健康診査の受診率※1\t38.6%\t50.0%\n"
    ) == [(*KENSHIN, ("38.6%", "38.6", "FY2019"), [("50.0%", "50", "FY2025")])]


def test_it_reads_a_second_header_in_the_same_section_as_the_columns_of_the_rows_after_it() -> None:
    assert rows(
        "成果指標\n指標名\t現状値\t目標値\n特定健康診査の受診率\t38.6%\t50.0%\n"
        "指標名\t現状値（令和元年度）\t目標値（令和7年度）\nがん検診の受診率\t12.0%\t20.0%\n"
    ) == [
        (*KENSHIN, ("38.6%", "38.6", None), [("50.0%", "50", None)]),
        (*GAN, ("12.0%", "12", "FY2019"), [("20.0%", "20", "FY2025")]),
    ]


def test_it_reads_a_tab_row_whose_target_equals_its_baseline() -> None:
    assert rows(
        "成果指標\n指標名\t現状値（令和元年度）\t目標値（令和7年度）\n自治会加入率\t50.0%\t50.0%\n"
    ) == [("自治会加入率", "%", ("50.0%", "50", "FY2019"), [("50.0%", "50", "FY2025")])]


# --- flattened: spaces, one line, one cell a line ----------------------------------------------


EXPECTED_FLAT: list[Row] = [
    (*KENSHIN, ("38.6% (2019年度)", "38.6", "FY2019"), [("50.0% (2025年度)", "50", "FY2025")]),
    (*GAN, ("12.0% (2019年度)", "12", "FY2019"), [("20.0% (2025年度)", "20", "FY2025")]),
]


def test_it_reads_rows_flattened_with_spaces_and_a_period_after_each_value() -> None:
    assert (
        rows(
            "成果指標\n指標名 現状値 目標値\n"
            "特定健康診査の受診率 38.6% (2019年度) 50.0% (2025年度)\n"
            "がん検診の受診率 12.0% (2019年度) 20.0% (2025年度)\n"
        )
        == EXPECTED_FLAT
    )


def test_it_reads_a_whole_table_printed_on_one_line() -> None:
    assert (
        rows(
            "成果指標\n指標名 現状値 目標値\n"
            "特定健康診査の受診率 38.6% (2019年度) 50.0% (2025年度) "
            "がん検診の受診率 12.0% (2019年度) 20.0% (2025年度)\n"
        )
        == EXPECTED_FLAT
    )


def test_it_reads_a_table_printed_one_cell_a_line() -> None:
    assert rows(
        "成果指標\n指標名 現状値 目標値\n特定健康診査の受診率\n38.6%\n（2019年度）\n50.0%\n"
        "（2025年度）\nがん検診の受診率\n12.0%\n（2019年度）\n20.0%\n（2025年度）\n"
    ) == [
        (
            *KENSHIN,
            ("38.6% （2019年度）", "38.6", "FY2019"),
            [("50.0% （2025年度）", "50", "FY2025")],
        ),
        (*GAN, ("12.0% （2019年度）", "12", "FY2019"), [("20.0% （2025年度）", "20", "FY2025")]),
    ]


def test_it_reads_a_flattened_row_under_a_header_that_gives_the_periods() -> None:
    assert rows(
        "成果指標\n指標名 現状値（令和元年度） 目標値（令和7年度）\n"
        "特定健康診査の受診率 38.6% 50.0%\n"
    ) == [(*KENSHIN, ("38.6%", "38.6", "FY2019"), [("50.0%", "50", "FY2025")])]


# --- arrows and labelled values -----------------------------------------------------------------


def test_it_reads_arrow_rows_of_name_baseline_and_target() -> None:
    assert rows(
        "成果指標\n特定健康診査の受診率：38.6%（令和元年度）→50.0%（令和7年度）\n"
        "がん検診の受診率：12.0%（令和元年度）→20.0%（令和7年度）\n"
    ) == [
        (
            *KENSHIN,
            ("38.6%（令和元年度）", "38.6", "FY2019"),
            [("50.0%（令和7年度）", "50", "FY2025")],
        ),
        (*GAN, ("12.0%（令和元年度）", "12", "FY2019"), [("20.0%（令和7年度）", "20", "FY2025")]),
    ]


def test_it_reads_a_screen_readers_arrow_row_after_its_label() -> None:
    assert rows("まちづくり指標、特定健康診査の受診率、38.6%、右矢印、50.0%\n") == [
        (*KENSHIN, ("38.6%", "38.6", None), [("50.0%", "50", None)])
    ]


def test_it_reads_a_row_that_names_each_value() -> None:
    assert rows("成果指標\n特定健康診査の受診率 現状値 38.6% 目標値 50.0%\n") == [
        (*KENSHIN, ("38.6%", "38.6", None), [("50.0%", "50", None)])
    ]


def test_it_reads_a_screen_readers_row_with_the_period_of_each_value() -> None:
    assert rows(
        "成果指標\n特定健康診査の受診率、現状ちの時点、令和元年度、現状ち、38.6%、"
        "目標ちの時点、令和7年度、目標ち、50.0%\n"
    ) == [(*KENSHIN, ("38.6%", "38.6", "FY2019"), [("50.0%", "50", "FY2025")])]


# --- notes that override the header's period ----------------------------------------------------


def test_a_note_in_a_note_column_overrides_the_period_of_the_header() -> None:
    assert rows(
        "成果指標\n指標名\t現状値（令和元年度）\t目標値（令和7年度）\t備考\n"
        "特定健康診査の受診率\t38.6%\t50.0%\t※現状値は令和2年の値\n"
    ) == [(*KENSHIN, ("38.6%", "38.6", "CY2020"), [("50.0%", "50", "FY2025")])]


def test_a_note_after_the_only_flattened_row_overrides_its_baseline_period() -> None:
    assert rows(
        "成果指標\n指標名 現状値（令和元年度） 目標値（令和7年度）\n"
        "特定健康診査の受診率 38.6% 50.0%\n※現状値は令和2年の値\n"
    ) == [(*KENSHIN, ("38.6%", "38.6", "CY2020"), [("50.0%", "50", "FY2025")])]


def test_a_note_between_flattened_rows_overrides_the_row_before_it() -> None:
    assert rows(
        "成果指標\n指標名 現状値（令和元年度） 目標値（令和7年度）\n"
        "特定健康診査の受診率 38.6% 50.0%\n※現状値は令和2年の値\nがん検診の受診率 12.0% 20.0%\n"
    ) == [
        (*KENSHIN, ("38.6%", "38.6", "CY2020"), [("50.0%", "50", "FY2025")]),
        (*GAN, ("12.0%", "12", "FY2019"), [("20.0%", "20", "FY2025")]),
    ]


def test_a_note_under_a_tab_row_overrides_the_period_of_the_header() -> None:
    assert rows(
        "成果指標\n指標名\t現状値（令和元年度）\t目標値（令和7年度）\n"
        "特定健康診査の受診率\t38.6%\t50.0%\n※現状値は令和2年の値\n"
    ) == [(*KENSHIN, ("38.6%", "38.6", "CY2020"), [("50.0%", "50", "FY2025")])]


# --- a label that shares a line or a name with the column names ---------------------------------


def test_it_reads_a_label_and_its_column_names_on_one_line() -> None:
    assert rows(
        "成果指標 指標名 基準値（令和元年度） 目標値（令和7年度）\n"
        "特定健康診査の受診率\t38.6%\t50.0%\n"
    ) == [(*KENSHIN, ("38.6%", "38.6", "FY2019"), [("50.0%", "50", "FY2025")])]


def test_it_reads_a_label_over_column_names_printed_one_a_line() -> None:
    assert rows(
        "成果指標\n指標名\n現状値\n（令和元年度）\n目標値\n（令和7年度）\n"
        "特定健康診査の受診率\t38.6%\t50.0%\n"
    ) == [(*KENSHIN, ("38.6%", "38.6", "FY2019"), [("50.0%", "50", "FY2025")])]


def test_it_reads_column_names_printed_one_a_line_with_their_periods() -> None:
    assert rows(
        "指標名\n現状値\n（令和元年度）\n目標値\n（令和7年度）\n特定健康診査の受診率\t38.6%\t50.0%\n"
    ) == [(*KENSHIN, ("38.6%", "38.6", "FY2019"), [("50.0%", "50", "FY2025")])]
