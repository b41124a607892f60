"""Plan import, after the preview: correct the reading, name the plan, import it.

- **Re-read** (:func:`reread`): the profile form's rows (a level, or read as text, and a kind
  per numbering style) or its YAML become the user's profile, and the same upload is read
  again with it.  Edits not yet re-read are kept in the session as they are made
  (:func:`draft`, posted by htmx on change), so leaving the page and coming back loses nothing.
- **Profile file** (:func:`profile_file`): the profile as YAML, for ``import-plan --profile``.
- **Plan** (:func:`plan`): the title, period and identifier the import uses.
- **Import** (:func:`confirm`): ``import_plan_document`` for real; its refusals are shown and
  nothing is written; after an import the upload is deleted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shisaku.indicators.planimport import PlanImportResult
from shisaku.staff import planimport_jobs as jobs
from shisaku.staff import planimport_store as store
from shisaku.staff.access import Member
from shisaku.staff.forms_planimport import (
    PROFILE_CHARS,
    PlanForm,
    ProfileRowsForm,
    ProfileTextForm,
)
from shisaku.staff.planimport_page import period_of, read, show
from shisaku.staff.planimport_plan import plan_form, plan_meta, run_import
from shisaku.staff.planimport_profile import (
    ProfileInputError,
    as_text,
    from_text,
    nameable,
    style_rows,
    with_rows,
)
from shisaku.staff.planimport_reader import Loaded, PlanFiles
from shisaku.staff.views_planimport import DONE_KEY, discard, pending_page, preview_url


def _loaded(pending: store.Pending) -> Loaded | None:
    """Return the plan read for the current reading, or None while it is not read."""
    state = jobs.status(pending.job)
    return state.loaded if state is not None else None


def _current(request: HttpRequest, pending: store.Pending) -> bool:
    """Tell whether the form was posted from the page of the current reading."""
    return request.POST.get("serial") == str(pending.serial)


def _stale(request: HttpRequest, pending: store.Pending) -> HttpResponse:
    """Send the user back to the preview of a reading newer than the page they posted from."""
    messages.error(request, _("The page was out of date; here is the current reading."))
    return redirect(preview_url(pending))


def _read_again(
    request: HttpRequest, files: PlanFiles, pending: store.Pending, profile: dict[str, Any]
) -> HttpResponse:
    """Keep the new profile and read the same upload again with it."""
    pending.profile = profile
    _next_reading(request, files, pending)
    return redirect(preview_url(pending))


def _next_reading(request: HttpRequest, files: PlanFiles, pending: store.Pending) -> None:
    """Forget the current reading and read the same upload again with what the user chose."""
    jobs.forget(pending.job)
    pending.serial, pending.draft = pending.serial + 1, {}
    store.save(request.session, pending)
    read(files, pending)


def _from_text(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending
) -> HttpResponse:
    """Re-read with the profile written as YAML (or show what is wrong with it)."""
    form = ProfileTextForm(request.POST)
    if form.is_valid():
        try:
            return _read_again(request, files, pending, from_text(form.cleaned_data["text"]))
        except ProfileInputError as error:
            form.add_error("text", str(error))
    return show(request, member, files, pending, status=400, text_form=form)


@require_POST
@pending_page
def reread(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending
) -> HttpResponse:
    """Read the same upload again with the profile the user corrected."""
    if not _current(request, pending):
        return _stale(request, pending)
    if request.POST.get("mode") == "text":
        return _from_text(request, member, files, pending)
    loaded = _loaded(pending)
    if loaded is None or loaded.reading is None:
        return _stale(request, pending)
    rows = [r for r in style_rows(loaded.reading) if nameable(r.style)]
    form = ProfileRowsForm(request.POST, rows=rows)
    if not form.is_valid():
        return show(request, member, files, pending, status=400, rows_form=form)
    return _read_again(request, files, pending, with_rows(pending.profile, form.chosen()))


def _draft_fields(request: HttpRequest) -> dict[str, str]:
    """Return the profile form's fields posted (levels, kinds, the YAML text)."""
    return {
        key: request.POST.get(key, "")[:PROFILE_CHARS]
        for key in request.POST
        if key in ("serial", "text") or key.startswith(("level_", "kind_"))
    }


@require_POST
@pending_page
def draft(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending
) -> HttpResponse:
    """Keep the profile form's edits in the session until the user re-reads (htmx, on change)."""
    if _current(request, pending):
        earlier = pending.draft if pending.draft.get("serial") == str(pending.serial) else {}
        pending.draft = {**earlier, **_draft_fields(request)}
        store.save(request.session, pending)
    if not getattr(request, "htmx", False):
        return redirect(preview_url(pending))
    return render(request, "staff/plan_import_draft.html", {"kept": _current(request, pending)})


@pending_page
def profile_file(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending
) -> HttpResponse:
    """Return the profile the document was read with, as a YAML file for the command line."""
    loaded = _loaded(pending)
    text = as_text(loaded.reading if loaded is not None else None, pending.profile)
    response = HttpResponse(text, content_type="application/yaml; charset=utf-8")
    name = f"{Path(pending.name).stem}.profile.yaml"
    response.headers["Content-Disposition"] = content_disposition_header(True, name) or ""
    return response


@require_POST
@pending_page
def plan(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending
) -> HttpResponse:
    """Keep the title, period and identifier the import will use, and show its changes.

    A plan document that states no period of its own is read again with a period it was not
    read with: the period dates the years the document prints without their era
    (「現状値（2年度）」), as ``--period`` does."""
    form = PlanForm(request.POST)
    if not form.is_valid():
        return show(request, member, files, pending, status=400, plan_form=form)
    before, loaded = period_of(pending), _loaded(pending)
    pending.plan = {key: str(form.cleaned_data[key]) for key in PlanForm.base_fields}
    store.save(request.session, pending)
    if period_of(pending) != before and _dated_by_the_user(loaded):
        _next_reading(request, files, pending)
    return redirect(preview_url(pending) + "#changes")


def _dated_by_the_user(loaded: Loaded | None) -> bool:
    """Tell whether the user's period dates what was read: a plan document (not an exchange
    file) that states no period of its own, or one still being read."""
    return loaded is None or (loaded.reading is not None and loaded.reading.period is None)


def _summary(member: Member, meta_title: str, result: PlanImportResult) -> dict[str, Any]:
    """Return what the import did, as the result page shows it."""
    stored = result.indicators
    return {
        "code": member.municipality_code,
        "slug": result.plan.slug,
        "title": meta_title,
        "created": result.plan.created,
        "version": result.plan.version,
        "changes": len(result.plan.changes),
        "rows": result.rows,
        "indicators_created": stored.indicators_created if stored else 0,
        "indicators_updated": stored.indicators_updated if stored else 0,
        "figures_added": stored.figures_added if stored else 0,
    }


@require_POST
@pending_page
def confirm(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending
) -> HttpResponse:
    """Import the plan read, as previewed; a refusal is shown and nothing is written."""
    loaded = _loaded(pending)
    if not _current(request, pending) or loaded is None:
        return _stale(request, pending)
    form = plan_form(loaded, member.municipality_code, pending.plan)
    if not form.is_valid():
        return show(request, member, files, pending, status=400, plan_form=form)
    meta = plan_meta(form, loaded, member.municipality_code)
    outcome = run_import(member, loaded, meta, dry_run=False)
    if outcome.result is None:
        return show(request, member, files, pending, status=400, refusals=outcome.refusals)
    discard(request)
    request.session[DONE_KEY] = _summary(member, meta.title, outcome.result)
    return redirect(reverse("staff:plan-import-done", kwargs={"code": member.municipality_code}))
