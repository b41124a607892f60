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
a table and no word is lost.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.periods import Period, PeriodError, read_period
from shisaku.domain.plandoc_labelled import is_labelled, labelled_rows
from shisaku.domain.plandoc_sections import header_columns, section_key, spoken_to_written
from shisaku.domain.plantree import Block, Section, Warning
from shisaku.domain.values import CellError, Reading

VALUE_ROLES = ("baseline", "intermediate", "target", "actual")
_ROLE_WORDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("unit", ("単位",)),
    ("intermediate", ("中間目標",)),
    ("baseline", ("基準値", "現状値", "現況値", "現在値", "策定時", "基準年度の値", "現状")),
    ("target", ("目標値", "最終目標", "数値目標", "目標")),
    ("actual", ("実績",)),
    ("direction", ("方向性", "目指す方向", "めざす方向")),
    ("department", ("担当課", "担当")),
    ("definition", ("算出方法", "指標の説明", "定義")),
    ("source", ("出典", "出所")),
    ("other", ("達成状況", "検証結果", "評価", "備考")),
)
_NAME_WORDS = ("指標", "項目", "KPI")
_ARROWS = re.compile(r"\s*(?:→|⇒|➡|⇨|->|右矢印|右に向かう矢印|右向き矢印)\s*")
_PAREN_TOKEN = re.compile(r"^[(（][^()（）]*[)）]$")
_NOTE_OVERRIDE = re.compile(
    r"(現状値|基準値|目標値|現状|基準)(?:の(?:時点|年度))?(?:は|：|:)\s*(?P<period>[^、。の]+?)"
    r"(?:の値|の数値|時点|現在|のもの|です|。|$)"
)
_MARK_TAIL = re.compile(r"(?:[※＊*][0-9０-９]*)+$")
_DIRECTION_WORDS = frozenset({"増加", "減少", "維持", "現状維持", "向上", "低下", "削減"})
_TARGET_WORDS = frozenset(
    {"策定", "設置", "実施", "完了", "開設", "新規", "全員取得", "達成", "継続", "整備", "導入"}
    | {"全校", "全員", "全域", "全地区", "全件", "全世帯", "皆増", "解消", "ゼロ"}
)
_TOKEN = re.compile(r"[(（][^()（）]*[)）]|\S+")
_CJK_END = re.compile(r"[\u3040-\u30ff\u3400-\u9fff々ー・）)]$")
_CJK_START = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff々（(]")


@dataclass(frozen=True)
class Column:
    """One column of an indicator table: its role and the period its header gives."""

    role: str
    label: str = ""
    period: Period | None = None


DEFAULT_COLUMNS = (Column("name"), Column("baseline"), Column("target"))


def _header_period(label: str) -> Period | None:
    """Return the period a header cell gives in parentheses (現状値（令和元年度）), or None."""
    for found in re.findall(r"[(（]([^()（）]+)[)）]", label):
        try:
            return read_period(found)
        except PeriodError:
            continue
    return None


def _year_column(label: str) -> Period | None:
    """Return the period of a header cell that is only a year (R4, 2024年度), or None."""
    try:
        return read_period(label)
    except PeriodError:
        return None


def column_of(label: str, first: bool) -> Column:
    """Return the role of a header cell."""
    text = "".join(spoken_to_written(label).split())
    year = _year_column(text)
    if year is not None:
        return Column("target", label, year)
    bare = re.sub(r"[(（][^()（）]*[)）]", "", text)
    for role, words in _ROLE_WORDS:
        named = first and (role == "other" or any(w in bare for w in _NAME_WORDS))
        if any(w in bare for w in words) and not named:
            return Column(role, label, _header_period(text))
    return Column("name" if first or any(w in bare for w in _NAME_WORDS) else "other", label)


_CODE_WORDS = frozenset({"施策", "施策番号", "番号", "No", "No.", "コード", "施策コード"})


def _named_later(header: list[str]) -> bool:
    """Tell whether a column after the first names the indicators (分野 | 施策 | 指標 …)."""
    return any(w in label for label in header[1:] for w in _NAME_WORDS)


def _without_label(header: list[str]) -> list[str]:
    """Return a header without the table's label joined to it as a first column (成果指標 over
    column names printed one a line: 成果指標 | 指標名 | 現状値 | 目標値)."""
    found = section_key("\t".join(header)) if len(header) >= 3 else None
    return list(found[2]) if found and found[2] else header


