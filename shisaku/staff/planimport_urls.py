"""The routes of the plan import page, under a municipality (``/ja/staff/<code>/plan-import/``).

They come before the plan routes of :mod:`shisaku.staff.urls` (``plan-import`` would otherwise
read as a plan's identifier, which the plan form therefore refuses).  Each view gets the
exchange interface's plan files as ``files``.
"""

from __future__ import annotations

from django.urls import URLPattern, path

from shisaku.staff import views_planimport as upload
from shisaku.staff import views_planimport_edit as edit
from shisaku.staff.planimport_reader import PlanFiles


def plan_import_urls(town: str, files: PlanFiles) -> list[URLPattern]:
    """Return the plan import routes below ``town`` (the municipality's path)."""
    given = {"files": files}
    home = town + "plan-import/"
    pending = home + "<slug:token>/"
    return [
        path(home, upload.upload, given, name="plan-import"),
        path(home + "done/", upload.done, given, name="plan-import-done"),
        path(pending, upload.preview, given, name="plan-import-preview"),
        path(pending + "progress/", upload.progress, given, name="plan-import-progress"),
        path(pending + "pages/<int:page>.png", upload.page_image, given, name="plan-import-page"),
        path(pending + "cancel/", upload.cancel, given, name="plan-import-cancel"),
        path(pending + "reread/", edit.reread, given, name="plan-import-reread"),
        path(pending + "draft/", edit.draft, given, name="plan-import-draft"),
        path(pending + "profile.yaml", edit.profile_file, given, name="plan-import-profile"),
        path(pending + "plan/", edit.plan, given, name="plan-import-plan"),
        path(pending + "confirm/", edit.confirm, given, name="plan-import-confirm"),
    ]
