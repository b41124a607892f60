"""Opening a year, stage due dates, the overview with late flags, reminders and the commands."""

from __future__ import annotations

from datetime import date

import pytest
from django.core import mail

from shisaku.accounts.permissions import PermissionDenied
from shisaku.audit.models import AuditEntry
from shisaku.cli import main
from shisaku.evaluation import services
from shisaku.evaluation.models import Evaluation, StageDeadline
from shisaku.evaluation.queries import cycle_overview
from shisaku.evaluation.reminders import reminders
from shisaku.evaluation.services import EvaluationError
from shisaku.evaluation.transitions import transition
from shisaku.plan import editing
from tests.test_evaluation_setup import DOBOKU, KOSODATE, SLUG, TOWN, YEAR, build_town

TODAY = date(2025, 7, 3)
DEADLINES = {
    "submitted": date(2025, 6, 30),  # passed on TODAY
    "approved": date(2025, 7, 8),  # in 5 days: soon
    "reviewed": date(2025, 7, 31),  # later
    "committee": date(2025, 7, 9),  # in 6 days: soon
    "published": date(2025, 10, 31),
}


@pytest.fixture
def town(db, operator):
    return build_town(operator)


def step(town, code, *moves):
    row = Evaluation.objects.get(node__code=code, fiscal_year=YEAR)
    for who, action in moves:
        row.refresh_from_db()
        transition(
            actor=town[who],
            evaluation_id=row.pk,
            action=action,
            comment="",
            expected_version=row.version,
        )


@pytest.fixture
def scheduled(town):
    """1-1-1 draft (submission late), 1-1-2 submitted (approval soon), 1-1-3 approved."""
    for stage, due in DEADLINES.items():
        services.set_stage_deadline(
            actor=town["kikaku"],
            municipality_code=TOWN,
            plan=SLUG,
            fiscal_year=YEAR,
            stage=stage,
            due=due,
        )
    step(town, "1-1-2", ("doboku", "submit"))
    step(town, "1-1-3", ("kosodate", "submit"), ("kacho", "approve"))
    return town


# --- opening a year ------------------------------------------------------------------------


def test_opening_a_year_again_creates_nothing_new(town):
    again = services.open_year(
        actor=town["kikaku"], municipality_code=TOWN, plan=SLUG, fiscal_year=YEAR
    )
    assert (again.created, again.existing) == ([], ["1-1-1", "1-1-2", "1-1-3"])
    assert Evaluation.objects.filter(fiscal_year=YEAR).count() == 3
    assert AuditEntry.objects.filter(action="evaluation.open").count() == 3


def test_opening_another_year_creates_its_own_drafts(town):
    done = services.open_year(
        actor=town["kikaku"], municipality_code=TOWN, plan=None, fiscal_year=2026
    )
    assert done.created == ["1-1-1", "1-1-2", "1-1-3"]
    assert Evaluation.objects.count() == 6


def test_a_year_outside_the_plan_period_is_refused(town):
    with pytest.raises(EvaluationError, match="2024〜2028"):
        services.open_year(
            actor=town["kikaku"], municipality_code=TOWN, plan=SLUG, fiscal_year=2030
        )


@pytest.mark.parametrize("who", ["kosodate", "kacho", "iin"])
def test_only_the_planning_office_opens_a_year_and_sets_due_dates(town, who):
    with pytest.raises(PermissionDenied):
        services.open_year(actor=town[who], municipality_code=TOWN, plan=SLUG, fiscal_year=2026)
    with pytest.raises(PermissionDenied):
        services.set_stage_deadline(
            actor=town[who],
            municipality_code=TOWN,
            plan=SLUG,
            fiscal_year=YEAR,
            stage="submitted",
            due=TODAY,
        )


def test_a_draft_follows_its_measures_new_department_when_the_year_is_reopened(town, operator):
    editing.assign_department(
        actor=operator, municipality_code=TOWN, slug=SLUG, node_code="1-1-3", department=DOBOKU
    )
    step(town, "1-1-1", ("kosodate", "submit"))
    editing.assign_department(
        actor=operator, municipality_code=TOWN, slug=SLUG, node_code="1-1-1", department=DOBOKU
    )
    done = services.open_year(actor=operator, municipality_code=TOWN, plan=SLUG, fiscal_year=YEAR)
    assert done.reassigned == ["1-1-3"]
    assert town.evaluation("1-1-3").department == DOBOKU
    assert town.evaluation("1-1-1").department == KOSODATE  # submitted: left as it was


