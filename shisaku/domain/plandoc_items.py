"""Actions printed run together: 「【主な取り組み】創業塾の開催、空き店舗の活用支援、【新規】…」.

Some strategies list a measure's actions on one line, separated by 「、」 and wrapped anywhere,
even in the middle of a name.  Each piece is one action, its 【新規】 tag or (再掲) mark kept
as printed.  A 「、」 inside brackets (「まち、ひと」の推進) does not separate.
"""

from __future__ import annotations

import re

_OPEN = "「『（(【〔［["
_CLOSE = "」』）)】〕］]"
_TAG = re.compile(r"^(?:[【〔［][^】〕］]{1,6}[】〕］])+")
# An action's name is a noun phrase: it ends in a kanji, katakana or a closing bracket.
_NOUN_END = re.compile(r"[\u3005\u4e00-\u9fff\u30a1-\u30ff）)】〕］」』]$")
MIN_ITEMS = 3  # a line under 主な取組 with fewer pieces may be one name holding a 「、」


def split_items(text: str) -> list[str]:
    """Return the pieces of ``text`` between top-level 「、」; a trailing 「、」 stays on the last
    piece (the next line starts a new one)."""
    pieces, depth, start = [], 0, 0
    for i, ch in enumerate(text):
        if ch in _OPEN:
            depth += 1
        elif ch in _CLOSE:
            depth = max(depth - 1, 0)
        elif ch == "、" and depth == 0:
            pieces.append(text[start:i])
            start = i + 1
    rest = text[start:]
    if rest:
        pieces.append(rest)
    elif pieces:
        pieces[-1] += "、"
    return [p.strip() for p in pieces if p.strip()] or [text]


def lists_items(text: str) -> bool:
    """Tell whether a line under 主な取組 lists several actions rather than naming one.

    It has no sentence end and at least three pieces, each but the last (a wrap may cut it) a
    noun phrase of three characters or more.
    """
    if "。" in text:
        return False
    pieces = split_items(text)
    return len(pieces) >= MIN_ITEMS and all(_noun(p) for p in pieces[:-1])


def _noun(piece: str) -> bool:
    """Tell whether ``piece`` reads as an action's name."""
    bare = _TAG.sub("", piece)
    return len(bare) >= 3 and bool(_NOUN_END.search(bare))
