"""A plan's list of measures (``…/<plan>/measures/``) and list of indicators
(``…/<plan>/indicators/``), each filtered by the query string (:mod:`shisaku.public.lists.filters`).

Both are plain GET pages: the filter form works without JavaScript and its URL is the one to
share; with JavaScript, htmx sends the same GET on each change and swaps in the results part
of the answer (``hx-select``), so the server answers one page whoever asks and a kept page is
right for both.  ``?year=YYYY`` picks the year graded on the indicator list, as before.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from shisaku.domain.plantree import Node
from shisaku.evaluation.reads import Reads, for_request
from shisaku.indicators.assessing import PlanAssessment
from shisaku.plan.queries import PlanInfo
from shisaku.public import links, params, progress
from shisaku.public.documents import Crumb, crumbs, plan_to_dict
from shisaku.public.downloads.files import Table
from shisaku.public.downloads.tables import SUMMARY_COLUMNS, plan_stem, summary_rows
from shisaku.public.indicators import documents as idocs
from shisaku.public.indicators import rollups, summaries
from shisaku.public.indicators.views import list_crumb
from shisaku.public.lists import filters
from shisaku.public.lists.filters import E, Filters, IndicatorEntry, MeasureEntry, Options
from shisaku.public.renderers import Page
from shisaku.tabular.contracts import header

MEASURE_COLUMNS = header("measures")  # the table's contract: shisaku/tabular/site_tables.py


@dataclass(frozen=True)
class Listing:
    """A plan's list, filtered: every entry, those kept, the filters offered and asked for."""

    plan: PlanInfo
    done: PlanAssessment
    offered: Options
    asked: Filters
    total: int
    measures: list[MeasureEntry]
    indicators: list[IndicatorEntry]
    year: int | None  # the year asked for (None: the latest)

    @property
    def count_text(self) -> str:
        """Return how many rows are shown of how many."""
        kept = len(self.measures) + len(self.indicators)
        return gettext("Showing %(kept)s of %(total)s.") % {"kept": kept, "total": self.total}

    def url(self, base: str) -> str:
        """Return ``base`` with the filters and year asked for (the address to share)."""
        return base + self.asked.query(**({"year": str(self.year)} if self.year else {}))


@dataclass(frozen=True)
class Plan:
    """A plan graded in the year asked for, with its tree and its measures' status rows."""

    info: PlanInfo
    done: PlanAssessment
    nodes: list[Node]
    measures: list[progress.MeasureRow]
    year: int | None
    goals: dict[str, frozenset[str]]  # the SDG goals of each measure, by code


def measure_goals(reads: Reads, info: PlanInfo) -> dict[str, frozenset[str]]:
    """Return the SDG goals ("4", "11") each measure of a plan serves, by measure code."""
    links = reads.sdg_links(info)
    return {code: frozenset(str(r.goal) for r in x.refs) for code, x in links.items()}


def graded_plan(request: HttpRequest, code: str, slug: str) -> Plan:
    """Return the plan graded in the year asked for, or raise (NotFound, BadParameter)."""
    year = params.assessed_year(request)
    reads = for_request(request)
    info = reads.plan(code, slug)
    done = reads.assessment(info, year)
    nodes = reads.nodes(info)
    rows = progress.measure_rows(reads, info, done, nodes)
    return Plan(info, done, nodes, rows, year, measure_goals(reads, info))


def _filtered(
    request: HttpRequest, plan: Plan, entries: Sequence[E]
) -> tuple[Options, Filters, list[E]]:
    """Return the filters offered for ``entries``, those asked for, and the entries kept."""
    departments = [e.facets.department for e in entries]
    served = [g for e in entries for g in e.facets.goals]
    offered = filters.options(plan.nodes, plan.done, departments, served)
    asked = filters.read_filters(request, offered)
    return offered, asked, filters.chosen(entries, asked)


def measure_listing(request: HttpRequest, code: str, slug: str) -> Listing:
    """Return the plan's measures, filtered as asked, or raise BadParameter."""
    p = graded_plan(request, code, slug)
    entries = filters.measure_entries(p.nodes, p.done, p.measures, p.goals)
    offered, asked, kept = _filtered(request, p, entries)
    return Listing(p.info, p.done, offered, asked, len(entries), kept, [], p.year)


def indicator_listing(request: HttpRequest, code: str, slug: str) -> Listing:
    """Return the plan's indicators, filtered as asked, or raise BadParameter."""
    p = graded_plan(request, code, slug)
    rows = [summaries.indicator_row(p.info, r) for r in p.done.results]
    entries = filters.indicator_entries(p.nodes, p.done, rows, p.measures, p.goals)
    offered, asked, kept = _filtered(request, p, entries)
    return Listing(p.info, p.done, offered, asked, len(entries), [], kept, p.year)


def measures_url(plan: PlanInfo) -> str:
    """Return the list of a plan's measures."""
    return links.reverse(
        "public:measures", kwargs={"code": plan.municipality_code, "slug": plan.meta.slug}
    )


