"""An indicator's figures: the list of its current ones (read, paginated) and the write
endpoint that records an actual or a target, as the workspace does, with an API token.

The list is sliced by the database, so a page costs the same for an indicator with 200,000
breakdown rows as for one with five (an indicator's own ``figures`` hold every figure for the
whole area but only the first breakdown rows of each kind and period).

Authentication is ``Authorization: Bearer <token>`` (tokens come from ``shisaku createtoken``).
The write goes through :func:`shisaku.indicators.services.record_figure`, so the permissions,
the validation, the revision history and the audit entry are those of the workspace.
``If-Match: "<revision>"`` names the revision the client last read (``"0"``: none yet); a
different current revision is a 412, never a silent overwrite. A figure that exists already is
changed only with ``If-Match``: without it the answer is 428 and nothing is written (a new
figure needs no header: leaving it out means ``"0"``).
"""

from __future__ import annotations

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.params import functions as params
from ninja.security import HttpBearer

from shisaku.accounts.permissions import allowed, membership
from shisaku.accounts.services import actor_for_token
from shisaku.api.common import (
    READ_EXTRA,
    IndicatorCode,
    MunicipalityCode,
    PlanSlug,
    published_plan,
    read_responses,
)
from shisaku.api.errors import ApiError, ErrorDetail, error_responses
from shisaku.api.indicator_out import figure_out, observation_out
from shisaku.api.indicator_schemas import FigureIn, FigurePage, FigureRecorded
from shisaku.api.pagination import PageParams, page_of
from shisaku.domain.actors import Actor
from shisaku.domain.periods import read_period
from shisaku.indicators import queries as indicator_queries
from shisaku.indicators.queries import FigureView
from shisaku.indicators.services import BatchResult, Conflict, FigureEntry, record_figure
from shisaku.plan import queries as plan_queries
from shisaku.plan.queries import PlanInfo


class TokenAuth(HttpBearer):
    """An API token created with ``shisaku createtoken``; it acts as its user."""

    def authenticate(self, request: HttpRequest, token: str) -> Actor:
        """Return the token's actor, or refuse with a 401 saying the token is not valid."""
        actor = actor_for_token(token)
        if actor is None:
            raise ApiError(401, "トークンが無効か失効しています / The token is unknown or revoked")
        return actor


router = Router(tags=["figures"])

FIGURES = "/municipalities/{code}/plans/{slug}/indicators/{indicator_code}/figures"


@router.get(
    FIGURES,
    response=read_responses(FigurePage, 404, 422),
    url_name="figures",
    summary="指標の現在の値の一覧 / An indicator's current figures",
    openapi_extra=READ_EXTRA,
)
def figures(
    request: HttpRequest,
    code: MunicipalityCode,
    slug: PlanSlug,
    indicator_code: IndicatorCode,
    page: Query[PageParams],
) -> FigurePage:
    """Every current figure, breakdown rows included, a page at a time. / 内訳を含む全ての現在の値。

    Ordered by kind, period and breakdown. The indicator's own ``figures`` hold every figure
    for the whole area but only the first breakdown rows of each kind and period.
    """
    plan = published_plan(code, slug)
    found = indicator_queries.indicator_id(plan.id, indicator_code)
    count, chosen = indicator_queries.current_figures_page(found, page.offset, page.limit)
    return FigurePage(**page_of(count, [figure_out(f) for f in chosen], page, request))


IfMatch = Annotated[
    str | None,
    params.Header(
        None,
        alias="If-Match",
        pattern=r'^"?[0-9]+"?$',
        description='訂正する値の版（例: "1"）。既にある値を変えるときは必須（無ければ 428）、'
        '新しい値なら "0" または省略 / Revision being corrected: required to change an '
        'existing figure (428 without it); "0" or left out for a new one',
    ),
]


def _expected(if_match: str | None) -> int:
    """Return the revision an If-Match header names; absent means none yet (``0``)."""
    return 0 if if_match is None else int(if_match.strip('"'))


