"""Search over published plans: node titles, text blocks and indicators, in Japanese or English.

``/ja/search/?q=子育て[&municipality=022012]``: the words are read with NFKC (「ＩＣＴ」 is
「ICT」) and every word must occur as a substring, so Japanese written without spaces is found;
the database does the matching (``icontains``, the same on SQLite and PostgreSQL).  The plan
text comes from :func:`shisaku.plan.queries.search`, the indicators from
:func:`shisaku.indicators.queries.search_indicators` (plans sit below indicators, so the two
parts are joined here).  At most :data:`LIMIT` hits are shown, grouped by municipality and
plan, with the total; each hit links to its page, at the block that matched.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import Promise
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext, gettext_lazy

from shisaku.evaluation.reads import for_request
from shisaku.indicators.queries import IndicatorHit, search_indicators
from shisaku.plan import queries
from shisaku.plan.queries import PlanInfo, TextHit
from shisaku.public import display, documents, links, tree, untranslated
from shisaku.public.downloads.files import Table
from shisaku.public.params import BadParameter
from shisaku.public.renderers import Page
from shisaku.public.search import highlight
from shisaku.tabular.contracts import header

LIMIT = 100
MAX_LENGTH = 100
EXCERPT = 80  # characters of a matching block shown around the first match
TOWN = re.compile(r"[0-9]{6}")
KINDS: dict[str, Promise] = {
    "field": gettext_lazy("Field"),
    "policy": gettext_lazy("Policy"),
    "measure": gettext_lazy("Measure"),
    "initiative": gettext_lazy("Main initiative"),
    "action": gettext_lazy("Action"),
    "indicator": gettext_lazy("Indicator"),
}


@dataclass(frozen=True)
class Query:
    """What was asked: the text as normalised, and the municipality to search in (or all)."""

    text: str
    municipality: str


@dataclass(frozen=True)
class Hit:
    """One thing found, as the page lists it and the downloads give it."""

    type: str  # title, text or indicator
    kind: str
    code: str
    url: str
    title: str
    title_en: str
    title_known: bool
    section: str = ""
    block: int = 0  # the block's place from 1 in its section (0: not a block)
    text: str = ""
    text_en: str = ""

    @property
    def kind_label(self) -> str:
        """Return the kind in the active language."""
        return str(KINDS.get(self.kind, self.kind))


@dataclass
class Group:
    """The hits in one plan."""

    plan: PlanInfo
    hits: list[Hit] = field(default_factory=list)


@dataclass(frozen=True)
class Results:
    """The groups shown (at most :data:`LIMIT` hits in all) and how many were found."""

    query: Query
    terms: tuple[str, ...]
    groups: list[Group]
    total: int

    @property
    def shown(self) -> int:
        """Return how many hits are shown."""
        return sum(len(g.hits) for g in self.groups)


def read_query(request: HttpRequest) -> Query:
    """Return the query of ``?q=`` and ``?municipality=``, or raise BadParameter."""
    text = unicodedata.normalize("NFKC", request.GET.get("q", "")).strip()
    if len(text) > MAX_LENGTH:
        message = gettext("The search words are too long: use at most %(most)s characters.")
        raise BadParameter("q", text, message % {"most": MAX_LENGTH})
    town = request.GET.get("municipality", "").strip()
    if town and TOWN.fullmatch(town) is None:
        message = gettext("“%(value)s” is not a local government code (six digits, e.g. 022012).")
        raise BadParameter("municipality", town, message % {"value": town})
    return Query(text, town)


def search_page_url(query: Query) -> str:
    """Return the address of a search's results (the words as read, the municipality if any)."""
    asked = {"q": query.text} | ({"municipality": query.municipality} if query.municipality else {})
    return f"{links.search_url()}?{urlencode(asked)}"


def required(query: Query) -> Query:
    """Return the query, or raise BadParameter when it holds no word (data files need one)."""
    if not query.text:
        raise BadParameter(
            "q", "", gettext("Give at least one character to search for, e.g. ?q=子育て.")
        )
    return query


# --- where a hit is shown ---------------------------------------------------------------------


