"""Period cells at their boundaries: the first year, era year 0 and 元年, spans of one year,
ends before starts, the last day of a month or fiscal year, and forms that mix 年 and 年度.

Each case states the exact period read (start, end, basis, aggregate, day, key) or the exact
reason it is refused.
"""

from __future__ import annotations

import datetime

import pytest

from shisaku.domain.periods import PeriodError, parse_period_key, read_period, stated_era

D = datetime.date


@pytest.mark.parametrize(
    ("text", "start", "end", "basis", "aggregate", "as_of", "key"),
    [
        ("1868年", 1868, 1868, "calendar", "single", None, "CY1868"),
        ("明治元年", 1868, 1868, "calendar", "single", None, "CY1868"),
        ("M1", 1868, 1868, None, "single", None, "Y1868"),
        ("2019~2019年度", 2019, 2019, "fiscal", "single", None, "FY2019"),
        ("2019~23年度", 2019, 2023, "fiscal", "range", None, "FY2019-2023"),
        ("R2~5年度", 2020, 2023, "fiscal", "range", None, "FY2020-2023"),
        ("2019~2023年度平均", 2019, 2023, "fiscal", "average", None, "FY2019-2023avg"),
        ("2019~2023年度の累計", 2019, 2023, "fiscal", "range", None, "FY2019-2023"),
        ("2020年2月29日", 2020, 2020, "calendar", "single", D(2020, 2, 29), "CY2020"),
        ("2021年2月末", 2021, 2021, "calendar", "single", D(2021, 2, 28), "CY2021"),
        ("2020年度末", 2020, 2020, "fiscal", "single", D(2021, 3, 31), "FY2020"),
        ("2020年度末現在", 2020, 2020, "fiscal", "single", D(2021, 3, 31), "FY2020"),
        ("H30年度末時点", 2018, 2018, "fiscal", "single", D(2019, 3, 31), "FY2018"),
        ("2020年末", 2020, 2020, "calendar", "single", D(2020, 12, 31), "CY2020"),
        ("2020/3/31", 2020, 2020, "calendar", "single", D(2020, 3, 31), "CY2020"),
        ("R3.3.31", 2021, 2021, "calendar", "single", D(2021, 3, 31), "CY2021"),
        ("H31年4月1日", 2019, 2019, "calendar", "single", D(2019, 4, 1), "CY2019"),
        ("2020年度（R2年度）", 2020, 2020, "fiscal", "single", None, "FY2020"),
    ],
)
def test_a_period_at_a_boundary_reads_exactly(text, start, end, basis, aggregate, as_of, key):
    period = read_period(text)
    assert (period.start, period.end, period.basis, period.aggregate) == (
        start,
        end,
        basis,
        aggregate,
    )
    assert (period.as_of, period.key(), period.raw) == (as_of, key, text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("1867年", "1867年は明治（1868年）より前です"),
        ("令和0年度", "令和0年という年はありません"),
        ("2023~2019年度", "終わりの年（2019年）が始まりの年（2023年）より前です"),
        ("2098~03年", "終わりの年（2003年）が始まりの年（2098年）より前です"),
        ("2019年度~2023年", "「年」と「年度」が混ざっています"),
        ("2021年2月29日", "2021年2月29日という日はありません"),
        ("2020年度（2021年）", "2020年度は2020年ですが、（2021年）は2021年です"),
        ("2020年2月1日~2021年", "日付の範囲は期間として読めません（年度か年で書いてください）"),
        ("", "空欄です"),
        ("未定", "年を表す数字がありません"),
        ("第2期", "年・年度・範囲（~）・平均のほかに読めない書き方が含まれています"),
    ],
)
def test_a_period_past_a_boundary_is_refused_with_the_reason(text, reason):
    with pytest.raises(PeriodError) as refused:
        read_period(text)
    assert (refused.value.raw, refused.value.reason) == (text, reason)


@pytest.mark.parametrize(
    ("text", "era", "key"),
    [
        ("6年度", "令和", "FY2024"),
        ("2~6年度", "令和", "FY2020-2024"),
        ("R2（2020年度末）", None, "FY2020"),
        ("R2年度（2020）", None, "FY2020"),
    ],
)
def test_a_year_without_its_era_takes_the_page_era_and_a_note_adds_what_it_states(text, era, key):
    assert read_period(text, default_era=era).key() == key


def test_a_note_that_names_the_day_gives_the_period_its_day():
    assert read_period("R2（2020年度末）").as_of == D(2021, 3, 31)


def test_a_page_era_that_is_no_era_leaves_the_year_unreadable():
    with pytest.raises(PeriodError) as refused:
        read_period("6年度", default_era="大正x")
    assert (refused.value.raw, refused.value.reason) == (
        "6年度",
        "年・年度・範囲（~）・平均のほかに読めない書き方が含まれています",
    )


@pytest.mark.parametrize(
    ("text", "era"), [("令和6年度", "令和"), ("H26", "平成"), ("2019年", None)]
)
def test_the_era_a_cell_states_is_found(text, era):
    assert stated_era(text) == era


def test_a_period_key_in_another_shape_is_refused():
    with pytest.raises(PeriodError) as refused:
        parse_period_key("FY20")
    assert (refused.value.raw, refused.value.reason) == ("FY20", "期間キーの形ではありません")
    assert parse_period_key("CY2019-2021") == read_period("2019~2021年")
