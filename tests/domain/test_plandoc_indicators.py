"""A whole document's indicator rows: codes, one row per indicator, periods stated once for all
tables, and a warning for every cell kept as text and every figure left without a period."""

from __future__ import annotations

import pytest

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.plandoc import PlanReading, read_plan
from shisaku.domain.plandoc_source import document_from_text
from shisaku.domain.plantree import walk

Figure = tuple[str, str | None, str | None]


def read(text: str) -> PlanReading:
    """Read an inline document."""
    return read_plan(document_from_text(text, name="雲雀野町.txt"))


def indicators(reading: PlanReading) -> list[DocIndicator]:
    """Return every indicator row of the document, in order."""
    return [i for n in walk(reading.tree.nodes) for i in n.indicators]


def figure(fig: DocFigure | None) -> Figure | None:
    """Return a figure as (cell text, value, period key)."""
    if fig is None:
        return None
    value = fig.value_text() if fig.reading is not None else None
    return fig.raw, value, fig.period.key() if fig.period is not None else None


def periods(reading: PlanReading) -> list[tuple[str, Figure | None, list[Figure | None]]]:
    """Return every indicator as (code, baseline, targets)."""
    return [
        (i.code, figure(i.baseline), [figure(t) for t in i.targets]) for i in indicators(reading)
    ]


def warnings(reading: PlanReading) -> list[tuple[int, str, str]]:
    """Return the warnings as (line, code, message)."""
    return [(w.line, w.code, w.message) for w in reading.tree.warnings]


UNDATED_HEADER = "成果指標\n指標名\t現状値（令和元年度）\t目標値\n"
TWO_MEASURES = f"""\
1 健やかなまち
目標値は、すべて令和7年度の数値です。
（1）健康づくりの推進
健診を勧めます。
{UNDATED_HEADER}特定健康診査の受診率\t38.6%\t50.0%
がん検診の受診率\t12.0%\t20.0%（令和6年度）
（2）地域医療の充実
かかりつけ医を広めます。
{UNDATED_HEADER}かかりつけ医がいる人の割合\t60.0%\t70.0%
"""


def test_it_codes_each_row_after_its_node_in_order() -> None:
    reading = read(TWO_MEASURES)
    assert [(i.code, i.name) for i in indicators(reading)] == [
        ("1-1.K1", "特定健康診査の受診率"),
        ("1-1.K2", "がん検診の受診率"),
        ("1-2.K1", "かかりつけ医がいる人の割合"),
    ]


def test_a_period_the_document_states_once_dates_every_figure_of_its_kind_without_one() -> None:
    assert periods(read(TWO_MEASURES)) == [
        ("1-1.K1", ("38.6%", "38.6", "FY2019"), [("50.0%", "50", "FY2025")]),
        ("1-1.K2", ("12.0%", "12", "FY2019"), [("20.0%（令和6年度）", "20", "FY2024")]),
        ("1-2.K1", ("60.0%", "60", "FY2019"), [("70.0%", "70", "FY2025")]),
    ]
    assert warnings(read(TWO_MEASURES)) == []


@pytest.mark.parametrize(
    ("statement", "baseline", "target"),
    [
        ("※目標値は、令和7年度の数値です。", None, "FY2025"),
        ("現状値は、原則として令和元年度の数値です。", "FY2019", None),
        ("目標値について、すべて2025年度の値を示しています。", None, "FY2025"),
    ],
)
def test_it_reads_the_statement_of_a_period_for_all_baselines_or_targets(
    statement: str, baseline: str | None, target: str | None
) -> None:
    reading = read(
        f"1 健やかなまち\n{statement}\n（1）健康づくりの推進\n健診を勧めます。\n"
        "成果指標\n指標名\t現状値\t目標値\n特定健康診査の受診率\t38.6%\t50.0%\n"
    )
    assert periods(reading) == [
        ("1-1.K1", ("38.6%", "38.6", baseline), [("50.0%", "50", target)]),
    ]


