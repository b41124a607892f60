"""What awaits me: the evaluation sheets waiting for this member's step, content first.

A department manager (所属長) lands here to approve or return the sheets its department
submitted, a committee member (外部評価委員) to write the committee's opinion, the planning office
to review, refer and publish, a department to submit. Each sheet is shown with what it says
(results, issues, direction) before the link that acts on it; the steps themselves stay on the
sheet, where the registry of the workflow offers them (``evaluation_sheet.steps_for``).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from shisaku.evaluation.queries import EvaluationView, cycle_overview, find_evaluation
from shisaku.staff import display
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.evaluation_sheet import form_fields, sheet_url, steps_for

# the steps that move a sheet on, and what the link to the sheet says for each
AWAITED: dict[str, Promise] = {
    "submit": _("Open the sheet to complete and submit it"),
    "approve": _("Open the sheet to approve it or return it"),
    "review": _("Open the sheet to record the second evaluation"),
    "refer": _("Open the sheet to refer it to the external committee"),
    "publish": _("Open the sheet to publish it"),
}
OPINION = _("Open the sheet to write the committee's opinion")
OPEN_STATES = ("draft", "returned", "submitted", "approved", "reviewed", "committee")


@dataclass(frozen=True)
class Waiting:
    """A sheet waiting for this member: the sheet, its title, and the link that acts on it."""

    view: EvaluationView
    title: str
    action: str
    url: str


def _waiting(ws: Workspace, view: EvaluationView) -> Waiting | None:
    """Return the sheet as waiting for this member, or None when nothing of it is theirs."""
    url = sheet_url(ws, view.fiscal_year, view.measure_code)
    title = display.shown(view.measure_title_ja, view.measure_title_en)
    if "committee" in form_fields(ws, view):
        return Waiting(view, title, str(OPINION), f"{url}#form-committee")
    actions = [t.action for t in steps_for(ws, view) if t.action in AWAITED]
    if not actions:
        return None
    return Waiting(view, title, str(AWAITED[actions[0]]), f"{url}#workflow")


def waiting_for(ws: Workspace) -> list[Waiting]:
    """Return the plan's open sheets that wait for this member's step, by year and measure."""
    today = timezone.localdate()
    years = range(ws.plan.meta.period_start, ws.plan.meta.period_end + 1)
    rows = [
        (row.measure_code, year)
        for year in years
        for row in cycle_overview(ws.plan.id, year, today).rows
        if row.status in OPEN_STATES
    ]
    views = [find_evaluation(ws.plan.id, code, year) for code, year in rows]
    return [w for w in (_waiting(ws, v) for v in views) if w is not None]


@plan_page
def my_work(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """List what awaits the member, each sheet's content first and the link to act after it."""
    context = {"ws": ws, "waiting": waiting_for(ws)}
    return render(request, "staff/my_work.html", context)
