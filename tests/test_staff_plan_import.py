"""Importing a plan document from the workspace: upload, preview, correct the reading, import.

Also the page count a long PDF reports while it is read (the workspace polls it; the command
line draws it as a bar).
"""

from __future__ import annotations

import io
import os
import re
import time
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from shisaku.audit.models import AuditEntry
from shisaku.cli.plan_commands import _PageBar
from shisaku.documents import read_document
from shisaku.documents.pdf import read_pdf
from shisaku.domain.plandoc_profile import profile_from_dict
from shisaku.exchange.planfiles import read_plan_bytes, read_plan_file, render
from shisaku.indicators.documents import plan_with_indicators
from shisaku.indicators.models import Figure, Indicator
from shisaku.plan.models import Plan, PlanNode
from shisaku.plan.queries import find_plan
from shisaku.staff import planimport_store as store
from tests.conftest import FIXTURES
from tests.test_staff_support import TOWN, as_user, text, town_fixture  # noqa: F401

PLANS = FIXTURES / "plans"
TWO_COLUMN = PLANS / "pdf-two-column.pdf"


class _Terminal(io.StringIO):
    """A stream that says it is a terminal."""

    def isatty(self) -> bool:
        return True


# --- the pages read, told as they are read -----------------------------------------------------


def test_a_pdf_tells_its_pages_as_they_are_read_and_reads_the_same():
    told: list[tuple[int, int]] = []
    assert read_pdf(TWO_COLUMN, progress=lambda done, total: told.append((done, total))) == (
        read_pdf(TWO_COLUMN)
    )
    assert told == [(0, 2), (1, 2), (2, 2)]


def test_worker_processes_tell_the_pages_of_each_share(monkeypatch):
    monkeypatch.setattr("shisaku.documents.pdf.PARALLEL_PAGES", 2)
    told: list[tuple[int, int]] = []
    found = read_pdf(TWO_COLUMN, workers=2, progress=lambda d, t: told.append((d, t)))
    assert found == read_pdf(TWO_COLUMN)
    assert told[0] == (0, 2) and told[-1] == (2, 2)


def test_a_word_file_and_a_text_file_tell_nothing_and_read_the_same():
    told: list[tuple[int, int]] = []
    docx = PLANS / "word-headings.docx"
    assert read_document(docx, lambda d, t: told.append((d, t))) == read_document(docx)
    text = PLANS / "kihon-kazamino-seisaku.txt"
    loaded = read_plan_file(text, progress=lambda d, t: told.append((d, t)))
    assert loaded.nodes == read_plan_file(text).nodes
    assert told == []


def test_an_uploaded_pdf_tells_its_pages_through_read_plan_bytes():
    told: list[tuple[int, int]] = []
    loaded = read_plan_bytes(
        TWO_COLUMN.name, TWO_COLUMN.read_bytes(), progress=lambda *p: told.append(p)
    )
    assert loaded.nodes == read_plan_file(TWO_COLUMN).nodes
    assert told == [(0, 2), (1, 2), (2, 2)]


def test_the_command_line_draws_the_pages_on_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr("sys.stderr", terminal := _Terminal())
    bar = _PageBar()
    for done in range(4):
        bar(done, 3)
    drawn = terminal.getvalue()
    assert drawn.count("\r") == 3 and drawn.endswith("] 3/3\n")
    assert "PDF を読み取り中（ページ）" in drawn


def test_the_command_line_draws_nothing_in_ci(monkeypatch):
    monkeypatch.setenv("CI", "1")
    monkeypatch.setattr("sys.stderr", terminal := _Terminal())
    bar = _PageBar()
    for done in range(3):
        bar(done, 2)
    assert terminal.getvalue() == ""


# --- the workspace page ------------------------------------------------------------------------

IMPORT = f"/ja/staff/{TOWN}/plan-import/"
KAZAMINO = PLANS / "kihon-kazamino-seisaku.txt"
WORD = PLANS / "word-headings.docx"


@pytest.fixture(autouse=True)
def _home(settings, tmp_path):
    """Keep each test's waiting uploads in its own folder."""
    settings.HOME = tmp_path


def waiting_files() -> list[Path]:
    """Return the uploads kept on disk."""
    folder = Path(settings.HOME) / "plan-uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


def upload(client, path: Path, name: str | None = None, data: bytes | None = None):
    """Upload a file; return the preview page's response once the reading is done."""
    body = path.read_bytes() if data is None else data
    response = client.post(IMPORT, {"file": SimpleUploadedFile(name or path.name, body)})
    assert response.status_code == 302, text(response)
    return read_page(client, response["Location"])


