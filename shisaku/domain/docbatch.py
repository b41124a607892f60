"""Turn the indicator rows a plan document prints into indicator definitions and figures.

Each :class:`~shisaku.domain.docindicators.DocIndicator` on a node becomes one definition on
that node (code 2-1-1.K1) and its baseline and targets become figures, each for the period the
document states.  What the document does not state is not made up:

- a figure without a period is kept on the definition as *undated* (its text and value), not
  as a figure;
- a cell that could not be read is kept the same way, as text;
- the direction comes from a direction column or a qualitative target (増加, 維持), else from
  the baseline and target values; a target in words (策定, 設置) is ``qualitative``; when none
  of these says, it is left ``increase`` and a warning says so;
- the time basis is the one the figures state (年度 or 年); figures that state the other one
  are warned about (a calendar year on a fiscal-year indicator), never silently accepted.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from shisaku.domain.docindicators import DocFigure, DocIndicator
from shisaku.domain.indicatordata import FigureInput, IndicatorBatch, IndicatorDefinition, Place
from shisaku.domain.periods import basis_conflict, period_in_basis
from shisaku.domain.plantree import Node, Warning, walk
from shisaku.domain.values import Reading

NAME_LIMIT = 300  # the stored length of an indicator's name
UNIT_LIMIT = 30
_DIRECTION_BY_WORD = {"増加": "increase", "減少": "decrease", "維持": "maintain"}


@dataclass
class DocumentBatch:
    """The definitions and figures of a document's indicator rows, and what was noticed."""

    batch: IndicatorBatch = field(default_factory=IndicatorBatch)
    warnings: list[Warning] = field(default_factory=list)
    guessed: set[str] = field(default_factory=set)  # codes whose direction the rows do not say


def undated_entry(kind: str, figure: DocFigure) -> dict[str, Any]:
    """Return how a figure without a period (or unreadable) is kept on its indicator."""
    read = figure.reading is not None
    return {"kind": kind, "raw": figure.raw, "value": figure.value_text() if read else None}


def _figures(indicator: DocIndicator) -> list[tuple[str, DocFigure]]:
    """Return an indicator's figures as (kind, figure): the baseline, then every target."""
    pairs = [("baseline", indicator.baseline)] if indicator.baseline else []
    return pairs + [("target", t) for t in indicator.targets]


def _stated(figure: DocFigure) -> bool:
    """Tell whether a figure can be stored: it was read and states its period."""
    return figure.reading is not None and figure.period is not None


def _basis(indicator: DocIndicator) -> str:
    """Return the time basis the row states, or the one most of its periods state (fiscal
    when none does).  A day (2021年3月31日現在) states none: it falls in a year of either."""
    if indicator.time_basis:
        return indicator.time_basis
    periods = [f.period for _, f in _figures(indicator) if f.period and f.period.as_of is None]
    bases = Counter(p.basis for p in periods if p.basis)
    return bases.most_common(1)[0][0] if bases else "fiscal"


def _direction(indicator: DocIndicator) -> str | None:
    """Return the direction the document states or its figures show, or None."""
    if indicator.direction:
        return indicator.direction
    target = indicator.target
    if target is None or target.reading is None:
        return None
    word = _DIRECTION_BY_WORD.get(target.reading.qualifier)
    if word is not None:
        return word
    if target.reading.kind == "qualitative":  # 策定, 設置: met when the actual says the same
        return "qualitative"
    return _compared(indicator.baseline, target.reading)


def _compared(base: DocFigure | None, target: Reading) -> str | None:
    """Return the direction from the baseline to the target value, or None without both
    (a rank kept, 10位 → 10位, is maintained as any value kept is)."""
    if base is None or base.reading is None or base.reading.value is None:
        return None
    if target.value is None:
        return None
    if target.value == base.reading.value:
        return "maintain"
    return "increase" if target.value > base.reading.value else "decrease"


def _definition(
    code: str, slug: str, node: Node, ind: DocIndicator, place: Place
) -> IndicatorDefinition:
    """Return the definition of one document row."""
    undated = tuple(undated_entry(k, f) for k, f in _figures(ind) if not _stated(f))
    return IndicatorDefinition(
        municipality_code=code,
        plan=slug,
        code=ind.code,
        name=ind.name[:NAME_LIMIT],
        direction=_direction(ind) or "increase",
        node_code=node.code,
        unit=ind.unit[:UNIT_LIMIT],
        department=node.department,
        time_basis=_basis(ind),
        note=ind.note,
        definition=ind.definition,
        undated=undated,
        place=place,
    )


def _figure_inputs(
    definition: IndicatorDefinition, ind: DocIndicator, place: Place
) -> list[FigureInput]:
    """Return the stored figures of one row, one per kind and period (the last one wins)."""
    found: dict[tuple[str, str], FigureInput] = {}
    for kind, figure in _figures(ind):
        if not _stated(figure):
            continue
        assert figure.period is not None and figure.reading is not None
        period = period_in_basis(figure.period, definition.time_basis)  # type: ignore[arg-type]
        found[(kind, period.key())] = FigureInput(
            municipality_code=definition.municipality_code,
            plan=definition.plan,
            indicator_code=definition.code,
            kind=kind,
            period=period,
            reading=figure.reading,
            note=figure.scope,
            place=place,
        )
    return list(found.values())


def _warnings(ind: DocIndicator, definition: IndicatorDefinition, guessed: bool) -> list[Warning]:
    """Return what a row's reading should tell the user: a direction left as the default, a
    period on the other basis than the indicator's."""
    out: list[Warning] = []
    if guessed:
        message = (
            f"{ind.code} {ind.name} の方向（増加・減少）が文書から読み取れないため「増加」と"
            "しました。違う場合は指標の定義で直してください。"
        )
        out.append(Warning(ind.line, "direction_unknown", message))
    for _, figure in _figures(ind):
        conflict = figure.period and basis_conflict(figure.period, definition.time_basis)  # type: ignore[arg-type]
        if conflict:
            out.append(Warning(ind.line, "time_basis", f"{ind.code} {ind.name}: {conflict}"))
    return out


def document_batch(
    *, municipality_code: str, plan: str, nodes: list[Node], source: str
) -> DocumentBatch:
    """Return the definitions and figures of every indicator row on the nodes of a document."""
    out = DocumentBatch()
    for node in walk(nodes):
        for ind in node.indicators:
            place = Place(source, ind.line)
            definition = _definition(municipality_code, plan, node, ind, place)
            out.batch.definitions.append(definition)
            out.batch.figures.extend(_figure_inputs(definition, ind, place))
            guessed = _direction(ind) is None
            out.warnings.extend(_warnings(ind, definition, guessed))
            if guessed:
                out.guessed.add(ind.code)
    return out
