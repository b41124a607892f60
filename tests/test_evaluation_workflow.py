"""The evaluation workflow through the services: roles, departments, locks, versions, audit."""

from __future__ import annotations

import pytest

from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AuditEntry
from shisaku.domain.indicatordata import IndicatorBatch
from shisaku.domain.workflow import WorkflowError
from shisaku.evaluation import queries, services
from shisaku.evaluation.grades import measure_grades
from shisaku.evaluation.services import Conflict, EvaluationError
from shisaku.evaluation.transitions import transition
from shisaku.indicators import services as indicator_services
from shisaku.indicators.models import Figure, PeriodLock
from shisaku.indicators.services import BatchRejected, FigureEntry, Locked
from tests.factories import figure
from tests.test_evaluation_setup import SLUG, TOWN, YEAR, build_town


@pytest.fixture
def town(db, operator):
    return build_town(operator)


def move(town, who, action, comment="", code="1-1-1"):
    """Take a step as ``who`` with the current version; return the evaluation afterwards."""
    row = town.evaluation(code)
    transition(
        actor=town[who],
        evaluation_id=row.pk,
        action=action,
        comment=comment,
        expected_version=row.version,
    )
    return town.evaluation(code)


def edit(town, who, code="1-1-1", **changes):
    row = town.evaluation(code)
    return services.update_evaluation(
        actor=town[who], evaluation_id=row.pk, expected_version=row.version, changes=changes
    )


def to_state(town, state, code="1-1-1"):
    """Walk an evaluation along the happy path up to ``state``."""
    path = [
        ("kosodate", "submit", ""),
        ("kacho", "approve", "成果は概ね順調"),
        ("kikaku", "review", "方向性は妥当"),
        ("kikaku", "refer", ""),
        ("iin", "comment", "市民への周知を一層進められたい"),
        ("kikaku", "publish", ""),
    ]
    for who, action, comment in path:
        if town.evaluation(code).status == state:
            break
        move(town, who, action, comment, code)
    assert town.evaluation(code).status == state


def record(town, who="kosodate", period="2025年度", value="160", code="K1"):
    entry = FigureEntry(TOWN, SLUG, code, "actual", period, value)
    return indicator_services.record_figure(actor=town[who], entry=entry)


# --- editing and submitting -------------------------------------------------------------


def test_the_department_fills_in_its_sheet_and_submits_it(town):
    version = edit(town, "kosodate", results_ja="相談件数が増えた。", direction="expand")
    assert version == 2
    row = move(town, "kosodate", "submit")
    assert (row.status, row.version, row.results_ja, row.direction) == (
        "submitted",
        3,
        "相談件数が増えた。",
        "expand",
    )


@pytest.mark.parametrize("who", ["doboku", "dobokukacho", "iin", "etsuran"])
def test_another_department_a_reviewer_or_a_viewer_may_not_edit_or_submit(town, who):
    with pytest.raises(PermissionDenied):
        edit(town, who, results_ja="x")
    with pytest.raises(PermissionDenied):
        move(town, who, "submit")
    assert town.evaluation().status == "draft"
    assert town.evaluation().version == 1


def test_the_planning_office_may_edit_and_submit_for_any_department(town):
    edit(town, "kikaku", code="1-1-2", issues_ja="歩道の整備が遅れている。")
    assert move(town, "kikaku", "submit", code="1-1-2").status == "submitted"


def test_fields_cannot_be_edited_once_submitted(town):
    move(town, "kosodate", "submit")
    with pytest.raises(EvaluationError, match="作成中・差戻し"):
        edit(town, "kosodate", results_ja="後から直したい")


def test_unknown_fields_and_directions_are_refused_with_the_choices(town):
    with pytest.raises(EvaluationError, match="results_ja"):
        edit(town, "kosodate", status="published")
    with pytest.raises(EvaluationError, match="拡充"):
        edit(town, "kosodate", direction="grow")


def test_an_edit_that_changes_nothing_keeps_the_version_and_writes_no_audit(town):
    before = AuditEntry.objects.count()
    assert edit(town, "kosodate", results_ja="") == 1
    assert AuditEntry.objects.count() == before


def test_an_edit_is_audited_with_before_and_after(town):
    edit(town, "kosodate", issues_ja="周知が足りない。")
    entry = AuditEntry.objects.filter(action="evaluation.edit").get()
    assert entry.object_id == f"{TOWN}/{SLUG}/1-1-1/{YEAR}"
    assert (entry.before, entry.after) == ({"issues_ja": ""}, {"issues_ja": "周知が足りない。"})
    assert entry.actor == "user:kosodate"


