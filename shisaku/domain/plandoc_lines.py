"""Classify one line of a plan document by its form alone.

Each rule in :data:`RULES` looks at a stripped line and either claims it or passes; the first
rule that claims it wins and a line nobody claims is plain text.  A numbered line with a
title-like rest is a *heading candidate*: it carries its numbering style and the kind it falls
back to (a group, a bullet or text) when the layout step decides its style is not a level of
the plan.  Heading titles are cleaned of PDF letter-spacing; body text is never changed beyond
trimming its ends and its marker.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Literal

from shisaku.domain.plandoc_numbering import Numbering, read_numbering
from shisaku.domain.plandoc_sections import header_columns, section_key
from shisaku.domain.plandoc_source import SourceLine
from shisaku.domain.plandoc_text import (
    INVISIBLE,
    collapse_title,
    fold,
    fold_radicals,
    squeeze,
    strip_invisible,
    undouble,
    unrepeat,
)

LineKind = Literal[
    "blank",
    "page",
    "heading",
    "section",
    "group",
    "bullet",
    "footnote",
    "row",
    "header",
    "department",
    "label",
    "text",
]
FallbackKind = Literal["group", "bullet", "text", "label"]

# The key of the aim a heading prints after its title on its line (plandoc_split.split_aim):
# text of its own, a whole sentence that the next line never continues.
AIM = "aim"
# Characters that end a sentence: a line ending otherwise was cut by a page or line break.
SENTENCE_END = frozenset("。．！？」』）.!?)")
# A title never ends in a sentence's end, nor in a particle or comma a break cut it after.
_HEADING_END = frozenset("。．！？.!?、，,の")
_BRACKETS = {
    "《": "》",
    "≪": "≫",
    "【": "】",
    "〈": "〉",
    "＜": "＞",
    "〔": "〕",
    "［": "］",
    "〖": "〗",
    "<": ">",
}
_PAGE_RES = (
    re.compile(r"^-?[0-9]{1,4}-?$"),  # - 45 -, －45－, 45
    re.compile(r"^-[0-9]{1,3}-[0-9]{1,4}-$"),  # ― 2-1 ― (a chapter's pages)
    re.compile(r"^[0-9]{1,4}/[0-9]{1,4}$"),  # 45 / 120
    re.compile(r"^(?:p|P|ページ|頁)\.?[0-9]{1,4}$"),  # P.12
    re.compile(r"^[0-9]{1,4}(?:ページ|頁)$"),  # 78ページ (a text version's page marks)
)
_BULLET_RE = re.compile(
    r"^(?:[-‐－]\s+|[・●○◯◆◇■□◎▪•◦▶▷►]\s*|〇(?![〇一二三四五六七八九十0-9０-９])\s*|[①-⑳]\s*)(\S.*)$"
)
_FOOTNOTE_RE = re.compile(
    r"^[※＊*]\s*[0-9０-９]{0,3}\s*([^：:\s。、][^：:。、]{0,39}?)\s*[：:]\s*(\S.*)$"
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff々]")
_TITLE_MAX = 80
# An arrow, or a colon before a number: an indicator row (名称：2,918人→3,000人), not a title.
_ROW_LIKE = re.compile(r"[→⇒➡]|右矢印|[:：]\s*[0-9０-９△▲―-]")
_ROW_TRIM = " \u3000\u00a0\r\n\f\v" + INVISIBLE


@dataclass(frozen=True, slots=True)
class Line:
    """One classified line: ``text`` is the payload (title, inner text, body text, raw row)."""

    number: int
    kind: LineKind
    raw: str
    text: str = ""
    code: str = ""  # plan code of a heading, once the layout gave it one (2-1-1)
    key: str = ""  # section key, a footnote's term, "project" (plandoc_projects) or AIM
    style: str = ""  # numbering style of a heading candidate ({}-{}, (), 基本目標{} …)
    numbers: tuple[int, ...] = ()
    word: str = ""  # the level word of the numbering (基本目標, 施策, 章 …)
    fallback: FallbackKind = "text"  # what a heading candidate is when its style is no level
    level: int = 0  # the level the layout gave a heading (1 = top)
    node_kind: str = ""  # field, policy, measure, initiative or action, from the layout
    cells: tuple[str, ...] = ()  # a table row's cells, or a header's column names
    page: int = 0
    size: float = 0.0
    bold: bool = False
    outline: int = 0
    original: str = ""  # the source line as given, spaces in front included (aligned tables)
    listed: str = ""  # a list item read as a heading candidate: its text as an item (「1-1 …」)

    def where(self) -> str:
        """Return the place of the line for a message: 「12 行目」 or 「3 ページ 12 行目」."""
        line = f"{self.number} 行目"
        return f"{self.page} ページ {line}" if self.page else line


def ends_sentence(text: str) -> bool:
    """Tell whether ``text`` ends a sentence (else a break cut it)."""
    return bool(text) and text[-1] in SENTENCE_END


def title_ok(title: str) -> bool:
    """Tell whether ``title`` reads as a heading title rather than a sentence or a value."""
    return (
        bool(title)
        and "。" not in title
        and title[-1] not in _HEADING_END
        and len(title) <= _TITLE_MAX
        and "   " not in title  # cells of a table aligned with spaces
        and "\t" not in title
        and not _ROW_LIKE.search(title)
        and not re.match(r"[0-9０-９]|[-－‐ー―−‑–—]", title)
        and len(_CJK.findall(title)) >= 2
    )


def clean(raw: str) -> str:
    """Return the line as the rules see it: trimmed, overprinting undone, radicals folded."""
    return fold_radicals(unrepeat(undouble(strip_invisible(raw).strip())))


def _blank(s: str, n: int) -> Line | None:
    """Claim an empty line (residue of a page break: spaces, no-break spaces)."""
    return Line(n, "blank", s) if not s else None


def _page(s: str, n: int) -> Line | None:
    """Claim a page number line (「- 45 -」「－45－」「45 / 120」「P.12」)."""
    key = fold(squeeze(s)).strip("-―ー—")
    stripped = fold(squeeze(s))
    if any(r.match(stripped) or r.match(key) for r in _PAGE_RES):
        return Line(n, "page", s)
    return None


def _footnote(s: str, n: int) -> Line | None:
    """Claim a footnote 「※関係人口：…」 (also 「※1 用語:…」)."""
    m = _FOOTNOTE_RE.match(s)
    return Line(n, "footnote", s, text=m[2], key=m[1]) if m else None


_PIPE_RULE = re.compile(r"^:?-+:?$")  # a Markdown table's rule under its header: 「---|---|」


def piped_cells(s: str) -> str | None:
    """Return a table row typed with pipes (「指標名 | 現状 | 目標 |」, a web page read as text)
    with tabs between its cells, or None; the rule under the header (「---|---|」) is no row."""
    if "|" not in s or not (s.startswith("|") or s.endswith("|")):
        return None
    cells = [c.strip() for c in s.strip("|").split("|")]
    if len(cells) < 2 or sum(bool(c) for c in cells) < 2:
        return None
    return None if all(_PIPE_RULE.match(c) for c in cells if c) else "\t".join(cells)


def _row(s: str, n: int) -> Line | None:
    """Claim a tab-separated table line (header or row)."""
    cells = [c for c in s.split("\t") if c.strip()]
    return Line(n, "row", s, text=s) if len(cells) >= 2 else None


def _section(s: str, n: int) -> Line | None:
    """Claim a section heading in any dress: 【現状と課題】, （１）基本方向, ■主な取組…"""
    found = section_key(s)
    if found is None:
        return None
    key, label, columns = found
    return Line(n, "section", s, text=label, key=key, cells=columns)


def _header(s: str, n: int) -> Line | None:
    """Claim a table header printed as a line: 「指標名 現状値（R1） 目標値（R7）」."""
    columns = header_columns(s)
    return Line(n, "header", s, text=s, cells=columns) if columns else None


def _fallback(s: str, numbering: Numbering) -> FallbackKind:
    """Return what a numbered line is when its numbering is not a level of the plan."""
    if numbering.style in ("①", "❶"):
        return "bullet"
    if numbering.style.startswith(("(", "【", "<", "《", "〈", "［", "[")):
        return "group"
    return "text"


_TAG = re.compile(r"^[“「『\"][^”」』\"]{1,8}[”」』\"]\s+(?=\S{4})")


def untagged(title: str) -> str:
    """Return a title without a short quoted tag in front (「“ひと” 若い世代の…」)."""
    return _TAG.sub("", title)


def _innermost(numbering: Numbering) -> Numbering:
    """Return the numbering a heading is named by when a second one follows the first.

    「１　基本目標１　…」: the section number gives way to the level's; 「第1章第1項」: the
    chapter's number is the context of the 項 (with no title, a running head).
    """
    inner = read_numbering(numbering.title)
    if inner is None:
        return numbering
    if not numbering.word and inner.known_word and not inner.style.startswith("第"):
        return inner
    chapter = numbering.style.startswith("第")
    return inner if chapter and inner.style.startswith("第") and inner.word else numbering


def _heading(s: str, n: int) -> Line | None:
    """Claim a numbered heading candidate: 「2-1 子ども…」「第2章」「基本目標1」「（1）…」."""
    numbering = read_numbering(s)
    if numbering is None:
        return None
    numbering = _innermost(numbering)
    title = untagged(numbering.title.strip())
    if title and not title_ok(title):
        return _numbered_sentence(s, n, numbering)
    if not title and not (numbering.word or "-" in numbering.style or numbering.depth > 1):
        return None  # a bare 「1」 is a page number or a list residue, not a label
    return Line(
        n,
        "heading",
        s,
        text=title,
        style=numbering.style,
        numbers=numbering.numbers,
        word=numbering.word,
        fallback=_fallback(s, numbering),
    )


def _numbered_sentence(s: str, n: int, numbering: Numbering) -> Line | None:
    """Claim a numbered sentence 「1 窓口を設けます。」 as a bullet (the number is layout)."""
    title = numbering.title.strip()
    if numbering.word or "-" in numbering.style or not title.endswith("。"):
        return None
    return Line(n, "bullet", s, text=title, style=numbering.style, numbers=numbering.numbers)


def _next_item(previous: Line, line: Line) -> bool:
    """Tell whether heading ``line`` is the next item of the numbered list ``previous`` ends."""
    return (
        previous.kind == "bullet"
        and bool(previous.numbers)
        and previous.style == line.style
        and line.numbers == (previous.numbers[-1] + 1,)
    )


def continue_lists(lines: list[Line]) -> list[Line]:
    """Return the lines with the next number of a numbered list of sentences (「1 …。」「2 …。」)
    read as its next item, even when a page break cut its sentence (「3 窓口を広く周知」)."""
    out: list[Line] = []
    for line in lines:
        previous = next((p for p in reversed(out) if p.kind not in ("blank", "page")), None)
        if line.kind == "heading" and previous is not None and _next_item(previous, line):
            numbering = read_numbering(line.raw)
            title = numbering.title.strip() if numbering is not None else line.text
            line = replace(line, kind="bullet", text=title)
        out.append(line)
    return out


def _group(s: str, n: int) -> Line | None:
    """Claim a group marker line: 《…》【…】〈…〉＜…＞〔…〕."""
    close = _BRACKETS.get(s[0])
    if close and s.endswith(close) and len(s) > 2:
        inner = s[1:-1]
        if s[0] not in inner and close not in inner and inner.strip():
            return Line(n, "group", s, text=collapse_title(inner))
    return None


def _bullet(s: str, n: int) -> Line | None:
    """Claim a bullet (「- 」「・」「●」「○」「〇」「◆」「◇」「■」「①」…); the marker is layout."""
    m = _BULLET_RE.match(s)
    return Line(n, "bullet", s, text=m[1].strip()) if m else None


Rule = Callable[[str, int], Line | None]
# Order matters: page numbers before bullets (「- 45 -」), sections before headings
# (「１　現状と課題」), headings before rows (「2-1<tab>…」), section words before bullets
# (「■主な取組」), table headers before headings.
RULES: tuple[Rule, ...] = (
    _blank,
    _page,
    _footnote,
    _section,
    _header,
    _heading,
    _row,
    _group,
    _bullet,
)


def classify_text(raw: str, number: int) -> Line:
    """Return the classified form of the physical line ``raw`` (1-based ``number``)."""
    s = clean(raw)
    piped = piped_cells(s)
    if piped is not None:
        s = raw = piped
    line = next(filter(None, (rule(s, number) for rule in RULES)), None)
    if line is None:
        return Line(number, "text", s, text=s)
    if line.kind == "row":
        # Tabs separate cells: an empty first or last cell must survive the trimming.
        cells = strip_invisible(raw).strip(_ROW_TRIM)
        return Line(number, "row", cells, text=cells, cells=tuple(cells.split("\t")))
    return line


def classify(source: SourceLine) -> Line:
    """Return the classified form of a source line, with its page and font hints."""
    if source.cells:
        text = "\t".join(source.cells)
        line = classify_text(text, source.number)
        if line.kind not in ("header", "section"):
            line = Line(source.number, "row", text, text=text, cells=source.cells)
    else:
        line = classify_text(source.text, source.number)
    return replace(
        line,
        page=source.page,
        size=source.size,
        bold=source.bold,
        outline=source.outline,
        original=source.text,
    )
