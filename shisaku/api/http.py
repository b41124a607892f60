"""HTTP behaviour shared by every API address: ETag and caching, 304, 405 and unknown paths.

Each view of the API is wrapped by :func:`wrap`:

- a successful GET gets a strong ETag (the SHA-256 of its body) and ``Cache-Control: public,
  max-age=60``; when ``If-None-Match`` names that ETag (or ``*``) the answer is 304, no body;
- a method the address does not serve is a 405 in the error envelope, with ``Allow``;
- anything that escapes a view is logged and answered with a 500 envelope, no traceback;
- a path parameter holding NUL (``%00``) names nothing: 404 before any query (PostgreSQL
  refuses NUL in text, which would otherwise be a 500).
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.http import Http404, HttpRequest, HttpResponseBase, HttpResponseNotModified
from django.utils.http import parse_etags

from shisaku.api.common import CACHE_CONTROL

logger = logging.getLogger("shisaku.api")

View = Callable[..., HttpResponseBase]
Envelope = Callable[[HttpRequest, int, str], HttpResponseBase]

# headers a 304 repeats from the response it stands for (RFC 9110 §15.4.5)
KEPT_ON_304 = ("Cache-Control", "ETag", "Vary", "Content-Location", "Expires")


def etag_of(content: bytes) -> str:
    """Return the strong ETag of a body: its SHA-256, quoted."""
    return f'"{hashlib.sha256(content).hexdigest()}"'


def matches(request: HttpRequest, etag: str) -> bool:
    """Return whether If-None-Match names ``etag`` (weak comparison, as RFC 9110 asks)."""
    tags = parse_etags(request.headers.get("If-None-Match", ""))
    return "*" in tags or any(tag.removeprefix("W/") == etag for tag in tags)


def not_modified(response: HttpResponseBase) -> HttpResponseNotModified:
    """Return the 304 that stands for ``response``."""
    answer = HttpResponseNotModified()
    for header in KEPT_ON_304:
        if header in response:
            answer[header] = response[header]
    return answer


def cached(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Give a successful read its ETag and caching header, or answer 304 when it matches."""
    content = getattr(response, "content", None)
    if response.status_code != 200 or not isinstance(content, bytes):
        return response
    response["ETag"] = etag_of(content)
    response["Cache-Control"] = CACHE_CONTROL
    return not_modified(response) if matches(request, response["ETag"]) else response


def method_not_allowed(
    request: HttpRequest, response: HttpResponseBase, envelope: Envelope
) -> HttpResponseBase:
    """Return a 405 in the error envelope, keeping the Allow header."""
    allow = response.get("Allow", "")
    message = f"{request.method} は使えません（使えるもの: {allow}） / Method not allowed"
    answer = envelope(request, 405, message)
    answer["Allow"] = allow
    return answer


def wrap(view: View, envelope: Envelope) -> View:
    """Return ``view`` with ETags, 304, the 405 envelope and a 500 envelope around it."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if any("\x00" in str(value) for value in kwargs.values()):
            return envelope(request, 404, "")
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return envelope(request, 404, "")
        except Exception:
            logger.exception("API error on %s %s", request.method, request.path)
            return envelope(request, 500, "")
        if response.status_code == 405:
            return method_not_allowed(request, response, envelope)
        return cached(request, response) if request.method == "GET" else response

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]  # token auth, no cookies
    return wrapped