# --- versions -----------------------------------------------------------------------------


def test_a_stale_version_is_a_conflict_for_edits_and_transitions(town):
    row = town.evaluation()
    edit(town, "kacho", results_ja="所属長が先に直した。")
    with pytest.raises(Conflict, match="版 1 → 2"):
        services.update_evaluation(
            actor=town["kosodate"],
            evaluation_id=row.pk,
            expected_version=row.version,
            changes={"results_ja": "上書きしたい"},
        )
    with pytest.raises(Conflict):
        transition(
            actor=town["kosodate"], evaluation_id=row.pk, action="submit", expected_version=1
        )
    fresh = town.evaluation()
    assert (fresh.results_ja, fresh.status, fresh.version) == ("所属長が先に直した。", "draft", 2)


# --- approval (一次評価) and the lock -------------------------------------------------------


@pytest.mark.parametrize("who", ["kosodate", "dobokukacho", "kikaku", "iin"])
def test_only_the_departments_manager_approves(town, who):
    move(town, "kosodate", "submit")
    with pytest.raises(PermissionDenied):
        move(town, who, "approve")
    assert town.evaluation().status == "submitted"


def test_the_manager_returns_a_sheet_with_a_reason_and_the_department_resubmits(town):
    move(town, "kosodate", "submit")
    with pytest.raises(WorkflowError, match="comment"):
        move(town, "kacho", "return")
    row = move(town, "kacho", "return", "課題の記述を具体的に")
    assert (row.status, row.first_comment_ja) == ("returned", "課題の記述を具体的に")
    edit(town, "kosodate", issues_ja="相談員が不足している。")
    assert move(town, "kosodate", "submit").status == "submitted"


def test_approval_freezes_the_grades_and_locks_the_years_figures(town):
    move(town, "kosodate", "submit")
    row = move(town, "kacho", "approve", "成果は概ね順調")
    assert (row.status, row.first_comment_ja) == ("approved", "成果は概ね順調")
    assert PeriodLock.objects.filter(node=row.node, fiscal_year=YEAR).exists()
    assert row.frozen["year"] == YEAR
    assert {i["code"] for i in row.frozen["indicators"]} == {"K1", "K2"}  # K2 is on 1-1-1.1
    k1 = next(i for i in row.frozen["indicators"] if i["code"] == "K1")
    assert (k1["actual"], k1["status"]) == ("150", "graded")
    assert k1["formula"] and k1["grade"]
    assert row.frozen["frozen_by"] == "user:kacho"


@pytest.mark.parametrize("code", ["K1", "K2"])
def test_a_locked_year_refuses_record_figure_naming_the_year_and_the_measure(town, code):
    move(town, "kosodate", "submit")
    move(town, "kacho", "approve")
    with pytest.raises(Locked) as caught:
        record(town, code=code)
    assert "2025年度" in str(caught.value) and "1-1-1" in str(caught.value)
    assert isinstance(caught.value, PermissionDenied)
    assert (caught.value.year, caught.value.measure_code) == (YEAR, "1-1-1")


def test_the_lock_holds_even_for_the_operator_and_the_planning_office(town):
    move(town, "kosodate", "submit")
    move(town, "kacho", "approve")
    with pytest.raises(Locked):
        record(town, who="kikaku")
    batch = IndicatorBatch(figures=[figure(TOWN, SLUG, "K1", "actual", "2025年度", "170")])
    with pytest.raises(BatchRejected) as caught:
        indicator_services.apply_batch(actor=town.operator, batch=batch)
    assert "ロック" in str(caught.value.errors[0])


def test_other_years_and_other_measures_stay_open(town):
    move(town, "kosodate", "submit")
    move(town, "kacho", "approve")
    assert record(town, period="2026年度").figures_added == 1
    assert record(town, who="doboku", code="R1").figures_revised == 1


def test_a_batch_with_a_locked_row_is_rejected_as_a_whole_with_the_row_named(town):
    move(town, "kosodate", "submit")
    move(town, "kacho", "approve")
    batch = IndicatorBatch(
        figures=[
            figure(TOWN, SLUG, "R1", "actual", "2025年度", "170"),
            figure(TOWN, SLUG, "K2", "actual", "2025年度", "170"),
        ]
    )
    with pytest.raises(BatchRejected) as caught:
        indicator_services.apply_batch(actor=town.operator, batch=batch)
    assert len(caught.value.errors) == 1
    assert "K2" in str(caught.value.errors[0]) and "1-1-1" in str(caught.value.errors[0])
    assert not Figure.objects.filter(raw="170").exists()


