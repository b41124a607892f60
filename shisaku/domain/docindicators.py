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
from shisaku.domain.values import CellError, Reading, format_value, qualified

FigureRole = str  # "baseline", "target" (the final one is the last), "intermediate"


@dataclass
class DocFigure:
    """A baseline or target cell: its text, the value and period read from it (None: unread)."""

    raw: str
    reading: Reading | None = None
    period: Period | None = None
    scope: str = ""

    def value_text(self) -> str:
        """Return the value as a plain decimal (1204; 350 of 350人以下, whose bound is its
        qualifier) or, when it is more than a number, as written (策定, 県内上位5位以内,
        全国平均以上)."""
        reading = self.reading
        if reading is None:
            return self.raw
        if self._plain() and reading.value is not None:
            return format(reading.value.normalize(), "f")
        return reading.raw.strip() or format_value(reading)

    def shown(self) -> str:
        """Return the value as a report shows it: the plain value with its qualifiers
        (約2600, 350以下), the text as written when it is more than a number."""
        text = self.value_text()
        return qualified(text, self.reading.qualifier) if self._plain() and self.reading else text

    def _plain(self) -> bool:
        """Tell whether the value is a plain number (a count, a rate, a rank without scope)."""
        reading = self.reading
        if reading is None or reading.value is None:
            return False
        return reading.kind == "number" or (reading.kind == "rank" and not reading.label)


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
    direction: str = ""  # increase, decrease, maintain, qualitative: as stated ("" = infer)
    node_code: str = ""  # the node the row names itself (an appendix table), "" = its table's
    time_basis: str = ""  # fiscal or calendar: as stated ("" = from the periods)
    row: str = ""  # the row as printed (cells joined by tabs)
    definition: str = ""  # what the indicator counts, as a line under its name defines it

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
    for key in ("note", "department", "direction", "time_basis"):
        if getattr(indicator, key):
            out[key] = getattr(indicator, key)
    return out


class IndicatorDictError(ValueError):
    """An indicator row of the exchange form is not of the accepted shape."""

    def __init__(self, path: str, message: str) -> None:
        super().__init__(f"{path}: {message}")
        self.path = path


def _text(obj: dict[str, Any], key: str, path: str, limit: int) -> str:
    """Return a text of the form (missing: empty), checked against its length."""
    value = obj.get(key, "")
    if not isinstance(value, str) or len(value) > limit:
        raise IndicatorDictError(
            f"{path}.{key}", f"expected a string of at most {limit} characters"
        )
    return value


def figure_from_dict(obj: Any, path: str) -> DocFigure:
    """Read a figure back from its exchange form: the cell's text is read again, its period
    is the one the form states (a period key such as FY2019, or null)."""
    if not isinstance(obj, dict):
        raise IndicatorDictError(path, "expected an object with raw, value and period")
    raw = _text(obj, "raw", path, 300)
    period = obj.get("period")
    try:
        parsed = parse_period_key(period) if period is not None else None
    except (PeriodError, TypeError) as error:
        raise IndicatorDictError(
            f"{path}.period", f"expected a period key such as FY2019 or null, found {period!r}"
        ) from error
    try:
        reading: Reading | None = (
            read_figure_cell(raw).reading if obj.get("value") is not None else None
        )
    except (CellError, PeriodError):
        reading = None
    return DocFigure(raw, reading, parsed, _text(obj, "scope", path, 100))


def indicator_from_dict(obj: Any, path: str) -> DocIndicator:
    """Read an indicator row back from its exchange form (docs/plan-json.md)."""
    if not isinstance(obj, dict):
        raise IndicatorDictError(path, "expected an object with code, name, baseline and target")
    row = DocIndicator(
        _text(obj, "name", path, 300),
        code=_text(obj, "code", path, 40),
        unit=_text(obj, "unit", path, 30),
        note=_text(obj, "note", path, 2000),
        department=_text(obj, "department", path, 100),
        direction=_text(obj, "direction", path, 12),
        time_basis=_text(obj, "time_basis", path, 10),
    )
    if not row.name or not row.code:
        raise IndicatorDictError(path, "expected a code and a name")
    if "baseline" in obj:
        row.baseline = figure_from_dict(obj["baseline"], f"{path}.baseline")
    targets = obj.get("targets") or ([obj["target"]] if "target" in obj else [])
    row.targets = [figure_from_dict(t, f"{path}.targets[{i}]") for i, t in enumerate(targets)]
    return row