def columns_of(header: list[str]) -> tuple[Column, ...]:
    """Return the columns of a header (the default name/baseline/target when there is none).

    When a later column names the indicators (an appendix: 分野 | 施策 | 掲載頁 | 指標 …), the
    first columns are not the name, and a 施策 column holds the code of each row's node.
    """
    header = _without_label(header)
    if not header:
        return DEFAULT_COLUMNS
    later = _named_later(header)
    columns = tuple(
        Column("code", label)
        if "".join(label.split()) in _CODE_WORDS
        else column_of(label, i == 0 and not later)
        for i, label in enumerate(header)
    )
    if not any(c.role in VALUE_ROLES for c in columns):
        return DEFAULT_COLUMNS
    return columns


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


@dataclass
class _Row:
    """A row cut out of a table: its name words, its value cells and its notes."""

    name: str
    cells: list[str]
    line: int
    notes: list[str] = field(default_factory=list)
    unit: str = ""
    periods: list[str] = field(default_factory=list)  # a period given apart, cell by cell
    node_code: str = ""  # the node a row names itself (a 施策 column of an appendix table)


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


def _indicator(row: _Row, columns: tuple[Column, ...]) -> DocIndicator:
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


def _given_period(row: _Row, n: int) -> Period | None:
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


def _cells_row(text: str, line: int, columns: tuple[Column, ...]) -> _Row:
    """Return a tab-separated row as name, value cells and the rest as notes."""
    cells = [c.strip() for c in text.split("\t")]
    by_role = list(zip(columns, cells, strict=False))
    name = next((c for col, c in by_role if col.role == "name"), cells[0])
    values = [c for col, c in by_role if col.role in (*VALUE_ROLES, "unit")]
    kept = (*VALUE_ROLES, "unit", "name", "code")
    notes = [c for col, c in by_role if col.role not in kept and c]
    code = next((c for col, c in by_role if col.role == "code"), "")
    return _Row(name, values, line, notes, node_code=code)


# --- flattened rows -------------------------------------------------------------------------------


def _value_reading(cell: str) -> Reading | None:
    """Return what a cell reads as when it can be a table value, else None."""
    try:
        reading = read_figure_cell(cell).reading
    except (CellError, PeriodError):
        return None
    if reading.kind in ("number", "rank", "reference", "multi"):
        return reading
    label = reading.label.strip()
    if reading.kind == "missing":
        return reading if label else None
    return reading if label in _DIRECTION_WORDS or label in _TARGET_WORDS else None


_CUT_DECIMAL = re.compile(r"(?<=[0-9]\.)\s+(?=[0-9])")  # 96. 2% as a PDF copy breaks it
_CUT_WORD = re.compile(r"(?<=[\u30a1-\u30fa])\s+(?=ー)")  # セ ン タ ー: the ー is a letter


def _tokens(text: str) -> list[str]:
    """Return a stream's words, a parenthesised group kept as one word (and decimals and
    katakana words that a copy cut apart put back together)."""
    return _TOKEN.findall(_CUT_WORD.sub("", _CUT_DECIMAL.sub("", text)))


