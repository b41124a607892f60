"""The staff workspace in a real browser: no axe violations, and the htmx parts work by keyboard."""

import pytest

from shisaku.indicators.models import Figure
from shisaku.plan.models import ContentDraft
from tests.browser.conftest import axe_violations, describe
from tests.test_staff_support import BASE, PASSWORD, town_fixture  # noqa: F401

PAGES = [
    "?year=2024",
    "indicators/",
    "indicators/K1/",
    "indicators/K1/history/",
    "upload/",
    "text/",
    "text/1-1-1/",
    "drafts/",
    "departments/",
    "my-work/",
    "new-indicator/",
    "indicators/K1/edit/",
]


@pytest.fixture
def site(transactional_db, live_server, town):
    return live_server.url


def sign_in(page, site, username, language="ja"):
    page.goto(f"{site}/{language}/staff/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url(lambda url: "/login/" not in url)


@pytest.mark.parametrize("language", ["ja", "en"])
def test_every_workspace_page_has_no_axe_violations(site, page, language):
    page.goto(f"{site}/{language}/staff/login/")
    found = {"login/": axe_violations(page)}
    sign_in(page, site, "kikaku", language)
    for path in PAGES:
        page.goto(site + BASE.replace("/ja/", f"/{language}/") + path)
        found[path] = axe_violations(page)
    assert {p: describe(v) for p, v in found.items() if v} == {}


def test_typing_a_value_shows_the_preview_without_saving(site, page):
    sign_in(page, site, "kosodate")
    page.goto(site + BASE + "indicators/K3/")
    page.fill("#id_period", "令和6年度")
    page.locator("#id_value").press_sequentially("1,820人")
    page.wait_for_selector("#preview:has-text('数値 1820 人')")
    assert "2024年度（令和6年度）" in page.inner_text("#preview")
    # Enter in a field previews too (the first button), it does not save
    page.fill("#id_value", "△3人")
    page.press("#id_value", "Enter")
    page.wait_for_selector("#preview:has-text('数値 -3 人')")
    assert not Figure.objects.filter(indicator__code="K3").exists()


def test_saving_a_text_swaps_only_its_form_to_the_draft_state(site, page):
    sign_in(page, site, "fukushi")
    page.goto(site + BASE + "text/1-1-1/")
    page.fill("#t-description-0-ja-text", "相談支援を一層充実します。")
    page.focus("#t-description-0-ja-save")
    page.keyboard.press("Enter")
    page.wait_for_selector("#t-description-0-ja .badge.draft")
    assert page.url == site + BASE + "text/1-1-1/"
    assert "下書きを保存しました" in page.inner_text("#t-description-0-ja [role=status]")
    assert ContentDraft.objects.get().text == "相談支援を一層充実します。"
