"""Render public pages in-process: a request, Django's URL resolution, the view it names.

No network and no middleware: the run builds each request itself (a WSGI request from a plain
environ, as a server would hand it over) and calls the view that the public site's routes
(:data:`SITE_URLCONF`) resolve for its path, in the language of the path's prefix, as the live
site would answer it (the same views, templates and queries).  The routes are named
explicitly: the request carries them (``request.urlconf``) and they are the current ones
while its view runs, as Django's handler makes them (:meth:`Renderer.active` does, once for the
whole run), so every ``reverse`` and ``{% url %}`` inside follows them.  Every request carries
the run's :class:`Reads`, so the views load and grade each plan once for the whole run, not
once a page, and the run's :class:`SiteContext`: absolute URLs in the downloads
(``request.build_absolute_uri``) use the site address the run is given, with no setting
changed for it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from functools import lru_cache
from io import BytesIO
from typing import Any, BinaryIO, NamedTuple
from urllib.parse import quote, unquote_to_bytes, urlsplit

from django.conf import settings
from django.core.handlers.wsgi import LimitedStream, WSGIRequest, get_path_info
from django.http import Http404, HttpResponseBase
from django.urls import (
    URLPattern,
    URLResolver,
    clear_script_prefix,
    get_ns_resolver,
    get_resolver,
    get_script_prefix,
    get_urlconf,
    resolve,
    reverse,
    set_script_prefix,
    set_urlconf,
)
from django.urls.converters import get_converters
from django.urls.resolvers import LocalePrefixPattern, ResolverMatch, RoutePattern
from django.utils import translation
from django.utils.encoding import iri_to_uri
from django.utils.html import format_html
from django.utils.http import RFC3986_SUBDELIMS, escape_leading_slashes
from django.views.defaults import page_not_found

from shisaku import site_context
from shisaku.evaluation.reads import ATTRIBUTE, SAME_IN_EVERY_LANGUAGE, Reads
from shisaku.settled import Place, held, looked_up
from shisaku.site_context import SiteContext

SITE_URLCONF = "shisaku.site_urls"  # the public site's routes, without the API and workspace


class Rendered(NamedTuple):
    """What a URL answered: the status, the body and where a redirect points."""

    status: int
    content: bytes
    location: str = ""


class PublishRequest(WSGIRequest):
    """A GET request of a publishing run, answered for the site its context names.

    Its host is the address the operator gave the run, not a header sent by a client, so it is
    not checked against ``ALLOWED_HOSTS`` (which guards the live site against forged hosts)."""

    def __init__(self, path: str, site: SiteContext, language: str) -> None:
        # What WSGIRequest.__init__ sets, read off what a run knows of its request (a GET with
        # no body, no content type and no script name but the forced one): the same attributes
        # and META, without parsing the headers Django reads of a client's request.
        meta = environ(path, site)
        script = settings.FORCE_SCRIPT_NAME or ""
        self.environ = self.META = meta
        self.path_info = meta["PATH_INFO"] = _path_info(meta) or "/"
        meta["SCRIPT_NAME"] = script
        self.path = f"{script.rstrip('/')}/{self.path_info.replace('/', '', 1)}"
        self.method = "GET"
        self.content_type, self.content_params = "", {}
        self._stream = _NO_BODY
        self._read_started = False
        self.resolver_match = None
        setattr(self, site_context.ATTRIBUTE, site)
        self.urlconf = SITE_URLCONF
        self.LANGUAGE_CODE = language

    def get_host(self) -> str:
        """Return the host of the site being published."""
        return site_context.of(self).host

    def build_absolute_uri(self, location: str | None = None) -> str:
        """Return Django's absolute address of ``location``, remembered for a path on the
        site (Django's answer for it depends on the scheme and host alone, and pages give the
        same addresses many times: the schemas, the pages their downloads and widgets name)."""
        if (
            isinstance(location, str)
            and location.startswith("/")
            and not location.startswith("//")
            and "/./" not in location
            and "/../" not in location
        ):
            return _absolute(self._current_scheme_host, location)  # type: ignore[attr-defined]
        return super().build_absolute_uri(location)


def _path_info(meta: dict[str, Any]) -> str:
    """Return Django's ``get_path_info`` of a run's environ: its bytes read as UTF-8, and
    when they are not, Django's own answer (broken sequences percent-encoded again)."""
    try:
        found: str = meta["PATH_INFO"].encode("iso-8859-1").decode()
    except UnicodeDecodeError:
        return get_path_info(meta)
    return found


