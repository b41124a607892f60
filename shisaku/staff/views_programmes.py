"""A programme's (事務事業) amounts for one fiscal year, entered from its measure's sheet.

The amounts are typed as in a spreadsheet (「1,234,000」「1,234千円」「-」) and read with the
same reader as the files (``domain.costs.read_amount``); ``save_programme_year`` checks the
permission (the programme's department or the planning office) and the lock of the year.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from shisaku.accounts.permissions import require
from shisaku.evaluation.programme_queries import ProgrammeView
from shisaku.evaluation.programmes import ProgrammeYearInput, save_programme_year
from shisaku.evaluation.queries import EvaluationView, find_evaluation
from shisaku.evaluation.services import EvaluationError
from shisaku.indicators.services import Locked
from shisaku.plan.queries import NotFound
from shisaku.staff import display
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.evaluation_sheet import locked, sheet_url
from shisaku.staff.forms_evaluation import ProgrammeYearForm

AMOUNTS = ("budget", "settlement", "staff_years", "unit_cost")
CHOICES = ("necessity", "effectiveness", "efficiency", "direction", "comment_ja", "comment_en")


def find_programme(view: EvaluationView, code: str) -> ProgrammeView:
    """Return a programme of the sheet's measure running in its year (NotFound: a 404)."""
    for p in view.programmes:
        if p.code == code:
            return p
    raise NotFound(
        f"programme {code} is not under measure {view.measure_code} in {view.fiscal_year}"
    )


def _typed(value: Decimal | None, whole: bool) -> str:
    """Return a stored amount as the form shows it: 1,234,000 or 1.5 ("" when not entered)."""
    if value is None:
        return ""
    return f"{int(value):,}" if whole else display.number(value)


def _initial(p: ProgrammeView) -> dict[str, Any]:
    """Return the form prefilled with the programme's year."""
    cost = p.cost
    return {
        "budget": _typed(cost.budget, True),
        "settlement": _typed(cost.settlement, True),
        "staff_years": _typed(cost.staff_years, False),
        "unit_cost": _typed(cost.unit_cost, True),
        **{name: getattr(p, name) for name in CHOICES},
    }


def _page(
    request: HttpRequest,
    ws: Workspace,
    view: EvaluationView,
    p: ProgrammeView,
    status: int = 200,
    **extra: Any,
) -> HttpResponse:
    """Render the programme's year with its form (when this member may enter it)."""
    may_edit = not locked(view) and ws.member.may("programme.edit", p.department)
    context = {
        "ws": ws,
        "view": view,
        "programme": p,
        "name": display.shown(p.name_ja, p.name_en),
        "measure_title": display.shown(view.measure_title_ja, view.measure_title_en),
        "locked": locked(view),
        "back": sheet_url(ws, view.fiscal_year, view.measure_code) + "#programmes",
        **extra,
    }
    if may_edit and "form" not in context:
        context["form"] = ProgrammeYearForm(initial=_initial(p))
    return render(request, "staff/programme.html", context, status=status)


@plan_page
def programme_year(
    request: HttpRequest, ws: Workspace, year: int, measure: str, programme: str
) -> HttpResponse:
    """Show a programme's amounts for the year; save what its department or planning enters."""
    view = find_evaluation(ws.plan.id, measure, year)
    p = find_programme(view, programme)
    if request.method != "POST":
        return _page(request, ws, view, p)
    require(ws.member.actor, "programme.edit", ws.code, p.department)
    form = ProgrammeYearForm(request.POST)
    if not form.is_valid():
        return _page(request, ws, view, p, 400, form=form)
    try:
        _save(ws, p, year, form)
    except Locked as error:
        return _page(request, ws, view, p, 423, form=form, lock_error=str(error))
    except EvaluationError as error:
        form.add_error(None, str(error))
        return _page(request, ws, view, p, 400, form=form)
    messages.success(request, _("The amounts of %(code)s were saved.") % {"code": p.code})
    return redirect(sheet_url(ws, year, measure) + "#programmes")


def _save(ws: Workspace, p: ProgrammeView, year: int, form: ProgrammeYearForm) -> None:
    """Save the programme's year through the service."""
    data = form.cleaned_data
    texts = {name: str(data[name]).replace("\r\n", "\n") for name in CHOICES}
    values = ProgrammeYearInput(
        year, data["budget"], data["settlement"], data["staff_years"], data["unit_cost"], **texts
    )
    save_programme_year(
        actor=ws.member.actor, municipality_code=ws.code, plan=ws.slug, code=p.code, values=values
    )
