"""The workspace's reports page: pick a year, download any kind of report as a file.

Signed-in members of the municipality who may read drafts (``plan.read_drafts``; a department
member with their own department) get the page and the files; other members get 403, visitors
who are not signed in are sent to the sign-in page. The page is a plain GET form: it works
without JavaScript.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any, cast

from django.contrib.auth.views import redirect_to_login
from django.http import Http404, HttpRequest, HttpResponse
from django.template import engines
from django.template.backends.django import Template
from django.utils.http import content_disposition_header
from django.views.decorators.http import require_GET

from shisaku.accounts.permissions import allowed, membership
from shisaku.accounts.services import actor_for
from shisaku.plan.queries import NotFound, PlanInfo, find_plan
from shisaku.reports.data import ReportError
from shisaku.reports.kinds import KINDS, build, filename

PAGES = Path(__file__).resolve().parent / "templates" / "reports"


@cache
def page_template(name: str) -> Template:
    """Return a workspace page of the reports, compiled by the site's engine.

    Read from this package's folder rather than found by the app loaders, so the pages can
    extend ``staff/base.html`` without the reports being an installed app.
    """
    source = (PAGES / name).read_text(encoding="utf-8")
    return cast(Template, engines["django"].from_string(source))


def render_page(
    request: HttpRequest, name: str, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """Render a reports page with the site's context processors."""
    return HttpResponse(page_template(name).render(context, request), status=status)


@dataclass(frozen=True)
class Who:
    """What the workspace header shows of the signed-in member."""

    role: str
    department: str
    municipality_name_ja: str
    municipality_name_en: str


def _member(request: HttpRequest, code: str) -> Who | HttpResponse:
    """Return the member using the page, or the answer to someone who may not use it."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    actor = actor_for(request.user.pk, request.user.get_username())
    member = membership(actor, code)
    if member is None or not allowed(actor, "plan.read_drafts", code, member.department):
        return render_page(request, "forbidden.html", {}, status=403)
    town = member.municipality
    return Who(member.role, member.department, town.name_ja, town.name_en)


def _plan(code: str, slug: str) -> PlanInfo:
    """Return the plan of the URL, or 404."""
    try:
        return find_plan(code, slug)
    except NotFound as error:
        raise Http404(str(error)) from error


def default_year(plan: PlanInfo, today: date) -> int:
    """Return the last closed fiscal year (the settlement year), kept within the plan's period."""
    current = today.year if today.month >= 4 else today.year - 1
    return min(max(current - 1, plan.meta.period_start), plan.meta.period_end)


def _page(
    request: HttpRequest,
    who: Who,
    plan: PlanInfo,
    year: int,
    error: str = "",
    status: int = 200,
) -> HttpResponse:
    """Render the reports page."""
    context = {"member": who, "plan": plan, "kinds": KINDS, "year": year, "error": error}
    return render_page(request, "page.html", context, status)


@require_GET
def reports_page(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """Show the year field and a download button per kind."""
    who = _member(request, code)
    if isinstance(who, HttpResponse):
        return who
    plan = _plan(code, slug)
    return _page(request, who, plan, default_year(plan, date.today()))


def _year(text: str) -> int | None:
    """Read the year field (None when it is not a year)."""
    return int(text) if text.isascii() and text.isdigit() and len(text) == 4 else None


@require_GET
def download(request: HttpRequest, code: str, slug: str) -> HttpResponse:
    """Return the chosen report as an attachment (the page with the error when it cannot)."""
    who = _member(request, code)
    if isinstance(who, HttpResponse):
        return who
    plan = _plan(code, slug)
    kind, year = request.GET.get("kind", ""), _year(request.GET.get("year", "").strip())
    fallback = default_year(plan, date.today())
    if kind not in KINDS or year is None:
        message = "年度（西暦4桁）と報告書の種類を選んでください"
        return _page(request, who, plan, year or fallback, message, 400)
    try:
        data = build(kind, plan, year)
    except ReportError as error:
        return _page(request, who, plan, year, str(error), 400)
    response = HttpResponse(data, content_type=KINDS[kind].content_type)
    response["Content-Disposition"] = disposition(plan, year, kind)
    return response


def disposition(plan: PlanInfo, year: int, kind: str) -> str:
    """Return the Content-Disposition of a report file (RFC 5987 for a non-ASCII name)."""
    return content_disposition_header(True, filename(plan, year, kind)) or "attachment"
