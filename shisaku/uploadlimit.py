"""Refuse a request body over the upload limit before any of it is read.

Django reads a multipart body whole (spooling a file over FILE_UPLOAD_MAX_MEMORY_SIZE to a
temporary file) before a form can say the file is too large, so a client could make every
worker read and store far more than the 5 MB an upload may be.  This middleware answers 413
from the Content-Length header alone, before the session, CSRF or a view touch the body; the
margin leaves room for the form's other fields, so a file just over 5 MB still gets the
form's own message.  What is let through is read in memory only (settings: the memory upload
handler alone), never into a temporary file.  Under /api/ the 413 is the API's JSON error
envelope (:mod:`shisaku.api.errors`, code ``payload_too_large``), as every other API error.
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from shisaku.api.errors import envelope_json

MARGIN = 64 * 1024  # the multipart framing and the form's other fields
API = "/api/"  # where answers are the API's JSON envelope (shisaku.urls mounts /api/v1/)


def body_limit() -> int:
    """Return the largest request body read, in bytes."""
    return int(settings.SHISAKU_UPLOAD_MAX_BYTES) + MARGIN


def _declared_length(request: HttpRequest) -> int:
    """Return the body length the client declared (0 when absent or not a number)."""
    text = str(request.META.get("CONTENT_LENGTH") or "0")
    return int(text) if text.isdigit() else 0


def _too_large(request: HttpRequest, length: int) -> HttpResponse:
    """Return the 413 answer, Japanese first: the API's JSON envelope under /api/, else text."""
    limit = int(settings.SHISAKU_UPLOAD_MAX_BYTES) // (1024 * 1024)
    size = f"{length / 1024 / 1024:.1f} MB"
    japanese = (
        f"送信されたデータが大きすぎます（{size}。ファイルは {limit} MB までです）。"
        "ファイルを分けて送ってください。"
    )
    english = (
        f"The request is too large ({size}; files may be up to {limit} MB). "
        "Split the file and send the parts."
    )
    if request.path.startswith(API):
        body = envelope_json(413, f"{japanese} / {english}")
        response = HttpResponse(body, status=413, content_type="application/json; charset=utf-8")
        response["Cache-Control"] = "no-store"
    else:
        text = f"{japanese}\n{english}\n"
        response = HttpResponse(text, status=413, content_type="text/plain; charset=utf-8")
    response["Connection"] = "close"  # the unread body is not waited for
    return response


class UploadLimitMiddleware:
    """Answer 413 to a request that declares a body over the limit, without reading it."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        """Refuse an oversized body at once; pass any other request on."""
        length = _declared_length(request)
        if length > body_limit():
            return _too_large(request, length)
        return self.get_response(request)
