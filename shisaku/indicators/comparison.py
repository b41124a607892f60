"""Reads for comparing municipalities: the indicators that share a common code, and national values.

Only published plans are read.  For each municipality the newest published plan holding an
indicator with the code gives its row, graded as its own pages grade it (the plan's method,
the plan's latest year with an actual).  National values are never made up: they are figures
the system already holds with a source, either

- a prose statistic of a published plan for the area 国 whose label is the catalogue's name
  (青森市's 「合計特殊出生率は、2017年は1.40と国の1.43よりも低水準」 gives 1.43 for 2017), or
- a breakdown row named 全国 (全国値, 国, 全国平均) of an indicator with the code (in any
  published plan, also on a prefecture's comparison), with its source.

A fixed number of queries, whatever the number of municipalities: nationwide seven (five when
the caller has read the plans, one fewer when no prose label names the statistic); in one
prefecture two more, as only its own plans' indicators are read in full: of the other
municipalities only what can hold a national value is read (their indicators with the code,
to choose each one's as the nationwide comparison does, then just those indicators' national
rows, filtered in SQL), never all their figures.  A publishing run compares every common code
in every prefecture: the national values of the municipalities outside the prefecture, and the
prose's, are read once per code for the plans the run read (:func:`_kept_nationally`), and
handed out again on the other prefectures' pages with no query.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple, TypeVar

from django.db.models import Max

from shisaku.domain import common_indicators
from shisaku.domain.assessment import config_from_setting
from shisaku.domain.periods import PeriodError, parse_period_key
from shisaku.domain.prefectures import prefecture_code
from shisaku.indicators.assessing import IndicatorResult, grade_indicator
from shisaku.indicators.models import Figure, Indicator
from shisaku.indicators.queries import (
    CURRENT_ORDER,
    NUMERIC_KINDS,
    FigureView,
    IndicatorView,
    with_figures,
)
from shisaku.plan.models import ContextStatistic
from shisaku.plan.queries import MunicipalityInfo, PlanInfo, municipalities

NATIONAL_AREAS = frozenset({"国", "全国", "全国値", "全国平均"})


@dataclass(frozen=True)
class Compared:
    """One municipality's indicator with the code, graded in its plan's year."""

    plan: PlanInfo
    result: IndicatorResult
    year: int

    @property
    def view(self) -> IndicatorView:
        """Return the indicator."""
        return self.result.indicator

    @property
    def latest(self) -> FigureView | None:
        """Return the latest whole-area actual holding a number (「未公表」 is never shown)."""
        return latest_number(self.view)


@dataclass(frozen=True)
class NationalValue:
    """A national figure the system holds, with where it is stated.

    ``node_code``, ``section`` and ``block`` (from 1) place a prose statistic; ``indicator_code``
    a breakdown row of an indicator.  ``source`` is the figure's own source, where it has one.
    """

    plan: PlanInfo
    period: str
    period_end: int
    raw: str
    value: Decimal
    unit: str
    source: str = ""
    node_code: str = ""
    section: str = ""
    block: int = 0
    indicator_code: str = ""


@dataclass(frozen=True)
class Comparison:
    """Every municipality's row for a common code (by municipality code) and national values."""

    common: common_indicators.CommonIndicator
    rows: list[Compared]
    national: list[NationalValue]


def latest_number(view: IndicatorView) -> FigureView | None:
    """Return the latest whole-area actual that holds a number, or None."""
    found = [f for f in view.of_kind("actual") if not f.breakdown and f.number() is not None]
    return max(found, key=lambda f: (f.period_end, f.period_start)) if found else None


def published_plans(towns: list[MunicipalityInfo] | None = None) -> dict[int, PlanInfo]:
    """Return every published plan by id (of ``towns``, else read: two queries)."""
    every = municipalities(published_only=True) if towns is None else towns
    return {p.id: p for town in every for p in town.plans if p.meta.status == "published"}


def in_prefecture(plans: dict[int, PlanInfo], prefecture: str | None) -> dict[int, PlanInfo]:
    """Keep the plans of one prefecture's municipalities (all of them for None)."""
    return {
        i: p
        for i, p in plans.items()
        if prefecture is None or prefecture_code(p.municipality_code) == prefecture
    }


def common_codes(plans: dict[int, PlanInfo]) -> dict[str, set[str]]:
    """Return, for each common code used by ``plans``, the municipalities using it: one query."""
    rows = Indicator.objects.filter(plan_id__in=plans).exclude(common_code="")
    out: dict[str, set[str]] = {}
    for plan_id, code in rows.values_list("plan_id", "common_code").distinct():
        if common_indicators.find(code) is not None:  # a code since taken out of the catalogue
            out.setdefault(code, set()).add(plans[plan_id].municipality_code)
    return out


