"""Periods, years and days for people: 西暦 with 和暦 beside, in Japanese or English.

The one home of these labels: the public site, the workspace, the API and the reports all show
a period key through :func:`period_label`, so a figure's period reads the same everywhere
(2025年度（令和7年度） / FY2025 (Reiwa 7)). The language is a parameter, never read from a
request: the interfaces pass the language of the page (the API and the reports are Japanese).
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from shisaku.domain.eras import era_year
from shisaku.domain.periods import Period, PeriodError, parse_period_key

MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _era_span_en(period: Period) -> str:
    """Return the era years of a period in English: Heisei 26, Reiwa 3–Reiwa 8."""
    first, last = era_year(period.start).en, era_year(period.end).en
    return first if period.start == period.end else f"{first}–{last}"


def period_text(period: Period, english: bool = False) -> str:
    """Return a period, 西暦 with 和暦 beside: 2019年度（令和元年度） / FY2019 (Reiwa 1)."""
    if english:
        return f"{period.label_en()} ({_era_span_en(period)})"
    return period.label_ja()


def date_text(day: date, english: bool = False) -> str:
    """Return a date a figure was taken on: 2018年5月1日現在 / as of 1 May 2018."""
    if english:
        return f"as of {day.day} {MONTHS_EN[day.month - 1]} {day.year}"
    return f"{day.year}年{day.month}月{day.day}日現在"


@lru_cache(maxsize=4096)
def period_label(key: str, english: bool = False) -> str:
    """Return the label of a period key (FY2019, CY2017) or an ISO date (2018-05-01), else the
    key itself (remembered: a page repeats its periods)."""
    try:
        return period_text(parse_period_key(key), english)
    except PeriodError:
        pass
    try:
        return date_text(date.fromisoformat(key), english)
    except ValueError:
        return key


def year_label(year: int, english: bool = False) -> str:
    """Return a fiscal year: 2017年度（平成29年度） / FY2017 (Heisei 29)."""
    return period_text(Period(year, year, "fiscal"), english)