@lru_cache(maxsize=65536)
def _absolute(scheme_host: str, path: str) -> str:
    """Return the absolute address of a path on a site, as Django builds it (for a path
    starting with one slash and with no dot segments: its host prefixed, as an URI)."""
    return iri_to_uri(scheme_host + path)


# A GET's body: nothing (every read of a stream limited to no bytes answers b"", whatever it
# reads from), one for every request.
_NO_BODY: BinaryIO = LimitedStream(BytesIO(b""), 0)  # type: ignore[assignment]


def environ(path: str, site: SiteContext) -> dict[str, Any]:
    """Return the WSGI environ of a GET of ``path`` (percent-encoded, with an optional query)
    on ``site``: the site's own (:func:`_site_environ`) with the path's."""
    if _PLAIN_PATH.fullmatch(path):  # no query: urlsplit's path is the whole of it
        query = ""
    else:
        parts = urlsplit(path)
        path, query = parts.path, parts.query
    meta = _site_environ(site).copy()
    meta["PATH_INFO"] = unquote_to_bytes(path).decode("iso-8859-1")  # as WSGI carries it
    meta["QUERY_STRING"] = query.encode().decode("iso-8859-1")
    meta["wsgi.input"], meta["wsgi.errors"] = BytesIO(b""), sys.stderr
    return meta


# A path urlsplit gives back whole as its path: a slash first (not two: an address), with no
# query, fragment or character it takes out (tab, CR and LF).
_PLAIN_PATH = re.compile(r"/(?!/)[^?#\t\r\n]*")


@lru_cache(maxsize=8)
def _site_environ(site: SiteContext) -> dict[str, Any]:
    """Return what the environ of every GET on ``site`` holds, made once a site (copied for
    each request, its path, query and streams filled in)."""
    return {
        "REQUEST_METHOD": "GET",
        "SCRIPT_NAME": "",
        "PATH_INFO": "",
        "QUERY_STRING": "",
        "REMOTE_ADDR": "127.0.0.1",
        "SERVER_NAME": site.host.split(":")[0],
        "SERVER_PORT": "443" if site.secure else "80",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "HTTP_HOST": site.host,
        "wsgi.version": (1, 0),
        "wsgi.url_scheme": site.scheme,
        "wsgi.input": None,
        "wsgi.errors": None,
        "wsgi.multiprocess": True,
        "wsgi.multithread": False,
        "wsgi.run_once": False,
    }


@contextmanager
def routes(urlconf: str) -> Iterator[None]:
    """Make ``urlconf`` the current routes for the block (as Django's handler does for the
    length of a request), then restore the ones before."""
    before = get_urlconf()
    set_urlconf(urlconf)
    try:
        yield
    finally:
        set_urlconf(before)


@contextmanager
def script_prefix(prefix: str) -> Iterator[None]:
    """Set the script prefix for the block (a run sets none otherwise, and every lookup of the
    unset prefix raises and catches), then take back the one before."""
    before = get_script_prefix()
    set_script_prefix(prefix)
    try:
        yield
    finally:
        if before == "/":
            clear_script_prefix()
        else:
            set_script_prefix(before)


_PARAMETER = re.compile(r"<(?:(?P<converter>[^>:]+):)?(?P<name>[^>]+)>")


