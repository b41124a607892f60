"""Addresses the API hands out: its own resources and the public pages that show them.

Page addresses are in Japanese (``/ja/…``), whatever the request's language, so a response
(and its ETag) does not depend on Accept-Language. The public site is reached by its URL names,
not by importing it (interfaces stay independent).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse
from django.utils import translation

NAMESPACE = "api"


def api_url(name: str, **kwargs: str) -> str:
    """Return the address of the API endpoint named ``name``."""
    return reverse(f"{NAMESPACE}:{name}", kwargs=kwargs)


def page_url(name: str, **kwargs: str) -> str | None:
    """Return the Japanese public page ``public:name``, or None when it cannot be addressed."""
    with translation.override("ja"):
        try:
            return reverse(f"public:{name}", kwargs=kwargs)
        except NoReverseMatch:
            return None


def plan_kwargs(code: str, slug: str, **more: str) -> dict[str, str]:
    """Return the path arguments of a plan's endpoints."""
    return {"code": code, "slug": slug, **more}
