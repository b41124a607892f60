"""Public pages (read-only) and their JSON twins; every read goes through the queries.

A view that cannot find what it was asked for lets :class:`queries.NotFound` out (or the
indicator queries' own NotFound); the decorators turn that into the 404 page (HTML) or a 404
JSON error (twins).  A query parameter that cannot be used (``?year=abc``) raises
:class:`params.BadParameter`: the 400 page, or a 400 JSON error.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, Concatenate, ParamSpec

import orjson
from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from shisaku import schemas
from shisaku.domain.plantree import Node
from shisaku.evaluation.reads import Reads, for_request
from shisaku.indicators import queries as indicator_queries
from shisaku.indicators.assessing import PlanAssessment
from shisaku.plan.queries import MunicipalityInfo, NotFound, PlanInfo
from shisaku.public import (
    consultations,
    display,
    documents,
    evaluations,
    links,
    overview,
    progress,
    prose,
    tree,
    untranslated,
)
from shisaku.public.indicators import documents as idocs
from shisaku.public.indicators import rollups, summaries
from shisaku.public.params import BadParameter

P = ParamSpec("P")
PageView = Callable[Concatenate[HttpRequest, P], HttpResponse]
JsonView = Callable[Concatenate[HttpRequest, P], dict[str, Any]]

# What the children of a node with its own page are called, as the heading of their list.
CHILD_HEADINGS: dict[str, Promise] = {
    "field": gettext_lazy("Policies"),
    "policy": gettext_lazy("Measures"),
}
PLAN_OUTLINE_DEPTH = 3  # below each field: policies → measures → initiatives
MISSING = (NotFound, indicator_queries.NotFound)


def page(view: PageView[P]) -> PageView[P]:
    """Show the 404 page when the view finds nothing; tally untranslated content from the start
    (views build parts of a page before its template renders the notice)."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            with untranslated.tallying():
                return view(request, *args, **kwargs)
        except MISSING as error:
            raise Http404(str(error)) from error
        except BadParameter as error:
            return bad_request(request, error)

    return wrapper


def bad_request(request: HttpRequest, error: BadParameter) -> HttpResponse:
    """Show the 400 page: which parameter was wrong and what it accepts."""
    context = {"message": error.message, "crumbs": [], "page_url": request.path}
    return render(request, "public/bad_request.html", context, status=400)


def twin(view: JsonView[P]) -> PageView[P]:
    """Return the view's data as UTF-8 JSON, or a JSON 404 when it finds nothing."""

    @wraps(view)
    def wrapper(request: HttpRequest, /, *args: P.args, **kwargs: P.kwargs) -> HttpResponse:
        try:
            return _json(with_schema(request, view(request, *args, **kwargs)))
        except MISSING as error:
            return _json({"error": "not_found", "message": str(error)}, status=404)
        except BadParameter as error:
            return _json({"error": "bad_request", "message": str(error)}, status=400)

    return wrapper


def with_schema(request: HttpRequest, data: dict[str, Any]) -> dict[str, Any]:
    """Return a twin with the address of its schema first (``"$schema"``), named by its route
    (:func:`shisaku.schemas.of_twin`: ``node-json`` → ``/schemas/v1/node.json``)."""
    match = request.resolver_match
    if match is None or not match.url_name:
        return data
    name = schemas.of_twin(match.namespace, match.url_name)
    return {"$schema": request.build_absolute_uri(schemas.path(name))} | data


def _json(data: dict[str, Any], status: int = 200) -> HttpResponse:
    """Return readable UTF-8 JSON that any site may fetch (the data is public)."""
    response = HttpResponse(
        json_bytes(data), status=status, content_type="application/json; charset=utf-8"
    )
    response["Access-Control-Allow-Origin"] = "*"
    return response


_ENCODER = DjangoJSONEncoder()
_JSON_OPTIONS = orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS | orjson.OPT_PASSTHROUGH_DATETIME


def json_bytes(data: dict[str, Any]) -> bytes:
    """Return ``data`` as UTF-8 JSON indented by two spaces (orjson, in C: twins are many).

    Dates, times, decimals and lazy translations are written as Django writes them.
    """
    return orjson.dumps(data, default=_ENCODER.default, option=_JSON_OPTIONS)


def published_town(reads: Reads, code: str) -> MunicipalityInfo:
    """Return a municipality with published plans, or raise NotFound."""
    for town in reads.towns():
        if town.code == code:
            return town
    raise NotFound(f"municipality {code} has no published plan")


def node_path(reads: Reads, plan: PlanInfo, node_code: str) -> list[Node]:
    """Return the path down to a node in the plan's tree, or raise NotFound."""
    path = tree.find_path(reads.nodes(plan), node_code)
    if not path:
        raise NotFound(f"node {node_code} does not exist in plan {plan.meta.slug}")
    return path


def home(request: HttpRequest) -> HttpResponse:
    """List the municipalities and their published plans, and the latest changes."""
    reads = for_request(request)
    notices = overview.notices(reads)
    towns = reads.towns()
    context = {
        "towns": towns,
        "consultations": consultations.open_everywhere(request, towns),
        "notices": notices,
        "with_figures": overview.with_figures(reads) if notices else [],
        "updates": overview.update_items(reads.recent()),
        "crumbs": [],
    }
    return render(request, "public/home.html", context)


