"""Indicator rows as a plan document prints them, read but not yet stored.

A :class:`DocIndicator` is one row of a node's indicator table: the name, the unit, the baseline
and the targets, each a :class:`DocFigure` that keeps the cell's text beside what was read from
it.  A cell that could not be read keeps its text with ``reading`` None; a figure whose period
the document does not state keeps ``period`` None — never guessed.  The import turns dated
figures into the indicator's figures; the others stay on the indicator as undated text.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from shisaku.domain.figurecells import read_figure_cell
from shisaku.domain.periods import Period, PeriodError, parse_period_key
from shisaku.domain.values import CellError, Reading, format_value

FigureRole = str  # "baseline", "target" (the final one is the last), "intermediate"


@dataclass
class DocFigure:
    """A baseline or target cell: its text, the value and period read from it (None: unread)."""

    raw: str
    reading: Reading | None = None
    period: Period | None = None
    scope: str = ""

    def value_text(self) -> str:
        """Return the value as a plain decimal (1204) or, when it is more, as written (策定,
        県内上位5位以内, 全国平均以上)."""
        reading = self.reading
        if reading is None:
            return self.raw
        plain = reading.kind == "number" or (reading.kind == "rank" and not reading.label)
        if plain and reading.value is not None and not reading.qualifier:
            return format(reading.value.normalize(), "f")
        return reading.raw.strip() or format_value(reading)


@dataclass
class DocIndicator:
    """One indicator row of a plan document, with the line it was read from."""

    name: str
    line: int = 0
    code: str = ""  # given when the row is placed on its node (2-1-1.K1)
    unit: str = ""
    baseline: DocFigure | None = None
    targets: list[DocFigure] = field(default_factory=list)  # in column order, final last
    note: str = ""
    department: str = ""
    row: str = ""  # the row as printed (cells joined by tabs)

    @property
    def target(self) -> DocFigure | None:
        """Return the final target (the last target column), or None."""
        return self.targets[-1] if self.targets else None


def figure_to_dict(figure: DocFigure) -> dict[str, Any]:
    """Return the exchange form of a figure."""
    out: dict[str, Any] = {
        "raw": figure.raw,
        "value": figure.value_text() if figure.reading is not None else None,
        "period": figure.period.key() if figure.period is not None else None,
    }
    if figure.scope:
        out["scope"] = figure.scope
    return out


def indicator_to_dict(indicator: DocIndicator) -> dict[str, Any]:
    """Return the exchange form of an indicator row."""
    out: dict[str, Any] = {"code": indicator.code, "name": indicator.name, "unit": indicator.unit}
    if indicator.baseline is not None:
        out["baseline"] = figure_to_dict(indicator.baseline)
    if indicator.targets:
        out["target"] = figure_to_dict(indicator.targets[-1])
    if len(indicator.targets) > 1:
        out["targets"] = [figure_to_dict(t) for t in indicator.targets]
    for key in ("note", "department"):
        if getattr(indicator, key):
            out[key] = getattr(indicator, key)
    return out


def figure_from_dict(obj: dict[str, Any]) -> DocFigure:
    """Read a figure back from its exchange form: the cell's text is read again, its period
    is the one the form states."""
    raw = str(obj.get("raw", ""))
    period = obj.get("period")
    try:
        reading: Reading | None = read_figure_cell(raw).reading if obj.get("value") else None
    except (CellError, PeriodError):
        reading = None
    parsed = parse_period_key(period) if isinstance(period, str) else None
    return DocFigure(raw, reading, parsed, str(obj.get("scope", "")))
