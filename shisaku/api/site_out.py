"""Build the search, evaluation, grade, prefecture and comparison responses from the queries."""

from __future__ import annotations

from shisaku.api.indicator_out import figure_out, rollup_out
from shisaku.api.links import api_url, page_url, plan_kwargs
from shisaku.api.plan_out import plan_summary
from shisaku.api.plan_schemas import MunicipalityRef
from shisaku.api.site_schemas import (
    ComparedOut,
    EvaluationGradesOut,
    EvaluationOut,
    GradeOut,
    IndicatorGradeOut,
    NationalValueOut,
    NodeGradeOut,
    PrefectureOut,
    SearchHitOut,
)
from shisaku.domain.assessment import GradeScale
from shisaku.domain.plantree import Node
from shisaku.domain.prefectures import Prefecture
from shisaku.domain.rollup import RollUp
from shisaku.evaluation.grades import GradeView
from shisaku.evaluation.models import Direction, label_ja
from shisaku.evaluation.queries import EvaluationView
from shisaku.indicators.assessing import IndicatorResult
from shisaku.indicators.comparison import Compared, NationalValue
from shisaku.indicators.queries import IndicatorHit
from shisaku.plan.queries import PlanInfo, TextHit


def town_ref(plan: PlanInfo) -> MunicipalityRef:
    """Return the municipality of a plan."""
    return MunicipalityRef(
        code=plan.municipality_code,
        name=plan.municipality_name_ja,
        name_en=plan.municipality_name_en,
    )


def text_hit_out(plan: PlanInfo, hit: TextHit) -> SearchHitOut:
    """Return a node title or block found by a search."""
    where = plan_kwargs(plan.municipality_code, plan.meta.slug, node_code=hit.node_code)
    return SearchHitOut(
        type="text" if hit.section else "title",
        kind=hit.node_kind,
        code=hit.node_code,
        municipality=town_ref(plan),
        plan=plan.meta.slug,
        title=hit.node_title,
        title_en=hit.node_title_en,
        section=hit.section,
        block=hit.block,
        text=hit.text if hit.section else "",
        text_en=hit.text_en if hit.section else "",
        url=page_url("node", **where),
        api_url=api_url("node", **where),
    )


def indicator_hit_out(plan: PlanInfo, hit: IndicatorHit) -> SearchHitOut:
    """Return an indicator found by a search."""
    where = plan_kwargs(plan.municipality_code, plan.meta.slug, indicator_code=hit.code)
    return SearchHitOut(
        type="indicator",
        kind="indicator",
        code=hit.code,
        municipality=town_ref(plan),
        plan=plan.meta.slug,
        title=hit.name_ja,
        title_en=hit.name_en,
        section="",
        block=0,
        text=hit.definition_ja,
        text_en=hit.definition_en,
        url=page_url(
            "indicator", code=plan.municipality_code, slug=plan.meta.slug, indicator=hit.code
        ),
        api_url=api_url("indicator", **where),
    )


def grade_out(g: GradeView) -> GradeOut:
    """Return an indicator's frozen grade."""
    return GradeOut(
        code=g.code,
        name=g.name_ja,
        name_en=g.name_en,
        unit=g.unit,
        node_code=g.node_code,
        actual=g.actual,
        grade=g.grade,
        grade_label=g.label,
        ratio=g.ratio,
        formula=g.formula,
        result=g.result,
    )


def direction_ja(code: str) -> str:
    """Return a direction's label in Japanese (拡充), or "" when none was decided."""
    return label_ja(Direction(code)) if code in Direction.values else ""


def evaluation_out(plan: PlanInfo, v: EvaluationView) -> EvaluationOut:
    """Return a published evaluation (no staff account: its department only)."""
    s = v.grades
    return EvaluationOut(
        measure_code=v.measure_code,
        measure_title=v.measure_title_ja,
        measure_title_en=v.measure_title_en,
        fiscal_year=v.fiscal_year,
        fiscal_year_label=v.fiscal_year_label,
        department=v.department,
        direction=v.direction,
        direction_label=direction_ja(v.direction),
        results=v.results_ja,
        results_en=v.results_en,
        issues=v.issues_ja,
        issues_en=v.issues_en,
        committee_opinion=v.committee_opinion_ja,
        committee_opinion_en=v.committee_opinion_en,
        published_at=v.published_at,
        grades=EvaluationGradesOut(
            frozen_at=s.frozen_at,
            method=s.method,
            rule=s.rule,
            counts=s.counts,
            assessed=s.assessed,
            missing=s.missing,
            indicators=[grade_out(g) for g in s.indicators],
        ),
        url=page_url(
            "node", code=plan.municipality_code, slug=v.plan_slug, node_code=v.measure_code
        ),
    )


def node_grade_out(
    plan: PlanInfo, node: Node, rollup: RollUp, scale: GradeScale, own: list[IndicatorResult]
) -> NodeGradeOut:
    """Return one node's roll-up in the year and the grades of its own indicators."""
    counts = rollup_out(rollup, scale)
    return NodeGradeOut(
        node_code=node.code,
        kind=node.kind,
        title=node.title,
        title_en=node.title_en,
        counts=counts.counts,
        assessed=counts.assessed,
        missing=counts.missing,
        on_track_share=counts.on_track_share,
        indicators=[
            IndicatorGradeOut(
                code=r.indicator.code,
                name=r.indicator.name_ja,
                grade=r.assessment.grade,
                label=r.assessment.label,
            )
            for r in own
        ],
        api_url=api_url(
            "node", **plan_kwargs(plan.municipality_code, plan.meta.slug, node_code=node.code)
        ),
    )


def prefecture_out(prefecture: Prefecture, towns: int) -> PrefectureOut:
    """Return a prefecture and how many of its municipalities have a published plan."""
    return PrefectureOut(
        code=prefecture.code,
        name=prefecture.name_ja,
        name_en=prefecture.name_en,
        municipalities=towns,
        api_url=api_url("prefecture_municipalities", prefecture=prefecture.code),
    )


def compared_out(row: Compared) -> ComparedOut:
    """Return one municipality's row of a comparison."""
    plan, view, a = row.plan, row.view, row.result.assessment
    latest = row.latest
    where = plan_kwargs(plan.municipality_code, plan.meta.slug, indicator_code=view.code)
    return ComparedOut(
        municipality=town_ref(plan),
        plan=plan_summary(plan),
        indicator_code=view.code,
        indicator_name=view.name_ja,
        unit=view.unit,
        latest_actual=figure_out(latest) if latest is not None else None,
        year=row.year,
        grade=a.grade,
        grade_label=a.label,
        ratio=a.ratio,
        api_url=api_url("indicator", **where),
    )


def national_out(n: NationalValue) -> NationalValueOut:
    """Return a national value with the plan that states it."""
    return NationalValueOut(
        period=n.period,
        period_end=n.period_end,
        raw=n.raw,
        value=float(n.value),
        unit=n.unit,
        source=n.source,
        municipality_code=n.plan.municipality_code,
        plan=n.plan.meta.slug,
    )
