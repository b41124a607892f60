"""Read endpoints of indicators, their observations and their assessments (published plans)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from shisaku.api.common import (
    READ_EXTRA,
    GradedYear,
    IndicatorCode,
    MunicipalityCode,
    PlanSlug,
    published_plan,
    read_responses,
)
from shisaku.api.indicator_out import (
    indicator_out,
    node_rollup_out,
    observation_out,
    result_out,
    rollup_out,
)
from shisaku.api.indicator_schemas import (
    AssessmentPage,
    IndicatorOut,
    IndicatorPage,
    ObservationPage,
)
from shisaku.api.pagination import PageParams, page_fields, page_of
from shisaku.api.plan_out import assessment_config, flatten
from shisaku.indicators import queries as indicator_queries
from shisaku.indicators.assessing import assess_plan
from shisaku.indicators.breakdowns import SHOWN_PER_PERIOD
from shisaku.plan import queries as plan_queries

router = Router(tags=["indicators"])

PLAN = "/municipalities/{code}/plans/{slug}"
INDICATOR = PLAN + "/indicators/{indicator_code}"


@router.get(
    PLAN + "/indicators",
    response=read_responses(IndicatorPage, 404, 422),
    url_name="indicators",
    summary="計画の指標の一覧 / List a plan's indicators",
    openapi_extra=READ_EXTRA,
)
def indicators(
    request: HttpRequest, code: MunicipalityCode, slug: PlanSlug, page: Query[PageParams]
) -> IndicatorPage:
    """Every indicator of the plan with its current figures. / 指標と現在の値。"""
    plan = published_plan(code, slug)
    views = indicator_queries.plan_indicators(plan.id, per_period=SHOWN_PER_PERIOD)
    counts = indicator_queries.current_figure_counts(plan.id)
    rows = [indicator_out(plan, v, counts.get(v.id, 0)) for v in views]
    return IndicatorPage(**page_fields(rows, page, request))


@router.get(
    INDICATOR,
    response=read_responses(IndicatorOut, 404, 422),
    url_name="indicator",
    summary="指標 / An indicator",
    openapi_extra=READ_EXTRA,
)
def indicator(
    request: HttpRequest, code: MunicipalityCode, slug: PlanSlug, indicator_code: IndicatorCode
) -> IndicatorOut:
    """An indicator's definition and its current figures. / 指標の定義と現在の値。"""
    plan = published_plan(code, slug)
    view = indicator_queries.indicator(plan.id, indicator_code, per_period=SHOWN_PER_PERIOD)
    counts = indicator_queries.current_figure_counts(plan.id)
    return indicator_out(plan, view, counts.get(view.id, 0))


@router.get(
    INDICATOR + "/observations",
    response=read_responses(ObservationPage, 404, 422),
    url_name="observations",
    summary="指標の値の履歴 / An indicator's figure history",
    openapi_extra=READ_EXTRA,
)
def observations(
    request: HttpRequest,
    code: MunicipalityCode,
    slug: PlanSlug,
    indicator_code: IndicatorCode,
    page: Query[PageParams],
) -> ObservationPage:
    """Every revision of every figure, superseded ones included. / 訂正前の版も含む全ての値。

    Ordered by kind, period and breakdown, the newest revision first within each.
    """
    plan = published_plan(code, slug)
    found, department = indicator_queries.responsible_department(plan.id, indicator_code)
    count, chosen = indicator_queries.figure_history_page(found, page.offset, page.limit)
    rows = [observation_out(f, department) for f in chosen]
    return ObservationPage(**page_of(count, rows, page, request))


@router.get(
    PLAN + "/assessments",
    response=read_responses(AssessmentPage, 404, 422),
    url_name="assessments",
    summary="指標の評価と集計 / Assessments and roll-ups",
    openapi_extra=READ_EXTRA,
)
def assessments(
    request: HttpRequest,
    code: MunicipalityCode,
    slug: PlanSlug,
    page: Query[PageParams],
    year: GradedYear = None,
) -> AssessmentPage:
    """Each indicator graded in ``year`` with the plan's method, and the roll-ups.

    各指標の評価（評価・達成率・説明）と、ノードごと・計画全体の集計（件数、順調の割合、規則）。
    An indicator with no actual is not graded and never counts as zero. ``by_node`` is in
    document order (parents before children) and holds the nodes with indicators below them.
    """
    plan = published_plan(code, slug)
    done = assess_plan(plan, year)
    scale = done.config.scale
    order = [p.node.code for p in flatten(plan_queries.load_nodes(plan.id))]
    return AssessmentPage(
        **page_fields([result_out(r) for r in done.results], page, request),
        year=done.year,
        method=assessment_config(plan),
        plan=rollup_out(done.plan, scale) if done.plan else None,
        by_node=[node_rollup_out(c, done.by_node[c], scale) for c in order if c in done.by_node],
    )
