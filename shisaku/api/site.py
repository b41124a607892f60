"""Read endpoints of what the public site shows beyond plans and indicators: search, published
evaluations, grades by node, prefectures and comparisons across municipalities.

Each reads through the queries the public pages read through (the API may not import the
site): search through :func:`shisaku.plan.queries.search` and
:func:`shisaku.indicators.queries.search_indicators`, so a word finds here what it finds on the
site's search page; comparisons through :func:`shisaku.indicators.comparison.compare`; grades
through :func:`shisaku.indicators.assessing.assess_plan`. Only published plans are read, and
no staff account is ever named.
"""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router, Schema
from ninja.params import functions as params
from pydantic import Field, field_validator

from shisaku.api.common import (
    READ_EXTRA,
    GradedYear,
    MunicipalityCode,
    PlanSlug,
    not_found,
    published_plan,
    read_responses,
)
from shisaku.api.pagination import PageParams, page_fields, page_of
from shisaku.api.plan_out import flatten, municipality_out
from shisaku.api.plan_schemas import MunicipalityPage
from shisaku.api.site_out import (
    compared_out,
    evaluation_out,
    indicator_hit_out,
    national_out,
    node_grade_out,
    prefecture_out,
    text_hit_out,
)
from shisaku.api.site_schemas import (
    ComparisonPage,
    EvaluationPage,
    NodeGradePage,
    PrefecturePage,
    SearchHitOut,
    SearchPage,
)
from shisaku.api.validation import printable
from shisaku.domain.prefectures import prefecture_code, prefectures
from shisaku.evaluation.queries import plan_published_evaluations
from shisaku.indicators import comparison
from shisaku.indicators.assessing import assess_plan
from shisaku.indicators.queries import search_indicators
from shisaku.plan import queries as plan_queries
from shisaku.plan.queries import MunicipalityInfo, PlanInfo, search_terms

router = Router(tags=["site"])

PLAN = "/municipalities/{code}/plans/{slug}"
SEARCH_WINDOW = 1000  # hits a search can page through (``total`` counts every one found)

Year = Annotated[
    int | None,
    params.Query(
        None, ge=1868, le=2999, description="年度（既定: 全て） / Fiscal year (default: every one)"
    ),
]
PrefectureCode = Annotated[
    str,
    params.Path(
        pattern=r"^[0-9]{2}$", description="都道府県コード（2桁、例: 02） / 2-digit prefecture code"
    ),
]
CommonCode = Annotated[
    str, params.Path(description="共通指標コード（例: total-fertility-rate） / Common code")
]


class SearchParams(Schema):
    """What to search for, and where."""

    q: str = Field(
        min_length=1,
        max_length=100,
        pattern=r"\S",
        description="検索語（空白で区切った語を全て含むもの。NFKC で正規化） / Words to find "
        "(every one must occur; NFKC-normalised)",
    )
    municipality: str | None = Field(
        None,
        pattern=r"^[0-9]{6}$",
        description="この団体だけを探す（6桁のコード） / Search one municipality only",
    )

    @field_validator("q")
    @classmethod
    def _printable(cls, text: str) -> str:
        """Refuse control characters as every typed text is refused (NUL among them)."""
        return printable(text)


def published_towns() -> list[MunicipalityInfo]:
    """Return the municipalities with a published plan."""
    return [t for t in plan_queries.municipalities(published_only=True) if t.plans]


def _found(text: str, town: str | None, upto: int) -> tuple[list[SearchHitOut], int]:
    """Return the first ``upto`` hits of a search in the site's order, and how many in all:
    per plan (municipality, newest plan first), its text before its indicators."""
    plans = {(p.municipality_code, p.meta.slug): p for t in published_towns() for p in t.plans}
    texts = plan_queries.search(text, town, upto)
    found = search_indicators(text, town, upto)
    keyed = [
        (_order(plan, 0, n), text_hit_out(plan, h))
        for n, h in enumerate(texts.hits)
        for plan in [plans[(h.municipality_code, h.plan_slug)]]
    ] + [
        (_order(plan, 1, n), indicator_hit_out(plan, h))
        for n, h in enumerate(found.hits)
        for plan in [plans[(h.municipality_code, h.plan_slug)]]
    ]
    keyed.sort(key=lambda k: k[0])
    return [hit for _, hit in keyed[:upto]], texts.total + found.total


def _order(plan: PlanInfo, part: int, n: int) -> tuple[str, int, str, int, int]:
    """Return the place of a hit: its plan as the site orders plans, its text first."""
    return (plan.municipality_code, -plan.meta.period_start, plan.meta.slug, part, n)


@router.get(
    "/search",
    response=read_responses(SearchPage, 422),
    url_name="search",
    summary="検索 / Search",
    openapi_extra=READ_EXTRA,
)
def search(request: HttpRequest, asked: Query[SearchParams], page: Query[PageParams]) -> SearchPage:
    """Node titles, text blocks and indicators of published plans holding every word.

    公開サイトの検索と同じ照合です（NFKC、語は全て部分一致、日本語・英語の両方）。計画ごと
    （団体コード順、新しい計画から）に本文、続いて指標の順。先頭から 1000 件までをページで
    たどれます（``count``）。``total`` は見つかった全件数。Matches as the site's search does;
    the first 1,000 hits can be paged through (``count``), ``total`` counts every hit found.
    """
    upto = min(page.offset + page.limit, SEARCH_WINDOW)
    hits, total = _found(asked.q, asked.municipality, upto)
    chosen = hits[page.offset : page.offset + page.limit]
    reachable = min(total, SEARCH_WINDOW)
    terms = list(search_terms(asked.q))
    return SearchPage(
        **page_of(reachable, chosen, page, request),
        total=total,
        query=" ".join(terms),
        terms=terms,
    )


