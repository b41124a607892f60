"""Creating and editing a programme (事務事業) by form, from its measure's evaluation sheet.

Saved by ``evaluation.programmes.save_programme`` (its checks, its audit entry programme.save);
a new programme never replaces one that already has its code. A refusal shows the form again
with everything typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shisaku.accounts.permissions import PermissionDenied, require
from shisaku.evaluation.models import Programme
from shisaku.evaluation.programmes import save_programme
from shisaku.evaluation.queries import EvaluationView, find_evaluation
from shisaku.evaluation.services import EvaluationError
from shisaku.staff import display
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.evaluation_sheet import sheet_url
from shisaku.staff.forms_programme import ProgrammeForm, initial
from shisaku.staff.views_programmes import find_programme
from shisaku.staff.views_text import find_node, flatten


def _initiatives(ws: Workspace, measure: str) -> list[tuple[str, str]]:
    """Return the measure's initiatives (主な取組) a programme may belong to: (code, label)."""
    nodes = flatten([find_node(ws, measure)]).values()
    return [
        (n.code, f"{n.code} {display.shown(n.title, n.title_en)}")
        for n in nodes
        if n.kind == "initiative"
    ]


def _page(
    request: HttpRequest, ws: Workspace, view: EvaluationView, form: ProgrammeForm, code: str
) -> HttpResponse:
    """Render the programme form (400 when it comes back refused)."""
    context = {
        "ws": ws,
        "view": view,
        "form": form,
        "code": code,
        "back": sheet_url(ws, view.fiscal_year, view.measure_code) + "#programmes",
    }
    return render(
        request, "staff/programme_form.html", context, status=400 if form.is_bound else 200
    )


def _save(
    request: HttpRequest, ws: Workspace, view: EvaluationView, form: ProgrammeForm, code: str
) -> HttpResponse:
    """Save a valid form through the service and go back to the sheet, or show the refusal."""
    try:
        save_programme(
            actor=ws.member.actor,
            municipality_code=ws.code,
            plan=ws.slug,
            programme=form.programme(),
        )
    except EvaluationError as error:
        form.add_error(None, str(error))
        return _page(request, ws, view, form, code)
    except PermissionDenied:
        form.add_error("department", _("You may save only your own department's programmes."))
        return _page(request, ws, view, form, code)
    saved = form.cleaned_data["code"]
    messages.success(request, _("The programme %(code)s was saved.") % {"code": saved})
    return redirect(sheet_url(ws, view.fiscal_year, view.measure_code) + "#programmes")


@plan_page
def new_programme(request: HttpRequest, ws: Workspace, year: int, measure: str) -> HttpResponse:
    """Show the empty form; create the programme typed into it."""
    view = find_evaluation(ws.plan.id, measure, year)
    require(ws.member.actor, "programme.edit", ws.code, ws.member.department or view.department)
    choices = _initiatives(ws, measure)
    if request.method != "POST":
        start = {"department": ws.member.department or view.department}
        return _page(request, ws, view, ProgrammeForm(initiatives=choices, initial=start), "")
    form = ProgrammeForm(request.POST, initiatives=choices)
    if not form.is_valid():
        return _page(request, ws, view, form, "")
    if Programme.objects.filter(plan_id=ws.plan.id, code=form.cleaned_data["code"]).exists():
        form.add_error("code", _("This code is already used; edit that programme instead."))
        return _page(request, ws, view, form, "")
    return _save(request, ws, view, form, "")


@plan_page
def edit_programme(
    request: HttpRequest, ws: Workspace, year: int, measure: str, programme: str
) -> HttpResponse:
    """Show a programme's definition in the form; save what was changed."""
    view = find_evaluation(ws.plan.id, measure, year)
    p = find_programme(view, programme)
    require(ws.member.actor, "programme.edit", ws.code, p.department)
    choices = _initiatives(ws, measure)
    if request.method != "POST":
        return _page(
            request,
            ws,
            view,
            ProgrammeForm(initiatives=choices, code=p.code, initial=initial(p)),
            p.code,
        )
    form = ProgrammeForm(request.POST, initiatives=choices, code=p.code, initial=initial(p))
    if not form.is_valid():
        return _page(request, ws, view, form, p.code)
    return _save(request, ws, view, form, p.code)
