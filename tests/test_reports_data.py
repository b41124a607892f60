"""The data every report renders: one assembly for the PDF, the workbook, HTML and education.

:func:`build_report_town` adds to the fictional 試験市 of ``test_evaluation_setup``: programmes
with costs, a measure's sheet written and approved (frozen grades), another left in draft
(live grades) and a third without indicators. The other ``test_reports_*`` modules import it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal as D

import pytest

from shisaku.domain.plantree import Node
from shisaku.evaluation import programmes, services
from shisaku.evaluation.programmes import ProgrammeInput, ProgrammeYearInput
from shisaku.evaluation.transitions import transition
from shisaku.reports.data import ReportError, annual_report, place_measures
from shisaku.reports.model import NO_SHEET, Report
from tests.test_evaluation_setup import DOBOKU, KOSODATE, SLUG, TOWN, YEAR, Town, build_town

ISSUED = date(2026, 9, 1)
RESULTS = "相談件数が増え、<b>窓口</b>の認知が進んだ。\n休日相談も始めた。"
FORMULA_LIKE = '=HYPERLINK("http://example.invalid")'
# measure 1-1-1: P-01 + P-02; 1-1-2: P-10 without staff time (incomplete)
COST_111 = {"project": D("1350001"), "personnel": D("4700000"), "full": D("6050001")}


@dataclass
class ReportTown:
    """The fictional town with its evaluations filled in, and the plan to report on."""

    town: Town

    @property
    def plan(self):
        return self.town.plan


def _programme(town: Town, who: str, code: str, initiative: str, department: str, name: str):
    made = ProgrammeInput(code, name, initiative, department)
    programmes.save_programme(actor=town[who], municipality_code=TOWN, plan=SLUG, programme=made)


def _year(town: Town, who: str, code: str, **amounts):
    values = ProgrammeYearInput(YEAR, **amounts)
    programmes.save_programme_year(
        actor=town[who], municipality_code=TOWN, plan=SLUG, code=code, values=values
    )


def _costs(town: Town) -> None:
    _programme(town, "kosodate", "P-01", "1-1-1.1", KOSODATE, "相談員配置事業")
    _programme(town, "kosodate", "P-02", "1-1-1.2", KOSODATE, "広報事業")
    _programme(town, "doboku", "P-10", "1-1-2.1", DOBOKU, "歩道整備事業")
    _year(town, "kosodate", "P-01", settlement=D("1100000"), staff_years=D("0.5"),
          unit_cost=D("8000000"))  # fmt: skip
    _year(town, "kosodate", "P-02", settlement=D("250001"), staff_years=D("0.1"),
          unit_cost=D("7000000"))  # fmt: skip
    _year(town, "doboku", "P-10", settlement=D("3000000"))


def _move(town: Town, who: str, action: str, comment: str = "", code: str = "1-1-1") -> None:
    row = town.evaluation(code)
    transition(
        actor=town[who],
        evaluation_id=row.pk,
        action=action,
        comment=comment,
        expected_version=row.version,
    )


def _sheets(town: Town) -> None:
    row = town.evaluation("1-1-1")
    changes = {
        "target_ja": "子育て中の家庭",
        "intent_ja": "困ったときに相談できる",
        "results_ja": RESULTS,
        "issues_ja": FORMULA_LIKE,
        "direction": "expand",
    }
    services.update_evaluation(
        actor=town["kosodate"], evaluation_id=row.pk, expected_version=row.version, changes=changes
    )
    _move(town, "kosodate", "submit")
    _move(town, "kacho", "approve", "成果は概ね順調")
    _move(town, "kikaku", "review", "方向性は妥当")
    row = town.evaluation("1-1-2")
    services.update_evaluation(
        actor=town["doboku"],
        evaluation_id=row.pk,
        expected_version=row.version,
        changes={"results_ja": "歩道を整備した。"},
    )


def build_report_town(operator) -> ReportTown:
    """Create the town, its programmes' costs and its sheets (1-1-1 reviewed, 1-1-2 draft)."""
    town = build_town(operator)
    _costs(town)
    _sheets(town)
    return ReportTown(town)


@pytest.fixture
def report_town(db, operator) -> ReportTown:
    return build_report_town(operator)


@pytest.fixture
def report(report_town) -> Report:
    return annual_report(report_town.plan, YEAR, issued=ISSUED)


