"""The year's evaluations at a glance: where each measure's sheet stands and what is due next.

Read from ``evaluation.queries.cycle_overview``. The planning office also opens the year
(a draft sheet for every measure, ``open_year``) and sets the due date of each stage
(``set_stage_deadline``) here. A department without a manager (所属長) account is named: its
sheets could never be approved, so the planning office approves them in the manager's stead
from the sheet (docs/evaluation.md).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shisaku.accounts.permissions import require
from shisaku.domain.workflow import STAGES
from shisaku.evaluation.queries import CycleOverview, OverviewRow, cycle_overview
from shisaku.evaluation.requirements import required_to_submit, set_required_to_submit
from shisaku.evaluation.services import EvaluationError, open_year, set_stage_deadline
from shisaku.evaluation.staffing import without_manager
from shisaku.plan.queries import load_nodes
from shisaku.staff import display
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.evaluation_sheet import overview_url, sheet_url
from shisaku.staff.forms_evaluation import SHEET_FIELD_NAMES, OpenYearForm, StageDeadlineForm
from shisaku.staff.views_dashboard import chosen_year
from shisaku.staff.views_text import flatten

AWAITING_MANAGER = frozenset({"draft", "returned", "submitted"})  # before the first evaluation


@dataclass(frozen=True)
class Row:
    """A measure's sheet in the overview, with its title in the page's language and its link."""

    item: OverviewRow
    title: str
    url: str
    own: bool
    waits: bool  # the department has no manager: the sheet would wait forever for approval


@dataclass(frozen=True)
class StageDue:
    """A stage of the cycle and the date by which sheets should reach it."""

    stage: str
    label: str
    due: date | None


def _rows(ws: Workspace, overview: CycleOverview, unmanaged: set[str]) -> list[Row]:
    """Return the overview's rows with English titles where the plan has them."""
    nodes = flatten(load_nodes(ws.plan.id))
    own = ws.member.department
    out = []
    for r in overview.rows:
        node = nodes.get(r.measure_code)
        title = display.shown(r.measure_title, node.title_en if node else "")
        url = sheet_url(ws, overview.fiscal_year, r.measure_code)
        waits = r.department in unmanaged and r.status in AWAITING_MANAGER
        out.append(Row(r, title, url, bool(own) and r.department == own, waits))
    return out


def _unmanaged(ws: Workspace, overview: CycleOverview) -> list[str]:
    """Return the departments of the year's sheets that have no manager (所属長) account."""
    departments = {r.department for r in overview.rows}
    return sorted(without_manager(ws.code, departments))


@plan_page
def overview(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Show the fiscal year's evaluations, due dates and totals per department."""
    return _page(request, ws, chosen_year(request, ws))


def _page(
    request: HttpRequest,
    ws: Workspace,
    year: int,
    status: int = 200,
    deadline_form: StageDeadlineForm | None = None,
) -> HttpResponse:
    """Render the overview of a year (with a due-date form holding errors, if given)."""
    found = cycle_overview(ws.plan.id, year, timezone.localdate())
    unmanaged = _unmanaged(ws, found)
    required = _required(ws)
    schedules = ws.member.may("evaluation.schedule")
    if schedules and deadline_form is None:
        deadline_form = StageDeadlineForm(initial={"year": year})
    context = {
        "ws": ws,
        "year": year,
        "years": range(ws.plan.meta.period_start, ws.plan.meta.period_end + 1),
        "overview": found,
        "rows": _rows(ws, found, set(unmanaged)),
        "unmanaged": unmanaged,
        "stages": [
            StageDue(s, display.label(display.STAGES, s), found.deadlines.get(s)) for s in STAGES
        ],
        "required": required,
        "required_text": _(", ").join(r.label for r in required if r.chosen),
        "open_form": OpenYearForm(initial={"year": year}) if schedules else None,
        "deadline_form": deadline_form if schedules else None,
    }
    return render(request, "staff/evaluations.html", context, status=status)


@dataclass(frozen=True)
class Required:
    """A field a plan may require before a sheet is submitted, and whether it does."""

    name: str
    label: str
    chosen: bool


def _required(ws: Workspace) -> list[Required]:
    """Return the fields a sheet may be required to hold before submission, chosen or not."""
    chosen = required_to_submit(ws.plan.id)
    return [Required(n, str(label), n in chosen) for n, label in SHEET_FIELD_NAMES.items()]


@require_POST
@plan_page
def sheet_rules(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Set which fields a sheet needs before it is submitted (the planning office)."""
    year = chosen_year(request, ws, request.POST)
    try:
        set_required_to_submit(
            actor=ws.member.actor,
            municipality_code=ws.code,
            plan=ws.slug,
            fields=request.POST.getlist("required"),
        )
    except EvaluationError as error:
        messages.error(request, str(error))
        return redirect(overview_url(ws, year) + "#rules")
    messages.success(request, _("The fields required before submission were saved."))
    return redirect(overview_url(ws, year) + "#rules")


@require_POST
@plan_page
def open_evaluation_year(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Open a fiscal year: create a draft sheet for every measure (the planning office)."""
    form = OpenYearForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("The year was not opened; reload the page and try again."))
        return redirect(reverse("staff:evaluations", kwargs={"code": ws.code, "slug": ws.slug}))
    year = form.cleaned_data["year"]
    try:
        result = open_year(
            actor=ws.member.actor, municipality_code=ws.code, plan=ws.slug, fiscal_year=year
        )
    except EvaluationError as error:
        messages.error(request, str(error))
        return redirect(overview_url(ws, year))
    counts = {"created": len(result.created), "existing": len(result.existing)}
    messages.success(
        request,
        _("The year is open: %(created)s new sheets, %(existing)s already there.") % counts,
    )
    return redirect(overview_url(ws, year))


@require_POST
@plan_page
def stage_deadline(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Set the date by which the year's sheets should reach a stage (the planning office)."""
    require(ws.member.actor, "evaluation.schedule", ws.code)
    form = StageDeadlineForm(request.POST)
    if not form.is_valid():
        return _page(request, ws, chosen_year(request, ws, request.POST), 400, form)
    data = form.cleaned_data
    set_stage_deadline(
        actor=ws.member.actor,
        municipality_code=ws.code,
        plan=ws.slug,
        fiscal_year=data["year"],
        stage=data["stage"],
        due=data["due"],
    )
    messages.success(
        request,
        _("The due date of %(stage)s was saved.")
        % {"stage": display.label(display.STAGES, data["stage"])},
    )
    return redirect(overview_url(ws, data["year"]) + "#stages")
