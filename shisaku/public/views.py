"""Public pages (read-only) and their JSON twins; every read goes through shisaku.plan.queries.

A view that cannot find what it was asked for lets :class:`queries.NotFound` out; the
decorators turn that into the 404 page (HTML) or a 404 JSON error (twins).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from shisaku.domain.plantree import Node
from shisaku.plan import queries
from shisaku.plan.queries import MunicipalityInfo, NotFound, PlanInfo
from shisaku.public import display, documents, links, tree

P = ParamSpec("P")
PageView = Callable[Concatenate[HttpRequest, P], HttpResponse]
JsonView = Callable[Concatenate[HttpRequest, P], dict[str, Any]]

# What the children of a node with its own page are called, as the heading of their list.
CHILD_HEADINGS: dict[str, Promise] = {
    "field": gettext_lazy("Policies"),
    "policy": gettext_lazy("Measures"),
}
PLAN_OUTLINE_DEPTH = 3  # below each field: policies → measures → initiatives


def page(view: PageView[P]) -> PageView[P]:
    """Show the 404 page when the view finds nothing."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as error:
            raise Http404(str(error)) from error

    return wrapper


def twin(view: JsonView[P]) -> PageView[P]:
    """Return the view's data as UTF-8 JSON, or a JSON 404 when it finds nothing."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return _json(view(request, *args, **kwargs))
        except NotFound as error:
            return _json({"error": "not_found", "message": str(error)}, status=404)

    return wrapper


def _json(data: dict[str, Any], status: int = 200) -> JsonResponse:
    """Return readable UTF-8 JSON that any site may fetch (the data is public)."""
    response = JsonResponse(
        data,
        status=status,
        content_type="application/json; charset=utf-8",
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


def _towns() -> list[MunicipalityInfo]:
    """Return the municipalities that have at least one published plan."""
    return [t for t in queries.municipalities(published_only=True) if t.plans]


def _town(code: str) -> MunicipalityInfo:
    """Return a municipality with published plans, or raise NotFound."""
    for town in _towns():
        if town.code == code:
            return town
    raise NotFound(f"municipality {code} has no published plan")


def _plan(code: str, slug: str) -> PlanInfo:
    """Return a published plan, or raise NotFound."""
    return queries.find_plan(code, slug, published_only=True)


def _path(plan: PlanInfo, node_code: str) -> list[Node]:
    """Load the plan's tree once and return the path down to a node, or raise NotFound."""
    path = tree.find_path(queries.load_nodes(plan.id), node_code)
    if not path:
        raise NotFound(f"node {node_code} does not exist in plan {plan.meta.slug}")
    return path


def home(request: HttpRequest) -> HttpResponse:
    """List the municipalities and their published plans."""
    return render(request, "public/home.html", {"towns": _towns(), "crumbs": []})


@twin
def home_json(request: HttpRequest) -> dict[str, Any]:
    """Return the home page as JSON."""
    return documents.home_document(_towns())


@page
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    """List a municipality's published plans, the current one first."""
    town = _town(code)
    crumb = documents.Crumb(code, town.name_ja, town.name_en, links.municipality_url(code))
    current = queries.find_plan(code, published_only=True)
    context = {"town": town, "current": current, "crumbs": [crumb]}
    return render(request, "public/municipality.html", context)


@twin
def municipality_json(request: HttpRequest, code: str) -> dict[str, Any]:
    """Return a municipality's page as JSON."""
    town = _town(code)
    return documents.municipality_document(town, queries.find_plan(code, published_only=True))


@page
def plan(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """Show a plan's whole hierarchy, linked."""
    info = _plan(code, slug)
    nodes = queries.load_nodes(info.id)
    context = {
        "plan": info,
        "fields": [(n, links.outline(info, n.children, [n], PLAN_OUTLINE_DEPTH)) for n in nodes],
        "crumbs": documents.crumbs(info, []),
    }
    return render(request, "public/plan.html", context)


@twin
def plan_json(request: HttpRequest, code: str, slug: str) -> dict[str, Any]:
    """Return the whole plan as its exchange document."""
    return queries.plan_document(_plan(code, slug))


@page
def node(request: HttpRequest, code: str, slug: str, node_code: str) -> HttpResponse:
    """Show a field, policy or measure; send initiatives and actions to their place on its page."""
    info = _plan(code, slug)
    path = _path(info, node_code)
    if tree.page_owner(path) is None:
        raise NotFound(f"node {node_code} is not shown on any page")
    if not tree.has_own_page(path[-1]):
        return redirect(links.node_link(info, path))
    return render(request, "public/node.html", _node_context(info, path))


def _node_context(info: PlanInfo, path: list[Node]) -> dict[str, Any]:
    """Return what the node page shows."""
    here = path[-1]
    linked = [c for c in here.children if tree.has_own_page(c)]
    return {
        "plan": info,
        "node": here,
        "page_title": f"{here.code} {display.node_title_plain(here)}",
        "crumbs": documents.crumbs(info, path),
        "notes": tree.PageNotes(tree.page_footnotes(here)),
        "leading": tree.leading_sections(here),
        "trailing": tree.trailing_sections(here),
        "inline": tree.inline_children(here),
        "linked": links.outline(info, linked, path, 2 if here.kind == "field" else 1),
        "children_heading": CHILD_HEADINGS.get(here.kind, ""),
    }


@twin
def node_json(request: HttpRequest, code: str, slug: str, node_code: str) -> dict[str, Any]:
    """Return a node's page as JSON: where it sits, and the node with its subtree."""
    info = _plan(code, slug)
    return documents.node_document(info, _path(info, node_code))
