"""The responsible department (主管課) of each policy and measure, set by the planning office.

A department editor may edit only the texts of the nodes assigned to their department, and
enter only the indicators whose 担当課 is theirs; this page is where the first is decided.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from django.views.decorators.http import require_POST

from shisaku.accounts.departments import department_list, save_department
from shisaku.indicators.queries import plan_indicators
from shisaku.plan import editing, services
from shisaku.plan.queries import load_nodes
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.forms import AssignForm, DepartmentForm, EducationForm
from shisaku.staff.views_text import flatten

ASSIGNED_KINDS = ("field", "policy", "measure")
NOT_LISTED = gettext_noop(
    "Not saved: %(name)s is not on the municipality's list of departments (%(names)s). "
    "Add it to the list first."
)


@plan_page
def departments(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """List fields, policies and measures with their department; assign one (planning office)."""
    if request.method == "POST":
        return _assign(request, ws)
    nodes = [n for n in flatten(load_nodes(ws.plan.id)).values() if n.kind in ASSIGNED_KINDS]
    known = {n.department for n in nodes} | {v.department for v in plan_indicators(ws.plan.id)}
    listed = department_list(ws.code)
    names = {d.name_ja for d in listed}
    context = {
        "ws": ws,
        "nodes": nodes,
        "known": sorted({d for d in known if d} | names),
        "may_assign": ws.member.may("plan.assign"),
        "listed": listed,
        "unlisted": sorted(d for d in known if d and d not in names),
        "may_list": ws.member.may("accounts.manage"),
        "list_form": DepartmentForm(),
    }
    return render(request, "staff/departments.html", context)


def _url(ws: Workspace) -> str:
    """Return the departments page of the plan."""
    return reverse("staff:departments", kwargs={"code": ws.code, "slug": ws.slug})


def _assign(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Save one node's department."""
    form = AssignForm(request.POST)
    url = _url(ws)
    if not form.is_valid():
        messages.error(request, _("The department was not saved; reload the page and try again."))
        return redirect(url)
    node, department = form.cleaned_data["node"], form.cleaned_data["department"].strip()
    listed = [d.name_ja for d in department_list(ws.code)]
    if listed and department and department not in listed:
        names = "、".join(listed)
        messages.error(request, _(NOT_LISTED) % {"name": department, "names": names})
        return redirect(f"{url}#n-{node}")
    editing.assign_department(
        actor=ws.member.actor,
        municipality_code=ws.code,
        slug=ws.slug,
        node_code=node,
        department=department,
    )
    messages.success(
        request, _("The responsible department of %(node)s was saved.") % {"node": node}
    )
    return redirect(f"{url}#n-{node}")


@require_POST
@plan_page
def education(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Include a policy in the education board's report, or leave it out (planning office)."""
    form = EducationForm(request.POST)
    url = _url(ws)
    if not form.is_valid():
        messages.error(request, _("Nothing was changed; reload the page and try again."))
        return redirect(url)
    node, included = form.cleaned_data["node"], form.cleaned_data["education"] == "1"
    try:
        services.mark_education(
            actor=ws.member.actor,
            municipality_code=ws.code,
            slug=ws.slug,
            node_code=node,
            education=included,
        )
    except services.NotAPolicy:
        messages.error(request, _("Only a policy can be included in the education report."))
        return redirect(f"{url}#n-{node}")
    done = (
        _("%(node)s is included in the education report.")
        if included
        else _("%(node)s is left out of the education report.")
    )
    messages.success(request, done % {"node": node})
    return redirect(f"{url}#n-{node}")


@require_POST
@plan_page
def save_listed(request: HttpRequest, ws: Workspace) -> HttpResponse:
    """Add a department to the municipality's list, or set its English name."""
    form = DepartmentForm(request.POST)
    url = _url(ws)
    if not form.is_valid():
        messages.error(
            request, _("The department was not saved: give its name (up to 100 characters).")
        )
        return redirect(f"{url}#list")
    name_ja, name_en = form.cleaned_data["name_ja"], form.cleaned_data["name_en"]
    save_department(
        actor=ws.member.actor, municipality_code=ws.code, name_ja=name_ja, name_en=name_en
    )
    messages.success(request, _("%(name)s is on the list of departments.") % {"name": name_ja})
    return redirect(f"{url}#list")
