"""One measure's evaluation sheet (施策評価シート) for a fiscal year: read, fill in, move on.

Every change goes through the evaluation services with the version the editor saw: a sheet
changed meanwhile is a conflict, shown with the current values, and nothing is overwritten.
Without JavaScript each form posts and the page redirects with a message; publishing and
reopening are asked once more on a confirmation page.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shisaku.accounts.permissions import require
from shisaku.domain.workflow import WorkflowError, step
from shisaku.evaluation.queries import EvaluationView, find_evaluation
from shisaku.evaluation.requirements import Incomplete, required_to_submit
from shisaku.evaluation.services import (
    Conflict,
    EvaluationError,
    update_evaluation,
    update_translation,
)
from shisaku.evaluation.transitions import save_and_submit, transition
from shisaku.staff import display
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.evaluation_sheet import (
    DEFAULT_FIELDS,
    FORMS,
    confirmed_first,
    field_forms,
    form_fields,
    locked,
    no_actuals,
    opinion_rows,
    overview_url,
    programme_rows,
    sheet_history,
    sheet_url,
    step_offers,
    submits_with_form,
)
from shisaku.staff.forms_evaluation import SHEET_FIELD_NAMES, SheetForm, StepForm


def _view(ws: Workspace, year: int, measure: str) -> EvaluationView:
    """Return the sheet of a measure and year (NotFound: a 404)."""
    return find_evaluation(ws.plan.id, measure, year)


def _page(
    request: HttpRequest, ws: Workspace, view: EvaluationView, status: int = 200, **extra: Any
) -> HttpResponse:
    """Render the sheet page; ``forms`` / ``steps`` hold bound forms to show with their errors."""
    context = {
        "ws": ws,
        "view": view,
        "title": display.shown(view.measure_title_ja, view.measure_title_en),
        "forms": field_forms(ws, view, extra.pop("forms", {})),
        "steps": step_offers(ws, view, extra.pop("steps", {})),
        "locked": locked(view),
        "submit_with_form": submits_with_form(ws, view),
        "programmes": programme_rows(ws, view),
        "may_add_programme": ws.member.may("programme.edit", view.department),
        "history": sheet_history(ws, view),
        "opinions": opinion_rows(ws, view),
        "overview_url": overview_url(ws, view.fiscal_year),
        "frozen_at": _moment(view.grades.frozen_at),
        **extra,
    }
    return render(request, "staff/evaluation.html", context, status=status)


def _moment(iso: str) -> str:
    """Return when the grades were frozen, as the workspace shows times ("" when not frozen)."""
    if not iso:
        return ""
    return date_format(localtime(datetime.fromisoformat(iso)), "SHORT_DATETIME_FORMAT")


@plan_page
def sheet(request: HttpRequest, ws: Workspace, year: int, measure: str) -> HttpResponse:
    """Show a measure's evaluation sheet with the forms and steps this member may use."""
    return _page(request, ws, _view(ws, year, measure))


@require_POST
@plan_page
def save(request: HttpRequest, ws: Workspace, year: int, measure: str) -> HttpResponse:
    """Save one of the sheet's field forms (the department's, the committee's, the English)."""
    view = _view(ws, year, measure)
    which = request.POST.get("form", "")
    if which not in FORMS:
        messages.error(request, _("The form was not recognised; reload the page and try again."))
        return redirect(sheet_url(ws, year, measure))
    names = form_fields(ws, view).get(which) or DEFAULT_FIELDS[which]
    submitting = which == "sheet" and request.POST.get("then") == "submit"
    needed = required_to_submit(ws.plan.id) if which == "sheet" else ()
    form = SheetForm(request.POST, names=names, needed=needed, submitting=submitting, prefix=which)
    if not form.is_valid():
        if submitting and form.missing_labels():
            form.add_error(None, _not_submitted(form.missing_labels()))
        return _page(request, ws, view, 400, forms={which: form})
    if submitting:
        return _save_and_submit(request, ws, view, form)
    writer = update_translation if which == "en" else update_evaluation
    try:
        version = writer(
            actor=ws.member.actor,
            evaluation_id=view.id,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
        )
    except Conflict:
        return _field_conflict(request, ws, year, measure, which, form)
    except EvaluationError as error:
        if which not in form_fields(ws, view):  # not editable in this state: no form to show
            messages.error(request, str(error))
            return _page(request, ws, view, 400)
        form.add_error(None, str(error))
        return _page(request, ws, view, 400, forms={which: form})
    if version == view.version:
        messages.info(request, _("Nothing changed: the sheet already holds these values."))
    else:
        messages.success(request, _("The sheet was saved."))
    return redirect(sheet_url(ws, year, measure) + f"#form-{which}")


def _not_submitted(labels: list[str]) -> str:
    """Return why a sheet was not submitted: the required fields left empty, by name."""
    return _(
        "The sheet was not submitted and nothing was saved: fill in %(fields)s first. "
        "What you typed is still in the form."
    ) % {"fields": _(", ").join(labels)}


