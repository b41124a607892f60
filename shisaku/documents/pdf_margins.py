"""Running heads and page numbers: margin lines that are furniture, not the plan's text.

Each page's head and foot margin lines come in split into pieces (:mod:`pdf_layout`).  A piece
that reads as a page number (「- 12 -」, 「12」, 「12/80」, 「P.12」) is dropped.  A piece whose
text, digits aside, recurs in the margin of two or more pages is a running head and dropped,
and so is any other margin piece at the height where a running head was found (the chapter
title printed in the head changes from chapter to chapter).  A heading that merely sits near
the top of one page is not in a margin (no gap sets it apart) or does not recur, and stays.
"""

from __future__ import annotations

import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from shisaku.documents.pdf_lines import PageLine
from shisaku.domain.plandoc_source import SourceNotice

_PAGE_NUMBER = re.compile(
    r"^[-‐‑–—―−~〜(]*(?:p\.?|page)?\d{1,4}(?:/\d{1,4})?[-‐‑–—―−~〜)]*$", re.IGNORECASE
)
_NOISE = re.compile(r"[\s\d]+")
SAME_HEIGHT = 2.0  # points: margin pieces this close in height are in the same place


@dataclass(slots=True)
class PageText:
    """What one page gave: its lines in reading order, or the notice why it gave none."""

    number: int
    lines: list[PageLine]
    notice: SourceNotice | None = None


def _folded(text: str) -> str:
    """Return ``text`` in NFKC without white space."""
    return "".join(unicodedata.normalize("NFKC", text).split())


def is_page_number(text: str) -> bool:
    """Return whether a margin text is a page number: 12, - 12 -, 12/80, P.12, (12)."""
    return bool(_PAGE_NUMBER.match(_folded(text)))


def _key(line: PageLine) -> str:
    """Return what stays of a margin line when its digits are ignored."""
    return _NOISE.sub("", _folded(line.text))


def _recurring(pages: Sequence[PageText]) -> tuple[set[str], set[tuple[str, int]]]:
    """Return the margin texts found on two or more pages and the heights they stand at."""
    seen: dict[str, set[int]] = defaultdict(set)
    for page in pages:
        for line in page.lines:
            if line.band and not is_page_number(line.text) and _key(line):
                seen[_key(line)].add(page.number)
    keys = {key for key, numbers in seen.items() if len(numbers) >= 2}
    heights = {
        (line.band, round(line.top))
        for page in pages
        for line in page.lines
        if line.band and _key(line) in keys
    }
    return keys, heights


def _at_height(line: PageLine, heights: set[tuple[str, int]]) -> bool:
    """Return whether a margin line stands where a running head was found."""
    return any(band == line.band and abs(top - line.top) <= SAME_HEIGHT for band, top in heights)


def _notice(
    page: int, line: PageLine, keys: set[str], heights: set[tuple[str, int]]
) -> SourceNotice | None:
    """Return the notice for dropping a margin line, or None when the line stays."""
    if is_page_number(line.text):
        return SourceNotice(page, "page_number", f"ページ番号を除きました: {line.text}")
    if _key(line) in keys or _at_height(line, heights):
        return SourceNotice(
            page, "running_head", f"柱（各ページの上下に繰り返す文字）を除きました: {line.text}"
        )
    return None


def drop_margins(pages: Sequence[PageText]) -> tuple[list[PageText], list[SourceNotice]]:
    """Return the pages without running heads and page numbers, and a notice for each dropped."""
    keys, heights = _recurring(pages)
    kept: list[PageText] = []
    notices: list[SourceNotice] = []
    for page in pages:
        lines: list[PageLine] = []
        for line in page.lines:
            notice = _notice(page.number, line, keys, heights) if line.band else None
            if notice is None:
                lines.append(line)
            else:
                notices.append(notice)
        kept.append(PageText(page.number, lines, page.notice))
    return kept, notices
