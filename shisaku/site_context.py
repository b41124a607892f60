"""The site a request is answered for: its address, and whether it is the live site or a
published copy of it.

The live site takes its context from the request (:class:`SiteContextMiddleware`: the scheme
and the host Django checked against ``ALLOWED_HOSTS``); a publishing run builds its requests
itself and gives each the context of the site it writes (the address the operator names), so
that nothing in the settings is changed for it.  A view reads the context with :func:`of`;
its request answers ``build_absolute_uri`` from the same address.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http import HttpRequest, HttpResponseBase

ATTRIBUTE = "shisaku_site"  # the request attribute holding its context


@dataclass(frozen=True)
class SiteContext:
    """Where a site is served (scheme and host, with a port when given) and whether the
    answers are written to files by a publishing run."""

    scheme: str
    host: str
    published: bool

    @classmethod
    def published_at(cls, site_url: str) -> SiteContext:
        """Return the context of a copy published to ``site_url`` (``https://example.jp``)."""
        parts = urlsplit(site_url)
        scheme = "https" if parts.scheme == "https" else "http"
        return cls(scheme, parts.netloc or "localhost", published=True)

    @property
    def secure(self) -> bool:
        """Tell whether the site is served over HTTPS."""
        return self.scheme == "https"


def live(request: HttpRequest) -> SiteContext:
    """Return the context of a request to the live site (its host checked by Django)."""
    return SiteContext(request.scheme or "http", request.get_host(), published=False)


def of(request: HttpRequest) -> SiteContext:
    """Return the context of ``request``: the one it was given, else the live site's."""
    found = getattr(request, ATTRIBUTE, None)
    return found if isinstance(found, SiteContext) else live(request)


class SiteContextMiddleware:
    """Give each request to the live site its context (after CommonMiddleware, which has
    already checked the host)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        """Set the request's context and answer it."""
        setattr(request, ATTRIBUTE, live(request))
        return self.get_response(request)
