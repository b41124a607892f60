"""Properties of the period reader: any cell gives a Period or a PeriodError; every period's key
reads back to the same period; a period written as plans write it (西暦 or 和暦, 年度 or 年,
ranges, 平均) reads to the period it names; a day however written keeps that day and falls in
its calendar and fiscal year; and only a period stating the other basis gets a warning.
"""

from __future__ import annotations

import calendar
import datetime

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shisaku.domain.eras import era_year
from shisaku.domain.periods import (
    FIRST_YEAR,
    Period,
    PeriodError,
    basis_conflict,
    fiscal_year,
    parse_period_key,
    period_in_basis,
    read_period,
)

YEARS = st.integers(FIRST_YEAR, 2100)  # 和暦 years have two digits: 令和82 is 2100
BASES = st.sampled_from(["fiscal", "calendar", None])
CELL_CHARS = st.sampled_from(
    list("0123456789０１２年度令和平成昭和元HRSrh~〜-（）()平均累計末時点現在FYfy/.月日 ")
)


@st.composite
def periods(draw: st.DrawFn) -> Period:
    """Return a valid period: one year, or a range or an average over several."""
    start = draw(YEARS)
    end = draw(st.integers(start, min(start + 10, 2100)))
    aggregate = "single" if start == end else draw(st.sampled_from(["range", "average"]))
    return Period(start, end, draw(BASES), aggregate)


@settings(max_examples=500)
@given(
    st.one_of(st.text(), st.text(CELL_CHARS, max_size=14)),
    st.sampled_from(["fiscal", "calendar", None]),
)
def test_any_cell_gives_a_period_or_a_period_error(text, basis):
    try:
        period = read_period(text, default_basis=basis)
    except PeriodError as error:
        assert error.raw == text
        assert "例:" in str(error)
        return
    assert FIRST_YEAR <= period.start <= period.end
    assert parse_period_key(period.key()) == period


@given(st.text())
def test_any_key_gives_a_period_or_a_period_error(text):
    try:
        period = parse_period_key(text)
    except PeriodError:
        return
    assert period.key() == text


@settings(max_examples=300)
@given(periods())
def test_every_period_key_reads_back_to_the_same_period(period):
    assert parse_period_key(period.key()) == period
    assert parse_period_key(period.key()).key() == period.key()


def _western(period: Period) -> str:
    """Return a period as plans write it in 西暦: 2019年度, 2019~2023年度平均, 2019年."""
    suffix = {"fiscal": "年度", "calendar": "年", None: ""}[period.basis]
    span = str(period.start) if period.aggregate == "single" else f"{period.start}~{period.end}"
    return span + suffix + ("平均" if period.aggregate == "average" else "")


def _japanese(period: Period) -> str:
    """Return a period in 和暦: 令和元年度, 平成31~令和3年度, 令和3〜8年度平均."""
    suffix = {"fiscal": "年度", "calendar": "年", None: ""}[period.basis]
    first = era_year(period.start).ja
    if period.aggregate == "single":
        return first + suffix
    last = era_year(period.end)
    end = str(last.year) if last.era == era_year(period.start).era else last.ja
    return f"{first}〜{end}{suffix}{'平均' if period.aggregate == 'average' else ''}"


@settings(max_examples=300)
@given(periods(), st.booleans())
def test_a_period_written_as_plans_write_it_reads_to_that_period(period, japanese):
    text = _japanese(period) if japanese else _western(period)
    assert read_period(text).key() == period.key()


@given(periods())
def test_a_parenthesised_era_year_that_agrees_is_accepted(period):
    assume(period.aggregate == "single" and period.basis == "fiscal")
    text = f"{period.start}年度（{era_year(period.start).ja}年度）"
    assert read_period(text).key() == period.key()


@given(YEARS, st.integers(1, 5))
def test_an_end_before_the_start_is_refused_naming_both_years(start, back):
    end = start - back
    try:
        read_period(f"{start}~{end}年度")
    except PeriodError as error:
        assert str(start) in str(error)
    else:
        raise AssertionError("accepted a range whose end is before its start")


DAYS = st.dates(datetime.date(FIRST_YEAR, 1, 1), datetime.date(2100, 12, 31))


def _day_texts(day: datetime.date) -> list[str]:
    """Return the ways plans write a day: 2021年3月31日, 2021/3/31, 令和3年3月31日現在, R3.3.31."""
    era = era_year(day.year)
    letter = era.era.name_en[0]
    return [
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}/{day.month}/{day.day}",
        f"{day:%Y-%m-%d}",
        f"{era.ja}年{day.month}月{day.day}日現在",
        f"{letter}{era.year}.{day.month}.{day.day}",
    ]


@settings(max_examples=300)
@given(DAYS, st.integers(0, 4))
def test_a_day_however_written_keeps_its_day_and_falls_in_its_years(day, form):
    period = read_period(_day_texts(day)[form])
    assert (period.key(), period.as_of) == (f"CY{day.year}", day)
    assert period_in_basis(period, "fiscal").key() == f"FY{fiscal_year(day)}"
    assert period_in_basis(period, "calendar").key() == f"CY{day.year}"
    assert basis_conflict(period, "fiscal") is None


@given(st.integers(FIRST_YEAR, 2100), st.integers(1, 12))
def test_a_month_end_is_the_last_day_of_that_month(year, month):
    last = calendar.monthrange(year, month)[1]
    assert read_period(f"{year}年{month}月末").as_of == datetime.date(year, month, last)


@given(periods(), st.sampled_from(["fiscal", "calendar"]))
def test_only_a_period_stating_the_other_basis_gets_a_warning(period, basis):
    warning = basis_conflict(period, basis)
    assert (warning is None) == (period.basis in (None, basis))
    assert period_in_basis(period, basis).basis == (period.basis or basis)
