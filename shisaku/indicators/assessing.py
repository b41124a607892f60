"""Grade a plan's indicators with the plan's own method and scale, and roll the grades up.

Reads only (through the queries); the site, the API, the reports and ``shisaku assess`` all
show the same grades because they all come through :func:`assess_plan`.
"""

from __future__ import annotations

import weakref
from dataclasses import dataclass, field

from shisaku.domain.assessment import (
    Assessment,
    Explanation,
    Grade,
    IndicatorFacts,
    MethodConfig,
    Point,
    assess,
    config_from_setting,
    grade_of,
)
from shisaku.domain.forecast import Forecast, forecast
from shisaku.domain.plantree import Node
from shisaku.domain.rollup import RollUp, roll_up
from shisaku.indicators.queries import FigureView, IndicatorView, plan_indicators
from shisaku.plan.queries import PlanInfo, load_nodes


@dataclass(frozen=True)
class IndicatorResult:
    """One indicator with its grade in the assessed year and its forecast."""

    indicator: IndicatorView
    assessment: Assessment
    forecast: Forecast | None


@dataclass(frozen=True)
class PlanAssessment:
    """Every indicator of a plan graded in ``year``, with roll-ups by node and for the plan."""

    year: int
    config: MethodConfig
    preset: str
    results: list[IndicatorResult]
    by_node: dict[str, RollUp] = field(default_factory=dict)
    plan: RollUp | None = None

    def result(self, code: str) -> IndicatorResult:
        """Return the result of indicator ``code``."""
        return next(r for r in self.results if r.indicator.code == code)


def _number(f: FigureView) -> float | None:
    """Return a figure's number as a float, or None when it holds none."""
    n = f.number()
    return float(n) if n is not None else None


def _point(f: FigureView) -> Point:
    """Return a figure as an assessment point in the last year of its period."""
    return Point(f.period_end, _number(f), f.label if f.value_kind != "missing" else "")


def facts_of(view: IndicatorView) -> IndicatorFacts | None:
    """Return the assessment facts of an indicator, or None when it has no final target."""
    final = view.final_target()
    if final is None:
        return None
    targets, baseline = view.whole("target"), view.first_baseline()
    yearly = {
        f.period_end: n
        for f in targets
        if f.period_start == f.period_end and (n := _number(f)) is not None
    }
    return IndicatorFacts(
        direction=view.direction,  # type: ignore[arg-type]
        baseline=_point(baseline) if baseline is not None else None,
        target=_point(final),
        year_targets=yearly,
        actuals={f.period_end: _point(f) for f in view.whole("actual")},
        rank=any(f.value_kind == "rank" for f in view.figures),
        cumulative=view.accumulation == "cumulative",
    )


def _no_target(config: MethodConfig) -> Assessment:
    """Return the result for an indicator whose target is not set."""
    scale = config.scale
    why = Explanation({}, "目標値が設定されていません", f"評価対象外 → {scale.missing}（未評価）")
    return Assessment(scale.missing, None, why, "not_applicable", None, "未評価")


def _forecast(facts: IndicatorFacts) -> Forecast | None:
    """Project the actuals to the target year, when the target is a number."""
    if facts.target.value is None or facts.direction == "qualitative":
        return None
    actuals = {y: p.value for y, p in facts.actuals.items() if p.value is not None}
    return forecast(actuals, facts.target.year, facts.target.value, facts.direction)


class _Prepared:
    """What grading derives from each view whatever the year: its facts and its forecast.

    Kept while the view lives (views never change), so grading a plan in each of its years
    with the same views (a publishing run does) builds them once. Views compare by value and
    are not hashable, so they are known by identity and forgotten when collected.
    """

    def __init__(self) -> None:
        self._found: dict[int, tuple[IndicatorFacts | None, Forecast | None]] = {}

    def __call__(self, view: IndicatorView) -> tuple[IndicatorFacts | None, Forecast | None]:
        """Return the facts and forecast of ``view``, working them out the first time."""
        key = id(view)
        found = self._found.get(key)
        if found is None:
            facts = facts_of(view)
            found = self._found[key] = (facts, None if facts is None else _forecast(facts))
            weakref.finalize(view, self._found.pop, key, None)
        return found


_prepared = _Prepared()


def _result(view: IndicatorView, year: int, config: MethodConfig) -> IndicatorResult:
    """Grade one indicator."""
    facts, projected = _prepared(view)
    if facts is None:
        return IndicatorResult(view, _no_target(config), None)
    return IndicatorResult(view, assess(facts, year, config), projected)


def grade_indicator(view: IndicatorView, year: int, config: MethodConfig) -> IndicatorResult:
    """Grade one indicator in ``year`` with a plan's method, as :func:`assess_plan` grades each."""
    return _result(view, year, config)


def indicator_grade(view: IndicatorView, year: int, config: MethodConfig) -> Grade:
    """Return the grade of one indicator in ``year``, the one :func:`grade_indicator` gives,
    without its explanation or forecast (what a table of grades holds, in less time)."""
    facts, _ = _prepared(view)
    return Grade.of(_no_target(config)) if facts is None else grade_of(facts, year, config)


def default_year(views: list[IndicatorView], plan: PlanInfo) -> int:
    """Return the latest year with an actual, or the plan's first year."""
    years = [f.period_end for v in views for f in v.of_kind("actual")]
    return max(years, default=plan.meta.period_start)


def assess_plan(
    plan: PlanInfo,
    year: int | None = None,
    *,
    nodes: list[Node] | None = None,
    views: list[IndicatorView] | None = None,
) -> PlanAssessment:
    """Grade every indicator of ``plan`` in ``year`` (default: its latest year with an actual).

    ``nodes`` (the plan's tree) and ``views`` (its indicators) are given when the caller has
    already loaded them.
    """
    config, preset = config_from_setting(plan.meta.assessment)
    views = plan_indicators(plan.id) if views is None else views
    when = year if year is not None else default_year(views, plan)
    results = [_result(v, when, config) for v in views]
    by_node = _roll_ups(nodes if nodes is not None else load_nodes(plan.id), results, config)
    whole = roll_up([(r.assessment, r.indicator.weight) for r in results], config.scale)
    return PlanAssessment(when, config, preset, results, by_node, whole)


def _roll_ups(
    roots: list[Node], results: list[IndicatorResult], config: MethodConfig
) -> dict[str, RollUp]:
    """Roll the results up for every node that has indicators in its subtree (bottom-up)."""
    by_code: dict[str, list[IndicatorResult]] = {}
    for r in results:
        by_code.setdefault(r.indicator.node_code, []).append(r)
    out: dict[str, RollUp] = {}

    def collect(node: Node) -> list[IndicatorResult]:
        items = by_code.get(node.code, []) + [r for c in node.children for r in collect(c)]
        if items:
            out[node.code] = roll_up(
                [(r.assessment, r.indicator.weight) for r in items], config.scale
            )
        return items

    for root in roots:
        collect(root)
    return out
