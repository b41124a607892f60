"""Each role lands where its work is, in Chromium: the manager and the reviewer sign in and land
on 「あなたの作業」, read the sheet before the link that acts on it, and the reviewer writes the
committee's opinion in its one place (asked before leaving with it unsaved). No axe violation.
Data: the fictional 試験市 of tests/test_evaluation_setup.py.
"""

import pytest

from tests.browser.test_staff_forms_journeys import asked_when_leaving, no_violations, type_into
from tests.browser.test_staff_workspace import sign_in
from tests.test_evaluation_setup import TOWN
from tests.test_staff_evaluation_support import SHEET, advance, fill, town_fixture  # noqa: F401

WORK = f"/ja/staff/{TOWN}/"
OPINION = "市民への周知を一層進められたい。"


@pytest.fixture
def site(transactional_db, live_server, town):
    return live_server.url


def land(page, site, who: str, language: str = "ja") -> None:
    page.context.clear_cookies()
    sign_in(page, site, who, language)  # the sign-in goes to the member's landing page
    page.wait_for_url(lambda url: url.endswith("/my-work/"))


def test_the_manager_lands_on_the_sheet_to_approve_content_first(site, page, town):
    fill(town, results_ja="相談件数が150件に増えた。")
    advance(town, "submitted")
    land(page, site, "kacho")
    article = page.locator("article.waiting").first
    words = article.inner_text()
    assert words.index("相談件数が150件に増えた。") < words.index("承認または差戻しをする")
    no_violations(page, "the manager's landing page")
    with page.expect_navigation():
        article.locator("a:has-text('承認または差戻しをする')").click()
    assert page.url.endswith(SHEET + "#workflow")
    assert page.is_visible("#step-approve")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_landing_page_has_no_axe_violations_in_both_languages(site, page, town, language):
    advance(town, "committee")
    land(page, site, "iin", language)
    no_violations(page, f"the reviewer's landing page ({language})")


def test_the_reviewer_lands_reads_and_writes_the_opinion_in_one_place(site, page, town):
    fill(town, results_ja="相談件数が150件に増えた。")
    advance(town, "committee")
    land(page, site, "iin")
    assert "相談件数が150件に増えた。" in page.inner_text("article.waiting")
    with page.expect_navigation():
        page.click("article.waiting a:has-text('外部評価の意見を書く')")
    assert page.locator("#step-comment").count() == 0  # no second place for the opinion
    type_into(page, "#id_committee-committee_opinion_ja", OPINION)
    assert asked_when_leaving(page, "nav.workspace-nav >> text=あなたの作業")
    assert page.input_value("#id_committee-committee_opinion_ja") == OPINION
    with page.expect_navigation():
        page.click("#committee-form button[type=submit]")
    assert town.evaluation().committee_opinion_ja == OPINION
    assert page.input_value("#id_committee-committee_opinion_ja") == OPINION  # shown again
    no_violations(page, "the sheet after the opinion")
    # back on the landing page, the sheet still waits for the committee (the opinion may change)
    page.click("nav.workspace-nav >> text=あなたの作業")
    page.wait_for_url(lambda url: url.endswith("/my-work/"))
    assert page.locator("article.waiting").count() == 1


@pytest.mark.parametrize("language", ["ja", "en"])
def test_a_clerk_adds_a_programme_and_a_refusal_keeps_what_was_typed(site, page, town, language):
    page.context.clear_cookies()
    sign_in(page, site, "kosodate", language)
    page.goto(site + SHEET.replace("/ja/", f"/{language}/") + "new-programme/")
    no_violations(page, f"the programme form ({language})")
    type_into(page, "#id_code", "P-03")
    type_into(page, "#id_name_ja", "子育て相談の夜間窓口事業")
    type_into(page, "#id_period_start", "2029")
    type_into(page, "#id_period_end", "2026")  # a mistake: the period runs backwards
    assert asked_when_leaving(page, "p.back a")
    with page.expect_navigation():
        page.click("#programme-form button.primary")
    assert page.input_value("#id_name_ja") == "子育て相談の夜間窓口事業"
    no_violations(page, f"the refused programme form ({language})")
    page.fill("#id_period_start", "2025")
    with page.expect_navigation():
        page.click("#programme-form button.primary")
    assert page.url.endswith("#programmes")
    assert "P-03" in page.inner_text("#programmes")