# --- reopening ------------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["approved", "reviewed", "committee", "published"])
def test_only_the_planning_office_reopens_and_needs_a_reason(town, state):
    to_state(town, state)
    for who in ("kacho", "kosodate", "iin"):
        with pytest.raises(PermissionDenied):
            move(town, who, "reopen", "直したい")
    with pytest.raises(WorkflowError, match="comment"):
        move(town, "kikaku", "reopen")
    row = move(town, "kikaku", "reopen", "実績値の訂正のため")
    assert row.status == "returned"


def test_reopening_removes_the_lock_and_is_audited_with_the_reason(town):
    to_state(town, "reviewed")
    move(town, "kikaku", "reopen", "実績値の訂正のため")
    assert not PeriodLock.objects.exists()
    assert record(town).figures_revised == 1
    entry = AuditEntry.objects.get(action="evaluation.reopen")
    assert entry.before["status"] == "reviewed"
    assert entry.after["status"] == "returned"
    assert entry.after["comment"] == "実績値の訂正のため"
    assert entry.after["locked"] is False
    assert "実績値の訂正のため" in entry.summary
    assert entry.actor == "user:kikaku"
    assert town.evaluation().frozen is None


def test_reapproval_locks_again_and_refreezes_the_new_actual(town):
    to_state(town, "approved")
    move(town, "kikaku", "reopen", "実績値の訂正のため")
    record(town, value="180")
    move(town, "kosodate", "submit")
    row = move(town, "kacho", "approve")
    k1 = next(i for i in row.frozen["indicators"] if i["code"] == "K1")
    assert k1["actual"] == "180"
    assert PeriodLock.objects.count() == 1


def test_every_step_is_audited_with_the_status_before_and_after(town):
    to_state(town, "published")
    steps = AuditEntry.objects.filter(object_type="evaluation").exclude(action="evaluation.open")
    pairs = [(e.action, e.before["status"], e.after["status"]) for e in steps.order_by("id")]
    assert pairs == [
        ("evaluation.submit", "draft", "submitted"),
        ("evaluation.approve", "submitted", "approved"),
        ("evaluation.review", "approved", "reviewed"),
        ("evaluation.refer", "reviewed", "committee"),
        ("evaluation.comment", "committee", "committee"),
        ("evaluation.publish", "committee", "published"),
    ]


# --- second stage, committee and publication -------------------------------------------------


def test_the_comments_land_in_their_fields(town):
    to_state(town, "published")
    row = town.evaluation()
    assert row.first_comment_ja == "成果は概ね順調"
    assert row.second_comment_ja == "方向性は妥当"
    assert row.committee_opinion_ja == "市民への周知を一層進められたい"
    assert row.published_at is not None


@pytest.mark.parametrize("who", ["kacho", "kosodate", "iin"])
def test_only_the_planning_office_reviews(town, who):
    to_state(town, "approved")
    with pytest.raises(PermissionDenied):
        move(town, who, "review")


@pytest.mark.parametrize("who", ["iin", "kacho", "kosodate"])
def test_only_the_planning_office_refers_a_sheet_to_the_committee(town, who):
    to_state(town, "reviewed")
    with pytest.raises(PermissionDenied):
        move(town, who, "refer")
    assert move(town, "kikaku", "refer").status == "committee"


@pytest.mark.parametrize("who", ["kikaku", "kacho", "kosodate"])
def test_the_committee_opinion_is_recorded_only_by_a_reviewer_in_the_committee_state(town, who):
    to_state(town, "reviewed")
    with pytest.raises(WorkflowError):
        move(town, "iin", "comment", "早すぎる意見")
    move(town, "kikaku", "refer")
    with pytest.raises(PermissionDenied):
        move(town, who, "comment", "意見")
    with pytest.raises(WorkflowError, match="comment"):
        move(town, "iin", "comment")
    row = move(town, "iin", "comment", "意見")
    assert (row.status, row.committee_opinion_ja) == ("committee", "意見")


