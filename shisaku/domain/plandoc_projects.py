"""Project tables of a 実施計画: the projects that carry a measure, not its indicators.

A 実施計画 sets out under each 実施施策 the projects (事業) that carry it, in a table of its own::

    事業                                         事業費(千円)                  担当課
                                         R3        R4        R5        R6
    ◎創 子育て世代包括支援センター運営事業   18,400    18,400    18,900    18,900   こども家庭課
         妊娠期から子育て期までの相談を一つの窓口で受け、必要な支援につなげる。

The header names the project column (事業, 事業名, 主な事業 …) and what a project has besides
(事業費, 事業概要, 事業内容, 予算 …), never an indicator's values; a row of years (R3 R4 R5 R6)
may stand under it.  Each row is one project: a mark for its kind (◎●◇◆) and a tag glued to it
(「創」: a project of the 総合戦略) before its name, then its cells (a budget a year, 「-」 for
none, the department), and its description on the lines below.

Such a table is no indicator table.  Its header becomes the label of the measure's action list
(主な事業), each row an action titled as printed without its mark and tags, carrying its cells
(:func:`is_project_row`); the plan builder keeps those cells and the description as the
action's text, never as figures.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_projectrows import RowLayout, row_layout, wrapped
from shisaku.domain.plandoc_text import fold

# Header columns that name the projects (the first column) and what a project has besides.
NAME_COLUMNS = frozenset(
    {"事業", "事業名", "事業名称", "主な事業", "主要事業", "事務事業", "事務事業名", "実施事業"}
    | {"計画事業", "主な取組", "取組", "取組名"}
)
PROJECT_COLUMNS = frozenset(
    {"事業費", "計画事業費", "総事業費", "概算事業費", "予算", "予算額", "所要額", "財源"}
    | {"事業概要", "事業内容", "概要", "内容", "取組内容"}
)
# Columns before the name that number the rows (番号 1, 2, 3).
NUMBER_COLUMNS = frozenset({"番号", "No", "No.", "NO", "№", "事業番号", "整理番号"})
_INDICATOR_WORDS = ("指標", "現状", "目標", "基準", "実績")
_UNIT = re.compile(r"[(（][^()（）]*[)）]")
_GAP = re.compile(r"\t|\s{2,}")
_YEAR = re.compile(r"^(?:R|H|令和|平成)?\s*(?:[0-9]{1,4}|元)(?:年度?)?$")
_AMOUNT = re.compile(r"^(?:[△▲-]?[0-9][0-9,.]*|[-ー―—–])$")
_LEAD = re.compile(
    r"^(?P<mark>[◎●○◯◇◆□■☆★])(?P<tag>[\u4e00-\u9fff]{1,2}(?=\s))?\s*"
    r"(?P<bracket>(?:[【［\[][^】］\]\s]{1,4}[】］\]]\s*)*)"
)
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u9fff々]")
DESCRIBES = "project"  # the key of a text line that describes the project row above it


def _bare(cell: str) -> str:
    """Return a header cell without spaces and its unit in parentheses (事業費(千円) → 事業費)."""
    return _UNIT.sub("", "".join(fold(cell).split()))


def _header_cells(line: Line) -> list[str]:
    """Return a header's cells: its own, else the line cut at wide gaps or at spaces, a unit
    in parentheses kept with the name before it."""
    if line.cells:
        return [c.strip() for c in line.cells if c.strip()]
    text = (line.original or line.raw).strip()
    cells = _GAP.split(text) if _GAP.search(text) else text.split()
    out: list[str] = []
    for cell in (c.strip() for c in cells if c.strip()):
        if out and cell[0] in "(（":
            out[-1] += cell
        else:
            out.append(cell)
    return out


def project_header(line: Line) -> tuple[str, ...] | None:
    """Return the columns of a project table's header (see the module docstring), or None."""
    if line.kind not in ("text", "header", "row"):
        return None
    cells = _header_cells(line)
    bare = [_bare(c) for c in cells]
    if len(bare) > 2 and bare[0] in NUMBER_COLUMNS:
        bare = bare[1:]
    if len(bare) < 2 or bare[0] not in NAME_COLUMNS:
        return None
    if any(w in b for b in bare for w in _INDICATOR_WORDS):
        return None
    return tuple(cells) if any(b in PROJECT_COLUMNS for b in bare[1:]) else None


def _years(line: Line) -> bool:
    """Tell whether ``line`` is a row of years under a header (R3 R4 R5 R6, 2021年度 …)."""
    cells = list(line.cells) or (line.original or line.raw).split()
    return len(cells) >= 2 and all(_YEAR.match(fold(c).strip()) for c in cells)


def _split_row(text: str) -> tuple[bool, str, list[str]]:
    """Return whether a row starts with a mark, its name (mark and tags left out) and its cells:
    the pieces after wide gaps, or the words from the first amount on."""
    lead = _LEAD.match(text)
    rest = text[lead.end() :] if lead else text
    pieces = _unnumbered([p.strip() for p in _GAP.split(rest.strip()) if p.strip()])
    if len(pieces) > 1:
        return bool(lead), pieces[0], pieces[1:]
    words = rest.split()
    at = next((i for i, w in enumerate(words) if i and _AMOUNT.match(fold(w))), len(words))
    return bool(lead), " ".join(words[:at]), words[at:]


def _unnumbered(cells: list[str]) -> list[str]:
    """Return a row's cells without the row number in front (「1」 under 番号)."""
    return cells[1:] if len(cells) > 2 and cells[0].strip().isdigit() else cells


