"""Rows cut out of an indicator table that a text copy flattened, or that names its values.

A flattened row's cells are separated by spaces, one row a line or a whole table on one line, or
one cell a line (「合計特殊出生率 1.44(※) (2019年) 1.61 (2026年)」): the rows are cut out of the
stream of words — a name (words that are not values) and then as many values as the header has
value columns, each value with the period in parentheses after it.  A ※ note before a row's name
belongs to the row before it.  An arrow row reads 「名称：基準値（時点）→ 目標値（時点）」, and a
labelled stream names each value (see :mod:`shisaku.domain.plandoc_labelled`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from itertools import takewhile

from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.periods import PeriodError
from shisaku.domain.plandoc_labelled import labelled_rows
from shisaku.domain.values import CellError, Reading

ARROWS = re.compile(r"\s*(?:→|⇒|➡|⇨|->|右矢印|右に向かう矢印|右向き矢印)\s*")
_PAREN_TOKEN = re.compile(r"^[(（][^()（）]*[)）]$")
_DIRECTIONS = frozenset({"増加", "減少", "維持"})
_DIRECTION_WORDS = frozenset({"増加", "減少", "維持", "現状維持", "向上", "低下", "削減"})
_TARGET_WORDS = frozenset(
    {"策定", "設置", "実施", "完了", "開設", "新規", "全員取得", "達成", "継続", "整備", "導入"}
    | {"全校", "全員", "全域", "全地区", "全件", "全世帯", "皆増", "解消", "ゼロ"}
)
_TOKEN = re.compile(r"[(（][^()（）]*[)）]|\S+")
_CJK_END = re.compile(r"[\u3040-\u30ff\u3400-\u9fff々ー・）)]$")
_CJK_START = re.compile(r"^[\u3040-\u30ff\u3400-\u9fff々（(]")


@dataclass
class TableRow:
    """A row cut out of a table: its name words, its value cells and its notes."""

    name: str
    cells: list[str]
    line: int
    notes: list[str] = field(default_factory=list)
    unit: str = ""
    periods: list[str] = field(default_factory=list)  # a period given apart, cell by cell
    node_code: str = ""  # the node a row names itself (a 施策 column of an appendix table)
    definition: str = ""  # a line that defines the indicator, under its name
    direction: str = ""  # the cell of a direction column (↑, 増加)


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
    directed = reading.qualifier in _DIRECTIONS  # 減少を目指します
    return reading if directed or label in _DIRECTION_WORDS or label in _TARGET_WORDS else None


def is_value_cell(cell: str) -> bool:
    """Tell whether a table cell is a value (1,204人, 50%, ―, 策定, 減少), not a word of a name."""
    return _value_reading(cell) is not None


_PERIOD_WORD = re.compile(
    r"[0-9０-９元](?:年|年度)(?:[0-9０-９]{1,2}月(?:[0-9０-９]{1,2}日)?)?(?:現在|時点|末)?$"
)
_CUT_DECIMAL = re.compile(r"(?<=[0-9]\.)\s+(?=[0-9])")  # 96. 2% as a PDF copy breaks it
_CUT_WORD = re.compile(r"(?<=[\u30a1-\u30fa])\s+(?=ー)")  # セ ン タ ー: the ー is a letter


def _tokens(text: str) -> list[str]:
    """Return a stream's words, a parenthesised group kept as one word (and decimals and
    katakana words that a copy cut apart put back together)."""
    return _TOKEN.findall(_CUT_WORD.sub("", _CUT_DECIMAL.sub("", text)))


def _cells_of(tokens: list[str]) -> list[tuple[str, bool]]:
    """Return the stream as (word or value cell, is a value): a value takes its period after it."""
    return [(cell, is_value) for cell, is_value, _ in _spans(tokens)]


def _joins(token: str, after: str) -> bool:
    """Tell whether two words are one value cell: a value and its period in parentheses after
    it (1.44 (2019年)), or a period and the value after it (令和2年4月1日現在 24か所)."""
    if _PAREN_TOKEN.match(after) and _value_reading(token) is not None:
        return _value_reading(f"{token} {after}") is not None
    if _PERIOD_WORD.search(token) and not _PAREN_TOKEN.match(token) and after:
        alone = _value_reading(token) is None and _value_reading(after) is not None
        return alone and _value_reading(f"{token} {after}") is not None
    return False


def _spans(tokens: list[str]) -> list[tuple[str, bool, int]]:
    """Return the cells of a stream as (cell, is a value, index of its last token)."""
    out: list[tuple[str, bool, int]] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        after = tokens[i + 1] if i + 1 < len(tokens) else ""
        if _joins(token, after):
            out.append((f"{token} {after}", True, i + 1))
            i += 2
            continue
        is_value = _value_reading(token) is not None and not _PAREN_TOKEN.match(token)
        out.append((token, is_value, i))
        i += 1
    return out


def join_words(words: list[str]) -> str:
    """Join name words: no space between Japanese characters, one between others."""
    text = ""
    for word in words:
        glue = "" if _CJK_END.search(text) and _CJK_START.search(word) else " "
        text = f"{text}{glue}{word}" if text else word
    return text


def _is_note(word: str) -> bool:
    """Tell whether a word is a ※ note (it starts with ※ and says more)."""
    return word[0] in "※＊*" and len(word) > 2


def _split_notes(words: list[str]) -> tuple[list[str], list[str]]:
    """Return a row's name words and its ※ notes."""
    return [w for w in words if not _is_note(w)], [w for w in words if _is_note(w)]


