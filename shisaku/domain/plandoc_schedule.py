"""A project's yearly schedule (年次計画): a table of workloads by year, not of indicators.

A 実施計画 gives each 計画事業 its plan by year::

    年次計画 3年度 4年度 5年度 6年度 4か年計画量
    面接実施率 98% 100% 100% 100% ―
    日帰り型 準備 開始 拡充 拡充 ―

Its header is a schedule's label (年次計画, 事業量, 年度別計画 …) over two years or more and
perhaps a total (4か年計画量, 合計); its rows are a workload or a stage (実施, 検討, 拡充, 基本設計,
工事) a year.  Such a table is read back into its header, a label that heads the rows under it
outside any section (so that, printed again for every project, it is not mistaken for a page's
running head, and the indicator table above it ends there), and rows of cells.  Where a
schedule typed with tabs stands in an indicator table, the indicator reader keeps it as rows of
text and reads no indicator out of it (:func:`schedule_header`).
"""

from __future__ import annotations

import re
from dataclasses import replace

from shisaku.domain.plandoc_flatrows import is_value_cell
from shisaku.domain.plandoc_lines import Line
from shisaku.domain.plandoc_text import fold

_LABELS = ("年次計画", "事業量", "計画量", "年度別計画", "年度計画", "スケジュール", "工程")
_YEAR = re.compile(r"(?:令和|平成|R|H)?\s*(?:元|[0-9]{1,4})\s*年度?|[RH][0-9]{1,2}")
_TOTALS = ("計画量", "合計", "累計", "総量", "計")
_STAGES = (
    "実施",
    "検討",
    "拡充",
    "準備",
    "開始",
    "開設",
    "設計",
    "工事",
    "完了",
    "継続",
    "着手",
    "策定",
    "推進",
    "運用",
    "整備",
    "調査",
    "改修",
    "設置",
    "供用",
    "移転",
)
_UNSET = frozenset({"→", "⇒", "・", "…"})
# A row may read as a heading by its form alone (「実施校 22校 26校 …」: a word and a number).
_ROW_KINDS = frozenset({"text", "heading"})


def schedule_header(cells: list[str] | tuple[str, ...]) -> bool:
    """Tell whether a header's cells head a yearly schedule: a schedule's label, then two
    years or more and perhaps totals, and nothing else (no 現状値 or 目標値)."""
    if len(cells) < 3 or not any(w in cells[0] for w in _LABELS):
        return False
    rest = [fold(c).strip() for c in cells[1:]]
    years = [c for c in rest if _YEAR.fullmatch(c)]
    totals = [c for c in rest if c not in years and c.endswith(_TOTALS)]
    return len(years) >= 2 and len(years) + len(totals) == len(rest)


def schedule_cell(cell: str) -> bool:
    """Tell whether a cell is a year's entry of a schedule: a workload (98%, 430件, ―) or a
    stage (実施, 基本設計, 工事)."""
    text = cell.strip()
    return text in _UNSET or is_value_cell(text) or text.endswith(_STAGES)


def _row_cells(text: str, width: int) -> list[str] | None:
    """Return a schedule row's cells (its name, then at most ``width`` entries), or None when
    the line is no such row."""
    words = text.split()
    entries = 0
    while entries < min(width, len(words) - 1) and schedule_cell(words[-1 - entries]):
        entries += 1
    if entries < 2:
        return None
    return [" ".join(words[: len(words) - entries]), *words[len(words) - entries :]]


def _as_row(line: Line, cells: list[str]) -> Line:
    """Return a line as a row of the given cells."""
    text = "\t".join(cells)
    return replace(line, kind="row", raw=text, text=text, cells=tuple(cells))


def _as_label(line: Line, cells: list[str]) -> Line:
    """Return a schedule's header as the label of the rows under it, its cells kept."""
    return replace(
        line, kind="label", raw="\t".join(cells), text=" ".join(cells), cells=tuple(cells)
    )


def schedule_tables(lines: list[Line]) -> list[Line]:
    """Return the lines with every yearly schedule printed with spaces read into rows of cells
    (its header too)."""
    out: list[Line] = []
    width = 0
    for line in lines:
        words = line.raw.split() if line.kind in _ROW_KINDS and not line.cells else []
        cells = _row_cells(line.raw, width) if width and words else None
        if words and line.kind == "text" and schedule_header(words):
            width = len(words) - 1
            out.append(_as_label(line, words))
        elif cells is not None:
            out.append(_as_row(line, cells))
        else:
            width = 0
            out.append(line)
    return out