class Shapes:
    """Resolve paths of a URL configuration, once per shape of path.

    A path's shape is its language and, segment by segment (a language code as itself), the
    segment itself when a route has it as a word (``indicators``, ``index.json``, ``""``), else
    which routes' variable segments (``<town:code>``, ``index.<table:fmt>``) match it.  Every
    route here is a sequence of such segments, no converter matches a slash and none refuses
    what its pattern matched, so two paths of one shape take the same route: Django's resolve
    runs once per shape (it tries some fifty routes in turn), the route taken then reads the
    arguments of every other path of that shape.  A configuration with any other kind of
    route is resolved by Django every time."""

    def __init__(self, urlconf: str) -> None:
        self.urlconf = urlconf
        self.routes: dict[tuple[str, tuple[object, ...]], tuple[ResolverMatch, RoutePattern]] = {}
        found = _routes(get_resolver(urlconf).url_patterns, "")
        self.usable = found is not None
        segments = {s for route in found or () for s in route.split("/")}
        self.words = {s for s in segments if "<" not in s} | {c for c, _ in settings.LANGUAGES}
        self.variables = [re.compile(_segment_regex(s)) for s in sorted(segments - self.words)]
        self.seen: dict[str, object] = {}  # each segment's shape

    def resolve(self, path: str, language: str) -> ResolverMatch:
        """Return Django's resolve of ``path`` (a path_info) in the active ``language``."""
        if not self.usable:
            return resolve(path, urlconf=self.urlconf)
        segments = path.split("/")
        shapes = tuple(map(self.seen.get, segments))  # most segments were seen before
        if None in shapes:
            shapes = tuple(map(self.shape, segments))
        key = (language, shapes)
        known = self.routes.get(key)
        if known is not None:
            first, route = known
            found = route.match(path[1:])
            if found is not None:
                return _alike(first, found[2])
        match = resolve(path, urlconf=self.urlconf)
        if not match.args and not getattr(match, "extra_kwargs", None) and path.startswith("/"):
            self.routes[key] = (match, RoutePattern(match.route, is_endpoint=True))
        return match

    def shape(self, segment: str) -> object:
        """Return what the routes see of one segment of a path (worked out once per segment:
        the codes of a plan recur in most of its paths)."""
        found = self.seen.get(segment)
        if found is None:
            found = segment
            if segment not in self.words:
                found = tuple(bool(regex.fullmatch(segment)) for regex in self.variables)
            self.seen[segment] = found
        return found


def _alike(first: ResolverMatch, kwargs: dict[str, Any]) -> ResolverMatch:
    """Return the match of ``first``'s route with other arguments: what ResolverMatch works
    out of its view and names (its path, namespaces and view name) copied from ``first``,
    its own lists and arguments."""
    match = ResolverMatch.__new__(ResolverMatch)
    match.__dict__.update(first.__dict__)
    own = {"app_names": [*first.app_names], "namespaces": [*first.namespaces]}
    match.__dict__.update(own, args=(), kwargs=kwargs, captured_kwargs=kwargs, extra_kwargs={})
    return match


def _routes(patterns: Iterable[URLPattern | URLResolver], above: str) -> list[str] | None:
    """Return every route of ``patterns`` below ``above`` (a language prefix as nothing),
    or None when one is not a plain route of converters that match no slash."""
    found: list[str] = []
    for pattern in patterns:
        if isinstance(pattern.pattern, LocalePrefixPattern):
            route = above
        elif isinstance(pattern.pattern, RoutePattern):
            route = above + str(pattern.pattern)
            if any(c in ("path",) for c, _ in _PARAMETER.findall(route)):
                return None
        else:
            return None
        if isinstance(pattern, URLResolver):
            below = _routes(pattern.url_patterns, route)
            if below is None:
                return None
            found += below
        else:
            found.append(route)
    return found


def _segment_regex(segment: str) -> str:
    """Return the regular expression of one segment of a route."""
    converters = get_converters()
    parts, end = [], 0
    for match in _PARAMETER.finditer(segment):
        parts.append(re.escape(segment[end : match.start()]))
        parts.append(f"(?:{converters[match['converter'] or 'str'].regex})")
        end = match.end()
    parts.append(re.escape(segment[end:]))
    return "".join(parts)


