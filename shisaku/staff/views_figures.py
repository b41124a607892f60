"""Entering and correcting one indicator's actuals and targets, with a preview before saving.

Without JavaScript the form posts to the page itself (``action=preview`` shows the page with
the preview, ``action=save`` saves and redirects). With htmx the preview is fetched as a
partial while typing. Saving always goes through ``indicators.services.record_figure``.

What the clerk did not change is kept: a note or source left as the form showed it is passed as
None, and the service keeps the current figure's. A year of the other basis (令和5年 on a
fiscal-year indicator) is refused once with a warning and saved only when confirmed.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from shisaku.accounts.permissions import require
from shisaku.indicators import queries
from shisaku.indicators.queries import FigureView, IndicatorView
from shisaku.indicators.services import (
    BatchRejected,
    BatchResult,
    Conflict,
    FigureEntry,
    Locked,
    record_figure,
)
from shisaku.staff import display
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.figures import (
    Preview,
    basis_warning,
    current_figure,
    expected_revision,
    make_preview,
    period_key,
    seen_of,
    typed_period,
)
from shisaku.staff.forms import FigureForm
from shisaku.staff.indicator_chart import indicator_chart
from shisaku.staff.locks import locked_years

KIND_ORDER = {"baseline": 0, "target": 1, "actual": 2}


def _rows(view: IndicatorView) -> list[FigureView]:
    """Return the current figures, baseline first, then targets and actuals by period."""
    return sorted(
        view.figures,
        key=lambda f: (KIND_ORDER.get(f.kind, 9), f.period_start, f.period_end, f.breakdown),
    )


def _initial(request: HttpRequest, view: IndicatorView) -> dict[str, Any]:
    """Return the form prefilled from ?kind=actual&period=FY2024 (the figure to correct)."""
    kind = request.GET.get("kind", "actual")
    kind = kind if kind in ("actual", "target") else "actual"
    initial: dict[str, Any] = {"kind": kind, "seen": seen_of(view)}
    key = request.GET.get("period", "")
    try:
        initial["period"] = display.period_text(key) if key else ""
    except ValueError:
        return initial
    figure = current_figure(view, kind, key)
    if figure is not None:
        initial.update(value=figure.raw, note=figure.note, source=figure.source)
        initial.update(note_shown=figure.note, source_shown=figure.source)
    return initial


def _page(
    request: HttpRequest, ws: Workspace, view: IndicatorView, status: int = 200, **extra: Any
) -> HttpResponse:
    """Render the entry page of an indicator."""
    may_record = ws.member.may("indicators.record", view.department)
    context = {
        "ws": ws,
        "view": view,
        "name": display.shown(view.name_ja, view.name_en),
        "rows": _rows(view),
        "may_record": may_record,
        "locks": locked_years(ws.plan.id, view.node_code),
        "chart": indicator_chart(ws.plan, view),
        **extra,
    }
    if may_record and "form" not in context:
        context["form"] = FigureForm(initial=_initial(request, view))
    return render(request, "staff/indicator.html", context, status=status)


@plan_page
def indicator_page(request: HttpRequest, ws: Workspace, indicator: str) -> HttpResponse:
    """Show an indicator's figures and the entry form; preview or save what was typed."""
    view = _indicator(ws, indicator)
    if request.method != "POST":
        return _page(request, ws, view)
    require(ws.member.actor, "indicators.record", ws.code, view.department)
    form = FigureForm(request.POST)
    if request.POST.get("action") == "preview":
        return _page(request, ws, view, form=form, preview=_preview_of(ws, view, request))
    if not form.is_valid():
        return _page(request, ws, view, status=400, form=form)
    warning = basis_warning(view, typed_period(view, form.cleaned_data["period"]))
    if warning and not form.cleaned_data["confirm_basis"]:  # asked, never silently accepted
        form.add_error("period", warning)
        return _page(request, ws, view, status=400, form=form, asks_basis=True)
    return _save(request, ws, view, form)


def _indicator(ws: Workspace, code: str) -> IndicatorView:
    """Return the indicator of the workspace's plan (or raise NotFound: a 404)."""
    return queries.indicator(ws.plan.id, code)


def _preview_of(ws: Workspace, view: IndicatorView, request: HttpRequest) -> Preview:
    """Read what was typed into the form."""
    data = request.POST
    note = data.get("note", "")
    return make_preview(
        view,
        data.get("kind", "actual"),
        data.get("period", ""),
        data.get("value", ""),
        locks=locked_years(ws.plan.id, view.node_code),
        note=None if note == data.get("note_shown", "") else note,
    )


@require_POST
@plan_page
def preview(request: HttpRequest, ws: Workspace, indicator: str) -> HttpResponse:
    """Return the preview partial (htmx): what saving would store, or why it cannot."""
    view = _indicator(ws, indicator)
    require(ws.member.actor, "indicators.record", ws.code, view.department)
    return render(
        request, "staff/_preview.html", {"preview": _preview_of(ws, view, request), "view": view}
    )


def _save(
    request: HttpRequest, ws: Workspace, view: IndicatorView, form: FigureForm
) -> HttpResponse:
    """Record the figure; show field errors, or the conflict, or go back with a message."""
    data = form.cleaned_data
    key = period_key(view, data["period"])
    entry = FigureEntry(
        ws.code,
        ws.slug,
        view.code,
        data["kind"],
        data["period"],
        data["value"],
        form.kept_or_typed("note"),
        form.kept_or_typed("source"),
        expected_revision=expected_revision(data["seen"], data["kind"], key) if key else None,
    )
    try:
        result = record_figure(actor=ws.member.actor, entry=entry)
    except BatchRejected as rejected:
        for error in rejected.errors:
            form.add_error(
                error.place.column if error.place.column in form.fields else None, error.message
            )
        return _page(request, ws, view, status=400, form=form)
    except Conflict:
        return _conflict(request, ws, view.code, data["kind"], key or "")
    except Locked as locked:
        # the year is closed by an approved evaluation: say so, keep what was typed
        return _page(request, ws, view, status=423, form=form, lock_error=str(locked))
    messages.success(request, _saved_message(result, data["kind"], key or ""))
    url = reverse(
        "staff:indicator", kwargs={"code": ws.code, "slug": ws.slug, "indicator": view.code}
    )
    return redirect(url + "#figures")


def _saved_message(result: BatchResult, kind: str, key: str) -> str:
    """Return what saving did, in words."""
    what = {"kind": display.label(display.FIGURE_KINDS, kind), "period": display.period_label(key)}
    if result.figures_added:
        return _("Saved: %(kind)s for %(period)s.") % what
    if result.figures_revised:
        return (
            _("Corrected: %(kind)s for %(period)s (the earlier value is kept in the history).")
            % what
        )
    return _("Nothing changed: the value is the same as the current one.")


def _conflict(request: HttpRequest, ws: Workspace, code: str, kind: str, key: str) -> HttpResponse:
    """Show the value someone else saved first; the typed value is kept, nothing is written."""
    view = _indicator(ws, code)  # fresh: with the other person's figure
    data = request.POST.copy()
    data["seen"] = seen_of(view)  # saving again now is a deliberate correction of their value
    form = FigureForm(data)
    conflict = current_figure(view, kind, key)
    return _page(request, ws, view, status=409, form=form, conflict=conflict, conflict_key=key)
