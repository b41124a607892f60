"""Characters of one PDF page: overprint repair, unreadable text, radical forms, vertical runs.

pdfplumber gives a page's characters as dicts (``text``, ``x0``, ``x1``, ``top``, ``bottom``,
``fontname``, ``size``, ``upright``); the functions here clean that list before the layout
(:mod:`shisaku.documents.pdf_layout`) turns it into lines.
"""

from __future__ import annotations

import functools
import re
from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from shisaku.domain.plandoc_text import fold_radicals

Char = dict[str, Any]

# Same rule as pdfplumber's ``Page.dedupe_chars()``: one character drawn again with the same
# text, font and size within this many points is a copy (Word's printer drivers draw bold text
# 2-4 times).  Done here so that the kept character can carry an ``overprint`` flag (a bold hint)
# and in n log n time: pdfplumber restores the stream order with ``list.index``, quadratic.
OVERPRINT_TOLERANCE = 1.0
_BOLD_FONT = re.compile(r"Bold|Heavy|Black|W[6-9]|[-_,]B$|Demi", re.IGNORECASE)
_UNREADABLE = re.compile(r"^\(cid:\d+\)$|^[\ue000-\uf8ff\ufffd]$")


def unify_radicals(text: str) -> str:
    """Return ``text`` with Kangxi and supplementary radical characters as ordinary ideographs
    (the plan reader's table, :func:`shisaku.domain.plandoc_text.fold_radicals`)."""
    return fold_radicals(text)


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
