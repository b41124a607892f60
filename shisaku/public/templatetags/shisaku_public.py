"""Template tags of the public site: URLs, content in the active language, notes and periods.

Every tag delegates to :mod:`shisaku.public.links` or :mod:`shisaku.public.display`, so the
templates and the JSON twins build URLs and labels the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache, lru_cache

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import gettext

from shisaku.domain.plantree import Block, Footnote, Node, PlanMeta, Section
from shisaku.plan.queries import PlanInfo
from shisaku.public import dashboard, display, links, sections, tree, untranslated
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


# The frame every page shares (head links, header, breadcrumbs, download menu, footer) is written
# here rather than by template tags, each line as it was: by {% frame %} (Frame, below), and by
# the tags base.html gives as its blocks' defaults, nodes calling a function of the page's context
# (a simple tag resolves arguments and escapes its markup again); what is the same on every page
# of a language is made once, what one page shows twice (its links to its data and to its other
# languages) once a page.
Part = Callable[[template.Context], str]


class PagePart(template.Node):
    """A part of a page written in Python: the markup a function makes of the page's context."""

    def __init__(self, part: Part) -> None:
        self.part = part

    def render(self, context: template.Context) -> str:
        """Return the part's markup."""
        return self.part(context)


def _page_tag(part: Part) -> Part:
    """Register ``part`` as the tag of its name (no arguments): ``{% site_header %}``."""
    register.tag(part.__name__, lambda parser, token: PagePart(part))
    return part


@lru_cache(maxsize=16)
def _data_links(page: str) -> tuple[str, str]:
    """Return the page's data in every format: the head's links and the download menu's items."""
    files = [(label, markup(links.data_url(page, ext)), media) for ext, label, media in DOWNLOADS]
    alternates = "".join(f'<link rel="alternate" type="{t}" href="{u}">\n' for _, u, t in files)
    items = "".join(
        f'<li><a href="{u}" type="{t}" download>{label}</a></li>' for label, u, t in files
    )
    return alternates, items


@lru_cache(maxsize=16)
def _language_links(path: str, current: str | None) -> tuple[str, str]:
    """Return the page in every language: the head's links and the language menu's items (the
    current language named, the others linked), each its language's address
    (:func:`links.language_url`): the page's path below the language, escaped, put between the
    pieces :func:`_language_pieces` made once."""
    below = markup(links.below_language(path))
    alternates, items = _language_pieces(current)
    return below.join(alternates), below.join(items)


_BELOW = "\0"  # where a language's address goes on with the page's path (never in markup)


@cache
def _language_pieces(current: str | None) -> tuple[list[str], list[str]]:
    """Return the head's links and the language menu's items (``current`` named, the others
    linked) of a page, cut where each address goes on below its language's prefix."""
    found = [
        (code, markup(name), f"/{code}/{_BELOW}", code == current)
        for code, name in settings.LANGUAGES
    ]
    alternates = "".join(
        f'<link rel="alternate" hreflang="{c}" href="{u}">\n' for c, _, u, _ in found
    )
    items = [
        f'<span aria-current="true" lang="{code}">{name}</span>'
        if here
        else f'<a href="{url}" hreflang="{code}" lang="{code}">{name}</a>'
        for code, name, url, here in found
    ]
    menu = "".join(f"\n        <li>{item}</li>" for item in items)
    return alternates.split(_BELOW), menu.split(_BELOW)


def _languages_of(context: template.Context) -> tuple[str, str]:
    """Return :func:`_language_links` of the page being shown."""
    return _language_links(context["request"].path, links.language())


def page_language_code() -> str:
    """Return the page's language code (``<html lang>``)."""
    return markup(str(links.language()))


@_page_tag
def data_alternates(context: template.Context) -> str:
    """Return the head's links to the page's data, one a line."""
    return _data_links(_page_url(context))[0]


