"""Read endpoints of the Sustainable Development Goals: the 17 goals (names in Japanese and
English and colours, with their sources, from shisaku/data/sdgs.json) and, for a published
plan, the measures linked to one goal with the targets named and where the link is stated."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router
from ninja.params import functions as params
from pydantic import Field

from shisaku.api.common import (
    READ_EXTRA,
    MunicipalityCode,
    PlanSlug,
    published_plan,
    read_responses,
)
from shisaku.api.pagination import Page, PageParams, page_fields
from shisaku.api.strict import OutSchema
from shisaku.domain.plantree import walk
from shisaku.domain.sdgs import GOAL_COUNT, Goal, goals, sources
from shisaku.plan import queries as plan_queries
from shisaku.plan.sdg_reads import plan_links

router = Router(tags=["sdgs"])
GoalNumber = Annotated[
    int, params.Path(ge=1, le=GOAL_COUNT, description="ゴールの番号（1〜17） / Goal number")
]


class GoalOut(OutSchema):
    """SDGs の 17 のゴールの一つ / One of the 17 goals."""

    number: int = Field(description="ゴールの番号（1〜17） / Goal number")
    name: str = Field(description="外務省の日本語の短い名称 / Japanese short name (MOFA)")
    name_en: str = Field(description="国連の英語の短い名称 / UN short title")
    colour: str = Field(description="国連の色（#RRGGBB） / UN colour")
    source: str = Field(description="名称と色の出典 / Sources of the names and colour")


class GoalPage(Page[GoalOut]):
    """SDGs のゴールの一覧 / A page of the 17 goals."""


class GoalMeasureOut(OutSchema):
    """ゴールに結び付いた施策 / A measure of the plan linked to the goal."""

    code: str = Field(description="施策の番号 / Measure code")
    title: str
    title_en: str
    targets: list[str] = Field(description="ターゲット（例: 4.1）。空はゴール全体 / Targets named")
    source: str = Field(description="結び付けの根拠 / Where the link is stated")


class GoalMeasurePage(Page[GoalMeasureOut]):
    """ゴールに結び付いた施策の一覧 / A page of the measures linked to one goal."""


def goal_out(goal: Goal) -> GoalOut:
    """Return a goal as the API gives it."""
    found = sources()
    cited = " / ".join(found[k] for k in ("name_ja", "name_en", "colour"))
    return GoalOut(
        number=goal.number,
        name=goal.name_ja,
        name_en=goal.name_en,
        colour=goal.colour,
        source=cited,
    )


@router.get(
    "/sdgs",
    response=read_responses(GoalPage, 422),
    url_name="sdgs",
    summary="SDGsの17のゴール / The 17 SDG goals",
    openapi_extra=READ_EXTRA,
)
def sdg_goals(request: HttpRequest, page: Query[PageParams]) -> GoalPage:
    """The 17 goals with their names and colours. / 17のゴールの名称と色。"""
    return GoalPage(**page_fields([goal_out(g) for g in goals().values()], page, request))


@router.get(
    "/municipalities/{code}/plans/{slug}/sdgs/{goal}/measures",
    response=read_responses(GoalMeasurePage, 404, 422),
    url_name="sdg-measures",
    summary="ゴールに結び付いた施策の一覧 / List the measures linked to a goal",
    openapi_extra=READ_EXTRA,
)
def goal_measures(
    request: HttpRequest,
    code: MunicipalityCode,
    slug: PlanSlug,
    goal: GoalNumber,
    page: Query[PageParams],
) -> GoalMeasurePage:
    """A plan's measures linked to the goal, in plan order. / ゴールの施策（計画の順）。"""
    info = published_plan(code, slug)
    links = plan_links(info.id)
    rows = [
        GoalMeasureOut(
            code=n.code,
            title=n.title,
            title_en=n.title_en,
            targets=[r.label for r in links[n.code].refs if r.goal == goal and r.target],
            source=links[n.code].source,
        )
        for n in walk(plan_queries.load_nodes(info.id))
        if n.code in links and any(r.goal == goal for r in links[n.code].refs)
    ]
    return GoalMeasurePage(**page_fields(rows, page, request))
