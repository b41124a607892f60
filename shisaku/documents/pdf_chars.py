"""Characters of one PDF page: overprint repair, unreadable text, radical forms, vertical runs.

pdfplumber gives a page's characters as dicts (``text``, ``x0``, ``x1``, ``top``, ``bottom``,
``fontname``, ``size``, ``upright``); the functions here clean that list before the layout
(:mod:`shisaku.documents.pdf_layout`) turns it into lines.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

Char = dict[str, Any]

# Same rule as pdfplumber's ``Page.dedupe_chars()``: one character drawn again with the same
# text, font and size within this many points is a copy (Word's printer drivers draw bold text
# 2-4 times).  Done here so that the kept character can carry an ``overprint`` flag (a bold hint)
# and in n log n time: pdfplumber restores the stream order with ``list.index``, quadratic.
OVERPRINT_TOLERANCE = 1.0
_BOLD_FONT = re.compile(r"Bold|Heavy|Black|W[6-9]|[-_,]B$|Demi", re.IGNORECASE)
_UNREADABLE = re.compile(r"^\(cid:\d+\)$|^[\ue000-\uf8ff\ufffd]$")

# CJK Radicals Supplement characters (U+2E80-U+2EFF) that stand for a whole ideograph, mapped to
# it as Unicode's Equivalent_Unified_Ideograph property does (UCD EquivalentUnifiedIdeograph.txt);
# NFKC leaves this block alone.  Component-only forms (亻, 氵, 扌 ...) are left out: they never
# stand for a character of running text.  The Kangxi Radicals block (U+2F00-U+2FDF) is folded by
# NFKC (:func:`unify_radicals`).
RADICAL_SUPPLEMENT = {
    "\u2e81": "厂",
    "\u2e8a": "卜",
    "\u2e8c": "小",
    "\u2e92": "巳",
    "\u2e93": "幺",
    "\u2e9c": "日",
    "\u2e9d": "月",
    "\u2e9f": "母",
    "\u2ea0": "民",
    "\u2ea7": "牛",
    "\u2ea9": "王",
    "\u2eab": "目",
    "\u2eac": "示",
    "\u2eb6": "羊",
    "\u2ec1": "虎",
    "\u2ec4": "西",
    "\u2ec5": "见",
    "\u2ec6": "角",
    "\u2ec9": "贝",
    "\u2ecb": "车",
    "\u2ed1": "長",
    "\u2ed3": "长",
    "\u2ed4": "门",
    "\u2ed8": "青",
    "\u2eda": "页",
    "\u2edb": "风",
    "\u2edc": "飞",
    "\u2edd": "食",
    "\u2ee2": "马",
    "\u2ee3": "骨",
    "\u2ee4": "鬼",
    "\u2ee5": "鱼",
    "\u2ee6": "鸟",
    "\u2ee8": "麦",
    "\u2ee9": "黄",
    "\u2eeb": "斉",
    "\u2eec": "齐",
    "\u2eed": "歯",
    "\u2eee": "齿",
    "\u2eef": "竜",
    "\u2ef0": "龙",
    "\u2ef1": "龜",
    "\u2ef2": "亀",
    "\u2ef3": "龟",
}
_RADICAL = re.compile(r"[\u2e80-\u2eff\u2f00-\u2fdf]")


def _radical(match: re.Match[str]) -> str:
    """Return the ideograph a radical character stands for (or the character itself)."""
    char = match[0]
    return RADICAL_SUPPLEMENT.get(char) or unicodedata.normalize("NFKC", char)


def unify_radicals(text: str) -> str:
    """Return ``text`` with Kangxi and supplementary radical characters as ordinary ideographs."""
    return _RADICAL.sub(_radical, text)


@functools.lru_cache(maxsize=256)
def bold_font(fontname: str) -> bool:
    """Return whether a font name says bold (Bold, Heavy, Black, W6-W9 ...)."""
    return bool(_BOLD_FONT.search(fontname))


def is_bold(char: Char) -> bool:
    """Return whether a character is bold: a bold font name or drawn over itself."""
    return bool(char.get("overprint")) or bold_font(str(char.get("fontname", "")))


def unreadable_share(chars: Sequence[Char]) -> float:
    """Return the share of visible characters that carry no text: ``(cid:N)`` or private use."""
    visible = [c for c in chars if not c["text"].isspace()]
    if not visible:
        return 0.0
    return sum(1 for c in visible if _UNREADABLE.match(c["text"])) / len(visible)


def _clusters(values: list[tuple[float, int]]) -> list[list[int]]:
    """Return the indices of ``values`` grouped where sorted values lie within the tolerance."""
    groups: list[list[int]] = []
    last = float("-inf")
    for value, index in sorted(values):
        if value - last > OVERPRINT_TOLERANCE:
            groups.append([])
        groups[-1].append(index)
        last = value
    return groups


def dedupe(chars: list[Char]) -> list[Char]:
    """Return ``chars`` with overprinted copies removed; a kept copy is flagged ``overprint``."""
    same: dict[tuple[Any, ...], list[int]] = defaultdict(list)
    for index, c in enumerate(chars):
        same[(c["upright"], c["text"], c["fontname"], round(c["size"], 3))].append(index)
    keep: list[int] = []
    for indices in same.values():
        for row in _clusters([(chars[i]["top"], i) for i in indices]):
            for group in _clusters([(chars[i]["x0"], i) for i in row]):
                first = min(group, key=lambda i: (chars[i]["top"], chars[i]["x0"]))
                chars[first]["overprint"] = len(group) > 1
                keep.append(first)
    return [chars[i] for i in sorted(keep)]
