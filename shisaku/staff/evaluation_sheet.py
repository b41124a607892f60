"""What the evaluation sheet page offers a member: which forms, which workflow steps, its history.

The choices use the same registry and permission check as the services
(:mod:`shisaku.domain.workflow`, ``Member.may``), so a form or a button is shown only to
someone the service will let through; the service still checks when it is used.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from shisaku.audit.queries import HistoryEntry, history
from shisaku.domain.workflow import EDITABLE_STATES, LOCKED_STATES, Transition, available
from shisaku.evaluation.programme_queries import ProgrammeView
from shisaku.evaluation.queries import EvaluationView
from shisaku.evaluation.requirements import required_to_submit
from shisaku.evaluation.services import TRANSLATIONS
from shisaku.evaluation.staffing import without_manager
from shisaku.staff import display
from shisaku.staff.access import Workspace
from shisaku.staff.forms_evaluation import (
    COMMITTEE_FIELDS,
    DEPARTMENT_FIELDS,
    SHEET_LABELS,
    SheetForm,
    StepForm,
)
from shisaku.voice import queries as voice_queries
from shisaku.voice.models import HideReason, Opinion, ResponseKind, State

CONFIRMED_STEPS = frozenset({"publish", "reopen", "recall", "stand_in"})  # asked once more
FORMS = ("sheet", "committee", "en")  # the sheet's field forms, by prefix
HISTORY_FIELDS: dict[str, Promise] = {
    **SHEET_LABELS,
    "status": gettext_lazy("State"),
    "department": gettext_lazy("Responsible department"),
    "direction": gettext_lazy("Direction for the coming years"),
    "locked": gettext_lazy("Figures of the year locked"),
    "budget": gettext_lazy("Budget"),
    "settlement": gettext_lazy("Settlement"),
    "staff_years": gettext_lazy("Staff time (staff-years)"),
    "unit_cost": gettext_lazy("Personnel cost per staff-year"),
    "necessity": gettext_lazy("Necessity"),
    "effectiveness": gettext_lazy("Effectiveness"),
    "efficiency": gettext_lazy("Efficiency"),
    "comment_ja": gettext_lazy("Comment (Japanese)"),
    "comment_en": gettext_lazy("Comment (English)"),
}


def sheet_url(ws: Workspace, year: int, measure: str, name: str = "evaluation") -> str:
    """Return a URL of an evaluation sheet (its page, or one of its POST endpoints)."""
    kwargs = {"code": ws.code, "slug": ws.slug, "year": year, "measure": measure}
    return reverse(f"staff:{name}", kwargs=kwargs)


def programme_url(ws: Workspace, view: EvaluationView, code: str) -> str:
    """Return the page of a programme's year under a sheet."""
    kwargs = {"code": ws.code, "slug": ws.slug, "year": view.fiscal_year}
    return reverse(
        "staff:programme-year", kwargs={**kwargs, "measure": view.measure_code, "programme": code}
    )


def overview_url(ws: Workspace, year: int) -> str:
    """Return the overview of a fiscal year's evaluations."""
    url = reverse("staff:evaluations", kwargs={"code": ws.code, "slug": ws.slug})
    return f"{url}?year={year}"


def no_actuals(view: EvaluationView) -> bool:
    """Return whether every indicator of the sheet is graded X (no actual for the year)."""
    graded = view.grades.indicators
    return bool(graded) and all(g.grade == "X" for g in graded)


def confirmed_first(view: EvaluationView, action: str) -> bool:
    """Return whether a step is asked once more (approving a sheet with no actual is)."""
    approving = action in ("approve", "stand_in")
    return action in CONFIRMED_STEPS or (approving and no_actuals(view))