@router.get(
    PLAN + "/evaluations",
    response=read_responses(EvaluationPage, 404, 422),
    url_name="evaluations",
    summary="公開された施策評価 / Published evaluations",
    openapi_extra=READ_EXTRA,
)
def evaluations(
    request: HttpRequest,
    code: MunicipalityCode,
    slug: PlanSlug,
    page: Query[PageParams],
    year: Year = None,
) -> EvaluationPage:
    """The plan's published evaluations (施策評価), measures in document order, newest year first.

    公開された評価だけです（提出中・差し戻し中のものは出ません）。担当課の名前は出ますが、
    職員のアカウント名は出ません。Grades are those frozen when the evaluation was approved.
    """
    plan = published_plan(code, slug)
    every = plan_published_evaluations(plan.id)
    order = [p.node.code for p in flatten(plan_queries.load_nodes(plan.id))]
    rows = [
        evaluation_out(plan, v)
        for c in order
        for v in every.get(c, [])
        if year is None or v.fiscal_year == year
    ]
    return EvaluationPage(**page_fields(rows, page, request))


@router.get(
    PLAN + "/grades",
    response=read_responses(NodeGradePage, 404, 422),
    url_name="grades",
    summary="ノードごとの評価 / Grades by node",
    openapi_extra=READ_EXTRA,
)
def grades(
    request: HttpRequest,
    code: MunicipalityCode,
    slug: PlanSlug,
    page: Query[PageParams],
    year: GradedYear = None,
) -> NodeGradePage:
    """Each node with indicators below it, graded in ``year``: counts per grade, own grades.

    公開サイトのダッシュボードと同じ集計です（文書順、親が先）。An indicator with no actual
    is not graded (the missing grade) and never counts as zero.
    """
    plan = published_plan(code, slug)
    done = assess_plan(plan, year)
    rows = [
        node_grade_out(
            plan,
            placed.node,
            done.by_node[placed.node.code],
            done.config.scale,
            [r for r in done.results if r.indicator.node_code == placed.node.code],
        )
        for placed in flatten(plan_queries.load_nodes(plan.id))
        if placed.node.code in done.by_node
    ]
    return NodeGradePage(**page_fields(rows, page, request), year=done.year)


@router.get(
    "/prefectures",
    response=read_responses(PrefecturePage, 422),
    url_name="prefectures",
    summary="都道府県の一覧 / List prefectures",
    openapi_extra=READ_EXTRA,
)
def prefecture_list(request: HttpRequest, page: Query[PageParams]) -> PrefecturePage:
    """Prefectures with a municipality that has a published plan, by code. / 公開中の計画が
    ある団体を含む都道府県（コード順）。"""
    counts: dict[str, int] = {}
    for town in published_towns():
        key = prefecture_code(town.code)
        counts[key] = counts.get(key, 0) + 1
    known = prefectures()
    rows = [prefecture_out(known[c], n) for c, n in sorted(counts.items()) if c in known]
    return PrefecturePage(**page_fields(rows, page, request))


@router.get(
    "/prefectures/{prefecture}/municipalities",
    response=read_responses(MunicipalityPage, 404, 422),
    url_name="prefecture_municipalities",
    summary="都道府県の団体 / A prefecture's municipalities",
    openapi_extra=READ_EXTRA,
)
def prefecture_towns(
    request: HttpRequest, prefecture: PrefectureCode, page: Query[PageParams]
) -> MunicipalityPage:
    """A prefecture's municipalities with a published plan, by code. / 都道府県の団体のうち
    公開中の計画があるもの（コード順）。A prefecture with none is a 404, as on the site."""
    towns = [t for t in published_towns() if prefecture_code(t.code) == prefecture]
    if not towns:
        raise not_found("公開中の計画がある団体を含む都道府県", "Prefecture with a published plan")
    return MunicipalityPage(**page_fields([municipality_out(t) for t in towns], page, request))


class CompareParams(Schema):
    """Where to compare."""

    prefecture: str | None = Field(
        None,
        pattern=r"^[0-9]{2}$",
        description="この都道府県の団体だけ（2桁、既定: 全国） / One prefecture (default: all)",
    )


@router.get(
    "/comparisons/{common_code}",
    response=read_responses(ComparisonPage, 404, 422),
    url_name="comparison",
    summary="共通指標の団体間比較 / An indicator across municipalities",
    openapi_extra=READ_EXTRA,
)
def compare(
    request: HttpRequest,
    common_code: CommonCode,
    where: Query[CompareParams],
    page: Query[PageParams],
) -> ComparisonPage:
    """Each municipality measuring a common indicator: its latest actual and its plan's grade.

    団体コード順。各団体の最新の公開中の計画の指標で、数値のある最新の実績値と、その計画の
    方法・年度での評価。国の値はシステムが出典つきで持つものだけです（作りません）。
    """
    found = comparison.compare(common_code, where.prefecture)
    if found is None or not found.rows:
        raise not_found("この共通指標の公開データ", "Published data for this common code")
    rows = [compared_out(r) for r in found.rows]
    return ComparisonPage(
        **page_fields(rows, page, request),
        code=found.common.code,
        name=found.common.name_ja,
        name_en=found.common.name_en,
        prefecture=where.prefecture,
        national=[national_out(n) for n in found.national],
    )
