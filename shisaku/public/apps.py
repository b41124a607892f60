"""Public site: read-only pages in Japanese and English."""

from django.apps import AppConfig


class PublicConfig(AppConfig):
    """Public site."""

    name = "shisaku.public"