def _cells_of(tokens: list[str]) -> list[tuple[str, bool]]:
    """Return the stream as (word or value cell, is a value): a value takes its period after it."""
    out: list[tuple[str, bool]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if _PAREN_TOKEN.match(after) and _value_reading(token) is not None:
            joined = f"{token} {after}"
            if _value_reading(joined) is not None:
                out.append((joined, True))
                i += 2
                continue
        out.append((token, _value_reading(token) is not None and not _PAREN_TOKEN.match(token)))
        i += 1
    return out


def _join_words(words: list[str]) -> str:
    """Join name words: no space between Japanese characters, one between others."""
    text = ""
    for word in words:
        glue = "" if _CJK_END.search(text) and _CJK_START.search(word) else " "
        text = f"{text}{glue}{word}" if text else word
    return text


def _split_notes(words: list[str]) -> tuple[list[str], list[str]]:
    """Return a row's name words and its ※ notes (a word that starts with ※ and says more)."""
    name = [w for w in words if not (w[0] in "※＊*" and len(w) > 2)]
    notes = [w for w in words if w[0] in "※＊*" and len(w) > 2]
    return name, notes


def _stream_rows(text: str, line: int, width: int) -> tuple[list[_Row], list[str]]:
    """Cut rows out of a flattened stream: name words, then up to ``width`` value cells."""
    cells = _cells_of(_tokens(text))
    rows: list[_Row] = []
    loose: list[str] = []
    i = 0
    while i < len(cells):
        words: list[str] = []
        while i < len(cells) and not cells[i][1]:
            words.append(cells[i][0])
            i += 1
        values: list[str] = []
        while i < len(cells) and cells[i][1] and len(values) < width:
            values.append(cells[i][0])
            i += 1
        name, notes = _split_notes(words)
        if name and values:
            rows.append(_Row(_join_words(name), values, line, notes))
        elif rows and (notes or values or name):
            rows[-1].notes.extend([*notes, *(_join_words(name),) * bool(name), *values])
        else:
            loose.extend(words + values)
    return rows, loose


def _labelled(text: str, line: int) -> list[_Row]:
    """Return the rows of a stream that names each value (see plandoc_labelled)."""
    out: list[_Row] = []
    for row in labelled_rows(text):
        cells = [row.values.get("baseline", ""), row.values.get("target", "")]
        periods = [row.periods.get("baseline", ""), row.periods.get("target", "")]
        out.append(_Row(_join_words(row.name), cells, line, periods=periods))
    return out


def _arrow_row(text: str, line: int) -> _Row | None:
    """Read 「名称：基準値（時点）→ 目標値（時点）」 (also 右矢印 in a screen reader's text)."""
    parts = _ARROWS.split(text.strip())
    if len(parts) != 2:
        return None
    left, right = (p.strip(" 、,") for p in parts)
    name, _, base = _last_split(left, "：:、")
    if not name:
        cells = _cells_of(_tokens(left))
        values = [c for c, is_value in cells if is_value]
        if not values:
            return None
        base = values[-1]
        name = _join_words([c for c, is_value in cells if not is_value])
    target, notes = _target_and_notes(right)
    return _Row(_strip_label(name), [_strip_label(base), target], line, notes)


def _last_split(text: str, marks: str) -> tuple[str, str, str]:
    """Split ``text`` at the last of ``marks`` it holds (name：value, name、value)."""
    at = max(text.rfind(m) for m in marks)
    return (text[:at], text[at], text[at + 1 :].strip()) if at >= 0 else ("", "", text)


def _target_and_notes(text: str) -> tuple[str, list[str]]:
    """Return the target cell of an arrow row's right side and any note after it."""
    cells = _cells_of(_tokens(_strip_label(text)))
    values = [c for c, is_value in cells if is_value]
    if not values:
        return _strip_label(text), []
    rest = [c for c, is_value in cells if not is_value]
    return values[0], rest


def _strip_label(text: str) -> str:
    """Return a cell without its column word (現状値 1.38 → 1.38)."""
    return re.sub(
        r"^(?:現状値|基準値|目標値|現状|目標|基準)(?:\s*[:：]\s*|\s+|(?=[0-9]))", "", text.strip()
    )


# --- sections -------------------------------------------------------------------------------------


@dataclass
class _Table:
    """What one indicator section yields: rows, the blocks that now show it, the warnings."""

    indicators: list[DocIndicator] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    warnings: list[Warning] = field(default_factory=list)


def _flush(stream: list[str], line: int, columns: tuple[Column, ...], table: _Table) -> None:
    """Read the flattened rows gathered so far into the table."""
    text = " ".join(stream)
    stream.clear()
    if not text.strip():
        return
    loose: list[str] = []
    rows_text = [t for t in text.split("\n") if t.strip()]
    arrows = [_arrow_row(t, line) for t in rows_text] if _ARROWS.search(text) else []
    if arrows and all(arrows):
        rows = [r for r in arrows if r is not None]
    elif is_labelled(text):
        rows = _labelled(text, line)
    else:
        width = sum(c.role in VALUE_ROLES for c in columns)
        rows, loose = _stream_rows(text.replace("\n", " "), line, width)
    for row in rows:
        _add(table, _indicator(row, columns), keep=False)
    if loose:
        table.blocks.append(Block(kind="paragraph", text=" ".join(loose)))


def _add(table: _Table, indicator: DocIndicator, keep: bool, block: Block | None = None) -> None:
    """Add an indicator and the row block that shows it."""
    table.indicators.append(indicator)
    table.blocks.append(block if keep and block else Block(kind="row", text=indicator.row))


def read_section(section: Section, line: int) -> _Table:
    """Read one indicator section into rows; flattened rows become tab-separated blocks."""
    columns = columns_of(section.columns)
    table = _Table()
    stream: list[str] = []
    for block in section.blocks:
        header = header_columns(block.text) if block.kind == "row" else ()
        if header:  # a second table in the same section: its own columns
            _flush(stream, line, columns, table)
            columns = columns_of(list(header))
            table.blocks.append(block)
        elif block.kind == "row" and "\t" in block.text:
            _flush(stream, line, columns, table)
            row = _cells_row(block.text, line, columns)
            if any(c.strip() for c in row.cells):
                _add(table, _indicator(row, columns), keep=True, block=block)
            else:  # a note across the table (※割合は市民意識調査によります。)
                table.blocks.append(Block(kind="paragraph", text=block.text.strip()))
        elif block.kind == "row" and _ARROWS.search(block.text):
            _flush(stream, line, columns, table)  # an arrow row stands alone on its line
            _flush([block.text], line, columns, table)
        elif block.kind == "row":
            stream.append(block.text + "\n")
        else:
            _flush(stream, line, columns, table)
            table.blocks.append(block)
    _flush(stream, line, columns, table)
    return table
