"""Assemble a fiscal year's report on a plan: :func:`annual_report`, the data of every kind.

Reads only through the queries: the plan tree (``load_nodes``), the grades of every indicator
(``assess_plan``, once for the whole plan) and each measure's evaluation sheet
(``evaluation_view``: its texts, its programmes' costs, and its grades, frozen at approval or
computed live before it). A measure without a sheet gets the live grades and says it has none.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime

from shisaku.domain.eras import fiscal_period_ja
from shisaku.domain.plantree import Node
from shisaku.domain.workflow import date_ja
from shisaku.evaluation.grades import GradeSummary
from shisaku.evaluation.queries import (
    EvaluationView,
    cycle_overview,
    evaluation_view,
    fiscal_year_label,
)
from shisaku.indicators.assessing import IndicatorResult, PlanAssessment, assess_plan
from shisaku.plan.queries import PlanInfo, load_nodes
from shisaku.reports.indicators import indicator_row, live_grades
from shisaku.reports.model import (
    UNKNOWN_TITLE,
    CostLine,
    Costs,
    FieldPart,
    MeasurePart,
    PolicyPart,
    Report,
    Sheet,
    VoiceRow,
)
from shisaku.reports.voices import voices_by_measure

NO_POLICY = "（政策の区分なし）"


class ReportError(ValueError):
    """The report cannot be made as asked; the message says why and what would do."""


@dataclass(frozen=True)
class Placed:
    """A measure with the policy and the field it sits under (None where the plan has none)."""

    measure: Node
    policy: Node | None
    field: Node | None


Tracker = Callable[[Sequence[Placed]], Iterable[Placed]]


def place_measures(
    nodes: list[Node], policy: Node | None = None, field: Node | None = None
) -> list[Placed]:
    """Return every measure of a tree in document order, with its policy and field."""
    out: list[Placed] = []
    for node in nodes:
        if node.kind == "measure":
            out.append(Placed(node, policy, field))
        elif node.kind in ("field", "policy"):
            below_policy = node if node.kind == "policy" else policy
            below_field = node if node.kind == "field" else field
            out += place_measures(node.children, below_policy, below_field)
    return out


def check_year(plan: PlanInfo, year: int) -> None:
    """Refuse a year outside the plan's period."""
    start, end = plan.meta.period_start, plan.meta.period_end
    if not start <= year <= end:
        raise ReportError(
            f"{year}年度は計画「{plan.meta.title}」の期間"
            f"（{fiscal_period_ja(start, end)}）の外です。{start}〜{end} の年度を指定してください"
        )


def title_of(node: Node | None) -> str:
    """Return 「code title」 of a node (「（名称不明…）」 when the source gives no title)."""
    if node is None:
        return ""
    return f"{node.code} {node.title if node.title_known else UNKNOWN_TITLE}"


@dataclass(frozen=True)
class _Context:
    """What every measure of one report is read against."""

    year: int
    assessed: PlanAssessment
    results: dict[str, IndicatorResult]
    sheets: dict[str, int]  # measure code → evaluation id
    voices: dict[str, tuple[VoiceRow, ...]]  # measure code → the year's published opinions


def annual_report(
    plan_info: PlanInfo,
    year: int,
    *,
    policies: Collection[str] | None = None,
    issued: date | None = None,
    track: Tracker | None = None,
) -> Report:
    """Return the year's report on a plan (only the measures of ``policies``, when given).

    ``track`` wraps the measures while they are read (a progress bar); ``issued`` is the date
    of issue on the cover (default: today).
    """
    check_year(plan_info, year)
    roots = load_nodes(plan_info.id)
    placed = [
        p
        for p in place_measures(roots)
        if policies is None or (p.policy is not None and p.policy.code in policies)
    ]
    assessed = assess_plan(plan_info, year, nodes=roots)
    overview = cycle_overview(plan_info.id, year, date.today())
    context = _Context(
        year,
        assessed,
        {r.indicator.code: r for r in assessed.results},
        {row.measure_code: row.evaluation_id for row in overview.rows},
        voices_by_measure(plan_info.id, year),
    )
    parts = [(p, _measure(context, p)) for p in (track(placed) if track else placed)]
    return _report(plan_info, year, assessed, _group(parts, assessed), issued or date.today())


