"""What the read endpoints share: path parameters, response declarations, published lookups."""

from __future__ import annotations

from typing import Annotated, Any

from ninja.params import functions as params

from shisaku.api.errors import ApiError, error_responses
from shisaku.plan import queries as plan_queries
from shisaku.plan.queries import MunicipalityInfo, PlanInfo

MunicipalityCode = Annotated[
    str,
    params.Path(
        pattern=r"^[0-9]{6}$",
        description="全国地方公共団体コード（6桁、例: 292125） / 6-digit local government code",
    ),
]
PlanSlug = Annotated[str, params.Path(description="計画の slug（例: 2015-2019） / Plan slug")]
NodeCode = Annotated[
    str, params.Path(description="ノードの番号（例: 2-1-1、1-1-1.1） / Node code (dots, dashes)")
]
IndicatorCode = Annotated[str, params.Path(description="指標の番号 / Indicator code")]

GradedYear = Annotated[
    int | None,
    params.Query(
        None,
        ge=1868,
        le=2999,
        description="評価する年度（既定: 実績のある最新の年度） / Year graded "
        "(default: the latest year with an actual)",
    ),
]

CACHE_CONTROL = "public, max-age=60"

# The caching headers of every successful read, and its 304 answer, for the OpenAPI document
_HEADERS = {
    "ETag": {
        "description": "本文の SHA-256（強い ETag） / Strong ETag: SHA-256 of the body",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": f"{CACHE_CONTROL}",
        "schema": {"type": "string"},
    },
}
READ_EXTRA: dict[str, Any] = {
    "responses": {
        200: {"headers": _HEADERS},
        304: {
            "description": "If-None-Match が一致（本文なし） / Not modified: If-None-Match matched",
            "headers": _HEADERS,
        },
    }
}


def read_responses(model: type, *errors: int) -> dict[int, type]:
    """Return the responses of a read: the model on 200, the envelope on its error statuses
    (400 on every read: an unknown query parameter, :mod:`shisaku.api.queries`)."""
    declared: dict[int, type] = {200: model}
    declared.update(error_responses(400, *errors, 500))
    return declared


def not_found(what_ja: str, what_en: str) -> ApiError:
    """Return a 404 naming what was not found."""
    return ApiError(404, f"{what_ja}が見つかりません / {what_en} not found")


def published_town(code: str) -> MunicipalityInfo:
    """Return a municipality with at least one published plan, or raise a 404."""
    for town in plan_queries.municipalities(published_only=True):
        if town.code == code and town.plans:
            return town
    raise not_found("団体", "Municipality")


def published_plan(code: str, slug: str) -> PlanInfo:
    """Return a published plan, or raise a 404 (drafts are not visible to readers)."""
    return plan_queries.find_plan(code, slug, published_only=True)
