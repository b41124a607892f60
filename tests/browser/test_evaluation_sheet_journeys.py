"""The evaluation sheet in Chromium: no typed text is lost on any path, and no axe violation.

The department clerk types 成果 and 方向性 and presses 提出する (saved and submitted with the
text); types again and tries to leave (asked first); a refused submission keeps the text; the
manager is warned before approving a sheet with no actual; the planning office pulls a sheet
back. Data: the fictional 試験市 of tests/test_evaluation_setup.py.
"""

import pytest
from django.contrib.auth import get_user_model

from shisaku.evaluation import services
from shisaku.evaluation.models import SheetRules
from shisaku.evaluation.transitions import transition
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_staff_workspace import sign_in
from tests.test_evaluation_setup import SLUG, TOWN, YEAR
from tests.test_staff_evaluation_support import (  # noqa: F401
    OVERVIEW,
    SHEET,
    advance,
    town_fixture,
)

RESULTS = "相談件数が150件に増えた。"
MORE = "夜間の相談体制を整えたい。"
SUBMIT = "#sheet-form button[name=then][value=submit]"


@pytest.fixture
def site(transactional_db, live_server, town):
    SheetRules.objects.filter(plan_id=town.plan.id).delete()  # the default: 成果 and 方向性
    return live_server.url


def no_violations(page, where: str) -> None:
    found = axe_violations(page)
    assert found == [], f"{where}: {describe(found)}"


def open_sheet(page, site, who: str, sheet: str = SHEET) -> None:
    page.context.clear_cookies()
    sign_in(page, site, who)
    page.goto(site + sheet)


def filled(town) -> None:
    """Fill in what the default rule requires, through the service, so the sheet can move on."""
    services.update_evaluation(
        actor=town["kosodate"],
        evaluation_id=town.evaluation().pk,
        expected_version=town.evaluation().version,
        changes={"results_ja": RESULTS, "direction": "maintain"},
    )


def type_into(page, selector: str, words: str) -> None:
    """Type as a person does (key by key), so the page counts as used."""
    page.click(selector)
    page.keyboard.type(words)


def asked_when_leaving(page, link: str = "p.back a") -> bool:
    """Follow the link back to the overview; return whether leaving was asked (and stay)."""
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()  # stay on the page

    page.on("dialog", answer)
    before = page.url
    page.click(link)
    page.wait_for_timeout(500)
    page.remove_listener("dialog", answer)
    if asked:
        assert page.url == before
    return asked == ["beforeunload"]


def test_the_clerk_submits_what_was_typed_and_nothing_is_lost(site, page, town):
    open_sheet(page, site, "kosodate")
    no_violations(page, "the sheet in draft")
    type_into(page, "#id_sheet-results_ja", RESULTS)
    page.select_option("#id_sheet-direction", "expand")
    with page.expect_navigation():
        page.click(SUBMIT)
    assert "入力した内容で評価シートを保存し、提出しました。" in page.inner_text("main")
    row = town.evaluation()
    assert (row.status, row.results_ja, row.direction) == ("submitted", RESULTS, "expand")
    assert RESULTS in page.inner_text("#form-sheet")
    no_violations(page, "the sheet submitted")


def test_leaving_with_unsaved_text_asks_first_and_keeps_it(site, page, town):
    open_sheet(page, site, "kosodate")
    assert not asked_when_leaving(page)  # nothing typed: leaving is not asked
    open_sheet(page, site, "kosodate")
    type_into(page, "#id_sheet-issues_ja", MORE)
    assert asked_when_leaving(page)
    assert page.input_value("#id_sheet-issues_ja") == MORE
    with page.expect_navigation():
        page.click("#sheet-form button:not([name])")  # 評価シートを保存
    assert town.evaluation().issues_ja == MORE
    assert not asked_when_leaving(page)  # saved: leaving is not asked
    page.goto(site + SHEET)
    assert page.input_value("#id_sheet-issues_ja") == MORE


def test_a_refused_submission_keeps_the_typed_text_and_names_what_is_missing(site, page, town):
    open_sheet(page, site, "kosodate")
    type_into(page, "#id_sheet-results_ja", RESULTS)
    with page.expect_navigation():
        page.click(SUBMIT)
    summary = page.inner_text(".error-summary")
    assert "先に今後の方向性を記入してください。" in summary
    assert page.input_value("#id_sheet-results_ja") == RESULTS
    assert town.evaluation().status == "draft"
    no_violations(page, "the refused submission")
    assert asked_when_leaving(page)  # still not saved: leaving is asked
    page.select_option("#id_sheet-direction", "maintain")
    with page.expect_navigation():
        page.click(SUBMIT)
    row = town.evaluation()
    assert (row.status, row.results_ja, row.direction) == ("submitted", RESULTS, "maintain")


