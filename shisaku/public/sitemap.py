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

from collections.abc import Iterable, Iterator

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.urls import URLPattern, path
from django.utils import translation
from django.utils.html import escape, format_html, format_html_join

import shisaku.urlcodes  # noqa: F401  (registers the town converter)
from shisaku.domain.nodepages import PAGE_KINDS
from shisaku.domain.sdgs import goals
from shisaku.evaluation.reads import Reads, for_request
from shisaku.indicators.models import Indicator
from shisaku.plan.models import PlanNode
from shisaku.plan.queries import NotFound, PlanInfo
from shisaku.public import links
from shisaku.public.comparisons import views as compare
from shisaku.public.places import published_town
from shisaku.settled import settled_anew

XML = "application/xml; charset=utf-8"
SITEMAP_NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML_NS = "http://www.w3.org/1999/xhtml"
Page = tuple[str, dict[str, str]]  # a page: its URL name and arguments


def languages() -> list[str]:
    """Return the site's language codes, Japanese first."""
    return [code for code, _ in settings.LANGUAGES]


def url_entries(request: HttpRequest, pages: list[Page]) -> Iterator[str]:
    """Yield the ``<url>`` elements of each page, one per language, each naming all (escaped
    as Django's templates escape; every page's addresses built in one language at a time)."""
    found = []
    for code in languages():
        with translation.override(code), settled_anew():
            urls = [escape(request.build_absolute_uri(links.reverse(*p))) for p in pages]
        found.append([(escape(code), url) for url in urls])
    for same in zip(*found, strict=True):
        alternates = "".join(
            f'<xhtml:link rel="alternate" hreflang="{code}" href="{url}"/>' for code, url in same
        )
        yield "\n".join(f"<url><loc>{url}</loc>{alternates}</url>" for _, url in same)


def urlset(request: HttpRequest, pages: Iterable[Page]) -> HttpResponse:
    """Return a sitemap of ``pages``."""
    body = "\n".join(url_entries(request, list(pages)))
    xml = (
        f'<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="{escape(SITEMAP_NS)}"'
        f' xmlns:xhtml="{escape(XHTML_NS)}">\n{body}\n</urlset>\n'
    )
    return HttpResponse(xml, content_type=XML)


def plan_pages(plan: PlanInfo) -> Iterator[Page]:
    """Yield the pages of one published plan (its node and indicator codes read, nothing more:
    a run writes every municipality's sitemap, and keeps no plan it read for them)."""
    kwargs = {"code": plan.municipality_code, "slug": plan.meta.slug}
    for name in ("public:plan", "public:measures", "public:indicators", "public:dashboard"):
        yield name, kwargs
    for code in node_codes(plan.id):
        yield "public:node", kwargs | {"node_code": code}
    for code in Indicator.objects.filter(plan_id=plan.id).values_list("code", flat=True):
        yield "public:indicator", kwargs | {"indicator": code}
    yield "public:sdgs", kwargs
    for number in goals():
        yield "public:sdg-goal", kwargs | {"goal": str(number)}


def node_codes(plan_id: int) -> list[str]:
    """Return the codes of a plan's nodes that have a page of their own, in document order
    (as :func:`shisaku.public.lists.filters.walk` walks the plan's tree): one query."""
    rows = PlanNode.objects.filter(plan_id=plan_id).order_by("position")
    children: dict[int | None, list[tuple[int, str, str]]] = {}
    for node_id, parent_id, code, kind in rows.values_list("id", "parent_id", "code", "kind"):
        children.setdefault(parent_id, []).append((node_id, code, kind))

    def walk(parent: int | None) -> Iterator[str]:
        for node_id, code, kind in children.get(parent, []):
            if kind in PAGE_KINDS:
                yield code
            yield from walk(node_id)

    return list(walk(None))


def town_pages(reads: Reads, code: str) -> Iterator[Page]:
    """Yield the pages of one municipality and of its published plans."""
    town = published_town(reads, code)
    yield "public:municipality", {"code": code}
    for plan in town.plans:
        yield from plan_pages(plan)


def site(request: HttpRequest) -> HttpResponse:
    """Return the sitemap of the pages of the whole site: home, prefectures, comparisons."""
    found = compare.comparison_pages(for_request(request, shared=False))
    pages = [("public:home", {}), *((f"public:{name}", kwargs) for name, kwargs in found)]
    return urlset(request, pages)


def town(request: HttpRequest, code: str) -> HttpResponse:
    """Return the sitemap of one municipality's pages (404 when it has no published plan)."""
    reads = for_request(request)
    try:
        pages = list(town_pages(reads, code))
    except NotFound as error:
        return HttpResponse(str(error), status=404, content_type="text/plain; charset=utf-8")
    return urlset(request, pages)


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