def test_an_unknown_stage_is_refused_with_the_stages(town):
    with pytest.raises(EvaluationError, match="submitted"):
        services.set_stage_deadline(
            actor=town["kikaku"],
            municipality_code=TOWN,
            plan=SLUG,
            fiscal_year=YEAR,
            stage="draft",
            due=TODAY,
        )


def test_setting_a_due_date_again_replaces_it_and_is_audited(scheduled):
    services.set_stage_deadline(
        actor=scheduled["kikaku"],
        municipality_code=TOWN,
        plan=SLUG,
        fiscal_year=YEAR,
        stage="submitted",
        due=date(2025, 7, 10),
    )
    assert StageDeadline.objects.get(stage="submitted").due == date(2025, 7, 10)
    entry = AuditEntry.objects.filter(action="evaluation.deadline").first()
    assert (entry.before, entry.after) == ({"due": "2025-06-30"}, {"due": "2025-07-10"})


# --- the overview ----------------------------------------------------------------------------


def test_the_overview_gives_each_measure_its_next_stage_due_date_and_late_flag(scheduled):
    overview = cycle_overview(scheduled.plan.id, YEAR, TODAY)
    rows = [
        (r.measure_code, r.department, r.status, r.next_stage, r.due, r.late, r.soon)
        for r in overview.rows
    ]
    assert rows == [
        ("1-1-1", KOSODATE, "draft", "submitted", date(2025, 6, 30), True, False),
        ("1-1-2", DOBOKU, "submitted", "approved", date(2025, 7, 8), False, True),
        ("1-1-3", KOSODATE, "approved", "reviewed", date(2025, 7, 31), False, False),
    ]
    assert [r.measure_code for r in overview.late] == ["1-1-1"]
    assert overview.fiscal_year_label == "2025年度（令和7年度）"


def test_the_overview_totals_each_department(scheduled):
    overview = cycle_overview(scheduled.plan.id, YEAR, TODAY)
    totals = {d.department: (d.total, d.by_status, d.late, d.soon) for d in overview.departments}
    assert totals == {
        KOSODATE: (2, {"draft": 1, "approved": 1}, 1, 0),
        DOBOKU: (1, {"submitted": 1}, 0, 1),
    }


def test_nothing_is_late_on_the_due_day_or_without_due_dates(town):
    rows = cycle_overview(town.plan.id, YEAR, date(2099, 1, 1)).rows
    assert [(r.due, r.late) for r in rows] == [(None, False)] * 3
    assert not any(r.late for r in cycle_overview(town.plan.id, YEAR, date(2025, 6, 30)).rows)


def test_a_published_evaluation_has_no_next_stage(scheduled):
    step(scheduled, "1-1-3", ("kikaku", "review"), ("kikaku", "refer"), ("kikaku", "publish"))
    row = cycle_overview(scheduled.plan.id, YEAR, date(2026, 1, 1)).rows[2]
    assert (row.status, row.next_stage, row.due, row.late) == ("published", None, None, False)


# --- reminders -------------------------------------------------------------------------------


def test_reminders_go_to_the_people_holding_late_or_soon_evaluations(scheduled):
    planned = {
        r.username: [i.measure_code for i in r.items]
        for r in reminders(scheduled.plan, YEAR, TODAY)
    }
    # 1-1-1 draft (late): 子育て支援課 editors and manager, not the one without e-mail;
    # 1-1-2 submitted (soon): 土木課; 1-1-3 approved (due later): nobody
    assert planned == {
        "kosodate": ["1-1-1"],
        "kacho": ["1-1-1"],
        "doboku": ["1-1-2"],
        "dobokukacho": ["1-1-2"],
    }


def test_the_planning_office_and_the_reviewers_are_reminded_at_their_stages(scheduled):
    step(scheduled, "1-1-2", ("dobokukacho", "approve"))  # → approved: review due 7-31
    step(scheduled, "1-1-3", ("kikaku", "review"))  # → reviewed: committee due 7-09 (soon)
    step(scheduled, "1-1-1", ("kosodate", "submit"), ("kacho", "approve"), ("kikaku", "review"))
    step(scheduled, "1-1-1", ("kikaku", "refer"))  # → committee: publication due 10-31
    late = date(2025, 11, 1)
    planned = {
        r.username: [i.measure_code for i in r.items] for r in reminders(scheduled.plan, YEAR, late)
    }
    assert planned == {"kikaku": ["1-1-3", "1-1-2"], "iin": ["1-1-1"]}  # earliest due first


