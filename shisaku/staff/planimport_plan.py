"""Which plan a read document becomes, and the import itself through the one import service.

The title, period and identifier are proposed as ``shisaku import-plan`` resolves them: an
exchange file's own; else, for a plan document, the plan already at the period the document
states (updated in place), or a new plan named as the document names itself.  Unlike the
command, a document that states no period is not proposed as the current plan's update: the
user gives the period (or the identifier of the plan to update), so that a click cannot
replace the current plan with another document.  The user may change every value.  The import is
``shisaku.indicators.planimport.import_plan_document`` — a dry run for the preview, the real
run on confirmation — and every refusal it raises is returned as messages.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from shisaku.accounts.permissions import PermissionDenied
from shisaku.domain.localcode import LocalCodeError, normalize_local_code
from shisaku.domain.plantree import PlanMeta
from shisaku.indicators.planimport import PlanImportResult, import_plan_document
from shisaku.indicators.services import BatchRejected
from shisaku.plan import queries
from shisaku.staff.access import Member
from shisaku.staff.forms_planimport import PlanForm
from shisaku.staff.planimport_reader import Loaded


@dataclass
class Outcome:
    """What an import did or would do, or the messages that refused it."""

    result: PlanImportResult | None = None
    refusals: list[str] = field(default_factory=list)


def _existing(code: str, slug: str | None) -> PlanMeta | None:
    """Return the metadata of the plan at ``slug`` (None: the current plan), if any."""
    try:
        return queries.find_plan(code, slug).meta
    except queries.NotFound:
        return None


def _fields(meta: PlanMeta) -> dict[str, str]:
    """Return a plan's metadata as the plan form's values."""
    return {
        "title": meta.title,
        "title_en": meta.title_en,
        "start": str(meta.period_start),
        "end": str(meta.period_end),
        "slug": meta.slug,
    }


def proposed(loaded: Loaded, code: str) -> dict[str, str]:
    """Return the plan form's values before the user changes them."""
    if loaded.meta is not None:
        return _fields(loaded.meta)
    reading = loaded.reading
    period = reading.period if reading is not None else None
    existing = _existing(code, f"{period[0]}-{period[1]}") if period else None
    if existing is not None:
        return _fields(existing)
    title = reading.title if reading is not None else ""
    start, end = (str(period[0]), str(period[1])) if period else ("", "")
    return {"title": title, "title_en": "", "start": start, "end": end, "slug": ""}


def plan_form(loaded: Loaded, code: str, chosen: dict[str, str]) -> PlanForm:
    """Return the plan form with what the user chose over what is proposed, checked."""
    form = PlanForm(data={**proposed(loaded, code), **chosen})
    form.is_valid()
    return form


def plan_meta(form: PlanForm, loaded: Loaded, code: str) -> PlanMeta:
    """Return the plan's metadata from a valid form (the rest kept from the file or the plan)."""
    data = form.cleaned_data
    base = loaded.meta or _existing(code, data["slug"])
    meta = PlanMeta(
        title=data["title"],
        title_en=data["title_en"] or (base.title_en if base else ""),
        period_start=data["start"],
        period_end=data["end"],
        slug=data["slug"],
    )
    if base is not None:
        meta.status, meta.version, meta.assessment = base.status, base.version, base.assessment
    return meta


def _foreign(loaded: Loaded, code: str) -> list[str]:
    """Return why an exchange file of another municipality is not imported here."""
    named = (loaded.municipality or {}).get("code") or code
    try:
        if normalize_local_code(named) == code:
            return []
    except LocalCodeError:
        pass
    message = _("This file is the plan of another municipality (%(code)s). Import it there.")
    return [message % {"code": named}]


def run_import(member: Member, loaded: Loaded, meta: PlanMeta, *, dry_run: bool) -> Outcome:
    """Import the plan read (or try it): what it did, or the messages that refused it."""
    refusals = _foreign(loaded, member.municipality_code)
    if refusals:
        return Outcome(refusals=refusals)
    try:
        result = import_plan_document(
            actor=member.actor,
            municipality_code=member.municipality_code,
            meta=meta,
            nodes=loaded.nodes,
            source_name=loaded.source_name,
            source_sha256=loaded.sha256,
            dry_run=dry_run,
            sdgs=loaded.sdgs,
        )
    except BatchRejected as rejected:
        return Outcome(refusals=[str(error) for error in rejected.errors])
    except (PermissionDenied, queries.NotFound, ValueError) as error:
        return Outcome(refusals=[str(error)])
    return Outcome(result)
