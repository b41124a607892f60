"""Writes to evaluation sheets: opening a year, editing fields, stage due dates.

Every write checks permission (department scoping uses the evaluation's department), is
audited, and — for an evaluation sheet — names the version the editor saw: a different
current version raises :class:`Conflict` and nothing is written. The workflow steps
(submit, approve, …) are in :mod:`shisaku.evaluation.transitions`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from django.db import transaction

from shisaku.accounts.permissions import require
from shisaku.audit.services import record_many
from shisaku.domain.actors import Actor
from shisaku.domain.workflow import STAGES, STATE_LABELS, editable
from shisaku.evaluation.models import Direction, Evaluation, StageDeadline, label_ja
from shisaku.plan.models import Plan, PlanNode
from shisaku.plan.queries import NotFound

TEXT_FIELDS = tuple(
    f"{name}_{language}"
    for name in ("target", "intent", "results", "issues", "committee_opinion")
    for language in ("ja", "en")
)
EDITABLE_FIELDS = (*TEXT_FIELDS, "direction")
TRANSLATIONS = tuple(
    f"{name}_en"
    for name in (
        "target",
        "intent",
        "results",
        "issues",
        "first_comment",
        "second_comment",
        "committee_opinion",
    )
)


class EvaluationError(ValueError):
    """The change cannot be made as asked; the message says why and what is accepted."""


class Conflict(Exception):
    """Someone else changed the evaluation since it was read: nothing was written."""


def find_plan_row(municipality_code: str, slug: str | None) -> Plan:
    """Return the plan ``slug`` of a municipality (its current plan when None), or NotFound."""
    plans = Plan.objects.select_related("municipality").filter(municipality__code=municipality_code)
    plan = plans.filter(slug=slug).first() if slug else plans.order_by("-period_start").first()
    if plan is None:
        raise NotFound(
            f"plan {slug or '(current)'} of municipality {municipality_code} does not exist"
        )
    return plan


def load_for_update(evaluation_id: int, expected_version: int | None) -> Evaluation:
    """Lock and return an evaluation; raise Conflict when its version is not the expected one."""
    row = (
        Evaluation.objects.select_for_update()
        .select_related("plan__municipality", "node")
        .filter(pk=evaluation_id)
        .first()
    )
    if row is None:
        raise NotFound(f"evaluation {evaluation_id} does not exist")
    if expected_version is not None and row.version != expected_version:
        raise Conflict(
            f"施策 {row.node.code} の {row.fiscal_year}年度の評価は他の人が更新しました"
            f"（版 {expected_version} → {row.version}）。最新の内容を確かめてからやり直してください"
        )
    return row


def audit_entry(
    row: Evaluation, action: str, before: Any, after: Any, summary: str = ""
) -> dict[str, Any]:
    """Return the audit entry of a change to an evaluation."""
    code = row.plan.municipality.code
    return {
        "action": action,
        "object_type": "evaluation",
        "object_id": f"{code}/{row.plan.slug}/{row.node.code}/{row.fiscal_year}",
        "municipality_code": code,
        "summary": summary,
        "before": before,
        "after": after,
    }


@dataclass
class OpenYearResult:
    """What opening a fiscal year did: the measures given a draft, and those that had one."""

    fiscal_year: int
    created: list[str] = field(default_factory=list)
    existing: list[str] = field(default_factory=list)
    reassigned: list[str] = field(default_factory=list)  # drafts given the measure's new 主管課


def open_year(
    *, actor: Actor, municipality_code: str, plan: str | None, fiscal_year: int
) -> OpenYearResult:
    """Create a draft evaluation for every measure of the plan for ``fiscal_year`` (idempotent)."""
    require(actor, "evaluation.schedule", municipality_code)
    row = find_plan_row(municipality_code, plan)
    if not row.period_start <= fiscal_year <= row.period_end:
        raise EvaluationError(
            f"{fiscal_year}年度は計画期間（{row.period_start}〜{row.period_end}年度）の外です"
        )
    result = OpenYearResult(fiscal_year)
    with transaction.atomic():
        # one opening of the plan's year at a time: the second finds the drafts the first made
        Plan.objects.select_for_update().filter(pk=row.pk).values_list("pk").get()
        existing = {
            e.node_id: e
            for e in Evaluation.objects.filter(plan=row, fiscal_year=fiscal_year).select_related(
                "node", "plan__municipality"
            )
        }
        measures = PlanNode.objects.filter(plan=row, kind=PlanNode.Kind.MEASURE).order_by(
            "position"
        )
        fresh = [_draft(row, m, fiscal_year, actor) for m in measures if m.id not in existing]
        Evaluation.objects.bulk_create(fresh)
        moved = [_follow_department(e, actor) for e in existing.values()]
        result.created = [e.node.code for e in fresh]
        result.existing = [m.code for m in measures if m.id in existing]
        result.reassigned = [e.node.code for e, entry in moved if entry]
        entries = [_opened(e) for e in fresh] + [entry for _, entry in moved if entry]
        record_many(actor=actor, entries=entries)
    return result


def _draft(plan: Plan, measure: PlanNode, fiscal_year: int, actor: Actor) -> Evaluation:
    """Return a new draft evaluation of a measure (not yet saved)."""
    return Evaluation(
        plan=plan,
        node=measure,
        fiscal_year=fiscal_year,
        department=measure.department,
        updated_by=actor.label,
    )


def _follow_department(row: Evaluation, actor: Actor) -> tuple[Evaluation, dict[str, Any] | None]:
    """Give a draft the measure's current department (主管課) if it changed; return the audit."""
    department = row.node.department
    if row.status != "draft" or row.department == department:
        return row, None
    before = {"department": row.department}
    Evaluation.objects.filter(pk=row.pk).update(department=department, version=row.version + 1)
    row.department = department
    return row, audit_entry(row, "evaluation.assign", before, {"department": department})


