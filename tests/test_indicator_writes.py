"""Recording one figure: department permissions, validation by field, revisions, conflicts."""

import pytest

from shisaku.accounts import services as accounts
from shisaku.accounts.permissions import PermissionDenied
from shisaku.domain.indicatordata import IndicatorBatch, IndicatorDefinition
from shisaku.indicators import services
from shisaku.indicators.models import Figure
from shisaku.indicators.services import BatchRejected, Conflict, FigureEntry
from tests.factories import figure

PASSWORD = "correct horse battery staple 42"


@pytest.fixture
def town(small_plan, operator):
    """試験市 (fictional) with one indicator owned by 子育て支援課 and three members."""
    batch = IndicatorBatch(
        definitions=[
            IndicatorDefinition(
                "999997",
                "2024-2028",
                "K1",
                "相談件数",
                "increase",
                node_code="1-1-1",
                unit="件",
                department="子育て支援課",
            ),
        ],
        figures=[figure("999997", "2024-2028", "K1", "target", "2028年度", "120件")],
    )
    services.apply_batch(actor=operator, batch=batch)
    ids = {
        name: accounts.create_user(
            actor=operator,
            username=name,
            password=PASSWORD,
            municipality_code="999997",
            role=role,
            department=dept,
        )
        for name, role, dept in [
            ("kikaku", "planning", ""),
            ("kosodate", "department", "子育て支援課"),
            ("doboku", "department", "土木課"),
            ("iin", "reviewer", ""),
        ]
    }
    return {name: accounts.actor_for(uid, name) for name, uid in ids.items()}


def entry(value="100件", **kw):
    return FigureEntry(
        "999997",
        "2024-2028",
        "K1",
        kw.pop("kind", "actual"),
        kw.pop("period", "2025年度"),
        value,
        **kw,
    )


@pytest.mark.parametrize("who", ["kikaku", "kosodate"])
def test_the_planning_office_and_the_owning_department_may_record_an_actual(town, who):
    result = services.record_figure(actor=town[who], entry=entry())
    assert result.figures_added == 1
    assert Figure.objects.get(kind="actual").entered_by == f"user:{who}"


@pytest.mark.parametrize("who", ["doboku", "iin"])
def test_another_department_or_a_reviewer_is_refused(town, who):
    with pytest.raises(PermissionDenied):
        services.record_figure(actor=town[who], entry=entry())
    assert not Figure.objects.filter(kind="actual").exists()


def test_another_departments_rows_in_a_bulk_upload_are_errors_at_their_rows(town):
    batch = IndicatorBatch(
        figures=[figure("999997", "2024-2028", "K1", "actual", "2025年度", "100件")]
    )
    with pytest.raises(BatchRejected) as refused:
        services.apply_batch(actor=town["doboku"], batch=batch)
    assert "権限がありません" in str(refused.value.errors[0])
    assert not Figure.objects.filter(kind="actual").exists()


def test_a_bad_value_is_refused_naming_the_field(town):
    with pytest.raises(BatchRejected) as refused:
        services.record_figure(actor=town["kosodate"], entry=entry("12..3件"))
    assert [e.place.column for e in refused.value.errors] == ["value"]


def test_a_correction_is_a_new_revision_and_the_old_one_is_kept(town):
    services.record_figure(actor=town["kosodate"], entry=entry("100件"))
    services.record_figure(actor=town["kikaku"], entry=entry("104件", expected_revision=1))
    rows = Figure.objects.filter(kind="actual").order_by("revision")
    assert [(r.raw, r.revision, r.is_current, r.entered_by) for r in rows] == [
        ("100件", 1, False, "user:kosodate"),
        ("104件", 2, True, "user:kikaku"),
    ]


def test_a_stale_edit_gets_a_conflict_not_a_silent_overwrite(town):
    services.record_figure(actor=town["kosodate"], entry=entry("100件"))
    services.record_figure(actor=town["kikaku"], entry=entry("104件", expected_revision=1))
    with pytest.raises(Conflict, match="版 1 → 2"):
        services.record_figure(actor=town["kosodate"], entry=entry("101件", expected_revision=1))
    assert Figure.objects.get(kind="actual", is_current=True).raw == "104件"


def test_an_api_token_stands_for_its_user_until_revoked(town, operator):
    user_id = town["kosodate"].user_id
    token = accounts.create_token(actor=operator, user_id=user_id, name="集計スクリプト")
    assert accounts.actor_for_token(token) == town["kosodate"]
    assert accounts.actor_for_token(token + "x") is None


def test_a_user_is_locked_after_five_failed_sign_ins(db):
    for _ in range(4):
        assert accounts.reserve_attempt("kikaku")
    assert not accounts.is_locked("kikaku")
    assert accounts.reserve_attempt("kikaku")
    assert accounts.is_locked("kikaku")
    assert not accounts.reserve_attempt("kikaku")  # a sixth attempt is refused, not tried
    accounts.clear_failures("kikaku")
    assert not accounts.is_locked("kikaku")
    assert accounts.reserve_attempt("kikaku")


def test_a_weak_password_is_refused(small_plan, operator):
    with pytest.raises(accounts.AccountError):
        accounts.create_user(
            actor=operator,
            username="weak",
            password="1234",
            municipality_code="999997",
            role="viewer",
        )


def test_production_settings_hash_passwords_with_scrypt():
    from shisaku import settings as production

    assert production.PASSWORD_HASHERS[0] == "django.contrib.auth.hashers.ScryptPasswordHasher"


def test_createuser_and_createtoken_from_the_command_line(small_plan, capsys, monkeypatch):
    import io

    from shisaku.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    args = [
        "createuser",
        "sato",
        "--municipality",
        "999997",
        "--role",
        "department",
        "--department",
        "土木課",
    ]
    assert main([*args, "--password-stdin"]) == 0
    assert "利用者 sato を作成しました（999997、担当課）" in capsys.readouterr().out
    assert main(["createtoken", "sato", "--name", "集計"]) == 0
    token = capsys.readouterr().out.strip()
    assert accounts.actor_for_token(token).label == "user:sato"


def test_createuser_refuses_a_department_editor_without_a_department(
    small_plan, capsys, monkeypatch
):
    import io

    from shisaku.cli import main

    monkeypatch.setattr("sys.stdin", io.StringIO(PASSWORD + "\n"))
    code = main(
        [
            "createuser",
            "sato",
            "--municipality",
            "999997",
            "--role",
            "department",
            "--password-stdin",
        ]
    )
    assert code == 2
    assert "担当課・所属長の利用者には --department" in capsys.readouterr().err


def test_the_missing_list_shows_each_departments_gaps_and_deadline(town, operator):
    from datetime import date

    from shisaku.indicators.queries import entry_progress
    from shisaku.plan import queries

    services.set_deadline(
        actor=operator,
        municipality_code="999997",
        plan="2024-2028",
        fiscal_year=2025,
        department="子育て支援課",
        due=date(2026, 6, 30),
    )
    plan_id = queries.find_plan("999997").id
    [before] = entry_progress(plan_id, 2025, today=date(2026, 7, 1))
    assert (before.department, before.due, before.overdue, before.entered, before.total) == (
        "子育て支援課",
        date(2026, 6, 30),
        True,
        0,
        1,
    )
    services.record_figure(actor=town["kosodate"], entry=entry("100件"))
    [after] = entry_progress(plan_id, 2025, today=date(2026, 7, 1))
    assert (after.overdue, after.entered, [v.code for v in after.missing]) == (False, 1, [])
