"""Forms, not only files, in Chromium: nothing typed is lost, and no axe violation on any state.

A department clerk downloads the figures template, fills it in and uploads it; the planning office
creates an indicator by form (tries to leave, presses save with a mistake, corrects it), publishes
one draft of two and includes a policy in the education board's report. Data: the fictional
試験市 of tests/test_staff_support.py.
"""

import openpyxl
import pytest

from shisaku.indicators.models import Figure, Indicator
from shisaku.plan import editing
from shisaku.plan.models import ContentDraft, PlanNode
from tests.browser.conftest import axe_violations, describe
from tests.browser.test_staff_workspace import sign_in
from tests.test_staff_support import BASE, SLUG, TOWN, town_fixture  # noqa: F401


@pytest.fixture
def site(transactional_db, live_server, town, settings, tmp_path):
    settings.HOME = tmp_path
    return live_server.url


def no_violations(page, where: str) -> None:
    found = axe_violations(page)
    assert found == [], f"{where}: {describe(found)}"


def type_into(page, selector: str, words: str) -> None:
    """Type as a person does (key by key), so the page counts as used."""
    page.click(selector)
    page.keyboard.type(words)


def asked_when_leaving(page, link: str) -> bool:
    """Follow a link away; return whether leaving was asked (the answer is: stay)."""
    asked: list[str] = []

    def answer(dialog) -> None:
        asked.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", answer)
    before = page.url
    page.click(link)
    page.wait_for_timeout(500)
    page.remove_listener("dialog", answer)
    return asked == ["beforeunload"] and page.url == before


def test_the_clerk_fills_in_the_figures_template_and_uploads_it(site, page, tmp_path):
    sign_in(page, site, "kosodate")
    page.goto(site + BASE + "upload/")
    no_violations(page, "the upload page")
    with page.expect_download() as download:
        page.click("text=数値のひな形（xlsx）")
    path = tmp_path / "template.xlsx"
    download.value.save_as(path)
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == ["数値", "記入例", "説明"]
    book["数値"].append([TOWN, SLUG, "K3", "実績値", "令和6年度", "25人"])
    book.save(path)

    page.set_input_files("#id_file", str(path))
    with page.expect_navigation():
        page.click("button.primary:has-text('ファイルを確認')")
    preview = page.inner_text("main")
    assert "数値: 追加 1 件・修正 0 件・変更なし 0 件。" in preview
    assert "+ K3 実績値 2024年度（令和6年度）: 25人" in preview
    no_violations(page, "the preview")
    with page.expect_navigation():
        page.click("button.primary:has-text('この内容で反映')")
    assert "数値の追加 1 件" in page.inner_text("[role=status]")
    assert Figure.objects.get(indicator__code="K3", kind="actual").raw == "25人"


def test_the_planning_office_creates_an_indicator_by_form_and_nothing_typed_is_lost(site, page):
    sign_in(page, site, "kikaku")
    page.goto(site + BASE + "indicators/")
    with page.expect_navigation():
        page.click("text=指標の新規作成")
    no_violations(page, "the empty form")
    type_into(page, "#id_indicator_code", "K7")
    type_into(page, "#id_name", "放課後児童クラブの登録児童数")
    type_into(page, "#id_unit", "人")
    page.select_option("#id_direction", "increase")
    type_into(page, "#id_weight", "重い")  # a mistake

    # the wrong link: leaving is asked first, and staying keeps everything typed
    assert asked_when_leaving(page, "nav.workspace-nav >> text=指標")
    assert page.input_value("#id_name") == "放課後児童クラブの登録児童数"

    # saving with the mistake: refused, everything typed comes back, the error on its field
    with page.expect_navigation():
        page.click("button.primary:has-text('指標を保存')")
    assert page.input_value("#id_indicator_code") == "K7"
    assert page.input_value("#id_name") == "放課後児童クラブの登録児童数"
    assert page.input_value("#id_weight") == "重い"
    assert page.is_visible("#id_weight-error")
    assert not Indicator.objects.filter(code="K7").exists()
    no_violations(page, "the form with an error")
    # the page came back refused: leaving it is asked too
    assert asked_when_leaving(page, "nav.workspace-nav >> text=指標")

    page.fill("#id_weight", "2")
    with page.expect_navigation():
        page.click("button.primary:has-text('指標を保存')")
    assert page.url.endswith(BASE + "indicators/K7/")
    assert "指標 K7 を保存しました。" in page.inner_text("[role=status]")
    made = Indicator.objects.get(code="K7")
    assert (made.name_ja, made.unit, made.weight) == ("放課後児童クラブの登録児童数", "人", 2.0)

    with page.expect_navigation():
        page.click("text=定義を編集")
    assert page.input_value("#id_name") == "放課後児童クラブの登録児童数"
    no_violations(page, "the edit form")


def test_the_planning_office_publishes_one_draft_and_marks_education(site, page, operator):
    for ref, words in [
        (editing.TextRef("1-1-1", "", 0, "en"), "Counselling"),
        (editing.TextRef("1-1-1", "description", 0, "ja"), "相談支援を一層充実します。"),
    ]:
        editing.save_draft(actor=operator, municipality_code=TOWN, slug=SLUG, ref=ref, text=words)
    sign_in(page, site, "kikaku")
    page.goto(site + BASE + "drafts/")
    no_violations(page, "the drafts page")
    first = page.locator("section.draft").filter(has_text="英語")
    with page.expect_navigation():
        first.locator("button:has-text('この下書きだけを公開')").click()
    assert "本文 1 件を公開しました。" in page.inner_text("[role=status]")
    assert PlanNode.objects.get(code="1-1-1").title_en == "Counselling"
    assert list(ContentDraft.objects.values_list("text", flat=True)) == [
        "相談支援を一層充実します。"
    ]
    assert page.locator("section.draft").count() == 1

    page.goto(site + BASE + "departments/")
    no_violations(page, "the departments page")
    with page.expect_navigation():
        page.locator("#n-1-1").locator("button:has-text('点検・評価の対象にする')").click()
    assert "1-1 を点検・評価の対象にしました。" in page.inner_text("[role=status]")
    assert page.inner_text("#n-1-1 .badge") == "対象"
    assert PlanNode.objects.get(code="1-1").education is True
    no_violations(page, "the departments page after marking")


@pytest.mark.parametrize("width", [1280, 390])
def test_the_indicator_chart_fits_the_window_and_has_no_axe_violations(site, page, width):
    page.set_viewport_size({"width": width, "height": 900})
    sign_in(page, site, "kosodate")
    page.goto(site + BASE + "indicators/K1/")
    chart = page.locator("figure.chart svg.chart")
    assert chart.count() == 1
    box = chart.bounding_box()
    assert box is not None and 0 < box["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    no_violations(page, f"the indicator page with its chart at {width} px")
