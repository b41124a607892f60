"""Reads of the audit trail, returned as plain data for every interface."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from shisaku.audit.models import AuditEntry

HISTORY_LIMIT = 500  # newest entries shown for one object; older ones stay in the trail


class NotFound(LookupError):
    """The audit entry asked for does not exist."""


@dataclass(frozen=True)
class HistoryEntry:
    """One recorded write: who, when, what, and the state before and after."""

    id: int
    at: datetime
    actor: str
    user_id: int | None
    municipality_code: str
    action: str
    object_type: str
    object_id: str
    summary: str
    before: Any
    after: Any


def _entry(row: AuditEntry) -> HistoryEntry:
    """Return the plain form of an audit row."""
    return HistoryEntry(
        row.id,
        row.at,
        row.actor,
        row.user_id,
        row.municipality_code,
        row.action,
        row.object_type,
        row.object_id,
        row.summary,
        row.before,
        row.after,
    )


def _within(object_id: str, prefix: str) -> bool:
    """Return whether an object id is ``prefix`` itself or lies under it (``prefix/…``)."""
    return object_id == prefix or object_id.startswith(prefix + "/")


def history(
    object_id_prefix: str,
    municipality_code: str,
    *,
    object_types: tuple[str, ...],
    limit: int = HISTORY_LIMIT,
) -> list[HistoryEntry]:
    """Return the entries of an object and of everything under it, newest first.

    ``999997/2024-2028/K1`` matches the indicator ``K1`` and its figures (``…/K1/actual/FY2025``)
    but not ``K10``; ``999997/2024-2028/1-1`` matches the node's texts but not ``1-1-1``'s.
    Only entries of ``object_types`` count: an indicator and a node may share a code (``1``), and
    the history of one must not show the other's entries (nor offer to revert them).
    """
    rows = AuditEntry.objects.filter(
        municipality_code=municipality_code,
        object_id__startswith=object_id_prefix,
        object_type__in=object_types,
    )
    # startswith may ignore case (SQLite LIKE): compare exactly here
    found = (
        _entry(r) for r in rows.order_by("-at", "-id") if _within(r.object_id, object_id_prefix)
    )
    return [e for _, e in zip(range(limit), found, strict=False)]


def entry(entry_id: int) -> HistoryEntry:
    """Return one audit entry, or raise NotFound."""
    row = AuditEntry.objects.filter(pk=entry_id).first()
    if row is None:
        raise NotFound(f"audit entry {entry_id} does not exist")
    return _entry(row)