class Renderer:
    """Render URLs of the site in-process, as seen from ``site_url`` (scheme and host)."""

    def __init__(self, site_url: str, reads: Reads) -> None:
        self.reads = reads
        self.site = SiteContext.published_at(site_url)
        self.shapes: Shapes | None = None  # made when first used (the routes are loaded)
        # While active: the place of a page in each language (looked up once, the routes and
        # the prefix held by :meth:`active`); None outside.
        self.places: dict[str, Place] | None = None
        self.prefix: str | None = None  # the script prefix while active (set by active)
        # Inside :meth:`speaking`: the language active (made so by the last page), else None.
        self.spoken: str | None = None
        # Django's scheme and host of a request (``_current_scheme_host``): the same for every
        # request of the run (their environs differ only in the path), read off the first.
        self.scheme_host: str | None = None

    @contextmanager
    def active(self) -> Iterator[Renderer]:
        """Take the public site's routes alone for the length of the block (the pages listed,
        the data package's addresses and every page rendered: :meth:`get` only inside)."""
        with routes(SITE_URLCONF), script_prefix("/"):
            self.places, self.prefix = {}, "/"
            try:
                yield self
            finally:
                self.places, self.prefix = None, None

    def resolve(self, path: str, language: str) -> ResolverMatch:
        """Return the match of ``path`` (a path_info) on the site's routes in ``language``
        (active)."""
        if self.shapes is None:
            self.shapes = Shapes(SITE_URLCONF)
        return self.shapes.resolve(path, language)

    def request(self, path: str, language: str) -> PublishRequest:
        """Return the request of ``path`` in ``language``, carrying the run's reads."""
        request = PublishRequest(path, self.site, language)
        setattr(request, ATTRIBUTE, self.reads)
        if self.scheme_host is None:
            self.scheme_host = request._current_scheme_host  # type: ignore[attr-defined]
        else:  # as the cached property keeps it
            request.__dict__["_current_scheme_host"] = self.scheme_host
        return request

    @contextmanager
    def speaking(self) -> Iterator[None]:
        """Leave each page's language active after it for the block (pages one after the
        other, with their twins), then take back the one before: :meth:`get` makes a page's
        language active only when it is not the last page's, instead of looking the language
        up and switching to it and back for every request.  Nothing a view does leaves another
        language active (``translation.override`` restores the one before), and nothing
        between the pages translates."""
        outer, before = self.spoken, translation.get_language()
        self.spoken = before
        try:
            yield
        finally:
            if self.spoken != before:
                _restore(before)
            self.spoken = outer

    def get(self, path: str, language: str) -> Rendered:
        """Return what the view of ``path`` (percent-encoded, as links give it) answers (while
        :meth:`active`, whose routes the request's are)."""
        request = self.request(path, language)
        with self._in(language):
            try:
                match = self.resolve(request.path_info, language)
                request.resolver_match = match
                with held(self.place(language)):  # the place holds for the whole view
                    response = match.func(request, *match.args, **match.kwargs)
            except Http404:
                return Rendered(404, b"")
        return _rendered(response)

    def _in(self, language: str) -> AbstractContextManager[Any]:
        """Return the context of a page in ``language``: inside :meth:`speaking`, the language
        made active for this page and the ones after it; else for the page alone."""
        if self.spoken is None:
            return _speaking(language)
        if language != self.spoken:
            translation.activate(language)
            self.spoken = language
        return _AS_IS

    def place(self, language: str) -> Place:
        """Return the place of a page in ``language`` (active), looked up once per language."""
        if self.places is None:
            raise RuntimeError("a page is rendered only while the renderer is active")
        found = self.places.get(language)
        if found is None:
            found = self.places[language] = looked_up()
        return found

    def same_in_every_language(self, path: str, language: str) -> bool:
        """Return whether the view of ``path`` answers the same in every language."""
        with self._in(language):
            match = self.resolve(path, language)
        return bool(getattr(match.func, SAME_IN_EVERY_LANGUAGE, False))

    def not_found(self, language: str) -> bytes:
        """Return the site's 404 page in ``language``."""
        request = self.request(f"/{language}/404.html", language)
        with translation.override(language), routes(request.urlconf):
            return bytes(page_not_found(request, Http404()).content)

    def url(self, name: str, language: str, **kwargs: str) -> str:
        """Return the path of a named public URL in ``language``, as Django's ``reverse``
        gives it: its route looked up once per name, language and arguments (:func:`_route`),
        then filled in with each call's arguments as ``reverse`` fills them in (a run lists
        thousands of pages)."""
        prefix = self.prefix or get_script_prefix()  # read once for the block when active
        route = _route(name, language, prefix, tuple(sorted(kwargs)))
        if route is not None:
            found = route.path(kwargs)
            if found is not None:
                return found
        with translation.override(language):  # Django's answer (or its NoReverseMatch)
            return reverse(f"public:{name}", kwargs=kwargs or None, urlconf=SITE_URLCONF)


