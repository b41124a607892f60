"""Turn a document's source lines into classified lines, with its noise set aside.

Steps, in order: classify every line; join labels printed vertically (one character a line);
split lines that hold a whole page; join column names printed one a line
(:mod:`~shisaku.domain.plandoc_headercells`); give a heading whose title sits on the next line
that title; read the next number of a numbered list of sentences as its item; then recognise
what is not the plan's content and set it aside, each with its reason — page numbers, tables of
contents, headings listed ahead of their pages, running heads (a line that comes back page after
page), a web page's or e-book's navigation, legends, the lines a profile asks to drop, and
headings that repeat as page headers.  Nothing set aside is lost: :class:`Dropped` lists it for
the report.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, replace

from shisaku.domain.plandoc_directions import item_titles, word_labels
from shisaku.domain.plandoc_frames import opening_parts
from shisaku.domain.plandoc_glued import bulleted_codes, glued_headings
from shisaku.domain.plandoc_headercells import join_header_cells
from shisaku.domain.plandoc_heads import running_heads
from shisaku.domain.plandoc_lines import (
    AIM,
    Line,
    classify,
    classify_text,
    continue_lists,
    title_ok,
)
from shisaku.domain.plandoc_listings import contents as table_of_contents
from shisaku.domain.plandoc_listings import listings
from shisaku.domain.plandoc_marks import bracketed_labels, marked_headings, marked_labels
from shisaku.domain.plandoc_pagefirst import tables_to_their_page
from shisaku.domain.plandoc_profile import Profile, drop_key
from shisaku.domain.plandoc_projects import labelled_projects, project_tables
from shisaku.domain.plandoc_sections import (
    department,
    other_label,
)
from shisaku.domain.plandoc_source import SourceDocument, SourceLine
from shisaku.domain.plandoc_split import split_aim, split_label, split_page_line
from shisaku.domain.plandoc_tablelines import table_lines
from shisaku.domain.plandoc_tabletitles import table_titles
from shisaku.domain.plandoc_text import collapse_title, match_key
from shisaku.domain.plandoc_titles import merge_titles
from shisaku.domain.plandoc_treetable import join_quoted, tree_tables
from shisaku.domain.plandoc_vertical import join_vertical

Reason = str  # a key of REASONS_JA
REASONS_JA: dict[str, str] = {
    "page_number": "ページ番号",
    "contents": "目次",
    "running_head": "各ページの柱（繰り返し出る見出し）",
    "navigation": "ウェブページや電子書籍の案内",
    "legend": "凡例",
    "profile": "プロファイルで除外",
    "repeat": "見出しの繰り返し（ページの柱）",
    "preamble": "最初の見出しより前（表紙・標題など）",
    "symbols": "記号だけの行",
    "layout": "読み上げ用の配置の説明",
    "container": "文書の部・章（計画の階層の外）",
    "framed": "計画の後の部・章の本文（資料編など）",
    "opening": "計画の前の部の本文（序論・基本構想など）",
    "listing": "見出しの一覧（体系図など。同じ見出しが後に本文とともに出ます）",
}
_NAVIGATION = re.compile(
    r"^(?:元のページ|このブックを見る|このページの先頭へ|ページの先頭へ|ページトップへ|"
    r"本文へ|メニュー|ホーム\s*[>＞]|トップページ\s*[>＞]|現在の位置|印刷する|"
    r"このページに関するお問い合わせ|お問い合わせ先|更新日[:：]|ページ番号[:：]?\s*[0-9]|"
    r"ページID|PDFファイルをご覧いただくには|Adobe|前のページ|次のページ|目次へ)"
    r"|^(?:ブックタイトル|このページは.{1,80}(?:概要|電子ブック).{0,20}$|ページ$|概要$)"  # e-books
    r"|index\.html#[0-9]+|\s[>＞»]\s*$|^\S+\s*[>＞»]\s*\S+\s*[>＞»]"
    r"|^(?:電話|TEL|Tel|ファクス|FAX|Fax|メール|E-mail|Eメール)\s*(?:番号)?\s*[:：]"
)
# A screen reader's text describes the page's layout in parentheses and reads arrows aloud.
_LAYOUT_NOTE = re.compile(
    r"^[(（][^()（）]{0,30}(?:見開き|写真|イラスト|はじめ|終わり|おわり|左うえ|右うえ|左した|右した)"
    r"[^()（）]{0,30}[)）]$|^右に向かう(?:記号|矢印)$|^(?:右|左|下|上)矢印$"
)
_LEGEND = re.compile(r"^(?:凡例|[◎●○△□■◇◆☆★]\s*[:：=＝].*[◎●○△□■◇◆☆★]\s*[:：=＝])")
_WORDLESS = re.compile(r"^[^\w\u3040-\u30ff\u3400-\u9fff]{2,}$|^[・ー\-―]{1,3}$")


@dataclass(frozen=True)
class Dropped:
    """A line set aside as noise, with the reason (a key of REASONS_JA)."""

    line: int
    page: int
    text: str
    reason: Reason

    def __str__(self) -> str:
        where = f"{self.page} ページ " if self.page else ""
        return f"{where}{self.line} 行目（{REASONS_JA[self.reason]}）: {self.text}"


_LARGE = 1.3  # a title set this much larger than the text is a heading without a number


def _split(source: SourceLine) -> list[Line]:
    """Classify a source line, split into the lines it holds when it holds a whole page."""
    if source.cells:
        return [classify(source)]
    pieces = [p for piece in split_page_line(source.text.strip()) for p in split_label(piece)]
    if len(pieces) == 1 and len(split_aim(pieces[0])) == 1:
        return [classify(source)]
    return [line for p in pieces for line in _with_aim(p, source)]


def _with_aim(piece: str, source: SourceLine) -> list[Line]:
    """Classify a piece of a source line, and the aim its heading prints after its title as
    text of its own (key ``aim``: a whole sentence, never continued by the next line)."""
    head, *aim = split_aim(piece)
    lines = [_with_hints(classify_text(head, source.number), source)]
    return lines + [_with_hints(Line(source.number, "text", a, a, key=AIM), source) for a in aim]


def _with_hints(line: Line, source: SourceLine) -> Line:
    """Return ``line`` with the page and font hints of the source line it came from."""
    return replace(line, page=source.page, size=source.size, bold=source.bold)


def _extra_kinds(line: Line, profile: Profile) -> Line:
    """Recognise what the rules leave as text: department lines, other labels, profile labels."""
    if line.kind not in ("text", "heading", "group"):
        return line
    name = department(line.raw)
    if name is not None:
        return replace(line, kind="department", text=name)
    key = profile.sections.get(match_key(line.raw))
    if key is not None:
        return replace(line, kind="section", key=key, text=line.raw)
    label = other_label(line.raw)
    return replace(line, kind="label", text=label) if label else line


def _body_size(lines: list[Line]) -> float:
    """Return the font size most of the document's text is set in (0 when unknown)."""
    sizes = Counter(round(line.size, 1) for line in lines if line.kind == "text" and line.size)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _hinted(line: Line, body: float) -> Line:
    """Return an unnumbered title set large (or declared a heading by the document itself:
    a Word heading style, a PDF bookmark) as a heading candidate of its own style."""
    title = collapse_title(line.raw)
    if line.kind != "text" or not title_ok(title):
        return line
    if line.outline:
        style = f"見出し{line.outline}"
    elif body and line.size >= body * _LARGE:
        style = f"{round(line.size)}pt{'太字' if line.bold else ''}"
    else:
        return line
    return replace(line, kind="heading", text=title, style=style, numbers=(), fallback="text")


