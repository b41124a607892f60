"""Find the searched words in a text and mark them: <mark> around each match, the rest escaped.

Matching folds both sides the way the search does (NFKC, then lower case), one character at a
time so that every match maps back onto the original text: 「ＩＣＴ」 in the text is marked for
the query 「ict」, and the text is shown exactly as the source writes it.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

ELLIPSIS = "…"


def fold(text: str) -> tuple[str, list[int]]:
    """Return ``text`` folded (NFKC, lower case) and the source index of each folded character."""
    pieces: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        piece = unicodedata.normalize("NFKC", char).lower()
        pieces.append(piece)
        where.extend([index] * len(piece))
    return "".join(pieces), where


def spans(text: str, terms: Sequence[str]) -> list[tuple[int, int]]:
    """Return the (start, end) of every occurrence of any term in ``text``, merged and in order."""
    folded, where = fold(text)
    found: list[tuple[int, int]] = []
    for term in terms:
        needle = fold(term)[0]
        at = folded.find(needle) if needle else -1
        while at >= 0:
            end = at + len(needle)
            found.append((where[at], where[end - 1] + 1))
            at = folded.find(needle, end)
    return _merge(sorted(found))


def _merge(ordered: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Merge overlapping or touching spans."""
    merged: list[tuple[int, int]] = []
    for start, end in ordered:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def matches_all(text: str, terms: Sequence[str]) -> bool:
    """Return whether every term occurs in ``text`` (folded as the search folds)."""
    folded = fold(text)[0]
    return all(fold(term)[0] in folded for term in terms)


def window(length: int, found: list[tuple[int, int]], width: int) -> tuple[int, int]:
    """Return the part of a text to show: ``width`` characters around the first match."""
    if length <= width:
        return 0, length
    first = found[0][0] if found else 0
    start = max(0, min(first - width // 3, length - width))
    return start, start + width


def marked(text: str, terms: Sequence[str], *, width: int | None = None) -> SafeString:
    """Return ``text`` as HTML with each match in <mark>, cut to ``width`` characters if given."""
    found = spans(text, terms)
    start, end = window(len(text), found, width) if width else (0, len(text))
    parts = [ELLIPSIS] if start > 0 else []
    done = start
    for s, e in found:
        s, e = max(s, start), min(e, end)
        if s >= e:
            continue
        parts += [escape(text[done:s]), f"<mark>{escape(text[s:e])}</mark>"]
        done = e
    parts.append(escape(text[done:end]))
    if end < len(text):
        parts.append(ELLIPSIS)
    # Safe: every piece of the text is escaped; only <mark> is added.
    return mark_safe("".join(parts))
