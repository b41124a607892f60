"""The preview of a plan import in its three states: being read, not readable, read.

Each state is one context for ``staff/plan_import_preview.html``; the forms a view has already
bound (with their errors) replace the fresh ones.  Nothing here writes: the preview's list of
changes is the import service's dry run.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from shisaku.domain.plandoc_profile import Profile, profile_from_dict
from shisaku.staff import planimport_jobs as jobs
from shisaku.staff import planimport_store as store
from shisaku.staff.access import Member
from shisaku.staff.forms_planimport import PlanForm, ProfileRowsForm, ProfileTextForm
from shisaku.staff.planimport_display import counts, indicator_count, line_rows, tree
from shisaku.staff.planimport_plan import plan_form, plan_meta, run_import
from shisaku.staff.planimport_profile import as_text, nameable, style_rows
from shisaku.staff.planimport_reader import Loaded, PlanFiles

TEMPLATE = "staff/plan_import_preview.html"


def profile_of(pending: store.Pending) -> Profile | None:
    """Return the profile the user gave (None: infer everything)."""
    return profile_from_dict(pending.profile) if pending.profile else None


def period_of(pending: store.Pending) -> jobs.Period | None:
    """Return the plan period the user gave in the plan form (None: none given yet)."""
    start, end = pending.plan.get("start", ""), pending.plan.get("end", "")
    return (int(start), int(end)) if start.isdigit() and end.isdigit() else None


def read(files: PlanFiles, pending: store.Pending) -> None:
    """Start the current reading of the document, with the user's profile and period, and wait
    a little for it (a short document is shown at once)."""
    data = store.data(pending)
    profile, period = profile_of(pending), period_of(pending)
    jobs.wait(jobs.start(pending.job, files, pending.name, data, profile, period))


def restart(files: PlanFiles, pending: store.Pending) -> jobs.Reading:
    """Read the document again when this process knows nothing of its reading."""
    read(files, pending)
    return jobs.status(pending.job) or jobs.Reading("reading")


def _draft(pending: store.Pending) -> dict[str, str]:
    """Return the profile form's unsaved edits for the current reading (none: empty)."""
    draft = pending.draft
    return draft if draft.get("serial") == str(pending.serial) else {}


def _profile_forms(pending: store.Pending, loaded: Loaded | None) -> dict[str, Any]:
    """Return the profile forms: rows (when the document was read) and YAML, with any draft."""
    draft = _draft(pending)
    reading = loaded.reading if loaded is not None else None
    text = draft.get("text", as_text(reading, pending.profile))
    forms: dict[str, Any] = {
        "text_form": ProfileTextForm(initial={"serial": pending.serial, "text": text}),
        "draft_kept": bool(draft),
    }
    if reading is not None:
        rows = style_rows(reading)
        initial = {k: v for k, v in draft.items() if k.startswith(("level_", "kind_"))}
        forms["rows_form"] = ProfileRowsForm(
            initial={"serial": pending.serial, **initial},
            rows=[r for r in rows if nameable(r.style)],
        )
        forms["fixed_rows"] = [r for r in rows if not nameable(r.style)]
    return forms


def _read(
    member: Member, pending: store.Pending, loaded: Loaded, form: PlanForm | None
) -> dict[str, Any]:
    """Return the context of a document read: the tree, the lines, the dry run's changes."""
    form = form or plan_form(loaded, member.municipality_code, pending.plan)
    dry = (
        run_import(member, loaded, plan_meta(form, loaded, member.municipality_code), dry_run=True)
        if form.is_valid()
        else None
    )
    reading = loaded.reading
    result = dry.result if dry else None
    return {
        "loaded": loaded,
        "reading": reading,
        "tree": tree(loaded.nodes),
        "counts": counts(loaded.nodes),
        "indicator_rows": indicator_count(loaded.nodes),
        "warnings": [str(w) for w in loaded.warnings + (result.warnings if result else [])],
        "lines": line_rows(reading.lines) if reading else [],
        "notices": [str(n) for n in reading.notices] if reading else [],
        "plan_form": form,
        "result": result,
        "refusals": dry.refusals if dry else [],
    }


def show(
    request: HttpRequest,
    member: Member,
    files: PlanFiles,
    pending: store.Pending,
    *,
    status: int = 200,
    **given: Any,
) -> HttpResponse:
    """Render the preview in the reading's state (``given``: bound forms, refusals)."""
    state = jobs.status(pending.job) or restart(files, pending)
    context: dict[str, Any] = {"member": member, "pending": pending, "state": state.state}
    context["is_pdf"] = pending.name.lower().endswith(".pdf")
    if state.state == "reading":
        context["progress"] = state
    elif state.state == "failed":
        context["failure"] = state.failure
        context.update(_profile_forms(pending, None))
    elif state.loaded is not None:
        context.update(_read(member, pending, state.loaded, given.pop("plan_form", None)))
        context.update(_profile_forms(pending, state.loaded))
    context.update(given)
    return render(request, TEMPLATE, context, status=status)
