"""Upload templates: the exact columns under Japanese headers, an example sheet, a notes sheet,
and a template filled in and uploaded back is read and applied."""

import io
import re

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shisaku.domain.indicatordata import COLUMN_LABELS, DEFINITION_COLUMNS, FIGURE_COLUMNS
from shisaku.indicators.models import Figure, Indicator
from tests.test_staff_support import BASE, SLUG, TOWN, as_user, text, town_fixture  # noqa: F401

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@pytest.fixture(autouse=True)
def _home(settings, tmp_path):
    settings.HOME = tmp_path


def workbook(client, kind: str) -> openpyxl.Workbook:
    response = client.get(f"{BASE}upload/template/{kind}.xlsx")
    assert response.status_code == 200
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(response.content))


def rows(sheet) -> list[list[str]]:
    return [[c if c is not None else "" for c in row] for row in sheet.iter_rows(values_only=True)]


def test_the_figures_template_has_the_exact_columns_an_example_and_notes(town):
    book = workbook(as_user("kosodate"), "figures")
    assert book.sheetnames == ["数値", "記入例", "説明"]
    header = [
        "団体コード",
        "計画",
        "指標コード",
        "種類",
        "年度・時点",
        "値",
        "備考",
        "出典",
        "内訳",
    ]
    assert header == [COLUMN_LABELS[c][0] for c in FIGURE_COLUMNS]
    assert rows(book["数値"]) == [header]
    example = rows(book["記入例"])
    assert example[0] == header
    assert example[1][:4] == [TOWN, SLUG, "K1", "実績値"]
    notes = rows(book["説明"])
    assert notes[0] == ["列", "必須", "意味", "書き方・使える値"]
    assert [n[0] for n in notes[1:]] == header
    assert notes[4] == [
        "種類",
        "必須",
        "数値の種類",
        "基準値・目標値・実績値（baseline / target / actual）",
    ]
    assert notes[7][:2] == ["備考", "任意"]


def test_the_definitions_template_names_this_plan_in_its_notes(town):
    book = workbook(as_user("kikaku"), "definitions")
    assert book.sheetnames == ["指標定義", "記入例", "説明"]
    assert rows(book["指標定義"]) == [[COLUMN_LABELS[c][0] for c in DEFINITION_COLUMNS]]
    notes = {n[0]: n for n in rows(book["説明"])[1:]}
    assert notes["計画"] == ["計画", "必須", "計画の識別子", f"この計画: {SLUG}"]
    assert notes["目指す方向"][1] == "必須"
    header = rows(book["指標定義"])[0]
    assert header[header.index("単位") : header.index("単位") + 2] == ["単位", "単位（英語）"]
    assert notes["単位（英語）"] == ["単位（英語）", "任意", "単位の英訳", "30字まで"]
    assert rows(book["記入例"])[1][4] == "（記入例）子育て支援センターの利用者数"


def test_an_unknown_template_is_not_found(town):
    assert as_user("kosodate").get(f"{BASE}upload/template/budget.xlsx").status_code == 404


def filled(book: openpyxl.Workbook, sheet: str, *lines: list[str]) -> SimpleUploadedFile:
    for line in lines:
        book[sheet].append(line)
    out = io.BytesIO()
    book.save(out)
    return SimpleUploadedFile("記入済み.xlsx", out.getvalue(), content_type=XLSX)


def test_a_filled_figures_template_is_uploaded_back_without_its_example(town):
    client = as_user("kosodate")
    book = workbook(client, "figures")
    upload = filled(book, "数値", [TOWN, SLUG, "K3", "実績値", "令和6年度", "25人"])
    preview = text(client.post(f"{BASE}upload/", {"file": upload}))
    assert "指標: 新規 0 件・更新 0 件。数値: 追加 1 件・修正 0 件・変更なし 0 件。" in preview
    assert "+ K3 実績値 2024年度（令和6年度）: 25人" in preview
    token = re.search(r'name="token" value="([^"]+)"', preview).group(1)
    client.post(f"{BASE}upload/confirm/", {"token": token})
    assert Figure.objects.get(indicator__code="K3", kind="actual").raw == "25人"
    assert not Figure.objects.filter(indicator__code="K1", raw="1,820件").exists()


def test_a_filled_definitions_template_creates_the_indicators_it_lists(town):
    client = as_user("kikaku")
    book = workbook(client, "definitions")
    width = len(DEFINITION_COLUMNS)
    line = [TOWN, SLUG, "K9", "", "図書館の貸出冊数", *[""] * (width - 5)]
    line[DEFINITION_COLUMNS.index("direction")] = "増加"
    line[DEFINITION_COLUMNS.index("unit")] = "冊"
    preview = text(client.post(f"{BASE}upload/", {"file": filled(book, "指標定義", line)}))
    assert "指標: 新規 1 件・更新 0 件。" in preview
    token = re.search(r'name="token" value="([^"]+)"', preview).group(1)
    client.post(f"{BASE}upload/confirm/", {"token": token})
    made = Indicator.objects.get(code="K9")
    assert (made.name_ja, made.unit, made.direction) == ("図書館の貸出冊数", "冊", "increase")