def _opened(row: Evaluation) -> dict[str, Any]:
    """Return the audit entry of a newly opened evaluation."""
    return audit_entry(
        row, "evaluation.open", None, {"status": row.status, "department": row.department}
    )


def _check_fields(changes: Mapping[str, str]) -> None:
    """Refuse unknown fields and directions that are not among the choices."""
    unknown = sorted(set(changes) - set(EDITABLE_FIELDS))
    if unknown:
        raise EvaluationError(
            f"項目 {', '.join(unknown)} は編集できません。"
            f"編集できる項目: {', '.join(EDITABLE_FIELDS)}"
        )
    wrong = sorted(k for k, v in changes.items() if not isinstance(v, str))
    if wrong:
        raise EvaluationError(f'項目 {", ".join(wrong)} は文字列にしてください（空にするなら ""）')
    direction = changes.get("direction", "")
    if direction and direction not in Direction.values:
        choices = "、".join(f"{d.value}（{label_ja(d)}）" for d in Direction)
        raise EvaluationError(f"方向性 {direction!r} はありません。選べるもの: {choices}")


def _check_editable(actor: Actor, row: Evaluation, changes: Mapping[str, str]) -> None:
    """Check permission and state for each changed field (the committee opinion is apart)."""
    code = row.plan.municipality.code
    for name in changes:
        if not editable(row.status, name):
            when = "外部評価の段階" if name.startswith("committee") else "作成中・差戻しの間"
            raise EvaluationError(
                f"「{STATE_LABELS[row.status]}」の評価の {name} は編集できません"
                f"（{when}だけ編集できます）"
            )
        action = "evaluation.comment" if name.startswith("committee") else "evaluation.edit"
        require(actor, action, code, row.department)


def update_evaluation(
    *, actor: Actor, evaluation_id: int, expected_version: int, changes: Mapping[str, str]
) -> int:
    """Change fields of an evaluation sheet; return its new version (unchanged if no change)."""
    _check_fields(changes)
    with transaction.atomic():
        row = load_for_update(evaluation_id, expected_version)
        _check_editable(actor, row, changes)
        return _apply(actor, row, changes, "evaluation.edit")


def update_translation(
    *, actor: Actor, evaluation_id: int, expected_version: int, changes: Mapping[str, str]
) -> int:
    """Set English twins (``*_en``) of the sheet's texts in any state: the planning office only.

    The comments of each stage are written in Japanese by the workflow; their English versions
    for publication are added here, before or after publication.
    """
    unknown = sorted(set(changes) - set(TRANSLATIONS))
    if unknown:
        raise EvaluationError(
            f"項目 {', '.join(unknown)} は翻訳の項目ではありません。"
            f"翻訳できる項目: {', '.join(TRANSLATIONS)}"
        )
    _check_fields({k: v for k, v in changes.items() if k in EDITABLE_FIELDS})
    with transaction.atomic():
        row = load_for_update(evaluation_id, expected_version)
        require(actor, "evaluation.publish", row.plan.municipality.code, row.department)
        return _apply(actor, row, changes, "evaluation.translate")


def _apply(actor: Actor, row: Evaluation, changes: Mapping[str, str], action: str) -> int:
    """Write the changed fields, bump the version and audit; return the version."""
    if any(not isinstance(v, str) for v in changes.values()):
        raise EvaluationError('値は文字列にしてください（空にするなら ""）')
    before = {k: getattr(row, k) for k in changes if getattr(row, k) != changes[k]}
    if not before:
        return row.version
    for name in before:
        setattr(row, name, changes[name])
    row.version += 1
    row.updated_by = actor.label
    row.save()
    after = {k: changes[k] for k in before}
    record_many(actor=actor, entries=[audit_entry(row, action, before, after)])
    return row.version


def set_stage_deadline(
    *,
    actor: Actor,
    municipality_code: str,
    plan: str | None,
    fiscal_year: int,
    stage: str,
    due: date,
) -> None:
    """Set the date by which a stage of a fiscal year's evaluations is due."""
    require(actor, "evaluation.schedule", municipality_code)
    if stage not in STAGES:
        raise EvaluationError(f"段階 {stage!r} はありません。段階: {', '.join(STAGES)}")
    row = find_plan_row(municipality_code, plan)
    old = StageDeadline.objects.filter(plan=row, fiscal_year=fiscal_year, stage=stage).first()
    with transaction.atomic():
        StageDeadline.objects.update_or_create(
            plan=row, fiscal_year=fiscal_year, stage=stage, defaults={"due": due}
        )
        entry = {
            "action": "evaluation.deadline",
            "object_type": "deadline",
            "object_id": f"{municipality_code}/{row.slug}/{fiscal_year}/{stage}",
            "municipality_code": municipality_code,
            "before": {"due": old.due.isoformat()} if old else None,
            "after": {"due": due.isoformat()},
        }
        record_many(actor=actor, entries=[entry])
