"""Record audit entries; called by every service that writes.

Recording an entry also raises the revision counter of the municipality it names
(:class:`~shisaku.audit.models.Revision`), in the same transaction: the public site keys its
cached plan views on that counter, so the write is seen on the next request and other
municipalities' cached views stay valid.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db.models import F
from django.utils import timezone

from shisaku.audit.models import AuditEntry, Revision
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
    _bump([municipality_code])
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
    _bump(row.municipality_code for row in rows)
    AuditEntry.objects.bulk_create(rows, batch_size=500)


def _bump(codes: Iterable[str]) -> None:
    """Raise the revision counter of each municipality code (in code order: no deadlock)."""
    now = timezone.now()
    for code in sorted(set(codes)):
        row = Revision.objects.filter(code=code)
        if not row.update(number=F("number") + 1, changed_at=now):
            new = Revision(code=code, changed_at=now)
            Revision.objects.bulk_create([new], ignore_conflicts=True)  # unless one was just made
            row.update(number=F("number") + 1, changed_at=now)