PATH_SAFE = RFC3986_SUBDELIMS + "/~:@"  # what reverse() leaves unquoted: RFC 3986's pchar


class Route(NamedTuple):
    """A public route reversed as Django's ``reverse`` does it (``_reverse_with_prefix``): its
    path with the script prefix, to fill in with the arguments' text, and the pattern that
    text must match (an argument the route refuses gives no path)."""

    template: str  # "%(code)s"-style, the prefix's own "%" doubled
    pattern: re.Pattern[str]
    converters: dict[str, Any]

    def path(self, kwargs: dict[str, str]) -> str | None:
        """Return the percent-encoded path for ``kwargs``, or None when the route refuses
        them (Django's reverse would look no further: it raises)."""
        try:
            text = {k: self.converters[k].to_url(v) for k, v in kwargs.items()}
        except ValueError:
            return None
        candidate = self.template % text
        if not self.pattern.search(candidate):
            return None
        return escape_leading_slashes(quote(candidate, safe=PATH_SAFE))


@lru_cache(maxsize=256)
def _route(name: str, language: str, prefix: str, arguments: tuple[str, ...]) -> Route | None:
    """Return the public route ``name`` in ``language`` as Django's ``reverse`` finds it for
    ``arguments`` (their names): None unless it is the only route of that name, takes exactly
    those arguments, each through a converter, and has no default arguments (then ``reverse``
    itself answers)."""
    with translation.override(language):
        resolver = get_resolver(SITE_URLCONF)
        if "public" not in resolver.app_dict.get("public", ()):
            return None
        extra, found = resolver.namespace_dict["public"]
        converters = tuple(found.pattern.converters.items())
        possibilities = get_ns_resolver(extra, found, converters).reverse_dict.getlist(name)
    if len(possibilities) != 1 or len(possibilities[0][0]) != 1:
        return None
    ((result, params),), pattern, defaults, by_name = possibilities[0]
    if defaults or sorted(params) != list(arguments) or set(params) - set(by_name):
        return None
    regex = re.compile(f"^{re.escape(prefix)}{pattern}")
    return Route(prefix.replace("%", "%%") + result, regex, dict(by_name))


def _speaking(language: str) -> AbstractContextManager[Any]:
    """Return the context that makes ``language`` the active one for a page and then the one
    before, as ``translation.override`` does, the one before read once: nothing to do when it
    already is (a run's pages in the site's first language, its default)."""
    before = translation.get_language()
    return _AS_IS if before == language else _Speaking(language, before)


_AS_IS = nullcontext()  # reusable: it holds nothing


class _Speaking:
    """The block of :func:`_speaking` in another language than the one before."""

    __slots__ = ("before", "language")

    def __init__(self, language: str, before: str | None) -> None:
        self.language, self.before = language, before

    def __enter__(self) -> None:
        translation.activate(self.language)

    def __exit__(self, *exc: object) -> None:
        _restore(self.before)


def _restore(before: str | None) -> None:
    """Make ``before`` the active language again (None: none), as ``translation.override``
    leaves it."""
    if before is None:
        translation.deactivate_all()
    else:
        translation.activate(before)


def _rendered(response: HttpResponseBase) -> Rendered:
    """Return a response's status, body and, for a redirect, its target."""
    body = bytes(getattr(response, "content", b""))
    status = response.status_code
    location = str(response.get("Location", "")) if 300 <= status < 400 else ""
    return Rendered(status, body, location)


def redirect_page(location: str) -> bytes:
    """Return an HTML page that sends the reader on to ``location`` (a redirect, as a file)."""
    return format_html(
        '<!DOCTYPE html>\n<html><head><meta charset="utf-8">'
        '<meta http-equiv="refresh" content="0; url={0}">'
        '<link rel="canonical" href="{0}"><title>→ {0}</title></head>'
        '<body><p><a href="{0}">{0}</a></p></body></html>\n',
        location,
    ).encode()
