"""Bulk upload: per-row errors and nothing written, or a preview, then apply on confirmation."""

import io
import re
from dataclasses import replace

import openpyxl
import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from shisaku.indicators.models import Figure
from shisaku.staff import uploads
from tests.test_staff_support import BASE, SLUG, TOWN, as_user, text, town_fixture  # noqa: F401

UPLOAD = BASE + "upload/"
HEADER = "municipality_code,plan,indicator_code,kind,period,value,note\n"


def csv_file(*rows: str, name: str = "figures.csv") -> SimpleUploadedFile:
    body = HEADER + "".join(f"{row}\n" for row in rows)
    return SimpleUploadedFile(name, body.encode("utf-8"), content_type="text/csv")


def token(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page).group(1)


@pytest.fixture(autouse=True)
def _home(settings, tmp_path):
    """Keep each test's pending uploads in its own folder."""
    settings.HOME = tmp_path


def pending_files() -> list:
    folder = settings.HOME / "uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_a_file_with_one_bad_row_shows_its_row_and_column_and_writes_nothing(town):
    upload = csv_file(
        f"{TOWN},{SLUG},K3,actual,2024年度,25人,",
        f"{TOWN},{SLUG},K3,actual,2025年度,たくさん1,",
    )
    response = as_user("kosodate").post(UPLOAD, {"file": upload})
    assert response.status_code == 400
    page = text(response)
    assert "figures.csv: 1 件の問題があります。何も書き込んでいません。" in page
    row = re.search(r"<tr><td>figures.csv</td><td>(\d+)</td><td>([^<]*)</td><td>([^<]*)</td>", page)
    assert row.groups()[:2] == ("3", "値")  # the column's name, not its key
    assert "『たくさん1』は値として読めません" in row.group(3)
    assert not Figure.objects.filter(indicator__code="K3").exists()
    assert pending_files() == []


def test_a_good_file_is_previewed_then_applied_on_confirmation(town):
    client = as_user("kosodate")
    upload = csv_file(
        f"{TOWN},{SLUG},K3,actual,令和6年度,25人,",
        f"{TOWN},{SLUG},K1,actual,2024年度,100件,",
    )
    preview = client.post(UPLOAD, {"file": upload})
    assert preview.status_code == 200
    page = text(preview)
    assert (
        "指標: 新規 0 件・更新 0 件。数値: 追加 1 件・修正 0 件・変更なし 1 件。"
        "まだ何も書き込んでいません。" in page
    )
    assert "+ K3 実績値 2024年度（令和6年度）: 25人" in page
    assert not Figure.objects.filter(indicator__code="K3").exists()
    assert len(pending_files()) == 1
    done = client.post(UPLOAD + "confirm/", {"token": token(page)})
    assert done.status_code == 302
    stored = Figure.objects.get(indicator__code="K3")
    assert (stored.raw, stored.entered_by) == ("25人", "user:kosodate")
    assert pending_files() == []
    assert "ファイルを反映しました: 数値の追加 1 件" in text(client.get(done["Location"]))


def test_an_excel_workbook_is_read_the_same_way(town):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(HEADER.strip().split(","))
    sheet.append([TOWN, SLUG, "K3", "actual", "R6", "30人", ""])
    data = io.BytesIO()
    book.save(data)
    upload = SimpleUploadedFile("figures.xlsx", data.getvalue())
    page = text(as_user("kikaku").post(UPLOAD, {"file": upload}))
    assert "+ K3 実績値 2024年度（令和6年度）: 30人" in page


def test_the_confirmation_needs_the_token_of_this_session(town):
    client = as_user("kosodate")
    page = text(client.post(UPLOAD, {"file": csv_file(f"{TOWN},{SLUG},K3,actual,2024年度,25人,")}))
    other = as_user("kikaku")
    response = other.post(UPLOAD + "confirm/", {"token": token(page)})
    assert response.status_code == 302
    assert "その取り込みは有効期限が切れています" in text(other.get(response["Location"]))
    assert not Figure.objects.filter(indicator__code="K3").exists()


def test_cancelling_deletes_the_kept_file(town):
    client = as_user("kosodate")
    client.post(UPLOAD, {"file": csv_file(f"{TOWN},{SLUG},K3,actual,2024年度,25人,")})
    assert len(pending_files()) == 1
    assert client.post(UPLOAD + "cancel/").status_code == 302
    assert pending_files() == []
    assert uploads.SESSION_KEY not in client.session


def test_rows_of_another_department_are_errors_at_their_rows(town):
    upload = csv_file(f"{TOWN},{SLUG},K2,actual,2024年度,7件,")
    page = text(as_user("kosodate").post(UPLOAD, {"file": upload}))
    assert "この行（担当: 土木課）を書き込む権限がありません" in page
    assert not Figure.objects.filter(indicator__code="K2").exists()


def test_rows_of_another_plan_are_errors(town, operator):
    from shisaku.domain.plantree import PlanMeta
    from shisaku.indicators.services import apply_batch
    from shisaku.plan.services import import_plan
    from tests.test_staff_support import IndicatorBatch, definition

    meta = PlanMeta(title="試験市前期計画", period_start=2019, period_end=2023)
    import_plan(actor=operator, municipality_code=TOWN, meta=meta, nodes=[])
    earlier = definition("K1", "相談件数", "子育て支援課", node="")
    apply_batch(
        actor=operator, batch=IndicatorBatch(definitions=[replace(earlier, plan="2019-2023")])
    )
    upload = csv_file(f"{TOWN},2019-2023,K1,actual,2020年度,90件,")
    response = as_user("kikaku").post(UPLOAD, {"file": upload})
    assert "この行は別の計画（999997/2019-2023）のものです" in text(response)
    assert not Figure.objects.filter(period="FY2020").exists()


@pytest.mark.parametrize(
    ("name", "body", "message"),
    [
        ("figures.pdf", b"%PDF", "CSV ファイル（.csv）か Excel ブック（.xlsx）を選んでください。"),
        ("big.csv", b"x" * 2048, "ファイルが 5 MB を超えています"),
    ],
)
def test_files_of_another_type_or_too_large_are_refused(town, settings, name, body, message):
    settings.SHISAKU_UPLOAD_MAX_BYTES = 1024
    response = as_user("kikaku").post(UPLOAD, {"file": SimpleUploadedFile(name, body)})
    assert response.status_code == 400
    assert message in text(response)


def test_reviewers_cannot_apply_a_file(town):
    upload = csv_file(f"{TOWN},{SLUG},K3,actual,2024年度,25人,")
    page = text(as_user("iin").post(UPLOAD, {"file": upload}))
    assert "を書き込む権限がありません" in page
    assert pending_files() == []


def test_the_upload_page_in_english(town):
    page = text(as_user("kikaku").get(UPLOAD.replace("/ja/", "/en/")))
    assert "Upload a file of figures" in page
    assert 'enctype="multipart/form-data"' in page
