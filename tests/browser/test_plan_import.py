"""The plan import page in a real browser: a planning user's journey, and no axe violations.

Upload a corpus document, see the preview, change a level (kept while the user leaves the page
and comes back), read again, import, land on the plan.  axe-core runs on the page in each of
its states: the upload form, a reading in progress, a document that cannot be read, the
preview, and the result.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from shisaku.plan.models import Plan
from shisaku.staff import planimport_jobs as jobs
from shisaku.staff import planimport_store as store
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_staff_workspace import sign_in
from tests.conftest import FIXTURES
from tests.test_staff_support import BASE, TOWN, town_fixture  # noqa: F401

KAZAMINO = FIXTURES / "plans" / "kihon-kazamino-seisaku.txt"
IMPORT = f"/ja/staff/{TOWN}/plan-import/"


@pytest.fixture
def site(transactional_db, live_server, town, settings, tmp_path):
    settings.HOME = tmp_path
    return live_server.url


def no_violations(page: Page, state: str) -> None:
    """Fail with axe's findings when the page in ``state`` has any."""
    found = axe_violations(page)
    assert found == [], f"{state}: {describe(found)}"


def upload(page: Page, site: str, path, name: str | None = None, data: bytes | None = None):
    """Choose a file on the upload page and read it."""
    page.goto(site + IMPORT)
    body = data or path.read_bytes()
    page.set_input_files("#id_file", {"name": name or path.name, "mimeType": "", "buffer": body})
    page.get_by_role("button", name="読み取る").click()
    page.wait_for_selector("h1:has-text('の読み取り結果')")


def test_a_planning_user_uploads_corrects_the_reading_and_imports_the_plan(site, page):
    sign_in(page, site, "kikaku")
    page.goto(site + BASE + "indicators/")
    page.get_by_role("link", name="計画書の取り込み").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("計画書の取り込み")
    no_violations(page, "upload")

    upload(page, site, KAZAMINO)
    expect(page.locator("#changes")).to_contain_text("新しい計画 999997/2022-2026 を作ります。")
    expect(page.locator(".outline").first).to_contain_text("1-1-1 相談支援体制の充実")
    no_violations(page, "preview")

    # a change not yet read again is kept while the user looks elsewhere and comes back
    page.select_option("#rows-level_2", "text")
    expect(page.locator("#draft-status")).to_contain_text("このセッションの間保存されます")
    page.get_by_role("link", name="計画書の取り込み").first.click()
    page.get_by_role("link", name="続きを見る").click()
    expect(page.locator("#rows-level_2")).to_have_value("text")

    page.get_by_role("button", name="読み直す", exact=True).click()
    page.wait_for_selector("h1:has-text('の読み取り結果')")
    expect(page.locator(".summary")).to_contain_text("政策分野 2 / 政策 0 / 施策 4")
    assert "1-1-1 相談支援体制の充実" not in page.inner_text(".outline")

    page.get_by_role("button", name="この内容で取り込む").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("計画を取り込みました")
    no_violations(page, "result")
    page.get_by_role("link", name="計画を開く").click()
    page.wait_for_url(re.compile(rf"/ja/staff/{TOWN}/2022-2026/"))
    plan = Plan.objects.get(municipality__code=TOWN, slug="2022-2026")
    assert plan.nodes.filter(code="1-1-1").count() == 0


def test_a_document_that_cannot_be_read_has_no_axe_violations(site, page):
    sign_in(page, site, "kikaku")
    bad = "1 くらし\n1-1 暮らしの安心\n本文です。\n1-1 暮らしの安全\n".encode()
    upload(page, site, KAZAMINO, name="bad.txt", data=bad)
    expect(page.locator("#failed-title")).to_have_text(
        "計画として読めませんでした。何も書き込んでいません。"
    )
    no_violations(page, "failed")


def test_a_reading_in_progress_shows_its_pages_and_then_the_preview(site, page):
    sign_in(page, site, "kikaku")
    upload(page, site, KAZAMINO)
    token = page.url.rstrip("/").rsplit("/", 1)[1]
    job = store.Pending(token, TOWN, KAZAMINO.name).job
    kept = jobs.status(job)
    jobs.cache.set(jobs.PREFIX + job, jobs.Reading("reading", 3, 200), 60)
    page.reload()
    expect(page.locator("#reading-progress")).to_contain_text("読み取り中: 3 / 200 ページ")
    no_violations(page, "reading")
    jobs.cache.set(jobs.PREFIX + job, jobs.Reading("reading", 150, 200), 60)
    expect(page.locator("#reading-progress")).to_contain_text("150 / 200", timeout=5000)
    jobs.cache.set(jobs.PREFIX + job, kept, 60)  # read: htmx reloads the page
    page.wait_for_selector("#changes", timeout=5000)
