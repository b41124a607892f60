"""Reads of evaluations and programmes, returned as plain dataclasses for every interface.

:func:`evaluation_view` is one sheet (grades frozen at approval, or live before it);
:func:`published_evaluations` is a measure's published history for the public site;
:func:`cycle_overview` is the year's progress with due dates and late flags, per department.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime

from shisaku.domain.costs import CostSummary
from shisaku.domain.period_labels import year_label
from shisaku.domain.workflow import NEXT_STAGE, STAGE_LABELS, STATE_LABELS, STATES, urgency
from shisaku.evaluation.grades import GradeSummary, grade_views, measure_grades
from shisaku.evaluation.models import Direction, Evaluation, StageDeadline, label_ja
from shisaku.evaluation.programme_queries import ProgrammeView, measure_programmes, summarise_cost
from shisaku.plan.queries import NotFound, PlanInfo, find_plan


def fiscal_year_label(year: int) -> str:
    """Return 「2025年度（令和7年度）」 (the sheets and reminders are Japanese)."""
    return year_label(year)


@dataclass(frozen=True)
class EvaluationView:
    """One measure's evaluation sheet for one fiscal year."""

    id: int
    municipality_code: str
    plan_slug: str
    fiscal_year: int
    fiscal_year_label: str
    measure_code: str
    measure_title_ja: str
    measure_title_en: str
    department: str
    status: str
    status_label: str
    target_ja: str
    target_en: str
    intent_ja: str
    intent_en: str
    results_ja: str
    results_en: str
    issues_ja: str
    issues_en: str
    direction: str
    direction_label: str
    first_comment_ja: str
    first_comment_en: str
    second_comment_ja: str
    second_comment_en: str
    committee_opinion_ja: str
    committee_opinion_en: str
    version: int
    updated_by: str
    updated_at: datetime
    published_at: datetime | None
    grades: GradeSummary
    cost: CostSummary
    programmes: tuple[ProgrammeView, ...] = ()


TEXTS = (
    "target",
    "intent",
    "results",
    "issues",
    "first_comment",
    "second_comment",
    "committee_opinion",
)


def _grades(row: Evaluation, plan: PlanInfo) -> GradeSummary:
    """Return the frozen grades of an approved sheet, else the live ones."""
    if row.frozen:
        return grade_views(row.frozen, frozen=True)
    return grade_views(measure_grades(plan, row.node, row.fiscal_year), frozen=False)


def _view(row: Evaluation, plan: PlanInfo) -> EvaluationView:
    """Return the plain form of an evaluation row (plan, node loaded)."""
    texts = {f"{n}_{lang}": getattr(row, f"{n}_{lang}") for n in TEXTS for lang in ("ja", "en")}
    programmes = measure_programmes(row.node, row.fiscal_year)
    return EvaluationView(
        id=row.pk,
        municipality_code=plan.municipality_code,
        plan_slug=plan.meta.slug,
        fiscal_year=row.fiscal_year,
        fiscal_year_label=fiscal_year_label(row.fiscal_year),
        measure_code=row.node.code,
        measure_title_ja=row.node.title_ja,
        measure_title_en=row.node.title_en,
        department=row.department,
        status=row.status,
        status_label=STATE_LABELS[row.status],
        direction=row.direction,
        direction_label=label_ja(Direction(row.direction)) if row.direction else "",
        version=row.version,
        updated_by=row.updated_by,
        updated_at=row.updated_at,
        published_at=row.published_at,
        grades=_grades(row, plan),
        cost=summarise_cost(programmes),
        programmes=tuple(programmes),
        **texts,
    )


def _plan_of(row: Evaluation) -> PlanInfo:
    """Return the plan information of an evaluation."""
    return find_plan(row.plan.municipality.code, row.plan.slug)


def evaluation_view(evaluation_id: int) -> EvaluationView:
    """Return one evaluation sheet (whatever its state: staff only)."""
    row = Evaluation.objects.select_related("plan__municipality", "node").filter(pk=evaluation_id)
    found = row.first()
    if found is None:
        raise NotFound(f"evaluation {evaluation_id} does not exist")
    return _view(found, _plan_of(found))


