"""Indicators app: target indicators, their baselines, targets and actuals."""

from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    """Indicators."""

    name = "shisaku.indicators"
    default_auto_field = "django.db.models.BigAutoField"
