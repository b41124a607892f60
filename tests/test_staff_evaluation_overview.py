"""The year's evaluations in the workspace: states, next stages, due dates, opening the year."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from shisaku.audit.models import AuditEntry
from shisaku.domain.workflow import STATE_LABELS, date_ja
from shisaku.evaluation import services
from shisaku.evaluation.models import Evaluation, StageDeadline
from shisaku.staff import display
from tests.test_evaluation_setup import SLUG, TOWN, YEAR
from tests.test_staff_evaluation_support import (  # noqa: F401
    OVERVIEW,
    advance,
    as_user,
    plain,
    text,
    town_fixture,
)


def deadline(town, stage, due):
    services.set_stage_deadline(
        actor=town.operator,
        municipality_code=TOWN,
        plan=SLUG,
        fiscal_year=YEAR,
        stage=stage,
        due=due,
    )


def row_of(page: str, code: str) -> str:
    start = page.index(f'<span class="code">{code}</span>')
    return plain(page[start : page.index("</tr>", start)])


def test_each_measure_shows_its_state_next_stage_due_date_and_badge(town):
    today = timezone.localdate()
    deadline(town, "submitted", today - timedelta(days=1))
    deadline(town, "approved", today + timedelta(days=3))
    advance(town, "submitted", "1-1-2")
    page = text(as_user("kosodate").get(f"{OVERVIEW}?year={YEAR}"))
    late = row_of(page, "1-1-1")
    assert "相談支援の充実 子育て支援課" in late
    assert f"作成中 提出 {date_ja(today - timedelta(days=1))} 期限切れ" in late
    soon = row_of(page, "1-1-2")
    assert f"提出済 一次評価（所属長） {date_ja(today + timedelta(days=3))} 期限間近" in soon
    assert "期限切れ" not in soon
    assert f'href="{OVERVIEW}{YEAR}/1-1-1/"' in page
    assert "この年度に評価する施策: 3件。期限切れ: 2件。" in plain(page)


def test_the_state_labels_are_the_workflows_japanese_labels():
    from django.utils import translation

    with translation.override("ja"):
        assert {k: str(v) for k, v in display.STATES.items()} == STATE_LABELS


def test_a_stage_without_a_due_date_says_so(town):
    page = plain(text(as_user("etsuran").get(f"{OVERVIEW}?year={YEAR}")))
    assert "作成中 提出 未設定" in page


def test_the_totals_per_department_count_states_and_late_sheets(town):
    deadline(town, "submitted", timezone.localdate() - timedelta(days=1))
    advance(town, "submitted", "1-1-3")
    page = text(as_user("kikaku").get(f"{OVERVIEW}?year={YEAR}"))
    totals = plain(page[page.index('id="departments"') :])
    assert "子育て支援課 2 作成中 1, 提出済 1 1 0" in totals
    assert "土木課 1 作成中 1 1 0" in totals


def test_only_the_planning_office_is_offered_to_open_the_year_and_set_due_dates(town):
    planning = text(as_user("kikaku").get(f"{OVERVIEW}?year={YEAR}"))
    assert "2025年度（令和7年度）の評価を開始する" in planning
    assert 'name="stage"' in planning
    for who in ("kosodate", "kacho", "iin", "etsuran"):
        page = text(as_user(who).get(f"{OVERVIEW}?year={YEAR}"))
        assert "評価を開始する" not in page
        assert 'name="stage"' not in page


def test_a_year_not_opened_says_so(town):
    page = plain(text(as_user("kosodate").get(f"{OVERVIEW}?year=2026")))
    assert "2026年度（令和8年度）の評価はまだ開始されていません。" in page
    assert "年度の評価は企画課が開始します。" in page


def test_the_planning_office_opens_a_year(town):
    client = as_user("kikaku")
    response = client.post(OVERVIEW + "open/", {"year": "2026"})
    assert response.status_code == 302
    assert response["Location"] == f"{OVERVIEW}?year=2026"
    assert Evaluation.objects.filter(fiscal_year=2026).count() == 3
    shown = text(client.get(response["Location"]))
    assert "年度の評価を開始しました（新しいシート 3件、既存 0件）。" in shown
    assert 'role="status"' in shown


def test_a_department_may_not_open_a_year(town):
    response = as_user("kosodate").post(OVERVIEW + "open/", {"year": "2026"})
    assert response.status_code == 403
    assert not Evaluation.objects.filter(fiscal_year=2026).exists()


def test_a_year_outside_the_plan_is_refused_with_the_reason(town):
    response = as_user("kikaku").post(OVERVIEW + "open/", {"year": "2030"}, follow=True)
    assert "2030年度は計画期間（2024〜2028年度）の外です" in text(response)
    assert not Evaluation.objects.filter(fiscal_year=2030).exists()


def test_the_planning_office_sets_a_stage_due_date(town):
    client = as_user("kikaku")
    data = {"year": str(YEAR), "stage": "approved", "due": "2026-06-30"}
    response = client.post(OVERVIEW + "deadline/", data)
    assert response.status_code == 302
    stored = StageDeadline.objects.get()
    assert (stored.fiscal_year, stored.stage, stored.due.isoformat()) == (
        YEAR,
        "approved",
        "2026-06-30",
    )
    page = plain(text(client.get(response["Location"])))
    assert "「一次評価（所属長）」の期限を保存しました。" in page
    assert "一次評価（所属長） 2026年6月30日（令和8年6月30日）" in page
    assert AuditEntry.objects.filter(action="evaluation.deadline").count() == 1


def test_a_due_date_that_is_not_a_date_is_shown_on_its_field(town):
    data = {"year": str(YEAR), "stage": "approved", "due": "来週"}
    response = as_user("kikaku").post(OVERVIEW + "deadline/", data)
    assert response.status_code == 400
    page = text(response)
    assert 'id="id_due-error"' in page
    assert 'aria-describedby="id_due-error"' in page
    assert 'aria-invalid="true"' in page
    assert '<a href="#id_due">' in page
    assert not StageDeadline.objects.exists()


def test_a_department_may_not_set_a_stage_due_date(town):
    data = {"year": str(YEAR), "stage": "approved", "due": "2026-06-30"}
    assert as_user("kosodate").post(OVERVIEW + "deadline/", data).status_code == 403
    assert not StageDeadline.objects.exists()


def test_the_overview_in_english(town):
    page = plain(text(as_user("kikaku").get(f"/en/staff/{TOWN}/{SLUG}/evaluations/?year={YEAR}")))
    assert "Evaluations of the measures for FY2025 (Reiwa 7)" in page
    assert "In preparation Submission not set" in page
    assert "Open FY2025 (Reiwa 7)" in page


def test_someone_outside_the_municipality_is_refused(town, django_user_model):
    django_user_model.objects.create_user("stranger", password="x")
    assert as_user("stranger").get(f"{OVERVIEW}?year={YEAR}").status_code == 403