def text_url(plan: PlanInfo, hit: TextHit) -> str:
    """Return where a title or block is shown: its page, at its section or its initiative.

    Initiatives and actions sit inside their measure's page (``#i-<code>``); a block of a
    page's own text is reached through the section holding it (``#s-<key>``).
    """
    owner = next((code for kind, code in reversed(hit.path) if kind in tree.PAGE_KINDS), None)
    if owner is None:
        return links.plan_url(plan)
    url = links.node_url(plan, owner)
    if owner != hit.node_code:
        return f"{url}#{links.anchor_id(hit.node_code)}"
    return f"{url}#{links.section_anchor_id(hit.section)}" if hit.section else url


def _text_hit(plan: PlanInfo, hit: TextHit) -> Hit:
    """Return a plan text hit as the page lists it."""
    return Hit(
        "text" if hit.section else "title",
        hit.node_kind,
        hit.node_code,
        text_url(plan, hit),
        hit.node_title,
        hit.node_title_en,
        hit.node_title_known,
        hit.section,
        hit.block,
        hit.text if hit.section else "",
        hit.text_en if hit.section else "",
    )


def _indicator_hit(plan: PlanInfo, hit: IndicatorHit) -> Hit:
    """Return an indicator hit as the page lists it."""
    url = links.indicator_url(plan, hit.code)
    return Hit(
        "indicator",
        "indicator",
        hit.code,
        url,
        hit.name_ja,
        hit.name_en,
        True,
        text=hit.definition_ja,
        text_en=hit.definition_en,
    )


def run(query: Query, towns: list[queries.MunicipalityInfo]) -> Results:
    """Search the plan text and the indicators, and group the hits by plan (newest first)."""
    town = query.municipality or None
    text = queries.search(query.text, town, LIMIT)
    found = search_indicators(query.text, town, LIMIT)
    plans = {(p.municipality_code, p.meta.slug): p for t in towns for p in t.plans}
    keyed: list[tuple[tuple[str, int, str, int, int], PlanInfo, Hit]] = []
    for n, t in enumerate(text.hits):
        plan = plans[(t.municipality_code, t.plan_slug)]
        keyed.append((_order(plan, 0, n), plan, _text_hit(plan, t)))
    for n, i in enumerate(found.hits):
        plan = plans[(i.municipality_code, i.plan_slug)]
        keyed.append((_order(plan, 1, n), plan, _indicator_hit(plan, i)))
    keyed.sort(key=lambda k: k[0])
    groups: dict[int, Group] = {}
    for _, plan, hit in keyed[:LIMIT]:
        groups.setdefault(plan.id, Group(plan)).hits.append(hit)
    return Results(query, text.terms, list(groups.values()), text.total + found.total)


def _order(plan: PlanInfo, part: int, n: int) -> tuple[str, int, str, int, int]:
    """Return the place of a hit: its plan (ordered as the queries order them), text first."""
    return (plan.municipality_code, -plan.meta.period_start, plan.meta.slug, part, n)


# --- how a hit shows --------------------------------------------------------------------------


def pick(ja: str, en: str, terms: tuple[str, ...]) -> tuple[str, str]:
    """Return the text to show and its language: the active one when it matches, else the other."""
    first, second = ((en, "en"), (ja, "ja")) if display.english() else ((ja, "ja"), (en, "en"))
    for text, lang in (first, second):
        if text and highlight.matches_all(text, terms):
            return text, lang
    return first if first[0] else second


def shown_text(ja: str, en: str, terms: tuple[str, ...], width: int | None = None) -> SafeString:
    """Return text with the matches marked, in the language that matched (tagged when other).

    On English pages Japanese text found by the words is recorded for the page's notice.
    """
    text, lang = pick(ja, en, terms)
    html = highlight.marked(text.replace("\t", " | "), terms, width=width)
    if lang == ("en" if display.english() else "ja"):
        return html
    if lang == "ja":  # a Japanese fallback on an English page is marked, as everywhere
        untranslated.record("hit", ja)
        return format_html('<span lang="ja">{}</span>', html)
    return format_html('<span lang="en">{}</span>', html)


