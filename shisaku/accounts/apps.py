"""Accounts app: who may do what, per municipality."""

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    """Accounts and roles."""

    name = "shisaku.accounts"
    default_auto_field = "django.db.models.BigAutoField"
