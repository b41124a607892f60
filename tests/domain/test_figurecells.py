"""Whole figure cells as plan tables print them: a value with its period, scope and marks."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest

from shisaku.domain.figurecells import FigureCell, read_figure_cell
from shisaku.domain.periods import PeriodError, read_period
from shisaku.domain.values import CellError, read_value

# text, value, unit, qualifier, period key (None: no period), scope, marks
CASES = [
    ("1.38(H28)", "1.38", "", "", "Y2016", "", ""),
    ("62.0%（2019年度）", "62.0", "%", "", "FY2019", "", ""),
    ("1,204人(令和元年)", "1204", "人", "", "CY2019", "", ""),
    ("8件(累計)", "8", "件", "", None, "累計", ""),
    ("90%(全世帯)", "90", "%", "", None, "全世帯", ""),
    ("1.44(※) (2019年)", "1.44", "", "", "CY2019", "", "※"),
    ("4,386人 (2015~2019年累計)", "4386", "人", "", "CY2015-2019", "", ""),
    ("120件 (2021~2026年度累計)", "120", "件", "", "FY2021-2026", "", ""),
    ("2,205千人 (2019年度)", "2205", "千人", "", "FY2019", "", ""),
    ("1.38 (H30)", "1.38", "", "", "Y2018", "", ""),
    ("56.7% (2020年度)", "56.7", "%", "", "FY2020", "", ""),
    ("15件 (2019年度)", "15", "件", "", "FY2019", "", ""),
    ("1,890人 (2021~2026年度平均)", "1890", "人", "", "FY2021-2026avg", "", ""),
    ("1.38(2019(平成31)年度)", "1.38", "", "", "FY2019", "", ""),
    ("1.38(2019)", "1.38", "", "", "Y2019", "", ""),
    # a period before the value
    ("R1 1.38", "1.38", "", "", "Y2019", "", ""),
    ("2019年度 62.0%", "62.0", "%", "", "FY2019", "", ""),
    ("2019年度62.0%", "62.0", "%", "", "FY2019", "", ""),
    ("令和元年度：1.38", "1.38", "", "", "FY2019", "", ""),
    ("令和2年4月1日現在 1,204人", "1204", "人", "", "CY2020", "", ""),
    ("(R6) 1.50", "1.50", "", "", "Y2024", "", ""),
    ("R1 5", "5", "", "", "Y2019", "", ""),
    # a period after the value without brackets
    ("1,204人 令和元年", "1204", "人", "", "CY2019", "", ""),
    # only a value
    ("1.50", "1.50", "", "", None, "", ""),
    ("1.50※1", "1.50", "", "", None, "", "※1"),
    ("1.50 ※1", "1.50", "", "", None, "", "※1"),
    ("1.38（H28）＊1", "1.38", "", "", "Y2016", "", "*1"),
    ("※1 1.38 ※2", "1.38", "", "", None, "", "※1※2"),
    # notes stay with the value; other words are scope
    ("1.06（暫定）", "1.06", "", "暫定", None, "", ""),
    ("3,823人(2019年度)(見込)", "3823", "人", "見込", "FY2019", "", ""),
    ("約2,600名（見込）(2019年度)", "2600", "名", "約・見込", "FY2019", "", ""),
    ("62.0%(2019年度・全世帯)", "62.0", "%", "", "FY2019", "全世帯", ""),
    ("1,820人（目標）", "1820", "人", "", None, "目標", ""),
    ("5地区(第2期)(速報値)", "5", "地区", "速報", None, "第2期", ""),
    ("8件 累計", "8", "件", "", None, "累計", ""),
    ("3万5千人（2020年）", "35000", "人", "", "CY2020", "", ""),
]
TEXTS = [case[0] for case in CASES]


@pytest.mark.parametrize(
    ("text", "value", "unit", "qualifier", "key", "scope", "marks"), CASES, ids=TEXTS
)
def test_it_reads_a_figure_cell_as_plan_tables_print_it(
    text, value, unit, qualifier, key, scope, marks
):
    cell = read_figure_cell(text)
    reading = cell.reading
    assert (reading.value, reading.unit, reading.qualifier) == (Decimal(value), unit, qualifier)
    assert str(reading.value) == value
    assert (cell.period.key() if cell.period else None) == key
    assert (cell.scope, cell.marks, cell.raw) == (scope, marks, text)


@pytest.mark.parametrize(
    ("text", "kind", "label", "key"),
    [
        ("― (2019年度)", "missing", "―", "FY2019"),
        ("", "missing", "", None),
        ("※", "missing", "", None),
        ("全国平均以上(R14)", "reference", "全国平均", "Y2032"),
        ("策定（令和5年度）", "qualitative", "策定", "FY2023"),
        ("県内上位5位以内 (2026年度)", "rank", "県内", "FY2026"),
        ("現状維持(R7)", "qualitative", "現状維持", "Y2025"),
        ("小学生 85.6 / 中学生 82.6 (2019年度)", "multi", "", "FY2019"),
    ],
)
def test_it_reads_values_that_are_not_numbers_with_their_period(text, kind, label, key):
    cell = read_figure_cell(text)
    assert (cell.reading.kind, cell.reading.label) == (kind, label)
    assert (cell.period.key() if cell.period else None) == key


@pytest.mark.parametrize(
    "text", ["1.50", "1,820人", "  約2,600名  ", "1.06（暫定）", "―", "国語： 5地区 算数： 2地区"]
)
def test_a_cell_that_is_only_a_value_reads_exactly_as_read_value_reads_it(text):
    cell = read_figure_cell(text)
    assert cell == FigureCell(text, read_value(text), None)
    assert cell.reading.raw == text


@pytest.mark.parametrize(
    ("text", "period_raw", "value_raw"),
    [
        ("1.38(H28)", "H28", "1.38"),
        ("62.0%（２０１９年度）", "2019年度", "62.0%"),
        ("令和元年度：1.38", "令和元年度", "1.38"),
    ],
)
def test_the_parts_keep_their_own_normalised_text(text, period_raw, value_raw):
    cell = read_figure_cell(text)
    assert cell.period is not None
    assert (cell.period.raw, cell.reading.raw) == (period_raw, value_raw)


@pytest.mark.parametrize(
    ("text", "basis", "key"),
    [("1.38(H28)", "fiscal", "FY2016"), ("R1 1.38", "calendar", "CY2019")],
)
def test_a_period_without_a_basis_takes_the_default(text, basis, key):
    cell = read_figure_cell(text, default_basis=basis)
    assert cell.period is not None
    assert cell.period.key() == key


def test_a_dated_cell_keeps_its_day():
    cell = read_figure_cell("1,204人（令和3年3月末現在）")
    assert cell.period == read_period("2021年")
    assert cell.period is not None
    assert cell.period.as_of == datetime.date(2021, 3, 31)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1,820人 2,000人 (2019年度)", "ラベルのない数値が2つ以上あります"),
        ("1,820人 2,000人", "ラベルのない数値が2つ以上あります"),
        ("0.90 1.40", "ラベルのない数値が2つ以上あります"),
        ("abc(2019年度)", "数値でも日本語の語句でもありません"),
        ("1万2万人(2019年度)", "万・億・千の位取りが正しくありません"),
        ("2019年度", "値がありません（期間だけが書かれています）"),
        ("(2019年度)", "値がありません（期間だけが書かれています）"),
        ("R5", "値がありません（期間だけが書かれています）"),
    ],
)
def test_it_refuses_a_cell_whose_value_cannot_be_read(text, reason):
    with pytest.raises(CellError) as caught:
        read_figure_cell(text)
    assert caught.value.raw == text
    assert caught.value.reason.startswith(reason)
    assert str(caught.value).startswith(f"『{text}』は値として読めません。")


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1.38(H28)(2017年)", "期間が2つあります（『H28』と『2017年』）"),
        ("R1 1.38 (2020年度)", "期間が2つあります（『R1』と『2020年度』）"),
        ("1.38(2021年2月30日)", "2021年2月30日という日はありません"),
        ("1.38(2023~2019年度)", "終わりの年（2019年）が始まりの年（2023年）より前です"),
    ],
)
def test_it_refuses_two_periods_that_differ_or_a_period_written_wrongly(text, reason):
    with pytest.raises(PeriodError) as caught:
        read_figure_cell(text)
    assert (caught.value.raw, caught.value.reason) == (text, reason)


def test_two_ways_of_writing_the_same_period_are_one_period():
    cell = read_figure_cell("R1 1.38 (2019)")
    assert cell.period is not None
    assert cell.period.key() == "Y2019"


@pytest.mark.parametrize(
    ("text", "value", "unit", "key", "scope"),
    [
        ("全校(14校) (2026年度)", "14", "校", "FY2026", "全校"),
        ("全員（120人）", "120", "人", None, "全員"),
    ],
)
def test_a_word_target_reads_as_the_number_it_counts_in_parentheses(text, value, unit, key, scope):
    cell = read_figure_cell(text)
    period = cell.period.key() if cell.period else None
    assert (str(cell.reading.value), cell.reading.unit, period, cell.scope) == (
        value,
        unit,
        key,
        scope,
    )


@pytest.mark.parametrize("text", ["増加(5%)", "策定(令和5年度)", "全国平均(76.2%)"])
def test_a_direction_a_dated_word_or_a_reference_keeps_its_reading(text):
    assert read_figure_cell(text).reading.kind in ("qualitative", "reference")