def read_page(client, url: str):
    """Return the preview at ``url`` once the document has been read (it is read in a thread)."""
    for _ in range(300):
        response = client.get(url)
        if 'id="reading-progress"' not in text(response):
            return response
        time.sleep(0.1)
    raise AssertionError("the document was still being read after 30 s")


def preview_url(client) -> str:
    """Return the address of the session's waiting document."""
    held = client.session[store.SESSION_KEY]
    return f"{IMPORT}{held['token']}/"


def counts() -> dict[str, int]:
    """Return how many rows the tables an import writes hold."""
    return {
        "plans": Plan.objects.count(),
        "nodes": PlanNode.objects.count(),
        "indicators": Indicator.objects.count(),
        "figures": Figure.objects.count(),
        "audit": AuditEntry.objects.count(),
    }


def test_a_text_plan_is_previewed_with_its_tree_indicators_and_line_roles(town):
    page = text(upload(as_user("kikaku"), KAZAMINO))
    assert "kihon-kazamino-seisaku.txt の読み取り結果" in page
    assert (
        '<span class="code">1-1-1</span> 相談支援体制の充実 <span class="muted">施策</span>' in page
    )
    birth = "指標 1.K1 合計特殊出生率: 1.38（2020年度（令和2年度））"
    assert f"{birth} → 1.5（2026年度（令和8年度））" in page
    assert "政策分野 2 / 政策 4 / 施策 7 / 主な取組 0 / 取組 0 / 指標の行 20" in page
    assert re.search(r"<td>見出し: 第1階層・政策分野 1</td>", page)
    assert 'value="風見野市総合計画 前期基本計画"' in page
    assert 'name="start" value="2022"' in page and 'name="end" value="2026"' in page
    assert '<p role="status">新しい計画 999997/2022-2026 を作ります。</p>' in page
    assert "指標の行 20（時点のある基準値・目標値 40）" in page


def test_dropped_lines_are_greyed_with_their_reason(town):
    page = text(upload(as_user("kikaku"), PLANS / "ebook-senryaku-shiomi.txt"))
    row = re.search(r'<tr class="muted"><td>2</td><td>—</td><td>1/26</td><td>([^<]+)</td>', page)
    assert row and row.group(1) == "除外: ページ番号"


def test_a_word_file_is_previewed_with_its_headings(town):
    page = text(upload(as_user("kikaku"), WORD))
    assert '<span class="code">1-1.1</span> 妊娠期からの相談体制の充実' in page
    assert "第6次東雲川町総合計画 後期基本計画" in page
    assert (
        "ヘッダー「第6次東雲川町総合計画　後期基本計画」は本文ではないため読み込んでいません"
        in page
    )


def test_a_pdf_is_previewed_with_the_pages_of_its_lines(town):
    page = text(upload(as_user("kikaku"), TWO_COLUMN))
    assert "pdf-two-column.pdf の読み取り結果" in page
    assert re.search(r"<tr><td>\d+</td><td>2</td><td>[^<]+</td><td>見出し: ", page)
    assert 'value="みずほ野町第5次総合計画"' in page
    assert "<td>(1) 現状と課題</td><td>項目の見出し: 現状と課題</td>" in page
    assert (
        '<input type="text" name="start" inputmode=' in page
    )  # no period stated: the user gives it
    assert "計画名と計画期間を入れると、取り込みの内容が表示されます。" in page


def test_a_pdf_page_is_shown_as_an_image_beside_its_lines(town):
    client = as_user("kikaku")
    page = text(upload(client, TWO_COLUMN))
    link = f"{preview_url(client)}pages/2.png"
    assert f'<a href="{link}">2<span class="visually-hidden"> （ページの画像）</span></a>' in page
    image = client.get(link)
    assert image["Content-Type"] == "image/png" and image.content.startswith(b"\x89PNG")
    assert client.get(f"{preview_url(client)}pages/3.png").status_code == 404


def test_a_text_file_has_no_page_images(town):
    client = as_user("kikaku")
    upload(client, KAZAMINO)
    assert client.get(f"{preview_url(client)}pages/1.png").status_code == 404


def test_a_fault_of_the_reader_is_told_in_words_without_a_traceback():
    from shisaku.staff import planimport_jobs as jobs
    from shisaku.staff.planimport_reader import PlanFiles

    def broken(name, data, profile, progress, period):
        raise RuntimeError("a bug")

    files = PlanFiles(read=broken, error=ValueError)
    jobs.wait(jobs.start("test-broken.1", files, "x.txt", b"", None))
    state = jobs.status("test-broken.1")
    assert state.state == "failed" and state.failure.unexpected
    jobs.forget("test-broken.1")


