"""Atom feeds of what is published: per plan (``…/<plan>/feed.atom``) and per measure
(``…/<measure>/feed.atom``), in each language, with Django's syndication framework.

An entry is a figure revision (a baseline, target or actual entered, or corrected: each
revision of the plan's figure histories) or an evaluation published, newest first, at most
:data:`LIMIT`.  A measure's feed holds the figures of the indicators on it and below it and its
own evaluations.  Entry ids are tag URIs that do not depend on the language or the host, so a
reader following both languages sees one update twice, never one id for two updates.  Entries
come from the plan view kept per process (histories, published evaluations), as the pages do.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any

from django.contrib.sites.shortcuts import get_current_site
from django.contrib.syndication.views import Feed, add_domain
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.encoding import iri_to_uri
from django.utils.feedgenerator import Atom1Feed, SyndicationFeed
from django.utils.translation import gettext
from django.utils.xmlutils import SimplerXMLGenerator

from shisaku.domain.plantree import Node
from shisaku.evaluation.queries import EvaluationView
from shisaku.evaluation.reads import Reads, for_request
from shisaku.indicators.queries import IndicatorView
from shisaku.plan.queries import NotFound, PlanInfo
from shisaku.public import coded, dates, display, links
from shisaku.public.embeds import atom
from shisaku.public.embeds.newest import TAG, Revision, entry_id, ranked
from shisaku.public.places import node_path
from shisaku.public.renderers import MISSING

LIMIT = 50
Head = tuple[str, str]  # the start of an indicator's entries' titles, and its page
JST = timezone(timedelta(hours=9))


@dataclass(frozen=True)
class Entry:
    """One update in a feed."""

    title: str
    link: str
    updated: datetime
    id: str


@dataclass(frozen=True)
class Followed:
    """What a feed follows: a plan, or one of its measures."""

    plan: PlanInfo
    measure: Node | None
    entries: list[Entry]

    @property
    def page_url(self) -> str:
        """Return the page of the plan or the measure."""
        if self.measure is None:
            return links.plan_url(self.plan)
        return links.node_url(self.plan, self.measure.code)

    @property
    def name(self) -> str:
        """Return the plan's title, or the measure's code and title."""
        title = display.plain(self.plan.meta.title, self.plan.meta.title_en)
        if self.measure is None:
            return title
        return f"{self.measure.code} {display.node_title_plain(self.measure)} ({title})"


def _codes(node: Node) -> set[str]:
    """Return the codes of a node and of every node below it."""
    return {node.code}.union(*(_codes(c) for c in node.children))


@dataclass(frozen=True)
class Wording:
    """What the titles of figure entries say in the active language, looked up once a feed."""

    kinds: dict[str, str]  # the figure kinds' labels
    english: bool
    corrected: str  # what follows the title of a correction

    @classmethod
    def active(cls) -> Wording:
        """Return the wording of the active language."""
        return cls(coded.FIGURE_KINDS.shown(), display.english(), gettext(" (corrected)"))


def figure_entry(head: Head, revision: Revision, plan: PlanInfo, wording: Wording) -> Entry:
    """Return the entry of one figure revision (``head``: its indicator's, :func:`_head`)."""
    view, f = revision
    what = " ".join(
        part
        for part in (
            wording.kinds.get(f.kind, f.kind),  # as coded.label gives it
            dates.period_label(f.period, wording.english),
            f.breakdown,
            f.raw,
        )
        if part
    )
    title = f"{head[0]}: {what}"
    if f.revision > 1:
        title += wording.corrected
    return Entry(title, head[1], f.entered_at, entry_id(plan, view, f))


def figure_entries(plan: PlanInfo, revisions: list[Revision]) -> list[Entry]:
    """Return the entries of figure revisions (each indicator's part of them made once: a
    feed's revisions are often of a few indicators)."""
    heads: dict[int, Head] = {}
    wording = Wording.active()
    found = []
    for revision in revisions:
        view = revision[0]
        head = heads.get(view.id) or heads.setdefault(view.id, _head(plan, view))
        found.append(figure_entry(head, revision, plan, wording))
    return found


def _head(plan: PlanInfo, view: IndicatorView) -> Head:
    """Return the start of an indicator's entries' titles (its code and name) and its page."""
    name = display.plain(view.name_ja, view.name_en)
    return f"{view.code} {name}", links.indicator_url(plan, view.code)


def evaluation_entry(plan: PlanInfo, e: EvaluationView, published: datetime) -> Entry:
    """Return the entry of one published evaluation."""
    text = gettext("%(code)s %(title)s: evaluation of %(year)s published")
    title = text % {
        "code": e.measure_code,
        "title": display.plain(e.measure_title_ja, e.measure_title_en),
        "year": dates.year_label(e.fiscal_year),
    }
    key = f"{plan.municipality_code}/{plan.meta.slug}/{e.measure_code}/{e.fiscal_year}/{e.version}"
    link = links.node_url(plan, e.measure_code) + "#s-evaluations"
    return Entry(title, link, published, TAG + "evaluation/" + key)


def entries(reads: Reads, plan: PlanInfo, measure: Node | None) -> list[Entry]:
    """Return the plan's (or a measure's) updates, newest first, at most :data:`LIMIT`.

    Only the newest :data:`LIMIT` figure revisions are made entries (a plan holds tens of
    thousands, ranked once per plan: :mod:`~shisaku.public.embeds.newest`; their titles are what
    costs)."""
    codes = None if measure is None else _codes(measure)
    found = figure_entries(plan, ranked(reads, plan).newest(codes, LIMIT))
    for code, published in reads.plan_evaluations(plan).items():
        if measure is None or code == measure.code:
            found += [
                evaluation_entry(plan, e, e.published_at) for e in published if e.published_at
            ]
    found.sort(key=lambda e: (e.updated, e.id), reverse=True)
    return found[:LIMIT]


if TYPE_CHECKING:  # django-stubs makes Feed generic; at run time it is a plain class
    BaseFeed = Feed[Entry, Followed]
else:
    BaseFeed = Feed


class QuietAtomFeed(Atom1Feed):
    """An Atom feed whose ``<updated>``, when it has no entry, is the start of the plan's
    period (Django would say "now", so an unchanged empty feed would differ at every request
    and every publishing run), and whose entries are given as their markup
    (:mod:`~shisaku.public.embeds.atom`: the same bytes, without a SAX call per element nor an
    item of a dozen fields per entry)."""

    written: list[str]  # the entries' markup, newest first
    latest: datetime | None  # when the newest entry was updated

    def write_items(self, handler: SimplerXMLGenerator) -> None:
        """Write the entries in one piece."""
        handler.ignorableWhitespace("".join(self.written))  # written as it is, not escaped

    def latest_post_date(self) -> datetime:
        """Return the newest entry's date, or the plan's first day when there is none."""
        if self.latest is not None:
            return self.latest
        quiet_since: datetime = self.feed["quiet_since"]
        return quiet_since


class PlanFeed(BaseFeed):
    """The Atom feed of a plan's (or a measure's) published updates."""

    feed_type = QuietAtomFeed

    def __call__(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        """Answer the feed, or the 404 page when the plan or the measure does not exist."""
        try:
            return super().__call__(request, *args, **kwargs)
        except MISSING as error:
            raise Http404(str(error)) from error

    def get_object(
        self, request: HttpRequest, code: str, slug: str, node_code: str = ""
    ) -> Followed:
        """Return what the feed follows, with its entries."""
        reads = for_request(request)
        info = reads.plan(code, slug)
        measure = None
        if node_code:
            measure = node_path(reads, info, node_code)[-1]
            if measure.kind != "measure":
                raise NotFound(
                    f"node {node_code} is not a measure: feeds follow plans and measures"
                )
        return Followed(info, measure, entries(reads, info, measure))

    def feed_extra_kwargs(self, obj: Followed) -> dict[str, Any]:
        """Give the feed the plan's first day (1 April of its first fiscal year, JST)."""
        return {"quiet_since": datetime(obj.plan.meta.period_start, 4, 1, tzinfo=JST)}

    def title(self, obj: Followed) -> str:
        """Return the feed's title."""
        return gettext("Updates: %(name)s") % {"name": obj.name}

    def subtitle(self, obj: Followed) -> str:
        """Return what the feed holds."""
        return gettext("Figures entered and evaluations published, newest first.")

    def link(self, obj: Followed) -> str:
        """Return the page the feed follows."""
        return obj.page_url

    def items(self, obj: Followed) -> list[Entry]:
        """Return the entries (none: :meth:`get_feed` adds them)."""
        return obj.entries

    def get_feed(self, obj: Followed, request: HttpRequest) -> SyndicationFeed:
        """Return the feed, its head made by Django and its entries written here.

        Django would ask the view a dozen ``item_…`` attributes per entry, each looked up and
        inspected, and keep a dozen fields of each; an entry says all the feed writes: its
        title (also its summary), its page, its id and when it was made (published and
        updated, the newest the feed's date as Django finds it: the first of the latest)."""
        feed = super().get_feed(replace(obj, entries=[]), request)
        assert isinstance(feed, QuietAtomFeed)
        domain, secure = get_current_site(request).domain, request.is_secure()
        pages: dict[str, str] = {}  # an indicator's entries share its page
        feed.written = [
            atom.summarised(e.title, _href(pages, e.link, domain, secure), e.updated, e.id)
            for e in obj.entries
        ]
        feed.latest = max((e.updated for e in obj.entries), default=None)
        return feed


def _href(pages: dict[str, str], link: str, domain: str, secure: bool) -> str:
    """Return a page's address on the site as Django's feeds give it, as a link's attribute
    (remembered in ``pages``)."""
    found = pages.get(link)
    if found is None:
        found = pages[link] = atom.attribute(iri_to_uri(add_domain(domain, link, secure)))
    return found


feed = PlanFeed()
