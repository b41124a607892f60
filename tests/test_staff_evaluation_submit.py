"""Submitting a sheet never loses what was typed, and a submitted sheet never gets stuck.

The submit button lives with the sheet's form and saves what is on it first (one POST, one
transaction, with the version check); the fields the planning office requires (by default 成果
and 今後の方向性) are checked first and named; a department withdraws a submitted sheet, the
planning office pulls one back with a reason or approves it when the department has no manager;
approving a sheet whose indicators have no actual is asked once more.
"""

from __future__ import annotations

import pytest
from django.contrib.auth import get_user_model

from shisaku.audit.models import AuditEntry
from shisaku.evaluation import services
from shisaku.evaluation.models import SheetRules
from shisaku.evaluation.requirements import (
    DEFAULT_REQUIRED,
    Incomplete,
    required_to_submit,
    set_required_to_submit,
)
from shisaku.evaluation.services import EvaluationError
from shisaku.evaluation.transitions import transition
from shisaku.indicators.models import PeriodLock
from tests.test_evaluation_setup import SLUG, TOWN, YEAR
from tests.test_staff_evaluation_support import (  # noqa: F401
    OVERVIEW,
    SHEET,
    advance,
    as_user,
    plain,
    step_data,
    text,
    town_fixture,
    version,
)

RESULTS = "相談件数が150件に増えた。"


def default_rule(town) -> None:
    """Give the town's plan no rule of its own: the default applies (成果 and 方向性)."""
    SheetRules.objects.filter(plan_id=town.plan.id).delete()


def typed(seen: int, then: str = "submit", **values: str) -> dict:
    """Return the sheet form's POST as the browser sends it (every field, empty or typed)."""
    names = ["target", "intent", "results", "issues"]
    empty = {f"sheet-{n}_{lang}": "" for n in names for lang in ("ja", "en")}
    data = {"form": "sheet", "sheet-version": str(seen), **empty, "sheet-direction": ""}
    data |= {f"sheet-{k}": v for k, v in values.items()}
    return data | ({"then": then} if then else {})


def test_without_a_rule_of_its_own_a_plan_requires_results_and_direction(town):
    default_rule(town)
    assert required_to_submit(town.plan.id) == DEFAULT_REQUIRED == ("results_ja", "direction")


def test_the_submit_button_is_part_of_the_sheet_form_not_above_it(town):
    page = text(as_user("kosodate").get(SHEET))
    form = page.split('id="sheet-form"', 1)[1].split("</form>", 1)[0]
    assert 'name="then" value="submit"' in form
    assert 'id="step-submit"' not in page


def test_submitting_saves_what_was_typed_and_submits_in_one_step(town):
    default_rule(town)
    client = as_user("kosodate")
    response = client.post(
        SHEET + "save/", typed(version(town), results_ja=RESULTS, direction="expand")
    )
    assert response.status_code == 302
    row = town.evaluation()
    assert (row.status, row.results_ja, row.direction) == ("submitted", RESULTS, "expand")
    actions = list(AuditEntry.objects.order_by("id").values_list("action", flat=True))
    assert actions[-2:] == ["evaluation.edit", "evaluation.submit"]
    assert "入力した内容で評価シートを保存し、提出しました。" in text(
        client.get(response["Location"])
    )


def test_a_refused_submission_names_the_missing_fields_and_keeps_the_typed_text(town):
    default_rule(town)
    seen = version(town)
    response = as_user("kosodate").post(
        SHEET + "save/", typed(seen, results_ja=RESULTS, issues_ja="夜間の相談体制")
    )
    assert response.status_code == 400
    page = text(response)
    assert "先に今後の方向性を記入してください。入力した内容はフォームに残っています。" in page
    assert "提出する前に記入してください。" in page
    assert RESULTS in page.split('id="sheet-form"', 1)[1]
    assert "夜間の相談体制" in page
    assert "data-unsaved" in page  # leaving the page is asked first
    row = town.evaluation()
    assert (row.status, row.results_ja, row.version) == ("draft", "", seen)  # nothing written


def test_the_refusal_names_the_fields_in_english_too(town):
    default_rule(town)
    response = as_user("kosodate").post(
        SHEET.replace("/ja/", "/en/", 1) + "save/", typed(version(town))
    )
    assert "fill in Results (Japanese), Direction for the coming years first" in text(response)


def test_saving_a_draft_still_needs_nothing_filled_in(town):
    default_rule(town)
    response = as_user("kosodate").post(
        SHEET + "save/", typed(version(town), then="", issues_ja="x")
    )
    assert response.status_code == 302
    assert (town.evaluation().status, town.evaluation().issues_ja) == ("draft", "x")


def test_submitting_on_a_stale_page_writes_nothing_and_keeps_the_text(town):
    default_rule(town)
    seen = version(town)
    services.update_evaluation(
        actor=town["kikaku"],
        evaluation_id=town.evaluation().pk,
        expected_version=seen,
        changes={"issues_ja": "先に書いた"},
    )
    response = as_user("kosodate").post(
        SHEET + "save/", typed(seen, results_ja=RESULTS, direction="expand")
    )
    assert response.status_code == 409
    assert RESULTS in text(response)
    row = town.evaluation()
    assert (row.status, row.results_ja) == ("draft", "")


def test_the_service_refuses_a_submission_without_the_required_fields(town):
    default_rule(town)
    row = town.evaluation()
    with pytest.raises(Incomplete, match="成果、今後の方向性") as refused:
        transition(
            actor=town["kosodate"],
            evaluation_id=row.pk,
            action="submit",
            expected_version=row.version,
        )
    assert refused.value.missing == ["results_ja", "direction"]
    assert town.evaluation().status == "draft"