def _save_and_submit(
    request: HttpRequest, ws: Workspace, view: EvaluationView, form: SheetForm
) -> HttpResponse:
    """Save what is on the form and submit the sheet in one step; on refusal keep the form."""
    year, measure = view.fiscal_year, view.measure_code
    try:
        save_and_submit(
            actor=ws.member.actor,
            evaluation_id=view.id,
            expected_version=form.cleaned_data["version"],
            changes=form.changes(),
        )
    except Conflict:
        return _field_conflict(request, ws, year, measure, "sheet", form)
    except Incomplete as incomplete:  # a required field the form does not hold
        labels = [str(SHEET_FIELD_NAMES.get(name, name)) for name in incomplete.missing]
        form.add_error(None, _not_submitted(labels))
        return _page(request, ws, view, 400, forms={"sheet": form})
    except (EvaluationError, WorkflowError) as error:
        form.add_error(None, str(error))
        return _page(request, ws, view, 400, forms={"sheet": form})
    messages.success(request, _("The sheet was saved and submitted with what you typed."))
    return redirect(sheet_url(ws, year, measure))


def _field_conflict(
    request: HttpRequest, ws: Workspace, year: int, measure: str, which: str, form: SheetForm
) -> HttpResponse:
    """Show the sheet as it is now, keeping what was typed; saving again is deliberate."""
    view = _view(ws, year, measure)
    typed = form.changes()
    differing = [
        (form.fields[name].label, _shown(name, getattr(view, name)), _shown(name, value))
        for name, value in typed.items()
        if getattr(view, name) != value
    ]
    data = request.POST.copy()
    data[f"{which}-version"] = str(view.version)
    names = form_fields(ws, view).get(which)
    forms = {which: SheetForm(data, names=names, prefix=which)} if names else {}
    mine = [(form.fields[name].label, _shown(name, v)) for name, v in typed.items() if v]
    conflict = {"differing": differing, "kept": bool(names), "typed": mine}
    return _page(request, ws, view, 409, forms=forms, conflict=conflict)


def _shown(name: str, value: str) -> str:
    """Return a sheet field's value for people (a direction by its label)."""
    return display.label(display.DIRECTIONS, value) if name == "direction" and value else value


@require_POST
@plan_page
def take_step(request: HttpRequest, ws: Workspace, year: int, measure: str) -> HttpResponse:
    """Take a workflow step (asking once more before publishing or reopening)."""
    view = _view(ws, year, measure)
    action = request.POST.get("step", "")
    seen = request.POST.get(f"{action}-version", "")
    if seen.isdigit() and int(seen) != view.version:  # the page was out of date
        label = display.label(display.STEPS, action)
        return _page(request, ws, view, 409, conflict={"step": label})
    try:
        move = step(view.status, action)
    except WorkflowError as error:
        messages.error(request, str(error))
        return redirect(sheet_url(ws, year, measure))
    require(ws.member.actor, move.permission, ws.code, view.department)
    form = StepForm(request.POST, step=move)
    if not form.is_valid():
        return _page(request, ws, view, 400, steps={action: form})
    if confirmed_first(view, action) and not form.cleaned_data["confirmed"]:
        return _confirm(request, ws, view, form)
    return _move(request, ws, view, form)


def _confirm(
    request: HttpRequest, ws: Workspace, view: EvaluationView, form: StepForm
) -> HttpResponse:
    """Ask once more before publishing, reopening, pulling back or approving without actuals."""
    context = {
        "ws": ws,
        "view": view,
        "title": display.shown(view.measure_title_ja, view.measure_title_en),
        "action": form.step.action,
        "label": display.label(display.STEPS, form.step.action),
        "comment": form.comment_text(),
        "version": form.cleaned_data["version"],
        "back": sheet_url(ws, view.fiscal_year, view.measure_code),
        "no_actuals": no_actuals(view),
    }
    return render(request, "staff/evaluation_confirm.html", context)


def _move(
    request: HttpRequest, ws: Workspace, view: EvaluationView, form: StepForm
) -> HttpResponse:
    """Take the step; show a conflict or a refusal on the sheet, or go back with a message."""
    action = form.step.action
    try:
        transition(
            actor=ws.member.actor,
            evaluation_id=view.id,
            action=action,
            comment=form.comment_text(),
            expected_version=form.cleaned_data["version"],
        )
    except Conflict:
        fresh = _view(ws, view.fiscal_year, view.measure_code)
        return _page(request, ws, fresh, 409, conflict={"step": display.STEPS[action]})  # raced
    except WorkflowError as error:
        form.add_error(None, str(error))
        return _page(request, ws, view, 400, steps={action: form})
    messages.success(request, _done_message(action, form.step.target))
    if action in ("approve", "stand_in"):
        messages.info(request, _locked_message(view.fiscal_year))
    return redirect(sheet_url(ws, view.fiscal_year, view.measure_code))


def _done_message(action: str, target: str) -> str:
    """Return what a step did, in words."""
    return _("Done: %(step)s. The sheet is now: %(state)s.") % {
        "step": display.label(display.STEPS, action),
        "state": display.label(display.STATES, target),
    }


def _locked_message(year: int) -> str:
    """Return the notice that a year's figures of the measure are now locked."""
    return _(
        "The figures of %(year)s for this measure are now locked: indicator figures and "
        "programme amounts cannot be changed until the planning office reopens the evaluation."
    ) % {"year": display.year_label(year)}