def test_the_report_names_the_town_the_plan_and_the_year_in_both_calendars(report):
    assert (report.municipality_name, report.plan_title) == ("試験市", "試験市総合計画")
    assert report.title == "2025年度（令和7年度）主要な施策の成果"
    assert report.issued_label == "2026年9月1日（令和8年9月1日）"
    assert report.plan_years == (2024, 2025, 2026, 2027, 2028)


def test_measures_are_grouped_by_field_and_policy_in_document_order(report):
    [field] = report.fields
    [policy] = field.policies
    assert (field.title, policy.title) == ("1 くらし", "1-1 暮らしの安心")
    assert [m.code for m in policy.measures] == ["1-1-1", "1-1-2", "1-1-3"]
    assert policy.measures[0].policy_title == "1-1 暮らしの安心"


def test_an_approved_sheet_shows_its_frozen_grades_and_a_draft_its_live_ones(report):
    reviewed, draft, _ = report.measures()
    assert reviewed.frozen and "確定" in reviewed.grades_note
    assert not draft.frozen and "暫定" in draft.grades_note
    assert reviewed.sheet is not None and reviewed.sheet.status_label == "二次評価済"
    assert reviewed.sheet.first_comment == "成果は概ね順調"
    assert reviewed.sheet.direction == "拡充"


def test_indicator_rows_hold_the_figures_grade_formula_and_chart(report):
    first = next(report.measures())
    assert [r.code for r in first.indicators] == ["K1", "K2"]
    row = first.indicators[0]
    assert (row.baseline.value, row.target.value, row.actual.value) == (D(100), D(200), D(150))
    assert row.actual.period == "2025年度（令和7年度）"
    assert row.grade and row.formula
    assert row.chart_svg.startswith("<svg")
    assert sum(first.counts.values()) == 2


def test_the_cost_is_summed_from_the_programmes_and_incomplete_amounts_are_named(report):
    first, second, _ = report.measures()
    costs = first.sheet.costs
    assert [line.code for line in costs.lines] == ["P-01", "P-02"]
    assert (costs.project, costs.personnel, costs.full) == tuple(COST_111.values())
    road = second.sheet.costs
    assert road.personnel is None and road.full == D("3000000")
    assert road.incomplete == ("P-10: 従事職員数・人件費単価",)


def test_a_measure_without_indicators_has_no_rows_and_no_counted_grades(report):
    third = list(report.measures())[2]
    assert third.indicators == ()
    assert sum(third.counts.values()) == 0


def test_the_policy_counts_add_up_its_measures(report):
    [policy] = report.policies
    assert sum(policy.counts.values()) == 3
    assert report.counts == policy.counts
    assert list(policy.counts) == list(report.grades)


def test_a_measure_without_a_sheet_says_so_and_is_graded_live(db, operator):
    town = build_town(operator, open_years=())
    report = annual_report(town.plan, YEAR)
    first = next(report.measures())
    assert first.sheet is None and not first.frozen
    assert "評価シートがない" in first.grades_note
    assert NO_SHEET == "未評価（評価シートがありません）"
    assert [r.code for r in first.indicators] == ["K1", "K2"]


def test_the_report_can_be_restricted_to_some_policies(report_town):
    report = annual_report(report_town.plan, YEAR, policies=["9-9"])
    assert report.fields == () and report.counts == dict.fromkeys(report.grades, 0)


@pytest.mark.parametrize("year", [2023, 2029])
def test_a_year_outside_the_plan_is_refused_with_the_period(report_town, year):
    with pytest.raises(ReportError, match="2024〜2028 の年度を指定してください"):
        annual_report(report_town.plan, year)


def test_the_tracker_sees_every_measure(report_town):
    seen = []

    def track(items):
        for item in items:
            seen.append(item.measure.code)
            yield item

    annual_report(report_town.plan, YEAR, track=track)
    assert seen == ["1-1-1", "1-1-2", "1-1-3"]


def test_measures_are_found_under_fields_and_policies_or_without_them():
    loose = Node("measure", "9-1", "単独の施策")
    tree = [
        Node("field", "1", "F", children=[Node("policy", "1-1", "P", children=[
            Node("measure", "1-1-1", "M", children=[Node("initiative", "1-1-1.1", "I")])])]),
        loose,
    ]  # fmt: skip
    placed = place_measures(tree)
    assert [(p.measure.code, p.policy and p.policy.code, p.field and p.field.code)
            for p in placed] == [("1-1-1", "1-1", "1"), ("9-1", None, None)]  # fmt: skip
