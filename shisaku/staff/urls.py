"""Workspace routes, under ``/ja/staff/`` and ``/en/staff/``.

The routes are built by :func:`staff_urls` because the bulk upload needs a file reader that
only the entry point may hand over (interfaces never import each other): ``shisaku/urls.py``
passes ``shisaku.exchange.indicatorfiles.read_indicator_bytes`` as the upload views' ``reader``,
and the exchange interface's plan file functions as the plan import's ``plan_files``.
"""

from __future__ import annotations

from django.urls import URLPattern, path

import shisaku.urlcodes  # noqa: F401  (registers town, node, indicator)
from shisaku.staff import (
    auth,
    views_cycle,
    views_dashboard,
    views_departments,
    views_evaluation,
    views_figures,
    views_history,
    views_indicator_form,
    views_programme_form,
    views_programmes,
    views_sdgs,
    views_templates,
    views_text,
    views_translation,
    views_upload,
    views_work,
)
from shisaku.staff.planimport_reader import PlanFiles
from shisaku.staff.planimport_urls import plan_import_urls
from shisaku.staff.views_translation import TranslationFiles
from shisaku.staff.views_upload import Reader

TOWN = "<town:code>/"
PLAN = TOWN + "<slug:slug>/"
INDICATOR = PLAN + "indicators/<indicator:indicator>/"
NODE = PLAN + "text/<node:node>/"
EVALUATIONS = PLAN + "evaluations/"
SHEET = EVALUATIONS + "<int:year>/<node:measure>/"
APP_NAME = "staff"


def staff_urls(
    *, reader: Reader, plan_files: PlanFiles, translation_files: TranslationFiles
) -> tuple[list[URLPattern], str]:
    """Return the workspace routes and their namespace, with the readers of uploaded files."""
    upload = {"reader": reader}
    translated = {"files": translation_files}
    patterns = [
        path("", views_dashboard.home, name="home"),
        path("login/", auth.login, name="login"),
        path("logout/", auth.logout, name="logout"),
        path(TOWN, views_dashboard.municipality, name="municipality"),
        *plan_import_urls(TOWN, plan_files),  # before PLAN: "plan-import" is not a plan
        path(PLAN, views_dashboard.dashboard, name="dashboard"),
        path(PLAN + "deadline/", views_dashboard.deadline, name="deadline"),
        path(PLAN + "my-work/", views_work.my_work, name="my-work"),
        path(PLAN + "indicators/", views_dashboard.indicators, name="indicators"),
        path(
            PLAN + "new-indicator/",
            views_indicator_form.new_indicator,
            upload,
            name="indicator-new",
        ),
        path(INDICATOR, views_figures.indicator_page, name="indicator"),
        path(
            INDICATOR + "edit/", views_indicator_form.edit_indicator, upload, name="indicator-edit"
        ),
        path(INDICATOR + "preview/", views_figures.preview, name="preview"),
        path(INDICATOR + "history/", views_history.indicator_history, name="indicator-history"),
        path(INDICATOR + "revert/", views_history.revert_figure, name="revert-figure"),
        path(PLAN + "upload/", views_upload.upload, upload, name="upload"),
        path(PLAN + "upload/confirm/", views_upload.confirm, upload, name="upload-confirm"),
        path(PLAN + "upload/cancel/", views_upload.cancel, upload, name="upload-cancel"),
        path(
            PLAN + "upload/template/<slug:kind>.xlsx",
            views_templates.template_file,
            name="upload-template",
        ),
        path(PLAN + "text/", views_text.outline, name="outline"),
        path(NODE, views_text.node_texts, name="node-texts"),
        path(NODE + "discard/", views_text.discard, name="discard"),
        path(NODE + "history/", views_history.node_history, name="node-history"),
        path(NODE + "revert/", views_history.revert_text, name="revert-text"),
        path(PLAN + "drafts/", views_text.draft_list, name="drafts"),
        path(PLAN + "drafts/publish/", views_text.publish, name="publish"),
        path(PLAN + "departments/", views_departments.departments, name="departments"),
        path(PLAN + "departments/education/", views_departments.education, name="education"),
        path(PLAN + "sdgs/", views_sdgs.sdgs, name="sdgs"),
        path(PLAN + "departments/list/", views_departments.save_listed, name="department-list"),
        path(PLAN + "translation/", views_translation.translation, translated, name="translation"),
        path(
            PLAN + "translation/export.<slug:fmt>",
            views_translation.export,
            translated,
            name="translation-export",
        ),
        path(
            PLAN + "translation/apply/",
            views_translation.apply,
            translated,
            name="translation-apply",
        ),
        path(EVALUATIONS, views_cycle.overview, name="evaluations"),
        path(EVALUATIONS + "open/", views_cycle.open_evaluation_year, name="open-year"),
        path(EVALUATIONS + "deadline/", views_cycle.stage_deadline, name="stage-deadline"),
        path(EVALUATIONS + "rules/", views_cycle.sheet_rules, name="sheet-rules"),
        path(SHEET, views_evaluation.sheet, name="evaluation"),
        path(SHEET + "save/", views_evaluation.save, name="evaluation-save"),
        path(SHEET + "step/", views_evaluation.take_step, name="evaluation-step"),
        path(SHEET + "new-programme/", views_programme_form.new_programme, name="programme-new"),
        path(
            SHEET + "programmes/<indicator:programme>/definition/",
            views_programme_form.edit_programme,
            name="programme-edit",
        ),
        path(
            SHEET + "programmes/<indicator:programme>/",
            views_programmes.programme_year,
            name="programme-year",
        ),
    ]
    return patterns, APP_NAME
