"""Read each node's indicator table into :class:`DocIndicator` rows.

Tables reach the reader in three dresses, and one reader serves them all:

- **cells**: tab-separated text or a PDF/Word table row — cells go to the header's columns;
- **flattened**: a row's cells separated by spaces, one row a line or a whole table on one
  line, or one cell a line (「合計特殊出生率 1.44(※) (2019年) 1.61 (2026年)」) — the rows are
  cut out of the stream of words: a name (words that are not values) and then as many values as
  the header has value columns, each value with the period in parentheses after it;
- **arrows**: 「名称：基準値（時点）→ 目標値（時点）」, one row a line.

The header names the columns (基準値/現状値, 目標値, 中間目標値, a year per column, 単位 …) and may
give a column's period once (「現状値（令和元年度）」); a cell's own period wins, and a note such as
「※現状値は令和2年の値」 overrides the header for the row before it.  A cell that cannot be read
keeps its text with a warning; a period the document does not give stays unknown, never guessed.
Flattened rows are rewritten as tab-separated row blocks of the same words, so the page shows
a table and no word is lost.  The header's columns are read in
:mod:`shisaku.domain.plandoc_columns`, flattened and arrow rows cut out in
:mod:`shisaku.domain.plandoc_flatrows`; here each row becomes an indicator.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.periods import Period, PeriodError, read_period
from shisaku.domain.plandoc_columns import (
    LEAD_ROLES,
    VALUE_ROLES,
    Column,
    columns_of,
    lead_roles,
    text_columns,
)
from shisaku.domain.plandoc_flatrows import (
    ARROWS,
    TableRow,
    arrow_row,
    labelled,
    lead_rows,
    stream_rows,
)
from shisaku.domain.plandoc_labelled import is_labelled
from shisaku.domain.plandoc_sections import header_columns
from shisaku.domain.plantree import Block, Section, Warning
from shisaku.domain.values import CellError, Reading

_Flat = tuple[list[TableRow], list[str]]  # rows read, and the words that made none

_NOTE_OVERRIDE = re.compile(
    r"(現状値|基準値|目標値|現状|基準)(?:の(?:時点|年度))?(?:は|：|:)\s*(?P<period>[^、。の]+?)"
    r"(?:の値|の数値|時点|現在|のもの|です|。|$)"
)
_MARK_TAIL = re.compile(r"(?:[※＊*][0-9０-９]*)+$")

# --- cells --------------------------------------------------------------------------------------


_NEW = frozenset({"新規", "新設", "新規指標"})


def _figure(cell: str, column: Column, override: Period | None) -> DocFigure:
    """Read one figure cell; the cell's period, else the override, else the column's.

    A baseline of 「新規」 (a new indicator) states that there is no baseline yet.
    """
    try:
        read = read_figure_cell(cell)
    except (CellError, PeriodError):
        return DocFigure(cell.strip(), None, override or column.period)
    reading = read.reading
    if column.role == "baseline" and reading.label in _NEW:
        reading = Reading(reading.raw, "missing", label=reading.label)
    period = read.period or override or column.period
    return DocFigure(cell.strip(), reading, period, read.scope)


_LEAD_MARK = re.compile(r"^(?:[・●○◆◇■□◎▪•◦-]|[①-⑳]|[(（][0-9０-９]{1,2}[)）])\s*")


def _clean_name(name: str) -> str:
    """Return an indicator name without a list mark in front or note marks behind it."""
    return _MARK_TAIL.sub("", _LEAD_MARK.sub("", name.strip())).strip()


def _override(notes: list[str]) -> dict[str, Period]:
    """Return the periods notes give for a role: 「※現状値は令和2年の値」 → baseline 2020."""
    found: dict[str, Period] = {}
    for note in notes:
        for m in _NOTE_OVERRIDE.finditer(note):
            try:
                period = read_period(m["period"])
            except PeriodError:
                continue
            found["target" if m[1].startswith("目標") else "baseline"] = period
    return found


def _indicator(row: TableRow, columns: tuple[Column, ...]) -> DocIndicator:
    """Return the indicator a row states."""
    overrides = _override(row.notes)
    value_columns = [c for c in columns if c.role in (*VALUE_ROLES, "unit")]
    indicator = DocIndicator(_clean_name(row.name), row.line, note=" ".join(row.notes))
    indicator.unit = row.unit
    for n, (column, cell) in enumerate(zip(value_columns, row.cells, strict=False)):
        given = _given_period(row, n)
        if column.role == "unit":
            indicator.unit = cell.strip()
        elif column.role == "baseline":
            indicator.baseline = _figure(cell, column, given or overrides.get("baseline"))
        elif column.role in ("target", "intermediate"):
            indicator.targets.append(_figure(cell, column, given or overrides.get("target")))
    indicator.unit = indicator.unit or _unit_of(indicator)
    indicator.row = "\t".join([row.name, *row.cells, *row.notes])
    indicator.node_code = _code(row.node_code)
    return indicator


def _given_period(row: TableRow, n: int) -> Period | None:
    """Return the period a row gives apart for its n-th cell (「現状値の時点、令和元年度」)."""
    text = row.periods[n] if n < len(row.periods) else ""
    try:
        return read_period(text) if text else None
    except PeriodError:
        return None


def _code(text: str) -> str:
    """Return a node code as the tree writes it (「１－２」 → 1-2), or "" when it is none."""
    folded = re.sub(r"[‐－ー―−‑–—.・]", "-", unicodedata.normalize("NFKC", text.strip()))
    return folded if re.fullmatch(r"[0-9]{1,3}(?:-[0-9]{1,3})*", folded) else ""


def _unit_of(indicator: DocIndicator) -> str:
    """Return the unit the figures print (% of 62.0%), the target's first."""
    figures = [*indicator.targets[::-1], indicator.baseline]
    return next((f.reading.unit for f in figures if f and f.reading and f.reading.unit), "")


