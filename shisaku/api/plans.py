"""Read endpoints of municipalities, plans and plan nodes (published plans only)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Query, Router

from shisaku.api.common import (
    READ_EXTRA,
    MunicipalityCode,
    NodeCode,
    PlanSlug,
    not_found,
    published_plan,
    published_town,
    read_responses,
)
from shisaku.api.pagination import PageParams, page_fields
from shisaku.api.plan_out import (
    flatten,
    municipality_out,
    node_out,
    node_summary,
    plan_out,
)
from shisaku.api.plan_schemas import (
    MunicipalityOut,
    MunicipalityPage,
    NodeOut,
    NodePage,
    PlanOut,
    PlanPage,
)
from shisaku.indicators.queries import plan_indicators
from shisaku.plan import queries as plan_queries

router = Router(tags=["plans"])

TOWN = "/municipalities/{code}"
PLAN = TOWN + "/plans/{slug}"


@router.get(
    "/municipalities",
    response=read_responses(MunicipalityPage, 422),
    url_name="municipalities",
    summary="団体の一覧 / List municipalities",
    openapi_extra=READ_EXTRA,
)
def municipalities(request: HttpRequest, page: Query[PageParams]) -> MunicipalityPage:
    """Municipalities with a published plan, by code. / 公開中の計画がある団体（コード順）。"""
    towns = [t for t in plan_queries.municipalities(published_only=True) if t.plans]
    return MunicipalityPage(**page_fields([municipality_out(t) for t in towns], page, request))


@router.get(
    TOWN,
    response=read_responses(MunicipalityOut, 404, 422),
    url_name="municipality",
    summary="団体 / A municipality",
    openapi_extra=READ_EXTRA,
)
def municipality(request: HttpRequest, code: MunicipalityCode) -> MunicipalityOut:
    """One municipality, its current plan and its published plans. / 団体と公開中の計画。"""
    return municipality_out(published_town(code))


@router.get(
    TOWN + "/plans",
    response=read_responses(PlanPage, 404, 422),
    url_name="plans",
    summary="団体の計画の一覧 / List a municipality's plans",
    openapi_extra=READ_EXTRA,
)
def plans(request: HttpRequest, code: MunicipalityCode, page: Query[PageParams]) -> PlanPage:
    """A municipality's published plans, newest first. / 公開中の計画（新しい順）。"""
    town = municipality_out(published_town(code))
    return PlanPage(**page_fields(town.plans, page, request))


@router.get(
    PLAN,
    response=read_responses(PlanOut, 404, 422),
    url_name="plan",
    summary="計画 / A plan",
    openapi_extra=READ_EXTRA,
)
def plan(request: HttpRequest, code: MunicipalityCode, slug: PlanSlug) -> PlanOut:
    """A plan's metadata and how it grades its indicators. / 計画の情報と評価方法。"""
    return plan_out(published_plan(code, slug))


@router.get(
    PLAN + "/nodes",
    response=read_responses(NodePage, 404, 422),
    url_name="nodes",
    summary="計画の体系（ノードの一覧） / List a plan's nodes",
    openapi_extra=READ_EXTRA,
)
def nodes(
    request: HttpRequest, code: MunicipalityCode, slug: PlanSlug, page: Query[PageParams]
) -> NodePage:
    """Every node of the plan tree, flat, parents before children. / 体系の全ノード（文書順）。"""
    info = published_plan(code, slug)
    rows = [node_summary(info, p) for p in flatten(plan_queries.load_nodes(info.id))]
    return NodePage(**page_fields(rows, page, request))


@router.get(
    PLAN + "/nodes/{node_code}",
    response=read_responses(NodeOut, 404, 422),
    url_name="node",
    summary="ノード（施策など） / A plan node",
    openapi_extra=READ_EXTRA,
)
def node(
    request: HttpRequest, code: MunicipalityCode, slug: PlanSlug, node_code: NodeCode
) -> NodeOut:
    """A node with its sections, blocks, footnotes, children and indicators. / ノードの本文。"""
    info = published_plan(code, slug)
    placed = next(
        (p for p in flatten(plan_queries.load_nodes(info.id)) if p.node.code == node_code), None
    )
    if placed is None:
        raise not_found("ノード", "Node")
    codes = [v.code for v in plan_indicators(info.id, node_codes=[node_code])]
    return node_out(info, placed, codes)