def compare(
    code: str, prefecture: str | None = None, everywhere: dict[int, PlanInfo] | None = None
) -> Comparison | None:
    """Return the comparison of ``code`` (in one prefecture, or nationwide), or None if unknown.

    ``everywhere`` is every published plan, when the caller has read them.  Only the plans
    compared are read in full; of the others, only what can hold a national value.
    """
    common = common_indicators.find(code)
    if common is None:
        return None
    everywhere = published_plans() if everywhere is None else everywhere
    local = in_prefecture(everywhere, prefecture)
    here = _indicators_of(code, local)
    years = _default_years({p.id for p, _ in here}, local)
    compared = [_graded(p, v, years[p.id]) for p, v in here]
    rows = _national_rows(here) + _held_elsewhere(code, everywhere, local)
    rows.sort(key=lambda n: n.plan.municipality_code)  # by town, as if all were read at once
    stated = _kept_nationally(
        ("stated", code), everywhere, lambda: _stated_nationally(common, everywhere)
    )
    national = stated + rows
    return Comparison(common, compared, sorted(national, key=lambda n: -n.period_end))


def _held_elsewhere(
    code: str, everywhere: dict[int, PlanInfo], local: dict[int, PlanInfo]
) -> list[NationalValue]:
    """Return the national rows of the municipalities outside ``local``: those of every
    municipality (:func:`_national_rows_of`, kept for ``everywhere``) but the local ones.

    A municipality's plans are all in ``local`` or none is, so its newest plan among the others
    is its newest among all, and the rows are those :func:`_national_rows_of` would read."""
    if len(local) == len(everywhere):
        return []  # nationwide: none elsewhere (nothing read, as before)
    every = _kept_nationally(
        ("held", code), everywhere, lambda: _national_rows_of(code, everywhere)
    )
    return [n for n in every if n.plan.id not in local]


@dataclass
class _Kept:
    """National values worked out for one set of published plans, by what and which code."""

    plans: tuple[PlanInfo, ...] = ()
    answers: dict[tuple[str, str], list[NationalValue]] = field(default_factory=dict)


_KEPT = [_Kept()]  # the last plans' (a list: replaced, never mutated from outside the lock)
_KEPT_LOCK = threading.Lock()


def _kept_nationally(
    key: tuple[str, str], everywhere: dict[int, PlanInfo], work: Callable[[], list[NationalValue]]
) -> list[NationalValue]:
    """Return ``work()``'s national values, worked out once while ``everywhere`` holds the very
    same plan objects (not equal ones: the same).

    The plans are those the caller read (:meth:`Reads.towns`): a publishing run's, read once for
    the run, or a live request's, kept while the data's revision stamp is unchanged and read
    afresh after any write or inside a transaction.  The same objects therefore stand for the
    same data, and the national values read with them stay right for as long as they are
    handed in again; new plan objects let go of everything kept.  Callers get a new list."""
    plans = tuple(everywhere.values())
    with _KEPT_LOCK:
        kept = _KEPT[0]
        same = len(kept.plans) == len(plans)
        if not same or any(a is not b for a, b in zip(plans, kept.plans, strict=True)):
            kept = _KEPT[0] = _Kept(plans)
        found = kept.answers.get(key)
    if found is None:
        found = work()
        with _KEPT_LOCK:
            kept.answers.setdefault(key, found)
    return list(found)


def _indicators_of(code: str, plans: dict[int, PlanInfo]) -> list[tuple[PlanInfo, IndicatorView]]:
    """Return each municipality's indicator with the code and its figures: two queries."""
    rows = Indicator.objects.filter(plan_id__in=plans, common_code=code).select_related("node")
    newest = _newest_per_town(list(rows), plans)
    return [(plans[i.plan_id], v) for i, v in zip(newest, with_figures(newest), strict=True)]


class Head(NamedTuple):
    """What is read of an indicator to choose a town's and to cite a national row it holds."""

    id: int
    plan_id: int
    position: int
    code: str
    unit: str
    source: str


Placed = TypeVar("Placed", Indicator, Head)


def _newest_per_town(rows: list[Placed], plans: dict[int, PlanInfo]) -> list[Placed]:
    """Keep one indicator per municipality: from its newest plan, first by place; by town code."""

    def newest(i: Placed) -> tuple[int, int, int, str]:
        plan = plans[i.plan_id]
        return (-plan.meta.period_start, -plan.id, i.position, i.code)

    chosen: dict[str, Placed] = {}
    for row in sorted(rows, key=newest):
        chosen.setdefault(plans[row.plan_id].municipality_code, row)
    return [chosen[town] for town in sorted(chosen)]


