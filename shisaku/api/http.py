"""HTTP behaviour shared by every API address: ETag and caching, 304, 405 and unknown paths.

Each view of the API is wrapped by :func:`wrap`:

- a successful GET gets a strong ETag (the SHA-256 of its body) and ``Cache-Control: public,
  max-age=60``; when ``If-None-Match`` names that ETag (or ``*``) the answer is 304, no body;
- an anonymous GET is answered from the process's store while the data it shows is unchanged,
  its ETag with it (:mod:`shisaku.api.kept`); a 304 is then given without building the body;
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

from shisaku.api import kept
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


def tagged(response: HttpResponseBase) -> HttpResponseBase:
    """Give a successful read its ETag and caching header."""
    content = getattr(response, "content", None)
    if response.status_code == 200 and isinstance(content, bytes):
        response["ETag"] = etag_of(content)
        response["Cache-Control"] = CACHE_CONTROL
    return response


def conditional(request: HttpRequest, response: HttpResponseBase) -> HttpResponseBase:
    """Return the 304 that stands for a tagged read when If-None-Match names it, or the read."""
    if response.status_code == 200 and "ETag" in response and matches(request, response["ETag"]):
        return not_modified(response)
    return response


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

    def answer(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        """Return the view's response, errors and 405 in the envelope."""
        try:
            response = view(request, *args, **kwargs)
        except Http404:
            return envelope(request, 404, "")
        except Exception:
            logger.exception("API error on %s %s", request.method, request.path)
            return envelope(request, 500, "")
        if response.status_code == 405:
            return method_not_allowed(request, response, envelope)
        return response

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
        if any("\x00" in str(value) for value in kwargs.values()):
            return envelope(request, 404, "")
        key = kept.key_of(request, kwargs)
        found = kept.STORE.get(key) if key is not None else None
        if found is not None:
            return conditional(request, found.response())
        response = answer(request, *args, **kwargs)
        if request.method != "GET":
            return response
        response = tagged(response)
        kept.keep(key, response)
        return conditional(request, response)

    wrapped.csrf_exempt = True  # type: ignore[attr-defined]  # token auth, no cookies
    return wrapped
