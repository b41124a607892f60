"""Reads of programmes (事務事業) for a measure's sheet: amounts, ratings and indicator values."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q

from shisaku.domain.costs import CostSummary, ProgrammeCost, summarise
from shisaku.evaluation.grades import subtree_codes
from shisaku.evaluation.models import (
    Direction,
    Programme,
    ProgrammeIndicator,
    ProgrammeIndicatorValue,
    ProgrammeYear,
    label_ja,
)
from shisaku.plan.models import PlanNode


@dataclass(frozen=True)
class ProgrammeIndicatorView:
    """An activity or outcome indicator of a programme with its planned and actual value."""

    kind: str
    kind_label: str
    name_ja: str
    name_en: str
    unit: str
    planned: Decimal | None
    actual: Decimal | None


@dataclass(frozen=True)
class ProgrammeView:
    """A programme's sheet for one fiscal year (amounts None where not entered)."""

    code: str
    name_ja: str
    name_en: str
    initiative_code: str
    department: str
    period_start: int | None
    period_end: int | None
    fiscal_year: int
    cost: ProgrammeCost
    necessity: str
    effectiveness: str
    efficiency: str
    direction: str
    direction_label: str
    comment_ja: str
    comment_en: str
    indicators: tuple[ProgrammeIndicatorView, ...]


def _indicators(programme_ids: list[int], year: int) -> dict[int, list[ProgrammeIndicatorView]]:
    """Load the indicators of the programmes with their values for ``year``, in two queries."""
    rows = list(ProgrammeIndicator.objects.filter(programme_id__in=programme_ids))
    values = {
        v.indicator_id: v
        for v in ProgrammeIndicatorValue.objects.filter(indicator__in=rows, fiscal_year=year)
    }
    out: dict[int, list[ProgrammeIndicatorView]] = defaultdict(list)
    for r in rows:
        value = values.get(r.pk)
        out[r.programme_id].append(
            ProgrammeIndicatorView(
                r.kind,
                r.get_kind_display(),
                r.name_ja,
                r.name_en,
                r.unit,
                value.planned if value else None,
                value.actual if value else None,
            )
        )
    return out


def _view(
    p: Programme, year: int, y: ProgrammeYear | None, indicators: list[ProgrammeIndicatorView]
) -> ProgrammeView:
    """Return the plain form of a programme and its year."""
    cost = ProgrammeCost(
        p.code,
        y.budget if y else None,
        y.settlement if y else None,
        y.staff_years if y else None,
        y.unit_cost if y else None,
    )
    direction = y.direction if y else ""
    return ProgrammeView(
        code=p.code,
        name_ja=p.name_ja,
        name_en=p.name_en,
        initiative_code=p.initiative.code,
        department=p.department,
        period_start=p.period_start,
        period_end=p.period_end,
        fiscal_year=year,
        cost=cost,
        necessity=y.necessity if y else "",
        effectiveness=y.effectiveness if y else "",
        efficiency=y.efficiency if y else "",
        direction=direction,
        direction_label=label_ja(Direction(direction)) if direction else "",
        comment_ja=y.comment_ja if y else "",
        comment_en=y.comment_en if y else "",
        indicators=tuple(indicators),
    )


def measure_programmes(measure: PlanNode, year: int) -> list[ProgrammeView]:
    """Return the programmes under a measure's initiatives that run in ``year``, by code."""
    running = (Q(period_start__isnull=True) | Q(period_start__lte=year)) & (
        Q(period_end__isnull=True) | Q(period_end__gte=year)
    )
    rows = list(
        Programme.objects.filter(
            running, plan_id=measure.plan_id, initiative__code__in=subtree_codes(measure)
        )
        .select_related("initiative")
        .order_by("code")
    )
    ids = [p.pk for p in rows]
    years = {
        y.programme_id: y
        for y in ProgrammeYear.objects.filter(programme_id__in=ids, fiscal_year=year)
    }
    indicators = _indicators(ids, year)
    return [_view(p, year, years.get(p.pk), indicators[p.pk]) for p in rows]


def summarise_cost(programmes: list[ProgrammeView]) -> CostSummary:
    """Return a measure's cost: the sum over its programmes (see shisaku.domain.costs)."""
    return summarise(p.cost for p in programmes)
