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
from django.urls import URLPattern

from shisaku.evaluation.reads import Reads, for_request
from shisaku.indicators import comparison
from shisaku.public.comparisons import chart as compare_chart
from shisaku.public.comparisons import documents as docs
from shisaku.public.comparisons import links as compare_links
from shisaku.public.comparisons import pages as compare_pages
from shisaku.public.comparisons.cache import kept
from shisaku.public.comparisons.pages import ComparePage, PrefectureItem, PrefecturePage
from shisaku.public.documents import Crumb
from shisaku.public.renderers import Page, routes


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


def prefecture_list(request: HttpRequest) -> list[PrefectureItem]:
    """Return the prefectures with published plans."""
    return compare_pages.prefecture_items(for_request(request, shared=False))


def prefecture_of(request: HttpRequest, pref: str) -> PrefecturePage:
    """Return a prefecture's page, or raise NotFound."""
    return compare_pages.prefecture_page(for_request(request, shared=False), pref)


def comparison_of(request: HttpRequest, common_code: str, pref: str | None = None) -> ComparePage:
    """Return one common indicator across the municipalities (of a prefecture, or nationwide)."""
    return compare_pages.compare_page(for_request(request, shared=False), common_code, pref)


def prefectures(request: HttpRequest, items: list[PrefectureItem]) -> HttpResponse:
    """List the prefectures with published plans."""
    return render(request, "public/prefectures.html", {"items": items, "crumbs": [list_crumb()]})


def prefectures_json(request: HttpRequest, items: list[PrefectureItem]) -> dict[str, Any]:
    """Return the list of prefectures as JSON."""
    return docs.prefectures_document(items)


def prefecture(request: HttpRequest, found: PrefecturePage) -> HttpResponse:
    """Show a prefecture's municipalities and the common indicators they share."""
    context = {"found": found, "crumbs": [list_crumb(), prefecture_crumb(found)]}
    return render(request, "public/prefecture.html", context)


def prefecture_json(request: HttpRequest, found: PrefecturePage) -> dict[str, Any]:
    """Return a prefecture's page as JSON."""
    return docs.prefecture_document(found)


def compare(request: HttpRequest, found: ComparePage) -> HttpResponse:
    """Show one common indicator across the municipalities (of a prefecture, or nationwide)."""
    context = {
        "found": found,
        "chart": compare_chart.chart(found),
        "crumbs": compare_crumbs(found),
    }
    return render(request, "public/compare.html", context)


def compare_json(request: HttpRequest, found: ComparePage) -> dict[str, Any]:
    """Return a comparison page as JSON."""
    return docs.compare_document(found)


PREFECTURES = Page(prefecture_list, prefectures, prefectures_json, docs.prefectures_table)
PREFECTURE = Page(prefecture_of, prefecture, prefecture_json, docs.prefecture_table)
COMPARE = Page(comparison_of, compare, compare_json, docs.compare_table)


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


def url_patterns() -> list[URLPattern]:
    """Return the routes of the prefecture and comparison pages (for ``shisaku.public.urls``),
    each format's answer kept while the data is unchanged (:func:`kept`)."""
    return [
        *routes("prefectures/", "prefectures", PREFECTURES, kept),
        *routes("prefectures/<pref:pref>/", "prefecture", PREFECTURE, kept),
        *routes(
            "prefectures/<pref:pref>/compare/<common:common_code>/",
            "prefecture-compare",
            COMPARE,
            kept,
        ),
        *routes("compare/<common:common_code>/", "compare", COMPARE, kept),
    ]