def test_a_document_that_cannot_be_read_lists_its_lines_and_writes_nothing(town):
    before = counts()
    bad = "1 くらし\n1-1 暮らしの安心\n本文です。\n1-1 暮らしの安全\n".encode()
    page = text(upload(as_user("kikaku"), KAZAMINO, name="bad.txt", data=bad))
    assert "計画として読めませんでした。何も書き込んでいません。" in page
    row = re.search(r"<tr><td>4</td><td>—</td><td>1-1 暮らしの安全</td><td>([^<]+)</td></tr>", page)
    assert (
        row
        and "まだ使われていないコード（1-1 は 2 行目の「1-1 暮らしの安心」で使用済み）"
        in row.group(1)
    )
    assert "見出しの読み方（プロファイル）" in page
    assert "Traceback" not in page
    assert counts() == before


def test_a_file_of_another_type_is_refused_naming_what_is_accepted(town):
    response = as_user("kikaku").post(
        IMPORT, {"file": SimpleUploadedFile("plan.xlsx", b"PK\x03\x04")}
    )
    assert response.status_code == 400
    assert "PDF（.pdf）、Word（.docx）、テキスト（.txt）" in text(response)
    assert waiting_files() == []


def test_a_file_too_large_is_refused(town, settings):
    settings.SHISAKU_UPLOAD_MAX_BYTES = 1024 * 1024
    big = SimpleUploadedFile("plan.txt", b"x" * (1024 * 1024 + 1))
    response = as_user("kikaku").post(IMPORT, {"file": big})
    assert response.status_code == 400
    assert "ファイルが 1 MB を超えています" in text(response)


def test_reading_again_with_a_style_read_as_text_changes_the_tree(town):
    client = as_user("kikaku")
    page = text(upload(client, KAZAMINO))
    assert '<span class="code">1-1-1</span>' in page
    assert re.search(r'<select name="level_2" id="rows-level_2">', page)
    posted = {"serial": "1", "mode": "rows", "level_0": "1", "kind_0": "field"}
    posted |= {"level_1": "2", "kind_1": "policy", "level_2": "text", "kind_2": ""}
    posted |= {"level_3": "text", "kind_3": ""}
    response = client.post(preview_url(client) + "reread/", posted)
    assert response.status_code == 302
    page = text(read_page(client, response["Location"]))
    assert '<span class="code">1-1-1</span>' not in page
    assert "政策分野 2 / 政策 0 / 施策 4 / " in page
    held = client.session[store.SESSION_KEY]
    assert (held["serial"], held["profile"]) == (2, {"headings": {"基本事業{}-{}-{}": "text"}})
    assert "基本事業{}-{}-{}: {kind: text" in page  # the YAML shown for the command line


def test_reading_again_with_a_yaml_profile(town):
    client = as_user("kikaku")
    upload(client, WORD)
    yaml_text = "headings:\n  第1章: {level: 1, kind: policy}\n"
    response = client.post(
        preview_url(client) + "reread/", {"serial": "1", "mode": "text", "text": yaml_text}
    )
    page = text(read_page(client, response["Location"]))
    assert (
        '<span class="code">1</span> 子どもが健やかに育つまち <span class="muted">政策</span>'
        in page
    )


def test_a_profile_the_reader_cannot_use_is_shown_with_what_is_wrong(town):
    client = as_user("kikaku")
    upload(client, WORD)
    response = client.post(
        preview_url(client) + "reread/",
        {"serial": "1", "mode": "text", "text": "headings:\n  ①: chapter\n"},
    )
    assert response.status_code == 400
    assert "このプロファイルは使えません: headings.①: &#x27;chapter&#x27; is not one of" in text(
        response
    )
    assert client.session[store.SESSION_KEY]["serial"] == 1


def test_unsaved_profile_edits_are_kept_for_the_session(town):
    client = as_user("kikaku")
    upload(client, WORD)
    url = preview_url(client)
    response = client.post(
        url + "draft/", {"serial": "1", "level_2": "text"}, HTTP_HX_REQUEST="true"
    )
    assert "この変更はこのセッションの間保存されます" in text(response)
    page = text(client.get(url))
    assert re.search(r'<option value="text" selected>本文として読む</option>', page)


def test_the_profile_downloads_as_yaml_for_the_command_line(town):
    client = as_user("kikaku")
    upload(client, WORD)
    response = client.get(preview_url(client) + "profile.yaml")
    assert response["Content-Type"] == "application/yaml; charset=utf-8"
    assert "word-headings.profile.yaml" in response["Content-Disposition"]
    body = response.content.decode()
    assert "第{}章: {level: 1, kind: field" in body and "26pt: {kind: text" in body
    profile_from_dict(yaml.safe_load(body))  # the command line takes it back as it is