def _next_run(
    cells: list[tuple[str, bool]], i: int, width: int
) -> tuple[list[str], list[str], int]:
    """Return the words from cell i on, up to ``width`` values after them, and where they end."""
    words: list[str] = []
    while i < len(cells) and not cells[i][1]:
        words.append(cells[i][0])
        i += 1
    values: list[str] = []
    while i < len(cells) and cells[i][1] and len(values) < width:
        values.append(cells[i][0])
        i += 1
    return words, values, i


def stream_rows(entries: list[str], line: int, width: int) -> tuple[list[TableRow], list[str]]:
    """Cut rows out of the lines of a flattened table: name words, then up to ``width`` value
    cells.

    A note before a row's name (「※現状値は令和2年の値」 under a row) is about the row before it;
    a line of description between a name on a line of its own and its values is the indicator's
    definition (see :func:`_name_and_definition`).
    """
    tokens, owner = _entry_tokens(entries)
    spans = _spans(tokens)
    cells = [(c, v) for c, v, _ in spans]
    rows: list[TableRow] = []
    loose: list[str] = []
    i = 0
    while i < len(cells):
        first = i
        words, values, i = _next_run(cells, i, width)
        lines = [owner[spans[k][2]] for k in range(first, first + len(words))]
        if rows:
            lead = list(takewhile(_is_note, words))
            rows[-1].notes.extend(lead)
            words, lines = words[len(lead) :], lines[len(lead) :]
        name, notes = _split_notes(words)
        if name and values:
            rows.append(_named_row(words, lines, values, line))
        elif rows and (notes or values):
            rows[-1].notes.extend([*notes, *(join_words(name),) * bool(name), *values])
        else:
            loose.extend(words + values)
    return rows, loose


def _named_row(words: list[str], lines: list[int], values: list[str], line: int) -> TableRow:
    """Return a row of name words (with their lines), ※ notes among them and its values."""
    kept = [(w, n) for w, n in zip(words, lines, strict=True) if not _is_note(w)]
    notes = [w for w in words if _is_note(w)]
    name, definition = _name_and_definition(kept)
    return TableRow(name, values, line, notes, definition=definition)


_WRAP_END = re.compile(r"[のをにがはとや、「（(・]$")
_DEFINITION_MIN = 10


def _name_and_definition(words: list[tuple[str, int]]) -> tuple[str, str]:
    """Return a row's name and definition from its words and the lines they stand on.

    A name on a line of its own with a longer line under it (「刑法犯認知件数」 /
    「市内で発生し、警察が認知した刑法犯の件数」) is named by the first line and defined by the
    lines under it.  A name that a line break cut (its first line ends in の, or the next line is
    no longer: 「空き家バンクを通じた移住」 / 「世帯数」) is one name.
    """
    by_line = [[w for w, n in words if n == k] for k in dict.fromkeys(n for _, n in words)]
    texts = [join_words(part) for part in by_line]
    if len(texts) > 1 and _defines(texts[0], texts[1]):
        return texts[0], join_words(texts[1:])
    return join_words([w for w, _ in words]), ""


def _defines(name: str, below: str) -> bool:
    """Tell whether the line ``below`` a name's line defines it rather than continues it."""
    long_enough = len(below) >= _DEFINITION_MIN and len(below) > len(name)
    return long_enough and not _WRAP_END.search(name)


