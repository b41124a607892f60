"""Programmes (事務事業) under initiatives: writes with permissions, the measure's summed cost."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AuditEntry
from shisaku.evaluation import programmes, queries
from shisaku.evaluation.models import Programme, ProgrammeYear
from shisaku.evaluation.programmes import ProgrammeInput, ProgrammeYearInput
from shisaku.evaluation.services import EvaluationError
from shisaku.evaluation.transitions import transition
from shisaku.indicators.services import Locked
from shisaku.plan.queries import NotFound
from tests.test_evaluation_setup import DOBOKU, KOSODATE, SLUG, TOWN, YEAR, build_town


@pytest.fixture
def town(db, operator):
    return build_town(operator)


def save(town, who, code="P-01", initiative="1-1-1.1", department=KOSODATE, **kw):
    made = ProgrammeInput(code, kw.pop("name_ja", "相談員配置事業"), initiative, department, **kw)
    return programmes.save_programme(
        actor=town[who], municipality_code=TOWN, plan=SLUG, programme=made
    )


def save_year(town, who, code="P-01", **amounts):
    values = ProgrammeYearInput(amounts.pop("fiscal_year", YEAR), **amounts)
    programmes.save_programme_year(
        actor=town[who], municipality_code=TOWN, plan=SLUG, code=code, values=values
    )


@pytest.mark.parametrize("who", ["kikaku", "kosodate", "kacho"])
def test_the_planning_office_or_the_department_creates_a_programme(town, who):
    pk = save(town, who)
    row = Programme.objects.get(pk=pk)
    assert (row.code, row.initiative.code, row.department) == ("P-01", "1-1-1.1", KOSODATE)
    entry = AuditEntry.objects.get(action="programme.save")
    assert entry.object_id == f"{TOWN}/{SLUG}/P-01"


@pytest.mark.parametrize("who", ["doboku", "iin", "etsuran"])
def test_another_department_or_a_reviewer_may_not_create_it(town, who):
    with pytest.raises(PermissionDenied):
        save(town, who)
    assert not Programme.objects.exists()


def test_a_department_may_not_take_another_departments_programme(town):
    save(town, "kikaku", department=DOBOKU, initiative="1-1-2.1")
    with pytest.raises(PermissionDenied):
        save(town, "kosodate", initiative="1-1-2.1")
    assert Programme.objects.get().department == DOBOKU


def test_saving_again_updates_in_place(town):
    first = save(town, "kosodate")
    second = save(town, "kosodate", name_ja="相談員配置・研修事業", period_start=2024)
    row = Programme.objects.get()
    assert first == second
    assert (row.name_ja, row.period_start) == ("相談員配置・研修事業", 2024)
    assert AuditEntry.objects.filter(action="programme.save").count() == 2


@pytest.mark.parametrize(
    ("initiative", "message"),
    [("1-1-1", "主な取組（initiative）"), ("9-9-9.9", "ありません")],
)
def test_a_programme_belongs_to_an_existing_initiative(town, initiative, message):
    with pytest.raises(EvaluationError, match=message):
        save(town, "kikaku", initiative=initiative)


def test_a_period_that_ends_before_it_starts_is_refused(town):
    with pytest.raises(EvaluationError, match="実施期間"):
        save(town, "kikaku", period_start=2026, period_end=2024)


def test_a_programme_year_keeps_decimal_amounts_and_ratings(town):
    save(town, "kosodate")
    save_year(
        town,
        "kosodate",
        budget=D("1200000"),
        settlement=D("1100000"),
        staff_years=D("0.5"),
        unit_cost=D("8000000"),
        necessity="A",
        effectiveness="B",
        efficiency="C",
        direction="improve",
        comment_ja="相談員の研修を見直す。",
    )
    row = ProgrammeYear.objects.get()
    assert (row.settlement, row.staff_years, row.necessity, row.direction) == (
        D("1100000"),
        D("0.50"),
        "A",
        "improve",
    )


@pytest.mark.parametrize(
    ("amounts", "message"),
    [
        ({"budget": D("-1")}, "負の値"),
        ({"settlement": D("10.5")}, "円単位"),
        ({"necessity": "S"}, "A / B / C"),
        ({"direction": "grow"}, "方向性"),
    ],
)
def test_wrong_amounts_ratings_or_directions_are_refused(town, amounts, message):
    save(town, "kosodate")
    with pytest.raises(EvaluationError, match=message):
        save_year(town, "kosodate", **amounts)
    assert not ProgrammeYear.objects.exists()


def test_the_measure_cost_is_summed_from_its_initiatives_programmes(town):
    save(town, "kosodate", "P-01", "1-1-1.1")
    save(town, "kosodate", "P-02", "1-1-1.2", name_ja="広報事業")
    save(town, "kikaku", "P-03", "1-1-2.1", DOBOKU, name_ja="歩道整備事業")  # another measure
    save(town, "kosodate", "P-04", "1-1-1.2", name_ja="終了した事業", period_end=2024)
    save_year(
        town,
        "kosodate",
        "P-01",
        budget=D("1200000"),
        settlement=D("1100000"),
        staff_years=D("0.5"),
        unit_cost=D("8000000"),
    )
    save_year(
        town,
        "kosodate",
        "P-02",
        budget=D("300000"),
        settlement=D("250001"),
        staff_years=D("0.1"),
        unit_cost=D("7000000"),
    )
    save_year(town, "kikaku", "P-03", settlement=D("99999999"))
    view = queries.evaluation_view(town.evaluation("1-1-1").pk)
    assert [p.code for p in view.programmes] == ["P-01", "P-02"]
    assert view.cost.settlement == D("1350001")
    assert view.cost.personnel == D("4700000")  # 0.5 × 8,000,000 + 0.1 × 7,000,000
    assert view.cost.full_cost == D("6050001")
    assert view.cost.budget == D("1500000")
    assert view.cost.complete


def test_a_programme_without_its_years_sheet_makes_the_cost_incomplete(town):
    save(town, "kosodate", "P-01")
    view = queries.evaluation_view(town.evaluation("1-1-1").pk)
    assert view.cost.full_cost is None
    assert view.cost.incomplete == ("P-01: 決算額・従事職員数・人件費単価",)


def test_programme_indicators_have_planned_and_actual_values(town):
    save(town, "kosodate")
    for kind, name, unit in [("activity", "相談会の開催回数", "回"), ("outcome", "相談件数", "件")]:
        programmes.save_programme_indicator(
            actor=town["kosodate"],
            municipality_code=TOWN,
            plan=SLUG,
            code="P-01",
            kind=kind,
            name_ja=name,
            unit=unit,
        )
    programmes.record_programme_value(
        actor=town["kosodate"],
        municipality_code=TOWN,
        plan=SLUG,
        code="P-01",
        kind="activity",
        name_ja="相談会の開催回数",
        fiscal_year=YEAR,
        planned=D("12"),
        actual=D("10"),
    )
    view = queries.evaluation_view(town.evaluation("1-1-1").pk)
    [programme] = view.programmes
    activity, outcome = programme.indicators
    assert (activity.kind_label, activity.planned, activity.actual, activity.unit) == (
        "活動指標",
        D("12"),
        D("10"),
        "回",
    )
    assert (outcome.kind, outcome.planned, outcome.actual) == ("outcome", None, None)
    assert AuditEntry.objects.filter(action="programme.value").count() == 1


def test_a_programme_indicator_kind_is_activity_or_outcome(town):
    save(town, "kosodate")
    with pytest.raises(EvaluationError, match="activity"):
        programmes.save_programme_indicator(
            actor=town["kosodate"],
            municipality_code=TOWN,
            plan=SLUG,
            code="P-01",
            kind="output",
            name_ja="x",
        )


def test_an_unknown_programme_is_not_found(town):
    with pytest.raises(NotFound, match="P-99"):
        save_year(town, "kikaku", "P-99")


def test_an_approved_year_locks_its_programme_sheets_too(town):
    save(town, "kosodate")
    row = town.evaluation("1-1-1")
    transition(actor=town["kosodate"], evaluation_id=row.pk, action="submit", expected_version=1)
    transition(actor=town["kacho"], evaluation_id=row.pk, action="approve", expected_version=2)
    with pytest.raises(Locked, match="1-1-1"):
        save_year(town, "kosodate", settlement=D("1"))
    save_year(town, "kosodate", fiscal_year=YEAR + 1, settlement=D("1"))
    assert ProgrammeYear.objects.get().fiscal_year == YEAR + 1