def test_the_planning_office_sets_the_required_fields_audited(town):
    set_required_to_submit(
        actor=town["kikaku"], municipality_code=TOWN, plan=SLUG, fields=["issues_ja"]
    )
    assert required_to_submit(town.plan.id) == ("issues_ja",)
    entry = AuditEntry.objects.filter(action="evaluation.rules").order_by("id").last()
    assert entry.after == {"required_to_submit": ["issues_ja"]}
    with pytest.raises(EvaluationError, match="指定できる項目"):
        set_required_to_submit(
            actor=town["kikaku"], municipality_code=TOWN, plan=SLUG, fields=["budget"]
        )


def test_a_department_withdraws_a_submitted_sheet_before_review(town):
    advance(town, "submitted")
    response = as_user("kosodate").post(SHEET + "step/", step_data("withdraw", version(town)))
    assert response.status_code == 302
    assert town.evaluation().status == "draft"
    assert AuditEntry.objects.filter(action="evaluation.withdraw").count() == 1


def test_the_planning_office_pulls_a_sheet_back_with_a_reason_after_confirming(town):
    advance(town, "submitted")
    client = as_user("kikaku")
    refused = client.post(SHEET + "step/", step_data("recall", version(town), ""))
    assert refused.status_code == 400
    asked = client.post(SHEET + "step/", step_data("recall", version(town), "数値の確認のため"))
    assert "引き戻すと、所属長が評価する前の提出済みシートを担当課に戻します" in text(asked)
    assert town.evaluation().status == "submitted"
    data = step_data("recall", version(town), "数値の確認のため", confirmed="True")
    assert client.post(SHEET + "step/", data).status_code == 302
    assert town.evaluation().status == "returned"
    entry = AuditEntry.objects.get(action="evaluation.recall")
    assert "数値の確認のため" in entry.summary


def without_kacho() -> None:
    get_user_model().objects.filter(username="kacho").update(is_active=False)


def test_the_overview_says_when_a_department_has_no_manager(town):
    assert "所属長なし" not in text(as_user("kikaku").get(OVERVIEW + f"?year={YEAR}"))
    advance(town, "submitted")
    without_kacho()
    page = plain(text(as_user("kikaku").get(OVERVIEW + f"?year={YEAR}")))
    assert "所属長のアカウントがないため、評価シートを承認できる人がいません: 子育て支援課" in page
    assert "所属長なし" in page


def test_the_planning_office_approves_in_the_managers_stead_only_without_a_manager(town):
    advance(town, "submitted")
    row = town.evaluation()
    with pytest.raises(EvaluationError, match="所属長のアカウントがあります"):
        transition(
            actor=town["kikaku"],
            evaluation_id=row.pk,
            action="stand_in",
            comment="代行",
            expected_version=row.version,
        )
    without_kacho()
    client = as_user("kikaku")
    assert 'id="step-stand_in"' in text(client.get(SHEET))
    data = step_data("stand_in", version(town), "所属長不在のため企画課が確認", confirmed="True")
    assert client.post(SHEET + "step/", data).status_code == 302
    assert town.evaluation().status == "approved"
    assert PeriodLock.objects.filter(fiscal_year=YEAR).exists()
    assert AuditEntry.objects.filter(action="evaluation.stand_in").count() == 1


def test_approving_a_sheet_whose_indicators_have_no_actual_is_asked_once_more(town):
    services.open_year(actor=town["kikaku"], municipality_code=TOWN, plan=SLUG, fiscal_year=2026)
    sheet = SHEET.replace(f"/{YEAR}/", "/2026/")
    row = town.evaluation(year=2026)
    transition(
        actor=town["kosodate"], evaluation_id=row.pk, action="submit", expected_version=row.version
    )
    client = as_user("kacho")
    seen = town.evaluation(year=2026).version
    asked = client.post(sheet + "step/", step_data("approve", seen, "確認した"))
    page = plain(text(asked))
    assert "すべて「X 実績なし」です。" in page
    assert "その後に数値を変えられるのは、評価を再開する企画課だけです。" in page
    assert town.evaluation(year=2026).status == "submitted"
    done = client.post(sheet + "step/", step_data("approve", seen, "確認した", confirmed="True"))
    assert done.status_code == 302
    assert town.evaluation(year=2026).status == "approved"
    assert town.evaluation(year=2026).first_comment_ja == "確認した"


def test_approving_a_sheet_with_actuals_is_not_asked_again(town):
    advance(town, "submitted")
    response = as_user("kacho").post(SHEET + "step/", step_data("approve", version(town), "良"))
    assert response.status_code == 302
    assert town.evaluation().status == "approved"


def test_the_planning_office_sets_the_required_fields_on_the_overview(town):
    client = as_user("kikaku")
    page = text(client.get(OVERVIEW + f"?year={YEAR}"))
    assert 'name="required" value="results_ja"' in page
    data = {"year": str(YEAR), "required": ["results_ja", "issues_ja"]}
    response = client.post(OVERVIEW + "rules/", data)
    assert response.status_code == 302
    assert required_to_submit(town.plan.id) == ("results_ja", "issues_ja")
    shown = plain(text(as_user("kosodate").get(OVERVIEW + f"?year={YEAR}")))
    assert "提出に必要な項目 成果（日本語）、課題（日本語）" in shown


def test_only_the_planning_office_sets_the_required_fields(town):
    response = as_user("kosodate").post(OVERVIEW + "rules/", {"year": str(YEAR), "required": []})
    assert response.status_code == 403
    assert required_to_submit(town.plan.id) == ()
