"""Moving an evaluation through the workflow of :mod:`shisaku.domain.workflow`.

:func:`transition` looks the step up in the registry, checks the actor's permission for the
evaluation's department, writes the comment into the field the step names, runs the step's
effect, bumps the version and audits the status before and after. Effects, by action:

- ``approve``: freeze the measure's indicator grades for the year (``Evaluation.frozen``) and
  lock the year's figures of the measure's indicators (``PeriodLock``);
- ``reopen``: remove the lock and the frozen grades (the reason is in the audit entry);
- ``publish``: stamp the publication time;
- ``stand_in`` (the planning office approving for a department without a manager): as approve.

Guards, by action, refuse a step the sheet is not ready for: ``submit`` needs the fields the
plan requires (``requirements.check_submittable``), ``stand_in`` a department with no manager.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.db import transaction
from django.utils import timezone

from shisaku.accounts.permissions import require
from shisaku.audit.services import record_many
from shisaku.domain.actors import Actor
from shisaku.domain.workflow import check_comment, step
from shisaku.evaluation.grades import measure_grades
from shisaku.evaluation.models import Evaluation
from shisaku.evaluation.requirements import check_submittable
from shisaku.evaluation.services import audit_entry, load_for_update, update_evaluation
from shisaku.evaluation.staffing import check_no_manager
from shisaku.indicators.models import PeriodLock
from shisaku.plan.queries import find_plan


def _freeze_and_lock(row: Evaluation, actor: Actor) -> dict[str, Any]:
    """Freeze the measure's grades for the year and lock the year's figures."""
    plan = find_plan(row.plan.municipality.code, row.plan.slug)
    document = measure_grades(plan, row.node, row.fiscal_year)
    document["frozen_at"] = timezone.now().isoformat()
    document["frozen_by"] = actor.label
    row.frozen = document
    PeriodLock.objects.get_or_create(
        plan=row.plan,
        node=row.node,
        fiscal_year=row.fiscal_year,
        defaults={"locked_by": actor.label},
    )
    grades = {i["code"]: i["grade"] for i in document["indicators"]}
    return {"locked": True, "grades": grades}


def _unlock(row: Evaluation, actor: Actor) -> dict[str, Any]:
    """Remove the year's lock and the frozen grades."""
    removed, _ = PeriodLock.objects.filter(node=row.node, fiscal_year=row.fiscal_year).delete()
    row.frozen = None
    row.published_at = None
    return {"locked": False, "lock_removed": bool(removed)}


def _stamp_publication(row: Evaluation, actor: Actor) -> dict[str, Any]:
    """Record when the evaluation was published."""
    row.published_at = timezone.now()
    return {"published_at": row.published_at.isoformat()}


# action → what else happens, returning facts for the audit entry
EFFECTS: dict[str, Callable[[Evaluation, Actor], dict[str, Any]]] = {
    "approve": _freeze_and_lock,
    "stand_in": _freeze_and_lock,
    "reopen": _unlock,
    "publish": _stamp_publication,
}

# action → a check of the sheet before the step is taken (raises EvaluationError)
GUARDS: dict[str, Callable[[Evaluation], None]] = {
    "submit": check_submittable,
    "stand_in": lambda row: check_no_manager(row.plan.municipality.code, row.department),
}


def transition(
    *,
    actor: Actor,
    evaluation_id: int,
    action: str,
    comment: str = "",
    expected_version: int,
) -> int:
    """Take the workflow step ``action``; return the evaluation's new version.

    Raises WorkflowError (not possible from this state, or a required comment is missing),
    PermissionDenied, Conflict (the evaluation changed since ``expected_version``), or
    EvaluationError from the step's guard (``requirements.Incomplete`` when a field the plan
    requires before submission is empty).
    """
    with transaction.atomic():
        row = load_for_update(evaluation_id, expected_version)
        move = step(row.status, action)
        require(actor, move.permission, row.plan.municipality.code, row.department)
        check_comment(move, comment)
        if action in GUARDS:
            GUARDS[action](row)
        before = {"status": row.status, "version": row.version}
        if move.comment_field and comment.strip():
            setattr(row, f"{move.comment_field}_ja", comment)
        effect = EFFECTS[action](row, actor) if action in EFFECTS else {}
        row.status = move.target
        row.version += 1
        row.updated_by = actor.label
        row.save()
        after = {"status": row.status, "version": row.version, "comment": comment, **effect}
        summary = f"{move.label}: {comment}" if comment else move.label
        record_many(
            actor=actor, entries=[audit_entry(row, f"evaluation.{action}", before, after, summary)]
        )
    return row.version


def save_and_submit(
    *, actor: Actor, evaluation_id: int, expected_version: int, changes: dict[str, str]
) -> int:
    """Save the sheet's fields as typed, then submit it: one transaction, all or nothing.

    Raises what ``update_evaluation`` and ``transition`` raise; on any refusal (a conflict, a
    required field left empty) nothing is written.
    """
    with transaction.atomic():
        version = update_evaluation(
            actor=actor,
            evaluation_id=evaluation_id,
            expected_version=expected_version,
            changes=changes,
        )
        return transition(
            actor=actor, evaluation_id=evaluation_id, action="submit", expected_version=version
        )