def language_alternates(context: template.Context) -> str:
    """Return the head's links to the page in every language, one a line."""
    return _languages_of(context)[0]


# The words of the frame (header, breadcrumbs, download menu, footer), escaped, by language:
# the frame is written here rather than by {% translate %} tags, each a lazy string
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


def _language() -> str:
    """Return the active language (the settings' when none is)."""
    return links.language() or settings.LANGUAGE_CODE


def _words() -> dict[str, str]:
    """Return the frame's words in the active language."""
    return _frame_words(_language())


@lru_cache(maxsize=64)
def _header(language: str, home: str, search: str) -> tuple[str, str, str]:
    """Return the skip link and the site's header in ``language`` (the active one), around the
    language menu's items and the words searched for."""
    words = _frame_words(language)
    before = (
        f'<a class="skip-link" href="#main">{words["skip"]}</a>\n'
        '<header class="site-header">\n  <div class="bar">\n'
        f'    <p class="site-name"><a href="{escape(home)}"><span lang="ja">施策</span>'
        " Shisaku</a></p>\n"
        f'    <nav class="languages" aria-label="{words["language"]}">\n'
        "      <ul>"
    )
    between = (
        "\n      </ul>\n    </nav>\n"
        f'    <form class="site-search" role="search" action="{escape(search)}"'
        ' method="get">\n'
        '      <label class="visually-hidden" for="site-search-q">'
        f"{words['search_label']}</label>\n"
        '      <input id="site-search-q" type="search" name="q" value="'
    )
    after = (
        '" maxlength="100" enterkeyhint="search">\n'
        f'      <button type="submit">{words["search"]}</button>\n'
        "    </form>\n  </div>\n</header>"
    )
    return before, between, after


def site_header(context: template.Context) -> str:
    """Return the link to skip to the content and the site's header: name, languages, search
    (the search box keeps the words searched for, ``search_text``)."""
    before, between, after = _header(_language(), links.home_url(), links.search_url())
    text = context.get("search_text")
    return f"{before}{_languages_of(context)[1]}{between}{escape(text) if text else ''}{after}"


@_page_tag
def downloads_menu(context: template.Context) -> str:
    """Return the menu of the page's data in every format."""
    return (
        '<nav class="downloads" aria-labelledby="downloads-label"><span class="hint"'
        f' id="downloads-label">{_words()["downloads"]}</span>\n'
        f"    <ul>{_data_links(_page_url(context))[1]}</ul>\n  </nav>"
    )


def site_footer(context: template.Context) -> str:
    """Return the site's footer: how the plan text is shown, the link to the API."""
    return _footer(_language())


@cache
def _footer(language: str) -> str:
    """Return the site's footer in ``language`` (the active one)."""
    words = _frame_words(language)
    return (
        f'<footer class="site-footer">\n  <p>{words["source_text"]}</p>\n'
        f'  <p><a href="/api/v1/docs">{words["api"]}</a></p>\n</footer>'
    )


@_page_tag
def rollup_section(context: template.Context) -> str:
    """Return the page's roll-up section (its ``rollup`` of the plan's grading ``done``)."""
    rollup = context.get("rollup")
    return sections.rollup_section(rollup, context["done"]) if rollup else ""


@_page_tag
def blocks_html(context: template.Context) -> str:
    """Return the blocks of the ``section`` being shown, with the page's notes and anchors."""
    notes = context.get("notes")
    page = notes if isinstance(notes, tree.PageNotes) else None
    return sections.blocks_html(context["section"], page, context.get("block_anchors") or {})


@_page_tag
def section_html(context: template.Context) -> str:
    """Return the ``section`` being shown, headed unless it is the description, as the node
    page's sections are (written here: a page has two or three, each an include's and a dozen
    tags' work as a template); the indicators' section's body is its template's."""
    section = context["section"]
    key = markup(section.key)
    if section.key == "description":
        opening, heading = "", ""
    else:
        opening = f' aria-labelledby="h-{key}"'
        heading = f'<h2 id="h-{key}">{markup(display.section_title(section.key))}</h2>'
    return (
        f'<section class="section {key}" id="s-{key}"{opening}>\n  {heading}\n  '
        f"{_section_body(context, section)}\n</section>\n"
    )


