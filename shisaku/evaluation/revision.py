"""A cheap stamp of the state of the published data, from the audit trail.

Every write goes through a service that records an audit entry in the same transaction, or
after its change (``tests/test_every_service.py`` holds every service to it), and audit
entries are never changed or removed.  So the trail only grows, and it grows with every
change of the data: a new actual, a correction, a plan published or returned to draft, a new
municipality, a plan's text re-imported.  :func:`data_revision` sums it up in one indexed
aggregate query, so that a reader can tell whether the data has changed since it last looked
without reading the data.

The number of entries is part of the stamp, not only the newest id: on PostgreSQL, ids are
taken when a row is inserted, so a long transaction (a bulk load) may commit entries with
ids below one already seen; its commit still raises the count.  The newest time tells apart
databases that were emptied and filled again up to the same ids (``flush`` resets them).
"""

from __future__ import annotations

from django.db.models import Count, Max

from shisaku.audit.models import AuditEntry


def data_revision() -> tuple[int, int, str]:
    """Return (entries, newest id, newest time) of the audit trail: one query."""
    found = AuditEntry.objects.order_by().aggregate(n=Count("id"), last=Max("id"), at=Max("at"))
    at = found["at"]
    return int(found["n"]), int(found["last"] or 0), at.isoformat() if at else ""
