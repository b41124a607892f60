"""The start of the workspace: which municipality, and what is still missing for a year."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import cast

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shisaku.accounts.models import Membership
from shisaku.indicators.queries import DepartmentProgress, IndicatorView, entry_progress
from shisaku.indicators.queries import plan_indicators as indicator_list
from shisaku.indicators.services import set_deadline
from shisaku.plan.queries import NotFound, find_plan
from shisaku.staff import display
from shisaku.staff.access import Member, Workspace, forbidden, member_page, plan_page
from shisaku.staff.forms import DeadlineForm

SHEET_ROLES = frozenset({"manager", "reviewer"})  # their work is evaluation sheets, not figures


@login_required
def home(request: HttpRequest) -> HttpResponse:
    """Go to the user's municipality, or let them choose when they belong to several."""
    rows = list(
        Membership.objects.filter(user_id=cast(int, request.user.pk))
        .select_related("municipality")
        .order_by("municipality__code")
    )
    if not rows:
        return forbidden(request)
    if len(rows) == 1:
        return redirect("staff:municipality", code=rows[0].municipality.code)
    return render(request, "staff/home.html", {"memberships": rows})


@member_page
def municipality(request: HttpRequest, member: Member) -> HttpResponse:
    """Go where the member's work is: a manager's or reviewer's sheets, else the dashboard."""
    try:
        plan = find_plan(member.municipality_code)
    except NotFound:
        return render(request, "staff/no_plan.html", {"member": member})
    landing = "staff:my-work" if member.role in SHEET_ROLES else "staff:dashboard"
    return redirect(landing, code=plan.municipality_code, slug=plan.meta.slug)


def default_year(today: date, start: int, end: int) -> int:
    """Return the fiscal year to report by default: the last one closed before today's."""
    current = today.year if today.month >= 4 else today.year - 1
    return min(max(current - 1, start), end)


def chosen_year(request: HttpRequest, ws: Workspace, data: QueryDict | None = None) -> int:
    """Return the year asked for (?year=2024), or the default when none or not in the plan."""
    start, end = ws.plan.meta.period_start, ws.plan.meta.period_end
    asked = (request.GET if data is None else data).get("year", "")
    if asked.isdigit() and start <= int(asked) <= end:
        return int(asked)
    return default_year(timezone.localdate(), start, end)


@dataclass(frozen=True)
class Missing:
    """An indicator still without an actual, with the link to its entry form."""

    code: str
    name: str
    url: str


def period_key(view: IndicatorView, year: int) -> str:
    """Return the period key of a year in the indicator's time basis."""
    return f"{'CY' if view.time_basis == 'calendar' else 'FY'}{year}"


def entry_url(ws: Workspace, view: IndicatorView, year: int | None = None) -> str:
    """Return the entry page of an indicator (prefilled for a year's actual)."""
    url = reverse(
        "staff:indicator", kwargs={"code": ws.code, "slug": ws.slug, "indicator": view.code}
    )
    return url if year is None else f"{url}?kind=actual&period={period_key(view, year)}#entry"


def own_first(rows: list[DepartmentProgress], department: str) -> list[DepartmentProgress]:
    """Put the member's own department first, the others in their order."""
    return sorted(rows, key=lambda p: p.department != department) if department else rows


@plan_page
def dashboard(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Show, per department, what is still missing for a fiscal year and by when."""
    year = chosen_year(request, ws)
    progress = own_first(
        entry_progress(ws.plan.id, year, timezone.localdate()), ws.member.department
    )
    departments = [
        (
            p,
            [
                Missing(v.code, display.shown(v.name_ja, v.name_en), entry_url(ws, v, year))
                for v in p.missing
            ],
        )
        for p in progress
    ]
    context = {
        "ws": ws,
        "year": year,
        "years": range(ws.plan.meta.period_start, ws.plan.meta.period_end + 1),
        "departments": departments,
        "entered": sum(p.entered for p in progress),
        "total": sum(p.total for p in progress),
        "deadline_form": _deadline_form(ws, progress, year),
    }
    return render(request, "staff/dashboard.html", context)


def _deadline_form(
    ws: Workspace, progress: list[DepartmentProgress], year: int
) -> DeadlineForm | None:
    """Return the due-date form for those who may set due dates."""
    if not ws.member.may("indicators.define"):
        return None
    return DeadlineForm(departments=[p.department for p in progress], initial={"year": year})


@require_POST
@plan_page
def deadline(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Set a department's (or everyone's) due date for a year's actuals."""
    departments = sorted({v.department for v in indicator_list(ws.plan.id)})
    form = DeadlineForm(request.POST, departments=departments)
    url = reverse("staff:dashboard", kwargs={"code": ws.code, "slug": ws.slug})
    if not form.is_valid():
        messages.error(request, _("The due date was not saved: enter a date."))
        return redirect(url)
    data = form.cleaned_data
    set_deadline(
        actor=ws.member.actor,
        municipality_code=ws.code,
        plan=ws.slug,
        fiscal_year=data["year"],
        department=data["department"],
        due=data["due"],
    )
    messages.success(request, _("The due date was saved."))
    return redirect(f"{url}?year={data['year']}")


@plan_page
def indicators(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """List every indicator of the plan by department, with links to enter and to history."""
    views = indicator_list(ws.plan.id)
    own = ws.member.department
    views.sort(key=lambda v: (bool(own) and v.department != own, v.department))
    rows = [(v, v.of_kind("actual")[-1:]) for v in views]
    return render(request, "staff/indicators.html", {"ws": ws, "rows": rows})