def classified_lines(document: SourceDocument, profile: Profile) -> list[Line]:
    """Return the document's lines classified, joined and split (noise still in place)."""
    lines = [line for s in join_quoted(join_vertical(document.lines)) for line in _split(s)]
    lines = tree_tables([line for line in lines if line.kind != "blank"] or lines)
    lines = project_tables(lines)
    lines = table_lines(lines)
    lines = join_header_cells(lines)
    lines = continue_lists(merge_titles([_extra_kinds(line, profile) for line in lines]))
    lines = item_titles(word_labels(lines))
    lines = table_titles(bulleted_codes(glued_headings(lines)))
    lines = labelled_projects(marked_headings(marked_labels(bracketed_labels(lines))))
    body = _body_size(lines)
    return [_hinted(line, body) for line in lines]


# --- noise ----------------------------------------------------------------------------------


def _noise(line: Line, profile: Profile) -> Reason | None:
    """Return why a single line is noise, or None."""
    if line.kind == "page":
        return "page_number"
    if _NAVIGATION.search(line.raw.strip()):
        return "navigation"
    if _LEGEND.match(line.raw.strip()):
        return "legend"
    if _LAYOUT_NOTE.match(line.raw.strip()):
        return "layout"
    if line.kind in ("text", "bullet") and _WORDLESS.match(line.raw.strip()):
        return "symbols"
    if profile.drop and drop_key(match_key(line.raw)) in profile.drop:
        return "profile"
    return None


def drop_noise(lines: list[Line], profile: Profile) -> tuple[list[Line], list[Dropped]]:
    """Return the lines that are the plan's content, and those set aside with their reasons."""
    contents, listed = table_of_contents(lines), listings(lines)
    heads = running_heads(lines, contents | listed)
    opening = opening_parts(lines, contents | listed)
    kept: list[Line] = []
    dropped: list[Dropped] = []
    breaks: set[int] = set()  # where a page number was set aside before a kept line
    for i, line in enumerate(lines):
        reason = _noise(line, profile)
        reason = reason or ("contents" if i in contents else None)
        reason = reason or ("listing" if i in listed else None)
        reason = reason or ("running_head" if i in heads else None)
        reason = reason or ("opening" if i in opening else None)
        if reason is None:
            kept.append(line)
            continue
        if reason == "page_number":
            breaks.add(len(kept))
        if reason != "page_number" or line.raw.strip():
            dropped.append(Dropped(line.number, line.page, line.raw, reason))
    return tables_to_their_page(kept, breaks), dropped
