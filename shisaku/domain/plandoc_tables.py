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
「※現状値は令和2年の値」 overrides the header for the row before it, as a numbered note naming the
survey a marked figure comes from does for that figure (:mod:`~shisaku.domain.plandoc_marknotes`).
A cell that cannot be read keeps its text with a warning; a period the document does not give
stays unknown, never guessed.  Flattened rows are rewritten as tab-separated row blocks of the
same words, so the page shows a table and no word is lost.  The header's columns are read in
:mod:`shisaku.domain.plandoc_columns`, flattened and arrow rows cut out in
:mod:`shisaku.domain.plandoc_flatrows`, and each row becomes an indicator in
:mod:`shisaku.domain.plandoc_rowindicators`; here a section's blocks are read in order.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from shisaku.domain.docindicators import DocIndicator
from shisaku.domain.plandoc_columns import (
    VALUE_ROLES,
    Column,
    columns_of,
    lead_roles,
    text_columns,
)
from shisaku.domain.plandoc_eras import EraCarry
from shisaku.domain.plandoc_flatrows import (
    ARROWS,
    TableRow,
    arrow_row,
    labelled,
    lead_rows,
    stream_rows,
)
from shisaku.domain.plandoc_gluedrows import glued_header, glued_rows
from shisaku.domain.plandoc_labelled import is_labelled
from shisaku.domain.plandoc_marknotes import date_marked, note_dates
from shisaku.domain.plandoc_prose import ProseRow, prose_indicator, prose_rows
from shisaku.domain.plandoc_rowindicators import cells_row, note_periods, row_indicator
from shisaku.domain.plandoc_schedule import schedule_header
from shisaku.domain.plandoc_sections import header_columns
from shisaku.domain.plantree import Block, Section, Warning

_Flat = tuple[list[TableRow], list[str]]  # rows read, and the words that made none

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
    return stream_rows([t for t, _ in entries], line, width)


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

    def __init__(
        self, section: Section, line: int, lines: Mapping[int, int], era: EraCarry
    ) -> None:
        self.era = era
        self.columns = self._columns(section.columns)
        self.between = _between_rows(section.blocks)
        self.table = _Table()
        self.stream: list[tuple[str, int]] = []  # flattened lines and their line numbers
        self.line = line
        self.lines = lines
        self.last: TableRow | None = None  # the tab row just read, which a note below dates
        self.schedule = False  # reading a project's yearly schedule: rows of text, no indicator

    def read(self, block: Block) -> None:
        """Read one block of the section."""
        header = header_columns(block.text) if block.kind == "row" else ()
        glued = glued_header(block.text) if block.kind in ("row", "paragraph") else None
        last, self.last = self.last, None
        if self._scheduled(block):
            self.table.blocks.append(block)
        elif header:  # a second table in the same section: its own columns
            self.flush()
            self.columns = self._columns(list(header))
            self.table.blocks.append(block)
        elif glued is not None:
            self._glued(block, *glued)
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
        elif block.kind == "paragraph" and (stated := prose_rows(block.text)):
            self._prose(block, stated)
        else:
            self.flush()
            self.table.blocks.append(block)

    def _glued(self, block: Block, header: list[str], body: str) -> None:
        """Read a table whose cells lost their spaces (see plandoc_gluedrows)."""
        self.flush()
        self.columns = self._columns(header)
        self.table.blocks.append(Block(kind="row", text="\t".join(header)))
        width = sum(c.role in VALUE_ROLES for c in self.columns)
        rows, rest = glued_rows(body, self._line(block), width)
        for row in rows:
            _add(self.table, self._indicator(row), keep=False)
        if rest.strip():
            self.table.blocks.append(Block(kind="paragraph", text=rest.strip()))

    def _scheduled(self, block: Block) -> bool:
        """Tell whether a block is a row of a project's yearly schedule (its header opens one,
        any other block ends it): kept as it is, read into no indicator."""
        cells = block.text.split("\t") if block.kind == "row" else []
        if len(cells) > 1 and schedule_header(cells):
            self.flush()
            self.schedule = True
        self.schedule = self.schedule and len(cells) > 1 and not header_columns(block.text)
        return self.schedule

    def _prose(self, block: Block, stated: list[ProseRow]) -> None:
        """Read the indicators a paragraph states in sentences; the sentences stay as text."""
        self.flush()
        line = self._line(block)
        self.table.indicators.extend(prose_indicator(row, line, self.era) for row in stated)
        self.table.blocks.append(block)

    def _columns(self, header: list[str]) -> tuple[Column, ...]:
        """Return the columns of a header, noting the era it states (現状値（令和元年度）)."""
        for label in header:
            self.era.note(label)
        return columns_of(header, self.era.era)

    def _indicator(self, row: TableRow) -> DocIndicator:
        """Return the indicator a row states under the columns in force."""
        return row_indicator(row, self.columns, self.era)

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
        row = cells_row(block.text, self._line(block), self.columns)
        if any(c.strip() for c in row.cells):
            _add(self.table, self._indicator(row), keep=True, block=block)
            self.last = row
        else:  # a note across the table (※割合は市民意識調査によります。)
            self.table.blocks.append(Block(kind="paragraph", text=block.text.strip()))

    def _dated_by_note(self, row: TableRow | None, text: str) -> bool:
        """Let a note on the line under a tab row (※現状値は令和2年の値) date that row's
        figures; tell whether it did."""
        if row is None or "\t" in text or not note_periods([text], self.era):
            return False
        row.notes.append(text.strip())
        self.table.indicators[-1] = self._indicator(row)
        return True

    def flush(self) -> None:
        """Read the flattened lines gathered so far into the table."""
        entries, self.stream = self.stream, []
        if not "".join(t for t, _ in entries).strip():
            return
        rows, loose = _flattened(entries, self.columns)
        _place_lines(rows, entries)
        for row in rows:
            _add(self.table, self._indicator(row), keep=False)
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


def read_section(
    section: Section,
    line: int,
    lines: Mapping[int, int] | None = None,
    era: EraCarry | None = None,
) -> _Table:
    """Read one indicator section into rows; flattened rows become tab-separated blocks.

    ``lines`` maps the id of a block to the line it was read from, so that each row carries
    its own line; a block it does not name carries the section's ``line``.  ``era`` carries
    the era the document last stated from one section to the next, in reading order.
    """
    reader = _SectionReader(section, line, lines or {}, era or EraCarry())
    for block in section.blocks:
        reader.read(block)
    reader.flush()
    notes = (b.text for b in reader.table.blocks if b.kind == "paragraph")
    date_marked(reader.table.indicators, note_dates(notes))
    return reader.table
