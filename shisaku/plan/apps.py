"""Plan app: municipalities, plans and the plan tree."""

from django.apps import AppConfig


class PlanConfig(AppConfig):
    """Plans."""

    name = "shisaku.plan"
    default_auto_field = "django.db.models.BigAutoField"
