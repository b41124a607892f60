"""The one error envelope of the API, and the handlers that turn every failure into it.

Every error status (400, 401, 403, 404, 405, 409, 412, 413, 422, 428, 429, 500) answers with::

    {"error": {"status": 422, "code": "validation_error",
               "message": "入力に誤りがあります / The input is not valid",
               "details": [{"field": "value", "message": "…"}]}}

``message`` is Japanese first, then English; ``details`` names each field that is wrong (empty
when the error is not about a field). A 500 never shows a traceback, whatever DEBUG says.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError, ValidationError
from pydantic import Field

from shisaku.accounts.permissions import PermissionDenied
from shisaku.api.body import BodyError
from shisaku.api.strict import OutSchema
from shisaku.api.validation import validation_details
from shisaku.indicators.queries import NotFound as IndicatorNotFound
from shisaku.indicators.services import BatchRejected, Conflict, Locked
from shisaku.plan.queries import NotFound as PlanNotFound

logger = logging.getLogger("shisaku.api")

# status → (code, message): the default wording of each error status, Japanese first
STATUSES: dict[int, tuple[str, str]] = {
    400: ("bad_request", "リクエストを読めません / The request cannot be read"),
    401: ("unauthorized", "認証が必要です / Authentication required"),
    403: ("forbidden", "この操作の権限がありません / Permission denied"),
    404: ("not_found", "見つかりません / Not found"),
    405: ("method_not_allowed", "このメソッドは使えません / Method not allowed"),
    409: ("conflict", "他の更新と衝突しました / Conflict with another change"),
    412: (
        "precondition_failed",
        "If-Match の版が最新ではありません / Precondition failed: If-Match is not current",
    ),
    413: ("payload_too_large", "送信されたデータが大きすぎます / The request is too large"),
    422: ("validation_error", "入力に誤りがあります / The input is not valid"),
    428: ("precondition_required", "If-Match ヘッダーが必要です / Precondition required: If-Match"),
    429: ("too_many_requests", "リクエストが多すぎます / Too many requests"),
    500: ("internal_error", "サーバーで予期しない誤りが起きました / Internal server error"),
}


class ErrorDetail(OutSchema):
    """入力の誤り一つ / One thing wrong with the input: the field (body key, query or header name)
    and why."""

    field: str = Field(
        description="誤りのある項目（本文のキー、クエリ、ヘッダーの名前） / "
        "The field: body key, query or header name"
    )
    message: str = Field(description="誤りの理由 / Why it is wrong")


class ErrorBody(OutSchema):
    """誤りの内容 / What went wrong: the HTTP status, a stable machine code, a message and the
    details."""

    status: int = Field(description="HTTP ステータス / HTTP status")
    code: str = Field(
        description="誤りの機械向けコード（例: not_found） / Stable machine code (e.g. not_found)"
    )
    message: str = Field(description="説明（日本語 / English） / Message, Japanese then English")
    details: list[ErrorDetail] = Field(
        [],
        description="項目ごとの誤り（項目の誤りでなければ空） / "
        "Each field that is wrong (empty when none)",
    )


class ErrorEnvelope(OutSchema):
    """全ての誤りの応答の本文 / The body of every error response."""

    error: ErrorBody = Field(description="誤りの内容 / What went wrong")


class ApiError(Exception):
    """An error the API reports as it is: status, optional message and details."""

    def __init__(self, status: int, message: str = "", details: Iterable[ErrorDetail] = ()) -> None:
        super().__init__(message or STATUSES[status][1])
        self.status = status
        self.message = message or STATUSES[status][1]
        self.details = list(details)


def envelope(status: int, message: str = "", details: Iterable[ErrorDetail] = ()) -> ErrorEnvelope:
    """Return the error body for ``status`` (its default message unless one is given)."""
    code, default = STATUSES.get(status, STATUSES[500])
    body = ErrorBody(status=status, code=code, message=message or default, details=list(details))
    return ErrorEnvelope(error=body)


def envelope_json(status: int, message: str = "") -> bytes:
    """Return the error body for ``status`` as JSON bytes, for answers made before the API runs
    (the upload limit's 413, :mod:`shisaku.uploadlimit`)."""
    return envelope(status, message).model_dump_json().encode()


def error_responses(*statuses: int) -> dict[int, type[ErrorEnvelope]]:
    """Return the response declarations of the error statuses an endpoint may answer."""
    return dict.fromkeys(statuses, ErrorEnvelope)


def describe_errors(responses: dict[int, dict[str, Any]]) -> None:
    """Describe each error response of an OpenAPI operation by its envelope message."""
    for status, response in responses.items():
        if status in STATUSES and status >= 400:
            response["description"] = STATUSES[status][1]


def _with_english(japanese: str, english: str) -> str:
    """Return a service's Japanese message followed by the English summary."""
    return f"{japanese} / {english}"


def _translate(exc: Exception) -> ApiError:
    """Return the API error that stands for an exception raised by a view."""
    for kind, convert in TRANSLATIONS.items():
        if isinstance(exc, kind):
            return convert(exc)
    raise TypeError(f"no translation for {type(exc).__name__}")  # pragma: no cover


def _body_error(message: str) -> ApiError:
    """Return a 400 for a body that cannot be read, saying why in the ``body`` detail."""
    wanted = "UTF-8 の JSON オブジェクトを送ってください"
    detail = ErrorDetail(field="body", message=f"{message}。{wanted}")
    return ApiError(400, details=[detail])


def _too_big(exc: Exception) -> ApiError:
    """Return a 400 for a body over Django's limit (DATA_UPLOAD_MAX_MEMORY_SIZE)."""
    limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return _body_error(f"本文が大きすぎます（{limit:,} バイトまで）") if limit else ApiError(400)


def _http_error(exc: Exception) -> ApiError:
    """Return the envelope of Ninja's own HTTP errors (bad JSON → 400, throttling → 429)."""
    if isinstance(exc.__cause__, BodyError):  # Ninja wraps the parser's error in a bare 400
        return _body_error(str(exc.__cause__))
    status = exc.status_code if isinstance(exc, HttpError) else 500
    status = status if status in STATUSES else 400
    ja = STATUSES[status][1]
    return ApiError(status, ja if isinstance(exc, AuthenticationError) else f"{ja}（{exc}）")


def _batch_rejected(exc: Exception) -> ApiError:
    """Return an entry the service rejected as a validation error naming each field."""
    errors = exc.errors if isinstance(exc, BatchRejected) else []
    details = [ErrorDetail(field=e.place.column or "body", message=e.message) for e in errors]
    return ApiError(422, details=details)


def _invalid(exc: Exception) -> ApiError:
    """Return Ninja's validation errors (types, unknown fields, ranges) naming each field."""
    found = validation_details(exc.errors if isinstance(exc, ValidationError) else [])
    return ApiError(422, details=[ErrorDetail(field=f, message=m) for f, m in found])


def _as_is(exc: Exception) -> ApiError:
    """Return an API error raised by a view unchanged."""
    return exc if isinstance(exc, ApiError) else ApiError(500)


def _saying(status: int, english: str, japanese: str = "") -> Callable[[Exception], ApiError]:
    """Return a translation to ``status`` with the exception's (or a fixed) Japanese message."""
    return lambda exc: ApiError(status, _with_english(japanese or str(exc), english))


# exception → its API error; the first class the exception is an instance of wins
TRANSLATIONS: dict[type[Exception], Callable[[Exception], ApiError]] = {
    ApiError: _as_is,
    ValidationError: _invalid,
    BatchRejected: _batch_rejected,
    HttpError: _http_error,
    RequestDataTooBig: _too_big,
    Http404: lambda exc: ApiError(404),
    PlanNotFound: _saying(404, "Plan not found", "計画が見つかりません"),
    IndicatorNotFound: _saying(404, "Indicator not found", "指標が見つかりません"),
    Locked: _saying(403, "The year is locked: its evaluation is approved"),
    PermissionDenied: _saying(403, "Permission denied"),
    Conflict: _saying(412, "The figure was changed since you read it"),
}


def error_response(api: NinjaAPI, request: HttpRequest, error: ApiError) -> HttpResponse:
    """Render an API error as the envelope (with the Bearer challenge on a 401)."""
    body = envelope(error.status, error.message, error.details)
    response = api.create_response(request, body.model_dump(), status=error.status)
    if error.status == 401:
        response["WWW-Authenticate"] = 'Bearer realm="shisaku"'
    response["Cache-Control"] = "no-store"
    return response


def _handle(api: NinjaAPI) -> Callable[[HttpRequest, Any], HttpResponse]:
    """Return the handler of the exceptions that have a translation."""

    def handle(request: HttpRequest, exc: Any) -> HttpResponse:
        return error_response(api, request, _translate(exc))

    return handle


def _unexpected(api: NinjaAPI) -> Callable[[HttpRequest, Any], HttpResponse]:
    """Return the catch-all handler: log the traceback, answer 500 without it."""

    def handle(request: HttpRequest, exc: Any) -> HttpResponse:
        logger.exception("API error on %s %s", request.method, request.path, exc_info=exc)
        return error_response(api, request, ApiError(500))

    return handle


def install_handlers(api: NinjaAPI) -> None:
    """Register the envelope handlers on ``api`` (they replace Ninja's defaults)."""
    handle = _handle(api)
    for kind in TRANSLATIONS:
        api.add_exception_handler(kind, handle)
    api.add_exception_handler(Exception, _unexpected(api))