@twin
def home_json(request: HttpRequest) -> dict[str, Any]:
    """Return the home page as JSON."""
    reads = for_request(request)
    updates = overview.update_items(reads.recent())
    notices = overview.notices(reads)
    return documents.home_document(reads.towns()) | {
        "without_figures": [overview.home_notice_to_dict(n) for n in notices.values()],
        "with_figures": [links.plan_url(p) for p in overview.with_figures(reads)]
        if notices
        else [],
        "recently_updated": [overview.update_to_dict(u) for u in updates],
    }


@page
def municipality(request: HttpRequest, code: str) -> HttpResponse:
    """List a municipality's published plans, the current one first."""
    reads = for_request(request)
    town = published_town(reads, code)
    crumb = documents.Crumb(code, town.name_ja, town.name_en, links.municipality_url(code))
    current = reads.plan(code)
    notice = overview.notice(reads, current)
    context = {
        "town": town,
        "current": current,
        "notice": notice,
        "statistics": overview.statistic_links(reads, current) if notice else [],
        "consultations": consultations.open_in(request, town),
        "crumbs": [crumb],
    }
    return render(request, "public/municipality.html", context)


@twin
def municipality_json(request: HttpRequest, code: str) -> dict[str, Any]:
    """Return a municipality's page as JSON; ``without_figures`` tells what is known of a
    current plan without indicators (None when it has some)."""
    reads = for_request(request)
    town, current = published_town(reads, code), reads.plan(code)
    notice = overview.notice(reads, current)
    found = overview.notice_to_dict(notice)
    if found is not None:
        found["statistics"] = [
            idocs.statistic_to_dict(s.row, s.url.split("#")[0]) | {"node_code": s.node_code}
            for s in overview.statistic_links(reads, current)
        ]
    return documents.municipality_document(town, current) | {"without_figures": found}


@page
def plan(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """Show a plan's whole hierarchy, linked."""
    reads = for_request(request)
    info = reads.plan(code, slug)
    nodes = reads.nodes(info)
    done = reads.assessment(info)
    context = {
        "plan": info,
        "fields": [(n, links.outline(info, n.children, [n], PLAN_OUTLINE_DEPTH)) for n in nodes],
        "crumbs": documents.crumbs(info, []),
        "done": done,
        "rollup": rollups.rollup_view(done, done.plan),
        "indicator_rows": summaries.rows_for(info, done, {""}),
        "sources": summaries.sources(done),
        "indicators_url": links.indicators_url(info),
        "progress": progress.progress(reads, info, done, None),
        "notice": None if done.results else overview.notice(reads, info),
    }
    return render(request, "public/plan.html", context)


@twin
def plan_json(request: HttpRequest, code: str, slug: str) -> dict[str, Any]:
    """Return the whole plan as its exchange document."""
    reads = for_request(request)
    return reads.document(reads.plan(code, slug))


@page
def node(request: HttpRequest, code: str, slug: str, node_code: str) -> HttpResponse:
    """Show a field, policy or measure; send initiatives and actions to their place on its page."""
    reads = for_request(request)
    info = reads.plan(code, slug)
    path = node_path(reads, info, node_code)
    if tree.page_owner(path) is None:
        raise NotFound(f"node {node_code} is not shown on any page")
    if not tree.has_own_page(path[-1]):
        return redirect(links.node_link(info, path))
    done = reads.assessment(info)
    context = _node_context(info, path) | _indicator_context(reads, info, path[-1], done)
    found = evaluations.measure_evaluations(reads, info, path[-1])
    context["evaluations"] = evaluations.items(info, found)
    context["progress"] = _progress(reads, info, path[-1], done)
    context["consultations"] = consultations.open_on(request, info, path)
    return render(request, "public/node.html", context)


PROGRESS_KINDS = frozenset({"field", "policy"})  # the nodes whose pages show a summary


def _progress(
    reads: Reads, info: PlanInfo, here: Node, done: PlanAssessment
) -> progress.Progress | None:
    """Return the progress summary of a field or policy page (None for other nodes)."""
    return progress.progress(reads, info, done, here) if here.kind in PROGRESS_KINDS else None


def _indicator_context(
    reads: Reads, info: PlanInfo, here: Node, done: PlanAssessment
) -> dict[str, Any]:
    """Return the indicators, roll-up and prose statistics a node's page shows."""
    stats = reads.statistics(info).get(here.code, [])
    return {
        "done": done,
        "indicator_rows": summaries.rows_for(info, done, summaries.page_codes(here)),
        "rollup": rollups.rollup_view(done, done.by_node.get(here.code)),
        "statistics": prose.statistic_rows(here, stats),
        "block_anchors": prose.block_anchors(here, stats),
        "has_indicator_section": bool(tree.trailing_sections(here)),
    }


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
    """Return a node's page as JSON: where it sits, the node with its subtree, its indicators."""
    reads = for_request(request)
    info = reads.plan(code, slug)
    path = node_path(reads, info, node_code)
    done = reads.assessment(info)
    extra = _indicator_context(reads, info, path[-1], done)
    page_url = links.node_url(info, node_code)
    found = evaluations.measure_evaluations(reads, info, path[-1])
    document = documents.node_document(info, path) | {
        "indicators": [idocs.summary_to_dict(r, done.year) for r in extra["indicator_rows"]],
        "rollup": idocs.rollup_to_dict(extra["rollup"]),
        "statistics": [idocs.statistic_to_dict(r, page_url) for r in extra["statistics"]],
    }
    summary = _progress(reads, info, path[-1], done)
    if summary is not None:  # a field or a policy (the key is absent otherwise)
        document["progress"] = progress.progress_to_dict(summary)
    if found:  # a measure with published evaluations (the key is absent otherwise)
        document["evaluations"] = [evaluations.evaluation_to_dict(info, v) for v in found]
    return document
