"""Titles printed in a page's running head, for the parents a document never names otherwise.

A page head may carry the level above the page's headings, its number and its title, beside the
part's (「第３部　後期基本計画　　　基本目標１　安心して子どもを産み育てられるまち」) while the
page itself prints only 「施策1-1 …」.  The head is set aside as noise, and the code 1-1 implies a
parent 1 the text never names: the head names it.  Only a title printed after the same numbering
counts (基本目標１ for the parent 1, 施策2-1 for 2-1); a document's part (第3部) names none, and
a number no head prints leaves the title unknown (never invented).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from shisaku.domain.plandoc_lines import clean, title_ok
from shisaku.domain.plandoc_numbering import LEVEL_WORDS, read_numbering

# A level word (基本目標, 施策) or a chapter's counter: a document's part (部, 編) is a frame.
_WORDS = frozenset(LEVEL_WORDS) | frozenset("章節")
_START = re.compile(r"(?:^|(?<=\s))\S")  # where a numbering may begin: after a space
_GAP = re.compile(r"\s{2,}|\u3000{2,}")  # the space between two parts of a running head
_PAGE_AT_END = re.compile(r"\s+[0-9０-９]{1,4}$")  # the page number a head ends with


@dataclass(frozen=True)
class HeadTitle:
    """A level's number and title as a running head prints them, and where."""

    line: int
    position: int  # where on the line it begins (the rightmost is the innermost)
    numbers: tuple[int, ...]
    title: str


def _titled(line: int, text: str, start: int) -> HeadTitle | None:
    """Return the level named at ``start`` of a head's text (「基本目標１　…」), or None."""
    numbering = read_numbering(text[start:])
    if numbering is None or numbering.word not in _WORDS or not numbering.numbers:
        return None
    title = _PAGE_AT_END.sub("", _GAP.split(numbering.title.strip())[0]).strip()
    return HeadTitle(line, start, numbering.numbers, title) if title_ok(title) else None


def head_titles(heads: list[tuple[int, str]]) -> list[HeadTitle]:
    """Return the levels the running heads ``heads`` ((line, text) pairs) name with a number
    and a title, in the order of the document."""
    found: list[HeadTitle] = []
    for line, raw in heads:
        text = clean(raw)
        starts = [m.start() for m in _START.finditer(text)]
        found.extend(t for s in starts if (t := _titled(line, text, s)) is not None)
    return found


class HeadTitles:
    """The titles running heads give, looked up by the code of a parent the text implies."""

    def __init__(self, titles: list[HeadTitle] | None = None) -> None:
        self.titles = sorted(titles or [], key=lambda t: (t.line, t.position))

    def title(self, code: str, line: int) -> str:
        """Return the title printed after the numbering of ``code`` (1, 2-1) in the running
        head nearest above ``line`` (else the first below it), or "" when none prints it."""
        parts = code.split("-")
        if not all(p.isdigit() for p in parts):
            return ""
        numbers = tuple(int(p) for p in parts)
        same = [t for t in self.titles if t.numbers == numbers]
        above = [t for t in same if t.line <= line]
        found = above[-1] if above else (same[0] if same else None)
        return found.title if found is not None else ""
