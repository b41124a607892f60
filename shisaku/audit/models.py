"""The audit trail: who did what, when, with the state before and after. Append-only."""

from __future__ import annotations

from typing import Any

from django.db import models


class AppendOnlyError(Exception):
    """Audit entries are never changed or removed."""


class AppendOnlyQuerySet(models.QuerySet["AuditEntry"]):
    """Reads and inserts only: a bulk update or delete would bypass the model's refusal."""

    def update(self, **kwargs: Any) -> int:
        """Refuse: audit entries cannot be changed."""
        raise AppendOnlyError("audit entries cannot be changed")

    def delete(self) -> tuple[int, dict[str, int]]:
        """Refuse: audit entries cannot be removed."""
        raise AppendOnlyError("audit entries cannot be removed")


class AuditEntry(models.Model):
    """One recorded write."""

    at = models.DateTimeField(auto_now_add=True, db_index=True)
    actor = models.CharField(max_length=150)
    user_id = models.BigIntegerField(null=True, blank=True)
    municipality_code = models.CharField(max_length=6, blank=True, db_index=True)
    action = models.CharField(max_length=60)
    object_type = models.CharField(max_length=60)
    object_id = models.CharField(max_length=100)
    summary = models.TextField(blank=True)
    before = models.JSONField(null=True, blank=True)
    after = models.JSONField(null=True, blank=True)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor} {self.action} {self.object_id}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        """Insert a new entry; refuse to rewrite an existing one."""
        if self.pk is not None:
            raise AppendOnlyError("audit entries cannot be changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        """Refuse: audit entries cannot be removed."""
        raise AppendOnlyError("audit entries cannot be removed")


class Revision(models.Model):
    """The revision counter of one municipality's data, raised by every audited write to it.

    One row per municipality code (the row ``""`` for writes that name none); the audit service
    raises it in the transaction of the write (:func:`shisaku.audit.services.record`), so a
    reader tells whether a municipality's data changed since it last looked by reading one row.
    """

    code = models.CharField(max_length=6, primary_key=True)
    number = models.BigIntegerField(default=0)
    changed_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.code or '(none)'} r{self.number}"
