"""Reading a typed figure before it is saved, and what the editor saw when they typed it.

The preview reads the cells with the same readers as an import (``read_period``,
``read_value``), so what it shows is exactly what saving will store. The hidden ``seen`` field
lists the revision of every figure shown on the page (``actual:FY2024:2,…``): saving passes the
revision of the figure being written as ``expected_revision``, so a change made by someone else
since the page was shown is a conflict, never a silent overwrite.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shisaku.domain.periods import Period, PeriodError, read_period
from shisaku.domain.units import UnitError, fit_unit
from shisaku.domain.values import CellError, Reading, read_value
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.staff.display import VALUE_KINDS, label, period_text_label, year_label
from shisaku.staff.locks import YearLock

BASES: dict[str, Promise] = {
    "fiscal": gettext_lazy("fiscal years (年度, April to March)"),
    "calendar": gettext_lazy("calendar years (年, January to December)"),
}


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
    basis_warning: str = ""  # a calendar year typed for a fiscal-year indicator (or the reverse)
    lock: YearLock | None = None  # the year is locked by an approved evaluation
    kept_note: str = ""  # the current note, kept because the note was left as shown

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
    def lock_text(self) -> str:
        """Return the notice of a locked year ("" when the year is open)."""
        return lock_notice(self.lock) if self.lock else ""

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


def typed_period(view: IndicatorView, text: str) -> Period | None:
    """Return a typed period read in the indicator's time basis, or None."""
    try:
        return read_period(text, default_basis=view.time_basis)  # type: ignore[arg-type]
    except PeriodError:
        return None


def basis_warning(view: IndicatorView, period: Period | None) -> str:
    """Return a warning when the period is not of the indicator's basis (令和5年 for 年度)."""
    if period is None or period.basis is None or view.time_basis not in BASES:
        return ""
    if period.basis == view.time_basis or period.basis not in BASES:
        return ""
    return _(
        "%(period)s is read as one of the %(typed)s, but this indicator is counted in "
        "%(expected)s. Check the year; to store it as typed all the same, tick the box "
        "below the year."
    ) % {"period": period.raw, "typed": BASES[period.basis], "expected": BASES[view.time_basis]}


def _period_part(view: IndicatorView, text: str) -> dict[str, str]:
    """Read the period cell."""
    if not text.strip():
        return {}
    try:
        period = read_period(text, default_basis=view.time_basis)  # type: ignore[arg-type]
    except PeriodError as error:
        return {"period_error": str(error)}
    return {
        "period_label": period_text_label(period),
        "period_key": period.key(),
        "basis_warning": basis_warning(view, period),
    }


def _value_part(view: IndicatorView, value: str) -> tuple[Reading | None, str]:
    """Read the value cell in the indicator's unit (or say why it cannot be stored)."""
    if not value.strip():
        return None, ""
    try:
        return fit_unit(read_value(value), view.unit), ""
    except (CellError, UnitError) as problem:
        return None, str(problem)


def make_preview(
    view: IndicatorView,
    kind: str,
    period: str,
    value: str,
    locks: Sequence[YearLock] = (),
    note: str | None = "",
) -> Preview:
    """Read a typed period and value as saving would, and find the figure it would replace.

    ``note`` is None when the note was left as the form showed it: the current note is kept.
    """
    parts = _period_part(view, period)
    reading, error = _value_part(view, value)
    key = parts.get("period_key", "")
    current = current_figure(view, kind, key) if key else None
    read = typed_period(view, period) if key else None
    lock = next((k for k in locks if read is not None and k.year == read.end), None)
    kept = current.note if current is not None and note is None else ""
    return Preview(
        period,
        value_raw=value,
        reading=reading,
        value_error=error,
        current=current,
        lock=lock,
        kept_note=kept,
        **parts,
    )


def lock_notice(lock: YearLock) -> str:
    """Return what the preview says of a locked year, and who can reopen it."""
    return _(
        "%(year)s is locked: the evaluation of measure %(measure)s has been approved, so "
        "saving will be refused. Only the planning office can reopen that evaluation to "
        "correct a figure."
    ) % {"year": year_label(lock.year), "measure": lock.measure_code}