def _default_years(plan_ids: set[int], plans: dict[int, PlanInfo]) -> dict[int, int]:
    """Return each plan's latest year with an actual (its first year without one): one query."""
    actuals = Figure.objects.filter(indicator__plan_id__in=plan_ids, kind="actual", is_current=True)
    last = dict(
        actuals.values("indicator__plan_id")
        .annotate(last=Max("period_end"))
        .values_list("indicator__plan_id", "last")
    )
    return {i: last.get(i, plans[i].meta.period_start) for i in plan_ids}


def _graded(plan: PlanInfo, view: IndicatorView, year: int) -> Compared:
    """Grade one municipality's indicator with its plan's method."""
    config, _ = config_from_setting(plan.meta.assessment)
    return Compared(plan, grade_indicator(view, year, config), year)


def _stated_nationally(
    common: common_indicators.CommonIndicator, plans: dict[int, PlanInfo]
) -> list[NationalValue]:
    """Return the national figures the published plans' prose states for the statistic.

    Labels are matched as :func:`common_indicators.by_name` matches them (after NFKC), which
    SQL cannot do: the distinct labels of national figures are read first (one query), then
    only the figures with a matching label (one more, none when no label matches).
    """
    stated = ContextStatistic.objects.filter(area="国", block__section__node__plan_id__in=plans)
    labels = stated.order_by().values_list("label", flat=True).distinct()
    named = [label for label in labels if _names(label, common)]
    if not named:
        return []
    rows = stated.filter(label__in=named).order_by("period", "block_id", "position")
    return [
        NationalValue(
            plans[plan_id],
            period,
            _period_end(period),
            raw,
            value,
            unit,
            node_code=node_code,
            section=section,
            block=block + 1,
        )
        for plan_id, node_code, section, block, period, raw, value, unit in rows.values_list(
            *STATED_FIELDS
        )
    ]


STATED_FIELDS = (
    *("block__section__node__plan_id", "block__section__node__code", "block__section__key"),
    *("block__position", "period", "raw", "value", "unit"),
)


def _names(label: str, common: common_indicators.CommonIndicator) -> bool:
    """Tell whether a prose statistic's label names the common indicator."""
    named = common_indicators.by_name(label)
    return named is not None and named.code == common.code


def _national_rows(found: list[tuple[PlanInfo, IndicatorView]]) -> list[NationalValue]:
    """Return the national breakdown rows (全国) the indicators hold, with a number."""
    return [
        NationalValue(
            plan,
            f.period,
            f.period_end,
            f.raw,
            f.value,
            f.unit or view.unit,
            source=f.source or view.source,
            indicator_code=view.code,
        )
        for plan, view in found
        for f in view.of_kind("actual")
        if f.breakdown in NATIONAL_AREAS and f.value is not None and f.value_kind in NUMERIC_KINDS
    ]


NATIONAL_FIELDS = ("indicator_id", "period", "period_end", "raw", "value", "unit", "source")


def _national_rows_of(code: str, plans: dict[int, PlanInfo]) -> list[NationalValue]:
    """Return :func:`_national_rows` of the municipalities of ``plans`` without reading their
    indicators in full: the indicators with the code, then only their figures that can be a
    national value (filtered in SQL as :func:`_national_rows` filters): two queries, or none.
    """
    if not plans:
        return []
    rows = Indicator.objects.filter(plan_id__in=plans, common_code=code)
    heads = _newest_per_town([Head._make(r) for r in rows.values_list(*Head._fields)], plans)
    national = Figure.objects.filter(
        indicator_id__in=[h.id for h in heads],
        kind="actual",
        is_current=True,
        breakdown__in=NATIONAL_AREAS,
        value__isnull=False,
        value_kind__in=NUMERIC_KINDS,
    )
    held: dict[int, list[tuple[str, int, str, Decimal, str, str]]] = defaultdict(list)
    for indicator_id, *cells in national.order_by(*CURRENT_ORDER).values_list(*NATIONAL_FIELDS):
        held[indicator_id].append(tuple(cells))
    return [
        NationalValue(
            plans[h.plan_id],
            period,
            end,
            raw,
            value,
            unit or h.unit,
            source=source or h.source,
            indicator_code=h.code,
        )
        for h in heads
        for period, end, raw, value, unit, source in held[h.id]
    ]


def _period_end(key: str) -> int:
    """Return the last year of a period key (FY2019, CY2017) or of a date (2018-05-01)."""
    try:
        return parse_period_key(key).end
    except PeriodError:
        return date.fromisoformat(key).year