def _if_match_required(path: str) -> ApiError:
    """Return the 428 for a write to an existing figure without If-Match, saying what to send."""
    how = (
        f"この値は既に記録されています。GET {path} で読んだ値の revision を "
        'If-Match ヘッダーで送ってください（例: If-Match: "1"） / '
        f"This figure exists: send the revision you read with GET {path} in If-Match"
    )
    return ApiError(428, how, [ErrorDetail(field="If-Match", message=how)])


def _recorded(actor: Actor, entry: FigureEntry, if_match: str | None, path: str) -> BatchResult:
    """Record the entry; without If-Match a figure that exists already is a 428, not replaced."""
    try:
        return record_figure(actor=actor, entry=entry)
    except Conflict as stale:
        if if_match is None:
            raise _if_match_required(path) from stale
        raise


def _writable_plan(actor: Actor, code: str, slug: str) -> PlanInfo:
    """Return the plan to write to; a draft is hidden from those who may not read drafts."""
    plan = plan_queries.find_plan(code, slug)
    if plan.meta.status == "published":
        return plan
    member = membership(actor, code)
    if not allowed(actor, "plan.read_drafts", code, member.department if member else None):
        raise plan_queries.NotFound(f"plan {slug} of municipality {code} does not exist")
    return plan


def _stored(key: tuple[int, str], kind: str, period: str, breakdown: str) -> FigureView:
    """Return the current figure of a kind, period and breakdown after a write (one row read,
    however many figures the indicator has)."""
    indicator_id, basis = key
    period_key = read_period(period, default_basis=basis).key()  # type: ignore[arg-type]
    return indicator_queries.current_figure(indicator_id, kind, period_key, breakdown)


def _entry(plan: PlanInfo, indicator_code: str, payload: FigureIn, expected: int) -> FigureEntry:
    """Return the service's entry for a request body."""
    return FigureEntry(
        plan.municipality_code,
        plan.meta.slug,
        indicator_code,
        payload.kind,
        payload.period,
        payload.value,
        note=payload.given("note"),  # left out: the service keeps the current figure's
        source=payload.given("source"),
        breakdown=payload.breakdown,
        expected_revision=expected,
    )


@router.post(
    FIGURES,
    auth=TokenAuth(),
    response={
        201: FigureRecorded,
        200: FigureRecorded,
        **error_responses(400, 401, 403, 404, 412, 413, 422, 428, 500),
    },
    url_name="record_figure",
    summary="実績値・目標値の記録 / Record an actual or a target",
    openapi_extra={
        "responses": {
            201: {"description": "新しい版を記録しました / Recorded as a new revision"},
            200: {
                "description": "同じ値が既にあり、変更なし / Unchanged: the same value is current"
            },
        }
    },
)
def record(
    request: HttpRequest,
    code: MunicipalityCode,
    slug: PlanSlug,
    indicator_code: IndicatorCode,
    payload: FigureIn,
    if_match: IfMatch = None,
) -> Any:
    """Record an actual or a target as the workspace does: 201 new revision, 200 unchanged.

    担当課は自課の指標だけ、企画課は団体の全ての指標に記録できます。同じ値なら何も変えません（200）。
    A correction is a new revision; the old one stays in the observations.
    """
    actor: Actor = request.auth  # type: ignore[attr-defined]
    plan = _writable_plan(actor, code, slug)
    key = indicator_queries.indicator_key(plan.id, indicator_code)  # 404 before permissions
    entry = _entry(plan, indicator_code, payload, _expected(if_match))
    result = _recorded(actor, entry, if_match, request.path)
    figure = _stored(key, payload.kind, payload.period, payload.breakdown)
    changed = result.figures_unchanged == 0
    _, department = indicator_queries.responsible_department(plan.id, indicator_code)
    recorded = observation_out(figure, department)
    body = FigureRecorded(changed=changed, revision=figure.revision, figure=recorded)
    return Status(201 if changed else 200, body)
