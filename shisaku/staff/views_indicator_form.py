"""Creating and editing one indicator definition by form (the planning office).

What is typed becomes one row of a definitions file (CSV, written by ``tabular.to_csv``) and is
read by the uploads' own reader, handed over by the URL configuration, then saved by
``indicators.services.apply_batch``: the same checks, the same audit entry (indicator.save) as
an uploaded file, and no second copy of the rules. A refusal shows the form again with every
typed value and the errors on their fields.
"""

from __future__ import annotations

from typing import TypedDict

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from shisaku.accounts.permissions import require
from shisaku.domain.indicatordata import DEFINITION_COLUMNS, InputError
from shisaku.indicators import queries
from shisaku.indicators.services import BatchRejected, apply_batch
from shisaku.plan.queries import load_nodes
from shisaku.staff import display
from shisaku.staff.access import Workspace, plan_page
from shisaku.staff.forms_indicator import IndicatorForm, initial
from shisaku.staff.views_text import flatten
from shisaku.staff.views_upload import Reader
from shisaku.tabular import to_csv

FORM_SOURCE = (
    "form.csv"  # the name the reader gives the typed row (never shown: errors go on fields)
)
NODE_KINDS = ("field", "policy", "measure")


def _nodes(ws: Workspace) -> list[tuple[str, str]]:
    """Return the fields, policies and measures an indicator may belong to: (code, label)."""
    nodes = flatten(load_nodes(ws.plan.id)).values()
    return [
        (n.code, f"{n.code} {display.shown(n.title, n.title_en)}")
        for n in nodes
        if n.kind in NODE_KINDS
    ]


class Choices(TypedDict):
    """What the form offers besides free text."""

    nodes: list[tuple[str, str]]
    units_en: list[str]


def _choices(ws: Workspace) -> Choices:
    """Return what the form offers: the nodes, and the English units the plan already uses."""
    return {"nodes": _nodes(ws), "units_en": queries.english_units(ws.plan.id)}


def _save(ws: Workspace, reader: Reader, form: IndicatorForm) -> list[InputError]:
    """Read the typed row as a definitions file and save it; return the errors (none: saved)."""
    row = form.row(ws.code, ws.slug)
    data = to_csv(DEFINITION_COLUMNS, [[row[c] for c in DEFINITION_COLUMNS]])
    batch = reader([(FORM_SOURCE, data)])
    if batch.errors:
        return batch.errors
    try:
        apply_batch(actor=ws.member.actor, batch=batch)
    except BatchRejected as rejected:
        return rejected.errors
    return []


def _answer(
    request: HttpRequest, ws: Workspace, reader: Reader, form: IndicatorForm, code: str
) -> HttpResponse:
    """Save a sent form and go to the indicator, or show the form again with its errors."""
    errors = _save(ws, reader, form) if form.is_valid() and not form.errors else []
    if form.is_valid() and not form.errors and not errors:
        saved = form.cleaned_data["indicator_code"] or code
        messages.success(request, _("The indicator %(code)s was saved.") % {"code": saved})
        return redirect(reverse("staff:indicator", args=(ws.code, ws.slug, saved)))
    form.add_input_errors(errors)
    context = {"ws": ws, "form": form, "code": code}
    return render(request, "staff/indicator_form.html", context, status=400)


@plan_page
def new_indicator(request: HttpRequest, ws: Workspace, reader: Reader) -> HttpResponse:
    """Show the empty form; create the indicator typed into it."""
    require(ws.member.actor, "indicators.define", ws.code)
    choices = _choices(ws)
    if request.method != "POST":
        form = IndicatorForm(initial={"department": ws.member.department}, **choices)
        return render(request, "staff/indicator_form.html", {"ws": ws, "form": form, "code": ""})
    form = IndicatorForm(request.POST, **choices)
    if form.is_valid() and _taken(ws, form.cleaned_data["indicator_code"]):
        form.add_error(
            "indicator_code", _("This code is already used; edit that indicator instead.")
        )
    return _answer(request, ws, reader, form, "")


def _taken(ws: Workspace, code: str) -> bool:
    """Return whether the plan already has an indicator with ``code`` (a new one never replaces)."""
    return any(v.code == code for v in queries.plan_indicators(ws.plan.id))


@plan_page
def edit_indicator(
    request: HttpRequest, ws: Workspace, reader: Reader, indicator: str
) -> HttpResponse:
    """Show the indicator's definition in the form; save what was changed."""
    require(ws.member.actor, "indicators.define", ws.code)
    view = queries.indicator(ws.plan.id, indicator)
    choices, values = _choices(ws), initial(view)
    if request.method != "POST":
        form = IndicatorForm(code=view.code, initial=values, **choices)
        return render(
            request, "staff/indicator_form.html", {"ws": ws, "form": form, "code": view.code}
        )
    form = IndicatorForm(request.POST, code=view.code, initial=values, **choices)
    return _answer(request, ws, reader, form, view.code)
