"""The API's index at its root (``/api/v1/``): where to start, described in the OpenAPI document
as every other answer is (:class:`ApiIndexOut`, ``/schemas/v1/api/api-index.json``)."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router
from pydantic import Field

from shisaku.api.common import READ_EXTRA, read_responses
from shisaku.api.links import api_url
from shisaku.api.strict import OutSchema

TITLE = "Shisaku API"
VERSION = "1"

router = Router(tags=["index"])


class ApiIndexOut(OutSchema):
    """API の入口（説明、OpenAPI 文書、最初の一覧のアドレス） / Where to start: the addresses
    of the reference, the OpenAPI document and the first list."""

    title: str = Field(description="API の名前 / Name of the API")
    version: str = Field(description="API の版（アドレスの v1 の 1） / Version of the API")
    docs: str = Field(description="説明のページのアドレス / Address of the reference page")
    openapi: str = Field(
        description="OpenAPI 3.1 文書のアドレス / Address of the OpenAPI 3.1 document"
    )
    municipalities: str = Field(
        description="公開中の計画がある団体の一覧のアドレス / Address of the list of "
        "municipalities with a published plan"
    )


@router.get(
    "/",
    response=read_responses(ApiIndexOut),
    url_name="api-root",
    summary="API の入口 / Where to start",
    openapi_extra=READ_EXTRA,
)
def index(request: HttpRequest) -> ApiIndexOut:
    """The addresses of the reference, the OpenAPI document and the list of municipalities.

    認証不要。クエリパラメーターは受け付けません（400）。Needs no authentication and takes no
    query parameter (400).
    """
    return ApiIndexOut(
        title=TITLE,
        version=VERSION,
        docs=api_url("docs"),
        openapi=api_url("openapi-json"),
        municipalities=api_url("municipalities"),
    )
