"""The indicator grades of one measure in one fiscal year, as the JSON an evaluation freezes.

At approval the grades from :func:`shisaku.indicators.assessing.assess_plan` are frozen into
``Evaluation.frozen`` with this layout, so that a published evaluation keeps showing what
was approved even when a figure is later revised; before approval the same layout is computed
live. :func:`grade_views` turns either into plain dataclasses for the interfaces.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from shisaku.indicators.assessing import IndicatorResult, PlanAssessment, assess_plan
from shisaku.plan.models import PlanNode
from shisaku.plan.queries import PlanInfo

FROZEN_SCHEMA = "shisaku.evaluation.grades/1"


@dataclass(frozen=True)
class GradeView:
    """One indicator's grade in the evaluated year, with how it was reached."""

    code: str
    name_ja: str
    name_en: str
    unit: str
    node_code: str
    grade: str
    label: str
    status: str
    ratio: float | None
    score: float | None
    actual: str
    inputs: dict[str, str]
    formula: str
    result: str
    unit_en: str = ""  # frozen before grades kept it: unknown, the unit shown in Japanese


@dataclass(frozen=True)
class GradeSummary:
    """The grades of a measure: per indicator, the counts per grade, and whether frozen."""

    year: int
    frozen: bool
    frozen_at: str
    method: str
    indicators: tuple[GradeView, ...]
    counts: dict[str, int]
    assessed: int
    missing: int
    on_track_share: float | None
    rule: str


def subtree_codes(node: PlanNode) -> set[str]:
    """Return the codes of a node and every node below it."""
    rows = list(
        PlanNode.objects.filter(plan_id=node.plan_id).values_list("id", "parent_id", "code")
    )
    children: dict[int | None, list[tuple[int, str]]] = {}
    for pk, parent, code in rows:
        children.setdefault(parent, []).append((pk, code))
    codes, todo = {node.code}, [node.pk]
    while todo:
        for pk, code in children.get(todo.pop(), []):
            codes.add(code)
            todo.append(pk)
    return codes


def _actual(result: IndicatorResult, year: int) -> str:
    """Return the actual of the year as written (empty when there is none)."""
    actuals = [
        f for f in result.indicator.of_kind("actual") if f.period_end == year and not f.breakdown
    ]
    return actuals[-1].raw if actuals else ""


def _indicator(result: IndicatorResult, year: int) -> dict[str, Any]:
    """Return one indicator's grade as JSON."""
    view, a = result.indicator, result.assessment
    return {
        "code": view.code,
        "name_ja": view.name_ja,
        "name_en": view.name_en,
        "unit": view.unit,
        "unit_en": view.unit_en,
        "node_code": view.node_code,
        "grade": a.grade,
        "label": a.label,
        "status": a.status,
        "ratio": a.ratio,
        "score": a.score,
        "actual": _actual(result, year),
        "inputs": dict(a.explanation.inputs),
        "formula": a.explanation.formula,
        "result": a.explanation.result,
    }


def measure_grades(plan: PlanInfo, node: PlanNode, year: int) -> dict[str, Any]:
    """Grade the indicators of a measure (and the nodes below it) in ``year``, as JSON."""
    assessed: PlanAssessment = assess_plan(plan, year)
    codes = subtree_codes(node)
    rollup = assessed.by_node.get(node.code)
    return {
        "schema": FROZEN_SCHEMA,
        "year": year,
        "method": assessed.config.method,
        "preset": assessed.preset,
        "indicators": [
            _indicator(r, year) for r in assessed.results if r.indicator.node_code in codes
        ],
        "counts": dict(rollup.counts) if rollup else {},
        "assessed": rollup.assessed if rollup else 0,
        "missing": rollup.missing if rollup else 0,
        "on_track_share": rollup.on_track_share if rollup else None,
        "rule": rollup.rule if rollup else "",
    }


def grade_views(document: dict[str, Any], *, frozen: bool) -> GradeSummary:
    """Return the plain form of a grades document (frozen or live)."""
    return GradeSummary(
        year=int(document["year"]),
        frozen=frozen,
        frozen_at=str(document.get("frozen_at", "")),
        method=str(document.get("method", "")),
        indicators=tuple(GradeView(**item) for item in document.get("indicators", [])),
        counts=dict(document.get("counts", {})),
        assessed=int(document.get("assessed", 0)),
        missing=int(document.get("missing", 0)),
        on_track_share=document.get("on_track_share"),
        rule=str(document.get("rule", "")),
    )