def test_confirming_imports_the_plan_its_nodes_and_indicators_with_audit_entries(town):
    client = as_user("kikaku")
    before = counts()
    upload(client, KAZAMINO)
    assert counts() == before  # the preview is a dry run
    assert len(waiting_files()) == 1
    response = client.post(preview_url(client) + "confirm/", {"serial": "1"})
    assert response.status_code == 302
    plan = Plan.objects.get(municipality__code=TOWN, slug="2022-2026")
    assert plan.title_ja == "風見野市総合計画 前期基本計画"
    assert PlanNode.objects.filter(plan=plan).count() == 13
    assert Indicator.objects.filter(plan=plan).count() == 20
    birth = Indicator.objects.get(plan=plan, code="1.K1")
    figures = {(f.kind, f.period, f.raw) for f in birth.figures.all()}
    assert figures == {("baseline", "FY2020", "1.38"), ("target", "FY2026", "1.50")}
    assert Figure.objects.filter(indicator__plan=plan).count() == 40
    entries = AuditEntry.objects.filter(actor="user:kikaku")
    assert entries.filter(action="plan.create").count() == 1
    assert entries.filter(action="indicator.save").count() == 20
    assert waiting_files() == [] and store.SESSION_KEY not in client.session
    done = text(client.get(response["Location"]))
    assert (
        "新しい計画「風見野市総合計画 前期基本計画」（999997/2022-2026、版 1）を作りました。"
        in done
    )
    assert f'href="/ja/staff/{TOWN}/2022-2026/"' in done
    assert "preview" not in done


def test_the_import_is_found_under_the_plan_of_the_same_period_when_read_again(town):
    client = as_user("kikaku")
    upload(client, KAZAMINO)
    client.post(preview_url(client) + "confirm/", {"serial": "1"})
    page = text(upload(client, KAZAMINO))
    assert "計画 999997/2022-2026 の体系は変わりません。" in page


def test_a_refused_import_shows_its_messages_and_writes_nothing(town, monkeypatch):
    from shisaku.accounts.permissions import PermissionDenied, action_label

    client = as_user("kikaku")
    upload(client, KAZAMINO)
    before = counts()

    def refuse(**kwargs):
        if not kwargs["dry_run"]:
            refused = f"user:kikaku は 999997 で{action_label('plan.import')}を行う権限がありません"
            raise PermissionDenied(refused)
        return real(**kwargs)

    import shisaku.staff.planimport_plan as plan_module

    real = plan_module.import_plan_document
    monkeypatch.setattr(plan_module, "import_plan_document", refuse)
    response = client.post(preview_url(client) + "confirm/", {"serial": "1"})
    assert response.status_code == 400
    page = text(response)
    assert "取り込めませんでした。何も書き込んでいません。" in page
    assert f"{action_label('plan.import')}を行う権限がありません" in page
    assert "plan.import" not in page
    assert counts() == before
    assert len(waiting_files()) == 1


def test_a_department_user_is_refused(town):
    client = as_user("kosodate")
    assert client.get(IMPORT).status_code == 403
    response = client.post(IMPORT, {"file": SimpleUploadedFile(KAZAMINO.name, b"1 x")})
    assert response.status_code == 403
    assert waiting_files() == []


def test_only_the_planning_office_sees_the_link(town):
    base = f"/ja/staff/{TOWN}/2024-2028/"
    assert f'href="{IMPORT}"' in text(as_user("kikaku").get(base + "indicators/"))
    assert f'href="{IMPORT}"' not in text(as_user("kosodate").get(base + "indicators/"))


def test_cancelling_deletes_the_upload(town):
    client = as_user("kikaku")
    upload(client, KAZAMINO)
    assert len(waiting_files()) == 1
    url = preview_url(client)
    response = client.post(url + "cancel/")
    assert response.status_code == 302
    assert waiting_files() == [] and store.SESSION_KEY not in client.session
    assert "取り込みを取り消し、アップロードしたファイルを削除しました" in text(
        client.get(response["Location"])
    )
    assert client.get(url).status_code == 302


def test_another_session_cannot_see_the_upload(town):
    client = as_user("kikaku")
    upload(client, KAZAMINO)
    url = preview_url(client)
    other = as_user("kikaku")
    response = other.get(url)
    assert response.status_code == 302
    assert "その取り込みは有効期限が切れています" in text(other.get(response["Location"]))