def count_text(results: Results) -> str:
    """Return how many hits were found, and how many are shown when not all."""
    values = {"total": results.total, "shown": results.shown}
    if results.total > results.shown:
        return gettext("%(total)s found; the first %(shown)s are shown.") % values
    return gettext("%(total)s found.") % values


@dataclass(frozen=True)
class ShownHit:
    """A hit with its title and matching text as HTML, the matches marked."""

    hit: Hit
    title: SafeString
    excerpt: SafeString
    context: str


def shown_hit(hit: Hit, terms: tuple[str, ...]) -> ShownHit:
    """Return how a hit shows: its title, the matching text around the match, its section."""
    if hit.title_known:
        title = shown_text(hit.title, hit.title_en, terms)
    else:
        title = format_html(
            '<span class="unknown-title">{}</span>', display.unknown_title(hit.kind)
        )
    in_title = highlight.matches_all(f"{hit.title} {hit.title_en}", terms)
    wants_text = hit.type == "text" or (hit.type == "indicator" and not in_title)
    excerpt = shown_text(hit.text, hit.text_en, terms, EXCERPT) if wants_text else SafeString("")
    context = display.section_title(hit.section) if hit.section else ""
    return ShownHit(hit, title, excerpt, context)


def shown_groups(results: Results) -> list[tuple[PlanInfo, list[ShownHit]]]:
    """Return the groups of a search as the page shows them."""
    return [(g.plan, [shown_hit(h, results.terms) for h in g.hits]) for g in results.groups]


# --- views ------------------------------------------------------------------------------------


def search(request: HttpRequest, query: Query) -> HttpResponse:
    """Show the search form and, when words were given, what they found."""
    towns = for_request(request).towns()
    results = run(query, towns) if query.text else None
    context: dict[str, Any] = {
        "query": query,
        "search_text": query.text,
        "results": results,
        "groups": shown_groups(results) if results else [],
        "towns": towns,
        "crumbs": [documents.Crumb("search", "検索", "Search", links.search_url())],
        "page_url": search_page_url(query),
        "count_text": count_text(results) if results else "",
    }
    return render(request, "public/search.html", context)


def hit_to_dict(hit: Hit) -> dict[str, Any]:
    """Return one hit as JSON."""
    return {
        "type": hit.type,
        "kind": hit.kind,
        "code": hit.code,
        "title": hit.title,
        "title_en": hit.title_en,
        "section": hit.section,
        "block": hit.block,
        "text": hit.text,
        "text_en": hit.text_en,
        "url": hit.url,
    }


def search_document(results: Results) -> dict[str, Any]:
    """Return the JSON twin of the search page (``shisaku.search/1``)."""
    return {
        "schema": "shisaku.search/1",
        "query": results.query.text,
        "terms": list(results.terms),
        "municipality": results.query.municipality or None,
        "total": results.total,
        "shown": results.shown,
        "limit": LIMIT,
        "groups": [
            {
                "municipality": documents.municipality_to_dict(
                    g.plan.municipality_code,
                    g.plan.municipality_name_ja,
                    g.plan.municipality_name_en,
                ),
                "plan": documents.plan_to_dict(g.plan),
                "hits": [hit_to_dict(h) for h in g.hits],
            }
            for g in results.groups
        ],
    }


def search_json(request: HttpRequest, query: Query) -> dict[str, Any]:
    """Return what a search found, as JSON."""
    return search_document(run(required(query), for_request(request).towns()))


SEARCH_COLUMNS = header("search")  # the table's contract: shisaku/tabular/site_tables.py


def search_table(request: HttpRequest, query: Query) -> Table:
    """Return what a search found, one row per hit."""
    results = run(required(query), for_request(request).towns())
    rows = [
        [
            *(results.query.text, g.plan.municipality_code, g.plan.meta.slug),
            *(h.type, h.kind, h.code, h.section, h.title, h.title_en, h.text, h.text_en),
            request.build_absolute_uri(h.url),
        ]
        for g in results.groups
        for h in g.hits
    ]
    return Table(f"search-{results.query.text}", "search", SEARCH_COLUMNS, rows)


SEARCH = Page(read_query, search, search_json, search_table)
