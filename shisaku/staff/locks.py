"""Which fiscal years of an indicator are locked because its measure's evaluation is approved.

The lock itself is enforced by ``indicators.services`` (``Locked``); this only tells the entry
page which years to announce, so a clerk knows before typing.
"""

from __future__ import annotations

from dataclasses import dataclass

from shisaku.indicators.services import plan_locks
from shisaku.plan.models import PlanNode


@dataclass(frozen=True)
class YearLock:
    """A fiscal year closed for an indicator, and the measure whose evaluation closed it."""

    year: int
    measure_code: str


def locked_years(plan_id: int, node_code: str) -> list[YearLock]:
    """Return the locked years of an indicator attached to ``node_code`` (oldest first)."""
    locks = plan_locks(plan_id)
    if not locks.locked or not node_code:
        return []
    node_id = (
        PlanNode.objects.filter(plan_id=plan_id, code=node_code)
        .values_list("id", flat=True)
        .first()
    )
    if node_id is None:
        return []
    years = sorted({year for _, year in locks.locked})
    found = [(year, locks.find(node_id, year)) for year in years]
    return [YearLock(year, code) for year, code in found if code]
