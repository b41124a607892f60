"""Put the indicator rows of a whole plan document on their nodes.

Each node's indicator section is read by :mod:`shisaku.domain.plandoc_tables`; here the rows
are placed on the node and given codes (2-1-1.K1), an indicator printed twice on one node (a
summary arrow and a full list row at the back of the plan) becomes one, and a statement the
document makes once for all its tables (「目標値は、すべて令和7年度の数値です」) gives the
period to the figures that have none.  Every cell kept as text and every figure left without a
period is reported as a warning, never guessed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.periods import Period, PeriodError, read_period
from shisaku.domain.plandoc_columns import column_of
from shisaku.domain.plandoc_eras import EraCarry, document_era, plan_era
from shisaku.domain.plandoc_sections import spoken_to_written
from shisaku.domain.plandoc_tables import read_section
from shisaku.domain.plantree import Block, Node, Warning, walk

_YEAR = (
    r"(?:令和|平成)(?:元|[0-9０-９]{1,2})年度?(?:[(（][0-9]{4}年度?[)）])?"
    r"|[0-9]{4}年度?"
)
_DOCUMENT_NOTE = re.compile(
    r"(?P<role>目標値|現状値|基準値|策定時の値|目標の数値|現状の数値)(?:は|について)、?(?:すべて|全て|原則として)?"
    rf"[^。]{{0,30}}?(?P<period>{_YEAR})"
)
# A column named in quotes and the year its values are of: 「目標」は計画の最終年度である令和7年度
# の値です; 令和7年度に達成をめざす値を「5か年目標」としています.
_COLUMN_NOTES = (
    re.compile(
        rf"「(?P<column>[^「」。]{{1,15}})」は[^。「」]{{0,30}}?(?P<period>{_YEAR})の(?:値|数値)"
    ),
    re.compile(
        rf"(?P<period>{_YEAR})(?:に|の)[^。「」0-9０-９]{{0,20}}?値を「(?P<column>[^「」。]{{1,15}})」と"
    ),
)
_ROLES = {
    "目標値": "target",
    "目標の数値": "target",
    "現状値": "baseline",
    "現状の数値": "baseline",
    "基準値": "baseline",
    "策定時の値": "baseline",
}


def read_indicators(
    nodes: list[Node],
    lines: dict[int, int],
    preamble: Iterable[str] = (),
    period: tuple[int, int] | None = None,
) -> list[Warning]:
    """Read every node's indicator table onto ``node.indicators``; return the warnings.

    ``lines`` maps the id of a section, and of any block the builder recorded, to its line:
    a row carries the line of its own block where it is known, else its section's.
    ``preamble`` is the text before the plan's first heading, where a document often states
    once the periods of all its tables (「成果指標について … 目標値は、令和8年度の値です」).
    ``period`` is the plan period known apart from the text (the user's --period): the era of
    years printed without one where the document itself names none (see plandoc_eras).
    """
    preamble = list(preamble)
    texts = [*preamble, *_paragraphs(nodes)]
    defaults = _document_periods(texts)
    era = EraCarry(document_era(texts) or plan_era(period))  # carried from table to table
    by_code = {node.code: node for node in walk(nodes)}
    found: dict[str, list[DocIndicator]] = {}
    for node in walk(nodes):
        section = node.section("indicators")
        if section is None or not section.blocks:
            continue
        table = read_section(section, lines.get(id(section), 0), lines, era)
        _footnotes_carried(section.blocks, table.blocks)
        section.blocks = table.blocks
        for row in table.indicators:
            owner = row.node_code if row.node_code in by_code else node.code
            found.setdefault(owner, []).append(row)
    warnings: list[Warning] = []
    for code, rows in found.items():
        node = by_code[code]
        node.indicators = [_named(node, i, n) for n, i in enumerate(_merged(rows), 1)]
        for indicator in node.indicators:
            _default_periods(indicator, defaults)
        warnings.extend(_cell_warnings(node))
    return sorted(warnings, key=lambda w: w.line)


def _paragraphs(nodes: list[Node]) -> Iterator[str]:
    """Yield the text of every block of the document."""
    for node in walk(nodes):
        for section in node.sections:
            yield from (b.text for b in section.blocks)


def _document_periods(texts: list[str]) -> dict[str, Period]:
    """Return the periods the document states for all its baselines or targets at once."""
    found: dict[str, Period] = {}
    for text in texts:
        for role, period in document_statements(spoken_to_written(text)):
            found.setdefault(role, period)
    return found


def document_statements(text: str) -> Iterator[tuple[str, Period]]:
    """Yield (role, period) for every statement of a period for all figures of a role: by the
    role's name (目標値は、すべて令和7年度の数値です) or a column's, quoted (「5か年目標」)."""
    found = [(_ROLES[m["role"]], m["period"]) for m in _DOCUMENT_NOTE.finditer(text)]
    for pattern in _COLUMN_NOTES:
        for m in pattern.finditer(text):
            role = column_of(m["column"], first=False).role
            found += [(role, m["period"])] if role in ("baseline", "target") else []
    for role, written in found:
        try:
            yield role, read_period(written)
        except PeriodError:
            continue


def _default_periods(indicator: DocIndicator, defaults: dict[str, Period]) -> None:
    """Give the baseline and the final target, when they have no period, the one the document
    states for all of their kind (an intermediate target is of another year)."""
    for role, figure in (("baseline", indicator.baseline), ("target", indicator.target)):
        known = figure is not None and figure.reading is not None and figure.reading.is_known()
        if known and figure is not None and figure.period is None and role in defaults:
            figure.period = defaults[role]


def _name_key(name: str) -> str:
    """Return an indicator name's matching form."""
    return "".join(name.split())


def _merged(indicators: list[DocIndicator]) -> list[DocIndicator]:
    """Return the rows with an indicator printed twice on one node made one."""
    out: list[DocIndicator] = []
    by_name: dict[str, DocIndicator] = {}
    for indicator in indicators:
        first = by_name.get(_name_key(indicator.name))
        if first is None:
            by_name[_name_key(indicator.name)] = indicator
            out.append(indicator)
        else:
            _fill(first, indicator)
    return out


def _fill(first: DocIndicator, again: DocIndicator) -> None:
    """Complete an indicator from its second printing: what the first lacks, the second gives."""
    first.baseline = _better(first.baseline, again.baseline)
    if again.targets:
        final = _better(first.targets[-1] if first.targets else None, again.targets[-1])
        assert final is not None  # again.targets[-1] is a figure
        first.targets = [*first.targets[:-1], final] if first.targets else [final]
    first.unit = first.unit or again.unit
    first.note = " ".join(filter(None, (first.note, again.note)))


def _better(kept: DocFigure | None, other: DocFigure | None) -> DocFigure | None:
    """Return the figure that says more: one with a value and a period over one without (None
    when neither printing gives one)."""
    if kept is None or other is None:
        return kept or other

    def score(figure: DocFigure) -> int:
        read = figure.reading is not None and figure.reading.is_known()
        return 2 * read + (figure.period is not None)

    return other if score(other) > score(kept) else kept


def _footnotes_carried(before: list[Block], after: list[Block]) -> None:
    """Keep the footnotes of rewritten row blocks: they move to the first block shown."""
    notes = [f for b in before if b not in after for f in b.footnotes]
    if notes and after:
        after[0].footnotes.extend(notes)


def _named(node: Node, indicator: DocIndicator, n: int) -> DocIndicator:
    """Give an indicator its code on its node: 2-1-1.K1."""
    indicator.code = f"{node.code}.K{n}"
    return indicator


def _cell_warnings(node: Node) -> list[Warning]:
    """Return a warning for every cell kept as text and every figure without a period."""
    out: list[Warning] = []
    for ind in node.indicators:
        figures = [("基準値", ind.baseline), *(("目標値", t) for t in ind.targets)]
        for label, fig in figures:
            if fig is None:
                continue
            where = f"{ind.code} {ind.name} の{label}『{fig.raw}』"
            if fig.reading is None:
                message = f"{where}は読めないため、文字のまま残しました。"
                out.append(Warning(ind.line, "unread_cell", message))
            elif fig.period is None and fig.reading.is_known():
                message = f"{where}には時点の記載がありません。"
                out.append(Warning(ind.line, "undated_figure", message))
    return out
