"""Translation of a plan's content by a contractor: progress, export, import with a preview.

The planning office sees how much of each kind of text has English, downloads the texts
(untranslated only, or all) as XLIFF 2.1 or xlsx, and uploads the contractor's file: the
preview lists every unit as new / changed / unchanged / refused (with the unit id or row and
the reason), and applying writes all of it or nothing, audited.  The file functions come from
the exchange interface through ``shisaku/urls.py`` (:class:`TranslationFiles`): interfaces
never import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from shisaku.staff import uploads
from shisaku.staff.access import Workspace, forbidden, plan_page
from shisaku.staff.forms import TokenForm

MAX_BYTES = 20 * 1024 * 1024
STATUS_LABELS = {
    "new": gettext_lazy("New"),
    "changed": gettext_lazy("Changed"),
    "unchanged": gettext_lazy("Unchanged"),
    "refused": gettext_lazy("Refused"),
}
KIND_LABELS = {
    "node": gettext_lazy("Titles of fields, policies, measures and initiatives"),
    "block": gettext_lazy("Section texts"),
    "indicator": gettext_lazy("Indicator names, definitions and notes"),
    "unit": gettext_lazy("Indicator units"),
    "department": gettext_lazy("Department names"),
    "evaluation": gettext_lazy("Published evaluations"),
}


@dataclass(frozen=True)
class TranslationFiles:
    """The translation file functions of the exchange interface, handed over by the entry point."""

    export: Callable[..., tuple[bytes, str, str]]  # export_file(plan_id, fmt, only_untranslated=)
    read: Callable[[bytes, str], Any]  # read_file(data, name) -> units
    preview: Callable[[int, Any], Any]  # preview_file(plan_id, units) -> Preview
    apply: Callable[[Any, int, Any], Any]  # apply_file(actor, plan_id, units) -> Preview
    progress: Callable[[int], list[Any]]  # progress_of(plan_id) -> [Progress]
    errors: tuple[type[Exception], ...]  # a file that cannot be read or applied, said in words


class TranslationFileForm(forms.Form):
    """The contractor's file: XLIFF or xlsx."""

    file = forms.FileField(
        label=gettext_lazy("Translated file (XLIFF or xlsx)"),
        help_text=gettext_lazy("The file downloaded here, with English filled in; up to 20 MB."),
    )

    def clean_file(self) -> Any:
        """Refuse a file over the size limit before it is read."""
        file = self.cleaned_data["file"]
        if file.size > MAX_BYTES:
            raise forms.ValidationError(_("The file is larger than 20 MB."))
        return file


def _here(ws: Workspace) -> str:
    """Return the translation page of the plan."""
    return reverse("staff:translation", kwargs={"code": ws.code, "slug": ws.slug})


def _page(
    request: HttpRequest, ws: Workspace, files: TranslationFiles, status: int = 200, **extra: Any
) -> HttpResponse:
    """Render the translation page: progress, downloads, the upload form or a preview."""
    progress = [(KIND_LABELS[p.kind], p) for p in files.progress(ws.plan.id)]
    context = {"ws": ws, "progress": progress, "form": TranslationFileForm(), **extra}
    return render(request, "staff/translation.html", context, status=status)


def _planning_office(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Let only members who publish the plan use a translation view."""

    def wrapper(request: HttpRequest, ws: Workspace, **kwargs: Any) -> HttpResponse:
        if not ws.member.manages_plan:
            return forbidden(request, ws.member)
        return view(request, ws, **kwargs)

    return wrapper


@plan_page
@_planning_office
def translation(request: HttpRequest, ws: Workspace, files: TranslationFiles) -> HttpResponse:
    """Show the progress and downloads; read an uploaded file and show its preview."""
    if request.method != "POST":
        return _page(request, ws, files)
    form = TranslationFileForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, ws, files, status=400, form=form)
    name, data = str(form.cleaned_data["file"].name), form.cleaned_data["file"].read()
    try:
        shown = files.preview(ws.plan.id, files.read(data, name))
    except files.errors as error:
        return _page(request, ws, files, status=400, problem=str(error), file_name=name)
    uploads.drop(request.session)
    token = uploads.keep(request.session, name=name, data=data, plan=f"{ws.code}/{ws.slug}")
    rows = [(STATUS_LABELS[i.status], i) for i in shown.items]
    counts = {status: shown.count(status) for status in STATUS_LABELS}
    return _page(
        request,
        ws,
        files,
        preview=shown,
        rows=rows,
        counts=counts,
        file_name=name,
        confirm=TokenForm(initial={"token": token}),
    )


@plan_page
@_planning_office
def export(request: HttpRequest, ws: Workspace, files: TranslationFiles, fmt: str) -> HttpResponse:
    """Download the plan's texts (``?only=untranslated`` for those without English)."""
    only = request.GET.get("only") == "untranslated"
    data, content_type, name = files.export(ws.plan.id, fmt, only_untranslated=only)
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


@require_POST
@plan_page
@_planning_office
def apply(request: HttpRequest, ws: Workspace, files: TranslationFiles) -> HttpResponse:
    """Apply the file shown in the preview (read again: the plan may have changed since)."""
    form = TokenForm(request.POST)
    token = form.data.get("token", "") if form.is_valid() else ""
    held = uploads.pending(request.session, token, f"{ws.code}/{ws.slug}")
    if held is None:
        messages.error(request, _("That file is no longer waiting. Upload it again."))
        return redirect(_here(ws))
    name, data = held
    uploads.drop(request.session)
    try:
        done = files.apply(ws.member.actor, ws.plan.id, files.read(data, name))
    except files.errors as error:
        return _page(request, ws, files, status=400, problem=str(error), file_name=name)
    written = done.count("new") + done.count("changed")
    messages.success(request, _("%(count)s English texts were saved.") % {"count": written})
    return redirect(_here(ws))
