"""Every bad input through its real channel: a clear error that names the place, no server error
or traceback, and nothing written (the whole database is compared before and after).

Channels: ``shisaku import-plan`` and ``shisaku import-indicators`` (exit status 2, the error on
standard error), the staff bulk upload (the page lists each problem by file, row and column)
and the API's write endpoint (a 4xx in the error envelope, the fields named in ``details``).
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from shisaku.cli import main
from shisaku.domain.indicatordata import COLUMN_KEYS_JA, Place
from tests.badinput.cases import of
from tests.badinput.conftest import changes, snapshot
from tests.badinput.model import DIRECTORY, MISSING, Case
from tests.test_staff_support import BASE, as_user

UPLOAD = BASE + "upload/"
_ROW = re.compile(r"<tr><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td></tr>", re.S)
_TAG = re.compile(r"<[^>]+>")
_SUMMARY = re.compile(r'<div class="error-summary".*?</div>', re.S)


def _ids(case: Case) -> str:
    return case.name.split(":", 1)[1]


def _file(case: Case, tmp_path: Path) -> Path:
    """Return the path to give a command: the committed file, or one made for this run."""
    if case.make is None:
        return case.path
    path = tmp_path / case.file_name
    data = case.make()
    if data == DIRECTORY:
        path.mkdir()
    elif data != MISSING:
        path.write_bytes(data)
    return path


def _run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def _assert_says(text: str, case: Case) -> None:
    missing = [f for f in case.expect if f not in text]
    assert not missing, f"{case.name}: {missing} not in:\n{text[:3000]}"


@pytest.fixture(autouse=True)
def _home(settings, tmp_path):
    """Keep the staff upload's pending files in this test's own folder."""
    settings.HOME = tmp_path / "home"


@pytest.mark.parametrize("case", of("import-plan"), ids=_ids)
def test_import_plan_names_the_line_or_path_and_writes_nothing(case, town, tmp_path, capsys):
    path = _file(case, tmp_path)
    before = snapshot()
    code, _, err = _run(capsys, "import-plan", str(path), *case.args)
    assert code == 2
    assert err.startswith("エラー: ")
    _assert_says(err, case)
    assert changes(before, snapshot()) == {}


@pytest.mark.parametrize("case", of("import-indicators"), ids=_ids)
def test_import_indicators_names_the_row_and_column_and_writes_nothing(
    case, town, tmp_path, capsys
):
    path = _file(case, tmp_path)
    before = snapshot()
    code, out, err = _run(capsys, "import-indicators", str(path))
    if case.outcome == "nothing":
        assert (code, err) == (0, "")
        assert "変更はありません" in out
    else:
        assert code == 2
        _assert_says(err, case)
        assert err.endswith("件のエラーがあります。何も書き込んでいません。\n")
    assert changes(before, snapshot()) == {}


def _problems(page: str) -> str:
    """Return the problems the page shows: each row of its problem table joined back as
    「file の N 行目 の column 列: message」, then the form's error summary (a file refused
    before it is read: too large, empty, of another type)."""
    rows = []
    _, found, rest = page.partition('<table class="errors">')
    table = rest.split("</table>", 1)[0] if found else ""
    for source, row, column, message in _ROW.findall(table):
        number = 0 if row == "—" else int(row)
        # the page names the column as people read it (値); the cases name its key (value)
        key = COLUMN_KEYS_JA.get(html.unescape(column), html.unescape(column))
        place = Place(html.unescape(source), number, "" if column == "—" else key)
        rows.append(f"{place}: {html.unescape(message)}")
    summary = _SUMMARY.search(page)
    if summary:
        rows.append(html.unescape(_TAG.sub(" ", summary[0])))
    return "\n".join(rows)


def _pending(settings) -> list[Path]:
    folder = Path(settings.HOME) / "uploads"
    return sorted(folder.iterdir()) if folder.exists() else []


@pytest.mark.parametrize("case", of("staff-upload"), ids=_ids)
def test_the_staff_upload_shows_each_problem_and_writes_nothing(case, town, settings):
    client = as_user("kikaku")
    upload = SimpleUploadedFile(case.file_name, case.data())
    before = snapshot()
    response = client.post(UPLOAD, {"file": upload})
    page = response.content.decode()
    assert "Traceback" not in page
    if case.outcome == "nothing":
        assert response.status_code == 200
        assert "数値: 追加 0 件・修正 0 件・変更なし 0 件。まだ何も書き込んでいません。" in page
    else:
        assert response.status_code == 400
        _assert_says(_problems(page), case)
        assert _pending(settings) == []
    assert changes(before, snapshot()) == {}


@pytest.mark.parametrize("case", of("api"), ids=_ids)
def test_the_api_answers_4xx_in_the_envelope_naming_the_fields_and_writes_nothing(case, world):
    headers = dict(case.headers)
    if case.token is not None:
        headers["Authorization"] = f"Bearer {world.get(case.token, case.token)}"
    before = snapshot()
    response = Client().generic(
        "POST", case.url, case.data(), content_type=case.content_type, headers=headers
    )
    assert response.status_code == case.status, response.content.decode()[:2000]
    assert response["Content-Type"] == "application/json; charset=utf-8"
    payload = response.json()
    assert set(payload) == {"error"}
    error = payload["error"]
    assert error["status"] == case.status
    _assert_says(json.dumps(payload, ensure_ascii=False), case)
    if case.fields:
        assert sorted(d["field"] for d in error["details"]) == sorted(case.fields)
    assert changes(before, snapshot()) == {}
