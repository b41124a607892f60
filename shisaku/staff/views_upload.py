"""Bulk upload of indicator files: read → per-row errors, or a preview → confirm → apply.

The reader comes from the URL configuration (``shisaku/urls.py`` passes the exchange
interface's ``read_indicator_bytes``): interfaces never import each other, so the workspace
only knows it as a :class:`Reader`. Applying is ``indicators.services.apply_batch``: a dry run
for the preview, then the real run, all or nothing, after the user confirms.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shisaku.domain.indicatordata import (
    FigureInput,
    IndicatorBatch,
    IndicatorDefinition,
    InputError,
)
from shisaku.indicators.services import BatchRejected, BatchResult, apply_batch
from shisaku.staff import uploads
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.forms import TokenForm, UploadForm


class Reader(Protocol):
    """Read uploaded files (name, content) into one checked batch."""

    def __call__(self, files: Sequence[tuple[str, bytes]], /) -> IndicatorBatch: ...


def _foreign_rows(batch: IndicatorBatch, ws: Workspace) -> list[InputError]:
    """Return an error for every row that belongs to another plan than this workspace's."""
    rows: list[IndicatorDefinition | FigureInput] = [*batch.definitions, *batch.figures]
    message = _("This row is for another plan (%(code)s/%(slug)s); upload it from that plan.")
    return [
        InputError(r.place, message % {"code": r.municipality_code, "slug": r.plan})
        for r in rows
        if (r.municipality_code, r.plan) != (ws.code, ws.slug)
    ]


def _read(
    ws: Workspace, reader: Reader, name: str, data: bytes
) -> tuple[IndicatorBatch, list[InputError]]:
    """Read the file; return the batch and the errors found in it."""
    batch = reader([(name, data)])
    return batch, batch.errors + _foreign_rows(batch, ws)


def _run(ws: Workspace, batch: IndicatorBatch, *, dry_run: bool) -> BatchResult | list[InputError]:
    """Apply the batch (or try it): what it did, or the errors that stopped it."""
    try:
        return apply_batch(actor=ws.member.actor, batch=batch, dry_run=dry_run)
    except BatchRejected as rejected:
        return rejected.errors


def _page(request: HttpRequest, ws: Workspace, status: int = 200, **extra: object) -> HttpResponse:
    """Render the upload page."""
    context = {"ws": ws, "form": extra.pop("form", None) or UploadForm(), **extra}
    return render(request, "staff/upload.html", context, status=status)


@plan_page
def upload(request: HttpRequest, ws: Workspace, reader: Reader) -> HttpResponse:
    """Show the upload form; read an uploaded file and show its errors or its preview."""
    if request.method != "POST":
        return _page(request, ws)
    form = UploadForm(request.POST, request.FILES)
    if not form.is_valid():
        return _page(request, ws, status=400, form=form)
    file = form.cleaned_data["file"]
    name, data = str(file.name), file.read()
    batch, errors = _read(ws, reader, name, data)
    result = errors or _run(ws, batch, dry_run=True)
    if isinstance(result, list):
        return _page(request, ws, status=400, errors=result, file_name=name)
    uploads.drop(request.session)
    token = uploads.keep(request.session, name=name, data=data, plan=f"{ws.code}/{ws.slug}")
    confirm = TokenForm(initial={"token": token})
    return _page(request, ws, result=result, confirm=confirm, file_name=name)


@require_POST
@plan_page
def confirm(request: HttpRequest, ws: Workspace, reader: Reader) -> HttpResponse:
    """Apply the upload shown in the preview (read again: the data may have changed)."""
    form = TokenForm(request.POST)
    held = (
        uploads.pending(request.session, form.data.get("token", ""), f"{ws.code}/{ws.slug}")
        if form.is_valid()
        else None
    )
    here = reverse("staff:upload", kwargs={"code": ws.code, "slug": ws.slug})
    if held is None:
        messages.error(request, _("That upload is no longer waiting. Upload the file again."))
        return redirect(here)
    name, data = held
    uploads.drop(request.session)
    batch, errors = _read(ws, reader, name, data)
    result = errors or _run(ws, batch, dry_run=False)
    if isinstance(result, list):
        return _page(request, ws, status=400, errors=result, file_name=name)
    messages.success(request, _applied_message(result))
    return redirect(reverse("staff:dashboard", kwargs={"code": ws.code, "slug": ws.slug}))


def _applied_message(result: BatchResult) -> str:
    """Return what applying did, in words."""
    counts = {
        "added": result.figures_added,
        "revised": result.figures_revised,
        "unchanged": result.figures_unchanged,
        "indicators": result.indicators_created + result.indicators_updated,
    }
    return (
        _(
            "The file was applied: %(added)s figures added, %(revised)s corrected, "
            "%(unchanged)s unchanged, %(indicators)s indicator definitions saved."
        )
        % counts
    )


@require_POST
@plan_page
def cancel(request: HttpRequest, ws: Workspace, reader: Reader) -> HttpResponse:
    """Forget the upload waiting for confirmation."""
    uploads.drop(request.session)
    messages.info(request, _("The upload was cancelled; nothing was written."))
    return redirect(reverse("staff:upload", kwargs={"code": ws.code, "slug": ws.slug}))
