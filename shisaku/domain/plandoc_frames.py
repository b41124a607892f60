"""Frames: the parts of a document around its plan, which are not levels of the plan.

A document's parts (第2部, 第1編) frame it; so do the levels above the root of a plan's own codes
(「第3章 分野別計画」 above 「政策1」 → 「施策1-1」) unless they name themselves with a plan
word, chapters titled with the document's words (「第4章 重点戦略」), and unnumbered-word styles
that hold all of the plan in one heading (「Ⅲ 基本計画」, 「2 成果指標達成状況」 above the 施策 of
a web page).  :mod:`~shisaku.domain.plandoc_layout` leaves them out of the levels.  A line naming
the back matter (資料編) closes the plan: what follows it is set aside; so are the parts that
open the document before a part titled 基本計画 (第1編 序論, 第2編 基本構想).
"""

from __future__ import annotations

import re

from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_nesting import Candidate
from shisaku.domain.plandoc_numbering import LEVEL_WORDS
from shisaku.domain.plandoc_text import match_key

COUNTERS = frozenset("章節項部編款")
# A line that names the back matter of a plan, alone: what follows it is not the plan.
_BACK_MATTER = re.compile(r"^(?:参考)?資料編$|^参考資料$|^付属資料$")


def is_back_matter(text: str) -> bool:
    """Tell whether ``text`` names the back matter of the document (資料編, 参考資料)."""
    return bool(_BACK_MATTER.match(match_key(text)))


def containers_of(levels: dict[str, int], roots: set[str], kept: list[Candidate]) -> set[str]:
    """Return the styles that frame the plan rather than belong to it.

    A document's parts (第2部, 第1編) are always frames; when the plan numbers its own levels
    with codes (政策1 → 施策1-1), every level above the codes' root (第3章 分野別計画) is one,
    unless it names itself with a plan word (「基本施策1」 above 「1.」 and its 「1-1」).
    """
    frames = {s for s in levels if s.startswith("第") and s.endswith(("部", "編"))}
    if roots:
        top = min(levels[r] for r in roots)
        worded = {c.line.style for c in kept if _worded(c.line)}
        frames |= {s for s, lv in levels.items() if lv < top and s not in worded}
    return frames


def _worded(line: Line) -> bool:
    """Tell whether a heading names its level with a plan word (基本目標1, 施策2), not a counter."""
    return line.word in LEVEL_WORDS


def frames_of(kept: list[Candidate]) -> set[str]:
    """Return unnumbered-word styles that frame the plan (Ⅲ 基本目標と施策, Ⅲ 基本計画).

    A style without a plan word that is never inside a level and holds all of them in one
    heading (or none) frames the document: when the plan names its levels (基本目標1, 施策1-1),
    its levels are those; otherwise every other style is, and the frame must be titled with
    the document's words (基本計画, 成果指標達成状況), never a field's.
    """
    worded = {c.line.style for c in kept if _worded(c.line)}
    frames: set[str] = set()
    for style in {c.line.style for c in kept} - worded:
        mine = [c for c in kept if c.line.style == style]
        generic = all(_generic(c.line.text) for c in mine)
        if (not worded or _word_of(style, kept) in COUNTERS) and not generic:
            continue  # 「第2章 安心して暮らせるまち」 is a field, 「第4章 重点戦略」 a frame
        levels = worded or {c.line.style for c in kept} - {style}
        if any(w in levels for c in mine for w, _ in c.ancestors):
            continue
        holders = {i for c in kept if c.line.style in levels for s, i in c.ancestors if s == style}
        if len(holders) <= 1:
            frames.add(style)
    return frames


# Words of a document's own structure: a chapter titled with them frames the plan.
_DOCUMENT_WORDS = (
    "計画",
    "施策",
    "戦略",
    "体系",
    "基本目標",
    "方向性",
    "序論",
    "総論",
    "資料",
    "概要",
    "展開",
    "分野別",
    "指標",
)


def _generic(title: str) -> bool:
    """Tell whether a heading's title names a part of the document, not a field of the plan."""
    return any(word in title for word in _DOCUMENT_WORDS)


def _word_of(style: str, kept: list[Candidate]) -> str:
    """Return the level word of a style (章 for 第{}章)."""
    return next((c.line.word for c in kept if c.line.style == style), "")


# A part that opens a plan document before its plan (第1編 序論, 第2編 基本構想), and the
# headings of such a part: introductions (計画策定の趣旨, 町の概況, 将来像, 施策の大綱).
_OPENING = re.compile(r"^(?:序論|序章|総論|はじめに|基本構想|計画の概要|計画策定にあたって)$")
_INTRODUCTION = re.compile(
    r"趣旨|目的|背景|位置づけ|位置付け|構成|期間|概況|沿革|潮流|将来像|大綱|基本理念"
)
_PLAN_PART = re.compile(r"基本計画$")  # 第3編 前期基本計画


def opening_parts(lines: list[Line], skip: set[int]) -> set[int]:
    """Return the lines of the parts before a part titled 基本計画 that are no part of the
    plan: a part titled 序論 or 基本構想, or whose headings are all introductions.

    Such a part numbers its text as the plan does (第1章, 1, (1)); the plan is the 基本計画.
    ``skip`` holds lines already set aside (a table of contents names the parts too).
    """
    parts = [i for i, line in enumerate(lines) if i not in skip and _is_part(line)]
    plans = [i for i in parts if _PLAN_PART.search(match_key(lines[i].text))]
    found: set[int] = set()
    for start, end in zip(parts, [*parts[1:], len(lines)][: len(parts)], strict=True):
        part = [lines[i] for i in range(start, end) if i not in skip]
        if any(p > start for p in plans) and _opening(part):
            found.update(range(start, end))
    return found - skip


def _is_part(line: Line) -> bool:
    """Tell whether ``line`` heads a part of the document (第1編, 第2部)."""
    return line.kind == "heading" and line.style.startswith("第") and line.word in ("部", "編")


def _opening(part: list[Line]) -> bool:
    """Tell whether a part (its heading first) opens the document: titled so, or holding only
    headings that introduce the plan, of the style that follows the part's own heading."""
    if _OPENING.match(match_key(part[0].text)):
        return True
    heads = [line for line in part[1:] if line.kind == "heading"]
    mine = [line for line in heads if line.style == heads[0].style] if heads else []
    return bool(mine) and all(_INTRODUCTION.search(line.text) for line in mine)