def _cells_row(text: str, line: int, columns: tuple[Column, ...]) -> TableRow:
    """Return a tab-separated row as name, value cells and the rest as notes."""
    cells = [c.strip() for c in text.split("\t")]
    by_role = list(zip(columns, cells, strict=False))
    name = next((c for col, c in by_role if col.role == "name"), cells[0])
    values = [c for col, c in by_role if col.role in (*VALUE_ROLES, "unit")]
    kept = (*VALUE_ROLES, "unit", "name", *LEAD_ROLES)
    notes = [c for col, c in by_role if col.role not in kept and c]
    code = next((c for col, c in by_role if col.role == "code"), "")
    return TableRow(name, values, line, notes, node_code=code)


# --- sections -------------------------------------------------------------------------------------


@dataclass
class _Table:
    """What one indicator section yields: rows, the blocks that now show it, the warnings."""

    indicators: list[DocIndicator] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def _flattened(entries: list[tuple[str, int]], columns: tuple[Column, ...]) -> _Flat:
    """Return the rows of flattened lines (arrow rows, a labelled stream or a plain stream) and
    the words that made no row."""
    text = " ".join(f"{t}\n" for t, _ in entries)
    line = entries[0][1]
    rows_text = [t for t in text.split("\n") if t.strip()]
    arrows = [arrow_row(t, line) for t in rows_text] if ARROWS.search(text) else []
    if arrows and all(arrows):
        return [r for r in arrows if r is not None], []
    if is_labelled(text):
        return labelled(text, line), []
    width = sum(c.role in VALUE_ROLES for c in columns)
    lead = lead_roles(columns)
    if lead:
        return lead_rows([t for t, _ in entries], line, width, lead, text_columns(columns))
    return stream_rows(text.replace("\n", " "), line, width)


def _place_lines(rows: list[TableRow], entries: list[tuple[str, int]]) -> None:
    """Give each flattened row the line its name begins on (rows come in the lines' order)."""
    keys = ["".join(t.split()) for t, _ in entries]
    at = 0
    for row in rows:
        head = "".join(row.name.split())[:6]
        found = (k for k in range(at, len(keys)) if _begins_in(head, keys, k))
        at = next(found, at)
        row.line = entries[at][1]


def _begins_in(head: str, keys: list[str], k: int) -> bool:
    """Tell whether ``head`` begins on line k (it may run on to the next line)."""
    after = keys[k + 1] if k + 1 < len(keys) else ""
    return 0 <= (keys[k] + after).find(head) < len(keys[k])


