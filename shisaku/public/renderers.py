"""One page builder with a renderer per format, as datasette builds its pages.

A :class:`Page` reads its data once (:attr:`Page.data`, from the request and the route's
arguments); the route chooses the format: the page at ``…/``, its JSON twin at
``…/index.json``, its main table at ``…/index.csv`` and ``…/index.xlsx``; the format's renderer
turns the data into the response, through the page's function for that format.

A page that cannot find what it was asked for lets :class:`queries.NotFound` out (or the
indicator queries' own NotFound), and a query parameter that cannot be used (``?year=abc``)
raises :class:`params.BadParameter`; each renderer answers them its own way: the 404 and 400
pages for HTML and downloads, a JSON error for twins.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from typing import Any, Generic, NoReturn, TypeVar

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from shisaku import schemas
from shisaku.indicators import queries as indicator_queries
from shisaku.plan.queries import NotFound
from shisaku.public import links, untranslated
from shisaku.public.downloads.files import Table, file_response, page_of
from shisaku.public.params import BadParameter

D = TypeVar("D")
View = Callable[..., HttpResponse]
MISSING = (NotFound, indicator_queries.NotFound)


@dataclass(frozen=True)
class Page(Generic[D]):
    """A public page: how its data is read, and what each format makes of it (None: the page
    has no such format, and no route)."""

    data: Callable[..., D]  # (request, the route's arguments) → the page's data
    html: Callable[[HttpRequest, D], HttpResponse] | None = None
    json: Callable[[HttpRequest, D], dict[str, Any]] | None = None
    table: Callable[[HttpRequest, D], Table] | None = None


@dataclass(frozen=True)
class Renderer:
    """How one format answers: the response made of the page's data, and its 404 and 400."""

    respond: Callable[[HttpRequest, Page[Any], Any, str], HttpResponse]
    missing: Callable[[HttpRequest, Exception], HttpResponse]
    refused: Callable[[HttpRequest, BadParameter], HttpResponse]
    # Count untranslated content from the start: pages build parts before their template
    # renders the notice.
    tallies: bool = False


def _html(request: HttpRequest, page: Page[Any], data: Any, fmt: str) -> HttpResponse:
    """Return the page as HTML."""
    assert page.html is not None  # a route exists only for the formats a page has
    return page.html(request, data)


def _json(request: HttpRequest, page: Page[Any], data: Any, fmt: str) -> HttpResponse:
    """Return the page's JSON twin, its schema named first."""
    assert page.json is not None
    return json_response(with_schema(request, page.json(request, data)))


def _file(request: HttpRequest, page: Page[Any], data: Any, fmt: str) -> HttpResponse:
    """Return the page's main table as a download in ``fmt`` (csv or xlsx)."""
    assert page.table is not None
    return file_response(page.table(request, data), fmt, page_of(request))


def not_found(request: HttpRequest, error: Exception) -> NoReturn:
    """Show the 404 page."""
    raise Http404(str(error)) from error


def bad_request(request: HttpRequest, error: BadParameter) -> HttpResponse:
    """Show the 400 page: which parameter was wrong and what it accepts."""
    context = {"message": error.message, "crumbs": [], "page_url": request.path}
    return render(request, "public/bad_request.html", context, status=400)


def _json_not_found(request: HttpRequest, error: Exception) -> HttpResponse:
    """Return a JSON 404."""
    return json_response({"error": "not_found", "message": str(error)}, status=404)


def _json_refused(request: HttpRequest, error: BadParameter) -> HttpResponse:
    """Return a JSON 400."""
    return json_response({"error": "bad_request", "message": str(error)}, status=400)


RENDERERS: dict[str, Renderer] = {
    "html": Renderer(_html, not_found, bad_request, tallies=True),
    "json": Renderer(_json, _json_not_found, _json_refused),
    "csv": Renderer(_file, not_found, bad_request),
    "xlsx": Renderer(_file, not_found, bad_request),
}


def view(page: Page[Any], fmt: str | None = None) -> View:
    """Return the view of ``page`` in ``fmt`` (None: the format the route's ``fmt`` names).

    The view reads the language, the routes and the script prefix once for its whole answer
    (:func:`links.settled`): its data's and its format's links and texts, in every format, do
    not look each up again (nothing a page builds switches them)."""

    def respond(request: HttpRequest, /, *args: Any, **kwargs: Any) -> HttpResponse:
        chosen = fmt or str(kwargs.pop("fmt"))
        renderer = RENDERERS[chosen]
        try:
            with links.settled(), _tally(renderer):
                return renderer.respond(request, page, page.data(request, *args, **kwargs), chosen)
        except MISSING as error:
            return renderer.missing(request, error)
        except BadParameter as error:
            return renderer.refused(request, error)

    return respond


def _tally(renderer: Renderer) -> AbstractContextManager[Any]:
    """Return the context that counts untranslated content, if the format shows its notice."""
    return untranslated.tallying() if renderer.tallies else _UNTALLIED


_UNTALLIED = nullcontext()  # reusable: it holds nothing


def routes(
    base: str, name: str, page: Page[Any], wrap: Callable[[View], View] | None = None
) -> list[URLPattern]:
    """Return the routes of a page's formats: ``name`` at ``base``, ``name-json`` at
    ``index.json``, ``name-table`` at ``index.csv`` and ``index.xlsx``; ``wrap`` wraps each
    view (the comparison pages' store)."""
    kept = wrap or (lambda v: v)
    found = []
    if page.html is not None:
        found.append(path(base, kept(view(page, "html")), name=name))
    if page.json is not None:
        found.append(path(base + "index.json", kept(view(page, "json")), name=f"{name}-json"))
    if page.table is not None:
        found.append(path(base + "index.<table:fmt>", kept(view(page)), name=f"{name}-table"))
    return found


def with_schema(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """Return a twin with the address of its schema first (``"$schema"``), named by its route
    (:func:`shisaku.schemas.of_twin`: ``node-json`` → ``/schemas/v1/node.json``)."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return data
    name = schemas.of_twin(match.namespace, match.url_name)
    return {"$schema": request.build_absolute_uri(schemas.path(name))} | data


def json_response(data: dict[str, Any], status: int = 200) -> HttpResponse:
    """Return readable UTF-8 JSON that any site may fetch (the data is public)."""
    response = HttpResponse(
        json_bytes(data), status=status, content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


_ENCODER = DjangoJSONEncoder()
_JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_PASSTHROUGH_DATETIME
# Keys other than strings (numbers, lazy translations), written as json.dumps writes them: a
# fifth slower, so only for a document that has some.
_ANY_KEYS = _JSON_OPTIONS | orjson.OPT_NON_STR_KEYS


def json_bytes(data: Any, depth: int = 0) -> bytes:
    """Return ``data`` as UTF-8 JSON indented by two spaces (orjson, in C: twins are many), as
    a document writes it ``depth`` levels down (for an :class:`orjson.Fragment` of a twin:
    written inside as many arrays, and cut out).

    Dates, times, decimals and lazy translations are written as Django writes them.
    """
    for _ in range(depth):
        data = [data]
    try:
        written = orjson.dumps(data, default=_ENCODER.default, option=_JSON_OPTIONS)
    except orjson.JSONEncodeError:  # a key that is not a string (or a value with no JSON form)
        written = orjson.dumps(data, default=_ENCODER.default, option=_ANY_KEYS)
    # Cut the arrays' brackets and line breaks: "[\n  " … "\n]" around each level.
    return written[depth * (depth + 3) : len(written) - depth * (depth + 1)]
