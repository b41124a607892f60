"""Embedding an indicator or a measure on another site, and following it.

Per indicator (``…/indicators/<code>/``) and per measure (``…/<measure>/``):

- ``widget/``: the page to put in an ``<iframe>``: the name, the key figures and the grade (an
  indicator, with its chart) or the status and its indicators (a measure), a link to the full
  page, no site header.  Only these pages may be framed, by any site: their
  Content-Security-Policy says ``frame-ancestors *`` and they send no X-Frame-Options; every
  other page keeps ``frame-ancestors 'none'`` and ``X-Frame-Options: DENY``.
- ``badge.svg``: the grade or the status as a small SVG image (:mod:`shisaku.public.embeds.badges`).
- ``share/``: a page of the site showing both, with the HTML to copy for each and the address
  of the Atom feed (:mod:`shisaku.public.embeds.feeds`).

Everything is read from the plan view kept per process, as the pages are.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext

from shisaku.domain.plantree import Node
from shisaku.plan.queries import NotFound, PlanInfo
from shisaku.public import display, links, progress
from shisaku.public.documents import Crumb, crumbs
from shisaku.public.embeds import badges, pages
from shisaku.public.indicators import chart as indicator_chart
from shisaku.public.indicators import summaries
from shisaku.public.indicators.graded import Graded, graded
from shisaku.public.places import Place, place_of
from shisaku.public.renderers import Page
from shisaku.security import POLICY

FRAMED_POLICY = POLICY.replace("frame-ancestors 'none'", "frame-ancestors *")
SVG = "image/svg+xml"
WIDGET, BADGE = "widget/", "badge.svg"  # under the page of what they show


@dataclass(frozen=True)
class Subject:
    """What is embedded: an indicator or a measure and its page (under which widget/,
    badge.svg and share/ sit)."""

    kind: str  # indicator or measure
    plan: PlanInfo
    code: str
    name: str
    page_url: str

    @property
    def title(self) -> str:
        """Return the code and the name."""
        return f"{self.code} {self.name}"

    @property
    def widget_url(self) -> str:
        """Return the address of the widget."""
        return self.page_url + WIDGET

    @property
    def badge_url(self) -> str:
        """Return the address of the badge."""
        return self.page_url + BADGE


def framed(response: HttpResponse) -> HttpResponse:
    """Let any site put ``response`` in a frame (the widgets only)."""
    response.headers["Content-Security-Policy"] = FRAMED_POLICY
    response.xframe_options_exempt = True
    return response


def badge_response(badge: badges.Badge) -> HttpResponse:
    """Return a badge as an SVG image any site may show."""
    response = HttpResponse(badges.to_svg(badge), content_type=f"{SVG}; charset=utf-8")
    response["Access-Control-Allow-Origin"] = "*"
    return response


# --- indicators -------------------------------------------------------------------------------


def indicator_subject(g: Graded) -> Subject:
    """Return an indicator as a subject to embed."""
    view = g.result.indicator
    url = links.indicator_url(g.plan, view.code)
    return Subject("indicator", g.plan, view.code, display.plain(view.name_ja, view.name_en), url)


def indicator_feed(g: Graded) -> str:
    """Return the feed an indicator's share page offers: its measure's, else the plan's."""
    measure = next((n for n in reversed(g.path) if n.kind == "measure"), None)
    return _feed_url(g.plan, measure)


def grade_badge(g: Graded) -> badges.Badge:
    """Return an indicator's badge: its grade."""
    label = _words(links.language())[0] % {"code": g.result.indicator.code}
    return badges.grade_badge(label, g.done, g.result)


@lru_cache(maxsize=16)
def _words(language: str | None) -> tuple[str, str]:
    """Return the templates of an indicator badge's label and of a share page's title in
    ``language`` (the active one), translated once: a plan has a badge and a share page per
    indicator in each language."""
    return gettext("%(code)s grade"), gettext("Embed and follow: %(title)s")


def indicator_widget(request: HttpRequest, g: Graded) -> HttpResponse:
    """Show an indicator's widget: its key figures, grade and chart."""
    subject = indicator_subject(g)
    chart = indicator_chart.chart_view(g.result, g.done.year, g.done.config.method)
    rows = [summaries.indicator_row(g.plan, g.result)]
    page = pages.widget(subject, _page_link(request, subject), g.done, rows, chart=chart)
    return framed(HttpResponse(page))


