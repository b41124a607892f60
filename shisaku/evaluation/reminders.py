"""E-mail reminders for evaluations whose next stage is late or due within seven days.

Who is reminded depends on who holds the evaluation (``shisaku.domain.workflow.RESPONSIBLE``):
the department's editors and manager while it is a draft, returned or submitted; the
planning office once approved or reviewed; the reviewers while it is with the committee.
Only members with an e-mail address (and an active account) are written to, one message per
person listing all of their measures. Mail goes through Django's configured backend
(``SHISAKU_EMAIL_BACKEND``: the console in development, locmem in tests).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import EmailMessage, get_connection

from shisaku.accounts.models import Membership
from shisaku.accounts.permissions import require
from shisaku.audit.services import record
from shisaku.domain.actors import Actor
from shisaku.domain.workflow import RESPONSIBLE, SOON_DAYS, date_ja
from shisaku.evaluation.queries import OverviewRow, cycle_overview
from shisaku.plan.queries import PlanInfo


@dataclass(frozen=True)
class Reminder:
    """One e-mail to one person: the evaluations awaiting them, late first."""

    username: str
    email: str
    items: tuple[OverviewRow, ...]
    subject: str
    body: str


def _members(code: str) -> list[Membership]:
    """Return the municipality's active members who have an e-mail address."""
    rows = Membership.objects.filter(municipality__code=code, user__is_active=True).select_related(
        "user"
    )
    return [m for m in rows if m.user.email]


def _responsible(row: OverviewRow, member: Membership) -> bool:
    """Return whether a member holds an evaluation in its current state."""
    who = RESPONSIBLE.get(row.status)
    if who is None or member.role not in who.roles:
        return False
    return not who.own_department or (
        bool(member.department) and member.department == row.department
    )


def _line(row: OverviewRow) -> str:
    """Return one measure of the message."""
    due = date_ja(row.due) if row.due else "（期限未設定）"
    where = f"（{row.department}）" if row.department else ""
    return (
        f"・{row.measure_code} {row.measure_title}{where}\n"
        f"  現在: {row.status_label}　次: {row.next_stage_label}　期限: {due}"
    )


def _body(name: str, plan: PlanInfo, label: str, items: list[OverviewRow]) -> str:
    """Return the Japanese message body."""
    late = [r for r in items if r.late]
    soon = [r for r in items if not r.late]
    parts = [
        f"{name} 様",
        "",
        f"{plan.municipality_name_ja}「{plan.meta.title}」の{label}施策評価で、"
        f"期限を過ぎた、または{SOON_DAYS}日以内に期限を迎える作業があります。",
    ]
    for heading, rows in (("期限超過", late), ("期限間近", soon)):
        if rows:
            parts += ["", f"■ {heading}（{len(rows)}件）", *(_line(r) for r in rows)]
    parts += ["", "このメールは Shisaku（総合計画の進行管理）から自動で送信しています。"]
    return "\n".join(parts) + "\n"


def _subject(label: str, items: list[OverviewRow]) -> str:
    """Return the subject line with the counts."""
    late = sum(r.late for r in items)
    counts = f"期限超過 {late}件・期限間近 {len(items) - late}件"
    return f"【Shisaku】{label}施策評価の期限のお知らせ（{counts}）"


def reminders(plan: PlanInfo, year: int, today: date) -> list[Reminder]:
    """Return the reminders to send for a fiscal year on ``today``, one per person."""
    overview = cycle_overview(plan.id, year, today)
    due = [r for r in overview.rows if r.late or r.soon]
    members = _members(plan.municipality_code)
    items: dict[int, list[OverviewRow]] = defaultdict(list)
    for row in due:
        for member in members:
            if _responsible(row, member):
                items[member.pk].append(row)
    out = []
    for member in members:
        mine = sorted(
            items.get(member.pk, []), key=lambda r: (not r.late, r.due or date.max, r.measure_code)
        )
        if mine:
            name = member.user.get_full_name() or member.user.get_username()
            body = _body(name, plan, overview.fiscal_year_label, mine)
            subject = _subject(overview.fiscal_year_label, mine)
            out.append(
                Reminder(member.user.get_username(), member.user.email, tuple(mine), subject, body)
            )
    return out


def send_reminders(*, actor: Actor, plan: PlanInfo, year: int, items: list[Reminder]) -> int:
    """Send the reminders through the configured mail backend; audit and return the count."""
    require(actor, "evaluation.schedule", plan.municipality_code)
    if not items:
        return 0
    messages = [
        EmailMessage(r.subject, r.body, settings.DEFAULT_FROM_EMAIL, [r.email]) for r in items
    ]
    sent = get_connection().send_messages(messages) or 0
    record(
        actor=actor,
        action="evaluation.remind",
        object_type="evaluation",
        object_id=f"{plan.municipality_code}/{plan.meta.slug}/{year}",
        municipality_code=plan.municipality_code,
        summary=f"{sent}人に期限のお知らせを送信しました",
        after={"recipients": [r.username for r in items]},
    )
    return int(sent)
