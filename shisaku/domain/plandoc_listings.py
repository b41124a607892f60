"""Lines that list the plan's headings ahead of the plan itself: contents, listings, diagrams.

Three forms name headings once more before their own pages, and are set aside as noise:

- **a table of contents**: lines with leader dots and a page number (「第1節 保健・医療 ···· 33」),
  and the block a 目次 label opens (titles with or without page numbers), up to where a title
  comes a second time, or a line without a page number where the entries had them (「Ⅲ 基本計画」
  after the contents, the body's first line);
- **a listing** (体系図, 施策一覧): a run of headings with nothing under them, each named again
  later with content of its own;
- **a diagram** drawn with box-drawing characters (a 施策の体系 copied as text:
  「基本施策1 ──┬── 1.災害に強いまちをつくる ───┬── 1-1.消防・防災体制の充実」): a line where a
  connector (a run of ─, or a branch ┬ ├ └ …) leads on to more words.
"""

from __future__ import annotations

import re

from shisaku.domain.plandoc_lines import Line, title_ok
from shisaku.domain.plandoc_text import match_key

_LEADERS = re.compile(r"(?:[.．…・･‥·⋯]\s*){3,}\s*[0-9０-９]{1,4}\s*$")
# A leader run a repair of doubled characters shortened (「····」 → 「··」): for titles only.
_SHORT_LEADERS = re.compile(r"(?:[.．…・･‥·⋯]\s*){2,}\s*[0-9０-９]{1,4}\s*$")
_TRAILING_PAGE = re.compile(r"\s[0-9０-９]{1,4}$")
_CONTENTS_LABELS = frozenset({"目次", "もくじ", "目次(基本計画)", "CONTENTS"})
_CONNECTOR = r"(?:[─━═]{2,}|[┬┴┼├┤└┌┐┘┏┓┗┛┣┫┳┻╋])"
_DIAGRAM = re.compile(rf"{_CONNECTOR}.*[\w\u3040-\u30ff\u3400-\u9fff]")


def has_leaders(line: Line) -> bool:
    """Tell whether ``line`` ends in leader dots and a page number (a contents entry)."""
    return bool(_LEADERS.search(line.original or line.raw) or _LEADERS.search(line.raw))


def contents(lines: list[Line]) -> set[int]:
    """Return the indexes of a table of contents: leader lines and the block a 目次 opens."""
    found = {i for i, line in enumerate(lines) if has_leaders(line)}
    for i, line in enumerate(lines):
        if match_key(line.raw) in _CONTENTS_LABELS:
            found.add(i)
            found |= _contents_block(lines, i + 1)
    return found


def _entry_title(line: Line) -> str:
    """Return the title a contents entry names, without leaders and page number."""
    text = line.text if line.kind == "heading" else line.raw
    return match_key(_TRAILING_PAGE.sub("", _SHORT_LEADERS.sub("", text)))


def _contents_block(lines: list[Line], start: int) -> set[int]:
    """Return the entries after a 目次 label: titles, numbers and page numbers, until a title
    comes a second time (the body begins), a sentence or section does, or a line without a
    page number follows entries that had them."""
    found: set[int] = set()
    seen: set[str] = set()
    paged = False
    for i in range(start, len(lines)):
        line = lines[i]
        title = _entry_title(line)
        entry = has_leaders(line) or bool(_TRAILING_PAGE.search(line.raw))
        short = line.kind in ("heading", "page") or (line.kind == "text" and title_ok(line.raw))
        if (title and title in seen) or not (entry or short) or (paged and not entry):
            break
        paged = paged or entry
        seen.add(title)
        found.add(i)
    return found


def diagram_lines(lines: list[Line]) -> set[int]:
    """Return the lines of a diagram drawn with box-drawing characters (see the docstring)."""
    return {
        i
        for i, line in enumerate(lines)
        if line.kind in ("heading", "text", "group", "bullet") and _DIAGRAM.search(line.raw)
    }


def _heading_key(line: Line) -> tuple[str, tuple[int, ...], str]:
    """Return what identifies a heading: its style, numbers and title."""
    return line.style, line.numbers, match_key(line.text)


def _bare_heading(lines: list[Line], i: int) -> bool:
    """Tell whether heading ``i`` has nothing under it before the next heading."""
    for line in lines[i + 1 :]:
        if line.kind == "heading":
            return True
        if line.kind in ("section", "header", "row", "bullet", "footnote", "department"):
            return False
        if line.kind == "text" and line.text.endswith("。"):
            return False
    return True


def listings(lines: list[Line]) -> set[int]:
    """Return headings listed ahead of their own pages (体系図, 施策一覧), and the lines of a
    diagram drawn with box-drawing characters.

    A listing is a run of at least two headings with nothing under them, each named again
    later with content of its own; a page header that repeats one heading is not one.
    """
    heads = [i for i, line in enumerate(lines) if line.kind == "heading" and line.text]
    bare = {i for i in heads if _bare_heading(lines, i)}
    found: set[int] = set()
    for n, i in enumerate(heads):
        run = (n > 0 and heads[n - 1] in bare) or (n + 1 < len(heads) and heads[n + 1] in bare)
        if (
            i in bare
            and run
            and _named_again(lines, i, [j for j in heads[n + 1 :] if j not in bare])
        ):
            found.add(i)
    return found | diagram_lines(lines)


def _named_again(lines: list[Line], i: int, later: list[int]) -> bool:
    """Tell whether heading ``i`` is named again by one of the ``later`` headings (the same
    title, in any numbering: a chapter's first page lists 「1 …」 for its 「第1節 …」)."""
    title = _heading_key(lines[i])[2]
    for j in later:
        t = _heading_key(lines[j])[2]
        if t and (title.startswith(t) or t.startswith(title)):
            return True
    return False
