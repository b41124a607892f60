"""The Shisaku JSON API (Django Ninja), mounted at /api/v1/ by :mod:`shisaku.urls`.

Beyond the endpoints of :mod:`~shisaku.api.plans`, :mod:`~shisaku.api.indicators` and
:mod:`~shisaku.api.figures`, the API serves ``openapi.json`` (the OpenAPI 3.1 document,
committed as docs/openapi.json), ``docs`` (a server-rendered reference: Ninja's Swagger UI is
off because it loads JavaScript from a CDN), and an envelope 404 for any other address under
it; its index at its root is an operation of :mod:`~shisaku.api.index`.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, URLResolver, path, re_path
from ninja import NinjaAPI
from ninja.openapi.schema import OpenAPISchema
from ninja.openapi.views import default_home
from ninja.renderers import JSONRenderer

from shisaku.api import figures, index, indicators, plans, sdgs, site, voice
from shisaku.api.body import JsonBody
from shisaku.api.docs import docs_page
from shisaku.api.errors import ApiError, describe_errors, error_response, install_handlers
from shisaku.api.http import wrap
from shisaku.api.links import NAMESPACE, api_url
from shisaku.api.queries import accepted_queries, refusing_unknown

# the addresses of the API itself (not of a router): they take no query parameter
NO_QUERY = {"GET": frozenset[str]()}
OWN_ADDRESSES = ("docs", "openapi-json")

DESCRIPTION = """\
総合計画（基本構想・基本計画）と成果指標の公開データを返す JSON API です。\
読み取りは認証不要で、公開中の計画だけが見えます。書き込み（実績値・目標値の記録）には \
`Authorization: Bearer <token>` が必要です。一覧は `limit`/`offset` でページ分割し、\
`{"count", "limit", "offset", "items"}` で返します。全ての GET は ETag を返し、\
`If-None-Match` が一致すれば 304 です。既にある値を変える書き込みには読んだ版を `If-Match` で\
送ります（無ければ 428、古ければ 412）。記載のないクエリパラメーターは 400 です。\
誤りは全て `{"error": {...}}` の形で返します。

The JSON API of Shisaku: municipal comprehensive plans (総合計画) and their indicators. \
Reads need no authentication and show published plans only. Writes (recording actuals and \
targets) need `Authorization: Bearer <token>`. Lists are paginated with `limit`/`offset` and \
answer `{"count", "limit", "offset", "items"}`. Every GET returns an ETag and answers 304 when \
`If-None-Match` matches. A write that changes an existing figure sends the revision read in \
`If-Match` (428 without it, 412 when stale). A query parameter an endpoint does not list is a \
400. Every error has the same envelope `{"error": {...}}`.
"""


class Utf8Renderer(JSONRenderer):
    """JSON with Japanese as UTF-8, not \\u escapes."""

    json_dumps_params = {"ensure_ascii": False}


class ShisakuAPI(NinjaAPI):
    """NinjaAPI whose every address answers in the envelope, with ETags and docs (its index is
    an operation, :mod:`shisaku.api.index`)."""

    def envelope(self, request: HttpRequest, status: int, message: str) -> HttpResponse:
        """Return an error response in the envelope."""
        return self.answer(request, ApiError(status, message))

    def answer(self, request: HttpRequest, error: ApiError) -> HttpResponse:
        """Return an API error in the envelope."""
        return error_response(self, request, error)

    def docs_view(self, request: HttpRequest) -> HttpResponse:
        """Return the reference page, generated from this API's OpenAPI document."""
        return docs_page(request, dict(self.get_openapi_schema()), api_url("api-root"))

    def unknown_view(self, request: HttpRequest, rest: str = "") -> HttpResponse:
        """Return a 404 envelope for an address the API does not have."""
        return self.envelope(request, 404, "このアドレスはありません / No such API address")

    def get_openapi_schema(
        self, *, path_prefix: str | None = None, path_params: dict[str, Any] | None = None
    ) -> OpenAPISchema:
        """Return Ninja's document with every error response described in both languages."""
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        for item in schema["paths"].values():
            for operation in item.values():
                describe_errors(operation["responses"])
        return schema

    def _get_urls(self) -> list[URLResolver | URLPattern]:
        """Return Ninja's addresses (not its own home page: the index is an operation, named
        ``api-root`` as Ninja's home is) plus docs and the catch-all, each wrapped by
        :func:`wrap`."""
        own = [p for p in super()._get_urls() if not is_ninja_home(p)]
        own += [
            path("docs", self.docs_view, name="docs"),
            re_path(r"^(?P<rest>.*)$", self.unknown_view, name="unknown"),
        ]
        accepted = accepted_queries(self)
        return [self._wrapped(p, accepted) for p in own]

    def _wrapped(self, pattern: Any, accepted: dict[str, dict[str, frozenset[str]]]) -> Any:
        """Return a URL pattern whose view is wrapped (resolvers are left as they are): its
        query parameters checked against those its operations declare, then :func:`wrap`."""
        if not isinstance(pattern, URLPattern):
            return pattern
        view = pattern.callback
        methods = accepted.get(
            str(pattern.pattern), NO_QUERY if pattern.name in OWN_ADDRESSES else None
        )
        if methods is not None:
            view = refusing_unknown(view, methods, self.answer)
        view = wrap(view, self.envelope)
        return URLPattern(pattern.pattern, view, pattern.default_args, pattern.name)


def is_ninja_home(pattern: Any) -> bool:
    """Tell whether a URL pattern is Ninja's own home page (``ninja.openapi.urls.default_home``)."""
    callback = getattr(pattern, "callback", None)
    return isinstance(callback, partial) and callback.func is default_home


api = ShisakuAPI(
    title=index.TITLE,
    version=index.VERSION,
    description=DESCRIPTION,
    urls_namespace=NAMESPACE,
    docs_url=None,
    renderer=Utf8Renderer(),
    parser=JsonBody(),
)
install_handlers(api)
api.add_router("", index.router)
api.add_router("", plans.router)
api.add_router("", indicators.router)
api.add_router("", figures.router)
api.add_router("", site.router)
api.add_router("", voice.router)
api.add_router("", sdgs.router)