def test_the_manager_is_warned_before_approving_a_sheet_with_no_actual(site, page, town):
    services.open_year(actor=town["kikaku"], municipality_code=TOWN, plan=SLUG, fiscal_year=2026)
    services.update_evaluation(
        actor=town["kosodate"],
        evaluation_id=town.evaluation(year=2026).pk,
        expected_version=1,
        changes={"results_ja": RESULTS, "direction": "maintain"},
    )
    row = town.evaluation(year=2026)
    transition(
        actor=town["kosodate"], evaluation_id=row.pk, action="submit", expected_version=row.version
    )
    sheet = SHEET.replace(f"/{YEAR}/", "/2026/")
    open_sheet(page, site, "kacho", sheet)
    page.fill("#step-approve textarea", "実績は未集計")
    with page.expect_navigation():
        page.click("#step-approve button[type=submit]")
    assert "すべて「X 実績なし」です。" in page.inner_text("#consequence")
    assert "実績は未集計" in page.inner_text("#consequence")
    no_violations(page, "the approval warning")
    assert town.evaluation(year=2026).status == "submitted"
    with page.expect_navigation():
        page.click("button.primary:has-text('承認する')")
    row = town.evaluation(year=2026)
    assert (row.status, row.first_comment_ja) == ("approved", "実績は未集計")


def test_the_planning_office_pulls_a_submitted_sheet_back(site, page, town):
    services.update_evaluation(
        actor=town["kosodate"],
        evaluation_id=town.evaluation().pk,
        expected_version=town.evaluation().version,
        changes={"results_ja": RESULTS, "direction": "maintain"},
    )
    advance(town, "submitted")
    open_sheet(page, site, "kikaku")
    page.fill("#step-recall textarea", "数値の確認のため")
    with page.expect_navigation():
        page.click("#step-recall button[type=submit]")
    assert "数値の確認のため" in page.inner_text("#consequence")
    no_violations(page, "the pull-back confirmation")
    with page.expect_navigation():
        page.click("button.primary:has-text('担当課に引き戻す')")
    row = town.evaluation()
    assert (row.status, row.results_ja) == ("returned", RESULTS)
    assert "数値の確認のため" in page.inner_text("#history")


def test_the_overview_names_a_department_without_a_manager(site, page, town):
    get_user_model().objects.filter(username="kacho").update(is_active=False)
    open_sheet(page, site, "kikaku", OVERVIEW + f"?year={YEAR}")
    assert "子育て支援課" in page.inner_text("#no-manager")
    no_violations(page, "the overview without a manager")


INDICATOR = f"/ja/staff/{TOWN}/{SLUG}/indicators/K1/"


def test_a_calendar_year_on_the_entry_form_is_asked_about_and_nothing_typed_is_lost(
    site, page, town
):
    open_sheet(page, site, "kosodate", INDICATOR)
    type_into(page, "#id_period", "令和5年")
    type_into(page, "#id_value", "90")
    type_into(page, "#id_note", "速報値")
    page.wait_for_selector("#basis-warning")  # the preview warns while typing
    with page.expect_navigation():
        page.click("#entry-form button[value=save]")
    assert "暦年（1月〜12月）として読み取りました" in page.inner_text(".error-summary")
    assert page.input_value("#id_value") == "90"
    assert page.input_value("#id_note") == "速報値"
    no_violations(page, "the year asked about")
    page.check("#id_confirm_basis")
    with page.expect_navigation():
        page.click("#entry-form button[value=save]")
    assert "保存しました" in page.inner_text("main")


def test_the_preview_of_a_locked_year_says_who_can_reopen_it(site, page, town):
    services.update_evaluation(
        actor=town["kosodate"],
        evaluation_id=town.evaluation().pk,
        expected_version=town.evaluation().version,
        changes={"results_ja": RESULTS, "direction": "maintain"},
    )
    advance(town, "approved")
    open_sheet(page, site, "kosodate", INDICATOR)
    type_into(page, "#id_period", "2025年度")
    type_into(page, "#id_value", "160")
    page.wait_for_selector("#preview .effect")
    effect = page.inner_text("#preview .effect")
    assert "ロックされています" in effect and "企画課だけ" in effect
    assert "新しい数値として追加します" not in effect
    no_violations(page, "the preview of a locked year")


def test_a_comment_typed_for_a_step_and_a_figure_typed_are_not_left_behind_unasked(
    site, page, town
):
    filled(town)
    advance(town, "submitted")
    open_sheet(page, site, "kacho")
    type_into(page, "#step-approve textarea", "成果は概ね順調")
    assert asked_when_leaving(page)
    assert page.input_value("#step-approve textarea") == "成果は概ね順調"
    open_sheet(page, site, "kosodate", INDICATOR)
    type_into(page, "#id_note", "速報値")
    assert asked_when_leaving(page, "nav.workspace-nav a[href$='/indicators/']")
    assert page.input_value("#id_note") == "速報値"