def indicator_badge(request: HttpRequest, g: Graded) -> HttpResponse:
    """Return an indicator's grade as an SVG badge."""
    return badge_response(grade_badge(g))


def indicator_share(request: HttpRequest, g: Graded) -> HttpResponse:
    """Show how to embed an indicator and follow its measure."""
    subject = indicator_subject(g)
    here = Crumb(
        subject.code, g.result.indicator.name_ja, g.result.indicator.name_en, subject.page_url
    )
    return _share(request, subject, grade_badge(g), indicator_feed(g), [*g.trail[:-1], here])


# --- measures ---------------------------------------------------------------------------------


def measure_of(request: HttpRequest, code: str, slug: str, node_code: str) -> Place:
    """Return a measure with the path down to it, or raise NotFound."""
    found = place_of(request, code, slug, node_code)
    if found.path[-1].kind != "measure":
        raise NotFound(f"node {node_code} is not a measure: only measures are embedded")
    return found


def measure_subject(m: Place) -> Subject:
    """Return a measure as a subject to embed."""
    info, node_code = m.plan, m.path[-1].code
    url = links.node_url(info, node_code)
    return Subject("measure", info, node_code, display.node_title_plain(m.path[-1]), url)


def status_badge(m: Place) -> badges.Badge:
    """Return a measure's badge: its status."""
    row = _status_row(m)
    label = gettext("%(code)s status") % {"code": m.path[-1].code}
    return badges.status_badge(label, row.status, row.label)


def _status_row(m: Place) -> progress.MeasureRow:
    """Return a measure's status row in the plan's latest graded year."""
    reads = m.reads
    return progress.measure_rows(reads, m.plan, reads.assessment(m.plan), m.path[-1:])[0]


def measure_widget(request: HttpRequest, m: Place) -> HttpResponse:
    """Show a measure's widget: its status and its indicators with their grades."""
    subject, done = measure_subject(m), m.reads.assessment(m.plan)
    rows = summaries.rows_for(m.plan, done, {n.code for n in _subtree(m.path[-1])})
    link = _page_link(request, subject)
    return framed(HttpResponse(pages.widget(subject, link, done, rows, _status_row(m))))


def _subtree(node: Node) -> list[Node]:
    """Return a node and every node below it."""
    return [node, *(n for c in node.children for n in _subtree(c))]


def measure_badge(request: HttpRequest, m: Place) -> HttpResponse:
    """Return a measure's status as an SVG badge."""
    return badge_response(status_badge(m))


def measure_share(request: HttpRequest, m: Place) -> HttpResponse:
    """Show how to embed a measure and follow it."""
    feed = _feed_url(m.plan, m.path[-1])
    return _share(request, measure_subject(m), status_badge(m), feed, crumbs(m.plan, m.path))


# --- shared -----------------------------------------------------------------------------------


def _feed_url(plan: PlanInfo, measure: Node | None) -> str:
    """Return the Atom feed of a measure, or of the plan when there is no measure."""
    kwargs = {"code": plan.municipality_code, "slug": plan.meta.slug}
    if measure is None:
        return links.reverse("public:plan-feed", kwargs=kwargs)
    return links.reverse("public:measure-feed", kwargs=kwargs | {"node_code": measure.code})


def _page_link(request: HttpRequest, subject: Subject) -> str:
    """Return the absolute address of a subject's page."""
    return request.build_absolute_uri(subject.page_url)


def _share(
    request: HttpRequest, subject: Subject, badge: badges.Badge, feed: str, trail: list[Crumb]
) -> HttpResponse:
    """Show the share page of a subject: previews, snippets to copy, the ``feed`` to follow."""
    title = _words(links.language())[1] % {"title": subject.title}
    page = request.build_absolute_uri(subject.page_url)  # the widget's and badge's below it
    at = pages.Addresses(page, page + WIDGET, page + BADGE, feed, request.build_absolute_uri(feed))
    content = pages.share(subject, badge, title, at)
    context = {"feed_url": feed, "crumbs": trail, "page_title": title, "content": content}
    return render(request, "public/share.html", context)


INDICATOR_WIDGET = Page(graded, html=indicator_widget)
INDICATOR_BADGE = Page(graded, html=indicator_badge)
INDICATOR_SHARE = Page(graded, html=indicator_share)
MEASURE_WIDGET = Page(measure_of, html=measure_widget)
MEASURE_BADGE = Page(measure_of, html=measure_badge)
MEASURE_SHARE = Page(measure_of, html=measure_share)
