"""Writes to programmes (事務事業): the programme, its yearly sheet, its indicators and values.

Permission ``programme.edit``: the planning office, or the programme's department (both the
old and the new department when a programme changes hands). A year whose measure evaluation
is approved is locked (the same ``PeriodLock`` as the indicator figures): its amounts and
values are refused with ``Locked`` until the planning office reopens the evaluation.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from shisaku.accounts.permissions import require
from shisaku.audit.services import record_many
from shisaku.domain.actors import Actor
from shisaku.domain.costs import check_amounts
from shisaku.evaluation.models import (
    Direction,
    Programme,
    ProgrammeIndicator,
    ProgrammeIndicatorValue,
    ProgrammeYear,
    Rating,
)
from shisaku.evaluation.services import EvaluationError, find_plan_row
from shisaku.indicators.services import Locked, plan_locks
from shisaku.plan.models import Plan, PlanNode
from shisaku.plan.queries import NotFound


@dataclass(frozen=True)
class ProgrammeInput:
    """A programme as a planning office or department enters it."""

    code: str
    name_ja: str
    initiative_code: str
    department: str = ""
    name_en: str = ""
    period_start: int | None = None
    period_end: int | None = None


@dataclass(frozen=True)
class ProgrammeYearInput:
    """A programme's sheet for one fiscal year (amounts in yen, staff time in staff-years)."""

    fiscal_year: int
    budget: Decimal | None = None
    settlement: Decimal | None = None
    staff_years: Decimal | None = None
    unit_cost: Decimal | None = None
    necessity: str = ""
    effectiveness: str = ""
    efficiency: str = ""
    direction: str = ""
    comment_ja: str = ""
    comment_en: str = ""


def _entry(plan: Plan, action: str, object_id: str, before: Any, after: Any) -> dict[str, Any]:
    """Return the audit entry of a change to a programme."""
    code = plan.municipality.code
    return {
        "action": action,
        "object_type": "programme",
        "object_id": f"{code}/{plan.slug}/{object_id}",
        "municipality_code": code,
        "before": before,
        "after": after,
    }


def _json(values: Mapping[str, Any]) -> dict[str, Any]:
    """Return values with Decimals as strings, for the audit trail."""
    return {
        k: format(v.normalize(), "f") if isinstance(v, Decimal) else v for k, v in values.items()
    }


def _initiative(plan: Plan, code: str) -> PlanNode:
    """Return the initiative (主な取組) a programme belongs to, or raise EvaluationError."""
    node = PlanNode.objects.filter(plan=plan, code=code).first()
    if node is None:
        raise EvaluationError(f"計画 {plan.slug} に主な取組 {code} がありません")
    if node.kind != PlanNode.Kind.INITIATIVE:
        raise EvaluationError(
            f"{code} は{node.get_kind_display()}です。"
            "事務事業は主な取組（initiative）に結び付けてください"
        )
    return node


def save_programme(
    *, actor: Actor, municipality_code: str, plan: str | None, programme: ProgrammeInput
) -> int:
    """Create or update a programme, keyed by its code within the plan; return its id."""
    row = find_plan_row(municipality_code, plan)
    old = Programme.objects.filter(plan=row, code=programme.code).first()
    if old is not None:
        require(actor, "programme.edit", municipality_code, old.department)
    require(actor, "programme.edit", municipality_code, programme.department)
    if not programme.code.strip() or not programme.name_ja.strip():
        raise EvaluationError("事務事業にはコード（code）と名称（name_ja）が必要です")
    start, end = programme.period_start, programme.period_end
    if start is not None and end is not None and start > end:
        raise EvaluationError(f"実施期間の始まり（{start}）が終わり（{end}）より後です")
    fields = {
        "initiative": _initiative(row, programme.initiative_code),
        "name_ja": programme.name_ja,
        "name_en": programme.name_en,
        "department": programme.department,
        "period_start": start,
        "period_end": end,
    }
    after = {**asdict(programme)}
    before = _programme_state(old) if old else None
    with transaction.atomic():
        saved, _ = Programme.objects.update_or_create(
            plan=row, code=programme.code, defaults=fields
        )
        if before != after:
            record_many(
                actor=actor, entries=[_entry(row, "programme.save", programme.code, before, after)]
            )
    return int(saved.pk)


def _programme_state(row: Programme) -> dict[str, Any]:
    """Return a programme's stored fields in the form of ProgrammeInput."""
    return {
        "code": row.code,
        "name_ja": row.name_ja,
        "initiative_code": row.initiative.code,
        "department": row.department,
        "name_en": row.name_en,
        "period_start": row.period_start,
        "period_end": row.period_end,
    }


def _programme(municipality_code: str, plan: str | None, code: str) -> Programme:
    """Return a programme of the plan, or raise NotFound."""
    row = find_plan_row(municipality_code, plan)
    found = (
        Programme.objects.select_related("plan__municipality", "initiative")
        .filter(plan=row, code=code)
        .first()
    )
    if found is None:
        raise NotFound(f"事務事業 {code} は計画 {row.slug} にありません")
    return found