def _project(line: Line) -> Line | None:
    """Return a project row as a list item carrying its cells, or None when it is not one."""
    if line.kind not in ("text", "bullet", "row", "heading"):
        return None
    if line.cells:
        first, *rest = _unnumbered([c for c in line.cells if c.strip()])
        marked, title, more = _split_row(first)
        cells = [*more, *(c.strip() for c in rest)]
    else:
        marked, title, cells = _split_row((line.original or line.raw).strip())
    amounts = any(_AMOUNT.match(fold(c)) for c in cells)
    apart = bool(line.cells) or bool(_GAP.search((line.original or line.raw).strip()))
    if len(_CJK.findall(title)) < 2 or title.endswith("。"):
        return None
    if not (amounts or (cells and (marked or apart))):
        return None
    return replace(line, kind="bullet", text=title, cells=tuple(cells))


def _description(line: Line, previous: str) -> Line | None:
    """Return a line describing the project above it (indented, or a sentence right under its
    row) as text, or None."""
    text = (line.original or line.raw).rstrip()
    indented = text[:1] in (" ", "\u3000", "\t")
    if line.kind not in ("text", "bullet") or _GAP.search(text.strip()) or not previous:
        return None
    if indented or (previous == "row" and text.endswith("。")):
        return replace(line, kind="text", text=text.strip(), key=DESCRIBES)
    return None


def is_project_row(line: Line) -> bool:
    """Tell whether ``line`` is a project row read by :func:`project_tables`, or a project
    named by its label (:func:`labelled_projects`)."""
    return line.kind == "bullet" and (bool(line.cells) or line.key == PROJECT)


def describes_project(line: Line) -> bool:
    """Tell whether ``line`` describes the project above it (a line of text under its row, or
    any line of a labelled project's block: its department, its schedule)."""
    return line.key == DESCRIBES and line.kind != "bullet"


# --- projects named by a label: 「計画事業 すくすく面接事業」 over the lines that describe it ----

PROJECT = "project_head"  # the key of a project named by its label
_FIELDS = ("事業概要", "事業内容", "事業の概要", "事業の内容", "概要", "内容", "目的", "事業目的")


def _named_project(line: Line) -> str:
    """Return the name a project label gives (「計画事業 すくすく面接事業」), or ""."""
    if line.kind != "text":
        return ""
    label, _, name = line.raw.strip().partition(" ")
    name = name.strip()
    if _bare(label) not in NAME_COLUMNS or not name or name[0] in "・･-":
        return ""
    return name if len(_CJK.findall(name)) >= 2 and not name.endswith("。") else ""


def _describes(line: Line) -> bool:
    """Tell whether ``line`` is a labelled field of a project (所管課, 事業概要 …)."""
    return line.kind == "department" or fold(line.raw.strip()).startswith(_FIELDS)


def labelled_projects(lines: list[Line]) -> list[Line]:
    """Return the lines with every project named by its label (「計画事業 すくすく面接事業」)
    whose next line is one of its fields (所管課 …, 事業概要 …) read as a project row, and the
    lines after it, up to the next heading, section label or project, as its description
    (its department, its summary, its 年次計画 schedule: never indicators)."""
    out: list[Line] = []
    open_block = False
    for i, line in enumerate(lines):
        name = _named_project(line)
        after = next((x for x in lines[i + 1 :] if x.kind != "page"), None)
        if name and after is not None and _describes(after):
            out.append(replace(line, kind="bullet", text=name, key=PROJECT))
            open_block = True
        elif open_block and line.kind not in ("heading", "section", "page"):
            out.append(replace(line, key=DESCRIBES))
        else:
            open_block = open_block and line.kind == "page"
            out.append(line)
    return out


@dataclass
class _Table:
    """The project table being read: the lines so far, the table line before, and the last
    row with where its cells start."""

    out: list[Line] = field(default_factory=list)
    state: str = ""  # "" outside a table; "header", "row" or "description"
    row: int = -1  # the position of the last row in ``out``
    layout: RowLayout | None = None


def project_tables(lines: list[Line]) -> list[Line]:
    """Return the lines with every project table read: its header a 主な事業 label (a row of
    years under it joined to it), its rows list items carrying their cells (cells wrapped onto
    the next line joined again), the lines that describe them text."""
    table = _Table()
    for line in lines:
        _read(table, line)
    return table.out


def _read(table: _Table, line: Line) -> None:
    """Read one line into the project table (or pass it on)."""
    out = table.out
    columns = project_header(line)
    if columns is not None:
        label = replace(line, kind="section", key="initiatives", text=columns[0])
        out.append(replace(label, cells=columns))
        table.state = "header"
    elif table.state == "header" and _years(line):
        out[-1] = replace(out[-1], cells=(*out[-1].cells, *_year_cells(line)))
    elif table.state == "row" and (more := _wrapped(table, line)) is not None:
        out[table.row] = more
    elif table.state and (row := _project(line)) is not None:
        out.append(row)
        table.state, table.row, table.layout = "row", len(out) - 1, row_layout(row)
    elif table.state in ("row", "description") and (text := _description(line, table.state)):
        out.append(text)
        table.state = "description"
    else:
        out.append(line)
        table.state = ""


def _wrapped(table: _Table, line: Line) -> Line | None:
    """Return the last row with the cells ``line`` continues, or None."""
    if table.layout is None:
        return None
    return wrapped(table.out[table.row], table.layout, line)


def _year_cells(line: Line) -> tuple[str, ...]:
    """Return the years of a row of years."""
    return tuple(line.cells) or tuple((line.original or line.raw).split())