def steps_for(ws: Workspace, view: EvaluationView) -> list[Transition]:
    """Return the workflow steps possible from the sheet's state that this member may take.

    The planning office's stand-in approval is offered only while the department has no
    manager (the service refuses it otherwise); the planning office pulls a submitted sheet
    back with a reason rather than withdrawing it as the department would.
    """
    steps = [
        t
        for t in available(view.status)
        if ws.member.may(t.permission, view.department)
        and (t.action != "stand_in" or bool(without_manager(ws.code, [view.department])))
    ]
    if any(t.action == "recall" for t in steps):  # the planning office pulls back, with a reason
        steps = [t for t in steps if t.action != "withdraw"]
    return steps


def submits_with_form(ws: Workspace, view: EvaluationView) -> bool:
    """Return whether this member submits from the sheet's own form (it saves, then submits)."""
    has_form = "sheet" in form_fields(ws, view)
    return has_form and any(t.action == "submit" for t in steps_for(ws, view))


def form_fields(ws: Workspace, view: EvaluationView) -> dict[str, tuple[str, ...]]:
    """Return, per field form this member may use now, the sheet fields it edits."""
    offered: dict[str, tuple[str, ...]] = {}
    if view.status in EDITABLE_STATES and ws.member.may("evaluation.edit", view.department):
        offered["sheet"] = DEPARTMENT_FIELDS
    if view.status == "committee" and ws.member.may("evaluation.comment", view.department):
        offered["committee"] = COMMITTEE_FIELDS
    if ws.member.may("evaluation.publish", view.department):
        taken = {name for names in offered.values() for name in names}
        offered["en"] = tuple(name for name in TRANSLATIONS if name not in taken)
    return offered


DEFAULT_FIELDS: dict[str, tuple[str, ...]] = {
    "sheet": DEPARTMENT_FIELDS,
    "committee": COMMITTEE_FIELDS,
    "en": TRANSLATIONS,
}


def initial_of(view: EvaluationView, names: tuple[str, ...]) -> dict[str, Any]:
    """Return a form's initial values: the sheet's current fields and version."""
    return {"version": view.version, **{name: getattr(view, name) for name in names}}


def field_forms(
    ws: Workspace, view: EvaluationView, bound: dict[str, SheetForm]
) -> dict[str, SheetForm]:
    """Return the field forms offered, fresh from the sheet unless given bound (with errors)."""
    needed = required_to_submit(ws.plan.id)
    return {
        which: bound.get(which)
        or SheetForm(
            initial=initial_of(view, names),
            names=names,
            needed=needed if which == "sheet" else (),
            prefix=which,
        )
        for which, names in form_fields(ws, view).items()
    }


@dataclass(frozen=True)
class StepOffer:
    """A workflow step as the page offers it: its button, its form, whether it is confirmed."""

    action: str
    label: str
    form: StepForm
    confirmed: bool


def step_offers(ws: Workspace, view: EvaluationView, bound: dict[str, StepForm]) -> list[StepOffer]:
    """Return the forms of the steps this member may take, fresh unless given bound.

    A reviewer writes the committee's opinion in one place, the sheet's opinion form (both
    languages, kept while typed, audited as evaluation.comment), not in a second step form.
    """
    out = []
    with_form = submits_with_form(ws, view)  # then the submit button is the form's own
    opinion_form = "committee" in form_fields(ws, view)
    for step in steps_for(ws, view):
        if (with_form and step.action == "submit") or (opinion_form and step.action == "comment"):
            continue
        form = bound.get(step.action) or StepForm(
            initial={"version": view.version, "action": step.action}, step=step
        )
        label = display.label(display.STEPS, step.action)
        out.append(StepOffer(step.action, label, form, confirmed_first(view, step.action)))
    return out


def locked(view: EvaluationView) -> bool:
    """Return whether the year's figures of the measure are locked (the sheet is approved)."""
    return view.status in LOCKED_STATES


@dataclass(frozen=True)
class ProgrammeRow:
    """A programme on the sheet, with whether this member may enter its year."""

    view: ProgrammeView
    name: str
    direction: str
    may_edit: bool
    url: str


