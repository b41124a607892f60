"""The four journeys of issue 4 in Chromium: a citizen, two department editors, the planning office.

Data: the fictional 試験市 (999997) of tests/test_staff_support.py: indicator K1 相談件数
(子育て支援課) on measure 1-1-1, target 120件 in FY2028, actual 100件 in FY2024.
"""

import csv
import io

import pytest

from shisaku.indicators.models import Figure
from tests.browser.test_staff_workspace import sign_in
from tests.test_staff_support import BASE, town_fixture  # noqa: F401

PUBLIC = "/ja/999997/2024-2028/"


@pytest.fixture
def site(transactional_db, live_server, town):
    return live_server.url


def test_a_citizen_goes_from_the_plan_to_an_indicator_and_downloads_its_csv(site, page):
    page.goto(f"{site}/ja/")
    page.click("text=試験市総合計画")
    page.click("a:has-text('暮らしの安心')")
    page.click("a:has-text('相談支援の充実')")
    page.click("a:has-text('相談件数')")
    assert page.url == f"{site}{PUBLIC}indicators/K1/"
    assert page.locator("h1").inner_text().endswith("相談件数")
    with page.expect_download() as download:
        page.click("a[href$='index.csv']")
    rows = list(csv.reader(io.StringIO(download.value.path().read_text(encoding="utf-8-sig"))))
    assert [(r[3], r[4], r[8], r[9]) for r in rows] == [
        ("kind", "period", "value", "as_written"),
        ("target", "FY2028", "120", "120件"),
        ("actual", "FY2024", "100", "100件"),
    ]


def grade_on_public_page(page, site):
    page.goto(f"{site}{PUBLIC}indicators/K1/")
    return page.locator(".grade-result .grade").first.inner_text().strip()


def test_a_department_editor_records_an_actual_and_sees_the_grade_change(site, page):
    assert grade_on_public_page(page, site) == "B"  # 100 ÷ 120 = 83.3 %
    sign_in(page, site, "kosodate")
    page.goto(site + BASE + "indicators/K1/")
    page.select_option("#id_kind", "actual")
    page.fill("#id_period", "2025年度")
    page.fill("#id_value", "125件")
    page.click("button[value=save]")
    page.wait_for_selector("text=保存しました: 2025年度（令和7年度） の実績値。")
    assert grade_on_public_page(page, site) == "A"  # FY2025: 125 ÷ 120 ≥ 100 %


def test_an_editor_of_another_department_is_refused(site, page):
    sign_in(page, site, "doboku")
    response = page.goto(site + BASE + "indicators/K1/")
    assert response.status == 200
    assert (
        page.locator("#id_value").count() == 0
    )  # no entry form for another department's indicator
    token = next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")
    response = page.request.post(
        site + BASE + "indicators/K1/",
        form={"action": "save", "kind": "actual", "period": "2025年度", "value": "1件"},
        headers={"X-CSRFToken": token, "Referer": site + BASE},
    )
    assert response.status == 403
    assert "企画課にお問い合わせください" in response.text()  # refused by role, not by CSRF
    assert not Figure.objects.filter(period="FY2025").exists()


def test_the_planning_office_publishes_a_draft(site, page):
    sign_in(page, site, "fukushi")
    page.goto(site + BASE + "text/1-1-1/")
    page.fill("#t-description-0-ja-text", "相談支援を一層充実します。")
    page.click("#t-description-0-ja-save")
    page.wait_for_selector("#t-description-0-ja .badge.draft")
    page.goto(f"{site}{PUBLIC}1-1-1/")
    assert "一層充実" not in page.inner_text("main")  # a draft is not public
    page.context.clear_cookies()
    sign_in(page, site, "kikaku")
    page.goto(site + BASE + "drafts/")
    page.click("button:has-text('すべての下書きを公開')")
    page.wait_for_selector("[role=status]:has-text('本文 1 件を公開しました。')")
    page.goto(f"{site}{PUBLIC}1-1-1/")
    assert "相談支援を一層充実します。" in page.inner_text("main")