def test_a_new_upload_replaces_the_waiting_one(town):
    client = as_user("kikaku")
    upload(client, KAZAMINO)
    upload(client, WORD)
    assert len(waiting_files()) == 1


def test_a_reading_in_progress_shows_its_pages_and_the_page_polls_them(town, monkeypatch):
    from shisaku.staff import planimport_jobs as jobs

    monkeypatch.setattr(jobs, "QUICK_SECONDS", 0.0)
    client = as_user("kikaku")
    response = client.post(IMPORT, {"file": SimpleUploadedFile("p.txt", KAZAMINO.read_bytes())})
    held = store.pending(client.session, TOWN, client.session[store.SESSION_KEY]["token"])
    jobs.cache.set(jobs.PREFIX + held.job, jobs.Reading("reading", 3, 200), 60)
    page = text(client.get(response["Location"]))
    assert "読み取り中: 3 / 200 ページ" in page
    assert 'hx-trigger="every 1s"' in page
    assert f'href="{response["Location"]}"' in page  # a reload link without JavaScript
    fragment = client.get(response["Location"] + "progress/", HTTP_HX_REQUEST="true")
    assert "3 / 200" in text(fragment)
    jobs.cache.set(jobs.PREFIX + held.job, jobs.Reading("failed", failure=jobs.Failure("x")), 60)
    done = client.get(response["Location"] + "progress/", HTTP_HX_REQUEST="true")
    assert done["HX-Refresh"] == "true"


def test_an_exchange_file_of_this_municipality_is_previewed_as_its_plan(town):
    exported = render(plan_with_indicators(find_plan(TOWN, "2024-2028")), "json")
    client = as_user("kikaku")
    page = text(upload(client, KAZAMINO, name="plan.json", data=exported.encode()))
    assert 'value="試験市総合計画"' in page and 'name="start" value="2024"' in page
    assert "計画 999997/2024-2028 の体系は変わりません。" in page


def test_an_exchange_file_of_another_municipality_is_not_imported_here(town):
    exported = render(plan_with_indicators(find_plan(TOWN, "2024-2028")), "json")
    other = exported.replace('"code": "999997"', '"code": "011002"', 1)
    client = as_user("kikaku")
    page = text(upload(client, KAZAMINO, name="plan.json", data=other.encode()))
    assert "このファイルは別の団体（011002）の計画です。その団体で取り込んでください。" in page
    assert "この内容で取り込む" not in page


def test_uploads_left_for_a_day_are_swept_on_the_next_upload(town):
    client = as_user("kikaku")
    upload(client, KAZAMINO)
    (left,) = waiting_files()
    day_ago = time.time() - store.KEEP_SECONDS - 60
    os.utime(left, (day_ago, day_ago))
    as_user("kikaku").post(IMPORT, {"file": SimpleUploadedFile(WORD.name, WORD.read_bytes())})
    assert left not in waiting_files() and len(waiting_files()) == 1


def test_the_page_in_english(town):
    client = as_user("kikaku")
    page = text(client.get(IMPORT.replace("/ja/", "/en/")))
    assert "Import a plan document" in page
    upload(client, KAZAMINO)
    page = text(client.get(preview_url(client).replace("/ja/", "/en/")))
    assert "Reading of kihon-kazamino-seisaku.txt" in page
    assert "Indicator 1.K1 合計特殊出生率: 1.38 (FY2020 (Reiwa 2))" in page
    assert "<td>Heading: level 1, Field 1</td>" in page
    assert "A new plan 999997/2022-2026 will be created." in page


def test_years_printed_without_their_era_take_it_from_the_period_typed_in_the_plan_form(town):
    client = as_user("kikaku")
    body = (
        "1 くらし\n1-1 暮らしの安心\n成果指標\n指標名\t現状値(2年度)\t目標値(6年度)\n"
        "相談件数\t120件\t150件\n"
    ).encode()
    upload(client, KAZAMINO, name="plan.txt", data=body)  # read first without a period
    plan = {"title": "試験計画", "title_en": "", "start": "2021", "end": "2024", "slug": ""}
    response = client.post(preview_url(client) + "plan/", plan)
    assert response.status_code == 302
    read_page(client, preview_url(client))
    serial = client.session[store.SESSION_KEY]["serial"]  # read again with the period: 2
    assert client.post(preview_url(client) + "confirm/", {"serial": serial}).status_code == 302
    indicator = Indicator.objects.get(plan__slug="2021-2024", code="1-1.K1")
    figures = {(f.kind, f.period, f.raw) for f in indicator.figures.all()}
    assert figures == {("baseline", "FY2020", "120件"), ("target", "FY2024", "150件")}