def _check_open(programme: Programme, year: int) -> None:
    """Refuse a write to a year locked for the programme's measure."""
    measure = plan_locks(programme.plan_id).find(programme.initiative_id, year)
    if measure is not None:
        raise Locked(programme.code, year, measure)


def _check_year(values: ProgrammeYearInput) -> None:
    """Refuse negative or fractional amounts, unknown ratings and directions."""
    errors = check_amounts(values.budget, values.settlement, values.staff_years, values.unit_cost)
    for name in ("necessity", "effectiveness", "efficiency"):
        rating = getattr(values, name)
        if rating and rating not in Rating.values:
            errors.append(f"{name} は A / B / C のいずれかにしてください（{rating!r}）")
    if values.direction and values.direction not in Direction.values:
        errors.append(f"方向性 {values.direction!r} はありません（{', '.join(Direction.values)}）")
    if errors:
        raise EvaluationError("；".join(errors))


def save_programme_year(
    *, actor: Actor, municipality_code: str, plan: str | None, code: str, values: ProgrammeYearInput
) -> None:
    """Create or replace a programme's sheet for one fiscal year."""
    programme = _programme(municipality_code, plan, code)
    require(actor, "programme.edit", municipality_code, programme.department)
    _check_year(values)
    fields = {k: v for k, v in asdict(values).items() if k != "fiscal_year"}
    with transaction.atomic():
        _check_open(programme, values.fiscal_year)
        old = ProgrammeYear.objects.filter(programme=programme, fiscal_year=values.fiscal_year)
        before = _json(old.values(*fields).first() or {}) or None
        ProgrammeYear.objects.update_or_create(
            programme=programme,
            fiscal_year=values.fiscal_year,
            defaults={**fields, "updated_by": actor.label},
        )
        after = _json(fields)
        if before != after:
            object_id = f"{code}/{values.fiscal_year}"
            entry = _entry(programme.plan, "programme.year", object_id, before, after)
            record_many(actor=actor, entries=[entry])


def save_programme_indicator(
    *,
    actor: Actor,
    municipality_code: str,
    plan: str | None,
    code: str,
    kind: str,
    name_ja: str,
    unit: str = "",
    name_en: str = "",
) -> int:
    """Create or update an activity or outcome indicator of a programme; return its id."""
    programme = _programme(municipality_code, plan, code)
    require(actor, "programme.edit", municipality_code, programme.department)
    if kind not in ProgrammeIndicator.Kind.values:
        raise EvaluationError(
            f"指標の種類は activity（活動指標）か outcome（成果指標）です（{kind!r}）"
        )
    if not name_ja.strip():
        raise EvaluationError("指標名（name_ja）が必要です")
    old = ProgrammeIndicator.objects.filter(programme=programme, kind=kind, name_ja=name_ja)
    before = old.values("kind", "name_ja", "unit", "name_en").first()
    after = {"kind": kind, "name_ja": name_ja, "unit": unit, "name_en": name_en}
    with transaction.atomic():
        row, _ = ProgrammeIndicator.objects.update_or_create(
            programme=programme,
            kind=kind,
            name_ja=name_ja,
            defaults={"unit": unit, "name_en": name_en},
            create_defaults={**after, "position": _next_position(programme, kind)},
        )
        if before != after:
            object_id = f"{code}/{kind}/{name_ja}"
            entry = _entry(programme.plan, "programme.indicator", object_id, before, after)
            record_many(actor=actor, entries=[entry])
    return int(row.pk)


def _next_position(programme: Programme, kind: str) -> int:
    """Return the position after the programme's last indicator of a kind."""
    return ProgrammeIndicator.objects.filter(programme=programme, kind=kind).count()


def record_programme_value(
    *,
    actor: Actor,
    municipality_code: str,
    plan: str | None,
    code: str,
    kind: str,
    name_ja: str,
    fiscal_year: int,
    planned: Decimal | None,
    actual: Decimal | None,
) -> None:
    """Record the planned (予定) and actual (実績) value of a programme indicator for a year."""
    programme = _programme(municipality_code, plan, code)
    require(actor, "programme.edit", municipality_code, programme.department)
    indicator = ProgrammeIndicator.objects.filter(
        programme=programme, kind=kind, name_ja=name_ja
    ).first()
    if indicator is None:
        raise NotFound(f"事務事業 {code} に {kind} の指標 {name_ja} はありません")
    with transaction.atomic():
        _check_open(programme, fiscal_year)
        old = ProgrammeIndicatorValue.objects.filter(indicator=indicator, fiscal_year=fiscal_year)
        before = _json(old.values("planned", "actual").first() or {}) or None
        ProgrammeIndicatorValue.objects.update_or_create(
            indicator=indicator,
            fiscal_year=fiscal_year,
            defaults={"planned": planned, "actual": actual},
        )
        after = _json({"planned": planned, "actual": actual})
        if before != after:
            object_id = f"{code}/{kind}/{name_ja}/{fiscal_year}"
            entry = _entry(programme.plan, "programme.value", object_id, before, after)
            record_many(actor=actor, entries=[entry])
