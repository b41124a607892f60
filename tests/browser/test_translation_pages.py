"""English translation in Chromium: the workspace page (progress, downloads, preview) and the
public English page with its one notice of untranslated content, axe-clean at 1280 and 390 px
in both languages; the planning office applies a contractor's file and the English shows."""

from __future__ import annotations

import pytest

from tests.browser.conftest import PHONE_AND_DESKTOP, axe_violations, describe
from tests.browser.test_staff_workspace import sign_in
from tests.test_staff_support import BASE, town_fixture  # noqa: F401
from tests.test_staff_translation import ENGLISH, filled

PUBLIC = "/{}/999997/2024-2028/1-1/"


@pytest.fixture
def site(transactional_db, live_server, town):
    return live_server.url


def check_and_preview(page, site, language: str) -> None:
    """Upload the untranslated texts with two filled in; stop at the preview."""
    here = site + BASE.replace("/ja/", f"/{language}/") + "translation/"
    page.goto(here)
    data = page.request.get(here + "export.xliff?only=untranslated").body()
    back = filled(data, ENGLISH)
    page.set_input_files(
        "#id_file",
        files=[{"name": "back.xlf", "mimeType": "application/xliff+xml", "buffer": back}],
    )
    page.locator("form[enctype] button[type=submit]").click()
    page.wait_for_selector("table.translation-preview")


@pytest.mark.parametrize("language", ["ja", "en"])
def test_the_translation_page_and_its_preview_have_no_axe_violations(site, browser, language):
    found = {}
    for width in PHONE_AND_DESKTOP:
        context = browser.new_context(viewport={"width": width, "height": 900})
        page = context.new_page()
        sign_in(page, site, "kikaku", language)
        page.goto(site + BASE.replace("/ja/", f"/{language}/") + "translation/")
        found[(width, "page")] = axe_violations(page)
        check_and_preview(page, site, language)
        found[(width, "preview")] = axe_violations(page)
        wide = page.evaluate("document.documentElement.scrollWidth")
        assert wide <= width, (width, wide)
        context.close()
    assert {k: describe(v) for k, v in found.items() if v} == {}


def test_applied_english_replaces_the_japanese_and_leaves_the_notice(site, page, browser):
    page.goto(site + PUBLIC.format("en"))
    before = page.inner_text(".untranslated-notice")
    assert before.startswith("Not yet translated on this page: policy titles (1),")
    sign_in(page, site, "kikaku")
    check_and_preview(page, site, "ja")
    page.get_by_role("button", name="この英訳を反映する").click()
    page.wait_for_selector("text=英訳 2 件を保存しました。")
    page.goto(site + PUBLIC.format("en"))
    assert page.inner_text("h1") == "1-1 Peace of mind in daily life"
    notice = page.inner_text(".untranslated-notice")
    assert "policy titles" not in notice and "passages of plan text (2)" in notice
    for width in PHONE_AND_DESKTOP:
        context = browser.new_context(viewport={"width": width, "height": 900})
        tab = context.new_page()
        for language in ("en", "ja"):
            tab.goto(site + PUBLIC.format(language))
            assert describe(axe_violations(tab)) == describe([]), (width, language)
        context.close()
