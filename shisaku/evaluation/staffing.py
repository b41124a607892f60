"""Whether a department has a manager (所属長) who can approve its sheets.

A sheet submitted by a department without an active manager account would wait forever: the
overview says so, and the planning office may approve it in the manager's stead (the
workflow step ``stand_in``), which is refused as soon as the department has a manager again.
"""

from __future__ import annotations

from collections.abc import Iterable

from shisaku.accounts.models import Membership
from shisaku.evaluation.services import EvaluationError


def departments_with_manager(municipality_code: str) -> set[str]:
    """Return the departments of a municipality that have an active manager account."""
    rows = Membership.objects.filter(
        municipality__code=municipality_code, role="manager", user__is_active=True
    ).values_list("department", flat=True)
    return {d for d in rows if d}


def without_manager(municipality_code: str, departments: Iterable[str]) -> set[str]:
    """Return those of ``departments`` (blank included) that have no active manager."""
    staffed = departments_with_manager(municipality_code)
    return {d for d in departments if d not in staffed}


def check_no_manager(municipality_code: str, department: str) -> None:
    """Refuse a stand-in approval when the department has a manager who can approve."""
    if not without_manager(municipality_code, [department]):
        raise EvaluationError(
            f"{department} には所属長のアカウントがあります。一次評価は所属長が行ってください"
        )
