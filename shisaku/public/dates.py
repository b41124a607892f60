"""Periods, fiscal years and moments as the pages write them: 西暦 with 和暦 beside, in the
active language (the rules are the domain's :mod:`shisaku.domain.period_labels`)."""

from __future__ import annotations

from datetime import datetime

from django.utils import timezone

from shisaku.domain import period_labels
from shisaku.domain.eras import era_year
from shisaku.domain.period_labels import MONTHS_EN
from shisaku.domain.periods import Period
from shisaku.public import display


def period_text(period: Period) -> str:
    """Return a period in the active language, 西暦 with 和暦 beside."""
    return period_labels.period_text(period, display.english())


def moment_text(when: datetime) -> str:
    """Return when a figure was entered, in local time with the 和暦 year beside the 西暦 one."""
    t = timezone.localtime(when)
    era = era_year(t.year)
    if display.english():
        return f"{t.day} {MONTHS_EN[t.month - 1]} {t.year} ({era.en}) {t:%H:%M}"
    return f"{t.year}年{t.month}月{t.day}日（{era.ja}年）{t:%H:%M}"


def period_label(key: str, english: bool | None = None) -> str:
    """Return the label of a period key or an ISO date (:func:`period_labels.period_label`), in
    English or not as told (default: the active language)."""
    return period_labels.period_label(key, display.english() if english is None else english)


def year_label(year: int) -> str:
    """Return an assessed (fiscal) year in the active language: 2017年度（平成29年度）."""
    return period_labels.year_label(year, display.english())