def _report(
    plan: PlanInfo,
    year: int,
    assessed: PlanAssessment,
    fields: tuple[FieldPart, ...],
    issued: date,
) -> Report:
    """Return the report around its fields."""
    meta, scale = plan.meta, assessed.config.scale
    label = fiscal_year_label(year)
    return Report(
        title=f"{label}主要な施策の成果",
        municipality_code=plan.municipality_code,
        municipality_name=plan.municipality_name_ja,
        plan_title=meta.title,
        plan_slug=meta.slug,
        plan_period=fiscal_period_ja(meta.period_start, meta.period_end),
        plan_years=tuple(range(meta.period_start, meta.period_end + 1)),
        year=year,
        year_label=label,
        issued=issued,
        issued_label=date_ja(issued),
        grades=scale.grades(),
        grade_labels=dict(scale.labels),
        method=assessed.config.method,
        counts=add_counts([p.counts for f in fields for p in f.policies], scale.grades()),
        fields=fields,
    )


def add_counts(counts: Iterable[dict[str, int]], grades: Sequence[str]) -> dict[str, int]:
    """Add grade counts up, in scale order."""
    rows = list(counts)
    return {g: sum(c.get(g, 0) for c in rows) for g in grades}


def _group(
    parts: list[tuple[Placed, MeasurePart]], assessed: PlanAssessment
) -> tuple[FieldPart, ...]:
    """Group the measures by field and policy, in document order."""
    grades = assessed.config.scale.grades()
    fields: dict[str, tuple[Node | None, dict[str, tuple[Node | None, list[MeasurePart]]]]] = {}
    for placed, measure in parts:
        key = placed.field.code if placed.field else ""
        _, policies = fields.setdefault(key, (placed.field, {}))
        pkey = placed.policy.code if placed.policy else ""
        policies.setdefault(pkey, (placed.policy, []))[1].append(measure)
    return tuple(
        FieldPart(
            field.code if field else "",
            title_of(field),
            tuple(_policy(policy, measures, grades) for policy, measures in policies.values()),
        )
        for field, policies in fields.values()
    )


def _policy(node: Node | None, measures: list[MeasurePart], grades: Sequence[str]) -> PolicyPart:
    """Return a policy with its measures and their grade counts added up."""
    return PolicyPart(
        code=node.code if node else "",
        title=title_of(node) or NO_POLICY,
        education=node.education if node else False,
        counts=add_counts([m.counts for m in measures], grades),
        measures=tuple(measures),
    )


def _measure(context: _Context, placed: Placed) -> MeasurePart:
    """Return one measure's page: its sheet (if any), grades and indicator rows."""
    node = placed.measure
    sheet_id = context.sheets.get(node.code)
    view = evaluation_view(sheet_id) if sheet_id is not None else None
    grades = view.grades if view else live_grades(context.assessed, node)
    part = MeasurePart(
        code=node.code,
        title=node.title if node.title_known else UNKNOWN_TITLE,
        department=view.department if view else node.department,
        policy_title=title_of(placed.policy),
        field_title=title_of(placed.field),
        sheet=sheet(view) if view else None,
        frozen=grades.frozen,
        grades_note=grades_note(grades, view),
        counts=dict(grades.counts),
        indicators=(),
        voices=context.voices.get(node.code, ()),
    )
    rows = tuple(
        indicator_row(g, context.results.get(g.code), context.year, f"chart-{part.anchor}-{i}")
        for i, g in enumerate(grades.indicators, start=1)
    )
    return replace(part, indicators=rows)


def grades_note(grades: GradeSummary, view: EvaluationView | None) -> str:
    """Say where the grades come from: frozen at approval, or live from today's figures."""
    if grades.frozen:
        when = _when(grades.frozen_at)
        return f"一次評価（所属長の承認）の時点で確定した評価です{f'（{when}）' if when else ''}。"
    if view is None:
        return "評価シートがないため、現在の数値による暫定の評価です。"
    return "一次評価（所属長の承認）の前のため、現在の数値による暫定の評価です。"


def _when(stamp: str) -> str:
    """Return an ISO timestamp as a Japanese date ("" when there is none)."""
    try:
        return date_ja(datetime.fromisoformat(stamp).date())
    except ValueError:
        return ""


def sheet(view: EvaluationView) -> Sheet:
    """Return the Japanese texts and the costs of an evaluation sheet."""
    lines = tuple(
        CostLine(p.code, p.name_ja, p.cost.settlement, p.cost.personnel, p.cost.full_cost)
        for p in view.programmes
    )
    cost = view.cost
    return Sheet(
        status=view.status,
        status_label=view.status_label,
        target=view.target_ja,
        intent=view.intent_ja,
        results=view.results_ja,
        issues=view.issues_ja,
        direction=view.direction_label,
        first_comment=view.first_comment_ja,
        second_comment=view.second_comment_ja,
        committee_opinion=view.committee_opinion_ja,
        costs=Costs(lines, cost.settlement, cost.personnel, cost.full_cost, cost.incomplete),
    )
