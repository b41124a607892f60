"""Evaluation app: the yearly 施策評価 cycle and the programmes (事務事業) behind each measure."""

from django.apps import AppConfig


class EvaluationConfig(AppConfig):
    """Evaluation."""

    name = "shisaku.evaluation"
    default_auto_field = "django.db.models.BigAutoField"