class _SectionReader:
    """Read the blocks of one indicator section in order, a table's columns in force."""

    def __init__(self, section: Section, line: int, lines: Mapping[int, int]) -> None:
        self.columns = columns_of(section.columns)
        self.between = _between_rows(section.blocks)
        self.table = _Table()
        self.stream: list[tuple[str, int]] = []  # flattened lines and their line numbers
        self.line = line
        self.lines = lines
        self.last: TableRow | None = None  # the tab row just read, which a note below dates

    def read(self, block: Block) -> None:
        """Read one block of the section."""
        header = header_columns(block.text) if block.kind == "row" else ()
        last, self.last = self.last, None
        if header:  # a second table in the same section: its own columns
            self.flush()
            self.columns = columns_of(list(header))
            self.table.blocks.append(block)
        elif self._dated_by_note(last, block.text):
            self.table.blocks.append(_as_paragraph(block))
        elif block.kind == "row" and "\t" in block.text:
            self._cells(block)
        elif block.kind == "row" and ARROWS.search(block.text):
            self.flush()  # an arrow row stands alone on its line
            self.stream.append((block.text, self._line(block)))
            self.flush()
        elif block.kind == "row" or self._runs_on(block):
            self.stream.append((block.text, self._line(block)))
        else:
            self.flush()
            self.table.blocks.append(block)

    def _runs_on(self, block: Block) -> bool:
        """Tell whether a paragraph between rows is the text of a row's reason or source
        columns, cut at its sentences (a table with such columns after its values)."""
        return id(block) in self.between and text_columns(self.columns) > 0

    def _line(self, block: Block) -> int:
        """Return the line a block was read from (the section's when it is not known)."""
        return self.lines.get(id(block), self.line)

    def _cells(self, block: Block) -> None:
        """Read a tab-separated row (a row without values is a note across the table)."""
        self.flush()
        row = _cells_row(block.text, self._line(block), self.columns)
        if any(c.strip() for c in row.cells):
            _add(self.table, _indicator(row, self.columns), keep=True, block=block)
            self.last = row
        else:  # a note across the table (※割合は市民意識調査によります。)
            self.table.blocks.append(Block(kind="paragraph", text=block.text.strip()))

    def _dated_by_note(self, row: TableRow | None, text: str) -> bool:
        """Let a note on the line under a tab row (※現状値は令和2年の値) date that row's
        figures; tell whether it did."""
        if row is None or "\t" in text or not _override([text]):
            return False
        row.notes.append(text.strip())
        self.table.indicators[-1] = _indicator(row, self.columns)
        return True

    def flush(self) -> None:
        """Read the flattened lines gathered so far into the table."""
        entries, self.stream = self.stream, []
        if not "".join(t for t, _ in entries).strip():
            return
        rows, loose = _flattened(entries, self.columns)
        _place_lines(rows, entries)
        for row in rows:
            _add(self.table, _indicator(row, self.columns), keep=False)
        if loose:
            self.table.blocks.append(Block(kind="paragraph", text=" ".join(loose)))


def _between_rows(blocks: list[Block]) -> set[int]:
    """Return the ids of the paragraphs that stand between two row blocks."""
    rows = [n for n, b in enumerate(blocks) if b.kind == "row"]
    if not rows:
        return set()
    return {id(b) for b in blocks[rows[0] : rows[-1]] if b.kind == "paragraph"}


def _as_paragraph(block: Block) -> Block:
    """Return a block as a paragraph (a line of a table that is no row: a note)."""
    return block if block.kind != "row" else Block(kind="paragraph", text=block.text.strip())


def _add(table: _Table, indicator: DocIndicator, keep: bool, block: Block | None = None) -> None:
    """Add an indicator and the row block that shows it."""
    table.indicators.append(indicator)
    table.blocks.append(block if keep and block else Block(kind="row", text=indicator.row))


def read_section(section: Section, line: int, lines: Mapping[int, int] | None = None) -> _Table:
    """Read one indicator section into rows; flattened rows become tab-separated blocks.

    ``lines`` maps the id of a block to the line it was read from, so that each row carries
    its own line; a block it does not name carries the section's ``line``.
    """
    reader = _SectionReader(section, line, lines or {})
    for block in section.blocks:
        reader.read(block)
    reader.flush()
    return reader.table
