"""Audit app: the append-only record of every write."""

from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Audit trail."""

    name = "shisaku.audit"
    default_auto_field = "django.db.models.BigAutoField"
