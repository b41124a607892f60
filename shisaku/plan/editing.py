"""Editing a plan's text in the workspace: drafts, publication, revert, department assignment.

An edit is first a draft (``ContentDraft``), visible to staff only. Publishing applies every
draft of the plan at once, all or nothing: a draft whose text was changed by someone else
since it was started is a conflict and nothing is published. Each published text is audited
with its before and after, and the plan gets a new version and snapshot.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction

from shisaku.accounts.permissions import require
from shisaku.audit.models import AuditEntry
from shisaku.audit.services import record_many
from shisaku.domain.actors import Actor
from shisaku.plan.models import ContentDraft, Plan, PlanNode, TextBlock
from shisaku.plan.queries import NotFound
from shisaku.plan.review import check_reviewed
from shisaku.plan.services import snapshot_and_audit

LANGUAGES = ("ja", "en")


class DraftConflict(Exception):
    """A text changed since its draft was started; nothing was published."""


@dataclass(frozen=True)
class TextRef:
    """Which text: a node title (no section) or a block (section key and position)."""

    node_code: str
    section: str = ""
    position: int = 0
    language: str = "ja"

    @property
    def target(self) -> str:
        """Return ``node`` for a title, ``block`` for a section text."""
        return "block" if self.section else "node"

    def label(self) -> str:
        """Return the audit identifier of the text."""
        where = f"/{self.section}#{self.position}" if self.section else ""
        return f"{self.node_code}{where}/{self.language}"


def _plan(code: str, slug: str) -> Plan:
    """Return the plan, or raise NotFound."""
    plan = (
        Plan.objects.select_related("municipality")
        .filter(municipality__code=code, slug=slug)
        .first()
    )
    if plan is None:
        raise NotFound(f"plan {code}/{slug} does not exist")
    return plan


def _row(plan: Plan, ref: TextRef) -> PlanNode | TextBlock:
    """Return the row holding the text, or raise NotFound."""
    if ref.language not in LANGUAGES:
        raise NotFound(f"language {ref.language!r}: use ja or en")
    row: PlanNode | TextBlock | None
    if ref.target == "node":
        row = PlanNode.objects.filter(plan=plan, code=ref.node_code).first()
    else:
        row = (
            TextBlock.objects.select_related("section__node")
            .filter(
                section__node__plan=plan,
                section__node__code=ref.node_code,
                section__key=ref.section,
                position=ref.position,
            )
            .first()
        )
    if row is None:
        raise NotFound(f"text {ref.label()} does not exist in {plan.slug}")
    return row


def _field(ref: TextRef) -> str:
    """Return the model field holding the text."""
    return f"{'title' if ref.target == 'node' else 'text'}_{ref.language}"


def _department(row: PlanNode | TextBlock) -> str:
    """Return the responsible department of the node a text belongs to."""
    return row.department if isinstance(row, PlanNode) else row.section.node.department


def current_text(plan: Plan, ref: TextRef) -> str:
    """Return the published text at ``ref``."""
    return str(getattr(_row(plan, ref), _field(ref)))


def save_draft(*, actor: Actor, municipality_code: str, slug: str, ref: TextRef, text: str) -> None:
    """Keep an edit as a draft (replacing the actor's earlier draft of the same text)."""
    plan = _plan(municipality_code, slug)
    row = _row(plan, ref)
    require(actor, "plan.edit", municipality_code, _department(row))
    key = {
        "plan": plan,
        "target": ref.target,
        "node_code": ref.node_code,
        "section": ref.section,
        "position": ref.position,
        "language": ref.language,
    }
    base = str(getattr(row, _field(ref)))
    with transaction.atomic():
        # the plan's row serialises the drafts of its texts (publishing locks it too), so two
        # saves of the same text at once replace one draft instead of both creating it
        Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk").get()
        draft = ContentDraft.objects.filter(**key).first()
        if draft is None:
            ContentDraft.objects.create(**key, base=base, text=text, author=actor.label)
        else:
            ContentDraft.objects.filter(pk=draft.pk).update(text=text, author=actor.label)
        record_many(actor=actor, entries=[_entry(plan, "text.draft", ref, None, text)])


def discard_draft(*, actor: Actor, municipality_code: str, slug: str, ref: TextRef) -> None:
    """Drop a draft."""
    plan = _plan(municipality_code, slug)
    require(actor, "plan.edit", municipality_code, _department(_row(plan, ref)))
    drafts = ContentDraft.objects.filter(
        plan=plan,
        target=ref.target,
        node_code=ref.node_code,
        section=ref.section,
        position=ref.position,
        language=ref.language,
    )
    draft = drafts.first()
    if draft is None:
        return
    with transaction.atomic():
        drafts.delete()
        record_many(actor=actor, entries=[_entry(plan, "text.discard", ref, draft.text, None)])


def _ref(draft: ContentDraft) -> TextRef:
    """Return the text a draft edits."""
    return TextRef(draft.node_code, draft.section, draft.position, draft.language)


def _entry(
    plan: Plan, action: str, ref: TextRef, before: str | None, after: str | None
) -> dict[str, object]:
    """Return an audit entry for a text of a plan."""
    code = plan.municipality.code
    return {
        "action": action,
        "object_type": "text",
        "object_id": f"{code}/{plan.slug}/{ref.label()}",
        "municipality_code": code,
        "before": None if before is None else {"text": before},
        "after": None if after is None else {"text": after},
    }


def publish_drafts(
    *,
    actor: Actor,
    municipality_code: str,
    slug: str,
    reviewed: Mapping[str, str] | None = None,
    only: str | None = None,
) -> int:
    """Publish every draft of the plan, all or nothing; return how many texts changed.

    ``reviewed`` (draft label → version, as the drafts page showed them) makes publishing refuse
    with DraftsChanged when the drafts are not exactly those versions. ``only`` (a draft label)
    publishes that one draft and leaves the others waiting.
    """
    require(actor, "plan.publish", municipality_code)
    with transaction.atomic():
        plan = (
            Plan.objects.select_for_update()
            .select_related("municipality")
            .get(municipality__code=municipality_code, slug=slug)
        )
        drafts = [
            d
            for d in ContentDraft.objects.filter(plan=plan)
            if only is None or _ref(d).label() == only
        ]
        if reviewed is not None:
            check_reviewed(plan, drafts, reviewed)
        entries = [_apply(plan, _ref(d), d.base, d.text, "text.publish") for d in drafts]
        ContentDraft.objects.filter(pk__in=[d.pk for d in drafts]).delete()
        _new_version(actor, plan, entries)
    return len(entries)


def _apply(plan: Plan, ref: TextRef, base: str, text: str, action: str) -> dict[str, object]:
    """Write one text if it still holds ``base``; raise DraftConflict otherwise."""
    row = _row(plan, ref)
    field = _field(ref)
    now = str(getattr(row, field))
    if now != base:
        raise DraftConflict(f"{ref.label()} は編集の開始後に変更されました（現在:「{now[:30]}」）")
    type(row).objects.filter(pk=row.pk).update(**{field: text})
    return _entry(plan, action, ref, base, text)


def _new_version(actor: Actor, plan: Plan, entries: list[dict[str, object]]) -> None:
    """Record the texts and give the plan a new version with its snapshot."""
    if not entries:
        return
    record_many(actor=actor, entries=entries)
    before = {"version": plan.version}
    Plan.objects.filter(pk=plan.pk).update(version=plan.version + 1)
    plan.refresh_from_db()
    snapshot_and_audit(actor, plan, "plan.update", before, f"本文 {len(entries)} 件を公開")


def revert(*, actor: Actor, entry_id: int) -> None:
    """Put back the text an audit entry replaced (itself audited; the plan gets a new version)."""
    entry = AuditEntry.objects.get(pk=entry_id, object_type="text")
    if not entry.before or not entry.after:
        raise DraftConflict("この記録には元に戻す前の文がありません")
    code, slug, rest = entry.object_id.split("/", 2)
    ref = _parse_ref(rest)
    require(actor, "plan.publish", code)
    with transaction.atomic():
        plan = (
            Plan.objects.select_for_update()
            .select_related("municipality")
            .get(municipality__code=code, slug=slug)
        )
        back = _apply(plan, ref, entry.after["text"], entry.before["text"], "text.revert")
        _new_version(actor, plan, [back])


def _parse_ref(label: str) -> TextRef:
    """Read a TextRef back from its audit label (``2-1/situation#3/ja`` or ``2-1/ja``)."""
    where, language = label.rsplit("/", 1)
    if "/" not in where:
        return TextRef(where, language=language)
    node, place = where.split("/", 1)
    section, position = place.split("#")
    return TextRef(node, section, int(position), language)


def assign_department(
    *, actor: Actor, municipality_code: str, slug: str, node_code: str, department: str
) -> None:
    """Set the responsible department (主管課) of a node, for department editors' rights."""
    require(actor, "plan.assign", municipality_code)
    plan = _plan(municipality_code, slug)
    node = PlanNode.objects.filter(plan=plan, code=node_code).first()
    if node is None:
        raise NotFound(f"node {node_code} does not exist in {slug}")
    PlanNode.objects.filter(pk=node.pk).update(department=department)
    record_many(
        actor=actor,
        entries=[
            {
                "action": "node.assign",
                "object_type": "node",
                "object_id": f"{municipality_code}/{slug}/{node_code}",
                "municipality_code": municipality_code,
                "before": {"department": node.department},
                "after": {"department": department},
            }
        ],
    )
