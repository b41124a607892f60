"""Titles without a number that a document prints right before each indicator table.

A progress report of the indicators (a web page, an appendix) often gives each 施策 as a bare
title over its table::

    子育て支援の充実
    主要施策コード | 成果指標 | 区分 | 令和元年 | … | 5か年目標
    21101 | 地域子育て支援センターの利用者数 | 当初 | 8,420人 | … | 9,500人

A short line that reads as a title (it begins with a word, not a bracketed note such as 「（令和5年
4月1日現在）」; no figure stands apart in it; no stray quote) and is directly followed by
an indicator table (its header, its rows, or its cells one a line) is a heading candidate of its
own style (:data:`TITLE_STYLE`) where the document repeats that pattern with titles of their
own; once alone, it stays text (a caption over the only table of a page), and a line printed
alike over every table (「主要目標」) is the tables' label, not a title.  A line before a table's
label (成果指標) is no title here: a picture's caption or a source note stands there too.  The
layout decides, like any candidate, whether the style is a level of the plan.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from shisaku.domain.plandoc_lines import Line, title_ok
from shisaku.domain.plandoc_text import collapse_title

# The style of a title standing before its table, as a profile names it.
TITLE_STYLE = "表の前の題"
MAX_TITLE = 40  # longer lines over a table are captions or sentences
MIN_TITLES = 2  # the pattern must repeat
_FIGURE = re.compile(r"(?:^|\s)[0-9０-９][0-9０-９,，.．]*(?:\s|$)")  # a row's value, apart


def _opens_table(line: Line) -> bool:
    """Tell whether ``line`` begins an indicator table: its header or row, or a cell printed
    on a line of its own and closed by a pipe (「成果指標 |」)."""
    return line.kind in ("header", "row") or line.raw.rstrip().endswith("|")


def _title(lines: list[Line], i: int) -> str:
    """Return the title line ``i`` gives a table directly after it, or ""."""
    line = lines[i]
    if line.kind != "text" or i + 1 >= len(lines) or not _opens_table(lines[i + 1]):
        return ""
    title = collapse_title(line.raw)
    if _FIGURE.search(title) or not title_ok(title) or len(title) > MAX_TITLE:
        return ""
    return title if title[0].isalnum() and '"' not in title else ""


def table_titles(lines: list[Line]) -> list[Line]:
    """Return the lines with every title printed right before a table made a heading candidate,
    where there are :data:`MIN_TITLES` of them or more."""
    found = {i: t for i in range(len(lines)) if (t := _title(lines, i))}
    counts = Counter(found.values())
    found = {i: t for i, t in found.items() if counts[t] == 1}
    if len(found) < MIN_TITLES:
        return lines
    return [
        replace(line, kind="heading", text=found[i], style=TITLE_STYLE, numbers=(), word="")
        if i in found
        else line
        for i, line in enumerate(lines)
    ]