def test_remind_sends_exactly_one_japanese_e_mail_per_person(scheduled, capsys):
    code = main(
        ["remind", "--municipality", TOWN, "--year", str(YEAR), "--today", TODAY.isoformat()]
    )
    assert code == 0
    assert sorted(m.to[0] for m in mail.outbox) == [
        "doboku@example.jp",
        "dobokukacho@example.jp",
        "kacho@example.jp",
        "kosodate@example.jp",
    ]
    message = next(m for m in mail.outbox if m.to == ["kosodate@example.jp"])
    assert message.subject == (
        "【Shisaku】2025年度（令和7年度）施策評価の期限のお知らせ（期限超過 1件・期限間近 0件）"
    )
    assert "kosodate 様" in message.body
    assert "■ 期限超過（1件）" in message.body
    assert "・1-1-1 相談支援の充実（子育て支援課）" in message.body
    assert "現在: 作成中　次: 提出　期限: 2025年6月30日（令和7年6月30日）" in message.body
    assert "期限: 2025年6月30日（令和7年6月30日）" in message.body
    assert message.from_email == "shisaku@localhost"
    assert "4通のお知らせを送信しました" in capsys.readouterr().out
    assert AuditEntry.objects.get(action="evaluation.remind").after["recipients"]


def test_remind_dry_run_sends_nothing_and_shows_what_it_would_send(scheduled, capsys):
    code = main(
        [
            "remind",
            "--municipality",
            TOWN,
            "--plan",
            SLUG,
            "--year",
            str(YEAR),
            "--today",
            TODAY.isoformat(),
            "--dry-run",
        ]
    )
    assert code == 0
    assert mail.outbox == []
    out = capsys.readouterr().out
    assert "（試行）宛先: kosodate <kosodate@example.jp>  1件" in out
    assert "（試行）4通（送信はしていません）" in out
    assert not AuditEntry.objects.filter(action="evaluation.remind").exists()


def test_nothing_due_means_no_e_mail(town, capsys):
    assert main(["remind", "--municipality", TOWN, "--year", str(YEAR)]) == 0
    assert mail.outbox == []
    assert "0通" in capsys.readouterr().out


# --- the other commands ----------------------------------------------------------------------


def test_open_year_command_is_idempotent(town, capsys):
    assert main(["open-year", "--municipality", TOWN, "--year", "2026"]) == 0
    assert main(["open-year", "--municipality", TOWN, "--year", "2026"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "2026年度（令和8年度）の施策評価: 新規 3件・既存 0件",
        "2026年度（令和8年度）の施策評価: 新規 0件・既存 3件",
    ]


def test_open_year_command_explains_a_year_outside_the_plan(town, capsys):
    assert main(["open-year", "--municipality", TOWN, "--year", "2035"]) == 2
    assert "計画期間" in capsys.readouterr().err


def test_evaluation_deadline_command_sets_a_due_date(town, capsys):
    args = ["stage-deadline", "--municipality", TOWN, "--year", str(YEAR)]
    assert main([*args, "--stage", "submitted", "--due", "2025-06-30"]) == 0
    assert StageDeadline.objects.get().due == date(2025, 6, 30)
    assert "2025年6月30日（令和7年6月30日）" in capsys.readouterr().out


def test_evaluation_status_prints_the_overview_table(scheduled, capsys):
    args = ["evaluation-status", "--municipality", TOWN, "--year", str(YEAR)]
    assert main([*args, "--today", TODAY.isoformat()]) == 0
    out = capsys.readouterr().out
    assert "2025年度（令和7年度）の施策評価" in out
    line = next(x for x in out.splitlines() if x.startswith("1-1-1"))
    assert "相談支援の充実" in line and "作成中" in line and "2025-06-30" in line
    assert line.endswith("期限超過")
    assert next(x for x in out.splitlines() if x.startswith("1-1-2")).endswith("期限間近")
    assert f"  {KOSODATE}: 2件（作成中 1 / 一次評価済 1）期限超過 1・期限間近 0" in out


def test_evaluation_status_says_when_no_year_is_open(town, capsys):
    assert main(["evaluation-status", "--municipality", TOWN, "--year", "2027"]) == 0
    assert "shisaku open-year" in capsys.readouterr().out
