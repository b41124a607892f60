"""Template tags of the public site: URLs, content in the active language, notes and periods.

Every tag delegates to :mod:`shisaku.public.links` or :mod:`shisaku.public.display`, so the
templates and the JSON twins build URLs and labels the same way.
"""

from __future__ import annotations

from functools import cache, lru_cache

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext

from shisaku.domain.plantree import Block, Footnote, Node, PlanMeta, Section
from shisaku.plan.queries import PlanInfo
from shisaku.public import display, links, tree, untranslated
from shisaku.public.documents import Crumb
from shisaku.public.markup import html, markup

register = template.Library()
DOWNLOADS = (
    ("json", "JSON", "application/json"),
    ("csv", "CSV", "text/csv"),
    ("xlsx", "xlsx", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
)


@register.simple_tag
def node_url(plan: PlanInfo, node_code: str) -> str:
    """Return the page of a node."""
    return links.node_url(plan, node_code)


@register.simple_tag
def plan_url(plan: PlanInfo) -> str:
    """Return the page of a plan."""
    return links.plan_url(plan)


@register.simple_tag
def municipality_url(code: str) -> str:
    """Return the page of a municipality."""
    return links.municipality_url(code)


def _page_url(context: template.Context) -> str:
    """Return the page being shown (a page may name itself with the query its data keeps)."""
    return str(context.get("page_url") or context["request"].path)


@register.simple_tag(takes_context=True)
def json_url(context: template.Context) -> str:
    """Return the JSON twin of the page being shown."""
    return links.json_url(_page_url(context))


def _data_files(context: template.Context) -> list[tuple[str, str, str]]:
    """Return the page's data in every format: label, URL (escaped) and media type."""
    page = _page_url(context)
    return [(label, markup(links.data_url(page, ext)), media) for ext, label, media in DOWNLOADS]


def _languages(context: template.Context) -> list[tuple[str, str, str, bool]]:
    """Return this page in every language: code, name, URL (escaped), whether it is current."""
    path, current = context["request"].path, links.language()
    return [
        (code, markup(name), markup(links.language_url(path, code)), code == current)
        for code, name in settings.LANGUAGES
    ]


# The page's links to its data and its other languages, in the head and the page tools: every
# page has them, so they are written here rather than by template tags (each line as it was).


@register.simple_tag(takes_context=True)
def data_alternates(context: template.Context) -> SafeString:
    """Return the head's links to the page's data, one a line."""
    files = _data_files(context)
    return mark_safe(
        "".join(f'<link rel="alternate" type="{t}" href="{u}">\n' for _, u, t in files)
    )


@register.simple_tag(takes_context=True)
def language_alternates(context: template.Context) -> SafeString:
    """Return the head's links to the page in every language, one a line."""
    found = _languages(context)
    return mark_safe(
        "".join(f'<link rel="alternate" hreflang="{c}" href="{u}">\n' for c, _, u, _ in found)
    )


@register.simple_tag(takes_context=True)
def language_items(context: template.Context) -> SafeString:
    """Return the language menu's items: the current language named, the others linked."""
    items = [
        f'<span aria-current="true" lang="{code}">{name}</span>'
        if current
        else f'<a href="{url}" hreflang="{code}" lang="{code}">{name}</a>'
        for code, name, url, current in _languages(context)
    ]
    return mark_safe("".join(f"\n        <li>{item}</li>" for item in items))


@register.simple_tag(takes_context=True)
def download_items(context: template.Context) -> SafeString:
    """Return the download menu's items: the page's data in every format."""
    files = _data_files(context)
    return mark_safe(
        "".join(f'<li><a href="{u}" type="{t}" download>{label}</a></li>' for label, u, t in files)
    )


# The words of the frame every page shares (header, breadcrumbs, download menu, footer), escaped,
# by language: the frame is written here rather than by {% translate %} tags, each a lazy string
# translated anew on every page.
@cache
def _frame_words(language: str) -> dict[str, str]:
    """Return the frame's words translated into ``language`` (the active one) and escaped."""
    # A message stays on one line, as the catalogue's check reads it.
    # fmt: off
    words = {
        "skip": gettext("Skip to main content"),
        "language": gettext("Language"),
        "search_label": gettext("Search the plans and their indicators"),
        "search": gettext("Search"),
        "breadcrumbs": gettext("Breadcrumbs"),
        "home": gettext("Home"),
        "downloads": gettext("Download this page as data"),
        "source_text": gettext("The plan text is shown as published in the source document; gaps in the source are marked, never filled in."),  # noqa: E501
        "api": gettext("API (for developers)"),
    }
    # fmt: on
    return {key: escape(text) for key, text in words.items()}


def _words() -> dict[str, str]:
    """Return the frame's words in the active language."""
    return _frame_words(links.language() or settings.LANGUAGE_CODE)


@register.simple_tag(takes_context=True)
def site_header(context: template.Context) -> SafeString:
    """Return the link to skip to the content and the site's header: name, languages, search
    (the search box keeps the words searched for, ``search_text``)."""
    words, text = _words(), escape(context.get("search_text") or "")
    return mark_safe(  # Safe: every word, URL and text is escaped
        f'<a class="skip-link" href="#main">{words["skip"]}</a>\n'
        '<header class="site-header">\n  <div class="bar">\n'
        f'    <p class="site-name"><a href="{escape(links.home_url())}"><span lang="ja">施策</span>'
        " Shisaku</a></p>\n"
        f'    <nav class="languages" aria-label="{words["language"]}">\n'
        f"      <ul>{language_items(context)}\n      </ul>\n    </nav>\n"
        f'    <form class="site-search" role="search" action="{escape(links.search_url())}"'
        ' method="get">\n'
        '      <label class="visually-hidden" for="site-search-q">'
        f"{words['search_label']}</label>\n"
        f'      <input id="site-search-q" type="search" name="q" value="{text}" maxlength="100"'
        ' enterkeyhint="search">\n'
        f'      <button type="submit">{words["search"]}</button>\n'
        "    </form>\n  </div>\n</header>"
    )


@register.simple_tag
def site_footer() -> SafeString:
    """Return the site's footer: how the plan text is shown, the link to the API."""
    words = _words()
    return mark_safe(  # Safe: the words are escaped
        f'<footer class="site-footer">\n  <p>{words["source_text"]}</p>\n'
        f'  <p><a href="/api/v1/docs">{words["api"]}</a></p>\n</footer>'
    )


@register.simple_tag(takes_context=True)
def downloads_menu(context: template.Context) -> SafeString:
    """Return the menu of the page's data in every format."""
    return mark_safe(  # Safe: the words and the items are escaped
        '<nav class="downloads" aria-labelledby="downloads-label"><span class="hint"'
        f' id="downloads-label">{_words()["downloads"]}</span>\n'
        f"    <ul>{download_items(context)}</ul>\n  </nav>"
    )


@register.simple_tag
def dashboard_url(plan: PlanInfo) -> str:
    """Return a plan's dashboard of grades by policy."""
    return links.dashboard_url(plan)


@register.simple_tag
def indicators_url(plan: PlanInfo) -> str:
    """Return the list of a plan's indicators."""
    return links.indicators_url(plan)


@register.filter
def anchor(node_code: str) -> str:
    """Return the HTML id of a node shown inside another node's page."""
    return links.anchor_id(node_code)


@register.simple_tag
def shown(ja: str, en: str, kind: str = "text") -> SafeString:
    """Return content in the active language, recording a Japanese fallback as ``kind``."""
    return display.shown(ja, en, kind=kind)


@register.simple_tag
def plain(ja: str, en: str) -> str:
    """Return content as plain text in the active language (for <title>)."""
    return display.plain(ja, en)


@register.simple_tag
def japanese(text: str) -> SafeString:
    """Return Japanese-only content (a term, a place name) tagged lang="ja" on English pages."""
    return format_html('<span lang="ja">{}</span>', text) if display.english() else escape(text)


class Page(template.Node):
    """Render a whole page with the language, routes and prefix read once (links.settled)."""

    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        """Return the page rendered."""
        with links.settled():
            return self.nodelist.render(context)


@register.tag
def page(parser: template.base.Parser, token: template.base.Token) -> Page:
    """Wrap a whole page: ``{% page %}…{% endpage %}`` (the frame, base.html)."""
    nodelist = parser.parse(("endpage",))
    parser.delete_first_token()
    return Page(nodelist)


class UntranslatedNotice(template.Node):
    """Render the page's content, then put the notice of what it shows in Japanese before it."""

    def __init__(self, nodelist: template.NodeList) -> None:
        self.nodelist = nodelist

    def render(self, context: template.Context) -> SafeString:
        """Return the notice (English pages with Japanese fallbacks only) and the content."""
        with untranslated.tallying() as tally:
            content = self.nodelist.render(context)
        notice = untranslated.notice(tally)  # the page is not copied again when there is none
        return SafeString(notice + content) if notice else content


@register.tag
def untranslated_notice(
    parser: template.base.Parser, token: template.base.Token
) -> UntranslatedNotice:
    """Wrap a page's content: ``{% untranslated_notice %}…{% end_untranslated_notice %}``."""
    nodelist = parser.parse(("end_untranslated_notice",))
    parser.delete_first_token()
    return UntranslatedNotice(nodelist)


@register.filter
def node_title(node: Node) -> SafeString:
    """Return a node's title, or the notice that the source gives none."""
    return display.node_title(node)


@register.simple_tag(takes_context=True)
def node_title_notes(
    context: template.Context, node: Node, in_japanese_list: bool = False
) -> SafeString:
    """Return a node's title with ※ links (unmarked inside a list marked as Japanese)."""
    return display.node_title_html(node, _notes(context), mark=not in_japanese_list)


@register.filter
def titles_japanese_only(nodes: list[Node]) -> bool:
    """Return whether a list of nodes shows wholly in Japanese on this page."""
    return display.titles_japanese_only(nodes)


@register.simple_tag(takes_context=True)
def block_text(
    context: template.Context, block: Block, in_japanese_section: bool = False
) -> SafeString:
    """Return a block's text with ※ links (unmarked inside a section marked as Japanese)."""
    return display.block_html(block, _notes(context), mark=not in_japanese_section)


@register.simple_tag
def note_text(note: Footnote) -> SafeString:
    """Return a note's explanation in the active language."""
    return display.note_html(note)


def crumb_label(crumb: Crumb, english: bool | None = None) -> SafeString:
    """Return a breadcrumb's label: code and title for nodes, the name otherwise (in English or
    not as told; default: the active language)."""
    if not crumb.title_known:
        return html("{} {}", crumb.code, display.unknown_title(crumb.kind))
    title = display.shown(crumb.title, crumb.title_en, mark=False, english=english)
    return html("{} {}", crumb.code, title) if crumb.kind else title


@register.simple_tag
def breadcrumbs_nav(crumbs: list[Crumb]) -> SafeString:
    """Return the page's breadcrumbs (:func:`breadcrumbs`) in their labelled list."""
    return mark_safe(  # Safe: the word and the items are escaped
        f'<nav class="breadcrumbs" aria-label="{_words()["breadcrumbs"]}">\n    <ol>\n'
        f"      {breadcrumbs(crumbs)}\n    </ol>\n  </nav>"
    )


@register.simple_tag
def breadcrumbs(crumbs: list[Crumb]) -> SafeString:
    """Return the breadcrumbs' items, home first, the page itself marked current (one line
    each: every page has them, so they are written here rather than by template tags)."""
    home = _link(links.home_url(), _words()["home"], current=not crumbs)
    language, last = links.language(), len(crumbs or []) - 1
    items = [_crumb_item(crumb, language, i == last) for i, crumb in enumerate(crumbs or [])]
    return mark_safe("\n      ".join([home, *items]))  # Safe: URLs and labels escaped


@lru_cache(maxsize=4096)
def _crumb_item(crumb: Crumb, language: str | None, current: bool) -> str:
    """Return a breadcrumb's item in ``language`` (the active one), remembered: the first steps
    of a trail (the municipality, the plan) recur on every page below them."""
    english = display.english_language(language)
    return _link(crumb.url, crumb_label(crumb, english), current=current)


def _link(url: str, label: str, *, current: bool) -> str:
    """Return a breadcrumb item: a link (``label`` is HTML), marked when it is the page."""
    mark = ' aria-current="page"' if current else ""
    return f'<li><a href="{markup(url)}"{mark}>{label}</a></li>'


@register.simple_tag
def static_url(path: str) -> str:
    """Return the address of a static file, as {% static %} does: worked out once per prefix
    and file, not by the storage on each of every page's two or three files."""
    return _static_url(settings.STATIC_URL, path)


@cache
def _static_url(prefix: str, path: str) -> str:
    """Return the address of a static file under ``prefix`` (the settings' STATIC_URL)."""
    return static(path)


@register.simple_tag
def home_url() -> str:
    """Return the home page in the active language."""
    return links.home_url()


@register.simple_tag
def search_url() -> str:
    """Return the search page in the active language."""
    return links.search_url()


@register.filter
def period(meta: PlanMeta) -> str:
    """Return a plan period in fiscal years, 西暦 with 和暦."""
    return display.period(meta)


@register.filter
def section_title(key: str) -> str:
    """Return the heading of a section."""
    return display.section_title(key)


@register.filter
def japanese_only(section: Section) -> bool:
    """Return whether a section shows wholly in Japanese on this page."""
    return display.japanese_only(section)


@register.simple_tag
def missing_note(key: str) -> str:
    """Return the notice for a section whose content the source lacks."""
    return display.missing_note(key)


@register.filter
def groups(blocks: list[Block]) -> list[tree.BlockGroup]:
    """Group consecutive bullets into lists and rows into tables."""
    return tree.group_blocks(blocks)


@register.simple_tag
def row_cells(block: Block) -> list[SafeString]:
    """Return the cells of a table row in the active language."""
    return display.row_cells(block)


@register.simple_tag
def column_label(text: str) -> SafeString:
    """Return a table column heading in the active language."""
    return display.column_label(text)


def _notes(context: template.Context) -> tree.PageNotes:
    """Return the numbered notes of the page (none on pages without notes)."""
    notes = context.get("notes")
    return notes if isinstance(notes, tree.PageNotes) else tree.PageNotes(iter(()))
