"""The evaluation cycle in Chromium: no axe violations on its pages, and one sheet's whole journey.

Data: the fictional 試験市 (999997) of tests/test_evaluation_setup.py, FY2025 opened, with two
programmes under measure 1-1-1 (tests/test_staff_evaluation_support.py).
"""

import pytest

from tests.browser.conftest import axe_violations, describe
from tests.browser.test_staff_workspace import sign_in
from tests.test_evaluation_setup import SLUG, TOWN, YEAR
from tests.test_staff_evaluation_support import (  # noqa: F401
    OVERVIEW,
    SHEET,
    advance,
    town_fixture,
)

PAGES = [f"?year={YEAR}", f"{YEAR}/1-1-1/", f"{YEAR}/1-1-1/programmes/P-01/"]
PUBLIC = f"/ja/{TOWN}/{SLUG}/1-1-1/"


@pytest.fixture
def site(transactional_db, live_server, town):
    return live_server.url


def in_language(path: str, language: str) -> str:
    return path.replace("/ja/", f"/{language}/", 1)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_evaluation_pages_have_no_axe_violations(site, page, language):
    sign_in(page, site, "kikaku", language)
    found = {}
    for path in PAGES:
        page.goto(site + in_language(OVERVIEW, language) + path)
        found[path] = axe_violations(page)
    assert {p: describe(v) for p, v in found.items() if v} == {}


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_sheet_with_its_forms_errors_and_confirmation_has_no_axe_violations(
    site, page, town, language
):
    advance(town, "committee")
    sign_in(page, site, "iin", language)
    page.goto(site + in_language(SHEET, language))
    page.wait_for_selector("#form-committee textarea")  # the opinion's one place
    found = {"committee, the reviewer's form": axe_violations(page)}
    page.context.clear_cookies()
    sign_in(page, site, "kikaku", language)
    page.goto(site + in_language(SHEET, language))
    page.click("#step-reopen button[type=submit]")  # no reason typed: the error is shown
    page.wait_for_selector("#id_reopen-comment-error")
    found["reopen, with an error"] = axe_violations(page)
    page.click("#step-publish button[type=submit]")
    page.wait_for_selector("#consequence")
    found["confirmation"] = axe_violations(page)
    assert {p: describe(v) for p, v in found.items() if v} == {}


def take(page, action: str, comment: str = "") -> None:
    """Take a step from the sheet by keyboard: type the comment, focus the button, press Enter."""
    form = f"#step-{action}"
    if comment:
        page.fill(f"{form} textarea", comment)
    page.focus(f"{form} button[type=submit]")
    with page.expect_navigation():
        page.keyboard.press("Enter")


def as_person(page, site, name: str) -> None:
    page.context.clear_cookies()
    sign_in(page, site, name)
    page.goto(site + SHEET)


def test_a_sheet_goes_from_the_department_to_the_public_page(site, page, town):
    as_person(page, site, "kosodate")
    page.fill("#id_sheet-results_ja", "相談件数が150件に増えた。")
    page.fill("#id_sheet-issues_ja", "夜間の相談体制が十分でない。")
    page.select_option("#id_sheet-direction", "expand")
    with page.expect_navigation():
        page.click("#sheet-form button[name=then][value=submit]")  # saves, then submits
    assert "入力した内容で評価シートを保存し、提出しました。" in page.inner_text("[role=status]")

    as_person(page, site, "kacho")
    take(page, "approve", "成果は概ね順調")
    assert "この年度の数値はロックされています。" in page.inner_text("#locked")

    as_person(page, site, "kikaku")
    take(page, "review", "方向性は妥当")
    take(page, "refer")
    assert "外部評価中" in page.inner_text("main dl.facts")

    as_person(page, site, "iin")  # the opinion's one place: the sheet's opinion form
    page.fill("#id_committee-committee_opinion_ja", "市民への周知を一層進められたい")
    with page.expect_navigation():
        page.click("#committee-form button[type=submit]")

    as_person(page, site, "kikaku")
    take(page, "publish")
    assert page.locator("#consequence").is_visible()  # asked once more
    with page.expect_navigation():
        page.click("button.primary:has-text('公開する')")
    assert "評価シートの状態: 公開" in page.inner_text("[role=status]")

    page.context.clear_cookies()
    page.goto(site + PUBLIC)
    shown = page.inner_text("#s-evaluations")
    for expected in [
        "施策評価",
        "2025年度（令和7年度）",
        "拡充",
        "相談件数が150件に増えた。",
        "夜間の相談体制が十分でない。",
        "市民への周知を一層進められたい",
    ]:
        assert expected in shown