MERGED = """\
1 健やかなまち
（1）健康づくりの推進
健診を勧めます。
成果指標
特定健康診査の受診率：38.6%→50.0%
指標名\t現状値\t目標値
特定健康診査の受診率\t38.6%（令和元年度）\t50.0%（令和7年度）
"""


def test_it_makes_one_row_of_an_indicator_printed_twice_on_one_node() -> None:
    assert periods(read(MERGED)) == [
        (
            "1-1.K1",
            ("38.6%（令和元年度）", "38.6", "FY2019"),
            [("50.0%（令和7年度）", "50", "FY2025")],
        )
    ]


def test_it_keeps_the_figures_of_the_first_printing_that_say_more() -> None:
    reading = read(
        "1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n成果指標\n"
        "特定健康診査の受診率：38.6%（令和元年度）→50.0%（令和7年度）\n"
        "指標名\t現状値\t目標値\n特定健康診査の受診率\t38.6%\t50.0%\n"
    )
    assert periods(reading) == [
        (
            "1-1.K1",
            ("38.6%（令和元年度）", "38.6", "FY2019"),
            [("50.0%（令和7年度）", "50", "FY2025")],
        )
    ]


NEW_AND_UNREADABLE = """\
1 健やかなまち
（1）健康づくりの推進
健診を勧めます。
成果指標
指標名\t現状値\t目標値（令和7年度）
特定健康診査の受診率\t新規\t50.0%
がん検診の受診率\t12,34%\t20.0%
歯科健診の受診率\t8.0%\t15.0%
"""


def test_it_reads_a_new_indicators_baseline_as_no_baseline_yet() -> None:
    baseline = indicators(read(NEW_AND_UNREADABLE))[0].baseline
    assert baseline is not None and baseline.reading is not None
    assert (baseline.raw, baseline.reading.kind, baseline.reading.is_known()) == (
        "新規",
        "missing",
        False,
    )


def test_it_keeps_an_unreadable_cell_as_text_and_a_figure_without_period_undated() -> None:
    assert periods(read(NEW_AND_UNREADABLE)) == [
        ("1-1.K1", ("新規", "新規", None), [("50.0%", "50", "FY2025")]),
        ("1-1.K2", ("12,34%", None, None), [("20.0%", "20", "FY2025")]),
        ("1-1.K3", ("8.0%", "8", None), [("15.0%", "15", "FY2025")]),
    ]


def test_it_warns_for_each_cell_kept_as_text_and_each_figure_without_a_period() -> None:
    assert [(code, message) for _, code, message in warnings(read(NEW_AND_UNREADABLE))] == [
        (
            "unread_cell",
            "1-1.K2 がん検診の受診率 の基準値『12,34%』は読めないため、文字のまま残しました。",
        ),
        ("undated_figure", "1-1.K3 歯科健診の受診率 の基準値『8.0%』には時点の記載がありません。"),
    ]


def test_each_indicator_carries_the_line_of_its_own_row() -> None:
    reading = read(NEW_AND_UNREADABLE)
    assert [i.line for i in indicators(reading)] == [6, 7, 8]
    assert [line for line, _, _ in warnings(reading)] == [7, 8]


def test_it_keeps_each_row_as_printed_with_its_cells_joined_by_tabs() -> None:
    assert [i.row for i in indicators(read(NEW_AND_UNREADABLE))] == [
        "特定健康診査の受診率\t新規\t50.0%",
        "がん検診の受診率\t12,34%\t20.0%",
        "歯科健診の受診率\t8.0%\t15.0%",
    ]


def test_it_rewrites_flattened_rows_as_tab_rows_of_the_same_words() -> None:
    reading = read(
        "1 健やかなまち\n（1）健康づくりの推進\n健診を勧めます。\n成果指標\n指標名 現状値 目標値\n"
        "特定健康診査の受診率 38.6% (2019年度) 50.0% (2025年度)\n"
    )
    node = next(n for n in walk(reading.tree.nodes) if n.code == "1-1")
    section = node.section("indicators")
    assert section is not None
    assert [(b.kind, b.text) for b in section.blocks] == [
        ("row", "特定健康診査の受診率\t38.6% (2019年度)\t50.0% (2025年度)")
    ]
