"""Render public pages in-process: a request, Django's URL resolution, the view it names.

No network and no middleware: the request goes straight to the view ``resolve()`` finds, in
the language of the path's prefix, as the live site would answer it (the same views, templates
and queries).  Every request carries the run's :class:`Reads`, so the views load and grade
each plan once for the whole run, not once a page.  Absolute URLs in the downloads
(``request.build_absolute_uri``) use the site address the run is given.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.http import Http404, HttpResponseBase
from django.test import RequestFactory
from django.test.utils import override_settings
from django.urls import resolve, reverse
from django.utils import translation
from django.utils.html import format_html
from django.views.defaults import page_not_found

from shisaku.evaluation.reads import ATTRIBUTE, SAME_IN_EVERY_LANGUAGE, Reads

SITE_URLCONF = "shisaku.site_urls"  # the public site's routes, without the API and workspace


@dataclass(frozen=True)
class Rendered:
    """What a URL answered: the status, the body and where a redirect points."""

    status: int
    content: bytes
    location: str = ""


class Renderer:
    """Render URLs of the site in-process, as seen from ``site_url`` (scheme and host)."""

    def __init__(self, site_url: str, reads: Reads) -> None:
        self.reads = reads
        parts = urlsplit(site_url)
        self.host = parts.netloc or "localhost"
        secure = parts.scheme == "https"
        self.factory = RequestFactory(HTTP_HOST=self.host, secure=secure)

    @contextmanager
    def active(self) -> Iterator[Renderer]:
        """Accept the site's host for the length of the block (the views build URLs on it), and
        take the public site's routes alone."""
        hosts = [self.host.split(":")[0]]
        with override_settings(ALLOWED_HOSTS=hosts, ROOT_URLCONF=SITE_URLCONF):
            yield self

    def get(self, path: str, language: str) -> Rendered:
        """Return what the view of ``path`` (percent-encoded, as links give it) answers."""
        request = self.factory.get(path)
        setattr(request, ATTRIBUTE, self.reads)
        with translation.override(language):
            request.LANGUAGE_CODE = language
            try:
                match = resolve(request.path_info)
                response = match.func(request, *match.args, **match.kwargs)
            except Http404:
                return Rendered(404, b"")
        return _rendered(response)

    def same_in_every_language(self, path: str, language: str) -> bool:
        """Return whether the view of ``path`` answers the same in every language."""
        with translation.override(language):
            return bool(getattr(resolve(path).func, SAME_IN_EVERY_LANGUAGE, False))

    def not_found(self, language: str) -> bytes:
        """Return the site's 404 page in ``language``."""
        with translation.override(language):
            request = self.factory.get(f"/{language}/404.html")
            request.LANGUAGE_CODE = language
            return bytes(page_not_found(request, Http404()).content)

    def url(self, name: str, language: str, **kwargs: str) -> str:
        """Return the path of a named public URL in ``language``."""
        with translation.override(language):
            return reverse(f"public:{name}", kwargs=kwargs or None)


def _rendered(response: HttpResponseBase) -> Rendered:
    """Return a response's status, body and redirect target."""
    body = bytes(getattr(response, "content", b""))
    return Rendered(response.status_code, body, str(response.get("Location", "")))


def redirect_page(location: str) -> bytes:
    """Return an HTML page that sends the reader on to ``location`` (a redirect, as a file)."""
    return format_html(
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="0; url={0}">'
        '<link rel="canonical" href="{0}"><title>→ {0}</title></head>'
        '<body><p><a href="{0}">{0}</a></p></body></html>\n',
        location,
    ).encode()
