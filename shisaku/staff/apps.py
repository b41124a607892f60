"""Staff workspace: pages for the planning office, departments and reviewers."""

from django.apps import AppConfig


class StaffConfig(AppConfig):
    """Staff workspace."""

    name = "shisaku.staff"
