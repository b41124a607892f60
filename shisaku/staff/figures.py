"""Reading a typed figure before it is saved, and what the editor saw when they typed it.

The preview reads the cells with the same readers as an import (``read_period``,
``read_value``), so what it shows is exactly what saving will store. The hidden ``seen`` field
lists the revision of every figure shown on the page (``actual:FY2024:2,…``): saving passes the
revision of the figure being written as ``expected_revision``, so a change made by someone else
since the page was shown is a conflict, never a silent overwrite.
"""

from __future__ import annotations

from dataclasses import dataclass

from shisaku.domain.periods import PeriodError, read_period
from shisaku.domain.values import CellError, Reading, read_value
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.staff.display import VALUE_KINDS, label, period_text_label


def seen_of(view: IndicatorView) -> str:
    """Return the revisions of the indicator's current figures, as the hidden field holds them."""
    return ",".join(f"{f.kind}:{f.period}:{f.revision}" for f in view.figures if not f.breakdown)


def expected_revision(seen: str, kind: str, key: str) -> int:
    """Return the revision the editor saw for ``kind`` in period ``key`` (0: there was none)."""
    for token in filter(None, seen.split(",")):
        k, period, revision = token.split(":")
        if (k, period) == (kind, key):
            return int(revision)
    return 0


def current_figure(view: IndicatorView, kind: str, key: str) -> FigureView | None:
    """Return the current figure of a kind and period (without breakdown), if any."""
    return next(
        (f for f in view.figures if (f.kind, f.period, f.breakdown) == (kind, key, "")), None
    )


def period_key(view: IndicatorView, text: str) -> str | None:
    """Return the key of a typed period read in the indicator's time basis, or None."""
    try:
        return read_period(text, default_basis=view.time_basis).key()  # type: ignore[arg-type]
    except PeriodError:
        return None


@dataclass(frozen=True)
class Preview:
    """What saving would store: the period and value read, or why they cannot be read."""

    period_raw: str
    period_label: str = ""
    period_key: str = ""
    period_error: str = ""
    value_raw: str = ""
    reading: Reading | None = None
    value_error: str = ""
    current: FigureView | None = None

    @property
    def ok(self) -> bool:
        """Return whether both cells were read."""
        return bool(self.period_key) and self.reading is not None

    @property
    def unchanged(self) -> bool:
        """Return whether saving would change nothing (same value as the current figure)."""
        return (
            self.current is not None
            and self.reading is not None
            and (self.current.raw == self.reading.raw)
        )

    @property
    def summary(self) -> str:
        """Return what would be stored for the value, in words."""
        return reading_summary(self.reading) if self.reading else ""


def reading_summary(reading: Reading) -> str:
    """Return what is stored for a value, in words: 数値 1820 人, データなし「-」."""
    parts = [label(VALUE_KINDS, reading.kind)]
    if reading.kind == "multi":
        inner = "; ".join(f"{c.label} {reading_summary(c.reading)}" for c in reading.components)
        return f"{parts[0]}: {inner}"
    if reading.value is not None:
        parts.append(str(reading.value))
    if reading.unit:
        parts.append(reading.unit)
    marker = f"「{reading.label}」" if reading.label else ""
    qualifier = f"（{reading.qualifier}）" if reading.qualifier else ""
    return " ".join(parts) + marker + qualifier


def _period_part(view: IndicatorView, text: str) -> dict[str, str]:
    """Read the period cell."""
    if not text.strip():
        return {}
    try:
        period = read_period(text, default_basis=view.time_basis)  # type: ignore[arg-type]
    except PeriodError as error:
        return {"period_error": str(error)}
    return {"period_label": period_text_label(period), "period_key": period.key()}


def make_preview(view: IndicatorView, kind: str, period: str, value: str) -> Preview:
    """Read a typed period and value as saving would, and find the figure it would replace."""
    parts = _period_part(view, period)
    reading, error = None, ""
    if value.strip():
        try:
            reading = read_value(value)
        except CellError as problem:
            error = str(problem)
    key = parts.get("period_key", "")
    current = current_figure(view, kind, key) if key else None
    return Preview(
        period, value_raw=value, reading=reading, value_error=error, current=current, **parts
    )