def _section_body(context: template.Context, section: Section) -> str:
    """Return a section's body: its indicators' table, the notice that the source lacks or
    leaves it empty, or its blocks."""
    if section.key == "indicators":
        page = context.template
        assert page is not None  # a tag renders inside its page's template
        found = page.engine.get_template("public/_indicators.html")
        with context.push():  # as {% include %} renders it
            return f"{found.render(context)}\n  "
    if section.state == "missing":
        return f'<p class="source-note">{markup(display.missing_note(section.key))}</p>\n  '
    if section.state == "empty":
        return f'<p class="source-note">{_empty_section(_language())}</p>\n  '
    return blocks_html(context)


@cache
def _empty_section(language: str) -> str:
    """Return the notice of a section the source leaves empty in ``language`` (the active one),
    as ``{% translate %}`` gives it (unescaped)."""
    return gettext("Nothing is given here in the source document.")


@register.simple_tag
def outline(items: list[links.OutlineItem]) -> SafeString:
    """Return a linked outline of nodes (:func:`links.outline`)."""
    return sections.outline_html(items)


@register.simple_tag
def dashboard_row(row: dashboard.Row) -> SafeString:
    """Return a line of a plan's dashboard."""
    return sections.dashboard_row_html(row)


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


# A page in the frame: what its template gives (title, head links, download menu, content),
# each rendered as a {% block %} would be, and the rest written here around them.
PARTS = ("title", "alternates", "head", "downloads", "content")


class Frame(template.Node):
    """A whole page in the frame every page shares, with the language, routes and prefix read
    once (links.settled): its template's parts in the frame's markup, a part not given as the
    frame has it (the page's data links and menu, nothing else)."""

    def __init__(self, parts: dict[str, template.NodeList]) -> None:
        self.parts = parts
        self.nodelist = template.NodeList(node for part in parts.values() for node in part)
        self.found: dict[type[template.Node], list[template.Node]] = {}

    def render(self, context: template.Context) -> SafeString:
        """Return the page rendered."""
        with links.settled():
            title, alternates, head, downloads = (self._part(n, context) for n in PARTS[:4])
            with untranslated.tallying() as tally:  # what the content shows in Japanese
                content = self._part("content", context)
            return SafeString(
                f"<!DOCTYPE html>\n\n{_head(title)}{alternates}{language_alternates(context)}"
                f'{head}</head>\n<body>\n{site_header(context)}\n<div class="page-tools">\n  '
                f"{breadcrumbs_nav(context)}\n  {downloads}\n</div>\n"
                f'<main id="main" tabindex="-1">\n{untranslated.notice(tally)}{content}\n</main>\n'
                f"{site_footer(context)}\n</body>\n</html>"
            )

    def _part(self, name: str, context: template.Context) -> str:
        """Return a part of the page as its template gives it, or as the frame has it."""
        nodelist = self.parts.get(name)
        if nodelist is not None:
            return str(nodelist.render(context))
        if name == "alternates":
            return data_alternates(context)
        return downloads_menu(context) if name == "downloads" else ""

    def get_nodes_by_type(self, nodetype: type[template.Node]) -> list[template.Node]:
        """Return the page's nodes of a type, found once: a parsed page does not change, and
        ``{% extends %}`` looks for the blocks of base.html on every page."""
        found = self.found.get(nodetype)
        if found is None:
            found = self.found[nodetype] = super().get_nodes_by_type(nodetype)
        return list(found)


def _head(title: str) -> str:
    """Return the page's language and head up to its links (``title`` is HTML)."""
    return (
        f'<html lang="{page_language_code()}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{title} | 施策 Shisaku</title>\n{_static_links(settings.STATIC_URL)}"
    )


