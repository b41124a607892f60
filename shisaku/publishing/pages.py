"""Every public page of the site, enumerated from the data: the paths a static mirror holds.

Per language: the home page; each municipality with a published plan; each published plan, its
dashboard and its list of indicators; every node of its tree (fields, policies and measures
have pages, initiatives and actions answer with a redirect to their place on the measure's
page, and the run writes that redirect as a small HTML page); every indicator; and, when the
whole site is written, the prefecture and comparison pages (:data:`Comparisons`).  Each page
has its data beside it at ``index.json``, ``index.csv`` and ``index.xlsx``, but for the ones
written ``alone`` (:attr:`Page.alone`): each plan's Atom feed, and per measure its feed, and
per measure and per indicator its widget, badge and share page.  Each plan's SDG pages
(the 17 goals, and one page per goal) have only the twins the live site answers
(:data:`SDG_TWINS`): none for the goals, the JSON for a goal.

The search (``/ja/search/?q=…``), the filtered lists (``measures/?status=…``) and the pages
graded in another year (``?year=2017``) depend on a query string, which a static server
ignores, so they are not files: see docs/publishing.md.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from urllib.parse import unquote

from shisaku.domain.nodepages import paths
from shisaku.domain.plantree import Node, walk
from shisaku.domain.sdgs import goals
from shisaku.evaluation.reads import Reads
from shisaku.plan.queries import MunicipalityInfo, PlanInfo
from shisaku.publishing.render import Renderer

TWINS = ("index.json", "index.csv", "index.xlsx")
Named = tuple[str, dict[str, str]]  # a public URL's name and arguments
Comparisons = Callable[[Reads], list[Named]]  # the prefecture and comparison pages
EMBEDS = ("widget", "badge", "share")  # per measure and indicator: measure-widget, …
EMBEDDED = {  # what a measure and an indicator have beside their page, by URL name
    "measure": ("measure-feed", *(f"measure-{name}" for name in EMBEDS)),
    "indicator": tuple(f"indicator-{name}" for name in EMBEDS),
}
ALONE = {"plan-feed", *(name for names in EMBEDDED.values() for name in names)}  # no twins
SDG_TWINS = {"sdgs": (), "sdg-goal": ("index.json",)}  # the twins of the SDG pages


@dataclass(frozen=True)
class Page:
    """One page of the site: its URL path (percent-encoded, as links give it) and language.

    A page ``alone`` has no twins: a folder's address (a widget) is written as its
    ``index.html``, any other (a badge, a feed) as the file it names.  Any other page is
    written as its ``index.html`` with those of ``twins`` that answer."""

    language: str
    path: str
    alone: bool = False
    twins: tuple[str, ...] = TWINS

    def file(self, name: str) -> str:
        """Return the file of this page (``index.html`` or a twin) relative to the site root."""
        return unquote(self.path).lstrip("/") + name

    @property
    def target(self) -> str:
        """Return the file the page's own answer is written to."""
        return self.file("index.html" if self.path.endswith("/") else "")


def site_pages(
    towns: list[MunicipalityInfo], languages: list[str], r: Renderer, *, home: bool = True
) -> list[Page]:
    """Return every page of ``towns`` (and the home page unless told not), each in every
    language in turn."""
    by_language = [list(_pages(towns, language, r, home)) for language in languages]
    return [page for same in zip(*by_language, strict=True) for page in same]


def named_pages(names: list[Named], languages: list[str], r: Renderer) -> list[Page]:
    """Return pages given by URL name and arguments, each in every language in turn."""
    return [
        Page(language, r.url(name, language, **keys))
        for name, keys in names
        for language in languages
    ]


def _pages(towns: list[MunicipalityInfo], language: str, r: Renderer, home: bool) -> Iterator[Page]:
    """Yield the pages of ``towns`` in one language (first the home page, when asked)."""
    if home:
        yield Page(language, r.url("home", language))
    for town in towns:
        yield Page(language, r.url("municipality", language, code=town.code))
        for plan in town.plans:
            yield from plan_pages(plan, language, r)


def plan_pages(plan: PlanInfo, language: str, r: Renderer) -> Iterator[Page]:
    """Yield a plan's pages: the plan and its Atom feed, its dashboard, measure and indicator
    lists, nodes and indicators, each measure and indicator followed by its feed, widget,
    badge and share page (:func:`embeds`, written into the folder the page has just made),
    then its SDG pages (:func:`sdg_pages`)."""
    keys = {"code": plan.municipality_code, "slug": plan.meta.slug}
    for name in ("plan", "plan-feed", "dashboard", "measures", "indicators"):
        yield _page(name, language, r, keys)
    for node in walk(r.reads.nodes(plan)):
        at = keys | {"node_code": node.code}
        yield _page("node", language, r, at)
        yield from (_page(name, language, r, at) for name in embeds(node.kind))
    for view in r.reads.indicators(plan):
        at = keys | {"indicator": view.code}
        yield _page("indicator", language, r, at)
        yield from (_page(name, language, r, at) for name in embeds("indicator"))
    for name, at in sdg_pages(plan):
        yield _page(name, language, r, at)


def _page(name: str, language: str, r: Renderer, keys: dict[str, str]) -> Page:
    """Return a plan's page of URL name ``name``: written alone when it is a feed, widget,
    badge or share page, with the twins of its kind otherwise."""
    path = r.url(name, language, **keys)
    if name in ALONE:
        return Page(language, path, alone=True)
    return Page(language, path, twins=SDG_TWINS.get(name, TWINS))


def sdg_pages(plan: PlanInfo) -> Iterator[Named]:
    """Yield a plan's page of the 17 SDGs, then the page of each goal."""
    keys = {"code": plan.municipality_code, "slug": plan.meta.slug}
    yield "sdgs", keys
    yield from (("sdg-goal", keys | {"goal": str(number)}) for number in goals())


def embeds(kind: str) -> tuple[str, ...]:
    """Return the URL names of what a node or indicator of ``kind`` has beside its page (a
    measure its feed, widget, badge and share page, an indicator the last three; others
    none: docs/public-site.md, the pages link them)."""
    return EMBEDDED.get(kind, ())


def nodes_in_order(nodes: list[Node]) -> Iterator[tuple[Node, str, int]]:
    """Yield every node with its parent's code and its place in document order (from 1)."""
    for place, path in enumerate(paths(nodes), start=1):
        yield path[-1], path[-2].code if len(path) > 1 else "", place
