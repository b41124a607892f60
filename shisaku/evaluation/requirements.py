"""What must be on a sheet before it is submitted, as the planning office set it for the plan.

A plan's rule lives in :class:`~shisaku.evaluation.models.SheetRules`; a plan without one
requires :data:`DEFAULT_REQUIRED` (成果 and 今後の方向性). The workflow checks the rule when a
sheet is submitted (:func:`check_submittable`, called by ``transitions.transition``), so the
workspace, the API and the CLI refuse an incomplete sheet alike, naming what is missing.

Only submission has a rule of its own: the later stages' comments (a return's reason, the
committee's opinion, a reopening's reason) are required by the workflow registry itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from shisaku.accounts.permissions import require
from shisaku.audit.services import record_many
from shisaku.domain.actors import Actor
from shisaku.evaluation.models import Evaluation, SheetRules
from shisaku.evaluation.services import EvaluationError, find_plan_row

# the department's fields a rule may require, with their Japanese names
REQUIRABLE: dict[str, str] = {
    "target_ja": "対象",
    "intent_ja": "意図",
    "results_ja": "成果",
    "issues_ja": "課題",
    "direction": "今後の方向性",
}
DEFAULT_REQUIRED: tuple[str, ...] = ("results_ja", "direction")


class Incomplete(EvaluationError):
    """The sheet lacks fields the plan requires before submission (``missing``, in order)."""

    def __init__(self, missing: list[str]) -> None:
        names = "、".join(REQUIRABLE[name] for name in missing)
        super().__init__(f"提出するには次の項目を記入してください: {names}")
        self.missing = missing


def required_to_submit(plan_id: int) -> tuple[str, ...]:
    """Return the fields a plan's sheets need before submission (the default when not set)."""
    rule = SheetRules.objects.filter(plan_id=plan_id).values_list("required_to_submit").first()
    if rule is None:
        return DEFAULT_REQUIRED
    return tuple(name for name in REQUIRABLE if name in rule[0])


def missing_fields(row: Evaluation) -> list[str]:
    """Return the required fields that are empty on the sheet, in the sheet's order."""
    return [name for name in required_to_submit(row.plan_id) if not str(getattr(row, name)).strip()]


def check_submittable(row: Evaluation) -> None:
    """Raise Incomplete when a required field of the sheet is empty."""
    missing = missing_fields(row)
    if missing:
        raise Incomplete(missing)


def set_required_to_submit(
    *, actor: Actor, municipality_code: str, plan: str | None, fields: Iterable[str]
) -> tuple[str, ...]:
    """Set which fields a plan's sheets need before submission (the planning office); audited."""
    require(actor, "evaluation.schedule", municipality_code)
    chosen = set(fields)
    unknown = sorted(chosen - set(REQUIRABLE))
    if unknown:
        accepted = "、".join(f"{k}（{v}）" for k, v in REQUIRABLE.items())
        raise EvaluationError(
            f"項目 {', '.join(unknown)} は指定できません。指定できる項目: {accepted}"
        )
    row = find_plan_row(municipality_code, plan)
    ordered = [name for name in REQUIRABLE if name in chosen]
    with transaction.atomic():
        before = list(required_to_submit(row.pk))
        SheetRules.objects.update_or_create(
            plan=row, defaults={"required_to_submit": ordered, "updated_by": actor.label}
        )
        entry = {
            "action": "evaluation.rules",
            "object_type": "plan",
            "object_id": f"{municipality_code}/{row.slug}",
            "municipality_code": municipality_code,
            "summary": "提出に必要な項目: " + ("、".join(REQUIRABLE[n] for n in ordered) or "なし"),
            "before": {"required_to_submit": before},
            "after": {"required_to_submit": ordered},
        }
        record_many(actor=actor, entries=[entry])
    return tuple(ordered)
