"""Prefecture and comparison pages: municipalities' published data side by side.

- ``/ja/prefectures/``: the prefectures with a municipality that has a published plan;
- ``/ja/prefectures/02/``: a prefecture's municipalities, each with its current plan, its
  number of indicators and its grade counts, and the common indicators they share;
- ``/ja/prefectures/02/compare/total-fertility-rate/`` and ``/ja/compare/total-fertility-rate/``
  (nationwide): one common indicator across the municipalities, with the national value where
  the system holds one, a bar chart and its summary.

Each page has its JSON twin and its table as CSV and xlsx beside it (``index.json``,
``index.csv``, ``index.xlsx``).  :func:`comparison_pages` lists every such page for the data
published, for a static mirror.

They read every municipality of a prefecture or of the country, so each process keeps their
answers while the published data is unchanged (:mod:`shisaku.public.comparisons.cache`): a
repeated request costs one query, and the first one after any write computes afresh.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import URLPattern, path

from shisaku.evaluation.reads import Reads, for_request
from shisaku.indicators import comparison
from shisaku.public.comparisons import chart as compare_chart
from shisaku.public.comparisons import documents as docs
from shisaku.public.comparisons import links as compare_links
from shisaku.public.comparisons import pages as compare_pages
from shisaku.public.comparisons.cache import kept
from shisaku.public.comparisons.pages import ComparePage, PrefectureItem
from shisaku.public.documents import Crumb
from shisaku.public.downloads import Table, download
from shisaku.public.views import page, twin


def list_crumb() -> Crumb:
    """Return the breadcrumb of the list of prefectures."""
    return Crumb("prefectures", "都道府県別", "By prefecture", compare_links.prefectures_url())


def prefecture_crumb(item: PrefectureItem | compare_pages.PrefecturePage) -> Crumb:
    """Return the breadcrumb of a prefecture's page."""
    p = item.prefecture
    return Crumb(p.code, p.name_ja, p.name_en, compare_links.prefecture_url(p.code))


def compare_crumbs(found: ComparePage) -> list[Crumb]:
    """Return the trail down to a comparison page (through its prefecture, if any)."""
    c, where = found.common, found.prefecture
    url = compare_links.compare_url(c.code, where.code if where else None)
    here = Crumb(c.code, c.name_ja, c.name_en, url)
    if where is None:
        return [here]
    up = Crumb(where.code, where.name_ja, where.name_en, compare_links.prefecture_url(where.code))
    return [list_crumb(), up, here]


@kept
def prefectures(request: HttpRequest) -> HttpResponse:
    """List the prefectures with published plans."""
    items = compare_pages.prefecture_items(for_request(request, shared=False))
    return render(request, "public/prefectures.html", {"items": items, "crumbs": [list_crumb()]})


@kept
@twin
def prefectures_json(request: HttpRequest) -> dict[str, Any]:
    """Return the list of prefectures as JSON."""
    return docs.prefectures_document(
        compare_pages.prefecture_items(for_request(request, shared=False))
    )


@kept
@download
def prefectures_table(request: HttpRequest) -> Table:
    """Return the list of prefectures as a table."""
    return docs.prefectures_table(
        request, compare_pages.prefecture_items(for_request(request, shared=False))
    )


@kept
@page
def prefecture(request: HttpRequest, pref: str) -> HttpResponse:
    """Show a prefecture's municipalities and the common indicators they share."""
    found = compare_pages.prefecture_page(for_request(request, shared=False), pref)
    context = {"found": found, "crumbs": [list_crumb(), prefecture_crumb(found)]}
    return render(request, "public/prefecture.html", context)


@kept
@twin
def prefecture_json(request: HttpRequest, pref: str) -> dict[str, Any]:
    """Return a prefecture's page as JSON."""
    return docs.prefecture_document(
        compare_pages.prefecture_page(for_request(request, shared=False), pref)
    )


@kept
@download
def prefecture_table(request: HttpRequest, pref: str) -> Table:
    """Return a prefecture's municipalities as a table."""
    found = compare_pages.prefecture_page(for_request(request, shared=False), pref)
    return docs.prefecture_table(request, found)


@kept
@page
def compare(request: HttpRequest, common_code: str, pref: str | None = None) -> HttpResponse:
    """Show one common indicator across the municipalities (of a prefecture, or nationwide)."""
    found = compare_pages.compare_page(for_request(request, shared=False), common_code, pref)
    context = {
        "found": found,
        "chart": compare_chart.chart(found),
        "crumbs": compare_crumbs(found),
    }
    return render(request, "public/compare.html", context)


@kept
@twin
def compare_json(request: HttpRequest, common_code: str, pref: str | None = None) -> dict[str, Any]:
    """Return a comparison page as JSON."""
    return docs.compare_document(
        compare_pages.compare_page(for_request(request, shared=False), common_code, pref)
    )


@kept
@download
def compare_table(request: HttpRequest, common_code: str, pref: str | None = None) -> Table:
    """Return a comparison as a table: the municipalities, then the national values."""
    found = compare_pages.compare_page(for_request(request, shared=False), common_code, pref)
    return docs.compare_table(request, found)


def comparison_pages(reads: Reads) -> list[tuple[str, dict[str, str]]]:
    """Return every prefecture and comparison page of the published data: (URL name, kwargs).

    The names are those of ``shisaku.public.urls`` (``public:<name>``); each page has its
    ``index.json``, ``index.csv`` and ``index.xlsx`` beside it.  Nothing is listed that would
    answer 404: prefectures without published plans and codes no published indicator carries.
    """
    items = compare_pages.prefecture_items(reads)
    plans = comparison.published_plans(reads.towns())
    out: list[tuple[str, dict[str, str]]] = [("prefectures", {})] if items else []
    for item in items:
        code = item.prefecture.code
        out.append(("prefecture", {"pref": code}))
        used = comparison.common_codes(comparison.in_prefecture(plans, code))
        out += [("prefecture-compare", {"pref": code, "common_code": c}) for c in sorted(used)]
    every = comparison.common_codes(plans)
    return out + [("compare", {"common_code": c}) for c in sorted(every)]


def _routes(base: str, name: str, views: tuple[Any, Any, Any]) -> list[URLPattern]:
    """Return a page's route with its JSON twin and its table beside it."""
    page_view, json_view, table_view = views
    return [
        path(base, page_view, name=name),
        path(base + "index.json", json_view, name=f"{name}-json"),
        path(base + "index.<table:fmt>", table_view, name=f"{name}-table"),
    ]


def url_patterns() -> list[URLPattern]:
    """Return the routes of the prefecture and comparison pages (for ``shisaku.public.urls``)."""
    compared = (compare, compare_json, compare_table)
    return [
        *_routes("prefectures/", "prefectures", (prefectures, prefectures_json, prefectures_table)),
        *_routes(
            "prefectures/<pref:pref>/",
            "prefecture",
            (prefecture, prefecture_json, prefecture_table),
        ),
        *_routes(
            "prefectures/<pref:pref>/compare/<common:common_code>/", "prefecture-compare", compared
        ),
        *_routes("compare/<common:common_code>/", "compare", compared),
    ]
