"""Plan import for the planning office: upload a plan document, check the reading, import it.

1. **Upload** (:func:`upload`): a PDF, Word or text plan document, or an exchange file, is kept
   (:mod:`~shisaku.staff.planimport_store`) and read in a background thread
   (:mod:`~shisaku.staff.planimport_jobs`).
2. **Preview** (:func:`preview`): while a long PDF is read, its pages done (polled by htmx, or
   reloaded by hand); then the tree, the indicator rows, each line beside what it became (with
   a PDF's pages as images, :func:`page_image`), and the import service's dry run — or, when
   the document cannot be read, every line at fault.
3. **Correct the reading** and **import**: :mod:`~shisaku.staff.views_planimport_edit`.

Only members who may import plans (the planning office) reach these pages; others get the
403 page.  Nothing is written before the user confirms the import.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_htmx.http import HttpResponseClientRefresh

from shisaku.staff import planimport_jobs as jobs
from shisaku.staff import planimport_store as store
from shisaku.staff.access import Member, forbidden, member_page
from shisaku.staff.forms_planimport import ACCEPT, PlanFileForm
from shisaku.staff.planimport_page import show
from shisaku.staff.planimport_pages import page_png
from shisaku.staff.planimport_reader import PlanFiles

DONE_KEY = "staff_plan_import_done"
View = Callable[..., HttpResponse]


def planning_page(view: View) -> View:
    """Require a member who may import plans here; pass the Member to the view."""

    @member_page
    @wraps(view)
    def wrapper(request: HttpRequest, member: Member, **kwargs: Any) -> HttpResponse:
        if not member.may("plan.import"):
            return forbidden(request, member)
        return view(request, member, **kwargs)

    return wrapper


def pending_page(view: View) -> View:
    """Like :func:`planning_page`, for the upload of the URL's token kept in this session."""

    @planning_page
    @wraps(view)
    def wrapper(request: HttpRequest, member: Member, token: str, **kwargs: Any) -> HttpResponse:
        pending = store.pending(request.session, member.municipality_code, token)
        if pending is None:
            messages.error(request, _("That upload is no longer waiting. Upload the file again."))
            return redirect(home_url(member))
        return view(request, member, pending=pending, **kwargs)

    return wrapper


def home_url(member: Member) -> str:
    """Return the address of the upload page."""
    return reverse("staff:plan-import", kwargs={"code": member.municipality_code})


def preview_url(pending: store.Pending) -> str:
    """Return the address of a waiting document's preview."""
    return reverse(
        "staff:plan-import-preview", kwargs={"code": pending.code, "token": pending.token}
    )


def discard(request: HttpRequest) -> None:
    """Forget this session's waiting document: its file, its session entry, its reading."""
    dropped = store.drop(request.session)
    if dropped is not None:
        jobs.forget(dropped.job)


def _waiting(request: HttpRequest, member: Member) -> store.Pending | None:
    """Return this session's document waiting in this municipality, if any."""
    held = request.session.get(store.SESSION_KEY) or {}
    return store.pending(request.session, member.municipality_code, str(held.get("token", "")))


def _page(
    request: HttpRequest, member: Member, form: PlanFileForm, status: int = 200
) -> HttpResponse:
    """Render the upload page."""
    context = {
        "member": member,
        "form": form,
        "accept": ACCEPT,
        "waiting": _waiting(request, member),
    }
    return render(request, "staff/plan_import.html", context, status=status)


@planning_page
def upload(request: HttpRequest, member: Member, files: PlanFiles) -> HttpResponse:
    """Show the upload form; keep an uploaded document and start reading it."""
    if request.method != "POST":
        return _page(request, member, PlanFileForm())
    form = PlanFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, member, form, status=400)
    file = form.cleaned_data["file"]
    name, data = str(file.name), file.read()
    discard(request)
    request.session.pop(DONE_KEY, None)
    pending = store.keep(request.session, code=member.municipality_code, name=name, data=data)
    jobs.wait(jobs.start(pending.job, files, name, data, None))  # no profile or period yet
    return redirect(preview_url(pending))


@pending_page
def preview(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending
) -> HttpResponse:
    """Show the reading: its progress, the lines at fault, or the plan read and its changes."""
    return show(request, member, files, pending)


@pending_page
def progress(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending
) -> HttpResponse:
    """Return the pages read so far (htmx polls it); reload the page once the reading ends."""
    state = jobs.status(pending.job)
    if not getattr(request, "htmx", False):
        return redirect(preview_url(pending))
    if state is None or state.state != "reading":
        return HttpResponseClientRefresh()
    context = {"member": member, "pending": pending, "progress": state}
    return render(request, "staff/plan_import_progress.html", context)


@pending_page
def page_image(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending, page: int
) -> HttpResponse:
    """Return a page of the uploaded PDF as an image, to compare with the lines read from it."""
    png = page_png(store.data(pending), page) if pending.name.lower().endswith(".pdf") else None
    if png is None:
        raise Http404("no such page")
    response = HttpResponse(png, content_type="image/png")
    response.headers["Cache-Control"] = "private, max-age=3600"
    return response


@require_POST
@pending_page
def cancel(
    request: HttpRequest, member: Member, files: PlanFiles, pending: store.Pending
) -> HttpResponse:
    """Forget the waiting document; nothing was written."""
    discard(request)
    messages.info(
        request, _("The import was cancelled and the uploaded file deleted; nothing was written.")
    )
    return redirect(home_url(member))


@planning_page
def done(request: HttpRequest, member: Member, files: PlanFiles) -> HttpResponse:
    """Show what the last import did, with links to the plan."""
    result = request.session.get(DONE_KEY)
    if not isinstance(result, dict) or result.get("code") != member.municipality_code:
        return redirect(home_url(member))
    return render(request, "staff/plan_import_done.html", {"member": member, "done": result})