def programme_rows(ws: Workspace, view: EvaluationView) -> list[ProgrammeRow]:
    """Return the sheet's programmes with their entry links."""
    open_year = not locked(view)
    return [
        ProgrammeRow(
            p,
            display.shown(p.name_ja, p.name_en),
            display.label(display.DIRECTIONS, p.direction) if p.direction else "",
            open_year and ws.member.may("programme.edit", p.department),
            programme_url(ws, view, p.code),
        )
        for p in view.programmes
    ]


# --- history -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One field of an audit entry: its value before and after, for people."""

    field: str
    before: str
    after: str


@dataclass(frozen=True)
class HistoryRow:
    """An audit entry of the sheet or of one of its programmes."""

    entry: HistoryEntry
    who: str
    what: str
    action: str
    changes: list[Change]


def _value(key: str, value: Any) -> str:
    """Return a stored value for people (a state or direction by its label)."""
    if value is None or value == "":
        return ""
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if key == "status":
        return display.label(display.STATES, str(value))
    if key == "direction":
        return display.label(display.DIRECTIONS, str(value))
    return str(value)


def _changes(before: Any, after: Any) -> list[Change]:
    """Return the fields an entry changed that people read (not versions or internal facts)."""
    old = before if isinstance(before, dict) else {}
    new = after if isinstance(after, dict) else {}
    # in the form's order: PostgreSQL's jsonb does not keep the order keys were written in
    keys = [k for k in HISTORY_FIELDS if k in new or k in old]
    return [
        Change(display.label(HISTORY_FIELDS, k), _value(k, old.get(k)), _value(k, new.get(k)))
        for k in keys
        if old.get(k) != new.get(k)
    ]


def sheet_history(ws: Workspace, view: EvaluationView) -> list[HistoryRow]:
    """Return the audit entries of the sheet and of its programmes' year, newest first."""
    base = f"{ws.code}/{ws.slug}"
    sheet = _("Evaluation sheet")
    measure = f"{base}/{view.measure_code}/{view.fiscal_year}"
    found = [(e, sheet) for e in history(measure, ws.code, object_types=("evaluation",))]
    for p in view.programmes:
        what = f"{p.code} {display.shown(p.name_ja, p.name_en)}"
        year = f"{base}/{p.code}/{view.fiscal_year}"
        found += [(e, what) for e in history(year, ws.code, object_types=("programme",))]
    found.sort(key=lambda pair: (pair[0].at, pair[0].id), reverse=True)
    return [
        HistoryRow(
            e,
            display.actor_name(e.actor),
            what,
            display.label(display.ACTIONS, e.action),
            _changes(e.before, e.after),
        )
        for e, what in found
    ]


@dataclass(frozen=True)
class OpinionRow:
    """An opinion on the sheet's measure as the department reads it when it evaluates."""

    consultation: str
    url: str
    text: str
    summary: str
    state: str
    response: str
    reason: str
    department: str
    responded_on: str


def _state(item: Opinion) -> str:
    """Return an opinion's moderation state, with the reason when it is hidden."""
    state = str(State(item.state).label)
    if not item.hide_reason:
        return state
    return _("%(state)s: %(reason)s") % {
        "state": state,
        "reason": HideReason(item.hide_reason).label,
    }


def opinion_rows(ws: Workspace, view: EvaluationView) -> list[OpinionRow]:
    """Return the opinions on the sheet's measure, published or not, with their responses."""
    rows = []
    for item in voice_queries.opinions_on(ws.plan.id, view.measure_code):
        consultation = item.consultation
        kwargs = {"code": ws.code, "pk": consultation.pk, "opinion_pk": item.pk}
        rows.append(
            OpinionRow(
                consultation=display.shown(consultation.title_ja, consultation.title_en),
                url=reverse("voice-staff:opinion", kwargs=kwargs),
                text=item.body,
                summary=item.summary,
                state=_state(item),
                response=str(ResponseKind(item.response_kind).label) if item.response_kind else "",
                reason=item.response_reason,
                department=item.response_department,
                responded_on=item.responded_on.isoformat() if item.responded_on else "",
            )
        )
    return rows