def _context(listing: Listing, base: str, trail: Crumb) -> dict[str, Any]:
    """Return what both list pages show around their rows."""
    return {
        "plan": listing.plan,
        "done": listing.done,
        "listing": listing,
        "offered": listing.offered,
        "asked": listing.asked,
        "filter_action": base,
        "year": listing.year or "",
        "clear_url": base + (f"?year={listing.year}" if listing.year else ""),
        "crumbs": [*crumbs(listing.plan, []), trail],
        "page_url": listing.url(base),
        "measures_url": measures_url(listing.plan),
        "indicators_url": links.indicators_url(listing.plan),
        "sdgs_url": links.reverse(
            "public:sdgs",
            kwargs={"code": listing.plan.municipality_code, "slug": listing.plan.meta.slug},
        ),
    }


def measures_crumb(info: PlanInfo) -> Crumb:
    """Return the breadcrumb of a plan's list of measures."""
    return Crumb("measures", "施策の一覧", "Measures", measures_url(info))


def measures(request: HttpRequest, listing: Listing) -> HttpResponse:
    """List a plan's measures with their status, filtered as asked."""
    context = _context(listing, measures_url(listing.plan), measures_crumb(listing.plan))
    return render(request, "public/measures.html", context)


def indicators(request: HttpRequest, listing: Listing) -> HttpResponse:
    """List a plan's indicators with their grades and the plan's roll-up, filtered as asked."""
    info, done = listing.plan, listing.done
    base = links.indicators_url(info)
    context = _context(listing, base, list_crumb(info)) | {
        "rollup": rollups.rollup_view(done, done.plan),
        "indicator_rows": [e.row for e in listing.indicators],
        "sources": summaries.sources(done),
    }
    return render(request, "public/indicators.html", context)


def filters_to_dict(listing: Listing) -> dict[str, Any]:
    """Return the filters asked for and how many rows they keep of how many."""
    asked = listing.asked
    return {
        "part": asked.part,
        "department": asked.department,
        "grade": asked.grade,
        "status": asked.status,
        "sdg": asked.sdg,
        "q": asked.q,
        "total": listing.total,
        "kept": len(listing.measures) + len(listing.indicators),
    }


def sdg_numbers(e: MeasureEntry) -> list[int]:
    """Return the numbers of the SDG goals a measure serves, in order."""
    return sorted(int(g) for g in e.facets.goals)


def measure_to_dict(request: HttpRequest, e: MeasureEntry) -> dict[str, Any]:
    """Return one measure of the list as JSON."""
    node = e.row.node
    return {
        "code": node.code,
        "title": node.title,
        "title_en": node.title_en,
        "department": e.department,
        "status": e.row.status,
        "indicators": e.row.indicators,
        "grades": sorted(e.facets.grades),
        "sdg_goals": sdg_numbers(e),
        "url": request.build_absolute_uri(e.row.url),
    }


def measures_json(request: HttpRequest, listing: Listing) -> dict[str, Any]:
    """Return a plan's measures, filtered as asked, as JSON."""
    return {
        "schema": "shisaku.measures/1",
        "plan": plan_to_dict(listing.plan),
        "year": listing.done.year,
        "filters": filters_to_dict(listing),
        "measures": [measure_to_dict(request, e) for e in listing.measures],
    }


def indicators_json(request: HttpRequest, listing: Listing) -> dict[str, Any]:
    """Return a plan's indicators with their grades, filtered as asked, as JSON."""
    kept = {e.row.view.code for e in listing.indicators}
    document = idocs.indicators_document(listing.plan, listing.done)
    document["indicators"] = [i for i in document["indicators"] if i["code"] in kept]
    return document | {"filters": filters_to_dict(listing)}


def _measure_row(request: HttpRequest, info: PlanInfo, e: MeasureEntry) -> list[str]:
    """Return one measure as a row of :data:`MEASURE_COLUMNS`."""
    node = e.row.node
    return [
        info.municipality_code,
        info.meta.slug,
        node.code,
        node.title,
        node.title_en,
        e.department,
        e.row.status,
        str(e.row.indicators),
        " ".join(sorted(e.facets.grades)),
        " ".join(map(str, sdg_numbers(e))),
        request.build_absolute_uri(e.row.url),
    ]


def measures_table(request: HttpRequest, listing: Listing) -> Table:
    """Return a plan's measures, filtered as asked, with their status."""
    info = listing.plan
    rows = [_measure_row(request, info, e) for e in listing.measures]
    empty = gettext("No measure matches these filters.") if listing.asked.active else ""
    return Table(f"{plan_stem(info)}-measures", "measures", MEASURE_COLUMNS, rows, empty)


def indicators_table(request: HttpRequest, listing: Listing) -> Table:
    """Return a plan's indicators graded in the year asked for, filtered as asked."""
    info, done = listing.plan, listing.done
    rows = summary_rows(request, info, done, [e.row for e in listing.indicators])
    name = f"{plan_stem(info)}-indicators-{done.year}"
    return Table(name, "indicators", SUMMARY_COLUMNS, rows, _no_indicator(listing))


def _no_indicator(listing: Listing) -> str:
    """Return why a plan's list of indicators is empty."""
    if listing.total == 0:
        return gettext("No indicator has been set for this plan yet.")
    return gettext("No indicator matches these filters.")


MEASURES = Page(measure_listing, measures, measures_json, measures_table)
INDICATORS = Page(indicator_listing, indicators, indicators_json, indicators_table)
