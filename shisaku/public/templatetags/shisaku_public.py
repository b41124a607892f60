"""Template tags of the public site: URLs, content in the active language, notes and periods.

Every tag delegates to :mod:`shisaku.public.links` or :mod:`shisaku.public.display`, so the
templates and the JSON twins build URLs and labels the same way.
"""

from __future__ import annotations

from typing import Any

from django import template
from django.conf import settings
from django.utils.html import escape, format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from shisaku.domain.plantree import Block, Footnote, Node, PlanMeta, Section
from shisaku.plan.queries import PlanInfo
from shisaku.public import display, links, tree
from shisaku.public.documents import Crumb

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


@register.simple_tag(takes_context=True)
def data_links(context: template.Context) -> list[dict[str, str]]:
    """Return the page's data in every format: label, URL and media type."""
    page = _page_url(context)
    return [
        {"label": label, "url": links.data_url(page, ext), "type": media}
        for ext, label, media in DOWNLOADS
    ]


@register.simple_tag
def dashboard_url(plan: PlanInfo) -> str:
    """Return a plan's dashboard of grades by policy."""
    return links.dashboard_url(plan)


@register.simple_tag
def indicators_url(plan: PlanInfo) -> str:
    """Return the list of a plan's indicators."""
    return links.indicators_url(plan)


@register.simple_tag(takes_context=True)
def language_links(context: template.Context) -> list[dict[str, Any]]:
    """Return this page in every language: code, name, URL and whether it is the current one."""
    path = context["request"].path
    current = get_language()
    return [
        {
            "code": code,
            "name": name,
            "url": links.language_url(path, code),
            "current": code == current,
        }
        for code, name in settings.LANGUAGES
    ]


@register.filter
def anchor(node_code: str) -> str:
    """Return the HTML id of a node shown inside another node's page."""
    return links.anchor_id(node_code)


@register.simple_tag
def shown(ja: str, en: str) -> SafeString:
    """Return content in the active language, marking a Japanese fallback."""
    return display.shown(ja, en)


@register.simple_tag
def plain(ja: str, en: str) -> str:
    """Return content as plain text in the active language (for <title>)."""
    return display.plain(ja, en)


@register.simple_tag
def japanese(text: str) -> SafeString:
    """Return Japanese-only content (a term, a place name) tagged lang="ja" on English pages."""
    return format_html('<span lang="ja">{}</span>', text) if display.english() else escape(text)


@register.simple_tag
def ja_only_marker() -> SafeString:
    """Return the marker telling that the text beside it is in Japanese only."""
    return display.marker()


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


@register.simple_tag
def crumb_label(crumb: Crumb) -> SafeString:
    """Return a breadcrumb's label: code and title for nodes, the name otherwise."""
    if not crumb.title_known:
        return format_html("{} {}", crumb.code, display.unknown_title(crumb.kind))
    title = display.shown(crumb.title, crumb.title_en, mark=False)
    return format_html("{} {}", crumb.code, title) if crumb.kind else title


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
