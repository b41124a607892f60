"""The cost of a measure (施策のコスト), summed from its programmes (事務事業) in Decimal yen.

Per programme and fiscal year a 事務事業評価シート gives the budget (予算額), the settlement
(決算額), the staff time in staff-years (従事職員 人年) and the personnel unit cost (職員1人当たり
人件費, yen per staff-year). From these:

- 人件費 (personnel cost) = staff-years × unit cost, rounded half up to the yen per programme;
- 事業費 (project cost) = the settlement (決算額);
- フルコスト (full cost) = 事業費 + 人件費.

A measure's cost is the sum over the programmes of its initiatives. A missing amount is never
counted as zero silently: totals add what is known and :attr:`CostSummary.incomplete` names
each programme and the amount it lacks, so a sheet can say 「一部未入力」.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

YEN = Decimal("1")
MISSING_MARKS = frozenset({"", "-", "―", "－", "ー", "なし"})


class AmountError(ValueError):
    """A cell is not an amount of money or staff time; the message says what is accepted."""


@dataclass(frozen=True)
class ProgrammeCost:
    """The amounts of one programme in one fiscal year (None: not entered)."""

    code: str
    budget: Decimal | None = None
    settlement: Decimal | None = None
    staff_years: Decimal | None = None
    unit_cost: Decimal | None = None

    @property
    def personnel(self) -> Decimal | None:
        """Return 人件費 = staff-years × unit cost, rounded half up to the yen."""
        if self.staff_years is None or self.unit_cost is None:
            return None
        return (self.staff_years * self.unit_cost).quantize(YEN, rounding=ROUND_HALF_UP)

    @property
    def full_cost(self) -> Decimal | None:
        """Return フルコスト = 事業費 (settlement) + 人件費, or None when either is missing."""
        personnel = self.personnel
        if self.settlement is None or personnel is None:
            return None
        return self.settlement + personnel

    def missing(self) -> list[str]:
        """Return the names of the amounts not entered (決算額, 人件費)."""
        names = []
        if self.settlement is None:
            names.append("決算額")
        if self.staff_years is None:
            names.append("従事職員数")
        if self.unit_cost is None:
            names.append("人件費単価")
        return names


@dataclass(frozen=True)
class CostSummary:
    """A measure's cost in one fiscal year, summed over its programmes."""

    programmes: int
    budget: Decimal | None
    settlement: Decimal | None  # 事業費
    staff_years: Decimal | None
    personnel: Decimal | None  # 人件費
    full_cost: Decimal | None  # フルコスト
    incomplete: tuple[str, ...] = ()

    @property
    def complete(self) -> bool:
        """Return whether every programme has every amount the full cost needs."""
        return not self.incomplete


def _total(values: Iterable[Decimal | None]) -> Decimal | None:
    """Sum the known values; None when none is known."""
    known = [v for v in values if v is not None]
    return sum(known, Decimal(0)) if known else None


def summarise(costs: Iterable[ProgrammeCost]) -> CostSummary:
    """Sum the programmes' amounts into a measure's cost."""
    rows = list(costs)
    settlement = _total(r.settlement for r in rows)
    personnel = _total(r.personnel for r in rows)
    full = None
    if settlement is not None or personnel is not None:
        full = (settlement or Decimal(0)) + (personnel or Decimal(0))
    return CostSummary(
        programmes=len(rows),
        budget=_total(r.budget for r in rows),
        settlement=settlement,
        staff_years=_total(r.staff_years for r in rows),
        personnel=personnel,
        full_cost=full,
        incomplete=tuple(f"{r.code}: {'・'.join(m)}" for r in rows if (m := r.missing())),
    )


def check_amounts(
    budget: Decimal | None,
    settlement: Decimal | None,
    staff_years: Decimal | None,
    unit_cost: Decimal | None,
) -> list[str]:
    """Return what is wrong with a programme year's amounts (empty when they are fine)."""
    named = {
        "予算額": budget,
        "決算額": settlement,
        "従事職員数": staff_years,
        "人件費単価": unit_cost,
    }
    errors = [
        f"{name}が負の値です（{value}）" for name, value in named.items() if value and value < 0
    ]
    for name in ("予算額", "決算額", "人件費単価"):
        value = named[name]
        if value is not None and value != value.to_integral_value():
            errors.append(f"{name}は円単位の整数にしてください（{value}）")
    return errors


_AMOUNT = re.compile(r"(?P<sign>[△▲-]?)(?P<number>\d[\d,]*(?:\.\d+)?)(?P<unit>千円|円|人年|人)?")


def read_amount(text: str) -> Decimal | None:
    """Read 「1,234,000円」「1,234千円」「0.5人」「△300」 as Decimal; None for 「-」."""
    cell = unicodedata.normalize("NFKC", text).strip().replace(" ", "")
    if cell in MISSING_MARKS:
        return None
    match = _AMOUNT.fullmatch(cell)
    if match is None:
        raise AmountError(
            f"「{text}」は金額・人数として読めません（例: 1,234,000 / 1,234千円 / 0.5人 / -）"
        )
    try:
        value = Decimal(match["number"].replace(",", ""))
    except InvalidOperation as error:  # pragma: no cover - the pattern admits only numbers
        raise AmountError(f"「{text}」は数として読めません") from error
    if match["unit"] == "千円":
        value *= 1000
    return -value if match["sign"] else value
