"""Record audit entries; called by every service that writes."""

from __future__ import annotations

from typing import Any

from shisaku.audit.models import AuditEntry
from shisaku.domain.actors import Actor


def record(
    *,
    actor: Actor,
    action: str,
    object_type: str,
    object_id: str,
    municipality_code: str = "",
    summary: str = "",
    before: Any = None,
    after: Any = None,
) -> AuditEntry:
    """Append one entry to the audit trail."""
    return AuditEntry.objects.create(
        actor=actor.label,
        user_id=actor.user_id,
        municipality_code=municipality_code,
        action=action,
        object_type=object_type,
        object_id=object_id,
        summary=summary,
        before=before,
        after=after,
    )


def record_many(*, actor: Actor, entries: list[dict[str, Any]]) -> None:
    """Append many entries at once (keys as for :func:`record`, without ``actor``)."""
    rows = [AuditEntry(actor=actor.label, user_id=actor.user_id, **entry) for entry in entries]
    AuditEntry.objects.bulk_create(rows, batch_size=500)