def test_the_committee_opinion_is_editable_only_in_the_committee_state_by_a_reviewer(town):
    with pytest.raises(EvaluationError, match="外部評価の段階"):
        edit(town, "iin", committee_opinion_ja="早すぎる意見")
    to_state(town, "committee")
    assert town.evaluation().committee_opinion_ja == ""
    with pytest.raises(PermissionDenied):
        edit(town, "kikaku", committee_opinion_ja="企画課が書き換え")
    with pytest.raises(EvaluationError):
        edit(town, "iin", results_ja="委員が成果を書き換え")
    edit(town, "iin", committee_opinion_ja="修正した意見", committee_opinion_en="Revised")
    row = town.evaluation()
    assert (row.committee_opinion_ja, row.committee_opinion_en) == ("修正した意見", "Revised")
    assert move(town, "iin", "comment", "再修正").committee_opinion_ja == "再修正"


@pytest.mark.parametrize("who", ["iin", "kacho", "kosodate"])
def test_only_the_planning_office_publishes(town, who):
    to_state(town, "committee")
    with pytest.raises(PermissionDenied):
        move(town, who, "publish")


def test_a_step_out_of_order_is_refused(town):
    with pytest.raises(WorkflowError, match="submit"):
        move(town, "kikaku", "publish")
    with pytest.raises(WorkflowError):
        move(town, "kacho", "approve")


# --- what the public sees --------------------------------------------------------------------


def test_a_published_evaluation_shows_its_frozen_grades_not_live_ones(town):
    to_state(town, "published")
    frozen = queries.published_evaluations(town.plan.id, "1-1-1")[0].grades
    # the final target (FY2028, not locked) is revised: live grades for FY2025 change
    batch = IndicatorBatch(figures=[figure(TOWN, SLUG, "K1", "target", "2028年度", "1000")])
    indicator_services.apply_batch(actor=town.operator, batch=batch)
    live = measure_grades(town.plan, town.evaluation().node, YEAR)
    live_k1 = next(i for i in live["indicators"] if i["code"] == "K1")
    shown = queries.published_evaluations(town.plan.id, "1-1-1")[0].grades
    shown_k1 = next(i for i in shown.indicators if i.code == "K1")
    assert shown.frozen
    assert shown == frozen
    assert (shown_k1.ratio, shown_k1.grade) != (live_k1["ratio"], live_k1["grade"])


def test_published_evaluations_are_the_history_newest_first_and_nothing_else(db, operator):
    town = build_town(operator, open_years=(2024, 2025, 2026))
    for year in (2024, 2025):
        row = town.evaluation(year=year)
        for who, action, comment in [
            ("kosodate", "submit", ""),
            ("kacho", "approve", ""),
            ("kikaku", "review", ""),
            ("kikaku", "refer", ""),
            ("iin", "comment", f"{year}年度の意見"),
            ("kikaku", "publish", ""),
        ]:
            row.refresh_from_db()
            transition(
                actor=town[who],
                evaluation_id=row.pk,
                action=action,
                comment=comment,
                expected_version=row.version,
            )
    history = queries.published_evaluations(town.plan.id, "1-1-1")
    assert [v.fiscal_year for v in history] == [2025, 2024]
    assert history[0].fiscal_year_label == "2025年度（令和7年度）"
    assert history[0].committee_opinion_ja == "2025年度の意見"
    assert history[0].status_label == "公開"
    assert all(v.grades.frozen for v in history)
    assert queries.published_evaluations(town.plan.id, "1-1-2") == []


def test_a_draft_sheet_shows_live_grades(town):
    view = queries.evaluation_view(town.evaluation().pk)
    assert not view.grades.frozen
    assert {g.code for g in view.grades.indicators} == {"K1", "K2"}
    assert view.measure_title_ja == "相談支援の充実"
    assert view.department == "子育て支援課"


def test_the_planning_office_adds_english_twins_in_any_state(town):
    to_state(town, "published")
    version = town.evaluation().version
    row = town.evaluation()
    new = services.update_translation(
        actor=town["kikaku"],
        evaluation_id=row.pk,
        expected_version=version,
        changes={"first_comment_en": "Broadly on track", "results_en": "More consultations."},
    )
    row = town.evaluation()
    assert (new, row.first_comment_en, row.status) == (version + 1, "Broadly on track", "published")
    assert AuditEntry.objects.filter(action="evaluation.translate").count() == 1


def test_translations_are_for_the_planning_office_and_english_fields_only(town):
    row = town.evaluation()
    with pytest.raises(PermissionDenied):
        services.update_translation(
            actor=town["kosodate"],
            evaluation_id=row.pk,
            expected_version=1,
            changes={"results_en": "x"},
        )
    with pytest.raises(EvaluationError, match="翻訳"):
        services.update_translation(
            actor=town["kikaku"],
            evaluation_id=row.pk,
            expected_version=1,
            changes={"results_ja": "x"},
        )
