"""The pages of the public site's places: home, municipality, plan and node (field, policy,
measure); each with its JSON twin and its main table (:mod:`shisaku.public.renderers`).

Every read goes through the request's :class:`Reads`; a place that does not exist raises
:class:`NotFound` (:mod:`shisaku.public.places`).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy

from shisaku.domain.plantree import Node
from shisaku.evaluation.reads import Reads, for_request
from shisaku.indicators.assessing import PlanAssessment
from shisaku.plan.queries import NotFound, PlanInfo
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
)
from shisaku.public.downloads import tables
from shisaku.public.indicators import documents as idocs
from shisaku.public.indicators import rollups, summaries
from shisaku.public.places import Place, Plan, Town, place_of, plan_of, town_of
from shisaku.public.renderers import Page

# What the children of a node with its own page are called, as the heading of their list.
CHILD_HEADINGS: dict[str, Promise] = {
    "field": gettext_lazy("Policies"),
    "policy": gettext_lazy("Measures"),
}
PLAN_OUTLINE_DEPTH = 3  # below each field: policies → measures → initiatives


def home(request: HttpRequest, reads: Reads) -> HttpResponse:
    """List the municipalities and their published plans, and the latest changes."""
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


def home_json(request: HttpRequest, reads: Reads) -> dict[str, Any]:
    """Return the home page as JSON."""
    updates = overview.update_items(reads.recent())
    notices = overview.notices(reads)
    return documents.home_document(reads.towns()) | {
        "without_figures": [overview.home_notice_to_dict(n) for n in notices.values()],
        "with_figures": [links.plan_url(p) for p in overview.with_figures(reads)]
        if notices
        else [],
        "recently_updated": [overview.update_to_dict(u) for u in updates],
    }


def municipality(request: HttpRequest, here: Town) -> HttpResponse:
    """List a municipality's published plans, the current one first."""
    reads, town, code = here.reads, here.town, here.town.code
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


def municipality_json(request: HttpRequest, here: Town) -> dict[str, Any]:
    """Return a municipality's page as JSON; ``without_figures`` tells what is known of a
    current plan without indicators (None when it has some)."""
    reads, town = here.reads, here.town
    current = reads.plan(town.code)
    notice = overview.notice(reads, current)
    found = overview.notice_to_dict(notice)
    if found is not None:
        found["statistics"] = [
            idocs.statistic_to_dict(s.row, s.url.split("#")[0]) | {"node_code": s.node_code}
            for s in overview.statistic_links(reads, current)
        ]
    return documents.municipality_document(town, current) | {"without_figures": found}


def plan(request: HttpRequest, here: Plan) -> HttpResponse:
    """Show a plan's whole hierarchy, linked."""
    reads, info = here.reads, here.plan
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


def plan_json(request: HttpRequest, here: Plan) -> dict[str, Any]:
    """Return the whole plan as its exchange document."""
    return here.reads.document(here.plan)


def node(request: HttpRequest, here: Place) -> HttpResponse:
    """Show a field, policy or measure; send initiatives and actions to their place on its page."""
    reads, info, path = here.reads, here.plan, here.path
    if tree.page_owner(path) is None:
        raise NotFound(f"node {path[-1].code} is not shown on any page")
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


def node_json(request: HttpRequest, here: Place) -> dict[str, Any]:
    """Return a node's page as JSON: where it sits, the node with its subtree, its indicators."""
    reads, info, path = here.reads, here.plan, here.path
    node_code = path[-1].code
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


HOME = Page(for_request, home, home_json, tables.home_table)
MUNICIPALITY = Page(town_of, municipality, municipality_json, tables.municipality_table)
PLAN = Page(plan_of, plan, plan_json, tables.plan_table)
NODE = Page(place_of, node, node_json, tables.node_table)
