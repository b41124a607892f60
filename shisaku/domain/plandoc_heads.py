"""Running heads: lines a page repeats at its top or foot, told from content that recurs.

A running head comes back page after page, with a changing page number (「雲雀野町総合計画 12」),
verbatim three times or more, or at the top of every page it is on.  A passage printed again
whole (a part of a plan repeated, its codes renumbered) recurs too, but as a long run of lines:
it is content.
"""

from __future__ import annotations

import re
from collections import Counter

from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_text import match_key

_TRAILING_PAGE = re.compile(r"\s[0-9０-９]{1,4}$")


def running_heads(lines: list[Line], contents: set[int]) -> set[int]:
    """Return lines that come back page after page: with a changing page number, verbatim
    three times or more, or at the top of every page it is on (right after a page number).

    Entries of a table of contents (``contents``) name headings once more: they do not count.
    """
    keys = [
        _head_key(line.raw) if _may_repeat(line) and i not in contents else ""
        for i, line in enumerate(lines)
    ]
    counts = Counter(k for k in keys if len(k) >= 4)
    inside = {k for i, k in enumerate(keys) if not (i and lines[i - 1].kind == "page")}
    passages = _in_long_passages(lines)
    found: set[int] = set()
    seen: set[str] = set()
    for i, (line, key) in enumerate(zip(lines, keys, strict=True)):
        if counts.get(key, 0) < 2:
            continue
        numbered = bool(_TRAILING_PAGE.search(line.raw))
        topped = key not in inside and line.kind != "heading"
        verbatim = counts[key] >= 3 and i not in passages
        if numbered or topped or (verbatim and (line.kind != "heading" or key in seen)):
            found.add(i)
        seen.add(key)
    return found


def _in_long_passages(lines: list[Line]) -> set[int]:
    """Return the lines of passages printed again whole: runs of at least
    :data:`PASSAGE_LINES` lines each of which recurs elsewhere (its digits aside: a part of
    a plan repeated with its codes renumbered).  A page's running heads and a viewer's chrome
    recur too, but a few lines at a time between pages that differ."""
    keys = [_DIGITS.sub("", match_key(line.raw)) for line in lines]
    counts = Counter(keys)
    found: set[int] = set()
    start = 0
    for i in range(len(keys) + 1):
        if i < len(keys) and counts[keys[i]] >= 2:
            continue
        if i - start >= PASSAGE_LINES:
            found.update(range(start, i))
        start = i + 1
    return found


PASSAGE_LINES = 20


_DIGITS = re.compile(r"[0-9０-９]+")  # a passage's codes may be renumbered where it recurs


def _may_repeat(line: Line) -> bool:
    """Tell whether a line may be a running head: a title-like line (labels, table cells and
    periods such as 「(R2~R6累計)」 repeat on purpose)."""
    return line.kind in ("text", "heading") and len(_WORDY.findall(line.raw)) >= 5


_WORDY = re.compile(r"[\u3040-\u30ff\u3400-\u9fff々]")
_PAGE_AT_ENDS = re.compile(r"^[-―]?[0-9０-９]{1,4}[-―]?|[-―]?[0-9０-９]{1,4}[-―]?$")


def _head_key(raw: str) -> str:
    """Return what a running head keeps from page to page: the line without the page number
    at its start or end (digits inside it, 「施策その12」, stay)."""
    return _PAGE_AT_ENDS.sub("", match_key(raw))
