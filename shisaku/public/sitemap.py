"""``/sitemap.xml``: the public pages for search engines, each in Japanese and English.

``/sitemap.xml`` is a sitemap index naming ``/sitemaps/site.xml`` (the home page, the
prefectures and the comparisons) and one ``/sitemaps/<municipality code>.xml`` per
municipality with a published plan, so that no file nears the protocol's 50,000 addresses as
municipalities are added.  Each ``<url>`` is one page in one language, with ``xhtml:link
rel="alternate" hreflang`` naming the page in every language (itself included), as search
engines ask.  A municipality's file lists its page, and per published plan: the plan, its
measures, its indicators, its dashboard, every field, policy and measure page, every
indicator page, its page of the 17 SDGs and the page of each goal.  The addresses are
absolute, on the host the request came to.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

import shisaku.urlcodes  # noqa: F401  (registers the town converter)
from shisaku.domain.nodepages import has_own_page
from shisaku.domain.sdgs import goals
from shisaku.evaluation.reads import Reads, for_request
from shisaku.plan.queries import NotFound, PlanInfo
from shisaku.public import links
from shisaku.public.comparisons import views as compare
from shisaku.public.lists.filters import walk
from shisaku.public.places import published_town

XML = "application/xml; charset=utf-8"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
Page = tuple[str, dict[str, str]]  # a page: its URL name and arguments


def languages() -> list[str]:
    """Return the site's language codes, Japanese first."""
    return [code for code, _ in settings.LANGUAGES]


def url_entry(request: HttpRequest, page: Page) -> SafeString:
    """Return the ``<url>`` elements of one page, one per language, each naming all."""
    found = []
    for code in languages():
        with translation.override(code):
            found.append((code, request.build_absolute_uri(links.reverse(*page))))
    alternates = format_html_join(
        "", '<xhtml:link rel="alternate" hreflang="{}" href="{}"/>', found
    )
    return format_html_join(
        "\n", "<url><loc>{}</loc>{}</url>", ((url, alternates) for _, url in found)
    )


def urlset(request: HttpRequest, pages: Iterator[Page]) -> HttpResponse:
    """Return a sitemap of ``pages``."""
    body = format_html_join("\n", "{}", ((url_entry(request, p),) for p in pages))
    xml = format_html(
        '<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{}" xmlns:xhtml="{}">\n{}\n'
        "</urlset>\n",
        SITEMAP_NS,
        XHTML_NS,
        body,
    )
    return HttpResponse(xml, content_type=XML)


def plan_pages(reads: Reads, plan: PlanInfo) -> Iterator[Page]:
    """Yield the pages of one published plan."""
    kwargs = {"code": plan.municipality_code, "slug": plan.meta.slug}
    for name in ("public:plan", "public:measures", "public:indicators", "public:dashboard"):
        yield name, kwargs
    for node, _ in walk(reads.nodes(plan)):
        if has_own_page(node):
            yield "public:node", kwargs | {"node_code": node.code}
    for view in reads.indicators(plan):
        yield "public:indicator", kwargs | {"indicator": view.code}
    yield "public:sdgs", kwargs
    for number in goals():
        yield "public:sdg-goal", kwargs | {"goal": str(number)}


def town_pages(reads: Reads, code: str) -> Iterator[Page]:
    """Yield the pages of one municipality and of its published plans."""
    town = published_town(reads, code)
    yield "public:municipality", {"code": code}
    for plan in town.plans:
        yield from plan_pages(reads, plan)


def site(request: HttpRequest) -> HttpResponse:
    """Return the sitemap of the pages of the whole site: home, prefectures, comparisons."""
    found = compare.comparison_pages(for_request(request, shared=False))
    pages = [("public:home", {}), *((f"public:{name}", kwargs) for name, kwargs in found)]
    return urlset(request, iter(pages))


def town(request: HttpRequest, code: str) -> HttpResponse:
    """Return the sitemap of one municipality's pages (404 when it has no published plan)."""
    reads = for_request(request)
    try:
        pages = list(town_pages(reads, code))
    except NotFound as error:
        return HttpResponse(str(error), status=404, content_type="text/plain; charset=utf-8")
    return urlset(request, iter(pages))


def index(request: HttpRequest) -> HttpResponse:
    """Return the sitemap index: the site's file and one per municipality."""
    names = ["site", *(t.code for t in for_request(request).towns())]
    rows = format_html_join(
        "\n",
        "<sitemap><loc>{}</loc></sitemap>",
        ((request.build_absolute_uri(f"/sitemaps/{n}.xml"),) for n in names),
    )
    xml = format_html(
        '<?xml version="1.0" encoding="UTF-8"?>\n<sitemapindex xmlns="{}">\n{}\n</sitemapindex>\n',
        SITEMAP_NS,
        rows,
    )
    return HttpResponse(xml, content_type=XML)


def url_patterns() -> list[URLPattern]:
    """Return the sitemap routes, outside the language prefixes (one file serves both)."""
    return [
        path("sitemap.xml", index, name="sitemap"),
        path("sitemaps/site.xml", site, name="sitemap-site"),
        path("sitemaps/<town:code>.xml", town, name="sitemap-town"),
    ]
