"""Template filters of the report documents: amounts, figures and ratios, unknown kept unknown.

Registered as a builtin of the reports' own template engine (:mod:`shisaku.reports.documents`),
so the templates use them without ``{% load %}``.
"""

from __future__ import annotations

from decimal import Decimal

from django import template

from shisaku.domain.assessment_scales import fmt_percent
from shisaku.reports.model import NOT_ENTERED, FigureCell

register = template.Library()

UNKNOWN = "—"


@register.filter
def yen(value: Decimal | None) -> str:
    """Return an amount in yen with separators, or 「未入力」."""
    return NOT_ENTERED if value is None else f"{value:,.0f}"


@register.filter
def percent(ratio: float | None) -> str:
    """Return an achievement ratio as a percentage, or 「—」 when there is none."""
    return UNKNOWN if ratio is None else fmt_percent(ratio)


@register.filter
def figure(cell: FigureCell | None) -> str:
    """Return a figure as written, or 「—」 when there is none."""
    return UNKNOWN if cell is None or not cell.text else cell.text


@register.filter
def count(counts: dict[str, int], grade: str) -> int:
    """Return the number of indicators with ``grade``."""
    return counts.get(grade, 0)


@register.filter
def total(counts: dict[str, int]) -> int:
    """Return the number of indicators counted."""
    return sum(counts.values())