@cache
def _static_links(prefix: str) -> str:
    """Return the head's links to the style sheet and the icon (``prefix``: STATIC_URL)."""
    css, icon = (_static_url_markup(prefix, f"shisaku/{n}") for n in ("site.css", "favicon.svg"))
    return (
        f'<link rel="stylesheet" href="{css}">\n'
        f'<link rel="icon" href="{icon}" type="image/svg+xml">\n'
    )


@register.tag
def frame(parser: template.base.Parser, token: template.base.Token) -> Frame:
    """Parse a page in the frame (base.html, or a page's template that needs no more):
    ``{% frame %}{% part title %}…{% endpart %}{% part content %}…{% endpart %}{% endframe %}``,
    parts among :data:`PARTS`, nothing but spaces between them."""
    parts: dict[str, template.NodeList] = {}
    while True:
        between = parser.parse(("part", "endframe"))
        if any(not isinstance(n, template.base.TextNode) or n.s.strip() for n in between):
            raise template.TemplateSyntaxError("{% frame %} holds only {% part %}s")
        bits = parser.next_token().split_contents()
        if bits[0] == "endframe":
            return Frame(parts)
        if len(bits) != 2 or bits[1] not in PARTS or bits[1] in parts:
            raise template.TemplateSyntaxError(f"{{% part %}} names one of {PARTS} once")
        parts[bits[1]] = parser.parse(("endpart",))
        parser.delete_first_token()


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


def breadcrumbs_nav(context: template.Context) -> str:
    """Return the page's breadcrumbs (its ``crumbs``, :func:`breadcrumbs`) in their labelled
    list."""
    return (
        f'<nav class="breadcrumbs" aria-label="{_words()["breadcrumbs"]}">\n    <ol>\n'
        f"      {breadcrumbs(context.get('crumbs'))}\n    </ol>\n  </nav>"
    )


def breadcrumbs(crumbs: list[Crumb] | None) -> str:
    """Return the breadcrumbs' items, home first, the page itself marked current (one line
    each: every page has them, so they are written here rather than by template tags)."""
    language = links.language()
    home = _home_item(_language(), links.home_url(), current=not crumbs)
    last = len(crumbs or []) - 1
    items = [_crumb_item(crumb, language, i == last) for i, crumb in enumerate(crumbs or [])]
    return "\n      ".join([home, *items])  # URLs and labels escaped


@lru_cache(maxsize=64)
def _home_item(language: str, url: str, *, current: bool) -> str:
    """Return the breadcrumbs' first item, the home page in ``language`` (the active one)."""
    return _link(url, _frame_words(language)["home"], current=current)


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


def static_url(path: str) -> str:
    """Return the address of a static file, as {% static %} does: worked out once per prefix
    and file, not by the storage on each of every page's two or three files."""
    return _static_url(settings.STATIC_URL, path)


class StaticUrl(template.Node):
    """The address of a static file named by a literal, escaped (as a simple tag's output)."""

    def __init__(self, path: str) -> None:
        self.path = path

    def render(self, context: template.Context) -> str:
        """Return the address, escaped."""
        return _static_url_markup(settings.STATIC_URL, self.path)


@register.tag("static_url")
def static_url_tag(parser: template.base.Parser, token: template.base.Token) -> StaticUrl:
    """Parse ``{% static_url 'shisaku/site.css' %}``: a file named by a literal, its address
    given without resolving an argument on each page."""
    path = token.split_contents()[1]
    if len(path) < 2 or path[0] != path[-1] or path[0] not in "'\"":
        raise template.TemplateSyntaxError("static_url takes a quoted file name")
    return StaticUrl(path[1:-1])


@cache
def _static_url_markup(prefix: str, path: str) -> str:
    """Return :func:`_static_url` escaped."""
    return markup(_static_url(prefix, path))


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