def find_evaluation(plan_id: int, node_code: str, fiscal_year: int) -> EvaluationView:
    """Return the evaluation of a measure for a fiscal year (whatever its state)."""
    found = (
        Evaluation.objects.select_related("plan__municipality", "node")
        .filter(plan_id=plan_id, node__code=node_code, fiscal_year=fiscal_year)
        .first()
    )
    if found is None:
        raise NotFound(f"measure {node_code} has no evaluation for {fiscal_year}")
    return _view(found, _plan_of(found))


def published_evaluations(plan_id: int, node_code: str) -> list[EvaluationView]:
    """Return a measure's published evaluations, newest year first, with their frozen grades."""
    return plan_published_evaluations(plan_id, node_code).get(node_code, [])


def plan_published_evaluations(
    plan_id: int, node_code: str | None = None
) -> dict[str, list[EvaluationView]]:
    """Return the published evaluations of a plan's measures (or of one) by measure code, newest
    year first: one query."""
    rows = Evaluation.objects.select_related("plan__municipality", "node").filter(
        plan_id=plan_id, status="published"
    )
    if node_code is not None:
        rows = rows.filter(node__code=node_code)
    found = list(rows.order_by("node__code", "-fiscal_year"))
    if not found:
        return {}
    plan = _plan_of(found[0])
    out: dict[str, list[EvaluationView]] = defaultdict(list)
    for row in found:
        out[row.node.code].append(_view(row, plan))
    return out


@dataclass(frozen=True)
class OverviewRow:
    """One evaluation in the year's overview: where it stands and what is due next."""

    evaluation_id: int
    measure_code: str
    measure_title: str
    department: str
    status: str
    status_label: str
    next_stage: str | None
    next_stage_label: str
    due: date | None
    late: bool
    soon: bool
    version: int


@dataclass(frozen=True)
class DepartmentTotals:
    """A department's evaluations in the year: counts per state and how many are late."""

    department: str
    total: int
    by_status: dict[str, int]
    late: int
    soon: int


@dataclass(frozen=True)
class CycleOverview:
    """The fiscal year's evaluations, the stage due dates and the totals per department."""

    plan_id: int
    fiscal_year: int
    fiscal_year_label: str
    today: date
    deadlines: dict[str, date]
    rows: list[OverviewRow] = field(default_factory=list)
    departments: list[DepartmentTotals] = field(default_factory=list)

    @property
    def late(self) -> list[OverviewRow]:
        """Return the evaluations past the due date of their next stage."""
        return [r for r in self.rows if r.late]


def _overview_row(row: Evaluation, deadlines: dict[str, date], today: date) -> OverviewRow:
    """Return an evaluation's place in the cycle."""
    stage = NEXT_STAGE[row.status]
    due = deadlines.get(stage) if stage else None
    when = urgency(due, today)
    return OverviewRow(
        evaluation_id=row.pk,
        measure_code=row.node.code,
        measure_title=row.node.title_ja,
        department=row.department,
        status=row.status,
        status_label=STATE_LABELS[row.status],
        next_stage=stage,
        next_stage_label=STAGE_LABELS[stage] if stage else "",
        due=due,
        late=when == "late",
        soon=when == "soon",
        version=row.version,
    )


def _totals(rows: list[OverviewRow]) -> list[DepartmentTotals]:
    """Count the rows per department (sorted by name; no department, named "", last)."""
    grouped: dict[str, list[OverviewRow]] = defaultdict(list)
    for r in rows:
        grouped[r.department].append(r)
    out = []
    for department in sorted(grouped, key=lambda d: (d == "", d)):
        items = grouped[department]
        counts = Counter(r.status for r in items)
        out.append(
            DepartmentTotals(
                department=department,
                total=len(items),
                by_status={s: counts[s] for s in STATES if counts[s]},
                late=sum(r.late for r in items),
                soon=sum(r.soon for r in items),
            )
        )
    return out


def cycle_overview(plan_id: int, year: int, today: date) -> CycleOverview:
    """Return the year's evaluations with their next stage, due date and late flag."""
    deadlines = {
        d.stage: d.due for d in StageDeadline.objects.filter(plan_id=plan_id, fiscal_year=year)
    }
    evaluations = Evaluation.objects.filter(plan_id=plan_id, fiscal_year=year).select_related(
        "node"
    )
    rows = [_overview_row(e, deadlines, today) for e in evaluations.order_by("node__position")]
    return CycleOverview(
        plan_id, year, fiscal_year_label(year), today, deadlines, rows, _totals(rows)
    )
