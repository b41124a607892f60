"""The site's icon at /favicon.ico, where browsers and feed readers look for it unasked.

The icon is a file of the repository (``static/shisaku/favicon.ico``, 16 and 32 pixels, drawn
like ``favicon.svg``, which the pages link for browsers that take SVG); it is read once and
served from memory, so the address answers the same with or without a static file server.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.http import HttpRequest, HttpResponse
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

ICON = Path(__file__).resolve().parent.parent / "static" / "shisaku" / "favicon.ico"


@cache
def _icon() -> bytes:
    """Return the icon's bytes (read on first use)."""
    return ICON.read_bytes()


@require_safe
@cache_control(public=True, max_age=86_400)
def favicon(request: HttpRequest) -> HttpResponse:
    """Answer the site's icon."""
    return HttpResponse(_icon(), content_type="image/vnd.microsoft.icon")
