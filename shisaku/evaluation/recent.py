"""Reads across published plans for the home and municipality pages: what changed lately, and
what each plan holds (indicators, empty indicator tables of its source).

Only published data is read: current figures of published plans (when they were entered) and
evaluations with the status ``published`` (when they were published).  Both are stamped by the
data revision (every write raises it), so a page keyed on it shows a new figure on the next
request.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from django.db.models import Count

from shisaku.evaluation.models import Evaluation
from shisaku.indicators.models import Figure, Indicator
from shisaku.plan.models import ContextStatistic, PlanStatus, Section

UpdateKind = Literal["figure", "evaluation"]
RECENT = 10  # how many updates the home page lists


@dataclass(frozen=True)
class Update:
    """One recent change to published data: a figure entered or an evaluation published."""

    kind: UpdateKind
    at: datetime
    municipality_code: str
    municipality_ja: str
    municipality_en: str
    plan_slug: str
    code: str  # the indicator's or the measure's code
    title_ja: str
    title_en: str
    figure_kind: str = ""  # baseline, target or actual
    period: str = ""  # the figure's period key
    raw: str = ""  # the figure as written
    fiscal_year: int = 0  # the evaluation's year


@dataclass(frozen=True)
class PlanFacts:
    """How many indicators a plan has, how many indicator tables of its source were empty and
    how many statistics were read from its prose."""

    indicators: int
    empty_indicator_tables: int
    statistics: int


def recent_updates(limit: int = RECENT) -> list[Update]:
    """Return the latest changes to published data, newest first (two queries)."""
    found = [*_figure_updates(limit), *_evaluation_updates(limit)]
    found.sort(key=lambda u: (u.at, u.kind, u.code), reverse=True)
    return found[:limit]


def _figure_updates(limit: int) -> list[Update]:
    """Return the latest current figures of published plans."""
    rows = (
        Figure.objects.filter(is_current=True, indicator__plan__status=PlanStatus.PUBLISHED)
        .select_related("indicator__plan__municipality")
        .order_by("-entered_at", "-id")[:limit]
    )
    return [
        Update(
            "figure",
            f.entered_at,
            f.indicator.plan.municipality.code,
            f.indicator.plan.municipality.name_ja,
            f.indicator.plan.municipality.name_en,
            f.indicator.plan.slug,
            f.indicator.code,
            f.indicator.name_ja,
            f.indicator.name_en,
            figure_kind=f.kind,
            period=f.period,
            raw=f.raw,
        )
        for f in rows
    ]


def _evaluation_updates(limit: int) -> list[Update]:
    """Return the latest published evaluations of published plans."""
    rows = (
        Evaluation.objects.filter(
            status="published",
            published_at__isnull=False,
            plan__status=PlanStatus.PUBLISHED,
        )
        .select_related("plan__municipality", "node")
        .order_by("-published_at", "-id")[:limit]
    )
    return [
        Update(
            "evaluation",
            e.published_at,
            e.plan.municipality.code,
            e.plan.municipality.name_ja,
            e.plan.municipality.name_en,
            e.plan.slug,
            e.node.code,
            e.node.title_ja,
            e.node.title_en,
            fiscal_year=e.fiscal_year,
        )
        for e in rows
        if e.published_at is not None
    ]


def plan_facts(plan_ids: list[int]) -> dict[int, PlanFacts]:
    """Return the counts of :class:`PlanFacts` of each plan (three queries)."""
    indicators = dict(
        Indicator.objects.filter(plan_id__in=plan_ids)
        .values_list("plan_id")
        .annotate(n=Count("id"))
        .values_list("plan_id", "n")
    )
    empty = dict(
        Section.objects.filter(node__plan_id__in=plan_ids, key="indicators", state="empty")
        .values_list("node__plan_id")
        .annotate(n=Count("id"))
        .values_list("node__plan_id", "n")
    )
    statistics = dict(
        ContextStatistic.objects.filter(block__section__node__plan_id__in=plan_ids)
        .values_list("block__section__node__plan_id")
        .annotate(n=Count("id"))
        .values_list("block__section__node__plan_id", "n")
    )
    return {
        i: PlanFacts(indicators.get(i, 0), empty.get(i, 0), statistics.get(i, 0)) for i in plan_ids
    }
