"""Permission checks used by every service before it writes.

A role acts only within its own municipality. A department editor (担当課) and a department
manager (所属長) act only on what belongs to their department: the service passes the
department of the object (an indicator's responsible department, an evaluation's department)
and the check compares it with the member's. The manager may do what the department's editors
may, and approves (一次評価) the department's evaluations.
"""

from __future__ import annotations

from shisaku.accounts.models import Membership, Role
from shisaku.domain.actors import Actor

# action → roles allowed to perform it within their own municipality
ROLE_ACTIONS: dict[str, frozenset[str]] = {
    "plan.import": frozenset({Role.PLANNING}),
    "plan.edit": frozenset({Role.PLANNING, Role.DEPARTMENT, Role.MANAGER}),
    "plan.assign": frozenset({Role.PLANNING}),
    "plan.publish": frozenset({Role.PLANNING}),
    "plan.read_drafts": frozenset({Role.PLANNING, Role.DEPARTMENT, Role.MANAGER, Role.REVIEWER}),
    "municipality.create": frozenset(),
    "indicators.define": frozenset({Role.PLANNING}),
    "indicators.record": frozenset({Role.PLANNING, Role.DEPARTMENT, Role.MANAGER}),
    "accounts.manage": frozenset({Role.PLANNING}),
    # the yearly evaluation cycle (shisaku.domain.workflow names which action each step needs)
    "evaluation.edit": frozenset({Role.PLANNING, Role.DEPARTMENT, Role.MANAGER}),
    "evaluation.submit": frozenset({Role.PLANNING, Role.DEPARTMENT, Role.MANAGER}),
    "evaluation.approve": frozenset({Role.MANAGER}),
    "evaluation.review": frozenset({Role.PLANNING}),
    "evaluation.comment": frozenset({Role.REVIEWER}),
    "evaluation.publish": frozenset({Role.PLANNING}),
    "evaluation.reopen": frozenset({Role.PLANNING}),
    "evaluation.schedule": frozenset({Role.PLANNING}),
    "programme.edit": frozenset({Role.PLANNING, Role.DEPARTMENT, Role.MANAGER}),
}
# action → what it does, in the words a refusal uses (never the action's code)
ACTION_LABELS: dict[str, str] = {
    "plan.import": "計画の取り込み",
    "plan.edit": "計画の編集",
    "plan.assign": "担当課の割り当て",
    "plan.publish": "計画の公開",
    "plan.read_drafts": "下書きの計画の閲覧",
    "municipality.create": "団体の作成",
    "indicators.define": "指標の定義",
    "indicators.record": "実績値・目標値の記録",
    "accounts.manage": "利用者の管理",
    "evaluation.edit": "評価シートの編集",
    "evaluation.submit": "評価シートの提出",
    "evaluation.approve": "評価シートの承認",
    "evaluation.review": "評価シートの確認",
    "evaluation.comment": "評価への意見",
    "evaluation.publish": "評価の公開",
    "evaluation.reopen": "評価の差し戻し",
    "evaluation.schedule": "評価の日程の設定",
    "programme.edit": "事務事業の編集",
}
# roles whose permission stops at their own department
DEPARTMENT_SCOPED = frozenset({Role.DEPARTMENT, Role.MANAGER})


class PermissionDenied(Exception):
    """The actor may not perform this action here."""


def membership(actor: Actor, municipality_code: str) -> Membership | None:
    """Return the actor's membership in a municipality, if any."""
    if actor.user_id is None:
        return None
    return Membership.objects.filter(
        user_id=actor.user_id, municipality__code=municipality_code
    ).first()


def allowed(
    actor: Actor, action: str, municipality_code: str | None, department: str | None = None
) -> bool:
    """Return whether ``actor`` may perform ``action`` in the municipality (and department)."""
    if actor.is_operator:
        return True
    if municipality_code is None:
        return False
    member = membership(actor, municipality_code)
    if member is None or member.role not in ROLE_ACTIONS.get(action, frozenset()):
        return False
    if member.role in DEPARTMENT_SCOPED:
        return bool(member.department) and member.department == department
    return True


def require(
    actor: Actor, action: str, municipality_code: str | None, department: str | None = None
) -> None:
    """Raise PermissionDenied unless ``actor`` may perform ``action`` there."""
    if not allowed(actor, action, municipality_code, department):
        where = municipality_code or "—"
        shown = shown_department(actor, municipality_code, department)
        if shown:
            where += f"（{shown}）"
        raise PermissionDenied(
            f"{actor.label} は {where} で{action_label(action)}を行う権限がありません"
        )


def action_label(action: str) -> str:
    """Return what an action does, in Japanese: a refusal names this, never the action code."""
    return ACTION_LABELS.get(action, "この操作")


def shown_department(actor: Actor, municipality_code: str | None, department: str | None) -> str:
    """Return the department a refusal may name: only to a member of the municipality.

    Someone of another municipality is told only that the object is not theirs, never which
    department owns it (the workspace shows departments to members only).
    """
    if not department or municipality_code is None:
        return ""
    if actor.is_operator or membership(actor, municipality_code) is not None:
        return department
    return ""
