"""Period cells at their boundaries: the first year, era year 0 and 元年, spans of one year,
ends before starts, the last day of a month or fiscal year, and forms that mix 年 and 年度.

Each case states the exact period read (start, end, basis, aggregate, day, key) or the exact
reason it is refused.
"""

from __future__ import annotations

import datetime

import pytest

from shisaku.domain.periods import PeriodError, read_period

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
    ],
)
def test_a_period_past_a_boundary_is_refused_with_the_reason(text, reason):
    with pytest.raises(PeriodError) as refused:
        read_period(text)
    assert refused.value.reason == reason
