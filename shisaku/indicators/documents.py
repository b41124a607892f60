"""A plan in its exchange form with the indicator rows of every node (``export-plan``).

The plan's tree comes from :func:`shisaku.plan.queries.plan_document`; each node that carries
indicators gets an ``indicators`` list in the same form the document reader gives them
(docs/plan-json.md): name, unit, the baseline and the final target with the text as written,
the value and the period — or period ``null`` for a figure the document printed without one.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any, cast

from shisaku.domain.docindicators import DocFigure, DocIndicator, indicator_to_dict
from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.periods import PeriodError, parse_period_key
from shisaku.domain.values import CellError, Reading, ValueKind
from shisaku.indicators.queries import FigureView, IndicatorView, plan_indicators
from shisaku.plan.queries import PlanInfo, plan_document


def _figure(view: FigureView) -> DocFigure:
    """Return a stored figure as the reader's figure: its text, value and period."""
    kind = cast(ValueKind, view.value_kind)
    reading = Reading(view.raw, kind, view.value, view.unit, view.qualifier, view.label)
    return DocFigure(view.raw, reading, parse_period_key(view.period), view.note)


def _undated(entry: dict[str, Any]) -> DocFigure:
    """Return a figure kept without a period as the reader's figure (its text read again)."""
    raw = str(entry.get("raw", ""))
    try:
        reading: Reading | None = read_figure_cell(raw).reading if entry.get("value") else None
    except (CellError, PeriodError):
        reading = None
    return DocFigure(raw, reading, None)


def _row(view: IndicatorView) -> DocIndicator:
    """Return an indicator with its baseline and targets (breakdowns left out)."""
    whole = [f for f in view.figures if not f.breakdown]
    baselines = [_figure(f) for f in whole if f.kind == "baseline"]
    targets = [_figure(f) for f in whole if f.kind == "target"]
    baselines += [_undated(u) for u in view.undated if u.get("kind") == "baseline"]
    targets += [_undated(u) for u in view.undated if u.get("kind") == "target"]
    row = DocIndicator(
        view.name_ja,
        code=view.code,
        unit=view.unit,
        note=view.note_ja,
        direction=view.direction,
        time_basis=view.time_basis,
    )
    row.baseline = baselines[0] if baselines else None
    row.targets = targets
    row.department = view.department
    return row


def _by_node(plan_id: int) -> dict[str, list[dict[str, Any]]]:
    """Return the exchange form of every indicator, by the code of its node."""
    found: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for view in plan_indicators(plan_id):
        found[view.node_code].append(indicator_to_dict(_row(view)))
    return found


def _attach(nodes: list[dict[str, Any]], rows: dict[str, list[dict[str, Any]]]) -> None:
    """Put each node's indicators on its exchange form, recursively."""
    for node in nodes:
        if node["code"] in rows:
            node["indicators"] = rows[node["code"]]
        _attach(node["children"], rows)


def plan_with_indicators(plan: PlanInfo) -> dict[str, Any]:
    """Return the whole plan in the exchange form, each node with its indicator rows; the
    indicators attached to no node are listed at the top under ``indicators``."""
    document = plan_document(plan)
    rows = _by_node(plan.id)
    _attach(document["nodes"], rows)
    if rows.get(""):
        document["indicators"] = rows[""]
    return document