_CODE_TOKEN = re.compile(r"[0-9０-９]{1,4}(?:[-‐－.・][0-9０-９]{1,4})*")


def _row_starts(cells: list[tuple[str, bool]], lead: tuple[str, ...]) -> list[int]:
    """Return where each row begins in a stream whose rows start with ``lead`` columns (a row
    number, a code): that many numbers, then a word of the name.  A row number must be one more
    than the last one's, so that a figure in the text of a row is never taken for a new row."""
    starts: list[int] = []
    last = 0
    for i in range(len(cells) - len(lead)):
        head = [c for c, _ in cells[i : i + len(lead)]]
        if cells[i + len(lead)][1] or not all(_CODE_TOKEN.fullmatch(c) for c in head):
            continue
        number = int(unicodedata.normalize("NFKC", head[0])) if head[0].isdigit() else None
        if lead[0] == "number" and starts and number != last + 1:
            continue
        starts.append(i)
        last = number or 0
    return starts


def lead_rows(
    entries: list[str], line: int, width: int, lead: tuple[str, ...], texts: int
) -> tuple[list[TableRow], list[str]]:
    """Cut rows out of the lines of a table whose rows begin with a row number or a node's code
    (「1 111 平和資料館の年間来館者数 2.4万人 (平成29年度) 3万人 …理由… 2 112 …」): each row runs
    from its numbers to the next row's: its name, up to ``width`` values, then the text of the
    ``texts`` columns after the values (reasons, sources), kept as one note.  The last row's
    text ends with the line that completes its columns; what follows is no part of the table.
    """
    tokens, owner = _entry_tokens(entries)
    spans = _spans(tokens)
    cells = [(c, v) for c, v, _ in spans]
    starts = _row_starts(cells, lead)
    if not starts:
        return stream_rows(entries, line, width)
    ends = [*starts[1:], _last_end(spans, owner, starts[-1] + len(lead), width, texts)]
    rows = [_lead_row(cells[a:b], line, width, lead) for a, b in zip(starts, ends, strict=True)]
    return rows, [c for c, _ in cells[: starts[0]] + cells[ends[-1] :]]


def _entry_tokens(entries: list[str]) -> tuple[list[str], list[int]]:
    """Return the words of the lines and, for each word, the line it stands on."""
    tokens: list[str] = []
    owner: list[int] = []
    for k, entry in enumerate(entries):
        found = _tokens(entry)
        tokens += found
        owner += [k] * len(found)
    return tokens, owner


def _last_end(
    spans: list[tuple[str, bool, int]], owner: list[int], start: int, width: int, texts: int
) -> int:
    """Return where the last row ends: after its values, whole lines are its text while it has
    fewer than ``texts`` words (one a column)."""
    _, _, i = _next_run([(c, v) for c, v, _ in spans], start, width)
    count = 0
    while i < len(spans):
        entry = owner[spans[i][2]]
        if count >= texts and entry != owner[spans[i - 1][2]]:
            break
        count += 1
        i += 1
    return i


def _lead_row(
    cells: list[tuple[str, bool]], line: int, width: int, lead: tuple[str, ...]
) -> TableRow:
    """Return one row of a table with number columns in front (see :func:`lead_rows`)."""
    codes = [c for c, _ in cells[: len(lead)]]
    words, values, i = _next_run(cells, len(lead), width)
    name, notes = _split_notes(words)
    rest = " ".join(c for c, _ in cells[i:])
    code = codes[lead.index("code")] if "code" in lead else ""
    notes += [rest] if rest else []
    return TableRow(join_words(name), values, line, notes, node_code=code)


def labelled(text: str, line: int) -> list[TableRow]:
    """Return the rows of a stream that names each value (see plandoc_labelled)."""
    out: list[TableRow] = []
    for row in labelled_rows(text):
        cells = [row.values.get("baseline", ""), row.values.get("target", "")]
        periods = [row.periods.get("baseline", ""), row.periods.get("target", "")]
        out.append(TableRow(join_words(row.name), cells, line, periods=periods))
    return out


def arrow_row(text: str, line: int) -> TableRow | None:
    """Read 「名称：基準値（時点）→ 目標値（時点）」 (also 右矢印 in a screen reader's text)."""
    parts = ARROWS.split(text.strip())
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
        name = join_words([c for c, is_value in cells if not is_value])
    target, notes = _target_and_notes(right)
    return TableRow(_strip_label(name), [_strip_label(base), target], line, notes)


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
