"""Voice app: consultations (意見募集), opinions and the responses to them."""

from django.apps import AppConfig


class VoiceConfig(AppConfig):
    """Voice."""

    name = "shisaku.voice"
    default_auto_field = "django.db.models.BigAutoField"
