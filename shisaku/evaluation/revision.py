"""Cheap stamps of the state of the published data, from the revision counters.

Every write goes through a service that records an audit entry in the same transaction, or
after its change (``tests/test_every_service.py`` holds every service to it), and recording
an entry raises the revision counter of the municipality it names (one row per municipality
code, :class:`shisaku.audit.models.Revision`; the row ``""`` counts the writes that name no
municipality).  So a reader tells whether a municipality's data changed since it last looked
by reading two rows by primary key (:func:`municipality_revision`: its own and ``""``'s, so a
write naming no municipality is never missed), and whether anything changed at all by one
aggregate over the counters, one row per municipality (:func:`data_revision`).

Counters only grow, and a counter is raised inside the write's transaction, so its commit
raises it whatever order transactions commit in.  The time of the newest change is part of
each stamp: it tells apart databases that were emptied and filled again up to the same
numbers (``flush`` empties the counters too).  A stamp is read before the data it stands for,
so data read after it is never older than the stamp.
"""

from __future__ import annotations

from django.db import connections, router

from shisaku.audit.models import Revision

MunicipalityStamp = tuple[tuple[str, int, str], ...]


def municipality_revision(code: str) -> MunicipalityStamp:
    """Return the counters of ``code`` and of writes naming no municipality: one query.

    Read with plain SQL (every request of a kept page reads it: the ORM would cost more than the
    read); the time is as the driver gives it, only ever compared with itself."""
    table = Revision._meta.db_table
    sql = f"SELECT code, number, changed_at FROM {table} WHERE code IN (%s, %s) ORDER BY code"
    with connections[router.db_for_read(Revision)].cursor() as cursor:
        cursor.execute(sql, [code, ""])
        return tuple((c, int(n), str(at)) for c, n, at in cursor.fetchall())


def data_revision() -> tuple[int, int, str]:
    """Return (sum of the counters, counters, newest change) of all municipalities: one query.

    Plain SQL for the same reason as :func:`municipality_revision` (the home page reads it on
    every request: building the ORM's aggregate cost three times the rest of a kept answer)."""
    table = Revision._meta.db_table
    sql = f"SELECT SUM(number), COUNT(code), MAX(changed_at) FROM {table}"
    with connections[router.db_for_read(Revision)].cursor() as cursor:
        cursor.execute(sql)
        total, rows, at = cursor.fetchone() or (0, 0, None)
    return int(total or 0), int(rows), "" if at is None else str(at)
