"""How content shows in the active language: English when translated, else marked Japanese.

Interface strings are gettext msgids; content comes in pairs (Japanese, English).  On English
pages a missing translation shows the Japanese inside ``lang="ja"`` and is recorded by kind in
:mod:`shisaku.public.untranslated`, which opens the page with one notice listing them.
Titles the source does not give are never invented: a notice stands in their place.
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext_lazy

from shisaku.domain.eras import fiscal_period_en, fiscal_period_ja
from shisaku.domain.explain import in_language
from shisaku.domain.plantree import SECTION_TITLES_JA, Block, Footnote, Node, PlanMeta, Section
from shisaku.public import links, untranslated
from shisaku.public.tree import PageNotes

SECTION_TITLES: dict[str, Promise] = {
    "description": gettext_lazy("Overview"),
    "vision": gettext_lazy("What we aim for"),
    "situation": gettext_lazy("Current state and issues"),
    "direction": gettext_lazy("Basic direction"),
    "diagram": gettext_lazy("Structure of measures"),
    "indicators": gettext_lazy("Target indicators"),
}
UNKNOWN_TITLES: dict[str, Promise] = {
    "field": gettext_lazy("(title not given in the source)"),
}
UNKNOWN_NAME = gettext_lazy("(name not given in the source)")
MISSING_NOTES: dict[str, Promise] = {
    "diagram": gettext_lazy("The source document does not include the diagram."),
}
MISSING_PART = gettext_lazy("The source document does not include this part.")
# Headings of the indicator table as the plans print them, with their English names.
COLUMN_TITLES: dict[str, Promise] = {
    "指標とその説明": gettext_lazy("Indicator and description"),
    "指標": gettext_lazy("Indicator"),
    "基準値": gettext_lazy("Baseline"),
    "目標値": gettext_lazy("Target"),
}


def english() -> bool:
    """Return whether the active interface language is English (read once per page)."""
    return english_language(links.language())


def english_language(language: str | None) -> bool:
    """Return whether ``language`` (as Django's ``get_language`` gives it) is English."""
    return (language or "ja").startswith("en")


_english = english  # for the functions below whose argument ``english`` hides it


def fallback(ja: str, kind: str) -> SafeString:
    """Return Japanese shown for want of English, recorded for the page's notice."""
    untranslated.record(kind, ja)
    return format_html('<span lang="ja">{}</span>', ja)


def generated(text: str) -> SafeString:
    """Return a sentence or label the grading generated: in English on English pages when the
    domain can say it so (:mod:`shisaku.domain.explain`), else the Japanese, recorded."""
    if not english():
        return escape(text)
    en = in_language(text, "en")
    return escape(en) if en is not None else fallback(text, "explanation")


def plain(ja: str, en: str) -> str:
    """Return content as plain text (for window titles): English when set on English pages."""
    return en if english() and en else ja


def shown(
    ja: str, en: str, *, mark: bool = True, kind: str = "text", english: bool | None = None
) -> SafeString:
    """Return the text as HTML: English when set on English pages, else Japanese (recorded as
    untranslated content of ``kind`` unless ``mark`` is false, as in breadcrumbs).  A caller
    showing many texts may say once whether the page is English (default: the active language)."""
    if not (_english() if english is None else english):
        return escape(ja)
    if en:
        return escape(en)
    if not mark:
        return format_html('<span lang="ja">{}</span>', ja)
    return fallback(ja, kind)


def unknown_title(kind: str) -> str:
    """Return the notice shown where the source gives no title for a node of ``kind``."""
    return str(UNKNOWN_TITLES.get(kind, UNKNOWN_NAME))


def node_title(node: Node) -> SafeString:
    """Return a node's title as HTML, or the notice that the source gives none."""
    if not node.title_known:
        return format_html('<span class="unknown-title">{}</span>', unknown_title(node.kind))
    return shown(node.title, node.title_en, kind=node.kind)


def node_title_plain(node: Node) -> str:
    """Return a node's title as plain text."""
    return plain(node.title, node.title_en) if node.title_known else unknown_title(node.kind)


def period(meta: PlanMeta) -> str:
    """Return a plan period in fiscal years, 西暦 with 和暦 beside it."""
    label = fiscal_period_en if english() else fiscal_period_ja
    return label(meta.period_start, meta.period_end)


def section_title(key: str) -> str:
    """Return the heading of a section."""
    title = SECTION_TITLES.get(key)
    return str(title) if title is not None else SECTION_TITLES_JA.get(key, key)


def note_ref(number: int) -> SafeString:
    """Return the ※ link from a term to its note."""
    return format_html('<a class="note-ref" href="#fn-{0}" id="fnref-{0}">※{0}</a>', number)


CLOSING_BRACKETS = "」』）)】〕"


def _source_mark(text: str, end: int) -> int:
    """Return where the source's own ※ follows a term ending at ``end``, or -1."""
    while end < len(text) and text[end] in CLOSING_BRACKETS:
        end += 1
    return end if text.startswith("※", end) else -1


def annotate(text: str, notes: list[Footnote], page: PageNotes) -> SafeString:
    """Return ``text`` as HTML with a ※ link after each term that has a note.

    A ※ already in the source right after the term (or its closing bracket, 「関係人口」※)
    becomes the link; a term not found in the text (e.g. in an English translation) gets its
    link at the end.
    """
    if not notes:  # most texts: the text escaped, as the joins below would give it
        return escape(text)
    edits: list[tuple[int, int, SafeString]] = []
    for note in notes:
        at = text.find(note.term) if note.term else -1
        end = at + len(note.term) if at >= 0 else len(text)
        mark = _source_mark(text, end) if at >= 0 else -1
        edit = (mark, 1) if mark >= 0 else (end, 0)
        edits.append((*edit, note_ref(page.number(note))))
    parts: list[tuple[str, SafeString]] = []
    done = 0
    for pos, cut, ref in sorted(edits, key=lambda e: e[0]):
        parts.append((text[done:pos], ref))
        done = max(done, pos + cut)
    return format_html("{}{}", format_html_join("", "{}{}", parts), text[done:])


def annotated(
    ja: str, en: str, notes: list[Footnote], page: PageNotes, *, mark: bool, kind: str
) -> SafeString:
    """Return text with its note links in the active language; a fallback is recorded as
    ``kind`` and, when ``mark``, tagged ``lang="ja"`` (unless its whole list already is)."""
    if not english() or en:
        return annotate(en if english() else ja, notes, page)
    untranslated.record(kind, ja)
    text = annotate(ja, notes, page)
    return format_html('<span lang="ja">{}</span>', text) if mark else text


def block_html(block: Block, page: PageNotes, *, mark: bool = True) -> SafeString:
    """Return a block's text as HTML (``mark=False`` inside a section tagged as Japanese)."""
    return annotated(block.text, block.text_en, block.footnotes, page, mark=mark, kind="passage")


def node_title_html(node: Node, page: PageNotes, *, mark: bool = True) -> SafeString:
    """Return a node's title with links to the notes on its terms (actions carry these)."""
    if not node.title_known:
        return node_title(node)
    return annotated(node.title, node.title_en, node.footnotes, page, mark=mark, kind=node.kind)


def titles_japanese_only(nodes: list[Node]) -> bool:
    """Return whether, on this page, a list of nodes shows wholly in Japanese (tagged once)."""
    return english() and bool(nodes) and not any(n.title_en or not n.title_known for n in nodes)


def japanese_only(section: Section) -> bool:
    """Return whether, on this page, a section shows wholly in Japanese (tagged once)."""
    return english() and bool(section.blocks) and not any(b.text_en for b in section.blocks)


def note_html(note: Footnote) -> SafeString:
    """Return a note's explanation in the active language."""
    return shown(note.text, note.text_en, kind="note")


def missing_note(key: str) -> str:
    """Return the notice for a section the source names but whose content it lacks."""
    return str(MISSING_NOTES.get(key, MISSING_PART))


def column_label(text: str) -> SafeString:
    """Return a table column heading: as printed in Japanese, translated when known in English."""
    if english() and text in COLUMN_TITLES:
        return escape(str(COLUMN_TITLES[text]))
    return shown(text, "", kind="table")


def row_cells(block: Block) -> list[SafeString]:
    """Return the tab-separated cells of a table row in the active language."""
    if english() and block.text_en:
        return [escape(cell) for cell in block.text_en.split("\t")]
    return [shown(cell, "", kind="table") for cell in block.text.split("\t")]
